//! Partner pages: the searchable list with filters and exports, the partner's
//! page with its contacts and history, the create and edit forms with the
//! likely-duplicate warning, and the merge.

use crate::AppState;
use crate::api::Params;
use crate::api::partners::{LIST_PARAMS, ListRequest, parse_list};
use crate::auth::PageUser;
use crate::extract::{CsrfForm, Visible};
use crate::forms::{FormErrors, localized, opt, split_list};
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
pub use crate::ui::components::{Choice, SortLink};
use crate::ui::components::{choices, query_string};
use crate::ui::history::{HistoryItem, items as history_items};
use accord_app::AppError;
use accord_domain::partner::{Identifier, PartnerInput, PartnerKind, PartnerStatus, Risk};
use accord_domain::policy::Action;
use accord_domain::{FieldErrors, Lang};
use accord_store::contacts::{self, PartnerContact};
use accord_store::countries::{self, CountryRow};
use accord_store::partners::{self, DuplicateCandidate, Partner};
use accord_store::{StoreError, audit};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partners", get(list_page).post(create_partner))
        .route("/partners/new", get(new_page))
        .route("/partners/export", get(export))
        .route("/partners/{id}", get(show_page).post(update_partner))
        .route("/partners/{id}/edit", get(edit_page))
        .route("/partners/{id}/merge", get(merge_page).post(merge_partner))
}

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/partners".into())
}

fn country_choices(lang: Lang, rows: &[CountryRow], selected: &str) -> Vec<Choice> {
    let mut out: Vec<Choice> = rows
        .iter()
        .map(|c| Choice {
            value: c.code.clone(),
            label: c.name_in(lang).to_string(),
            selected: c.code == selected,
        })
        .collect();
    out.sort_by(|a, b| {
        accord_domain::search::normalize(&a.label).cmp(&accord_domain::search::normalize(&b.label))
    });
    out
}

/// A row of the partner list.
pub struct PartnerRowView {
    pub id: String,
    pub name: String,
    pub other_names: String,
    pub acronym: String,
    pub kind: String,
    pub country: String,
    pub status_code: String,
    pub status: String,
    pub tags: Vec<String>,
    pub updated: String,
}

fn row_view(
    tr: &crate::i18n::Tr,
    countries: &HashMap<String, CountryRow>,
    partner: &Partner,
) -> PartnerRowView {
    let f = &partner.fields;
    let name = f.name.best(tr.lang).to_string();
    let other_names: Vec<&str> = f.name.all().filter(|n| *n != name).collect();
    PartnerRowView {
        id: partner.id.to_string(),
        other_names: other_names.join(" · "),
        name,
        acronym: f.acronym.clone().unwrap_or_default(),
        kind: tr.label("kind", f.kind.as_str()),
        country: f
            .country
            .as_ref()
            .and_then(|c| countries.get(c))
            .map(|c| c.name_in(tr.lang).to_string())
            .unwrap_or_default(),
        status_code: f.status.as_str().to_string(),
        status: tr.label("status", f.status.as_str()),
        tags: f.tags.clone(),
        updated: tr.date(partner.updated_at),
    }
}

