//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the public, submission and staff
//! APIs. Staff operations carry their security requirement (Bearer token or staff session) and
//! the role they need, read from the same policy the gate enforces.

mod operations;
mod page;
mod schemas;

use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};

use crate::staff::policy::{access, Access};
pub use operations::{public, staff, Operation, OPERATIONS_TAG};
pub use page::serve as page;

fn parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect()
}

fn operation_id(op: &Operation) -> String {
    let words: Vec<String> = op
        .path
        .trim_start_matches("/api/v1/")
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.trim_matches(|c| c == '{' || c == '}')
                .replace(['.', '-'], "_")
        })
        .collect();
    format!("{}_{}", op.method.as_str().to_lowercase(), words.join("_"))
}

/// Operations that take answers: only with a kiosk key.
const SUBMISSION_TAG: &str = "submission";

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

/// The schema of a body in `media`: the error shape or any JSON, text, or bytes.
fn body_schema(media: &str, error: bool) -> Value {
    if media.contains("json") {
        if error {
            json!({ "$ref": "#/components/schemas/Error" })
        } else {
            json!({})
        }
    } else if media.starts_with("text/") {
        json!({ "type": "string" })
    } else {
        json!({ "type": "string", "format": "binary" })
    }
}

fn content(media: &str, error: bool) -> Value {
    let content: Map<String, Value> = media
        .split(", ")
        .filter(|m| !m.is_empty())
        .map(|m| (m.to_string(), json!({ "schema": body_schema(m, error) })))
        .collect();
    Value::Object(content)
}

fn query_parameters(op: &Operation) -> Vec<Value> {
    op.query
        .iter()
        .map(|q| {
            let schema: Value = serde_json::from_str(q.schema).unwrap_or_else(|_| json!({}));
            json!({ "name": q.name, "in": "query", "required": q.required, "schema": schema, "description": q.description })
        })
        .collect()
}

fn describe(op: &Operation) -> Value {
    let mut responses = Map::new();
    let success = match (op.success.1, op.produces) {
        (Some(schema), _) => {
            json!({ "description": "success", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
        }
        (None, Some(types)) => {
            json!({ "description": "success", "content": content(types, false) })
        }
        (None, None) => json!({ "description": "success" }),
    };
    responses.insert(op.success.0.to_string(), success);
    let mut operation = json!({
        "operationId": operation_id(op),
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": parameters(op.path).into_iter().chain(query_parameters(op)).collect::<Vec<_>>(),
    });
    if !op.query.is_empty() {
        // The request guard refuses a query value holding a control character on every route.
        responses.insert(
            "400".into(),
            error_response("a query value cannot be read or is out of range"),
        );
    }
    if let Some(schema) = op.request {
        operation["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
        responses.insert("400".into(), error_response("malformed JSON"));
        responses.insert("413".into(), error_response("body too large"));
        responses.insert("415".into(), error_response("not JSON"));
        responses.insert("422".into(), error_response("invalid field(s)"));
    }
    if !parameters(op.path).is_empty() {
        responses.insert("404".into(), error_response("not found"));
    }
    if op.tag == SUBMISSION_TAG {
        operation["security"] = json!([{ "kioskKey": [] }]);
        responses.insert(
            "401".into(),
            error_response("no kiosk key, or one unknown or revoked (code kiosk_key_required or invalid_kiosk_key)"),
        );
        responses.insert(
            "403".into(),
            error_response(
                "the kiosk key is not issued for this survey (code kiosk_key_not_for_survey)",
            ),
        );
        responses.insert(
            "409".into(),
            error_response(
                "this respondent already answered this subject (code duplicate_response), or the invitation was used or withdrawn (invitation_spent, invitation_revoked)",
            ),
        );
        responses.insert(
            "410".into(),
            error_response("the survey is not open for answers (code survey_not_open)"),
        );
        responses.insert(
            "429".into(),
            error_response("the kiosk key's daily limit is reached, or too many answers from this client; see Retry-After (code kiosk_daily_limit or rate_limited)"),
        );
        responses.insert(
            "503".into(),
            error_response(
                "answers cannot be stored right now; retry with the same Idempotency-Key",
            ),
        );
    }
    if op.tag == OPERATIONS_TAG {
        // `/metrics`: outside the staff area's paths, but behind its credentials.
        operation["security"] = json!([{ "bearerAuth": [] }, { "staffSession": [] }]);
        responses.insert("401".into(), error_response("no valid token or session"));
    }
    if let Access::Staff(role) = access(&op.method, op.path) {
        operation["security"] = json!([{ "bearerAuth": [] }, { "staffSession": [] }]);
        operation["x-required-role"] = json!(role.as_str());
        responses.insert("401".into(), error_response("no valid token or session"));
        responses.insert(
            "403".into(),
            error_response(&format!(
                "role below {role}, or a session change without its CSRF token"
            )),
        );
        if op.method != axum::http::Method::GET {
            responses.insert(
                "409".into(),
                error_response(
                    "not allowed in the current state (lifecycle, frozen, already excluded)",
                ),
            );
        }
    }
    for other in op.answers {
        let mut answer = json!({ "description": other.description });
        if !other.media.is_empty() {
            answer["content"] = content(other.media, true);
        }
        responses.insert(other.status.to_string(), answer);
    }
    operation["responses"] = Value::Object(responses);
    operation
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for op in public().into_iter().chain(staff()) {
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| json!({}));
        entry[op.method.as_str().to_lowercase()] = describe(&op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Koubei API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "NPS word-of-mouth surveys: the public results and calculator, survey submission for kiosks and partners, and the staff API. Errors always have the shape {\"error\": {\"code\", \"message\", \"field\"}}; messages follow Accept-Language (zh-CN or en).",
            "license": { "name": "MIT OR Apache-2.0" }
        },
        "servers": [{ "url": "/" }],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearerAuth": { "type": "http", "scheme": "bearer", "description": "an API token from `koubei token create`" },
                "kioskKey": { "type": "http", "scheme": "bearer", "description": "a kiosk key from `koubei kiosk create` or the console (Kiosk keys), scoped to surveys, with an optional daily limit" },
                "staffSession": { "type": "apiKey", "in": "cookie", "name": "koubei_staff", "description": "a console session; changes also need the X-CSRF-Token header" }
            },
            "schemas": schemas::all()
        }
    })
}

