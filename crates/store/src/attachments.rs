//! Documents kept with an agreement besides its drafts: the signed copies,
//! the termination notice, instruments of ratification, full powers. Each is
//! an immutable row (who, when, why, the file's SHA-256); the bytes live in
//! the web layer's content-addressed file store. Adding one is audited on
//! the agreement.

use crate::{Db, Result, StoreError, audit, now_micros};
use serde::Serialize;
use uuid::Uuid;

/// Why a document is kept with the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A copy of the agreement as signed by one or more parties.
    SignedCopy,
    /// The notice or decision that terminates the agreement.
    Termination,
    /// An instrument of ratification or approval by a party.
    Ratification,
    /// Full powers or a delegation of a signatory.
    FullPowers,
    /// Anything else worth keeping with the agreement.
    Other,
}

impl Purpose {
    /// Every purpose, in the order forms offer them.
    pub const ALL: [Purpose; 5] = [
        Purpose::SignedCopy,
        Purpose::Termination,
        Purpose::Ratification,
        Purpose::FullPowers,
        Purpose::Other,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignedCopy => "signed_copy",
            Purpose::Termination => "termination",
            Purpose::Ratification => "ratification",
            Purpose::FullPowers => "full_powers",
            Purpose::Other => "other",
        }
    }

    /// Parses a stable code.
    pub fn parse(code: &str) -> std::result::Result<Purpose, &'static str> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == code)
            .ok_or("invalid_choice")
    }
}

/// A stored document of an agreement.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementDocument {
    pub id: Uuid,
    pub agreement_id: Uuid,
    pub purpose: Purpose,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub note: Option<String>,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_by_name: Option<String>,
    pub uploaded_at: i64,
}

impl AgreementDocument {
    /// What the audit event records.
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({
            "document_id": self.id,
            "purpose": self.purpose.as_str(),
            "filename": self.filename,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "note": self.note,
        })
    }
}

/// A document to add.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub purpose: Purpose,
    pub filename: &'a str,
    pub media_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub note: Option<&'a str>,
}

type DocumentRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

const COLUMNS: &str = "d.id, d.agreement_id, d.purpose, d.filename, d.media_type, d.size, d.sha256, d.note, \
    d.uploaded_by, u.name, d.uploaded_at FROM agreement_documents d LEFT JOIN users u ON u.id = d.uploaded_by";

fn from_row(row: DocumentRow) -> Result<AgreementDocument> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("agreement document {what}"));
    let (id, agreement_id, purpose, filename, media_type, size, sha256, note, by, by_name, at) =
        row;
    Ok(AgreementDocument {
        id: id.parse().map_err(|_| corrupt("id"))?,
        agreement_id: agreement_id.parse().map_err(|_| corrupt("agreement"))?,
        purpose: Purpose::parse(&purpose).map_err(|_| corrupt("purpose"))?,
        filename,
        media_type,
        size,
        sha256,
        note,
        uploaded_by: by
            .map(|b| b.parse())
            .transpose()
            .map_err(|_| corrupt("uploader"))?,
        uploaded_by_name: by_name,
        uploaded_at: at,
    })
}

/// Keeps a document with an agreement (its bytes already in the file store).
pub async fn insert_document(
    db: &Db,
    actor: Option<Uuid>,
    agreement_id: Uuid,
    new: &NewDocument<'_>,
) -> Result<AgreementDocument> {
    let id = Uuid::now_v7();
    let now = now_micros();
    let agreement_text = agreement_id.to_string();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO agreement_documents (id, agreement_id, purpose, filename, media_type, size, sha256, note, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        .bind(id.to_string())
        .bind(agreement_text.as_str())
        .bind(new.purpose.as_str())
        .bind(new.filename)
        .bind(new.media_type)
        .bind(new.size)
        .bind(new.sha256)
        .bind(new.note)
        .bind(actor.map(|a| a.to_string()))
        .bind(now)
    )?;
    let document = AgreementDocument {
        id,
        agreement_id,
        purpose: new.purpose,
        filename: new.filename.to_string(),
        media_type: new.media_type.to_string(),
        size: new.size,
        sha256: new.sha256.to_string(),
        note: new.note.map(str::to_string),
        uploaded_by: actor,
        uploaded_by_name: None,
        uploaded_at: now,
    };
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &agreement_text,
        "document_added",
        None,
        Some(&document.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(document)
}

/// The documents of an agreement, oldest first.
pub async fn list_documents(db: &Db, agreement_id: Uuid) -> Result<Vec<AgreementDocument>> {
    let rows: Vec<DocumentRow> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} WHERE d.agreement_id = $1 ORDER BY d.uploaded_at, d.id"
        ))
        .bind(agreement_id.to_string())
    )?;
    rows.into_iter().map(from_row).collect()
}

/// One document of an agreement.
pub async fn find_document(
    db: &Db,
    agreement_id: Uuid,
    id: Uuid,
) -> Result<Option<AgreementDocument>> {
    let row: Option<DocumentRow> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} WHERE d.agreement_id = $1 AND d.id = $2"
        ))
        .bind(agreement_id.to_string())
        .bind(id.to_string())
    )?;
    row.map(from_row).transpose()
}

/// Whether a file with this SHA-256 is kept with the agreement (as a document
/// or a draft version): a signature may only point at a file that is there.
pub async fn has_file(db: &Db, agreement_id: Uuid, sha256: &str) -> Result<bool> {
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM agreement_documents WHERE agreement_id = $1 AND sha256 = $2) \
             + (SELECT COUNT(*) FROM draft_versions WHERE agreement_id = $1 AND sha256 = $2)"
        )
        .bind(agreement_id.to_string())
        .bind(sha256)
    )?;
    Ok(n > 0)
}
