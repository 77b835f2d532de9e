//! Settings: command-line options, each also an `ACCORD_*` environment
//! variable and a key of an optional TOML file given with `--config`.
//! Precedence: command line, then environment, then file, then defaults.

use clap::Args;
use serde::Deserialize;
use std::path::PathBuf;

/// Options shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// A TOML file with any of the keys listen, data_dir, database_url, base_url, org_name, smtp_url.
    #[arg(long, global = true, env = "ACCORD_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, global = true, env = "ACCORD_LISTEN")]
    pub listen: Option<String>,
    /// Directory of the SQLite file and the uploaded files [default: ./accord-data; ./accord-demo for demo]
    #[arg(long, global = true, env = "ACCORD_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `sqlite:PATH` or `postgres://...` [default: the SQLite file in the data directory]
    #[arg(long, global = true, env = "ACCORD_DATABASE_URL")]
    pub database_url: Option<String>,
    /// The address users reach Accord at, for links in mail [default: http://LISTEN]
    #[arg(long, global = true, env = "ACCORD_BASE_URL")]
    pub base_url: Option<String>,
    /// The organization's short name, shown in the header [default: ICESCO]
    #[arg(long, global = true, env = "ACCORD_ORG_NAME")]
    pub org_name: Option<String>,
    /// SMTP relay for notification mail, `smtp://host:port` (no TLS: a relay on the local network) [default: none, in-app only]
    #[arg(long, global = true, env = "ACCORD_SMTP_URL")]
    pub smtp_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    base_url: Option<String>,
    org_name: Option<String>,
    smtp_url: Option<String>,
}

/// The resolved settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub base_url: String,
    pub org_name: String,
    /// The SMTP relay for notification mail, if any.
    pub smtp_url: Option<String>,
}

impl Settings {
    /// Resolves the settings; `demo` changes the default data directory.
    pub fn load(args: &SettingsArgs, demo: bool) -> anyhow::Result<Settings> {
        let file: FileSettings = match &args.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    anyhow::anyhow!("cannot read config file {}: {e}", path.display())
                })?;
                toml::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?
            }
            None => FileSettings::default(),
        };
        let listen = args
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let default_dir = if demo {
            "./accord-demo"
        } else {
            "./accord-data"
        };
        let data_dir = args
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from(default_dir));
        let database_url = args
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite:{}", data_dir.join("accord.db").display()));
        let base_url = args
            .base_url
            .clone()
            .or(file.base_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        let org_name = args
            .org_name
            .clone()
            .or(file.org_name)
            .unwrap_or_else(|| "ICESCO".into());
        let smtp_url = args
            .smtp_url
            .clone()
            .or(file.smtp_url)
            .filter(|u| !u.trim().is_empty());
        Ok(Settings {
            listen,
            data_dir,
            database_url,
            base_url,
            org_name,
            smtp_url,
        })
    }
}

/// Structured logs on stderr; `RUST_LOG` filters, `ACCORD_LOG_FORMAT=json` for JSON lines.
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("ACCORD_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
