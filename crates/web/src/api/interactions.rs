//! The communications log: interactions and follow-ups, with a partner's
//! relationship health, the partners nobody has been in touch with lately,
//! and the re-routing of a contact's open items when their position ends.

use super::history::record_history;
use super::{Params, expected_version, json_object, overlay, parse_input, parse_limit};
use crate::AppState;
use crate::api::agreements::reader;
use crate::auth::{ApiUser, CurrentUser};
use crate::error::ApiError;
use crate::i18n::Tr;
use accord_domain::interaction::{
    Direction, InteractionInput, InteractionKind, can_write, format_instant,
};
use accord_domain::policy::Action;
use accord_domain::{FieldErrors, Lang, Role, values};
use accord_store::agreements::Reader;
use accord_store::interactions::{
    self as store, DEFAULT_REGISTRY_UNIT, FollowUpItem, Health, Interaction, InteractionFilter,
};
use accord_store::list::{Cursor, Sort};
use accord_store::rotation::{self, OpenItems};
use accord_store::{StoreError, contacts, partners, rfc3339};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/interactions",
            get(list_interactions).post(create_interaction),
        )
        .route("/interactions/export", get(export_interactions))
        .route(
            "/interactions/{id}",
            get(get_interaction).patch(update_interaction),
        )
        .route("/interactions/{id}/history", get(interaction_history))
        .route("/follow-ups", get(list_follow_ups))
        .route("/follow-ups/{id}/done", post(mark_follow_up_done))
        .route("/partners/dormant", get(list_dormant_partners))
        .route("/partners/{id}/health", get(get_partner_health))
        .route("/contacts/{id}/open-items", get(get_open_items))
        .route(
            "/contacts/{id}/positions/{n}/end",
            post(end_contact_position),
        )
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::not_found())
}

/// The unit that numbers a user's outgoing correspondence.
pub fn registry_unit(user: &CurrentUser) -> String {
    user.user
        .unit
        .clone()
        .unwrap_or_else(|| DEFAULT_REGISTRY_UNIT.to_string())
}

/// The JSON shape of an interaction.
pub fn interaction_json(i: &Interaction, today: Date) -> Value {
    let f = &i.fields;
    let follow_ups: Vec<Value> = f
        .follow_ups
        .iter()
        .map(|u| {
            json!({
                "id": u.id, "action": u.action, "owner_id": u.owner_id,
                "due_on": u.due_on.map(values::format_date), "done": u.done, "overdue": u.is_overdue(today),
            })
        })
        .collect();
    json!({
        "id": i.id, "version": i.version, "kind": f.kind, "direction": f.direction,
        "registry_number": i.registry_number, "sender_reference": f.sender_reference,
        "subject": f.subject, "occurred_at": format_instant(f.occurred_at), "summary": f.summary,
        "partner_ids": f.partner_ids, "contact_ids": f.contact_ids, "staff_ids": f.staff_ids,
        "agreement_ids": f.agreement_ids, "outreach_case_id": f.outreach_case_id,
        "confidential": f.confidential, "visible_to": f.visible_to, "follow_ups": follow_ups,
        "created_by": i.created_by, "created_at": rfc3339(i.created_at), "updated_at": rfc3339(i.updated_at),
    })
}

/// The JSON shape of a follow-up in a list.
pub fn follow_up_json(f: &FollowUpItem, today: Date) -> Value {
    json!({
        "id": f.id, "interaction_id": f.interaction_id, "subject": f.subject, "kind": f.kind,
        "occurred_at": format_instant(f.occurred_at), "action": f.action, "owner_id": f.owner_id,
        "owner_name": f.owner_name, "due_on": f.due_on.map(values::format_date), "done": f.done,
        "overdue": f.is_overdue(today),
    })
}

/// The JSON shape of a partner's relationship health.
pub fn health_json(h: &Health) -> Value {
    json!({
        "last_contact_at": h.last_contact.map(rfc3339),
        "days_since_contact": h.days_since_contact,
        "interactions": h.interactions,
        "open_actions": h.open_actions,
        "overdue_actions": h.overdue_actions,
        "active_agreements": h.active_agreements,
        "expiring_within_90_days": h.expiring_within_90_days,
    })
}

/// The interaction `id` if the caller may see it; 404 otherwise.
pub async fn visible(state: &AppState, reader: &Reader, id: &str) -> Result<Interaction, ApiError> {
    match store::find_interaction(&state.db, parse_id(id)?).await? {
        Some(i) if i.readable_by(reader) => Ok(i),
        _ => Err(ApiError::not_found()),
    }
}

