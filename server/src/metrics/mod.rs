//! `GET /metrics`: the Prometheus text format, for an operator's scraper. Behind a staff API
//! token (any role; `Authorization: Bearer …`), not a second port: one port is one thing to
//! proxy and firewall, and the token is revocable like every other credential.
//!
//! HTTP requests by route and status with latency, the submission path's counters, the
//! database pool, what waits for staff (held answers, open suspect clusters) and the build.

mod endpoint;
mod requests;

pub use endpoint::scrape;
pub use requests::record;

use koubei_core::submission::SubmissionMetrics;
use prometheus::{
    HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
};

/// The server's registry and the collectors it fills itself. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Metrics {
    registry: Registry,
    pub(crate) requests: IntCounterVec,
    pub(crate) latency: HistogramVec,
    pub(crate) pool: IntGaugeVec,
    pub(crate) held_answers: IntGauge,
    pub(crate) open_clusters: IntGauge,
}

impl Metrics {
    /// A registry with the server's collectors and the submission path's.
    pub fn new(submissions: &SubmissionMetrics) -> Metrics {
        // Constant definitions registered once into a fresh registry: these fail only on a
        // malformed or repeated name, which `metrics_render` in the tests would show at once.
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "koubei_http_requests_total",
                "HTTP requests by route, method and status",
            ),
            &["route", "method", "status"],
        )
        .expect("constant metric definition");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "koubei_http_request_duration_seconds",
                "Time from a request's arrival to its response's head, by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["route"],
        )
        .expect("constant metric definition");
        let pool = IntGaugeVec::new(
            Opts::new(
                "koubei_db_pool_connections",
                "Database pool connections by state",
            ),
            &["state"],
        )
        .expect("constant metric definition");
        let held_answers = IntGauge::new(
            "koubei_held_answers",
            "Answers in suspect clusters waiting for a staff decision (stored, not counted)",
        )
        .expect("constant metric definition");
        let open_clusters = IntGauge::new(
            "koubei_open_suspect_clusters",
            "Suspect clusters waiting for a staff decision",
        )
        .expect("constant metric definition");
        let build = IntGaugeVec::new(
            Opts::new("koubei_build_info", "The running koubei (always 1)"),
            &["version"],
        )
        .expect("constant metric definition");
        build.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
        let mut collectors: Vec<Box<dyn prometheus::core::Collector>> = vec![
            Box::new(requests.clone()),
            Box::new(latency.clone()),
            Box::new(pool.clone()),
            Box::new(held_answers.clone()),
            Box::new(open_clusters.clone()),
            Box::new(build),
        ];
        collectors.extend(submissions.collectors());
        for collector in collectors {
            registry
                .register(collector)
                .expect("each metric is registered once");
        }
        Metrics {
            registry,
            requests,
            latency,
            pool,
            held_answers,
            open_clusters,
        }
    }

    /// Everything, in the Prometheus text format.
    pub(crate) fn render(&self) -> Result<String, prometheus::Error> {
        let mut text = String::new();
        prometheus::TextEncoder::new().encode_utf8(&self.registry.gather(), &mut text)?;
        Ok(text)
    }
}
