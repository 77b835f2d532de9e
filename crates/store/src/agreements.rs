//! Agreements: storage, visibility-aware lists, reference numbers, the
//! lifecycle transitions with their stage times, the review chain, signatures
//! and validation. Guards on who may do what live in `accord_domain::agreement`;
//! this module re-checks the status inside each transaction so that two
//! concurrent moves cannot both apply.

use crate::list::{Arg, Cursor, Page, Sort, SortColumn, SortKind, Sql, push_search};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::agreement::{
    Action, AgreementFields, AgreementKind, AgreementStatus, EntryIntoForce, Money,
    reference_number,
};
use accord_domain::search::normalize;
use accord_domain::{FieldErrors, Lang, LocalizedText, Role, values};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// A stored agreement.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub id: Uuid,
    pub version: i64,
    pub reference: String,
    pub status: AgreementStatus,
    pub status_since: i64,
    #[serde(flatten)]
    pub fields: AgreementFields,
    pub registry_number: Option<String>,
    pub entry_into_force_on: Option<Date>,
    pub amendment_no: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct AgreementRow {
    id: String,
    version: i64,
    reference: String,
    title_ar: Option<String>,
    title_en: Option<String>,
    title_fr: Option<String>,
    kind: String,
    status: String,
    lead_unit: String,
    owner_id: Option<String>,
    confidential: bool,
    starts_on: Option<String>,
    ends_on: Option<String>,
    entry_into_force: String,
    entry_into_force_on: Option<String>,
    auto_renew: bool,
    notice_days: Option<i64>,
    value_minor: Option<i64>,
    value_currency: Option<String>,
    objectives_ar: Option<String>,
    objectives_en: Option<String>,
    objectives_fr: Option<String>,
    parent_id: Option<String>,
    amends_id: Option<String>,
    renews_id: Option<String>,
    amendment_no: Option<i64>,
    tags: String,
    registry_number: Option<String>,
    status_since: i64,
    created_at: i64,
    updated_at: i64,
    party_ids: Option<String>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn uuid_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| corrupt("id"))
}

fn date_of(text: Option<&str>) -> Result<Option<Date>> {
    text.map(values::date)
        .transpose()
        .map_err(|_| corrupt("date"))
}

