//! Weighting: results raked to census-like margins stand beside the plain ones, rank when the
//! survey says so, and are frozen in snapshots; targets are set through the staff API (checked
//! field by field) and the console.

use domain::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::TestApp;

/// The demo's published wave (its snapshot was frozen with the demo's targets).
const PUBLISHED: &str = "dental-clinics-2025";
/// An open demo survey.
const OPEN: &str = "elderly-care-2026";

fn weighting_path(slug: &str) -> String {
    format!("/api/v1/staff/surveys/{slug}/weighting")
}

fn ages(shares: [f64; 5]) -> Value {
    json!({ "under-18": shares[0], "18-29": shares[1], "30-44": shares[2], "45-59": shares[3],
            "60-plus": shares[4] })
}

/// Counted answers of the survey per age band (None: skipped), from the responses themselves.
async fn sample_shares(app: &TestApp, slug: &str) -> Vec<(Option<String>, f64)> {
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT r.age_band, COUNT(*) FROM responses r JOIN surveys sv ON sv.id = r.survey_id
         WHERE sv.slug = $1 AND {} GROUP BY r.age_band",
        koubei_core::results::tallies::counted()
    ))
    .bind(slug)
    .fetch_all(app.db.pool())
    .await
    .expect("sample");
    let total: i64 = rows.iter().map(|(_, n)| n).sum();
    rows.into_iter()
        .map(|(band, n)| (band, n as f64 / total as f64))
        .collect()
}