fn require_staff(user: &CurrentUser) -> Result<(), ApiError> {
    if user.user.role.is_staff() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn require_writer(user: &CurrentUser) -> Result<(), ApiError> {
    if can_write(user.user.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

/// The query parameters of an interaction list.
pub const LIST_PARAMS: [&str; 13] = [
    "q",
    "kind",
    "direction",
    "partner_id",
    "contact_id",
    "agreement_id",
    "outreach_case_id",
    "from",
    "to",
    "sort",
    "cursor",
    "limit",
    "format",
];

/// A parsed list request.
pub struct ListRequest {
    pub filter: InteractionFilter,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

fn uuid_param(params: &Params, key: &str, errors: &mut FieldErrors) -> Option<Uuid> {
    params
        .get(key)
        .and_then(|v| errors.take(key, Uuid::parse_str(v).map_err(|_| "invalid_id")))
}

/// Parses list parameters; every bad value is reported on its own field.
pub fn parse_list(params: &Params) -> Result<ListRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    let kind = params
        .get("kind")
        .and_then(|k| errors.take("kind", InteractionKind::parse(k)));
    let direction = params
        .get("direction")
        .and_then(|d| errors.take("direction", Direction::parse(d)));
    let partner_id = uuid_param(params, "partner_id", &mut errors);
    let contact_id = uuid_param(params, "contact_id", &mut errors);
    let agreement_id = uuid_param(params, "agreement_id", &mut errors);
    let outreach_case_id = uuid_param(params, "outreach_case_id", &mut errors);
    let from = params
        .get("from")
        .and_then(|d| errors.take("from", values::date(d)));
    let to = params
        .get("to")
        .and_then(|d| errors.take("to", values::date(d)));
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.add("to", "before_start");
    }
    let sort = match params.get("sort") {
        None => store::default_sort(),
        Some(s) => errors
            .take("sort", Sort::parse(s, &store::SORTS).ok_or("invalid_sort"))
            .unwrap_or_else(store::default_sort),
    };
    let cursor = params
        .get("cursor")
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = parse_limit(params, &mut errors);
    errors.into_result().map_err(|e| e.0)?;
    Ok(ListRequest {
        filter: InteractionFilter {
            q,
            kind,
            direction,
            partner_id,
            contact_id,
            agreement_id,
            outreach_case_id,
            from,
            to,
        },
        sort,
        cursor,
        limit,
    })
}

async fn list_interactions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&user)?;
    let params = Params(query);
    params.only(&LIST_PARAMS[..12])?;
    let request = parse_list(&params).map_err(|e| ApiError::validation(&e))?;
    let page = store::list_interactions(
        &state.db,
        &request.filter,
        &reader(&user),
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let today = accord_store::today();
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|i| interaction_json(i, today))
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": page.total, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

/// The most rows one export holds.
const MAX_EXPORT_ROWS: i64 = 20_000;

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The filtered interactions the caller sees, as `csv` or `xlsx`.
pub async fn export_response(
    state: &AppState,
    tr: &Tr,
    reader: &Reader,
    filter: &InteractionFilter,
    format: &str,
) -> Result<Response, ApiError> {
    if !matches!(format, "csv" | "xlsx") {
        return Err(ApiError::field("format", "invalid_choice"));
    }
    let page = store::list_interactions(
        &state.db,
        filter,
        reader,
        store::default_sort(),
        None,
        MAX_EXPORT_ROWS,
    )
    .await?;
    let mut partner_ids: Vec<Uuid> = page
        .items
        .iter()
        .flat_map(|i| i.fields.partner_ids.iter().copied())
        .collect();
    partner_ids.sort();
    partner_ids.dedup();
    let names: HashMap<Uuid, String> = partners::find_partners(&state.db, &partner_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.fields.name.best(tr.lang).to_string()))
        .collect();
    let headers: Vec<String> = [
        "occurred-at",
        "kind",
        "direction",
        "registry-number",
        "sender-reference",
        "subject",
        "summary",
        "partners",
        "confidential",
        "open-follow-ups",
    ]
    .iter()
    .map(|c| tr.t(&format!("interactions-field-{c}")))
    .collect();
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|i| {
            let f = &i.fields;
            vec![
                format_instant(f.occurred_at),
                tr.label("interaction-kind", f.kind.as_str()),
                tr.label("interaction-direction", f.direction.as_str()),
                i.registry_number.clone().unwrap_or_default(),
                f.sender_reference.clone().unwrap_or_default(),
                f.subject.clone(),
                f.summary.clone().unwrap_or_default(),
                f.partner_ids
                    .iter()
                    .filter_map(|p| names.get(p).cloned())
                    .collect::<Vec<_>>()
                    .join("; "),
                if f.confidential {
                    tr.t("interactions-yes")
                } else {
                    tr.t("interactions-no")
                },
                f.follow_ups
                    .iter()
                    .filter(|u| !u.done)
                    .map(|u| match u.due_on {
                        Some(d) => format!("{} ({})", u.action, values::format_date(d)),
                        None => u.action.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
            .into_iter()
            .map(defuse)
            .collect()
        })
        .collect();
    let stamp = accord_store::today();
    let (media_type, name, bytes) = if format == "csv" {
        (
            "text/csv; charset=utf-8",
            format!("interactions-{stamp}.csv"),
            crate::export::to_csv(&headers, &rows).map_err(|e| ApiError::internal(&e))?,
        )
    } else {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("interactions-{stamp}.xlsx"),
            crate::export::to_xlsx(&headers, &rows, tr.dir() == "rtl")
                .map_err(|e| ApiError::internal(&e))?,
        )
    };
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn export_interactions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&user)?;
    let params = Params(query);
    params.only(&LIST_PARAMS)?;
    let request = parse_list(&params).map_err(|e| ApiError::validation(&e))?;
    let tr = Tr::new(user.user.lang.unwrap_or(Lang::En));
    let format = params.get("format").unwrap_or("csv");
    export_response(&state, &tr, &reader(&user), &request.filter, format).await
}

