//! Charts over HTTP: the published demo wave's ranking, distribution and sector trend as SVG and
//! PNG, sizes and themes checked, caching by ETag.

use crate::on_both_databases;
use crate::support::TestApp;

async fn published_results_are_drawn_as_svg_and_png(app: TestApp) {
    app.seed_demo().await;
    let svg = app.get("/charts/dental-clinics-2025/ranking.svg").await;
    assert_eq!(svg.status().as_u16(), 200);
    assert!(svg.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("image/svg+xml"));
    let etag = svg.headers()["etag"].to_str().expect("etag").to_string();
    let text = svg.text().await.expect("svg");
    for name in ["皓齿口腔", "微笑线齿科", "洁白口腔门诊"] {
        assert!(text.contains(name), "{name} in the ranking");
    }
    // The method is named in words, as on the results page, never by its id.
    assert!(text.contains("调整 Wald"), "{text}");
    assert!(!text.contains("adjusted-wald"));
    let (status, _) = app
        .get_with(
            "/charts/dental-clinics-2025/ranking.svg",
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(status, 304);
    let weak = format!("W/{etag}");
    let (status, _) = app
        .get_with(
            "/charts/dental-clinics-2025/ranking.svg",
            &[("if-none-match", &weak)],
        )
        .await;
    assert_eq!(status, 304, "a weak tag matches too (one caching module)");
    let (_, english) = app
        .get_with("/charts/dental-clinics-2025/ranking.svg?lang=en", &[])
        .await;
    assert!(english.contains("Haochi Dental"));
    assert!(english.contains("Adjusted Wald") && !english.contains("adjusted-wald"));
    let (status, distribution) = app
        .get_with(
            "/charts/dental-clinics-2025/distribution.svg?theme=dark&width=600",
            &[],
        )
        .await;
    assert_eq!(status, 200);
    assert!(distribution.contains("皓齿口腔"));

    let png = app
        .get("/charts/dental-clinics-2025/ranking.png?width=640")
        .await;
    assert_eq!(png.status().as_u16(), 200);
    assert_eq!(png.headers()["content-type"], "image/png");
    let bytes = png.bytes().await.expect("png");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");

    let (status, trend) = app
        .get_with("/charts/sector/dental-clinics/trend.svg", &[])
        .await;
    assert_eq!(status, 200, "{trend}");
    assert!(trend.contains("皓齿口腔"));
}

async fn bad_chart_requests_are_refused(app: TestApp) {
    app.seed_demo().await;
    for (path, status) in [
        ("/charts/dental-clinics-2025/ranking.svg?width=100", 400),
        ("/charts/dental-clinics-2025/ranking.svg?height=99999", 400),
        ("/charts/dental-clinics-2025/ranking.svg?theme=pink", 400),
        ("/charts/dental-clinics-2025/ranking.svg?snapshot=x", 400),
        ("/charts/dental-clinics-2025/ranking.svg?snapshot=9", 404),
        ("/charts/dental-clinics-2025/pie.svg", 404),
        ("/charts/dental-clinics-2026/ranking.svg", 404),
        ("/charts/nope/ranking.svg", 404),
        ("/charts/sector/nope/trend.svg", 404),
    ] {
        assert_eq!(app.get(path).await.status().as_u16(), status, "{path}");
    }
}

on_both_databases!(
    published_results_are_drawn_as_svg_and_png,
    bad_chart_requests_are_refused
);
