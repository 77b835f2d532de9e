//! Comments on agreements, each optionally about one draft version, with their
//! audit events; and the few small reads about an agreement's links that its
//! API needs besides `agreements` (whether it has a draft, its amendments, its
//! successors).

use crate::{Db, Result, audit, now_micros};
use accord_domain::FieldErrors;
use accord_domain::values::MAX_TEXT;
use serde::Serialize;
use uuid::Uuid;

/// A comment as stored, with its author's name.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommentRow {
    pub id: String,
    pub agreement_id: String,
    /// The draft version it is about, if any.
    pub version_number: Option<i64>,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

/// Adds a comment to an agreement: `body` is required (at most 5,000
/// characters); `version_number`, when given, must name one of the
/// agreement's draft versions. The audit event (`comment`) is on the agreement.
pub async fn insert_comment(
    db: &Db,
    actor: Option<Uuid>,
    agreement_id: Uuid,
    version_number: Option<i64>,
    body: &str,
) -> Result<CommentRow> {
    let mut errors = FieldErrors::new();
    let body = body.trim();
    if body.is_empty() {
        errors.add("body", "required");
    } else if body.chars().count() > MAX_TEXT {
        errors.add("body", "too_long");
    }
    if let Some(number) = version_number {
        let (found,): (i64,) = db_run!(
            db,
            fetch_one,
            sqlx::query_as(
                "SELECT COUNT(*) FROM draft_versions WHERE agreement_id = $1 AND number = $2"
            )
            .bind(agreement_id.to_string())
            .bind(number)
        )?;
        if found == 0 {
            errors.add("version", "unknown_version");
        }
    }
    errors.into_result()?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let agreement = agreement_id.to_string();
    let author = actor.map(|a| a.to_string());
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO agreement_comments (id, agreement_id, version_number, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id.to_string())
        .bind(agreement.as_str())
        .bind(version_number)
        .bind(author.clone())
        .bind(body)
        .bind(now)
    )?;
    let after = serde_json::json!({ "comment_id": id, "version": version_number, "body": body });
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &agreement,
        "comment",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    let author_name = match actor {
        Some(user) => crate::users::find_user(db, user).await?.map(|u| u.name),
        None => None,
    };
    Ok(CommentRow {
        id: id.to_string(),
        agreement_id: agreement,
        version_number,
        author_id: author,
        author_name,
        body: body.to_string(),
        created_at: now,
    })
}

/// The comments on an agreement, newest first.
pub async fn list_comments(db: &Db, agreement_id: Uuid) -> Result<Vec<CommentRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, CommentRow>(
            "SELECT c.id, c.agreement_id, c.version_number, c.author_id, u.name AS author_name, c.body, c.created_at \
             FROM agreement_comments c LEFT JOIN users u ON u.id = c.author_id \
             WHERE c.agreement_id = $1 ORDER BY c.created_at DESC, c.id DESC"
        )
        .bind(agreement_id.to_string())
    )?)
}

/// True when at least one draft version of the agreement was uploaded (the
/// guard of `submit_for_review`).
pub async fn has_draft(db: &Db, agreement_id: Uuid) -> Result<bool> {
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT COUNT(*) FROM draft_versions WHERE agreement_id = $1")
            .bind(agreement_id.to_string())
    )?;
    Ok(n > 0)
}

/// The amendments of an agreement, in the order of their numbers.
pub async fn amendment_ids(db: &Db, agreement_id: Uuid) -> Result<Vec<Uuid>> {
    let rows: Vec<(String,)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(
            "SELECT id FROM agreements WHERE amends_id = $1 ORDER BY amendment_no, created_at, id"
        )
        .bind(agreement_id.to_string())
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id,)| Uuid::parse_str(&id).ok())
        .collect())
}

/// The agreements that renew this one (successors), oldest first, with their status.
pub async fn successor_ids(db: &Db, agreement_id: Uuid) -> Result<Vec<(Uuid, String)>> {
    let rows: Vec<(String, String)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(
            "SELECT id, status FROM agreements WHERE renews_id = $1 ORDER BY created_at, id"
        )
        .bind(agreement_id.to_string())
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status)| Uuid::parse_str(&id).ok().map(|id| (id, status)))
        .collect())
}
