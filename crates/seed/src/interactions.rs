//! The communications log of the demo: meetings, calls, letters and notes
//! verbales with partners over several years, in Arabic, English and French,
//! with follow-up actions (some overdue, many for the demo officer) and a few
//! confidential ones. Deterministic: the same arguments give the same log.

use crate::{Rng, mix};
use accord_domain::interaction::{FollowUpInput, InteractionInput};
use accord_domain::partner::PartnerKind;
use time::Date;
use time::macros::date;
use uuid::Uuid;

/// What the generator knows of a partner: its id, kind, current and former
/// contacts, and a few of its agreements.
#[derive(Debug, Clone)]
pub struct LogPartner {
    pub id: Uuid,
    pub kind: PartnerKind,
    pub contacts: Vec<Uuid>,
    pub agreements: Vec<Uuid>,
}

/// A generated interaction and who records it (an index into `staff`).
#[derive(Debug, Clone)]
pub struct SeedInteraction {
    pub author: usize,
    pub input: InteractionInput,
}

/// Subjects by kind of exchange, in the three languages.
const SUBJECTS: [(&str, &str, &str); 14] = [
    (
        "Annual consultation on cooperation priorities",
        "المشاورات السنوية حول أولويات التعاون",
        "Consultation annuelle sur les priorités de coopération",
    ),
    (
        "Invitation to the General Conference",
        "دعوة إلى المؤتمر العام",
        "Invitation à la Conférence générale",
    ),
    (
        "Follow-up on the joint education programme",
        "متابعة البرنامج المشترك في مجال التربية",
        "Suivi du programme conjoint d'éducation",
    ),
    (
        "Candidacy for the World Heritage in the Islamic World list",
        "الترشح لقائمة التراث في العالم الإسلامي",
        "Candidature à la liste du patrimoine dans le monde islamique",
    ),
    (
        "Scholarships for young researchers",
        "منح دراسية للباحثين الشباب",
        "Bourses pour jeunes chercheurs",
    ),
    (
        "Preparation of the signing ceremony",
        "التحضير لحفل التوقيع",
        "Préparation de la cérémonie de signature",
    ),
    (
        "Technical meeting on the draft memorandum",
        "اجتماع فني حول مشروع مذكرة التفاهم",
        "Réunion technique sur le projet de mémorandum",
    ),
    (
        "Courtesy visit of the new ambassador",
        "زيارة مجاملة للسفير الجديد",
        "Visite de courtoisie du nouvel ambassadeur",
    ),
    (
        "Arabic language teaching for non-native speakers",
        "تعليم اللغة العربية للناطقين بغيرها",
        "Enseignement de l'arabe aux non-arabophones",
    ),
    (
        "Observer status: exchange of information",
        "صفة المراقب: تبادل المعلومات",
        "Statut d'observateur : échange d'informations",
    ),
    (
        "Report on the implementation of the action plan",
        "تقرير عن تنفيذ خطة العمل",
        "Rapport sur la mise en œuvre du plan d'action",
    ),
    (
        "Regional workshop on climate and water",
        "ورشة إقليمية حول المناخ والمياه",
        "Atelier régional sur le climat et l'eau",
    ),
    (
        "Nomination of focal points",
        "تسمية نقاط الاتصال",
        "Désignation des points focaux",
    ),
    (
        "Digital heritage and museums",
        "التراث الرقمي والمتاحف",
        "Patrimoine numérique et musées",
    ),
];

const SUMMARIES: [&str; 6] = [
    "The parties reviewed progress and agreed on the next steps.",
    "اتفق الطرفان على تبادل الوثائق قبل نهاية الشهر.",
    "Les deux parties ont convenu d'un calendrier de travail.",
    "The partner asked for a revised budget and a timetable.",
    "أكد الشريك اهتمامه بالمشاركة في الدورة القادمة.",
    "Le partenaire attend une réponse écrite de l'Organisation.",
];

const ACTIONS: [&str; 8] = [
    "Send the minutes",
    "إرسال محضر الاجتماع",
    "Préparer une note de synthèse",
    "Reply to the note verbale",
    "الرد على المذكرة الشفوية",
    "Share the draft agreement with the legal affairs",
    "Confirmer la participation de la délégation",
    "Book the venue for the ceremony",
];

const KINDS: [&str; 9] = [
    "meeting",
    "call",
    "email",
    "letter",
    "note_verbale",
    "visit",
    "mission",
    "ceremony",
    "event",
];

/// The earliest day of the log.
const START: Date = date!(2019 - 01 - 01);

fn iso(d: Date) -> String {
    accord_domain::values::format_date(d)
}

