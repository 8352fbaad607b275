//! `koubei integrity evaluate|scan|clusters|decide`: the detectors measured offline against the
//! demo's traffic, and suspect clusters handled from a shell as the actor `cli`.

use anyhow::{bail, Context};
use integrity::evaluate::{evaluate, markdown};
use integrity::traffic::{SectorModel, SubjectModel};
use integrity::Settings;
use koubei_core::db::{Database, DatabaseUrl};
use koubei_core::integrity::{self as checks, Decision, IntegrityError};
use koubei_core::staff::Actor;

use super::{output, table};
use crate::cli::IntegrityCommand;
use crate::seed::catalog::{SectorSeed, SECTORS};

/// Days the demo's answers are spread over.
const DEMO_DAYS: u32 = 30;

pub async fn run(database_url: &str, command: IntegrityCommand) -> anyhow::Result<()> {
    match command {
        IntegrityCommand::Evaluate {
            sector,
            seeds,
            extra,
        } => evaluate_offline(&sector, seeds, extra),
        IntegrityCommand::Scan { survey } => {
            let db = open(database_url).await?;
            let id = survey_id(&db, &survey).await?;
            let outcome = checks::scan(&db, &id).await.context("the scan failed")?;
            db.close().await;
            output::line(&format!(
                "{} answers looked at; {} new suspect cluster(s); {} answers held for review",
                outcome.answers, outcome.clusters_opened, outcome.answers_held
            ))
        }
        IntegrityCommand::Clusters { survey } => {
            let db = open(database_url).await?;
            let id = survey_id(&db, &survey).await?;
            let clusters = checks::list(&db, &id)
                .await
                .context("cannot list the clusters")?;
            db.close().await;
            let rows: Vec<Vec<String>> = clusters
                .into_iter()
                .map(|c| {
                    vec![
                        c.id,
                        c.status,
                        c.subject,
                        c.signal.as_str().to_string(),
                        c.answers.to_string(),
                        format!("{:.1e}", c.p_value),
                        c.note,
                    ]
                })
                .collect();
            output::line(
                table::render(
                    &["ID", "STATUS", "SUBJECT", "SIGNAL", "ANSWERS", "P", "NOTE"],
                    &rows,
                )
                .trim_end(),
            )
        }
        IntegrityCommand::Decide { id, decision, note } => {
            let db = open(database_url).await?;
            let decision = Decision::parse(&decision).context("release or exclude")?;
            let decided = checks::decide(&db, &Actor::Cli, &id, decision, &note).await;
            db.close().await;
            match decided {
                Ok(()) => output::line(&format!("cluster {id} is {}", decision.status())),
                Err(IntegrityError::NotFound) => bail!("no suspect cluster has the id {id}"),
                Err(error) => Err(error).context(format!("cannot decide cluster {id}")),
            }
        }
    }
}

async fn open(database_url: &str) -> anyhow::Result<Database> {
    let db = Database::connect(&DatabaseUrl::parse(database_url)?).await?;
    koubei_core::db::migrate(&db).await?;
    Ok(db)
}

async fn survey_id(db: &Database, slug: &str) -> anyhow::Result<String> {
    let id: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await
        .context("cannot read the surveys")?;
    id.map(|(id,)| id)
        .with_context(|| format!("no survey has the slug {slug}"))
}

fn evaluate_offline(sector: &str, seeds: u64, extra: f64) -> anyhow::Result<()> {
    let Some(seed) = SECTORS.iter().find(|s| s.slug == sector) else {
        let known: Vec<&str> = SECTORS.iter().map(|s| s.slug).collect();
        bail!("no demo sector {sector}; one of {}", known.join(", "));
    };
    if !(0.01..=5.0).contains(&extra) {
        bail!("--extra must be between 0.01 and 5 (a share of the subject's honest answers)");
    }
    let seeds: Vec<u64> = (1..=seeds).collect();
    let rows = evaluate(&model_of(seed), &seeds, extra, &Settings::default());
    output::line(markdown(&rows).trim_end())
}

/// The honest traffic of a demo sector, as the seed generates it.
fn model_of(seed: &SectorSeed) -> SectorModel {
    let pool = |(zh, en): (&[&str], &[&str])| -> Vec<String> {
        zh.iter().chain(en).map(|s| s.to_string()).collect()
    };
    SectorModel {
        mean: seed.mean,
        spread: seed.spread,
        subjects: seed
            .subjects
            .iter()
            .map(|s| SubjectModel {
                popularity: s.popularity,
                shift: s.shift,
            })
            .collect(),
        respondents: seed.respondents,
        days: DEMO_DAYS,
        reasons: [
            pool(seed.reasons.promoter),
            pool(seed.reasons.passive),
            pool(seed.reasons.detractor),
        ],
    }
}
