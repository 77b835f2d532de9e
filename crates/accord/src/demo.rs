//! `accord demo` and `accord generate`: a populated system from the
//! deterministic generator in `accord-seed`, with one user per role.
//!
//! Agreements are built through the store so that the data is real: each is
//! created in `prospect` with its audit event, then follows the route the
//! generator drew for it. The first transitions (up to the first review
//! decision, or up to the first submission when drafts are uploaded) run inside
//! the batch's transaction with the store's in-transaction functions; the rest
//! (draft uploads, review decisions by the assignee of each step, signatures,
//! validation, suspensions, terminations, expiries) go through the same store
//! functions the API uses, one transaction each. Every timestamp is the time of
//! generation (the store stamps it); the dates of the agreements themselves
//! (start, end, signature, entry into force) spread over past and future years.

use crate::config::Settings;
use crate::server;
use accord_documents as documents;
use accord_domain::Role;
use accord_domain::agreement::{Action, AgreementStatus};
use accord_files::{FileStore, LocalFileStore};
use accord_seed::{ReviewDecision, SeedAgreement, SeedStep};
use accord_store::agreements::{self as store_agreements, Agreement};
use accord_store::drafts::{self, Direction, NewVersion};
use accord_store::reviews::{self, Decision, Reviewer};
use accord_store::signing::{self, SignatureInput};
use accord_store::users::{self, UserFields};
use accord_store::{Db, audit, contacts, now_micros, partners};
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use uuid::Uuid;

/// The demo accounts: role, unit, name. Passwords are `demo-{role}-pass`.
const DEMO_USERS: [(Role, Option<&str>, &str); 8] = [
    (Role::Admin, None, "Amina Admin"),
    (Role::Officer, Some("PIC"), "Omar Officer"),
    (Role::Legal, Some("LEGAL"), "Layla Legal"),
    (Role::Technical, Some("ED"), "Tariq Technical"),
    (Role::Director, Some("DG"), "Dalia Director"),
    (Role::Finance, Some("FIN"), "Farid Finance"),
    (Role::Viewer, None, "Vera Viewer"),
    (Role::Partner, None, "Paul Partner"),
];

/// Technical focal points of the other sectors (the demo's technical user is in ED), so that
/// every lead unit's review step has an assignee: unit, name. Password `demo-technical-pass`.
const UNIT_REVIEWERS: [(&str, &str); 4] = [
    ("ST", "Samira Science"),
    ("CC", "Karim Culture"),
    ("SHS", "Hana Humanities"),
    ("PIC", "Idris Partnerships"),
];

/// Agreements created per transaction.
const AGREEMENT_BATCH: usize = 500;

/// Concurrent tasks playing the routes' later steps on SQLite (reads overlap; writes queue
/// on its single writer). On PostgreSQL one task plays them: concurrent transitions take
/// the row locks of the live counters in different orders and may deadlock.
const ROUTE_TASKS: usize = 4;

/// Opens a dozen outreach cases for non-member states (preferring those with a
/// diplomatic mission among the partners) and plays their dated stage moves
/// through the store, as the API does; admissions make those states observers.
pub async fn generate_outreach(db: &Db, seed: u64) -> anyhow::Result<usize> {
    use accord_domain::outreach::OutreachFields;
    use accord_domain::partner::PartnerKind;
    use accord_store::{countries, outreach};
    let today = time::OffsetDateTime::now_utc().date();
    let filter = partners::PartnerFilter {
        kind: Some(PartnerKind::DiplomaticMission),
        ..Default::default()
    };
    let missions = partners::list_partners(db, &filter, partners::default_sort(), None, 200)
        .await?
        .items;
    let non_members = countries::list_countries(db, Some("non_member")).await?;
    let mut codes: Vec<String> = non_members
        .iter()
        .filter(|c| {
            missions
                .iter()
                .any(|m| m.fields.country.as_deref() == Some(c.code.as_str()))
        })
        .map(|c| c.code.clone())
        .collect();
    if codes.len() < 12 {
        // Then states where partners are registered, then the rest.
        let partnered = accord_store::map::partners_per_country(db).await?;
        let mut others: Vec<(bool, String)> = non_members
            .iter()
            .filter(|c| !codes.contains(&c.code))
            .map(|c| (!partnered.contains_key(&c.code), c.code.clone()))
            .collect();
        others.sort();
        codes.extend(others.into_iter().map(|(_, code)| code));
    }
    let mut owners = Vec::new();
    for role in [Role::Officer, Role::Director] {
        if let Some((user, _)) = users::find_user_by_email(db, &demo_login(role).0).await? {
            owners.push(user.id);
        }
    }
    let plan = accord_seed::outreach_cases(&codes, 12, today, seed);
    for (n, case) in plan.iter().enumerate() {
        let owner = owners.get(n % owners.len().max(1)).copied();
        let fields = OutreachFields {
            country: case.country.clone(),
            mission_partner_id: missions
                .iter()
                .find(|m| m.fields.country.as_deref() == Some(case.country.as_str()))
                .map(|m| m.id),
            owner_id: owner,
            next_action: case.next_action.map(str::to_string),
            next_action_on: case.next_action_on,
            notes: case.notes.map(str::to_string),
        };
        let mut stored = outreach::insert_case(db, owner, fields, case.opened_on).await?;
        for step in &case.moves {
            stored = outreach::move_case(
                db,
                owner,
                stored.id,
                step.to,
                step.on,
                step.reason,
                stored.version,
            )
            .await?;
        }
    }
    Ok(plan.len())
}

