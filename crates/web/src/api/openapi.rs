//! The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.json` and
//! rendered as the readable reference page `/api`. During the transition it
//! is hybrid (ADR 0010): the families converted to utoipa bring their
//! operations and schemas from the code ([`super::routes`]); the others are
//! still written here by hand, one helper per schema and per operation, and
//! merged under the derived part. Both are checked against a snapshot, the
//! router and real responses by `tests/openapi.rs` and `tests/api_schemas.rs`.

#[path = "openapi_interactions.rs"]
mod interactions_doc;
use accord_domain::contact::SigningAuthority;
use accord_domain::partner::{PartnerKind, PartnerStatus, Risk};
use accord_store::{contacts, partners};
use axum::Json;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

/// The OpenAPI document: the hand-written part with the derived part laid over it.
pub fn document() -> Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT
        .get_or_init(|| {
            let mut doc = hand_written();
            merge_derived(&mut doc, super::routes().into_openapi());
            doc
        })
        .clone()
}

/// Lays the derived operations and components over the hand-written document,
/// with the shared error responses, and writes "may be null" the way the
/// hand-written part does (`anyOf` with `null` last).
fn merge_derived(doc: &mut Value, derived: utoipa::openapi::OpenApi) {
    let mut derived = serde_json::to_value(derived).unwrap_or(Value::Null);
    nullable_as_any_of(&mut derived);
    if let (Some(paths), Some(new)) = (
        doc.get_mut("paths").and_then(Value::as_object_mut),
        derived.get_mut("paths").and_then(Value::as_object_mut),
    ) {
        for (path, item) in std::mem::take(new) {
            let entry = paths.entry(path).or_insert_with(|| json!({}));
            if let (Some(entry), Value::Object(item)) = (entry.as_object_mut(), item) {
                entry.extend(item);
            }
        }
    }
    let mut responses = Map::new();
    for (name, response) in super::doc::error_responses() {
        responses.insert(
            name.to_string(),
            serde_json::to_value(response).unwrap_or(Value::Null),
        );
    }
    let derived_components = derived.get_mut("components").and_then(Value::as_object_mut);
    let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(target) = components
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    {
        target.extend(responses);
    }
    if let Some(derived_components) = derived_components {
        for (kind, entries) in std::mem::take(derived_components) {
            let (Some(target), Value::Object(entries)) = (
                components
                    .entry(kind)
                    .or_insert_with(|| json!({}))
                    .as_object_mut(),
                entries,
            ) else {
                continue;
            };
            target.extend(entries);
        }
    }
}

/// Rewrites utoipa's `oneOf: [{type: null}, X]` as `anyOf: [X, {type: null}]`.
fn nullable_as_any_of(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_nullable = map
                .get("oneOf")
                .and_then(Value::as_array)
                .is_some_and(|o| o.len() == 2 && o.iter().any(|v| v == &json!({ "type": "null" })));
            if is_nullable && let Some(Value::Array(mut options)) = map.remove("oneOf") {
                options.sort_by_key(|v| v == &json!({ "type": "null" }));
                map.insert("anyOf".into(), Value::Array(options));
            }
            map.values_mut().for_each(nullable_as_any_of);
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_any_of),
        _ => {}
    }
}

/// The part of the document still written by hand.
fn hand_written() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": info(),
        "servers": [{ "url": "/api/v1", "description": "This Accord server." }],
        "security": [{ "bearerAuth": [] }, { "cookieSession": [] }],
        "tags": tags(),
        "paths": paths(),
        "components": {
            "schemas": with_agreements(
                schemas(),
                [
                    agreement_schemas(),
                    draft_schemas(),
                    document_schemas(),
                    interactions_doc::schemas(),
                    outreach_schemas(),
                    contact_duplicate_schemas(),
                ]
                .concat()
            ),
            "parameters": with_agreements(
                parameters(),
                [agreement_parameters(), interactions_doc::parameters(), outreach_parameters()].concat()
            ),
            "responses": {},
            "securitySchemes": security_schemes(),
        },
    })
}

/// `GET /api/v1/openapi.json`.
pub async fn serve_openapi() -> Json<Value> {
    Json(document())
}

// ---------------------------------------------------------------------------
// Document header
// ---------------------------------------------------------------------------

const DESCRIPTION: &str = "\
The JSON API of Accord, the partnerships system of ICESCO. Whatever a person can do in a page, a \
program can do here, under the same access rules.

## Conventions

- **Base path** `/api/v1`. JSON in and out (`application/json; charset=utf-8`), except file exports \
(`text/csv`, XLSX).
- **Authentication**: send `Authorization: Bearer <token>` with a personal access token. Create one \
on your profile page (`/profile`) or with `accord user token EMAIL [--name NAME]`; it is shown once \
and stored hashed. The browser UI uses a session cookie instead; a cookie-authenticated request that \
changes state must send the session's CSRF token in `X-CSRF-Token`.
- **Records** carry `id` (a UUID), `version` (an integer that grows with each change), `created_at` \
and `updated_at` (RFC 3339, UTC).
- **Localized text** is an object `{\"ar\": \"...\", \"en\": \"...\", \"fr\": \"...\"}`; a required \
one needs at least one non-empty language.
- **Dates** are `YYYY-MM-DD`; **countries** are ISO 3166-1 alpha-2 codes; **units** are referred to \
by code.
- **Lists** answer `{\"items\": [...], \"total\": N, \"next_cursor\": \"...\" | null}`. To read the \
next page, send `next_cursor` back as `cursor` with the same filters; `limit` is 1 to 200 (default \
50); `sort` is a field, or `-field` for descending order; `q` searches the text. Unknown parameters \
and unknown filter values are a `422`, never an empty list.
- **Updates** are `PATCH` with only the fields to change and the `version` the client last saw (in \
the body, or as an `If-Match` header). A stale version answers `409` with code `version_conflict` \
and the current record in `details.current`; nothing is overwritten silently.
- **Errors** are `{\"code\": \"snake_case\", \"message\": \"...\", \"details\": {...}}`. Programs \
rely on `code`; `message` is written for people in the language of the `Accept-Language` header \
(Arabic, English or French; English otherwise). Invalid input is `422` with `details.fields`, a map \
from each field to its error codes. `400` malformed JSON, `401` no or bad credentials, `403` not \
allowed, `404` not found (also for records the caller may not see), `409` conflicts, `413` too \
large, `415` not JSON. Bad input never gets a `500`.
- **History**: `GET /{collection}/{id}/history` lists the audit events of a record.";

fn info() -> Value {
    json!({
        "title": "Accord API",
        "version": "1",
        "description": DESCRIPTION,
        "license": { "name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later" },
    })
}

/// The tags, in the order the reference page shows them.
pub const TAGS: [&str; 9] = [
    "Partners",
    "Contacts",
    "Agreements",
    "Outreach",
    "Notifications",
    "Interactions",
    "Reference data",
    "Users",
    "System",
];

fn tags() -> Value {
    json!([
        { "name": "Partners", "description": "The organizations the office works with: search, create, edit, find duplicates, merge, export." },
        { "name": "Contacts", "description": "People at partner organizations, with their dated positions and signing authority." },
        { "name": "Agreements", "description": "Agreements through their lifecycle: terms, transitions, draft versions and their redline, the review chain, signatures, validation, comments, the timeline, renewals, amendments and cycle times." },
        { "name": "Outreach", "description": "The observer-state outreach campaign: one case per non-member state being approached, its stage moves (admission makes the state an observer) and the funnel." },
        { "name": "Notifications", "description": "The signed-in user's own notifications: review steps to decide, review decisions, signatures, entries into force, expiries, notice deadlines and renewals." },
        { "name": "Reference data", "description": "The organization's units, and countries with their membership status." },
        { "name": "Users", "description": "The signed-in user, and the accounts of Accord (administrators)." },
        { "name": "Interactions", "description": "The communications log: meetings, calls, letters and notes verbales with their follow-ups; a partner's relationship health; partners without contact; a contact's open items when their position ends." },
        { "name": "System", "description": "Health checks and this document." },
    ])
}

fn security_schemes() -> Value {
    json!({
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "acc_…",
            "description": "A personal access token, sent as `Authorization: Bearer <token>`. Create one on the profile page (`/profile`) or with `accord user token EMAIL [--name NAME]`; it is shown once, stored hashed, acts with its owner's role, and can be revoked on the profile page.",
        },
        "cookieSession": {
            "type": "apiKey",
            "in": "cookie",
            "name": "accord_session",
            "description": "The browser session of the web pages (HttpOnly, SameSite=Lax, 12 hours), opened by logging in at `/login`. A request authenticated this way that changes state (POST, PATCH) must carry the session's CSRF token in the `X-CSRF-Token` header, else `403 csrf_failed`. Programs should use a bearer token instead.",
        },
    })
}

// ---------------------------------------------------------------------------
// Small builders
// ---------------------------------------------------------------------------

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn param(name: &str) -> Value {
    json!({ "$ref": format!("#/components/parameters/{name}") })
}

fn response(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

/// A schema that may also be `null`.
fn nullable(inner: Value) -> Value {
    match inner {
        Value::Object(mut map) if map.get("type").is_some_and(Value::is_string) => {
            let kind = map.remove("type").unwrap_or(Value::Null);
            map.insert("type".into(), json!([kind, "null"]));
            Value::Object(map)
        }
        other => json!({ "anyOf": [other, { "type": "null" }] }),
    }
}

fn with_description(inner: Value, description: &str) -> Value {
    match inner {
        Value::Object(mut map) => {
            map.insert("description".into(), json!(description));
            Value::Object(map)
        }
        other => other,
    }
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn text_max(max: usize, description: &str) -> Value {
    json!({ "type": "string", "maxLength": max, "description": description })
}

fn uuid(description: &str) -> Value {
    json!({ "type": "string", "format": "uuid", "description": description })
}

fn date(description: &str) -> Value {
    json!({ "type": "string", "format": "date", "description": description })
}

fn timestamp(description: &str) -> Value {
    json!({ "type": "string", "format": "date-time", "description": description })
}

fn integer(description: &str) -> Value {
    json!({ "type": "integer", "description": description })
}

fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn country_code(description: &str) -> Value {
    json!({ "type": "string", "pattern": "^[A-Z]{2}$", "description": description })
}

fn list_of(items: Value, description: &str) -> Value {
    json!({ "type": "array", "items": items, "description": description })
}

fn enumeration(description: &str, values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values, "description": description })
}

/// An object schema from `(name, schema)` pairs and the required names.
fn object(description: &str, required: &[&str], properties: Vec<(&str, Value)>) -> Value {
    let properties: Map<String, Value> = properties
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut map = Map::new();
    map.insert("type".into(), json!("object"));
    map.insert("description".into(), json!(description));
    if !required.is_empty() {
        map.insert("required".into(), json!(required));
    }
    map.insert("properties".into(), Value::Object(properties));
    Value::Object(map)
}

/// The same object without `required` and without additional properties:
/// what a client may send.
fn closed(mut value: Value) -> Value {
    if let Some(map) = value.as_object_mut() {
        map.insert("additionalProperties".into(), json!(false));
    }
    value
}

fn json_content(body: Value) -> Value {
    json!({ "application/json": { "schema": body } })
}

fn json_body(name: &str, description: &str, example: Value) -> Value {
    json!({
        "required": true,
        "description": description,
        "content": { "application/json": { "schema": schema(name), "example": example } },
    })
}

fn ok(name: &str, description: &str) -> Value {
    json!({ "description": description, "content": json_content(schema(name)) })
}

/// An operation object.
struct Op<'a> {
    id: &'a str,
    tag: &'a str,
    summary: &'a str,
    description: &'a str,
    parameters: Vec<Value>,
    body: Option<Value>,
    responses: Vec<(&'a str, Value)>,
    public: bool,
}

impl Op<'_> {
    fn build(self) -> Value {
        let mut map = Map::new();
        map.insert("operationId".into(), json!(self.id));
        map.insert("tags".into(), json!([self.tag]));
        map.insert("summary".into(), json!(self.summary));
        map.insert("description".into(), json!(self.description));
        if !self.parameters.is_empty() {
            map.insert("parameters".into(), Value::Array(self.parameters));
        }
        if let Some(body) = self.body {
            map.insert("requestBody".into(), body);
        }
        let responses: Map<String, Value> = self
            .responses
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        map.insert("responses".into(), Value::Object(responses));
        if self.public {
            map.insert("security".into(), json!([]));
        }
        Value::Object(map)
    }
}

/// The error responses of an operation that reads.
fn read_errors(not_found: bool) -> Vec<(&'static str, Value)> {
    let mut list = vec![
        ("401", response("Unauthorized")),
        ("403", response("Forbidden")),
    ];
    if not_found {
        list.push(("404", response("NotFound")));
    }
    list
}

/// The error responses of an operation that takes a JSON body.
fn write_errors(not_found: bool, conflict: bool) -> Vec<(&'static str, Value)> {
    let mut list = vec![("400", response("BadRequest"))];
    list.extend(read_errors(not_found));
    if conflict {
        list.push(("409", response("Conflict")));
    }
    list.push(("413", response("PayloadTooLarge")));
    list.push(("415", response("UnsupportedMediaType")));
    list.push(("422", response("ValidationFailed")));
    list
}

fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// `name`, `-name`, ... for each sortable column.
fn sort_values(columns: &[accord_store::list::SortColumn]) -> Vec<String> {
    columns
        .iter()
        .flat_map(|c| [c.name.to_string(), format!("-{}", c.name)])
        .collect()
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

/// Every operation: `(path, method, operation)`. Paths are relative to the
/// server (`/api/v1`) except those in [`ROOT_PATHS`].
fn operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("/partners", "get", list_partners()),
        ("/partners", "post", create_partner()),
        ("/partners/duplicates", "get", find_duplicate_partners()),
        ("/partners/export", "get", export_partners()),
        ("/partners/{id}", "get", get_partner()),
        ("/partners/{id}", "patch", update_partner()),
        ("/partners/{id}/merge", "post", merge_partner()),
        ("/partners/{id}/history", "get", partner_history()),
        ("/contacts", "get", list_contacts()),
        ("/contacts", "post", create_contact()),
        ("/contacts/{id}", "get", get_contact()),
        ("/contacts/{id}", "patch", update_contact()),
        ("/contacts/{id}/history", "get", contact_history()),
        ("/contacts/duplicates", "get", find_duplicate_contacts()),
        ("/contacts/{id}/merge", "post", merge_contact()),
        ("/openapi.json", "get", get_openapi()),
        ("/healthz", "get", get_health()),
        ("/readyz", "get", get_readiness()),
    ]
    .into_iter()
    .chain(agreement_operations()) // Agreements
    .chain(draft_and_notification_operations()) // Drafts and notifications
    .chain(document_operations()) // Documents kept with agreements
    .chain(interactions_doc::operations()) // The communications log
    .chain(outreach_operations()) // Outreach
    .collect()
}

