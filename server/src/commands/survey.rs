//! `koubei survey export|import|open|close|publish`: surveys as code (a JSON definition kept
//! in version control) and their lifecycle, with the same rules as the console.

use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context};
use domain::SurveyStatus;
use koubei_core::authoring::definition::{DefinitionProblem, SurveyDefinition};
use koubei_core::authoring::surveys::{self, Saved};
use koubei_core::authoring::{embargo, lifecycle, AuthoringError};
use koubei_core::db::Database;
use koubei_core::staff::Actor;
use time::OffsetDateTime;

use super::output;
use crate::cli::SurveyCommand;

/// Runs one `koubei survey` command as the actor `cli`.
pub async fn run(db: &Database, command: SurveyCommand) -> anyhow::Result<()> {
    match command {
        SurveyCommand::Export { slug } => export(db, &slug).await,
        SurveyCommand::Import { file } => import(db, &file).await,
        SurveyCommand::Open { slug } => transition(db, &slug, SurveyStatus::Open).await,
        SurveyCommand::Close { slug } => transition(db, &slug, SurveyStatus::Closed).await,
        SurveyCommand::Publish { slug, at: None } => {
            transition(db, &slug, SurveyStatus::Published).await
        }
        SurveyCommand::Publish { slug, at: Some(at) } => embargo(db, &slug, &at).await,
        SurveyCommand::CancelEmbargo { slug } => cancel_embargo(db, &slug).await,
    }
}

/// `publish --at`: sets the embargo, or moves the pending one.
async fn embargo(db: &Database, slug: &str, at: &str) -> anyhow::Result<()> {
    let at = embargo::parse_publish_at(at).map_err(|problem| {
        anyhow::anyhow!(
            "cannot read the time {at:?} ({}): write it in Beijing time as \"2027-03-15 10:00\"",
            problem.code().replace('_', " ")
        )
    })?;
    let now = OffsetDateTime::now_utc();
    let pending = embargo::find(db, slug).await?;
    let set = match pending {
        Some(_) => embargo::reschedule(db, &Actor::Cli, slug, at, now).await,
        None => embargo::schedule(db, &Actor::Cli, slug, at, now).await,
    };
    match set {
        Ok(set) => output::line(&format!(
            "survey {slug} will be published at {} (Beijing time); its results are frozen \
             (SHA-256 {}, {} answers)",
            set.publish_at_beijing, set.data_hash, set.responses
        )),
        Err(error) => Err(refused(slug, error)),
    }
}

async fn cancel_embargo(db: &Database, slug: &str) -> anyhow::Result<()> {
    match embargo::cancel(db, &Actor::Cli, slug, OffsetDateTime::now_utc()).await {
        Ok(cancelled) => output::line(&format!(
            "the embargo of survey {slug} (publication at {}, Beijing time) is cancelled; \
             the survey stays closed",
            cancelled.publish_at_beijing
        )),
        Err(error) => Err(refused(slug, error)),
    }
}

/// What a refused embargo command says.
fn refused(slug: &str, error: AuthoringError) -> anyhow::Error {
    match error {
        AuthoringError::NotFound => anyhow::anyhow!("no survey has the slug {slug}"),
        AuthoringError::NoEmbargo => {
            anyhow::anyhow!("survey {slug} has no pending embargo")
        }
        AuthoringError::Embargoed { publish_at } => anyhow::anyhow!(
            "survey {slug} waits for its embargo until {} (Beijing time); \
             cancel it first (koubei survey cancel-embargo {slug})",
            beijing(&publish_at)
        ),
        AuthoringError::EmbargoTime(problem) => anyhow::anyhow!(
            "the publication time is refused: {}",
            match problem {
                embargo::EmbargoTimeProblem::Unreadable => "it cannot be read",
                embargo::EmbargoTimeProblem::NotInFuture => {
                    "it is not in the future (publish without --at to publish now)"
                }
                embargo::EmbargoTimeProblem::TooFar => "it is more than a year ahead",
            }
        ),
        AuthoringError::UndecidedClusters(n) => anyhow::anyhow!(
            "survey {slug} has {n} suspect cluster(s) waiting for a decision; \
             release or exclude them first (koubei integrity clusters {slug})"
        ),
        AuthoringError::IllegalTransition { from, .. } => anyhow::anyhow!(
            "survey {slug} is {}; only a closed survey can be published",
            status(from)
        ),
        other => anyhow::Error::new(other).context(format!("cannot change the survey {slug}")),
    }
}

fn beijing(stored: &str) -> String {
    koubei_core::db::timestamp::council_minute(stored).unwrap_or_else(|| stored.to_string())
}

