//! The page of one agreement (`GET /agreements/{id}`) and the forms on it:
//! the lifecycle stepper with the moves the reader may make, the review chain
//! with the decision form of the open step, the drafts, the signatures per
//! party, the validation by Legal Affairs, the comments and the timeline.
//!
//! Every form posts to its own route, checks the CSRF token and the rules of
//! the domain and the store, then redirects back to the page with a notice, or
//! shows the page again with what went wrong next to the form (and in a
//! summary at the top that links to it).

use crate::AppState;
use crate::api::attachments::{document_file, may_add_documents, store_document};
use crate::api::drafts::read_upload;
use crate::auth::{CurrentUser, PageUser};
use crate::documents::MAX_UPLOAD_BODY;
use crate::extract::{CsrfForm, Visible};
use crate::forms::{FormError, FormErrors, opt};
use crate::i18n::Tr;
use crate::page::csrf_failed;
use crate::page::{Page, error_page, render_status};
use crate::ui::drafts::upload_field_errors;
use accord_app::AppError;
use accord_app::agreements::{self as uc, DecisionInput, TransitionInput};
use accord_domain::agreement::{Action, AgreementStatus, Money};
use accord_domain::{FieldErrors, Lang, LocalizedText, values};
use accord_store::agreements::{self, Agreement, Reader, StageRow};
use accord_store::attachments::{self, AgreementDocument, Purpose};
use accord_store::audit::{self, EventRow};
use accord_store::drafts::{self, Direction, DraftVersion};
use accord_store::reviews::{self, Outcome, StepRow};
use accord_store::signing::{self, METHODS, ORGANIZATION, SignatureInput};
use accord_store::{StoreError, comments, partners, units, users};
use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements/{id}", get(show_page))
        .route("/agreements/{id}/transition", post(submit_transition))
        .route("/agreements/{id}/reviews/{step_id}", post(submit_decision))
        .route("/agreements/{id}/signatures", post(submit_signature))
        .route("/agreements/{id}/validation", post(submit_validation))
        .route("/agreements/{id}/comments", post(submit_comment))
        .route(
            "/agreements/{id}/documents",
            post(submit_document).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/agreements/{id}/documents/{document_id}/file",
            get(download_document),
        )
}

/// The stages of the stepper, in order; the last one stands for "in force".
const STAGES: [AgreementStatus; 6] = [
    AgreementStatus::Prospect,
    AgreementStatus::Negotiation,
    AgreementStatus::Review,
    AgreementStatus::Signature,
    AgreementStatus::Validation,
    AgreementStatus::Active,
];

/// How many audit events the timeline shows.
const TIMELINE_LIMIT: i64 = 300;

fn reader(current: &CurrentUser) -> Reader {
    current.actor()
}

fn page_for(state: &AppState, current: &CurrentUser, headers: &HeaderMap, id: &str) -> Page {
    Page::new(
        state,
        current,
        headers,
        "agreements",
        format!("/agreements/{id}"),
    )
}

fn store_error(page: Page, error: StoreError) -> Response {
    match error {
        StoreError::NotFound => error_page(page, StatusCode::NOT_FOUND, "not_found"),
        other => crate::error::ApiError::from(other).into_response(),
    }
}

/// A use case's refusal that no form shows: the error page with its status.
fn app_error(page: Page, error: AppError) -> Response {
    let api = crate::error::ApiError::from(error);
    if api.status.is_server_error() {
        return api.into_response();
    }
    error_page(page, api.status, api.code)
}

/// The agreement if the reader may see it; `NotFound` otherwise (also for a malformed id).
async fn load_visible(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<Agreement, StoreError> {
    let id = Uuid::parse_str(id).map_err(|_| StoreError::NotFound)?;
    if !agreements::can_read(&state.db, &current.actor(), id).await? {
        return Err(StoreError::NotFound);
    }
    agreements::find_agreement(&state.db, id)
        .await?
        .ok_or(StoreError::NotFound)
}

fn redirect(agreement: &Agreement, notice: &str, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/agreements/{}?notice={notice}#{anchor}",
        agreement.id
    ))
    .into_response()
}

// ---------------------------------------------------------------------------
// What a failed form leaves behind
// ---------------------------------------------------------------------------

/// Problems of the form just sent, and what the user typed, to show again.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// Messages with the id of the control (or section) they are about.
    pub errors: FormErrors,
    /// The values typed, by control id.
    pub values: HashMap<String, String>,
}

impl Problems {
    fn new() -> Self {
        Self::default()
    }

    /// A message about a control or a section (`target` is its id).
    fn add(&mut self, target: &str, label: String, message: String) {
        self.errors.items.push(FormError {
            field: target.to_string(),
            label,
            message,
        });
    }

    /// Field errors from the store, with `prefix` before each field to make control ids.
    fn add_fields(&mut self, tr: &Tr, errors: &FieldErrors, prefix: &str) {
        let fields = FormErrors::from_fields(tr, errors, |f| {
            format!("{prefix}{}", f.split(['[', '.']).next().unwrap_or(f))
        });
        self.errors.items.extend(fields.items);
    }

    fn keep(&mut self, id: &str, value: &str) {
        self.values.insert(id.to_string(), value.to_string());
    }

    /// What the user typed in a control (empty when nothing).
    pub fn value(&self, id: &str) -> &str {
        self.values.get(id).map(String::as_str).unwrap_or("")
    }

    /// The message of a control, if any.
    pub fn error(&self, id: &str) -> Option<String> {
        self.errors.get(id)
    }

    /// True when a control has a message.
    pub fn has(&self, id: &str) -> bool {
        self.errors.has(id)
    }

    /// True when any message starts with `prefix` (to open the right `<details>`).
    pub fn any(&self, prefix: &str) -> bool {
        self.errors
            .items
            .iter()
            .any(|e| e.field.starts_with(prefix))
    }
}

// ---------------------------------------------------------------------------
// View models
// ---------------------------------------------------------------------------

/// A link to another agreement.
pub struct LinkView {
    pub href: String,
    pub reference: String,
    pub title: String,
    pub status_code: String,
    pub status: String,
}

/// One stage of the stepper.
pub struct StageView {
    pub code: &'static str,
    pub label: String,
    /// `done`, `current` or `todo`.
    pub state: &'static str,
    /// The state said in words (for screen readers and forced colours).
    pub state_label: String,
}

