//! Reference data over JSON: `/api/v1/units` (read by staff, changed by
//! admins) and `/api/v1/countries` with the organization's membership status
//! and its history (changed by admins).

use super::users::parse_bool;
use super::{Params, expected_version, json_object, overlay, parse_input};
use crate::AppState;
use crate::auth::{ApiUser, CurrentUser};
use crate::error::ApiError;
use accord_domain::{FieldErrors, LocalizedText, values};
use accord_store::countries::{self, CountryRow, MembershipChange, MembershipUpdate};
use accord_store::units::{self, UnitFields, UnitRow};
use accord_store::{Db, StoreError, audit, rfc3339, users};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(list_units).post(create_unit))
        .route("/units/{code}", get(get_unit).patch(update_unit))
        .route("/units/{code}/history", get(unit_history))
        .route("/countries", get(list_countries))
        .route("/countries/{code}", get(get_country).patch(update_country))
        .route("/countries/{code}/history", get(country_history))
}

fn require_staff(user: &CurrentUser) -> Result<(), ApiError> {
    if user.actor().role.is_staff() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn require_admin(user: &CurrentUser) -> Result<(), ApiError> {
    if user.actor().is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

// ---------------------------------------------------------------- units

/// The JSON shape of a unit.
pub fn unit_json(unit: &UnitRow) -> Value {
    json!({
        "code": unit.code, "name": unit.name(), "kind": unit.kind, "active": unit.active, "version": unit.version,
        "created_at": rfc3339(unit.created_at), "updated_at": rfc3339(unit.updated_at),
    })
}

/// What a client (or the admin form) sends to create or change a unit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    pub code: Option<String>,
    pub name: Option<LocalizedText>,
    pub kind: Option<String>,
    pub active: Option<bool>,
}

impl UnitInput {
    /// The input that reproduces a stored unit.
    pub fn from_unit(unit: &UnitRow) -> UnitInput {
        UnitInput {
            code: None,
            name: Some(unit.name()),
            kind: Some(unit.kind.clone()),
            active: Some(unit.active),
        }
    }

    /// Checks every field; `creating` requires a well-formed code. Returns the
    /// upper-cased code (empty when not creating) and the fields.
    pub fn validate(&self, creating: bool) -> Result<(String, UnitFields), FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = self
            .code
            .as_deref()
            .map(|c| c.trim().to_uppercase())
            .unwrap_or_default();
        if creating {
            if code.is_empty() {
                errors.add("code", "required");
            } else if code.len() > 12
                || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                errors.add("code", "invalid_code");
            }
        }
        let name = self.name.clone().unwrap_or_default().cleaned();
        if name.is_empty() {
            errors.add("name", "required");
        } else if name.too_long(values::MAX_NAME) {
            errors.add("name", "too_long");
        }
        let kind = self
            .kind
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        if kind.is_empty() {
            errors.add("kind", "required");
        } else if !units::UNIT_KINDS.contains(&kind.as_str()) {
            errors.add("kind", "invalid_choice");
        }
        errors.into_result().map_err(|e| e.0)?;
        Ok((
            code,
            UnitFields {
                name,
                kind,
                active: self.active.unwrap_or(true),
            },
        ))
    }
}

async fn list_units(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&current)?;
    let params = Params(query);
    params.only(&["active", "kind"])?;
    let mut errors = FieldErrors::new();
    let active = params
        .get("active")
        .and_then(|a| errors.take("active", parse_bool(a)));
    let kind = params.get("kind").and_then(|k| {
        errors.take(
            "kind",
            units::UNIT_KINDS
                .contains(&k)
                .then_some(k)
                .ok_or("invalid_choice"),
        )
    });
    errors.into_result()?;
    let items: Vec<Value> = units::list_units(&state.db)
        .await?
        .iter()
        .filter(|u| active.is_none_or(|a| u.active == a))
        .filter(|u| kind.is_none_or(|k| u.kind == k))
        .map(unit_json)
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

/// A unit by the code of a path (codes are upper case).
pub async fn find_unit(db: &Db, code: &str) -> Result<Option<UnitRow>, StoreError> {
    units::find_unit(db, &code.trim().to_uppercase()).await
}

async fn get_unit(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    require_staff(&current)?;
    let unit = find_unit(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(unit_json(&unit)).into_response())
}

