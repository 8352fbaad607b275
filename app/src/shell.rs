use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::SiteHeader;
use crate::i18n::use_messages;
use crate::pages::{
    HomePage, MyAnswersPage, NotFound, NpsCalculatorPage, PreviewPage, RankingsPage, ReportPage,
    ResultsPage, SectorPage, SurveyPage, SurveyThanksPage, VerifyPage,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = crate::i18n::current_locale();
    let large = crate::large_mode::is_on().then_some(crate::large_mode::LARGE_MODE_CLASS);
    let scripts = page_path()
        .as_deref()
        .and_then(crate::bundles::bundle_for)
        .map(|bundle| {
            let mut options = options.clone();
            options.output_name = bundle.into();
            view! {
                <script nonce=leptos::nonce::use_nonce()>{IDLE_DEADLINE}</script>
                <HydrationScripts options islands=true/>
            }
        });
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class=large>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href="/pkg/koubei.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                {scripts}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The path of the page being rendered (server only; the shell never renders in the browser).
fn page_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Leptos's island loader starts the bundle when the page is first idle, with no deadline: a
/// page that is never idle (a cheap phone kept busy, a starved CI machine) never came alive.
/// This gives every idle wait on the page a deadline, after which it runs anyway.
const IDLE_DEADLINE: &str = "if (window.requestIdleCallback) { \
    const idle = window.requestIdleCallback.bind(window); \
    window.requestIdleCallback = (run, options) => idle(run, { timeout: 1000, ...options }); }";

/// The application: routes, the page language and the chrome around every page.
///
/// Pages stream in order (`SsrMode::InOrder`): the HTML is complete without JavaScript, which
/// many of our respondents' phones block or fail to load. Only the interactive parts are
/// islands (`#[island]`) that the browser hydrates; the rest stays server HTML, which keeps the
/// browser bundle small and pages plain links.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::i18n::current_locale());
    let t = use_messages();

    view! {
        <Title formatter=move |text: String| page_title(&text, t.site_name)/>
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <SiteHeader/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::InOrder/>
                <Route path=path!("/tools/nps") view=NpsCalculatorPage ssr=SsrMode::InOrder/>
                // Async: the status (404, 410, a refusal's) and the respondent cookie are known
                // only once the survey is loaded, and headers go out with the first byte.
                <Route path=path!("/s/:slug") view=SurveyPage ssr=SsrMode::Async/>
                <Route path=path!("/s/:slug/thanks") view=SurveyThanksPage ssr=SsrMode::Async/>
                // Async too: 404 for anything unpublished, before the first byte.
                <Route path=path!("/r/:slug") view=ResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/r/:slug/:snapshot") view=ResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/r/:slug/:snapshot/report") view=ReportPage ssr=SsrMode::Async/>
                <Route path=path!("/sectors") view=RankingsPage ssr=SsrMode::Async/>
                <Route path=path!("/my-answers") view=MyAnswersPage ssr=SsrMode::InOrder/>
                <Route path=path!("/preview/:token") view=PreviewPage ssr=SsrMode::Async/>
                <Route path=path!("/verify/:token") view=VerifyPage ssr=SsrMode::InOrder/>
                <Route path=path!("/sectors/:sector") view=SectorPage ssr=SsrMode::Async/>
            </Routes>
            <footer class="site-footer">
                <p>{t.footer}</p>
                <p><a href="/my-answers">{crate::pages::MyAnswersMessages::for_locale(crate::i18n::use_locale()).title}</a></p>
            </footer>
        </Router>
    }
}

/// A page's `<title>`: its own text, then the site's name. Every page title passes through here.
/// leptos_meta writes the server's `<title>` element without escaping it, and titles come from
/// what staff typed (survey, sector and subject names), so the server escapes them; in the
/// browser `document.title` takes plain text and must not be escaped twice.
fn page_title(text: &str, site_name: &str) -> String {
    let title = format!("{text} · {site_name}");
    if cfg!(feature = "ssr") {
        crate::markup::escape_html(&title)
    } else {
        title
    }
}
