//! Real answers of the main operations checked against the schemas of the
//! served OpenAPI document, with a JSON Schema (2020-12) validator, formats
//! included: the document cannot drift from what the handlers send. Also the
//! list parameters every list takes, and the calendar feed address of `/me`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::{Method, StatusCode};
use common::{Answer, TestApp};
use serde_json::{Value, json};

/// The served document.
async fn document(app: &TestApp) -> Value {
    let token = app.token(Role::Viewer).await;
    let answer = app.get("/api/v1/openapi.json", &token).await;
    assert_eq!(answer.status, StatusCode::OK);
    answer.json()
}

/// Follows a `$ref` inside the document.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => doc
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved {reference}")),
        None => value,
    }
}

/// Checks an answer against the schema the document gives for this
/// operation and status; panics with every violation.
fn check(doc: &Value, method: &str, path: &str, answer: &Answer) {
    let status = answer.status.as_u16().to_string();
    let operation = doc["paths"][path][method.to_lowercase()].clone();
    assert!(operation.is_object(), "{method} {path} is not documented");
    let response = resolve(doc, &operation["responses"][&status]);
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which is not documented: {}",
        answer.text()
    );
    let schema = response["content"]["application/json"]["schema"].clone();
    assert!(
        !schema.is_null(),
        "{method} {path} {status} has no JSON schema"
    );
    // The schema is checked inside a copy of the document's components, so
    // that its `$ref`s resolve as they do in the document.
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": doc["components"],
        "allOf": [schema],
    });
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{method} {path} {status}: bad schema: {e}"));
    let body = answer.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status} does not match its schema:\n{}\nbody: {body}",
        errors.join("\n")
    );
}

/// Calls the API and checks the answer against the document.
async fn call(
    app: &TestApp,
    doc: &Value,
    token: &str,
    method: &str,
    template: &str,
    uri: &str,
    body: Option<Value>,
) -> Answer {
    let m = Method::from_bytes(method.as_bytes()).expect("method");
    let answer = app.api(m, uri, token, body).await;
    check(doc, method, template, &answer);
    answer
}

