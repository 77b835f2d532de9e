//! The JSON API under `/api/v1` (contract: `shared/API.md`), plus `/healthz`
//! and `/readyz`. Each resource has its own module and router; the helpers
//! here give every handler the same body parsing, error shapes and paging.
//! Converted families document their operations on the handlers and build
//! their router and their part of the OpenAPI document from one list
//! (`OpenApiRouter`, ADR 0010).

pub mod agreements;
pub mod attachments;
pub mod contacts;
pub mod doc;
pub mod drafts;
pub mod history;
pub mod interactions;
pub mod notifications;
pub mod openapi;
pub mod outreach;
pub mod partners;
pub mod query;
pub mod reference;
pub mod users;

use crate::AppState;
use crate::error::ApiError;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;

/// Every API route, with the part of the document derived from the code.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/openapi.json", get(openapi::serve_openapi))
        .merge(users::router())
        .merge(reference::router())
        .merge(partners::router().into())
        .merge(contacts::router().into())
        .merge(agreements::router().into())
        .merge(drafts::router().into())
        .merge(attachments::router().into())
        .merge(notifications::router())
        .merge(interactions::router().into())
        .merge(outreach::router().into())
}

/// Every API route.
pub fn router() -> Router<AppState> {
    let (router, _) = routes().split_for_parts();
    router
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
        })
}

/// `/healthz` (the process answers) and `/readyz` (the database answers).
pub fn health_router() -> Router<AppState> {
    Router::new()
        .route(
            "/healthz",
            get(|| async { axum::Json(json!({ "status": "ok" })) }),
        )
        .route("/readyz", get(readyz))
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => axum::Json(json!({ "status": "ready", "database": state.db.engine_name() }))
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "not_ready").into_response()
        }
    }
}

/// Reads a JSON object body: 415 without a JSON content type, 400 when malformed.
pub fn json_object(headers: &HeaderMap, body: &Bytes) -> Result<Map<String, Value>, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "expected_object")),
        Err(error) => Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_json")
            .with_details(json!({ "line": error.line(), "column": error.column() }))),
    }
}

/// Deserializes a JSON value into an input type; type errors become 422 on the field's path.
pub fn parse_input<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let message = error.inner().to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let field = rest.split('`').next().unwrap_or("").to_string();
            let field = if path == "." { field } else { path };
            ApiError::field(&field, "unknown_field")
        } else {
            let field = if path == "." {
                "body".to_string()
            } else {
                path
            };
            ApiError::field(&field, "invalid_type")
        }
    })
}

/// Takes the version a client last saw, from `version` in the body or the `If-Match` header.
pub fn expected_version(
    headers: &HeaderMap,
    body: &mut Map<String, Value>,
) -> Result<i64, ApiError> {
    let from_body = body.remove("version");
    let from_header = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.trim()
                .trim_start_matches("W/")
                .trim_matches('"')
                .to_string()
        });
    match (from_body, from_header) {
        (Some(Value::Number(n)), _) => n
            .as_i64()
            .ok_or_else(|| ApiError::field("version", "invalid_type")),
        (Some(_), _) => Err(ApiError::field("version", "invalid_type")),
        (None, Some(h)) => h
            .parse()
            .map_err(|_| ApiError::field("version", "invalid_type")),
        (None, None) => Err(ApiError::field("version", "required")),
    }
}

/// Lays the fields of a patch over the current record's fields.
pub fn overlay(current: Value, patch: Map<String, Value>) -> Value {
    let mut merged = match current {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for (key, value) in patch {
        merged.insert(key, value);
    }
    Value::Object(merged)
}

/// Query parameters, with a check that no unknown one was given.
pub struct Params(pub HashMap<String, String>);

impl Params {
    /// Refuses parameters outside `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        let mut errors = accord_domain::FieldErrors::new();
        for key in self.0.keys() {
            if !allowed.contains(&key.as_str()) {
                errors.add(key.clone(), "unknown_parameter");
            }
        }
        errors.into_result().map_err(ApiError::from)
    }

    /// A non-empty parameter.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Parses `limit` (1–200, default 50).
pub fn parse_limit(params: &Params, errors: &mut accord_domain::FieldErrors) -> i64 {
    match params.get("limit") {
        None => 50,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=200).contains(&n) => n,
            _ => {
                errors.add("limit", "out_of_range");
                50
            }
        },
    }
}

/// A history answer as JSON, for the families still documented by hand
/// (agreements); the others answer [`history::record_history`].
pub fn history_json(events: &[accord_store::audit::EventRow]) -> Value {
    serde_json::to_value(history::HistoryPage::from_events(events)).unwrap_or(Value::Null)
}
