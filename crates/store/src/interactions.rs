//! Interactions, their participants and links, follow-ups and registry
//! numbers, with confidentiality enforced in every read: a confidential
//! interaction is seen by its creator, the staff who took part, the users it
//! is shared with, the owners of its follow-ups, the director and admins.
//! Also the relationship health of a partner and the partners nobody has
//! been in touch with for a while.

use crate::agreements::Reader;
use crate::list::{Arg, Cursor, Page, Sort, SortColumn, SortKind, Sql, push_search};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::interaction::{
    Direction, FollowUp, InteractionFields, InteractionKind, gets_registry_number, registry_number,
};
use accord_domain::{FieldErrors, LocalizedText, Role, values};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// The unit in registry numbers when the creator has none.
pub const DEFAULT_REGISTRY_UNIT: &str = "PIC";

/// The kinds of link rows (`interaction_links.kind`).
const LINK_KINDS: [&str; 5] = ["partner", "contact", "staff", "agreement", "visible_to"];

/// A stored interaction.
#[derive(Debug, Clone, Serialize)]
pub struct Interaction {
    pub id: Uuid,
    pub version: i64,
    pub registry_number: Option<String>,
    #[serde(flatten)]
    pub fields: InteractionFields,
    pub created_by: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Interaction {
    /// The audit snapshot.
    pub fn snapshot(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.fields).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert(
                "registry_number".into(),
                self.registry_number.clone().into(),
            );
        }
        value
    }

    /// The users besides the creator who may read it when confidential.
    pub fn shared_with(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self
            .fields
            .staff_ids
            .iter()
            .chain(&self.fields.visible_to)
            .copied()
            .chain(self.fields.follow_ups.iter().filter_map(|f| f.owner_id))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether `reader` may see it (the same rules as [`push_visibility`]).
    pub fn readable_by(&self, reader: &Reader) -> bool {
        accord_domain::interaction::can_read(
            reader.role,
            reader.user_id,
            self.fields.confidential,
            self.created_by,
            &self.shared_with(),
        )
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    version: i64,
    kind: String,
    direction: String,
    registry_number: Option<String>,
    sender_reference: Option<String>,
    subject: String,
    occurred_at: i64,
    summary: Option<String>,
    outreach_case_id: Option<String>,
    confidential: bool,
    created_by: Option<String>,
    created_at: i64,
    updated_at: i64,
}

const COLUMNS: &str = "i.id, i.version, i.kind, i.direction, i.registry_number, i.sender_reference, i.subject, \
    i.occurred_at, i.summary, i.outreach_case_id, i.confidential, i.created_by, i.created_at, i.updated_at";

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

fn is_sqlite(db: &Db) -> bool {
    matches!(db.engine, crate::Engine::Sqlite { .. })
}

/// Microseconds at midnight UTC of a date.
pub fn day_start(date: Date) -> i64 {
    (date.midnight().assume_utc().unix_timestamp_nanos() / 1000) as i64
}

#[derive(sqlx::FromRow)]
struct FollowUpRow {
    id: String,
    action: String,
    owner_id: Option<String>,
    due_on: Option<String>,
    done: bool,
}

async fn load(db: &Db, rows: Vec<Row>) -> Result<Vec<Interaction>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let links: Vec<(String, String)> = db_run!(
            db,
            fetch_all,
            sqlx::query_as(
                "SELECT kind, target_id FROM interaction_links WHERE interaction_id = $1 ORDER BY kind, ord"
            )
            .bind(row.id.as_str())
        )?;
        let follow_ups: Vec<FollowUpRow> = db_run!(
            db,
            fetch_all,
            sqlx::query_as::<_, FollowUpRow>(
                "SELECT id, action, owner_id, due_on, done FROM follow_ups WHERE interaction_id = $1 ORDER BY ord"
            )
            .bind(row.id.as_str())
        )?;
        let mut by_kind: [Vec<Uuid>; 5] = Default::default();
        for (kind, target) in links {
            if let Some(at) = LINK_KINDS.iter().position(|k| *k == kind) {
                by_kind[at].push(uuid_of(&target)?);
            }
        }
        let [
            partner_ids,
            contact_ids,
            staff_ids,
            agreement_ids,
            visible_to,
        ] = by_kind;
        let follow_ups = follow_ups
            .into_iter()
            .map(|f| {
                Ok(FollowUp {
                    id: Some(uuid_of(&f.id)?),
                    action: f.action,
                    owner_id: f.owner_id.as_deref().map(uuid_of).transpose()?,
                    due_on: date_of(f.due_on.as_deref())?,
                    done: f.done,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(Interaction {
            id: uuid_of(&row.id)?,
            version: row.version,
            registry_number: row.registry_number,
            fields: InteractionFields {
                kind: InteractionKind::parse(&row.kind).map_err(|_| corrupt("kind"))?,
                direction: Direction::parse(&row.direction).map_err(|_| corrupt("direction"))?,
                sender_reference: row.sender_reference,
                subject: row.subject,
                occurred_at: row.occurred_at,
                summary: row.summary,
                partner_ids,
                contact_ids,
                staff_ids,
                agreement_ids,
                outreach_case_id: row.outreach_case_id.as_deref().map(uuid_of).transpose()?,
                confidential: row.confidential,
                visible_to,
                follow_ups,
            },
            created_by: row.created_by.as_deref().map(uuid_of).transpose()?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        });
    }
    Ok(out)
}

/// Adds the confidentiality condition for `reader` on the interaction alias
/// `i`: partner users see none; confidential ones are seen by their creator,
/// the staff and users named on them, the owners of their follow-ups, the
/// director and admins.
pub fn push_visibility(sql: &mut Sql, reader: &Reader) {
    match reader.role {
        Role::Admin | Role::Director => {}
        Role::Partner => sql.push(" AND 1 = 0"),
        _ => {
            let me = sql.arg(Arg::Text(reader.user_id.to_string()));
            sql.push(&format!(
                " AND (i.confidential = FALSE OR i.created_by = {me} \
                 OR EXISTS (SELECT 1 FROM interaction_links vl WHERE vl.interaction_id = i.id \
                 AND vl.kind IN ('staff', 'visible_to') AND vl.target_id = {me}) \
                 OR EXISTS (SELECT 1 FROM follow_ups vf WHERE vf.interaction_id = i.id AND vf.owner_id = {me}))"
            ));
        }
    }
}

/// Filters of an interaction list.
#[derive(Debug, Clone, Default)]
pub struct InteractionFilter {
    pub q: Option<String>,
    pub kind: Option<InteractionKind>,
    pub direction: Option<Direction>,
    pub partner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub agreement_id: Option<Uuid>,
    pub outreach_case_id: Option<Uuid>,
    /// Occurred on or after this day.
    pub from: Option<Date>,
    /// Occurred on or before this day.
    pub to: Option<Date>,
}

/// The columns an interaction list may be sorted by.
pub const SORTS: [SortColumn; 2] = [
    SortColumn {
        name: "occurred_at",
        expr: "i.occurred_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "updated_at",
        expr: "i.updated_at",
        kind: SortKind::Int,
    },
];

/// The default order: the latest first.
pub fn default_sort() -> Sort {
    Sort {
        column: SORTS[0],
        descending: true,
    }
}

fn push_link(sql: &mut Sql, kind: &str, id: Option<Uuid>) {
    if let Some(id) = id {
        let p = sql.arg(Arg::Text(id.to_string()));
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM interaction_links fl WHERE fl.interaction_id = i.id AND fl.kind = '{kind}' AND fl.target_id = {p})"
        ));
    }
}

