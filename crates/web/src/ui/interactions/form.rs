//! The form to record or change an interaction: partners, contacts, staff, agreements and follow-up rows, all without JavaScript.

use super::*;

/// One follow-up row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct FollowUpForm {
    pub id: String,
    pub action: String,
    pub owner_id: String,
    pub due_on: String,
    pub done: bool,
}

/// The values of the interaction form, as typed.
#[derive(Debug, Clone, Default)]
pub struct InteractionForm {
    pub version: Option<i64>,
    pub kind: String,
    pub direction: String,
    pub occurred_at: String,
    pub subject: String,
    pub summary: String,
    pub sender_reference: String,
    pub partners: Vec<String>,
    pub contact_ids: Vec<String>,
    pub staff_ids: Vec<String>,
    pub agreement_ids: Vec<String>,
    pub visible_to: Vec<String>,
    pub confidential: bool,
    /// Kept as given (a hidden field): the outreach case it belongs to.
    pub outreach_case_id: String,
    pub follow_ups: Vec<FollowUpForm>,
}

impl InteractionForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = InteractionForm {
            partners: vec![String::new(); PARTNER_SLOTS],
            ..Default::default()
        };
        let mut rows: BTreeMap<usize, FollowUpForm> = BTreeMap::new();
        for (key, value) in pairs {
            if let Some(rest) = key.strip_prefix("follow_ups-") {
                let Some((index, field)) = rest.split_once('-') else {
                    continue;
                };
                let Some(index) = index.parse::<usize>().ok().filter(|i| *i < MAX_ROWS) else {
                    continue;
                };
                let row = rows.entry(index).or_default();
                match field {
                    "id" => row.id = value,
                    "action" => row.action = value,
                    "owner_id" => row.owner_id = value,
                    "due_on" => row.due_on = value,
                    "done" => row.done = value == "1",
                    _ => {}
                }
                continue;
            }
            if let Some(index) = key
                .strip_prefix("partner-")
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|i| *i < PARTNER_SLOTS)
            {
                form.partners[index] = value;
                continue;
            }
            match key.as_str() {
                "version" => form.version = value.trim().parse().ok(),
                "kind" => form.kind = value,
                "direction" => form.direction = value,
                "occurred_at" => form.occurred_at = value,
                "subject" => form.subject = value,
                "summary" => form.summary = value,
                "sender_reference" => form.sender_reference = value,
                "contact_ids" => form.contact_ids.push(value),
                "staff_ids" => form.staff_ids.push(value),
                "agreement_ids" => form.agreement_ids.push(value),
                "visible_to" => form.visible_to.push(value),
                "confidential" => form.confidential = value == "1",
                "outreach_case_id" => form.outreach_case_id = value,
                _ => {}
            }
        }
        form.follow_ups = rows
            .into_values()
            .filter(|r| {
                !(r.action.trim().is_empty()
                    && r.owner_id.trim().is_empty()
                    && r.due_on.trim().is_empty())
            })
            .collect();
        form
    }

    fn from_interaction(i: &Interaction) -> Self {
        let f = &i.fields;
        let text = |ids: &[Uuid]| ids.iter().map(Uuid::to_string).collect::<Vec<_>>();
        let mut partners = text(&f.partner_ids);
        while partners.len() < PARTNER_SLOTS {
            partners.push(String::new());
        }
        let at = accord_store::instant(f.occurred_at);
        InteractionForm {
            version: Some(i.version),
            kind: f.kind.as_str().into(),
            direction: f.direction.as_str().into(),
            occurred_at: format!(
                "{}T{:02}:{:02}",
                values::format_date(at.date()),
                at.hour(),
                at.minute()
            ),
            subject: f.subject.clone(),
            summary: f.summary.clone().unwrap_or_default(),
            sender_reference: f.sender_reference.clone().unwrap_or_default(),
            partners,
            contact_ids: text(&f.contact_ids),
            staff_ids: text(&f.staff_ids),
            agreement_ids: text(&f.agreement_ids),
            visible_to: text(&f.visible_to),
            confidential: f.confidential,
            outreach_case_id: f
                .outreach_case_id
                .map(|o| o.to_string())
                .unwrap_or_default(),
            follow_ups: f
                .follow_ups
                .iter()
                .map(|u| FollowUpForm {
                    id: u.id.map(|i| i.to_string()).unwrap_or_default(),
                    action: u.action.clone(),
                    owner_id: u.owner_id.map(|o| o.to_string()).unwrap_or_default(),
                    due_on: u.due_on.map(values::format_date).unwrap_or_default(),
                    done: u.done,
                })
                .collect(),
        }
    }

    fn to_input(&self) -> InteractionInput {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        InteractionInput {
            kind: opt(&self.kind),
            direction: opt(&self.direction),
            sender_reference: opt(&self.sender_reference),
            subject: opt(&self.subject),
            occurred_at: opt(&self.occurred_at),
            summary: opt(&self.summary),
            partner_ids: list(&self.partners),
            contact_ids: list(&self.contact_ids),
            staff_ids: list(&self.staff_ids),
            agreement_ids: list(&self.agreement_ids),
            outreach_case_id: opt(&self.outreach_case_id),
            confidential: self.confidential,
            visible_to: list(&self.visible_to),
            follow_ups: self
                .follow_ups
                .iter()
                .map(|r| FollowUpInput {
                    id: opt(&r.id),
                    action: opt(&r.action),
                    owner_id: opt(&r.owner_id),
                    due_on: opt(&r.due_on),
                    done: r.done,
                })
                .collect(),
        }
    }
}

