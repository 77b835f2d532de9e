//! The observer-state outreach campaign: the stages of a case, the moves
//! allowed between them, the validation of what a user sends about a case,
//! and the funnel figures (median days between consecutive stages).
//!
//! ```text
//! identified ─▶ approached ─▶ engaged ─▶ applied ─▶ under_consideration ─▶ admitted
//!      ▲  (back one or more steps: with a reason)                        (final; admin revert with a reason)
//!      └── on_hold / declined (from any open stage; declined needs a reason)
//!          reopen from on_hold or declined to an open stage: with a reason
//! ```

use crate::errors::{FieldErrors, ValidationError};
use crate::partner::code_enum;
use crate::role::Role;
use crate::values::{self, MAX_NAME, MAX_TEXT};
use serde::{Deserialize, Serialize};
use time::Date;

code_enum!(
    /// Where an outreach case stands.
    Stage {
        Identified => "identified",
        Approached => "approached",
        Engaged => "engaged",
        Applied => "applied",
        UnderConsideration => "under_consideration",
        Admitted => "admitted",
        Declined => "declined",
        OnHold => "on_hold",
    }
);

/// The forward path of a case, in order.
pub const FORWARD: [Stage; 6] = [
    Stage::Identified,
    Stage::Approached,
    Stage::Engaged,
    Stage::Applied,
    Stage::UnderConsideration,
    Stage::Admitted,
];

impl Stage {
    /// The position on the forward path (`None` for `declined` and `on_hold`).
    pub fn rank(self) -> Option<usize> {
        FORWARD.iter().position(|s| *s == self)
    }

    /// True while the case is being worked (a second case for the country is refused).
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Admitted | Stage::Declined)
    }
}

/// May this role create, edit and move outreach cases?
pub fn can_edit(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Officer | Role::Director)
}

/// May this role read outreach cases (the organization's staff)?
pub fn can_read(role: Role) -> bool {
    role.is_staff()
}

/// The move from `from` to `to` if the drawing has that arrow for `role`, and
/// whether it needs a reason. `None` when there is no such arrow.
fn arrow(from: Stage, to: Stage, role: Role) -> Option<bool> {
    if from == to || !can_edit(role) {
        return None;
    }
    match (from, from.rank(), to, to.rank()) {
        // Admitted is final, except an administrator's revert.
        (Stage::Admitted, _, _, Some(r)) if role == Role::Admin && r < 5 => Some(true),
        (Stage::Admitted, ..) => None,
        // Forward one step, no reason needed.
        (_, Some(f), _, Some(t)) if t == f + 1 => Some(false),
        // Backwards: with a reason.
        (_, Some(f), _, Some(t)) if t < f => Some(true),
        (_, Some(_), Stage::OnHold, _) => Some(false),
        (_, Some(_), Stage::Declined, _) => Some(true),
        // Reopen from on hold or declined to an open stage: with a reason.
        (Stage::OnHold | Stage::Declined, None, _, Some(t)) if t < 5 => Some(true),
        (Stage::OnHold, None, Stage::Declined, _) => Some(true),
        _ => None,
    }
}

/// The stages a person with `role` may move a case to from `from`.
pub fn allowed_moves(from: Stage, role: Role) -> Vec<Stage> {
    Stage::ALL
        .iter()
        .copied()
        .filter(|to| arrow(from, *to, role).is_some())
        .collect()
}

/// Does the move need a reason?
pub fn needs_reason(from: Stage, to: Stage) -> bool {
    arrow(from, to, Role::Admin).unwrap_or(false)
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveError {
    /// No such arrow from the current stage; carries what is allowed now.
    NotAllowed { allowed: Vec<Stage> },
    /// The actor's role may not move cases.
    Forbidden,
    /// A reason is required.
    ReasonRequired,
}

/// Checks a move by hand.
pub fn check_move(
    from: Stage,
    to: Stage,
    role: Role,
    reason: Option<&str>,
) -> Result<(), MoveError> {
    if !can_edit(role) {
        return Err(MoveError::Forbidden);
    }
    match arrow(from, to, role) {
        None => Err(MoveError::NotAllowed {
            allowed: allowed_moves(from, role),
        }),
        Some(true) if reason.is_none_or(|r| r.trim().is_empty()) => Err(MoveError::ReasonRequired),
        Some(_) => Ok(()),
    }
}

/// A case's fields as a client sends them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutreachInput {
    pub country: Option<String>,
    pub mission_partner_id: Option<String>,
    pub owner_id: Option<String>,
    pub next_action: Option<String>,
    pub next_action_on: Option<String>,
    pub notes: Option<String>,
}

