//! Users, their sessions, personal API tokens and the record of log-in attempts.
//! Secrets (session ids, tokens) are stored only as SHA-256 hashes; passwords
//! arrive here already hashed with Argon2id by the web layer.

use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::{Lang, Role};
use serde::Serialize;
use uuid::Uuid;

/// A user account.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: Uuid,
    pub version: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit: Option<String>,
    pub organization_id: Option<Uuid>,
    pub lang: Option<Lang>,
    pub disabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    version: i64,
    email: String,
    name: String,
    role: String,
    unit: Option<String>,
    organization_id: Option<String>,
    lang: Option<String>,
    disabled: bool,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<User> {
        Ok(User {
            id: Uuid::parse_str(&row.id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            version: row.version,
            email: row.email,
            name: row.name,
            role: Role::parse(&row.role)
                .map_err(|_| StoreError::Corrupt(format!("role {}", row.role)))?,
            unit: row.unit,
            organization_id: row.organization_id.and_then(|o| Uuid::parse_str(&o).ok()),
            lang: row.lang.as_deref().and_then(Lang::parse),
            disabled: row.disabled,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl User {
    /// The audit snapshot of a user (never the password hash).
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({
            "email": self.email, "name": self.name, "role": self.role, "unit": self.unit,
            "organization_id": self.organization_id, "lang": self.lang, "disabled": self.disabled,
        })
    }
}

const COLUMNS: &str = "u.id, u.version, u.email, u.name, u.role, u.unit, u.organization_id, u.lang, u.disabled, u.created_at, u.updated_at";

/// Sets a user's fields: what an admin may change.
#[derive(Debug, Clone)]
pub struct UserFields {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit: Option<String>,
    pub organization_id: Option<Uuid>,
    pub lang: Option<Lang>,
    pub disabled: bool,
}

async fn check_links(db: &Db, fields: &UserFields) -> Result<()> {
    let mut errors = accord_domain::FieldErrors::new();
    if fields.name.trim().is_empty() {
        errors.add("name", "required");
    }
    if let Some(unit) = &fields.unit {
        if crate::units::find_unit(db, unit).await?.is_none() {
            errors.add("unit", "unknown_unit");
        }
    } else if fields.role.needs_unit() {
        errors.add("unit", "required");
    }
    match (fields.role, fields.organization_id) {
        (Role::Partner, None) => errors.add("organization_id", "required"),
        (Role::Partner, Some(org)) if crate::partners::find_partner(db, org).await?.is_none() => {
            errors.add("organization_id", "unknown_partner");
        }
        _ => {}
    }
    Ok(errors.into_result()?)
}

/// Creates a user.
pub async fn insert_user(
    db: &Db,
    actor: Option<Uuid>,
    fields: &UserFields,
    password_hash: Option<&str>,
) -> Result<User> {
    check_links(db, fields).await?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO users (id, version, email, name, role, unit, organization_id, lang, password_hash, disabled, created_at, updated_at) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
        )
        .bind(id.to_string())
        .bind(fields.email.as_str())
        .bind(fields.name.trim())
        .bind(fields.role.as_str())
        .bind(fields.unit.clone())
        .bind(fields.organization_id.map(|o| o.to_string()))
        .bind(fields.lang.map(|l| l.code()))
        .bind(password_hash)
        .bind(fields.disabled)
        .bind(now)
    )
    .map_err(|e| StoreError::from(e).unique_as("email"))?;
    let user = User {
        id,
        version: 1,
        email: fields.email.clone(),
        name: fields.name.trim().to_string(),
        role: fields.role,
        unit: fields.unit.clone(),
        organization_id: fields.organization_id,
        lang: fields.lang,
        disabled: fields.disabled,
        created_at: now,
        updated_at: now,
    };
    audit::append(
        &mut tx,
        actor,
        "user",
        &id.to_string(),
        "create",
        None,
        Some(&user.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Changes a user's fields, refusing a stale version.
pub async fn update_user(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    expected_version: i64,
    fields: &UserFields,
) -> Result<User> {
    let current = find_user(db, id).await?.ok_or(StoreError::NotFound)?;
    check_links(db, fields).await?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE users SET email = $1, name = $2, role = $3, unit = $4, organization_id = $5, lang = $6, disabled = $7, \
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10"
        )
        .bind(fields.email.as_str())
        .bind(fields.name.trim())
        .bind(fields.role.as_str())
        .bind(fields.unit.clone())
        .bind(fields.organization_id.map(|o| o.to_string()))
        .bind(fields.lang.map(|l| l.code()))
        .bind(fields.disabled)
        .bind(now)
        .bind(id.to_string())
        .bind(expected_version)
    )
    .map_err(|e| StoreError::from(e).unique_as("email"))?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    if fields.disabled {
        tx_exec!(
            &mut tx,
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.to_string())
        )?;
    }
    let updated = User {
        version: current.version + 1,
        email: fields.email.clone(),
        name: fields.name.trim().to_string(),
        role: fields.role,
        unit: fields.unit.clone(),
        organization_id: fields.organization_id,
        lang: fields.lang,
        disabled: fields.disabled,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        actor,
        "user",
        &id.to_string(),
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// Sets a user's interface language (their own preference; audited).
pub async fn set_language(db: &Db, id: Uuid, lang: Lang) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE users SET lang = $1, version = version + 1, updated_at = $2 WHERE id = $3"
        )
        .bind(lang.code())
        .bind(now_micros())
        .bind(id.to_string())
    )?;
    let after = serde_json::json!({ "lang": lang });
    audit::append(
        &mut tx,
        Some(id),
        "user",
        &id.to_string(),
        "set_language",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await
}

/// Replaces a user's password hash and ends their other sessions.
pub async fn set_password(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    password_hash: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(now_micros())
            .bind(id.to_string())
    )?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.to_string())
    )?;
    audit::append(
        &mut tx,
        actor,
        "user",
        &id.to_string(),
        "set_password",
        None,
        None,
    )
    .await?;
    tx.commit().await
}

