//! Authentication: Argon2id password hashes, sessions in our own database
//! (an HttpOnly, SameSite=Lax cookie holding a random secret, stored hashed),
//! personal API tokens (Bearer, stored hashed), CSRF tokens and the log-in
//! throttle.

use crate::AppState;
use crate::error::ApiError;
use accord_domain::policy::Actor;
use accord_store::users::{self, User};
use accord_store::{StoreError, now_micros};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "accord_session";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;
/// Failed log-ins allowed per address in [`THROTTLE_MINUTES`].
pub const MAX_FAILED_LOGINS: i64 = 5;
/// The window of the log-in throttle.
pub const THROTTLE_MINUTES: i64 = 15;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

fn argon2() -> Argon2<'static> {
    // OWASP's Argon2id recommendation: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with Argon2id (run off the async threads).
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hash: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash (run off the async threads).
pub async fn verify_password(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// Checks the strength rules of a new password; returns an error code.
pub fn check_new_password(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err("password_too_short")
    } else if password.chars().count() > 200 {
        Err("too_long")
    } else {
        Ok(())
    }
}

/// A new random secret (32 bytes, URL-safe base64).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a secret, hex: what the database keeps instead of the secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new personal API token: `acc_` and a secret.
pub fn new_api_token() -> String {
    format!("acc_{}", new_secret())
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// How the current request authenticated.
#[derive(Debug, Clone)]
pub enum Via {
    /// A browser session, with its CSRF token.
    Session { csrf: String, id_hash: String },
    /// A personal API token.
    Token,
}

/// The authenticated user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub via: Via,
}

impl CurrentUser {
    /// The user as the access policy sees them.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user.id,
            role: self.user.role,
            unit: self.user.unit.clone(),
            organization_id: self.user.organization_id,
        }
    }

    /// The user as the store's visibility rules see them.
    pub fn reader(&self) -> accord_store::agreements::Reader {
        accord_store::agreements::Reader {
            user_id: self.user.id,
            role: self.user.role,
            unit: self.user.unit.clone(),
            organization_id: self.user.organization_id,
        }
    }

    /// The session's CSRF token (empty for token clients).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Token => "",
        }
    }

    /// Checks a submitted CSRF token against the session's.
    pub fn check_csrf(&self, submitted: &str) -> bool {
        match &self.via {
            Via::Session { csrf, .. } => constant_time_eq(csrf, submitted),
            Via::Token => true,
        }
    }
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, StoreError> {
    user_from_headers(&parts.headers, state).await
}

/// The user a request's headers authenticate (bearer token or session cookie), if any.
pub async fn user_from_headers(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<CurrentUser>, StoreError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let Some(token) = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")) else {
            return Ok(None);
        };
        let user = users::find_token_user(&state.db, &secret_hash(token.trim())).await?;
        return Ok(user.map(|user| CurrentUser {
            user,
            via: Via::Token,
        }));
    }
    let jar = CookieJar::from_headers(headers);
    let Some(cookie) = jar.get(SESSION_COOKIE) else {
        return Ok(None);
    };
    let id_hash = secret_hash(cookie.value());
    let found = users::find_session(&state.db, &id_hash).await?;
    Ok(found.map(|(user, csrf)| CurrentUser {
        user,
        via: Via::Session { csrf, id_hash },
    }))
}

/// The signed-in user of an API request; answers 401 otherwise. A
/// session-authenticated request that changes state must carry the CSRF token
/// in `X-CSRF-Token`.
#[derive(Debug, Clone)]
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(cached) = parts.extensions.get::<CurrentUser>() {
            return Ok(ApiUser(cached.clone()));
        }
        let user = resolve(parts, state)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(ApiError::unauthorized)?;
        if !is_safe(&parts.method) {
            let submitted = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !user.check_csrf(submitted) {
                return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
            }
        }
        parts.extensions.insert(user.clone());
        Ok(ApiUser(user))
    }
}

/// The signed-in user of a page; redirects to the log-in page otherwise.
/// The user is looked up once per request: later extractors of the same
/// request (the page extractors `CsrfForm` and `Visible`) reuse it.
#[derive(Debug, Clone)]
pub struct PageUser(pub CurrentUser);

/// The page user already looked up for this request.
#[derive(Debug, Clone)]
struct PageUserCache(CurrentUser);

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(PageUserCache(cached)) = parts.extensions.get::<PageUserCache>() {
            return Ok(PageUser(cached.clone()));
        }
        match resolve(parts, state).await {
            Ok(Some(user)) => {
                parts.extensions.insert(PageUserCache(user.clone()));
                Ok(PageUser(user))
            }
            Ok(None) => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                Err(
                    Redirect::to(&format!("/login?next={}", urlencoding::encode(next)))
                        .into_response(),
                )
            }
            Err(error) => Err(ApiError::from(error).into_response()),
        }
    }
}

/// The signed-in user, if any (pages that also serve visitors).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        resolve(parts, state)
            .await
            .map(MaybeUser)
            .map_err(|e| ApiError::from(e).into_response())
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses state-changing requests that a browser marks as cross-site, a
/// second line of defence behind SameSite cookies and CSRF tokens.
pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    if !is_safe(request.method()) && !request.headers().contains_key(header::AUTHORIZATION) {
        let cross_site = request
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site");
        if cross_site {
            return ApiError::new(StatusCode::FORBIDDEN, "csrf_failed").into_response();
        }
    }
    next.run(request).await
}

/// Why a log-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginRefusal {
    BadCredentials,
    Throttled,
}

/// Checks e-mail and password, applying the throttle; records the attempt.
pub async fn check_login(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<Result<User, LoginRefusal>, StoreError> {
    let email = email.trim().to_lowercase();
    let since = now_micros() - THROTTLE_MINUTES * 60 * 1_000_000;
    if users::failed_logins_since(&state.db, &email, since).await? >= MAX_FAILED_LOGINS {
        return Ok(Err(LoginRefusal::Throttled));
    }
    let found = users::find_user_by_email(&state.db, &email).await?;
    let ok = match found {
        Some((user, Some(hash))) if !user.disabled => verify_password(hash, password.to_string())
            .await
            .then_some(user),
        _ => {
            // Spend the same time as a real check, so timing does not reveal accounts.
            let _ = hash_password(password.to_string()).await;
            None
        }
    };
    users::record_login_attempt(&state.db, &email, ok.is_some()).await?;
    Ok(ok.ok_or(LoginRefusal::BadCredentials))
}

/// Opens a session for a user and returns its cookie.
pub async fn open_session(state: &AppState, user: &User) -> Result<Cookie<'static>, StoreError> {
    let secret = new_secret();
    let expires = now_micros() + SESSION_HOURS * 3_600_000_000;
    users::insert_session(
        &state.db,
        &secret_hash(&secret),
        user.id,
        &new_secret(),
        expires,
    )
    .await?;
    Ok(Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .path("/")
        .max_age(time::Duration::hours(SESSION_HOURS))
        .build())
}

/// A cookie that removes the session cookie.
pub fn clear_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .max_age(time::Duration::ZERO)
        .http_only(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(hash.clone(), "correct horse battery".into()).await);
        assert!(!verify_password(hash, "wrong".into()).await);
    }

    #[test]
    fn secrets_are_hashed_and_compared_safely() {
        let secret = new_secret();
        assert_eq!(secret_hash(&secret).len(), 64);
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(new_api_token().starts_with("acc_"));
    }
}
