//! A partner's story and health, a person's follow-ups, a contact's open items and the end of a position: the parts of the correspondence log that other pages show.

use super::*;

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
    Ok(follow_up_views(tr, &items, accord_store::today()))
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
    let today = accord_store::today();
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
    let today = accord_store::today();
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
pub(super) struct EndForm {
    on: String,
    successor_id: String,
    version: Option<i64>,
}

pub(super) async fn submit_end_position(
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
