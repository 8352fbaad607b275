//! The one path every answer takes — survey page (with or without JavaScript) and API alike:
//! find the survey, validate, rate-limit, flag, and hand over to the writer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::invitation_code::read_invitation_code;
use super::key_file::{open_key, KeyPlace};
use super::metrics::SubmissionMetrics;
use super::rate_limit::{Decision, RateLimiter};
use super::receipt::ReceiptCode;
use super::respondent::{read_form_token, RespondentId};
use super::secret::{random_bytes, ServerSecret};
use super::writer::ResponseWriter;
use crate::authoring::invitations;
use crate::authoring::poster_batches::belongs_to;
use crate::db::public_surveys::{survey_by_slug, SurveyRecord};
use crate::db::responses::{
    answered_subjects, flags, NewResponse, PendingSubmission, WriteOutcome,
};
use crate::db::{new_id, timestamp, Database, DatabaseError};
use domain::answers::{validate, AnswerField, AnswerProblem, FieldProblem, SubmissionDraft};
use domain::Locale;
use domain::{Channel, SurveyStatus};

/// Faster than this from showing the form to sending it, no person has read the question.
pub const MIN_COMPLETION_MS: i64 = 4_000;
/// Survey definitions are cached this long: a status change reaches the submission checks
/// within it, and the writer re-checks the status inside its transaction anyway.
const SURVEY_CACHE_TTL: Duration = Duration::from_secs(2);

/// Who is answering and how: everything about a submission except the answers.
#[derive(Clone, Debug)]
pub struct Submitter {
    pub respondent: RespondentId,
    /// The kiosk key that sent the answers (the API takes answers only from kiosks).
    pub kiosk_key_id: Option<String>,
    /// The kiosk named the respondent (its own numbering): many people share that device, so
    /// answers from one client under several identities are not suspicious.
    pub vouched: bool,
    /// Keyed hash of IP address and user agent.
    pub client_hash: String,
    /// Keyed hash of the network (IPv4 /24, IPv6 /64).
    pub network_hash: String,
    /// The request carried no respondent cookie: this is a new identity.
    pub new_identity: bool,
    pub lang: Locale,
    /// Repeating a submission id makes a retry harmless; `None`: a fresh one is made.
    pub submission_id: Option<String>,
    /// An API client's `Idempotency-Key`: stored only as a keyed digest, with one of the answer,
    /// so a retry is harmless and the same key with another answer is refused.
    pub idempotency_key: Option<String>,
    /// Only forms have these.
    pub form: Option<FormSignals>,
    /// An invitation an API client sent on the respondent's behalf (batch id, number); a
    /// form's invitation rides in its signed token instead.
    pub invitation: Option<(String, i64)>,
}

/// What a page form reveals about its filler.
#[derive(Clone, Debug)]
pub struct FormSignals {
    /// The signed "form shown at" token.
    pub token: String,
    /// The hidden field that people never see and bots fill in.
    pub honeypot_filled: bool,
}

/// Why an answer was not stored.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("no such survey")]
    SurveyNotFound,
    #[error("the survey is {} and takes no answers", .0.as_str())]
    SurveyNotOpen(SurveyStatus),
    #[error("invalid answers")]
    Invalid(Vec<FieldProblem>),
    /// Subject slugs this respondent has already answered.
    #[error("already answered")]
    AlreadyAnswered(Vec<String>),
    /// The invitation was used before, or its batch was withdrawn.
    #[error("the invitation cannot be used: {0:?}")]
    Invitation(InvitationRefusal),
    /// The `Idempotency-Key` was used before for another answer.
    #[error("the idempotency key was used for another answer")]
    KeyReused,
    #[error("too many submissions; retry after {retry_after_s} s")]
    RateLimited { retry_after_s: u64 },
    #[error("answers cannot be stored right now: {0}")]
    Unavailable(String),
}

impl SubmitError {
    /// The HTTP status this refusal is sent with.
    pub fn status(&self) -> u16 {
        match self {
            SubmitError::SurveyNotFound => 404,
            SubmitError::SurveyNotOpen(_) => 410,
            SubmitError::Invalid(problems)
                if problems
                    .iter()
                    .any(|p| p.problem == AnswerProblem::UnknownSubject) =>
            {
                404
            }
            SubmitError::Invalid(_) => 422,
            SubmitError::AlreadyAnswered(_) => 409,
            SubmitError::Invitation(_) => 409,
            SubmitError::KeyReused => 422,
            SubmitError::RateLimited { .. } => 429,
            SubmitError::Unavailable(_) => 503,
        }
    }
}