/// A move the reader may make now.
pub struct ActionView {
    pub code: String,
    pub label: String,
    pub needs_reason: bool,
    /// Moves that stop or go back are shown as dangerous.
    pub danger: bool,
    pub hint: String,
}

/// One review step.
pub struct StepView {
    pub id: String,
    pub number: i64,
    pub role: String,
    pub unit: String,
    pub due: String,
    pub due_iso: String,
    pub overdue: bool,
    /// `open`, `waiting`, `voided`, or the decision's code.
    pub state: String,
    pub state_label: String,
    pub comment: String,
    pub who: String,
    pub when: String,
    pub when_iso: String,
    pub can_decide: bool,
}

/// One submission's chain.
pub struct CycleView {
    pub number: i64,
    pub latest: bool,
    pub summary: String,
    pub steps: Vec<StepView>,
}

/// One draft version.
pub struct DraftView {
    pub number: i64,
    pub round: i64,
    pub direction: String,
    pub author: String,
    pub when: String,
    pub when_iso: String,
    pub note: String,
    pub filename: String,
    pub size: String,
}

/// A recorded signature.
pub struct SignatureView {
    pub signatory: String,
    pub capacity: String,
    pub date: String,
    pub place: String,
    pub method: String,
    /// The signed copy's download link and name, when one was kept.
    pub copy: Option<(String, String)>,
}

/// A document kept with the agreement (signed copy, termination notice…).
pub struct DocumentView {
    pub href: String,
    pub purpose: String,
    pub filename: String,
    pub size: String,
    pub uploader: String,
    pub when: String,
    pub when_iso: String,
    pub note: String,
}

/// One party and its signature.
pub struct PartyView {
    pub key: String,
    pub name: String,
    pub href: String,
    pub signature: Option<SignatureView>,
}

/// A comment.
pub struct CommentView {
    pub author: String,
    pub when: String,
    pub when_iso: String,
    pub body: String,
    pub version: Option<i64>,
}

/// An option of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One line of an event's details.
pub struct EventLine {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One event of the timeline.
pub struct EventView {
    pub iso: String,
    pub when: String,
    pub actor: String,
    pub action: String,
    /// True when the event has a "before" state (a change), false for a record of something done.
    pub has_before: bool,
    pub lines: Vec<EventLine>,
}

/// Days spent in one stage.
pub struct StageTime {
    pub label: String,
    pub days: String,
    pub stays: i64,
    pub current: bool,
}

/// A term as the amendments in force left it.
pub struct TermView {
    pub label: String,
    pub value: String,
    pub lang: String,
    /// The amendment that set it (empty: the original terms).
    pub source: String,
    pub source_href: String,
}

/// The facts of the header.
pub struct FactView {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "agreements/show.html")]
struct ShowPage {
    page: Page,
    id: String,
    version: i64,
    reference: String,
    title: String,
    title_lang: String,
    other_titles: Vec<(String, String)>,
    status_code: String,
    status: String,
    kind: String,
    confidential: bool,
    facts: Vec<FactView>,
    parties_names: Vec<(String, String)>,
    objectives: String,
    objectives_lang: String,
    tags: Vec<String>,
    registry_number: String,
    entry_into_force_on: String,
    parent: Option<LinkView>,
    amends: Option<LinkView>,
    renews: Option<LinkView>,
    amendments: Vec<LinkView>,
    renewals: Vec<LinkView>,
    consolidated: Vec<TermView>,
    can_edit: bool,
    stages: Vec<StageView>,
    stage_note: String,
    actions: Vec<ActionView>,
    show_chain: bool,
    cycles: Vec<CycleView>,
    drafts: Vec<DraftView>,
    can_upload: bool,
    compare_from: Vec<Choice>,
    compare_to: Vec<Choice>,
    parties: Vec<PartyView>,
    documents: Vec<DocumentView>,
    can_add_documents: bool,
    purposes: Vec<Choice>,
    signed_copies: Vec<Choice>,
    sign_form: bool,
    sign_explanation: String,
    unsigned: Vec<Choice>,
    methods: Vec<Choice>,
    validation_form: bool,
    today_iso: String,
    comments: Vec<CommentView>,
    comment_versions: Vec<Choice>,
    show_timeline: bool,
    timeline: Vec<EventView>,
    stage_times: Vec<StageTime>,
    problems: Problems,
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

fn money(tr: &Tr, m: &Money) -> String {
    let decimal = if tr.lang == Lang::Fr { ',' } else { '.' };
    format!(
        "{}{decimal}{:02} {}",
        tr.num(m.minor / 100),
        m.minor % 100,
        m.currency_code()
    )
}

fn status_label(tr: &Tr, status: &str) -> String {
    tr.label("agreement-status", status)
}

/// The text in the reader's language, else the best one, with its language code.
fn in_lang(text: &LocalizedText, lang: Lang) -> (String, String) {
    if let Some(t) = text.get(lang) {
        return (t.to_string(), lang.code().to_string());
    }
    for other in [Lang::En, Lang::Fr, Lang::Ar] {
        if let Some(t) = text.get(other) {
            return (t.to_string(), other.code().to_string());
        }
    }
    (String::new(), lang.code().to_string())
}

fn file_size(tr: &Tr, bytes: i64) -> String {
    if bytes < 1024 {
        tr.tn("agreement-page-bytes", "count", bytes)
    } else {
        tr.tn("agreement-page-kilobytes", "count", (bytes + 1023) / 1024)
    }
}

fn link_view(tr: &Tr, a: &Agreement) -> LinkView {
    LinkView {
        href: format!("/agreements/{}", a.id),
        reference: a.reference.clone(),
        title: a.fields.title.best(tr.lang).to_string(),
        status_code: a.status.as_str().to_string(),
        status: status_label(tr, a.status.as_str()),
    }
}

async fn visible_link(
    state: &AppState,
    who: &Reader,
    tr: &Tr,
    id: Option<Uuid>,
) -> Result<Option<LinkView>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    if !agreements::can_read(&state.db, who, id).await? {
        return Ok(None);
    }
    Ok(agreements::find_agreement(&state.db, id)
        .await?
        .map(|a| link_view(tr, &a)))
}