async fn the_demo_publishes_weighted_results_beside_the_plain_ones(app: TestApp) {
    app.seed_demo().await;
    let response = app
        .get(&format!("/api/v1/surveys/{PUBLISHED}/results"))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    let results = &body["results"];
    let weighting = &results["weighting"];
    assert_eq!(weighting["ranks_by"], "unweighted", "{weighting}");
    assert_eq!(weighting["converged"], true);
    // The achieved margins meet the targets; the sample shares are the responses' own.
    let sample = sample_shares(&app, PUBLISHED).await;
    let age = weighting["margins"]
        .as_array()
        .expect("margins")
        .iter()
        .find(|m| m["question"] == "age_band")
        .expect("age margin");
    for cell in age["cells"].as_array().expect("cells") {
        let target = cell["target"].as_f64().expect("target");
        let weighted = cell["weighted"].as_f64().expect("weighted");
        let not_answered = age["not_answered"].as_f64().expect("not answered");
        assert!(
            (weighted - target * (1.0 - not_answered)).abs() < 1e-6,
            "{cell}"
        );
        let answer = cell["answer"].as_str().map(str::to_string);
        let counted = sample
            .iter()
            .find(|(band, _)| *band == answer)
            .map_or(0.0, |(_, s)| *s);
        assert!((cell["sample"].as_f64().expect("sample") - counted).abs() < 1e-9);
    }
    let old = age["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["answer"] == "60-plus")
        .expect("60-plus");
    assert!(
        old["sample"].as_f64() < old["target"].as_f64(),
        "the sample is young"
    );

    // Each subject: the plain figure is the ranking figure, the weighted one differs, and
    // uneven weights cost information.
    let mut moved = 0.0f64;
    for subject in results["subjects"].as_array().expect("subjects") {
        let both = &subject["weighting"];
        let n = subject["n"].as_f64().expect("n");
        if n == 0.0 {
            continue;
        }
        assert_eq!(subject["nps"], both["unweighted"]["nps"], "{subject}");
        let p = subject["promoters"].as_f64().expect("p");
        let d = subject["detractors"].as_f64().expect("d");
        let plain = 100.0 * (p - d) / n;
        assert!((both["unweighted"]["nps"].as_f64().expect("nps") - plain).abs() < 1e-9);
        assert!(both["n_eff"].as_f64().expect("n_eff") < n);
        let weighted = both["weighted"]["nps"].as_f64().expect("weighted nps");
        let (low, high) = (
            both["weighted"]["ci_low"].as_f64().expect("low"),
            both["weighted"]["ci_high"].as_f64().expect("high"),
        );
        assert!(low < weighted && weighted < high, "{both}");
        moved = moved.max((weighted - plain).abs());
    }
    assert!(moved > 1.0, "weighting visibly moves some subject: {moved}");

    // The page shows both, and the methodology says how, in both languages.
    for (language, words) in [
        ("zh-CN", ["加权结果", "有效样本量", "年龄段"]),
        (
            "en",
            ["Weighted results", "Effective sample size", "Age band"],
        ),
    ] {
        let (status, html) = app
            .get_with(&format!("/r/{PUBLISHED}"), &[("accept-language", language)])
            .await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"data-testid="weighting""#));
        assert!(html.contains(r#"data-testid="method-weighting""#));
        for word in words {
            assert!(html.contains(word), "{language}: {word}");
        }
        assert!(
            !html.contains("60-plus<"),
            "an age band is named, not shown as its id"
        );
        assert!(html.contains(r#"data-testid="method-fieldwork""#));
    }

    // The methodology sheet states the sample from the frozen ledger and the fieldwork days.
    let total = &body["ledger"]["total"];
    let (received, excluded) = (
        total["received"].as_i64().expect("received"),
        total["excluded_total"].as_i64().expect("excluded"),
    );
    let rate = format!("{:.1}", 100.0 * excluded as f64 / received as f64);
    let (_, html) = app
        .get_with(&format!("/r/{PUBLISHED}"), &[("accept-language", "en")])
        .await;
    assert!(
        html.contains(&format!("{received} answers received, {excluded} excluded"))
            && html.contains(&format!("rejection rate {rate}%")),
        "{received} {excluded} {rate}"
    );
    // The CSV carries both figures at its end.
    let csv = app
        .get(&format!("/api/v1/surveys/{PUBLISHED}/results.csv"))
        .await
        .text()
        .await
        .expect("csv");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert!(header.ends_with(&[
        "ranks_by",
        "unweighted_nps",
        "weighted_nps",
        "weighted_ci_low",
        "weighted_ci_high",
        "n_eff"
    ]));
    // The weighted columns are the last six: read from the end, past any quoted reply text.
    let first = &results["subjects"][0];
    let row = lines
        .find(|l| l.starts_with(&format!("{},", first["subject"].as_str().expect("slug"))))
        .expect("row");
    let last: Vec<&str> = row.rsplitn(7, ',').take(6).collect();
    assert_eq!(last[5], "unweighted", "{row}");
    let weighted: f64 = last[3].parse().expect("number");
    assert!((weighted - first["weighting"]["weighted"]["nps"].as_f64().expect("nps")).abs() < 1e-6);
    let fieldwork = &results["fieldwork"];
    let first = fieldwork["first_day"].as_str().expect("first day");
    assert!(html.contains(&format!("from {first} to")), "{fieldwork}");
}

async fn staff_set_targets_and_the_ranking_follows_the_weighted_figures(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let path = weighting_path(OPEN);
    let shown = app.staff(Method::GET, &path, Some(&editor), None).await;
    assert_eq!(shown.status, 200, "{}", shown.json);
    assert_eq!(shown.json["weighting"]["age_band"]["60-plus"], 0.16);

    // Refusals name the field and say what is wrong.
    let refusals = [
        (
            json!({ "age_band": ages([0.1, 0.3, 0.3, 0.2, 0.2]) }),
            "weighting.age_band",
            "shares_do_not_add_up",
        ),
        (
            json!({ "age_band": { "18-29": 0.5, "30-44": 0.5, "70-plus": 0.0 } }),
            "weighting.age_band.70-plus",
            "unknown_answer",
        ),
        (
            json!({ "age_band": ages([0.1, 0.2, 0.3, 0.2, 0.2]), "cap": 100 }),
            "weighting.cap",
            "out_of_range",
        ),
        (
            json!({ "district": { "atlantis": 1.0 } }),
            "weighting.district.atlantis",
            "unknown_answer",
        ),
        (json!({}), "weighting", "required"),
    ];
    for (body, field, code) in refusals {
        let refused = app
            .staff(Method::PUT, &path, Some(&editor), Some(&body))
            .await;
        assert_eq!(refused.status, 422, "{body}: {}", refused.json);
        let problems = refused.json["error"]["problems"]
            .as_array()
            .expect("problems");
        assert!(
            problems
                .iter()
                .any(|p| p["field"] == field && p["code"] == code),
            "{body}: {problems:?}"
        );
    }
    let unknown = app
        .staff(
            Method::PUT,
            &path,
            Some(&editor),
            Some(&json!({ "colour": "red" })),
        )
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.json);
    let viewer = app.token(Role::Viewer).await;
    let forbidden = app
        .staff(
            Method::PUT,
            &path,
            Some(&viewer),
            Some(&json!({ "age_band": ages([0.1, 0.2, 0.3, 0.2, 0.2]) })),
        )
        .await;
    assert_eq!(forbidden.status, 403);

    // Ranked by weighted figures: the NPS each subject ranks with is its weighted one.
    let set = app
        .staff(
            Method::PUT,
            &path,
            Some(&editor),
            Some(&json!({ "age_band": ages([0.02, 0.08, 0.2, 0.3, 0.4]), "ranks_by": "weighted", "cap": 8 })),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.json);
    assert_eq!(set.json["weighting"]["ranks_by"], "weighted");
    assert!(
        set.json["weighting"].get("district").is_none(),
        "{}",
        set.json
    );
    let results = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{OPEN}/results"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(results.status, 200);
    let stored = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{OPEN}"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(stored.json["definition"]["weighting"]["cap"], 8.0);
    let live = koubei_core::results::live::find_survey(&app.db, OPEN)
        .await
        .expect("read")
        .expect("survey");
    let computed = koubei_core::results::live::live_results(&app.db, &live, None, None)
        .await
        .expect("results");
    assert_eq!(computed.ranks_by(), domain::results::RanksBy::Weighted);
    assert!(computed.ranked().count() >= 2);
    for (subject, api) in computed
        .ranked()
        .zip(results.json["subjects"].as_array().expect("subjects"))
    {
        let both = subject.weighting.expect("both figures");
        assert_eq!(subject.nps, Some(both.weighted.nps));
        let api_nps = api["nps"].as_f64().expect("nps");
        assert!((api_nps - both.weighted.nps).abs() < 1e-9, "{api}");
    }

    // Stopping: plain counts again.
    let stopped = app.staff(Method::DELETE, &path, Some(&editor), None).await;
    assert_eq!(stopped.status, 200);
    assert_eq!(stopped.json["weighting"], Value::Null);
    let computed = koubei_core::results::live::live_results(&app.db, &live, None, None)
        .await
        .expect("results");
    assert!(computed.weighting.is_none() && computed.subjects[0].weighting.is_none());

    // A published survey's targets are frozen.
    let frozen = app
        .staff(
            Method::DELETE,
            &weighting_path(PUBLISHED),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(frozen.status, 409, "{}", frozen.json);
    assert_eq!(
        app.audit_actions("survey.update").await.len(),
        2,
        "the set and the stop are audited as survey changes"
    );
}

async fn the_console_sets_targets_in_per_cent_and_keeps_typed_text(app: TestApp) {
    app.seed_demo().await;
    let console = Console::as_role(&app, Role::Editor).await;
    let page = format!("/console/surveys/{OPEN}/weighting");
    let (status, html) = console.get(&page).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"name="weighting.age_band.60-plus" value="16""#),
        "{html}"
    );
    assert!(html.contains("60岁及以上") && html.contains("福田区"));

    let mut fields: Vec<(String, String)> = vec![
        ("weighting.age_band.under-18".into(), "4".into()),
        ("weighting.age_band.18-29".into(), "二十".into()),
        ("weighting.age_band.30-44".into(), "34".into()),
        ("weighting.age_band.45-59".into(), "22".into()),
        ("weighting.age_band.60-plus".into(), "16".into()),
        ("cap".into(), "5".into()),
        ("ranks_by".into(), "weighted".into()),
        ("action".into(), "save".into()),
    ];
    let as_refs = |fields: &[(String, String)]| -> Vec<(String, String)> { fields.to_vec() };
    let post = |fields: Vec<(String, String)>| {
        let console = &console;
        let page = page.clone();
        async move {
            let refs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            console.post(&page, &refs).await
        }
    };
    let refused = post(as_refs(&fields)).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(html.contains(r#"value="二十""#), "typed text is kept");
    assert!(html.contains("超出允许范围"));

    fields[1].1 = "30".into();
    let refused = post(as_refs(&fields)).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(html.contains("各项占比加起来须为 100%"), "{html}");

    fields[1].1 = "24".into();
    let saved = post(as_refs(&fields)).await;
    assert_eq!(saved.status(), 303);
    let (_, html) = console.get(&format!("{page}?done=saved")).await;
    assert!(html.contains("加权设置已保存"));
    let stored = koubei_core::authoring::surveys::load(&app.db, OPEN)
        .await
        .expect("load")
        .expect("survey")
        .definition
        .weighting
        .expect("weighted");
    assert_eq!(stored.ranks_by, domain::results::RanksBy::Weighted);
    assert!(
        stored.district.is_empty(),
        "districts left empty are not weighted by"
    );
    assert!((stored.age_band["18-29"] - 0.24).abs() < 1e-12);

    let stopped = post(vec![("action".into(), "stop".into())]).await;
    assert_eq!(stopped.status(), 303);
    let (_, html) = console.get(&page).await;
    assert!(html.contains(r#"data-testid="not-weighted""#));

    let (_, html) = console
        .get(&format!("/console/surveys/{PUBLISHED}/weighting"))
        .await;
    assert!(
        !html.contains("save-weighting"),
        "a published survey's targets cannot change"
    );
}

/// A wave ranked by its weighted figures, published: the snapshot, the page and the chart's
/// figures are the weighted ones, and the page says so.
async fn a_wave_ranked_by_weighted_figures_publishes_them(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let wave = "online-video-2025";
    let set = app
        .staff(
            Method::PUT,
            &weighting_path(wave),
            Some(&editor),
            Some(&json!({ "age_band": ages([0.04, 0.24, 0.34, 0.22, 0.16]), "ranks_by": "weighted" })),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.json);
    let published = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{wave}/publish"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.json);
    let body: Value = app
        .get(&format!("/api/v1/surveys/{wave}/results"))
        .await
        .json()
        .await
        .expect("json");
    let results = &body["results"];
    assert_eq!(results["weighting"]["ranks_by"], "weighted");
    let ranked: Vec<&Value> = results["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .filter(|s| s["status"] == "ranked")
        .collect();
    assert!(ranked.len() >= 2);
    for subject in &ranked {
        assert_eq!(
            subject["nps"], subject["weighting"]["weighted"]["nps"],
            "{subject}"
        );
    }
    // Within a tier, the order is by the weighted NPS.
    for pair in ranked.windows(2) {
        if pair[0]["tier"] == pair[1]["tier"] {
            assert!(pair[0]["nps"].as_f64() >= pair[1]["nps"].as_f64());
        }
    }
    let (status, html) = app
        .get_with(&format!("/r/{wave}"), &[("accept-language", "en")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="ranked-by-weighted""#));
    assert!(html.contains(r#"data-ranks-by="weighted""#));
    // Once published, the choice is frozen.
    let frozen = app
        .staff(Method::DELETE, &weighting_path(wave), Some(&editor), None)
        .await;
    assert_eq!(frozen.status, 409);
}

on_both_databases!(
    a_wave_ranked_by_weighted_figures_publishes_them,
    the_demo_publishes_weighted_results_beside_the_plain_ones,
    staff_set_targets_and_the_ranking_follows_the_weighted_figures,
    the_console_sets_targets_in_per_cent_and_keeps_typed_text,
);
