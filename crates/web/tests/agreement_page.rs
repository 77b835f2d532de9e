//! The page of one agreement as the people of the lifecycle use it: the
//! officer moves it on, each reviewer decides their step on the page, the
//! parties sign, Legal Affairs validates, and it is in force; the wrong person
//! sees no form and a forged form is refused; Arabic readers get the page right
//! to left; confidential agreements stay hidden from viewers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::agreement::AgreementInput;
use accord_domain::{Lang, LocalizedText, Role};
use accord_store::agreements::{self, Agreement};
use accord_store::drafts::{self, Direction, NewVersion};
use accord_store::users::{self, User, UserFields};
use axum::http::StatusCode;
use common::{Answer, Browser, TestApp};
use serde_json::json;

fn location(answer: &Answer) -> String {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// A user with a unit (legal → LEGAL, director → DG).
async fn user_in(app: &TestApp, role: Role, email: &str, unit: &str) -> User {
    let hash = accord_web::auth::hash_password(common::PASSWORD.into())
        .await
        .unwrap();
    let fields = UserFields {
        email: email.into(),
        name: format!("{} reviewer", role.as_str()),
        role,
        unit: Some(unit.into()),
        organization_id: None,
        lang: None,
        disabled: false,
    };
    users::insert_user(&app.db, None, &fields, Some(&hash))
        .await
        .unwrap()
}

async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({ "name": { "en": name }, "kind": "ngo" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap().to_string()
}

async fn agreement(
    app: &TestApp,
    owner: &User,
    partners: &[&str],
    confidential: bool,
) -> Agreement {
    let input = AgreementInput {
        title: LocalizedText::new(
            Some("مذكرة تفاهم في مجال التعليم".into()),
            Some("Memorandum on education".into()),
            None,
        ),
        kind: Some("mou".into()),
        partner_ids: partners.iter().map(|p| p.to_string()).collect(),
        lead_unit: Some("ED".into()),
        owner_id: Some(owner.id.to_string()),
        confidential,
        starts_on: Some("2026-01-01".into()),
        ends_on: Some("2028-12-31".into()),
        value: Some(accord_domain::agreement::MoneyInput {
            amount: "12500.00".into(),
            currency: "USD".into(),
        }),
        ..Default::default()
    };
    agreements::insert_agreement(&app.db, Some(owner.id), "ICESCO", input.validate().unwrap())
        .await
        .unwrap()
}

async fn add_draft(app: &TestApp, by: &User, id: uuid::Uuid) {
    let current = agreements::find_agreement(&app.db, id)
        .await
        .unwrap()
        .unwrap();
    let text = "Article 1. The parties cooperate in education.";
    drafts::insert_version(
        &app.db,
        Some(by.id),
        &current,
        &NewVersion {
            direction: Direction::ToPartner,
            note: Some("First draft"),
            filename: "draft-1.txt",
            media_type: "text/plain",
            size: text.len() as i64,
            sha256: "0b5f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
            text: Some(text),
        },
    )
    .await
    .map_err(|e| format!("{e:?}"))
    .unwrap();
}

/// The id of the open step's decision form, from the page.
fn open_step(html: &str, agreement: &str) -> Option<String> {
    let marker = format!("action=\"/agreements/{agreement}/reviews/");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

async fn status_of(app: &TestApp, id: uuid::Uuid) -> String {
    agreements::find_agreement(&app.db, id)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_string()
}

/// Opens the page and returns it (the browser keeps the CSRF token).
async fn open(app: &TestApp, browser: &mut Browser, id: uuid::Uuid) -> String {
    let answer = app.page(browser, &format!("/agreements/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    answer.text()
}

/// Decides the open step as `browser`, and checks the redirect.
async fn decide(app: &TestApp, browser: &mut Browser, id: uuid::Uuid, decision: &str) {
    let html = open(app, browser, id).await;
    let step = open_step(&html, &id.to_string()).expect("a decision form for the assignee");
    let answer = app
        .form(
            browser,
            &format!("/agreements/{id}/reviews/{step}"),
            &[("decision", decision), ("comment", "")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    assert!(location(&answer).starts_with(&format!("/agreements/{id}?notice=")));
}

#[tokio::test]
async fn an_agreement_goes_from_prospect_to_in_force_through_its_page() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "officer@test.accord").await;
    app.user(Role::Technical, "tech@test.accord").await;
    user_in(&app, Role::Legal, "legal@test.accord", "LEGAL").await;
    user_in(&app, Role::Director, "dg@test.accord", "DG").await;
    let token = app.token_for(&officer).await;
    let partner_id = partner(&app, &token, "Education Foundation").await;
    let a = agreement(&app, &officer, &[&partner_id], false).await;
    let id = a.id;
    let mut officer_b = app.browser("officer@test.accord").await;
    let mut tech_b = app.browser("tech@test.accord").await;
    let mut legal_b = app.browser("legal@test.accord").await;
    let mut dg_b = app.browser("dg@test.accord").await;

    // The page shows the terms and the stepper at its first stage.
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains(&a.reference));
    assert!(html.contains("Memorandum on education"));
    assert!(
        html.contains("مذكرة تفاهم في مجال التعليم"),
        "other titles below"
    );
    assert!(html.contains("Education Foundation"));
    assert!(html.contains(&format!("/partners/{partner_id}")));
    assert!(html.contains("12,500.00 USD"));
    let current = html.find("aria-current=\"step\"").expect("a current stage");
    assert!(html[current..].contains("Prospect"));
    assert!(html.contains("value=\"start_negotiation\""));
    assert!(
        html.contains(&format!("/agreements/{id}/edit")),
        "the officer may edit"
    );

    // A form without the CSRF token is refused.
    let forged = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[("_csrf", "forged"), ("action", "start_negotiation")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, id).await, "prospect");

    // Start the negotiation.
    let moved = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[
                ("action", "start_negotiation"),
                ("version", &a.version.to_string()),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text());
    assert_eq!(
        location(&moved),
        format!("/agreements/{id}?notice=agreement_moved#lifecycle")
    );
    assert_eq!(status_of(&app, id).await, "negotiation");
    let html = app.page(&mut officer_b, &location(&moved)).await.text();
    assert!(html.contains("The agreement moved to its new stage."));

    // Submitting without a draft is refused with a message.
    let refused = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[("action", "submit_for_review")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .text()
            .contains("Upload a draft before submitting for review.")
    );
    // An action the drawing does not have from here lists what is allowed.
    let refused = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[("action", "resume")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.text().contains("What you can do now: "));
    assert!(refused.text().contains("Submit for review"));
    // Withdrawing needs a reason.
    let refused = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[("action", "withdraw"), ("reason", "  ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("href=\"#reason-withdraw\""));
    // Signing before the chain is cleared is explained, not offered, and refused.
    assert!(
        refused
            .text()
            .contains("Signatures can be recorded once the review chain is cleared")
    );
    let early = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/signatures"),
            &[
                ("party", "organization"),
                ("signatory", "Director General"),
                ("signed_on", "2026-02-01"),
            ],
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.text().contains("The review chain is not cleared yet"));

    // With a draft, submit for review: the chain opens at the technical step.
    add_draft(&app, &officer, id).await;
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains("Version 1"));
    assert!(html.contains(&format!("/agreements/{id}/versions/1/file")));
    let submitted = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/transition"),
            &[("action", "submit_for_review")],
        )
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.text()
    );
    assert_eq!(status_of(&app, id).await, "review");
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains("Waiting for a decision"));
    assert!(
        open_step(&html, &id.to_string()).is_none(),
        "the officer decides no step"
    );

    // Legal Affairs sees the chain but no form for the technical step, and a forged decision is refused.
    let html = open(&app, &mut legal_b, id).await;
    assert!(html.contains("Review chain"));
    assert!(open_step(&html, &id.to_string()).is_none());
    let tech_html = open(&app, &mut tech_b, id).await;
    let step = open_step(&tech_html, &id.to_string()).unwrap();
    let forged = app
        .form(
            &legal_b,
            &format!("/agreements/{id}/reviews/{step}"),
            &[("decision", "cleared")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        forged
            .text()
            .contains("Only the person this step is assigned to may decide it.")
    );
    assert_eq!(status_of(&app, id).await, "review");

    // Requesting changes needs a comment.
    let refused = app
        .form(
            &tech_b,
            &format!("/agreements/{id}/reviews/{step}"),
            &[("decision", "changes_requested"), ("comment", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .contains(&format!("href=\"#decision-comment-{step}\""))
    );

    // Each reviewer decides their step on the page.
    decide(&app, &mut tech_b, id, "cleared").await;
    decide(&app, &mut legal_b, id, "cleared").await;
    decide(&app, &mut dg_b, id, "cleared").await;
    assert_eq!(status_of(&app, id).await, "signature");
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains("cleared by every step"));
    assert!(html.contains("Director reviewer") || html.contains("director reviewer"));

    // Sign for every party.
    assert!(html.contains("Record a signature"));
    let signed = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/signatures"),
            &[
                ("party", "organization"),
                ("signatory", "Director General"),
                ("capacity", "Director General of ICESCO"),
                ("signed_on", "2026-02-01"),
                ("place", "Rabat"),
                ("method", "ink"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    assert!(location(&signed).contains("notice=signature_recorded"));
    let again = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/signatures"),
            &[
                ("party", "organization"),
                ("signatory", "Someone"),
                ("signed_on", "2026-02-01"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text().contains("This party has already signed."));
    let missing = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/signatures"),
            &[("party", partner_id.as_str()), ("signed_on", "2026-02-02")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.text().contains("href=\"#sign-signatory\""));
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains("Director General of ICESCO"));
    assert!(html.contains("Not signed"));
    let signed = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/signatures"),
            &[
                ("party", partner_id.as_str()),
                ("signatory", "Chair of the Foundation"),
                ("signed_on", "2026-02-02"),
                ("method", "electronic"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    assert!(location(&signed).contains("notice=signatures_complete"));
    assert_eq!(status_of(&app, id).await, "validation");

    // The officer may not validate; Legal Affairs sees the form and validates with today's date.
    let html = open(&app, &mut officer_b, id).await;
    assert!(!html.contains("Record the validation"));
    let refused = app
        .form(
            &officer_b,
            &format!("/agreements/{id}/validation"),
            &[
                ("registry_number", "REG-1"),
                ("entry_into_force_on", "2026-02-03"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let html = open(&app, &mut legal_b, id).await;
    assert!(html.contains("Record the validation"));
    let today = accord_domain::values::format_date(time::OffsetDateTime::now_utc().date());
    assert!(
        html.contains(&format!("value=\"{today}\"")),
        "today is proposed"
    );
    let validated = app
        .form(
            &legal_b,
            &format!("/agreements/{id}/validation"),
            &[
                ("registry_number", "ICESCO-REG-2026-017"),
                ("entry_into_force_on", &today),
            ],
        )
        .await;
    assert_eq!(
        validated.status,
        StatusCode::SEE_OTHER,
        "{}",
        validated.text()
    );
    assert!(location(&validated).contains("notice=agreement_in_force"));
    assert_eq!(status_of(&app, id).await, "active");

    // In force: the stepper's last stage is current, the registry number shows, the timeline tells the story.
    let html = app.page(&mut officer_b, &location(&validated)).await.text();
    assert!(html.contains("the agreement is in force"));
    let current = html.find("aria-current=\"step\"").unwrap();
    assert!(html[current..].contains("In force"));
    assert!(html.contains("ICESCO-REG-2026-017"));
    assert!(html.contains("submitted the agreement for review"));
    assert!(html.contains("recorded the validation"));
    assert!(html.contains("Time spent per stage"));
    assert!(
        html.contains("value=\"suspend\""),
        "the officer may suspend now"
    );

    // Anyone who reads may comment, about a version or not.
    let mut viewer_b = {
        app.user(Role::Viewer, "viewer@test.accord").await;
        app.browser("viewer@test.accord").await
    };
    let html = open(&app, &mut viewer_b, id).await;
    assert!(!html.contains("value=\"suspend\""), "a viewer has no moves");
    let empty = app
        .form(
            &viewer_b,
            &format!("/agreements/{id}/comments"),
            &[("body", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().contains("href=\"#comment-body\""));
    let commented = app
        .form(
            &viewer_b,
            &format!("/agreements/{id}/comments"),
            &[("body", "Article 1 reads well."), ("version", "1")],
        )
        .await;
    assert_eq!(
        commented.status,
        StatusCode::SEE_OTHER,
        "{}",
        commented.text()
    );
    let html = open(&app, &mut officer_b, id).await;
    assert!(html.contains("Article 1 reads well."));
    assert!(html.contains("about version 1"));
}

#[tokio::test]
async fn arabic_readers_get_the_page_right_to_left() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "officer@test.accord").await;
    let token = app.token_for(&officer).await;
    let partner_id = partner(&app, &token, "Foundation").await;
    let a = agreement(&app, &officer, &[&partner_id], false).await;
    users::set_language(&app.db, officer.id, Lang::Ar)
        .await
        .unwrap();
    let mut browser = app.browser("officer@test.accord").await;
    let html = open(&app, &mut browser, a.id).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("دورة الحياة"));
    assert!(html.contains("<h1><bdi lang=\"ar\">مذكرة تفاهم في مجال التعليم</bdi></h1>"));
    assert!(
        html.contains("lang=\"en\""),
        "the English title is marked as such"
    );
}

#[tokio::test]
async fn confidential_agreements_are_hidden_from_viewers() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "officer@test.accord").await;
    app.user(Role::Viewer, "viewer@test.accord").await;
    let token = app.token_for(&officer).await;
    let partner_id = partner(&app, &token, "Foundation").await;
    let secret = agreement(&app, &officer, &[&partner_id], true).await;
    let mut viewer = app.browser("viewer@test.accord").await;
    let answer = app
        .page(&mut viewer, &format!("/agreements/{}", secret.id))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(!answer.text().contains(&secret.reference));
    // Nor can they post to it.
    let answer = app
        .form(
            &viewer,
            &format!("/agreements/{}/comments", secret.id),
            &[("body", "hello")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // The owner sees it, marked confidential; a malformed id is a 404 too.
    let mut owner = app.browser("officer@test.accord").await;
    let html = open(&app, &mut owner, secret.id).await;
    assert!(html.contains("Confidential"));
    let answer = app.page(&mut owner, "/agreements/not-an-id").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}
