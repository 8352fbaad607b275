//! Sign-in throttling that slows guessers without letting a stranger lock the owner out: the
//! client is its address (through our proxy's `X-Forwarded-For`), whatever user agent it sends.

use domain::Role;
use koubei_core::db::Backend;

use crate::support::console::{attempt_sign_in_with, create_staff, PASSWORD};
use crate::support::TestApp;

const OWNER: &str = "admin@council.example.cn";

fn from(address: &'static str, user_agent: &'static str) -> [(&'static str, &'static str); 2] {
    [("x-forwarded-for", address), ("user-agent", user_agent)]
}

/// Copies one stored failure `times` times, each under a made-up account or address, as many
/// more guessers would leave them (argon2 makes real attempts slow in a debug build).
async fn more_failures_like_the_last(app: &TestApp, times: usize, vary: &str) {
    let (email_digest, address, failed_at): (String, String, String) = sqlx::query_as(
        "SELECT email_digest, client_hash, failed_at FROM sign_in_failures ORDER BY failed_at DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a stored failure");
    for n in 0..times {
        let other = format!("{n:064x}");
        let (email_digest, address) = match vary {
            "account" => (other.as_str(), address.as_str()),
            _ => (email_digest.as_str(), &other[..32]),
        };
        sqlx::query(
            "INSERT INTO sign_in_failures (id, email_digest, client_hash, failed_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(koubei_core::db::new_id())
        .bind(email_digest)
        .bind(address)
        .bind(&failed_at)
        .execute(app.db.pool())
        .await
        .expect("another failure");
    }
}

async fn lockouts(app: &TestApp) -> Vec<String> {
    sqlx::query_as::<_, (String,)>(
        "SELECT after_state FROM audit_log WHERE action = 'sign_in.locked' ORDER BY at",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("audit")
    .into_iter()
    .map(|(after,)| after)
    .collect()
}

async fn a_stranger_cannot_lock_the_owner_out(app: TestApp) {
    create_staff(&app, OWNER, Role::Admin).await;
    let agents = ["a/1", "b/2", "c/3", "d/4", "e/5"];
    for agent in agents {
        let (status, _, _) =
            attempt_sign_in_with(&app, OWNER, "wrong password!", &from("203.0.113.7", agent)).await;
        assert_eq!(status, 401);
    }
    // The guesser's address now waits, even with the right password and a new user agent.
    let (status, cookie, _) =
        attempt_sign_in_with(&app, OWNER, PASSWORD, &from("203.0.113.7", "f/6")).await;
    assert_eq!((status, cookie.is_none()), (429, true));
    // The owner, from their own desk, signs in.
    let (status, cookie, body) =
        attempt_sign_in_with(&app, OWNER, PASSWORD, &from("198.51.100.20", "owner")).await;
    assert_eq!(status, 303, "{body}");
    assert!(cookie.is_some());
    let audited = lockouts(&app).await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert!(audited[0].contains("account_and_address"), "{audited:?}");
}

async fn one_address_trying_many_accounts_waits_whatever_its_user_agent(app: TestApp) {
    let (status, _, _) = attempt_sign_in_with(
        &app,
        "first@council.example.cn",
        "wrong password!",
        &from("203.0.113.8", "agent-1"),
    )
    .await;
    assert_eq!(status, 401);
    more_failures_like_the_last(&app, 19, "account").await;
    let (status, _, body) = attempt_sign_in_with(
        &app,
        "another@council.example.cn",
        "wrong password!",
        &from("203.0.113.8", "agent-2"),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    // Another address is not affected.
    let (status, _, _) = attempt_sign_in_with(
        &app,
        "another@council.example.cn",
        "wrong password!",
        &from("203.0.113.9", "agent-2"),
    )
    .await;
    assert_eq!(status, 401);
}

async fn many_addresses_guessing_one_account_stop_only_themselves(app: TestApp) {
    create_staff(&app, OWNER, Role::Admin).await;
    let (status, _, _) =
        attempt_sign_in_with(&app, OWNER, "wrong password!", &from("203.0.113.10", "x")).await;
    assert_eq!(status, 401);
    more_failures_like_the_last(&app, 49, "address").await;
    let (status, _, _) =
        attempt_sign_in_with(&app, OWNER, PASSWORD, &from("203.0.113.10", "x")).await;
    assert_eq!(status, 429, "an address that guessed waits");
    let (status, _, body) =
        attempt_sign_in_with(&app, OWNER, PASSWORD, &from("198.51.100.20", "owner")).await;
    assert_eq!(status, 303, "{body}");
}

macro_rules! behind_a_proxy_on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::support::TestApp::spawn_behind_proxy(Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }
            )+
            use super::Backend;
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::support::TestApp::spawn_behind_proxy(Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )+
            use super::Backend;
        }
    };
}

behind_a_proxy_on_both_databases!(
    a_stranger_cannot_lock_the_owner_out,
    one_address_trying_many_accounts_waits_whatever_its_user_agent,
    many_addresses_guessing_one_account_stop_only_themselves,
);
