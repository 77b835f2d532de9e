//! Signatures per party and the validation by Legal Affairs. The
//! organization cannot sign before the review chain is cleared; when every
//! party has signed the agreement waits for validation; validation records the
//! registry number and the entry into force, and the agreement becomes active
//! on that date (at once when it is today or past, else by the scheduler).

use crate::agreements::{Agreement, find_agreement, move_status_in};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::agreement::{Action, AgreementStatus};
use accord_domain::{FieldErrors, values};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// The party that signs for the organization itself.
pub const ORGANIZATION: &str = "organization";

/// How a signature was given.
pub const METHODS: [&str; 3] = ["ink", "electronic", "exchange_of_letters"];

/// A signature as a client sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureInput {
    pub party: Option<String>,
    pub signatory: Option<String>,
    pub capacity: Option<String>,
    pub signed_on: Option<String>,
    pub place: Option<String>,
    pub method: Option<String>,
    /// SHA-256 of the signed copy in the file store, if uploaded.
    pub file_sha256: Option<String>,
}

/// A stored signature.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SignatureRow {
    pub id: String,
    pub party: String,
    pub signatory: String,
    pub capacity: Option<String>,
    pub signed_on: String,
    pub place: Option<String>,
    pub method: String,
    pub file_sha256: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

/// Why a signature or validation was refused.
#[derive(Debug)]
pub enum SigningError {
    /// The chain is not cleared yet (the agreement is before the signature stage).
    ReviewNotCleared,
    /// The agreement is not in a status that accepts this (carries the status).
    WrongStatus(AgreementStatus),
    /// This party has already signed.
    AlreadySigned,
    /// Invalid input.
    Invalid(FieldErrors),
    /// Storage failed.
    Store(StoreError),
}

impl From<StoreError> for SigningError {
    fn from(e: StoreError) -> Self {
        SigningError::Store(e)
    }
}

impl From<sqlx::Error> for SigningError {
    fn from(e: sqlx::Error) -> Self {
        SigningError::Store(e.into())
    }
}

fn text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The signatures of an agreement.
pub async fn list_signatures(db: &Db, agreement_id: Uuid) -> Result<Vec<SignatureRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, SignatureRow>(
            "SELECT id, party, signatory, capacity, signed_on, place, method, file_sha256, recorded_by, recorded_at \
             FROM signatures WHERE agreement_id = $1 ORDER BY recorded_at, id"
        )
        .bind(agreement_id.to_string())
    )?)
}