#[tokio::test]
async fn answers_of_the_main_operations_match_the_document() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let admin = app.user(Role::Admin, "schema-admin@test.accord").await;
    let token = app.token_for(&admin).await;
    let viewer = app.token(Role::Viewer).await;

    // Who am I, and the calendar feed.
    call(&app, &doc, &token, "GET", "/me", "/api/v1/me", None).await;
    call(
        &app,
        &doc,
        &token,
        "POST",
        "/me/calendar-token",
        "/api/v1/me/calendar-token",
        Some(json!({})),
    )
    .await;

    // Units.
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/units",
        "/api/v1/units?limit=2&sort=-code",
        None,
    )
    .await;
    let created = call(&app, &doc, &token, "POST", "/units", "/api/v1/units",
        Some(json!({ "code": "SCH", "name": { "en": "Schema unit", "ar": "وحدة" }, "kind": "department" }))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/units/{code}",
        "/api/v1/units/sch",
        None,
    )
    .await;
    let updated = call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/units/{code}",
        "/api/v1/units/SCH",
        Some(json!({ "active": false, "version": 1 })),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    let stale = call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/units/{code}",
        "/api/v1/units/SCH",
        Some(json!({ "active": true, "version": 1 })),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/units/{code}/history",
        "/api/v1/units/SCH/history",
        None,
    )
    .await;
    let duplicate = call(
        &app,
        &doc,
        &token,
        "POST",
        "/units",
        "/api/v1/units",
        Some(json!({ "code": "SCH", "name": { "en": "Again" }, "kind": "department" })),
    )
    .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    let invalid = call(
        &app,
        &doc,
        &token,
        "POST",
        "/units",
        "/api/v1/units",
        Some(json!({ "code": "" })),
    )
    .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Countries.
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/countries",
        "/api/v1/countries?limit=200",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/countries",
        "/api/v1/countries?q=maroc",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/countries/{code}",
        "/api/v1/countries/ma",
        None,
    )
    .await;
    let country = app.get("/api/v1/countries/BR", &token).await.json();
    let changed = call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/countries/{code}",
        "/api/v1/countries/BR",
        Some(
            json!({ "membership": "observer", "membership_since": "2024-05-15", "verified": true,
                     "note": "Schema check", "version": country["version"] }),
        ),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/countries/{code}/history",
        "/api/v1/countries/BR/history",
        None,
    )
    .await;
    let missing = call(
        &app,
        &doc,
        &token,
        "GET",
        "/countries/{code}",
        "/api/v1/countries/QQ",
        None,
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let forbidden = call(
        &app,
        &doc,
        &viewer,
        "PATCH",
        "/countries/{code}",
        "/api/v1/countries/BR",
        Some(json!({ "version": 1 })),
    )
    .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // Users.
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/users",
        "/api/v1/users?limit=1",
        None,
    )
    .await;
    let user = call(
        &app,
        &doc,
        &token,
        "POST",
        "/users",
        "/api/v1/users",
        Some(
            json!({ "email": "schema.user@test.accord", "name": "Schema User", "role": "viewer",
                     "lang": "fr", "password": "a long passphrase" }),
        ),
    )
    .await;
    assert_eq!(user.status, StatusCode::CREATED, "{}", user.text());
    let id = user.json()["id"].as_str().expect("id").to_string();
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/users/{id}",
        &format!("/api/v1/users/{id}"),
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/users/{id}",
        &format!("/api/v1/users/{id}"),
        Some(json!({ "name": "Schema User Renamed", "version": 1 })),
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/users/{id}/history",
        &format!("/api/v1/users/{id}/history"),
        None,
    )
    .await;

    // Partners, contacts, interactions, outreach and notifications.
    let partner = call(
        &app,
        &doc,
        &token,
        "POST",
        "/partners",
        "/api/v1/partners",
        Some(json!({ "name": { "en": "Schema partner" }, "kind": "ngo", "country": "MA" })),
    )
    .await;
    assert_eq!(partner.status, StatusCode::CREATED, "{}", partner.text());
    let partner_id = partner.json()["id"].as_str().expect("id").to_string();
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/partners",
        "/api/v1/partners?limit=5",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/partners/{id}",
        &format!("/api/v1/partners/{partner_id}"),
        None,
    )
    .await;
    let version = app
        .get(&format!("/api/v1/partners/{partner_id}"), &token)
        .await
        .json()["version"]
        .clone();
    call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/partners/{id}",
        &format!("/api/v1/partners/{partner_id}"),
        Some(json!({ "status": "active", "version": version })),
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/partners/{id}/history",
        &format!("/api/v1/partners/{partner_id}/history"),
        None,
    )
    .await;

    let contact = call(&app, &doc, &token, "POST", "/contacts", "/api/v1/contacts",
        Some(json!({ "name": "Schema Contact", "positions": [{ "partner_id": partner_id, "title": "Director" }] }))).await;
    assert_eq!(contact.status, StatusCode::CREATED, "{}", contact.text());
    let contact_id = contact.json()["id"].as_str().expect("id").to_string();
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/contacts",
        "/api/v1/contacts",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/contacts/{id}",
        &format!("/api/v1/contacts/{contact_id}"),
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/contacts/{id}",
        &format!("/api/v1/contacts/{contact_id}"),
        Some(json!({ "honorific": "Dr", "version": 1 })),
    )
    .await;

    let interaction = call(&app, &doc, &token, "POST", "/interactions", "/api/v1/interactions",
        Some(json!({ "kind": "call", "direction": "outgoing", "subject": "Schema check", "occurred_at": "2026-01-05",
                     "partner_ids": [partner_id], "follow_ups": [{ "action": "Call back" }] }))).await;
    assert_eq!(
        interaction.status,
        StatusCode::CREATED,
        "{}",
        interaction.text()
    );
    let interaction_id = interaction.json()["id"].as_str().expect("id").to_string();
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/interactions",
        "/api/v1/interactions",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/interactions/{id}",
        &format!("/api/v1/interactions/{interaction_id}"),
        None,
    )
    .await;
    let version = app
        .get(&format!("/api/v1/interactions/{interaction_id}"), &token)
        .await
        .json()["version"]
        .clone();
    call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/interactions/{id}",
        &format!("/api/v1/interactions/{interaction_id}"),
        Some(json!({ "summary": "Went well", "version": version })),
    )
    .await;

    let case = call(
        &app,
        &doc,
        &token,
        "POST",
        "/outreach",
        "/api/v1/outreach",
        Some(json!({ "country": "CL" })),
    )
    .await;
    assert_eq!(case.status, StatusCode::CREATED, "{}", case.text());
    let case_id = case.json()["id"].as_str().expect("id").to_string();
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/outreach",
        "/api/v1/outreach",
        None,
    )
    .await;
    call(
        &app,
        &doc,
        &token,
        "GET",
        "/outreach/{id}",
        &format!("/api/v1/outreach/{case_id}"),
        None,
    )
    .await;
    let version = app
        .get(&format!("/api/v1/outreach/{case_id}"), &token)
        .await
        .json()["version"]
        .clone();
    call(
        &app,
        &doc,
        &token,
        "PATCH",
        "/outreach/{id}",
        &format!("/api/v1/outreach/{case_id}"),
        Some(json!({ "next_action": "Write to the embassy", "version": version })),
    )
    .await;

    call(
        &app,
        &doc,
        &token,
        "GET",
        "/notifications",
        "/api/v1/notifications",
        None,
    )
    .await;
}

