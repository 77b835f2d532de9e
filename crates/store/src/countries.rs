//! Countries and the organization's membership status over time.

use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::{Lang, LocalizedText};
use serde::Serialize;
use uuid::Uuid;

/// Membership statuses of a state.
pub const MEMBERSHIPS: [&str; 3] = ["member", "observer", "non_member"];

/// A country as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CountryRow {
    pub code: String,
    pub iso3: String,
    pub numeric_code: String,
    pub name_en: String,
    pub name_fr: String,
    pub name_ar: String,
    pub oic_member: bool,
    pub membership: String,
    pub membership_since: Option<String>,
    pub membership_verified: bool,
    pub version: i64,
    pub updated_at: i64,
}

impl CountryRow {
    /// The country's name in three languages.
    pub fn name(&self) -> LocalizedText {
        LocalizedText::new(
            Some(self.name_ar.clone()),
            Some(self.name_en.clone()),
            Some(self.name_fr.clone()),
        )
    }

    /// The name in one language.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.name_ar,
            Lang::En => &self.name_en,
            Lang::Fr => &self.name_fr,
        }
    }
}

/// One change of a country's membership.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MembershipChange {
    pub membership: String,
    pub since: Option<String>,
    pub verified: bool,
    pub note: Option<String>,
    pub changed_by: Option<String>,
    pub changed_at: i64,
}

const COLUMNS: &str = "code, iso3, numeric_code, name_en, name_fr, name_ar, oic_member, membership, membership_since, membership_verified, version, updated_at";

/// Every country, optionally only those with one membership status, by English name.
pub async fn list_countries(db: &Db, membership: Option<&str>) -> Result<Vec<CountryRow>> {
    let rows = match membership {
        Some(m) => {
            let sql =
                format!("SELECT {COLUMNS} FROM countries WHERE membership = $1 ORDER BY name_en");
            db_run!(db, fetch_all, sqlx::query_as::<_, CountryRow>(&sql).bind(m))?
        }
        None => {
            let sql = format!("SELECT {COLUMNS} FROM countries ORDER BY name_en");
            db_run!(db, fetch_all, sqlx::query_as::<_, CountryRow>(&sql))?
        }
    };
    Ok(rows)
}

/// One country by its alpha-2 code.
pub async fn find_country(db: &Db, code: &str) -> Result<Option<CountryRow>> {
    let sql = format!("SELECT {COLUMNS} FROM countries WHERE code = $1");
    Ok(db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, CountryRow>(&sql).bind(code)
    )?)
}

/// The membership history of a country, newest first.
pub async fn membership_history(db: &Db, code: &str) -> Result<Vec<MembershipChange>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, MembershipChange>(
            "SELECT membership, since, verified, note, changed_by, changed_at FROM membership_changes \
             WHERE country = $1 ORDER BY changed_at DESC, id DESC"
        )
        .bind(code)
    )?)
}

/// A requested change of membership.
#[derive(Debug, Clone)]
pub struct MembershipUpdate {
    pub membership: String,
    pub since: Option<String>,
    pub verified: bool,
    pub note: Option<String>,
}

/// Sets a country's membership (admin), keeping the change in its history and the audit log.
pub async fn update_membership(
    db: &Db,
    actor: Option<Uuid>,
    code: &str,
    expected_version: Option<i64>,
    update: &MembershipUpdate,
) -> Result<CountryRow> {
    if !MEMBERSHIPS.contains(&update.membership.as_str()) {
        return Err(StoreError::invalid("membership", "invalid_choice"));
    }
    if let Some(since) = &update.since {
        accord_domain::values::date(since)
            .map_err(|code| StoreError::invalid("membership_since", code))?;
    }
    let current = find_country(db, code).await?.ok_or(StoreError::NotFound)?;
    let expected = expected_version.unwrap_or(current.version);
    let mut tx = db.begin().await?;
    set_membership_in(&mut tx, actor, &current, expected, update).await?;
    tx.commit().await?;
    find_country(db, code).await?.ok_or(StoreError::NotFound)
}

/// Writes a membership change inside the caller's transaction: the country row
/// (if still at `expected_version`), a history row and the audit event.
pub async fn set_membership_in(
    tx: &mut crate::Tx,
    actor: Option<Uuid>,
    current: &CountryRow,
    expected_version: i64,
    update: &MembershipUpdate,
) -> Result<()> {
    let code = current.code.as_str();
    let now = now_micros();
    let done = tx_exec!(
        tx,
        sqlx::query(
            "UPDATE countries SET membership = $1, membership_since = $2, membership_verified = $3, \
             version = version + 1, updated_at = $4 WHERE code = $5 AND version = $6"
        )
        .bind(update.membership.as_str())
        .bind(update.since.clone())
        .bind(update.verified)
        .bind(now)
        .bind(code)
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO membership_changes (id, country, membership, since, verified, note, changed_by, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(Uuid::now_v7().to_string())
        .bind(code)
        .bind(update.membership.as_str())
        .bind(update.since.clone())
        .bind(update.verified)
        .bind(update.note.clone())
        .bind(actor.map(|a| a.to_string()))
        .bind(now)
    )?;
    let before = serde_json::json!({
        "membership": current.membership, "membership_since": current.membership_since,
        "membership_verified": current.membership_verified,
    });
    let after = serde_json::json!({
        "membership": update.membership, "membership_since": update.since,
        "membership_verified": update.verified, "note": update.note,
    });
    audit::append(
        tx,
        actor,
        "country",
        code,
        "update_membership",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}

/// One country, read inside a write transaction.
pub async fn find_country_in(tx: &mut crate::Tx, code: &str) -> Result<Option<CountryRow>> {
    let sql = format!("SELECT {COLUMNS} FROM countries WHERE code = $1");
    Ok(tx_run!(
        tx,
        fetch_optional,
        sqlx::query_as::<_, CountryRow>(&sql).bind(code)
    )?)
}
