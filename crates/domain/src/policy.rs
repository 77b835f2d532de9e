//! The access policy: who may do what to which record. The web layer asks
//! these functions for every record it serves or changes, in pages and in the
//! API alike, so the rules live in one place and are tested here.

use crate::role::Role;
use uuid::Uuid;

/// The person acting, as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    /// The unit of a staff member, by code.
    pub unit: Option<String>,
    /// For `partner` users: the organization they belong to.
    pub organization_id: Option<Uuid>,
}

/// An operation on a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    Merge,
    Export,
}

impl Actor {
    /// May list partners at all (a partner user sees only their own organization).
    pub fn can_list_partners(&self) -> bool {
        true
    }

    /// May this actor do `action` to the partner `partner_id`?
    pub fn can_partner(&self, action: Action, partner_id: Option<Uuid>) -> bool {
        match action {
            Action::Read => match self.role {
                Role::Partner => partner_id.is_some() && partner_id == self.organization_id,
                _ => true,
            },
            Action::Export => self.role.is_staff(),
            Action::Create | Action::Update | Action::Merge => {
                matches!(self.role, Role::Admin | Role::Officer)
            }
        }
    }

    /// May this actor do `action` to a contact who holds (or held) positions at `partner_ids`?
    pub fn can_contact(&self, action: Action, partner_ids: &[Uuid]) -> bool {
        match action {
            Action::Read => match self.role {
                Role::Partner => self
                    .organization_id
                    .is_some_and(|org| partner_ids.contains(&org)),
                _ => true,
            },
            Action::Export => self.role.is_staff(),
            Action::Create | Action::Update | Action::Merge => {
                matches!(self.role, Role::Admin | Role::Officer)
            }
        }
    }

    /// May manage users, units, reference data and settings.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// May read the audit history of records they may read (partners see none).
    pub fn can_read_history(&self) -> bool {
        self.role.is_staff()
    }
}

// Agreements: the rules of the lifecycle's commands (pages and API alike, through accord-app).
impl Actor {
    /// May create agreements, edit their terms and settings, renew and amend them.
    pub fn can_write_agreements(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Officer)
    }

    /// May record a party's signature.
    pub fn can_sign_agreements(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Officer | Role::Legal)
    }

    /// May record the validation (registry number, entry into force).
    pub fn can_validate_agreements(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Legal)
    }

    /// May upload draft versions and documents to an agreement they may see.
    pub fn can_upload_agreement_files(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Officer | Role::Partner)
    }

    /// May see review chains, the board, cycle times and other staff views.
    pub fn can_see_staff_views(&self) -> bool {
        self.role.is_staff()
    }

    /// May configure the review chain of an agreement kind.
    pub fn can_configure_review_chains(&self) -> bool {
        self.role == Role::Admin
    }

    /// May own agreements (be chosen as an agreement's owner).
    pub fn may_own_agreements(role: Role) -> bool {
        matches!(role, Role::Admin | Role::Officer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_rules_follow_the_roles() {
        for role in Role::ALL {
            let a = actor(role, None);
            assert_eq!(
                a.can_write_agreements(),
                matches!(role, Role::Admin | Role::Officer)
            );
            assert_eq!(
                a.can_sign_agreements(),
                matches!(role, Role::Admin | Role::Officer | Role::Legal)
            );
            assert_eq!(
                a.can_validate_agreements(),
                matches!(role, Role::Admin | Role::Legal)
            );
            assert_eq!(
                a.can_upload_agreement_files(),
                matches!(role, Role::Admin | Role::Officer | Role::Partner)
            );
            assert_eq!(a.can_configure_review_chains(), role == Role::Admin);
            assert_eq!(a.can_see_staff_views(), role.is_staff());
        }
    }

    fn actor(role: Role, org: Option<Uuid>) -> Actor {
        Actor {
            user_id: Uuid::nil(),
            role,
            unit: None,
            organization_id: org,
        }
    }

    #[test]
    fn only_officers_and_admins_change_partners() {
        for role in Role::ALL {
            let expected = matches!(role, Role::Admin | Role::Officer);
            assert_eq!(
                actor(role, None).can_partner(Action::Update, Some(Uuid::nil())),
                expected
            );
            assert_eq!(
                actor(role, None).can_partner(Action::Create, None),
                expected
            );
        }
    }

    #[test]
    fn partner_users_see_only_their_organization() {
        let own = Uuid::from_u128(1);
        let other = Uuid::from_u128(2);
        let user = actor(Role::Partner, Some(own));
        assert!(user.can_partner(Action::Read, Some(own)));
        assert!(!user.can_partner(Action::Read, Some(other)));
        assert!(!user.can_partner(Action::Export, None));
        assert!(user.can_contact(Action::Read, &[other, own]));
        assert!(!user.can_contact(Action::Read, &[other]));
        assert!(!actor(Role::Partner, None).can_partner(Action::Read, Some(own)));
    }

    #[test]
    fn staff_read_everything_in_the_registry() {
        for role in Role::ALL.into_iter().filter(|r| r.is_staff()) {
            assert!(actor(role, None).can_partner(Action::Read, Some(Uuid::from_u128(9))));
            assert!(actor(role, None).can_read_history());
        }
    }
}

// Registry, correspondence, outreach and administration (pages and API alike)
impl Actor {
    /// May use the organization's staff pages: the correspondence log, dormant
    /// partners, the country pages, the map and a partner's people.
    pub fn can_use_staff_pages(&self) -> bool {
        self.role.is_staff()
    }

    /// May record interactions and change them (staff other than viewers).
    pub fn can_log_interactions(&self) -> bool {
        crate::interaction::can_write(self.role)
    }

    /// May read outreach cases (the staff).
    pub fn can_read_outreach(&self) -> bool {
        crate::outreach::can_read(self.role)
    }

    /// May open, edit and move outreach cases (admins, the director, officers).
    pub fn can_edit_outreach(&self) -> bool {
        crate::outreach::can_edit(self.role)
    }

    /// Has review steps to act on, so they belong in the calendar feed (staff other than viewers).
    pub fn has_review_work(&self) -> bool {
        self.role.is_staff() && self.role != Role::Viewer
    }
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: Uuid::nil(),
            role,
            unit: None,
            organization_id: None,
        }
    }

    #[test]
    fn partner_users_see_no_staff_pages_and_viewers_change_nothing() {
        for role in Role::ALL {
            let a = actor(role);
            let staff = role != Role::Partner;
            assert_eq!(a.can_use_staff_pages(), staff, "{role:?}");
            assert_eq!(a.can_read_outreach(), staff, "{role:?}");
            assert_eq!(
                a.can_log_interactions(),
                staff && role != Role::Viewer,
                "{role:?}"
            );
            assert_eq!(
                a.has_review_work(),
                staff && role != Role::Viewer,
                "{role:?}"
            );
            assert_eq!(
                a.can_edit_outreach(),
                matches!(role, Role::Admin | Role::Officer | Role::Director),
                "{role:?}"
            );
        }
    }
}
