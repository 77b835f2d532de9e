## Shell and navigation
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-partners = Partners
nav-contacts = Contacts
nav-countries = Countries
nav-admin = Administration
nav-api = API
logout = Log out
footer-text = Accord — partnerships, agreements and outreach.
back-home = Back to the home page
back = Back
actions = Actions
details = Details
edit = Edit
save = Save
cancel = Cancel
search = Search
search-hint = Any name, in Arabic, English or French; accents and diacritics do not matter.
filter = Filter
clear = Clear filters
any = Any
none = None
choose = Choose…
created = Created
updated = Updated
pages = Pages
first-page = First page
next-page = Next page
showing-of = Showing { $shown } of { $total }
filters-ignored = Some filters were ignored
errors-title = { $count ->
    [one] Please correct one field
   *[other] Please correct { $count } fields
}

## Languages
lang-ar = Arabic
lang-en = English
lang-fr = French

## Months (short)
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Notices after an action
notice-created = Created.
notice-saved = Saved.
notice-merged = The partners were merged.
notice-token-created = Your new API token is shown below.
notice-password-changed = Your password was changed. Please log in again.
notice-user-created = The user was created.
notice-logged-out = You are logged out.
notice-revoked = The token was revoked.

## Log-in
login-title = Log in
login-lead = The partnerships office's system of record.
login-button = Log in
login-failed = The e-mail or password is not right.
login-throttled = Too many failed attempts. Try again in { $minutes } minutes.

## Profile and tokens
profile-title = My profile
profile-account = Account
profile-password = Password
profile-change-password = Change password
password-hint = At least { $min } characters.
tokens-title = Personal API tokens
tokens-lead = A token lets a program use the JSON API as you. Send it as "Authorization: Bearer" followed by the token.
tokens-copy-now = Copy this token now: it will not be shown again.
tokens-name = Token name
tokens-create = Create token
tokens-created = Created
tokens-last-used = Last used
tokens-revoke = Revoke
tokens-revoked = Revoked

## Roles
role-admin = Administrator
role-officer = Partnerships officer
role-legal = Legal Affairs
role-technical = Technical focal point
role-director = General Directorate
role-finance = Finance
role-viewer = Viewer
role-partner = Partner

## Fields
field-name = Name
field-email = E-mail
field-password = Password
field-current-password = Current password
field-new-password = New password
field-role = Role
field-unit = Unit
field-acronym = Acronym
field-kind = Kind
field-country = Country
field-parent-id = Parent organization
field-status = Status
field-website = Website
field-phone = Phone
field-identifiers = Identifiers
field-tags = Tags
field-tag = Tag
field-risk = Risk
field-notes = Notes
field-membership = Membership
field-q = Search
field-sort = Sort
field-cursor = Page
field-limit = Page size
field-version = Version
field-from = Partner to merge
field-name-alt = Name in another script
field-honorific = Honorific
field-languages = Languages
field-positions = Positions
field-body = Body
name-hint = Give the name in at least one language; all three help colleagues find it.
tags-hint = Separate tags with commas.
identifiers-hint = One per line, as "scheme: value", e.g. "iati: XM-DAC-41304".

## Partner kinds
kind-government = Government or ministry
kind-national_commission = National commission
kind-diplomatic_mission = Diplomatic mission
kind-intergovernmental = Intergovernmental or UN body
kind-regional_organization = Regional organization
kind-ngo = Non-governmental organization
kind-academic = University or research centre
kind-private_sector = Private company
kind-foundation = Foundation or donor
kind-media = Media

## Partner statuses
status-prospect = Prospect
status-active = Active
status-dormant = Dormant
status-blocked = Blocked

## Risk
risk-low = Low
risk-medium = Medium
risk-high = High

## Membership
membership-member = Member state
membership-observer = Observer
membership-non_member = Non-member

## Signing authority
authority-none = No signing authority
authority-full_powers = Full powers
authority-delegation = Delegation

