//! Cycle times per stage, by kind and by lead unit, as bars and tables.

use super::*;

/// A row of a cycle-time table: a kind or a unit, days per stage and in all.
pub struct CycleRow {
    pub label: String,
    pub href: String,
    pub cells: Vec<String>,
    pub total: String,
    pub percent: i64,
    pub agreements: i64,
}

#[derive(Template)]
#[template(path = "agreements/cycle_times.html")]
pub(super) struct CycleTimesPage {
    pub(super) page: Page,
    pub(super) stages: Vec<String>,
    pub(super) overall: Vec<Bar>,
    pub(super) overall_days: Vec<String>,
    pub(super) by_kind: Vec<CycleRow>,
    pub(super) by_unit: Vec<CycleRow>,
}

/// Days with one decimal, in the reader's notation.
pub(super) fn days_text(tr: &Tr, days: f64) -> String {
    let text = format!("{days:.1}");
    match tr.lang {
        accord_domain::Lang::Fr => text.replace('.', ","),
        _ => text,
    }
}

pub(super) fn cycle_rows(tr: &Tr, groups: Vec<(String, String, StageSums)>) -> Vec<CycleRow> {
    let max = groups
        .iter()
        .map(|(_, _, s)| s.pipeline())
        .fold(0.0_f64, f64::max);
    let mut rows: Vec<CycleRow> = groups
        .into_iter()
        .filter(|(_, _, sums)| sums.agreements() > 0)
        .map(|(label, href, sums)| CycleRow {
            label,
            href,
            cells: PIPELINE
                .iter()
                .map(|s| {
                    sums.average(*s)
                        .map(|d| days_text(tr, d))
                        .unwrap_or_else(|| "—".into())
                })
                .collect(),
            total: days_text(tr, sums.pipeline()),
            percent: if max > 0.0 {
                (sums.pipeline() / max * 100.0).round() as i64
            } else {
                0
            },
            agreements: sums.agreements(),
        })
        .collect();
    rows.sort_by(|a, b| b.percent.cmp(&a.percent).then(a.label.cmp(&b.label)));
    rows
}

pub(super) async fn cycle_times_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(denied) = staff_only(&state, &current, &headers) {
        return denied;
    }
    let page = Page::new(&state, &current, &headers, "agreements", here(&uri));
    let tr = page.tr;
    let sums = match uc::cycle_times(&state.db, &current.actor(), accord_store::now_micros()).await
    {
        Ok(sums) => sums,
        Err(error) => return app_error(error),
    };
    let names = match Names::load(&state, &tr, &[], false).await {
        Ok(names) => names,
        Err(e) => return store_error(page, e),
    };
    let uc::CycleSums {
        overall,
        by_kind: kinds,
        by_unit: units,
    } = sums;
    let max = PIPELINE
        .iter()
        .filter_map(|s| overall.average(*s))
        .fold(0.0_f64, f64::max);
    let overall_bars: Vec<Bar> = PIPELINE
        .iter()
        .map(|s| {
            let days = overall.average(*s).unwrap_or(0.0);
            Bar {
                code: s.as_str().to_string(),
                label: tr.label("agreement-status", s.as_str()),
                value: days.round() as i64,
                percent: if max > 0.0 {
                    (days / max * 100.0).round() as i64
                } else {
                    0
                },
            }
        })
        .collect();
    let overall_days = PIPELINE
        .iter()
        .map(|s| {
            overall
                .average(*s)
                .map(|d| days_text(&tr, d))
                .unwrap_or_else(|| "—".into())
        })
        .collect();
    let by_kind = cycle_rows(
        &tr,
        kinds
            .into_iter()
            .map(|(kind, sums)| {
                (
                    tr.label("agreement-kind", &kind),
                    format!("/agreements?kind={}", urlencoding::encode(&kind)),
                    sums,
                )
            })
            .collect(),
    );
    let by_unit = cycle_rows(
        &tr,
        units
            .into_iter()
            .map(|(unit, sums)| {
                (
                    format!("{} ({unit})", names.unit(&unit)),
                    format!("/agreements?lead_unit={}", urlencoding::encode(&unit)),
                    sums,
                )
            })
            .collect(),
    );
    let template = CycleTimesPage {
        stages: PIPELINE
            .iter()
            .map(|s| tr.label("agreement-status", s.as_str()))
            .collect(),
        overall: overall_bars,
        overall_days,
        by_kind,
        by_unit,
        page,
    };
    render(&template)
}
