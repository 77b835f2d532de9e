//! The signature form (one party at a time) and the validation form.

use super::*;

/// The signature form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SignatureForm {
    party: String,
    signatory: String,
    capacity: String,
    signed_on: String,
    place: String,
    method: String,
    file_sha256: String,
}

pub(super) async fn submit_signature(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<SignatureForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let section = tr.t("agreement-page-signatures");
    let mut problems = Problems::new();
    for (name, value) in [
        ("party", &form.party),
        ("signatory", &form.signatory),
        ("capacity", &form.capacity),
        ("signed_on", &form.signed_on),
        ("place", &form.place),
        ("method", &form.method),
        ("file_sha256", &form.file_sha256),
    ] {
        problems.keep(&format!("sign-{name}"), value);
    }
    let input = SignatureInput {
        party: opt(&form.party),
        signatory: opt(&form.signatory),
        capacity: opt(&form.capacity),
        signed_on: opt(&form.signed_on),
        place: opt(&form.place),
        method: opt(&form.method),
        file_sha256: opt(&form.file_sha256),
    };
    let status = match uc::sign(&state.db, &current.actor(), agreement.id, input).await {
        Ok(updated) => {
            let notice = if updated.status == AgreementStatus::Validation {
                "signatures_complete"
            } else {
                "signature_recorded"
            };
            return redirect(&updated, notice, "signatures");
        }
        Err(AppError::Forbidden) => {
            problems.add("signatures", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::Invalid(errors)) => {
            problems.add_fields(&tr, &errors, "sign-");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::ReviewNotCleared) => {
            problems.add("signatures", section, tr.t("error-review_not_cleared"));
            StatusCode::CONFLICT
        }
        Err(AppError::InvalidTransition { .. }) => {
            problems.add("signatures", section, tr.t("error-wrong_status"));
            StatusCode::CONFLICT
        }
        Err(AppError::AlreadySigned) => {
            problems.add(
                "sign-party",
                tr.t("field-party"),
                tr.t("error-already_signed"),
            );
            StatusCode::CONFLICT
        }
        Err(AppError::VersionConflict { .. }) => {
            problems.add(
                "signatures",
                section,
                tr.t("agreement-page-moved-meanwhile"),
            );
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(other),
    };
    show(&state, &current, page, agreement, problems, status).await
}

/// The validation form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ValidationForm {
    registry_number: String,
    entry_into_force_on: String,
}

pub(super) async fn submit_validation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Visible(agreement): Visible<Agreement>,
    CsrfForm(current, form): CsrfForm<ValidationForm>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id);
    let tr = page.tr;
    let section = tr.t("agreement-page-validation");
    let mut problems = Problems::new();
    problems.keep("validation-registry_number", &form.registry_number);
    problems.keep("validation-entry_into_force_on", &form.entry_into_force_on);
    let validated = uc::validate(
        &state.db,
        &current.actor(),
        agreement.id,
        opt(&form.registry_number),
        opt(&form.entry_into_force_on),
        accord_store::today(),
    )
    .await;
    let status = match validated {
        Ok(updated) => {
            let notice = if updated.status == AgreementStatus::Active {
                "agreement_in_force"
            } else {
                "validation_recorded"
            };
            return redirect(&updated, notice, "lifecycle");
        }
        Err(AppError::Forbidden) => {
            problems.add("validation", section, tr.t("error-forbidden"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::Invalid(errors)) => {
            problems.add_fields(&tr, &errors, "validation-");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(
            AppError::ReviewNotCleared
            | AppError::InvalidTransition { .. }
            | AppError::AlreadySigned,
        ) => {
            problems.add("validation", section, tr.t("error-wrong_status"));
            StatusCode::CONFLICT
        }
        Err(AppError::VersionConflict { .. }) => {
            problems.add(
                "validation",
                section,
                tr.t("agreement-page-moved-meanwhile"),
            );
            StatusCode::CONFLICT
        }
        Err(other) => return app_error(other),
    };
    show(&state, &current, page, agreement, problems, status).await
}
