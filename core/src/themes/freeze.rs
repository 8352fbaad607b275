//! What a snapshot freezes of the reasons: each subject's themes, distinctive themes and quotes
//! (not its keywords), written into its results; and the canonical text of them that the
//! snapshot's data hash covers.

use domain::results::SurveyResults;
use domain::themes::SubjectThemes;
use serde::Serialize;
use sqlx::AnyConnection;

use super::quotes::list;
use super::reading::read_survey;

/// Reads the survey's counted reasons and writes each subject's summary into `results` (only
/// subjects with at least one reason get one).
pub async fn attach(
    conn: &mut AnyConnection,
    survey_id: &str,
    results: &mut SurveyResults,
) -> Result<(), sqlx::Error> {
    let (sector_id,): (String,) = sqlx::query_as("SELECT sector_id FROM surveys WHERE id = $1")
        .bind(survey_id)
        .fetch_one(&mut *conn)
        .await?;
    let reading = read_survey(&mut *conn, survey_id, &sector_id).await?;
    let quotes = list(&mut *conn, survey_id).await?;
    let summaries = reading.summaries(&quotes);
    for (subject, summary) in reading.subjects.iter().zip(summaries) {
        if summary.reasons.total() == 0 {
            continue;
        }
        if let Some(result) = results
            .subjects
            .iter_mut()
            .find(|r| r.subject == subject.slug)
        {
            // Keywords stay in the console: a word two people used is not a finding to
            // publish, and a name written without a title would be one redaction cannot see.
            result.themes = Some(SubjectThemes {
                keywords: Vec::new(),
                ..summary
            });
        }
    }
    Ok(())
}

/// One subject's frozen themes as the hash reads them: counts, texts, and the distinctive
/// themes' shares in basis points and z in hundredths (the figures as published, rounded),
/// so the hash never rests on how a float prints.
#[derive(Serialize)]
struct Canonical<'a> {
    subject: &'a str,
    reasons: [u64; 3],
    themes: Vec<(&'a str, &'a str, &'a str, [u64; 3])>,
    distinctive: Vec<(&'a str, i64, i64, i64)>,
    keywords: &'a [String],
    quotes: Vec<(&'a str, &'a str, &'a str, &'a str)>,
}

/// The `themes:` line of the data hash: one JSON array of every subject's frozen themes, or
/// `None` when no subject has any (snapshots from before themes hash as they did).
pub fn hash_line(results: &SurveyResults) -> Option<String> {
    let frozen: Vec<Canonical> = results
        .subjects
        .iter()
        .filter_map(|s| {
            let t = s.themes.as_ref()?;
            Some(Canonical {
                subject: &s.subject,
                reasons: [
                    t.reasons.promoters,
                    t.reasons.passives,
                    t.reasons.detractors,
                ],
                themes: t
                    .themes
                    .iter()
                    .map(|c| {
                        (
                            c.theme.as_str(),
                            c.name_zh.as_str(),
                            c.name_en.as_str(),
                            [
                                c.by_group.promoters,
                                c.by_group.passives,
                                c.by_group.detractors,
                            ],
                        )
                    })
                    .collect(),
                distinctive: t
                    .distinctive
                    .iter()
                    .map(|d| {
                        (
                            d.theme.as_str(),
                            (d.share * 10_000.0).round() as i64,
                            (d.rest_share * 10_000.0).round() as i64,
                            (d.z * 100.0).round() as i64,
                        )
                    })
                    .collect(),
                keywords: &t.keywords,
                quotes: t
                    .quotes
                    .iter()
                    .map(|q| {
                        (
                            q.theme.as_str(),
                            q.group.as_str(),
                            q.lang.as_str(),
                            q.text.as_str(),
                        )
                    })
                    .collect(),
            })
        })
        .collect();
    if frozen.is_empty() {
        return None;
    }
    serde_json::to_string(&frozen)
        .ok()
        .map(|json| format!("themes:{json}\n"))
}