// ---------------------------------------------------------------------------
// One interaction
// ---------------------------------------------------------------------------

/// Fields the server assigns.
const READ_ONLY: [&str; 6] = [
    "id",
    "registry_number",
    "created_at",
    "updated_at",
    "created_by",
    "version",
];

/// Drops from each follow-up of a body the fields this API only answers with.
fn strip_answer_only_fields(body: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Array(list)) = body.get_mut("follow_ups") {
        for item in list.iter_mut() {
            if let Value::Object(map) = item {
                map.remove("overdue");
            }
        }
    }
}

async fn get_interaction(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let interaction = visible(&state, &reader(&user), &id).await?;
    Ok(axum::Json(interaction_json(&interaction, accord_store::today())).into_response())
}

async fn create_interaction(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_writer(&user)?;
    let mut object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    for key in READ_ONLY {
        if object.contains_key(key) {
            errors.add(key, "read_only");
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    strip_answer_only_fields(&mut object);
    let input: InteractionInput = parse_input(Value::Object(object))?;
    let fields = input.validate()?;
    let interaction = store::insert_interaction(
        &state.db,
        &reader(&user),
        &state.config.org_name,
        &registry_unit(&user),
        fields,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        [(
            "location",
            format!("/api/v1/interactions/{}", interaction.id),
        )],
        axum::Json(interaction_json(&interaction, accord_store::today())),
    )
        .into_response())
}

async fn update_interaction(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let reader = reader(&user);
    let current = visible(&state, &reader, &id).await?;
    require_writer(&user)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in READ_ONLY {
        patch.remove(key);
    }
    strip_answer_only_fields(&mut patch);
    if version != current.version {
        return Err(ApiError::version_conflict(interaction_json(
            &current,
            accord_store::today(),
        )));
    }
    let base =
        serde_json::to_value(current.fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: InteractionInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    match store::update_interaction(
        &state.db,
        &reader,
        &state.config.org_name,
        &registry_unit(&user),
        current.id,
        version,
        fields,
    )
    .await
    {
        Ok(updated) => {
            Ok(axum::Json(interaction_json(&updated, accord_store::today())).into_response())
        }
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = visible(&state, &reader, &id).await?;
            Err(ApiError::version_conflict(interaction_json(
                &fresh,
                accord_store::today(),
            )))
        }
        Err(other) => Err(other.into()),
    }
}

async fn interaction_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let interaction = visible(&state, &reader(&user), &id).await?;
    let ids = [interaction.id.to_string()];
    Ok(record_history(&state.db, "interaction", &ids, true)
        .await?
        .into_response())
}

