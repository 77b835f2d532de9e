//! `/api/v1/agreements` and the lifecycle over JSON: agreements with their
//! terms, transitions, the review chain and its settings, signatures,
//! validation, comments, the timeline, renewals, amendments with the
//! consolidated terms, and cycle times. Every handler first checks that the
//! caller may see the agreement (404 otherwise), then what their role allows.

use super::{Params, expected_version, json_object, overlay, parse_input, parse_limit};
use crate::AppState;
use crate::auth::{ApiUser, CurrentUser};
use crate::error::ApiError;
use accord_app::AppError;
use accord_app::agreements::{self as uc, DecisionInput, TransitionInput};
use accord_domain::agreement::{
    self, Action, AgreementFields, AgreementInput, AgreementKind, AgreementStatus,
};
use accord_domain::{FieldErrors, LocalizedText, Role, values};
use accord_store::agreements::{self as store, Agreement, AgreementFilter, Reader};
use accord_store::list::{Cursor, Sort};
use accord_store::reviews::{self, ChainStep, Outcome};
use accord_store::signing::{self, SignatureInput};
use accord_store::{StoreError, audit, comments, now_micros, partners, rfc3339};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use time::Date;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(list_agreements).post(create_agreement))
        .route(
            "/agreements/{id}",
            get(get_agreement).patch(update_agreement),
        )
        .route("/agreements/{id}/history", get(agreement_history))
        .route("/agreements/{id}/transitions", post(transition_agreement))
        .route("/agreements/{id}/reviews", get(list_reviews))
        .route(
            "/agreements/{id}/reviews/{step_id}/decision",
            post(decide_review_step),
        )
        .route(
            "/agreements/{id}/signatures",
            get(list_signatures).post(sign_agreement),
        )
        .route("/agreements/{id}/validation", post(validate_agreement))
        .route(
            "/agreements/{id}/comments",
            get(list_comments).post(create_comment),
        )
        .route("/agreements/{id}/timeline", get(agreement_timeline))
        .route("/agreements/{id}/renew", post(renew_agreement))
        .route("/agreements/{id}/amendments", post(amend_agreement))
        .route("/agreements/{id}/consolidated", get(consolidated_agreement))
        .route(
            "/review-chains/{kind}",
            get(get_review_chain).put(save_review_chain),
        )
        .route("/metrics/cycle-times", get(cycle_times))
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// The visibility rules' view of the caller.
pub fn reader(user: &CurrentUser) -> Reader {
    user.actor()
}

fn role(user: &CurrentUser) -> Role {
    user.user.role
}

/// The agreement `id` if the caller may see it; 404 otherwise (also for an id
/// that is not a UUID).
async fn visible(state: &AppState, user: &CurrentUser, id: &str) -> Result<Agreement, ApiError> {
    Ok(uc::visible(&state.db, &user.actor(), uc::parse_id(id)?).await?)
}

/// A use case's refusal as an API error; a lost race answers the current agreement.
async fn refused(state: &AppState, user: &CurrentUser, id: Uuid, error: AppError) -> ApiError {
    match error {
        AppError::VersionConflict { .. } => conflict(state, user, id).await,
        other => other.into(),
    }
}

/// The names of partners, by id.
async fn party_names(
    state: &AppState,
    agreements: &[&Agreement],
) -> Result<HashMap<Uuid, LocalizedText>, ApiError> {
    let ids: Vec<Uuid> = agreements
        .iter()
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    Ok(accord_store::work::partner_names(&state.db, &ids).await?)
}

fn date_text(date: Option<Date>) -> Option<String> {
    date.map(values::format_date)
}

fn action_codes(actions: &[Action]) -> Vec<&'static str> {
    actions.iter().map(|a| a.as_str()).collect()
}

