//! A survey's counted reasons read against its sector's lexicon: each redacted, tagged with its
//! themes and split into terms; then per subject the theme table, the distinctive themes and
//! the keywords. Reasons are read in id order with a deterministic reader, so the same answers
//! and lexicon always give the same summaries.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use domain::themes::{DistinctiveTheme, GroupCounts, Quote, SubjectThemes, ThemeCount};
use sqlx::AnyConnection;
use stats::Category;
use text::{keywords, tables, Reader, Reading, TaggedReason, ThemeWords};

use super::lexicon::{self, Theme};
use super::quotes::StoredQuote;
use crate::results::tallies::counted;

/// Keywords shown per subject.
pub const KEYWORDS_PER_SUBJECT: usize = 8;

/// One counted reason, read.
#[derive(Clone, Debug)]
pub struct ReadReason {
    pub response_id: String,
    pub score: i64,
    pub lang: String,
    pub reading: Reading,
}

impl ReadReason {
    pub fn group(&self) -> Category {
        Category::of(self.score.clamp(0, 10) as u8).unwrap_or(Category::Detractor)
    }

    pub fn mentions(&self, theme: usize) -> bool {
        self.reading.themes.contains(&theme)
    }

    /// This reason as a quote under `theme`: redacted, with who said it.
    pub fn quote(&self, theme: &str) -> Quote {
        Quote {
            theme: theme.to_string(),
            text: self.reading.redacted.text.clone(),
            group: group_word(self.group()).to_string(),
            lang: self.lang.clone(),
        }
    }
}

/// One subject of the survey with its counted reasons, oldest first.
#[derive(Clone, Debug)]
pub struct SubjectReading {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub reasons: Vec<ReadReason>,
}

/// The survey's lexicon and every subject's reasons, in the survey's subject order.
#[derive(Clone, Debug)]
pub struct SurveyReading {
    pub lexicon: Vec<Theme>,
    pub subjects: Vec<SubjectReading>,
}

/// Reads the counted reasons of a survey (of sector `sector_id`).
pub async fn read_survey(
    conn: &mut AnyConnection,
    survey_id: &str,
    sector_id: &str,
) -> Result<SurveyReading, sqlx::Error> {
    let lexicon = lexicon::read(&mut *conn, sector_id).await?;
    let subject_rows = subject_rows(&mut *conn, survey_id).await?;
    let names = names_of(&subject_rows);
    let reader = reader_for(&lexicon, &names);
    let mut subjects: Vec<SubjectReading> = subject_rows
        .into_iter()
        .map(|(slug, name_zh, name_en, _)| SubjectReading {
            slug,
            name_zh,
            name_en,
            reasons: Vec::new(),
        })
        .collect();
    let sql = format!(
        "SELECT r.id, su.slug, r.score, r.reason, r.lang
         FROM responses r JOIN subjects su ON su.id = r.subject_id
         WHERE r.survey_id = $1 AND r.reason IS NOT NULL AND r.reason <> '' AND {}
         ORDER BY r.id",
        counted()
    );
    let rows: Vec<(String, String, i64, String, String)> = sqlx::query_as(&sql)
        .bind(survey_id)
        .fetch_all(&mut *conn)
        .await?;
    for (response_id, slug, score, reason, lang) in rows {
        if let Some(subject) = subjects.iter_mut().find(|s| s.slug == slug) {
            subject.reasons.push(ReadReason {
                response_id,
                score,
                lang,
                reading: reader.read(&reason),
            });
        }
    }
    Ok(SurveyReading { lexicon, subjects })
}

/// The lexicon of a survey's sector and a reader for it (with the survey's subject names).
pub async fn reader_of_survey(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<(Vec<Theme>, Arc<Reader>), sqlx::Error> {
    let (sector_id,): (String,) = sqlx::query_as("SELECT sector_id FROM surveys WHERE id = $1")
        .bind(survey_id)
        .fetch_one(&mut *conn)
        .await?;
    let lexicon = lexicon::read(&mut *conn, &sector_id).await?;
    let names = subject_names(&mut *conn, survey_id).await?;
    let reader = reader_for(&lexicon, &names);
    Ok((lexicon, reader))
}

type SubjectRow = (String, String, String, String);

async fn subject_rows(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Vec<SubjectRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT su.slug, su.name_zh, su.name_en, su.aliases
         FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         WHERE ss.survey_id = $1 ORDER BY ss.position, su.slug",
    )
    .bind(survey_id)
    .fetch_all(conn)
    .await
}

/// The names and aliases of a survey's subjects: they join the segmenter's dictionary.
fn names_of(rows: &[SubjectRow]) -> Vec<String> {
    rows.iter()
        .flat_map(|(_, zh, en, aliases)| {
            [zh.clone(), en.clone()]
                .into_iter()
                .chain(aliases.lines().map(str::to_string))
        })
        .filter(|n| !n.trim().is_empty())
        .collect()
}

async fn subject_names(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    Ok(names_of(&subject_rows(conn, survey_id).await?))
}

/// Readers by lexicon and names: building one copies jieba's dictionary (tens of
/// milliseconds), so the last few are kept.
static READERS: Mutex<Vec<(u64, Arc<Reader>)>> = Mutex::new(Vec::new());
const READERS_KEPT: usize = 8;

