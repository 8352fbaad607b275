//! `koubei kiosk create|list|revoke`: kiosk keys. The secret goes to stdout alone, so
//! `KEY=$(koubei kiosk create --name lobby --survey dental-2026)` captures exactly it.

use anyhow::Context;
use koubei_core::db::Database;
use koubei_core::staff::kiosk_keys::{self, NewKioskKey};
use koubei_core::staff::{Actor, StaffError};

use super::{output, table};
use crate::cli::{KioskCommand, KioskCreateArgs};

/// Runs one `koubei kiosk` command as the actor `cli`.
pub async fn run(db: &Database, command: KioskCommand) -> anyhow::Result<()> {
    match command {
        KioskCommand::Create(args) => create(db, args).await,
        KioskCommand::List => list(db).await,
        KioskCommand::Revoke { id } => revoke(db, &id).await,
    }
}

async fn create(db: &Database, args: KioskCreateArgs) -> anyhow::Result<()> {
    let new = NewKioskKey {
        name: &args.name,
        survey_slugs: &args.surveys,
        daily_limit: args.daily_limit,
    };
    let created = match kiosk_keys::create(db, &Actor::Cli, new).await {
        Ok(created) => created,
        Err(StaffError::UnknownSurveys(slugs)) if !slugs.is_empty() => {
            anyhow::bail!("no survey has the slug {}", slugs.join(", "))
        }
        Err(error) => return Err(error).context("cannot create the kiosk key"),
    };
    let key = &created.kiosk_key;
    eprintln!(
        "koubei: kiosk key {} ({}, surveys {}, {}) created; its secret, on stdout, will not be \
         shown again",
        key.id,
        key.name,
        key.surveys.join(", "),
        daily_limit(key.daily_limit),
    );
    output::line(&created.secret)
}

fn daily_limit(limit: Option<i64>) -> String {
    match limit {
        Some(limit) => format!("at most {limit} answers a day"),
        None => "no daily limit".to_string(),
    }
}

async fn list(db: &Database) -> anyhow::Result<()> {
    let keys = kiosk_keys::list(db)
        .await
        .context("cannot list the kiosk keys")?;
    let rows: Vec<Vec<String>> = keys
        .into_iter()
        .map(|key| {
            vec![
                key.id,
                key.name,
                key.surveys.join(" "),
                key.daily_limit
                    .map_or_else(|| "-".to_string(), |n| n.to_string()),
                key.answers_today.to_string(),
                key.created_at,
                table::or_dash(key.revoked_at.as_deref()),
                table::or_dash(key.last_used_at.as_deref()),
            ]
        })
        .collect();
    let header = [
        "id",
        "name",
        "surveys",
        "daily limit",
        "today",
        "created",
        "revoked",
        "last used",
    ];
    output::bytes(table::render(&header, &rows).as_bytes())
}

async fn revoke(db: &Database, id: &str) -> anyhow::Result<()> {
    let key = match kiosk_keys::revoke(db, &Actor::Cli, id).await {
        Ok(key) => key,
        Err(StaffError::NotFound) => anyhow::bail!("no kiosk key has the id {id}"),
        Err(error) => return Err(error).context(format!("cannot revoke the kiosk key {id}")),
    };
    output::line(&format!(
        "kiosk key {} ({}) revoked at {}",
        key.id,
        key.name,
        table::or_dash(key.revoked_at.as_deref())
    ))
}
