//! Settings: command-line options, each also an `ACCORD_*` environment
//! variable and a key of an optional TOML file given with `--config`.
//! Precedence: command line, then environment, then file, then defaults.

use accord_files::{Credentials, S3Settings};
use clap::Args;
use serde::Deserialize;
use std::path::PathBuf;

/// Options shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// A TOML file with any of the keys listen, data_dir, database_url, base_url, org_name, smtp_url, file_store, s3_endpoint, s3_bucket, s3_region, s3_prefix, s3_virtual_hosted, s3_access_key_id, s3_secret_access_key.
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
    /// Where uploaded files are kept: `local` (the data directory) or `s3` (an S3-compatible bucket, for several nodes) [default: local]
    #[arg(
        long,
        global = true,
        env = "ACCORD_FILE_STORE",
        value_name = "local|s3"
    )]
    pub file_store: Option<String>,
    /// With --file-store s3: the service, `https://host[:port]` or `http://host:port` (AWS S3, MinIO, Ceph, Garage)
    #[arg(long, global = true, env = "ACCORD_S3_ENDPOINT", value_name = "URL")]
    pub s3_endpoint: Option<String>,
    /// With --file-store s3: the bucket
    #[arg(long, global = true, env = "ACCORD_S3_BUCKET")]
    pub s3_bucket: Option<String>,
    /// With --file-store s3: the region signed into requests [default: us-east-1]
    #[arg(long, global = true, env = "ACCORD_S3_REGION")]
    pub s3_region: Option<String>,
    /// With --file-store s3: a prefix before every object key (`accord/` gives `accord/ab/cd/<sha256>`) [default: none]
    #[arg(long, global = true, env = "ACCORD_S3_PREFIX")]
    pub s3_prefix: Option<String>,
    /// With --file-store s3: address the bucket as `https://BUCKET.host/` instead of `https://host/BUCKET/` [default: path style]
    #[arg(long, global = true, env = "ACCORD_S3_VIRTUAL_HOSTED")]
    pub s3_virtual_hosted: bool,
    /// With --file-store s3: the access key id [default: the AWS_ACCESS_KEY_ID environment variable]
    #[arg(long, global = true, env = "ACCORD_S3_ACCESS_KEY_ID")]
    pub s3_access_key_id: Option<String>,
    /// With --file-store s3: the secret access key (prefer the environment to the command line) [default: the AWS_SECRET_ACCESS_KEY environment variable]
    #[arg(
        long,
        global = true,
        env = "ACCORD_S3_SECRET_ACCESS_KEY",
        hide_env_values = true
    )]
    pub s3_secret_access_key: Option<String>,
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
    file_store: Option<String>,
    s3_endpoint: Option<String>,
    s3_bucket: Option<String>,
    s3_region: Option<String>,
    s3_prefix: Option<String>,
    s3_virtual_hosted: Option<bool>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
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
    /// An S3-compatible bucket for uploaded files; none: the data directory.
    pub s3: Option<S3Settings>,
}

impl Settings {
    /// Resolves the settings; `demo` changes the default data directory.
    pub fn load(args: &SettingsArgs, demo: bool) -> anyhow::Result<Settings> {
        Self::load_with(args, demo, |name| std::env::var(name).ok())
    }

    /// [`Settings::load`] with the standard AWS variables read through `env`.
    fn load_with(
        args: &SettingsArgs,
        demo: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Settings> {
        let mut file: FileSettings = match &args.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    anyhow::anyhow!("cannot read config file {}: {e}", path.display())
                })?;
                toml::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?
            }
            None => FileSettings::default(),
        };
        let s3_file = file_s3(&mut file);
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
        let s3 = s3_settings(args, s3_file, env)?;
        Ok(Settings {
            listen,
            data_dir,
            database_url,
            base_url,
            org_name,
            smtp_url,
            s3,
        })
    }
}

/// The file-store keys of the TOML file, taken out of it.
struct FileS3 {
    file_store: Option<String>,
    endpoint: Option<String>,
    bucket: Option<String>,
    region: Option<String>,
    prefix: Option<String>,
    virtual_hosted: Option<bool>,
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
}

fn file_s3(file: &mut FileSettings) -> FileS3 {
    FileS3 {
        file_store: file.file_store.take(),
        endpoint: file.s3_endpoint.take(),
        bucket: file.s3_bucket.take(),
        region: file.s3_region.take(),
        prefix: file.s3_prefix.take(),
        virtual_hosted: file.s3_virtual_hosted.take(),
        access_key_id: file.s3_access_key_id.take(),
        secret_access_key: file.s3_secret_access_key.take(),
    }
}

