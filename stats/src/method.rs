use serde::{Deserialize, Serialize};

use crate::StatsError;

/// How an interval is computed. The names are part of the public API and the database schema.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Method {
    /// Normal approximation with the trinomial variance (p + d) − (p − d)².
    #[serde(rename = "wald")]
    Wald,
    /// Rocks (2016): Wald after adding 0.75 promoters, 1.5 passives and 0.75 detractors.
    #[default]
    #[serde(rename = "adjusted-wald")]
    AdjustedWald,
    /// Rocks' score interval: inverts the score statistic with the constrained MLE.
    #[serde(rename = "score")]
    Score,
    /// Percentile interval from multinomial resampling of the counts.
    #[serde(rename = "bootstrap")]
    Bootstrap,
    /// Equal-tailed credible interval of the Dirichlet posterior.
    #[serde(rename = "bayes")]
    Bayes,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Wald,
        Method::AdjustedWald,
        Method::Score,
        Method::Bootstrap,
        Method::Bayes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Wald => "wald",
            Method::AdjustedWald => "adjusted-wald",
            Method::Score => "score",
            Method::Bootstrap => "bootstrap",
            Method::Bayes => "bayes",
        }
    }

    pub fn parse(name: &str) -> Result<Method, StatsError> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == name)
            .ok_or_else(|| StatsError::UnknownMethod(name.to_string()))
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for method in Method::ALL {
            assert_eq!(Method::parse(method.as_str()), Ok(method));
        }
        assert!(Method::parse("Wald").is_err());
        assert!(Method::parse("adjusted_wald").is_err());
        assert_eq!(Method::default(), Method::AdjustedWald);
    }
}
