//! Partners: the organizations the office works with, and the validation of
//! everything a user may send about one.

use crate::errors::{FieldErrors, ValidationError};
use crate::text::LocalizedText;
use crate::values::{self, MAX_NAME, MAX_TEXT};
use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a stable code.
            pub fn parse(code: &str) -> Result<$name, &'static str> {
                match code.trim() { $($code => Ok($name::$variant),)+ _ => Err("invalid_choice") }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// What sort of organization a partner is.
    PartnerKind {
        Government => "government",
        NationalCommission => "national_commission",
        DiplomaticMission => "diplomatic_mission",
        Intergovernmental => "intergovernmental",
        RegionalOrganization => "regional_organization",
        Ngo => "ngo",
        Academic => "academic",
        PrivateSector => "private_sector",
        Foundation => "foundation",
        Media => "media",
    }
);

code_enum!(
    /// Where the relationship with a partner stands.
    PartnerStatus {
        Prospect => "prospect",
        Active => "active",
        Dormant => "dormant",
        Blocked => "blocked",
    }
);

code_enum!(
    /// The risk rating of a partner.
    Risk {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

/// An external identifier of a partner (IATI organization id, registration number, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    pub scheme: String,
    pub value: String,
}

/// A partner's fields as a client sends them, before validation. Every field
/// is optional here so that a patch can be laid over the current record.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    #[serde(default)]
    pub name: LocalizedText,
    pub acronym: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub parent_id: Option<String>,
    pub status: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub risk: Option<String>,
    pub notes: Option<String>,
}

/// A partner's validated fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerFields {
    pub name: LocalizedText,
    pub acronym: Option<String>,
    pub kind: PartnerKind,
    pub country: Option<String>,
    pub parent_id: Option<uuid::Uuid>,
    pub status: PartnerStatus,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub identifiers: Vec<Identifier>,
    pub tags: Vec<String>,
    pub risk: Option<Risk>,
    pub notes: Option<String>,
}

impl PartnerInput {
    /// Validates every field, collecting all errors at once.
    pub fn validate(self) -> Result<PartnerFields, ValidationError> {
        let mut errors = FieldErrors::new();
        let name = self.name.cleaned();
        if name.is_empty() {
            errors.add("name", "required");
        } else if name.too_long(MAX_NAME) {
            errors.add("name", "too_long");
        }
        let acronym = errors
            .take("acronym", values::optional_text(self.acronym, 30))
            .flatten();
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            None => {
                errors.add("kind", "required");
                None
            }
            Some(code) => errors.take("kind", PartnerKind::parse(code)),
        };
        let country =
            non_empty(self.country).and_then(|c| errors.take("country", values::country_code(&c)));
        let parent_id = non_empty(self.parent_id).and_then(|p| {
            errors.take(
                "parent_id",
                uuid::Uuid::parse_str(&p).map_err(|_| "invalid_id"),
            )
        });
        let status = match non_empty(self.status) {
            None => Some(PartnerStatus::Prospect),
            Some(code) => errors.take("status", PartnerStatus::parse(&code)),
        };
        let website =
            non_empty(self.website).and_then(|w| errors.take("website", values::website(&w)));
        let email = non_empty(self.email).and_then(|e| errors.take("email", values::email(&e)));
        let phone = non_empty(self.phone).and_then(|p| errors.take("phone", values::phone(&p)));
        let mut identifiers = Vec::new();
        for identifier in self.identifiers {
            let scheme = identifier.scheme.trim().to_string();
            let value = identifier.value.trim().to_string();
            if scheme.is_empty() || value.is_empty() || scheme.len() > 50 || value.len() > 200 {
                errors.add("identifiers", "invalid_identifier");
            } else if !identifiers
                .iter()
                .any(|i: &Identifier| i.scheme == scheme && i.value == value)
            {
                identifiers.push(Identifier { scheme, value });
            }
        }
        let tags = errors
            .take("tags", values::tags(&self.tags))
            .unwrap_or_default();
        let risk = non_empty(self.risk).and_then(|r| errors.take("risk", Risk::parse(&r)));
        let notes = errors
            .take("notes", values::optional_text(self.notes, MAX_TEXT))
            .flatten();
        errors.into_result()?;
        match (kind, status) {
            (Some(kind), Some(status)) => Ok(PartnerFields {
                name,
                acronym,
                kind,
                country,
                parent_id,
                status,
                website,
                email,
                phone,
                identifiers,
                tags,
                risk,
                notes,
            }),
            _ => Err(ValidationError::single("kind", "required")),
        }
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl PartnerFields {
    /// The fields as an input again, for laying a patch over them.
    pub fn to_input(&self) -> PartnerInput {
        PartnerInput {
            name: self.name.clone(),
            acronym: self.acronym.clone(),
            kind: Some(self.kind.as_str().to_string()),
            country: self.country.clone(),
            parent_id: self.parent_id.map(|p| p.to_string()),
            status: Some(self.status.as_str().to_string()),
            website: self.website.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            identifiers: self.identifiers.clone(),
            tags: self.tags.clone(),
            risk: self.risk.map(|r| r.as_str().to_string()),
            notes: self.notes.clone(),
        }
    }

    /// The text the search index keeps for this partner: every name, the
    /// acronym and the identifiers, normalized.
    pub fn search_text(&self) -> String {
        let mut parts: Vec<&str> = self.name.all().collect();
        if let Some(acronym) = &self.acronym {
            parts.push(acronym);
        }
        for identifier in &self.identifiers {
            parts.push(&identifier.value);
        }
        crate::search::normalize(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PartnerInput {
        PartnerInput {
            name: LocalizedText::new(
                Some("وزارة التربية".into()),
                Some("Ministry of Education".into()),
                None,
            ),
            kind: Some("government".into()),
            country: Some("ma".into()),
            tags: vec!["Education".into()],
            ..Default::default()
        }
    }

    #[test]
    fn valid_input_gets_defaults() {
        let fields = input().validate().unwrap();
        assert_eq!(fields.status, PartnerStatus::Prospect);
        assert_eq!(fields.country.as_deref(), Some("MA"));
        assert_eq!(fields.tags, vec!["education"]);
        assert!(fields.search_text().contains("ministry of education"));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = PartnerInput {
            name: LocalizedText::default(),
            kind: Some("alien".into()),
            email: Some("x".into()),
            website: Some("ftp://x".into()),
            ..Default::default()
        };
        let err = bad.validate().unwrap_err().0;
        assert_eq!(err.get("name"), ["required"]);
        assert_eq!(err.get("kind"), ["invalid_choice"]);
        assert_eq!(err.get("email"), ["invalid_email"]);
        assert_eq!(err.get("website"), ["invalid_url"]);
    }

    #[test]
    fn round_trips_through_input() {
        let fields = input().validate().unwrap();
        assert_eq!(fields.to_input().validate().unwrap(), fields);
    }
}