/// The e-mail of a unit's technical focal point in the demo.
fn unit_reviewer_email(unit: &str) -> String {
    format!("technical.{}@demo.accord", unit.to_ascii_lowercase())
}

/// The e-mail and password of a demo account.
pub fn demo_login(role: Role) -> (String, String) {
    (
        format!("{}@demo.accord", role.as_str()),
        format!("demo-{}-pass", role.as_str()),
    )
}

/// A text progress bar: `[#####.....]  50% 5,000/10,000`.
pub fn progress_bar(done: u64, total: u64) -> String {
    let width = 30;
    let filled = (done.min(total) * width / total.max(1)) as usize;
    format!(
        "[{}{}] {:>3}% {}/{}",
        "#".repeat(filled),
        ".".repeat(width as usize - filled),
        done.min(total) * 100 / total.max(1),
        done,
        total
    )
}

/// Inserts `count` generated partners and their contacts, in batches, with audit events.
pub async fn generate(
    db: &Db,
    count: usize,
    contacts_per_partner: usize,
    seed: u64,
) -> anyhow::Result<Vec<Uuid>> {
    let actor = users::find_user_by_email(db, &demo_login(Role::Officer).0)
        .await?
        .map(|(u, _)| u.id);
    let started = std::time::Instant::now();
    let generated = accord_seed::partners(count, seed);
    let mut ids = Vec::with_capacity(count);
    let mut keyed = Vec::with_capacity(count);
    let total = generated.len() as u64;
    for (batch_no, batch) in generated.chunks(1000).enumerate() {
        let mut tx = db.begin().await?;
        for seed_partner in batch {
            let fields = seed_partner
                .input
                .clone()
                .validate()
                .map_err(|e| anyhow::anyhow!("generated partner invalid: {e}"))?;
            let id = Uuid::now_v7();
            let now = now_micros();
            partners::insert_partner_in(&mut tx, id, now, &fields).await?;
            let snapshot = serde_json::to_value(&fields)?;
            audit::append(
                &mut tx,
                actor,
                "partner",
                &id.to_string(),
                "create",
                None,
                Some(&snapshot),
            )
            .await?;
            keyed.push((id, fields.kind, fields.country.clone()));
            ids.push(id);
        }
        tx.commit().await?;
        eprint!(
            "\rpartners {}",
            progress_bar(((batch_no + 1) * 1000).min(count) as u64, total)
        );
        let _ = std::io::stderr().flush();
    }
    eprintln!();
    let people = accord_seed::contacts(&keyed, contacts_per_partner, seed);
    let total_people = people.len() as u64;
    for (batch_no, batch) in people.chunks(1000).enumerate() {
        let mut tx = db.begin().await?;
        for person in batch {
            let mut fields = person
                .input
                .clone()
                .validate()
                .map_err(|e| anyhow::anyhow!("generated contact invalid: {e}"))?;
            let id = Uuid::now_v7();
            contacts::insert_contact_in(&mut tx, id, now_micros(), &mut fields).await?;
            let snapshot = serde_json::to_value(&fields)?;
            audit::append(
                &mut tx,
                actor,
                "contact",
                &id.to_string(),
                "create",
                None,
                Some(&snapshot),
            )
            .await?;
        }
        tx.commit().await?;
        eprint!(
            "\rcontacts {}",
            progress_bar(
                ((batch_no + 1) * 1000).min(people.len()) as u64,
                total_people
            )
        );
        let _ = std::io::stderr().flush();
    }
    eprintln!();
    eprintln!(
        "generated {} partners and {} contacts in {:.1} s",
        ids.len(),
        total_people,
        started.elapsed().as_secs_f64()
    );
    Ok(ids)
}