fn reader_for(lexicon: &[Theme], names: &[String]) -> Arc<Reader> {
    let mut hasher = DefaultHasher::new();
    for theme in lexicon {
        theme.words.hash(&mut hasher);
    }
    names.hash(&mut hasher);
    let key = hasher.finish();
    if let Ok(readers) = READERS.lock() {
        if let Some((_, reader)) = readers.iter().find(|(k, _)| *k == key) {
            return reader.clone();
        }
    }
    let words: Vec<ThemeWords> = lexicon
        .iter()
        .map(|t| ThemeWords {
            key: t.key.clone(),
            words: t.words.clone(),
        })
        .collect();
    let reader = Arc::new(Reader::new(&words, names.iter().map(String::as_str)));
    if let Ok(mut readers) = READERS.lock() {
        if readers.len() >= READERS_KEPT {
            readers.remove(0);
        }
        readers.push((key, reader.clone()));
    }
    reader
}

/// Rounded for storage and display, so a summary never carries float noise.
fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

fn group_counts(g: text::ByGroup) -> GroupCounts {
    GroupCounts {
        promoters: g.promoters,
        passives: g.passives,
        detractors: g.detractors,
    }
}

fn group_word(group: Category) -> &'static str {
    match group {
        Category::Promoter => "promoter",
        Category::Passive => "passive",
        Category::Detractor => "detractor",
    }
}

impl SurveyReading {
    /// The index of a theme by key.
    pub fn theme_index(&self, key: &str) -> Option<usize> {
        self.lexicon.iter().position(|t| t.key == key)
    }

    pub fn subject(&self, slug: &str) -> Option<&SubjectReading> {
        self.subjects.iter().find(|s| s.slug == slug)
    }

    /// Every subject's summary (in subject order), with the quotes of `quotes` that still
    /// hold: the answer counts, has its reason, mentions the theme, and the theme has at least
    /// `QUOTE_MIN_MENTIONS` mentions for the subject. At most `QUOTES_PER_SUBJECT` each, in the
    /// order they were picked.
    pub fn summaries(&self, quotes: &[StoredQuote]) -> Vec<SubjectThemes> {
        let tagged: Vec<Vec<TaggedReason>> = self
            .subjects
            .iter()
            .map(|s| {
                s.reasons
                    .iter()
                    .map(|r| TaggedReason {
                        group: r.group(),
                        themes: r.reading.themes.clone(),
                    })
                    .collect()
            })
            .collect();
        let tables = tables(&tagged, self.lexicon.len());
        let documents: Vec<text::Document> = self
            .subjects
            .iter()
            .map(|s| s.reasons.iter().map(|r| r.reading.terms.clone()).collect())
            .collect();
        let exclude: HashSet<String> = self
            .subjects
            .iter()
            .flat_map(|s| [s.name_zh.to_lowercase(), s.name_en.to_lowercase()])
            .collect();
        let keywords = keywords(&documents, &exclude, KEYWORDS_PER_SUBJECT);
        self.subjects
            .iter()
            .zip(tables)
            .zip(keywords)
            .map(|((subject, table), keywords)| SubjectThemes {
                reasons: group_counts(table.reasons),
                themes: table
                    .tallies
                    .iter()
                    .map(|tally| {
                        let theme = &self.lexicon[tally.theme];
                        ThemeCount {
                            theme: theme.key.clone(),
                            name_zh: theme.name_zh.clone(),
                            name_en: theme.name_en.clone(),
                            mentions: tally.mentions.total(),
                            by_group: group_counts(tally.mentions),
                        }
                    })
                    .collect(),
                distinctive: table
                    .distinctive
                    .iter()
                    .map(|d| DistinctiveTheme {
                        theme: self.lexicon[d.theme].key.clone(),
                        name_zh: self.lexicon[d.theme].name_zh.clone(),
                        name_en: self.lexicon[d.theme].name_en.clone(),
                        share: round(d.share, 4),
                        rest_share: round(d.rest_share, 4),
                        z: round(d.z, 2),
                    })
                    .collect(),
                keywords: keywords.into_iter().map(|k| k.term).collect(),
                quotes: self.quotes_of(subject, quotes),
            })
            .collect()
    }

    /// How many of a subject's reasons mention a theme.
    pub fn mentions(&self, subject: &SubjectReading, theme: usize) -> u64 {
        subject.reasons.iter().filter(|r| r.mentions(theme)).count() as u64
    }

    fn quotes_of(&self, subject: &SubjectReading, quotes: &[StoredQuote]) -> Vec<Quote> {
        quotes
            .iter()
            .filter_map(|quote| {
                let reason = subject
                    .reasons
                    .iter()
                    .find(|r| r.response_id == quote.response_id)?;
                let theme = self.theme_index(&quote.theme)?;
                let holds = reason.mentions(theme)
                    && self.mentions(subject, theme) >= domain::themes::QUOTE_MIN_MENTIONS;
                holds.then(|| reason.quote(&quote.theme))
            })
            .take(domain::themes::QUOTES_PER_SUBJECT)
            .collect()
    }
}

/// A survey's reading now (its counted answers) with the quotes picked so far, by the
/// survey's slug; `None` when there is no such survey.
pub async fn of_survey(
    db: &crate::db::Database,
    slug: &str,
) -> Result<Option<(SurveyReading, Vec<StoredQuote>)>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let ids: Option<(String, String)> =
        sqlx::query_as("SELECT id, sector_id FROM surveys WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((survey_id, sector_id)) = ids else {
        return Ok(None);
    };
    let reading = read_survey(&mut conn, &survey_id, &sector_id).await?;
    let quotes = super::quotes::list(&mut conn, &survey_id).await?;
    Ok(Some((reading, quotes)))
}
