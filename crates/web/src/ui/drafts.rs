//! Draft pages: the upload form of a new version, the redline between two
//! versions (insertions in `<ins>`, deletions in `<del>`, each paragraph in
//! its own direction so Arabic reads right to left), and downloads through
//! the session. The checks are those of the API (`api::drafts`).

use crate::AppState;
use crate::api::Params;
use crate::api::drafts::{
    compare_params, read_upload, redline_between, store_upload, uploadable_agreement, version_file,
    visible_agreement,
};
use crate::auth::PageUser;
use crate::documents::{MAX_DRAFT_BYTES, MAX_UPLOAD_BODY, Op, Redline};
use crate::error::ApiError;
use crate::forms::FormErrors;
use crate::i18n::Tr;
use crate::page::{Page, error_page, render, render_status};
use crate::ui::account::csrf_failed;
use crate::ui::partners::Choice;
use accord_domain::{FieldErrors, Role};
use accord_store::agreements::Agreement;
use accord_store::drafts::{self, Direction, DraftVersion};
use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::collections::HashMap;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/agreements/{id}/versions/new",
            get(new_page)
                .post(create_version)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/agreements/{id}/versions/compare", get(compare_page))
        .route("/agreements/{id}/versions/{number}/file", get(download))
}

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into())
}

/// An error page for an API error (404, 403, 409...).
fn failure(page: Page, error: ApiError) -> Response {
    match error.status {
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::CONFLICT => {
            error_page(page, error.status, error.code)
        }
        StatusCode::INTERNAL_SERVER_ERROR => error.into_response(),
        _ => error_page(page, StatusCode::BAD_REQUEST, error.code),
    }
}

/// The title of an agreement in the reader's language.
fn agreement_title(tr: &Tr, agreement: &Agreement) -> String {
    agreement.fields.title.best(tr.lang).to_string()
}

#[derive(Template)]
#[template(path = "drafts/new.html")]
struct NewPage {
    page: Page,
    id: String,
    reference: String,
    agreement_title: String,
    in_review: bool,
    directions: Vec<Choice>,
    note: String,
    max_mb: i64,
    errors: FormErrors,
}

fn direction_choices(tr: &Tr, role: Role, selected: &str) -> Vec<Choice> {
    Direction::ALL
        .into_iter()
        .filter(|d| role != Role::Partner || *d == Direction::FromPartner)
        .map(|d| Choice {
            value: d.as_str().to_string(),
            label: tr.label("drafts-direction", d.as_str()),
            selected: d.as_str() == selected,
        })
        .collect()
}

fn new_form(
    page: Page,
    agreement: &Agreement,
    direction: &str,
    note: &str,
    errors: FormErrors,
) -> NewPage {
    let role = page.user.as_ref().map(|u| u.role).unwrap_or(Role::Viewer);
    let tr = page.tr;
    NewPage {
        id: agreement.id.to_string(),
        reference: agreement.reference.clone(),
        agreement_title: agreement_title(&tr, agreement),
        in_review: agreement.status == accord_domain::agreement::AgreementStatus::Review,
        directions: direction_choices(&tr, role, direction),
        note: note.to_string(),
        max_mb: (MAX_DRAFT_BYTES / (1024 * 1024)) as i64,
        errors,
        page,
    }
}

async fn new_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    match uploadable_agreement(&state, &current, &id).await {
        Ok(agreement) => {
            let default = if current.user.role == Role::Partner {
                "from_partner"
            } else {
                ""
            };
            render(&new_form(
                page,
                &agreement,
                default,
                "",
                FormErrors::default(),
            ))
        }
        Err(error) => failure(page, error),
    }
}

/// Form errors for an upload refused as too large, of the wrong type or invalid.
fn upload_errors(tr: &Tr, error: &ApiError) -> Option<FormErrors> {
    let fields = upload_field_errors(error)?;
    Some(FormErrors::from_fields(tr, &fields, |f| f.to_string()))
}