/// Creates a unit unless its code is taken.
pub async fn insert_unit(
    db: &Db,
    actor: uuid::Uuid,
    code: &str,
    fields: &UnitFields,
) -> Result<UnitRow, StoreError> {
    if units::find_unit(db, code).await?.is_some() {
        return Err(StoreError::Duplicate { field: "code" });
    }
    units::save_unit(db, Some(actor), code, None, fields).await
}

async fn create_unit(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let object = json_object(&headers, &body)?;
    let input: UnitInput = parse_input(Value::Object(object))?;
    let (code, fields) = input.validate(true).map_err(|e| ApiError::validation(&e))?;
    let unit = insert_unit(&state.db, current.user.id, &code, &fields).await?;
    Ok((
        StatusCode::CREATED,
        [("location", format!("/api/v1/units/{}", unit.code))],
        axum::Json(unit_json(&unit)),
    )
        .into_response())
}

async fn update_unit(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let unit = find_unit(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in ["created_at", "updated_at"] {
        patch.remove(key);
    }
    match patch.remove("code") {
        Some(Value::String(c)) if c.trim().eq_ignore_ascii_case(&unit.code) => {}
        Some(_) => return Err(ApiError::field("code", "read_only")),
        None => {}
    }
    if version != unit.version {
        return Err(ApiError::version_conflict(unit_json(&unit)));
    }
    let base =
        serde_json::to_value(UnitInput::from_unit(&unit)).map_err(|e| ApiError::internal(&e))?;
    let input: UnitInput = parse_input(overlay(base, patch))?;
    let (_, fields) = input
        .validate(false)
        .map_err(|e| ApiError::validation(&e))?;
    match units::save_unit(
        &state.db,
        Some(current.user.id),
        &unit.code,
        Some(version),
        &fields,
    )
    .await
    {
        Ok(saved) => Ok(axum::Json(unit_json(&saved)).into_response()),
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = units::find_unit(&state.db, &unit.code)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(unit_json(&fresh)))
        }
        Err(other) => Err(other.into()),
    }
}

async fn unit_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let unit = find_unit(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let events = audit::history(&state.db, "unit", &[unit.code], 500).await?;
    Ok(axum::Json(super::history_json(&events)).into_response())
}

// ------------------------------------------------------------ countries

/// The JSON shape of a country.
pub fn country_json(country: &CountryRow) -> Value {
    json!({
        "code": country.code, "iso3": country.iso3, "name": country.name(), "oic_member": country.oic_member,
        "membership": country.membership, "membership_since": country.membership_since,
        "membership_verified": country.membership_verified, "version": country.version,
        "updated_at": rfc3339(country.updated_at),
    })
}

/// Filters of the country list.
#[derive(Debug, Clone, Default)]
pub struct CountryFilter {
    pub membership: Option<String>,
    pub verified: Option<bool>,
    pub q: Option<String>,
}

/// The query parameters of the country list.
pub const COUNTRY_PARAMS: [&str; 3] = ["membership", "verified", "q"];

/// Parses the country list's parameters; every bad value is reported on its field.
pub fn parse_country_filter(params: &Params) -> Result<CountryFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let membership = params.get("membership").and_then(|m| {
        errors.take(
            "membership",
            countries::MEMBERSHIPS
                .contains(&m)
                .then(|| m.to_string())
                .ok_or("invalid_choice"),
        )
    });
    let verified = params
        .get("verified")
        .and_then(|v| errors.take("verified", parse_bool(v)));
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    errors.into_result().map_err(|e| e.0)?;
    Ok(CountryFilter {
        membership,
        verified,
        q,
    })
}

/// The countries matching a filter; `q` matches the three names and the codes,
/// normalized (case, accents, Arabic letter forms do not matter).
pub async fn filtered_countries(
    db: &Db,
    filter: &CountryFilter,
) -> Result<Vec<CountryRow>, StoreError> {
    let rows = countries::list_countries(db, filter.membership.as_deref()).await?;
    let terms = filter
        .q
        .as_deref()
        .map(accord_domain::search::terms)
        .unwrap_or_default();
    Ok(rows
        .into_iter()
        .filter(|c| filter.verified.is_none_or(|v| c.membership_verified == v))
        .filter(|c| {
            if terms.is_empty() {
                return true;
            }
            let text = accord_domain::search::normalize(&format!(
                "{} {} {} {} {}",
                c.name_ar, c.name_en, c.name_fr, c.code, c.iso3
            ));
            terms.iter().all(|t| text.contains(t.as_str()))
        })
        .collect())
}

