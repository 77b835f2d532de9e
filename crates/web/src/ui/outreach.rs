//! Pages of the outreach campaign: the board (a column per stage, with the
//! funnel chart and its table), the case page (fields, the move form with
//! the allowed moves, the stage history as a timeline) and the create and
//! edit forms. The same store functions and domain rules as the JSON API.

use crate::AppState;
use crate::auth::{CurrentUser, PageUser};
use crate::extract::{CsrfForm, Visible, visible};
use crate::forms::{FormErrors, opt};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::components::{Choice, form_errors};
use accord_app::AppError;
use accord_app::outreach::MoveInput;
use accord_domain::outreach::{self, FORWARD, OutreachInput, Stage};
use accord_domain::partner::PartnerKind;
use accord_domain::{FieldErrors, LocalizedText, values};
use accord_store::StoreError;
use accord_store::countries;
use accord_store::outreach::{self as store, Case, Funnel};
use accord_store::partners::{self, PartnerFilter};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/outreach", get(board_page).post(create_case))
        .route("/outreach/new", get(new_page))
        .route("/outreach/{id}", get(show_page).post(update_case))
        .route("/outreach/{id}/edit", get(edit_page))
        .route("/outreach/{id}/move", post(move_case))
}

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/outreach".into())
}

/// The page context for staff, or the 403 page for partner users.
fn staff_page(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Page, PageError> {
    if current.actor().can_read_outreach() {
        Ok(Page::new(state, current, headers, "outreach", here(uri)))
    } else {
        Err(PageError::forbidden())
    }
}

/// The page context for someone who may change cases, or the 403 page.
fn editor_page(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Page, PageError> {
    if current.actor().can_edit_outreach() {
        Ok(Page::new(state, current, headers, "outreach", here(uri)))
    } else {
        Err(PageError::forbidden())
    }
}

// ------------------------------------------------------------------ board

/// A card on the board.
pub struct CardView {
    pub id: String,
    pub country: String,
    pub mission: String,
    pub owner: String,
    pub next_action: String,
    pub next_action_on: String,
    pub next_action_iso: String,
    pub overdue: bool,
    pub since: String,
}

/// A column of the board.
pub struct ColumnView {
    pub code: &'static str,
    pub label: String,
    pub cards: Vec<CardView>,
}

/// A bar of the funnel chart and a row of its table.
pub struct FunnelBar {
    pub code: &'static str,
    pub label: String,
    pub count: i64,
    pub percent: i64,
}

/// A step of the funnel's durations.
pub struct StepView {
    pub from: String,
    pub to: String,
    pub cases: i64,
    pub median: String,
}

#[derive(Template)]
#[template(path = "outreach/board.html")]
struct BoardPage {
    page: Page,
    columns: Vec<ColumnView>,
    total: i64,
    bars: Vec<FunnelBar>,
    steps: Vec<StepView>,
    can_edit: bool,
    owners: Vec<Choice>,
    q: String,
    filtered: bool,
    filter_errors: FormErrors,
}

fn card(tr: &Tr, case: &Case, today: time::Date) -> CardView {
    CardView {
        id: case.id.to_string(),
        country: case.country_in(tr.lang).to_string(),
        mission: case
            .mission_name
            .as_ref()
            .map(|m| m.best(tr.lang).to_string())
            .unwrap_or_default(),
        owner: case.owner_name.clone().unwrap_or_default(),
        next_action: case.fields.next_action.clone().unwrap_or_default(),
        next_action_on: case
            .fields
            .next_action_on
            .map(|d| tr.format_date(d))
            .unwrap_or_default(),
        next_action_iso: case
            .fields
            .next_action_on
            .map(values::format_date)
            .unwrap_or_default(),
        overdue: case.stage.is_open() && case.fields.next_action_on.is_some_and(|d| d < today),
        since: tr.format_date(case.stage_since),
    }
}

/// The funnel's bars (forward stages, then on hold and declined) and step medians.
fn funnel_views(tr: &Tr, funnel: &Funnel) -> (Vec<FunnelBar>, Vec<StepView>) {
    let max = funnel
        .counts
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = funnel
        .counts
        .iter()
        .map(|(stage, n)| FunnelBar {
            code: stage.as_str(),
            label: tr.label("outreach-stage", stage.as_str()),
            count: *n,
            percent: n * 100 / max,
        })
        .collect();
    let steps = funnel
        .steps
        .iter()
        .map(|s| StepView {
            from: tr.label("outreach-stage", s.from.as_str()),
            to: tr.label("outreach-stage", s.to.as_str()),
            cases: s.cases as i64,
            median: s
                .median_days
                .map(|d| tr.t1("outreach-days", "days", format!("{d:.0}")))
                .unwrap_or_else(|| "—".into()),
        })
        .collect();
    (bars, steps)
}

async fn board_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = staff_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    // Filters: the owner and words of the state's name (bad values are named and left out).
    let mut params: HashMap<String, String> = query;
    params.retain(|k, _| k == "owner_id" || k == "q");
    let (request, filter_errors) =
        match crate::api::outreach::parse_list(&crate::api::Params(params.clone())) {
            Ok(r) => (r, FieldErrors::new()),
            Err(errors) => {
                params.retain(|k, _| !errors.0.contains_key(k));
                let clean = crate::api::outreach::parse_list(&crate::api::Params(params)).ok();
                (
                    clean.unwrap_or(crate::api::outreach::ListRequest {
                        filter: store::CaseFilter::default(),
                        sort: store::default_sort(),
                        cursor: None,
                        limit: 200,
                    }),
                    errors,
                )
            }
        };
    let filter = request.filter;
    let filtered = filter.owner_id.is_some() || filter.q.is_some();
    let (cases, funnel, users) = {
        let cases = if filtered {
            store::list_cases(&state.db, &filter, store::default_sort(), None, 500)
                .await?
                .items
        } else {
            store::all_cases(&state.db).await?
        };
        let funnel = store::funnel(&state.db).await?;
        let users = accord_store::users::list_users(&state.db).await?;
        (cases, funnel, users)
    };
    let owners = users
        .iter()
        .filter(|u| outreach::can_edit(u.role))
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: Some(u.id) == filter.owner_id,
        })
        .collect();
    let today = accord_store::today();
    let columns = Stage::ALL
        .iter()
        .map(|stage| ColumnView {
            code: stage.as_str(),
            label: tr.label("outreach-stage", stage.as_str()),
            cards: cases
                .iter()
                .filter(|c| c.stage == *stage)
                .map(|c| card(&tr, c, today))
                .collect(),
        })
        .collect();
    let (bars, steps) = funnel_views(&tr, &funnel);
    let template = BoardPage {
        columns,
        total: cases.len() as i64,
        bars,
        steps,
        can_edit: outreach::can_edit(current.user.role),
        owners,
        q: filter.q.clone().unwrap_or_default(),
        filtered,
        filter_errors: FormErrors::from_fields(&tr, &filter_errors, |f| f.to_string()),
        page,
    };
    Ok(render(&template))
}