/// Paths served at the root of the site rather than under `/api/v1`.
const ROOT_PATHS: [&str; 2] = ["/healthz", "/readyz"];

fn paths() -> Value {
    let mut paths = Map::new();
    for (path, method, operation) in operations() {
        let item = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        if let Some(item) = item.as_object_mut() {
            if ROOT_PATHS.contains(&path) {
                item.insert(
                    "servers".into(),
                    json!([{ "url": "/", "description": "The root of this Accord server." }]),
                );
            }
            item.insert(method.to_string(), operation);
        }
    }
    Value::Object(paths)
}

// --- Partners ---------------------------------------------------------------

fn partner_filters() -> Vec<Value> {
    vec![
        param("Q"),
        param("PartnerKindFilter"),
        param("CountryFilter"),
        param("PartnerStatusFilter"),
        param("TagFilter"),
        param("MembershipFilter"),
    ]
}

fn list_partners() -> Value {
    let mut parameters = partner_filters();
    parameters.extend([param("PartnerSort"), param("Cursor"), param("Limit")]);
    let mut responses = vec![("200", ok("PartnerPage", "A page of partners."))];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "listPartners",
        tag: "Partners",
        summary: "List and search partners",
        description: "Partners matching every filter given, sorted by name unless `sort` says otherwise. `q` matches any name (Arabic, English, French), the acronym and the identifiers, ignoring case, accents, Arabic diacritics and common spelling variants. A partner user only sees their own organization. Merged partners are not listed.",
        parameters,
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn create_partner() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new partner, with `warnings` about likely duplicates (the partner is created anyway).",
            "headers": { "Location": { "description": "The new partner's address.", "schema": { "type": "string" } } },
            "content": json_content(schema("PartnerCreated")),
        }),
    )];
    responses.extend(write_errors(false, false));
    Op {
        id: "createPartner",
        tag: "Partners",
        summary: "Create a partner",
        description: "Creates a partner; `name` (at least one language) and `kind` are required, `status` defaults to `prospect`. Every invalid field is reported at once. Partners with a similar name are returned as `warnings` so that the client can offer a merge. Roles: admin, officer.",
        parameters: vec![],
        body: Some(json_body(
            "PartnerInput",
            "The new partner's fields.",
            json!({ "name": { "ar": "وزارة التربية الوطنية", "en": "Ministry of National Education" }, "acronym": "MEN", "kind": "government", "country": "MA", "tags": ["education"] }),
        )),
        responses,
        public: false,
    }
    .build()
}

