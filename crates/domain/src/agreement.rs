//! Agreements: their kinds and statuses, the lifecycle state machine with its
//! guards, and the validation of what a user sends about one. The drawing in
//! DESIGN.md is the contract:
//!
//! ```text
//! prospect ─▶ negotiation ─▶ review ─▶ signature ─▶ validation ─▶ active ─▶ expired | completed
//!    │             ▲   │        │  (chain: technical → legal → director)        │
//!    │             └───┴────────┘ changes requested                              ├─▶ suspended ─▶ active
//!    └──────────── withdrawn (from any state before signature)                   └─▶ terminated
//! ```
//!
//! Every move is an [`Action`]; moving back (reopen, revert a termination) is
//! an action too, never an edit. Some actions are taken by people, others by
//! the system when a condition is met (the chain is cleared, every party has
//! signed, the entry-into-force date or the end date has come).

use crate::errors::{FieldErrors, ValidationError};
use crate::partner::code_enum;
use crate::role::Role;
use crate::text::LocalizedText;
use crate::values::{self, MAX_TEXT};
use serde::{Deserialize, Serialize};
use time::Date;

code_enum!(
    /// The legal form of an agreement.
    AgreementKind {
        Mou => "mou",
        CooperationAgreement => "cooperation_agreement",
        FrameworkAgreement => "framework_agreement",
        ExecutiveProgramme => "executive_programme",
        Protocol => "protocol",
        LetterOfIntent => "letter_of_intent",
        ExchangeOfLetters => "exchange_of_letters",
        FundingAgreement => "funding_agreement",
        HostAgreement => "host_agreement",
    }
);

code_enum!(
    /// Where an agreement stands in its lifecycle.
    AgreementStatus {
        Prospect => "prospect",
        Negotiation => "negotiation",
        Review => "review",
        Signature => "signature",
        Validation => "validation",
        Active => "active",
        Suspended => "suspended",
        Expired => "expired",
        Completed => "completed",
        Terminated => "terminated",
        Withdrawn => "withdrawn",
    }
);

code_enum!(
    /// When an agreement enters into force.
    EntryIntoForce {
        OnSignature => "on_signature",
        OnDate => "on_date",
        OnNotification => "on_notification",
        OnRatification => "on_ratification",
    }
);

code_enum!(
    /// A move of the lifecycle.
    Action {
        StartNegotiation => "start_negotiation",
        SubmitForReview => "submit_for_review",
        RecallFromReview => "recall_from_review",
        RequestChanges => "request_changes",
        Reject => "reject",
        ClearChain => "clear_chain",
        CompleteSignatures => "complete_signatures",
        EnterIntoForce => "enter_into_force",
        Withdraw => "withdraw",
        Reopen => "reopen",
        Suspend => "suspend",
        Resume => "resume",
        Terminate => "terminate",
        RevertTermination => "revert_termination",
        Complete => "complete",
        Expire => "expire",
    }
);

impl AgreementStatus {
    /// States before any party has signed.
    pub fn is_before_signature(self) -> bool {
        matches!(
            self,
            AgreementStatus::Prospect
                | AgreementStatus::Negotiation
                | AgreementStatus::Review
                | AgreementStatus::Signature
        )
    }

    /// States in which the agreement binds the parties.
    pub fn is_in_force(self) -> bool {
        matches!(self, AgreementStatus::Active | AgreementStatus::Suspended)
    }

    /// States that end the lifecycle (reopen or revert may still apply).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            AgreementStatus::Expired
                | AgreementStatus::Completed
                | AgreementStatus::Terminated
                | AgreementStatus::Withdrawn
        )
    }
}

impl Action {
    /// Actions the system takes when a condition is met, never a person directly.
    pub fn is_automatic(self) -> bool {
        matches!(
            self,
            Action::RequestChanges
                | Action::Reject
                | Action::ClearChain
                | Action::CompleteSignatures
                | Action::EnterIntoForce
                | Action::Expire
        )
    }