/// The stepper: stages before the current one are done; after a withdrawal,
/// the stages the agreement went through are done and none is current.
fn stepper(tr: &Tr, status: AgreementStatus, reached: &[String]) -> (Vec<StageView>, String) {
    use AgreementStatus as S;
    let current = match status {
        S::Active | S::Suspended => Some(5),
        S::Expired | S::Completed | S::Terminated => Some(STAGES.len()),
        S::Withdrawn => None,
        other => STAGES.iter().position(|s| *s == other),
    };
    let stages = STAGES
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let state = match current {
                Some(c) if i < c => "done",
                Some(c) if i == c => "current",
                Some(_) => "todo",
                None if reached.iter().any(|r| r == stage.as_str()) => "done",
                None => "todo",
            };
            StageView {
                code: stage.as_str(),
                label: status_label(tr, stage.as_str()),
                state,
                state_label: tr.t(&format!("agreement-page-stage-{state}")),
            }
        })
        .collect();
    let note = match status {
        S::Suspended | S::Expired | S::Completed | S::Terminated | S::Withdrawn => {
            tr.t(&format!("agreement-page-stage-note-{}", status.as_str()))
        }
        _ => String::new(),
    };
    (stages, note)
}

fn action_view(tr: &Tr, action: Action, has_draft: bool) -> ActionView {
    let danger = matches!(
        action,
        Action::Withdraw | Action::Terminate | Action::Suspend | Action::RecallFromReview
    );
    let hint = match action {
        Action::SubmitForReview if !has_draft => tr.t("agreement-page-hint-no-draft"),
        a if a.needs_reason() => tr.t("agreement-page-hint-reason"),
        _ => String::new(),
    };
    ActionView {
        code: action.as_str().to_string(),
        label: tr.label("agreement-action", action.as_str()),
        needs_reason: action.needs_reason(),
        danger,
        hint,
    }
}

fn unit_name(names: &HashMap<String, String>, code: &str) -> String {
    names.get(code).cloned().unwrap_or_else(|| code.to_string())
}

fn step_view(
    tr: &Tr,
    step: &StepRow,
    unit_names: &HashMap<String, String>,
    current: &CurrentUser,
    status: AgreementStatus,
    today: Date,
) -> StepView {
    let due = step.due_on.as_deref().and_then(|d| values::date(d).ok());
    let open = step.is_open();
    let state = if step.voided {
        "voided".to_string()
    } else if let Some(decision) = &step.decision {
        decision.clone()
    } else if open {
        "open".to_string()
    } else {
        "waiting".to_string()
    };
    let state_label = match state.as_str() {
        "voided" | "open" | "waiting" => tr.t(&format!("agreement-page-step-{state}")),
        code => tr.label("decision", code),
    };
    StepView {
        id: step.id.clone(),
        number: step.position + 1,
        role: tr.label("role", &step.role),
        unit: step
            .unit
            .as_deref()
            .map(|u| unit_name(unit_names, u))
            .unwrap_or_else(|| tr.t("agreement-page-any-unit")),
        due: due.map(|d| tr.format_date(d)).unwrap_or_default(),
        due_iso: due.map(values::format_date).unwrap_or_default(),
        overdue: open && due.is_some_and(|d| d < today),
        state,
        state_label,
        comment: step.comment.clone().unwrap_or_default(),
        who: step.decided_by_name.clone().unwrap_or_default(),
        when: step.decided_at.map(|t| tr.datetime(t)).unwrap_or_default(),
        when_iso: step
            .decided_at
            .map(accord_store::rfc3339)
            .unwrap_or_default(),
        can_decide: open
            && status == AgreementStatus::Review
            && step.is_assignee(current.user.role, current.user.unit.as_deref()),
    }
}

fn cycles(
    tr: &Tr,
    steps: &[StepRow],
    unit_names: &HashMap<String, String>,
    current: &CurrentUser,
    status: AgreementStatus,
    today: Date,
) -> Vec<CycleView> {
    let mut numbers: Vec<i64> = steps.iter().map(|s| s.cycle).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let latest = numbers.last().copied();
    numbers
        .iter()
        .rev()
        .map(|number| {
            let rows: Vec<&StepRow> = steps.iter().filter(|s| s.cycle == *number).collect();
            let views: Vec<StepView> = rows
                .iter()
                .map(|s| step_view(tr, s, unit_names, current, status, today))
                .collect();
            let cleared = views.iter().filter(|s| s.state == "cleared").count() as i64;
            let outcome = views
                .iter()
                .find(|s| s.state == "changes_requested" || s.state == "rejected")
                .map(|s| s.state_label.clone());
            let summary = match outcome {
                Some(outcome) => outcome,
                None if views.iter().all(|s| s.state == "cleared") => {
                    tr.t("agreement-page-cycle-cleared")
                }
                None if views.iter().all(|s| s.state != "open") => {
                    tr.t("agreement-page-cycle-voided")
                }
                None => tr.targs(
                    "agreement-page-cycle-progress",
                    &[
                        ("cleared", tr.num(cleared)),
                        ("total", tr.num(views.len() as i64)),
                    ],
                ),
            };
            CycleView {
                number: *number,
                latest: Some(*number) == latest,
                summary,
                steps: views,
            }
        })
        .collect()
}

fn draft_view(tr: &Tr, d: &DraftVersion) -> DraftView {
    DraftView {
        number: d.number,
        round: d.round,
        direction: tr.label("agreement-page-direction", d.direction.as_str()),
        author: d.author_name.clone().unwrap_or_default(),
        when: tr.datetime(d.created_at),
        when_iso: accord_store::rfc3339(d.created_at),
        note: d.note.clone().unwrap_or_default(),
        filename: d.filename.clone(),
        size: file_size(tr, d.size),
    }
}

