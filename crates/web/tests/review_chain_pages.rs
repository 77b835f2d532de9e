//! Administrators configure the review chain of each agreement kind in the pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
async fn an_admin_sets_a_chain_and_others_cannot() {
    let app = TestApp::new().await;
    app.user(Role::Admin, "a@test.accord").await;
    app.user(Role::Officer, "o@test.accord").await;
    let mut admin = app.browser("a@test.accord").await;
    let overview = app.page(&mut admin, "/admin/review-chains").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.text().contains("/admin/review-chains/mou"));
    let form = app.page(&mut admin, "/admin/review-chains/mou").await;
    assert_eq!(form.status, StatusCode::OK);
    let saved = app
        .form(
            &admin,
            "/admin/review-chains/mou",
            &[
                ("version", "0"),
                ("role_0", "legal"),
                ("unit_0", "LEGAL"),
                ("days_0", "7"),
                ("role_1", "director"),
                ("unit_1", "DG"),
                ("days_1", "3"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let token = app.token(Role::Admin).await;
    let chain = app.get("/api/v1/review-chains/mou", &token).await.json();
    assert_eq!(chain["steps"].as_array().unwrap().len(), 2, "{chain}");
    assert_eq!(chain["steps"][0]["role"], "legal");

    let stale = app
        .form(
            &admin,
            "/admin/review-chains/mou",
            &[
                ("version", "0"),
                ("role_0", "legal"),
                ("unit_0", "LEGAL"),
                ("days_0", "7"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let invalid = app
        .form(
            &admin,
            "/admin/review-chains/mou",
            &[
                ("version", "1"),
                ("role_0", "legal"),
                ("unit_0", "LEGAL"),
                ("days_0", "0"),
            ],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.text().contains("href=\"#days_0\""));

    let mut officer = app.browser("o@test.accord").await;
    assert_eq!(
        app.page(&mut officer, "/admin/review-chains").await.status,
        StatusCode::FORBIDDEN
    );
}
