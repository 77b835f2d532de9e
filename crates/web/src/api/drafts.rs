//! `/api/v1/agreements/{id}/versions`: draft versions of an agreement —
//! upload (multipart), list, download, and the word-level redline between
//! two versions. The pages in `ui::drafts` use the same functions.

use super::Params;
use crate::AppState;
use crate::auth::{ApiUser, CurrentUser};
use crate::documents::{
    self, ACCEPTED, DocKind, MAX_DRAFT_BYTES, MAX_UPLOAD_BODY, Redline, attachment_header,
    clean_filename, extract_text_async, file_store,
};
use crate::error::ApiError;
use accord_domain::agreement::allowed_actions;
use accord_domain::{FieldErrors, Role};
use accord_store::agreements::{self, Agreement, Reader};
use accord_store::drafts::{self, Direction, DraftVersion, InsertVersionError, NewVersion};
use accord_store::rfc3339;
use axum::Router;
use axum::body::Bytes;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/agreements/{id}/versions",
            get(list_versions)
                .post(upload_version)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/agreements/{id}/versions/compare", get(compare_versions))
        .route(
            "/agreements/{id}/versions/{number}/file",
            get(download_version),
        )
}

/// The longest note kept with a version, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// The JSON shape of a version.
pub fn version_json(v: &DraftVersion) -> Value {
    json!({
        "number": v.number, "sha256": v.sha256, "size": v.size, "media_type": v.media_type,
        "filename": v.filename, "direction": v.direction, "note": v.note, "round": v.round,
        "author_id": v.author_id, "author_name": v.author_name, "text_available": v.text_available,
        "created_at": rfc3339(v.created_at),
    })
}

/// Who is reading, for the agreement visibility rules.
pub fn reader_of(user: &CurrentUser) -> Reader {
    Reader {
        user_id: user.user.id,
        role: user.user.role,
        unit: user.user.unit.clone(),
        organization_id: user.user.organization_id,
    }
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::not_found())
}

/// The agreement if the user may see it; 404 otherwise.
pub async fn visible_agreement(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Agreement, ApiError> {
    let id = parse_id(id)?;
    if !agreements::can_read(&state.db, &reader_of(user), id).await? {
        return Err(ApiError::not_found());
    }
    agreements::find_agreement(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The agreement a user may upload a draft to now: 404 when they cannot see
/// it, 403 when their role may not upload, 409 `invalid_transition` when the
/// agreement is past negotiation and review.
pub async fn uploadable_agreement(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Agreement, ApiError> {
    let agreement = visible_agreement(state, user, id).await?;
    if !user.actor().can_upload_agreement_files() {
        return Err(ApiError::forbidden());
    }
    if !drafts::OPEN_FOR_DRAFTS.contains(&agreement.status) {
        return Err(wrong_status(&agreement, user.user.role));
    }
    Ok(agreement)
}

fn wrong_status(agreement: &Agreement, role: Role) -> ApiError {
    let allowed: Vec<&str> = allowed_actions(agreement.status, role)
        .into_iter()
        .map(|a| a.as_str())
        .collect();
    let open: Vec<&str> = drafts::OPEN_FOR_DRAFTS.iter().map(|s| s.as_str()).collect();
    ApiError::new(StatusCode::CONFLICT, "invalid_transition").with_details(json!({
        "status": agreement.status.as_str(), "allowed": allowed, "drafts_accepted_in": open,
    }))
}

/// The fields of an upload form, as sent.
#[derive(Debug, Default)]
pub struct UploadFields {
    /// The file's name as sent, and its bytes.
    pub file: Option<(String, Bytes)>,
    pub direction: Option<String>,
    /// Why a document is kept (documents only, not drafts).
    pub purpose: Option<String>,
    pub note: Option<String>,
    /// The CSRF token of a page's form.
    pub csrf: Option<String>,
    /// Names of fields that have no meaning here.
    pub unknown: Vec<String>,
}

fn multipart_error(error: MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request")
    }
}

fn too_large() -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large")
        .with_details(json!({ "max_bytes": MAX_DRAFT_BYTES }))
}

pub async fn read_field(mut field: Field<'_>, limit: usize) -> Result<Option<Bytes>, ApiError> {
    let mut out: Vec<u8> = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if out.len() + chunk.len() > limit {
            // Drain the rest so the answer is not cut off mid-request.
            while field.chunk().await.map_err(multipart_error)?.is_some() {}
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(Bytes::from(out)))
}

/// Reads an upload form: 413 `too_large` when the file is over the limit,
/// 415 when the body is not multipart, 400 when it is malformed.
pub async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<UploadFields, ApiError> {
    let mut multipart = multipart.map_err(|_| {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            .with_details(json!({ "expected": "multipart/form-data" }))
    })?;
    let mut fields = UploadFields::default();
    let mut text_too_long = FieldErrors::new();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" => {
                let filename = field.file_name().unwrap_or("").to_string();
                let bytes = read_field(field, MAX_DRAFT_BYTES)
                    .await?
                    .ok_or_else(too_large)?;
                fields.file = Some((filename, bytes));
            }
            "direction" | "purpose" | "note" | "_csrf" => {
                let Some(bytes) = read_field(field, 16 * 1024).await? else {
                    text_too_long.add(name, "too_long");
                    continue;
                };
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| ApiError::field(&name, "invalid_type"))?;
                match name.as_str() {
                    "direction" => fields.direction = Some(text),
                    "purpose" => fields.purpose = Some(text),
                    "note" => fields.note = Some(text),
                    _ => fields.csrf = Some(text),
                }
            }
            _ => {
                read_field(field, MAX_DRAFT_BYTES).await?;
                fields.unknown.push(name);
            }
        }
    }
    text_too_long.into_result().map_err(ApiError::from)?;
    Ok(fields)
}

