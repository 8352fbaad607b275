//! `GET /api/v1/surveys/{slug}/results` (JSON) and `.../results.csv`: a published survey's
//! frozen results for everyone (the latest snapshot, or `?snapshot=N`); before publication,
//! or with `?method=`/`?level=` overrides, results computed now — for staff only.

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::ledger::Ledger;
use domain::results::SurveyResults;
use domain::SurveyStatus;
use koubei_core::exports::{render, results_table, ExportFormat};
use koubei_core::moderation::ledger;
use koubei_core::results::live::{find_survey, live_results_over, Basis, ResultsSurvey};
use koubei_core::results::snapshots::{self, Snapshot};
use koubei_core::results::ResultsError;
use koubei_core::staff::authenticate;
use serde::{Deserialize, Serialize};

use super::messages::messages;
use crate::api::ApiError;
use crate::api::ApiQuery;
use crate::app_state::AppState;
use crate::caching;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResultsQuery {
    method: Option<String>,
    level: Option<String>,
    /// `counted` (every counted answer, the default) or `verified` (invitations only).
    basis: Option<String>,
    snapshot: Option<String>,
}

/// The snapshot facts a citation needs (without the results, which sit beside them).
#[derive(Serialize)]
struct SnapshotFacts {
    number: i64,
    published_at: String,
    published_by: String,
    method_version: String,
    data_hash: String,
    responses: i64,
    changelog: String,
}

#[derive(Serialize)]
struct ResultsBody {
    survey: String,
    status: SurveyStatus,
    /// `null` for results computed now (staff previews and overrides).
    snapshot: Option<SnapshotFacts>,
    results: SurveyResults,
    ledger: Option<serde_json::Value>,
}

fn not_found(locale: Locale) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: messages(locale).survey_not_published.to_string(),
        field: None,
    }
}

fn failed(locale: Locale, error: &dyn std::fmt::Display) -> ApiError {
    tracing::error!(error = %error, "results failed");
    ApiError::unavailable(locale)
}

/// What to answer with: a snapshot, or results computed now.
enum Answer {
    Frozen(Box<Snapshot>),
    Live(Box<SurveyResults>),
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
    query: &ResultsQuery,
    locale: Locale,
) -> Result<(ResultsSurvey, Answer), ApiError> {
    let survey = find_survey(&state.db, slug)
        .await
        .map_err(|e| failed(locale, &e))?;
    let principal = authenticate(&state.db, &app::http_request::request_headers(headers))
        .await
        .map_err(|e| failed(locale, &e))?;
    if principal.is_none() && headers.contains_key(header::AUTHORIZATION) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthenticated",
            message: messages(locale).token_invalid.to_string(),
            field: None,
        });
    }
    let survey = survey.ok_or_else(|| not_found(locale))?;
    let method = query.method.as_deref().filter(|m| !m.is_empty());
    let level = query.level.as_deref().filter(|l| !l.is_empty());
    let basis = query.basis.as_deref().filter(|b| !b.is_empty());
    let overridden = method.is_some() || level.is_some() || basis.is_some();
    let published = survey.status() == SurveyStatus::Published;
    if principal.is_none() && (!published || overridden) {
        if overridden && published {
            return Err(ApiError {
                status: StatusCode::FORBIDDEN,
                code: "staff_only",
                message: messages(locale).staff_only.to_string(),
                field: Some(match (method, level) {
                    (Some(_), _) => "method",
                    (None, Some(_)) => "level",
                    (None, None) => "basis",
                }),
            });
        }
        return Err(not_found(locale));
    }
    if published && !overridden {
        let number = match query.snapshot.as_deref().filter(|n| !n.is_empty()) {
            Some(text) => Some(
                text.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| no_such_snapshot(locale))?,
            ),
            None => None,
        };
        let snapshot = snapshots::find(&state.db, &survey.id, number)
            .await
            .map_err(|e| failed(locale, &e))?
            .ok_or_else(|| no_such_snapshot(locale))?;
        return Ok((survey, Answer::Frozen(Box::new(snapshot))));
    }
    if query.snapshot.as_deref().is_some_and(|n| !n.is_empty()) {
        if !published {
            return Err(no_such_snapshot(locale));
        }
        // A snapshot is frozen; what is computed now (an override) is not one.
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "snapshot_not_recomputed",
            message: messages(locale).snapshot_not_recomputed.to_string(),
            field: Some("snapshot"),
        });
    }
    let method = method
        .map(|m| stats::Method::parse(m).map_err(|_| invalid(locale, "method")))
        .transpose()?;
    let level = level
        .map(|l| {
            l.parse::<f64>()
                .ok()
                .and_then(|v| stats::Level::new(v).ok())
                .ok_or_else(|| invalid(locale, "level"))
        })
        .transpose()?;
    let basis = basis
        .map(|b| Basis::parse(b).ok_or_else(|| invalid(locale, "basis")))
        .transpose()?
        .unwrap_or_default();
    let results = live_results_over(&state.db, &survey, method, level, basis)
        .await
        .map_err(|e| match e {
            ResultsError::NotFound => not_found(locale),
            other => failed(locale, &other),
        })?;
    Ok((survey, Answer::Live(Box::new(results))))
}