#[derive(Template)]
#[template(path = "partners/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<PartnerRowView>,
    total: i64,
    shown_to: i64,
    next_href: Option<String>,
    first_href: Option<String>,
    q: String,
    tag: String,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    memberships: Vec<Choice>,
    countries: Vec<Choice>,
    sorts: Vec<SortLink>,
    export_query: String,
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
    let page = Page::new(&state, &current, &headers, "partners", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let mut query = query;
    query.retain(|k, _| LIST_PARAMS.contains(&k.as_str()));
    let params = Params(query);
    let (request, filter_errors) = match parse_list(&params, &current.actor()) {
        Ok(request) => (request, FieldErrors::new()),
        Err(errors) => {
            // Show the list unfiltered by the bad values, and say which were wrong.
            let mut clean = params.0.clone();
            clean.retain(|k, _| !errors.0.contains_key(k));
            let request =
                parse_list(&Params(clean), &current.actor()).unwrap_or_else(|_| ListRequest {
                    filter: Default::default(),
                    sort: partners::default_sort(),
                    cursor: None,
                    limit: 50,
                });
            (request, errors)
        }
    };
    let tr = page.tr;
    // Names sort in the reader's language unless another order was asked for.
    let name_sort = match tr.lang {
        Lang::Ar => "name_ar",
        Lang::Fr => "name_fr",
        Lang::En => "name",
    };
    let mut request = request;
    if params.get("sort").is_none()
        && let Some(sort) = accord_store::list::Sort::parse(name_sort, &partners::SORTS)
    {
        request.sort = sort;
    }
    let all_countries = countries::list_countries(&state.db, None).await?;
    let list = partners::list_partners(
        &state.db,
        &request.filter,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let by_code: HashMap<String, CountryRow> = all_countries
        .iter()
        .map(|c| (c.code.clone(), c.clone()))
        .collect();
    let p = |k: &str| params.get(k).unwrap_or("").to_string();
    let base_pairs = vec![
        ("q", p("q")),
        ("kind", p("kind")),
        ("country", p("country")),
        ("status", p("status")),
        ("tag", p("tag")),
        ("membership", p("membership")),
    ];
    let sort_param = request.sort.param();
    let mut with_sort = base_pairs.clone();
    with_sort.push(("sort", sort_param.clone()));
    let next_href = list.next_cursor.as_ref().map(|cursor| {
        let mut pairs = with_sort.clone();
        pairs.push(("cursor", cursor.clone()));
        format!("/partners?{}", query_string(&pairs))
    });
    let first_href = request
        .cursor
        .as_ref()
        .map(|_| format!("/partners?{}", query_string(&with_sort)));
    let sorts = [name_sort, "country", "kind", "status", "updated_at"]
        .iter()
        .map(|name| {
            let active = request.sort.column.name == *name;
            let descending = active && request.sort.descending;
            let next = if active && !descending {
                format!("-{name}")
            } else {
                name.to_string()
            };
            let mut pairs = base_pairs.clone();
            pairs.push(("sort", next));
            SortLink {
                label: tr.t(&format!(
                    "partners-col-{}",
                    name.trim_end_matches("_ar")
                        .trim_end_matches("_fr")
                        .replace('_', "-")
                )),
                href: format!("/partners?{}", query_string(&pairs)),
                class: if !active {
                    "sort".into()
                } else if descending {
                    "sort sort-desc".into()
                } else {
                    "sort sort-asc".into()
                },
                aria: if !active {
                    "none".into()
                } else if descending {
                    "descending".into()
                } else {
                    "ascending".into()
                },
            }
        })
        .collect();
    let count = list.items.len() as i64;
    let rows = list
        .items
        .iter()
        .map(|partner| row_view(&tr, &by_code, partner))
        .collect();
    let kinds: Vec<&str> = PartnerKind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&str> = PartnerStatus::ALL.iter().map(|s| s.as_str()).collect();
    let filtered = base_pairs.iter().any(|(_, v)| !v.is_empty());
    let template = ListPage {
        rows,
        total: list.total,
        shown_to: count,
        next_href,
        first_href,
        q: p("q"),
        tag: p("tag"),
        kinds: choices(&tr, "kind", &kinds, &p("kind")),
        statuses: choices(&tr, "status", &statuses, &p("status")),
        memberships: choices(&tr, "membership", &countries::MEMBERSHIPS, &p("membership")),
        countries: country_choices(tr.lang, &all_countries, &p("country").to_uppercase()),
        sorts,
        export_query: query_string(&with_sort),
        filter_errors: FormErrors::from_fields(&tr, &filter_errors, |f| f.to_string()),
        filtered,
        page,
    };
    Ok(render(&template))
}

async fn export(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let tr = crate::i18n::Tr::new(crate::page::request_lang(Some(&current.user), &headers));
    let actor = current.actor();
    if !actor.can_partner(Action::Export, None) {
        return Err(PageError::forbidden());
    }
    let mut query = query;
    query.retain(|k, _| LIST_PARAMS.contains(&k.as_str()));
    let params = Params(query);
    let format = params.get("format").unwrap_or("csv").to_string();
    Ok(match parse_list(&params, &actor) {
        Ok(request) => match crate::export::partners_response(&state, &tr, &request, &format).await
        {
            Ok(response) => response,
            Err(error) => error.into_response(),
        },
        Err(errors) => crate::error::ApiError::validation(&errors).into_response(),
    })
}

/// The values of the partner form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub version: Option<i64>,
    pub name_ar: String,
    pub name_en: String,
    pub name_fr: String,
    pub acronym: String,
    pub kind: String,
    pub country: String,
    pub parent_id: String,
    pub status: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub identifiers: String,
    pub tags: String,
    pub risk: String,
    pub notes: String,
    pub confirm_duplicate: Option<String>,
}

