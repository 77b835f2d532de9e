//! Agreement pages besides the single agreement's page: the list with filters,
//! sort, paging and exports; the pipeline board; the create and edit forms;
//! "my work" (review steps assigned to me, my agreements needing action); the
//! cycle times per stage; and the agreements summary of the home page. Every
//! list goes through the store's visibility rules for the reader.

use crate::AppState;
use crate::auth::{CurrentUser, PageUser};
use crate::error::ApiError;
use crate::extract::CsrfForm;
use crate::forms::{FormErrors, localized, opt, split_list};
use crate::i18n::Tr;
use crate::page::csrf_failed;
use crate::page::{Page, error_page, render, render_status};
use crate::ui::home::Bar;
use crate::ui::partners::{Choice, SortLink};
use accord_app::AppError;
use accord_app::agreements::{self as uc, PIPELINE, StageSums};
use accord_domain::agreement::{
    AgreementFields, AgreementInput, AgreementKind, AgreementStatus, EntryIntoForce, MoneyInput,
};
use accord_domain::{FieldErrors, Role, values};
use accord_store::agreements::{self, Agreement, AgreementFilter, Reader};
use accord_store::list::{Cursor, Sort};
use accord_store::{StoreError, units, users, work};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use time::Duration;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(list_page).post(create_agreement))
        .route("/agreements/new", get(new_page))
        .route("/agreements/export", get(export))
        .route("/agreements/board", get(board_page))
        .route(
            "/agreements/{id}/edit",
            get(edit_page).post(update_agreement),
        )
        .route("/agreements/cycle-times", get(cycle_times_page))
        .route("/my-work", get(my_work_page))
}

/// Days ahead in which an agreement in force counts as expiring.
pub const EXPIRY_HORIZON_DAYS: i64 = 90;

/// The stages the board shows, in lifecycle order.
pub const BOARD_STAGES: [AgreementStatus; 7] = [
    AgreementStatus::Prospect,
    AgreementStatus::Negotiation,
    AgreementStatus::Review,
    AgreementStatus::Signature,
    AgreementStatus::Validation,
    AgreementStatus::Active,
    AgreementStatus::Suspended,
];

/// Cards per board column.
const BOARD_CARDS: i64 = 20;

/// Partner ids a new agreement's form offers.
const PARTNER_SLOTS: usize = 4;

/// The most partner ids a form takes.
const MAX_PARTNER_SLOTS: usize = 40;

const MICROS_PER_DAY: i64 = 86_400_000_000;

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/agreements".into())
}

fn store_error(page: Page, error: StoreError) -> Response {
    match error {
        StoreError::NotFound => error_page(page, StatusCode::NOT_FOUND, "not_found"),
        other => ApiError::from(other).into_response(),
    }
}

/// The reader of a request, as the store's visibility rules need it.
pub fn reader_of(current: &CurrentUser) -> Reader {
    current.actor()
}

/// Officers and admins create and edit agreements.
fn can_write(current: &CurrentUser) -> bool {
    current.actor().can_write_agreements()
}

fn days_since(micros: i64) -> i64 {
    ((accord_store::now_micros() - micros) / MICROS_PER_DAY).max(0)
}

fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn choices(tr: &Tr, prefix: &str, codes: &[&str], selected: &str) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code.to_string(),
            label: tr.label(prefix, code),
            selected: *code == selected,
        })
        .collect()
}

fn kind_codes() -> Vec<&'static str> {
    AgreementKind::ALL.iter().map(|k| k.as_str()).collect()
}

fn status_codes() -> Vec<&'static str> {
    AgreementStatus::ALL.iter().map(|s| s.as_str()).collect()
}

/// Names of units, users and partners, looked up once per page.
#[derive(Default)]
struct Names {
    units: HashMap<String, String>,
    users: HashMap<Uuid, String>,
    partners: HashMap<Uuid, String>,
}

impl Names {
    async fn load(
        state: &AppState,
        tr: &Tr,
        partner_ids: &[Uuid],
        with_users: bool,
    ) -> Result<Names, StoreError> {
        let units = units::list_units(&state.db)
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), u.name().best(tr.lang).to_string()))
            .collect();
        let users = if with_users {
            users::list_users(&state.db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect()
        } else {
            HashMap::new()
        };
        let partners = work::partner_names(&state.db, partner_ids)
            .await?
            .into_iter()
            .map(|(id, name)| (id, name.best(tr.lang).to_string()))
            .collect();
        Ok(Names {
            units,
            users,
            partners,
        })
    }

    fn unit(&self, code: &str) -> String {
        self.units
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn user(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.users.get(&id).cloned())
            .unwrap_or_default()
    }

    fn parties(&self, ids: &[Uuid]) -> Vec<PartyView> {
        ids.iter()
            .map(|id| PartyView {
                id: id.to_string(),
                name: self
                    .partners
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string()),
            })
            .collect()
    }
}

