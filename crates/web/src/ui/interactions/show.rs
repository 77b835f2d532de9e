//! One interaction's page, and ticking off its follow-ups.

use super::*;

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
pub(super) struct ShowPage {
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

pub(super) async fn user_names(state: &AppState) -> Result<HashMap<Uuid, String>, StoreError> {
    Ok(users::list_users(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

pub(super) async fn show_page(
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
    let today = accord_store::today();
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
pub(super) struct TickForm {
    done: String,
    back: String,
}

pub(super) async fn submit_follow_up(
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
