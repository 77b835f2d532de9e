//! The registry's use cases that touch several records at once: merging a
//! duplicate partner or contact into the one that stays (every link and the
//! history move over; the duplicate becomes a tombstone pointing to it).

use crate::{Actor, AppError, AppResult};
use accord_domain::policy::Action;
use accord_store::Db;
use accord_store::contacts::{self, Contact};
use accord_store::partners::{self, Partner};
use uuid::Uuid;

/// Merges partner `from` into partner `survivor` (last read at `version`, if given).
pub async fn merge_partners(
    db: &Db,
    actor: &Actor,
    survivor: Uuid,
    from: Uuid,
    version: Option<i64>,
) -> AppResult<Partner> {
    let kept = partners::find_partner(db, survivor)
        .await?
        .filter(|p| actor.can_partner(Action::Read, Some(p.id)))
        .ok_or(AppError::NotFound)?;
    if !actor.can_partner(Action::Merge, Some(kept.id)) {
        return Err(AppError::Forbidden);
    }
    Ok(partners::merge_partners(db, Some(actor.user_id), kept.id, from, version).await?)
}

/// Merges contact `from` into contact `survivor` (last read at `version`, if given).
pub async fn merge_contacts(
    db: &Db,
    actor: &Actor,
    survivor: Uuid,
    from: Uuid,
    version: Option<i64>,
) -> AppResult<Contact> {
    let kept = contacts::find_contact(db, survivor)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = kept.partner_ids();
    if !actor.can_contact(Action::Read, &at) {
        return Err(AppError::NotFound);
    }
    if !actor.can_contact(Action::Merge, &at) {
        return Err(AppError::Forbidden);
    }
    Ok(contacts::merge_contacts(db, Some(actor.user_id), kept.id, from, version).await?)
}
