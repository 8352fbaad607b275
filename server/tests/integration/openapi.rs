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

on_both_databases!(the_openapi_document_lists_the_public_and_staff_operations);
