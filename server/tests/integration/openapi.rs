//! The OpenAPI document as a client fetches it.

use crate::on_both_databases;
use crate::support::TestApp;

async fn the_openapi_document_lists_the_public_and_staff_operations(app: TestApp) {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let doc: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/surveys/{slug}/responses"]["post"]["requestBody"].is_object());
    assert!(
        doc["paths"]["/api/v1/nps"]["get"]["security"].is_null(),
        "public needs no credentials"
    );
    let publish = &doc["paths"]["/api/v1/staff/surveys/{slug}/publish"]["post"];
    assert_eq!(publish["x-required-role"], "editor");
    assert!(publish["responses"]["409"].is_object());
    assert_eq!(
        doc["paths"]["/api/v1/staff/audit"]["get"]["x-required-role"],
        "admin"
    );
}

/// Every public operation the document lists is served: with the demo's surveys filled into
/// its path, each documented GET succeeds and the documented POST answers an empty body with 422.
async fn every_documented_public_operation_is_served(app: TestApp) {
    app.seed_demo().await;
    let operations = koubei_server::api::openapi::public();
    assert!(operations.len() >= 14);
    // A badge's own verify token fills `/verify/{token}`.
    let (_, badge) = app
        .get_with("/badge/dental-clinics-2025/haochi-dental.svg", &[])
        .await;
    let token = badge
        .split("/verify/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the badge's verify link")
        .to_string();
    for op in operations {
        // Answers go to the demo's open survey; everything else reads the published one.
        let survey = if op.method == axum::http::Method::POST {
            "dental-clinics-2026"
        } else {
            "dental-clinics-2025"
        };
        let file = if op.path.starts_with("/charts/sector/") {
            "trend.svg"
        } else if op.path.starts_with("/charts/") {
            "ranking.svg"
        } else {
            "haochi-dental.svg"
        };
        let path = op
            .path
            .replace("{slug}", survey)
            .replace("{subject}", "haochi-dental")
            .replace("{sector}", "dental-clinics")
            .replace("{file}", file)
            .replace("{token}", &token);
        let query = if path == "/oembed" {
            format!("?url=http://{}/r/dental-clinics-2025", app.addr)
        } else if path == "/api/v1/nps" {
            "?promoters=3&passives=1&detractors=1".to_string()
        } else {
            String::new()
        };
        let mut request = app
            .http
            .request(op.method.clone(), app.url(&format!("{path}{query}")));
        if op.tag == "submission" {
            // Answers over the API come from kiosks only.
            request = request.bearer_auth(app.kiosk_key().await);
        }
        if op.tag == koubei_server::api::openapi::OPERATIONS_TAG {
            // `/metrics` is for an operator's scraper, with a staff token.
            let token = koubei_core::staff::api_tokens::create(
                &app.db,
                &koubei_core::staff::Actor::Cli,
                "scraper",
                domain::Role::Viewer,
            )
            .await
            .expect("token");
            request = request.bearer_auth(token.secret);
        }
        let response = request
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        assert_ne!(status, 405, "{} {path}", op.method);
        assert!(
            status < 400 || (op.method == axum::http::Method::POST && status == 422),
            "{} {path} answered {status}",
            op.method
        );
    }
}

on_both_databases!(
    the_openapi_document_lists_the_public_and_staff_operations,
    every_documented_public_operation_is_served,
);