/// Records one party's signature; when the last party signs, the agreement
/// moves to validation.
pub async fn record_signature(
    db: &Db,
    actor: Option<Uuid>,
    agreement: &Agreement,
    input: SignatureInput,
) -> std::result::Result<Agreement, SigningError> {
    let mut errors = FieldErrors::new();
    let party = text(input.party);
    match party.as_deref() {
        None => errors.add("party", "required"),
        Some(ORGANIZATION) => {}
        Some(p) => match Uuid::parse_str(p) {
            Ok(id) if agreement.fields.partner_ids.contains(&id) => {}
            _ => errors.add("party", "not_a_party"),
        },
    }
    let signatory = text(input.signatory);
    if signatory.is_none() {
        errors.add("signatory", "required");
    }
    let signed_on = match text(input.signed_on) {
        None => {
            errors.add("signed_on", "required");
            None
        }
        Some(d) => errors.take("signed_on", values::date(&d)),
    };
    let method = text(input.method).unwrap_or_else(|| "ink".into());
    if !METHODS.contains(&method.as_str()) {
        errors.add("method", "invalid_choice");
    }
    if let Some(hash) = &input.file_sha256
        && (hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()))
    {
        errors.add("file_sha256", "invalid_hash");
    } else if let Some(hash) = &input.file_sha256
        && !crate::attachments::has_file(db, agreement.id, &hash.to_ascii_lowercase()).await?
    {
        errors.add("file_sha256", "unknown_file");
    }
    if !errors.is_empty() {
        return Err(SigningError::Invalid(errors));
    }
    match agreement.status {
        AgreementStatus::Prospect | AgreementStatus::Negotiation | AgreementStatus::Review => {
            return Err(SigningError::ReviewNotCleared);
        }
        AgreementStatus::Signature => {}
        other => return Err(SigningError::WrongStatus(other)),
    }
    let (party, signatory, signed_on) = match (party, signatory, signed_on) {
        (Some(p), Some(s), Some(d)) => (p, s, d),
        _ => return Err(SigningError::Invalid(errors)),
    };
    let signed = list_signatures(db, agreement.id).await?;
    if signed.iter().any(|s| s.party == party) {
        return Err(SigningError::AlreadySigned);
    }
    let now = now_micros();
    let id = agreement.id.to_string();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO signatures (id, agreement_id, party, signatory, capacity, signed_on, place, method, file_sha256, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        .bind(Uuid::now_v7().to_string())
        .bind(id.as_str())
        .bind(party.as_str())
        .bind(signatory.as_str())
        .bind(text(input.capacity))
        .bind(values::format_date(signed_on))
        .bind(text(input.place))
        .bind(method.as_str())
        .bind(input.file_sha256.clone())
        .bind(actor.map(|a| a.to_string()))
        .bind(now)
    )
    .map_err(|e| match StoreError::from(e).unique_as("party") {
        StoreError::Duplicate { .. } => SigningError::AlreadySigned,
        other => SigningError::Store(other),
    })?;
    let after = serde_json::json!({ "party": party, "signatory": signatory, "signed_on": values::format_date(signed_on), "method": method });
    audit::append(&mut tx, actor, "agreement", &id, "sign", None, Some(&after)).await?;
    let mut parties: Vec<String> = agreement
        .fields
        .partner_ids
        .iter()
        .map(|p| p.to_string())
        .collect();
    parties.push(ORGANIZATION.into());
    let all_signed = parties
        .iter()
        .all(|p| *p == party || signed.iter().any(|s| s.party == *p));
    if all_signed
        && !move_status_in(
            &mut tx,
            actor,
            agreement,
            Action::CompleteSignatures,
            AgreementStatus::Validation,
            None,
            None,
            now,
        )
        .await?
    {
        return Err(SigningError::Store(StoreError::VersionConflict {
            current: agreement.version,
        }));
    }
    tx.commit().await?;
    Ok(find_agreement(db, agreement.id)
        .await?
        .ok_or(StoreError::NotFound)?)
}

/// Records the validation by Legal Affairs: the registry number and the date of
/// entry into force. Activates the agreement at once when that date is `today`
/// or past.
pub async fn record_validation(
    db: &Db,
    actor: Option<Uuid>,
    agreement: &Agreement,
    registry_number: Option<String>,
    entry_into_force_on: Option<String>,
    today: Date,
) -> std::result::Result<Agreement, SigningError> {
    let mut errors = FieldErrors::new();
    let registry_number = text(registry_number);
    if registry_number.is_none() {
        errors.add("registry_number", "required");
    }
    let entry = match text(entry_into_force_on) {
        None => {
            errors.add("entry_into_force_on", "required");
            None
        }
        Some(d) => errors.take("entry_into_force_on", values::date(&d)),
    };
    if !errors.is_empty() {
        return Err(SigningError::Invalid(errors));
    }
    if agreement.status != AgreementStatus::Validation {
        return Err(SigningError::WrongStatus(agreement.status));
    }
    let (Some(registry_number), Some(entry)) = (registry_number, entry) else {
        return Err(SigningError::Invalid(errors));
    };
    let now = now_micros();
    let id = agreement.id.to_string();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE agreements SET registry_number = $1, entry_into_force_on = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(registry_number.as_str())
            .bind(values::format_date(entry))
            .bind(now)
            .bind(id.as_str())
    )?;
    let after = serde_json::json!({ "registry_number": registry_number, "entry_into_force_on": values::format_date(entry) });
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &id,
        "validate",
        None,
        Some(&after),
    )
    .await?;
    if entry <= today {
        let fresh = Agreement {
            version: agreement.version + 1,
            ..agreement.clone()
        };
        if !move_status_in(
            &mut tx,
            actor,
            &fresh,
            Action::EnterIntoForce,
            AgreementStatus::Active,
            None,
            None,
            now,
        )
        .await?
        {
            return Err(SigningError::Store(StoreError::VersionConflict {
                current: agreement.version,
            }));
        }
    }
    tx.commit().await?;
    Ok(find_agreement(db, agreement.id)
        .await?
        .ok_or(StoreError::NotFound)?)
}
