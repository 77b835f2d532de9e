//! Contact pages: the searchable list, the contact's page with current and
//! former positions and history, and the create and edit forms. Position rows
//! work without JavaScript: the form shows the existing positions plus two
//! empty rows, and a row left entirely empty is ignored.

use crate::AppState;
use crate::api::Params;
use crate::api::contacts::{
    LIST_PARAMS, ListRequest, check_partner_filter, default_sort, parse_list, partner_names,
};
use crate::auth::{CurrentUser, PageUser};
use crate::extract::{CsrfForm, Visible, visible};
use crate::forms::{FormError, FormErrors, opt, split_list};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::components::{Choice, query_string};
use crate::ui::history::{HistoryItem, items as history_items};
use accord_app::AppError;
use accord_domain::contact::{
    ContactFields, ContactInput, Position, PositionInput, SigningAuthority,
};
use accord_domain::policy::{Action, Actor};
use accord_domain::{FieldErrors, LocalizedText, values};
use accord_store::contacts::{self, Contact};
use accord_store::{StoreError, audit, partners};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contacts", get(list_page).post(create_contact))
        .route("/contacts/new", get(new_page))
        .route("/contacts/{id}", get(show_page).post(update_contact))
        .route("/contacts/{id}/edit", get(edit_page))
        .route("/contacts/{id}/merge", post(merge_contact))
}

/// Empty position rows offered below the existing ones.
const EMPTY_ROWS: usize = 2;
/// Position rows read from a form at most (row numbers above are ignored).
const MAX_ROWS: usize = 100;

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/contacts".into())
}

/// A contact's name as shown: with the honorific, if any.
fn display_name(fields: &ContactFields) -> String {
    match &fields.honorific {
        Some(h) => format!("{h} {}", fields.name),
        None => fields.name.clone(),
    }
}

/// The translated label of a field of the contact form.
fn field_label(tr: &Tr, field: &str) -> String {
    let key = field.replace('_', "-");
    tr.try_t(&format!("contacts-field-{key}"))
        .or_else(|| tr.try_t(&format!("field-{key}")))
        .unwrap_or_else(|| field.to_string())
}

/// The form control of an error's field and its label: `positions[1].title`
/// is the control `positions-1-title`, labelled "Position 2: Title".
fn field_id_and_label(tr: &Tr, field: &str) -> (String, String) {
    if let Some(rest) = field.strip_prefix("positions[")
        && let Some((index, name)) = rest.split_once("].")
        && let Ok(index) = index.parse::<usize>()
    {
        // A bad hidden id is reported on the row's first visible control.
        let control = if name == "id" { "partner_id" } else { name };
        let label = tr.targs(
            "contacts-position-field",
            &[
                ("number", (index + 1).to_string()),
                ("field", field_label(tr, control)),
            ],
        );
        return (format!("positions-{index}-{control}"), label);
    }
    (field.to_string(), field_label(tr, field))
}

/// Translates validation errors for the contact form and the list's filters.
fn form_errors(tr: &Tr, errors: &FieldErrors) -> FormErrors {
    let mut items = Vec::new();
    for (field, codes) in &errors.0 {
        let (id, label) = field_id_and_label(tr, field);
        for code in codes {
            let message = tr
                .try_t(&format!("error-{code}"))
                .unwrap_or_else(|| code.replace('_', " "));
            items.push(FormError {
                field: id.clone(),
                label: label.clone(),
                message,
            });
        }
    }
    FormErrors { items }
}

/// The partners of some contacts' positions, by id: name in the user's
/// language, and whether the user may open the partner's page.
struct PartnerNames {
    names: HashMap<Uuid, LocalizedText>,
}

