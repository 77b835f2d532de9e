//! Interactions (the communications log): kinds, directions, follow-ups and
//! their validation rules, the registry number of outgoing correspondence,
//! and who may see a confidential interaction.

use crate::errors::{FieldErrors, ValidationError};
use crate::partner::code_enum;
use crate::role::Role;
use crate::values::{self, MAX_NAME, MAX_TEXT};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

code_enum!(
    /// What sort of exchange took place.
    InteractionKind {
        Meeting => "meeting",
        Call => "call",
        Email => "email",
        Letter => "letter",
        NoteVerbale => "note_verbale",
        Visit => "visit",
        Mission => "mission",
        Ceremony => "ceremony",
        Event => "event",
    }
);

code_enum!(
    /// Which way the exchange went.
    Direction {
        Incoming => "incoming",
        Outgoing => "outgoing",
        Internal => "internal",
    }
);

/// The most links of one kind an interaction may carry.
pub const MAX_LINKS: usize = 50;
/// The most follow-ups an interaction may carry.
pub const MAX_FOLLOW_UPS: usize = 30;

/// True when an interaction of this kind and direction gets a number in the
/// organization's outgoing correspondence registry.
pub fn gets_registry_number(kind: InteractionKind, direction: Direction) -> bool {
    direction == Direction::Outgoing
        && matches!(kind, InteractionKind::Letter | InteractionKind::NoteVerbale)
}

/// A registry number: `{org}/{unit}/{year}/{seq:04}`, e.g. `ICESCO/PIC/2026/0142`.
pub fn registry_number(org: &str, unit: &str, year: i32, seq: i64) -> String {
    format!("{org}/{unit}/{year}/{seq:04}")
}

/// A follow-up as a client sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    pub id: Option<String>,
    pub action: Option<String>,
    pub owner_id: Option<String>,
    pub due_on: Option<String>,
    #[serde(default)]
    pub done: bool,
}

/// A validated follow-up action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: Option<Uuid>,
    pub action: String,
    pub owner_id: Option<Uuid>,
    pub due_on: Option<Date>,
    pub done: bool,
}

impl FollowUp {
    /// True when still open and its due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.done && self.due_on.is_some_and(|d| d < today)
    }
}

/// An interaction's fields as a client sends them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionInput {
    pub kind: Option<String>,
    pub direction: Option<String>,
    pub sender_reference: Option<String>,
    pub subject: Option<String>,
    pub occurred_at: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub partner_ids: Vec<String>,
    #[serde(default)]
    pub contact_ids: Vec<String>,
    #[serde(default)]
    pub staff_ids: Vec<String>,
    #[serde(default)]
    pub agreement_ids: Vec<String>,
    pub outreach_case_id: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default)]
    pub visible_to: Vec<String>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpInput>,
}

/// An interaction's validated fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionFields {
    pub kind: InteractionKind,
    pub direction: Direction,
    pub sender_reference: Option<String>,
    pub subject: String,
    /// When it took place, in microseconds since the epoch (UTC).
    pub occurred_at: i64,
    pub summary: Option<String>,
    pub partner_ids: Vec<Uuid>,
    pub contact_ids: Vec<Uuid>,
    pub staff_ids: Vec<Uuid>,
    pub agreement_ids: Vec<Uuid>,
    pub outreach_case_id: Option<Uuid>,
    pub confidential: bool,
    pub visible_to: Vec<Uuid>,
    pub follow_ups: Vec<FollowUp>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Parses an instant: RFC 3339 (`2026-03-04T10:30:00Z`), a local
/// `YYYY-MM-DDTHH:MM` as typed in a form (taken as UTC), or a date (midnight UTC).
pub fn parse_instant(text: &str) -> Result<i64, &'static str> {
    let text = text.trim();
    let micros = |t: OffsetDateTime| (t.unix_timestamp_nanos() / 1000) as i64;
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(micros(t));
    }
    if let Some((day, clock)) = text.split_once('T') {
        let date = values::date(day).map_err(|_| "invalid_datetime")?;
        let mut parts = clock.split(':');
        let hour: u8 = parts
            .next()
            .and_then(|h| h.parse().ok())
            .ok_or("invalid_datetime")?;
        let minute: u8 = parts
            .next()
            .and_then(|m| m.parse().ok())
            .ok_or("invalid_datetime")?;
        if parts.next().is_some_and(|s| s.parse::<u8>().is_err()) {
            return Err("invalid_datetime");
        }
        let time = time::Time::from_hms(hour, minute, 0).map_err(|_| "invalid_datetime")?;
        return Ok(micros(date.with_time(time).assume_utc()));
    }
    values::date(text)
        .map(|d| micros(d.midnight().assume_utc()))
        .map_err(|_| "invalid_datetime")
}