fn push_filters(sql: &mut Sql, filter: &InteractionFilter, sqlite: bool) {
    if let Some(q) = &filter.q {
        push_search(sql, q, sqlite, "i", "interactions_fts");
    }
    if let Some(kind) = filter.kind {
        let p = sql.arg(Arg::Text(kind.as_str().into()));
        sql.push(&format!(" AND i.kind = {p}"));
    }
    if let Some(direction) = filter.direction {
        let p = sql.arg(Arg::Text(direction.as_str().into()));
        sql.push(&format!(" AND i.direction = {p}"));
    }
    push_link(sql, "partner", filter.partner_id);
    push_link(sql, "contact", filter.contact_id);
    push_link(sql, "agreement", filter.agreement_id);
    if let Some(case) = filter.outreach_case_id {
        let p = sql.arg(Arg::Text(case.to_string()));
        sql.push(&format!(" AND i.outreach_case_id = {p}"));
    }
    if let Some(from) = filter.from {
        let p = sql.arg(Arg::Int(day_start(from)));
        sql.push(&format!(" AND i.occurred_at >= {p}"));
    }
    if let Some(to) = filter.to {
        let end = to.next_day().map(day_start).unwrap_or(i64::MAX);
        let p = sql.arg(Arg::Int(end));
        sql.push(&format!(" AND i.occurred_at < {p}"));
    }
}

