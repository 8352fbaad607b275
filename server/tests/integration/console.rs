//! The staff console over HTTP: sign-in and sessions, roles and CSRF on every route, authoring
//! and the survey lifecycle, moderation and the quality ledger, exports and posters.

use domain::Role;
use koubei_server::staff::policy::{access, is_api, Access};
use koubei_server::staff::routes::table;

use crate::on_both_databases;
use crate::support::console::{attempt_sign_in, create_staff, Console, PASSWORD};
use crate::support::fixtures;
use crate::support::TestApp;

/// Stores a response with a reason, as the submission path would, and returns its id.
async fn response_with_reason(
    app: &TestApp,
    fixture: &fixtures::Fixture,
    score: i64,
    reason: &str,
) -> String {
    let id = koubei_core::db::new_id();
    sqlx::query(
        "INSERT INTO responses (id, survey_id, subject_id, score, reason, lang, respondent_key, created_at)
         VALUES ($1, $2, $3, $4, $5, 'zh-CN', $6, $7)",
    )
    .bind(&id)
    .bind(&fixture.survey_id)
    .bind(&fixture.subject_id)
    .bind(score)
    .bind(reason)
    .bind(format!("respondent-{id}"))
    .bind(koubei_core::db::timestamp::now())
    .execute(app.db.pool())
    .await
    .expect("response");
    // Stored behind the writer's back: bring the running tallies in line, as a bulk load does.
    let mut conn = app.db.pool().acquire().await.expect("connection");
    koubei_core::results::tallies::rebuild(&mut conn, &fixture.survey_id)
        .await
        .expect("tallies");
    id
}

