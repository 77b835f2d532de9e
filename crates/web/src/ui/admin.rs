//! Administration pages: user accounts and units, under a small
//! sub-navigation (users, units, countries). Only administrators get them;
//! everyone else gets a 403 page.

use crate::AppState;
use crate::api::reference::{UnitInput, find_unit, insert_unit};
use crate::api::users::{UserInput, ValidUser, same_fields};
use crate::auth::{self, CurrentUser, PageUser};
use crate::error::ApiError;
use crate::extract::CsrfForm;
use crate::forms::{FormErrors, localized, opt};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::components::{Choice, form_errors};
use crate::ui::history::{HistoryItem, items as history_items};
use accord_domain::{FieldErrors, Lang, Role};
use accord_store::units::{self, UNIT_KINDS, UnitRow};
use accord_store::users::{self, User};
use accord_store::{StoreError, audit, partners};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/users") }))
        .route("/admin/users", get(users_page).post(create_user))
        .route("/admin/users/new", get(new_user_page))
        .route("/admin/users/{id}", get(edit_user_page).post(update_user))
        .route("/admin/units", get(units_page).post(create_unit))
        .route("/admin/units/{code}", get(edit_unit_page).post(update_unit))
}

/// The administration sub-navigation: which section is shown, and whether
/// this is the section's own page (`aria-current="page"`) or a page under it.
#[derive(Debug, Clone, Copy)]
pub struct AdminNav {
    pub section: &'static str,
    pub on_root: bool,
}

impl AdminNav {
    /// The value of `aria-current` for a section's link.
    pub fn current(&self, section: &str) -> &'static str {
        match (self.section == section, self.on_root) {
            (true, true) => "page",
            (true, false) => "true",
            _ => "false",
        }
    }

    /// True for the section shown.
    pub fn is(&self, section: &str) -> bool {
        self.section == section
    }
}

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/admin/users".into())
}

/// The page context for an administrator, or the 403 page for anyone else.
pub(crate) fn admin_page(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Page, PageError> {
    if current.actor().is_admin() {
        Ok(Page::new(state, current, headers, "admin", here(uri)))
    } else {
        Err(PageError::forbidden())
    }
}

fn unit_choices(tr: &Tr, all: &[UnitRow], selected: &str) -> Vec<Choice> {
    all.iter()
        .filter(|u| u.active || u.code == selected)
        .map(|u| Choice {
            value: u.code.clone(),
            label: format!("{} — {}", u.code, u.name().best(tr.lang)),
            selected: u.code == selected,
        })
        .collect()
}

fn kind_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    UNIT_KINDS
        .iter()
        .map(|k| Choice {
            value: k.to_string(),
            label: tr.label("admin-unit-kind", k),
            selected: *k == selected,
        })
        .collect()
}

// ---------------------------------------------------------------- users

/// A row of the users list.
pub struct UserRowView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub unit: String,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    subnav: AdminNav,
    rows: Vec<UserRowView>,
    total: i64,
}

async fn users_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let (all, unit_rows, orgs) = {
        let all = users::list_users(&state.db).await?;
        let unit_rows = units::list_units(&state.db).await?;
        let org_ids: Vec<Uuid> = all.iter().filter_map(|u| u.organization_id).collect();
        let orgs = partners::find_partners(&state.db, &org_ids).await?;
        (all, unit_rows, orgs)
    };
    let unit_names: HashMap<&str, String> = unit_rows
        .iter()
        .map(|u| (u.code.as_str(), u.name().best(tr.lang).to_string()))
        .collect();
    let org_names: HashMap<Uuid, String> = orgs
        .iter()
        .map(|p| (p.id, p.fields.name.best(tr.lang).to_string()))
        .collect();
    let rows: Vec<UserRowView> = all
        .iter()
        .map(|u| UserRowView {
            id: u.id.to_string(),
            name: u.name.clone(),
            email: u.email.clone(),
            role: tr.label("role", u.role.as_str()),
            unit: match (&u.unit, u.organization_id) {
                (Some(code), _) => unit_names
                    .get(code.as_str())
                    .map(|n| format!("{code} — {n}"))
                    .unwrap_or_else(|| code.clone()),
                (None, Some(org)) => org_names.get(&org).cloned().unwrap_or_default(),
                (None, None) => String::new(),
            },
            disabled: u.disabled,
        })
        .collect();
    let total = rows.len() as i64;
    Ok(render(&UsersPage {
        page,
        subnav: AdminNav {
            section: "users",
            on_root: true,
        },
        rows,
        total,
    }))
}

/// The values of the user form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub version: Option<i64>,
    pub email: String,
    pub name: String,
    pub role: String,
    pub unit: String,
    pub organization_id: String,
    pub lang: String,
    pub disabled: Option<String>,
    pub password: String,
}

