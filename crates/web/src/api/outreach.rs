//! The outreach campaign: cases and their stage transitions.

use crate::AppState;
use axum::Router;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
