//! `/api/v1/me` (who is calling, and their calendar feed) and `/api/v1/users`
//! (the administration of user accounts, admin only). Password hashes never
//! leave the store. Each operation is documented on its handler and listed
//! once in [`router`].

use super::doc::{
    CreateErrors, IfMatch, LangSchema, ListErrors, ReadErrors, RoleSchema, SignedInErrors,
    UpdateErrors,
};
use super::history::{HistoryPage, record_history};
use super::query::{ApiQuery, given, order, paginate, sort, window};
use super::{expected_version, json_object, overlay, parse_input};
use crate::AppState;
use crate::auth::{self, ApiUser, CurrentUser};
use crate::error::ApiError;
use accord_domain::{FieldErrors, Lang, Role, values};
use accord_store::users::{self, User, UserFields};
use accord_store::{Db, StoreError, notifications, partners, rfc3339, units};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// Routes of this module, with their part of the OpenAPI document.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(reset_calendar_token))
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
        .routes(routes!(user_history))
}

/// An account of Accord (never its password hash).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = User)]
pub struct UserView {
    /// The user's id.
    pub id: Uuid,
    /// Grows by one with each change.
    pub version: i64,
    /// The address the user logs in with; unique.
    #[schema(format = Email)]
    pub email: String,
    /// The user's name.
    #[schema(max_length = 300)]
    pub name: String,
    /// What the user may do.
    #[schema(value_type = RoleSchema)]
    pub role: &'static str,
    /// The code of the user's unit; required for `technical` users.
    pub unit: Option<String>,
    /// The partner a `partner` user belongs to; required for them.
    pub organization_id: Option<Uuid>,
    /// The user's language, if they chose one.
    #[schema(value_type = Option<LangSchema>)]
    pub lang: Option<&'static str>,
    /// True when the account may no longer log in or use its tokens.
    pub disabled: bool,
    /// When the account was created (UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When the account last changed (UTC).
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl UserView {
    /// The API shape of a stored user.
    pub fn from_user(user: &User) -> UserView {
        UserView {
            id: user.id,
            version: user.version,
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role.as_str(),
            unit: user.unit.clone(),
            organization_id: user.organization_id,
            lang: user.lang.map(Lang::code),
            disabled: user.disabled,
            created_at: rfc3339(user.created_at),
            updated_at: rfc3339(user.updated_at),
        }
    }
}

/// A user as the `current` detail of a version conflict.
fn current_user(user: &User) -> Value {
    serde_json::to_value(UserView::from_user(user)).unwrap_or(Value::Null)
}

crate::api_page!(
    /// The users (one page unless `limit` is given).
    UserPage,
    UserView
);

/// A new account.
// The admin form sends the same fields; `None` is how a missing one reaches
// `validate`, which reports it as `required`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    /// The address the user logs in with; unique.
    #[schema(value_type = String, format = Email)]
    pub email: Option<String>,
    /// The user's name.
    #[schema(value_type = String, max_length = 300)]
    pub name: Option<String>,
    /// What the user may do.
    #[schema(value_type = RoleSchema)]
    pub role: Option<String>,
    /// The code of the user's unit; required for `technical` users.
    pub unit: Option<String>,
    /// The partner a `partner` user belongs to; required for them.
    #[schema(format = Uuid)]
    pub organization_id: Option<String>,
    /// The user's language.
    #[schema(value_type = Option<LangSchema>)]
    pub lang: Option<String>,
    /// True to create the account disabled.
    pub disabled: Option<bool>,
    /// The initial password, at least 10 characters.
    #[schema(value_type = String, min_length = 10, max_length = 200, write_only)]
    pub password: Option<String>,
}

/// The fields to change, and the version last seen.
// The handler reads the body as a `UserInput` laid over the stored user,
// after `version` is taken; this type documents that body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// The address the user logs in with; unique.
    #[schema(format = Email)]
    pub email: Option<String>,
    /// The user's name.
    #[schema(max_length = 300)]
    pub name: Option<String>,
    /// What the user may do.
    #[schema(value_type = Option<RoleSchema>)]
    pub role: Option<String>,
    /// The code of the user's unit; required for `technical` users.
    pub unit: Option<String>,
    /// The partner a `partner` user belongs to; required for them.
    #[schema(format = Uuid)]
    pub organization_id: Option<String>,
    /// The user's language.
    #[schema(value_type = Option<LangSchema>)]
    pub lang: Option<String>,
    /// True to stop the account from logging in and using its tokens.
    pub disabled: Option<bool>,
    /// A new password, at least 10 characters.
    #[schema(min_length = 10, max_length = 200, write_only)]
    pub password: Option<String>,
    /// The version last seen (or send `If-Match`).
    pub version: i64,
}