/// Checks an upload, stores the file, extracts its text and records the
/// version (restarting the review chain when the agreement is in review).
pub async fn store_upload(
    state: &AppState,
    user: &CurrentUser,
    agreement: &Agreement,
    fields: UploadFields,
    strict: bool,
) -> Result<DraftVersion, ApiError> {
    let mut errors = FieldErrors::new();
    if strict {
        for name in &fields.unknown {
            errors.add(name.clone(), "unknown_field");
        }
        if fields.purpose.is_some() {
            errors.add("purpose", "unknown_field");
        }
    }
    let direction = match fields.direction.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add("direction", "required");
            None
        }
        Some(code) => errors.take("direction", Direction::parse(code)),
    };
    let note = fields
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
    {
        errors.add("note", "too_long");
    }
    match &fields.file {
        None => errors.add("file", "required"),
        Some((_, bytes)) if bytes.is_empty() => errors.add("file", "empty_file"),
        Some(_) => {}
    }
    errors.into_result().map_err(ApiError::from)?;
    let (Some(direction), Some((filename, bytes))) = (direction, fields.file) else {
        return Err(ApiError::field("file", "required"));
    };
    if user.user.role == Role::Partner && direction != Direction::FromPartner {
        return Err(ApiError::forbidden()
            .with_details(json!({ "field": "direction", "allowed": ["from_partner"] })));
    }
    let filename = clean_filename(&filename);
    let kind = documents::sniff(&bytes, &filename).ok_or_else(|| {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            .with_details(json!({ "accepted": ACCEPTED }))
    })?;
    let store = file_store(&state.config);
    let sha256 = store
        .put(bytes.clone())
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let text = extract_text_async(kind, bytes.clone()).await;
    let new = NewVersion {
        direction,
        note: note.as_deref(),
        filename: &filename,
        media_type: kind.media_type(),
        size: bytes.len() as i64,
        sha256: &sha256,
        text: text.as_deref(),
    };
    match drafts::insert_version(&state.db, Some(user.user.id), agreement, &new).await {
        Ok(version) => Ok(version),
        Err(InsertVersionError::WrongStatus(status)) => Err(wrong_status(
            &Agreement {
                status,
                ..agreement.clone()
            },
            user.user.role,
        )),
        Err(InsertVersionError::Store(error)) => Err(error.into()),
    }
}