impl TryFrom<AgreementRow> for Agreement {
    type Error = StoreError;
    fn try_from(row: AgreementRow) -> Result<Agreement> {
        let value = match (row.value_minor, row.value_currency.as_deref()) {
            (Some(minor), Some(code)) => {
                let currency: [u8; 3] = code
                    .as_bytes()
                    .try_into()
                    .map_err(|_| corrupt("currency"))?;
                Some(Money { minor, currency })
            }
            _ => None,
        };
        let mut partner_ids = Vec::new();
        for id in row
            .party_ids
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
        {
            partner_ids.push(uuid_of(id)?);
        }
        Ok(Agreement {
            id: uuid_of(&row.id)?,
            version: row.version,
            reference: row.reference,
            status: AgreementStatus::parse(&row.status).map_err(|_| corrupt("status"))?,
            status_since: row.status_since,
            fields: AgreementFields {
                title: LocalizedText::new(row.title_ar, row.title_en, row.title_fr),
                kind: AgreementKind::parse(&row.kind).map_err(|_| corrupt("kind"))?,
                partner_ids,
                lead_unit: row.lead_unit,
                owner_id: row.owner_id.as_deref().map(uuid_of).transpose()?,
                confidential: row.confidential,
                starts_on: date_of(row.starts_on.as_deref())?,
                ends_on: date_of(row.ends_on.as_deref())?,
                entry_into_force: EntryIntoForce::parse(&row.entry_into_force)
                    .map_err(|_| corrupt("entry"))?,
                auto_renew: row.auto_renew,
                notice_days: row.notice_days,
                value,
                objectives: LocalizedText::new(
                    row.objectives_ar,
                    row.objectives_en,
                    row.objectives_fr,
                ),
                parent_id: row.parent_id.as_deref().map(uuid_of).transpose()?,
                amends_id: row.amends_id.as_deref().map(uuid_of).transpose()?,
                renews_id: row.renews_id.as_deref().map(uuid_of).transpose()?,
                tags: serde_json::from_str(&row.tags)?,
            },
            registry_number: row.registry_number,
            entry_into_force_on: date_of(row.entry_into_force_on.as_deref())?,
            amendment_no: row.amendment_no,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl Agreement {
    /// The audit snapshot.
    pub fn snapshot(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.fields).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("reference".into(), self.reference.clone().into());
            map.insert("status".into(), self.status.as_str().into());
        }
        value
    }
}

const COLUMNS: &str = "a.id, a.version, a.reference, a.title_ar, a.title_en, a.title_fr, a.kind, a.status, a.lead_unit, \
    a.owner_id, a.confidential, a.starts_on, a.ends_on, a.entry_into_force, a.entry_into_force_on, a.auto_renew, \
    a.notice_days, a.value_minor, a.value_currency, a.objectives_ar, a.objectives_en, a.objectives_fr, a.parent_id, \
    a.amends_id, a.renews_id, a.amendment_no, a.tags, a.registry_number, a.status_since, a.created_at, a.updated_at";

/// The party ids of the agreement `a`, comma-separated, as one column.
fn parties_column(db: &Db) -> &'static str {
    match db.engine {
        crate::Engine::Sqlite { .. } => {
            "(SELECT group_concat(ap.partner_id, ',') FROM (SELECT partner_id FROM agreement_parties WHERE agreement_id = a.id ORDER BY ord) ap) AS party_ids"
        }
        crate::Engine::Postgres(_) => {
            "(SELECT string_agg(ap.partner_id, ',' ORDER BY ap.ord) FROM agreement_parties ap WHERE ap.agreement_id = a.id) AS party_ids"
        }
    }
}

fn is_sqlite(db: &Db) -> bool {
    matches!(db.engine, crate::Engine::Sqlite { .. })
}

/// Who is reading, as the visibility rules need it: the policy's actor.
pub type Reader = accord_domain::policy::Actor;

/// Rewrites who may read agreement `id` besides the director and admins: its
/// owner and each review step's assignee, when it is confidential (nothing
/// otherwise). Called in the transaction that changes the owner, the
/// confidentiality or the chain.
pub async fn refresh_readers(tx: &mut crate::Tx, id: &str) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM agreement_readers WHERE agreement_id = $1").bind(id)
    )?;
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO agreement_readers (agreement_id, reader_key) SELECT id, 'u:' || owner_id FROM agreements \
             WHERE id = $1 AND confidential = TRUE AND owner_id IS NOT NULL"
        )
        .bind(id)
    )?;
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO agreement_readers (agreement_id, reader_key) \
             SELECT DISTINCT s.agreement_id, 'r:' || s.role || ':' || COALESCE(s.unit, '') \
             FROM review_steps s JOIN agreements a ON a.id = s.agreement_id WHERE s.agreement_id = $1 AND a.confidential = TRUE"
        )
        .bind(id)
    )?;
    Ok(())
}

/// The keys of a reader and how they are passed to SQL.
mod reader_keys {
    use super::{Arg, Reader, Sql};

    /// The keys under which `agreement_readers` lists this reader: as an
    /// owner, and as the assignee of steps of their role (any unit or theirs).
    fn keys(reader: &Reader) -> Vec<String> {
        let role = reader.role.as_str();
        let mut keys = vec![format!("u:{}", reader.user_id), format!("r:{role}:")];
        if let Some(unit) = reader.unit.as_deref().filter(|u| !u.is_empty()) {
            keys.push(format!("r:{role}:{unit}"));
        }
        keys
    }

    /// `(k1, k2, …)`: the reader's keys as parameters of `sql`.
    pub(super) fn key_list(reader: &Reader, sql: &mut Sql) -> String {
        let params: Vec<String> = keys(reader)
            .into_iter()
            .map(|k| sql.arg(Arg::Text(k)))
            .collect();
        format!("({})", params.join(", "))
    }
}

/// Adds the visibility condition for `reader` on the agreement alias `a`:
/// confidential agreements are seen by their owner, the reviewers of their
/// chain, the director and admins; technical users see their unit's
/// agreements; partner users see the non-confidential agreements their
/// organization is party to.
pub fn push_visibility(sql: &mut Sql, reader: &Reader) {
    match reader.role {
        Role::Admin | Role::Director => {}
        Role::Partner => {
            let org = sql.arg(Arg::Text(
                reader.organization_id.unwrap_or_default().to_string(),
            ));
            sql.push(&format!(
                " AND a.confidential = FALSE AND EXISTS (SELECT 1 FROM agreement_parties vp WHERE vp.agreement_id = a.id AND vp.partner_id = {org})"
            ));
        }
        role => {
            if role == Role::Technical {
                let role_p = sql.arg(Arg::Text(role.as_str().into()));
                let unit = sql.arg(Arg::Text(reader.unit.clone().unwrap_or_default()));
                sql.push(&format!(
                    " AND (a.lead_unit = {unit} OR EXISTS (SELECT 1 FROM review_steps vs WHERE vs.agreement_id = a.id \
                     AND vs.role = {role_p} AND (vs.unit IS NULL OR vs.unit = {unit})))"
                ));
            }
            let keys = reader_keys::key_list(reader, sql);
            sql.push(&format!(
                " AND (a.confidential = FALSE OR EXISTS (SELECT 1 FROM agreement_readers vr \
                 WHERE vr.agreement_id = a.id AND vr.reader_key IN {keys}))"
            ));
        }
    }
}

