//! Agreements: cooperation instruments between the organization and its
//! partners, titled in Arabic, English and French the way real ones are
//! ("Memorandum of Understanding on Cooperation in Heritage Preservation",
//! "مذكرة تفاهم بشأن التعاون في مجال صون التراث", "Protocole d'accord relatif
//! à la coopération en matière de préservation du patrimoine").
//!
//! [`agreements`] yields, for each agreement, the fields a client would send
//! (in `prospect`), the status it should reach and the route that takes it
//! there: every move is an arrow of the lifecycle drawing, every review
//! decision is taken on the open step of the default chain (technical review
//! by the lead unit, Legal Affairs, the General Directorate), every party
//! signs before validation and validation precedes entry into force. The
//! caller plays the route through the store so that stages, review steps,
//! signatures and audit events are real.
//!
//! Dates are relative to the `today` argument (no clock is read): some active
//! agreements end in the next 7, 30 or 90 days, expired ones ended in the
//! past, pending ones start in the future.

use crate::names::{ALL_POOLS, pool};
use crate::{Rng, ar_li, mix, starts_with_vowel};
use accord_domain::agreement::{
    Action, AgreementInput, AgreementKind, AgreementStatus, MoneyInput,
};
use accord_domain::text::LocalizedText;
use time::{Date, Duration};
use uuid::Uuid;

/// A decision on the open review step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewDecision {
    /// The step is cleared; the next opens, or the chain is cleared after the last.
    Cleared,
    /// Back to negotiation with a comment.
    ChangesRequested,
    /// Rejected: the agreement is withdrawn.
    Rejected,
}

impl ReviewDecision {
    /// The stable code (`cleared`, `changes_requested`, `rejected`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewDecision::Cleared => "cleared",
            ReviewDecision::ChangesRequested => "changes_requested",
            ReviewDecision::Rejected => "rejected",
        }
    }
}

/// A signature by one party.
#[derive(Debug, Clone)]
pub struct SeedSignature {
    /// Index into the agreement's `partner_ids`, or `None` for the organization itself.
    pub party: Option<usize>,
    /// Who signed.
    pub signatory: String,
    /// In what capacity.
    pub capacity: String,
    /// When.
    pub signed_on: Date,
    /// Where.
    pub place: String,
    /// `ink`, `electronic` or `exchange_of_letters`.
    pub method: &'static str,
}

/// One step of an agreement's route, in order.
#[derive(Debug, Clone)]
pub enum SeedStep {
    /// A transition taken by a person or by the system (`Expire`), with its reason when the
    /// action needs one. `SubmitForReview` opens a new review cycle.
    Move {
        /// The action (an arrow of the drawing from the status reached so far).
        action: Action,
        /// The reason, in the agreement's working language.
        reason: Option<String>,
    },
    /// A decision on the open step of the review chain, by that step's assignee.
    Decide {
        /// The position of the step in the default chain (0 technical, 1 legal, 2 director).
        position: usize,
        /// The decision.
        decision: ReviewDecision,
        /// The reviewer's comment, if any.
        comment: Option<String>,
    },
    /// A party signs; once every party and the organization have signed, the agreement
    /// moves to validation.
    Sign(SeedSignature),
    /// Legal Affairs validates; the agreement enters into force at once when the date is
    /// `today` or earlier.
    Validate {
        /// The registry number.
        registry_number: String,
        /// The date of entry into force.
        entry_into_force_on: Date,
    },
}

/// A generated agreement with the route to its target status.
#[derive(Debug, Clone)]
pub struct SeedAgreement {
    /// The fields as a client would send them; `owner_id`, `parent_id`, `amends_id` and
    /// `renews_id` are left empty (see `parent`, `amends`, `renews`).
    pub input: AgreementInput,
    /// The status the route ends in.
    pub status: AgreementStatus,
    /// Index of the framework agreement this executive programme implements.
    pub parent: Option<usize>,
    /// Index of the agreement this one amends.
    pub amends: Option<usize>,
    /// Index of the agreement this one renews.
    pub renews: Option<usize>,
    /// The route from `prospect`, in order.
    pub steps: Vec<SeedStep>,
}

impl SeedAgreement {
    /// True when the agreement refers to an earlier one (which must be stored first).
    pub fn is_linked(&self) -> bool {
        self.parent.is_some() || self.amends.is_some() || self.renews.is_some()
    }
}

/// Number of steps of the default review chain that routes assume.
pub const CHAIN_STEPS: usize = 3;

/// The target distribution of statuses, in percent (sums to 100).
pub const STATUS_WEIGHTS: [(AgreementStatus, u32); 11] = [
    (AgreementStatus::Prospect, 7),
    (AgreementStatus::Negotiation, 14),
    (AgreementStatus::Review, 8),
    (AgreementStatus::Signature, 5),
    (AgreementStatus::Validation, 4),
    (AgreementStatus::Active, 36),
    (AgreementStatus::Suspended, 2),
    (AgreementStatus::Expired, 12),
    (AgreementStatus::Completed, 6),
    (AgreementStatus::Terminated, 2),
    (AgreementStatus::Withdrawn, 4),
];

/// Lead units agreements are drawn from.
pub const LEAD_UNITS: [&str; 5] = ["ED", "ST", "CC", "SHS", "PIC"];

/// A field of cooperation: English (title case), French without article and with it,
/// Arabic (definite), lead unit, tags.
struct Topic {
    en: &'static str,
    fr: &'static str,
    fr_def: &'static str,
    ar: &'static str,
    unit: &'static str,
    tags: &'static [&'static str],
}

macro_rules! topic {
    ($en:literal, $fr:literal, $fr_def:literal, $ar:literal, $unit:literal, [$($tag:literal),*]) => {
        Topic { en: $en, fr: $fr, fr_def: $fr_def, ar: $ar, unit: $unit, tags: &[$($tag),*] }
    };
}

