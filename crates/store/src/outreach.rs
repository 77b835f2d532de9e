//! Outreach cases, their stage history and the funnel figures. Moving a case
//! to `admitted` makes its country an observer from that date, in the same
//! transaction as the move.

use crate::countries::{self, MembershipUpdate};
use crate::list::{Arg, Cursor, Page, Sort, SortColumn, SortKind, Sql};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::outreach::{OutreachFields, Stage, StageEntry, StepDuration, step_durations};
use accord_domain::partner::PartnerKind;
use accord_domain::search::normalize;
use accord_domain::{FieldErrors, Lang, LocalizedText, values};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// How a membership change made by an outreach move starts its note.
pub const OUTREACH_NOTE: &str = "outreach:";

/// A stored outreach case, with the names a page shows next to it.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    pub fields: OutreachFields,
    pub stage: Stage,
    pub stage_since: Date,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(skip)]
    pub country_name: LocalizedText,
    #[serde(skip)]
    pub mission_name: Option<LocalizedText>,
    #[serde(skip)]
    pub owner_name: Option<String>,
}

impl Case {
    /// The audit snapshot of the case.
    pub fn snapshot(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.fields).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("stage".into(), self.stage.as_str().into());
            map.insert(
                "stage_since".into(),
                values::format_date(self.stage_since).into(),
            );
        }
        value
    }

    /// The country's name in one language.
    pub fn country_in(&self, lang: Lang) -> &str {
        self.country_name.best(lang)
    }
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: String,
    version: i64,
    country: String,
    stage: String,
    mission_partner_id: Option<String>,
    owner_id: Option<String>,
    next_action: Option<String>,
    next_action_on: Option<String>,
    notes: Option<String>,
    stage_since: String,
    created_at: i64,
    updated_at: i64,
    country_ar: Option<String>,
    country_en: Option<String>,
    country_fr: Option<String>,
    mission_ar: Option<String>,
    mission_en: Option<String>,
    mission_fr: Option<String>,
    owner_name: Option<String>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn parse_uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| corrupt("id"))
}

fn parse_date(text: &str) -> Result<Date> {
    values::date(text).map_err(|_| corrupt("date"))
}

impl TryFrom<CaseRow> for Case {
    type Error = StoreError;
    fn try_from(row: CaseRow) -> Result<Case> {
        let mission_name = row
            .mission_partner_id
            .as_ref()
            .map(|_| LocalizedText::new(row.mission_ar, row.mission_en, row.mission_fr));
        Ok(Case {
            id: parse_uuid(&row.id)?,
            version: row.version,
            fields: OutreachFields {
                country: row.country,
                mission_partner_id: row
                    .mission_partner_id
                    .as_deref()
                    .map(parse_uuid)
                    .transpose()?,
                owner_id: row.owner_id.as_deref().map(parse_uuid).transpose()?,
                next_action: row.next_action,
                next_action_on: row.next_action_on.as_deref().map(parse_date).transpose()?,
                notes: row.notes,
            },
            stage: Stage::parse(&row.stage).map_err(|_| corrupt("stage"))?,
            stage_since: parse_date(&row.stage_since)?,
            created_at: row.created_at,
            updated_at: row.updated_at,
            country_name: LocalizedText::new(row.country_ar, row.country_en, row.country_fr),
            mission_name,
            owner_name: row.owner_name,
        })
    }
}

const SELECT: &str = "SELECT o.id, o.version, o.country, o.stage, o.mission_partner_id, o.owner_id, o.next_action, \
    o.next_action_on, o.notes, o.stage_since, o.created_at, o.updated_at, c.name_ar AS country_ar, c.name_en AS country_en, \
    c.name_fr AS country_fr, p.name_ar AS mission_ar, p.name_en AS mission_en, p.name_fr AS mission_fr, u.name AS owner_name \
    FROM outreach_cases o JOIN countries c ON c.code = o.country LEFT JOIN partners p ON p.id = o.mission_partner_id \
    LEFT JOIN users u ON u.id = o.owner_id";

