//! The observer-state outreach campaign through the API and the pages: cases,
//! stage moves (admission makes the state an observer), forbidden moves, the
//! funnel on a known data set, the board and the case page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use accord_domain::outreach::{OutreachFields, Stage};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::{Value, json};
use time::macros::date;

async fn mission(app: &TestApp, token: &str, name: &str, country: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({"name": {"en": name}, "kind": "diplomatic_mission", "country": country}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap().to_string()
}

async fn open_case(app: &TestApp, token: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/outreach", token, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

async fn move_to(
    app: &TestApp,
    token: &str,
    case: &Value,
    to: &str,
    reason: Option<&str>,
) -> Value {
    let answer = app
        .post(
            &format!(
                "/api/v1/outreach/{}/transitions",
                case["id"].as_str().unwrap()
            ),
            token,
            json!({"to": to, "reason": reason, "version": case["version"]}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{to}: {}", answer.text());
    answer.json()
}

#[tokio::test]
async fn admission_makes_the_state_an_observer_from_the_date() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let embassy = mission(&app, &token, "Embassy of Brazil in Rabat", "BR").await;
    let mut case = open_case(
        &app,
        &token,
        json!({"country": "BR", "mission_partner_id": embassy, "next_action": "Send the invitation", "next_action_on": "2030-01-15"}),
    )
    .await;
    assert_eq!(case["stage"], "identified");
    assert_eq!(case["stages"].as_array().unwrap().len(), 1);
    assert_eq!(case["country_name"]["ar"], "البرازيل");
    for to in [
        "approached",
        "engaged",
        "applied",
        "under_consideration",
        "admitted",
    ] {
        case = move_to(&app, &token, &case, to, None).await;
        assert_eq!(case["stage"], to);
    }
    let today = case["stage_since"].as_str().unwrap().to_string();
    let stages = case["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 6);
    assert!(stages[..5].iter().all(|s| s["left_on"] == today.as_str()));
    assert_eq!(stages[5]["left_on"], Value::Null);

    let country = app.get("/api/v1/countries/BR", &token).await;
    assert_eq!(country.status, StatusCode::OK, "{}", country.text());
    let country = country.json();
    assert_eq!(country["membership"], "observer");
    assert_eq!(country["membership_since"], today.as_str());

    // The move and the membership change are both in the audit log.
    let history = app
        .get(
            &format!("/api/v1/outreach/{}/history", case["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "transition").count(), 5);
    assert!(actions.contains(&"create"));
    let memberships: Vec<(String, Option<String>)> =
        accord_store::countries::membership_history(&app.db, "BR")
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.membership, c.since))
            .collect();
    assert_eq!(
        memberships[0],
        ("observer".to_string(), Some(today.clone()))
    );

    // Admitted is final for an officer; an administrator may revert with a reason.
    let refused = app
        .post(
            &format!(
                "/api/v1/outreach/{}/transitions",
                case["id"].as_str().unwrap()
            ),
            &token,
            json!({"to": "under_consideration", "reason": "mistake", "version": case["version"]}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.json()["details"]["allowed"], json!([]));
    let admin = app.token(Role::Admin).await;
    let reverted = move_to(
        &app,
        &admin,
        &case,
        "under_consideration",
        Some("Entered by mistake"),
    )
    .await;
    assert_eq!(reverted["stage"], "under_consideration");
    let country = app.get("/api/v1/countries/BR", &token).await.json();
    assert_eq!(country["membership"], "non_member");
}

#[tokio::test]
async fn forbidden_moves_answer_409_with_the_allowed_ones() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let case = open_case(&app, &token, json!({"country": "JP"})).await;
    let id = case["id"].as_str().unwrap();
    let answer = app
        .post(
            &format!("/api/v1/outreach/{id}/transitions"),
            &token,
            json!({"to": "admitted", "version": case["version"]}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.text());
    let body = answer.json();
    assert_eq!(body["code"], "invalid_transition");
    assert_eq!(
        body["details"]["allowed"],
        json!(["approached", "declined", "on_hold"])
    );

    // Declining needs a reason; an unknown stage, a bad date and an unknown field are 422.
    let no_reason = app
        .post(
            &format!("/api/v1/outreach/{id}/transitions"),
            &token,
            json!({"to": "declined"}),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        no_reason.json()["details"]["fields"]["reason"],
        json!(["required"])
    );
    let bad = app
        .post(
            &format!("/api/v1/outreach/{id}/transitions"),
            &token,
            json!({"to": "somewhere", "on": "yesterday", "colour": "red"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["details"]["fields"];
    assert_eq!(fields["to"], json!(["invalid_choice"]));
    assert_eq!(fields["on"], json!(["invalid_date"]));
    assert_eq!(fields["colour"], json!(["unknown_field"]));
    // A stale version is a 409 with the current case.
    let stale = app
        .post(
            &format!("/api/v1/outreach/{id}/transitions"),
            &token,
            json!({"to": "approached", "version": 99}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["details"]["current"]["stage"], "identified");
    // A viewer reads but may not move.
    let viewer = app.token(Role::Viewer).await;
    assert_eq!(
        app.get(&format!("/api/v1/outreach/{id}"), &viewer)
            .await
            .status,
        StatusCode::OK
    );
    let denied = app
        .post(
            &format!("/api/v1/outreach/{id}/transitions"),
            &viewer,
            json!({"to": "approached"}),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn one_open_case_per_non_member_state() {
    let app = TestApp::new().await;
    let token = app.token(Role::Director).await;
    let first = open_case(&app, &token, json!({"country": "TH"})).await;
    let second = app
        .post("/api/v1/outreach", &token, json!({"country": "th"}))
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.text());
    assert_eq!(second.json()["code"], "duplicate");
    assert_eq!(second.json()["details"]["candidates"][0]["id"], first["id"]);

    // A member state, an unknown country, a mission that is not one: 422.
    let member = app
        .post("/api/v1/outreach", &token, json!({"country": "MA"}))
        .await;
    assert_eq!(member.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        member.json()["details"]["fields"]["country"],
        json!(["not_a_non_member"])
    );
    let unknown = app
        .post("/api/v1/outreach", &token, json!({"country": "QQ"}))
        .await;
    assert_eq!(
        unknown.json()["details"]["fields"]["country"],
        json!(["unknown_country"])
    );
    let officer = app.token(Role::Officer).await;
    let ngo = app
        .post(
            "/api/v1/partners",
            &officer,
            json!({"name": {"en": "Friends of Culture"}, "kind": "ngo"}),
        )
        .await
        .json();
    let not_mission = app
        .post(
            "/api/v1/outreach",
            &token,
            json!({"country": "BR", "mission_partner_id": ngo["id"]}),
        )
        .await;
    assert_eq!(not_mission.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        not_mission.json()["details"]["fields"]["mission_partner_id"],
        json!(["not_a_mission"])
    );
    let stage = app
        .post(
            "/api/v1/outreach",
            &token,
            json!({"country": "BR", "stage": "admitted"}),
        )
        .await;
    assert_eq!(stage.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Once declined, the state may get a new case.
    let declined = move_to(
        &app,
        &token,
        &first,
        "declined",
        Some("Not interested for now"),
    )
    .await;
    assert_eq!(declined["stage"], "declined");
    open_case(&app, &token, json!({"country": "TH"})).await;

    // Edits: PATCH with the version; stale → 409; country is read-only.
    let case = open_case(&app, &token, json!({"country": "BR"})).await;
    let id = case["id"].as_str().unwrap();
    let patched = app
        .patch(
            &format!("/api/v1/outreach/{id}"),
            &token,
            json!({"next_action": "Call the ambassador", "version": 1}),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text());
    assert_eq!(patched.json()["next_action"], "Call the ambassador");
    let stale = app
        .patch(
            &format!("/api/v1/outreach/{id}"),
            &token,
            json!({"notes": "x", "version": 1}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        stale.json()["details"]["current"]["next_action"],
        "Call the ambassador"
    );
    let moved_country = app
        .patch(
            &format!("/api/v1/outreach/{id}"),
            &token,
            json!({"country": "JP", "version": 2}),
        )
        .await;
    assert_eq!(moved_country.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Filters: stage, country, q in any language; unknown values are 422.
    let list = app
        .get("/api/v1/outreach?stage=identified", &token)
        .await
        .json();
    assert_eq!(list["total"], 2);
    let list = app
        .get(
            &format!("/api/v1/outreach?q={}", common::urlencode("البرازيل")),
            &token,
        )
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["country"], "BR");
    let list = app.get("/api/v1/outreach?q=thailande", &token).await.json();
    assert_eq!(list["total"], 2);
    let bad = app.get("/api/v1/outreach?stage=lost", &token).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paged = app
        .get("/api/v1/outreach?limit=1&sort=country", &token)
        .await
        .json();
    assert_eq!(paged["items"].as_array().unwrap().len(), 1);
    let next = paged["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/outreach?limit=5&sort=country&cursor={next}"),
            &token,
        )
        .await
        .json();
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_funnel_counts_stages_and_median_days_between_them() {
    let app = TestApp::new().await;
    let fields = |country: &str| OutreachFields {
        country: country.into(),
        mission_partner_id: None,
        owner_id: None,
        next_action: None,
        next_action_on: None,
        notes: None,
    };
    use accord_store::outreach::{insert_case, move_case};
    // Brazil: identified 2024-01-01, approached +10 days, engaged +40 days.
    let br = insert_case(&app.db, None, fields("BR"), date!(2024 - 01 - 01))
        .await
        .unwrap();
    let br = move_case(
        &app.db,
        None,
        br.id,
        Stage::Approached,
        date!(2024 - 01 - 11),
        None,
        1,
    )
    .await
    .unwrap();
    move_case(
        &app.db,
        None,
        br.id,
        Stage::Engaged,
        date!(2024 - 02 - 20),
        None,
        2,
    )
    .await
    .unwrap();
    // Japan: identified 2024-03-01, approached +30 days.
    let jp = insert_case(&app.db, None, fields("JP"), date!(2024 - 03 - 01))
        .await
        .unwrap();
    move_case(
        &app.db,
        None,
        jp.id,
        Stage::Approached,
        date!(2024 - 03 - 31),
        None,
        1,
    )
    .await
    .unwrap();
    // Thailand: identified, then on hold.
    let th = insert_case(&app.db, None, fields("TH"), date!(2024 - 05 - 01))
        .await
        .unwrap();
    move_case(
        &app.db,
        None,
        th.id,
        Stage::OnHold,
        date!(2024 - 06 - 01),
        None,
        1,
    )
    .await
    .unwrap();

    let token = app.token(Role::Viewer).await;
    let funnel = app.get("/api/v1/metrics/outreach-funnel", &token).await;
    assert_eq!(funnel.status, StatusCode::OK, "{}", funnel.text());
    let funnel = funnel.json();
    let count = |stage: &str| {
        funnel["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["stage"] == stage)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(
        (
            count("identified"),
            count("approached"),
            count("engaged"),
            count("on_hold")
        ),
        (json!(0), json!(1), json!(1), json!(1))
    );
    assert_eq!(
        funnel["steps"][0],
        json!({"from": "identified", "to": "approached", "cases": 2, "median_days": 20.0})
    );
    assert_eq!(
        funnel["steps"][1],
        json!({"from": "approached", "to": "engaged", "cases": 1, "median_days": 40.0})
    );
    assert_eq!(funnel["steps"][2]["median_days"], Value::Null);

    // The board shows the cases in their columns and the funnel with its table.
    app.user(Role::Viewer, "viewer@test.accord").await;
    let mut browser = app.browser("viewer@test.accord").await;
    let page = app.page(&mut browser, "/outreach").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("id=\"column-on_hold\""));
    assert!(html.contains("Brazil") && html.contains("Japan") && html.contains("Thailand"));
    assert!(
        html.contains("20 days") && html.contains("40 days"),
        "median days in the table"
    );
    // Moves before the current stage began are refused.
    let early = move_case(
        &app.db,
        None,
        jp.id,
        Stage::Engaged,
        date!(2024 - 03 - 02),
        None,
        2,
    )
    .await;
    assert!(matches!(early, Err(accord_store::StoreError::Invalid(_))));
}

#[tokio::test]
async fn officers_open_and_move_cases_through_the_pages() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@test.accord").await;
    let mut browser = app.browser("officer@test.accord").await;
    let form = app.page(&mut browser, "/outreach/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text().contains("value=\"BR\""),
        "non-members are offered"
    );
    assert!(!form.text().contains("value=\"MA\""), "members are not");
    let missing = app.form(&browser, "/outreach", &[("country", "")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.text().contains("href=\"#country\""));
    let created = app
        .form(
            &browser,
            "/outreach",
            &[
                ("country", "BR"),
                ("next_action", "Invite the ambassador"),
                ("next_action_on", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let location = created.headers["location"].to_str().unwrap().to_string();
    let case_path = location.split('?').next().unwrap().to_string();
    let page = app.page(&mut browser, &location).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Brazil") && html.contains("Invite the ambassador"));
    assert!(html.contains("Overdue"));
    assert!(html.contains("id=\"case-interactions\""));
    assert!(html.contains("<option value=\"approached\""));
    assert!(!html.contains("<option value=\"admitted\""));

    // A forbidden move through the form is explained, not a 500.
    let version = "1";
    let wrong = app
        .form(
            &browser,
            &format!("{case_path}/move"),
            &[("to", "applied"), ("version", version)],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("href=\"#to\""));
    let moved = app
        .form(
            &browser,
            &format!("{case_path}/move"),
            &[("to", "approached"), ("version", version)],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text());
    let page = app.page(&mut browser, &case_path).await.text();
    assert!(page.contains("Approached"));

    // Arabic board.
    let id = case_path.rsplit('/').next().unwrap();
    let ar = app
        .send(
            axum::http::Request::builder()
                .uri("/outreach")
                .header("cookie", format!("{}; accord_lang=ar", browser.cookie))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(ar.status, StatusCode::OK);
    assert!(ar.text().contains("البرازيل") && ar.text().contains(id));

    // The second case for the same state is refused with a link to the open one.
    let again = app.form(&browser, "/outreach", &[("country", "BR")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text().contains(&case_path));
}

#[tokio::test]
async fn the_case_page_lists_the_correspondence_of_the_case() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "officer@test.accord").await;
    let token = app.token_for(&officer).await;
    let mission_id = mission(&app, &token, "Embassy of Brazil in Rabat", "BR").await;
    let case = open_case(
        &app,
        &token,
        json!({ "country": "BR", "mission_partner_id": mission_id }),
    )
    .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let mut browser = app.browser("officer@test.accord").await;
    let empty = app
        .page(&mut browser, &format!("/outreach/{case_id}"))
        .await
        .text();
    assert!(empty.contains(&format!(
        "/interactions/new?outreach_case_id={case_id}&amp;partner_id={mission_id}"
    )));
    let logged = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "note_verbale", "direction": "outgoing", "subject": "Invitation to apply for observer status",
                    "occurred_at": "2026-10-01", "partner_ids": [mission_id], "outreach_case_id": case_id }),
        )
        .await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.text());
    let registry = logged.json()["registry_number"]
        .as_str()
        .unwrap()
        .to_string();
    let page = app
        .page(&mut browser, &format!("/outreach/{case_id}"))
        .await
        .text();
    assert!(page.contains("Invitation to apply for observer status"));
    assert!(page.contains(&registry));
}