impl SubmitError {
    /// A short name for `/metrics` (the label of a refused submission).
    pub fn code(&self) -> &'static str {
        match self {
            SubmitError::SurveyNotFound => "survey_not_found",
            SubmitError::SurveyNotOpen(_) => "survey_not_open",
            SubmitError::Invalid(_) => "invalid",
            SubmitError::AlreadyAnswered(_) => "already_answered",
            SubmitError::Invitation(_) => "invitation_refused",
            SubmitError::KeyReused => "key_reused",
            SubmitError::RateLimited { .. } => "rate_limited",
            SubmitError::Unavailable(_) => "unavailable",
        }
    }
}

impl From<DatabaseError> for SubmitError {
    fn from(error: DatabaseError) -> SubmitError {
        SubmitError::Unavailable(error.to_string())
    }
}

/// Why an invitation opens nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationRefusal {
    /// Another submission spent it.
    Spent,
    /// Staff withdrew its batch.
    Revoked,
}

/// How the service is configured.
#[derive(Clone, Copy, Debug)]
pub struct SubmissionSettings {
    /// Submissions a client may make per minute; 0 turns the limit off.
    pub per_minute: u32,
    /// Whether `X-Forwarded-For`/`X-Forwarded-Proto` come from our own reverse proxy.
    pub trust_forwarded: bool,
}

/// A stored submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub ids: Vec<String>,
    /// What the respondent keeps to see or withdraw this submission at `/my-answers`.
    pub receipt: ReceiptCode,
    /// The same submission had been stored before (a retry); nothing new was written.
    pub replayed: bool,
}

/// The submission service; cheap to clone, one per server.
#[derive(Clone, Debug)]
pub struct Submissions {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    db: Database,
    secret: ServerSecret,
    limiter: RateLimiter,
    /// Receipt codes tried at `/my-answers`, per network.
    receipt_limiter: RateLimiter,
    trust_forwarded: bool,
    writer: ResponseWriter,
    metrics: SubmissionMetrics,
    surveys: Mutex<HashMap<String, (Instant, Arc<SurveyRecord>)>>,
}

