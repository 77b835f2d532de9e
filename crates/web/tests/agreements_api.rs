//! The agreement lifecycle through the JSON API, as a client program walks it:
//! a different user for each role, from creation through negotiation, the
//! review chain, signatures and validation to entry into force, suspension,
//! amendment, renewal, termination and its reversal; the refusals on the way
//! (wrong assignee, forbidden moves, signing too early); confidentiality in
//! lists, search and reads; comments, the timeline and cycle times.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use accord_domain::agreement::{Action, AgreementStatus, allowed_actions};
use accord_store::audit::{ChainReport, verify_chain};
use accord_store::users::{self, User, UserFields};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Answer, TestApp};
use serde_json::{Value, json};

/// The people of a test: one per role, with their tokens.
struct Cast {
    officer: (User, String),
    technical: (User, String),
    technical_elsewhere: (User, String),
    legal: (User, String),
    director: (User, String),
    admin: (User, String),
    viewer: (User, String),
}

async fn person(app: &TestApp, role: Role, email: &str, unit: Option<&str>) -> (User, String) {
    let fields = UserFields {
        email: email.into(),
        name: format!("{} person", role.as_str()),
        role,
        unit: unit.map(str::to_string),
        organization_id: None,
        lang: None,
        disabled: false,
    };
    let user = users::insert_user(&app.db, None, &fields, None)
        .await
        .expect("user");
    let token = app.token_for(&user).await;
    (user, token)
}

async fn cast(app: &TestApp) -> Cast {
    Cast {
        officer: person(app, Role::Officer, "officer@test.accord", None).await,
        technical: person(app, Role::Technical, "technical@test.accord", Some("ED")).await,
        technical_elsewhere: person(app, Role::Technical, "science@test.accord", Some("ST")).await,
        legal: person(app, Role::Legal, "legal@test.accord", Some("LEGAL")).await,
        director: person(app, Role::Director, "director@test.accord", Some("DG")).await,
        admin: person(app, Role::Admin, "admin@test.accord", None).await,
        viewer: person(app, Role::Viewer, "viewer@test.accord", None).await,
    }
}

fn ok(answer: &Answer, status: StatusCode) -> Value {
    assert_eq!(answer.status, status, "{}", answer.text());
    answer.json()
}

async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({ "name": { "en": name }, "kind": "government", "country": "MA" }),
        )
        .await;
    ok(&answer, StatusCode::CREATED)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let answer = app.post("/api/v1/agreements", token, body).await;
    ok(&answer, StatusCode::CREATED)
}

fn mou(partner: &str, title: &str) -> Value {
    json!({
        "title": { "en": title, "ar": "مذكرة تفاهم" },
        "kind": "mou",
        "partner_ids": [partner],
        "lead_unit": "ED",
        "starts_on": "2026-01-01",
        "ends_on": "2028-12-31",
        "value": { "amount": "120000.00", "currency": "USD" },
        "objectives": { "en": "Teacher training in the member states." },
        "tags": ["education"],
    })
}

fn path(id: &Value) -> String {
    format!("/api/v1/agreements/{}", id.as_str().unwrap())
}

/// Takes an action; answers the raw answer.
async fn act(app: &TestApp, token: &str, id: &Value, action: &str, reason: Option<&str>) -> Answer {
    let mut body = json!({ "action": action });
    if let Some(reason) = reason {
        body["reason"] = json!(reason);
    }
    app.post(&format!("{}/transitions", path(id)), token, body)
        .await
}

/// Takes an action that must succeed; answers the agreement.
async fn move_to(
    app: &TestApp,
    token: &str,
    id: &Value,
    action: &str,
    reason: Option<&str>,
    expected: &str,
) -> Value {
    let answer = act(app, token, id, action, reason).await;
    let agreement = ok(&answer, StatusCode::OK);
    assert_eq!(agreement["status"], expected, "after {action}");
    agreement
}

/// Uploads a draft version (a small text file) through the drafts endpoint.
async fn add_draft(app: &TestApp, token: &str, id: &Value, number: i64) {
    let boundary = "accord-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"direction\"\r\n\r\ninternal\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nRound {number}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"draft-{number}.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nDraft {number}: the parties agree to cooperate in teacher training.\r\n\
         --{boundary}--\r\n"
    );
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("{}/versions", path(id)))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "draft upload: {}",
        answer.text()
    );
}

