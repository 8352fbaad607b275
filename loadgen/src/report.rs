//! Turning the merged samples into numbers: throughput, latency percentiles, status breakdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{json, Value};

use crate::run::Samples;

/// The result of one run, as printed and as the `--json` line.
#[derive(Debug)]
pub struct Report {
    pub target: String,
    pub connections: usize,
    pub warmup_s: f64,
    pub duration_s: f64,
    /// Completed requests: responses of any status plus transport errors.
    pub requests: u64,
    /// Responses with the expected status.
    pub ok: u64,
    /// Everything else: other statuses and transport errors.
    pub errors: u64,
    pub io_errors: u64,
    /// Successful requests (the expected status) per second: errors are never throughput.
    pub rps: f64,
    /// Latency percentiles over every response (of any status), in milliseconds; `None` when
    /// no response arrived at all.
    pub p50_ms: Option<f64>,
    pub p90_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub max_ms: Option<f64>,
    pub status_counts: BTreeMap<u16, u64>,
    pub io_error_examples: Vec<String>,
}

impl Report {
    pub fn new(
        target: String,
        expected_status: u16,
        connections: usize,
        warmup: Duration,
        duration: Duration,
        mut samples: Samples,
    ) -> Self {
        samples.latencies_us.sort_unstable();
        let sorted = &samples.latencies_us;
        let responses: u64 = samples.statuses.values().sum();
        let ok = samples.statuses.get(&expected_status).copied().unwrap_or(0);
        let requests = responses + samples.io_errors;
        let duration_s = duration.as_secs_f64();
        Self {
            target,
            connections,
            warmup_s: warmup.as_secs_f64(),
            duration_s,
            requests,
            ok,
            errors: requests - ok,
            io_errors: samples.io_errors,
            rps: ok as f64 / duration_s,
            p50_ms: percentile_ms(sorted, 0.50),
            p90_ms: percentile_ms(sorted, 0.90),
            p99_ms: percentile_ms(sorted, 0.99),
            max_ms: sorted.last().map(|&us| f64::from(us) / 1000.0),
            status_counts: samples.statuses,
            io_error_examples: samples.io_error_examples,
        }
    }

    /// One JSON object, for scripts.
    pub fn to_json(&self) -> Value {
        let statuses: serde_json::Map<String, Value> = self
            .status_counts
            .iter()
            .map(|(status, count)| (status.to_string(), json!(count)))
            .collect();
        json!({
            "target": self.target,
            "connections": self.connections,
            "duration_s": self.duration_s,
            "requests": self.requests,
            "ok": self.ok,
            "errors": self.errors,
            "io_errors": self.io_errors,
            "rps": round(self.rps, 1),
            "p50_ms": self.p50_ms.map(|ms| round(ms, 3)),
            "p90_ms": self.p90_ms.map(|ms| round(ms, 3)),
            "p99_ms": self.p99_ms.map(|ms| round(ms, 3)),
            "max_ms": self.max_ms.map(|ms| round(ms, 3)),
            "status_counts": statuses,
        })
    }

    /// A few lines for people.
    pub fn human(&self) -> String {
        let ms = |value: Option<f64>| value.map_or("-".to_owned(), |ms| format!("{ms:.2} ms"));
        let mut out = format!(
            "{}: {} connections, {:.1} s measured after {:.1} s warmup\n\
             \x20 requests  {} ({:.1}/s)\n\
             \x20 ok        {}\n\
             \x20 errors    {}\n\
             \x20 latency   p50 {}  p90 {}  p99 {}  max {}\n\
             \x20 statuses ",
            self.target,
            self.connections,
            self.duration_s,
            self.warmup_s,
            self.requests,
            self.rps,
            self.ok,
            self.errors,
            ms(self.p50_ms),
            ms(self.p90_ms),
            ms(self.p99_ms),
            ms(self.max_ms),
        );
        for (status, count) in &self.status_counts {
            let _ = write!(out, " {status}: {count}");
        }
        if self.io_errors > 0 {
            let _ = write!(out, " transport errors: {}", self.io_errors);
        }
        for example in &self.io_error_examples {
            let _ = write!(out, "\n  e.g. {example}");
        }
        out
    }
}

/// Nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile_ms(sorted_us: &[u32], quantile: f64) -> Option<f64> {
    let last = sorted_us.len().checked_sub(1)?;
    // The smallest sample with at least `quantile` of all samples at or below it.
    let rank = (quantile * sorted_us.len() as f64).ceil() as usize;
    let us = sorted_us[rank.saturating_sub(1).min(last)];
    Some(f64::from(us) / 1000.0)
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let us: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        assert_eq!(percentile_ms(&us, 0.50), Some(50.0));
        assert_eq!(percentile_ms(&us, 0.99), Some(99.0));
        assert_eq!(percentile_ms(&[7000], 0.99), Some(7.0));
        assert_eq!(percentile_ms(&[], 0.5), None);
    }

    #[test]
    fn unexpected_statuses_and_transport_errors_are_errors() {
        let samples = Samples {
            latencies_us: vec![3000, 1000, 2000],
            statuses: BTreeMap::from([(201, 2), (500, 1)]),
            io_errors: 1,
            io_error_examples: vec!["connection refused".into()],
        };
        let report = Report::new(
            "submit s".into(),
            201,
            2,
            Duration::ZERO,
            Duration::from_secs(2),
            samples,
        );
        let line = report.to_json();
        assert_eq!(line["requests"], 4);
        assert_eq!(line["ok"], 2);
        assert_eq!(line["errors"], 2);
        assert_eq!(line["rps"], 1.0, "two successes in two seconds");
        assert_eq!(line["p50_ms"], 2.0);
        assert_eq!(line["max_ms"], 3.0);
        assert_eq!(line["status_counts"], json!({"201": 2, "500": 1}));
        assert!(report.human().contains("500: 1 transport errors: 1"));
    }
}
