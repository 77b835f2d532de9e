//! `/api/v1/partners`: the partner registry over JSON.

use super::history::record_history;
use super::{Params, expected_version, json_object, overlay, parse_input, parse_limit};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::ApiError;
use accord_domain::partner::{PartnerInput, PartnerKind, PartnerStatus};
use accord_domain::policy::{Action, Actor};
use accord_domain::{FieldErrors, values};
use accord_store::list::{Cursor, Sort};
use accord_store::partners::{self, Partner, PartnerFilter};
use accord_store::{countries, rfc3339};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partners", get(list_partners).post(create_partner))
        .route("/partners/duplicates", get(find_duplicates))
        .route("/partners/export", get(export_partners))
        .route("/partners/{id}", get(get_partner).patch(update_partner))
        .route("/partners/{id}/merge", post(merge_partner))
        .route("/partners/{id}/history", get(partner_history))
}

/// The JSON shape of a partner.
pub fn partner_json(partner: &Partner) -> Value {
    let f = &partner.fields;
    json!({
        "id": partner.id, "version": partner.version, "name": f.name, "acronym": f.acronym, "kind": f.kind,
        "country": f.country, "parent_id": f.parent_id, "status": f.status, "website": f.website, "email": f.email,
        "phone": f.phone, "identifiers": f.identifiers, "tags": f.tags, "risk": f.risk, "notes": f.notes,
        "created_at": rfc3339(partner.created_at), "updated_at": rfc3339(partner.updated_at),
    })
}

/// A parsed list request.
pub struct ListRequest {
    pub filter: PartnerFilter,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

/// The query parameters of a partner list.
pub const LIST_PARAMS: [&str; 10] = [
    "q",
    "kind",
    "country",
    "status",
    "tag",
    "membership",
    "sort",
    "cursor",
    "limit",
    "format",
];

/// Parses list parameters; every bad value is reported on its own field. A
/// partner user only ever sees their own organization.
pub fn parse_list(params: &Params, actor: &Actor) -> Result<ListRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    let kind = params
        .get("kind")
        .and_then(|k| errors.take("kind", PartnerKind::parse(k)));
    let country = params
        .get("country")
        .and_then(|c| errors.take("country", values::country_code(c)));
    let status = params
        .get("status")
        .and_then(|s| errors.take("status", PartnerStatus::parse(s)));
    let tag = params
        .get("tag")
        .and_then(|t| errors.take("tag", values::tag(t)));
    let membership = params.get("membership").and_then(|m| {
        errors.take(
            "membership",
            countries::MEMBERSHIPS
                .contains(&m)
                .then(|| m.to_string())
                .ok_or("invalid_choice"),
        )
    });
    let sort = match params.get("sort") {
        None => partners::default_sort(),
        Some(s) => errors
            .take(
                "sort",
                Sort::parse(s, &partners::SORTS).ok_or("invalid_sort"),
            )
            .unwrap_or_else(partners::default_sort),
    };
    let cursor = params
        .get("cursor")
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = parse_limit(params, &mut errors);
    let only_id = (!actor.role.is_staff()).then(|| actor.organization_id.unwrap_or_default());
    errors.into_result().map_err(|e| e.0)?;
    Ok(ListRequest {
        filter: PartnerFilter {
            q,
            kind,
            country,
            status,
            tag,
            membership,
            only_id,
        },
        sort,
        cursor,
        limit,
    })
}

