## Administration: sub-navigation
admin-nav-label = Administration
admin-nav-users = Users
admin-nav-units = Units
admin-nav-countries = Countries

## Administration: users
admin-users-title = Users
admin-users-count = { $count ->
    [0] No user
    [one] One user
   *[other] { $count } users
}
admin-users-add = Add user
admin-users-new-title = Add a user
admin-users-edit-title = Edit { $name }
admin-users-empty = No user yet.
admin-users-back = All users
admin-users-disabled = Disabled
admin-users-enabled = Active
admin-col-unit-or-organization = Unit or organization
admin-unit-hint = Required for technical focal points: the sector, centre or department they review for.
admin-field-lang = Language
admin-lang-default = As the browser asks
admin-field-organization = Partner organization (id)
admin-organization-hint = Only for partner users: the id of their organization, as shown in the address of the partner's page.
admin-field-disabled = Disabled
admin-disabled-hint = A disabled user cannot log in; their sessions and API tokens stop working at once.
admin-field-initial-password = Initial password
admin-field-reset-password = New password
admin-reset-password-hint = Leave empty to keep the current password. A new password ends the user's sessions.

## Administration: units
admin-units-title = Units
admin-units-count = { $count ->
    [0] No unit
    [one] One unit
   *[other] { $count } units
}
admin-units-add = Add a unit
admin-units-edit-title = Edit unit { $code }
admin-units-back = All units
admin-units-users = Users
admin-units-inactive = Inactive
admin-field-code = Code
admin-code-hint = Letters, digits and dashes, at most 12 (e.g. ED). It cannot be changed later.
admin-field-active = Active
admin-active-hint = Inactive units stay on past records but are no longer offered for new users.
admin-unit-kind-sector = Sector
admin-unit-kind-centre = Centre
admin-unit-kind-department = Department
admin-unit-kind-directorate = Directorate

## Countries and membership
countries-title = Countries
countries-lead = Every state, with its membership of the organization.
countries-count = { $count ->
    [0] No country
    [one] One country
   *[other] { $count } countries
}
countries-counts-label = Countries by membership
countries-banner-title = The membership list is not verified yet
countries-banner-text = The membership statuses shipped with Accord come from a public list and may be out of date. { $count ->
    [one] One country is
   *[other] { $count } countries are
} marked "unverified" until an administrator confirms its status.
countries-stat-unverified = Unverified statuses
countries-field-verification = Verification
countries-verified-only = Verified only
countries-unverified-only = Unverified only
countries-none-found = No country matches these filters
countries-col-code = Code
countries-iso-codes = ISO codes
countries-oic = OIC member
countries-yes = Yes
countries-no = No
countries-verified = Verified
countries-unverified = Unverified
countries-field-since = Since
countries-since = since { $date }
countries-since-unknown = Date not recorded
countries-since-hint = The date the status took effect, if known.
countries-partners-link = See them in the partner list
countries-change-title = Change membership
countries-field-verified = Verified by an administrator
countries-field-note = Note
countries-note-hint = Where the information comes from: a decision, a letter, a notification.
countries-confirm = Confirm as verified
countries-confirm-hint = The status and date shown are right.
countries-history-title = Membership history

## Errors of the administration forms
error-only_for_partners = Only partner users belong to an organization.
error-cannot_lock_out_self = You cannot disable your own account or remove your own administrator role.
error-read_only = This field cannot be changed.
