//! Contacts: people at partners, with their dated positions; likely
//! duplicates (similar name, same e-mail) and merging one contact into another.

use crate::list::{Arg, Cursor, Page, Sort, SortColumn, SortKind, Sql};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::FieldErrors;
use accord_domain::contact::{ContactFields, Position, SigningAuthority};
use accord_domain::search::normalize;
use accord_domain::values;
use serde::Serialize;
use uuid::Uuid;

/// A stored contact.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    pub fields: ContactFields,
    /// Set when this contact was merged into another (a tombstone).
    pub merged_into: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Contact {
    /// The audit snapshot of the contact.
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::to_value(&self.fields).unwrap_or_default()
    }

    /// The partners this contact holds or held positions at.
    pub fn partner_ids(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self.fields.positions.iter().map(|p| p.partner_id).collect();
        ids.dedup();
        ids
    }
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: String,
    version: i64,
    name: String,
    name_alt: Option<String>,
    honorific: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    languages: String,
    notes: Option<String>,
    merged_into: Option<String>,
    created_at: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    id: String,
    contact_id: String,
    partner_id: String,
    title: String,
    from_date: Option<String>,
    to_date: Option<String>,
    signing_authority: String,
    authority_document: Option<String>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

impl PositionRow {
    fn into_position(self) -> Result<Position> {
        Ok(Position {
            id: Some(Uuid::parse_str(&self.id).map_err(|_| corrupt("position id"))?),
            partner_id: Uuid::parse_str(&self.partner_id).map_err(|_| corrupt("partner id"))?,
            title: self.title,
            from: self
                .from_date
                .as_deref()
                .map(values::date)
                .transpose()
                .map_err(|_| corrupt("from"))?,
            to: self
                .to_date
                .as_deref()
                .map(values::date)
                .transpose()
                .map_err(|_| corrupt("to"))?,
            signing_authority: SigningAuthority::parse(&self.signing_authority)
                .map_err(|_| corrupt("authority"))?,
            authority_document: self.authority_document,
        })
    }
}

const COLUMNS: &str = "c.id, c.version, c.name, c.name_alt, c.honorific, c.email, c.phone, c.languages, c.notes, c.merged_into, c.created_at, c.updated_at";
const POSITION_COLUMNS: &str = "cp.id, cp.contact_id, cp.partner_id, cp.title, cp.from_date, cp.to_date, cp.signing_authority, cp.authority_document";

/// The columns a contact list may be sorted by.
pub const SORTS: [SortColumn; 3] = [
    SortColumn {
        name: "name",
        expr: "c.sort_name",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "updated_at",
        expr: "c.updated_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "created_at",
        expr: "c.created_at",
        kind: SortKind::Int,
    },
];

/// Filters of a contact list.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub q: Option<String>,
    pub partner_id: Option<Uuid>,
    /// Only contacts with a position at this partner (a partner user's organization).
    pub visible_to_org: Option<Uuid>,
}

async fn load_positions(db: &Db, rows: Vec<ContactRow>) -> Result<Vec<Contact>> {
    let mut contacts = Vec::with_capacity(rows.len());
    for row in rows {
        let sql = format!(
            "SELECT {POSITION_COLUMNS} FROM contact_positions cp WHERE cp.contact_id = $1 ORDER BY cp.ord"
        );
        let positions: Vec<PositionRow> = db_run!(
            db,
            fetch_all,
            sqlx::query_as::<_, PositionRow>(&sql).bind(row.id.as_str())
        )?;
        contacts.push(Contact {
            id: Uuid::parse_str(&row.id).map_err(|_| corrupt("id"))?,
            version: row.version,
            fields: ContactFields {
                name: row.name,
                name_alt: row.name_alt,
                honorific: row.honorific,
                email: row.email,
                phone: row.phone,
                languages: serde_json::from_str(&row.languages)?,
                positions: positions
                    .into_iter()
                    .map(PositionRow::into_position)
                    .collect::<Result<_>>()?,
                notes: row.notes,
            },
            merged_into: row
                .merged_into
                .as_deref()
                .map(Uuid::parse_str)
                .transpose()
                .map_err(|_| corrupt("merged_into"))?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        });
    }
    Ok(contacts)
}

