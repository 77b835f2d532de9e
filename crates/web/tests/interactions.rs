//! The communications log end to end, on either engine: the API round trip,
//! registry numbers, follow-ups in the calendar feed and as reminders,
//! confidentiality everywhere for a viewer, a partner's health and the
//! dormant list, open items and the successor when a position ends, and the
//! pages in Arabic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::{Lang, Role};
use accord_store::users::{self, User, UserFields};
use accord_web::scheduler::Scheduler;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::TestApp;
use serde_json::{Value, json};

async fn person(app: &TestApp, role: Role, email: &str, lang: Option<Lang>) -> (User, String) {
    let hash = accord_web::auth::hash_password(common::PASSWORD.into())
        .await
        .unwrap();
    let user = users::insert_user(
        &app.db,
        None,
        &UserFields {
            email: email.into(),
            name: format!("{} person", role.as_str()),
            role,
            unit: (role == Role::Technical).then(|| "ED".to_string()),
            organization_id: None,
            lang,
            disabled: false,
        },
        Some(&hash),
    )
    .await
    .unwrap();
    let token = app.token_for(&user).await;
    (user, token)
}

async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({ "name": { "en": name, "ar": "وزارة التربية" }, "kind": "government", "status": "active" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap().to_string()
}

async fn contact(app: &TestApp, token: &str, name: &str, partner: &str) -> String {
    let answer = app
        .post(
            "/api/v1/contacts",
            token,
            json!({ "name": name, "positions": [{ "partner_id": partner, "title": "Ambassador", "from": "2022-09-01" }] }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap().to_string()
}

async fn record(app: &TestApp, token: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/interactions", token, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn day(offset: i64) -> String {
    accord_domain::values::format_date(today() + time::Duration::days(offset))
}

#[tokio::test]
async fn an_interaction_round_trips_through_the_api() {
    let app = TestApp::new().await;
    let (officer, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let p = partner(&app, &token, "Ministry of Education").await;
    let c = contact(&app, &token, "Amina Benali", &p).await;
    let created = record(
        &app,
        &token,
        json!({
            "kind": "meeting", "direction": "internal", "subject": "Annual consultation",
            "occurred_at": "2026-02-10T09:30:00Z", "summary": "التعاون في مجال التعليم",
            "partner_ids": [p], "contact_ids": [c], "staff_ids": [officer.id],
            "follow_ups": [{ "action": "Send the minutes", "owner_id": officer.id, "due_on": day(-2) }],
        }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["version"], 1);
    assert_eq!(created["occurred_at"], "2026-02-10T09:30:00Z");
    assert!(created["registry_number"].is_null());
    assert_eq!(created["created_by"], officer.id.to_string());
    assert_eq!(created["follow_ups"][0]["overdue"], true);
    let follow_up = created["follow_ups"][0]["id"].as_str().unwrap().to_string();

    let got = app.get(&format!("/api/v1/interactions/{id}"), &token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.json()["contact_ids"][0], c.as_str());

    // Arabic-aware search, and the filters.
    let found = app
        .get("/api/v1/interactions?q=التعاون", &token)
        .await
        .json();
    assert_eq!(ids(&found), vec![id.clone()]);
    let found = app
        .get(
            &format!(
                "/api/v1/interactions?partner_id={p}&kind=meeting&from=2026-02-01&to=2026-02-10"
            ),
            &token,
        )
        .await
        .json();
    assert_eq!(found["total"], 1);
    let none = app
        .get("/api/v1/interactions?kind=call", &token)
        .await
        .json();
    assert_eq!(none["total"], 0);
    let bad = app
        .get("/api/v1/interactions?kind=fax&from=yesterday", &token)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["details"]["fields"]["kind"][0], "invalid_choice");
    assert_eq!(bad.json()["details"]["fields"]["from"][0], "invalid_date");

    // PATCH: tick the follow-up, keep its id; a stale version is refused.
    let patched = app
        .patch(
            &format!("/api/v1/interactions/{id}"),
            &token,
            json!({ "version": 1, "summary": "Minutes agreed.", "follow_ups": [{ "id": follow_up, "action": "Send the minutes", "owner_id": officer.id, "done": true }] }),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text());
    let patched = patched.json();
    assert_eq!(patched["version"], 2);
    assert_eq!(patched["follow_ups"][0]["id"], follow_up.as_str());
    assert_eq!(patched["follow_ups"][0]["done"], true);
    let stale = app
        .patch(
            &format!("/api/v1/interactions/{id}"),
            &token,
            json!({ "version": 1, "subject": "Old" }),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["details"]["current"]["version"], 2);

    // Bad input is a 422 on the field, never a 500.
    let invalid = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "meeting", "direction": "sideways", "occurred_at": "soon", "partner_ids": ["x"],
                    "follow_ups": [{ "due_on": "2026-02-30" }] }),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &invalid.json()["details"]["fields"];
    for field in [
        "direction",
        "occurred_at",
        "subject",
        "partner_ids[0]",
        "follow_ups[0].action",
        "follow_ups[0].due_on",
    ] {
        assert!(fields.get(field).is_some(), "{field}: {fields}");
    }
    let unknown = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "call", "direction": "outgoing", "subject": "x", "occurred_at": "2026-01-01", "colour": "red" }),
        )
        .await;
    assert_eq!(
        unknown.json()["details"]["fields"]["colour"][0],
        "unknown_field"
    );
    let missing_partner = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "call", "direction": "outgoing", "subject": "x", "occurred_at": "2026-01-01",
                    "partner_ids": [uuid::Uuid::now_v7()] }),
        )
        .await;
    assert_eq!(
        missing_partner.json()["details"]["fields"]["partner_ids[0]"][0],
        "unknown_partner"
    );

    // The history has both changes; a viewer may read but not write.
    let history = app
        .get(&format!("/api/v1/interactions/{id}/history"), &token)
        .await
        .json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["update", "create"]);
    let viewer = app.token(Role::Viewer).await;
    assert_eq!(
        app.get(&format!("/api/v1/interactions/{id}"), &viewer)
            .await
            .status,
        StatusCode::OK
    );
    let denied = app
        .post(
            "/api/v1/interactions",
            &viewer,
            json!({ "kind": "call", "direction": "outgoing", "subject": "x", "occurred_at": "2026-01-01" }),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);

    // The partner's health.
    let health = app
        .get(&format!("/api/v1/partners/{p}/health"), &token)
        .await
        .json();
    assert_eq!(health["interactions"], 1);
    assert_eq!(health["last_contact_at"], "2026-02-10T09:30:00Z");
    assert_eq!(health["open_actions"], 0);
    assert!(health["days_since_contact"].as_i64().unwrap() >= 0);
}

