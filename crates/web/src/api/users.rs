//! `/api/v1/me` (who is calling) and `/api/v1/users` (the administration of
//! user accounts, admin only). Password hashes never leave the store.

use super::{Params, expected_version, json_object, overlay, parse_input};
use crate::AppState;
use crate::auth::{self, ApiUser, CurrentUser};
use crate::error::ApiError;
use accord_domain::{FieldErrors, Lang, Role, values};
use accord_store::users::{self, User, UserFields};
use accord_store::{Db, StoreError, audit, partners, rfc3339, units};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}", get(get_user).patch(update_user))
        .route("/users/{id}/history", get(user_history))
}

/// The JSON shape of a user (never the password hash).
pub fn user_json(user: &User) -> Value {
    json!({
        "id": user.id, "version": user.version, "email": user.email, "name": user.name,
        "role": user.role.as_str(), "unit": user.unit, "organization_id": user.organization_id,
        "lang": user.lang.map(Lang::code), "disabled": user.disabled,
        "created_at": rfc3339(user.created_at), "updated_at": rfc3339(user.updated_at),
    })
}

/// What a client (or the admin form) sends to create or change a user.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub unit: Option<String>,
    pub organization_id: Option<String>,
    pub lang: Option<String>,
    pub disabled: Option<bool>,
    pub password: Option<String>,
}

/// A validated user input: the fields to store and the new password, if any.
#[derive(Debug, Clone)]
pub struct ValidUser {
    pub fields: UserFields,
    pub password: Option<String>,
}

impl UserInput {
    /// The input that reproduces a stored user (the base a patch is laid over).
    pub fn from_user(user: &User) -> UserInput {
        UserInput {
            email: Some(user.email.clone()),
            name: Some(user.name.clone()),
            role: Some(user.role.as_str().to_string()),
            unit: user.unit.clone(),
            organization_id: user.organization_id.map(|o| o.to_string()),
            lang: user.lang.map(|l| l.code().to_string()),
            disabled: Some(user.disabled),
            password: None,
        }
    }

    /// Checks every field; reports all bad fields at once. `creating` makes the
    /// password required; `editing_self` refuses an admin locking themselves out.
    pub async fn validate(
        &self,
        db: &Db,
        creating: bool,
        editing_self: bool,
    ) -> Result<Result<ValidUser, FieldErrors>, StoreError> {
        let mut errors = FieldErrors::new();
        let email = match trimmed(&self.email) {
            None => {
                errors.add("email", "required");
                None
            }
            Some(e) => errors.take("email", values::email(e).map(|e| e.to_lowercase())),
        };
        let name = match trimmed(&self.name) {
            None => {
                errors.add("name", "required");
                None
            }
            Some(n) if n.chars().count() > values::MAX_NAME => {
                errors.add("name", "too_long");
                None
            }
            Some(n) => Some(n.to_string()),
        };
        let role = match trimmed(&self.role) {
            None => {
                errors.add("role", "required");
                None
            }
            Some(r) => errors.take("role", Role::parse(r)),
        };
        let unit = trimmed(&self.unit).map(str::to_uppercase);
        if let Some(code) = &unit
            && units::find_unit(db, code).await?.is_none()
        {
            errors.add("unit", "unknown_unit");
        }
        if unit.is_none() && role.is_some_and(Role::needs_unit) {
            errors.add("unit", "required");
        }
        let organization_id = match trimmed(&self.organization_id) {
            None => None,
            Some(text) => errors.take(
                "organization_id",
                Uuid::parse_str(text).map_err(|_| "invalid_id"),
            ),
        };
        match (role, organization_id) {
            (Some(Role::Partner), None) if trimmed(&self.organization_id).is_none() => {
                errors.add("organization_id", "required")
            }
            (Some(Role::Partner), Some(org)) => {
                let found = partners::find_partner(db, org).await?;
                if found.is_none_or(|p| p.merged_into.is_some()) {
                    errors.add("organization_id", "unknown_partner");
                }
            }
            (Some(_), Some(_)) => errors.add("organization_id", "only_for_partners"),
            _ => {}
        }
        let lang = match trimmed(&self.lang) {
            None => None,
            Some(code) => errors.take(
                "lang",
                Lang::ALL
                    .into_iter()
                    .find(|l| l.code() == code)
                    .ok_or("invalid_choice"),
            ),
        };
        let disabled = self.disabled.unwrap_or(false);
        if editing_self && disabled {
            errors.add("disabled", "cannot_lock_out_self");
        }
        if editing_self && role.is_some_and(|r| r != Role::Admin) {
            errors.add("role", "cannot_lock_out_self");
        }
        let password = match &self.password {
            None if creating => {
                errors.add("password", "required");
                None
            }
            None => None,
            Some(p) => errors.take("password", auth::check_new_password(p).map(|()| p.clone())),
        };
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        match (email, name, role) {
            (Some(email), Some(name), Some(role)) => Ok(Ok(ValidUser {
                fields: UserFields {
                    email,
                    name,
                    role,
                    unit,
                    organization_id,
                    lang,
                    disabled,
                },
                password,
            })),
            _ => Ok(Err(errors)),
        }
    }
}

