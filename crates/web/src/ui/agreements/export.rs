//! The agreement list exported as CSV or Excel, with the same filters.

use super::*;

pub(super) const EXPORT_COLUMNS: [&str; 22] = [
    "id",
    "reference",
    "title_ar",
    "title_en",
    "title_fr",
    "kind",
    "status",
    "partners",
    "lead_unit",
    "owner",
    "confidential",
    "starts_on",
    "ends_on",
    "entry_into_force",
    "auto_renew",
    "notice_days",
    "value",
    "currency",
    "tags",
    "registry_number",
    "created_at",
    "updated_at",
];

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
pub(super) fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

pub(super) fn export_row(tr: &Tr, names: &Names, a: &Agreement) -> Vec<String> {
    let f = &a.fields;
    let yes_no = |b: bool| tr.t(if b { "agreements-yes" } else { "agreements-no" });
    vec![
        a.id.to_string(),
        a.reference.clone(),
        f.title.ar.clone().unwrap_or_default(),
        f.title.en.clone().unwrap_or_default(),
        f.title.fr.clone().unwrap_or_default(),
        tr.label("agreement-kind", f.kind.as_str()),
        tr.label("agreement-status", a.status.as_str()),
        names
            .parties(&f.partner_ids)
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join("; "),
        f.lead_unit.clone(),
        names.user(f.owner_id),
        yes_no(f.confidential),
        f.starts_on.map(values::format_date).unwrap_or_default(),
        f.ends_on.map(values::format_date).unwrap_or_default(),
        tr.label("entry-into-force", f.entry_into_force.as_str()),
        yes_no(f.auto_renew),
        f.notice_days.map(|n| n.to_string()).unwrap_or_default(),
        f.value.map(|m| m.amount_text()).unwrap_or_default(),
        f.value.map(|m| m.currency_code()).unwrap_or_default(),
        f.tags.join(", "),
        a.registry_number.clone().unwrap_or_default(),
        accord_store::rfc3339(a.created_at),
        accord_store::rfc3339(a.updated_at),
    ]
}

pub(super) fn file_response(media_type: &'static str, filename: &str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub(super) async fn export(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tr = Tr::new(crate::page::request_lang(Some(&current.user), &headers));
    if !current.user.role.is_staff() {
        let page = Page::new(
            &state,
            &current,
            &headers,
            "agreements",
            "/agreements".into(),
        );
        return error_page(page, StatusCode::FORBIDDEN, "forbidden");
    }
    let format = query.get("format").map(String::as_str).unwrap_or("csv");
    if !matches!(format, "csv" | "xlsx") {
        return ApiError::field("format", "invalid_choice").into_response();
    }
    let list_query = parse_list(&query, current.user.id);
    if !list_query.errors.is_empty() {
        return ApiError::validation(&list_query.errors).into_response();
    }
    let reader = reader_of(&current);
    let result = agreements::list_agreements(
        &state.db,
        &list_query.filter,
        &reader,
        list_query.sort,
        None,
        crate::export::MAX_EXPORT_ROWS,
    )
    .await;
    let list = match result {
        Ok(list) => list,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let partner_ids: Vec<Uuid> = list
        .items
        .iter()
        .flat_map(|a| a.fields.partner_ids.iter().copied())
        .collect();
    let names = match Names::load(&state, &tr, &partner_ids, true).await {
        Ok(n) => n,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let heads: Vec<String> = EXPORT_COLUMNS
        .iter()
        .map(|c| tr.t(&format!("agreements-export-{}", c.replace('_', "-"))))
        .collect();
    let rows: Vec<Vec<String>> = list
        .items
        .iter()
        .map(|a| export_row(&tr, &names, a).into_iter().map(defuse).collect())
        .collect();
    let stamp = accord_store::today();
    if format == "csv" {
        match crate::export::to_csv(&heads, &rows) {
            Ok(bytes) => file_response(
                "text/csv; charset=utf-8",
                &format!("agreements-{stamp}.csv"),
                bytes,
            ),
            Err(e) => ApiError::internal(&e).into_response(),
        }
    } else {
        match crate::export::to_xlsx(&heads, &rows, tr.dir() == "rtl") {
            Ok(bytes) => file_response(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("agreements-{stamp}.xlsx"),
                bytes,
            ),
            Err(e) => ApiError::internal(&e).into_response(),
        }
    }
}