#[tokio::test]
async fn outgoing_letters_and_notes_verbales_are_numbered_in_sequence() {
    let app = TestApp::new().await;
    let (_, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let (_, tech) = person(&app, Role::Technical, "tech@test.accord", None).await;
    let body = |kind: &str, direction: &str| json!({ "kind": kind, "direction": direction, "subject": "Note", "occurred_at": "2026-03-04" });
    let first = record(&app, &token, body("note_verbale", "outgoing")).await;
    let second = record(&app, &token, body("letter", "outgoing")).await;
    let by_tech = record(&app, &tech, body("note_verbale", "outgoing")).await;
    let other_year = record(
        &app,
        &token,
        json!({ "kind": "letter", "direction": "outgoing", "subject": "Old", "occurred_at": "2025-12-31" }),
    )
    .await;
    assert_eq!(first["registry_number"], "ICESCO/PIC/2026/0001");
    assert_eq!(second["registry_number"], "ICESCO/PIC/2026/0002");
    assert_eq!(by_tech["registry_number"], "ICESCO/ED/2026/0001");
    assert_eq!(other_year["registry_number"], "ICESCO/PIC/2025/0001");
    // Neither calls nor incoming letters get one; incoming keep the sender's reference.
    assert!(record(&app, &token, body("call", "outgoing")).await["registry_number"].is_null());
    let incoming = record(
        &app,
        &token,
        json!({ "kind": "note_verbale", "direction": "incoming", "subject": "Reply", "occurred_at": "2026-03-05",
                "sender_reference": "N.V. 2026/17" }),
    )
    .await;
    assert!(incoming["registry_number"].is_null());
    assert_eq!(incoming["sender_reference"], "N.V. 2026/17");
    let wrong = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "letter", "direction": "outgoing", "subject": "x", "occurred_at": "2026-03-05", "sender_reference": "X/1" }),
        )
        .await;
    assert_eq!(
        wrong.json()["details"]["fields"]["sender_reference"][0],
        "not_for_outgoing"
    );
    // The number is searchable and never changes.
    let id = first["id"].as_str().unwrap();
    let found = app
        .get("/api/v1/interactions?q=2026/0001", &token)
        .await
        .json();
    assert!(ids(&found).contains(&id.to_string()));
    let changed = app
        .patch(
            &format!("/api/v1/interactions/{id}"),
            &token,
            json!({ "version": 1, "registry_number": "X", "subject": "Note (corrected)" }),
        )
        .await
        .json();
    assert_eq!(changed["registry_number"], "ICESCO/PIC/2026/0001");
    let third = record(&app, &token, body("letter", "outgoing")).await;
    assert_eq!(third["registry_number"], "ICESCO/PIC/2026/0003");
    // Concurrent writers never get the same number, and none is skipped.
    let (a, b, c, d) = tokio::join!(
        record(&app, &token, body("letter", "outgoing")),
        record(&app, &token, body("note_verbale", "outgoing")),
        record(&app, &token, body("letter", "outgoing")),
        record(&app, &token, body("note_verbale", "outgoing")),
    );
    let mut numbers: Vec<String> = [a, b, c, d]
        .iter()
        .map(|i| i["registry_number"].as_str().unwrap().to_string())
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        (4..=7)
            .map(|n| format!("ICESCO/PIC/2026/{n:04}"))
            .collect::<Vec<_>>()
    );
}

