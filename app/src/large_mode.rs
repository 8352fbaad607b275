//! 长辈模式 (large mode): larger text, larger targets and stronger contrast on every public
//! page. Chosen by a plain link (`/large-mode/on` or `/large-mode/off`, so it works without
//! JavaScript), remembered in a cookie like the language, and applied by one class on `<html>`
//! that the stylesheet reads: no page or island renders differently.

/// The cookie that remembers the choice (`on`; absent or anything else is the standard view).
pub const LARGE_MODE_COOKIE: &str = "koubei_large_mode";

/// The class on `<html>` in large mode.
pub const LARGE_MODE_CLASS: &str = "large-mode";

/// Whether a `Cookie` header chooses large mode.
pub fn chosen_in(cookie_header: &str) -> bool {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == LARGE_MODE_COOKIE && value == "on")
}

/// Whether any of a request's `Cookie` headers chooses large mode.
#[cfg(feature = "ssr")]
pub fn chosen_by(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(chosen_in)
}

/// Whether the page being rendered is in large mode: on the server from the request's
/// cookies, in the browser from the class the server wrote on `<html>`.
pub fn is_on() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|parts| chosen_by(&parts.headers))
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("class"))
            .is_some_and(|class| class.split_whitespace().any(|c| c == LARGE_MODE_CLASS))
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::chosen_in;

    #[test]
    fn only_the_cookie_set_to_on_chooses_large_mode() {
        assert!(chosen_in("koubei_lang=en; koubei_large_mode=on"));
        assert!(chosen_in("koubei_large_mode=on"));
        assert!(!chosen_in("koubei_large_mode=off"));
        assert!(!chosen_in("xkoubei_large_mode=on"));
        assert!(!chosen_in("koubei_large_mode=onion"));
        assert!(!chosen_in(""));
    }
}