fn find_duplicate_partners() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "DuplicatePage",
            "Partners with a similar name, most similar first.",
        ),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "findDuplicatePartners",
        tag: "Partners",
        summary: "Find partners with a similar name",
        description: "Partners whose name is close to `name` in any language, with a similarity score from 0 to 1: what the create form checks before saving. Staff only.",
        parameters: vec![
            json!({ "name": "name", "in": "query", "required": true, "description": "The name to compare, in any language.", "schema": { "type": "string", "maxLength": 300 }, "example": "Ministry of Education" }),
            json!({ "name": "exclude", "in": "query", "required": false, "description": "A partner to leave out (the one being edited).", "schema": { "type": "string", "format": "uuid" } }),
        ],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn export_partners() -> Value {
    let mut parameters = partner_filters();
    parameters.push(param("PartnerSort"));
    parameters.push(json!({
        "name": "format", "in": "query", "required": false,
        "description": "The file format: `csv` (UTF-8 with a byte-order mark) or `xlsx`.",
        "schema": { "type": "string", "enum": ["csv", "xlsx"], "default": "csv" }, "example": "csv",
    }));
    let mut responses = vec![(
        "200",
        json!({
            "description": "Every partner matching the filters, as a file to download (`Content-Disposition: attachment`), with column headings in the caller's language.",
            "content": {
                "text/csv": { "schema": { "type": "string" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } },
            },
        }),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "exportPartners",
        tag: "Partners",
        summary: "Export partners as CSV or XLSX",
        description: "The partners a list with the same filters would give, all of them, as a spreadsheet (at most 100,000 rows). Cells that a spreadsheet would take for a formula are escaped. Staff only.",
        parameters,
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn get_partner() -> Value {
    let mut responses = vec![("200", ok("Partner", "The partner."))];
    responses.extend(read_errors(true));
    Op {
        id: "getPartner",
        tag: "Partners",
        summary: "Read a partner",
        description: "One partner. A partner merged into another answers `404` with the survivor's id in `details.merged_into`.",
        parameters: vec![param("PartnerId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn update_partner() -> Value {
    let mut responses = vec![(
        "200",
        ok("Partner", "The partner as saved, with its new `version`."),
    )];
    responses.extend(write_errors(true, true));
    Op {
        id: "updatePartner",
        tag: "Partners",
        summary: "Change a partner",
        description: "Changes only the fields sent, given the `version` last seen (or `If-Match`). A stale version answers `409 version_conflict` with the current partner in `details.current`. Send `null` to clear an optional field.",
        parameters: vec![param("PartnerId"), param("IfMatch")],
        body: Some(json_body("PartnerPatch", "The fields to change and the version last seen.", json!({ "status": "active", "version": 3 }))),
        responses,
        public: false,
    }
    .build()
}

fn merge_partner() -> Value {
    let mut responses = vec![("200", ok("Partner", "The surviving partner."))];
    responses.extend(write_errors(true, true));
    Op {
        id: "mergePartner",
        tag: "Partners",
        summary: "Merge a duplicate into this partner",
        description: "Moves every link and the history of the partner `from` onto this one; `from` then answers `404` with `details.merged_into`. With `version` (or `If-Match`), a stale version of the survivor answers `409`. Roles: admin, officer.",
        parameters: vec![param("PartnerId"), param("IfMatch")],
        body: Some(json_body("MergeRequest", "The duplicate to merge in.", json!({ "from": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e", "version": 4 }))),
        responses,
        public: false,
    }
    .build()
}

fn partner_history() -> Value {
    history_op(
        "getPartnerHistory",
        "Partners",
        "partner",
        "PartnerId",
        ", including those of the partners merged into it. Staff only",
    )
}

/// A history operation; `extra` ends the description's first sentence and says who may read it.
fn history_op(id: &'static str, tag: &'static str, what: &str, key: &str, extra: &str) -> Value {
    let mut responses = vec![("200", ok("HistoryPage", "The audit events, oldest first."))];
    responses.extend(read_errors(true));
    let summary = format!("History of a {what}");
    let description = format!(
        "The audit events of the {what}: who changed what and when, with the state before and after{extra}."
    );
    Op {
        id,
        tag,
        summary: &summary,
        description: &description,
        parameters: vec![param(key)],
        body: None,
        responses,
        public: false,
    }
    .build()
}

// --- Contacts ---------------------------------------------------------------

fn list_contacts() -> Value {
    let mut responses = vec![("200", ok("ContactPage", "A page of contacts."))];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "listContacts",
        tag: "Contacts",
        summary: "List and search contacts",
        description: "Contacts matching the filters, sorted by name unless `sort` says otherwise. `q` matches the names, the e-mail address and the position titles. A partner user only sees people at their own organization.",
        parameters: vec![
            param("Q"),
            json!({ "name": "partner_id", "in": "query", "required": false, "description": "Only people who hold or held a position at this partner.", "schema": { "type": "string", "format": "uuid" } }),
            param("ContactSort"),
            param("Cursor"),
            param("Limit"),
        ],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn create_contact() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new contact, with `warnings` (`possible_duplicate`: `contact_id`, `name`, `score`, `same_email`) when contacts with a close name exist.",
            "headers": { "Location": { "description": "The new contact's address.", "schema": { "type": "string" } } },
            "content": json_content(schema("Contact")),
        }),
    )];
    responses.extend(write_errors(false, false));
    responses.push((
        "409",
        error_response(
            "`duplicate`: a contact with the same e-mail exists (`details.candidates`: each with `contact`, `score` and `same_email`); send `force: true` to create anyway.",
            json!({ "code": "duplicate", "message": "This value is already taken.", "details": { "field": "email", "candidates": [] } }),
        ),
    ));
    Op {
        id: "createContact",
        tag: "Contacts",
        summary: "Create a contact",
        description: "Creates a person with their positions. `name` is required; each position needs `partner_id` and `title`, and ends on or after it starts. Errors in positions are reported as `positions[i].field`. Roles: admin, officer.",
        parameters: vec![],
        body: Some(json_body(
            "ContactInput",
            "The new contact's fields.",
            json!({ "name": "Amina Benali", "honorific": "H.E.", "email": "a.benali@example.org", "languages": ["ar", "fr"], "positions": [{ "partner_id": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e", "title": "Ambassador", "from": "2023-09-01", "signing_authority": "full_powers" }] }),
        )),
        responses,
        public: false,
    }
    .build()
}

fn get_contact() -> Value {
    let mut responses = vec![("200", ok("Contact", "The contact."))];
    responses.extend(read_errors(true));
    Op {
        id: "getContact",
        tag: "Contacts",
        summary: "Read a contact",
        description: "One contact with every position, past and current.",
        parameters: vec![param("ContactId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn update_contact() -> Value {
    let mut responses = vec![(
        "200",
        ok("Contact", "The contact as saved, with its new `version`."),
    )];
    responses.extend(write_errors(true, true));
    Op {
        id: "updateContact",
        tag: "Contacts",
        summary: "Change a contact",
        description: "Changes only the fields sent, given the `version` last seen (or `If-Match`). `positions`, when sent, replaces the whole list: keep a position's `id` to keep it. A stale version answers `409 version_conflict` with the current contact in `details.current`.",
        parameters: vec![param("ContactId"), param("IfMatch")],
        body: Some(json_body("ContactPatch", "The fields to change and the version last seen.", json!({ "phone": "+212 537 56 60 52", "version": 2 }))),
        responses,
        public: false,
    }
    .build()
}

fn contact_history() -> Value {
    history_op(
        "getContactHistory",
        "Contacts",
        "contact",
        "ContactId",
        ". Staff only",
    )
}

// --- System -------------------------------------------------------------------

fn get_openapi() -> Value {
    Op {
        id: "getOpenApi",
        tag: "System",
        summary: "This document",
        description: "The OpenAPI 3.1 description of the API. No authentication needed.",
        parameters: vec![],
        body: None,
        responses: vec![("200", json!({ "description": "The OpenAPI document.", "content": json_content(json!({ "type": "object" })) }))],
        public: true,
    }
    .build()
}

fn get_health() -> Value {
    Op {
        id: "getHealth",
        tag: "System",
        summary: "Liveness",
        description: "Answers as long as the process runs. Served at the root of the site (`/healthz`), without authentication.",
        parameters: vec![],
        body: None,
        responses: vec![("200", ok("Health", "The process answers."))],
        public: true,
    }
    .build()
}

fn get_readiness() -> Value {
    Op {
        id: "getReadiness",
        tag: "System",
        summary: "Readiness",
        description: "Answers when the database answers too. Served at the root of the site (`/readyz`), without authentication.",
        parameters: vec![],
        body: None,
        responses: vec![
            ("200", ok("Readiness", "The process and the database answer.")),
            ("503", json!({ "description": "The database does not answer (`not_ready`).", "content": json_content(schema("Error")) })),
        ],
        public: true,
    }
    .build()
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

fn parameters() -> Value {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let path = |name: &str, description: &str, schema: Value, example: &str| json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema, "example": example });
    let id = json!({ "type": "string", "format": "uuid" });
    let example_id = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e";
    json!({
        "PartnerId": path("id", "The partner's id.", id.clone(), example_id),
        "ContactId": path("id", "The contact's id.", id.clone(), example_id),
        "UserId": path("id", "The user's id.", id, example_id),
        "UnitCode": path("code", "The unit's code.", json!({ "type": "string", "pattern": "^[A-Za-z0-9-]{1,12}$" }), "ED"),
        "CountryCode": path("code", "The country's ISO 3166-1 alpha-2 code.", json!({ "type": "string", "pattern": "^[A-Za-z]{2}$" }), "MA"),
        "Q": query("q", "Full-text search, at most 200 characters; case, accents and Arabic diacritics do not matter.", json!({ "type": "string", "maxLength": 200 })),
        "Cursor": query("cursor", "Where the page starts: the `next_cursor` of the previous page.", json!({ "type": "string" })),
        "Limit": query("limit", "How many items a page holds.", json!({ "type": "integer", "minimum": 1, "maximum": 200, "default": 50 })),
        "PartnerKindFilter": query("kind", "Only partners of this kind.", schema("PartnerKind")),
        "PartnerStatusFilter": query("status", "Only partners with this status.", schema("PartnerStatus")),
        "CountryFilter": query("country", "Only partners in this country (ISO 3166-1 alpha-2).", json!({ "type": "string", "pattern": "^[A-Za-z]{2}$" })),
        "TagFilter": query("tag", "Only partners with this tag.", json!({ "type": "string", "maxLength": 40 })),
        "MembershipFilter": query("membership", "Only those of countries with this membership status.", schema("Membership")),
        "PartnerSort": query("sort", "The order: a field, or `-field` for descending.", json!({ "type": "string", "enum": sort_values(&partners::SORTS), "default": "name" })),
        "ContactSort": query("sort", "The order: a field, or `-field` for descending.", json!({ "type": "string", "enum": sort_values(&contacts::SORTS), "default": "name" })),
        "IfMatch": {
            "name": "If-Match", "in": "header", "required": false,
            "description": "The version last seen, instead of `version` in the body (`3`, `\"3\"` or `W/\"3\"`).",
            "schema": { "type": "string" },
        },
    })
}

/// An error response with the shared `Error` schema and an example.
fn error_response(description: &str, example: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema("Error"), "example": example } } })
}

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

fn schemas() -> Value {
    let schemas: Vec<(&str, Value)> = vec![
        (
            "PartnerKind",
            enumeration(
                "What sort of organization a partner is.",
                &codes(PartnerKind::ALL, PartnerKind::as_str),
            ),
        ),
        (
            "PartnerStatus",
            enumeration(
                "Where the relationship with a partner stands.",
                &codes(PartnerStatus::ALL, PartnerStatus::as_str),
            ),
        ),
        (
            "Risk",
            enumeration(
                "The risk rating of a partner.",
                &codes(Risk::ALL, Risk::as_str),
            ),
        ),
        (
            "SigningAuthority",
            enumeration(
                "Whether a person may sign for their organization, and on what basis.",
                &codes(SigningAuthority::ALL, SigningAuthority::as_str),
            ),
        ),
        ("Identifier", identifier_schema()),
        ("Partner", partner_schema()),
        ("PartnerCreated", partner_created_schema()),
        ("PartnerInput", partner_input_schema()),
        ("PartnerPatch", partner_patch_schema()),
        ("MergeRequest", merge_request_schema()),
        ("Duplicate", duplicate_schema()),
        ("Contact", contact_schema()),
        ("Position", position_schema()),
        ("PositionInput", position_input_schema()),
        ("ContactInput", contact_input_schema()),
        ("ContactPatch", contact_patch_schema()),
        ("PartnerPage", page_schema("Partner", "A page of partners.")),
        (
            "DuplicatePage",
            page_schema(
                "Duplicate",
                "Likely duplicates, most similar first (never more than one page).",
            ),
        ),
        ("ContactPage", page_schema("Contact", "A page of contacts.")),
        ("Error", error_schema()),
        ("ValidationError", validation_error_schema()),
        (
            "Health",
            object(
                "The process answers.",
                &["status"],
                vec![("status", json!({ "const": "ok" }))],
            ),
        ),
        (
            "Readiness",
            object(
                "The process and its database answer.",
                &["status", "database"],
                vec![
                    ("status", json!({ "const": "ready" })),
                    (
                        "database",
                        enumeration("The database engine.", &["sqlite", "postgres"]),
                    ),
                ],
            ),
        ),
    ];
    Value::Object(
        schemas
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn identifier_schema() -> Value {
    closed(object(
        "An external identifier of a partner (IATI organization id, registration number, ...).",
        &["scheme", "value"],
        vec![
            (
                "scheme",
                text_max(50, "What issued the identifier, e.g. `iati`."),
            ),
            ("value", text_max(200, "The identifier.")),
        ],
    ))
}

/// The fields of a partner that a client may send, with their rules.
fn partner_fields() -> Vec<(&'static str, Value)> {
    vec![
        (
            "name",
            with_description(
                schema("LocalizedText"),
                "The name in Arabic, English and French; at least one, each at most 300 characters.",
            ),
        ),
        (
            "acronym",
            nullable(text_max(30, "A short name, e.g. `ALECSO`.")),
        ),
        (
            "kind",
            with_description(schema("PartnerKind"), "What sort of organization."),
        ),
        (
            "country",
            nullable(country_code(
                "Where it is based (ISO 3166-1 alpha-2; lower case is accepted).",
            )),
        ),
        (
            "parent_id",
            nullable(uuid(
                "The partner this one belongs to (a ministry's national commission, ...).",
            )),
        ),
        (
            "status",
            with_description(
                schema("PartnerStatus"),
                "Where the relationship stands; `prospect` when not given.",
            ),
        ),
        (
            "website",
            nullable(
                json!({ "type": "string", "format": "uri", "description": "An `http://` or `https://` address." }),
            ),
        ),
        (
            "email",
            nullable(
                json!({ "type": "string", "format": "email", "description": "A general e-mail address." }),
            ),
        ),
        (
            "phone",
            nullable(text("A phone number, international format preferred.")),
        ),
        (
            "identifiers",
            list_of(
                schema("Identifier"),
                "External identifiers; duplicates are dropped.",
            ),
        ),
        (
            "tags",
            list_of(
                json!({ "type": "string", "maxLength": 40 }),
                "Free tags, stored in lower case without commas.",
            ),
        ),
        ("risk", nullable(schema("Risk"))),
        ("notes", nullable(text_max(5000, "Free notes."))),
    ]
}

fn record_fields(mut fields: Vec<(&'static str, Value)>) -> Vec<(&'static str, Value)> {
    let mut all = vec![
        ("id", uuid("The record's id.")),
        (
            "version",
            integer("Grows by one with each change; send it back to change the record."),
        ),
    ];
    all.append(&mut fields);
    all.push((
        "created_at",
        timestamp("When the record was created (UTC)."),
    ));
    all.push((
        "updated_at",
        timestamp("When the record last changed (UTC)."),
    ));
    all
}

const RECORD: [&str; 4] = ["id", "version", "created_at", "updated_at"];

fn partner_schema() -> Value {
    let mut required = RECORD.to_vec();
    required.extend(["name", "kind", "status", "identifiers", "tags"]);
    object(
        "An organization the office works with.",
        &required,
        record_fields(partner_fields()),
    )
}

fn partner_created_schema() -> Value {
    json!({
        "description": "A partner just created, with warnings about likely duplicates.",
        "allOf": [
            schema("Partner"),
            {
                "type": "object",
                "required": ["warnings"],
                "properties": {
                    "warnings": list_of(
                        object(
                            "A partner whose name is close to the new one.",
                            &["code", "partner_id", "name", "score"],
                            vec![
                                ("code", json!({ "const": "possible_duplicate" })),
                                ("partner_id", uuid("The similar partner.")),
                                ("name", schema("LocalizedText")),
                                ("score", json!({ "type": "number", "minimum": 0, "maximum": 1, "description": "How similar, from 0 to 1." })),
                            ],
                        ),
                        "Likely duplicates; empty when none.",
                    ),
                },
            },
        ],
    })
}

fn partner_input_schema() -> Value {
    closed(object(
        "A new partner's fields.",
        &["name", "kind"],
        partner_fields(),
    ))
}

fn partner_patch_schema() -> Value {
    let mut fields = partner_fields();
    fields.push((
        "version",
        integer("The version last seen (or send `If-Match`)."),
    ));
    closed(object(
        "The fields to change, and the version last seen. Fields left out keep their value.",
        &["version"],
        fields,
    ))
}

fn merge_request_schema() -> Value {
    closed(object(
        "Which partner to merge into this one.",
        &["from"],
        vec![
            (
                "from",
                uuid("The duplicate partner, which disappears into this one."),
            ),
            (
                "version",
                integer("The surviving partner's version last seen; optional."),
            ),
        ],
    ))
}

fn duplicate_schema() -> Value {
    object(
        "A partner with a similar name.",
        &["partner", "score"],
        vec![
            ("partner", schema("Partner")),
            (
                "score",
                json!({ "type": "number", "minimum": 0, "maximum": 1, "description": "How similar, from 0 to 1." }),
            ),
        ],
    )
}

fn contact_fields(position: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("name", text_max(300, "The person's name.")),
        (
            "name_alt",
            nullable(text_max(300, "The name in another script, e.g. in Arabic.")),
        ),
        (
            "honorific",
            nullable(text_max(60, "A title of address, e.g. `H.E.` or `Dr`.")),
        ),
        (
            "email",
            nullable(
                json!({ "type": "string", "format": "email", "description": "E-mail address." }),
            ),
        ),
        (
            "phone",
            nullable(text("A phone number, international format preferred.")),
        ),
        (
            "languages",
            list_of(
                json!({ "type": "string", "pattern": "^[a-z]{2}$" }),
                "The languages the person works in (ISO 639-1 codes).",
            ),
        ),
        (
            "positions",
            list_of(schema(position), "Positions at partners, past and current."),
        ),
        ("notes", nullable(text_max(5000, "Free notes."))),
    ]
}

fn contact_schema() -> Value {
    let mut required = RECORD.to_vec();
    required.extend(["name", "languages", "positions"]);
    object(
        "A person at a partner organization.",
        &required,
        record_fields(contact_fields("Position")),
    )
}

fn position_schema() -> Value {
    object(
        "A title at a partner over a span of dates.",
        &["id", "partner_id", "title", "current", "signing_authority"],
        vec![
            ("id", uuid("The position's id.")),
            ("partner_id", uuid("The partner.")),
            (
                "partner_name",
                with_description(schema("LocalizedText"), "The partner's name."),
            ),
            ("title", text("The title, e.g. `Ambassador`.")),
            ("from", nullable(date("First day, if known."))),
            (
                "to",
                nullable(date("Last day; none while the position lasts.")),
            ),
            (
                "current",
                boolean("True when the position has not ended today."),
            ),
            (
                "signing_authority",
                with_description(
                    schema("SigningAuthority"),
                    "Whether the person may sign for the partner.",
                ),
            ),
            (
                "authority_document",
                nullable(text(
                    "The document that grants the authority (full powers, delegation).",
                )),
            ),
        ],
    )
}

fn position_input_schema() -> Value {
    closed(object(
        "A position as a client sends it.",
        &["partner_id", "title"],
        vec![
            (
                "id",
                nullable(uuid(
                    "The id of an existing position, to keep it when changing the list.",
                )),
            ),
            ("partner_id", uuid("The partner.")),
            ("title", text_max(300, "The title.")),
            ("from", nullable(date("First day."))),
            ("to", nullable(date("Last day; on or after `from`."))),
            (
                "signing_authority",
                with_description(schema("SigningAuthority"), "`none` when not given."),
            ),
            (
                "authority_document",
                nullable(text_max(500, "The document that grants the authority.")),
            ),
        ],
    ))
}

fn contact_input_schema() -> Value {
    let mut fields = contact_fields("PositionInput");
    fields.push((
        "force",
        boolean("Create even when a contact with the same e-mail exists (else `409 duplicate`)."),
    ));
    closed(object("A new contact's fields.", &["name"], fields))
}

fn contact_patch_schema() -> Value {
    let mut fields = contact_fields("PositionInput");
    fields.push((
        "version",
        integer("The version last seen (or send `If-Match`)."),
    ));
    closed(object(
        "The fields to change, and the version last seen. `positions`, when sent, replaces the whole list.",
        &["version"],
        fields,
    ))
}

fn page_schema(item: &str, description: &str) -> Value {
    object(
        description,
        &["items", "total", "next_cursor"],
        vec![
            ("items", list_of(schema(item), "The items of this page.")),
            (
                "total",
                json!({ "type": "integer", "minimum": 0, "description": "How many items match, on every page." }),
            ),
            (
                "next_cursor",
                nullable(text(
                    "Send it as `cursor` to get the next page; none on the last page.",
                )),
            ),
        ],
    )
}

/// The error codes of the contract, for the `Error` schema.
const ERROR_CODES: [&str; 16] = [
    "malformed_json",
    "expected_object",
    "unauthorized",
    "forbidden",
    "csrf_failed",
    "not_found",
    "method_not_allowed",
    "version_conflict",
    "invalid_transition",
    "review_not_cleared",
    "duplicate",
    "payload_too_large",
    "unsupported_media_type",
    "validation_failed",
    "internal_error",
    "not_ready",
];

fn error_schema() -> Value {
    object(
        "An error. Programs rely on `code`; `message` is for people, in the language of `Accept-Language`.",
        &["code", "message", "details"],
        vec![
            (
                "code",
                json!({
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*$",
                    "description": "A stable snake_case code: `malformed_json` and `expected_object` (400), `unauthorized` (401), `forbidden` and `csrf_failed` (403), `not_found` (404), `method_not_allowed` (405), `version_conflict`, `invalid_transition` (with `details.allowed`), `review_not_cleared` and `duplicate` (409), `payload_too_large` (413), `unsupported_media_type` (415), `validation_failed` (422), `internal_error` (500), `not_ready` (503).",
                    "examples": ERROR_CODES,
                }),
            ),
            (
                "message",
                text("What went wrong, in the caller's language."),
            ),
            (
                "details",
                json!({ "type": "object", "description": "More about the error; `{}` when there is nothing more. `current` (the current record) for `version_conflict`, `fields` for `validation_failed`, `field` for `duplicate`, `merged_into` for a merged partner." }),
            ),
        ],
    )
}

fn validation_error_schema() -> Value {
    json!({
        "description": "Invalid input (422): every invalid field with its error codes.",
        "allOf": [
            schema("Error"),
            {
                "type": "object",
                "properties": {
                    "code": { "const": "validation_failed" },
                    "details": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "object",
                                "description": "A map from each invalid field (or parameter; `positions[0].title` inside lists, `body` for the whole body) to its error codes: `required`, `too_long`, `too_many`, `invalid_choice`, `invalid_email`, `invalid_url`, `invalid_phone`, `invalid_date`, `invalid_country`, `unknown_country`, `invalid_tag`, `invalid_identifier`, `invalid_id`, `invalid_language`, `invalid_type`, `invalid_sort`, `invalid_cursor`, `invalid_code`, `unknown_field`, `unknown_parameter`, `unknown_partner`, `unknown_unit`, `unknown_position`, `only_for_partners`, `read_only`, `cannot_lock_out_self`, `password_too_short`, `self_reference`, `cycle`, `before_start`, `out_of_range`.",
                                "additionalProperties": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
                            },
                        },
                    },
                },
            },
        ],
    })
}

// ===========================================================================
// Agreements
// ===========================================================================
// The operations, parameters and schemas of `api/agreements.rs`: agreements,
// transitions, the review chain and its settings, signatures, validation,
// comments, the timeline, renewals, amendments and cycle times. Hooked into
// the document by the "Agreements" entry of `TAGS` and `tags`, one line at the
// end of `operations`, and `with_agreements` around the schemas and
// parameters in `document`.

/// Adds the agreements' entries to a map of components.
fn with_agreements(mut components: Value, extra: Vec<(&'static str, Value)>) -> Value {
    if let Some(map) = components.as_object_mut() {
        for (key, value) in extra {
            map.insert(key.to_string(), value);
        }
    }
    components
}

fn agreement_operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("/agreements", "get", list_agreements()),
        ("/agreements", "post", create_agreement()),
        ("/agreements/{id}", "get", get_agreement()),
        ("/agreements/{id}", "patch", update_agreement()),
        ("/agreements/{id}/history", "get", agreement_history()),
        (
            "/agreements/{id}/transitions",
            "post",
            transition_agreement(),
        ),
        ("/agreements/{id}/reviews", "get", list_review_steps()),
        (
            "/agreements/{id}/reviews/{step_id}/decision",
            "post",
            decide_review_step(),
        ),
        ("/agreements/{id}/signatures", "get", list_signatures()),
        ("/agreements/{id}/signatures", "post", sign_agreement()),
        ("/agreements/{id}/validation", "post", validate_agreement()),
        (
            "/agreements/{id}/comments",
            "get",
            list_agreement_comments(),
        ),
        (
            "/agreements/{id}/comments",
            "post",
            create_agreement_comment(),
        ),
        ("/agreements/{id}/timeline", "get", agreement_timeline()),
        ("/agreements/{id}/renew", "post", renew_agreement()),
        ("/agreements/{id}/amendments", "post", amend_agreement()),
        (
            "/agreements/{id}/consolidated",
            "get",
            consolidated_agreement(),
        ),
        ("/review-chains/{kind}", "get", get_review_chain()),
        ("/review-chains/{kind}", "put", save_review_chain()),
        ("/metrics/cycle-times", "get", get_cycle_times()),
    ]
}

const AGREEMENTS: &str = "Agreements";

/// A `409` answer with the codes an operation may give.
fn agreement_conflict(description: &str, example: Value) -> Value {
    error_response(description, example)
}

fn transition_conflict_example() -> Value {
    json!({ "code": "invalid_transition", "message": "This move is not possible from the current stage.", "details": { "status": "prospect", "allowed": ["start_negotiation", "withdraw"] } })
}

fn agreement_op(
    id: &'static str,
    summary: &'static str,
    description: &'static str,
    parameters: Vec<Value>,
    body: Option<Value>,
    responses: Vec<(&'static str, Value)>,
) -> Value {
    Op {
        id,
        tag: AGREEMENTS,
        summary,
        description,
        parameters,
        body,
        responses,
        public: false,
    }
    .build()
}

/// The error answers of an operation with a JSON body, with its own `409`.
fn agreement_write_errors(conflict: Option<Value>) -> Vec<(&'static str, Value)> {
    let mut list = write_errors(true, false);
    if let Some(conflict) = conflict {
        list.push(("409", conflict));
    }
    list
}

fn list_agreements() -> Value {
    let mut responses = vec![("200", ok("AgreementPage", "A page of agreements."))];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    agreement_op(
        "listAgreements",
        "List and search agreements",
        "The agreements the caller may see that match every filter, most recently changed first unless `sort` says otherwise. `q` matches the titles, objectives and reference. Confidential agreements are listed only for their owner, the reviewers of their chain, the director and admins; technical users see their unit's agreements and those they review; partner users see the non-confidential agreements their organization is party to. A filter naming a unit, partner or user that does not exist is a `422`.",
        vec![
            param("Q"),
            param("AgreementStatusFilter"),
            param("AgreementKindFilter"),
            param("LeadUnitFilter"),
            param("AgreementPartnerFilter"),
            param("AgreementCountryFilter"),
            param("OwnerFilter"),
            param("EndsBeforeFilter"),
            param("EndsAfterFilter"),
            param("AgreementSort"),
            param("Cursor"),
            param("Limit"),
        ],
        None,
        responses,
    )
}

fn create_agreement() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new agreement in `prospect`, with its reference number.",
            "headers": { "Location": { "description": "The new agreement's address.", "schema": { "type": "string" } } },
            "content": json_content(schema("Agreement")),
        }),
    )];
    responses.extend(write_errors(false, false));
    agreement_op(
        "createAgreement",
        "Create an agreement",
        "Creates an agreement in `prospect` and assigns its reference number `{ORG}/{UNIT}/{YEAR}/{SEQ}` (an amendment, with `amends_id`, gets the amended agreement's reference and `-A{n}`). `title`, `kind`, `partner_ids` (one or more) and `lead_unit` are required; `owner_id` defaults to the caller. Server-assigned fields (`status`, `reference`, ...) are refused with `read_only`. Roles: admin, officer.",
        vec![],
        Some(json_body(
            "AgreementInput",
            "The new agreement's fields.",
            json!({ "title": { "en": "Teacher training", "fr": "Formation des enseignants" }, "kind": "mou", "partner_ids": ["0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e"], "lead_unit": "ED", "starts_on": "2026-01-01", "ends_on": "2028-12-31", "value": { "amount": "120000.00", "currency": "USD" } }),
        )),
        responses,
    )
}

fn get_agreement() -> Value {
    let mut responses = vec![("200", ok("Agreement", "The agreement."))];
    responses.extend(read_errors(true));
    agreement_op(
        "getAgreement",
        "Read an agreement",
        "One agreement with its parties and the actions the caller may take now (`allowed_actions`). An agreement the caller may not see answers `404`.",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn update_agreement() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "Agreement",
            "The agreement as saved, with its new `version`.",
        ),
    )];
    responses.extend(write_errors(true, true));
    agreement_op(
        "updateAgreement",
        "Change an agreement's terms",
        "Changes only the fields sent, given the `version` last seen (or `If-Match`); a stale version answers `409 version_conflict` with the current agreement in `details.current`. The status moves only by transitions: `status` and the other server-assigned fields answer `422 read_only` when sent with another value. Once an agreement has left negotiation its terms (title, kind, parties, unit, dates, entry into force, value, objectives, links) are fixed (`terms_locked`): change them with an amendment. Roles: admin, officer.",
        vec![param("AgreementId"), param("IfMatch")],
        Some(json_body(
            "AgreementPatch",
            "The fields to change and the version last seen.",
            json!({ "tags": ["education", "teachers"], "version": 3 }),
        )),
        responses,
    )
}

