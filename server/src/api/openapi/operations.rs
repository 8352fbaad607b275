//! Every documented operation: method, path, summary, who may call it and what it takes and
//! gives. A test checks this list against the router's route table, so nothing goes undocumented.

use axum::http::Method;

/// A query parameter: its name, whether it must be given, its JSON Schema (as JSON text) and
/// what it means.
#[derive(Clone, Copy)]
pub struct QueryParam {
    pub name: &'static str,
    pub required: bool,
    pub schema: &'static str,
    pub description: &'static str,
}

/// An answer other than success and the ones every operation of its kind can give: status,
/// media types (`, `-separated; JSON ones carry the `Error` shape) and when.
#[derive(Clone, Copy)]
pub struct OtherAnswer {
    pub status: u16,
    pub media: &'static str,
    pub description: &'static str,
}

const fn optional(
    name: &'static str,
    schema: &'static str,
    description: &'static str,
) -> QueryParam {
    QueryParam {
        name,
        required: false,
        schema,
        description,
    }
}

const fn required(
    name: &'static str,
    schema: &'static str,
    description: &'static str,
) -> QueryParam {
    QueryParam {
        name,
        required: true,
        schema,
        description,
    }
}

const fn answer(status: u16, media: &'static str, description: &'static str) -> OtherAnswer {
    OtherAnswer {
        status,
        media,
        description,
    }
}

const STRING: &str = r#"{"type":"string"}"#;
const THEME: &str = r#"{"type":"string","enum":["light","dark"]}"#;
const LANG: &str = r#"{"type":"string","enum":["zh-CN","en"]}"#;
const SNAPSHOT: QueryParam = optional(
    "snapshot",
    r#"{"type":"integer","minimum":1}"#,
    "a snapshot number; the latest when absent",
);
/// An empty value means the default, as a form left blank sends it.
const METHOD_TEXT: &str =
    r#"{"type":"string","enum":["","wald","adjusted-wald","score","bootstrap","bayes"]}"#;
const LEVEL_TEXT: &str = r#"{"oneOf":[{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},{"type":"string","maxLength":0}]}"#;

