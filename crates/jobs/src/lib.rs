//! The scheduler: a worker in each `accord serve` process that claims due
//! jobs from the `jobs` table (with a lease, so that with several nodes on
//! one database each run happens once) and runs them.
//!
//! One periodic job, [`LIFECYCLE_TICK`] (every minute by default), moves
//! agreements on with the calendar and tells people:
//!
//! 1. validated agreements whose date of entry into force has come become
//!    active; agreements in force whose end date has passed expire, unless
//!    they renew automatically: then a successor in force is created (linked
//!    by `renews_id`, the same terms, the term shifted) and the old one
//!    expires. Each move re-checks the status in its own transaction, so a
//!    second run, or a second node, changes nothing more.
//! 2. notifications are made from the audit events since the last run (a step
//!    assigned, changes requested, rejected, chain cleared, signed, in force,
//!    expired) and, once a day, from the dates (overdue steps; expiry in 90,
//!    30 and 7 days; the notice deadline of an automatic renewal in 30 and 7
//!    days). Each has a dedupe key, so none is made twice. A first run looks
//!    back a week (at most 2,000 events); one run reads at most 20,000
//!    events, so a long backlog is worked off over several runs.
//! 3. unread notifications not yet mailed are mailed, in each recipient's
//!    language, when an SMTP relay is configured.
//!
//! Each run logs what it did and stores the summary (with the position in
//! the audit log and the day of the last daily pass) as the job's
//! `last_result`: the state lives in the database and survives restarts.
//! "Today" is the UTC date ([`accord_store::today`]).

use accord_domain::Role;
use accord_domain::agreement::AgreementStatus;
use accord_domain::values;
use accord_mail::{self as mail, Mailer};
use accord_store::agreements::{Agreement, Reader, can_read, find_agreement};
pub use accord_store::jobs::LIFECYCLE_TICK;
use accord_store::jobs::{self, Renewal};
use accord_store::notifications::{self as store, NewNotification};
use accord_store::users::{User, find_user};
use accord_store::{Db, Result, now_micros};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use time::Date;
use uuid::Uuid;

/// The job kinds this worker runs.
pub const KINDS: [&str; 1] = [LIFECYCLE_TICK];

/// Audit actions that notifications are made from.
const EVENT_ACTIONS: [&str; 9] = [
    "submit_for_review",
    "restart_review",
    "review_decision",
    "request_changes",
    "reject",
    "clear_chain",
    "complete_signatures",
    "enter_into_force",
    "expire",
];

/// Days before the end date at which an expiry is announced.
const EXPIRY_WARNINGS: [i64; 3] = [7, 30, 90];
/// Days before a notice deadline at which it is announced.
const NOTICE_WARNINGS: [i64; 2] = [7, 30];
/// How far back the first run looks for events to notify: a week, and at
/// most this many audit events (a new installation with imported history
/// does not notify its whole past).
const FIRST_RUN_LOOKBACK_DAYS: i64 = 7;
const FIRST_RUN_LOOKBACK_EVENTS: i64 = 2_000;
/// Audit events read by one run at most.
const EVENTS_PER_RUN: i64 = 20_000;
/// Notifications older than this are no longer mailed.
const MAIL_WITHIN_HOURS: i64 = 48;

/// Runs the jobs of one node.
#[derive(Debug, Clone)]
pub struct Scheduler {
    db: Db,
    org: String,
    base_url: String,
    mailer: Option<Mailer>,
    node_id: String,
    interval: Duration,
    lease: Duration,
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

impl Scheduler {
    /// A scheduler for this node: `org` prefixes the reference numbers of
    /// renewals, `base_url` makes the links in mail; no mailer means in-app only.
    pub fn new(db: Db, org: &str, base_url: &str, mailer: Option<Mailer>) -> Scheduler {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "node".into());
        Scheduler {
            db,
            org: org.to_string(),
            base_url: base_url.trim_end_matches('/').to_string(),
            mailer,
            node_id: format!("{host}-{}-{}", std::process::id(), Uuid::new_v4().simple()),
            interval: Duration::from_secs(60),
            lease: Duration::from_secs(300),
        }
    }

