//! Pages of the communications log: list, record form, follow-ups.

use crate::AppState;
use axum::Router;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
