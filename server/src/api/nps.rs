//! `GET /api/v1/nps?promoters=P&passives=A&detractors=D&method=M&level=L`: the public NPS
//! calculator, the same parser and statistics as the `/tools/nps` page.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::calculator::parse_interval_request;
use serde::{Deserialize, Serialize};
use stats::{interval, IntervalOptions, METHOD_VERSION};

use super::ApiError;
use app::i18n::Catalog;

#[derive(Deserialize)]
pub struct NpsQuery {
    promoters: Option<String>,
    passives: Option<String>,
    detractors: Option<String>,
    method: Option<String>,
    level: Option<String>,
}

#[derive(Serialize)]
struct NpsAnswer {
    n: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    /// `null` when n = 0 (see `no_data`).
    nps: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    method: &'static str,
    level: f64,
    /// Every response in one group gives Wald-type intervals no width.
    zero_width: bool,
    no_data: bool,
    method_version: &'static str,
}

pub async fn calculate(
    headers: HeaderMap,
    query: Result<Query<NpsQuery>, QueryRejection>,
) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let Ok(Query(query)) = query else {
        return super::query::bad_query(locale);
    };
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let request = match parse_interval_request(
        &text(&query.promoters),
        &text(&query.passives),
        &text(&query.detractors),
        &text(&query.method),
        &text(&query.level),
    ) {
        Ok(request) => request,
        Err(errors) => {
            let first = errors[0];
            return ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: first.problem.code(),
                message: format!(
                    "{}: {}",
                    first.field.name(),
                    locale.messages().problem(first.problem)
                ),
                field: Some(first.field.name()),
            }
            .into_response();
        }
    };
    let result = match interval(
        request.counts,
        request.method,
        request.level,
        &IntervalOptions::default(),
    ) {
        Ok(result) => result,
        Err(error) => {
            // Parsed input is always valid for the statistics; reaching this is a bug.
            tracing::error!(error = %error, "NPS calculation refused parsed input");
            return ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_input",
                message: error.to_string(),
                field: None,
            }
            .into_response();
        }
    };
    let counts = request.counts;
    let answer = NpsAnswer {
        n: counts.n(),
        promoters: counts.promoters,
        passives: counts.passives,
        detractors: counts.detractors,
        nps: result.map(|i| i.nps),
        ci_low: result.map(|i| i.low),
        ci_high: result.map(|i| i.high),
        method: request.method.as_str(),
        level: request.level.value(),
        zero_width: result.is_some_and(|i| i.zero_width),
        no_data: result.is_none(),
        method_version: METHOD_VERSION,
    };
    let mut response = Json(answer).into_response();
    // A pure function of the query string: safe to cache anywhere.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}