/// One page of the interactions a reader sees.
pub async fn list_interactions(
    db: &Db,
    filter: &InteractionFilter,
    reader: &Reader,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Interaction>> {
    let mut count = Sql::new("SELECT COUNT(*) FROM interactions i WHERE 1 = 1");
    push_filters(&mut count, filter, is_sqlite(db));
    push_visibility(&mut count, reader);
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&count.text), &count.args)
    )?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM interactions i WHERE 1 = 1"));
    push_filters(&mut sql, filter, is_sqlite(db));
    push_visibility(&mut sql, reader);
    if let Some(cursor) = cursor
        && !sort.push_after(&mut sql, cursor, "i.id")
    {
        return Err(StoreError::invalid("cursor", "invalid_cursor"));
    }
    sql.push(&sort.order_by("i.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<Row> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, Row>(&sql.text), &sql.args)
    )?;
    let mut items = load(db, rows).await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|last| {
            let value = match sort.column.name {
                "updated_at" => last.updated_at,
                _ => last.fields.occurred_at,
            };
            Cursor {
                value: Arg::Int(value),
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

/// One interaction by id, without visibility checks (callers check with
/// [`Interaction::readable_by`]).
pub async fn find_interaction(db: &Db, id: Uuid) -> Result<Option<Interaction>> {
    let sql = format!("SELECT {COLUMNS} FROM interactions i WHERE i.id = $1");
    let rows: Vec<Row> = db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, Row>(&sql).bind(id.to_string())
    )?;
    Ok(load(db, rows).await?.into_iter().next())
}

/// Checks that every id names a record the reader may link to; errors name the field.
async fn check_links(db: &Db, reader: &Reader, fields: &InteractionFields) -> Result<()> {
    let mut errors = FieldErrors::new();
    for (i, id) in fields.partner_ids.iter().enumerate() {
        match crate::partners::find_partner(db, *id).await? {
            Some(p) if p.merged_into.is_none() => {}
            _ => errors.add(format!("partner_ids[{i}]"), "unknown_partner"),
        }
    }
    for (i, id) in fields.contact_ids.iter().enumerate() {
        if crate::contacts::find_contact(db, *id).await?.is_none() {
            errors.add(format!("contact_ids[{i}]"), "unknown_contact");
        }
    }
    for (field, list) in [
        ("staff_ids", &fields.staff_ids),
        ("visible_to", &fields.visible_to),
    ] {
        for (i, id) in list.iter().enumerate() {
            match crate::users::find_user(db, *id).await? {
                Some(u) if u.role.is_staff() => {}
                _ => errors.add(format!("{field}[{i}]"), "unknown_user"),
            }
        }
    }
    for (i, id) in fields.agreement_ids.iter().enumerate() {
        if crate::agreements::find_agreement(db, *id).await?.is_none()
            || !crate::agreements::can_read(db, reader, *id).await?
        {
            errors.add(format!("agreement_ids[{i}]"), "unknown_agreement");
        }
    }
    if let Some(case) = fields.outreach_case_id {
        let (n,): (i64,) = db_run!(
            db,
            fetch_one,
            sqlx::query_as("SELECT COUNT(*) FROM outreach_cases WHERE id = $1")
                .bind(case.to_string())
        )?;
        if n == 0 {
            errors.add("outreach_case_id", "unknown_outreach_case");
        }
    }
    for (i, f) in fields.follow_ups.iter().enumerate() {
        if let Some(owner) = f.owner_id {
            match crate::users::find_user(db, owner).await? {
                Some(u) if u.role.is_staff() => {}
                _ => errors.add(format!("follow_ups[{i}].owner_id"), "unknown_user"),
            }
        }
    }
    Ok(errors.into_result()?)
}

async fn write_links(tx: &mut crate::Tx, id: &str, fields: &InteractionFields) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM interaction_links WHERE interaction_id = $1").bind(id)
    )?;
    let lists = [
        &fields.partner_ids,
        &fields.contact_ids,
        &fields.staff_ids,
        &fields.agreement_ids,
        &fields.visible_to,
    ];
    for (kind, list) in LINK_KINDS.iter().zip(lists) {
        for (ord, target) in list.iter().enumerate() {
            tx_exec!(
                tx,
                sqlx::query(
                    "INSERT INTO interaction_links (interaction_id, kind, target_id, ord) VALUES ($1, $2, $3, $4)"
                )
                .bind(id)
                .bind(*kind)
                .bind(target.to_string())
                .bind(ord as i64)
            )?;
        }
    }
    Ok(())
}

