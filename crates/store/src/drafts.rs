//! Draft versions of an agreement: each upload is an immutable record with
//! its number (1, 2, 3… per agreement), the review round it belongs to, its
//! direction, the file's SHA-256 (the bytes live in the web layer's
//! content-addressed file store) and the text extracted from it for the
//! redline. Uploading while the agreement is in review voids the clearances
//! and restarts the chain, in the same transaction as the version itself.

use crate::agreements::Agreement;
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::agreement::AgreementStatus;
use serde::Serialize;
use uuid::Uuid;

/// Which way a draft travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Prepared or revised inside the organization.
    Internal,
    /// Sent to the partner.
    ToPartner,
    /// Received from the partner.
    FromPartner,
}

impl Direction {
    /// Every direction, in the order forms offer them.
    pub const ALL: [Direction; 3] = [
        Direction::Internal,
        Direction::ToPartner,
        Direction::FromPartner,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Internal => "internal",
            Direction::ToPartner => "to_partner",
            Direction::FromPartner => "from_partner",
        }
    }

    /// Parses a stable code.
    pub fn parse(code: &str) -> std::result::Result<Direction, &'static str> {
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str() == code)
            .ok_or("invalid_choice")
    }
}

/// The statuses in which drafts may be uploaded.
pub const OPEN_FOR_DRAFTS: [AgreementStatus; 3] = [
    AgreementStatus::Prospect,
    AgreementStatus::Negotiation,
    AgreementStatus::Review,
];

/// A stored draft version (without its text; see [`find_version_text`]).
#[derive(Debug, Clone, Serialize)]
pub struct DraftVersion {
    pub id: Uuid,
    pub agreement_id: Uuid,
    pub number: i64,
    pub round: i64,
    pub direction: Direction,
    pub note: Option<String>,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub text_available: bool,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: String,
    agreement_id: String,
    number: i64,
    round: i64,
    direction: String,
    note: Option<String>,
    filename: String,
    media_type: String,
    size: i64,
    sha256: String,
    has_text: i64,
    author_id: Option<String>,
    author_name: Option<String>,
    created_at: i64,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn uuid_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| corrupt("id"))
}

impl TryFrom<VersionRow> for DraftVersion {
    type Error = StoreError;
    fn try_from(row: VersionRow) -> Result<DraftVersion> {
        Ok(DraftVersion {
            id: uuid_of(&row.id)?,
            agreement_id: uuid_of(&row.agreement_id)?,
            number: row.number,
            round: row.round,
            direction: Direction::parse(&row.direction).map_err(|_| corrupt("direction"))?,
            note: row.note,
            filename: row.filename,
            media_type: row.media_type,
            size: row.size,
            sha256: row.sha256,
            text_available: row.has_text != 0,
            author_id: row.author_id.as_deref().map(uuid_of).transpose()?,
            author_name: row.author_name,
            created_at: row.created_at,
        })
    }
}

const SELECT: &str = "SELECT d.id, d.agreement_id, d.number, d.round, d.direction, d.note, d.filename, d.media_type, \
    d.size, d.sha256, CAST(CASE WHEN d.text_content IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_text, \
    d.author_id, u.name AS author_name, d.created_at \
    FROM draft_versions d LEFT JOIN users u ON u.id = d.author_id";

/// Every version of an agreement, oldest first.
pub async fn list_versions(db: &Db, agreement_id: Uuid) -> Result<Vec<DraftVersion>> {
    let sql = format!("{SELECT} WHERE d.agreement_id = $1 ORDER BY d.number");
    let rows: Vec<VersionRow> = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, VersionRow>(&sql).bind(agreement_id.to_string())
    )?;
    rows.into_iter().map(DraftVersion::try_from).collect()
}

/// One version of an agreement by its number.
pub async fn find_version(
    db: &Db,
    agreement_id: Uuid,
    number: i64,
) -> Result<Option<DraftVersion>> {
    let sql = format!("{SELECT} WHERE d.agreement_id = $1 AND d.number = $2");
    let row: Option<VersionRow> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, VersionRow>(&sql)
            .bind(agreement_id.to_string())
            .bind(number)
    )?;
    row.map(DraftVersion::try_from).transpose()
}

/// The text extracted from a version (none when the version does not exist
/// or its text could not be extracted).
pub async fn find_version_text(db: &Db, agreement_id: Uuid, number: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as(
            "SELECT text_content FROM draft_versions WHERE agreement_id = $1 AND number = $2"
        )
        .bind(agreement_id.to_string())
        .bind(number)
    )?;
    Ok(row.and_then(|(text,)| text))
}

/// How many versions an agreement has.
pub async fn count_versions(db: &Db, agreement_id: Uuid) -> Result<i64> {
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT COUNT(*) FROM draft_versions WHERE agreement_id = $1")
            .bind(agreement_id.to_string())
    )?;
    Ok(n)
}

/// A version to record (the file is already in the file store).
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    pub direction: Direction,
    pub note: Option<&'a str>,
    pub filename: &'a str,
    pub media_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    /// The extracted text, when extraction succeeded.
    pub text: Option<&'a str>,
}

