//! The staff console's HTTP handlers: load data, check input, call the same plain functions as
//! the staff API and the CLI, and render pages from `app::console`. Guarded by `staff::gate`.

mod embed_code;
mod exports;
mod page;
mod people;
mod poster;
mod responses;
mod sectors;
mod sign_in;
mod surveys;

use axum::http::Method;
use axum::routing::{get, post};

use crate::staff::routes::StaffRoute;

pub fn routes() -> Vec<StaffRoute> {
    vec![
        StaffRoute::new(Method::GET, "/console/sign-in", get(sign_in::show)),
        StaffRoute::new(Method::POST, "/console/sign-in", post(sign_in::submit)),
        StaffRoute::new(Method::POST, "/console/sign-out", post(sign_in::sign_out)),
        StaffRoute::new(
            Method::POST,
            "/console/sign-out-everywhere",
            post(sign_in::sign_out_everywhere),
        ),
        StaffRoute::new(Method::GET, "/console", get(surveys::list)),
        StaffRoute::new(Method::GET, "/console/surveys/new", get(surveys::new_form)),
        StaffRoute::new(Method::POST, "/console/surveys", post(surveys::create)),
        StaffRoute::new(Method::GET, "/console/surveys/{slug}", get(surveys::show)),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/edit",
            get(surveys::edit_form),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/surveys/{slug}/edit",
            post(surveys::update),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/surveys/{slug}/lifecycle",
            post(surveys::change_status),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/preview",
            get(surveys::preview),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/surveys/{slug}/corrections",
            post(surveys::correct),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/responses",
            get(responses::list),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/export/{file}",
            get(exports::download),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/poster",
            get(poster::poster),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/embed",
            get(embed_code::show),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/surveys/{slug}/qr.svg",
            get(poster::qr),
        ),
        StaffRoute::new(Method::GET, "/console/responses/{id}", get(responses::show)),
        StaffRoute::new(Method::GET, "/console/sectors", get(sectors::list)),
        StaffRoute::new(Method::GET, "/console/users", get(people::list_users)),
        StaffRoute::new(Method::POST, "/console/users", post(people::create_user)),
        StaffRoute::new(
            Method::POST,
            "/console/users/{id}",
            post(people::update_user),
        ),
        StaffRoute::new(Method::GET, "/console/tokens", get(people::list_tokens)),
        StaffRoute::new(Method::POST, "/console/tokens", post(people::create_token)),
        StaffRoute::new(
            Method::POST,
            "/console/tokens/{id}/revoke",
            post(people::revoke_token),
        ),
        StaffRoute::new(Method::GET, "/console/audit", get(people::audit_log)),
        StaffRoute::new(Method::POST, "/console/sectors", post(sectors::create)),
        StaffRoute::new(Method::GET, "/console/sectors/{sector}", get(sectors::show)),
        StaffRoute::new(
            Method::POST,
            "/console/sectors/{sector}",
            post(sectors::update),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/sectors/{sector}/subjects",
            post(sectors::create_subject),
        ),
        StaffRoute::new(
            Method::GET,
            "/console/sectors/{sector}/subjects/{subject}",
            get(sectors::show_subject),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/sectors/{sector}/subjects/{subject}",
            post(sectors::update_subject),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/responses/{id}/exclusion",
            post(responses::exclude),
        ),
        StaffRoute::new(
            Method::POST,
            "/console/responses/{id}/restore",
            post(responses::restore),
        ),
    ]
}
