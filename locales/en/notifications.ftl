## Notifications (page, bell, API messages, mail) and the calendar feed
notifications-title = Notifications
notifications-unread-count = { $count ->
    [0] No unread notifications
    [one] { $count } unread notification
   *[other] { $count } unread notifications
}
notifications-total = { $count ->
    [0] No notifications
    [one] { $count } notification
   *[other] { $count } notifications
}
notifications-show-all = Show all
notifications-show-unread = Unread only
notifications-mark-all-read = Mark all as read
notifications-mark-read = Mark as read
notifications-read = Read
notifications-new = New
notifications-empty = You have no notifications.
notifications-what = Notification
notifications-agreement = Agreement
notifications-received = Received
notification-short-step_assigned = Review step assigned to you
notification-short-step_overdue = Review step overdue
notification-short-changes_requested = Changes requested
notification-short-rejected = Agreement rejected
notification-short-chain_cleared = Review chain cleared
notification-short-signed = Signed by every party
notification-short-in_force = Entered into force
notification-short-expiring = Expiry approaching
notification-short-notice_deadline = Notice deadline approaching
notification-short-expired = Agreement expired
notification-short-renewed = Renewed automatically
notification-step_assigned = A review step awaits your decision, due on { $date }.
notification-step_overdue = The review step was due on { $date } and is still open.
notification-changes_requested = The reviewers requested changes; the agreement is back in negotiation.
notification-rejected = The agreement was rejected in review.
notification-chain_cleared = The review chain is cleared: the agreement can be signed.
notification-signed = Every party has signed: the agreement awaits validation.
notification-in_force = The agreement entered into force on { $date }.
notification-expiring = The agreement expires on { $date } ({ $when }).
notification-notice_deadline = The agreement renews automatically on { $renewal }; the deadline to give notice against the renewal is { $date } ({ $when }).
notification-expired = The agreement expired on { $date }.
notification-renewed = The agreement was renewed automatically by { $successor }.
notification-in-days = { $days ->
    [0] today
    [one] tomorrow
   *[other] in { $days } days
}
notification-comment = Comment: “{ $comment }”
notification-mail-subject = [Accord] { $reference } — { $summary }
notification-mail-greeting = Hello { $name },
notification-mail-open = Open the agreement: { $url }
notification-mail-footer = You receive this message because of your role in this agreement. All your notifications: { $url }
calendar-name = Accord: { $name }
calendar-review-due = Review due: { $reference }
calendar-signature = Signature: { $reference }
calendar-entry-into-force = Entry into force: { $reference }
calendar-expiry = Expiry: { $reference }
calendar-notice-deadline = Notice deadline: { $reference }
calendar-title = Calendar feed
calendar-lead = Subscribe to this address in your calendar application to see review due dates, signatures, entries into force, expiries and notice deadlines.
calendar-url-label = Feed address
calendar-private-hint = Anyone who knows this address can read the feed: keep it private.
calendar-reset = Reset the link
calendar-reset-hint = The old address stops working at once.
