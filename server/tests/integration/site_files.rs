//! The built site's files (bundle, styles, icons) served side by side with pages: a file's
//! response must never carry a page's headers, and a page must keep its own. Browsers fetch a
//! page's files while other pages are still rendering, so this is the everyday case.

use std::collections::HashSet;

use tokio::task::JoinSet;

use crate::support::fixtures::sector_with_survey;
use crate::support::{script_nonce, TestApp};

const PAGE: &str = "/s/clinics-survey";
const FILE: &str = "/pkg/koubei.css";
const ROUNDS: usize = 20;
const PAGES_PER_ROUND: usize = 8;
/// As a browser does: each page's files are fetched beside the other pages.
const FILES_PER_PAGE: usize = 3;

enum Fetched {
    Page {
        policy: String,
        cookie: Option<String>,
        html: String,
    },
    File {
        status: u16,
        cookie: Option<String>,
        policy: String,
    },
}

async fn fetch(http: reqwest::Client, url: String, is_page: bool) -> Fetched {
    let response = http.get(url).send().await.expect("GET");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().expect("ascii").to_string())
    };
    let policy = header("content-security-policy").unwrap_or_default();
    let cookie = header("set-cookie");
    let status = response.status().as_u16();
    if is_page {
        assert_eq!(status, 200, "the survey page");
        let html = response.text().await.expect("HTML");
        Fetched::Page {
            policy,
            cookie,
            html,
        }
    } else {
        Fetched::File {
            status,
            cookie,
            policy,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_served_beside_rendering_pages_never_take_their_headers() {
    // A site of its own: the test does not depend on a build having run.
    let site = tempfile::tempdir().expect("site folder");
    std::fs::create_dir(site.path().join("pkg")).expect("pkg folder");
    std::fs::write(site.path().join("pkg/koubei.css"), "body { margin: 0 }").expect("stylesheet");
    let Some(app) =
        TestApp::spawn_with_site_root(koubei_core::db::Backend::Sqlite, site.path()).await
    else {
        return;
    };
    sector_with_survey(&app.db, "clinics").await;
    let mut cookies = HashSet::new();
    for _ in 0..ROUNDS {
        let mut requests = JoinSet::new();
        for _ in 0..PAGES_PER_ROUND {
            requests.spawn(fetch(app.http.clone(), app.url(PAGE), true));
            for _ in 0..FILES_PER_PAGE {
                requests.spawn(fetch(app.http.clone(), app.url(FILE), false));
            }
        }
        for fetched in requests.join_all().await {
            match fetched {
                Fetched::Page {
                    policy,
                    cookie,
                    html,
                } => {
                    let nonce = script_nonce(&html).expect("the page has inline scripts");
                    assert!(
                        policy.contains(&format!("'nonce-{nonce}'")),
                        "the page's policy must allow its own scripts (nonce {nonce}): {policy}"
                    );
                    let cookie = cookie.expect("a first visit gets a respondent cookie");
                    assert!(cookie.starts_with("koubei_respondent="), "{cookie}");
                    assert!(
                        cookies.insert(cookie),
                        "every visitor gets a cookie of their own"
                    );
                }
                Fetched::File {
                    status,
                    cookie,
                    policy,
                } => {
                    assert_eq!(status, 200, "{FILE} is in the built site");
                    assert_eq!(cookie, None, "a file must not carry a page's cookie");
                    assert!(
                        !policy.contains("nonce"),
                        "a file got a page's policy: {policy}"
                    );
                }
            }
        }
    }
}
