//! The outreach use cases: moving a non-member state's case along the stages
//! of the campaign (admission makes the state an observer, in the store's
//! transaction).

use crate::{Actor, AppError, AppResult};
use accord_domain::outreach::{self, MoveError, Stage};
use accord_store::Db;
use accord_store::outreach::{self as store, Case};
use time::Date;
use uuid::Uuid;

/// The case `id` if the actor may read outreach (staff); not found when there is no such case.
pub async fn visible(db: &Db, actor: &Actor, id: Uuid) -> AppResult<Case> {
    if !outreach::can_read(actor.role) {
        return Err(AppError::Forbidden);
    }
    store::find_case(db, id).await?.ok_or(AppError::NotFound)
}

/// A stage move as a person asks for it.
#[derive(Debug, Clone)]
pub struct MoveInput {
    pub to: Stage,
    /// The day the move happened (admission: the first day as an observer).
    pub on: Date,
    /// Why; required for moves back and for declines.
    pub reason: Option<String>,
    /// The version the person last saw (none: the current one).
    pub version: Option<i64>,
}

/// Moves case `id` to another stage, if the campaign's drawing has that arrow
/// for the actor's role, with a reason where one is required.
pub async fn move_case(db: &Db, actor: &Actor, id: Uuid, input: MoveInput) -> AppResult<Case> {
    let current = visible(db, actor, id).await?;
    let version = input.version.unwrap_or(current.version);
    if version != current.version {
        return Err(AppError::VersionConflict {
            current_version: current.version,
        });
    }
    let reason = input
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 2000) {
        return Err(AppError::field("reason", "too_long"));
    }
    outreach::check_move(current.stage, input.to, actor.role, reason.as_deref()).map_err(
        |error| match error {
            MoveError::NotAllowed { allowed } => AppError::InvalidStageMove {
                stage: current.stage.as_str(),
                to: input.to.as_str(),
                allowed: allowed.iter().map(|s| s.as_str()).collect(),
            },
            MoveError::Forbidden => AppError::Forbidden,
            MoveError::ReasonRequired => AppError::field("reason", "required"),
        },
    )?;
    store::move_case(
        db,
        Some(actor.user_id),
        current.id,
        input.to,
        input.on,
        reason.as_deref(),
        version,
    )
    .await
    .map_err(|error| match error {
        accord_store::StoreError::Duplicate { .. } => AppError::Duplicate {
            field: "country".into(),
            existing: None,
        },
        other => other.into(),
    })
}
