//! The OpenAPI 3.1 document of the API.

use axum::Json;
use serde_json::{Value, json};

/// The OpenAPI document.
pub fn document() -> Value {
    json!({ "openapi": "3.1.0", "info": { "title": "Accord API", "version": "1" }, "paths": {} })
}

/// `GET /api/v1/openapi.json`.
pub async fn serve_openapi() -> Json<Value> {
    Json(document())
}
