//! `/console/surveys/{slug}/replies`: the brands' replies — the page, the deadline form
//! (`…/reply-deadline`: set or move, or stop inviting) and each reply's review
//! (`…/replies/{id}/decide`). The rules are `koubei_core::authoring::replies`'.

use app::console::{render_replies, ProblemPage, RepliesPage};
use app::pages::ReplyWords;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::replies::{self, ReplyRefusal};
use koubei_core::authoring::AuthoringError;
use koubei_core::failure::Failure;
use serde::Deserialize;
use time::OffsetDateTime;

use super::page::{html, problem, read_fields, see_other, survey_with_title, unavailable, Staff};
use crate::app_state::AppState;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// What the page says besides the deadline and the list.
#[derive(Default)]
struct Outcome {
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    deadline_typed: Option<String>,
    faulty_reply: Option<String>,
}

async fn replies_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    outcome: Outcome,
) -> Response {
    let (survey, _) = match survey_with_title(&state.db, staff, slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let loaded = async {
        let deadline = replies::deadline(&state.db, slug).await?;
        let list = replies::list(&state.db, slug).await?;
        Ok::<_, AuthoringError>((deadline, list))
    };
    let (deadline, list) = match loaded.await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let title = survey.definition.title;
    html(
        status,
        render_replies(
            staff.locale,
            &staff.principal,
            &staff.here,
            RepliesPage {
                slug: slug.to_string(),
                title_zh: title.zh_cn,
                title_en: title.en,
                deadline,
                replies: list,
                notice: outcome.notice.map(str::to_string),
                problem: outcome.problem.map(str::to_string),
                deadline_typed: outcome.deadline_typed,
                faulty_reply: outcome.faulty_reply,
            },
        ),
    )
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let w = ReplyWords::for_locale(staff.locale);
    let notice = match done.done.as_str() {
        "deadline" => Some(w.deadline_saved),
        "cleared" => Some(w.deadline_cleared),
        "approved" => Some(w.approved_notice),
        "rejected" => Some(w.rejected_notice),
        _ => None,
    };
    let outcome = Outcome {
        notice,
        ..Outcome::default()
    };
    replies_page(&state, &staff, &slug, StatusCode::OK, outcome).await
}

/// The words for a refusal, and its status.
fn refused(
    error: &AuthoringError,
    words: &'static ReplyWords,
) -> Option<(StatusCode, &'static str)> {
    let status = crate::failure_status::status_of(error.kind());
    match error {
        AuthoringError::ReplyTime(_) => Some((status, (words.deadline_time)(error.code()))),
        AuthoringError::Reply(refusal) => Some((status, (words.refusal)(refusal.message_key()))),
        AuthoringError::Invalid(_) => Some((status, words.reason_too_long)),
        _ => None,
    }
}

pub async fn change_deadline(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let words = ReplyWords::for_locale(staff.locale);
    let typed = fields.get("reply_by").trim().to_string();
    let now = OffsetDateTime::now_utc();
    let (changed, done) = if fields.get("action") == "clear" {
        (
            replies::clear_deadline(&state.db, &staff.principal.actor, &slug)
                .await
                .map(|_| ()),
            "cleared",
        )
    } else {
        let set = match replies::parse_reply_by(&typed) {
            Ok(at) => replies::set_deadline(&state.db, &staff.principal.actor, &slug, at, now)
                .await
                .map(|_| ()),
            Err(problem) => Err(AuthoringError::ReplyTime(problem)),
        };
        (set, "deadline")
    };
    match changed {
        Ok(()) => see_other(&format!("/console/surveys/{slug}/replies?done={done}")),
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => match refused(&error, words) {
            Some((status, text)) => {
                let outcome = Outcome {
                    problem: Some(text),
                    deadline_typed: Some(typed),
                    ..Outcome::default()
                };
                replies_page(&state, &staff, &slug, status, outcome).await
            }
            None => unavailable(staff.locale, &error),
        },
    }
}

pub async fn decide(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let words = ReplyWords::for_locale(staff.locale);
    let approve = match fields.get("decision") {
        "approve" => true,
        "reject" => false,
        _ => return problem(staff.locale, ProblemPage::NotFound),
    };
    let now = OffsetDateTime::now_utc();
    let actor = &staff.principal.actor;
    let reason = fields.get("reason");
    match replies::decide(&state.db, actor, &slug, &id, approve, reason, now).await {
        Ok(_) => {
            let done = if approve { "approved" } else { "rejected" };
            see_other(&format!("/console/surveys/{slug}/replies?done={done}"))
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => match refused(&error, words) {
            Some((status, text)) => {
                let input_fault = matches!(
                    error,
                    AuthoringError::Reply(ReplyRefusal::ReasonRequired)
                        | AuthoringError::Invalid(_)
                );
                let outcome = Outcome {
                    problem: Some(text),
                    faulty_reply: input_fault.then_some(id),
                    ..Outcome::default()
                };
                replies_page(&state, &staff, &slug, status, outcome).await
            }
            None => unavailable(staff.locale, &error),
        },
    }
}
