//! Agreement pages besides the single agreement's page: the list with filters,
//! sort, paging and exports; the pipeline board; the create and edit forms;
//! "my work" (review steps assigned to me, my agreements needing action); the
//! cycle times per stage; and the agreements summary of the home page. Every
//! list goes through the store's visibility rules for the reader.
//!
//! One file per feature: `list`, `export`, `board`, `form`, `my_work`,
//! `cycle_times`, `summary`; this module keeps the router and what they share.

use crate::AppState;
use crate::auth::{CurrentUser, PageUser};
use crate::error::ApiError;
use crate::extract::CsrfForm;
use crate::forms::{FormErrors, localized, opt, split_list};
use crate::i18n::Tr;
use crate::page::csrf_failed;
use crate::page::{Page, error_page, render, render_status};
use crate::ui::components::Bar;
use crate::ui::partners::{Choice, SortLink};
use accord_app::AppError;
use accord_app::agreements::{self as uc, PIPELINE, StageSums};
use accord_domain::agreement::{
    AgreementFields, AgreementInput, AgreementKind, AgreementStatus, EntryIntoForce, MoneyInput,
};
use accord_domain::{FieldErrors, Role, values};
use accord_store::agreements::{self, Agreement, AgreementFilter, Reader};
use accord_store::list::{Cursor, Sort};
use accord_store::{StoreError, units, users, work};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use time::Duration;
use uuid::Uuid;

mod board;
mod cycle_times;
mod export;
mod form;
mod list;
mod my_work;
mod summary;

use board::*;
use cycle_times::*;
use export::*;
use form::*;
use list::*;
use my_work::*;
pub use summary::{ExpiringView, HomeAgreements, home_summary};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(list_page).post(create_agreement))
        .route("/agreements/new", get(new_page))
        .route("/agreements/export", get(export))
        .route("/agreements/board", get(board_page))
        .route(
            "/agreements/{id}/edit",
            get(edit_page).post(update_agreement),
        )
        .route("/agreements/cycle-times", get(cycle_times_page))
        .route("/my-work", get(my_work_page))
}

/// Days ahead in which an agreement in force counts as expiring.
pub const EXPIRY_HORIZON_DAYS: i64 = 90;

/// The stages the board shows, in lifecycle order.
pub const BOARD_STAGES: [AgreementStatus; 7] = [
    AgreementStatus::Prospect,
    AgreementStatus::Negotiation,
    AgreementStatus::Review,
    AgreementStatus::Signature,
    AgreementStatus::Validation,
    AgreementStatus::Active,
    AgreementStatus::Suspended,
];

/// Cards per board column.
const BOARD_CARDS: i64 = 20;

/// Partner ids a new agreement's form offers.
const PARTNER_SLOTS: usize = 4;

/// The most partner ids a form takes.
const MAX_PARTNER_SLOTS: usize = 40;

const MICROS_PER_DAY: i64 = 86_400_000_000;

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/agreements".into())
}

fn store_error(page: Page, error: StoreError) -> Response {
    match error {
        StoreError::NotFound => error_page(page, StatusCode::NOT_FOUND, "not_found"),
        other => ApiError::from(other).into_response(),
    }
}

/// The reader of a request, as the store's visibility rules need it.
pub fn reader_of(current: &CurrentUser) -> Reader {
    current.actor()
}

/// Officers and admins create and edit agreements.
fn can_write(current: &CurrentUser) -> bool {
    current.actor().can_write_agreements()
}

fn days_since(micros: i64) -> i64 {
    ((accord_store::now_micros() - micros) / MICROS_PER_DAY).max(0)
}

fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn choices(tr: &Tr, prefix: &str, codes: &[&str], selected: &str) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code.to_string(),
            label: tr.label(prefix, code),
            selected: *code == selected,
        })
        .collect()
}

fn kind_codes() -> Vec<&'static str> {
    AgreementKind::ALL.iter().map(|k| k.as_str()).collect()
}

fn status_codes() -> Vec<&'static str> {
    AgreementStatus::ALL.iter().map(|s| s.as_str()).collect()
}

/// Names of units, users and partners, looked up once per page.
#[derive(Default)]
struct Names {
    units: HashMap<String, String>,
    users: HashMap<Uuid, String>,
    partners: HashMap<Uuid, String>,
}

impl Names {
    async fn load(
        state: &AppState,
        tr: &Tr,
        partner_ids: &[Uuid],
        with_users: bool,
    ) -> Result<Names, StoreError> {
        let units = units::list_units(&state.db)
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), u.name().best(tr.lang).to_string()))
            .collect();
        let users = if with_users {
            users::list_users(&state.db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect()
        } else {
            HashMap::new()
        };
        let partners = work::partner_names(&state.db, partner_ids)
            .await?
            .into_iter()
            .map(|(id, name)| (id, name.best(tr.lang).to_string()))
            .collect();
        Ok(Names {
            units,
            users,
            partners,
        })
    }

    fn unit(&self, code: &str) -> String {
        self.units
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn user(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.users.get(&id).cloned())
            .unwrap_or_default()
    }

    fn parties(&self, ids: &[Uuid]) -> Vec<PartyView> {
        ids.iter()
            .map(|id| PartyView {
                id: id.to_string(),
                name: self
                    .partners
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string()),
            })
            .collect()
    }
}

/// A party as the pages link it.
pub struct PartyView {
    pub id: String,
    pub name: String,
}
