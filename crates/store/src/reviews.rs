//! The review chain: the ordered steps configured per agreement kind, their
//! instances on an agreement (one cycle per submission), and decisions. Only
//! the open step can be decided, and only by a user with its role (and unit,
//! when the step names one). A draft uploaded after a clearance voids the
//! clearances and the chain starts again from its first step.

use crate::agreements::{Agreement, move_status_in};
use crate::{Db, Result, StoreError, Tx, audit, now_micros};
use accord_domain::agreement::{Action, AgreementKind, AgreementStatus};
use accord_domain::{FieldErrors, Role, values};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One configured step: a role, a unit (`"lead"` for the agreement's lead
/// unit, none for any unit) and the days allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainStep {
    pub role: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub due_days: i64,
}

/// The default chain: technical review by the lead unit, Legal Affairs, then the General Directorate.
pub fn default_chain() -> Vec<ChainStep> {
    vec![
        ChainStep {
            role: "technical".into(),
            unit: Some("lead".into()),
            due_days: 10,
        },
        ChainStep {
            role: "legal".into(),
            unit: Some("LEGAL".into()),
            due_days: 10,
        },
        ChainStep {
            role: "director".into(),
            unit: Some("DG".into()),
            due_days: 5,
        },
    ]
}

/// Validates a chain: one to ten steps, known roles (staff only), days 1–365.
pub fn validate_chain(steps: &[ChainStep]) -> std::result::Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if steps.is_empty() || steps.len() > 10 {
        errors.add("steps", "out_of_range");
    }
    for (i, step) in steps.iter().enumerate() {
        match Role::parse(&step.role) {
            Ok(role) if role.is_staff() && role != Role::Viewer => {}
            _ => errors.add(format!("steps[{i}].role"), "invalid_choice"),
        }
        if !(1..=365).contains(&step.due_days) {
            errors.add(format!("steps[{i}].due_days"), "out_of_range");
        }
    }
    errors.into_result().map_err(|e| e.0)
}

/// The chain configured for a kind (the default when none is).
pub async fn chain_for(db: &Db, kind: AgreementKind) -> Result<(Vec<ChainStep>, i64)> {
    let row: Option<(String, i64)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as("SELECT steps, version FROM review_chains WHERE kind = $1")
            .bind(kind.as_str())
    )?;
    match row {
        Some((steps, version)) => Ok((serde_json::from_str(&steps)?, version)),
        None => Ok((default_chain(), 0)),
    }
}

/// Sets the chain of a kind (admin), refusing a stale version.
pub async fn save_chain(
    db: &Db,
    actor: Option<Uuid>,
    kind: AgreementKind,
    steps: &[ChainStep],
    expected_version: Option<i64>,
) -> Result<i64> {
    validate_chain(steps).map_err(|e| StoreError::Invalid(accord_domain::ValidationError(e)))?;
    for (i, step) in steps.iter().enumerate() {
        if let Some(unit) = step.unit.as_deref().filter(|u| *u != "lead")
            && crate::units::find_unit(db, unit).await?.is_none()
        {
            return Err(StoreError::invalid(
                &format!("steps[{i}].unit"),
                "unknown_unit",
            ));
        }
    }
    let (before, version) = chain_for(db, kind).await?;
    if let Some(expected) = expected_version
        && expected != version
    {
        return Err(StoreError::VersionConflict { current: version });
    }
    let now = now_micros();
    let mut tx = db.begin().await?;
    let text = serde_json::to_string(steps)?;
    if version == 0 {
        tx_exec!(
            &mut tx,
            sqlx::query("INSERT INTO review_chains (kind, steps, version, updated_at) VALUES ($1, $2, 1, $3)")
                .bind(kind.as_str())
                .bind(text.as_str())
                .bind(now)
        )
        .map_err(|e| StoreError::from(e).unique_as("kind"))?;
    } else {
        let done = tx_exec!(
            &mut tx,
            sqlx::query("UPDATE review_chains SET steps = $1, version = version + 1, updated_at = $2 WHERE kind = $3 AND version = $4")
                .bind(text.as_str())
                .bind(now)
                .bind(kind.as_str())
                .bind(version)
        )?;
        if done == 0 {
            return Err(StoreError::VersionConflict { current: version });
        }
    }
    let b = serde_json::json!({ "steps": before });
    let a = serde_json::json!({ "steps": steps });
    audit::append(
        &mut tx,
        actor,
        "review_chain",
        kind.as_str(),
        "update",
        Some(&b),
        Some(&a),
    )
    .await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// A step of an agreement's chain.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StepRow {
    pub id: String,
    pub cycle: i64,
    pub position: i64,
    pub role: String,
    pub unit: Option<String>,
    pub due_days: i64,
    pub opened_at: Option<i64>,
    pub due_on: Option<String>,
    pub decision: Option<String>,
    pub comment: Option<String>,
    pub decided_by: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub voided: bool,
}