/// Why a version was not recorded.
#[derive(Debug)]
pub enum InsertVersionError {
    /// The agreement is past the stages that take drafts; carries its status.
    WrongStatus(AgreementStatus),
    /// Storage failed (or the agreement is gone).
    Store(StoreError),
}

impl From<StoreError> for InsertVersionError {
    fn from(e: StoreError) -> Self {
        InsertVersionError::Store(e)
    }
}

impl From<sqlx::Error> for InsertVersionError {
    fn from(e: sqlx::Error) -> Self {
        InsertVersionError::Store(e.into())
    }
}

/// Records the next version of an agreement with its audit event. The status
/// is checked (and the agreement's row locked on PostgreSQL) inside the
/// transaction; when the agreement is in review, the chain restarts there too
/// (see [`crate::reviews::restart_after_new_draft`]). The round is the number
/// of review cycles started so far plus one.
pub async fn insert_version(
    db: &Db,
    actor: Option<Uuid>,
    agreement: &Agreement,
    new: &NewVersion<'_>,
) -> std::result::Result<DraftVersion, InsertVersionError> {
    // Two uploads at once on PostgreSQL may pick the same number; the unique
    // key refuses the second, which then tries again with the next number.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_insert(db, actor, agreement, new).await {
            Err(InsertVersionError::Store(StoreError::Database(sqlx::Error::Database(e))))
                if e.is_unique_violation() && attempt < 3 => {}
            other => return other,
        }
    }
}

async fn try_insert(
    db: &Db,
    actor: Option<Uuid>,
    agreement: &Agreement,
    new: &NewVersion<'_>,
) -> std::result::Result<DraftVersion, InsertVersionError> {
    let id_text = agreement.id.to_string();
    let now = now_micros();
    let mut tx = db.begin().await?;
    // A no-op write: it takes the row lock on PostgreSQL, so a concurrent
    // transition waits for this upload (or this upload sees its result).
    let locked = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE agreements SET updated_at = updated_at WHERE id = $1 AND status IN ($2, $3, $4)"
        )
        .bind(id_text.as_str())
        .bind(OPEN_FOR_DRAFTS[0].as_str())
        .bind(OPEN_FOR_DRAFTS[1].as_str())
        .bind(OPEN_FOR_DRAFTS[2].as_str())
    )?;
    let status: Option<(String,)> = tx_run!(
        &mut tx,
        fetch_optional,
        sqlx::query_as("SELECT status FROM agreements WHERE id = $1").bind(id_text.as_str())
    )?;
    let Some((status,)) = status else {
        return Err(StoreError::NotFound.into());
    };
    let status = AgreementStatus::parse(&status).map_err(|_| corrupt("status"))?;
    if locked == 0 {
        return Err(InsertVersionError::WrongStatus(status));
    }
    let (number,): (i64,) = tx_run!(
        &mut tx,
        fetch_one,
        sqlx::query_as(
            "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM draft_versions WHERE agreement_id = $1"
        )
        .bind(id_text.as_str())
    )?;
    let (cycles,): (i64,) = tx_run!(
        &mut tx,
        fetch_one,
        sqlx::query_as(
            "SELECT CAST(COALESCE(MAX(cycle), 0) AS BIGINT) FROM review_steps WHERE agreement_id = $1"
        )
        .bind(id_text.as_str())
    )?;
    let round = cycles + 1;
    let version_id = Uuid::now_v7();
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO draft_versions (id, agreement_id, number, round, direction, note, filename, media_type, size, sha256, \
             text_content, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        )
        .bind(version_id.to_string())
        .bind(id_text.as_str())
        .bind(number)
        .bind(round)
        .bind(new.direction.as_str())
        .bind(new.note)
        .bind(new.filename)
        .bind(new.media_type)
        .bind(new.size)
        .bind(new.sha256)
        .bind(new.text)
        .bind(actor.map(|a| a.to_string()))
        .bind(now)
    )?;
    let after = serde_json::json!({
        "number": number, "round": round, "direction": new.direction.as_str(), "note": new.note,
        "filename": new.filename, "media_type": new.media_type, "size": new.size, "sha256": new.sha256,
    });
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &id_text,
        "add_draft_version",
        None,
        Some(&after),
    )
    .await?;
    if status == AgreementStatus::Review {
        let current = Agreement {
            status,
            ..agreement.clone()
        };
        crate::reviews::restart_after_new_draft(&mut tx, &current, actor, now).await?;
    }
    tx.commit().await?;
    let author_name = match actor {
        Some(user) => crate::users::find_user(db, user).await?.map(|u| u.name),
        None => None,
    };
    Ok(DraftVersion {
        id: version_id,
        agreement_id: agreement.id,
        number,
        round,
        direction: new.direction,
        note: new.note.map(str::to_string),
        filename: new.filename.to_string(),
        media_type: new.media_type.to_string(),
        size: new.size,
        sha256: new.sha256.to_string(),
        text_available: new.text.is_some(),
        author_id: actor,
        author_name,
        created_at: now,
    })
}