async fn export(db: &Database, slug: &str) -> anyhow::Result<()> {
    let stored = surveys::load(db, slug)
        .await
        .with_context(|| format!("cannot read the survey {slug}"))?
        .with_context(|| format!("no survey has the slug {slug}"))?;
    let json = serde_json::to_string_pretty(&stored.definition)
        .context("cannot write the definition as JSON")?;
    output::line(&json)
}

async fn import(db: &Database, file: &Path) -> anyhow::Result<()> {
    let from_stdin = file.as_os_str() == "-";
    let name = if from_stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let text = if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        text
    } else {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {name}"))?
    };
    let definition = parse(&text, &name)?;
    let slug = definition.slug.clone();
    let saved = match surveys::save(db, &Actor::Cli, definition).await {
        Ok(saved) => saved,
        Err(AuthoringError::Invalid(problems)) => {
            bail!(
                "the survey definition in {name} is not valid: {}",
                describe(&problems)
            )
        }
        Err(AuthoringError::Frozen) => {
            bail!("survey {slug} is published; its definition is frozen")
        }
        Err(error @ AuthoringError::Embargoed { .. }) => return Err(refused(&slug, error)),
        Err(error) => return Err(error).context(format!("cannot save the survey {slug}")),
    };
    let verb = match saved {
        Saved::Created => "created",
        Saved::Updated => "updated",
        Saved::Unchanged => "unchanged",
    };
    output::line(&format!("{verb} {slug}"))
}

/// The definition in `text`; a syntax error or unknown field names the input, line and column.
fn parse(text: &str, name: &str) -> anyhow::Result<SurveyDefinition> {
    serde_json::from_str(text).map_err(|error| {
        let location = format!(" at line {} column {}", error.line(), error.column());
        let message = error.to_string();
        let message = message.strip_suffix(&location).unwrap_or(&message);
        anyhow::anyhow!(
            "{name}: line {}, column {}: not a valid survey definition: {message}",
            error.line(),
            error.column()
        )
    })
}

/// Every problem as `field: what`, e.g. `subjects[2]: unknown subject; title.en: required`.
fn describe(problems: &[DefinitionProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.field, p.problem.code().replace('_', " ")))
        .collect::<Vec<_>>()
        .join("; ")
}

async fn transition(db: &Database, slug: &str, to: SurveyStatus) -> anyhow::Result<()> {
    match lifecycle::transition(db, &Actor::Cli, slug, to).await {
        Ok(from) => output::line(&format!(
            "survey {slug} is {} (was {})",
            status(to),
            status(from)
        )),
        Err(AuthoringError::NotFound) => bail!("no survey has the slug {slug}"),
        Err(AuthoringError::UndecidedClusters(n)) => bail!(
            "survey {slug} has {n} suspect cluster(s) waiting for a decision; \
             release or exclude them first (koubei integrity clusters {slug})"
        ),
        Err(AuthoringError::IllegalTransition { from, to }) => bail!(
            "survey {slug} is {}; it cannot be {}",
            status(from),
            participle(to)
        ),
        Err(error @ AuthoringError::Embargoed { .. }) => Err(refused(slug, error)),
        Err(error) => Err(error).context(format!("cannot change the survey {slug}")),
    }
}

/// A status as a sentence says it: "is a draft", "is open".
fn status(status: SurveyStatus) -> &'static str {
    match status {
        SurveyStatus::Draft => "a draft",
        other => other.as_str(),
    }
}

/// "it cannot be opened / closed / published / made a draft".
fn participle(to: SurveyStatus) -> &'static str {
    match to {
        SurveyStatus::Draft => "made a draft again",
        SurveyStatus::Open => "opened",
        SurveyStatus::Closed => "closed",
        SurveyStatus::Published => "published",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use koubei_core::authoring::definition::Problem;

    #[test]
    fn json_errors_name_the_input_line_and_column_once() {
        let error = parse("{\n  \"slug\": \"a\",\n  \"colour\": 1\n}", "s.json")
            .expect_err("unknown field")
            .to_string();
        assert!(error.starts_with("s.json: line 3, column "), "{error}");
        assert!(error.contains("unknown field `colour`"), "{error}");
        assert!(!error.contains(" at line "), "{error}");
    }

    #[test]
    fn problems_are_listed_with_their_fields() {
        let problems = [
            DefinitionProblem {
                field: "subjects[2]".into(),
                problem: Problem::UnknownSubject,
            },
            DefinitionProblem {
                field: "title.en".into(),
                problem: Problem::Required,
            },
        ];
        assert_eq!(
            describe(&problems),
            "subjects[2]: unknown subject; title.en: required"
        );
    }
}
