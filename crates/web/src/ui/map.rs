//! The world map of membership, drawn on the server as SVG.

use crate::AppState;
use axum::Router;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
}
