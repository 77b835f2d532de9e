//! The scheduler: jobs claimed with a lease run once even with several
//! workers; the lifecycle tick activates, expires and renews agreements with
//! the calendar, notifies the people concerned, and running it again changes
//! nothing more.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::agreement::{
    Action, AgreementFields, AgreementKind, AgreementStatus, EntryIntoForce,
};
use accord_domain::{Lang, LocalizedText, Role};
use accord_jobs::Scheduler;
use accord_store::agreements::{Agreement, find_agreement, insert_agreement_in, transition};
use accord_store::jobs::{self, LIFECYCLE_TICK};
use accord_store::notifications as store;
use accord_store::users::{self, User, UserFields};
use accord_store::{Db, now_micros};
use common::TestApp;
use serde_json::Value;
use std::collections::BTreeSet;
use time::{Date, Duration};
use uuid::Uuid;

pub async fn person(
    db: &Db,
    role: Role,
    unit: Option<&str>,
    email: &str,
    lang: Option<Lang>,
) -> User {
    users::insert_user(
        db,
        None,
        &UserFields {
            email: email.into(),
            name: format!("{} {}", role.as_str(), email),
            role,
            unit: unit.map(str::to_string),
            organization_id: None,
            lang,
            disabled: false,
        },
        None,
    )
    .await
    .expect("user")
}

pub fn fields(title: &str, owner: Uuid) -> AgreementFields {
    AgreementFields {
        title: LocalizedText::new(None, Some(title.into()), None),
        kind: AgreementKind::Mou,
        partner_ids: vec![],
        lead_unit: "ED".into(),
        owner_id: Some(owner),
        confidential: false,
        starts_on: None,
        ends_on: None,
        entry_into_force: EntryIntoForce::OnSignature,
        auto_renew: false,
        notice_days: None,
        value: None,
        objectives: LocalizedText::default(),
        parent_id: None,
        amends_id: None,
        renews_id: None,
        tags: vec![],
    }
}

