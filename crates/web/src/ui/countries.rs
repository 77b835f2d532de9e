//! Country pages: every state with the organization's membership status
//! (counts per status, filters, the "unverified" mark of the shipped list),
//! and a country's page with its membership history, its partners, and for
//! administrators the form to change or confirm the membership.

use crate::AppState;
use crate::api::Params;
use crate::api::reference::{
    COUNTRY_PARAMS, MembershipInput, changer_names, filtered_countries, find_country,
    parse_country_filter,
};
use crate::auth::{CurrentUser, PageUser};
use crate::extract::CsrfForm;
use crate::forms::{FormErrors, opt};
use crate::i18n::Tr;
use crate::page::{Page, render, render_status};
use crate::page_error::PageError;
use crate::ui::admin::AdminNav;
use crate::ui::components::{Choice, form_errors};
use accord_domain::{FieldErrors, Lang, values};
use accord_store::StoreError;
use accord_store::countries::{self, CountryRow, MEMBERSHIPS};
use accord_store::partners::{self, PartnerFilter};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/countries", get(list_page))
        .route("/countries/{code}", get(show_page).post(change_membership))
        .route("/countries/{code}/verify", post(confirm_verified))
}

fn here(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/countries".into())
}

/// The page context for staff, or the 403 page for partner users.
fn staff_page(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Page, PageError> {
    if current.actor().can_use_staff_pages() {
        Ok(Page::new(state, current, headers, "countries", here(uri)))
    } else {
        Err(PageError::forbidden())
    }
}

fn since_text(tr: &Tr, since: Option<&str>) -> String {
    since
        .and_then(|s| values::date(s).ok())
        .map(|d| tr.format_date(d))
        .unwrap_or_default()
}

fn membership_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    MEMBERSHIPS
        .iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: tr.label("membership", m),
            selected: *m == selected,
        })
        .collect()
}

// ------------------------------------------------------------------ list

/// A row of the country list.
pub struct CountryRowView {
    pub code: String,
    pub name: String,
    pub oic_member: bool,
    pub membership_code: String,
    pub membership: String,
    pub verified: bool,
    pub since: String,
}

/// A count at the top of the list, linking to its filter.
pub struct StatView {
    pub href: String,
    pub value: i64,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "countries/list.html")]
struct ListPage {
    page: Page,
    subnav: AdminNav,
    rows: Vec<CountryRowView>,
    stats: Vec<StatView>,
    unverified_total: i64,
    q: String,
    memberships: Vec<Choice>,
    verifications: Vec<Choice>,
    filter_errors: FormErrors,
    filtered: bool,
}

async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = staff_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let mut query = query;
    query.retain(|k, _| COUNTRY_PARAMS.contains(&k.as_str()));
    let params = Params(query);
    let (filter, filter_errors) = match parse_country_filter(&params) {
        Ok(filter) => (filter, FieldErrors::new()),
        Err(errors) => {
            // Show the list without the bad values, and say which were wrong.
            let mut clean = params.0.clone();
            clean.retain(|k, _| !errors.0.contains_key(k));
            (
                parse_country_filter(&Params(clean)).unwrap_or_default(),
                errors,
            )
        }
    };
    let all = countries::list_countries(&state.db, None).await?;
    let shown = filtered_countries(&state.db, &filter).await?;
    let count = |m: &str| all.iter().filter(|c| c.membership == m).count() as i64;
    let unverified_total = all.iter().filter(|c| !c.membership_verified).count() as i64;
    let no_other_filter = filter.q.is_none();
    let mut stats: Vec<StatView> = MEMBERSHIPS
        .iter()
        .map(|m| StatView {
            href: format!("/countries?membership={m}"),
            value: count(m),
            label: tr.label("membership", m),
            current: no_other_filter
                && filter.verified.is_none()
                && filter.membership.as_deref() == Some(*m),
        })
        .collect();
    stats.push(StatView {
        href: "/countries?verified=false".into(),
        value: unverified_total,
        label: tr.t("countries-stat-unverified"),
        current: no_other_filter && filter.membership.is_none() && filter.verified == Some(false),
    });
    let mut rows: Vec<CountryRowView> = shown
        .iter()
        .map(|c| CountryRowView {
            code: c.code.clone(),
            name: c.name_in(tr.lang).to_string(),
            oic_member: c.oic_member,
            membership_code: c.membership.clone(),
            membership: tr.label("membership", &c.membership),
            verified: c.membership_verified,
            since: since_text(&tr, c.membership_since.as_deref()),
        })
        .collect();
    rows.sort_by_cached_key(|r| accord_domain::search::normalize(&r.name));
    let verified_param = match filter.verified {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    let verifications = [
        ("true", "countries-verified-only"),
        ("false", "countries-unverified-only"),
    ]
    .iter()
    .map(|(value, key)| Choice {
        value: value.to_string(),
        label: tr.t(key),
        selected: *value == verified_param,
    })
    .collect();
    let template = ListPage {
        subnav: AdminNav {
            section: "countries",
            on_root: true,
        },
        rows,
        stats,
        unverified_total,
        q: filter.q.clone().unwrap_or_default(),
        memberships: membership_choices(&tr, filter.membership.as_deref().unwrap_or("")),
        verifications,
        filter_errors: FormErrors::from_fields(&tr, &filter_errors, |f| f.to_string()),
        filtered: filter.q.is_some() || filter.membership.is_some() || filter.verified.is_some(),
        page,
    };
    Ok(render(&template))
}

