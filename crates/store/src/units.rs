//! Units: the organization's sectors, centres, departments and the General Directorate.

use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::LocalizedText;
use serde::Serialize;
use uuid::Uuid;

/// Kinds of unit.
pub const UNIT_KINDS: [&str; 4] = ["sector", "centre", "department", "directorate"];

/// A unit as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct UnitRow {
    pub code: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub name_fr: Option<String>,
    pub kind: String,
    pub active: bool,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl UnitRow {
    /// The unit's name in three languages.
    pub fn name(&self) -> LocalizedText {
        LocalizedText::new(
            self.name_ar.clone(),
            self.name_en.clone(),
            self.name_fr.clone(),
        )
    }
}

const COLUMNS: &str =
    "code, name_ar, name_en, name_fr, kind, active, version, created_at, updated_at";

/// Every unit, by code.
pub async fn list_units(db: &Db) -> Result<Vec<UnitRow>> {
    let sql = format!("SELECT {COLUMNS} FROM units ORDER BY code");
    Ok(db_run!(db, fetch_all, sqlx::query_as::<_, UnitRow>(&sql))?)
}

/// One unit.
pub async fn find_unit(db: &Db, code: &str) -> Result<Option<UnitRow>> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE code = $1");
    Ok(db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, UnitRow>(&sql).bind(code)
    )?)
}

/// Validated fields of a unit.
#[derive(Debug, Clone)]
pub struct UnitFields {
    pub name: LocalizedText,
    pub kind: String,
    pub active: bool,
}

/// Creates or updates a unit (admin), with its audit event.
pub async fn save_unit(
    db: &Db,
    actor: Option<Uuid>,
    code: &str,
    expected_version: Option<i64>,
    fields: &UnitFields,
) -> Result<UnitRow> {
    if fields.name.is_empty() {
        return Err(StoreError::invalid("name", "required"));
    }
    if !UNIT_KINDS.contains(&fields.kind.as_str()) {
        return Err(StoreError::invalid("kind", "invalid_choice"));
    }
    let code_ok = !code.is_empty()
        && code.len() <= 12
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !code_ok {
        return Err(StoreError::invalid("code", "invalid_code"));
    }
    let before = find_unit(db, code).await?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    let name = &fields.name;
    match &before {
        None => {
            tx_exec!(
                &mut tx,
                sqlx::query(
                    "INSERT INTO units (code, name_ar, name_en, name_fr, kind, active, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)"
                )
                .bind(code)
                .bind(name.ar.clone())
                .bind(name.en.clone())
                .bind(name.fr.clone())
                .bind(fields.kind.as_str())
                .bind(fields.active)
                .bind(now)
            )?;
        }
        Some(current) => {
            let expected = expected_version.unwrap_or(current.version);
            let done = tx_exec!(
                &mut tx,
                sqlx::query(
                    "UPDATE units SET name_ar = $1, name_en = $2, name_fr = $3, kind = $4, active = $5, \
                     version = version + 1, updated_at = $6 WHERE code = $7 AND version = $8"
                )
                .bind(name.ar.clone())
                .bind(name.en.clone())
                .bind(name.fr.clone())
                .bind(fields.kind.as_str())
                .bind(fields.active)
                .bind(now)
                .bind(code)
                .bind(expected)
            )?;
            if done == 0 {
                return Err(StoreError::VersionConflict {
                    current: current.version,
                });
            }
        }
    }
    let after = serde_json::json!({"code": code, "name": name, "kind": fields.kind, "active": fields.active});
    let before_json = before.as_ref().map(|b| {
        serde_json::json!({"code": b.code, "name": b.name(), "kind": b.kind, "active": b.active})
    });
    let action = if before.is_some() { "update" } else { "create" };
    audit::append(
        &mut tx,
        actor,
        "unit",
        code,
        action,
        before_json.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    find_unit(db, code).await?.ok_or(StoreError::NotFound)
}