/// The people who act on generated agreements: the owner (an officer), an admin, Legal
/// Affairs, the General Directorate and one technical reviewer per lead unit.
#[derive(Debug, Clone)]
struct Cast {
    officer: Uuid,
    admin: Uuid,
    /// (role, unit) → user id.
    reviewers: HashMap<(Role, String), Uuid>,
}

impl Cast {
    /// Finds the demo users (created by `accord demo`), or creates password-less stand-ins
    /// `{role}[.{unit}]@generated.accord` that cannot sign in.
    async fn ensure(db: &Db) -> anyhow::Result<Cast> {
        let mut wanted: Vec<(Role, Option<&str>, String, String)> = vec![
            (
                Role::Officer,
                Some("PIC"),
                demo_login(Role::Officer).0,
                "Omar Officer".into(),
            ),
            (
                Role::Admin,
                None,
                demo_login(Role::Admin).0,
                "Amina Admin".into(),
            ),
            (
                Role::Legal,
                Some("LEGAL"),
                demo_login(Role::Legal).0,
                "Layla Legal".into(),
            ),
            (
                Role::Director,
                Some("DG"),
                demo_login(Role::Director).0,
                "Dalia Director".into(),
            ),
            (
                Role::Technical,
                Some("ED"),
                demo_login(Role::Technical).0,
                "Tariq Technical".into(),
            ),
        ];
        for (unit, name) in UNIT_REVIEWERS {
            wanted.push((
                Role::Technical,
                Some(unit),
                unit_reviewer_email(unit),
                name.into(),
            ));
        }
        let mut ids = Vec::with_capacity(wanted.len());
        for (role, unit, email, name) in &wanted {
            let fallback = email.replace("@demo.accord", "@generated.accord");
            let mut found = None;
            for candidate in [email, &fallback] {
                if let Some((user, _)) = users::find_user_by_email(db, candidate).await? {
                    found = Some(user.id);
                    break;
                }
            }
            let id = match found {
                Some(id) => id,
                None => {
                    let fields = UserFields {
                        email: fallback,
                        name: name.clone(),
                        role: *role,
                        unit: unit.map(str::to_string),
                        organization_id: None,
                        lang: None,
                        disabled: false,
                    };
                    users::insert_user(db, None, &fields, None).await?.id
                }
            };
            ids.push((*role, unit.unwrap_or_default().to_string(), id));
        }
        let officer = ids[0].2;
        let admin = ids[1].2;
        let reviewers = ids
            .iter()
            .skip(2)
            .map(|(role, unit, id)| ((*role, unit.clone()), *id))
            .collect();
        Ok(Cast {
            officer,
            admin,
            reviewers,
        })
    }

    /// Who takes a move: the system for expiry, an admin to revert a termination, the owner
    /// otherwise.
    fn actor(&self, action: Action) -> Option<Uuid> {
        match action {
            Action::Expire => None,
            Action::RevertTermination => Some(self.admin),
            _ => Some(self.officer),
        }
    }

    fn legal(&self) -> Option<Uuid> {
        self.reviewers.get(&(Role::Legal, "LEGAL".into())).copied()
    }
}

/// The ids of stored partners, oldest first (for agreements when no partners are generated).
async fn stored_partner_ids(db: &Db, limit: usize) -> anyhow::Result<Vec<Uuid>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows: Vec<(String,)> = accord_store::db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, (String,)>(
            "SELECT id FROM partners WHERE merged_into IS NULL ORDER BY created_at, id LIMIT $1",
        )
        .bind(limit)
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id,)| Uuid::parse_str(&id).ok())
        .collect())
}

