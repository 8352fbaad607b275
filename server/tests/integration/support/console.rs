//! A staff member's browser for tests: signs in through the real form and sends the session
//! cookie and CSRF token like the console's pages do.

use domain::Role;
use koubei_core::staff::{users, Actor};

use super::TestApp;

pub const PASSWORD: &str = "correct horse battery";

/// Creates a staff account straight in the database (as the CLI would).
pub async fn create_staff(app: &TestApp, email: &str, role: Role) {
    users::create(&app.db, &Actor::Cli, email, PASSWORD, role)
        .await
        .expect("staff account");
}

/// The value of the first `name="{field}" value="…"` in a page.
pub fn hidden_value(html: &str, field: &str) -> Option<String> {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// The `name=value` of a `Set-Cookie` header for `cookie`.
pub fn set_cookie(response: &reqwest::Response, cookie: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{cookie}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

pub struct Console<'a> {
    pub app: &'a TestApp,
    pub cookie: String,
    pub csrf: String,
}

/// The outcome of one sign-in attempt: status, session cookie if any, page body.
pub async fn attempt_sign_in(
    app: &TestApp,
    email: &str,
    password: &str,
) -> (u16, Option<String>, String) {
    attempt_sign_in_with(app, email, password, &[]).await
}

/// A sign-in attempt whose requests carry these headers too (a client address through our
/// proxy's `X-Forwarded-For`, a user agent).
pub async fn attempt_sign_in_with(
    app: &TestApp,
    email: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> (u16, Option<String>, String) {
    let mut get = app.http.get(app.url("/console/sign-in"));
    for (name, value) in headers {
        get = get.header(*name, *value);
    }
    let form = get.send().await.expect("GET sign-in");
    let nonce = set_cookie(&form, "koubei_sign_in").expect("sign-in cookie");
    let page = form.text().await.expect("page");
    let token = hidden_value(&page, "csrf").expect("form token");
    let mut post = app.http.post(app.url("/console/sign-in"));
    for (name, value) in headers {
        post = post.header(*name, *value);
    }
    let response = post
        .header("cookie", nonce)
        .form(&[
            ("csrf", token.as_str()),
            ("email", email),
            ("password", password),
            ("next", ""),
        ])
        .send()
        .await
        .expect("POST sign-in");
    let status = response.status().as_u16();
    let session = set_cookie(&response, "koubei_staff");
    (status, session, response.text().await.unwrap_or_default())
}

impl<'a> Console<'a> {
    /// Signs in with the test password; panics if that fails.
    pub async fn sign_in(app: &'a TestApp, email: &str) -> Console<'a> {
        let (status, cookie, body) = attempt_sign_in(app, email, PASSWORD).await;
        assert_eq!(status, 303, "sign-in failed: {body}");
        let cookie = cookie.expect("session cookie");
        let mut console = Console {
            app,
            cookie,
            csrf: String::new(),
        };
        let (_, home) = console.get("/console").await;
        console.csrf = hidden_value(&home, "csrf").expect("csrf token in the console");
        console
    }

    /// Creates an account with `role` and signs in as it.
    pub async fn as_role(app: &'a TestApp, role: Role) -> Console<'a> {
        let email = format!("{}@council.example.cn", role.as_str());
        create_staff(app, &email, role).await;
        Console::sign_in(app, &email).await
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .app
            .http
            .get(self.app.url(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("GET");
        (
            response.status().as_u16(),
            response.text().await.expect("body"),
        )
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.app
            .http
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .form(&all)
            .send()
            .await
            .expect("POST")
    }
}

impl TestApp {
    /// Another server on this test's database, as a second instance behind a load balancer.
    pub async fn second_instance(&self) -> TestApp {
        let url = self._database.url.as_str().to_string();
        TestApp::spawn_on(&url).await.expect("second instance")
    }
}
