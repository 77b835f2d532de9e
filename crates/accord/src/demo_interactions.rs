//! The demo's communications log: the generator's interactions stored
//! through the store (registry numbers from the database's sequences, one
//! audit event each), and an ambassador rotation recorded the way a user
//! would, with its open follow-up handed to the successor.

use accord_domain::Role;
use accord_domain::interaction::InteractionFields;
use accord_seed::LogPartner;
use accord_store::agreements::{self as store_agreements, AgreementFilter, Reader};
use accord_store::interactions::{DEFAULT_REGISTRY_UNIT, insert_interaction_in};
use accord_store::{Db, audit, contacts, now_micros, partners, rotation, users};
use uuid::Uuid;

/// Partners that get a log (the first ones generated).
const LOGGED_PARTNERS: usize = 400;

/// Interactions stored per transaction.
const BATCH: usize = 500;

/// Stores the log for the first generated partners; returns how many interactions.
pub async fn generate_interactions(
    db: &Db,
    org: &str,
    partner_ids: &[Uuid],
    seed: u64,
) -> anyhow::Result<usize> {
    let all_users = users::list_users(db).await?;
    let by_email = |email: &str| all_users.iter().find(|u| u.email == email);
    let officer = by_email("officer@demo.accord");
    let director = by_email("director@demo.accord");
    let (Some(officer), Some(director)) = (officer, director) else {
        return Ok(0);
    };
    let mut staff = vec![officer.clone(), director.clone()];
    staff.extend(
        all_users
            .iter()
            .filter(|u| {
                u.role.is_staff()
                    && !matches!(u.role, Role::Viewer | Role::Director)
                    && u.id != officer.id
            })
            .cloned(),
    );
    let everyone = Reader {
        user_id: director.id,
        role: Role::Director,
        unit: None,
        organization_id: None,
    };
    let ids: Vec<Uuid> = partner_ids.iter().take(LOGGED_PARTNERS).copied().collect();
    let mut log_partners = Vec::with_capacity(ids.len());
    for partner in partners::find_partners(db, &ids).await? {
        let people = contacts::contacts_of_partner(db, partner.id).await?;
        let agreements = store_agreements::list_agreements(
            db,
            &AgreementFilter {
                partner_id: Some(partner.id),
                ..Default::default()
            },
            &everyone,
            store_agreements::default_sort(),
            None,
            5,
        )
        .await?;
        log_partners.push(LogPartner {
            id: partner.id,
            kind: partner.fields.kind,
            contacts: people.iter().map(|c| c.contact_id).collect(),
            agreements: agreements.items.iter().map(|a| a.id).collect(),
        });
    }
    let staff_ids: Vec<Uuid> = staff.iter().map(|u| u.id).collect();
    let today = time::OffsetDateTime::now_utc().date();
    let log = accord_seed::interactions(&log_partners, &staff_ids, today, seed);
    let mut stored = 0;
    for batch in log.chunks(BATCH) {
        let mut tx = db.begin().await?;
        for item in batch {
            let fields: InteractionFields = item
                .input
                .clone()
                .validate()
                .map_err(|e| anyhow::anyhow!("generated interaction invalid: {e}"))?;
            let author = &staff[item.author];
            let unit = author.unit.as_deref().unwrap_or(DEFAULT_REGISTRY_UNIT);
            let id = Uuid::now_v7();
            let interaction = insert_interaction_in(
                &mut tx,
                Some(author.id),
                id,
                now_micros(),
                org,
                unit,
                fields,
            )
            .await?;
            audit::append(
                &mut tx,
                Some(author.id),
                "interaction",
                &id.to_string(),
                "create",
                None,
                Some(&interaction.snapshot()),
            )
            .await?;
            stored += 1;
        }
        tx.commit().await?;
    }
    rotate_an_ambassador(db, &log_partners, officer.id, today).await?;
    Ok(stored)
}

/// Ends the current post of a contact at a diplomatic mission with an open
/// follow-up, naming another person of the mission as successor.
async fn rotate_an_ambassador(
    db: &Db,
    log_partners: &[LogPartner],
    officer: Uuid,
    today: time::Date,
) -> anyhow::Result<()> {
    let officer_reader = Reader {
        user_id: officer,
        role: Role::Officer,
        unit: None,
        organization_id: None,
    };
    for partner in log_partners
        .iter()
        .filter(|p| p.kind == accord_domain::partner::PartnerKind::DiplomaticMission)
    {
        let people = contacts::contacts_of_partner(db, partner.id).await?;
        let current: Vec<_> = people
            .iter()
            .filter(|c| c.position.is_current(today))
            .collect();
        let (Some(leaving), Some(successor)) = (current.first(), current.get(1)) else {
            continue;
        };
        let Some(contact) = contacts::find_contact(db, leaving.contact_id).await? else {
            continue;
        };
        let items = rotation::open_items(db, &officer_reader, &contact, today).await?;
        if items.follow_ups.is_empty() {
            continue;
        }
        let Some(index) = contact
            .fields
            .positions
            .iter()
            .position(|p| p.partner_id == partner.id && p.is_current(today))
        else {
            continue;
        };
        let on = today - time::Duration::days(3);
        if contact.fields.positions[index]
            .from
            .is_some_and(|from| from > on)
        {
            continue;
        }
        rotation::end_position(
            db,
            Some(officer),
            contact.id,
            index,
            on,
            Some(successor.contact_id),
            None,
        )
        .await?;
        return Ok(());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use accord_store::users::UserFields;

    /// The demo log is stored with registry numbers in sequence, follow-ups for
    /// the officer, a rotation, and a whole audit chain.
    #[tokio::test]
    async fn the_demo_log_is_stored_through_the_store() {
        let dir = std::env::temp_dir().join(format!("accord-log-test-{}", Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite:{}", dir.join("accord.db").display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        accord_store::reference::ensure_reference_data(&db)
            .await
            .unwrap();
        for (role, email) in [
            (Role::Officer, "officer@demo.accord"),
            (Role::Director, "director@demo.accord"),
        ] {
            let fields = UserFields {
                email: email.into(),
                name: email.into(),
                role,
                unit: None,
                organization_id: None,
                lang: None,
                disabled: false,
            };
            users::insert_user(&db, None, &fields, None).await.unwrap();
        }
        let partner_ids = crate::demo::generate(&db, 60, 3, 7).await.unwrap();
        let stored = generate_interactions(&db, "ICESCO", &partner_ids, 7)
            .await
            .unwrap();
        assert!(stored > 60, "{stored}");
        let director = users::find_user_by_email(&db, "director@demo.accord")
            .await
            .unwrap()
            .unwrap()
            .0;
        let reader = Reader {
            user_id: director.id,
            role: Role::Director,
            unit: None,
            organization_id: None,
        };
        let page = accord_store::interactions::list_interactions(
            &db,
            &Default::default(),
            &reader,
            accord_store::interactions::default_sort(),
            None,
            200,
        )
        .await
        .unwrap();
        assert_eq!(page.total, stored as i64);
        let numbered = page
            .items
            .iter()
            .filter(|i| i.registry_number.is_some())
            .count();
        assert!(numbered > 0);
        let report = audit::verify_chain(&db, |_, _| {}).await.unwrap();
        assert!(
            matches!(report, audit::ChainReport::Whole { .. }),
            "{report:?}"
        );
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