#[rustfmt::skip]
const TOPICS: &[Topic] = &[
    topic!("Heritage Preservation", "préservation du patrimoine", "la préservation du patrimoine", "صون التراث", "CC", ["heritage", "culture"]),
    topic!("Manuscript Digitization", "numérisation des manuscrits", "la numérisation des manuscrits", "رقمنة المخطوطات", "CC", ["heritage", "digital"]),
    topic!("Teacher Training", "formation des enseignants", "la formation des enseignants", "تدريب المعلمين", "ED", ["education", "capacity-building"]),
    topic!("Early Childhood Education", "éducation de la petite enfance", "l'éducation de la petite enfance", "تربية الطفولة المبكرة", "ED", ["education", "sdg4"]),
    topic!("Literacy and Adult Education", "alphabétisation et éducation des adultes", "l'alphabétisation et l'éducation des adultes", "محو الأمية وتعليم الكبار", "ED", ["education", "sdg4"]),
    topic!("Teaching Arabic to Speakers of Other Languages", "enseignement de l'arabe aux non-arabophones", "l'enseignement de l'arabe aux non-arabophones", "تعليم اللغة العربية للناطقين بغيرها", "ED", ["arabic-language", "education"]),
    topic!("Ethics of Artificial Intelligence", "éthique de l'intelligence artificielle", "l'éthique de l'intelligence artificielle", "أخلاقيات الذكاء الاصطناعي", "ST", ["digital", "science"]),
    topic!("Digital Transformation of Education", "transformation numérique de l'éducation", "la transformation numérique de l'éducation", "التحول الرقمي في التعليم", "ED", ["digital", "education"]),
    topic!("Water Resources Management", "gestion des ressources en eau", "la gestion des ressources en eau", "إدارة الموارد المائية", "ST", ["science", "climate"]),
    topic!("Climate Change Adaptation", "adaptation au changement climatique", "l'adaptation au changement climatique", "التكيف مع تغير المناخ", "ST", ["climate"]),
    topic!("Renewable Energy", "énergies renouvelables", "les énergies renouvelables", "الطاقات المتجددة", "ST", ["climate", "science"]),
    topic!("Youth Empowerment", "autonomisation des jeunes", "l'autonomisation des jeunes", "تمكين الشباب", "SHS", ["youth"]),
    topic!("Women's Empowerment", "autonomisation des femmes", "l'autonomisation des femmes", "تمكين المرأة", "SHS", ["women"]),
    topic!("Intercultural Dialogue", "dialogue interculturel", "le dialogue interculturel", "الحوار بين الثقافات", "SHS", ["culture"]),
    topic!("Nominations to the Islamic World Heritage List", "inscriptions sur la Liste du patrimoine du monde islamique", "les inscriptions sur la Liste du patrimoine du monde islamique", "الترشيحات لقائمة التراث في العالم الإسلامي", "CC", ["heritage"]),
    topic!("Science Popularization", "vulgarisation scientifique", "la vulgarisation scientifique", "تبسيط العلوم", "ST", ["science"]),
    topic!("Scientific Research and Innovation", "recherche scientifique et innovation", "la recherche scientifique et l'innovation", "البحث العلمي والابتكار", "ST", ["science"]),
    topic!("Technical and Vocational Training", "formation technique et professionnelle", "la formation technique et professionnelle", "التدريب التقني والمهني", "ED", ["capacity-building", "youth"]),
    topic!("Inclusive Education", "éducation inclusive", "l'éducation inclusive", "التعليم الدامج", "ED", ["education", "sdg4"]),
    topic!("Education in Emergencies", "éducation en situation d'urgence", "l'éducation en situation d'urgence", "التعليم في حالات الطوارئ", "ED", ["education"]),
    topic!("Cultural and Creative Industries", "industries culturelles et créatives", "les industries culturelles et créatives", "الصناعات الثقافية والإبداعية", "CC", ["culture"]),
    topic!("Museum Development", "développement des musées", "le développement des musées", "تطوير المتاحف", "CC", ["heritage", "culture"]),
    topic!("Intangible Cultural Heritage", "patrimoine culturel immatériel", "le patrimoine culturel immatériel", "التراث الثقافي غير المادي", "CC", ["heritage", "culture"]),
    topic!("Media and Information Literacy", "éducation aux médias et à l'information", "l'éducation aux médias et à l'information", "التربية الإعلامية والمعلوماتية", "CC", ["digital", "education"]),
    topic!("Translation and Publishing", "traduction et édition", "la traduction et l'édition", "الترجمة والنشر", "CC", ["culture", "arabic-language"]),
    topic!("Health Education", "éducation à la santé", "l'éducation à la santé", "التثقيف الصحي", "SHS", ["health", "education"]),
    topic!("Food Security", "sécurité alimentaire", "la sécurité alimentaire", "الأمن الغذائي", "ST", ["science", "climate"]),
    topic!("Space Sciences", "sciences spatiales", "les sciences spatiales", "علوم الفضاء", "ST", ["science"]),
    topic!("Biotechnology", "biotechnologies", "les biotechnologies", "التقانة الحيوية", "ST", ["science", "health"]),
    topic!("Open Educational Resources", "ressources éducatives libres", "les ressources éducatives libres", "الموارد التعليمية المفتوحة", "ED", ["education", "digital"]),
    topic!("Scholarships and Academic Exchange", "bourses d'études et échanges universitaires", "les bourses d'études et les échanges universitaires", "المنح الدراسية والتبادل الأكاديمي", "ED", ["education", "youth"]),
    topic!("the Sustainable Development Goals", "objectifs de développement durable", "les objectifs de développement durable", "أهداف التنمية المستدامة", "PIC", ["sdg17"]),
    topic!("Social Cohesion", "cohésion sociale", "la cohésion sociale", "التماسك الاجتماعي", "SHS", ["culture", "youth"]),
    topic!("Child Online Protection", "protection des enfants en ligne", "la protection des enfants en ligne", "حماية الأطفال على الإنترنت", "SHS", ["digital", "education"]),
    topic!("Islamic Civilization Studies", "études de la civilisation islamique", "les études de la civilisation islamique", "دراسات الحضارة الإسلامية", "CC", ["heritage", "culture"]),
    topic!("Arabic Calligraphy", "calligraphie arabe", "la calligraphie arabe", "الخط العربي", "CC", ["arabic-language", "heritage"]),
    topic!("Girls' Education in Science and Technology", "éducation des filles en sciences et technologies", "l'éducation des filles en sciences et technologies", "تعليم الفتيات في مجالات العلوم والتكنولوجيا", "ED", ["women", "education", "science"]),
    topic!("Cultural Tourism", "tourisme culturel", "le tourisme culturel", "السياحة الثقافية", "CC", ["culture", "heritage"]),
    topic!("Disaster Risk Reduction", "réduction des risques de catastrophe", "la réduction des risques de catastrophe", "الحد من مخاطر الكوارث", "ST", ["climate"]),
    topic!("Education for Peace", "éducation à la paix", "l'éducation à la paix", "التربية على السلام", "SHS", ["education"]),
    topic!("Youth Entrepreneurship", "entrepreneuriat des jeunes", "l'entrepreneuriat des jeunes", "ريادة الأعمال لدى الشباب", "SHS", ["youth", "capacity-building"]),
    topic!("Archaeological Research", "recherche archéologique", "la recherche archéologique", "البحث الأثري", "CC", ["heritage", "science"]),
    topic!("Rehabilitation of Historic Cities", "réhabilitation des villes historiques", "la réhabilitation des villes historiques", "إعادة تأهيل المدن التاريخية", "CC", ["heritage"]),
    topic!("Quality Assurance in Higher Education", "assurance qualité dans l'enseignement supérieur", "l'assurance qualité dans l'enseignement supérieur", "ضمان الجودة في التعليم العالي", "ED", ["education"]),
    topic!("Cultural Diplomacy", "diplomatie culturelle", "la diplomatie culturelle", "الدبلوماسية الثقافية", "PIC", ["culture"]),
    topic!("Resource Mobilization", "mobilisation des ressources", "la mobilisation des ressources", "حشد الموارد", "PIC", ["sdg17"]),
    topic!("Protection of Cultural Property in Armed Conflict", "protection des biens culturels en cas de conflit armé", "la protection des biens culturels en cas de conflit armé", "حماية الممتلكات الثقافية في حالات النزاع المسلح", "CC", ["heritage"]),
    topic!("Volunteering and Civic Engagement", "volontariat et engagement civique", "le volontariat et l'engagement civique", "التطوع والمشاركة المدنية", "SHS", ["youth"]),
    topic!("Sport for Development", "sport au service du développement", "le sport au service du développement", "الرياضة من أجل التنمية", "SHS", ["youth", "health"]),
];

/// The instrument's name for a kind: English, French, French gender (true when feminine),
/// Arabic; and its weight among new agreements.
struct Instrument {
    kind: AgreementKind,
    en: &'static str,
    fr: &'static str,
    fr_feminine: bool,
    ar: &'static str,
    weight: u32,
}

#[rustfmt::skip]
const INSTRUMENTS: &[Instrument] = &[
    Instrument { kind: AgreementKind::Mou, en: "Memorandum of Understanding", fr: "Protocole d'accord", fr_feminine: false, ar: "مذكرة تفاهم", weight: 30 },
    Instrument { kind: AgreementKind::CooperationAgreement, en: "Cooperation Agreement", fr: "Accord de coopération", fr_feminine: false, ar: "اتفاقية تعاون", weight: 18 },
    Instrument { kind: AgreementKind::FrameworkAgreement, en: "Framework Agreement", fr: "Accord-cadre", fr_feminine: false, ar: "اتفاقية إطارية", weight: 7 },
    Instrument { kind: AgreementKind::ExecutiveProgramme, en: "Executive Programme", fr: "Programme exécutif", fr_feminine: false, ar: "برنامج تنفيذي", weight: 12 },
    Instrument { kind: AgreementKind::Protocol, en: "Protocol", fr: "Protocole", fr_feminine: false, ar: "بروتوكول", weight: 6 },
    Instrument { kind: AgreementKind::LetterOfIntent, en: "Letter of Intent", fr: "Lettre d'intention", fr_feminine: true, ar: "خطاب نوايا", weight: 8 },
    Instrument { kind: AgreementKind::ExchangeOfLetters, en: "Exchange of Letters", fr: "Échange de lettres", fr_feminine: false, ar: "تبادل رسائل", weight: 5 },
    Instrument { kind: AgreementKind::FundingAgreement, en: "Funding Agreement", fr: "Accord de financement", fr_feminine: false, ar: "اتفاقية تمويل", weight: 9 },
    Instrument { kind: AgreementKind::HostAgreement, en: "Host Agreement", fr: "Accord d'accueil", fr_feminine: false, ar: "اتفاقية استضافة", weight: 5 },
];

