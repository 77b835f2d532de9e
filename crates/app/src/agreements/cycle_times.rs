//! Cycle times: how long agreements stay in each stage, summed per kind and per
//! lead unit over the agreements the actor sees. The API answers the averages,
//! the page draws them; both read them from here.

use crate::{Actor, AppError, AppResult};
use accord_domain::agreement::AgreementStatus;
use accord_store::Db;
use accord_store::agreements as store;
use std::collections::BTreeMap;

const MICROS_PER_DAY: f64 = 86_400_000_000.0;

/// The stages from first contact to validation, whose averages add up to the pipeline.
pub const PIPELINE: [AgreementStatus; 5] = [
    AgreementStatus::Prospect,
    AgreementStatus::Negotiation,
    AgreementStatus::Review,
    AgreementStatus::Signature,
    AgreementStatus::Validation,
];

/// Microseconds as days with one decimal.
pub fn days(micros: i64) -> f64 {
    (micros as f64 / MICROS_PER_DAY * 10.0).round() / 10.0
}

/// Stays and time spent per stage, for one group of agreements.
#[derive(Debug, Default, Clone)]
pub struct StageSums {
    by_status: BTreeMap<String, (i64, i64)>,
}

impl StageSums {
    /// Adds `stays` stays that lasted `micros` in all, in stage `status`.
    pub fn add(&mut self, status: &str, stays: i64, micros: i64) {
        let entry = self.by_status.entry(status.to_string()).or_default();
        entry.0 += stays;
        entry.1 += micros;
    }

    /// How many stays the stage had.
    pub fn stays(&self, status: AgreementStatus) -> Option<i64> {
        self.by_status.get(status.as_str()).map(|(n, _)| *n)
    }

    /// Average days in a stage (unrounded), if anyone stayed there.
    pub fn average(&self, status: AgreementStatus) -> Option<f64> {
        self.by_status
            .get(status.as_str())
            .filter(|(n, _)| *n > 0)
            .map(|(n, micros)| *micros as f64 / *n as f64 / MICROS_PER_DAY)
    }

    /// Average days in a stage with one decimal, as the API answers it (0 without stays).
    pub fn average_days(&self, status: AgreementStatus) -> f64 {
        self.average(status)
            .map(|d| (d * 10.0).round() / 10.0)
            .unwrap_or(0.0)
    }

    /// Average days from first contact to validation: the sum of the stage averages.
    pub fn pipeline(&self) -> f64 {
        PIPELINE.iter().filter_map(|s| self.average(*s)).sum()
    }

    /// About how many agreements went through the pipeline here: the stays of its busiest stage.
    pub fn agreements(&self) -> i64 {
        PIPELINE
            .iter()
            .filter_map(|s| self.stays(*s))
            .max()
            .unwrap_or_default()
    }

    /// The stages with stays, in lifecycle order.
    pub fn stages(&self) -> impl Iterator<Item = AgreementStatus> + '_ {
        AgreementStatus::ALL
            .iter()
            .copied()
            .filter(|s| self.by_status.contains_key(s.as_str()))
    }
}

/// The sums over everything the actor sees, overall, per kind and per lead unit.
#[derive(Debug, Default, Clone)]
pub struct CycleSums {
    pub overall: StageSums,
    pub by_kind: BTreeMap<String, StageSums>,
    pub by_unit: BTreeMap<String, StageSums>,
}

/// The cycle-time sums of the agreements `actor` sees (staff only), open stays counted up to `now`.
pub async fn cycle_times(db: &Db, actor: &Actor, now: i64) -> AppResult<CycleSums> {
    if !actor.can_see_staff_views() {
        return Err(AppError::Forbidden);
    }
    let mut sums = CycleSums::default();
    for row in store::cycle_averages(db, actor, now).await? {
        sums.overall.add(&row.status, row.stays, row.total_micros);
        sums.by_kind.entry(row.kind.clone()).or_default().add(
            &row.status,
            row.stays,
            row.total_micros,
        );
        sums.by_unit.entry(row.lead_unit.clone()).or_default().add(
            &row.status,
            row.stays,
            row.total_micros,
        );
    }
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_divide_time_by_stays_and_add_up_to_the_pipeline() {
        let day = MICROS_PER_DAY as i64;
        let mut sums = StageSums::default();
        sums.add("prospect", 2, 3 * day);
        sums.add("review", 1, 4 * day);
        sums.add("active", 5, 100 * day);
        assert_eq!(sums.average_days(AgreementStatus::Prospect), 1.5);
        assert_eq!(sums.average_days(AgreementStatus::Negotiation), 0.0);
        assert_eq!(sums.pipeline(), 5.5);
        assert_eq!(sums.agreements(), 2);
        assert_eq!(
            sums.stages().collect::<Vec<_>>(),
            vec![
                AgreementStatus::Prospect,
                AgreementStatus::Review,
                AgreementStatus::Active
            ]
        );
    }
}