/// Replaces the follow-ups; a follow-up keeps its id and the moment it was
/// done, and gets that moment when it becomes done now.
async fn write_follow_ups(
    tx: &mut crate::Tx,
    id: &str,
    follow_ups: &mut [FollowUp],
    now: i64,
) -> Result<()> {
    let previous: Vec<(String, Option<i64>)> = tx_run!(
        tx,
        fetch_all,
        sqlx::query_as("SELECT id, done_at FROM follow_ups WHERE interaction_id = $1").bind(id)
    )?;
    tx_exec!(
        tx,
        sqlx::query("DELETE FROM follow_ups WHERE interaction_id = $1").bind(id)
    )?;
    for (ord, f) in follow_ups.iter_mut().enumerate() {
        let fid = *f.id.get_or_insert_with(Uuid::now_v7);
        let fid_text = fid.to_string();
        let done_at = if f.done {
            previous
                .iter()
                .find(|(p, _)| *p == fid_text)
                .and_then(|(_, at)| *at)
                .or(Some(now))
        } else {
            None
        };
        tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO follow_ups (id, interaction_id, ord, action, owner_id, due_on, done, done_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            )
            .bind(fid_text)
            .bind(id)
            .bind(ord as i64)
            .bind(f.action.as_str())
            .bind(f.owner_id.map(|o| o.to_string()))
            .bind(f.due_on.map(values::format_date))
            .bind(f.done)
            .bind(done_at)
        )?;
    }
    Ok(())
}

/// Takes the next number of the registry of `unit` for `year`, race-free:
/// the counter row is bumped inside the caller's transaction.
async fn next_registry_number(
    tx: &mut crate::Tx,
    org: &str,
    unit: &str,
    occurred_at: i64,
) -> Result<String> {
    let year = crate::instant(occurred_at).year();
    let (seq,): (i64,) = tx_run!(
        tx,
        fetch_one,
        sqlx::query_as(
            "INSERT INTO registry_sequences (unit, year, last) VALUES ($1, $2, 1) \
             ON CONFLICT (unit, year) DO UPDATE SET last = registry_sequences.last + 1 RETURNING last"
        )
        .bind(unit)
        .bind(i64::from(year))
    )?;
    Ok(registry_number(org, unit, year, seq))
}