/// A phrase in three languages.
type Tri = (&'static str, &'static str, &'static str);

/// Activities for objectives: English, French, Arabic.
#[rustfmt::skip]
const ACTIVITIES: &[Tri] = &[
    ("organize joint training workshops for {b}", "organiser des ateliers de formation conjoints au profit {b}", "تنظيم ورشات تدريبية مشتركة لفائدة {b}"),
    ("exchange expertise, studies and publications", "échanger l'expertise, les études et les publications", "تبادل الخبرات والدراسات والمنشورات"),
    ("prepare a joint action plan with measurable indicators", "élaborer un plan d'action conjoint assorti d'indicateurs mesurables", "إعداد خطة عمل مشتركة بمؤشرات قابلة للقياس"),
    ("mobilize resources for joint projects in the Member States", "mobiliser des ressources pour des projets communs dans les États membres", "حشد الموارد لمشاريع مشتركة في الدول الأعضاء"),
    ("hold an annual coordination meeting to review progress", "tenir une réunion annuelle de coordination pour faire le point sur les progrès", "عقد اجتماع تنسيقي سنوي لمتابعة التقدم المحرز"),
    ("support the implementation of national strategies", "appuyer la mise en œuvre des stratégies nationales", "دعم تنفيذ الاستراتيجيات الوطنية"),
    ("award scholarships to {b}", "octroyer des bourses à {b}", "تقديم منح دراسية لفائدة {b}"),
    ("publish a joint report and a practical guide", "publier un rapport conjoint et un guide pratique", "نشر تقرير مشترك ودليل عملي"),
    ("organize an international conference in the second year", "organiser une conférence internationale au cours de la deuxième année", "تنظيم مؤتمر دولي خلال السنة الثانية"),
];

/// Beneficiaries: English, French (with the article: "au profit des …", "à des …"), Arabic.
#[rustfmt::skip]
const BENEFICIARIES: &[Tri] = &[
    ("teachers and educational supervisors", "des enseignants et des inspecteurs pédagogiques", "المعلمين والمشرفين التربويين"),
    ("young researchers", "des jeunes chercheurs", "الباحثين الشباب"),
    ("heritage professionals", "des professionnels du patrimoine", "العاملين في مجال التراث"),
    ("women entrepreneurs", "des femmes entrepreneures", "رائدات الأعمال"),
    ("university students", "des étudiants universitaires", "طلاب الجامعات"),
    ("government officials", "des fonctionnaires gouvernementaux", "المسؤولين الحكوميين"),
    ("journalists and media professionals", "des journalistes et des professionnels des médias", "الصحفيين والإعلاميين"),
];

#[rustfmt::skip]
const WITHDRAW_REASONS: &[Tri] = &[
    ("The partner has decided not to pursue the cooperation at this stage.", "Le partenaire a décidé de ne pas donner suite à la coopération à ce stade.", "قرر الشريك عدم المضي في التعاون في هذه المرحلة."),
    ("Duplicate of an existing agreement with the same partner.", "Doublon d'un accord existant avec le même partenaire.", "تكرار لاتفاقية قائمة مع الشريك نفسه."),
    ("The project was not retained in the budget of the biennium.", "Le projet n'a pas été retenu dans le budget de l'exercice biennal.", "لم يُدرج المشروع في ميزانية فترة السنتين."),
];

#[rustfmt::skip]
const REOPEN_REASONS: &[Tri] = &[
    ("The partner confirmed its interest in a new letter.", "Le partenaire a confirmé son intérêt par une nouvelle lettre.", "أكد الشريك اهتمامه برسالة جديدة."),
    ("The partner requested changes to the text before signing.", "Le partenaire a demandé des modifications du texte avant la signature.", "طلب الشريك تعديلات على النص قبل التوقيع."),
];

#[rustfmt::skip]
const SUSPEND_REASONS: &[Tri] = &[
    ("Activities suspended pending the appointment of the partner's new management.", "Activités suspendues dans l'attente de la nomination de la nouvelle direction du partenaire.", "عُلّقت الأنشطة في انتظار تعيين الإدارة الجديدة للشريك."),
    ("Security situation in the country of implementation.", "Situation sécuritaire dans le pays de mise en œuvre.", "الوضع الأمني في بلد التنفيذ."),
    ("The contributions due under the agreement have not been paid.", "Les contributions dues au titre de l'accord n'ont pas été versées.", "لم تُسدَّد المساهمات المستحقة بموجب الاتفاقية."),
];

#[rustfmt::skip]
const TERMINATE_REASONS: &[Tri] = &[
    ("Terminated by mutual consent of the parties.", "Résilié d'un commun accord entre les parties.", "أُنهيت بالتراضي بين الطرفين."),
    ("The partner notified its withdrawal in writing, with the notice the agreement requires.", "Le partenaire a notifié son retrait par écrit, avec le préavis prévu par l'accord.", "أخطر الشريك كتابيًا بانسحابه مع مراعاة مهلة الإخطار المنصوص عليها في الاتفاقية."),
];

#[rustfmt::skip]
const REVERT_REASONS: &[Tri] = &[
    ("Terminated by mistake: the notice concerned another agreement.", "Résilié par erreur : la notification concernait un autre accord.", "أُنهيت خطأً: كان الإخطار يخص اتفاقية أخرى."),
];

#[rustfmt::skip]
const RECALL_REASONS: &[Tri] = &[
    ("Recalled to attach the partner's latest comments.", "Retiré de l'examen pour joindre les derniers commentaires du partenaire.", "سُحبت من المراجعة لإرفاق آخر ملاحظات الشريك."),
];

/// Comments asking for changes, by step position (technical, legal, director).
#[rustfmt::skip]
const CHANGES_COMMENTS: [&[Tri]; CHAIN_STEPS] = [
    &[
        ("The activities and indicators in Annex 1 must be aligned with the sector's work plan.", "Les activités et les indicateurs de l'annexe 1 doivent être alignés sur le plan de travail du secteur.", "يجب مواءمة الأنشطة والمؤشرات الواردة في الملحق 1 مع خطة عمل القطاع."),
        ("The budget lines do not match the activities described in Article 3.", "Les lignes budgétaires ne correspondent pas aux activités décrites à l'article 3.", "بنود الميزانية لا تتطابق مع الأنشطة الموصوفة في المادة 3."),
    ],
    &[
        ("Article 9 on the settlement of disputes must use the Organization's standard clause, and the privileges and immunities clause is missing.", "L'article 9 relatif au règlement des différends doit reprendre la clause type de l'Organisation, et la clause relative aux privilèges et immunités est absente.", "يجب أن تعتمد المادة 9 المتعلقة بتسوية النزاعات الصيغة المعيارية للمنظمة، كما أن البند المتعلق بالامتيازات والحصانات غير موجود."),
        ("The financial commitments in Article 5 must state the currency and the schedule of payments.", "Les engagements financiers de l'article 5 doivent préciser la devise et l'échéancier des versements.", "يجب أن تحدد الالتزامات المالية في المادة 5 العملة وجدول الدفعات."),
        ("The clause on the use of the Organization's name and emblem is missing.", "La clause relative à l'utilisation du nom et de l'emblème de l'Organisation est absente.", "البند المتعلق باستخدام اسم المنظمة وشعارها غير موجود."),
    ],
    &[
        ("Please clarify the expected benefits for the Member States before approval.", "Veuillez préciser les bénéfices attendus pour les États membres avant l'approbation.", "يرجى توضيح الفوائد المتوقعة للدول الأعضاء قبل الموافقة."),
    ],
];

#[rustfmt::skip]
const REJECT_COMMENTS: &[Tri] = &[
    ("Not aligned with the Organization's strategic priorities for the period.", "Non conforme aux priorités stratégiques de l'Organisation pour la période.", "لا تتوافق مع الأولويات الاستراتيجية للمنظمة للفترة الحالية."),
    ("The partner's commitments are not commensurate with those of the Organization.", "Les engagements du partenaire ne sont pas à la mesure de ceux de l'Organisation.", "التزامات الشريك لا تتناسب مع التزامات المنظمة."),
];

#[rustfmt::skip]
const CLEARED_COMMENTS: &[Tri] = &[
    ("No objection.", "Pas d'objection.", "لا مانع."),
    ("Cleared; minor editorial changes are marked in the margin.", "Validé ; des corrections rédactionnelles mineures sont indiquées en marge.", "تمت الموافقة؛ التعديلات التحريرية الطفيفة مشار إليها في الهامش."),
];

const PLACES: &[&str] = &[
    "Riyadh",
    "Jeddah",
    "Cairo",
    "Doha",
    "Abu Dhabi",
    "Istanbul",
    "Baku",
    "Tashkent",
    "Dakar",
    "Kuala Lumpur",
    "Jakarta",
    "Paris",
    "Geneva",
    "New York",
    "Amman",
    "Tunis",
    "Nouakchott",
    "Islamabad",
];

const CAPACITIES: &[&str] = &[
    "Minister",
    "Secretary-General",
    "President",
    "Director-General",
    "Ambassador",
    "Rector",
    "Executive Director",
    "Chair of the Board",
];

/// The working language of an agreement (reasons and comments are written in it).
#[derive(Clone, Copy)]
enum Working {
    Ar,
    En,
    Fr,
}

fn say(lang: Working, text: &Tri) -> String {
    match lang {
        Working::En => text.0,
        Working::Fr => text.1,
        Working::Ar => text.2,
    }
    .to_string()
}

fn pick_say(rng: &mut Rng, lang: Working, list: &[Tri]) -> String {
    say(lang, rng.pick(list))
}

/// French "de" before a bare noun phrase: `de formation`, `d'éducation`.
fn fr_de(phrase: &str) -> String {
    let lower_vowel = matches!(
        phrase.chars().next(),
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'é' | 'è' | 'ê' | 'â' | 'î' | 'ô' | 'œ' | 'h')
    );
    if lower_vowel || starts_with_vowel(phrase) {
        format!("d'{phrase}")
    } else {
        format!("de {phrase}")
    }
}

/// French "relatif à" agreeing with the instrument, before a feminine or elided noun.
fn fr_relatif(inst: &Instrument) -> &'static str {
    if inst.fr_feminine {
        "relative"
    } else {
        "relatif"
    }
}

/// Roman numerals for phases.
const PHASES: [(&str, &str); 3] = [("II", "الثانية"), ("III", "الثالثة"), ("IV", "الرابعة")];

fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(Duration::days(days)).unwrap_or(d)
}