/// The signed-in user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Me {
    /// The user's id.
    pub id: Uuid,
    /// The user's e-mail address.
    #[schema(format = Email)]
    pub email: String,
    /// The user's name.
    pub name: String,
    /// What the user may do.
    #[schema(value_type = RoleSchema)]
    pub role: &'static str,
    /// The code of the user's unit.
    pub unit: Option<String>,
    /// The partner a `partner` user belongs to.
    pub organization_id: Option<Uuid>,
    /// The user's language, if they chose one.
    #[schema(value_type = Option<LangSchema>)]
    pub lang: Option<&'static str>,
    /// The user's iCalendar feed (RFC 5545) of review due dates, entries into force, expiries, notice deadlines and follow-ups; made on first need. Keep it secret: it works without a log-in. `POST /me/calendar-token` replaces it.
    pub calendar_url: String,
}

/// An empty JSON object: the body of an operation that needs none.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct EmptyBody {}

/// The address of the caller's calendar feed, after a reset.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarLink {
    /// The new iCalendar feed address; the previous one no longer works.
    pub calendar_url: String,
}

/// The parameters of the user list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Words of the name or e-mail address; case and accents do not matter.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only users with this role.
    #[param(value_type = Option<RoleSchema>)]
    pub role: Option<String>,
    /// Only users of this unit (its code).
    pub unit: Option<String>,
    /// Only disabled (`true`) or only enabled (`false`) accounts.
    #[param(value_type = Option<bool>)]
    pub disabled: Option<String>,
    /// How many items a page holds (1 to 200); without it, every user.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// Where the page starts: the `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The order: `name` (default), `email` or `created_at`, or `-field` for descending.
    #[param(pattern = "^-?(name|email|created_at)$")]
    pub sort: Option<String>,
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

/// Who am I
///
/// The user the credentials belong to: role, unit, language, and the address of their personal iCalendar feed of deadlines (made on first need).
#[utoipa::path(
    get, path = "/me", operation_id = "getMe", tag = "Users",
    responses((status = 200, description = "The signed-in user.", body = Me), SignedInErrors)
)]
async fn me(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
) -> Result<Json<Me>, ApiError> {
    let user = &current.user;
    let token = notifications::ensure_calendar_token(&state.db, user.id).await?;
    Ok(Json(Me {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role.as_str(),
        unit: user.unit.clone(),
        organization_id: user.organization_id,
        lang: user.lang.map(Lang::code),
        calendar_url: crate::ui::notifications::calendar_url(&state.config.base_url, &token),
    }))
}

/// Reset my calendar link
///
/// Replaces the caller's calendar feed address with a new one (the old one stops working at once), as the profile page's reset button does; the reset is kept in the audit log.
#[utoipa::path(
    post, path = "/me/calendar-token", operation_id = "resetCalendarToken", tag = "Users",
    request_body(content = inline(EmptyBody), description = "Nothing: send `{}` or no body."),
    responses((status = 200, description = "The new feed address.", body = CalendarLink), SignedInErrors)
)]
async fn reset_calendar_token(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
) -> Result<Json<CalendarLink>, ApiError> {
    let token = notifications::reset_calendar_token(&state.db, current.user.id).await?;
    Ok(Json(CalendarLink {
        calendar_url: crate::ui::notifications::calendar_url(&state.config.base_url, &token),
    }))
}