/// Records an interaction with its links, follow-ups, registry number (for
/// outgoing letters and notes verbales: `{org}/{unit}/{year}/{seq}`) and audit event.
pub async fn insert_interaction(
    db: &Db,
    reader: &Reader,
    org: &str,
    unit: &str,
    mut fields: InteractionFields,
) -> Result<Interaction> {
    check_links(db, reader, &fields).await?;
    for f in &mut fields.follow_ups {
        f.id = None;
    }
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    let interaction =
        insert_interaction_in(&mut tx, Some(reader.user_id), id, now, org, unit, fields).await?;
    audit::append(
        &mut tx,
        Some(reader.user_id),
        "interaction",
        &id.to_string(),
        "create",
        None,
        Some(&interaction.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(interaction)
}

/// Inserts an interaction inside a transaction (no link checks, no event).
#[allow(clippy::too_many_arguments)]
pub async fn insert_interaction_in(
    tx: &mut crate::Tx,
    created_by: Option<Uuid>,
    id: Uuid,
    now: i64,
    org: &str,
    unit: &str,
    mut fields: InteractionFields,
) -> Result<Interaction> {
    let number = if gets_registry_number(fields.kind, fields.direction) {
        Some(next_registry_number(tx, org, unit, fields.occurred_at).await?)
    } else {
        None
    };
    let id_text = id.to_string();
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO interactions (id, version, kind, direction, registry_number, sender_reference, subject, occurred_at, \
             summary, outreach_case_id, confidential, created_by, search_text, created_at, updated_at) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)"
        )
        .bind(id_text.as_str())
        .bind(fields.kind.as_str())
        .bind(fields.direction.as_str())
        .bind(number.clone())
        .bind(fields.sender_reference.clone())
        .bind(fields.subject.as_str())
        .bind(fields.occurred_at)
        .bind(fields.summary.clone())
        .bind(fields.outreach_case_id.map(|c| c.to_string()))
        .bind(fields.confidential)
        .bind(created_by.map(|c| c.to_string()))
        .bind(fields.search_text(number.as_deref()))
        .bind(now)
    )?;
    write_links(tx, &id_text, &fields).await?;
    write_follow_ups(tx, &id_text, &mut fields.follow_ups, now).await?;
    Ok(Interaction {
        id,
        version: 1,
        registry_number: number,
        fields,
        created_by,
        created_at: now,
        updated_at: now,
    })
}