/// The query of the survey charts, the trend chart and the widgets.
const CHART_QUERY: [QueryParam; 5] = [
    SNAPSHOT,
    optional(
        "width",
        r#"{"type":"integer","minimum":320,"maximum":2400}"#,
        "pixels (default 800; koubei_charts::size::WIDTH_RANGE)",
    ),
    optional(
        "height",
        r#"{"type":"integer","minimum":200,"maximum":4000}"#,
        "pixels (default by chart; koubei_charts::size::HEIGHT_RANGE; 400 when too small for the chart's rows)",
    ),
    optional("theme", THEME, "colours (default light)"),
    optional(
        "lang",
        LANG,
        "language of the labels (default from the request)",
    ),
];
const TREND_QUERY: [QueryParam; 4] = [
    CHART_QUERY[1],
    CHART_QUERY[2],
    CHART_QUERY[3],
    CHART_QUERY[4],
];
const NPS_QUERY: [QueryParam; 5] = [
    required("promoters", COUNT, "answers scoring 9–10"),
    required("passives", COUNT, "answers scoring 7–8"),
    required("detractors", COUNT, "answers scoring 0–6"),
    optional(
        "method",
        METHOD_TEXT,
        "interval method (default adjusted-wald)",
    ),
    optional("level", LEVEL_TEXT, "confidence level (default 0.95)"),
];
/// `domain::calculator::MAX_COUNT`.
const COUNT: &str = r#"{"type":"integer","minimum":0,"maximum":10000000000}"#;
const RESULTS_QUERY: [QueryParam; 4] = [
    SNAPSHOT,
    optional("method", METHOD_TEXT, "staff only: another interval method"),
    optional("level", LEVEL_TEXT, "staff only: another confidence level"),
    optional(
        "basis",
        r#"{"type":"string","enum":["","counted","verified"]}"#,
        "staff only: every counted answer (default) or verified answers only",
    ),
];
/// The published results, as JSON and as CSV, refuse alike.
const RESULTS_ANSWERS: [OtherAnswer; 5] = [
    answer(
        401,
        "application/json",
        "an Authorization header whose token is invalid or revoked",
    ),
    answer(
        403,
        "application/json",
        "method, level or basis given without staff credentials (code staff_only)",
    ),
    answer(
        422,
        "application/json",
        "an unknown method, level or basis, or a snapshot asked of results computed now",
    ),
    NOT_MODIFIED,
    UNAVAILABLE,
];
const OEMBED_QUERY: [QueryParam; 4] = [
    required(
        "url",
        STRING,
        "a results page of this site: /r/{slug} or /r/{slug}/{N}",
    ),
    optional(
        "format",
        r#"{"type":"string","enum":["json"]}"#,
        "json (the default)",
    ),
    optional("maxwidth", r#"{"type":"integer","minimum":1}"#, "pixels"),
    optional("maxheight", r#"{"type":"integer","minimum":1}"#, "pixels"),
];
const WIDGET_UNAVAILABLE: OtherAnswer =
    answer(503, "text/plain", "the database is unavailable right now");
const WIDGET_QUERY: [QueryParam; 3] = [
    optional(
        "snapshot",
        r#"{"type":"string","pattern":"^[0-9]*$"}"#,
        "a snapshot number; the latest when absent or empty",
    ),
    optional("theme", THEME, "colours (default light)"),
    optional("lang", LANG, "language (default from the request)"),
];
/// A page address with a control character in it names nothing: the reader gets the site's
/// not-found page.
const WIDGET_NOT_FOUND: OtherAnswer = answer(
    404,
    "text/plain, text/html",
    "no such published survey, subject or snapshot",
);
const CHART_NOT_FOUND: OtherAnswer = answer(
    404,
    "application/json, text/html",
    "no such published survey, sector, chart or snapshot",
);
const NOT_MODIFIED: OtherAnswer = answer(304, "", "the client's copy (If-None-Match) is current");
const UNAVAILABLE: OtherAnswer = answer(
    503,
    "application/json",
    "the database is unavailable right now",
);

/// What an operation takes as its JSON body, if anything (a schema in `components`).
#[derive(Clone)]
pub struct Operation {
    pub method: Method,
    pub path: &'static str,
    pub summary: &'static str,
    pub tag: &'static str,
    pub request: Option<&'static str>,
    /// Success status and the schema of its JSON body (`None`: not JSON, see `produces`).
    pub success: (u16, Option<&'static str>),
    /// A media type other than JSON for the success body.
    pub produces: Option<&'static str>,
    pub query: &'static [QueryParam],
    /// Answers this operation gives beyond those of its kind (see `describe`).
    pub answers: &'static [OtherAnswer],
}

fn op(
    method: Method,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    request: Option<&'static str>,
    success: (u16, Option<&'static str>),
) -> Operation {
    Operation {
        method,
        path,
        summary,
        tag,
        request,
        success,
        produces: None,
        query: &[],
        answers: &[],
    }
}

/// The tag of what an operator's tools read (`/metrics`): staff credentials, outside the staff
/// area's paths.
pub const OPERATIONS_TAG: &str = "operations";

pub fn public() -> Vec<Operation> {
    vec![
        Operation {
            produces: Some("text/plain"),
            answers: const { &[answer(503, "application/json", "the database does not answer")] },
            ..op(
                Method::GET,
                "/metrics",
                OPERATIONS_TAG,
                "Metrics in the Prometheus text format: HTTP requests, submissions, the response writer, the database pool, held answers (any staff token)",
                None,
                (200, None),
            )
        },
        Operation {
            produces: Some("text/plain"),
            ..op(
                Method::GET,
                "/healthz",
                "probes",
                "Liveness: the process answers (always 200 \"ok\")",
                None,
                (200, None),
            )
        },
        Operation {
            answers: const { &[answer(503, "text/plain", "the database does not answer")] },
            produces: Some("text/plain"),
            ..op(
                Method::GET,
                "/readyz",
                "probes",
                "Readiness: 200 when the database answers, 503 otherwise",
                None,
                (200, None),
            )
        },
        Operation {
            query: &CHART_QUERY,
            answers: const { &[
                answer(400, "application/json", "a size, theme, language or snapshot out of range"),
                CHART_NOT_FOUND,
                NOT_MODIFIED,
                UNAVAILABLE,
            ] },
            produces: Some("image/svg+xml, image/png"),
            ..op(
                Method::GET,
                "/charts/{slug}/{file}",
                "charts",
                "A published survey's chart: file is ranking.svg|png or distribution.svg|png (?snapshot=N, width, height, theme=light|dark, lang=zh-CN|en; 400 out of range); ETag and 304",
                None,
                (200, None),
            )
        },
        Operation {
            query: &TREND_QUERY,
            answers: const { &[
                answer(400, "application/json", "a size, theme or language out of range"),
                CHART_NOT_FOUND,
                NOT_MODIFIED,
                UNAVAILABLE,
            ] },
            produces: Some("image/svg+xml, image/png"),
            ..op(
                Method::GET,
                "/charts/sector/{sector}/{file}",
                "charts",
                "A sector's trend across published waves: file is trend.svg|png (same query as survey charts)",
                None,
                (200, None),
            )
        },
        Operation {
            query: &NPS_QUERY,
            answers: const { &[
                answer(400, "application/json", "the query string cannot be decoded"),
                answer(422, "application/json", "a count missing or not a whole number, too large, or an unknown method or level (code names the problem, field the parameter)"),
            ] },
            ..op(
                Method::GET,
                "/api/v1/nps",
                "public",
                "Compute an NPS and its interval from counts",
                None,
                (200, Some("NpsResult")),
            )
        },
        Operation {
            answers: &[NOT_MODIFIED, UNAVAILABLE],
            ..op(
                Method::GET,
                "/api/v1/sectors",
                "public",
                "The sectors with open or published surveys, and those surveys; ETag and 304",
                None,
                (200, Some("SectorIndex")),
            )
        },
        Operation {
            answers: &[NOT_MODIFIED, UNAVAILABLE],
            ..op(
                Method::GET,
                "/api/v1/sectors/{sector}/snapshots",
                "public",
                "A sector's published waves, each with its snapshots (newest first); ETag and 304",
                None,
                (200, Some("SectorWaveList")),
            )
        },
        Operation {
            answers: &[NOT_MODIFIED, UNAVAILABLE],
            ..op(
                Method::GET,
                "/api/v1/surveys",
                "public",
                "List the open and published surveys",
                None,
                (200, Some("SurveyList")),
            )
        },
        Operation {
            answers: &[NOT_MODIFIED, UNAVAILABLE],
            ..op(
                Method::GET,
                "/api/v1/surveys/{slug}",
                "public",
                "One survey's public definition",
                None,
                (200, Some("PublicSurvey")),
            )
        },
        op(
            Method::POST,
            "/api/v1/surveys/{slug}/responses",
            "submission",
            "Submit one response from a kiosk or partner (Authorization: Bearer <kiosk key>; 201 once durably stored)",
            Some("ResponseSubmission"),
            (201, Some("Created")),
        ),
        Operation {
            query: &RESULTS_QUERY,
            answers: &RESULTS_ANSWERS,
            produces: Some("application/json"),
            ..op(
                Method::GET,
                "/api/v1/surveys/{slug}/results",
                "public",
                "A published survey's frozen results (?snapshot=N, default the latest); ETag and 304",
                None,
                (200, None),
            )
        },
        Operation {
            query: &RESULTS_QUERY,
            answers: &RESULTS_ANSWERS,
            produces: Some("text/csv"),
            ..op(
                Method::GET,
                "/api/v1/surveys/{slug}/results.csv",
                "public",
                "The same results as CSV",
                None,
                (200, None),
            )
        },
        Operation {
            query: &WIDGET_QUERY,
            answers: &[WIDGET_NOT_FOUND, WIDGET_UNAVAILABLE],
            produces: Some("text/html"),
            ..op(
                Method::GET,
                "/embed/{slug}",
                "widgets",
                "Ranking widget for an iframe (?snapshot=N, theme=light|dark, lang=zh-CN|en); the only frameable pages",
                None,
                (200, None),
            )
        },
        Operation {
            query: &WIDGET_QUERY,
            answers: &[WIDGET_NOT_FOUND, WIDGET_UNAVAILABLE],
            produces: Some("text/html"),
            ..op(
                Method::GET,
                "/embed/{slug}/{subject}",
                "widgets",
                "One subject's score card for an iframe (same query as the ranking widget)",
                None,
                (200, None),
            )
        },
        Operation {
            produces: Some("text/javascript"),
            ..op(
                Method::GET,
                "/embed.js",
                "widgets",
                "Loader: <script src=/embed.js data-koubei-survey=slug [data-koubei-subject, data-theme, data-lang, data-snapshot] async> inserts the widget's iframe after itself and sizes it",
                None,
                (200, None),
            )
        },
        Operation {
            query: &WIDGET_QUERY,
            answers: &[WIDGET_NOT_FOUND, WIDGET_UNAVAILABLE],
            produces: Some("image/svg+xml"),
            ..op(
                Method::GET,
                "/badge/{slug}/{file}",
                "widgets",
                "SVG badge of one subject: file is {subject}.svg (?snapshot=N, lang=zh-CN|en)",
                None,
                (200, None),
            )
        },
        Operation {
            query: &OEMBED_QUERY,
            answers: const { &[
                answer(400, "application/json", "url missing, or not a results page of this site"),
                answer(404, "application/json", "the results page names nothing published"),
                answer(501, "application/json", "a format other than json"),
                UNAVAILABLE,
            ] },
            produces: Some("application/json"),
            ..op(
                Method::GET,
                "/oembed",
                "widgets",
                "oEmbed 1.0 (rich) for /r/{slug} and /r/{slug}/{N} of this host: ?url=…&format=json[&maxwidth&maxheight]; 400 foreign or missing url, 404 unpublished, 501 other formats",
                None,
                (200, None),
            )
        },
        Operation {
            produces: Some("application/json"),
            ..op(
                Method::GET,
                "/api/v1/openapi.json",
                "public",
                "This document",
                None,
                (200, None),
            )
        },
        Operation {
            answers: const { &[
                answer(404, "text/html, application/json", "not signed by this council's key: the badge is not genuine (JSON: genuine false)"),
                answer(503, "", "the database is unavailable right now"),
            ] },
            produces: Some("text/html, application/json"),
            ..op(
                Method::GET,
                "/verify/{token}",
                "widgets",
                "Check a badge's signed statement: genuine, and valid, expired or superseded by a correction (with the subject's corrected result); a page, or JSON to Accept: application/json",
                None,
                (200, None),
            )
        },
        op(
            Method::GET,
            "/.well-known/koubei-badge-key.json",
            "widgets",
            "The council's Ed25519 public key that signs badge statements",
            None,
            (200, Some("BadgeKey")),
        ),
    ]
}

pub fn staff() -> Vec<Operation> {
    let get = Method::GET;
    let post = Method::POST;
    let put = Method::PUT;
    vec![
        op(get.clone(), "/api/v1/staff/sectors", "staff", "List sectors", None, (200, Some("SectorList"))),
        op(post.clone(), "/api/v1/staff/sectors", "staff", "Create a sector", Some("SectorInput"), (201, Some("Sector"))),
        op(get.clone(), "/api/v1/staff/sectors/{sector}", "staff", "One sector", None, (200, Some("Sector"))),
        op(put.clone(), "/api/v1/staff/sectors/{sector}", "staff", "Change a sector (the body's slug may rename it)", Some("SectorInput"), (200, Some("Sector"))),
        op(get.clone(), "/api/v1/staff/sectors/{sector}/subjects", "staff", "List a sector's subjects", None, (200, Some("SubjectList"))),
        op(post.clone(), "/api/v1/staff/sectors/{sector}/subjects", "staff", "Create a subject", Some("SubjectInput"), (201, Some("Subject"))),
        op(get.clone(), "/api/v1/staff/sectors/{sector}/subjects/{subject}", "staff", "One subject", None, (200, Some("Subject"))),
        op(put.clone(), "/api/v1/staff/sectors/{sector}/subjects/{subject}", "staff", "Change a subject", Some("SubjectInput"), (200, Some("Subject"))),
        op(get.clone(), "/api/v1/staff/surveys", "staff", "List every survey with its status and response count", None, (200, Some("SurveyListing"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}", "staff", "A survey's status and definition", None, (200, Some("StoredSurvey"))),
        op(put.clone(), "/api/v1/staff/surveys/{slug}", "staff", "Create (as a draft) or update a survey from its definition", Some("SurveyDefinition"), (200, Some("SurveySaved"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/open", "lifecycle", "Open a draft or closed survey for answers", None, (200, Some("StatusChange"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/close", "lifecycle", "Close an open survey", None, (200, Some("StatusChange"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/publish", "lifecycle", "Publish a closed survey (its results freeze)", None, (200, Some("StatusChange"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/embargo", "lifecycle", "The survey's pending embargo: when its frozen results become public (404 no_embargo when none is pending)", None, (200, Some("Embargo"))),
        op(put.clone(), "/api/v1/staff/surveys/{slug}/embargo", "lifecycle", "Set an embargo on a closed survey (its results freeze now and become public at publish_at, Beijing time), or move the pending one", Some("EmbargoInput"), (200, Some("Embargo"))),
        op(Method::DELETE, "/api/v1/staff/surveys/{slug}/embargo", "lifecycle", "Cancel the pending embargo: the frozen results are dropped unseen and the survey stays closed", None, (200, Some("Embargo"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/preview-links", "lifecycle", "The survey's preview links, newest first (never their addresses)", None, (200, Some("PreviewLinkList"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/preview-links", "lifecycle", "Make a secret preview link for one subject: it shows that brand its own frozen results before the embargo ends; the address is in this reply only", Some("PreviewLinkInput"), (201, Some("CreatedPreviewLink"))),
        op(post.clone(), "/api/v1/staff/preview-links/{id}/revoke", "lifecycle", "Revoke a preview link: it answers 404 from now on", None, (200, Some("PreviewLink"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/reply-deadline", "lifecycle", "The deadline for brands' replies (404 replies_not_invited when none is set)", None, (200, Some("ReplyDeadline"))),
        op(put.clone(), "/api/v1/staff/surveys/{slug}/reply-deadline", "lifecycle", "Invite replies: brands may send one reply each through their preview links until reply_by (Beijing time); again to move it", Some("ReplyDeadlineInput"), (200, Some("ReplyDeadline"))),
        op(Method::DELETE, "/api/v1/staff/surveys/{slug}/reply-deadline", "lifecycle", "Stop inviting replies now (replies sent stay, to be reviewed)", None, (200, Some("ReplyDeadline"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/fieldwork", "moderation", "Fieldwork progress: each subject's counted answers against its quota (or the minimum n) by channel, the last 7 days' pace and the day the quota is reached at it, answers per Beijing day (last 14), and what each weighting cell still needs", None, (200, Some("Fieldwork"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/weighting", "staff", "The survey's weighting targets (weighting null when its results are not weighted)", None, (200, Some("WeightingShown"))),
        op(put.clone(), "/api/v1/staff/surveys/{slug}/weighting", "staff", "Set the population shares results are raked to, the weight cap and which results rank (422 naming each field; 409 once published or embargoed)", Some("Weighting"), (200, Some("WeightingShown"))),
        op(Method::DELETE, "/api/v1/staff/surveys/{slug}/weighting", "staff", "Stop weighting: results are plain counts of who answered", None, (200, Some("WeightingShown"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/replies", "lifecycle", "The brands' replies, pending first", None, (200, Some("ReplyList"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/replies/{id}/approve", "lifecycle", "Approve a pending reply: snapshots written from now on show it beside the brand (409 reply_already_decided)", Some("ReplyDecisionInput"), (200, Some("BrandReply"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/replies/{id}/reject", "lifecycle", "Reject a pending reply with a reason the brand reads (422 reason_required without one)", Some("ReplyDecisionInput"), (200, Some("BrandReply"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/corrections", "lifecycle", "Publish a correction: the results now, as the next snapshot, with a changelog entry", Some("CorrectionInput"), (201, Some("SnapshotSummary"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/responses", "moderation", "A page of a survey's responses, filtered (subject, score_min, score_max, lang, flag, excluded, from, to, theme, after); reasons are redacted unless the token is an admin's", None, (200, Some("ResponsePage"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/ledger", "moderation", "The survey's quality ledger", None, (200, Some("Ledger"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/results", "moderation", "The results computed now (publication preview); ?basis=verified for verified answers only", None, (200, Some("Results"))),
        Operation {
            produces: Some("text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ..op(get.clone(), "/api/v1/staff/surveys/{slug}/export/{file}", "exports", "Download responses or results: file is responses.csv, responses.xlsx, results.csv or results.xlsx", None, (200, None))
        },
        op(get.clone(), "/api/v1/staff/surveys/{slug}/clusters", "integrity", "The survey's suspect clusters with their evidence, open ones first, and each subject's results with and without the cluster", None, (200, Some("ClusterList"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/clusters/scan", "integrity", "Run the stuffing detectors over the survey now and hold what they find", None, (200, Some("ScanOutcome"))),
        op(post.clone(), "/api/v1/staff/clusters/{id}/decision", "integrity", "Release a suspect cluster (its answers count) or exclude it (they stay out), with a note; a later decision may reverse it", Some("DecisionInput"), (200, Some("Cluster"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/invitations", "integrity", "The survey's invitation batches with how many of each are spent", None, (200, Some("InvitationBatchList"))),
        op(post.clone(), "/api/v1/staff/surveys/{slug}/invitations", "integrity", "Create a batch of single-use invitations (editors)", Some("InvitationBatchInput"), (201, Some("InvitationBatch"))),
        op(get.clone(), "/api/v1/staff/surveys/{slug}/invitations/{id}", "integrity", "One batch with every invitation's code and link (editors: a code is a verified answer)", None, (200, Some("InvitationBatchWithLinks"))),
        Operation {
            produces: Some("text/csv"),
            ..op(get.clone(), "/api/v1/staff/surveys/{slug}/invitations/{id}/links.csv", "integrity", "The batch's invitations as CSV: number, code, link, spent (editors)", None, (200, None))
        },
        op(post.clone(), "/api/v1/staff/surveys/{slug}/invitations/{id}/revoke", "integrity", "Withdraw a batch: its unspent invitations stop working; answers given stay verified", None, (200, Some("InvitationBatch"))),
        op(get.clone(), "/api/v1/staff/responses/{id}", "moderation", "One response with its exclusion history", None, (200, Some("StaffResponse"))),
        op(Method::PUT, "/api/v1/staff/responses/{id}/exclusion", "moderation", "Exclude a response from the results (never deletes it)", Some("ExclusionInput"), (200, Some("StaffResponse"))),
        op(Method::DELETE, "/api/v1/staff/responses/{id}/exclusion", "moderation", "Restore an excluded response", None, (200, Some("StaffResponse"))),
        op(get.clone(), "/api/v1/staff/users", "admin", "List staff accounts", None, (200, Some("UserList"))),
        op(post.clone(), "/api/v1/staff/users", "admin", "Create a staff account", Some("UserInput"), (201, Some("User"))),
        op(Method::PATCH, "/api/v1/staff/users/{id}", "admin", "Change an account's role or whether it may sign in", Some("UserPatch"), (200, Some("User"))),
        op(get.clone(), "/api/v1/staff/tokens", "admin", "List API tokens (never their secrets)", None, (200, Some("TokenList"))),
        op(post.clone(), "/api/v1/staff/tokens", "admin", "Create an API token; its secret is in this reply only", Some("TokenInput"), (201, Some("CreatedToken"))),
        op(post.clone(), "/api/v1/staff/tokens/{id}/revoke", "admin", "Revoke an API token", None, (200, Some("Token"))),
        op(get.clone(), "/api/v1/staff/kiosk-keys", "admin", "List kiosk keys with their surveys and today's answers (never their secrets)", None, (200, Some("KioskKeyList"))),
        op(post.clone(), "/api/v1/staff/kiosk-keys", "admin", "Create a kiosk key for one or more surveys; its secret is in this reply only", Some("KioskKeyInput"), (201, Some("CreatedKioskKey"))),
        op(post, "/api/v1/staff/kiosk-keys/{id}/revoke", "admin", "Revoke a kiosk key; it is refused at once", None, (200, Some("KioskKey"))),
        op(get, "/api/v1/staff/audit", "admin", "The audit log, newest first", None, (200, Some("AuditPage"))),
    ]
}
