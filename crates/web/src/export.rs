//! Exports of lists as CSV and XLSX, with translated headers and the same
//! filters and access rules as the list they come from.

use crate::AppState;
use crate::api::partners::{ListRequest, partner_json};
use crate::error::ApiError;
use crate::i18n::Tr;
use accord_store::partners;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The most rows one export holds.
pub const MAX_EXPORT_ROWS: i64 = 100_000;

const PARTNER_COLUMNS: [&str; 17] = [
    "id",
    "name_ar",
    "name_en",
    "name_fr",
    "acronym",
    "kind",
    "country",
    "status",
    "website",
    "email",
    "phone",
    "tags",
    "risk",
    "identifiers",
    "notes",
    "created_at",
    "updated_at",
];

fn partner_row(tr: &Tr, partner: &accord_store::partners::Partner) -> Vec<String> {
    let f = &partner.fields;
    let json = partner_json(partner);
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    vec![
        partner.id.to_string(),
        f.name.ar.clone().unwrap_or_default(),
        f.name.en.clone().unwrap_or_default(),
        f.name.fr.clone().unwrap_or_default(),
        f.acronym.clone().unwrap_or_default(),
        tr.label("kind", f.kind.as_str()),
        f.country.clone().unwrap_or_default(),
        tr.label("status", f.status.as_str()),
        f.website.clone().unwrap_or_default(),
        f.email.clone().unwrap_or_default(),
        f.phone.clone().unwrap_or_default(),
        f.tags.join(", "),
        f.risk
            .map(|r| tr.label("risk", r.as_str()))
            .unwrap_or_default(),
        f.identifiers
            .iter()
            .map(|i| format!("{}: {}", i.scheme, i.value))
            .collect::<Vec<_>>()
            .join("; "),
        f.notes.clone().unwrap_or_default(),
        text("created_at"),
        text("updated_at"),
    ]
}

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Answers the filtered partner list as `csv` or `xlsx`.
pub async fn partners_response(
    state: &AppState,
    tr: &Tr,
    request: &ListRequest,
    format: &str,
) -> Result<Response, ApiError> {
    if !matches!(format, "csv" | "xlsx") {
        return Err(ApiError::field("format", "invalid_choice"));
    }
    let page = partners::list_partners(
        &state.db,
        &request.filter,
        request.sort,
        None,
        MAX_EXPORT_ROWS,
    )
    .await?;
    let headers: Vec<String> = PARTNER_COLUMNS
        .iter()
        .map(|c| {
            tr.try_t(&format!("export-{}", c.replace('_', "-")))
                .unwrap_or_else(|| c.to_string())
        })
        .collect();
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|p| partner_row(tr, p).into_iter().map(defuse).collect())
        .collect();
    let stamp = time::OffsetDateTime::now_utc().date();
    if format == "csv" {
        let bytes = to_csv(&headers, &rows).map_err(|e| ApiError::internal(&e))?;
        Ok(file_response(
            "text/csv; charset=utf-8",
            &format!("partners-{stamp}.csv"),
            bytes,
        ))
    } else {
        let bytes =
            to_xlsx(&headers, &rows, tr.dir() == "rtl").map_err(|e| ApiError::internal(&e))?;
        Ok(file_response(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("partners-{stamp}.xlsx"),
            bytes,
        ))
    }
}

fn file_response(media_type: &'static str, filename: &str, bytes: Vec<u8>) -> Response {
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

/// CSV with a UTF-8 byte-order mark so that spreadsheet programs read Arabic correctly.
pub fn to_csv(headers: &[String], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// One worksheet with a bold header row, right to left for Arabic.
pub fn to_xlsx(
    headers: &[String],
    rows: &[Vec<String>],
    right_to_left: bool,
) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_right_to_left(right_to_left);
    let bold = Format::new().set_bold();
    for (col, title) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &bold)?;
        sheet.set_column_width(col as u16, 22)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, col as u16, cell)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=1+1".into()), "'=1+1");
        assert_eq!(defuse("UNESCO".into()), "UNESCO");
    }

    #[test]
    fn csv_starts_with_bom_and_keeps_arabic() {
        let bytes = to_csv(&["name".into()], &[vec!["منظمة".into()]]).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert!(String::from_utf8(bytes).unwrap().contains("منظمة"));
    }
}