/// Terms after the amendments in force (active, completed or expired), applied
/// in the order they were made: an amendment's end date, value and objectives
/// replace the earlier ones when it has them. The title stays the original's:
/// an amendment's own title names the amendment ("Amendment 1 to …"), and
/// there is no separate field for a new title of the agreement.
fn consolidate(tr: &Tr, base: &Agreement, amendments: &[Agreement]) -> Vec<TermView> {
    let mut applied: Vec<&Agreement> = amendments
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                AgreementStatus::Active | AgreementStatus::Completed | AgreementStatus::Expired
            )
        })
        .collect();
    if applied.is_empty() {
        return Vec::new();
    }
    applied.sort_by_key(|a| (a.created_at, a.id));
    let lang = tr.lang;
    let mut ends = (base.fields.ends_on, None::<&Agreement>);
    let mut value = (base.fields.value, None::<&Agreement>);
    let mut objectives = (base.fields.objectives.clone(), None::<&Agreement>);
    for a in applied {
        if a.fields.ends_on.is_some() {
            ends = (a.fields.ends_on, Some(a));
        }
        if a.fields.value.is_some() {
            value = (a.fields.value, Some(a));
        }
        if !a.fields.objectives.is_empty() {
            objectives = (a.fields.objectives.clone(), Some(a));
        }
    }
    let source = |a: Option<&Agreement>| match a {
        Some(a) => (a.reference.clone(), format!("/agreements/{}", a.id)),
        None => (String::new(), String::new()),
    };
    let none = tr.t("agreement-page-not-set");
    let mut terms = Vec::new();
    let (s, h) = source(ends.1);
    terms.push(TermView {
        label: tr.t("field-ends-on"),
        value: ends.0.map(|d| tr.format_date(d)).unwrap_or(none.clone()),
        lang: lang.code().into(),
        source: s,
        source_href: h,
    });
    let (s, h) = source(value.1);
    terms.push(TermView {
        label: tr.t("field-value"),
        value: value.0.map(|m| money(tr, &m)).unwrap_or(none.clone()),
        lang: lang.code().into(),
        source: s,
        source_href: h,
    });
    let (text, text_lang) = in_lang(&objectives.0, lang);
    let (s, h) = source(objectives.1);
    terms.push(TermView {
        label: tr.t("field-objectives"),
        value: if text.is_empty() { none } else { text },
        lang: text_lang,
        source: s,
        source_href: h,
    });
    terms
}

/// Days per stage, in the order the stages were first entered.
fn stage_times(tr: &Tr, rows: &[StageRow], now: i64) -> Vec<StageTime> {
    let mut out: Vec<(String, i64, i64, bool)> = Vec::new();
    for row in rows {
        let spent = row.left_at.unwrap_or(now) - row.entered_at;
        match out.iter_mut().find(|(s, ..)| *s == row.status) {
            Some(entry) => {
                entry.1 += spent;
                entry.2 += 1;
                entry.3 |= row.left_at.is_none();
            }
            None => out.push((row.status.clone(), spent, 1, row.left_at.is_none())),
        }
    }
    out.into_iter()
        .map(|(status, micros, stays, current)| {
            let days = micros.max(0) / 86_400_000_000;
            StageTime {
                label: status_label(tr, &status),
                days: if days == 0 {
                    tr.t("agreement-page-less-than-a-day")
                } else {
                    tr.tn("agreement-page-days", "count", days)
                },
                stays,
                current,
            }
        })
        .collect()
}

/// Turns a value of an event into words, knowing which field it belongs to.
fn event_value(tr: &Tr, names: &HashMap<String, String>, field: &str, value: &Value) -> String {
    let text = match value {
        Value::Null => return "—".into(),
        Value::String(s) if s.is_empty() => return "—".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => {
            return tr.t(if *b {
                "agreement-page-yes"
            } else {
                "agreement-page-no"
            });
        }
        Value::Array(items) if items.is_empty() => return "—".into(),
        Value::Array(items) => {
            return items
                .iter()
                .map(|v| event_value(tr, names, field, v))
                .collect::<Vec<_>>()
                .join(", ");
        }
        Value::Object(map) if field == "value" => {
            let amount = map.get("amount").and_then(Value::as_str).unwrap_or("");
            let currency = map.get("currency").and_then(Value::as_str).unwrap_or("");
            return format!("{amount} {currency}");
        }
        Value::Object(_) => {
            return serde_json::from_value::<LocalizedText>(value.clone())
                .map(|t| t.best(tr.lang).to_string())
                .unwrap_or_else(|_| value.to_string());
        }
        other => other.to_string(),
    };
    match field {
        "status" => status_label(tr, &text),
        "kind" => tr.label("agreement-kind", &text),
        "action" => tr.label("agreement-action", &text),
        "decision" => tr.label("decision", &text),
        "method" => tr.label("signature-method", &text),
        "entry_into_force" => tr.label("entry-into-force", &text),
        "role" => tr.label("role", &text),
        "direction" => tr.label("agreement-page-direction", &text),
        "party" | "partner_ids" | "owner_id" | "unit" | "lead_unit" => {
            names.get(&text).cloned().unwrap_or(text)
        }
        _ => text,
    }
}

/// Fields of events that only tie records together, or repeat the event's own name.
const HIDDEN_EVENT_FIELDS: [&str; 5] = ["step_id", "comment_id", "sha256", "id", "action"];

fn event_view(tr: &Tr, names: &HashMap<String, String>, e: &EventRow) -> EventView {
    let parse = |s: Option<&str>| {
        s.and_then(|s| serde_json::from_str::<Value>(s).ok())
            .unwrap_or(Value::Null)
    };
    let before = parse(e.before_state.as_deref());
    let after = parse(e.after_state.as_deref());
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let null = Value::Null;
    let lines = keys
        .into_iter()
        .filter(|k| !HIDDEN_EVENT_FIELDS.contains(&k.as_str()))
        .filter(|k| b.get(*k).unwrap_or(&null) != a.get(*k).unwrap_or(&null))
        .filter(|k| !(e.before_state.is_none() && a.get(*k).is_none_or(Value::is_null)))
        .map(|k| EventLine {
            field: tr
                .try_t(&format!("field-{}", k.replace('_', "-")))
                .unwrap_or_else(|| k.clone()),
            before: event_value(tr, names, k, b.get(k).unwrap_or(&null)),
            after: event_value(tr, names, k, a.get(k).unwrap_or(&null)),
        })
        .collect();
    // A decision says which one it was.
    let specific = match (e.action.as_str(), a.get("decision").and_then(Value::as_str)) {
        ("review_decision", Some(decision)) => format!("review_decision-{decision}"),
        _ => e.action.clone(),
    };
    let action = tr
        .try_t(&format!("agreement-page-event-{specific}"))
        .or_else(|| tr.try_t(&format!("agreement-page-event-{}", e.action)))
        .or_else(|| tr.try_t(&format!("agreement-action-{}", e.action)))
        .unwrap_or_else(|| tr.label("action", &e.action));
    EventView {
        iso: accord_store::rfc3339(e.at),
        when: tr.datetime(e.at),
        actor: e
            .actor_name
            .clone()
            .unwrap_or_else(|| tr.t("history-system")),
        action,
        has_before: e.before_state.is_some(),
        lines,
    }
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id)
        .with_notice(query.get("notice").map(String::as_str));
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    show(
        &state,
        &current,
        page,
        agreement,
        Problems::new(),
        StatusCode::OK,
    )
    .await
}

