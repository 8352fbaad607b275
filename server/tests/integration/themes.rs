//! What people say: themes and quotes frozen into a snapshot and shown in public, quotes picked
//! in the console under the rules (enough mentions, about the theme, counted, at most three),
//! reasons redacted for everyone but admins, and the sector lexicon edited in the console.

use domain::{ExclusionReason, Role};
use koubei_core::staff::Actor;
use koubei_core::themes::reading;
use reqwest::Method;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::TestApp;

/// The demo's published wave (its snapshot froze themes and the demo's quotes).
const PUBLISHED: &str = "dental-clinics-2025";
/// An open demo survey (with the demo's reasons carrying a phone number and a name).
const OPEN: &str = "elderly-care-2026";

/// Counted reasons of a subject of a survey that contain any of `needles`, counted by SQL
/// (`LIKE`), a path independent of the segmenter: for the demo's fixed reasons the two agree.
async fn counted_reasons_with(app: &TestApp, survey: &str, subject: &str, needles: &[&str]) -> i64 {
    let likes = needles
        .iter()
        .map(|n| format!("LOWER(r.reason) LIKE '%{n}%'"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let (n,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM responses r JOIN surveys sv ON sv.id = r.survey_id
         JOIN subjects su ON su.id = r.subject_id
         WHERE sv.slug = $1 AND su.slug = $2 AND ({likes}) AND {}",
        koubei_core::results::tallies::counted()
    ))
    .bind(survey)
    .bind(subject)
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    n
}

async fn the_demo_publishes_themes_and_redacted_quotes(app: TestApp) {
    app.seed_demo().await;
    let response = app
        .get(&format!("/api/v1/surveys/{PUBLISHED}/results"))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    let text = body.to_string();
    assert!(
        !text.contains("dr_li2026"),
        "a WeChat id never reaches the public"
    );
    let subjects = body["results"]["subjects"].as_array().expect("subjects");
    let mut quotes = 0;
    for subject in subjects {
        let slug = subject["subject"].as_str().expect("slug");
        let themes = &subject["themes"];
        assert!(
            themes.is_object(),
            "{slug} has its themes frozen: {subject}"
        );
        // The upselling count agrees with an independent count of the fixed demo reasons.
        let upselling = themes["themes"]
            .as_array()
            .expect("themes")
            .iter()
            .find(|t| t["theme"] == "upselling")
            .map_or(0, |t| t["mentions"].as_i64().expect("mentions"));
        let expected = counted_reasons_with(&app, PUBLISHED, slug, &["推销", "upsell"]).await;
        assert_eq!(upselling, expected, "{slug}");
        for quote in themes["quotes"].as_array().expect("quotes") {
            quotes += 1;
            let theme = quote["theme"].as_str().expect("theme");
            let mentions = themes["themes"]
                .as_array()
                .expect("themes")
                .iter()
                .find(|t| t["theme"] == theme)
                .and_then(|t| t["mentions"].as_u64())
                .expect("a quote's theme is in the table");
            assert!(mentions >= 5, "{quote}");
            assert!(!quote["text"].as_str().expect("text").is_empty());
        }
        let by_group = &themes["reasons"];
        let reasons = by_group["promoters"].as_i64().expect("p")
            + by_group["passives"].as_i64().expect("pa")
            + by_group["detractors"].as_i64().expect("d");
        let with_reason = counted_reasons_with(&app, PUBLISHED, slug, &[""]).await;
        assert_eq!(reasons, with_reason, "{slug}: every counted reason is read");
    }
    assert!(quotes >= subjects.len(), "the demo picked quotes: {quotes}");

    // The snapshot's hash covers the frozen themes and still checks.
    let survey = koubei_core::results::live::find_survey(&app.db, PUBLISHED)
        .await
        .expect("read")
        .expect("survey");
    let check = koubei_core::results::snapshots::check_latest_hash(&app.db, &survey.id)
        .await
        .expect("check")
        .expect("a snapshot");
    assert!(check.matches(), "{check:?}");
    // Deterministic: reading the same answers again gives the frozen themes byte for byte.
    let (read, picked) = reading::of_survey(&app.db, PUBLISHED)
        .await
        .expect("read")
        .expect("survey");
    let mut again = read.summaries(&picked);
    for summary in &mut again {
        assert!(!summary.keywords.is_empty() || summary.reasons.total() < 10);
        // Keywords are for staff: snapshots leave them out.
        summary.keywords.clear();
    }
    for (subject, summary) in read.subjects.iter().zip(&again) {
        let frozen = subjects
            .iter()
            .find(|s| s["subject"] == subject.slug.as_str())
            .expect("subject");
        let frozen: domain::themes::SubjectThemes =
            serde_json::from_value(frozen["themes"].clone()).expect("themes");
        assert_eq!(
            serde_json::to_string(&frozen).expect("json"),
            serde_json::to_string(summary).expect("json"),
            "{}",
            subject.slug
        );
    }

    // The public page shows themes and quotes in both languages.
    for (language, words) in [
        ("zh-CN", ["大家怎么说", "推销", "消费者原话"]),
        ("en", ["What people say", "Upselling", "In their words"]),
    ] {
        let (status, html) = app
            .get_with(&format!("/r/{PUBLISHED}"), &[("accept-language", language)])
            .await;
        assert_eq!(status, 200);
        assert!(
            html.contains(r#"data-testid="what-people-say""#),
            "{language}"
        );
        assert!(html.contains(r#"data-testid="public-quote""#), "{language}");
        for word in words {
            assert!(html.contains(word), "{language}: {word}");
        }
        assert!(!html.contains("dr_li2026"));
    }
}

async fn quotes_are_picked_under_the_rules(app: TestApp) {
    app.seed_demo().await;
    let (read, _) = reading::of_survey(&app.db, OPEN)
        .await
        .expect("read")
        .expect("survey");
    // The most-answered subject and its most mentioned theme; a theme it mentions fewer than
    // five times, if any, and a reason that does not mention the first theme.
    let subject = read
        .subjects
        .iter()
        .max_by_key(|s| s.reasons.len())
        .expect("subjects");
    let counts: Vec<(usize, u64)> = (0..read.lexicon.len())
        .map(|t| (t, read.mentions(subject, t)))
        .collect();
    let (top, _) = *counts.iter().max_by_key(|(_, n)| *n).expect("themes");
    let top_key = read.lexicon[top].key.clone();
    let about: Vec<&str> = subject
        .reasons
        .iter()
        .filter(|r| r.mentions(top))
        .map(|r| r.response_id.as_str())
        .collect();
    let not_about = subject
        .reasons
        .iter()
        .find(|r| !r.mentions(top))
        .expect("a reason about something else");

    let console = Console::as_role(&app, Role::Editor).await;
    let themes_page = format!("/console/surveys/{OPEN}/themes?subject={}", subject.slug);
    let (status, html) = console.get(&themes_page).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="theme-table""#) && html.contains("护理质量"));
    let quotes = format!("/console/surveys/{OPEN}/quotes");
    let pick = |response: String, theme: String| {
        let console = &console;
        let quotes = quotes.clone();
        let subject = subject.slug.clone();
        async move {
            console
                .post(
                    &quotes,
                    &[
                        ("response", &response),
                        ("theme", &theme),
                        ("subject", &subject),
                        ("action", "pick"),
                    ],
                )
                .await
        }
    };

    let refused = pick(not_about.response_id.clone(), top_key.clone()).await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .expect("body")
        .contains("没有提到这个主题"));
    if let Some((rare, _)) = counts.iter().find(|(_, n)| (1..5).contains(n)) {
        let reason = subject
            .reasons
            .iter()
            .find(|r| r.mentions(*rare))
            .expect("reason");
        let refused = pick(reason.response_id.clone(), read.lexicon[*rare].key.clone()).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.expect("body").contains("不足 5 次"));
    }
    // An excluded answer cannot be quoted.
    koubei_core::moderation::exclusions::exclude(
        &app.db,
        &Actor::Cli,
        about[0],
        ExclusionReason::Bot,
        "",
    )
    .await
    .expect("exclude");
    let refused = pick(about[0].to_string(), top_key.clone()).await;
    assert_eq!(refused.status(), 422);
    for id in &about[1..4] {
        let picked = pick(id.to_string(), top_key.clone()).await;
        assert_eq!(picked.status(), 303, "{id}");
    }
    let refused = pick(about[4].to_string(), top_key.clone()).await;
    assert_eq!(refused.status(), 409, "a fourth quote");
    assert!(refused
        .text()
        .await
        .expect("body")
        .contains("已经有 3 条引语"));
    let (_, html) = console.get(&themes_page).await;
    assert_eq!(html.matches(r#"data-testid="unpick""#).count(), 3);
    assert!(!html.contains("138 2345 6789"), "quotes are shown redacted");
    let removed = console
        .post(
            &quotes,
            &[
                ("response", about[1]),
                ("subject", &subject.slug),
                ("action", "remove"),
            ],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(
        app.audit_actions("quote.%").await,
        ["quote.pick", "quote.pick", "quote.pick", "quote.unpick"]
    );

    // A viewer reads the page but cannot pick.
    let viewer = Console::as_role(&app, Role::Viewer).await;
    let (status, html) = viewer.get(&themes_page).await;
    assert_eq!(status, 200);
    assert!(!html.contains(r#"data-testid="pick""#) && !html.contains(r#"data-testid="unpick""#));
    let forbidden = viewer
        .post(
            &quotes,
            &[
                ("response", about[5]),
                ("theme", &top_key),
                ("subject", &subject.slug),
                ("action", "pick"),
            ],
        )
        .await;
    assert_eq!(forbidden.status(), 403);

    // Published, the picks are frozen beside the theme table.
    let editor = app.token(Role::Editor).await;
    for step in ["close", "publish"] {
        let done = app
            .staff(
                Method::POST,
                &format!("/api/v1/staff/surveys/{OPEN}/{step}"),
                Some(&editor),
                None,
            )
            .await;
        assert_eq!(done.status, 200, "{step}: {}", done.json);
    }
    let body: Value = app
        .get(&format!("/api/v1/surveys/{OPEN}/results"))
        .await
        .json()
        .await
        .expect("json");
    let frozen = body["results"]["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .find(|s| s["subject"] == subject.slug.as_str())
        .expect("subject");
    assert_eq!(
        frozen["themes"]["quotes"].as_array().expect("quotes").len(),
        2,
        "{frozen}"
    );
}

async fn reasons_are_redacted_for_everyone_but_admins(app: TestApp) {
    app.seed_demo().await;
    let phone = "138 2345 6789";
    let path = format!("/api/v1/staff/surveys/{OPEN}/responses?limit=500");
    let admin = app.token(Role::Admin).await;
    let editor = app.token(Role::Editor).await;
    let all_pages = |token: String| {
        let app = &app;
        let path = path.clone();
        async move {
            let mut text = String::new();
            let mut next = String::new();
            loop {
                let page = app
                    .staff(Method::GET, &format!("{path}{next}"), Some(&token), None)
                    .await;
                assert_eq!(page.status, 200);
                text.push_str(&page.json.to_string());
                match page.json["next"].as_str() {
                    Some(after) => next = format!("&after={after}"),
                    None => return text,
                }
            }
        }
    };
    let as_admin = all_pages(admin).await;
    assert!(as_admin.contains(phone), "admins read reasons as written");
    let as_editor = all_pages(editor.clone()).await;
    assert!(!as_editor.contains(phone) && !as_editor.contains("王护士"));
    assert!(as_editor.contains("〔已隐去〕护士"));
    let csv = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{OPEN}/export/responses.csv"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(csv.status, 200);
    let csv = String::from_utf8_lossy(&csv.bytes).to_string();
    assert!(!csv.contains(phone) && csv.contains("〔已隐去〕"));
    let viewer = Console::as_role(&app, Role::Viewer).await;
    let (status, html) = viewer
        .get(&format!("/console/surveys/{OPEN}/responses?theme=care"))
        .await;
    assert_eq!(status, 200);
    assert!(!html.contains(phone));
    // The theme filter lists only reasons about the theme.
    let (_, html) = viewer
        .get(&format!(
            "/console/surveys/{OPEN}/responses?theme=complaints"
        ))
        .await;
    let cells: Vec<&str> = html
        .split(r#"class="reason-cell">"#)
        .skip(1)
        .map(|rest| rest.split("</td>").next().unwrap_or_default())
        .collect();
    assert!(!cells.is_empty());
    for cell in cells {
        assert!(cell.contains("投诉") || cell.contains("omplaint"), "{cell}");
    }
    let refused = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{OPEN}/responses?theme=%3Cscript%3E"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.json);
}

async fn the_lexicon_is_edited_in_the_console(app: TestApp) {
    app.seed_demo().await;
    let console = Console::as_role(&app, Role::Editor).await;
    let page = "/console/sectors/dental-clinics/themes";
    let (status, html) = console.get(page).await;
    assert_eq!(status, 200);
    assert!(html.contains("推销") && html.contains(r#"name="themes.0.key" value="skill""#));
    let stored = koubei_core::themes::lexicon::of_sector(&app.db, "dental-clinics")
        .await
        .expect("lexicon");
    // Keep every theme but the last, change the first's words, add one, leave a name out.
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, theme) in stored.iter().enumerate() {
        fields.push((format!("themes.{i}.key"), theme.key.clone()));
        fields.push((format!("themes.{i}.name_zh"), theme.name_zh.clone()));
        fields.push((format!("themes.{i}.name_en"), theme.name_en.clone()));
        let words = if i == 0 {
            "技术、医术，skill".to_string()
        } else {
            theme.words.join("\n")
        };
        fields.push((format!("themes.{i}.words"), words));
    }
    let last = stored.len() - 1;
    fields.push((format!("themes.{last}.remove"), "yes".into()));
    let new = stored.len();
    fields.push((format!("themes.{new}.name_zh"), "环境卫生".into()));
    fields.push((format!("themes.{new}.words"), "干净\n卫生".into()));
    let refs = |fields: &[(String, String)]| -> Vec<(String, String)> { fields.to_vec() };
    let post = |fields: Vec<(String, String)>| {
        let console = &console;
        async move {
            let refs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            console.post(page, &refs).await
        }
    };
    let refused = post(refs(&fields)).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(html.contains("环境卫生"), "typed text is kept");
    let unchanged = koubei_core::themes::lexicon::of_sector(&app.db, "dental-clinics")
        .await
        .expect("lexicon");
    assert_eq!(unchanged, stored, "nothing is saved on a problem");

    fields.push((format!("themes.{new}.name_en"), "Hygiene".into()));
    let saved = post(refs(&fields)).await;
    assert_eq!(saved.status(), 303);
    let lexicon = koubei_core::themes::lexicon::of_sector(&app.db, "dental-clinics")
        .await
        .expect("lexicon");
    let keys: Vec<&str> = lexicon.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys.len(), stored.len());
    assert_eq!(keys.last(), Some(&"hygiene"));
    assert!(!keys.contains(&stored[last].key.as_str()));
    assert_eq!(lexicon[0].words, ["技术", "医术", "skill"]);
    assert_eq!(app.audit_actions("sector.themes").await.len(), 1);
    let viewer = Console::as_role(&app, Role::Viewer).await;
    let forbidden = viewer.post(page, &[("themes.0.name_zh", "x")]).await;
    assert_eq!(forbidden.status(), 403);
}

on_both_databases!(
    the_demo_publishes_themes_and_redacted_quotes,
    quotes_are_picked_under_the_rules,
    reasons_are_redacted_for_everyone_but_admins,
    the_lexicon_is_edited_in_the_console,
);
