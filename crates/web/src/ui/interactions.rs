//! Pages of the communications log: the searchable log, the form to record
//! or change an interaction (partners, contacts, staff, agreements and
//! follow-up rows, all without JavaScript), the interaction's page with its
//! follow-ups to tick off, the partners nobody has been in touch with, and
//! the parts other pages show: a partner's story and health, a person's
//! follow-ups, and a contact's open items with the end of a position.

use crate::AppState;
use crate::api::Params;
use crate::api::interactions::{
    LIST_PARAMS, ListRequest, months_before, parse_list, parse_months, registry_unit, today,
};
use crate::auth::{CurrentUser, PageUser};
use crate::extract::{CsrfForm, Visible, visible};
use crate::forms::{FormError, FormErrors, opt};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::history::{HistoryItem, items as history_items};
use crate::ui::partners::Choice;
use accord_domain::interaction::{
    Direction, FollowUpInput, InteractionFields, InteractionInput, InteractionKind, can_write,
    format_instant,
};
use accord_domain::policy::Action;
use accord_domain::{FieldErrors, values};
use accord_store::agreements::{self as agreement_store, AgreementFilter, Reader};
use accord_store::interactions::{
    self as store, FollowUpFilter, FollowUpItem, Interaction, InteractionFilter,
};
use accord_store::rotation::{self, OpenItems};
use accord_store::{StoreError, audit, contacts, partners, users};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use time::Date;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/interactions", get(list_page).post(create_interaction))
        .route("/interactions/new", get(new_page))
        .route(
            "/interactions/{id}",
            get(show_page).post(update_interaction),
        )
        .route("/interactions/{id}/edit", get(edit_page))
        .route(
            "/interactions/{id}/follow-ups/{follow_up}",
            post(submit_follow_up),
        )
        .route("/partners/dormant", get(dormant_page))
        .route(
            "/contacts/{id}/positions/{n}/end",
            post(submit_end_position),
        )
}

/// Partner slots on the form.
const PARTNER_SLOTS: usize = 3;
/// Empty follow-up rows offered below the existing ones.
const EMPTY_FOLLOW_UPS: usize = 2;
/// Follow-up rows read from a form at most.
const MAX_ROWS: usize = 30;

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/interactions".into())
}

fn reader_of(current: &CurrentUser) -> Reader {
    current.reader()
}

fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// 403 unless the user may use the correspondence pages (the staff).
fn staff_only(current: &CurrentUser) -> Result<(), PageError> {
    if current.actor().can_use_staff_pages() {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

/// The form control of an error's field and its label.
fn field_id_and_label(tr: &Tr, field: &str) -> (String, String) {
    let label = |name: &str| {
        let key = name.replace('_', "-");
        tr.try_t(&format!("interactions-field-{key}"))
            .unwrap_or_else(|| name.to_string())
    };
    if let Some(rest) = field.strip_prefix("follow_ups[")
        && let Some((index, name)) = rest.split_once("].")
        && let Ok(index) = index.parse::<usize>()
    {
        let control = if name == "id" { "action" } else { name };
        let text = tr.targs(
            "interactions-follow-up-field",
            &[
                ("number", (index + 1).to_string()),
                ("field", label(control)),
            ],
        );
        return (format!("follow_ups-{index}-{control}"), text);
    }
    if let Some(rest) = field.strip_prefix("partner_ids[")
        && let Some((index, _)) = rest.split_once(']')
    {
        return (format!("partner-{index}"), label("partners"));
    }
    let base = field.split('[').next().unwrap_or(field);
    let control = match base {
        "partner_ids" => "partner-0".to_string(),
        other => other.to_string(),
    };
    (control, label(base))
}

fn form_errors(tr: &Tr, errors: &FieldErrors) -> FormErrors {
    let mut items = Vec::new();
    for (field, codes) in &errors.0 {
        let (id, label) = field_id_and_label(tr, field);
        for code in codes {
            let message = tr
                .try_t(&format!("error-{code}"))
                .unwrap_or_else(|| code.replace('_', " "));
            items.push(FormError {
                field: id.clone(),
                label: label.clone(),
                message,
            });
        }
    }
    FormErrors { items }
}

fn kind_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    InteractionKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().into(),
            label: tr.label("interaction-kind", k.as_str()),
            selected: k.as_str() == selected,
        })
        .collect()
}

