//! Notifications and the calendar feed, as their users meet them: the list
//! and mark-as-read over the API (another user's notification is a 404) and
//! in the page with the bell; the mail the scheduler sends, caught by an SMTP
//! listener started here, in each recipient's language; the iCalendar feed,
//! read back with a real iCalendar parser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::agreement::{
    Action, AgreementFields, AgreementKind, AgreementStatus, EntryIntoForce,
};
use accord_domain::{Lang, LocalizedText, Role, values};
use accord_i18n::Tr;
use accord_jobs::Scheduler;
use accord_mail::Mailer;
use accord_store::agreements::{Agreement, insert_agreement_in, transition};
use accord_store::notifications::{self as store, NewNotification};
use accord_store::users::{self, User, UserFields};
use accord_store::{Db, now_micros};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine as _;
use common::TestApp;
use serde_json::json;
use std::sync::{Arc, Mutex};
use time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

async fn person(db: &Db, role: Role, unit: Option<&str>, email: &str, lang: Option<Lang>) -> User {
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

fn fields(title: &str, owner: Uuid) -> AgreementFields {
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

async fn agreement_in(db: &Db, fields: AgreementFields, status: AgreementStatus) -> Agreement {
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

async fn notify(db: &Db, user: Uuid, agreement: &Agreement, kind: &str, key: &str) -> bool {
    store::insert_notification(
        db,
        &NewNotification {
            user_id: user,
            kind: kind.into(),
            agreement_id: Some(agreement.id),
            key: key.into(),
            payload: json!({ "date": "2030-01-31", "days": 7 }),
        },
        now_micros(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_api_lists_and_marks_only_the_callers_notifications() {
    let app = TestApp::new().await;
    let db = &app.db;
    let me = person(
        db,
        Role::Officer,
        Some("ED"),
        "me@test.accord",
        Some(Lang::Fr),
    )
    .await;
    let other = person(db, Role::Officer, Some("ED"), "other@test.accord", None).await;
    let a = agreement_in(db, fields("Mémorandum", me.id), AgreementStatus::Active).await;
    for key in ["one", "two", "three"] {
        assert!(notify(db, me.id, &a, "expiring", key).await);
    }
    assert!(
        !notify(db, me.id, &a, "expiring", "one").await,
        "a second insert with the same key"
    );
    notify(db, other.id, &a, "in_force", "one").await;
    let token = app.token_for(&me).await;

    let list = app.get("/api/v1/notifications", &token).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    let body = list.json();
    assert_eq!(body["total"], 3);
    assert_eq!(body["unread"], 3);
    let items = body["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .all(|n| n["kind"] == "expiring" && n["agreement_id"] == a.id.to_string())
    );
    assert_eq!(items[0]["reference"], a.reference);
    assert_eq!(items[0]["title"]["en"], "Mémorandum");
    assert_eq!(items[0]["summary"], "Expiration prochaine");
    assert!(
        items[0]["message"].as_str().unwrap().contains("31 "),
        "{}",
        items[0]["message"]
    );
    assert!(items[0]["read_at"].is_null());

    // Paged, newest first, without repeats.
    let first = app
        .get("/api/v1/notifications?limit=2", &token)
        .await
        .json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get(
            &format!("/api/v1/notifications?limit=2&cursor={cursor}"),
            &token,
        )
        .await
        .json();
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_cursor"].is_null());
    let mut ids: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);

    // Another user's notification, or no notification at all, is a 404.
    let theirs = store::list_notifications(db, other.id, false, None, 10)
        .await
        .unwrap()
        .items[0]
        .id;
    let refused = app
        .post(
            &format!("/api/v1/notifications/{theirs}/read"),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(refused.json()["code"], "not_found");
    assert!(
        store::find_notification(db, other.id, theirs)
            .await
            .unwrap()
            .unwrap()
            .read_at
            .is_none()
    );
    for path in [
        "/api/v1/notifications/nope/read",
        &format!("/api/v1/notifications/{}/read", Uuid::now_v7()),
    ] {
        assert_eq!(
            app.post(path, &token, json!({})).await.status,
            StatusCode::NOT_FOUND
        );
    }

    let read = app
        .post(
            &format!("/api/v1/notifications/{}/read", ids[0]),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert!(read.json()["read_at"].is_string());
    let again = app
        .post(
            &format!("/api/v1/notifications/{}/read", ids[0]),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(again.json()["read_at"], read.json()["read_at"]);
    let unread = app
        .get("/api/v1/notifications?unread=true", &token)
        .await
        .json();
    assert_eq!(unread["total"], 2);
    assert_eq!(unread["unread"], 2);

    // Bad parameters are a 422 on their field.
    let bad = app
        .get(
            "/api/v1/notifications?unread=maybe&limit=0&colour=red",
            &token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json()["details"]["fields"]["colour"].is_array());
    let bad = app
        .get(
            "/api/v1/notifications?unread=maybe&limit=0&cursor=zz",
            &token,
        )
        .await;
    let fields = &bad.json()["details"]["fields"];
    assert!(
        fields["unread"].is_array() && fields["limit"].is_array() && fields["cursor"].is_array()
    );
}

#[tokio::test]
async fn the_page_marks_notifications_read_and_the_bell_counts_them() {
    let app = TestApp::new().await;
    let db = &app.db;
    let me = app.user(Role::Officer, "reader@test.accord").await;
    let a = agreement_in(
        db,
        fields("Cooperation in education", me.id),
        AgreementStatus::Active,
    )
    .await;
    notify(db, me.id, &a, "in_force", "x").await;
    notify(db, me.id, &a, "expiring", "y").await;
    let mut browser = app.browser("reader@test.accord").await;

    let home = app.page(&mut browser, "/partners").await.text();
    assert!(home.contains("href=\"/notifications\""), "no bell");
    assert!(
        home.contains("2 unread notifications"),
        "no unread count in the bell"
    );

    let page = app.page(&mut browser, "/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Entered into force"));
    assert!(html.contains(&format!("href=\"/agreements/{}\"", a.id)));
    assert!(html.contains("Cooperation in education"));
    let id = store::list_notifications(db, me.id, false, None, 10)
        .await
        .unwrap()
        .items[0]
        .id;
    assert!(html.contains(&format!("action=\"/notifications/{id}/read\"")));

    // Without the CSRF token the form is refused.
    let forged = app
        .form(
            &browser,
            &format!("/notifications/{id}/read"),
            &[("_csrf", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        store::find_notification(db, me.id, id)
            .await
            .unwrap()
            .unwrap()
            .read_at
            .is_none()
    );

    let done = app
        .form(
            &browser,
            &format!("/notifications/{id}/read"),
            &[("back", "/notifications")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(
        store::find_notification(db, me.id, id)
            .await
            .unwrap()
            .unwrap()
            .read_at
            .is_some()
    );
    let html = app.page(&mut browser, "/notifications").await.text();
    assert!(
        html.contains("1 unread notification<"),
        "the bell should count one"
    );

    // Another user's notification cannot be marked from the page either.
    let other = app.user(Role::Officer, "someone@test.accord").await;
    notify(db, other.id, &a, "in_force", "z").await;
    let theirs = store::list_notifications(db, other.id, false, None, 10)
        .await
        .unwrap()
        .items[0]
        .id;
    let refused = app
        .form(&browser, &format!("/notifications/{theirs}/read"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let all = app.form(&browser, "/notifications/read-all", &[]).await;
    assert_eq!(all.status, StatusCode::SEE_OTHER);
    assert_eq!(store::unread_count(db, me.id).await.unwrap(), 0);
    assert_eq!(store::unread_count(db, other.id).await.unwrap(), 1);
    let html = app.page(&mut browser, "/notifications").await.text();
    assert!(!html.contains("unread notification<"));

    // A client cannot set the bell's count itself.
    let request = Request::builder()
        .uri("/partners")
        .header(header::COOKIE, &browser.cookie)
        .header("x-accord-unread", "99")
        .body(Body::empty())
        .unwrap();
    assert!(!app.send(request).await.text().contains("99 unread"));
}

/// A message caught by the test's SMTP listener.
#[derive(Debug, Clone, Default)]
struct Caught {
    to: Vec<String>,
    data: String,
}

/// A minimal SMTP server: enough of RFC 5321 for one client sending mail.
async fn smtp_listener() -> (u16, Arc<Mutex<Vec<Caught>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let shared = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let inbox = shared.clone();
            tokio::spawn(async move {
                let _ = smtp_session(socket, inbox).await;
            });
        }
    });
    (port, inbox)
}

async fn smtp_session(socket: TcpStream, inbox: Arc<Mutex<Vec<Caught>>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test.local ESMTP ready\r\n").await?;
    let mut current = Caught::default();
    while let Some(line) = lines.next_line().await? {
        let verb = line
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-test.local\r\n250 HELP\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                current = Caught::default();
                b"250 OK\r\n"
            }
            "MAIL" => {
                current = Caught::default();
                b"250 OK\r\n"
            }
            "RCPT" => {
                let address = line
                    .split_once('<')
                    .and_then(|(_, rest)| rest.split_once('>'))
                    .map(|(a, _)| a.to_string())
                    .unwrap_or_default();
                current.to.push(address);
                b"250 OK\r\n"
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = Vec::new();
                while let Some(line) = lines.next_line().await? {
                    if line == "." {
                        break;
                    }
                    data.push(line.strip_prefix('.').map(str::to_string).unwrap_or(line));
                }
                current.data = data.join("\r\n");
                inbox.lock().unwrap().push(std::mem::take(&mut current));
                b"250 OK queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"500 unknown command\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}

/// A header of a message, unfolded, with RFC 2047 encoded words decoded.
fn header_value(data: &str, name: &str) -> Option<String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in data.split("\r\n") {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push_str(line);
            }
        } else if let Some((n, v)) = line.split_once(':') {
            headers.push((n.to_string(), v.to_string()));
        }
    }
    let raw = headers
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))?
        .1;
    // Adjacent encoded words join without the space between them (RFC 2047 §6.2).
    let mut parts: Vec<(bool, Vec<u8>)> = Vec::new();
    for token in raw.split_whitespace() {
        let pieces: Vec<&str> = token.split('?').collect();
        let decoded = if pieces.len() == 5 && pieces[0] == "=" && pieces[4] == "=" {
            if pieces[2].eq_ignore_ascii_case("b") {
                base64::engine::general_purpose::STANDARD
                    .decode(pieces[3])
                    .unwrap()
            } else {
                let text = pieces[3].replace('_', " ");
                let mut bytes = Vec::new();
                let mut chars = text.bytes();
                while let Some(b) = chars.next() {
                    if b == b'=' {
                        let hex: Vec<u8> = chars.by_ref().take(2).collect();
                        bytes.push(
                            u8::from_str_radix(std::str::from_utf8(&hex).unwrap(), 16).unwrap(),
                        );
                    } else {
                        bytes.push(b);
                    }
                }
                bytes
            }
        } else {
            parts.push((false, token.as_bytes().to_vec()));
            continue;
        };
        match parts.last_mut() {
            Some((true, bytes)) => bytes.extend(decoded),
            _ => parts.push((true, decoded)),
        }
    }
    let words: Vec<String> = parts
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    Some(words.join(" "))
}

#[tokio::test]
async fn mail_reaches_each_recipient_in_their_language() {
    let app = TestApp::new().await;
    let db = &app.db;
    let (port, inbox) = smtp_listener().await;
    let arabic = person(
        db,
        Role::Officer,
        Some("ED"),
        "amina@test.accord",
        Some(Lang::Ar),
    )
    .await;
    let english = person(db, Role::Officer, Some("ED"), "john@test.accord", None).await;
    let today = accord_store::today();
    let a = agreement_in(
        db,
        fields("Teacher training", arabic.id),
        AgreementStatus::Validation,
    )
    .await;
    accord_store::signing::record_validation(
        db,
        None,
        &a,
        Some("REG-9".into()),
        Some(values::format_date(today)),
        today - Duration::days(1),
    )
    .await
    .expect("validated");

    let mailer =
        Mailer::from_url(&format!("smtp://127.0.0.1:{port}"), "http://127.0.0.1:8080").unwrap();
    let worker = Scheduler::new(db.clone(), "ICESCO", "http://127.0.0.1:8080", Some(mailer));
    let summary = worker.run_now(today).await.unwrap().unwrap();
    assert_eq!(summary["activated"], 1, "{summary}");
    assert_eq!(summary["mailed"], 2, "{summary}");

    let caught = inbox.lock().unwrap().clone();
    assert_eq!(caught.len(), 2, "{caught:?}");
    let to_arabic = caught
        .iter()
        .find(|m| m.to == ["amina@test.accord"])
        .expect("mail to the Arabic reader");
    let subject = header_value(&to_arabic.data, "Subject").unwrap();
    let expected = Tr::new(Lang::Ar).t("notification-short-in_force");
    assert!(
        subject.contains(&expected),
        "{subject:?} lacks {expected:?}"
    );
    assert!(subject.contains(&a.reference), "{subject}");
    assert!(
        header_value(&to_arabic.data, "To")
            .unwrap()
            .contains("amina@test.accord")
    );
    assert!(
        header_value(&to_arabic.data, "Content-Type")
            .unwrap()
            .contains("text/plain")
    );
    let (_, body) = to_arabic.data.split_once("\r\n\r\n").unwrap();
    assert_eq!(
        header_value(&to_arabic.data, "Content-Transfer-Encoding").unwrap(),
        "base64"
    );
    let body = base64::engine::general_purpose::STANDARD
        .decode(body.replace("\r\n", ""))
        .unwrap();
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains(&format!("http://127.0.0.1:8080/agreements/{}", a.id)),
        "{body}"
    );
    assert!(body.contains(&Tr::new(Lang::Ar).t1(
        "notification-mail-greeting",
        "name",
        arabic.name.as_str()
    )));
    let to_english = caught
        .iter()
        .find(|m| m.to == ["john@test.accord"])
        .expect("mail to the English reader");
    let subject = header_value(&to_english.data, "Subject").unwrap();
    assert!(subject.contains("Entered into force"), "{subject}");

    // Each notification is mailed once.
    for user in [arabic.id, english.id] {
        let list = store::list_notifications(db, user, false, None, 10)
            .await
            .unwrap();
        assert!(list.items.iter().all(|n| n.mailed_at.is_some()));
    }
    let again = worker.run_now(today).await.unwrap().unwrap();
    assert_eq!(again["mailed"], 0);
    assert_eq!(inbox.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn mail_waits_while_the_relay_is_down() {
    let app = TestApp::new().await;
    let db = &app.db;
    let owner = person(db, Role::Officer, Some("ED"), "owner@test.accord", None).await;
    let a = agreement_in(db, fields("Down", owner.id), AgreementStatus::Active).await;
    notify(db, owner.id, &a, "expiring", "k").await;
    // A port nobody listens on.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::from_url(&format!("smtp://127.0.0.1:{closed}"), "http://x").unwrap();
    let worker = Scheduler::new(db.clone(), "ICESCO", "http://x", Some(mailer));
    let summary = worker
        .run_now(accord_store::today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary["mailed"], 0);
    assert_eq!(summary["mail_failed"], 1);
    let n = &store::list_notifications(db, owner.id, false, None, 10)
        .await
        .unwrap()
        .items[0];
    assert!(n.mailed_at.is_none(), "to be retried");
}

fn feed_path(url: &str) -> String {
    url.strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_string()
}

async fn fetch(app: &TestApp, path: &str) -> common::Answer {
    app.send(Request::builder().uri(path).body(Body::empty()).unwrap())
        .await
}

#[tokio::test]
async fn the_calendar_feed_parses_and_shows_the_users_dates() {
    let app = TestApp::new().await;
    let db = &app.db;
    let tech = app.user(Role::Technical, "tech@test.accord").await;
    let owner = person(db, Role::Officer, Some("ED"), "owner@test.accord", None).await;
    let today = accord_store::today();

    let reviewed = agreement_in(
        db,
        fields("Reviewed", owner.id),
        AgreementStatus::Negotiation,
    )
    .await;
    transition(
        db,
        Some(owner.id),
        reviewed.id,
        Action::SubmitForReview,
        AgreementStatus::Review,
        None,
        None,
    )
    .await
    .unwrap();
    let due = accord_store::reviews::list_steps(db, reviewed.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.is_open())
        .unwrap()
        .due_on
        .unwrap();
    let mut f = fields("Culture, science; education\\arts", owner.id);
    f.starts_on = Some(today - Duration::days(100));
    f.ends_on = Some(today + Duration::days(100));
    f.auto_renew = true;
    f.notice_days = Some(30);
    let active = agreement_in(db, f, AgreementStatus::Active).await;
    let mut f = fields("Secret", owner.id);
    f.confidential = true;
    f.ends_on = Some(today + Duration::days(50));
    let secret = agreement_in(db, f, AgreementStatus::Active).await;

    // /me makes the feed's address on first need; the profile page shows the same.
    let token = app.token_for(&tech).await;
    assert!(
        app.get("/api/v1/me", &token).await.json()["calendar_url"]
            .as_str()
            .is_some_and(|u| u.ends_with(".ics"))
    );
    let mut browser = app.browser("tech@test.accord").await;
    let profile = app.page(&mut browser, "/profile").await.text();
    let marker = "id=\"calendar-url\" type=\"url\" value=\"";
    let start = profile.find(marker).expect("calendar url on the profile") + marker.len();
    let url = profile[start..start + profile[start..].find('"').unwrap()].replace("&#x2f;", "/");
    assert!(
        url.starts_with("http://127.0.0.1:8080/calendar/") && url.ends_with(".ics"),
        "{url}"
    );
    assert_eq!(
        app.get("/api/v1/me", &token).await.json()["calendar_url"],
        url.as_str()
    );

    let answer = fetch(&app, &feed_path(&url)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = answer.text();
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "folded lines"
    );
    assert!(
        text.contains("Culture\\, science\\; education\\\\arts"),
        "escaped text"
    );
    assert!(
        !text.contains(&secret.reference),
        "a confidential agreement leaked"
    );

    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    let prop =
        |c: &icalendar::parser::Component, name: &str| c.find_prop(name).map(|p| p.val.to_string());
    let mut uids: Vec<String> = events
        .iter()
        .map(|e| prop(e, "UID").expect("UID"))
        .collect();
    assert!(
        events
            .iter()
            .all(|e| prop(e, "DTSTAMP").is_some_and(|s| s.ends_with('Z')))
    );
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    let calendar = icalendar::Calendar::from(parsed);
    use icalendar::Component as _;
    let dated = |summary_part: &str| -> Vec<String> {
        calendar
            .components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .filter(|e| e.get_summary().is_some_and(|s| s.contains(summary_part)))
            .filter_map(|e| match e.get_start() {
                Some(icalendar::DatePerhapsTime::Date(d)) => Some(d.to_string()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        dated(&format!("Review due: {}", reviewed.reference)),
        vec![due.clone()]
    );
    assert_eq!(
        dated(&format!("Expiry: {}", active.reference)),
        vec![values::format_date(today + Duration::days(100))]
    );
    assert_eq!(
        dated(&format!("Notice deadline: {}", active.reference)),
        vec![values::format_date(today + Duration::days(70))]
    );
    // The same items keep their UIDs from one fetch to the next.
    let again = fetch(&app, &feed_path(&url)).await.text();
    for uid in &uids {
        assert!(again.contains(&format!("UID:{uid}")));
    }

    // Unknown tokens, and the old token after a reset, are 404.
    assert_eq!(
        fetch(&app, "/calendar/not-a-token.ics").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        fetch(&app, "/calendar/.ics").await.status,
        StatusCode::NOT_FOUND
    );
    let token_only = feed_path(&url).trim_end_matches(".ics").to_string();
    assert_eq!(fetch(&app, &token_only).await.status, StatusCode::NOT_FOUND);
    let reset = app.form(&browser, "/profile/calendar/reset", &[]).await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert_eq!(
        fetch(&app, &feed_path(&url)).await.status,
        StatusCode::NOT_FOUND
    );
    let new_url = app.get("/api/v1/me", &token).await.json()["calendar_url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_url, url);
    assert_eq!(
        fetch(&app, &feed_path(&new_url)).await.status,
        StatusCode::OK
    );
}
