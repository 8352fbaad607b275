//! `koubei admin create|list|unlock`: staff accounts from the shell, e.g. the first admin of a
//! new installation, who cannot be created from the console, or one locked out by guessers.

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};
use domain::Role;
use koubei_core::db::Database;
use koubei_core::staff::audit::{self, Change};
use koubei_core::staff::{password, throttle, users, Actor};

use super::{output, table};
use crate::cli::{AdminCommand, AdminCreateArgs};

/// Runs one `koubei admin` command as the actor `cli`.
pub async fn run(db: &Database, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create(args) => create(db, args).await,
        AdminCommand::List => list(db).await,
        AdminCommand::Unlock { email } => unlock(db, &email).await,
    }
}

async fn unlock(db: &Database, email: &str) -> anyhow::Result<()> {
    let email = users::normalize_email(email).context("cannot unlock the account")?;
    let forgiven = throttle::clear(db, &email)
        .await
        .context("cannot unlock the account")?;
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("cannot unlock the account")?;
    let change = serde_json::json!({ "failures_forgiven": forgiven });
    audit::record(
        &mut conn,
        &Actor::Cli,
        Change::new("sign_in.unlock", "sign_in", &email).after(&change),
    )
    .await
    .context("cannot unlock the account")?;
    output::line(&format!(
        "{email}: {forgiven} failed sign-ins forgiven; it can sign in at once"
    ))
}

async fn create(db: &Database, args: AdminCreateArgs) -> anyhow::Result<()> {
    let failed = || format!("cannot create the staff account {}", args.email.trim());
    // Checked before the prompt, so nobody types a password for an address that is refused.
    users::normalize_email(&args.email).with_context(failed)?;
    let new_password = read_password(args.password_stdin).with_context(failed)?;
    let user = users::create(
        db,
        &Actor::Cli,
        &args.email,
        &new_password,
        Role::from(args.role),
    )
    .await
    .with_context(failed)?;
    output::line(&format!(
        "created {} {} (id {})",
        user.role, user.email, user.id
    ))
}

/// The new password: the first line of stdin with `--password-stdin`, else typed twice at a
/// prompt without echo. Stdin that is not a terminal without the flag is refused, so a script
/// never hangs on a prompt it cannot see.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        if read == 0 {
            bail!("standard input is empty: no password was given");
        }
        let password = line.strip_suffix('\n').unwrap_or(&line);
        let password = password.strip_suffix('\r').unwrap_or(password);
        return Ok(password.to_string());
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "standard input is not a terminal: pass --password-stdin to read the password from it"
        );
    }
    let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
    password::check_new(&first)?;
    let second =
        rpassword::prompt_password("Repeat the password: ").context("cannot read the password")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

async fn list(db: &Database) -> anyhow::Result<()> {
    let users = users::list(db)
        .await
        .context("cannot list the staff accounts")?;
    let rows: Vec<Vec<String>> = users
        .into_iter()
        .map(|user| {
            vec![
                user.email,
                user.role.to_string(),
                if user.active { "yes" } else { "no" }.to_string(),
                user.created_at,
            ]
        })
        .collect();
    output::bytes(table::render(&["email", "role", "active", "created"], &rows).as_bytes())
}
