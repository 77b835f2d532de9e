//! The partner registry: storage, filtered and searched lists, likely
//! duplicates, and merging one partner into another with all its links.

use crate::list::{Arg, Cursor, Page, Sort, SortColumn, SortKind, Sql, push_search};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::partner::{Identifier, PartnerFields, PartnerKind, PartnerStatus, Risk};
use accord_domain::search::normalize;
use accord_domain::similarity::{DUPLICATE_THRESHOLD, anchor_words, name_similarity};
use accord_domain::{FieldErrors, Lang, LocalizedText};
use serde::Serialize;
use uuid::Uuid;

/// A stored partner.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    pub id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    pub fields: PartnerFields,
    pub merged_into: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct PartnerRow {
    id: String,
    version: i64,
    name_ar: Option<String>,
    name_en: Option<String>,
    name_fr: Option<String>,
    acronym: Option<String>,
    kind: String,
    country: Option<String>,
    parent_id: Option<String>,
    status: String,
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    identifiers: String,
    tags: String,
    risk: Option<String>,
    notes: Option<String>,
    merged_into: Option<String>,
    created_at: i64,
    updated_at: i64,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| corrupt("id"))
}

impl TryFrom<PartnerRow> for Partner {
    type Error = StoreError;
    fn try_from(row: PartnerRow) -> Result<Partner> {
        Ok(Partner {
            id: parse_id(&row.id)?,
            version: row.version,
            fields: PartnerFields {
                name: LocalizedText::new(row.name_ar, row.name_en, row.name_fr),
                acronym: row.acronym,
                kind: PartnerKind::parse(&row.kind).map_err(|_| corrupt("kind"))?,
                country: row.country,
                parent_id: row.parent_id.as_deref().map(parse_id).transpose()?,
                status: PartnerStatus::parse(&row.status).map_err(|_| corrupt("status"))?,
                website: row.website,
                email: row.email,
                phone: row.phone,
                identifiers: serde_json::from_str::<Vec<Identifier>>(&row.identifiers)?,
                tags: serde_json::from_str::<Vec<String>>(&row.tags)?,
                risk: row
                    .risk
                    .as_deref()
                    .map(Risk::parse)
                    .transpose()
                    .map_err(|_| corrupt("risk"))?,
                notes: row.notes,
            },
            merged_into: row.merged_into.as_deref().map(parse_id).transpose()?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl Partner {
    /// The audit snapshot of the partner.
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::to_value(&self.fields).unwrap_or_default()
    }
}

const COLUMNS: &str = "p.id, p.version, p.name_ar, p.name_en, p.name_fr, p.acronym, p.kind, p.country, p.parent_id, \
    p.status, p.website, p.email, p.phone, p.identifiers, p.tags, p.risk, p.notes, p.merged_into, p.created_at, p.updated_at";

/// The columns a partner list may be sorted by.
pub const SORTS: [SortColumn; 8] = [
    SortColumn {
        name: "name",
        expr: "p.sort_name",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "name_ar",
        expr: "p.sort_ar",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "name_fr",
        expr: "p.sort_fr",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "updated_at",
        expr: "p.updated_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "created_at",
        expr: "p.created_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "country",
        expr: "COALESCE(p.country, '')",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "kind",
        expr: "p.kind",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "status",
        expr: "p.status",
        kind: SortKind::Text,
    },
];

/// The default order: by name.
pub fn default_sort() -> Sort {
    Sort {
        column: SORTS[0],
        descending: false,
    }
}

/// Filters of a partner list; all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct PartnerFilter {
    pub q: Option<String>,
    pub kind: Option<PartnerKind>,
    pub country: Option<String>,
    pub status: Option<PartnerStatus>,
    pub tag: Option<String>,
    pub membership: Option<String>,
    /// Restricts the list to one partner (a partner user's own organization).
    pub only_id: Option<Uuid>,
}

fn push_filters(sql: &mut Sql, filter: &PartnerFilter, sqlite: bool) {
    sql.push(" WHERE p.merged_into IS NULL");
    if let Some(q) = &filter.q {
        push_search(sql, q, sqlite, "p", "partners_fts");
    }
    if let Some(kind) = filter.kind {
        let p = sql.arg(Arg::Text(kind.as_str().into()));
        sql.push(&format!(" AND p.kind = {p}"));
    }
    if let Some(country) = &filter.country {
        let p = sql.arg(Arg::Text(country.clone()));
        sql.push(&format!(" AND p.country = {p}"));
    }
    if let Some(status) = filter.status {
        let p = sql.arg(Arg::Text(status.as_str().into()));
        sql.push(&format!(" AND p.status = {p}"));
    }
    if let Some(tag) = &filter.tag {
        let p = sql.arg(Arg::Text(tag.clone()));
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM partner_tags t WHERE t.partner_id = p.id AND t.tag = {p})"
        ));
    }
    if let Some(membership) = &filter.membership {
        let p = sql.arg(Arg::Text(membership.clone()));
        sql.push(&format!(
            " AND p.country IN (SELECT c.code FROM countries c WHERE c.membership = {p})"
        ));
    }
    if let Some(id) = filter.only_id {
        let p = sql.arg(Arg::Text(id.to_string()));
        sql.push(&format!(" AND p.id = {p}"));
    }
}

