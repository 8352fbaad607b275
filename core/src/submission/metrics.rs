//! What the submission path counts for `/metrics`: every submission's outcome, and the response
//! writer's batches (how many submissions each commit carried, and how long it took). The
//! collectors live here, beside what they count; the server registers them and renders them.

use prometheus::{Histogram, HistogramOpts, IntCounterVec, Opts};

#[derive(Clone, Debug)]
pub struct SubmissionMetrics {
    /// Submissions by outcome: `accepted`, `replayed`, or the refusal's code.
    pub outcomes: IntCounterVec,
    /// Submissions per committed batch.
    pub batch_size: Histogram,
    /// Seconds from a batch's first statement to its commit returning.
    pub commit_seconds: Histogram,
}

impl SubmissionMetrics {
    pub fn new() -> SubmissionMetrics {
        // Constant, valid definitions: the constructors fail only on malformed names or
        // buckets, which the unit test below would show.
        SubmissionMetrics {
            outcomes: IntCounterVec::new(
                Opts::new(
                    "koubei_submissions_total",
                    "Survey submissions by outcome (accepted, replayed, or why refused)",
                ),
                &["outcome"],
            )
            .expect("constant metric definition"),
            batch_size: Histogram::with_opts(
                HistogramOpts::new(
                    "koubei_writer_batch_submissions",
                    "Submissions committed together by the response writer",
                )
                .buckets(vec![
                    1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0,
                ]),
            )
            .expect("constant metric definition"),
            commit_seconds: Histogram::with_opts(
                HistogramOpts::new(
                    "koubei_writer_commit_seconds",
                    "Time the response writer took to write and commit one batch",
                )
                .buckets(vec![
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ]),
            )
            .expect("constant metric definition"),
        }
    }

    /// Every collector, for registering with the server's registry.
    pub fn collectors(&self) -> Vec<Box<dyn prometheus::core::Collector>> {
        vec![
            Box::new(self.outcomes.clone()),
            Box::new(self.batch_size.clone()),
            Box::new(self.commit_seconds.clone()),
        ]
    }

    pub(super) fn count(&self, outcome: &str) {
        self.outcomes.with_label_values(&[outcome]).inc();
    }
}

impl Default for SubmissionMetrics {
    fn default() -> Self {
        SubmissionMetrics::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definitions_are_valid_and_register_once() {
        let metrics = SubmissionMetrics::new();
        let registry = prometheus::Registry::new();
        for collector in metrics.collectors() {
            registry.register(collector).expect("registers");
        }
        metrics.count("accepted");
        metrics.batch_size.observe(3.0);
        let families = registry.gather();
        let names: Vec<&str> = families.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "koubei_submissions_total",
                "koubei_writer_batch_submissions",
                "koubei_writer_commit_seconds"
            ]
        );
    }
}