/// Replaces an interaction's fields if nobody changed it since
/// `expected_version`. The registry number never changes once given; an
/// interaction that becomes an outgoing letter or note gets one.
pub async fn update_interaction(
    db: &Db,
    reader: &Reader,
    org: &str,
    unit: &str,
    id: Uuid,
    expected_version: i64,
    mut fields: InteractionFields,
) -> Result<Interaction> {
    let current = find_interaction(db, id)
        .await?
        .filter(|i| i.readable_by(reader))
        .ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    check_links(db, reader, &fields).await?;
    // Follow-up ids that are not this interaction's become new follow-ups.
    let mut known: Vec<Uuid> = current
        .fields
        .follow_ups
        .iter()
        .filter_map(|f| f.id)
        .collect();
    for f in &mut fields.follow_ups {
        if let Some(fid) = f.id {
            match known.iter().position(|k| *k == fid) {
                Some(at) => {
                    known.swap_remove(at);
                }
                None => f.id = None,
            }
        }
    }
    let now = now_micros();
    let id_text = id.to_string();
    let mut tx = db.begin().await?;
    let number = match &current.registry_number {
        Some(n) => Some(n.clone()),
        None if gets_registry_number(fields.kind, fields.direction) => {
            Some(next_registry_number(&mut tx, org, unit, fields.occurred_at).await?)
        }
        None => None,
    };
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE interactions SET kind = $1, direction = $2, registry_number = $3, sender_reference = $4, subject = $5, \
             occurred_at = $6, summary = $7, outreach_case_id = $8, confidential = $9, search_text = $10, \
             version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13"
        )
        .bind(fields.kind.as_str())
        .bind(fields.direction.as_str())
        .bind(number.clone())
        .bind(fields.sender_reference.clone())
        .bind(fields.subject.as_str())
        .bind(fields.occurred_at)
        .bind(fields.summary.clone())
        .bind(fields.outreach_case_id.map(|c| c.to_string()))
        .bind(fields.confidential)
        .bind(fields.search_text(number.as_deref()))
        .bind(now)
        .bind(id_text.as_str())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    write_links(&mut tx, &id_text, &fields).await?;
    write_follow_ups(&mut tx, &id_text, &mut fields.follow_ups, now).await?;
    let updated = Interaction {
        version: current.version + 1,
        registry_number: number,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        Some(reader.user_id),
        "interaction",
        &id_text,
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// The owner of a follow-up, if the follow-up exists (`None` inside: nobody owns it).
pub async fn follow_up_owner(db: &Db, follow_up_id: Uuid) -> Result<Option<Option<Uuid>>> {
    let found: Option<(Option<String>,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as("SELECT owner_id FROM follow_ups WHERE id = $1")
            .bind(follow_up_id.to_string())
    )?;
    found
        .map(|(owner,)| owner.as_deref().map(uuid_of).transpose())
        .transpose()
}

/// Marks one follow-up done (or open again) and returns its interaction.
/// The interaction's version grows; the change is audited.
pub async fn set_follow_up_done(
    db: &Db,
    reader: &Reader,
    follow_up_id: Uuid,
    done: bool,
) -> Result<Interaction> {
    let found: Option<(String,)> = db_run!(
        db,
        fetch_optional,
        sqlx::query_as("SELECT interaction_id FROM follow_ups WHERE id = $1")
            .bind(follow_up_id.to_string())
    )?;
    let (interaction_id,) = found.ok_or(StoreError::NotFound)?;
    let current = find_interaction(db, uuid_of(&interaction_id)?)
        .await?
        .filter(|i| i.readable_by(reader))
        .ok_or(StoreError::NotFound)?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE follow_ups SET done = $1, done_at = $2 WHERE id = $3")
            .bind(done)
            .bind(done.then_some(now))
            .bind(follow_up_id.to_string())
    )?;
    tx_exec!(
        &mut tx,
        sqlx::query("UPDATE interactions SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(interaction_id.as_str())
    )?;
    let mut fields = current.fields.clone();
    for f in &mut fields.follow_ups {
        if f.id == Some(follow_up_id) {
            f.done = done;
        }
    }
    let updated = Interaction {
        version: current.version + 1,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        Some(reader.user_id),
        "interaction",
        &interaction_id,
        if done {
            "follow_up_done"
        } else {
            "follow_up_reopened"
        },
        Some(&serde_json::json!({ "follow_up_id": follow_up_id, "done": !done })),
        Some(&serde_json::json!({ "follow_up_id": follow_up_id, "done": done })),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}

/// A follow-up with what it follows up, for work lists, calendars and reminders.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpItem {
    pub id: Uuid,
    pub interaction_id: Uuid,
    pub subject: String,
    pub kind: InteractionKind,
    pub occurred_at: i64,
    pub action: String,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub due_on: Option<Date>,
    pub done: bool,
    /// When the interaction last changed (for calendar stamps).
    pub updated_at: i64,
}

impl FollowUpItem {
    /// True when still open and its due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.done && self.due_on.is_some_and(|d| d < today)
    }
}

