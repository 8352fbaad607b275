use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers an explicit language choice.
pub const LANG_COOKIE: &str = "koubei_lang";

/// The languages Koubei speaks. zh-CN is the default: our first users are in Shenzhen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, as used in `lang` attributes, URLs and the API.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The language's name in itself ("中文", "English"): the same whatever language the page
    /// is in, as language switches show them.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::ZhCn => "中文",
            Locale::En => "English",
        }
    }

    /// Picks the variant of a bilingual database field (names, titles) for this locale.
    pub fn pick<'a>(self, zh_cn: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh_cn,
            Locale::En => en,
        }
    }

    /// Parses a tag as written by us or by browsers ("zh", "zh-cn", "zh-Hans-CN", "en-GB").
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(locale) = parts.next().and_then(Locale::parse) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale)
    }

    /// The language for a request: an explicit choice (the `koubei_lang` cookie's value) wins
    /// over the browser's wishes (`Accept-Language`); zh-CN when neither names one we speak.
    pub fn for_request(cookie_choice: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie_choice
            .and_then(Locale::parse)
            .or_else(|| accept_language.and_then(Locale::negotiate))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_browser_tags() {
        assert_eq!(Locale::parse("zh-Hans-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("zh_TW"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn negotiation_honours_quality_values() {
        assert_eq!(
            Locale::negotiate("fr;q=1, en;q=0.8, zh;q=0.5"),
            Some(Locale::En)
        );
        assert_eq!(Locale::negotiate("en;q=0.4, zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::negotiate("en;q=0, de"), None);
        assert_eq!(Locale::negotiate("garbage;;;"), None);
    }

    #[test]
    fn tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::parse(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn cookie_choice_beats_accept_language() {
        assert_eq!(Locale::for_request(None, Some("zh-CN")), Locale::ZhCn);
        assert_eq!(Locale::for_request(Some("en"), Some("zh-CN")), Locale::En);
        assert_eq!(Locale::for_request(Some("fr"), Some("en")), Locale::En);
        assert_eq!(Locale::for_request(None, None), Locale::ZhCn);
    }
}