/// The columns a case list may be sorted by.
pub const SORTS: [SortColumn; 5] = [
    SortColumn {
        name: "updated_at",
        expr: "o.updated_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "created_at",
        expr: "o.created_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "country",
        expr: "o.country",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "next_action_on",
        expr: "COALESCE(o.next_action_on, '9999-12-31')",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "stage_since",
        expr: "o.stage_since",
        kind: SortKind::Text,
    },
];

/// The default order: most recently changed first.
pub fn default_sort() -> Sort {
    Sort {
        column: SORTS[0],
        descending: true,
    }
}

/// Filters of a case list; all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub stage: Option<Stage>,
    pub owner_id: Option<Uuid>,
    pub country: Option<String>,
    /// Words of the country's name, in any language.
    pub q: Option<String>,
}

/// The codes of the countries whose name, in any language, holds every word of `q`
/// (compared after [`normalize`], so Arabic and French match without their marks).
async fn countries_named(db: &Db, q: &str) -> Result<Vec<String>> {
    let terms = accord_domain::search::terms(q);
    let all = countries::list_countries(db, None).await?;
    Ok(all
        .into_iter()
        .filter(|c| {
            let text = normalize(&format!(
                "{} {} {} {}",
                c.name_ar, c.name_en, c.name_fr, c.code
            ));
            terms.iter().all(|t| text.contains(t.as_str()))
        })
        .map(|c| c.code)
        .collect())
}

async fn push_filters(db: &Db, sql: &mut Sql, filter: &CaseFilter) -> Result<()> {
    sql.push(" WHERE 1 = 1");
    if let Some(stage) = filter.stage {
        let p = sql.arg(Arg::Text(stage.as_str().into()));
        sql.push(&format!(" AND o.stage = {p}"));
    }
    if let Some(owner) = filter.owner_id {
        let p = sql.arg(Arg::Text(owner.to_string()));
        sql.push(&format!(" AND o.owner_id = {p}"));
    }
    if let Some(country) = &filter.country {
        let p = sql.arg(Arg::Text(country.clone()));
        sql.push(&format!(" AND o.country = {p}"));
    }
    if let Some(q) = &filter.q {
        let codes = countries_named(db, q).await?;
        if codes.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            let params: Vec<String> = codes.into_iter().map(|c| sql.arg(Arg::Text(c))).collect();
            sql.push(&format!(" AND o.country IN ({})", params.join(", ")));
        }
    }
    Ok(())
}

fn cursor_for(case: &Case, sort: Sort) -> Cursor {
    let value = match sort.column.name {
        "created_at" => Arg::Int(case.created_at),
        "country" => Arg::Text(case.fields.country.clone()),
        "next_action_on" => Arg::Text(
            case.fields
                .next_action_on
                .map(values::format_date)
                .unwrap_or_else(|| "9999-12-31".into()),
        ),
        "stage_since" => Arg::Text(values::format_date(case.stage_since)),
        _ => Arg::Int(case.updated_at),
    };
    Cursor {
        value,
        id: case.id.to_string(),
    }
}

/// One page of cases matching `filter`, in `sort` order, after `cursor`.
pub async fn list_cases(
    db: &Db,
    filter: &CaseFilter,
    sort: Sort,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page<Case>> {
    let mut count = Sql::new("SELECT COUNT(*) FROM outreach_cases o");
    push_filters(db, &mut count, filter).await?;
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&count.text), &count.args)
    )?;
    let mut sql = Sql::new(SELECT);
    push_filters(db, &mut sql, filter).await?;
    if let Some(cursor) = cursor
        && !sort.push_after(&mut sql, cursor, "o.id")
    {
        return Err(StoreError::invalid("cursor", "invalid_cursor"));
    }
    sql.push(&sort.order_by("o.id"));
    let limit_param = sql.arg(Arg::Int(limit + 1));
    sql.push(&format!(" LIMIT {limit_param}"));
    let rows: Vec<CaseRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, CaseRow>(&sql.text), &sql.args)
    )?;
    let mut items = rows
        .into_iter()
        .map(Case::try_from)
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

