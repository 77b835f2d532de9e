//! The administration pages (users, units) and the country pages, as a
//! browser uses them: access, CSRF, forms with their errors and conflicts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::StatusCode;
use common::{Browser, PASSWORD, TestApp};

async fn admin_browser(app: &TestApp) -> Browser {
    app.user(Role::Admin, "admin@test.accord").await;
    let mut browser = app.browser("admin@test.accord").await;
    app.page(&mut browser, "/admin/users").await;
    browser
}

/// Fails on a message key missing from the locale files.
fn assert_all_translated(html: &str) {
    assert!(
        !html.contains("Unknown localization"),
        "missing message key: {}",
        &html[html.find("Unknown localization").unwrap_or(0)..]
            .chars()
            .take(80)
            .collect::<String>()
    );
}

fn location(answer: &common::Answer) -> String {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn the_countries_page_shows_memberships_and_the_unverified_badge() {
    let app = TestApp::new().await;
    app.user(Role::Viewer, "viewer@test.accord").await;
    let mut browser = app.browser("viewer@test.accord").await;
    let page = app.page(&mut browser, "/countries").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("class=\"badge unverified\">Unverified</span>"),
        "no unverified badge"
    );
    assert!(html.contains("badge membership-member"));
    assert!(html.contains("badge membership-non_member"));
    assert!(
        html.contains("The membership list is not verified yet"),
        "no banner"
    );
    assert!(html.contains("href=\"/countries/MA\""));
    assert!(
        html.contains("href=\"/countries?membership=observer\""),
        "no counts"
    );
    assert!(
        html.contains("aria-current=\"page\">Countries</a>")
            || html.contains("href=\"/countries\" aria-current=\"page\"")
    );
    // A viewer gets no administration links.
    assert!(!html.contains("href=\"/admin/users\""));
    assert_all_translated(&html);

    let search = app.page(&mut browser, "/countries?q=maroc").await.text();
    assert!(search.contains("href=\"/countries/MA\""));
    assert!(!search.contains("href=\"/countries/SN\""));
    let members = app
        .page(&mut browser, "/countries?membership=member")
        .await
        .text();
    assert!(
        members.contains("href=\"/countries/SN\"") && !members.contains("href=\"/countries/FR\"")
    );
    let bad = app.page(&mut browser, "/countries?membership=friend").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.text().contains("Some filters were ignored"));

    // Names follow the user's language.
    app.form(
        &browser,
        "/profile/language",
        &[("lang", "fr"), ("back", "/countries")],
    )
    .await;
    let french = app.page(&mut browser, "/countries").await.text();
    assert!(french.contains("Maroc") && french.contains("lang=\"fr\""));

    let detail = app.page(&mut browser, "/countries/MA").await;
    assert_eq!(detail.status, StatusCode::OK);
    let html = detail.text();
    assert!(html.contains("المغرب") && html.contains("Morocco"));
    assert!(html.contains("badge unverified"));
    assert!(
        !html.contains("/countries/MA/verify"),
        "viewers get no admin form"
    );
    assert_eq!(
        app.page(&mut browser, "/countries/ZZ").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_admin_confirms_and_changes_a_membership_from_the_country_page() {
    let app = TestApp::new().await;
    let officer = app.token(Role::Officer).await;
    for name in ["Ministry of Culture", "Mohammed V University"] {
        let answer = app
            .post(
                "/api/v1/partners",
                &officer,
                serde_json::json!({"name": {"en": name}, "kind": "government", "country": "MA"}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    let mut browser = admin_browser(&app).await;
    let page = app.page(&mut browser, "/countries/MA").await.text();
    assert_all_translated(&page);
    assert!(page.contains("2 partners"), "partner count");
    assert!(page.contains("href=\"/partners?country=MA\""));
    assert!(page.contains("action=\"/countries/MA/verify\""));
    assert!(
        page.contains("href=\"/admin/users\""),
        "admin sub-navigation"
    );

    let confirmed = app
        .form(&browser, "/countries/MA/verify", &[("version", "1")])
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.text()
    );
    assert_eq!(location(&confirmed), "/countries/MA?notice=saved");
    let after = app.page(&mut browser, "/countries/MA").await.text();
    assert!(!after.contains("action=\"/countries/MA/verify\""));
    assert!(after.contains("badge status-active\">Verified"));

    let changed = app
        .form(
            &browser,
            "/countries/TH",
            &[
                ("version", "1"),
                ("membership", "observer"),
                ("membership_since", "2024-05-16"),
                ("verified", "1"),
                ("note", "Decision of the General Conference"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.text());
    let thailand = app.page(&mut browser, "/countries/TH").await.text();
    assert!(
        thailand.contains("since 16 May 2024"),
        "history with its date"
    );
    assert!(thailand.contains("Decision of the General Conference"));
    assert!(thailand.contains("badge membership-observer"));

    let stale = app
        .form(
            &browser,
            "/countries/TH",
            &[("version", "1"), ("membership", "member")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text().contains("Someone else changed this record"));
    let invalid = app
        .form(
            &browser,
            "/countries/TH",
            &[
                ("version", "2"),
                ("membership", "friend"),
                ("membership_since", "someday"),
            ],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = invalid.text();
    assert!(
        html.contains("href=\"#membership\"") && html.contains("href=\"#membership_since\""),
        "error summary links to fields"
    );
    assert!(html.contains("Since: Not a valid date"));

    // Non-admins may not change memberships.
    app.user(Role::Officer, "officer@test.accord").await;
    let mut other = app.browser("officer@test.accord").await;
    app.page(&mut other, "/countries/TH").await;
    let denied = app
        .form(
            &other,
            "/countries/TH",
            &[("version", "2"), ("membership", "member")],
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.form(&other, "/countries/SN/verify", &[("version", "1")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_users_admin_page_refuses_a_form_without_the_csrf_token() {
    let app = TestApp::new().await;
    let browser = admin_browser(&app).await;
    let fields = [
        ("email", "new@test.accord"),
        ("name", "New Person"),
        ("role", "viewer"),
        ("password", PASSWORD),
    ];
    let mut forged: Vec<(&str, &str)> = fields.to_vec();
    forged.push(("_csrf", ""));
    let refused = app.form(&browser, "/admin/users", &forged).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut wrong: Vec<(&str, &str)> = fields.to_vec();
    wrong.push(("_csrf", "not-the-token"));
    assert_eq!(
        app.form(&browser, "/admin/users", &wrong).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        accord_store::users::find_user_by_email(&app.db, "new@test.accord")
            .await
            .unwrap()
            .is_none()
    );

    let created = app.form(&browser, "/admin/users", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    assert!(location(&created).ends_with("?notice=user_created"));
    app.browser("new@test.accord").await;
}

#[tokio::test]
async fn non_admins_get_403_pages_and_no_admin_links() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "officer@test.accord").await;
    let mut browser = app.browser("officer@test.accord").await;
    let home = app.page(&mut browser, "/").await.text();
    assert!(!home.contains("href=\"/admin/users\""));
    for path in [
        "/admin/users",
        "/admin/users/new",
        "/admin/units",
        "/admin/units/ED",
    ] {
        let page = app.page(&mut browser, path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.text().contains("Your role does not allow this."));
    }
    let post = app
        .form(
            &browser,
            "/admin/users",
            &[
                ("email", "x@test.accord"),
                ("name", "X"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.form(
            &browser,
            "/admin/units",
            &[("code", "X"), ("name_en", "X"), ("kind", "centre")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    let org = {
        let officer = app.token(Role::Officer).await;
        app.post(
            "/api/v1/partners",
            &officer,
            serde_json::json!({"name": {"en": "Org"}, "kind": "ngo"}),
        )
        .await
        .json()
    };
    let org_id = uuid::Uuid::parse_str(org["id"].as_str().unwrap()).unwrap();
    app.user_with(Role::Partner, "p@org.test", Some(org_id))
        .await;
    let mut partner = app.browser("p@org.test").await;
    assert_eq!(
        app.page(&mut partner, "/countries").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page(&mut partner, "/countries/MA").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page(&mut partner, "/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_admin_manages_users_with_errors_conflicts_and_history() {
    let app = TestApp::new().await;
    let mut browser = admin_browser(&app).await;
    let list = app.page(&mut browser, "/admin/users").await;
    assert_eq!(list.status, StatusCode::OK);
    let html = list.text();
    assert_all_translated(&html);
    assert!(html.contains("href=\"/admin/users/new\""));
    assert!(
        html.contains("href=\"/admin/users\" aria-current=\"page\""),
        "sub-navigation marks the section"
    );
    assert!(html.contains("Administrator"));

    let form = app.page(&mut browser, "/admin/users/new").await.text();
    assert_all_translated(&form);
    for id in [
        "email",
        "name",
        "role",
        "unit",
        "organization_id",
        "lang",
        "password",
    ] {
        assert!(
            form.contains(&format!("<label for=\"{id}\""))
                || form.contains(&format!("for=\"{id}\">")),
            "label for {id}"
        );
        assert!(form.contains(&format!("id=\"{id}\"")), "input {id}");
    }

    let invalid = app
        .form(
            &browser,
            "/admin/users",
            &[
                ("email", "nope"),
                ("name", ""),
                ("role", "technical"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = invalid.text();
    for field in ["email", "name", "unit", "password"] {
        assert!(
            html.contains(&format!("href=\"#{field}\"")),
            "summary links to {field}"
        );
    }
    assert!(html.contains("The password needs at least 10 characters."));
    assert!(html.contains("aria-invalid=\"true\""));

    let created = app
        .form(
            &browser,
            "/admin/users",
            &[
                ("email", "focal@test.accord"),
                ("name", "Focal Point"),
                ("role", "technical"),
                ("unit", "ED"),
                ("lang", "ar"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let path = location(&created).split('?').next().unwrap().to_string();
    let edit = app
        .page(&mut browser, &format!("{path}?notice=user_created"))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    let html = edit.text();
    assert_all_translated(&html);
    assert!(html.contains("The user was created."));
    assert!(html.contains("name=\"version\" value=\"1\""));
    assert!(html.contains("id=\"disabled\""));
    assert!(html.contains("History"));

    let saved = app
        .form(
            &browser,
            &path,
            &[
                ("version", "1"),
                ("email", "focal@test.accord"),
                ("name", "Focal Point"),
                ("role", "legal"),
                ("unit", "LEGAL"),
                ("lang", "ar"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let stale = app
        .form(
            &browser,
            &path,
            &[
                ("version", "1"),
                ("email", "focal@test.accord"),
                ("name", "Focal Point"),
                ("role", "viewer"),
                ("unit", "LEGAL"),
                ("lang", "ar"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text().contains("Someone else changed this record"));
    assert!(stale.text().contains("name=\"version\" value=\"2\""));

    let list = app.page(&mut browser, "/admin/users").await.text();
    assert!(list.contains("Legal Affairs") && list.contains("LEGAL — Department of Legal Affairs"));

    // Disabling from the page, and a password reset, end the user's access.
    let mut focal = app.browser("focal@test.accord").await;
    assert_eq!(app.page(&mut focal, "/").await.status, StatusCode::OK);
    let disabled = app
        .form(
            &browser,
            &path,
            &[
                ("version", "2"),
                ("email", "focal@test.accord"),
                ("name", "Focal Point"),
                ("role", "legal"),
                ("unit", "LEGAL"),
                ("lang", "ar"),
                ("disabled", "1"),
            ],
        )
        .await;
    assert_eq!(
        disabled.status,
        StatusCode::SEE_OTHER,
        "{}",
        disabled.text()
    );
    assert_eq!(
        app.page(&mut focal, "/").await.status,
        StatusCode::SEE_OTHER
    );
    let list = app.page(&mut browser, "/admin/users").await.text();
    assert!(list.contains("badge status-blocked\">Disabled"));

    // An admin cannot disable their own account.
    let me = accord_store::users::find_user_by_email(&app.db, "admin@test.accord")
        .await
        .unwrap()
        .unwrap()
        .0;
    let own = app
        .form(
            &browser,
            &format!("/admin/users/{}", me.id),
            &[
                ("version", "1"),
                ("email", "admin@test.accord"),
                ("name", "admin user"),
                ("role", "admin"),
                ("disabled", "1"),
            ],
        )
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(own.text().contains("href=\"#disabled\""));
}

#[tokio::test]
async fn an_admin_adds_and_edits_units() {
    let app = TestApp::new().await;
    let mut browser = admin_browser(&app).await;
    let page = app.page(&mut browser, "/admin/units").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert_all_translated(&html);
    assert!(html.contains("Education Sector") && html.contains("href=\"/admin/units/ED\""));
    assert!(html.contains("<label for=\"code\">"));

    let invalid = app
        .form(
            &browser,
            "/admin/units",
            &[("code", "no spaces"), ("kind", "club")],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = invalid.text();
    assert!(
        html.contains("href=\"#code\"")
            && html.contains("href=\"#name_en\"")
            && html.contains("href=\"#kind\"")
    );

    let created = app
        .form(
            &browser,
            "/admin/units",
            &[
                ("code", "ikc"),
                ("name_en", "Knowledge Centre"),
                ("kind", "centre"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let duplicate = app
        .form(
            &browser,
            "/admin/units",
            &[("code", "IKC"), ("name_en", "Again"), ("kind", "centre")],
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(duplicate.text().contains("This value is already taken."));

    let edit = app.page(&mut browser, "/admin/units/IKC").await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_all_translated(&edit.text());
    assert!(edit.text().contains("value=\"Knowledge Centre\""));
    let saved = app
        .form(
            &browser,
            "/admin/units/IKC",
            &[
                ("version", "1"),
                ("name_en", "Knowledge Centre"),
                ("name_ar", "مركز المعرفة"),
                ("kind", "centre"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let stale = app
        .form(
            &browser,
            "/admin/units/IKC",
            &[
                ("version", "1"),
                ("name_en", "Other"),
                ("kind", "centre"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let list = app.page(&mut browser, "/admin/units").await.text();
    assert!(list.contains("مركز المعرفة") && list.contains("Inactive"));
    let admin = app.token(Role::Admin).await;
    let unit = app.get("/api/v1/units/IKC", &admin).await.json();
    assert_eq!(
        (unit["active"].as_bool(), unit["version"].as_i64()),
        (Some(false), Some(2))
    );
}
