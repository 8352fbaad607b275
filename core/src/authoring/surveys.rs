//! Surveys as staff author them: listed with their status and counts, read and written as a
//! `SurveyDefinition`.

use serde::Serialize;
use sqlx::{Any, FromRow, Transaction};

use std::collections::BTreeMap;

use super::definition::{
    DistrictDefinition, IntervalSetting, Problem, ProfileQuestions, RanksBy, SurveyDefinition,
    Texts, WeightingSetting,
};
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database, DatabaseError};
use crate::staff::Actor;
use domain::SurveyStatus;

/// A survey in the console's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SurveyListing {
    pub slug: String,
    pub sector: String,
    pub sector_name: Texts,
    pub title: Texts,
    pub status: SurveyStatus,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub responses: i64,
}

#[derive(FromRow)]
struct ListingRow {
    slug: String,
    sector: String,
    sector_name_zh: String,
    sector_name_en: String,
    title_zh: String,
    title_en: String,
    status: String,
    opens_at: Option<String>,
    closes_at: Option<String>,
    responses: i64,
}

fn corrupt(what: &str) -> AuthoringError {
    AuthoringError::Database(DatabaseError::Corrupt(what.to_string()))
}

/// Every survey, newest sector order first, with its response count.
pub async fn list(db: &Database) -> Result<Vec<SurveyListing>, AuthoringError> {
    let rows: Vec<ListingRow> = sqlx::query_as(
        "SELECT sv.slug, se.slug AS sector, se.name_zh AS sector_name_zh, se.name_en AS sector_name_en,
                sv.title_zh, sv.title_en, sv.status, sv.opens_at, sv.closes_at,
                (SELECT COUNT(*) FROM responses r WHERE r.survey_id = sv.id) AS responses
         FROM surveys sv JOIN sectors se ON se.id = sv.sector_id
         ORDER BY se.position, se.slug, sv.created_at DESC, sv.slug",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(SurveyListing {
                status: SurveyStatus::parse(&row.status).ok_or_else(|| corrupt("survey status"))?,
                slug: row.slug,
                sector: row.sector,
                sector_name: Texts {
                    zh_cn: row.sector_name_zh,
                    en: row.sector_name_en,
                },
                title: Texts {
                    zh_cn: row.title_zh,
                    en: row.title_en,
                },
                opens_at: row.opens_at,
                closes_at: row.closes_at,
                responses: row.responses,
            })
        })
        .collect()
}

#[derive(FromRow)]
struct SurveyRow {
    id: String,
    sector: String,
    slug: String,
    title_zh: String,
    title_en: String,
    intro_zh: String,
    intro_en: String,
    status: String,
    opens_at: Option<String>,
    closes_at: Option<String>,
    min_n: i64,
    interval_method: String,
    interval_level: f64,
    asks_age_band: i64,
    retention_days: i64,
    ranks_by: String,
    weight_cap: f64,
}

/// A stored survey: its definition, status and id.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSurvey {
    pub id: String,
    pub status: SurveyStatus,
    pub definition: SurveyDefinition,
}

/// The survey with this slug, as a definition.
pub async fn load(db: &Database, slug: &str) -> Result<Option<StoredSurvey>, AuthoringError> {
    let mut conn = db.pool().acquire().await?;
    load_on(&mut conn, slug).await
}

