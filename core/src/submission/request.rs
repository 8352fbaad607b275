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
        let trusted = self.trusts_forwarded_headers();
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

    /// The client's address: the TCP peer, or what our own proxy says it was.
    fn client_address(&self, headers: &RequestHeaders, peer: Option<IpAddr>) -> Option<IpAddr> {
        self.trusts_forwarded_headers()
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

    /// The `Set-Cookie` value to send when the request had no respondent cookie.
    pub fn cookie_for(&self, facts: &RequestFacts) -> Option<String> {
        facts
            .new_respondent
            .then(|| facts.respondent.set_cookie(self.secret(), facts.https))
    }
}

/// The client address a trusted proxy appended: the last entry of `X-Forwarded-For`.
fn forwarded_for(headers: &RequestHeaders) -> Option<IpAddr> {
    headers
        .forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|ip| ip.trim().parse().ok())
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
}
