//! Validation errors that name the field and a stable code; the web layer
//! translates the code into the user's language.

use std::collections::BTreeMap;

/// Field name → list of stable error codes (`required`, `invalid_email`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// An empty set of errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `code` against `field`.
    pub fn add(&mut self, field: impl Into<String>, code: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(code.into());
    }

    /// True when no field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The codes recorded against one field.
    pub fn get(&self, field: &str) -> &[String] {
        self.0.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Turns the collected errors into a result.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ValidationError(self))
        }
    }

    /// Records the error of a parse, if any, and returns its value.
    pub fn take<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }
}

/// Input that failed validation, field by field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {0:?}")]
pub struct ValidationError(pub FieldErrors);

impl ValidationError {
    /// A single-field error.
    pub fn single(field: &str, code: &str) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, code);
        Self(errors)
    }
}
