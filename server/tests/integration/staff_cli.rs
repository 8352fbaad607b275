//! The staff commands as an operator meets them: `koubei admin|token|survey|responses` run as
//! the real binary, on a fresh SQLite file and a fresh PostgreSQL database each.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use koubei_core::db::Backend;
use sqlx::{AnyConnection, Connection};

use crate::support::FreshDatabase;

const KOUBEI: &str = env!("CARGO_BIN_EXE_koubei");
const PASSWORD: &str = "correct horse battery";

/// Declares each listed `fn name(koubei: &Koubei)` as two tests, `sqlite::name` and
/// `postgres::name`, each with its own fresh database.
macro_rules! cli_on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    if let Some(koubei) = super::Koubei::fresh(koubei_core::db::Backend::Sqlite) {
                        super::$name(&koubei);
                    }
                }
            )+
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(koubei) = super::Koubei::fresh(koubei_core::db::Backend::Postgres) {
                        super::$name(&koubei);
                    }
                }
            )+
        }
    };
}

cli_on_both_databases!(
    admin_create_reads_the_password_from_stdin_and_list_shows_the_account_without_its_hash,
    a_too_short_password_is_refused_and_nothing_is_created,
    a_duplicate_email_is_refused,
    admin_create_refuses_a_stdin_that_is_not_a_terminal_without_password_stdin,
    token_create_prints_only_the_secret_once_and_list_never_shows_it,
    revoking_a_token_is_listed_and_an_unknown_id_is_an_error,
    kiosk_keys_are_created_for_named_surveys_listed_without_secrets_and_revoked,
    invitations_are_made_printed_again_and_withdrawn_from_the_shell,
    the_server_key_moves_out_of_the_database_into_an_owner_only_file,
    admin_unlock_forgives_an_accounts_failed_sign_ins_and_is_audited,
    a_survey_round_trips_through_export_edit_and_import,
    malformed_json_is_refused_with_its_file_line_and_column,
    an_unknown_subject_is_named_by_its_index_and_changes_nothing,
    surveys_move_through_their_lifecycle_and_an_illegal_move_changes_nothing,
    an_embargo_is_set_moved_and_cancelled_from_the_shell,
    responses_export_as_csv_has_the_header_and_neutralizes_formulas,
    xlsx_and_results_exports_are_written,
);

/// The binary pointed at one fresh database, with a runtime for looking into it.
pub struct Koubei {
    database: FreshDatabase,
    runtime: tokio::runtime::Runtime,
}

impl Koubei {
    fn fresh(backend: Backend) -> Option<Koubei> {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let database = runtime.block_on(FreshDatabase::create(backend))?;
        Some(Koubei { database, runtime })
    }

    /// Runs `koubei ARGS --database-url URL` with `stdin` as its standard input.
    fn run_with(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(KOUBEI)
            .args(args)
            .args(["--database-url", self.database.url.as_str()])
            .env_remove("DATABASE_URL")
            .env_remove("RUST_LOG")
            .env_remove("KOUBEI_SECRETS_FILE")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run koubei");
        if let Some(text) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
        child.wait_with_output().expect("koubei output")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None)
    }

    /// Runs a command that must succeed and returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "koubei {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    fn seed_demo(&self) {
        self.ok(&["seed-demo"]);
    }

    fn create_admin(&self, email: &str) -> Output {
        self.run_with(
            &["admin", "create", "--email", email, "--password-stdin"],
            Some(&format!("{PASSWORD}\n")),
        )
    }

    fn connect(&self) -> AnyConnection {
        sqlx::any::install_default_drivers();
        self.runtime
            .block_on(AnyConnection::connect(self.database.url.as_str()))
            .expect("connect to the test database")
    }

    /// One integer from `sql` with one text parameter.
    fn count(&self, sql: &str, bind: &str) -> i64 {
        let mut conn = self.connect();
        self.runtime.block_on(async {
            let (n,): (i64,) = sqlx::query_as(sql)
                .bind(bind)
                .fetch_one(&mut conn)
                .await
                .expect("count");
            n
        })
    }

    /// How many rows `table` has.
    fn rows(&self, table: &str) -> i64 {
        let mut conn = self.connect();
        self.runtime.block_on(async {
            let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut conn)
                .await
                .expect("count");
            n
        })
    }

    /// One text column of `sql` with one text parameter.
    fn texts(&self, sql: &str, bind: &str) -> Vec<String> {
        let mut conn = self.connect();
        self.runtime.block_on(async {
            let rows: Vec<(String,)> = sqlx::query_as(sql)
                .bind(bind)
                .fetch_all(&mut conn)
                .await
                .expect("query");
            rows.into_iter().map(|(text,)| text).collect()
        })
    }

    /// The audit log's actions recorded for the command line, oldest first.
    /// The CLI's changes in the audit log, apart from the demo admin that seeding creates.
    fn cli_audit_actions(&self) -> Vec<String> {
        self.texts(
            "SELECT action FROM audit_log WHERE actor = $1
               AND NOT (action = 'user.create' AND after_state LIKE '%admin@demo.koubei.org%')
             ORDER BY at, id",
            "cli",
        )
    }

    fn survey_status(&self, slug: &str) -> String {
        self.texts("SELECT status FROM surveys WHERE slug = $1", slug)
            .pop()
            .expect("survey exists")
    }
}

