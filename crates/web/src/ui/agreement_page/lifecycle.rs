//! The move form of the agreement page: lifecycle transitions through the
//! use case, with the refusal shown in the lifecycle section.

use super::*;

/// The move form: one per allowed action.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TransitionForm {
    action: String,
    version: String,
    reason: String,
}

pub(super) async fn submit_transition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<TransitionForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    let section = tr.t("agreement-page-lifecycle");
    let reason_id = format!("reason-{}", form.action.trim());
    problems.keep(&reason_id, &form.reason);
    let input = TransitionInput {
        action: Some(form.action.clone()),
        reason: opt(&form.reason),
        version: form.version.trim().parse::<i64>().ok(),
    };
    let status = match uc::transition(&state.db, &current.actor(), agreement.id, input).await {
        Ok(_) => return redirect(&agreement, "agreement_moved", "lifecycle"),
        Err(AppError::VersionConflict { .. }) => {
            problems.add("lifecycle", section, tr.t("agreement-page-moved-meanwhile"));
            // Show what the agreement looks like now.
            let fresh = match load_visible(&state, &current, &id).await {
                Ok(a) => a,
                Err(e) => return store_error(page, e),
            };
            return show(
                &state,
                &current,
                page,
                fresh,
                problems,
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(AppError::Invalid(errors)) => {
            if !errors.get("action").is_empty() {
                problems.add("lifecycle", section, tr.t("error-invalid_choice"));
            }
            if !errors.get("reason").is_empty() {
                problems.add(
                    &reason_id,
                    tr.t("field-reason"),
                    tr.t("error-reason_required"),
                );
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::InvalidTransition {
            status,
            action: Some(action),
            allowed,
        }) => {
            problems.add(
                "lifecycle",
                section,
                not_allowed(&tr, action, status, &allowed),
            );
            StatusCode::CONFLICT
        }
        Err(AppError::Forbidden) => {
            problems.add("lifecycle", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::NoDraft) => {
            problems.add("drafts", section, tr.t("error-no_draft"));
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// Why an action cannot be taken now, with what can.
pub(super) fn not_allowed(tr: &Tr, action: &str, status: &str, allowed: &[&str]) -> String {
    if allowed.is_empty() {
        tr.targs(
            "agreement-page-not-allowed-none",
            &[
                ("action", tr.label("agreement-action", action)),
                ("status", status_label(tr, status)),
            ],
        )
    } else {
        let list = allowed
            .iter()
            .map(|a| tr.label("agreement-action", a))
            .collect::<Vec<_>>()
            .join(if tr.lang == Lang::Ar { "، " } else { ", " });
        tr.targs(
            "agreement-page-not-allowed",
            &[
                ("action", tr.label("agreement-action", action)),
                ("status", status_label(tr, status)),
                ("allowed", list),
            ],
        )
    }
}
