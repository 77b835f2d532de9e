## Contacts (list, page and form)
contacts-new = New contact
contacts-count = { $count ->
    [0] No contacts
    [one] One contact
   *[other] { $count } contacts
}
contacts-edit-title = Edit { $name }
contacts-search-hint = A name in any script, an e-mail address or a job title; accents and diacritics do not matter.
contacts-filtered-by-partner = People who hold or held a position at
contacts-empty-title = No contacts yet
contacts-empty-text = Record the people you deal with at partners: open a partner's page and choose "Add a contact", or create a contact here and give the partner in a position.
contacts-empty-text-readonly = Partnerships officers record the people of partner organizations; they will be listed here.
contacts-none-found = No contact matches this search
contacts-none-found-text = Try another spelling, part of the name, or clear the search.
contacts-col-positions = Current positions
contacts-no-current-position = No current position.
contacts-positions-current = Positions
contacts-position-legend = Position { $number }
contacts-position-new = Another position (optional)
contacts-position-field = Position { $number }: { $field }
contacts-positions-hint = Leave a row empty to skip it; to remove a position, empty all its fields. Give an end date when a position is over: the position is then kept as a former one.
contacts-partner-is = Partner:
contacts-partner-hint = The partner's identifier. On the partner's page, the "Add a contact" button fills it in.
contacts-to-hint = Leave empty while the position is held.
contacts-authority-document-hint = The instrument of full powers or the delegation, with its reference and date.
contacts-honorific-hint = For example H.E., Dr, Prof.
contacts-name-alt-hint = The name in another script, e.g. in Arabic.
contacts-languages-hint = Two-letter codes separated by commas, e.g. ar, fr.

## Contact fields
contacts-field-honorific = Honorific
contacts-field-name-alt = Name in another script
contacts-field-languages = Languages
contacts-field-positions = Positions
contacts-field-partner-id = Partner
contacts-field-title = Title
contacts-field-from = From
contacts-field-to = To
contacts-field-signing-authority = Signing authority
contacts-field-authority-document = Authority document

## Errors
error-unknown_position = No such position of this contact.