/// One page of partners matching `filter`, in `sort` order, after `cursor`.
pub async fn list_partners(
    db: &Db,
    filter: &PartnerFilter,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Partner>> {
    let total = count_partners(db, filter).await?;
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, {} AS sort_value FROM partners p",
        sort.column.expr
    ));
    push_filters(&mut sql, filter, is_sqlite(db));
    if let Some(cursor) = cursor
        && !sort.push_after(&mut sql, cursor, "p.id")
    {
        return Err(StoreError::invalid("cursor", "invalid_cursor"));
    }
    sql.push(&sort.order_by("p.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<PartnerRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, PartnerRow>(&sql.text), &sql.args)
    )?;
    let mut items = rows
        .into_iter()
        .map(Partner::try_from)
        .collect::<Result<Vec<_>>>()?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|last| cursor_for(last, sort).encode())
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}

fn is_sqlite(db: &Db) -> bool {
    matches!(db.engine, crate::Engine::Sqlite { .. })
}

/// The number of live partners matching a filter. Filters on status and
/// kind alone are answered from the `partner_counts` table without a scan.
pub async fn count_partners(db: &Db, filter: &PartnerFilter) -> Result<i64> {
    let only_counted = filter.q.is_none()
        && filter.country.is_none()
        && filter.tag.is_none()
        && filter.membership.is_none()
        && filter.only_id.is_none();
    let sql = if only_counted {
        let mut sql =
            Sql::new("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM partner_counts WHERE 1 = 1");
        if let Some(status) = filter.status {
            let p = sql.arg(Arg::Text(status.as_str().into()));
            sql.push(&format!(" AND status = {p}"));
        }
        if let Some(kind) = filter.kind {
            let p = sql.arg(Arg::Text(kind.as_str().into()));
            sql.push(&format!(" AND kind = {p}"));
        }
        sql
    } else {
        let mut sql = Sql::new("SELECT COUNT(*) FROM partners p");
        push_filters(&mut sql, filter, is_sqlite(db));
        sql
    };
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&sql.text), &sql.args)
    )?;
    Ok(total)
}

/// Adds `delta` to the live count of a status and kind.
async fn bump_count(
    tx: &mut crate::Tx,
    status: PartnerStatus,
    kind: PartnerKind,
    delta: i64,
) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO partner_counts (status, kind, n) VALUES ($1, $2, $3) \
             ON CONFLICT (status, kind) DO UPDATE SET n = partner_counts.n + excluded.n"
        )
        .bind(status.as_str())
        .bind(kind.as_str())
        .bind(delta)
    )?;
    Ok(())
}

/// Counts of partners matching a filter, grouped by a column (`kind`, `status` or `country`).
pub async fn count_partners_by(
    db: &Db,
    filter: &PartnerFilter,
    column: &str,
) -> Result<Vec<(String, i64)>> {
    let expr = match column {
        "kind" => "p.kind",
        "status" => "p.status",
        _ => "COALESCE(p.country, '')",
    };
    let mut sql = Sql::new(&format!(
        "SELECT {expr} AS k, COUNT(*) AS n FROM partners p"
    ));
    push_filters(&mut sql, filter, is_sqlite(db));
    sql.push(&format!(" GROUP BY {expr} ORDER BY n DESC"));
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, (String, i64)>(&sql.text), &sql.args)
    )?)
}

