//! The comment form of the agreement page.

use super::*;

/// The comment form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CommentForm {
    body: String,
    version: String,
}

pub(super) async fn submit_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<CommentForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    problems.keep("comment-body", &form.body);
    problems.keep("comment-version", &form.version);
    let version = match opt(&form.version) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.add(
                    "comment-version",
                    tr.t("agreement-page-comment-version"),
                    tr.t("error-invalid_choice"),
                );
                return show(
                    &state,
                    &current,
                    page,
                    agreement,
                    problems,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        },
    };
    match uc::add_comment(
        &state.db,
        &current.actor(),
        agreement.id,
        version,
        &form.body,
    )
    .await
    {
        Ok(_) => redirect(&agreement, "agreement_comment_added", "comments"),
        Err(AppError::Invalid(errors)) => {
            for (field, codes) in &errors.0 {
                let (target, label) = match field.as_str() {
                    "version" => ("comment-version", tr.t("agreement-page-comment-version")),
                    _ => ("comment-body", tr.t("field-comment")),
                };
                for code in codes {
                    let message = tr
                        .try_t(&format!("error-{code}"))
                        .unwrap_or_else(|| tr.t("error-invalid_choice"));
                    problems.add(target, label.clone(), message);
                }
            }
            show(
                &state,
                &current,
                page,
                agreement,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => app_error(e),
    }
}