#[tokio::test]
async fn every_list_takes_the_list_parameters() {
    let app = TestApp::new().await;
    let token = app.token(Role::Admin).await;
    for list in ["/api/v1/units", "/api/v1/countries", "/api/v1/users"] {
        let answer = app
            .get(&format!("{list}?limit=2&q=a&sort=-name"), &token)
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{list}: {}", answer.text());
        let body = answer.json();
        assert!(
            body["items"].as_array().is_some_and(|i| i.len() <= 2),
            "{list}: {body}"
        );
        assert!(body["total"].is_i64(), "{list}: {body}");
        assert!(body.get("next_cursor").is_some(), "{list}: {body}");
    }
    let all = app.get("/api/v1/countries", &token).await.json();
    let total = all["total"].as_i64().expect("total");
    assert!(total > 200, "every country without limit: {total}");
    assert_eq!(all["items"].as_array().map(Vec::len), Some(total as usize));
    assert!(all["next_cursor"].is_null());

    // Walking the pages of 200 gives every country once, in the same order.
    let first = app.get("/api/v1/countries?limit=200", &token).await.json();
    assert_eq!(first["items"].as_array().map(Vec::len), Some(200));
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_string();
    let second = app
        .get(
            &format!("/api/v1/countries?limit=200&cursor={cursor}"),
            &token,
        )
        .await
        .json();
    let codes: Vec<Value> = first["items"]
        .as_array()
        .into_iter()
        .chain(second["items"].as_array())
        .flatten()
        .map(|c| c["code"].clone())
        .collect();
    let expected: Vec<Value> = all["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["code"].clone())
        .collect();
    assert_eq!(codes, expected);
    assert!(second["next_cursor"].is_null());

    let sorted = app.get("/api/v1/units?sort=-code", &token).await.json();
    let codes: Vec<&str> = sorted["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["code"].as_str())
        .collect();
    let mut expected = codes.clone();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(codes, expected);

    let bad = app
        .get(
            "/api/v1/units?limit=0&sort=colour&cursor=x&colour=red",
            &token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json()["details"]["fields"]["colour"],
        json!(["unknown_parameter"])
    );
    let bad = app
        .get("/api/v1/countries?limit=0&sort=colour&cursor=x", &token)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["details"]["fields"];
    assert_eq!(fields["limit"], json!(["out_of_range"]));
    assert_eq!(fields["sort"], json!(["invalid_choice"]));
    assert_eq!(fields["cursor"], json!(["invalid_cursor"]));
}

#[tokio::test]
async fn me_always_has_a_calendar_feed_and_it_can_be_reset() {
    let app = TestApp::new().await;
    let user = app.user(Role::Officer, "feed@test.accord").await;
    let token = app.token_for(&user).await;
    let me = app.get("/api/v1/me", &token).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    let url = me.json()["calendar_url"]
        .as_str()
        .expect("a feed address before the profile page was ever opened")
        .to_string();
    assert!(url.ends_with(".ics"), "{url}");
    let again = app.get("/api/v1/me", &token).await.json();
    assert_eq!(again["calendar_url"], json!(url), "the address is stable");

    let feed_path = |url: &str| format!("/calendar/{}", url.rsplit('/').next().unwrap_or(""));
    let feed = app
        .send(
            axum::http::Request::builder()
                .uri(feed_path(&url))
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.text().starts_with("BEGIN:VCALENDAR"));

    let reset = app
        .post("/api/v1/me/calendar-token", &token, json!({}))
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());
    let new_url = reset.json()["calendar_url"]
        .as_str()
        .expect("new url")
        .to_string();
    assert_ne!(new_url, url);
    assert_eq!(
        app.get("/api/v1/me", &token).await.json()["calendar_url"],
        json!(new_url)
    );
    let old = app
        .send(
            axum::http::Request::builder()
                .uri(feed_path(&url))
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        old.status,
        StatusCode::NOT_FOUND,
        "the old address stops working"
    );

    let history = app
        .get(
            &format!("/api/v1/users/{}/history", user.id),
            &app.token(Role::Admin).await,
        )
        .await
        .json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"create_calendar_token"), "{actions:?}");
    assert!(actions.contains(&"reset_calendar_token"), "{actions:?}");

    let anonymous = app
        .send(
            axum::http::Request::builder()
                .method(Method::POST)
                .uri("/api/v1/me/calendar-token")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
#[should_panic(expected = "does not match its schema")]
async fn an_answer_that_drifted_from_the_document_is_caught() {
    let app = TestApp::new().await;
    let doc = document(&app).await;
    let drifted = Answer {
        status: StatusCode::OK,
        headers: axum::http::HeaderMap::new(),
        bytes: json!({ "code": "ED", "name": "not localized", "kind": "sector", "version": "1" })
            .to_string()
            .into_bytes(),
    };
    check(&doc, "GET", "/units/{code}", &drifted);
}
