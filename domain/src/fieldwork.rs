//! The fieldwork dashboard's shape: per subject the answers counted against its quota, by
//! channel, the recent pace and when the quota will be reached at that pace; answers per day;
//! and, for a weighted survey, how many answers each profile cell still needs.

use serde::{Deserialize, Serialize};

use super::Channel;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fieldwork {
    pub survey: String,
    /// Today in Beijing time (`2026-12-07`): the day the forecasts count from.
    pub today: String,
    pub subjects: Vec<SubjectProgress>,
    /// Counted answers per Beijing day, the last `DAYS_SHOWN` days, oldest first.
    pub days: Vec<DayCount>,
    /// Per weighting target: counted answers in the cell and how many more it needs. Empty when
    /// the survey is not weighted.
    pub cells: Vec<CellNeed>,
}

/// Days of answers the dashboard shows, and over which it measures the pace (the last seven).
pub const DAYS_SHOWN: i64 = 14;
pub const PACE_DAYS: i64 = 7;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectProgress {
    pub subject: String,
    pub name_zh: String,
    pub name_en: String,
    pub counted: i64,
    /// The target n staff set; `None`: the survey's minimum n is the target.
    pub quota: Option<i64>,
    /// The number aimed at: the quota, or the minimum n.
    pub target: i64,
    /// Counted answers per channel (every channel, zeros included).
    pub channels: Vec<(Channel, i64)>,
    /// Counted answers in the last `PACE_DAYS` days.
    pub recent: i64,
    /// The Beijing day the target is reached at the recent pace; `None` when reached already or
    /// when nothing came in lately.
    pub forecast_day: Option<String>,
}

impl SubjectProgress {
    pub fn reached(&self) -> bool {
        self.counted >= self.target
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub answers: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellNeed {
    /// `age_band` or `district`.
    pub question: String,
    pub answer: String,
    /// Districts carry their names; age bands are named by the reader's catalog.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// The population share, and the answers the cell would hold at the survey's goal (the
    /// larger of the answers counted and the sum of the targets).
    pub target: f64,
    pub goal: i64,
    pub counted: i64,
    /// goal − counted, at least 0.
    pub needed: i64,
}
