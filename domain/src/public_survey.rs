use serde::{Deserialize, Serialize};

use super::SurveyStatus;
use crate::Locale;

/// A survey as the public sees it: what the survey page shows and `GET /api/v1/surveys/{slug}`
/// returns. Database ids stay on the server; slugs are the public names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSurvey {
    pub slug: String,
    pub status: SurveyStatus,
    pub sector: SectorRef,
    pub title_zh: String,
    pub title_en: String,
    pub intro_zh: String,
    pub intro_en: String,
    /// Stored UTC times (`2026-11-28T16:00:00.000Z`), when set.
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    /// The last day answers are taken, as a date in the council's time zone.
    pub closes_on: Option<String>,
    /// In the survey's display order.
    pub subjects: Vec<SubjectRef>,
    /// Whether the optional age-band question is asked.
    pub asks_age_band: bool,
    /// The districts offered by the optional district question; empty: not asked.
    pub districts: Vec<DistrictRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorRef {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A subject (brand or institution) that a survey covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectRef {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictRef {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

impl PublicSurvey {
    pub fn title(&self, locale: Locale) -> &str {
        locale.pick(&self.title_zh, &self.title_en)
    }

    pub fn intro(&self, locale: Locale) -> &str {
        locale.pick(&self.intro_zh, &self.intro_en)
    }

    pub fn subject(&self, slug: &str) -> Option<&SubjectRef> {
        self.subjects.iter().find(|s| s.slug == slug)
    }

    pub fn has_district(&self, slug: &str) -> bool {
        self.districts.iter().any(|d| d.slug == slug)
    }
}

impl SubjectRef {
    pub fn name(&self, locale: Locale) -> &str {
        locale.pick(&self.name_zh, &self.name_en)
    }

    /// Whether a filter text (either language, or the slug) matches this subject.
    pub fn matches(&self, query: &str) -> bool {
        let needle = query.trim().to_lowercase();
        needle.is_empty()
            || [&self.name_zh, &self.name_en, &self.slug]
                .iter()
                .any(|h| h.to_lowercase().contains(&needle))
    }
}

impl DistrictRef {
    pub fn name(&self, locale: Locale) -> &str {
        locale.pick(&self.name_zh, &self.name_en)
    }
}
