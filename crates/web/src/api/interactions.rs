//! The communications log: interactions and follow-ups.

use crate::AppState;
use axum::Router;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