fn cursor_for(partner: &Partner, sort: Sort) -> Cursor {
    let value = match sort.column.name {
        "updated_at" => Arg::Int(partner.updated_at),
        "created_at" => Arg::Int(partner.created_at),
        "country" => Arg::Text(partner.fields.country.clone().unwrap_or_default()),
        "kind" => Arg::Text(partner.fields.kind.as_str().into()),
        "status" => Arg::Text(partner.fields.status.as_str().into()),
        "name_ar" => Arg::Text(sort_key(&partner.fields.name, Lang::Ar)),
        "name_fr" => Arg::Text(sort_key(&partner.fields.name, Lang::Fr)),
        _ => Arg::Text(sort_name(&partner.fields.name)),
    };
    Cursor {
        value,
        id: partner.id.to_string(),
    }
}

/// The normalized name a partner sorts by (English, else French, else Arabic).
fn sort_name(name: &LocalizedText) -> String {
    sort_key(name, Lang::En)
}

/// The normalized name a partner sorts by in one language (its name in that
/// language, else in another), so that each language's list is alphabetical.
fn sort_key(name: &LocalizedText, lang: Lang) -> String {
    normalize(name.best(lang))
}

/// One partner by id, merged ones included (check `merged_into`).
pub async fn find_partner(db: &Db, id: Uuid) -> Result<Option<Partner>> {
    let sql = format!("SELECT {COLUMNS} FROM partners p WHERE p.id = $1");
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, PartnerRow>(&sql).bind(id.to_string())
    )?;
    row.map(Partner::try_from).transpose()
}

/// Partners by ids (for showing names of linked records).
pub async fn find_partners(db: &Db, ids: &[Uuid]) -> Result<Vec<Partner>> {
    let mut found: std::collections::HashMap<Uuid, Partner> =
        std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM partners p WHERE p.id IN ("));
        let params: Vec<String> = chunk
            .iter()
            .map(|id| sql.arg(Arg::Text(id.to_string())))
            .collect();
        sql.push(&params.join(", "));
        sql.push(")");
        let rows = db_run!(
            db,
            fetch_all,
            bind_args!(sqlx::query_as::<_, PartnerRow>(&sql.text), &sql.args)
        )?;
        for row in rows {
            let partner = Partner::try_from(row)?;
            found.insert(partner.id, partner);
        }
    }
    // In the order asked, once each.
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The partners whose `parent_id` is this one.
pub async fn list_children(db: &Db, id: Uuid) -> Result<Vec<Partner>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM partners p WHERE p.parent_id = $1 AND p.merged_into IS NULL ORDER BY p.sort_name LIMIT 200"
    );
    let rows = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, PartnerRow>(&sql).bind(id.to_string())
    )?;
    rows.into_iter().map(Partner::try_from).collect()
}

/// Checks the links of a partner: the country exists, the parent exists, is not merged and is not itself.
async fn check_links(db: &Db, id: Option<Uuid>, fields: &PartnerFields) -> Result<()> {
    let mut errors = FieldErrors::new();
    if let Some(country) = &fields.country
        && crate::countries::find_country(db, country).await?.is_none()
    {
        errors.add("country", "unknown_country");
    }
    if let Some(parent) = fields.parent_id {
        if Some(parent) == id {
            errors.add("parent_id", "self_reference");
        } else {
            match find_partner(db, parent).await? {
                Some(p) if p.merged_into.is_none() => {
                    // Refuse cycles: walk up from the parent.
                    let mut cursor = p.fields.parent_id;
                    let mut steps = 0;
                    while let Some(up) = cursor {
                        if Some(up) == id || steps > 50 {
                            errors.add("parent_id", "cycle");
                            break;
                        }
                        cursor = find_partner(db, up).await?.and_then(|p| p.fields.parent_id);
                        steps += 1;
                    }
                }
                _ => errors.add("parent_id", "unknown_partner"),
            }
        }
    }
    Ok(errors.into_result()?)
}

