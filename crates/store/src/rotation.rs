//! Diplomatic rotation: what a contact has open (follow-ups of interactions
//! that name them, agreements in progress at their organizations or signed by
//! them, outreach cases whose mission is their organization), and ending a
//! position with the successor recorded in the same transaction.

use crate::agreements::Reader;
use crate::contacts::{Contact, find_contact};
use crate::interactions::{FollowUpFilter, FollowUpItem, list_follow_ups};
use crate::list::{Arg, Sql};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::contact::{Position, SigningAuthority};
use accord_domain::search::normalize;
use accord_domain::{LocalizedText, values};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// How long after a position ends its organization's business still counts
/// as the contact's open items.
pub const RECENT_DAYS: i64 = 90;

/// An agreement in progress that concerns a contact.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementItem {
    pub id: Uuid,
    pub reference: String,
    pub title: LocalizedText,
    pub status: String,
    /// `party` (the contact's organization is a party) or `signatory`.
    pub reason: String,
}

/// An outreach case whose diplomatic mission is the contact's organization.
#[derive(Debug, Clone, Serialize)]
pub struct OutreachItem {
    pub id: Uuid,
    pub country: String,
    pub stage: String,
    pub mission_partner_id: Uuid,
    pub next_action: Option<String>,
    pub next_action_on: Option<String>,
}

/// Everything to re-route when a contact leaves their post.
#[derive(Debug, Clone, Serialize, Default)]
pub struct OpenItems {
    pub follow_ups: Vec<FollowUpItem>,
    pub agreements: Vec<AgreementItem>,
    pub outreach_cases: Vec<OutreachItem>,
}

impl OpenItems {
    /// True when nothing is open.
    pub fn is_empty(&self) -> bool {
        self.follow_ups.is_empty() && self.agreements.is_empty() && self.outreach_cases.is_empty()
    }
}

/// An outreach case as read: id, country, stage, next action and its date.
type CaseRow = (String, String, String, Option<String>, Option<String>);

/// The partners where the contact holds a position, or held one recently.
fn recent_partners(contact: &Contact, today: Date) -> Vec<Uuid> {
    let since = today - time::Duration::days(RECENT_DAYS);
    let mut ids: Vec<Uuid> = contact
        .fields
        .positions
        .iter()
        .filter(|p| p.to.is_none_or(|to| to >= since))
        .map(|p| p.partner_id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn uuid_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt("id".into()))
}