fn push_filters(sql: &mut Sql, filter: &ContactFilter, sqlite: bool) {
    sql.push(" WHERE c.merged_into IS NULL");
    if let Some(q) = &filter.q {
        crate::list::push_search(sql, q, sqlite, "c", "contacts_fts");
    }
    for partner in [filter.partner_id, filter.visible_to_org]
        .into_iter()
        .flatten()
    {
        let p = sql.arg(Arg::Text(partner.to_string()));
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM contact_positions cp WHERE cp.contact_id = c.id AND cp.partner_id = {p})"
        ));
    }
}

/// One page of contacts.
pub async fn list_contacts(
    db: &Db,
    filter: &ContactFilter,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Contact>> {
    let mut count_sql = Sql::new("SELECT COUNT(*) FROM contacts c");
    push_filters(
        &mut count_sql,
        filter,
        matches!(db.engine, crate::Engine::Sqlite { .. }),
    );
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&count_sql.text), &count_sql.args)
    )?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM contacts c"));
    push_filters(
        &mut sql,
        filter,
        matches!(db.engine, crate::Engine::Sqlite { .. }),
    );
    if let Some(cursor) = cursor
        && !sort.push_after(&mut sql, cursor, "c.id")
    {
        return Err(StoreError::invalid("cursor", "invalid_cursor"));
    }
    sql.push(&sort.order_by("c.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<ContactRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, ContactRow>(&sql.text), &sql.args)
    )?;
    let mut items = load_positions(db, rows).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|last| {
            let value = match sort.column.name {
                "updated_at" => Arg::Int(last.updated_at),
                "created_at" => Arg::Int(last.created_at),
                _ => Arg::Text(normalize(&last.fields.name)),
            };
            Cursor {
                value,
                id: last.id.to_string(),
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}

/// One contact, merged ones included (check `merged_into`).
pub async fn find_contact(db: &Db, id: Uuid) -> Result<Option<Contact>> {
    let sql = format!("SELECT {COLUMNS} FROM contacts c WHERE c.id = $1");
    let rows = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, ContactRow>(&sql).bind(id.to_string())
    )?;
    Ok(load_positions(db, rows).await?.into_iter().next())
}

/// A contact's position at a partner, for the partner's page.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerContact {
    pub contact_id: Uuid,
    pub name: String,
    pub honorific: Option<String>,
    pub email: Option<String>,
    pub position: Position,
}

/// Everyone who holds or held a position at a partner, current positions first.
pub async fn contacts_of_partner(db: &Db, partner_id: Uuid) -> Result<Vec<PartnerContact>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        position: PositionRow,
        name: String,
        honorific: Option<String>,
        email: Option<String>,
    }
    let sql = format!(
        "SELECT {POSITION_COLUMNS}, c.name, c.honorific, c.email FROM contact_positions cp JOIN contacts c ON c.id = cp.contact_id \
         WHERE cp.partner_id = $1 AND c.merged_into IS NULL ORDER BY cp.to_date IS NOT NULL, cp.to_date DESC, c.sort_name LIMIT 500"
    );
    let rows: Vec<Row> = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, Row>(&sql).bind(partner_id.to_string())
    )?;
    rows.into_iter()
        .map(|r| {
            Ok(PartnerContact {
                contact_id: Uuid::parse_str(&r.position.contact_id)
                    .map_err(|_| corrupt("contact id"))?,
                name: r.name,
                honorific: r.honorific,
                email: r.email,
                position: r.position.into_position()?,
            })
        })
        .collect()
}

