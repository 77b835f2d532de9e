//! Pages of the outreach campaign: the board, the funnel and the case page.

use crate::AppState;
use axum::Router;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