/// Inserts `count` generated agreements between the organization (`org`, the reference
/// prefix) and the given partners (the stored ones when empty), each moved to its target
/// status through the store, in batches, with a progress bar on stderr. With `files` (the
/// file store's folder), every agreement submitted for review gets two or three text
/// drafts in English and Arabic, uploaded while in negotiation.
pub async fn generate_agreements(
    db: &Db,
    org: &str,
    partner_ids: &[Uuid],
    count: usize,
    seed: u64,
    files: Option<&std::path::Path>,
) -> anyhow::Result<Vec<Uuid>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let started = std::time::Instant::now();
    let stored;
    let partner_ids = if partner_ids.is_empty() {
        stored = stored_partner_ids(db, 100_000).await?;
        &stored[..]
    } else {
        partner_ids
    };
    if partner_ids.is_empty() {
        anyhow::bail!("agreements need partners: generate some first (--partners N)");
    }
    let cast = Arc::new(Cast::ensure(db).await?);
    let files = files.map(|root| Arc::new(LocalFileStore::new(root)));
    bulk_mode(db, true).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let plan = accord_seed::agreements(partner_ids, count, today, seed);
    // Amendments, renewals and executive programmes of a framework refer to earlier
    // agreements, which must be committed first.
    let (linked, unlinked): (Vec<usize>, Vec<usize>) =
        (0..plan.len()).partition(|&i| plan[i].is_linked());
    let batches: Vec<&[usize]> = unlinked
        .chunks(AGREEMENT_BATCH)
        .chain(linked.chunks(AGREEMENT_BATCH))
        .collect();
    let mut ids: Vec<Option<Uuid>> = vec![None; plan.len()];
    let plan = Arc::new(plan);
    let total = plan.len() as u64;
    let mut done = 0u64;
    let mut moves = 0usize;
    let (mut creating, mut playing) = (0f64, 0f64);
    for batch in batches {
        let phase = std::time::Instant::now();
        let mut tx = db.begin().await?;
        let mut pending: Vec<(usize, Agreement, usize)> = Vec::new();
        for &index in batch {
            let seed_agreement = &plan[index];
            let (agreement, next) = create_agreement(
                &mut tx,
                db,
                org,
                &cast,
                seed_agreement,
                &ids,
                files.is_some(),
            )
            .await?;
            moves += next;
            ids[index] = Some(agreement.id);
            if next < seed_agreement.steps.len() {
                pending.push((index, agreement, next));
            }
        }
        tx.commit().await?;
        creating += phase.elapsed().as_secs_f64();
        let phase = std::time::Instant::now();
        moves += play_routes(db, &cast, &plan, pending, today, files.as_ref()).await?;
        playing += phase.elapsed().as_secs_f64();
        done += batch.len() as u64;
        eprint!("\ragreements {}", progress_bar(done, total));
        let _ = std::io::stderr().flush();
    }
    bulk_mode(db, false).await?;
    eprintln!();
    eprintln!(
        "generated {} agreements ({} transitions, decisions, signatures and validations) in {:.1} s \
         ({:.1} s creating in batches, {:.1} s playing the routes' later steps)",
        plan.len(),
        moves,
        started.elapsed().as_secs_f64(),
        creating,
        playing
    );
    Ok(ids.into_iter().flatten().collect())
}

/// On SQLite, gives the single write connection a large page cache and no sync at
/// checkpoints while bulk loading (`on`), and puts the store's settings back after.
async fn bulk_mode(db: &Db, on: bool) -> anyhow::Result<()> {
    if let accord_store::Engine::Sqlite { write, .. } = &db.engine {
        let pragmas: [&str; 2] = if on {
            ["PRAGMA cache_size = -262144", "PRAGMA synchronous = OFF"]
        } else {
            ["PRAGMA cache_size = -8000", "PRAGMA synchronous = NORMAL"]
        };
        for pragma in pragmas {
            sqlx::query(pragma).execute(write).await?;
        }
    }
    Ok(())
}

/// Creates one agreement in `prospect` with its audit event and takes the moves that open
/// its route inside `tx` (stopping before the first submission for review when drafts are
/// to be uploaded); returns it and the index of the first step left to play.
async fn create_agreement(
    tx: &mut accord_store::Tx,
    db: &Db,
    org: &str,
    cast: &Cast,
    seed_agreement: &SeedAgreement,
    ids: &[Option<Uuid>],
    with_drafts: bool,
) -> anyhow::Result<(Agreement, usize)> {
    let link = |i: Option<usize>| i.and_then(|i| ids[i]).map(|id| id.to_string());
    let mut input = seed_agreement.input.clone();
    input.owner_id = Some(cast.officer.to_string());
    input.parent_id = link(seed_agreement.parent);
    input.amends_id = link(seed_agreement.amends);
    input.renews_id = link(seed_agreement.renews);
    let fields = input
        .validate()
        .map_err(|e| anyhow::anyhow!("generated agreement invalid: {e}"))?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut agreement = store_agreements::insert_agreement_in(
        tx,
        db,
        id,
        now,
        org,
        fields,
        AgreementStatus::Prospect,
    )
    .await?;
    audit::append(
        tx,
        Some(cast.officer),
        "agreement",
        &id.to_string(),
        "create",
        None,
        Some(&agreement.snapshot()),
    )
    .await?;
    let mut next = 0;
    while let Some(SeedStep::Move { action, reason }) = seed_agreement.steps.get(next) {
        if with_drafts && *action == Action::SubmitForReview {
            break;
        }
        let to = action.target(agreement.status).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: no arrow {action:?} from {:?}",
                agreement.reference,
                agreement.status
            )
        })?;
        let moved = store_agreements::move_status_in(
            tx,
            cast.actor(*action),
            &agreement,
            *action,
            to,
            reason.as_deref(),
            None,
            now,
        )
        .await?;
        if !moved {
            anyhow::bail!("{}: could not take {action:?}", agreement.reference);
        }
        agreement.status = to;
        agreement.version += 1;
        agreement.status_since = now;
        agreement.updated_at = now;
        if *action == Action::SubmitForReview {
            reviews::open_cycle(tx, &agreement, now).await?;
        }
        if matches!(
            action,
            Action::Withdraw | Action::RecallFromReview | Action::Reopen
        ) {
            reviews::void_open_steps(tx, &id.to_string()).await?;
        }
        next += 1;
    }
    Ok((agreement, next))
}

