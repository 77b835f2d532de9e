//! The roles of DESIGN.md and what each may do in general; per-record rules live in `policy`.

use serde::{Deserialize, Serialize};

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Officer,
    Legal,
    Technical,
    Director,
    Finance,
    Viewer,
    Partner,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Officer,
        Role::Legal,
        Role::Technical,
        Role::Director,
        Role::Finance,
        Role::Viewer,
        Role::Partner,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Legal => "legal",
            Role::Technical => "technical",
            Role::Director => "director",
            Role::Finance => "finance",
            Role::Viewer => "viewer",
            Role::Partner => "partner",
        }
    }

    /// Parses a stable code.
    pub fn parse(code: &str) -> Result<Role, &'static str> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == code)
            .ok_or("invalid_choice")
    }

    /// True for the organization's own staff (everyone but external partner users).
    pub fn is_staff(self) -> bool {
        self != Role::Partner
    }

    /// True when the role must be attached to a unit.
    pub fn needs_unit(self) -> bool {
        self == Role::Technical
    }
}
