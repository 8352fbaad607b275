//! `koubei invitation create|list|links|revoke`: single-use invitations. The links go to stdout
//! as CSV, so `koubei invitation create … > desk.csv` is ready for a print shop or a mail merge.

use anyhow::Context;
use koubei_core::authoring::invitations::{self, NewInvitationBatch};
use koubei_core::authoring::surveys;
use koubei_core::authoring::AuthoringError;
use koubei_core::db::Database;
use koubei_core::exports::{invitations_table, render, ExportFormat};
use koubei_core::staff::Actor;
use koubei_core::submission::key_file::open_key;
use koubei_core::submission::KeyPlace;

use super::{output, table};
use crate::cli::{InvitationCommand, InvitationCreateArgs};
use crate::public_url::invitation_url;

/// Runs one `koubei invitation` command as the actor `cli`.
pub async fn run(db: &Database, key: &KeyPlace, command: InvitationCommand) -> anyhow::Result<()> {
    match command {
        InvitationCommand::Create(args) => create(db, key, args).await,
        InvitationCommand::List { survey } => list(db, &survey).await,
        InvitationCommand::Links {
            id,
            survey,
            base_url,
        } => links(db, key, &survey, &id, &base_url).await,
        InvitationCommand::Revoke { id, survey } => revoke(db, &survey, &id).await,
    }
}

async fn survey_id(db: &Database, slug: &str) -> anyhow::Result<String> {
    Ok(surveys::load(db, slug)
        .await
        .context("cannot read the survey")?
        .with_context(|| format!("no survey has the slug {slug}"))?
        .id)
}

/// `https://host` without a trailing slash; anything else is refused before a batch is made.
fn base_url(text: &str) -> anyhow::Result<String> {
    let trimmed = text.trim().trim_end_matches('/');
    let scheme_ok = trimmed.starts_with("https://") || trimmed.starts_with("http://");
    let host = trimmed.split("://").nth(1).unwrap_or_default();
    if !scheme_ok || host.is_empty() || host.contains(char::is_whitespace) {
        anyhow::bail!("--base-url must look like https://koubei.example.cn");
    }
    Ok(trimmed.to_string())
}

async fn create(db: &Database, key: &KeyPlace, args: InvitationCreateArgs) -> anyhow::Result<()> {
    let base = base_url(&args.base_url)?;
    let count = args.count.to_string();
    let new = NewInvitationBatch {
        name: &args.name,
        size: &count,
    };
    let batch = match invitations::create(db, &Actor::Cli, &args.survey, new).await {
        Ok(batch) => batch,
        Err(AuthoringError::NotFound) => anyhow::bail!("no survey has the slug {}", args.survey),
        Err(AuthoringError::Invalid(problems)) => {
            let fields: Vec<String> = problems
                .iter()
                .map(|p| match p.field.as_str() {
                    "size" => "--count must be between 1 and 5000".to_string(),
                    _ => "--name must be 1 to 100 characters".to_string(),
                })
                .collect();
            anyhow::bail!("{}", fields.join("; "))
        }
        Err(error) => return Err(error).context("cannot make the invitations"),
    };
    eprintln!(
        "koubei: invitation batch {} ({}, {} invitations, code {}) made; print it again with \
         `koubei invitation links {} --survey {} --base-url {base}`",
        batch.id, batch.name, batch.size, batch.code, batch.id, args.survey,
    );
    write_links(db, key, &args.survey, &batch, &base).await
}

async fn write_links(
    db: &Database,
    key: &KeyPlace,
    slug: &str,
    batch: &invitations::InvitationBatch,
    base: &str,
) -> anyhow::Result<()> {
    let secret = open_key(db, key)
        .await
        .context("cannot read the server key")?;
    let printed = invitations::invitations(db, &secret, batch)
        .await
        .context("cannot read the invitations")?;
    let survey_url = format!("{base}/s/{slug}");
    let links: Vec<String> = printed
        .iter()
        .map(|p| invitation_url(&survey_url, &p.code))
        .collect();
    let rows = printed
        .iter()
        .zip(&links)
        .map(|(p, link)| (p.number, p.code.as_str(), link.as_str(), p.spent));
    let csv = render(&invitations_table(rows), ExportFormat::Csv, "invitations")
        .context("cannot write the CSV")?;
    output::bytes(&csv)
}

async fn list(db: &Database, slug: &str) -> anyhow::Result<()> {
    let id = survey_id(db, slug).await?;
    let batches = invitations::list(db, &id)
        .await
        .context("cannot list the invitation batches")?;
    let rows: Vec<Vec<String>> = batches
        .into_iter()
        .map(|b| {
            vec![
                b.id,
                b.code,
                b.name,
                b.size.to_string(),
                b.spent.to_string(),
                b.created_at,
                table::or_dash(b.revoked_at.as_deref()),
            ]
        })
        .collect();
    let header = ["id", "code", "name", "size", "used", "created", "withdrawn"];
    output::bytes(table::render(&header, &rows).as_bytes())
}

async fn links(
    db: &Database,
    key: &KeyPlace,
    slug: &str,
    batch_id: &str,
    base: &str,
) -> anyhow::Result<()> {
    let base = base_url(base)?;
    let id = survey_id(db, slug).await?;
    let batch = invitations::one(db, &id, batch_id)
        .await
        .context("cannot read the invitation batch")?
        .with_context(|| format!("survey {slug} has no invitation batch {batch_id}"))?;
    write_links(db, key, slug, &batch, &base).await
}

async fn revoke(db: &Database, slug: &str, batch_id: &str) -> anyhow::Result<()> {
    match invitations::revoke(db, &Actor::Cli, slug, batch_id).await {
        Ok(()) => {
            eprintln!("koubei: invitation batch {batch_id} withdrawn");
            Ok(())
        }
        Err(AuthoringError::NotFound) => {
            anyhow::bail!("survey {slug} has no invitation batch {batch_id}")
        }
        Err(error) => Err(error).context("cannot withdraw the invitation batch"),
    }
}