fn agreement_history() -> Value {
    history_op(
        "getAgreementHistory",
        AGREEMENTS,
        "agreement",
        "AgreementId",
        ": every change, move, decision, signature, validation and comment. Staff only",
    )
}

fn transition_agreement() -> Value {
    let mut responses = vec![("200", ok("Agreement", "The agreement in its new status."))];
    responses.extend(agreement_write_errors(Some(agreement_conflict(
        "`invalid_transition`: the drawing has no such move from the current status (`details.status`, and `details.allowed`: the actions the caller may take now). `no_draft`: submitting for review needs a draft version. `version_conflict`: the agreement changed since the client read it (`details.current`).",
        transition_conflict_example(),
    ))));
    agreement_op(
        "transitionAgreement",
        "Move an agreement through its lifecycle",
        "Takes an action: `start_negotiation`, `submit_for_review` (needs a draft; opens the review chain), `recall_from_review`, `withdraw` (before signature), `reopen`, `suspend`, `resume`, `terminate`, `complete`, and `revert_termination` (admins). `withdraw`, `reopen`, `suspend`, `terminate`, `revert_termination` and `recall_from_review` need a `reason` (`422` otherwise). The other moves (the chain's decisions, signatures, validation, expiry) happen by themselves. `version` (or `If-Match`) is optional; when sent, a stale one answers `409 version_conflict`. Roles: admin, officer (`403` otherwise).",
        vec![param("AgreementId"), param("IfMatch")],
        Some(json_body(
            "TransitionRequest",
            "The action, its reason and the version last seen.",
            json!({ "action": "suspend", "reason": "Funding frozen pending an audit.", "version": 7 }),
        )),
        responses,
    )
}

fn list_review_steps() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "ReviewStepPage",
            "Every step of every review cycle, in order.",
        ),
    )];
    responses.extend(read_errors(true));
    agreement_op(
        "listReviewSteps",
        "The review chain of an agreement",
        "The steps of each review cycle (one cycle per submission): who must decide (role and unit), when it is due, whether it is open or overdue, and who decided what and when. Steps voided by a request for changes or a new draft stay listed with `voided`. Staff only.",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn decide_review_step() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "DecisionResult",
            "What the decision led to, and the agreement.",
        ),
    )];
    responses.extend(agreement_write_errors(Some(agreement_conflict(
        "`step_not_open`: the step is decided, voided or not reached yet.",
        json!({ "code": "step_not_open", "message": "This step is not waiting for a decision.", "details": {} }),
    ))));
    agreement_op(
        "decideReviewStep",
        "Decide a review step",
        "Records the decision of the open step by its assignee (the step's role, and its unit when it names one; anyone else gets `403 not_assignee`). `cleared` opens the next step, or moves the agreement to `signature` after the last; `changes_requested` sends it back to `negotiation` and `rejected` withdraws it, both with a `comment` (required).",
        vec![param("AgreementId"), param("StepId")],
        Some(json_body(
            "DecisionRequest",
            "The decision and its comment.",
            json!({ "decision": "changes_requested", "comment": "Article 7 needs a dispute settlement clause." }),
        )),
        responses,
    )
}

fn list_signatures() -> Value {
    let mut responses = vec![("200", ok("SignaturePage", "The signatures given so far."))];
    responses.extend(read_errors(true));
    agreement_op(
        "listSignatures",
        "Signatures of an agreement",
        "The signature of each party that has signed: the organization (`party: organization`) and each partner (by id).",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn sign_agreement() -> Value {
    let mut responses = vec![(
        "201",
        ok(
            "SignatureResult",
            "The signature, and the agreement (in `validation` once every party has signed).",
        ),
    )];
    responses.extend(agreement_write_errors(Some(agreement_conflict(
        "`review_not_cleared`: the review chain is not cleared yet, nobody signs. `invalid_transition`: the agreement is past the signature stage or withdrawn (`details.allowed`). `duplicate`: this party has already signed.",
        json!({ "code": "review_not_cleared", "message": "The review chain is not cleared yet: the organization cannot sign.", "details": {} }),
    ))));
    agreement_op(
        "signAgreement",
        "Record a party's signature",
        "Records the signature of one party, `organization` or a partner party's id, with the signatory, capacity, date, place and method (`ink`, `electronic`, `exchange_of_letters`). When the last party has signed the agreement waits for validation. Roles: admin, officer, legal.",
        vec![param("AgreementId")],
        Some(json_body(
            "SignatureInput",
            "The signature.",
            json!({ "party": "organization", "signatory": "Dr. Salim M. AlMalik", "capacity": "Director-General", "signed_on": "2026-02-10", "place": "Rabat", "method": "ink" }),
        )),
        responses,
    )
}

fn validate_agreement() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "Agreement",
            "The validated agreement: `active` when the date of entry into force is today or past.",
        ),
    )];
    responses.extend(agreement_write_errors(Some(agreement_conflict(
        "`invalid_transition`: the agreement is not waiting for validation (`details.status`, `details.allowed`).",
        transition_conflict_example(),
    ))));
    agreement_op(
        "validateAgreement",
        "Validate a signed agreement",
        "Legal Affairs records the registry number and the date of entry into force of an agreement every party has signed. It becomes `active` at once when that date is today or past, else on that date (by the scheduler). Roles: legal, admin.",
        vec![param("AgreementId")],
        Some(json_body(
            "ValidationRequest",
            "The registry number and the date of entry into force.",
            json!({ "registry_number": "ICESCO-REG-2026-17", "entry_into_force_on": "2026-03-01" }),
        )),
        responses,
    )
}

fn list_agreement_comments() -> Value {
    let mut responses = vec![("200", ok("CommentPage", "The comments, newest first."))];
    responses.extend(read_errors(true));
    agreement_op(
        "listAgreementComments",
        "Comments on an agreement",
        "The comments on the agreement, newest first, each with its author and the draft version it refers to, if any.",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn create_agreement_comment() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new comment.",
            "headers": { "Location": { "description": "The agreement's comments.", "schema": { "type": "string" } } },
            "content": json_content(schema("Comment")),
        }),
    )];
    responses.extend(write_errors(true, false));
    agreement_op(
        "createAgreementComment",
        "Comment on an agreement",
        "Adds a comment; anyone who may read the agreement may comment, partner users included. `version` names the draft version it is about (`422 unknown_version` if there is no such version).",
        vec![param("AgreementId")],
        Some(json_body(
            "CommentInput",
            "The comment.",
            json!({ "body": "We propose to extend article 3 to vocational schools.", "version": 2 }),
        )),
        responses,
    )
}

fn agreement_timeline() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "TimelinePage",
            "What happened to the agreement, oldest first.",
        ),
    )];
    responses.extend(read_errors(true));
    agreement_op(
        "getAgreementTimeline",
        "Timeline of an agreement",
        "The agreement's events (creation, changes, moves with their reasons, review decisions, drafts, signatures, validation) and its comments, in time order, each with who acted and a short summary. Staff only.",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn linked_responses(what: &str) -> Vec<(&'static str, Value)> {
    let mut responses = vec![(
        "201",
        json!({
            "description": what,
            "headers": { "Location": { "description": "The new agreement's address.", "schema": { "type": "string" } } },
            "content": json_content(schema("Agreement")),
        }),
    )];
    responses.extend(agreement_write_errors(Some(agreement_conflict(
        "`invalid_transition`: only an agreement in force (`active` or `suspended`) can be renewed or amended (`details.allowed`). `duplicate`: the agreement already has a successor (`details.agreement_id`).",
        transition_conflict_example(),
    ))));
    responses
}

fn optional_terms_body(description: &str, example: Value) -> Value {
    json!({
        "required": false,
        "description": description,
        "content": { "application/json": { "schema": schema("AgreementTerms"), "example": example } },
    })
}

fn renew_agreement() -> Value {
    agreement_op(
        "renewAgreement",
        "Renew an agreement",
        "Creates the successor of an agreement in force, in `prospect`, linked by `renews_id` and prefilled from its consolidated terms: the same title, kind, parties, lead unit, owner and objectives, starting the day after the end date and lasting as long (whole months when the agreement ran whole months). Fields sent in the body override the prefilled ones. Roles: admin, officer.",
        vec![param("AgreementId")],
        Some(optional_terms_body(
            "Terms that differ from the agreement's; may be empty.",
            json!({ "value": { "amount": "150000.00", "currency": "USD" } }),
        )),
        linked_responses("The successor agreement."),
    )
}

fn amend_agreement() -> Value {
    agreement_op(
        "amendAgreement",
        "Amend an agreement",
        "Creates an amendment of an agreement in force: a linked agreement (`amends_id`) in `prospect`, with the reference `{reference}-A{n}`, its own drafts, review chain and signatures. It is prefilled with the agreement's consolidated terms; send the changed terms in the body. Once the amendment is in force its title, value, end date and objectives apply (see the consolidated terms). Roles: admin, officer.",
        vec![param("AgreementId")],
        Some(optional_terms_body(
            "The changed terms.",
            json!({ "ends_on": "2029-12-31", "value": { "amount": "150000.00", "currency": "USD" } }),
        )),
        linked_responses("The amendment."),
    )
}

fn consolidated_agreement() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "ConsolidatedAgreement",
            "The agreement with its amendments in force applied.",
        ),
    )];
    responses.extend(read_errors(true));
    agreement_op(
        "getConsolidatedAgreement",
        "Consolidated terms of an agreement",
        "The agreement's terms with each amendment in force (`active`, `completed` or `expired`) applied in order: a title, value, end date or objectives that an amendment changed replace the agreement's. `changed_by` says which amendment set each replaced field; `amendments` lists the chain of amendments the caller may see.",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn get_review_chain() -> Value {
    let mut responses = vec![("200", ok("ReviewChain", "The chain of this kind."))];
    responses.extend(read_errors(true));
    agreement_op(
        "getReviewChain",
        "Review chain of an agreement kind",
        "The ordered steps every agreement of this kind goes through when submitted for review: a role, a unit (`lead` for the agreement's lead unit, none for any unit) and the days allowed. Until an admin sets one, the default (`version` 0): technical review by the lead unit, Legal Affairs, the General Directorate. Staff only.",
        vec![param("AgreementKindPath")],
        None,
        responses,
    )
}

fn save_review_chain() -> Value {
    let mut responses = vec![("200", ok("ReviewChain", "The chain as saved."))];
    responses.extend(write_errors(true, true));
    agreement_op(
        "saveReviewChain",
        "Set the review chain of an agreement kind",
        "Replaces the steps of the kind's chain (one to ten; staff roles other than viewer; known units or `lead`; 1 to 365 days). Agreements already in review keep their cycle; the next submission uses the new chain. `version` (or `If-Match`) is optional; a stale one answers `409 version_conflict` with the current chain. Admin only.",
        vec![param("AgreementKindPath"), param("IfMatch")],
        Some(json_body(
            "ReviewChainInput",
            "The steps, in order, and the version last seen.",
            json!({ "steps": [{ "role": "technical", "unit": "lead", "due_days": 10 }, { "role": "legal", "unit": "LEGAL", "due_days": 7 }, { "role": "director", "unit": "DG", "due_days": 5 }], "version": 0 }),
        )),
        responses,
    )
}

fn get_cycle_times() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "CycleTimes",
            "Days per stage for a page of agreements (or one), and averages.",
        ),
    )];
    responses.extend(read_errors(true));
    responses.push(("422", response("ValidationFailed")));
    agreement_op(
        "getCycleTimes",
        "Cycle times",
        "Days spent in each stage (one decimal; a stay still open counts up to now): for one agreement with `agreement_id`, else for a page of the agreements the caller sees (most recently changed first), and the average days per stay in each stage by kind and by lead unit over every agreement the caller sees. Staff only.",
        vec![
            json!({ "name": "agreement_id", "in": "query", "required": false, "description": "Only this agreement (`404` if the caller may not see it).", "schema": { "type": "string", "format": "uuid" } }),
            param("Cursor"),
            param("Limit"),
        ],
        None,
        responses,
    )
}

