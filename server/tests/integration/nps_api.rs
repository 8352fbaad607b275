//! `GET /api/v1/nps`: the public calculator over HTTP.

use koubei_core::db::Backend;
use serde_json::Value;

use crate::support::TestApp;

async fn app() -> TestApp {
    TestApp::spawn(Backend::Sqlite)
        .await
        .expect("SQLite is always there")
}

async fn get_json(app: &TestApp, path: &str, language: &str) -> (u16, Value) {
    let response = app
        .http
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

#[tokio::test]
async fn the_calculator_answers_with_the_default_method_and_level() {
    let app = app().await;
    let (status, body) = get_json(
        &app,
        "/api/v1/nps?promoters=3&passives=1&detractors=1",
        "en",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["n"], 5);
    assert_eq!(body["promoters"], 3);
    assert_eq!(body["passives"], 1);
    assert_eq!(body["detractors"], 1);
    assert_eq!(body["nps"], 40.0);
    assert_eq!(body["method"], "adjusted-wald");
    assert_eq!(body["level"], 0.95);
    // Reference (stats/reference/intervals.csv): adjusted-Wald (3,1,1) at 0.95.
    let (low, high) = reference_interval("adjusted-wald", "0.95");
    let got_low = body["ci_low"].as_f64().expect("ci_low");
    let got_high = body["ci_high"].as_f64().expect("ci_high");
    assert!(
        (got_low - low).abs() < 1e-6 && (got_high - high).abs() < 1e-6,
        "{body}"
    );
    assert_eq!(body["no_data"], false);
}

/// The reference interval (stats/reference/intervals.csv, computed in Python) of (3, 1, 1).
fn reference_interval(method: &str, level: &str) -> (f64, f64) {
    let table = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../stats/reference/intervals.csv"),
    )
    .expect("the reference table");
    let row: Vec<&str> = table
        .lines()
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|cells| cells[..5] == ["3", "1", "1", method, level])
        .unwrap_or_else(|| panic!("no reference row for {method} at {level}"));
    let number = |cell: &str| cell.parse::<f64>().expect("a number");
    (number(row[7]), number(row[8]))
}

#[tokio::test]
async fn every_method_and_level_can_be_chosen() {
    let app = app().await;
    // Four methods with reference values: each answer must be that method's own interval (they
    // differ by several points at n = 5), so a server ignoring `method` or `level` fails here.
    for level in ["0.9", "0.99"] {
        for method in ["wald", "adjusted-wald", "score", "bayes"] {
            let path = format!(
                "/api/v1/nps?promoters=3&passives=1&detractors=1&method={method}&level={level}"
            );
            let (status, body) = get_json(&app, &path, "en").await;
            assert_eq!(status, 200, "{method}: {body}");
            assert_eq!(body["method"], method);
            assert_eq!(body["level"], level.parse::<f64>().expect("level"));
            let (low, high) = reference_interval(method, level);
            let got = (
                body["ci_low"].as_f64().expect("low"),
                body["ci_high"].as_f64().expect("high"),
            );
            assert!(
                (got.0 - low).abs() < 1e-6 && (got.1 - high).abs() < 1e-6,
                "{method} at {level}: got {got:?}, reference ({low}, {high})"
            );
        }
    }
    // The bootstrap (seeded; no Python twin of its generator) is checked against its own
    // properties: another interval than the percentile-free methods, around the estimate.
    let (_, boot) = get_json(
        &app,
        "/api/v1/nps?promoters=40&passives=30&detractors=30&method=bootstrap&level=0.9",
        "en",
    )
    .await;
    assert_eq!(boot["method"], "bootstrap");
    let (low, high) = (
        boot["ci_low"].as_f64().expect("low"),
        boot["ci_high"].as_f64().expect("high"),
    );
    assert!(low < 10.0 && 10.0 < high && high - low > 10.0, "{boot}");
}

#[tokio::test]
async fn no_responses_is_an_explicit_no_data_answer() {
    let app = app().await;
    let (status, body) = get_json(
        &app,
        "/api/v1/nps?promoters=0&passives=0&detractors=0",
        "en",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["no_data"], true);
    assert!(body["nps"].is_null() && body["ci_low"].is_null() && body["ci_high"].is_null());
}

#[tokio::test]
async fn unanimous_answers_under_wald_are_flagged_zero_width() {
    let app = app().await;
    let (_, body) = get_json(
        &app,
        "/api/v1/nps?promoters=7&passives=0&detractors=0&method=wald",
        "en",
    )
    .await;
    assert_eq!(body["zero_width"], true);
    assert_eq!(
        (body["ci_low"].as_f64(), body["ci_high"].as_f64()),
        (Some(100.0), Some(100.0))
    );
}

#[tokio::test]
async fn bad_input_gets_a_localized_422_naming_the_field() {
    let app = app().await;
    let cases = [
        (
            "promoters=-1&passives=1&detractors=1",
            "promoters",
            "invalid_count",
        ),
        (
            "promoters=1.5&passives=1&detractors=1",
            "promoters",
            "invalid_count",
        ),
        ("promoters=1&passives=1", "detractors", "missing_field"),
        (
            "promoters=1&passives=1&detractors=1&method=t-test",
            "method",
            "unknown_method",
        ),
        (
            "promoters=1&passives=1&detractors=1&level=1",
            "level",
            "invalid_level",
        ),
        (
            "promoters=1&passives=1&detractors=1&level=0",
            "level",
            "invalid_level",
        ),
        (
            "promoters=1&passives=1&detractors=1&level=abc",
            "level",
            "invalid_level",
        ),
    ];
    for (query, field, code) in cases {
        let (status, body) = get_json(&app, &format!("/api/v1/nps?{query}"), "en").await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["error"]["code"], code, "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
        assert!(body["error"]["message"].as_str().expect("message").len() > 10);
    }
    let (_, chinese) = get_json(
        &app,
        "/api/v1/nps?promoters=-1&passives=1&detractors=1",
        "zh-CN",
    )
    .await;
    assert_eq!(
        chinese["error"]["message"],
        "promoters: 请输入不小于 0 的整数。"
    );
    let (_, english) = get_json(
        &app,
        "/api/v1/nps?promoters=-1&passives=1&detractors=1",
        "en",
    )
    .await;
    assert_eq!(
        english["error"]["message"],
        "promoters: Enter a whole number, 0 or more."
    );
}
