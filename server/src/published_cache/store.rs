//! The kept views and the public version they were rendered at.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use koubei_core::db::public_version::{public_version, PublicVersion};
use koubei_core::db::Database;

/// At most this many views are kept …
const MAX_ENTRIES: usize = 4096;
/// … holding at most this many bytes in all (each view in three forms). Beyond either, every
/// view is dropped and the cache fills again with what readers ask for: addresses made up to
/// fill it (odd query strings, hosts) cost their maker renders, never a wrong answer.
const MAX_BYTES: usize = 96 * 1024 * 1024;
/// No single view above this is kept.
const MAX_VIEW_BYTES: usize = MAX_BYTES / 16;
/// Addresses asked for once are remembered (as hashes) up to this many, then forgotten.
const MAX_SEEN: usize = 65_536;
/// After the version could not be read, requests go uncached this long before trying again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(1);

/// What a kept view is valid for: the database's public version when it was rendered.
pub type Stamp = PublicVersion;

/// One rendered view, in every form it is served in.
pub struct Kept {
    pub status: StatusCode,
    /// The response's headers, without length, coding and `Vary`, which depend on the form.
    pub headers: HeaderMap,
    pub etag: String,
    pub identity: Bytes,
    pub gzip: Bytes,
    pub brotli: Bytes,
}

impl Kept {
    fn size(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len()
    }
}

#[derive(Default)]
struct Entries {
    stamp: Option<Stamp>,
    views: HashMap<String, Arc<Kept>>,
    bytes: usize,
}

impl Entries {
    /// Drops every view kept for another stamp, and remembers `stamp` as the current one.
    fn adopt(&mut self, stamp: &Stamp) {
        if self.stamp.as_ref() != Some(stamp) {
            self.views.clear();
            self.bytes = 0;
            self.stamp = Some(stamp.clone());
        }
    }
}

/// The public version as last read, and when (`None`: read it again on the next request).
#[derive(Default)]
struct Checked {
    stamp: Option<Stamp>,
    at: Option<Instant>,
    /// When reading it last failed: a failing database is not asked by every request in turn.
    failed_at: Option<Instant>,
}

struct Inner {
    /// `false`: nothing is kept (`--no-published-cache`).
    on: bool,
    check_every: Duration,
    checked: RwLock<Checked>,
    /// One reader of the database's version at a time; the others wait and take its answer.
    refreshing: tokio::sync::Mutex<()>,
    entries: RwLock<Entries>,
    /// Hashes of keys asked for once: a view is kept on its second request, so an address made
    /// up once (an odd query string, a host) costs its maker a plain render, never compression.
    seen: std::sync::Mutex<HashSet<u64>>,
}

/// The publication-day cache; cheap to clone (one per process, shared by every handler).
#[derive(Clone)]
pub struct PublishedCache {
    inner: Arc<Inner>,
}

impl PublishedCache {
    /// A cache that reads the database's public version at most once per `check_every`
    /// (zero: on every request, as the tests run it).
    pub fn new(check_every: Duration) -> Self {
        Self::with(true, check_every)
    }

    /// A cache that keeps nothing: every view is rendered afresh.
    pub fn off() -> Self {
        Self::with(false, Duration::ZERO)
    }

    fn with(on: bool, check_every: Duration) -> Self {
        PublishedCache {
            inner: Arc::new(Inner {
                on,
                check_every,
                checked: RwLock::new(Checked::default()),
                refreshing: tokio::sync::Mutex::new(()),
                entries: RwLock::new(Entries::default()),
                seen: std::sync::Mutex::new(HashSet::new()),
            }),
        }
    }

    /// The current stamp, reading the database's version when the last reading is too old;
    /// `None` when it cannot be read (the request is then served without the cache).
    pub async fn stamp(&self, db: &Database) -> Option<Stamp> {
        if !self.inner.on {
            return None;
        }
        if let Some(stamp) = self.fresh_stamp() {
            return Some(stamp);
        }
        if self.failed_recently() {
            return None;
        }
        let _one_reader = self.inner.refreshing.lock().await;
        if let Some(stamp) = self.fresh_stamp() {
            return Some(stamp);
        }
        if self.failed_recently() {
            return None;
        }
        let stamp = match public_version(db).await {
            Ok(version) => version,
            Err(error) => {
                tracing::warn!(error = %error, "cannot read the public version; not caching");
                if let Ok(mut checked) = self.inner.checked.write() {
                    checked.failed_at = Some(Instant::now());
                }
                return None;
            }
        };
        if let Ok(mut checked) = self.inner.checked.write() {
            checked.stamp = Some(stamp.clone());
            checked.at = Some(Instant::now());
            checked.failed_at = None;
        }
        if let Ok(mut entries) = self.inner.entries.write() {
            entries.adopt(&stamp);
        }
        Some(stamp)
    }

