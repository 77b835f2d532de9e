# The communications log, partner stories and diplomatic rotation.
nav-interactions = Correspondence
apidocs-tag-interactions = Interactions
interactions-new = Record an interaction
interactions-log = Log an interaction
interactions-edit-title = Edit “{ $subject }”
interactions-count = { $count ->
    [0] No interactions
    [one] One interaction
   *[other] { $count } interactions
}
interactions-open-count = { $count ->
    [one] One open
   *[other] { $count } open
}
interactions-overdue-count = { $count ->
    [one] One overdue
   *[other] { $count } overdue
}
interactions-see-all = { $count ->
    [0] The whole log
    [one] See the one interaction
   *[other] See all { $count } interactions
}
interactions-months = { $count ->
    [one] One month
   *[other] { $count } months
}
interactions-search-hint = Words of the subject, the summary or a registry number, in any script; accents and diacritics do not matter.
interactions-any = Any
interactions-from = From
interactions-to = To
interactions-show = Show
interactions-yes = Yes
interactions-no = No
interactions-export-csv = Export CSV
interactions-export-xlsx = Export Excel
interactions-filtered-by-partner = Interactions with
interactions-none-found = No interaction matches
interactions-none-found-text = Try fewer words or clear the filters.
interactions-empty-title = No interactions logged yet
interactions-empty-text = Record meetings, calls, letters and notes verbales here, with their follow-up actions, so that the whole organization knows where each relationship stands.
interactions-field-kind = Kind
interactions-field-direction = Direction
interactions-field-occurred-at = Date
interactions-field-subject = Subject
interactions-field-summary = Summary
interactions-field-sender-reference = Sender's reference
interactions-field-registry-number = Registry number
interactions-field-partners = Partners
interactions-field-contacts = Contacts
interactions-field-staff = Staff taking part
interactions-field-agreements = Agreements
interactions-field-visible-to = Shared with
interactions-field-confidential = Confidential
interactions-field-follow-ups = Follow-ups
interactions-field-open-follow-ups = Open follow-ups
interactions-field-action = Action
interactions-field-owner-id = Owner
interactions-field-due-on = Due on
interactions-field-created-by = Recorded by
interactions-field-outreach-case-id = Outreach case
interactions-field-body = Form
interactions-follow-up-field = Follow-up { $number }: { $field }
interactions-follow-up-legend = Follow-up { $number }
interactions-follow-up-new = New follow-up
interactions-follow-ups-hint = An action someone must take after this exchange. Rows left empty are ignored.
interactions-registry-hint = Outgoing letters and notes verbales get the next number of the registry.
interactions-sender-reference-hint = For incoming letters and notes verbales: the reference the sender gave.
interactions-partners-hint = The partner's identifier, from the partner's page.
interactions-find-partner = Find a partner
interactions-partner-n = Partner { $n }
interactions-contacts-hint = Name a partner above and save or come from the partner's page to choose among their people.
interactions-agreements-hint = The agreements of the partners named above appear here.
interactions-multiple-hint = Hold Ctrl (or ⌘) to choose several.
interactions-visible-hint = Only for confidential interactions: who else may read it.
interactions-confidential-hint = Seen only by you, the staff taking part, the people it is shared with, the owners of its follow-ups, the director and administrators.
interactions-no-owner = No owner
interactions-no-follow-ups = No follow-up action.
interactions-done = Done
interactions-overdue = Overdue
interactions-mark-done = Mark done
interactions-reopen = Reopen
interactions-story-title = Relationship
interactions-story-agreement = Agreement
interactions-story-empty = Nothing recorded with this partner yet: log the first interaction.
interactions-timeline = Timeline
interactions-open-follow-ups = Open follow-ups
interactions-health-good = Healthy
interactions-health-watch = Needs attention
interactions-health-alert = At risk
interactions-health-days-since = Days since last contact
interactions-health-overdue = Overdue actions
interactions-health-open = Open actions
interactions-health-active = Active agreements
interactions-health-expiring = Expiring within 90 days
interactions-dormant-title = Partners without contact
interactions-dormant-lead = { $count } partners with no interaction since { $since }.
interactions-dormant-months = No contact for
interactions-dormant-none = Every partner was contacted recently
interactions-dormant-none-text = Choose a shorter period to see who was contacted least recently.
interactions-last-contact = Last contact
interactions-never = Never
interactions-my-follow-ups = My follow-ups
interactions-my-follow-ups-none = No open follow-up is assigned to you.
interactions-open-items-title = Open items to re-route
interactions-open-items-none = Nothing open names this person.
interactions-open-items-hint = When this person leaves their post, hand these over to their successor.
interactions-open-agreements = Agreements in progress
interactions-open-outreach = Outreach cases
interactions-open-reason-party = Their organization is a party
interactions-open-reason-signatory = They signed it
interactions-end-position = End this position
interactions-end-on = Last day
interactions-successor = Successor
interactions-successor-hint = The successor takes the same title from the next day, and the open follow-ups that name this person will name them too.
interactions-successor-new = Add a new person first
interactions-no-successor = No successor yet
interaction-kind-meeting = Meeting
interaction-kind-call = Call
interaction-kind-email = E-mail
interaction-kind-letter = Letter
interaction-kind-note_verbale = Note verbale
interaction-kind-visit = Visit
interaction-kind-mission = Mission
interaction-kind-ceremony = Ceremony
interaction-kind-event = Event
interaction-direction-incoming = Incoming
interaction-direction-outgoing = Outgoing
interaction-direction-internal = Internal
calendar-follow-up = Follow-up: { $action }
notification-short-follow_up_due = Follow-up due today
notification-short-follow_up_overdue = Follow-up overdue
action-follow_up_done = marked a follow-up done
action-follow_up_reopened = reopened a follow-up
action-reroute = re-routed to a successor
action-end_position = ended a position
action-succeed = took over a position
error-not_for_outgoing = Only incoming correspondence has a sender's reference.
error-invalid_datetime = Not a valid date and time.
error-unknown_contact = No such contact.
error-unknown_outreach_case = No such outreach case.
error-already_ended = The position had already ended by then.
