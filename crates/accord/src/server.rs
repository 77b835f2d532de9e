//! Opening the database and serving HTTP with graceful shutdown.

use crate::config::Settings;
use accord_files::{FileStoreConfig, S3FileStore};
use accord_store::Db;
use accord_web::{AppState, WebConfig};
use std::sync::Arc;

/// Connects, migrates and loads reference data.
pub async fn open(settings: &Settings) -> anyhow::Result<Db> {
    if settings.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create data directory {}: {e}",
                settings.data_dir.display()
            )
        })?;
    }
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    accord_store::reference::ensure_reference_data(&db).await?;
    Ok(db)
}

/// Serves until SIGINT or SIGTERM; `banner` is printed once listening.
pub async fn serve(settings: &Settings, db: Db, banner: Option<String>) -> anyhow::Result<()> {
    let file_store = match &settings.s3 {
        Some(s3) => {
            let store = S3FileStore::new(s3.clone())?;
            tracing::info!(endpoint = %s3.endpoint, bucket = %s3.bucket, prefix = %s3.prefix, "files are kept in S3-compatible storage");
            FileStoreConfig::S3(Arc::new(store))
        }
        None => FileStoreConfig::Local,
    };
    let state = AppState {
        db: db.clone(),
        config: Arc::new(WebConfig {
            base_url: settings.base_url.clone(),
            org_name: settings.org_name.clone(),
            data_dir: settings.data_dir.clone(),
            file_store,
            smtp_url: settings.smtp_url.clone(),
        }),
    };
    let (stop_scheduler, scheduler) = start_scheduler(settings, &db)?;
    let app = accord_web::app(state);
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.listen))?;
    tracing::info!(address = %settings.listen, engine = db.engine_name(), "accord is listening");
    if let Some(banner) = banner {
        println!("{banner}");
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    let _ = stop_scheduler.send(true);
    if tokio::time::timeout(std::time::Duration::from_secs(30), scheduler)
        .await
        .is_err()
    {
        tracing::warn!("the scheduler did not stop within 30 s");
    }
    db.close().await;
    tracing::info!("accord stopped");
    Ok(())
}

/// Starts the scheduler worker (lifecycle tick, notifications, mail) as a
/// task that stops when the returned sender sends `true`.
fn start_scheduler(
    settings: &Settings,
    db: &Db,
) -> anyhow::Result<(
    tokio::sync::watch::Sender<bool>,
    tokio::task::JoinHandle<()>,
)> {
    let mailer = match &settings.smtp_url {
        Some(url) => Some(accord_mail::Mailer::from_url(url, &settings.base_url)?),
        None => None,
    };
    let scheduler =
        accord_jobs::Scheduler::new(db.clone(), &settings.org_name, &settings.base_url, mailer);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    Ok((stop, tokio::spawn(scheduler.run_until(stopped))))
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
