//! The create and edit forms of an agreement (the terms lock is the use
//! case's: the form shows locked terms disabled and shows the refusal).

use super::*;

/// The values of the agreement form, as typed. Partner ids come as
/// `partner_0`, `partner_1`... (as many as the agreement has, and a free one).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AgreementForm {
    #[serde(rename = "_csrf")]
    pub csrf: String,
    /// The version edited (text: the partner fields are collected by name).
    pub version: String,
    pub title_ar: String,
    pub title_en: String,
    pub title_fr: String,
    pub kind: String,
    pub lead_unit: String,
    pub owner_id: String,
    pub confidential: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub entry_into_force: String,
    pub auto_renew: Option<String>,
    pub notice_days: String,
    pub value_amount: String,
    pub value_currency: String,
    pub objectives_ar: String,
    pub objectives_en: String,
    pub objectives_fr: String,
    pub tags: String,
    pub parent_id: String,
    pub amends_id: String,
    pub renews_id: String,
    /// `partner_N` fields, and anything else sent.
    #[serde(flatten)]
    pub others: HashMap<String, String>,
}

/// What the form sends to validation: the input, which partner slot each
/// partner id came from, and the errors found before validation.
pub(super) struct Prepared {
    pub(super) input: AgreementInput,
    pub(super) slots: Vec<usize>,
    pub(super) errors: FieldErrors,
}

