//! Likely duplicate contacts (close name, same e-mail) and merging one
//! contact into another, through the API and the pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::StatusCode;
use common::TestApp;
use serde_json::{Value, json};

async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({"name": {"en": name}, "kind": "government"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    answer.json()["id"].as_str().unwrap().to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/contacts", token, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

#[tokio::test]
async fn the_api_warns_about_close_names_and_refuses_the_same_email_unless_forced() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let first = create(
        &app,
        &token,
        json!({"name": "Amina Benali", "email": "amina@example.org"}),
    )
    .await;
    assert!(first.get("warnings").is_none());

    let close = create(&app, &token, json!({"name": "Amina Ben Ali"})).await;
    assert_eq!(close["warnings"][0]["code"], "possible_duplicate");
    assert_eq!(close["warnings"][0]["contact_id"], first["id"]);

    let same = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({"name": "A. Benali", "email": "AMINA@example.org"}),
        )
        .await;
    assert_eq!(same.status, StatusCode::CONFLICT, "{}", same.text());
    let body = same.json();
    assert_eq!(body["code"], "duplicate");
    assert_eq!(
        body["details"]["candidates"][0]["contact"]["id"],
        first["id"]
    );
    assert_eq!(body["details"]["candidates"][0]["same_email"], true);
    let forced = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({"name": "A. Benali", "email": "amina@example.org", "force": true}),
        )
        .await;
    assert_eq!(forced.status, StatusCode::CREATED);

    let found = app
        .get("/api/v1/contacts/duplicates?name=Amina%20Benaly", &token)
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    assert!(found.json()["total"].as_i64().unwrap() >= 1);
    let unknown = app
        .get("/api/v1/contacts/duplicates?colour=red", &token)
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn merging_moves_every_position_and_keeps_the_history() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Culture").await;
    let embassy = partner(&app, &token, "Embassy in Rabat").await;
    let kept = create(&app, &token, json!({"name": "Karim Haddad", "positions": [{"partner_id": ministry, "title": "Director"}]})).await;
    let other = create(&app, &token, json!({"name": "Karim Hadad", "email": "karim@example.org", "phone": "+212 600 000 000",
        "positions": [{"partner_id": embassy, "title": "Counsellor", "from": "2020-01-01", "to": "2022-12-31"}, {"partner_id": ministry, "title": "Adviser"}]})).await;
    let (kept_id, other_id) = (kept["id"].as_str().unwrap(), other["id"].as_str().unwrap());

    let stale = app
        .post(
            &format!("/api/v1/contacts/{kept_id}/merge"),
            &token,
            json!({"from": other_id, "version": 9}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let itself = app
        .post(
            &format!("/api/v1/contacts/{kept_id}/merge"),
            &token,
            json!({"from": kept_id}),
        )
        .await;
    assert_eq!(itself.status, StatusCode::UNPROCESSABLE_ENTITY);
    let viewer = app.token(Role::Viewer).await;
    let denied = app
        .post(
            &format!("/api/v1/contacts/{kept_id}/merge"),
            &viewer,
            json!({"from": other_id}),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);

    let merged = app
        .post(
            &format!("/api/v1/contacts/{kept_id}/merge"),
            &token,
            json!({"from": other_id, "version": 1}),
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text());
    let merged = merged.json();
    assert_eq!(merged["version"], 2);
    assert_eq!(
        merged["email"], "karim@example.org",
        "missing details are filled"
    );
    let titles: Vec<&str> = merged["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3);
    assert!(
        titles.contains(&"Director")
            && titles.contains(&"Counsellor")
            && titles.contains(&"Adviser")
    );

    // The other contact is gone from reads and lists, and points at the kept one.
    let gone = app
        .get(&format!("/api/v1/contacts/{other_id}"), &token)
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.json()["details"]["merged_into"], kept["id"]);
    let list = app.get("/api/v1/contacts?q=karim", &token).await.json();
    assert_eq!(list["total"], 1);
    let at_embassy = app
        .get(&format!("/api/v1/contacts?partner_id={embassy}"), &token)
        .await
        .json();
    assert_eq!(at_embassy["items"][0]["id"], kept["id"]);
    // Both sides are audited; the kept contact's history shows the other's past too.
    let history = app
        .get(&format!("/api/v1/contacts/{kept_id}/history"), &token)
        .await
        .json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"merge") && actions.contains(&"merged_into"),
        "{actions:?}"
    );
    assert_eq!(actions.iter().filter(|a| **a == "create").count(), 2);
}

#[tokio::test]
async fn the_form_warns_and_the_contact_page_offers_the_merge() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@test.accord").await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Culture").await;
    let kept = create(
        &app,
        &token,
        json!({"name": "Leila Mansour", "email": "leila@example.org"}),
    )
    .await;
    let other = create(&app, &token, json!({"name": "Leila Mansur", "positions": [{"partner_id": ministry, "title": "Ambassador"}]})).await;
    let mut browser = app.browser("officer@test.accord").await;

    app.page(&mut browser, "/contacts/new").await;
    let warned = app
        .form(&browser, "/contacts", &[("name", "Leila Mansour")])
        .await;
    assert_eq!(warned.status, StatusCode::OK);
    let html = warned.text();
    assert!(
        html.contains("name=\"confirm_duplicate\""),
        "the form asks for confirmation"
    );
    assert!(html.contains(kept["id"].as_str().unwrap()));
    let confirmed = app
        .form(
            &browser,
            "/contacts",
            &[("name", "Leila Mansour"), ("confirm_duplicate", "1")],
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.text()
    );

    let kept_id = kept["id"].as_str().unwrap();
    let page = app
        .page(&mut browser, &format!("/contacts/{kept_id}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("id=\"contact-duplicates\""));
    assert!(html.contains(&format!("action=\"/contacts/{kept_id}/merge\"")));
    let merged = app
        .form(
            &browser,
            &format!("/contacts/{kept_id}/merge"),
            &[("from", other["id"].as_str().unwrap()), ("version", "1")],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.text());
    let page = app
        .page(
            &mut browser,
            &format!("/contacts/{kept_id}?notice=contacts_merged"),
        )
        .await
        .text();
    assert!(page.contains("Ambassador"), "the position moved");
    assert!(page.contains("The contacts were merged."));
    // The merged contact's page leads to the kept one.
    let old = app
        .page(
            &mut browser,
            &format!("/contacts/{}", other["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(old.status, StatusCode::SEE_OTHER);
}