impl StepRow {
    /// True for the step waiting for a decision.
    pub fn is_open(&self) -> bool {
        self.opened_at.is_some() && self.decision.is_none() && !self.voided
    }

    /// True when `role`/`unit` is this step's assignee.
    pub fn is_assignee(&self, role: Role, unit: Option<&str>) -> bool {
        self.role == role.as_str() && self.unit.as_deref().is_none_or(|u| Some(u) == unit)
    }
}

/// Every step of an agreement, all cycles, in order.
pub async fn list_steps(db: &Db, agreement_id: Uuid) -> Result<Vec<StepRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, StepRow>(
            "SELECT s.id, s.cycle, s.position, s.role, s.unit, s.due_days, s.opened_at, s.due_on, s.decision, s.comment, s.decided_by, \
             u.name AS decided_by_name, s.decided_at, s.voided FROM review_steps s LEFT JOIN users u ON u.id = s.decided_by \
             WHERE s.agreement_id = $1 ORDER BY s.cycle, s.position"
        )
        .bind(agreement_id.to_string())
    )?)
}

fn due_on(now: i64, days: i64) -> String {
    values::format_date(crate::instant(now).date() + time::Duration::days(days))
}

/// Instantiates the kind's chain as a new cycle and opens its first step.
pub async fn open_cycle(tx: &mut Tx, agreement: &Agreement, now: i64) -> Result<()> {
    let id = agreement.id.to_string();
    let steps: Option<(String,)> = tx_run!(
        tx,
        fetch_optional,
        sqlx::query_as("SELECT steps FROM review_chains WHERE kind = $1")
            .bind(agreement.fields.kind.as_str())
    )?;
    let steps: Vec<ChainStep> = match steps {
        Some((text,)) => serde_json::from_str(&text)?,
        None => default_chain(),
    };
    let (cycle,): (i64,) = tx_run!(
        tx,
        fetch_one,
        sqlx::query_as("SELECT CAST(COALESCE(MAX(cycle), 0) + 1 AS BIGINT) FROM review_steps WHERE agreement_id = $1").bind(id.as_str())
    )?;
    for (position, step) in steps.iter().enumerate() {
        let unit = match step.unit.as_deref() {
            Some("lead") => Some(agreement.fields.lead_unit.clone()),
            other => other.map(str::to_string),
        };
        let first = position == 0;
        tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO review_steps (id, agreement_id, cycle, position, role, unit, opened_at, due_on, decision, comment, \
                 decided_by, decided_at, voided, due_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, NULL, FALSE, $9)"
            )
            .bind(Uuid::now_v7().to_string())
            .bind(id.as_str())
            .bind(cycle)
            .bind(position as i64)
            .bind(step.role.as_str())
            .bind(unit)
            .bind(first.then_some(now))
            .bind(first.then(|| due_on(now, step.due_days)))
            .bind(step.due_days)
        )?;
    }
    if agreement.fields.confidential {
        crate::agreements::refresh_readers(tx, &id).await?;
    }
    Ok(())
}

/// Voids every undecided step (the agreement left review).
pub async fn void_open_steps(tx: &mut Tx, agreement_id: &str) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("UPDATE review_steps SET voided = TRUE WHERE agreement_id = $1 AND decision IS NULL AND voided = FALSE")
            .bind(agreement_id)
    )?;
    Ok(())
}

/// A draft arrived while in review: the clearances given so far no longer
/// hold, so the current cycle is voided and a new one starts from step one.
/// Returns true when clearances were voided.
pub async fn restart_after_new_draft(
    tx: &mut Tx,
    agreement: &Agreement,
    actor: Option<Uuid>,
    now: i64,
) -> Result<bool> {
    if agreement.status != AgreementStatus::Review {
        return Ok(false);
    }
    let id = agreement.id.to_string();
    let voided = tx_exec!(
        tx,
        sqlx::query("UPDATE review_steps SET voided = TRUE WHERE agreement_id = $1 AND voided = FALSE AND (decision = 'cleared' OR decision IS NULL)")
            .bind(id.as_str())
    )?;
    open_cycle(tx, agreement, now).await?;
    let after = serde_json::json!({ "voided_steps": voided, "reason": "new_draft" });
    audit::append(
        tx,
        actor,
        "agreement",
        &id,
        "restart_review",
        None,
        Some(&after),
    )
    .await?;
    Ok(voided > 0)
}

/// A decision on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Cleared,
    ChangesRequested,
    Rejected,
}

impl Decision {
    /// Parses `cleared`, `changes_requested` or `rejected`.
    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "cleared" => Some(Decision::Cleared),
            "changes_requested" => Some(Decision::ChangesRequested),
            "rejected" => Some(Decision::Rejected),
            _ => None,
        }
    }

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Cleared => "cleared",
            Decision::ChangesRequested => "changes_requested",
            Decision::Rejected => "rejected",
        }
    }
}

