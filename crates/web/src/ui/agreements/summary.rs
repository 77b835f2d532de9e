//! The agreements summary of the home page.

use super::*;

/// An agreement about to expire, on the home page.
pub struct ExpiringView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub ends_on: String,
    pub ends_on_iso: String,
    pub days_left: i64,
}

/// The agreements at a glance: counts by status and what expires soon.
pub struct HomeAgreements {
    pub by_status: Vec<Bar>,
    pub total: i64,
    pub expiring: Vec<ExpiringView>,
    pub expiring_total: i64,
    pub expiring_href: String,
    pub can_create: bool,
}

/// The agreements summary of the home page, as `current` sees it.
pub async fn home_summary(
    state: &AppState,
    current: &CurrentUser,
    tr: &Tr,
) -> Result<HomeAgreements, StoreError> {
    let reader = reader_of(current);
    let mut counts = Vec::new();
    for status in AgreementStatus::ALL {
        let filter = AgreementFilter {
            status: Some(*status),
            ..Default::default()
        };
        let n = agreements::count_agreements(&state.db, &filter, &reader).await?;
        if n > 0 {
            counts.push((*status, n));
        }
    }
    let total = counts.iter().map(|(_, n)| n).sum();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let by_status = counts
        .into_iter()
        .map(|(status, value)| Bar {
            code: status.as_str().to_string(),
            label: tr.label("agreement-status", status.as_str()),
            value,
            percent: value * 100 / max,
        })
        .collect();
    let today = accord_store::today();
    let horizon = today + Duration::days(EXPIRY_HORIZON_DAYS);
    let (items, expiring_total) = work::expiring(&state.db, &reader, today, horizon, 8).await?;
    let expiring = items
        .iter()
        .map(|a| ExpiringView {
            id: a.id.to_string(),
            reference: a.reference.clone(),
            title: a.title.best(tr.lang).to_string(),
            ends_on: tr.iso_date(&a.ends_on),
            ends_on_iso: a.ends_on.map(values::format_date).unwrap_or_default(),
            days_left: a.ends_on.map(|d| (d - today).whole_days()).unwrap_or(0),
        })
        .collect();
    // The list's date filters are strict: the day before today, the day after the horizon.
    let expiring_href = format!(
        "/agreements?status=active&ends_after={}&ends_before={}&sort=ends_on",
        values::format_date(today - Duration::days(1)),
        values::format_date(horizon + Duration::days(1)),
    );
    Ok(HomeAgreements {
        by_status,
        total,
        expiring,
        expiring_total,
        expiring_href,
        can_create: can_write(current),
    })
}