async fn check_links(db: &Db, fields: &ContactFields) -> Result<()> {
    let mut errors = FieldErrors::new();
    for (i, position) in fields.positions.iter().enumerate() {
        match crate::partners::find_partner(db, position.partner_id).await? {
            Some(p) if p.merged_into.is_none() => {}
            _ => errors.add(format!("positions[{i}].partner_id"), "unknown_partner"),
        }
    }
    Ok(errors.into_result()?)
}

async fn write_positions(
    tx: &mut crate::Tx,
    contact_id: &str,
    positions: &mut [Position],
) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM contact_positions WHERE contact_id = $1").bind(contact_id)
    )?;
    for (ord, position) in positions.iter_mut().enumerate() {
        let id = *position.id.get_or_insert_with(Uuid::now_v7);
        tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO contact_positions (id, contact_id, partner_id, title, from_date, to_date, signing_authority, authority_document, ord) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )
            .bind(id.to_string())
            .bind(contact_id)
            .bind(position.partner_id.to_string())
            .bind(position.title.as_str())
            .bind(position.from.map(values::format_date))
            .bind(position.to.map(values::format_date))
            .bind(position.signing_authority.as_str())
            .bind(position.authority_document.clone())
            .bind(ord as i64)
        )?;
    }
    Ok(())
}

/// Creates a contact with its positions and audit event.
pub async fn insert_contact(
    db: &Db,
    actor: Option<Uuid>,
    mut fields: ContactFields,
) -> Result<Contact> {
    check_links(db, &fields).await?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    insert_contact_in(&mut tx, id, now, &mut fields).await?;
    let contact = Contact {
        id,
        version: 1,
        fields,
        merged_into: None,
        created_at: now,
        updated_at: now,
    };
    audit::append(
        &mut tx,
        actor,
        "contact",
        &id.to_string(),
        "create",
        None,
        Some(&contact.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(contact)
}

/// Inserts the contact row and positions inside a transaction (no checks, no event).
pub async fn insert_contact_in(
    tx: &mut crate::Tx,
    id: Uuid,
    now: i64,
    fields: &mut ContactFields,
) -> Result<()> {
    let id_text = id.to_string();
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO contacts (id, version, name, name_alt, sort_name, honorific, email, phone, languages, notes, search_text, created_at, updated_at) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)"
        )
        .bind(id_text.as_str())
        .bind(fields.name.as_str())
        .bind(fields.name_alt.clone())
        .bind(normalize(&fields.name))
        .bind(fields.honorific.clone())
        .bind(fields.email.clone())
        .bind(fields.phone.clone())
        .bind(serde_json::to_string(&fields.languages)?)
        .bind(fields.notes.clone())
        .bind(fields.search_text())
        .bind(now)
    )?;
    write_positions(tx, &id_text, &mut fields.positions).await
}

/// Replaces a contact's fields if nobody changed it since `expected_version`.
pub async fn update_contact(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    expected_version: i64,
    mut fields: ContactFields,
) -> Result<Contact> {
    let current = find_contact(db, id)
        .await?
        .filter(|c| c.merged_into.is_none())
        .ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    check_links(db, &fields).await?;
    let now = now_micros();
    let id_text = id.to_string();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE contacts SET name = $1, name_alt = $2, sort_name = $3, honorific = $4, email = $5, phone = $6, languages = $7, \
             notes = $8, search_text = $9, version = version + 1, updated_at = $10 WHERE id = $11 AND version = $12 AND merged_into IS NULL"
        )
        .bind(fields.name.as_str())
        .bind(fields.name_alt.clone())
        .bind(normalize(&fields.name))
        .bind(fields.honorific.clone())
        .bind(fields.email.clone())
        .bind(fields.phone.clone())
        .bind(serde_json::to_string(&fields.languages)?)
        .bind(fields.notes.clone())
        .bind(fields.search_text())
        .bind(now)
        .bind(id_text.as_str())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    write_positions(&mut tx, &id_text, &mut fields.positions).await?;
    let updated = Contact {
        version: current.version + 1,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        actor,
        "contact",
        &id_text,
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// A likely duplicate of a contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactCandidate {
    pub contact: Contact,
    /// Name similarity from 0 to 1 (1 for the same e-mail).
    pub score: f64,
    /// The same e-mail address (case-insensitive).
    pub same_email: bool,
}