/// Filters of an agreement list.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub q: Option<String>,
    pub status: Option<AgreementStatus>,
    pub kind: Option<AgreementKind>,
    pub lead_unit: Option<String>,
    pub partner_id: Option<Uuid>,
    pub country: Option<String>,
    pub owner_id: Option<Uuid>,
    pub ends_before: Option<Date>,
    pub ends_after: Option<Date>,
}

/// The columns an agreement list may be sorted by.
pub const SORTS: [SortColumn; 6] = [
    SortColumn {
        name: "updated_at",
        expr: "a.updated_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "created_at",
        expr: "a.created_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "title",
        expr: "a.sort_title",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "reference",
        expr: "a.reference",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "ends_on",
        expr: "COALESCE(a.ends_on, '')",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "status",
        expr: "a.status",
        kind: SortKind::Text,
    },
];

/// The default order: the most recently changed first.
pub fn default_sort() -> Sort {
    Sort {
        column: SORTS[0],
        descending: true,
    }
}

fn push_filters(sql: &mut Sql, filter: &AgreementFilter, sqlite: bool) {
    if let Some(q) = &filter.q {
        push_search(sql, q, sqlite, "a", "agreements_fts");
    }
    if let Some(status) = filter.status {
        let p = sql.arg(Arg::Text(status.as_str().into()));
        sql.push(&format!(" AND a.status = {p}"));
    }
    if let Some(kind) = filter.kind {
        let p = sql.arg(Arg::Text(kind.as_str().into()));
        sql.push(&format!(" AND a.kind = {p}"));
    }
    if let Some(unit) = &filter.lead_unit {
        let p = sql.arg(Arg::Text(unit.clone()));
        sql.push(&format!(" AND a.lead_unit = {p}"));
    }
    if let Some(partner) = filter.partner_id {
        let p = sql.arg(Arg::Text(partner.to_string()));
        sql.push(&format!(" AND EXISTS (SELECT 1 FROM agreement_parties fp WHERE fp.agreement_id = a.id AND fp.partner_id = {p})"));
    }
    if let Some(country) = &filter.country {
        let p = sql.arg(Arg::Text(country.clone()));
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM agreement_parties fc JOIN partners pc ON pc.id = fc.partner_id WHERE fc.agreement_id = a.id AND pc.country = {p})"
        ));
    }
    if let Some(owner) = filter.owner_id {
        let p = sql.arg(Arg::Text(owner.to_string()));
        sql.push(&format!(" AND a.owner_id = {p}"));
    }
    if let Some(before) = filter.ends_before {
        let p = sql.arg(Arg::Text(values::format_date(before)));
        sql.push(&format!(" AND a.ends_on IS NOT NULL AND a.ends_on < {p}"));
    }
    if let Some(after) = filter.ends_after {
        let p = sql.arg(Arg::Text(values::format_date(after)));
        sql.push(&format!(" AND a.ends_on IS NOT NULL AND a.ends_on > {p}"));
    }
}

impl AgreementFilter {
    /// True when only status, kind and lead unit filter the list (totals come from counters).
    fn only_counted(&self) -> bool {
        self.q.is_none()
            && self.partner_id.is_none()
            && self.country.is_none()
            && self.owner_id.is_none()
            && self.ends_before.is_none()
            && self.ends_after.is_none()
    }
}

/// The number of agreements a reader sees that match a filter.
pub async fn count_agreements(db: &Db, filter: &AgreementFilter, reader: &Reader) -> Result<i64> {
    if filter.only_counted() && counted_reader(reader) {
        // From the counters (and the reader's own confidential agreements).
        return Ok(count_agreements_by_status(db, filter, reader)
            .await?
            .values()
            .sum());
    }
    let mut sql = Sql::new("SELECT COUNT(*) FROM agreements a WHERE 1 = 1");
    push_filters(&mut sql, filter, is_sqlite(db));
    push_visibility(&mut sql, reader);
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&sql.text), &sql.args)
    )?;
    Ok(total)
}

