//! Pages of the communications log: the searchable log, the form to record
//! or change an interaction (partners, contacts, staff, agreements and
//! follow-up rows, all without JavaScript), the interaction's page with its
//! follow-ups to tick off, the partners nobody has been in touch with, and
//! the parts other pages show: a partner's story and health, a person's
//! follow-ups, and a contact's open items with the end of a position.

use crate::AppState;
use crate::api::Params;
use crate::api::interactions::{
    LIST_PARAMS, ListRequest, months_before, parse_list, parse_months, registry_unit,
};
use crate::auth::{CurrentUser, PageUser};
use crate::extract::{CsrfForm, Visible, visible};
use crate::forms::{FormError, FormErrors, opt};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::components::{Choice, query_string};
use crate::ui::history::{HistoryItem, items as history_items};
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

mod dormant;
mod form;
mod list;
mod show;
mod story;

pub use self::story::{
    EndablePosition, FollowUpView, HealthView, OpenItemsView, PartnerStory, StoryItem,
    case_interactions, contact_open_items, follow_up_views, my_follow_ups, partner_story,
};
use self::{dormant::*, form::*, list::*, show::*, story::*};

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
