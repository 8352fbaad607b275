//! `koubei responses export`: a survey's responses or results as CSV or XLSX, for analysis in
//! a spreadsheet; text cells are guarded against formula injection by the writers.

use std::io::IsTerminal;

use anyhow::{bail, Context};
use koubei_core::authoring::surveys;
use koubei_core::db::results::survey_results_now;
use koubei_core::db::Database;
use koubei_core::exports::{self, ExportFormat};
use koubei_core::moderation::filter::ResponseFilter;
use stats::Level;

use super::output;
use crate::cli::{ExportWhat, ResponsesExportArgs};

/// Writes the export to `--output` or stdout; an XLSX file is never written to a terminal.
pub async fn run(db: &Database, args: ResponsesExportArgs) -> anyhow::Result<()> {
    let format = ExportFormat::from(args.format);
    // Checked first: a spreadsheet's bytes would garble the terminal, and the work is wasted.
    if args.output.is_none() && format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
        bail!(
            "refusing to write an XLSX file to the terminal: use --output FILE or redirect stdout"
        );
    }
    let slug = &args.slug;
    let survey = surveys::load(db, slug)
        .await
        .with_context(|| format!("cannot read the survey {slug}"))?
        .with_context(|| format!("no survey has the slug {slug}"))?;
    let (table, sheet) = match args.what {
        ExportWhat::Responses => {
            let table = exports::responses_table(
                db,
                &survey.id,
                &ResponseFilter::default(),
                domain::Role::Admin,
            )
            .await
            .with_context(|| format!("cannot read the responses of {slug}"))?;
            (table, "回答")
        }
        ExportWhat::Results => {
            let interval = &survey.definition.interval;
            let level = Level::new(interval.level)
                .with_context(|| format!("survey {slug} has an unusable interval level"))?;
            let min_n = u64::try_from(survey.definition.min_n).unwrap_or(1);
            let results = survey_results_now(db, &survey.id, interval.method, level, min_n)
                .await
                .with_context(|| format!("cannot compute the results of {slug}"))?;
            let report = koubei_core::moderation::ledger::ledger(db, &survey.id)
                .await
                .with_context(|| format!("cannot read the integrity report of {slug}"))?;
            (exports::results_table(&results, Some(&report)), "结果")
        }
    };
    let rows = table.rows.len();
    let bytes =
        exports::render(&table, format, sheet).with_context(|| format!("cannot export {slug}"))?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            output::line(&format!("wrote {rows} rows to {}", path.display()))
        }
        None => output::bytes(&bytes),
    }
}