/// Every case (the board shows them all; there is at most one open case per state).
pub async fn all_cases(db: &Db) -> Result<Vec<Case>> {
    let sql = format!("{SELECT} ORDER BY o.next_action_on IS NULL, o.next_action_on, o.country");
    let rows: Vec<CaseRow> = db_run!(db, fetch_all, sqlx::query_as::<_, CaseRow>(&sql))?;
    rows.into_iter().map(Case::try_from).collect()
}

/// One case by id.
pub async fn find_case(db: &Db, id: Uuid) -> Result<Option<Case>> {
    let sql = format!("{SELECT} WHERE o.id = $1");
    let row = db_run!(
        db,
        fetch_optional,
        sqlx::query_as::<_, CaseRow>(&sql).bind(id.to_string())
    )?;
    row.map(Case::try_from).transpose()
}

/// One stay of a case in a stage.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StageRow {
    pub id: String,
    pub case_id: String,
    pub stage: String,
    pub entered_on: String,
    pub left_on: Option<String>,
    pub reason: Option<String>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub recorded_at: i64,
}

/// The stage history of a case, oldest first.
pub async fn stages_of(db: &Db, case_id: Uuid) -> Result<Vec<StageRow>> {
    Ok(db_run!(
        db,
        fetch_all,
        sqlx::query_as::<_, StageRow>(
            "SELECT s.id, s.case_id, s.stage, s.entered_on, s.left_on, s.reason, s.actor_id, u.name AS actor_name, s.recorded_at \
             FROM outreach_stages s LEFT JOIN users u ON u.id = s.actor_id WHERE s.case_id = $1 \
             ORDER BY s.entered_on, s.recorded_at, s.id"
        )
        .bind(case_id.to_string())
    )?)
}

/// Checks the links of a case: the country exists and is not a member, the
/// mission is a live diplomatic mission, the owner exists.
async fn check_links(db: &Db, fields: &OutreachFields, new_country: bool) -> Result<()> {
    let mut errors = FieldErrors::new();
    match countries::find_country(db, &fields.country).await? {
        None => errors.add("country", "unknown_country"),
        Some(c) if new_country && c.membership != "non_member" => {
            errors.add("country", "not_a_non_member")
        }
        Some(_) => {}
    }
    if let Some(mission) = fields.mission_partner_id {
        match crate::partners::find_partner(db, mission).await? {
            Some(p)
                if p.merged_into.is_none() && p.fields.kind == PartnerKind::DiplomaticMission => {}
            Some(p) if p.merged_into.is_none() => errors.add("mission_partner_id", "not_a_mission"),
            _ => errors.add("mission_partner_id", "unknown_partner"),
        }
    }
    if let Some(owner) = fields.owner_id {
        let found: Option<(String,)> = db_run!(
            db,
            fetch_optional,
            sqlx::query_as("SELECT id FROM users WHERE id = $1").bind(owner.to_string())
        )?;
        if found.is_none() {
            errors.add("owner_id", "unknown_user");
        }
    }
    Ok(errors.into_result()?)
}

/// Is there an open case for this country (other than `except`)?
async fn open_case_exists(tx: &mut crate::Tx, country: &str, except: Option<Uuid>) -> Result<bool> {
    let found: Option<(String,)> = tx_run!(
        tx,
        fetch_optional,
        sqlx::query_as(
            "SELECT id FROM outreach_cases WHERE country = $1 AND stage NOT IN ('admitted', 'declined') AND id <> $2 LIMIT 1"
        )
        .bind(country)
        .bind(except.map(|e| e.to_string()).unwrap_or_default())
    )?;
    Ok(found.is_some())
}

