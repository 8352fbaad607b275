//! Publication day: published views served from memory, and never a stale or foreign one.

use reqwest::Method;

use crate::on_both_databases;
use crate::support::TestApp;

const RESULTS: &str = "/r/dental-clinics-2025";

/// GET with headers; status, the named response headers, and the body as bytes.
async fn fetch(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    wanted: &[&str],
) -> (u16, Vec<Option<String>>, Vec<u8>) {
    let mut request = app.http.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("GET");
    let status = response.status().as_u16();
    let found = wanted
        .iter()
        .map(|name| {
            response
                .headers()
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .collect();
    (
        status,
        found,
        response.bytes().await.expect("body").to_vec(),
    )
}

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip body");
    text
}

async fn a_published_page_is_kept_compressed_and_answers_304_to_its_tag(app: TestApp) {
    app.seed_demo().await;
    // An address is kept from its second request on: one made up once costs no compression.
    let (_, unkept, _) = fetch(&app, RESULTS, &[], &["etag"]).await;
    assert_eq!(
        unkept[0], None,
        "the first request renders as if there were no cache"
    );
    let (status, first, plain) = fetch(&app, RESULTS, &[], &["etag", "content-encoding"]).await;
    assert_eq!(status, 200);
    let etag = first[0].clone().expect("an ETag");
    assert_eq!(first[1], None, "no coding asked, none given");
    let (status, second, zipped) = fetch(
        &app,
        RESULTS,
        &[("accept-encoding", "gzip")],
        &[
            "etag",
            "content-encoding",
            "vary",
            "content-security-policy",
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        second[0].as_deref(),
        Some(etag.as_str()),
        "one view, one tag"
    );
    assert_eq!(second[1].as_deref(), Some("gzip"));
    assert_eq!(second[2].as_deref(), Some("accept-encoding"));
    assert_eq!(
        gunzip(&zipped).as_bytes(),
        &plain[..],
        "the same page, compressed"
    );

    let (status, _, body) = fetch(&app, RESULTS, &[("if-none-match", &etag)], &[]).await;
    assert_eq!(status, 304);
    assert!(body.is_empty());

    // A kept page with scripts (the home page's finder) keeps the nonce its policy allows.
    // Rendered, rendered and kept, then served from memory: each time nonce and policy agree.
    for _ in 0..3 {
        let (_, headers, html) = fetch(&app, "/", &[], &["content-security-policy"]).await;
        let html = String::from_utf8(html).expect("UTF-8");
        let nonce = crate::support::script_nonce(&html).expect("a nonce");
        let policy = headers[0].clone().expect("a policy");
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
    }
}

async fn a_kept_view_is_served_until_the_public_version_moves(app: TestApp) {
    app.seed_demo().await;
    let english = [("accept-language", "en")];
    fetch(&app, "/", &english, &[]).await;
    let (_, _, before) = fetch(&app, "/", &english, &[]).await;
    assert!(String::from_utf8_lossy(&before).contains("Dental clinic chains"));
    // A change behind the application's back (no audit, no snapshot) is not seen: the page
    // comes from memory.
    sqlx::query("UPDATE sectors SET name_en = 'Tooth menders' WHERE slug = 'dental-clinics'")
        .execute(app.db.pool())
        .await
        .expect("rename");
    let (_, _, kept) = fetch(&app, "/", &english, &[]).await;
    assert_eq!(kept, before, "served from memory");
    // Any audited change (here one made by the CLI's authority, as another instance or a script
    // would) moves the public version: the next reader gets a fresh page.
    app.token_named("any-change", domain::Role::Viewer).await;
    let (_, _, fresh) = fetch(&app, "/", &english, &[]).await;
    assert!(String::from_utf8_lossy(&fresh).contains("Tooth menders"));
}

async fn a_staff_change_through_this_server_is_seen_at_once(app: TestApp) {
    app.seed_demo().await;
    let token = app.token(domain::Role::Admin).await;
    fetch(&app, "/api/v1/sectors", &[], &[]).await;
    let (_, _, before) = fetch(&app, "/api/v1/sectors", &[], &[]).await;
    assert!(!String::from_utf8_lossy(&before).contains("Smile makers"));
    let sector = app
        .staff(
            Method::GET,
            "/api/v1/staff/sectors/dental-clinics",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(sector.status, 200, "{}", sector.json);
    let mut name = sector.json["name"].clone();
    name["en"] = "Smile makers".into();
    let body = serde_json::json!({ "slug": "dental-clinics", "name": name, "active": true });
    let saved = app
        .staff(
            Method::PUT,
            "/api/v1/staff/sectors/dental-clinics",
            Some(&token),
            Some(&body),
        )
        .await;
    assert!(saved.status < 300, "{}", saved.json);
    let (_, _, after) = fetch(&app, "/api/v1/sectors", &[], &[]).await;
    assert!(String::from_utf8_lossy(&after).contains("Smile makers"));
}

async fn variants_never_leak_into_each_other(app: TestApp) {
    app.seed_demo().await;
    // Each variant is asked for twice (kept from the second time), then read back.
    let twice = |headers: &'static [(&'static str, &'static str)]| {
        let app = &app;
        async move {
            fetch(app, RESULTS, headers, &[]).await;
            let (_, _, body) = fetch(app, RESULTS, headers, &[]).await;
            String::from_utf8(body).expect("UTF-8")
        }
    };
    // Another host's page (its share card holds absolute addresses) is kept apart.
    assert!(twice(&[("host", "evil.example")])
        .await
        .contains("http://evil.example/"));
    assert!(!twice(&[]).await.contains("evil.example"));
    // Language and large mode are part of the key.
    assert!(twice(&[("cookie", "koubei_lang=en")])
        .await
        .contains(r#"<html lang="en""#));
    assert!(twice(&[("cookie", "koubei_lang=zh-CN")])
        .await
        .contains(r#"<html lang="zh-CN""#));
    assert!(twice(&[("cookie", "koubei_large_mode=on")])
        .await
        .contains("large-mode"));
    assert!(!twice(&[]).await.contains(r#"class="large-mode""#));
    // A staff token reads live results, never kept ones, and they stay private.
    let token = app.token(domain::Role::Viewer).await;
    let path = "/api/v1/surveys/dental-clinics-2025/results";
    let (_, public, _) = fetch(&app, path, &[], &["cache-control"]).await;
    assert!(public[0]
        .as_deref()
        .is_some_and(|c| c.starts_with("public")));
    let bearer = format!("Bearer {token}");
    let (status, staff, _) = fetch(
        &app,
        &format!("{path}?level=0.9"),
        &[("authorization", &bearer)],
        &["cache-control"],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(staff[0].as_deref(), Some("private, no-store"));
    let (status, _, _) = fetch(&app, &format!("{path}?level=0.9"), &[], &[]).await;
    assert_eq!(
        status, 403,
        "the override stays staff-only after a staff read"
    );
}

on_both_databases!(
    a_published_page_is_kept_compressed_and_answers_304_to_its_tag,
    a_kept_view_is_served_until_the_public_version_moves,
    a_staff_change_through_this_server_is_seen_at_once,
    variants_never_leak_into_each_other,
);
