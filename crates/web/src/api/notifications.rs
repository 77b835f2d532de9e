//! `/api/v1/notifications`: the caller's own notifications, newest first,
//! and marking one read. Another user's notification is a 404. Each
//! operation is documented on its handler and listed once in [`router`].

use super::doc::{LocalizedTextSchema, schema_from};
use super::query::{ApiQuery, given, page_limit};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::page::request_lang;
use accord_domain::{FieldErrors, LocalizedText};
use accord_store::list::Cursor;
use accord_store::notifications::{self, Notification};
use accord_store::rfc3339;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::borrow::Cow;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// Routes of this module, with their part of the OpenAPI document.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(read_notification))
}

/// The kinds of notification, as a schema.
pub struct NotificationKindSchema;

impl utoipa::PartialSchema for NotificationKindSchema {
    fn schema() -> RefOr<Schema> {
        schema_from(json!({
            "type": "string",
            "enum": crate::mail::KINDS,
            "description": "What happened: a review step assigned to the user or overdue, changes requested, a rejection, a cleared review chain, a signature, an entry into force, an agreement expiring, a notice deadline, an expiry, a renewal.",
        }))
    }
}

impl ToSchema for NotificationKindSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("NotificationKind")
    }
}

/// A notification of the signed-in user.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Notification)]
pub struct NotificationView {
    /// The notification.
    pub id: Uuid,
    /// What happened.
    #[schema(value_type = NotificationKindSchema)]
    pub kind: String,
    /// The agreement it is about.
    #[schema(required = true)]
    pub agreement_id: Option<Uuid>,
    /// The agreement's reference number.
    #[schema(required = true)]
    pub reference: Option<String>,
    /// The agreement's title; empty when the agreement is gone.
    #[schema(value_type = LocalizedTextSchema)]
    pub title: LocalizedText,
    /// A short label of the kind, in the caller's language.
    pub summary: String,
    /// What happened, in a sentence in the caller's language (with the decision's comment, if any).
    pub message: String,
    /// The details it was made from: `key` (what makes it unique for the user) and, depending on the kind, `date`, `days`, `reference`, `comment`, `renewal`, `successor_reference`…
    #[schema(value_type = Object)]
    pub payload: Value,
    /// When it was made (UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When the user read it; none while unread.
    #[schema(format = DateTime, required = true)]
    pub read_at: Option<String>,
    /// When it was sent by e-mail; none if not (yet).
    #[schema(format = DateTime, required = true)]
    pub mailed_at: Option<String>,
}

impl NotificationView {
    /// A notification with its message in the reader's language.
    pub fn new(tr: &Tr, n: &Notification) -> NotificationView {
        NotificationView {
            id: n.id,
            kind: n.kind.clone(),
            agreement_id: n.agreement_id,
            reference: n.reference.clone(),
            title: n.title.clone(),
            summary: crate::mail::summary(tr, &n.kind),
            message: crate::mail::describe(tr, n),
            payload: n.payload.clone(),
            created_at: rfc3339(n.created_at),
            read_at: n.read_at.map(rfc3339),
            mailed_at: n.mailed_at.map(rfc3339),
        }
    }
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationPage {
    /// The items of this page.
    pub items: Vec<NotificationView>,
    /// How many notifications match, on every page.
    #[schema(minimum = 0)]
    pub total: i64,
    /// Send it back as `cursor` for the next page; null on the last page.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
    /// How many of the caller's notifications are unread, whatever the filter.
    #[schema(minimum = 0)]
    pub unread: i64,
}

/// The parameters of the notification list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationListQuery {
    /// Only the unread notifications (`true`/`1` or `false`/`0`).
    #[param(value_type = Option<String>, pattern = "^(true|false|1|0)$", default = "false")]
    pub unread: Option<String>,
    /// Where the page starts: the `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// How many items a page holds.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<String>,
    /// The order: newest first, the only one (`-created_at`).
    #[param(pattern = "^-created_at$")]
    pub sort: Option<String>,
}

fn parse_bool(text: &str) -> Result<bool, &'static str> {
    match text {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err("invalid_boolean"),
    }
}

/// My notifications
///
/// The caller's own notifications, newest first, with `unread`: how many of them are not read yet. Each says what happened (a review step to decide or overdue, changes requested, a rejection, a cleared chain, a signature, an entry into force, an agreement expiring or expired, a notice deadline, a renewal) to which agreement; `summary` and `message` are in the caller's language (their profile's, else `Accept-Language`). `unread=true` lists only the unread ones (`true`/`1` or `false`/`0`, else `422 invalid_boolean`).
#[utoipa::path(
    get, path = "/notifications", operation_id = "listNotifications", tag = "Notifications",
    params(NotificationListQuery),
    responses(
        (status = 200, description = "A page of the caller's notifications, newest first.", body = NotificationPage),
        (status = 401, response = super::doc::Unauthorized),
        (status = 422, response = super::doc::ValidationFailed),
    )
)]
async fn list_notifications(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<NotificationListQuery>,
) -> Result<Json<NotificationPage>, ApiError> {
    let mut errors = FieldErrors::new();
    let cursor = given(&query.cursor)
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = page_limit(&query.limit, &mut errors);
    let unread_only = given(&query.unread)
        .and_then(|u| errors.take("unread", parse_bool(u)))
        .unwrap_or(false);
    if given(&query.sort).is_some_and(|s| s != "-created_at") {
        errors.add("sort", "invalid_choice");
    }
    errors.into_result()?;
    let user = &current.user;
    let page =
        notifications::list_notifications(&state.db, user.id, unread_only, cursor.as_ref(), limit)
            .await?;
    let unread = notifications::unread_count(&state.db, user.id).await?;
    let tr = Tr::new(request_lang(Some(user), &headers));
    Ok(Json(NotificationPage {
        items: page
            .items
            .iter()
            .map(|n| NotificationView::new(&tr, n))
            .collect(),
        total: page.total,
        next_cursor: page.next_cursor,
        unread,
    }))
}

/// Mark a notification read
///
/// Marks one of the caller's notifications read and answers it; marking it again keeps the first `read_at`. Another user's notification answers `404`.
#[utoipa::path(
    post, path = "/notifications/{id}/read", operation_id = "readNotification", tag = "Notifications",
    params(("id" = String, Path, description = "The notification's id.", format = Uuid, example = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e")),
    request_body(content = inline(super::users::EmptyBody), description = "None: send no body (one sent is ignored)."),
    responses(
        (status = 200, description = "The notification, read.", body = NotificationView),
        super::doc::ReadErrors,
    )
)]
async fn read_notification(
    State(state): State<AppState>,
    ApiUser(current): ApiUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<NotificationView>, ApiError> {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found())?;
    let user = &current.user;
    let n = notifications::mark_read(&state.db, user.id, id).await?;
    let tr = Tr::new(request_lang(Some(user), &headers));
    Ok(Json(NotificationView::new(&tr, &n)))
}
