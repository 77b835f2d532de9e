//! Notifications kept in-app (and mailed by the scheduler), who receives
//! them, the audit events they are made from, and the per-user calendar feed
//! token with the dates the feed shows.
//!
//! A notification is a derived message, not a record of the organization:
//! creating one or marking it read appends no audit event (the audit log keeps
//! the change that caused it). Each has a dedupe key: its id is derived from
//! the recipient and the key, so inserting the same notification twice is a
//! primary-key conflict that the insert ignores, on both engines, even when two
//! runs race.

use crate::agreements::{Reader, push_visibility};
use crate::list::{Arg, Cursor, Page, Sql};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::{Lang, LocalizedText, Role};
use base64::Engine as _;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A notification as its recipient sees it, with the agreement's current
/// reference and title.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: Uuid,
    pub user_id: Uuid,
    /// What happened: `step_assigned`, `step_overdue`, `changes_requested`,
    /// `rejected`, `chain_cleared`, `signed`, `in_force`, `expiring`,
    /// `notice_deadline`, `expired`, `renewed`.
    pub kind: String,
    pub agreement_id: Option<Uuid>,
    /// Details (`key` is the dedupe key; `date`, `days`, `reference`...).
    pub payload: serde_json::Value,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub mailed_at: Option<i64>,
    /// The agreement's reference (from the payload when the agreement is gone).
    pub reference: Option<String>,
    pub title: LocalizedText,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: String,
    user_id: String,
    kind: String,
    agreement_id: Option<String>,
    payload: String,
    created_at: i64,
    read_at: Option<i64>,
    mailed_at: Option<i64>,
    reference: Option<String>,
    title_ar: Option<String>,
    title_en: Option<String>,
    title_fr: Option<String>,
}

fn uuid_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt("id".into()))
}

impl TryFrom<NotificationRow> for Notification {
    type Error = StoreError;
    fn try_from(row: NotificationRow) -> Result<Notification> {
        let payload: serde_json::Value = serde_json::from_str(&row.payload)?;
        let reference = row.reference.or_else(|| {
            payload
                .get("reference")
                .and_then(|r| r.as_str())
                .map(str::to_string)
        });
        Ok(Notification {
            id: uuid_of(&row.id)?,
            user_id: uuid_of(&row.user_id)?,
            kind: row.kind,
            agreement_id: row.agreement_id.as_deref().map(uuid_of).transpose()?,
            payload,
            created_at: row.created_at,
            read_at: row.read_at,
            mailed_at: row.mailed_at,
            reference,
            title: LocalizedText::new(row.title_ar, row.title_en, row.title_fr),
        })
    }
}

const SELECT: &str = "SELECT n.id, n.user_id, n.kind, n.agreement_id, n.payload, n.created_at, n.read_at, n.mailed_at, \
    a.reference, a.title_ar, a.title_en, a.title_fr FROM notifications n LEFT JOIN agreements a ON a.id = n.agreement_id";

/// A notification to create.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user_id: Uuid,
    pub kind: String,
    pub agreement_id: Option<Uuid>,
    /// What makes it unique for its recipient, e.g. `step_assigned:{step id}`.
    pub key: String,
    /// Details; `key` is added.
    pub payload: serde_json::Value,
}

