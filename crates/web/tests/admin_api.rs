//! `/api/v1/me`, users, units and countries through the JSON API, as an
//! administrator's program and other clients use them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::{Method, StatusCode};
use common::{PASSWORD, TestApp};
use serde_json::{Value, json};

async fn create_user(app: &TestApp, admin: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/users", admin, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()
}

#[tokio::test]
async fn me_answers_the_caller() {
    let app = TestApp::new().await;
    let user = app.user(Role::Technical, "focal@test.accord").await;
    let token = app.token_for(&user).await;
    let answer = app.get("/api/v1/me", &token).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let me = answer.json();
    assert_eq!(me["id"], json!(user.id));
    assert_eq!(me["email"], "focal@test.accord");
    assert_eq!(me["role"], "technical");
    assert_eq!(me["unit"], "ED");
    assert_eq!(me["lang"], json!(null));
    assert!(me.as_object().unwrap().contains_key("calendar_url"));
    // The feed exists for every user, before the profile page was ever opened.
    let feed = me["calendar_url"].as_str().unwrap_or_default();
    assert!(feed.ends_with(".ics"), "{me}");
    assert!(!answer.text().contains("password"));
    assert_eq!(
        app.get("/api/v1/me", "acc_nope").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn non_admins_get_403_on_users_units_and_country_writes() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let target = create_user(
        &app,
        &admin,
        json!({"email": "t@test.accord", "name": "T", "role": "viewer", "password": PASSWORD}),
    )
    .await;
    let target_path = format!("/api/v1/users/{}", target["id"].as_str().unwrap());
    for role in [
        Role::Officer,
        Role::Viewer,
        Role::Legal,
        Role::Director,
        Role::Finance,
    ] {
        let token = app.token(role).await;
        let denied = [
            app.get("/api/v1/users", &token).await,
            app.post("/api/v1/users", &token, json!({"email": "x@test.accord", "name": "X", "role": "admin", "password": PASSWORD})).await,
            app.get(&target_path, &token).await,
            app.patch(&target_path, &token, json!({"role": "admin", "version": 1})).await,
            app.get(&format!("{target_path}/history"), &token).await,
            app.post("/api/v1/units", &token, json!({"code": "NEW", "name": {"en": "New"}, "kind": "centre"})).await,
            app.patch("/api/v1/units/ED", &token, json!({"active": false, "version": 1})).await,
            app.get("/api/v1/units/ED/history", &token).await,
            app.patch("/api/v1/countries/MA", &token, json!({"membership": "observer", "version": 1})).await,
            app.get("/api/v1/countries/MA/history", &token).await,
        ];
        for answer in denied {
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{role:?}: {}",
                answer.text()
            );
            assert_eq!(answer.json()["code"], "forbidden");
        }
        // Reading reference data is open to all staff.
        assert_eq!(
            app.get("/api/v1/units", &token).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/api/v1/countries/MA", &token).await.status,
            StatusCode::OK
        );
    }
    // Nothing changed.
    let unit = app.get("/api/v1/units/ED", &admin).await.json();
    assert_eq!(
        (unit["active"].as_bool(), unit["version"].as_i64()),
        (Some(true), Some(1))
    );
    assert_eq!(
        app.get("/api/v1/countries/MA", &admin).await.json()["version"],
        1
    );
    assert_eq!(app.get(&target_path, &admin).await.json()["role"], "viewer");
}

