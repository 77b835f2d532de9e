//! The world map: a path per country coloured by membership, figures in
//! titles, the table beside it, in Arabic and English, and the map zoomed on
//! a country's page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use serde_json::json;

async fn page_in(app: &TestApp, cookie: &str, path: &str, lang: &str) -> (StatusCode, String) {
    let answer = app
        .send(
            Request::builder()
                .uri(path)
                .header("cookie", format!("{cookie}; accord_lang={lang}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    (answer.status, answer.text())
}

#[tokio::test]
async fn the_map_shows_every_country_with_its_figures_and_a_table() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    for name in [
        "Université Mohammed V",
        "Royal Institute of Amazigh Culture",
    ] {
        let answer = app
            .post(
                "/api/v1/partners",
                &token,
                json!({"name": {"en": name}, "kind": "academic", "country": "MA"}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    app.user(Role::Viewer, "viewer@test.accord").await;
    let browser = app.browser("viewer@test.accord").await;

    let (status, en) = page_in(&app, &browser.cookie, "/map", "en").await;
    assert_eq!(status, StatusCode::OK);
    let paths = en.matches("<path class=\"map-").count();
    assert!(paths > 200, "a path per country, got {paths}");
    assert!(en.contains("<a href=\"/countries/MA\"><path class=\"map-member\""));
    assert!(
        en.contains("<a href=\"/countries/RU\"><path class=\"map-observer\""),
        "observers are drawn hatched"
    );
    assert!(en.contains("<a href=\"/countries/BR\"><path class=\"map-non-member\""));
    assert!(en.contains("Morocco — Member state · 2 partners · 0 active agreements"));
    assert!(en.contains("<table class=\"data-table\">"));
    assert!(en.contains("<a href=\"/countries/JP\"><bdi>Japan</bdi></a>"));
    assert!(en.contains("id=\"map-hatch\""));

    let (status, ar) = page_in(&app, &browser.cookie, "/map", "ar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ar.contains("dir=\"rtl\""));
    assert!(ar.contains("<bdi>المغرب</bdi>"));
    assert!(ar.contains("المغرب — "), "titles in Arabic");
    assert!(ar.matches("<path class=\"map-").count() > 200);

    // The country page has the map zoomed on the country, outlined.
    let (status, country) = page_in(&app, &browser.cookie, "/countries/MA", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(country.contains("map-member map-selected"));
    assert!(!country.contains("viewBox=\"0 0 2000"), "zoomed in");

    // Partner users do not see the map.
    let partner = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {"en": "Partner org"}, "kind": "ngo"}),
        )
        .await
        .json();
    let org = uuid::Uuid::parse_str(partner["id"].as_str().unwrap()).unwrap();
    app.user_with(Role::Partner, "partner@test.accord", Some(org))
        .await;
    let outsider = app.browser("partner@test.accord").await;
    let (status, _) = page_in(&app, &outsider.cookie, "/map", "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_country_page_links_to_its_outreach_case() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@test.accord").await;
    let token = app.token(Role::Officer).await;
    let mut browser = app.browser("officer@test.accord").await;
    let before = app.page(&mut browser, "/countries/BR").await.text();
    assert!(before.contains("href=\"/outreach/new?country=BR\""));
    let member = app.page(&mut browser, "/countries/MA").await.text();
    assert!(
        !member.contains("/outreach/new?country=MA"),
        "members are not approached"
    );
    let case = app
        .post("/api/v1/outreach", &token, json!({"country": "BR"}))
        .await
        .json();
    let after = app.page(&mut browser, "/countries/BR").await.text();
    assert!(after.contains(&format!(
        "href=\"/outreach/{}\"",
        case["id"].as_str().unwrap()
    )));
    assert!(
        !after.contains("/outreach/new?country=BR"),
        "one open case at a time"
    );
    // Partner users may not read outreach cases.
    let partner = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {"en": "Partner org"}, "kind": "ngo"}),
        )
        .await
        .json();
    let org = uuid::Uuid::parse_str(partner["id"].as_str().unwrap()).unwrap();
    let outsider = app
        .user_with(Role::Partner, "partner@test.accord", Some(org))
        .await;
    let outsider = app.token_for(&outsider).await;
    assert_eq!(
        app.get("/api/v1/outreach", &outsider).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/outreach/{}", case["id"].as_str().unwrap()),
            &outsider
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn confidential_agreements_count_only_for_those_who_may_see_them() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    let ministry = app
        .post("/api/v1/partners", &officer, json!({"name": {"en": "Ministry of Culture of Japan"}, "kind": "government", "country": "JP"}))
        .await
        .json();
    let agreement = app
        .post(
            "/api/v1/agreements",
            &officer,
            json!({"title": {"en": "Secret MoU"}, "kind": "mou", "partner_ids": [ministry["id"]], "lead_unit": "ED", "confidential": true}),
        )
        .await;
    assert_eq!(
        agreement.status,
        StatusCode::CREATED,
        "{}",
        agreement.text()
    );
    let id = agreement.json()["id"].as_str().unwrap().to_string();
    // Bring it into force directly: this test is about who may count it, not the lifecycle.
    let sql = "UPDATE agreements SET status = 'active' WHERE id = $1";
    match &app.db.engine {
        accord_store::Engine::Sqlite { write, .. } => {
            sqlx::query(sql).bind(&id).execute(write).await.unwrap();
        }
        accord_store::Engine::Postgres(pool) => {
            sqlx::query(sql).bind(&id).execute(pool).await.unwrap();
        }
    }
    app.user(Role::Viewer, "viewer@test.accord").await;
    app.user(Role::Director, "director@test.accord").await;
    let mut viewer = app.browser("viewer@test.accord").await;
    let mut director = app.browser("director@test.accord").await;
    let seen_by_viewer = app.page(&mut viewer, "/map").await.text();
    assert!(seen_by_viewer.contains("Japan — Non-member · one partner · 0 active agreements"));
    let seen_by_director = app.page(&mut director, "/map").await.text();
    assert!(seen_by_director.contains("Japan — Non-member · one partner · one active agreement"));
}
