//! `/api/v1/outreach`: the observer-state outreach campaign over JSON: cases,
//! their stage moves and history, and the funnel at
//! `/api/v1/metrics/outreach-funnel`. Staff read; officers, the director and
//! administrators create, edit and move.

use super::history::record_history;
use super::{Params, expected_version, json_object, overlay, parse_input, parse_limit};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::ApiError;
use accord_app::AppError;
use accord_app::outreach::MoveInput;
use accord_domain::outreach::{self, OutreachInput, Stage};
use accord_domain::{FieldErrors, values};
use accord_store::list::{Cursor, Sort};
use accord_store::outreach::{self as store, Case, CaseFilter, StageRow};
use accord_store::{StoreError, rfc3339};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/outreach", get(list_cases).post(create_case))
        .route("/outreach/{id}", get(get_case).patch(update_case))
        .route("/outreach/{id}/history", get(case_history))
        .route("/outreach/{id}/transitions", post(move_case))
        .route("/metrics/outreach-funnel", get(outreach_funnel))
}

/// The JSON shape of a stage row.
pub fn stage_json(row: &StageRow) -> Value {
    json!({
        "stage": row.stage, "entered_on": row.entered_on, "left_on": row.left_on, "reason": row.reason,
        "actor_id": row.actor_id, "actor_name": row.actor_name, "recorded_at": rfc3339(row.recorded_at),
    })
}

/// The JSON shape of a case (with its stage rows when given).
pub fn case_json(case: &Case, stages: Option<&[StageRow]>) -> Value {
    let f = &case.fields;
    let mut value = json!({
        "id": case.id, "version": case.version, "country": f.country, "country_name": case.country_name,
        "stage": case.stage, "stage_since": values::format_date(case.stage_since),
        "mission_partner_id": f.mission_partner_id, "owner_id": f.owner_id, "owner_name": case.owner_name,
        "next_action": f.next_action, "next_action_on": f.next_action_on.map(values::format_date),
        "notes": f.notes, "created_at": rfc3339(case.created_at), "updated_at": rfc3339(case.updated_at),
    });
    if let (Some(stages), Some(map)) = (stages, value.as_object_mut()) {
        map.insert(
            "stages".into(),
            Value::Array(stages.iter().map(stage_json).collect()),
        );
    }
    value
}

/// The query parameters of a case list.
pub const LIST_PARAMS: [&str; 7] = [
    "q", "stage", "owner_id", "country", "sort", "cursor", "limit",
];

/// A parsed list request.
pub struct ListRequest {
    pub filter: CaseFilter,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

/// Parses list parameters; every bad value is reported on its own field.
pub fn parse_list(params: &Params) -> Result<ListRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    let stage = params
        .get("stage")
        .and_then(|s| errors.take("stage", Stage::parse(s)));
    let owner_id = params
        .get("owner_id")
        .and_then(|o| errors.take("owner_id", Uuid::parse_str(o).map_err(|_| "invalid_id")));
    let country = params
        .get("country")
        .and_then(|c| errors.take("country", values::country_code(c)));
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
        filter: CaseFilter {
            stage,
            owner_id,
            country,
            q,
        },
        sort,
        cursor,
        limit,
    })
}

