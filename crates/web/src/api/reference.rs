//! Reference data over JSON: `/api/v1/units` (read by staff, changed by
//! admins) and `/api/v1/countries` with the organization's membership status
//! and its history (changed by admins). Each operation is documented on its
//! handler and listed once in [`router`].

use super::doc::{
    CreateErrors, IfMatch, ListErrors, LocalizedTextSchema, MembershipSchema, ReadErrors,
    UnitKindSchema, UpdateErrors,
};
use super::history::{HistoryPage, record_history};
use super::query::{ApiQuery, given, order, paginate, sort, window};
use super::users::parse_bool;
use super::{Params, expected_version, json_object, overlay, parse_input};
use crate::AppState;
use crate::auth::{ApiUser, CurrentUser};
use crate::error::ApiError;
use accord_domain::{FieldErrors, LocalizedText, values};
use accord_store::countries::{self, CountryRow, MembershipChange, MembershipUpdate};
use accord_store::units::{self, UnitFields, UnitRow};
use accord_store::{Db, StoreError, rfc3339, users};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this module, with their part of the OpenAPI document.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_units, create_unit))
        .routes(routes!(get_unit, update_unit))
        .routes(routes!(unit_history))
        .routes(routes!(list_countries))
        .routes(routes!(get_country, update_country))
        .routes(routes!(country_history))
}

/// A record as the `current` detail of a version conflict.
fn as_current(record: &impl Serialize) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
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

/// A sector, centre, department or directorate of the organization.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Unit {
    /// The unit's code, e.g. `ED`.
    #[schema(example = "ED")]
    pub code: String,
    /// The unit's name; at least one language.
    #[schema(value_type = LocalizedTextSchema)]
    pub name: LocalizedText,
    /// What sort of unit.
    #[schema(value_type = UnitKindSchema)]
    pub kind: String,
    /// False for a unit that no longer exists; kept for the records that name it.
    pub active: bool,
    /// Grows by one with each change.
    pub version: i64,
    /// When the unit was created (UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When the unit last changed (UTC).
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl Unit {
    /// The API shape of a stored unit.
    pub fn from_row(unit: &UnitRow) -> Unit {
        Unit {
            code: unit.code.clone(),
            name: unit.name(),
            kind: unit.kind.clone(),
            active: unit.active,
            version: unit.version,
            created_at: rfc3339(unit.created_at),
            updated_at: rfc3339(unit.updated_at),
        }
    }
}

crate::api_page!(
    /// The units (one page unless `limit` is given).
    UnitPage,
    Unit
);

/// A new unit.
// The admin form sends the same fields; `None` is how a missing one reaches
// `validate`, which reports it as `required`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    /// Letters, digits and dashes, at most 12; never changes.
    #[schema(value_type = String, pattern = "^[A-Za-z0-9-]{1,12}$")]
    pub code: Option<String>,
    /// The unit's name; at least one language.
    #[schema(value_type = LocalizedTextSchema)]
    pub name: Option<LocalizedText>,
    /// What sort of unit.
    #[schema(value_type = UnitKindSchema)]
    pub kind: Option<String>,
    /// False for a unit that no longer exists (true when not given).
    pub active: Option<bool>,
}

/// The fields to change, and the version last seen.
// The handler reads the body as a `UnitInput` laid over the stored unit,
// after `version` is taken; this type documents that body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitPatch {
    /// The unit's name; at least one language.
    #[schema(value_type = Option<LocalizedTextSchema>)]
    pub name: Option<LocalizedText>,
    /// What sort of unit.
    #[schema(value_type = Option<UnitKindSchema>)]
    pub kind: Option<String>,
    /// False for a unit that no longer exists.
    pub active: Option<bool>,
    /// The version last seen (or send `If-Match`).
    pub version: i64,
}

/// The parameters of the unit list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListQuery {
    /// Only active (`true`) or only former (`false`) units.
    #[param(value_type = Option<bool>)]
    pub active: Option<String>,
    /// Only units of this kind.
    #[param(value_type = Option<UnitKindSchema>)]
    pub kind: Option<String>,
    /// Words of the code or of a name; case and accents do not matter.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// How many items a page holds (1 to 200); without it, every unit.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// Where the page starts: the `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The order: `code` (default), `name` or `kind`, or `-field` for descending.
    #[param(pattern = "^-?(code|name|kind)$")]
    pub sort: Option<String>,
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

