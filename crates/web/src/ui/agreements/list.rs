//! The agreement list: filters, sort, paging, counts by status.

use super::*;

/// The list's parameters, by name.
pub(super) const LIST_KEYS: [&str; 11] = [
    "q",
    "status",
    "kind",
    "lead_unit",
    "partner_id",
    "owner_id",
    "mine",
    "ends_before",
    "ends_after",
    "sort",
    "cursor",
];

/// A parsed list request: the filter, the order, the page, the values kept
/// (bad ones dropped) and what was wrong.
pub(super) struct ListQuery {
    pub(super) filter: AgreementFilter,
    pub(super) sort: Sort,
    pub(super) cursor: Option<Cursor>,
    pub(super) values: HashMap<String, String>,
    pub(super) errors: FieldErrors,
}

impl ListQuery {
    pub(super) fn get(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }

    /// The filter parameters (without sort and cursor), in a fixed order.
    pub(super) fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        LIST_KEYS
            .iter()
            .filter(|k| !matches!(**k, "sort" | "cursor"))
            .map(|k| (*k, self.get(k)))
            .collect()
    }

    pub(super) fn filtered(&self) -> bool {
        self.filter_pairs().iter().any(|(_, v)| !v.is_empty())
    }
}

pub(super) fn parse_list(query: &HashMap<String, String>, me: Uuid) -> ListQuery {
    let mut errors = FieldErrors::new();
    let mut values = HashMap::new();
    let mut filter = AgreementFilter::default();
    let mut sort = agreements::default_sort();
    let mut cursor = None;
    for key in LIST_KEYS {
        let Some(raw) = query.get(key).map(|v| v.trim().to_string()) else {
            continue;
        };
        if raw.is_empty() {
            continue;
        }
        let ok = match key {
            "q" => {
                filter.q = Some(raw.clone());
                true
            }
            "status" => errors
                .take(key, AgreementStatus::parse(&raw))
                .map(|s| filter.status = Some(s))
                .is_some(),
            "kind" => errors
                .take(key, AgreementKind::parse(&raw))
                .map(|k| filter.kind = Some(k))
                .is_some(),
            "lead_unit" => {
                filter.lead_unit = Some(raw.to_ascii_uppercase());
                true
            }
            "partner_id" | "owner_id" => {
                match errors.take(key, Uuid::parse_str(&raw).map_err(|_| "invalid_id")) {
                    Some(id) if key == "partner_id" => {
                        filter.partner_id = Some(id);
                        true
                    }
                    Some(id) => {
                        filter.owner_id = Some(id);
                        true
                    }
                    None => false,
                }
            }
            "mine" => {
                filter.owner_id = Some(me);
                true
            }
            "ends_before" => errors
                .take(key, values::date(&raw))
                .map(|d| filter.ends_before = Some(d))
                .is_some(),
            "ends_after" => errors
                .take(key, values::date(&raw))
                .map(|d| filter.ends_after = Some(d))
                .is_some(),
            "sort" => match Sort::parse(&raw, &agreements::SORTS) {
                Some(s) => {
                    sort = s;
                    true
                }
                None => {
                    errors.add(key, "invalid_sort");
                    false
                }
            },
            _ => match Cursor::decode(&raw) {
                Some(c) => {
                    cursor = Some(c);
                    true
                }
                None => {
                    errors.add(key, "invalid_cursor");
                    false
                }
            },
        };
        if ok {
            values.insert(
                key.to_string(),
                if key == "mine" { "1".into() } else { raw },
            );
        }
    }
    // "Mine" wins over another owner.
    if values.contains_key("mine") {
        values.remove("owner_id");
    }
    ListQuery {
        filter,
        sort,
        cursor,
        values,
        errors,
    }
}

/// A row of the agreement list.
pub struct AgreementRowView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub kind: String,
    pub parties: Vec<PartyView>,
    pub lead_unit: String,
    pub lead_unit_name: String,
    pub status_code: String,
    pub status: String,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub ends_soon: bool,
    pub updated: String,
    pub confidential: bool,
}

pub(super) fn row_view(tr: &Tr, names: &Names, a: &Agreement) -> AgreementRowView {
    let f = &a.fields;
    let today = accord_store::today();
    AgreementRowView {
        id: a.id.to_string(),
        reference: a.reference.clone(),
        title: f.title.best(tr.lang).to_string(),
        kind: tr.label("agreement-kind", f.kind.as_str()),
        parties: names.parties(&f.partner_ids),
        lead_unit: f.lead_unit.clone(),
        lead_unit_name: names.unit(&f.lead_unit),
        status_code: a.status.as_str().to_string(),
        status: tr.label("agreement-status", a.status.as_str()),
        ends_on: tr.iso_date(&f.ends_on),
        ends_on_iso: f.ends_on.map(values::format_date).unwrap_or_default(),
        ends_soon: a.status.is_in_force()
            && f.ends_on
                .is_some_and(|d| d >= today && d <= today + Duration::days(EXPIRY_HORIZON_DAYS)),
        updated: tr.date(a.updated_at),
        confidential: f.confidential,
    }
}