    /// Runs the lifecycle tick every `interval` instead of every minute.
    pub fn every(mut self, interval: Duration) -> Scheduler {
        self.interval = interval;
        self
    }

    /// Names this node (several schedulers in one process, as in tests).
    pub fn with_node_id(mut self, node_id: &str) -> Scheduler {
        self.node_id = node_id.to_string();
        self
    }

    /// This node's name, as it appears in `jobs.lease_owner`.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// Creates the periodic jobs (due now) unless they exist.
    pub async fn ensure_jobs(&self) -> Result<()> {
        jobs::ensure_job(&self.db, LIFECYCLE_TICK, LIFECYCLE_TICK, now_micros()).await
    }

    /// Claims and runs due jobs until none is due; returns how many ran.
    pub async fn run_due(&self) -> Result<usize> {
        let mut ran = 0;
        while let Some(job) = jobs::claim(&self.db, &self.node_id, &KINDS, self.lease).await? {
            self.run_claimed(&job, accord_store::today()).await?;
            ran += 1;
        }
        Ok(ran)
    }

    /// Runs the lifecycle tick now with `today` as the date (for an operator,
    /// and tests): makes the job due, claims it and runs it. `None` when
    /// another node holds it.
    pub async fn run_now(&self, today: Date) -> Result<Option<Value>> {
        self.ensure_jobs().await?;
        jobs::set_run_at(&self.db, LIFECYCLE_TICK, now_micros()).await?;
        let Some(job) = jobs::claim(&self.db, &self.node_id, &KINDS, self.lease).await? else {
            return Ok(None);
        };
        self.run_claimed(&job, today).await.map(Some)
    }

    async fn run_claimed(&self, job: &jobs::Job, today: Date) -> Result<Value> {
        let started = now_micros();
        let outcome = match job.kind.as_str() {
            LIFECYCLE_TICK => self.tick(today, &job.result_json()).await,
            other => {
                tracing::warn!(job = %job.id, kind = other, "unknown job kind: dropped");
                Ok(json!({ "skipped": "unknown_kind" }))
            }
        };
        match outcome {
            Ok(summary) => {
                let next = started.saturating_add(micros(self.interval));
                if !jobs::complete(&self.db, &job.id, &self.node_id, &summary, next).await? {
                    tracing::warn!(job = %job.id, "the lease ran out before the job finished");
                }
                Ok(summary)
            }
            Err(error) => {
                let backoff = Duration::from_secs(30)
                    .saturating_mul(u32::try_from(job.attempts.clamp(1, 10)).unwrap_or(1));
                tracing::error!(job = %job.id, %error, attempts = job.attempts, "job failed");
                jobs::fail(
                    &self.db,
                    &job.id,
                    &self.node_id,
                    &error.to_string(),
                    now_micros().saturating_add(micros(backoff)),
                )
                .await?;
                Err(error)
            }
        }
    }