pub async fn agreement_in(db: &Db, fields: AgreementFields, status: AgreementStatus) -> Agreement {
    let mut tx = db.begin().await.unwrap();
    let a = insert_agreement_in(
        &mut tx,
        db,
        Uuid::now_v7(),
        now_micros(),
        "ICESCO",
        fields,
        status,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    a
}

async fn status_of(db: &Db, id: Uuid) -> AgreementStatus {
    find_agreement(db, id).await.unwrap().unwrap().status
}

async fn kinds_for(db: &Db, user: Uuid) -> Vec<(String, Option<Uuid>)> {
    let page = store::list_notifications(db, user, false, None, 200)
        .await
        .unwrap();
    page.items
        .into_iter()
        .map(|n| (n.kind, n.agreement_id))
        .collect()
}

async fn notification_count(db: &Db) -> i64 {
    let mut total = 0;
    for user in users::list_users(db).await.unwrap() {
        total += store::list_notifications(db, user.id, false, None, 1)
            .await
            .unwrap()
            .total;
    }
    total
}

fn n(summary: &Value, key: &str) -> i64 {
    summary[key].as_i64().unwrap_or(-1)
}

#[tokio::test]
async fn the_tick_activates_expires_and_renews_once() {
    let app = TestApp::new().await;
    let db = &app.db;
    let owner = person(db, Role::Officer, Some("ED"), "owner@test.accord", None).await;
    let colleague = person(db, Role::Officer, Some("ED"), "colleague@test.accord", None).await;
    let elsewhere = person(
        db,
        Role::Officer,
        Some("LEGAL"),
        "elsewhere@test.accord",
        None,
    )
    .await;
    let today: Date = accord_store::today();

    // Validated, in force from today: activated by the tick.
    let validated = agreement_in(
        db,
        fields("Validated", owner.id),
        AgreementStatus::Validation,
    )
    .await;
    let validated = accord_store::signing::record_validation(
        db,
        None,
        &validated,
        Some("REG-1".into()),
        Some(accord_domain::values::format_date(today)),
        today - Duration::days(1),
    )
    .await
    .expect("validation");
    assert_eq!(validated.status, AgreementStatus::Validation);
    // Validated, in force next week: stays.
    let later = agreement_in(db, fields("Later", owner.id), AgreementStatus::Validation).await;
    accord_store::signing::record_validation(
        db,
        None,
        &later,
        Some("REG-2".into()),
        Some(accord_domain::values::format_date(
            today + Duration::days(7),
        )),
        today,
    )
    .await
    .expect("validation");
    // Ended yesterday: expires.
    let mut f = fields("Ended", owner.id);
    f.starts_on = Some(today - Duration::days(400));
    f.ends_on = Some(today - Duration::days(1));
    let ended = agreement_in(db, f, AgreementStatus::Active).await;
    // Ended yesterday, renews automatically: a successor in force, the old one expires.
    let mut f = fields("Renewing", owner.id);
    let starts = jobs::add_months(today, -12);
    f.starts_on = Some(starts);
    f.ends_on = Some(today - Duration::days(1));
    f.auto_renew = true;
    f.notice_days = Some(60);
    let renewing = agreement_in(db, f, AgreementStatus::Active).await;
    // Ends in 20 days: warned (30 days).
    let mut f = fields("Ending", owner.id);
    f.ends_on = Some(today + Duration::days(20));
    let ending = agreement_in(db, f, AgreementStatus::Active).await;
    // Renews in 40 days with 30 days' notice: the notice deadline is in 10 days.
    let mut f = fields("Notice", owner.id);
    f.ends_on = Some(today + Duration::days(40));
    f.auto_renew = true;
    f.notice_days = Some(30);
    let notice = agreement_in(db, f, AgreementStatus::Active).await;
    // Suspended and ended: expires too.
    let mut f = fields("Suspended", owner.id);
    f.ends_on = Some(today - Duration::days(3));
    let suspended = agreement_in(db, f, AgreementStatus::Suspended).await;

    let worker = Scheduler::new(db.clone(), "ICESCO", "http://127.0.0.1:8080", None);
    let first = worker.run_now(today).await.unwrap().expect("claimed");
    assert_eq!(n(&first, "activated"), 1, "{first}");
    assert_eq!(n(&first, "expired"), 3, "{first}");
    assert_eq!(n(&first, "renewed"), 1, "{first}");

    assert_eq!(status_of(db, validated.id).await, AgreementStatus::Active);
    assert_eq!(status_of(db, later.id).await, AgreementStatus::Validation);
    assert_eq!(status_of(db, ended.id).await, AgreementStatus::Expired);
    assert_eq!(status_of(db, renewing.id).await, AgreementStatus::Expired);
    assert_eq!(status_of(db, suspended.id).await, AgreementStatus::Expired);
    assert_eq!(status_of(db, ending.id).await, AgreementStatus::Active);
    let successor_id = jobs::find_successor(db, renewing.id)
        .await
        .unwrap()
        .expect("successor");
    let successor = find_agreement(db, successor_id).await.unwrap().unwrap();
    assert_eq!(successor.status, AgreementStatus::Active);
    assert_eq!(successor.fields.renews_id, Some(renewing.id));
    assert_ne!(successor.reference, renewing.reference);
    assert_eq!(successor.fields.title, renewing.fields.title);
    assert!(successor.fields.auto_renew);
    assert_eq!(successor.fields.notice_days, Some(60));
    assert_eq!(successor.fields.starts_on, Some(today));
    assert_eq!(
        successor.fields.ends_on,
        Some(jobs::add_months(today, 12) - Duration::days(1))
    );
    assert_eq!(successor.entry_into_force_on, Some(today));
    let history = accord_store::audit::history(db, "agreement", &[renewing.id.to_string()], 10)
        .await
        .unwrap();
    assert_eq!(history[0].action, "expire");
    assert!(
        history[0]
            .after_state
            .as_deref()
            .unwrap()
            .contains(&successor.reference)
    );

    // The owner and the other officer of the lead unit are told; not an officer elsewhere.
    let owner_kinds: BTreeSet<(String, Option<Uuid>)> =
        kinds_for(db, owner.id).await.into_iter().collect();
    for (kind, id) in [
        ("in_force", validated.id),
        ("expired", ended.id),
        ("expired", renewing.id),
        ("renewed", renewing.id),
        ("expired", suspended.id),
        ("expiring", ending.id),
        ("notice_deadline", notice.id),
    ] {
        assert!(
            owner_kinds.contains(&(kind.to_string(), Some(id))),
            "{kind} missing: {owner_kinds:?}"
        );
    }
    assert!(!owner_kinds.iter().any(|(_, id)| *id == Some(later.id)));
    let colleague_kinds = kinds_for(db, colleague.id).await;
    assert_eq!(colleague_kinds.len(), owner_kinds.len());
    assert!(kinds_for(db, elsewhere.id).await.is_empty());
    let notice_payload = store::list_notifications(db, owner.id, false, None, 200)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|n| n.kind == "notice_deadline")
        .unwrap()
        .payload;
    assert_eq!(
        notice_payload["date"],
        accord_domain::values::format_date(today + Duration::days(10))
    );
    assert_eq!(notice_payload["days"], 10);

    // Again: nothing more moves, nothing is notified twice.
    let before = notification_count(db).await;
    let agreements_before = users_agreement_count(db).await;
    let second = worker.run_now(today).await.unwrap().expect("claimed");
    for key in ["activated", "expired", "renewed", "notifications"] {
        assert_eq!(n(&second, key), 0, "{key}: {second}");
    }
    // Even from a blank state (the audit position and the daily pass forgotten).
    let third = worker.tick(today, &Value::Null).await.unwrap();
    assert_eq!(n(&third, "notifications"), 0, "{third}");
    assert_eq!(notification_count(db).await, before);
    assert_eq!(users_agreement_count(db).await, agreements_before);

    // The job keeps its summary and its next run.
    let job = jobs::find_job(db, LIFECYCLE_TICK).await.unwrap().unwrap();
    assert_eq!(job.result_json()["activated"], 0);
    assert!(job.run_at > now_micros());
    assert!(job.lease_owner.is_none());
    assert!(job.last_run_at.is_some());
}

