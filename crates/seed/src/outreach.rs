//! Outreach cases for the demo: non-member states approached for observer
//! status, each with the route of stage moves (dated over the last years)
//! that brings it to a planned final stage. At least one is admitted, so the
//! demo shows a state that became an observer through the campaign.

use crate::{Rng, mix};
use accord_domain::outreach::Stage;
use time::{Date, Duration};

/// One move of a planned case: the stage, its date and the reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedMove {
    pub to: Stage,
    pub on: Date,
    pub reason: Option<&'static str>,
}

/// A planned outreach case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedOutreach {
    /// Alpha-2 code of the state (one of those given).
    pub country: String,
    /// When the case was opened (at `identified`).
    pub opened_on: Date,
    /// The moves after opening, in date order.
    pub moves: Vec<SeedMove>,
    pub next_action: Option<&'static str>,
    pub next_action_on: Option<Date>,
    pub notes: Option<&'static str>,
}

/// The final stages of the planned cases, in order: every stage appears, and
/// `admitted` first so that even a short run has one (the states given
/// first, the likeliest to have a mission, get the furthest stages).
const FINAL_STAGES: [Stage; 12] = [
    Stage::Admitted,
    Stage::UnderConsideration,
    Stage::Applied,
    Stage::Engaged,
    Stage::Approached,
    Stage::Admitted,
    Stage::Declined,
    Stage::OnHold,
    Stage::Engaged,
    Stage::Approached,
    Stage::UnderConsideration,
    Stage::Identified,
];

const NEXT_ACTIONS: [&str; 6] = [
    "Send the Director-General's letter of invitation",
    "Meet the ambassador in Rabat",
    "Share the observer-status brochure and statute",
    "Follow up on the note verbale",
    "Invite the minister of culture to the General Conference",
    "Check the application file with Legal Affairs",
];

const NOTES: [&str; 4] = [
    "Interest expressed during the last General Conference.",
    "The embassy asked for the list of current observers and their obligations.",
    "A cultural week is being prepared with the national commission.",
    "Contact goes through the embassy's cultural attaché.",
];

/// Plans `count` outreach cases (at most one per state) for the first
/// `count` of `countries` (alpha-2 codes of non-member states, in order of
/// preference), ending no later than `today`.
pub fn outreach_cases(
    countries: &[String],
    count: usize,
    today: Date,
    seed: u64,
) -> Vec<SeedOutreach> {
    let mut rng = Rng::new(mix(seed, 4040));
    let mut pool: Vec<&String> = countries.iter().collect();
    let mut out = Vec::new();
    for (n, final_stage) in FINAL_STAGES.iter().cycle().take(count).enumerate() {
        if pool.is_empty() {
            break;
        }
        let country = pool.remove(0).clone();
        let path: Vec<Stage> = match final_stage.rank() {
            Some(r) => accord_domain::outreach::FORWARD[1..=r].to_vec(),
            None => {
                // Declined or on hold after getting some way.
                let reached = 1 + rng.index(3);
                let mut p = accord_domain::outreach::FORWARD[1..=reached].to_vec();
                p.push(*final_stage);
                p
            }
        };
        // Spread the steps between the opening and today.
        let steps = path.len() as i64;
        let opened_on = today - Duration::days(rng.range(120 + 60 * steps, 400 + 180 * steps));
        let mut on = opened_on;
        let mut moves = Vec::new();
        for (i, to) in path.iter().enumerate() {
            let left = (today - on).whole_days() - 7 * (steps - i as i64);
            let gap = rng.range(14, (left / 2).max(15));
            on = (on + Duration::days(gap)).min(today);
            let reason = match to {
                Stage::Declined => {
                    Some("The government prefers to wait until after its elections.")
                }
                Stage::OnHold => Some("The embassy awaits instructions from the capital."),
                _ => None,
            };
            moves.push(SeedMove {
                to: *to,
                on,
                reason,
            });
        }
        // One case went back a step before moving on again.
        if n == 2
            && let Some(last) = moves.last().cloned()
            && last.to == Stage::Applied
            && (today - last.on).whole_days() > 60
        {
            let back = last.on + Duration::days(20);
            moves.push(SeedMove {
                to: Stage::Engaged,
                on: back,
                reason: Some("The application was sent to the wrong body; it must be resubmitted."),
            });
            moves.push(SeedMove {
                to: Stage::Applied,
                on: back + Duration::days(25),
                reason: None,
            });
        }
        let open = final_stage.is_open();
        let next_action_on = open.then(|| today + Duration::days(rng.range(-20, 60)));
        out.push(SeedOutreach {
            country,
            opened_on,
            moves,
            next_action: open.then(|| *rng.pick(&NEXT_ACTIONS)),
            next_action_on,
            notes: rng.chance(0.6).then(|| *rng.pick(&NOTES)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_domain::Role;
    use accord_domain::outreach::check_move;
    use time::macros::date;

    fn codes() -> Vec<String> {
        [
            "BR", "JP", "TH", "CN", "IN", "MX", "AR", "KR", "DE", "FR", "ES", "US", "GB",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect()
    }

    #[test]
    fn planned_cases_follow_the_rules_and_are_reproducible() {
        let today = date!(2026 - 11 - 28);
        let cases = outreach_cases(&codes(), 12, today, 7);
        assert_eq!(cases, outreach_cases(&codes(), 12, today, 7));
        assert_eq!(cases.len(), 12);
        let mut countries: Vec<&str> = cases.iter().map(|c| c.country.as_str()).collect();
        countries.dedup();
        countries.sort_unstable();
        countries.dedup();
        assert_eq!(countries.len(), 12, "one case per state");
        let mut finals = Vec::new();
        for case in &cases {
            let mut stage = Stage::Identified;
            let mut since = case.opened_on;
            for m in &case.moves {
                assert!(
                    check_move(stage, m.to, Role::Officer, m.reason).is_ok(),
                    "{stage:?} → {:?}",
                    m.to
                );
                assert!(m.on >= since && m.on <= today);
                stage = m.to;
                since = m.on;
            }
            finals.push(stage);
        }
        for stage in Stage::ALL {
            assert!(finals.contains(stage), "{stage:?} is shown");
        }
    }
}