impl PartnerForm {
    fn from_partner(partner: &Partner) -> Self {
        let f = &partner.fields;
        PartnerForm {
            version: Some(partner.version),
            name_ar: f.name.ar.clone().unwrap_or_default(),
            name_en: f.name.en.clone().unwrap_or_default(),
            name_fr: f.name.fr.clone().unwrap_or_default(),
            acronym: f.acronym.clone().unwrap_or_default(),
            kind: f.kind.as_str().into(),
            country: f.country.clone().unwrap_or_default(),
            parent_id: f.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            status: f.status.as_str().into(),
            website: f.website.clone().unwrap_or_default(),
            email: f.email.clone().unwrap_or_default(),
            phone: f.phone.clone().unwrap_or_default(),
            identifiers: f
                .identifiers
                .iter()
                .map(|i| format!("{}: {}", i.scheme, i.value))
                .collect::<Vec<_>>()
                .join("\n"),
            tags: f.tags.join(", "),
            risk: f.risk.map(|r| r.as_str().to_string()).unwrap_or_default(),
            notes: f.notes.clone().unwrap_or_default(),
            confirm_duplicate: None,
        }
    }

    fn to_input(&self) -> Result<PartnerInput, FieldErrors> {
        let mut identifiers = Vec::new();
        let mut errors = FieldErrors::new();
        for line in self
            .identifiers
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match line.split_once(':') {
                Some((scheme, value)) => identifiers.push(Identifier {
                    scheme: scheme.trim().into(),
                    value: value.trim().into(),
                }),
                None => errors.add("identifiers", "invalid_identifier"),
            }
        }
        errors.into_result().map_err(|e| e.0)?;
        Ok(PartnerInput {
            name: localized(&self.name_ar, &self.name_en, &self.name_fr),
            acronym: opt(&self.acronym),
            kind: opt(&self.kind),
            country: opt(&self.country),
            parent_id: opt(&self.parent_id),
            status: opt(&self.status),
            website: opt(&self.website),
            email: opt(&self.email),
            phone: opt(&self.phone),
            identifiers,
            tags: split_list(&self.tags),
            risk: opt(&self.risk),
            notes: opt(&self.notes),
        })
    }
}

/// A likely duplicate, as the form shows it.
pub struct DuplicateView {
    pub id: String,
    pub name: String,
    pub percent: i64,
}

#[derive(Template)]
#[template(path = "partners/form.html")]
struct FormPage {
    page: Page,
    title: String,
    action: String,
    cancel: String,
    form: PartnerForm,
    errors: FormErrors,
    conflict: bool,
    duplicates: Vec<DuplicateView>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    risks: Vec<Choice>,
    countries: Vec<Choice>,
}

fn error_field_id(field: &str) -> String {
    match field {
        "name" => "name_en".into(),
        other => other.to_string(),
    }
}

/// What the partner form shows besides the page: the values, their errors,
/// a version conflict and likely duplicates.
struct FormState {
    form: PartnerForm,
    errors: FormErrors,
    conflict: bool,
    duplicates: Vec<DuplicateCandidate>,
}

impl FormState {
    fn new(form: PartnerForm) -> Self {
        Self {
            form,
            errors: FormErrors::default(),
            conflict: false,
            duplicates: Vec::new(),
        }
    }
}

