//! Creating an agreement and changing its terms. The terms are fixed once the
//! agreement has left negotiation (they change through an amendment then);
//! the owner, the confidentiality, the renewal settings and the tags stay
//! editable. Links to other agreements must name agreements the actor sees.

use super::visible;
use crate::{Actor, AppError, AppResult};
use accord_domain::FieldErrors;
use accord_domain::agreement::{AgreementFields, AgreementKind, AgreementStatus};
use accord_store::Db;
use accord_store::agreements::{self as store, Agreement};
use accord_store::comments;
use uuid::Uuid;

/// The terms, by their API field names: fixed once an agreement leaves negotiation.
pub const TERMS: [&str; 11] = [
    "title",
    "kind",
    "partner_ids",
    "lead_unit",
    "starts_on",
    "ends_on",
    "entry_into_force",
    "value",
    "objectives",
    "parent_id",
    "renews_id",
];

/// True once the terms may change only through an amendment.
pub fn terms_locked(status: AgreementStatus) -> bool {
    !matches!(
        status,
        AgreementStatus::Prospect | AgreementStatus::Negotiation
    )
}

/// Creates an agreement in `prospect` with its reference number. A renewal
/// (`renews_id`) or an amendment (`amends_id`) follows an agreement in force
/// that the actor sees; a renewal only while no other successor is alive, an
/// amendment only of an original agreement.
pub async fn create(
    db: &Db,
    actor: &Actor,
    org: &str,
    fields: AgreementFields,
) -> AppResult<Agreement> {
    if !actor.can_write_agreements() {
        return Err(AppError::Forbidden);
    }
    check_links(db, actor, &fields, None).await?;
    if let Some(base) = fields.amends_id {
        let base = visible(db, actor, base).await?;
        if !base.status.is_in_force() || base.fields.amends_id.is_some() {
            return Err(not_in_force(&base, actor));
        }
    }
    if let Some(base) = fields.renews_id {
        let base = visible(db, actor, base).await?;
        if !base.status.is_in_force() {
            return Err(not_in_force(&base, actor));
        }
        let live = comments::successor_ids(db, base.id)
            .await?
            .into_iter()
            .find(|(_, status)| status != AgreementStatus::Withdrawn.as_str());
        if let Some((successor, _)) = live {
            return Err(AppError::Duplicate {
                field: "renews_id".into(),
                existing: Some(("agreement_id", successor)),
            });
        }
    }
    Ok(store::insert_agreement(db, Some(actor.user_id), org, fields).await?)
}

fn not_in_force(base: &Agreement, actor: &Actor) -> AppError {
    AppError::agreement_transition(
        base.status,
        None,
        &accord_domain::agreement::allowed_actions(base.status, actor.role),
    )
}

/// Replaces the fields of agreement `id`, last read at `expected_version`.
/// Refuses a change of a term after negotiation (`terms_locked` on each such
/// field) and a change of the agreement it amends (`read_only`).
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
    fields: AgreementFields,
) -> AppResult<Agreement> {
    let current = visible(db, actor, id).await?;
    if !actor.can_write_agreements() {
        return Err(AppError::Forbidden);
    }
    if expected_version != current.version {
        return Err(AppError::VersionConflict {
            current_version: current.version,
        });
    }
    let mut errors = FieldErrors::new();
    if fields.amends_id != current.fields.amends_id {
        errors.add("amends_id", "read_only");
    }
    if terms_locked(current.status) {
        for field in changed_terms(&current.fields, &fields)? {
            errors.add(field, "terms_locked");
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    check_links(db, actor, &fields, Some(&current)).await?;
    Ok(store::update_agreement(db, Some(actor.user_id), id, expected_version, fields).await?)
}

/// The terms that differ between two sets of fields, compared as the API shows them.
fn changed_terms(
    before: &AgreementFields,
    after: &AgreementFields,
) -> AppResult<Vec<&'static str>> {
    let as_json = |f: &AgreementFields| {
        serde_json::to_value(f.to_input())
            .map_err(|e| AppError::Store(accord_store::StoreError::from(e)))
    };
    let (before, after) = (as_json(before)?, as_json(after)?);
    Ok(TERMS
        .into_iter()
        .filter(|key| before.get(key) != after.get(key))
        .collect())
}

/// The agreements a record links to must be ones the actor sees; a parent must
/// be a framework agreement. An unchanged link of an existing agreement stays
/// as it is (it may have become confidential since).
async fn check_links(
    db: &Db,
    actor: &Actor,
    fields: &AgreementFields,
    current: Option<&Agreement>,
) -> AppResult<()> {
    let mut errors = FieldErrors::new();
    let unchanged = |field: &str, link: Uuid| {
        current.is_some_and(|c| match field {
            "parent_id" => c.fields.parent_id == Some(link),
            "amends_id" => c.fields.amends_id == Some(link),
            _ => c.fields.renews_id == Some(link),
        })
    };
    for (field, link) in [
        ("parent_id", fields.parent_id),
        ("amends_id", fields.amends_id),
        ("renews_id", fields.renews_id),
    ] {
        let Some(link) = link else { continue };
        if unchanged(field, link) || current.is_some_and(|c| c.id == link) {
            continue;
        }
        if !store::can_read(db, actor, link).await? {
            errors.add(field, "unknown_agreement");
            continue;
        }
        if field == "parent_id" {
            match store::find_agreement(db, link).await? {
                Some(a) if a.fields.kind == AgreementKind::FrameworkAgreement => {}
                Some(_) => errors.add(field, "not_a_framework"),
                None => errors.add(field, "unknown_agreement"),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}
