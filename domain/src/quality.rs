//! Data-quality words shared by the console, the API and exports: the automatic flags on a
//! response and the reasons staff give for excluding one.

use serde::{Deserialize, Serialize};

/// A data-quality signal set automatically when a response is stored (a bit of
/// `responses.quality_flags`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// The same client (IP + user agent) already answered this subject under another identity.
    Duplicate,
    /// The hidden honeypot field was filled in.
    Honeypot,
    /// Sent faster than a person can read and answer.
    TooFast,
    /// The client hit the submission rate limit shortly before.
    RateLimited,
}

impl Flag {
    pub const ALL: [Flag; 4] = [
        Flag::Duplicate,
        Flag::Honeypot,
        Flag::TooFast,
        Flag::RateLimited,
    ];

    pub fn bit(self) -> i64 {
        match self {
            Flag::Duplicate => 1,
            Flag::Honeypot => 2,
            Flag::TooFast => 4,
            Flag::RateLimited => 8,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Duplicate => "duplicate",
            Flag::Honeypot => "honeypot",
            Flag::TooFast => "too-fast",
            Flag::RateLimited => "rate-limited",
        }
    }

    pub fn parse(text: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// The flags set in a stored bit set.
    pub fn from_bits(bits: i64) -> Vec<Flag> {
        Flag::ALL
            .into_iter()
            .filter(|f| bits & f.bit() != 0)
            .collect()
    }
}

/// Why staff left a response out of the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExclusionReason {
    /// The same person answered twice (seen by staff, beyond the automatic flag).
    Duplicate,
    /// Automated or scripted answers.
    Bot,
    /// The respondent has not used the subject.
    NotACustomer,
    /// The answer is about something else.
    OffTopic,
    Other,
    /// The respondent took the answer back with the receipt code of their submission. Staff
    /// cannot choose it, nor restore such an answer.
    Withdrawn,
}

impl ExclusionReason {
    /// The reasons staff may give.
    pub const STAFF: [ExclusionReason; 5] = [
        ExclusionReason::Duplicate,
        ExclusionReason::Bot,
        ExclusionReason::NotACustomer,
        ExclusionReason::OffTopic,
        ExclusionReason::Other,
    ];
    /// Every reason an exclusion can have.
    pub const ALL: [ExclusionReason; 6] = [
        ExclusionReason::Duplicate,
        ExclusionReason::Bot,
        ExclusionReason::NotACustomer,
        ExclusionReason::OffTopic,
        ExclusionReason::Other,
        ExclusionReason::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::Duplicate => "duplicate",
            ExclusionReason::Bot => "bot",
            ExclusionReason::NotACustomer => "not-a-customer",
            ExclusionReason::OffTopic => "off-topic",
            ExclusionReason::Other => "other",
            ExclusionReason::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<ExclusionReason> {
        ExclusionReason::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
    }

    /// A reason staff gave (a form or the staff API): never `withdrawn`.
    pub fn parse_staff_choice(text: &str) -> Option<ExclusionReason> {
        ExclusionReason::STAFF
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_back_from_their_bits() {
        assert_eq!(Flag::from_bits(0), vec![]);
        assert_eq!(Flag::from_bits(5), vec![Flag::Duplicate, Flag::TooFast]);
        assert_eq!(Flag::from_bits(15).len(), 4);
        for flag in Flag::ALL {
            assert_eq!(Flag::parse(flag.as_str()), Some(flag));
        }
        for reason in ExclusionReason::ALL {
            assert_eq!(ExclusionReason::parse(reason.as_str()), Some(reason));
        }
    }
}
