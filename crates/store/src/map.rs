//! Figures per country for the world map: live partners and active
//! agreements, each in one grouped query. Agreement counts respect the
//! reader's visibility (confidential agreements count only for those who may see them).

use crate::agreements::{Reader, push_visibility};
use crate::list::Sql;
use crate::{Db, Result};
use std::collections::HashMap;

/// Live (not merged) partners per country code.
pub async fn partners_per_country(db: &Db) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = db_run!(
        db,
        fetch_all,
        sqlx::query_as(
            "SELECT p.country, COUNT(*) FROM partners p WHERE p.merged_into IS NULL AND p.country IS NOT NULL GROUP BY p.country"
        )
    )?;
    Ok(rows.into_iter().collect())
}

/// Active agreements that `reader` may see, per country of their parties
/// (an agreement with parties in two countries counts for both).
pub async fn active_agreements_per_country(
    db: &Db,
    reader: &Reader,
) -> Result<HashMap<String, i64>> {
    let mut sql = Sql::new(
        "SELECT p.country, COUNT(DISTINCT a.id) FROM agreements a \
         JOIN agreement_parties ap ON ap.agreement_id = a.id JOIN partners p ON p.id = ap.partner_id \
         WHERE a.status = 'active' AND p.country IS NOT NULL",
    );
    push_visibility(&mut sql, reader);
    sql.push(" GROUP BY p.country");
    let rows: Vec<(String, i64)> = db_run!(
        db,
        fetch_all,
        bind_args!(sqlx::query_as(&sql.text), &sql.args)
    )?;
    Ok(rows.into_iter().collect())
}