/// The id of the notification with dedupe key `key` for `user_id`: a UUID
/// (version 8) made of their SHA-256, the same each time.
pub fn notification_id(user_id: Uuid, key: &str) -> Uuid {
    let digest = Sha256::digest(format!("{user_id}|{key}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

/// Creates a notification unless its recipient already has one with the same
/// key. True when it was created.
pub async fn insert_notification(db: &Db, new: &NewNotification, now: i64) -> Result<bool> {
    let mut payload = match &new.payload {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    payload.insert("key".into(), new.key.clone().into());
    let id = notification_id(new.user_id, &new.key);
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO notifications (id, user_id, kind, agreement_id, payload, created_at, read_at, mailed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL) ON CONFLICT (id) DO NOTHING"
        )
        .bind(id.to_string())
        .bind(new.user_id.to_string())
        .bind(new.kind.as_str())
        .bind(new.agreement_id.map(|a| a.to_string()))
        .bind(serde_json::Value::Object(payload).to_string())
        .bind(now)
    )?;
    tx.commit().await?;
    Ok(done > 0)
}

/// A user's notifications, newest first, one page at a time.
pub async fn list_notifications(
    db: &Db,
    user_id: Uuid,
    unread_only: bool,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Notification>> {
    let unread = if unread_only {
        " AND read_at IS NULL"
    } else {
        ""
    };
    let count_sql = format!("SELECT COUNT(*) FROM notifications WHERE user_id = $1{unread}");
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as(&count_sql).bind(user_id.to_string())
    )?;
    let mut sql = Sql::new(&format!("{SELECT} WHERE n.user_id = "));
    let me = sql.arg(Arg::Text(user_id.to_string()));
    sql.push(&me);
    if unread_only {
        sql.push(" AND n.read_at IS NULL");
    }
    if let Some(cursor) = cursor {
        let Arg::Int(at) = cursor.value else {
            return Err(StoreError::invalid("cursor", "invalid_cursor"));
        };
        let at = sql.arg(Arg::Int(at));
        let id = sql.arg(Arg::Text(cursor.id.clone()));
        sql.push(&format!(
            " AND (n.created_at < {at} OR (n.created_at = {at} AND n.id < {id}))"
        ));
    }
    let limit_p = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(
        " ORDER BY n.created_at DESC, n.id DESC LIMIT {limit_p}"
    ));
    let rows: Vec<NotificationRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, NotificationRow>(&sql.text), &sql.args)
    )?;
    let mut items = rows
        .into_iter()
        .map(Notification::try_from)
        .collect::<Result<Vec<_>>>()?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|last| {
            Cursor {
                value: Arg::Int(last.created_at),
                id: last.id.to_string(),
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}

/// One of a user's notifications (none when it is somebody else's).
pub async fn find_notification(db: &Db, user_id: Uuid, id: Uuid) -> Result<Option<Notification>> {
    let sql = format!("{SELECT} WHERE n.id = $1 AND n.user_id = $2");
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, NotificationRow>(&sql)
            .bind(id.to_string())
            .bind(user_id.to_string())
    )?;
    row.map(Notification::try_from).transpose()
}

/// The number of a user's unread notifications (served by the index on
/// `(user_id, read_at, created_at)`).
pub async fn unread_count(db: &Db, user_id: Uuid) -> Result<i64> {
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user_id.to_string())
    )?;
    Ok(n)
}

/// The unread count of the user of a live session, by the session's id hash.
pub async fn unread_count_for_session(db: &Db, id_hash: &str, now: i64) -> Result<i64> {
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as(
            "SELECT COUNT(*) FROM sessions s JOIN notifications n ON n.user_id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND n.read_at IS NULL"
        )
        .bind(id_hash)
        .bind(now)
    )?;
    Ok(n)
}

/// Marks one of the user's notifications read (once; later calls keep the
/// first time). `NotFound` for a notification that is not theirs.
pub async fn mark_read(db: &Db, user_id: Uuid, id: Uuid) -> Result<Notification> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL"
        )
        .bind(now_micros())
        .bind(id.to_string())
        .bind(user_id.to_string())
    )?;
    tx.commit().await?;
    find_notification(db, user_id, id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Marks every unread notification of a user read; returns how many.
pub async fn mark_all_read(db: &Db, user_id: Uuid) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now_micros())
            .bind(user_id.to_string())
    )?;
    tx.commit().await?;
    Ok(n)
}

/// A notification waiting to be mailed, with its recipient.
#[derive(Debug, Clone)]
pub struct MailItem {
    pub notification: Notification,
    pub email: String,
    pub name: String,
    pub lang: Option<Lang>,
}

#[derive(sqlx::FromRow)]
struct MailRow {
    #[sqlx(flatten)]
    n: NotificationRow,
    email: String,
    name: String,
    lang: Option<String>,
}

