//! Moving an agreement through its lifecycle: the manual transitions, the
//! decisions of the review chain, the parties' signatures, the validation by
//! Legal Affairs, and the comments on the way.

use super::visible;
use crate::{Actor, AppError, AppResult};
use accord_domain::agreement::{self, Action, Facts, TransitionError};
use accord_domain::{FieldErrors, values};
use accord_store::Db;
use accord_store::agreements::{self as store, Agreement};
use accord_store::comments::{self, CommentRow};
use accord_store::reviews::{self, DecideError, Decision, Outcome, Reviewer};
use accord_store::signing::{self, SignatureInput, SigningError};
use time::Date;
use uuid::Uuid;

/// A transition as a person asks for it.
#[derive(Debug, Clone, Default)]
pub struct TransitionInput {
    /// The action's code (`submit_for_review`, `withdraw`, ...); required.
    pub action: Option<String>,
    /// Why; required for moves back and for ends.
    pub reason: Option<String>,
    /// The version the person last saw, if they say.
    pub version: Option<i64>,
}

/// Takes a manual lifecycle action on agreement `id`: the action must be one the
/// lifecycle allows from the current status for the actor's role, with a reason
/// where one is required and a draft before the review.
pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    input: TransitionInput,
) -> AppResult<Agreement> {
    let current = visible(db, actor, id).await?;
    let action = match input.action.as_deref().map(str::trim) {
        None | Some("") => return Err(AppError::field("action", "required")),
        Some(code) => {
            Action::parse(code).map_err(|_| AppError::field("action", "invalid_choice"))?
        }
    };
    let reason = input
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if input.version.is_some_and(|v| v != current.version) {
        return Err(AppError::VersionConflict {
            current_version: current.version,
        });
    }
    let facts = Facts {
        has_draft: comments::has_draft(db, current.id).await?,
        reason: reason.clone(),
    };
    let to =
        agreement::check_manual(current.status, action, actor.role, &facts).map_err(|error| {
            match error {
                TransitionError::NotAllowed { allowed } => {
                    AppError::agreement_transition(current.status, Some(action), &allowed)
                }
                TransitionError::Forbidden => AppError::Forbidden,
                TransitionError::ReasonRequired => AppError::field("reason", "required"),
                TransitionError::NoDraft => AppError::NoDraft,
            }
        })?;
    Ok(store::transition(
        db,
        Some(actor.user_id),
        current.id,
        action,
        to,
        reason.as_deref(),
        Some(input.version.unwrap_or(current.version)),
    )
    .await?)
}

/// A review decision as a person gives it.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    /// `cleared`, `changes_requested` or `rejected`; required.
    pub decision: Option<String>,
    /// Required unless the step is cleared.
    pub comment: Option<String>,
}

/// Decides the open review step `step_id` of agreement `id` as its assignee;
/// answers what happened and the agreement as it is now.
pub async fn decide_review(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    step_id: &str,
    input: DecisionInput,
) -> AppResult<(Outcome, Agreement)> {
    let current = visible(db, actor, id).await?;
    let mut errors = FieldErrors::new();
    let decision = match input.decision.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add("decision", "required");
            None
        }
        Some(code) => errors.take("decision", Decision::parse(code).ok_or("invalid_choice")),
    };
    let comment = input
        .comment
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    if decision.is_some_and(|d| d != Decision::Cleared) && comment.is_none() {
        errors.add("comment", "required");
    }
    if comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > values::MAX_TEXT)
    {
        errors.add("comment", "too_long");
    }
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let reviewer = Reviewer {
        user_id: actor.user_id,
        role: actor.role,
        unit: actor.unit.as_deref(),
    };
    let outcome = reviews::decide(
        db,
        &reviewer,
        &current,
        step_id,
        decision,
        comment.as_deref(),
    )
    .await
    .map_err(|error| match error {
        DecideError::NotAssignee => AppError::NotAssignee,
        DecideError::NotOpen => AppError::StepNotOpen,
        // No such step: not found, as for a record the actor may not see.
        DecideError::Store(error) => error.into(),
    })?;
    let fresh = store::find_agreement(db, current.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((outcome, fresh))
}

fn signing_error(error: SigningError, actor: &Actor) -> AppError {
    match error {
        SigningError::ReviewNotCleared => AppError::ReviewNotCleared,
        SigningError::WrongStatus(status) => AppError::agreement_transition(
            status,
            None,
            &agreement::allowed_actions(status, actor.role),
        ),
        SigningError::AlreadySigned => AppError::AlreadySigned,
        SigningError::Invalid(fields) => AppError::Invalid(fields),
        SigningError::Store(error) => error.into(),
    }
}

/// Records one party's signature of agreement `id`; when every party has
/// signed, the agreement moves on to validation.
pub async fn sign(db: &Db, actor: &Actor, id: Uuid, input: SignatureInput) -> AppResult<Agreement> {
    let current = visible(db, actor, id).await?;
    if !actor.can_sign_agreements() {
        return Err(AppError::Forbidden);
    }
    signing::record_signature(db, Some(actor.user_id), &current, input)
        .await
        .map_err(|e| signing_error(e, actor))
}

/// Records the validation of agreement `id` (registry number, date of entry
/// into force; in force at once when that date has come by `today`).
pub async fn validate(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    registry_number: Option<String>,
    entry_into_force_on: Option<String>,
    today: Date,
) -> AppResult<Agreement> {
    let current = visible(db, actor, id).await?;
    if !actor.can_validate_agreements() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    if registry_number
        .as_ref()
        .is_some_and(|r| r.trim().chars().count() > 100)
    {
        errors.add("registry_number", "too_long");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    signing::record_validation(
        db,
        Some(actor.user_id),
        &current,
        registry_number,
        entry_into_force_on,
        today,
    )
    .await
    .map_err(|e| signing_error(e, actor))
}

/// Adds a comment to agreement `id`, about draft version `version` if given.
pub async fn add_comment(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    body: &str,
) -> AppResult<CommentRow> {
    let current = visible(db, actor, id).await?;
    Ok(comments::insert_comment(db, Some(actor.user_id), current.id, version, body).await?)
}