/// The contact's open items as `reader` may see them.
pub async fn open_items(
    db: &Db,
    reader: &Reader,
    contact: &Contact,
    today: Date,
) -> Result<OpenItems> {
    let follow_ups = list_follow_ups(
        db,
        reader,
        &FollowUpFilter {
            contact_id: Some(contact.id),
            open_only: true,
            ..Default::default()
        },
        500,
    )
    .await?;
    let partners = recent_partners(contact, today);
    let mut agreements = Vec::new();
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        reference: String,
        title_ar: Option<String>,
        title_en: Option<String>,
        title_fr: Option<String>,
        status: String,
        signatories: Option<String>,
        party: i64,
    }
    let mut sql = Sql::default();
    let party = if partners.is_empty() {
        "CAST(0 AS BIGINT)".to_string()
    } else {
        let list: Vec<String> = partners
            .iter()
            .map(|p| sql.arg(Arg::Text(p.to_string())))
            .collect();
        format!(
            "CAST(CASE WHEN EXISTS (SELECT 1 FROM agreement_parties op WHERE op.agreement_id = a.id \
             AND op.partner_id IN ({})) THEN 1 ELSE 0 END AS BIGINT)",
            list.join(", ")
        )
    };
    // A signatory named like the contact, or a party of theirs: checked below.
    sql.push(&format!(
        "SELECT a.id AS id, a.reference AS reference, a.title_ar AS title_ar, a.title_en AS title_en, \
         a.title_fr AS title_fr, a.status AS status, \
         (SELECT MIN(s.signatory) FROM signatures s WHERE s.agreement_id = a.id) AS signatories, {party} AS party \
         FROM agreements a WHERE a.status IN ('prospect', 'negotiation', 'review', 'signature', 'validation') \
         AND ({party} = 1 OR EXISTS (SELECT 1 FROM signatures s2 WHERE s2.agreement_id = a.id))"
    ));
    crate::agreements::push_visibility(&mut sql, reader);
    sql.push(" ORDER BY a.reference, a.id");
    let rows: Vec<Row> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, Row>(&sql.text), &sql.args)
    )?;
    let name = normalize(&contact.fields.name);
    for row in rows {
        let signed: Vec<String> = if row.signatories.is_some() {
            db_run!(
                db,
                fetch_all,
                sqlx::query_as::<_, (String,)>(
                    "SELECT signatory FROM signatures WHERE agreement_id = $1"
                )
                .bind(row.id.as_str())
            )?
            .into_iter()
            .map(|(s,)| s)
            .collect()
        } else {
            Vec::new()
        };
        let reason = if signed.iter().any(|s| normalize(s).contains(&name)) {
            "signatory"
        } else if row.party > 0 {
            "party"
        } else {
            continue;
        };
        agreements.push(AgreementItem {
            id: uuid_of(&row.id)?,
            reference: row.reference,
            title: LocalizedText::new(row.title_ar, row.title_en, row.title_fr),
            status: row.status,
            reason: reason.into(),
        });
    }
    let mut outreach_cases = Vec::new();
    for partner in &partners {
        let rows: Vec<CaseRow> = db_run!(
            db,
            fetch_all,
            sqlx::query_as(
                "SELECT id, country, stage, next_action, next_action_on FROM outreach_cases \
                 WHERE mission_partner_id = $1 ORDER BY country, id"
            )
            .bind(partner.to_string())
        )?;
        for (id, country, stage, next_action, next_action_on) in rows {
            outreach_cases.push(OutreachItem {
                id: uuid_of(&id)?,
                country,
                stage,
                mission_partner_id: *partner,
                next_action,
                next_action_on,
            });
        }
    }
    Ok(OpenItems {
        follow_ups,
        agreements,
        outreach_cases,
    })
}

/// What ending a position did.
#[derive(Debug, Clone)]
pub struct Ended {
    pub contact: Contact,
    pub successor: Option<Contact>,
    /// Interactions with open follow-ups that now also name the successor.
    pub rerouted: Vec<Uuid>,
}

async fn save_positions(
    tx: &mut crate::Tx,
    actor: Option<Uuid>,
    before: &Contact,
    positions: Vec<Position>,
    action: &str,
    expected_version: i64,
    now: i64,
) -> Result<Contact> {
    let id = before.id.to_string();
    let mut fields = before.fields.clone();
    fields.positions = positions;
    let done = tx_exec!(
        tx,
        sqlx::query(
            "UPDATE contacts SET search_text = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4"
        )
        .bind(fields.search_text())
        .bind(now)
        .bind(id.as_str())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: before.version,
        });
    }
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM contact_positions WHERE contact_id = $1").bind(id.as_str())
    )?;
    for (ord, p) in fields.positions.iter_mut().enumerate() {
        let pid = *p.id.get_or_insert_with(Uuid::now_v7);
        tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO contact_positions (id, contact_id, partner_id, title, from_date, to_date, signing_authority, authority_document, ord) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )
            .bind(pid.to_string())
            .bind(id.as_str())
            .bind(p.partner_id.to_string())
            .bind(p.title.as_str())
            .bind(p.from.map(values::format_date))
            .bind(p.to.map(values::format_date))
            .bind(p.signing_authority.as_str())
            .bind(p.authority_document.clone())
            .bind(ord as i64)
        )?;
    }
    let after = Contact {
        version: before.version + 1,
        fields,
        updated_at: now,
        ..before.clone()
    };
    audit::append(
        tx,
        actor,
        "contact",
        &id,
        action,
        Some(&before.snapshot()),
        Some(&after.snapshot()),
    )
    .await?;
    Ok(after)
}