/// Plays the rest of each pending route with a few concurrent tasks; returns the steps taken.
async fn play_routes(
    db: &Db,
    cast: &Arc<Cast>,
    plan: &Arc<Vec<SeedAgreement>>,
    pending: Vec<(usize, Agreement, usize)>,
    today: time::Date,
    files: Option<&Arc<LocalFileStore>>,
) -> anyhow::Result<usize> {
    let tasks_count = match db.engine {
        accord_store::Engine::Sqlite { .. } => ROUTE_TASKS,
        accord_store::Engine::Postgres(_) => 1,
    };
    let mut groups: Vec<Vec<(usize, Agreement, usize)>> =
        (0..tasks_count).map(|_| Vec::new()).collect();
    for (n, item) in pending.into_iter().enumerate() {
        groups[n % tasks_count].push(item);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for group in groups {
        let (db, cast, plan) = (db.clone(), Arc::clone(cast), Arc::clone(plan));
        let files = files.cloned();
        tasks.spawn(async move {
            let mut steps = 0;
            for (index, agreement, next) in group {
                let seed_agreement = &plan[index];
                let drafts = files
                    .as_ref()
                    .map(|files| (files.as_ref(), draft_plan(index, seed_agreement)));
                steps += play_route(
                    &db,
                    &cast,
                    agreement,
                    &seed_agreement.steps[next..],
                    today,
                    drafts,
                )
                .await?;
            }
            anyhow::Ok(steps)
        });
    }
    let mut steps = 0;
    while let Some(result) = tasks.join_next().await {
        steps += result??;
    }
    Ok(steps)
}

/// The drafts of an agreement and how many to upload before each submission for review:
/// all but one before the first when it is submitted again later (the last one answers
/// the reviewers' comments), otherwise all before the first.
fn draft_plan(
    index: usize,
    seed_agreement: &SeedAgreement,
) -> (Vec<accord_seed::SeedDraft>, Vec<usize>) {
    let submissions = seed_agreement
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s,
                SeedStep::Move {
                    action: Action::SubmitForReview,
                    ..
                }
            )
        })
        .count();
    if submissions == 0 {
        return (Vec::new(), Vec::new());
    }
    let count = if submissions > 1 { 3 } else { 2 + index % 2 };
    let versions = accord_seed::drafts(&seed_agreement.input, count);
    let mut schedule = vec![0; submissions];
    schedule[0] = if submissions > 1 { count - 1 } else { count };
    if submissions > 1 {
        schedule[1] = 1;
    }
    (versions, schedule)
}

/// Stores a text draft in the file store and records it as the agreement's next version.
async fn upload_draft(
    db: &Db,
    cast: &Cast,
    files: &LocalFileStore,
    agreement: &Agreement,
    draft: &accord_seed::SeedDraft,
    number: usize,
) -> anyhow::Result<()> {
    let filename = format!("{}-v{number}.txt", agreement.reference.replace('/', "-"));
    let bytes = draft.text.clone().into_bytes();
    let kind = documents::sniff(&bytes, &filename)
        .ok_or_else(|| anyhow::anyhow!("{filename}: not a recognised draft"))?;
    let text = documents::extract_text(kind, &bytes);
    let size = bytes.len() as i64;
    let sha256 = files.put(axum::body::Bytes::from(bytes)).await?;
    let direction = Direction::parse(draft.direction).map_err(|e| anyhow::anyhow!("{e}"))?;
    let new = NewVersion {
        direction,
        note: Some(draft.note),
        filename: &filename,
        media_type: kind.media_type(),
        size,
        sha256: &sha256,
        text: text.as_deref(),
    };
    drafts::insert_version(db, Some(cast.officer), agreement, &new)
        .await
        .map_err(|e| anyhow::anyhow!("{}: draft refused: {e:?}", agreement.reference))?;
    Ok(())
}

