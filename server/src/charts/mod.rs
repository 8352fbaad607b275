//! Server-rendered charts of published results: `/charts/{slug}/ranking.svg|png`,
//! `/charts/{slug}/distribution.svg|png` and `/charts/sector/{sector}/trend.svg|png`. Drawn by
//! `koubei-charts` from the latest snapshot (or `?snapshot=N`); `?width=&height=&theme=&lang=`.
//! Snapshots never change, so responses carry long-lived caching and an ETag.

mod labels;
mod messages;
mod request;

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::results::{ResultStatus, SurveyResults};
use domain::SurveyStatus;
use koubei_charts::{
    distribution_svg, ranking_svg, svg_to_png, trend_svg, DistributionRow, Ranked, RankingRow,
    TrendPoint, TrendSeries,
};
use koubei_core::results::live::find_survey;
use koubei_core::results::snapshots;
use koubei_core::results::trend::sector_trend;

use self::labels::{distribution_labels, ranking_labels, trend_labels};
use self::messages::messages;
use self::request::{ChartFile, ChartQuery, ChartRequest, Format};
use crate::api::ApiError;
use crate::api::ApiQuery;
use crate::app_state::AppState;
use crate::caching;

fn not_found(locale: Locale) -> Response {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: messages(locale).no_such_results.to_string(),
        field: None,
    }
    .into_response()
}

fn failed(locale: Locale, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "drawing a chart failed");
    ApiError::unavailable(locale).into_response()
}

/// Answers with the chart (SVG as is, PNG rasterised off the async threads), or 304.
async fn answer(
    request: &ChartRequest,
    headers: &HeaderMap,
    etag: String,
    pinned: bool,
    svg: Result<String, koubei_charts::ChartError>,
) -> Response {
    let locale = request.locale;
    let svg = match svg {
        Ok(svg) => svg,
        Err(error) => {
            let response: Response = if error.status_code() == 400 {
                ApiError {
                    status: StatusCode::BAD_REQUEST,
                    code: "invalid_size",
                    message: error.to_string(),
                    field: Some("height"),
                }
                .into_response()
            } else {
                failed(locale, &error)
            };
            return response;
        }
    };
    let etag = format!("\"{etag}\"");
    let cache = caching::for_published(pinned);
    if let Some(response) = caching::not_modified(headers, cache, &etag) {
        return response;
    }
    let mut response = match request.format {
        Format::Svg => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg,
        )
            .into_response(),
        Format::Png => match tokio::task::spawn_blocking(move || svg_to_png(&svg)).await {
            Ok(Ok(png)) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
            Ok(Err(error)) => return failed(locale, &error),
            Err(error) => return failed(locale, &error),
        },
    };
    caching::mark(&mut response, cache, Some(&etag));
    response
}

fn ranking_rows(results: &SurveyResults, locale: Locale) -> Vec<RankingRow> {
    results
        .subjects
        .iter()
        .map(|s| RankingRow {
            name: locale.pick(&s.name_zh, &s.name_en).to_string(),
            n: s.n,
            result: match (s.status, s.nps, s.ci_low, s.ci_high, s.tier) {
                (ResultStatus::Ranked, Some(nps), Some(ci_low), Some(ci_high), Some(tier)) => {
                    Some(Ranked {
                        nps,
                        ci_low,
                        ci_high,
                        tier,
                    })
                }
                _ => None,
            },
        })
        .collect()
}

pub async fn survey_chart(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ChartQuery>,
    headers: HeaderMap,
) -> Response {
    let request = match ChartRequest::parse(&file, &query, &headers) {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    let locale = request.locale;
    let survey = match find_survey(&state.db, &slug).await {
        Ok(Some(survey)) if survey.status() == SurveyStatus::Published => survey,
        Ok(_) => return not_found(locale),
        Err(error) => return failed(locale, &error),
    };
    let snapshot = match snapshots::find(&state.db, &survey.id, request.snapshot).await {
        Ok(Some(snapshot)) => snapshot,
        Ok(None) => return not_found(locale),
        Err(error) => return failed(locale, &error),
    };
    let results = &snapshot.results;
    let svg = match request.file {
        ChartFile::Ranking => ranking_svg(
            &ranking_rows(results, locale),
            &ranking_labels(locale, results, &snapshot),
            request.size,
            request.theme,
        ),
        ChartFile::Distribution => {
            let rows: Vec<DistributionRow> = results
                .subjects
                .iter()
                .filter(|s| s.n > 0)
                .map(|s| DistributionRow {
                    name: locale.pick(&s.name_zh, &s.name_en).to_string(),
                    detractors: s.detractors,
                    passives: s.passives,
                    promoters: s.promoters,
                })
                .collect();
            distribution_svg(
                &rows,
                &distribution_labels(locale, results, &snapshot),
                request.size,
                request.theme,
            )
        }
        ChartFile::Trend => return not_found(locale),
    };
    let etag = request.etag(&format!(
        "{slug}-{}-{}",
        snapshot.number,
        &snapshot.data_hash[..16]
    ));
    answer(&request, &headers, etag, request.snapshot.is_some(), svg).await
}

pub async fn sector_chart(
    State(state): State<AppState>,
    Path((sector, file)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ChartQuery>,
    headers: HeaderMap,
) -> Response {
    let request = match ChartRequest::parse(&file, &query, &headers) {
        Ok(request) if request.file == ChartFile::Trend => request,
        Ok(request) => return not_found(request.locale),
        Err(refusal) => return refusal.into_response(),
    };
    let locale = request.locale;
    let trend = match sector_trend(&state.db, &sector).await {
        Ok(Some(trend)) => trend,
        Ok(None) => return not_found(locale),
        Err(error) => return failed(locale, &error),
    };
    let waves: Vec<String> = trend
        .waves
        .iter()
        .map(|w| {
            w.closes_at
                .as_deref()
                .and_then(koubei_core::db::timestamp::council_date)
                .map(|d| d[..4].to_string())
                .unwrap_or_else(|| w.survey.clone())
        })
        .collect();
    // One series per subject seen in any wave, in the latest wave's order.
    let mut subjects: Vec<(String, String)> = Vec::new();
    for wave in trend.waves.iter().rev() {
        for s in &wave.results.subjects {
            if !subjects.iter().any(|(slug, _)| *slug == s.subject) {
                subjects.push((
                    s.subject.clone(),
                    locale.pick(&s.name_zh, &s.name_en).to_string(),
                ));
            }
        }
    }
    let series: Vec<TrendSeries> = subjects
        .into_iter()
        .map(|(slug, name)| TrendSeries {
            name,
            points: trend
                .waves
                .iter()
                .enumerate()
                .map(|(index, wave)| {
                    let s = wave.results.subjects.iter().find(|s| s.subject == slug)?;
                    let significant_change = trend
                        .changes
                        .iter()
                        .any(|c| c.subject == slug && c.to_wave == index && c.significant);
                    Some(TrendPoint {
                        nps: s.nps?,
                        ci_low: s.ci_low?,
                        ci_high: s.ci_high?,
                        significant_change,
                    })
                })
                .collect(),
        })
        .collect();
    let svg = trend_svg(
        &waves,
        &series,
        &trend_labels(locale, &trend),
        request.size,
        request.theme,
    );
    let version: String = trend
        .waves
        .iter()
        .map(|w| format!("{}.{}", w.survey, w.snapshot))
        .collect::<Vec<_>>()
        .join(",");
    let etag = request.etag(&format!("{sector}-{version}"));
    answer(&request, &headers, etag, false, svg).await
}
