//! Typed extractors for page handlers, so that a handler starts with what it
//! needs already checked:
//!
//! - [`CsrfForm<T>`]: the signed-in user and a url-encoded form whose `_csrf`
//!   field matches the session (else the 403 CSRF page);
//! - [`Visible<R>`]: the record named by the `{id}` path segment, if it
//!   exists and the user may see it (else the 404 page; some records answer
//!   403 first for roles that may not use their pages at all).
//!
//! ```ignore
//! async fn update_partner(
//!     State(state): State<AppState>,
//!     headers: HeaderMap,
//!     uri: Uri,
//!     Visible(partner): Visible<Partner>,
//!     CsrfForm(current, form): CsrfForm<PartnerForm>,
//! ) -> Result<Response, PageError> { ... }
//! ```
//!
//! Both look the user up once per request (see [`PageUser`]).

use crate::AppState;
use crate::auth::{CurrentUser, PageUser};
use crate::page_error::PageError;
use accord_domain::policy::Action;
use accord_store::StoreError;
use accord_store::contacts::{self, Contact};
use accord_store::interactions::{self, Interaction};
use accord_store::outreach::{self, Case};
use accord_store::partners::{self, Partner};
use axum::Form;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::future::Future;
use uuid::Uuid;

/// A url-encoded form sent by the signed-in user, its CSRF token checked:
/// `CsrfForm(current, form)`. The form type needs no `_csrf` field.
///
/// Rejections: the log-in redirect without a session; the 403 CSRF page when
/// `_csrf` does not match the session's token (token clients have no CSRF
/// token to send); otherwise what axum's [`Form`] answers for a body it
/// cannot read. Take it as the handler's last argument (it reads the body).
#[derive(Debug, Clone)]
pub struct CsrfForm<T>(pub CurrentUser, pub T);

/// The one field [`CsrfForm`] reads for itself.
#[derive(Deserialize)]
struct CsrfField {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// The body again as a request, for axum's [`Form`] to parse with its own rules.
fn form_request(parts: &Parts, body: Bytes) -> Request {
    let mut request = Request::new(Body::from(body));
    *request.method_mut() = parts.method.clone();
    *request.uri_mut() = parts.uri.clone();
    *request.headers_mut() = parts.headers.clone();
    request
}

impl<T> FromRequest<AppState> for CsrfForm<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let PageUser(current) = PageUser::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(clone_head(&parts), body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let submitted = Form::<CsrfField>::from_request(form_request(&parts, bytes.clone()), state)
            .await
            .map(|Form(field)| field.csrf)
            .unwrap_or_default();
        if !current.check_csrf(&submitted) {
            return Err(PageError::CsrfFailed.into_response());
        }
        let Form(form) = Form::<T>::from_request(form_request(&parts, bytes), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(CsrfForm(current, form))
    }
}

/// The head of a request without its extensions (which cannot be cloned).
fn clone_head(parts: &Parts) -> Parts {
    let (mut head, ()) = Request::new(()).into_parts();
    head.method = parts.method.clone();
    head.uri = parts.uri.clone();
    head.version = parts.version;
    head.headers = parts.headers.clone();
    head
}

/// A record a page shows by its id, loaded only for users who may see it.
pub trait VisibleRecord: Sized + Send {
    /// The record with this id, or the error page to answer: 404 when it does
    /// not exist or the user may not see it (never revealing which), 403 when
    /// the user's role may not use these pages at all.
    fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> impl Future<Output = Result<Self, PageError>> + Send;
}

/// The record named by the `{id}` path segment, if the user may see it:
/// `Visible(partner): Visible<Partner>`. Answers the 404 page for an id that
/// is not a UUID, a record that does not exist or one the user may not see.
#[derive(Debug, Clone)]
pub struct Visible<R>(pub R);

impl<R: VisibleRecord> FromRequestParts<AppState> for Visible<R> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let PageUser(current) = PageUser::from_request_parts(parts, state).await?;
        let id = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|Path(params)| params.get("id").cloned())
            .unwrap_or_default();
        visible(state, &current, &id)
            .await
            .map(Visible)
            .map_err(IntoResponse::into_response)
    }
}

/// The record with this id (as text, e.g. from a form) if the user may see
/// it: what [`Visible`] does, for ids that do not come from the path.
pub async fn visible<R: VisibleRecord>(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<R, PageError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| PageError::not_found())?;
    R::load_visible(state, current, id).await
}

/// Not found as a page error, for `Option`s from the store.
fn found<R>(record: Result<Option<R>, StoreError>) -> Result<R, PageError> {
    record?.ok_or_else(PageError::not_found)
}

impl VisibleRecord for accord_store::agreements::Agreement {
    async fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> Result<Self, PageError> {
        Ok(accord_app::agreements::visible(&state.db, &current.actor(), id).await?)
    }
}

impl VisibleRecord for Partner {
    async fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> Result<Self, PageError> {
        let partner = found(partners::find_partner(&state.db, id).await)?;
        if current.actor().can_partner(Action::Read, Some(partner.id)) {
            Ok(partner)
        } else {
            Err(PageError::not_found())
        }
    }
}

impl VisibleRecord for Contact {
    async fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> Result<Self, PageError> {
        let contact = found(contacts::find_contact(&state.db, id).await)?;
        if current
            .actor()
            .can_contact(Action::Read, &contact.partner_ids())
        {
            Ok(contact)
        } else {
            Err(PageError::not_found())
        }
    }
}

/// Interactions are staff pages: other roles get 403 before any lookup.
impl VisibleRecord for Interaction {
    async fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> Result<Self, PageError> {
        if !current.user.role.is_staff() {
            return Err(PageError::forbidden());
        }
        let interaction = found(interactions::find_interaction(&state.db, id).await)?;
        if interaction.readable_by(&current.reader()) {
            Ok(interaction)
        } else {
            Err(PageError::not_found())
        }
    }
}

/// Outreach cases are staff pages: other roles get 403 before any lookup.
impl VisibleRecord for Case {
    async fn load_visible(
        state: &AppState,
        current: &CurrentUser,
        id: Uuid,
    ) -> Result<Self, PageError> {
        if !accord_domain::outreach::can_read(current.user.role) {
            return Err(PageError::forbidden());
        }
        found(outreach::find_case(&state.db, id).await)
    }
}