/// Whether this reader's totals can come from the counters (plus their own
/// confidential agreements) rather than a scan.
fn counted_reader(reader: &Reader) -> bool {
    matches!(
        reader.role,
        Role::Admin | Role::Director | Role::Officer | Role::Legal | Role::Finance | Role::Viewer
    )
}

/// The number of agreements a reader sees in each status, for a filter:
/// from the counters when the filter allows, else one grouped scan.
pub async fn count_agreements_by_status(
    db: &Db,
    filter: &AgreementFilter,
    reader: &Reader,
) -> Result<HashMap<String, i64>> {
    if !(filter.only_counted() && counted_reader(reader)) {
        return Ok(count_agreements_by(db, filter, reader, "status")
            .await?
            .into_iter()
            .collect());
    }
    let everything = matches!(reader.role, Role::Admin | Role::Director);
    let mut sql = Sql::new(
        "SELECT status, CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM agreement_counts WHERE 1 = 1",
    );
    if !everything {
        sql.push(" AND confidential = FALSE");
    }
    for (column, value) in [
        ("status", filter.status.map(|s| s.as_str().to_string())),
        ("kind", filter.kind.map(|k| k.as_str().to_string())),
        ("lead_unit", filter.lead_unit.clone()),
    ] {
        if let Some(value) = value {
            let p = sql.arg(Arg::Text(value));
            sql.push(&format!(" AND {column} = {p}"));
        }
    }
    sql.push(" GROUP BY status");
    let mut counts: HashMap<String, i64> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, (String, i64)>(&sql.text), &sql.args)
    )?
    .into_iter()
    .collect();
    if !everything {
        let mut extra = confidential_of(reader, "a.status, COUNT(*)");
        push_filters(&mut extra, filter, is_sqlite(db));
        extra.push(" GROUP BY a.status");
        let rows: Vec<(String, i64)> = db_run!(
            db,
            fetch_all,
            bind_args!(sqlx::query_as(&extra.text), &extra.args)
        )?;
        for (status, n) in rows {
            *counts.entry(status).or_default() += n;
        }
    }
    Ok(counts)
}

/// `SELECT {what} FROM` the confidential agreements `reader` may see (as the
/// owner or a reviewer), found from the reader's keys; add filters after.
fn confidential_of(reader: &Reader, what: &str) -> Sql {
    let mut sql = Sql::new("");
    let keys = reader_keys::key_list(reader, &mut sql);
    // CROSS JOIN makes SQLite start from the reader's few keys rather than
    // from every confidential agreement; PostgreSQL plans it as an inner join.
    sql.text = format!(
        "SELECT {what} FROM (SELECT DISTINCT vr.agreement_id FROM agreement_readers vr WHERE vr.reader_key IN {keys}) r \
         CROSS JOIN agreements a WHERE a.id = r.agreement_id AND a.confidential = TRUE"
    );
    sql
}

/// A row of a search's first page, with the number of matches.
#[derive(sqlx::FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    row: AgreementRow,
    total: i64,
}

