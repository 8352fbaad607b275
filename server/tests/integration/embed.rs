//! Widgets for other sites: the ranking and score-card iframes, badges, oEmbed, the security
//! headers that let only widgets be framed, and caching of the public API.

use crate::on_both_databases;
use crate::support::TestApp;

const SLUG: &str = "dental-clinics-2025";

async fn results(app: &TestApp) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/surveys/{SLUG}/results")).await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.expect("results JSON")
}

async fn the_ranking_widget_lists_every_ranked_subject_with_its_date_and_a_link(app: TestApp) {
    app.seed_demo().await;
    let results = results(&app).await;
    let published_at = results["snapshot"]["published_at"].as_str().expect("date");
    let response = app
        .http
        .get(app.url(&format!("/embed/{SLUG}?lang=en")))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("present")
        .starts_with("text/html"));
    let html = response.text().await.expect("body");
    for subject in results["results"]["subjects"].as_array().expect("subjects") {
        let name = subject["name_en"].as_str().expect("name");
        assert!(html.contains(name), "{name} missing from the widget");
    }
    assert!(html.contains(&published_at[..10]), "snapshot date");
    assert!(html.contains("href=\"/r/dental-clinics-2025/1\" target=\"_blank\" rel=\"noopener\""));
    // Chinese by default, or when the browser asks for it.
    let (status, zh) = app
        .get_with(&format!("/embed/{SLUG}"), &[("accept-language", "zh-CN")])
        .await;
    assert_eq!(status, 200);
    assert!(zh.contains("lang=\"zh-CN\""));
    let first = &results["results"]["subjects"][0]["name_zh"];
    assert!(zh.contains(first.as_str().expect("present")));
}

async fn the_subject_card_shows_one_subject_and_pinned_snapshots_are_immutable(app: TestApp) {
    app.seed_demo().await;
    let results = results(&app).await;
    let subject = &results["results"]["subjects"][0];
    let response = app
        .http
        .get(app.url(&format!(
            "/embed/{SLUG}/{}?snapshot=1&lang=en&theme=dark",
            subject["subject"].as_str().expect("present")
        )))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["cache-control"]
        .to_str()
        .expect("present")
        .contains("immutable"));
    let html = response.text().await.expect("body");
    assert!(html.contains(subject["name_en"].as_str().expect("present")));
    assert!(html.contains(&format!("{}", subject["n"])));
    assert!(html.contains("class=\"dark\""));
    assert!(html.contains("/r/dental-clinics-2025/1"));
}

async fn unknown_surveys_subjects_and_snapshots_are_not_found(app: TestApp) {
    app.seed_demo().await;
    for path in [
        "/embed/no-such-survey".to_string(),
        format!("/embed/{SLUG}/no-such-subject"),
        format!("/embed/{SLUG}?snapshot=99"),
        format!("/embed/{SLUG}?snapshot=abc"),
        format!("/badge/{SLUG}/no-such-subject.svg"),
        "/badge/no-such-survey/smile-line-dental.svg".to_string(),
    ] {
        let (status, body) = app.get_with(&path, &[]).await;
        assert_eq!(status, 404, "{path}");
        // In the reader's language, in words (the default is Chinese) …
        assert_eq!(body, "未找到：这份结果不存在，或尚未发布。", "{path}");
    }
    // … or in English when the widget asks for it.
    let (status, body) = app
        .get_with(
            "/embed/no-such-survey?lang=en",
            &[("accept-language", "zh-CN")],
        )
        .await;
    assert_eq!(status, 404);
    assert!(body.starts_with("Not found: these results"), "{body}");
    // A survey that is open, not published, has no widget.
    let open = app.get("/api/v1/surveys").await;
    let surveys: serde_json::Value = open.json().await.expect("list");
    let unpublished = surveys
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["status"] != "published")
        .and_then(|s| s["slug"].as_str())
        .expect("an open demo survey")
        .to_string();
    let (status, _) = app.get_with(&format!("/embed/{unpublished}"), &[]).await;
    assert_eq!(status, 404);
}

async fn widgets_set_no_cookies_even_when_the_request_has_some(app: TestApp) {
    app.seed_demo().await;
    for path in [
        format!("/embed/{SLUG}"),
        format!("/embed/{SLUG}/smile-line-dental"),
        format!("/badge/{SLUG}/smile-line-dental.svg"),
    ] {
        let response = app
            .http
            .get(app.url(&path))
            .header(
                "cookie",
                "koubei_lang=en; koubei_staff=forged; koubei_respondent=x",
            )
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        assert!(response.headers().get("set-cookie").is_none(), "{path}");
    }
}

async fn only_widgets_may_be_framed(app: TestApp) {
    app.seed_demo().await;
    let widget = app.get(&format!("/embed/{SLUG}")).await;
    let policy = widget.headers()["content-security-policy"]
        .to_str()
        .expect("present");
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    assert!(widget.headers().get("x-frame-options").is_none());
    assert_eq!(widget.headers()["x-content-type-options"], "nosniff");
    for path in ["/", "/console/sign-in", "/api/v1/surveys"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let policy = headers["content-security-policy"]
            .to_str()
            .expect("present");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("object-src 'none'"), "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
    }
    // Pages allow their own inline scripts by this response's nonce, and nothing else inline.
    let home = app.get("/").await;
    let policy = home.headers()["content-security-policy"]
        .to_str()
        .expect("present")
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page policy")
        .to_string();
    assert!(policy.contains("'wasm-unsafe-eval'"));
    let html = home.text().await.expect("body");
    let inline = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(inline > 0);
    assert_eq!(inline, with_nonce, "every script carries the nonce");
}