/// Renders the page, with the problems of a form just sent.
async fn show(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    agreement: Agreement,
    problems: Problems,
    status: StatusCode,
) -> Response {
    match build(state, current, page.clone(), agreement, problems).await {
        Ok(template) => render_status(status, &template),
        Err(e) => store_error(page, e),
    }
}

async fn build(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    a: Agreement,
    problems: Problems,
) -> Result<ShowPage, StoreError> {
    let db = &state.db;
    let tr = page.tr;
    let who = reader(current);
    let role = current.user.role;
    let actor = current.actor();
    let staff = role.is_staff();
    let today = accord_store::today();
    let now = accord_store::now_micros();

    // Names of the people, units and partners the page mentions.
    let mut names: HashMap<String, String> = HashMap::new();
    let all_units = units::list_units(db).await?;
    let unit_names: HashMap<String, String> = all_units
        .iter()
        .map(|u| (u.code.clone(), u.name().best(tr.lang).to_string()))
        .collect();
    names.extend(unit_names.clone());
    let party_rows = partners::find_partners(db, &a.fields.partner_ids).await?;
    let party_names: Vec<(String, String)> = party_rows
        .iter()
        .map(|p| (p.id.to_string(), p.fields.name.best(tr.lang).to_string()))
        .collect();
    names.extend(party_names.iter().cloned());
    let organization = tr.t1("agreement-page-organization-party", "org", &page.org);
    names.insert(ORGANIZATION.into(), organization.clone());
    let owner = match a.fields.owner_id {
        Some(owner) => users::find_user(db, owner).await?,
        None => None,
    };
    if let Some(owner) = &owner {
        names.insert(owner.id.to_string(), owner.name.clone());
    }

    // Header.
    let (title, title_lang) = in_lang(&a.fields.title, tr.lang);
    let other_titles = Lang::ALL
        .iter()
        .filter(|l| l.code() != title_lang)
        .filter_map(|l| {
            a.fields
                .title
                .get(*l)
                .map(|t| (l.code().to_string(), t.to_string()))
        })
        .collect();
    let (objectives, objectives_lang) = in_lang(&a.fields.objectives, tr.lang);
    let none = tr.t("agreement-page-not-set");
    let mut facts = vec![
        FactView {
            label: tr.t("field-lead-unit"),
            value: unit_name(&unit_names, &a.fields.lead_unit),
        },
        FactView {
            label: tr.t("field-owner-id"),
            value: owner
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-starts-on"),
            value: a
                .fields
                .starts_on
                .map(|d| tr.format_date(d))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-ends-on"),
            value: a
                .fields
                .ends_on
                .map(|d| tr.format_date(d))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-value"),
            value: a
                .fields
                .value
                .map(|m| money(&tr, &m))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-entry-into-force"),
            value: tr.label("entry-into-force", a.fields.entry_into_force.as_str()),
        },
        FactView {
            label: tr.t("field-auto-renew"),
            value: if a.fields.auto_renew {
                match a.fields.notice_days {
                    Some(days) => tr.tn("agreement-page-renews-with-notice", "count", days),
                    None => tr.t("agreement-page-yes"),
                }
            } else {
                tr.t("agreement-page-no")
            },
        },
    ];
    if !a.fields.auto_renew
        && let Some(days) = a.fields.notice_days
    {
        facts.push(FactView {
            label: tr.t("field-notice-days"),
            value: tr.tn("agreement-page-days", "count", days),
        });
    }

    // Links.
    let parent = visible_link(state, &who, &tr, a.fields.parent_id).await?;
    let amends = visible_link(state, &who, &tr, a.fields.amends_id).await?;
    let renews = visible_link(state, &who, &tr, a.fields.renews_id).await?;
    let mut amendment_rows = Vec::new();
    for id in comments::amendment_ids(db, a.id).await? {
        if agreements::can_read(db, &who, id).await?
            && let Some(found) = agreements::find_agreement(db, id).await?
        {
            amendment_rows.push(found);
        }
    }
    let mut renewals = Vec::new();
    for (id, _) in comments::successor_ids(db, a.id).await? {
        if let Some(link) = visible_link(state, &who, &tr, Some(id)).await? {
            renewals.push(link);
        }
    }
    let consolidated = consolidate(&tr, &a, &amendment_rows);
    let amendments = amendment_rows.iter().map(|x| link_view(&tr, x)).collect();

    // Drafts.
    let versions: Vec<DraftVersion> = drafts::list_versions(db, a.id)
        .await?
        .into_iter()
        .filter(|d| staff || d.direction != Direction::Internal)
        .collect();
    let has_draft = !versions.is_empty();
    let newest = versions.iter().map(|d| d.number).max().unwrap_or(0);
    let version_choice = |n: i64, selected: bool| Choice {
        value: n.to_string(),
        label: tr.t1("agreement-page-version-n", "number", n),
        selected,
    };
    let compare_from = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number == newest - 1))
        .collect();
    let compare_to = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number == newest))
        .collect();
    let chosen_version = problems.value("comment-version").to_string();
    let comment_versions = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number.to_string() == chosen_version))
        .collect();
    let drafts_view = versions.iter().rev().map(|d| draft_view(&tr, d)).collect();

    // Lifecycle.
    let stage_rows = agreements::stages(db, a.id).await?;
    let reached: Vec<String> = stage_rows.iter().map(|s| s.status.clone()).collect();
    let (stages, stage_note) = stepper(&tr, a.status, &reached);
    let actions = accord_domain::agreement::allowed_actions(a.status, role)
        .into_iter()
        .map(|action| action_view(&tr, action, has_draft))
        .collect();

    // Review chain.
    let steps = if staff {
        reviews::list_steps(db, a.id).await?
    } else {
        Vec::new()
    };
    let cycles = cycles(&tr, &steps, &unit_names, current, a.status, today);

    // Documents.
    let document_rows = attachments::list_documents(db, a.id).await?;
    let document_href =
        |d: &AgreementDocument| format!("/agreements/{}/documents/{}/file", a.id, d.id);
    let documents = document_rows
        .iter()
        .rev()
        .map(|d| DocumentView {
            href: document_href(d),
            purpose: tr.label("document-purpose", d.purpose.as_str()),
            filename: d.filename.clone(),
            size: file_size(&tr, d.size),
            uploader: d.uploaded_by_name.clone().unwrap_or_default(),
            when: tr.datetime(d.uploaded_at),
            when_iso: accord_store::rfc3339(d.uploaded_at),
            note: d.note.clone().unwrap_or_default(),
        })
        .collect();
    let chosen_purpose = problems.value("document-purpose").to_string();
    let purposes = Purpose::ALL
        .iter()
        .map(|p| Choice {
            value: p.as_str().to_string(),
            label: tr.label("document-purpose", p.as_str()),
            selected: p.as_str() == chosen_purpose,
        })
        .collect();
    let chosen_copy = problems.value("sign-file_sha256").to_string();
    let signed_copies = document_rows
        .iter()
        .rev()
        .filter(|d| d.purpose == Purpose::SignedCopy)
        .map(|d| Choice {
            value: d.sha256.clone(),
            label: d.filename.clone(),
            selected: d.sha256 == chosen_copy,
        })
        .collect();

    // Signatures.
    let signatures = signing::list_signatures(db, a.id).await?;
    let mut parties: Vec<PartyView> = vec![PartyView {
        key: ORGANIZATION.into(),
        name: organization,
        href: String::new(),
        signature: None,
    }];
    parties.extend(party_names.iter().map(|(id, name)| PartyView {
        key: id.clone(),
        name: name.clone(),
        href: format!("/partners/{id}"),
        signature: None,
    }));
    for party in &mut parties {
        party.signature = signatures
            .iter()
            .find(|s| s.party == party.key)
            .map(|s| SignatureView {
                signatory: s.signatory.clone(),
                capacity: s.capacity.clone().unwrap_or_default(),
                date: values::date(&s.signed_on)
                    .map(|d| tr.format_date(d))
                    .unwrap_or_else(|_| s.signed_on.clone()),
                place: s.place.clone().unwrap_or_default(),
                method: tr.label("signature-method", &s.method),
                copy: s.file_sha256.as_ref().and_then(|sha| {
                    document_rows
                        .iter()
                        .find(|d| &d.sha256 == sha)
                        .map(|d| (document_href(d), d.filename.clone()))
                }),
            });
    }
    let chosen_party = problems.value("sign-party").to_string();
    let unsigned = parties
        .iter()
        .filter(|p| p.signature.is_none())
        .map(|p| Choice {
            value: p.key.clone(),
            label: p.name.clone(),
            selected: p.key == chosen_party,
        })
        .collect();
    let chosen_method = match problems.value("sign-method") {
        "" => "ink".to_string(),
        m => m.to_string(),
    };
    let methods = METHODS
        .iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: tr.label("signature-method", m),
            selected: *m == chosen_method,
        })
        .collect();
    let sign_form = actor.can_sign_agreements() && a.status == AgreementStatus::Signature;
    let sign_explanation =
        if actor.can_sign_agreements() && a.status.is_before_signature() && !sign_form {
            tr.t("agreement-page-sign-after-chain")
        } else {
            String::new()
        };

    // Comments.
    let comments_view = comments::list_comments(db, a.id)
        .await?
        .into_iter()
        .map(|c| CommentView {
            author: c.author_name.unwrap_or_else(|| tr.t("history-system")),
            when: tr.datetime(c.created_at),
            when_iso: accord_store::rfc3339(c.created_at),
            body: c.body,
            version: c.version_number,
        })
        .collect();

    // Timeline.
    let show_timeline = staff;
    let timeline = if show_timeline {
        let mut events: Vec<EventView> =
            audit::history(db, "agreement", &[a.id.to_string()], TIMELINE_LIMIT)
                .await?
                .iter()
                .map(|e| event_view(&tr, &names, e))
                .collect();
        // The correspondence about the agreement, among its own events (newest first).
        for i in accord_store::interactions::linked_to_agreement(db, &who, a.id).await? {
            let mut lines = vec![EventLine {
                field: tr.t("interactions-field-subject"),
                before: String::new(),
                after: i.fields.subject.clone(),
            }];
            if let Some(number) = &i.registry_number {
                lines.push(EventLine {
                    field: tr.t("interactions-field-registry-number"),
                    before: String::new(),
                    after: number.clone(),
                });
            }
            events.push(EventView {
                iso: accord_domain::interaction::format_instant(i.fields.occurred_at),
                when: tr.datetime(i.fields.occurred_at),
                actor: String::new(),
                action: format!(
                    "{} ({})",
                    tr.label("interaction-kind", i.fields.kind.as_str()),
                    tr.label("interaction-direction", i.fields.direction.as_str())
                ),
                has_before: false,
                lines,
            });
        }
        events.sort_by(|x, y| y.iso.cmp(&x.iso));
        events
    } else {
        Vec::new()
    };
    let stage_times = stage_times(&tr, &stage_rows, now);

    Ok(ShowPage {
        id: a.id.to_string(),
        version: a.version,
        reference: a.reference.clone(),
        title,
        title_lang,
        other_titles,
        status_code: a.status.as_str().to_string(),
        status: status_label(&tr, a.status.as_str()),
        kind: tr.label("agreement-kind", a.fields.kind.as_str()),
        confidential: a.fields.confidential,
        facts,
        parties_names: party_names,
        objectives,
        objectives_lang,
        tags: a.fields.tags.clone(),
        registry_number: a.registry_number.clone().unwrap_or_default(),
        entry_into_force_on: a
            .entry_into_force_on
            .map(|d| tr.format_date(d))
            .unwrap_or_default(),
        parent,
        amends,
        renews,
        amendments,
        renewals,
        consolidated,
        can_edit: actor.can_write_agreements(),
        stages,
        stage_note,
        actions,
        show_chain: staff,
        cycles,
        drafts: drafts_view,
        can_upload: actor.can_upload_agreement_files()
            && drafts::OPEN_FOR_DRAFTS.contains(&a.status),
        compare_from,
        compare_to,
        parties,
        documents,
        can_add_documents: may_add_documents(role),
        purposes,
        signed_copies,
        sign_form,
        sign_explanation,
        unsigned,
        methods,
        validation_form: actor.can_validate_agreements() && a.status == AgreementStatus::Validation,
        today_iso: values::format_date(today),
        comments: comments_view,
        comment_versions,
        show_timeline,
        timeline,
        stage_times,
        problems,
        page,
    })
}

