//! The searchable log of interactions.

use super::*;

/// A row of the log.
pub struct RowView {
    pub id: String,
    pub when_iso: String,
    pub when: String,
    pub kind: String,
    pub direction: String,
    pub subject: String,
    pub registry_number: String,
    pub partners: Vec<(String, String)>,
    pub confidential: bool,
    pub open_follow_ups: usize,
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "interactions_list.html")]
pub(super) struct ListPage {
    page: Page,
    rows: Vec<RowView>,
    total: i64,
    shown: i64,
    next_href: Option<String>,
    first_href: Option<String>,
    q: String,
    from: String,
    to: String,
    kinds: Vec<Choice>,
    directions: Vec<Choice>,
    partner: Option<(String, String)>,
    filter_errors: FormErrors,
    filtered: bool,
    export_query: String,
    new_href: String,
    can_write: bool,
}

pub(super) async fn partner_names(
    state: &AppState,
    tr: &Tr,
    items: &[Interaction],
) -> Result<HashMap<Uuid, String>, StoreError> {
    let mut ids: Vec<Uuid> = items
        .iter()
        .flat_map(|i| i.fields.partner_ids.iter().copied())
        .collect();
    ids.sort();
    ids.dedup();
    Ok(partners::find_partners(&state.db, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.fields.name.best(tr.lang).to_string()))
        .collect())
}

pub(super) async fn list_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff_only(&current)?;
    let page = Page::new(&state, &current, &headers, "interactions", here(&uri))
        .with_notice(query.get("notice").map(String::as_str));
    let tr = page.tr;
    let mut query = query;
    query.retain(|k, _| LIST_PARAMS[..12].contains(&k.as_str()));
    let mut params = Params(query);
    let mut errors = FieldErrors::new();
    let mut request = match parse_list(&params) {
        Ok(r) => r,
        Err(bad) => {
            params.0.retain(|k, _| !bad.0.contains_key(k));
            errors = bad;
            parse_list(&params).unwrap_or_else(|_| ListRequest {
                filter: InteractionFilter::default(),
                sort: store::default_sort(),
                cursor: None,
                limit: 50,
            })
        }
    };
    let reader = reader_of(&current);
    let mut partner = None;
    if let Some(pid) = request.filter.partner_id {
        match partners::find_partner(&state.db, pid).await {
            Ok(Some(p)) => {
                partner = Some((p.id.to_string(), p.fields.name.best(tr.lang).to_string()))
            }
            Ok(None) => {
                errors.add("partner_id", "unknown_partner");
                params.0.remove("partner_id");
                request.filter.partner_id = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut result = store::list_interactions(
        &state.db,
        &request.filter,
        &reader,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await;
    if let Err(StoreError::Invalid(_)) = result {
        errors.add("cursor", "invalid_cursor");
        params.0.remove("cursor");
        request.cursor = None;
        result = store::list_interactions(
            &state.db,
            &request.filter,
            &reader,
            request.sort,
            None,
            request.limit,
        )
        .await;
    }
    let list = result?;
    let names = partner_names(&state, &tr, &list.items).await?;
    let p = |k: &str| params.get(k).unwrap_or("").to_string();
    let base_pairs = vec![
        ("q", p("q")),
        ("kind", p("kind")),
        ("direction", p("direction")),
        ("partner_id", p("partner_id")),
        ("contact_id", p("contact_id")),
        ("agreement_id", p("agreement_id")),
        ("from", p("from")),
        ("to", p("to")),
        ("sort", p("sort")),
    ];
    let next_href = list.next_cursor.as_ref().map(|c| {
        let mut pairs = base_pairs.clone();
        pairs.push(("cursor", c.clone()));
        format!("/interactions?{}", query_string(&pairs))
    });
    let first_href = request
        .cursor
        .as_ref()
        .map(|_| format!("/interactions?{}", query_string(&base_pairs)));
    let today = accord_store::today();
    let rows = list
        .items
        .iter()
        .map(|i| RowView {
            id: i.id.to_string(),
            when_iso: format_instant(i.fields.occurred_at),
            when: tr.date(i.fields.occurred_at),
            kind: tr.label("interaction-kind", i.fields.kind.as_str()),
            direction: tr.label("interaction-direction", i.fields.direction.as_str()),
            subject: i.fields.subject.clone(),
            registry_number: i
                .registry_number
                .clone()
                .or_else(|| i.fields.sender_reference.clone())
                .unwrap_or_default(),
            partners: i
                .fields
                .partner_ids
                .iter()
                .filter_map(|id| names.get(id).map(|n| (id.to_string(), n.clone())))
                .collect(),
            confidential: i.fields.confidential,
            open_follow_ups: i.fields.follow_ups.iter().filter(|f| !f.done).count(),
            overdue: i
                .fields
                .follow_ups
                .iter()
                .filter(|f| f.is_overdue(today))
                .count(),
        })
        .collect();
    let filtered = base_pairs[..8].iter().any(|(_, v)| !v.is_empty());
    let new_href = match &partner {
        Some((id, _)) => format!("/interactions/new?partner_id={id}"),
        None => "/interactions/new".into(),
    };
    Ok(render(&ListPage {
        rows,
        total: list.total,
        shown: list.items.len() as i64,
        next_href,
        first_href,
        q: p("q"),
        from: p("from"),
        to: p("to"),
        kinds: kind_choices(&tr, &p("kind")),
        directions: direction_choices(&tr, &p("direction")),
        partner,
        filter_errors: form_errors(&tr, &errors),
        filtered,
        export_query: query_string(&base_pairs[..8]),
        new_href,
        can_write: can_write(current.user.role),
        page,
    }))
}