#[tokio::test]
async fn partner_users_see_no_reference_lists() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    let org = app
        .post(
            "/api/v1/partners",
            &officer,
            json!({"name": {"en": "Org"}, "kind": "ngo"}),
        )
        .await
        .json();
    let org_id = uuid::Uuid::parse_str(org["id"].as_str().unwrap()).unwrap();
    let partner = app
        .user_with(Role::Partner, "p@org.test", Some(org_id))
        .await;
    let token = app.token_for(&partner).await;
    assert_eq!(
        app.get("/api/v1/me", &token).await.json()["organization_id"],
        json!(org_id)
    );
    assert_eq!(
        app.get("/api/v1/units", &token).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/countries", &token).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_admin_creates_a_user_who_then_logs_in_and_no_hash_is_ever_returned() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let created = app
        .post("/api/v1/users", &admin, json!({"email": "Amina.Diallo@ICESCO.org", "name": "Amina Diallo", "role": "technical", "unit": "st", "lang": "fr", "password": PASSWORD}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let user = created.json();
    assert_eq!(
        created.headers["location"],
        format!("/api/v1/users/{}", user["id"].as_str().unwrap())
    );
    assert_eq!(user["email"], "amina.diallo@icesco.org");
    assert_eq!(user["unit"], "ST");
    assert_eq!(user["lang"], "fr");
    assert_eq!(user["disabled"], false);
    assert_eq!(user["version"], 1);
    assert!(!created.text().contains("password") && !created.text().contains("argon2"));

    // The new user logs in through the form and sees the pages in French.
    let mut browser = app.browser("amina.diallo@icesco.org").await;
    let home = app.page(&mut browser, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text().contains("lang=\"fr\""));

    let list = app.get("/api/v1/users", &admin).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["total"], 2);
    assert!(!list.text().contains("password") && !list.text().contains("argon2"));
    let filtered = app
        .get("/api/v1/users?role=technical&q=amina", &admin)
        .await
        .json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(
        app.get("/api/v1/users?role=chief", &admin).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let again = app.post("/api/v1/users", &admin, json!({"email": "amina.diallo@icesco.org", "name": "Again", "role": "viewer", "password": PASSWORD})).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["code"], "duplicate");

    let history = app
        .get(
            &format!("/api/v1/users/{}/history", user["id"].as_str().unwrap()),
            &admin,
        )
        .await
        .json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"create") && actions.contains(&"login"),
        "{actions:?}"
    );
    assert!(!history.to_string().contains("argon2"));
}

#[tokio::test]
async fn a_disabled_users_token_and_session_stop_working() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let user = create_user(&app, &admin, json!({"email": "leaving@test.accord", "name": "Leaving", "role": "officer", "password": PASSWORD})).await;
    let stored = accord_store::users::find_user_by_email(&app.db, "leaving@test.accord")
        .await
        .unwrap()
        .unwrap()
        .0;
    let token = app.token_for(&stored).await;
    let mut browser = app.browser("leaving@test.accord").await;
    assert_eq!(app.get("/api/v1/me", &token).await.status, StatusCode::OK);
    assert_eq!(
        app.page(&mut browser, "/partners").await.status,
        StatusCode::OK
    );

    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let disabled = app
        .patch(&path, &admin, json!({"disabled": true, "version": 1}))
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text());
    assert_eq!(disabled.json()["disabled"], true);
    assert_eq!(disabled.json()["version"], 2);

    assert_eq!(
        app.get("/api/v1/me", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = app.page(&mut browser, "/partners").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );

    // Enabling again does not bring the old session back; a new log-in works.
    let enabled = app
        .patch(&path, &admin, json!({"disabled": false, "version": 2}))
        .await;
    assert_eq!(enabled.status, StatusCode::OK);
    assert_eq!(
        app.page(&mut browser, "/partners").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.get("/api/v1/me", &token).await.status, StatusCode::OK);
    app.browser("leaving@test.accord").await;
}

#[tokio::test]
async fn an_admin_resets_a_password_and_cannot_lock_themselves_out() {
    let app = TestApp::new().await;
    let admin_user = app.user(Role::Admin, "root@test.accord").await;
    let admin = app.token_for(&admin_user).await;
    let user = create_user(&app, &admin, json!({"email": "forgot@test.accord", "name": "Forgot", "role": "viewer", "password": "an-old-password-1"})).await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let short = app
        .patch(&path, &admin, json!({"password": "short", "version": 1}))
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        short.json()["details"]["fields"]["password"],
        json!(["password_too_short"])
    );
    let reset = app
        .patch(&path, &admin, json!({"password": PASSWORD, "version": 1}))
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());
    app.browser("forgot@test.accord").await;

    let own = format!("/api/v1/users/{}", admin_user.id);
    let lockout = app
        .patch(
            &own,
            &admin,
            json!({"disabled": true, "role": "viewer", "version": 1}),
        )
        .await;
    assert_eq!(lockout.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        lockout.json()["details"]["fields"]["disabled"],
        json!(["cannot_lock_out_self"])
    );
    assert_eq!(
        lockout.json()["details"]["fields"]["role"],
        json!(["cannot_lock_out_self"])
    );
}

