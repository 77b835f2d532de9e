//! The append-only audit log: every change to every record, chained by hash.

use crate::{Db, Result, Tx, now_micros};
use accord_domain::audit::{ChainVerifier, EventContent, StoredEvent, event_hash};
use serde::Serialize;
use uuid::Uuid;

/// One event as shown in a record's history.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EventRow {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
}

/// Appends an event inside the caller's transaction. The head row is bumped
/// first, which locks it on PostgreSQL (SQLite has a single writer), so
/// concurrent writers take sequence numbers one after another.
pub async fn append(
    tx: &mut Tx,
    actor_id: Option<Uuid>,
    entity: &str,
    entity_id: &str,
    action: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<i64> {
    let (seq, prev_hash): (i64, String) = tx_run!(
        tx,
        fetch_one,
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
    )?;
    let at = now_micros();
    let actor = actor_id.map(|a| a.to_string());
    let before = before.map(serde_json::Value::to_string);
    let after = after.map(serde_json::Value::to_string);
    let hash = event_hash(
        &prev_hash,
        &EventContent {
            seq,
            at_micros: at,
            actor_id: actor.as_deref(),
            entity,
            entity_id,
            action,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    );
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO audit_events (seq, at, actor_id, entity, entity_id, action, before_state, after_state, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        .bind(seq)
        .bind(at)
        .bind(actor.clone())
        .bind(entity)
        .bind(entity_id)
        .bind(action)
        .bind(before.clone())
        .bind(after.clone())
        .bind(prev_hash.clone())
        .bind(hash.clone())
    )?;
    tx_exec!(
        tx,
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(hash.clone())
    )?;
    Ok(seq)
}

/// The history of records (several ids when partners were merged), newest first.
pub async fn history(
    db: &Db,
    entity: &str,
    entity_ids: &[String],
    limit: i64,
) -> Result<Vec<EventRow>> {
    let mut rows = Vec::new();
    for id in entity_ids {
        let mut part: Vec<EventRow> = db_run!(
            db,
            fetch_all,
            sqlx::query_as::<_, EventRow>(
                "SELECT e.seq, e.at, e.actor_id, u.name AS actor_name, e.entity, e.entity_id, e.action, e.before_state, e.after_state \
                 FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
                 WHERE e.entity = $1 AND e.entity_id = $2 ORDER BY e.seq DESC LIMIT $3"
            )
            .bind(entity)
            .bind(id.as_str())
            .bind(limit)
        )?;
        rows.append(&mut part);
    }
    rows.sort_by_key(|e| std::cmp::Reverse(e.seq));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

/// Outcome of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    /// Every link holds.
    Whole { events: u64 },
    /// The first broken link.
    Broken {
        seq: i64,
        reason: &'static str,
        checked: u64,
    },
}

#[derive(sqlx::FromRow)]
struct ChainRow {
    seq: i64,
    at: i64,
    actor_id: Option<String>,
    entity: String,
    entity_id: String,
    action: String,
    before_state: Option<String>,
    after_state: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Walks the chain in pages and reports the first broken link, if any. Also
/// checks that the head row agrees with the last event.
pub async fn verify_chain(db: &Db, mut progress: impl FnMut(u64, i64)) -> Result<ChainReport> {
    let (head_seq, head_hash): (i64, String) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
    )?;
    let mut verifier = ChainVerifier::default();
    let mut after = 0_i64;
    let mut last_hash = accord_domain::audit::GENESIS_HASH.to_string();
    loop {
        let rows: Vec<ChainRow> = db_run!(
            db,
            fetch_all,
            sqlx::query_as::<_, ChainRow>(
                "SELECT seq, at, actor_id, entity, entity_id, action, before_state, after_state, prev_hash, hash \
                 FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT 5000"
            )
            .bind(after)
        )?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            after = row.seq;
            let event = StoredEvent {
                seq: row.seq,
                at_micros: row.at,
                actor_id: row.actor_id,
                entity: row.entity,
                entity_id: row.entity_id,
                action: row.action,
                before: row.before_state,
                after: row.after_state,
                prev_hash: row.prev_hash,
                hash: row.hash,
            };
            if let Err(broken) = verifier.check(&event) {
                return Ok(ChainReport::Broken {
                    seq: broken.seq,
                    reason: broken.reason,
                    checked: verifier.checked,
                });
            }
            last_hash = event.hash;
        }
        progress(verifier.checked, head_seq);
    }
    if head_seq != after || head_hash != last_hash {
        return Ok(ChainReport::Broken {
            seq: after + 1,
            reason: "head_mismatch",
            checked: verifier.checked,
        });
    }
    Ok(ChainReport::Whole {
        events: verifier.checked,
    })
}
