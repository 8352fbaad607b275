//! Exports for staff (server only): a survey's responses (filtered) and its results, as CSV or
//! XLSX. The console, the staff API and `koubei responses export` all come through here.

pub use export::{Cell, Table};

use crate::db::{Database, DatabaseError};
use crate::moderation::browse;
use crate::moderation::filter::ResponseFilter;
use domain::ledger::{Ledger, LedgerCounts};
use domain::{Channel, Flag};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Database(#[from] DatabaseError),
    #[error("the export is too large for a spreadsheet: {0}")]
    TooLarge(#[from] export::XlsxError),
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The bytes of a table in a format.
pub fn render(table: &Table, format: ExportFormat, sheet: &str) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Csv => {
            let mut bytes = Vec::new();
            export::write_csv(table, &mut bytes)?;
            Ok(bytes)
        }
        ExportFormat::Xlsx => Ok(export::write_xlsx(table, sheet)?),
    }
}

/// Read in pages of this many, so a large survey is not one giant query.
const PAGE: i64 = 5_000;

fn category(score: i64) -> &'static str {
    match score {
        9.. => "promoter",
        7 | 8 => "passive",
        _ => "detractor",
    }
}

/// Every response of a survey that matches the filter, oldest first, as `viewer` may read
/// them (reasons redacted for everyone but admins).
pub async fn responses_table(
    db: &Database,
    survey_id: &str,
    filter: &ResponseFilter,
    viewer: domain::Role,
) -> Result<Table, ExportError> {
    let mut rows = Vec::new();
    let mut page_filter = filter.clone();
    loop {
        let page = browse::page(db, survey_id, &page_filter, PAGE, viewer).await?;
        let last = page.last().map(|r| r.id.clone());
        let full = page.len() as i64 == PAGE;
        rows.extend(page.into_iter().map(|r| {
            let flags: Vec<&str> = r.flags.iter().map(|f| Flag::as_str(*f)).collect();
            vec![
                Cell::Text(r.id),
                Cell::Text(r.created_at),
                Cell::Text(r.subject),
                Cell::Text(r.subject_name_zh),
                Cell::Text(r.subject_name_en),
                Cell::Integer(r.score),
                Cell::Text(category(r.score).to_string()),
                r.reason.map_or(Cell::Empty, Cell::Text),
                Cell::Text(r.lang),
                r.age_band.map_or(Cell::Empty, Cell::Text),
                r.district.map_or(Cell::Empty, Cell::Text),
                Cell::Text(flags.join(";")),
                r.exclusion
                    .as_ref()
                    .map_or(Cell::Empty, |x| Cell::Text(x.reason.as_str().to_string())),
                r.exclusion.map_or(Cell::Empty, |x| Cell::Text(x.note)),
                r.completion_ms.map_or(Cell::Empty, Cell::Integer),
                Cell::Text(r.channel),
                r.cluster_status.map_or(Cell::Empty, Cell::Text),
                // Last, so no earlier column moves for those who read by position.
                Cell::Integer(i64::from(r.assisted)),
            ]
        }));
        match last {
            Some(last) if full => page_filter.after = Some(last),
            _ => break,
        }
    }
    rows.reverse();
    Ok(Table {
        columns: [
            "id",
            "created_at",
            "subject",
            "subject_name_zh",
            "subject_name_en",
            "score",
            "category",
            "reason",
            "lang",
            "age_band",
            "district",
            "flags",
            "exclusion_reason",
            "exclusion_note",
            "completion_ms",
            "channel",
            "cluster_status",
            "assisted",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    })
}

/// Published or live results with everything a reader may cite: counts, NPS, interval, tier,
/// rank interval and status per subject.
/// The integrity report's columns beside each subject's results: what was received, held,
/// excluded, counted and verified, per channel and per detector.
const INTEGRITY_COLUMNS: [&str; 18] = [
    "received",
    "held",
    "excluded",
    "counted",
    "verified",
    "verified_share",
    "channel_link",
    "channel_poster",
    "channel_invitation",
    "channel_kiosk",
    "detected_burst",
    "detected_network",
    "detected_near_duplicate_reasons",
    "flagged_duplicate",
    "flagged_honeypot",
    "flagged_too_fast",
    "flagged_rate_limited",
    "assisted",
];

fn integrity_cells(counts: Option<&LedgerCounts>) -> Vec<Cell> {
    let Some(c) = counts else {
        return vec![Cell::Empty; INTEGRITY_COLUMNS.len()];
    };
    let channel = |wanted: Channel| {
        c.channels
            .iter()
            .find(|(ch, _)| *ch == wanted)
            .map_or(Cell::Empty, |(_, n)| Cell::Integer(*n))
    };
    let detected = |signal: &str| {
        c.detected
            .iter()
            .find(|(s, _)| s == signal)
            .map_or(Cell::Empty, |(_, n)| Cell::Integer(*n))
    };
    let flagged = |wanted: Flag| {
        c.flagged
            .iter()
            .find(|(flag, _)| *flag == wanted)
            .map_or(Cell::Empty, |(_, n)| Cell::Integer(*n))
    };
    vec![
        Cell::Integer(c.received),
        Cell::Integer(c.held),
        Cell::Integer(c.excluded_total),
        Cell::Integer(c.counted),
        Cell::Integer(c.verified),
        c.verified_share().map_or(Cell::Empty, Cell::Number),
        channel(Channel::Link),
        channel(Channel::Poster),
        channel(Channel::Invitation),
        channel(Channel::Kiosk),
        detected("burst"),
        detected("network"),
        detected("near-duplicate-reasons"),
        flagged(Flag::Duplicate),
        flagged(Flag::Honeypot),
        flagged(Flag::TooFast),
        flagged(Flag::RateLimited),
        Cell::Integer(c.assisted),
    ]
}

/// A weighted survey's figures beside each subject: which figures rank, then both.
const WEIGHTING_COLUMNS: [&str; 6] = [
    "ranks_by",
    "unweighted_nps",
    "weighted_nps",
    "weighted_ci_low",
    "weighted_ci_high",
    "n_eff",
];

fn weighting_cells(
    results: &domain::results::SurveyResults,
    subject: &domain::results::SubjectResult,
) -> Vec<Cell> {
    let Some(report) = &results.weighting else {
        return vec![Cell::Empty; WEIGHTING_COLUMNS.len()];
    };
    let mut cells = vec![Cell::Text(report.ranks_by.as_str().to_string())];
    match subject.weighting {
        Some(both) => cells.extend([
            Cell::Number(both.unweighted.nps),
            Cell::Number(both.weighted.nps),
            Cell::Number(both.weighted.ci_low),
            Cell::Number(both.weighted.ci_high),
            Cell::Number(both.n_eff),
        ]),
        None => cells.extend(std::iter::repeat_n(
            Cell::Empty,
            WEIGHTING_COLUMNS.len() - 1,
        )),
    }
    cells
}

/// Each subject's results, and its line of the integrity report when `ledger` is given.
pub fn results_table(results: &domain::results::SurveyResults, ledger: Option<&Ledger>) -> Table {
    let count = |v: u64| Cell::Integer(i64::try_from(v).unwrap_or(i64::MAX));
    let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let rank = |v: Option<usize>| v.map_or(Cell::Empty, |r| count(r as u64));
    Table {
        columns: [
            "subject",
            "name_zh",
            "name_en",
            "status",
            "n",
            "promoters",
            "passives",
            "detractors",
            "nps",
            "ci_low",
            "ci_high",
            "tier",
            "rank_low",
            "rank_high",
            "method",
            "level",
            "min_n",
        ]
        .into_iter()
        .chain(INTEGRITY_COLUMNS)
        // Last, so the columns before keep their places: the brand's approved reply, then the
        // weighted figures (empty when the survey is not weighted).
        .chain(["reply_zh", "reply_en"])
        .chain(WEIGHTING_COLUMNS)
        .map(String::from)
        .collect(),
        rows: results
            .subjects
            .iter()
            .map(|s| {
                let integrity = ledger.and_then(|l| {
                    l.subjects
                        .iter()
                        .find(|line| line.subject == s.subject)
                        .map(|line| &line.counts)
                });
                let mut row = vec![
                    Cell::Text(s.subject.clone()),
                    Cell::Text(s.name_zh.clone()),
                    Cell::Text(s.name_en.clone()),
                    Cell::Text(
                        match s.status {
                            domain::results::ResultStatus::Ranked => "ranked",
                            domain::results::ResultStatus::InsufficientSample => {
                                "insufficient_sample"
                            }
                        }
                        .into(),
                    ),
                    count(s.n),
                    count(s.promoters),
                    count(s.passives),
                    count(s.detractors),
                    number(s.nps),
                    number(s.ci_low),
                    number(s.ci_high),
                    rank(s.tier),
                    rank(s.rank_low),
                    rank(s.rank_high),
                    Cell::Text(results.method.clone()),
                    Cell::Number(results.level),
                    count(results.min_n),
                ];
                row.extend(integrity_cells(integrity));
                let reply_text = |text: Option<&String>| match text {
                    Some(text) if !text.is_empty() => Cell::Text(text.clone()),
                    _ => Cell::Empty,
                };
                row.push(reply_text(s.reply.as_ref().map(|r| &r.body_zh)));
                row.push(reply_text(s.reply.as_ref().map(|r| &r.body_en)));
                row.extend(weighting_cells(results, s));
                row
            })
            .collect(),
    }
}

/// An invitation batch's links as a table: number, code, link, and whether it is spent.
/// Rows are (number, code, link, spent).
pub fn invitations_table<'a>(rows: impl Iterator<Item = (i64, &'a str, &'a str, bool)>) -> Table {
    Table {
        columns: ["number", "code", "link", "spent"]
            .map(str::to_string)
            .to_vec(),
        rows: rows
            .map(|(number, code, link, spent)| {
                vec![
                    Cell::Integer(number),
                    Cell::from(code),
                    Cell::from(link),
                    Cell::from(if spent { "yes" } else { "no" }),
                ]
            })
            .collect(),
    }
}