/// The title of a new agreement of `inst` on `topic`; `variant` picks the phrasing,
/// `years` the period of an executive programme, `phase` an optional phase number.
fn title(
    inst: &Instrument,
    topic: &Topic,
    variant: u64,
    years: (i32, i32),
    phase: Option<usize>,
) -> (String, String, String) {
    let (en, fr, ar) = (inst.en, inst.fr, inst.ar);
    let rel = fr_relatif(inst);
    let (t_en, t_fr, t_ar) = (topic.en, topic.fr, topic.ar);
    let mut out = match inst.kind {
        AgreementKind::CooperationAgreement => (
            format!("{en} in the Field of {t_en}"),
            format!("{fr} en matière {}", fr_de(t_fr)),
            format!("{ar} في مجال {t_ar}"),
        ),
        AgreementKind::FrameworkAgreement => (
            format!("{en} on Cooperation in {t_en}"),
            format!("{fr} de coopération en matière {}", fr_de(t_fr)),
            format!("{ar} للتعاون في مجال {t_ar}"),
        ),
        AgreementKind::ExecutiveProgramme => (
            format!("{en} {}–{} on Cooperation in {t_en}", years.0, years.1),
            format!(
                "{fr} {}-{} relatif à la coopération en matière {}",
                years.0,
                years.1,
                fr_de(t_fr)
            ),
            format!(
                "{ar} للفترة {}-{} بشأن التعاون في مجال {t_ar}",
                years.0, years.1
            ),
        ),
        AgreementKind::FundingAgreement => (
            format!("{en} for the {} Programme", t_en.trim_start_matches("the ")),
            format!("{fr} du programme {}", fr_de(t_fr)),
            format!("{ar} برنامج {t_ar}"),
        ),
        AgreementKind::HostAgreement => (
            format!("{en} for the International Forum on {t_en}"),
            format!("{fr} du Forum international sur {}", topic.fr_def),
            format!("{ar} المنتدى الدولي حول {t_ar}"),
        ),
        _ => match variant % 10 {
            0..=5 => (
                format!("{en} on Cooperation in {t_en}"),
                format!("{fr} {rel} à la coopération en matière {}", fr_de(t_fr)),
                format!("{ar} بشأن التعاون في مجال {t_ar}"),
            ),
            6 | 7 => (
                format!("{en} on a Joint Programme for {t_en}"),
                format!("{fr} {rel} à un programme conjoint {}", fr_de(t_fr)),
                format!("{ar} بشأن برنامج مشترك {}", ar_li(t_ar)),
            ),
            8 => (
                format!("{en} on Capacity Building in {t_en}"),
                format!(
                    "{fr} {rel} au renforcement des capacités en matière {}",
                    fr_de(t_fr)
                ),
                format!("{ar} بشأن بناء القدرات في مجال {t_ar}"),
            ),
            _ => (
                format!("{en} on the Establishment of a Regional Centre for {t_en}"),
                format!(
                    "{fr} {rel} à la création d'un centre régional {}",
                    fr_de(t_fr)
                ),
                format!("{ar} بشأن إنشاء مركز إقليمي {}", ar_li(t_ar)),
            ),
        },
    };
    if let Some(p) = phase {
        let (roman, ar_ordinal) = PHASES[p % PHASES.len()];
        out.0.push_str(&format!(" (Phase {roman})"));
        out.1.push_str(&format!(" (phase {roman})"));
        out.2.push_str(&format!(" (المرحلة {ar_ordinal})"));
    }
    out
}

/// French "à" + the instrument with its article: `au Protocole d'accord`, `à l'Accord-cadre`,
/// `à la Lettre d'intention`.
fn fr_a_instrument(title: &str, feminine: bool) -> String {
    if starts_with_vowel(title) {
        format!("à l'{title}")
    } else if feminine {
        format!("à la {title}")
    } else {
        format!("au {title}")
    }
}

/// Objectives in three languages for a topic.
fn objectives(rng: &mut Rng, topic: &Topic) -> (String, String, String) {
    let first = rng.index(ACTIVITIES.len());
    let mut second = rng.index(ACTIVITIES.len());
    if second == first {
        second = (first + 1) % ACTIVITIES.len();
    }
    let b = rng.pick(BENEFICIARIES);
    let fill = |text: &str, who: &str| text.replace("{b}", who);
    let (a, c) = (ACTIVITIES[first], ACTIVITIES[second]);
    let en = format!(
        "Cooperation in {}: {} and {}.",
        topic.en,
        fill(a.0, b.0),
        fill(c.0, b.0)
    );
    let fr = format!(
        "Coopération en matière {} : {} et {}.",
        fr_de(topic.fr),
        fill(a.1, b.1),
        fill(c.1, b.1)
    );
    let ar = format!(
        "التعاون في مجال {}: {}، و{}.",
        topic.ar,
        fill(a.2, b.2),
        fill(c.2, b.2)
    );
    (en, fr, ar)
}

/// A value in one of USD, EUR, SAR, MAD, rounded to the thousand.
fn value(rng: &mut Rng) -> MoneyInput {
    // Log-uniform between 10,000 and 3,000,000 US dollars.
    let unit = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let usd = 10_000f64 * 300f64.powf(unit);
    let (currency, rate) = match rng.below(100) {
        0..=49 => ("USD", 1.0),
        50..=69 => ("EUR", 0.92),
        70..=84 => ("SAR", 3.75),
        _ => ("MAD", 10.0),
    };
    let amount = ((usd * rate / 1000.0).round() as i64).max(1) * 1000;
    MoneyInput {
        amount: format!("{amount}.00"),
        currency: currency.into(),
    }
}

fn person(rng: &mut Rng) -> String {
    let names = pool(*rng.pick(ALL_POOLS));
    let given = if rng.chance(0.3) {
        rng.pick(names.female).0
    } else {
        rng.pick(names.male).0
    };
    format!("{given} {}", rng.pick(names.family).0)
}

fn pick_instrument(rng: &mut Rng) -> &'static Instrument {
    let total: u32 = INSTRUMENTS.iter().map(|i| i.weight).sum();
    let mut n = rng.below(u64::from(total)) as u32;
    for inst in INSTRUMENTS {
        if n < inst.weight {
            return inst;
        }
        n -= inst.weight;
    }
    &INSTRUMENTS[0]
}

fn instrument_of(kind: AgreementKind) -> &'static Instrument {
    INSTRUMENTS
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or(&INSTRUMENTS[0])
}

fn pick_status(rng: &mut Rng) -> AgreementStatus {
    let mut n = rng.below(100) as u32;
    for (status, weight) in STATUS_WEIGHTS {
        if n < weight {
            return status;
        }
        n -= weight;
    }
    AgreementStatus::Active
}

/// What was chosen about an agreement before its route is drawn.
struct Plan {
    status: AgreementStatus,
    lang: Working,
    kind: AgreementKind,
    parties: usize,
    starts_on: Option<Date>,
    index: usize,
}

/// The dates of an agreement reaching `status`, relative to `today`.
fn dates(rng: &mut Rng, status: AgreementStatus, today: Date) -> (Option<Date>, Option<Date>) {
    use AgreementStatus as S;
    let years = |rng: &mut Rng| 365 * (1 + rng.range(0, 5));
    match status {
        S::Prospect | S::Negotiation | S::Review | S::Signature | S::Withdrawn => {
            if rng.chance(0.6) {
                let start = add_days(today, rng.range(30, 400));
                let end = rng.chance(0.85).then(|| add_days(start, years(rng) - 1));
                (Some(start), end)
            } else {
                (None, None)
            }
        }
        S::Validation => {
            let start = add_days(today, rng.range(10, 120));
            (Some(start), Some(add_days(start, years(rng) - 1)))
        }
        S::Active | S::Suspended => {
            let start = add_days(today, -rng.range(30, 2000));
            let ahead = match rng.below(100) {
                0..=3 => rng.range(0, 7),
                4..=9 => rng.range(7, 30),
                10..=19 => rng.range(30, 90),
                20..=89 => rng.range(90, 1800),
                _ => return (Some(start), None),
            };
            (Some(start), Some(add_days(today, ahead.max(1))))
        }
        S::Expired => {
            let end = add_days(today, -rng.range(1, 1500));
            (Some(add_days(end, -years(rng) + 1)), Some(end))
        }
        S::Completed => {
            let end = add_days(today, rng.range(-900, 200));
            let start = add_days(end, -years(rng) + 1).min(add_days(today, -30));
            (Some(start), Some(end))
        }
        S::Terminated => {
            let start = add_days(today, -rng.range(100, 2000));
            (Some(start), Some(add_days(start, years(rng) + 365)))
        }
    }
}

/// Clearances of the whole chain, each with an occasional comment.
fn clear_all(rng: &mut Rng, lang: Working, steps: &mut Vec<SeedStep>, from: usize, to: usize) {
    for position in from..to {
        let comment = rng
            .chance(0.25)
            .then(|| pick_say(rng, lang, CLEARED_COMMENTS));
        steps.push(SeedStep::Decide {
            position,
            decision: ReviewDecision::Cleared,
            comment,
        });
    }
}

fn mv(action: Action, reason: Option<String>) -> SeedStep {
    SeedStep::Move { action, reason }
}

