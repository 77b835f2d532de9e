//! Accord's web layer: server-rendered pages under `/` and the JSON API under
//! `/api/v1`, two faces over the same storage services and the same access
//! policy. Both faces authenticate through [`auth`]; pages use session
//! cookies with CSRF tokens, the API bearer tokens (or the session plus the
//! `X-CSRF-Token` header).

pub mod api;
pub mod auth;
pub mod documents;
pub mod error;
pub mod export;
pub mod extract;
pub mod forms;
pub mod page;
pub mod page_error;
pub mod ui;

// The infrastructure lives in its own crates (docs/adr/0009-infrastructure-crates.md);
// these names keep `crate::i18n::Tr`, `crate::mail::summary`… reading as before.
pub use accord_i18n as i18n;
pub use accord_jobs as scheduler;
pub use accord_mail as mail;

use accord_store::Db;
use axum::Router;
use std::sync::Arc;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address users reach Accord at (for links in mail, and to decide on `Secure` cookies).
    pub base_url: String,
    /// The organization's short name, shown in the header.
    pub org_name: String,
    /// The folder for files (draft versions go under `files/` unless kept in S3).
    pub data_dir: std::path::PathBuf,
    /// Where uploaded files are kept: the data directory or an S3-compatible bucket.
    pub file_store: accord_files::FileStoreConfig,
    /// The SMTP relay for notification mail (`smtp://host:port`); none: in-app only.
    pub smtp_url: Option<String>,
}

impl WebConfig {
    /// True when cookies must carry `Secure` (Accord is served over HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<WebConfig>,
}

/// The whole application: pages, API, static files and health checks.
pub fn app(state: AppState) -> Router {
    use tower_http::catch_panic::CatchPanicLayer;
    Router::new()
        .merge(ui::router())
        .nest("/api/v1", api::router())
        .merge(api::health_router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_error::render_page_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page::count_unread,
        ))
        .layer(axum::middleware::from_fn(auth::reject_cross_site))
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(axum::middleware::from_fn(error::localize_api_errors))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