/// The JSON shape of one membership change, with the name of who made it.
pub fn change_json(change: &MembershipChange, names: &HashMap<String, String>) -> Value {
    json!({
        "membership": change.membership, "since": change.since, "verified": change.verified, "note": change.note,
        "changed_by": change.changed_by,
        "changed_by_name": change.changed_by.as_ref().and_then(|id| names.get(id)),
        "changed_at": rfc3339(change.changed_at),
    })
}

/// The names of the users who made changes, by id.
pub async fn changer_names(
    db: &Db,
    changes: &[MembershipChange],
) -> Result<HashMap<String, String>, StoreError> {
    let mut names = HashMap::new();
    for id in changes.iter().filter_map(|c| c.changed_by.as_ref()) {
        if names.contains_key(id) {
            continue;
        }
        if let Ok(uuid) = uuid::Uuid::parse_str(id)
            && let Some(user) = users::find_user(db, uuid).await?
        {
            names.insert(id.clone(), user.name);
        }
    }
    Ok(names)
}

async fn country_detail(db: &Db, country: &CountryRow) -> Result<Value, StoreError> {
    let history = countries::membership_history(db, &country.code).await?;
    let names = changer_names(db, &history).await?;
    let mut body = country_json(country);
    if let Some(map) = body.as_object_mut() {
        map.insert(
            "history".into(),
            Value::Array(history.iter().map(|c| change_json(c, &names)).collect()),
        );
    }
    Ok(body)
}

async fn list_countries(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_staff(&current)?;
    let params = Params(query);
    params.only(&COUNTRY_PARAMS)?;
    let filter = parse_country_filter(&params).map_err(|e| ApiError::validation(&e))?;
    let items: Vec<Value> = filtered_countries(&state.db, &filter)
        .await?
        .iter()
        .map(country_json)
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

/// A country by the code of a path.
pub async fn find_country(db: &Db, code: &str) -> Result<Option<CountryRow>, StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() != 2 {
        return Ok(None);
    }
    countries::find_country(db, &code).await
}

async fn get_country(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    require_staff(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(country_detail(&state.db, &country).await?).into_response())
}

/// What a client (or the admin form) sends to change a country's membership.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipInput {
    pub membership: Option<String>,
    pub membership_since: Option<String>,
    pub verified: Option<bool>,
    pub note: Option<String>,
}

impl MembershipInput {
    /// The input that reproduces a country's current membership.
    pub fn from_country(country: &CountryRow) -> MembershipInput {
        MembershipInput {
            membership: Some(country.membership.clone()),
            membership_since: country.membership_since.clone(),
            verified: Some(country.membership_verified),
            note: None,
        }
    }

    /// Checks every field.
    pub fn validate(&self) -> Result<MembershipUpdate, FieldErrors> {
        let mut errors = FieldErrors::new();
        let membership = self
            .membership
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        if membership.is_empty() {
            errors.add("membership", "required");
        } else if !countries::MEMBERSHIPS.contains(&membership.as_str()) {
            errors.add("membership", "invalid_choice");
        }
        let since = match self
            .membership_since
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(text) => errors.take(
                "membership_since",
                values::date(text).map(values::format_date),
            ),
        };
        let note = errors
            .take(
                "note",
                values::optional_text(self.note.clone(), values::MAX_TEXT),
            )
            .flatten();
        errors.into_result().map_err(|e| e.0)?;
        Ok(MembershipUpdate {
            membership,
            since,
            verified: self.verified.unwrap_or(false),
            note,
        })
    }
}

async fn update_country(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    if version != country.version {
        return Err(ApiError::version_conflict(country_json(&country)));
    }
    let base = serde_json::to_value(MembershipInput::from_country(&country))
        .map_err(|e| ApiError::internal(&e))?;
    let input: MembershipInput = parse_input(overlay(base, patch))?;
    let update = input.validate().map_err(|e| ApiError::validation(&e))?;
    match countries::update_membership(
        &state.db,
        Some(current.user.id),
        &country.code,
        Some(version),
        &update,
    )
    .await
    {
        Ok(saved) => Ok(axum::Json(country_detail(&state.db, &saved).await?).into_response()),
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = countries::find_country(&state.db, &country.code)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(country_json(&fresh)))
        }
        Err(other) => Err(other.into()),
    }
}

async fn country_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let events = audit::history(&state.db, "country", &[country.code], 500).await?;
    Ok(axum::Json(super::history_json(&events)).into_response())
}