/// Ends position `index` of a contact on `on`. With a successor, in the same
/// transaction: the successor gets the same title at the same partner from
/// the next day (without the predecessor's signing authority, which is
/// personal), and every interaction with open follow-ups that names the
/// contact names the successor too, so those follow-ups appear under them.
/// Each change is audited.
pub async fn end_position(
    db: &Db,
    actor: Option<Uuid>,
    contact_id: Uuid,
    index: usize,
    on: Date,
    successor_id: Option<Uuid>,
    expected_version: Option<i64>,
) -> Result<Ended> {
    let contact = find_contact(db, contact_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let version = expected_version.unwrap_or(contact.version);
    if version != contact.version {
        return Err(StoreError::VersionConflict {
            current: contact.version,
        });
    }
    let position = contact
        .fields
        .positions
        .get(index)
        .cloned()
        .ok_or(StoreError::NotFound)?;
    if position.from.is_some_and(|from| on < from) {
        return Err(StoreError::invalid("on", "before_start"));
    }
    if position.to.is_some_and(|to| to < on) {
        return Err(StoreError::invalid("on", "already_ended"));
    }
    let successor = match successor_id {
        None => None,
        Some(id) if id == contact_id => {
            return Err(StoreError::invalid("successor_id", "self_reference"));
        }
        Some(id) => Some(
            find_contact(db, id)
                .await?
                .ok_or_else(|| StoreError::invalid("successor_id", "unknown_contact"))?,
        ),
    };
    let now = now_micros();
    let mut tx = db.begin().await?;
    let mut positions = contact.fields.positions.clone();
    if let Some(p) = positions.get_mut(index) {
        p.to = Some(on);
    }
    let ended = save_positions(
        &mut tx,
        actor,
        &contact,
        positions,
        "end_position",
        version,
        now,
    )
    .await?;
    let mut rerouted = Vec::new();
    let successor = match successor {
        None => None,
        Some(s) => {
            let mut positions = s.fields.positions.clone();
            positions.push(Position {
                id: None,
                partner_id: position.partner_id,
                title: position.title.clone(),
                from: on.next_day(),
                to: None,
                signing_authority: SigningAuthority::None,
                authority_document: None,
            });
            let saved =
                save_positions(&mut tx, actor, &s, positions, "succeed", s.version, now).await?;
            let open: Vec<(String,)> = tx_run!(
                &mut tx,
                fetch_all,
                sqlx::query_as(
                    "SELECT DISTINCT l.interaction_id FROM interaction_links l JOIN follow_ups f ON f.interaction_id = l.interaction_id \
                     WHERE l.kind = 'contact' AND l.target_id = $1 AND f.done = FALSE \
                     AND NOT EXISTS (SELECT 1 FROM interaction_links x WHERE x.interaction_id = l.interaction_id AND x.kind = 'contact' AND x.target_id = $2)"
                )
                .bind(contact_id.to_string())
                .bind(s.id.to_string())
            )?;
            for (interaction_id,) in open {
                let (ord,): (i64,) = tx_run!(
                    &mut tx,
                    fetch_one,
                    sqlx::query_as(
                        "SELECT CAST(COALESCE(MAX(ord), -1) + 1 AS BIGINT) FROM interaction_links WHERE interaction_id = $1 AND kind = 'contact'"
                    )
                    .bind(interaction_id.as_str())
                )?;
                tx_exec!(
                    &mut tx,
                    sqlx::query(
                        "INSERT INTO interaction_links (interaction_id, kind, target_id, ord) VALUES ($1, 'contact', $2, $3)"
                    )
                    .bind(interaction_id.as_str())
                    .bind(s.id.to_string())
                    .bind(ord)
                )?;
                tx_exec!(
                    &mut tx,
                    sqlx::query(
                        "UPDATE interactions SET version = version + 1, updated_at = $1 WHERE id = $2"
                    )
                    .bind(now)
                    .bind(interaction_id.as_str())
                )?;
                audit::append(
                    &mut tx,
                    actor,
                    "interaction",
                    &interaction_id,
                    "reroute",
                    Some(&serde_json::json!({ "contact_id": contact_id })),
                    Some(&serde_json::json!({ "contact_id": contact_id, "successor_id": s.id })),
                )
                .await?;
                rerouted.push(uuid_of(&interaction_id)?);
            }
            Some(saved)
        }
    };
    tx.commit().await?;
    Ok(Ended {
        contact: ended,
        successor,
        rerouted,
    })
}