fn trimmed(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// True when stored fields already hold these values.
pub fn same_fields(user: &User, fields: &UserFields) -> bool {
    user.email == fields.email
        && user.name == fields.name.trim()
        && user.role == fields.role
        && user.unit == fields.unit
        && user.organization_id == fields.organization_id
        && user.lang == fields.lang
        && user.disabled == fields.disabled
}

fn require_admin(user: &CurrentUser) -> Result<(), ApiError> {
    if user.actor().is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::not_found())
}

async fn hash(password: String) -> Result<String, ApiError> {
    auth::hash_password(password)
        .await
        .map_err(|e| ApiError::internal(&e))
}

async fn me(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
) -> Result<Response, ApiError> {
    let user = &current.user;
    let calendar_url = accord_store::notifications::calendar_token(&state.db, user.id)
        .await?
        .map(|token| crate::ui::notifications::calendar_url(&state.config.base_url, &token));
    Ok(axum::Json(json!({
        "id": user.id, "email": user.email, "name": user.name, "role": user.role.as_str(),
        "unit": user.unit, "organization_id": user.organization_id, "lang": user.lang.map(Lang::code),
        "calendar_url": calendar_url,
    }))
    .into_response())
}

async fn list_users(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let params = Params(query);
    params.only(&["q", "role", "unit", "disabled"])?;
    let mut errors = FieldErrors::new();
    let role = params
        .get("role")
        .and_then(|r| errors.take("role", Role::parse(r)));
    let unit = params.get("unit").map(str::to_uppercase);
    let disabled = params
        .get("disabled")
        .and_then(|d| errors.take("disabled", parse_bool(d)));
    let q = params
        .get("q")
        .map(accord_domain::search::terms)
        .unwrap_or_default();
    errors.into_result()?;
    let items: Vec<Value> = users::list_users(&state.db)
        .await?
        .iter()
        .filter(|u| role.is_none_or(|r| u.role == r))
        .filter(|u| unit.is_none() || u.unit == unit)
        .filter(|u| disabled.is_none_or(|d| u.disabled == d))
        .filter(|u| {
            let text = accord_domain::search::normalize(&format!("{} {}", u.name, u.email));
            q.iter().all(|term| text.contains(term.as_str()))
        })
        .map(user_json)
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

/// Parses `true` or `false`.
pub fn parse_bool(text: &str) -> Result<bool, &'static str> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("invalid_choice"),
    }
}

async fn get_user(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let user = users::find_user(&state.db, parse_id(&id)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(user_json(&user)).into_response())
}

async fn create_user(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let object = json_object(&headers, &body)?;
    let input: UserInput = parse_input(Value::Object(object))?;
    let valid = input
        .validate(&state.db, true, false)
        .await?
        .map_err(|e| ApiError::validation(&e))?;
    let password_hash = match valid.password {
        Some(password) => Some(hash(password).await?),
        None => None,
    };
    let user = users::insert_user(
        &state.db,
        Some(current.user.id),
        &valid.fields,
        password_hash.as_deref(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        [("location", format!("/api/v1/users/{}", user.id))],
        axum::Json(user_json(&user)),
    )
        .into_response())
}

async fn update_user(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let user = users::find_user(&state.db, parse_id(&id)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in ["id", "created_at", "updated_at"] {
        patch.remove(key);
    }
    if version != user.version {
        return Err(ApiError::version_conflict(user_json(&user)));
    }
    let base =
        serde_json::to_value(UserInput::from_user(&user)).map_err(|e| ApiError::internal(&e))?;
    let input: UserInput = parse_input(overlay(base, patch))?;
    let editing_self = user.id == current.user.id;
    let valid = input
        .validate(&state.db, false, editing_self)
        .await?
        .map_err(|e| ApiError::validation(&e))?;
    if !same_fields(&user, &valid.fields) {
        match users::update_user(
            &state.db,
            Some(current.user.id),
            user.id,
            version,
            &valid.fields,
        )
        .await
        {
            Ok(_) => {}
            Err(StoreError::VersionConflict { .. }) => {
                let fresh = users::find_user(&state.db, user.id)
                    .await?
                    .ok_or_else(ApiError::not_found)?;
                return Err(ApiError::version_conflict(user_json(&fresh)));
            }
            Err(other) => return Err(other.into()),
        }
    }
    if let Some(password) = valid.password {
        let password_hash = hash(password).await?;
        users::set_password(&state.db, Some(current.user.id), user.id, &password_hash).await?;
    }
    let fresh = users::find_user(&state.db, user.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(user_json(&fresh)).into_response())
}

async fn user_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    require_admin(&current)?;
    let user = users::find_user(&state.db, parse_id(&id)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let events = audit::history(&state.db, "user", &[user.id.to_string()], 500).await?;
    Ok(axum::Json(super::history_json(&events)).into_response())
}