/// Opens a case at `identified` from `on`, with its first stage row and audit event.
/// A second open case for the same country is [`StoreError::Duplicate`].
pub async fn insert_case(
    db: &Db,
    actor: Option<Uuid>,
    fields: OutreachFields,
    on: Date,
) -> Result<Case> {
    check_links(db, &fields, true).await?;
    let id = Uuid::now_v7();
    let now = now_micros();
    let mut tx = db.begin().await?;
    if open_case_exists(&mut tx, &fields.country, None).await? {
        return Err(StoreError::Duplicate { field: "country" });
    }
    let on_text = values::format_date(on);
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO outreach_cases (id, version, country, stage, mission_partner_id, owner_id, next_action, next_action_on, \
             notes, stage_since, created_at, updated_at) VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
        )
        .bind(id.to_string())
        .bind(fields.country.as_str())
        .bind(Stage::Identified.as_str())
        .bind(fields.mission_partner_id.map(|p| p.to_string()))
        .bind(fields.owner_id.map(|p| p.to_string()))
        .bind(fields.next_action.clone())
        .bind(fields.next_action_on.map(values::format_date))
        .bind(fields.notes.clone())
        .bind(on_text.as_str())
        .bind(now)
    )?;
    insert_stage_row(&mut tx, id, Stage::Identified, &on_text, None, actor, now).await?;
    let case = Case {
        id,
        version: 1,
        fields,
        stage: Stage::Identified,
        stage_since: on,
        created_at: now,
        updated_at: now,
        country_name: LocalizedText::default(),
        mission_name: None,
        owner_name: None,
    };
    audit::append(
        &mut tx,
        actor,
        "outreach_case",
        &id.to_string(),
        "create",
        None,
        Some(&case.snapshot()),
    )
    .await?;
    tx.commit().await?;
    find_case(db, id).await?.ok_or(StoreError::NotFound)
}

async fn insert_stage_row(
    tx: &mut crate::Tx,
    case_id: Uuid,
    stage: Stage,
    on: &str,
    reason: Option<&str>,
    actor: Option<Uuid>,
    now: i64,
) -> Result<()> {
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO outreach_stages (id, case_id, stage, entered_on, left_on, reason, actor_id, recorded_at) \
             VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)"
        )
        .bind(Uuid::now_v7().to_string())
        .bind(case_id.to_string())
        .bind(stage.as_str())
        .bind(on)
        .bind(reason)
        .bind(actor.map(|a| a.to_string()))
        .bind(now)
    )?;
    Ok(())
}

/// Replaces a case's fields if nobody changed it since `expected_version`.
/// The country of a case cannot change (open a new case instead).
pub async fn update_case(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    expected_version: i64,
    fields: OutreachFields,
) -> Result<Case> {
    let current = find_case(db, id).await?.ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    if fields.country != current.fields.country {
        return Err(StoreError::invalid("country", "read_only"));
    }
    check_links(db, &fields, false).await?;
    let now = now_micros();
    let mut tx = db.begin().await?;
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE outreach_cases SET mission_partner_id = $1, owner_id = $2, next_action = $3, next_action_on = $4, notes = $5, \
             version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8"
        )
        .bind(fields.mission_partner_id.map(|p| p.to_string()))
        .bind(fields.owner_id.map(|p| p.to_string()))
        .bind(fields.next_action.clone())
        .bind(fields.next_action_on.map(values::format_date))
        .bind(fields.notes.clone())
        .bind(now)
        .bind(id.to_string())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    let updated = Case {
        version: current.version + 1,
        fields,
        updated_at: now,
        ..current.clone()
    };
    audit::append(
        &mut tx,
        actor,
        "outreach_case",
        &id.to_string(),
        "update",
        Some(&current.snapshot()),
        Some(&updated.snapshot()),
    )
    .await?;
    tx.commit().await?;
    find_case(db, id).await?.ok_or(StoreError::NotFound)
}

