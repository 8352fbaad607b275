//! Preview links (预览链接): a brand sees its own frozen results before the embargo ends, and
//! nothing of any other subject — on the page, in the server function behind it, or on any
//! page it links to. Links expire and can be revoked.

use domain::Role;
use koubei_core::db::timestamp;
use reqwest::Method;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::TestApp;

/// The demo's closed wave (embargoed in these tests) and its sector.
const SLUG: &str = "online-video-2025";
const LINKS: &str = "/api/v1/staff/surveys/online-video-2025/preview-links";

/// The survey's subjects: (slug, zh name, en name), in the survey's order.
pub(crate) async fn subjects(app: &TestApp, survey: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT su.slug, su.name_zh, su.name_en FROM survey_subjects ss
         JOIN subjects su ON su.id = ss.subject_id JOIN surveys sv ON sv.id = ss.survey_id
         WHERE sv.slug = $1 ORDER BY ss.position",
    )
    .bind(survey)
    .fetch_all(app.db.pool())
    .await
    .expect("subjects")
}

async fn embargo_a_day_ahead(app: &TestApp, token: &str) {
    let at = OffsetDateTime::now_utc() + Duration::days(1);
    let typed = timestamp::council_minute(&timestamp::format(at)).expect("a minute");
    let set = app
        .staff(
            Method::PUT,
            "/api/v1/staff/surveys/online-video-2025/embargo",
            Some(token),
            Some(&json!({ "publish_at": typed })),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.json);
}

async fn make_link(app: &TestApp, token: &str, subject: &str) -> Value {
    let made = app
        .staff(
            Method::POST,
            LINKS,
            Some(token),
            Some(&json!({ "subject": subject })),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.json);
    made.json
}

/// The path of a link's address (the test server's host is the one that made it).
fn path_of(made: &Value) -> String {
    let url = made["url"].as_str().expect("url");
    let path = &url[url.find("/preview/").expect("a preview address")..];
    assert_eq!(
        path,
        format!("/preview/{}", made["token"].as_str().expect("token"))
    );
    path.to_string()
}

/// Nothing of another subject: not its slug, nor its name in either language.
fn assert_shows_no_other(
    body: &str,
    own: &(String, String, String),
    all: &[(String, String, String)],
    place: &str,
) {
    for (slug, zh, en) in all.iter().filter(|s| s.0 != own.0) {
        for word in [slug, zh, en] {
            if own.1.contains(word.as_str()) || own.2.contains(word.as_str()) {
                continue;
            }
            assert!(
                !body.contains(word.as_str()),
                "{place} names {word} (another subject)"
            );
        }
    }
}

/// Same-origin addresses a page links to or loads.
fn local_links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"/", "src=\"/"] {
        for piece in html.split(attribute).skip(1) {
            if let Some(end) = piece.find('"') {
                let path = format!("/{}", &piece[..end]).replace("&amp;", "&");
                if !found.contains(&path) {
                    found.push(path);
                }
            }
        }
    }
    found
}