/// One page of the agreements a reader sees, with the total.
pub async fn list_agreements(
    db: &Db,
    filter: &AgreementFilter,
    reader: &Reader,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Agreement>> {
    if filter.q.is_some() && cursor.is_none() {
        return first_page_of_search(db, filter, reader, sort, limit).await;
    }
    let total = count_agreements(db, filter, reader).await?;
    let mut page = page_of_agreements(db, filter, reader, sort, cursor, limit).await?;
    page.total = total;
    Ok(page)
}

/// The first page of a search and its total in one statement: the text
/// match (the costly part) runs once, its rows are counted and the page is
/// sorted from them.
async fn first_page_of_search(
    db: &Db,
    filter: &AgreementFilter,
    reader: &Reader,
    sort: Sort,
    limit: i64,
) -> Result<Page<Agreement>> {
    let mut sql = Sql::new("WITH m AS (SELECT a.seq FROM agreements a WHERE 1 = 1");
    push_filters(&mut sql, filter, is_sqlite(db));
    push_visibility(&mut sql, reader);
    // CROSS JOIN keeps SQLite walking the matches (not the whole sort index).
    sql.push(&format!(
        ") SELECT {COLUMNS}, {}, (SELECT COUNT(*) FROM m) AS total FROM m CROSS JOIN agreements a WHERE a.seq = m.seq",
        parties_column(db)
    ));
    sql.push(&sort.order_by("a.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<CountedRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, CountedRow>(&sql.text), &sql.args)
    )?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let items = rows
        .into_iter()
        .map(|r| Agreement::try_from(r.row))
        .collect::<Result<Vec<_>>>()?;
    Ok(paged(items, total, sort, limit))
}

/// One page of the agreements a reader sees, without counting them (`total`
/// is the number of items on the page).
pub async fn page_of_agreements(
    db: &Db,
    filter: &AgreementFilter,
    reader: &Reader,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Agreement>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, {} FROM agreements a WHERE 1 = 1",
        parties_column(db)
    ));
    push_filters(&mut sql, filter, is_sqlite(db));
    push_visibility(&mut sql, reader);
    if let Some(cursor) = cursor
        && !sort.push_after(&mut sql, cursor, "a.id")
    {
        return Err(StoreError::invalid("cursor", "invalid_cursor"));
    }
    sql.push(&sort.order_by("a.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<AgreementRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, AgreementRow>(&sql.text), &sql.args)
    )?;
    let items = rows
        .into_iter()
        .map(Agreement::try_from)
        .collect::<Result<Vec<_>>>()?;
    let total = items.len().min(usize::try_from(limit).unwrap_or(0)) as i64;
    Ok(paged(items, total, sort, limit))
}

/// Cuts `items` (fetched with one extra row) to `limit` and makes the cursor
/// of the next page when there is one.
fn paged(mut items: Vec<Agreement>, total: i64, sort: Sort, limit: i64) -> Page<Agreement> {
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|last| {
            let value = match sort.column.name {
                "updated_at" => Arg::Int(last.updated_at),
                "created_at" => Arg::Int(last.created_at),
                "title" => Arg::Text(sort_title(&last.fields.title)),
                "reference" => Arg::Text(last.reference.clone()),
                "ends_on" => Arg::Text(
                    last.fields
                        .ends_on
                        .map(values::format_date)
                        .unwrap_or_default(),
                ),
                _ => Arg::Text(last.status.as_str().into()),
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
    Page {
        items,
        total,
        next_cursor,
    }
}

/// Counts of visible agreements grouped by `status`, `kind` or `lead_unit`.
pub async fn count_agreements_by(
    db: &Db,
    filter: &AgreementFilter,
    reader: &Reader,
    column: &str,
) -> Result<Vec<(String, i64)>> {
    let expr = match column {
        "kind" => "a.kind",
        "lead_unit" => "a.lead_unit",
        _ => "a.status",
    };
    let mut sql = Sql::new(&format!(
        "SELECT {expr} AS k, COUNT(*) AS n FROM agreements a WHERE 1 = 1"
    ));
    push_filters(&mut sql, filter, is_sqlite(db));
    push_visibility(&mut sql, reader);
    sql.push(&format!(" GROUP BY {expr} ORDER BY n DESC"));
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, (String, i64)>(&sql.text), &sql.args)
    )?)
}

fn sort_title(title: &LocalizedText) -> String {
    normalize(title.best(Lang::En))
}

/// One agreement by id, without visibility checks (callers check with [`can_read`]).
pub async fn find_agreement(db: &Db, id: Uuid) -> Result<Option<Agreement>> {
    let sql = format!(
        "SELECT {COLUMNS}, {} FROM agreements a WHERE a.id = $1",
        parties_column(db)
    );
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, AgreementRow>(&sql).bind(id.to_string())
    )?;
    row.map(Agreement::try_from).transpose()
}

/// Whether `reader` may see this agreement (the same rules as [`push_visibility`]).
pub async fn can_read(db: &Db, reader: &Reader, id: Uuid) -> Result<bool> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM agreements a WHERE a.id = ");
    let p = sql.arg(Arg::Text(id.to_string()));
    sql.push(&p);
    push_visibility(&mut sql, reader);
    let (n,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&sql.text), &sql.args)
    )?;
    Ok(n > 0)
}

async fn bump_count(
    tx: &mut crate::Tx,
    a: &AgreementFields,
    status: AgreementStatus,
    delta: i64,
) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO agreement_counts (status, kind, lead_unit, confidential, n) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (status, kind, lead_unit, confidential) DO UPDATE SET n = agreement_counts.n + excluded.n"
        )
        .bind(status.as_str())
        .bind(a.kind.as_str())
        .bind(a.lead_unit.as_str())
        .bind(a.confidential)
        .bind(delta)
    )?;
    Ok(())
}