/// A partner slot of the form.
pub struct PartnerSlot {
    pub index: usize,
    pub value: String,
    pub name: String,
    pub error: Option<String>,
}

/// A follow-up row of the form, ready to show.
pub struct FollowUpRowView {
    pub index: usize,
    pub legend: String,
    pub row: FollowUpForm,
    pub owners: Vec<Choice>,
    pub action_error: Option<String>,
    pub owner_error: Option<String>,
    pub due_error: Option<String>,
}

#[derive(Template)]
#[template(path = "interaction_form.html")]
pub(super) struct FormPage {
    page: Page,
    title: String,
    action: String,
    cancel: String,
    form: InteractionForm,
    kinds: Vec<Choice>,
    directions: Vec<Choice>,
    partner_slots: Vec<PartnerSlot>,
    contacts: Vec<Choice>,
    agreements: Vec<Choice>,
    staff: Vec<Choice>,
    visible: Vec<Choice>,
    rows: Vec<FollowUpRowView>,
    errors: FormErrors,
    conflict: bool,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn form_page(
    state: &AppState,
    page: Page,
    current: &CurrentUser,
    existing: Option<&Interaction>,
    form: InteractionForm,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let reader = reader_of(current);
    let (partner_slots, contacts, agreements, staff_users) = {
        let mut partner_slots = Vec::new();
        let mut partner_ids = Vec::new();
        for (index, value) in form.partners.iter().enumerate() {
            let mut name = String::new();
            if let Ok(id) = Uuid::parse_str(value.trim())
                && let Some(p) = partners::find_partner(&state.db, id).await?
            {
                name = p.fields.name.best(tr.lang).to_string();
                partner_ids.push(id);
            }
            partner_slots.push(PartnerSlot {
                index,
                value: value.clone(),
                name,
                error: errors.get(&format!("partner-{index}")),
            });
        }
        let mut contact_choices: Vec<Choice> = Vec::new();
        for pid in &partner_ids {
            for c in contacts::contacts_of_partner(&state.db, *pid).await? {
                let value = c.contact_id.to_string();
                if contact_choices.iter().any(|x| x.value == value) {
                    continue;
                }
                contact_choices.push(Choice {
                    selected: form.contact_ids.contains(&value),
                    label: format!("{} — {}", c.name, c.position.title),
                    value,
                });
            }
        }
        for id in &form.contact_ids {
            if !contact_choices.iter().any(|x| &x.value == id)
                && let Ok(uuid) = Uuid::parse_str(id)
                && let Some(c) = contacts::find_contact(&state.db, uuid).await?
            {
                contact_choices.push(Choice {
                    value: id.clone(),
                    label: c.fields.name,
                    selected: true,
                });
            }
        }
        let mut agreement_choices: Vec<Choice> = Vec::new();
        for pid in &partner_ids {
            let page = agreement_store::list_agreements(
                &state.db,
                &AgreementFilter {
                    partner_id: Some(*pid),
                    ..Default::default()
                },
                &reader,
                agreement_store::default_sort(),
                None,
                50,
            )
            .await?;
            for a in page.items {
                let value = a.id.to_string();
                if agreement_choices.iter().any(|x| x.value == value) {
                    continue;
                }
                agreement_choices.push(Choice {
                    selected: form.agreement_ids.contains(&value),
                    label: format!("{} — {}", a.reference, a.fields.title.best(tr.lang)),
                    value,
                });
            }
        }
        for id in &form.agreement_ids {
            if !agreement_choices.iter().any(|x| &x.value == id)
                && let Ok(uuid) = Uuid::parse_str(id)
                && agreement_store::can_read(&state.db, &reader, uuid).await?
                && let Some(a) = agreement_store::find_agreement(&state.db, uuid).await?
            {
                agreement_choices.push(Choice {
                    value: id.clone(),
                    label: a.reference,
                    selected: true,
                });
            }
        }
        let staff_users: Vec<(String, String)> = users::list_users(&state.db)
            .await?
            .into_iter()
            .filter(|u| u.role.is_staff() && !u.disabled)
            .map(|u| (u.id.to_string(), u.name))
            .collect();
        (
            partner_slots,
            contact_choices,
            agreement_choices,
            staff_users,
        )
    };
    let choose = |selected: &[String]| -> Vec<Choice> {
        staff_users
            .iter()
            .map(|(id, name)| Choice {
                value: id.clone(),
                label: name.clone(),
                selected: selected.contains(id),
            })
            .collect()
    };
    let staff = choose(&form.staff_ids);
    let visible = choose(&form.visible_to);
    let filled = form.follow_ups.len();
    let rows = form
        .follow_ups
        .iter()
        .cloned()
        .chain(std::iter::repeat_n(
            FollowUpForm::default(),
            EMPTY_FOLLOW_UPS,
        ))
        .enumerate()
        .map(|(index, row)| {
            let mut owners = vec![Choice {
                value: String::new(),
                label: tr.t("interactions-no-owner"),
                selected: row.owner_id.is_empty(),
            }];
            owners.extend(choose(std::slice::from_ref(&row.owner_id)));
            let error = |field: &str| errors.get(&format!("follow_ups-{index}-{field}"));
            FollowUpRowView {
                index,
                legend: if index < filled {
                    tr.t1("interactions-follow-up-legend", "number", index + 1)
                } else {
                    tr.t("interactions-follow-up-new")
                },
                owners,
                action_error: error("action"),
                owner_error: error("owner_id"),
                due_error: error("due_on"),
                row,
            }
        })
        .collect();
    let (title, action, cancel) = match existing {
        Some(i) => (
            tr.t1(
                "interactions-edit-title",
                "subject",
                i.fields.subject.as_str(),
            ),
            format!("/interactions/{}", i.id),
            format!("/interactions/{}", i.id),
        ),
        None => (
            tr.t("interactions-new"),
            "/interactions".to_string(),
            "/interactions".to_string(),
        ),
    };
    let template = FormPage {
        title,
        action,
        cancel,
        kinds: kind_choices(&tr, &form.kind),
        directions: direction_choices(&tr, &form.direction),
        partner_slots,
        contacts,
        agreements,
        staff,
        visible,
        rows,
        form,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

/// 403 unless the user may log and edit interactions.
pub(super) fn require_writer(current: &CurrentUser) -> Result<(), PageError> {
    if current.actor().can_log_interactions() {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct NewQuery {
    partner_id: String,
    contact_id: String,
    agreement_id: String,
    outreach_case_id: String,
}

pub(super) async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<NewQuery>,
) -> Result<Response, PageError> {
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let now = accord_store::instant(accord_store::now_micros());
    let mut form = InteractionForm {
        partners: vec![String::new(); PARTNER_SLOTS],
        kind: "meeting".into(),
        direction: "outgoing".into(),
        occurred_at: format!(
            "{}T{:02}:{:02}",
            values::format_date(now.date()),
            now.hour(),
            now.minute()
        ),
        staff_ids: vec![current.user.id.to_string()],
        ..Default::default()
    };
    if Uuid::parse_str(query.partner_id.trim()).is_ok() {
        form.partners[0] = query.partner_id.trim().to_string();
    }
    if Uuid::parse_str(query.contact_id.trim()).is_ok() {
        form.contact_ids.push(query.contact_id.trim().to_string());
    }
    if Uuid::parse_str(query.agreement_id.trim()).is_ok() {
        form.agreement_ids
            .push(query.agreement_id.trim().to_string());
    }
    if Uuid::parse_str(query.outreach_case_id.trim()).is_ok() {
        form.outreach_case_id = query.outreach_case_id.trim().to_string();
    }
    form_page(
        &state,
        page,
        &current,
        None,
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

pub(super) fn validate(form: &InteractionForm) -> Result<InteractionFields, FieldErrors> {
    form.to_input().validate().map_err(|e| e.0)
}

pub(super) async fn create_interaction(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = InteractionForm::from_pairs(pairs);
    require_writer(&current)?;
    let page = Page::new(
        &state,
        &current,
        &headers,
        "interactions",
        "/interactions/new".into(),
    );
    let tr = page.tr;
    let result = match validate(&form) {
        Ok(fields) => store::insert_interaction(
            &state.db,
            &reader_of(&current),
            &state.config.org_name,
            &registry_unit(&current),
            fields,
        )
        .await
        .map_err(|e| match e {
            StoreError::Invalid(v) => Ok(v.0),
            other => Err(other),
        }),
        Err(errors) => Err(Ok(errors)),
    };
    match result {
        Ok(i) => {
            Ok(Redirect::to(&format!("/interactions/{}?notice=created", i.id)).into_response())
        }
        Err(Ok(errors)) => {
            let errors = form_errors(&tr, &errors);
            form_page(
                &state,
                page,
                &current,
                None,
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Err(e)) => Err(e.into()),
    }
}

pub(super) async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(interaction): Visible<Interaction>,
) -> Result<Response, PageError> {
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let form = InteractionForm::from_interaction(&interaction);
    form_page(
        &state,
        page,
        &current,
        Some(&interaction),
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn update_interaction(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(interaction): Visible<Interaction>,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = InteractionForm::from_pairs(pairs);
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let tr = page.tr;
    let fields = match validate(&form) {
        Ok(f) => f,
        Err(errors) => {
            let errors = form_errors(&tr, &errors);
            return form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match store::update_interaction(
        &state.db,
        &reader_of(&current),
        &state.config.org_name,
        &registry_unit(&current),
        interaction.id,
        form.version.unwrap_or(0),
        fields,
    )
    .await
    {
        Ok(updated) => {
            Ok(Redirect::to(&format!("/interactions/{}?notice=saved", updated.id)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            let mut form = form;
            form.version = Some(latest);
            form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                FormErrors::default(),
                true,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            let errors = form_errors(&tr, &v.0);
            form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
