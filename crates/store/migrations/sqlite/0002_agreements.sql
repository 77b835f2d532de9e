-- Agreements and their lifecycle: parties, reference sequences, the review
-- chain, drafts, signatures, comments, stage times; notifications and jobs.
-- Keep in step with ../postgres/0002_agreements.sql.

CREATE TABLE agreements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    title_ar TEXT,
    title_en TEXT,
    title_fr TEXT,
    sort_title TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    lead_unit TEXT NOT NULL REFERENCES units (code),
    owner_id TEXT REFERENCES users (id),
    confidential BOOLEAN NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    entry_into_force TEXT NOT NULL,
    entry_into_force_on TEXT,
    auto_renew BOOLEAN NOT NULL,
    notice_days INTEGER,
    value_minor INTEGER,
    value_currency TEXT,
    objectives_ar TEXT,
    objectives_en TEXT,
    objectives_fr TEXT,
    parent_id TEXT REFERENCES agreements (id),
    amends_id TEXT REFERENCES agreements (id),
    renews_id TEXT REFERENCES agreements (id),
    amendment_no INTEGER,
    tags TEXT NOT NULL,
    registry_number TEXT,
    search_text TEXT NOT NULL,
    status_since INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX agreements_status_updated ON agreements (status, updated_at, id);
CREATE INDEX agreements_updated ON agreements (updated_at, id);
CREATE INDEX agreements_created ON agreements (created_at, id);
CREATE INDEX agreements_sort_title ON agreements (sort_title, id);
CREATE INDEX agreements_unit_status ON agreements (lead_unit, status);
CREATE INDEX agreements_kind_status ON agreements (kind, status);
CREATE INDEX agreements_owner ON agreements (owner_id, status);
CREATE INDEX agreements_ends ON agreements (ends_on, id);
CREATE INDEX agreements_amends ON agreements (amends_id);
CREATE INDEX agreements_renews ON agreements (renews_id);
CREATE INDEX agreements_confidential ON agreements (confidential, status);

CREATE TABLE agreement_parties (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    ord INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, partner_id)
);
CREATE INDEX agreement_parties_partner ON agreement_parties (partner_id, agreement_id);

-- Agreements per status, kind, lead unit and confidentiality, kept in step
-- with every change, so that list totals need no scan.
CREATE TABLE agreement_counts (
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    lead_unit TEXT NOT NULL,
    confidential BOOLEAN NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (status, kind, lead_unit, confidential)
);

CREATE TABLE agreement_sequences (
    unit TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (unit, year)
);

-- One row per stay in a status: cycle times per stage.
CREATE TABLE agreement_stages (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    status TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    left_at INTEGER
);
CREATE INDEX agreement_stages_agreement ON agreement_stages (agreement_id, entered_at);

-- The review chain configured per agreement kind: JSON [{role, unit, due_days}].
CREATE TABLE review_chains (
    kind TEXT PRIMARY KEY,
    steps TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE review_steps (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    cycle INTEGER NOT NULL,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    unit TEXT,
    due_days INTEGER NOT NULL,
    opened_at INTEGER,
    due_on TEXT,
    decision TEXT,
    comment TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_at INTEGER,
    voided BOOLEAN NOT NULL
);
CREATE INDEX review_steps_agreement ON review_steps (agreement_id, cycle, position);
CREATE INDEX review_steps_open ON review_steps (role, unit, decision);

CREATE TABLE draft_versions (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    number INTEGER NOT NULL,
    round INTEGER NOT NULL,
    direction TEXT NOT NULL,
    note TEXT,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    text_content TEXT,
    author_id TEXT REFERENCES users (id),
    created_at INTEGER NOT NULL,
    UNIQUE (agreement_id, number)
);

CREATE TABLE signatures (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    party TEXT NOT NULL,
    signatory TEXT NOT NULL,
    capacity TEXT,
    signed_on TEXT NOT NULL,
    place TEXT,
    method TEXT NOT NULL,
    file_sha256 TEXT,
    recorded_by TEXT REFERENCES users (id),
    recorded_at INTEGER NOT NULL,
    UNIQUE (agreement_id, party)
);

CREATE TABLE agreement_comments (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version_number INTEGER,
    author_id TEXT REFERENCES users (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX agreement_comments_agreement ON agreement_comments (agreement_id, created_at);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    agreement_id TEXT REFERENCES agreements (id),
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    mailed_at INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at);

-- Scheduled jobs, claimed with a lease so that each runs once across nodes.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    last_run_at INTEGER,
    last_result TEXT
);

CREATE VIRTUAL TABLE agreements_fts USING fts5(search_text, content='agreements', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER agreements_fts_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreements_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER agreements_fts_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER agreements_fts_update AFTER UPDATE OF search_text ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO agreements_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

ALTER TABLE users ADD COLUMN calendar_token TEXT;
