//! The JSON shapes of the API, as OpenAPI 3.1 schemas (JSON Schema 2020-12).

use serde_json::{json, Map, Value};

fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}
fn string() -> Value {
    json!({ "type": "string" })
}
fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}
fn text_int(description: &str) -> Value {
    json!({ "type": "integer", "description": description })
}
fn int() -> Value {
    json!({ "type": "integer" })
}
fn num() -> Value {
    json!({ "type": "number" })
}
fn boolean() -> Value {
    json!({ "type": "boolean" })
}
fn null_or(schema: Value) -> Value {
    json!({ "oneOf": [schema, { "type": "null" }] })
}
fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}
fn one_of(values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values })
}
fn object(required: &[&str], properties: Vec<(&str, Value)>) -> Value {
    let properties: Map<String, Value> = properties
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    json!({ "type": "object", "required": required, "properties": properties })
}

const PREVIEW_LINK_REQUIRED: [&str; 8] = [
    "id",
    "survey",
    "subject",
    "subject_name_zh",
    "subject_name_en",
    "created_by",
    "created_at",
    "expires_at",
];

fn preview_link_fields() -> Vec<(&'static str, Value)> {
    vec![
        ("id", string()),
        ("survey", string()),
        ("subject", string()),
        ("subject_name_zh", string()),
        ("subject_name_en", string()),
        ("created_by", string()),
        ("created_at", string()),
        ("expires_at", text("UTC; the link answers 410 from then on")),
        ("revoked_at", null_or(string())),
    ]
}

const REPLY_REQUIRED: [&str; 9] = [
    "id",
    "survey",
    "subject",
    "subject_name_zh",
    "subject_name_en",
    "body_zh",
    "body_en",
    "submitted_at",
    "status",
];

fn reply_fields() -> Vec<(&'static str, Value)> {
    vec![
        ("id", string()),
        ("survey", string()),
        ("subject", string()),
        ("subject_name_zh", string()),
        ("subject_name_en", string()),
        (
            "body_zh",
            text("plain text, up to 500 characters; empty when the brand wrote English only"),
        ),
        (
            "body_en",
            text("plain text, up to 500 characters; empty when the brand wrote Chinese only"),
        ),
        ("submitted_at", string()),
        ("status", one_of(&["pending", "approved", "rejected"])),
        ("decided_by", null_or(string())),
        ("decided_at", null_or(string())),
        ("decision_reason", null_or(string())),
    ]
}

const STATUSES: [&str; 4] = ["draft", "open", "closed", "published"];
const ROLES: [&str; 3] = ["admin", "editor", "viewer"];
const METHODS: [&str; 5] = ["wald", "adjusted-wald", "score", "bootstrap", "bayes"];
const FLAGS: [&str; 4] = ["duplicate", "honeypot", "too-fast", "rate-limited"];
/// The reasons staff may give; an exclusion read back may also say `withdrawn` (by the
/// respondent, with their receipt code).
const REASONS: [&str; 5] = ["duplicate", "bot", "not-a-customer", "off-topic", "other"];
const EXCLUSION_REASONS: [&str; 6] = [
    "duplicate",
    "bot",
    "not-a-customer",
    "off-topic",
    "other",
    "withdrawn",
];

