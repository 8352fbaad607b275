//! `koubei backup`, `koubei restore` and `koubei retention`: what an operator runs by hand or
//! from a timer. Each prints one summary an IT officer can read and keep.

use std::path::Path;

use koubei_core::db::{DatabaseUrl, MIGRATOR};
use koubei_core::operations::{self, retention};
use koubei_core::staff::Actor;

use crate::cli::RetentionCommand;

pub async fn backup(url: &str, output: &Path) -> anyhow::Result<()> {
    let url = DatabaseUrl::parse(url)?;
    let report = operations::backup(&url, output).await?;
    let manifest = &report.manifest;
    println!(
        "backup written: {} ({} bytes)",
        report.output.display(),
        report.bytes
    );
    println!(
        "schema version {}; {} responses, {} surveys, {} published snapshots",
        manifest.schema_version,
        manifest.tables.get("responses").copied().unwrap_or(0),
        manifest.tables.get("surveys").copied().unwrap_or(0),
        manifest.snapshots.len()
    );
    println!(
        "keep the server's key file (--secrets-file) with your backups: it is not inside them, \
         and without it invitation links and receipt codes stop working"
    );
    Ok(())
}

pub async fn restore(url: &str, file: &Path, force: bool) -> anyhow::Result<()> {
    let url = DatabaseUrl::parse(url)?;
    let report = operations::restore(file, &url, force).await?;
    let manifest = &report.manifest;
    println!(
        "restored {} into {}{}",
        file.display(),
        url.redacted(),
        if report.replaced {
            " (the data it held was replaced)"
        } else {
            ""
        }
    );
    println!(
        "backup made {} by koubei {}: {} responses, {} published snapshots, all matching its \
         manifest",
        manifest.made_at,
        manifest.koubei_version,
        manifest.tables.get("responses").copied().unwrap_or(0),
        manifest.snapshots.len()
    );
    let changed: Vec<&str> = report
        .hash_checks
        .iter()
        .filter(|(_, check)| !check.matches())
        .map(|(slug, _)| slug.as_str())
        .collect();
    println!(
        "latest snapshots recomputed from the restored answers: {} of {} match their data hash{}",
        report.hash_checks.len() - changed.len(),
        report.hash_checks.len(),
        if changed.is_empty() {
            String::new()
        } else {
            format!(
                " (changed since publication by exclusions or withdrawals, to be published by \
                 the next correction: {})",
                changed.join(", ")
            )
        }
    );
    println!(
        "schema version {} → {} (this koubei knows {} migrations)",
        manifest.schema_version,
        report.schema_version,
        MIGRATOR.iter().count()
    );
    Ok(())
}

pub async fn retention(
    db: &koubei_core::db::Database,
    command: RetentionCommand,
) -> anyhow::Result<()> {
    let RetentionCommand::Apply { dry_run } = command;
    let now = time::OffsetDateTime::now_utc();
    let surveys = if dry_run {
        retention::due(db, now).await?
    } else {
        retention::apply(db, &Actor::Cli, now).await?
    };
    if surveys.is_empty() {
        println!("no survey is due: nothing to clear");
    }
    let verb = if dry_run { "would clear" } else { "cleared" };
    for survey in surveys {
        println!(
            "{}: {verb} reasons and client/network hashes of {} answers (first published {}, \
             kept {} days)",
            survey.survey_slug, survey.answers, survey.first_published_at, survey.retention_days
        );
    }
    Ok(())
}
