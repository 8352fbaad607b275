//! The survey page's form, submitted plainly (JavaScript off) or live (JavaScript on): both
//! read the same fields and call the same service.

use super::request::RequestFacts;
use super::service::{FormSignals, Submissions, SubmitError, Submitter};
use domain::answers::FieldProblem;
use domain::survey_form::read_form;
use domain::survey_page::{PostedForm, Refusal, SubmitReply};

impl Submissions {
    /// Stores a survey form's answers, or says why not in the form's terms.
    pub async fn submit_form(
        &self,
        slug: &str,
        pairs: Vec<(String, String)>,
        facts: &RequestFacts,
    ) -> Result<SubmitReply, SubmitError> {
        let Some(survey) = self.survey(slug).await? else {
            return Ok(refused(pairs, Vec::new(), Some(Refusal::NotFound), 404));
        };
        let slugs: Vec<&str> = survey
            .public
            .subjects
            .iter()
            .map(|s| s.slug.as_str())
            .collect();
        let form = read_form(&slugs, &pairs);
        let submitter = Submitter {
            respondent: facts.respondent.clone(),
            kiosk_key_id: None,
            vouched: false,
            client_hash: facts.client_hash.clone(),
            network_hash: facts.network_hash.clone(),
            new_identity: facts.new_respondent,
            lang: facts.lang,
            submission_id: Some(form.submission_id.clone()).filter(|id| !id.is_empty()),
            idempotency_key: None,
            form: Some(FormSignals {
                token: form.form_token.clone(),
                honeypot_filled: form.honeypot_filled,
            }),
            invitation: None,
        };
        match self.submit(slug, &form.draft, &submitter).await {
            Ok(accepted) => Ok(SubmitReply::Accepted {
                thanks_url: format!("/s/{slug}/thanks"),
                receipt: accepted.receipt.display(),
            }),
            Err(SubmitError::Unavailable(reason)) => Err(SubmitError::Unavailable(reason)),
            // Spent or withdrawn: gone for good, like a closed survey (410), however the API
            // words it (409).
            Err(SubmitError::Invitation(refusal)) => Ok(refused(
                pairs,
                Vec::new(),
                Some(Refusal::Invitation(refusal.into())),
                410,
            )),
            Err(error) => {
                let status = error.status();
                let (problems, refusal) = match error {
                    SubmitError::Invalid(problems) => (problems, None),
                    SubmitError::AlreadyAnswered(slugs) => {
                        (Vec::new(), Some(Refusal::AlreadyAnswered(slugs)))
                    }
                    SubmitError::RateLimited { retry_after_s } => {
                        (Vec::new(), Some(Refusal::RateLimited { retry_after_s }))
                    }
                    SubmitError::SurveyNotOpen(_) => (Vec::new(), Some(Refusal::NotOpen)),
                    // Forms carry no Idempotency-Key; invitations were answered above.
                    SubmitError::SurveyNotFound
                    | SubmitError::Unavailable(_)
                    | SubmitError::Invitation(_)
                    | SubmitError::KeyReused => (Vec::new(), Some(Refusal::NotFound)),
                };
                Ok(refused(pairs, problems, refusal, status))
            }
        }
    }
}

fn refused(
    pairs: Vec<(String, String)>,
    problems: Vec<FieldProblem>,
    refusal: Option<Refusal>,
    status: u16,
) -> SubmitReply {
    SubmitReply::Refused(PostedForm {
        pairs,
        problems,
        refusal,
        status,
    })
}

impl From<super::service::InvitationRefusal> for domain::survey_page::InvitationProblem {
    fn from(refusal: super::service::InvitationRefusal) -> Self {
        match refusal {
            super::service::InvitationRefusal::Spent => Self::Spent,
            super::service::InvitationRefusal::Revoked => Self::Revoked,
        }
    }
}