/// Keeps a (placeholder) scanned signed copy with the agreement; returns its SHA-256.
async fn keep_signed_copy(
    db: &Db,
    cast: &Cast,
    files: &LocalFileStore,
    agreement: &Agreement,
    signatory: &str,
) -> anyhow::Result<String> {
    let filename = format!(
        "{}-signed-{}.pdf",
        agreement.reference.replace('/', "-"),
        signatory
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(24)
            .collect::<String>()
    );
    let bytes = format!(
        "%PDF-1.4\n% Demo scan: {} signed by {signatory}\n%%EOF\n",
        agreement.reference
    )
    .into_bytes();
    let size = bytes.len() as i64;
    let sha256 = files.put(axum::body::Bytes::from(bytes)).await?;
    let new = accord_store::attachments::NewDocument {
        purpose: accord_store::attachments::Purpose::SignedCopy,
        filename: &filename,
        media_type: "application/pdf",
        size,
        sha256: &sha256,
        note: None,
    };
    accord_store::attachments::insert_document(db, Some(cast.officer), agreement.id, &new).await?;
    Ok(sha256)
}

/// Plays steps on an agreement through the store's own functions, one transaction each;
/// with `drafts`, uploads the scheduled drafts before each submission for review.
/// The drafts an agreement gets and the steps after which each is uploaded.
type DraftPlan = (Vec<accord_seed::SeedDraft>, Vec<usize>);

async fn play_route(
    db: &Db,
    cast: &Cast,
    mut agreement: Agreement,
    steps: &[SeedStep],
    today: time::Date,
    drafts: Option<(&LocalFileStore, DraftPlan)>,
) -> anyhow::Result<usize> {
    let reference = agreement.reference.clone();
    let fail = |what: String| anyhow::anyhow!("{reference}: {what}");
    let (mut submission, mut uploaded) = (0, 0);
    for step in steps {
        match step {
            SeedStep::Move { action, reason } => {
                if *action == Action::SubmitForReview
                    && let Some((files, (versions, schedule))) = &drafts
                {
                    let due = schedule.get(submission).copied().unwrap_or(0);
                    for draft in versions.iter().skip(uploaded).take(due) {
                        uploaded += 1;
                        upload_draft(db, cast, files, &agreement, draft, uploaded).await?;
                    }
                    submission += 1;
                }
                let to = action.target(agreement.status).ok_or_else(|| {
                    fail(format!("no arrow {action:?} from {:?}", agreement.status))
                })?;
                agreement = store_agreements::transition(
                    db,
                    cast.actor(*action),
                    agreement.id,
                    *action,
                    to,
                    reason.as_deref(),
                    Some(agreement.version),
                )
                .await?;
            }
            SeedStep::Decide {
                decision, comment, ..
            } => {
                let open = reviews::list_steps(db, agreement.id)
                    .await?
                    .into_iter()
                    .find(|s| s.is_open())
                    .ok_or_else(|| fail("no open review step".into()))?;
                let role =
                    Role::parse(&open.role).map_err(|_| fail(format!("role {}", open.role)))?;
                let unit = open.unit.clone().unwrap_or_default();
                let user_id = *cast
                    .reviewers
                    .get(&(role, unit.clone()))
                    .ok_or_else(|| fail(format!("nobody reviews as {role:?} of {unit}")))?;
                let decision = match decision {
                    ReviewDecision::Cleared => Decision::Cleared,
                    ReviewDecision::ChangesRequested => Decision::ChangesRequested,
                    ReviewDecision::Rejected => Decision::Rejected,
                };
                let reviewer = Reviewer {
                    user_id,
                    role,
                    unit: open.unit.as_deref(),
                };
                let outcome = reviews::decide(
                    db,
                    &reviewer,
                    &agreement,
                    &open.id,
                    decision,
                    comment.as_deref(),
                )
                .await
                .map_err(|e| fail(format!("decision refused: {e:?}")))?;
                if outcome != reviews::Outcome::NextStep {
                    agreement = store_agreements::find_agreement(db, agreement.id)
                        .await?
                        .ok_or_else(|| fail("vanished".into()))?;
                }
            }
            SeedStep::Sign(signature) => {
                let party = match signature.party {
                    None => signing::ORGANIZATION.to_string(),
                    Some(i) => agreement
                        .fields
                        .partner_ids
                        .get(i)
                        .ok_or_else(|| fail(format!("no party {i}")))?
                        .to_string(),
                };
                // With a file store, each signature comes with its signed copy.
                let file_sha256 = match &drafts {
                    Some((files, _)) => Some(
                        keep_signed_copy(db, cast, files, &agreement, &signature.signatory).await?,
                    ),
                    None => None,
                };
                let input = SignatureInput {
                    party: Some(party),
                    signatory: Some(signature.signatory.clone()),
                    capacity: Some(signature.capacity.clone()),
                    signed_on: Some(accord_domain::values::format_date(signature.signed_on)),
                    place: Some(signature.place.clone()),
                    method: Some(signature.method.to_string()),
                    file_sha256,
                };
                agreement = signing::record_signature(db, Some(cast.officer), &agreement, input)
                    .await
                    .map_err(|e| fail(format!("signature refused: {e:?}")))?;
            }
            SeedStep::Validate {
                registry_number,
                entry_into_force_on,
            } => {
                agreement = signing::record_validation(
                    db,
                    cast.legal(),
                    &agreement,
                    Some(registry_number.clone()),
                    Some(accord_domain::values::format_date(*entry_into_force_on)),
                    today,
                )
                .await
                .map_err(|e| fail(format!("validation refused: {e:?}")))?;
            }
        }
    }
    Ok(steps.len())
}

