//! Static files (stylesheet, fonts, the small enhancement script), embedded in
//! the binary so that nothing is read from disk or fetched at run time.

use crate::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

const STYLE: &str = include_str!("../../static/style.css");
const SCRIPT: &str = include_str!("../../static/app.js");

macro_rules! fonts {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../static/fonts/", $name)) as &[u8])),+]
    };
}

/// The embedded fonts (Noto, SIL Open Font License).
static FONTS: &[(&str, &[u8])] = fonts!(
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
);

/// Routes of the static files.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE.as_bytes()) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT.as_bytes()) }),
        )
        .route("/static/fonts/{name}", get(font))
}

fn asset(media_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn font(Path(name): Path<String>) -> Response {
    match FONTS.iter().find(|(n, _)| *n == name) {
        Some((_, bytes)) => asset("font/ttf", bytes),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
