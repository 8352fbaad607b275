//! What every widget starts from: a published survey's snapshot (the latest, or `?snapshot=N`),
//! and the widget query (`snapshot`, `theme`, `lang`). Anything not published is "not found".

use app::i18n::Locale;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::SurveyStatus;
use koubei_core::results::live::{find_survey, ResultsSurvey};
use koubei_core::results::snapshots::{self, Snapshot};
use serde::Deserialize;

use crate::app_state::AppState;

/// A published survey and one of its snapshots.
pub struct Published {
    pub survey: ResultsSurvey,
    pub snapshot: Snapshot,
}

/// Why a widget cannot be shown.
pub enum Missing {
    NotFound,
    Failed,
}

impl Missing {
    /// The refusal in the reader's language, as plain text (a widget's frame or a badge's
    /// image shows it as it is).
    pub fn respond(self, locale: Locale) -> Response {
        let t = super::messages::messages(locale);
        let (status, text) = match self {
            Missing::NotFound => (StatusCode::NOT_FOUND, t.widget_not_found),
            Missing::Failed => (StatusCode::SERVICE_UNAVAILABLE, t.widget_unavailable),
        };
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text,
        )
            .into_response()
    }
}

/// Loads `slug`'s snapshot `number` (the latest when `None`), or says why not.
pub async fn load(
    state: &AppState,
    slug: &str,
    number: Option<&str>,
) -> Result<Published, Missing> {
    let number = match number.filter(|n| !n.is_empty()) {
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or(Missing::NotFound)?,
        ),
        None => None,
    };
    let survey = find_survey(&state.db, slug)
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "loading a survey for a widget failed");
            Missing::Failed
        })?
        .filter(|s| s.status() == SurveyStatus::Published)
        .ok_or(Missing::NotFound)?;
    let snapshot = snapshots::find(&state.db, &survey.id, number)
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "loading a snapshot for a widget failed");
            Missing::Failed
        })?
        .ok_or(Missing::NotFound)?;
    Ok(Published { survey, snapshot })
}

/// Light (default) or dark colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn tag(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// `?snapshot=N&theme=light|dark&lang=zh-CN|en`; unknown values fall back to the defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WidgetQuery {
    pub snapshot: Option<String>,
    pub theme: Option<String>,
    pub lang: Option<String>,
}

impl WidgetQuery {
    pub fn theme(&self) -> Theme {
        match self.theme.as_deref() {
            Some("dark") => Theme::Dark,
            _ => Theme::Light,
        }
    }

    /// `lang`, else `Accept-Language`; never a cookie (widgets read and set none).
    pub fn locale(&self, headers: &HeaderMap) -> Locale {
        self.lang
            .as_deref()
            .and_then(Locale::parse)
            .or_else(|| {
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Locale::negotiate)
            })
            .unwrap_or_default()
    }

    pub fn pinned(&self) -> bool {
        self.snapshot.as_deref().is_some_and(|s| !s.is_empty())
    }
}

/// The day a snapshot was published (`YYYY-MM-DD`).
pub fn date(snapshot: &Snapshot) -> &str {
    snapshot
        .published_at
        .get(..10)
        .unwrap_or(&snapshot.published_at)
}

/// "42 [37, 46]": NPS and its interval, whole points, spelled as on the results page. Never
/// "± half-width": intervals near ±100 or from small samples are not symmetric.
pub fn nps_with_interval(nps: Option<f64>, low: Option<f64>, high: Option<f64>) -> String {
    match (nps, low, high) {
        (Some(nps), Some(_), Some(_)) => format!("{} {}", whole(nps), interval(low, high)),
        (Some(nps), _, _) => whole(nps),
        _ => "–".to_string(),
    }
}

/// "[37, 46]" in whole points, or "–" without an interval.
pub fn interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(low), Some(high)) => format!("[{}, {}]", whole(low), whole(high)),
        _ => "–".to_string(),
    }
}

/// Whole points, never "-0".
pub fn whole(value: f64) -> String {
    let rounded = value.round();
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded:.0}")
    }
}

/// "2–4", or "1" when the interval is one rank.
pub fn rank_interval(low: Option<usize>, high: Option<usize>) -> String {
    match (low, high) {
        (Some(low), Some(high)) if low == high => low.to_string(),
        (Some(low), Some(high)) => format!("{low}–{high}"),
        _ => "–".to_string(),
    }
}

/// The address that checks what a badge or card says about `subject`: its statement, signed.
pub fn verify_url(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    published: &Published,
    subject: &domain::results::SubjectResult,
) -> String {
    let statement = koubei_core::results::statement::statement_of(
        &published.survey.slug,
        &published.snapshot,
        subject,
    );
    crate::public_url::verify_url(state, headers, &state.badge_key.sign(&statement))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asymmetric_interval_is_written_as_its_two_ends() {
        // "± half-width" would say 8 ± 12, an interval of [-4, 20].
        assert_eq!(
            nps_with_interval(Some(8.4), Some(-3.1), Some(19.9)),
            "8 [-3, 20]"
        );
        assert_eq!(
            nps_with_interval(Some(100.0), Some(83.2), Some(100.0)),
            "100 [83, 100]"
        );
        assert_eq!(nps_with_interval(Some(-0.2), None, None), "0");
        assert_eq!(nps_with_interval(None, None, None), "–");
        assert_eq!(interval(Some(-0.4), Some(0.4)), "[0, 0]");
    }
}
