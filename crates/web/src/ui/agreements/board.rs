//! The pipeline board: agreements by stage, with totals.

use super::*;

/// A card of the board.
pub struct CardView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub parties: Vec<String>,
    pub owner: String,
    pub days: i64,
}

/// A column of the board: a stage with its count and its first cards.
pub struct ColumnView {
    pub code: String,
    pub label: String,
    pub total: i64,
    pub cards: Vec<CardView>,
    /// The list filtered by this stage (and the board's filters).
    pub table_href: String,
}

#[derive(Template)]
#[template(path = "agreements/board.html")]
pub(super) struct BoardPage {
    pub(super) page: Page,
    pub(super) columns: Vec<ColumnView>,
    pub(super) total: i64,
    pub(super) kinds: Vec<Choice>,
    pub(super) units: Vec<Choice>,
    pub(super) owners: Vec<Choice>,
    pub(super) partner_id: String,
    pub(super) partner_name: String,
    pub(super) filtered: bool,
    pub(super) table_href: String,
    pub(super) filter_errors: FormErrors,
}

/// The officers and admins who may own agreements, by name.
pub(super) async fn owner_rows(state: &AppState) -> Result<Vec<users::User>, StoreError> {
    let mut rows: Vec<users::User> = users::list_users(&state.db)
        .await?
        .into_iter()
        .filter(|u| !u.disabled && matches!(u.role, Role::Officer | Role::Admin))
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}

pub(super) fn owner_choices(rows: &[users::User], selected: &str) -> Vec<Choice> {
    rows.iter()
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: u.id.to_string() == selected,
        })
        .collect()
}

pub(super) fn staff_only(
    state: &AppState,
    current: &CurrentUser,
    headers: &HeaderMap,
) -> Option<Response> {
    if current.actor().can_see_staff_views() {
        None
    } else {
        let page = Page::new(state, current, headers, "agreements", "/agreements".into());
        Some(error_page(page, StatusCode::FORBIDDEN, "forbidden"))
    }
}

pub(super) async fn board_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let tr = page.tr;
    let mut query = query;
    query.retain(|k, _| matches!(k.as_str(), "lead_unit" | "kind" | "owner_id" | "partner_id"));
    let board_query = parse_list(&query, current.user.id);
    let reader = reader_of(&current);
    // The longest unchanged first: the cards that wait.
    let sort = Sort {
        column: agreements::SORTS[0],
        descending: false,
    };
    let totals =
        match agreements::count_agreements_by_status(&state.db, &board_query.filter, &reader).await
        {
            Ok(totals) => totals,
            Err(e) => return store_error(page, e),
        };
    let mut lists = Vec::new();
    for stage in BOARD_STAGES {
        let filter = AgreementFilter {
            status: Some(stage),
            ..board_query.filter.clone()
        };
        let total = totals.get(stage.as_str()).copied().unwrap_or(0);
        if total == 0 {
            lists.push((stage, accord_store::list::Page::empty()));
            continue;
        }
        match agreements::page_of_agreements(&state.db, &filter, &reader, sort, None, BOARD_CARDS)
            .await
        {
            Ok(mut list) => {
                list.total = total;
                lists.push((stage, list));
            }
            Err(e) => return store_error(page, e),
        }
    }
    let mut partner_ids: Vec<Uuid> = lists
        .iter()
        .flat_map(|(_, l)| l.items.iter())
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    partner_ids.extend(board_query.filter.partner_id);
    let loaded = async {
        let names = Names::load(&state, &tr, &partner_ids, true).await?;
        let unit_rows = units::list_units(&state.db).await?;
        let owners = owner_rows(&state).await?;
        Ok::<_, StoreError>((names, unit_rows, owners))
    }
    .await;
    let (names, unit_rows, owners) = match loaded {
        Ok(r) => r,
        Err(e) => return store_error(page, e),
    };
    let filter_pairs: Vec<(&str, String)> = ["lead_unit", "kind", "owner_id", "partner_id"]
        .iter()
        .map(|k| (*k, board_query.get(k)))
        .collect();
    let columns: Vec<ColumnView> = lists
        .into_iter()
        .map(|(stage, list)| {
            let mut pairs = vec![("status", stage.as_str().to_string())];
            pairs.extend(filter_pairs.iter().cloned());
            ColumnView {
                code: stage.as_str().to_string(),
                label: tr.label("agreement-status", stage.as_str()),
                total: list.total,
                table_href: format!("/agreements?{}", query_string(&pairs)),
                cards: list
                    .items
                    .iter()
                    .map(|a| CardView {
                        id: a.id.to_string(),
                        reference: a.reference.clone(),
                        title: a.fields.title.best(tr.lang).to_string(),
                        parties: names
                            .parties(&a.fields.partner_ids)
                            .into_iter()
                            .map(|p| p.name)
                            .collect(),
                        owner: names.user(a.fields.owner_id),
                        days: days_since(a.status_since),
                    })
                    .collect(),
            }
        })
        .collect();
    let partner_name = board_query
        .filter
        .partner_id
        .and_then(|id| names.partners.get(&id).cloned())
        .unwrap_or_default();
    let template = BoardPage {
        total: columns.iter().map(|c| c.total).sum(),
        columns,
        kinds: choices(
            &tr,
            "agreement-kind",
            &kind_codes(),
            &board_query.get("kind"),
        ),
        units: unit_choices(&names, &unit_rows, &board_query.get("lead_unit")),
        owners: owner_choices(&owners, &board_query.get("owner_id")),
        partner_id: board_query.get("partner_id"),
        partner_name,
        filtered: board_query.filtered(),
        table_href: format!("/agreements?{}", query_string(&filter_pairs)),
        filter_errors: FormErrors::from_fields(&tr, &board_query.errors, |f| f.to_string()),
        page,
    };
    render(&template)
}
