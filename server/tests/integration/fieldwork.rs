//! Quotas and the fieldwork dashboard: staff set a target n per subject (never under the
//! minimum n), and see counted answers against it by channel, the pace of the last week, a
//! forecast, answers per day and what each weighting cell still needs.

use domain::Role;
use koubei_core::db::timestamp;
use reqwest::Method;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::TestApp;

const SLUG: &str = "elderly-care-2026";
const SURVEY: &str = "/api/v1/staff/surveys/elderly-care-2026";
const FIELDWORK: &str = "/api/v1/staff/surveys/elderly-care-2026/fieldwork";

/// The stored definition with `quotas` replaced.
async fn with_quotas(app: &TestApp, token: &str, quotas: Value) -> Value {
    let shown = app.staff(Method::GET, SURVEY, Some(token), None).await;
    let mut definition = shown.json["definition"].clone();
    definition["quotas"] = quotas;
    definition
}

/// Counted answers of one subject since `since`, from the responses themselves.
async fn counted_since(app: &TestApp, subject: &str, since: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM responses r JOIN subjects su ON su.id = r.subject_id
         JOIN surveys sv ON sv.id = r.survey_id
         WHERE sv.slug = $1 AND su.slug = $2 AND r.created_at >= $3 AND {}",
        koubei_core::results::tallies::counted()
    ))
    .bind(SLUG)
    .bind(subject)
    .bind(since)
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    n
}

async fn quotas_are_checked_and_the_dashboard_counts_and_forecasts(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let before = app.staff(Method::GET, FIELDWORK, Some(&editor), None).await;
    assert_eq!(before.status, 200, "{}", before.json);
    let first = before.json["subjects"][0].clone();
    let subject = first["subject"].as_str().expect("slug").to_string();
    let counted = first["counted"].as_i64().expect("counted");
    assert_eq!(first["quota"], Value::Null);
    assert_eq!(
        first["target"], 50,
        "without a quota the minimum n is the target"
    );

    // Refusals name the quota.
    let low = with_quotas(&app, &editor, json!({ subject.clone(): 10 })).await;
    let refused = app
        .staff(Method::PUT, SURVEY, Some(&editor), Some(&low))
        .await;
    assert_eq!(refused.status, 422, "{}", refused.json);
    assert_eq!(
        refused.json["error"]["problems"],
        json!([{ "field": format!("quotas.{subject}"), "code": "out_of_range" }])
    );
    let stranger = with_quotas(&app, &editor, json!({ "nobody-dental": 80 })).await;
    let refused = app
        .staff(Method::PUT, SURVEY, Some(&editor), Some(&stranger))
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.json["error"]["problems"],
        json!([{ "field": "quotas.nobody-dental", "code": "unknown_subject" }])
    );

    // Ten more than counted: the forecast extends the last week's pace.
    let quota = counted + 10;
    let set = with_quotas(&app, &editor, json!({ subject.clone(): quota })).await;
    let saved = app
        .staff(Method::PUT, SURVEY, Some(&editor), Some(&set))
        .await;
    assert_eq!(saved.status, 200, "{}", saved.json);
    let now = OffsetDateTime::now_utc();
    let shown = app.staff(Method::GET, FIELDWORK, Some(&editor), None).await;
    let progress = &shown.json["subjects"][0];
    assert_eq!(progress["quota"], quota);
    assert_eq!(progress["target"], quota);
    let channels: i64 = progress["channels"]
        .as_array()
        .expect("channels")
        .iter()
        .map(|c| c[1].as_i64().expect("n"))
        .sum();
    assert_eq!(channels, counted, "channels add up to the counted answers");
    let recent = counted_since(&app, &subject, &timestamp::format(now - Duration::days(7))).await;
    assert_eq!(progress["recent"], recent);
    assert!(recent > 0, "the demo answers came in over the last month");
    let days_needed = (10.0 / (recent as f64 / 7.0)).ceil() as i64;
    let expected = timestamp::council_date(&timestamp::format(now + Duration::days(days_needed)))
        .expect("day");
    assert_eq!(progress["forecast_day"], expected.as_str());

    // Answers per day: fourteen Beijing days, adding up to the last fortnight's answers.
    let days = shown.json["days"].as_array().expect("days");
    assert_eq!(days.len(), 14);
    assert_eq!(days.last().expect("today")["day"], shown.json["today"]);
    let first_day = days[0]["day"].as_str().expect("first day");
    let since = timestamp::council_day_start(first_day, 0).expect("start");
    let mut fortnight = 0;
    for subject in shown.json["subjects"].as_array().expect("subjects") {
        let slug = subject["subject"].as_str().expect("slug");
        fortnight += counted_since(&app, slug, &since).await;
    }
    let per_day: i64 = days.iter().map(|d| d["answers"].as_i64().expect("n")).sum();
    assert_eq!(per_day, fortnight);

    // Cells: the goal is the census share of the survey's goal; older people are missing.
    let cells = shown.json["cells"].as_array().expect("cells");
    let old = cells
        .iter()
        .find(|c| c["question"] == "age_band" && c["answer"] == "60-plus")
        .expect("60-plus");
    assert!(old["needed"].as_i64() > Some(0), "{old}");
    assert_eq!(
        old["needed"].as_i64().expect("needed"),
        old["goal"].as_i64().expect("goal") - old["counted"].as_i64().expect("counted")
    );
    let (in_cell,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM responses r JOIN surveys sv ON sv.id = r.survey_id
         WHERE sv.slug = $1 AND r.age_band = '60-plus' AND {}",
        koubei_core::results::tallies::counted()
    ))
    .bind(SLUG)
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(old["counted"], in_cell);

    // Reached: no forecast. A viewer may read, not write.
    let reached = with_quotas(&app, &editor, json!({ subject.clone(): 50 })).await;
    assert_eq!(
        app.staff(Method::PUT, SURVEY, Some(&editor), Some(&reached))
            .await
            .status,
        200
    );
    let viewer = app.token(Role::Viewer).await;
    let shown = app.staff(Method::GET, FIELDWORK, Some(&viewer), None).await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.json["subjects"][0]["forecast_day"], Value::Null);
    let missing = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/nope/fieldwork",
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(missing.status, 404);
}

