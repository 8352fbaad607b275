//! Embargoes (定时发布): results frozen now and public at a set time, never earlier, on any
//! public surface, from any server instance. The clock is moved by calling
//! `embargo::release_due` with a later "now"; the servers' own release loops run on the real
//! clock, a day short of the embargo.

use domain::Role;
use koubei_core::authoring::embargo;
use koubei_core::db::timestamp;
use koubei_core::results::{public, snapshots};
use reqwest::Method;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::on_both_databases;
use crate::support::TestApp;

/// The demo's closed wave: answers collected, results not published.
const SLUG: &str = "online-video-2025";
const SECTOR: &str = "online-video";
const EMBARGO: &str = "/api/v1/staff/surveys/online-video-2025/embargo";

/// A time an hour past the next whole minute, a day ahead, as staff type it in Beijing time.
fn a_day_ahead() -> (OffsetDateTime, String) {
    let at = OffsetDateTime::now_utc() + Duration::days(1);
    let at = at
        .replace_second(0)
        .and_then(|at| at.replace_nanosecond(0))
        .expect("a whole minute");
    let typed = timestamp::council_minute(&timestamp::format(at)).expect("formats");
    (at, typed)
}

/// Every public surface that could show this survey's results, with the demo's first subject
/// of the sector for the per-subject ones.
fn public_surfaces(app: &TestApp, subject: &str) -> Vec<String> {
    vec![
        format!("/r/{SLUG}"),
        format!("/r/{SLUG}/1"),
        format!("/api/v1/surveys/{SLUG}/results"),
        format!("/api/v1/surveys/{SLUG}/results.csv"),
        format!("/api/v1/surveys/{SLUG}/results?snapshot=1"),
        format!("/charts/{SLUG}/ranking.svg"),
        format!("/charts/{SLUG}/ranking.png"),
        format!("/charts/{SLUG}/distribution.svg"),
        format!("/embed/{SLUG}"),
        format!("/embed/{SLUG}/{subject}"),
        format!("/badge/{SLUG}/{subject}.svg"),
        format!(
            "/oembed?url={}&format=json",
            app.url(&format!("/r/{SLUG}")).replace(':', "%3A")
        ),
        format!("/sectors/{SECTOR}"),
        format!("/api/v1/sectors/{SECTOR}/snapshots"),
        format!("/charts/sector/{SECTOR}/trend.svg"),
    ]
}

/// Pages and lists that exist either way; they must not mention the survey's results.
const LISTS: &[&str] = &["/", "/sectors", "/api/v1/sectors", "/api/v1/surveys"];

/// `PUT` the embargo with this publication time, as a token's holder.
async fn put_embargo(
    app: &TestApp,
    token: &str,
    publish_at: &str,
) -> crate::support::staff::Answer {
    app.staff(
        Method::PUT,
        EMBARGO,
        Some(token),
        Some(&json!({ "publish_at": publish_at })),
    )
    .await
}

async fn first_subject(app: &TestApp) -> String {
    let (slug,): (String,) = sqlx::query_as(
        "SELECT su.slug FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         JOIN surveys sv ON sv.id = ss.survey_id WHERE sv.slug = $1
         ORDER BY ss.position LIMIT 1",
    )
    .bind(SLUG)
    .fetch_one(app.db.pool())
    .await
    .expect("a subject");
    slug
}

async fn statuses(app: &TestApp, paths: &[String]) -> Vec<(String, u16)> {
    let mut seen = Vec::new();
    for path in paths {
        seen.push((path.clone(), app.get(path).await.status().as_u16()));
    }
    seen
}

/// Nothing a list shows links to or names the results of the embargoed wave.
async fn lists_do_not_show_results(app: &TestApp, data_hash: &str) {
    for path in LISTS {
        let (status, body) = app.get_with(path, &[]).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !body.contains(&format!("/r/{SLUG}")),
            "{path} links the results"
        );
        assert!(!body.contains(data_hash), "{path} shows the frozen hash");
        if *path == "/api/v1/surveys" {
            let listed: serde_json::Value = serde_json::from_str(&body).expect("JSON");
            let wave = listed
                .as_array()
                .and_then(|all| all.iter().find(|s| s["slug"] == SLUG));
            assert!(
                wave.is_none_or(|s| s["status"] != "published"),
                "{path}: {body}"
            );
        }
    }
}

