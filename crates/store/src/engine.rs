//! The two engines behind one handle, and the macros that run one query text on either.

use crate::Result;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// The connection pools of one engine.
#[derive(Clone, Debug)]
pub enum Engine {
    /// SQLite: many readers, one writer (SQLite allows one write at a time; a single
    /// write connection avoids busy errors on lock upgrades).
    Sqlite {
        read: sqlx::SqlitePool,
        write: sqlx::SqlitePool,
    },
    /// PostgreSQL: one pool for everything.
    Postgres(sqlx::PgPool),
}

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub engine: Engine,
}

/// An open write transaction on either engine.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits the transaction.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Runs a query built by `$q` (an expression using `sqlx::query*`) on a [`Tx`]
/// with the given fetch method (`execute`, `fetch_one`, `fetch_optional`, `fetch_all`).
#[macro_export]
macro_rules! tx_run {
    ($tx:expr, $method:ident, $q:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => $q.$method(&mut **t).await,
            $crate::Tx::Postgres(t) => $q.$method(&mut **t).await,
        }
    };
}

/// Executes a statement built by `$q` on a [`Tx`]; yields the number of rows affected.
#[macro_export]
macro_rules! tx_exec {
    ($tx:expr, $q:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => $q.execute(&mut **t).await.map(|r| r.rows_affected()),
            $crate::Tx::Postgres(t) => $q.execute(&mut **t).await.map(|r| r.rows_affected()),
        }
    };
}

/// Runs a read query built by `$q` on the database's read pool.
#[macro_export]
macro_rules! db_run {
    ($db:expr, $method:ident, $q:expr) => {
        match &$db.engine {
            $crate::Engine::Sqlite { read, .. } => $q.$method(read).await,
            $crate::Engine::Postgres(pool) => $q.$method(pool).await,
        }
    };
}

/// Binds a list of [`crate::list::Arg`]s to a query, in order.
#[macro_export]
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for arg in $args {
            q = match arg {
                $crate::list::Arg::Text(v) => q.bind(v.clone()),
                $crate::list::Arg::Int(v) => q.bind(*v),
            };
        }
        q
    }};
}

impl Db {
    /// Connects to `sqlite:PATH` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db {
                engine: Engine::Postgres(pool),
            })
        } else {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-8000")
                .pragma("temp_store", "memory");
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(6)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.read_only(true))
                .await;
            // A read-only connection cannot open a file that does not exist yet;
            // the write pool above has created it, so one retry suffices.
            let read = match read {
                Ok(pool) => pool,
                Err(_) => {
                    SqlitePoolOptions::new()
                        .max_connections(8)
                        .connect_with(
                            SqliteConnectOptions::from_str(url)?
                                .foreign_keys(true)
                                .busy_timeout(Duration::from_secs(10))
                                .read_only(true),
                        )
                        .await?
                }
            };
            Ok(Db {
                engine: Engine::Sqlite { read, write },
            })
        }
    }

    /// The name of the engine, for logs and health checks.
    pub fn engine_name(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite { .. } => "sqlite",
            Engine::Postgres(_) => "postgres",
        }
    }

    /// Applies the migrations of the engine (idempotent).
    pub async fn migrate(&self) -> Result<()> {
        match &self.engine {
            Engine::Sqlite { write, .. } => {
                sqlx::migrate!("./migrations/sqlite").run(write).await?
            }
            Engine::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Opens a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match &self.engine {
            Engine::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Engine::Postgres(pool) => {
                // Every write takes the audit head's row lock first: writers queue in
                // one order (as SQLite's single writer does), so counters and the
                // audit chain cannot deadlock between two transactions.
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
                    .execute(&mut *tx)
                    .await?;
                Tx::Postgres(tx)
            }
        })
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        let _: (i64,) = db_run!(self, fetch_one, sqlx::query_as("SELECT CAST(1 AS BIGINT)"))?;
        Ok(())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match &self.engine {
            Engine::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Engine::Postgres(pool) => pool.close().await,
        }
    }

    /// Tables and their columns (name, nullable), for comparing the two schemas.
    pub async fn schema_columns(&self) -> Result<Vec<(String, String, bool)>> {
        let mut columns: Vec<(String, String, bool)> = match &self.engine {
            Engine::Sqlite { read, .. } => {
                let rows: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT m.name, p.name, CAST((p.\"notnull\" OR p.pk > 0) AS INTEGER) FROM sqlite_master m \
                     JOIN pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' \
                     AND m.name NOT LIKE '%_fts%'",
                )
                .fetch_all(read)
                .await?;
                rows.into_iter().map(|(t, c, nn)| (t, c, nn == 0)).collect()
            }
            Engine::Postgres(pool) => {
                let rows: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
                )
                .fetch_all(pool)
                .await?;
                rows.into_iter()
                    .map(|(t, c, n)| (t, c, n == "YES"))
                    .collect()
            }
        };
        columns.sort();
        Ok(columns)
    }
}