/// The field errors of a refused upload (too large, wrong type, invalid
/// fields); None for other refusals.
pub fn upload_field_errors(error: &ApiError) -> Option<FieldErrors> {
    let mut fields = FieldErrors::new();
    match error.status {
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            fields.add("file", error.code);
        }
        StatusCode::UNPROCESSABLE_ENTITY => {
            let map = error.details.get("fields")?.as_object()?;
            for (field, codes) in map {
                for code in codes.as_array().into_iter().flatten() {
                    if let Some(code) = code.as_str() {
                        fields.add(field.clone(), code);
                    }
                }
            }
        }
        _ => return None,
    }
    Some(fields)
}

async fn create_version(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let agreement = match uploadable_agreement(&state, &current, &id).await {
        Ok(agreement) => agreement,
        Err(error) => return failure(page, error),
    };
    let fields = match read_upload(multipart).await {
        Ok(fields) => fields,
        Err(error) => {
            // Without the fields the CSRF token is unknown: show the form again, change nothing.
            return match upload_errors(&page.tr, &error) {
                Some(errors) if error.status == StatusCode::PAYLOAD_TOO_LARGE => {
                    render_status(error.status, &new_form(page, &agreement, "", "", errors))
                }
                _ => failure(page, error),
            };
        }
    };
    if !current.check_csrf(fields.csrf.as_deref().unwrap_or("")) {
        return csrf_failed(&state, &current, &headers);
    }
    let direction = fields.direction.clone().unwrap_or_default();
    let note = fields.note.clone().unwrap_or_default();
    match store_upload(&state, &current, &agreement, fields, false).await {
        Ok(_) => Redirect::to(&format!(
            "/agreements/{}?notice=created#drafts",
            agreement.id
        ))
        .into_response(),
        Err(error) => match upload_errors(&page.tr, &error) {
            Some(errors) => render_status(
                error.status,
                &new_form(page, &agreement, &direction, &note, errors),
            ),
            None => failure(page, error),
        },
    }
}

async fn download(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path((id, number)): Path<(String, String)>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let result = match visible_agreement(&state, &current, &id).await {
        Ok(agreement) => version_file(&state, &agreement, &number).await,
        Err(error) => Err(error),
    };
    result.unwrap_or_else(|error| failure(page, error))
}

/// A piece of a redline paragraph.
struct SegmentView {
    op: &'static str,
    text: String,
}

/// One paragraph of the redline.
struct ParagraphView {
    segments: Vec<SegmentView>,
}

/// Splits the redline into paragraphs at line breaks; a line break that was
/// inserted or deleted is shown as a pilcrow inside its mark.
fn paragraphs(redline: &Redline) -> Vec<ParagraphView> {
    let mut out = vec![ParagraphView {
        segments: Vec::new(),
    }];
    for change in &redline.changes {
        let op = change.op.as_str();
        let mut pieces = change.text.split('\n').peekable();
        while let Some(piece) = pieces.next() {
            let last = pieces.peek().is_none();
            let mut text = piece.to_string();
            if !last && change.op != Op::Equal {
                text.push('¶');
            }
            if !text.is_empty()
                && let Some(paragraph) = out.last_mut()
            {
                paragraph.segments.push(SegmentView { op, text });
            }
            if !last {
                out.push(ParagraphView {
                    segments: Vec::new(),
                });
            }
        }
    }
    out
}

/// A row of the version table.
struct VersionRow {
    number: i64,
    round: i64,
    when: String,
    direction: String,
    author: String,
    filename: String,
    note: String,
    text_available: bool,
}

fn version_row(tr: &Tr, v: &DraftVersion) -> VersionRow {
    VersionRow {
        number: v.number,
        round: v.round,
        when: tr.datetime(v.created_at),
        direction: tr.label("drafts-direction", v.direction.as_str()),
        author: v.author_name.clone().unwrap_or_default(),
        filename: v.filename.clone(),
        note: v.note.clone().unwrap_or_default(),
        text_available: v.text_available,
    }
}

