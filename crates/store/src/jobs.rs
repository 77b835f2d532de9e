//! Scheduled jobs and the time-driven moves of the agreement lifecycle.
//!
//! A job is a row of `jobs`, due at `run_at`. A node takes a due job by
//! setting a lease on it in one conditional `UPDATE` (the same text on both
//! engines), so that with several nodes on one database each run happens once:
//! on PostgreSQL a second node's `UPDATE` waits for the first one's row lock,
//! then re-checks the lease and finds it taken. When the lease runs out (the
//! node died), the job is due again. [`complete`] records the outcome and the
//! next run; everything is in the database, so it survives restarts.
//!
//! The lifecycle moves ([`activate`], [`expire`], [`renew`]) each run in one
//! transaction with their audit events, and re-check the status inside it, so
//! that running them twice, or on two nodes, changes nothing more.

use crate::agreements::{Agreement, find_agreement, insert_agreement_in, move_status_in};
use crate::list::{Arg, Sql};
use crate::{Db, Result, StoreError, audit};
use accord_domain::agreement::{Action, AgreementStatus};
use accord_domain::values;
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// The periodic job that moves agreements on with the calendar and notifies people.
pub const LIFECYCLE_TICK: &str = "lifecycle_tick";

/// A scheduled job.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Job {
    pub id: String,
    pub kind: String,
    /// When it is due (microseconds since the epoch).
    pub run_at: i64,
    /// The node holding the lease, while one runs it.
    pub lease_owner: Option<String>,
    pub lease_until: Option<i64>,
    /// Claims since the last success.
    pub attempts: i64,
    pub last_error: Option<String>,
    pub last_run_at: Option<i64>,
    /// A JSON summary of the last successful run.
    pub last_result: Option<String>,
}

impl Job {
    /// The last result as JSON (Null when none or unreadable).
    pub fn result_json(&self) -> serde_json::Value {
        self.last_result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or(serde_json::Value::Null)
    }
}

const JOB_COLUMNS: &str =
    "id, kind, run_at, lease_owner, lease_until, attempts, last_error, last_run_at, last_result";

/// Creates the job `id` of `kind`, due at `run_at`, unless it exists.
pub async fn ensure_job(db: &Db, id: &str, kind: &str, run_at: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO jobs (id, kind, run_at, lease_owner, lease_until, attempts, last_error, last_run_at, last_result) \
             VALUES ($1, $2, $3, NULL, NULL, 0, NULL, NULL, NULL) ON CONFLICT (id) DO NOTHING"
        )
        .bind(id)
        .bind(kind)
        .bind(run_at)
    )?;
    tx.commit().await
}

/// One job by id.
pub async fn find_job(db: &Db, id: &str) -> Result<Option<Job>> {
    let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1");
    Ok(db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, Job>(&sql).bind(id)
    )?)
}

/// Makes a job due at `at` (e.g. now, to run it at once).
pub async fn set_run_at(db: &Db, id: &str, at: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE jobs SET run_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
    )?;
    tx.commit().await
}

/// Takes the most overdue job of one of `kinds` that is due at `now` and not
/// leased, with a lease of `lease_micros` for `node_id`. `None` when there is
/// none, or when another node took it first.
pub async fn claim_at(
    db: &Db,
    node_id: &str,
    kinds: &[&str],
    lease_micros: i64,
    now: i64,
) -> Result<Option<Job>> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let mut sql = Sql::new("UPDATE jobs SET lease_owner = ");
    let owner = sql.arg(Arg::Text(node_id.to_string()));
    let until = sql.arg(Arg::Int(now.saturating_add(lease_micros)));
    let now_p = sql.arg(Arg::Int(now));
    sql.push(&format!(
        "{owner}, lease_until = {until}, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE run_at <= {now_p} AND (lease_until IS NULL OR lease_until < {now_p}) AND kind IN ("
    ));
    let mut placeholders = Vec::new();
    for kind in kinds {
        placeholders.push(sql.arg(Arg::Text((*kind).to_string())));
    }
    sql.push(&placeholders.join(", "));
    sql.push(&format!(
        ") ORDER BY run_at, id LIMIT 1) AND (lease_until IS NULL OR lease_until < {now_p}) RETURNING {JOB_COLUMNS}"
    ));
    let mut tx = db.begin().await?;
    let job = tx_run!(
        &mut tx,
        fetch_optional,
        bind_args!(sqlx::query_as::<_, Job>(&sql.text), &sql.args)
    )?;
    tx.commit().await?;
    Ok(job)
}