/// The JSON shape of an agreement, with the actions the caller may take now.
pub fn agreement_json(a: &Agreement, names: &HashMap<Uuid, LocalizedText>, role: Role) -> Value {
    let f = &a.fields;
    let parties: Vec<Value> = f
        .partner_ids
        .iter()
        .map(|p| json!({ "id": p, "name": names.get(p).cloned().unwrap_or_default() }))
        .collect();
    json!({
        "id": a.id, "version": a.version, "reference": a.reference, "title": f.title, "kind": f.kind.as_str(),
        "partner_ids": f.partner_ids, "parties": parties, "lead_unit": f.lead_unit, "owner_id": f.owner_id,
        "status": a.status.as_str(), "status_since": rfc3339(a.status_since), "confidential": f.confidential,
        "starts_on": date_text(f.starts_on), "ends_on": date_text(f.ends_on),
        "entry_into_force": f.entry_into_force.as_str(), "entry_into_force_on": date_text(a.entry_into_force_on),
        "auto_renew": f.auto_renew, "notice_days": f.notice_days,
        "value": f.value.map(|m| json!({ "amount": m.amount_text(), "currency": m.currency_code() })),
        "objectives": f.objectives, "parent_id": f.parent_id, "amends_id": f.amends_id, "renews_id": f.renews_id,
        "amendment_no": a.amendment_no, "registry_number": a.registry_number, "tags": f.tags,
        "allowed_actions": action_codes(&agreement::allowed_actions(a.status, role)),
        "created_at": rfc3339(a.created_at), "updated_at": rfc3339(a.updated_at),
    })
}

/// One agreement as JSON for the caller (fetching its parties' names).
async fn one_json(state: &AppState, user: &CurrentUser, a: &Agreement) -> Result<Value, ApiError> {
    let names = party_names(state, &[a]).await?;
    Ok(agreement_json(a, &names, role(user)))
}

/// The current agreement after a lost race, as a `409 version_conflict`.
async fn conflict(state: &AppState, user: &CurrentUser, id: Uuid) -> ApiError {
    match store::find_agreement(&state.db, id).await {
        Ok(Some(fresh)) => match one_json(state, user, &fresh).await {
            Ok(json) => ApiError::version_conflict(json),
            Err(error) => error,
        },
        Ok(None) => ApiError::not_found(),
        Err(error) => error.into(),
    }
}

/// A string field of a small body: absent or `null` is none.
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

/// Reports every field left in a small body as unknown.
fn no_more_fields(body: &Map<String, Value>, errors: &mut FieldErrors) {
    for key in body.keys() {
        errors.add(key.clone(), "unknown_field");
    }
}

fn created(location: String, body: Value) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(body),
    )
        .into_response()
}

