//! The partners nobody has been in touch with.

use super::*;

/// A partner nobody has been in touch with, ready to show.
pub struct DormantView {
    pub id: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub last_contact: String,
    pub last_contact_iso: String,
}

#[derive(Template)]
#[template(path = "interactions_dormant.html")]
pub(super) struct DormantPage {
    page: Page,
    month_choices: Vec<Choice>,
    rows: Vec<DormantView>,
    total: i64,
    since: String,
    next_href: Option<String>,
    can_write: bool,
}

pub(super) async fn dormant_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff_only(&current)?;
    let page = Page::new(&state, &current, &headers, "partners", here(&uri));
    let tr = page.tr;
    let mut errors = FieldErrors::new();
    let params = Params(query);
    let months = parse_months(&params, &mut errors);
    let offset = params
        .get("offset")
        .and_then(|o| o.parse::<i64>().ok())
        .filter(|o| *o >= 0)
        .unwrap_or(0);
    let since = months_before(accord_store::today(), months);
    let (items, total) =
        store::dormant_partners(&state.db, &reader_of(&current), since, 100, offset).await?;
    let rows = items
        .iter()
        .map(|p| DormantView {
            id: p.id.to_string(),
            name: p.name.best(tr.lang).to_string(),
            country: p.country.clone().unwrap_or_default(),
            kind: tr.label("kind", &p.kind),
            last_contact: p.last_contact.map(|t| tr.date(t)).unwrap_or_default(),
            last_contact_iso: p
                .last_contact
                .map(accord_store::rfc3339)
                .unwrap_or_default(),
        })
        .collect();
    let next = offset + 100;
    Ok(render(&DormantPage {
        month_choices: [3_i64, 6, 12, 24, 36]
            .iter()
            .map(|m| Choice {
                value: m.to_string(),
                label: tr.tn("interactions-months", "count", *m),
                selected: *m == months,
            })
            .collect(),
        rows,
        total,
        since: tr.format_date(since),
        next_href: (next < total)
            .then(|| format!("/partners/dormant?months={months}&offset={next}")),
        can_write: can_write(current.user.role),
        page,
    }))
}
