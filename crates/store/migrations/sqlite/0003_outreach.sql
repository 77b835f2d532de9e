-- The observer-state outreach campaign: one case per non-member state being
-- approached, and one row per stay in a stage (the funnel's durations).
-- Keep in step with ../postgres/0003_outreach.sql.

CREATE TABLE outreach_cases (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    stage TEXT NOT NULL,
    mission_partner_id TEXT REFERENCES partners (id),
    owner_id TEXT REFERENCES users (id),
    next_action TEXT,
    next_action_on TEXT,
    notes TEXT,
    stage_since TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outreach_cases_stage ON outreach_cases (stage, updated_at);
CREATE INDEX outreach_cases_country ON outreach_cases (country);
CREATE INDEX outreach_cases_owner ON outreach_cases (owner_id, next_action_on);

CREATE TABLE outreach_stages (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES outreach_cases (id),
    stage TEXT NOT NULL,
    entered_on TEXT NOT NULL,
    left_on TEXT,
    reason TEXT,
    actor_id TEXT REFERENCES users (id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX outreach_stages_case ON outreach_stages (case_id, entered_on);

-- Contacts merged into another (duplicates): the tombstone points at the kept contact.
ALTER TABLE contacts ADD COLUMN merged_into TEXT REFERENCES contacts (id);