async fn check_links(db: &Db, id: Option<Uuid>, fields: &AgreementFields) -> Result<()> {
    let mut errors = FieldErrors::new();
    for (i, partner) in fields.partner_ids.iter().enumerate() {
        match crate::partners::find_partner(db, *partner).await? {
            Some(p) if p.merged_into.is_none() => {}
            _ => errors.add(format!("partner_ids[{i}]"), "unknown_partner"),
        }
    }
    if crate::units::find_unit(db, &fields.lead_unit)
        .await?
        .is_none()
    {
        errors.add("lead_unit", "unknown_unit");
    }
    if let Some(owner) = fields.owner_id
        && crate::users::find_user(db, owner).await?.is_none()
    {
        errors.add("owner_id", "unknown_user");
    }
    for (field, link) in [
        ("parent_id", fields.parent_id),
        ("amends_id", fields.amends_id),
        ("renews_id", fields.renews_id),
    ] {
        if let Some(link) = link {
            if Some(link) == id {
                errors.add(field, "self_reference");
            } else if find_agreement(db, link).await?.is_none() {
                errors.add(field, "unknown_agreement");
            }
        }
    }
    Ok(errors.into_result()?)
}

/// Creates an agreement in `prospect` with its reference number
/// (`{org}/{unit}/{year}/{seq}`, or the amended agreement's reference with
/// `-A{n}`), its first stage and its audit event.
pub async fn insert_agreement(
    db: &Db,
    actor: Option<Uuid>,
    org: &str,
    fields: AgreementFields,
) -> Result<Agreement> {
    check_links(db, None, &fields).await?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    let agreement =
        insert_agreement_in(&mut tx, db, id, now, org, fields, AgreementStatus::Prospect).await?;
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &id.to_string(),
        "create",
        None,
        Some(&agreement.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(agreement)
}

/// Inserts an agreement in a given status inside a transaction (no link checks, no event).
pub async fn insert_agreement_in(
    tx: &mut crate::Tx,
    db: &Db,
    id: Uuid,
    now: i64,
    org: &str,
    fields: AgreementFields,
    status: AgreementStatus,
) -> Result<Agreement> {
    let year = crate::instant(now).year();
    let (reference, amendment_no) = match fields.amends_id {
        Some(amended) => {
            let base = find_agreement(db, amended)
                .await?
                .ok_or(StoreError::invalid("amends_id", "unknown_agreement"))?;
            let (count,): (i64,) = tx_run!(
                tx,
                fetch_one,
                sqlx::query_as("SELECT COUNT(*) FROM agreements WHERE amends_id = $1")
                    .bind(amended.to_string())
            )?;
            (
                format!("{}-A{}", base.reference, count + 1),
                Some(count + 1),
            )
        }
        None => {
            let (seq,): (i64,) = tx_run!(
                tx,
                fetch_one,
                sqlx::query_as(
                    "INSERT INTO agreement_sequences (unit, year, last) VALUES ($1, $2, 1) \
                     ON CONFLICT (unit, year) DO UPDATE SET last = agreement_sequences.last + 1 RETURNING last"
                )
                .bind(fields.lead_unit.as_str())
                .bind(i64::from(year))
            )?;
            (
                reference_number(org, &fields.lead_unit, year, seq, None),
                None,
            )
        }
    };
    let id_text = id.to_string();
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO agreements (id, version, reference, title_ar, title_en, title_fr, sort_title, kind, status, lead_unit, owner_id, \
             confidential, starts_on, ends_on, entry_into_force, entry_into_force_on, auto_renew, notice_days, value_minor, value_currency, \
             objectives_ar, objectives_en, objectives_fr, parent_id, amends_id, renews_id, amendment_no, tags, registry_number, search_text, \
             status_since, created_at, updated_at) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, \
             $25, $26, NULL, $27, $28, $28, $28)"
        )
        .bind(id_text.as_str())
        .bind(reference.as_str())
        .bind(fields.title.ar.clone())
        .bind(fields.title.en.clone())
        .bind(fields.title.fr.clone())
        .bind(sort_title(&fields.title))
        .bind(fields.kind.as_str())
        .bind(status.as_str())
        .bind(fields.lead_unit.as_str())
        .bind(fields.owner_id.map(|o| o.to_string()))
        .bind(fields.confidential)
        .bind(fields.starts_on.map(values::format_date))
        .bind(fields.ends_on.map(values::format_date))
        .bind(fields.entry_into_force.as_str())
        .bind(fields.auto_renew)
        .bind(fields.notice_days)
        .bind(fields.value.map(|m| m.minor))
        .bind(fields.value.map(|m| m.currency_code()))
        .bind(fields.objectives.ar.clone())
        .bind(fields.objectives.en.clone())
        .bind(fields.objectives.fr.clone())
        .bind(fields.parent_id.map(|p| p.to_string()))
        .bind(fields.amends_id.map(|p| p.to_string()))
        .bind(fields.renews_id.map(|p| p.to_string()))
        .bind(amendment_no)
        .bind(serde_json::to_string(&fields.tags)?)
        .bind(fields.search_text(&reference))
        .bind(now)
    )?;
    write_parties(tx, &id_text, &fields.partner_ids).await?;
    bump_count(tx, &fields, status, 1).await?;
    open_stage(tx, &id_text, status, now).await?;
    if fields.confidential {
        refresh_readers(tx, &id_text).await?;
    }
    Ok(Agreement {
        id,
        version: 1,
        reference,
        status,
        status_since: now,
        fields,
        registry_number: None,
        entry_into_force_on: None,
        amendment_no,
        created_at: now,
        updated_at: now,
    })
}

