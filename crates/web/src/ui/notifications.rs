//! Pages of notifications (being written).

use crate::AppState;
use axum::Router;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
