//! Sectors and their subjects (the brands and institutions respondents rate).

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, FromRow};

use super::definition::{is_slug, DefinitionProblem, Problem, Texts};
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database};
use crate::staff::Actor;

const NAME_MAX_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorInput {
    pub slug: String,
    pub name: Texts,
    #[serde(default = "yes")]
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub slug: String,
    pub name: Texts,
    /// Other names people use (abbreviations, former names, the other script).
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A sector as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sector {
    pub slug: String,
    pub name: Texts,
    pub active: bool,
    pub subject_count: i64,
    pub survey_count: i64,
}

/// A subject as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subject {
    pub slug: String,
    pub sector: String,
    pub name: Texts,
    pub aliases: Vec<String>,
    pub active: bool,
}

fn check_names(slug: &str, name: &Texts) -> Vec<DefinitionProblem> {
    let mut problems = Vec::new();
    if !is_slug(slug) {
        problems.push(DefinitionProblem {
            field: "slug".into(),
            problem: Problem::InvalidSlug,
        });
    }
    for (field, text) in [("name.zh-CN", &name.zh_cn), ("name.en", &name.en)] {
        let problem = if text.trim().is_empty() {
            Some(Problem::Required)
        } else if text.chars().count() > NAME_MAX_CHARS {
            Some(Problem::TooLong)
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(DefinitionProblem {
                field: field.into(),
                problem,
            });
        }
    }
    problems
}

impl SubjectInput {
    fn check(&mut self) -> Vec<DefinitionProblem> {
        let mut problems = check_names(&self.slug, &self.name);
        self.aliases = self
            .aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        for (i, alias) in self.aliases.iter().enumerate() {
            if alias.chars().count() > NAME_MAX_CHARS {
                problems.push(DefinitionProblem {
                    field: format!("aliases[{i}]"),
                    problem: Problem::TooLong,
                });
            }
        }
        problems
    }
}

#[derive(FromRow)]
struct SectorRow {
    slug: String,
    name_zh: String,
    name_en: String,
    active: i64,
    subject_count: i64,
    survey_count: i64,
}

impl From<SectorRow> for Sector {
    fn from(row: SectorRow) -> Self {
        Sector {
            slug: row.slug,
            name: Texts {
                zh_cn: row.name_zh,
                en: row.name_en,
            },
            active: row.active == 1,
            subject_count: row.subject_count,
            survey_count: row.survey_count,
        }
    }
}

const SECTOR_SELECT: &str = "SELECT slug, name_zh, name_en, active,
        (SELECT COUNT(*) FROM subjects su WHERE su.sector_id = se.id) AS subject_count,
        (SELECT COUNT(*) FROM surveys sv WHERE sv.sector_id = se.id) AS survey_count
     FROM sectors se";