async fn write_parties(tx: &mut crate::Tx, id: &str, partners: &[Uuid]) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = $1").bind(id)
    )?;
    for (ord, partner) in partners.iter().enumerate() {
        tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO agreement_parties (agreement_id, partner_id, ord) VALUES ($1, $2, $3)"
            )
            .bind(id)
            .bind(partner.to_string())
            .bind(ord as i64)
        )?;
    }
    Ok(())
}

async fn open_stage(tx: &mut crate::Tx, id: &str, status: AgreementStatus, at: i64) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query(
            "UPDATE agreement_stages SET left_at = $1 WHERE agreement_id = $2 AND left_at IS NULL"
        )
        .bind(at)
        .bind(id)
    )?;
    tx_exec!(
        tx,
        sqlx::query("INSERT INTO agreement_stages (id, agreement_id, status, entered_at, left_at) VALUES ($1, $2, $3, $4, NULL)")
            .bind(Uuid::now_v7().to_string())
            .bind(id)
            .bind(status.as_str())
            .bind(at)
    )?;
    Ok(())
}

/// Replaces an agreement's terms if nobody changed it since `expected_version`.
/// The status never changes here: that is what transitions are for.
pub async fn update_agreement(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    expected_version: i64,
    fields: AgreementFields,
) -> Result<Agreement> {
    let current = find_agreement(db, id).await?.ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    check_links(db, Some(id), &fields).await?;
    let now = now_micros();
    let id_text = id.to_string();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE agreements SET title_ar = $1, title_en = $2, title_fr = $3, sort_title = $4, kind = $5, lead_unit = $6, owner_id = $7, \
             confidential = $8, starts_on = $9, ends_on = $10, entry_into_force = $11, auto_renew = $12, notice_days = $13, \
             value_minor = $14, value_currency = $15, objectives_ar = $16, objectives_en = $17, objectives_fr = $18, parent_id = $19, \
             renews_id = $20, tags = $21, search_text = $22, version = version + 1, updated_at = $23 \
             WHERE id = $24 AND version = $25"
        )
        .bind(fields.title.ar.clone())
        .bind(fields.title.en.clone())
        .bind(fields.title.fr.clone())
        .bind(sort_title(&fields.title))
        .bind(fields.kind.as_str())
        .bind(fields.lead_unit.as_str())
        .bind(fields.owner_id.map(|o| o.to_string()))
        .bind(fields.confidential)
        .bind(fields.starts_on.map(values::format_date))
        .bind(fields.ends_on.map(values::format_date))
        .bind(fields.entry_into_force.as_str())
        .bind(fields.auto_renew)
        .bind(fields.notice_days)
        .bind(fields.value.map(|m| m.minor))
        .bind(fields.value.map(|m| m.currency_code()))
        .bind(fields.objectives.ar.clone())
        .bind(fields.objectives.en.clone())
        .bind(fields.objectives.fr.clone())
        .bind(fields.parent_id.map(|p| p.to_string()))
        .bind(fields.renews_id.map(|p| p.to_string()))
        .bind(serde_json::to_string(&fields.tags)?)
        .bind(fields.search_text(&current.reference))
        .bind(now)
        .bind(id_text.as_str())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    write_parties(&mut tx, &id_text, &fields.partner_ids).await?;
    bump_count(&mut tx, &current.fields, current.status, -1).await?;
    bump_count(&mut tx, &fields, current.status, 1).await?;
    if current.fields.confidential || fields.confidential {
        refresh_readers(&mut tx, &id_text).await?;
    }
    // amends_id is fixed at creation: an amendment stays an amendment of the same agreement.
    let fields = AgreementFields {
        amends_id: current.fields.amends_id,
        ..fields
    };
    let updated = Agreement {
        version: current.version + 1,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        actor,
        "agreement",
        &id_text,
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// Moves an agreement from `from` to `to` inside a transaction, if it is still
/// in `from` (and at `expected_version` when given): stage times, counts and
/// the audit event follow. Returns false when someone moved it first.
#[allow(clippy::too_many_arguments)]
pub async fn move_status_in(
    tx: &mut crate::Tx,
    actor: Option<Uuid>,
    agreement: &Agreement,
    action: Action,
    to: AgreementStatus,
    reason: Option<&str>,
    expected_version: Option<i64>,
    now: i64,
) -> Result<bool> {
    let id = agreement.id.to_string();
    let done = tx_exec!(
        tx,
        sqlx::query(
            "UPDATE agreements SET status = $1, status_since = $2, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND status = $4 AND version = $5"
        )
        .bind(to.as_str())
        .bind(now)
        .bind(id.as_str())
        .bind(agreement.status.as_str())
        .bind(expected_version.unwrap_or(agreement.version))
    )?;
    if done == 0 {
        return Ok(false);
    }
    bump_count(tx, &agreement.fields, agreement.status, -1).await?;
    bump_count(tx, &agreement.fields, to, 1).await?;
    open_stage(tx, &id, to, now).await?;
    let before = serde_json::json!({ "status": agreement.status });
    let after = serde_json::json!({ "status": to, "action": action, "reason": reason });
    audit::append(
        tx,
        actor,
        "agreement",
        &id,
        action.as_str(),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(true)
}

/// Takes a checked action (see `accord_domain::agreement::check_manual`).
pub async fn transition(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    action: Action,
    to: AgreementStatus,
    reason: Option<&str>,
    expected_version: Option<i64>,
) -> Result<Agreement> {
    let current = find_agreement(db, id).await?.ok_or(StoreError::NotFound)?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    if !move_status_in(
        &mut tx,
        actor,
        &current,
        action,
        to,
        reason,
        expected_version,
        now,
    )
    .await?
    {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    if action == Action::SubmitForReview {
        crate::reviews::open_cycle(&mut tx, &current, now).await?;
    }
    if matches!(
        action,
        Action::Withdraw | Action::RecallFromReview | Action::Reopen
    ) {
        crate::reviews::void_open_steps(&mut tx, &current.id.to_string()).await?;
    }
    tx.commit().await?;
    find_agreement(db, id).await?.ok_or(StoreError::NotFound)
}

/// Days spent in each stage by one agreement (an open stay counts up to now).
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct StageRow {
    pub status: String,
    pub entered_at: i64,
    pub left_at: Option<i64>,
}

/// The stages an agreement went through, in order.
pub async fn stages(db: &Db, id: Uuid) -> Result<Vec<StageRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, StageRow>(
            "SELECT status, entered_at, left_at FROM agreement_stages WHERE agreement_id = $1 ORDER BY entered_at, id"
        )
        .bind(id.to_string())
    )?)
}

/// Average days per stage, grouped by kind and lead unit, over the agreements a reader sees.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CycleAverage {
    pub kind: String,
    pub lead_unit: String,
    pub status: String,
    pub stays: i64,
    pub total_micros: i64,
}

/// Sums of time spent per status, kind and unit (open stays count up to `now`).
pub async fn cycle_averages(db: &Db, reader: &Reader, now: i64) -> Result<Vec<CycleAverage>> {
    let mut sql = Sql::new(
        "SELECT a.kind AS kind, a.lead_unit AS lead_unit, s.status AS status, COUNT(*) AS stays, \
         CAST(SUM(COALESCE(s.left_at, ",
    );
    let p = sql.arg(Arg::Int(now));
    sql.push(&format!(
        "{p}) - s.entered_at) AS BIGINT) AS total_micros FROM agreement_stages s JOIN agreements a ON a.id = s.agreement_id WHERE 1 = 1"
    ));
    push_visibility(&mut sql, reader);
    sql.push(" GROUP BY a.kind, a.lead_unit, s.status");
    Ok(db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, CycleAverage>(&sql.text), &sql.args)
    )?)
}