#[tokio::test]
async fn invalid_role_unit_and_other_fields_get_422_field_codes() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let bad = app.post("/api/v1/users", &admin, json!({"email": "nope", "name": " ", "role": "chief", "unit": "XX", "lang": "de", "password": "short"})).await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.text()
    );
    let fields = &bad.json()["details"]["fields"];
    assert_eq!(fields["email"], json!(["invalid_email"]));
    assert_eq!(fields["name"], json!(["required"]));
    assert_eq!(fields["role"], json!(["invalid_choice"]));
    assert_eq!(fields["unit"], json!(["unknown_unit"]));
    assert_eq!(fields["lang"], json!(["invalid_choice"]));
    assert_eq!(fields["password"], json!(["password_too_short"]));

    let technical = app.post("/api/v1/users", &admin, json!({"email": "t@test.accord", "name": "T", "role": "technical", "password": PASSWORD})).await;
    assert_eq!(
        technical.json()["details"]["fields"]["unit"],
        json!(["required"])
    );
    let partner = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "p@test.accord", "name": "P", "role": "partner", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        partner.json()["details"]["fields"]["organization_id"],
        json!(["required"])
    );
    let unknown_org = app
        .post("/api/v1/users", &admin, json!({"email": "p@test.accord", "name": "P", "role": "partner", "organization_id": uuid::Uuid::new_v4(), "password": PASSWORD}))
        .await;
    assert_eq!(
        unknown_org.json()["details"]["fields"]["organization_id"],
        json!(["unknown_partner"])
    );
    let staff_org = app
        .post("/api/v1/users", &admin, json!({"email": "o@test.accord", "name": "O", "role": "officer", "organization_id": uuid::Uuid::new_v4(), "password": PASSWORD}))
        .await;
    assert_eq!(
        staff_org.json()["details"]["fields"]["organization_id"],
        json!(["only_for_partners"])
    );
    let no_password = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "n@test.accord", "name": "N", "role": "viewer"}),
        )
        .await;
    assert_eq!(
        no_password.json()["details"]["fields"]["password"],
        json!(["required"])
    );
    let unknown_field = app.post("/api/v1/users", &admin, json!({"email": "n@test.accord", "name": "N", "role": "viewer", "password": PASSWORD, "password_hash": "x"})).await;
    assert_eq!(
        unknown_field.json()["details"]["fields"]["password_hash"],
        json!(["unknown_field"])
    );
    let wrong_type = app.post("/api/v1/users", &admin, json!({"email": "n@test.accord", "name": "N", "role": "viewer", "password": PASSWORD, "disabled": "yes"})).await;
    assert_eq!(
        wrong_type.json()["details"]["fields"]["disabled"],
        json!(["invalid_type"])
    );

    let user = create_user(
        &app,
        &admin,
        json!({"email": "v@test.accord", "name": "V", "role": "viewer", "password": PASSWORD}),
    )
    .await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let patch = app
        .patch(
            &path,
            &admin,
            json!({"role": "emperor", "unit": "NOPE", "version": 1}),
        )
        .await;
    assert_eq!(patch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        patch.json()["details"]["fields"]["role"],
        json!(["invalid_choice"])
    );
    assert_eq!(
        patch.json()["details"]["fields"]["unit"],
        json!(["unknown_unit"])
    );
    let no_version = app.patch(&path, &admin, json!({"role": "officer"})).await;
    assert_eq!(
        no_version.json()["details"]["fields"]["version"],
        json!(["required"])
    );

    let unit = app
        .post(
            "/api/v1/units",
            &admin,
            json!({"code": "bad code!", "name": {}, "kind": "office"}),
        )
        .await;
    assert_eq!(unit.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &unit.json()["details"]["fields"];
    assert_eq!(fields["code"], json!(["invalid_code"]));
    assert_eq!(fields["name"], json!(["required"]));
    assert_eq!(fields["kind"], json!(["invalid_choice"]));

    let country = app
        .patch(
            "/api/v1/countries/MA",
            &admin,
            json!({"membership": "friend", "membership_since": "2024-02-30", "version": 1}),
        )
        .await;
    assert_eq!(country.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        country.json()["details"]["fields"]["membership"],
        json!(["invalid_choice"])
    );
    assert_eq!(
        country.json()["details"]["fields"]["membership_since"],
        json!(["invalid_date"])
    );
    let filter = app
        .get("/api/v1/countries?membership=friend&verified=maybe", &admin)
        .await;
    assert_eq!(filter.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        filter.json()["details"]["fields"]["membership"],
        json!(["invalid_choice"])
    );
    assert_eq!(
        filter.json()["details"]["fields"]["verified"],
        json!(["invalid_choice"])
    );
    assert_eq!(
        app.get("/api/v1/countries/ZZ", &admin).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/users/not-an-id", &admin).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn stale_versions_get_409_with_the_current_record() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let user = create_user(
        &app,
        &admin,
        json!({"email": "s@test.accord", "name": "S", "role": "viewer", "password": PASSWORD}),
    )
    .await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    assert_eq!(
        app.patch(&path, &admin, json!({"role": "officer", "version": 1}))
            .await
            .status,
        StatusCode::OK
    );
    let stale = app
        .patch(&path, &admin, json!({"role": "legal", "version": 1}))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["details"]["current"]["role"], "officer");
    assert_eq!(app.get(&path, &admin).await.json()["role"], "officer");

    assert_eq!(
        app.patch(
            "/api/v1/units/ED",
            &admin,
            json!({"active": false, "version": 1})
        )
        .await
        .status,
        StatusCode::OK
    );
    let stale_unit = app
        .patch(
            "/api/v1/units/ED",
            &admin,
            json!({"kind": "centre", "version": 1}),
        )
        .await;
    assert_eq!(stale_unit.status, StatusCode::CONFLICT);
    assert_eq!(stale_unit.json()["details"]["current"]["active"], false);
    assert_eq!(stale_unit.json()["details"]["current"]["kind"], "sector");

    assert_eq!(
        app.patch(
            "/api/v1/countries/TH",
            &admin,
            json!({"membership": "observer", "version": 1})
        )
        .await
        .status,
        StatusCode::OK
    );
    let stale_country = app
        .api(
            Method::PATCH,
            "/api/v1/countries/TH",
            &admin,
            Some(json!({"membership": "member"})),
        )
        .await;
    assert_eq!(
        stale_country.json()["details"]["fields"]["version"],
        json!(["required"])
    );
    let stale_country = app
        .patch(
            "/api/v1/countries/TH",
            &admin,
            json!({"membership": "member", "version": 1}),
        )
        .await;
    assert_eq!(stale_country.status, StatusCode::CONFLICT);
    assert_eq!(
        stale_country.json()["details"]["current"]["membership"],
        "observer"
    );
}