fn list_json(items: Vec<Value>) -> Value {
    json!({ "total": items.len(), "items": items, "next_cursor": null })
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

/// The query parameters of an agreement list.
pub const LIST_PARAMS: [&str; 12] = [
    "q",
    "status",
    "kind",
    "lead_unit",
    "partner_id",
    "country",
    "owner_id",
    "ends_before",
    "ends_after",
    "sort",
    "cursor",
    "limit",
];

/// A parsed list request.
pub struct ListRequest {
    pub filter: AgreementFilter,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

fn uuid_param(params: &Params, key: &str, errors: &mut FieldErrors) -> Option<Uuid> {
    params
        .get(key)
        .and_then(|v| errors.take(key, Uuid::parse_str(v).map_err(|_| "invalid_id")))
}

/// Parses list parameters; every bad value is reported on its own field, and
/// filters naming a unit, partner or user that does not exist are refused.
pub async fn parse_list(state: &AppState, params: &Params) -> Result<ListRequest, ApiError> {
    let mut errors = FieldErrors::new();
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    let status = params
        .get("status")
        .and_then(|s| errors.take("status", AgreementStatus::parse(s)));
    let kind = params
        .get("kind")
        .and_then(|k| errors.take("kind", AgreementKind::parse(k)));
    let lead_unit = params.get("lead_unit").map(|u| u.to_ascii_uppercase());
    let partner_id = uuid_param(params, "partner_id", &mut errors);
    let owner_id = uuid_param(params, "owner_id", &mut errors);
    let country = params
        .get("country")
        .and_then(|c| errors.take("country", values::country_code(c)));
    let ends_before = params
        .get("ends_before")
        .and_then(|d| errors.take("ends_before", values::date(d)));
    let ends_after = params
        .get("ends_after")
        .and_then(|d| errors.take("ends_after", values::date(d)));
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
    if let Some(unit) = &lead_unit
        && accord_store::units::find_unit(&state.db, unit)
            .await?
            .is_none()
    {
        errors.add("lead_unit", "unknown_unit");
    }
    if let Some(partner) = partner_id
        && partners::find_partner(&state.db, partner).await?.is_none()
    {
        errors.add("partner_id", "unknown_partner");
    }
    if let Some(owner) = owner_id
        && accord_store::users::find_user(&state.db, owner)
            .await?
            .is_none()
    {
        errors.add("owner_id", "unknown_user");
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    Ok(ListRequest {
        filter: AgreementFilter {
            q,
            status,
            kind,
            lead_unit,
            partner_id,
            country,
            owner_id,
            ends_before,
            ends_after,
        },
        sort,
        cursor,
        limit,
    })
}

async fn list_agreements(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&LIST_PARAMS)?;
    let request = parse_list(&state, &params).await?;
    let page = store::list_agreements(
        &state.db,
        &request.filter,
        &reader(&user),
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let refs: Vec<&Agreement> = page.items.iter().collect();
    let names = party_names(&state, &refs).await?;
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|a| agreement_json(a, &names, role(&user)))
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": page.total, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

// ---------------------------------------------------------------------------
// One agreement: read, create, change, history
// ---------------------------------------------------------------------------

/// Fields the server assigns: a client may not set them.
const READ_ONLY: [&str; 9] = [
    "status",
    "reference",
    "registry_number",
    "entry_into_force_on",
    "amendment_no",
    "status_since",
    "allowed_actions",
    "parties",
    "amends_id",
];

async fn get_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    Ok(axum::Json(one_json(&state, &user, &agreement).await?).into_response())
}

async fn create_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if !user.actor().can_write_agreements() {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    for key in READ_ONLY.iter().filter(|k| **k != "amends_id").chain(&[
        "id",
        "version",
        "created_at",
        "updated_at",
    ]) {
        if object.contains_key(*key) {
            errors.add(*key, "read_only");
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    if object.get("owner_id").is_none_or(Value::is_null) {
        object.insert("owner_id".into(), json!(user.user.id));
    }
    let input: AgreementInput = parse_input(Value::Object(object))?;
    let fields = input.validate()?;
    let agreement = uc::create(&state.db, &user.actor(), &state.config.org_name, fields).await?;
    Ok(created(
        format!("/api/v1/agreements/{}", agreement.id),
        one_json(&state, &user, &agreement).await?,
    ))
}

async fn update_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let current = visible(&state, &user, &id).await?;
    if !user.actor().can_write_agreements() {
        return Err(ApiError::forbidden());
    }
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in ["id", "created_at", "updated_at"] {
        patch.remove(key);
    }
    let current_json = one_json(&state, &user, &current).await?;
    let mut errors = FieldErrors::new();
    for key in READ_ONLY {
        if let Some(sent) = patch.remove(key)
            && current_json.get(key) != Some(&sent)
        {
            errors.add(key, "read_only");
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    if version != current.version {
        return Err(ApiError::version_conflict(current_json));
    }
    let base =
        serde_json::to_value(current.fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: AgreementInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    match uc::update(&state.db, &user.actor(), current.id, version, fields).await {
        Ok(updated) => Ok(axum::Json(one_json(&state, &user, &updated).await?).into_response()),
        Err(error) => Err(refused(&state, &user, current.id, error).await),
    }
}

async fn agreement_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    if !user.actor().can_read_history() {
        return Err(ApiError::forbidden());
    }
    let events = audit::history(&state.db, "agreement", &[agreement.id.to_string()], 500).await?;
    Ok(axum::Json(super::history_json(&events)).into_response())
}

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

/// The optional `version` of a command body (or `If-Match`).
fn optional_version(
    headers: &HeaderMap,
    body: &mut Map<String, Value>,
) -> Result<Option<i64>, ApiError> {
    if body.contains_key("version") || headers.contains_key(header::IF_MATCH) {
        if body.get("version").is_some_and(Value::is_null) {
            body.remove("version");
            return Ok(None);
        }
        expected_version(headers, body).map(Some)
    } else {
        Ok(None)
    }
}

async fn transition_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let current = visible(&state, &user, &id).await?;
    let mut object = json_object(&headers, &body)?;
    let version = optional_version(&headers, &mut object)?;
    let mut errors = FieldErrors::new();
    let action = take_text(&mut object, "action", &mut errors);
    let reason = take_text(&mut object, "reason", &mut errors);
    no_more_fields(&object, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let input = TransitionInput {
        action,
        reason,
        version,
    };
    match uc::transition(&state.db, &user.actor(), current.id, input).await {
        Ok(moved) => Ok(axum::Json(one_json(&state, &user, &moved).await?).into_response()),
        Err(error) => Err(refused(&state, &user, current.id, error).await),
    }
}

// ---------------------------------------------------------------------------
// The review chain
// ---------------------------------------------------------------------------

fn instant_text(micros: Option<i64>) -> Option<String> {
    micros.map(rfc3339)
}

fn step_json(step: &reviews::StepRow, user: &CurrentUser, today: &str) -> Value {
    let open = step.is_open();
    json!({
        "id": step.id, "cycle": step.cycle, "position": step.position, "role": step.role, "unit": step.unit,
        "due_days": step.due_days, "due_on": step.due_on,
        "overdue": open && step.due_on.as_deref().is_some_and(|d| d < today),
        "opened_at": instant_text(step.opened_at), "decision": step.decision, "comment": step.comment,
        "decided_by": step.decided_by, "decided_by_name": step.decided_by_name,
        "decided_at": instant_text(step.decided_at), "voided": step.voided, "open": open,
        "can_decide": open && step.is_assignee(role(user), user.user.unit.as_deref()),
    })
}

async fn list_reviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    if !user.actor().can_see_staff_views() {
        return Err(ApiError::forbidden());
    }
    let today = values::format_date(accord_store::today());
    let steps = reviews::list_steps(&state.db, agreement.id).await?;
    let items = steps.iter().map(|s| step_json(s, &user, &today)).collect();
    Ok(axum::Json(list_json(items)).into_response())
}

fn outcome_code(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::NextStep => "next_step",
        Outcome::ChainCleared => "chain_cleared",
        Outcome::ChangesRequested => "changes_requested",
        Outcome::Rejected => "rejected",
    }
}

async fn decide_review_step(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, step_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    let mut object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    let decision = take_text(&mut object, "decision", &mut errors);
    let comment = take_text(&mut object, "comment", &mut errors);
    no_more_fields(&object, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let input = DecisionInput { decision, comment };
    let (outcome, fresh) =
        uc::decide_review(&state.db, &user.actor(), agreement.id, &step_id, input).await?;
    Ok(axum::Json(json!({
        "outcome": outcome_code(outcome),
        "agreement": one_json(&state, &user, &fresh).await?,
    }))
    .into_response())
}

fn chain_json(kind: AgreementKind, steps: &[ChainStep], version: i64) -> Value {
    json!({ "kind": kind.as_str(), "steps": steps, "version": version, "is_default": version == 0 })
}

fn parse_kind(kind: &str) -> Result<AgreementKind, ApiError> {
    AgreementKind::parse(kind).map_err(|_| ApiError::not_found())
}

async fn get_review_chain(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kind): Path<String>,
) -> Result<Response, ApiError> {
    let kind = parse_kind(&kind)?;
    if !user.actor().can_see_staff_views() {
        return Err(ApiError::forbidden());
    }
    let (steps, version) = reviews::chain_for(&state.db, kind).await?;
    Ok(axum::Json(chain_json(kind, &steps, version)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChainInput {
    steps: Vec<ChainStep>,
}

async fn save_review_chain(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(kind): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let kind = parse_kind(&kind)?;
    if !user.actor().can_configure_review_chains() {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    let version = optional_version(&headers, &mut object)?;
    if !object.contains_key("steps") {
        return Err(ApiError::field("steps", "required"));
    }
    let mut input: ChainInput = parse_input(Value::Object(object))?;
    for step in &mut input.steps {
        step.role = step.role.trim().to_string();
        step.unit = step
            .unit
            .take()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .map(|u| {
                if u == "lead" {
                    u
                } else {
                    u.to_ascii_uppercase()
                }
            });
    }
    match reviews::save_chain(&state.db, Some(user.user.id), kind, &input.steps, version).await {
        Ok(version) => Ok(axum::Json(chain_json(kind, &input.steps, version)).into_response()),
        Err(StoreError::VersionConflict { .. }) => {
            let (steps, current) = reviews::chain_for(&state.db, kind).await?;
            Err(ApiError::version_conflict(chain_json(
                kind, &steps, current,
            )))
        }
        Err(other) => Err(other.into()),
    }
}

// ---------------------------------------------------------------------------
// Signatures and validation
// ---------------------------------------------------------------------------

fn signature_json(
    s: &signing::SignatureRow,
    names: &HashMap<Uuid, LocalizedText>,
    org: &str,
) -> Value {
    let party_name = match Uuid::parse_str(&s.party) {
        Ok(id) => names.get(&id).cloned().unwrap_or_default(),
        Err(_) => LocalizedText::new(None, Some(org.to_string()), None),
    };
    json!({
        "id": s.id, "party": s.party, "party_name": party_name, "signatory": s.signatory, "capacity": s.capacity,
        "signed_on": s.signed_on, "place": s.place, "method": s.method, "file_sha256": s.file_sha256,
        "recorded_by": s.recorded_by, "recorded_at": rfc3339(s.recorded_at),
    })
}

async fn list_signatures(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    let names = party_names(&state, &[&agreement]).await?;
    let rows = signing::list_signatures(&state.db, agreement.id).await?;
    let items = rows
        .iter()
        .map(|s| signature_json(s, &names, &state.config.org_name))
        .collect();
    Ok(axum::Json(list_json(items)).into_response())
}

async fn sign_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    if !user.actor().can_sign_agreements() {
        return Err(ApiError::forbidden());
    }
    let object = json_object(&headers, &body)?;
    let input: SignatureInput = parse_input(Value::Object(object))?;
    let party = input.party.clone().map(|p| p.trim().to_string());
    let signed = uc::sign(&state.db, &user.actor(), agreement.id, input).await?;
    let names = party_names(&state, &[&signed]).await?;
    let signature = signing::list_signatures(&state.db, agreement.id)
        .await?
        .into_iter()
        .find(|s| Some(&s.party) == party.as_ref())
        .map(|s| signature_json(&s, &names, &state.config.org_name));
    Ok(created(
        format!("/api/v1/agreements/{}/signatures", agreement.id),
        json!({ "signature": signature, "agreement": agreement_json(&signed, &names, role(&user)) }),
    ))
}

async fn validate_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    if !user.actor().can_validate_agreements() {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    let registry_number = take_text(&mut object, "registry_number", &mut errors);
    let entry = take_text(&mut object, "entry_into_force_on", &mut errors);
    no_more_fields(&object, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let validated = uc::validate(
        &state.db,
        &user.actor(),
        agreement.id,
        registry_number,
        entry,
        accord_store::today(),
    )
    .await?;
    Ok(axum::Json(one_json(&state, &user, &validated).await?).into_response())
}

// ---------------------------------------------------------------------------
// Comments and the timeline
// ---------------------------------------------------------------------------

fn comment_json(c: &comments::CommentRow) -> Value {
    json!({
        "id": c.id, "agreement_id": c.agreement_id, "body": c.body, "version": c.version_number,
        "author_id": c.author_id, "author_name": c.author_name, "created_at": rfc3339(c.created_at),
    })
}

async fn list_comments(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    let rows = comments::list_comments(&state.db, agreement.id).await?;
    Ok(axum::Json(list_json(rows.iter().map(comment_json).collect())).into_response())
}

async fn create_comment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    let mut object = json_object(&headers, &body)?;
    let mut errors = FieldErrors::new();
    let text = match object.remove("body") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => String::new(),
        Some(_) => {
            errors.add("body", "invalid_type");
            String::new()
        }
    };
    let version = match object.remove("version") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_i64() {
            Some(n) if n >= 1 => Some(n),
            _ => {
                errors.add("version", "out_of_range");
                None
            }
        },
        Some(_) => {
            errors.add("version", "invalid_type");
            None
        }
    };
    no_more_fields(&object, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let comment = uc::add_comment(&state.db, &user.actor(), agreement.id, version, &text).await?;
    Ok(created(
        format!("/api/v1/agreements/{}/comments", agreement.id),
        comment_json(&comment),
    ))
}

/// What an audit event says, briefly: the moves with their statuses and
/// reason, the changed fields of an update, the rest as recorded.
fn event_summary(action: &str, before: Option<Value>, after: Option<Value>) -> Value {
    let status = |v: &Option<Value>| v.as_ref().and_then(|v| v.get("status")).cloned();
    match action {
        "create" => json!({ "reference": after.as_ref().and_then(|a| a.get("reference")) }),
        "update" => {
            let empty = Map::new();
            let b = before.as_ref().and_then(Value::as_object).unwrap_or(&empty);
            let a = after.as_ref().and_then(Value::as_object).unwrap_or(&empty);
            let mut changed: Vec<&String> = a
                .keys()
                .chain(b.keys())
                .filter(|k| a.get(*k) != b.get(*k))
                .collect();
            changed.sort();
            changed.dedup();
            json!({ "changed": changed })
        }
        _ if Action::parse(action).is_ok() => json!({
            "from": status(&before),
            "to": status(&after),
            "reason": after.as_ref().and_then(|a| a.get("reason")).cloned(),
        }),
        _ => after.unwrap_or_else(|| json!({})),
    }
}

async fn agreement_timeline(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible(&state, &user, &id).await?;
    if !user.actor().can_read_history() {
        return Err(ApiError::forbidden());
    }
    let events = audit::history(&state.db, "agreement", &[agreement.id.to_string()], 1000).await?;
    let notes = comments::list_comments(&state.db, agreement.id).await?;
    let mut entries: Vec<(i64, i64, Value)> = Vec::new();
    for e in events.into_iter().filter(|e| e.action != "comment") {
        let parse = |s: &Option<String>| {
            s.as_deref()
                .and_then(|s| serde_json::from_str::<Value>(s).ok())
        };
        let summary = event_summary(&e.action, parse(&e.before_state), parse(&e.after_state));
        entries.push((
            e.at,
            e.seq,
            json!({
                "at": rfc3339(e.at), "kind": "event", "action": e.action, "actor_id": e.actor_id,
                "actor_name": e.actor_name, "summary": summary,
            }),
        ));
    }
    for c in &notes {
        entries.push((
            c.created_at,
            i64::MAX,
            json!({
                "at": rfc3339(c.created_at), "kind": "comment", "action": "comment", "actor_id": c.author_id,
                "actor_name": c.author_name, "summary": { "comment_id": c.id, "body": c.body, "version": c.version_number },
            }),
        ));
    }
    for i in
        accord_store::interactions::linked_to_agreement(&state.db, &reader(&user), agreement.id)
            .await?
    {
        entries.push((
            i.fields.occurred_at,
            i64::MAX,
            json!({
                "at": rfc3339(i.fields.occurred_at), "kind": "interaction", "action": i.fields.kind,
                "actor_id": i.created_by, "actor_name": null,
                "summary": { "interaction_id": i.id, "subject": i.fields.subject, "direction": i.fields.direction,
                    "registry_number": i.registry_number },
            }),
        ));
    }
    entries.sort_by_key(|(at, seq, _)| (*at, *seq));
    let items = entries.into_iter().map(|(_, _, v)| v).collect();
    Ok(axum::Json(list_json(items)).into_response())
}

// ---------------------------------------------------------------------------
// Renewals, amendments and consolidated terms
// ---------------------------------------------------------------------------

/// An optional JSON object body: empty means none.
fn optional_object(headers: &HeaderMap, body: &Bytes) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(Map::new())
    } else {
        json_object(headers, body)
    }
}

/// Creates a linked agreement from `fields` laid under the client's `patch`.
async fn create_linked(
    state: &AppState,
    user: &CurrentUser,
    fields: AgreementFields,
    mut patch: Map<String, Value>,
    fixed: &[(&str, Value)],
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::new();
    for key in READ_ONLY
        .iter()
        .chain(&["id", "version", "created_at", "updated_at"])
    {
        if patch.contains_key(*key) {
            errors.add(*key, "read_only");
        }
    }
    for (key, _) in fixed {
        if patch.contains_key(*key) {
            errors.add(*key, "read_only");
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    for (key, value) in fixed {
        patch.insert((*key).to_string(), value.clone());
    }
    let base = serde_json::to_value(fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: AgreementInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    let agreement = uc::create(&state.db, &user.actor(), &state.config.org_name, fields).await?;
    Ok(created(
        format!("/api/v1/agreements/{}", agreement.id),
        one_json(state, user, &agreement).await?,
    ))
}

async fn renew_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let current = visible(&state, &user, &id).await?;
    if !user.actor().can_write_agreements() {
        return Err(ApiError::forbidden());
    }
    let patch = optional_object(&headers, &body)?;
    let fields = uc::renew(&state.db, &user.actor(), current.id).await?;
    create_linked(
        &state,
        &user,
        fields,
        patch,
        &[("renews_id", json!(current.id))],
    )
    .await
}

async fn amend_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let current = visible(&state, &user, &id).await?;
    if !user.actor().can_write_agreements() {
        return Err(ApiError::forbidden());
    }
    let patch = optional_object(&headers, &body)?;
    let fields = uc::amend(&state.db, &user.actor(), current.id).await?;
    create_linked(
        &state,
        &user,
        fields,
        patch,
        &[("amends_id", json!(current.id)), ("renews_id", Value::Null)],
    )
    .await
}

async fn consolidated_agreement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let base = visible(&state, &user, &id).await?;
    let consolidated = uc::consolidate(&state.db, &user.actor(), &base).await?;
    let agreement = Agreement {
        fields: consolidated.terms,
        ..base.clone()
    };
    let mut body = one_json(&state, &user, &agreement).await?;
    let amendments: Vec<Value> = consolidated
        .links
        .iter()
        .map(|l| {
            json!({
                "id": l.agreement.id, "reference": l.agreement.reference, "status": l.agreement.status.as_str(),
                "amendment_no": l.agreement.amendment_no, "title": l.agreement.fields.title, "applied": l.applied,
            })
        })
        .collect();
    if let Some(map) = body.as_object_mut() {
        map.insert("amendments".into(), Value::Array(amendments));
        map.insert("changed_by".into(), json!(consolidated.changed_by));
    }
    Ok(axum::Json(body).into_response())
}

// ---------------------------------------------------------------------------
// Cycle times
// ---------------------------------------------------------------------------

async fn agreement_cycle(state: &AppState, a: &Agreement, now: i64) -> Result<Value, ApiError> {
    let stays = store::stages(&state.db, a.id).await?;
    let mut per_status: BTreeMap<String, i64> = BTreeMap::new();
    let mut stays_json = Vec::new();
    for s in &stays {
        let spent = s.left_at.unwrap_or(now) - s.entered_at;
        *per_status.entry(s.status.clone()).or_default() += spent;
        stays_json.push(json!({
            "status": s.status, "entered_at": rfc3339(s.entered_at), "left_at": instant_text(s.left_at),
            "days": uc::days(spent),
        }));
    }
    let by_stage: Vec<Value> = AgreementStatus::ALL
        .iter()
        .filter_map(|st| {
            per_status
                .get(st.as_str())
                .map(|m| json!({ "status": st.as_str(), "days": uc::days(*m) }))
        })
        .collect();
    let total: i64 = per_status.values().sum();
    Ok(json!({
        "id": a.id, "reference": a.reference, "title": a.fields.title, "kind": a.fields.kind.as_str(),
        "lead_unit": a.fields.lead_unit, "status": a.status.as_str(), "stages": by_stage, "stays": stays_json,
        "total_days": uc::days(total),
    }))
}

/// Averages per stage for one group.
fn average_stages(sums: &uc::StageSums) -> Vec<Value> {
    sums.stages()
        .map(|st| {
            json!({
                "status": st.as_str(), "stays": sums.stays(st).unwrap_or(0),
                "average_days": sums.average_days(st),
            })
        })
        .collect()
}

async fn cycle_times(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&["agreement_id", "cursor", "limit"])?;
    if !user.actor().can_see_staff_views() {
        return Err(ApiError::forbidden());
    }
    let mut errors = FieldErrors::new();
    let agreement_id = uuid_param(&params, "agreement_id", &mut errors);
    let cursor = params
        .get("cursor")
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = parse_limit(&params, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(&errors));
    }
    let now = now_micros();
    let who = reader(&user);
    let (agreements, total, next_cursor) = match agreement_id {
        Some(id) => {
            let a = visible(&state, &user, &id.to_string()).await?;
            (vec![a], 1, None)
        }
        None => {
            let page = store::list_agreements(
                &state.db,
                &AgreementFilter::default(),
                &who,
                store::default_sort(),
                cursor.as_ref(),
                limit,
            )
            .await?;
            (page.items, page.total, page.next_cursor)
        }
    };
    let mut items = Vec::with_capacity(agreements.len());
    for a in &agreements {
        items.push(agreement_cycle(&state, a, now).await?);
    }
    let sums = uc::cycle_times(&state.db, &who, now).await?;
    let by_kind: Vec<Value> = sums
        .by_kind
        .iter()
        .map(|(kind, sums)| json!({ "kind": kind, "stages": average_stages(sums) }))
        .collect();
    let by_unit: Vec<Value> = sums
        .by_unit
        .iter()
        .map(|(unit, sums)| json!({ "lead_unit": unit, "stages": average_stages(sums) }))
        .collect();
    Ok(axum::Json(json!({
        "items": items, "total": total, "next_cursor": next_cursor,
        "averages": { "by_kind": by_kind, "by_unit": by_unit },
    }))
    .into_response())
}