async fn write_tags(tx: &mut crate::Tx, id: &str, tags: &[String]) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM partner_tags WHERE partner_id = $1").bind(id)
    )?;
    for tag in tags {
        tx_exec!(
            tx,
            sqlx::query("INSERT INTO partner_tags (partner_id, tag) VALUES ($1, $2)")
                .bind(id)
                .bind(tag.as_str())
        )?;
    }
    Ok(())
}

/// Creates a partner with its audit event.
pub async fn insert_partner(
    db: &Db,
    actor: Option<Uuid>,
    fields: PartnerFields,
) -> Result<Partner> {
    check_links(db, None, &fields).await?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    insert_partner_in(&mut tx, id, now, &fields).await?;
    let partner = Partner {
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
        "partner",
        &id.to_string(),
        "create",
        None,
        Some(&partner.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(partner)
}

/// Inserts the partner row and its tags inside a transaction (no checks, no event).
pub async fn insert_partner_in(
    tx: &mut crate::Tx,
    id: Uuid,
    now: i64,
    fields: &PartnerFields,
) -> Result<()> {
    let id_text = id.to_string();
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO partners (id, version, name_ar, name_en, name_fr, sort_name, acronym, kind, country, parent_id, status, \
             website, email, phone, identifiers, tags, risk, notes, search_text, merged_into, created_at, updated_at, sort_ar, sort_fr) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, NULL, $19, $19, $20, $21)"
        )
        .bind(id_text.as_str())
        .bind(fields.name.ar.clone())
        .bind(fields.name.en.clone())
        .bind(fields.name.fr.clone())
        .bind(sort_name(&fields.name))
        .bind(fields.acronym.clone())
        .bind(fields.kind.as_str())
        .bind(fields.country.clone())
        .bind(fields.parent_id.map(|p| p.to_string()))
        .bind(fields.status.as_str())
        .bind(fields.website.clone())
        .bind(fields.email.clone())
        .bind(fields.phone.clone())
        .bind(serde_json::to_string(&fields.identifiers)?)
        .bind(serde_json::to_string(&fields.tags)?)
        .bind(fields.risk.map(|r| r.as_str()))
        .bind(fields.notes.clone())
        .bind(fields.search_text())
        .bind(now)
        .bind(sort_key(&fields.name, Lang::Ar))
        .bind(sort_key(&fields.name, Lang::Fr))
    )?;
    write_tags(tx, &id_text, &fields.tags).await?;
    bump_count(tx, fields.status, fields.kind, 1).await
}

/// Writes new fields over `current` if its version is still `current.version`;
/// keeps tags and live counts in step. Returns the rows changed (0 on a conflict).
async fn write_fields(
    tx: &mut crate::Tx,
    current: &Partner,
    now: i64,
    fields: &PartnerFields,
) -> Result<u64> {
    let (id, expected_version) = (current.id, current.version);
    let done = tx_exec!(
        tx,
        sqlx::query(
            "UPDATE partners SET name_ar = $1, name_en = $2, name_fr = $3, sort_name = $4, acronym = $5, kind = $6, country = $7, \
             parent_id = $8, status = $9, website = $10, email = $11, phone = $12, identifiers = $13, tags = $14, risk = $15, \
             notes = $16, search_text = $17, version = version + 1, updated_at = $18, sort_ar = $21, sort_fr = $22 \
             WHERE id = $19 AND version = $20 AND merged_into IS NULL"
        )
        .bind(fields.name.ar.clone())
        .bind(fields.name.en.clone())
        .bind(fields.name.fr.clone())
        .bind(sort_name(&fields.name))
        .bind(fields.acronym.clone())
        .bind(fields.kind.as_str())
        .bind(fields.country.clone())
        .bind(fields.parent_id.map(|p| p.to_string()))
        .bind(fields.status.as_str())
        .bind(fields.website.clone())
        .bind(fields.email.clone())
        .bind(fields.phone.clone())
        .bind(serde_json::to_string(&fields.identifiers)?)
        .bind(serde_json::to_string(&fields.tags)?)
        .bind(fields.risk.map(|r| r.as_str()))
        .bind(fields.notes.clone())
        .bind(fields.search_text())
        .bind(now)
        .bind(id.to_string())
        .bind(expected_version)
        .bind(sort_key(&fields.name, Lang::Ar))
        .bind(sort_key(&fields.name, Lang::Fr))
    )?;
    if done > 0 {
        write_tags(tx, &id.to_string(), &fields.tags).await?;
        let old = (current.fields.status, current.fields.kind);
        if old != (fields.status, fields.kind) {
            bump_count(tx, old.0, old.1, -1).await?;
            bump_count(tx, fields.status, fields.kind, 1).await?;
        }
    }
    Ok(done)
}

