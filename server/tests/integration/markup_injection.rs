//! Staff-entered text is data, never markup: a survey title, sector or subject name or intro that
//! closes the `<title>` and adds a meta refresh must not send respondents away from any page.

use domain::Role;

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::TestApp;

const PAYLOAD: &str =
    r#"</title><meta http-equiv="refresh" content="0;url=https://evil.example/"><title>"#;

/// What a page must not carry anywhere: the payload as markup.
fn assert_inert(path: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<meta http-equiv")
        .or_else(|| lower.find("</title><meta"));
    assert!(
        at.is_none(),
        "{path} carries the payload as markup: …{}…",
        at.map(|i| &html[i.saturating_sub(300)..(i + 100).min(html.len())])
            .unwrap_or_default()
    );
}

async fn texts_staff_typed_cannot_inject_markup_into_any_page(app: TestApp) {
    app.seed_demo().await;
    for statement in [
        "UPDATE surveys SET title_zh = $1 || '调查', title_en = $1 || ' survey', intro_zh = $1, intro_en = $1",
        "UPDATE sectors SET name_zh = $1 || '行业', name_en = $1 || ' sector'",
        "UPDATE subjects SET name_zh = $1 || '品牌', name_en = $1 || ' brand'",
    ] {
        sqlx::query(statement)
            .bind(PAYLOAD)
            .execute(app.db.pool())
            .await
            .expect("store the payload");
    }
    let surveys: Vec<(String,)> = sqlx::query_as("SELECT slug FROM surveys ORDER BY slug")
        .fetch_all(app.db.pool())
        .await
        .expect("surveys");
    let sectors: Vec<(String,)> = sqlx::query_as("SELECT slug FROM sectors ORDER BY slug")
        .fetch_all(app.db.pool())
        .await
        .expect("sectors");
    let mut public = vec!["/".to_string(), "/tools/nps".to_string()];
    for (slug,) in &surveys {
        public.push(format!("/s/{slug}"));
        public.push(format!("/s/{slug}/thanks"));
        public.push(format!("/r/{slug}"));
        public.push(format!("/r/{slug}/1"));
    }
    for (sector,) in &sectors {
        public.push(format!("/sectors/{sector}"));
    }
    let mut escaped_titles = 0;
    for path in &public {
        for language in ["zh-CN", "en"] {
            let (_, html) = app.get_with(path, &[("accept-language", language)]).await;
            assert_inert(path, &html);
            if html.contains("<title>&lt;/title&gt;&lt;meta") {
                escaped_titles += 1;
            }
        }
    }
    // The payload did reach page titles (as text), so the check above could fail.
    assert!(
        escaped_titles >= 4,
        "only {escaped_titles} titles carried the payload"
    );

    let console = Console::as_role(&app, Role::Admin).await;
    let mut staff_pages = vec![
        "/console".to_string(),
        "/console/sectors".to_string(),
        "/console/kiosk-keys".to_string(),
    ];
    for (slug,) in &surveys {
        staff_pages.push(format!("/console/surveys/{slug}"));
        staff_pages.push(format!("/console/surveys/{slug}/edit"));
        for page in ["poster", "preview", "embed", "responses"] {
            staff_pages.push(format!("/console/surveys/{slug}/{page}"));
        }
    }
    for (sector,) in &sectors {
        staff_pages.push(format!("/console/sectors/{sector}"));
    }
    for path in &staff_pages {
        let (_, html) = console.get(path).await;
        assert_inert(path, &html);
    }
}

on_both_databases!(texts_staff_typed_cannot_inject_markup_into_any_page);
