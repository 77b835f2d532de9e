//! The page of one agreement (`GET /agreements/{id}`) and the forms on it:
//! the lifecycle stepper with the moves the reader may make, the review chain
//! with the decision form of the open step, the drafts, the signatures per
//! party, the validation by Legal Affairs, the comments and the timeline.
//!
//! Every form posts to its own route, checks the CSRF token and the rules of
//! the domain and the store, then redirects back to the page with a notice, or
//! shows the page again with what went wrong next to the form (and in a
//! summary at the top that links to it).
//!
//! One file per feature: `show` (loading the page), `view` (its view models),
//! `lifecycle`, `review`, `signatures` (and validation), `discussion`
//! (comments), `documents`; this module keeps the router and what they share.

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

mod discussion;
mod documents;
mod lifecycle;
mod review;
mod show;
mod signatures;
pub mod view;

use discussion::*;
use documents::*;
use lifecycle::*;
use review::*;
use show::*;
use signatures::*;
use view::*;

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
fn app_error(error: AppError) -> Response {
    // The page error renders the error page in the user's language (see page_error).
    crate::page_error::PageError::from(error).into_response()
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