fn agreement_parameters() -> Vec<(&'static str, Value)> {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let example_id = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e";
    let uuid_schema = json!({ "type": "string", "format": "uuid" });
    vec![
        (
            "AgreementId",
            json!({ "name": "id", "in": "path", "required": true, "description": "The agreement's id.", "schema": uuid_schema, "example": example_id }),
        ),
        (
            "StepId",
            json!({ "name": "step_id", "in": "path", "required": true, "description": "The review step's id (from the agreement's review chain).", "schema": uuid_schema, "example": example_id }),
        ),
        (
            "AgreementKindPath",
            json!({ "name": "kind", "in": "path", "required": true, "description": "The agreement kind.", "schema": schema("AgreementKind"), "example": "mou" }),
        ),
        (
            "AgreementStatusFilter",
            query(
                "status",
                "Only agreements in this status.",
                schema("AgreementStatus"),
            ),
        ),
        (
            "AgreementKindFilter",
            query(
                "kind",
                "Only agreements of this kind.",
                schema("AgreementKind"),
            ),
        ),
        (
            "LeadUnitFilter",
            query(
                "lead_unit",
                "Only agreements led by this unit (its code).",
                json!({ "type": "string", "pattern": "^[A-Za-z0-9-]{1,12}$" }),
            ),
        ),
        (
            "AgreementPartnerFilter",
            query(
                "partner_id",
                "Only agreements this partner is party to.",
                uuid_schema.clone(),
            ),
        ),
        (
            "AgreementCountryFilter",
            query(
                "country",
                "Only agreements with a party in this country (ISO 3166-1 alpha-2).",
                json!({ "type": "string", "pattern": "^[A-Za-z]{2}$" }),
            ),
        ),
        (
            "OwnerFilter",
            query(
                "owner_id",
                "Only agreements owned by this user.",
                uuid_schema,
            ),
        ),
        (
            "EndsBeforeFilter",
            query(
                "ends_before",
                "Only agreements ending before this date.",
                json!({ "type": "string", "format": "date" }),
            ),
        ),
        (
            "EndsAfterFilter",
            query(
                "ends_after",
                "Only agreements ending after this date.",
                json!({ "type": "string", "format": "date" }),
            ),
        ),
        (
            "AgreementSort",
            query(
                "sort",
                "The order: a field, or `-field` for descending.",
                json!({ "type": "string", "enum": sort_values(&accord_store::agreements::SORTS), "default": "-updated_at" }),
            ),
        ),
    ]
}

/// The fields of an agreement that a client may send, with their rules.
fn agreement_fields() -> Vec<(&'static str, Value)> {
    vec![
        (
            "title",
            with_description(
                schema("LocalizedText"),
                "The title in Arabic, English and French; at least one, each at most 500 characters.",
            ),
        ),
        (
            "kind",
            with_description(schema("AgreementKind"), "The legal form."),
        ),
        (
            "partner_ids",
            json!({ "type": "array", "items": { "type": "string", "format": "uuid" }, "minItems": 1, "description": "The partner parties (one or more; the organization is always a party)." }),
        ),
        (
            "lead_unit",
            text_max(12, "The code of the unit that leads it."),
        ),
        (
            "owner_id",
            nullable(uuid(
                "The staff member who follows it; the creator when not given.",
            )),
        ),
        (
            "confidential",
            boolean("Seen only by its owner, the reviewers of its chain, the director and admins."),
        ),
        ("starts_on", nullable(date("When it starts."))),
        (
            "ends_on",
            nullable(date("When it ends; on or after `starts_on`.")),
        ),
        (
            "entry_into_force",
            with_description(
                schema("EntryIntoForce"),
                "How it enters into force; `on_signature` when not given.",
            ),
        ),
        (
            "auto_renew",
            boolean(
                "Renewed at its end date unless someone acts before the notice deadline (needs `ends_on`).",
            ),
        ),
        (
            "notice_days",
            nullable(
                json!({ "type": "integer", "minimum": 0, "maximum": 3650, "description": "The notice period before the end date, in days." }),
            ),
        ),
        ("value", nullable(schema("Money"))),
        (
            "objectives",
            with_description(
                schema("LocalizedText"),
                "What it is for; each language at most 5,000 characters.",
            ),
        ),
        (
            "parent_id",
            nullable(uuid("The framework agreement it belongs to.")),
        ),
        ("renews_id", nullable(uuid("The agreement it renews."))),
        (
            "tags",
            list_of(
                json!({ "type": "string", "maxLength": 40 }),
                "Free tags, stored in lower case.",
            ),
        ),
    ]
}

fn agreement_schema() -> Value {
    let mut fields = agreement_fields();
    fields.extend([
        ("reference", text("The reference number, assigned at creation: `{ORG}/{UNIT}/{YEAR}/{SEQ}`, `-A{n}` for amendments.")),
        ("parties", list_of(schema("Party"), "The partner parties with their names, in order.")),
        ("status", schema("AgreementStatus")),
        ("status_since", timestamp("When it entered its status (UTC).")),
        ("entry_into_force_on", nullable(date("The date of entry into force, recorded at validation."))),
        ("amends_id", nullable(uuid("The agreement this one amends (fixed at creation)."))),
        ("amendment_no", nullable(integer("The amendment's number (`n` of `-A{n}`)."))),
        ("registry_number", nullable(text("The registry number recorded at validation."))),
        ("allowed_actions", list_of(schema("AgreementAction"), "The transitions the caller may take now.")),
    ]);
    let mut required = RECORD.to_vec();
    required.extend([
        "reference",
        "title",
        "kind",
        "partner_ids",
        "parties",
        "lead_unit",
        "status",
        "status_since",
        "confidential",
        "entry_into_force",
        "auto_renew",
        "tags",
        "allowed_actions",
    ]);
    object("An agreement.", &required, record_fields(fields))
}

fn step_fields() -> Vec<(&'static str, Value)> {
    vec![
        (
            "role",
            with_description(
                schema("Role"),
                "Who decides: a staff role other than viewer.",
            ),
        ),
        (
            "unit",
            nullable(text(
                "The unit whose members decide: a unit code, `lead` for the agreement's lead unit, none for any unit.",
            )),
        ),
        (
            "due_days",
            json!({ "type": "integer", "minimum": 1, "maximum": 365, "description": "Days allowed from the step's opening." }),
        ),
    ]
}

