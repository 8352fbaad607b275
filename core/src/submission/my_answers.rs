//! `/my-answers` behind the page: a typed receipt code, checked and rate-limited, then the
//! submission shown or withdrawn. Tries are limited per network, not per browser: an attacker
//! changing user agents stays in one bucket.

use std::time::Instant;

use super::rate_limit::Decision;
use super::receipt::ReceiptCode;
use super::request::RequestFacts;
use super::service::Submissions;
use crate::moderation::withdrawal::{self, Withdrawal};
use domain::my_answers::{CodeProblem, MyAnswersView};

/// Codes one network may try per minute (a person mistyping needs a few; guessing 50 bits
/// needs billions).
pub const RECEIPT_TRIES_PER_MINUTE: u32 = 10;

/// What to do with a receipt code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptAction {
    Show,
    /// Withdraw; `confirmed` is the "I am sure" checkbox.
    Withdraw {
        confirmed: bool,
    },
}

impl Submissions {
    /// Shows or withdraws the submission behind a typed receipt code; the view and the HTTP
    /// status to send it with.
    pub async fn my_answers(
        &self,
        typed: &str,
        action: ReceiptAction,
        facts: &RequestFacts,
    ) -> (MyAnswersView, u16) {
        let problem = |problem, status| {
            (
                MyAnswersView::Problem {
                    typed: typed.chars().take(40).collect(),
                    problem,
                },
                status,
            )
        };
        if let Decision::Refused { retry_after_s } = self
            .receipt_limiter()
            .check(&facts.network_hash, Instant::now())
        {
            return problem(CodeProblem::TooManyTries { retry_after_s }, 429);
        }
        let Some(code) = ReceiptCode::parse(typed) else {
            return problem(CodeProblem::Malformed, 422);
        };
        let digest = code.digest(self.secret());
        let db = self.database();
        if let ReceiptAction::Withdraw { confirmed } = action {
            if !confirmed {
                return match withdrawal::find(db, &digest, &code.display()).await {
                    Ok(Some(_)) => problem(CodeProblem::NotConfirmed, 422),
                    Ok(None) => problem(CodeProblem::Unknown, 404),
                    Err(_) => problem(CodeProblem::Unavailable, 503),
                };
            }
            match withdrawal::withdraw(db, &digest).await {
                Ok(Withdrawal::NotFound) => return problem(CodeProblem::Unknown, 404),
                Ok(Withdrawal::Done(_) | Withdrawal::AlreadyWithdrawn) => {}
                Err(error) => {
                    tracing::error!(%error, "withdrawing a submission failed");
                    return problem(CodeProblem::Unavailable, 503);
                }
            }
        }
        match withdrawal::find(db, &digest, &code.display()).await {
            Ok(Some(stored)) if matches!(action, ReceiptAction::Withdraw { .. }) => {
                (MyAnswersView::Withdrawn(stored), 200)
            }
            Ok(Some(stored)) => (MyAnswersView::Found(stored), 200),
            Ok(None) => problem(CodeProblem::Unknown, 404),
            Err(error) => {
                tracing::error!(%error, "looking up a receipt failed");
                problem(CodeProblem::Unavailable, 503)
            }
        }
    }
}
