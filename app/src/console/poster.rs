//! The printable A4 poster for a survey (title, intro and a QR code to the public survey page),
//! and the QR code itself as SVG. Both languages are printed: the poster hangs in public.

use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use super::document::render_document;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::authoring::definition::Texts;
use koubei_core::staff::Principal;

/// A QR code for `url` as a standalone SVG document. Error correction M (15 %) survives the
/// creases and smudges of a poster; the quiet zone is included.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(480, 480)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

pub struct Poster {
    pub title: Texts,
    pub intro: Texts,
    pub url: String,
    pub qr_svg: String,
    /// The poster batch this copy belongs to (name), printed small for whoever puts it up.
    pub batch: Option<String>,
}

pub fn render_poster(locale: Locale, principal: &Principal, here: &str, poster: Poster) -> String {
    let t = locale.console();
    let zh = Locale::ZhCn.console();
    let en = Locale::En.console();
    render_document(locale, Some(principal), t.poster, here, move || {
        view! {
            <p class="no-print muted">{t.poster_hint}" "
                <button type="button" class="button" data-print="">{t.poster_print}</button>
            </p>
            <article class="poster" data-testid="poster">
                <h1 class="poster__title" lang="zh-CN">{poster.title.zh_cn.clone()}</h1>
                <p class="poster__title-en" lang="en">{poster.title.en.clone()}</p>
                <p class="poster__intro" lang="zh-CN">{poster.intro.zh_cn.clone()}</p>
                // The SVG is ours (generated above from the survey URL), not user input.
                <div class="poster__qr" inner_html=poster.qr_svg.clone() data-testid="poster-qr"></div>
                <p class="poster__call"><span lang="zh-CN">{zh.poster_call}</span>" · "<span lang="en">{en.poster_call}</span></p>
                <p class="poster__url">{poster.url.clone()}</p>
                {poster.batch.clone().map(|batch| view! { <p class="poster__batch muted" data-testid="poster-batch-name">{batch}</p> })}
            </article>
        }
        .into_any()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_an_svg_document_of_dark_modules() {
        let svg = qr_svg("https://koubei.example/s/dental-clinics-2026").expect("encodes");
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("#000000") && svg.contains("</svg>"));
        assert!(
            qr_svg(&"x".repeat(5000)).is_none(),
            "too long for any QR version"
        );
    }
}
