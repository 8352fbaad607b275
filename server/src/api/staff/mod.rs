//! The staff JSON API under `/api/v1/staff` (Bearer tokens, or a console session with the
//! `X-CSRF-Token` header for changes). Guarded by `staff::gate`, which puts the `Principal` in
//! the request; the handlers call the same `app` functions as the console and the CLI.

mod audit;
mod clusters;
mod corrections;
mod embargo;
mod exports;
mod fieldwork;
mod invitations;
mod json;
mod kiosk_keys;
mod ledger;
mod lifecycle;
mod messages;
mod paging;
mod preview_links;
mod replies;
mod responses;
mod results;
mod sectors;
mod subjects;
mod surveys;
mod tokens;
mod users;
mod weighting;

use axum::http::Method;
use axum::routing::{delete, get, patch, post, put};

use crate::route_table::Route;

/// Every staff API route. The gate's policy gives reads to viewers, changes to editors, and
/// `/users`, `/tokens`, `/kiosk-keys`, `/audit` to admins.
pub fn routes() -> Vec<Route> {
    use Method as M;
    let route = Route::new;
    vec![
        route(M::GET, "/api/v1/staff/sectors", get(sectors::list)),
        route(M::POST, "/api/v1/staff/sectors", post(sectors::create)),
        route(M::GET, "/api/v1/staff/sectors/{sector}", get(sectors::show)),
        route(
            M::PUT,
            "/api/v1/staff/sectors/{sector}",
            put(sectors::update),
        ),
        route(
            M::GET,
            "/api/v1/staff/sectors/{sector}/subjects",
            get(subjects::list),
        ),
        route(
            M::POST,
            "/api/v1/staff/sectors/{sector}/subjects",
            post(subjects::create),
        ),
        route(
            M::GET,
            "/api/v1/staff/sectors/{sector}/subjects/{subject}",
            get(subjects::show),
        ),
        route(
            M::PUT,
            "/api/v1/staff/sectors/{sector}/subjects/{subject}",
            put(subjects::update),
        ),
        route(M::GET, "/api/v1/staff/surveys", get(surveys::list)),
        route(M::GET, "/api/v1/staff/surveys/{slug}", get(surveys::show)),
        route(M::PUT, "/api/v1/staff/surveys/{slug}", put(surveys::put)),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/open",
            post(lifecycle::open),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/close",
            post(lifecycle::close),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/publish",
            post(lifecycle::publish),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/embargo",
            get(embargo::show),
        ),
        route(
            M::PUT,
            "/api/v1/staff/surveys/{slug}/embargo",
            put(embargo::put),
        ),
        route(
            M::DELETE,
            "/api/v1/staff/surveys/{slug}/embargo",
            delete(embargo::delete),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/preview-links",
            get(preview_links::list),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/preview-links",
            post(preview_links::create),
        ),
        route(
            M::POST,
            "/api/v1/staff/preview-links/{id}/revoke",
            post(preview_links::revoke),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/reply-deadline",
            get(replies::show_deadline),
        ),
        route(
            M::PUT,
            "/api/v1/staff/surveys/{slug}/reply-deadline",
            put(replies::put_deadline),
        ),
        route(
            M::DELETE,
            "/api/v1/staff/surveys/{slug}/reply-deadline",
            delete(replies::delete_deadline),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/replies",
            get(replies::list),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/fieldwork",
            get(fieldwork::show),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/weighting",
            get(weighting::show),
        ),
        route(
            M::PUT,
            "/api/v1/staff/surveys/{slug}/weighting",
            put(weighting::put),
        ),
        route(
            M::DELETE,
            "/api/v1/staff/surveys/{slug}/weighting",
            delete(weighting::delete),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/replies/{id}/approve",
            post(replies::approve),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/replies/{id}/reject",
            post(replies::reject),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/corrections",
            post(corrections::create),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/responses",
            get(responses::list),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/ledger",
            get(ledger::show),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/results",
            get(results::show),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/export/{file}",
            get(exports::download),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/clusters",
            get(clusters::list),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/clusters/scan",
            post(clusters::scan),
        ),
        route(
            M::POST,
            "/api/v1/staff/clusters/{id}/decision",
            post(clusters::decide),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/invitations",
            get(invitations::list),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/invitations",
            post(invitations::create),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/invitations/{id}",
            get(invitations::show),
        ),
        route(
            M::GET,
            "/api/v1/staff/surveys/{slug}/invitations/{id}/links.csv",
            get(invitations::links_csv_file),
        ),
        route(
            M::POST,
            "/api/v1/staff/surveys/{slug}/invitations/{id}/revoke",
            post(invitations::revoke),
        ),
        route(M::GET, "/api/v1/staff/responses/{id}", get(responses::show)),
        route(
            M::PUT,
            "/api/v1/staff/responses/{id}/exclusion",
            put(responses::exclude),
        ),
        route(
            M::DELETE,
            "/api/v1/staff/responses/{id}/exclusion",
            delete(responses::restore),
        ),
        route(M::GET, "/api/v1/staff/users", get(users::list)),
        route(M::POST, "/api/v1/staff/users", post(users::create)),
        route(M::PATCH, "/api/v1/staff/users/{id}", patch(users::update)),
        route(M::GET, "/api/v1/staff/tokens", get(tokens::list)),
        route(M::POST, "/api/v1/staff/tokens", post(tokens::create)),
        route(
            M::POST,
            "/api/v1/staff/tokens/{id}/revoke",
            post(tokens::revoke),
        ),
        route(M::GET, "/api/v1/staff/kiosk-keys", get(kiosk_keys::list)),
        route(
            M::POST,
            "/api/v1/staff/kiosk-keys",
            post(kiosk_keys::create),
        ),
        route(
            M::POST,
            "/api/v1/staff/kiosk-keys/{id}/revoke",
            post(kiosk_keys::revoke),
        ),
        route(M::GET, "/api/v1/staff/audit", get(audit::list)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::policy::{access, Access};
    use domain::Role;

    #[test]
    fn every_route_is_guarded_reads_by_viewers_changes_by_editors_people_by_admins() {
        // An invitation batch's own routes show its codes, each a verified answer.
        let prints_invitations = |path: &str| path.contains("/invitations/{id}");
        for route in routes() {
            let needed = match access(&route.method, route.path) {
                Access::Staff(role) => role,
                other => panic!("{} {} is not guarded: {other:?}", route.method, route.path),
            };
            let admin_area = ["/users", "/tokens", "/kiosk-keys", "/audit"]
                .iter()
                .any(|area| route.path.starts_with(&format!("/api/v1/staff{area}")));
            let expected = if admin_area {
                Role::Admin
            } else if route.method == Method::GET && !prints_invitations(route.path) {
                Role::Viewer
            } else {
                Role::Editor
            };
            assert_eq!(needed, expected, "{} {}", route.method, route.path);
        }
    }
}