    /// Actions that need a reason (every move backwards, and the ones that stop an agreement).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Action::Withdraw
                | Action::Reopen
                | Action::Suspend
                | Action::Terminate
                | Action::RevertTermination
                | Action::RecallFromReview
        )
    }

    /// The status this action leads from `from`, if the drawing has that arrow.
    pub fn target(self, from: AgreementStatus) -> Option<AgreementStatus> {
        use AgreementStatus as S;
        match (self, from) {
            (Action::StartNegotiation, S::Prospect) => Some(S::Negotiation),
            (Action::SubmitForReview, S::Negotiation) => Some(S::Review),
            (Action::RecallFromReview, S::Review) => Some(S::Negotiation),
            (Action::RequestChanges, S::Review) => Some(S::Negotiation),
            (Action::Reject, S::Review) => Some(S::Withdrawn),
            (Action::ClearChain, S::Review) => Some(S::Signature),
            (Action::CompleteSignatures, S::Signature) => Some(S::Validation),
            (Action::EnterIntoForce, S::Validation) => Some(S::Active),
            (Action::Withdraw, s) if s.is_before_signature() => Some(S::Withdrawn),
            (Action::Reopen, S::Withdrawn | S::Signature) => Some(S::Negotiation),
            (Action::Suspend, S::Active) => Some(S::Suspended),
            (Action::Resume, S::Suspended) => Some(S::Active),
            (Action::Terminate, S::Active | S::Suspended) => Some(S::Terminated),
            (Action::RevertTermination, S::Terminated) => Some(S::Active),
            (Action::Complete, S::Active) => Some(S::Completed),
            (Action::Expire, S::Active | S::Suspended) => Some(S::Expired),
            _ => None,
        }
    }

    /// Roles allowed to take this action by hand.
    pub fn allowed_role(self, role: Role) -> bool {
        match self {
            Action::RevertTermination => role == Role::Admin,
            a if a.is_automatic() => false,
            _ => matches!(role, Role::Admin | Role::Officer),
        }
    }
}

/// What the guards of a transition need to know besides the status.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// At least one draft version has been uploaded.
    pub has_draft: bool,
    /// The reason given with the action, if any.
    pub reason: Option<String>,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// The drawing has no such arrow from the current status; carries what is allowed now.
    NotAllowed { allowed: Vec<Action> },
    /// The actor's role may not take this action.
    Forbidden,
    /// A reason is required.
    ReasonRequired,
    /// Submitting for review needs a draft.
    NoDraft,
}

/// The actions a person with `role` may take by hand from `status`.
pub fn allowed_actions(status: AgreementStatus, role: Role) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| !a.is_automatic() && a.allowed_role(role) && a.target(status).is_some())
        .collect()
}

/// Checks a hand-taken action and returns the status it leads to.
pub fn check_manual(
    status: AgreementStatus,
    action: Action,
    role: Role,
    facts: &Facts,
) -> Result<AgreementStatus, TransitionError> {
    let Some(target) = action.target(status).filter(|_| !action.is_automatic()) else {
        return Err(TransitionError::NotAllowed {
            allowed: allowed_actions(status, role),
        });
    };
    if !action.allowed_role(role) {
        return Err(TransitionError::Forbidden);
    }
    if action.needs_reason() && facts.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(TransitionError::ReasonRequired);
    }
    if action == Action::SubmitForReview && !facts.has_draft {
        return Err(TransitionError::NoDraft);
    }
    Ok(target)
}

/// Checks an action the system takes and returns the status it leads to.
pub fn check_automatic(status: AgreementStatus, action: Action) -> Option<AgreementStatus> {
    action.target(status).filter(|_| action.is_automatic())
}

/// An agreement's fields as a client sends them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementInput {
    #[serde(default)]
    pub title: LocalizedText,
    pub kind: Option<String>,
    #[serde(default)]
    pub partner_ids: Vec<String>,
    pub lead_unit: Option<String>,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub entry_into_force: Option<String>,
    #[serde(default)]
    pub auto_renew: bool,
    pub notice_days: Option<i64>,
    pub value: Option<MoneyInput>,
    #[serde(default)]
    pub objectives: LocalizedText,
    pub parent_id: Option<String>,
    pub amends_id: Option<String>,
    pub renews_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Money as sent: a decimal string and an ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyInput {
    pub amount: String,
    pub currency: String,
}