async fn steps(app: &TestApp, token: &str, id: &Value) -> Vec<Value> {
    let answer = app.get(&format!("{}/reviews", path(id)), token).await;
    ok(&answer, StatusCode::OK)["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn open_step(app: &TestApp, token: &str, id: &Value) -> Value {
    steps(app, token, id)
        .await
        .into_iter()
        .find(|s| s["open"] == true)
        .expect("an open step")
}

async fn decide(
    app: &TestApp,
    token: &str,
    id: &Value,
    step: &Value,
    decision: &str,
    comment: Option<&str>,
) -> Answer {
    let mut body = json!({ "decision": decision });
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    app.post(
        &format!(
            "{}/reviews/{}/decision",
            path(id),
            step["id"].as_str().unwrap()
        ),
        token,
        body,
    )
    .await
}

async fn sign(app: &TestApp, token: &str, id: &Value, party: &str) -> Answer {
    app.post(
        &format!("{}/signatures", path(id)),
        token,
        json!({ "party": party, "signatory": "H.E. the Director-General", "capacity": "Director-General",
                "signed_on": "2026-02-10", "place": "Rabat", "method": "ink" }),
    )
    .await
}

fn today() -> String {
    accord_domain::values::format_date(time::OffsetDateTime::now_utc().date())
}

/// Walks an agreement from `prospect` to `active` with the right person at each step.
async fn drive_to_active(app: &TestApp, cast: &Cast, id: &Value, parties: &[&str]) -> Value {
    let officer = &cast.officer.1;
    move_to(app, officer, id, "start_negotiation", None, "negotiation").await;
    add_draft(app, officer, id, 1).await;
    move_to(app, officer, id, "submit_for_review", None, "review").await;
    for token in [&cast.technical.1, &cast.legal.1, &cast.director.1] {
        let step = open_step(app, token, id).await;
        ok(
            &decide(app, token, id, &step, "cleared", None).await,
            StatusCode::OK,
        );
    }
    ok(
        &sign(app, officer, id, "organization").await,
        StatusCode::CREATED,
    );
    for party in parties {
        ok(&sign(app, officer, id, party).await, StatusCode::CREATED);
    }
    let answer = app
        .post(
            &format!("{}/validation", path(id)),
            &cast.legal.1,
            json!({ "registry_number": "REG-1", "entry_into_force_on": today() }),
        )
        .await;
    let agreement = ok(&answer, StatusCode::OK);
    assert_eq!(agreement["status"], "active");
    agreement
}

#[tokio::test]
async fn the_whole_lifecycle_with_a_user_per_role() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = cast.officer.1.clone();
    let partner_id = partner(&app, &officer, "Ministry of Education of Senegal").await;

    // The officer creates it: a reference, prospect, owned by them.
    let answer = app
        .post(
            "/api/v1/agreements",
            &officer,
            mou(&partner_id, "Teacher training"),
        )
        .await;
    let created = ok(&answer, StatusCode::CREATED);
    let id = created["id"].clone();
    assert_eq!(
        answer
            .headers
            .get(header::LOCATION)
            .unwrap()
            .to_str()
            .unwrap(),
        path(&id)
    );
    let year = time::OffsetDateTime::now_utc().year();
    assert_eq!(
        created["reference"],
        format!("ICESCO/ED/{year}/0001"),
        "{created}"
    );
    assert_eq!(created["status"], "prospect");
    assert_eq!(created["owner_id"], json!(cast.officer.0.id));
    assert_eq!(
        created["parties"][0]["name"]["en"],
        "Ministry of Education of Senegal"
    );
    assert_eq!(
        created["value"],
        json!({ "amount": "120000.00", "currency": "USD" })
    );
    assert_eq!(
        created["allowed_actions"],
        json!(["start_negotiation", "withdraw"])
    );
    assert_eq!(created["version"], 1);

    // Only officers and admins create; the status is not the client's to set.
    let refused = app
        .post("/api/v1/agreements", &cast.viewer.1, mou(&partner_id, "No"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut with_status = mou(&partner_id, "No");
    with_status["status"] = json!("active");
    let refused = app.post("/api/v1/agreements", &officer, with_status).await;
    assert_eq!(
        ok(&refused, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["status"],
        json!(["read_only"])
    );

    // Negotiation; a stale version is refused with the current agreement.
    let answer = app
        .post(
            &format!("{}/transitions", path(&id)),
            &officer,
            json!({ "action": "start_negotiation", "version": 1 }),
        )
        .await;
    assert_eq!(ok(&answer, StatusCode::OK)["status"], "negotiation");
    let stale = app
        .post(
            &format!("{}/transitions", path(&id)),
            &officer,
            json!({ "action": "withdraw", "reason": "x", "version": 1 }),
        )
        .await;
    let stale = ok(&stale, StatusCode::CONFLICT);
    assert_eq!(stale["code"], "version_conflict");
    assert_eq!(stale["details"]["current"]["version"], 2);
    let unknown = act(&app, &officer, &id, "fly_away", None).await;
    assert_eq!(
        ok(&unknown, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["action"],
        json!(["invalid_choice"])
    );

    // No review without a draft.
    let no_draft = act(&app, &officer, &id, "submit_for_review", None).await;
    assert_eq!(ok(&no_draft, StatusCode::CONFLICT)["code"], "no_draft");
    add_draft(&app, &officer, &id, 1).await;
    move_to(&app, &officer, &id, "submit_for_review", None, "review").await;

    // The chain: technical review by the lead unit, Legal Affairs, the General Directorate.
    let chain = steps(&app, &officer, &id).await;
    let shape: Vec<(Value, Value, Value)> = chain
        .iter()
        .map(|s| (s["role"].clone(), s["unit"].clone(), s["open"].clone()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (json!("technical"), json!("ED"), json!(true)),
            (json!("legal"), json!("LEGAL"), json!(false)),
            (json!("director"), json!("DG"), json!(false)),
        ]
    );
    assert_eq!(chain[0]["overdue"], false);
    assert!(chain[0]["due_on"].as_str().unwrap() > today().as_str());

    // The wrong people may not decide the technical step.
    for token in [&cast.legal.1, &cast.director.1, &officer] {
        let wrong = decide(&app, token, &id, &chain[0], "cleared", None).await;
        let wrong = ok(&wrong, StatusCode::FORBIDDEN);
        assert_eq!(wrong["code"], "not_assignee");
    }
    // A technical user of another unit does not even see the agreement.
    let elsewhere = decide(
        &app,
        &cast.technical_elsewhere.1,
        &id,
        &chain[0],
        "cleared",
        None,
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let early = decide(&app, &cast.legal.1, &id, &chain[1], "cleared", None).await;
    assert_eq!(ok(&early, StatusCode::CONFLICT)["code"], "step_not_open");

    // Technical clears; legal requests changes once, with a comment.
    let answer = decide(&app, &cast.technical.1, &id, &chain[0], "cleared", None).await;
    assert_eq!(ok(&answer, StatusCode::OK)["outcome"], "next_step");
    let no_comment = decide(
        &app,
        &cast.legal.1,
        &id,
        &chain[1],
        "changes_requested",
        None,
    )
    .await;
    assert_eq!(
        ok(&no_comment, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["comment"],
        json!(["required"])
    );
    let answer = decide(
        &app,
        &cast.legal.1,
        &id,
        &chain[1],
        "changes_requested",
        Some("Article 7 needs a dispute settlement clause."),
    )
    .await;
    let answer = ok(&answer, StatusCode::OK);
    assert_eq!(answer["outcome"], "changes_requested");
    assert_eq!(answer["agreement"]["status"], "negotiation");

    // A new draft, resubmitted: a second cycle, cleared by each assignee.
    add_draft(&app, &officer, &id, 2).await;
    move_to(&app, &officer, &id, "submit_for_review", None, "review").await;
    let mut outcomes = Vec::new();
    for token in [&cast.technical.1, &cast.legal.1, &cast.director.1] {
        let step = open_step(&app, token, &id).await;
        assert_eq!(step["cycle"], 2);
        assert_eq!(step["can_decide"], true);
        let answer = decide(&app, token, &id, &step, "cleared", Some("Fine.")).await;
        outcomes.push(ok(&answer, StatusCode::OK)["outcome"].clone());
    }
    assert_eq!(
        outcomes,
        vec![
            json!("next_step"),
            json!("next_step"),
            json!("chain_cleared")
        ]
    );
    let chain = steps(&app, &officer, &id).await;
    assert_eq!(chain.len(), 6);
    assert_eq!(chain[1]["decision"], "changes_requested");
    assert_eq!(chain[1]["decided_by_name"], "legal person");
    assert!(chain[2]["voided"].as_bool().unwrap());
    let agreement = ok(&app.get(&path(&id), &officer).await, StatusCode::OK);
    assert_eq!(agreement["status"], "signature");

    // Both parties sign; a viewer may not record a signature; nobody signs twice.
    let refused = sign(&app, &cast.viewer.1, &id, "organization").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let signed = ok(
        &sign(&app, &officer, &id, "organization").await,
        StatusCode::CREATED,
    );
    assert_eq!(signed["signature"]["party"], "organization");
    assert_eq!(signed["agreement"]["status"], "signature");
    let twice = sign(&app, &cast.legal.1, &id, "organization").await;
    assert_eq!(ok(&twice, StatusCode::CONFLICT)["code"], "duplicate");
    let not_party = sign(&app, &officer, &id, &uuid::Uuid::now_v7().to_string()).await;
    assert_eq!(
        ok(&not_party, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["party"],
        json!(["not_a_party"])
    );
    let signed = ok(
        &sign(&app, &cast.legal.1, &id, &partner_id).await,
        StatusCode::CREATED,
    );
    assert_eq!(signed["agreement"]["status"], "validation");
    let listed = ok(
        &app.get(&format!("{}/signatures", path(&id)), &cast.viewer.1)
            .await,
        StatusCode::OK,
    );
    assert_eq!(listed["total"], 2);
    assert_eq!(
        listed["items"][1]["party_name"]["en"],
        "Ministry of Education of Senegal"
    );

    // Legal Affairs validates with today's date: in force at once.
    let validation =
        json!({ "registry_number": "ICESCO-REG-2026-17", "entry_into_force_on": today() });
    let refused = app
        .post(
            &format!("{}/validation", path(&id)),
            &officer,
            validation.clone(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let incomplete = app
        .post(
            &format!("{}/validation", path(&id)),
            &cast.legal.1,
            json!({ "registry_number": "X" }),
        )
        .await;
    assert_eq!(
        ok(&incomplete, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["entry_into_force_on"],
        json!(["required"])
    );
    let active = app
        .post(
            &format!("{}/validation", path(&id)),
            &cast.legal.1,
            validation,
        )
        .await;
    let active = ok(&active, StatusCode::OK);
    assert_eq!(active["status"], "active");
    assert_eq!(active["registry_number"], "ICESCO-REG-2026-17");
    assert_eq!(active["entry_into_force_on"], today());
    assert_eq!(
        active["allowed_actions"],
        json!([]),
        "legal takes no moves by hand"
    );
    let seen_by_officer = ok(&app.get(&path(&id), &officer).await, StatusCode::OK);
    assert_eq!(
        seen_by_officer["allowed_actions"],
        json!(["suspend", "terminate", "complete"])
    );

    // Suspend and resume, with a reason for suspending.
    let no_reason = act(&app, &officer, &id, "suspend", None).await;
    assert_eq!(
        ok(&no_reason, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["reason"],
        json!(["required"])
    );
    move_to(
        &app,
        &officer,
        &id,
        "suspend",
        Some("Funding frozen pending audit."),
        "suspended",
    )
    .await;
    move_to(&app, &officer, &id, "resume", None, "active").await;

    // The signed terms are fixed; the owner, tags and confidentiality are not.
    let current = ok(&app.get(&path(&id), &officer).await, StatusCode::OK);
    let locked = app
        .patch(
            &path(&id),
            &officer,
            json!({ "ends_on": "2030-12-31", "version": current["version"] }),
        )
        .await;
    assert_eq!(
        ok(&locked, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["ends_on"],
        json!(["terms_locked"])
    );
    let tagged = app
        .patch(
            &path(&id),
            &officer,
            json!({ "tags": ["education", "teachers"], "version": current["version"] }),
        )
        .await;
    assert_eq!(
        ok(&tagged, StatusCode::OK)["tags"],
        json!(["education", "teachers"])
    );

    // An amendment: a linked record with its own cycle; once in force, its terms apply.
    let answer = app
        .post(
            &format!("{}/amendments", path(&id)),
            &officer,
            json!({ "value": { "amount": "150000.00", "currency": "USD" }, "ends_on": "2029-12-31" }),
        )
        .await;
    let amendment = ok(&answer, StatusCode::CREATED);
    assert_eq!(amendment["reference"], format!("ICESCO/ED/{year}/0001-A1"));
    assert_eq!(amendment["amends_id"], id);
    assert_eq!(amendment["amendment_no"], 1);
    assert_eq!(amendment["status"], "prospect");
    assert_eq!(amendment["title"]["en"], "Teacher training");
    let consolidated = ok(
        &app.get(&format!("{}/consolidated", path(&id)), &cast.viewer.1)
            .await,
        StatusCode::OK,
    );
    assert_eq!(consolidated["value"]["amount"], "120000.00");
    assert_eq!(consolidated["amendments"][0]["applied"], false);
    let amendment_id = amendment["id"].clone();
    drive_to_active(&app, &cast, &amendment_id, &[&partner_id]).await;
    let consolidated = ok(
        &app.get(&format!("{}/consolidated", path(&id)), &cast.viewer.1)
            .await,
        StatusCode::OK,
    );
    assert_eq!(consolidated["value"]["amount"], "150000.00");
    assert_eq!(consolidated["ends_on"], "2029-12-31");
    assert_eq!(consolidated["starts_on"], "2026-01-01");
    assert_eq!(consolidated["changed_by"]["value"], amendment_id);
    assert_eq!(
        consolidated["amendments"],
        json!([{ "id": amendment_id, "reference": format!("ICESCO/ED/{year}/0001-A1"), "status": "active",
                 "amendment_no": 1, "title": { "en": "Teacher training", "ar": "مذكرة تفاهم" }, "applied": true }])
    );
    let base = ok(&app.get(&path(&id), &officer).await, StatusCode::OK);
    assert_eq!(
        base["value"]["amount"], "120000.00",
        "the base record itself is unchanged"
    );

    // A renewal: a successor in prospect, starting the day after the (amended) end, as long.
    let answer = app
        .post(&format!("{}/renew", path(&id)), &officer, json!({}))
        .await;
    let successor = ok(&answer, StatusCode::CREATED);
    assert_eq!(successor["renews_id"], id);
    assert_eq!(successor["status"], "prospect");
    assert_eq!(successor["starts_on"], "2030-01-01");
    assert_eq!(successor["ends_on"], "2033-12-31");
    assert_eq!(successor["partner_ids"], json!([partner_id]));
    assert_eq!(successor["owner_id"], json!(cast.officer.0.id));
    assert_eq!(
        successor["objectives"]["en"],
        "Teacher training in the member states."
    );
    assert_ne!(successor["reference"], base["reference"]);
    let again = app
        .post(&format!("{}/renew", path(&id)), &officer, json!({}))
        .await;
    assert_eq!(ok(&again, StatusCode::CONFLICT)["code"], "duplicate");
    let not_in_force = app
        .post(
            &format!("{}/amendments", path(&successor["id"])),
            &officer,
            json!({}),
        )
        .await;
    let not_in_force = ok(&not_in_force, StatusCode::CONFLICT);
    assert_eq!(not_in_force["code"], "invalid_transition");
    assert_eq!(
        not_in_force["details"]["allowed"],
        json!(["start_negotiation", "withdraw"])
    );

    // Terminate, then an admin reverts the termination (a reason each time).
    move_to(
        &app,
        &officer,
        &id,
        "terminate",
        Some("The partner asked to end it."),
        "terminated",
    )
    .await;
    let officer_revert = act(&app, &officer, &id, "revert_termination", Some("Mistake")).await;
    assert_eq!(officer_revert.status, StatusCode::FORBIDDEN);
    let no_reason = act(&app, &cast.admin.1, &id, "revert_termination", None).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    move_to(
        &app,
        &cast.admin.1,
        &id,
        "revert_termination",
        Some("Terminated by mistake."),
        "active",
    )
    .await;

    // The history and the timeline tell the story in order.
    let history = ok(
        &app.get(&format!("{}/history", path(&id)), &cast.viewer.1)
            .await,
        StatusCode::OK,
    );
    assert!(history["total"].as_i64().unwrap() > 15);
    let comment = app
        .post(
            &format!("{}/comments", path(&id)),
            &cast.director.1,
            json!({ "body": "Well done, all." }),
        )
        .await;
    ok(&comment, StatusCode::CREATED);
    let timeline = ok(
        &app.get(&format!("{}/timeline", path(&id)), &officer).await,
        StatusCode::OK,
    );
    let actions: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    let order = [
        "create",
        "start_negotiation",
        "submit_for_review",
        "review_decision",
        "request_changes",
        "clear_chain",
        "sign",
        "complete_signatures",
        "validate",
        "enter_into_force",
        "suspend",
        "resume",
        "update",
        "terminate",
        "revert_termination",
        "comment",
    ];
    let mut at = 0;
    for wanted in order {
        at += actions[at..]
            .iter()
            .position(|a| *a == wanted)
            .unwrap_or_else(|| panic!("{wanted} missing after position {at} in {actions:?}"));
    }
    let times: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let suspension = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "suspend")
        .unwrap();
    assert_eq!(
        suspension["summary"],
        json!({ "from": "active", "to": "suspended", "reason": "Funding frozen pending audit." })
    );
    assert_eq!(suspension["actor_name"], "officer person");
    let last = timeline["items"].as_array().unwrap().last().unwrap();
    assert_eq!(last["kind"], "comment");
    assert_eq!(last["summary"]["body"], "Well done, all.");

    // Cycle times: days in each stage this agreement went through, and averages.
    let cycle = ok(
        &app.get(
            &format!(
                "/api/v1/metrics/cycle-times?agreement_id={}",
                id.as_str().unwrap()
            ),
            &cast.director.1,
        )
        .await,
        StatusCode::OK,
    );
    let stages: Vec<&str> = cycle["items"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        vec![
            "prospect",
            "negotiation",
            "review",
            "signature",
            "validation",
            "active",
            "suspended",
            "terminated"
        ]
    );
    assert!(cycle["items"][0]["stages"][0]["days"].is_f64());
    let by_kind = cycle["averages"]["by_kind"].as_array().unwrap();
    assert!(by_kind.iter().any(|k| k["kind"] == "mou"));
    let by_unit = cycle["averages"]["by_unit"].as_array().unwrap();
    let ed = by_unit.iter().find(|u| u["lead_unit"] == "ED").unwrap();
    let review = ed["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "review")
        .unwrap();
    assert_eq!(
        review["stays"], 3,
        "two stays of the agreement, one of the amendment"
    );
    let all = ok(
        &app.get("/api/v1/metrics/cycle-times", &cast.director.1)
            .await,
        StatusCode::OK,
    );
    assert_eq!(all["total"], 3);

    // Every change left its event, and the chain of events holds.
    let report = verify_chain(&app.db, |_, _| {}).await.unwrap();
    assert!(matches!(report, ChainReport::Whole { .. }), "{report:?}");
}

#[tokio::test]
async fn the_organization_cannot_sign_before_the_chain_is_cleared() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = &cast.officer.1;
    let partner_id = partner(&app, officer, "University of Dakar").await;
    let agreement = create(&app, officer, mou(&partner_id, "Scholarships")).await;
    let id = agreement["id"].clone();

    let too_early = sign(&app, officer, &id, "organization").await;
    assert_eq!(
        ok(&too_early, StatusCode::CONFLICT)["code"],
        "review_not_cleared"
    );
    move_to(&app, officer, &id, "start_negotiation", None, "negotiation").await;
    add_draft(&app, officer, &id, 1).await;
    move_to(&app, officer, &id, "submit_for_review", None, "review").await;
    let step = open_step(&app, &cast.technical.1, &id).await;
    ok(
        &decide(&app, &cast.technical.1, &id, &step, "cleared", None).await,
        StatusCode::OK,
    );
    let in_review = sign(&app, officer, &id, "organization").await;
    assert_eq!(
        ok(&in_review, StatusCode::CONFLICT)["code"],
        "review_not_cleared"
    );
    assert!(
        ok(
            &app.get(&format!("{}/signatures", path(&id)), officer).await,
            StatusCode::OK
        )["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Validation before signatures is not a move the drawing has.
    let validation = app
        .post(
            &format!("{}/validation", path(&id)),
            &cast.legal.1,
            json!({ "registry_number": "R-1", "entry_into_force_on": today() }),
        )
        .await;
    let validation = ok(&validation, StatusCode::CONFLICT);
    assert_eq!(validation["code"], "invalid_transition");
    assert_eq!(validation["details"]["status"], "review");

    // A rejection withdraws it.
    let step = open_step(&app, &cast.legal.1, &id).await;
    let rejected = decide(
        &app,
        &cast.legal.1,
        &id,
        &step,
        "rejected",
        Some("Outside our mandate."),
    )
    .await;
    let rejected = ok(&rejected, StatusCode::OK);
    assert_eq!(rejected["outcome"], "rejected");
    assert_eq!(rejected["agreement"]["status"], "withdrawn");
    let after = sign(&app, officer, &id, "organization").await;
    assert_eq!(
        ok(&after, StatusCode::CONFLICT)["code"],
        "invalid_transition"
    );
}

#[tokio::test]
async fn every_move_the_drawing_forbids_is_409_with_the_allowed_actions() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = &cast.officer.1;
    let partner_id = partner(&app, officer, "Ministry of Culture of Egypt").await;

    let prospect = create(&app, officer, mou(&partner_id, "In prospect")).await["id"].clone();
    let negotiation = create(&app, officer, mou(&partner_id, "In negotiation")).await["id"].clone();
    move_to(
        &app,
        officer,
        &negotiation,
        "start_negotiation",
        None,
        "negotiation",
    )
    .await;
    let review = create(&app, officer, mou(&partner_id, "In review")).await["id"].clone();
    move_to(
        &app,
        officer,
        &review,
        "start_negotiation",
        None,
        "negotiation",
    )
    .await;
    add_draft(&app, officer, &review, 1).await;
    move_to(&app, officer, &review, "submit_for_review", None, "review").await;
    let active = create(&app, officer, mou(&partner_id, "In force")).await["id"].clone();
    drive_to_active(&app, &cast, &active, &[&partner_id]).await;
    let terminated = create(&app, officer, mou(&partner_id, "Terminated")).await["id"].clone();
    drive_to_active(&app, &cast, &terminated, &[&partner_id]).await;
    move_to(
        &app,
        officer,
        &terminated,
        "terminate",
        Some("Ended early."),
        "terminated",
    )
    .await;

    for (id, status) in [
        (&prospect, AgreementStatus::Prospect),
        (&negotiation, AgreementStatus::Negotiation),
        (&review, AgreementStatus::Review),
        (&active, AgreementStatus::Active),
        (&terminated, AgreementStatus::Terminated),
    ] {
        let allowed: Vec<&str> = allowed_actions(status, Role::Officer)
            .iter()
            .map(|a| a.as_str())
            .collect();
        let before = ok(&app.get(&path(id), officer).await, StatusCode::OK);
        assert_eq!(before["allowed_actions"], json!(allowed));
        for action in Action::ALL {
            if action.target(status).is_some() && !action.is_automatic() {
                continue;
            }
            let answer = act(&app, officer, id, action.as_str(), Some("Trying.")).await;
            let body = ok(&answer, StatusCode::CONFLICT);
            assert_eq!(
                body["code"], "invalid_transition",
                "{action:?} from {status:?}"
            );
            assert_eq!(
                body["details"]["allowed"],
                json!(allowed),
                "{action:?} from {status:?}"
            );
            assert_eq!(body["details"]["status"], status.as_str());
        }
        let after = ok(&app.get(&path(id), officer).await, StatusCode::OK);
        assert_eq!(after["status"], status.as_str());
        assert_eq!(after["version"], before["version"], "nothing moved");
    }

    // Allowed arrows still need the right role: a viewer may take none.
    let viewer = act(&app, &cast.viewer.1, &prospect, "start_negotiation", None).await;
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    let viewer_body = ok(
        &act(&app, &cast.viewer.1, &prospect, "suspend", Some("x")).await,
        StatusCode::CONFLICT,
    );
    assert_eq!(viewer_body["details"]["allowed"], json!([]));
}

#[tokio::test]
async fn confidential_agreements_are_seen_only_by_those_concerned() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = &cast.officer.1;
    let other_officer = person(&app, Role::Officer, "officer2@test.accord", None).await;
    let partner_id = partner(&app, officer, "Ministry of Foreign Affairs of Jordan").await;
    let partner_user = app
        .user_with(
            Role::Partner,
            "partner@test.accord",
            Some(partner_id.parse().unwrap()),
        )
        .await;
    let partner_token = app.token_for(&partner_user).await;

    let mut secret = mou(&partner_id, "Sensitive host arrangement");
    secret["confidential"] = json!(true);
    let secret = create(&app, officer, secret).await["id"].clone();
    let open =
        create(&app, officer, mou(&partner_id, "Open exchange programme")).await["id"].clone();

    let sees = |token: String, id: Value, word: &'static str| {
        let app = &app;
        async move {
            let list = ok(&app.get("/api/v1/agreements", &token).await, StatusCode::OK);
            let search = ok(
                &app.get(&format!("/api/v1/agreements?q={word}"), &token)
                    .await,
                StatusCode::OK,
            );
            let read = app.get(&path(&id), &token).await.status;
            let in_list = list["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == id);
            let in_search = search["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == id);
            assert_eq!(in_list, read == StatusCode::OK, "list and read agree");
            assert_eq!(in_search, in_list, "search and list agree");
            if !in_list {
                assert_eq!(read, StatusCode::NOT_FOUND);
                assert_eq!(list["total"], list["items"].as_array().unwrap().len());
            }
            in_list
        }
    };

    assert!(!sees(cast.viewer.1.clone(), secret.clone(), "sensitive").await);
    assert!(sees(cast.viewer.1.clone(), open.clone(), "exchange").await);
    assert!(!sees(other_officer.1.clone(), secret.clone(), "sensitive").await);
    assert!(!sees(partner_token.clone(), secret.clone(), "sensitive").await);
    assert!(sees(partner_token.clone(), open.clone(), "exchange").await);
    assert!(
        sees(officer.clone(), secret.clone(), "sensitive").await,
        "the owner"
    );
    assert!(
        sees(cast.director.1.clone(), secret.clone(), "sensitive").await,
        "the director"
    );
    assert!(
        sees(cast.admin.1.clone(), secret.clone(), "sensitive").await,
        "admins"
    );
    assert!(
        !sees(cast.legal.1.clone(), secret.clone(), "sensitive").await,
        "not yet a reviewer"
    );
    for suffix in [
        "/reviews",
        "/comments",
        "/timeline",
        "/signatures",
        "/consolidated",
        "/history",
    ] {
        let hidden = app
            .get(&format!("{}{suffix}", path(&secret)), &cast.viewer.1)
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{suffix}");
    }
    let cycle = app
        .get(
            &format!(
                "/api/v1/metrics/cycle-times?agreement_id={}",
                secret.as_str().unwrap()
            ),
            &cast.viewer.1,
        )
        .await;
    assert_eq!(cycle.status, StatusCode::NOT_FOUND);

    // Once submitted, the reviewers of its chain see it.
    move_to(
        &app,
        officer,
        &secret,
        "start_negotiation",
        None,
        "negotiation",
    )
    .await;
    add_draft(&app, officer, &secret, 1).await;
    move_to(&app, officer, &secret, "submit_for_review", None, "review").await;
    assert!(
        sees(cast.technical.1.clone(), secret.clone(), "sensitive").await,
        "technical reviewer of the lead unit"
    );
    assert!(
        sees(cast.legal.1.clone(), secret.clone(), "sensitive").await,
        "legal reviewer"
    );
    assert!(
        !sees(
            cast.technical_elsewhere.1.clone(),
            secret.clone(),
            "sensitive"
        )
        .await,
        "another unit"
    );
    assert!(!sees(cast.viewer.1.clone(), secret.clone(), "sensitive").await);

    // Totals by status come from counters plus the reader's confidential
    // agreements: they must agree with what the reader is shown.
    let total_in_review = |token: String| {
        let app = &app;
        async move {
            let list = ok(
                &app.get("/api/v1/agreements?status=review", &token).await,
                StatusCode::OK,
            );
            assert_eq!(list["total"], list["items"].as_array().unwrap().len());
            list["total"].as_i64().unwrap()
        }
    };
    assert_eq!(total_in_review(cast.legal.1.clone()).await, 1);
    assert_eq!(total_in_review(officer.clone()).await, 1);
    assert_eq!(total_in_review(other_officer.1.clone()).await, 0);
    assert_eq!(total_in_review(cast.viewer.1.clone()).await, 0);
    assert_eq!(total_in_review(cast.director.1.clone()).await, 1);

    // Handing the agreement to another owner moves its visibility with it.
    let current = ok(&app.get(&path(&secret), officer).await, StatusCode::OK);
    let other_id = other_officer.0.id.to_string();
    let handed = app
        .patch(
            &path(&secret),
            officer,
            json!({ "owner_id": other_id, "version": current["version"] }),
        )
        .await;
    ok(&handed, StatusCode::OK);
    assert_eq!(total_in_review(other_officer.1.clone()).await, 1);
    assert!(sees(other_officer.1.clone(), secret.clone(), "sensitive").await);
    assert_eq!(total_in_review(officer.clone()).await, 0);
}

#[tokio::test]
async fn comments_come_from_any_reader_and_join_the_timeline() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = &cast.officer.1;
    let partner_id = partner(&app, officer, "Ministry of Education of Tunisia").await;
    let partner_user = app
        .user_with(
            Role::Partner,
            "tn@test.accord",
            Some(partner_id.parse().unwrap()),
        )
        .await;
    let partner_token = app.token_for(&partner_user).await;
    let id = create(&app, officer, mou(&partner_id, "Digital schools")).await["id"].clone();
    move_to(&app, officer, &id, "start_negotiation", None, "negotiation").await;
    add_draft(&app, officer, &id, 1).await;

    let comments = format!("{}/comments", path(&id));
    let first = app
        .post(
            &comments,
            &partner_token,
            json!({ "body": "We propose to extend article 3.", "version": 1 }),
        )
        .await;
    let first = ok(&first, StatusCode::CREATED);
    assert_eq!(first["version"], 1);
    assert_eq!(first["author_name"], "partner user");
    ok(
        &app.post(&comments, &cast.viewer.1, json!({ "body": "Noted." }))
            .await,
        StatusCode::CREATED,
    );
    let empty = app.post(&comments, officer, json!({ "body": "  " })).await;
    assert_eq!(
        ok(&empty, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["body"],
        json!(["required"])
    );
    let no_such = app
        .post(&comments, officer, json!({ "body": "On v9", "version": 9 }))
        .await;
    assert_eq!(
        ok(&no_such, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["version"],
        json!(["unknown_version"])
    );
    let unknown = app
        .post(&comments, officer, json!({ "body": "x", "mood": "happy" }))
        .await;
    assert_eq!(
        ok(&unknown, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["mood"],
        json!(["unknown_field"])
    );

    let listed = ok(&app.get(&comments, &partner_token).await, StatusCode::OK);
    let bodies: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec!["Noted.", "We propose to extend article 3."],
        "newest first"
    );

    // Partner users read comments but not the internal timeline, history or chain.
    for suffix in ["/timeline", "/history", "/reviews"] {
        let refused = app
            .get(&format!("{}{suffix}", path(&id)), &partner_token)
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{suffix}");
    }
    let timeline = ok(
        &app.get(&format!("{}/timeline", path(&id)), officer).await,
        StatusCode::OK,
    );
    let kinds: Vec<(&str, &str)> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds[0], ("event", "create"));
    assert_eq!(kinds[1], ("event", "start_negotiation"));
    assert_eq!(
        &kinds[kinds.len() - 2..],
        &[("comment", "comment"), ("comment", "comment")]
    );
    let history = ok(
        &app.get(&format!("{}/history", path(&id)), officer).await,
        StatusCode::OK,
    );
    assert!(
        history["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "comment")
    );
}

#[tokio::test]
async fn review_chains_are_set_per_kind_by_admins() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let default = ok(
        &app.get("/api/v1/review-chains/protocol", &cast.officer.1)
            .await,
        StatusCode::OK,
    );
    assert_eq!(default["version"], 0);
    assert_eq!(
        default["steps"][0],
        json!({ "role": "technical", "unit": "lead", "due_days": 10 })
    );
    assert_eq!(
        app.get("/api/v1/review-chains/treaty", &cast.officer.1)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let two_steps = json!({ "steps": [{ "role": "legal", "unit": "LEGAL", "due_days": 5 }, { "role": "director", "unit": "dg", "due_days": 3 }], "version": 0 });
    let refused = app
        .api(
            Method::PUT,
            "/api/v1/review-chains/protocol",
            &cast.officer.1,
            Some(two_steps.clone()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let saved = app
        .api(
            Method::PUT,
            "/api/v1/review-chains/protocol",
            &cast.admin.1,
            Some(two_steps.clone()),
        )
        .await;
    let saved = ok(&saved, StatusCode::OK);
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["steps"][1]["unit"], "DG");
    let stale = app
        .api(
            Method::PUT,
            "/api/v1/review-chains/protocol",
            &cast.admin.1,
            Some(two_steps),
        )
        .await;
    let stale = ok(&stale, StatusCode::CONFLICT);
    assert_eq!(stale["details"]["current"]["version"], 1);
    let invalid = app
        .api(
            Method::PUT,
            "/api/v1/review-chains/protocol",
            &cast.admin.1,
            Some(json!({ "steps": [{ "role": "partner", "unit": "NOPE", "due_days": 0 }], "version": 1 })),
        )
        .await;
    let fields = ok(&invalid, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"].clone();
    assert_eq!(fields["steps[0].role"], json!(["invalid_choice"]));
    assert_eq!(fields["steps[0].due_days"], json!(["out_of_range"]));

    // A protocol now goes through two steps.
    let partner_id = partner(&app, &cast.officer.1, "Ministry of Health of Mali").await;
    let mut protocol = mou(&partner_id, "Health protocol");
    protocol["kind"] = json!("protocol");
    let id = create(&app, &cast.officer.1, protocol).await["id"].clone();
    move_to(
        &app,
        &cast.officer.1,
        &id,
        "start_negotiation",
        None,
        "negotiation",
    )
    .await;
    add_draft(&app, &cast.officer.1, &id, 1).await;
    move_to(
        &app,
        &cast.officer.1,
        &id,
        "submit_for_review",
        None,
        "review",
    )
    .await;
    let chain = steps(&app, &cast.legal.1, &id).await;
    assert_eq!(chain.len(), 2);
    assert_eq!(chain[0]["role"], "legal");
    assert_eq!(chain[0]["due_days"], 5);
}

#[tokio::test]
async fn lists_filter_sort_and_page_and_refuse_unknown_values() {
    let app = TestApp::new().await;
    let cast = cast(&app).await;
    let officer = &cast.officer.1;
    let senegal = partner(&app, officer, "Ministry of Education of Senegal").await;
    let morocco = partner(&app, officer, "Ministry of Culture of Morocco").await;
    create(&app, officer, mou(&senegal, "Alpha literacy")).await;
    let mut beta = mou(&morocco, "Beta heritage");
    beta["kind"] = json!("cooperation_agreement");
    beta["lead_unit"] = json!("CC");
    beta["ends_on"] = json!("2027-06-30");
    let beta = create(&app, officer, beta).await;
    let gamma = create(&app, officer, mou(&senegal, "Gamma schools")).await;
    move_to(
        &app,
        officer,
        &gamma["id"],
        "start_negotiation",
        None,
        "negotiation",
    )
    .await;

    let titles = |answer: Value| -> Vec<String> {
        answer["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"]["en"].as_str().unwrap().to_string())
            .collect()
    };
    let get = |query: &str| {
        let app = &app;
        let url = format!("/api/v1/agreements{query}");
        async move { app.get(&url, officer).await }
    };
    let all = ok(&get("?sort=title").await, StatusCode::OK);
    assert_eq!(all["total"], 3);
    assert_eq!(
        titles(all),
        vec!["Alpha literacy", "Beta heritage", "Gamma schools"]
    );
    assert_eq!(
        titles(ok(&get("?sort=-title").await, StatusCode::OK))[0],
        "Gamma schools"
    );
    assert_eq!(
        titles(ok(&get("?status=negotiation").await, StatusCode::OK)),
        vec!["Gamma schools"]
    );
    assert_eq!(
        titles(ok(
            &get("?kind=cooperation_agreement").await,
            StatusCode::OK
        )),
        vec!["Beta heritage"]
    );
    assert_eq!(
        titles(ok(&get("?lead_unit=cc").await, StatusCode::OK)),
        vec!["Beta heritage"]
    );
    let by_partner = ok(
        &get(&format!("?partner_id={senegal}&sort=title")).await,
        StatusCode::OK,
    );
    assert_eq!(titles(by_partner), vec!["Alpha literacy", "Gamma schools"]);
    assert_eq!(
        titles(ok(&get("?ends_before=2028-01-01").await, StatusCode::OK)),
        vec!["Beta heritage"]
    );
    assert_eq!(
        ok(&get("?ends_after=2028-01-01").await, StatusCode::OK)["total"],
        2
    );
    assert_eq!(ok(&get("?country=MA").await, StatusCode::OK)["total"], 3);
    assert_eq!(
        titles(ok(&get("?q=heritage").await, StatusCode::OK)),
        vec!["Beta heritage"]
    );
    let owner = format!("?owner_id={}", cast.officer.0.id);
    assert_eq!(ok(&get(&owner).await, StatusCode::OK)["total"], 3);

    // A search's first page carries the total of all matches; the next page
    // (with a cursor) counts the same.
    let found = ok(&get("?q=a&sort=title&limit=2").await, StatusCode::OK);
    let matching = ok(&get("?q=a&sort=title&limit=200").await, StatusCode::OK);
    assert_eq!(found["total"], matching["items"].as_array().unwrap().len());
    assert_eq!(found["items"].as_array().unwrap().len(), 2);
    let cursor = found["next_cursor"].as_str().unwrap().to_string();
    let rest = ok(
        &get(&format!(
            "?q=a&sort=title&limit=2&cursor={}",
            common::urlencode(&cursor)
        ))
        .await,
        StatusCode::OK,
    );
    assert_eq!(rest["total"], found["total"]);
    assert_eq!(
        ok(&get("?q=nowhere-to-be-found").await, StatusCode::OK)["total"],
        0
    );

    let first = ok(&get("?sort=title&limit=2").await, StatusCode::OK);
    assert_eq!(first["total"], 3);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = ok(
        &get(&format!(
            "?sort=title&limit=2&cursor={}",
            common::urlencode(&cursor)
        ))
        .await,
        StatusCode::OK,
    );
    assert_eq!(titles(second.clone()), vec!["Gamma schools"]);
    assert!(second["next_cursor"].is_null());

    for (query, field, code) in [
        ("?status=signed", "status", "invalid_choice"),
        ("?kind=treaty", "kind", "invalid_choice"),
        ("?lead_unit=NOPE", "lead_unit", "unknown_unit"),
        ("?partner_id=nope", "partner_id", "invalid_id"),
        ("?sort=colour", "sort", "invalid_sort"),
        ("?ends_before=tomorrow", "ends_before", "invalid_date"),
        ("?limit=500", "limit", "out_of_range"),
        ("?colour=red", "colour", "unknown_parameter"),
    ] {
        let answer = get(query).await;
        let body = ok(&answer, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["details"]["fields"][field], json!([code]), "{query}");
    }
    let missing = get(&format!("?partner_id={}", uuid::Uuid::now_v7())).await;
    assert_eq!(
        ok(&missing, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["partner_id"],
        json!(["unknown_partner"])
    );

    // Changes: version checks, read-only fields, If-Match.
    let beta_path = path(&beta["id"]);
    let renamed = app
        .patch(
            &beta_path,
            officer,
            json!({ "title": { "en": "Beta heritage sites" }, "version": 1 }),
        )
        .await;
    assert_eq!(ok(&renamed, StatusCode::OK)["version"], 2);
    let stale = app
        .patch(&beta_path, officer, json!({ "tags": ["x"], "version": 1 }))
        .await;
    let stale = ok(&stale, StatusCode::CONFLICT);
    assert_eq!(
        stale["details"]["current"]["title"]["en"],
        "Beta heritage sites"
    );
    let status = app
        .patch(
            &beta_path,
            officer,
            json!({ "status": "active", "version": 2 }),
        )
        .await;
    assert_eq!(
        ok(&status, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"]["status"],
        json!(["read_only"])
    );
    let same_status = app
        .patch(
            &beta_path,
            officer,
            json!({ "status": "prospect", "reference": beta["reference"], "version": 2 }),
        )
        .await;
    ok(&same_status, StatusCode::OK);
    let request = Request::builder()
        .method(Method::PATCH)
        .uri(&beta_path)
        .header(header::AUTHORIZATION, format!("Bearer {officer}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, "\"3\"")
        .body(Body::from(json!({ "notice_days": 90 }).to_string()))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!(ok(&answer, StatusCode::OK)["notice_days"], 90);
    let invalid = app
        .patch(
            &beta_path,
            officer,
            json!({ "kind": "treaty", "partner_ids": [], "version": 4 }),
        )
        .await;
    let fields = ok(&invalid, StatusCode::UNPROCESSABLE_ENTITY)["details"]["fields"].clone();
    assert_eq!(fields["kind"], json!(["invalid_choice"]));
    assert_eq!(fields["partner_ids"], json!(["required"]));
    let viewer = app
        .patch(
            &beta_path,
            &cast.viewer.1,
            json!({ "tags": [], "version": 4 }),
        )
        .await;
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/agreements/not-a-uuid", officer)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