async fn form_page(
    state: &AppState,
    page: Page,
    existing: Option<&Partner>,
    view: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let FormState {
        form,
        errors,
        conflict,
        duplicates,
    } = view;
    let tr = page.tr;
    let all_countries = countries::list_countries(&state.db, None).await?;
    let (title, action, cancel) = match existing {
        Some(p) => (
            tr.t1("partners-edit-title", "name", p.fields.name.best(tr.lang)),
            format!("/partners/{}", p.id),
            format!("/partners/{}", p.id),
        ),
        None => (
            tr.t("partners-new"),
            "/partners".to_string(),
            "/partners".to_string(),
        ),
    };
    let kinds: Vec<&str> = PartnerKind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&str> = PartnerStatus::ALL.iter().map(|s| s.as_str()).collect();
    let risks: Vec<&str> = Risk::ALL.iter().map(|r| r.as_str()).collect();
    let template = FormPage {
        title,
        action,
        cancel,
        kinds: choices(&tr, "kind", &kinds, &form.kind),
        statuses: choices(
            &tr,
            "status",
            &statuses,
            if form.status.is_empty() {
                "prospect"
            } else {
                &form.status
            },
        ),
        risks: choices(&tr, "risk", &risks, &form.risk),
        countries: country_choices(tr.lang, &all_countries, &form.country),
        duplicates: duplicates
            .iter()
            .map(|d| DuplicateView {
                id: d.partner.id.to_string(),
                name: d.partner.fields.name.best(tr.lang).to_string(),
                percent: (d.score * 100.0).round() as i64,
            })
            .collect(),
        form,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

/// 403 unless the user may create and edit partners.
fn require_editor(current: &crate::auth::CurrentUser) -> Result<(), PageError> {
    if current.actor().can_partner(Action::Create, None) {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    require_editor(&current)?;
    let page = Page::new(
        &state,
        &current,
        &headers,
        "partners",
        "/partners/new".into(),
    );
    form_page(
        &state,
        page,
        None,
        FormState::new(PartnerForm::default()),
        StatusCode::OK,
    )
    .await
}

async fn create_partner(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, form): CsrfForm<PartnerForm>,
) -> Result<Response, PageError> {
    require_editor(&current)?;
    let page = Page::new(
        &state,
        &current,
        &headers,
        "partners",
        "/partners/new".into(),
    );
    let tr = page.tr;
    let fields = match form
        .to_input()
        .and_then(|input| input.validate().map_err(|e| e.0))
    {
        Ok(fields) => fields,
        Err(errors) => {
            let errors = FormErrors::from_fields(&tr, &errors, error_field_id);
            return form_page(
                &state,
                page,
                None,
                FormState {
                    form,
                    errors,
                    conflict: false,
                    duplicates: Vec::new(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if form.confirm_duplicate.is_none() {
        let found = partners::similar_partners(&state.db, &fields.name, None).await?;
        if !found.is_empty() {
            return form_page(
                &state,
                page,
                None,
                FormState {
                    form,
                    errors: FormErrors::default(),
                    conflict: false,
                    duplicates: found,
                },
                StatusCode::OK,
            )
            .await;
        }
    }
    match partners::insert_partner(&state.db, Some(current.user.id), fields).await {
        Ok(partner) => {
            Ok(Redirect::to(&format!("/partners/{}?notice=created", partner.id)).into_response())
        }
        Err(StoreError::Invalid(v)) => {
            let errors = FormErrors::from_fields(&tr, &v.0, error_field_id);
            form_page(
                &state,
                page,
                None,
                FormState {
                    form,
                    errors,
                    conflict: false,
                    duplicates: Vec::new(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A contact line on a partner's page.
pub struct ContactLine {
    pub id: String,
    pub name: String,
    pub title: String,
    pub span: String,
    pub authority: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "partners/show.html")]
struct ShowPage {
    page: Page,
    partner: Partner,
    name: String,
    other_names: Vec<(String, String)>,
    kind: String,
    status: String,
    risk: String,
    risk_code: String,
    country: String,
    country_code: String,
    membership: String,
    membership_code: String,
    parent: Option<(String, String)>,
    children: Vec<(String, String)>,
    current_contacts: Vec<ContactLine>,
    past_contacts: Vec<ContactLine>,
    history: Vec<HistoryItem>,
    can_edit: bool,
    /// The partner's story: health, timeline, open follow-ups (staff only).
    story: Option<crate::ui::interactions::PartnerStory>,
}

fn contact_line(tr: &crate::i18n::Tr, c: &PartnerContact) -> ContactLine {
    let from = c
        .position
        .from
        .map(|d| tr.format_date(d))
        .unwrap_or_default();
    let to = c
        .position
        .to
        .map(|d| tr.format_date(d))
        .unwrap_or_else(|| tr.t("position-now"));
    ContactLine {
        id: c.contact_id.to_string(),
        name: match &c.honorific {
            Some(h) => format!("{h} {}", c.name),
            None => c.name.clone(),
        },
        title: c.position.title.clone(),
        span: if from.is_empty() {
            to
        } else {
            format!("{from} – {to}")
        },
        authority: match c.position.signing_authority.as_str() {
            "none" => String::new(),
            code => tr.label("authority", code),
        },
        email: c.email.clone().unwrap_or_default(),
    }
}

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(partner): Visible<Partner>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    if let Some(survivor) = partner.merged_into {
        return Ok(Redirect::to(&format!("/partners/{survivor}")).into_response());
    }
    let page = Page::new(&state, &current, &headers, "partners", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let (country, parent, children, people, history, story) = {
        let country = match &partner.fields.country {
            Some(code) => countries::find_country(&state.db, code).await?,
            None => None,
        };
        let parent = match partner.fields.parent_id {
            Some(pid) => partners::find_partner(&state.db, pid).await?,
            None => None,
        };
        let children = partners::list_children(&state.db, partner.id).await?;
        let people = if current.actor().can_use_staff_pages() {
            contacts::contacts_of_partner(&state.db, partner.id).await?
        } else {
            Vec::new()
        };
        let history = if current.actor().can_read_history() {
            let ids = partners::history_ids(&state.db, partner.id).await?;
            audit::history(&state.db, "partner", &ids, 100).await?
        } else {
            Vec::new()
        };
        let story =
            crate::ui::interactions::partner_story(&state, &current, &tr, partner.id).await?;
        (country, parent, children, people, history, story)
    };
    let today = time::OffsetDateTime::now_utc().date();
    let (current_people, past_people): (Vec<_>, Vec<_>) =
        people.iter().partition(|c| c.position.is_current(today));
    let f = &partner.fields;
    let name = f.name.best(tr.lang).to_string();
    let other_names = Lang::ALL
        .iter()
        .filter_map(|lang| {
            f.name
                .get(*lang)
                .filter(|n| *n != name)
                .map(|n| (lang.code().to_string(), n.to_string()))
        })
        .collect();
    let template = ShowPage {
        story,
        name,
        other_names,
        kind: tr.label("kind", f.kind.as_str()),
        status: tr.label("status", f.status.as_str()),
        risk: f
            .risk
            .map(|r| tr.label("risk", r.as_str()))
            .unwrap_or_default(),
        risk_code: f.risk.map(|r| r.as_str().to_string()).unwrap_or_default(),
        country: country
            .as_ref()
            .map(|c| c.name_in(tr.lang).to_string())
            .unwrap_or_default(),
        country_code: country.as_ref().map(|c| c.code.clone()).unwrap_or_default(),
        membership: country
            .as_ref()
            .map(|c| tr.label("membership", &c.membership))
            .unwrap_or_default(),
        membership_code: country
            .as_ref()
            .map(|c| c.membership.clone())
            .unwrap_or_default(),
        parent: parent.map(|p| (p.id.to_string(), p.fields.name.best(tr.lang).to_string())),
        children: children
            .iter()
            .map(|c| (c.id.to_string(), c.fields.name.best(tr.lang).to_string()))
            .collect(),
        current_contacts: current_people
            .iter()
            .map(|c| contact_line(&tr, c))
            .collect(),
        past_contacts: past_people.iter().map(|c| contact_line(&tr, c)).collect(),
        history: history_items(&tr, &history),
        can_edit: current
            .actor()
            .can_partner(Action::Update, Some(partner.id)),
        partner,
        page,
    };
    Ok(render(&template))
}

/// The partner unless it was merged away (404), if the user may do `action` to it (else 403).
fn live_partner(
    current: &crate::auth::CurrentUser,
    partner: Partner,
    action: Action,
) -> Result<Partner, PageError> {
    if partner.merged_into.is_some() {
        Err(PageError::not_found())
    } else if current.actor().can_partner(action, Some(partner.id)) {
        Ok(partner)
    } else {
        Err(PageError::forbidden())
    }
}

async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(partner): Visible<Partner>,
) -> Result<Response, PageError> {
    let partner = live_partner(&current, partner, Action::Update)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    let form = PartnerForm::from_partner(&partner);
    form_page(
        &state,
        page,
        Some(&partner),
        FormState::new(form),
        StatusCode::OK,
    )
    .await
}

async fn update_partner(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(partner): Visible<Partner>,
    CsrfForm(current, form): CsrfForm<PartnerForm>,
) -> Result<Response, PageError> {
    let partner = live_partner(&current, partner, Action::Update)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    let tr = page.tr;
    let fields = match form
        .to_input()
        .and_then(|input| input.validate().map_err(|e| e.0))
    {
        Ok(fields) => fields,
        Err(errors) => {
            let errors = FormErrors::from_fields(&tr, &errors, error_field_id);
            return form_page(
                &state,
                page,
                Some(&partner),
                FormState {
                    form,
                    errors,
                    conflict: false,
                    duplicates: Vec::new(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version.unwrap_or(0);
    match partners::update_partner(
        &state.db,
        Some(current.user.id),
        partner.id,
        version,
        fields,
    )
    .await
    {
        Ok(updated) => {
            Ok(Redirect::to(&format!("/partners/{}?notice=saved", updated.id)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            // Keep what the user typed, and let them save again knowingly over the newer version.
            let mut form = form;
            form.version = Some(latest);
            form_page(
                &state,
                page,
                Some(&partner),
                FormState {
                    form,
                    errors: FormErrors::default(),
                    conflict: true,
                    duplicates: Vec::new(),
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            let errors = FormErrors::from_fields(&tr, &v.0, error_field_id);
            form_page(
                &state,
                page,
                Some(&partner),
                FormState {
                    form,
                    errors,
                    conflict: false,
                    duplicates: Vec::new(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "partners/merge.html")]
struct MergePage {
    page: Page,
    partner: Partner,
    name: String,
    q: String,
    candidates: Vec<PartnerRowView>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MergeQuery {
    q: String,
}

async fn merge_view(
    state: &AppState,
    page: Page,
    partner: Partner,
    q: String,
    error: Option<String>,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let found = if q.trim().is_empty() {
        partners::similar_partners(&state.db, &partner.fields.name, Some(partner.id))
            .await
            .map(|d| d.into_iter().map(|d| d.partner).collect::<Vec<_>>())
    } else {
        let filter = partners::PartnerFilter {
            q: Some(q.clone()),
            ..Default::default()
        };
        partners::list_partners(&state.db, &filter, partners::default_sort(), None, 20)
            .await
            .map(|p| p.items)
    }?;
    let all_countries = countries::list_countries(&state.db, None)
        .await
        .unwrap_or_default();
    let by_code: HashMap<String, CountryRow> = all_countries
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect();
    let candidates = found
        .iter()
        .filter(|p| p.id != partner.id)
        .map(|p| row_view(&tr, &by_code, p))
        .collect();
    let name = partner.fields.name.best(tr.lang).to_string();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render_status(
        status,
        &MergePage {
            page,
            name,
            partner,
            q,
            candidates,
            error,
        },
    ))
}

async fn merge_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(partner): Visible<Partner>,
    Query(query): Query<MergeQuery>,
) -> Result<Response, PageError> {
    let partner = live_partner(&current, partner, Action::Merge)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    merge_view(&state, page, partner, query.q, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MergeForm {
    from: String,
    version: Option<i64>,
}

async fn merge_partner(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(partner): Visible<Partner>,
    CsrfForm(current, form): CsrfForm<MergeForm>,
) -> Result<Response, PageError> {
    let partner = live_partner(&current, partner, Action::Merge)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    let Ok(from) = Uuid::parse_str(form.from.trim()) else {
        let error = Some(page.tr.t("error-invalid_id"));
        return merge_view(&state, page, partner, String::new(), error).await;
    };
    match accord_app::registry::merge_partners(
        &state.db,
        &current.actor(),
        partner.id,
        from,
        form.version,
    )
    .await
    {
        Ok(merged) => {
            Ok(Redirect::to(&format!("/partners/{}?notice=merged", merged.id)).into_response())
        }
        Err(AppError::Invalid(v)) => {
            let code = v.0.values().flatten().next().cloned().unwrap_or_default();
            let error = Some(page.tr.t(&format!("error-{code}")));
            merge_view(&state, page, partner, String::new(), error).await
        }
        Err(AppError::VersionConflict { .. }) => {
            let error = Some(page.tr.t("error-version_conflict"));
            merge_view(&state, page, partner, String::new(), error).await
        }
        Err(e) => Err(e.into()),
    }
}