/// A concrete path for a route pattern: every `{param}` becomes `x`.
fn concrete(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|part| if part.starts_with('{') { "x" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

async fn every_staff_route_is_guarded(app: TestApp) {
    let routes = table();
    assert!(
        routes.len() >= 20,
        "the table lists the console and the staff API"
    );
    let viewer = Console::as_role(&app, Role::Viewer).await;
    let mut checked = 0;
    for (method, pattern) in routes {
        let path = concrete(pattern);
        let required = match access(&method, pattern) {
            Access::Staff(role) => role,
            Access::SignIn => continue,
            Access::Public => panic!("{method} {pattern} is a staff route the policy calls public"),
        };
        // Without credentials: the console sends people to sign in, the API answers 401.
        let anonymous = app
            .http
            .request(method.clone(), app.url(&path))
            .send()
            .await
            .expect("request");
        if is_api(pattern) {
            assert_eq!(anonymous.status().as_u16(), 401, "{method} {pattern}");
        } else {
            assert_eq!(anonymous.status().as_u16(), 303, "{method} {pattern}");
            let location = anonymous.headers()["location"].to_str().expect("location");
            assert!(
                location.starts_with("/console/sign-in?next="),
                "{method} {pattern}: {location}"
            );
        }
        // A viewer's session: reads pass the gate, changes and admin areas do not.
        if !Role::Viewer.allows(required) {
            let status = app
                .http
                .request(method.clone(), app.url(&path))
                .header("cookie", &viewer.cookie)
                .header("x-csrf-token", &viewer.csrf)
                .form(&[("csrf", viewer.csrf.as_str())])
                .send()
                .await
                .expect("request")
                .status()
                .as_u16();
            assert_eq!(status, 403, "viewer on {method} {pattern}");
        }
        checked += 1;
    }
    assert!(checked >= 20);
}

async fn signing_in_takes_the_right_password_and_throttles_guessing(app: TestApp) {
    create_staff(&app, "li.wei@council.example.cn", Role::Editor).await;
    let (status, cookie, body) =
        attempt_sign_in(&app, "li.wei@council.example.cn", "wrong password!").await;
    assert_eq!(status, 401);
    assert!(cookie.is_none());
    assert!(body.contains("邮箱或密码不正确"), "localized error: {body}");
    // An unknown address fails the same way.
    let (status, _, _) = attempt_sign_in(&app, "nobody@council.example.cn", PASSWORD).await;
    assert_eq!(status, 401);
    for _ in 0..4 {
        attempt_sign_in(&app, "li.wei@council.example.cn", "wrong password!").await;
    }
    // Five failures for the address: even the right password now waits.
    let (status, cookie, body) = attempt_sign_in(&app, "LI.WEI@council.example.cn", PASSWORD).await;
    assert_eq!(status, 429, "{body}");
    assert!(cookie.is_none());
}

async fn sessions_live_in_the_database_and_sign_out_ends_them(app: TestApp) {
    create_staff(&app, "admin@council.example.cn", Role::Admin).await;
    let first = Console::sign_in(&app, "admin@council.example.cn").await;
    let second = Console::sign_in(&app, "admin@council.example.cn").await;
    // Another server instance on the same database honours the session.
    let other = app.second_instance().await;
    let (status, body) = {
        let response = other
            .http
            .get(other.url("/console"))
            .header("cookie", &first.cookie)
            .send()
            .await
            .expect("GET");
        (
            response.status().as_u16(),
            response.text().await.expect("body"),
        )
    };
    assert_eq!(status, 200);
    assert!(body.contains("admin@council.example.cn"));

    let response = first.post("/console/sign-out", &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(first.get("/console").await.0, 303, "signed out");
    assert_eq!(second.get("/console").await.0, 200, "other sessions stay");

    let third = Console::sign_in(&app, "admin@council.example.cn").await;
    let response = third.post("/console/sign-out-everywhere", &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(second.get("/console").await.0, 303, "every session ended");
    assert_eq!(third.get("/console").await.0, 303);
}

async fn changes_need_the_session_csrf_token_and_our_origin(app: TestApp) {
    let editor = Console::as_role(&app, Role::Editor).await;
    let fields = [
        ("slug", "elderly-care"),
        ("name_zh", "养老机构"),
        ("name_en", "Elderly care"),
        ("active", "yes"),
    ];
    let forged = app
        .http
        .post(app.url("/console/sectors"))
        .header("cookie", &editor.cookie)
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(forged.status().as_u16(), 403);
    let mut with_token = vec![("csrf", editor.csrf.as_str())];
    with_token.extend_from_slice(&fields);
    let cross_site = app
        .http
        .post(app.url("/console/sectors"))
        .header("cookie", &editor.cookie)
        .header("origin", "https://evil.example")
        .form(&with_token)
        .send()
        .await
        .expect("POST");
    assert_eq!(cross_site.status().as_u16(), 403);
    // No Origin (some privacy settings drop it), but a Referer from another site.
    let referred = app
        .http
        .post(app.url("/console/sectors"))
        .header("cookie", &editor.cookie)
        .header("referer", "https://evil.example/attack")
        .form(&with_token)
        .send()
        .await
        .expect("POST");
    assert_eq!(referred.status().as_u16(), 403);
    assert_eq!(
        editor.get("/console/sectors/elderly-care").await.0,
        404,
        "nothing created"
    );

    let genuine = editor.post("/console/sectors", &fields).await;
    assert_eq!(genuine.status().as_u16(), 303);
    assert_eq!(editor.get("/console/sectors/elderly-care").await.0, 200);
}

async fn an_editor_authors_a_survey_and_moves_it_through_its_lifecycle(app: TestApp) {
    let editor = Console::as_role(&app, Role::Editor).await;
    assert_eq!(
        editor
            .post(
                "/console/sectors",
                &[
                    ("slug", "dental"),
                    ("name_zh", "口腔诊所"),
                    ("name_en", "Dental clinics"),
                    ("active", "yes")
                ]
            )
            .await
            .status()
            .as_u16(),
        303
    );
    for (slug, zh, en) in [
        ("smile", "微笑口腔", "Smile Dental"),
        ("bright", "亮齿", "Bright Teeth"),
    ] {
        let response = editor
            .post(
                "/console/sectors/dental/subjects",
                &[
                    ("slug", slug),
                    ("name_zh", zh),
                    ("name_en", en),
                    ("active", "yes"),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
    }
    let mut survey = vec![
        ("slug", "dental-2027"),
        ("sector", "dental"),
        ("title_zh", "口腔诊所口碑调查"),
        ("title_en", ""),
        ("subjects", "smile"),
        ("subjects", "bright"),
        ("min_n", "30"),
        ("method", "adjusted-wald"),
        ("level", "0.95"),
        ("opens_at", "2027-01-01T00:00"),
        ("closes_at", "2026-12-01T00:00"),
    ];
    // Problems come back next to their fields, in the chosen language, and nothing is stored.
    let refused = editor.post("/console/surveys", &survey).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("必填"), "title_en required: {page}");
    assert!(page.contains("截止时间须晚于开始时间"), "{page}");
    assert!(
        page.contains("value=\"口腔诊所口碑调查\""),
        "typed values kept"
    );
    assert_eq!(editor.get("/console/surveys/dental-2027").await.0, 404);

    survey[3] = ("title_en", "Dental clinics survey");
    survey[10] = ("closes_at", "2027-02-01T00:00");
    let created = editor.post("/console/surveys", &survey).await;
    assert_eq!(created.status().as_u16(), 303);
    let (_, page) = editor.get("/console/surveys/dental-2027").await;
    assert!(page.contains("草稿"), "a new survey is a draft");
    assert_eq!(
        app.get("/s/dental-2027").await.status().as_u16(),
        404,
        "drafts take no answers"
    );

    let opened = editor
        .post("/console/surveys/dental-2027/lifecycle", &[("to", "open")])
        .await;
    assert_eq!(opened.status().as_u16(), 303);
    assert_eq!(app.get("/s/dental-2027").await.status().as_u16(), 200);

    // Publishing an open survey is not a step the lifecycle has: refused, nothing changed.
    let illegal = editor
        .post(
            "/console/surveys/dental-2027/lifecycle",
            &[("to", "published")],
        )
        .await;
    assert_eq!(illegal.status().as_u16(), 409);
    assert!(illegal
        .text()
        .await
        .expect("page")
        .contains("无法从“开放中”变为“已发布”"));
    let (_, page) = editor.get("/console/surveys/dental-2027").await;
    assert!(page.contains("开放中"));

    editor
        .post(
            "/console/surveys/dental-2027/lifecycle",
            &[("to", "closed")],
        )
        .await;
    let (status, preview) = editor.get("/console/surveys/dental-2027/preview").await;
    assert_eq!(status, 200);
    assert!(
        preview.contains("样本不足"),
        "no responses: every subject held back"
    );
    let published = editor
        .post(
            "/console/surveys/dental-2027/lifecycle",
            &[("to", "published")],
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    assert_eq!(app.get("/s/dental-2027").await.status().as_u16(), 410);
    // A published survey's definition is frozen.
    survey[2] = ("title_zh", "改过的标题");
    let frozen = editor
        .post("/console/surveys/dental-2027/edit", &survey)
        .await;
    assert_eq!(frozen.status().as_u16(), 409);

    let admin = Console::as_role(&app, Role::Admin).await;
    let (status, audit) = admin.get("/console/audit").await;
    assert_eq!(status, 200);
    for action in [
        "survey.create",
        "survey.open",
        "survey.close",
        "survey.publish",
        "sector.create",
        "subject.create",
    ] {
        assert!(
            audit.contains(&format!(r#"data-action="{action}""#)),
            "audit has {action}"
        );
    }
    // In words and Beijing time, the actor by e-mail, the survey by its title; no codes, no
    // UTC times, no ids in what people read.
    for words in [
        "创建调查",
        "发布结果",
        "添加品牌 / 机构",
        "editor@council.example.cn",
    ] {
        assert!(audit.contains(words), "audit says {words}");
    }
    assert!(!audit.contains("user:editor@"), "{audit}");
    assert!(!audit.contains(">survey.create<"), "{audit}");
    assert!(!audit.contains("Z</td>"), "no stored UTC times: {audit}");
    assert!(
        audit.contains("/console/surveys/dental-2027"),
        "the survey is a link"
    );

    // Sign-ins are left out unless asked for; a kind narrows the list.
    assert!(
        !audit.contains(r#"data-action="user.sign_in""#),
        "sign-ins hidden by default"
    );
    let (_, with_sign_ins) = admin.get("/console/audit?sign_ins=yes").await;
    assert!(with_sign_ins.contains(r#"data-action="user.sign_in""#));
    let (_, only_catalog) = admin.get("/console/audit?area=catalog").await;
    assert!(only_catalog.contains(r#"data-action="sector.create""#));
    assert!(!only_catalog.contains(r#"data-action="survey.create""#));
    let (status, unknown_area) = admin.get("/console/audit?area=nonsense").await;
    assert_eq!(status, 200, "an unknown kind shows everything");
    assert!(unknown_area.contains(r#"data-action="survey.create""#));
    // Days are Beijing days; a range without entries says so.
    let (_, long_ago) = admin
        .get("/console/audit?from=2001-01-01&to=2001-12-31")
        .await;
    assert!(long_ago.contains("没有符合条件的记录"), "{long_ago}");
    let today = koubei_core::db::timestamp::council_date(&koubei_core::db::timestamp::now())
        .expect("today");
    let (_, today_only) = admin
        .get(&format!("/console/audit?from={today}&to={today}"))
        .await;
    assert!(today_only.contains(r#"data-action="survey.create""#));

    // The export is the filtered list as CSV, for admins only.
    let (status, csv) = admin.get("/console/audit/export.csv?area=catalog").await;
    assert_eq!(status, 200);
    assert!(
        csv.contains("时间（北京时间）") && csv.contains("sector.create"),
        "{csv}"
    );
    assert!(!csv.contains("survey.create"), "{csv}");
    let (status, _) = editor.get("/console/audit/export.csv").await;
    assert_eq!(status, 403);
}

async fn excluding_a_response_moves_it_from_counted_to_excluded_in_the_ledger(app: TestApp) {
    let fixture = fixtures::sector_with_survey(&app.db, "video").await;
    let response_id = response_with_reason(&app, &fixture, 9, "=HYPERLINK(\"http://x\")").await;
    let editor = Console::as_role(&app, Role::Editor).await;
    let survey = "/console/surveys/video-survey";
    let subject = "video-brand";
    let counted = |page: &str, testid: &str| -> String {
        let marker = format!("data-testid=\"{testid}\"");
        let at = page.find(&marker).expect(testid);
        let start = at + page[at..].find('>').expect("tag end") + 1;
        page[start..]
            .split('<')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let (_, page) = editor.get(survey).await;
    assert_eq!(counted(&page, &format!("ledger-counted-{subject}")), "1");
    assert_eq!(counted(&page, &format!("ledger-excluded-{subject}")), "0");

    // No reason is chosen for staff, and the language is a word, not a tag.
    let (_, detail) = editor
        .get(&format!("/console/responses/{response_id}"))
        .await;
    assert!(
        detail.contains(r#"<option value="" selected disabled>请选择原因</option>"#),
        "{detail}"
    );
    assert!(!detail.contains(">zh-CN<"), "{detail}");
    let unchosen = editor
        .post(
            &format!("/console/responses/{response_id}/exclusion"),
            &[("reason", ""), ("note", "")],
        )
        .await;
    assert_eq!(unchosen.status().as_u16(), 422, "a reason must be chosen");
    let refused = editor
        .post(
            &format!("/console/responses/{response_id}/exclusion"),
            &[("reason", "other"), ("note", "")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422, "'other' needs a note");
    let excluded = editor
        .post(
            &format!("/console/responses/{response_id}/exclusion"),
            &[("reason", "bot"), ("note", "burst of identical answers")],
        )
        .await;
    assert_eq!(excluded.status().as_u16(), 303);
    let (_, page) = editor.get(survey).await;
    assert_eq!(counted(&page, &format!("ledger-counted-{subject}")), "0");
    assert_eq!(counted(&page, &format!("ledger-excluded-{subject}")), "1");
    let (_, list) = editor
        .get(&format!("{survey}/responses?excluded=yes"))
        .await;
    assert!(list.contains("HYPERLINK"), "{list}");
    assert!(
        list.contains(&response_id),
        "the excluded response is still there"
    );

    // The export keeps it, marked, and defuses the formula in its reason.
    let response = app
        .http
        .get(app.url(&format!("{survey}/export/responses.csv")))
        .header("cookie", &editor.cookie)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.text().await.expect("csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains(",bot,"), "{csv}");

    let restored = editor
        .post(&format!("/console/responses/{response_id}/restore"), &[])
        .await;
    assert_eq!(restored.status().as_u16(), 303);
    let (_, page) = editor.get(survey).await;
    assert_eq!(counted(&page, &format!("ledger-counted-{subject}")), "1");
    let (_, detail) = editor
        .get(&format!("/console/responses/{response_id}"))
        .await;
    assert!(detail.contains("已恢复"), "the history keeps both steps");
}

async fn the_poster_carries_the_survey_title_and_a_qr_code(app: TestApp) {
    fixtures::sector_with_survey(&app.db, "meals").await;
    let viewer = Console::as_role(&app, Role::Viewer).await;
    let (status, poster) = viewer.get("/console/surveys/meals-survey/poster").await;
    assert_eq!(status, 200);
    assert!(poster.contains("<svg") && poster.contains("poster-qr"));
    let response = app
        .http
        .get(app.url("/console/surveys/meals-survey/qr.svg"))
        .header("cookie", &viewer.cookie)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
}

on_both_databases!(
    every_staff_route_is_guarded,
    signing_in_takes_the_right_password_and_throttles_guessing,
    sessions_live_in_the_database_and_sign_out_ends_them,
    changes_need_the_session_csrf_token_and_our_origin,
    an_editor_authors_a_survey_and_moves_it_through_its_lifecycle,
    excluding_a_response_moves_it_from_counted_to_excluded_in_the_ledger,
    the_poster_carries_the_survey_title_and_a_qr_code,
);

mod embed_code {
    use super::*;

    async fn the_embed_code_generator_gives_a_snippet_and_a_preview_for_published_surveys(
        app: TestApp,
    ) {
        app.seed_demo().await;
        let viewer = Console::as_role(&app, Role::Viewer).await;
        let (status, page) = viewer
            .get("/console/surveys/dental-clinics-2025/embed?subject=haochi-dental&theme=dark&lang=en")
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("/embed.js"), "{page}");
        assert!(
            page.contains("data-koubei-subject=\"haochi-dental\""),
            "{page}"
        );
        assert!(page.contains("data-theme=\"dark\""));
        assert!(page.contains("/badge/dental-clinics-2025/haochi-dental.svg"));
        assert!(
            page.contains(
                "src=\"/embed/dental-clinics-2025/haochi-dental?theme=dark&amp;lang=en\""
            ),
            "{page}"
        );
        // Unknown values never reach the snippet.
        let (_, page) = viewer
            .get("/console/surveys/dental-clinics-2025/embed?subject=%3Cscript%3E")
            .await;
        assert!(!page.contains("data-koubei-subject"));
        let (status, page) = viewer
            .get("/console/surveys/dental-clinics-2026/embed")
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("embed-unpublished"));
    }

    async fn the_api_page_lists_every_operation(app: TestApp) {
        let (status, page) = app.get_with("/api", &[("accept-language", "en")]).await;
        assert_eq!(status, 200);
        for path in [
            "/api/v1/surveys/{slug}/responses",
            "/api/v1/staff/surveys/{slug}/publish",
            "/api/v1/openapi.json",
        ] {
            assert!(page.contains(path), "{path}");
        }
        assert!(page.contains("staff: admin"));
    }

    on_both_databases!(
        the_embed_code_generator_gives_a_snippet_and_a_preview_for_published_surveys,
        the_api_page_lists_every_operation,
    );
}