async fn an_embargoed_wave_is_public_on_no_surface_until_its_time_then_on_all(app: TestApp) {
    app.seed_demo().await;
    let subject = first_subject(&app).await;
    let second = app.second_instance().await;
    // oEmbed takes only its own host's URLs: each instance is asked about its own.
    let surfaces = public_surfaces(&app, &subject);
    let second_surfaces = public_surfaces(&second, &subject);
    let before = statuses(&app, &surfaces).await;
    let codes = |seen: Vec<(String, u16)>| seen.into_iter().map(|(_, s)| s).collect::<Vec<_>>();
    let before_codes = codes(before.clone());
    assert_eq!(
        codes(statuses(&second, &second_surfaces).await),
        before_codes
    );
    for (path, status) in &before {
        assert!(
            [404, 410].contains(status),
            "{path} answers {status} before anything is published"
        );
    }

    let editor = app.token(Role::Editor).await;
    let (at, typed) = a_day_ahead();
    let set = put_embargo(&app, &editor, &typed).await;
    assert_eq!(set.status, 200, "{}", set.json);
    assert_eq!(set.json["publish_at"], timestamp::format(at));
    assert_eq!(set.json["publish_at_beijing"], typed);
    let frozen_hash = set.json["data_hash"].as_str().expect("hash").to_string();
    let frozen_n = set.json["responses"].as_i64().expect("n");
    assert!(frozen_n > 0);

    // Scheduled: every surface answers exactly as before, on this instance and another one.
    assert_eq!(statuses(&app, &surfaces).await, before);
    assert_eq!(
        codes(statuses(&second, &second_surfaces).await),
        before_codes
    );
    lists_do_not_show_results(&app, &frozen_hash).await;
    lists_do_not_show_results(&second, &frozen_hash).await;
    let shown = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/online-video-2025",
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(shown.json["status"], "closed");

    // An answer excluded during the embargo does not change what was frozen.
    let page = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/online-video-2025/responses?limit=1",
            Some(&editor),
            None,
        )
        .await;
    let response_id = page.json["responses"][0]["id"].as_str().expect("an answer");
    let excluded = app
        .staff(
            Method::PUT,
            &format!("/api/v1/staff/responses/{response_id}/exclusion"),
            Some(&editor),
            Some(&json!({ "reason": "duplicate" })),
        )
        .await;
    assert_eq!(excluded.status, 200, "{}", excluded.json);

    // A minute early, nothing is released.
    let early = embargo::release_due(&app.db, at - Duration::minutes(1))
        .await
        .expect("release pass");
    assert!(early.is_empty());
    assert_eq!(
        codes(statuses(&second, &second_surfaces).await),
        before_codes
    );

    // At its time, it is released once, whichever instance's loop gets there first.
    let (one, other) = tokio::join!(
        embargo::release_due(&app.db, at),
        embargo::release_due(&second.db, at)
    );
    let released: Vec<_> = one
        .expect("release")
        .into_iter()
        .chain(other.expect("release"))
        .collect();
    assert_eq!(released.len(), 1, "{released:?}");
    assert_eq!(released[0].snapshot, 1);
    assert_eq!(released[0].published_at, timestamp::format(at));

    for (instance, paths) in [(&app, &surfaces), (&second, &second_surfaces)] {
        for path in paths {
            let status = instance.get(path).await.status().as_u16();
            assert_eq!(status, 200, "{path} after the embargo");
        }
    }
    let (_, page) = app.get_with(&format!("/r/{SLUG}"), &[]).await;
    assert!(
        page.contains(&frozen_hash),
        "the frozen snapshot is the one published"
    );
    let (_, home) = app.get_with("/sectors", &[]).await;
    assert!(home.contains(&format!("/r/{SLUG}")) || home.contains(&format!("/sectors/{SECTOR}")));

    let published = public::published_results(&app.db, SLUG, None)
        .await
        .expect("query")
        .expect("published");
    assert_eq!(published.data_hash, frozen_hash);
    assert_eq!(published.snapshots.len(), 1);
    assert_eq!(
        published.published_on,
        timestamp::council_date(&timestamp::format(at)).expect("a date")
    );
    let survey_id: (String,) = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(SLUG)
        .fetch_one(app.db.pool())
        .await
        .expect("survey");
    let snapshot = snapshots::find(&app.db, &survey_id.0, None)
        .await
        .expect("query")
        .expect("snapshot");
    assert_eq!(snapshot.responses, frozen_n);
    let (publications,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'survey.publish' AND entity_id = $1
           AND actor = 'embargo'",
    )
    .bind(&survey_id.0)
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(publications, 1);
    assert!(embargo::find(&app.db, SLUG).await.expect("query").is_none());
}

