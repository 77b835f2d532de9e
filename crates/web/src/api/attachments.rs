//! Documents kept with an agreement besides its drafts (signed copies, the
//! termination notice, ratification instruments, full powers):
//! `GET`/`POST /api/v1/agreements/{id}/documents` and
//! `GET .../documents/{document_id}/file`. Uploads are multipart, size-limited
//! and typed by their content; the bytes go to the file store.

use crate::AppState;
use crate::api::drafts::{
    MAX_NOTE_CHARS, UploadFields, read_upload, stored_file_download, visible_agreement,
};
use crate::auth::{ApiUser, CurrentUser};
use crate::documents::{
    ACCEPTED_DOCUMENTS, MAX_UPLOAD_BODY, clean_filename, file_store, sniff_document,
};
use crate::error::ApiError;
use accord_domain::{FieldErrors, Role};
use accord_store::agreements::Agreement;
use accord_store::attachments::{self, AgreementDocument, NewDocument, Purpose};
use accord_store::rfc3339;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use uuid::Uuid;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/agreements/{id}/documents",
            get(list_documents)
                .post(upload_document)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/agreements/{id}/documents/{document_id}/file",
            get(download_document),
        )
}

/// Who may add documents to an agreement they see: the people who record
/// signatures, validation and terminations.
pub fn may_add_documents(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Director | Role::Officer | Role::Legal
    )
}

/// A document as the API shows it.
pub fn document_json(agreement_id: Uuid, d: &AgreementDocument) -> Value {
    json!({
        "id": d.id, "purpose": d.purpose.as_str(), "filename": d.filename, "media_type": d.media_type,
        "size": d.size, "sha256": d.sha256, "note": d.note, "uploaded_by": d.uploaded_by,
        "uploaded_by_name": d.uploaded_by_name, "uploaded_at": rfc3339(d.uploaded_at),
        "file_url": format!("/api/v1/agreements/{agreement_id}/documents/{}/file", d.id),
    })
}

/// Checks an upload, puts the file in the file store and records the
/// document (with its audit event). `strict` refuses unknown fields (the API).
pub async fn store_document(
    state: &AppState,
    user: &CurrentUser,
    agreement: &Agreement,
    fields: UploadFields,
    strict: bool,
) -> Result<AgreementDocument, ApiError> {
    let mut errors = FieldErrors::new();
    if strict {
        for name in &fields.unknown {
            errors.add(name.clone(), "unknown_field");
        }
        if fields.direction.is_some() {
            errors.add("direction", "unknown_field");
        }
    }
    let purpose = match fields.purpose.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add("purpose", "required");
            None
        }
        Some(code) => errors.take("purpose", Purpose::parse(code)),
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
    let (Some(purpose), Some((filename, bytes))) = (purpose, fields.file) else {
        return Err(ApiError::field("file", "required"));
    };
    let filename = clean_filename(&filename);
    let media_type = sniff_document(&bytes, &filename).ok_or_else(|| {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            .with_details(json!({ "accepted": ACCEPTED_DOCUMENTS }))
    })?;
    let sha256 = file_store(&state.config)
        .put(bytes.clone())
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let new = NewDocument {
        purpose,
        filename: &filename,
        media_type,
        size: bytes.len() as i64,
        sha256: &sha256,
        note: note.as_deref(),
    };
    Ok(attachments::insert_document(&state.db, Some(user.user.id), agreement.id, &new).await?)
}

async fn upload_document(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    if !may_add_documents(user.user.role) {
        return Err(ApiError::forbidden());
    }
    let fields = read_upload(multipart).await?;
    let document = store_document(&state, &user, &agreement, fields, true).await?;
    let body = document_json(agreement.id, &document);
    let mut response = (StatusCode::CREATED, axum::Json(body)).into_response();
    let location = format!(
        "/api/v1/agreements/{}/documents/{}/file",
        agreement.id, document.id
    );
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn list_documents(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    let documents = attachments::list_documents(&state.db, agreement.id).await?;
    let items: Vec<Value> = documents
        .iter()
        .map(|d| document_json(agreement.id, d))
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

/// The file of a document as a download (`Content-Disposition: attachment`).
pub async fn document_file(
    state: &AppState,
    agreement: &Agreement,
    document_id: &str,
) -> Result<Response, ApiError> {
    let document_id = Uuid::parse_str(document_id).map_err(|_| ApiError::not_found())?;
    let document = attachments::find_document(&state.db, agreement.id, document_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    stored_file_download(
        state,
        agreement,
        &document.sha256,
        &document.media_type,
        &document.filename,
    )
    .await
}

async fn download_document(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, document_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let agreement = visible_agreement(&state, &user, &id).await?;
    document_file(&state, &agreement, &document_id).await
}
