//! One error type for page handlers: [`PageError`]. A handler returns
//! `Result<Response, PageError>` and uses `?` on storage calls; the error
//! becomes the error page (404, 403, 409, 422, 500) in the user's language,
//! with the header, menu and bell of every page.
//!
//! How: [`PageError::into_response`] only marks the response with the status
//! and the message code; the [`render_page_errors`] middleware (installed in
//! [`crate::app`]) sees the mark, looks up the signed-in user and renders the
//! error page. This is the same two-step design as the API's errors
//! ([`crate::error::localize_api_errors`]): a conversion from `StoreError`
//! cannot know the language, the middleware can.

use crate::AppState;
use crate::auth;
use crate::error::ApiError;
use crate::page::{Page, error_page, request_lang};
use accord_store::StoreError;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

/// What a page handler answers when it cannot show its page.
#[derive(Debug)]
pub enum PageError {
    /// The error page with this status; its message is the Fluent key `error-{code}`.
    Page {
        /// The HTTP status (its title is the Fluent key `error-title-{status}`).
        status: StatusCode,
        /// The stable error code, e.g. `not_found`, `forbidden`.
        code: Cow<'static, str>,
    },
    /// A form's CSRF token did not match the session: the 403 page, under no menu section.
    CsrfFailed,
    /// A storage failure other than "not found", answered in the API's error
    /// shape as the pages always have (version conflicts, duplicates and
    /// invalid input that a page did not turn into form errors; internal errors).
    Api(ApiError),
}

impl PageError {
    /// The error page with any status and code.
    pub fn new(status: StatusCode, code: impl Into<Cow<'static, str>>) -> Self {
        PageError::Page {
            status,
            code: code.into(),
        }
    }

    /// 404 `not_found`: what does not exist or what the user may not see.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found")
    }

    /// 403 `forbidden`: the user's role does not allow this.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden")
    }

    /// 409 with a code, e.g. a transition that is no longer possible.
    pub fn conflict(code: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::CONFLICT, code)
    }

    /// 422 with a code, e.g. a choice that is not one of the offered ones.
    pub fn unprocessable(code: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code)
    }

    /// 500 `internal_error`; logs the cause, which the user never sees.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error")
    }
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => PageError::not_found(),
            other => PageError::Api(ApiError::from(other)),
        }
    }
}

impl From<accord_app::AppError> for PageError {
    /// A use case's refusal that no form shows: the error page with the API's
    /// status and code (internal errors in the API's shape, logged).
    fn from(error: accord_app::AppError) -> Self {
        let api = ApiError::from(error);
        if api.status.is_server_error() {
            PageError::Api(api)
        } else {
            PageError::new(api.status, api.code)
        }
    }
}

/// The mark that [`render_page_errors`] turns into an error page.
#[derive(Debug, Clone)]
struct PendingPageError {
    status: StatusCode,
    code: Cow<'static, str>,
    /// False for the CSRF page: it belongs to no section and its language
    /// switch goes back home (the form's URL only answers POST).
    keep_place: bool,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let pending = match self {
            PageError::Api(error) => return error.into_response(),
            PageError::Page { status, code } => PendingPageError {
                status,
                code,
                keep_place: true,
            },
            PageError::CsrfFailed => PendingPageError {
                status: StatusCode::FORBIDDEN,
                code: Cow::Borrowed("csrf_failed"),
                keep_place: false,
            },
        };
        // A plain body for the unlikely case that the middleware is not installed.
        let mut response = (pending.status, pending.code.to_string()).into_response();
        response.extensions_mut().insert(pending);
        response
    }
}

/// The main-menu section of a path, to highlight it on an error page.
fn section_of(path: &str) -> &'static str {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "agreements" => "agreements",
        "my-work" => "my-work",
        "partners" => "partners",
        "contacts" => "contacts",
        "interactions" => "interactions",
        "outreach" => "outreach",
        "countries" => "countries",
        "map" => "map",
        "notifications" => "notifications",
        "admin" => "admin",
        _ => "",
    }
}

/// Middleware: renders the error page for responses marked by [`PageError`],
/// in the language and with the header of the signed-in user.
pub async fn render_page_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers().clone();
    let uri = request.uri().clone();
    let mut response = next.run(request).await;
    let Some(pending) = response.extensions_mut().remove::<PendingPageError>() else {
        return response;
    };
    let (nav, here) = if pending.keep_place {
        let here = uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        (section_of(uri.path()), here)
    } else {
        ("", "/".to_string())
    };
    let page = match auth::user_from_headers(&headers, &state).await {
        Ok(Some(current)) => Page::new(&state, &current, &headers, nav, here),
        Ok(None) => Page::anonymous(&state, request_lang(None, &headers)),
        Err(error) => return ApiError::from(error).into_response(),
    };
    error_page(page, pending.status, &pending.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_become_page_errors_like_before() {
        assert!(matches!(
            PageError::from(StoreError::NotFound),
            PageError::Page {
                status: StatusCode::NOT_FOUND,
                ref code
            } if code == "not_found"
        ));
        match PageError::from(StoreError::VersionConflict { current: 3 }) {
            PageError::Api(error) => assert_eq!(error.code, "version_conflict"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn error_pages_highlight_their_section() {
        assert_eq!(section_of("/partners/123/edit"), "partners");
        assert_eq!(section_of("/outreach"), "outreach");
        assert_eq!(section_of("/"), "");
        assert_eq!(section_of("/unknown/x"), "");
    }

    #[test]
    fn marked_responses_carry_status_and_code() {
        let response = PageError::forbidden().into_response();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let pending = response.extensions().get::<PendingPageError>();
        assert!(pending.is_some_and(|p| p.code == "forbidden" && p.keep_place));
        let csrf = PageError::CsrfFailed.into_response();
        assert!(
            csrf.extensions()
                .get::<PendingPageError>()
                .is_some_and(|p| p.code == "csrf_failed" && !p.keep_place)
        );
    }
}
