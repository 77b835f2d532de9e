//! The queries behind one person's work list and the home page: the open
//! review steps assigned to a user (by role and unit), the agreements a user
//! owns that wait for them, and the agreements about to expire. Each applies
//! the same visibility rules as the agreement lists.

use crate::agreements::{Reader, push_visibility};
use crate::list::{Arg, Sql};
use crate::{Db, Result, StoreError};
use accord_domain::agreement::AgreementStatus;
use accord_domain::{LocalizedText, values};
use time::Date;
use uuid::Uuid;

/// An open review step waiting for a decision, with its agreement.
#[derive(Debug, Clone)]
pub struct AssignedStep {
    pub step_id: String,
    pub agreement_id: Uuid,
    pub reference: String,
    pub title: LocalizedText,
    pub lead_unit: String,
    /// The step's place in its chain, from 0.
    pub position: i64,
    pub opened_at: Option<i64>,
    pub due_on: Option<Date>,
}

impl AssignedStep {
    /// True when the due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.due_on.is_some_and(|due| due < today)
    }
}

#[derive(sqlx::FromRow)]
struct StepRow {
    step_id: String,
    agreement_id: String,
    reference: String,
    title_ar: Option<String>,
    title_en: Option<String>,
    title_fr: Option<String>,
    lead_unit: String,
    position: i64,
    opened_at: Option<i64>,
    due_on: Option<String>,
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

/// The open steps whose role (and unit, when the step names one) are the
/// reader's, on agreements in review: the earliest due first.
pub async fn assigned_steps(db: &Db, reader: &Reader, limit: i64) -> Result<Vec<AssignedStep>> {
    let mut sql = Sql::new(
        "SELECT s.id AS step_id, a.id AS agreement_id, a.reference AS reference, a.title_ar AS title_ar, \
         a.title_en AS title_en, a.title_fr AS title_fr, a.lead_unit AS lead_unit, s.position AS position, \
         s.opened_at AS opened_at, s.due_on AS due_on \
         FROM review_steps s JOIN agreements a ON a.id = s.agreement_id \
         WHERE s.opened_at IS NOT NULL AND s.decision IS NULL AND s.voided = FALSE AND a.status = ",
    );
    let review = sql.arg(Arg::Text(AgreementStatus::Review.as_str().into()));
    let role = sql.arg(Arg::Text(reader.role.as_str().into()));
    let unit = sql.arg(Arg::Text(reader.unit.clone().unwrap_or_default()));
    sql.push(&format!(
        "{review} AND s.role = {role} AND (s.unit IS NULL OR s.unit = {unit})"
    ));
    push_visibility(&mut sql, reader);
    let limit = sql.arg(Arg::Int(limit));
    sql.push(&format!(
        " ORDER BY COALESCE(s.due_on, '9999-12-31'), s.opened_at, s.id LIMIT {limit}"
    ));
    let rows: Vec<StepRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, StepRow>(&sql.text), &sql.args)
    )?;
    rows.into_iter()
        .map(|row| {
            Ok(AssignedStep {
                step_id: row.step_id,
                agreement_id: uuid_of(&row.agreement_id)?,
                reference: row.reference,
                title: LocalizedText::new(row.title_ar, row.title_en, row.title_fr),
                lead_unit: row.lead_unit,
                position: row.position,
                opened_at: row.opened_at,
                due_on: date_of(row.due_on.as_deref())?,
            })
        })
        .collect()
}

/// An agreement as a work list shows it.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub id: Uuid,
    pub reference: String,
    pub title: LocalizedText,
    pub status: AgreementStatus,
    pub status_since: i64,
    pub lead_unit: String,
    pub ends_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: String,
    reference: String,
    title_ar: Option<String>,
    title_en: Option<String>,
    title_fr: Option<String>,
    status: String,
    status_since: i64,
    lead_unit: String,
    ends_on: Option<String>,
}

const ITEM_COLUMNS: &str = "a.id AS id, a.reference AS reference, a.title_ar AS title_ar, a.title_en AS title_en, \
    a.title_fr AS title_fr, a.status AS status, a.status_since AS status_since, a.lead_unit AS lead_unit, a.ends_on AS ends_on";

fn item_of(row: ItemRow) -> Result<WorkItem> {
    Ok(WorkItem {
        id: uuid_of(&row.id)?,
        reference: row.reference,
        title: LocalizedText::new(row.title_ar, row.title_en, row.title_fr),
        status: AgreementStatus::parse(&row.status).map_err(|_| corrupt("status"))?,
        status_since: row.status_since,
        lead_unit: row.lead_unit,
        ends_on: date_of(row.ends_on.as_deref())?,
    })
}