// ------------------------------------------------------------------ forms

/// The values of the case form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CaseForm {
    pub version: Option<i64>,
    pub country: String,
    pub mission_partner_id: String,
    pub owner_id: String,
    pub next_action: String,
    pub next_action_on: String,
    pub notes: String,
}

impl CaseForm {
    fn from_case(case: &Case) -> CaseForm {
        let input = case.fields.to_input();
        CaseForm {
            version: Some(case.version),
            country: case.fields.country.clone(),
            mission_partner_id: input.mission_partner_id.unwrap_or_default(),
            owner_id: input.owner_id.unwrap_or_default(),
            next_action: input.next_action.unwrap_or_default(),
            next_action_on: input.next_action_on.unwrap_or_default(),
            notes: input.notes.unwrap_or_default(),
        }
    }

    fn to_input(&self) -> OutreachInput {
        OutreachInput {
            country: opt(&self.country),
            mission_partner_id: opt(&self.mission_partner_id),
            owner_id: opt(&self.owner_id),
            next_action: opt(&self.next_action),
            next_action_on: opt(&self.next_action_on),
            notes: opt(&self.notes),
        }
    }
}

const LABELS: [(&str, &str); 6] = [
    ("country", "outreach-field-country"),
    ("mission_partner_id", "outreach-field-mission"),
    ("owner_id", "outreach-field-owner"),
    ("next_action", "outreach-field-next-action"),
    ("next_action_on", "outreach-field-next-action-on"),
    ("notes", "outreach-field-notes"),
];

const ORDER: [&str; 6] = [
    "country",
    "mission_partner_id",
    "owner_id",
    "next_action",
    "next_action_on",
    "notes",
];

