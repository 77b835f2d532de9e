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