impl UserForm {
    fn from_user(user: &User) -> UserForm {
        UserForm {
            version: Some(user.version),
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role.as_str().into(),
            unit: user.unit.clone().unwrap_or_default(),
            organization_id: user
                .organization_id
                .map(|o| o.to_string())
                .unwrap_or_default(),
            lang: user.lang.map(|l| l.code().to_string()).unwrap_or_default(),
            disabled: user.disabled.then(|| "1".to_string()),
            password: String::new(),
        }
    }

    fn to_input(&self) -> UserInput {
        UserInput {
            email: opt(&self.email),
            name: opt(&self.name),
            role: opt(&self.role),
            unit: opt(&self.unit),
            organization_id: opt(&self.organization_id),
            lang: opt(&self.lang),
            disabled: Some(self.disabled.is_some()),
            // Passwords are taken as typed, spaces included.
            password: (!self.password.is_empty()).then(|| self.password.clone()),
        }
    }
}

const USER_LABELS: [(&str, &str); 3] = [
    ("organization_id", "admin-field-organization"),
    ("lang", "admin-field-lang"),
    ("disabled", "admin-field-disabled"),
];
const USER_ORDER: [&str; 8] = [
    "name",
    "email",
    "role",
    "unit",
    "lang",
    "organization_id",
    "disabled",
    "password",
];

