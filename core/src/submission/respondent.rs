//! Who is answering, without knowing who they are: a signed, long-lived first-party cookie
//! names the respondent; a keyed hash of IP address and user agent names the client. Only
//! keyed hashes reach the database.

use time::OffsetDateTime;

use super::secret::{random_bytes, ServerSecret};
use crate::db::timestamp;
use crate::request::RequestHeaders;

pub const RESPONDENT_COOKIE: &str = "koubei_respondent";
/// Two years: long enough to span a survey's waves on the same phone.
const COOKIE_MAX_AGE_S: u64 = 2 * 365 * 24 * 3600;

const COOKIE_PURPOSE: &str = "respondent-cookie";
const RESPONDENT_PURPOSE: &str = "respondent";
const CLIENT_PURPOSE: &str = "client";
const FORM_PURPOSE: &str = "form-started";
const NETWORK_PURPOSE: &str = "network";

/// Ids minted before time-ordered ids: 128 random bits in hex. Their cookies stay valid.
const RANDOM_ID_LEN: usize = 32;
/// Hex digits of a time-ordered id's mint time (Unix milliseconds; enough until the year 10889).
const MINTED_AT_LEN: usize = 12;
/// A time-ordered id: its mint time, then 128 random bits.
const TIMED_ID_LEN: usize = MINTED_AT_LEN + RANDOM_ID_LEN;
const CLIENT_ID_PREFIX: &str = "client:";

/// A respondent's opaque id (from the cookie, or given by an API client).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RespondentId(String);

impl RespondentId {
    /// A fresh id: the time it was minted, then 128 random bits.
    pub fn mint() -> RespondentId {
        Self::minted_at(timestamp::unix_ms(OffsetDateTime::now_utc()))
    }

    fn minted_at(unix_ms: i64) -> RespondentId {
        RespondentId(format!(
            "{unix_ms:0width$x}{}",
            hex::encode(random_bytes::<16>()),
            width = MINTED_AT_LEN
        ))
    }

    /// An id chosen by an API client (a kiosk's own respondent numbers): 1–128 visible
    /// characters.
    pub fn from_client(text: &str) -> Option<RespondentId> {
        let text = text.trim();
        let visible = text.chars().all(|c| !c.is_control());
        (visible && (1..=128).contains(&text.chars().count()))
            .then(|| RespondentId(format!("{CLIENT_ID_PREFIX}{text}")))
    }

    /// A client-chosen id as one kiosk's own: two kiosks' respondent "0007" are two people.
    pub fn within_kiosk(self, kiosk_key_id: &str) -> RespondentId {
        match self.0.strip_prefix(CLIENT_ID_PREFIX) {
            Some(text) => RespondentId(format!("{CLIENT_ID_PREFIX}{kiosk_key_id}/{text}")),
            None => self,
        }
    }

    /// The key stored with each response: never the id itself. A time-ordered id's key starts
    /// with its mint time, so new respondents' answers are added at the end of the unique key's
    /// index (survey, respondent key, subject) rather than at a random page of it: under load,
    /// each committed batch then rewrites a few end pages instead of one page per response.
    /// So the database learns when a respondent was first seen; each response already carries
    /// its own time (and its UUIDv7 id).
    pub fn key(&self, secret: &ServerSecret) -> String {
        let hash = secret.keyed_hash(RESPONDENT_PURPOSE, &self.0);
        match self.mint_time_digits() {
            Some(minted_at) => format!("{minted_at}{hash}"),
            None => hash,
        }
    }

    /// The mint time's hex digits of a time-ordered id; `None` for older random ids and for ids
    /// chosen by API clients.
    fn mint_time_digits(&self) -> Option<&str> {
        (self.0.len() == TIMED_ID_LEN && !self.0.starts_with(CLIENT_ID_PREFIX))
            .then(|| &self.0[..MINTED_AT_LEN])
    }

    /// The cookie value: the id and its signature.
    pub fn cookie_value(&self, secret: &ServerSecret) -> String {
        format!("{}.{}", self.0, secret.keyed_hash(COOKIE_PURPOSE, &self.0))
    }

