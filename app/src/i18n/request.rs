//! Which language a request or a page render speaks. The rule itself is `Locale::for_request`;
//! this module reads its inputs from where they are: the request headers on the server, the
//! `lang` the server wrote on `<html>` in the browser.

use super::Locale;

/// The language for a request: the `koubei_lang` cookie, then `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn request_locale(headers: &http::HeaderMap) -> Locale {
    crate::http_request::request_headers(headers).locale()
}

/// The language of the page being rendered: on the server from the request, in the browser
/// from the `lang` the server wrote on `<html>`, so both sides render the same text and
/// hydration matches.
pub fn current_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| request_locale(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::parse(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn cookie_choice_beats_accept_language() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::ACCEPT_LANGUAGE, "zh-CN".parse().expect("h"));
        assert_eq!(request_locale(&headers), Locale::ZhCn);
        headers.insert(
            http::header::COOKIE,
            "a=b; koubei_lang=en".parse().expect("h"),
        );
        assert_eq!(request_locale(&headers), Locale::En);
        assert_eq!(request_locale(&http::HeaderMap::new()), Locale::ZhCn);
    }
}
