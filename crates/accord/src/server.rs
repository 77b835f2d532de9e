//! Opening the database and serving HTTP with graceful shutdown.

use crate::config::Settings;
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
    let state = AppState {
        db: db.clone(),
        config: Arc::new(WebConfig {
            base_url: settings.base_url.clone(),
            org_name: settings.org_name.clone(),
        }),
    };
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
    db.close().await;
    tracing::info!("accord stopped");
    Ok(())
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
