//! Fresh PostgreSQL databases for tests, from `KOUBEI_TEST_POSTGRES_URL`.

use std::io::Write;

use koubei_core::db::DatabaseUrl;
use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::OnceCell;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX: &str = "koubei_test_";

fn admin_url() -> String {
    std::env::var("KOUBEI_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_string())
}

/// Databases left by earlier runs are dropped once, before this run creates its own.
static SWEPT: OnceCell<()> = OnceCell::const_new();

pub async fn create_database() -> Option<DatabaseUrl> {
    sqlx::any::install_default_drivers();
    let admin = admin_url();
    let mut conn = match AnyConnection::connect(&admin).await {
        Ok(conn) => conn,
        Err(error) => return unavailable(&admin, &error.to_string()),
    };
    SWEPT
        .get_or_init(|| async {
            let stale: Vec<(String,)> =
                sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname LIKE $1")
                    .bind(format!("{PREFIX}%"))
                    .fetch_all(&mut conn)
                    .await
                    .expect("list old test databases");
            for (name,) in stale {
                let _ = conn
                    .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                    .await;
            }
        })
        .await;
    let name = format!("{PREFIX}{}", uuid::Uuid::now_v7().simple());
    conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await
        .expect("create test database");
    let _ = conn.close().await;
    let mut url = url::Url::parse(&admin).expect("KOUBEI_TEST_POSTGRES_URL is a URL");
    url.set_path(&format!("/{name}"));
    Some(DatabaseUrl::parse(url.as_str()).expect("postgres url"))
}

/// An unreachable PostgreSQL fails the test: a skipped half must never pass as a pass. Only
/// `KOUBEI_SKIP_POSTGRES=1`, set on purpose, skips the PostgreSQL half, with a banner.
fn unavailable(url: &str, reason: &str) -> Option<DatabaseUrl> {
    if std::env::var("KOUBEI_SKIP_POSTGRES").as_deref() != Ok("1") {
        panic!(
            "PostgreSQL at {url} is unreachable ({reason}); start it, point \
             KOUBEI_TEST_POSTGRES_URL at one, or set KOUBEI_SKIP_POSTGRES=1 to skip on purpose"
        );
    }
    // Written to stderr directly: the test harness captures `eprintln!` of passing tests.
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: PostgreSQL at {url} is unreachable ({reason}).\n\
             *** The PostgreSQL half of the integration suite did NOT run.\n\
             *** KOUBEI_SKIP_POSTGRES=1 is set; unset it to test PostgreSQL too.\n"
        );
    });
    None
}
