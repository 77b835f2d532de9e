//! `accord demo` and `accord generate`: a populated system from the
//! deterministic generator in `accord-seed`, with one user per role.

use crate::config::Settings;
use crate::server;
use accord_domain::Role;
use accord_store::users::{self, UserFields};
use accord_store::{Db, audit, contacts, now_micros, partners};
use std::io::Write;
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
    Ok(())
}

/// Builds the demo data directory (afresh unless `keep`) and serves it.
pub async fn run(settings: &Settings, partners_count: usize, keep: bool) -> anyhow::Result<()> {
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
    banner.push_str("\nPress Ctrl+C to stop.");
    server::serve(settings, db, Some(banner)).await
}
