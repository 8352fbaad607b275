//! `GET /large-mode/{on|off}?next=/path`: turns 长辈模式 (large mode) on or off and returns to
//! the page. A plain link, remembered in a cookie for a year like the language; off clears it.

use app::large_mode::LARGE_MODE_COOKIE;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app_state::AppState;
use crate::language::{remember_and_return, SwitchQuery, COOKIE_MAX_AGE_SECONDS};

pub async fn switch(
    State(state): State<AppState>,
    Path(setting): Path<String>,
    Query(query): Query<SwitchQuery>,
    headers: HeaderMap,
) -> Response {
    let max_age = match setting.as_str() {
        "on" => COOKIE_MAX_AGE_SECONDS,
        "off" => 0,
        _ => {
            let message = match app::i18n::request_locale(&headers) {
                app::i18n::Locale::ZhCn => {
                    "没有这个显示方式，可选：on（长辈模式）、off（标准字号）。"
                }
                app::i18n::Locale::En => {
                    "No such display; choose on (large text) or off (standard)."
                }
            };
            return (StatusCode::NOT_FOUND, message).into_response();
        }
    };
    let cookie = format!("{LARGE_MODE_COOKIE}={setting}");
    remember_and_return(&state, &headers, &cookie, max_age, &query)
}