pub async fn serve() -> impl IntoResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = DOCUMENT.get_or_init(|| document().to_string()).clone();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::routes::table;

    #[test]
    fn every_staff_api_route_is_documented_with_its_security() {
        let doc = document();
        for (method, path) in table().into_iter().filter(|(_, p)| p.starts_with("/api/")) {
            let op = &doc["paths"][path][method.as_str().to_lowercase()];
            assert!(
                op.is_object(),
                "{method} {path} is not in the OpenAPI document"
            );
            assert_eq!(
                op["security"][0]["bearerAuth"],
                json!([]),
                "{method} {path}"
            );
            assert!(op["x-required-role"].is_string());
        }
        // and nothing is documented that the router does not serve
        let served = table();
        for op in staff() {
            assert!(
                served.iter().any(|(m, p)| *m == op.method && *p == op.path),
                "{} {}",
                op.method,
                op.path
            );
        }
    }

    /// Both directions: a public route added to the router's table without documenting it
    /// fails here, and so does a documented operation nothing serves.
    #[test]
    fn the_document_lists_exactly_the_public_routes_the_router_serves() {
        let doc = document();
        let served = crate::public_routes::documented_table();
        for (method, path) in &served {
            let op = &doc["paths"][*path][method.as_str().to_lowercase()];
            assert!(
                op.is_object(),
                "{method} {path} is served but not in the OpenAPI document"
            );
            if op["tags"][0] == SUBMISSION_TAG {
                assert_eq!(op["security"][0]["kioskKey"], json!([]), "{method} {path}");
            } else if op["tags"][0] == OPERATIONS_TAG {
                assert_eq!(
                    op["security"][0]["bearerAuth"],
                    json!([]),
                    "{method} {path}"
                );
            } else {
                assert!(op["security"].is_null(), "{method} {path} is public");
            }
        }
        for op in public() {
            assert!(
                served.iter().any(|(m, p)| *m == op.method && *p == op.path),
                "{} {} is documented but not served",
                op.method,
                op.path
            );
        }
        assert_eq!(served.len(), public().len(), "no duplicates either way");
    }

    #[test]
    fn every_reference_resolves_and_operation_ids_are_unique() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap_or_default();
            assert!(schemas.contains_key(name), "unresolved $ref {name}");
        }
        let mut ids = std::collections::HashSet::new();
        for item in doc["paths"].as_object().expect("paths").values() {
            for op in item.as_object().expect("path item").values() {
                assert!(ids.insert(op["operationId"].as_str().unwrap_or_default().to_string()));
            }
        }
    }
}