fn check_read(user: &crate::auth::CurrentUser) -> Result<(), ApiError> {
    if outreach::can_read(user.user.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn check_edit(user: &crate::auth::CurrentUser) -> Result<(), ApiError> {
    if outreach::can_edit(user.user.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

async fn list_cases(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let params = Params(query);
    params.only(&LIST_PARAMS)?;
    let request = parse_list(&params).map_err(|e| ApiError::validation(&e))?;
    let page = store::list_cases(
        &state.db,
        &request.filter,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let items: Vec<Value> = page.items.iter().map(|c| case_json(c, None)).collect();
    Ok(
        axum::Json(json!({ "items": items, "total": page.total, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

async fn load(state: &AppState, id: &str) -> Result<Case, ApiError> {
    let id = Uuid::parse_str(id).map_err(|_| ApiError::not_found())?;
    store::find_case(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

async fn full_json(state: &AppState, case: &Case) -> Result<Value, ApiError> {
    let stages = store::stages_of(&state.db, case.id).await?;
    Ok(case_json(case, Some(&stages)))
}

async fn get_case(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let case = load(&state, &id).await?;
    Ok(axum::Json(full_json(&state, &case).await?).into_response())
}

/// Maps the store's answer for a second open case to `409 duplicate` naming the open case.
async fn duplicate(state: &AppState, country: &str) -> ApiError {
    let filter = CaseFilter {
        country: Some(country.to_string()),
        ..CaseFilter::default()
    };
    let open: Vec<Value> = store::list_cases(&state.db, &filter, store::default_sort(), None, 10)
        .await
        .map(|page| {
            page.items
                .iter()
                .filter(|c| c.stage.is_open())
                .map(|c| case_json(c, None))
                .collect()
        })
        .unwrap_or_default();
    ApiError::new(StatusCode::CONFLICT, "duplicate")
        .with_details(json!({ "field": "country", "candidates": open }))
}

async fn create_case(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    check_edit(&user)?;
    let mut object = json_object(&headers, &body)?;
    for key in ["stage", "stage_since"] {
        if object.contains_key(key) {
            return Err(ApiError::field(key, "read_only"));
        }
    }
    let opened_on = match object.remove("opened_on") {
        None | Some(Value::Null) => accord_store::today(),
        Some(Value::String(s)) => values::date(&s).map_err(|c| ApiError::field("opened_on", c))?,
        Some(_) => return Err(ApiError::field("opened_on", "invalid_type")),
    };
    if opened_on > accord_store::today() {
        return Err(ApiError::field("opened_on", "in_future"));
    }
    let input: OutreachInput = parse_input(Value::Object(object))?;
    let fields = input.validate()?;
    let country = fields.country.clone();
    match store::insert_case(&state.db, Some(user.user.id), fields, opened_on).await {
        Ok(case) => Ok((
            StatusCode::CREATED,
            [(header::LOCATION, format!("/api/v1/outreach/{}", case.id))],
            axum::Json(full_json(&state, &case).await?),
        )
            .into_response()),
        Err(StoreError::Duplicate { .. }) => Err(duplicate(&state, &country).await),
        Err(other) => Err(other.into()),
    }
}

async fn conflict(state: &AppState, id: Uuid) -> ApiError {
    match store::find_case(&state.db, id).await {
        Ok(Some(fresh)) => match full_json(state, &fresh).await {
            Ok(current) => ApiError::version_conflict(current),
            Err(e) => e,
        },
        Ok(None) => ApiError::not_found(),
        Err(e) => e.into(),
    }
}

async fn update_case(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let current = load(&state, &id).await?;
    check_edit(&user)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in [
        "id",
        "created_at",
        "updated_at",
        "country_name",
        "owner_name",
        "stages",
    ] {
        patch.remove(key);
    }
    for key in ["stage", "stage_since"] {
        if patch.contains_key(key) {
            return Err(ApiError::field(key, "read_only"));
        }
    }
    if version != current.version {
        return Err(ApiError::version_conflict(
            full_json(&state, &current).await?,
        ));
    }
    let base =
        serde_json::to_value(current.fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: OutreachInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    match store::update_case(&state.db, Some(user.user.id), current.id, version, fields).await {
        Ok(updated) => Ok(axum::Json(full_json(&state, &updated).await?).into_response()),
        Err(StoreError::VersionConflict { .. }) => Err(conflict(&state, current.id).await),
        Err(other) => Err(other.into()),
    }
}

fn take_text(body: &mut Map<String, Value>, key: &str, errors: &mut FieldErrors) -> Option<String> {
    match body.remove(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Some(_) => {
            errors.add(key, "invalid_type");
            None
        }
    }
}

async fn move_case(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let current = load(&state, &id).await?;
    check_edit(&user)?;
    let mut object = json_object(&headers, &body)?;
    let version = if object.contains_key("version") || headers.contains_key(header::IF_MATCH) {
        expected_version(&headers, &mut object)?
    } else {
        current.version
    };
    let mut errors = FieldErrors::new();
    let to = match take_text(&mut object, "to", &mut errors) {
        None if errors.is_empty() => {
            errors.add("to", "required");
            None
        }
        None => None,
        Some(t) => errors.take("to", Stage::parse(&t)),
    };
    let on = match take_text(&mut object, "on", &mut errors) {
        None => Some(accord_store::today()),
        Some(d) => errors.take("on", values::date(&d)),
    };
    let reason = take_text(&mut object, "reason", &mut errors);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 2000) {
        errors.add("reason", "too_long");
    }
    for key in object.keys() {
        errors.add(key.clone(), "unknown_field");
    }
    let (Some(to), Some(on)) = (to, on) else {
        return Err(ApiError::validation(&errors));
    };
    errors.into_result()?;
    let input = MoveInput {
        to,
        on,
        reason,
        version: Some(version),
    };
    match accord_app::outreach::move_case(&state.db, &user.actor(), current.id, input).await {
        Ok(moved) => Ok(axum::Json(full_json(&state, &moved).await?).into_response()),
        Err(AppError::VersionConflict { .. }) => Err(conflict(&state, current.id).await),
        Err(AppError::Duplicate { .. }) => Err(duplicate(&state, &current.fields.country).await),
        Err(other) => Err(other.into()),
    }
}

async fn case_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let case = load(&state, &id).await?;
    let ids = [case.id.to_string()];
    Ok(record_history(&state.db, "outreach_case", &ids, true)
        .await?
        .into_response())
}

/// The funnel as JSON: counts per stage and median days per step.
pub fn funnel_json(funnel: &store::Funnel) -> Value {
    json!({
        "stages": funnel.counts.iter().map(|(s, n)| json!({ "stage": s.as_str(), "count": n })).collect::<Vec<_>>(),
        "steps": funnel.steps.iter().map(|s| json!({
            "from": s.from.as_str(), "to": s.to.as_str(), "cases": s.cases, "median_days": s.median_days,
        })).collect::<Vec<_>>(),
    })
}

async fn outreach_funnel(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Response, ApiError> {
    check_read(&user)?;
    let funnel = store::funnel(&state.db).await?;
    Ok(axum::Json(funnel_json(&funnel)).into_response())
}