pub async fn list_sectors(db: &Database) -> Result<Vec<Sector>, AuthoringError> {
    let rows: Vec<SectorRow> = sqlx::query_as(&format!("{SECTOR_SELECT} ORDER BY position, slug"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(Sector::from).collect())
}

pub async fn find_sector(db: &Database, slug: &str) -> Result<Option<Sector>, AuthoringError> {
    let row: Option<SectorRow> = sqlx::query_as(&format!("{SECTOR_SELECT} WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(Sector::from))
}

async fn sector_id(conn: &mut AnyConnection, slug: &str) -> Result<Option<String>, AuthoringError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM sectors WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Creates a sector (`existing` = `None`) or changes the one with slug `existing`.
pub async fn save_sector(
    db: &Database,
    actor: &Actor,
    existing: Option<&str>,
    input: SectorInput,
) -> Result<Sector, AuthoringError> {
    let problems = check_names(&input.slug, &input.name);
    if !problems.is_empty() {
        return Err(AuthoringError::Invalid(problems));
    }
    let mut tx = db.begin_write().await?;
    let before = match existing {
        Some(slug) => Some(
            find_sector(db, slug)
                .await?
                .ok_or(AuthoringError::NotFound)?,
        ),
        None => None,
    };
    if before.as_ref().map(|s| s.slug.as_str()) != Some(input.slug.as_str())
        && sector_id(&mut tx, &input.slug).await?.is_some()
    {
        return Err(AuthoringError::invalid("slug", Problem::Duplicate));
    }
    let id = match &before {
        Some(before) => {
            let id = sector_id(&mut tx, &before.slug)
                .await?
                .ok_or(AuthoringError::NotFound)?;
            sqlx::query("UPDATE sectors SET slug = $1, name_zh = $2, name_en = $3, active = $4 WHERE id = $5")
                .bind(&input.slug)
                .bind(input.name.zh_cn.trim())
                .bind(input.name.en.trim())
                .bind(i64::from(input.active))
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let id = new_id();
            sqlx::query(
                "INSERT INTO sectors (id, slug, name_zh, name_en, active, position, created_at)
                 VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM sectors), $6)",
            )
            .bind(&id)
            .bind(&input.slug)
            .bind(input.name.zh_cn.trim())
            .bind(input.name.en.trim())
            .bind(i64::from(input.active))
            .bind(timestamp::now())
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let action = if before.is_some() {
        "sector.update"
    } else {
        "sector.create"
    };
    audit_change(
        &mut tx,
        actor,
        action,
        "sector",
        &id,
        before.as_ref().and_then(|b| serde_json::to_value(b).ok()),
        serde_json::to_value(&input).ok(),
    )
    .await?;
    tx.commit().await?;
    find_sector(db, &input.slug)
        .await?
        .ok_or(AuthoringError::NotFound)
}

#[derive(FromRow)]
struct SubjectRow {
    slug: String,
    sector: String,
    name_zh: String,
    name_en: String,
    aliases: String,
    active: i64,
}

impl From<SubjectRow> for Subject {
    fn from(row: SubjectRow) -> Self {
        Subject {
            slug: row.slug,
            sector: row.sector,
            name: Texts {
                zh_cn: row.name_zh,
                en: row.name_en,
            },
            aliases: row.aliases.lines().map(str::to_string).collect(),
            active: row.active == 1,
        }
    }
}

const SUBJECT_SELECT: &str =
    "SELECT su.slug, se.slug AS sector, su.name_zh, su.name_en, su.aliases, su.active
     FROM subjects su JOIN sectors se ON se.id = su.sector_id";

pub async fn list_subjects(db: &Database, sector: &str) -> Result<Vec<Subject>, AuthoringError> {
    let rows: Vec<SubjectRow> = sqlx::query_as(&format!(
        "{SUBJECT_SELECT} WHERE se.slug = $1 ORDER BY su.slug"
    ))
    .bind(sector)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Subject::from).collect())
}

pub async fn find_subject(
    db: &Database,
    sector: &str,
    slug: &str,
) -> Result<Option<Subject>, AuthoringError> {
    let row: Option<SubjectRow> = sqlx::query_as(&format!(
        "{SUBJECT_SELECT} WHERE se.slug = $1 AND su.slug = $2"
    ))
    .bind(sector)
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Subject::from))
}

/// Creates a subject in a sector (`existing` = `None`) or changes the one with slug `existing`.
pub async fn save_subject(
    db: &Database,
    actor: &Actor,
    sector: &str,
    existing: Option<&str>,
    mut input: SubjectInput,
) -> Result<Subject, AuthoringError> {
    let problems = input.check();
    if !problems.is_empty() {
        return Err(AuthoringError::Invalid(problems));
    }
    let mut tx = db.begin_write().await?;
    let sector_id = sector_id(&mut tx, sector)
        .await?
        .ok_or(AuthoringError::NotFound)?;
    let before = match existing {
        Some(slug) => Some(
            find_subject(db, sector, slug)
                .await?
                .ok_or(AuthoringError::NotFound)?,
        ),
        None => None,
    };
    let taken: Option<(String,)> =
        sqlx::query_as("SELECT id FROM subjects WHERE sector_id = $1 AND slug = $2")
            .bind(&sector_id)
            .bind(&input.slug)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() && before.as_ref().map(|s| s.slug.as_str()) != Some(input.slug.as_str()) {
        return Err(AuthoringError::invalid("slug", Problem::Duplicate));
    }
    let aliases = input.aliases.join("\n");
    let id = match &before {
        Some(before) => {
            let (id,): (String,) =
                sqlx::query_as("SELECT id FROM subjects WHERE sector_id = $1 AND slug = $2")
                    .bind(&sector_id)
                    .bind(&before.slug)
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query(
                "UPDATE subjects SET slug = $1, name_zh = $2, name_en = $3, aliases = $4, active = $5
                 WHERE id = $6",
            )
            .bind(&input.slug)
            .bind(input.name.zh_cn.trim())
            .bind(input.name.en.trim())
            .bind(&aliases)
            .bind(i64::from(input.active))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let id = new_id();
            sqlx::query(
                "INSERT INTO subjects (id, sector_id, slug, name_zh, name_en, aliases, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&id)
            .bind(&sector_id)
            .bind(&input.slug)
            .bind(input.name.zh_cn.trim())
            .bind(input.name.en.trim())
            .bind(&aliases)
            .bind(i64::from(input.active))
            .bind(timestamp::now())
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let action = if before.is_some() {
        "subject.update"
    } else {
        "subject.create"
    };
    audit_change(
        &mut tx,
        actor,
        action,
        "subject",
        &id,
        before.as_ref().and_then(|b| serde_json::to_value(b).ok()),
        serde_json::to_value(&input).ok(),
    )
    .await?;
    tx.commit().await?;
    find_subject(db, sector, &input.slug)
        .await?
        .ok_or(AuthoringError::NotFound)
}