/// Rounds of review ending in changes requested, then (if `resubmit`) a new submission.
fn review_rounds(
    rng: &mut Rng,
    lang: Working,
    steps: &mut Vec<SeedStep>,
    rounds: usize,
    resubmit_last: bool,
) {
    for round in 0..rounds {
        let position = match rng.below(100) {
            0..=29 => 0,
            30..=84 => 1,
            _ => 2,
        };
        clear_all(rng, lang, steps, 0, position);
        steps.push(SeedStep::Decide {
            position,
            decision: ReviewDecision::ChangesRequested,
            comment: Some(pick_say(rng, lang, CHANGES_COMMENTS[position])),
        });
        if round + 1 < rounds || resubmit_last {
            steps.push(mv(Action::SubmitForReview, None));
        }
    }
}

/// Signatures of every party and the organization (or only some when `all` is false).
fn signatures(rng: &mut Rng, plan: &Plan, today: Date, all: bool) -> Vec<SeedStep> {
    let mut parties: Vec<Option<usize>> = (0..plan.parties).map(Some).collect();
    parties.push(None);
    // Shuffle (Fisher–Yates).
    for i in (1..parties.len()).rev() {
        let j = rng.index(i + 1);
        parties.swap(i, j);
    }
    let count = if all {
        parties.len()
    } else {
        rng.index(parties.len())
    };
    let last = plan.starts_on.map_or(today, |s| s.min(today)).min(today);
    let method = if plan.kind == AgreementKind::ExchangeOfLetters {
        "exchange_of_letters"
    } else if rng.chance(0.25) {
        "electronic"
    } else {
        "ink"
    };
    let place = if rng.chance(0.5) {
        "Rabat"
    } else {
        *rng.pick(PLACES)
    };
    let ceremony = add_days(last, -rng.range(0, 60));
    parties
        .into_iter()
        .take(count)
        .map(|party| {
            let (signatory, capacity) = match party {
                None if rng.chance(0.85) => (
                    "Salim M. AlMalik".to_string(),
                    "Director-General".to_string(),
                ),
                None => (person(rng), "Deputy Director-General".to_string()),
                Some(_) => (person(rng), rng.pick(CAPACITIES).to_string()),
            };
            let signed_on = if method == "ink" {
                ceremony
            } else {
                add_days(ceremony, -rng.range(0, 20))
            };
            SeedStep::Sign(SeedSignature {
                party,
                signatory,
                capacity,
                signed_on,
                place: place.to_string(),
                method,
            })
        })
        .collect()
}

/// The route from `prospect` to `plan.status`.
fn route(rng: &mut Rng, plan: &Plan, today: Date) -> Vec<SeedStep> {
    use AgreementStatus as S;
    let lang = plan.lang;
    let mut steps = Vec::new();
    let withdraw = |rng: &mut Rng| {
        mv(
            Action::Withdraw,
            Some(pick_say(rng, lang, WITHDRAW_REASONS)),
        )
    };
    let rounds = |rng: &mut Rng| match rng.below(100) {
        0..=69 => 0,
        70..=94 => 1,
        _ => 2,
    };
    match plan.status {
        S::Prospect => return steps,
        S::Withdrawn => match rng.below(100) {
            0..=24 => {
                steps.push(withdraw(rng));
                return steps;
            }
            25..=59 => {
                steps.push(mv(Action::StartNegotiation, None));
                steps.push(withdraw(rng));
                return steps;
            }
            60..=89 => {
                steps.push(mv(Action::StartNegotiation, None));
                steps.push(mv(Action::SubmitForReview, None));
                let r = rounds(rng);
                review_rounds(rng, lang, &mut steps, r, true);
                let position = if rng.chance(0.6) { 2 } else { 1 };
                clear_all(rng, lang, &mut steps, 0, position);
                steps.push(SeedStep::Decide {
                    position,
                    decision: ReviewDecision::Rejected,
                    comment: Some(pick_say(rng, lang, REJECT_COMMENTS)),
                });
                return steps;
            }
            _ => {
                steps.push(mv(Action::StartNegotiation, None));
                steps.push(mv(Action::SubmitForReview, None));
                clear_all(rng, lang, &mut steps, 0, CHAIN_STEPS);
                steps.push(withdraw(rng));
                return steps;
            }
        },
        S::Negotiation => {
            steps.push(mv(Action::StartNegotiation, None));
            match rng.below(100) {
                0..=49 => {}
                50..=79 => {
                    // Back from review with changes requested.
                    steps.push(mv(Action::SubmitForReview, None));
                    let r = rounds(rng).max(1);
                    review_rounds(rng, lang, &mut steps, r, false);
                }
                80..=89 => {
                    steps.push(withdraw(rng));
                    steps.push(mv(Action::Reopen, Some(say(lang, &REOPEN_REASONS[0]))));
                }
                90..=94 => {
                    steps.push(mv(Action::SubmitForReview, None));
                    let cleared = rng.index(2);
                    clear_all(rng, lang, &mut steps, 0, cleared);
                    steps.push(mv(
                        Action::RecallFromReview,
                        Some(pick_say(rng, lang, RECALL_REASONS)),
                    ));
                }
                _ => {
                    // The partner asked to reopen the text after the chain was cleared.
                    steps.push(mv(Action::SubmitForReview, None));
                    clear_all(rng, lang, &mut steps, 0, CHAIN_STEPS);
                    steps.push(mv(Action::Reopen, Some(say(lang, &REOPEN_REASONS[1]))));
                }
            }
            return steps;
        }
        _ => {}
    }
    // Everything else goes through review.
    steps.push(mv(Action::StartNegotiation, None));
    steps.push(mv(Action::SubmitForReview, None));
    let r = rounds(rng);
    review_rounds(rng, lang, &mut steps, r, true);
    if plan.status == S::Review {
        let cleared = rng.index(CHAIN_STEPS);
        clear_all(rng, lang, &mut steps, 0, cleared);
        return steps;
    }
    clear_all(rng, lang, &mut steps, 0, CHAIN_STEPS);
    if plan.status == S::Signature {
        steps.extend(signatures(rng, plan, today, false));
        return steps;
    }
    steps.extend(signatures(rng, plan, today, true));
    let registry_number = |year: i32| format!("LEG/{year}/{:05}", plan.index + 1);
    if plan.status == S::Validation {
        if rng.chance(0.5)
            && let Some(start) = plan.starts_on
        {
            steps.push(SeedStep::Validate {
                registry_number: registry_number(today.year()),
                entry_into_force_on: start.max(add_days(today, 1)),
            });
        }
        return steps;
    }
    let entry = plan.starts_on.unwrap_or(today).min(today);
    let registry_number = registry_number(entry.year());
    steps.push(SeedStep::Validate {
        registry_number,
        entry_into_force_on: entry,
    });
    // Now active.
    let suspend = |rng: &mut Rng| mv(Action::Suspend, Some(pick_say(rng, lang, SUSPEND_REASONS)));
    if rng.chance(0.06) {
        steps.push(suspend(rng));
        steps.push(mv(Action::Resume, None));
    }
    match plan.status {
        S::Active if rng.chance(0.02) => {
            steps.push(mv(
                Action::Terminate,
                Some(pick_say(rng, lang, TERMINATE_REASONS)),
            ));
            steps.push(mv(
                Action::RevertTermination,
                Some(pick_say(rng, lang, REVERT_REASONS)),
            ));
        }
        S::Suspended => steps.push(suspend(rng)),
        S::Expired => {
            if rng.chance(0.1) {
                steps.push(suspend(rng));
            }
            steps.push(mv(Action::Expire, None));
        }
        S::Completed => steps.push(mv(Action::Complete, None)),
        S::Terminated => {
            if rng.chance(0.3) {
                steps.push(suspend(rng));
            }
            steps.push(mv(
                Action::Terminate,
                Some(pick_say(rng, lang, TERMINATE_REASONS)),
            ));
        }
        _ => {}
    }
    steps
}

fn localized((en, fr, ar): (String, String, String), languages: u64) -> LocalizedText {
    match languages {
        0..=69 => LocalizedText::new(Some(ar), Some(en), Some(fr)),
        70..=84 => LocalizedText::new(Some(ar), Some(en), None),
        85..=94 => LocalizedText::new(None, Some(en), Some(fr)),
        _ => LocalizedText::new(Some(ar), None, Some(fr)),
    }
}

fn date_text(d: Date) -> String {
    accord_domain::values::format_date(d)
}

/// What a later agreement needs to know about an earlier one.
#[derive(Clone)]
struct Earlier {
    status: AgreementStatus,
    kind: AgreementKind,
    linked: bool,
    ends_on: Option<Date>,
}

