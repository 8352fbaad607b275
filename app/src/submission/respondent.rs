//! Who is answering, without knowing who they are: a signed, long-lived first-party cookie
//! names the respondent; a keyed hash of IP address and user agent names the client. Only
//! keyed hashes reach the database.

use http::HeaderMap;

use super::secret::{random_bytes, ServerSecret};
use crate::cookies::cookie;

pub const RESPONDENT_COOKIE: &str = "koubei_respondent";
/// Two years: long enough to span a survey's waves on the same phone.
const COOKIE_MAX_AGE_S: u64 = 2 * 365 * 24 * 3600;

const COOKIE_PURPOSE: &str = "respondent-cookie";
const RESPONDENT_PURPOSE: &str = "respondent";
const CLIENT_PURPOSE: &str = "client";
const FORM_PURPOSE: &str = "form-started";

/// A respondent's opaque id (from the cookie, or given by an API client).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RespondentId(String);

impl RespondentId {
    /// A fresh random id.
    pub fn mint() -> RespondentId {
        RespondentId(hex::encode(random_bytes::<16>()))
    }

    /// An id chosen by an API client (a kiosk's own respondent numbers): 1–128 visible
    /// characters.
    pub fn from_client(text: &str) -> Option<RespondentId> {
        let text = text.trim();
        let visible = text.chars().all(|c| !c.is_control());
        (visible && (1..=128).contains(&text.chars().count()))
            .then(|| RespondentId(format!("client:{text}")))
    }

    /// The key stored with each response: never the id itself.
    pub fn key(&self, secret: &ServerSecret) -> String {
        secret.keyed_hash(RESPONDENT_PURPOSE, &self.0)
    }

    /// The cookie value: the id and its signature.
    pub fn cookie_value(&self, secret: &ServerSecret) -> String {
        format!("{}.{}", self.0, secret.keyed_hash(COOKIE_PURPOSE, &self.0))
    }

    /// The id in a cookie value, when the signature is ours.
    pub fn from_cookie_value(secret: &ServerSecret, value: &str) -> Option<RespondentId> {
        let (id, tag) = value.trim().rsplit_once('.')?;
        (id.len() == 32 && secret.verify(COOKIE_PURPOSE, id, tag)).then(|| RespondentId(id.into()))
    }

    /// The signed respondent cookie in a request, if any.
    pub fn from_headers(secret: &ServerSecret, headers: &HeaderMap) -> Option<RespondentId> {
        cookie(headers, RESPONDENT_COOKIE)
            .and_then(|value| RespondentId::from_cookie_value(secret, value))
    }

    /// A `Set-Cookie` value that keeps this respondent for two years. `Secure` when the request
    /// came over HTTPS.
    pub fn set_cookie(&self, secret: &ServerSecret, secure: bool) -> String {
        format!(
            "{RESPONDENT_COOKIE}={}; Max-Age={COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax{}",
            self.cookie_value(secret),
            if secure { "; Secure" } else { "" }
        )
    }
}

/// The keyed hash of a client's IP address and user agent (the raw address is never kept).
pub fn client_hash(secret: &ServerSecret, ip: &str, user_agent: &str) -> String {
    secret.keyed_hash(CLIENT_PURPOSE, &format!("{ip}\n{user_agent}"))
}

/// A signed "form shown at" token, so the time to complete a form cannot be faked backwards.
pub fn form_token(secret: &ServerSecret, shown_at_ms: i64) -> String {
    let at = shown_at_ms.to_string();
    format!("{at}.{}", secret.keyed_hash(FORM_PURPOSE, &at))
}

/// Milliseconds since the form in `token` was shown; `None` for a missing or forged token.
pub fn completion_ms(secret: &ServerSecret, token: &str, now_ms: i64) -> Option<i64> {
    let (at, tag) = token.trim().split_once('.')?;
    if !secret.verify(FORM_PURPOSE, at, tag) {
        return None;
    }
    let shown = at.parse::<i64>().ok()?;
    Some((now_ms - shown).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_cookie_round_trips_and_a_tampered_one_does_not() {
        let secret = ServerSecret::for_tests(3);
        let id = RespondentId::mint();
        let value = id.cookie_value(&secret);
        assert_eq!(
            RespondentId::from_cookie_value(&secret, &value),
            Some(id.clone())
        );
        let mut forged = value.clone();
        forged.replace_range(0..1, if value.starts_with('0') { "1" } else { "0" });
        assert_eq!(RespondentId::from_cookie_value(&secret, &forged), None);
        let other = ServerSecret::for_tests(4);
        assert_eq!(RespondentId::from_cookie_value(&other, &value), None);
        assert_eq!(RespondentId::from_cookie_value(&secret, "garbage"), None);
    }

    #[test]
    fn the_cookie_is_found_among_others_and_is_long_lived() {
        let secret = ServerSecret::for_tests(3);
        let id = RespondentId::mint();
        let mut headers = HeaderMap::new();
        let header = format!("a=1; {RESPONDENT_COOKIE}={}; b=2", id.cookie_value(&secret));
        headers.insert(http::header::COOKIE, header.parse().expect("header"));
        assert_eq!(
            RespondentId::from_headers(&secret, &headers),
            Some(id.clone())
        );
        let set = id.set_cookie(&secret, true);
        assert!(set.contains("Max-Age=63072000") && set.contains("HttpOnly"));
        assert!(set.ends_with("; Secure"));
    }

    #[test]
    fn client_ids_are_namespaced_and_bounded() {
        let secret = ServerSecret::for_tests(5);
        let kiosk = RespondentId::from_client("kiosk-7/42").expect("valid");
        assert_ne!(kiosk.key(&secret), RespondentId::mint().key(&secret));
        assert_eq!(RespondentId::from_client(""), None);
        assert_eq!(RespondentId::from_client(&"x".repeat(129)), None);
        assert_eq!(RespondentId::from_client("a\u{0}b"), None);
    }

    #[test]
    fn completion_time_needs_a_genuine_token() {
        let secret = ServerSecret::for_tests(6);
        let token = form_token(&secret, 1_000);
        assert_eq!(completion_ms(&secret, &token, 4_500), Some(3_500));
        assert_eq!(completion_ms(&secret, "500.abcd", 4_500), None);
        let earlier = token.replacen("1000", "10", 1);
        assert_eq!(completion_ms(&secret, &earlier, 4_500), None);
    }
}