/// Unread, unmailed notifications created since `since` of enabled users,
/// oldest first.
pub async fn pending_mail(db: &Db, since: i64, limit: i64) -> Result<Vec<MailItem>> {
    let rows: Vec<MailRow> = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, MailRow>(
            "SELECT n.id, n.user_id, n.kind, n.agreement_id, n.payload, n.created_at, n.read_at, n.mailed_at, \
             a.reference, a.title_ar, a.title_en, a.title_fr, u.email, u.name, u.lang \
             FROM users u JOIN notifications n ON n.user_id = u.id LEFT JOIN agreements a ON a.id = n.agreement_id \
             WHERE u.disabled = FALSE AND n.read_at IS NULL AND n.mailed_at IS NULL AND n.created_at >= $1 \
             ORDER BY n.created_at, n.id LIMIT $2"
        )
        .bind(since)
        .bind(limit)
    )?;
    rows.into_iter()
        .map(|row| {
            Ok(MailItem {
                notification: Notification::try_from(row.n)?,
                email: row.email,
                name: row.name,
                lang: row.lang.as_deref().and_then(Lang::parse),
            })
        })
        .collect()
}

/// Records that a notification was mailed.
pub async fn mark_mailed(db: &Db, id: Uuid, at: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE notifications SET mailed_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id.to_string())
    )?;
    tx.commit().await
}

async fn user_ids(db: &Db, sql: &str, binds: &[&str]) -> Result<Vec<Uuid>> {
    let rows: Vec<(String,)> = match binds {
        [a] => db_run!(db, fetch_all, sqlx::query_as(sql).bind(*a))?,
        [a, b] => db_run!(db, fetch_all, sqlx::query_as(sql).bind(*a).bind(*b))?,
        _ => db_run!(db, fetch_all, sqlx::query_as(sql))?,
    };
    rows.iter().map(|(id,)| uuid_of(id)).collect()
}

/// The enabled officers of a unit.
pub async fn officers_of_unit(db: &Db, unit: &str) -> Result<Vec<Uuid>> {
    user_ids(
        db,
        "SELECT id FROM users WHERE role = 'officer' AND unit = $1 AND disabled = FALSE ORDER BY id",
        &[unit],
    )
    .await
}

/// The enabled users a review step is assigned to: its role, and its unit when it names one.
pub async fn step_assignees(db: &Db, role: &str, unit: Option<&str>) -> Result<Vec<Uuid>> {
    match unit {
        Some(unit) => user_ids(
            db,
            "SELECT id FROM users WHERE role = $1 AND unit = $2 AND disabled = FALSE ORDER BY id",
            &[role, unit],
        )
        .await,
        None => {
            user_ids(
                db,
                "SELECT id FROM users WHERE role = $1 AND disabled = FALSE ORDER BY id",
                &[role],
            )
            .await
        }
    }
}

/// An audit event of an agreement, as notifications are made from it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgreementEvent {
    pub seq: i64,
    pub at: i64,
    pub agreement_id: String,
    pub action: String,
    pub after_state: Option<String>,
}

/// The sequence number of the last audit event.
pub async fn last_event_seq(db: &Db) -> Result<i64> {
    let (seq,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT seq FROM audit_head WHERE id = 1")
    )?;
    Ok(seq)
}

/// Agreement events with `after < seq <= upto`, at or after `since`, whose
/// action is one of `actions`, in order, at most `limit`.
pub async fn agreement_events(
    db: &Db,
    after: i64,
    upto: i64,
    since: i64,
    actions: &[&str],
    limit: i64,
) -> Result<Vec<AgreementEvent>> {
    let mut sql = Sql::new(
        "SELECT seq, at, entity_id AS agreement_id, action, after_state FROM audit_events WHERE seq > ",
    );
    let a = sql.arg(Arg::Int(after));
    let u = sql.arg(Arg::Int(upto));
    let s = sql.arg(Arg::Int(since));
    sql.push(&format!(
        "{a} AND seq <= {u} AND at >= {s} AND entity = 'agreement' AND action IN ("
    ));
    let placeholders: Vec<String> = actions
        .iter()
        .map(|action| sql.arg(Arg::Text((*action).to_string())))
        .collect();
    sql.push(&placeholders.join(", "));
    let l = sql.arg(Arg::Int(limit));
    sql.push(&format!(") ORDER BY seq LIMIT {l}"));
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, AgreementEvent>(&sql.text), &sql.args)
    )?)
}

