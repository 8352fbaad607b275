//! The public route table: everything the server answers outside the Leptos pages and the staff
//! area, declared as data. `documented()` is the public API — probes, JSON, charts, widgets —
//! and the OpenAPI document lists exactly these (a test checks both directions);
//! `page_mechanics()` only serves the pages themselves and stays out of the document on purpose.
//! A new route has to be put in one of the two, which is the point.

use axum::http::Method;
use axum::routing::{get, post};
use axum::Router;

use crate::app_state::AppState;
use crate::route_table::{self, Route};
use crate::{
    api, charts, embed, health, language, large_mode, metrics, my_answers_form, preview_reply_form,
    survey_form, verify,
};

/// Public routes that are part of the API and its OpenAPI document.
pub fn documented() -> Vec<Route> {
    let mut routes = vec![
        Route::new(Method::GET, "/healthz", get(health::live)),
        Route::new(Method::GET, "/readyz", get(health::ready)),
        Route::new(Method::GET, "/metrics", get(metrics::scrape)),
        Route::new(
            Method::GET,
            "/charts/{slug}/{file}",
            get(charts::survey_chart),
        ),
        Route::new(
            Method::GET,
            "/charts/sector/{sector}/{file}",
            get(charts::sector_chart),
        ),
    ];
    routes.extend(api::routes());
    routes.extend(embed::routes());
    routes.push(Route::new(
        Method::GET,
        "/verify/{token}",
        get(verify::show),
    ));
    routes.push(Route::new(
        Method::GET,
        verify::KEY_PATH,
        get(verify::public_key),
    ));
    routes
}

/// Public routes that belong to the pages, not the API: the language switch (a redirect back),
/// the survey form's plain POST (JavaScript off), the receipt code form of `/my-answers`, and the API's own human-readable page.
pub fn page_mechanics() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/lang/{tag}", get(language::switch)),
        Route::new(
            Method::GET,
            "/large-mode/{setting}",
            get(large_mode::switch),
        ),
        Route::new(Method::POST, "/s/{slug}", post(survey_form::submit)),
        Route::new(Method::POST, "/my-answers", post(my_answers_form::submit)),
        Route::new(
            Method::POST,
            "/preview/{token}/reply",
            post(preview_reply_form::submit),
        ),
        Route::new(Method::GET, "/api", get(api::openapi::page)),
    ]
}

/// (method, path) of every documented public route.
pub fn documented_table() -> Vec<(Method, &'static str)> {
    route_table::table(documented())
}

/// Both tables added to a router.
pub fn mount(router: Router<AppState>) -> Router<AppState> {
    let router = route_table::mount(router, documented());
    route_table::mount(router, page_mechanics())
}