// ------------------------------------------------------------------ show

/// One membership change, ready to show.
pub struct ChangeView {
    pub iso: String,
    pub when: String,
    pub membership_code: String,
    pub membership: String,
    pub since: String,
    pub verified: bool,
    pub note: String,
    /// The outreach case that made this change, if one did.
    pub outreach_case: String,
    pub by: String,
}

/// The values of the membership form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MembershipForm {
    pub version: Option<i64>,
    pub membership: String,
    pub membership_since: String,
    pub verified: Option<String>,
    pub note: String,
}

impl MembershipForm {
    fn from_country(country: &CountryRow) -> MembershipForm {
        MembershipForm {
            version: Some(country.version),
            membership: country.membership.clone(),
            membership_since: country.membership_since.clone().unwrap_or_default(),
            verified: country.membership_verified.then(|| "1".to_string()),
            note: String::new(),
        }
    }

    fn to_input(&self) -> MembershipInput {
        MembershipInput {
            membership: opt(&self.membership),
            membership_since: opt(&self.membership_since),
            verified: Some(self.verified.is_some()),
            note: opt(&self.note),
        }
    }
}

const MEMBERSHIP_LABELS: [(&str, &str); 3] = [
    ("membership_since", "countries-field-since"),
    ("verified", "countries-field-verified"),
    ("note", "countries-field-note"),
];

const MEMBERSHIP_ORDER: [&str; 4] = ["membership", "membership_since", "verified", "note"];

#[derive(Template)]
#[template(path = "countries/show.html")]
struct ShowPage {
    page: Page,
    subnav: AdminNav,
    country: CountryRow,
    name: String,
    names: Vec<(String, String)>,
    membership: String,
    since: String,
    partner_count: i64,
    changes: Vec<ChangeView>,
    can_change: bool,
    form: MembershipForm,
    memberships: Vec<Choice>,
    errors: FormErrors,
    conflict: bool,
    map: crate::ui::map::MapSvg,
    /// The country's outreach cases, newest first: id and translated stage.
    outreach: Vec<(String, String)>,
    /// May open an outreach case here (a non-member without an open case, and an editor).
    can_open_case: bool,
}

async fn show_view(
    state: &AppState,
    page: Page,
    country: CountryRow,
    form: Option<MembershipForm>,
    errors: FormErrors,
    conflict: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let (history, names, partner_count, figures, cases) = {
        let history = countries::membership_history(&state.db, &country.code).await?;
        let names = changer_names(&state.db, &history).await?;
        let filter = PartnerFilter {
            country: Some(country.code.clone()),
            ..Default::default()
        };
        let partner_count: i64 = partners::count_partners_by(&state.db, &filter, "country")
            .await?
            .iter()
            .map(|(_, n)| n)
            .sum();
        let reader = page
            .user
            .as_ref()
            .map(|u| accord_store::agreements::Reader {
                user_id: u.id,
                role: u.role,
                unit: u.unit.clone(),
                organization_id: u.organization_id,
            })
            .ok_or(StoreError::NotFound)?;
        let figures = crate::ui::map::figures(state, &reader).await?;
        let filter = accord_store::outreach::CaseFilter {
            country: Some(country.code.clone()),
            ..Default::default()
        };
        let cases = accord_store::outreach::list_cases(
            &state.db,
            &filter,
            accord_store::outreach::default_sort(),
            None,
            20,
        )
        .await?
        .items;
        (history, names, partner_count, figures, cases)
    };
    let changes = history
        .iter()
        .map(|c| ChangeView {
            iso: accord_store::rfc3339(c.changed_at),
            when: tr.datetime(c.changed_at),
            membership_code: c.membership.clone(),
            membership: tr.label("membership", &c.membership),
            since: since_text(&tr, c.since.as_deref()),
            verified: c.verified,
            note: outreach_note(c.note.as_deref()).1,
            outreach_case: outreach_note(c.note.as_deref()).0,
            by: c
                .changed_by
                .as_ref()
                .and_then(|id| names.get(id).cloned())
                .unwrap_or_else(|| tr.t("history-system")),
        })
        .collect();
    let form = form.unwrap_or_else(|| MembershipForm::from_country(&country));
    let map = crate::ui::map::map_svg(&tr, &figures, Some(&country.code));
    let can_open_case = country.membership == "non_member"
        && !cases.iter().any(|c| c.stage.is_open())
        && page
            .user
            .as_ref()
            .is_some_and(|u| accord_domain::outreach::can_edit(u.role));
    let outreach = cases
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                tr.label("outreach-stage", c.stage.as_str()),
            )
        })
        .collect();
    let template = ShowPage {
        map,
        outreach,
        can_open_case,
        subnav: AdminNav {
            section: "countries",
            on_root: false,
        },
        name: country.name_in(tr.lang).to_string(),
        names: Lang::ALL
            .iter()
            .map(|l| (l.code().to_string(), country.name_in(*l).to_string()))
            .collect(),
        membership: tr.label("membership", &country.membership),
        since: since_text(&tr, country.membership_since.as_deref()),
        partner_count,
        changes,
        can_change: page.is_admin(),
        memberships: membership_choices(&tr, &form.membership),
        form,
        errors,
        conflict,
        country,
        page,
    };
    Ok(render_status(status, &template))
}

