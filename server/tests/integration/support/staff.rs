//! Staff credentials for tests, made directly through `app` against the test's database, and a
//! client for the staff API that sends them.

use domain::Role;
use koubei_core::staff::{api_tokens, sessions, users, Actor};
use reqwest::Method;
use serde_json::Value;

use super::TestApp;

/// A password that meets the length rules.
pub const PASSWORD: &str = "correct horse battery staple";

/// A browser session of a staff member: the cookie's value and the session's CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// What the staff API answered: status, headers and the body (JSON when it is JSON, else
/// `Value::Null`; the raw bytes always).
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("<no code>")
    }

    pub fn field(&self) -> &str {
        self.json["error"]["field"].as_str().unwrap_or("<no field>")
    }
}

impl TestApp {
    /// A new API token's (id, secret), created from the command line's authority.
    pub async fn token_named(&self, name: &str, role: Role) -> (String, String) {
        let created = api_tokens::create(&self.db, &Actor::Cli, name, role)
            .await
            .expect("token");
        (created.token.id, created.secret)
    }

    /// The audit log's actions matching a `LIKE` pattern, oldest first.
    pub async fn audit_actions(&self, like: &str) -> Vec<String> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT action FROM audit_log WHERE action LIKE $1 ORDER BY at, id")
                .bind(like)
                .fetch_all(self.db.pool())
                .await
                .expect("audit log");
        rows.into_iter().map(|(action,)| action).collect()
    }

    /// The secret of a new API token with this role.
    pub async fn token(&self, role: Role) -> String {
        self.token_named(&format!("test-{role}"), role).await.1
    }

    /// A new staff account with this role, signed in: its session.
    pub async fn session(&self, email: &str, role: Role) -> Session {
        let user = users::create(&self.db, &Actor::Cli, email, PASSWORD, role)
            .await
            .expect("staff user");
        let started = sessions::start(&self.db, &user.id).await.expect("session");
        let principal = sessions::principal(&self.db, &started.token)
            .await
            .expect("session lookup")
            .expect("a current session");
        Session {
            cookie: started.token,
            csrf: principal.csrf_token.expect("sessions carry a CSRF token"),
        }
    }

    /// Calls the staff API with a Bearer token (`None`: no credentials) and a JSON body.
    pub async fn staff(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        answer(request).await
    }
}

/// Sends a request and reads its answer.
pub async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("staff API request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body").to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        json,
        bytes,
    }
}
