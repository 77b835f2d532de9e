//! The OpenAPI description of the communications log: interactions,
//! follow-ups, a partner's relationship health, dormant partners, and a
//! contact's open items and end of position.

use super::{
    Op, date, integer, list_of, nullable, object, ok, page_schema, param, read_errors,
    record_fields, response, schema, text, text_max, timestamp, uuid, write_errors,
};
use accord_domain::interaction::{Direction, InteractionKind};
use accord_store::interactions::SORTS;
use serde_json::{Value, json};

const EXAMPLE_ID: &str = "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e";

/// Every operation of the communications log: `(path, method, operation)`.
pub fn operations() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("/interactions", "get", list_interactions()),
        ("/interactions", "post", create_interaction()),
        ("/interactions/export", "get", export_interactions()),
        ("/interactions/{id}", "get", get_interaction()),
        ("/interactions/{id}", "patch", update_interaction()),
        ("/interactions/{id}/history", "get", interaction_history()),
        ("/follow-ups", "get", list_follow_ups()),
        ("/follow-ups/{id}/done", "post", mark_follow_up_done()),
        ("/partners/dormant", "get", list_dormant_partners()),
        ("/partners/{id}/health", "get", get_partner_health()),
        ("/contacts/{id}/open-items", "get", get_open_items()),
        (
            "/contacts/{id}/positions/{n}/end",
            "post",
            end_contact_position(),
        ),
    ]
}

/// The parameters these operations share.
pub fn parameters() -> Vec<(&'static str, Value)> {
    let query = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let id = json!({ "type": "string", "format": "uuid" });
    let sorts: Vec<String> = SORTS
        .iter()
        .flat_map(|c| [c.name.to_string(), format!("-{}", c.name)])
        .collect();
    vec![
        (
            "InteractionId",
            json!({ "name": "id", "in": "path", "required": true, "description": "The interaction's id.", "schema": id, "example": EXAMPLE_ID }),
        ),
        (
            "FollowUpId",
            json!({ "name": "id", "in": "path", "required": true, "description": "The follow-up's id (from its interaction's `follow_ups`).", "schema": id, "example": EXAMPLE_ID }),
        ),
        (
            "PositionNumber",
            json!({ "name": "n", "in": "path", "required": true, "description": "The position's place in the contact's `positions`, from 0.", "schema": { "type": "integer", "minimum": 0 }, "example": 0 }),
        ),
        (
            "InteractionKindFilter",
            query(
                "kind",
                "Only interactions of this kind.",
                schema("InteractionKind"),
            ),
        ),
        (
            "DirectionFilter",
            query(
                "direction",
                "Only interactions in this direction.",
                schema("Direction"),
            ),
        ),
        (
            "InteractionSort",
            query(
                "sort",
                "The order: a field, or `-field` for descending.",
                json!({ "type": "string", "enum": sorts, "default": "-occurred_at" }),
            ),
        ),
    ]
}

fn id_filter(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": { "type": "string", "format": "uuid" } })
}

fn filters() -> Vec<Value> {
    vec![
        param("Q"),
        param("InteractionKindFilter"),
        param("DirectionFilter"),
        id_filter("partner_id", "Only interactions naming this partner."),
        id_filter("contact_id", "Only interactions naming this contact."),
        id_filter("agreement_id", "Only interactions about this agreement."),
        id_filter(
            "outreach_case_id",
            "Only interactions of this outreach case.",
        ),
        json!({ "name": "from", "in": "query", "required": false, "description": "Only those that took place on or after this day.", "schema": { "type": "string", "format": "date" } }),
        json!({ "name": "to", "in": "query", "required": false, "description": "Only those that took place on or before this day.", "schema": { "type": "string", "format": "date" } }),
    ]
}

const CONFIDENTIAL: &str = "A confidential interaction is seen only by its creator, the staff in `staff_ids` and `visible_to`, the owners of its follow-ups, the director and administrators; to anyone else it does not exist (`404`, and absent from lists and exports).";

