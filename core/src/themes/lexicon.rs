//! A sector's theme lexicon: themes with names in both languages and their words. Staff edit it
//! whole (the console's form sends every theme); saving replaces it in one transaction.

use serde::Serialize;
use sqlx::AnyConnection;

use crate::authoring::definition::{DefinitionProblem, Problem};
use crate::authoring::{audit_change, AuthoringError};
use crate::db::Database;
use crate::staff::Actor;

/// One theme as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Theme {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub words: Vec<String>,
}

/// A theme as staff typed it: the words in one text, split by lines, commas or 、.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeInput {
    /// Empty for a new theme: one is made from the English name.
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub words: String,
}

pub const MAX_THEMES: usize = 30;
pub const MAX_WORDS: usize = 200;
pub const WORD_MAX_CHARS: usize = 30;
pub const NAME_MAX_CHARS: usize = 40;
/// All of a theme's words, one per line, as stored (the table's limit).
pub const WORDS_MAX_CHARS: usize = 4000;

/// The words of a typed list, trimmed, without repeats, in the order typed.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(['\n', '\r', ',', '，', '、', ';', '；']) {
        let word = word.trim().to_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// A key from an English name: `Staff attitude` → `staff-attitude`.
fn key_from(name_en: &str) -> String {
    let mut key = String::new();
    for c in name_en.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    key.trim_end_matches('-').chars().take(40).collect()
}

fn valid_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks a lexicon as typed; blank rows (no name, no words) are left out. Problems name the
/// field as `themes.{row}.{name_zh|name_en|words}`, rows counted from 0 as sent.
pub fn validate(inputs: &[ThemeInput]) -> Result<Vec<Theme>, Vec<DefinitionProblem>> {
    let mut problems = Vec::new();
    let mut themes: Vec<Theme> = Vec::new();
    let mut problem = |row: usize, field: &str, problem: Problem| {
        problems.push(DefinitionProblem {
            field: format!("themes.{row}.{field}"),
            problem,
        })
    };
    let rows: Vec<(usize, &ThemeInput)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            !(t.name_zh.trim().is_empty()
                && t.name_en.trim().is_empty()
                && t.words.trim().is_empty())
        })
        .collect();
    if rows.len() > MAX_THEMES {
        problem(MAX_THEMES, "name_zh", Problem::OutOfRange);
    }
    for (row, input) in rows {
        let name_zh = input.name_zh.trim().to_string();
        let name_en = input.name_en.trim().to_string();
        let words = split_words(&input.words);
        for (field, name) in [("name_zh", &name_zh), ("name_en", &name_en)] {
            if name.is_empty() {
                problem(row, field, Problem::Required);
            } else if name.chars().count() > NAME_MAX_CHARS {
                problem(row, field, Problem::TooLong);
            }
        }
        if words.is_empty() {
            problem(row, "words", Problem::Required);
        } else if words.len() > MAX_WORDS
            || words.iter().any(|w| w.chars().count() > WORD_MAX_CHARS)
            || words.join("\n").chars().count() > WORDS_MAX_CHARS
        {
            problem(row, "words", Problem::TooLong);
        }
        if themes
            .iter()
            .any(|t| t.name_zh == name_zh || t.name_en.eq_ignore_ascii_case(&name_en))
            && !name_zh.is_empty()
        {
            problem(row, "name_zh", Problem::Duplicate);
        }
        let typed_key = input.key.trim();
        let mut key = if valid_key(typed_key) {
            typed_key.to_string()
        } else {
            key_from(&name_en)
        };
        if key.is_empty() {
            key = format!("theme-{}", row + 1);
        }
        // Room for a `-n` suffix within the 40 characters a key may have.
        let base: String = key.chars().take(36).collect();
        let mut n = 2;
        while themes.iter().any(|t| t.key == key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        themes.push(Theme {
            key,
            name_zh,
            name_en,
            words,
        });
    }
    if problems.is_empty() {
        Ok(themes)
    } else {
        Err(problems)
    }
}

/// A sector's lexicon, in the order staff gave it.
pub async fn read(conn: &mut AnyConnection, sector_id: &str) -> Result<Vec<Theme>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT theme_key, name_zh, name_en, words FROM sector_themes
         WHERE sector_id = $1 ORDER BY position, theme_key",
    )
    .bind(sector_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, name_zh, name_en, words)| Theme {
            key,
            name_zh,
            name_en,
            words: words.lines().map(str::to_string).collect(),
        })
        .collect())
}

/// A sector's lexicon by the sector's slug; `NotFound` when there is no such sector.
pub async fn of_sector(db: &Database, sector_slug: &str) -> Result<Vec<Theme>, AuthoringError> {
    let mut conn = db.pool().acquire().await?;
    let id = sector_id(&mut conn, sector_slug).await?;
    Ok(read(&mut conn, &id).await?)
}

async fn sector_id(conn: &mut AnyConnection, slug: &str) -> Result<String, AuthoringError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM sectors WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await?;
    row.map(|(id,)| id).ok_or(AuthoringError::NotFound)
}

/// Replaces a sector's lexicon with `inputs` (checked first; nothing changes on a problem),
/// recorded in the audit log with the lexicon before and after.
pub async fn save(
    db: &Database,
    actor: &Actor,
    sector_slug: &str,
    inputs: &[ThemeInput],
) -> Result<Vec<Theme>, AuthoringError> {
    let themes = validate(inputs).map_err(AuthoringError::Invalid)?;
    let mut tx = db.begin_write().await?;
    let id = sector_id(&mut tx, sector_slug).await?;
    let before = read(&mut tx, &id).await?;
    sqlx::query("DELETE FROM sector_themes WHERE sector_id = $1")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    insert(&mut tx, &id, &themes).await?;
    audit_change(
        &mut tx,
        actor,
        "sector.themes",
        "sector",
        &id,
        Some(serde_json::json!({ "slug": sector_slug, "themes": before })),
        Some(serde_json::json!({ "slug": sector_slug, "themes": themes })),
    )
    .await?;
    tx.commit().await?;
    Ok(themes)
}

/// Writes themes for a sector that has none (the demo seed, and `save` after clearing).
pub async fn insert(
    conn: &mut AnyConnection,
    sector_id: &str,
    themes: &[Theme],
) -> Result<(), sqlx::Error> {
    for (position, theme) in themes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sector_themes (sector_id, theme_key, name_zh, name_en, words, position)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(sector_id)
        .bind(&theme.key)
        .bind(&theme.name_zh)
        .bind(&theme.name_en)
        .bind(theme.words.join("\n"))
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(key: &str, zh: &str, en: &str, words: &str) -> ThemeInput {
        ThemeInput {
            key: key.into(),
            name_zh: zh.into(),
            name_en: en.into(),
            words: words.into(),
        }
    }

    #[test]
    fn words_split_on_lines_commas_and_enumeration_marks() {
        assert_eq!(
            split_words("价格、收费，贵\nPrice, price\n\n"),
            ["价格", "收费", "贵", "price"]
        );
    }

    #[test]
    fn keys_come_from_english_names_and_stay_unique() {
        let themes = validate(&[
            input("", "服务态度", "Staff attitude", "态度"),
            input("", "服务态度二", "Staff  attitude!", "热情"),
            input("price", "价格", "Price", "贵"),
            input("", "", "", ""),
        ])
        .expect("valid");
        let keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["staff-attitude", "staff-attitude-2", "price"]);
    }

    #[test]
    fn a_theme_needs_both_names_and_a_word() {
        let problems = validate(&[input("", "价格", "", "")]).expect_err("invalid");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["themes.0.name_en", "themes.0.words"]);
    }
}