/// Replaces a partner's fields if nobody changed it since `expected_version`.
pub async fn update_partner(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    expected_version: i64,
    fields: PartnerFields,
) -> Result<Partner> {
    let current = find_partner(db, id)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    check_links(db, Some(id), &fields).await?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    if write_fields(&mut tx, &current, now, &fields).await? == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    let updated = Partner {
        version: current.version + 1,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        actor,
        "partner",
        &id.to_string(),
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// A likely duplicate of a name.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateCandidate {
    pub partner: Partner,
    pub score: f64,
}

/// Partners whose names are close to any language of `name` (best first, at most 5).
pub async fn similar_partners(
    db: &Db,
    name: &LocalizedText,
    exclude: Option<Uuid>,
) -> Result<Vec<DuplicateCandidate>> {
    let mut best: std::collections::HashMap<Uuid, DuplicateCandidate> =
        std::collections::HashMap::new();
    for (text, anchor) in name
        .all()
        .flat_map(|text| anchor_words(text, 3).into_iter().map(move |a| (text, a)))
    {
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM partners p WHERE p.merged_into IS NULL"
        ));
        push_search(&mut sql, &anchor, is_sqlite(db), "p", "partners_fts");
        sql.push(" LIMIT 100");
        let rows = db_run!(
            db,
            fetch_all,
            bind_args!(sqlx::query_as::<_, PartnerRow>(&sql.text), &sql.args)
        )?;
        for row in rows {
            let partner = Partner::try_from(row)?;
            if Some(partner.id) == exclude {
                continue;
            }
            let score = partner
                .fields
                .name
                .all()
                .map(|candidate| name_similarity(text, candidate))
                .fold(0.0_f64, f64::max);
            if score >= DUPLICATE_THRESHOLD {
                let entry = best
                    .entry(partner.id)
                    .or_insert(DuplicateCandidate { partner, score });
                entry.score = entry.score.max(score);
            }
        }
    }
    let mut out: Vec<DuplicateCandidate> = best.into_values().collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(5);
    Ok(out)
}