## Partners
partners-new = New partner
partners-count = { $count ->
    [0] No partners
    [one] One partner
   *[other] { $count } partners
}
partners-edit-title = Edit { $name }
partners-empty-title = No partners yet
partners-empty-text = Register the organizations you work with: ministries, national commissions, missions, UN bodies, universities, NGOs, donors.
partners-none-found = No partner matches these filters
partners-none-found-text = Try fewer filters or another spelling.
partners-children = Member organizations and branches
partners-col-name = Name
partners-col-country = Country
partners-col-kind = Kind
partners-col-status = Status
partners-col-updated-at = Last change
export-csv = Export CSV
export-xlsx = Export Excel
duplicates-title = This partner may already exist
duplicates-text = These partners have close names. Open them to check, or confirm that this is a different organization.
duplicates-confirm = It is a different organization: create it anyway
conflict-title = Someone else changed this record
conflict-text = It was changed after you opened it. Your values are kept below: check the current record, then save again to replace it.
conflict-see-current = See the current record (new tab)
merge = Merge a duplicate
merge-title = Merge a duplicate into { $name }
merge-lead = The partner you choose will disappear: its contacts, branches, users and history move here, and its missing details fill the gaps of this one.
merge-search = Find the duplicate
merge-none = No likely duplicate found. Search by name above.
merge-candidates = Candidates
merge-into-this = Merge into this partner
merge-confirm = Merge this partner into the current one? This cannot be undone.
contacts-add = Add a contact
contacts-current = People
contacts-none-current = Nobody holds a position here now.
contacts-past = Former positions
position-now = now
position-ended = ended

## Home
home-welcome = Welcome, { $name }
home-lead = The partner registry at a glance.
home-active-partners = Active partners
home-member-states = Member states
home-partners-by-kind = Partners by kind

## History
history-title = History
history-empty = No recorded change yet.
history-system = System
history-field = Field
history-before = Before
history-after = After
history-changes = { $count ->
    [one] One change
   *[other] { $count } changes
}
action-create = created
action-update = updated
action-merge = merged a duplicate into this record
action-merged_into = merged into another record
action-login = logged in
action-set_language = changed language
action-set_password = changed password
action-create_token = created an API token
action-revoke_token = revoked an API token
action-update_membership = changed membership
action-load = loaded reference data

## Export headers
export-id = ID
export-name-ar = Name (Arabic)
export-name-en = Name (English)
export-name-fr = Name (French)
export-acronym = Acronym
export-kind = Kind
export-country = Country
export-status = Status
export-website = Website
export-email = E-mail
export-phone = Phone
export-tags = Tags
export-risk = Risk
export-identifiers = Identifiers
export-notes = Notes
export-created-at = Created
export-updated-at = Last change

## Errors (codes of the API and the forms)
error-title-400 = Bad request
error-title-403 = Not allowed
error-title-404 = Not found
error-title-409 = Conflict
error-title-422 = Invalid input
error-title-500 = Something went wrong
error-not_found = There is nothing here, or you may not see it.
error-forbidden = Your role does not allow this.
error-unauthorized = Please log in, or send a valid API token.
error-csrf_failed = The form expired or did not come from Accord. Reload the page and try again.
error-validation_failed = Some fields are not valid.
error-version_conflict = Someone else changed this record since you read it.
error-duplicate = This value is already taken.
error-internal_error = An internal error occurred. It was logged.
error-malformed_json = The body is not valid JSON.
error-expected_object = The body must be a JSON object.
error-unsupported_media_type = Send the body as application/json.
error-method_not_allowed = This method is not allowed here.
error-not_ready = The database does not answer.
error-required = Required.
error-too_long = Too long.
error-too_many = Too many values.
error-invalid_choice = Not one of the allowed values.
error-invalid_email = Not a valid e-mail address.
error-invalid_url = Not a valid web address (start with https://).
error-invalid_phone = Not a valid phone number.
error-invalid_date = Not a valid date (YYYY-MM-DD).
error-invalid_country = Not a country code (two letters, e.g. MA).
error-unknown_country = No such country.
error-invalid_tag = Tags have 1 to 40 characters and no commas.
error-invalid_identifier = Write each identifier as "scheme: value".
error-invalid_id = Not a valid identifier.
error-invalid_language = Not a language code (two letters, e.g. ar).
error-invalid_type = Wrong type of value.
error-invalid_sort = Cannot sort by this.
error-invalid_cursor = This page link is no longer valid.
error-invalid_code = Use letters, digits and dashes (at most 12).
error-unknown_field = Unknown field.
error-unknown_parameter = Unknown parameter.
error-unknown_partner = No such partner.
error-unknown_unit = No such unit.
error-self_reference = A record cannot point to itself.
error-cycle = This would make a loop.
error-before_start = Ends before it starts.
error-out_of_range = Out of range.
error-wrong_password = The current password is not right.
error-password_too_short = The password needs at least { $min } characters.
error-too_large = Too large.
error-bad_request = The request is not valid.
