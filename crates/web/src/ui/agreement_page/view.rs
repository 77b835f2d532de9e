//! The view models of the agreement page and the helpers that fill them:
//! money, dates, the stepper, review steps and cycles, drafts, consolidated
//! terms, stage times and timeline events, all translated.

use super::*;

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

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

pub(super) fn money(tr: &Tr, m: &Money) -> String {
    let decimal = if tr.lang == Lang::Fr { ',' } else { '.' };
    format!(
        "{}{decimal}{:02} {}",
        tr.num(m.minor / 100),
        m.minor % 100,
        m.currency_code()
    )
}

pub(super) fn status_label(tr: &Tr, status: &str) -> String {
    tr.label("agreement-status", status)
}

/// The text in the reader's language, else the best one, with its language code.
pub(super) fn in_lang(text: &LocalizedText, lang: Lang) -> (String, String) {
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

pub(super) fn file_size(tr: &Tr, bytes: i64) -> String {
    if bytes < 1024 {
        tr.tn("agreement-page-bytes", "count", bytes)
    } else {
        tr.tn("agreement-page-kilobytes", "count", (bytes + 1023) / 1024)
    }
}

pub(super) fn link_view(tr: &Tr, a: &Agreement) -> LinkView {
    LinkView {
        href: format!("/agreements/{}", a.id),
        reference: a.reference.clone(),
        title: a.fields.title.best(tr.lang).to_string(),
        status_code: a.status.as_str().to_string(),
        status: status_label(tr, a.status.as_str()),
    }
}

pub(super) async fn visible_link(
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
pub(super) fn stepper(
    tr: &Tr,
    status: AgreementStatus,
    reached: &[String],
) -> (Vec<StageView>, String) {
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

pub(super) fn action_view(tr: &Tr, action: Action, has_draft: bool) -> ActionView {
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

pub(super) fn unit_name(names: &HashMap<String, String>, code: &str) -> String {
    names.get(code).cloned().unwrap_or_else(|| code.to_string())
}

pub(super) fn step_view(
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

pub(super) fn cycles(
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

pub(super) fn draft_view(tr: &Tr, d: &DraftVersion) -> DraftView {
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
pub(super) fn consolidate(tr: &Tr, base: &Agreement, amendments: &[Agreement]) -> Vec<TermView> {
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
pub(super) fn stage_times(tr: &Tr, rows: &[StageRow], now: i64) -> Vec<StageTime> {
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
pub(super) fn event_value(
    tr: &Tr,
    names: &HashMap<String, String>,
    field: &str,
    value: &Value,
) -> String {
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
pub(super) const HIDDEN_EVENT_FIELDS: [&str; 5] =
    ["step_id", "comment_id", "sha256", "id", "action"];

pub(super) fn event_view(tr: &Tr, names: &HashMap<String, String>, e: &EventRow) -> EventView {
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
