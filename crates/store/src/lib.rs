//! One storage API over SQLite and PostgreSQL.
//!
//! Queries are written once, in the SQL both engines understand, with `$N`
//! placeholders (sqlx's SQLite driver binds `$N` by number). The macros in
//! [`engine`] expand each query once per engine, so each is type-checked
//! against both drivers; the few engine-specific statements sit in plain
//! `match`es. See `docs/adr/0001-sql-shared-between-engines.md`.
//!
//! Every write runs in a transaction that also appends its audit event, so a
//! change and its event are committed together or not at all.

#[macro_use]
pub mod engine;
pub mod agreements;
pub mod attachments;
pub mod audit;
pub mod comments;
pub mod contacts;
pub mod countries;
pub mod drafts;
pub mod error;
pub mod interactions;
pub mod jobs;
pub mod list;
pub mod map;
pub mod notifications;
pub mod outreach;
pub mod partners;
pub mod reference;
pub mod reviews;
pub mod rotation;
pub mod signing;
pub mod units;
pub mod users;
pub mod work;

pub use engine::{Db, Engine, Tx};
pub use error::StoreError;

/// Result of a storage operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Microseconds since the Unix epoch, now.
pub fn now_micros() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    (now.unix_timestamp_nanos() / 1000) as i64
}

/// Today's date in UTC: the one clock for "today" (due dates, overdue, cycle times).
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Turns stored microseconds into an RFC 3339 UTC instant with whole seconds.
pub fn rfc3339(micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(micros.div_euclid(1_000_000))
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The instant for stored microseconds.
pub fn instant(micros: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}