/// List units
///
/// The organization's sectors, centres, departments and directorates, by code. Staff only.
#[utoipa::path(
    get, path = "/units", operation_id = "listUnits", tag = "Reference data",
    params(UnitListQuery),
    responses((status = 200, description = "The units, by code.", body = UnitPage), ListErrors)
)]
async fn list_units(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    ApiQuery(query): ApiQuery<UnitListQuery>,
) -> Result<Json<UnitPage>, ApiError> {
    require_staff(&current)?;
    let mut errors = FieldErrors::new();
    let active = given(&query.active).and_then(|a| errors.take("active", parse_bool(a)));
    let kind = given(&query.kind).and_then(|k| {
        errors.take(
            "kind",
            units::UNIT_KINDS
                .contains(&k)
                .then_some(k)
                .ok_or("invalid_choice"),
        )
    });
    let terms = given(&query.q)
        .map(accord_domain::search::terms)
        .unwrap_or_default();
    let window = window(&query.limit, &query.cursor, &mut errors);
    let (field, descending) = sort(&query.sort, &["code", "name", "kind"], "code", &mut errors);
    errors.into_result()?;
    let mut items: Vec<Unit> = units::list_units(&state.db)
        .await?
        .iter()
        .filter(|u| active.is_none_or(|a| u.active == a))
        .filter(|u| kind.is_none_or(|k| u.kind == k))
        .filter(|u| {
            let name = u.name();
            let text = accord_domain::search::normalize(&format!(
                "{} {} {} {}",
                u.code,
                name.ar.unwrap_or_default(),
                name.en.unwrap_or_default(),
                name.fr.unwrap_or_default()
            ));
            terms.iter().all(|t| text.contains(t.as_str()))
        })
        .map(Unit::from_row)
        .collect();
    order(&mut items, descending, |a, b| match field {
        "name" => a.name.en.cmp(&b.name.en).then(a.code.cmp(&b.code)),
        "kind" => a.kind.cmp(&b.kind).then(a.code.cmp(&b.code)),
        _ => a.code.cmp(&b.code),
    });
    let (items, total, next_cursor) = paginate(items, window);
    Ok(Json(UnitPage::new(items, total, next_cursor)))
}

/// A unit by the code of a path (codes are upper case).
pub async fn find_unit(db: &Db, code: &str) -> Result<Option<UnitRow>, StoreError> {
    units::find_unit(db, &code.trim().to_uppercase()).await
}

/// Read a unit
///
/// One unit by its code (any case). Staff only.
#[utoipa::path(
    get, path = "/units/{code}", operation_id = "getUnit", tag = "Reference data",
    params(("code" = String, Path, description = "The unit's code.", example = "ED", pattern = "^[A-Za-z0-9-]{1,12}$")),
    responses((status = 200, description = "The unit.", body = Unit), ReadErrors)
)]
async fn get_unit(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Json<Unit>, ApiError> {
    require_staff(&current)?;
    let unit = find_unit(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(Unit::from_row(&unit)))
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

/// Create a unit
///
/// Adds a unit. A code already taken answers `409 duplicate`. Admin only.
#[utoipa::path(
    post, path = "/units", operation_id = "createUnit", tag = "Reference data",
    request_body(content = UnitInput, description = "The new unit.",
        example = json!({ "code": "ED", "name": { "en": "Education Sector", "fr": "Secteur de l’éducation" }, "kind": "sector" })),
    responses(
        (status = 201, description = "The new unit.", body = Unit,
            headers(("Location" = String, description = "The new unit's address."))),
        CreateErrors
    )
)]
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
        Json(Unit::from_row(&unit)),
    )
        .into_response())
}

/// Change a unit
///
/// Renames, re-kinds, deactivates or reactivates a unit, given the `version` last seen (or `If-Match`). The code never changes (`code: read_only`). Admin only.
#[utoipa::path(
    patch, path = "/units/{code}", operation_id = "updateUnit", tag = "Reference data",
    params(("code" = String, Path, description = "The unit's code.", example = "ED", pattern = "^[A-Za-z0-9-]{1,12}$"), IfMatch),
    request_body(content = UnitPatch, description = "The fields to change and the version last seen.",
        example = json!({ "active": false, "version": 1 })),
    responses((status = 200, description = "The unit as saved.", body = Unit), UpdateErrors)
)]
async fn update_unit(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Unit>, ApiError> {
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
        return Err(ApiError::version_conflict(as_current(&Unit::from_row(
            &unit,
        ))));
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
        Ok(saved) => Ok(Json(Unit::from_row(&saved))),
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = units::find_unit(&state.db, &unit.code)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(as_current(&Unit::from_row(
                &fresh,
            ))))
        }
        Err(other) => Err(other.into()),
    }
}

