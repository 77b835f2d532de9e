-- Documents kept with an agreement besides its drafts: signed copies, the
-- termination notice, instruments of ratification, full powers. The bytes
-- live in the file store under their SHA-256; a row never changes.

CREATE TABLE agreement_documents (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    purpose TEXT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    note TEXT,
    uploaded_by TEXT REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX agreement_documents_agreement ON agreement_documents (agreement_id, uploaded_at);