/// An open review step with its agreement.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OpenStep {
    pub step_id: String,
    pub agreement_id: String,
    pub reference: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub title_fr: Option<String>,
    pub role: String,
    pub unit: Option<String>,
    pub due_on: Option<String>,
    pub opened_at: Option<i64>,
}

impl OpenStep {
    /// The agreement's title.
    pub fn title(&self) -> LocalizedText {
        LocalizedText::new(
            self.title_ar.clone(),
            self.title_en.clone(),
            self.title_fr.clone(),
        )
    }
}

const OPEN_STEPS: &str = "SELECT s.id AS step_id, s.agreement_id, a.reference, a.title_ar, a.title_en, a.title_fr, \
    s.role, s.unit, s.due_on, s.opened_at FROM review_steps s JOIN agreements a ON a.id = s.agreement_id \
    WHERE s.opened_at IS NOT NULL AND s.decision IS NULL AND s.voided = FALSE AND a.status = 'review'";

/// Open steps due before `date` (`YYYY-MM-DD`): the overdue ones.
pub async fn overdue_steps(db: &Db, date: &str) -> Result<Vec<OpenStep>> {
    let sql = format!("{OPEN_STEPS} AND s.due_on < $1 ORDER BY s.due_on, s.id");
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, OpenStep>(&sql).bind(date)
    )?)
}

/// The open step of an agreement, if it is in review.
pub async fn open_step_of(db: &Db, agreement_id: &str) -> Result<Option<OpenStep>> {
    let sql =
        format!("{OPEN_STEPS} AND s.agreement_id = $1 ORDER BY s.cycle DESC, s.position LIMIT 1");
    Ok(db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, OpenStep>(&sql).bind(agreement_id)
    )?)
}

/// Open steps assigned to a role (and unit): what a user has to decide.
pub async fn open_steps_for(db: &Db, role: Role, unit: Option<&str>) -> Result<Vec<OpenStep>> {
    let sql = format!(
        "{OPEN_STEPS} AND s.role = $1 AND (s.unit IS NULL OR s.unit = $2) ORDER BY s.due_on, s.id LIMIT 1000"
    );
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, OpenStep>(&sql)
            .bind(role.as_str())
            .bind(unit.unwrap_or_default())
    )?)
}

fn new_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The user's calendar feed token, if one was made.
pub async fn calendar_token(db: &Db, user_id: Uuid) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as("SELECT calendar_token FROM users WHERE id = $1").bind(user_id.to_string())
    )?;
    Ok(row.and_then(|(t,)| t))
}

async fn write_token(db: &Db, user_id: Uuid, only_if_none: bool) -> Result<()> {
    let condition = if only_if_none {
        " AND calendar_token IS NULL"
    } else {
        ""
    };
    let sql = format!("UPDATE users SET calendar_token = $1 WHERE id = $2{condition}");
    let id = user_id.to_string();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(&sql).bind(new_token()).bind(id.as_str())
    )?;
    if done > 0 {
        let action = if only_if_none {
            "create_calendar_token"
        } else {
            "reset_calendar_token"
        };
        audit::append(&mut tx, Some(user_id), "user", &id, action, None, None).await?;
    }
    tx.commit().await
}