fn direction_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    Direction::ALL
        .iter()
        .map(|d| Choice {
            value: d.as_str().into(),
            label: tr.label("interaction-direction", d.as_str()),
            selected: d.as_str() == selected,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Shared views
// ---------------------------------------------------------------------------

/// A follow-up, ready to show.
pub struct FollowUpView {
    pub id: String,
    pub interaction_id: String,
    pub subject: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub due_iso: String,
    pub overdue: bool,
    pub done: bool,
}

/// Prepares follow-ups for a page.
pub fn follow_up_views(tr: &Tr, items: &[FollowUpItem], today: Date) -> Vec<FollowUpView> {
    items
        .iter()
        .map(|f| FollowUpView {
            id: f.id.to_string(),
            interaction_id: f.interaction_id.to_string(),
            subject: f.subject.clone(),
            action: f.action.clone(),
            owner: f.owner_name.clone().unwrap_or_default(),
            due: tr.iso_date(&f.due_on),
            due_iso: f.due_on.map(values::format_date).unwrap_or_default(),
            overdue: f.is_overdue(today),
            done: f.done,
        })
        .collect()
}

/// The open follow-ups a user owns, for the "my work" page.
pub async fn my_follow_ups(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
) -> Result<Vec<FollowUpView>, StoreError> {
    let items = store::list_follow_ups(
        &state.db,
        &reader_of(current),
        &FollowUpFilter {
            owner_id: Some(current.user.id),
            open_only: true,
            ..Default::default()
        },
        200,
    )
    .await?;
    Ok(follow_up_views(tr, &items, today()))
}

/// A partner's relationship health, ready to show.
pub struct HealthView {
    pub last_contact: String,
    pub last_contact_iso: String,
    pub days_since: Option<i64>,
    pub interactions: i64,
    pub open_actions: i64,
    pub overdue_actions: i64,
    pub active_agreements: i64,
    pub expiring: i64,
    /// `good`, `watch` or `alert`, for the badge.
    pub tone: &'static str,
    pub tone_label: String,
}

/// One line of a partner's timeline.
pub struct StoryItem {
    pub when_iso: String,
    pub when: String,
    pub kind_label: String,
    pub title: String,
    pub href: String,
    pub detail: String,
    pub confidential: bool,
}

/// The interactions of an outreach case that `current` may see, newest first.
pub async fn case_interactions(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
    case_id: Uuid,
) -> Result<Vec<StoryItem>, StoreError> {
    let page = store::list_interactions(
        &state.db,
        &InteractionFilter {
            outreach_case_id: Some(case_id),
            ..Default::default()
        },
        &reader_of(current),
        store::default_sort(),
        None,
        100,
    )
    .await?;
    Ok(page
        .items
        .iter()
        .map(|i| StoryItem {
            when_iso: format_instant(i.fields.occurred_at),
            when: tr.date(i.fields.occurred_at),
            kind_label: tr.label("interaction-kind", i.fields.kind.as_str()),
            title: i.fields.subject.clone(),
            href: format!("/interactions/{}", i.id),
            detail: i.registry_number.clone().unwrap_or_default(),
            confidential: i.fields.confidential,
        })
        .collect())
}

/// A partner's whole story: health, timeline, open follow-ups.
pub struct PartnerStory {
    pub partner_id: String,
    pub health: HealthView,
    pub items: Vec<StoryItem>,
    pub follow_ups: Vec<FollowUpView>,
    pub can_write: bool,
}

/// The story of a partner as `current` may see it (staff only; `None` for others).
pub async fn partner_story(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
    partner_id: Uuid,
) -> Result<Option<PartnerStory>, StoreError> {
    if !current.actor().can_use_staff_pages() {
        return Ok(None);
    }
    let reader = reader_of(current);
    let today = today();
    let health = store::partner_health(&state.db, &reader, partner_id, today).await?;
    let interactions = store::list_interactions(
        &state.db,
        &InteractionFilter {
            partner_id: Some(partner_id),
            ..Default::default()
        },
        &reader,
        store::default_sort(),
        None,
        30,
    )
    .await?;
    let agreements = agreement_store::list_agreements(
        &state.db,
        &AgreementFilter {
            partner_id: Some(partner_id),
            ..Default::default()
        },
        &reader,
        agreement_store::default_sort(),
        None,
        30,
    )
    .await?;
    let follow_ups = store::list_follow_ups(
        &state.db,
        &reader,
        &FollowUpFilter {
            partner_id: Some(partner_id),
            open_only: true,
            ..Default::default()
        },
        50,
    )
    .await?;
    let mut items: Vec<(i64, StoryItem)> = Vec::new();
    for i in &interactions.items {
        items.push((
            i.fields.occurred_at,
            StoryItem {
                when_iso: format_instant(i.fields.occurred_at),
                when: tr.date(i.fields.occurred_at),
                kind_label: tr.label("interaction-kind", i.fields.kind.as_str()),
                title: i.fields.subject.clone(),
                href: format!("/interactions/{}", i.id),
                detail: i.registry_number.clone().unwrap_or_default(),
                confidential: i.fields.confidential,
            },
        ));
    }
    for a in &agreements.items {
        items.push((
            a.created_at,
            StoryItem {
                when_iso: accord_store::rfc3339(a.created_at),
                when: tr.date(a.created_at),
                kind_label: tr.t("interactions-story-agreement"),
                title: a.fields.title.best(tr.lang).to_string(),
                href: format!("/agreements/{}", a.id),
                detail: format!(
                    "{} · {}",
                    a.reference,
                    tr.label("agreement-status", a.status.as_str())
                ),
                confidential: a.fields.confidential,
            },
        ));
    }
    items.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let tone = match (health.overdue_actions, health.days_since_contact) {
        (n, _) if n > 0 => "alert",
        (_, None) => "alert",
        (_, Some(d)) if d > 365 => "alert",
        (_, Some(d)) if d > 180 => "watch",
        _ if health.expiring_within_90_days > 0 => "watch",
        _ => "good",
    };
    Ok(Some(PartnerStory {
        partner_id: partner_id.to_string(),
        health: HealthView {
            last_contact: health.last_contact.map(|t| tr.date(t)).unwrap_or_default(),
            last_contact_iso: health
                .last_contact
                .map(accord_store::rfc3339)
                .unwrap_or_default(),
            days_since: health.days_since_contact,
            interactions: health.interactions,
            open_actions: health.open_actions,
            overdue_actions: health.overdue_actions,
            active_agreements: health.active_agreements,
            expiring: health.expiring_within_90_days,
            tone,
            tone_label: tr.t(&format!("interactions-health-{tone}")),
        },
        items: items.into_iter().map(|(_, i)| i).collect(),
        follow_ups: follow_up_views(tr, &follow_ups, today),
        can_write: can_write(current.user.role),
    }))
}

/// An ongoing position that may be ended, with the people who could succeed.
pub struct EndablePosition {
    pub index: usize,
    pub title: String,
    pub partner_id: String,
    pub partner_name: String,
    pub successors: Vec<Choice>,
}

/// A contact's open items, ready to show, and the positions they may end.
pub struct OpenItemsView {
    pub contact_id: String,
    pub version: i64,
    pub follow_ups: Vec<FollowUpView>,
    /// Id, reference, title, status label, reason label.
    pub agreements: Vec<(String, String, String, String, String)>,
    /// Country, stage label, next action.
    pub outreach: Vec<(String, String, String)>,
    pub positions: Vec<EndablePosition>,
    pub today_iso: String,
    pub is_empty: bool,
}

/// The open items of a contact as `current` may see them (staff only).
pub async fn contact_open_items(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
    contact: &contacts::Contact,
) -> Result<Option<OpenItemsView>, StoreError> {
    if !current.actor().can_use_staff_pages() {
        return Ok(None);
    }
    let today = today();
    let items: OpenItems =
        rotation::open_items(&state.db, &reader_of(current), contact, today).await?;
    let can_edit = current
        .actor()
        .can_contact(Action::Update, &contact.partner_ids());
    let mut positions = Vec::new();
    if can_edit {
        for (index, p) in contact.fields.positions.iter().enumerate() {
            if !p.is_current(today) {
                continue;
            }
            let partner_name = partners::find_partner(&state.db, p.partner_id)
                .await?
                .map(|x| x.fields.name.best(tr.lang).to_string())
                .unwrap_or_default();
            let mut successors = vec![Choice {
                value: String::new(),
                label: tr.t("interactions-no-successor"),
                selected: true,
            }];
            for c in contacts::contacts_of_partner(&state.db, p.partner_id).await? {
                if c.contact_id == contact.id
                    || successors
                        .iter()
                        .any(|s| s.value == c.contact_id.to_string())
                {
                    continue;
                }
                successors.push(Choice {
                    value: c.contact_id.to_string(),
                    label: c.name.clone(),
                    selected: false,
                });
            }
            positions.push(EndablePosition {
                index,
                title: p.title.clone(),
                partner_id: p.partner_id.to_string(),
                partner_name,
                successors,
            });
        }
    }
    let is_empty = items.is_empty();
    Ok(Some(OpenItemsView {
        contact_id: contact.id.to_string(),
        version: contact.version,
        follow_ups: follow_up_views(tr, &items.follow_ups, today),
        agreements: items
            .agreements
            .iter()
            .map(|a| {
                (
                    a.id.to_string(),
                    a.reference.clone(),
                    a.title.best(tr.lang).to_string(),
                    tr.label("agreement-status", &a.status),
                    tr.t(&format!("interactions-open-reason-{}", a.reason)),
                )
            })
            .collect(),
        outreach: items
            .outreach_cases
            .iter()
            .map(|o| {
                (
                    o.country.clone(),
                    tr.label("outreach-stage", &o.stage),
                    o.next_action.clone().unwrap_or_default(),
                )
            })
            .collect(),
        positions,
        today_iso: values::format_date(today),
        is_empty,
    }))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct EndForm {
    on: String,
    successor_id: String,
    version: Option<i64>,
}

async fn submit_end_position(
    State(state): State<AppState>,
    Path((id, n)): Path<(String, String)>,
    CsrfForm(current, form): CsrfForm<EndForm>,
) -> Result<Response, PageError> {
    let (Ok(contact_id), Ok(index)) = (Uuid::parse_str(&id), n.parse::<usize>()) else {
        return Err(PageError::not_found());
    };
    let contact = match contacts::find_contact(&state.db, contact_id).await? {
        Some(c) if current.actor().can_use_staff_pages() => c,
        _ => return Err(PageError::not_found()),
    };
    if !current
        .actor()
        .can_contact(Action::Update, &contact.partner_ids())
    {
        return Err(PageError::forbidden());
    }
    let Ok(on) = values::date(form.on.trim()) else {
        return Err(PageError::unprocessable("invalid_date"));
    };
    let successor = match opt(&form.successor_id).map(|s| Uuid::parse_str(&s)) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => return Err(PageError::unprocessable("invalid_id")),
    };
    match rotation::end_position(
        &state.db,
        Some(current.user.id),
        contact.id,
        index,
        on,
        successor,
        form.version,
    )
    .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/contacts/{}?notice=saved#open-items", contact.id))
                .into_response(),
        ),
        Err(StoreError::VersionConflict { .. }) => Err(PageError::conflict("version_conflict")),
        Err(StoreError::Invalid(v)) => {
            let code = v.0.0.values().flatten().next().cloned().unwrap_or_default();
            Err(PageError::unprocessable(code))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------
// The log
// ---------------------------------------------------------------------------

/// A row of the log.
pub struct RowView {
    pub id: String,
    pub when_iso: String,
    pub when: String,
    pub kind: String,
    pub direction: String,
    pub subject: String,
    pub registry_number: String,
    pub partners: Vec<(String, String)>,
    pub confidential: bool,
    pub open_follow_ups: usize,
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "interactions_list.html")]
struct ListPage {
    page: Page,
    rows: Vec<RowView>,
    total: i64,
    shown: i64,
    next_href: Option<String>,
    first_href: Option<String>,
    q: String,
    from: String,
    to: String,
    kinds: Vec<Choice>,
    directions: Vec<Choice>,
    partner: Option<(String, String)>,
    filter_errors: FormErrors,
    filtered: bool,
    export_query: String,
    new_href: String,
    can_write: bool,
}

async fn partner_names(
    state: &AppState,
    tr: &Tr,
    items: &[Interaction],
) -> Result<HashMap<Uuid, String>, StoreError> {
    let mut ids: Vec<Uuid> = items
        .iter()
        .flat_map(|i| i.fields.partner_ids.iter().copied())
        .collect();
    ids.sort();
    ids.dedup();
    Ok(partners::find_partners(&state.db, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.fields.name.best(tr.lang).to_string()))
        .collect())
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff_only(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let mut query = query;
    query.retain(|k, _| LIST_PARAMS[..12].contains(&k.as_str()));
    let mut params = Params(query);
    let mut errors = FieldErrors::new();
    let mut request = match parse_list(&params) {
        Ok(r) => r,
        Err(bad) => {
            params.0.retain(|k, _| !bad.0.contains_key(k));
            errors = bad;
            parse_list(&params).unwrap_or_else(|_| ListRequest {
                filter: InteractionFilter::default(),
                sort: store::default_sort(),
                cursor: None,
                limit: 50,
            })
        }
    };
    let reader = reader_of(&current);
    let mut partner = None;
    if let Some(pid) = request.filter.partner_id {
        match partners::find_partner(&state.db, pid).await {
            Ok(Some(p)) => {
                partner = Some((p.id.to_string(), p.fields.name.best(tr.lang).to_string()))
            }
            Ok(None) => {
                errors.add("partner_id", "unknown_partner");
                params.0.remove("partner_id");
                request.filter.partner_id = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut result = store::list_interactions(
        &state.db,
        &request.filter,
        &reader,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await;
    if let Err(StoreError::Invalid(_)) = result {
        errors.add("cursor", "invalid_cursor");
        params.0.remove("cursor");
        request.cursor = None;
        result = store::list_interactions(
            &state.db,
            &request.filter,
            &reader,
            request.sort,
            None,
            request.limit,
        )
        .await;
    }
    let list = result?;
    let names = partner_names(&state, &tr, &list.items).await?;
    let p = |k: &str| params.get(k).unwrap_or("").to_string();
    let base_pairs = vec![
        ("q", p("q")),
        ("kind", p("kind")),
        ("direction", p("direction")),
        ("partner_id", p("partner_id")),
        ("contact_id", p("contact_id")),
        ("agreement_id", p("agreement_id")),
        ("from", p("from")),
        ("to", p("to")),
        ("sort", p("sort")),
    ];
    let next_href = list.next_cursor.as_ref().map(|c| {
        let mut pairs = base_pairs.clone();
        pairs.push(("cursor", c.clone()));
        format!("/interactions?{}", query_string(&pairs))
    });
    let first_href = request
        .cursor
        .as_ref()
        .map(|_| format!("/interactions?{}", query_string(&base_pairs)));
    let today = today();
    let rows = list
        .items
        .iter()
        .map(|i| RowView {
            id: i.id.to_string(),
            when_iso: format_instant(i.fields.occurred_at),
            when: tr.date(i.fields.occurred_at),
            kind: tr.label("interaction-kind", i.fields.kind.as_str()),
            direction: tr.label("interaction-direction", i.fields.direction.as_str()),
            subject: i.fields.subject.clone(),
            registry_number: i
                .registry_number
                .clone()
                .or_else(|| i.fields.sender_reference.clone())
                .unwrap_or_default(),
            partners: i
                .fields
                .partner_ids
                .iter()
                .filter_map(|id| names.get(id).map(|n| (id.to_string(), n.clone())))
                .collect(),
            confidential: i.fields.confidential,
            open_follow_ups: i.fields.follow_ups.iter().filter(|f| !f.done).count(),
            overdue: i
                .fields
                .follow_ups
                .iter()
                .filter(|f| f.is_overdue(today))
                .count(),
        })
        .collect();
    let filtered = base_pairs[..8].iter().any(|(_, v)| !v.is_empty());
    let new_href = match &partner {
        Some((id, _)) => format!("/interactions/new?partner_id={id}"),
        None => "/interactions/new".into(),
    };
    Ok(render(&ListPage {
        rows,
        total: list.total,
        shown: list.items.len() as i64,
        next_href,
        first_href,
        q: p("q"),
        from: p("from"),
        to: p("to"),
        kinds: kind_choices(&tr, &p("kind")),
        directions: direction_choices(&tr, &p("direction")),
        partner,
        filter_errors: form_errors(&tr, &errors),
        filtered,
        export_query: query_string(&base_pairs[..8]),
        new_href,
        can_write: can_write(current.user.role),
        page,
    }))
}

// ---------------------------------------------------------------------------
// One interaction
// ---------------------------------------------------------------------------

/// A follow-up on the interaction's page.
pub struct FollowUpLine {
    pub id: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub due_iso: String,
    pub overdue: bool,
    pub done: bool,
    /// The reader may tick it (a writer, or its owner).
    pub can_tick: bool,
}

#[derive(Template)]
#[template(path = "interaction_show.html")]
struct ShowPage {
    page: Page,
    id: String,
    subject: String,
    kind: String,
    direction: String,
    when: String,
    when_iso: String,
    registry_number: String,
    sender_reference: String,
    summary: String,
    confidential: bool,
    partners: Vec<(String, String)>,
    contacts: Vec<(String, String)>,
    staff: Vec<String>,
    shared_with: Vec<String>,
    agreements: Vec<(String, String)>,
    created_by: String,
    follow_ups: Vec<FollowUpLine>,
    history: Vec<HistoryItem>,
    can_write: bool,
}

async fn user_names(state: &AppState) -> Result<HashMap<Uuid, String>, StoreError> {
    Ok(users::list_users(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(interaction): Visible<Interaction>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let reader = reader_of(&current);
    let (users, partner_names, contacts_list, agreements, history) = {
        let users = user_names(&state).await?;
        let partner_names = partner_names(&state, &tr, std::slice::from_ref(&interaction)).await?;
        let mut contacts_list = Vec::new();
        for c in &interaction.fields.contact_ids {
            if let Some(contact) = contacts::find_contact(&state.db, *c).await? {
                contacts_list.push((c.to_string(), contact.fields.name));
            }
        }
        let mut agreements = Vec::new();
        for a in &interaction.fields.agreement_ids {
            if agreement_store::can_read(&state.db, &reader, *a).await?
                && let Some(found) = agreement_store::find_agreement(&state.db, *a).await?
            {
                agreements.push((a.to_string(), found.reference));
            }
        }
        let history =
            audit::history(&state.db, "interaction", &[interaction.id.to_string()], 100).await?;
        (users, partner_names, contacts_list, agreements, history)
    };
    let f = &interaction.fields;
    let today = today();
    let writer = can_write(current.user.role);
    let name = |id: &Uuid| users.get(id).cloned().unwrap_or_else(|| id.to_string());
    Ok(render(&ShowPage {
        id: interaction.id.to_string(),
        subject: f.subject.clone(),
        kind: tr.label("interaction-kind", f.kind.as_str()),
        direction: tr.label("interaction-direction", f.direction.as_str()),
        when: tr.datetime(f.occurred_at),
        when_iso: format_instant(f.occurred_at),
        registry_number: interaction.registry_number.clone().unwrap_or_default(),
        sender_reference: f.sender_reference.clone().unwrap_or_default(),
        summary: f.summary.clone().unwrap_or_default(),
        confidential: f.confidential,
        partners: f
            .partner_ids
            .iter()
            .map(|p| {
                (
                    p.to_string(),
                    partner_names
                        .get(p)
                        .cloned()
                        .unwrap_or_else(|| p.to_string()),
                )
            })
            .collect(),
        contacts: contacts_list,
        staff: f.staff_ids.iter().map(name).collect(),
        shared_with: f.visible_to.iter().map(name).collect(),
        agreements,
        created_by: interaction
            .created_by
            .as_ref()
            .map(name)
            .unwrap_or_default(),
        follow_ups: f
            .follow_ups
            .iter()
            .map(|u| FollowUpLine {
                id: u.id.map(|i| i.to_string()).unwrap_or_default(),
                action: u.action.clone(),
                owner: u.owner_id.as_ref().map(name).unwrap_or_default(),
                due: tr.iso_date(&u.due_on),
                due_iso: u.due_on.map(values::format_date).unwrap_or_default(),
                overdue: u.is_overdue(today),
                done: u.done,
                can_tick: writer || u.owner_id == Some(current.user.id),
            })
            .collect(),
        history: history_items(&tr, &history),
        can_write: writer,
        page,
    }))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct TickForm {
    done: String,
    back: String,
}

async fn submit_follow_up(
    State(state): State<AppState>,
    Path((id, follow_up)): Path<(String, String)>,
    CsrfForm(current, form): CsrfForm<TickForm>,
) -> Result<Response, PageError> {
    let interaction: Interaction = visible(&state, &current, &id).await?;
    let Some(item) = Uuid::parse_str(&follow_up).ok().and_then(|fid| {
        interaction
            .fields
            .follow_ups
            .iter()
            .find(|f| f.id == Some(fid))
    }) else {
        return Err(PageError::not_found());
    };
    if !can_write(current.user.role) && item.owner_id != Some(current.user.id) {
        return Err(PageError::forbidden());
    }
    let done = form.done != "0";
    let Some(fid) = item.id else {
        return Err(PageError::not_found());
    };
    match store::set_follow_up_done(&state.db, &reader_of(&current), fid, done).await {
        Ok(_) => {
            // Only local paths: never send the user elsewhere.
            let back = if form.back.starts_with('/') && !form.back.starts_with("//") {
                form.back
            } else {
                format!("/interactions/{}", interaction.id)
            };
            let separator = if back.contains('?') { '&' } else { '?' };
            Ok(Redirect::to(&format!("{back}{separator}notice=saved")).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------

/// One follow-up row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct FollowUpForm {
    pub id: String,
    pub action: String,
    pub owner_id: String,
    pub due_on: String,
    pub done: bool,
}

/// The values of the interaction form, as typed.
#[derive(Debug, Clone, Default)]
pub struct InteractionForm {
    pub version: Option<i64>,
    pub kind: String,
    pub direction: String,
    pub occurred_at: String,
    pub subject: String,
    pub summary: String,
    pub sender_reference: String,
    pub partners: Vec<String>,
    pub contact_ids: Vec<String>,
    pub staff_ids: Vec<String>,
    pub agreement_ids: Vec<String>,
    pub visible_to: Vec<String>,
    pub confidential: bool,
    /// Kept as given (a hidden field): the outreach case it belongs to.
    pub outreach_case_id: String,
    pub follow_ups: Vec<FollowUpForm>,
}

impl InteractionForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = InteractionForm {
            partners: vec![String::new(); PARTNER_SLOTS],
            ..Default::default()
        };
        let mut rows: BTreeMap<usize, FollowUpForm> = BTreeMap::new();
        for (key, value) in pairs {
            if let Some(rest) = key.strip_prefix("follow_ups-") {
                let Some((index, field)) = rest.split_once('-') else {
                    continue;
                };
                let Some(index) = index.parse::<usize>().ok().filter(|i| *i < MAX_ROWS) else {
                    continue;
                };
                let row = rows.entry(index).or_default();
                match field {
                    "id" => row.id = value,
                    "action" => row.action = value,
                    "owner_id" => row.owner_id = value,
                    "due_on" => row.due_on = value,
                    "done" => row.done = value == "1",
                    _ => {}
                }
                continue;
            }
            if let Some(index) = key
                .strip_prefix("partner-")
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|i| *i < PARTNER_SLOTS)
            {
                form.partners[index] = value;
                continue;
            }
            match key.as_str() {
                "version" => form.version = value.trim().parse().ok(),
                "kind" => form.kind = value,
                "direction" => form.direction = value,
                "occurred_at" => form.occurred_at = value,
                "subject" => form.subject = value,
                "summary" => form.summary = value,
                "sender_reference" => form.sender_reference = value,
                "contact_ids" => form.contact_ids.push(value),
                "staff_ids" => form.staff_ids.push(value),
                "agreement_ids" => form.agreement_ids.push(value),
                "visible_to" => form.visible_to.push(value),
                "confidential" => form.confidential = value == "1",
                "outreach_case_id" => form.outreach_case_id = value,
                _ => {}
            }
        }
        form.follow_ups = rows
            .into_values()
            .filter(|r| {
                !(r.action.trim().is_empty()
                    && r.owner_id.trim().is_empty()
                    && r.due_on.trim().is_empty())
            })
            .collect();
        form
    }

    fn from_interaction(i: &Interaction) -> Self {
        let f = &i.fields;
        let text = |ids: &[Uuid]| ids.iter().map(Uuid::to_string).collect::<Vec<_>>();
        let mut partners = text(&f.partner_ids);
        while partners.len() < PARTNER_SLOTS {
            partners.push(String::new());
        }
        let at = accord_store::instant(f.occurred_at);
        InteractionForm {
            version: Some(i.version),
            kind: f.kind.as_str().into(),
            direction: f.direction.as_str().into(),
            occurred_at: format!(
                "{}T{:02}:{:02}",
                values::format_date(at.date()),
                at.hour(),
                at.minute()
            ),
            subject: f.subject.clone(),
            summary: f.summary.clone().unwrap_or_default(),
            sender_reference: f.sender_reference.clone().unwrap_or_default(),
            partners,
            contact_ids: text(&f.contact_ids),
            staff_ids: text(&f.staff_ids),
            agreement_ids: text(&f.agreement_ids),
            visible_to: text(&f.visible_to),
            confidential: f.confidential,
            outreach_case_id: f
                .outreach_case_id
                .map(|o| o.to_string())
                .unwrap_or_default(),
            follow_ups: f
                .follow_ups
                .iter()
                .map(|u| FollowUpForm {
                    id: u.id.map(|i| i.to_string()).unwrap_or_default(),
                    action: u.action.clone(),
                    owner_id: u.owner_id.map(|o| o.to_string()).unwrap_or_default(),
                    due_on: u.due_on.map(values::format_date).unwrap_or_default(),
                    done: u.done,
                })
                .collect(),
        }
    }

    fn to_input(&self) -> InteractionInput {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        InteractionInput {
            kind: opt(&self.kind),
            direction: opt(&self.direction),
            sender_reference: opt(&self.sender_reference),
            subject: opt(&self.subject),
            occurred_at: opt(&self.occurred_at),
            summary: opt(&self.summary),
            partner_ids: list(&self.partners),
            contact_ids: list(&self.contact_ids),
            staff_ids: list(&self.staff_ids),
            agreement_ids: list(&self.agreement_ids),
            outreach_case_id: opt(&self.outreach_case_id),
            confidential: self.confidential,
            visible_to: list(&self.visible_to),
            follow_ups: self
                .follow_ups
                .iter()
                .map(|r| FollowUpInput {
                    id: opt(&r.id),
                    action: opt(&r.action),
                    owner_id: opt(&r.owner_id),
                    due_on: opt(&r.due_on),
                    done: r.done,
                })
                .collect(),
        }
    }
}

/// A partner slot of the form.
pub struct PartnerSlot {
    pub index: usize,
    pub value: String,
    pub name: String,
    pub error: Option<String>,
}

/// A follow-up row of the form, ready to show.
pub struct FollowUpRowView {
    pub index: usize,
    pub legend: String,
    pub row: FollowUpForm,
    pub owners: Vec<Choice>,
    pub action_error: Option<String>,
    pub owner_error: Option<String>,
    pub due_error: Option<String>,
}

#[derive(Template)]
#[template(path = "interaction_form.html")]
struct FormPage {
    page: Page,
    title: String,
    action: String,
    cancel: String,
    form: InteractionForm,
    kinds: Vec<Choice>,
    directions: Vec<Choice>,
    partner_slots: Vec<PartnerSlot>,
    contacts: Vec<Choice>,
    agreements: Vec<Choice>,
    staff: Vec<Choice>,
    visible: Vec<Choice>,
    rows: Vec<FollowUpRowView>,
    errors: FormErrors,
    conflict: bool,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    page: Page,
    current: &CurrentUser,
    existing: Option<&Interaction>,
    form: InteractionForm,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let reader = reader_of(current);
    let (partner_slots, contacts, agreements, staff_users) = {
        let mut partner_slots = Vec::new();
        let mut partner_ids = Vec::new();
        for (index, value) in form.partners.iter().enumerate() {
            let mut name = String::new();
            if let Ok(id) = Uuid::parse_str(value.trim())
                && let Some(p) = partners::find_partner(&state.db, id).await?
            {
                name = p.fields.name.best(tr.lang).to_string();
                partner_ids.push(id);
            }
            partner_slots.push(PartnerSlot {
                index,
                value: value.clone(),
                name,
                error: errors.get(&format!("partner-{index}")),
            });
        }
        let mut contact_choices: Vec<Choice> = Vec::new();
        for pid in &partner_ids {
            for c in contacts::contacts_of_partner(&state.db, *pid).await? {
                let value = c.contact_id.to_string();
                if contact_choices.iter().any(|x| x.value == value) {
                    continue;
                }
                contact_choices.push(Choice {
                    selected: form.contact_ids.contains(&value),
                    label: format!("{} — {}", c.name, c.position.title),
                    value,
                });
            }
        }
        for id in &form.contact_ids {
            if !contact_choices.iter().any(|x| &x.value == id)
                && let Ok(uuid) = Uuid::parse_str(id)
                && let Some(c) = contacts::find_contact(&state.db, uuid).await?
            {
                contact_choices.push(Choice {
                    value: id.clone(),
                    label: c.fields.name,
                    selected: true,
                });
            }
        }
        let mut agreement_choices: Vec<Choice> = Vec::new();
        for pid in &partner_ids {
            let page = agreement_store::list_agreements(
                &state.db,
                &AgreementFilter {
                    partner_id: Some(*pid),
                    ..Default::default()
                },
                &reader,
                agreement_store::default_sort(),
                None,
                50,
            )
            .await?;
            for a in page.items {
                let value = a.id.to_string();
                if agreement_choices.iter().any(|x| x.value == value) {
                    continue;
                }
                agreement_choices.push(Choice {
                    selected: form.agreement_ids.contains(&value),
                    label: format!("{} — {}", a.reference, a.fields.title.best(tr.lang)),
                    value,
                });
            }
        }
        for id in &form.agreement_ids {
            if !agreement_choices.iter().any(|x| &x.value == id)
                && let Ok(uuid) = Uuid::parse_str(id)
                && agreement_store::can_read(&state.db, &reader, uuid).await?
                && let Some(a) = agreement_store::find_agreement(&state.db, uuid).await?
            {
                agreement_choices.push(Choice {
                    value: id.clone(),
                    label: a.reference,
                    selected: true,
                });
            }
        }
        let staff_users: Vec<(String, String)> = users::list_users(&state.db)
            .await?
            .into_iter()
            .filter(|u| u.role.is_staff() && !u.disabled)
            .map(|u| (u.id.to_string(), u.name))
            .collect();
        (
            partner_slots,
            contact_choices,
            agreement_choices,
            staff_users,
        )
    };
    let choose = |selected: &[String]| -> Vec<Choice> {
        staff_users
            .iter()
            .map(|(id, name)| Choice {
                value: id.clone(),
                label: name.clone(),
                selected: selected.contains(id),
            })
            .collect()
    };
    let staff = choose(&form.staff_ids);
    let visible = choose(&form.visible_to);
    let filled = form.follow_ups.len();
    let rows = form
        .follow_ups
        .iter()
        .cloned()
        .chain(std::iter::repeat_n(
            FollowUpForm::default(),
            EMPTY_FOLLOW_UPS,
        ))
        .enumerate()
        .map(|(index, row)| {
            let mut owners = vec![Choice {
                value: String::new(),
                label: tr.t("interactions-no-owner"),
                selected: row.owner_id.is_empty(),
            }];
            owners.extend(choose(std::slice::from_ref(&row.owner_id)));
            let error = |field: &str| errors.get(&format!("follow_ups-{index}-{field}"));
            FollowUpRowView {
                index,
                legend: if index < filled {
                    tr.t1("interactions-follow-up-legend", "number", index + 1)
                } else {
                    tr.t("interactions-follow-up-new")
                },
                owners,
                action_error: error("action"),
                owner_error: error("owner_id"),
                due_error: error("due_on"),
                row,
            }
        })
        .collect();
    let (title, action, cancel) = match existing {
        Some(i) => (
            tr.t1(
                "interactions-edit-title",
                "subject",
                i.fields.subject.as_str(),
            ),
            format!("/interactions/{}", i.id),
            format!("/interactions/{}", i.id),
        ),
        None => (
            tr.t("interactions-new"),
            "/interactions".to_string(),
            "/interactions".to_string(),
        ),
    };
    let template = FormPage {
        title,
        action,
        cancel,
        kinds: kind_choices(&tr, &form.kind),
        directions: direction_choices(&tr, &form.direction),
        partner_slots,
        contacts,
        agreements,
        staff,
        visible,
        rows,
        form,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

/// 403 unless the user may log and edit interactions.
fn require_writer(current: &CurrentUser) -> Result<(), PageError> {
    if current.actor().can_log_interactions() {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    partner_id: String,
    contact_id: String,
    agreement_id: String,
    outreach_case_id: String,
}

async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<NewQuery>,
) -> Result<Response, PageError> {
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let now = accord_store::instant(accord_store::now_micros());
    let mut form = InteractionForm {
        partners: vec![String::new(); PARTNER_SLOTS],
        kind: "meeting".into(),
        direction: "outgoing".into(),
        occurred_at: format!(
            "{}T{:02}:{:02}",
            values::format_date(now.date()),
            now.hour(),
            now.minute()
        ),
        staff_ids: vec![current.user.id.to_string()],
        ..Default::default()
    };
    if Uuid::parse_str(query.partner_id.trim()).is_ok() {
        form.partners[0] = query.partner_id.trim().to_string();
    }
    if Uuid::parse_str(query.contact_id.trim()).is_ok() {
        form.contact_ids.push(query.contact_id.trim().to_string());
    }
    if Uuid::parse_str(query.agreement_id.trim()).is_ok() {
        form.agreement_ids
            .push(query.agreement_id.trim().to_string());
    }
    if Uuid::parse_str(query.outreach_case_id.trim()).is_ok() {
        form.outreach_case_id = query.outreach_case_id.trim().to_string();
    }
    form_page(
        &state,
        page,
        &current,
        None,
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

fn validate(form: &InteractionForm) -> Result<InteractionFields, FieldErrors> {
    form.to_input().validate().map_err(|e| e.0)
}

async fn create_interaction(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = InteractionForm::from_pairs(pairs);
    require_writer(&current)?;
    let page = Page::new(
        &state,
        &current,
        &headers,
        "interactions",
        "/interactions/new".into(),
    );
    let tr = page.tr;
    let result = match validate(&form) {
        Ok(fields) => store::insert_interaction(
            &state.db,
            &reader_of(&current),
            &state.config.org_name,
            &registry_unit(&current),
            fields,
        )
        .await
        .map_err(|e| match e {
            StoreError::Invalid(v) => Ok(v.0),
            other => Err(other),
        }),
        Err(errors) => Err(Ok(errors)),
    };
    match result {
        Ok(i) => {
            Ok(Redirect::to(&format!("/interactions/{}?notice=created", i.id)).into_response())
        }
        Err(Ok(errors)) => {
            let errors = form_errors(&tr, &errors);
            form_page(
                &state,
                page,
                &current,
                None,
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Err(e)) => Err(e.into()),
    }
}

async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Visible(interaction): Visible<Interaction>,
) -> Result<Response, PageError> {
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let form = InteractionForm::from_interaction(&interaction);
    form_page(
        &state,
        page,
        &current,
        Some(&interaction),
        form,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn update_interaction(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Visible(interaction): Visible<Interaction>,
    CsrfForm(current, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = InteractionForm::from_pairs(pairs);
    require_writer(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri));
    let tr = page.tr;
    let fields = match validate(&form) {
        Ok(f) => f,
        Err(errors) => {
            let errors = form_errors(&tr, &errors);
            return form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match store::update_interaction(
        &state.db,
        &reader_of(&current),
        &state.config.org_name,
        &registry_unit(&current),
        interaction.id,
        form.version.unwrap_or(0),
        fields,
    )
    .await
    {
        Ok(updated) => {
            Ok(Redirect::to(&format!("/interactions/{}?notice=saved", updated.id)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            let mut form = form;
            form.version = Some(latest);
            form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                FormErrors::default(),
                true,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            let errors = form_errors(&tr, &v.0);
            form_page(
                &state,
                page,
                &current,
                Some(&interaction),
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------
// Dormant partners
// ---------------------------------------------------------------------------

/// A partner nobody has been in touch with, ready to show.
pub struct DormantView {
    pub id: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub last_contact: String,
    pub last_contact_iso: String,
}

#[derive(Template)]
#[template(path = "interactions_dormant.html")]
struct DormantPage {
    page: Page,
    month_choices: Vec<Choice>,
    rows: Vec<DormantView>,
    total: i64,
    since: String,
    next_href: Option<String>,
    can_write: bool,
}

async fn dormant_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff_only(&current)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    let tr = page.tr;
    let mut errors = FieldErrors::new();
    let params = Params(query);
    let months = parse_months(&params, &mut errors);
    let offset = params
        .get("offset")
        .and_then(|o| o.parse::<i64>().ok())
        .filter(|o| *o >= 0)
        .unwrap_or(0);
    let since = months_before(today(), months);
    let (items, total) =
        store::dormant_partners(&state.db, &reader_of(&current), since, 100, offset).await?;
    let rows = items
        .iter()
        .map(|p| DormantView {
            id: p.id.to_string(),
            name: p.name.best(tr.lang).to_string(),
            country: p.country.clone().unwrap_or_default(),
            kind: tr.label("kind", &p.kind),
            last_contact: p.last_contact.map(|t| tr.date(t)).unwrap_or_default(),
            last_contact_iso: p
                .last_contact
                .map(accord_store::rfc3339)
                .unwrap_or_default(),
        })
        .collect();
    let next = offset + 100;
    Ok(render(&DormantPage {
        month_choices: [3_i64, 6, 12, 24, 36]
            .iter()
            .map(|m| Choice {
                value: m.to_string(),
                label: tr.tn("interactions-months", "count", *m),
                selected: *m == months,
            })
            .collect(),
        rows,
        total,
        since: tr.format_date(since),
        next_href: (next < total)
            .then(|| format!("/partners/dormant?months={months}&offset={next}")),
        can_write: can_write(current.user.role),
        page,
    }))
}