/// An amount in minor units (cents) with its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: [u8; 3],
}

impl Money {
    /// Parses `"12500.00"` and `"USD"` (two decimals at most, no sign, no grouping).
    pub fn parse(input: &MoneyInput) -> Result<Money, &'static str> {
        let currency = input.currency.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = currency
            .as_bytes()
            .try_into()
            .map_err(|_| "invalid_currency")?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err("invalid_currency");
        }
        let amount = input.amount.trim();
        let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
        let ok = !whole.is_empty()
            && whole.len() <= 15
            && whole.chars().all(|c| c.is_ascii_digit())
            && fraction.len() <= 2
            && fraction.chars().all(|c| c.is_ascii_digit());
        if !ok {
            return Err("invalid_amount");
        }
        let whole: i64 = whole.parse().map_err(|_| "invalid_amount")?;
        let cents: i64 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| "invalid_amount")?;
        Ok(Money {
            minor: whole * 100 + cents,
            currency: bytes,
        })
    }

    /// The ISO 4217 code.
    pub fn currency_code(&self) -> String {
        String::from_utf8_lossy(&self.currency).into_owned()
    }

    /// The amount as a decimal string with two decimals.
    pub fn amount_text(&self) -> String {
        format!("{}.{:02}", self.minor / 100, self.minor % 100)
    }

    /// The JSON/API form.
    pub fn to_input(&self) -> MoneyInput {
        MoneyInput {
            amount: self.amount_text(),
            currency: self.currency_code(),
        }
    }
}

/// An agreement's validated fields (ids still as parsed UUIDs; their existence
/// is checked by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementFields {
    pub title: LocalizedText,
    pub kind: AgreementKind,
    pub partner_ids: Vec<uuid::Uuid>,
    pub lead_unit: String,
    pub owner_id: Option<uuid::Uuid>,
    pub confidential: bool,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub entry_into_force: EntryIntoForce,
    pub auto_renew: bool,
    pub notice_days: Option<i64>,
    pub value: Option<Money>,
    pub objectives: LocalizedText,
    pub parent_id: Option<uuid::Uuid>,
    pub amends_id: Option<uuid::Uuid>,
    pub renews_id: Option<uuid::Uuid>,
    pub tags: Vec<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn parse_uuid(errors: &mut FieldErrors, field: &str, value: Option<String>) -> Option<uuid::Uuid> {
    non_empty(value)
        .and_then(|v| errors.take(field, uuid::Uuid::parse_str(&v).map_err(|_| "invalid_id")))
}

