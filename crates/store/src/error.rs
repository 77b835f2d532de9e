//! Storage errors, shaped so the web layer can map each to an API error code.

use accord_domain::ValidationError;

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record (or it was merged away).
    #[error("not found")]
    NotFound,
    /// The record changed since the caller read it; carries the current version.
    #[error("version conflict: current version is {current}")]
    VersionConflict { current: i64 },
    /// A unique value is already taken.
    #[error("duplicate {field}")]
    Duplicate { field: &'static str },
    /// Input that is well-formed but refers to something that does not exist, etc.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored JSON value could not be read.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}

impl StoreError {
    /// An invalid-input error on one field.
    pub fn invalid(field: &str, code: &str) -> Self {
        StoreError::Invalid(ValidationError::single(field, code))
    }

    /// Maps unique-constraint violations on `field` to [`StoreError::Duplicate`].
    pub fn unique_as(self, field: &'static str) -> Self {
        match &self {
            StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                StoreError::Duplicate { field }
            }
            _ => self,
        }
    }
}
