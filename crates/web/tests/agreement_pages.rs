//! The agreement pages as people use them: an officer creates an agreement
//! through the form, finds it in the list (filtered by status), on the board
//! and in the CSV export, edits it (with a version conflict); a viewer does
//! not see a confidential agreement anywhere; "my work" lists the open review
//! step of a technical reviewer of the lead unit; every page is right to left
//! in Arabic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use accord_domain::agreement::{Action, AgreementInput, AgreementStatus, Facts, check_manual};
use accord_domain::partner::PartnerInput;
use accord_domain::{Lang, LocalizedText};
use accord_store::agreements::{self, Agreement};
use accord_store::users::{self, User, UserFields};
use accord_store::{Engine, partners};
use axum::http::StatusCode;
use common::{Answer, TestApp};

fn location(answer: &Answer) -> String {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

async fn partner(app: &TestApp, name: &str) -> uuid::Uuid {
    let input = PartnerInput {
        name: LocalizedText::new(None, Some(name.into()), None),
        kind: Some("government".into()),
        ..Default::default()
    };
    partners::insert_partner(&app.db, None, input.validate().unwrap())
        .await
        .unwrap()
        .id
}

async fn person(app: &TestApp, role: Role, email: &str, unit: Option<&str>) -> User {
    let hash = accord_web::auth::hash_password(common::PASSWORD.into())
        .await
        .unwrap();
    let fields = UserFields {
        email: email.into(),
        name: format!("{} person", role.as_str()),
        role,
        unit: unit.map(str::to_string),
        organization_id: None,
        lang: None,
        disabled: false,
    };
    users::insert_user(&app.db, None, &fields, Some(&hash))
        .await
        .unwrap()
}

/// An agreement created with the store, as the API would.
async fn agreement(
    app: &TestApp,
    owner: &User,
    partner: uuid::Uuid,
    title: &str,
    confidential: bool,
) -> Agreement {
    let input = AgreementInput {
        title: LocalizedText::new(None, Some(title.into()), None),
        kind: Some("mou".into()),
        partner_ids: vec![partner.to_string()],
        lead_unit: Some("ED".into()),
        owner_id: Some(owner.id.to_string()),
        confidential,
        ends_on: Some("2030-06-30".into()),
        ..Default::default()
    };
    agreements::insert_agreement(&app.db, Some(owner.id), "ICESCO", input.validate().unwrap())
        .await
        .unwrap()
}

async fn move_to(app: &TestApp, a: &Agreement, action: Action, has_draft: bool) -> Agreement {
    let facts = Facts {
        has_draft,
        reason: None,
    };
    let to = check_manual(a.status, action, Role::Officer, &facts).unwrap();
    agreements::transition(&app.db, None, a.id, action, to, None, None)
        .await
        .unwrap()
}

/// A draft version straight into the table (uploads belong to another page).
async fn add_draft(app: &TestApp, a: &Agreement, author: &User) {
    let sql = "INSERT INTO draft_versions (id, agreement_id, number, round, direction, note, filename, media_type, size, sha256, \
               text_content, author_id, created_at) VALUES ($1, $2, 1, 1, 'internal', NULL, 'draft.txt', 'text/plain', 10, $3, 'Draft', $4, $5)";
    let id = uuid::Uuid::now_v7().to_string();
    let agreement = a.id.to_string();
    let hash = format!("{:064}", 1);
    let author = author.id.to_string();
    let now = accord_store::now_micros();
    macro_rules! insert {
        ($pool:expr) => {
            sqlx::query(sql)
                .bind(&id)
                .bind(&agreement)
                .bind(&hash)
                .bind(&author)
                .bind(now)
                .execute($pool)
                .await
                .unwrap()
        };
    }
    match &app.db.engine {
        Engine::Sqlite { write, .. } => {
            insert!(write);
        }
        Engine::Postgres(pool) => {
            insert!(pool);
        }
    }
}

#[tokio::test]
async fn an_officer_creates_finds_exports_and_edits_an_agreement() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "o@test.accord").await;
    let unesco = partner(&app, "Ministry of Education of Morocco").await;
    let mut browser = app.browser("o@test.accord").await;

    // The partner's page offers a new agreement with it.
    let show = app.page(&mut browser, &format!("/partners/{unesco}")).await;
    assert!(
        show.text()
            .contains(&format!("/agreements/new?partner_id={unesco}")),
        "the partner page links to a new agreement"
    );
    // The form comes prefilled with the partner, its name shown.
    let form = app
        .page(
            &mut browser,
            &format!("/agreements/new?partner_id={unesco}"),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    assert!(html.contains(&format!("value=\"{unesco}\"")));
    assert!(html.contains("Ministry of Education of Morocco"));
    assert!(html.contains(&format!("value=\"{}\" selected", officer.id)));

    // Invalid: errors next to the fields and in the summary.
    let bad = app
        .form(
            &browser,
            "/agreements",
            &[("kind", "mou"), ("lead_unit", "ED"), ("value_amount", "12")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(html.contains("error-summary"));
    assert!(html.contains("href=\"#title_en\""));
    assert!(html.contains("href=\"#partner_0\""));
    assert!(html.contains("href=\"#value_currency\""));
    assert!(html.contains("id=\"partner_0-error\""));

    // Valid: created, on its page.
    let partner_id = unesco.to_string();
    let officer_id = officer.id.to_string();
    let created = app
        .form(
            &browser,
            "/agreements",
            &[
                ("title_en", "Teacher training cooperation"),
                ("title_ar", "التعاون في تدريب المعلمين"),
                ("kind", "mou"),
                ("partner_0", &partner_id),
                ("lead_unit", "ED"),
                ("owner_id", &officer_id),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2028-12-31"),
                ("entry_into_force", "on_signature"),
                ("notice_days", "60"),
                ("value_amount", "120000.50"),
                ("value_currency", "usd"),
                ("objectives_en", "Train teachers."),
                ("tags", "education, teachers"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let to = location(&created);
    assert!(
        to.starts_with("/agreements/") && to.ends_with("?notice=created"),
        "{to}"
    );
    let id = to
        .trim_start_matches("/agreements/")
        .trim_end_matches("?notice=created")
        .to_string();
    let stored = agreements::find_agreement(&app.db, id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, AgreementStatus::Prospect);
    assert_eq!(stored.fields.partner_ids, vec![unesco]);
    assert_eq!(stored.fields.value.unwrap().minor, 12_000_050);
    assert!(stored.reference.starts_with("ICESCO/ED/"));
    let landed = app.page(&mut browser, &to).await;
    if landed.status == StatusCode::OK {
        assert!(landed.text().contains("Teacher training cooperation"));
    }

    // The list shows it, and filters by status.
    let list = app.page(&mut browser, "/agreements").await.text();
    assert!(list.contains("Teacher training cooperation"));
    assert!(list.contains(&stored.reference));
    assert!(list.contains("Ministry of Education of Morocco"));
    let prospects = app
        .page(&mut browser, "/agreements?status=prospect")
        .await
        .text();
    assert!(prospects.contains(&stored.reference));
    let active = app
        .page(&mut browser, "/agreements?status=active")
        .await
        .text();
    assert!(!active.contains(&stored.reference));
    assert!(active.contains("No agreement matches these filters"));
    let mine = app.page(&mut browser, "/agreements?mine=1").await.text();
    assert!(mine.contains(&stored.reference));
    let by_partner = app
        .page(&mut browser, &format!("/agreements?partner_id={unesco}"))
        .await
        .text();
    assert!(by_partner.contains(&stored.reference));
    let sorted = app
        .page(&mut browser, "/agreements?sort=-ends_on&status=nonsense")
        .await;
    assert_eq!(sorted.status, StatusCode::OK);
    assert!(sorted.text().contains("Some filters were ignored"));

    // The board counts it in its column.
    let board = app.page(&mut browser, "/agreements/board").await.text();
    assert!(board.contains("id=\"column-prospect\""));
    assert!(
        board.contains("<span class=\"badge status-prospect\">1</span>"),
        "the prospect column counts one"
    );
    assert!(board.contains("<span class=\"badge status-negotiation\">0</span>"));
    assert!(board.contains("/agreements?status=prospect"));

    // The exports hold it.
    let csv = app
        .page(
            &mut browser,
            "/agreements/export?format=csv&status=prospect",
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text();
    assert!(text.contains("Reference"));
    assert!(text.contains(&stored.reference));
    assert!(text.contains("Teacher training cooperation"));
    assert!(text.contains("120000.50"));
    let none = app
        .page(&mut browser, "/agreements/export?format=csv&status=active")
        .await;
    assert!(!none.text().contains(&stored.reference));
    let xlsx = app
        .page(&mut browser, "/agreements/export?format=xlsx")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"));
    let wrong = app
        .page(&mut browser, "/agreements/export?format=pdf")
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Edit, then a stale version is a conflict that keeps the typed values.
    let edit = app
        .page(&mut browser, &format!("/agreements/{id}/edit"))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.text().contains("Teacher training cooperation"));
    let fields = |title: &'static str| {
        vec![
            ("version", "1"),
            ("title_en", title),
            ("kind", "mou"),
            ("partner_0", partner_id.as_str()),
            ("lead_unit", "ED"),
            ("owner_id", officer_id.as_str()),
        ]
    };
    let saved = app
        .form(
            &browser,
            &format!("/agreements/{id}/edit"),
            &fields("Teacher training and exchange"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    assert_eq!(location(&saved), format!("/agreements/{id}?notice=saved"));
    let stale = app
        .form(
            &browser,
            &format!("/agreements/{id}/edit"),
            &fields("A stale title"),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let html = stale.text();
    assert!(html.contains("A stale title"));
    assert!(html.contains("name=\"version\" value=\"2\""));

    // Terms are fixed once the agreement has left negotiation: the page refuses a
    // change of them as the API does, and keeps what stays editable.
    let current = agreements::find_agreement(&app.db, stored.id)
        .await
        .unwrap()
        .unwrap();
    let current = move_to(&app, &current, Action::StartNegotiation, false).await;
    add_draft(&app, &current, &officer).await;
    let current = move_to(&app, &current, Action::SubmitForReview, true).await;
    let version = current.version.to_string();
    let refused = app
        .form(
            &browser,
            &format!("/agreements/{id}/edit"),
            &[
                ("version", version.as_str()),
                ("title_en", "Changed in review"),
                ("owner_id", officer_id.as_str()),
                ("tags", "reviewed"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .contains("The terms are fixed once the agreement has left negotiation")
    );
    // The form sends no term when they are locked (its controls are disabled).
    let locked = app
        .form(
            &browser,
            &format!("/agreements/{id}/edit"),
            &[
                ("version", version.as_str()),
                ("owner_id", officer_id.as_str()),
                ("tags", "reviewed"),
            ],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER, "{}", locked.text());
    let after = agreements::find_agreement(&app.db, stored.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.fields.title.en.as_deref(),
        Some("Teacher training and exchange")
    );
    assert_eq!(after.fields.partner_ids, vec![unesco]);
    assert_eq!(after.fields.tags, vec!["reviewed".to_string()]);

    // Viewers read but do not write.
    app.user(Role::Viewer, "v@test.accord").await;
    let mut viewer = app.browser("v@test.accord").await;
    let list = app.page(&mut viewer, "/agreements").await.text();
    assert!(!list.contains("/agreements/new"));
    assert_eq!(
        app.page(&mut viewer, "/agreements/new").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page(&mut viewer, &format!("/agreements/{id}/edit"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_viewer_does_not_see_a_confidential_agreement() {
    let app = TestApp::new().await;
    let officer = person(&app, Role::Officer, "o@test.accord", None).await;
    person(&app, Role::Viewer, "v@test.accord", None).await;
    let ministry = partner(&app, "Ministry of Culture").await;
    let open = agreement(&app, &officer, ministry, "Open cultural exchange", false).await;
    let secret = agreement(&app, &officer, ministry, "Sensitive host agreement", true).await;

    let mut viewer = app.browser("v@test.accord").await;
    let list = app.page(&mut viewer, "/agreements").await.text();
    assert!(list.contains(&open.reference));
    assert!(!list.contains(&secret.reference));
    assert!(!list.contains("Sensitive host agreement"));
    let search = app
        .page(&mut viewer, "/agreements?q=sensitive")
        .await
        .text();
    assert!(!search.contains("Sensitive host agreement"));
    let board = app.page(&mut viewer, "/agreements/board").await.text();
    assert!(board.contains("Open cultural exchange"));
    assert!(!board.contains("Sensitive host agreement"));
    assert!(board.contains("<span class=\"badge status-prospect\">1</span>"));
    let csv = app
        .page(&mut viewer, "/agreements/export?format=csv")
        .await
        .text();
    assert!(csv.contains(&open.reference));
    assert!(!csv.contains(&secret.reference));
    let edit = app
        .page(&mut viewer, &format!("/agreements/{}/edit", secret.id))
        .await;
    assert_eq!(edit.status, StatusCode::NOT_FOUND);

    // Its owner sees both.
    let mut owner = app.browser("o@test.accord").await;
    let list = app.page(&mut owner, "/agreements").await.text();
    assert!(list.contains(&secret.reference));
    let board = app.page(&mut owner, "/agreements/board").await.text();
    assert!(board.contains("<span class=\"badge status-prospect\">2</span>"));
}

#[tokio::test]
async fn my_work_lists_the_open_review_step_of_the_lead_units_reviewer() {
    let app = TestApp::new().await;
    let officer = person(&app, Role::Officer, "o@test.accord", None).await;
    person(&app, Role::Technical, "ed@test.accord", Some("ED")).await;
    person(&app, Role::Technical, "st@test.accord", Some("ST")).await;
    let ministry = partner(&app, "Ministry of Higher Education").await;
    let a = agreement(&app, &officer, ministry, "Scholarships programme", false).await;
    let a = move_to(&app, &a, Action::StartNegotiation, false).await;
    add_draft(&app, &a, &officer).await;
    let a = move_to(&app, &a, Action::SubmitForReview, true).await;
    assert_eq!(a.status, AgreementStatus::Review);
    let waiting = agreement(&app, &officer, ministry, "Joint research chairs", false).await;
    move_to(&app, &waiting, Action::StartNegotiation, false).await;

    let mut reviewer = app.browser("ed@test.accord").await;
    let work = app.page(&mut reviewer, "/my-work").await;
    assert_eq!(work.status, StatusCode::OK);
    let html = work.text();
    assert!(html.contains(&a.reference), "the ED reviewer sees the step");
    assert!(html.contains("Scholarships programme"));
    assert!(html.contains("Step 1"));
    assert!(html.contains("days left"));
    assert!(html.contains("aria-current=\"page\""));

    let mut elsewhere = app.browser("st@test.accord").await;
    let html = app.page(&mut elsewhere, "/my-work").await.text();
    assert!(
        !html.contains(&a.reference),
        "another unit has no step here"
    );
    assert!(html.contains("No review waits for you."));

    // The owner sees the agreement in negotiation as needing action.
    let mut owner = app.browser("o@test.accord").await;
    let html = app.page(&mut owner, "/my-work").await.text();
    assert!(html.contains(&waiting.reference));
    assert!(html.contains("submit it for review"));
    assert!(!html.contains(&a.reference), "in review, the owner waits");

    // Cycle times count the stages it went through.
    let cycle = app.page(&mut owner, "/agreements/cycle-times").await;
    assert_eq!(cycle.status, StatusCode::OK);
    let html = cycle.text();
    assert!(html.contains("Memorandum of understanding"));
    assert!(html.contains("Education Sector"));

    // The home page counts agreements by stage.
    let home = app.page(&mut owner, "/").await.text();
    assert!(home.contains("Agreements by stage"));
    assert!(home.contains("/agreements?status=negotiation"));
    assert!(home.contains("/agreements?status=review"));
}

#[tokio::test]
async fn agreement_pages_are_right_to_left_in_arabic() {
    let app = TestApp::new().await;
    let officer = person(&app, Role::Officer, "o@test.accord", None).await;
    let ministry = partner(&app, "Ministry of Education").await;
    agreement(&app, &officer, ministry, "Teacher training", false).await;
    let mut browser = app.browser("o@test.accord").await;
    app.page(&mut browser, "/agreements").await;
    let switched = app
        .form(
            &browser,
            "/profile/language",
            &[("lang", Lang::Ar.code()), ("back", "/agreements")],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    for path in [
        "/agreements",
        "/agreements/board",
        "/agreements/new",
        "/agreements/cycle-times",
        "/my-work",
        "/",
    ] {
        let page = app.page(&mut browser, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let html = page.text();
        assert!(
            html.contains("<html lang=\"ar\" dir=\"rtl\">"),
            "{path} is not right to left"
        );
        assert!(html.contains("الاتفاقيات"), "{path} has the Arabic menu");
    }
    let board = app.page(&mut browser, "/agreements/board").await.text();
    assert!(board.contains("مشروع أولي"));
    assert!(board.contains("العرض في جدول"));
}

#[tokio::test]
async fn the_page_refuses_a_locked_terms_change_as_the_api_does() {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "o@test.accord").await;
    let token = app.token_for(&officer).await;
    let ministry = partner(&app, "Ministry of Culture").await;
    let a = agreement(&app, &officer, ministry, "Heritage cooperation", false).await;
    let a = move_to(&app, &a, Action::StartNegotiation, false).await;
    add_draft(&app, &a, &officer).await;
    let a = move_to(&app, &a, Action::SubmitForReview, true).await;
    let version = a.version.to_string();

    // The API: 422, `terms_locked` on the field.
    let api = app
        .patch(
            &format!("/api/v1/agreements/{}", a.id),
            &token,
            serde_json::json!({ "ends_on": "2031-12-31", "version": a.version }),
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api.json()["details"]["fields"]["ends_on"],
        serde_json::json!(["terms_locked"])
    );

    // The page: the same refusal, shown next to the field, in the user's language.
    let mut browser = app.browser("o@test.accord").await;
    let edit = app
        .page(&mut browser, &format!("/agreements/{}/edit", a.id))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    let officer_id = officer.id.to_string();
    let page = app
        .form(
            &browser,
            &format!("/agreements/{}/edit", a.id),
            &[
                ("version", version.as_str()),
                ("owner_id", officer_id.as_str()),
                ("ends_on", "2031-12-31"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.text()
    );
    let html = page.text();
    assert!(html.contains("id=\"ends_on-error\""), "{html}");
    assert!(html.contains("The terms are fixed once the agreement has left negotiation"));

    // Neither face changed anything.
    let after = agreements::find_agreement(&app.db, a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.version, a.version);
    assert_eq!(
        after.fields.ends_on.map(accord_domain::values::format_date),
        Some("2030-06-30".to_string())
    );
}