#[derive(Template)]
#[template(path = "outreach/form.html")]
struct FormPage {
    page: Page,
    editing: Option<(String, String)>,
    form: CaseForm,
    countries: Vec<Choice>,
    missions: Vec<Choice>,
    owners: Vec<Choice>,
    errors: FormErrors,
    conflict: bool,
    duplicate: Option<(String, String)>,
}

struct FormState {
    editing: Option<(String, String)>,
    errors: FormErrors,
    conflict: bool,
    duplicate: Option<(String, String)>,
}

async fn form_view(
    state: &AppState,
    page: Page,
    form: CaseForm,
    fs: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let (country_rows, missions, users) = {
        let countries = countries::list_countries(&state.db, Some("non_member")).await?;
        let filter = PartnerFilter {
            kind: Some(PartnerKind::DiplomaticMission),
            ..PartnerFilter::default()
        };
        let missions =
            partners::list_partners(&state.db, &filter, partners::default_sort(), None, 200)
                .await?;
        let users = accord_store::users::list_users(&state.db).await?;
        (countries, missions.items, users)
    };
    let mut countries: Vec<Choice> = country_rows
        .iter()
        .map(|c| Choice {
            value: c.code.clone(),
            label: c.name_in(tr.lang).to_string(),
            selected: c.code == form.country,
        })
        .collect();
    countries.sort_by_cached_key(|c| accord_domain::search::normalize(&c.label));
    let missions = missions
        .iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.fields.name.best(tr.lang).to_string(),
            selected: p.id.to_string() == form.mission_partner_id,
        })
        .collect();
    let owners = users
        .iter()
        .filter(|u| !u.disabled && outreach::can_edit(u.role))
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: u.id.to_string() == form.owner_id,
        })
        .collect();
    let template = FormPage {
        editing: fs.editing,
        form,
        countries,
        missions,
        owners,
        errors: fs.errors,
        conflict: fs.conflict,
        duplicate: fs.duplicate,
        page,
    };
    Ok(render_status(status, &template))
}

async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = editor_page(&state, &current, &headers, &uri)?;
    let form = CaseForm {
        country: query.get("country").cloned().unwrap_or_default(),
        owner_id: current.user.id.to_string(),
        ..CaseForm::default()
    };
    let fs = FormState {
        editing: None,
        errors: FormErrors::default(),
        conflict: false,
        duplicate: None,
    };
    form_view(&state, page, form, fs, StatusCode::OK).await
}

fn invalid(tr: &Tr, errors: &FieldErrors) -> FormErrors {
    form_errors(tr, errors, &LABELS, &[], &ORDER)
}

async fn create_case(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(current, form): CsrfForm<CaseForm>,
) -> Result<Response, PageError> {
    let page = editor_page(&state, &current, &headers, &uri)?;
    let tr = page.tr;
    let fail = |errors: FormErrors, duplicate: Option<(String, String)>, status| {
        FormState {
            editing: None,
            errors,
            conflict: false,
            duplicate,
        }
        .with_status(status)
    };
    let fields = match form.to_input().validate() {
        Ok(f) => f,
        Err(e) => {
            let (fs, status) = fail(invalid(&tr, &e.0), None, StatusCode::UNPROCESSABLE_ENTITY);
            return form_view(&state, page, form, fs, status).await;
        }
    };
    let country = fields.country.clone();
    match store::insert_case(
        &state.db,
        Some(current.user.id),
        fields,
        accord_store::today(),
    )
    .await
    {
        Ok(case) => {
            Ok(Redirect::to(&format!("/outreach/{}?notice=created", case.id)).into_response())
        }
        Err(StoreError::Invalid(v)) => {
            let (fs, status) = fail(invalid(&tr, &v.0), None, StatusCode::UNPROCESSABLE_ENTITY);
            form_view(&state, page, form, fs, status).await
        }
        Err(StoreError::Duplicate { .. }) => {
            let open = open_case_of(&state, &country).await;
            let (fs, status) = fail(FormErrors::default(), open, StatusCode::CONFLICT);
            form_view(&state, page, form, fs, status).await
        }
        Err(e) => Err(e.into()),
    }
}

impl FormState {
    fn with_status(self, status: StatusCode) -> (FormState, StatusCode) {
        (self, status)
    }
}

/// The open case of a country (id and country name), for the duplicate message.
async fn open_case_of(state: &AppState, country: &str) -> Option<(String, String)> {
    let filter = store::CaseFilter {
        country: Some(country.to_string()),
        ..store::CaseFilter::default()
    };
    store::list_cases(&state.db, &filter, store::default_sort(), None, 10)
        .await
        .ok()?
        .items
        .into_iter()
        .find(|c| c.stage.is_open())
        .map(|c| {
            (
                c.id.to_string(),
                c.country_name.best(accord_domain::Lang::En).to_string(),
            )
        })
}

