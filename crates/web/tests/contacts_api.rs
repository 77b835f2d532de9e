//! Contacts through the JSON API: people at partners, with dated positions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
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
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap_or_default().to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/contacts", token, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

fn total(answer: &common::Answer) -> i64 {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    answer.json()["total"].as_i64().unwrap_or(-1)
}

#[tokio::test]
async fn a_contact_with_positions_at_two_partners_is_created_and_read_back() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Education").await;
    let commission = partner(&app, &token, "National Commission for UNESCO").await;
    let answer = app
        .post("/api/v1/contacts", &token, json!({
            "name": "Amina Benali", "name_alt": "أمينة بن علي", "honorific": "H.E.", "email": "Amina@Example.ORG",
            "phone": "+212 5 37 00 00 00", "languages": ["ar", "fr", "fr"], "notes": "Met in Rabat.",
            "positions": [
                {"partner_id": ministry, "title": "Minister", "from": "2024-01-15", "signing_authority": "full_powers", "authority_document": "Decree 2024-17"},
                {"partner_id": commission, "title": "Secretary-General", "from": "2019-03-01", "to": "2023-12-31"}
            ]
        }))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let created = answer.json();
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        answer.headers[header::LOCATION],
        format!("/api/v1/contacts/{id}").as_str()
    );
    assert_eq!(created["version"], 1);

    let read = app.get(&format!("/api/v1/contacts/{id}"), &token).await;
    assert_eq!(read.status, StatusCode::OK);
    let contact = read.json();
    assert_eq!(contact, created, "the creation answers the stored record");
    assert_eq!(contact["name"], "Amina Benali");
    assert_eq!(contact["name_alt"], "أمينة بن علي");
    assert_eq!(contact["honorific"], "H.E.");
    assert_eq!(contact["email"], "Amina@example.org");
    assert_eq!(contact["languages"], json!(["ar", "fr"]));
    assert_eq!(contact["notes"], "Met in Rabat.");
    let positions = contact["positions"].as_array().unwrap();
    assert_eq!(positions.len(), 2);
    let current = &positions[0];
    assert!(
        current["id"]
            .as_str()
            .is_some_and(|p| uuid::Uuid::parse_str(p).is_ok())
    );
    assert_eq!(current["partner_id"], ministry.as_str());
    assert_eq!(current["partner_name"]["en"], "Ministry of Education");
    assert_eq!(current["title"], "Minister");
    assert_eq!(current["from"], "2024-01-15");
    assert_eq!(current["to"], Value::Null);
    assert_eq!(current["current"], true);
    assert_eq!(current["signing_authority"], "full_powers");
    assert_eq!(current["authority_document"], "Decree 2024-17");
    let former = &positions[1];
    assert_eq!(
        former["partner_name"]["en"],
        "National Commission for UNESCO"
    );
    assert_eq!(former["to"], "2023-12-31");
    assert_eq!(former["current"], false);
    assert_eq!(former["signing_authority"], "none");
    for instant in [&contact["created_at"], &contact["updated_at"]] {
        let text = instant.as_str().unwrap();
        assert!(
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .is_ok(),
            "{text}"
        );
    }
}

#[tokio::test]
async fn contacts_are_found_without_accents_or_arabic_diacritics() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministère de la Culture").await;
    create(&app, &token, json!({
        "name": "Zoé Ménard-Lefèvre", "name_alt": "عَبْدُ الرَّحْمٰنِ الفَاسِيّ", "email": "zoe@culture.gouv.fr",
        "positions": [{"partner_id": ministry, "title": "Directrice de la coopération"}]
    }))
    .await;
    create(
        &app,
        &token,
        json!({"name": "John Smith", "email": "john@example.org"}),
    )
    .await;

    for (query, expected) in [
        ("zoe menard", 1),
        ("MENARD LEFEVRE", 1),
        ("عبد الرحمن الفاسي", 1), // without diacritics
        ("الفاسى", 1),            // alef maqsura for ya
        ("cooperation", 1),       // a position's title
        ("culture.gouv", 1),      // the e-mail
        ("smith", 1),
        ("nobody like this", 0),
    ] {
        let answer = app
            .get(
                &format!("/api/v1/contacts?q={}", common::urlencode(query)),
                &token,
            )
            .await;
        assert_eq!(total(&answer), expected, "query {query}");
    }
    let found = app
        .get(
            &format!("/api/v1/contacts?q={}", common::urlencode("zoé")),
            &token,
        )
        .await
        .json();
    assert_eq!(found["items"][0]["name"], "Zoé Ménard-Lefèvre");
}