async fn upload_version(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let agreement = uploadable_agreement(&state, &user, &id).await?;
    let fields = read_upload(multipart).await?;
    let version = store_upload(&state, &user, &agreement, fields, true).await?;
    let location = format!(
        "/api/v1/agreements/{}/versions/{}/file",
        agreement.id, version.number
    );
    let mut response = (StatusCode::CREATED, axum::Json(version_json(&version))).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn list_versions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    let versions = drafts::list_versions(&state.db, agreement.id).await?;
    let items: Vec<Value> = versions.iter().map(version_json).collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

/// The file of a version as a download (`Content-Disposition: attachment`).
pub async fn version_file(
    state: &AppState,
    agreement: &Agreement,
    number: &str,
) -> Result<Response, ApiError> {
    let number: i64 = number.parse().map_err(|_| ApiError::not_found())?;
    let version = drafts::find_version(&state.db, agreement.id, number)
        .await?
        .ok_or_else(ApiError::not_found)?;
    stored_file_download(
        state,
        agreement,
        &version.sha256,
        &version.media_type,
        &version.filename,
    )
    .await
}

/// A file kept with an agreement, read from the file store, as a download
/// (`Content-Disposition: attachment`, `nosniff`, private caching); a file
/// gone from the store is a `404` with `details.reason: file_missing`.
pub async fn stored_file_download(
    state: &AppState,
    agreement: &Agreement,
    sha256: &str,
    media_type: &str,
    filename: &str,
) -> Result<Response, ApiError> {
    let bytes = match file_store(&state.config).get(sha256).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(%sha256, agreement = %agreement.id, "file missing from the file store");
            return Err(ApiError::not_found().with_details(json!({ "reason": "file_missing" })));
        }
        Err(error) => return Err(ApiError::internal(&error)),
    };
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_str(&DocKind::content_type(media_type))
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&attachment_header(filename))
                .unwrap_or(HeaderValue::from_static("attachment")),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("private")),
    ];
    Ok((headers, bytes).into_response())
}

async fn download_version(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, number)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    version_file(&state, &agreement, &number).await
}

fn version_number(params: &Params, key: &str, errors: &mut FieldErrors) -> Option<i64> {
    match params.get(key) {
        None => {
            errors.add(key, "required");
            None
        }
        Some(text) => match text.parse::<i64>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                errors.add(key, "invalid_type");
                None
            }
        },
    }
}

/// The redline between versions `from` and `to` of an agreement: 422 on
/// `from`/`to` when a number is missing, unknown (`unknown_version`) or the
/// version has no text (`no_text`).
pub async fn redline_between(
    state: &AppState,
    agreement: &Agreement,
    from: i64,
    to: i64,
) -> Result<Redline, ApiError> {
    let mut errors = FieldErrors::new();
    let mut texts = Vec::new();
    for (key, number) in [("from", from), ("to", to)] {
        match drafts::find_version(&state.db, agreement.id, number).await? {
            None => errors.add(key, "unknown_version"),
            Some(v) if !v.text_available => errors.add(key, "no_text"),
            Some(_) => {}
        }
        texts.push(
            drafts::find_version_text(&state.db, agreement.id, number)
                .await?
                .unwrap_or_default(),
        );
    }
    errors.into_result().map_err(ApiError::from)?;
    let new = texts.pop().unwrap_or_default();
    let old = texts.pop().unwrap_or_default();
    tokio::task::spawn_blocking(move || documents::redline(&old, &new))
        .await
        .map_err(|e| ApiError::internal(&e))
}

/// Reads `from` and `to` from the query (both required, whole numbers from 1).
pub fn compare_params(params: &Params) -> Result<(i64, i64), FieldErrors> {
    let mut errors = FieldErrors::new();
    let from = version_number(params, "from", &mut errors);
    let to = version_number(params, "to", &mut errors);
    errors.into_result().map_err(|e| e.0)?;
    Ok((from.unwrap_or(1), to.unwrap_or(1)))
}

async fn compare_versions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    let params = Params(query);
    params.only(&["from", "to"])?;
    let (from, to) = compare_params(&params).map_err(|e| ApiError::validation(&e))?;
    let redline = redline_between(&state, &agreement, from, to).await?;
    Ok(axum::Json(json!({
        "from": from, "to": to, "changes": redline.changes, "stats": redline.stats,
    }))
    .into_response())
}