/// A party as the pages link it.
pub struct PartyView {
    pub id: String,
    pub name: String,
}

// ---------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------

/// The list's parameters, by name.
const LIST_KEYS: [&str; 11] = [
    "q",
    "status",
    "kind",
    "lead_unit",
    "partner_id",
    "owner_id",
    "mine",
    "ends_before",
    "ends_after",
    "sort",
    "cursor",
];

/// A parsed list request: the filter, the order, the page, the values kept
/// (bad ones dropped) and what was wrong.
struct ListQuery {
    filter: AgreementFilter,
    sort: Sort,
    cursor: Option<Cursor>,
    values: HashMap<String, String>,
    errors: FieldErrors,
}

impl ListQuery {
    fn get(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }

    /// The filter parameters (without sort and cursor), in a fixed order.
    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        LIST_KEYS
            .iter()
            .filter(|k| !matches!(**k, "sort" | "cursor"))
            .map(|k| (*k, self.get(k)))
            .collect()
    }

    fn filtered(&self) -> bool {
        self.filter_pairs().iter().any(|(_, v)| !v.is_empty())
    }
}

fn parse_list(query: &HashMap<String, String>, me: Uuid) -> ListQuery {
    let mut errors = FieldErrors::new();
    let mut values = HashMap::new();
    let mut filter = AgreementFilter::default();
    let mut sort = agreements::default_sort();
    let mut cursor = None;
    for key in LIST_KEYS {
        let Some(raw) = query.get(key).map(|v| v.trim().to_string()) else {
            continue;
        };
        if raw.is_empty() {
            continue;
        }
        let ok = match key {
            "q" => {
                filter.q = Some(raw.clone());
                true
            }
            "status" => errors
                .take(key, AgreementStatus::parse(&raw))
                .map(|s| filter.status = Some(s))
                .is_some(),
            "kind" => errors
                .take(key, AgreementKind::parse(&raw))
                .map(|k| filter.kind = Some(k))
                .is_some(),
            "lead_unit" => {
                filter.lead_unit = Some(raw.to_ascii_uppercase());
                true
            }
            "partner_id" | "owner_id" => {
                match errors.take(key, Uuid::parse_str(&raw).map_err(|_| "invalid_id")) {
                    Some(id) if key == "partner_id" => {
                        filter.partner_id = Some(id);
                        true
                    }
                    Some(id) => {
                        filter.owner_id = Some(id);
                        true
                    }
                    None => false,
                }
            }
            "mine" => {
                filter.owner_id = Some(me);
                true
            }
            "ends_before" => errors
                .take(key, values::date(&raw))
                .map(|d| filter.ends_before = Some(d))
                .is_some(),
            "ends_after" => errors
                .take(key, values::date(&raw))
                .map(|d| filter.ends_after = Some(d))
                .is_some(),
            "sort" => match Sort::parse(&raw, &agreements::SORTS) {
                Some(s) => {
                    sort = s;
                    true
                }
                None => {
                    errors.add(key, "invalid_sort");
                    false
                }
            },
            _ => match Cursor::decode(&raw) {
                Some(c) => {
                    cursor = Some(c);
                    true
                }
                None => {
                    errors.add(key, "invalid_cursor");
                    false
                }
            },
        };
        if ok {
            values.insert(
                key.to_string(),
                if key == "mine" { "1".into() } else { raw },
            );
        }
    }
    // "Mine" wins over another owner.
    if values.contains_key("mine") {
        values.remove("owner_id");
    }
    ListQuery {
        filter,
        sort,
        cursor,
        values,
        errors,
    }
}

/// A row of the agreement list.
pub struct AgreementRowView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub kind: String,
    pub parties: Vec<PartyView>,
    pub lead_unit: String,
    pub lead_unit_name: String,
    pub status_code: String,
    pub status: String,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub ends_soon: bool,
    pub updated: String,
    pub confidential: bool,
}

fn row_view(tr: &Tr, names: &Names, a: &Agreement) -> AgreementRowView {
    let f = &a.fields;
    let today = accord_store::today();
    AgreementRowView {
        id: a.id.to_string(),
        reference: a.reference.clone(),
        title: f.title.best(tr.lang).to_string(),
        kind: tr.label("agreement-kind", f.kind.as_str()),
        parties: names.parties(&f.partner_ids),
        lead_unit: f.lead_unit.clone(),
        lead_unit_name: names.unit(&f.lead_unit),
        status_code: a.status.as_str().to_string(),
        status: tr.label("agreement-status", a.status.as_str()),
        ends_on: tr.iso_date(&f.ends_on),
        ends_on_iso: f.ends_on.map(values::format_date).unwrap_or_default(),
        ends_soon: a.status.is_in_force()
            && f.ends_on
                .is_some_and(|d| d >= today && d <= today + Duration::days(EXPIRY_HORIZON_DAYS)),
        updated: tr.date(a.updated_at),
        confidential: f.confidential,
    }
}

