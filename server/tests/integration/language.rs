use crate::on_both_databases;
use crate::support::TestApp;

async fn switching_language_sets_a_cookie_and_returns_to_the_page(app: TestApp) {
    let response = app.get("/lang/en?next=/%3Fq%3Ddental").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/?q=dental");
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("koubei_lang=en;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");

    // The remembered choice beats the browser's Accept-Language.
    let (_, html) = app
        .get_with(
            "/",
            &[("cookie", "koubei_lang=en"), ("accept-language", "zh-CN")],
        )
        .await;
    assert!(html.contains(r#"<html lang="en""#));
    let (_, html) = app
        .get_with(
            "/",
            &[("cookie", "koubei_lang=zh-CN"), ("accept-language", "en")],
        )
        .await;
    assert!(html.contains(r#"<html lang="zh-CN""#));
}

async fn the_language_switch_never_redirects_off_site(app: TestApp) {
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/%5Cevil.example",
    ] {
        let response = app.get(&format!("/lang/zh-CN?next={next}")).await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/", "next={next}");
    }
}

async fn an_unknown_language_is_refused(app: TestApp) {
    let (status, body) = app.get_with("/lang/fr", &[("accept-language", "en")]).await;
    assert_eq!(status, 404);
    assert!(body.contains("zh-CN or en"));
    let (status, body) = app.get_with("/lang/zh", &[]).await;
    assert_eq!(status, 404, "only exact tags are accepted");
    assert!(body.contains("不支持该语言"));
}

async fn large_mode_is_a_remembered_class_on_every_page_and_turns_off(app: TestApp) {
    let response = app.get("/large-mode/on?next=/s/dental-clinics-2026").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/s/dental-clinics-2026");
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("koubei_large_mode=on;") && cookie.contains("Max-Age=31536000"),
        "{cookie}"
    );
    app.seed_demo().await;
    for page in [
        "/",
        "/s/dental-clinics-2026",
        "/r/dental-clinics-2025",
        "/sectors",
    ] {
        let (status, html) = app
            .get_with(page, &[("cookie", "koubei_lang=en; koubei_large_mode=on")])
            .await;
        assert_eq!(status, 200, "{page}");
        assert!(
            html.contains(r#"<html lang="en" class="large-mode""#),
            "{page}"
        );
        assert!(
            html.contains("/large-mode/off?next="),
            "{page}: the switch back"
        );
        let (_, standard) = app.get_with(page, &[]).await;
        assert!(!standard.contains(r#"class="large-mode""#), "{page}");
        assert!(standard.contains("/large-mode/on?next="), "{page}");
    }
    let off = app.get("/large-mode/off?next=//evil.example/").await;
    assert_eq!(off.status(), 303);
    assert_eq!(off.headers()["location"], "/", "never off site");
    let cookie = off.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.contains("Max-Age=0"),
        "off forgets the choice: {cookie}"
    );
    let (status, body) = app
        .get_with("/large-mode/huge", &[("accept-language", "en")])
        .await;
    assert_eq!(status, 404);
    assert!(body.contains("choose on (large text) or off"));
}

on_both_databases!(
    large_mode_is_a_remembered_class_on_every_page_and_turns_off,
    switching_language_sets_a_cookie_and_returns_to_the_page,
    the_language_switch_never_redirects_off_site,
    an_unknown_language_is_refused,
);

/// Behind our HTTPS proxy the language cookie is `Secure`, like every other cookie we set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_cookie_is_secure_over_https() {
    let app = TestApp::spawn_behind_proxy(koubei_core::db::Backend::Sqlite)
        .await
        .expect("SQLite is always there");
    let response = app
        .http
        .get(app.url("/lang/zh-CN?next=/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("GET");
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("koubei_lang=zh-CN;") && cookie.ends_with("; Secure"),
        "{cookie}"
    );
}
