//! `koubei serve`: open and migrate the database, bind, and serve until told to stop.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use axum::Router;
use koubei_core::db::{self, Database};
use koubei_core::submission::{KeyPlace, Submissions};
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use crate::app_state::AppState;
use crate::config::{describe_missing_site, ConnectionLimits, ServeConfig};
use crate::connections;
use crate::router;

/// The file and folder names the browser bundle is built under (`/pkg/koubei.js`, …).
pub const OUTPUT_NAME: &str = "koubei";

/// A server that is bound and migrated, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    db: Database,
    addr: SocketAddr,
    limits: ConnectionLimits,
    integrity_scan_every: Option<std::time::Duration>,
}

impl Server {
    /// Opens and migrates the database, then binds the address (port 0 picks a free port).
    pub async fn build(config: ServeConfig) -> anyhow::Result<Server> {
        let db = Database::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        let key = KeyPlace::resolve(config.secrets_file.clone(), &db);
        if key == KeyPlace::Database && db.backend() == koubei_core::db::Backend::Postgres {
            tracing::warn!("the server key is kept in the database; pass --secrets-file (the same file to every instance) to keep it out of dumps and backups");
        }
        let submissions = Submissions::start(db.clone(), config.submissions, &key)
            .await
            .context("cannot start taking survey answers")?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        if config.site_root.is_none() {
            tracing::warn!("{}", describe_missing_site());
        }
        // Index the fonts for PNG charts in the background, so the first PNG is not slow.
        tokio::task::spawn_blocking(|| {
            let faces = koubei_charts::preload_fonts();
            tracing::debug!(faces, "fonts indexed for PNG charts");
        });
        let site_root = config
            .site_root
            .as_deref()
            .unwrap_or(Path::new("target/site"));
        let leptos_options = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .env(leptos::config::Env::PROD)
            .build();
        let metrics = crate::metrics::Metrics::new(submissions.metrics());
        let badge_key = koubei_core::results::statement::BadgeKey::load_or_create(&db)
            .await
            .context("cannot read or make the badge signing key")?;
        let router = router::build(AppState {
            leptos_options,
            db: db.clone(),
            submissions,
            metrics,
            badge_key,
            published_cache: if config.published_cache_off {
                crate::published_cache::PublishedCache::off()
            } else {
                crate::published_cache::PublishedCache::new(config.published_cache_check)
            },
        });
        tracing::info!(
            url = %format!("http://{addr}"),
            database = %config.database_url.redacted(),
            backend = db.backend().name(),
            site_root = %site_root.display(),
            "koubei is serving"
        );
        Ok(Server {
            listener,
            router,
            db,
            addr,
            limits: config.connections,
            integrity_scan_every: config.integrity_scan_every,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's own database handle (same pool), for tests and tooling.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let scanner = self.integrity_scan_every.map(|every| {
            tokio::spawn(koubei_core::integrity::scan::keep_scanning(
                self.db.clone(),
                every,
            ))
        });
        let retention = tokio::spawn(koubei_core::operations::retention::keep_clearing(
            self.db.clone(),
        ));
        let embargoes = tokio::spawn(koubei_core::authoring::embargo::keep_releasing(
            self.db.clone(),
        ));
        connections::serve(self.listener, self.router, self.limits, shutdown).await;
        embargoes.abort();
        if let Some(scanner) = scanner {
            scanner.abort();
        }
        retention.abort();
        self.db.close().await;
        Ok(())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
