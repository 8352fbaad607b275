//! `koubei token create|list|revoke`: API tokens for scripts. The secret goes to stdout alone,
//! so `TOKEN=$(koubei token create --name ci)` captures exactly it.

use anyhow::Context;
use domain::Role;
use koubei_core::db::Database;
use koubei_core::staff::{api_tokens, Actor, StaffError};

use super::{output, table};
use crate::cli::{TokenCommand, TokenCreateArgs};

/// Runs one `koubei token` command as the actor `cli`.
pub async fn run(db: &Database, command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create(args) => create(db, args).await,
        TokenCommand::List => list(db).await,
        TokenCommand::Revoke { id } => revoke(db, &id).await,
    }
}

async fn create(db: &Database, args: TokenCreateArgs) -> anyhow::Result<()> {
    let created = api_tokens::create(db, &Actor::Cli, &args.name, Role::from(args.role))
        .await
        .context("cannot create the token")?;
    eprintln!(
        "koubei: token {} ({}, role {}) created; its secret, on stdout, will not be shown again",
        created.token.id, created.token.name, created.token.role.0
    );
    output::line(&created.secret)
}

async fn list(db: &Database) -> anyhow::Result<()> {
    let tokens = api_tokens::list(db)
        .await
        .context("cannot list the tokens")?;
    let rows: Vec<Vec<String>> = tokens
        .into_iter()
        .map(|token| {
            vec![
                token.id,
                token.name,
                token.role.0.to_string(),
                token.created_at,
                table::or_dash(token.revoked_at.as_deref()),
                table::or_dash(token.last_used_at.as_deref()),
            ]
        })
        .collect();
    let header = ["id", "name", "role", "created", "revoked", "last used"];
    output::bytes(table::render(&header, &rows).as_bytes())
}

async fn revoke(db: &Database, id: &str) -> anyhow::Result<()> {
    let token = match api_tokens::revoke(db, &Actor::Cli, id).await {
        Ok(token) => token,
        Err(StaffError::NotFound) => anyhow::bail!("no token has the id {id}"),
        Err(error) => return Err(error).context(format!("cannot revoke the token {id}")),
    };
    output::line(&format!(
        "token {} ({}) revoked at {}",
        token.id,
        token.name,
        table::or_dash(token.revoked_at.as_deref())
    ))
}
