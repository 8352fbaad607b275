//! The NPS calculator's input rules, shared by the `/tools/nps` page (server and browser) and
//! the `GET /api/v1/nps` endpoint: one parser, one set of error kinds.

use serde::{Deserialize, Serialize};
use stats::{Counts, Level, Method, Shares};

/// The calculator's form fields, named as in the URL and the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Promoters,
    Passives,
    Detractors,
    Method,
    Level,
    Margin,
    PlanLevel,
    PromoterShare,
    DetractorShare,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Promoters => "promoters",
            Field::Passives => "passives",
            Field::Detractors => "detractors",
            Field::Method => "method",
            Field::Level => "level",
            Field::Margin => "margin",
            Field::PlanLevel => "plan_level",
            Field::PromoterShare => "promoter_share",
            Field::DetractorShare => "detractor_share",
        }
    }
}

/// What is wrong with a field; the words for it come from the i18n catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Missing,
    NotWholeNumber,
    TooLarge,
    UnknownMethod,
    LevelOutOfRange,
    MarginOutOfRange,
    ShareOutOfRange,
}

impl Problem {
    /// The machine-readable code used in API errors.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Missing => "missing_field",
            Problem::NotWholeNumber => "invalid_count",
            Problem::TooLarge => "count_too_large",
            Problem::UnknownMethod => "unknown_method",
            Problem::LevelOutOfRange => "invalid_level",
            Problem::MarginOutOfRange => "invalid_margin",
            Problem::ShareOutOfRange => "invalid_share",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Counts above this are refused: ten billion answers is more than any survey will see, and it
/// keeps every count exact in f64 arithmetic.
pub const MAX_COUNT: u64 = 10_000_000_000;

/// A count: a whole number from 0 to `MAX_COUNT`, nothing else ("1.0", "-1", "1e3" are refused).
pub fn parse_count(field: Field, raw: &str) -> Result<u64, FieldError> {
    let raw = raw.trim();
    let error = |problem| FieldError { field, problem };
    if raw.is_empty() {
        return Err(error(Problem::Missing));
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(Problem::NotWholeNumber));
    }
    match raw.parse::<u64>() {
        Ok(count) if count <= MAX_COUNT => Ok(count),
        _ => Err(error(Problem::TooLarge)),
    }
}

/// The method, `adjusted-wald` when empty.
pub fn parse_method(raw: &str) -> Result<Method, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Method::default());
    }
    Method::parse(raw).map_err(|_| FieldError {
        field: Field::Method,
        problem: Problem::UnknownMethod,
    })
}

/// The level, 0.95 when empty.
pub fn parse_level(field: Field, raw: &str) -> Result<Level, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Level::default());
    }
    raw.parse::<f64>()
        .ok()
        .and_then(|value| Level::new(value).ok())
        .ok_or(FieldError {
            field,
            problem: Problem::LevelOutOfRange,
        })
}

/// A valid interval request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntervalRequest {
    pub counts: Counts,
    pub method: Method,
    pub level: Level,
}