impl Submissions {
    /// Opens (or creates) the server key at `key` and starts the response writer.
    pub async fn start(
        db: Database,
        settings: SubmissionSettings,
        key: &KeyPlace,
    ) -> Result<Submissions, DatabaseError> {
        let secret = open_key(&db, key).await?;
        let metrics = SubmissionMetrics::new();
        let writer = ResponseWriter::start(&db, metrics.clone()).await?;
        Ok(Submissions {
            inner: Arc::new(Inner {
                writer,
                metrics,
                db,
                secret,
                limiter: RateLimiter::new(settings.per_minute),
                receipt_limiter: RateLimiter::new(super::RECEIPT_TRIES_PER_MINUTE),
                trust_forwarded: settings.trust_forwarded,
                surveys: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn trusts_forwarded_headers(&self) -> bool {
        self.inner.trust_forwarded
    }

    pub fn secret(&self) -> &ServerSecret {
        &self.inner.secret
    }

    /// The submission path's counters, for `/metrics`.
    pub fn metrics(&self) -> &SubmissionMetrics {
        &self.inner.metrics
    }

    pub(super) fn database(&self) -> &Database {
        &self.inner.db
    }

    pub(super) fn receipt_limiter(&self) -> &RateLimiter {
        &self.inner.receipt_limiter
    }

    /// A survey by slug, from a short-lived cache. Drafts are as good as missing.
    pub async fn survey(&self, slug: &str) -> Result<Option<Arc<SurveyRecord>>, DatabaseError> {
        let now = Instant::now();
        if let Some((at, record)) = self.cache().get(slug) {
            if now.duration_since(*at) < SURVEY_CACHE_TTL {
                return Ok(Some(record.clone()));
            }
        }
        let Some(record) = survey_by_slug(&self.inner.db, slug).await? else {
            return Ok(None);
        };
        if record.public.status == SurveyStatus::Draft {
            return Ok(None);
        }
        let record = Arc::new(record);
        self.cache().insert(slug.to_string(), (now, record.clone()));
        Ok(Some(record))
    }

    /// The id of the survey's poster batch with this channel code, if there is one.
    pub async fn poster_batch(
        &self,
        survey_id: &str,
        code: &str,
    ) -> Result<Option<String>, DatabaseError> {
        crate::authoring::poster_batches::by_code(&self.inner.db, survey_id, code).await
    }

    /// The survey's invitation with this code, and whether it still opens the survey; `None`
    /// for a code the server did not issue for this survey (ignored, like an unknown poster).
    pub async fn invitation(
        &self,
        survey_id: &str,
        code: &str,
    ) -> Result<Option<invitations::FoundInvitation>, DatabaseError> {
        match read_invitation_code(&self.inner.secret, code) {
            Some(invitation) => invitations::find(&self.inner.db, survey_id, &invitation).await,
            None => Ok(None),
        }
    }

    /// Drops a survey from the cache after staff changed it, so this instance shows the change
    /// at once (other instances within the cache's two seconds).
    pub fn forget_survey(&self, slug: &str) {
        self.cache().remove(slug);
    }

    /// The subject slugs this respondent has answered in the survey.
    pub async fn answered(
        &self,
        survey: &SurveyRecord,
        respondent: &RespondentId,
    ) -> Result<Vec<String>, DatabaseError> {
        let ids = answered_subjects(
            &self.inner.db,
            &survey.id,
            &respondent.key(&self.inner.secret),
        )
        .await?;
        Ok(slugs_of(survey, &ids))
    }

    /// Validates and stores one submission. `Ok` only once it is committed to disk.
    pub async fn submit(
        &self,
        slug: &str,
        draft: &SubmissionDraft,
        submitter: &Submitter,
    ) -> Result<Accepted, SubmitError> {
        let outcome = self.submit_uncounted(slug, draft, submitter).await;
        self.inner.metrics.count(match &outcome {
            Ok(accepted) if accepted.replayed => "replayed",
            Ok(_) => "accepted",
            Err(error) => error.code(),
        });
        outcome
    }

    async fn submit_uncounted(
        &self,
        slug: &str,
        draft: &SubmissionDraft,
        submitter: &Submitter,
    ) -> Result<Accepted, SubmitError> {
        let survey = self
            .survey(slug)
            .await?
            .ok_or(SubmitError::SurveyNotFound)?;
        if survey.public.status != SurveyStatus::Open {
            return Err(SubmitError::SurveyNotOpen(survey.public.status));
        }
        let valid = validate(&survey.public, draft).map_err(SubmitError::Invalid)?;
        let respondent_key = submitter.respondent.key(&self.inner.secret);
        let invalid_id = || {
            SubmitError::Invalid(vec![FieldProblem::new(
                AnswerField::Submission,
                AnswerProblem::InvalidSubmissionId,
            )])
        };
        let (submission_id, idempotency_key) =
            match (&submitter.idempotency_key, &submitter.submission_id) {
                (Some(key), _) if is_valid_submission_id(key) => {
                    let (key_part, submission_id) =
                        self.idempotency_digests(submitter, key, &respondent_key, &valid.answers);
                    (submission_id, Some(key_part))
                }
                (Some(_), _) => return Err(invalid_id()),
                (None, Some(id)) if is_valid_submission_id(id) => (id.clone(), None),
                (None, Some(_)) => return Err(invalid_id()),
                (None, None) => (new_submission_id(), None),
            };

        let receipt = ReceiptCode::of_submission(&self.inner.secret, &survey.id, &submission_id);
        let mut shared_flags = 0;
        match self
            .inner
            .limiter
            .check(&submitter.client_hash, Instant::now())
        {
            Decision::Refused { retry_after_s } => {
                return Err(SubmitError::RateLimited { retry_after_s })
            }
            Decision::Allowed { suspect: true } => shared_flags |= flags::RATE_LIMITED,
            Decision::Allowed { suspect: false } => {}
        }
        let now = time::OffsetDateTime::now_utc();
        let started = submitter
            .form
            .as_ref()
            .and_then(|form| read_form_token(&self.inner.secret, &form.token));
        let completion = started
            .as_ref()
            .map(|start| (timestamp::unix_ms(now) - start.shown_at_ms).max(0));
        let (poster_batch, form_invitation) = match started {
            Some(start) => (start.poster_batch, start.invitation),
            None => (None, None),
        };
        let poster_batch = match poster_batch {
            // A token from another survey's poster names no batch of this one.
            Some(batch) if belongs_to(&self.inner.db, &batch, &survey.id).await? => Some(batch),
            _ => None,
        };
        let invitation = match form_invitation.or_else(|| submitter.invitation.clone()) {
            Some((batch, number)) => {
                match invitations::usable(&self.inner.db, &survey.id, &batch, number).await? {
                    Some(true) => Some((batch, number)),
                    Some(false) => return Err(SubmitError::Invitation(InvitationRefusal::Revoked)),
                    // Another survey's invitation proves nothing here.
                    None => None,
                }
            }
            None => None,
        };
        let channel = match (&submitter.kiosk_key_id, &invitation, &poster_batch) {
            (_, Some(_), _) => Channel::Invitation,
            (Some(_), None, _) => Channel::Kiosk,
            (None, None, Some(_)) => Channel::Poster,
            (None, None, None) => Channel::Link,
        };
        if let Some(form) = &submitter.form {
            if form.honeypot_filled {
                shared_flags |= flags::HONEYPOT;
            }
            // A missing or forged token counts as too fast: the form was not shown by us.
            if completion.is_none_or(|ms| ms < MIN_COMPLETION_MS) {
                shared_flags |= flags::TOO_FAST;
            }
        }
        let rows = valid
            .answers
            .iter()
            .map(|answer| NewResponse {
                id: new_id(),
                subject_id: survey
                    .subject_ids
                    .get(&answer.subject)
                    .cloned()
                    .unwrap_or_default(),
                score: i64::from(answer.score),
                reason: answer.reason.clone(),
                quality_flags: shared_flags,
            })
            .collect();
        let pending = PendingSubmission {
            survey_id: survey.id.clone(),
            submission_id,
            respondent_key,
            idempotency_key,
            lang: submitter.lang.tag(),
            age_band: valid.age_band.map(|band| band.as_str()),
            district: valid.district,
            assisted: valid.assisted,
            client_hash: Some(submitter.client_hash.clone()),
            network_hash: Some(submitter.network_hash.clone()),
            channel,
            poster_batch_id: poster_batch,
            invitation,
            new_identity: submitter.new_identity,
            shared_device: submitter.vouched,
            kiosk_key_id: submitter.kiosk_key_id.clone(),
            completion_ms: completion,
            created_at: timestamp::format(now),
            receipt_digest: Some(receipt.digest(&self.inner.secret)),
            rows,
        };
        match self.inner.writer.write(pending).await {
            Ok(WriteOutcome::Stored(ids)) => Ok(Accepted {
                ids,
                receipt,
                replayed: false,
            }),
            Ok(WriteOutcome::Replayed(ids)) => Ok(Accepted {
                ids,
                receipt,
                replayed: true,
            }),
            Ok(WriteOutcome::Duplicate(subject_ids)) => Err(SubmitError::AlreadyAnswered(
                slugs_of(&survey, &subject_ids),
            )),
            Ok(WriteOutcome::NotOpen(status)) => Err(SubmitError::SurveyNotOpen(status)),
            Ok(WriteOutcome::KeyReused) => Err(SubmitError::KeyReused),
            Ok(WriteOutcome::InvitationSpent) => {
                Err(SubmitError::Invitation(InvitationRefusal::Spent))
            }
            Err(error) => Err(SubmitError::Unavailable(error.to_string())),
        }
    }

    /// The stored forms of an `Idempotency-Key`: the key's digest (per kiosk), and the
    /// submission id, which is that digest and one of the answer. A retry repeats both; the same
    /// key with another answer repeats only the first.
    fn idempotency_digests(
        &self,
        submitter: &Submitter,
        key: &str,
        respondent_key: &str,
        answers: &[domain::answers::ValidAnswer],
    ) -> (String, String) {
        let secret = &self.inner.secret;
        let kiosk = submitter.kiosk_key_id.as_deref().unwrap_or_default();
        let key_part =
            secret.keyed_hash("idempotency-key", &format!("{kiosk}\n{key}"))[..24].to_string();
        let answer: String = answers
            .iter()
            .map(|a| {
                format!(
                    "{}\n{}\n{}\n",
                    a.subject,
                    a.score,
                    a.reason.as_deref().unwrap_or_default()
                )
            })
            .collect();
        let answer_part =
            secret.keyed_hash("idempotency-answer", &format!("{respondent_key}\n{answer}"));
        let submission_id = format!("{key_part}-{}", &answer_part[..8]);
        (key_part, submission_id)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, Arc<SurveyRecord>)>> {
        self.inner
            .surveys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A fresh submission id (32 hex characters), for a form being shown or a call without one.
pub fn new_submission_id() -> String {
    hex::encode(random_bytes::<16>())
}

/// Submission ids come from our forms (32 hex) or an API client's `Idempotency-Key`.
fn is_valid_submission_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn slugs_of(survey: &SurveyRecord, subject_ids: &[String]) -> Vec<String> {
    survey
        .public
        .subjects
        .iter()
        .filter(|s| {
            survey
                .subject_ids
                .get(&s.slug)
                .is_some_and(|id| subject_ids.contains(id))
        })
        .map(|s| s.slug.clone())
        .collect()
}
