//! `/api/v1/notifications`: the caller's own notifications, newest first,
//! and marking one read. Another user's notification is a 404.

use super::{Params, parse_limit};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::page::request_lang;
use accord_domain::FieldErrors;
use accord_store::list::Cursor;
use accord_store::notifications::{self, Notification};
use accord_store::rfc3339;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list_notifications))
        .route("/notifications/{id}/read", post(read_notification))
}

/// The JSON shape of a notification, with its message in the reader's language.
pub fn notification_json(tr: &Tr, n: &Notification) -> Value {
    json!({
        "id": n.id, "kind": n.kind, "agreement_id": n.agreement_id,
        "reference": n.reference, "title": n.title,
        "summary": crate::mail::summary(tr, &n.kind), "message": crate::mail::describe(tr, n),
        "payload": n.payload, "created_at": rfc3339(n.created_at),
        "read_at": n.read_at.map(rfc3339), "mailed_at": n.mailed_at.map(rfc3339),
    })
}

fn parse_bool(text: &str) -> Result<bool, &'static str> {
    match text {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err("invalid_boolean"),
    }
}

async fn list_notifications(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&["cursor", "limit", "unread"])?;
    let mut errors = FieldErrors::new();
    let cursor = params
        .get("cursor")
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = parse_limit(&params, &mut errors);
    let unread_only = params
        .get("unread")
        .and_then(|u| errors.take("unread", parse_bool(u)))
        .unwrap_or(false);
    errors.into_result()?;
    let user = &current.user;
    let page =
        notifications::list_notifications(&state.db, user.id, unread_only, cursor.as_ref(), limit)
            .await?;
    let unread = notifications::unread_count(&state.db, user.id).await?;
    let tr = Tr::new(request_lang(Some(user), &headers));
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|n| notification_json(&tr, n))
        .collect();
    Ok(axum::Json(json!({
        "items": items, "total": page.total, "next_cursor": page.next_cursor, "unread": unread,
    }))
    .into_response())
}

async fn read_notification(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found())?;
    let user = &current.user;
    let n = notifications::mark_read(&state.db, user.id, id).await?;
    let tr = Tr::new(request_lang(Some(user), &headers));
    Ok(axum::Json(notification_json(&tr, &n)).into_response())
}
