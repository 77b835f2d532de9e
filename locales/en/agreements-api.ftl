## The agreements API: its error messages and its group on the API reference page
error-terms_locked = The terms are fixed once the agreement has left negotiation: change them with an amendment.
error-unknown_version = This agreement has no draft version with this number.
apidocs-tag-agreements = Agreements