    fn failed_recently(&self) -> bool {
        self.inner.checked.read().is_ok_and(|checked| {
            checked
                .failed_at
                .is_some_and(|at| at.elapsed() < RETRY_AFTER_FAILURE)
        })
    }

    /// Whether `key` was asked for before (and so is worth rendering into memory); remembers it.
    pub fn asked_before(&self, key: &str) -> bool {
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        let hash = hasher.finish();
        let Ok(mut seen) = self.inner.seen.lock() else {
            return false;
        };
        if seen.contains(&hash) {
            return true;
        }
        if seen.len() >= MAX_SEEN {
            seen.clear();
        }
        seen.insert(hash);
        false
    }

    fn fresh_stamp(&self) -> Option<Stamp> {
        let checked = self.inner.checked.read().ok()?;
        let stamp = checked.stamp.as_ref()?;
        let recent = checked
            .at
            .is_some_and(|at| at.elapsed() < self.inner.check_every);
        recent.then(|| stamp.clone())
    }

    /// The view kept for `key` under `stamp`.
    pub fn get(&self, key: &str, stamp: &Stamp) -> Option<Arc<Kept>> {
        let entries = self.inner.entries.read().ok()?;
        if entries.stamp.as_ref() != Some(stamp) {
            return None;
        }
        entries.views.get(key).cloned()
    }

    /// Keeps a view rendered under `stamp`, unless the version has moved on meanwhile.
    pub fn keep(&self, key: String, stamp: &Stamp, kept: Arc<Kept>) {
        let Ok(mut entries) = self.inner.entries.write() else {
            return;
        };
        if entries.stamp.as_ref() != Some(stamp) {
            return;
        }
        let size = kept.size();
        if size > MAX_VIEW_BYTES {
            return;
        }
        if entries.views.len() >= MAX_ENTRIES || entries.bytes + size > MAX_BYTES {
            tracing::info!(
                views = entries.views.len(),
                bytes = entries.bytes,
                "published-view cache full; starting again"
            );
            entries.views.clear();
            entries.bytes = 0;
        }
        if let Some(old) = entries.views.insert(key, kept) {
            entries.bytes -= old.size();
        }
        entries.bytes += size;
    }

    /// A change may have gone through this instance: the next request reads the database's
    /// version anew, so an audited change or a new snapshot drops the kept views at once. A
    /// request that changed nothing (a refused or made-up POST) costs one reading, never a
    /// render: kept views stay as long as the version does.
    pub fn check_again(&self) {
        if let Ok(mut checked) = self.inner.checked.write() {
            checked.at = None;
        }
    }

    /// How many views are kept (for tests and the log).
    pub fn len(&self) -> usize {
        self.inner
            .entries
            .read()
            .map(|entries| entries.views.len())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(snapshots: i64) -> Stamp {
        PublicVersion {
            snapshots,
            changes: 1,
            last_change: "2026-12-08T00:00:00.000Z".to_string(),
        }
    }

    fn view(bytes: usize) -> Arc<Kept> {
        Arc::new(Kept {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            etag: "\"t\"".to_string(),
            identity: Bytes::from(vec![b'x'; bytes]),
            gzip: Bytes::new(),
            brotli: Bytes::new(),
        })
    }

    #[test]
    fn an_address_is_worth_keeping_from_its_second_request() {
        let cache = PublishedCache::new(Duration::ZERO);
        assert!(!cache.asked_before("/r/a"));
        assert!(cache.asked_before("/r/a"));
        assert!(!cache.asked_before("/r/b"));
    }

    #[test]
    fn a_view_rendered_under_an_older_version_is_never_served() {
        let cache = PublishedCache::new(Duration::ZERO);
        cache
            .inner
            .entries
            .write()
            .expect("lock")
            .adopt(&version(1));
        cache.keep("/r/a".into(), &version(1), view(10));
        assert!(cache.get("/r/a", &version(1)).is_some());
        // A publication moves the version: the old view is dropped, and one rendered before the
        // publication but finished after it is not kept.
        cache
            .inner
            .entries
            .write()
            .expect("lock")
            .adopt(&version(2));
        assert!(cache.get("/r/a", &version(2)).is_none());
        cache.keep("/r/a".into(), &version(1), view(10));
        assert!(cache.is_empty());
        // Nor is a view too large to be worth the memory.
        cache.keep("/r/b".into(), &version(2), view(MAX_VIEW_BYTES + 1));
        assert!(cache.is_empty());
    }
}