impl AgreementInput {
    /// Validates every field, collecting all errors at once.
    pub fn validate(self) -> Result<AgreementFields, ValidationError> {
        let mut errors = FieldErrors::new();
        let title = self.title.cleaned();
        if title.is_empty() {
            errors.add("title", "required");
        } else if title.too_long(500) {
            errors.add("title", "too_long");
        }
        let kind = match non_empty(self.kind) {
            None => {
                errors.add("kind", "required");
                None
            }
            Some(k) => errors.take("kind", AgreementKind::parse(&k)),
        };
        let mut partner_ids = Vec::new();
        for (i, id) in self.partner_ids.iter().enumerate() {
            match uuid::Uuid::parse_str(id.trim()) {
                Ok(id) if !partner_ids.contains(&id) => partner_ids.push(id),
                Ok(_) => {}
                Err(_) => errors.add(format!("partner_ids[{i}]"), "invalid_id"),
            }
        }
        if self.partner_ids.is_empty() {
            errors.add("partner_ids", "required");
        }
        let lead_unit = non_empty(self.lead_unit).map(|u| u.to_ascii_uppercase());
        if lead_unit.is_none() {
            errors.add("lead_unit", "required");
        }
        let owner_id = parse_uuid(&mut errors, "owner_id", self.owner_id);
        let starts_on =
            non_empty(self.starts_on).and_then(|d| errors.take("starts_on", values::date(&d)));
        let ends_on =
            non_empty(self.ends_on).and_then(|d| errors.take("ends_on", values::date(&d)));
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.add("ends_on", "before_start");
        }
        let entry_into_force = match non_empty(self.entry_into_force) {
            None => Some(EntryIntoForce::OnSignature),
            Some(v) => errors.take("entry_into_force", EntryIntoForce::parse(&v)),
        };
        let notice_days = match self.notice_days {
            Some(n) if !(0..=3650).contains(&n) => {
                errors.add("notice_days", "out_of_range");
                None
            }
            other => other,
        };
        if self.auto_renew && ends_on.is_none() {
            errors.add("ends_on", "required_for_auto_renew");
        }
        let value = self
            .value
            .and_then(|m| errors.take("value", Money::parse(&m)));
        let objectives = self.objectives.cleaned();
        if objectives.too_long(MAX_TEXT) {
            errors.add("objectives", "too_long");
        }
        let parent_id = parse_uuid(&mut errors, "parent_id", self.parent_id);
        let amends_id = parse_uuid(&mut errors, "amends_id", self.amends_id);
        let renews_id = parse_uuid(&mut errors, "renews_id", self.renews_id);
        let tags = errors
            .take("tags", values::tags(&self.tags))
            .unwrap_or_default();
        errors.into_result()?;
        match (kind, lead_unit, entry_into_force) {
            (Some(kind), Some(lead_unit), Some(entry_into_force)) => Ok(AgreementFields {
                title,
                kind,
                partner_ids,
                lead_unit,
                owner_id,
                confidential: self.confidential,
                starts_on,
                ends_on,
                entry_into_force,
                auto_renew: self.auto_renew,
                notice_days,
                value,
                objectives,
                parent_id,
                amends_id,
                renews_id,
                tags,
            }),
            _ => Err(ValidationError::single("kind", "required")),
        }
    }
}

impl AgreementFields {
    /// The fields as an input again, for laying a patch over them.
    pub fn to_input(&self) -> AgreementInput {
        AgreementInput {
            title: self.title.clone(),
            kind: Some(self.kind.as_str().into()),
            partner_ids: self.partner_ids.iter().map(|p| p.to_string()).collect(),
            lead_unit: Some(self.lead_unit.clone()),
            owner_id: self.owner_id.map(|o| o.to_string()),
            confidential: self.confidential,
            starts_on: self.starts_on.map(values::format_date),
            ends_on: self.ends_on.map(values::format_date),
            entry_into_force: Some(self.entry_into_force.as_str().into()),
            auto_renew: self.auto_renew,
            notice_days: self.notice_days,
            value: self.value.map(|m| m.to_input()),
            objectives: self.objectives.clone(),
            parent_id: self.parent_id.map(|p| p.to_string()),
            amends_id: self.amends_id.map(|p| p.to_string()),
            renews_id: self.renews_id.map(|p| p.to_string()),
            tags: self.tags.clone(),
        }
    }

    /// The normalized text the search index keeps for this agreement.
    pub fn search_text(&self, reference: &str) -> String {
        let mut parts: Vec<&str> = self.title.all().collect();
        parts.extend(self.objectives.all());
        parts.push(reference);
        crate::search::normalize(&parts.join(" "))
    }
}