fn list_interactions() -> Value {
    let mut parameters = filters();
    parameters.extend([param("InteractionSort"), param("Cursor"), param("Limit")]);
    let mut responses = vec![("200", ok("InteractionPage", "A page of interactions."))];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    let description = format!(
        "The communications log, latest first unless `sort` says otherwise. `q` matches the subject, the summary and the references, in any script. {CONFIDENTIAL} Staff only."
    );
    Op {
        id: "listInteractions",
        tag: "Interactions",
        summary: "List and search interactions",
        description: &description,
        parameters,
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn export_interactions() -> Value {
    let mut parameters = filters();
    parameters.push(json!({
        "name": "format", "in": "query", "required": false,
        "description": "The file format: `csv` (UTF-8 with a byte-order mark) or `xlsx`.",
        "schema": { "type": "string", "enum": ["csv", "xlsx"], "default": "csv" }, "example": "csv",
    }));
    let mut responses = vec![(
        "200",
        json!({
            "description": "The interactions matching the filters, latest first, as a file to download, with column headings in the caller's language.",
            "content": {
                "text/csv": { "schema": { "type": "string" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } },
            },
        }),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    let description = format!(
        "What the list with the same filters gives (at most 20,000 rows), as a spreadsheet. {CONFIDENTIAL} Staff only."
    );
    Op {
        id: "exportInteractions",
        tag: "Interactions",
        summary: "Export interactions as CSV or XLSX",
        description: &description,
        parameters,
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn create_interaction() -> Value {
    let mut responses = vec![(
        "201",
        json!({
            "description": "The new interaction, with its registry number when it is an outgoing letter or note verbale.",
            "headers": { "Location": { "description": "The new interaction's address.", "schema": { "type": "string" } } },
            "content": { "application/json": { "schema": schema("Interaction") } },
        }),
    )];
    responses.extend(write_errors(false, false));
    Op {
        id: "createInteraction",
        tag: "Interactions",
        summary: "Record an interaction",
        description: "Records a meeting, call, e-mail, letter, note verbale, visit, mission, ceremony or event. `kind`, `direction`, `subject` and `occurred_at` are required. Outgoing letters and notes verbales get the next number of the registry, `{ORG}/{UNIT}/{YEAR}/{SEQ}` (the creator's unit, else `PIC`); incoming ones keep the sender's reference. Errors in follow-ups are reported as `follow_ups[i].field`. Roles: every staff role but viewer.",
        parameters: vec![],
        body: Some(json!({
            "required": true,
            "description": "The new interaction.",
            "content": { "application/json": { "schema": schema("InteractionInput"), "example": {
                "kind": "note_verbale", "direction": "outgoing", "subject": "Invitation to the General Conference",
                "occurred_at": "2026-03-04T10:30:00Z", "partner_ids": [EXAMPLE_ID],
                "follow_ups": [{ "action": "Confirm the delegation", "owner_id": EXAMPLE_ID, "due_on": "2026-03-20" }],
            } } },
        })),
        responses,
        public: false,
    }
    .build()
}

fn get_interaction() -> Value {
    let mut responses = vec![("200", ok("Interaction", "The interaction."))];
    responses.extend(read_errors(true));
    let description = format!("One interaction with its links and follow-ups. {CONFIDENTIAL}");
    Op {
        id: "getInteraction",
        tag: "Interactions",
        summary: "Read an interaction",
        description: &description,
        parameters: vec![param("InteractionId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn update_interaction() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "Interaction",
            "The interaction as saved, with its new `version`.",
        ),
    )];
    responses.extend(write_errors(true, true));
    Op {
        id: "updateInteraction",
        tag: "Interactions",
        summary: "Change an interaction",
        description: "Changes only the fields sent, given the `version` last seen (or `If-Match`). `follow_ups`, when sent, replaces the whole list: keep a follow-up's `id` to keep it, and set `done` to tick it off. The registry number never changes. A stale version answers `409 version_conflict` with the current interaction in `details.current`.",
        parameters: vec![param("InteractionId"), param("IfMatch")],
        body: Some(json!({
            "required": true,
            "description": "The fields to change and the version last seen.",
            "content": { "application/json": { "schema": schema("InteractionPatch"), "example": { "summary": "Delegation confirmed.", "version": 2 } } },
        })),
        responses,
        public: false,
    }
    .build()
}

fn interaction_history() -> Value {
    let mut responses = vec![("200", ok("HistoryPage", "The audit events, newest first."))];
    responses.extend(read_errors(true));
    Op {
        id: "getInteractionHistory",
        tag: "Interactions",
        summary: "History of an interaction",
        description: "The audit events of the interaction: who recorded it, changed it, ticked off its follow-ups or re-routed it to a successor.",
        parameters: vec![param("InteractionId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn list_follow_ups() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "FollowUpPage",
            "The follow-ups, the earliest due first (one page, at most `limit`).",
        ),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    let description = format!(
        "Follow-up actions of the interactions the caller sees: someone's work list (`owner_id=me` for the caller's own), a partner's or a contact's open actions. {CONFIDENTIAL} Staff only."
    );
    Op {
        id: "listFollowUps",
        tag: "Interactions",
        summary: "List follow-up actions",
        description: &description,
        parameters: vec![
            json!({ "name": "owner_id", "in": "query", "required": false, "description": "Only those of this user (`me`: the caller).", "schema": { "type": "string" } }),
            id_filter("partner_id", "Only those of interactions naming this partner."),
            id_filter("contact_id", "Only those of interactions naming this contact."),
            json!({ "name": "open", "in": "query", "required": false, "description": "Only open ones (`true`, the default) or all (`false`).", "schema": { "type": "string", "enum": ["true", "false"], "default": "true" } }),
            json!({ "name": "due_by", "in": "query", "required": false, "description": "Only those due on or before this day.", "schema": { "type": "string", "format": "date" } }),
            param("Limit"),
        ],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn mark_follow_up_done() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "Interaction",
            "The interaction of the follow-up, with its new `version`.",
        ),
    )];
    responses.extend(write_errors(true, false));
    Op {
        id: "markFollowUpDone",
        tag: "Interactions",
        summary: "Tick off a follow-up",
        description: "Marks a follow-up done (or open again with `{\"done\": false}`); the body may be empty. Its owner may do this whatever their role; otherwise every staff role but viewer.",
        parameters: vec![param("FollowUpId")],
        body: Some(json!({
            "required": false,
            "description": "Whether it is done (default `true`).",
            "content": { "application/json": { "schema": schema("FollowUpDone"), "example": { "done": true } } },
        })),
        responses,
        public: false,
    }
    .build()
}

fn list_dormant_partners() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "DormantPartnerPage",
            "The partners with no interaction since then.",
        ),
    )];
    responses.extend(read_errors(false));
    responses.push(("422", response("ValidationFailed")));
    Op {
        id: "listDormantPartners",
        tag: "Interactions",
        summary: "Partners without contact for N months",
        description: "Partners (not merged, not blocked) with no interaction the caller can see for `months` months (default 6): those never contacted first, then the longest silent. Paged by `offset`. Staff only.",
        parameters: vec![
            json!({ "name": "months", "in": "query", "required": false, "description": "How many months without contact (1–120).", "schema": { "type": "integer", "minimum": 1, "maximum": 120, "default": 6 } }),
            param("Limit"),
            json!({ "name": "offset", "in": "query", "required": false, "description": "How many to skip.", "schema": { "type": "integer", "minimum": 0, "default": 0 } }),
        ],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn get_partner_health() -> Value {
    let mut responses = vec![(
        "200",
        ok("PartnerHealth", "The partner's relationship health."),
    )];
    responses.extend(read_errors(true));
    Op {
        id: "getPartnerHealth",
        tag: "Interactions",
        summary: "A partner's relationship health",
        description: "The last contact and the days since, the open and overdue follow-up actions, the active agreements and those ending within 90 days, counting only what the caller may see. Staff only.",
        parameters: vec![param("PartnerId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn get_open_items() -> Value {
    let mut responses = vec![("200", ok("OpenItems", "What names the contact."))];
    responses.extend(read_errors(true));
    Op {
        id: "getContactOpenItems",
        tag: "Interactions",
        summary: "A contact's open items",
        description: "What to re-route when the contact leaves their post: open follow-ups of interactions that name them, agreements in progress whose parties include an organization where they hold (or held in the last 90 days) a position or that they signed, and outreach cases whose diplomatic mission is such an organization. Staff only.",
        parameters: vec![param("ContactId")],
        body: None,
        responses,
        public: false,
    }
    .build()
}

fn end_contact_position() -> Value {
    let mut responses = vec![(
        "200",
        ok(
            "EndedPosition",
            "The contact, the successor and what was re-routed.",
        ),
    )];
    responses.extend(write_errors(true, true));
    Op {
        id: "endContactPosition",
        tag: "Interactions",
        summary: "End a position, naming the successor",
        description: "Ends the contact's position `n` on `on`. With `successor_id`, in the same transaction, the successor gets the same title at the same partner from the next day, and every interaction with open follow-ups that names the contact names the successor too. Each change is audited. Roles: admin, officer.",
        parameters: vec![param("ContactId"), param("PositionNumber")],
        body: Some(json!({
            "required": true,
            "description": "The last day, the successor and optionally the contact's version last seen.",
            "content": { "application/json": { "schema": schema("EndPositionInput"), "example": { "on": "2026-08-31", "successor_id": EXAMPLE_ID } } },
        })),
        responses,
        public: false,
    }
    .build()
}

/// The schemas these operations use.
pub fn schemas() -> Vec<(&'static str, Value)> {
    let kinds: Vec<&str> = InteractionKind::ALL.iter().map(|k| k.as_str()).collect();
    let directions: Vec<&str> = Direction::ALL.iter().map(|d| d.as_str()).collect();
    let ids = |description: &str| list_of(uuid("An id."), description);
    let follow_up = object(
        "An action someone must take after an interaction.",
        &["action"],
        vec![
            ("id", uuid("Its id; send it back to keep the follow-up.")),
            ("action", text_max(300, "What to do.")),
            (
                "owner_id",
                nullable(uuid("The staff member who must do it.")),
            ),
            ("due_on", nullable(date("When it is due."))),
            (
                "done",
                json!({ "type": "boolean", "default": false, "description": "Whether it is done." }),
            ),
            (
                "overdue",
                json!({ "type": "boolean", "readOnly": true, "description": "Open and past due (answers only)." }),
            ),
        ],
    );
    let input_fields = || {
        vec![
            ("kind", schema("InteractionKind")),
            ("direction", schema("Direction")),
            (
                "sender_reference",
                nullable(text_max(
                    120,
                    "The sender's reference of incoming correspondence.",
                )),
            ),
            ("subject", text_max(300, "What it was about.")),
            (
                "occurred_at",
                json!({ "type": "string", "description": "When it took place: RFC 3339, or `YYYY-MM-DD` (midnight UTC)." }),
            ),
            (
                "summary",
                nullable(text_max(5000, "What was said or written.")),
            ),
            ("partner_ids", ids("The partners taking part.")),
            ("contact_ids", ids("The people at partners taking part.")),
            (
                "staff_ids",
                ids("The organization's staff taking part (user ids)."),
            ),
            ("agreement_ids", ids("The agreements it concerns.")),
            (
                "outreach_case_id",
                nullable(uuid("The outreach case it belongs to.")),
            ),
            (
                "confidential",
                json!({ "type": "boolean", "default": false, "description": "Seen only by those named on it, the director and administrators." }),
            ),
            (
                "visible_to",
                ids("Other users who may read it when confidential."),
            ),
            (
                "follow_ups",
                list_of(schema("FollowUp"), "Actions to take after it."),
            ),
        ]
    };
    let mut interaction = input_fields();
    interaction.push((
        "registry_number",
        nullable(text(
            "The registry number of outgoing letters and notes verbales.",
        )),
    ));
    interaction.push(("created_by", nullable(uuid("Who recorded it."))));
    let mut patch = input_fields();
    patch.push(("version", integer("The version last seen.")));
    let follow_up_item = object(
        "A follow-up with what it follows up.",
        &["id", "interaction_id", "action", "done"],
        vec![
            ("id", uuid("The follow-up's id.")),
            ("interaction_id", uuid("Its interaction.")),
            ("subject", text("The interaction's subject.")),
            ("kind", schema("InteractionKind")),
            ("occurred_at", timestamp("When the interaction took place.")),
            ("action", text("What to do.")),
            ("owner_id", nullable(uuid("Who must do it."))),
            ("owner_name", nullable(text("Their name."))),
            ("due_on", nullable(date("When it is due."))),
            ("done", json!({ "type": "boolean" })),
            ("overdue", json!({ "type": "boolean" })),
        ],
    );
    vec![
        (
            "InteractionKind",
            json!({ "type": "string", "enum": kinds, "description": "What sort of exchange took place." }),
        ),
        (
            "Direction",
            json!({ "type": "string", "enum": directions, "description": "Which way it went." }),
        ),
        ("FollowUp", follow_up),
        ("FollowUpItem", follow_up_item),
        (
            "Interaction",
            object(
                "An entry of the communications log.",
                &[
                    "id",
                    "version",
                    "kind",
                    "direction",
                    "subject",
                    "occurred_at",
                    "confidential",
                    "created_at",
                    "updated_at",
                ],
                record_fields(interaction),
            ),
        ),
        (
            "InteractionInput",
            json!({
                "type": "object", "additionalProperties": false,
                "required": ["kind", "direction", "subject", "occurred_at"],
                "description": "A new interaction.",
                "properties": input_fields().into_iter().map(|(k, v)| (k.to_string(), v)).collect::<serde_json::Map<_, _>>(),
            }),
        ),
        (
            "InteractionPatch",
            json!({
                "type": "object", "additionalProperties": false,
                "description": "The fields to change, with the version last seen.",
                "properties": patch.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<serde_json::Map<_, _>>(),
            }),
        ),
        (
            "InteractionPage",
            page_schema("Interaction", "A page of interactions."),
        ),
        (
            "FollowUpPage",
            page_schema("FollowUpItem", "Follow-up actions."),
        ),
        (
            "FollowUpDone",
            json!({ "type": "object", "additionalProperties": false, "description": "Whether a follow-up is done.", "properties": { "done": { "type": "boolean", "default": true } } }),
        ),
        (
            "PartnerHealth",
            object(
                "A partner's relationship health.",
                &[
                    "interactions",
                    "open_actions",
                    "overdue_actions",
                    "active_agreements",
                    "expiring_within_90_days",
                ],
                vec![
                    (
                        "last_contact_at",
                        nullable(timestamp("The latest interaction.")),
                    ),
                    (
                        "days_since_contact",
                        nullable(integer("Whole days since then.")),
                    ),
                    ("interactions", integer("Interactions so far.")),
                    ("open_actions", integer("Open follow-up actions.")),
                    (
                        "overdue_actions",
                        integer("Open follow-up actions past due."),
                    ),
                    ("active_agreements", integer("Active agreements.")),
                    (
                        "expiring_within_90_days",
                        integer("Active agreements ending within 90 days."),
                    ),
                ],
            ),
        ),
        (
            "DormantPartnerPage",
            object(
                "Partners without contact.",
                &["months", "since", "items", "total"],
                vec![
                    ("months", integer("The months asked for.")),
                    ("since", date("No interaction on or after this day.")),
                    (
                        "items",
                        list_of(
                            object(
                                "A partner without contact.",
                                &["id", "name"],
                                vec![
                                    ("id", uuid("The partner's id.")),
                                    ("name", schema("LocalizedText")),
                                    ("country", nullable(text("ISO 3166-1 alpha-2."))),
                                    ("kind", text("The partner's kind.")),
                                    ("status", text("The partner's status.")),
                                    (
                                        "last_contact_at",
                                        nullable(timestamp("The latest interaction, if any.")),
                                    ),
                                ],
                            ),
                            "The partners of this page.",
                        ),
                    ),
                    ("total", integer("How many match.")),
                    (
                        "next_offset",
                        nullable(integer("The `offset` of the next page.")),
                    ),
                ],
            ),
        ),
        (
            "OpenItems",
            object(
                "What names a contact and should be re-routed when they leave.",
                &["follow_ups", "agreements", "outreach_cases"],
                vec![
                    (
                        "follow_ups",
                        list_of(
                            schema("FollowUpItem"),
                            "Open follow-ups of interactions naming them.",
                        ),
                    ),
                    (
                        "agreements",
                        list_of(
                            object(
                                "An agreement in progress.",
                                &["id", "reference", "status", "reason"],
                                vec![
                                    ("id", uuid("The agreement's id.")),
                                    ("reference", text("Its reference.")),
                                    ("title", schema("LocalizedText")),
                                    ("status", text("Its status.")),
                                    (
                                        "reason",
                                        json!({ "type": "string", "enum": ["party", "signatory"], "description": "Their organization is a party, or they signed it." }),
                                    ),
                                ],
                            ),
                            "Agreements in progress.",
                        ),
                    ),
                    (
                        "outreach_cases",
                        list_of(
                            object(
                                "An outreach case.",
                                &["id", "country", "stage"],
                                vec![
                                    ("id", uuid("The case's id.")),
                                    ("country", text("The country approached.")),
                                    ("stage", text("Its stage.")),
                                    ("mission_partner_id", uuid("The diplomatic mission.")),
                                    ("next_action", nullable(text("The next action."))),
                                    ("next_action_on", nullable(date("Its date."))),
                                ],
                            ),
                            "Outreach cases through their organization.",
                        ),
                    ),
                ],
            ),
        ),
        (
            "EndPositionInput",
            json!({
                "type": "object", "additionalProperties": false, "required": ["on"],
                "description": "The end of a position.",
                "properties": {
                    "on": { "type": "string", "format": "date", "description": "The last day in the post." },
                    "successor_id": { "type": ["string", "null"], "format": "uuid", "description": "The contact who takes over." },
                    "version": { "type": "integer", "description": "The contact's version last seen." },
                },
            }),
        ),
        (
            "EndedPosition",
            object(
                "The outcome of ending a position.",
                &["contact", "rerouted_interaction_ids", "open_items"],
                vec![
                    ("contact", schema("Contact")),
                    (
                        "successor",
                        json!({ "oneOf": [schema("Contact"), { "type": "null" }] }),
                    ),
                    (
                        "rerouted_interaction_ids",
                        ids("Interactions that now name the successor."),
                    ),
                    ("open_items", schema("OpenItems")),
                ],
            ),
        ),
    ]
}
