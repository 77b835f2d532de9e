//! Signing in and out, the language switch, and the user's own profile:
//! password and personal API tokens.

use crate::AppState;
use crate::auth::{self, LoginRefusal, MaybeUser, PageUser, Via};
use crate::extract::CsrfForm;
use crate::page::{Page, error_page, render, request_lang};
use accord_domain::Lang;
use accord_store::users::{self, TokenRow};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show_login).post(submit_login))
        .route("/logout", post(submit_logout))
        .route("/profile", get(show_profile))
        .route("/profile/language", post(submit_language))
        .route("/profile/password", post(submit_password))
        .route("/profile/tokens", post(submit_new_token))
        .route("/profile/tokens/revoke", post(submit_revoke_token))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    error: Option<String>,
    email: String,
    next: String,
}

#[derive(Deserialize)]
struct LoginQuery {
    lang: Option<String>,
    next: Option<String>,
    notice: Option<String>,
}

/// Only local paths may be redirected to after log-in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

async fn show_login(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    jar: CookieJar,
    Query(query): Query<LoginQuery>,
) -> Response {
    if user.is_some() {
        return Redirect::to("/").into_response();
    }
    let chosen = query.lang.as_deref().and_then(Lang::parse);
    let lang = chosen.unwrap_or_else(|| request_lang(None, &headers));
    let page = Page::anonymous(&state, lang).with_notice(query.notice.as_deref());
    let body = render(&LoginPage {
        page,
        error: None,
        email: String::new(),
        next: safe_next(query.next.as_deref()),
    });
    match chosen {
        Some(lang) => {
            let cookie = Cookie::build(("accord_lang", lang.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(time::Duration::days(365));
            (jar.add(cookie), body).into_response()
        }
        None => body,
    }
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn submit_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = request_lang(None, &headers);
    let next = safe_next(form.next.as_deref());
    let refusal = match auth::check_login(&state, &form.email, &form.password).await {
        Ok(Ok(user)) => match auth::open_session(&state, &user).await {
            Ok(cookie) => return (jar.add(cookie), Redirect::to(&next)).into_response(),
            Err(error) => return crate::error::ApiError::from(error).into_response(),
        },
        Ok(Err(refusal)) => refusal,
        Err(error) => return crate::error::ApiError::from(error).into_response(),
    };
    let page = Page::anonymous(&state, lang);
    let key = match refusal {
        LoginRefusal::BadCredentials => "login-failed",
        LoginRefusal::Throttled => "login-throttled",
    };
    let error = Some(page.tr.tn(key, "minutes", auth::THROTTLE_MINUTES));
    let status = if refusal == LoginRefusal::Throttled {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNAUTHORIZED
    };
    let template = LoginPage {
        page,
        error,
        email: form.email,
        next,
    };
    crate::page::render_status(status, &template)
}

/// A form with nothing but its CSRF token (checked by the extractor).
#[derive(Deserialize)]
struct EmptyForm {}

async fn submit_logout(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(current, EmptyForm {}): CsrfForm<EmptyForm>,
) -> Response {
    if let Via::Session { id_hash, .. } = &current.via
        && let Err(error) = users::delete_session(&state.db, id_hash).await
    {
        return crate::error::ApiError::from(error).into_response();
    }
    (
        jar.add(auth::clear_session_cookie()),
        Redirect::to("/login?notice=logged_out"),
    )
        .into_response()
}

/// Kept here for the pages that still import it from this module.
pub use crate::page::csrf_failed;

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    back: Option<String>,
}

async fn submit_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, form): CsrfForm<LanguageForm>,
) -> Response {
    let Some(lang) = Lang::parse(&form.lang) else {
        return error_page(
            Page::new(&state, &current, &headers, "", "/".into()),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_choice",
        );
    };
    if let Err(error) = users::set_language(&state.db, current.user.id, lang).await {
        return crate::error::ApiError::from(error).into_response();
    }
    Redirect::to(&safe_next(form.back.as_deref())).into_response()
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    page: Page,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    password_error: Option<String>,
    calendar_url: String,
}

#[derive(Deserialize)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn profile_page(
    state: &AppState,
    current: &auth::CurrentUser,
    headers: &HeaderMap,
    notice: Option<&str>,
    new_token: Option<String>,
    password_error: Option<String>,
) -> Response {
    let page = Page::new(state, current, headers, "", "/profile".into()).with_notice(notice);
    // The calendar feed's token is made the first time the profile is shown.
    let calendar_url = match accord_store::notifications::ensure_calendar_token(
        &state.db,
        current.user.id,
    )
    .await
    {
        Ok(token) => crate::ui::notifications::calendar_url(&state.config.base_url, &token),
        Err(error) => return crate::error::ApiError::from(error).into_response(),
    };
    match users::list_tokens(&state.db, current.user.id).await {
        Ok(tokens) => render(&ProfilePage {
            page,
            tokens,
            new_token,
            password_error,
            calendar_url,
        }),
        Err(error) => crate::error::ApiError::from(error).into_response(),
    }
}

async fn show_profile(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Query(query): Query<NoticeQuery>,
) -> Response {
    profile_page(
        &state,
        &current,
        &headers,
        query.notice.as_deref(),
        None,
        None,
    )
    .await
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

async fn submit_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, form): CsrfForm<PasswordForm>,
) -> Response {
    let tr = crate::i18n::Tr::new(request_lang(Some(&current.user), &headers));
    let ok = match auth::check_login(&state, &current.user.email, &form.current_password).await {
        Ok(result) => result.is_ok(),
        Err(error) => return crate::error::ApiError::from(error).into_response(),
    };
    if !ok {
        return profile_page(
            &state,
            &current,
            &headers,
            None,
            None,
            Some(tr.t("error-wrong_password")),
        )
        .await;
    }
    if let Err(code) = auth::check_new_password(&form.new_password) {
        return profile_page(
            &state,
            &current,
            &headers,
            None,
            None,
            Some(tr.tn(
                &format!("error-{code}"),
                "min",
                auth::MIN_PASSWORD_CHARS as i64,
            )),
        )
        .await;
    }
    let result = async {
        let hash = auth::hash_password(form.new_password.clone())
            .await
            .map_err(|e| crate::error::ApiError::internal(&e))?;
        users::set_password(&state.db, Some(current.user.id), current.user.id, &hash)
            .await
            .map_err(crate::error::ApiError::from)
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/login?notice=password_changed").into_response(),
        Err(error) => error.into_response(),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
}

async fn submit_new_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, form): CsrfForm<TokenForm>,
) -> Response {
    let token = auth::new_api_token();
    let name = match form.name.trim() {
        "" => "token".to_string(),
        n => n.chars().take(100).collect(),
    };
    match users::insert_token(
        &state.db,
        Some(current.user.id),
        current.user.id,
        &name,
        &auth::secret_hash(&token),
    )
    .await
    {
        Ok(_) => {
            profile_page(
                &state,
                &current,
                &headers,
                Some("token_created"),
                Some(token),
                None,
            )
            .await
        }
        Err(error) => crate::error::ApiError::from(error).into_response(),
    }
}

#[derive(Deserialize)]
struct RevokeForm {
    token_id: String,
}

async fn submit_revoke_token(
    State(state): State<AppState>,
    CsrfForm(current, form): CsrfForm<RevokeForm>,
) -> Response {
    match users::revoke_token(
        &state.db,
        Some(current.user.id),
        current.user.id,
        &form.token_id,
    )
    .await
    {
        Ok(()) => Redirect::to("/profile?notice=revoked").into_response(),
        Err(error) => crate::error::ApiError::from(error).into_response(),
    }
}