impl AgreementForm {
    /// The partner fields in order: at least [`PARTNER_SLOTS`], and one free
    /// field after the last filled one.
    pub(super) fn partner_slots(&self) -> Vec<String> {
        let mut slots: Vec<String> = (0..MAX_PARTNER_SLOTS)
            .map(|i| {
                self.others
                    .get(&format!("partner_{i}"))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        let used = slots
            .iter()
            .rposition(|s| !s.trim().is_empty())
            .map_or(0, |last| last + 2);
        slots.truncate(used.clamp(PARTNER_SLOTS, MAX_PARTNER_SLOTS));
        slots
    }

    pub(super) fn set_partner(&mut self, slot: usize, value: String) {
        self.others.insert(format!("partner_{slot}"), value);
    }

    /// The version edited, if the form carries one.
    pub(super) fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    /// The form of an existing agreement.
    pub(super) fn from_agreement(a: &Agreement) -> Self {
        AgreementForm {
            version: a.version.to_string(),
            ..Self::from_fields(&a.fields)
        }
    }

    /// The form showing `f` (no version: a new agreement).
    pub(super) fn from_fields(f: &AgreementFields) -> Self {
        let mut form = AgreementForm {
            title_ar: f.title.ar.clone().unwrap_or_default(),
            title_en: f.title.en.clone().unwrap_or_default(),
            title_fr: f.title.fr.clone().unwrap_or_default(),
            kind: f.kind.as_str().into(),
            lead_unit: f.lead_unit.clone(),
            owner_id: f.owner_id.map(|o| o.to_string()).unwrap_or_default(),
            confidential: f.confidential.then(|| "1".into()),
            starts_on: f.starts_on.map(values::format_date).unwrap_or_default(),
            ends_on: f.ends_on.map(values::format_date).unwrap_or_default(),
            entry_into_force: f.entry_into_force.as_str().into(),
            auto_renew: f.auto_renew.then(|| "1".into()),
            notice_days: f.notice_days.map(|n| n.to_string()).unwrap_or_default(),
            value_amount: f.value.map(|m| m.amount_text()).unwrap_or_default(),
            value_currency: f.value.map(|m| m.currency_code()).unwrap_or_default(),
            objectives_ar: f.objectives.ar.clone().unwrap_or_default(),
            objectives_en: f.objectives.en.clone().unwrap_or_default(),
            objectives_fr: f.objectives.fr.clone().unwrap_or_default(),
            tags: f.tags.join(", "),
            parent_id: f.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            amends_id: f.amends_id.map(|p| p.to_string()).unwrap_or_default(),
            renews_id: f.renews_id.map(|p| p.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        for (slot, id) in f.partner_ids.iter().take(MAX_PARTNER_SLOTS).enumerate() {
            form.set_partner(slot, id.to_string());
        }
        form
    }

    pub(super) fn prepare(&self) -> Prepared {
        let mut errors = FieldErrors::new();
        let mut partner_ids: Vec<String> = Vec::new();
        let mut slots = Vec::new();
        for (slot, text) in self.partner_slots().iter().enumerate() {
            let text = text.trim();
            if text.is_empty() || partner_ids.iter().any(|p| p.eq_ignore_ascii_case(text)) {
                continue;
            }
            partner_ids.push(text.to_string());
            slots.push(slot);
        }
        let notice_days = match self.notice_days.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.add("notice_days", "not_a_number");
                    None
                }
            },
        };
        let (amount, currency) = (self.value_amount.trim(), self.value_currency.trim());
        let value = match (amount.is_empty(), currency.is_empty()) {
            (true, true) => None,
            (false, true) => {
                errors.add("value_currency", "required");
                let amount_only = MoneyInput {
                    amount: amount.replace([',', ' ', '\u{202F}'], ""),
                    currency: "XXX".into(),
                };
                if let Err(code) = accord_domain::agreement::Money::parse(&amount_only) {
                    errors.add("value_amount", code);
                }
                None
            }
            (true, false) => {
                errors.add("value_amount", "required");
                None
            }
            (false, false) => Some(MoneyInput {
                amount: amount.replace([',', ' ', '\u{202F}'], ""),
                currency: currency.to_string(),
            }),
        };
        Prepared {
            input: AgreementInput {
                title: localized(&self.title_ar, &self.title_en, &self.title_fr),
                kind: opt(&self.kind),
                partner_ids,
                lead_unit: opt(&self.lead_unit),
                owner_id: opt(&self.owner_id),
                confidential: self.confidential.is_some(),
                starts_on: opt(&self.starts_on),
                ends_on: opt(&self.ends_on),
                entry_into_force: opt(&self.entry_into_force),
                auto_renew: self.auto_renew.is_some(),
                notice_days,
                value,
                objectives: localized(
                    &self.objectives_ar,
                    &self.objectives_en,
                    &self.objectives_fr,
                ),
                parent_id: opt(&self.parent_id),
                amends_id: opt(&self.amends_id),
                renews_id: opt(&self.renews_id),
                tags: split_list(&self.tags),
            },
            slots,
            errors,
        }
    }
}

/// The form's controls (or their prefixes), top to bottom.
pub(super) const FORM_ORDER: [&str; 20] = [
    "renews_id",
    "amends_id",
    "title",
    "kind",
    "lead_unit",
    "owner_id",
    "partner_",
    "confidential",
    "starts_on",
    "ends_on",
    "entry_into_force",
    "auto_renew",
    "notice_days",
    "value_amount",
    "value_currency",
    "objectives",
    "tags",
    "parent_id",
    "version",
    "_csrf",
];

/// Re-keys validation errors by form control: `partner_ids[1]` → the slot
/// the second partner came from, `title` → `title_en`...
pub(super) fn form_errors(tr: &Tr, errors: &FieldErrors, slots: &[usize]) -> FormErrors {
    let mut keyed = FieldErrors::new();
    for (field, codes) in &errors.0 {
        let control = if field == "partner_ids" {
            "partner_0".to_string()
        } else if let Some(index) = field
            .strip_prefix("partner_ids[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok())
        {
            format!("partner_{}", slots.get(index).copied().unwrap_or(0))
        } else {
            match field.as_str() {
                "title" => "title_en".into(),
                "objectives" => "objectives_en".into(),
                "value" => "value_amount".into(),
                other => other.to_string(),
            }
        };
        for code in codes {
            keyed.add(control.clone(), code.clone());
        }
    }
    // Labels come from `field-<control>`; a few controls are named after their group.
    let mut items = FormErrors::from_fields(tr, &keyed, |f| f.to_string()).items;
    for item in &mut items {
        let label_key = match item.field.as_str() {
            f if f.starts_with("partner_") => Some("field-partner-ids"),
            f if f.starts_with("title_") => Some("field-title"),
            f if f.starts_with("objectives_") => Some("field-objectives"),
            "value_amount" => Some("field-value"),
            "parent_id" => Some("field-parent-agreement"),
            _ => None,
        };
        if let Some(key) = label_key {
            item.label = tr.t(key);
        }
    }
    // The summary lists the errors in the order of the form.
    items.sort_by_key(|item| {
        FORM_ORDER
            .iter()
            .position(|c| item.field.starts_with(c))
            .unwrap_or(FORM_ORDER.len())
    });
    FormErrors { items }
}

/// A partner id of the form with the name it points to.
pub struct PartnerSlot {
    pub index: usize,
    pub value: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "agreements/form.html")]
pub(super) struct FormPage {
    pub(super) page: Page,
    pub(super) title: String,
    pub(super) action: String,
    pub(super) cancel: String,
    pub(super) form: AgreementForm,
    pub(super) errors: FormErrors,
    pub(super) conflict: bool,
    pub(super) kinds: Vec<Choice>,
    pub(super) units: Vec<Choice>,
    pub(super) owners: Vec<Choice>,
    pub(super) entries: Vec<Choice>,
    pub(super) partners: Vec<PartnerSlot>,
    pub(super) parent_label: String,
    pub(super) link_label: String,
    pub(super) is_new: bool,
    pub(super) terms_locked: bool,
}

impl FormPage {
    /// True for a control whose value may not change now.
    pub(super) fn locked(&self, control: &str) -> bool {
        self.terms_locked
            && !matches!(
                control,
                "owner_id" | "confidential" | "auto_renew" | "notice_days" | "tags"
            )
    }
}

/// What the form shows besides the page.
pub(super) struct FormState {
    pub(super) form: AgreementForm,
    pub(super) errors: FormErrors,
    pub(super) conflict: bool,
}

impl FormState {
    pub(super) fn new(form: AgreementForm) -> Self {
        Self {
            form,
            errors: FormErrors::default(),
            conflict: false,
        }
    }
}

/// The reference and title of a linked agreement the reader may see.
pub(super) async fn agreement_label(
    state: &AppState,
    reader: &Reader,
    tr: &Tr,
    id: &str,
) -> Result<String, StoreError> {
    let Ok(id) = Uuid::parse_str(id.trim()) else {
        return Ok(String::new());
    };
    if !agreements::can_read(&state.db, reader, id).await? {
        return Ok(String::new());
    }
    Ok(agreements::find_agreement(&state.db, id)
        .await?
        .map(|a| format!("{} — {}", a.reference, a.fields.title.best(tr.lang)))
        .unwrap_or_default())
}

pub(super) async fn form_page(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    existing: Option<&Agreement>,
    view: FormState,
    status: StatusCode,
) -> Response {
    let FormState {
        form,
        errors,
        conflict,
    } = view;
    let tr = page.tr;
    let reader = reader_of(current);
    let slot_ids: Vec<Uuid> = form
        .partner_slots()
        .iter()
        .filter_map(|t| Uuid::parse_str(t.trim()).ok())
        .collect();
    let loaded = async {
        let names = Names::load(state, &tr, &slot_ids, false).await?;
        let unit_rows = units::list_units(&state.db).await?;
        let mut owners = owner_rows(state).await?;
        // Keep the current owner selectable even if no longer an officer.
        if let Ok(owner) = Uuid::parse_str(form.owner_id.trim())
            && !owners.iter().any(|u| u.id == owner)
            && let Some(user) = users::find_user(&state.db, owner).await?
        {
            owners.push(user);
        }
        let parent_label = agreement_label(state, &reader, &tr, &form.parent_id).await?;
        let link_id = if form.renews_id.is_empty() {
            &form.amends_id
        } else {
            &form.renews_id
        };
        let link_label = agreement_label(state, &reader, &tr, link_id).await?;
        Ok::<_, StoreError>((names, unit_rows, owners, parent_label, link_label))
    }
    .await;
    let (names, unit_rows, owners, parent_label, link_label) = match loaded {
        Ok(r) => r,
        Err(e) => return store_error(page, e),
    };
    let (title, action, cancel) = match existing {
        Some(a) => (
            tr.t1("agreements-edit-title", "reference", &a.reference),
            format!("/agreements/{}/edit", a.id),
            format!("/agreements/{}", a.id),
        ),
        None => (
            tr.t("agreements-new"),
            "/agreements".to_string(),
            "/agreements".to_string(),
        ),
    };
    let partners = form
        .partner_slots()
        .iter()
        .enumerate()
        .map(|(index, value)| PartnerSlot {
            index,
            value: value.to_string(),
            name: Uuid::parse_str(value.trim())
                .ok()
                .and_then(|id| names.partners.get(&id).cloned())
                .unwrap_or_default(),
        })
        .collect();
    let entries: Vec<&str> = EntryIntoForce::ALL.iter().map(|e| e.as_str()).collect();
    let entry = if form.entry_into_force.is_empty() {
        EntryIntoForce::OnSignature.as_str()
    } else {
        form.entry_into_force.as_str()
    };
    let template = FormPage {
        title,
        action,
        cancel,
        kinds: choices(&tr, "agreement-kind", &kind_codes(), &form.kind),
        units: unit_choices(&names, &unit_rows, &form.lead_unit),
        owners: owner_choices(&owners, &form.owner_id),
        entries: choices(&tr, "entry-into-force", &entries, entry),
        partners,
        parent_label,
        link_label,
        is_new: existing.is_none(),
        terms_locked: existing.is_some_and(terms_locked),
        form,
        errors,
        conflict,
        page,
    };
    render_status(status, &template)
}

pub(super) fn require_writer(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
) -> Option<Response> {
    if can_write(current) {
        None
    } else {
        let page = Page::new(state, current, headers, "agreements", "/agreements".into());
        Some(error_page(page, StatusCode::FORBIDDEN, "forbidden"))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NewQuery {
    pub(super) partner_id: String,
    pub(super) renews_id: String,
    pub(super) amends_id: String,
}

pub(super) async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<NewQuery>,
) -> Response {
    if let Some(denied) = require_writer(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    // A renewal or an amendment starts from the terms the use case proposes
    // (the consolidated terms; a renewal dated to follow the agreement).
    let renews = Uuid::parse_str(query.renews_id.trim()).ok();
    let amends = Uuid::parse_str(query.amends_id.trim()).ok();
    let proposed = match (renews, amends) {
        (Some(id), _) => Some(uc::renew(&state.db, &current.actor(), id).await),
        (None, Some(id)) => Some(uc::amend(&state.db, &current.actor(), id).await),
        (None, None) => None,
    };
    let mut form = match proposed {
        None => AgreementForm::default(),
        Some(Ok(fields)) => AgreementForm::from_fields(&fields),
        Some(Err(error)) => return app_error(error),
    };
    if let Ok(partner) = Uuid::parse_str(query.partner_id.trim())
        && !form
            .partner_slots()
            .iter()
            .any(|p| p.trim() == partner.to_string())
    {
        let free = form
            .partner_slots()
            .iter()
            .position(|p| p.trim().is_empty())
            .unwrap_or(PARTNER_SLOTS - 1);
        form.set_partner(free, partner.to_string());
    }
    if form.owner_id.is_empty() {
        form.owner_id = current.user.id.to_string();
    }
    if form.lead_unit.is_empty() {
        form.lead_unit = current.user.unit.clone().unwrap_or_default();
    }
    form_page(
        &state,
        &current,
        page,
        None,
        FormState::new(form),
        StatusCode::OK,
    )
    .await
}

/// Validates a form by the input's own rules (the use case checks the rest).
pub(super) fn validate_form(
    form: &AgreementForm,
) -> Result<AgreementFields, (FieldErrors, Vec<usize>)> {
    let Prepared {
        input,
        slots,
        mut errors,
    } = form.prepare();
    match input.validate() {
        Ok(fields) if errors.is_empty() => Ok(fields),
        Ok(_) => Err((errors, slots)),
        Err(e) => {
            for (field, codes) in e.0.0 {
                for code in codes {
                    errors.add(field.clone(), code);
                }
            }
            Err((errors, slots))
        }
    }
}

/// A use case's refusal of a form as field errors, when it is about fields.
pub(super) fn refusal_fields(
    error: AppError,
    fields: &AgreementFields,
) -> Result<FieldErrors, AppError> {
    let link = if fields.amends_id.is_some() {
        "amends_id"
    } else {
        "renews_id"
    };
    let mut errors = FieldErrors::new();
    match error {
        AppError::Invalid(invalid) => return Ok(invalid),
        AppError::Duplicate { field, .. } => errors.add(field, "duplicate"),
        AppError::InvalidTransition { .. } => errors.add(link, "invalid_transition"),
        other => return Err(other),
    }
    Ok(errors)
}

/// A refusal that no form shows: the error page.
pub(super) fn app_error(error: AppError) -> Response {
    // The page error renders the error page in the user's language (see page_error).
    crate::page_error::PageError::from(error).into_response()
}

pub(super) async fn create_agreement(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, form): CsrfForm<AgreementForm>,
) -> Response {
    if let Some(denied) = require_writer(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(
        &state,
        &current,
        &headers,
        "agreements",
        "/agreements/new".into(),
    );
    let tr = page.tr;
    let (errors, slots) = match validate_form(&form) {
        Ok(fields) => {
            let slots = form.prepare().slots;
            let created = uc::create(
                &state.db,
                &current.actor(),
                &state.config.org_name,
                fields.clone(),
            )
            .await;
            match created {
                Ok(agreement) => {
                    return Redirect::to(&format!("/agreements/{}?notice=created", agreement.id))
                        .into_response();
                }
                Err(error) => match refusal_fields(error, &fields) {
                    Ok(errors) => (errors, slots),
                    Err(other) => return app_error(other),
                },
            }
        }
        Err(invalid) => invalid,
    };
    let view = FormState {
        errors: form_errors(&tr, &errors, &slots),
        form,
        conflict: false,
    };
    form_page(
        &state,
        &current,
        page,
        None,
        view,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// An agreement the reader may see, or not found.
pub(super) async fn load_visible(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<Agreement, StoreError> {
    let id = Uuid::parse_str(id).map_err(|_| StoreError::NotFound)?;
    if !agreements::can_read(&state.db, &current.actor(), id).await? {
        return Err(StoreError::NotFound);
    }
    agreements::find_agreement(&state.db, id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The terms are fixed once an agreement has left negotiation: the form shows
/// them disabled (the owner, confidentiality, renewal settings and tags stay
/// editable), and the use case refuses a change of them, as in the API.
pub(super) fn terms_locked(agreement: &Agreement) -> bool {
    uc::terms_locked(agreement.status)
}

impl AgreementForm {
    /// This form with the controls that were sent (`sent`) in place of its own:
    /// a control left out (disabled, or absent from a hand-made request) keeps
    /// the value it had; a check box is off when the form was sent without it.
    pub(super) fn overlaid_with(self, sent: &[(String, String)]) -> AgreementForm {
        let mut map: HashMap<String, String> = HashMap::new();
        for (key, value) in self.others.clone() {
            map.insert(key, value);
        }
        let own = [
            ("version", &self.version),
            ("title_ar", &self.title_ar),
            ("title_en", &self.title_en),
            ("title_fr", &self.title_fr),
            ("kind", &self.kind),
            ("lead_unit", &self.lead_unit),
            ("owner_id", &self.owner_id),
            ("starts_on", &self.starts_on),
            ("ends_on", &self.ends_on),
            ("entry_into_force", &self.entry_into_force),
            ("notice_days", &self.notice_days),
            ("value_amount", &self.value_amount),
            ("value_currency", &self.value_currency),
            ("objectives_ar", &self.objectives_ar),
            ("objectives_en", &self.objectives_en),
            ("objectives_fr", &self.objectives_fr),
            ("tags", &self.tags),
            ("parent_id", &self.parent_id),
            ("amends_id", &self.amends_id),
            ("renews_id", &self.renews_id),
        ];
        for (key, value) in own {
            map.insert(key.to_string(), value.clone());
        }
        // Check boxes: a form that carries the version was sent whole, so a missing box is off.
        let whole = sent.iter().any(|(k, _)| k == "version");
        for (key, value) in [
            ("confidential", &self.confidential),
            ("auto_renew", &self.auto_renew),
        ] {
            if let Some(v) = value.as_ref().filter(|_| !whole) {
                map.insert(key.to_string(), v.clone());
            }
        }
        for (key, value) in sent {
            map.insert(key.clone(), value.clone());
        }
        let pairs: Vec<(String, String)> = map.into_iter().collect();
        serde_urlencoded::to_string(&pairs)
            .ok()
            .and_then(|text| serde_urlencoded::from_str(&text).ok())
            .unwrap_or(self)
    }
}

pub(super) async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    if !can_write(&current) {
        return error_page(page, StatusCode::FORBIDDEN, "forbidden");
    }
    let form = AgreementForm::from_agreement(&agreement);
    form_page(
        &state,
        &current,
        page,
        Some(&agreement),
        FormState::new(form),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn update_agreement(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    // Disabled controls (the locked terms) are not sent: what is not sent keeps
    // its stored value, what is sent is checked by the use case.
    let sent: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let submitted: AgreementForm = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(_) => return (StatusCode::BAD_REQUEST, "malformed form").into_response(),
    };
    if !current.check_csrf(&submitted.csrf) {
        return csrf_failed(&state, &current, &headers);
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    if !can_write(&current) {
        return error_page(page, StatusCode::FORBIDDEN, "forbidden");
    }
    let tr = page.tr;
    let mut form = AgreementForm::from_agreement(&agreement).overlaid_with(&sent);
    // The links an agreement is born with stay as they are.
    form.amends_id = agreement
        .fields
        .amends_id
        .map(|a| a.to_string())
        .unwrap_or_default();
    form.renews_id = agreement
        .fields
        .renews_id
        .map(|a| a.to_string())
        .unwrap_or_default();
    let slots = form.prepare().slots;
    let fields = match validate_form(&form) {
        Ok(fields) => fields,
        Err((errors, slots)) => {
            let errors = form_errors(&tr, &errors, &slots);
            let view = FormState {
                form,
                errors,
                conflict: false,
            };
            return form_page(
                &state,
                &current,
                page,
                Some(&agreement),
                view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version().unwrap_or(0);
    let updated = uc::update(
        &state.db,
        &current.actor(),
        agreement.id,
        version,
        fields.clone(),
    )
    .await;
    match updated {
        Ok(updated) => {
            Redirect::to(&format!("/agreements/{}?notice=saved", updated.id)).into_response()
        }
        Err(AppError::VersionConflict { current_version }) => {
            // Keep what the user typed; saving again replaces the newer version knowingly.
            form.version = current_version.to_string();
            let view = FormState {
                form,
                errors: FormErrors::default(),
                conflict: true,
            };
            form_page(
                &state,
                &current,
                page,
                Some(&agreement),
                view,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(error) => match refusal_fields(error, &fields) {
            Ok(errors) => {
                let view = FormState {
                    errors: form_errors(&tr, &errors, &slots),
                    form,
                    conflict: false,
                };
                form_page(
                    &state,
                    &current,
                    page,
                    Some(&agreement),
                    view,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
            Err(other) => app_error(other),
        },
    }
}