/// [`claim_at`] now.
pub async fn claim(
    db: &Db,
    node_id: &str,
    kinds: &[&str],
    lease: std::time::Duration,
) -> Result<Option<Job>> {
    let lease_micros = i64::try_from(lease.as_micros()).unwrap_or(i64::MAX);
    claim_at(db, node_id, kinds, lease_micros, crate::now_micros()).await
}

/// Records a successful run of a job leased by `node_id`: the time, the
/// summary, and the next run. False when the lease was lost meanwhile (another
/// node took the job after the lease ran out).
pub async fn complete(
    db: &Db,
    id: &str,
    node_id: &str,
    result: &serde_json::Value,
    next_run_at: i64,
) -> Result<bool> {
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, attempts = 0, last_error = NULL, \
             last_run_at = $1, last_result = $2, run_at = $3 WHERE id = $4 AND lease_owner = $5"
        )
        .bind(crate::now_micros())
        .bind(result.to_string())
        .bind(next_run_at)
        .bind(id)
        .bind(node_id)
    )?;
    tx.commit().await?;
    Ok(done > 0)
}

/// Records a failed run: the error, and a retry at `retry_at`. The last
/// successful result is kept.
pub async fn fail(db: &Db, id: &str, node_id: &str, error: &str, retry_at: i64) -> Result<bool> {
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, last_error = $1, run_at = $2 \
             WHERE id = $3 AND lease_owner = $4"
        )
        .bind(error.chars().take(2000).collect::<String>())
        .bind(retry_at)
        .bind(id)
        .bind(node_id)
    )?;
    tx.commit().await?;
    Ok(done > 0)
}

async fn agreement_ids(db: &Db, sql: &str, date: Date) -> Result<Vec<Agreement>> {
    let ids: Vec<(String,)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(sql).bind(values::format_date(date))
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for (id,) in ids {
        let id = Uuid::parse_str(&id).map_err(|_| StoreError::Corrupt("id".into()))?;
        if let Some(agreement) = find_agreement(db, id).await? {
            out.push(agreement);
        }
    }
    Ok(out)
}

/// Validated agreements whose date of entry into force has come.
pub async fn due_for_entry_into_force(db: &Db, today: Date) -> Result<Vec<Agreement>> {
    agreement_ids(
        db,
        "SELECT id FROM agreements WHERE status = 'validation' AND entry_into_force_on IS NOT NULL \
         AND entry_into_force_on <= $1 ORDER BY entry_into_force_on, id",
        today,
    )
    .await
}

/// Agreements in force (active or suspended) whose end date has passed.
pub async fn past_end(db: &Db, today: Date) -> Result<Vec<Agreement>> {
    agreement_ids(
        db,
        "SELECT id FROM agreements WHERE status IN ('active', 'suspended') AND ends_on IS NOT NULL \
         AND ends_on < $1 ORDER BY ends_on, id",
        today,
    )
    .await
}