/// A case's validated fields (the existence of linked records is checked by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachFields {
    pub country: String,
    pub mission_partner_id: Option<uuid::Uuid>,
    pub owner_id: Option<uuid::Uuid>,
    pub next_action: Option<String>,
    pub next_action_on: Option<Date>,
    pub notes: Option<String>,
}

fn parse_uuid(errors: &mut FieldErrors, field: &str, value: Option<String>) -> Option<uuid::Uuid> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .and_then(|v| errors.take(field, uuid::Uuid::parse_str(&v).map_err(|_| "invalid_id")))
}

impl OutreachInput {
    /// Validates every field, collecting all errors at once.
    pub fn validate(self) -> Result<OutreachFields, ValidationError> {
        let mut errors = FieldErrors::new();
        let country = match self
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => {
                errors.add("country", "required");
                None
            }
            Some(c) => errors.take("country", values::country_code(c)),
        };
        let mission_partner_id =
            parse_uuid(&mut errors, "mission_partner_id", self.mission_partner_id);
        let owner_id = parse_uuid(&mut errors, "owner_id", self.owner_id);
        let next_action = errors
            .take(
                "next_action",
                values::optional_text(self.next_action, MAX_NAME),
            )
            .flatten();
        let next_action_on = self
            .next_action_on
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .and_then(|d| errors.take("next_action_on", values::date(&d)));
        let notes = errors
            .take("notes", values::optional_text(self.notes, MAX_TEXT))
            .flatten();
        errors.into_result()?;
        Ok(OutreachFields {
            country: country.unwrap_or_default(),
            mission_partner_id,
            owner_id,
            next_action,
            next_action_on,
            notes,
        })
    }
}

impl OutreachFields {
    /// The fields as an input again, for laying a patch over them.
    pub fn to_input(&self) -> OutreachInput {
        OutreachInput {
            country: Some(self.country.clone()),
            mission_partner_id: self.mission_partner_id.map(|p| p.to_string()),
            owner_id: self.owner_id.map(|p| p.to_string()),
            next_action: self.next_action.clone(),
            next_action_on: self.next_action_on.map(values::format_date),
            notes: self.notes.clone(),
        }
    }
}

/// One stay of a case in a stage, as the funnel needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageEntry {
    pub stage: Stage,
    pub entered_on: Date,
}

/// The median days from entering one forward stage to entering the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepDuration {
    pub from: Stage,
    pub to: Stage,
    /// How many cases made this step.
    pub cases: usize,
    /// The median of their days (`None` when no case made the step).
    pub median_days: Option<f64>,
}

/// The median of some numbers (the mean of the two middle ones for an even count).
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    })
}