/// Parses the interval inputs; every field's problem is reported, not just the first.
pub fn parse_interval_request(
    promoters: &str,
    passives: &str,
    detractors: &str,
    method: &str,
    level: &str,
) -> Result<IntervalRequest, Vec<FieldError>> {
    let promoters = parse_count(Field::Promoters, promoters);
    let passives = parse_count(Field::Passives, passives);
    let detractors = parse_count(Field::Detractors, detractors);
    let method = parse_method(method);
    let level = parse_level(Field::Level, level);
    match (promoters, passives, detractors, method, level) {
        (Ok(p), Ok(a), Ok(d), Ok(method), Ok(level)) => Ok(IntervalRequest {
            counts: Counts::new(p, a, d),
            method,
            level,
        }),
        (p, a, d, m, l) => Err([p.err(), a.err(), d.err(), m.err(), l.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// A valid sample-size request: margin in NPS points, optional assumed shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanRequest {
    pub margin: f64,
    pub level: Level,
    pub shares: Option<Shares>,
}

/// Parses the planner inputs. Shares are percentages (0–100), both or neither.
pub fn parse_plan_request(
    margin: &str,
    level: &str,
    promoter_share: &str,
    detractor_share: &str,
) -> Result<PlanRequest, Vec<FieldError>> {
    let margin = match margin.trim() {
        "" => Err(FieldError {
            field: Field::Margin,
            problem: Problem::Missing,
        }),
        raw => raw
            .parse::<f64>()
            .ok()
            .filter(|m| m.is_finite() && *m > 0.0 && *m <= 200.0)
            .ok_or(FieldError {
                field: Field::Margin,
                problem: Problem::MarginOutOfRange,
            }),
    };
    let level = parse_level(Field::PlanLevel, level);
    let share = |field: Field, raw: &str| -> Result<Option<f64>, FieldError> {
        match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && (0.0..=100.0).contains(s))
                .map(|s| Some(s / 100.0))
                .ok_or(FieldError {
                    field,
                    problem: Problem::ShareOutOfRange,
                }),
        }
    };
    let promoters = share(Field::PromoterShare, promoter_share);
    let detractors = share(Field::DetractorShare, detractor_share);
    let shares = match (promoters, detractors) {
        (Ok(None), Ok(None)) => Ok(None),
        (Ok(Some(p)), Ok(Some(d))) if p + d <= 1.0 + 1e-12 => Ok(Some(Shares {
            promoters: p,
            detractors: d,
        })),
        (Ok(Some(_)), Ok(Some(_))) | (Ok(None), Ok(Some(_))) => Err(vec![FieldError {
            field: Field::DetractorShare,
            problem: Problem::ShareOutOfRange,
        }]),
        (Ok(Some(_)), Ok(None)) => Err(vec![FieldError {
            field: Field::PromoterShare,
            problem: Problem::ShareOutOfRange,
        }]),
        (p, d) => Err([p.err(), d.err()].into_iter().flatten().collect()),
    };
    match (margin, level, shares) {
        (Ok(margin), Ok(level), Ok(shares)) => Ok(PlanRequest {
            margin,
            level,
            shares,
        }),
        (m, l, s) => {
            let mut errors: Vec<FieldError> = [m.err(), l.err()].into_iter().flatten().collect();
            errors.extend(s.err().unwrap_or_default());
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_non_negative_numbers() {
        assert_eq!(parse_count(Field::Promoters, " 42 "), Ok(42));
        for bad in ["-1", "1.5", "1e3", "abc", "+3", "0x10"] {
            assert_eq!(
                parse_count(Field::Promoters, bad).map_err(|e| e.problem),
                Err(Problem::NotWholeNumber),
                "{bad}"
            );
        }
        assert_eq!(
            parse_count(Field::Passives, "").map_err(|e| e.problem),
            Err(Problem::Missing)
        );
        assert_eq!(
            parse_count(Field::Passives, "99999999999999999999999").map_err(|e| e.problem),
            Err(Problem::TooLarge)
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = parse_interval_request("-1", "2", "x", "t-test", "1.5").unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Promoters,
                Field::Detractors,
                Field::Method,
                Field::Level
            ]
        );
    }

    #[test]
    fn method_and_level_have_defaults() {
        let request = parse_interval_request("3", "1", "1", "", "").unwrap();
        assert_eq!(request.method, Method::AdjustedWald);
        assert_eq!(request.level, Level::default());
    }

    #[test]
    fn plan_shares_are_percentages_given_together() {
        let plan = parse_plan_request("5", "0.95", "50", "20").unwrap();
        let shares = plan.shares.unwrap();
        assert!((shares.promoters - 0.5).abs() < 1e-12 && (shares.detractors - 0.2).abs() < 1e-12);
        assert!(parse_plan_request("5", "", "", "")
            .unwrap()
            .shares
            .is_none());
        assert!(parse_plan_request("5", "", "70", "40").is_err());
        assert!(parse_plan_request("5", "", "70", "").is_err());
        assert!(parse_plan_request("0", "", "", "").is_err());
        assert!(parse_plan_request("", "", "", "").is_err());
    }
}
