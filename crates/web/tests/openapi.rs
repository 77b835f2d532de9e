//! The OpenAPI document: served without authentication, equal to the
//! checked-in snapshot (`UPDATE_SNAPSHOTS=1` rewrites it), structurally sound,
//! and in step with the router: every route is documented and every
//! documented operation is answered. Also the reference page `/api`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestApp;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// Every route of the API router and the health checks, as a client calls
/// them. The document must describe exactly these.
const ROUTES: [(&str, &str); 82] = [
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/me"),
    ("POST", "/api/v1/me/calendar-token"),
    ("GET", "/api/v1/partners"),
    ("POST", "/api/v1/partners"),
    ("GET", "/api/v1/partners/duplicates"),
    ("GET", "/api/v1/partners/export"),
    ("GET", "/api/v1/partners/{id}"),
    ("PATCH", "/api/v1/partners/{id}"),
    ("POST", "/api/v1/partners/{id}/merge"),
    ("GET", "/api/v1/partners/{id}/history"),
    ("GET", "/api/v1/contacts"),
    ("POST", "/api/v1/contacts"),
    ("GET", "/api/v1/contacts/{id}"),
    ("PATCH", "/api/v1/contacts/{id}"),
    ("GET", "/api/v1/contacts/{id}/history"),
    ("GET", "/api/v1/contacts/duplicates"),
    ("POST", "/api/v1/contacts/{id}/merge"),
    ("GET", "/api/v1/units"),
    ("POST", "/api/v1/units"),
    ("GET", "/api/v1/units/{code}"),
    ("PATCH", "/api/v1/units/{code}"),
    ("GET", "/api/v1/units/{code}/history"),
    ("GET", "/api/v1/countries"),
    ("GET", "/api/v1/countries/{code}"),
    ("PATCH", "/api/v1/countries/{code}"),
    ("GET", "/api/v1/countries/{code}/history"),
    ("GET", "/api/v1/users"),
    ("POST", "/api/v1/users"),
    ("GET", "/api/v1/users/{id}"),
    ("PATCH", "/api/v1/users/{id}"),
    ("GET", "/api/v1/users/{id}/history"),
    // Agreements
    ("GET", "/api/v1/agreements"),
    ("POST", "/api/v1/agreements"),
    ("GET", "/api/v1/agreements/{id}"),
    ("PATCH", "/api/v1/agreements/{id}"),
    ("GET", "/api/v1/agreements/{id}/history"),
    ("POST", "/api/v1/agreements/{id}/transitions"),
    ("GET", "/api/v1/agreements/{id}/reviews"),
    ("POST", "/api/v1/agreements/{id}/reviews/{step_id}/decision"),
    ("GET", "/api/v1/agreements/{id}/signatures"),
    ("POST", "/api/v1/agreements/{id}/signatures"),
    ("POST", "/api/v1/agreements/{id}/validation"),
    ("GET", "/api/v1/agreements/{id}/comments"),
    ("POST", "/api/v1/agreements/{id}/comments"),
    ("GET", "/api/v1/agreements/{id}/timeline"),
    ("POST", "/api/v1/agreements/{id}/renew"),
    ("POST", "/api/v1/agreements/{id}/amendments"),
    ("GET", "/api/v1/agreements/{id}/consolidated"),
    ("GET", "/api/v1/review-chains/{kind}"),
    ("PUT", "/api/v1/review-chains/{kind}"),
    ("GET", "/api/v1/metrics/cycle-times"),
    // Drafts and notifications
    ("GET", "/api/v1/agreements/{id}/versions"),
    ("POST", "/api/v1/agreements/{id}/versions"),
    ("GET", "/api/v1/agreements/{id}/versions/compare"),
    ("GET", "/api/v1/agreements/{id}/versions/{number}/file"),
    ("GET", "/api/v1/agreements/{id}/documents"),
    ("POST", "/api/v1/agreements/{id}/documents"),
    (
        "GET",
        "/api/v1/agreements/{id}/documents/{document_id}/file",
    ),
    ("GET", "/api/v1/notifications"),
    ("POST", "/api/v1/notifications/{id}/read"),
    // The communications log
    ("GET", "/api/v1/interactions"),
    ("POST", "/api/v1/interactions"),
    ("GET", "/api/v1/interactions/export"),
    ("GET", "/api/v1/interactions/{id}"),
    ("PATCH", "/api/v1/interactions/{id}"),
    ("GET", "/api/v1/interactions/{id}/history"),
    ("GET", "/api/v1/follow-ups"),
    ("POST", "/api/v1/follow-ups/{id}/done"),
    ("GET", "/api/v1/partners/dormant"),
    ("GET", "/api/v1/partners/{id}/health"),
    ("GET", "/api/v1/contacts/{id}/open-items"),
    ("POST", "/api/v1/contacts/{id}/positions/{n}/end"),
    // Outreach
    ("GET", "/api/v1/outreach"),
    ("POST", "/api/v1/outreach"),
    ("GET", "/api/v1/outreach/{id}"),
    ("PATCH", "/api/v1/outreach/{id}"),
    ("GET", "/api/v1/outreach/{id}/history"),
    ("POST", "/api/v1/outreach/{id}/transitions"),
    ("GET", "/api/v1/metrics/outreach-funnel"),
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

async fn served_document(app: &TestApp) -> Value {
    let request = Request::builder()
        .uri("/api/v1/openapi.json")
        .body(Body::empty())
        .expect("request");
    let answer = app.send(request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let media = answer
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(media.starts_with("application/json"), "{media}");
    answer.json()
}

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json")
}

/// Every operation: (upper-case method, path as served, operation).
fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let root_server = server(doc).unwrap_or_default();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let base = server(item).unwrap_or_else(|| root_server.clone());
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                out.push((
                    method.to_uppercase(),
                    format!("{}{}", base.trim_end_matches('/'), path),
                    operation,
                ));
            }
        }
    }
    out
}

