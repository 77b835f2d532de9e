//! "My work": the review steps assigned to me and my agreements that need action.

use super::*;

/// An open review step on "my work".
pub struct StepView {
    pub agreement_id: String,
    pub reference: String,
    pub title: String,
    pub lead_unit: String,
    pub lead_unit_name: String,
    pub step_no: i64,
    pub opened: String,
    pub due: String,
    pub due_iso: String,
    pub overdue: bool,
    /// Days past the due date (when overdue) or left before it.
    pub days: i64,
}

/// One of my agreements that waits for me.
pub struct OwnedView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub status_code: String,
    pub status: String,
    pub todo: String,
    pub days_in_stage: i64,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub expiring: bool,
}

#[derive(Template)]
#[template(path = "agreements/my_work.html")]
pub(super) struct MyWorkPage {
    pub(super) page: Page,
    pub(super) steps: Vec<StepView>,
    pub(super) owned: Vec<OwnedView>,
    pub(super) overdue_total: i64,
    pub(super) expiring_total: i64,
    pub(super) role: String,
    pub(super) unit: String,
    pub(super) owns_agreements: bool,
    /// The user's open follow-ups from the communications log.
    pub(super) follow_ups: Vec<crate::ui::interactions::FollowUpView>,
}

pub(super) async fn my_work_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "my-work", here(&uri));
    let tr = page.tr;
    let reader = reader_of(&current);
    let today = accord_store::today();
    let horizon = today + Duration::days(EXPIRY_HORIZON_DAYS);
    let loaded = async {
        let steps = work::assigned_steps(&state.db, &reader, 200).await?;
        let owned =
            work::owned_needing_action(&state.db, current.user.id, today, horizon, 200).await?;
        let names = Names::load(&state, &tr, &[], false).await?;
        let follow_ups = crate::ui::interactions::my_follow_ups(&state, &current, &tr).await?;
        Ok::<_, StoreError>((steps, owned, names, follow_ups))
    }
    .await;
    let (steps, owned, names, follow_ups) = match loaded {
        Ok(r) => r,
        Err(e) => return store_error(page, e),
    };
    let steps: Vec<StepView> = steps
        .iter()
        .map(|s| {
            let overdue = s.is_overdue(today);
            StepView {
                agreement_id: s.agreement_id.to_string(),
                reference: s.reference.clone(),
                title: s.title.best(tr.lang).to_string(),
                lead_unit: s.lead_unit.clone(),
                lead_unit_name: names.unit(&s.lead_unit),
                step_no: s.position + 1,
                opened: s.opened_at.map(|o| tr.date(o)).unwrap_or_default(),
                due: tr.iso_date(&s.due_on),
                due_iso: s.due_on.map(values::format_date).unwrap_or_default(),
                overdue,
                days: s
                    .due_on
                    .map(|d| (d - today).whole_days().abs())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let owned: Vec<OwnedView> = owned
        .iter()
        .map(|a| {
            let expiring = a.status.is_in_force();
            OwnedView {
                id: a.id.to_string(),
                reference: a.reference.clone(),
                title: a.title.best(tr.lang).to_string(),
                status_code: a.status.as_str().to_string(),
                status: tr.label("agreement-status", a.status.as_str()),
                todo: if expiring {
                    tr.t("agreements-todo-expiring")
                } else {
                    tr.label("agreements-todo", a.status.as_str())
                },
                days_in_stage: days_since(a.status_since),
                ends_on: tr.iso_date(&a.ends_on),
                ends_on_iso: a.ends_on.map(values::format_date).unwrap_or_default(),
                expiring,
            }
        })
        .collect();
    let template = MyWorkPage {
        overdue_total: steps.iter().filter(|s| s.overdue).count() as i64,
        expiring_total: owned.iter().filter(|o| o.expiring).count() as i64,
        steps,
        owned,
        role: tr.label("role", current.user.role.as_str()),
        unit: current
            .user
            .unit
            .as_deref()
            .map(|u| names.unit(u))
            .unwrap_or_default(),
        owns_agreements: can_write(&current),
        follow_ups,
        page,
    };
    render(&template)
}