/// Live contacts whose name (or other-script name) is close to `name`, or
/// who have the same e-mail; best first, at most 5.
pub async fn similar_contacts(
    db: &Db,
    name: &str,
    email: Option<&str>,
    exclude: Option<Uuid>,
) -> Result<Vec<ContactCandidate>> {
    use accord_domain::similarity::{DUPLICATE_THRESHOLD, anchor_words, name_similarity};
    let sqlite = matches!(db.engine, crate::Engine::Sqlite { .. });
    let mut best: std::collections::HashMap<Uuid, ContactCandidate> =
        std::collections::HashMap::new();
    let mut rows: Vec<ContactRow> = Vec::new();
    for anchor in anchor_words(name, 3) {
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM contacts c WHERE c.merged_into IS NULL"
        ));
        crate::list::push_search(&mut sql, &anchor, sqlite, "c", "contacts_fts");
        sql.push(" LIMIT 100");
        rows.extend(db_run!(
            db,
            fetch_all,
            bind_args!(sqlx::query_as::<_, ContactRow>(&sql.text), &sql.args)
        )?);
    }
    let email = email
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    if let Some(email) = &email {
        let sql = format!(
            "SELECT {COLUMNS} FROM contacts c WHERE c.merged_into IS NULL AND LOWER(c.email) = $1 LIMIT 20"
        );
        rows.extend(db_run!(
            db,
            fetch_all,
            sqlx::query_as::<_, ContactRow>(&sql).bind(email.as_str())
        )?);
    }
    for contact in load_positions(db, rows).await? {
        if Some(contact.id) == exclude || best.contains_key(&contact.id) {
            continue;
        }
        let same_email =
            email.is_some() && contact.fields.email.as_deref().map(str::to_lowercase) == email;
        let score = [
            Some(contact.fields.name.as_str()),
            contact.fields.name_alt.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(|candidate| name_similarity(name, candidate))
        .fold(0.0_f64, f64::max);
        if same_email || score >= DUPLICATE_THRESHOLD {
            let score = if same_email { 1.0 } else { score };
            best.insert(
                contact.id,
                ContactCandidate {
                    contact,
                    score,
                    same_email,
                },
            );
        }
    }
    let mut out: Vec<ContactCandidate> = best.into_values().collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(5);
    Ok(out)
}

/// The ids whose history belongs to this contact: itself and every contact merged into it.
pub async fn history_ids(db: &Db, id: Uuid) -> Result<Vec<String>> {
    let mut ids = vec![id.to_string()];
    let mut frontier = vec![id.to_string()];
    while let Some(current) = frontier.pop() {
        let merged: Vec<(String,)> = db_run!(
            db,
            fetch_all,
            sqlx::query_as("SELECT id FROM contacts WHERE merged_into = $1").bind(current.as_str())
        )?;
        for (m,) in merged {
            if !ids.contains(&m) {
                ids.push(m.clone());
                frontier.push(m);
            }
        }
    }
    Ok(ids)
}