/// The ids whose history belongs to this partner: itself and every partner merged into it.
pub async fn history_ids(db: &Db, id: Uuid) -> Result<Vec<String>> {
    let mut ids = vec![id.to_string()];
    let mut frontier = vec![id.to_string()];
    while let Some(current) = frontier.pop() {
        let merged: Vec<(String,)> = db_run!(
            db,
            fetch_all,
            sqlx::query_as("SELECT id FROM partners WHERE merged_into = $1").bind(current.as_str())
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
/// from `from`, tags and identifiers are united, contacts' positions, child
/// partners and partner users move to the survivor, and `from` is kept as a
/// tombstone pointing at the survivor (its history shows on the survivor).
pub async fn merge_partners(
    db: &Db,
    actor: Option<Uuid>,
    survivor_id: Uuid,
    from_id: Uuid,
    expected_version: Option<i64>,
) -> Result<Partner> {
    if survivor_id == from_id {
        return Err(StoreError::invalid("from", "self_reference"));
    }
    let survivor = find_partner(db, survivor_id)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or(StoreError::NotFound)?;
    let from = match find_partner(db, from_id).await? {
        Some(p) if p.merged_into.is_none() => p,
        _ => return Err(StoreError::invalid("from", "unknown_partner")),
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
    fields.name = LocalizedText::new(
        fields.name.ar.clone().or(f.name.ar.clone()),
        fields.name.en.clone().or(f.name.en.clone()),
        fields.name.fr.clone().or(f.name.fr.clone()),
    );
    fields.acronym = fields.acronym.or(f.acronym.clone());
    fields.country = fields.country.or(f.country.clone());
    fields.website = fields.website.or(f.website.clone());
    fields.email = fields.email.or(f.email.clone());
    fields.phone = fields.phone.or(f.phone.clone());
    fields.risk = fields.risk.or(f.risk);
    if fields.parent_id.is_none() && f.parent_id != Some(survivor_id) {
        fields.parent_id = f.parent_id;
    }
    fields.notes = match (fields.notes.take(), &f.notes) {
        (Some(a), Some(b)) if a != *b => Some(format!("{a}\n\n{b}")),
        (a, b) => a.or(b.clone()),
    };
    for tag in &f.tags {
        if !fields.tags.contains(tag) {
            fields.tags.push(tag.clone());
        }
    }
    for identifier in &f.identifiers {
        if !fields.identifiers.contains(identifier) {
            fields.identifiers.push(identifier.clone());
        }
    }
    let now = now_micros();
    let (sid, fid) = (survivor_id.to_string(), from_id.to_string());
    let mut tx = db.begin().await?;
    if write_fields(&mut tx, &survivor, now, &fields).await? == 0 {
        return Err(StoreError::VersionConflict {
            current: survivor.version,
        });
    }
    let moved_positions = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE contact_positions SET partner_id = $1 WHERE partner_id = $2")
            .bind(sid.as_str())
            .bind(fid.as_str())
    )?;
    let moved_children = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE partners SET parent_id = $1 WHERE parent_id = $2 AND id <> $1")
            .bind(sid.as_str())
            .bind(fid.as_str())
    )?;
    let moved_users = tx_exec!(
        &mut tx,
        sqlx::query("UPDATE users SET organization_id = $1 WHERE organization_id = $2")
            .bind(sid.as_str())
            .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM partner_tags WHERE partner_id = $1").bind(fid.as_str())
    )?;
    // The agreements it is party to, their signatures, the interactions that
    // name it and the outreach cases it is the mission of follow it (once,
    // where both were named).
    let moved_agreements = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE agreement_parties SET partner_id = $1 WHERE partner_id = $2 AND NOT EXISTS \
             (SELECT 1 FROM agreement_parties o WHERE o.agreement_id = agreement_parties.agreement_id AND o.partner_id = $1)"
        )
        .bind(sid.as_str())
        .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM agreement_parties WHERE partner_id = $1").bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE signatures SET party = $1 WHERE party = $2 AND NOT EXISTS \
             (SELECT 1 FROM signatures o WHERE o.agreement_id = signatures.agreement_id AND o.party = $1)"
        )
        .bind(sid.as_str())
        .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE interaction_links SET target_id = $1 WHERE kind = 'partner' AND target_id = $2 AND NOT EXISTS \
             (SELECT 1 FROM interaction_links o WHERE o.interaction_id = interaction_links.interaction_id \
             AND o.kind = 'partner' AND o.target_id = $1)"
        )
        .bind(sid.as_str())
        .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM interaction_links WHERE kind = 'partner' AND target_id = $1")
            .bind(fid.as_str())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE outreach_cases SET mission_partner_id = $1 WHERE mission_partner_id = $2"
        )
        .bind(sid.as_str())
        .bind(fid.as_str())
    )?;
    bump_count(&mut tx, from.fields.status, from.fields.kind, -1).await?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE partners SET merged_into = $1, parent_id = NULL, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(sid.as_str())
            .bind(now)
            .bind(fid.as_str())
    )?;
    let updated = Partner {
        version: survivor.version + 1,
        fields,
        updated_at: now,
        ..survivor.clone()
    };
    let mut after = updated.snapshot();
    if let Some(map) = after.as_object_mut() {
        map.insert(
            "merged".into(),
            serde_json::json!({
                "from": fid, "positions_moved": moved_positions, "children_moved": moved_children, "users_moved": moved_users,
                "agreements_moved": moved_agreements,
            }),
        );
    }
    audit::append(
        &mut tx,
        actor,
        "partner",
        &sid,
        "merge",
        Some(&survivor.snapshot()),
        Some(&after),
    )
    .await?;
    let tombstone = serde_json::json!({ "merged_into": sid });
    audit::append(
        &mut tx,
        actor,
        "partner",
        &fid,
        "merged_into",
        Some(&from.snapshot()),
        Some(&tombstone),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}