#[derive(Template)]
#[template(path = "drafts/compare.html")]
struct ComparePage {
    page: Page,
    id: String,
    reference: String,
    agreement_title: String,
    versions: Vec<VersionRow>,
    from_choices: Vec<Choice>,
    to_choices: Vec<Choice>,
    errors: FormErrors,
    compared: Option<(i64, i64)>,
    redline_title: String,
    paragraphs: Vec<ParagraphView>,
    inserted: i64,
    deleted: i64,
    unchanged: bool,
    can_upload: bool,
}

fn number_choices(tr: &Tr, versions: &[DraftVersion], selected: Option<i64>) -> Vec<Choice> {
    versions
        .iter()
        .map(|v| Choice {
            value: v.number.to_string(),
            label: format!(
                "{} · {}",
                tr.t1("drafts-version-n", "number", v.number),
                tr.date(v.created_at)
            ),
            selected: Some(v.number) == selected,
        })
        .collect()
}

async fn compare_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let tr = page.tr;
    let agreement = match visible_agreement(&state, &current, &id).await {
        Ok(agreement) => agreement,
        Err(error) => return failure(page, error),
    };
    let versions = match drafts::list_versions(&state.db, agreement.id).await {
        Ok(versions) => versions,
        Err(error) => return failure(page, error.into()),
    };
    let mut params = query;
    params.retain(|k, v| (k == "from" || k == "to") && !v.trim().is_empty());
    // Without a choice, the last two versions.
    if params.is_empty() && versions.len() >= 2 {
        let n = versions.len();
        params.insert("from".into(), versions[n - 2].number.to_string());
        params.insert("to".into(), versions[n - 1].number.to_string());
    }
    let mut errors = FieldErrors::new();
    let mut compared = None;
    let mut redline = None;
    if !params.is_empty() {
        match compare_params(&Params(params.clone())) {
            Err(e) => errors = e,
            Ok((from, to)) => match redline_between(&state, &agreement, from, to).await {
                Ok(r) => {
                    compared = Some((from, to));
                    redline = Some(r);
                }
                Err(error) if error.status == StatusCode::UNPROCESSABLE_ENTITY => {
                    if let Some(map) = error.details.get("fields").and_then(|f| f.as_object()) {
                        for (field, codes) in map {
                            for code in codes.as_array().into_iter().flatten() {
                                if let Some(code) = code.as_str() {
                                    errors.add(field.clone(), code);
                                }
                            }
                        }
                    }
                }
                Err(error) => return failure(page, error),
            },
        }
    }
    let selected = |key: &str| params.get(key).and_then(|v| v.trim().parse::<i64>().ok());
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let form_errors = FormErrors::from_fields(&tr, &errors, |f| format!("compare-{f}"));
    let (inserted, deleted) = redline
        .as_ref()
        .map(|r| (r.stats.inserted, r.stats.deleted))
        .unwrap_or((0, 0));
    let unchanged = redline
        .as_ref()
        .is_some_and(|r| r.changes.iter().all(|c| c.op == Op::Equal));
    let template = ComparePage {
        id: agreement.id.to_string(),
        reference: agreement.reference.clone(),
        agreement_title: agreement_title(&tr, &agreement),
        versions: versions.iter().map(|v| version_row(&tr, v)).collect(),
        from_choices: number_choices(&tr, &versions, selected("from")),
        to_choices: number_choices(&tr, &versions, selected("to")),
        errors: form_errors,
        compared,
        redline_title: compared
            .map(|(from, to)| {
                tr.targs(
                    "drafts-redline-title",
                    &[("from", from.to_string()), ("to", to.to_string())],
                )
            })
            .unwrap_or_default(),
        paragraphs: redline.as_ref().map(paragraphs).unwrap_or_default(),
        inserted,
        deleted,
        unchanged,
        can_upload: current.actor().can_upload_agreement_files()
            && drafts::OPEN_FOR_DRAFTS.contains(&agreement.status),
        page,
    };
    render_status(status, &template)
}
