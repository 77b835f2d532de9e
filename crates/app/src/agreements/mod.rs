//! The agreement use cases: the terms (create, update, the terms lock),
//! the lifecycle (transitions, review decisions, signatures, validation,
//! comments), successors (renewals, amendments, consolidated terms) and the
//! cycle-time figures. Every function first finds the agreement among those
//! the actor may see ([`visible`]: not found otherwise), then checks what the
//! actor's role allows.

mod cycle_times;
mod lifecycle;
mod succession;
mod terms;

pub use cycle_times::{CycleSums, PIPELINE, StageSums, cycle_times, days};
pub use lifecycle::{
    DecisionInput, TransitionInput, add_comment, decide_review, sign, transition, validate,
};
pub use succession::{Consolidated, ConsolidatedLink, amend, consolidate, renew, successor_dates};
pub use terms::{TERMS, create, terms_locked, update};

use crate::{Actor, AppError, AppResult};
use accord_store::Db;
use accord_store::agreements::{self as store, Agreement};
use uuid::Uuid;

/// An agreement id from a path: text that is not a UUID names nothing.
pub fn parse_id(text: &str) -> AppResult<Uuid> {
    Uuid::parse_str(text.trim()).map_err(|_| AppError::NotFound)
}

/// The agreement `id` if the actor may see it; [`AppError::NotFound`] otherwise.
pub async fn visible(db: &Db, actor: &Actor, id: Uuid) -> AppResult<Agreement> {
    if !store::can_read(db, actor, id).await? {
        return Err(AppError::NotFound);
    }
    store::find_agreement(db, id)
        .await?
        .ok_or(AppError::NotFound)
}
