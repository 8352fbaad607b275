mod common;

use common::{background, count, texts};
use koubei_charts::{trend_svg, Size, Theme, TrendLabels, TrendPoint, TrendSeries};

fn point(nps: f64, significant_change: bool) -> Option<TrendPoint> {
    Some(TrendPoint {
        nps,
        ci_low: nps - 8.0,
        ci_high: nps + 8.0,
        significant_change,
    })
}

fn waves() -> Vec<String> {
    ["2024", "2025", "2026"].map(String::from).to_vec()
}

fn series() -> Vec<TrendSeries> {
    vec![
        TrendSeries {
            name: "康乐养老服务中心".into(),
            points: vec![point(20.0, false), point(30.0, true), point(42.0, true)],
        },
        TrendSeries {
            name: "A&B <Dental>".into(),
            points: vec![None, point(5.0, true), point(7.0, false)],
        },
    ]
}

fn labels() -> TrendLabels {
    TrendLabels {
        title: "养老机构净推荐值趋势".into(),
        subtitle: "2024–2026".into(),
        axis: "净推荐值（NPS）".into(),
        significant: "较上期变化显著".into(),
    }
}

#[test]
fn waves_subjects_and_the_significance_key_are_labelled() {
    let svg = trend_svg(
        &waves(),
        &series(),
        &labels(),
        Size::default(),
        Theme::Light,
    )
    .unwrap();
    let texts = texts(&svg);
    for label in [
        "2024",
        "2025",
        "2026",
        "康乐养老服务中心",
        "A&B <Dental>",
        "较上期变化显著",
    ] {
        assert!(
            texts.iter().any(|t| t == label),
            "{label} missing from {texts:?}"
        );
    }
}

#[test]
fn a_ring_marks_each_significant_change_and_no_first_point() {
    let svg = trend_svg(
        &waves(),
        &series(),
        &labels(),
        Size::default(),
        Theme::Light,
    )
    .unwrap();
    let without = {
        let mut quiet = series();
        for one in &mut quiet {
            for point in one.points.iter_mut().flatten() {
                point.significant_change = false;
            }
        }
        trend_svg(&waves(), &quiet, &labels(), Size::default(), Theme::Light).unwrap()
    };
    // Three flagged changes get rings, and the legend one ring; the flag on 5.0 is on the
    // subject's first point, so it is ignored.
    assert_eq!(count(&svg, "circle") - count(&without, "circle"), 2 + 1);
    assert!(!texts(&without).iter().any(|t| t == "较上期变化显著"));
}

#[test]
fn intervals_are_translucent_bands() {
    let svg = trend_svg(
        &waves(),
        &series(),
        &labels(),
        Size::default(),
        Theme::Light,
    )
    .unwrap();
    assert!(svg.contains("<polygon"));
    assert!(
        svg.contains("opacity=\"0.14\""),
        "bands are drawn at 14 % opacity in the light theme"
    );
}

#[test]
fn sizes_are_validated_and_the_dark_theme_changes_the_background() {
    assert_eq!(
        trend_svg(
            &waves(),
            &series(),
            &labels(),
            Size::new(800, 5000),
            Theme::Light
        )
        .map_err(|e| e.status_code()),
        Err(400)
    );
    let dark = trend_svg(&waves(), &series(), &labels(), Size::default(), Theme::Dark).unwrap();
    assert_eq!(background(&dark), "#16181D");
}

#[test]
fn a_single_wave_and_many_subjects_still_draw() {
    let waves = vec!["2026".to_string()];
    let series: Vec<TrendSeries> = (0..10)
        .map(|i| TrendSeries {
            name: format!("品牌{i}"),
            points: vec![point(-40.0 + 9.0 * f64::from(i), false)],
        })
        .collect();
    let svg = trend_svg(
        &waves,
        &series,
        &labels(),
        Size::auto_height(480),
        Theme::Light,
    )
    .unwrap();
    let texts = texts(&svg);
    assert!((0..10).all(|i| texts.contains(&format!("品牌{i}"))));
    // No changes, so no significance key.
    assert!(!texts.iter().any(|t| t == "较上期变化显著"));
}