/// One user by id.
pub async fn find_user(db: &Db, id: Uuid) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.id = $1");
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, UserRow>(&sql).bind(id.to_string())
    )?;
    row.map(User::try_from).transpose()
}

/// One user by e-mail, with their password hash.
pub async fn find_user_by_email(db: &Db, email: &str) -> Result<Option<(User, Option<String>)>> {
    let sql = format!("SELECT {COLUMNS}, u.password_hash FROM users u WHERE u.email = $1");
    #[derive(sqlx::FromRow)]
    struct WithHash {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: Option<String>,
    }
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, WithHash>(&sql).bind(email)
    )?;
    row.map(|r| Ok((User::try_from(r.user)?, r.password_hash)))
        .transpose()
}

/// Every user, by name.
pub async fn list_users(db: &Db) -> Result<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users u ORDER BY u.name, u.id");
    let rows = db_run!(db, fetch_all, sqlx::query_as::<_, UserRow>(&sql))?;
    rows.into_iter().map(User::try_from).collect()
}

/// Stores a new session.
pub async fn insert_session(
    db: &Db,
    id_hash: &str,
    user_id: Uuid,
    csrf_token: &str,
    expires_at: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash)
            .bind(user_id.to_string())
            .bind(csrf_token)
            .bind(now_micros())
            .bind(expires_at)
    )?;
    // Expired sessions are swept on each log-in.
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now_micros())
    )?;
    let after = serde_json::json!({ "event": "login" });
    audit::append(
        &mut tx,
        Some(user_id),
        "user",
        &user_id.to_string(),
        "login",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await
}

/// The live session with this id hash: its user (not disabled) and CSRF token.
pub async fn find_session(db: &Db, id_hash: &str) -> Result<Option<(User, String)>> {
    let sql = format!(
        "SELECT {COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = $3"
    );
    #[derive(sqlx::FromRow)]
    struct WithCsrf {
        #[sqlx(flatten)]
        user: UserRow,
        csrf_token: String,
    }
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, WithCsrf>(&sql)
            .bind(id_hash)
            .bind(now_micros())
            .bind(false)
    )?;
    row.map(|r| Ok((User::try_from(r.user)?, r.csrf_token)))
        .transpose()
}

/// Ends a session.
pub async fn delete_session(db: &Db, id_hash: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash)
    )?;
    tx.commit().await
}

/// Records a log-in attempt.
pub async fn record_login_attempt(db: &Db, email: &str, succeeded: bool) -> Result<()> {
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO login_attempts (id, email, succeeded, at) VALUES ($1, $2, $3, $4)"
        )
        .bind(Uuid::now_v7().to_string())
        .bind(email)
        .bind(succeeded)
        .bind(now_micros())
    )?;
    if succeeded {
        tx_exec!(
            &mut tx,
            sqlx::query("DELETE FROM login_attempts WHERE email = $1 AND succeeded = $2")
                .bind(email)
                .bind(false)
        )?;
    }
    tx.commit().await
}

/// Failed log-ins for an e-mail since an instant.
pub async fn failed_logins_since(db: &Db, email: &str, since: i64) -> Result<i64> {
    let (count,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as(
            "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = $2 AND at > $3"
        )
        .bind(email)
        .bind(false)
        .bind(since)
    )?;
    Ok(count)
}

/// A personal API token (without its secret).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Stores a new API token for a user.
pub async fn insert_token(
    db: &Db,
    actor: Option<Uuid>,
    user_id: Uuid,
    name: &str,
    token_hash: &str,
) -> Result<Uuid> {
    let id = Uuid::now_v7();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id.to_string())
            .bind(user_id.to_string())
            .bind(name)
            .bind(token_hash)
            .bind(now_micros())
    )?;
    let after = serde_json::json!({ "token_id": id, "name": name });
    audit::append(
        &mut tx,
        actor,
        "user",
        &user_id.to_string(),
        "create_token",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The tokens of a user, newest first.
pub async fn list_tokens(db: &Db, user_id: Uuid) -> Result<Vec<TokenRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, TokenRow>(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC"
        )
        .bind(user_id.to_string())
    )?)
}

/// Revokes one of a user's tokens.
pub async fn revoke_token(
    db: &Db,
    actor: Option<Uuid>,
    user_id: Uuid,
    token_id: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(now_micros())
            .bind(token_id)
            .bind(user_id.to_string())
    )?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    let after = serde_json::json!({ "token_id": token_id });
    audit::append(
        &mut tx,
        actor,
        "user",
        &user_id.to_string(),
        "revoke_token",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await
}

/// The active user owning an unrevoked token with this hash. Marks the token
/// used at most once an hour, so that reads stay reads.
pub async fn find_token_user(db: &Db, token_hash: &str) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {COLUMNS}, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = $2"
    );
    #[derive(sqlx::FromRow)]
    struct WithToken {
        #[sqlx(flatten)]
        user: UserRow,
        token_id: String,
        last_used_at: Option<i64>,
    }
    let Some(row) = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, WithToken>(&sql)
            .bind(token_hash)
            .bind(false)
    )?
    else {
        return Ok(None);
    };
    let now = now_micros();
    if row.last_used_at.is_none_or(|at| now - at > 3_600_000_000) {
        let mut tx = db.begin().await?;
        tx_exec!(
            &mut tx,
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(row.token_id.as_str())
        )?;
        tx.commit().await?;
    }
    Ok(Some(User::try_from(row.user)?))
}