/// Why a decision was refused.
#[derive(Debug)]
pub enum DecideError {
    /// The step is not the open one (decided, voided, or not yet reached).
    NotOpen,
    /// The user is not the step's assignee.
    NotAssignee,
    /// Storage failed.
    Store(StoreError),
}

impl From<StoreError> for DecideError {
    fn from(e: StoreError) -> Self {
        DecideError::Store(e)
    }
}

impl From<sqlx::Error> for DecideError {
    fn from(e: sqlx::Error) -> Self {
        DecideError::Store(e.into())
    }
}

/// What a decision led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The next step is open.
    NextStep,
    /// The whole chain is cleared: the agreement awaits signatures.
    ChainCleared,
    /// Back to negotiation with the comment.
    ChangesRequested,
    /// Rejected: the agreement is withdrawn.
    Rejected,
}

/// The person deciding a step.
#[derive(Debug, Clone)]
pub struct Reviewer<'a> {
    pub user_id: Uuid,
    pub role: Role,
    pub unit: Option<&'a str>,
}

/// Records a decision on the open step by its assignee and moves the agreement on.
pub async fn decide(
    db: &Db,
    reviewer: &Reviewer<'_>,
    agreement: &Agreement,
    step_id: &str,
    decision: Decision,
    comment: Option<&str>,
) -> std::result::Result<Outcome, DecideError> {
    let steps = list_steps(db, agreement.id).await?;
    let step = steps
        .iter()
        .find(|s| s.id == step_id)
        .ok_or(DecideError::Store(StoreError::NotFound))?;
    if !step.is_open() || agreement.status != AgreementStatus::Review {
        return Err(DecideError::NotOpen);
    }
    let (user_id, role, unit) = (reviewer.user_id, reviewer.role, reviewer.unit);
    if !step.is_assignee(role, unit) {
        return Err(DecideError::NotAssignee);
    }
    let now = now_micros();
    let id = agreement.id.to_string();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE review_steps SET decision = $1, comment = $2, decided_by = $3, decided_at = $4 \
             WHERE id = $5 AND decision IS NULL AND voided = FALSE"
        )
        .bind(decision.as_str())
        .bind(comment)
        .bind(user_id.to_string())
        .bind(now)
        .bind(step_id)
    )?;
    if done == 0 {
        return Err(DecideError::NotOpen);
    }
    let after = serde_json::json!({ "step_id": step_id, "role": step.role, "unit": step.unit, "decision": decision.as_str(), "comment": comment });
    audit::append(
        &mut tx,
        Some(user_id),
        "agreement",
        &id,
        "review_decision",
        None,
        Some(&after),
    )
    .await?;
    let next = steps
        .iter()
        .filter(|s| s.cycle == step.cycle && s.position > step.position && !s.voided)
        .min_by_key(|s| s.position);
    let outcome = match (decision, next) {
        (Decision::Cleared, Some(next)) => {
            let days = next.due_days;
            tx_exec!(
                &mut tx,
                sqlx::query("UPDATE review_steps SET opened_at = $1, due_on = $2 WHERE id = $3")
                    .bind(now)
                    .bind(due_on(now, days))
                    .bind(next.id.as_str())
            )?;
            Outcome::NextStep
        }
        (Decision::Cleared, None) => {
            if !move_status_in(
                &mut tx,
                Some(user_id),
                agreement,
                Action::ClearChain,
                AgreementStatus::Signature,
                None,
                None,
                now,
            )
            .await?
            {
                return Err(DecideError::NotOpen);
            }
            Outcome::ChainCleared
        }
        (Decision::ChangesRequested, _) => {
            void_open_steps(&mut tx, &id).await?;
            if !move_status_in(
                &mut tx,
                Some(user_id),
                agreement,
                Action::RequestChanges,
                AgreementStatus::Negotiation,
                comment,
                None,
                now,
            )
            .await?
            {
                return Err(DecideError::NotOpen);
            }
            Outcome::ChangesRequested
        }
        (Decision::Rejected, _) => {
            void_open_steps(&mut tx, &id).await?;
            if !move_status_in(
                &mut tx,
                Some(user_id),
                agreement,
                Action::Reject,
                AgreementStatus::Withdrawn,
                comment,
                None,
                now,
            )
            .await?
            {
                return Err(DecideError::NotOpen);
            }
            Outcome::Rejected
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// True when the agreement's latest cycle is fully cleared.
pub async fn chain_cleared(db: &Db, agreement_id: Uuid) -> Result<bool> {
    let steps = list_steps(db, agreement_id).await?;
    let Some(cycle) = steps.iter().filter(|s| !s.voided).map(|s| s.cycle).max() else {
        return Ok(false);
    };
    Ok(steps
        .iter()
        .filter(|s| s.cycle == cycle && !s.voided)
        .all(|s| s.decision.as_deref() == Some("cleared")))
}
