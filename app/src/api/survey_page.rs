//! Server functions of the survey page and its thank-you page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use domain::survey_page::{SubmitReply, SurveyPageData, ThanksData};

/// The survey page's data: the form (with this respondent's earlier answers marked), or why
/// there is none. During server rendering it also sets the HTTP status (404, 410, or a refused
/// plain POST's) and the respondent cookie.
#[server(prefix = "/fn", endpoint = "survey-page")]
pub async fn load_survey_page(slug: String) -> Result<SurveyPageData, ServerFnError> {
    use domain::survey_form::{FORM_TOKEN, SUBMISSION};
    use domain::survey_page::{InvitationProblem, OpenSurvey, PostedForm, Refusal};
    use domain::SurveyStatus;
    use koubei_core::authoring::invitations::InvitationState;
    use koubei_core::db::timestamp;
    use koubei_core::submission::respondent::FormStart;
    use koubei_core::submission::{form_token, new_submission_id};

    let submissions = submissions_from_context()?;
    let Some(record) = submissions.survey(&slug).await.map_err(unavailable)? else {
        set_status(404);
        return Ok(SurveyPageData::NotFound);
    };
    if record.public.status != SurveyStatus::Open {
        set_status(410);
        return Ok(SurveyPageData::NotOpen(Box::new(record.public.clone())));
    }
    let facts = crate::request_context::request_facts(&submissions)
        .ok_or_else(|| ServerFnError::new("request missing from context"))?;
    set_cookie(submissions.cookie_for(&facts));
    let answered = submissions
        .answered(&record, &facts.respondent)
        .await
        .map_err(unavailable)?;
    let posted = use_context::<PostedForm>();
    if let Some(posted) = &posted {
        set_status(posted.status);
        if let Some(Refusal::Invitation(why)) = posted.refusal {
            return Ok(SurveyPageData::InvitationUsed {
                survey: Box::new(record.public.clone()),
                why,
            });
        }
    }
    let kept = |name: &str| {
        posted
            .as_ref()
            .and_then(|p| p.value(name))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let now_ms = timestamp::unix_ms(time::OffsetDateTime::now_utc());
    // A poster's QR code opens `/s/{slug}?c=CODE`, an invitation's `/s/{slug}?i=CODE`: the
    // batch or invitation rides in the signed form token.
    let poster_batch = match query_value("c") {
        Some(code) => submissions
            .poster_batch(&record.id, &code)
            .await
            .map_err(unavailable)?,
        None => None,
    };
    let invitation = match query_value("i") {
        Some(code) => submissions
            .invitation(&record.id, &code)
            .await
            .map_err(unavailable)?,
        None => None,
    };
    let invitation = match invitation {
        Some(found) if found.state == InvitationState::Unspent => {
            Some((found.batch_id, found.number))
        }
        Some(found) => {
            set_status(410);
            let why = match found.state {
                InvitationState::Revoked => InvitationProblem::Revoked,
                _ => InvitationProblem::Spent,
            };
            return Ok(SurveyPageData::InvitationUsed {
                survey: Box::new(record.public.clone()),
                why,
            });
        }
        None => None,
    };
    let start = FormStart {
        shown_at_ms: now_ms,
        poster_batch,
        invitation,
    };
    Ok(SurveyPageData::Open(Box::new(OpenSurvey {
        survey: record.public.clone(),
        answered,
        form_token: kept(FORM_TOKEN).unwrap_or_else(|| form_token(submissions.secret(), &start)),
        submission_id: kept(SUBMISSION).unwrap_or_else(new_submission_id),
        posted,
        retention_days: record.retention_days,
    })))
}

/// Sends the survey form's fields (the same pairs a plain POST carries). Refusals come back as
/// `Ok(Refused)` for the page to show; an `Err` means "not stored, try again".
#[server(prefix = "/fn", endpoint = "submit-survey", input = Json)]
pub async fn submit_survey(
    slug: String,
    fields: Vec<(String, String)>,
) -> Result<SubmitReply, ServerFnError> {
    let submissions = submissions_from_context()?;
    let facts = crate::request_context::request_facts(&submissions)
        .ok_or_else(|| ServerFnError::new("request missing from context"))?;
    let reply = submissions
        .submit_form(&slug, fields, &facts)
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "storing a survey form failed");
            ServerFnError::new("answers cannot be stored right now")
        })?;
    if let SubmitReply::Accepted { receipt, .. } = &reply {
        set_cookie(submissions.cookie_for(&facts));
        set_cookie(koubei_core::submission::Submissions::receipt_cookie(
            &slug, receipt, &facts,
        ));
    }
    Ok(reply)
}

/// The thank-you page: the survey, and the sector's published ranking if there is one.
#[server(prefix = "/fn", endpoint = "survey-thanks")]
pub async fn load_thanks(slug: String) -> Result<Option<ThanksData>, ServerFnError> {
    let submissions = submissions_from_context()?;
    let Some(record) = submissions.survey(&slug).await.map_err(unavailable)? else {
        set_status(404);
        return Ok(None);
    };
    let db = crate::request_context::database_from_context()?;
    let ranking =
        koubei_core::db::results::latest_published_ranking(&db, &record.public.sector.slug)
            .await
            .map_err(unavailable)?;
    Ok(Some(ThanksData {
        survey: record.public.clone(),
        ranking,
        receipt: receipt_from_cookie(),
    }))
}

/// The receipt code the submission left for this thank-you page, in its display form.
#[cfg(feature = "ssr")]
fn receipt_from_cookie() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let headers = crate::http_request::request_headers(&parts.headers);
    let typed = headers.cookie(koubei_core::submission::RECEIPT_COOKIE)?;
    koubei_core::submission::ReceiptCode::parse(typed).map(|code| code.display())
}

#[cfg(feature = "ssr")]
fn submissions_from_context() -> Result<koubei_core::submission::Submissions, ServerFnError> {
    use_context::<koubei_core::submission::Submissions>()
        .ok_or_else(|| ServerFnError::new("submission service missing from context"))
}

#[cfg(feature = "ssr")]
fn unavailable(error: koubei_core::db::DatabaseError) -> ServerFnError {
    tracing::error!(error = %error, "survey page query failed");
    ServerFnError::new("the survey is unavailable right now")
}

/// Sets the HTTP status of the page being rendered (headers go out with its first byte).
#[cfg(feature = "ssr")]
pub(super) fn set_status(status: u16) {
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
}

#[cfg(feature = "ssr")]
fn set_cookie(cookie: Option<String>) {
    let header = cookie.and_then(|c| http::HeaderValue::from_str(&c).ok());
    if let (Some(response), Some(header)) = (use_context::<leptos_axum::ResponseOptions>(), header)
    {
        response.append_header(http::header::SET_COOKIE, header);
    }
}

/// A value of the page address's query (`?c=` a poster batch's code, `?i=` an invitation).
#[cfg(feature = "ssr")]
fn query_value(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let query = parts.uri.query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}