/// Agreements in force whose end date lies between `today` and `until`
/// (inclusive): the candidates for expiry warnings and notice deadlines.
pub async fn ending_between(db: &Db, today: Date, until: Date) -> Result<Vec<Agreement>> {
    let ids: Vec<(String,)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(
            "SELECT id FROM agreements WHERE status IN ('active', 'suspended') AND ends_on IS NOT NULL \
             AND ends_on >= $1 AND ends_on <= $2 ORDER BY ends_on, id"
        )
        .bind(values::format_date(today))
        .bind(values::format_date(until))
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for (id,) in ids {
        let id = Uuid::parse_str(&id).map_err(|_| StoreError::Corrupt("id".into()))?;
        if let Some(agreement) = find_agreement(db, id).await? {
            out.push(agreement);
        }
    }
    Ok(out)
}

/// Active agreements that renew automatically and have not ended before `today`.
pub async fn auto_renewing(db: &Db, today: Date) -> Result<Vec<Agreement>> {
    agreement_ids(
        db,
        "SELECT id FROM agreements WHERE status = 'active' AND auto_renew = TRUE AND ends_on IS NOT NULL \
         AND ends_on >= $1 ORDER BY ends_on, id",
        today,
    )
    .await
}

/// Moves one agreement by a system action (no actor) if it is still as read.
async fn system_move(
    db: &Db,
    agreement: &Agreement,
    action: Action,
    to: AgreementStatus,
    reason: Option<&str>,
    now: i64,
) -> Result<bool> {
    let mut tx = db.begin().await?;
    let moved = move_status_in(&mut tx, None, agreement, action, to, reason, None, now).await?;
    if moved {
        tx.commit().await?;
    }
    Ok(moved)
}

/// Activates a validated agreement whose date has come. False when it was
/// not in validation any more (someone, or another node, moved it first).
pub async fn activate(db: &Db, agreement: &Agreement, now: i64) -> Result<bool> {
    if agreement.status != AgreementStatus::Validation {
        return Ok(false);
    }
    system_move(
        db,
        agreement,
        Action::EnterIntoForce,
        AgreementStatus::Active,
        None,
        now,
    )
    .await
}

/// Expires an agreement in force whose end date has passed.
pub async fn expire(db: &Db, agreement: &Agreement, now: i64) -> Result<bool> {
    if !agreement.status.is_in_force() {
        return Ok(false);
    }
    system_move(
        db,
        agreement,
        Action::Expire,
        AgreementStatus::Expired,
        Some("end_date_reached"),
        now,
    )
    .await
}

/// `date` plus `months` whole months, the day clamped to the month's length.
pub fn add_months(date: Date, months: i64) -> Date {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(date.year());
    let month = u8::try_from(index.rem_euclid(12) + 1)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .unwrap_or(date.month());
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// The term of a renewal: it starts the day after `ends_on` and lasts as long
/// as the term it follows, in whole months when that term was in whole months
/// (1 Jan 2024 – 31 Dec 2024 is followed by 1 Jan 2025 – 31 Dec 2025), else in
/// days; a year when the old term had no start.
pub fn renewal_term(starts_on: Option<Date>, ends_on: Date) -> (Date, Date) {
    let new_start = ends_on.next_day().unwrap_or(ends_on);
    let Some(start) = starts_on.filter(|s| *s <= ends_on) else {
        return (
            new_start,
            add_months(new_start, 12)
                .previous_day()
                .unwrap_or(new_start),
        );
    };
    let months = (i64::from(new_start.year()) - i64::from(start.year())) * 12
        + i64::from(u8::from(new_start.month()))
        - i64::from(u8::from(start.month()));
    let new_end = if months > 0 && add_months(start, months) == new_start {
        add_months(new_start, months)
    } else {
        new_start + (new_start - start)
    };
    (new_start, new_end.previous_day().unwrap_or(new_end))
}

/// The agreement that renews `id`, if one exists (withdrawn ones do not count).
pub async fn find_successor(db: &Db, id: Uuid) -> Result<Option<Uuid>> {
    let row: Option<(String,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as(
            "SELECT id FROM agreements WHERE renews_id = $1 AND status <> 'withdrawn' ORDER BY created_at, id LIMIT 1"
        )
        .bind(id.to_string())
    )?;
    row.map(|(id,)| Uuid::parse_str(&id).map_err(|_| StoreError::Corrupt("id".into())))
        .transpose()
}

/// What an automatic renewal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renewal {
    /// A successor was created (its id and reference) and the old agreement expired.
    Renewed { successor: Uuid, reference: String },
    /// A successor already existed (renewed by hand): the old agreement only expired.
    ExpiredOnly,
    /// Nothing: the agreement had moved meanwhile.
    Skipped,
}