fn ids(errors: &mut FieldErrors, field: &str, list: &[String]) -> Vec<Uuid> {
    let mut out = Vec::new();
    if list.len() > MAX_LINKS {
        errors.add(field, "too_many");
    }
    for (i, text) in list.iter().enumerate() {
        match Uuid::parse_str(text.trim()) {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => errors.add(format!("{field}[{i}]"), "invalid_id"),
        }
    }
    out
}

impl InteractionInput {
    /// Validates every field; follow-up errors are reported as `follow_ups[i].field`.
    pub fn validate(self) -> Result<InteractionFields, ValidationError> {
        let mut errors = FieldErrors::new();
        let kind = match non_empty(self.kind) {
            None => {
                errors.add("kind", "required");
                None
            }
            Some(k) => errors.take("kind", InteractionKind::parse(&k)),
        };
        let direction = match non_empty(self.direction) {
            None => {
                errors.add("direction", "required");
                None
            }
            Some(d) => errors.take("direction", Direction::parse(&d)),
        };
        let subject = match non_empty(self.subject) {
            None => {
                errors.add("subject", "required");
                String::new()
            }
            Some(s) if s.chars().count() > MAX_NAME => {
                errors.add("subject", "too_long");
                s
            }
            Some(s) => s,
        };
        let occurred_at = match non_empty(self.occurred_at) {
            None => {
                errors.add("occurred_at", "required");
                None
            }
            Some(t) => errors.take("occurred_at", parse_instant(&t)),
        };
        let summary = errors
            .take("summary", values::optional_text(self.summary, MAX_TEXT))
            .flatten();
        let sender_reference = errors
            .take(
                "sender_reference",
                values::optional_text(self.sender_reference, 120),
            )
            .flatten();
        if sender_reference.is_some() && direction == Some(Direction::Outgoing) {
            errors.add("sender_reference", "not_for_outgoing");
        }
        let partner_ids = ids(&mut errors, "partner_ids", &self.partner_ids);
        let contact_ids = ids(&mut errors, "contact_ids", &self.contact_ids);
        let staff_ids = ids(&mut errors, "staff_ids", &self.staff_ids);
        let agreement_ids = ids(&mut errors, "agreement_ids", &self.agreement_ids);
        let visible_to = ids(&mut errors, "visible_to", &self.visible_to);
        let outreach_case_id = non_empty(self.outreach_case_id).and_then(|t| {
            errors.take(
                "outreach_case_id",
                Uuid::parse_str(&t).map_err(|_| "invalid_id"),
            )
        });
        if self.follow_ups.len() > MAX_FOLLOW_UPS {
            errors.add("follow_ups", "too_many");
        }
        let mut follow_ups = Vec::new();
        for (i, f) in self.follow_ups.into_iter().enumerate() {
            let field = |name: &str| format!("follow_ups[{i}].{name}");
            let id = non_empty(f.id).and_then(|v| match Uuid::parse_str(&v) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add(field("id"), "invalid_id");
                    None
                }
            });
            let action = match non_empty(f.action) {
                None => {
                    errors.add(field("action"), "required");
                    String::new()
                }
                Some(a) if a.chars().count() > MAX_NAME => {
                    errors.add(field("action"), "too_long");
                    a
                }
                Some(a) => a,
            };
            let owner_id = non_empty(f.owner_id).and_then(|v| match Uuid::parse_str(&v) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add(field("owner_id"), "invalid_id");
                    None
                }
            });
            let due_on = non_empty(f.due_on).and_then(|v| match values::date(&v) {
                Ok(d) => Some(d),
                Err(code) => {
                    errors.add(field("due_on"), code);
                    None
                }
            });
            follow_ups.push(FollowUp {
                id,
                action,
                owner_id,
                due_on,
                done: f.done,
            });
        }
        errors.into_result()?;
        match (kind, direction, occurred_at) {
            (Some(kind), Some(direction), Some(occurred_at)) => Ok(InteractionFields {
                kind,
                direction,
                sender_reference,
                subject,
                occurred_at,
                summary,
                partner_ids,
                contact_ids,
                staff_ids,
                agreement_ids,
                outreach_case_id,
                confidential: self.confidential,
                visible_to,
                follow_ups,
            }),
            _ => Err(ValidationError::single("body", "invalid")),
        }
    }
}

