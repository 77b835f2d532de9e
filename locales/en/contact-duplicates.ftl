# Likely duplicate contacts and merging them.
contact-duplicates-title = This person may already be recorded
contact-duplicates-text = These contacts have a close name or the same e-mail. Open them to check, or confirm that this is someone else.
contact-duplicates-same-email = Same e-mail
contact-duplicates-confirm = It is someone else: create the contact anyway
contact-merge-title = Likely duplicates
contact-merge-lead = Merging moves the other contact's positions and history here and fills the missing details of this one; the other contact then disappears. This cannot be undone.
contact-merge-into-this = Merge into this contact
notice-contacts-merged = The contacts were merged.
