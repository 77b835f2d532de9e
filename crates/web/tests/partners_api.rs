//! The partner registry through the JSON API, as a client program uses it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::{Method, StatusCode};
use common::TestApp;
use serde_json::json;

async fn create(app: &TestApp, token: &str, body: serde_json::Value) -> serde_json::Value {
    let answer = app.post("/api/v1/partners", token, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

#[tokio::test]
async fn partners_are_found_by_any_name_with_normalized_spellings() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    create(&app, &token, json!({
        "name": {"ar": "المنظمة الإسلامية للتربية والعلوم والثقافة", "en": "Islamic World Educational, Scientific and Cultural Organization", "fr": "Organisation du monde islamique pour l'éducation, les sciences et la culture"},
        "acronym": "ICESCO", "kind": "intergovernmental", "country": "MA", "tags": ["Education"]
    })).await;
    create(&app, &token, json!({"name": {"en": "Université Mohammed V de Rabat", "ar": "جامعة محمد الخامس بالرباط"}, "kind": "academic", "country": "MA"})).await;
    create(
        &app,
        &token,
        json!({"name": {"ar": "مستشفى الأطفال"}, "kind": "ngo"}),
    )
    .await;

    for (query, expected) in [
        ("المنظمه الاسلاميه", 1),            // no hamza, ha for ta marbuta
        ("المُنَظَّمَة", 1),                    // with diacritics
        ("المنظمـــة", 1),                 // with tatweel
        ("education sciences culture", 1), // French without accents, any case
        ("EDUCATIONAL", 1),
        ("universite", 1),
        ("مستشفي", 1), // ya for alef maqsura
        ("nothing like this", 0),
    ] {
        let answer = app
            .get(
                &format!("/api/v1/partners?q={}", common::urlencode(query)),
                &token,
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json()["total"], expected, "query {query}");
    }
}

#[tokio::test]
async fn stale_version_gets_409_and_nothing_is_overwritten() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let partner = create(
        &app,
        &token,
        json!({"name": {"en": "Ministry of Culture"}, "kind": "government", "country": "SN"}),
    )
    .await;
    let path = format!("/api/v1/partners/{}", partner["id"].as_str().unwrap());
    let first = app
        .patch(&path, &token, json!({"status": "active", "version": 1}))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(first.json()["version"], 2);
    let stale = app
        .patch(&path, &token, json!({"status": "dormant", "version": 1}))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["details"]["current"]["status"], "active");
    assert_eq!(app.get(&path, &token).await.json()["status"], "active");
}

