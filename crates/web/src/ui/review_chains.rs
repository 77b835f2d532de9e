//! Administration of the review chains: for each agreement kind, the ordered
//! steps (role, unit or the agreement's lead unit, days allowed) that a
//! submitted agreement goes through. Changes apply to the next submission;
//! chains already running keep their steps.

use crate::AppState;
use crate::auth::PageUser;
use crate::extract::CsrfForm;
use crate::forms::FormErrors;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::admin::{AdminNav, admin_page};
use accord_domain::Role;
use accord_domain::agreement::AgreementKind;
use accord_store::StoreError;
use accord_store::reviews::{self, ChainStep};
use accord_store::units;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::collections::HashMap;

/// The most steps a chain may have in the form.
const ROWS: usize = 6;

/// Roles that may hold a review step.
const STEP_ROLES: [Role; 5] = [
    Role::Technical,
    Role::Legal,
    Role::Director,
    Role::Officer,
    Role::Finance,
];

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/review-chains", get(list_page))
        .route("/admin/review-chains/{kind}", get(edit_page).post(save))
}

/// One kind and its chain, as the overview shows it.
struct ChainView {
    kind: String,
    label: String,
    steps: Vec<String>,
    customised: bool,
}

#[derive(Template)]
#[template(path = "admin/review_chains.html")]
struct ListPage {
    page: Page,
    subnav: AdminNav,
    chains: Vec<ChainView>,
}

fn describe(page: &Page, step: &ChainStep) -> String {
    let role = page.tr.label("role", &step.role);
    let unit = match step.unit.as_deref() {
        Some("lead") => page.tr.t("chains-lead-unit"),
        Some(code) => code.to_string(),
        None => page.tr.t("chains-any-unit"),
    };
    page.tr.targs(
        "chains-step-summary",
        &[
            ("role", role),
            ("unit", unit),
            ("days", step.due_days.to_string()),
        ],
    )
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let mut chains = Vec::new();
    for kind in AgreementKind::ALL {
        let (steps, version) = reviews::chain_for(&state.db, *kind).await?;
        chains.push(ChainView {
            kind: kind.as_str().to_string(),
            label: page.tr.label("agreement-kind", kind.as_str()),
            steps: steps.iter().map(|s| describe(&page, s)).collect(),
            customised: version > 0,
        });
    }
    Ok(render(&ListPage {
        page,
        subnav: AdminNav {
            section: "review-chains",
            on_root: true,
        },
        chains,
    }))
}

/// A row of the form, as typed.
#[derive(Debug, Clone, Default)]
struct StepRow {
    role: String,
    unit: String,
    days: String,
}

/// An option of a select.
struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "admin/review_chain_form.html")]
struct FormPage {
    page: Page,
    subnav: AdminNav,
    kind: String,
    label: String,
    version: i64,
    rows: Vec<StepRow>,
    roles: Vec<Choice>,
    units: Vec<Choice>,
    errors: FormErrors,
    conflict: bool,
}

/// What the form shows besides the page.
struct FormState {
    version: i64,
    rows: Vec<StepRow>,
    errors: FormErrors,
    conflict: bool,
}

async fn form_view(
    state: &AppState,
    page: Page,
    kind: AgreementKind,
    view: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let unit_rows = units::list_units(&state.db).await?;
    let mut unit_choices = vec![
        Choice {
            value: "lead".into(),
            label: page.tr.t("chains-lead-unit"),
        },
        Choice {
            value: String::new(),
            label: page.tr.t("chains-any-unit"),
        },
    ];
    unit_choices.extend(unit_rows.iter().map(|u| Choice {
        value: u.code.clone(),
        label: format!("{} — {}", u.code, u.name().best(page.tr.lang)),
    }));
    let roles = STEP_ROLES
        .iter()
        .map(|r| Choice {
            value: r.as_str().into(),
            label: page.tr.label("role", r.as_str()),
        })
        .collect();
    let FormState {
        version,
        mut rows,
        errors,
        conflict,
    } = view;
    rows.resize(ROWS, StepRow::default());
    let template = FormPage {
        subnav: AdminNav {
            section: "review-chains",
            on_root: false,
        },
        kind: kind.as_str().into(),
        label: page.tr.label("agreement-kind", kind.as_str()),
        version,
        rows,
        roles,
        units: unit_choices,
        errors,
        conflict,
        page,
    };
    Ok(render_status(status, &template))
}

fn parse_kind(text: &str) -> Option<AgreementKind> {
    AgreementKind::parse(text).ok()
}

async fn edit_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(kind): Path<String>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let kind = parse_kind(&kind).ok_or_else(PageError::not_found)?;
    let (steps, version) = reviews::chain_for(&state.db, kind).await?;
    let rows = steps
        .iter()
        .map(|s| StepRow {
            role: s.role.clone(),
            unit: s.unit.clone().unwrap_or_default(),
            days: s.due_days.to_string(),
        })
        .collect();
    form_view(
        &state,
        page,
        kind,
        FormState {
            version,
            rows,
            errors: FormErrors::default(),
            conflict: false,
        },
        StatusCode::OK,
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(kind): Path<String>,
    CsrfForm(current, form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let field = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let page = admin_page(&state, &current, &headers, &uri)?;
    let kind = parse_kind(&kind).ok_or_else(PageError::not_found)?;
    let version: i64 = field("version").parse().unwrap_or(0);
    let rows: Vec<StepRow> = (0..ROWS)
        .map(|i| StepRow {
            role: field(&format!("role_{i}")),
            unit: field(&format!("unit_{i}")),
            days: field(&format!("days_{i}")),
        })
        .filter(|r| !r.role.is_empty())
        .collect();
    let mut errors = accord_domain::FieldErrors::new();
    let steps: Vec<ChainStep> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ChainStep {
            role: r.role.clone(),
            unit: (!r.unit.is_empty()).then(|| r.unit.clone()),
            due_days: r.days.parse().unwrap_or_else(|_| {
                errors.add(format!("steps[{i}].due_days"), "out_of_range");
                0
            }),
        })
        .collect();
    let tr = page.tr;
    let field_id = |f: &str| -> String {
        // steps[i].due_days → days_i, steps[i].role → role_i
        let index: String = f.chars().filter(char::is_ascii_digit).collect();
        if f.contains("due_days") {
            format!("days_{index}")
        } else if f.contains("role") {
            format!("role_{index}")
        } else if f.contains("unit") {
            format!("unit_{index}")
        } else {
            "role_0".into()
        }
    };
    if !errors.is_empty() {
        let shown = FormErrors::from_fields(&tr, &errors, field_id);
        return form_view(
            &state,
            page,
            kind,
            FormState {
                version,
                rows,
                errors: shown,
                conflict: false,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match reviews::save_chain(
        &state.db,
        Some(current.user.id),
        kind,
        &steps,
        Some(version),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/review-chains?notice=saved").into_response()),
        Err(StoreError::Invalid(v)) => {
            let shown = FormErrors::from_fields(&tr, &v.0, field_id);
            form_view(
                &state,
                page,
                kind,
                FormState {
                    version,
                    rows,
                    errors: shown,
                    conflict: false,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            form_view(
                &state,
                page,
                kind,
                FormState {
                    version: latest,
                    rows,
                    errors: FormErrors::default(),
                    conflict: true,
                },
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}