/// `count` agreements between the organization and the given partners, deterministic for a
/// given `seed` and `today`.
///
/// Each has one to three parties drawn from `partner_ids` (the first 200 partners, usually
/// real organizations, take half of the agreements), a lead unit among ED, ST, CC, SHS and
/// PIC, a title in Arabic, English and French (sometimes two of them), objectives, tags, a
/// value in USD, EUR, SAR or MAD for most funding agreements and executive programmes,
/// and is confidential now and then. Statuses follow [`STATUS_WEIGHTS`]; the first eleven
/// agreements take each status once, so any list of eleven or more has every state.
/// After the first thirty, about 3 % are amendments of agreements in force, 2 % renewals
/// of agreements that ended or end soon, and some executive programmes implement a
/// framework agreement: those refer to earlier, unlinked agreements by index.
pub fn agreements(
    partner_ids: &[Uuid],
    count: usize,
    today: Date,
    seed: u64,
) -> Vec<SeedAgreement> {
    let mut out: Vec<SeedAgreement> = Vec::with_capacity(count);
    if partner_ids.is_empty() {
        return out;
    }
    let mut earlier: Vec<Earlier> = Vec::with_capacity(count);
    let seed = seed ^ 0xA9EE_3E47_0000_0001;
    for index in 0..count {
        let mut rng = Rng::new(mix(seed, index as u64));
        let status = match STATUS_WEIGHTS.get(index) {
            Some((status, _)) => *status,
            None => pick_status(&mut rng),
        };
        let link_roll = rng.below(1000);
        let linked = if index >= 30 {
            match link_roll {
                0..=29 => {
                    find_base(&mut rng, &earlier, |e| e.status.is_in_force()).map(Link::Amends)
                }
                30..=54 => find_base(&mut rng, &earlier, |e| {
                    e.status == AgreementStatus::Expired
                        || (e.status == AgreementStatus::Active
                            && e.ends_on.is_some_and(|end| end <= add_days(today, 180)))
                })
                .map(Link::Renews),
                55..=94 => find_base(&mut rng, &earlier, |e| {
                    e.kind == AgreementKind::FrameworkAgreement && e.status.is_in_force()
                })
                .map(Link::Parent),
                _ => None,
            }
        } else {
            None
        };
        let agreement = match linked {
            None => fresh(&mut rng, partner_ids, index, status, today),
            Some(link) => linked_agreement(&mut rng, &out, link, index, today),
        };
        earlier.push(Earlier {
            status: agreement.status,
            kind: instrument_kind(&agreement),
            linked: agreement.is_linked(),
            ends_on: agreement
                .input
                .ends_on
                .as_deref()
                .and_then(|d| accord_domain::values::date(d).ok()),
        });
        out.push(agreement);
    }
    out
}

fn instrument_kind(a: &SeedAgreement) -> AgreementKind {
    a.input
        .kind
        .as_deref()
        .and_then(|k| AgreementKind::parse(k).ok())
        .unwrap_or(AgreementKind::Mou)
}

#[derive(Clone, Copy)]
enum Link {
    Amends(usize),
    Renews(usize),
    Parent(usize),
}

/// An earlier unlinked agreement meeting `fits`, tried a few times at random.
fn find_base(rng: &mut Rng, earlier: &[Earlier], fits: impl Fn(&Earlier) -> bool) -> Option<usize> {
    for _ in 0..12 {
        let i = rng.index(earlier.len());
        if !earlier[i].linked && fits(&earlier[i]) {
            return Some(i);
        }
    }
    None
}

fn pick_partners(rng: &mut Rng, partner_ids: &[Uuid], count: usize) -> Vec<Uuid> {
    let mut chosen: Vec<Uuid> = Vec::with_capacity(count);
    let n = partner_ids.len();
    for _ in 0..count * 4 {
        if chosen.len() == count {
            break;
        }
        let i = if rng.chance(0.5) {
            rng.index(n.min(200))
        } else {
            rng.index(n)
        };
        if !chosen.contains(&partner_ids[i]) {
            chosen.push(partner_ids[i]);
        }
    }
    chosen
}

/// A new agreement (not linked to another).
fn fresh(
    rng: &mut Rng,
    partner_ids: &[Uuid],
    index: usize,
    status: AgreementStatus,
    today: Date,
) -> SeedAgreement {
    let inst = pick_instrument(rng);
    let topic = rng.pick(TOPICS);
    let lead_unit = if inst.kind == AgreementKind::FrameworkAgreement && rng.chance(0.6) {
        "PIC"
    } else if rng.chance(0.8) {
        topic.unit
    } else {
        *rng.pick(&LEAD_UNITS)
    };
    let parties = match rng.below(100) {
        0..=74 => 1,
        75..=94 => 2,
        _ => 3,
    };
    let partner_ids = pick_partners(rng, partner_ids, parties);
    let (starts_on, ends_on) = dates(rng, status, today);
    let years = {
        let y = starts_on.unwrap_or(today).year();
        (y, ends_on.map_or(y + 1, |e| e.year().max(y + 1)))
    };
    let phase = rng.chance(0.1).then(|| rng.index(PHASES.len()));
    let variant = rng.below(10);
    let languages = rng.below(100);
    let title = localized(title(inst, topic, variant, years, phase), languages);
    let objectives = objectives(rng, topic);
    let objectives = localized(objectives, languages);
    let lang = match rng.below(100) {
        0..=34 => Working::Ar,
        35..=74 => Working::En,
        _ => Working::Fr,
    };
    let with_value = match inst.kind {
        AgreementKind::FundingAgreement => 1.0,
        AgreementKind::ExecutiveProgramme => 0.7,
        AgreementKind::HostAgreement => 0.6,
        AgreementKind::CooperationAgreement => 0.35,
        _ => 0.15,
    };
    let value = rng.chance(with_value).then(|| value(rng));
    let mut tags: Vec<String> = topic.tags.iter().map(|t| t.to_string()).collect();
    if rng.chance(0.3) {
        tags.push("sdg17".into());
    }
    tags.dedup();
    let auto_renew = ends_on.is_some()
        && matches!(
            inst.kind,
            AgreementKind::Mou
                | AgreementKind::CooperationAgreement
                | AgreementKind::FrameworkAgreement
        )
        && rng.chance(0.2);
    let entry_into_force = match rng.below(100) {
        0..=59 => "on_signature",
        60..=84 => "on_date",
        85..=94 => "on_notification",
        _ => "on_ratification",
    };
    let input = AgreementInput {
        title,
        kind: Some(inst.kind.as_str().into()),
        partner_ids: partner_ids.iter().map(Uuid::to_string).collect(),
        lead_unit: Some(lead_unit.into()),
        owner_id: None,
        confidential: rng.chance(0.07),
        starts_on: starts_on.map(date_text),
        ends_on: ends_on.map(date_text),
        entry_into_force: Some(entry_into_force.into()),
        auto_renew,
        notice_days: auto_renew.then(|| *rng.pick(&[30, 60, 90, 180])),
        value,
        objectives,
        parent_id: None,
        amends_id: None,
        renews_id: None,
        tags,
    };
    let plan = Plan {
        status,
        lang,
        kind: inst.kind,
        parties: partner_ids.len(),
        starts_on,
        index,
    };
    let steps = route(rng, &plan, today);
    SeedAgreement {
        input,
        status,
        parent: None,
        amends: None,
        renews: None,
        steps,
    }
}