async fn a_badge_is_an_svg_with_the_subject_name(app: TestApp) {
    app.seed_demo().await;
    let response = app
        .http
        .get(app.url(&format!("/badge/{SLUG}/smile-line-dental.svg?lang=en")))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("present")
        .starts_with("image/svg+xml"));
    let svg = response.text().await.expect("body");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("Smile Line Dental"));
    assert!(svg.contains("NPS "));
    // The interval as on the results page, never "± half-width" (wrong when asymmetric).
    assert!(svg.contains(" [") && !svg.contains('±'), "{svg}");
}

async fn oembed_describes_results_pages_of_this_host(app: TestApp) {
    app.seed_demo().await;
    let page = format!("http://{}/r/{SLUG}/1", app.addr);
    let response = app
        .http
        .get(app.url("/oembed"))
        .query(&[
            ("url", page.as_str()),
            ("format", "json"),
            ("maxwidth", "400"),
        ])
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["version"], "1.0");
    assert_eq!(body["type"], "rich");
    assert_eq!(body["width"], 400);
    assert!(body["height"].as_u64().expect("present") > 100);
    let html = body["html"].as_str().expect("present");
    assert!(
        html.starts_with(&format!(
            "<iframe src=\"http://{}/embed/{SLUG}?snapshot=1\"",
            app.addr
        )),
        "{html}"
    );
    let latest = format!("http://{}/r/{SLUG}", app.addr);
    let status = |query: Vec<(&'static str, String)>| {
        let request = app.http.get(app.url("/oembed")).query(&query);
        async move { request.send().await.expect("GET").status().as_u16() }
    };
    assert_eq!(status(vec![("url", latest.clone())]).await, 200);
    assert_eq!(
        status(vec![("url", latest.clone()), ("format", "xml".into())]).await,
        501
    );
    assert_eq!(status(vec![]).await, 400);
    assert_eq!(
        status(vec![("url", format!("https://example.com/r/{SLUG}"))]).await,
        400
    );
    assert_eq!(
        status(vec![(
            "url",
            format!("http://{}/r/no-such-survey", app.addr)
        )])
        .await,
        404
    );
    assert_eq!(
        status(vec![("url", format!("http://{}/r/{SLUG}/9", app.addr))]).await,
        404
    );
}

async fn the_survey_list_has_an_etag_and_answers_304(app: TestApp) {
    app.seed_demo().await;
    let first = app.get("/api/v1/surveys").await;
    assert_eq!(first.status().as_u16(), 200);
    assert_eq!(first.headers()["access-control-allow-origin"], "*");
    assert!(first.headers().get("cache-control").is_some());
    let tag = first.headers()["etag"]
        .to_str()
        .expect("present")
        .to_string();
    let again = app
        .http
        .get(app.url("/api/v1/surveys"))
        .header("if-none-match", &tag)
        .send()
        .await
        .expect("GET");
    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    let one = app.get(&format!("/api/v1/surveys/{SLUG}")).await;
    assert_eq!(one.status().as_u16(), 200);
    let tag = one.headers()["etag"].to_str().expect("present").to_string();
    let (status, _) = app
        .get_with(
            &format!("/api/v1/surveys/{SLUG}"),
            &[("if-none-match", &tag)],
        )
        .await;
    assert_eq!(status, 304);
}

async fn sectors_and_their_snapshots_are_public_and_cacheable(app: TestApp) {
    app.seed_demo().await;
    let sectors = app.get("/api/v1/sectors").await;
    assert_eq!(sectors.status().as_u16(), 200);
    assert!(sectors.headers().get("etag").is_some());
    let sectors: serde_json::Value = sectors.json().await.expect("JSON");
    let dental = sectors
        .as_array()
        .expect("array")
        .iter()
        .find(|s| {
            s["surveys"]
                .as_array()
                .is_some_and(|v| v.iter().any(|s| s["slug"] == SLUG))
        })
        .expect("the dental sector");
    let slug = dental["slug"].as_str().expect("slug");
    let waves = app.get(&format!("/api/v1/sectors/{slug}/snapshots")).await;
    assert_eq!(waves.status().as_u16(), 200);
    assert_eq!(waves.headers()["access-control-allow-origin"], "*");
    let waves: serde_json::Value = waves.json().await.expect("JSON");
    assert_eq!(waves[0]["survey"], SLUG);
    assert_eq!(waves[0]["snapshots"][0]["number"], 1);
    let (status, _) = app
        .get_with("/api/v1/sectors/no-such-sector/snapshots", &[])
        .await;
    assert_eq!(status, 404);
}

on_both_databases!(
    sectors_and_their_snapshots_are_public_and_cacheable,
    the_ranking_widget_lists_every_ranked_subject_with_its_date_and_a_link,
    the_subject_card_shows_one_subject_and_pinned_snapshots_are_immutable,
    unknown_surveys_subjects_and_snapshots_are_not_found,
    widgets_set_no_cookies_even_when_the_request_has_some,
    only_widgets_may_be_framed,
    a_badge_is_an_svg_with_the_subject_name,
    oembed_describes_results_pages_of_this_host,
    the_survey_list_has_an_etag_and_answers_304,
);
