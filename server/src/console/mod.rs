//! The staff console's HTTP handlers: load data, check input, call the same plain functions as
//! the staff API and the CLI, and render pages from `app::console`. Guarded by `staff::gate`.

mod clusters;
mod embed_code;
mod exports;
mod fieldwork;
mod invitations;
mod kiosk_keys;
mod page;
mod people;
mod poster;
mod poster_batches;
mod preview_links;
mod replies;
mod responses;
mod sectors;
mod sign_in;
mod surveys;
mod themes;
mod weighting;

use axum::http::Method;
use axum::routing::{get, post};

use crate::route_table::Route;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/console/sign-in", get(sign_in::show)),
        Route::new(Method::POST, "/console/sign-in", post(sign_in::submit)),
        Route::new(Method::POST, "/console/sign-out", post(sign_in::sign_out)),
        Route::new(
            Method::POST,
            "/console/sign-out-everywhere",
            post(sign_in::sign_out_everywhere),
        ),
        Route::new(Method::GET, "/console", get(surveys::list)),
        Route::new(Method::GET, "/console/surveys/new", get(surveys::new_form)),
        Route::new(Method::POST, "/console/surveys", post(surveys::create)),
        Route::new(Method::GET, "/console/surveys/{slug}", get(surveys::show)),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/edit",
            get(surveys::edit_form),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/edit",
            post(surveys::update),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/lifecycle",
            post(surveys::change_status),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/preview",
            get(surveys::preview),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/embargo",
            post(surveys::change_embargo),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/preview-links",
            get(preview_links::list),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/preview-links",
            post(preview_links::create),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/preview-links/{id}/revoke",
            post(preview_links::revoke),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/replies",
            get(replies::list),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/reply-deadline",
            post(replies::change_deadline),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/replies/{id}/decide",
            post(replies::decide),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/fieldwork",
            get(fieldwork::show),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/quotas",
            post(fieldwork::save_quotas),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/weighting",
            get(weighting::show),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/themes",
            get(themes::show),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/quotes",
            post(themes::change_quote),
        ),
        Route::new(
            Method::GET,
            "/console/sectors/{sector}/themes",
            get(themes::show_lexicon),
        ),
        Route::new(
            Method::POST,
            "/console/sectors/{sector}/themes",
            post(themes::save_lexicon),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/weighting",
            post(weighting::change),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/corrections",
            post(surveys::correct),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/responses",
            get(responses::list),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/export/{file}",
            get(exports::download),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/poster",
            get(poster::poster),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/embed",
            get(embed_code::show),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/posters",
            get(poster_batches::list),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/posters",
            post(poster_batches::create),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/qr.svg",
            get(poster::qr),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/invitations",
            get(invitations::list),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/invitations",
            post(invitations::create),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/invitations/{id}/cards",
            get(invitations::cards),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/invitations/{id}/links.csv",
            get(invitations::links_csv_file),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/invitations/{id}/revoke",
            post(invitations::revoke),
        ),
        Route::new(
            Method::GET,
            "/console/surveys/{slug}/clusters",
            get(clusters::list),
        ),
        Route::new(
            Method::POST,
            "/console/surveys/{slug}/clusters/scan",
            post(clusters::scan),
        ),
        Route::new(
            Method::POST,
            "/console/clusters/{id}/decision",
            post(clusters::decide),
        ),
        Route::new(Method::GET, "/console/responses/{id}", get(responses::show)),
        Route::new(Method::GET, "/console/sectors", get(sectors::list)),
        Route::new(Method::GET, "/console/users", get(people::list_users)),
        Route::new(Method::POST, "/console/users", post(people::create_user)),
        Route::new(
            Method::POST,
            "/console/users/{id}",
            post(people::update_user),
        ),
        Route::new(Method::GET, "/console/tokens", get(people::list_tokens)),
        Route::new(Method::POST, "/console/tokens", post(people::create_token)),
        Route::new(
            Method::POST,
            "/console/tokens/{id}/revoke",
            post(people::revoke_token),
        ),
        Route::new(Method::GET, "/console/kiosk-keys", get(kiosk_keys::list)),
        Route::new(
            Method::POST,
            "/console/kiosk-keys",
            post(kiosk_keys::create),
        ),
        Route::new(
            Method::POST,
            "/console/kiosk-keys/{id}/revoke",
            post(kiosk_keys::revoke),
        ),
        Route::new(Method::GET, "/console/audit", get(people::audit_log)),
        // Under `/audit/`, so the staff policy keeps it for admins like the page.
        Route::new(
            Method::GET,
            "/console/audit/export.csv",
            get(people::audit_export),
        ),
        Route::new(Method::POST, "/console/sectors", post(sectors::create)),
        Route::new(Method::GET, "/console/sectors/{sector}", get(sectors::show)),
        Route::new(
            Method::POST,
            "/console/sectors/{sector}",
            post(sectors::update),
        ),
        Route::new(
            Method::POST,
            "/console/sectors/{sector}/subjects",
            post(sectors::create_subject),
        ),
        Route::new(
            Method::GET,
            "/console/sectors/{sector}/subjects/{subject}",
            get(sectors::show_subject),
        ),
        Route::new(
            Method::POST,
            "/console/sectors/{sector}/subjects/{subject}",
            post(sectors::update_subject),
        ),
        Route::new(
            Method::POST,
            "/console/responses/{id}/exclusion",
            post(responses::exclude),
        ),
        Route::new(
            Method::POST,
            "/console/responses/{id}/restore",
            post(responses::restore),
        ),
    ]
}