fn server(value: &Value) -> Option<String> {
    value
        .get("servers")?
        .get(0)?
        .get("url")?
        .as_str()
        .map(str::to_string)
}

fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => doc
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved {reference}")),
        None => value,
    }
}

fn collect_refs(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "$ref" {
                    out.push((at.to_string(), inner.as_str().unwrap_or("").to_string()));
                } else {
                    collect_refs(inner, &format!("{at}/{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                collect_refs(inner, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn document_matches_the_snapshot() {
    let app = TestApp::new().await;
    let doc = served_document(&app).await;
    let text = serde_json::to_string_pretty(&doc).expect("json") + "\n";
    let path = snapshot_path();
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("snapshot folder");
        std::fs::write(&path, &text).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != text {
        let line = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(text.lines().count()));
        panic!(
            "the OpenAPI document differs from {} from line {}:\n  snapshot: {}\n  served:   {}\nIf the change is intended, run the test with UPDATE_SNAPSHOTS=1 and review the diff.",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("(end)"),
            text.lines().nth(line).unwrap_or("(end)"),
        );
    }
}

#[tokio::test]
async fn document_is_structurally_sound() {
    let app = TestApp::new().await;
    let doc = served_document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Accord API");
    assert_eq!(doc["info"]["version"], "1");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
    assert!(
        doc["security"]
            .as_array()
            .expect("security")
            .contains(&json!({ "bearerAuth": [] }))
    );

    let mut refs = Vec::new();
    collect_refs(&doc, "#", &mut refs);
    assert!(refs.len() > 100, "only {} references", refs.len());
    for (at, reference) in &refs {
        assert!(
            reference.starts_with("#/components/"),
            "{at}: {reference} is not a component"
        );
        assert!(
            doc.pointer(&reference[1..]).is_some(),
            "{at}: {reference} does not resolve"
        );
    }

    let declared_tags: HashSet<&str> = doc["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    let mut ids = HashSet::new();
    for (method, path, operation) in operations(&doc) {
        let id = operation["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
        assert!(ids.insert(id.to_string()), "operationId {id} is used twice");
        assert!(
            operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
            "{id} has no summary"
        );
        let tags = operation["tags"]
            .as_array()
            .unwrap_or_else(|| panic!("{id} has no tag"));
        assert!(
            tags.iter()
                .all(|t| t.as_str().is_some_and(|t| declared_tags.contains(t))),
            "{id} has an undeclared tag"
        );
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| r.keys().any(|k| k.starts_with('2'))),
            "{id} has no success response"
        );

        let parameters: Vec<&Value> = operation["parameters"]
            .as_array()
            .map(|p| p.iter().map(|p| resolve(&doc, p)).collect())
            .unwrap_or_default();
        let in_path: BTreeSet<&str> = parameters
            .iter()
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str())
            .collect();
        let placeholders: BTreeSet<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        assert_eq!(
            in_path, placeholders,
            "{id}: path parameters and {path} disagree"
        );
        for p in parameters.iter().filter(|p| p["in"] == "path") {
            assert_eq!(
                p["required"], true,
                "{id}: path parameter {} must be required",
                p["name"]
            );
        }
        let mut seen = HashSet::new();
        for p in &parameters {
            assert!(
                seen.insert((p["in"].to_string(), p["name"].to_string())),
                "{id}: parameter {} twice",
                p["name"]
            );
        }
        if ["POST", "PATCH", "PUT"].contains(&method.as_str()) {
            assert!(operation.get("requestBody").is_some(), "{id} takes no body");
        }
    }
}

/// The records whose ids fill the placeholders of the documented routes.
struct Records {
    partner: String,
    contact: String,
    user: String,
    agreement: String,
    notification: String,
    document: String,
    interaction: String,
    follow_up: String,
    outreach: String,
}

/// The address of a documented route with real records in its placeholders.
fn concrete(path: &str, records: &Records) -> String {
    let id = if path.starts_with("/api/v1/partners") {
        &records.partner
    } else if path.starts_with("/api/v1/contacts") {
        &records.contact
    } else if path.starts_with("/api/v1/agreements") {
        &records.agreement
    } else if path.starts_with("/api/v1/notifications") {
        &records.notification
    } else if path.starts_with("/api/v1/interactions") {
        &records.interaction
    } else if path.starts_with("/api/v1/follow-ups") {
        &records.follow_up
    } else if path.starts_with("/api/v1/outreach") {
        &records.outreach
    } else {
        &records.user
    };
    let code = if path.starts_with("/api/v1/units") {
        "ED"
    } else {
        "MA"
    };
    path.replace("{id}", id)
        .replace("{code}", code)
        .replace("{kind}", "mou")
        .replace("{step_id}", &uuid::Uuid::nil().to_string())
        .replace("{number}", "1")
        .replace("{document_id}", &records.document)
        .replace("{n}", "0")
}

/// Uploads a small text draft to an agreement through the API, as
/// `multipart/form-data` built by hand.
async fn upload_text_draft(app: &TestApp, token: &str, agreement: &str) {
    let boundary = "accord-route-check-boundary";
    let body = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"direction\"\r\n\r\n\
         internal\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"note\"\r\n\r\n\
         First draft\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"draft.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n\
         Article 1. The parties cooperate in education.\r\n\
         --{boundary}--\r\n"
    );
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/agreements/{agreement}/versions"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .expect("request");
    let answer = app.send(request).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()["number"], 1, "{}", answer.text());
}