async fn staff_set_move_and_cancel_an_embargo_and_nothing_else_changes_meanwhile(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let viewer = app.token(Role::Viewer).await;
    let none = app.staff(Method::GET, EMBARGO, Some(&editor), None).await;
    assert_eq!((none.status, none.code()), (404, "no_embargo"));
    let unknown = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/no-such-survey/embargo",
            Some(&editor),
            None,
        )
        .await;
    assert_eq!((unknown.status, unknown.code()), (404, "not_found"));

    for (typed, code) in [
        ("next Tuesday", "unreadable_time"),
        ("2027-02-30 10:00", "unreadable_time"),
        ("2020-01-01 10:00", "time_not_in_future"),
        ("2099-01-01 10:00", "time_too_far"),
    ] {
        let refused = put_embargo(&app, &editor, typed).await;
        assert_eq!((refused.status, refused.code()), (422, code), "{typed}");
        assert_eq!(refused.field(), "publish_at");
    }
    let chinese = app
        .http
        .put(app.url(EMBARGO))
        .bearer_auth(&editor)
        .header("accept-language", "zh-CN")
        .json(&json!({ "publish_at": "2020-01-01 10:00" }))
        .send()
        .await
        .expect("PUT");
    let body: serde_json::Value = chinese.json().await.expect("JSON");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("必须晚于现在")),
        "{body}"
    );

    let (_, typed) = a_day_ahead();
    let by_viewer = put_embargo(&app, &viewer, &typed).await;
    assert_eq!(by_viewer.status, 403);
    let set = put_embargo(&app, &editor, &typed).await;
    assert_eq!(set.status, 200, "{}", set.json);
    let frozen_hash = set.json["data_hash"].clone();

    // While it waits: no reopening, no publishing now, no editing.
    for verb in ["open", "publish"] {
        let refused = app
            .staff(
                Method::POST,
                &format!("/api/v1/staff/surveys/{SLUG}/{verb}"),
                Some(&editor),
                None,
            )
            .await;
        assert_eq!(
            (refused.status, refused.code()),
            (409, "embargoed"),
            "{verb}"
        );
        assert!(
            refused.json["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(&typed)),
            "{}",
            refused.json
        );
    }
    let definition = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/online-video-2025",
            Some(&editor),
            None,
        )
        .await;
    let mut edited = definition.json["definition"].clone();
    edited["title"]["en"] = "Renamed under embargo".into();
    let edit = app
        .staff(
            Method::PUT,
            "/api/v1/staff/surveys/online-video-2025",
            Some(&editor),
            Some(&edited),
        )
        .await;
    assert_eq!(
        (edit.status, edit.code()),
        (409, "embargoed"),
        "{}",
        edit.json
    );

    // Moved: the same frozen data at a new time.
    let later = OffsetDateTime::now_utc() + Duration::days(2);
    let later_typed = timestamp::council_minute(&timestamp::format(later)).expect("a minute");
    let moved = put_embargo(&app, &editor, &later_typed).await;
    assert_eq!(moved.status, 200, "{}", moved.json);
    assert_eq!(moved.json["publish_at_beijing"], later_typed);
    assert_eq!(moved.json["data_hash"], frozen_hash);

    // Cancelled: closed as before, nothing was ever published, and it may reopen.
    let cancelled = app
        .staff(Method::DELETE, EMBARGO, Some(&editor), None)
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.json);
    let again = app
        .staff(Method::DELETE, EMBARGO, Some(&editor), None)
        .await;
    assert_eq!((again.status, again.code()), (404, "no_embargo"));
    let released = embargo::release_due(&app.db, later + Duration::days(1))
        .await
        .expect("release pass");
    assert!(released.is_empty(), "a cancelled embargo is never released");
    assert_eq!(app.get(&format!("/r/{SLUG}")).await.status(), 404);
    let reopened = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SLUG}/open"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(reopened.status, 200, "{}", reopened.json);

    let logged = app.audit_actions("survey.embargo%").await;
    assert_eq!(
        logged,
        [
            "survey.embargo",
            "survey.embargo_move",
            "survey.embargo_cancel"
        ]
    );
}

