//! Contact pages as a browser uses them: forms without JavaScript, CSRF
//! tokens, field errors next to their fields, version conflicts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({"name": {"en": name}, "kind": "government"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap_or_default().to_string()
}

fn location(answer: &common::Answer) -> String {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn an_officer_creates_a_contact_through_the_form_and_sees_it_on_the_partner_page() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Culture of Senegal").await;
    let former = partner(&app, &token, "Cheikh Anta Diop University").await;
    app.user(Role::Officer, "officer@icesco.test").await;
    let mut browser = app.browser("officer@icesco.test").await;

    let partner_page = app
        .page(&mut browser, &format!("/partners/{ministry}"))
        .await;
    assert!(
        partner_page
            .text()
            .contains(&format!("/contacts/new?partner_id={ministry}")),
        "the partner page offers to add a contact"
    );

    let form = app
        .page(
            &mut browser,
            &format!("/contacts/new?partner_id={ministry}"),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    assert!(
        html.contains(&format!(
            "name=\"positions-0-partner_id\" value=\"{ministry}\""
        )),
        "the first position is pre-filled"
    );
    assert!(
        html.contains("Ministry of Culture of Senegal"),
        "the partner's name is shown"
    );
    assert!(
        html.contains("name=\"positions-2-title\""),
        "two empty rows follow"
    );
    assert!(
        html.contains("<label for=\"positions-0-from\">")
            && html.contains("id=\"positions-0-from\" name=\"positions-0-from\" type=\"date\"")
    );
    assert!(html.contains("id=\"email\" name=\"email\" type=\"email\" value=\"\" dir=\"ltr\""));

    let created = app
        .form(
            &browser,
            "/contacts",
            &[
                ("name", "Fatou Diallo"),
                ("honorific", "Dr"),
                ("email", "fatou.diallo@culture.gouv.sn"),
                ("languages", "fr, wo"),
                ("positions-0-partner_id", &ministry),
                ("positions-0-title", "Director of Cooperation"),
                ("positions-0-from", "2023-09-01"),
                ("positions-0-to", ""),
                ("positions-0-signing_authority", "delegation"),
                (
                    "positions-0-authority_document",
                    "Ministerial order 12/2023",
                ),
                ("positions-1-partner_id", &former),
                ("positions-1-title", "Lecturer"),
                ("positions-1-from", "2015-10-01"),
                ("positions-1-to", "2023-08-31"),
                ("positions-1-signing_authority", "none"),
                ("positions-2-partner_id", ""),
                ("positions-2-title", ""),
                ("positions-2-signing_authority", "none"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let target = location(&created);
    assert!(
        target.starts_with("/contacts/") && target.ends_with("?notice=created"),
        "{target}"
    );

    let page = app.page(&mut browser, &target).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Dr Fatou Diallo"));
    assert!(
        html.contains("Director of Cooperation")
            && html.contains(&format!("href=\"/partners/{ministry}\""))
    );
    assert!(html.contains("Lecturer") && html.contains(&format!("href=\"/partners/{former}\"")));
    assert!(html.contains("Ministerial order 12/2023") && html.contains("Delegation"));
    assert!(
        html.contains("datetime=\"2023-08-31\""),
        "former positions are dated"
    );
    assert!(html.contains("history-title"), "the history is shown");

    let partner_page = app
        .page(&mut browser, &format!("/partners/{ministry}"))
        .await
        .text();
    let people = partner_page
        .split("id=\"contacts-title\"")
        .nth(1)
        .unwrap_or_default();
    let current_people = people.split("<h3>").next().unwrap_or_default();
    assert!(current_people.contains("Dr Fatou Diallo"), "{people}");
    let former_page = app
        .page(&mut browser, &format!("/partners/{former}"))
        .await
        .text();
    let former_people = former_page
        .split("id=\"contacts-title\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        !former_people
            .split("<h3>")
            .next()
            .unwrap_or_default()
            .contains("Fatou Diallo"),
        "an ended position is not current"
    );
    assert!(former_people.contains("Fatou Diallo"));

    let list = app.page(&mut browser, "/contacts?q=fatou").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.text().contains("Dr Fatou Diallo") && list.text().contains("Director of Cooperation")
    );
    let api = app.get("/api/v1/contacts?q=diallo", &token).await.json();
    assert_eq!(
        api["items"][0]["positions"].as_array().unwrap().len(),
        2,
        "the empty row was ignored"
    );
    assert_eq!(api["items"][0]["languages"], json!(["fr", "wo"]));
}

#[tokio::test]
async fn a_form_post_without_the_csrf_token_is_refused() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@icesco.test").await;
    let mut browser = app.browser("officer@icesco.test").await;
    app.page(&mut browser, "/contacts/new").await;
    let refused = app
        .form(
            &browser,
            "/contacts",
            &[("_csrf", "forged"), ("name", "Mallory")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let missing = app
        .form(&browser, "/contacts", &[("_csrf", ""), ("name", "Mallory")])
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let list = app.page(&mut browser, "/contacts").await.text();
    assert!(!list.contains("Mallory"));
}

#[tokio::test]
async fn field_errors_appear_next_to_position_fields_with_a_summary() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Health").await;
    app.user(Role::Officer, "officer@icesco.test").await;
    let mut browser = app.browser("officer@icesco.test").await;
    app.page(&mut browser, "/contacts/new").await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let answer = app
        .form(
            &browser,
            "/contacts",
            &[
                ("name", ""),
                ("email", "nope"),
                // An empty first row is skipped: the next rows become positions 1 and 2.
                ("positions-0-partner_id", ""),
                ("positions-0-signing_authority", "none"),
                ("positions-1-partner_id", &ministry),
                ("positions-1-from", "2024-05-01"),
                ("positions-1-to", "2024-01-01"),
                ("positions-2-partner_id", &unknown),
                ("positions-2-title", "Adviser"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("href=\"#name\"") && html.contains("id=\"name-error\""));
    assert!(html.contains("href=\"#email\"") && html.contains("id=\"email-error\""));
    assert!(
        html.contains("href=\"#positions-0-title\"")
            && html.contains("id=\"positions-0-title-error\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"#positions-0-to\"") && html.contains("id=\"positions-0-to-error\"")
    );
    assert!(html.contains("Position 1: Title"));
    assert!(html.contains("Ends before it starts."));
    assert!(
        html.contains("Ministry of Health"),
        "the typed partner's name is shown beside its id"
    );
    assert!(
        html.contains("value=\"2024-05-01\""),
        "typed values are kept"
    );

    // With the other fields right, the unknown partner is reported on its row.
    let answer = app
        .form(
            &browser,
            "/contacts",
            &[
                ("name", "Someone"),
                ("positions-0-partner_id", &ministry),
                ("positions-0-title", "Adviser"),
                ("positions-1-partner_id", &unknown),
                ("positions-1-title", "Adviser"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text();
    assert!(
        html.contains("href=\"#positions-1-partner_id\"") && html.contains("No such partner."),
        "{html}"
    );
    assert_eq!(app.get("/api/v1/contacts", &token).await.json()["total"], 0);
}

#[tokio::test]
async fn editing_keeps_positions_and_a_stale_form_shows_the_conflict() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Youth").await;
    let created = app
        .post("/api/v1/contacts", &token, json!({"name": "Omar Said", "positions": [{"partner_id": ministry, "title": "Adviser"}]}))
        .await
        .json();
    let id = created["id"].as_str().unwrap().to_string();
    let position_id = created["positions"][0]["id"].as_str().unwrap().to_string();
    app.user(Role::Officer, "officer@icesco.test").await;
    let mut browser = app.browser("officer@icesco.test").await;

    let edit = app
        .page(&mut browser, &format!("/contacts/{id}/edit"))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    let html = edit.text();
    assert!(html.contains("name=\"version\" value=\"1\""));
    assert!(html.contains(&format!("name=\"positions-0-id\" value=\"{position_id}\"")));
    assert!(
        html.contains("name=\"positions-2-title\""),
        "existing positions plus two empty rows"
    );

    let saved = app
        .form(
            &browser,
            &format!("/contacts/{id}"),
            &[
                ("version", "1"),
                ("name", "Omar Said"),
                ("positions-0-id", &position_id),
                ("positions-0-partner_id", &ministry),
                ("positions-0-title", "Senior Adviser"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let read = app
        .get(&format!("/api/v1/contacts/{id}"), &token)
        .await
        .json();
    assert_eq!(read["version"], 2);
    assert_eq!(read["positions"][0]["id"], position_id.as_str());
    assert_eq!(read["positions"][0]["title"], "Senior Adviser");

    let stale = app
        .form(
            &browser,
            &format!("/contacts/{id}"),
            &[
                ("version", "1"),
                ("name", "Omar Saïd"),
                ("positions-0-partner_id", &ministry),
                ("positions-0-title", "Adviser"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let html = stale.text();
    assert!(html.contains("Someone else changed this record"));
    assert!(
        html.contains("name=\"version\" value=\"2\"") && html.contains("value=\"Omar Saïd\""),
        "the typed values are kept"
    );
    assert_eq!(
        app.get(&format!("/api/v1/contacts/{id}"), &token)
            .await
            .json()["name"],
        "Omar Said"
    );

    // Emptying every field of a row removes the position.
    let removed = app
        .form(
            &browser,
            &format!("/contacts/{id}"),
            &[
                ("version", "2"),
                ("name", "Omar Said"),
                ("positions-0-id", &position_id),
                ("positions-0-partner_id", ""),
                ("positions-0-title", ""),
            ],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text());
    assert_eq!(
        app.get(&format!("/api/v1/contacts/{id}"), &token)
            .await
            .json()["positions"],
        json!([])
    );
}

#[tokio::test]
async fn the_list_says_what_to_do_when_empty_and_readers_cannot_edit() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@icesco.test").await;
    app.user(Role::Viewer, "viewer@icesco.test").await;
    let mut officer = app.browser("officer@icesco.test").await;
    let empty = app.page(&mut officer, "/contacts").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty.text().contains("No contacts yet") && empty.text().contains("href=\"/contacts/new\"")
    );
    let none_found = app.page(&mut officer, "/contacts?q=zzz&sort=bogus").await;
    assert_eq!(none_found.status, StatusCode::OK);
    assert!(none_found.text().contains("No contact matches this search"));
    assert!(none_found.text().contains("Some filters were ignored"));

    let mut viewer = app.browser("viewer@icesco.test").await;
    let list = app.page(&mut viewer, "/contacts").await.text();
    assert!(
        !list.contains("href=\"/contacts/new\""),
        "no New contact button for readers"
    );
    assert_eq!(
        app.page(&mut viewer, "/contacts/new").await.status,
        StatusCode::FORBIDDEN
    );
    let denied = app.form(&viewer, "/contacts", &[("name", "Someone")]).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.page(&mut viewer, &format!("/contacts/{}", uuid::Uuid::now_v7()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