#[tokio::test]
async fn invalid_input_gets_422_with_field_codes_never_500() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let answer = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {}, "kind": "alien", "email": "nope", "country": "ZZ"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &answer.json()["details"]["fields"];
    assert_eq!(fields["name"], json!(["required"]));
    assert_eq!(fields["kind"], json!(["invalid_choice"]));
    assert_eq!(fields["email"], json!(["invalid_email"]));

    let unknown_country = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {"en": "X"}, "kind": "ngo", "country": "ZZ"}),
        )
        .await;
    assert_eq!(unknown_country.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown_country.json()["details"]["fields"]["country"],
        json!(["unknown_country"])
    );

    let wrong_type = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": "plain", "kind": "ngo"}),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong_type.json()["details"]["fields"]["name"],
        json!(["invalid_type"])
    );

    let unknown_field = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {"en": "X"}, "kind": "ngo", "colour": "red"}),
        )
        .await;
    assert_eq!(
        unknown_field.json()["details"]["fields"]["colour"],
        json!(["unknown_field"]),
        "{}",
        unknown_field.text()
    );

    let malformed = app
        .send(
            axum::http::Request::builder()
                .method(Method::POST)
                .uri("/api/v1/partners")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{\"name\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["code"], "malformed_json");

    let bad_filter = app
        .get("/api/v1/partners?status=sleeping&limit=900", &token)
        .await;
    assert_eq!(bad_filter.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad_filter.json()["details"]["fields"]["status"],
        json!(["invalid_choice"])
    );
    assert_eq!(
        bad_filter.json()["details"]["fields"]["limit"],
        json!(["out_of_range"])
    );

    let french = app
        .send(
            axum::http::Request::builder()
                .uri("/api/v1/partners?kind=x")
                .header("authorization", format!("Bearer {token}"))
                .header("accept-language", "fr-FR,fr;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(french.json()["code"], "validation_failed");
    assert_ne!(french.json()["message"], "validation failed");
}

#[tokio::test]
async fn lists_page_with_cursors_and_sort() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    for i in 0..7 {
        create(&app, &token, json!({"name": {"en": format!("Partner {i:02}")}, "kind": "ngo", "status": if i % 2 == 0 {"active"} else {"prospect"}})).await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/partners?limit=3&sort=-name".to_string();
    loop {
        let page = app.get(&path, &token).await.json();
        assert_eq!(page["total"], 7);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"]["en"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/partners?limit=3&sort=-name&cursor={cursor}"),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7).rev().map(|i| format!("Partner {i:02}")).collect();
    assert_eq!(seen, expected);
    let active = app
        .get("/api/v1/partners?status=active", &token)
        .await
        .json();
    assert_eq!(active["total"], 4);
}

#[tokio::test]
async fn only_officers_and_admins_change_the_registry_and_partners_see_only_their_own() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    let viewer = app.token(Role::Viewer).await;
    let own = create(
        &app,
        &officer,
        json!({"name": {"en": "Own Org"}, "kind": "ngo"}),
    )
    .await;
    create(
        &app,
        &officer,
        json!({"name": {"en": "Other Org"}, "kind": "ngo"}),
    )
    .await;
    let denied = app
        .post(
            "/api/v1/partners",
            &viewer,
            json!({"name": {"en": "X"}, "kind": "ngo"}),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/partners", &viewer).await.json()["total"],
        2
    );

    let own_id = uuid::Uuid::parse_str(own["id"].as_str().unwrap()).unwrap();
    let partner_user = app
        .user_with(Role::Partner, "p@partner.org", Some(own_id))
        .await;
    let partner_token = app.token_for(&partner_user).await;
    let list = app.get("/api/v1/partners", &partner_token).await.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], own["id"]);
    let others = app
        .get("/api/v1/partners?q=other", &partner_token)
        .await
        .json();
    assert_eq!(others["total"], 0);
    assert_eq!(
        app.get("/api/v1/partners/export?format=csv", &partner_token)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/partners", "acc_wrong").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn duplicates_are_flagged_and_merged_with_their_history() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let survivor = create(&app, &token, json!({"name": {"en": "Ministry of National Education"}, "kind": "government", "country": "MA", "tags": ["education"]})).await;
    let duplicate = create(&app, &token, json!({"name": {"en": "Ministry of National Educaton", "ar": "وزارة التربية الوطنية"}, "kind": "government", "website": "https://men.gov.ma", "tags": ["youth"]})).await;
    assert_eq!(duplicate["warnings"][0]["code"], "possible_duplicate");
    assert_eq!(duplicate["warnings"][0]["partner_id"], survivor["id"]);

    // The duplicate is party to an agreement (alone, and beside the survivor)
    // and named in an interaction: all follow the merge.
    let did = duplicate["id"].as_str().unwrap().to_string();
    let agreement = |parties: Vec<&str>, title: &str| json!({ "title": { "en": title }, "kind": "mou", "partner_ids": parties, "lead_unit": "ED" });
    let alone = app
        .post(
            "/api/v1/agreements",
            &token,
            agreement(vec![&did], "Teacher training"),
        )
        .await;
    assert_eq!(alone.status, StatusCode::CREATED, "{}", alone.text());
    let both = app
        .post(
            "/api/v1/agreements",
            &token,
            agreement(
                vec![survivor["id"].as_str().unwrap(), &did],
                "School libraries",
            ),
        )
        .await;
    assert_eq!(both.status, StatusCode::CREATED, "{}", both.text());
    let met = app
        .post(
            "/api/v1/interactions",
            &token,
            json!({ "kind": "meeting", "direction": "internal", "subject": "Planning", "occurred_at": "2026-10-01", "partner_ids": [did] }),
        )
        .await;
    assert_eq!(met.status, StatusCode::CREATED, "{}", met.text());

    let sid = survivor["id"].as_str().unwrap();
    let merged = app
        .post(
            &format!("/api/v1/partners/{sid}/merge"),
            &token,
            json!({"from": duplicate["id"]}),
        )
        .await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.text());
    let merged = merged.json();
    assert_eq!(merged["name"]["ar"], "وزارة التربية الوطنية");
    assert_eq!(merged["website"], "https://men.gov.ma");
    assert_eq!(merged["tags"], json!(["education", "youth"]));
    let gone = app
        .get(
            &format!("/api/v1/partners/{}", duplicate["id"].as_str().unwrap()),
            &token,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.json()["details"]["merged_into"], survivor["id"]);
    assert_eq!(app.get("/api/v1/partners", &token).await.json()["total"], 1);
    let of_survivor = app
        .get(&format!("/api/v1/agreements?partner_id={sid}"), &token)
        .await
        .json();
    assert_eq!(of_survivor["total"], 2);
    let both = app
        .get(
            &format!("/api/v1/agreements/{}", both.json()["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json();
    assert_eq!(both["partner_ids"], json!([sid]));
    let logged = app
        .get(&format!("/api/v1/interactions?partner_id={sid}"), &token)
        .await
        .json();
    assert_eq!(logged["total"], 1);
    let history = app
        .get(&format!("/api/v1/partners/{sid}/history"), &token)
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
    assert_eq!(
        actions.iter().filter(|a| **a == "create").count(),
        2,
        "both creations are in the survivor's history"
    );
}

#[tokio::test]
async fn every_change_is_audited_and_the_chain_verifies() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let partner = create(
        &app,
        &token,
        json!({"name": {"fr": "Fondation pour la culture"}, "kind": "foundation"}),
    )
    .await;
    let path = format!("/api/v1/partners/{}", partner["id"].as_str().unwrap());
    app.patch(
        &path,
        &token,
        json!({"notes": "met in Rabat", "version": 1}),
    )
    .await;
    let history = app.get(&format!("{path}/history"), &token).await.json();
    assert_eq!(history["items"][0]["action"], "update");
    assert_eq!(history["items"][0]["before"]["notes"], json!(null));
    assert_eq!(history["items"][0]["after"]["notes"], "met in Rabat");
    let report = accord_store::audit::verify_chain(&app.db, |_, _| {})
        .await
        .unwrap();
    assert!(
        matches!(report, accord_store::audit::ChainReport::Whole { events } if events >= 4),
        "{report:?}"
    );
}

#[tokio::test]
async fn exports_follow_the_filters() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    create(&app, &token, json!({"name": {"ar": "جامعة القاهرة", "en": "Cairo University"}, "kind": "academic", "country": "EG"})).await;
    create(
        &app,
        &token,
        json!({"name": {"en": "=HYPERLINK(\"x\")"}, "kind": "ngo"}),
    )
    .await;
    let csv = app
        .get("/api/v1/partners/export?format=csv&kind=academic", &token)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(text.contains("جامعة القاهرة") && !text.contains("HYPERLINK"));
    let all = app
        .get("/api/v1/partners/export?format=csv", &token)
        .await
        .text();
    assert!(all.contains("'=HYPERLINK"), "formulas are defused");
    let xlsx = app.get("/api/v1/partners/export?format=xlsx", &token).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX file is a zip");
    assert_eq!(
        app.get("/api/v1/partners/export?format=pdf", &token)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn too_large_bodies_get_the_json_error_shape() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let huge = "x".repeat(3 * 1024 * 1024);
    let answer = app
        .post(
            "/api/v1/partners",
            &token,
            json!({"name": {"en": huge}, "kind": "ngo"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["code"], "too_large");
    let unknown = app.get("/api/v1/nothing-here", &token).await;
    assert_eq!(
        (unknown.status, unknown.json()["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn totals_stay_exact_through_edits_and_merges() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let mut ids = Vec::new();
    for (i, kind) in ["ngo", "ngo", "academic", "media", "ngo"]
        .iter()
        .enumerate()
    {
        let p = create(
            &app,
            &token,
            json!({"name": {"en": format!("Org number {i}")}, "kind": kind}),
        )
        .await;
        ids.push(p["id"].as_str().unwrap().to_string());
    }
    app.patch(
        &format!("/api/v1/partners/{}", ids[0]),
        &token,
        json!({"status": "active", "kind": "media", "version": 1}),
    )
    .await;
    app.patch(
        &format!("/api/v1/partners/{}", ids[1]),
        &token,
        json!({"status": "active", "version": 1}),
    )
    .await;
    app.post(
        &format!("/api/v1/partners/{}/merge", ids[2]),
        &token,
        json!({"from": ids[4]}),
    )
    .await;
    for query in [
        "",
        "status=active",
        "status=prospect",
        "kind=ngo",
        "kind=media&status=active",
        "kind=academic",
    ] {
        let page = app
            .get(&format!("/api/v1/partners?limit=200&{query}"), &token)
            .await
            .json();
        assert_eq!(
            page["total"].as_i64().unwrap(),
            page["items"].as_array().unwrap().len() as i64,
            "total for {query:?}"
        );
    }
    assert_eq!(app.get("/api/v1/partners", &token).await.json()["total"], 4);
}

#[tokio::test]
async fn names_sort_in_each_language() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    create(
        &app,
        &token,
        json!({"name": {"en": "Alpha", "ar": "ياء"}, "kind": "ngo"}),
    )
    .await;
    create(
        &app,
        &token,
        json!({"name": {"en": "Beta", "ar": "ألف"}, "kind": "ngo"}),
    )
    .await;
    let names = |page: serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"]["en"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(app.get("/api/v1/partners?sort=name", &token).await.json()),
        ["Alpha", "Beta"]
    );
    assert_eq!(
        names(
            app.get("/api/v1/partners?sort=name_ar", &token)
                .await
                .json()
        ),
        ["Beta", "Alpha"]
    );
    let first = app
        .get("/api/v1/partners?sort=name_ar&limit=1", &token)
        .await
        .json();
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get(
            &format!("/api/v1/partners?sort=name_ar&limit=1&cursor={cursor}"),
            &token,
        )
        .await
        .json();
    assert_eq!(names(second), ["Alpha"]);
}
