//! `accord user ...`: add, list, change passwords and issue API tokens from the command line.

use accord_domain::{Lang, Role, values};
use accord_store::Db;
use accord_store::users::{self, UserFields};
use clap::Subcommand;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// User administration commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; asks for the password (or reads it from standard input).
    Add {
        email: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// For role `partner`: the id of their organization.
        #[arg(long)]
        organization: Option<String>,
        /// Interface language: ar, en or fr.
        #[arg(long)]
        lang: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Set a user's password.
    Passwd {
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a personal API token and print it once.
    Token {
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if !from_stdin && stdin.is_terminal() {
        eprint!("password: ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Runs a user command.
pub async fn run(db: &Db, command: UserCommand) -> anyhow::Result<ExitCode> {
    match command {
        UserCommand::Add {
            email,
            role,
            unit,
            name,
            organization,
            lang,
            password_stdin,
        } => {
            let email = values::email(&email).map_err(|code| anyhow::anyhow!("email: {code}"))?;
            let role = Role::parse(&role).map_err(|_| {
                let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                anyhow::anyhow!("role must be one of: {}", all.join(", "))
            })?;
            let organization_id = organization
                .map(|o| {
                    uuid::Uuid::parse_str(&o)
                        .map_err(|_| anyhow::anyhow!("organization: not an id"))
                })
                .transpose()?;
            let lang = lang
                .map(|l| {
                    Lang::parse(&l).ok_or_else(|| anyhow::anyhow!("lang must be ar, en or fr"))
                })
                .transpose()?;
            let password = read_password(password_stdin)?;
            accord_web::auth::check_new_password(&password)
                .map_err(|code| anyhow::anyhow!("password: {code}"))?;
            let hash = accord_web::auth::hash_password(password).await?;
            let fields = UserFields {
                name: name.unwrap_or_else(|| email.split('@').next().unwrap_or("user").to_string()),
                email,
                role,
                unit: unit.map(|u| u.to_uppercase()),
                organization_id,
                lang,
                disabled: false,
            };
            let user = users::insert_user(db, None, &fields, Some(&hash))
                .await
                .map_err(describe)?;
            println!("added {} ({}) {}", user.email, user.role.as_str(), user.id);
        }
        UserCommand::List => {
            for user in users::list_users(db).await? {
                println!(
                    "{:<36} {:<32} {:<10} {:<6} {}{}",
                    user.id,
                    user.email,
                    user.role.as_str(),
                    user.unit.as_deref().unwrap_or("-"),
                    user.name,
                    if user.disabled { " (disabled)" } else { "" }
                );
            }
        }
        UserCommand::Passwd {
            email,
            password_stdin,
        } => {
            let Some((user, _)) =
                users::find_user_by_email(db, &email.trim().to_lowercase()).await?
            else {
                eprintln!("no user {email}");
                return Ok(ExitCode::from(2));
            };
            let password = read_password(password_stdin)?;
            accord_web::auth::check_new_password(&password)
                .map_err(|code| anyhow::anyhow!("password: {code}"))?;
            let hash = accord_web::auth::hash_password(password).await?;
            users::set_password(db, None, user.id, &hash).await?;
            println!("password changed for {}", user.email);
        }
        UserCommand::Token { email, name } => {
            let Some((user, _)) =
                users::find_user_by_email(db, &email.trim().to_lowercase()).await?
            else {
                eprintln!("no user {email}");
                return Ok(ExitCode::from(2));
            };
            let token = accord_web::auth::new_api_token();
            users::insert_token(
                db,
                None,
                user.id,
                &name,
                &accord_web::auth::secret_hash(&token),
            )
            .await?;
            println!("{token}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(error: accord_store::StoreError) -> anyhow::Error {
    match error {
        accord_store::StoreError::Invalid(v) => anyhow::anyhow!("invalid: {:?}", v.0.0),
        accord_store::StoreError::Duplicate { field } => {
            anyhow::anyhow!("a user with this {field} already exists")
        }
        other => anyhow::anyhow!(other),
    }
}