/// Moves a case to `to` on the date `on` (the caller has checked the move
/// against the domain's rules): closes the current stage row, opens the next,
/// and appends the audit event. Moving to `admitted` makes the country an
/// observer from `on`; an administrator's revert from `admitted` makes it a
/// non-member again. Everything in one transaction.
pub async fn move_case(
    db: &Db,
    actor: Option<Uuid>,
    id: Uuid,
    to: Stage,
    on: Date,
    reason: Option<&str>,
    expected_version: i64,
) -> Result<Case> {
    let current = find_case(db, id).await?.ok_or(StoreError::NotFound)?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    if on < current.stage_since {
        return Err(StoreError::invalid("on", "before_stage_start"));
    }
    if on > time::OffsetDateTime::now_utc().date() {
        return Err(StoreError::invalid("on", "in_future"));
    }
    let now = now_micros();
    let on_text = values::format_date(on);
    let id_text = id.to_string();
    let mut tx = db.begin().await?;
    if current.stage == Stage::Declined
        && to.is_open()
        && open_case_exists(&mut tx, &current.fields.country, Some(id)).await?
    {
        return Err(StoreError::Duplicate { field: "country" });
    }
    let done = tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE outreach_cases SET stage = $1, stage_since = $2, version = version + 1, updated_at = $3 \
             WHERE id = $4 AND version = $5"
        )
        .bind(to.as_str())
        .bind(on_text.as_str())
        .bind(now)
        .bind(id_text.as_str())
        .bind(expected_version)
    )?;
    if done == 0 {
        return Err(StoreError::VersionConflict {
            current: current.version,
        });
    }
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE outreach_stages SET left_on = $1 WHERE case_id = $2 AND left_on IS NULL"
        )
        .bind(on_text.as_str())
        .bind(id_text.as_str())
    )?;
    insert_stage_row(&mut tx, id, to, &on_text, reason, actor, now).await?;
    let moved = Case {
        version: current.version + 1,
        stage: to,
        stage_since: on,
        updated_at: now,
        ..current.clone()
    };
    let mut after = moved.snapshot();
    if let Some(map) = after.as_object_mut() {
        map.insert("reason".into(), reason.into());
    }
    audit::append(
        &mut tx,
        actor,
        "outreach_case",
        &id_text,
        "transition",
        Some(&current.snapshot()),
        Some(&after),
    )
    .await?;
    let membership = if to == Stage::Admitted {
        Some(("observer", Some(on_text.clone())))
    } else if current.stage == Stage::Admitted {
        Some(("non_member", None))
    } else {
        None
    };
    if let Some((membership, since)) = membership {
        let country = countries::find_country_in(&mut tx, &current.fields.country)
            .await?
            .ok_or(StoreError::NotFound)?;
        // The note names the case (`outreach:<id>`, then the reason if any): the
        // country page turns it into a link to the case, in the reader's language.
        let update = MembershipUpdate {
            membership: membership.into(),
            since,
            verified: true,
            note: Some(match reason {
                Some(r) => format!("{OUTREACH_NOTE}{id_text} {r}"),
                None => format!("{OUTREACH_NOTE}{id_text}"),
            }),
        };
        countries::set_membership_in(&mut tx, actor, &country, country.version, &update).await?;
    }
    tx.commit().await?;
    find_case(db, id).await?.ok_or(StoreError::NotFound)
}

/// The funnel: how many cases stand in each stage now, and the median days
/// between consecutive forward stages.
#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    pub counts: Vec<(Stage, i64)>,
    pub steps: Vec<StepDuration>,
}

/// Computes the funnel from the cases and their stage rows.
pub async fn funnel(db: &Db) -> Result<Funnel> {
    let grouped: Vec<(String, i64)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as("SELECT stage, COUNT(*) FROM outreach_cases GROUP BY stage")
    )?;
    let counts = Stage::ALL
        .iter()
        .map(|s| {
            let n = grouped
                .iter()
                .find(|(g, _)| g == s.as_str())
                .map_or(0, |(_, n)| *n);
            (*s, n)
        })
        .collect();
    let rows: Vec<(String, String, String)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(
            "SELECT case_id, stage, entered_on FROM outreach_stages ORDER BY case_id, entered_on"
        )
    )?;
    let mut cases: Vec<Vec<StageEntry>> = Vec::new();
    let mut last: Option<String> = None;
    for (case_id, stage, entered_on) in rows {
        let (Ok(stage), Ok(entered_on)) = (Stage::parse(&stage), values::date(&entered_on)) else {
            return Err(corrupt("stage row"));
        };
        if last.as_deref() != Some(case_id.as_str()) {
            cases.push(Vec::new());
            last = Some(case_id);
        }
        if let Some(rows) = cases.last_mut() {
            rows.push(StageEntry { stage, entered_on });
        }
    }
    Ok(Funnel {
        counts,
        steps: step_durations(&cases),
    })
}