async fn users_agreement_count(db: &Db) -> usize {
    let admin = accord_store::agreements::Reader {
        user_id: Uuid::nil(),
        role: Role::Admin,
        unit: None,
        organization_id: None,
    };
    accord_store::agreements::list_agreements(
        db,
        &Default::default(),
        &admin,
        accord_store::agreements::default_sort(),
        None,
        200,
    )
    .await
    .unwrap()
    .items
    .len()
}

#[tokio::test]
async fn review_steps_are_notified_when_assigned_and_when_overdue() {
    let app = TestApp::new().await;
    let db = &app.db;
    let owner = person(db, Role::Officer, Some("ED"), "owner@test.accord", None).await;
    let reviewer = person(db, Role::Technical, Some("ED"), "tech@test.accord", None).await;
    let other_unit = person(db, Role::Technical, Some("ST"), "tech-st@test.accord", None).await;
    let lawyer = person(db, Role::Legal, Some("LEGAL"), "legal@test.accord", None).await;
    let a = agreement_in(
        db,
        fields("Reviewed", owner.id),
        AgreementStatus::Negotiation,
    )
    .await;
    transition(
        db,
        Some(owner.id),
        a.id,
        Action::SubmitForReview,
        AgreementStatus::Review,
        None,
        None,
    )
    .await
    .unwrap();
    let today = accord_store::today();
    let worker = Scheduler::new(db.clone(), "ICESCO", "http://127.0.0.1:8080", None);
    worker.run_now(today).await.unwrap().expect("claimed");
    let assigned = kinds_for(db, reviewer.id).await;
    assert_eq!(assigned, vec![("step_assigned".to_string(), Some(a.id))]);
    assert!(kinds_for(db, other_unit.id).await.is_empty());
    assert!(kinds_for(db, lawyer.id).await.is_empty());

    // Eleven days later the ten-day step is overdue: its reviewer and the owner are told, once.
    let later = today + Duration::days(11);
    worker.run_now(later).await.unwrap().expect("claimed");
    worker.tick(later, &Value::Null).await.unwrap();
    let kinds: Vec<String> = kinds_for(db, reviewer.id)
        .await
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "step_overdue").count(),
        1,
        "{kinds:?}"
    );
    assert!(
        kinds_for(db, owner.id)
            .await
            .iter()
            .any(|(k, _)| k == "step_overdue")
    );

    // The reviewer clears the step: Legal Affairs is told next.
    let step = accord_store::reviews::list_steps(db, a.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.is_open())
        .unwrap();
    let current = find_agreement(db, a.id).await.unwrap().unwrap();
    accord_store::reviews::decide(
        db,
        &accord_store::reviews::Reviewer {
            user_id: reviewer.id,
            role: Role::Technical,
            unit: Some("ED"),
        },
        &current,
        &step.id,
        accord_store::reviews::Decision::Cleared,
        None,
    )
    .await
    .expect("decided");
    worker.run_now(later).await.unwrap().expect("claimed");
    assert_eq!(
        kinds_for(db, lawyer.id).await,
        vec![("step_assigned".to_string(), Some(a.id))]
    );
    // Changes requested by Legal Affairs: the owner hears of it, with the comment.
    let step = accord_store::reviews::list_steps(db, a.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.is_open())
        .unwrap();
    let current = find_agreement(db, a.id).await.unwrap().unwrap();
    accord_store::reviews::decide(
        db,
        &accord_store::reviews::Reviewer {
            user_id: lawyer.id,
            role: Role::Legal,
            unit: Some("LEGAL"),
        },
        &current,
        &step.id,
        accord_store::reviews::Decision::ChangesRequested,
        Some("Article 4 needs the standard clause"),
    )
    .await
    .expect("decided");
    worker.run_now(later).await.unwrap().expect("claimed");
    let changes = store::list_notifications(db, owner.id, false, None, 50)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|n| n.kind == "changes_requested")
        .expect("changes requested");
    assert_eq!(
        changes.payload["comment"],
        "Article 4 needs the standard clause"
    );
}

