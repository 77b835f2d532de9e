//! The typed failures of the use cases. Each has a stable snake_case code
//! ([`AppError::code`]) that the API answers and the pages translate.

use accord_domain::agreement::{Action, AgreementStatus};
use accord_domain::{FieldErrors, ValidationError};
use accord_store::StoreError;
use uuid::Uuid;

/// The result of a use case.
pub type AppResult<T> = Result<T, AppError>;

/// Why a use case refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such record, or one the actor may not see (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The actor's role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// A review step may be decided only by its assignee.
    #[error("not the step's assignee")]
    NotAssignee,
    /// The input breaks field rules (`details.fields` in the API).
    #[error("validation failed")]
    Invalid(FieldErrors),
    /// Someone changed the record since the actor read it.
    #[error("version conflict (now {current_version})")]
    VersionConflict { current_version: i64 },
    /// A lifecycle (an agreement's, an outreach case's) has no such move from
    /// the current status, or not for this actor. Carries codes: the current
    /// status, the action or target asked for, and what the actor may do now.
    #[error("invalid transition from {status}")]
    InvalidTransition {
        status: &'static str,
        action: Option<&'static str>,
        allowed: Vec<&'static str>,
    },
    /// An outreach case has no such stage move for this actor; carries codes.
    #[error("invalid move from {stage} to {to}")]
    InvalidStageMove {
        stage: &'static str,
        to: &'static str,
        allowed: Vec<&'static str>,
    },
    /// Negotiation cannot move on before a draft exists.
    #[error("no draft")]
    NoDraft,
    /// The organization signs only after the review chain is cleared.
    #[error("review not cleared")]
    ReviewNotCleared,
    /// The review step is decided, voided or not reached yet.
    #[error("step not open")]
    StepNotOpen,
    /// This party has signed already.
    #[error("already signed")]
    AlreadySigned,
    /// A record that must be unique exists already.
    #[error("duplicate {field}")]
    Duplicate {
        field: String,
        /// The record that exists, when there is one to point to: its kind
        /// (`agreement_id`, ...) and id.
        existing: Option<(&'static str, Uuid)>,
    },
    /// Storage failed (logged by the face, never shown).
    #[error(transparent)]
    Store(StoreError),
}

impl AppError {
    /// The stable code of the error (`error-{code}` in the Fluent files).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::NotAssignee => "not_assignee",
            AppError::Invalid(_) => "validation_failed",
            AppError::VersionConflict { .. } => "version_conflict",
            AppError::InvalidTransition { .. } | AppError::InvalidStageMove { .. } => {
                "invalid_transition"
            }
            AppError::NoDraft => "no_draft",
            AppError::ReviewNotCleared => "review_not_cleared",
            AppError::StepNotOpen => "step_not_open",
            AppError::AlreadySigned => "already_signed",
            AppError::Duplicate { .. } => "duplicate",
            AppError::Store(_) => "internal_error",
        }
    }

    /// An agreement move that is not possible now, with the actions allowed instead.
    pub fn agreement_transition(
        status: AgreementStatus,
        action: Option<Action>,
        allowed: &[Action],
    ) -> AppError {
        AppError::InvalidTransition {
            status: status.as_str(),
            action: action.map(Action::as_str),
            allowed: allowed.iter().map(|a| a.as_str()).collect(),
        }
    }

    /// A single field's error.
    pub fn field(field: &str, code: &str) -> AppError {
        AppError::Invalid(ValidationError::single(field, code).0)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::VersionConflict { current } => AppError::VersionConflict {
                current_version: current,
            },
            StoreError::Invalid(v) => AppError::Invalid(v.0),
            StoreError::Duplicate { field } => AppError::Duplicate {
                field: field.to_string(),
                existing: None,
            },
            other => AppError::Store(other),
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(error: ValidationError) -> Self {
        AppError::Invalid(error.0)
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}
