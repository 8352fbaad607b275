//! The test harness: a real server on a free port, on a fresh SQLite file or a fresh
//! PostgreSQL database per test, talked to over HTTP.

pub mod console;
pub mod fixtures;
mod postgres;
pub mod staff;

use std::net::SocketAddr;
use std::path::Path;

use koubei_core::db::{Backend, Database, DatabaseUrl};
use koubei_core::staff::kiosk_keys::{self, NewKioskKey};
use koubei_core::staff::Actor;
use koubei_server::cli::ServeArgs;
use koubei_server::config::ServeConfig;
use koubei_server::serve::Server;
use tokio::sync::oneshot;

/// Declares each listed `async fn name(app: TestApp)` as two tests, `sqlite::name` and
/// `postgres::name`, each with its own fresh database.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = $crate::support::TestApp::spawn(koubei_core::db::Backend::Sqlite).await;
                    if let Some(app) = app {
                        super::$name(app).await;
                    }
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = $crate::support::TestApp::spawn(koubei_core::db::Backend::Postgres).await;
                    if let Some(app) = app {
                        super::$name(app).await;
                    }
                }
            )+
        }
    };
}

/// A fresh, empty database of one engine. The SQLite one lives in a temporary folder that
/// goes away with it; PostgreSQL ones are swept at the start of the next test run.
pub struct FreshDatabase {
    pub url: DatabaseUrl,
    _folder: Option<tempfile::TempDir>,
}

impl FreshDatabase {
    /// `None` (after a loud message) when PostgreSQL is unreachable outside CI.
    pub async fn create(backend: Backend) -> Option<FreshDatabase> {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}/koubei.db", folder.path().display());
                Some(FreshDatabase {
                    url: DatabaseUrl::parse(&url).expect("sqlite url"),
                    _folder: Some(folder),
                })
            }
            Backend::Postgres => Some(FreshDatabase {
                url: postgres::create_database().await?,
                _folder: None,
            }),
        }
    }
}

/// The settings of a test server: any free port, no submission rate limit.
pub trait TestServeArgs {
    fn for_tests() -> ServeArgs;
}

impl TestServeArgs for ServeArgs {
    fn for_tests() -> ServeArgs {
        ServeArgs {
            addr: "127.0.0.1:0".parse().expect("address"),
            site_root: None,
            submit_rate_limit: 0,
            behind_proxy: false,
            header_timeout: 10,
            max_connections: None,
            max_connections_per_address: 256,
            // Tests run the detectors when they choose (the scan endpoint, publishing).
            integrity_scan_every: 0,
            // Tests change the database directly and read at once: read the version every time.
            published_cache_check_ms: 0,
            no_published_cache: false,
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Database,
    /// Kept alive for the test: dropping it deletes the SQLite folder.
    _database: FreshDatabase,
    pub http: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    /// The test kiosk's key (id, secret), made on first use.
    kiosk: tokio::sync::OnceCell<(String, String)>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        TestApp::spawn_with(backend, ServeArgs::for_tests()).await
    }

    /// A server whose clients may submit `per_minute` times a minute (0: no limit).
    pub async fn spawn_with_rate_limit(backend: Backend, per_minute: u32) -> Option<TestApp> {
        let args = ServeArgs {
            submit_rate_limit: per_minute,
            ..ServeArgs::for_tests()
        };
        TestApp::spawn_with(backend, args).await
    }

    /// A server told it runs behind our own proxy: `X-Forwarded-For` names the client.
    pub async fn spawn_behind_proxy(backend: Backend) -> Option<TestApp> {
        let args = ServeArgs {
            behind_proxy: true,
            ..ServeArgs::for_tests()
        };
        TestApp::spawn_with(backend, args).await
    }

    /// A server that serves its site files from `site_root`.
    pub async fn spawn_with_site_root(backend: Backend, site_root: &Path) -> Option<TestApp> {
        let args = ServeArgs {
            site_root: Some(site_root.to_path_buf()),
            ..ServeArgs::for_tests()
        };
        TestApp::spawn_with(backend, args).await
    }

    /// A server with these settings on a fresh database.
    pub async fn spawn_with(backend: Backend, args: ServeArgs) -> Option<TestApp> {
        let database = FreshDatabase::create(backend).await?;
        Some(TestApp::start(database, args).await)
    }

    /// A server on an existing database (whose files the caller keeps alive).
    pub async fn spawn_on(url: &str) -> Option<TestApp> {
        let database = FreshDatabase {
            url: DatabaseUrl::parse(url).ok()?,
            _folder: None,
        };
        Some(TestApp::start(database, ServeArgs::for_tests()).await)
    }

    async fn start(database: FreshDatabase, args: ServeArgs) -> TestApp {
        let config =
            ServeConfig::from_args(&args, database.url.as_str(), None).expect("test configuration");
        let server = Server::build(config).await.expect("server starts");
        let addr = server.local_addr();
        let db = server.database().clone();
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        }));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A hang must fail the test, never stall the suite.
            .timeout(std::time::Duration::from_secs(45))
            .build()
            .expect("http client");
        TestApp {
            addr,
            db,
            _database: database,
            http,
            shutdown: Some(shutdown),
            kiosk: tokio::sync::OnceCell::new(),
        }
    }

    /// The test kiosk's key, made the way staff make one and widened to every survey in the
    /// database now (tests add surveys as they go). Create a survey before the first call.
    pub async fn kiosk_key(&self) -> String {
        let (id, secret) = self
            .kiosk
            .get_or_init(|| async {
                let slugs: Vec<String> = sqlx::query_as::<_, (String,)>("SELECT slug FROM surveys")
                    .fetch_all(self.db.pool())
                    .await
                    .expect("survey slugs")
                    .into_iter()
                    .map(|(slug,)| slug)
                    .collect();
                let new = NewKioskKey {
                    name: "test kiosk",
                    survey_slugs: &slugs,
                    daily_limit: None,
                };
                let created = kiosk_keys::create(&self.db, &Actor::Cli, new)
                    .await
                    .expect("a kiosk key (is there a survey yet?)");
                (created.kiosk_key.id, created.secret)
            })
            .await;
        sqlx::query(
            "INSERT INTO kiosk_key_surveys (kiosk_key_id, survey_id)
             SELECT $1, s.id FROM surveys s WHERE NOT EXISTS
                 (SELECT 1 FROM kiosk_key_surveys k WHERE k.kiosk_key_id = $1 AND k.survey_id = s.id)",
        )
        .bind(id)
        .execute(self.db.pool())
        .await
        .expect("widen the test kiosk key");
        secret.clone()
    }

    /// A POST to the submission API as the test kiosk.
    pub async fn kiosk_post(&self, path: &str) -> reqwest::RequestBuilder {
        let key = self.kiosk_key().await;
        self.http.post(self.url(path)).bearer_auth(key)
    }

    /// The URL of the server's database.
    pub fn database_url(&self) -> &DatabaseUrl {
        &self._database.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// GET with extra headers (language, cookies), returning status and body.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = self.http.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    pub async fn seed_demo(&self) {
        koubei_server::seed::seed_demo(&self.db, false)
            .await
            .expect("demo data");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The nonce a page's inline scripts carry, from its HTML.
pub fn script_nonce(html: &str) -> Option<&str> {
    let start = html.find(r#"<script nonce=""#)? + r#"<script nonce=""#.len();
    html[start..].split('"').next()
}
