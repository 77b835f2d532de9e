## The page of one agreement and its forms
notice-agreement-moved = The agreement moved to its new stage.
notice-review-decided = Your decision was recorded.
notice-review-chain-cleared = The review chain is cleared: the agreement now awaits signatures.
notice-signature-recorded = The signature was recorded.
notice-signatures-complete = Every party has signed: the agreement now awaits validation by Legal Affairs.
notice-validation-recorded = The validation was recorded. The agreement will enter into force on the date given.
notice-agreement-in-force = The validation was recorded: the agreement is in force.
notice-agreement-comment-added = Your comment was added.

agreement-page-confidential = Confidential
agreement-page-terms = Terms
agreement-page-links = Related agreements
agreement-page-no-links = No framework, amendment or renewal is linked to this agreement.
agreement-page-amendments = Amendments
agreement-page-renewals = Renewed by
agreement-page-consolidated = Consolidated terms
agreement-page-consolidated-hint = The terms as they stand after the amendments in force, applied in the order they were made.
agreement-page-set-by = Set by amendment
agreement-page-original-terms = Unchanged since the original agreement
agreement-page-not-set = Not set
agreement-page-yes = Yes
agreement-page-no = No
agreement-page-renews-with-notice = { $count ->
    [one] Yes, unless notice is given { $count } day before the end
   *[other] Yes, unless notice is given { $count } days before the end
}
agreement-page-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
agreement-page-less-than-a-day = Less than a day
agreement-page-organization-party = { $org } (the organization)

agreement-page-lifecycle = Lifecycle
agreement-page-stage-done = completed
agreement-page-stage-current = current stage
agreement-page-stage-todo = not reached
agreement-page-stage-note-suspended = The agreement is in force but its implementation is suspended.
agreement-page-stage-note-expired = The agreement reached its end date.
agreement-page-stage-note-completed = The agreement was carried out and closed.
agreement-page-stage-note-terminated = The agreement was ended before its term.
agreement-page-stage-note-withdrawn = The agreement was withdrawn; the stages marked completed are those it went through.
agreement-page-actions = What you can do now
agreement-page-hint-no-draft = Upload a draft before submitting for review.
agreement-page-hint-reason = Say why: the reason is kept in the timeline.
agreement-page-confirm-action = { $action }: confirm
agreement-page-not-allowed = “{ $action }” is not possible while the agreement is at the stage “{ $status }”. What you can do now: { $allowed }.
agreement-page-not-allowed-none = “{ $action }” is not possible while the agreement is at the stage “{ $status }”, and there is nothing you can do at this stage.
agreement-page-moved-meanwhile = Someone else changed this agreement in the meantime. Here it is as it stands now; check before trying again.

agreement-page-validation = Validation
agreement-page-validation-hint = Legal Affairs records the number in the agreements registry and the date of entry into force. If that date is today or past, the agreement enters into force at once; otherwise on that date.
agreement-page-validation-date-hint = Today is proposed.
agreement-page-validate = Record the validation

agreement-page-chain = Review chain
agreement-page-chain-none = The agreement has not been submitted for review yet.
agreement-page-cycle = Submission { $number }
agreement-page-cycle-cleared = cleared by every step
agreement-page-cycle-voided = stopped before its end
agreement-page-cycle-progress = { $cleared } of { $total } steps cleared
agreement-page-any-unit = any unit
agreement-page-step-open = Waiting for a decision
agreement-page-step-waiting = Not reached yet
agreement-page-step-voided = Voided
agreement-page-overdue = Overdue
agreement-page-due = Due
agreement-page-decided-by = Decided by
agreement-page-your-decision = Your decision
agreement-page-comment-hint = Required when you request changes or reject: the officer will read it.
agreement-page-comment-required = Say what must change, or why you reject.
agreement-page-record-decision = Record my decision

