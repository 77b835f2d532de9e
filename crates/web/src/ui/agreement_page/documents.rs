//! Documents kept with the agreement: the upload form and the download.

use super::*;

pub(super) async fn submit_document(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    let tr = page.tr;
    let section = tr.t("agreement-page-documents");
    let mut problems = Problems::new();
    let fields = match read_upload(multipart).await {
        Ok(fields) => fields,
        // Without the fields the CSRF token is unknown: change nothing, say why.
        Err(error) => {
            if let Some(errors) = upload_field_errors(&error) {
                problems.add_fields(&tr, &errors, "document-");
                return show(&state, &current, page, agreement, problems, error.status).await;
            }
            return error.into_response();
        }
    };
    if !current.check_csrf(fields.csrf.as_deref().unwrap_or("")) {
        return csrf_failed(&state, &current, &headers);
    }
    problems.keep("document-purpose", fields.purpose.as_deref().unwrap_or(""));
    problems.keep("document-note", fields.note.as_deref().unwrap_or(""));
    if !may_add_documents(current.user.role) {
        problems.add("documents", section, tr.t("error-forbidden"));
        return show(
            &state,
            &current,
            page,
            agreement,
            problems,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    match store_document(&state, &current, &agreement, fields, false).await {
        Ok(_) => redirect(&agreement, "document_added", "documents"),
        Err(error) => match upload_field_errors(&error) {
            Some(errors) => {
                problems.add_fields(&tr, &errors, "document-");
                show(&state, &current, page, agreement, problems, error.status).await
            }
            None => error.into_response(),
        },
    }
}

pub(super) async fn download_document(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path((id, document_id)): Path<(String, String)>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    match document_file(&state, &agreement, &document_id).await {
        Ok(response) => response,
        Err(error) if error.status == StatusCode::NOT_FOUND => {
            error_page(page, StatusCode::NOT_FOUND, "not_found")
        }
        Err(error) => error.into_response(),
    }
}