async fn load_on(
    conn: &mut sqlx::AnyConnection,
    slug: &str,
) -> Result<Option<StoredSurvey>, AuthoringError> {
    let row: Option<SurveyRow> = sqlx::query_as(
        "SELECT sv.id, se.slug AS sector, sv.slug, sv.title_zh, sv.title_en, sv.intro_zh, sv.intro_en,
                sv.status, sv.opens_at, sv.closes_at, sv.min_n, sv.interval_method,
                sv.interval_level, sv.asks_age_band, sv.retention_days, sv.ranks_by,
                sv.weight_cap
         FROM surveys sv JOIN sectors se ON se.id = sv.sector_id WHERE sv.slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let subjects: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT su.slug, ss.quota FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         WHERE ss.survey_id = $1 ORDER BY ss.position, su.slug",
    )
    .bind(&row.id)
    .fetch_all(&mut *conn)
    .await?;
    let districts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT slug, name_zh, name_en FROM survey_districts WHERE survey_id = $1
         ORDER BY position, slug",
    )
    .bind(&row.id)
    .fetch_all(&mut *conn)
    .await?;
    let method =
        stats::Method::parse(&row.interval_method).map_err(|_| corrupt("interval method"))?;
    let weighting = read_weighting(&mut *conn, &row.id, &row.ranks_by, row.weight_cap).await?;
    Ok(Some(StoredSurvey {
        status: SurveyStatus::parse(&row.status).ok_or_else(|| corrupt("survey status"))?,
        definition: SurveyDefinition {
            slug: row.slug,
            sector: row.sector,
            title: Texts {
                zh_cn: row.title_zh,
                en: row.title_en,
            },
            intro: Texts {
                zh_cn: row.intro_zh,
                en: row.intro_en,
            },
            opens_at: row.opens_at,
            closes_at: row.closes_at,
            quotas: subjects
                .iter()
                .filter_map(|(slug, quota)| quota.map(|q| (slug.clone(), q)))
                .collect(),
            subjects: subjects.into_iter().map(|(slug, _)| slug).collect(),
            profile: ProfileQuestions {
                age_band: row.asks_age_band == 1,
                districts: districts
                    .into_iter()
                    .map(|(slug, zh_cn, en)| DistrictDefinition {
                        slug,
                        name: Texts { zh_cn, en },
                    })
                    .collect(),
            },
            min_n: row.min_n,
            interval: IntervalSetting {
                method,
                level: row.interval_level,
            },
            retention_days: row.retention_days,
            weighting,
        },
        id: row.id,
    }))
}

/// Whether `save` created the survey or changed an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Saved {
    Created,
    Updated,
    Unchanged,
}

/// Creates the survey named by the definition's slug (as a draft) or brings an existing one in
/// line with it. A draft may change in every way; an open or closed survey keeps its sector and
/// every subject and district that already has responses; a published one is frozen.
pub async fn save(
    db: &Database,
    actor: &Actor,
    mut definition: SurveyDefinition,
) -> Result<Saved, AuthoringError> {
    let problems = definition.check();
    if !problems.is_empty() {
        return Err(AuthoringError::Invalid(problems));
    }
    let mut tx = db.begin_write().await?;
    let before = load_on(&mut tx, &definition.slug).await?;
    if before.as_ref().is_some_and(|b| b.definition == definition) {
        return Ok(Saved::Unchanged);
    }
    let sector_id: Option<(String,)> = sqlx::query_as("SELECT id FROM sectors WHERE slug = $1")
        .bind(&definition.sector)
        .fetch_optional(&mut *tx)
        .await?;
    let (sector_id,) =
        sector_id.ok_or_else(|| AuthoringError::invalid("sector", Problem::UnknownSector))?;
    let subject_ids = subject_ids(&mut tx, &sector_id, &definition.subjects).await?;

    let survey_id = match &before {
        None => {
            let id = new_id();
            sqlx::query(
                "INSERT INTO surveys (id, sector_id, slug, title_zh, title_en, intro_zh, intro_en,
                                      status, opens_at, closes_at, min_n, interval_method,
                                      interval_level, asks_age_band, created_at, retention_days)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, $13, $14,
                         $15)",
            )
            .bind(&id)
            .bind(&sector_id)
            .bind(&definition.slug)
            .bind(definition.title.zh_cn.trim())
            .bind(definition.title.en.trim())
            .bind(definition.intro.zh_cn.trim())
            .bind(definition.intro.en.trim())
            .bind(&definition.opens_at)
            .bind(&definition.closes_at)
            .bind(definition.min_n)
            .bind(definition.interval.method.as_str())
            .bind(definition.interval.level)
            .bind(i64::from(definition.profile.age_band))
            .bind(timestamp::now())
            .bind(definition.retention_days)
            .execute(&mut *tx)
            .await?;
            id
        }
        Some(before) => {
            check_change_allowed(&mut tx, before, &definition).await?;
            if before.definition.sector != definition.sector {
                // Only drafts get here (checked above); they have no responses.
                sqlx::query("DELETE FROM survey_subjects WHERE survey_id = $1")
                    .bind(&before.id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "UPDATE surveys SET sector_id = $1, title_zh = $2, title_en = $3, intro_zh = $4,
                        intro_en = $5, opens_at = $6, closes_at = $7, min_n = $8,
                        interval_method = $9, interval_level = $10, asks_age_band = $11,
                        retention_days = $12
                 WHERE id = $13",
            )
            .bind(&sector_id)
            .bind(definition.title.zh_cn.trim())
            .bind(definition.title.en.trim())
            .bind(definition.intro.zh_cn.trim())
            .bind(definition.intro.en.trim())
            .bind(&definition.opens_at)
            .bind(&definition.closes_at)
            .bind(definition.min_n)
            .bind(definition.interval.method.as_str())
            .bind(definition.interval.level)
            .bind(i64::from(definition.profile.age_band))
            .bind(definition.retention_days)
            .bind(&before.id)
            .execute(&mut *tx)
            .await?;
            before.id.clone()
        }
    };
    write_subjects(&mut tx, &survey_id, &sector_id, &subject_ids).await?;
    write_districts(&mut tx, &survey_id, &definition.profile.districts).await?;
    write_weighting(&mut tx, &survey_id, definition.weighting.as_ref()).await?;
    write_quotas(&mut tx, &survey_id, &subject_ids, &definition).await?;
    let action = if before.is_some() {
        "survey.update"
    } else {
        "survey.create"
    };
    audit_change(
        &mut tx,
        actor,
        action,
        "survey",
        &survey_id,
        before
            .as_ref()
            .and_then(|b| serde_json::to_value(&b.definition).ok()),
        serde_json::to_value(&definition).ok(),
    )
    .await?;
    tx.commit().await?;
    Ok(if before.is_some() {
        Saved::Updated
    } else {
        Saved::Created
    })
}

