//! The public results pages over plain HTTP: `/r/{slug}[/{snapshot}]`, `/sectors/{sector}` and
//! the rankings index `/sectors`,
//! on the demo's published wave `dental-clinics-2025`.

use domain::results_page::PublishedResults;
use koubei_core::results::{public, snapshots};
use koubei_core::staff::Actor;

use crate::on_both_databases;
use crate::support::TestApp;

const LATEST: &str = "/r/dental-clinics-2025";

async fn snapshot(app: &TestApp, number: Option<i64>) -> PublishedResults {
    public::published_results(&app.db, "dental-clinics-2025", number)
        .await
        .expect("query")
        .expect("the demo's published wave")
}

async fn the_latest_snapshot_shows_every_subject_the_methodology_and_the_downloads(app: TestApp) {
    app.seed_demo().await;
    let frozen = snapshot(&app, None).await;
    let (status, html) = app.get_with(LATEST, &[("accept-language", "zh-CN")]).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<title>2025年连锁口腔诊所口碑调查 · 口碑</title>"),
        "{html}"
    );
    assert!(html.contains("第 1 版快照"));
    assert!(html.contains(r#"href="/sectors/dental-clinics""#));
    for subject in &frozen.results.subjects {
        assert!(
            html.contains(&subject.name_zh),
            "{} missing",
            subject.name_zh
        );
    }
    let ranked = frozen.results.ranked().count();
    assert!(ranked >= 2);
    assert_eq!(html.matches(r#"data-testid="ranked-row""#).count(), ranked);
    assert!(html.contains("排名区间") && html.contains("梯队"));
    let held_back = frozen.results.held_back().next().expect("the niche chain");
    assert!(html.contains("样本不足"));
    assert!(html.contains(&format!(
        "{} · 样本量 n = {}",
        held_back.name_zh, held_back.n
    )));
    assert!(html.contains(r#"data-testid="totals""#));
    assert!(html.contains(&format!("<dd>{}</dd>", frozen.results.totals.n)));
    assert!(html.contains("数据质量台账"));
    let footer = html
        .split("<tfoot>")
        .last()
        .and_then(|rest| rest.split("</tfoot>").next())
        .expect("the ledger's total row");
    let counted = footer
        .split(r#"data-label="计入""#)
        .nth(1)
        .and_then(|cell| cell.split('>').nth(1))
        .and_then(|cell| cell.split('<').next());
    let expected = frozen.ledger.total.counted.to_string();
    assert_eq!(counted, Some(expected.as_str()), "{footer}");
    // The demo's invited respondents: the verified share, beside what counted.
    let verified = frozen.ledger.total.verified_share().expect("answers count");
    assert!(verified > 0.1, "{verified}");
    assert!(
        footer.contains(&format!(">{:.0}%</td>", verified * 100.0)),
        "{footer}"
    );
    assert!(html.contains(r#"data-testid="methodology""#));
    assert!(html.contains("净推荐值（NPS）来自一个问题"));
    assert!(html.contains(&format!("计入回答达到 {} 份", frozen.results.min_n)));
    assert!(html.contains("koubei-stats/1"));
    // Methods are named in words for readers, never by their id.
    assert!(!html.contains("方法：adjusted-wald"), "a raw method id");
    assert_eq!(frozen.data_hash.len(), 64);
    assert!(html.contains(&frozen.data_hash));
    assert!(html.contains(r#"href="/api/v1/surveys/dental-clinics-2025/results.csv?snapshot=1""#));
    assert!(html.contains(r#"href="/api/v1/surveys/dental-clinics-2025/results?snapshot=1""#));
    assert!(html.contains(r#"href="/charts/dental-clinics-2025/ranking.png?snapshot=1"#));
    assert!(html.contains(r#"src="/charts/dental-clinics-2025/ranking.svg?snapshot=1"#));
    assert!(html.contains(r#"src="/charts/dental-clinics-2025/distribution.svg?snapshot=1"#));
    assert!(html.contains(r#"href="/r/dental-clinics-2025/1" aria-current="page""#));
    assert!(!html.contains(r#"data-testid="newer-snapshot""#));
    assert!(!html.contains(r#"data-testid="changelog""#));
}

async fn snapshots_have_their_own_pages_and_anything_unpublished_is_not_found(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app.get_with("/r/dental-clinics-2025/1", &[]).await;
    assert_eq!(status, 200);
    assert!(html.contains("第 1 版快照"));
    for path in [
        "/r/dental-clinics-2025/2",
        "/r/dental-clinics-2025/0",
        "/r/dental-clinics-2025/x",
        "/r/dental-clinics-2025/-1",
        "/r/dental-clinics-2025/+1",
        "/r/dental-clinics-2026",
        "/r/online-video-2025",
        "/r/nope",
        "/r/nope/1",
    ] {
        let (status, html) = app.get_with(path, &[]).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains(r#"data-testid="not-found""#), "{path}");
    }
}

async fn the_sector_page_lists_its_published_waves_and_links_the_trend(app: TestApp) {
    app.seed_demo().await;
    let frozen = snapshot(&app, None).await;
    let (status, html) = app.get_with("/sectors/dental-clinics", &[]).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>连锁口腔诊所</h1>"));
    assert_eq!(html.matches(r#"data-testid="wave""#).count(), 1);
    assert!(html.contains(r#"href="/r/dental-clinics-2025""#));
    assert!(html.contains("2025年连锁口腔诊所口碑调查"));
    assert!(html.contains(&format!(
        "发布于 {} · {} 份回答",
        frozen.published_on, frozen.results.totals.n
    )));
    assert!(html.contains(r#"src="/charts/sector/dental-clinics/trend.svg?theme=light""#));
    assert!(
        !html.contains("dental-clinics-2026"),
        "open waves are not listed"
    );
    for path in ["/sectors/nope", "/sectors/online-video"] {
        assert_eq!(app.get_with(path, &[]).await.0, 404, "{path}");
    }
}

async fn the_pages_speak_english_when_asked(app: TestApp) {
    app.seed_demo().await;
    let frozen = snapshot(&app, None).await;
    let english = [("accept-language", "en")];
    let (status, html) = app.get_with(LATEST, &english).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Dental clinic chains word-of-mouth survey 2025"));
    assert!(html.contains(&format!("Published {} · snapshot 1", frozen.published_on)));
    for heading in [
        "Ranking",
        "Insufficient sample",
        "The sector as a whole",
        "Quality ledger",
        "How these results are made",
        "Downloads",
        "All snapshots",
    ] {
        assert!(html.contains(&format!("{heading}</h2>")), "{heading}");
    }
    for subject in &frozen.results.subjects {
        assert!(
            html.contains(&subject.name_en),
            "{} missing",
            subject.name_en
        );
    }
    assert!(html.contains("The Net Promoter Score (NPS) comes from one question"));
    let (status, html) = app.get_with("/sectors/dental-clinics", &english).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Dental clinic chains</h1>") && html.contains("Published waves"));
    let (status, html) = app.get_with("/r/nope", &english).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

async fn after_a_correction_the_latest_page_shows_it_and_the_first_points_to_it(app: TestApp) {
    app.seed_demo().await;
    snapshots::correct(
        &app.db,
        &Actor::Cli,
        "dental-clinics-2025",
        "Two bot responses for Haochi Dental excluded.",
    )
    .await
    .expect("correction");
    let (status, html) = app.get_with(LATEST, &[("accept-language", "en")]).await;
    assert_eq!(status, 200);
    assert!(html.contains("· snapshot 2</p>"));
    assert!(html.contains(r#"data-testid="changelog""#));
    assert!(html.contains("What this correction changed"));
    assert!(html.contains("Two bot responses for Haochi Dental excluded."));
    assert!(!html.contains(r#"data-testid="newer-snapshot""#));
    assert_eq!(html.matches(r#"data-testid="snapshot""#).count(), 2);
    assert!(html.contains(r#"href="/r/dental-clinics-2025/2" aria-current="page""#));
    assert!(html.contains("First publication."));
    assert!(html.contains("/results.csv?snapshot=2"));

    let (status, html) = app
        .get_with("/r/dental-clinics-2025/1", &[("accept-language", "en")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("· snapshot 1</p>"));
    assert!(html.contains(r#"data-testid="newer-snapshot""#));
    assert!(html.contains("snapshot 2 has been published since."));
    assert!(html.contains(r#"<a href="/r/dental-clinics-2025">See the latest results</a>"#));
    assert!(!html.contains(r#"data-testid="changelog""#));
    assert_eq!(app.get_with("/r/dental-clinics-2025/2", &[]).await.0, 200);
}

async fn the_thank_you_page_links_to_the_full_results(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app.get_with("/s/dental-clinics-2026/thanks", &[]).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"href="/r/dental-clinics-2025" data-testid="full-results""#));
}

async fn the_rankings_are_reachable_from_the_home_page_by_links_alone(app: TestApp) {
    app.seed_demo().await;
    let frozen = snapshot(&app, None).await;
    let (status, home) = app.get_with("/", &[]).await;
    assert_eq!(status, 200);
    assert!(
        home.contains(r#"href="/sectors" data-testid="nav-rankings""#),
        "{home}"
    );
    assert!(home.contains(r#"data-testid="home-rankings""#));
    assert!(home.contains(r#"href="/r/dental-clinics-2025""#));
    // A sector heading links to its waves only when it has published ones.
    assert!(
        home.contains(r#"<h3><a href="/sectors/dental-clinics">"#),
        "{home}"
    );
    assert!(!home.contains(r#"href="/sectors/online-video""#));

    let (status, index) = app.get_with("/sectors", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(index.matches(r#"data-testid="ranking-card""#).count(), 1);
    assert!(index.contains(r#"href="/r/dental-clinics-2025""#));
    assert!(index.contains(r#"href="/sectors/dental-clinics""#));
    assert!(index.contains(&format!(
        "发布于 {} · {} 份回答",
        frozen.published_on, frozen.results.totals.n
    )));
    let leaders: Vec<&str> = frozen
        .results
        .ranked()
        .filter(|s| s.tier == Some(1))
        .map(|s| s.name_zh.as_str())
        .collect();
    assert!(!leaders.is_empty());
    assert!(
        index.contains(&format!("第一梯队：{}", leaders.join("、"))),
        "{index}"
    );
    let english = [("accept-language", "en")];
    let (_, index) = app.get_with("/sectors", &english).await;
    assert!(index.contains("Sector rankings") && index.contains("Top tier: "));
}

async fn with_nothing_published_the_rankings_index_says_so(app: TestApp) {
    let (status, index) = app.get_with("/sectors", &[]).await;
    assert_eq!(status, 200);
    assert!(index.contains(r#"data-testid="no-rankings""#), "{index}");
    let (_, home) = app.get_with("/", &[]).await;
    assert!(!home.contains(r#"data-testid="home-rankings""#));
    assert!(home.contains(r#"href="/sectors""#));
}

async fn the_printable_report_holds_the_whole_publication_and_nothing_unpublished(app: TestApp) {
    app.seed_demo().await;
    let frozen = snapshot(&app, None).await;
    let (status, html) = app
        .get_with(
            "/r/dental-clinics-2025/1/report",
            &[("accept-language", "zh-CN")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="report-cover""#));
    assert!(html.contains("口碑调查结果报告"));
    for subject in &frozen.results.subjects {
        assert!(
            html.contains(&subject.name_zh),
            "{} missing",
            subject.name_zh
        );
    }
    for chart in [
        "/charts/dental-clinics-2025/ranking.svg?snapshot=1&amp;theme=light",
        "/charts/dental-clinics-2025/distribution.svg?snapshot=1&amp;theme=light",
        "/charts/sector/dental-clinics/trend.svg?theme=light",
    ] {
        assert!(html.contains(chart), "{chart} missing");
    }
    assert!(
        !html.contains(r#"loading="lazy""#),
        "a lazy chart may miss the printout"
    );
    assert!(html.contains(&frozen.data_hash));
    assert!(html.contains("数据质量台账") && html.contains(r#"data-testid="methodology""#));
    let (_, page) = app.get_with(LATEST, &[]).await;
    assert!(page.contains(r#"href="/r/dental-clinics-2025/1/report""#));
    for missing in [
        "/r/online-video-2025/1/report",
        "/r/dental-clinics-2025/9/report",
        "/r/no-such-survey/1/report",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

on_both_databases!(
    the_printable_report_holds_the_whole_publication_and_nothing_unpublished,
    the_rankings_are_reachable_from_the_home_page_by_links_alone,
    with_nothing_published_the_rankings_index_says_so,
    the_latest_snapshot_shows_every_subject_the_methodology_and_the_downloads,
    snapshots_have_their_own_pages_and_anything_unpublished_is_not_found,
    the_sector_page_lists_its_published_waves_and_links_the_trend,
    the_pages_speak_english_when_asked,
    after_a_correction_the_latest_page_shows_it_and_the_first_points_to_it,
    the_thank_you_page_links_to_the_full_results,
);