async fn the_console_sets_shows_and_cancels_an_embargo_in_words(app: TestApp) {
    use crate::support::console::Console;
    app.seed_demo().await;
    let console = Console::as_role(&app, Role::Editor).await;
    let (_, typed) = a_day_ahead();
    let (status, preview) = console
        .get(&format!("/console/surveys/{SLUG}/preview"))
        .await;
    assert_eq!(status, 200);
    assert!(
        preview.contains(r#"data-testid="embargo-form""#),
        "{preview}"
    );
    let set = console
        .post(
            &format!("/console/surveys/{SLUG}/embargo"),
            &[("action", "set"), ("publish_at", &typed.replace(' ', "T"))],
        )
        .await;
    assert_eq!(set.status(), 303);
    let (_, page) = console
        .get(&format!("/console/surveys/{SLUG}?done=embargo-set"))
        .await;
    assert!(
        page.contains(&format!("将于 {typed}（北京时间）自动公开")),
        "{page}"
    );
    assert!(page.contains("status-badge--embargoed"));
    let (_, list) = console.get("/console").await;
    assert!(list.contains("status-badge--embargoed"), "{list}");

    let refused = console
        .post(
            &format!("/console/surveys/{SLUG}/lifecycle"),
            &[("to", "open")],
        )
        .await;
    assert_eq!(refused.status(), 409);
    let words = refused.text().await.expect("body");
    assert!(words.contains("请先取消定时发布"), "{words}");
    let past = console
        .post(
            &format!("/console/surveys/{SLUG}/embargo"),
            &[("action", "move"), ("publish_at", "2020-01-01T10:00")],
        )
        .await;
    assert_eq!(past.status(), 422);
    assert!(past.text().await.expect("body").contains("必须晚于现在"));

    let cancelled = console
        .post(
            &format!("/console/surveys/{SLUG}/embargo"),
            &[("action", "cancel")],
        )
        .await;
    assert_eq!(cancelled.status(), 303);
    let (_, page) = console
        .get(&format!("/console/surveys/{SLUG}?done=embargo-cancelled"))
        .await;
    assert!(page.contains("已取消定时发布"));
    assert!(!page.contains("status-badge--embargoed"));
    let admin = Console::as_role(&app, Role::Admin).await;
    let (_, audit) = admin.get("/console/audit").await;
    assert!(audit.contains("冻结结果并设定定时发布") && audit.contains("取消定时发布"));
}

on_both_databases!(
    an_embargoed_wave_is_public_on_no_surface_until_its_time_then_on_all,
    staff_set_move_and_cancel_an_embargo_and_nothing_else_changes_meanwhile,
    the_console_sets_shows_and_cancels_an_embargo_in_words,
);
