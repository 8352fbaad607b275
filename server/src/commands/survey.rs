//! `koubei survey export|import|open|close|publish`: surveys as code (a JSON definition kept
//! in version control) and their lifecycle, with the same rules as the console.

use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context};
use domain::SurveyStatus;
use koubei_core::authoring::definition::{DefinitionProblem, SurveyDefinition};
use koubei_core::authoring::surveys::{self, Saved};
use koubei_core::authoring::{lifecycle, AuthoringError};
use koubei_core::db::Database;
use koubei_core::staff::Actor;

use super::output;
use crate::cli::SurveyCommand;

/// Runs one `koubei survey` command as the actor `cli`.
pub async fn run(db: &Database, command: SurveyCommand) -> anyhow::Result<()> {
    match command {
        SurveyCommand::Export { slug } => export(db, &slug).await,
        SurveyCommand::Import { file } => import(db, &file).await,
        SurveyCommand::Open { slug } => transition(db, &slug, SurveyStatus::Open).await,
        SurveyCommand::Close { slug } => transition(db, &slug, SurveyStatus::Closed).await,
        SurveyCommand::Publish { slug } => transition(db, &slug, SurveyStatus::Published).await,
    }
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