/// The query parameters of the follow-up list.
pub const FOLLOW_UP_PARAMS: [&str; 6] = [
    "owner_id",
    "partner_id",
    "contact_id",
    "open",
    "due_by",
    "limit",
];

async fn list_follow_ups(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&user)?;
    let params = Params(query);
    params.only(&FOLLOW_UP_PARAMS)?;
    let mut errors = FieldErrors::new();
    let owner_id = match params.get("owner_id") {
        Some("me") => Some(user.user.id),
        _ => uuid_param(&params, "owner_id", &mut errors),
    };
    let partner_id = uuid_param(&params, "partner_id", &mut errors);
    let contact_id = uuid_param(&params, "contact_id", &mut errors);
    let open_only = match params.get("open") {
        None | Some("true") => true,
        Some("false") => false,
        Some(_) => {
            errors.add("open", "invalid_choice");
            true
        }
    };
    let due_by = params
        .get("due_by")
        .and_then(|d| errors.take("due_by", values::date(d)));
    let limit = parse_limit(&params, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let items = store::list_follow_ups(
        &state.db,
        &reader(&user),
        &store::FollowUpFilter {
            owner_id,
            partner_id,
            contact_id,
            open_only,
            due_by,
        },
        limit,
    )
    .await?;
    let today = accord_store::today();
    let items: Vec<Value> = items.iter().map(|f| follow_up_json(f, today)).collect();
    Ok(
        axum::Json(json!({ "total": items.len(), "items": items, "next_cursor": null }))
            .into_response(),
    )
}

async fn mark_follow_up_done(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let follow_up = parse_id(&id)?;
    let object = if body.is_empty() {
        serde_json::Map::new()
    } else {
        json_object(&headers, &body)?
    };
    let mut errors = FieldErrors::new();
    let mut done = true;
    for (key, value) in &object {
        match (key.as_str(), value) {
            ("done", Value::Bool(b)) => done = *b,
            ("done", _) => errors.add("done", "invalid_type"),
            (other, _) => errors.add(other, "unknown_field"),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let reader = reader(&user);
    // The owner may tick their own action even with a read-only role.
    let owned = store::follow_up_owner(&state.db, follow_up).await? == Some(Some(user.user.id));
    if !owned && !can_write(user.user.role) {
        return Err(ApiError::forbidden());
    }
    let interaction = store::set_follow_up_done(&state.db, &reader, follow_up, done).await?;
    Ok(axum::Json(interaction_json(&interaction, accord_store::today())).into_response())
}

// ---------------------------------------------------------------------------
// Partners: health and dormancy
// ---------------------------------------------------------------------------

async fn get_partner_health(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require_staff(&user)?;
    let partner = match partners::find_partner(&state.db, parse_id(&id)?).await? {
        Some(p) if user.actor().can_partner(Action::Read, Some(p.id)) => p,
        _ => return Err(ApiError::not_found()),
    };
    let health =
        store::partner_health(&state.db, &reader(&user), partner.id, accord_store::today()).await?;
    Ok(axum::Json(health_json(&health)).into_response())
}

/// Parses `months` (1–120, default 6).
pub fn parse_months(params: &Params, errors: &mut FieldErrors) -> i64 {
    match params.get("months") {
        None => 6,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=120).contains(&n) => n,
            _ => {
                errors.add("months", "out_of_range");
                6
            }
        },
    }
}

/// The day `months` months before `today` (kept within the month).
pub fn months_before(today: Date, months: i64) -> Date {
    let total = i64::from(today.year()) * 12 + i64::from(u8::from(today.month())) - 1 - months;
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(today.year());
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let day = today.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(today)
}

async fn list_dormant_partners(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&user)?;
    let params = Params(query);
    params.only(&["months", "limit", "offset"])?;
    let mut errors = FieldErrors::new();
    let months = parse_months(&params, &mut errors);
    let limit = parse_limit(&params, &mut errors);
    let offset = match params.get("offset") {
        None => 0,
        Some(t) => t
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .unwrap_or_else(|| {
                errors.add("offset", "out_of_range");
                0
            }),
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let since = months_before(accord_store::today(), months);
    let (items, total) =
        store::dormant_partners(&state.db, &reader(&user), since, limit, offset).await?;
    let items: Vec<Value> = items
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name": p.name, "country": p.country, "kind": p.kind, "status": p.status,
                "last_contact_at": p.last_contact.map(rfc3339),
            })
        })
        .collect();
    let next = offset + limit;
    Ok(axum::Json(json!({
        "months": months, "since": values::format_date(since), "items": items, "total": total,
        "next_offset": (next < total).then_some(next),
    }))
    .into_response())
}