async fn a_preview_shows_its_own_brand_and_nothing_of_any_other(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    embargo_a_day_ahead(&app, &editor).await;
    let all = subjects(&app, SLUG).await;
    assert!(all.len() >= 3);
    for own in &all {
        let made = make_link(&app, &editor, &own.0).await;
        let path = path_of(&made);
        for (language, name) in [("zh-CN", &own.1), ("en", &own.2)] {
            let response = app
                .http
                .get(app.url(&path))
                .header("accept-language", language)
                .send()
                .await
                .expect("GET");
            assert_eq!(response.status(), 200);
            let headers = response.headers().clone();
            assert_eq!(headers["cache-control"], "no-store");
            assert!(headers["x-robots-tag"]
                .to_str()
                .is_ok_and(|v| v.contains("noindex")));
            let html = response.text().await.expect("body");
            assert!(
                html.contains(name.as_str()),
                "{language}: the brand's own name"
            );
            assert!(html.contains(r#"data-testid="preview-banner""#));
            assert_shows_no_other(&html, own, &all, &path);
            for linked in local_links(&html) {
                if linked.starts_with("/preview/") {
                    continue;
                }
                let (_, body) = app
                    .get_with(&linked, &[("accept-language", language)])
                    .await;
                assert_shows_no_other(&body, own, &all, &linked);
            }
        }
        // The server function behind the page answers with the same cut.
        let data = app
            .http
            .post(app.url("/fn/preview-page"))
            .form(&[("token", made["token"].as_str().expect("token"))])
            .send()
            .await
            .expect("POST");
        assert_eq!(data.status(), 200);
        let body = data.text().await.expect("body");
        assert!(body.contains(own.0.as_str()));
        assert_shows_no_other(&body, own, &all, "/fn/preview-page");
    }
}

async fn links_expire_are_revoked_and_say_so_and_unknown_ones_are_404(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let viewer = app.token(Role::Viewer).await;
    let all = subjects(&app, SLUG).await;
    let brand = &all[0];

    // Before any embargo: the link works but has nothing frozen to show.
    let early = make_link(&app, &editor, &brand.0).await;
    let (status, html) = app
        .get_with(&path_of(&early), &[("accept-language", "zh-CN")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("结果尚未冻结"), "{html}");
    embargo_a_day_ahead(&app, &editor).await;
    let (_, html) = app
        .get_with(&path_of(&early), &[("accept-language", "zh-CN")])
        .await;
    assert!(html.contains("将于") && html.contains("公开"), "{html}");

    // Expired: 410 in words.
    sqlx::query("UPDATE preview_links SET expires_at = $1 WHERE id = $2")
        .bind("2020-01-01T00:00:00.000Z")
        .bind(early["id"].as_str().expect("id"))
        .execute(app.db.pool())
        .await
        .expect("expire");
    let (status, html) = app
        .get_with(&path_of(&early), &[("accept-language", "en")])
        .await;
    assert_eq!(status, 410);
    assert!(html.contains("This preview link has expired"), "{html}");
    assert!(!html.contains(brand.2.as_str()));

    // Revoked: the same 404 as a link that never was.
    let revoked = make_link(&app, &editor, &brand.0).await;
    let id = revoked["id"].as_str().expect("id");
    let by_viewer = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/preview-links/{id}/revoke"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(by_viewer.status, 403);
    let done = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/preview-links/{id}/revoke"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.json);
    assert!(done.json["revoked_at"].is_string());
    assert_eq!(app.get(&path_of(&revoked)).await.status(), 404);
    for path in [
        format!("/preview/{}", "0".repeat(64)),
        "/preview/not-a-token".to_string(),
        format!("/preview/{}", "A".repeat(64)),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
    let unknown = app
        .staff(
            Method::POST,
            "/api/v1/staff/preview-links/nope/revoke",
            Some(&editor),
            None,
        )
        .await;
    assert_eq!((unknown.status, unknown.code()), (404, "not_found"));

    // Lists never show the secret; making one checks its subject and days.
    let listed = app.staff(Method::GET, LINKS, Some(&viewer), None).await;
    assert_eq!(listed.status, 200);
    let text = listed.json.to_string();
    assert!(!text.contains(early["token"].as_str().expect("token")));
    assert!(!text.contains("\"url\""));
    assert_eq!(listed.json.as_array().map(Vec::len), Some(2));
    for (body, field, code) in [
        (
            json!({ "subject": "no-such-brand" }),
            "subject",
            "unknown_subject",
        ),
        (
            json!({ "subject": brand.0, "days": 0 }),
            "days",
            "out_of_range",
        ),
        (
            json!({ "subject": brand.0, "days": 91 }),
            "days",
            "out_of_range",
        ),
    ] {
        let refused = app
            .staff(Method::POST, LINKS, Some(&editor), Some(&body))
            .await;
        assert_eq!(
            (refused.status, refused.field()),
            (422, field),
            "{}",
            refused.json
        );
        assert_eq!(refused.json["error"]["problems"][0]["code"], code);
    }
    let by_viewer = app
        .staff(
            Method::POST,
            LINKS,
            Some(&viewer),
            Some(&json!({ "subject": brand.0 })),
        )
        .await;
    assert_eq!(by_viewer.status, 403);
    let logged = app.audit_actions("preview_link.%").await;
    assert_eq!(
        logged,
        [
            "preview_link.create",
            "preview_link.create",
            "preview_link.revoke"
        ]
    );
}

async fn the_console_makes_a_letter_with_the_link_once_and_revokes_it(app: TestApp) {
    app.seed_demo().await;
    let all = subjects(&app, SLUG).await;
    let console = Console::as_role(&app, Role::Editor).await;
    let page = format!("/console/surveys/{SLUG}/preview-links");
    let (status, html) = console.get(&page).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!(
            r#"<option value="{}">{}</option>"#,
            all[0].0, all[0].1
        )),
        "{html}"
    );
    let made = console
        .post(&page, &[("subject", all[1].0.as_str()), ("days", "7")])
        .await;
    assert_eq!(made.status(), 200);
    let html = made.text().await.expect("body");
    assert!(
        html.contains(&format!("致{}：结果预览", all[1].1)),
        "{html}"
    );
    let start = html.find("/preview/").expect("the address is shown");
    let token: String = html[start + 9..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64);
    let (_, again) = console.get(&page).await;
    assert!(!again.contains(&token), "the address is shown once");
    let refused = console
        .post(&page, &[("subject", all[1].0.as_str()), ("days", "365")])
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .expect("body")
        .contains("有效天数须在 1 到 90 之间"));

    // This wave's link (the demo's published waves carry links of their own).
    let (id,): (String,) = sqlx::query_as(
        "SELECT p.id FROM preview_links p JOIN surveys sv ON sv.id = p.survey_id
         WHERE sv.slug = $1",
    )
    .bind(SLUG)
    .fetch_one(app.db.pool())
    .await
    .expect("the link");
    let revoked = console.post(&format!("{page}/{id}/revoke"), &[]).await;
    assert_eq!(revoked.status(), 303);
    let (_, html) = console.get(&format!("{page}?done=revoked")).await;
    assert!(html.contains("预览链接已撤销") && html.contains("已撤销"));
    assert_eq!(app.get(&format!("/preview/{token}")).await.status(), 404);
    let elsewhere = console
        .post(
            &format!("/console/surveys/dental-clinics-2025/preview-links/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(
        elsewhere.status(),
        404,
        "a link is revoked only under its own survey"
    );
}

on_both_databases!(
    a_preview_shows_its_own_brand_and_nothing_of_any_other,
    links_expire_are_revoked_and_say_so_and_unknown_ones_are_404,
    the_console_makes_a_letter_with_the_link_once_and_revokes_it,
);
