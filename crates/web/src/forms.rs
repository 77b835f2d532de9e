//! Helpers for HTML forms: turning form fields into domain inputs and field
//! errors into translated messages next to their fields.

use crate::i18n::Tr;
use accord_domain::{FieldErrors, LocalizedText};

/// Splits a comma-separated list, dropping empty items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '،', '\n'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Turns an empty string into `None`.
pub fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// A localized text from three form fields.
pub fn localized(ar: &str, en: &str, fr: &str) -> LocalizedText {
    LocalizedText::new(opt(ar), opt(en), opt(fr))
}

/// One translated error message in a form.
#[derive(Debug, Clone)]
pub struct FormError {
    /// The form field's id, to link from the summary.
    pub field: String,
    /// The translated field label.
    pub label: String,
    /// The translated message.
    pub message: String,
}

/// The errors of a form, translated, with lookup by field.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    pub items: Vec<FormError>,
}

impl FormErrors {
    /// Translates validation errors. `field_id` maps an API field (`name`) to the
    /// form control that should receive focus (`name_en`).
    pub fn from_fields(tr: &Tr, errors: &FieldErrors, field_id: impl Fn(&str) -> String) -> Self {
        let mut items = Vec::new();
        for (field, codes) in &errors.0 {
            let base = field.split(['[', '.']).next().unwrap_or(field);
            let label = tr
                .try_t(&format!("field-{}", base.replace('_', "-")))
                .unwrap_or_else(|| field.clone());
            for code in codes {
                let message = tr
                    .try_t(&format!("error-{code}"))
                    .unwrap_or_else(|| code.replace('_', " "));
                items.push(FormError {
                    field: field_id(field),
                    label: label.clone(),
                    message,
                });
            }
        }
        Self { items }
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for a form control, if it has one.
    pub fn get(&self, field: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .items
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect();
        if messages.is_empty() {
            None
        } else {
            Some(messages.join(" "))
        }
    }

    /// True when a form control has an error.
    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|e| e.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_latin_and_arabic_commas() {
        assert_eq!(
            split_list("education, culture،  youth ,"),
            vec!["education", "culture", "youth"]
        );
    }
}
