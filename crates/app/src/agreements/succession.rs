//! Successors of an agreement in force: renewals (a new agreement linked by
//! `renews_id`, starting the day after and lasting as long) and amendments
//! (a linked record with its own review chain), and the consolidated terms:
//! the agreement with each amendment in force applied in order.

use super::visible;
use crate::{Actor, AppError, AppResult};
use accord_domain::agreement::{self, AgreementFields, AgreementStatus};
use accord_store::Db;
use accord_store::agreements::{self as store, Agreement};
use accord_store::comments;
use std::collections::BTreeMap;
use time::Date;
use uuid::Uuid;

/// The proposed terms of a renewal of agreement `id`: its consolidated terms,
/// dated to follow it. Only for an agreement in force without a live successor.
pub async fn renew(db: &Db, actor: &Actor, id: Uuid) -> AppResult<AgreementFields> {
    let current = visible(db, actor, id).await?;
    if !actor.can_write_agreements() {
        return Err(AppError::Forbidden);
    }
    if !current.status.is_in_force() {
        return Err(not_in_force(&current, actor));
    }
    let live = comments::successor_ids(db, current.id)
        .await?
        .into_iter()
        .find(|(_, status)| status != AgreementStatus::Withdrawn.as_str());
    if let Some((successor, _)) = live {
        return Err(AppError::Duplicate {
            field: "renews_id".into(),
            existing: Some(("agreement_id", successor)),
        });
    }
    let terms = consolidate(db, actor, &current).await?.terms;
    let (starts_on, ends_on) = successor_dates(terms.starts_on, terms.ends_on);
    Ok(AgreementFields {
        starts_on,
        ends_on,
        amends_id: None,
        renews_id: Some(current.id),
        ..terms
    })
}

/// The proposed terms of an amendment of agreement `id`: its consolidated terms.
/// Only for an original agreement in force (an amendment is not amended).
pub async fn amend(db: &Db, actor: &Actor, id: Uuid) -> AppResult<AgreementFields> {
    let current = visible(db, actor, id).await?;
    if !actor.can_write_agreements() {
        return Err(AppError::Forbidden);
    }
    if !current.status.is_in_force() || current.fields.amends_id.is_some() {
        return Err(not_in_force(&current, actor));
    }
    let terms = consolidate(db, actor, &current).await?.terms;
    Ok(AgreementFields {
        amends_id: Some(current.id),
        renews_id: None,
        ..terms
    })
}

fn not_in_force(current: &Agreement, actor: &Actor) -> AppError {
    AppError::agreement_transition(
        current.status,
        None,
        &agreement::allowed_actions(current.status, actor.role),
    )
}

/// An amendment in the chain of an agreement, as the actor may see it.
#[derive(Debug, Clone)]
pub struct ConsolidatedLink {
    pub agreement: Agreement,
    /// True when the amendment is in force (active, completed or expired) and so applied.
    pub applied: bool,
}

/// An agreement's terms with its amendments in force applied.
#[derive(Debug, Clone)]
pub struct Consolidated {
    pub terms: AgreementFields,
    /// The amendments the actor may see, in order.
    pub links: Vec<ConsolidatedLink>,
    /// Which amendment last set each changed term.
    pub changed_by: BTreeMap<&'static str, Uuid>,
}

/// The terms of `base` with each amendment in force applied in order: a title,
/// value, end date or objectives that an amendment changed overrides the base.
pub async fn consolidate(db: &Db, actor: &Actor, base: &Agreement) -> AppResult<Consolidated> {
    let mut terms = base.fields.clone();
    let mut links = Vec::new();
    let mut changed_by = BTreeMap::new();
    for id in comments::amendment_ids(db, base.id).await? {
        let Some(amendment) = store::find_agreement(db, id).await? else {
            continue;
        };
        let applied = matches!(
            amendment.status,
            AgreementStatus::Active | AgreementStatus::Completed | AgreementStatus::Expired
        );
        if applied {
            let (a, b) = (&amendment.fields, &base.fields);
            if a.title != b.title {
                terms.title = a.title.clone();
                changed_by.insert("title", id);
            }
            if a.value != b.value {
                terms.value = a.value;
                changed_by.insert("value", id);
            }
            if a.ends_on != b.ends_on {
                terms.ends_on = a.ends_on;
                changed_by.insert("ends_on", id);
            }
            if a.objectives != b.objectives {
                terms.objectives = a.objectives.clone();
                changed_by.insert("objectives", id);
            }
        }
        if store::can_read(db, actor, id).await? {
            links.push(ConsolidatedLink {
                agreement: amendment,
                applied,
            });
        }
    }
    Ok(Consolidated {
        terms,
        links,
        changed_by,
    })
}

/// A date `months` calendar months later, kept within the month (31 → 30, 28).
fn add_months(date: Date, months: i64) -> Option<Date> {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

/// The dates of a successor: it starts the day after `ends_on` and lasts as
/// long as the agreement did (whole months when the agreement ran whole
/// months, else the same number of days).
pub fn successor_dates(
    starts_on: Option<Date>,
    ends_on: Option<Date>,
) -> (Option<Date>, Option<Date>) {
    let Some(end) = ends_on else {
        return (None, None);
    };
    let Some(start) = end.next_day() else {
        return (None, None);
    };
    let Some(first) = starts_on else {
        return (Some(start), None);
    };
    let months = (i64::from(start.year()) - i64::from(first.year())) * 12
        + i64::from(u8::from(start.month()))
        - i64::from(u8::from(first.month()));
    let whole_months = start.day() == first.day() && months > 0;
    let new_end = if whole_months {
        add_months(start, months).and_then(Date::previous_day)
    } else {
        Some(start + (end - first))
    };
    (Some(start), new_end)
}
#[cfg(test)]
mod tests {
    use super::*;
    use accord_domain::values;

    fn d(text: &str) -> Date {
        values::date(text).unwrap_or(Date::MIN)
    }

    #[test]
    fn successors_start_the_day_after_and_last_as_long() {
        assert_eq!(
            successor_dates(Some(d("2024-01-01")), Some(d("2024-12-31"))),
            (Some(d("2025-01-01")), Some(d("2025-12-31")))
        );
        assert_eq!(
            successor_dates(Some(d("2023-03-15")), Some(d("2025-03-14"))),
            (Some(d("2025-03-15")), Some(d("2027-03-14")))
        );
        assert_eq!(
            successor_dates(Some(d("2024-01-10")), Some(d("2024-01-19"))),
            (Some(d("2024-01-20")), Some(d("2024-01-29")))
        );
        assert_eq!(
            successor_dates(None, Some(d("2024-06-30"))),
            (Some(d("2024-07-01")), None)
        );
        assert_eq!(successor_dates(Some(d("2024-01-01")), None), (None, None));
    }

    #[test]
    fn months_are_added_within_the_month() {
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2024-11-15"), 3), Some(d("2025-02-15")));
    }
}
