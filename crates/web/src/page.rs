//! What every page template needs: the translator, the signed-in user, the
//! CSRF token, the current section, a notice to show and the bell's unread
//! count (counted by the [`count_unread`] middleware); and the rendering of
//! pages and error pages.

use crate::AppState;
use crate::auth::{self, CurrentUser};
use crate::i18n::Tr;
use accord_domain::Lang;
use accord_domain::policy::Action;
use accord_store::users::User;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// The shared context of a page.
#[derive(Debug, Clone)]
pub struct Page {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    /// The main-menu section this page belongs to.
    pub nav: &'static str,
    /// A translated notice (e.g. "Saved.").
    pub notice: Option<String>,
    /// The organization's short name.
    pub org: String,
    /// The path and query of this page, to come back to after switching language.
    pub here: String,
    /// The user's unread notifications (the bell in the header).
    pub unread: i64,
}

/// The notices a page may show after a redirect (`?notice=...`).
const NOTICES: &[&str] = &[
    "created",
    "saved",
    "merged",
    "token_created",
    "password_changed",
    "user_created",
    "logged_out",
    "revoked",
    "agreement_moved",
    "review_decided",
    "review_chain_cleared",
    "signature_recorded",
    "signatures_complete",
    "validation_recorded",
    "agreement_in_force",
    "agreement_comment_added",
    "document_added",
    "outreach_moved",
    "contacts_merged",
];

/// The language of a request: the user's choice, else the `accord_lang` cookie, else `Accept-Language`.
pub fn request_lang(user: Option<&User>, headers: &HeaderMap) -> Lang {
    if let Some(lang) = user.and_then(|u| u.lang) {
        return lang;
    }
    let cookies = axum_extra::extract::CookieJar::from_headers(headers);
    if let Some(lang) = cookies
        .get("accord_lang")
        .and_then(|c| Lang::parse(c.value()))
    {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::En)
}

impl Page {
    /// The context for a signed-in user.
    pub fn new(
        state: &crate::AppState,
        current: &CurrentUser,
        headers: &HeaderMap,
        nav: &'static str,
        here: String,
    ) -> Page {
        let tr = Tr::new(request_lang(Some(&current.user), headers));
        Page {
            tr,
            user: Some(current.user.clone()),
            csrf: current.csrf().to_string(),
            nav,
            notice: None,
            org: state.config.org_name.clone(),
            here,
            unread: unread_from(headers),
        }
    }

    /// The context for a visitor (log-in page).
    pub fn anonymous(state: &crate::AppState, lang: Lang) -> Page {
        Page {
            tr: Tr::new(lang),
            user: None,
            csrf: String::new(),
            nav: "",
            notice: None,
            org: state.config.org_name.clone(),
            here: "/".into(),
            unread: 0,
        }
    }

    /// Shows the notice named by a `?notice=` code, if it is a known one.
    pub fn with_notice(mut self, code: Option<&str>) -> Page {
        if let Some(code) = code.filter(|c| NOTICES.contains(c)) {
            self.notice = Some(self.tr.t(&format!("notice-{}", code.replace('_', "-"))));
        }
        self
    }

    /// True for administrators.
    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == accord_domain::Role::Admin)
    }

    /// True when the user may create and edit partners and contacts.
    pub fn can_edit_registry(&self) -> bool {
        self.actor()
            .is_some_and(|a| a.can_partner(Action::Create, None))
    }

    /// True for the organization's staff.
    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.is_staff())
    }

    fn actor(&self) -> Option<accord_domain::policy::Actor> {
        self.user.as_ref().map(|u| accord_domain::policy::Actor {
            user_id: u.id,
            role: u.role,
            unit: u.unit.clone(),
            organization_id: u.organization_id,
        })
    }

    /// `aria-current="page"` for the current section's menu link.
    pub fn current(&self, section: &str) -> &'static str {
        if self.nav == section { "page" } else { "false" }
    }

    /// The translated label of the user's role.
    pub fn role_label(&self) -> String {
        self.user
            .as_ref()
            .map(|u| self.tr.label("role", u.role.as_str()))
            .unwrap_or_default()
    }
}

/// Renders a template into an HTML response (500 if rendering fails).
pub fn render<T: Template>(template: &T) -> Response {
    render_status(StatusCode::OK, template)
}

/// Renders a template with a status.
pub fn render_status<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// A page saying something went wrong (404, 403, 409...).
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub status: u16,
    pub title: String,
    pub message: String,
}

/// Renders an error page.
pub fn error_page(page: Page, status: StatusCode, code: &str) -> Response {
    let title = page.tr.t(&format!("error-title-{}", status.as_u16()));
    let message = page.tr.try_t(&format!("error-{code}")).unwrap_or_default();
    render_status(
        status,
        &ErrorPage {
            status: status.as_u16(),
            title,
            message,
            page,
        },
    )
}

/// The page shown when a form's CSRF token does not match the session (403).
/// Handlers that take a [`crate::extract::CsrfForm`] never call it themselves.
pub fn csrf_failed(state: &AppState, current: &CurrentUser, headers: &HeaderMap) -> Response {
    let page = Page::new(state, current, headers, "", "/".into());
    error_page(page, StatusCode::FORBIDDEN, "csrf_failed")
}

/// The request header through which [`count_unread`] hands the bell's count
/// to [`Page::new`] (which is synchronous). Any value a client sends is removed.
pub const UNREAD_HEADER: &str = "x-accord-unread";

/// Middleware: for page requests with a session cookie, counts the user's
/// unread notifications (one indexed query) into [`UNREAD_HEADER`].
pub async fn count_unread(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    request.headers_mut().remove(UNREAD_HEADER);
    let path = request.uri().path();
    let is_page = !["/api/", "/static/", "/calendar/", "/healthz", "/readyz"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    if is_page && !request.headers().contains_key(header::AUTHORIZATION) {
        let jar = axum_extra::extract::CookieJar::from_headers(request.headers());
        if let Some(cookie) = jar.get(auth::SESSION_COOKIE) {
            let hash = auth::secret_hash(cookie.value());
            match accord_store::notifications::unread_count_for_session(
                &state.db,
                &hash,
                accord_store::now_micros(),
            )
            .await
            {
                Ok(n) => {
                    request
                        .headers_mut()
                        .insert(UNREAD_HEADER, HeaderValue::from(n));
                }
                Err(error) => tracing::warn!(%error, "cannot count unread notifications"),
            }
        }
    }
    next.run(request).await
}

/// The unread count [`count_unread`] left in the headers (0 when none).
pub fn unread_from(headers: &HeaderMap) -> i64 {
    headers
        .get(UNREAD_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