// ---------------------------------------------------------------------------
// The forms
// ---------------------------------------------------------------------------

/// The move form: one per allowed action.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TransitionForm {
    action: String,
    version: String,
    reason: String,
}

async fn submit_transition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<TransitionForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    let section = tr.t("agreement-page-lifecycle");
    let reason_id = format!("reason-{}", form.action.trim());
    problems.keep(&reason_id, &form.reason);
    let input = TransitionInput {
        action: Some(form.action.clone()),
        reason: opt(&form.reason),
        version: form.version.trim().parse::<i64>().ok(),
    };
    let status = match uc::transition(&state.db, &current.actor(), agreement.id, input).await {
        Ok(_) => return redirect(&agreement, "agreement_moved", "lifecycle"),
        Err(AppError::VersionConflict { .. }) => {
            problems.add("lifecycle", section, tr.t("agreement-page-moved-meanwhile"));
            // Show what the agreement looks like now.
            let fresh = match load_visible(&state, &current, &id).await {
                Ok(a) => a,
                Err(e) => return store_error(page, e),
            };
            return show(
                &state,
                &current,
                page,
                fresh,
                problems,
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(AppError::Invalid(errors)) => {
            if !errors.get("action").is_empty() {
                problems.add("lifecycle", section, tr.t("error-invalid_choice"));
            }
            if !errors.get("reason").is_empty() {
                problems.add(
                    &reason_id,
                    tr.t("field-reason"),
                    tr.t("error-reason_required"),
                );
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::InvalidTransition {
            status,
            action: Some(action),
            allowed,
        }) => {
            problems.add(
                "lifecycle",
                section,
                not_allowed(&tr, action, status, &allowed),
            );
            StatusCode::CONFLICT
        }
        Err(AppError::Forbidden) => {
            problems.add("lifecycle", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::NoDraft) => {
            problems.add("drafts", section, tr.t("error-no_draft"));
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(page, other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// Why an action cannot be taken now, with what can.
fn not_allowed(tr: &Tr, action: &str, status: &str, allowed: &[&str]) -> String {
    if allowed.is_empty() {
        tr.targs(
            "agreement-page-not-allowed-none",
            &[
                ("action", tr.label("agreement-action", action)),
                ("status", status_label(tr, status)),
            ],
        )
    } else {
        let list = allowed
            .iter()
            .map(|a| tr.label("agreement-action", a))
            .collect::<Vec<_>>()
            .join(if tr.lang == Lang::Ar { "، " } else { ", " });
        tr.targs(
            "agreement-page-not-allowed",
            &[
                ("action", tr.label("agreement-action", action)),
                ("status", status_label(tr, status)),
                ("allowed", list),
            ],
        )
    }
}

/// The decision form of the open review step.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecisionForm {
    decision: String,
    comment: String,
}

async fn submit_decision(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, step_id)): Path<(String, String)>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<DecisionForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    let decision_id = format!("decision-{step_id}");
    let comment_id = format!("decision-comment-{step_id}");
    problems.keep(&decision_id, &form.decision);
    problems.keep(&comment_id, &form.comment);
    let input = DecisionInput {
        decision: opt(&form.decision),
        comment: opt(&form.comment),
    };
    let section = tr.t("agreement-page-chain");
    let outcome =
        uc::decide_review(&state.db, &current.actor(), agreement.id, &step_id, input).await;
    let status = match outcome {
        Ok((outcome, _)) => {
            let notice = match outcome {
                Outcome::ChainCleared => "review_chain_cleared",
                Outcome::NextStep | Outcome::ChangesRequested | Outcome::Rejected => {
                    "review_decided"
                }
            };
            return redirect(&agreement, notice, "chain");
        }
        Err(AppError::Invalid(errors)) => {
            for code in errors.get("decision") {
                problems.add(
                    &decision_id,
                    tr.t("field-decision"),
                    tr.t(&format!("error-{code}")),
                );
            }
            for code in errors.get("comment") {
                let message = if code == "required" {
                    tr.t("agreement-page-comment-required")
                } else {
                    tr.t(&format!("error-{code}"))
                };
                problems.add(&comment_id, tr.t("field-comment"), message);
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::StepNotOpen) => {
            problems.add("chain", section, tr.t("error-step_not_open"));
            StatusCode::CONFLICT
        }
        Err(AppError::NotAssignee) => {
            problems.add("chain", section, tr.t("error-not_assignee"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::NotFound) => {
            problems.add("chain", section, tr.t("error-step_not_open"));
            StatusCode::NOT_FOUND
        }
        Err(other) => return app_error(page, other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// The signature form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SignatureForm {
    party: String,
    signatory: String,
    capacity: String,
    signed_on: String,
    place: String,
    method: String,
    file_sha256: String,
}

async fn submit_signature(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<SignatureForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let section = tr.t("agreement-page-signatures");
    let mut problems = Problems::new();
    for (name, value) in [
        ("party", &form.party),
        ("signatory", &form.signatory),
        ("capacity", &form.capacity),
        ("signed_on", &form.signed_on),
        ("place", &form.place),
        ("method", &form.method),
        ("file_sha256", &form.file_sha256),
    ] {
        problems.keep(&format!("sign-{name}"), value);
    }
    let input = SignatureInput {
        party: opt(&form.party),
        signatory: opt(&form.signatory),
        capacity: opt(&form.capacity),
        signed_on: opt(&form.signed_on),
        place: opt(&form.place),
        method: opt(&form.method),
        file_sha256: opt(&form.file_sha256),
    };
    let status = match uc::sign(&state.db, &current.actor(), agreement.id, input).await {
        Ok(updated) => {
            let notice = if updated.status == AgreementStatus::Validation {
                "signatures_complete"
            } else {
                "signature_recorded"
            };
            return redirect(&updated, notice, "signatures");
        }
        Err(AppError::Forbidden) => {
            problems.add("signatures", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::Invalid(errors)) => {
            problems.add_fields(&tr, &errors, "sign-");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::ReviewNotCleared) => {
            problems.add("signatures", section, tr.t("error-review_not_cleared"));
            StatusCode::CONFLICT
        }
        Err(AppError::InvalidTransition { .. }) => {
            problems.add("signatures", section, tr.t("error-wrong_status"));
            StatusCode::CONFLICT
        }
        Err(AppError::AlreadySigned) => {
            problems.add(
                "sign-party",
                tr.t("field-party"),
                tr.t("error-already_signed"),
            );
            StatusCode::CONFLICT
        }
        Err(AppError::VersionConflict { .. }) => {
            problems.add(
                "signatures",
                section,
                tr.t("agreement-page-moved-meanwhile"),
            );
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(page, other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// The validation form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ValidationForm {
    registry_number: String,
    entry_into_force_on: String,
}

async fn submit_validation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<ValidationForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let section = tr.t("agreement-page-validation");
    let mut problems = Problems::new();
    problems.keep("validation-registry_number", &form.registry_number);
    problems.keep("validation-entry_into_force_on", &form.entry_into_force_on);
    let validated = uc::validate(
        &state.db,
        &current.actor(),
        agreement.id,
        opt(&form.registry_number),
        opt(&form.entry_into_force_on),
        accord_store::today(),
    )
    .await;
    let status = match validated {
        Ok(updated) => {
            let notice = if updated.status == AgreementStatus::Active {
                "agreement_in_force"
            } else {
                "validation_recorded"
            };
            return redirect(&updated, notice, "lifecycle");
        }
        Err(AppError::Forbidden) => {
            problems.add("validation", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::Invalid(errors)) => {
            problems.add_fields(&tr, &errors, "validation-");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(
            AppError::ReviewNotCleared
            | AppError::InvalidTransition { .. }
            | AppError::AlreadySigned,
        ) => {
            problems.add("validation", section, tr.t("error-wrong_status"));
            StatusCode::CONFLICT
        }
        Err(AppError::VersionConflict { .. }) => {
            problems.add(
                "validation",
                section,
                tr.t("agreement-page-moved-meanwhile"),
            );
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(page, other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// The comment form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CommentForm {
    body: String,
    version: String,
}

async fn submit_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<CommentForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    problems.keep("comment-body", &form.body);
    problems.keep("comment-version", &form.version);
    let version = match opt(&form.version) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.add(
                    "comment-version",
                    tr.t("agreement-page-comment-version"),
                    tr.t("error-invalid_choice"),
                );
                return show(
                    &state,
                    &current,
                    page,
                    agreement,
                    problems,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        },
    };
    match uc::add_comment(
        &state.db,
        &current.actor(),
        agreement.id,
        version,
        &form.body,
    )
    .await
    {
        Ok(_) => redirect(&agreement, "agreement_comment_added", "comments"),
        Err(AppError::Invalid(errors)) => {
            for (field, codes) in &errors.0 {
                let (target, label) = match field.as_str() {
                    "version" => ("comment-version", tr.t("agreement-page-comment-version")),
                    _ => ("comment-body", tr.t("field-comment")),
                };
                for code in codes {
                    let message = tr
                        .try_t(&format!("error-{code}"))
                        .unwrap_or_else(|| tr.t("error-invalid_choice"));
                    problems.add(target, label.clone(), message);
                }
            }
            show(
                &state,
                &current,
                page,
                agreement,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => app_error(page, e),
    }
}

// ---------------------------------------------------------------------------
// Documents kept with the agreement
// ---------------------------------------------------------------------------

async fn submit_document(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    let tr = page.tr;
    let section = tr.t("agreement-page-documents");
    let mut problems = Problems::new();
    let fields = match read_upload(multipart).await {
        Ok(fields) => fields,
        // Without the fields the CSRF token is unknown: change nothing, say why.
        Err(error) => {
            if let Some(errors) = upload_field_errors(&error) {
                problems.add_fields(&tr, &errors, "document-");
                return show(&state, &current, page, agreement, problems, error.status).await;
            }
            return error.into_response();
        }
    };
    if !current.check_csrf(fields.csrf.as_deref().unwrap_or("")) {
        return csrf_failed(&state, &current, &headers);
    }
    problems.keep("document-purpose", fields.purpose.as_deref().unwrap_or(""));
    problems.keep("document-note", fields.note.as_deref().unwrap_or(""));
    if !may_add_documents(current.user.role) {
        problems.add("documents", section, tr.t("error-forbidden"));
        return show(
            &state,
            &current,
            page,
            agreement,
            problems,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    match store_document(&state, &current, &agreement, fields, false).await {
        Ok(_) => redirect(&agreement, "document_added", "documents"),
        Err(error) => match upload_field_errors(&error) {
            Some(errors) => {
                problems.add_fields(&tr, &errors, "document-");
                show(&state, &current, page, agreement, problems, error.status).await
            }
            None => error.into_response(),
        },
    }
}

async fn download_document(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path((id, document_id)): Path<(String, String)>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    match document_file(&state, &agreement, &document_id).await {
        Ok(response) => response,
        Err(error) if error.status == StatusCode::NOT_FOUND => {
            error_page(page, StatusCode::NOT_FOUND, "not_found")
        }
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_shows_grouping_and_two_decimals() {
        let m = Money {
            minor: 1_250_005,
            currency: *b"USD",
        };
        assert_eq!(money(&Tr::new(Lang::En), &m), "12,500.05 USD");
        assert_eq!(money(&Tr::new(Lang::Fr), &m), "12\u{202F}500,05 USD");
    }

    #[test]
    fn the_stepper_marks_the_current_stage() {
        let tr = Tr::new(Lang::En);
        let (stages, note) = stepper(&tr, AgreementStatus::Review, &[]);
        let states: Vec<&str> = stages.iter().map(|s| s.state).collect();
        assert_eq!(states, ["done", "done", "current", "todo", "todo", "todo"]);
        assert!(note.is_empty());
        let (stages, _) = stepper(
            &tr,
            AgreementStatus::Withdrawn,
            &["prospect".into(), "negotiation".into()],
        );
        let states: Vec<&str> = stages.iter().map(|s| s.state).collect();
        assert_eq!(states, ["done", "done", "todo", "todo", "todo", "todo"]);
        let (stages, _) = stepper(&tr, AgreementStatus::Completed, &[]);
        assert!(stages.iter().all(|s| s.state == "done"));
    }
}