#[derive(Template)]
#[template(path = "agreements/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<AgreementRowView>,
    total: i64,
    shown: i64,
    next_href: Option<String>,
    first_href: Option<String>,
    q: String,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    units: Vec<Choice>,
    partner_id: String,
    partner_name: String,
    owner_id: String,
    owner_name: String,
    mine: bool,
    ends_before: String,
    ends_after: String,
    sorts: Vec<SortLink>,
    export_query: String,
    filter_errors: FormErrors,
    filtered: bool,
    can_create: bool,
    can_export: bool,
}

fn unit_choices(
    names: &Names,
    rows: &[accord_store::units::UnitRow],
    selected: &str,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = rows
        .iter()
        .filter(|u| u.active || u.code == selected)
        .map(|u| Choice {
            value: u.code.clone(),
            label: format!("{} ({})", names.unit(&u.code), u.code),
            selected: u.code == selected,
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let list_query = parse_list(&query, current.user.id);
    let reader = reader_of(&current);
    let result = agreements::list_agreements(
        &state.db,
        &list_query.filter,
        &reader,
        list_query.sort,
        list_query.cursor.as_ref(),
        50,
    )
    .await;
    let list = match result {
        Ok(list) => list,
        // A cursor that does not fit the order: start again from the first page.
        Err(StoreError::Invalid(_)) => {
            match agreements::list_agreements(
                &state.db,
                &list_query.filter,
                &reader,
                list_query.sort,
                None,
                50,
            )
            .await
            {
                Ok(list) => list,
                Err(e) => return store_error(page, e),
            }
        }
        Err(e) => return store_error(page, e),
    };
    let mut partner_ids: Vec<Uuid> = list
        .items
        .iter()
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    partner_ids.extend(list_query.filter.partner_id);
    let with_users = list_query.filter.owner_id.is_some();
    let names = match Names::load(&state, &tr, &partner_ids, with_users).await {
        Ok(n) => n,
        Err(e) => return store_error(page, e),
    };
    let unit_rows = match units::list_units(&state.db).await {
        Ok(u) => u,
        Err(e) => return store_error(page, e),
    };
    let base = list_query.filter_pairs();
    let sort_param = list_query.sort.param();
    let mut with_sort = base.clone();
    with_sort.push(("sort", sort_param));
    let next_href = list.next_cursor.as_ref().map(|cursor| {
        let mut pairs = with_sort.clone();
        pairs.push(("cursor", cursor.clone()));
        format!("/agreements?{}", query_string(&pairs))
    });
    let first_href = list_query
        .cursor
        .as_ref()
        .map(|_| format!("/agreements?{}", query_string(&with_sort)));
    let sorts = ["reference", "title", "status", "ends_on", "updated_at"]
        .iter()
        .map(|name| {
            let active = list_query.sort.column.name == *name;
            let descending = active && list_query.sort.descending;
            let next = if active && !descending {
                format!("-{name}")
            } else {
                name.to_string()
            };
            let mut pairs = base.clone();
            pairs.push(("sort", next));
            SortLink {
                label: tr.t(&format!("agreements-col-{}", name.replace('_', "-"))),
                href: format!("/agreements?{}", query_string(&pairs)),
                class: match (active, descending) {
                    (false, _) => "sort".into(),
                    (true, true) => "sort sort-desc".into(),
                    (true, false) => "sort sort-asc".into(),
                },
                aria: match (active, descending) {
                    (false, _) => "none".into(),
                    (true, true) => "descending".into(),
                    (true, false) => "ascending".into(),
                },
            }
        })
        .collect();
    let rows: Vec<AgreementRowView> = list
        .items
        .iter()
        .map(|a| row_view(&tr, &names, a))
        .collect();
    let partner_name = list_query
        .filter
        .partner_id
        .and_then(|id| names.partners.get(&id).cloned())
        .unwrap_or_default();
    let owner_id = list_query.get("owner_id");
    let owner_name = Uuid::parse_str(&owner_id)
        .ok()
        .map(|id| names.user(Some(id)))
        .unwrap_or_default();
    let template = ListPage {
        shown: rows.len() as i64,
        rows,
        total: list.total,
        next_href,
        first_href,
        q: list_query.get("q"),
        kinds: choices(
            &tr,
            "agreement-kind",
            &kind_codes(),
            &list_query.get("kind"),
        ),
        statuses: choices(
            &tr,
            "agreement-status",
            &status_codes(),
            &list_query.get("status"),
        ),
        units: unit_choices(&names, &unit_rows, &list_query.get("lead_unit")),
        partner_id: list_query.get("partner_id"),
        partner_name,
        owner_id,
        owner_name,
        mine: !list_query.get("mine").is_empty(),
        ends_before: list_query.get("ends_before"),
        ends_after: list_query.get("ends_after"),
        sorts,
        export_query: query_string(&with_sort),
        filter_errors: FormErrors::from_fields(&tr, &list_query.errors, |f| f.to_string()),
        filtered: list_query.filtered(),
        can_create: can_write(&current),
        can_export: current.user.role.is_staff(),
        page,
    };
    render(&template)
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

const EXPORT_COLUMNS: [&str; 22] = [
    "id",
    "reference",
    "title_ar",
    "title_en",
    "title_fr",
    "kind",
    "status",
    "partners",
    "lead_unit",
    "owner",
    "confidential",
    "starts_on",
    "ends_on",
    "entry_into_force",
    "auto_renew",
    "notice_days",
    "value",
    "currency",
    "tags",
    "registry_number",
    "created_at",
    "updated_at",
];

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn export_row(tr: &Tr, names: &Names, a: &Agreement) -> Vec<String> {
    let f = &a.fields;
    let yes_no = |b: bool| tr.t(if b { "agreements-yes" } else { "agreements-no" });
    vec![
        a.id.to_string(),
        a.reference.clone(),
        f.title.ar.clone().unwrap_or_default(),
        f.title.en.clone().unwrap_or_default(),
        f.title.fr.clone().unwrap_or_default(),
        tr.label("agreement-kind", f.kind.as_str()),
        tr.label("agreement-status", a.status.as_str()),
        names
            .parties(&f.partner_ids)
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join("; "),
        f.lead_unit.clone(),
        names.user(f.owner_id),
        yes_no(f.confidential),
        f.starts_on.map(values::format_date).unwrap_or_default(),
        f.ends_on.map(values::format_date).unwrap_or_default(),
        tr.label("entry-into-force", f.entry_into_force.as_str()),
        yes_no(f.auto_renew),
        f.notice_days.map(|n| n.to_string()).unwrap_or_default(),
        f.value.map(|m| m.amount_text()).unwrap_or_default(),
        f.value.map(|m| m.currency_code()).unwrap_or_default(),
        f.tags.join(", "),
        a.registry_number.clone().unwrap_or_default(),
        accord_store::rfc3339(a.created_at),
        accord_store::rfc3339(a.updated_at),
    ]
}

fn file_response(media_type: &'static str, filename: &str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn export(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tr = Tr::new(crate::page::request_lang(Some(&current.user), &headers));
    if !current.user.role.is_staff() {
        let page = Page::new(
            &state,
            &current,
            &headers,
            "agreements",
            "/agreements".into(),
        );
        return error_page(page, StatusCode::FORBIDDEN, "forbidden");
    }
    let format = query.get("format").map(String::as_str).unwrap_or("csv");
    if !matches!(format, "csv" | "xlsx") {
        return ApiError::field("format", "invalid_choice").into_response();
    }
    let list_query = parse_list(&query, current.user.id);
    if !list_query.errors.is_empty() {
        return ApiError::validation(&list_query.errors).into_response();
    }
    let reader = reader_of(&current);
    let result = agreements::list_agreements(
        &state.db,
        &list_query.filter,
        &reader,
        list_query.sort,
        None,
        crate::export::MAX_EXPORT_ROWS,
    )
    .await;
    let list = match result {
        Ok(list) => list,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let partner_ids: Vec<Uuid> = list
        .items
        .iter()
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    let names = match Names::load(&state, &tr, &partner_ids, true).await {
        Ok(n) => n,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let heads: Vec<String> = EXPORT_COLUMNS
        .iter()
        .map(|c| tr.t(&format!("agreements-export-{}", c.replace('_', "-"))))
        .collect();
    let rows: Vec<Vec<String>> = list
        .items
        .iter()
        .map(|a| export_row(&tr, &names, a).into_iter().map(defuse).collect())
        .collect();
    let stamp = accord_store::today();
    if format == "csv" {
        match crate::export::to_csv(&heads, &rows) {
            Ok(bytes) => file_response(
                "text/csv; charset=utf-8",
                &format!("agreements-{stamp}.csv"),
                bytes,
            ),
            Err(e) => ApiError::internal(&e).into_response(),
        }
    } else {
        match crate::export::to_xlsx(&heads, &rows, tr.dir() == "rtl") {
            Ok(bytes) => file_response(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("agreements-{stamp}.xlsx"),
                bytes,
            ),
            Err(e) => ApiError::internal(&e).into_response(),
        }
    }
}

// ---------------------------------------------------------------------------
// The pipeline board
// ---------------------------------------------------------------------------

/// A card of the board.
pub struct CardView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub parties: Vec<String>,
    pub owner: String,
    pub days: i64,
}

/// A column of the board: a stage with its count and its first cards.
pub struct ColumnView {
    pub code: String,
    pub label: String,
    pub total: i64,
    pub cards: Vec<CardView>,
    /// The list filtered by this stage (and the board's filters).
    pub table_href: String,
}

#[derive(Template)]
#[template(path = "agreements/board.html")]
struct BoardPage {
    page: Page,
    columns: Vec<ColumnView>,
    total: i64,
    kinds: Vec<Choice>,
    units: Vec<Choice>,
    owners: Vec<Choice>,
    partner_id: String,
    partner_name: String,
    filtered: bool,
    table_href: String,
    filter_errors: FormErrors,
}

/// The officers and admins who may own agreements, by name.
async fn owner_rows(state: &AppState) -> Result<Vec<users::User>, StoreError> {
    let mut rows: Vec<users::User> = users::list_users(&state.db)
        .await?
        .into_iter()
        .filter(|u| !u.disabled && matches!(u.role, Role::Officer | Role::Admin))
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}

fn owner_choices(rows: &[users::User], selected: &str) -> Vec<Choice> {
    rows.iter()
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: u.id.to_string() == selected,
        })
        .collect()
}

fn staff_only(state: &AppState, current: &CurrentUser, headers: &HeaderMap) -> Option<Response> {
    if current.actor().can_see_staff_views() {
        None
    } else {
        let page = Page::new(state, current, headers, "agreements", "/agreements".into());
        Some(error_page(page, StatusCode::FORBIDDEN, "forbidden"))
    }
}

async fn board_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let tr = page.tr;
    let mut query = query;
    query.retain(|k, _| matches!(k.as_str(), "lead_unit" | "kind" | "owner_id" | "partner_id"));
    let board_query = parse_list(&query, current.user.id);
    let reader = reader_of(&current);
    // The longest unchanged first: the cards that wait.
    let sort = Sort {
        column: agreements::SORTS[0],
        descending: false,
    };
    let totals =
        match agreements::count_agreements_by_status(&state.db, &board_query.filter, &reader).await
        {
            Ok(totals) => totals,
            Err(e) => return store_error(page, e),
        };
    let mut lists = Vec::new();
    for stage in BOARD_STAGES {
        let filter = AgreementFilter {
            status: Some(stage),
            ..board_query.filter.clone()
        };
        let total = totals.get(stage.as_str()).copied().unwrap_or(0);
        if total == 0 {
            lists.push((stage, accord_store::list::Page::empty()));
            continue;
        }
        match agreements::page_of_agreements(&state.db, &filter, &reader, sort, None, BOARD_CARDS)
            .await
        {
            Ok(mut list) => {
                list.total = total;
                lists.push((stage, list));
            }
            Err(e) => return store_error(page, e),
        }
    }
    let mut partner_ids: Vec<Uuid> = lists
        .iter()
        .flat_map(|(_, l)| l.items.iter())
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    partner_ids.extend(board_query.filter.partner_id);
    let loaded = async {
        let names = Names::load(&state, &tr, &partner_ids, true).await?;
        let unit_rows = units::list_units(&state.db).await?;
        let owners = owner_rows(&state).await?;
        Ok::<_, StoreError>((names, unit_rows, owners))
    }
    .await;
    let (names, unit_rows, owners) = match loaded {
        Ok(r) => r,
        Err(e) => return store_error(page, e),
    };
    let filter_pairs: Vec<(&str, String)> = ["lead_unit", "kind", "owner_id", "partner_id"]
        .iter()
        .map(|k| (*k, board_query.get(k)))
        .collect();
    let columns: Vec<ColumnView> = lists
        .into_iter()
        .map(|(stage, list)| {
            let mut pairs = vec![("status", stage.as_str().to_string())];
            pairs.extend(filter_pairs.iter().cloned());
            ColumnView {
                code: stage.as_str().to_string(),
                label: tr.label("agreement-status", stage.as_str()),
                total: list.total,
                table_href: format!("/agreements?{}", query_string(&pairs)),
                cards: list
                    .items
                    .iter()
                    .map(|a| CardView {
                        id: a.id.to_string(),
                        reference: a.reference.clone(),
                        title: a.fields.title.best(tr.lang).to_string(),
                        parties: names
                            .parties(&a.fields.partner_ids)
                            .into_iter()
                            .map(|p| p.name)
                            .collect(),
                        owner: names.user(a.fields.owner_id),
                        days: days_since(a.status_since),
                    })
                    .collect(),
            }
        })
        .collect();
    let partner_name = board_query
        .filter
        .partner_id
        .and_then(|id| names.partners.get(&id).cloned())
        .unwrap_or_default();
    let template = BoardPage {
        total: columns.iter().map(|c| c.total).sum(),
        columns,
        kinds: choices(
            &tr,
            "agreement-kind",
            &kind_codes(),
            &board_query.get("kind"),
        ),
        units: unit_choices(&names, &unit_rows, &board_query.get("lead_unit")),
        owners: owner_choices(&owners, &board_query.get("owner_id")),
        partner_id: board_query.get("partner_id"),
        partner_name,
        filtered: board_query.filtered(),
        table_href: format!("/agreements?{}", query_string(&filter_pairs)),
        filter_errors: FormErrors::from_fields(&tr, &board_query.errors, |f| f.to_string()),
        page,
    };
    render(&template)
}

// ---------------------------------------------------------------------------
// The create and edit forms
// ---------------------------------------------------------------------------

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
struct Prepared {
    input: AgreementInput,
    slots: Vec<usize>,
    errors: FieldErrors,
}

impl AgreementForm {
    /// The partner fields in order: at least [`PARTNER_SLOTS`], and one free
    /// field after the last filled one.
    fn partner_slots(&self) -> Vec<String> {
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

    fn set_partner(&mut self, slot: usize, value: String) {
        self.others.insert(format!("partner_{slot}"), value);
    }

    /// The version edited, if the form carries one.
    fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    /// The form of an existing agreement.
    fn from_agreement(a: &Agreement) -> Self {
        AgreementForm {
            version: a.version.to_string(),
            ..Self::from_fields(&a.fields)
        }
    }

    /// The form showing `f` (no version: a new agreement).
    fn from_fields(f: &AgreementFields) -> Self {
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

    fn prepare(&self) -> Prepared {
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
const FORM_ORDER: [&str; 20] = [
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
fn form_errors(tr: &Tr, errors: &FieldErrors, slots: &[usize]) -> FormErrors {
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
struct FormPage {
    page: Page,
    title: String,
    action: String,
    cancel: String,
    form: AgreementForm,
    errors: FormErrors,
    conflict: bool,
    kinds: Vec<Choice>,
    units: Vec<Choice>,
    owners: Vec<Choice>,
    entries: Vec<Choice>,
    partners: Vec<PartnerSlot>,
    parent_label: String,
    link_label: String,
    is_new: bool,
    terms_locked: bool,
}

impl FormPage {
    /// True for a control whose value may not change now.
    fn locked(&self, control: &str) -> bool {
        self.terms_locked
            && !matches!(
                control,
                "owner_id" | "confidential" | "auto_renew" | "notice_days" | "tags"
            )
    }
}

/// What the form shows besides the page.
struct FormState {
    form: AgreementForm,
    errors: FormErrors,
    conflict: bool,
}

impl FormState {
    fn new(form: AgreementForm) -> Self {
        Self {
            form,
            errors: FormErrors::default(),
            conflict: false,
        }
    }
}

/// The reference and title of a linked agreement the reader may see.
async fn agreement_label(
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

async fn form_page(
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

fn require_writer(
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
struct NewQuery {
    partner_id: String,
    renews_id: String,
    amends_id: String,
}

async fn new_page(
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
        Some(Err(error)) => return app_error(page, error),
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
fn validate_form(form: &AgreementForm) -> Result<AgreementFields, (FieldErrors, Vec<usize>)> {
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
fn refusal_fields(error: AppError, fields: &AgreementFields) -> Result<FieldErrors, AppError> {
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
fn app_error(page: Page, error: AppError) -> Response {
    let api = ApiError::from(error);
    if api.status.is_server_error() {
        return api.into_response();
    }
    error_page(page, api.status, api.code)
}

async fn create_agreement(
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
                    Err(other) => return app_error(page, other),
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
async fn load_visible(
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
fn terms_locked(agreement: &Agreement) -> bool {
    uc::terms_locked(agreement.status)
}

impl AgreementForm {
    /// This form with the controls that were sent (`sent`) in place of its own:
    /// a control left out (disabled, or absent from a hand-made request) keeps
    /// the value it had; a check box is off when the form was sent without it.
    fn overlaid_with(self, sent: &[(String, String)]) -> AgreementForm {
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

async fn edit_page(
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

async fn update_agreement(
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
            Err(other) => app_error(page, other),
        },
    }
}

// ---------------------------------------------------------------------------
// My work
// ---------------------------------------------------------------------------

/// An open review step on "my work".
pub struct StepView {
    pub agreement_id: String,
    pub reference: String,
    pub title: String,
    pub lead_unit: String,
    pub lead_unit_name: String,
    pub step_no: i64,
    pub opened: String,
    pub due: String,
    pub due_iso: String,
    pub overdue: bool,
    /// Days past the due date (when overdue) or left before it.
    pub days: i64,
}

/// One of my agreements that waits for me.
pub struct OwnedView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub status_code: String,
    pub status: String,
    pub todo: String,
    pub days_in_stage: i64,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub expiring: bool,
}

#[derive(Template)]
#[template(path = "agreements/my_work.html")]
struct MyWorkPage {
    page: Page,
    steps: Vec<StepView>,
    owned: Vec<OwnedView>,
    overdue_total: i64,
    expiring_total: i64,
    role: String,
    unit: String,
    owns_agreements: bool,
    /// The user's open follow-ups from the communications log.
    follow_ups: Vec<crate::ui::interactions::FollowUpView>,
}

async fn my_work_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "my-work", here(&uri));
    let tr = page.tr;
    let reader = reader_of(&current);
    let today = accord_store::today();
    let horizon = today + Duration::days(EXPIRY_HORIZON_DAYS);
    let loaded = async {
        let steps = work::assigned_steps(&state.db, &reader, 200).await?;
        let owned =
            work::owned_needing_action(&state.db, current.user.id, today, horizon, 200).await?;
        let names = Names::load(&state, &tr, &[], false).await?;
        let follow_ups = crate::ui::interactions::my_follow_ups(&state, &current, &tr).await?;
        Ok::<_, StoreError>((steps, owned, names, follow_ups))
    }
    .await;
    let (steps, owned, names, follow_ups) = match loaded {
        Ok(r) => r,
        Err(e) => return store_error(page, e),
    };
    let steps: Vec<StepView> = steps
        .iter()
        .map(|s| {
            let overdue = s.is_overdue(today);
            StepView {
                agreement_id: s.agreement_id.to_string(),
                reference: s.reference.clone(),
                title: s.title.best(tr.lang).to_string(),
                lead_unit: s.lead_unit.clone(),
                lead_unit_name: names.unit(&s.lead_unit),
                step_no: s.position + 1,
                opened: s.opened_at.map(|o| tr.date(o)).unwrap_or_default(),
                due: tr.iso_date(&s.due_on),
                due_iso: s.due_on.map(values::format_date).unwrap_or_default(),
                overdue,
                days: s
                    .due_on
                    .map(|d| (d - today).whole_days().abs())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let owned: Vec<OwnedView> = owned
        .iter()
        .map(|a| {
            let expiring = a.status.is_in_force();
            OwnedView {
                id: a.id.to_string(),
                reference: a.reference.clone(),
                title: a.title.best(tr.lang).to_string(),
                status_code: a.status.as_str().to_string(),
                status: tr.label("agreement-status", a.status.as_str()),
                todo: if expiring {
                    tr.t("agreements-todo-expiring")
                } else {
                    tr.label("agreements-todo", a.status.as_str())
                },
                days_in_stage: days_since(a.status_since),
                ends_on: tr.iso_date(&a.ends_on),
                ends_on_iso: a.ends_on.map(values::format_date).unwrap_or_default(),
                expiring,
            }
        })
        .collect();
    let template = MyWorkPage {
        overdue_total: steps.iter().filter(|s| s.overdue).count() as i64,
        expiring_total: owned.iter().filter(|o| o.expiring).count() as i64,
        steps,
        owned,
        role: tr.label("role", current.user.role.as_str()),
        unit: current
            .user
            .unit
            .as_deref()
            .map(|u| names.unit(u))
            .unwrap_or_default(),
        owns_agreements: can_write(&current),
        follow_ups,
        page,
    };
    render(&template)
}

// ---------------------------------------------------------------------------
// Cycle times
// ---------------------------------------------------------------------------

/// A row of a cycle-time table: a kind or a unit, days per stage and in all.
pub struct CycleRow {
    pub label: String,
    pub href: String,
    pub cells: Vec<String>,
    pub total: String,
    pub percent: i64,
    pub agreements: i64,
}

#[derive(Template)]
#[template(path = "agreements/cycle_times.html")]
struct CycleTimesPage {
    page: Page,
    stages: Vec<String>,
    overall: Vec<Bar>,
    overall_days: Vec<String>,
    by_kind: Vec<CycleRow>,
    by_unit: Vec<CycleRow>,
}

/// Days with one decimal, in the reader's notation.
fn days_text(tr: &Tr, days: f64) -> String {
    let text = format!("{days:.1}");
    match tr.lang {
        accord_domain::Lang::Fr => text.replace('.', ","),
        _ => text,
    }
}

fn cycle_rows(tr: &Tr, groups: Vec<(String, String, StageSums)>) -> Vec<CycleRow> {
    let max = groups
        .iter()
        .map(|(_, _, s)| s.pipeline())
        .fold(0.0_f64, f64::max);
    let mut rows: Vec<CycleRow> = groups
        .into_iter()
        .filter(|(_, _, sums)| sums.agreements() > 0)
        .map(|(label, href, sums)| CycleRow {
            label,
            href,
            cells: PIPELINE
                .iter()
                .map(|s| {
                    sums.average(*s)
                        .map(|d| days_text(tr, d))
                        .unwrap_or_else(|| "—".into())
                })
                .collect(),
            total: days_text(tr, sums.pipeline()),
            percent: if max > 0.0 {
                (sums.pipeline() / max * 100.0).round() as i64
            } else {
                0
            },
            agreements: sums.agreements(),
        })
        .collect();
    rows.sort_by(|a, b| b.percent.cmp(&a.percent).then(a.label.cmp(&b.label)));
    rows
}

async fn cycle_times_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let tr = page.tr;
    let sums = match uc::cycle_times(&state.db, &current.actor(), accord_store::now_micros()).await
    {
        Ok(sums) => sums,
        Err(error) => return app_error(page, error),
    };
    let names = match Names::load(&state, &tr, &[], false).await {
        Ok(names) => names,
        Err(e) => return store_error(page, e),
    };
    let uc::CycleSums {
        overall,
        by_kind: kinds,
        by_unit: units,
    } = sums;
    let max = PIPELINE
        .iter()
        .filter_map(|s| overall.average(*s))
        .fold(0.0_f64, f64::max);
    let overall_bars: Vec<Bar> = PIPELINE
        .iter()
        .map(|s| {
            let days = overall.average(*s).unwrap_or(0.0);
            Bar {
                code: s.as_str().to_string(),
                label: tr.label("agreement-status", s.as_str()),
                value: days.round() as i64,
                percent: if max > 0.0 {
                    (days / max * 100.0).round() as i64
                } else {
                    0
                },
            }
        })
        .collect();
    let overall_days = PIPELINE
        .iter()
        .map(|s| {
            overall
                .average(*s)
                .map(|d| days_text(&tr, d))
                .unwrap_or_else(|| "—".into())
        })
        .collect();
    let by_kind = cycle_rows(
        &tr,
        kinds
            .into_iter()
            .map(|(kind, sums)| {
                (
                    tr.label("agreement-kind", &kind),
                    format!("/agreements?kind={}", urlencoding::encode(&kind)),
                    sums,
                )
            })
            .collect(),
    );
    let by_unit = cycle_rows(
        &tr,
        units
            .into_iter()
            .map(|(unit, sums)| {
                (
                    format!("{} ({unit})", names.unit(&unit)),
                    format!("/agreements?lead_unit={}", urlencoding::encode(&unit)),
                    sums,
                )
            })
            .collect(),
    );
    let template = CycleTimesPage {
        stages: PIPELINE
            .iter()
            .map(|s| tr.label("agreement-status", s.as_str()))
            .collect(),
        overall: overall_bars,
        overall_days,
        by_kind,
        by_unit,
        page,
    };
    render(&template)
}

// ---------------------------------------------------------------------------
// The home page's summary
// ---------------------------------------------------------------------------

/// An agreement about to expire, on the home page.
pub struct ExpiringView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub days_left: i64,
}

/// The agreements at a glance: counts by status and what expires soon.
pub struct HomeAgreements {
    pub by_status: Vec<Bar>,
    pub total: i64,
    pub expiring: Vec<ExpiringView>,
    pub expiring_total: i64,
    pub expiring_href: String,
    pub can_create: bool,
}

/// The agreements summary of the home page, as `current` sees it.
pub async fn home_summary(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
) -> Result<HomeAgreements, StoreError> {
    let reader = reader_of(current);
    let mut counts = Vec::new();
    for status in AgreementStatus::ALL {
        let filter = AgreementFilter {
            status: Some(*status),
            ..Default::default()
        };
        let n = agreements::count_agreements(&state.db, &filter, &reader).await?;
        if n > 0 {
            counts.push((*status, n));
        }
    }
    let total = counts.iter().map(|(_, n)| n).sum();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let by_status = counts
        .into_iter()
        .map(|(status, value)| Bar {
            code: status.as_str().to_string(),
            label: tr.label("agreement-status", status.as_str()),
            value,
            percent: value * 100 / max,
        })
        .collect();
    let today = accord_store::today();
    let horizon = today + Duration::days(EXPIRY_HORIZON_DAYS);
    let (items, expiring_total) = work::expiring(&state.db, &reader, today, horizon, 8).await?;
    let expiring = items
        .iter()
        .map(|a| ExpiringView {
            id: a.id.to_string(),
            reference: a.reference.clone(),
            title: a.title.best(tr.lang).to_string(),
            ends_on: tr.iso_date(&a.ends_on),
            ends_on_iso: a.ends_on.map(values::format_date).unwrap_or_default(),
            days_left: a.ends_on.map(|d| (d - today).whole_days()).unwrap_or(0),
        })
        .collect();
    // The list's date filters are strict: the day before today, the day after the horizon.
    let expiring_href = format!(
        "/agreements?status=active&ends_after={}&ends_before={}&sort=ends_on",
        values::format_date(today - Duration::days(1)),
        values::format_date(horizon + Duration::days(1)),
    );
    Ok(HomeAgreements {
        by_status,
        total,
        expiring,
        expiring_total,
        expiring_href,
        can_create: can_write(current),
    })
}