#[tokio::test]
async fn contacts_are_listed_by_partner_sorted_and_paged() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Culture").await;
    let university = partner(&app, &token, "University of Dakar").await;
    for i in 0..5 {
        let at = if i % 2 == 0 { &ministry } else { &university };
        create(&app, &token, json!({"name": format!("Person {i:02}"), "positions": [{"partner_id": at, "title": "Adviser"}]})).await;
    }
    // A former position counts too: the person held a position there.
    create(&app, &token, json!({"name": "Person 99", "positions": [
        {"partner_id": ministry, "title": "Former minister", "from": "2010-01-01", "to": "2015-01-01"},
        {"partner_id": university, "title": "Rector"}
    ]}))
    .await;

    assert_eq!(total(&app.get("/api/v1/contacts", &token).await), 6);
    assert_eq!(
        total(
            &app.get(&format!("/api/v1/contacts?partner_id={ministry}"), &token)
                .await
        ),
        4
    );
    let at_university = app
        .get(
            &format!("/api/v1/contacts?partner_id={university}&q=person"),
            &token,
        )
        .await;
    assert_eq!(total(&at_university), 3);

    let mut seen = Vec::new();
    let mut path = format!("/api/v1/contacts?partner_id={ministry}&sort=-name&limit=2");
    loop {
        let page = app.get(&path, &token).await.json();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                path = format!(
                    "/api/v1/contacts?partner_id={ministry}&sort=-name&limit=2&cursor={cursor}"
                )
            }
            None => break,
        }
    }
    assert_eq!(seen, ["Person 99", "Person 04", "Person 02", "Person 00"]);
    let newest = app
        .get("/api/v1/contacts?sort=-created_at&limit=1", &token)
        .await
        .json();
    assert_eq!(newest["items"][0]["name"], "Person 99");

    let bad = app
        .get(
            "/api/v1/contacts?partner_id=nope&sort=colour&limit=0&cursor=zzz&kind=ngo",
            &token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json()["details"]["fields"]["kind"],
        json!(["unknown_parameter"])
    );
    let bad = app
        .get(
            "/api/v1/contacts?partner_id=nope&sort=colour&limit=0&cursor=zzz",
            &token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["details"]["fields"];
    assert_eq!(fields["partner_id"], json!(["invalid_id"]));
    assert_eq!(fields["sort"], json!(["invalid_sort"]));
    assert_eq!(fields["limit"], json!(["out_of_range"]));
    assert_eq!(fields["cursor"], json!(["invalid_cursor"]));
    let unknown = app
        .get(
            &format!("/api/v1/contacts?partner_id={}", uuid::Uuid::now_v7()),
            &token,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown.json()["details"]["fields"]["partner_id"],
        json!(["unknown_partner"])
    );
}

#[tokio::test]
async fn a_stale_patch_gets_409_and_nothing_is_overwritten() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Youth").await;
    let contact = create(&app, &token, json!({"name": "Karim Haddad", "positions": [{"partner_id": ministry, "title": "Director"}]})).await;
    let path = format!("/api/v1/contacts/{}", contact["id"].as_str().unwrap());
    let position_id = contact["positions"][0]["id"].clone();

    // A client may send back the positions as it read them (read-only fields included).
    let mut positions = contact["positions"].clone();
    positions[0]["to"] = json!("2025-06-30");
    let first = app
        .patch(
            &path,
            &token,
            json!({"phone": "+221 33 800 00 00", "positions": positions, "version": 1}),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let first = first.json();
    assert_eq!(first["version"], 2);
    assert_eq!(
        first["name"], "Karim Haddad",
        "fields not in the patch are kept"
    );
    assert_eq!(
        first["positions"][0]["id"], position_id,
        "the position keeps its identity"
    );
    assert_eq!(first["positions"][0]["current"], false);

    let stale = app
        .patch(
            &path,
            &token,
            json!({"phone": "+221 77 000 00 00", "version": 1}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["details"]["current"]["version"], 2);
    assert_eq!(
        stale.json()["details"]["current"]["phone"],
        "+221 33 800 00 00"
    );
    assert_eq!(
        app.get(&path, &token).await.json()["phone"],
        "+221 33 800 00 00"
    );

    // The version may come in If-Match instead.
    let request = Request::builder()
        .method(Method::PATCH)
        .uri(&path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, "\"2\"")
        .body(Body::from(json!({"honorific": "Dr"}).to_string()))
        .unwrap();
    let with_header = app.send(request).await;
    assert_eq!(with_header.status, StatusCode::OK, "{}", with_header.text());
    assert_eq!(with_header.json()["version"], 3);
    let missing = app
        .patch(&path, &token, json!({"honorific": "Prof."}))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json()["details"]["fields"]["version"],
        json!(["required"])
    );
}