#[tokio::test]
async fn units_are_listed_created_and_changed_with_history() {
    let app = TestApp::new().await;
    let admin = app.token(Role::Admin).await;
    let viewer = app.token(Role::Viewer).await;
    let list = app.get("/api/v1/units", &viewer).await.json();
    assert_eq!(list["total"], 8);
    assert_eq!(list["next_cursor"], json!(null));
    let ed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "ED")
        .unwrap()
        .clone();
    assert_eq!(ed["name"]["en"], "Education Sector");
    assert_eq!(ed["name"]["ar"], "قطاع التربية");
    assert_eq!(
        (
            ed["kind"].as_str(),
            ed["active"].as_bool(),
            ed["version"].as_i64()
        ),
        (Some("sector"), Some(true), Some(1))
    );

    let created = app.post("/api/v1/units", &admin, json!({"code": "ikc", "name": {"en": "ICESCO Knowledge Centre", "fr": "Centre du savoir"}, "kind": "centre"})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(created.json()["code"], "IKC");
    assert_eq!(created.json()["active"], true);
    let duplicate = app
        .post(
            "/api/v1/units",
            &admin,
            json!({"code": "IKC", "name": {"en": "Again"}, "kind": "centre"}),
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert_eq!(duplicate.json()["code"], "duplicate");

    let changed = app.patch("/api/v1/units/IKC", &admin, json!({"name": {"en": "Knowledge Centre", "ar": "مركز المعرفة"}, "active": false, "version": 1})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let changed = changed.json();
    assert_eq!(
        changed["name"],
        json!({"en": "Knowledge Centre", "ar": "مركز المعرفة"})
    );
    assert_eq!(
        (
            changed["kind"].as_str(),
            changed["active"].as_bool(),
            changed["version"].as_i64()
        ),
        (Some("centre"), Some(false), Some(2))
    );
    let renamed = app
        .patch(
            "/api/v1/units/IKC",
            &admin,
            json!({"code": "OTHER", "version": 2}),
        )
        .await;
    assert_eq!(
        renamed.json()["details"]["fields"]["code"],
        json!(["read_only"])
    );
    assert_eq!(
        app.get("/api/v1/units?active=false", &viewer).await.json()["total"],
        1
    );

    let history = app.get("/api/v1/units/IKC/history", &admin).await.json();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["update", "create"]);
    assert_eq!(history["items"][0]["after"]["active"], false);
    assert_eq!(
        app.patch(
            "/api/v1/units/NONE",
            &admin,
            json!({"active": false, "version": 1})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn countries_are_found_by_any_name_and_filtered_by_membership() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let all = app.get("/api/v1/countries", &token).await.json();
    assert!(all["total"].as_i64().unwrap() > 200);
    assert_eq!(all["next_cursor"], json!(null));
    let morocco = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "MA")
        .unwrap()
        .clone();
    assert_eq!(morocco["iso3"], "MAR");
    assert_eq!(morocco["name"]["fr"], "Maroc");
    assert_eq!(morocco["oic_member"], true);
    assert_eq!(morocco["membership"], "member");
    assert_eq!(morocco["membership_verified"], false);
    assert_eq!(morocco["membership_since"], json!(null));

    for (query, code) in [
        ("maroc", "MA"),
        ("المغرب", "MA"),
        ("cote d ivoire", "CI"),
        ("السنغال", "SN"),
        ("SENEGAL", "SN"),
        ("tha", "TH"),
    ] {
        let found = app
            .get(
                &format!("/api/v1/countries?q={}", common::urlencode(query)),
                &token,
            )
            .await
            .json();
        let codes: Vec<&str> = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&code), "{query}: {codes:?}");
    }
    let members = app
        .get("/api/v1/countries?membership=member", &token)
        .await
        .json();
    assert!(
        members["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["membership"] == "member")
    );
    assert!(members["total"].as_i64().unwrap() > 40);
    let observers = app
        .get("/api/v1/countries?membership=observer", &token)
        .await
        .json();
    assert!(
        observers["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["membership"] == "observer")
    );
    let detail = app.get("/api/v1/countries/ma", &token).await.json();
    assert_eq!(detail["code"], "MA");
    assert_eq!(detail["history"][0]["note"], "shipped reference list");
}

#[tokio::test]
async fn a_membership_change_is_kept_in_the_history_with_its_date_and_audited() {
    let app = TestApp::new().await;
    let admin_user = app.user(Role::Admin, "registrar@test.accord").await;
    let admin = app.token_for(&admin_user).await;
    let verified_before = app
        .get("/api/v1/countries?verified=true", &admin)
        .await
        .json()["total"]
        .as_i64()
        .unwrap();
    let answer = app
        .patch("/api/v1/countries/TH", &admin, json!({"membership": "observer", "membership_since": "2024-05-16", "verified": true, "note": "Admitted by the General Conference", "version": 1}))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let country = answer.json();
    assert_eq!(country["membership"], "observer");
    assert_eq!(country["membership_since"], "2024-05-16");
    assert_eq!(country["membership_verified"], true);
    assert_eq!(country["version"], 2);
    let latest = &country["history"][0];
    assert_eq!(latest["membership"], "observer");
    assert_eq!(latest["since"], "2024-05-16");
    assert_eq!(latest["verified"], true);
    assert_eq!(latest["note"], "Admitted by the General Conference");
    assert_eq!(latest["changed_by"], json!(admin_user.id));
    assert_eq!(latest["changed_by_name"], "admin user");
    assert_eq!(country["history"][1]["membership"], "non_member");

    // Only the verification changes: the status and date stay.
    let confirmed = app
        .patch(
            "/api/v1/countries/MA",
            &admin,
            json!({"verified": true, "version": 1}),
        )
        .await
        .json();
    assert_eq!(
        (
            confirmed["membership"].as_str(),
            confirmed["membership_verified"].as_bool()
        ),
        (Some("member"), Some(true))
    );

    let viewer = app.token(Role::Viewer).await;
    let detail = app.get("/api/v1/countries/TH", &viewer).await.json();
    assert_eq!(detail["history"].as_array().unwrap().len(), 2);
    let observers = app
        .get("/api/v1/countries?membership=observer", &viewer)
        .await
        .json();
    assert!(
        observers["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "TH")
    );
    assert!(
        observers["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["membership"] == "observer")
    );
    let verified = app
        .get("/api/v1/countries?verified=true", &viewer)
        .await
        .json();
    assert_eq!(verified["total"].as_i64().unwrap(), verified_before + 2);

    let audit = app.get("/api/v1/countries/TH/history", &admin).await.json();
    let event = &audit["items"][0];
    assert_eq!(event["action"], "update_membership");
    assert_eq!(event["actor_id"], json!(admin_user.id.to_string()));
    assert_eq!(event["before"]["membership"], "non_member");
    assert_eq!(event["after"]["membership"], "observer");
    assert_eq!(event["after"]["membership_since"], "2024-05-16");
    let report = accord_store::audit::verify_chain(&app.db, |_, _| {})
        .await
        .unwrap();
    assert!(
        matches!(report, accord_store::audit::ChainReport::Whole { .. }),
        "{report:?}"
    );
}