/// Renews an auto-renewing agreement whose end date has passed: in one
/// transaction, a successor in force (linked by `renews_id`, the same terms,
/// the term shifted by [`renewal_term`], its own reference number) and the
/// expiry of the old one. When a successor exists already, only expires.
pub async fn renew(db: &Db, org: &str, agreement: &Agreement, now: i64) -> Result<Renewal> {
    if agreement.status != AgreementStatus::Active {
        return Ok(Renewal::Skipped);
    }
    let Some(ends_on) = agreement.fields.ends_on else {
        return Ok(Renewal::Skipped);
    };
    if find_successor(db, agreement.id).await?.is_some() {
        return Ok(if expire(db, agreement, now).await? {
            Renewal::ExpiredOnly
        } else {
            Renewal::Skipped
        });
    }
    let (starts_on, new_end) = renewal_term(agreement.fields.starts_on, ends_on);
    let mut fields = agreement.fields.clone();
    fields.starts_on = Some(starts_on);
    fields.ends_on = Some(new_end);
    fields.renews_id = Some(agreement.id);
    fields.amends_id = None;
    let id = Uuid::now_v7();
    let mut tx = db.begin().await?;
    let mut successor =
        insert_agreement_in(&mut tx, db, id, now, org, fields, AgreementStatus::Active).await?;
    let id_text = id.to_string();
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE agreements SET entry_into_force_on = $1 WHERE id = $2")
            .bind(values::format_date(starts_on))
            .bind(id_text.as_str())
    )?;
    successor.entry_into_force_on = Some(starts_on);
    let mut snapshot = successor.snapshot();
    if let Some(map) = snapshot.as_object_mut() {
        map.insert("automatic_renewal".into(), true.into());
    }
    audit::append(
        &mut tx,
        None,
        "agreement",
        &id_text,
        "create",
        None,
        Some(&snapshot),
    )
    .await?;
    let reason = format!("renewed_as {}", successor.reference);
    if !move_status_in(
        &mut tx,
        None,
        agreement,
        Action::Expire,
        AgreementStatus::Expired,
        Some(&reason),
        None,
        now,
    )
    .await?
    {
        // Someone moved it meanwhile: drop the successor with the transaction.
        return Ok(Renewal::Skipped);
    }
    tx.commit().await?;
    Ok(Renewal::Renewed {
        successor: id,
        reference: successor.reference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn renewal_terms_follow_whole_months_and_days() {
        assert_eq!(
            renewal_term(Some(date!(2024 - 01 - 01)), date!(2024 - 12 - 31)),
            (date!(2025 - 01 - 01), date!(2025 - 12 - 31))
        );
        assert_eq!(
            renewal_term(Some(date!(2023 - 03 - 01)), date!(2023 - 08 - 31)),
            (date!(2023 - 09 - 01), date!(2024 - 02 - 29))
        );
        assert_eq!(
            renewal_term(Some(date!(2024 - 01 - 10)), date!(2024 - 01 - 19)),
            (date!(2024 - 01 - 20), date!(2024 - 01 - 29))
        );
        assert_eq!(
            renewal_term(None, date!(2024 - 06 - 30)),
            (date!(2024 - 07 - 01), date!(2025 - 06 - 30))
        );
        assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2024 - 11 - 15), 3), date!(2025 - 02 - 15));
    }
}