fn user_errors(tr: &Tr, errors: &FieldErrors, is_new: bool) -> FormErrors {
    let password = if is_new {
        "admin-field-initial-password"
    } else {
        "admin-field-reset-password"
    };
    let mut labels = USER_LABELS.to_vec();
    labels.push(("password", password));
    form_errors(tr, errors, &labels, &[], &USER_ORDER)
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
struct UserFormPage {
    page: Page,
    subnav: AdminNav,
    title: String,
    action: String,
    is_new: bool,
    cancel: String,
    form: UserForm,
    errors: FormErrors,
    conflict: bool,
    roles: Vec<Choice>,
    units: Vec<Choice>,
    langs: Vec<Choice>,
    history: Vec<HistoryItem>,
    min_password: i64,
}

async fn user_form(
    state: &AppState,
    page: Page,
    existing: Option<&User>,
    form: UserForm,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let (unit_rows, history) = {
        let unit_rows = units::list_units(&state.db).await?;
        let history = match existing {
            Some(user) => audit::history(&state.db, "user", &[user.id.to_string()], 100).await?,
            None => Vec::new(),
        };
        (unit_rows, history)
    };
    let (title, action, cancel) = match existing {
        Some(user) => (
            tr.t1("admin-users-edit-title", "name", &user.name),
            format!("/admin/users/{}", user.id),
            format!("/admin/users/{}", user.id),
        ),
        None => (
            tr.t("admin-users-new-title"),
            "/admin/users".to_string(),
            "/admin/users".to_string(),
        ),
    };
    let roles = Role::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().into(),
            label: tr.label("role", r.as_str()),
            selected: r.as_str() == form.role,
        })
        .collect();
    let langs = Lang::ALL
        .iter()
        .map(|l| Choice {
            value: l.code().into(),
            label: tr.t(&format!("lang-{}", l.code())),
            selected: l.code() == form.lang,
        })
        .collect();
    let template = UserFormPage {
        subnav: AdminNav {
            section: "users",
            on_root: false,
        },
        title,
        action,
        is_new: existing.is_none(),
        cancel,
        roles,
        units: unit_choices(&tr, &unit_rows, &form.unit.trim().to_uppercase()),
        langs,
        history: history_items(&tr, &history),
        min_password: auth::MIN_PASSWORD_CHARS as i64,
        form,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

async fn new_user_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let form = UserForm {
        role: Role::Viewer.as_str().into(),
        ..Default::default()
    };
    user_form(
        &state,
        page,
        None,
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn hash(password: String) -> Result<String, PageError> {
    auth::hash_password(password)
        .await
        .map_err(|e| PageError::Api(ApiError::internal(&e)))
}

async fn create_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(current, form): CsrfForm<UserForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let tr = page.tr;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let valid: ValidUser = match form.to_input().validate(&state.db, true, false).await? {
        Ok(valid) => valid,
        Err(errors) => {
            return user_form(
                &state,
                page,
                None,
                form,
                user_errors(&tr, &errors, true),
                false,
                unprocessable,
            )
            .await;
        }
    };
    let password_hash = match valid.password {
        Some(password) => Some(hash(password).await?),
        None => None,
    };
    match users::insert_user(
        &state.db,
        Some(current.user.id),
        &valid.fields,
        password_hash.as_deref(),
    )
    .await
    {
        Ok(user) => Ok(
            Redirect::to(&format!("/admin/users/{}?notice=user_created", user.id)).into_response(),
        ),
        Err(StoreError::Duplicate { field }) => {
            let mut errors = FieldErrors::new();
            errors.add(field, "duplicate");
            user_form(
                &state,
                page,
                None,
                form,
                user_errors(&tr, &errors, true),
                false,
                unprocessable,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            user_form(
                &state,
                page,
                None,
                form,
                user_errors(&tr, &v.0, true),
                false,
                unprocessable,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The user with this id (404 page for an unknown or malformed id).
async fn load_user(state: &AppState, id: &str) -> Result<User, PageError> {
    let id = Uuid::parse_str(id).map_err(|_| PageError::not_found())?;
    users::find_user(&state.db, id)
        .await?
        .ok_or_else(PageError::not_found)
}

async fn edit_user_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let user = load_user(&state, &id).await?;
    let form = UserForm::from_user(&user);
    user_form(
        &state,
        page,
        Some(&user),
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn update_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    CsrfForm(current, form): CsrfForm<UserForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let user = load_user(&state, &id).await?;
    let tr = page.tr;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let mut form = form;
    let editing_self = user.id == current.user.id;
    let valid = match form
        .to_input()
        .validate(&state.db, false, editing_self)
        .await?
    {
        Ok(valid) => valid,
        Err(errors) => {
            form.password.clear();
            return user_form(
                &state,
                page,
                Some(&user),
                form,
                user_errors(&tr, &errors, false),
                false,
                unprocessable,
            )
            .await;
        }
    };
    if !same_fields(&user, &valid.fields) {
        let version = form.version.unwrap_or(0);
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
            Err(StoreError::VersionConflict { current: latest }) => {
                // Keep what the admin typed (not the password), and let them save again knowingly.
                form.version = Some(latest);
                form.password.clear();
                return user_form(
                    &state,
                    page,
                    Some(&user),
                    form,
                    FormErrors::default(),
                    true,
                    StatusCode::CONFLICT,
                )
                .await;
            }
            Err(StoreError::Duplicate { field }) => {
                let mut errors = FieldErrors::new();
                errors.add(field, "duplicate");
                form.password.clear();
                return user_form(
                    &state,
                    page,
                    Some(&user),
                    form,
                    user_errors(&tr, &errors, false),
                    false,
                    unprocessable,
                )
                .await;
            }
            Err(StoreError::Invalid(v)) => {
                form.password.clear();
                return user_form(
                    &state,
                    page,
                    Some(&user),
                    form,
                    user_errors(&tr, &v.0, false),
                    false,
                    unprocessable,
                )
                .await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(password) = valid.password {
        let password_hash = hash(password).await?;
        users::set_password(&state.db, Some(current.user.id), user.id, &password_hash).await?;
        if editing_self {
            // A new password ends every session, this one included.
            return Ok(Redirect::to("/login?notice=password_changed").into_response());
        }
    }
    Ok(Redirect::to(&format!("/admin/users/{}?notice=saved", user.id)).into_response())
}

// ---------------------------------------------------------------- units

/// A row of the units table.
pub struct UnitRowView {
    pub code: String,
    pub name: String,
    pub other_names: Vec<(String, String)>,
    pub kind: String,
    pub active: bool,
    pub users: i64,
}

/// The values of the unit form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    pub version: Option<i64>,
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub name_fr: String,
    pub kind: String,
    pub active: Option<String>,
}

impl UnitForm {
    fn fresh() -> UnitForm {
        UnitForm {
            active: Some("1".into()),
            ..Default::default()
        }
    }

    fn from_unit(unit: &UnitRow) -> UnitForm {
        UnitForm {
            version: Some(unit.version),
            code: unit.code.clone(),
            name_ar: unit.name_ar.clone().unwrap_or_default(),
            name_en: unit.name_en.clone().unwrap_or_default(),
            name_fr: unit.name_fr.clone().unwrap_or_default(),
            kind: unit.kind.clone(),
            active: unit.active.then(|| "1".to_string()),
        }
    }

    fn to_input(&self) -> UnitInput {
        UnitInput {
            code: opt(&self.code),
            name: Some(localized(&self.name_ar, &self.name_en, &self.name_fr)),
            kind: opt(&self.kind),
            active: Some(self.active.is_some()),
        }
    }
}

const UNIT_LABELS: [(&str, &str); 2] = [
    ("code", "admin-field-code"),
    ("active", "admin-field-active"),
];
const UNIT_IDS: [(&str, &str); 1] = [("name", "name_en")];

fn unit_errors(tr: &Tr, errors: &FieldErrors) -> FormErrors {
    form_errors(
        tr,
        errors,
        &UNIT_LABELS,
        &UNIT_IDS,
        &["code", "name_en", "kind", "active"],
    )
}

#[derive(Template)]
#[template(path = "admin/units.html")]
struct UnitsPage {
    page: Page,
    subnav: AdminNav,
    rows: Vec<UnitRowView>,
    total: i64,
    form: UnitForm,
    errors: FormErrors,
    kinds: Vec<Choice>,
}

async fn units_view(
    state: &AppState,
    page: Page,
    form: UnitForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let all = units::list_units(&state.db).await?;
    let people = users::list_users(&state.db).await?;
    let rows: Vec<UnitRowView> = all
        .iter()
        .map(|u| {
            let name_text = u.name();
            let name = name_text.best(tr.lang).to_string();
            UnitRowView {
                code: u.code.clone(),
                other_names: Lang::ALL
                    .iter()
                    .filter_map(|l| {
                        name_text
                            .get(*l)
                            .filter(|n| *n != name)
                            .map(|n| (l.code().to_string(), n.to_string()))
                    })
                    .collect(),
                name,
                kind: tr.label("admin-unit-kind", &u.kind),
                active: u.active,
                users: people
                    .iter()
                    .filter(|p| p.unit.as_deref() == Some(u.code.as_str()))
                    .count() as i64,
            }
        })
        .collect();
    let total = rows.len() as i64;
    let kinds = kind_choices(&tr, &form.kind);
    Ok(render_status(
        status,
        &UnitsPage {
            page,
            subnav: AdminNav {
                section: "units",
                on_root: true,
            },
            rows,
            total,
            form,
            errors,
            kinds,
        },
    ))
}

async fn units_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    units_view(
        &state,
        page,
        UnitForm::fresh(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

async fn create_unit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(current, form): CsrfForm<UnitForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let tr = page.tr;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (code, fields) = match form.to_input().validate(true) {
        Ok(valid) => valid,
        Err(errors) => {
            return units_view(&state, page, form, unit_errors(&tr, &errors), unprocessable).await;
        }
    };
    match insert_unit(&state.db, current.user.id, &code, &fields).await {
        Ok(_) => Ok(Redirect::to("/admin/units?notice=created").into_response()),
        Err(StoreError::Duplicate { field }) => {
            let mut errors = FieldErrors::new();
            errors.add(field, "duplicate");
            units_view(&state, page, form, unit_errors(&tr, &errors), unprocessable).await
        }
        Err(StoreError::Invalid(v)) => {
            units_view(&state, page, form, unit_errors(&tr, &v.0), unprocessable).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/unit_form.html")]
struct UnitFormPage {
    page: Page,
    subnav: AdminNav,
    unit: UnitRow,
    title: String,
    form: UnitForm,
    errors: FormErrors,
    conflict: bool,
    kinds: Vec<Choice>,
    history: Vec<HistoryItem>,
}

async fn unit_form(
    state: &AppState,
    page: Page,
    unit: UnitRow,
    form: UnitForm,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let history = audit::history(&state.db, "unit", std::slice::from_ref(&unit.code), 100).await?;
    let template = UnitFormPage {
        subnav: AdminNav {
            section: "units",
            on_root: false,
        },
        title: tr.t1("admin-units-edit-title", "code", &unit.code),
        kinds: kind_choices(&tr, &form.kind),
        history: history_items(&tr, &history),
        unit,
        form,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

/// The unit with this code (404 page when there is none).
async fn load_unit(state: &AppState, code: &str) -> Result<UnitRow, PageError> {
    find_unit(&state.db, code)
        .await?
        .ok_or_else(PageError::not_found)
}

async fn edit_unit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let unit = load_unit(&state, &code).await?;
    let form = UnitForm::from_unit(&unit);
    unit_form(
        &state,
        page,
        unit,
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn update_unit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(code): Path<String>,
    CsrfForm(current, form): CsrfForm<UnitForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let unit = load_unit(&state, &code).await?;
    let tr = page.tr;
    let mut form = form;
    form.code = unit.code.clone();
    let fields = match form.to_input().validate(false) {
        Ok((_, fields)) => fields,
        Err(errors) => {
            return unit_form(
                &state,
                page,
                unit,
                form,
                unit_errors(&tr, &errors),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version.unwrap_or(0);
    match units::save_unit(
        &state.db,
        Some(current.user.id),
        &unit.code,
        Some(version),
        &fields,
    )
    .await
    {
        Ok(saved) => {
            Ok(Redirect::to(&format!("/admin/units/{}?notice=saved", saved.code)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            form.version = Some(latest);
            unit_form(
                &state,
                page,
                unit,
                form,
                FormErrors::default(),
                true,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            unit_form(
                &state,
                page,
                unit,
                form,
                unit_errors(&tr, &v.0),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