/// Exit code 2, nothing on stdout, and one line on stderr saying what is wrong.
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
    assert!(output.stdout.is_empty(), "stdout: {:?}", output.stdout);
}

fn write_json(folder: &Path, name: &str, value: &serde_json::Value) -> String {
    let path = folder.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).expect("json")).expect("write");
    path.display().to_string()
}

fn admin_create_reads_the_password_from_stdin_and_list_shows_the_account_without_its_hash(
    koubei: &Koubei,
) {
    let created = koubei.run_with(
        &[
            "admin",
            "create",
            "--email",
            " Li.Wei@Council.cn ",
            "--role",
            "editor",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\r\n")),
    );
    assert!(created.status.success(), "{created:?}");
    let stdout = String::from_utf8_lossy(&created.stdout);
    assert!(
        stdout.starts_with("created editor li.wei@council.cn"),
        "{stdout}"
    );
    assert!(koubei
        .create_admin("first.admin@council.cn")
        .status
        .success());

    let list = koubei.ok(&["admin", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["email", "role", "active", "created"]);
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(row[..3], ["first.admin@council.cn", "admin", "yes"]);
    let row: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(row[..3], ["li.wei@council.cn", "editor", "yes"]);
    assert!(
        !list.contains("argon2") && !list.contains(PASSWORD),
        "{list}"
    );

    // The password from stdin (without its line ending) is the one stored, as a hash.
    let hash = koubei
        .texts(
            "SELECT password_hash FROM staff_users WHERE email = $1",
            "li.wei@council.cn",
        )
        .pop()
        .expect("stored");
    assert!(hash.starts_with("$argon2id$"));
    assert!(koubei_core::staff::password::verify(&hash, PASSWORD));
    assert_eq!(koubei.cli_audit_actions(), ["user.create", "user.create"]);
}

fn a_too_short_password_is_refused_and_nothing_is_created(koubei: &Koubei) {
    let output = koubei.run_with(
        &[
            "admin",
            "create",
            "--email",
            "a@council.cn",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert_fails_with_one_line(&output, "at least 10 characters");
    assert_eq!(koubei.ok(&["admin", "list"]).lines().count(), 1);
    assert_eq!(koubei.rows("staff_users"), 0);
    assert!(koubei.cli_audit_actions().is_empty());
}

fn a_duplicate_email_is_refused(koubei: &Koubei) {
    assert!(koubei.create_admin("li.wei@council.cn").status.success());
    let again = koubei.create_admin("LI.WEI@council.cn");
    assert_fails_with_one_line(&again, "exists already");
    assert_eq!(koubei.rows("staff_users"), 1);
    assert_eq!(koubei.cli_audit_actions(), ["user.create"]);
}

fn admin_create_refuses_a_stdin_that_is_not_a_terminal_without_password_stdin(koubei: &Koubei) {
    let output = koubei.run(&["admin", "create", "--email", "a@council.cn"]);
    assert_fails_with_one_line(&output, "pass --password-stdin");
    let bad_email = koubei.create_admin("not-an-address");
    assert_fails_with_one_line(&bad_email, "not a valid e-mail address");
    assert_eq!(koubei.rows("staff_users"), 0);
}

fn token_create_prints_only_the_secret_once_and_list_never_shows_it(koubei: &Koubei) {
    let created = koubei.run(&["token", "create", "--name", "ci"]);
    assert!(created.status.success(), "{created:?}");
    let stdout = String::from_utf8(created.stdout).expect("UTF-8");
    let secret = stdout.trim_end_matches('\n');
    assert!(!secret.contains('\n'), "one line only: {stdout:?}");
    assert!(secret.starts_with("koubei_"), "{secret}");
    let id = koubei
        .texts("SELECT id FROM api_tokens WHERE name = $1", "ci")
        .pop()
        .expect("stored token");
    let stderr = String::from_utf8_lossy(&created.stderr);
    assert!(stderr.contains("will not be shown again"), "{stderr}");
    assert!(stderr.contains(&id) && !stderr.contains(secret), "{stderr}");

    let list = koubei.ok(&["token", "list"]);
    let header: Vec<&str> = list.lines().next().expect("header").split("  ").collect();
    let header: Vec<&str> = header
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(
        header,
        ["id", "name", "role", "created", "revoked", "last used"]
    );
    let row: Vec<&str> = list
        .lines()
        .nth(1)
        .expect("row")
        .split_whitespace()
        .collect();
    assert_eq!([row[0], row[1], row[2]], [id.as_str(), "ci", "viewer"]);
    assert_eq!(row[4..], ["-", "-"], "{list}");
    assert!(
        !list.contains(secret) && !list.contains("koubei_"),
        "{list}"
    );
    // Only a digest is stored.
    assert_eq!(
        koubei.count(
            "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1",
            secret
        ),
        0
    );

    let editor = koubei.ok(&["token", "create", "--name", "deploy", "--role", "editor"]);
    assert_ne!(editor.trim(), secret);
    assert!(koubei.ok(&["token", "list"]).contains("editor"));
    assert_eq!(koubei.cli_audit_actions(), ["token.create", "token.create"]);
}

fn admin_unlock_forgives_an_accounts_failed_sign_ins_and_is_audited(koubei: &Koubei) {
    koubei.ok(&["migrate"]);
    let mut conn = koubei.connect();
    koubei.runtime.block_on(async {
        for n in 0..3 {
            sqlx::query(
                "INSERT INTO sign_in_failures (id, email_digest, client_hash, failed_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(format!("failure-{n}"))
            // SHA-256 of "li.wei@council.example.cn", as the throttle stores it.
            .bind(sha256_hex("li.wei@council.example.cn"))
            .bind(format!("address-{n}"))
            .bind(koubei_core::db::timestamp::now())
            .execute(&mut conn)
            .await
            .expect("a failure");
        }
    });
    let unlocked = koubei.ok(&["admin", "unlock", "--email", "LI.WEI@council.example.cn"]);
    assert_eq!(
        unlocked,
        "li.wei@council.example.cn: 3 failed sign-ins forgiven; it can sign in at once\n"
    );
    assert_eq!(koubei.rows("sign_in_failures"), 0);
    assert_eq!(koubei.cli_audit_actions(), ["sign_in.unlock"]);
    let refused = koubei.run(&["admin", "unlock", "--email", "not an address"]);
    assert!(!refused.status.success());
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn invitations_are_made_printed_again_and_withdrawn_from_the_shell(koubei: &Koubei) {
    koubei.seed_demo();
    let survey = "dental-clinics-2026";
    let base = "https://koubei.example.cn/";
    let demo_batches = koubei.rows("invitation_batches");
    let refused = koubei.run(&[
        "invitation",
        "create",
        "--survey",
        survey,
        "--name",
        "desk",
        "--count",
        "3",
        "--base-url",
        "koubei.example.cn",
    ]);
    assert_fails_with_one_line(
        &refused,
        "--base-url must look like https://koubei.example.cn",
    );
    let too_many = koubei.run(&[
        "invitation",
        "create",
        "--survey",
        survey,
        "--name",
        "desk",
        "--count",
        "5001",
        "--base-url",
        base,
    ]);
    assert_fails_with_one_line(&too_many, "--count must be between 1 and 5000");
    assert_eq!(
        koubei.rows("invitation_batches"),
        demo_batches,
        "nothing half-made"
    );

    let csv = koubei.ok(&[
        "invitation",
        "create",
        "--survey",
        survey,
        "--name",
        "desk",
        "--count",
        "3",
        "--base-url",
        base,
    ]);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert_eq!(lines[0], "number,code,link,spent");
    let link_prefix = format!("https://koubei.example.cn/s/{survey}?i=");
    assert!(
        lines[1..]
            .iter()
            .all(|line| line.contains(&link_prefix) && line.ends_with(",no")),
        "{csv}"
    );
    let id = koubei
        .texts("SELECT id FROM invitation_batches WHERE name = $1", "desk")
        .pop()
        .expect("stored batch");
    let list = koubei.ok(&["invitation", "list", "--survey", survey]);
    let row: Vec<&str> = list
        .lines()
        .find(|line| line.starts_with(&id))
        .expect("row")
        .split_whitespace()
        .collect();
    assert_eq!(
        (row[0], row[2], row[3], row[4]),
        (id.as_str(), "desk", "3", "0"),
        "{list}"
    );
    let again = koubei.ok(&[
        "invitation",
        "links",
        &id,
        "--survey",
        survey,
        "--base-url",
        base,
    ]);
    assert_eq!(again, csv, "the same invitations, printed again");
    koubei.ok(&["invitation", "revoke", &id, "--survey", survey]);
    let unknown = koubei.run(&["invitation", "revoke", "nope", "--survey", survey]);
    assert_fails_with_one_line(
        &unknown,
        &format!("survey {survey} has no invitation batch nope"),
    );
    assert_eq!(
        koubei.texts(
            "SELECT action FROM audit_log WHERE entity_id = $1 AND actor = 'cli' ORDER BY at",
            &id
        ),
        ["invitation_batch.create", "invitation_batch.revoke"]
    );
}

/// An older database keeps its key in `server_secrets`: the first command that needs the key
/// moves it into the key file (owner-only) and the database forgets it, so a dump reverses no
/// hash and mints no invitation. Another key file is another key: its invitations differ.
fn the_server_key_moves_out_of_the_database_into_an_owner_only_file(koubei: &Koubei) {
    koubei.seed_demo();
    let old_key = "ab".repeat(32);
    let mut conn = koubei.connect();
    koubei.runtime.block_on(async {
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at)
             VALUES ('respondent-key', $1, '2026-01-01T00:00:00.000Z')",
        )
        .bind(&old_key)
        .execute(&mut conn)
        .await
        .expect("an older database's key")
    });
    let folder = tempfile::tempdir().expect("folder");
    let key_file = folder.path().join("keys/koubei.secrets");
    let key_arg = key_file.display().to_string();
    let survey = "dental-clinics-2026";
    let base = "https://koubei.example.cn";
    let make = |extra: &[&str]| {
        let mut args = vec![
            "invitation",
            "create",
            "--survey",
            survey,
            "--name",
            "desk",
            "--count",
            "2",
            "--base-url",
            base,
        ];
        args.extend_from_slice(extra);
        koubei.ok(&args)
    };
    make(&["--secrets-file", &key_arg]);
    let stored = std::fs::read_to_string(&key_file).expect("the key file");
    assert_eq!(
        stored.trim(),
        old_key,
        "the database's key moved out unchanged"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(koubei.rows("server_secrets"), 0, "the database forgot it");

    let id = koubei
        .texts("SELECT id FROM invitation_batches WHERE name = $1", "desk")
        .pop()
        .expect("batch");
    let links = |key: &str| {
        koubei.ok(&[
            "invitation",
            "links",
            &id,
            "--survey",
            survey,
            "--base-url",
            base,
            "--secrets-file",
            key,
        ])
    };
    assert_eq!(
        links(&key_arg),
        links(&key_arg),
        "one key, the same invitations"
    );
    let other = folder.path().join("other.secrets").display().to_string();
    assert_ne!(
        links(&key_arg),
        links(&other),
        "another key, other invitations"
    );
    if let Some(db_file) = koubei
        .database
        .url
        .as_str()
        .strip_prefix("sqlite://")
        .map(std::path::PathBuf::from)
    {
        // No --secrets-file on SQLite: the key file sits beside the database.
        links_without_key_file(koubei, &id, survey, base);
        assert!(db_file.with_extension("secrets").exists());
    }
    assert_eq!(koubei.rows("server_secrets"), 0);
}

fn links_without_key_file(koubei: &Koubei, id: &str, survey: &str, base: &str) {
    koubei.ok(&[
        "invitation",
        "links",
        id,
        "--survey",
        survey,
        "--base-url",
        base,
    ]);
}

fn kiosk_keys_are_created_for_named_surveys_listed_without_secrets_and_revoked(koubei: &Koubei) {
    koubei.seed_demo();
    let unknown = koubei.run(&["kiosk", "create", "--name", "lobby", "--survey", "nope"]);
    assert_fails_with_one_line(&unknown, "no survey has the slug nope");
    assert_eq!(koubei.rows("kiosk_keys"), 0, "nothing half-made");
    let created = koubei.run(&[
        "kiosk",
        "create",
        "--name",
        "lobby",
        "--survey",
        "dental-clinics-2026",
        "--daily-limit",
        "50",
    ]);
    assert!(created.status.success(), "{created:?}");
    let stdout = String::from_utf8(created.stdout).expect("UTF-8");
    let secret = stdout.trim_end_matches('\n');
    assert!(!secret.contains('\n'), "one line only: {stdout:?}");
    assert!(secret.starts_with("koubei_kiosk_"), "{secret}");
    let id = koubei
        .texts("SELECT id FROM kiosk_keys WHERE name = $1", "lobby")
        .pop()
        .expect("stored key");
    let stderr = String::from_utf8_lossy(&created.stderr);
    assert!(stderr.contains(&id) && !stderr.contains(secret), "{stderr}");
    assert_eq!(
        koubei.count(
            "SELECT COUNT(*) FROM kiosk_keys WHERE key_hash = $1",
            secret
        ),
        0,
        "only a digest is stored"
    );
    let list = koubei.ok(&["kiosk", "list"]);
    let row: Vec<&str> = list
        .lines()
        .nth(1)
        .expect("row")
        .split_whitespace()
        .collect();
    assert_eq!(
        row[..5],
        [id.as_str(), "lobby", "dental-clinics-2026", "50", "0"],
        "{list}"
    );
    assert!(!list.contains(secret), "{list}");
    let revoked = koubei.ok(&["kiosk", "revoke", &id]);
    assert!(
        revoked.starts_with(&format!("kiosk key {id} (lobby) revoked at ")),
        "{revoked}"
    );
    let unknown = koubei.run(&["kiosk", "revoke", "nope"]);
    assert_fails_with_one_line(&unknown, "no kiosk key has the id nope");
    assert_eq!(
        koubei.texts(
            "SELECT action FROM audit_log WHERE entity_id = $1 AND actor = 'cli' ORDER BY at",
            &id
        ),
        ["kiosk_key.create", "kiosk_key.revoke"]
    );
}

fn revoking_a_token_is_listed_and_an_unknown_id_is_an_error(koubei: &Koubei) {
    koubei.ok(&["token", "create", "--name", "nightly export"]);
    let id = koubei
        .texts(
            "SELECT id FROM api_tokens WHERE name = $1",
            "nightly export",
        )
        .pop()
        .expect("stored token");
    let revoked = koubei.ok(&["token", "revoke", &id]);
    assert!(revoked.starts_with(&format!("token {id} (nightly export) revoked at 20")));
    let revoked_at = koubei
        .texts("SELECT revoked_at FROM api_tokens WHERE id = $1", &id)
        .pop()
        .expect("revoked");
    assert!(koubei.ok(&["token", "list"]).contains(&revoked_at));
    // Revoking again changes nothing and is not an error.
    koubei.ok(&["token", "revoke", &id]);
    assert_eq!(koubei.cli_audit_actions(), ["token.create", "token.revoke"]);

    let unknown = koubei.run(&["token", "revoke", "no-such-token"]);
    assert_fails_with_one_line(&unknown, "no token has the id no-such-token");
}

fn a_survey_round_trips_through_export_edit_and_import(koubei: &Koubei) {
    koubei.seed_demo();
    let exported = koubei.ok(&["survey", "export", "elderly-care-2026"]);
    let original: serde_json::Value = serde_json::from_str(&exported).expect("JSON definition");
    assert_eq!(original["slug"], "elderly-care-2026");
    assert_eq!(original["sector"], "elderly-care");

    // Unchanged: nothing written.
    let folder = tempfile::tempdir().expect("tempdir");
    let same = write_json(folder.path(), "same.json", &original);
    assert_eq!(
        koubei.ok(&["survey", "import", &same]),
        "unchanged elderly-care-2026\n"
    );
    assert!(koubei.cli_audit_actions().is_empty());

    // Edited: the new title and minimum n come back out.
    let mut edited = original.clone();
    edited["title"]["en"] = "Elderly care, second look".into();
    edited["min_n"] = 40.into();
    let path = write_json(folder.path(), "edited.json", &edited);
    assert_eq!(
        koubei.ok(&["survey", "import", &path]),
        "updated elderly-care-2026\n"
    );
    let again: serde_json::Value =
        serde_json::from_str(&koubei.ok(&["survey", "export", "elderly-care-2026"])).expect("JSON");
    assert_eq!(again, edited);

    // A new slug (from stdin) creates a draft.
    let mut copy = edited.clone();
    copy["slug"] = "elderly-care-2027".into();
    let output = koubei.run_with(
        &["survey", "import", "-"],
        Some(&serde_json::to_string(&copy).expect("json")),
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "created elderly-care-2027\n"
    );
    assert_eq!(koubei.survey_status("elderly-care-2027"), "draft");
    assert_eq!(
        koubei.cli_audit_actions(),
        ["survey.update", "survey.create"]
    );

    let missing = koubei.run(&["survey", "export", "no-such-survey"]);
    assert_fails_with_one_line(&missing, "no survey has the slug no-such-survey");
}

fn malformed_json_is_refused_with_its_file_line_and_column(koubei: &Koubei) {
    let folder = tempfile::tempdir().expect("tempdir");
    let broken = folder.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"slug\": \"x\",\n  \"sector\" \"y\"\n}\n").expect("write");
    let output = koubei.run(&["survey", "import", &broken.display().to_string()]);
    assert_fails_with_one_line(&output, &format!("{}: line 3, column 12", broken.display()));

    let unknown = folder.path().join("unknown.json");
    std::fs::write(
        &unknown,
        "{\n  \"slug\": \"x\",\n  \"colour\": \"red\"\n}\n",
    )
    .expect("write");
    let output = koubei.run(&["survey", "import", &unknown.display().to_string()]);
    assert_fails_with_one_line(&output, "line 3, column");
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown field `colour`"));

    let missing = koubei.run(&["survey", "import", "/no/such/file.json"]);
    assert_fails_with_one_line(&missing, "cannot read /no/such/file.json");
    assert_eq!(koubei.rows("surveys"), 0);
}

fn an_unknown_subject_is_named_by_its_index_and_changes_nothing(koubei: &Koubei) {
    koubei.seed_demo();
    let exported = koubei.ok(&["survey", "export", "dental-clinics-2026"]);
    let mut definition: serde_json::Value = serde_json::from_str(&exported).expect("JSON");
    definition["title"]["en"] = "Changed".into();
    definition["subjects"][2] = "no-such-clinic".into();
    definition["subjects"][4] = "elsewhere".into();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = write_json(folder.path(), "bad.json", &definition);
    let output = koubei.run(&["survey", "import", &path]);
    assert_fails_with_one_line(
        &output,
        "subjects[2]: unknown subject; subjects[4]: unknown subject",
    );
    assert_eq!(
        koubei.ok(&["survey", "export", "dental-clinics-2026"]),
        exported
    );
    assert!(koubei.cli_audit_actions().is_empty());
}

fn surveys_move_through_their_lifecycle_and_an_illegal_move_changes_nothing(koubei: &Koubei) {
    koubei.seed_demo();
    let slug = "dental-clinics-2026";
    assert_eq!(
        koubei.ok(&["survey", "close", slug]),
        format!("survey {slug} is closed (was open)\n")
    );
    koubei.ok(&["survey", "open", slug]);
    assert_eq!(koubei.survey_status(slug), "open");
    let early = koubei.run(&["survey", "publish", slug]);
    assert_fails_with_one_line(
        &early,
        &format!("survey {slug} is open; it cannot be published"),
    );
    koubei.ok(&["survey", "close", slug]);
    koubei.ok(&["survey", "publish", slug]);
    assert_eq!(koubei.survey_status(slug), "published");

    let reopen = koubei.run(&["survey", "open", slug]);
    assert_fails_with_one_line(
        &reopen,
        &format!("survey {slug} is published; it cannot be opened"),
    );
    assert_eq!(koubei.survey_status(slug), "published");
    assert_eq!(
        koubei.cli_audit_actions(),
        [
            "survey.close",
            "survey.open",
            "survey.close",
            "survey.publish"
        ]
    );

    // A published survey's definition is frozen.
    let exported: serde_json::Value =
        serde_json::from_str(&koubei.ok(&["survey", "export", slug])).expect("JSON");
    let mut edited = exported.clone();
    edited["title"]["en"] = "Rewritten after publication".into();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = write_json(folder.path(), "frozen.json", &edited);
    assert_fails_with_one_line(
        &koubei.run(&["survey", "import", &path]),
        "is published; its definition is frozen",
    );
    let unknown = koubei.run(&["survey", "close", "no-such-survey"]);
    assert_fails_with_one_line(&unknown, "no survey has the slug no-such-survey");
}

/// A minute `days` ahead as an operator types it: Beijing time, `YYYY-MM-DD HH:MM`.
fn beijing_minute_ahead(days: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    koubei_core::db::timestamp::council_minute(&koubei_core::db::timestamp::format(at))
        .expect("formats")
}

fn an_embargo_is_set_moved_and_cancelled_from_the_shell(koubei: &Koubei) {
    koubei.seed_demo();
    let slug = "dental-clinics-2026";
    koubei.ok(&["survey", "close", slug]);
    let at = beijing_minute_ahead(1);
    let set = koubei.ok(&["survey", "publish", slug, "--at", &at]);
    assert!(
        set.starts_with(&format!(
            "survey {slug} will be published at {at} (Beijing time); its results are frozen"
        )),
        "{set}"
    );
    assert_eq!(koubei.survey_status(slug), "closed");
    assert_fails_with_one_line(
        &koubei.run(&["survey", "open", slug]),
        &format!("survey {slug} waits for its embargo until {at} (Beijing time)"),
    );
    assert_fails_with_one_line(
        &koubei.run(&["survey", "publish", slug]),
        "cancel it first (koubei survey cancel-embargo",
    );
    assert_fails_with_one_line(
        &koubei.run(&["survey", "publish", slug, "--at", "2020-01-01 10:00"]),
        "it is not in the future",
    );
    assert_fails_with_one_line(
        &koubei.run(&["survey", "publish", slug, "--at", "soon"]),
        "cannot read the time \"soon\"",
    );
    let later = beijing_minute_ahead(2);
    let moved = koubei.ok(&["survey", "publish", slug, "--at", &later]);
    assert!(moved.contains(&format!("published at {later}")), "{moved}");
    let cancelled = koubei.ok(&["survey", "cancel-embargo", slug]);
    assert!(
        cancelled.contains("is cancelled; the survey stays closed"),
        "{cancelled}"
    );
    assert_fails_with_one_line(
        &koubei.run(&["survey", "cancel-embargo", slug]),
        &format!("survey {slug} has no pending embargo"),
    );
    assert_eq!(koubei.survey_status(slug), "closed");
    assert_eq!(
        koubei.cli_audit_actions(),
        [
            "survey.close",
            "survey.embargo",
            "survey.embargo_move",
            "survey.embargo_cancel"
        ]
    );
}

fn responses_export_as_csv_has_the_header_and_neutralizes_formulas(koubei: &Koubei) {
    koubei.seed_demo();
    let survey_id = koubei
        .texts(
            "SELECT id FROM surveys WHERE slug = $1",
            "dental-clinics-2026",
        )
        .pop()
        .expect("survey");
    let subject_id = koubei
        .texts("SELECT id FROM subjects WHERE slug = $1", "haochi-dental")
        .pop()
        .expect("subject");
    let response_id = uuid::Uuid::now_v7().to_string();
    let mut conn = koubei.connect();
    koubei.runtime.block_on(async {
        sqlx::query(
            "INSERT INTO responses (id, survey_id, subject_id, score, reason, lang,
                                    respondent_key, created_at)
             VALUES ($1, $2, $3, 2, $4, 'en', $5, '2026-11-01T08:00:00.000Z')",
        )
        .bind(&response_id)
        .bind(&survey_id)
        .bind(&subject_id)
        .bind("=HYPERLINK(\"http://evil.example\",\"click\")")
        .bind("test-respondent-key-0001")
        .execute(&mut conn)
        .await
        .expect("insert a response");
    });

    let csv = koubei.ok(&[
        "responses",
        "export",
        "dental-clinics-2026",
        "--format",
        "csv",
    ]);
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(&csv);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,created_at,subject,subject_name_zh,subject_name_en,score,category,reason,lang,\
             age_band,district,flags,exclusion_reason,exclusion_note,completion_ms,channel,cluster_status,\
             assisted"
        )
    );
    let ours = csv
        .lines()
        .find(|line| line.starts_with(&response_id))
        .expect("the inserted response is exported");
    assert!(
        ours.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{ours}"
    );
    let responses = koubei.count(
        "SELECT COUNT(*) FROM responses WHERE survey_id = $1",
        &survey_id,
    );
    assert_eq!(csv.lines().count() as i64, responses + 1);

    // The same to a file.
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("responses.csv");
    let file_name = file.display().to_string();
    let said = koubei.ok(&[
        "responses",
        "export",
        "dental-clinics-2026",
        "--format",
        "csv",
        "--output",
        &file_name,
    ]);
    assert_eq!(said, format!("wrote {responses} rows to {file_name}\n"));
    let written = std::fs::read_to_string(&file).expect("written file");
    assert_eq!(written.strip_prefix('\u{feff}').unwrap_or(&written), csv);
}

fn xlsx_and_results_exports_are_written(koubei: &Koubei) {
    koubei.seed_demo();
    let output = koubei.run(&[
        "responses",
        "export",
        "dental-clinics-2025",
        "--format",
        "xlsx",
    ]);
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.starts_with(b"PK"), "a zip container");

    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("results.xlsx");
    let file_name = file.display().to_string();
    koubei.ok(&[
        "responses",
        "export",
        "dental-clinics-2025",
        "--what",
        "results",
        "--format",
        "xlsx",
        "--output",
        &file_name,
    ]);
    assert!(std::fs::read(&file).expect("file").starts_with(b"PK"));

    let results = koubei.ok(&[
        "responses",
        "export",
        "dental-clinics-2025",
        "--what",
        "results",
        "--format",
        "csv",
    ]);
    let results = results.strip_prefix('\u{feff}').unwrap_or(&results);
    assert!(results.starts_with(
        "subject,name_zh,name_en,status,n,promoters,passives,detractors,nps,ci_low,ci_high,\
         tier,rank_low,rank_high,method,level,min_n,received,held,excluded,counted,verified,\
         verified_share,channel_link,channel_poster,channel_invitation,channel_kiosk,\
         detected_burst,detected_network,detected_near_duplicate_reasons,flagged_duplicate,\
         flagged_honeypot,flagged_too_fast,flagged_rate_limited,assisted,reply_zh,reply_en,ranks_by,\
         unweighted_nps,weighted_nps,weighted_ci_low,weighted_ci_high,n_eff\r\n"
    ));
    let subjects = koubei.count(
        "SELECT COUNT(*) FROM survey_subjects ss JOIN surveys s ON s.id = ss.survey_id
         WHERE s.slug = $1",
        "dental-clinics-2025",
    );
    assert_eq!(results.lines().count() as i64, subjects + 1);
    assert!(results.contains(",adjusted-wald,0.95,"), "{results}");

    let unknown = koubei.run(&["responses", "export", "nope", "--format", "csv"]);
    assert_fails_with_one_line(&unknown, "no survey has the slug nope");
}