async fn add_demo_users(db: &Db, partner_org: Option<Uuid>) -> anyhow::Result<()> {
    for (role, unit, name) in DEMO_USERS {
        let (email, password) = demo_login(role);
        let needs_organization = role == Role::Partner && partner_org.is_none();
        if needs_organization || users::find_user_by_email(db, &email).await?.is_some() {
            continue;
        }
        let hash = accord_web::auth::hash_password(password).await?;
        let fields = UserFields {
            email,
            name: name.to_string(),
            role,
            unit: unit.map(str::to_string),
            organization_id: if role == Role::Partner {
                partner_org
            } else {
                None
            },
            lang: None,
            disabled: false,
        };
        users::insert_user(db, None, &fields, Some(&hash)).await?;
    }
    let (_, password) = demo_login(Role::Technical);
    for (unit, name) in UNIT_REVIEWERS {
        let email = unit_reviewer_email(unit);
        if users::find_user_by_email(db, &email).await?.is_some() {
            continue;
        }
        let hash = accord_web::auth::hash_password(password.clone()).await?;
        let fields = UserFields {
            email,
            name: name.to_string(),
            role: Role::Technical,
            unit: Some(unit.to_string()),
            organization_id: None,
            lang: None,
            disabled: false,
        };
        users::insert_user(db, None, &fields, Some(&hash)).await?;
    }
    Ok(())
}

