## Agreement pages: the list, the board, the forms, my work, cycle times, the home summary
nav-agreements = Agreements
nav-my-work = My work
agreements-new = New agreement
agreements-create = Create the agreement
agreements-count = { $count ->
    [0] No agreements
    [one] One agreement
   *[other] { $count } agreements
}
agreements-filters = Filter the agreements
agreements-search-hint = Reference, title or objectives, in any of the three languages.
agreements-filter-partner = Partner (identifier)
agreements-partner-id-hint = The partner's identifier, as in the address of its page.
agreements-ends-after = Ends after
agreements-ends-before = Ends before
agreements-mine = Only the agreements I own
agreements-ends-soon = Ends soon
agreements-col-reference = Reference
agreements-col-title = Title
agreements-col-parties = Parties
agreements-col-status = Status
agreements-col-ends-on = Ends on
agreements-col-updated-at = Last change
agreements-empty-title = No agreements yet
agreements-empty-text = Record an agreement from the first contact with a partner: it receives its reference number, then moves through negotiation, review, signature and validation.
agreements-empty-text-reader = The agreements you may see will appear here once partnerships officers record them.
agreements-none-found = No agreement matches these filters
agreements-none-found-text = Try fewer filters, another spelling or a wider range of dates.
agreements-yes = Yes
agreements-no = No

## Board
agreements-board = Pipeline board
agreements-board-lead = Where each agreement stands, from the first contact to entry into force.
agreements-board-table = View as a table
agreements-board-total = { $count ->
    [0] No agreement in these stages.
    [one] One agreement in these stages.
   *[other] { $count } agreements in these stages.
}
agreements-board-cards = { $count ->
    [one] Each column shows its first card, the longest unchanged first.
   *[other] Each column shows up to { $count } cards, the longest unchanged first.
}
agreements-board-column-empty = Nothing at this stage.
agreements-board-see-all = { $count ->
    [one] See it in the list
   *[other] See all { $count } in the list
}
agreements-days-in-stage = { $count ->
    [0] Entered this stage today
    [one] One day at this stage
   *[other] { $count } days at this stage
}

## Form
agreements-edit-title = Edit { $reference }
agreements-form-lead = The reference number is assigned when the agreement is created, from the lead unit and the year.
agreements-title-hint = Give the title in at least one language; all three help colleagues and partners find it.
agreements-partners-hint = One or more partner organizations. Paste each partner's identifier, found at the end of the address of its page.
agreements-find-partner = Find a partner (opens in a new tab)
agreements-partner-n = Partner { $n }
agreements-confidential-hint = Only the owner, the reviewers of its chain, the General Directorate and administrators will see it.
agreements-auto-renew-hint = Renewed at the end date unless someone acts before the notice deadline. Needs an end date.
agreements-value-amount = Amount
field-value-currency = Currency
agreements-parent-hint = Optional: the identifier of the framework agreement this one implements.
field-ends-before = Ends before
field-ends-after = Ends after
field-partner-id = Partner
error-not_a_number = Write a whole number.
error-not_a_framework = This agreement is not a framework agreement.

## My work
agreements-work-lead = Reviews waiting for your decision, and your agreements that need you.
agreements-work-reviews = Reviews assigned to me
agreements-work-overdue = Overdue reviews
agreements-work-mine = My agreements needing action
agreements-work-expiring = Mine ending within 90 days
agreements-work-no-reviews = No review waits for you.
agreements-work-reviews-hint = Review steps for your role ({ $role }) appear here when an agreement reaches them.
agreements-work-reviews-hint-unit = Review steps for your role ({ $role }) and unit ({ $unit }) appear here when an agreement reaches them.
agreements-work-step = Step
agreements-work-step-n = Step { $n }
agreements-work-opened = Opened
agreements-work-due = Due
agreements-work-days-overdue = { $count ->
    [0] Due today
    [one] One day overdue
   *[other] { $count } days overdue
}
agreements-work-days-left = { $count ->
    [0] Due today
    [one] One day left
   *[other] { $count } days left
}
agreements-work-todo = What to do
agreements-todo-negotiation = Negotiate the draft with the partner, then submit it for review.
agreements-todo-signature = Arrange the signatures of every party.
agreements-todo-validation = Follow up the validation by Legal Affairs.
agreements-todo-expiring = Ends soon: renew it, amend it or let it expire.
agreements-work-no-mine = None of your agreements needs action now.
agreements-work-all-mine = All the agreements I own

## Cycle times
agreements-cycle-times = Cycle times
agreements-cycle-lead = Average days agreements spend at each stage before entry into force, so that you see where they wait.
agreements-cycle-overall = Average days per stage
agreements-cycle-days = { $days } d
agreements-cycle-hint = Stays still under way count up to today.
agreements-cycle-by-kind = By kind of agreement
agreements-cycle-by-unit = By lead unit
agreements-cycle-total = Until validation
agreements-cycle-unit-days = average days
agreements-cycle-empty = No cycle times yet
agreements-cycle-empty-text = They appear once agreements move through their stages.

## Home page
agreements-home-by-status = Agreements by stage
agreements-home-all = { $count ->
    [one] The agreement
   *[other] All { $count } agreements
}
agreements-home-expiring = Ending within 90 days
agreements-home-none-expiring = No agreement in force ends within 90 days.

## Export headers
agreements-export-id = ID
agreements-export-reference = Reference
agreements-export-title-ar = Title (Arabic)
agreements-export-title-en = Title (English)
agreements-export-title-fr = Title (French)
agreements-export-kind = Kind
agreements-export-status = Status
agreements-export-partners = Partners
agreements-export-lead-unit = Lead unit
agreements-export-owner = Owner
agreements-export-confidential = Confidential
agreements-export-starts-on = Starts on
agreements-export-ends-on = Ends on
agreements-export-entry-into-force = Entry into force
agreements-export-auto-renew = Renews automatically
agreements-export-notice-days = Notice period (days)
agreements-export-value = Value
agreements-export-currency = Currency
agreements-export-tags = Tags
agreements-export-registry-number = Registry number
agreements-export-created-at = Created
agreements-export-updated-at = Last change
