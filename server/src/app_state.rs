//! What every handler shares: the database, the submission service, Leptos's options and the
//! metrics registry.

use axum::extract::FromRef;
use koubei_core::db::Database;
use koubei_core::submission::Submissions;
use leptos::config::LeptosOptions;

/// Shared by every handler; cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Database,
    pub submissions: Submissions,
    pub metrics: crate::metrics::Metrics,
    /// Signs the statements on badges and embed cards (`/verify/{token}` reads them).
    pub badge_key: koubei_core::results::statement::BadgeKey,
    /// Published views rendered once and served from memory (publication day).
    pub published_cache: crate::published_cache::PublishedCache,
}

impl AppState {
    /// Whether the client reached us over HTTPS: only our own proxy can say so
    /// (`X-Forwarded-Proto`, trusted with `--behind-proxy`); cookies are `Secure` then.
    pub fn served_over_https(&self, headers: &axum::http::HeaderMap) -> bool {
        self.submissions.trusts_forwarded_headers()
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.eq_ignore_ascii_case("https"))
    }
}
