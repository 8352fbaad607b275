//! The parts of an HTTP request the back end reads, as plain strings. The HTTP edge copies them
//! out of its header map, so nothing below it needs HTTP types.

use domain::{Locale, LANG_COOKIE};

/// The request headers the back end looks at. A header sent but not readable as text counts
/// as sent and empty.
#[derive(Clone, Debug, Default)]
pub struct RequestHeaders<'a> {
    /// Every `Cookie` header, in order.
    pub cookies: Vec<&'a str>,
    pub authorization: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub accept_language: Option<&'a str>,
    /// Every `X-Forwarded-For` header, in order (each may list several addresses).
    pub forwarded_for: Vec<&'a str>,
    pub forwarded_proto: Option<&'a str>,
}

impl<'a> RequestHeaders<'a> {
    /// One cookie's value; the first one wins if a name repeats.
    pub fn cookie(&self, name: &str) -> Option<&'a str> {
        self.cookies
            .iter()
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The language the request asks for: the `koubei_lang` cookie, then `Accept-Language`.
    pub fn locale(&self) -> Locale {
        Locale::for_request(self.cookie(LANG_COOKIE), self.accept_language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several_headers() {
        let headers = RequestHeaders {
            cookies: vec!["a=1; b=2", "c=3; b=4"],
            ..RequestHeaders::default()
        };
        assert_eq!(headers.cookie("b"), Some("2"));
        assert_eq!(headers.cookie("c"), Some("3"));
        assert_eq!(headers.cookie("d"), None);
    }

    #[test]
    fn the_language_cookie_beats_accept_language() {
        let mut headers = RequestHeaders {
            accept_language: Some("zh-CN"),
            ..RequestHeaders::default()
        };
        assert_eq!(headers.locale(), Locale::ZhCn);
        headers.cookies = vec!["a=b; koubei_lang=en"];
        assert_eq!(headers.locale(), Locale::En);
    }
}