fn agreement_schemas() -> Vec<(&'static str, Value)> {
    use accord_domain::agreement::{Action, AgreementKind, AgreementStatus, EntryIntoForce};
    vec![
        (
            "AgreementKind",
            enumeration(
                "The legal form of an agreement.",
                &codes(AgreementKind::ALL, AgreementKind::as_str),
            ),
        ),
        (
            "AgreementStatus",
            enumeration(
                "Where an agreement stands in its lifecycle.",
                &codes(AgreementStatus::ALL, AgreementStatus::as_str),
            ),
        ),
        (
            "AgreementAction",
            enumeration(
                "A move of the lifecycle.",
                &codes(Action::ALL, Action::as_str),
            ),
        ),
        (
            "EntryIntoForce",
            enumeration(
                "When an agreement enters into force.",
                &codes(EntryIntoForce::ALL, EntryIntoForce::as_str),
            ),
        ),
        (
            "Money",
            closed(object(
                "An amount and its currency.",
                &["amount", "currency"],
                vec![
                    (
                        "amount",
                        json!({ "type": "string", "pattern": "^[0-9]{1,15}(\\.[0-9]{1,2})?$", "description": "A decimal string, at most two decimals.", "example": "12500.00" }),
                    ),
                    (
                        "currency",
                        json!({ "type": "string", "pattern": "^[A-Za-z]{3}$", "description": "An ISO 4217 code.", "example": "USD" }),
                    ),
                ],
            )),
        ),
        (
            "Party",
            object(
                "A partner party of an agreement.",
                &["id", "name"],
                vec![
                    ("id", uuid("The partner.")),
                    ("name", schema("LocalizedText")),
                ],
            ),
        ),
        ("Agreement", agreement_schema()),
        (
            "AgreementInput",
            closed(object(
                "A new agreement's fields.",
                &["title", "kind", "partner_ids", "lead_unit"],
                {
                    let mut fields = agreement_fields();
                    fields.push((
                        "amends_id",
                        nullable(uuid(
                            "The agreement this one amends; its reference gets `-A{n}`.",
                        )),
                    ));
                    fields
                },
            )),
        ),
        (
            "AgreementPatch",
            closed(object(
                "The fields to change, and the version last seen. Fields left out keep their value.",
                &["version"],
                {
                    let mut fields = agreement_fields();
                    fields.push((
                        "version",
                        integer("The version last seen (or send `If-Match`)."),
                    ));
                    fields
                },
            )),
        ),
        (
            "AgreementTerms",
            closed(object(
                "Terms that replace the prefilled ones; every field is optional.",
                &[],
                agreement_fields(),
            )),
        ),
        (
            "AgreementPage",
            page_schema("Agreement", "A page of agreements."),
        ),
        (
            "TransitionRequest",
            closed(object(
                "A move of the lifecycle.",
                &["action"],
                vec![
                    ("action", schema("AgreementAction")),
                    (
                        "reason",
                        nullable(text(
                            "Why; required to withdraw, reopen, suspend, terminate, revert a termination or recall from review.",
                        )),
                    ),
                    (
                        "version",
                        integer("The version last seen; optional (or send `If-Match`)."),
                    ),
                ],
            )),
        ),
        (
            "ReviewStep",
            object(
                "A step of an agreement's review chain.",
                &[
                    "id",
                    "cycle",
                    "position",
                    "role",
                    "due_days",
                    "overdue",
                    "voided",
                    "open",
                    "can_decide",
                ],
                vec![
                    ("id", uuid("The step.")),
                    (
                        "cycle",
                        integer("The review cycle (one per submission), from 1."),
                    ),
                    (
                        "position",
                        integer("The step's place in its cycle, from 0."),
                    ),
                    ("role", schema("Role")),
                    (
                        "unit",
                        nullable(text("The unit whose members decide; none for any unit.")),
                    ),
                    ("due_days", integer("Days allowed.")),
                    (
                        "due_on",
                        nullable(date("When the decision is due; set when the step opens.")),
                    ),
                    ("overdue", boolean("Open and past its due date.")),
                    ("opened_at", nullable(timestamp("When the step opened."))),
                    (
                        "decision",
                        nullable(enumeration(
                            "The decision.",
                            &["cleared", "changes_requested", "rejected"],
                        )),
                    ),
                    ("comment", nullable(text("The decision's comment."))),
                    ("decided_by", nullable(uuid("Who decided."))),
                    ("decided_by_name", nullable(text("Their name."))),
                    ("decided_at", nullable(timestamp("When."))),
                    (
                        "voided",
                        boolean("Voided by a request for changes, a recall or a new draft."),
                    ),
                    ("open", boolean("Waiting for a decision.")),
                    (
                        "can_decide",
                        boolean("The caller is the open step's assignee."),
                    ),
                ],
            ),
        ),
        (
            "ReviewStepPage",
            page_schema(
                "ReviewStep",
                "The steps of every cycle (never more than one page).",
            ),
        ),
        (
            "DecisionRequest",
            closed(object(
                "A decision on the open step.",
                &["decision"],
                vec![
                    (
                        "decision",
                        enumeration(
                            "The decision.",
                            &["cleared", "changes_requested", "rejected"],
                        ),
                    ),
                    (
                        "comment",
                        nullable(text_max(
                            5000,
                            "Required for `changes_requested` and `rejected`.",
                        )),
                    ),
                ],
            )),
        ),
        (
            "DecisionResult",
            object(
                "What a decision led to.",
                &["outcome", "agreement"],
                vec![
                    (
                        "outcome",
                        enumeration(
                            "`next_step`: the next step is open; `chain_cleared`: the agreement awaits signatures; `changes_requested`: back to negotiation; `rejected`: withdrawn.",
                            &[
                                "next_step",
                                "chain_cleared",
                                "changes_requested",
                                "rejected",
                            ],
                        ),
                    ),
                    ("agreement", schema("Agreement")),
                ],
            ),
        ),
        (
            "ChainStep",
            closed(object(
                "A configured step of a review chain.",
                &["role", "due_days"],
                step_fields(),
            )),
        ),
        (
            "ReviewChain",
            object(
                "The review chain of an agreement kind.",
                &["kind", "steps", "version", "is_default"],
                vec![
                    ("kind", schema("AgreementKind")),
                    (
                        "steps",
                        list_of(schema("ChainStep"), "The steps, in order."),
                    ),
                    (
                        "version",
                        integer("0 for the default chain, then grows with each change."),
                    ),
                    (
                        "is_default",
                        boolean("No chain was set for this kind: the default applies."),
                    ),
                ],
            ),
        ),
        (
            "ReviewChainInput",
            closed(object(
                "The new steps of a kind's chain.",
                &["steps"],
                vec![
                    (
                        "steps",
                        json!({ "type": "array", "items": schema("ChainStep"), "minItems": 1, "maxItems": 10, "description": "The steps, in order." }),
                    ),
                    (
                        "version",
                        integer("The version last seen; optional (or send `If-Match`)."),
                    ),
                ],
            )),
        ),
        (
            "SignatureInput",
            closed(object(
                "A party's signature.",
                &["party", "signatory", "signed_on"],
                vec![
                    (
                        "party",
                        text("`organization`, or the id of a partner party."),
                    ),
                    ("signatory", text("Who signed.")),
                    ("capacity", nullable(text("In what capacity."))),
                    ("signed_on", date("When.")),
                    ("place", nullable(text("Where."))),
                    (
                        "method",
                        enumeration(
                            "How; `ink` when not given.",
                            &accord_store::signing::METHODS,
                        ),
                    ),
                    (
                        "file_sha256",
                        nullable(
                            json!({ "type": "string", "pattern": "^[0-9a-fA-F]{64}$", "description": "The SHA-256 of the signed copy in the file store." }),
                        ),
                    ),
                ],
            )),
        ),
        (
            "Signature",
            object(
                "A recorded signature.",
                &[
                    "id",
                    "party",
                    "party_name",
                    "signatory",
                    "signed_on",
                    "method",
                    "recorded_at",
                ],
                vec![
                    ("id", uuid("The signature.")),
                    ("party", text("`organization`, or the partner's id.")),
                    ("party_name", schema("LocalizedText")),
                    ("signatory", text("Who signed.")),
                    ("capacity", nullable(text("In what capacity."))),
                    ("signed_on", date("When.")),
                    ("place", nullable(text("Where."))),
                    (
                        "method",
                        enumeration("How.", &accord_store::signing::METHODS),
                    ),
                    (
                        "file_sha256",
                        nullable(text(
                            "The SHA-256 of the signed copy: a document kept with the agreement (see `addAgreementDocument`).",
                        )),
                    ),
                    ("recorded_by", nullable(uuid("Who recorded it."))),
                    ("recorded_at", timestamp("When it was recorded.")),
                ],
            ),
        ),
        (
            "SignaturePage",
            page_schema("Signature", "The signatures (never more than one page)."),
        ),
        (
            "SignatureResult",
            object(
                "A signature just recorded, and the agreement.",
                &["signature", "agreement"],
                vec![
                    ("signature", schema("Signature")),
                    ("agreement", schema("Agreement")),
                ],
            ),
        ),
        (
            "ValidationRequest",
            closed(object(
                "The validation by Legal Affairs.",
                &["registry_number", "entry_into_force_on"],
                vec![
                    ("registry_number", text_max(100, "The registry number.")),
                    ("entry_into_force_on", date("The date of entry into force.")),
                ],
            )),
        ),
        (
            "Comment",
            object(
                "A comment on an agreement.",
                &["id", "agreement_id", "body", "created_at"],
                vec![
                    ("id", uuid("The comment.")),
                    ("agreement_id", uuid("The agreement.")),
                    ("body", text("The text.")),
                    (
                        "version",
                        nullable(integer("The draft version it is about.")),
                    ),
                    ("author_id", nullable(uuid("Who wrote it."))),
                    ("author_name", nullable(text("Their name."))),
                    ("created_at", timestamp("When.")),
                ],
            ),
        ),
        (
            "CommentInput",
            closed(object(
                "A new comment.",
                &["body"],
                vec![
                    ("body", text_max(5000, "The text.")),
                    (
                        "version",
                        nullable(
                            json!({ "type": "integer", "minimum": 1, "description": "The number of the draft version it is about." }),
                        ),
                    ),
                ],
            )),
        ),
        (
            "CommentPage",
            page_schema(
                "Comment",
                "The comments, newest first (never more than one page).",
            ),
        ),
        (
            "TimelineEntry",
            object(
                "Something that happened to an agreement.",
                &["at", "kind", "action", "summary"],
                vec![
                    ("at", timestamp("When (UTC).")),
                    (
                        "kind",
                        enumeration("An audit event or a comment.", &["event", "comment"]),
                    ),
                    (
                        "action",
                        text(
                            "What: `create`, `update`, an action of the lifecycle, `review_decision`, `sign`, `validate`, `comment`, ...",
                        ),
                    ),
                    ("actor_id", nullable(uuid("Who; none for the system."))),
                    ("actor_name", nullable(text("Their name."))),
                    (
                        "summary",
                        json!({ "type": "object", "description": "In short: `from`, `to` and `reason` for a move; `changed` (the fields) for an update; `reference` for a creation; `body` and `version` for a comment; what was recorded for the rest." }),
                    ),
                ],
            ),
        ),
        (
            "TimelinePage",
            page_schema(
                "TimelineEntry",
                "The timeline, oldest first (never more than one page).",
            ),
        ),
        (
            "AmendmentLink",
            object(
                "An amendment in the chain of an agreement.",
                &["id", "reference", "status", "applied"],
                vec![
                    ("id", uuid("The amendment.")),
                    ("reference", text("Its reference (`-A{n}`).")),
                    ("status", schema("AgreementStatus")),
                    ("amendment_no", nullable(integer("Its number."))),
                    ("title", schema("LocalizedText")),
                    ("applied", boolean("In force, so its terms apply.")),
                ],
            ),
        ),
        (
            "ConsolidatedAgreement",
            json!({
                "description": "An agreement with its amendments in force applied.",
                "allOf": [
                    schema("Agreement"),
                    {
                        "type": "object",
                        "required": ["amendments", "changed_by"],
                        "properties": {
                            "amendments": list_of(schema("AmendmentLink"), "The amendments, in order."),
                            "changed_by": { "type": "object", "description": "For each replaced field (`title`, `value`, `ends_on`, `objectives`), the amendment that set it.", "additionalProperties": { "type": "string", "format": "uuid" } },
                        },
                    },
                ],
            }),
        ),
        (
            "StageDays",
            object(
                "Days spent in one stage.",
                &["status", "days"],
                vec![
                    ("status", schema("AgreementStatus")),
                    (
                        "days",
                        json!({ "type": "number", "description": "Days, one decimal." }),
                    ),
                ],
            ),
        ),
        (
            "StageAverage",
            object(
                "The average stay in one stage.",
                &["status", "stays", "average_days"],
                vec![
                    ("status", schema("AgreementStatus")),
                    ("stays", integer("How many stays the average is over.")),
                    (
                        "average_days",
                        json!({ "type": "number", "description": "Days per stay, one decimal." }),
                    ),
                ],
            ),
        ),
        (
            "AgreementCycle",
            object(
                "The days one agreement spent in each stage.",
                &["id", "reference", "status", "stages", "stays", "total_days"],
                vec![
                    ("id", uuid("The agreement.")),
                    ("reference", text("Its reference.")),
                    ("title", schema("LocalizedText")),
                    ("kind", schema("AgreementKind")),
                    ("lead_unit", text("Its lead unit.")),
                    ("status", schema("AgreementStatus")),
                    (
                        "stages",
                        list_of(
                            schema("StageDays"),
                            "Days per stage, in the order of the lifecycle.",
                        ),
                    ),
                    (
                        "stays",
                        list_of(
                            json!({ "type": "object", "description": "One stay: `status`, `entered_at`, `left_at` (none while it lasts) and `days`." }),
                            "Each stay, in order.",
                        ),
                    ),
                    (
                        "total_days",
                        json!({ "type": "number", "description": "Days since creation (or until it closed)." }),
                    ),
                ],
            ),
        ),
        (
            "CycleTimes",
            object(
                "Cycle times: per agreement, and averages.",
                &["items", "total", "next_cursor", "averages"],
                vec![
                    (
                        "items",
                        list_of(schema("AgreementCycle"), "A page of agreements."),
                    ),
                    ("total", integer("How many agreements the caller sees.")),
                    (
                        "next_cursor",
                        nullable(text("Send it as `cursor` for the next page.")),
                    ),
                    (
                        "averages",
                        object(
                            "Average days per stay in each stage, over every agreement the caller sees.",
                            &["by_kind", "by_unit"],
                            vec![
                                (
                                    "by_kind",
                                    list_of(
                                        json!({ "type": "object", "required": ["kind", "stages"], "properties": { "kind": schema("AgreementKind"), "stages": list_of(schema("StageAverage"), "Per stage.") } }),
                                        "Per kind.",
                                    ),
                                ),
                                (
                                    "by_unit",
                                    list_of(
                                        json!({ "type": "object", "required": ["lead_unit", "stages"], "properties": { "lead_unit": text("A unit code."), "stages": list_of(schema("StageAverage"), "Per stage.") } }),
                                        "Per lead unit.",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ],
            ),
        ),
    ]
}

// ===========================================================================
// Drafts and notifications
// ===========================================================================
// The operations and schemas of `api/drafts.rs` (the draft versions of an
// agreement: upload, list, download, and the word-level redline between two
// versions, under the "Agreements" tag). The notifications are derived from
// `api/notifications.rs` (ADR 0010).

fn draft_and_notification_operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("/agreements/{id}/versions", "get", list_draft_versions()),
        ("/agreements/{id}/versions", "post", upload_draft_version()),
        (
            "/agreements/{id}/versions/compare",
            "get",
            compare_draft_versions(),
        ),
        (
            "/agreements/{id}/versions/{number}/file",
            "get",
            download_draft_version(),
        ),
    ]
}

/// The media types a draft may have, as detected from its bytes.
const DRAFT_MEDIA_TYPES: [&str; 5] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/pdf",
    "text/plain",
    "text/markdown",
];

fn list_draft_versions() -> Value {
    let responses = vec![
        (
            "200",
            ok(
                "DraftVersionPage",
                "Every version of the agreement, oldest first.",
            ),
        ),
        ("401", response("Unauthorized")),
        ("404", response("NotFound")),
    ];
    agreement_op(
        "listDraftVersions",
        "Draft versions of an agreement",
        "Every draft version uploaded for the agreement, by number (1, 2, 3…), each with its file's name, size, media type and SHA-256, its direction, note, review round and author, and whether its text could be extracted for the redline. Anyone who may read the agreement may list them (`404` otherwise).",
        vec![param("AgreementId")],
        None,
        responses,
    )
}

fn upload_draft_version() -> Value {
    let responses = vec![
        (
            "201",
            json!({
                "description": "The new version.",
                "headers": { "Location": { "description": "The address of the stored file, `/api/v1/agreements/{id}/versions/{number}/file`.", "schema": { "type": "string" } } },
                "content": json_content(schema("DraftVersion")),
            }),
        ),
        (
            "400",
            error_response(
                "The multipart body is malformed (`bad_request`).",
                json!({ "code": "bad_request", "message": "The request is not valid.", "details": {} }),
            ),
        ),
        ("401", response("Unauthorized")),
        (
            "403",
            error_response(
                "The caller's role may not upload drafts (only admins, officers and partner users may: `forbidden`); a partner user sent a `direction` other than `from_partner` (`forbidden`, with `details.field` and `details.allowed`); or a cookie-authenticated request came without the CSRF token (`csrf_failed`).",
                json!({ "code": "forbidden", "message": "Your role does not allow this.", "details": { "field": "direction", "allowed": ["from_partner"] } }),
            ),
        ),
        ("404", response("NotFound")),
        (
            "409",
            agreement_conflict(
                "`invalid_transition`: the agreement is past negotiation and review, so it takes no more drafts (`details.status`, `details.allowed`: the actions the caller may take now, and `details.drafts_accepted_in`).",
                json!({ "code": "invalid_transition", "message": "This move is not possible from the current stage.", "details": { "status": "signature", "allowed": [], "drafts_accepted_in": ["prospect", "negotiation", "review"] } }),
            ),
        ),
        (
            "413",
            error_response(
                "The file is larger than 20 MiB (`too_large`, with `details.max_bytes`).",
                json!({ "code": "too_large", "message": "The file is too large.", "details": { "max_bytes": 20_971_520 } }),
            ),
        ),
        (
            "415",
            error_response(
                "`unsupported_media_type`: the body is not `multipart/form-data` (`details.expected`), or the file is not a Word (docx), OpenDocument (odt), PDF, plain text or Markdown document (`details.accepted`). The type is read from the file's bytes, not from its name or declared type.",
                json!({ "code": "unsupported_media_type", "message": "This type of file is not accepted.", "details": { "accepted": DRAFT_MEDIA_TYPES } }),
            ),
        ),
        ("422", response("ValidationFailed")),
    ];
    agreement_op(
        "uploadDraftVersion",
        "Upload a draft version",
        "Adds the next version of the agreement's draft from a `multipart/form-data` body: the `file` (docx, odt, PDF, plain text or Markdown, at most 20 MiB), its `direction` (`internal`, `to_partner` or `from_partner`) and an optional `note`. The file is kept unchanged, addressed by its SHA-256, and its text is extracted for the redline when possible (`text_available`). Drafts are taken while the agreement is in `prospect`, `negotiation` or `review`; a draft uploaded during review voids the clearances given so far and restarts the review chain. Invalid fields answer `422`: `file` `required` or `empty_file`, `direction` `required` or `invalid_choice`, `note` `too_long` (over 2,000 characters), `unknown_field` for any other part. Roles: admin, officer, and partner users for drafts `from_partner` on agreements their organization is party to.",
        vec![param("AgreementId")],
        Some(json!({
            "required": true,
            "description": "The file and what it is.",
            "content": {
                "multipart/form-data": {
                    "schema": schema("DraftUpload"),
                    "encoding": { "file": { "contentType": DRAFT_MEDIA_TYPES.join(", ") } },
                },
            },
        })),
        responses,
    )
}

fn download_draft_version() -> Value {
    let binary = json!({ "schema": { "type": "string", "format": "binary" } });
    let content: Map<String, Value> = DRAFT_MEDIA_TYPES
        .iter()
        .map(|media| (media.to_string(), binary.clone()))
        .collect();
    let responses = vec![
        (
            "200",
            json!({
                "description": "The file as it was uploaded, with the media type detected at upload (text with `; charset=utf-8`).",
                "headers": {
                    "Content-Disposition": { "description": "`attachment`, with the file's name.", "schema": { "type": "string" } },
                },
                "content": Value::Object(content),
            }),
        ),
        ("401", response("Unauthorized")),
        (
            "404",
            error_response(
                "No such agreement or version, or one the caller may not see (`not_found`); `details.reason` is `file_missing` when the file is gone from the file store.",
                json!({ "code": "not_found", "message": "There is nothing here, or you may not see it.", "details": {} }),
            ),
        ),
    ];
    agreement_op(
        "downloadDraftVersion",
        "Download a draft version",
        "The file of one version, as a download. Anyone who may read the agreement may download its drafts.",
        vec![
            param("AgreementId"),
            json!({ "name": "number", "in": "path", "required": true, "description": "The version's number (1, 2, 3…).", "schema": { "type": "integer", "minimum": 1 }, "example": 1 }),
        ],
        None,
        responses,
    )
}

fn compare_draft_versions() -> Value {
    let number = |name: &str, description: &str, example: i64| json!({ "name": name, "in": "query", "required": true, "description": description, "schema": { "type": "integer", "minimum": 1 }, "example": example });
    let responses = vec![
        (
            "200",
            ok("Redline", "The word-level differences from `from` to `to`."),
        ),
        ("401", response("Unauthorized")),
        ("404", response("NotFound")),
        ("422", response("ValidationFailed")),
    ];
    agreement_op(
        "compareDraftVersions",
        "Redline between two draft versions",
        "The word-level differences between the texts of two versions of the agreement's draft: runs of text that are in both (`equal`), only in `to` (`insert`) or only in `from` (`delete`), in order, and how many words were inserted and deleted. `from` and `to` are required whole numbers from 1 (`required`, `invalid_type`); a number the agreement has no version for is `unknown_version`, and a version whose text could not be extracted (`text_available: false`) is `no_text`, all `422` on the parameter. Anyone who may read the agreement may compare its versions.",
        vec![
            param("AgreementId"),
            number("from", "The older version's number.", 1),
            number("to", "The newer version's number.", 2),
        ],
        None,
        responses,
    )
}

fn draft_schemas() -> Vec<(&'static str, Value)> {
    use accord_store::drafts::Direction;
    vec![
        (
            "DraftDirection",
            enumeration(
                "Where a draft version comes from or goes: prepared inside the organization (`internal`), sent to the partner (`to_partner`), received from the partner (`from_partner`).",
                &codes(&Direction::ALL, Direction::as_str),
            ),
        ),
        (
            "DraftUpload",
            closed(object(
                "A draft version to upload, as `multipart/form-data` parts.",
                &["file", "direction"],
                vec![
                    (
                        "file",
                        json!({ "type": "string", "format": "binary", "description": "The document: docx, odt, PDF, plain text (UTF-8) or Markdown, at most 20 MiB; its name is kept (cleaned)." }),
                    ),
                    (
                        "direction",
                        with_description(
                            schema("DraftDirection"),
                            "Where it comes from or goes; partner users may only send `from_partner`.",
                        ),
                    ),
                    (
                        "note",
                        text_max(
                            2000,
                            "What changed, or why; trimmed, an empty note is none.",
                        ),
                    ),
                ],
            )),
        ),
        (
            "DraftVersion",
            object(
                "A draft version of an agreement: an uploaded file, never changed afterwards.",
                &[
                    "number",
                    "sha256",
                    "size",
                    "media_type",
                    "filename",
                    "direction",
                    "note",
                    "round",
                    "author_id",
                    "author_name",
                    "text_available",
                    "created_at",
                ],
                vec![
                    (
                        "number",
                        json!({ "type": "integer", "minimum": 1, "description": "The version's number within the agreement: 1, 2, 3…" }),
                    ),
                    (
                        "sha256",
                        json!({ "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "The SHA-256 of the file, which addresses it in the file store." }),
                    ),
                    (
                        "size",
                        json!({ "type": "integer", "minimum": 1, "description": "The file's size in bytes." }),
                    ),
                    (
                        "media_type",
                        json!({ "type": "string", "enum": DRAFT_MEDIA_TYPES, "description": "The media type detected from the file's bytes." }),
                    ),
                    ("filename", text("The file's name as uploaded (cleaned).")),
                    ("direction", schema("DraftDirection")),
                    ("note", nullable(text("The uploader's note."))),
                    (
                        "round",
                        json!({ "type": "integer", "minimum": 1, "description": "The review round it belongs to: the number of review cycles started before it, plus one." }),
                    ),
                    (
                        "author_id",
                        nullable(uuid("Who uploaded it; none for the system.")),
                    ),
                    ("author_name", nullable(text("Their name."))),
                    (
                        "text_available",
                        boolean(
                            "Its text could be extracted, so it can be compared (a scanned PDF, for one, has none).",
                        ),
                    ),
                    ("created_at", timestamp("When it was uploaded (UTC).")),
                ],
            ),
        ),
        (
            "DraftVersionPage",
            page_schema(
                "DraftVersion",
                "The versions, oldest first (never more than one page).",
            ),
        ),
        (
            "RedlineChange",
            object(
                "A run of text and what happened to it.",
                &["op", "text"],
                vec![
                    (
                        "op",
                        enumeration(
                            "`equal`: in both versions; `insert`: only in the newer; `delete`: only in the older.",
                            &["equal", "insert", "delete"],
                        ),
                    ),
                    ("text", text("The text, with its spaces and line breaks.")),
                ],
            ),
        ),
        (
            "Redline",
            object(
                "The word-level differences between the texts of two draft versions.",
                &["from", "to", "changes", "stats"],
                vec![
                    ("from", integer("The older version's number.")),
                    ("to", integer("The newer version's number.")),
                    (
                        "changes",
                        list_of(
                            schema("RedlineChange"),
                            "The runs of text, in order: the `equal` and `delete` runs make the older text, the `equal` and `insert` runs the newer.",
                        ),
                    ),
                    (
                        "stats",
                        object(
                            "How many words changed.",
                            &["inserted", "deleted"],
                            vec![
                                ("inserted", integer("Words only in the newer version.")),
                                ("deleted", integer("Words only in the older version.")),
                            ],
                        ),
                    ),
                ],
            ),
        ),
    ]
}

// ===========================================================================
// Documents kept with agreements
// ===========================================================================
// The operations and schemas of `api/attachments.rs`: signed copies,
// termination notices, ratification instruments and full powers, under the
// "Agreements" tag.

fn document_operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "/agreements/{id}/documents",
            "get",
            list_agreement_documents(),
        ),
        (
            "/agreements/{id}/documents",
            "post",
            add_agreement_document(),
        ),
        (
            "/agreements/{id}/documents/{document_id}/file",
            "get",
            download_agreement_document(),
        ),
    ]
}

fn list_agreement_documents() -> Value {
    agreement_op(
        "listAgreementDocuments",
        "Documents kept with an agreement",
        "The signed copies, termination notices, instruments of ratification, full powers and other documents kept with the agreement, oldest first. Anyone who may read the agreement may list them (`404` otherwise).",
        vec![param("AgreementId")],
        None,
        vec![
            (
                "200",
                ok("AgreementDocumentPage", "The documents, oldest first."),
            ),
            ("401", response("Unauthorized")),
            ("404", response("NotFound")),
        ],
    )
}

fn add_agreement_document() -> Value {
    let responses = vec![
        (
            "201",
            json!({
                "description": "The document, kept.",
                "headers": { "Location": { "description": "The address of its file, `/api/v1/agreements/{id}/documents/{document_id}/file`.", "schema": { "type": "string" } } },
                "content": json_content(schema("AgreementDocument")),
            }),
        ),
        (
            "400",
            error_response(
                "The multipart body is malformed (`bad_request`).",
                json!({ "code": "bad_request", "message": "The request is not valid.", "details": {} }),
            ),
        ),
        ("401", response("Unauthorized")),
        (
            "403",
            error_response(
                "Only admins, the director, officers and Legal Affairs add documents (`forbidden`); or a cookie-authenticated request came without the CSRF token (`csrf_failed`).",
                json!({ "code": "forbidden", "message": "Your role does not allow this.", "details": {} }),
            ),
        ),
        ("404", response("NotFound")),
        (
            "413",
            error_response(
                "The file is larger than 20 MiB (`too_large`, with `details.max_bytes`).",
                json!({ "code": "too_large", "message": "The file is too large.", "details": { "max_bytes": 20_971_520 } }),
            ),
        ),
        (
            "415",
            error_response(
                "`unsupported_media_type`: the body is not `multipart/form-data`, or the file is not a PDF, PNG, JPEG, Word, OpenDocument, plain text or Markdown document (`details.accepted`), judged by its bytes.",
                json!({ "code": "unsupported_media_type", "message": "This type of file is not accepted.", "details": { "accepted": crate::documents::ACCEPTED_DOCUMENTS } }),
            ),
        ),
        ("422", response("ValidationFailed")),
    ];
    agreement_op(
        "addAgreementDocument",
        "Keep a document with an agreement",
        "Keeps a document with the agreement from a `multipart/form-data` body: the `file` (a scan as PDF, PNG or JPEG, or a Word, OpenDocument, text or Markdown document, at most 20 MiB), its `purpose` and an optional `note`. The file is kept unchanged, addressed by its SHA-256 (give that SHA-256 as a signature's `file_sha256` to link the signed copy), and the addition is an event of the agreement (`document_added`). To terminate with the notice: add it with purpose `termination`, then post the `terminate` transition with the reason. Invalid fields answer `422`: `file` `required` or `empty_file`, `purpose` `required` or `invalid_choice`, `note` `too_long`, `unknown_field` for any other part. Roles: admin, director, officer, legal.",
        vec![param("AgreementId")],
        Some(json!({
            "required": true,
            "description": "The file and why it is kept.",
            "content": {
                "multipart/form-data": {
                    "schema": schema("AgreementDocumentUpload"),
                    "encoding": { "file": { "contentType": crate::documents::ACCEPTED_DOCUMENTS.join(", ") } },
                },
            },
        })),
        responses,
    )
}

fn download_agreement_document() -> Value {
    let binary = json!({ "schema": { "type": "string", "format": "binary" } });
    let content: Map<String, Value> = crate::documents::ACCEPTED_DOCUMENTS
        .iter()
        .map(|media| (media.to_string(), binary.clone()))
        .collect();
    agreement_op(
        "downloadAgreementDocument",
        "Download a document of an agreement",
        "The file of one document, as a download. Anyone who may read the agreement may download its documents.",
        vec![
            param("AgreementId"),
            json!({ "name": "document_id", "in": "path", "required": true, "description": "The document's id.", "schema": { "type": "string", "format": "uuid" } }),
        ],
        None,
        vec![
            (
                "200",
                json!({
                    "description": "The file as it was uploaded, with the media type detected then.",
                    "headers": { "Content-Disposition": { "description": "`attachment`, with the file's name.", "schema": { "type": "string" } } },
                    "content": Value::Object(content),
                }),
            ),
            ("401", response("Unauthorized")),
            (
                "404",
                error_response(
                    "No such agreement or document, or one the caller may not see (`not_found`); `details.reason` is `file_missing` when the file is gone from the file store.",
                    json!({ "code": "not_found", "message": "There is nothing here, or you may not see it.", "details": {} }),
                ),
            ),
        ],
    )
}

fn document_schemas() -> Vec<(&'static str, Value)> {
    use accord_store::attachments::Purpose;
    vec![
        (
            "DocumentPurpose",
            enumeration(
                "Why a document is kept with the agreement: a signed copy, the termination notice, an instrument of ratification, full powers (or a delegation), or another document.",
                &codes(&Purpose::ALL, Purpose::as_str),
            ),
        ),
        (
            "AgreementDocumentUpload",
            closed(object(
                "A document to keep, as `multipart/form-data` parts.",
                &["file", "purpose"],
                vec![
                    (
                        "file",
                        json!({ "type": "string", "format": "binary", "description": "The document: PDF, PNG, JPEG, docx, odt, plain text (UTF-8) or Markdown, at most 20 MiB; its name is kept (cleaned)." }),
                    ),
                    ("purpose", schema("DocumentPurpose")),
                    (
                        "note",
                        text_max(2000, "What it is; trimmed, an empty note is none."),
                    ),
                ],
            )),
        ),
        (
            "AgreementDocument",
            object(
                "A document kept with an agreement: an uploaded file, never changed afterwards.",
                &[
                    "id",
                    "purpose",
                    "filename",
                    "media_type",
                    "size",
                    "sha256",
                    "note",
                    "uploaded_by",
                    "uploaded_by_name",
                    "uploaded_at",
                    "file_url",
                ],
                vec![
                    ("id", uuid("The document's id.")),
                    ("purpose", schema("DocumentPurpose")),
                    ("filename", text("The file's name as uploaded (cleaned).")),
                    (
                        "media_type",
                        json!({ "type": "string", "enum": crate::documents::ACCEPTED_DOCUMENTS, "description": "The media type detected from the file's bytes." }),
                    ),
                    (
                        "size",
                        json!({ "type": "integer", "minimum": 1, "description": "The file's size in bytes." }),
                    ),
                    (
                        "sha256",
                        json!({ "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "The SHA-256 of the file, which addresses it in the file store (and links a signature to its signed copy)." }),
                    ),
                    ("note", nullable(text("The uploader's note."))),
                    ("uploaded_by", nullable(uuid("Who kept it."))),
                    ("uploaded_by_name", nullable(text("Their name."))),
                    ("uploaded_at", timestamp("When it was kept (UTC).")),
                    ("file_url", text("Where to download the file.")),
                ],
            ),
        ),
        (
            "AgreementDocumentPage",
            page_schema(
                "AgreementDocument",
                "The documents, oldest first (never more than one page).",
            ),
        ),
    ]
}

// ===========================================================================
// Outreach
// ===========================================================================
// The operations and schemas of `api/outreach.rs`: the observer-state
// outreach campaign (cases, their stage moves and history) and its funnel.
// Hooked into the document by one line at the end of `operations`, the
// "Outreach" entry of `TAGS` and `tags`, and `outreach_schemas` /
// `outreach_parameters` in `document`.

const OUTREACH: &str = "Outreach";

fn outreach_operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("/outreach", "get", list_outreach_cases()),
        ("/outreach", "post", create_outreach_case()),
        ("/outreach/{id}", "get", get_outreach_case()),
        ("/outreach/{id}", "patch", update_outreach_case()),
        ("/outreach/{id}/history", "get", outreach_case_history()),
        ("/outreach/{id}/transitions", "post", move_outreach_case()),
        ("/metrics/outreach-funnel", "get", get_outreach_funnel()),
    ]
}

fn outreach_op(
    id: &'static str,
    summary: &'static str,
    description: &'static str,
    parameters: Vec<Value>,
    body: Option<Value>,
    responses: Vec<(&'static str, Value)>,
) -> Value {
    Op {
        id,
        tag: OUTREACH,
        summary,
        description,
        parameters,
        body,
        responses,
        public: false,
    }
    .build()
}

fn outreach_stage_codes() -> Vec<&'static str> {
    codes(accord_domain::outreach::Stage::ALL, |s| s.as_str())
}

fn list_outreach_cases() -> Value {
    let mut responses = vec![("200", ok("OutreachCasePage", "A page of outreach cases."))];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    outreach_op(
        "listOutreachCases",
        "List outreach cases",
        "Cases matching every filter given, most recently changed first unless `sort` says otherwise. `q` matches the state's name in Arabic, English or French (ignoring case, accents and Arabic spelling variants). Staff only.",
        vec![
            param("Q"),
            param("OutreachStageFilter"),
            param("OutreachOwnerFilter"),
            param("CountryFilter"),
            param("OutreachSort"),
            param("Cursor"),
            param("Limit"),
        ],
        None,
        responses,
    )
}

fn create_outreach_case() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new case, at stage `identified`, with its stage history.",
            "headers": { "Location": { "description": "The new case's address.", "schema": { "type": "string" } } },
            "content": json_content(schema("OutreachCase")),
        }),
    )];
    responses.extend(write_errors(false, false));
    responses.push((
        "409",
        error_response(
            "`duplicate`: the state already has an open case (`details.candidates` lists it).",
            json!({ "code": "duplicate", "message": "This value is already taken.", "details": { "field": "country", "candidates": [] } }),
        ),
    ));
    outreach_op(
        "createOutreachCase",
        "Open an outreach case",
        "Opens a case for a non-member state (`422 not_a_non_member` for a member or an observer); one open case per state (`409 duplicate`). `mission_partner_id` must be a partner of kind `diplomatic_mission`. `opened_on` (default today) dates the first stage. `stage` is read-only. Roles: admin, director, officer.",
        vec![],
        Some(json_body(
            "OutreachCaseInput",
            "The new case's fields.",
            json!({ "country": "BR", "mission_partner_id": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e", "next_action": "Invite the ambassador", "next_action_on": "2026-12-10" }),
        )),
        responses,
    )
}

fn get_outreach_case() -> Value {
    let mut responses = vec![(
        "200",
        ok("OutreachCase", "The case with its stage history."),
    )];
    responses.extend(read_errors(true));
    outreach_op(
        "getOutreachCase",
        "Read an outreach case",
        "The case, the names of its state and owner, and `stages`: each stay in a stage with its dates and reason. Staff only.",
        vec![param("OutreachCaseId")],
        None,
        responses,
    )
}

fn update_outreach_case() -> Value {
    let mut responses = vec![("200", ok("OutreachCase", "The case as saved."))];
    responses.extend(write_errors(true, true));
    outreach_op(
        "updateOutreachCase",
        "Edit an outreach case",
        "Changes the mission, owner, next action and its date, and notes; the state cannot change (`422 read_only`), nor the stage (use transitions). Send the `version` last seen (or `If-Match`); a stale one answers `409 version_conflict` with the current case. Roles: admin, director, officer.",
        vec![param("OutreachCaseId"), param("IfMatch")],
        Some(json_body(
            "OutreachCasePatch",
            "The fields to change and the version last seen.",
            json!({ "next_action": "Follow up with the embassy", "next_action_on": "2027-01-15", "version": 3 }),
        )),
        responses,
    )
}

fn outreach_case_history() -> Value {
    history_op(
        "getOutreachCaseHistory",
        OUTREACH,
        "outreach case",
        "OutreachCaseId",
        ", including each stage move. Staff only",
    )
}

fn move_outreach_case() -> Value {
    let mut responses = vec![("200", ok("OutreachCase", "The case in its new stage."))];
    responses.extend(write_errors(true, false));
    responses.push((
        "409",
        error_response(
            "`invalid_transition`: no such move from the current stage (`details.allowed`: the stages the caller may move to now). `version_conflict`: the case changed since the client read it (`details.current`). `duplicate`: reopening while the state has another open case.",
            json!({ "code": "invalid_transition", "message": "This move is not possible from the current stage.", "details": { "stage": "identified", "to": "admitted", "allowed": ["approached", "declined", "on_hold"] } }),
        ),
    ));
    outreach_op(
        "moveOutreachCase",
        "Move an outreach case to another stage",
        "Forward one step at a time (identified → approached → engaged → applied → under_consideration → admitted), to `on_hold`, or to `declined` (with a `reason`); back to an earlier stage, or out of `on_hold`/`declined`, with a `reason`. `admitted` is final except an administrator's revert with a reason. `on` (default today; not before the current stage began, not in the future) dates the move. Moving to `admitted` makes the state an `observer` from `on` (a membership change in the country's history, audited); reverting makes it a `non_member` again. Roles: admin, director, officer.",
        vec![param("OutreachCaseId"), param("IfMatch")],
        Some(json_body(
            "OutreachMoveRequest",
            "The stage to move to, the date, the reason and the version last seen.",
            json!({ "to": "admitted", "on": "2026-11-20", "version": 6 }),
        )),
        responses,
    )
}

fn get_outreach_funnel() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "OutreachFunnel",
            "Cases per stage and median days per step.",
        ),
    )];
    responses.extend(read_errors(false));
    outreach_op(
        "getOutreachFunnel",
        "The outreach funnel",
        "How many cases stand in each stage now, and for each pair of consecutive forward stages the median days between a case entering the one and entering the next (over the cases that made that step; `null` when none did). Staff only.",
        vec![],
        None,
        responses,
    )
}