async fn the_console_dashboard_shows_progress_and_saves_quotas(app: TestApp) {
    app.seed_demo().await;
    let console = Console::as_role(&app, Role::Editor).await;
    let page = format!("/console/surveys/{SLUG}/fieldwork");
    let (status, html) = console.get(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="progress-row""#) && html.contains("60岁及以上"));
    let stored = koubei_core::authoring::surveys::load(&app.db, SLUG)
        .await
        .expect("load")
        .expect("survey")
        .definition;
    let subject = stored.subjects[0].clone();
    let field = format!("quota.{subject}");
    let quotas = format!("/console/surveys/{SLUG}/quotas");

    let refused = console.post(&quotas, &[(field.as_str(), "很多")]).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(html.contains(r#"value="很多""#) && html.contains("超出允许范围"));
    let refused = console.post(&quotas, &[(field.as_str(), "20")]).await;
    assert_eq!(refused.status(), 422, "under the minimum n");

    let saved = console.post(&quotas, &[(field.as_str(), "400")]).await;
    assert_eq!(saved.status(), 303);
    let (_, html) = console.get(&format!("{page}?done=quotas")).await;
    assert!(html.contains("目标样本量已保存"));
    let stored = koubei_core::authoring::surveys::load(&app.db, SLUG)
        .await
        .expect("load")
        .expect("survey")
        .definition;
    assert_eq!(stored.quotas.get(&subject), Some(&400));
    assert!(stored.weighting.is_some(), "the demo's targets stay");
}

on_both_databases!(
    quotas_are_checked_and_the_dashboard_counts_and_forecasts,
    the_console_dashboard_shows_progress_and_saves_quotas,
);