impl PartnerNames {
    async fn load<'a>(
        state: &AppState,
        contacts: impl IntoIterator<Item = &'a Contact>,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            names: partner_names(&state.db, contacts).await?,
        })
    }

    fn name(&self, tr: &Tr, id: Uuid) -> String {
        self.names
            .get(&id)
            .map(|n| n.best(tr.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }
}

/// A position as the pages show it.
pub struct PositionView {
    pub partner_id: String,
    pub partner_name: String,
    /// True when the user may open the partner's page.
    pub linked: bool,
    pub title: String,
    pub from_iso: String,
    pub from: String,
    pub to_iso: String,
    pub to: String,
    /// The signing authority's label; empty for none.
    pub authority: String,
    pub authority_document: String,
}

fn position_view(
    tr: &Tr,
    actor: &Actor,
    names: &PartnerNames,
    position: &Position,
) -> PositionView {
    PositionView {
        partner_id: position.partner_id.to_string(),
        partner_name: names.name(tr, position.partner_id),
        linked: actor.can_partner(Action::Read, Some(position.partner_id)),
        title: position.title.clone(),
        from_iso: position.from.map(values::format_date).unwrap_or_default(),
        from: tr.iso_date(&position.from),
        to_iso: position.to.map(values::format_date).unwrap_or_default(),
        to: tr.iso_date(&position.to),
        authority: match position.signing_authority {
            SigningAuthority::None => String::new(),
            other => tr.label("authority", other.as_str()),
        },
        authority_document: position.authority_document.clone().unwrap_or_default(),
    }
}

/// A row of the contact list.
pub struct ContactRowView {
    pub id: String,
    pub name: String,
    pub name_alt: String,
    pub email: String,
    pub positions: Vec<PositionView>,
}

#[derive(Template)]
#[template(path = "contacts/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<ContactRowView>,
    total: i64,
    shown: i64,
    next_href: Option<String>,
    first_href: Option<String>,
    new_href: String,
    q: String,
    /// The partner the list is limited to: id and name.
    partner: Option<(String, String)>,
    filter_errors: FormErrors,
    filtered: bool,
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = Page::new(&state, &current, &headers, "contacts", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let actor = current.actor();
    let mut query = query;
    query.retain(|k, _| LIST_PARAMS.contains(&k.as_str()));
    let mut params = Params(query);
    let mut errors = FieldErrors::new();
    let mut request = match parse_list(&params, &actor) {
        Ok(request) => request,
        Err(bad) => {
            // Show the list without the bad values, and say which were wrong.
            params.0.retain(|k, _| !bad.0.contains_key(k));
            errors = bad;
            parse_list(&params, &actor).unwrap_or_else(|_| ListRequest {
                filter: contacts::ContactFilter {
                    visible_to_org: (!actor.role.is_staff())
                        .then(|| actor.organization_id.unwrap_or_default()),
                    ..Default::default()
                },
                sort: default_sort(),
                cursor: None,
                limit: 50,
            })
        }
    };
    let mut partner = None;
    if let Some(partner_id) = request.filter.partner_id {
        match check_partner_filter(&state.db, &actor, partner_id).await {
            Ok(p) => partner = Some((p.id.to_string(), p.fields.name.best(tr.lang).to_string())),
            Err(StoreError::Invalid(v)) => {
                for (field, codes) in v.0.0 {
                    codes
                        .into_iter()
                        .for_each(|code| errors.add(field.clone(), code));
                }
                params.0.remove("partner_id");
                request.filter.partner_id = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut result = contacts::list_contacts(
        &state.db,
        &request.filter,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await;
    if let Err(StoreError::Invalid(_)) = result {
        // A cursor of another order: start from the first page.
        errors.add("cursor", "invalid_cursor");
        params.0.remove("cursor");
        request.cursor = None;
        result = contacts::list_contacts(
            &state.db,
            &request.filter,
            request.sort,
            None,
            request.limit,
        )
        .await;
    }
    let list = result?;
    let names = PartnerNames::load(&state, &list.items).await?;
    let p = |k: &str| params.get(k).unwrap_or("").to_string();
    let base_pairs = vec![
        ("q", p("q")),
        ("partner_id", p("partner_id")),
        ("sort", p("sort")),
    ];
    let next_href = list.next_cursor.as_ref().map(|cursor| {
        let mut pairs = base_pairs.clone();
        pairs.push(("cursor", cursor.clone()));
        format!("/contacts?{}", query_string(&pairs))
    });
    let first_href = request
        .cursor
        .as_ref()
        .map(|_| format!("/contacts?{}", query_string(&base_pairs)));
    let today = accord_store::today();
    let rows = list
        .items
        .iter()
        .map(|c| ContactRowView {
            id: c.id.to_string(),
            name: display_name(&c.fields),
            name_alt: c.fields.name_alt.clone().unwrap_or_default(),
            email: c.fields.email.clone().unwrap_or_default(),
            positions: c
                .fields
                .positions
                .iter()
                .filter(|pos| pos.is_current(today))
                .map(|pos| position_view(&tr, &actor, &names, pos))
                .collect(),
        })
        .collect();
    let new_href = match &partner {
        Some((id, _)) => format!("/contacts/new?partner_id={id}"),
        None => "/contacts/new".to_string(),
    };
    let template = ListPage {
        rows,
        total: list.total,
        shown: list.items.len() as i64,
        next_href,
        first_href,
        new_href,
        q: p("q"),
        filtered: !p("q").is_empty() || partner.is_some(),
        partner,
        filter_errors: form_errors(&tr, &errors),
        page,
    };
    Ok(render(&template))
}

/// One position row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct PositionForm {
    pub id: String,
    pub partner_id: String,
    pub title: String,
    pub from: String,
    pub to: String,
    pub signing_authority: String,
    pub authority_document: String,
}

impl PositionForm {
    /// True when the user filled in nothing (the hidden id and "no signing
    /// authority" do not count), so the row is ignored.
    fn is_blank(&self) -> bool {
        [
            &self.partner_id,
            &self.title,
            &self.from,
            &self.to,
            &self.authority_document,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
            && matches!(self.signing_authority.trim(), "" | "none")
    }

    fn from_position(position: &Position) -> Self {
        PositionForm {
            id: position.id.map(|id| id.to_string()).unwrap_or_default(),
            partner_id: position.partner_id.to_string(),
            title: position.title.clone(),
            from: position.from.map(values::format_date).unwrap_or_default(),
            to: position.to.map(values::format_date).unwrap_or_default(),
            signing_authority: position.signing_authority.as_str().to_string(),
            authority_document: position.authority_document.clone().unwrap_or_default(),
        }
    }

    fn to_input(&self) -> PositionInput {
        PositionInput {
            id: opt(&self.id),
            partner_id: opt(&self.partner_id),
            title: opt(&self.title),
            from: opt(&self.from),
            to: opt(&self.to),
            signing_authority: opt(&self.signing_authority),
            authority_document: opt(&self.authority_document),
        }
    }
}

/// The values of the contact form, as typed. Position rows are named
/// `positions-{row}-{field}`; rows left empty are dropped when the form is read.
#[derive(Debug, Clone, Default)]
pub struct ContactForm {
    pub version: Option<i64>,
    pub name: String,
    pub name_alt: String,
    pub honorific: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub notes: String,
    pub positions: Vec<PositionForm>,
    /// The user confirmed that this is not one of the likely duplicates shown.
    pub confirm_duplicate: bool,
}

impl ContactForm {
    /// Reads the submitted fields.
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = ContactForm::default();
        let mut rows: BTreeMap<usize, PositionForm> = BTreeMap::new();
        for (key, value) in pairs {
            if let Some(rest) = key.strip_prefix("positions-") {
                let Some((index, field)) = rest.split_once('-') else {
                    continue;
                };
                let Some(index) = index.parse::<usize>().ok().filter(|i| *i < MAX_ROWS) else {
                    continue;
                };
                let row = rows.entry(index).or_default();
                match field {
                    "id" => row.id = value,
                    "partner_id" => row.partner_id = value,
                    "title" => row.title = value,
                    "from" => row.from = value,
                    "to" => row.to = value,
                    "signing_authority" => row.signing_authority = value,
                    "authority_document" => row.authority_document = value,
                    _ => {}
                }
                continue;
            }
            match key.as_str() {
                "confirm_duplicate" => form.confirm_duplicate = !value.is_empty(),
                "version" => form.version = value.trim().parse().ok(),
                "name" => form.name = value,
                "name_alt" => form.name_alt = value,
                "honorific" => form.honorific = value,
                "email" => form.email = value,
                "phone" => form.phone = value,
                "languages" => form.languages = value,
                "notes" => form.notes = value,
                _ => {}
            }
        }
        form.positions = rows.into_values().filter(|row| !row.is_blank()).collect();
        form
    }

    fn from_contact(contact: &Contact) -> Self {
        let f = &contact.fields;
        ContactForm {
            version: Some(contact.version),
            name: f.name.clone(),
            name_alt: f.name_alt.clone().unwrap_or_default(),
            honorific: f.honorific.clone().unwrap_or_default(),
            email: f.email.clone().unwrap_or_default(),
            phone: f.phone.clone().unwrap_or_default(),
            languages: f.languages.join(", "),
            notes: f.notes.clone().unwrap_or_default(),
            positions: f
                .positions
                .iter()
                .map(PositionForm::from_position)
                .collect(),
            confirm_duplicate: false,
        }
    }

    /// The form as a domain input; position `i` of the input is row `i` of the form.
    fn to_input(&self) -> ContactInput {
        ContactInput {
            name: opt(&self.name),
            name_alt: opt(&self.name_alt),
            honorific: opt(&self.honorific),
            email: opt(&self.email),
            phone: opt(&self.phone),
            languages: split_list(&self.languages),
            positions: self.positions.iter().map(PositionForm::to_input).collect(),
            notes: opt(&self.notes),
        }
    }
}

/// A position row of the form, ready to show.
pub struct PositionRowView {
    pub index: usize,
    pub legend: String,
    pub row: PositionForm,
    /// The name of the partner whose id is in the row, if it names one.
    pub partner_name: String,
    pub authorities: Vec<Choice>,
    pub partner_error: Option<String>,
    pub title_error: Option<String>,
    pub from_error: Option<String>,
    pub to_error: Option<String>,
    pub authority_error: Option<String>,
    pub document_error: Option<String>,
}

#[derive(Template)]
#[template(path = "contacts/form.html")]
struct FormPage {
    page: Page,
    title: String,
    action: String,
    cancel: String,
    form: ContactForm,
    rows: Vec<PositionRowView>,
    errors: FormErrors,
    conflict: bool,
    duplicates: Vec<DuplicateView>,
}

/// A likely duplicate of a contact, as the form and the contact page show it.
pub struct DuplicateView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub percent: i64,
    pub same_email: bool,
}

/// The likely duplicates the actor may see, ready to show.
async fn duplicate_views(
    state: &AppState,
    actor: &Actor,
    name: &str,
    email: Option<&str>,
    exclude: Option<Uuid>,
) -> Result<Vec<DuplicateView>, StoreError> {
    Ok(contacts::similar_contacts(&state.db, name, email, exclude)
        .await?
        .into_iter()
        .filter(|d| actor.can_contact(Action::Read, &d.contact.partner_ids()))
        .map(|d| DuplicateView {
            id: d.contact.id.to_string(),
            name: display_name(&d.contact.fields),
            email: d.contact.fields.email.clone().unwrap_or_default(),
            percent: (d.score * 100.0).round() as i64,
            same_email: d.same_email,
        })
        .collect())
}

/// The name of the partner a row's id names, when the user may see it.
async fn row_partner_name(
    state: &AppState,
    actor: &Actor,
    tr: &Tr,
    partner_id: &str,
) -> Result<String, StoreError> {
    let Ok(id) = Uuid::parse_str(partner_id.trim()) else {
        return Ok(String::new());
    };
    Ok(match partners::find_partner(&state.db, id).await? {
        Some(p) if p.merged_into.is_none() && actor.can_partner(Action::Read, Some(p.id)) => {
            p.fields.name.best(tr.lang).to_string()
        }
        _ => String::new(),
    })
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    page: Page,
    actor: &Actor,
    existing: Option<&Contact>,
    form: ContactForm,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    form_page_with(
        state,
        page,
        actor,
        existing,
        form,
        (errors, conflict, Vec::new()),
        status,
    )
    .await
}

/// The form page with its errors, conflict flag and likely duplicates.
async fn form_page_with(
    state: &AppState,
    page: Page,
    actor: &Actor,
    existing: Option<&Contact>,
    form: ContactForm,
    (errors, conflict, duplicates): (FormErrors, bool, Vec<DuplicateView>),
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let (title, action, cancel) = match existing {
        Some(c) => (
            tr.t1("contacts-edit-title", "name", display_name(&c.fields)),
            format!("/contacts/{}", c.id),
            format!("/contacts/{}", c.id),
        ),
        None => (
            tr.t("contacts-new"),
            "/contacts".to_string(),
            "/contacts".to_string(),
        ),
    };
    let filled = form.positions.len();
    let mut rows = Vec::with_capacity(filled + EMPTY_ROWS);
    for (index, row) in form
        .positions
        .iter()
        .cloned()
        .chain(std::iter::repeat_n(PositionForm::default(), EMPTY_ROWS))
        .enumerate()
    {
        let partner_name = row_partner_name(state, actor, &tr, &row.partner_id).await?;
        let selected = if row.signing_authority.trim().is_empty() {
            "none"
        } else {
            row.signing_authority.trim()
        };
        let authorities = SigningAuthority::ALL
            .iter()
            .map(|a| Choice {
                value: a.as_str().to_string(),
                label: tr.label("authority", a.as_str()),
                selected: a.as_str() == selected,
            })
            .collect();
        let error = |field: &str| errors.get(&format!("positions-{index}-{field}"));
        rows.push(PositionRowView {
            index,
            legend: if index < filled {
                tr.t1("contacts-position-legend", "number", index + 1)
            } else {
                tr.t("contacts-position-new")
            },
            partner_name,
            authorities,
            partner_error: error("partner_id"),
            title_error: error("title"),
            from_error: error("from"),
            to_error: error("to"),
            authority_error: error("signing_authority"),
            document_error: error("authority_document"),
            row,
        });
    }
    let template = FormPage {
        title,
        action,
        cancel,
        form,
        rows,
        errors,
        conflict,
        duplicates,
        page,
    };
    Ok(render_status(status, &template))
}

/// 403 unless the user may create and edit contacts.
fn require_editor(current: &CurrentUser) -> Result<(), PageError> {
    if current.actor().can_contact(Action::Create, &[]) {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

/// Forgets position ids that are not positions of `existing` (a form kept
/// from an older version, or an edited page): those rows become new positions.
fn drop_unknown_position_ids(fields: &mut ContactFields, existing: Option<&Contact>) {
    let mut known: Vec<Uuid> = existing
        .map(|c| c.fields.positions.iter().filter_map(|p| p.id).collect())
        .unwrap_or_default();
    for position in &mut fields.positions {
        if let Some(id) = position.id {
            match known.iter().position(|k| *k == id) {
                // Each id is used once at most.
                Some(at) => {
                    known.swap_remove(at);
                }
                None => position.id = None,
            }
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    partner_id: String,
}

async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<NewQuery>,
) -> Result<Response, PageError> {
    require_editor(&current)?;
    let page = Page::new(&state, &current, &headers, "contacts", here(&uri));
    let actor = current.actor();
    let mut form = ContactForm::default();
    if let Ok(partner_id) = Uuid::parse_str(query.partner_id.trim()) {
        match check_partner_filter(&state.db, &actor, partner_id).await {
            Ok(partner) => form.positions.push(PositionForm {
                partner_id: partner.id.to_string(),
                ..Default::default()
            }),
            Err(StoreError::Invalid(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    form_page(
        &state,
        page,
        &actor,
        None,
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn create_contact(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = ContactForm::from_pairs(pairs);
    require_editor(&current)?;
    let page = Page::new(
        &state,
        &current,
        &headers,
        "contacts",
        "/contacts/new".into(),
    );
    let tr = page.tr;
    let actor = current.actor();
    let mut fields = match form.to_input().validate() {
        Ok(fields) => fields,
        Err(errors) => {
            let errors = form_errors(&tr, &errors.0);
            return form_page(
                &state,
                page,
                &actor,
                None,
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    drop_unknown_position_ids(&mut fields, None);
    if !form.confirm_duplicate {
        let found =
            duplicate_views(&state, &actor, &fields.name, fields.email.as_deref(), None).await?;
        if !found.is_empty() {
            return form_page_with(
                &state,
                page,
                &actor,
                None,
                form,
                (FormErrors::default(), false, found),
                StatusCode::OK,
            )
            .await;
        }
    }
    match contacts::insert_contact(&state.db, Some(current.user.id), fields).await {
        Ok(contact) => {
            Ok(Redirect::to(&format!("/contacts/{}?notice=created", contact.id)).into_response())
        }
        Err(StoreError::Invalid(v)) => {
            let errors = form_errors(&tr, &v.0);
            form_page(
                &state,
                page,
                &actor,
                None,
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

#[derive(Template)]
#[template(path = "contacts/show.html")]
struct ShowPage {
    page: Page,
    contact: Contact,
    name: String,
    languages: Vec<String>,
    current_positions: Vec<PositionView>,
    past_positions: Vec<PositionView>,
    history: Vec<HistoryItem>,
    can_edit: bool,
    /// What to re-route when a position ends, and the end-of-position forms (staff only).
    open_items: Option<crate::ui::interactions::OpenItemsView>,
    /// Likely duplicates an editor may merge into this contact.
    merge_candidates: Vec<DuplicateView>,
}

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(contact): Visible<Contact>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    if let Some(survivor) = contact.merged_into {
        return Ok(Redirect::to(&format!("/contacts/{survivor}")).into_response());
    }
    let page = Page::new(&state, &current, &headers, "contacts", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let actor = current.actor();
    let tr = page.tr;
    let can_merge = actor.can_contact(Action::Merge, &contact.partner_ids());
    let (names, history, open_items, merge_candidates) = {
        let names = PartnerNames::load(&state, [&contact]).await?;
        let history = if actor.can_read_history() {
            let ids = contacts::history_ids(&state.db, contact.id).await?;
            audit::history(&state.db, "contact", &ids, 100).await?
        } else {
            Vec::new()
        };
        let open_items =
            crate::ui::interactions::contact_open_items(&state, &current, &tr, &contact).await?;
        let merge_candidates = if can_merge {
            duplicate_views(
                &state,
                &actor,
                &contact.fields.name,
                contact.fields.email.as_deref(),
                Some(contact.id),
            )
            .await?
        } else {
            Vec::new()
        };
        (names, history, open_items, merge_candidates)
    };
    let today = accord_store::today();
    let (current_positions, past_positions): (Vec<&Position>, Vec<&Position>) = contact
        .fields
        .positions
        .iter()
        .partition(|p| p.is_current(today));
    let languages = contact
        .fields
        .languages
        .iter()
        .map(|code| {
            tr.try_t(&format!("lang-{code}"))
                .unwrap_or_else(|| code.to_uppercase())
        })
        .collect();
    let template = ShowPage {
        open_items,
        name: display_name(&contact.fields),
        languages,
        current_positions: current_positions
            .iter()
            .map(|p| position_view(&tr, &actor, &names, p))
            .collect(),
        past_positions: past_positions
            .iter()
            .map(|p| position_view(&tr, &actor, &names, p))
            .collect(),
        history: history_items(&tr, &history),
        can_edit: actor.can_contact(Action::Update, &contact.partner_ids()),
        merge_candidates,
        contact,
        page,
    };
    Ok(render(&template))
}

async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(contact): Visible<Contact>,
) -> Result<Response, PageError> {
    let actor = current.actor();
    if !actor.can_contact(Action::Update, &contact.partner_ids()) {
        return Err(PageError::forbidden());
    }
    let page = Page::new(&state, &current, &headers, "contacts", here(&uri));
    let form = ContactForm::from_contact(&contact);
    form_page(
        &state,
        page,
        &actor,
        Some(&contact),
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn update_contact(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(contact): Visible<Contact>,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = ContactForm::from_pairs(pairs);
    let actor = current.actor();
    if !actor.can_contact(Action::Update, &contact.partner_ids()) {
        return Err(PageError::forbidden());
    }
    let page = Page::new(&state, &current, &headers, "contacts", here(&uri));
    let tr = page.tr;
    let mut fields = match form.to_input().validate() {
        Ok(fields) => fields,
        Err(errors) => {
            let errors = form_errors(&tr, &errors.0);
            return form_page(
                &state,
                page,
                &actor,
                Some(&contact),
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    drop_unknown_position_ids(&mut fields, Some(&contact));
    let version = form.version.unwrap_or(0);
    match contacts::update_contact(
        &state.db,
        Some(current.user.id),
        contact.id,
        version,
        fields,
    )
    .await
    {
        Ok(updated) => {
            Ok(Redirect::to(&format!("/contacts/{}?notice=saved", updated.id)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            // Keep what the user typed, and let them save again knowingly over the newer version.
            let mut form = form;
            form.version = Some(latest);
            form_page(
                &state,
                page,
                &actor,
                Some(&contact),
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
                &actor,
                Some(&contact),
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

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct MergeForm {
    from: String,
    version: Option<i64>,
}

/// Merges a likely duplicate (`from`) into this contact: its positions move
/// here and it becomes a tombstone (admins and officers).
async fn merge_contact(
    State(state): State<AppState>,
    Visible(survivor): Visible<Contact>,
    CsrfForm(current, form): CsrfForm<MergeForm>,
) -> Result<Response, PageError> {
    let actor = current.actor();
    if survivor.merged_into.is_some() {
        return Err(PageError::not_found());
    }
    if !actor.can_contact(Action::Merge, &survivor.partner_ids()) {
        return Err(PageError::forbidden());
    }
    let from = match visible::<Contact>(&state, &current, &form.from).await {
        Ok(c) => c.id,
        Err(_) => return Err(PageError::unprocessable("unknown_contact")),
    };
    match accord_app::registry::merge_contacts(
        &state.db,
        &current.actor(),
        survivor.id,
        from,
        form.version,
    )
    .await
    {
        Ok(merged) => Ok(
            Redirect::to(&format!("/contacts/{}?notice=contacts_merged", merged.id))
                .into_response(),
        ),
        Err(AppError::VersionConflict { .. }) => Err(PageError::conflict("version_conflict")),
        Err(AppError::Invalid(_)) => Err(PageError::unprocessable("unknown_contact")),
        Err(e) => Err(e.into()),
    }
}