async fn list_partners(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&LIST_PARAMS[..9])?;
    let request = parse_list(&params, &user.actor()).map_err(|e| ApiError::validation(&e))?;
    let page = partners::list_partners(
        &state.db,
        &request.filter,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let items: Vec<Value> = page.items.iter().map(partner_json).collect();
    Ok(
        axum::Json(json!({ "items": items, "total": page.total, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

async fn export_partners(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&LIST_PARAMS)?;
    let actor = user.actor();
    if !actor.can_partner(Action::Export, None) {
        return Err(ApiError::forbidden());
    }
    let request = parse_list(&params, &actor).map_err(|e| ApiError::validation(&e))?;
    let format = params.get("format").unwrap_or("csv");
    let tr = crate::i18n::Tr::new(user.user.lang.unwrap_or(accord_domain::Lang::En));
    crate::export::partners_response(&state, &tr, &request, format).await
}

fn visible(partner: Option<Partner>, actor: &Actor) -> Result<Partner, ApiError> {
    match partner {
        Some(p) if p.merged_into.is_none() && actor.can_partner(Action::Read, Some(p.id)) => Ok(p),
        Some(p) if p.merged_into.is_some() && actor.can_partner(Action::Read, Some(p.id)) => {
            Err(ApiError::not_found().with_details(json!({ "merged_into": p.merged_into })))
        }
        _ => Err(ApiError::not_found()),
    }
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::not_found())
}

async fn get_partner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let partner = visible(
        partners::find_partner(&state.db, parse_id(&id)?).await?,
        &user.actor(),
    )?;
    Ok(axum::Json(partner_json(&partner)).into_response())
}

async fn create_partner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    if !actor.can_partner(Action::Create, None) {
        return Err(ApiError::forbidden());
    }
    let object = json_object(&headers, &body)?;
    let input: PartnerInput = parse_input(Value::Object(object))?;
    let fields = input.validate()?;
    let duplicates = partners::similar_partners(&state.db, &fields.name, None).await?;
    let partner = partners::insert_partner(&state.db, Some(actor.user_id), fields).await?;
    let mut body = partner_json(&partner);
    let warnings: Vec<Value> = duplicates
        .iter()
        .map(|d| json!({ "code": "possible_duplicate", "partner_id": d.partner.id, "name": d.partner.fields.name, "score": (d.score * 100.0).round() / 100.0 }))
        .collect();
    if let Some(map) = body.as_object_mut() {
        map.insert("warnings".into(), Value::Array(warnings));
    }
    Ok((
        StatusCode::CREATED,
        [("location", format!("/api/v1/partners/{}", partner.id))],
        axum::Json(body),
    )
        .into_response())
}

async fn update_partner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let current = visible(
        partners::find_partner(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    if !actor.can_partner(Action::Update, Some(current.id)) {
        return Err(ApiError::forbidden());
    }
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in ["id", "created_at", "updated_at"] {
        patch.remove(key);
    }
    if version != current.version {
        return Err(ApiError::version_conflict(partner_json(&current)));
    }
    let base =
        serde_json::to_value(current.fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: PartnerInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    match partners::update_partner(&state.db, Some(actor.user_id), current.id, version, fields)
        .await
    {
        Ok(updated) => Ok(axum::Json(partner_json(&updated)).into_response()),
        Err(accord_store::StoreError::VersionConflict { .. }) => {
            let fresh = partners::find_partner(&state.db, current.id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(partner_json(&fresh)))
        }
        Err(other) => Err(other.into()),
    }
}

async fn merge_partner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let survivor = visible(
        partners::find_partner(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    if !actor.can_partner(Action::Merge, Some(survivor.id)) {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    let version = match object.contains_key("version") || headers.contains_key("if-match") {
        true => Some(expected_version(&headers, &mut object)?),
        false => None,
    };
    let from = match object.remove("from") {
        Some(Value::String(s)) => {
            Uuid::parse_str(&s).map_err(|_| ApiError::field("from", "invalid_id"))?
        }
        Some(_) => return Err(ApiError::field("from", "invalid_type")),
        None => return Err(ApiError::field("from", "required")),
    };
    if let Some(key) = object.keys().next() {
        return Err(ApiError::field(key, "unknown_field"));
    }
    match accord_app::registry::merge_partners(&state.db, &actor, survivor.id, from, version).await
    {
        Ok(merged) => Ok(axum::Json(partner_json(&merged)).into_response()),
        Err(accord_app::AppError::VersionConflict { .. }) => {
            let fresh = partners::find_partner(&state.db, survivor.id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(partner_json(&fresh)))
        }
        Err(other) => Err(other.into()),
    }
}

async fn partner_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let partner = visible(
        partners::find_partner(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    let ids = partners::history_ids(&state.db, partner.id).await?;
    let page = record_history(&state.db, "partner", &ids, actor.can_read_history()).await?;
    Ok(page.into_response())
}

async fn find_duplicates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&["name", "exclude"])?;
    if !user.actor().role.is_staff() {
        return Err(ApiError::forbidden());
    }
    let name = params
        .get("name")
        .ok_or_else(|| ApiError::field("name", "required"))?;
    let exclude = params.get("exclude").and_then(|e| Uuid::parse_str(e).ok());
    let text = accord_domain::LocalizedText::new(None, Some(name.to_string()), None);
    let found = partners::similar_partners(&state.db, &text, exclude).await?;
    let items: Vec<Value> = found
        .iter()
        .map(|d| json!({ "partner": partner_json(&d.partner), "score": (d.score * 100.0).round() / 100.0 }))
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}