/// List users
///
/// The accounts matching every filter, including disabled ones unless `disabled=false`. Admin only.
#[utoipa::path(
    get, path = "/users", operation_id = "listUsers", tag = "Users",
    params(UserListQuery),
    responses((status = 200, description = "The users, by name.", body = UserPage), ListErrors)
)]
async fn list_users(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    ApiQuery(query): ApiQuery<UserListQuery>,
) -> Result<Json<UserPage>, ApiError> {
    require_admin(&current)?;
    let mut errors = FieldErrors::new();
    let role = given(&query.role).and_then(|r| errors.take("role", Role::parse(r)));
    let unit = given(&query.unit).map(str::to_uppercase);
    let disabled = given(&query.disabled).and_then(|d| errors.take("disabled", parse_bool(d)));
    let q = given(&query.q)
        .map(accord_domain::search::terms)
        .unwrap_or_default();
    let window = window(&query.limit, &query.cursor, &mut errors);
    let (field, descending) = sort(
        &query.sort,
        &["name", "email", "created_at"],
        "name",
        &mut errors,
    );
    errors.into_result()?;
    let mut items: Vec<UserView> = users::list_users(&state.db)
        .await?
        .iter()
        .filter(|u| role.is_none_or(|r| u.role == r))
        .filter(|u| unit.is_none() || u.unit == unit)
        .filter(|u| disabled.is_none_or(|d| u.disabled == d))
        .filter(|u| {
            let text = accord_domain::search::normalize(&format!("{} {}", u.name, u.email));
            q.iter().all(|term| text.contains(term.as_str()))
        })
        .map(UserView::from_user)
        .collect();
    if given(&query.sort).is_some() {
        order(&mut items, descending, |a, b| match field {
            "email" => a.email.cmp(&b.email),
            "created_at" => a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)),
            _ => a.name.cmp(&b.name).then(a.id.cmp(&b.id)),
        });
    }
    let (items, total, next_cursor) = paginate(items, window);
    Ok(Json(UserPage::new(items, total, next_cursor)))
}

/// Parses `true` or `false`.
pub fn parse_bool(text: &str) -> Result<bool, &'static str> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("invalid_choice"),
    }
}

/// Read a user
///
/// One account. Admin only.
#[utoipa::path(
    get, path = "/users/{id}", operation_id = "getUser", tag = "Users",
    params(("id" = String, Path, description = "The user's id.", format = Uuid, example = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e")),
    responses((status = 200, description = "The user.", body = UserView), ReadErrors)
)]
async fn get_user(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    require_admin(&current)?;
    let user = users::find_user(&state.db, parse_id(&id)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(UserView::from_user(&user)))
}

/// Create a user
///
/// Adds an account with an initial password. A `technical` user needs a `unit`; a `partner` user needs an `organization_id`, and only they may have one. An e-mail address already taken answers `409 duplicate`. Admin only.
#[utoipa::path(
    post, path = "/users", operation_id = "createUser", tag = "Users",
    request_body(content = UserInput, description = "The new user.",
        example = json!({ "email": "focal.point@icesco.org", "name": "Karim Haddad", "role": "technical", "unit": "ED", "lang": "fr", "password": "a long passphrase" })),
    responses(
        (status = 201, description = "The new user.", body = UserView,
            headers(("Location" = String, description = "The new user's address."))),
        CreateErrors
    )
)]
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
        Json(UserView::from_user(&user)),
    )
        .into_response())
}

/// Change a user
///
/// Changes only the fields sent, given the `version` last seen (or `If-Match`): name, e-mail, role, unit, organization, language, a new password, or `disabled`. Administrators cannot disable themselves or give up their own admin role (`cannot_lock_out_self`). Admin only.
#[utoipa::path(
    patch, path = "/users/{id}", operation_id = "updateUser", tag = "Users",
    params(("id" = String, Path, description = "The user's id.", format = Uuid, example = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e"), IfMatch),
    request_body(content = UserPatch, description = "The fields to change and the version last seen.",
        example = json!({ "role": "viewer", "version": 2 })),
    responses((status = 200, description = "The user as saved.", body = UserView), UpdateErrors)
)]
async fn update_user(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<UserView>, ApiError> {
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
        return Err(ApiError::version_conflict(current_user(&user)));
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
                return Err(ApiError::version_conflict(current_user(&fresh)));
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
    Ok(Json(UserView::from_user(&fresh)))
}

/// History of a user
///
/// The audit events of the user: who changed what and when, with the state before and after. Admin only.
#[utoipa::path(
    get, path = "/users/{id}/history", operation_id = "getUserHistory", tag = "Users",
    params(("id" = String, Path, description = "The user's id.", format = Uuid, example = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e")),
    responses((status = 200, description = "The audit events, oldest first.", body = HistoryPage), ReadErrors)
)]
async fn user_history(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<HistoryPage>, ApiError> {
    require_admin(&current)?;
    let user = users::find_user(&state.db, parse_id(&id)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    record_history(&state.db, "user", &[user.id.to_string()], true).await
}
