//! The `koubei` binary as an operator meets it: commands, exit codes and one-line errors.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use koubei_core::db::Backend;
use sqlx::{AnyConnection, Connection, Executor};

use crate::support::FreshDatabase;

const KOUBEI: &str = env!("CARGO_BIN_EXE_koubei");

fn koubei(args: &[&str]) -> Output {
    Command::new(KOUBEI)
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("KOUBEI_ADDR")
        .output()
        .expect("run koubei")
}

/// Exit code 2 and exactly one line on stderr, saying what is wrong: no panic, no backtrace.
fn assert_fails_with_one_line(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("koubei: error: "), "{stderr}");
    assert!(
        lines[0].contains(expected),
        "expected {expected:?} in: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

/// A running `koubei serve`, killed when dropped.
struct Serving {
    child: Child,
    url: String,
    log_line: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `koubei serve` on a free port in `cwd` and waits for its start-up log line.
fn serve(cwd: &Path, database_url: &str) -> Serving {
    let mut child = Command::new(KOUBEI)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ])
        .current_dir(cwd)
        .env_remove("KOUBEI_SITE_ROOT")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn koubei serve");
    let stderr = child.stderr.take().expect("stderr");
    let deadline = Instant::now() + Duration::from_secs(30);
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("log line");
        if line.contains("koubei is serving") {
            let url = line
                .split_whitespace()
                .find_map(|field| field.strip_prefix("url="))
                .expect("url field")
                .to_string();
            return Serving {
                child,
                url,
                log_line: line,
            };
        }
        assert!(Instant::now() < deadline, "koubei serve did not start");
    }
    let status = child.wait().expect("exit status");
    panic!("koubei serve exited ({status}) before serving");
}

#[test]
fn help_names_every_command() {
    let output = koubei(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "seed-demo"] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    let serve_help = String::from_utf8_lossy(&koubei(&["serve", "--help"]).stdout).to_string();
    for flag in [
        "--addr",
        "--database-url",
        "--site-root",
        "KOUBEI_ADDR",
        "DATABASE_URL",
    ] {
        assert!(
            serve_help.contains(flag),
            "{flag} missing from serve --help"
        );
    }
}

#[test]
fn an_unsupported_database_url_is_a_one_line_error() {
    let output = koubei(&["serve", "--database-url", "nonsense://x"]);
    assert_fails_with_one_line(&output, "unsupported database URL `nonsense://x`");
}

#[test]
fn an_address_in_use_is_a_one_line_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let folder = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/k.db", folder.path().display());
    let output = koubei(&["serve", "--addr", &addr, "--database-url", &url]);
    assert_fails_with_one_line(&output, &format!("cannot listen on {addr}"));
}

#[test]
fn an_unwritable_data_folder_is_a_one_line_error() {
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    // The data folder would have to be created inside a regular file: impossible, even as root.
    let url = format!("sqlite://{}/data/koubei.db", file.display());
    let output = koubei(&["migrate", "--database-url", &url]);
    assert_fails_with_one_line(&output, "cannot create the data folder");
}

#[test]
fn an_unreachable_postgres_is_a_one_line_error_without_the_password() {
    let output = koubei(&[
        "migrate",
        "--database-url",
        "postgres://koubei:s3cret@127.0.0.1:1/koubei",
    ]);
    assert_fails_with_one_line(
        &output,
        "cannot open the database postgres://koubei:***@127.0.0.1:1/koubei",
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("s3cret"));
}

#[test]
fn a_failing_migration_is_named_in_a_one_line_error() {
    let folder = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/conflict.db?mode=rwc", folder.path().display());
    // A table that the first migration creates is already there, made by someone else.
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            sqlx::any::install_default_drivers();
            let mut conn = AnyConnection::connect(&url).await.expect("open sqlite");
            conn.execute("CREATE TABLE sectors (x INTEGER)")
                .await
                .expect("conflicting table");
            conn.close().await.expect("close");
        });
    let output = koubei(&["migrate", "--database-url", &url]);
    assert_fails_with_one_line(&output, "migration 0001 \"schema v1\" failed");
    // The failed migration left nothing half-written: a second run fails the same way.
    let again = koubei(&["migrate", "--database-url", &url]);
    assert_fails_with_one_line(&again, "migration 0001 \"schema v1\" failed");
}

#[test]
fn migrate_and_seed_demo_work_from_the_command_line() {
    let folder = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/nested/folder/k.db", folder.path().display());
    let migrated = koubei(&["migrate", "--database-url", &url]);
    assert!(migrated.status.success(), "{migrated:?}");
    assert!(String::from_utf8_lossy(&migrated.stdout).contains("up to date"));
    let seeded = koubei(&["seed-demo", "--if-empty", "--database-url", &url]);
    assert!(seeded.status.success());
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("dental-clinics: 8 subjects"));
    let again = koubei(&["seed-demo", "--if-empty", "--database-url", &url]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already has sectors"));
}

#[test]
fn serve_finds_the_built_site_from_the_repository_root_and_logs_where_it_runs() {
    // A stand-in checkout: a built site under target/site, as `make build` leaves it.
    let checkout = tempfile::tempdir().expect("tempdir");
    let pkg = checkout.path().join("target/site/pkg");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(pkg.join("koubei.css"), "body { color: red }").expect("css");
    let url = format!("sqlite://{}/data/koubei.db", checkout.path().display());
    let server = serve(checkout.path(), &url);

    assert!(
        server.log_line.contains("database=sqlite://"),
        "{}",
        server.log_line
    );
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let css = reqwest::get(format!("{}/pkg/koubei.css", server.url))
            .await
            .expect("GET css");
        assert_eq!(css.status(), 200);
        assert_eq!(css.text().await.expect("css body"), "body { color: red }");
        let ready = reqwest::get(format!("{}/readyz", server.url))
            .await
            .expect("GET readyz");
        assert_eq!(ready.status(), 200);
    });
    assert!(
        checkout.path().join("data/koubei.db").exists(),
        "database created under data/"
    );
}

#[test]
fn serve_on_postgres_logs_the_url_without_its_password() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let Some(database) = runtime.block_on(FreshDatabase::create(Backend::Postgres)) else {
        return;
    };
    // Trust authentication ignores the password, so a made-up one still connects.
    let mut with_password = url::Url::parse(database.url.as_str()).expect("url");
    with_password
        .set_password(Some("not-logged"))
        .expect("password");
    let with_password = with_password.to_string();
    let folder = tempfile::tempdir().expect("tempdir");
    let server = serve(folder.path(), &with_password);
    assert!(
        server.log_line.contains("PostgreSQL"),
        "{}",
        server.log_line
    );
    assert!(server.log_line.contains(":***@"), "{}", server.log_line);
    assert!(!server.log_line.contains("not-logged"));
}
