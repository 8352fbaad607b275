//! What a request tells us about who is answering: the respondent cookie, the client's keyed
//! hash, HTTPS, and the language.

use std::net::IpAddr;

use super::respondent::{client_hash, network_hash, RespondentId};
use super::service::Submissions;
use crate::request::RequestHeaders;
use domain::Locale;

/// The facts of one request.
#[derive(Clone, Debug)]
pub struct RequestFacts {
    pub respondent: RespondentId,
    /// No valid cookie came with the request: one must be set on the response.
    pub new_respondent: bool,
    pub client_hash: String,
    /// Keyed hash of the network (IPv4 /24, IPv6 /64) the request came from.
    pub network_hash: String,
    pub https: bool,
    pub lang: Locale,
}

impl Submissions {
    /// Reads the request: `peer` is the TCP peer; `X-Forwarded-For`/`-Proto` count only when
    /// the server was told it runs behind a proxy.
    pub fn facts(&self, headers: &RequestHeaders, peer: Option<IpAddr>) -> RequestFacts {
        let from_cookie = RespondentId::from_headers(self.secret(), headers);
        let trusted = self.believes_forwarded(peer);
        let address = self.client_address(headers, peer);
        let ip = address.map(|ip| ip.to_string()).unwrap_or_default();
        let user_agent = headers.user_agent.unwrap_or_default();
        let https = trusted
            && headers
                .forwarded_proto
                .is_some_and(|p| p.eq_ignore_ascii_case("https"));
        RequestFacts {
            new_respondent: from_cookie.is_none(),
            respondent: from_cookie.unwrap_or_else(RespondentId::mint),
            client_hash: client_hash(self.secret(), &ip, user_agent),
            network_hash: network_hash(self.secret(), address),
            https,
            lang: headers.locale(),
        }
    }

    /// Whether this request's forwarded headers are believed: the server runs behind a proxy and
    /// the request came from where a proxy can be (this machine or a private network). A client
    /// that reaches an instance directly from the internet names no address but its own.
    fn believes_forwarded(&self, peer: Option<IpAddr>) -> bool {
        self.trusts_forwarded_headers() && peer.is_none_or(could_be_our_proxy)
    }

    /// The client's address: the TCP peer, or what our own proxy says it was.
    fn client_address(&self, headers: &RequestHeaders, peer: Option<IpAddr>) -> Option<IpAddr> {
        self.believes_forwarded(peer)
            .then(|| forwarded_for(headers))
            .flatten()
            .or(peer)
    }

    fn client_ip(&self, headers: &RequestHeaders, peer: Option<IpAddr>) -> String {
        self.client_address(headers, peer)
            .map(|ip| ip.to_string())
            .unwrap_or_default()
    }

    /// A keyed hash of the client's network address alone, for limits the user agent (which
    /// the client chooses) must not dodge.
    pub fn address_hash(&self, headers: &RequestHeaders, peer: Option<IpAddr>) -> String {
        client_hash(self.secret(), &self.client_ip(headers, peer), "")
    }

    /// The `Set-Cookie` value that hands a submission's receipt code to its thank-you page: it
    /// stays out of the URL (history, logs, `Referer`), goes to that one page only, and expires
    /// in half an hour.
    pub fn receipt_cookie(slug: &str, receipt: &str, facts: &RequestFacts) -> Option<String> {
        let receipt = super::ReceiptCode::parse(receipt)?;
        // Slugs are [a-z0-9-]; anything else would not be a path we serve.
        let path_safe = slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        path_safe.then(|| {
            format!(
                "{RECEIPT_COOKIE}={}; Max-Age=1800; Path=/s/{slug}/thanks; HttpOnly; SameSite=Strict{}",
                receipt.display(),
                if facts.https { "; Secure" } else { "" }
            )
        })
    }

    /// The `Set-Cookie` value to send when the request had no respondent cookie.
    pub fn cookie_for(&self, facts: &RequestFacts) -> Option<String> {
        facts
            .new_respondent
            .then(|| facts.respondent.set_cookie(self.secret(), facts.https))
    }
}

/// The cookie that carries a receipt code to the thank-you page.
pub const RECEIPT_COOKIE: &str = "koubei_receipt";

/// The client address a trusted proxy appended: the last entry of `X-Forwarded-For`.
fn forwarded_for(headers: &RequestHeaders) -> Option<IpAddr> {
    headers
        .forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|entry| address_of(entry.trim()))
}

/// An address as proxies write it: `203.0.113.9`, `203.0.113.9:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn address_of(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|inner| inner.parse().ok())
        })
}

/// Loopback and private addresses (RFC 1918, IPv6 unique-local and link-local): where a reverse
/// proxy of ours can stand. Internet clients cannot send from them.
fn could_be_our_proxy(peer: IpAddr) -> bool {
    match peer {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        IpAddr::V6(v6) => {
            let mapped = v6.to_ipv4_mapped();
            v6.is_loopback()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || (v6.segments()[0] & 0xffc0) == 0xfe80
                || mapped.is_some_and(|v4| v4.is_loopback() || v4.is_private())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_forwarded_address_is_the_one_our_proxy_saw() {
        let mut headers = RequestHeaders {
            forwarded_for: vec!["10.0.0.1, 203.0.113.9"],
            ..RequestHeaders::default()
        };
        assert_eq!(forwarded_for(&headers), "203.0.113.9".parse().ok());
        headers.forwarded_for.push("198.51.100.2");
        assert_eq!(forwarded_for(&headers), "198.51.100.2".parse().ok());
        assert_eq!(forwarded_for(&RequestHeaders::default()), None);
    }

    #[test]
    fn addresses_with_ports_and_brackets_are_read() {
        for (entry, expected) in [
            ("203.0.113.9:4711", "203.0.113.9"),
            ("[2001:db8::1]", "2001:db8::1"),
            ("[2001:db8::1]:4711", "2001:db8::1"),
            ("2001:db8::1", "2001:db8::1"),
        ] {
            let headers = RequestHeaders {
                forwarded_for: vec![entry],
                ..RequestHeaders::default()
            };
            assert_eq!(forwarded_for(&headers), expected.parse().ok(), "{entry}");
        }
        let garbage = RequestHeaders {
            forwarded_for: vec!["unknown"],
            ..RequestHeaders::default()
        };
        assert_eq!(forwarded_for(&garbage), None);
    }

    #[test]
    fn only_local_and_private_peers_may_speak_for_a_client() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.9",
            "192.168.1.1",
            "::1",
            "fd00::5",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(could_be_our_proxy(local.parse().unwrap()), "{local}");
        }
        for public in ["203.0.113.9", "8.8.8.8", "2001:db8::1", "::ffff:8.8.8.8"] {
            assert!(!could_be_our_proxy(public.parse().unwrap()), "{public}");
        }
    }
}
