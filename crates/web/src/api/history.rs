//! `GET /{collection}/{id}/history` for every family: the audit events of a
//! record, typed and documented once. Each family finds its record (404 for
//! what the caller may not see), says whether the caller may read its
//! history, and hands the rest to [`record_history`].

use crate::error::ApiError;
use accord_store::audit::{self, EventRow};
use accord_store::{Db, rfc3339};
use axum::Json;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// How many events a history answers at most.
pub const HISTORY_LIMIT: i64 = 500;

/// One audit event: who did what to which record, with its state before and after.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEvent {
    /// The event's place in the audit log.
    pub seq: i64,
    /// When it happened (UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// Who did it; none for the system.
    #[schema(format = Uuid)]
    pub actor_id: Option<String>,
    /// Their name.
    pub actor_name: Option<String>,
    /// The kind of record, e.g. `partner`.
    pub entity: String,
    /// The record's id or code.
    pub entity_id: String,
    /// What was done, e.g. `create`, `update`, `merge`.
    pub action: String,
    /// The record's fields before; none for a creation.
    pub before: Option<Value>,
    /// The record's fields after.
    pub after: Option<Value>,
}

impl HistoryEvent {
    /// The event as the API shows it; a stored state that is not JSON shows as null.
    pub fn from_row(event: &EventRow) -> HistoryEvent {
        let parse = |s: &Option<String>| {
            s.as_deref()
                .and_then(|s| serde_json::from_str::<Value>(s).ok())
        };
        HistoryEvent {
            seq: event.seq,
            at: rfc3339(event.at),
            actor_id: event.actor_id.clone(),
            actor_name: event.actor_name.clone(),
            entity: event.entity.clone(),
            entity_id: event.entity_id.clone(),
            action: event.action.clone(),
            before: parse(&event.before_state),
            after: parse(&event.after_state),
        }
    }
}

crate::api_page!(
    /// The audit events of a record, oldest first (never more than one page).
    HistoryPage,
    HistoryEvent
);

impl HistoryPage {
    /// Every event as one page.
    pub fn from_events(events: &[EventRow]) -> HistoryPage {
        let items: Vec<HistoryEvent> = events.iter().map(HistoryEvent::from_row).collect();
        let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
        HistoryPage::new(items, total, None)
    }
}

/// The history answer of a record found by its family: `403` unless
/// `may_read`, else the audit events of `entity` under any of `ids` (a
/// merged record's history includes the records merged into it).
pub async fn record_history(
    db: &Db,
    entity: &str,
    ids: &[String],
    may_read: bool,
) -> Result<Json<HistoryPage>, ApiError> {
    if !may_read {
        return Err(ApiError::forbidden());
    }
    let events = audit::history(db, entity, ids, HISTORY_LIMIT).await?;
    Ok(Json(HistoryPage::from_events(&events)))
}