/// For each consecutive pair of forward stages, the median days between a
/// case first entering the one and first entering the next (cases that made
/// that step only). `cases` holds each case's stage rows.
pub fn step_durations(cases: &[Vec<StageEntry>]) -> Vec<StepDuration> {
    FORWARD
        .windows(2)
        .map(|pair| {
            let mut days: Vec<i64> = cases
                .iter()
                .filter_map(|rows| {
                    let first = |stage: Stage| {
                        rows.iter()
                            .filter(|r| r.stage == stage)
                            .map(|r| r.entered_on)
                            .min()
                    };
                    let (a, b) = (first(pair[0])?, first(pair[1])?);
                    (b >= a).then(|| (b - a).whole_days())
                })
                .collect();
            StepDuration {
                from: pair[0],
                to: pair[1],
                cases: days.len(),
                median_days: median(&mut days),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn forbidden_moves_name_the_allowed_ones() {
        let err = check_move(Stage::Identified, Stage::Applied, Role::Officer, None).unwrap_err();
        assert_eq!(
            err,
            MoveError::NotAllowed {
                allowed: vec![Stage::Approached, Stage::Declined, Stage::OnHold]
            }
        );
        assert_eq!(
            check_move(Stage::Engaged, Stage::Approached, Role::Officer, None),
            Err(MoveError::ReasonRequired)
        );
        assert_eq!(
            check_move(Stage::Engaged, Stage::Declined, Role::Officer, Some(" ")),
            Err(MoveError::ReasonRequired)
        );
        assert_eq!(
            check_move(Stage::Engaged, Stage::Applied, Role::Viewer, None),
            Err(MoveError::Forbidden)
        );
        assert!(check_move(Stage::Engaged, Stage::OnHold, Role::Director, None).is_ok());
        assert!(
            check_move(
                Stage::OnHold,
                Stage::Engaged,
                Role::Officer,
                Some("resumed")
            )
            .is_ok()
        );
        assert!(
            check_move(
                Stage::Declined,
                Stage::Identified,
                Role::Officer,
                Some("new government")
            )
            .is_ok()
        );
        assert!(matches!(
            check_move(Stage::Admitted, Stage::UnderConsideration, Role::Officer, Some("x")),
            Err(MoveError::NotAllowed { allowed }) if allowed.is_empty()
        ));
        assert!(
            check_move(
                Stage::Admitted,
                Stage::UnderConsideration,
                Role::Admin,
                Some("entered by mistake")
            )
            .is_ok()
        );
        assert_eq!(
            check_move(
                Stage::Admitted,
                Stage::UnderConsideration,
                Role::Admin,
                None
            ),
            Err(MoveError::ReasonRequired)
        );
    }

    #[test]
    fn medians_between_consecutive_stages() {
        let e = |stage, entered_on| StageEntry { stage, entered_on };
        let cases = vec![
            vec![
                e(Stage::Identified, date!(2024 - 01 - 01)),
                e(Stage::Approached, date!(2024 - 01 - 11)),
                e(Stage::Engaged, date!(2024 - 03 - 01)),
            ],
            vec![
                e(Stage::Identified, date!(2024 - 01 - 01)),
                e(Stage::Approached, date!(2024 - 01 - 31)),
            ],
            vec![e(Stage::Identified, date!(2024 - 05 - 01))],
        ];
        let steps = step_durations(&cases);
        assert_eq!(steps.len(), 5);
        assert_eq!((steps[0].cases, steps[0].median_days), (2, Some(20.0)));
        assert_eq!((steps[1].cases, steps[1].median_days), (1, Some(50.0)));
        assert_eq!((steps[2].cases, steps[2].median_days), (0, None));
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
    }

    #[test]
    fn input_is_validated() {
        let err = OutreachInput {
            country: Some("France".into()),
            owner_id: Some("nope".into()),
            next_action_on: Some("2024-13-01".into()),
            ..OutreachInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(err.0.get("country"), ["invalid_country"]);
        assert_eq!(err.0.get("owner_id"), ["invalid_id"]);
        assert_eq!(err.0.get("next_action_on"), ["invalid_date"]);
        let ok = OutreachInput {
            country: Some(" br ".into()),
            ..OutreachInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.country, "BR");
    }

    fn any_stage() -> impl Strategy<Value = Stage> {
        (0..Stage::ALL.len()).prop_map(|i| Stage::ALL[i])
    }

    fn any_role() -> impl Strategy<Value = Role> {
        (0..Role::ALL.len()).prop_map(|i| Role::ALL[i])
    }

    proptest! {
        /// Random sequences of moves never leave the drawing: forward moves
        /// go one step at a time, nothing reaches `admitted` except from
        /// `under_consideration`, `admitted` is left only by an administrator
        /// with a reason, and what the checker accepts is always listed as allowed.
        #[test]
        fn random_moves_respect_the_drawing(moves in proptest::collection::vec((any_stage(), any_role(), any::<bool>()), 1..80)) {
            let mut stage = Stage::Identified;
            for (to, role, with_reason) in moves {
                let reason = with_reason.then_some("because");
                if check_move(stage, to, role, reason).is_ok() {
                    prop_assert!(allowed_moves(stage, role).contains(&to));
                    prop_assert!(can_edit(role));
                    if to == Stage::Admitted { prop_assert_eq!(stage, Stage::UnderConsideration); }
                    if stage == Stage::Admitted { prop_assert!(role == Role::Admin && reason.is_some()); }
                    if let (Some(f), Some(t)) = (stage.rank(), to.rank()) {
                        prop_assert!(t == f + 1 || reason.is_some());
                    }
                    if needs_reason(stage, to) { prop_assert!(reason.is_some()); }
                    stage = to;
                } else {
                    prop_assert!(!allowed_moves(stage, role).contains(&to) || needs_reason(stage, to));
                }
            }
        }
    }
}
