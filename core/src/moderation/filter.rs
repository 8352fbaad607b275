//! Which responses a staff member wants to see or export: parsed from a query string (the
//! console's filter form and the staff API share it), every field optional.

use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::db::timestamp::{self, COUNCIL_OFFSET};
use domain::Flag;
use domain::Locale;

/// The filter as typed: text fields, so that a bad value can be named and shown again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterQuery {
    pub subject: String,
    pub score_min: String,
    pub score_max: String,
    pub lang: String,
    /// A flag name, `any` (some flag) or `none`.
    pub flag: String,
    /// `yes` (only excluded), `no` (only counted) or empty (both).
    pub excluded: String,
    /// Calendar dates in the council's time zone, inclusive.
    pub from: String,
    pub to: String,
    /// The last response id of the previous page.
    pub after: String,
    /// A theme key of the sector's lexicon: only reasons mentioning it.
    pub theme: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagFilter {
    Has(Flag),
    Any,
    None,
}

/// The filter, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseFilter {
    pub subject: Option<String>,
    pub score_min: Option<i64>,
    pub score_max: Option<i64>,
    pub lang: Option<Locale>,
    pub flag: Option<FlagFilter>,
    pub excluded: Option<bool>,
    /// Stored-form UTC bounds: `created_at >= since` and `created_at < until`.
    pub since: Option<String>,
    pub until: Option<String>,
    pub after: Option<String>,
    pub theme: Option<String>,
}

/// A filter field that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid filter field `{field}`")]
pub struct FilterProblem {
    pub field: &'static str,
}

fn blank(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

fn score(field: &'static str, text: &str) -> Result<Option<i64>, FilterProblem> {
    blank(text)
        .map(|t| {
            t.parse::<i64>()
                .ok()
                .filter(|s| (0..=10).contains(s))
                .ok_or(FilterProblem { field })
        })
        .transpose()
}

/// Midnight in the council's time zone at the start of `date`, in the stored form.
fn council_midnight(date: Date) -> String {
    timestamp::format(PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_offset(COUNCIL_OFFSET))
}

fn date(field: &'static str, text: &str) -> Result<Option<Date>, FilterProblem> {
    blank(text)
        .map(|t| {
            Date::parse(t, format_description!("[year]-[month]-[day]"))
                .map_err(|_| FilterProblem { field })
        })
        .transpose()
}

impl FilterQuery {
    pub fn parse(&self) -> Result<ResponseFilter, FilterProblem> {
        let score_min = score("score_min", &self.score_min)?;
        let score_max = score("score_max", &self.score_max)?;
        if let (Some(min), Some(max)) = (score_min, score_max) {
            if min > max {
                return Err(FilterProblem { field: "score_max" });
            }
        }
        let lang = blank(&self.lang)
            .map(|t| domain::answers::parse_lang(t).map_err(|_| FilterProblem { field: "lang" }))
            .transpose()?;
        let flag = blank(&self.flag)
            .map(|t| match t {
                "any" => Ok(FlagFilter::Any),
                "none" => Ok(FlagFilter::None),
                name => Flag::parse(name)
                    .map(FlagFilter::Has)
                    .ok_or(FilterProblem { field: "flag" }),
            })
            .transpose()?;
        let excluded = blank(&self.excluded)
            .map(|t| match t {
                "yes" => Ok(true),
                "no" => Ok(false),
                _ => Err(FilterProblem { field: "excluded" }),
            })
            .transpose()?;
        let from = date("from", &self.from)?;
        let to = date("to", &self.to)?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(FilterProblem { field: "to" });
            }
        }
        let subject = blank(&self.subject).map(str::to_string);
        if subject
            .as_deref()
            .is_some_and(|s| !crate::authoring::definition::is_slug(s))
        {
            return Err(FilterProblem { field: "subject" });
        }
        let after = blank(&self.after).map(str::to_string);
        if after.as_deref().is_some_and(|a| a.len() > 64) {
            return Err(FilterProblem { field: "after" });
        }
        let theme = blank(&self.theme).map(str::to_string);
        if theme.as_deref().is_some_and(|t| {
            t.len() > 40
                || !t
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }) {
            return Err(FilterProblem { field: "theme" });
        }
        Ok(ResponseFilter {
            subject,
            score_min,
            score_max,
            lang,
            flag,
            excluded,
            since: from.map(council_midnight),
            until: to.map(|d| council_midnight(d + Duration::days(1))),
            after,
            theme,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_filters_nothing() {
        assert_eq!(
            FilterQuery::default().parse(),
            Ok(ResponseFilter::default())
        );
    }

    #[test]
    fn dates_are_council_days() {
        let filter = FilterQuery {
            from: "2027-01-01".into(),
            to: "2027-01-01".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(filter.since.as_deref(), Some("2026-12-31T16:00:00.000Z"));
        assert_eq!(filter.until.as_deref(), Some("2027-01-01T16:00:00.000Z"));
    }

    #[test]
    fn bad_fields_are_named() {
        let bad = |query: FilterQuery| query.parse().err().map(|p| p.field);
        assert_eq!(
            bad(FilterQuery {
                score_min: "11".into(),
                ..Default::default()
            }),
            Some("score_min")
        );
        assert_eq!(
            bad(FilterQuery {
                score_min: "8".into(),
                score_max: "3".into(),
                ..Default::default()
            }),
            Some("score_max")
        );
        assert_eq!(
            bad(FilterQuery {
                lang: "fr".into(),
                ..Default::default()
            }),
            Some("lang")
        );
        assert_eq!(
            bad(FilterQuery {
                flag: "odd".into(),
                ..Default::default()
            }),
            Some("flag")
        );
        assert_eq!(
            bad(FilterQuery {
                from: "2027-13-01".into(),
                ..Default::default()
            }),
            Some("from")
        );
        assert_eq!(
            bad(FilterQuery {
                excluded: "maybe".into(),
                ..Default::default()
            }),
            Some("excluded")
        );
    }
}