/// The subjects' ids, in order; every unknown slug is reported with its index.
async fn subject_ids(
    tx: &mut Transaction<'_, Any>,
    sector_id: &str,
    slugs: &[String],
) -> Result<Vec<String>, AuthoringError> {
    let mut ids = Vec::with_capacity(slugs.len());
    let mut problems = Vec::new();
    for (i, slug) in slugs.iter().enumerate() {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT id FROM subjects WHERE sector_id = $1 AND slug = $2")
                .bind(sector_id)
                .bind(slug)
                .fetch_optional(&mut **tx)
                .await?;
        match row {
            Some((id,)) => ids.push(id),
            None => problems.push(super::definition::DefinitionProblem {
                field: format!("subjects[{i}]"),
                problem: Problem::UnknownSubject,
            }),
        }
    }
    if problems.is_empty() {
        Ok(ids)
    } else {
        Err(AuthoringError::Invalid(problems))
    }
}

/// The rules for changing a survey that exists.
async fn check_change_allowed(
    tx: &mut Transaction<'_, Any>,
    before: &StoredSurvey,
    after: &SurveyDefinition,
) -> Result<(), AuthoringError> {
    match before.status {
        SurveyStatus::Draft => return Ok(()),
        SurveyStatus::Published => return Err(AuthoringError::Frozen),
        SurveyStatus::Open | SurveyStatus::Closed => {}
    }
    // An embargo froze the results the brands may already have seen.
    if let Some(publish_at) = super::embargo::is_embargoed(&mut *tx, &before.id).await? {
        return Err(AuthoringError::Embargoed { publish_at });
    }
    if before.definition.sector != after.sector {
        return Err(AuthoringError::invalid("sector", Problem::Frozen));
    }
    let mut problems = Vec::new();
    // A removed subject or district is named by its index in the stored definition.
    for (i, slug) in before.definition.subjects.iter().enumerate() {
        if after.subjects.contains(slug) {
            continue;
        }
        let (answered,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM responses r JOIN subjects su ON su.id = r.subject_id
             WHERE r.survey_id = $1 AND su.slug = $2",
        )
        .bind(&before.id)
        .bind(slug)
        .fetch_one(&mut **tx)
        .await?;
        if answered > 0 {
            problems.push(super::definition::DefinitionProblem {
                field: format!("subjects[{i}]"),
                problem: Problem::Frozen,
            });
        }
    }
    for (i, district) in before.definition.profile.districts.iter().enumerate() {
        if after
            .profile
            .districts
            .iter()
            .any(|d| d.slug == district.slug)
        {
            continue;
        }
        let (answered,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM responses WHERE survey_id = $1 AND district = $2")
                .bind(&before.id)
                .bind(&district.slug)
                .fetch_one(&mut **tx)
                .await?;
        if answered > 0 {
            problems.push(super::definition::DefinitionProblem {
                field: format!("profile.districts[{i}]"),
                problem: Problem::Frozen,
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AuthoringError::Invalid(problems))
    }
}

/// Makes the survey cover exactly these subjects, in this order (rows of subjects that stay are
/// kept: responses refer to them).
async fn write_subjects(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    sector_id: &str,
    subject_ids: &[String],
) -> Result<(), AuthoringError> {
    let current: Vec<(String,)> =
        sqlx::query_as("SELECT subject_id FROM survey_subjects WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_all(&mut **tx)
            .await?;
    for (old,) in &current {
        if !subject_ids.contains(old) {
            sqlx::query("DELETE FROM survey_subjects WHERE survey_id = $1 AND subject_id = $2")
                .bind(survey_id)
                .bind(old)
                .execute(&mut **tx)
                .await?;
        }
    }
    for (position, id) in subject_ids.iter().enumerate() {
        if current.iter().any(|(old,)| old == id) {
            sqlx::query(
                "UPDATE survey_subjects SET position = $1 WHERE survey_id = $2 AND subject_id = $3",
            )
            .bind(position as i64)
            .bind(survey_id)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO survey_subjects (survey_id, subject_id, sector_id, position)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(survey_id)
            .bind(id)
            .bind(sector_id)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn write_districts(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    districts: &[DistrictDefinition],
) -> Result<(), AuthoringError> {
    sqlx::query("DELETE FROM survey_districts WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut **tx)
        .await?;
    for (position, district) in districts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_districts (survey_id, slug, name_zh, name_en, position)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(survey_id)
        .bind(&district.slug)
        .bind(district.name.zh_cn.trim())
        .bind(district.name.en.trim())
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The survey's weighting targets; `None` when it has none.
async fn read_weighting(
    conn: &mut sqlx::AnyConnection,
    survey_id: &str,
    ranks_by: &str,
    cap: f64,
) -> Result<Option<WeightingSetting>, AuthoringError> {
    let rows: Vec<(String, String, f64)> = sqlx::query_as(
        "SELECT question, answer, share FROM weighting_targets WHERE survey_id = $1
         ORDER BY question, answer",
    )
    .bind(survey_id)
    .fetch_all(conn)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut setting = WeightingSetting {
        age_band: BTreeMap::new(),
        district: BTreeMap::new(),
        cap,
        ranks_by: RanksBy::parse(ranks_by).ok_or_else(|| corrupt("ranks_by"))?,
    };
    for (question, answer, share) in rows {
        match question.as_str() {
            "age_band" => setting.age_band.insert(answer, share),
            "district" => setting.district.insert(answer, share),
            _ => return Err(corrupt("weighting question")),
        };
    }
    Ok(Some(setting))
}

/// Replaces the survey's targets (none when `weighting` is `None`); the demo seed writes its
/// targets through here too.
pub async fn write_weighting(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    weighting: Option<&WeightingSetting>,
) -> Result<(), AuthoringError> {
    sqlx::query("DELETE FROM weighting_targets WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut **tx)
        .await?;
    let (ranks_by, cap) = weighting.map_or(
        (RanksBy::Unweighted, super::definition::DEFAULT_WEIGHT_CAP),
        |w| (w.ranks_by, w.cap),
    );
    sqlx::query("UPDATE surveys SET ranks_by = $1, weight_cap = $2 WHERE id = $3")
        .bind(ranks_by.as_str())
        .bind(cap)
        .bind(survey_id)
        .execute(&mut **tx)
        .await?;
    let Some(weighting) = weighting else {
        return Ok(());
    };
    for (question, shares) in [
        ("age_band", &weighting.age_band),
        ("district", &weighting.district),
    ] {
        for (answer, share) in shares {
            sqlx::query(
                "INSERT INTO weighting_targets (survey_id, question, answer, share)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(survey_id)
            .bind(question)
            .bind(answer)
            .bind(*share)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Each subject's quota (none for those without).
async fn write_quotas(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    subject_ids: &[String],
    definition: &SurveyDefinition,
) -> Result<(), AuthoringError> {
    for (slug, id) in definition.subjects.iter().zip(subject_ids) {
        sqlx::query(
            "UPDATE survey_subjects SET quota = $1 WHERE survey_id = $2 AND subject_id = $3",
        )
        .bind(definition.quotas.get(slug).copied())
        .bind(survey_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