// ---------------------------------------------------------------------------
// Contacts: open items and the end of a position
// ---------------------------------------------------------------------------

/// The JSON shape of a contact's open items.
pub fn open_items_json(items: &OpenItems, today: Date) -> Value {
    json!({
        "follow_ups": items.follow_ups.iter().map(|f| follow_up_json(f, today)).collect::<Vec<_>>(),
        "agreements": items.agreements.iter().map(|a| json!({
            "id": a.id, "reference": a.reference, "title": a.title, "status": a.status, "reason": a.reason,
        })).collect::<Vec<_>>(),
        "outreach_cases": items.outreach_cases.iter().map(|o| json!({
            "id": o.id, "country": o.country, "stage": o.stage, "mission_partner_id": o.mission_partner_id,
            "next_action": o.next_action, "next_action_on": o.next_action_on,
        })).collect::<Vec<_>>(),
    })
}

async fn visible_contact(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<contacts::Contact, ApiError> {
    require_staff(user)?;
    match contacts::find_contact(&state.db, parse_id(id)?).await? {
        Some(c) if user.actor().can_contact(Action::Read, &c.partner_ids()) => Ok(c),
        _ => Err(ApiError::not_found()),
    }
}

async fn get_open_items(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let contact = visible_contact(&state, &user, &id).await?;
    let items =
        rotation::open_items(&state.db, &reader(&user), &contact, accord_store::today()).await?;
    Ok(axum::Json(open_items_json(&items, accord_store::today())).into_response())
}

async fn end_contact_position(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, n)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let contact = visible_contact(&state, &user, &id).await?;
    let index: usize = n.parse().map_err(|_| ApiError::not_found())?;
    if index >= contact.fields.positions.len() {
        return Err(ApiError::not_found());
    }
    if !user
        .actor()
        .can_contact(Action::Update, &contact.partner_ids())
    {
        return Err(ApiError::forbidden());
    }
    let object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    let mut on = None;
    let mut successor = None;
    let mut version = None;
    for (key, value) in &object {
        match (key.as_str(), value) {
            ("on", Value::String(s)) => on = errors.take("on", values::date(s)),
            ("successor_id", Value::String(s)) if !s.trim().is_empty() => {
                successor = errors.take(
                    "successor_id",
                    Uuid::parse_str(s.trim()).map_err(|_| "invalid_id"),
                );
            }
            ("successor_id", Value::String(_) | Value::Null) => {}
            ("version", Value::Number(v)) => version = v.as_i64(),
            ("on" | "successor_id" | "version", _) => errors.add(key.clone(), "invalid_type"),
            (other, _) => errors.add(other, "unknown_field"),
        }
    }
    if on.is_none() && !errors.0.contains_key("on") {
        errors.add("on", "required");
    }
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return Err(ApiError::validation(&errors));
    };
    let ended = rotation::end_position(
        &state.db,
        Some(user.user.id),
        contact.id,
        index,
        on,
        successor,
        version,
    )
    .await;
    let ended = match ended {
        Ok(e) => e,
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = contacts::find_contact(&state.db, contact.id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            let names = super::contacts::partner_names(&state.db, [&fresh]).await?;
            return Err(ApiError::version_conflict(super::contacts::contact_json(
                &fresh,
                &names,
                accord_store::today(),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let mut all = vec![&ended.contact];
    if let Some(s) = &ended.successor {
        all.push(s);
    }
    let names = super::contacts::partner_names(&state.db, all).await?;
    let items = rotation::open_items(
        &state.db,
        &reader(&user),
        &ended.contact,
        accord_store::today(),
    )
    .await?;
    Ok(axum::Json(json!({
        "contact": super::contacts::contact_json(&ended.contact, &names, accord_store::today()),
        "successor": ended.successor.as_ref().map(|s| super::contacts::contact_json(s, &names, accord_store::today())),
        "rerouted_interaction_ids": ended.rerouted,
        "open_items": open_items_json(&items, accord_store::today()),
    }))
    .into_response())
}

/// True when a role may see the communications log at all.
pub fn sees_log(role: Role) -> bool {
    role.is_staff()
}
