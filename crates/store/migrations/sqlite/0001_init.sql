-- Accord schema, SQLite flavour. Keep in step with ../postgres/0001_init.sql:
-- same tables, same columns, same nullability (a test compares them).
-- Instants are INTEGER microseconds since the Unix epoch (UTC); dates are TEXT YYYY-MM-DD;
-- ids are TEXT UUIDs; JSON is TEXT.

CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name_ar TEXT,
    name_en TEXT,
    name_fr TEXT,
    kind TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    iso3 TEXT NOT NULL,
    numeric_code TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    oic_member BOOLEAN NOT NULL,
    membership TEXT NOT NULL,
    membership_since TEXT,
    membership_verified BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX countries_membership ON countries (membership);

CREATE TABLE membership_changes (
    id TEXT PRIMARY KEY,
    country TEXT NOT NULL REFERENCES countries (code),
    membership TEXT NOT NULL,
    since TEXT,
    verified BOOLEAN NOT NULL,
    note TEXT,
    changed_by TEXT,
    changed_at INTEGER NOT NULL
);
CREATE INDEX membership_changes_country ON membership_changes (country, changed_at);

CREATE TABLE partners (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    name_ar TEXT,
    name_en TEXT,
    name_fr TEXT,
    sort_name TEXT NOT NULL,
    sort_ar TEXT NOT NULL,
    sort_fr TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    country TEXT REFERENCES countries (code),
    parent_id TEXT REFERENCES partners (id),
    status TEXT NOT NULL,
    website TEXT,
    email TEXT,
    phone TEXT,
    identifiers TEXT NOT NULL,
    tags TEXT NOT NULL,
    risk TEXT,
    notes TEXT,
    search_text TEXT NOT NULL,
    merged_into TEXT REFERENCES partners (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX partners_sort_name ON partners (sort_name, id);
CREATE INDEX partners_sort_ar ON partners (sort_ar, id);
CREATE INDEX partners_sort_fr ON partners (sort_fr, id);
CREATE INDEX partners_updated ON partners (updated_at, id);
CREATE INDEX partners_created ON partners (created_at, id);
CREATE INDEX partners_country ON partners (country, sort_name);
CREATE INDEX partners_kind ON partners (kind, sort_name);
CREATE INDEX partners_status ON partners (status, sort_name);
CREATE INDEX partners_parent ON partners (parent_id);
CREATE INDEX partners_status_kind ON partners (status, kind, sort_name, id);

-- Live partners per status and kind, kept in step by the storage code in the
-- same transaction as each change, so that totals need no scan.
CREATE TABLE partner_counts (
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (status, kind)
);

CREATE TABLE partner_tags (
    partner_id TEXT NOT NULL REFERENCES partners (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (partner_id, tag)
);
CREATE INDEX partner_tags_tag ON partner_tags (tag, partner_id);

CREATE TABLE contacts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_alt TEXT,
    sort_name TEXT NOT NULL,
    honorific TEXT,
    email TEXT,
    phone TEXT,
    languages TEXT NOT NULL,
    notes TEXT,
    search_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_sort_name ON contacts (sort_name, id);
CREATE INDEX contacts_updated ON contacts (updated_at, id);

CREATE TABLE contact_positions (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    title TEXT NOT NULL,
    from_date TEXT,
    to_date TEXT,
    signing_authority TEXT NOT NULL,
    authority_document TEXT,
    ord INTEGER NOT NULL
);
CREATE INDEX contact_positions_contact ON contact_positions (contact_id, ord);
CREATE INDEX contact_positions_partner ON contact_positions (partner_id);

-- Trigram full-text indexes over the normalized search text: a quoted term
-- matches any substring of three characters or more, in any script. The
-- integer `seq` keys keep the mapping stable across VACUUM.
CREATE VIRTUAL TABLE partners_fts USING fts5(search_text, content='partners', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners BEGIN
    INSERT INTO partners_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners BEGIN
    INSERT INTO partners_fts (partners_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER partners_fts_update AFTER UPDATE OF search_text ON partners BEGIN
    INSERT INTO partners_fts (partners_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO partners_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE VIRTUAL TABLE contacts_fts USING fts5(search_text, content='contacts', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO contacts_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT REFERENCES units (code),
    organization_id TEXT REFERENCES partners (id),
    lang TEXT,
    password_hash TEXT,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);

CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id TEXT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_state TEXT,
    after_state TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