/// An amendment, a renewal or an executive programme of a framework agreement.
fn linked_agreement(
    rng: &mut Rng,
    earlier: &[SeedAgreement],
    link: Link,
    index: usize,
    today: Date,
) -> SeedAgreement {
    use AgreementStatus as S;
    let base_index = match link {
        Link::Amends(i) | Link::Renews(i) | Link::Parent(i) => i,
    };
    let base = &earlier[base_index];
    let base_kind = instrument_kind(base);
    let inst = instrument_of(base_kind);
    let base_end = base
        .input
        .ends_on
        .as_deref()
        .and_then(|d| accord_domain::values::date(d).ok());
    let mut input = base.input.clone();
    let (status, starts_on, ends_on) = match link {
        Link::Amends(_) => {
            let status = match rng.below(100) {
                0..=49 => S::Active,
                50..=69 => S::Negotiation,
                70..=84 => S::Review,
                85..=89 => S::Signature,
                90..=94 => S::Prospect,
                _ => S::Withdrawn,
            };
            let start = if status == S::Active {
                add_days(today, -rng.range(1, 300))
            } else {
                add_days(today, rng.range(15, 200))
            };
            let end = base_end.filter(|e| *e > start);
            (status, Some(start), end)
        }
        Link::Renews(_) => {
            let base_expired = base.status == S::Expired;
            let status = match rng.below(100) {
                0..=29 => S::Negotiation,
                30..=49 => S::Review,
                50..=59 => S::Signature,
                60..=64 => S::Validation,
                65..=69 => S::Prospect,
                _ if base_expired => S::Active,
                _ => S::Negotiation,
            };
            let start = add_days(base_end.unwrap_or(today), 1);
            let start = if status == S::Active {
                start.min(today)
            } else {
                start.max(add_days(today, 1))
            };
            let mut end = add_days(start, 365 * (2 + rng.range(0, 3)) - 1);
            if end <= today {
                // A renewal in force ends in the future even when its predecessor ended long ago.
                end = add_days(today, rng.range(30, 900));
            }
            (status, Some(start), Some(end))
        }
        Link::Parent(_) => {
            let status = pick_status(rng);
            let (start, end) = dates(rng, status, today);
            (status, start, end)
        }
    };
    input.starts_on = starts_on.map(date_text);
    input.ends_on = ends_on.map(date_text);
    input.confidential = base.input.confidential;
    input.auto_renew = input.auto_renew && ends_on.is_some();
    if !input.auto_renew {
        input.notice_days = None;
    }
    let suffix = |t: &Option<String>, f: &dyn Fn(&str) -> String| t.as_deref().map(f);
    let base_title = base.input.title.clone();
    match link {
        Link::Amends(_) => {
            input.title = LocalizedText::new(
                suffix(&base_title.ar, &|t| format!("تعديل {t}")),
                suffix(&base_title.en, &|t| format!("Amendment to the {t}")),
                suffix(&base_title.fr, &|t| {
                    format!("Avenant {}", fr_a_instrument(t, inst.fr_feminine))
                }),
            );
        }
        Link::Renews(_) => {
            input.title = LocalizedText::new(
                suffix(&base_title.ar, &|t| format!("{t} (تجديد)")),
                suffix(&base_title.en, &|t| format!("{t} (Renewal)")),
                suffix(&base_title.fr, &|t| format!("{t} (renouvellement)")),
            );
        }
        Link::Parent(_) => {
            let topic = rng.pick(TOPICS);
            let programme = instrument_of(AgreementKind::ExecutiveProgramme);
            let y = starts_on.unwrap_or(today).year();
            let years = (y, ends_on.map_or(y + 1, |e| e.year().max(y + 1)));
            let (en, fr, ar) = title(programme, topic, 0, years, None);
            input.title = LocalizedText::new(Some(ar), Some(en), Some(fr));
            input.kind = Some(AgreementKind::ExecutiveProgramme.as_str().into());
            let objectives = objectives(rng, topic);
            input.objectives =
                LocalizedText::new(Some(objectives.2), Some(objectives.0), Some(objectives.1));
            input.value = rng.chance(0.7).then(|| value(rng));
            input.auto_renew = false;
            input.notice_days = None;
        }
    }
    let lang = match rng.below(3) {
        0 => Working::Ar,
        1 => Working::En,
        _ => Working::Fr,
    };
    let kind = instrument_kind(&SeedAgreement {
        input: input.clone(),
        status,
        parent: None,
        amends: None,
        renews: None,
        steps: Vec::new(),
    });
    let plan = Plan {
        status,
        lang,
        kind,
        parties: input.partner_ids.len(),
        starts_on,
        index,
    };
    let steps = route(rng, &plan, today);
    let (parent, amends, renews) = match link {
        Link::Amends(i) => (None, Some(i), None),
        Link::Renews(i) => (None, None, Some(i)),
        Link::Parent(i) => (Some(i), None, None),
    };
    SeedAgreement {
        input,
        status,
        parent,
        amends,
        renews,
        steps,
    }
}

/// A draft version of an agreement's text.
#[derive(Debug, Clone)]
pub struct SeedDraft {
    /// `internal`, `to_partner` or `from_partner`.
    pub direction: &'static str,
    /// What the version is.
    pub note: &'static str,
    /// The text (English then Arabic), as a plain-text file would hold it.
    pub text: String,
}

/// `count` (at most three) successive drafts of an agreement's text in English and Arabic:
/// the sector's first draft, the version revised after internal comments and sent to the
/// partner (financing, duration and a privileges-and-immunities article change), and the
/// partner's counter-proposal (an area of cooperation and arbitration added). Consecutive
/// versions differ in a few words and sentences, as real negotiated drafts do.
pub fn drafts(input: &AgreementInput, count: usize) -> Vec<SeedDraft> {
    const META: [(&str, &str); 3] = [
        ("internal", "First draft prepared by the lead sector"),
        (
            "to_partner",
            "Revised after internal comments; sent to the partner",
        ),
        ("from_partner", "The partner's counter-proposal"),
    ];
    let en_title = input
        .title
        .en
        .clone()
        .or_else(|| input.title.fr.clone())
        .unwrap_or_default();
    let ar_title = input.title.ar.clone().unwrap_or_else(|| en_title.clone());
    META.iter()
        .take(count)
        .enumerate()
        .map(|(i, (direction, note))| SeedDraft {
            direction,
            note,
            text: draft_text(&en_title, &ar_title, i + 1),
        })
        .collect()
}