fn outreach_parameters() -> Vec<(&'static str, Value)> {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    vec![
        (
            "OutreachCaseId",
            json!({ "name": "id", "in": "path", "required": true, "description": "The case's id.", "schema": { "type": "string", "format": "uuid" }, "example": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e" }),
        ),
        (
            "OutreachStageFilter",
            query(
                "stage",
                "Only cases at this stage.",
                schema("OutreachStage"),
            ),
        ),
        (
            "OutreachOwnerFilter",
            query(
                "owner_id",
                "Only cases owned by this user.",
                json!({ "type": "string", "format": "uuid" }),
            ),
        ),
        (
            "OutreachSort",
            query(
                "sort",
                "The order (default `-updated_at`).",
                json!({ "type": "string", "enum": sort_values(&accord_store::outreach::SORTS) }),
            ),
        ),
    ]
}

fn outreach_fields() -> Vec<(&'static str, Value)> {
    vec![
        (
            "mission_partner_id",
            nullable(uuid(
                "The diplomatic mission (a partner of kind `diplomatic_mission`).",
            )),
        ),
        (
            "owner_id",
            nullable(uuid("The staff member who follows the case.")),
        ),
        (
            "next_action",
            nullable(text_max(300, "The next thing to do.")),
        ),
        (
            "next_action_on",
            nullable(date("When the next action is due.")),
        ),
        ("notes", nullable(text_max(5000, "Free notes."))),
    ]
}

fn outreach_schemas() -> Vec<(&'static str, Value)> {
    let mut case_fields = vec![
        ("id", uuid("The case's id.")),
        ("version", integer("Grows with each change.")),
        ("country", country_code("The state approached.")),
        ("country_name", schema("LocalizedText")),
        ("stage", schema("OutreachStage")),
        ("stage_since", date("When the case entered its stage.")),
        ("owner_name", nullable(text("The owner's name."))),
    ];
    case_fields.extend(outreach_fields());
    case_fields.extend([
        ("created_at", timestamp("When the case was opened.")),
        ("updated_at", timestamp("When it last changed.")),
        (
            "stages",
            list_of(
                schema("OutreachStageRow"),
                "Each stay in a stage, oldest first (on single cases).",
            ),
        ),
    ]);
    let mut input_fields = vec![(
        "country",
        country_code("The state to approach (a non-member)."),
    )];
    input_fields.extend(outreach_fields());
    input_fields.push((
        "opened_on",
        date("The date of the first stage (default today)."),
    ));
    let mut patch_fields = outreach_fields();
    patch_fields.push((
        "version",
        integer("The version last seen (or send `If-Match`)."),
    ));
    vec![
        (
            "OutreachStage",
            enumeration("The stage of an outreach case.", &outreach_stage_codes()),
        ),
        (
            "OutreachCase",
            object(
                "A non-member state being approached for observer status.",
                &[
                    "id",
                    "version",
                    "country",
                    "stage",
                    "stage_since",
                    "created_at",
                    "updated_at",
                ],
                case_fields,
            ),
        ),
        (
            "OutreachCaseInput",
            closed(object(
                "The fields of a new case.",
                &["country"],
                input_fields,
            )),
        ),
        (
            "OutreachCasePatch",
            closed(object("The fields to change.", &["version"], patch_fields)),
        ),
        (
            "OutreachCasePage",
            page_schema("OutreachCase", "A page of outreach cases."),
        ),
        (
            "OutreachStageRow",
            object(
                "A stay of a case in a stage.",
                &["stage", "entered_on"],
                vec![
                    ("stage", schema("OutreachStage")),
                    ("entered_on", date("When the case entered the stage.")),
                    (
                        "left_on",
                        nullable(date("When it left it; none for the current stage.")),
                    ),
                    (
                        "reason",
                        nullable(text("Why the case moved here, when a reason was given.")),
                    ),
                    ("actor_id", nullable(uuid("Who moved it."))),
                    ("actor_name", nullable(text("Their name."))),
                    ("recorded_at", timestamp("When the move was recorded.")),
                ],
            ),
        ),
        (
            "OutreachMoveRequest",
            closed(object(
                "A move of an outreach case.",
                &["to"],
                vec![
                    ("to", schema("OutreachStage")),
                    ("on", date("The date of the move (default today).")),
                    (
                        "reason",
                        nullable(text_max(
                            2000,
                            "Why; required to decline, to move back, to reopen, or to revert an admission.",
                        )),
                    ),
                    (
                        "version",
                        integer("The version last seen; optional (or send `If-Match`)."),
                    ),
                ],
            )),
        ),
        (
            "OutreachFunnel",
            object(
                "The outreach funnel.",
                &["stages", "steps"],
                vec![
                    (
                        "stages",
                        list_of(
                            object(
                                "Cases at one stage now.",
                                &["stage", "count"],
                                vec![
                                    ("stage", schema("OutreachStage")),
                                    ("count", integer("How many cases.")),
                                ],
                            ),
                            "Every stage, in order.",
                        ),
                    ),
                    (
                        "steps",
                        list_of(
                            object(
                                "One step between consecutive forward stages.",
                                &["from", "to", "cases"],
                                vec![
                                    ("from", schema("OutreachStage")),
                                    ("to", schema("OutreachStage")),
                                    ("cases", integer("How many cases made this step.")),
                                    (
                                        "median_days",
                                        json!({ "type": ["number", "null"], "description": "The median days between entering `from` and entering `to`; none when no case made the step." }),
                                    ),
                                ],
                            ),
                            "The five steps from `identified` to `admitted`.",
                        ),
                    ),
                ],
            ),
        ),
    ]
}

// --- Contact duplicates and merge ---------------------------------------------

fn find_duplicate_contacts() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "ContactDuplicatePage",
            "Contacts with a close name or the same e-mail, most similar first.",
        ),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "findDuplicateContacts",
        tag: "Contacts",
        summary: "Find likely duplicate contacts",
        description: "Contacts whose name (or name in another script) is close to `name`, or whose e-mail is `email` (ignoring case), with a score from 0 to 1 (1 for the same e-mail): what the contact form checks before saving. One of `name` and `email` is required. Staff only.",
        parameters: vec![
            json!({ "name": "name", "in": "query", "required": false, "description": "The name to compare.", "schema": { "type": "string", "maxLength": 300 }, "example": "Amina Benali" }),
            json!({ "name": "email", "in": "query", "required": false, "description": "The e-mail to look for.", "schema": { "type": "string" } }),
            json!({ "name": "exclude", "in": "query", "required": false, "description": "A contact to leave out (the one being edited).", "schema": { "type": "string", "format": "uuid" } }),
        ],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn merge_contact() -> Value {
    let mut responses = vec![("200", ok("Contact", "The kept contact."))];
    responses.extend(write_errors(true, true));
    Op {
        id: "mergeContact",
        tag: "Contacts",
        summary: "Merge a duplicate into this contact",
        description: "Moves every position (and any other reference) of the contact `from` onto this one, fills this one's missing details from it, and keeps `from` as a tombstone that answers `404` with `details.merged_into`; both are audited, and this contact's history includes the other's. With `version` (or `If-Match`), a stale version answers `409`. Roles: admin, officer.",
        parameters: vec![param("ContactId"), param("IfMatch")],
        body: Some(json_body("MergeRequest", "The duplicate to merge in.", json!({ "from": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e", "version": 2 }))),
        responses,
        public: false,
    }
    .build()
}

fn contact_duplicate_schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ContactDuplicate",
            object(
                "A likely duplicate contact.",
                &["contact", "score", "same_email"],
                vec![
                    ("contact", schema("Contact")),
                    (
                        "score",
                        json!({ "type": "number", "minimum": 0, "maximum": 1, "description": "Name similarity (1 for the same e-mail)." }),
                    ),
                    ("same_email", boolean("The same e-mail address.")),
                ],
            ),
        ),
        (
            "ContactDuplicatePage",
            page_schema(
                "ContactDuplicate",
                "Likely duplicate contacts (never more than one page).",
            ),
        ),
    ]
}