/// History of a unit
///
/// The audit events of the unit: who changed what and when, with the state before and after. Admin only.
#[utoipa::path(
    get, path = "/units/{code}/history", operation_id = "getUnitHistory", tag = "Reference data",
    params(("code" = String, Path, description = "The unit's code.", example = "ED", pattern = "^[A-Za-z0-9-]{1,12}$")),
    responses((status = 200, description = "The audit events, oldest first.", body = HistoryPage), ReadErrors)
)]
async fn unit_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Json<HistoryPage>, ApiError> {
    require_admin(&current)?;
    let unit = find_unit(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    record_history(&state.db, "unit", &[unit.code], true).await
}

// ------------------------------------------------------------ countries

/// A country and its membership status in the organization.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    #[schema(pattern = "^[A-Z]{2}$", example = "MA")]
    pub code: String,
    /// ISO 3166-1 alpha-3 code.
    #[schema(pattern = "^[A-Z]{3}$", example = "MAR")]
    pub iso3: String,
    /// The country's name in the three languages.
    #[schema(value_type = LocalizedTextSchema)]
    pub name: LocalizedText,
    /// True for members of the Organisation of Islamic Cooperation.
    pub oic_member: bool,
    /// The current membership status.
    #[schema(value_type = MembershipSchema)]
    pub membership: String,
    /// Since when the current status holds.
    #[schema(format = Date)]
    pub membership_since: Option<String>,
    /// False while the status comes from the shipped list and nobody has checked it.
    pub membership_verified: bool,
    /// Grows by one with each change.
    pub version: i64,
    /// When the country last changed (UTC).
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// Every change of status, newest first (only in the answer about one country).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Vec<MembershipChangeView>, required = false)]
    pub history: Option<Vec<MembershipChangeView>>,
}

impl Country {
    /// The API shape of a stored country, without its history.
    pub fn from_row(country: &CountryRow) -> Country {
        Country {
            code: country.code.clone(),
            iso3: country.iso3.clone(),
            name: country.name(),
            oic_member: country.oic_member,
            membership: country.membership.clone(),
            membership_since: country.membership_since.clone(),
            membership_verified: country.membership_verified,
            version: country.version,
            updated_at: rfc3339(country.updated_at),
            history: None,
        }
    }
}

crate::api_page!(
    /// The countries (one page unless `limit` is given).
    CountryPage,
    Country
);

/// One change of a country's membership status.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MembershipChange)]
pub struct MembershipChangeView {
    /// The status from then on.
    #[schema(value_type = MembershipSchema)]
    pub membership: String,
    /// From when the status holds.
    #[schema(format = Date)]
    pub since: Option<String>,
    /// Whether the change was checked against a source.
    pub verified: bool,
    /// The source or reason.
    pub note: Option<String>,
    /// The id of the user who recorded the change.
    pub changed_by: Option<String>,
    /// Their name.
    pub changed_by_name: Option<String>,
    /// When the change was recorded (UTC).
    #[schema(format = DateTime)]
    pub changed_at: String,
}

/// The parameters of the country list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountryListQuery {
    /// Only those of countries with this membership status.
    #[param(value_type = Option<MembershipSchema>)]
    pub membership: Option<String>,
    /// Only countries whose membership status was checked (`true`) or not yet (`false`).
    #[param(value_type = Option<bool>)]
    pub verified: Option<String>,
    /// Full-text search of the three names and the codes, at most 200 characters; case, accents and Arabic diacritics do not matter.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// How many items a page holds (1 to 200); without it, every country.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// Where the page starts: the `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The order: `name` (English name, default) or `code`, or `-field` for descending.
    #[param(pattern = "^-?(name|code)$")]
    pub sort: Option<String>,
}

impl CountryListQuery {
    /// The filter parameters, as the country pages read them.
    fn filter_params(&self) -> Params {
        let mut map = HashMap::new();
        for (key, value) in [
            ("membership", &self.membership),
            ("verified", &self.verified),
            ("q", &self.q),
        ] {
            if let Some(value) = value {
                map.insert(key.to_string(), value.clone());
            }
        }
        Params(map)
    }
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

/// The API shape of one membership change, with the name of who made it.
pub fn change_view(
    change: &MembershipChange,
    names: &HashMap<String, String>,
) -> MembershipChangeView {
    MembershipChangeView {
        membership: change.membership.clone(),
        since: change.since.clone(),
        verified: change.verified,
        note: change.note.clone(),
        changed_by: change.changed_by.clone(),
        changed_by_name: change
            .changed_by
            .as_ref()
            .and_then(|id| names.get(id))
            .cloned(),
        changed_at: rfc3339(change.changed_at),
    }
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

async fn country_detail(db: &Db, country: &CountryRow) -> Result<Country, StoreError> {
    let history = countries::membership_history(db, &country.code).await?;
    let names = changer_names(db, &history).await?;
    let mut body = Country::from_row(country);
    body.history = Some(history.iter().map(|c| change_view(c, &names)).collect());
    Ok(body)
}

/// List countries
///
/// Every ISO 3166-1 country with its membership status in the organization, by English name. `q` matches the three names and the codes. Staff only.
#[utoipa::path(
    get, path = "/countries", operation_id = "listCountries", tag = "Reference data",
    params(CountryListQuery),
    responses((status = 200, description = "The countries, by English name.", body = CountryPage), ListErrors)
)]
async fn list_countries(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    ApiQuery(query): ApiQuery<CountryListQuery>,
) -> Result<Json<CountryPage>, ApiError> {
    require_staff(&current)?;
    let filter = parse_country_filter(&query.filter_params());
    let mut errors = filter.as_ref().err().cloned().unwrap_or_default();
    let window = window(&query.limit, &query.cursor, &mut errors);
    let (field, descending) = sort(&query.sort, &["name", "code"], "name", &mut errors);
    errors.into_result()?;
    let filter = filter.map_err(|e| ApiError::validation(&e))?;
    let mut items: Vec<Country> = filtered_countries(&state.db, &filter)
        .await?
        .iter()
        .map(Country::from_row)
        .collect();
    if given(&query.sort).is_some() {
        order(&mut items, descending, |a, b| match field {
            "code" => a.code.cmp(&b.code),
            _ => a.name.en.cmp(&b.name.en).then(a.code.cmp(&b.code)),
        });
    }
    let (items, total, next_cursor) = paginate(items, window);
    Ok(Json(CountryPage::new(items, total, next_cursor)))
}

