//! The decision form of the open review step.

use super::*;

/// The decision form of the open review step.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DecisionForm {
    decision: String,
    comment: String,
}

pub(super) async fn submit_decision(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, step_id)): Path<(String, String)>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<DecisionForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let mut problems = Problems::new();
    let decision_id = format!("decision-{step_id}");
    let comment_id = format!("decision-comment-{step_id}");
    problems.keep(&decision_id, &form.decision);
    problems.keep(&comment_id, &form.comment);
    let input = DecisionInput {
        decision: opt(&form.decision),
        comment: opt(&form.comment),
    };
    let section = tr.t("agreement-page-chain");
    let outcome =
        uc::decide_review(&state.db, &current.actor(), agreement.id, &step_id, input).await;
    let status = match outcome {
        Ok((outcome, _)) => {
            let notice = match outcome {
                Outcome::ChainCleared => "review_chain_cleared",
                Outcome::NextStep | Outcome::ChangesRequested | Outcome::Rejected => {
                    "review_decided"
                }
            };
            return redirect(&agreement, notice, "chain");
        }
        Err(AppError::Invalid(errors)) => {
            for code in errors.get("decision") {
                problems.add(
                    &decision_id,
                    tr.t("field-decision"),
                    tr.t(&format!("error-{code}")),
                );
            }
            for code in errors.get("comment") {
                let message = if code == "required" {
                    tr.t("agreement-page-comment-required")
                } else {
                    tr.t(&format!("error-{code}"))
                };
                problems.add(&comment_id, tr.t("field-comment"), message);
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::StepNotOpen) => {
            problems.add("chain", section, tr.t("error-step_not_open"));
            StatusCode::CONFLICT
        }
        Err(AppError::NotAssignee) => {
            problems.add("chain", section, tr.t("error-not_assignee"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::NotFound) => {
            problems.add("chain", section, tr.t("error-step_not_open"));
            StatusCode::NOT_FOUND
        }
        Err(other) => return app_error(other),
    };
    show(&state, &current, page, agreement, problems, status).await
}