/// The log of the demo. `staff[0]` is the demo officer, `staff[1]` the
/// director; `today` bounds the dates (a few follow-ups fall after it).
pub fn interactions(
    partners: &[LogPartner],
    staff: &[Uuid],
    today: Date,
    seed: u64,
) -> Vec<SeedInteraction> {
    let mut out = Vec::new();
    if staff.is_empty() {
        return out;
    }
    let span = (today - START).whole_days().max(1);
    for (i, partner) in partners.iter().enumerate() {
        let mut rng = Rng::new(mix(seed ^ 0x1A7E_4AC7_10A5_0001, i as u64));
        let diplomatic = matches!(
            partner.kind,
            PartnerKind::DiplomaticMission
                | PartnerKind::Government
                | PartnerKind::NationalCommission
        );
        let count = 1 + rng.index(if diplomatic { 8 } else { 5 });
        // One partner in five had a recent exchange with an action still open
        // for the officer: due soon, or already overdue.
        let recent = i % 5 == 0;
        for n in 0..count + usize::from(recent) {
            let latest = recent && n == count;
            let day = if latest {
                today - time::Duration::days(rng.range(5, 45))
            } else {
                START + time::Duration::days(rng.range(0, span))
            };
            let kind = if diplomatic && rng.chance(0.35) {
                "note_verbale"
            } else {
                *rng.pick(&KINDS)
            };
            let direction = match kind {
                "letter" | "note_verbale" | "email" => {
                    if rng.chance(0.55) {
                        "outgoing"
                    } else {
                        "incoming"
                    }
                }
                "meeting" | "visit" | "ceremony" | "event" => {
                    if rng.chance(0.2) {
                        "internal"
                    } else {
                        "outgoing"
                    }
                }
                _ => {
                    if rng.chance(0.5) {
                        "outgoing"
                    } else {
                        "incoming"
                    }
                }
            };
            let (en, ar, fr) = *rng.pick(&SUBJECTS);
            let subject = match rng.index(3) {
                0 => en,
                1 => ar,
                _ => fr,
            };
            let sender_reference =
                (direction == "incoming" && matches!(kind, "letter" | "note_verbale")).then(|| {
                    format!(
                        "{}/{}/{:03}",
                        if kind == "note_verbale" { "NV" } else { "L" },
                        day.year(),
                        rng.range(1, 400)
                    )
                });
            let hour = 8 + rng.range(0, 9);
            let author = if rng.chance(0.5) {
                0
            } else {
                rng.index(staff.len())
            };
            let mut staff_ids = vec![staff[author].to_string()];
            if rng.chance(0.3) {
                let other = staff[rng.index(staff.len())].to_string();
                if !staff_ids.contains(&other) {
                    staff_ids.push(other);
                }
            }
            let contact_ids = if partner.contacts.is_empty() || rng.chance(0.3) {
                Vec::new()
            } else {
                vec![partner.contacts[rng.index(partner.contacts.len())].to_string()]
            };
            let agreement_ids = if !partner.agreements.is_empty() && rng.chance(0.3) {
                vec![partner.agreements[rng.index(partner.agreements.len())].to_string()]
            } else {
                Vec::new()
            };
            let confidential = rng.chance(0.04);
            let visible_to = if confidential && staff.len() > 1 {
                vec![staff[1].to_string()]
            } else {
                Vec::new()
            };
            let mut follow_ups = Vec::new();
            if latest {
                follow_ups.push(FollowUpInput {
                    id: None,
                    action: Some(rng.pick(&ACTIONS).to_string()),
                    owner_id: Some(staff[0].to_string()),
                    due_on: Some(iso(today + time::Duration::days(rng.range(-20, 30)))),
                    done: false,
                });
            } else if rng.chance(0.45) {
                let due = day + time::Duration::days(rng.range(7, 60));
                let owner = if rng.chance(0.5) {
                    staff[0]
                } else {
                    staff[rng.index(staff.len())]
                };
                // Old actions were done (a very few forgotten); recent ones half open.
                let done = if due < today - time::Duration::days(60) {
                    rng.chance(0.99)
                } else {
                    due < today && rng.chance(0.5)
                };
                follow_ups.push(FollowUpInput {
                    id: None,
                    action: Some(rng.pick(&ACTIONS).to_string()),
                    owner_id: Some(owner.to_string()),
                    due_on: Some(iso(due)),
                    done,
                });
            }
            out.push(SeedInteraction {
                author,
                input: InteractionInput {
                    kind: Some(kind.into()),
                    direction: Some(direction.into()),
                    sender_reference,
                    subject: Some(subject.into()),
                    occurred_at: Some(format!("{}T{hour:02}:00:00Z", iso(day))),
                    summary: rng.chance(0.7).then(|| rng.pick(&SUMMARIES).to_string()),
                    partner_ids: vec![partner.id.to_string()],
                    contact_ids,
                    staff_ids,
                    agreement_ids,
                    outreach_case_id: None,
                    confidential,
                    visible_to,
                    follow_ups,
                },
            });
        }
    }
    // Recorded in time order, so that registry numbers grow with the dates.
    out.sort_by(|a, b| a.input.occurred_at.cmp(&b.input.occurred_at));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partners() -> Vec<LogPartner> {
        (0..40)
            .map(|i| LogPartner {
                id: Uuid::from_u128(i + 1),
                kind: if i % 2 == 0 {
                    PartnerKind::DiplomaticMission
                } else {
                    PartnerKind::Ngo
                },
                contacts: vec![Uuid::from_u128(1000 + i)],
                agreements: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn the_log_is_valid_deterministic_and_varied() {
        let staff = [Uuid::from_u128(7), Uuid::from_u128(8), Uuid::from_u128(9)];
        let today = date!(2026 - 11 - 28);
        let log = interactions(&partners(), &staff, today, 3);
        assert_eq!(log.len(), interactions(&partners(), &staff, today, 3).len());
        let fields: Vec<_> = log
            .iter()
            .map(|s| s.input.clone().validate().expect("valid"))
            .collect();
        assert!(fields.iter().any(|f| f.confidential));
        assert!(
            fields
                .iter()
                .any(|f| f.kind.as_str() == "note_verbale" && f.direction.as_str() == "outgoing")
        );
        let officer_open_overdue = fields
            .iter()
            .flat_map(|f| &f.follow_ups)
            .filter(|u| u.owner_id == Some(staff[0]) && u.is_overdue(today))
            .count();
        assert!(officer_open_overdue > 0);
        assert!(
            fields
                .windows(2)
                .all(|w| w[0].occurred_at <= w[1].occurred_at)
        );
    }
}