/// Which follow-ups to list.
#[derive(Debug, Clone, Default)]
pub struct FollowUpFilter {
    pub owner_id: Option<Uuid>,
    pub partner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    /// Only those not done.
    pub open_only: bool,
    /// Only those due on or before this day.
    pub due_by: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct FollowUpItemRow {
    id: String,
    interaction_id: String,
    subject: String,
    kind: String,
    occurred_at: i64,
    action: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    due_on: Option<String>,
    done: bool,
    updated_at: i64,
}

/// The follow-ups a reader sees, the earliest due first (those without a date last).
pub async fn list_follow_ups(
    db: &Db,
    reader: &Reader,
    filter: &FollowUpFilter,
    limit: i64,
) -> Result<Vec<FollowUpItem>> {
    let mut sql = Sql::new(
        "SELECT f.id AS id, f.interaction_id AS interaction_id, i.subject AS subject, i.kind AS kind, \
         i.occurred_at AS occurred_at, f.action AS action, f.owner_id AS owner_id, u.name AS owner_name, \
         f.due_on AS due_on, f.done AS done, i.updated_at AS updated_at \
         FROM follow_ups f JOIN interactions i ON i.id = f.interaction_id LEFT JOIN users u ON u.id = f.owner_id WHERE 1 = 1",
    );
    if filter.open_only {
        sql.push(" AND f.done = FALSE");
    }
    if let Some(owner) = filter.owner_id {
        let p = sql.arg(Arg::Text(owner.to_string()));
        sql.push(&format!(" AND f.owner_id = {p}"));
    }
    if let Some(due) = filter.due_by {
        let p = sql.arg(Arg::Text(values::format_date(due)));
        sql.push(&format!(" AND f.due_on IS NOT NULL AND f.due_on <= {p}"));
    }
    push_link(&mut sql, "partner", filter.partner_id);
    push_link(&mut sql, "contact", filter.contact_id);
    push_visibility(&mut sql, reader);
    let p = sql.arg(Arg::Int(limit));
    sql.push(&format!(
        " ORDER BY COALESCE(f.due_on, '9999-12-31'), f.id LIMIT {p}"
    ));
    let rows: Vec<FollowUpItemRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, FollowUpItemRow>(&sql.text), &sql.args)
    )?;
    rows.into_iter()
        .map(|r| {
            Ok(FollowUpItem {
                id: uuid_of(&r.id)?,
                interaction_id: uuid_of(&r.interaction_id)?,
                subject: r.subject,
                kind: InteractionKind::parse(&r.kind).map_err(|_| corrupt("kind"))?,
                occurred_at: r.occurred_at,
                action: r.action,
                owner_id: r.owner_id.as_deref().map(uuid_of).transpose()?,
                owner_name: r.owner_name,
                due_on: date_of(r.due_on.as_deref())?,
                done: r.done,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

/// The relationship health of a partner, as a reader sees it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Health {
    /// The latest interaction (microseconds), if any.
    pub last_contact: Option<i64>,
    /// Whole days since then.
    pub days_since_contact: Option<i64>,
    pub interactions: i64,
    pub open_actions: i64,
    pub overdue_actions: i64,
    pub active_agreements: i64,
    /// Active agreements that end within 90 days.
    pub expiring_within_90_days: i64,
}

/// How many days ahead count as "expiring soon".
pub const EXPIRY_HORIZON_DAYS: i64 = 90;

/// The relationship health of `partner_id` on `today`.
pub async fn partner_health(
    db: &Db,
    reader: &Reader,
    partner_id: Uuid,
    today: Date,
) -> Result<Health> {
    let partner = partner_id.to_string();
    let now = now_micros();
    let mut sql = Sql::new(
        "SELECT COUNT(*), MAX(i.occurred_at) FROM interactions i WHERE EXISTS \
         (SELECT 1 FROM interaction_links pl WHERE pl.interaction_id = i.id AND pl.kind = 'partner' AND pl.target_id = ",
    );
    let p = sql.arg(Arg::Text(partner.clone()));
    sql.push(&p);
    let n = sql.arg(Arg::Int(now));
    sql.push(&format!(") AND i.occurred_at <= {n}"));
    push_visibility(&mut sql, reader);
    let (interactions, last_contact): (i64, Option<i64>) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&sql.text), &sql.args)
    )?;
    let open = list_follow_ups(
        db,
        reader,
        &FollowUpFilter {
            partner_id: Some(partner_id),
            open_only: true,
            ..Default::default()
        },
        1000,
    )
    .await?;
    let mut agreements = Sql::new(
        "SELECT a.ends_on FROM agreements a WHERE a.status = 'active' AND EXISTS \
         (SELECT 1 FROM agreement_parties hp WHERE hp.agreement_id = a.id AND hp.partner_id = ",
    );
    let p = agreements.arg(Arg::Text(partner));
    agreements.push(&p);
    agreements.push(")");
    crate::agreements::push_visibility(&mut agreements, reader);
    let ends: Vec<(Option<String>,)> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as(&agreements.text), &agreements.args)
    )?;
    let horizon = today + time::Duration::days(EXPIRY_HORIZON_DAYS);
    let expiring = ends
        .iter()
        .filter_map(|(e,)| e.as_deref().and_then(|d| values::date(d).ok()))
        .filter(|d| *d >= today && *d <= horizon)
        .count() as i64;
    Ok(Health {
        last_contact,
        days_since_contact: last_contact
            .map(|at| (today - crate::instant(at).date()).whole_days().max(0)),
        interactions,
        open_actions: open.len() as i64,
        overdue_actions: open.iter().filter(|f| f.is_overdue(today)).count() as i64,
        active_agreements: ends.len() as i64,
        expiring_within_90_days: expiring,
    })
}

