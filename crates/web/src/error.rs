//! API errors: `{code, message, details}` with a stable snake_case code. The
//! message is filled in the caller's language (from `Accept-Language`) by
//! [`localize_api_errors`]; internal causes are logged, never sent.

use crate::i18n::Tr;
use accord_domain::{FieldErrors, Lang, ValidationError};
use accord_store::StoreError;
use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error answered by the JSON API.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub details: Value,
}

impl ApiError {
    /// An error with no details.
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self {
            status,
            code,
            details: json!({}),
        }
    }

    /// Adds details.
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// 404 `not_found` (also for records the caller may not see).
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found")
    }

    /// 403 `forbidden`.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden")
    }

    /// 401 `unauthorized`.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized")
    }

    /// 422 `validation_failed` with `details.fields`.
    pub fn validation(fields: &FieldErrors) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .with_details(json!({ "fields": fields }))
    }

    /// 422 on a single field.
    pub fn field(field: &str, code: &str) -> Self {
        Self::validation(&ValidationError::single(field, code).0)
    }

    /// 409 `version_conflict` with the current record.
    pub fn version_conflict(current: Value) -> Self {
        Self::new(StatusCode::CONFLICT, "version_conflict")
            .with_details(json!({ "current": current }))
    }

    /// 500 `internal_error`; logs the cause.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error")
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::validation(&error.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::not_found(),
            StoreError::VersionConflict { current } => {
                Self::new(StatusCode::CONFLICT, "version_conflict")
                    .with_details(json!({ "current_version": current }))
            }
            StoreError::Duplicate { field } => {
                Self::new(StatusCode::CONFLICT, "duplicate").with_details(json!({ "field": field }))
            }
            StoreError::Invalid(v) => Self::validation(&v.0),
            other => Self::internal(&other),
        }
    }
}

impl From<accord_app::AppError> for ApiError {
    fn from(error: accord_app::AppError) -> Self {
        use accord_app::AppError as E;
        let code = error.code();
        match error {
            E::NotFound => Self::not_found(),
            E::Forbidden | E::NotAssignee => Self::new(StatusCode::FORBIDDEN, code),
            E::Invalid(fields) => Self::validation(&fields),
            E::VersionConflict { current_version } => Self::new(StatusCode::CONFLICT, code)
                .with_details(json!({ "current_version": current_version })),
            E::InvalidTransition {
                status,
                action,
                allowed,
            } => {
                let mut details = json!({ "status": status, "allowed": allowed });
                if let (Some(action), Some(map)) = (action, details.as_object_mut()) {
                    map.insert("action".into(), json!(action));
                }
                Self::new(StatusCode::CONFLICT, code).with_details(details)
            }
            E::InvalidStageMove { stage, to, allowed } => Self::new(StatusCode::CONFLICT, code)
                .with_details(json!({ "stage": stage, "to": to, "allowed": allowed })),
            E::NoDraft | E::ReviewNotCleared | E::StepNotOpen => {
                Self::new(StatusCode::CONFLICT, code)
            }
            // The API has always answered a second signature of a party as a duplicate party.
            E::AlreadySigned => Self::new(StatusCode::CONFLICT, "duplicate")
                .with_details(json!({ "field": "party" })),
            E::Duplicate { field, existing } => {
                let mut details = json!({ "field": field });
                if let (Some((key, id)), Some(map)) = (existing, details.as_object_mut()) {
                    map.insert(key.into(), json!(id));
                }
                Self::new(StatusCode::CONFLICT, code).with_details(details)
            }
            E::Store(error) => error.into(),
        }
    }
}

/// The error before its message is written, carried in the response extensions.
#[derive(Debug, Clone)]
struct PendingError(ApiError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({ "code": self.code, "message": self.code, "details": self.details })),
        )
            .into_response();
        response.extensions_mut().insert(PendingError(self));
        response
    }
}

/// Writes the message of API errors in the language the client asked for.
pub async fn localize_api_errors(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::En);
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if is_api && response.extensions().get::<PendingError>().is_none() {
        // Rejections from axum's own extractors (body too large, wrong media type) answer
        // in plain text; the API promises its JSON error shape for every error.
        let is_json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let status = response.status();
        if !is_json && (status.is_client_error() || status.is_server_error()) {
            let code = match status {
                StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
                StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
                StatusCode::NOT_FOUND => "not_found",
                StatusCode::UNPROCESSABLE_ENTITY => "validation_failed",
                s if s.is_server_error() => "internal_error",
                _ => "bad_request",
            };
            response
                .extensions_mut()
                .insert(PendingError(ApiError::new(status, code)));
        }
    }
    if let Some(PendingError(error)) = response.extensions_mut().remove::<PendingError>() {
        let tr = Tr::new(lang);
        let message = tr
            .try_t(&format!("error-{}", error.code))
            .unwrap_or_else(|| error.code.replace('_', " "));
        let status = response.status();
        let mut fresh = (
            status,
            Json(json!({ "code": error.code, "message": message, "details": error.details })),
        )
            .into_response();
        for (name, value) in response.headers() {
            if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
                fresh.headers_mut().insert(name.clone(), value.clone());
            }
        }
        fresh.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        return fresh;
    }
    response
}

/// Answers a panic with a plain 500 error and no internals.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({ "code": "internal_error", "message": "internal error", "details": {} })),
    )
        .into_response()
}