fn draft_text(en_title: &str, ar_title: &str, version: usize) -> String {
    let revised = version >= 2;
    let countered = version >= 3;
    let mut t = String::with_capacity(4096);
    t.push_str(&format!(
        "{en_title}\nbetween the Islamic World Educational, Scientific and Cultural Organization (ICESCO) and the Partner\nDraft {version}\n\n"
    ));
    t.push_str("Preamble\nThe Parties, desiring to strengthen their cooperation in the fields of education, science and culture, have agreed as follows:\n\n");
    t.push_str("Article 1 – Purpose\nThis instrument sets out the framework of cooperation between the Parties in the field described in its title.\n\n");
    t.push_str(&format!(
        "Article 2 – Areas of cooperation\nThe Parties shall cooperate in the following areas: the exchange of expertise and publications; joint training programmes; {}the organization of conferences and seminars.\n\n",
        if countered { "joint research and the publication of its results; " } else { "" }
    ));
    t.push_str(if revised {
        "Article 3 – Financial provisions\nEach Party shall bear its own costs. Joint activities shall be financed according to an annual work plan approved by both Parties.\n\n"
    } else {
        "Article 3 – Financial provisions\nEach Party shall bear its own costs.\n\n"
    });
    t.push_str(if revised {
        "Article 4 – Entry into force and duration\nThis instrument shall enter into force on the date of its signature and remain in force for five years, renewable by tacit agreement unless either Party gives written notice of termination three months in advance.\n\n"
    } else {
        "Article 4 – Entry into force and duration\nThis instrument shall enter into force on the date of its signature and remain in force for three years.\n\n"
    });
    t.push_str(&format!(
        "Article 5 – Settlement of disputes\nAny dispute arising from the interpretation or implementation of this instrument shall be settled amicably by negotiation between the Parties{}.\n\n",
        if countered { ", failing which it shall be referred to arbitration" } else { "" }
    ));
    if revised {
        t.push_str("Article 6 – Privileges and immunities\nNothing in this instrument shall be construed as a waiver of the privileges and immunities enjoyed by ICESCO.\n\n");
    }
    t.push_str(&format!(
        "{ar_title}\nبين منظمة العالم الإسلامي للتربية والعلوم والثقافة (إيسيسكو) والشريك\nالمسودة {version}\n\n"
    ));
    t.push_str("الديباجة\nإن الطرفين، رغبةً منهما في تعزيز التعاون بينهما في مجالات التربية والعلوم والثقافة، قد اتفقا على ما يلي:\n\n");
    t.push_str(
        "المادة 1 – الهدف\nيحدد هذا الصك إطار التعاون بين الطرفين في المجال المبين في عنوانه.\n\n",
    );
    t.push_str(&format!(
        "المادة 2 – مجالات التعاون\nيتعاون الطرفان في المجالات الآتية: تبادل الخبرات والمنشورات؛ وبرامج التدريب المشتركة؛ {}وتنظيم المؤتمرات والندوات.\n\n",
        if countered { "والبحث المشترك ونشر نتائجه؛ " } else { "" }
    ));
    t.push_str(if revised {
        "المادة 3 – الأحكام المالية\nيتحمل كل طرف التكاليف الخاصة به. وتُموَّل الأنشطة المشتركة وفق خطة عمل سنوية يعتمدها الطرفان.\n\n"
    } else {
        "المادة 3 – الأحكام المالية\nيتحمل كل طرف التكاليف الخاصة به.\n\n"
    });
    t.push_str(if revised {
        "المادة 4 – دخول حيز النفاذ والمدة\nيدخل هذا الصك حيز النفاذ من تاريخ توقيعه ويظل ساريًا لمدة خمس سنوات، قابلة للتجديد ضمنيًا ما لم يُخطر أحد الطرفين الطرف الآخر كتابيًا برغبته في إنهائه قبل ثلاثة أشهر.\n\n"
    } else {
        "المادة 4 – دخول حيز النفاذ والمدة\nيدخل هذا الصك حيز النفاذ من تاريخ توقيعه ويظل ساريًا لمدة ثلاث سنوات.\n\n"
    });
    t.push_str(&format!(
        "المادة 5 – تسوية النزاعات\nيُسوّى أي نزاع ينشأ عن تفسير هذا الصك أو تنفيذه وديًا عن طريق التفاوض بين الطرفين{}.\n",
        if countered { "، وإلا أُحيل إلى التحكيم" } else { "" }
    ));
    if revised {
        t.push_str("\nالمادة 6 – الامتيازات والحصانات\nليس في هذا الصك ما يُفسَّر على أنه تنازل عن الامتيازات والحصانات التي تتمتع بها الإيسيسكو.\n");
    }
    t
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::collections::{HashMap, HashSet};
    use time::macros::date;

    const TODAY: Date = date!(2026 - 03 - 15);

    fn partner_ids(n: usize) -> Vec<Uuid> {
        (0..n)
            .map(|i| Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + i as u128))
            .collect()
    }

    /// Plays a route on the drawing and returns the final status.
    fn play(a: &SeedAgreement) -> AgreementStatus {
        use AgreementStatus as S;
        let mut status = S::Prospect;
        let mut open: Option<usize> = None;
        let parties = a.input.partner_ids.len() + 1;
        let mut signed: HashSet<Option<usize>> = HashSet::new();
        let mut validated = false;
        for step in &a.steps {
            match step {
                SeedStep::Move { action, reason } => {
                    assert!(
                        !action.is_automatic() || *action == Action::Expire,
                        "{action:?}"
                    );
                    assert_eq!(action.needs_reason(), reason.is_some(), "{action:?}");
                    status = action
                        .target(status)
                        .unwrap_or_else(|| panic!("{action:?} from {status:?} in {:?}", a.steps));
                    open = (*action == Action::SubmitForReview).then_some(0);
                }
                SeedStep::Decide {
                    position, decision, ..
                } => {
                    assert_eq!(status, S::Review);
                    assert_eq!(open, Some(*position), "{:?}", a.steps);
                    match decision {
                        ReviewDecision::Cleared if *position + 1 == CHAIN_STEPS => {
                            status = S::Signature;
                            open = None;
                        }
                        ReviewDecision::Cleared => open = Some(position + 1),
                        ReviewDecision::ChangesRequested => {
                            status = S::Negotiation;
                            open = None;
                        }
                        ReviewDecision::Rejected => {
                            status = S::Withdrawn;
                            open = None;
                        }
                    }
                }
                SeedStep::Sign(s) => {
                    assert_eq!(status, S::Signature);
                    assert!(signed.insert(s.party), "signed twice");
                    if let Some(p) = s.party {
                        assert!(p < a.input.partner_ids.len());
                    }
                    if signed.len() == parties {
                        status = S::Validation;
                    }
                }
                SeedStep::Validate {
                    entry_into_force_on,
                    ..
                } => {
                    assert_eq!(status, S::Validation);
                    assert!(!validated);
                    validated = true;
                    if *entry_into_force_on <= TODAY {
                        status = S::Active;
                    }
                }
            }
        }
        status
    }

    #[test]
    fn routes_follow_the_drawing_and_reach_their_status() {
        let list = agreements(&partner_ids(500), 5000, TODAY, 7);
        assert_eq!(list.len(), 5000);
        for a in &list {
            assert_eq!(play(a), a.status, "{:?}", a.steps);
        }
    }

    #[test]
    fn every_agreement_validates() {
        let ids = partner_ids(300);
        let known: HashSet<String> = ids.iter().map(Uuid::to_string).collect();
        for a in agreements(&ids, 3000, TODAY, 3) {
            assert!((1..=3).contains(&a.input.partner_ids.len()));
            for p in &a.input.partner_ids {
                assert!(known.contains(p));
            }
            let fields = a.input.clone().validate();
            assert!(fields.is_ok(), "{:?} -> {:?}", a.input, fields.err());
            let fields = fields.unwrap();
            assert!(LEAD_UNITS.contains(&fields.lead_unit.as_str()));
        }
    }

    #[test]
    fn every_state_appears_and_the_distribution_follows_the_weights() {
        let small = agreements(&partner_ids(50), 11, TODAY, 1);
        let states: HashSet<AgreementStatus> = small.iter().map(|a| a.status).collect();
        assert_eq!(states.len(), 11);
        let list = agreements(&partner_ids(1000), 20_000, TODAY, 1);
        let mut counts: HashMap<AgreementStatus, usize> = HashMap::new();
        for a in &list {
            *counts.entry(a.status).or_default() += 1;
        }
        for (status, weight) in STATUS_WEIGHTS {
            let share = counts.get(&status).copied().unwrap_or(0) as f64 / list.len() as f64;
            let expected = f64::from(weight) / 100.0;
            assert!(
                (share - expected).abs() < 0.03,
                "{status:?}: {share} vs {expected}"
            );
        }
    }

    #[test]
    fn links_point_backwards_to_unlinked_agreements() {
        let list = agreements(&partner_ids(300), 3000, TODAY, 5);
        let (mut amendments, mut renewals, mut children) = (0, 0, 0);
        for (i, a) in list.iter().enumerate() {
            for link in [a.parent, a.amends, a.renews].into_iter().flatten() {
                assert!(link < i);
                assert!(!list[link].is_linked());
                assert_eq!(a.input.partner_ids, list[link].input.partner_ids);
            }
            if let Some(base) = a.amends {
                amendments += 1;
                assert!(list[base].status.is_in_force());
            }
            if let Some(base) = a.renews {
                renewals += 1;
                assert!(matches!(
                    list[base].status,
                    AgreementStatus::Expired | AgreementStatus::Active
                ));
            }
            if let Some(parent) = a.parent {
                children += 1;
                assert_eq!(
                    list[parent].input.kind.as_deref(),
                    Some("framework_agreement")
                );
            }
        }
        assert!(amendments > 30, "{amendments}");
        assert!(renewals > 20, "{renewals}");
        assert!(children > 5, "{children}");
    }

    #[test]
    fn dates_put_some_expiries_in_the_coming_weeks() {
        let list = agreements(&partner_ids(300), 5000, TODAY, 9);
        let mut within = [0usize; 3];
        for a in list.iter().filter(|a| a.status == AgreementStatus::Active) {
            let Some(end) = a.input.ends_on.as_deref() else {
                continue;
            };
            let end = accord_domain::values::date(end).unwrap();
            let days = (end - TODAY).whole_days();
            assert!(days >= 0, "active agreement ended: {end}");
            for (i, limit) in [7, 30, 90].into_iter().enumerate() {
                if days <= limit {
                    within[i] += 1;
                }
            }
        }
        assert!(
            within[0] > 10 && within[1] > within[0] && within[2] > within[1],
            "{within:?}"
        );
        for a in list.iter().filter(|a| a.status == AgreementStatus::Expired) {
            let end = accord_domain::values::date(a.input.ends_on.as_deref().unwrap()).unwrap();
            assert!(end < TODAY);
        }
    }

    #[test]
    fn titles_read_like_instruments_in_three_languages() {
        let list = agreements(&partner_ids(300), 2000, TODAY, 11);
        let mut trilingual = 0;
        let mut distinct = HashSet::new();
        for a in &list {
            let t = &a.input.title;
            if t.ar.is_some() && t.en.is_some() && t.fr.is_some() {
                trilingual += 1;
            }
            distinct.insert(format!("{t:?}"));
            if let Some(fr) = &t.fr {
                for bad in [" de a", " de e", " de é", " de i", " de o", " de u"] {
                    assert!(!fr.contains(bad), "{fr}");
                }
            }
        }
        assert!(trilingual > 1200, "{trilingual}");
        assert!(distinct.len() > 1000, "{}", distinct.len());
        let heritage = &TOPICS[0];
        let mou = instrument_of(AgreementKind::Mou);
        let (en, fr, ar) = title(mou, heritage, 0, (2026, 2027), None);
        assert_eq!(
            en,
            "Memorandum of Understanding on Cooperation in Heritage Preservation"
        );
        assert_eq!(
            fr,
            "Protocole d'accord relatif à la coopération en matière de préservation du patrimoine"
        );
        assert_eq!(ar, "مذكرة تفاهم بشأن التعاون في مجال صون التراث");
        let letter = instrument_of(AgreementKind::LetterOfIntent);
        let (_, fr, _) = title(letter, &TOPICS[18], 8, (2026, 2027), None);
        assert_eq!(
            fr,
            "Lettre d'intention relative au renforcement des capacités en matière d'éducation inclusive"
        );
        assert_eq!(fr_a_instrument("Accord-cadre", false), "à l'Accord-cadre");
        assert_eq!(
            fr_a_instrument("Lettre d'intention", true),
            "à la Lettre d'intention"
        );
    }

    #[test]
    fn same_seed_same_agreements() {
        let ids = partner_ids(200);
        let a = agreements(&ids, 500, TODAY, 2);
        let b = agreements(&ids, 500, TODAY, 2);
        let c = agreements(&ids, 500, TODAY, 3);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_ne!(format!("{a:?}"), format!("{c:?}"));
        assert!(agreements(&[], 10, TODAY, 2).is_empty());
    }

    #[test]
    fn hundred_thousand_agreements_are_cheap() {
        let started = std::time::Instant::now();
        let list = agreements(&partner_ids(100_000), 100_000, TODAY, 1);
        assert_eq!(list.len(), 100_000);
        assert!(started.elapsed().as_secs() < 20);
        let confidential = list.iter().filter(|a| a.input.confidential).count();
        assert!((4000..10_000).contains(&confidential), "{confidential}");
    }

    #[test]
    fn drafts_differ_from_one_version_to_the_next() {
        let list = agreements(&partner_ids(50), 20, TODAY, 4);
        let versions = drafts(&list[3].input, 3);
        assert_eq!(versions.len(), 3);
        assert_eq!(versions[0].direction, "internal");
        assert_eq!(versions[2].direction, "from_partner");
        for pair in versions.windows(2) {
            assert_ne!(pair[0].text, pair[1].text);
        }
        assert!(
            versions[1].text.contains("five years") && versions[0].text.contains("three years")
        );
        assert!(versions[2].text.contains("التحكيم") && !versions[1].text.contains("التحكيم"));
        assert_eq!(drafts(&list[3].input, 9).len(), 3);
    }
}