    /// Runs until `shutdown` turns true: ensures the jobs, then checks for due
    /// jobs every few seconds. Errors are logged and retried.
    pub async fn run_until(self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        if let Err(error) = self.ensure_jobs().await {
            tracing::error!(%error, "cannot create the scheduled jobs");
        }
        let poll = self.interval.min(Duration::from_secs(10));
        tracing::info!(node = %self.node_id, mail = ?self.mailer.as_ref().map(|m| &m.relay), "scheduler started");
        loop {
            if *shutdown.borrow() {
                break;
            }
            if let Err(error) = self.run_due().await {
                tracing::warn!(%error, "scheduler run failed");
            }
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::info!("scheduler stopped");
    }

    /// The work of one lifecycle run, given the previous run's summary (its
    /// audit position and the day of its daily pass); returns this run's summary.
    pub async fn tick(&self, today: Date, previous: &Value) -> Result<Value> {
        let started = std::time::Instant::now();
        let mut run = Run::new(self, today);
        run.move_agreements().await?;
        let audit_seq = run
            .notify_events(previous.get("audit_seq").and_then(Value::as_i64))
            .await?;
        let today_text = values::format_date(today);
        let daily_done = previous.get("daily_on").and_then(Value::as_str) == Some(&today_text);
        if !daily_done {
            run.notify_dates().await?;
        }
        run.send_mail().await?;
        let summary = json!({
            "today": today_text,
            "daily_on": today_text,
            "daily_pass": !daily_done,
            "audit_seq": audit_seq,
            "activated": run.activated,
            "expired": run.expired,
            "renewed": run.renewed,
            "notifications": run.notified,
            "mailed": run.mailed,
            "mail_failed": run.mail_failed,
            "took_ms": u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        });
        let busy = run.activated + run.expired + run.notified + run.mailed + run.mail_failed > 0;
        if !busy {
            tracing::debug!(daily_pass = !daily_done, "lifecycle tick: nothing to do");
            return Ok(summary);
        }
        tracing::info!(
            activated = run.activated,
            expired = run.expired,
            renewed = run.renewed,
            notifications = run.notified,
            mailed = run.mailed,
            mail_failed = run.mail_failed,
            daily_pass = !daily_done,
            "lifecycle tick"
        );
        Ok(summary)
    }
}

/// The state of one lifecycle run.
struct Run<'a> {
    s: &'a Scheduler,
    today: Date,
    users: HashMap<Uuid, Option<User>>,
    activated: u64,
    expired: u64,
    renewed: u64,
    notified: u64,
    mailed: u64,
    mail_failed: u64,
}