/// Formats a reference number: `{ORG}/{UNIT}/{YEAR}/{SEQ}` with the sequence on
/// four digits, and `-A{n}` for the n-th amendment.
pub fn reference_number(
    org: &str,
    unit: &str,
    year: i32,
    seq: i64,
    amendment: Option<i64>,
) -> String {
    let base = format!("{org}/{unit}/{year}/{seq:04}");
    match amendment {
        Some(n) => format!("{base}-A{n}"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn money_parses_decimal_strings() {
        let m = Money::parse(&MoneyInput {
            amount: "12500.5".into(),
            currency: "usd".into(),
        })
        .unwrap();
        assert_eq!(
            (
                m.minor,
                m.currency_code().as_str(),
                m.amount_text().as_str()
            ),
            (1_250_050, "USD", "12500.50")
        );
        assert!(
            Money::parse(&MoneyInput {
                amount: "-1".into(),
                currency: "USD".into()
            })
            .is_err()
        );
        assert!(
            Money::parse(&MoneyInput {
                amount: "1.234".into(),
                currency: "USD".into()
            })
            .is_err()
        );
        assert!(
            Money::parse(&MoneyInput {
                amount: "1".into(),
                currency: "US".into()
            })
            .is_err()
        );
    }

    #[test]
    fn references_are_formatted() {
        assert_eq!(
            reference_number("ICESCO", "ED", 2026, 7, None),
            "ICESCO/ED/2026/0007"
        );
        assert_eq!(
            reference_number("ICESCO", "ED", 2026, 7, Some(2)),
            "ICESCO/ED/2026/0007-A2"
        );
    }

    #[test]
    fn forbidden_moves_name_the_allowed_ones() {
        let err = check_manual(
            AgreementStatus::Prospect,
            Action::Suspend,
            Role::Officer,
            &Facts::default(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            TransitionError::NotAllowed {
                allowed: vec![Action::StartNegotiation, Action::Withdraw]
            }
        );
        let no_reason = check_manual(
            AgreementStatus::Negotiation,
            Action::Withdraw,
            Role::Officer,
            &Facts::default(),
        );
        assert_eq!(no_reason, Err(TransitionError::ReasonRequired));
        let no_draft = check_manual(
            AgreementStatus::Negotiation,
            Action::SubmitForReview,
            Role::Officer,
            &Facts::default(),
        );
        assert_eq!(no_draft, Err(TransitionError::NoDraft));
        let viewer = check_manual(
            AgreementStatus::Prospect,
            Action::StartNegotiation,
            Role::Viewer,
            &Facts::default(),
        );
        assert_eq!(viewer, Err(TransitionError::Forbidden));
        let revert = Facts {
            reason: Some("terminated by mistake".into()),
            ..Facts::default()
        };
        assert_eq!(
            check_manual(
                AgreementStatus::Terminated,
                Action::RevertTermination,
                Role::Officer,
                &revert
            ),
            Err(TransitionError::Forbidden)
        );
        assert_eq!(
            check_manual(
                AgreementStatus::Terminated,
                Action::RevertTermination,
                Role::Admin,
                &revert
            ),
            Ok(AgreementStatus::Active)
        );
    }

    fn any_action() -> impl Strategy<Value = Action> {
        (0..Action::ALL.len()).prop_map(|i| Action::ALL[i])
    }

    proptest! {
        /// Random sequences of commands never leave the drawing: no signature
        /// stage without passing review, no activation without validation,
        /// and automatic moves are never available by hand.
        #[test]
        fn random_command_sequences_respect_the_drawing(actions in proptest::collection::vec((any_action(), any::<bool>(), any::<bool>()), 1..60)) {
            let mut status = AgreementStatus::Prospect;
            let mut passed_review = false;
            let mut validated = false;
            for (action, by_hand, with_reason) in actions {
                let facts = Facts { has_draft: true, reason: with_reason.then(|| "because".to_string()) };
                let next = if by_hand {
                    check_manual(status, action, Role::Admin, &facts).ok()
                } else {
                    check_automatic(status, action)
                };
                if let Some(next) = next {
                    prop_assert!(!(by_hand && action.is_automatic()));
                    if next == AgreementStatus::Signature { prop_assert_eq!(status, AgreementStatus::Review); passed_review = true; }
                    if next == AgreementStatus::Validation { prop_assert!(passed_review); }
                    if status == AgreementStatus::Validation && next == AgreementStatus::Active { validated = true; }
                    if next == AgreementStatus::Active { prop_assert!(validated); }
                    if next == AgreementStatus::Negotiation { passed_review = false; }
                    if action.needs_reason() { prop_assert!(facts.reason.is_some()); }
                    status = next;
                }
            }
        }
    }
}