/// A partner nobody has been in touch with lately.
#[derive(Debug, Clone, Serialize)]
pub struct DormantPartner {
    pub id: Uuid,
    pub name: LocalizedText,
    pub country: Option<String>,
    pub kind: String,
    pub status: String,
    /// The latest interaction the reader sees (microseconds), if any.
    pub last_contact: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DormantRow {
    id: String,
    name_ar: Option<String>,
    name_en: Option<String>,
    name_fr: Option<String>,
    country: Option<String>,
    kind: String,
    status: String,
    last_contact: Option<i64>,
}

/// Partners (not merged, not blocked) with no interaction since `since`
/// (never in touch first, then the longest silent), with the total.
pub async fn dormant_partners(
    db: &Db,
    reader: &Reader,
    since: Date,
    limit: i64,
    offset: i64,
) -> Result<(Vec<DormantPartner>, i64)> {
    let mut inner = Sql::new(
        "SELECT p.id AS id, p.name_ar AS name_ar, p.name_en AS name_en, p.name_fr AS name_fr, p.country AS country, \
         p.kind AS kind, p.status AS status, p.sort_name AS sort_name, \
         (SELECT MAX(i.occurred_at) FROM interactions i JOIN interaction_links dl ON dl.interaction_id = i.id \
         WHERE dl.kind = 'partner' AND dl.target_id = p.id",
    );
    push_visibility(&mut inner, reader);
    inner.push(
        ") AS last_contact FROM partners p WHERE p.merged_into IS NULL AND p.status <> 'blocked'",
    );
    let cutoff = inner.arg(Arg::Int(day_start(since)));
    let body = format!(
        "FROM ({}) d WHERE d.last_contact IS NULL OR d.last_contact < {cutoff}",
        inner.text
    );
    let count = format!("SELECT COUNT(*) {body}");
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&count), &inner.args)
    )?;
    let mut sql = Sql {
        text: format!(
            "SELECT d.id, d.name_ar, d.name_en, d.name_fr, d.country, d.kind, d.status, d.last_contact {body} \
             ORDER BY COALESCE(d.last_contact, 0), d.sort_name, d.id"
        ),
        args: inner.args,
    };
    let l = sql.arg(Arg::Int(limit));
    let o = sql.arg(Arg::Int(offset));
    sql.push(&format!(" LIMIT {l} OFFSET {o}"));
    let rows: Vec<DormantRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, DormantRow>(&sql.text), &sql.args)
    )?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(DormantPartner {
                id: uuid_of(&r.id)?,
                name: LocalizedText::new(r.name_ar, r.name_en, r.name_fr),
                country: r.country,
                kind: r.kind,
                status: r.status,
                last_contact: r.last_contact,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((items, total))
}

/// The interactions a reader sees that are linked to an agreement, oldest first.
pub async fn linked_to_agreement(
    db: &Db,
    reader: &Reader,
    agreement_id: Uuid,
) -> Result<Vec<Interaction>> {
    let filter = InteractionFilter {
        agreement_id: Some(agreement_id),
        ..Default::default()
    };
    let sort = Sort {
        column: SORTS[0],
        descending: false,
    };
    Ok(list_interactions(db, &filter, reader, sort, None, 500)
        .await?
        .items)
}