/// The VEVENT blocks of a feed, as maps of property name to value.
fn events(feed: &str) -> Vec<std::collections::HashMap<String, String>> {
    let unfolded = feed.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<std::collections::HashMap<String, String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Default::default()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let (Some(event), Some((name, value))) = (current.as_mut(), line.split_once(':'))
                {
                    event.insert(name.to_string(), value.to_string());
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn follow_ups_reach_the_owners_calendar_work_list_and_reminders() {
    let app = TestApp::new().await;
    let (officer, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let (other, _) = person(&app, Role::Legal, "legal@test.accord", None).await;
    let created = record(
        &app,
        &token,
        json!({
            "kind": "call", "direction": "outgoing", "subject": "Call with the embassy", "occurred_at": "2026-01-05",
            "follow_ups": [
                { "action": "Send the draft, then call", "owner_id": officer.id, "due_on": day(3) },
                { "action": "Check the protocol", "owner_id": officer.id, "due_on": day(-1) },
                { "action": "Book the room", "owner_id": other.id, "due_on": day(0) },
            ],
        }),
    )
    .await;
    let mine = created["follow_ups"][0]["id"].as_str().unwrap().to_string();
    let token_text = accord_store::notifications::ensure_calendar_token(&app.db, officer.id)
        .await
        .unwrap();
    let fetch = |path: String| {
        let app = &app;
        async move {
            app.send(Request::builder().uri(path).body(Body::empty()).unwrap())
                .await
        }
    };
    let feed = fetch(format!("/calendar/{token_text}.ics")).await;
    assert_eq!(feed.status, StatusCode::OK);
    let events = events(&feed.text());
    let event = events
        .iter()
        .find(|e| e.get("UID") == Some(&format!("follow-up-{mine}@accord")))
        .expect("the follow-up is in the feed");
    let due = (today() + time::Duration::days(3))
        .to_string()
        .replace('-', "");
    assert_eq!(event["DTSTART;VALUE=DATE"], due);
    assert_eq!(event["SUMMARY"], "Follow-up: Send the draft\\, then call");
    assert!(event["URL"].ends_with(&format!(
        "/interactions/{}",
        created["id"].as_str().unwrap()
    )));
    assert!(
        !events
            .iter()
            .any(|e| e["SUMMARY"].contains("Book the room")),
        "only the owner's follow-ups"
    );

    // The "my work" page lists them.
    let mut browser = app.browser("officer@test.accord").await;
    let work = app.page(&mut browser, "/my-work").await;
    assert_eq!(work.status, StatusCode::OK);
    assert!(work.text().contains("Check the protocol"));

    // Reminders: one when due today, one when overdue, once each.
    let worker = Scheduler::new(app.db.clone(), "ICESCO", "http://127.0.0.1:8080", None);
    worker.tick(today(), &Value::Null).await.unwrap();
    worker.tick(today(), &Value::Null).await.unwrap();
    let kinds = |user: uuid::Uuid| {
        let db = app.db.clone();
        async move {
            accord_store::notifications::list_notifications(&db, user, false, None, 50)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|n| n.kind)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(kinds(officer.id).await, ["follow_up_overdue"]);
    assert_eq!(kinds(other.id).await, ["follow_up_due"]);

    // The API's work list.
    let listed = app.get("/api/v1/follow-ups?owner_id=me", &token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    let listed = listed.json();
    let actions: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["Check the protocol", "Send the draft, then call"]);
    let due = app
        .get(&format!("/api/v1/follow-ups?due_by={}", day(0)), &token)
        .await
        .json();
    assert_eq!(due["total"], 2);
    assert_eq!(
        app.get("/api/v1/follow-ups?open=maybe", &token)
            .await
            .json()["details"]["fields"]["open"][0],
        "invalid_choice"
    );

    // Ticked off: gone from the feed.
    let done = app
        .post(
            &format!("/api/v1/follow-ups/{mine}/done"),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["follow_ups"][0]["done"], true);
    let feed = fetch(format!("/calendar/{token_text}.ics")).await.text();
    assert!(!feed.contains(&format!("follow-up-{mine}@accord")));

    // A viewer ticks off their own action, not someone else's.
    let (viewer, viewer_token) = person(&app, Role::Viewer, "viewer@test.accord", None).await;
    let theirs = record(
        &app,
        &token,
        json!({ "kind": "email", "direction": "outgoing", "subject": "Agenda", "occurred_at": "2026-01-06",
                "follow_ups": [{ "action": "Read the agenda", "owner_id": viewer.id }] }),
    )
    .await;
    let theirs = theirs["follow_ups"][0]["id"].as_str().unwrap().to_string();
    let other = created["follow_ups"][1]["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.post(
            &format!("/api/v1/follow-ups/{theirs}/done"),
            &viewer_token,
            json!({})
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        app.post(
            &format!("/api/v1/follow-ups/{other}/done"),
            &viewer_token,
            json!({})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_viewer_sees_nothing_of_a_confidential_interaction() {
    let app = TestApp::new().await;
    let (officer, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let (viewer, viewer_token) = person(&app, Role::Viewer, "viewer@test.accord", None).await;
    let (_, director) = person(&app, Role::Director, "director@test.accord", None).await;
    let p = partner(&app, &token, "Embassy of Nowhere").await;
    let agreement = app
        .post(
            "/api/v1/agreements",
            &token,
            json!({ "title": { "en": "Open agreement" }, "kind": "mou", "partner_ids": [p], "lead_unit": "ED" }),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = record(
        &app,
        &token,
        json!({
            "kind": "meeting", "direction": "internal", "subject": "Zanzibar sensitive talks",
            "occurred_at": "2026-02-01", "partner_ids": [p], "agreement_ids": [agreement], "confidential": true,
            "follow_ups": [{ "action": "Brief the director", "owner_id": officer.id, "due_on": day(5) }],
        }),
    )
    .await;
    let open = record(
        &app,
        &token,
        json!({ "kind": "call", "direction": "outgoing", "subject": "Zanzibar routine call", "occurred_at": "2026-01-01", "partner_ids": [p] }),
    )
    .await;
    let secret_id = secret["id"].as_str().unwrap();
    let open_id = open["id"].as_str().unwrap().to_string();

    // Lists and search.
    let list = app.get("/api/v1/interactions", &viewer_token).await.json();
    assert_eq!(ids(&list), vec![open_id.clone()]);
    assert_eq!(list["total"], 1);
    let search = app
        .get("/api/v1/interactions?q=zanzibar", &viewer_token)
        .await
        .json();
    assert_eq!(ids(&search), vec![open_id.clone()]);
    // The record itself.
    assert_eq!(
        app.get(&format!("/api/v1/interactions/{secret_id}"), &viewer_token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/interactions/{secret_id}/history"),
            &viewer_token
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // The agreement's timeline and the partner's health.
    let timeline = app
        .get(
            &format!("/api/v1/agreements/{agreement}/timeline"),
            &viewer_token,
        )
        .await;
    assert_eq!(timeline.status, StatusCode::OK, "{}", timeline.text());
    assert!(!timeline.text().contains("Zanzibar"));
    let health = app
        .get(&format!("/api/v1/partners/{p}/health"), &viewer_token)
        .await
        .json();
    assert_eq!(health["interactions"], 1);
    assert_eq!(health["last_contact_at"], "2026-01-01T00:00:00Z");
    // Exports.
    for format in ["csv", "xlsx"] {
        let export = app
            .get(
                &format!("/api/v1/interactions/export?format={format}"),
                &viewer_token,
            )
            .await;
        assert_eq!(export.status, StatusCode::OK);
        if format == "csv" {
            let text = export.text();
            assert!(text.contains("Zanzibar routine call"));
            assert!(!text.contains("sensitive"), "{text}");
        }
    }
    // Pages: the log, the partner's story, the interaction itself.
    let mut browser = app.browser("viewer@test.accord").await;
    let log = app
        .page(&mut browser, "/interactions?q=zanzibar")
        .await
        .text();
    assert!(log.contains("Zanzibar routine call") && !log.contains("sensitive"));
    let story = app
        .page(&mut browser, &format!("/partners/{p}"))
        .await
        .text();
    assert!(story.contains("Zanzibar routine call") && !story.contains("sensitive"));
    assert_eq!(
        app.page(&mut browser, &format!("/interactions/{secret_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let agreement_page = app
        .page(&mut browser, &format!("/agreements/{agreement}"))
        .await;
    assert_eq!(agreement_page.status, StatusCode::OK);
    assert!(!agreement_page.text().contains("sensitive"));
    let mut officer_browser = app.browser("officer@test.accord").await;
    let agreement_page = app
        .page(&mut officer_browser, &format!("/agreements/{agreement}"))
        .await
        .text();
    assert!(
        agreement_page.contains("Zanzibar sensitive talks"),
        "the agreement page's timeline"
    );

    // Those it is meant for see it: the director, the creator, and whom it is shared with.
    assert_eq!(
        app.get(&format!("/api/v1/interactions/{secret_id}"), &director)
            .await
            .status,
        StatusCode::OK
    );
    let timeline = app
        .get(&format!("/api/v1/agreements/{agreement}/timeline"), &token)
        .await
        .json();
    assert!(
        timeline["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "interaction" && e["summary"]["interaction_id"] == secret_id)
    );
    let shared = app
        .patch(
            &format!("/api/v1/interactions/{secret_id}"),
            &token,
            json!({ "version": 1, "visible_to": [viewer.id] }),
        )
        .await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.text());
    assert_eq!(
        app.get(&format!("/api/v1/interactions/{secret_id}"), &viewer_token)
            .await
            .status,
        StatusCode::OK
    );
    // Partner users see none of the log.
    let partner_user = app
        .user_with(
            Role::Partner,
            "partner@test.accord",
            Some(uuid::Uuid::parse_str(&p).unwrap()),
        )
        .await;
    let partner_token = app.token_for(&partner_user).await;
    assert_eq!(
        app.get("/api/v1/interactions", &partner_token).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/api/v1/interactions/{open_id}"), &partner_token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn partners_without_contact_are_listed() {
    let app = TestApp::new().await;
    let (_, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let silent = partner(&app, &token, "Silent partner").await;
    let recent = partner(&app, &token, "Recent partner").await;
    let old = partner(&app, &token, "Old partner").await;
    record(
        &app,
        &token,
        json!({ "kind": "call", "direction": "outgoing", "subject": "Hello", "occurred_at": day(-10), "partner_ids": [recent] }),
    )
    .await;
    record(
        &app,
        &token,
        json!({ "kind": "call", "direction": "outgoing", "subject": "Long ago", "occurred_at": day(-400), "partner_ids": [old] }),
    )
    .await;
    let dormant = app.get("/api/v1/partners/dormant?months=6", &token).await;
    assert_eq!(dormant.status, StatusCode::OK, "{}", dormant.text());
    let dormant = dormant.json();
    assert_eq!(ids(&dormant), vec![silent.clone(), old.clone()]);
    assert!(dormant["items"][0]["last_contact_at"].is_null());
    let bad = app.get("/api/v1/partners/dormant?months=0", &token).await;
    assert_eq!(bad.json()["details"]["fields"]["months"][0], "out_of_range");
    let mut browser = app.browser("officer@test.accord").await;
    let page = app.page(&mut browser, "/partners/dormant?months=6").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Old partner") && !page.text().contains("Recent partner"));
}

#[tokio::test]
async fn ending_a_position_lists_open_items_and_hands_them_to_the_successor() {
    let app = TestApp::new().await;
    let (officer, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let embassy = partner(&app, &token, "Embassy of Atlantis").await;
    let ambassador = contact(&app, &token, "H.E. Omar Haddad", &embassy).await;
    let successor = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({ "name": "Leila Mansour" }),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let talk = record(
        &app,
        &token,
        json!({
            "kind": "meeting", "direction": "internal", "subject": "Accession steps", "occurred_at": "2026-04-01",
            "partner_ids": [embassy], "contact_ids": [ambassador],
            "follow_ups": [{ "action": "Send the accession file", "owner_id": officer.id, "due_on": day(10) }],
        }),
    )
    .await;
    let agreement = app
        .post(
            "/api/v1/agreements",
            &token,
            json!({ "title": { "en": "Cultural programme" }, "kind": "mou", "partner_ids": [embassy], "lead_unit": "ED" }),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let items = app
        .get(&format!("/api/v1/contacts/{ambassador}/open-items"), &token)
        .await;
    assert_eq!(items.status, StatusCode::OK, "{}", items.text());
    let items = items.json();
    assert_eq!(items["follow_ups"][0]["action"], "Send the accession file");
    assert_eq!(items["agreements"][0]["id"], agreement.as_str());
    assert_eq!(items["agreements"][0]["reason"], "party");

    // End the position with a successor, in one step.
    let ended = app
        .post(
            &format!("/api/v1/contacts/{ambassador}/positions/0/end"),
            &token,
            json!({ "on": "2026-08-31", "successor_id": successor }),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text());
    let ended = ended.json();
    assert_eq!(ended["contact"]["positions"][0]["to"], "2026-08-31");
    assert_eq!(ended["contact"]["version"], 2);
    let taken = &ended["successor"]["positions"][0];
    assert_eq!(taken["partner_id"], embassy.as_str());
    assert_eq!(taken["title"], "Ambassador");
    assert_eq!(taken["from"], "2026-09-01");
    assert_eq!(ended["rerouted_interaction_ids"][0], talk["id"]);
    // The successor now has the follow-up; the interaction names both.
    let theirs = app
        .get(&format!("/api/v1/contacts/{successor}/open-items"), &token)
        .await
        .json();
    assert_eq!(theirs["follow_ups"][0]["action"], "Send the accession file");
    assert_eq!(theirs["agreements"][0]["id"], agreement.as_str());
    let interaction = app
        .get(
            &format!("/api/v1/interactions/{}", talk["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json();
    assert_eq!(interaction["contact_ids"].as_array().unwrap().len(), 2);
    assert_eq!(interaction["version"], 2);
    // Audited.
    let history = app
        .get(&format!("/api/v1/contacts/{ambassador}/history"), &token)
        .await
        .json();
    assert_eq!(history["items"][0]["action"], "end_position");
    let history = app
        .get(&format!("/api/v1/contacts/{successor}/history"), &token)
        .await
        .json();
    assert_eq!(history["items"][0]["action"], "succeed");

    // Bad requests.
    for (body, field, code) in [
        (json!({}), "on", "required"),
        (json!({ "on": "2020-01-01" }), "on", "before_start"),
        (
            json!({ "on": "2026-08-01", "successor_id": ambassador }),
            "successor_id",
            "self_reference",
        ),
        (json!({ "on": "2026-12-01" }), "on", "already_ended"),
    ] {
        let answer = app
            .post(
                &format!("/api/v1/contacts/{ambassador}/positions/0/end"),
                &token,
                body,
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            answer.text()
        );
        assert_eq!(
            answer.json()["details"]["fields"][field][0],
            code,
            "{}",
            answer.text()
        );
    }
    assert_eq!(
        app.post(
            &format!("/api/v1/contacts/{ambassador}/positions/5/end"),
            &token,
            json!({ "on": "2026-12-01" })
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let viewer = app.token(Role::Viewer).await;
    assert_eq!(
        app.post(
            &format!("/api/v1/contacts/{successor}/positions/0/end"),
            &viewer,
            json!({ "on": "2026-12-01" })
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_pages_work_in_arabic() {
    let app = TestApp::new().await;
    let (officer, token) = person(&app, Role::Officer, "officer@test.accord", Some(Lang::Ar)).await;
    let p = partner(&app, &token, "Ministry").await;
    let c = contact(&app, &token, "Amina Benali", &p).await;
    let mut browser = app.browser("officer@test.accord").await;

    // Log an interaction from the partner's page, through the form.
    let story = app.page(&mut browser, &format!("/partners/{p}")).await;
    assert_eq!(story.status, StatusCode::OK);
    assert!(
        story
            .text()
            .contains(&format!("/interactions/new?partner_id={p}"))
    );
    let form = app
        .page(&mut browser, &format!("/interactions/new?partner_id={p}"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    assert!(html.contains("dir=\"rtl\"") && html.contains("تسجيل تواصل"));
    assert!(
        html.contains(&format!("value=\"{p}\"")),
        "prefilled partner"
    );
    assert!(
        html.contains("Amina Benali"),
        "the partner's people to choose from"
    );
    let officer_id = officer.id.to_string();
    let bad = app
        .form(
            &browser,
            "/interactions",
            &[
                ("kind", "note_verbale"),
                ("direction", "outgoing"),
                ("occurred_at", "2026-05-02T10:00"),
                ("subject", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("error-summary"));
    let created = app
        .form(
            &browser,
            "/interactions",
            &[
                ("kind", "note_verbale"),
                ("direction", "outgoing"),
                ("occurred_at", "2026-05-02T10:00"),
                ("subject", "دعوة إلى المؤتمر العام"),
                ("partner-0", &p),
                ("contact_ids", &c),
                ("staff_ids", &officer_id),
                ("follow_ups-0-action", "متابعة الرد"),
                ("follow_ups-0-owner_id", &officer_id),
                ("follow_ups-0-due_on", &day(-1)),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let location = created.headers["location"].to_str().unwrap().to_string();
    let show = app.page(&mut browser, &location).await;
    assert_eq!(show.status, StatusCode::OK);
    let html = show.text();
    assert!(html.contains("ICESCO/PIC/2026/0001") && html.contains("مذكرة شفوية"));
    let id = location
        .trim_start_matches("/interactions/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let interaction = app
        .get(&format!("/api/v1/interactions/{id}"), &token)
        .await
        .json();
    let follow_up = interaction["follow_ups"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    for path in [
        "/interactions".to_string(),
        "/interactions?q=المؤتمر".to_string(),
        format!("/interactions/{id}/edit"),
        format!("/partners/{p}"),
        format!("/contacts/{c}"),
        "/partners/dormant".to_string(),
        "/my-work".to_string(),
    ] {
        let answer = app.page(&mut browser, &path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.text());
        assert!(answer.text().contains("dir=\"rtl\""), "{path}");
        assert!(
            !answer.text().contains("interactions-"),
            "{path}: a missing message"
        );
    }
    let story = app
        .page(&mut browser, &format!("/partners/{p}"))
        .await
        .text();
    assert!(story.contains("دعوة إلى المؤتمر العام") && story.contains("متابعة الرد"));
    // The log's export link works with the browser session, headed in Arabic.
    let export = app
        .page(&mut browser, "/api/v1/interactions/export?format=csv")
        .await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.text().contains("الموضوع") && export.text().contains("ICESCO/PIC/2026/0001"));
    let log = app
        .page(&mut browser, "/interactions?q=المؤتمر")
        .await
        .text();
    assert!(log.contains("دعوة إلى المؤتمر العام"));

    // Tick the follow-up off from the page.
    app.page(&mut browser, &format!("/interactions/{id}")).await;
    let ticked = app
        .form(
            &browser,
            &format!("/interactions/{id}/follow-ups/{follow_up}"),
            &[("done", "1")],
        )
        .await;
    assert_eq!(ticked.status, StatusCode::SEE_OTHER);
    let after = app
        .get(&format!("/api/v1/interactions/{id}"), &token)
        .await
        .json();
    assert_eq!(after["follow_ups"][0]["done"], true);
    // Without the CSRF token, nothing happens.
    let forged = app
        .form(
            &browser,
            &format!("/interactions/{id}/follow-ups/{follow_up}"),
            &[("done", "0"), ("_csrf", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // End the ambassador's position from the contact page.
    app.page(&mut browser, &format!("/contacts/{c}")).await;
    let ended = app
        .form(
            &browser,
            &format!("/contacts/{c}/positions/0/end"),
            &[("on", "2026-06-30"), ("successor_id", ""), ("version", "1")],
        )
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.text());
    let contact = app
        .get(&format!("/api/v1/contacts/{c}"), &token)
        .await
        .json();
    assert_eq!(contact["positions"][0]["to"], "2026-06-30");
    let _ = Method::GET;
}

#[tokio::test]
async fn an_interaction_keeps_its_outreach_case_through_the_form() {
    let app = TestApp::new().await;
    let (_, token) = person(&app, Role::Officer, "officer@test.accord", None).await;
    let case = uuid::Uuid::now_v7().to_string();
    let mut tx = app.db.begin().await.unwrap();
    accord_store::tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO outreach_cases (id, version, country, stage, stage_since, created_at, updated_at) \
             VALUES ($1, 1, 'MA', 'identified', '2026-01-01', 0, 0)"
        )
        .bind(case.as_str())
    )
    .unwrap();
    tx.commit().await.unwrap();
    let created = record(
        &app,
        &token,
        json!({ "kind": "visit", "direction": "outgoing", "subject": "Mission visit", "occurred_at": "2026-02-02",
                "outreach_case_id": case }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let listed = app
        .get(
            &format!("/api/v1/interactions?outreach_case_id={case}"),
            &token,
        )
        .await
        .json();
    assert_eq!(ids(&listed), vec![id.clone()]);
    let unknown = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "visit", "direction": "outgoing", "subject": "x", "occurred_at": "2026-02-02",
                    "outreach_case_id": uuid::Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        unknown.json()["details"]["fields"]["outreach_case_id"][0],
        "unknown_outreach_case"
    );
    // Edited through the page: the case stays.
    let mut browser = app.browser("officer@test.accord").await;
    let form = app
        .page(&mut browser, &format!("/interactions/{id}/edit"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let saved = app
        .form(
            &browser,
            &format!("/interactions/{id}"),
            &[
                ("version", "1"),
                ("kind", "visit"),
                ("direction", "outgoing"),
                ("occurred_at", "2026-02-02T10:00"),
                ("subject", "Mission visit (report)"),
                ("outreach_case_id", &case),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let after = app
        .get(&format!("/api/v1/interactions/{id}"), &token)
        .await
        .json();
    assert_eq!(after["outreach_case_id"], case.as_str());
    assert_eq!(after["subject"], "Mission visit (report)");
    assert_eq!(after["version"], 2);
    assert!(
        form.text()
            .contains(&format!("name=\"outreach_case_id\" value=\"{case}\""))
    );
}
