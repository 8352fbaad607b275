//! Share cards: a link to the home, a survey or a results page shared in a chat app shows a
//! title, a description in the reader's language and, for results, the ranking chart.

use crate::on_both_databases;
use crate::support::TestApp;

/// The `content` of the first `<meta>` with this name or property, unescaped.
fn meta(html: &str, key: &str) -> Option<String> {
    let at = html
        .find(&format!("name=\"{key}\""))
        .or_else(|| html.find(&format!("property=\"{key}\"")))?;
    let start = html[..at].rfind("<meta")?;
    let tag = &html[start..start + html[start..].find('>')?];
    let content = tag.split("content=\"").nth(1)?.split('"').next()?;
    Some(content.replace("&amp;", "&"))
}

async fn home_survey_and_results_pages_describe_themselves_for_sharing(app: TestApp) {
    app.seed_demo().await;
    for (path, zh_words) in [
        ("/", "每项调查只需几分钟"),
        ("/s/dental-clinics-2026", "匿名，约 2 分钟"),
        ("/r/dental-clinics-2025", "净推荐值排名"),
        ("/sectors", "各行业口碑排名"),
    ] {
        let (status, html) = app.get_with(path, &[("accept-language", "zh-CN")]).await;
        assert_eq!(status, 200, "{path}");
        let description = meta(&html, "description").unwrap_or_default();
        assert!(description.contains(zh_words), "{path}: {description:?}");
        assert_eq!(meta(&html, "og:description"), Some(description.clone()));
        assert!(
            meta(&html, "og:title").is_some_and(|t| !t.is_empty()),
            "{path}"
        );
        assert_eq!(meta(&html, "og:locale").as_deref(), Some("zh_CN"));
        let (_, english) = app.get_with(path, &[("accept-language", "en")]).await;
        let described = meta(&english, "description").unwrap_or_default();
        assert!(
            described.is_ascii() && !described.is_empty(),
            "{path}: {described:?}"
        );
    }
    let (_, html) = app.get_with("/r/dental-clinics-2025", &[]).await;
    let image = meta(&html, "og:image").expect("the ranking chart");
    assert!(
        image.starts_with(&format!("http://{}/charts/", app.addr)),
        "{image}"
    );
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let chart = app.http.get(&image).send().await.expect("GET");
    assert_eq!(chart.status(), 200);
    assert_eq!(chart.headers()["content-type"], "image/png");
}

on_both_databases!(home_survey_and_results_pages_describe_themselves_for_sharing);