impl InteractionFields {
    /// The fields as an input again (for PATCH: the current record under the changes).
    pub fn to_input(&self) -> InteractionInput {
        let text = |ids: &[Uuid]| ids.iter().map(Uuid::to_string).collect();
        InteractionInput {
            kind: Some(self.kind.as_str().into()),
            direction: Some(self.direction.as_str().into()),
            sender_reference: self.sender_reference.clone(),
            subject: Some(self.subject.clone()),
            occurred_at: Some(format_instant(self.occurred_at)),
            summary: self.summary.clone(),
            partner_ids: text(&self.partner_ids),
            contact_ids: text(&self.contact_ids),
            staff_ids: text(&self.staff_ids),
            agreement_ids: text(&self.agreement_ids),
            outreach_case_id: self.outreach_case_id.map(|u| u.to_string()),
            confidential: self.confidential,
            visible_to: text(&self.visible_to),
            follow_ups: self
                .follow_ups
                .iter()
                .map(|f| FollowUpInput {
                    id: f.id.map(|u| u.to_string()),
                    action: Some(f.action.clone()),
                    owner_id: f.owner_id.map(|u| u.to_string()),
                    due_on: f.due_on.map(values::format_date),
                    done: f.done,
                })
                .collect(),
        }
    }

    /// The normalized text searched by `q`: subject, summary and references.
    pub fn search_text(&self, registry_number: Option<&str>) -> String {
        let mut parts = vec![self.subject.as_str()];
        if let Some(s) = &self.summary {
            parts.push(s);
        }
        if let Some(r) = &self.sender_reference {
            parts.push(r);
        }
        if let Some(r) = registry_number {
            parts.push(r);
        }
        crate::search::normalize(&parts.join(" "))
    }
}

/// An RFC 3339 instant (whole seconds, UTC) from microseconds.
pub fn format_instant(micros: i64) -> String {
    OffsetDateTime::from_unix_timestamp(micros.div_euclid(1_000_000))
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Who may read a confidential interaction: its creator, the staff and the
/// users it is shared with, the director and admins. Everyone on the staff
/// reads the others; partner users read none.
pub fn can_read(
    role: Role,
    user: Uuid,
    confidential: bool,
    created_by: Option<Uuid>,
    shared_with: &[Uuid],
) -> bool {
    if !role.is_staff() {
        return false;
    }
    !confidential
        || matches!(role, Role::Admin | Role::Director)
        || created_by == Some(user)
        || shared_with.contains(&user)
}

/// Who may record interactions and change them: staff other than viewers.
pub fn can_write(role: Role) -> bool {
    role.is_staff() && role != Role::Viewer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> InteractionInput {
        InteractionInput {
            kind: Some("note_verbale".into()),
            direction: Some("outgoing".into()),
            subject: Some("Invitation".into()),
            occurred_at: Some("2026-03-04".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_interaction_validates() {
        let fields = input().validate().unwrap();
        assert_eq!(fields.kind, InteractionKind::NoteVerbale);
        assert_eq!(format_instant(fields.occurred_at), "2026-03-04T00:00:00Z");
        assert!(gets_registry_number(fields.kind, fields.direction));
        assert!(!gets_registry_number(
            InteractionKind::Letter,
            Direction::Incoming
        ));
    }

    #[test]
    fn errors_name_their_fields() {
        let err = InteractionInput {
            kind: Some("fax".into()),
            follow_ups: vec![FollowUpInput {
                due_on: Some("31/12/2026".into()),
                ..Default::default()
            }],
            partner_ids: vec!["nope".into()],
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = err.0.0.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "direction",
                "follow_ups[0].action",
                "follow_ups[0].due_on",
                "kind",
                "occurred_at",
                "partner_ids[0]",
                "subject"
            ]
        );
    }

    #[test]
    fn instants_parse_in_three_forms() {
        assert_eq!(
            parse_instant("2026-03-04T10:30"),
            parse_instant("2026-03-04T10:30:00Z")
        );
        assert!(parse_instant("2026-02-30").is_err());
        assert!(parse_instant("2026-03-04T25:00").is_err());
    }

    #[test]
    fn registry_numbers_are_zero_padded() {
        assert_eq!(
            registry_number("ICESCO", "PIC", 2026, 142),
            "ICESCO/PIC/2026/0142"
        );
    }

    #[test]
    fn confidential_ones_are_read_by_few() {
        let me = Uuid::from_u128(1);
        let other = Uuid::from_u128(2);
        assert!(can_read(Role::Viewer, me, false, None, &[]));
        assert!(!can_read(Role::Viewer, me, true, Some(other), &[]));
        assert!(can_read(Role::Viewer, me, true, Some(other), &[me]));
        assert!(can_read(Role::Officer, me, true, Some(me), &[]));
        assert!(can_read(Role::Director, me, true, Some(other), &[]));
        assert!(!can_read(Role::Partner, me, false, None, &[]));
    }
}