async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(case): Visible<Case>,
) -> Result<Response, PageError> {
    let page = editor_page(&state, &current, &headers, &uri)?;
    let fs = FormState {
        editing: Some((
            case.id.to_string(),
            case.country_in(page.tr.lang).to_string(),
        )),
        errors: FormErrors::default(),
        conflict: false,
        duplicate: None,
    };
    form_view(&state, page, CaseForm::from_case(&case), fs, StatusCode::OK).await
}

async fn update_case(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(case): Visible<Case>,
    CsrfForm(current, mut form): CsrfForm<CaseForm>,
) -> Result<Response, PageError> {
    let page = editor_page(&state, &current, &headers, &uri)?;
    let tr = page.tr;
    form.country = case.fields.country.clone();
    let editing = Some((case.id.to_string(), case.country_in(tr.lang).to_string()));
    let fs = |errors, conflict| FormState {
        editing: editing.clone(),
        errors,
        conflict,
        duplicate: None,
    };
    let fields = match form.to_input().validate() {
        Ok(f) => f,
        Err(e) => {
            return form_view(
                &state,
                page,
                form,
                fs(invalid(&tr, &e.0), false),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version.unwrap_or(0);
    match store::update_case(&state.db, Some(current.user.id), case.id, version, fields).await {
        Ok(saved) => {
            Ok(Redirect::to(&format!("/outreach/{}?notice=saved", saved.id)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            form.version = Some(latest);
            form_view(
                &state,
                page,
                form,
                fs(FormErrors::default(), true),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            form_view(
                &state,
                page,
                form,
                fs(invalid(&tr, &v.0), false),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ case page

/// One stay in a stage, for the timeline.
pub struct StageView {
    pub code: String,
    pub label: String,
    pub entered_on: String,
    pub entered_iso: String,
    pub left_on: String,
    pub reason: String,
    pub by: String,
}

/// The values of the move form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub version: Option<i64>,
    pub to: String,
    pub on: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "outreach/show.html")]
struct ShowPage {
    page: Page,
    case: Case,
    country: String,
    stage: String,
    since: String,
    mission: String,
    next_action_on: String,
    overdue: bool,
    stages: Vec<StageView>,
    moves: Vec<Choice>,
    reason_moves: String,
    can_edit: bool,
    move_form: MoveForm,
    errors: FormErrors,
    conflict: bool,
    path: Vec<(String, String, bool)>,
    interactions: Vec<crate::ui::interactions::StoryItem>,
    can_log: bool,
}

/// What the move form shows again after a refused move.
#[derive(Default)]
struct Moving {
    form: Option<MoveForm>,
    errors: FormErrors,
    conflict: bool,
}

async fn show_view(
    state: &AppState,
    page: Page,
    current: &CurrentUser,
    case: Case,
    moving: Moving,
    status: StatusCode,
) -> Result<Response, PageError> {
    let Moving {
        form: move_form,
        errors,
        conflict,
    } = moving;
    let tr = page.tr;
    let rows = store::stages_of(&state.db, case.id).await?;
    let date_text = |d: &str| {
        values::date(d)
            .map(|d| tr.format_date(d))
            .unwrap_or_else(|_| d.to_string())
    };
    let stages = rows
        .iter()
        .rev()
        .map(|r| StageView {
            code: r.stage.clone(),
            label: tr.label("outreach-stage", &r.stage),
            entered_on: date_text(&r.entered_on),
            entered_iso: r.entered_on.clone(),
            left_on: r.left_on.as_deref().map(date_text).unwrap_or_default(),
            reason: r.reason.clone().unwrap_or_default(),
            by: r
                .actor_name
                .clone()
                .unwrap_or_else(|| tr.t("history-system")),
        })
        .collect();
    let interactions =
        crate::ui::interactions::case_interactions(state, current, &tr, case.id).await?;
    let role = current.user.role;
    let allowed = outreach::allowed_moves(case.stage, role);
    let move_form = move_form.unwrap_or_else(|| MoveForm {
        version: Some(case.version),
        on: values::format_date(accord_store::today()),
        ..MoveForm::default()
    });
    let moves = allowed
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: tr.label("outreach-stage", s.as_str()),
            selected: s.as_str() == move_form.to,
        })
        .collect();
    let reason_moves = allowed
        .iter()
        .filter(|s| outreach::needs_reason(case.stage, **s))
        .map(|s| tr.label("outreach-stage", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let reached = case.stage.rank();
    let path = FORWARD
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                tr.label("outreach-stage", s.as_str()),
                reached.is_some_and(|r| s.rank().is_some_and(|x| x <= r)),
            )
        })
        .collect();
    let template = ShowPage {
        country: case.country_in(tr.lang).to_string(),
        stage: tr.label("outreach-stage", case.stage.as_str()),
        since: tr.format_date(case.stage_since),
        mission: case
            .mission_name
            .as_ref()
            .map(|m: &LocalizedText| m.best(tr.lang).to_string())
            .unwrap_or_default(),
        next_action_on: case
            .fields
            .next_action_on
            .map(|d| tr.format_date(d))
            .unwrap_or_default(),
        overdue: case.stage.is_open()
            && case
                .fields
                .next_action_on
                .is_some_and(|d| d < accord_store::today()),
        stages,
        moves,
        reason_moves,
        can_edit: outreach::can_edit(role) && !allowed.is_empty(),
        move_form,
        errors,
        conflict,
        path,
        interactions,
        can_log: outreach::can_edit(role),
        case,
        page,
    };
    Ok(render_status(status, &template))
}

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(case): Visible<Case>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = staff_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    show_view(
        &state,
        page,
        &current,
        case,
        Moving::default(),
        StatusCode::OK,
    )
    .await
}

const MOVE_LABELS: [(&str, &str); 3] = [
    ("to", "outreach-move-to"),
    ("on", "outreach-move-on"),
    ("reason", "outreach-move-reason"),
];

async fn move_case(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(case): Visible<Case>,
    CsrfForm(current, mut form): CsrfForm<MoveForm>,
) -> Result<Response, PageError> {
    let page = editor_page(&state, &current, &headers, &uri)?;
    let tr = page.tr;
    let mut errors = FieldErrors::new();
    let to = match opt(&form.to) {
        None => {
            errors.add("to", "required");
            None
        }
        Some(t) => errors.take("to", Stage::parse(&t)),
    };
    let on = match opt(&form.on) {
        None => Some(accord_store::today()),
        Some(d) => errors.take("on", values::date(&d)),
    };
    let reason = opt(&form.reason);
    let bad =
        |errors: &FieldErrors| form_errors(&tr, errors, &MOVE_LABELS, &[], &["to", "on", "reason"]);
    let (Some(to), Some(on), true) = (to, on, errors.is_empty()) else {
        let errors = bad(&errors);
        return show_view(
            &state,
            page,
            &current,
            case,
            Moving {
                form: Some(form),
                errors,
                conflict: false,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let input = MoveInput {
        to,
        on,
        reason,
        version: Some(form.version.unwrap_or(0)),
    };
    let moved = accord_app::outreach::move_case(&state.db, &current.actor(), case.id, input).await;
    match moved {
        Ok(moved) => Ok(
            Redirect::to(&format!("/outreach/{}?notice=outreach_moved", moved.id)).into_response(),
        ),
        Err(AppError::InvalidStageMove { .. }) => {
            let mut errors = FieldErrors::new();
            errors.add("to", "invalid_transition");
            let errors = bad(&errors);
            show_view(
                &state,
                page,
                &current,
                case,
                Moving {
                    form: Some(form),
                    errors,
                    conflict: false,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Forbidden) => Err(PageError::forbidden()),
        Err(AppError::VersionConflict {
            current_version: latest,
        }) => {
            form.version = Some(latest);
            let fresh: Case = visible(&state, &current, &case.id.to_string()).await?;
            show_view(
                &state,
                page,
                &current,
                fresh,
                Moving {
                    form: Some(form),
                    errors: FormErrors::default(),
                    conflict: true,
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(AppError::Invalid(v)) => {
            let errors = bad(&v);
            show_view(
                &state,
                page,
                &current,
                case,
                Moving {
                    form: Some(form),
                    errors,
                    conflict: false,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Duplicate { .. }) => {
            let mut errors = FieldErrors::new();
            errors.add("to", "outreach_open_case_exists");
            let errors = bad(&errors);
            show_view(
                &state,
                page,
                &current,
                case,
                Moving {
                    form: Some(form),
                    errors,
                    conflict: false,
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