    /// The id in a cookie value, when the signature is ours.
    pub fn from_cookie_value(secret: &ServerSecret, value: &str) -> Option<RespondentId> {
        let (id, tag) = value.trim().rsplit_once('.')?;
        let minted = [RANDOM_ID_LEN, TIMED_ID_LEN].contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_hexdigit());
        (minted && secret.verify(COOKIE_PURPOSE, id, tag)).then(|| RespondentId(id.into()))
    }

    /// The signed respondent cookie in a request, if any.
    pub fn from_headers(secret: &ServerSecret, headers: &RequestHeaders) -> Option<RespondentId> {
        headers
            .cookie(RESPONDENT_COOKIE)
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

/// The keyed hash of the network a client is on: its IPv4 /24 or IPv6 /64. Phones behind one
/// carrier gateway or one Wi-Fi share it; one attacker rotating user agents cannot leave it.
pub fn network_hash(secret: &ServerSecret, address: Option<std::net::IpAddr>) -> String {
    secret.keyed_hash(NETWORK_PURPOSE, &network_of(address))
}

/// The network an address belongs to, as text: `203.0.113.0/24`, `2001:db8:1:2::/64`.
pub fn network_of(address: Option<std::net::IpAddr>) -> String {
    use std::net::IpAddr;
    let address = match address {
        Some(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        other => other.unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)),
    };
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// A signed "form shown at" token, so the time to complete a form cannot be faked backwards.
/// A page opened from a poster's QR code also carries the poster batch (its id), and one opened
/// through an invitation the invitation (batch id and number), signed with it, so the channel of
/// the answer cannot be made up either.
pub fn form_token(secret: &ServerSecret, start: &FormStart) -> String {
    let mut payload = start.shown_at_ms.to_string();
    if start.poster_batch.is_some() || start.invitation.is_some() {
        payload.push('~');
        payload.push_str(start.poster_batch.as_deref().unwrap_or_default());
    }
    if let Some((batch, number)) = &start.invitation {
        payload.push_str(&format!("~{batch}/{number}"));
    }
    format!("{payload}.{}", secret.keyed_hash(FORM_PURPOSE, &payload))
}

/// What a genuine form token says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormStart {
    pub shown_at_ms: i64,
    pub poster_batch: Option<String>,
    /// The invitation the page was opened with: its batch (id) and number.
    pub invitation: Option<(String, i64)>,
}

/// Reads a form token; `None` for a missing or forged one.
pub fn read_form_token(secret: &ServerSecret, token: &str) -> Option<FormStart> {
    let (payload, tag) = token.trim().split_once('.')?;
    if !secret.verify(FORM_PURPOSE, payload, tag) {
        return None;
    }
    let mut parts = payload.splitn(3, '~');
    let shown_at_ms = parts.next()?.parse::<i64>().ok()?;
    let poster_batch = parts.next().filter(|b| !b.is_empty()).map(str::to_string);
    let invitation = match parts.next() {
        Some(text) => {
            let (batch, number) = text.rsplit_once('/')?;
            Some((batch.to_string(), number.parse::<i64>().ok()?))
        }
        None => None,
    };
    Some(FormStart {
        shown_at_ms,
        poster_batch,
        invitation,
    })
}

