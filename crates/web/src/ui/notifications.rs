//! The notifications page (with mark-as-read buttons), the unread count of
//! the bell in the header, and the per-user iCalendar feed
//! (`/calendar/{token}.ics`, RFC 5545) with its reset button.

use crate::AppState;
use crate::auth::PageUser;
use crate::error::ApiError;
use crate::extract::CsrfForm;
use crate::i18n::Tr;
use crate::page::{Page, render};
use accord_domain::agreement::AgreementStatus;
use accord_domain::{Lang, values};
use accord_store::agreements::Reader;
use accord_store::list::Cursor;
use accord_store::notifications as store;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list_page))
        .route("/notifications/read-all", post(submit_read_all))
        .route("/notifications/{id}/read", post(submit_read))
        .route("/calendar/{file}", get(calendar_feed))
        .route("/profile/calendar/reset", post(submit_reset_calendar))
}

pub use crate::page::{UNREAD_HEADER, count_unread, unread_from};

/// A notification as the page lists it.
pub struct NotificationView {
    pub id: String,
    pub summary: String,
    pub message: String,
    pub reference: String,
    pub title: String,
    pub href: Option<String>,
    pub received: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<NotificationView>,
    total: i64,
    unread_only: bool,
    back: String,
    next_href: Option<String>,
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let here = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/notifications".into());
    let page = Page::new(&state, &current, &headers, "notifications", here.clone());
    let unread_only = query.get("unread").is_some_and(|v| v == "1");
    let cursor = query.get("cursor").and_then(|c| Cursor::decode(c));
    let list = match store::list_notifications(
        &state.db,
        current.user.id,
        unread_only,
        cursor.as_ref(),
        50,
    )
    .await
    {
        Ok(list) => list,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let tr = page.tr;
    let rows = list
        .items
        .iter()
        .map(|n| NotificationView {
            id: n.id.to_string(),
            summary: crate::mail::summary(&tr, &n.kind),
            message: crate::mail::describe(&tr, n),
            reference: n.reference.clone().unwrap_or_default(),
            title: crate::mail::title(&tr, n),
            href: n
                .agreement_id
                .map(|id| format!("/agreements/{id}"))
                .or_else(|| {
                    n.payload
                        .get("interaction_id")
                        .and_then(|v| v.as_str())
                        .map(|id| format!("/interactions/{id}"))
                }),
            received: tr.datetime(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    let next_href = list.next_cursor.map(|c| {
        let filter = if unread_only { "unread=1&" } else { "" };
        format!("/notifications?{filter}cursor={}", urlencoding::encode(&c))
    });
    render(&ListPage {
        page,
        rows,
        total: list.total,
        unread_only,
        back: here,
        next_href,
    })
}

#[derive(Deserialize)]
struct ReadForm {
    back: Option<String>,
}

/// Only the notifications page may be returned to.
fn back_to(back: Option<&str>) -> String {
    match back {
        Some(b) if b.starts_with("/notifications") && !b.contains("//") => b.to_string(),
        _ => "/notifications".into(),
    }
}

async fn submit_read(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    CsrfForm(current, form): CsrfForm<ReadForm>,
) -> Response {
    let not_found = || {
        let page = Page::new(
            &state,
            &current,
            &headers,
            "notifications",
            "/notifications".into(),
        );
        crate::page::error_page(page, StatusCode::NOT_FOUND, "not_found")
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found();
    };
    match store::mark_read(&state.db, current.user.id, id).await {
        Ok(_) => Redirect::to(&back_to(form.back.as_deref())).into_response(),
        Err(accord_store::StoreError::NotFound) => not_found(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

async fn submit_read_all(
    State(state): State<AppState>,
    CsrfForm(current, form): CsrfForm<ReadForm>,
) -> Response {
    match store::mark_all_read(&state.db, current.user.id).await {
        Ok(_) => Redirect::to(&back_to(form.back.as_deref())).into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// A form with nothing but its CSRF token (checked by the extractor).
#[derive(Deserialize)]
struct EmptyForm {}

async fn submit_reset_calendar(
    State(state): State<AppState>,
    CsrfForm(current, EmptyForm {}): CsrfForm<EmptyForm>,
) -> Response {
    match store::reset_calendar_token(&state.db, current.user.id).await {
        Ok(_) => Redirect::to("/profile#calendar").into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// The address of a user's feed.
pub fn calendar_url(base_url: &str, token: &str) -> String {
    format!("{}/calendar/{token}.ics", base_url.trim_end_matches('/'))
}

fn not_found_text() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found",
    )
        .into_response()
}

async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found_text();
    };
    let user = match store::user_by_calendar_token(&state.db, token).await {
        Ok(Some(user)) => user,
        Ok(None) => return not_found_text(),
        Err(error) => return ApiError::from(error).into_response(),
    };
    match build_feed(&state, &user).await {
        Ok(text) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"accord.ics\"",
                ),
            ],
            text,
        )
            .into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// One all-day event of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across fetches: the kind of date and the record's id.
    pub uid: String,
    pub date: Date,
    /// When the item last changed (microseconds), as `DTSTAMP`.
    pub stamp: i64,
    pub summary: String,
    pub description: String,
    pub url: Option<String>,
}

async fn build_feed(
    state: &AppState,
    user: &accord_store::users::User,
) -> accord_store::Result<String> {
    let tr = Tr::new(user.lang.unwrap_or(Lang::En));
    let base = state.config.base_url.trim_end_matches('/');
    let today = accord_store::instant(accord_store::now_micros()).date();
    let since = values::format_date(today - time::Duration::days(365));
    let reader = Reader {
        user_id: user.id,
        role: user.role,
        unit: user.unit.clone(),
        organization_id: user.organization_id,
    };
    let link = |id: &str| Some(format!("{base}/agreements/{id}"));
    let mut events = Vec::new();
    let actor = accord_domain::policy::Actor {
        user_id: user.id,
        role: user.role,
        unit: user.unit.clone(),
        organization_id: user.organization_id,
    };
    if actor.has_review_work() {
        for step in store::open_steps_for(&state.db, user.role, user.unit.as_deref()).await? {
            let Some(date) = step.due_on.as_deref().and_then(|d| values::date(d).ok()) else {
                continue;
            };
            events.push(CalendarEvent {
                uid: format!("review-{}@accord", step.step_id),
                date,
                stamp: step.opened_at.unwrap_or(0),
                summary: tr.t1("calendar-review-due", "reference", step.reference.as_str()),
                description: step.title().best(tr.lang).to_string(),
                url: link(&step.agreement_id),
            });
        }
    }
    for a in store::calendar_agreements(&state.db, &reader, &since).await? {
        let status = AgreementStatus::parse(&a.status).ok();
        let title = a.title().best(tr.lang).to_string();
        let date_of = |d: &Option<String>| d.as_deref().and_then(|d| values::date(d).ok());
        if let Some(date) = date_of(&a.entry_into_force_on) {
            events.push(CalendarEvent {
                uid: format!("entry-into-force-{}@accord", a.id),
                date,
                stamp: a.updated_at,
                summary: tr.t1(
                    "calendar-entry-into-force",
                    "reference",
                    a.reference.as_str(),
                ),
                description: title.clone(),
                url: link(&a.id),
            });
        }
        let binding = matches!(
            status,
            Some(
                AgreementStatus::Validation
                    | AgreementStatus::Active
                    | AgreementStatus::Suspended
                    | AgreementStatus::Expired
            )
        );
        if let (true, Some(ends_on)) = (binding, date_of(&a.ends_on)) {
            events.push(CalendarEvent {
                uid: format!("expiry-{}@accord", a.id),
                date: ends_on,
                stamp: a.updated_at,
                summary: tr.t1("calendar-expiry", "reference", a.reference.as_str()),
                description: title.clone(),
                url: link(&a.id),
            });
            let renewing = a.auto_renew
                && matches!(
                    status,
                    Some(AgreementStatus::Active | AgreementStatus::Suspended)
                );
            if renewing {
                let deadline = ends_on - time::Duration::days(a.notice_days.unwrap_or(0).max(0));
                events.push(CalendarEvent {
                    uid: format!("notice-deadline-{}@accord", a.id),
                    date: deadline,
                    stamp: a.updated_at,
                    summary: tr.t1(
                        "calendar-notice-deadline",
                        "reference",
                        a.reference.as_str(),
                    ),
                    description: title,
                    url: link(&a.id),
                });
            }
        }
    }
    for s in store::calendar_signatures(&state.db, &reader, &since).await? {
        let Ok(date) = values::date(&s.signed_on) else {
            continue;
        };
        let mut description = s.signatory.clone();
        if let Some(place) = s.place.as_deref().filter(|p| !p.is_empty()) {
            description.push_str(" — ");
            description.push_str(place);
        }
        events.push(CalendarEvent {
            uid: format!("signature-{}@accord", s.id),
            date,
            stamp: s.recorded_at,
            summary: tr.t1("calendar-signature", "reference", s.reference.as_str()),
            description,
            url: link(&s.agreement_id),
        });
    }
    if actor.can_use_staff_pages() {
        let follow_ups = accord_store::interactions::list_follow_ups(
            &state.db,
            &reader,
            &accord_store::interactions::FollowUpFilter {
                owner_id: Some(user.id),
                open_only: true,
                ..Default::default()
            },
            500,
        )
        .await?;
        for f in follow_ups {
            let Some(date) = f.due_on else { continue };
            events.push(CalendarEvent {
                uid: format!("follow-up-{}@accord", f.id),
                date,
                stamp: f.updated_at,
                summary: tr.t1("calendar-follow-up", "action", f.action.as_str()),
                description: f.subject.clone(),
                url: Some(format!("{base}/interactions/{}", f.interaction_id)),
            });
        }
    }
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    let name = tr.t1("calendar-name", "name", user.name.as_str());
    Ok(ics(&name, &events))
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character (§3.1), and
/// ends it with CRLF.
pub fn fold_line(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(micros: i64) -> String {
    let at = accord_store::instant(micros);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn ics_date(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A whole calendar of all-day events.
pub fn ics(name: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_line(&text, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Accord//Partnerships//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&e.uid)));
        line(format!("DTSTAMP:{}", stamp(e.stamp)));
        line(format!("DTSTART;VALUE=DATE:{}", ics_date(e.date)));
        let end = e.date.next_day().unwrap_or(e.date);
        line(format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        line(format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if let Some(url) = &e.url {
            line(format!("URL:{url}"));
        }
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        assert_eq!(escape_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "اتفاقية ".repeat(20));
        fold_line(&long, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }
}
