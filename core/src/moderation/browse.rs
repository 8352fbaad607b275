//! Reading responses for staff: a filtered page of them, or one with its exclusion history.

use serde::Serialize;
use sqlx::FromRow;

use super::filter::{FlagFilter, ResponseFilter};
use crate::db::{Database, DatabaseError};
use domain::{ExclusionReason, Flag, Role};

/// One response as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffResponse {
    pub id: String,
    pub created_at: String,
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub score: i64,
    pub reason: Option<String>,
    pub lang: String,
    pub flags: Vec<Flag>,
    pub age_band: Option<String>,
    pub district: Option<String>,
    pub completion_ms: Option<i64>,
    /// 协助填写: someone helped, or the answer is for a family member.
    pub assisted: bool,
    /// The standing exclusion, if the response is left out of the results.
    pub exclusion: Option<Exclusion>,
    /// Where it came from: `link`, `poster`, `invitation` or `kiosk`.
    pub channel: String,
    /// The status of the suspect cluster holding it (`open`: held; `released`; `excluded`).
    pub cluster_status: Option<String>,
}

impl StaffResponse {
    /// The response as `viewer` may read it: the reason redacted (phones, ids, names …) for
    /// everyone but admins.
    pub fn seen_by(mut self, viewer: Role) -> Self {
        if viewer != Role::Admin {
            self.reason = self.reason.map(|reason| text::redact(&reason).text);
        }
        self
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exclusion {
    pub reason: ExclusionReason,
    pub note: String,
    pub excluded_by: String,
    pub excluded_at: String,
}

#[derive(FromRow)]
struct Row {
    id: String,
    created_at: String,
    subject: String,
    subject_name_zh: String,
    subject_name_en: String,
    score: i64,
    reason: Option<String>,
    lang: String,
    quality_flags: i64,
    age_band: Option<String>,
    district: Option<String>,
    completion_ms: Option<i64>,
    assisted: i64,
    exclusion_reason: Option<String>,
    exclusion_note: Option<String>,
    excluded_by: Option<String>,
    excluded_at: Option<String>,
    channel: String,
    cluster_status: Option<String>,
}

impl Row {
    fn into_response(self) -> Result<StaffResponse, DatabaseError> {
        let exclusion = match (self.exclusion_reason, self.excluded_by, self.excluded_at) {
            (Some(reason), Some(by), Some(at)) => Some(Exclusion {
                reason: ExclusionReason::parse(&reason)
                    .ok_or_else(|| DatabaseError::Corrupt("exclusion reason".into()))?,
                note: self.exclusion_note.unwrap_or_default(),
                excluded_by: by,
                excluded_at: at,
            }),
            _ => None,
        };
        Ok(StaffResponse {
            id: self.id,
            created_at: self.created_at,
            subject: self.subject,
            subject_name_zh: self.subject_name_zh,
            subject_name_en: self.subject_name_en,
            score: self.score,
            reason: self.reason,
            lang: self.lang,
            flags: Flag::from_bits(self.quality_flags),
            age_band: self.age_band,
            district: self.district,
            completion_ms: self.completion_ms,
            assisted: self.assisted != 0,
            exclusion,
            channel: self.channel,
            cluster_status: self.cluster_status,
        })
    }
}

const SELECT: &str = "SELECT r.id, r.created_at, su.slug AS subject, su.name_zh AS subject_name_zh,
        su.name_en AS subject_name_en, r.score, r.reason, r.lang, r.quality_flags, r.age_band,
        r.district, r.completion_ms, r.assisted, x.reason AS exclusion_reason, x.note AS exclusion_note,
        x.excluded_by, x.excluded_at, r.channel, k.status AS cluster_status
     FROM responses r
     JOIN subjects su ON su.id = r.subject_id
     LEFT JOIN exclusions x ON x.response_id = r.id AND x.restored_at IS NULL
     LEFT JOIN suspect_clusters k ON k.id = r.cluster_id";

/// A page of a survey's responses matching `filter`, newest first, at most `limit`, as `viewer`
/// may read them.
pub async fn page(
    db: &Database,
    survey_id: &str,
    filter: &ResponseFilter,
    limit: i64,
    viewer: Role,
) -> Result<Vec<StaffResponse>, DatabaseError> {
    let rows = match &filter.theme {
        None => fetch(db, survey_id, filter, limit, false).await?,
        Some(theme) => about_theme(db, survey_id, filter, theme, limit).await?,
    };
    Ok(rows.into_iter().map(|r| r.seen_by(viewer)).collect())
}

/// Rows read per batch when filtering by theme.
const THEME_BATCH: i64 = 500;

/// The page of responses whose reason mentions `theme` (by the same reading as the themes
/// table, so its counts and this list agree): reasons are read in batches, newest first, until
/// the page is full. An unknown theme matches nothing.
async fn about_theme(
    db: &Database,
    survey_id: &str,
    filter: &ResponseFilter,
    theme: &str,
    limit: i64,
) -> Result<Vec<StaffResponse>, DatabaseError> {
    let mut conn = db.pool().acquire().await?;
    let (lexicon, reader) = crate::themes::reading::reader_of_survey(&mut conn, survey_id).await?;
    drop(conn);
    let Some(index) = lexicon.iter().position(|t| t.key == theme) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let mut batch_filter = filter.clone();
    loop {
        let batch = fetch(db, survey_id, &batch_filter, THEME_BATCH, true).await?;
        let full = batch.len() as i64 == THEME_BATCH;
        batch_filter.after = batch.last().map(|r| r.id.clone());
        for row in batch {
            let mentions = row
                .reason
                .as_deref()
                .is_some_and(|reason| reader.read(reason).themes.contains(&index));
            if mentions {
                found.push(row);
                if found.len() as i64 >= limit {
                    return Ok(found);
                }
            }
        }
        if !full {
            return Ok(found);
        }
    }
}

async fn fetch(
    db: &Database,
    survey_id: &str,
    filter: &ResponseFilter,
    limit: i64,
    with_reason: bool,
) -> Result<Vec<StaffResponse>, DatabaseError> {
    // Conditions are added with numbered placeholders, the same on both engines.
    let mut sql = format!("{SELECT} WHERE r.survey_id = $1");
    let mut texts: Vec<String> = vec![survey_id.to_string()];
    let mut push_text = |sql: &mut String, condition: &str, value: String| {
        texts.push(value);
        sql.push_str(&condition.replace('?', &format!("${}", texts.len())));
    };
    if let Some(subject) = &filter.subject {
        push_text(&mut sql, " AND su.slug = ?", subject.clone());
    }
    if let Some(lang) = filter.lang {
        push_text(&mut sql, " AND r.lang = ?", lang.tag().to_string());
    }
    if let Some(since) = &filter.since {
        push_text(&mut sql, " AND r.created_at >= ?", since.clone());
    }
    if let Some(until) = &filter.until {
        push_text(&mut sql, " AND r.created_at < ?", until.clone());
    }
    if let Some(after) = &filter.after {
        push_text(&mut sql, " AND r.id < ?", after.clone());
    }
    // Integers are the application's own and go into the text directly.
    if let Some(min) = filter.score_min {
        sql.push_str(&format!(" AND r.score >= {min}"));
    }
    if let Some(max) = filter.score_max {
        sql.push_str(&format!(" AND r.score <= {max}"));
    }
    match filter.flag {
        Some(FlagFilter::Has(flag)) => {
            sql.push_str(&format!(" AND (r.quality_flags & {}) <> 0", flag.bit()))
        }
        Some(FlagFilter::Any) => sql.push_str(" AND r.quality_flags <> 0"),
        Some(FlagFilter::None) => sql.push_str(" AND r.quality_flags = 0"),
        None => {}
    }
    match filter.excluded {
        Some(true) => sql.push_str(" AND x.id IS NOT NULL"),
        Some(false) => sql.push_str(" AND x.id IS NULL"),
        None => {}
    }
    if with_reason {
        sql.push_str(" AND r.reason IS NOT NULL AND r.reason <> ''");
    }
    sql.push_str(&format!(" ORDER BY r.id DESC LIMIT {}", limit.max(1)));
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for text in texts {
        query = query.bind(text);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.into_iter().map(Row::into_response).collect()
}

/// One response of a survey, by id, as `viewer` may read it.
pub async fn one(
    db: &Database,
    response_id: &str,
    viewer: Role,
) -> Result<Option<(String, StaffResponse)>, DatabaseError> {
    #[derive(FromRow)]
    struct WithSurvey {
        survey_slug: String,
        #[sqlx(flatten)]
        row: Row,
    }
    let found: Option<WithSurvey> = sqlx::query_as(&format!(
        "{} WHERE r.id = $1",
        SELECT.replacen(
            "SELECT r.id",
            "SELECT (SELECT slug FROM surveys WHERE id = r.survey_id) AS survey_slug, r.id",
            1
        )
    ))
    .bind(response_id)
    .fetch_optional(db.pool())
    .await?;
    found
        .map(|f| Ok((f.survey_slug, f.row.into_response()?.seen_by(viewer))))
        .transpose()
}

/// The exclusion history of a response, oldest first: (reason, note, by, at, restored by, at).
#[derive(Clone, Debug, PartialEq, Serialize, FromRow)]
pub struct ExclusionEvent {
    pub reason: String,
    pub note: String,
    pub excluded_by: String,
    pub excluded_at: String,
    pub restored_by: Option<String>,
    pub restored_at: Option<String>,
}

pub async fn history(
    db: &Database,
    response_id: &str,
) -> Result<Vec<ExclusionEvent>, DatabaseError> {
    Ok(sqlx::query_as(
        "SELECT reason, note, excluded_by, excluded_at, restored_by, restored_at
         FROM exclusions WHERE response_id = $1 ORDER BY excluded_at, id",
    )
    .bind(response_id)
    .fetch_all(db.pool())
    .await?)
}
