//! What to send: the server's address, and the request bytes each connection cycles through.

use std::net::SocketAddr;

use serde_json::Value;

use crate::connection::Connection;
use crate::Error;

/// The server under test, from a base URL such as `http://127.0.0.1:3000`.
pub struct Server {
    /// Sent as the `Host` header, exactly as written in the URL.
    pub authority: String,
    pub addr: SocketAddr,
}

impl Server {
    /// Parses `http://HOST[:PORT][/]` and resolves the host once, up front, so that name lookups
    /// never land inside a measurement.
    pub async fn resolve(url: &str) -> Result<Self, Error> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("--url {url}: only plain http:// URLs are supported"))?;
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        if authority.is_empty() || !path.is_empty() {
            return Err(format!("--url {url}: expected http://HOST[:PORT] with no path").into());
        }
        // `[::1]:8080` keeps its brackets for lookup; a missing port means 80.
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.contains(']'));
        let target = if has_port {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        };
        let addr = tokio::net::lookup_host(&target)
            .await
            .map_err(|error| format!("--url {url}: cannot resolve {target}: {error}"))?
            .next()
            .ok_or_else(|| format!("--url {url}: {target} resolves to no address"))?;
        Ok(Self {
            authority: authority.to_owned(),
            addr,
        })
    }

    /// A GET request for `path`.
    pub fn get(&self, path: &str) -> Vec<u8> {
        format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: koubei-loadgen\r\n\r\n",
            self.authority
        )
        .into_bytes()
    }

    /// A POST request for `path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &str, bearer: Option<&str>) -> Vec<u8> {
        let authorization = bearer
            .map(|secret| format!("Authorization: Bearer {secret}\r\n"))
            .unwrap_or_default();
        format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: koubei-loadgen\r\n\
             {authorization}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.authority,
            body.len()
        )
        .into_bytes()
    }
}

/// A named set of requests and the status that counts as success.
pub struct Workload {
    /// For the report, such as `get /healthz`.
    pub name: String,
    pub expected_status: u16,
    /// Cycled through in order by every connection (each starting at a different offset).
    pub requests: Vec<Vec<u8>>,
}

impl Workload {
    /// The same GET over and over.
    pub fn get(server: &Server, path: &str) -> Result<Self, Error> {
        if !path.starts_with('/') || path.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(format!("path {path:?}: must start with / and contain no spaces").into());
        }
        Ok(Self {
            name: format!("get {path}"),
            expected_status: 200,
            requests: vec![server.get(path)],
        })
    }

    /// Submissions to one survey as a kiosk: every (subject, score 0–10) combination in turn,
    /// each without a respondent so the server treats every request as a new respondent. The
    /// survey defaults to the first open one the server lists.
    pub async fn submit(
        server: &Server,
        survey: Option<String>,
        kiosk_key: Option<&str>,
    ) -> Result<Self, Error> {
        if kiosk_key.is_some_and(|key| key.bytes().any(|b| b.is_ascii_whitespace())) {
            return Err("a kiosk key has no spaces or line breaks".into());
        }
        let mut connection = Connection::new(server.addr);
        let survey = match survey {
            Some(slug) => slug,
            None => first_open_survey(server, &mut connection).await?,
        };
        if survey.is_empty() || !survey.bytes().all(is_slug_byte) {
            return Err(format!("survey {survey:?}: a slug is letters, digits, - and _").into());
        }
        let detail = get_json(
            server,
            &mut connection,
            &format!("/api/v1/surveys/{survey}"),
        )
        .await?;
        if detail["status"] != "open" {
            // Still run: how fast a closed survey refuses answers is a fair question too.
            eprintln!(
                "koubei-loadgen: survey {survey} is {}, not open: expect refusals",
                detail["status"]
            );
        }
        let subjects = subject_slugs(&detail)
            .ok_or_else(|| format!("survey {survey}: no subjects in its description"))?;
        let path = format!("/api/v1/surveys/{survey}/responses");
        let requests = subjects
            .iter()
            .flat_map(|subject| (0..=10).map(move |score| (subject, score)))
            .map(|(subject, score)| {
                let body = serde_json::json!({ "subject": subject, "score": score, "lang": "en" });
                server.post_json(&path, &body.to_string(), kiosk_key)
            })
            .collect();
        Ok(Self {
            name: format!("submit {survey}"),
            expected_status: 201,
            requests,
        })
    }
}

fn is_slug_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// `GET /api/v1/surveys` → the slug of the first survey whose status is "open".
async fn first_open_survey(server: &Server, connection: &mut Connection) -> Result<String, Error> {
    let list = get_json(server, connection, "/api/v1/surveys").await?;
    list.as_array()
        .into_iter()
        .flatten()
        .find(|survey| survey["status"] == "open")
        .and_then(|survey| survey["slug"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| "GET /api/v1/surveys lists no open survey".into())
}

/// The subjects' slugs from a survey's description, `None` if it lists none.
fn subject_slugs(survey: &Value) -> Option<Vec<String>> {
    let slugs: Vec<String> = survey["subjects"]
        .as_array()?
        .iter()
        .filter_map(|subject| subject["slug"].as_str().map(str::to_owned))
        .collect();
    (!slugs.is_empty()).then_some(slugs)
}

async fn get_json(
    server: &Server,
    connection: &mut Connection,
    path: &str,
) -> Result<Value, Error> {
    let response = connection
        .send(&server.get(path))
        .await
        .map_err(|error| format!("GET {path}: {error}"))?;
    if response.status != 200 {
        let body = String::from_utf8_lossy(&response.body);
        return Err(format!("GET {path}: status {}: {body}", response.status).into());
    }
    serde_json::from_slice(&response.body)
        .map_err(|error| format!("GET {path}: not JSON: {error}").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_base_url_gives_the_host_header_and_address() {
        let server = Server::resolve("http://127.0.0.1:3555/")
            .await
            .expect("valid URL");
        assert_eq!(server.authority, "127.0.0.1:3555");
        assert_eq!(server.addr, "127.0.0.1:3555".parse().expect("address"));
        let server = Server::resolve("http://127.0.0.1")
            .await
            .expect("valid URL");
        assert_eq!(server.addr.port(), 80);
        for bad in ["https://127.0.0.1", "http://127.0.0.1:1/api", "http://"] {
            assert!(Server::resolve(bad).await.is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_post_carries_its_body_length() {
        let server = Server::resolve("http://127.0.0.1:1")
            .await
            .expect("valid URL");
        let request = server.post_json("/r", r#"{"score":7}"#, Some("koubei_kiosk_k"));
        let text = String::from_utf8(request).expect("ASCII");
        assert!(text.starts_with("POST /r HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"));
        assert!(text.contains("\r\nAuthorization: Bearer koubei_kiosk_k\r\n"));
        assert!(text.ends_with("Content-Length: 11\r\n\r\n{\"score\":7}"));
    }

    #[test]
    fn subjects_are_read_from_a_survey_description() {
        let survey = serde_json::json!({
            "slug": "s", "status": "open",
            "subjects": [{"slug": "a", "name_en": "A"}, {"slug": "b", "name_en": "B"}]
        });
        assert_eq!(subject_slugs(&survey), Some(vec!["a".into(), "b".into()]));
        assert_eq!(subject_slugs(&serde_json::json!({"subjects": []})), None);
    }
}
