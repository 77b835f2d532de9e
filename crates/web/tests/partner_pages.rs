//! The partner pages as a person uses them: log in, create with the
//! duplicate warning, edit with a conflict, search, export; and the guards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::StatusCode;
use common::TestApp;

fn location(answer: &common::Answer) -> String {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn pages_need_a_session_and_wrong_passwords_are_throttled() {
    let app = TestApp::new().await;
    let anonymous = app
        .send(
            axum::http::Request::builder()
                .uri("/partners")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/login?next="));
    app.user(Role::Viewer, "v@test.accord").await;
    let attempt = |password: &'static str| {
        let body = format!("email=v%40test.accord&password={password}");
        axum::http::Request::builder()
            .method("POST")
            .uri("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    for _ in 0..5 {
        assert_eq!(
            app.send(attempt("wrong")).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = app.send(attempt(common::PASSWORD)).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password is refused while throttled"
    );
}

#[tokio::test]
async fn session_cookie_is_httponly_and_samesite() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "o@test.accord").await;
    let body = format!("email=o%40test.accord&password={}", common::PASSWORD);
    let answer = app
        .send(
            axum::http::Request::builder()
                .method("POST")
                .uri("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body))
                .unwrap(),
        )
        .await;
    let cookie = answer
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn an_officer_creates_edits_and_finds_a_partner_in_the_browser() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "o@test.accord").await;
    let mut browser = app.browser("o@test.accord").await;
    let form = app.page(&mut browser, "/partners/new").await;
    assert_eq!(form.status, StatusCode::OK);

    let invalid = app
        .form(&browser, "/partners", &[("kind", ""), ("email", "x")])
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = invalid.text();
    assert!(
        html.contains("error-summary")
            && html.contains("href=\"#name_en\"")
            && html.contains("href=\"#email\"")
    );

    let fields = [
        ("name_ar", "وزارة الثقافة والشباب"),
        ("name_en", "Ministry of Culture and Youth"),
        ("kind", "government"),
        ("country", "AE"),
        ("tags", "culture, youth"),
    ];
    let created = app.form(&browser, "/partners", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let path = location(&created).split('?').next().unwrap().to_string();
    let page = app.page(&mut browser, &path).await.text();
    assert!(
        page.contains("Ministry of Culture and Youth") && page.contains("وزارة الثقافة والشباب")
    );

    // A close name warns before creating a second record...
    let again = app
        .form(
            &browser,
            "/partners",
            &[
                ("name_en", "Ministry of Culture & Youth"),
                ("kind", "government"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.text().contains("warning-box"));
    // ...and goes through once confirmed.
    let confirmed = app
        .form(
            &browser,
            "/partners",
            &[
                ("name_en", "Ministry of Culture & Youth"),
                ("kind", "government"),
                ("confirm_duplicate", "1"),
            ],
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);

    let found = app
        .page(
            &mut browser,
            "/partners?q=%D9%88%D8%B2%D8%A7%D8%B1%D9%87+%D8%A7%D9%84%D8%AB%D9%82%D8%A7%D9%81%D9%87",
        )
        .await
        .text();
    assert!(
        found.contains("Ministry of Culture and Youth"),
        "search by Arabic with ha for ta marbuta"
    );

    // Two people edit the same version: the second gets a conflict, not a silent overwrite.
    let edit = [
        ("name_ar", "وزارة الثقافة والشباب"),
        ("name_en", "Ministry of Culture and Youth"),
        ("kind", "government"),
        ("status", "active"),
        ("tags", "culture, youth"),
        ("version", "1"),
    ];
    assert_eq!(
        app.form(&browser, &path, &edit).await.status,
        StatusCode::SEE_OTHER
    );
    let stale = [
        ("name_en", "Ministry of Culture"),
        ("kind", "government"),
        ("version", "1"),
    ];
    let conflict = app.form(&browser, &path, &stale).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert!(
        conflict.text().contains("Ministry of Culture"),
        "the user's values are kept"
    );

    let csv = app
        .page(&mut browser, "/partners/export?format=csv&tag=youth")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text().contains("وزارة الثقافة والشباب"));
}

#[tokio::test]
async fn forms_without_the_csrf_token_and_viewers_are_refused() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "o@test.accord").await;
    app.user(Role::Viewer, "v@test.accord").await;
    let mut officer = app.browser("o@test.accord").await;
    app.page(&mut officer, "/partners").await;
    let forged = app
        .form(
            &officer,
            "/partners",
            &[("_csrf", "forged"), ("name_en", "X"), ("kind", "ngo")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let mut viewer = app.browser("v@test.accord").await;
    app.page(&mut viewer, "/partners").await;
    let denied = app
        .form(&viewer, "/partners", &[("name_en", "X"), ("kind", "ngo")])
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.page(&mut viewer, "/partners/new").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn templates_escape_what_users_type() {
    let app = TestApp::new().await;
    let token = app.token(Role::Officer).await;
    let created = app
        .post(
            "/api/v1/partners",
            &token,
            serde_json::json!({"name": {"en": "<script>alert(1)</script>"}, "kind": "ngo"}),
        )
        .await
        .json();
    app.user(Role::Viewer, "v@test.accord").await;
    let mut browser = app.browser("v@test.accord").await;
    let page = app
        .page(
            &mut browser,
            &format!("/partners/{}", created["id"].as_str().unwrap()),
        )
        .await
        .text();
    assert!(!page.contains("<script>alert(1)</script>") && page.contains("alert(1)"));
}