fn no_such_snapshot(locale: Locale) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "snapshot_not_found",
        message: messages(locale).snapshot_not_found.to_string(),
        field: Some("snapshot"),
    }
}

fn invalid(locale: Locale, field: &'static str) -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "invalid_field",
        message: messages(locale).invalid_override.to_string(),
        field: Some(field),
    }
}

/// Caching: a numbered snapshot never changes; "the latest" may, after a correction; results
/// computed now are never cached.
fn cache_headers(response: &mut Response, answer: &Answer, pinned: bool) {
    match answer {
        Answer::Frozen(snapshot) => caching::mark(
            response,
            if pinned {
                caching::IMMUTABLE
            } else {
                caching::SHORT
            },
            Some(&etag(snapshot)),
        ),
        Answer::Live(_) => caching::keep_private(response),
    }
}

fn etag(snapshot: &Snapshot) -> String {
    format!(
        "\"{}-{}\"",
        snapshot.number,
        &snapshot.data_hash[..16.min(snapshot.data_hash.len())]
    )
}

fn not_modified(headers: &HeaderMap, answer: &Answer) -> bool {
    match answer {
        Answer::Frozen(snapshot) => caching::matches(headers, &etag(snapshot)),
        Answer::Live(_) => false,
    }
}

/// The results to answer with, or the response that ends the request early: a refusal, or 304
/// when the client's copy of this snapshot is current. `pinned`: a numbered snapshot was asked for.
async fn answer_or_refusal(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
    query: &ResultsQuery,
) -> Result<(ResultsSurvey, Answer, bool), Response> {
    let locale = app::i18n::request_locale(headers);
    let (survey, answer) = resolve(state, headers, slug, query, locale)
        .await
        .map_err(IntoResponse::into_response)?;
    let pinned = query.snapshot.as_deref().is_some_and(|s| !s.is_empty());
    if not_modified(headers, &answer) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        cache_headers(&mut response, &answer, pinned);
        return Err(response);
    }
    Ok((survey, answer, pinned))
}

pub async fn json(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    let (survey, answer, pinned) = match answer_or_refusal(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let body = match &answer {
        Answer::Frozen(snapshot) => ResultsBody {
            survey: survey.slug.clone(),
            status: survey.status(),
            snapshot: Some(SnapshotFacts {
                number: snapshot.number,
                published_at: snapshot.published_at.clone(),
                published_by: snapshot.published_by.clone(),
                method_version: snapshot.method_version.clone(),
                data_hash: snapshot.data_hash.clone(),
                responses: snapshot.responses,
                changelog: snapshot.changelog.clone(),
            }),
            results: snapshot.results.clone(),
            ledger: Some(snapshot.ledger.clone()),
        },
        // Staff see the integrity report as it stands now beside results computed now.
        Answer::Live(results) => {
            let report = match ledger::ledger(&state.db, &survey.id).await {
                Ok(report) => serde_json::to_value(report).ok(),
                Err(error) => {
                    return failed(app::i18n::request_locale(&headers), &error).into_response()
                }
            };
            ResultsBody {
                survey: survey.slug.clone(),
                status: survey.status(),
                snapshot: None,
                results: (**results).clone(),
                ledger: report,
            }
        }
    };
    let mut response = Json(body).into_response();
    cache_headers(&mut response, &answer, pinned);
    response
}

pub async fn csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let (survey, answer, pinned) = match answer_or_refusal(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (results, suffix, ledger) = match &answer {
        Answer::Frozen(snapshot) => (
            &snapshot.results,
            format!("-{}", snapshot.number),
            // Snapshots from before a field existed read it as zero (serde defaults).
            serde_json::from_value::<Ledger>(snapshot.ledger.clone()).ok(),
        ),
        Answer::Live(results) => match ledger::ledger(&state.db, &survey.id).await {
            Ok(report) => (&**results, "-preview".to_string(), Some(report)),
            Err(error) => return failed(locale, &error).into_response(),
        },
    };
    let table = results_table(results, ledger.as_ref());
    let bytes = match render(&table, ExportFormat::Csv, &survey.slug) {
        Ok(bytes) => bytes,
        Err(error) => return failed(locale, &error).into_response(),
    };
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                ExportFormat::Csv.content_type().to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-results{suffix}.csv\"",
                    survey.slug
                ),
            ),
        ],
        bytes,
    )
        .into_response();
    cache_headers(&mut response, &answer, pinned);
    response
}
