## Draft versions: upload, redline, downloads
drafts-new-title = Upload a draft version
drafts-in-review-warning = This agreement is in review. A new draft voids the clearances given so far, and the review chain starts again from its first step.
drafts-file-hint = A Word (.docx), OpenDocument (.odt), PDF, text or Markdown file of at most { $mb } MB. The type is checked from the file’s content, not its name.
drafts-note-hint = Optional: what changed, who sent it, what is still open.
drafts-upload-button = Upload the draft
drafts-direction-internal = Internal
drafts-direction-to_partner = Sent to the partner
drafts-direction-from_partner = Received from the partner
drafts-compare-title = Compare draft versions
drafts-compare-from = Older version
drafts-compare-to = Newer version
drafts-compare-button = Compare
field-compare-from = Older version
field-compare-to = Newer version
drafts-version-n = Version { $number }
drafts-redline-title = Changes from version { $from } to version { $to }
drafts-stats-inserted = { $count ->
    [one] { $count } word inserted
   *[other] { $count } words inserted
}
drafts-stats-deleted = { $count ->
    [one] { $count } word deleted
   *[other] { $count } words deleted
}
drafts-legend-before = How to read it:
drafts-legend-inserted = inserted text is underlined
drafts-legend-deleted = deleted text is struck through
drafts-no-changes = The two versions have the same text.
drafts-inserted-start = Inserted:
drafts-deleted-start = Deleted:
drafts-need-two = Two draft versions are needed for a comparison.
drafts-versions-title = Versions
drafts-col-version = Version
drafts-col-round = Round
drafts-col-date = Uploaded
drafts-col-author = By
drafts-no-text = text not readable
error-empty_file = The file is empty.
error-no_text = The text of this version could not be read (a scanned PDF, for example), so it cannot be compared.