agreement-page-drafts = Drafts
agreement-page-drafts-none = No draft has been uploaded yet.
agreement-page-upload = Upload a new draft
agreement-page-version-n = Version { $number }
agreement-page-round-n = round { $number }
agreement-page-direction-internal = internal
agreement-page-direction-to_partner = sent to the partner
agreement-page-direction-from_partner = received from the partner
agreement-page-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
agreement-page-kilobytes = { $count } KB
agreement-page-compare = Compare two versions
agreement-page-compare-from = Older version
agreement-page-compare-to = Newer version
agreement-page-compare-button = Show the changes

agreement-page-signatures = Signatures
agreement-page-signed = Signed
agreement-page-not-signed = Not signed
agreement-page-sign-after-chain = Signatures can be recorded once the review chain is cleared: the organization does not sign before Legal Affairs and the General Directorate have cleared the agreement.
agreement-page-record-signature = Record a signature

agreement-page-comments = Comments
agreement-page-comments-none = No comment yet.
agreement-page-add-comment = Your comment
agreement-page-comment-version = About the draft
agreement-page-no-version = The agreement as a whole
agreement-page-about-version = about version { $number }
agreement-page-post-comment = Add the comment

agreement-page-timeline = Timeline
agreement-page-event-details = Details
agreement-page-value = Value
agreement-page-stage-times = Time spent per stage
agreement-page-stage = Stage
agreement-page-time-spent = Time spent
agreement-page-now = now
agreement-page-stays = { $count ->
    [one] { $count } stay
   *[other] { $count } stays
}
agreement-page-event-create = created the agreement
agreement-page-event-update = changed the terms
agreement-page-event-comment = commented
agreement-page-event-add_draft_version = uploaded a draft
agreement-page-event-restart_review = restarted the review after a new draft
agreement-page-event-review_decision = decided a review step
agreement-page-event-review_decision-cleared = cleared a review step
agreement-page-event-review_decision-changes_requested = requested changes at a review step
agreement-page-event-review_decision-rejected = rejected the agreement at a review step
agreement-page-event-sign = recorded a signature
agreement-page-event-validate = recorded the validation
agreement-page-event-start_negotiation = started the negotiation
agreement-page-event-submit_for_review = submitted the agreement for review
agreement-page-event-recall_from_review = recalled the agreement from review
agreement-page-event-request_changes = sent the agreement back for changes
agreement-page-event-reject = rejected the agreement
agreement-page-event-clear_chain = cleared the last review step: the agreement awaits signatures
agreement-page-event-complete_signatures = recorded the last signature: the agreement awaits validation
agreement-page-event-enter_into_force = put the agreement into force
agreement-page-event-withdraw = withdrew the agreement
agreement-page-event-reopen = reopened the agreement
agreement-page-event-suspend = suspended the agreement
agreement-page-event-resume = resumed the agreement
agreement-page-event-terminate = terminated the agreement
agreement-page-event-revert_termination = reverted the termination
agreement-page-event-complete = marked the agreement as completed
agreement-page-event-expire = recorded the expiry of the agreement
agreement-page-event-document_added = kept a document with the agreement
agreement-page-documents = Documents
agreement-page-documents-hint = Signed copies, the termination notice, instruments of ratification and full powers, kept with the agreement.
agreement-page-documents-none = No document yet. Add the signed copy once the agreement is signed.
agreement-page-add-document = Add the document
agreement-page-document-types = PDF, PNG or JPEG scans, Word, OpenDocument or text; up to 20 MB.
agreement-page-no-signed-copy = None kept yet
agreement-page-signed-copy-hint = Add the scanned copy under Documents first, then choose it here.
field-purpose = Purpose
field-signed-copy = Signed copy
document-purpose-signed_copy = Signed copy
document-purpose-termination = Termination notice
document-purpose-ratification = Instrument of ratification
document-purpose-full_powers = Full powers or delegation
document-purpose-other = Other document
notice-document-added = The document was kept with the agreement.
error-unknown_file = No document of this agreement has this file.