#[derive(Template)]
#[template(path = "agreements/list.html")]
pub(super) struct ListPage {
    pub(super) page: Page,
    pub(super) rows: Vec<AgreementRowView>,
    pub(super) total: i64,
    pub(super) shown: i64,
    pub(super) next_href: Option<String>,
    pub(super) first_href: Option<String>,
    pub(super) q: String,
    pub(super) kinds: Vec<Choice>,
    pub(super) statuses: Vec<Choice>,
    pub(super) units: Vec<Choice>,
    pub(super) partner_id: String,
    pub(super) partner_name: String,
    pub(super) owner_id: String,
    pub(super) owner_name: String,
    pub(super) mine: bool,
    pub(super) ends_before: String,
    pub(super) ends_after: String,
    pub(super) sorts: Vec<SortLink>,
    pub(super) export_query: String,
    pub(super) filter_errors: FormErrors,
    pub(super) filtered: bool,
    pub(super) can_create: bool,
    pub(super) can_export: bool,
}

pub(super) fn unit_choices(
    names: &Names,
    rows: &[accord_store::units::UnitRow],
    selected: &str,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = rows
        .iter()
        .filter(|u| u.active || u.code == selected)
        .map(|u| Choice {
            value: u.code.clone(),
            label: format!("{} ({})", names.unit(&u.code), u.code),
            selected: u.code == selected,
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

pub(super) async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let list_query = parse_list(&query, current.user.id);
    let reader = reader_of(&current);
    let result = agreements::list_agreements(
        &state.db,
        &list_query.filter,
        &reader,
        list_query.sort,
        list_query.cursor.as_ref(),
        50,
    )
    .await;
    let list = match result {
        Ok(list) => list,
        // A cursor that does not fit the order: start again from the first page.
        Err(StoreError::Invalid(_)) => {
            match agreements::list_agreements(
                &state.db,
                &list_query.filter,
                &reader,
                list_query.sort,
                None,
                50,
            )
            .await
            {
                Ok(list) => list,
                Err(e) => return store_error(page, e),
            }
        }
        Err(e) => return store_error(page, e),
    };
    let mut partner_ids: Vec<Uuid> = list
        .items
        .iter()
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    partner_ids.extend(list_query.filter.partner_id);
    let with_users = list_query.filter.owner_id.is_some();
    let names = match Names::load(&state, &tr, &partner_ids, with_users).await {
        Ok(n) => n,
        Err(e) => return store_error(page, e),
    };
    let unit_rows = match units::list_units(&state.db).await {
        Ok(u) => u,
        Err(e) => return store_error(page, e),
    };
    let base = list_query.filter_pairs();
    let sort_param = list_query.sort.param();
    let mut with_sort = base.clone();
    with_sort.push(("sort", sort_param));
    let next_href = list.next_cursor.as_ref().map(|cursor| {
        let mut pairs = with_sort.clone();
        pairs.push(("cursor", cursor.clone()));
        format!("/agreements?{}", query_string(&pairs))
    });
    let first_href = list_query
        .cursor
        .as_ref()
        .map(|_| format!("/agreements?{}", query_string(&with_sort)));
    let sorts = ["reference", "title", "status", "ends_on", "updated_at"]
        .iter()
        .map(|name| {
            let active = list_query.sort.column.name == *name;
            let descending = active && list_query.sort.descending;
            let next = if active && !descending {
                format!("-{name}")
            } else {
                name.to_string()
            };
            let mut pairs = base.clone();
            pairs.push(("sort", next));
            SortLink {
                label: tr.t(&format!("agreements-col-{}", name.replace('_', "-"))),
                href: format!("/agreements?{}", query_string(&pairs)),
                class: match (active, descending) {
                    (false, _) => "sort".into(),
                    (true, true) => "sort sort-desc".into(),
                    (true, false) => "sort sort-asc".into(),
                },
                aria: match (active, descending) {
                    (false, _) => "none".into(),
                    (true, true) => "descending".into(),
                    (true, false) => "ascending".into(),
                },
            }
        })
        .collect();
    let rows: Vec<AgreementRowView> = list
        .items
        .iter()
        .map(|a| row_view(&tr, &names, a))
        .collect();
    let partner_name = list_query
        .filter
        .partner_id
        .and_then(|id| names.partners.get(&id).cloned())
        .unwrap_or_default();
    let owner_id = list_query.get("owner_id");
    let owner_name = Uuid::parse_str(&owner_id)
        .ok()
        .map(|id| names.user(Some(id)))
        .unwrap_or_default();
    let template = ListPage {
        shown: rows.len() as i64,
        rows,
        total: list.total,
        next_href,
        first_href,
        q: list_query.get("q"),
        kinds: choices(
            &tr,
            "agreement-kind",
            &kind_codes(),
            &list_query.get("kind"),
        ),
        statuses: choices(
            &tr,
            "agreement-status",
            &status_codes(),
            &list_query.get("status"),
        ),
        units: unit_choices(&names, &unit_rows, &list_query.get("lead_unit")),
        partner_id: list_query.get("partner_id"),
        partner_name,
        owner_id,
        owner_name,
        mine: !list_query.get("mine").is_empty(),
        ends_before: list_query.get("ends_before"),
        ends_after: list_query.get("ends_after"),
        sorts,
        export_query: query_string(&with_sort),
        filter_errors: FormErrors::from_fields(&tr, &list_query.errors, |f| f.to_string()),
        filtered: list_query.filtered(),
        can_create: can_write(&current),
        can_export: current.user.role.is_staff(),
        page,
    };
    render(&template)
}
