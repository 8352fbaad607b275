use serde::{Deserialize, Serialize};

use crate::Locale;

/// Where a survey is in its life: only `open` surveys take answers; `published` ones have
/// frozen, public results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyStatus {
    Draft,
    Open,
    Closed,
    Published,
}

impl SurveyStatus {
    /// The value stored in `surveys.status` and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
            SurveyStatus::Published => "published",
        }
    }

    pub fn parse(value: &str) -> Option<SurveyStatus> {
        match value {
            "draft" => Some(SurveyStatus::Draft),
            "open" => Some(SurveyStatus::Open),
            "closed" => Some(SurveyStatus::Closed),
            "published" => Some(SurveyStatus::Published),
            _ => None,
        }
    }
}

/// One sector with its open surveys, as listed on the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorSurveys {
    pub sector_slug: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
    /// The sector has published waves (`/sectors/{sector}` shows them).
    pub published: bool,
    pub surveys: Vec<SurveySummary>,
}

/// What a respondent needs to pick a survey: its title, size and deadline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub subject_count: usize,
    /// The last day answers are taken, as a calendar date in the council's time zone.
    pub closes_on: Option<String>,
}

impl SectorSurveys {
    /// Narrows to the surveys matching a filter text, in either language: a sector-name match
    /// keeps all its surveys. Empty query keeps everything; `None` when nothing is left.
    pub fn filtered(&self, query: &str) -> Option<SectorSurveys> {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() || self.mentions(&needle) {
            return Some(self.clone());
        }
        let surveys: Vec<SurveySummary> = self
            .surveys
            .iter()
            .filter(|s| contains_folded(&[&s.title_zh, &s.title_en, &s.slug], &needle))
            .cloned()
            .collect();
        (!surveys.is_empty()).then(|| SectorSurveys {
            surveys,
            ..self.clone()
        })
    }

    pub fn name(&self, locale: Locale) -> &str {
        locale.pick(&self.sector_name_zh, &self.sector_name_en)
    }

    fn mentions(&self, needle: &str) -> bool {
        contains_folded(
            &[
                &self.sector_name_zh,
                &self.sector_name_en,
                &self.sector_slug,
            ],
            needle,
        )
    }
}

fn contains_folded(haystacks: &[&str], needle: &str) -> bool {
    haystacks.iter().any(|h| h.to_lowercase().contains(needle))
}

impl std::fmt::Display for SurveyStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sector() -> SectorSurveys {
        let survey = |slug: &str, zh: &str, en: &str| SurveySummary {
            slug: slug.into(),
            title_zh: zh.into(),
            title_en: en.into(),
            subject_count: 3,
            closes_on: Some("2027-01-31".into()),
        };
        SectorSurveys {
            sector_slug: "dental-clinics".into(),
            sector_name_zh: "连锁口腔诊所".into(),
            sector_name_en: "Dental clinic chains".into(),
            published: false,
            surveys: vec![
                survey("dental-2026", "2026年口腔调查", "Dental survey 2026"),
                survey("orthodontics-2026", "2026年正畸专项", "Orthodontics 2026"),
            ],
        }
    }

    #[test]
    fn a_sector_name_match_keeps_every_survey() {
        assert_eq!(sector().filtered("口腔").map(|s| s.surveys.len()), Some(2));
        assert_eq!(
            sector().filtered("DENTAL").map(|s| s.surveys.len()),
            Some(2)
        );
    }

    #[test]
    fn a_title_match_keeps_only_that_survey() {
        let kept = sector().filtered("正畸").expect("one survey matches");
        assert_eq!(kept.surveys.len(), 1);
        assert_eq!(kept.surveys[0].slug, "orthodontics-2026");
    }

    #[test]
    fn no_match_drops_the_sector_and_blank_keeps_it() {
        assert_eq!(sector().filtered("养老"), None);
        assert_eq!(sector().filtered("  "), Some(sector()));
    }

    #[test]
    fn statuses_round_trip() {
        for status in [
            SurveyStatus::Draft,
            SurveyStatus::Open,
            SurveyStatus::Closed,
            SurveyStatus::Published,
        ] {
            assert_eq!(SurveyStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(SurveyStatus::parse("Open"), None);
    }
}
