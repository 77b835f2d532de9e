//! Contacts: people at partner organizations, with dated positions and signing authority.

use crate::errors::{FieldErrors, ValidationError};
use crate::partner::code_enum;
use crate::values::{self, MAX_NAME, MAX_TEXT};
use serde::{Deserialize, Serialize};
use time::Date;

code_enum!(
    /// Whether a person may sign for their organization, and on what basis.
    SigningAuthority {
        None => "none",
        FullPowers => "full_powers",
        Delegation => "delegation",
    }
);

/// A position as a client sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionInput {
    pub id: Option<String>,
    pub partner_id: Option<String>,
    pub title: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub signing_authority: Option<String>,
    pub authority_document: Option<String>,
}

/// A validated position: a title at a partner over a span of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub id: Option<uuid::Uuid>,
    pub partner_id: uuid::Uuid,
    pub title: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub signing_authority: SigningAuthority,
    pub authority_document: Option<String>,
}

impl Position {
    /// True when the position has not ended by `today`.
    pub fn is_current(&self, today: Date) -> bool {
        self.to.is_none_or(|to| to >= today)
    }
}

/// A contact's fields as a client sends them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    pub name: Option<String>,
    pub name_alt: Option<String>,
    pub honorific: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub positions: Vec<PositionInput>,
    pub notes: Option<String>,
}

/// A contact's validated fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactFields {
    pub name: String,
    pub name_alt: Option<String>,
    pub honorific: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    pub positions: Vec<Position>,
    pub notes: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl ContactInput {
    /// Validates every field; position errors are reported as `positions[i].field`.
    pub fn validate(self) -> Result<ContactFields, ValidationError> {
        let mut errors = FieldErrors::new();
        let name = match non_empty(self.name) {
            None => {
                errors.add("name", "required");
                String::new()
            }
            Some(n) if n.chars().count() > MAX_NAME => {
                errors.add("name", "too_long");
                n
            }
            Some(n) => n,
        };
        let name_alt = errors
            .take("name_alt", values::optional_text(self.name_alt, MAX_NAME))
            .flatten();
        let honorific = errors
            .take("honorific", values::optional_text(self.honorific, 60))
            .flatten();
        let email = non_empty(self.email).and_then(|e| errors.take("email", values::email(&e)));
        let phone = non_empty(self.phone).and_then(|p| errors.take("phone", values::phone(&p)));
        let mut languages = Vec::new();
        for language in &self.languages {
            if let Some(code) = errors.take("languages", values::language_code(language))
                && !languages.contains(&code)
            {
                languages.push(code);
            }
        }
        let mut positions = Vec::new();
        for (i, position) in self.positions.into_iter().enumerate() {
            let field = |name: &str| format!("positions[{i}].{name}");
            let id = non_empty(position.id).and_then(|v| {
                errors.take(
                    &field("id"),
                    uuid::Uuid::parse_str(&v).map_err(|_| "invalid_id"),
                )
            });
            let partner_id = match non_empty(position.partner_id) {
                None => {
                    errors.add(field("partner_id"), "required");
                    None
                }
                Some(v) => errors.take(
                    &field("partner_id"),
                    uuid::Uuid::parse_str(&v).map_err(|_| "invalid_id"),
                ),
            };
            let title = non_empty(position.title);
            if title.is_none() {
                errors.add(field("title"), "required");
            }
            let from = non_empty(position.from)
                .and_then(|v| errors.take(&field("from"), values::date(&v)));
            let to =
                non_empty(position.to).and_then(|v| errors.take(&field("to"), values::date(&v)));
            if let (Some(from), Some(to)) = (from, to)
                && to < from
            {
                errors.add(field("to"), "before_start");
            }
            let signing_authority = match non_empty(position.signing_authority) {
                None => Some(SigningAuthority::None),
                Some(v) => errors.take(&field("signing_authority"), SigningAuthority::parse(&v)),
            };
            let authority_document = errors
                .take(
                    &field("authority_document"),
                    values::optional_text(position.authority_document, 500),
                )
                .flatten();
            if let (Some(partner_id), Some(title), Some(signing_authority)) =
                (partner_id, title, signing_authority)
            {
                positions.push(Position {
                    id,
                    partner_id,
                    title,
                    from,
                    to,
                    signing_authority,
                    authority_document,
                });
            }
        }
        let notes = errors
            .take("notes", values::optional_text(self.notes, MAX_TEXT))
            .flatten();
        errors.into_result()?;
        Ok(ContactFields {
            name,
            name_alt,
            honorific,
            email,
            phone,
            languages,
            positions,
            notes,
        })
    }
}

impl ContactFields {
    /// The fields as an input again, for laying a patch over them.
    pub fn to_input(&self) -> ContactInput {
        ContactInput {
            name: Some(self.name.clone()),
            name_alt: self.name_alt.clone(),
            honorific: self.honorific.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            languages: self.languages.clone(),
            positions: self
                .positions
                .iter()
                .map(|p| PositionInput {
                    id: p.id.map(|id| id.to_string()),
                    partner_id: Some(p.partner_id.to_string()),
                    title: Some(p.title.clone()),
                    from: p.from.map(values::format_date),
                    to: p.to.map(values::format_date),
                    signing_authority: Some(p.signing_authority.as_str().to_string()),
                    authority_document: p.authority_document.clone(),
                })
                .collect(),
            notes: self.notes.clone(),
        }
    }

    /// The normalized text the search index keeps for this contact.
    pub fn search_text(&self) -> String {
        let mut parts = vec![self.name.as_str()];
        if let Some(alt) = &self.name_alt {
            parts.push(alt);
        }
        if let Some(email) = &self.email {
            parts.push(email);
        }
        for position in &self.positions {
            parts.push(&position.title);
        }
        crate::search::normalize(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_dates_must_be_ordered() {
        let input = ContactInput {
            name: Some("Amina Benali".into()),
            positions: vec![PositionInput {
                partner_id: Some(uuid::Uuid::nil().to_string()),
                title: Some("Ambassador".into()),
                from: Some("2024-01-01".into()),
                to: Some("2023-01-01".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let errors = input.validate().unwrap_err().0;
        assert_eq!(errors.get("positions[0].to"), ["before_start"]);
    }

    #[test]
    fn current_position_has_no_end_or_a_future_end() {
        let today = values::date("2026-11-28").unwrap();
        let position = Position {
            id: None,
            partner_id: uuid::Uuid::nil(),
            title: "Ambassador".into(),
            from: None,
            to: None,
            signing_authority: SigningAuthority::FullPowers,
            authority_document: None,
        };
        assert!(position.is_current(today));
        let ended = Position {
            to: Some(values::date("2025-01-01").unwrap()),
            ..position
        };
        assert!(!ended.is_current(today));
    }
}
