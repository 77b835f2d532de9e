//! The home page: the registry at a glance.

use crate::AppState;
use crate::auth::PageUser;
use crate::page::{Page, render};
use accord_store::partners::{self, PartnerFilter};
use accord_store::{contacts, countries};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_home))
}

pub use crate::ui::components::Bar;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    user_name: String,
    partners_total: i64,
    partners_active: i64,
    contacts_total: i64,
    member_states: i64,
    by_kind: Vec<Bar>,
    agreements: crate::ui::agreements::HomeAgreements,
}

async fn show_home(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
) -> Response {
    let page = Page::new(&state, &current, &headers, "home", "/".into());
    let actor = current.actor();
    let filter = PartnerFilter {
        only_id: (!actor.role.is_staff()).then_some(actor.organization_id.unwrap_or_default()),
        ..Default::default()
    };
    let result = async {
        let by_status = partners::count_partners_by(&state.db, &filter, "status").await?;
        let by_kind = partners::count_partners_by(&state.db, &filter, "kind").await?;
        let contacts_total = if actor.role.is_staff() {
            contacts::list_contacts(
                &state.db,
                &Default::default(),
                accord_store::list::Sort {
                    column: contacts::SORTS[0],
                    descending: false,
                },
                None,
                1,
            )
            .await?
            .total
        } else {
            0
        };
        let member_states = countries::list_countries(&state.db, Some("member"))
            .await?
            .len() as i64;
        Ok::<_, accord_store::StoreError>((by_status, by_kind, contacts_total, member_states))
    }
    .await;
    let (by_status, by_kind, contacts_total, member_states) = match result {
        Ok(r) => r,
        Err(error) => return crate::error::ApiError::from(error).into_response(),
    };
    let agreements = match crate::ui::agreements::home_summary(&state, &current, &page.tr).await {
        Ok(a) => a,
        Err(error) => return crate::error::ApiError::from(error).into_response(),
    };
    let partners_total = by_status.iter().map(|(_, n)| n).sum();
    let partners_active = by_status
        .iter()
        .find(|(s, _)| s == "active")
        .map(|(_, n)| *n)
        .unwrap_or(0);
    let max = by_kind.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let by_kind = by_kind
        .into_iter()
        .map(|(code, value)| Bar {
            label: page.tr.label("kind", &code),
            percent: value * 100 / max,
            code,
            value,
        })
        .collect();
    render(&HomePage {
        user_name: current.user.name.clone(),
        page,
        partners_total,
        partners_active,
        contacts_total,
        member_states,
        by_kind,
        agreements,
    })
}