/// A country by the code of a path.
pub async fn find_country(db: &Db, code: &str) -> Result<Option<CountryRow>, StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() != 2 {
        return Ok(None);
    }
    countries::find_country(db, &code).await
}

/// Read a country
///
/// One country by its alpha-2 code (any case), with every change of its membership status in `history`, newest first. Staff only.
#[utoipa::path(
    get, path = "/countries/{code}", operation_id = "getCountry", tag = "Reference data",
    params(("code" = String, Path, description = "The country's ISO 3166-1 alpha-2 code.", example = "MA", pattern = "^[A-Za-z]{2}$")),
    responses((status = 200, description = "The country, with the history of its membership.", body = Country), ReadErrors)
)]
async fn get_country(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Json<Country>, ApiError> {
    require_staff(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(country_detail(&state.db, &country).await?))
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

/// A change of membership status, and the version last seen. Fields left out keep their value.
// The handler reads the body as a `MembershipInput` laid over the country's
// current membership, after `version` is taken; this type documents that body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CountryMembershipPatch)]
pub struct MembershipPatch {
    /// The new status.
    #[schema(value_type = Option<MembershipSchema>)]
    pub membership: Option<String>,
    /// From when the new status holds.
    #[schema(format = Date)]
    pub membership_since: Option<String>,
    /// True when checked against an official source; `false` when not given.
    pub verified: Option<bool>,
    /// The source or reason, kept in the history.
    #[schema(max_length = 5000)]
    pub note: Option<String>,
    /// The version last seen (or send `If-Match`).
    pub version: i64,
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

/// Set a country's membership
///
/// Records a change of membership status (`member`, `observer`, `non_member`) from a date, with a note on the source, given the `version` last seen (or `If-Match`); fields left out keep their value. Each change is kept in the country's membership history and in the audit log. Admin only.
#[utoipa::path(
    patch, path = "/countries/{code}", operation_id = "updateCountryMembership", tag = "Reference data",
    params(("code" = String, Path, description = "The country's ISO 3166-1 alpha-2 code.", example = "MA", pattern = "^[A-Za-z]{2}$"), IfMatch),
    request_body(content = MembershipPatch, description = "The new membership and the version last seen.",
        example = json!({ "membership": "observer", "membership_since": "2024-05-15", "verified": true, "note": "Decision of the General Conference", "version": 1 })),
    responses((status = 200, description = "The country as saved, with its membership history.", body = Country), UpdateErrors)
)]
async fn update_country(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Country>, ApiError> {
    require_admin(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    if version != country.version {
        return Err(ApiError::version_conflict(as_current(&Country::from_row(
            &country,
        ))));
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
        Ok(saved) => Ok(Json(country_detail(&state.db, &saved).await?)),
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = countries::find_country(&state.db, &country.code)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(as_current(&Country::from_row(
                &fresh,
            ))))
        }
        Err(other) => Err(other.into()),
    }
}

/// History of a country
///
/// The audit events of the country: who changed what and when, with the state before and after. Admin only.
#[utoipa::path(
    get, path = "/countries/{code}/history", operation_id = "getCountryHistory", tag = "Reference data",
    params(("code" = String, Path, description = "The country's ISO 3166-1 alpha-2 code.", example = "MA", pattern = "^[A-Za-z]{2}$")),
    responses((status = 200, description = "The audit events, oldest first.", body = HistoryPage), ReadErrors)
)]
async fn country_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(code): Path<String>,
) -> Result<Json<HistoryPage>, ApiError> {
    require_admin(&current)?;
    let country = find_country(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    record_history(&state.db, "country", &[country.code], true).await
}