/// Merges `from` into `survivor`: empty fields of the survivor are filled
/// from `from`, languages are united, notes joined, every position of `from`
/// (and any other row that references it) moves to the survivor, and `from`
/// is kept as a tombstone pointing at the survivor. Both are audited.
pub async fn merge_contacts(
    db: &Db,
    actor: Option<Uuid>,
    survivor_id: Uuid,
    from_id: Uuid,
    expected_version: Option<i64>,
) -> Result<Contact> {
    if survivor_id == from_id {
        return Err(StoreError::invalid("from", "self_reference"));
    }
    let survivor = find_contact(db, survivor_id)
        .await?
        .filter(|c| c.merged_into.is_none())
        .ok_or(StoreError::NotFound)?;
    let from = match find_contact(db, from_id).await? {
        Some(c) if c.merged_into.is_none() => c,
        _ => return Err(StoreError::invalid("from", "unknown_contact")),
    };
    if let Some(expected) = expected_version
        && expected != survivor.version
    {
        return Err(StoreError::VersionConflict {
            current: survivor.version,
        });
    }
    let mut fields = survivor.fields.clone();
    let f = &from.fields;
    fields.name_alt = fields.name_alt.or(f.name_alt.clone());
    fields.honorific = fields.honorific.or(f.honorific.clone());
    fields.email = fields.email.or(f.email.clone());
    fields.phone = fields.phone.or(f.phone.clone());
    for language in &f.languages {
        if !fields.languages.contains(language) {
            fields.languages.push(language.clone());
        }
    }
    fields.notes = match (fields.notes.take(), &f.notes) {
        (Some(a), Some(b)) if a != *b => Some(format!("{a}\n\n{b}")),
        (a, b) => a.or(b.clone()),
    };
    fields.positions.extend(f.positions.iter().cloned());
    let now = now_micros();
    let (sid, fid) = (survivor_id.to_string(), from_id.to_string());
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE contacts SET name_alt = $1, honorific = $2, email = $3, phone = $4, languages = $5, notes = $6, \
             search_text = $7, version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10 AND merged_into IS NULL"
        )
        .bind(fields.name_alt.clone())
        .bind(fields.honorific.clone())
        .bind(fields.email.clone())
        .bind(fields.phone.clone())
        .bind(serde_json::to_string(&fields.languages)?)
        .bind(fields.notes.clone())
        .bind(fields.search_text())
        .bind(now)
        .bind(sid.as_str())
        .bind(survivor.version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: survivor.version,
        });
    }
    // Every table that references contacts: positions (kept in order after
    // the survivor's own) and the links of interactions (below).
    let offset = survivor.fields.positions.len() as i64;
    let moved_positions = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE contact_positions SET contact_id = $1, ord = ord + $2 WHERE contact_id = $3"
        )
        .bind(sid.as_str())
        .bind(offset)
        .bind(fid.as_str())
    )?;
    // Interactions that name the merged contact name the survivor instead
    // (once, when they named both).
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE interaction_links SET target_id = $1 WHERE kind = 'contact' AND target_id = $2 \
             AND NOT EXISTS (SELECT 1 FROM interaction_links o WHERE o.interaction_id = interaction_links.interaction_id \
             AND o.kind = 'contact' AND o.target_id = $1)"
        )
        .bind(sid.as_str())
        .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM interaction_links WHERE kind = 'contact' AND target_id = $1")
            .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE contacts SET merged_into = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(sid.as_str())
            .bind(now)
            .bind(fid.as_str())
    )?;
    let updated = Contact {
        version: survivor.version + 1,
        fields,
        updated_at: now,
        ..survivor.clone()
    };
    let mut after = updated.snapshot();
    if let Some(map) = after.as_object_mut() {
        map.insert(
            "merged".into(),
            serde_json::json!({ "from": fid, "positions_moved": moved_positions }),
        );
    }
    audit::append(
        &mut tx,
        actor,
        "contact",
        &sid,
        "merge",
        Some(&survivor.snapshot()),
        Some(&after),
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        "contact",
        &fid,
        "merged_into",
        Some(&from.snapshot()),
        Some(&serde_json::json!({ "merged_into": sid })),
    )
    .await?;
    tx.commit().await?;
    find_contact(db, survivor_id)
        .await?
        .ok_or(StoreError::NotFound)
}