impl<'a> Run<'a> {
    fn new(s: &'a Scheduler, today: Date) -> Run<'a> {
        Run {
            s,
            today,
            users: HashMap::new(),
            activated: 0,
            expired: 0,
            renewed: 0,
            notified: 0,
            mailed: 0,
            mail_failed: 0,
        }
    }

    fn db(&self) -> &Db {
        &self.s.db
    }

    /// Entries into force, expiries and renewals, repeated until nothing moves
    /// (a renewal whose own term has passed too is renewed again).
    async fn move_agreements(&mut self) -> Result<()> {
        for _ in 0..20 {
            let mut moved = false;
            for agreement in jobs::due_for_entry_into_force(self.db(), self.today).await? {
                if jobs::activate(self.db(), &agreement, now_micros()).await? {
                    tracing::info!(agreement = %agreement.reference, "entered into force");
                    self.activated += 1;
                    moved = true;
                }
            }
            for agreement in jobs::past_end(self.db(), self.today).await? {
                if agreement.fields.auto_renew && agreement.status == AgreementStatus::Active {
                    match jobs::renew(self.db(), &self.s.org, &agreement, now_micros()).await? {
                        Renewal::Renewed {
                            successor,
                            reference,
                        } => {
                            tracing::info!(agreement = %agreement.reference, successor = %reference, "renewed automatically");
                            self.renewed += 1;
                            self.expired += 1;
                            moved = true;
                            let payload = json!({
                                "reference": agreement.reference,
                                "successor_id": successor,
                                "successor_reference": reference,
                            });
                            let key = format!("renewed:{}", agreement.id);
                            self.notify_agreement(&agreement, "renewed", &key, payload)
                                .await?;
                        }
                        Renewal::ExpiredOnly => {
                            tracing::info!(agreement = %agreement.reference, "expired (renewed by hand before)");
                            self.expired += 1;
                            moved = true;
                        }
                        Renewal::Skipped => {}
                    }
                } else if jobs::expire(self.db(), &agreement, now_micros()).await? {
                    tracing::info!(agreement = %agreement.reference, "expired");
                    self.expired += 1;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        Ok(())
    }

    async fn user(&mut self, id: Uuid) -> Result<Option<User>> {
        if let Some(found) = self.users.get(&id) {
            return Ok(found.clone());
        }
        let found = find_user(self.db(), id).await?.filter(|u| !u.disabled);
        self.users.insert(id, found.clone());
        Ok(found)
    }

    /// Sends `kind` about `agreement` to each of `recipients` who may read it.
    async fn notify(
        &mut self,
        recipients: Vec<Uuid>,
        agreement: &Agreement,
        kind: &str,
        key: &str,
        payload: &Value,
    ) -> Result<()> {
        let mut seen = HashSet::new();
        for user_id in recipients {
            if !seen.insert(user_id) {
                continue;
            }
            let Some(user) = self.user(user_id).await? else {
                continue;
            };
            let reader = Reader {
                user_id: user.id,
                role: user.role,
                unit: user.unit.clone(),
                organization_id: user.organization_id,
            };
            if user.role == Role::Partner || !can_read(self.db(), &reader, agreement.id).await? {
                continue;
            }
            let mut payload = payload.clone();
            if let Some(map) = payload.as_object_mut() {
                map.entry("reference")
                    .or_insert_with(|| agreement.reference.clone().into());
            }
            let new = NewNotification {
                user_id,
                kind: kind.to_string(),
                agreement_id: Some(agreement.id),
                key: key.to_string(),
                payload,
            };
            if store::insert_notification(self.db(), &new, now_micros()).await? {
                self.notified += 1;
            }
        }
        Ok(())
    }

    /// The owner and the officers of the lead unit.
    async fn stewards(&self, agreement: &Agreement) -> Result<Vec<Uuid>> {
        let mut out: Vec<Uuid> = agreement.fields.owner_id.into_iter().collect();
        out.extend(store::officers_of_unit(self.db(), &agreement.fields.lead_unit).await?);
        Ok(out)
    }

    async fn notify_agreement(
        &mut self,
        agreement: &Agreement,
        kind: &str,
        key: &str,
        payload: Value,
    ) -> Result<()> {
        let recipients = self.stewards(agreement).await?;
        self.notify(recipients, agreement, kind, key, &payload)
            .await
    }

    /// Notifies the assignees of the agreement's open step, once per step.
    async fn notify_open_step(&mut self, agreement: &Agreement, overdue: bool) -> Result<()> {
        let Some(step) = store::open_step_of(self.db(), &agreement.id.to_string()).await? else {
            return Ok(());
        };
        self.notify_step(agreement, &step, overdue).await
    }

    async fn notify_step(
        &mut self,
        agreement: &Agreement,
        step: &store::OpenStep,
        overdue: bool,
    ) -> Result<()> {
        let mut recipients =
            store::step_assignees(self.db(), &step.role, step.unit.as_deref()).await?;
        let kind = if overdue {
            recipients.extend(self.stewards(agreement).await?);
            "step_overdue"
        } else {
            "step_assigned"
        };
        let payload = json!({
            "step_id": step.step_id, "role": step.role, "unit": step.unit, "date": step.due_on,
        });
        let key = format!("{kind}:{}", step.step_id);
        self.notify(recipients, agreement, kind, &key, &payload)
            .await
    }

    /// Notifications from the audit events after `cursor` (the first run looks
    /// back a week); returns the new position.
    async fn notify_events(&mut self, cursor: Option<i64>) -> Result<i64> {
        let upto = store::last_event_seq(self.db()).await?;
        let (mut after, since) = match cursor {
            Some(seq) => (seq, 0),
            None => (
                upto.saturating_sub(FIRST_RUN_LOOKBACK_EVENTS).max(0),
                now_micros().saturating_sub(FIRST_RUN_LOOKBACK_DAYS * 86_400_000_000),
            ),
        };
        // A long backlog (after a long stop) is worked off over several runs.
        let upto = upto.min(after.saturating_add(EVENTS_PER_RUN));
        let mut agreements: HashMap<String, Option<Agreement>> = HashMap::new();
        loop {
            let events =
                store::agreement_events(self.db(), after, upto, since, &EVENT_ACTIONS, 500).await?;
            let Some(last) = events.last() else {
                break;
            };
            after = last.seq;
            let mut steps_checked = HashSet::new();
            for event in events {
                if !agreements.contains_key(&event.agreement_id) {
                    let found = match Uuid::parse_str(&event.agreement_id) {
                        Ok(id) => find_agreement(self.db(), id).await?,
                        Err(_) => None,
                    };
                    agreements.insert(event.agreement_id.clone(), found);
                }
                let Some(Some(agreement)) = agreements.get(&event.agreement_id).cloned() else {
                    continue;
                };
                let after_state: Value = event
                    .after_state
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or(Value::Null);
                let reason = after_state.get("reason").and_then(Value::as_str);
                let kind = match event.action.as_str() {
                    "submit_for_review" | "restart_review" | "review_decision" => {
                        if steps_checked.insert(event.agreement_id.clone()) {
                            self.notify_open_step(&agreement, false).await?;
                        }
                        continue;
                    }
                    "request_changes" => "changes_requested",
                    "reject" => "rejected",
                    "clear_chain" => "chain_cleared",
                    "complete_signatures" => "signed",
                    "enter_into_force" => "in_force",
                    "expire" => "expired",
                    _ => continue,
                };
                let date = match kind {
                    "in_force" => agreement
                        .entry_into_force_on
                        .unwrap_or_else(|| accord_store::instant(event.at).date()),
                    "expired" => agreement
                        .fields
                        .ends_on
                        .unwrap_or_else(|| accord_store::instant(event.at).date()),
                    _ => accord_store::instant(event.at).date(),
                };
                let mut payload = json!({ "date": values::format_date(date), "seq": event.seq });
                if kind == "changes_requested" || kind == "rejected" {
                    payload["comment"] = reason.into();
                }
                let key = format!("{kind}:{}", event.seq);
                self.notify_agreement(&agreement, kind, &key, payload)
                    .await?;
            }
        }
        Ok(upto)
    }

    /// The daily pass: overdue steps, coming expiries and notice deadlines.
    async fn notify_dates(&mut self) -> Result<()> {
        let today_text = values::format_date(self.today);
        for step in store::overdue_steps(self.db(), &today_text).await? {
            let Ok(id) = Uuid::parse_str(&step.agreement_id) else {
                continue;
            };
            if let Some(agreement) = find_agreement(self.db(), id).await? {
                self.notify_step(&agreement, &step, true).await?;
            }
        }
        let horizon = self.today + time::Duration::days(EXPIRY_WARNINGS[2]);
        for agreement in jobs::ending_between(self.db(), self.today, horizon).await? {
            let Some(ends_on) = agreement.fields.ends_on else {
                continue;
            };
            if agreement.fields.auto_renew && agreement.status == AgreementStatus::Active {
                continue;
            }
            let left = (ends_on - self.today).whole_days();
            let Some(threshold) = EXPIRY_WARNINGS.iter().copied().find(|t| left <= *t) else {
                continue;
            };
            let ends = values::format_date(ends_on);
            let key = format!("expiring:{}:{ends}:{threshold}", agreement.id);
            let payload = json!({ "date": ends, "days": left, "threshold": threshold });
            self.notify_agreement(&agreement, "expiring", &key, payload)
                .await?;
        }
        for agreement in jobs::auto_renewing(self.db(), self.today).await? {
            let Some(ends_on) = agreement.fields.ends_on else {
                continue;
            };
            let deadline =
                ends_on - time::Duration::days(agreement.fields.notice_days.unwrap_or(0).max(0));
            let left = (deadline - self.today).whole_days();
            if left < 0 {
                continue;
            }
            let Some(threshold) = NOTICE_WARNINGS.iter().copied().find(|t| left <= *t) else {
                continue;
            };
            let deadline_text = values::format_date(deadline);
            let renewal = ends_on.next_day().unwrap_or(ends_on);
            let key = format!(
                "notice_deadline:{}:{deadline_text}:{threshold}",
                agreement.id
            );
            let payload = json!({
                "date": deadline_text, "days": left, "threshold": threshold,
                "renewal": values::format_date(renewal),
            });
            self.notify_agreement(&agreement, "notice_deadline", &key, payload)
                .await?;
        }
        self.notify_follow_ups().await
    }

    /// Tells the owners of open follow-ups that one is due today
    /// (`follow_up_due`) or past due (`follow_up_overdue`), once each.
    async fn notify_follow_ups(&mut self) -> Result<()> {
        use accord_store::interactions::{FollowUpFilter, list_follow_ups};
        let everyone = Reader {
            user_id: Uuid::nil(),
            role: Role::Admin,
            unit: None,
            organization_id: None,
        };
        let filter = FollowUpFilter {
            open_only: true,
            due_by: Some(self.today),
            ..Default::default()
        };
        for f in list_follow_ups(self.db(), &everyone, &filter, 10_000).await? {
            let (Some(owner), Some(due_on)) = (f.owner_id, f.due_on) else {
                continue;
            };
            let Some(user) = self.user(owner).await? else {
                continue;
            };
            if !user.role.is_staff() || user.disabled {
                continue;
            }
            let kind = if due_on < self.today {
                "follow_up_overdue"
            } else {
                "follow_up_due"
            };
            let date = values::format_date(due_on);
            let new = NewNotification {
                user_id: owner,
                kind: kind.to_string(),
                agreement_id: None,
                key: format!("{kind}:{}:{date}", f.id),
                payload: json!({
                    "date": date, "interaction_id": f.interaction_id, "follow_up_id": f.id,
                    "action": f.action, "subject": f.subject,
                }),
            };
            if store::insert_notification(self.db(), &new, now_micros()).await? {
                self.notified += 1;
            }
        }
        Ok(())
    }

    /// Mails the unread notifications of the last two days not mailed yet.
    async fn send_mail(&mut self) -> Result<()> {
        let Some(mailer) = self.s.mailer.clone() else {
            return Ok(());
        };
        let since = now_micros().saturating_sub(MAIL_WITHIN_HOURS * 3_600_000_000);
        let mut failures_in_a_row = 0;
        loop {
            let pending = store::pending_mail(self.db(), since, 100).await?;
            if pending.is_empty() {
                break;
            }
            let mut sent_any = false;
            for item in pending {
                let (subject, body) = mail::compose(&item, &self.s.base_url);
                match mailer.send(&item.email, &item.name, &subject, body).await {
                    Ok(()) => {
                        store::mark_mailed(self.db(), item.notification.id, now_micros()).await?;
                        self.mailed += 1;
                        failures_in_a_row = 0;
                        sent_any = true;
                    }
                    Err(mail::MailError::Address(error)) => {
                        // Never deliverable: mark it so that it is not retried.
                        tracing::warn!(to = %item.email, %error, "notification not mailed");
                        store::mark_mailed(self.db(), item.notification.id, now_micros()).await?;
                        self.mail_failed += 1;
                    }
                    Err(error) => {
                        tracing::warn!(to = %item.email, %error, "notification not mailed");
                        self.mail_failed += 1;
                        failures_in_a_row += 1;
                        if failures_in_a_row >= 3 {
                            // The relay is down: try again next run.
                            return Ok(());
                        }
                    }
                }
            }
            if !sent_any {
                break;
            }
        }
        Ok(())
    }
}
