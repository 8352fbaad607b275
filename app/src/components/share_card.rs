//! What a chat app or search engine shows for a shared link: the page's description and its
//! Open Graph and Twitter card (title, description, image — the ranking chart on results
//! pages), with absolute addresses from the request being rendered.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::use_locale;
use domain::Locale;

/// An absolute address for `path` on this host (server rendering only; empty otherwise).
fn absolute(path: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::request_context::request_origin()
            .map(|origin| format!("{origin}{path}"))
            .unwrap_or_else(|| path.to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        path.to_string()
    }
}

/// The page's description and share card; `image` is a path on this host.
#[component]
pub fn ShareCard(title: String, description: String, image: Option<String>) -> impl IntoView {
    let og_locale = match use_locale() {
        Locale::ZhCn => "zh_CN",
        Locale::En => "en_US",
    };
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let image = image.map(|path| {
        let url = absolute(&path);
        view! {
            <Meta property="og:image" content=url.clone()/>
            <Meta name="twitter:image" content=url/>
        }
    });
    view! {
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content="口碑 Koubei"/>
        <Meta property="og:locale" content=og_locale/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        {image}
    }
}