/// Splits a membership note written by an outreach move (`outreach:<case id> reason`)
/// into the case id and the rest; other notes have no case.
fn outreach_note(note: Option<&str>) -> (String, String) {
    let note = note.unwrap_or_default();
    match note.strip_prefix(accord_store::outreach::OUTREACH_NOTE) {
        Some(rest) => {
            let (id, reason) = rest.split_once(' ').unwrap_or((rest, ""));
            (id.to_string(), reason.to_string())
        }
        None => (String::new(), note.to_string()),
    }
}

/// The country with this code (404 page when there is none).
async fn load_country(state: &AppState, code: &str) -> Result<CountryRow, PageError> {
    find_country(&state.db, code)
        .await?
        .ok_or_else(PageError::not_found)
}

async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let page = staff_page(&state, &current, &headers, &uri)?
        .with_notice(query.get("notice").map(String::as_str));
    let country = load_country(&state, &code).await?;
    show_view(
        &state,
        page,
        country,
        None,
        FormErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

/// The page context for an administrator changing a country, or the 403 page.
fn admin_page(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Page, PageError> {
    if current.actor().is_admin() {
        Ok(Page::new(state, current, headers, "countries", here(uri)))
    } else {
        Err(PageError::forbidden())
    }
}

async fn save(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    country: CountryRow,
    mut form: MembershipForm,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let update = match form.to_input().validate() {
        Ok(update) => update,
        Err(errors) => {
            let errors = form_errors(&tr, &errors, &MEMBERSHIP_LABELS, &[], &MEMBERSHIP_ORDER);
            return show_view(
                state,
                page,
                country,
                Some(form),
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version.unwrap_or(0);
    match countries::update_membership(
        &state.db,
        Some(current.user.id),
        &country.code,
        Some(version),
        &update,
    )
    .await
    {
        Ok(saved) => {
            Ok(Redirect::to(&format!("/countries/{}?notice=saved", saved.code)).into_response())
        }
        Err(StoreError::VersionConflict { current: latest }) => {
            // Keep what the admin chose, and let them save again knowingly over the newer version.
            form.version = Some(latest);
            let fresh = load_country(state, &country.code).await?;
            show_view(
                state,
                page,
                fresh,
                Some(form),
                FormErrors::default(),
                true,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            let errors = form_errors(&tr, &v.0, &MEMBERSHIP_LABELS, &[], &MEMBERSHIP_ORDER);
            show_view(
                state,
                page,
                country,
                Some(form),
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn change_membership(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(code): Path<String>,
    CsrfForm(current, form): CsrfForm<MembershipForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let country = load_country(&state, &code).await?;
    save(&state, &current, page, country, form).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct VerifyForm {
    version: Option<i64>,
}

/// "Confirm as verified": the current status and date, marked verified.
async fn confirm_verified(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path(code): Path<String>,
    CsrfForm(current, form): CsrfForm<VerifyForm>,
) -> Result<Response, PageError> {
    let page = admin_page(&state, &current, &headers, &uri)?;
    let country = load_country(&state, &code).await?;
    let mut membership = MembershipForm::from_country(&country);
    membership.verified = Some("1".into());
    membership.version = form.version;
    save(&state, &current, page, country, membership).await
}
