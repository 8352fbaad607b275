/// Input the statistics cannot work with. Messages are for developers; user-facing text is
/// localized by the caller from the variant.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error("level must be strictly between 0 and 1, got {0}")]
    InvalidLevel(f64),
    #[error("unknown interval method `{0}`: use wald, adjusted-wald, score, bootstrap or bayes")]
    UnknownMethod(String),
    #[error("margin must be a positive number of NPS points up to 200, got {0}")]
    InvalidMargin(f64),
    #[error("shares must be in [0, 1] and add up to at most 1, got promoters {0}, detractors {1}")]
    InvalidShares(f64, f64),
    #[error("weights must be finite and positive")]
    InvalidWeight,
    #[error("scores are whole numbers from 0 to 10, got {0}")]
    InvalidScore(u8),
    #[error("the prior's parameters must be positive and finite")]
    InvalidPrior,
    #[error("subjects are compared with wald or adjusted-wald, not {0}")]
    UnsupportedComparison(String),
    #[error("weighted results use wald or adjusted-wald, not {0}")]
    UnsupportedWeighting(String),
    #[error("raking targets must be positive shares, one per answer, and the cap at least 1")]
    InvalidTarget,
    #[error("at least one resample or draw is needed")]
    NoDraws,
}
