-- The communications log: interactions (meetings, calls, letters, notes
-- verbales...), what they link to, their follow-up actions, and the per-year
-- sequences of outgoing registry numbers.
-- Keep in step with ../postgres/0004_interactions.sql.

CREATE TABLE interactions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    registry_number TEXT UNIQUE,
    sender_reference TEXT,
    subject TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    summary TEXT,
    outreach_case_id TEXT REFERENCES outreach_cases (id),
    confidential BOOLEAN NOT NULL,
    created_by TEXT REFERENCES users (id),
    search_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX interactions_occurred ON interactions (occurred_at, id);
CREATE INDEX interactions_outreach ON interactions (outreach_case_id);

-- What an interaction names: partners, contacts, staff (users), agreements,
-- and the users a confidential interaction is shared with (`visible_to`).
CREATE TABLE interaction_links (
    interaction_id TEXT NOT NULL REFERENCES interactions (id),
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    PRIMARY KEY (interaction_id, kind, target_id)
);
CREATE INDEX interaction_links_target ON interaction_links (kind, target_id, interaction_id);

CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY,
    interaction_id TEXT NOT NULL REFERENCES interactions (id),
    ord INTEGER NOT NULL,
    action TEXT NOT NULL,
    owner_id TEXT REFERENCES users (id),
    due_on TEXT,
    done BOOLEAN NOT NULL,
    done_at INTEGER
);
CREATE INDEX follow_ups_interaction ON follow_ups (interaction_id, ord);
CREATE INDEX follow_ups_owner ON follow_ups (owner_id, done, due_on);

CREATE TABLE registry_sequences (
    unit TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (unit, year)
);

CREATE VIRTUAL TABLE interactions_fts USING fts5(search_text, content='interactions', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER interactions_fts_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO interactions_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER interactions_fts_delete AFTER DELETE ON interactions BEGIN
    INSERT INTO interactions_fts (interactions_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER interactions_fts_update AFTER UPDATE OF search_text ON interactions BEGIN
    INSERT INTO interactions_fts (interactions_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO interactions_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