async fn claim_race(db: &Db, kind: &'static str, workers: usize) -> usize {
    let mut handles = Vec::new();
    for i in 0..workers {
        let db = db.clone();
        handles.push(tokio::spawn(async move {
            jobs::claim(
                &db,
                &format!("node-{i}"),
                &[kind],
                std::time::Duration::from_secs(60),
            )
            .await
            .unwrap()
        }));
    }
    let mut winners = Vec::new();
    for handle in handles {
        if let Some(job) = handle.await.unwrap() {
            winners.push(job);
        }
    }
    let count = winners.len();
    for job in winners {
        assert!(
            jobs::complete(
                db,
                &job.id,
                job.lease_owner.as_deref().unwrap(),
                &serde_json::json!({}),
                now_micros()
            )
            .await
            .unwrap()
        );
    }
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_workers_claim_each_run_once() {
    let app = TestApp::new().await;
    let db = &app.db;
    jobs::ensure_job(db, "race", "race", now_micros())
        .await
        .unwrap();
    for round in 0..15 {
        jobs::set_run_at(db, "race", now_micros() - 1)
            .await
            .unwrap();
        assert_eq!(claim_race(db, "race", 6).await, 1, "round {round}");
    }
    // A leased job is not due for others until its lease runs out.
    jobs::set_run_at(db, "race", now_micros() - 1)
        .await
        .unwrap();
    let held = jobs::claim(db, "a", &["race"], std::time::Duration::from_secs(60))
        .await
        .unwrap();
    assert!(held.is_some());
    assert!(
        jobs::claim(db, "b", &["race"], std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .is_none()
    );
    let later = now_micros() + 61_000_000;
    let taken_over = jobs::claim_at(db, "b", &["race"], 60_000_000, later)
        .await
        .unwrap();
    assert_eq!(
        taken_over.map(|j| j.lease_owner),
        Some(Some("b".to_string()))
    );
    // The first node's late completion is refused: its lease was lost.
    assert!(
        !jobs::complete(db, "race", "a", &serde_json::json!({}), now_micros())
            .await
            .unwrap()
    );

    // Two schedulers polling at once run the due lifecycle tick once between them.
    let one = Scheduler::new(db.clone(), "ICESCO", "http://x", None).with_node_id("one");
    let two = Scheduler::new(db.clone(), "ICESCO", "http://x", None).with_node_id("two");
    one.ensure_jobs().await.unwrap();
    for _ in 0..3 {
        jobs::set_run_at(db, LIFECYCLE_TICK, now_micros() - 1)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            tokio::spawn({
                let one = one.clone();
                async move { one.run_due().await.unwrap() }
            }),
            tokio::spawn({
                let two = two.clone();
                async move { two.run_due().await.unwrap() }
            }),
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1);
    }
}

#[tokio::test]
async fn the_worker_stops_on_shutdown() {
    let app = TestApp::new().await;
    let worker = Scheduler::new(app.db.clone(), "ICESCO", "http://x", None)
        .every(std::time::Duration::from_millis(50));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let handle = tokio::spawn(worker.run_until(stopped));
    let mut ran = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        if let Some(job) = jobs::find_job(&app.db, LIFECYCLE_TICK).await.unwrap()
            && job.last_run_at.is_some()
        {
            ran = true;
            break;
        }
    }
    assert!(ran, "the tick did not run");
    stop.send(true).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(5), handle)
        .await
        .expect("stopped")
        .unwrap();
}
