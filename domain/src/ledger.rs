//! The quality ledger's shape (the integrity report): per subject, responses received, flagged,
//! found by each detector, excluded, held for review, counted and verified, and per channel.
//! Computed by `moderation::ledger` (server only), frozen in snapshots, shown on the console and
//! the public results page.

use serde::{Deserialize, Serialize};

use super::{Channel, ExclusionReason, Flag};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerCounts {
    pub received: i64,
    /// Responses carrying each flag (one response may carry several).
    pub flagged: Vec<(Flag, i64)>,
    /// Standing exclusions by reason.
    pub excluded: Vec<(ExclusionReason, i64)>,
    /// Excluded by a staff decision on a suspect cluster (not also excluded one by one).
    #[serde(default)]
    pub excluded_in_clusters: i64,
    /// Every excluded response: by reason and in clusters.
    pub excluded_total: i64,
    /// In a suspect cluster waiting for a decision: stored, not counted.
    #[serde(default)]
    pub held: i64,
    /// Received minus excluded and held: what the results are computed from.
    pub counted: i64,
    /// Received per channel (every channel, zeros included).
    #[serde(default)]
    pub channels: Vec<(Channel, i64)>,
    /// Answers a detector put in a suspect cluster, per detector (`burst`, `network`,
    /// `near-duplicate-reasons`, zeros included), whatever staff then decided.
    #[serde(default)]
    pub detected: Vec<(String, i64)>,
    /// Counted answers that came through an invitation: verified.
    #[serde(default)]
    pub verified: i64,
    /// Received answers whose respondent ticked 协助填写 (helped, or for a family member).
    /// Older snapshots have none recorded.
    #[serde(default)]
    pub assisted: i64,
}

impl LedgerCounts {
    /// Verified answers as a share of counted ones; `None` when nothing counts.
    pub fn verified_share(&self) -> Option<f64> {
        (self.counted > 0).then(|| self.verified as f64 / self.counted as f64)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub counts: LedgerCounts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub subjects: Vec<LedgerLine>,
    pub total: LedgerCounts,
}

impl LedgerCounts {
    /// Adds another subject's counts to these (a survey's total is the sum of its subjects').
    pub fn add(&mut self, other: &LedgerCounts) {
        if self.flagged.is_empty() {
            *self = other.clone();
            return;
        }
        self.received += other.received;
        for ((_, a), (_, b)) in self.flagged.iter_mut().zip(&other.flagged) {
            *a += b;
        }
        for ((_, a), (_, b)) in self.excluded.iter_mut().zip(&other.excluded) {
            *a += b;
        }
        self.excluded_in_clusters += other.excluded_in_clusters;
        self.excluded_total += other.excluded_total;
        self.held += other.held;
        for ((_, a), (_, b)) in self.channels.iter_mut().zip(&other.channels) {
            *a += b;
        }
        for ((_, a), (_, b)) in self.detected.iter_mut().zip(&other.detected) {
            *a += b;
        }
        self.verified += other.verified;
        self.assisted += other.assisted;
        self.counted += other.counted;
    }
}