/// Keeps a small PDF with an agreement through the API; returns its id.
async fn add_document(app: &TestApp, token: &str, agreement: &str) -> String {
    let boundary = "accord-route-check-boundary";
    let body = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"purpose\"\r\n\r\n\
         signed_copy\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"signed.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n\
         %PDF-1.4 signed\r\n\
         --{boundary}--\r\n"
    );
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/agreements/{agreement}/documents"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .expect("request");
    let answer = app.send(request).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"]
        .as_str()
        .expect("document id")
        .to_string()
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_answers() {
    let app = TestApp::new().await;
    let doc = served_document(&app).await;
    let documented: BTreeSet<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(m, p, _)| (m, p))
        .collect();
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let undocumented: Vec<_> = listed.difference(&documented).collect();
    let unlisted: Vec<_> = documented.difference(&listed).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the document: {undocumented:?}"
    );
    assert!(
        unlisted.is_empty(),
        "documented operations missing from ROUTES: {unlisted:?}"
    );

    let admin = app.user(Role::Admin, "route-admin@test.accord").await;
    let token = app.token_for(&admin).await;
    let partner = app
        .post(
            "/api/v1/partners",
            &token,
            json!({ "name": { "en": "Route check" }, "kind": "ngo" }),
        )
        .await;
    assert_eq!(partner.status, StatusCode::CREATED, "{}", partner.text());
    let partner = partner.json()["id"]
        .as_str()
        .expect("partner id")
        .to_string();
    let contact = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({ "name": "Route Check", "positions": [{ "partner_id": partner, "title": "Ambassador" }] }),
        )
        .await;
    let contact = contact.json()["id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::nil().to_string());
    let user = app
        .user(Role::Viewer, "route-check@test.accord")
        .await
        .id
        .to_string();
    let agreement = app
        .post(
            "/api/v1/agreements",
            &token,
            json!({ "title": { "en": "Route check" }, "kind": "mou", "partner_ids": [partner], "lead_unit": "ED" }),
        )
        .await;
    assert_eq!(
        agreement.status,
        StatusCode::CREATED,
        "{}",
        agreement.text()
    );
    let agreement = agreement.json()["id"]
        .as_str()
        .expect("agreement id")
        .to_string();
    upload_text_draft(&app, &token, &agreement).await;
    let document = add_document(&app, &token, &agreement).await;
    let notification = accord_store::notifications::NewNotification {
        user_id: admin.id,
        kind: "signed".into(),
        agreement_id: uuid::Uuid::parse_str(&agreement).ok(),
        key: "route-check".into(),
        payload: json!({}),
    };
    accord_store::notifications::insert_notification(
        &app.db,
        &notification,
        accord_store::now_micros(),
    )
    .await
    .expect("notification");
    let interaction = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "call", "direction": "outgoing", "subject": "Route check", "occurred_at": "2026-01-05",
                    "follow_ups": [{ "action": "Call back" }] }),
        )
        .await;
    assert_eq!(
        interaction.status,
        StatusCode::CREATED,
        "{}",
        interaction.text()
    );
    let interaction = interaction.json();
    let outreach = app
        .post("/api/v1/outreach", &token, json!({ "country": "BR" }))
        .await;
    assert_eq!(outreach.status, StatusCode::CREATED, "{}", outreach.text());
    let outreach = outreach.json()["id"]
        .as_str()
        .expect("outreach id")
        .to_string();
    let records = Records {
        outreach,
        interaction: interaction["id"].as_str().expect("id").to_string(),
        follow_up: interaction["follow_ups"][0]["id"]
            .as_str()
            .expect("follow-up id")
            .to_string(),
        partner,
        contact,
        user,
        agreement,
        notification: accord_store::notifications::notification_id(admin.id, "route-check")
            .to_string(),
        document,
    };

    let mut failures = Vec::new();
    for (method, path) in ROUTES {
        let uri = concrete(path, &records);
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let body = (method != Method::GET).then_some(json!({}));
        let answer = app.api(method.clone(), &uri, &token, body).await;
        if answer.status == StatusCode::NOT_FOUND || answer.status == StatusCode::METHOD_NOT_ALLOWED
        {
            failures.push(format!(
                "{method} {uri}: {} {}",
                answer.status,
                answer.text()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "documented routes that the app does not answer:\n{}",
        failures.join("\n")
    );
}

/// The text of HTML with the entities askama writes turned back into characters.
fn unescape(html: &str) -> String {
    [
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(html.to_string(), |text, (entity, c)| {
        text.replace(entity, c)
    })
}

#[tokio::test]
async fn reference_page_shows_every_operation_to_signed_in_users() {
    let app = TestApp::new().await;
    let doc = served_document(&app).await;
    let count = operations(&doc).len();

    let anonymous = app
        .send(
            Request::builder()
                .uri("/api")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| l.starts_with("/login"))
    );

    app.user(Role::Viewer, "reader@test.accord").await;
    let mut browser = app.browser("reader@test.accord").await;
    let answer = app.page(&mut browser, "/api").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let html = answer.text();
    assert_eq!(html.matches("<section class=\"endpoint\"").count(), count);
    assert!(html.contains("<h3 id=\"listPartners-title\"><span class=\"method method-get\">GET</span> <code dir=\"ltr\">/api/v1/partners</code></h3>"));
    assert!(html.contains("<span class=\"method method-patch\">PATCH</span> <code dir=\"ltr\">/api/v1/partners/{id}</code>"));
    assert!(html.contains("href=\"/profile\""));
    let text = unescape(&html);
    assert!(
        text.contains("curl -X PATCH \\\n  -H \"Authorization: Bearer $ACCORD_TOKEN\""),
        "no curl example"
    );
    assert!(
        text.contains("-d '{\"status\":\"active\",\"version\":3}'"),
        "no curl body"
    );
    assert!(
        html.contains("aria-current=\"page\">API</a>"),
        "the API menu entry is current"
    );
    for field in ["positions[].partner_id", "identifiers[].scheme", "version"] {
        assert!(
            html.contains(&format!("<code dir=\"ltr\">{field}</code>")),
            "no field {field}"
        );
    }
    assert!(
        !html.contains("apidocs-"),
        "a message key is missing from locales/en/apidocs.ftl"
    );
}