/// Milliseconds since the form in `token` was shown; `None` for a missing or forged token.
pub fn completion_ms(secret: &ServerSecret, token: &str, now_ms: i64) -> Option<i64> {
    read_form_token(secret, token).map(|start| (now_ms - start.shown_at_ms).max(0))
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
        let header = format!("a=1; {RESPONDENT_COOKIE}={}; b=2", id.cookie_value(&secret));
        let headers = RequestHeaders {
            cookies: vec![&header],
            ..RequestHeaders::default()
        };
        assert_eq!(
            RespondentId::from_headers(&secret, &headers),
            Some(id.clone())
        );
        let set = id.set_cookie(&secret, true);
        assert!(set.contains("Max-Age=63072000") && set.contains("HttpOnly"));
        assert!(set.ends_with("; Secure"));
    }

    #[test]
    fn later_respondents_have_later_keys() {
        let secret = ServerSecret::for_tests(3);
        let keys: Vec<String> = [1_764_400_000_000, 1_764_400_000_001, 1_764_500_000_000]
            .into_iter()
            .map(|unix_ms| RespondentId::minted_at(unix_ms).key(&secret))
            .collect();
        // Whatever the random parts, keys sort in mint order: 0x19ace6f6c00 is 1,764,400,000,000.
        assert!(keys[0].starts_with("019ace6f6c00"), "{}", keys[0]);
        assert!(keys[0] < keys[1] && keys[1] < keys[2], "{keys:?}");
        assert!(keys.iter().all(|key| key.len() == 44));
        let again = RespondentId::minted_at(1_764_400_000_000);
        assert_ne!(
            again.key(&secret),
            keys[0],
            "same millisecond, another person"
        );
    }

    #[test]
    fn a_respondent_from_before_time_ordered_ids_keeps_their_key() {
        let secret = ServerSecret::for_tests(3);
        let old_id = "0123456789abcdef0123456789abcdef";
        let cookie = format!("{old_id}.{}", secret.keyed_hash(COOKIE_PURPOSE, old_id));
        let respondent = RespondentId::from_cookie_value(&secret, &cookie).expect("still valid");
        // The key stored with their earlier answers: the bare keyed hash of the id.
        assert_eq!(
            respondent.key(&secret),
            secret.keyed_hash(RESPONDENT_PURPOSE, old_id)
        );
    }

    #[test]
    fn only_minted_ids_count_as_time_ordered() {
        let secret = ServerSecret::for_tests(3);
        let kiosk = RespondentId::from_client(&"7".repeat(37)).expect("valid");
        assert_eq!(kiosk.0.len(), TIMED_ID_LEN);
        assert_eq!(
            kiosk.key(&secret).len(),
            32,
            "no mint time in a client's id"
        );
        let not_hex = "z".repeat(TIMED_ID_LEN);
        let cookie = format!("{not_hex}.{}", secret.keyed_hash(COOKIE_PURPOSE, &not_hex));
        assert_eq!(RespondentId::from_cookie_value(&secret, &cookie), None);
    }

    #[test]
    fn client_ids_are_namespaced_and_bounded() {
        let secret = ServerSecret::for_tests(5);
        let kiosk = RespondentId::from_client("kiosk-7/42").expect("valid");
        assert_ne!(kiosk.key(&secret), RespondentId::mint().key(&secret));
        let elsewhere = RespondentId::from_client("kiosk-7/42")
            .expect("valid")
            .within_kiosk("another-kiosk");
        assert_ne!(kiosk.key(&secret), elsewhere.key(&secret));
        assert_eq!(RespondentId::from_client(""), None);
        assert_eq!(RespondentId::from_client(&"x".repeat(129)), None);
        assert_eq!(RespondentId::from_client("a\u{0}b"), None);
    }

    fn shown_at(shown_at_ms: i64) -> FormStart {
        FormStart {
            shown_at_ms,
            ..FormStart::default()
        }
    }

    #[test]
    fn an_invitation_rides_in_the_token_with_or_without_a_poster() {
        let secret = ServerSecret::for_tests(8);
        for poster_batch in [None, Some("batch-a".to_string())] {
            let start = FormStart {
                shown_at_ms: 3_000,
                poster_batch,
                invitation: Some(("inv-batch".into(), 42)),
            };
            let token = form_token(&secret, &start);
            assert_eq!(read_form_token(&secret, &token), Some(start));
            let other_number = token.replacen("/42", "/43", 1);
            assert_eq!(read_form_token(&secret, &other_number), None);
        }
    }

    #[test]
    fn completion_time_needs_a_genuine_token() {
        let secret = ServerSecret::for_tests(6);
        let token = form_token(&secret, &shown_at(1_000));
        assert_eq!(completion_ms(&secret, &token, 4_500), Some(3_500));
        assert_eq!(completion_ms(&secret, "500.abcd", 4_500), None);
        let earlier = token.replacen("1000", "10", 1);
        assert_eq!(completion_ms(&secret, &earlier, 4_500), None);
    }

    #[test]
    fn a_poster_batch_rides_in_the_token_and_cannot_be_swapped() {
        let secret = ServerSecret::for_tests(7);
        let token = form_token(
            &secret,
            &FormStart {
                poster_batch: Some("batch-a".into()),
                ..shown_at(2_000)
            },
        );
        let start = read_form_token(&secret, &token).expect("genuine");
        assert_eq!(start.shown_at_ms, 2_000);
        assert_eq!(start.poster_batch.as_deref(), Some("batch-a"));
        let swapped = token.replacen("batch-a", "batch-b", 1);
        assert_eq!(read_form_token(&secret, &swapped), None);
        let plain = form_token(&secret, &shown_at(2_000));
        assert_eq!(
            read_form_token(&secret, &plain).and_then(|s| s.poster_batch),
            None
        );
    }
}
