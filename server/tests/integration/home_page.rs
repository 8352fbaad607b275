use crate::on_both_databases;
use crate::support::TestApp;

const SECTORS_ZH: [&str; 5] = [
    "养老服务机构",
    "连锁口腔诊所",
    "预制菜品牌",
    "在线视频平台",
    "健康体检机构",
];

/// The part of the page a reader sees: the list must be in the HTML itself, not in a template
/// that only JavaScript would move into place. Island props (the data the browser gets to
/// filter with, in both languages) are left out: nobody reads them.
fn main_content(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a closed <main>");
    let mut visible = String::new();
    let mut rest = &html[start..end];
    while let Some(at) = rest.find(r#"data-props=""#) {
        visible.push_str(&rest[..at]);
        let after = &rest[at + r#"data-props=""#.len()..];
        rest = after.find('"').map_or("", |close| &after[close + 1..]);
    }
    visible.push_str(rest);
    visible
}

async fn the_home_page_lists_the_open_surveys_by_sector_in_chinese(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app.get_with("/", &[]).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"<html lang="zh-CN""#),
        "lang attribute: {html:.300}"
    );
    let main = main_content(&html);
    for name in SECTORS_ZH {
        assert!(main.contains(name), "{name} missing from the home page");
    }
    assert_eq!(main.matches(r#"data-testid="sector""#).count(), 5);
    assert!(main.contains(r#"href="/s/dental-clinics-2026""#));
    assert!(main.contains("8 个品牌/机构"));
    assert!(html.contains("/pkg/koubei.js"), "hydration script missing");
}

async fn the_home_page_speaks_english_to_english_browsers(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app
        .get_with("/", &[("accept-language", "en-GB,en;q=0.9,zh;q=0.3")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#));
    let main = main_content(&html);
    assert!(main.contains("Open word-of-mouth surveys"));
    assert!(main.contains("Dental clinic chains"));
    assert!(main.contains("8 brands and institutions"));
    assert!(!main.contains("连锁口腔诊所"));
}

async fn the_filter_narrows_the_list_without_javascript(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app.get_with("/?q=%E5%8F%A3%E8%85%94", &[]).await; // 口腔
    assert_eq!(status, 200);
    let main = main_content(&html);
    assert!(main.contains("连锁口腔诊所"));
    assert!(!main.contains("养老服务机构"));
    assert!(
        main.contains(r#"value="口腔""#),
        "the filter box keeps the query"
    );

    let (_, html) = app.get_with("/?q=zzz-no-such-thing", &[]).await;
    assert!(main_content(&html).contains("没有与“zzz-no-such-thing”匹配的调查"));
}

async fn an_empty_database_says_there_are_no_open_surveys(app: TestApp) {
    let (status, html) = app.get_with("/", &[]).await;
    assert_eq!(status, 200);
    assert!(main_content(&html).contains("目前没有正在进行的调查"));
}

async fn the_survey_list_server_function_answers_json(app: TestApp) {
    app.seed_demo().await;
    let response = app
        .http
        .post(app.url("/fn/open-surveys"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 200);
    let sectors: Vec<domain::SectorSurveys> = response.json().await.expect("JSON");
    let slugs: Vec<&str> = sectors.iter().map(|s| s.sector_slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "elderly-care",
            "dental-clinics",
            "pre-made-meals",
            "online-video",
            "health-checkups"
        ]
    );
    assert!(sectors.iter().all(|s| s.surveys.len() == 1));
}

async fn an_unknown_page_is_a_404_page(app: TestApp) {
    let (status, html) = app.get_with("/no/such/page", &[]).await;
    assert_eq!(status, 404);
    assert!(html.contains("页面不存在"));
    let (status, html) = app
        .get_with("/no/such/page", &[("accept-language", "en")])
        .await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

on_both_databases!(
    the_home_page_lists_the_open_surveys_by_sector_in_chinese,
    the_home_page_speaks_english_to_english_browsers,
    the_filter_narrows_the_list_without_javascript,
    an_empty_database_says_there_are_no_open_surveys,
    the_survey_list_server_function_answers_json,
    an_unknown_page_is_a_404_page,
);