/// Builds the demo data directory (afresh unless `keep`) and serves it.
pub async fn run(
    settings: &Settings,
    partners_count: usize,
    agreements_count: usize,
    keep: bool,
) -> anyhow::Result<()> {
    let sqlite = settings.database_url.starts_with("sqlite:");
    if sqlite && !keep && settings.data_dir.exists() {
        std::fs::remove_dir_all(&settings.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot clear {}: {e}", settings.data_dir.display()))?;
    }
    let db = server::open(settings).await?;
    let (existing,): (i64,) = match &db.engine {
        accord_store::Engine::Sqlite { read, .. } => {
            sqlx::query_as("SELECT COUNT(*) FROM partners")
                .fetch_one(read)
                .await?
        }
        accord_store::Engine::Postgres(pool) => {
            sqlx::query_as("SELECT COUNT(*) FROM partners")
                .fetch_one(pool)
                .await?
        }
    };
    // The officer exists first so the generated records carry an author.
    add_demo_users(&db, None).await?;
    let partner_org = if existing == 0 {
        let ids = generate(&db, partners_count, 3, 2026).await?;
        let files = settings.data_dir.join("files");
        generate_agreements(
            &db,
            &settings.org_name,
            &ids,
            agreements_count,
            2026,
            Some(&files),
        )
        .await?;
        crate::demo_interactions::generate_interactions(&db, &settings.org_name, &ids, 2026)
            .await?;
        generate_outreach(&db, 2026).await?;
        ids.first().copied()
    } else {
        None
    };
    // The partner user belongs to the first generated organization.
    let first_partner = match partner_org {
        Some(org) => Some(org),
        None => {
            partners::list_partners(&db, &Default::default(), partners::default_sort(), None, 1)
                .await?
                .items
                .first()
                .map(|p| p.id)
        }
    };
    add_demo_users(&db, first_partner).await?;
    let mut banner = format!(
        "\nAccord demo is ready at {}/\n\nDemo logins (e-mail / password):\n",
        settings.base_url
    );
    for (role, _, _) in DEMO_USERS {
        let (email, password) = demo_login(role);
        banner.push_str(&format!(
            "  {:<10} {:<28} {}\n",
            role.as_str(),
            email,
            password
        ));
    }
    banner.push_str(&format!(
        "  technical reviewers of the other sectors: {} (password {})\n",
        UNIT_REVIEWERS
            .iter()
            .map(|(unit, _)| unit_reviewer_email(unit))
            .collect::<Vec<_>>()
            .join(", "),
        demo_login(Role::Technical).1
    ));
    banner.push_str("\nPress Ctrl+C to stop.");
    server::serve(settings, db, Some(banner)).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Generated agreements reach the status the generator planned, through the store:
    /// stages, review steps decided by their assignees, signatures, drafts, counters that
    /// match the rows, and a whole audit chain.
    /// The demo's outreach cases reach their planned stages; admitted states are observers.
    #[tokio::test]
    async fn generated_outreach_cases_reach_their_stages() {
        let dir = std::env::temp_dir().join(format!("accord-demo-test-{}", Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite:{}", dir.join("accord.db").display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        accord_store::reference::ensure_reference_data(&db)
            .await
            .unwrap();
        add_demo_users(&db, None).await.unwrap();
        generate(&db, 300, 0, 5).await.unwrap();
        assert_eq!(generate_outreach(&db, 5).await.unwrap(), 12);
        let cases = accord_store::outreach::all_cases(&db).await.unwrap();
        assert_eq!(cases.len(), 12);
        let admitted: Vec<_> = cases
            .iter()
            .filter(|c| c.stage == accord_domain::outreach::Stage::Admitted)
            .collect();
        assert!(!admitted.is_empty());
        for case in admitted {
            let country = accord_store::countries::find_country(&db, &case.fields.country)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(country.membership, "observer");
            assert_eq!(
                country.membership_since,
                Some(accord_domain::values::format_date(case.stage_since))
            );
        }
        assert!(cases.iter().any(|c| c.fields.mission_partner_id.is_some()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn generated_agreements_reach_their_planned_status() {
        let dir = std::env::temp_dir().join(format!("accord-demo-test-{}", Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite:{}", dir.join("accord.db").display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        accord_store::reference::ensure_reference_data(&db)
            .await
            .unwrap();
        let partner_ids = generate(&db, 80, 1, 5).await.unwrap();
        let files = dir.join("files");
        let count = 150;
        let ids = generate_agreements(&db, "ICESCO", &partner_ids, count, 5, Some(&files))
            .await
            .unwrap();
        assert_eq!(ids.len(), count);
        let today = time::OffsetDateTime::now_utc().date();
        let plan = accord_seed::agreements(&partner_ids, count, today, 5);
        let mut with_drafts = 0;
        for (id, planned) in ids.iter().zip(&plan) {
            let stored = store_agreements::find_agreement(&db, *id)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(stored.status, planned.status, "{}", stored.reference);
            assert!(stored.reference.starts_with("ICESCO/"));
            assert_eq!(stored.fields.amends_id.is_some(), planned.amends.is_some());
            let stages = store_agreements::stages(&db, *id).await.unwrap();
            assert_eq!(
                stages.last().map(|s| s.status.as_str()),
                Some(planned.status.as_str())
            );
            for step in reviews::list_steps(&db, *id).await.unwrap() {
                if step.decision.is_some() {
                    assert!(step.decided_by.is_some());
                }
            }
            let submitted = planned.steps.iter().any(|s| {
                matches!(
                    s,
                    SeedStep::Move {
                        action: Action::SubmitForReview,
                        ..
                    }
                )
            });
            let versions = drafts::list_versions(&db, *id).await.unwrap();
            assert_eq!(submitted, !versions.is_empty(), "{}", stored.reference);
            if submitted {
                with_drafts += 1;
                assert!(versions.len() >= 2);
            }
            if stored.status == AgreementStatus::Active {
                let signed = signing::list_signatures(&db, *id).await.unwrap();
                assert_eq!(signed.len(), stored.fields.partner_ids.len() + 1);
                assert!(stored.registry_number.is_some());
            }
        }
        assert!(with_drafts > count / 2, "{with_drafts}");
        let (counted,): (i64,) = accord_store::db_run!(
            db,
            fetch_one,
            sqlx::query_as("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM agreement_counts")
        )
        .unwrap();
        assert_eq!(counted, count as i64);
        let report = audit::verify_chain(&db, |_, _| {}).await.unwrap();
        assert!(
            matches!(report, audit::ChainReport::Whole { .. }),
            "{report:?}"
        );
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