/// Resolves the file store: None for the local folder, the bucket's settings
/// for `s3` (an error names each option that is missing). Credentials come
/// from the command line, then `ACCORD_S3_*`, then `AWS_ACCESS_KEY_ID` /
/// `AWS_SECRET_ACCESS_KEY`, then the file.
fn s3_settings(
    args: &SettingsArgs,
    file: FileS3,
    env: impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<S3Settings>> {
    let present = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let kind =
        present(args.file_store.clone().or(file.file_store)).unwrap_or_else(|| "local".into());
    match kind.trim() {
        "local" => return Ok(None),
        "s3" => {}
        other => anyhow::bail!("file_store must be `local` or `s3`, not {other:?}"),
    }
    let endpoint = present(args.s3_endpoint.clone().or(file.endpoint));
    let bucket = present(args.s3_bucket.clone().or(file.bucket));
    let access_key_id = present(
        args.s3_access_key_id
            .clone()
            .or_else(|| env("AWS_ACCESS_KEY_ID"))
            .or(file.access_key_id),
    );
    let secret_access_key = present(
        args.s3_secret_access_key
            .clone()
            .or_else(|| env("AWS_SECRET_ACCESS_KEY"))
            .or(file.secret_access_key),
    );
    let mut missing = Vec::new();
    if endpoint.is_none() {
        missing.push("--s3-endpoint (ACCORD_S3_ENDPOINT, s3_endpoint)");
    }
    if bucket.is_none() {
        missing.push("--s3-bucket (ACCORD_S3_BUCKET, s3_bucket)");
    }
    if access_key_id.is_none() {
        missing.push(
            "--s3-access-key-id (ACCORD_S3_ACCESS_KEY_ID or AWS_ACCESS_KEY_ID, s3_access_key_id)",
        );
    }
    if secret_access_key.is_none() {
        missing.push("--s3-secret-access-key (ACCORD_S3_SECRET_ACCESS_KEY or AWS_SECRET_ACCESS_KEY, s3_secret_access_key)");
    }
    let (Some(endpoint), Some(bucket), Some(access_key_id), Some(secret_access_key)) =
        (endpoint, bucket, access_key_id, secret_access_key)
    else {
        anyhow::bail!("--file-store s3 is missing: {}", missing.join("; "));
    };
    Ok(Some(S3Settings {
        endpoint: endpoint.trim().to_string(),
        bucket: bucket.trim().to_string(),
        region: present(args.s3_region.clone().or(file.region))
            .unwrap_or_else(|| "us-east-1".into())
            .trim()
            .to_string(),
        prefix: args.s3_prefix.clone().or(file.prefix).unwrap_or_default(),
        credentials: Credentials {
            access_key_id: access_key_id.trim().to_string(),
            secret_access_key: secret_access_key.trim().to_string(),
        },
        virtual_hosted: args.s3_virtual_hosted || file.virtual_hosted.unwrap_or(false),
        timeout: accord_files::DEFAULT_TIMEOUT,
    }))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        settings: SettingsArgs,
    }

    fn args(flags: &[&str]) -> SettingsArgs {
        let mut argv = vec!["accord"];
        argv.extend_from_slice(flags);
        Cli::try_parse_from(argv).unwrap().settings
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn files_are_local_unless_s3_is_chosen() {
        let settings = Settings::load_with(&args(&[]), false, no_env).unwrap();
        assert!(settings.s3.is_none());
        let local = args(&["--file-store", "local", "--s3-bucket", "ignored"]);
        assert!(
            Settings::load_with(&local, false, no_env)
                .unwrap()
                .s3
                .is_none()
        );
        let error = Settings::load_with(&args(&["--file-store", "nfs"]), false, no_env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`local` or `s3`"), "{error}");
    }

    #[test]
    fn s3_needs_every_piece_and_names_what_is_missing() {
        let error = Settings::load_with(
            &args(&["--file-store", "s3", "--s3-bucket", "files"]),
            false,
            no_env,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("--s3-endpoint"), "{error}");
        assert!(error.contains("--s3-access-key-id"), "{error}");
        assert!(error.contains("--s3-secret-access-key"), "{error}");
        assert!(!error.contains("--s3-bucket"), "{error}");
    }

    #[test]
    fn s3_settings_come_from_flags_then_aws_env_then_file() {
        let dir = tempfile_dir();
        let path = dir.join("accord.toml");
        std::fs::write(
            &path,
            "file_store = \"s3\"\ns3_endpoint = \"https://s3.example.org\"\ns3_bucket = \"from-file\"\n\
             s3_prefix = \"accord/\"\ns3_virtual_hosted = true\n\
             s3_access_key_id = \"FILEKEY\"\ns3_secret_access_key = \"file-secret\"\n",
        )
        .unwrap();
        let config = path.to_str().unwrap();
        let from_file = Settings::load_with(&args(&["--config", config]), false, no_env)
            .unwrap()
            .s3
            .unwrap();
        assert_eq!(from_file.endpoint, "https://s3.example.org");
        assert_eq!(from_file.bucket, "from-file");
        assert_eq!(from_file.region, "us-east-1");
        assert_eq!(from_file.prefix, "accord/");
        assert!(from_file.virtual_hosted);
        assert_eq!(from_file.credentials.access_key_id, "FILEKEY");
        assert_eq!(from_file.credentials.secret_access_key, "file-secret");

        let aws_env = |name: &str| match name {
            "AWS_ACCESS_KEY_ID" => Some("ENVKEY".to_string()),
            "AWS_SECRET_ACCESS_KEY" => Some("env-secret".to_string()),
            _ => None,
        };
        let with_env = Settings::load_with(
            &args(&[
                "--config",
                config,
                "--s3-bucket",
                "from-flag",
                "--s3-region",
                "eu-west-3",
            ]),
            false,
            aws_env,
        )
        .unwrap()
        .s3
        .unwrap();
        assert_eq!(with_env.bucket, "from-flag");
        assert_eq!(with_env.region, "eu-west-3");
        assert_eq!(with_env.credentials.access_key_id, "ENVKEY");
        assert_eq!(with_env.credentials.secret_access_key, "env-secret");
        let flags = args(&["--config", config, "--s3-access-key-id", "FLAGKEY"]);
        let s3 = Settings::load_with(&flags, false, aws_env)
            .unwrap()
            .s3
            .unwrap();
        assert_eq!(s3.credentials.access_key_id, "FLAGKEY");
        // The secret never shows in the settings' Debug (which may be logged).
        let debug = format!("{:?}", Settings::load_with(&flags, false, aws_env).unwrap());
        assert!(!debug.contains("env-secret"), "{debug}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// A fresh folder under the system's temporary directory.
    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("accord-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