/// Every schema the operations refer to.
pub fn all() -> Value {
    let counts = || {
        object(
            &[
                "received",
                "flagged",
                "excluded",
                "excluded_in_clusters",
                "excluded_total",
                "held",
                "counted",
                "channels",
                "detected",
                "verified",
                "verified_share",
            ],
            vec![
                ("received", int()),
                (
                    "flagged",
                    json!({ "type": "object", "additionalProperties": { "type": "integer" }, "description": "per flag" }),
                ),
                (
                    "excluded",
                    json!({ "type": "object", "additionalProperties": { "type": "integer" }, "description": "per exclusion reason" }),
                ),
                (
                    "excluded_in_clusters",
                    json!({ "type": "integer", "description": "in suspect clusters staff excluded" }),
                ),
                ("excluded_total", int()),
                (
                    "held",
                    json!({ "type": "integer", "description": "in suspect clusters waiting for a decision: stored, not counted" }),
                ),
                ("counted", int()),
                (
                    "channels",
                    json!({ "type": "object", "additionalProperties": { "type": "integer" }, "description": "received per channel: link, poster, invitation, kiosk" }),
                ),
                (
                    "detected",
                    json!({ "type": "object", "additionalProperties": { "type": "integer" }, "description": "answers each detector put in a suspect cluster: burst, network, near-duplicate-reasons" }),
                ),
                (
                    "verified",
                    json!({ "type": "integer", "description": "counted answers that came through an invitation" }),
                ),
                (
                    "verified_share",
                    null_or(json!({ "type": "number", "minimum": 0, "maximum": 1 })),
                ),
                (
                    "assisted",
                    json!({ "type": "integer", "description": "received answers given with help or for a family member (协助填写)" }),
                ),
            ],
        )
    };
    let schemas = vec![
        ("Error", object(&["error"], vec![("error", object(&["code", "message"], vec![
            ("code", text("stable, for programs")),
            ("message", text("for people, in the request's language")),
            ("field", text("the field at fault, when one is")),
            ("problems", array(object(&["field", "code"], vec![("field", string()), ("code", string())]))),
        ]))])),
        ("Texts", object(&["zh-CN", "en"], vec![("zh-CN", string()), ("en", string())])),
        ("NpsResult", object(&["n", "nps", "ci_low", "ci_high", "method", "level"], vec![
            ("n", int()), ("promoters", int()), ("passives", int()), ("detractors", int()),
            ("nps", null_or(num())), ("ci_low", null_or(num())), ("ci_high", null_or(num())),
            ("method", one_of(&METHODS)), ("level", num()), ("zero_width", boolean()),
            ("no_data", boolean()), ("method_version", string()),
        ])),
        ("SurveyList", array(object(
            &["slug", "status", "title_zh", "title_en", "subject_count", "sector"],
            vec![
                ("slug", string()),
                ("status", one_of(&["open", "published"])),
                ("title_zh", string()),
                ("title_en", string()),
                ("subject_count", int()),
                ("closes_on", null_or(text("the last day answers are taken, in the council's calendar"))),
                ("opens_at", null_or(string())),
                ("closes_at", null_or(string())),
                ("sector", r("SectorName")),
            ],
        ))),
        ("SectorName", object(&["slug", "name_zh", "name_en"], vec![
            ("slug", string()),
            ("name_zh", string()),
            ("name_en", string()),
        ])),
        ("SectorIndex", array(object(
            &["slug", "name_zh", "name_en", "surveys"],
            vec![
                ("slug", string()),
                ("name_zh", string()),
                ("name_en", string()),
                ("surveys", array(object(&["slug", "status"], vec![
                    ("slug", string()),
                    ("status", one_of(&["open", "published"])),
                ]))),
            ],
        ))),
        ("SectorWaveList", array(object(
            &["survey", "title_zh", "title_en", "closes_at", "snapshots"],
            vec![
                ("survey", string()),
                ("title_zh", string()),
                ("title_en", string()),
                ("closes_at", null_or(string())),
                ("snapshots", array(r("SnapshotSummary"))),
            ],
        ))),
        ("PublicSurvey", json!({ "type": "object", "description": "status, zh/en titles and intros, sector, subjects (slug, names), profile questions" })),
        ("ResponseSubmission", object(&["subject", "score"], vec![
            ("subject", text("subject slug")),
            ("score", json!({ "type": "integer", "minimum": 0, "maximum": 10 })),
            ("reason", json!({ "type": "string", "maxLength": 1000 })),
            ("lang", one_of(&["zh-CN", "en"])),
            ("respondent", text("optional opaque id chosen by the client; only its keyed hash is stored")),
            ("assisted", json!({ "type": "boolean", "description": "协助填写: someone helped the respondent answer, or they answered for a family member; counted per subject in the quality ledger" })),
            ("invitation", text("optional code of a single-use invitation the respondent brought; the answer is verified and the invitation spent (409 invitation_spent when it was used before, 422 invalid_invitation when this survey never issued it)")),
        ])),
        ("Created", object(&["id", "receipt_code"], vec![("id", string()), ("receipt_code", json!({ "type": "string", "pattern": "^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", "description": "the submission's receipt code: the respondent sees or withdraws it at /my-answers" }))])),
        ("SectorInput", object(&["slug", "name"], vec![("slug", string()), ("name", r("Texts")), ("active", boolean())])),
        ("Sector", object(&["slug", "name", "active"], vec![
            ("slug", string()), ("name", r("Texts")), ("active", boolean()),
            ("subject_count", int()), ("survey_count", int()),
        ])),
        ("SectorList", array(r("Sector"))),
        ("SubjectInput", object(&["slug", "name"], vec![
            ("slug", string()), ("name", r("Texts")), ("aliases", array(string())), ("active", boolean()),
        ])),
        ("Subject", object(&["slug", "sector", "name", "aliases", "active"], vec![
            ("slug", string()), ("sector", string()), ("name", r("Texts")),
            ("aliases", array(string())), ("active", boolean()),
        ])),
        ("SubjectList", array(r("Subject"))),
        ("SurveyDefinition", object(&["slug", "sector", "title", "subjects"], vec![
            ("slug", text("lower-case letters, digits and inner hyphens, 1–64")),
            ("sector", text("sector slug")),
            ("title", r("Texts")),
            ("intro", r("Texts")),
            ("opens_at", null_or(json!({ "type": "string", "format": "date-time" }))),
            ("closes_at", null_or(json!({ "type": "string", "format": "date-time" }))),
            ("subjects", array(string())),
            ("profile", object(&[], vec![
                ("age_band", boolean()),
                ("districts", array(object(&["slug", "name"], vec![("slug", string()), ("name", r("Texts"))]))),
            ])),
            ("min_n", json!({ "type": "integer", "minimum": 1, "maximum": 100000 })),
            ("interval", object(&["method", "level"], vec![("method", one_of(&METHODS)), ("level", num())])),
            ("retention_days", json!({ "type": "integer", "minimum": 1, "maximum": 3650, "description": "days after first publication that reasons and client/network hashes are kept (default 180)" })),
            ("weighting", r("Weighting")),
            ("quotas", json!({ "type": "object", "description": "subject slug → answers to collect for it, at least min_n (a subject without one aims at min_n)", "additionalProperties": { "type": "integer" } })),
        ])),
        ("Fieldwork", object(&["survey", "today", "subjects", "days", "cells"], vec![
            ("survey", string()),
            ("today", text("today in Beijing time, 2026-12-07")),
            ("subjects", array(object(&["subject", "counted", "target", "channels", "recent"], vec![
                ("subject", string()), ("name_zh", string()), ("name_en", string()),
                ("counted", int()), ("quota", null_or(int())),
                ("target", text_int("the quota, or the minimum n when none is set")),
                ("channels", json!({ "type": "array", "description": "[channel, counted answers] for link, poster, invitation, kiosk", "items": { "type": "array" } })),
                ("recent", text_int("counted answers in the last 7 days")),
                ("forecast_day", null_or(text("the Beijing day the target is reached at the last 7 days' pace"))),
            ]))),
            ("days", array(object(&["day", "answers"], vec![("day", string()), ("answers", int())]))),
            ("cells", array(object(&["question", "answer", "target", "goal", "counted", "needed"], vec![
                ("question", one_of(&["age_band", "district"])), ("answer", string()),
                ("name_zh", string()), ("name_en", string()),
                ("target", num()), ("goal", int()), ("counted", int()), ("needed", int()),
            ]))),
        ])),
        ("Weighting", object(&[], vec![
            ("age_band", json!({ "type": "object", "description": "population share (0–1) of every age band: under-18, 18-29, 30-44, 45-59, 60-plus; they add up to 1 (±0.005)", "additionalProperties": { "type": "number" } })),
            ("district", json!({ "type": "object", "description": "population share (0–1) of every district the survey offers, by slug; they add up to 1 (±0.005)", "additionalProperties": { "type": "number" } })),
            ("cap", json!({ "type": "number", "minimum": 1.5, "maximum": 20, "description": "no weight above cap × the mean or below mean / cap (default 5)" })),
            ("ranks_by", one_of(&["unweighted", "weighted"])),
        ])),
        ("WeightingShown", object(&["survey", "weighting"], vec![
            ("survey", string()),
            ("weighting", null_or(r("Weighting"))),
        ])),
        ("StoredSurvey", object(&["status", "definition"], vec![("status", one_of(&STATUSES)), ("definition", r("SurveyDefinition"))])),
        ("SurveyListing", array(object(&["slug", "sector", "status", "title"], vec![
            ("slug", string()), ("sector", string()), ("sector_name", r("Texts")), ("title", r("Texts")),
            ("status", one_of(&STATUSES)), ("opens_at", null_or(string())), ("closes_at", null_or(string())),
            ("responses", int()),
        ]))),
        ("SurveySaved", object(&["slug", "saved"], vec![("slug", string()), ("saved", one_of(&["created", "updated", "unchanged"]))])),
        ("StatusChange", object(&["slug", "status", "previous_status"], vec![
            ("slug", string()), ("status", one_of(&STATUSES)), ("previous_status", one_of(&STATUSES)),
        ])),
        ("StaffResponse", object(&["id", "created_at", "subject", "score", "lang", "flags"], vec![
            ("id", string()), ("created_at", string()), ("subject", string()),
            ("subject_name_zh", string()), ("subject_name_en", string()),
            ("score", json!({ "type": "integer", "minimum": 0, "maximum": 10 })),
            ("reason", null_or(string())), ("lang", string()), ("flags", array(one_of(&FLAGS))),
            ("age_band", null_or(string())), ("district", null_or(string())),
            ("completion_ms", null_or(int())),
            ("assisted", boolean()),
            ("exclusion", null_or(object(&["reason"], vec![
                ("reason", one_of(&EXCLUSION_REASONS)), ("note", string()), ("excluded_by", string()), ("excluded_at", string()),
            ]))),
            ("exclusions", array(json!({ "type": "object" }))),
            ("channel", one_of(&["link", "poster", "invitation", "kiosk"])),
            ("cluster_status", null_or(one_of(&["open", "released", "excluded"]))),
        ])),
        ("ResponsePage", object(&["responses", "next"], vec![
            ("responses", array(r("StaffResponse"))),
            ("next", null_or(text("pass as `after` for the next page"))),
        ])),
        ("ExclusionInput", object(&["reason"], vec![("reason", one_of(&REASONS)), ("note", json!({ "type": "string", "maxLength": 500 }))])),
        ("Ledger", object(&["survey", "subjects", "total"], vec![
            ("survey", string()),
            ("subjects", array(json!({ "allOf": [counts(), object(&["subject"], vec![("subject", string()), ("subject_name_zh", string()), ("subject_name_en", string())])] }))),
            ("total", counts()),
        ])),
        ("Results", object(&["survey", "status", "method", "level", "min_n", "basis", "subjects"], vec![
            ("survey", string()), ("status", one_of(&STATUSES)), ("method", one_of(&METHODS)),
            ("level", num()), ("min_n", int()),
            ("basis", one_of(&["counted", "verified"])),
            ("subjects", array(object(&["subject", "status", "n"], vec![
                ("subject", string()), ("subject_name_zh", string()), ("subject_name_en", string()),
                ("status", one_of(&["ranked", "insufficient_sample"])), ("n", int()),
                ("promoters", int()), ("passives", int()), ("detractors", int()),
                ("nps", null_or(num())), ("ci_low", null_or(num())), ("ci_high", null_or(num())),
                ("tier", null_or(int())),
            ]))),
        ])),
        ("BadgeKey", object(&["algorithm", "key_id", "public_key", "token_format"], vec![
            ("algorithm", one_of(&["Ed25519"])), ("key_id", text("first 8 bytes of the key's SHA-256, hex")),
            ("public_key", text("the 32-byte public key, base64url without padding")), ("token_format", string()),
        ])),
        ("EmbargoInput", object(&["publish_at"], vec![("publish_at", text("when the results become public: 2027-03-15 10:00 in Beijing time, or RFC 3339 with an offset; in the coming year"))])),
        ("Embargo", object(&["survey", "publish_at", "publish_at_beijing", "scheduled_by", "scheduled_at", "data_hash", "responses"], vec![
            ("survey", string()), ("publish_at", text("UTC, 2027-03-15T02:00:00.000Z")),
            ("publish_at_beijing", text("the same minute in Beijing time, 2027-03-15 10:00")),
            ("scheduled_by", string()), ("scheduled_at", string()),
            ("data_hash", text("SHA-256 of the frozen snapshot's counted responses")),
            ("responses", int()),
        ])),
        ("ReplyDeadlineInput", object(&["reply_by"], vec![("reply_by", text("until when brands may reply: 2027-03-14 18:00 in Beijing time, or RFC 3339 with an offset; in the coming year"))])),
        ("ReplyDeadline", object(&["survey", "reply_by", "reply_by_beijing", "set_by", "set_at"], vec![
            ("survey", string()), ("reply_by", text("UTC")),
            ("reply_by_beijing", text("the same minute in Beijing time")),
            ("set_by", string()), ("set_at", string()),
        ])),
        ("ReplyDecisionInput", object(&[], vec![("reason", text("why; required to reject (the brand reads it), at most 500 characters"))])),
        ("BrandReply", object(&REPLY_REQUIRED, reply_fields())),
        ("ReplyList", array(object(&REPLY_REQUIRED, reply_fields()))),
        ("PreviewLinkInput", object(&["subject"], vec![
            ("subject", text("the subject (brand or institution) the link shows")),
            ("days", int()),
        ])),
        ("PreviewLink", object(&PREVIEW_LINK_REQUIRED, preview_link_fields())),
        ("PreviewLinkList", array(object(&PREVIEW_LINK_REQUIRED, preview_link_fields()))),
        ("CreatedPreviewLink", {
            let required = [PREVIEW_LINK_REQUIRED.as_slice(), &["token", "url"]].concat();
            let mut fields = preview_link_fields();
            fields.push(("token", text("the secret part of the address")));
            fields.push(("url", text("the whole address to send to the brand; shown this once")));
            object(&required, fields)
        }),
        ("CorrectionInput", object(&["changelog"], vec![("changelog", text("what changed and why; published"))])),
        ("SnapshotSummary", object(&["number", "published_at", "data_hash", "responses", "changelog"], vec![
            ("number", int()), ("published_at", string()), ("data_hash", text("SHA-256 of the counted responses")),
            ("responses", int()), ("changelog", string()),
        ])),
        ("PublishedResults", object(&["survey", "status", "snapshot", "results"], vec![
            ("survey", string()), ("status", one_of(&STATUSES)),
            ("snapshot", null_or(json!({ "type": "object", "description": "number, published_at, published_by, method_version, data_hash, responses, changelog; null for results computed now" }))),
            ("results", json!({ "type": "object", "description": "survey, titles, sector, method, method_version, level, min_n, subjects (subject, names, status ranked|insufficient_sample, n, promoters, passives, detractors, nps, ci_low, ci_high, tier, rank_low, rank_high, and reply {body_zh, body_en, approved_at} when the brand's reply was approved before the snapshot was written; and themes {reasons {promoters, passives, detractors}, themes [{theme, name_zh, name_en, mentions, by_group}] most mentioned first, distinctive [{theme, name_zh, name_en, share, rest_share, z}], quotes [{theme, text (redacted), group, lang}]} when the subject had counted reasons), totals" })),
            ("ledger", null_or(json!({ "type": "object", "description": "the integrity report (subjects[].counts and total: received, flagged, detected, excluded, held, counted, verified, channels), frozen with the snapshot, or as it stands now beside results computed now" }))),
        ])),
        ("UserInput", object(&["email", "password", "role"], vec![
            ("email", string()), ("password", json!({ "type": "string", "minLength": 10, "maxLength": 128 })), ("role", one_of(&ROLES)),
        ])),
        // Absent or null: unchanged.
        ("UserPatch", object(&[], vec![("role", null_or(one_of(&ROLES))), ("active", null_or(boolean()))])),
        ("User", object(&["id", "email", "role", "active"], vec![
            ("id", string()), ("email", string()), ("role", one_of(&ROLES)), ("active", boolean()), ("created_at", string()),
        ])),
        ("UserList", array(r("User"))),
        ("TokenInput", object(&["name", "role"], vec![("name", string()), ("role", one_of(&ROLES))])),
        ("Token", object(&["id", "name", "role"], vec![
            ("id", string()), ("name", string()), ("role", one_of(&ROLES)), ("created_at", string()),
            ("revoked_at", null_or(string())), ("last_used_at", null_or(string())),
        ])),
        ("TokenList", array(r("Token"))),
        ("CreatedToken", json!({ "allOf": [r("Token"), object(&["token"], vec![("token", text("the secret, shown once"))])] })),
        ("KioskKeyInput", object(&["name", "surveys"], vec![
            ("name", json!({ "type": "string", "minLength": 1, "maxLength": 100 })),
            ("surveys", json!({ "type": "array", "minItems": 1, "items": { "type": "string" }, "description": "slugs of the surveys the key may answer" })),
            ("daily_limit", null_or(json!({ "type": "integer", "minimum": 1, "maximum": 1_000_000, "description": "answers per day (China time); null or absent: no cap" }))),
        ])),
        ("KioskKey", object(&["id", "name", "surveys", "daily_limit", "answers_today"], vec![
            ("id", string()), ("name", string()), ("surveys", array(string())),
            ("daily_limit", null_or(int())), ("answers_today", int()), ("created_at", string()),
            ("revoked_at", null_or(string())), ("last_used_at", null_or(string())),
        ])),
        ("KioskKeyList", array(r("KioskKey"))),
        ("CreatedKioskKey", json!({ "allOf": [r("KioskKey"), object(&["kiosk_key"], vec![("kiosk_key", text("the secret for Authorization: Bearer, shown once"))])] })),
        ("Cluster", object(&["id", "subject", "signal", "status", "answers", "p_value", "with_cluster", "without_cluster"], vec![
            ("id", string()), ("subject", string()), ("subject_name_zh", string()), ("subject_name_en", string()),
            ("signal", one_of(&["burst", "network", "near-duplicate-reasons"])),
            ("first_at", string()), ("last_at", string()), ("answers", int()), ("networks", int()),
            ("excess", json!({ "type": "number", "description": "answers beyond what the rest of the traffic leads one to expect" })),
            ("p_value", json!({ "type": "number", "description": "chance of this many answers, were the group like the rest" })),
            ("shift_p", json!({ "type": "number", "description": "chance of an NPS this far from the rest of the subject's, were they alike" })),
            ("uniform_completion", json!({ "type": "boolean" })), ("fresh_share", num()),
            ("detected_at", string()), ("status", one_of(&["open", "released", "excluded"])),
            ("decided_by", null_or(string())), ("decided_at", null_or(string())), ("note", string()),
            ("scores", array(int())), ("subject_counted", array(int())),
            ("with_cluster", object(&["n"], vec![("n", int()), ("nps", null_or(num()))])),
            ("without_cluster", object(&["n"], vec![("n", int()), ("nps", null_or(num()))])),
        ])),
        ("ClusterList", array(r("Cluster"))),
        ("InvitationBatchInput", object(&["name", "size"], vec![
            ("name", json!({ "type": "string", "minLength": 1, "maxLength": 100 })),
            ("size", json!({ "type": "integer", "minimum": 1, "maximum": 5000 })),
        ])),
        ("InvitationBatch", object(&["id", "code", "name", "size", "created_at", "spent"], vec![
            ("id", string()), ("code", text("the batch's code, the first part of each invitation's code")),
            ("name", string()), ("size", int()), ("created_at", string()),
            ("revoked_at", null_or(string())), ("spent", int()),
        ])),
        ("InvitationBatchList", array(r("InvitationBatch"))),
        ("InvitationBatchWithLinks", json!({ "allOf": [r("InvitationBatch"), object(&["invitations"], vec![
            ("invitations", array(object(&["number", "code", "link", "spent"], vec![
                ("number", int()), ("code", string()), ("link", text("the survey page opened through this invitation")), ("spent", boolean()),
            ]))),
        ])] })),
        ("ScanOutcome", object(&["answers", "clusters_opened", "answers_held"], vec![
            ("answers", int()), ("clusters_opened", int()), ("answers_held", int()),
        ])),
        ("DecisionInput", object(&["decision", "note"], vec![
            ("decision", one_of(&["release", "exclude"])),
            ("note", json!({ "type": "string", "minLength": 1, "maxLength": 500 })),
        ])),
        ("AuditPage", object(&["entries", "next"], vec![
            ("entries", array(object(&["id", "at", "actor", "action", "entity", "entity_id"], vec![
                ("id", string()), ("at", string()), ("actor", string()), ("action", string()),
                ("entity", string()), ("entity_id", string()), ("before", json!({})), ("after", json!({})),
            ]))),
            ("next", null_or(text("pass as `before` for the next page"))),
        ])),
    ];
    let map: Map<String, Value> = schemas
        .into_iter()
        .map(|(name, schema)| (name.to_string(), schema))
        .collect();
    Value::Object(map)
}
