//! Every answer carries a Content Security Policy whose `script-src` allows no inline script
//! except by a fresh nonce: each GET route of every route table (public API, widgets, charts,
//! page mechanics, console, staff API) and every page, filled in from the demo data and asked
//! by a signed-in admin — found or not.

use axum::http::Method;
use domain::Role;
use koubei_server::route_table::table;

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::{script_nonce, TestApp};

/// A route's path with its parameters filled in from the demo data.
fn filled(path: &str) -> String {
    let file = if path.starts_with("/charts") {
        "ranking.svg"
    } else if path.starts_with("/badge") {
        "haochi-dental.svg"
    } else {
        "results.csv"
    };
    path.replace("{slug}", "dental-clinics-2025")
        .replace("{sector}", "dental-clinics")
        .replace("{subject}", "haochi-dental")
        .replace("{file}", file)
        .replace("{tag}", "en")
        .replace("{id}", "01a00000-0000-7000-8000-000000000000")
}

/// Every GET path: the route tables' and the pages'.
fn every_get_path() -> Vec<String> {
    let tables = [
        koubei_server::public_routes::documented_table(),
        table(koubei_server::public_routes::page_mechanics()),
        table(koubei_server::console::routes()),
        table(koubei_server::api::staff::routes()),
    ];
    let mut paths: Vec<String> = tables
        .into_iter()
        .flatten()
        .filter(|(method, _)| *method == Method::GET)
        .map(|(_, path)| filled(path))
        .collect();
    paths.extend(
        [
            "/",
            "/tools/nps",
            "/s/dental-clinics-2026",
            "/s/dental-clinics-2026/thanks",
            "/r/dental-clinics-2025",
            "/r/dental-clinics-2025/1",
            "/sectors/dental-clinics",
            "/no-such-page",
        ]
        .map(String::from),
    );
    paths
}

/// The sources `script-src` allows, one token each.
fn script_sources(policy: &str) -> Vec<String> {
    policy
        .split(';')
        .map(str::trim)
        .find_map(|directive| directive.strip_prefix("script-src "))
        .map(|sources| sources.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

async fn every_get_route_has_a_policy_without_unsafe_script(app: TestApp) {
    app.seed_demo().await;
    let admin = Console::as_role(&app, Role::Admin).await;
    let paths = every_get_path();
    assert!(
        paths.len() > 60,
        "the route tables were read: {}",
        paths.len()
    );
    for path in paths {
        let response = app
            .http
            .get(app.url(&path))
            .header("cookie", &admin.cookie)
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        assert!(status < 500, "{path}: {status}");
        let policy = response
            .headers()
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path} ({status}) has no Content-Security-Policy"))
            .to_str()
            .expect("ascii")
            .to_string();
        let sources = script_sources(&policy);
        assert!(!sources.is_empty(), "{path}: no script-src in {policy}");
        for forbidden in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"] {
            assert!(
                !sources.iter().any(|s| s == forbidden),
                "{path}: script-src allows {forbidden}: {policy}"
            );
        }
    }
}

/// Two renders, two nonces. (A published view kept in memory is one render served again: its
/// nonce was drawn before its bytes were fixed, so no content can carry it; see
/// `published_cache.rs`.) The survey form is rendered for every visit.
async fn two_renders_of_a_page_get_different_nonces(app: TestApp) {
    app.seed_demo().await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = app.get("/s/dental-clinics-2026").await;
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        let html = response.text().await.expect("HTML");
        let nonce = script_nonce(&html)
            .expect("inline scripts carry a nonce")
            .to_string();
        assert!(
            script_sources(&policy).contains(&format!("'nonce-{nonce}'")),
            "{policy}"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1]);
}

on_both_databases!(
    every_get_route_has_a_policy_without_unsafe_script,
    two_renders_of_a_page_get_different_nonces,
);

mod csrf {
    //! Every state-changing console route refuses a session's request without its own CSRF
    //! token: none at all, or another session's.

    use super::*;

    async fn every_console_change_needs_its_own_sessions_token(app: TestApp) {
        app.seed_demo().await;
        let admin = Console::as_role(&app, Role::Admin).await;
        let other = Console::as_role(&app, Role::Editor).await;
        let changes: Vec<String> = table(koubei_server::console::routes())
            .into_iter()
            .filter(|(method, path)| *method != Method::GET && *path != "/console/sign-in")
            .map(|(_, path)| filled(path))
            .collect();
        assert!(changes.len() > 15, "{changes:?}");
        for path in changes {
            for token in [None, Some(other.csrf.as_str())] {
                let mut form = vec![("name", "x")];
                if let Some(token) = token {
                    form.push(("csrf", token));
                }
                let response = app
                    .http
                    .post(app.url(&path))
                    .header("cookie", &admin.cookie)
                    .form(&form)
                    .send()
                    .await
                    .expect("POST");
                assert_eq!(
                    response.status().as_u16(),
                    403,
                    "{path} with {}",
                    if token.is_some() {
                        "another session's token"
                    } else {
                        "no token"
                    }
                );
            }
        }
        // The session itself is unharmed: its own token still works.
        assert_eq!(admin.get("/console").await.0, 200);
    }

    on_both_databases!(every_console_change_needs_its_own_sessions_token);
}
