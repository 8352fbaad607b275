//! Typed settings for `koubei serve`, resolved from the command line and the environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::bail;
use koubei_core::db::DatabaseUrl;
use koubei_core::submission::SubmissionSettings;

use crate::cli::ServeArgs;

/// Where the built site lives relative to the repository root (cargo-leptos uses the same).
const DEFAULT_SITE_ROOT: &str = "target/site";

#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub database_url: DatabaseUrl,
    /// `None` when no built assets were found: pages still render, without styles and scripts.
    pub site_root: Option<PathBuf>,
    pub submissions: SubmissionSettings,
    pub connections: ConnectionLimits,
    /// Between background passes of the stuffing detectors; `None`: no background passes.
    pub integrity_scan_every: Option<std::time::Duration>,
    /// How stale another instance's publication may be seen here, at most.
    pub published_cache_check: std::time::Duration,
    /// `--no-published-cache`: every public view rendered afresh.
    pub published_cache_off: bool,
    /// `--secrets-file`; `None`: the default place for the database (see `KeyPlace::resolve`).
    pub secrets_file: Option<PathBuf>,
}

/// How long and how many connections may hold the server.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// To send a request's headers, and to sit idle between requests.
    pub header_timeout: std::time::Duration,
    pub max_connections: usize,
    /// Per client address; `None` behind a proxy (every connection comes from it).
    pub max_per_address: Option<usize>,
}

impl ServeConfig {
    pub fn from_args(
        args: &ServeArgs,
        database_url: &str,
        secrets_file: Option<&Path>,
    ) -> anyhow::Result<ServeConfig> {
        let database_url = DatabaseUrl::parse(database_url)?;
        let site_root = match &args.site_root {
            Some(explicit) => {
                if !is_site_root(explicit) {
                    bail!(
                        "--site-root {} holds no built site (no pkg/ folder): run `make build`",
                        explicit.display()
                    );
                }
                Some(explicit.clone())
            }
            None => find_site_root(),
        };
        Ok(ServeConfig {
            addr: args.addr,
            database_url,
            site_root,
            submissions: SubmissionSettings {
                per_minute: args.submit_rate_limit,
                trust_forwarded: args.behind_proxy,
            },
            connections: ConnectionLimits {
                header_timeout: std::time::Duration::from_secs(args.header_timeout),
                max_connections: args
                    .max_connections
                    .map_or_else(default_max_connections, |n| n as usize),
                max_per_address: (!args.behind_proxy)
                    .then_some(args.max_connections_per_address as usize),
            },
            integrity_scan_every: (args.integrity_scan_every > 0)
                .then(|| std::time::Duration::from_secs(args.integrity_scan_every)),
            published_cache_check: std::time::Duration::from_millis(args.published_cache_check_ms),
            published_cache_off: args.no_published_cache,
            secrets_file: secrets_file.map(Path::to_path_buf),
        })
    }
}

/// 2048 connections, or fewer when the process may not open that many files: three quarters of
/// the limit, leaving the rest for the database, site files and logs.
fn default_max_connections() -> usize {
    const CEILING: usize = 2048;
    open_file_limit().map_or(CEILING, |limit| {
        (limit.saturating_sub(64) * 3 / 4).clamp(16, CEILING)
    })
}

/// The soft limit on open files, from `/proc/self/limits` (Linux); `None` elsewhere.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Looks for the built site: in `target/site` under the working directory (the repository root),
/// then next to the binary (`target/release/koubei` → `target/site`).
fn find_site_root() -> Option<PathBuf> {
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(|target| target.join("site")));
    std::iter::once(PathBuf::from(DEFAULT_SITE_ROOT))
        .chain(beside_binary)
        .find(|candidate| is_site_root(candidate))
        .map(|found| std::path::absolute(&found).unwrap_or(found))
}

fn is_site_root(path: &Path) -> bool {
    path.join("pkg").is_dir()
}

/// The warning logged when no built site was found.
pub fn describe_missing_site() -> String {
    format!("no built site assets found in ./{DEFAULT_SITE_ROOT} or beside the binary: pages will render without styles and scripts (run `make build`)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_site_root_must_hold_a_built_site() {
        let empty = tempfile::tempdir().expect("tempdir");
        let args = ServeArgs {
            submit_rate_limit: 20,
            behind_proxy: false,
            header_timeout: 10,
            max_connections: None,
            max_connections_per_address: 256,
            integrity_scan_every: 10,
            published_cache_check_ms: 1000,
            no_published_cache: false,
            addr: "127.0.0.1:0".parse().expect("addr"),
            site_root: Some(empty.path().to_path_buf()),
        };
        let error = ServeConfig::from_args(&args, "sqlite::memory:", None).expect_err("no pkg/");
        assert!(error.to_string().contains("make build"), "{error}");

        std::fs::create_dir(empty.path().join("pkg")).expect("mkdir");
        let config = ServeConfig::from_args(&args, "sqlite::memory:", None).expect("valid");
        assert_eq!(config.site_root.as_deref(), Some(empty.path()));
    }

    #[test]
    fn the_connection_cap_stays_under_the_open_file_limit() {
        let limit = open_file_limit().expect("Linux has /proc/self/limits");
        let cap = default_max_connections();
        assert!(cap <= 2048 && cap < limit, "{cap} of {limit}");
    }

    #[test]
    fn an_unsupported_database_url_is_refused() {
        let args = ServeArgs {
            submit_rate_limit: 20,
            behind_proxy: false,
            header_timeout: 10,
            max_connections: None,
            max_connections_per_address: 256,
            integrity_scan_every: 10,
            published_cache_check_ms: 1000,
            no_published_cache: false,
            addr: "127.0.0.1:0".parse().expect("addr"),
            site_root: None,
        };
        let error = ServeConfig::from_args(&args, "nonsense://x", None).expect_err("bad scheme");
        assert!(
            error.to_string().contains("unsupported database URL"),
            "{error}"
        );
    }
}