#[tokio::test]
async fn invalid_input_gets_422_with_field_paths() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Health").await;
    let answer = app
        .post("/api/v1/contacts", &token, json!({
            "name": " ", "email": "not-an-address", "phone": "call me", "languages": ["arabic"],
            "positions": [
                {"partner_id": ministry},
                {"partner_id": "x", "title": "Adviser", "from": "2024-05-01", "to": "2024-01-01", "signing_authority": "all"}
            ]
        }))
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    assert_eq!(answer.json()["code"], "validation_failed");
    let fields = &answer.json()["details"]["fields"];
    assert_eq!(fields["name"], json!(["required"]));
    assert_eq!(fields["email"], json!(["invalid_email"]));
    assert_eq!(fields["phone"], json!(["invalid_phone"]));
    assert_eq!(fields["languages"], json!(["invalid_language"]));
    assert_eq!(fields["positions[0].title"], json!(["required"]));
    assert_eq!(fields["positions[1].partner_id"], json!(["invalid_id"]));
    assert_eq!(fields["positions[1].to"], json!(["before_start"]));
    assert_eq!(
        fields["positions[1].signing_authority"],
        json!(["invalid_choice"])
    );

    let unknown_partner = app
        .post("/api/v1/contacts", &token, json!({"name": "X", "positions": [{"partner_id": uuid::Uuid::now_v7(), "title": "Adviser"}]}))
        .await;
    assert_eq!(unknown_partner.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown_partner.json()["details"]["fields"]["positions[0].partner_id"],
        json!(["unknown_partner"])
    );

    let wrong_type = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({"name": "X", "positions": [{"partner_id": ministry, "title": 5}]}),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong_type.json()["details"]["fields"]["positions[0].title"],
        json!(["invalid_type"])
    );

    let unknown_field = app
        .post(
            "/api/v1/contacts",
            &token,
            json!({"name": "X", "colour": "red"}),
        )
        .await;
    assert_eq!(
        unknown_field.json()["details"]["fields"]["colour"],
        json!(["unknown_field"])
    );

    let foreign_position = app
        .post("/api/v1/contacts", &token, json!({"name": "X", "positions": [{"id": uuid::Uuid::now_v7(), "partner_id": ministry, "title": "Adviser"}]}))
        .await;
    assert_eq!(foreign_position.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        foreign_position.json()["details"]["fields"]["positions[0].id"],
        json!(["unknown_position"])
    );

    let bad_date = app.post("/api/v1/contacts", &token, json!({"name": "X", "positions": [{"partner_id": ministry, "title": "A", "from": "01/02/2024"}]})).await;
    assert_eq!(
        bad_date.json()["details"]["fields"]["positions[0].from"],
        json!(["invalid_date"])
    );

    let malformed = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/contacts")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"name\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.get("/api/v1/contacts", &token).await.json()["total"],
        0,
        "nothing was stored"
    );
    assert_eq!(
        app.get("/api/v1/contacts/not-a-uuid", &token).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/contacts/{}", uuid::Uuid::now_v7()),
            &token
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_officers_and_admins_create_and_edit_contacts() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    let admin = app.token(Role::Admin).await;
    let viewer = app.token(Role::Viewer).await;
    let legal = app.token(Role::Legal).await;
    let denied = app
        .post("/api/v1/contacts", &viewer, json!({"name": "Someone"}))
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.json()["code"], "forbidden");
    assert_eq!(
        app.post("/api/v1/contacts", &legal, json!({"name": "Someone"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let contact = create(&app, &admin, json!({"name": "Someone"})).await;
    let path = format!("/api/v1/contacts/{}", contact["id"].as_str().unwrap());
    assert_eq!(
        app.patch(&path, &viewer, json!({"notes": "x", "version": 1}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&path, &viewer).await.status,
        StatusCode::OK,
        "staff read every contact"
    );
    assert_eq!(total(&app.get("/api/v1/contacts", &viewer).await), 1);
    assert_eq!(
        app.patch(&path, &officer, json!({"notes": "x", "version": 1}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/contacts", "acc_wrong").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_partner_user_sees_only_contacts_of_their_organization() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    let own = partner(&app, &officer, "Own Organization").await;
    let other = partner(&app, &officer, "Other Organization").await;
    let ours = create(
        &app,
        &officer,
        json!({"name": "Inside Person", "positions": [
            {"partner_id": other, "title": "Adviser"},
            {"partner_id": own, "title": "Former liaison", "from": "2015-01-01", "to": "2020-01-01"}
        ]}),
    )
    .await;
    let theirs = create(&app, &officer, json!({"name": "Outside Person", "positions": [{"partner_id": other, "title": "Director"}]})).await;
    create(&app, &officer, json!({"name": "Nobody's Person"})).await;

    let own_id = uuid::Uuid::parse_str(&own).unwrap();
    let user = app
        .user_with(Role::Partner, "liaison@own.org", Some(own_id))
        .await;
    let token = app.token_for(&user).await;
    let list = app.get("/api/v1/contacts", &token).await;
    assert_eq!(total(&list), 1);
    assert_eq!(list.json()["items"][0]["id"], ours["id"]);
    assert_eq!(
        total(&app.get("/api/v1/contacts?q=outside", &token).await),
        0
    );
    assert_eq!(
        total(
            &app.get(&format!("/api/v1/contacts?partner_id={own}"), &token)
                .await
        ),
        1
    );
    let foreign_filter = app
        .get(&format!("/api/v1/contacts?partner_id={other}"), &token)
        .await;
    assert_eq!(
        foreign_filter.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another organization is not a partner they know"
    );

    assert_eq!(
        app.get(
            &format!("/api/v1/contacts/{}", ours["id"].as_str().unwrap()),
            &token
        )
        .await
        .status,
        StatusCode::OK
    );
    let hidden = app
        .get(
            &format!("/api/v1/contacts/{}", theirs["id"].as_str().unwrap()),
            &token,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let patch = app
        .patch(
            &format!("/api/v1/contacts/{}", theirs["id"].as_str().unwrap()),
            &token,
            json!({"notes": "x", "version": 1}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post("/api/v1/contacts", &token, json!({"name": "X"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn history_lists_the_creation_and_the_update() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let ministry = partner(&app, &token, "Ministry of Foreign Affairs").await;
    let contact = create(&app, &token, json!({"name": "Leila Mansour", "positions": [{"partner_id": ministry, "title": "Ambassador"}]})).await;
    let path = format!("/api/v1/contacts/{}", contact["id"].as_str().unwrap());
    let updated = app
        .patch(
            &path,
            &token,
            json!({"email": "leila@mfa.example", "version": 1}),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());

    let history = app.get(&format!("{path}/history"), &token).await;
    assert_eq!(history.status, StatusCode::OK);
    let history = history.json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["update", "create"]);
    assert_eq!(history["items"][0]["before"]["email"], Value::Null);
    assert_eq!(history["items"][0]["after"]["email"], "leila@mfa.example");
    assert_eq!(
        history["items"][1]["after"]["positions"][0]["title"],
        "Ambassador"
    );
    assert_eq!(history["items"][0]["actor_name"], "officer user");

    let viewer = app.token(Role::Viewer).await;
    assert_eq!(
        app.get(&format!("{path}/history"), &viewer).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/contacts/{}/history", uuid::Uuid::now_v7()),
            &token
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let report = accord_store::audit::verify_chain(&app.db, |_, _| {})
        .await
        .unwrap();
    assert!(
        matches!(report, accord_store::audit::ChainReport::Whole { .. }),
        "{report:?}"
    );
}