/// The user's calendar feed token, made on first use.
pub async fn ensure_calendar_token(db: &Db, user_id: Uuid) -> Result<String> {
    if let Some(token) = calendar_token(db, user_id).await? {
        return Ok(token);
    }
    write_token(db, user_id, true).await?;
    calendar_token(db, user_id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Replaces the user's calendar feed token: the old address stops working.
pub async fn reset_calendar_token(db: &Db, user_id: Uuid) -> Result<String> {
    write_token(db, user_id, false).await?;
    calendar_token(db, user_id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The enabled user whose calendar feed token this is.
pub async fn user_by_calendar_token(db: &Db, token: &str) -> Result<Option<crate::users::User>> {
    if token.is_empty() {
        return Ok(None);
    }
    let row: Option<(String,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as("SELECT id FROM users WHERE calendar_token = $1 AND disabled = FALSE")
            .bind(token)
    )?;
    match row {
        Some((id,)) => crate::users::find_user(db, uuid_of(&id)?).await,
        None => Ok(None),
    }
}

/// An agreement's dates, as a calendar feed shows them.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CalendarAgreement {
    pub id: String,
    pub reference: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub title_fr: Option<String>,
    pub status: String,
    pub entry_into_force_on: Option<String>,
    pub ends_on: Option<String>,
    pub auto_renew: bool,
    pub notice_days: Option<i64>,
    pub updated_at: i64,
}

impl CalendarAgreement {
    /// The agreement's title.
    pub fn title(&self) -> LocalizedText {
        LocalizedText::new(
            self.title_ar.clone(),
            self.title_en.clone(),
            self.title_fr.clone(),
        )
    }
}

/// A signature of an agreement, as a calendar feed shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CalendarSignature {
    pub id: String,
    pub agreement_id: String,
    pub reference: String,
    pub party: String,
    pub signatory: String,
    pub signed_on: String,
    pub place: Option<String>,
    pub recorded_at: i64,
}

/// The condition on `a` for the agreements in a user's feed: owned by them or
/// led by their unit, visible to them, not withdrawn, not ended before `since`.
fn feed_condition(sql: &mut Sql, reader: &Reader, since: &str) {
    let me = sql.arg(Arg::Text(reader.user_id.to_string()));
    match &reader.unit {
        Some(unit) => {
            let unit = sql.arg(Arg::Text(unit.clone()));
            sql.push(&format!(" AND (a.owner_id = {me} OR a.lead_unit = {unit})"));
        }
        None => sql.push(&format!(" AND a.owner_id = {me}")),
    }
    let since = sql.arg(Arg::Text(since.to_string()));
    sql.push(&format!(
        " AND a.status <> 'withdrawn' AND (a.ends_on IS NULL OR a.ends_on >= {since})"
    ));
    push_visibility(sql, reader);
}

/// The agreements of a user's feed (see [`feed_condition`]), at most 2,000.
pub async fn calendar_agreements(
    db: &Db,
    reader: &Reader,
    since: &str,
) -> Result<Vec<CalendarAgreement>> {
    let mut sql = Sql::new(
        "SELECT a.id, a.reference, a.title_ar, a.title_en, a.title_fr, a.status, a.entry_into_force_on, a.ends_on, \
         a.auto_renew, a.notice_days, a.updated_at FROM agreements a WHERE 1 = 1",
    );
    feed_condition(&mut sql, reader, since);
    sql.push(" ORDER BY a.id LIMIT 2000");
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, CalendarAgreement>(&sql.text), &sql.args)
    )?)
}

/// The signatures of the agreements of a user's feed, signed on or after `since`.
pub async fn calendar_signatures(
    db: &Db,
    reader: &Reader,
    since: &str,
) -> Result<Vec<CalendarSignature>> {
    let mut sql = Sql::new(
        "SELECT s.id, s.agreement_id, a.reference, s.party, s.signatory, s.signed_on, s.place, s.recorded_at \
         FROM signatures s JOIN agreements a ON a.id = s.agreement_id WHERE s.signed_on >= ",
    );
    let p = sql.arg(Arg::Text(since.to_string()));
    sql.push(&p);
    feed_condition(&mut sql, reader, since);
    sql.push(" ORDER BY s.signed_on, s.id LIMIT 2000");
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, CalendarSignature>(&sql.text), &sql.args)
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_ids_are_stable_per_recipient_and_key() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert_eq!(notification_id(a, "k"), notification_id(a, "k"));
        assert_ne!(notification_id(a, "k"), notification_id(b, "k"));
        assert_ne!(notification_id(a, "k"), notification_id(a, "l"));
        assert_eq!(notification_id(a, "k").get_version_num(), 8);
    }
}
