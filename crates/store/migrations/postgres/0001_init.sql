-- Accord schema, PostgreSQL flavour. Keep in step with ../sqlite/0001_init.sql:
-- same tables, same columns, same nullability (a test compares them).
-- Instants are BIGINT microseconds since the Unix epoch (UTC); dates are TEXT YYYY-MM-DD;
-- ids are TEXT UUIDs; JSON is TEXT.

CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name_ar TEXT,
    name_en TEXT,
    name_fr TEXT,
    kind TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
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
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
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
    changed_at BIGINT NOT NULL
);
CREATE INDEX membership_changes_country ON membership_changes (country, changed_at);

CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    name_ar TEXT,
    name_en TEXT,
    name_fr TEXT,
    sort_name TEXT NOT NULL,
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
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX partners_sort_name ON partners (sort_name, id);
CREATE INDEX partners_updated ON partners (updated_at, id);
CREATE INDEX partners_created ON partners (created_at, id);
CREATE INDEX partners_country ON partners (country, sort_name);
CREATE INDEX partners_kind ON partners (kind, sort_name);
CREATE INDEX partners_status ON partners (status, sort_name);
CREATE INDEX partners_parent ON partners (parent_id);

CREATE TABLE partner_tags (
    partner_id TEXT NOT NULL REFERENCES partners (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (partner_id, tag)
);
CREATE INDEX partner_tags_tag ON partner_tags (tag, partner_id);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_alt TEXT,
    sort_name TEXT NOT NULL,
    honorific TEXT,
    email TEXT,
    phone TEXT,
    languages TEXT NOT NULL,
    notes TEXT,
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
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
    ord BIGINT NOT NULL
);
CREATE INDEX contact_positions_contact ON contact_positions (contact_id, ord);
CREATE INDEX contact_positions_partner ON contact_positions (partner_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT REFERENCES units (code),
    organization_id TEXT REFERENCES partners (id),
    lang TEXT,
    password_hash TEXT,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
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
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Trigram indexes let LIKE '%term%' on the normalized search columns use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX partners_search ON partners USING gin (search_text public.gin_trgm_ops);
CREATE INDEX contacts_search ON contacts USING gin (search_text public.gin_trgm_ops);
