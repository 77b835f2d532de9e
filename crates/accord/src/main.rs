//! The `accord` binary: the web server (`serve`), a populated demonstration
//! (`demo`), migrations, user administration and the audit-chain check.

mod config;
mod demo;
mod demo_interactions;
mod server;
mod users;

use clap::{Parser, Subcommand};
use config::Settings;

/// Accord: partnerships, agreements and outreach for an intergovernmental organization.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about)]
struct Cli {
    #[command(flatten)]
    settings: config::SettingsArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web pages and the JSON API.
    Serve,
    /// Serve a fresh demonstration data set (partners, contacts, agreements, one user per role).
    Demo {
        /// Partners to generate.
        #[arg(long, default_value_t = 300)]
        partners: usize,
        /// Agreements to generate, in every state of the lifecycle.
        #[arg(long, default_value_t = 400)]
        agreements: usize,
        /// Keep an existing demo data directory instead of starting afresh.
        #[arg(long)]
        keep: bool,
    },
    /// Apply database migrations and load reference data.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Fill the database with generated partners, contacts and agreements (for benchmarks).
    Generate {
        /// Partners to generate.
        #[arg(long, default_value_t = 100_000)]
        partners: usize,
        /// Most contacts per partner.
        #[arg(long, default_value_t = 2)]
        contacts: usize,
        /// Agreements to generate between the organization and the partners (those just
        /// generated, or the stored ones when --partners is 0), each taken to its status
        /// through the lifecycle: review decisions, signatures, validation, audit events.
        #[arg(long, default_value_t = 0)]
        agreements: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain; exit 0 only when it is whole.
    Verify,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    config::init_logging();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(cli));
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let is_demo = matches!(cli.command, Command::Demo { .. });
    let settings = Settings::load(&cli.settings, is_demo)?;
    match cli.command {
        Command::Serve => {
            let db = server::open(&settings).await?;
            server::serve(&settings, db, None).await?;
        }
        Command::Demo {
            partners,
            agreements,
            keep,
        } => {
            if settings.s3.is_some() {
                // The demo writes its drafts into the data directory.
                anyhow::bail!(
                    "the demo keeps its files in the data directory: run it without --file-store s3"
                );
            }
            demo::run(&settings, partners, agreements, keep).await?
        }
        Command::Migrate => {
            let db = server::open(&settings).await?;
            println!("migrations applied on {}", db.engine_name());
        }
        Command::User { command } => {
            let db = server::open(&settings).await?;
            return users::run(&db, command).await;
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let db = server::open(&settings).await?;
            return verify_audit(&db).await;
        }
        Command::Generate {
            partners,
            contacts,
            agreements,
            seed,
        } => {
            let db = server::open(&settings).await?;
            let ids = if partners > 0 {
                demo::generate(&db, partners, contacts, seed).await?
            } else {
                Vec::new()
            };
            demo::generate_agreements(&db, &settings.org_name, &ids, agreements, seed, None)
                .await?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

async fn verify_audit(db: &accord_store::Db) -> anyhow::Result<std::process::ExitCode> {
    use accord_store::audit::{ChainReport, verify_chain};
    use std::io::Write;
    let report = verify_chain(db, |checked, total| {
        eprint!("\r{}", demo::progress_bar(checked, total.max(1) as u64));
        let _ = std::io::stderr().flush();
    })
    .await?;
    eprintln!();
    match report {
        ChainReport::Whole { events } => {
            println!("audit chain whole: {events} events verified");
            Ok(std::process::ExitCode::SUCCESS)
        }
        ChainReport::Broken {
            seq,
            reason,
            checked,
        } => {
            println!(
                "audit chain BROKEN at event {seq}: {reason} ({checked} events verified before it)"
            );
            Ok(std::process::ExitCode::from(2))
        }
    }
}