async fn fetch_items(db: &Db, sql: &Sql) -> Result<Vec<WorkItem>> {
    let rows: Vec<ItemRow> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as::<_, ItemRow>(&sql.text), &sql.args)
    )?;
    rows.into_iter().map(item_of).collect()
}

/// The statuses in which an owner has something to do.
pub const OWNER_ACTION_STATUSES: [AgreementStatus; 3] = [
    AgreementStatus::Negotiation,
    AgreementStatus::Signature,
    AgreementStatus::Validation,
];

/// The agreements `owner` owns that wait for them: in negotiation, signature
/// or validation, or in force and ending between `today` and `horizon`. The
/// longest waiting first.
pub async fn owned_needing_action(
    db: &Db,
    owner: Uuid,
    today: Date,
    horizon: Date,
    limit: i64,
) -> Result<Vec<WorkItem>> {
    let mut sql = Sql::new(&format!(
        "SELECT {ITEM_COLUMNS} FROM agreements a WHERE a.owner_id = "
    ));
    let me = sql.arg(Arg::Text(owner.to_string()));
    sql.push(&me);
    let mut statuses = Vec::new();
    for status in OWNER_ACTION_STATUSES {
        statuses.push(sql.arg(Arg::Text(status.as_str().into())));
    }
    let active = sql.arg(Arg::Text(AgreementStatus::Active.as_str().into()));
    let suspended = sql.arg(Arg::Text(AgreementStatus::Suspended.as_str().into()));
    let from = sql.arg(Arg::Text(values::format_date(today)));
    let to = sql.arg(Arg::Text(values::format_date(horizon)));
    sql.push(&format!(
        " AND (a.status IN ({}) OR (a.status IN ({active}, {suspended}) AND a.ends_on IS NOT NULL \
         AND a.ends_on >= {from} AND a.ends_on <= {to}))",
        statuses.join(", ")
    ));
    let limit = sql.arg(Arg::Int(limit));
    sql.push(&format!(" ORDER BY a.status_since, a.id LIMIT {limit}"));
    fetch_items(db, &sql).await
}

/// The active agreements that `reader` sees and that end between `from` and
/// `to` (both included), the soonest first, with how many there are in all.
pub async fn expiring(
    db: &Db,
    reader: &Reader,
    from: Date,
    to: Date,
    limit: i64,
) -> Result<(Vec<WorkItem>, i64)> {
    let condition = |sql: &mut Sql| {
        let active = sql.arg(Arg::Text(AgreementStatus::Active.as_str().into()));
        let start = sql.arg(Arg::Text(values::format_date(from)));
        let end = sql.arg(Arg::Text(values::format_date(to)));
        sql.push(&format!(
            " AND a.status = {active} AND a.ends_on IS NOT NULL AND a.ends_on >= {start} AND a.ends_on <= {end}"
        ));
        push_visibility(sql, reader);
    };
    let mut sql = Sql::new(&format!(
        "SELECT {ITEM_COLUMNS} FROM agreements a WHERE 1 = 1"
    ));
    condition(&mut sql);
    let p = sql.arg(Arg::Int(limit));
    sql.push(&format!(" ORDER BY a.ends_on, a.id LIMIT {p}"));
    let items = fetch_items(db, &sql).await?;
    let mut count = Sql::new("SELECT COUNT(*) FROM agreements a WHERE 1 = 1");
    condition(&mut count);
    let (total,): (i64,) = db_run!(
        db,
        fetch_one,
        bind_args!(sqlx::query_as(&count.text), &count.args)
    )?;
    Ok((items, total))
}

/// A partner's id and its names in Arabic, English and French.
type NameRow = (String, Option<String>, Option<String>, Option<String>);

/// The names of partners by id, in one query per 500 ids (for lists that show
/// the parties of many agreements). Unknown ids are left out.
pub async fn partner_names(
    db: &Db,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, LocalizedText>> {
    let mut ids: Vec<Uuid> = ids.to_vec();
    ids.sort();
    ids.dedup();
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new("SELECT id, name_ar, name_en, name_fr FROM partners WHERE id IN (");
        let params: Vec<String> = chunk
            .iter()
            .map(|id| sql.arg(Arg::Text(id.to_string())))
            .collect();
        sql.push(&params.join(", "));
        sql.push(")");
        let rows: Vec<NameRow> = db_run!(
            db,
            fetch_all,
            bind_args!(sqlx::query_as(&sql.text), &sql.args)
        )?;
        for (id, ar, en, fr) in rows {
            out.insert(uuid_of(&id)?, LocalizedText::new(ar, en, fr));
        }
    }
    Ok(out)
}
