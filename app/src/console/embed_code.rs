//! The embed-code generator: pick what to show, copy the snippet, see the widget as a site
//! would. Plain GET form, so it works without JavaScript.

use leptos::prelude::*;

use super::document::render_document;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::staff::Principal;

pub struct EmbedCode {
    pub survey: String,
    pub published: bool,
    /// Where the chosen subject's badge is verified (published surveys only).
    pub verify_url: Option<String>,
    /// (slug, name) of the survey's subjects.
    pub subjects: Vec<(String, String)>,
    pub subject: String,
    pub theme: String,
    pub lang: String,
    /// The public origin of this server, e.g. `https://koubei.example`.
    pub origin: String,
}

impl EmbedCode {
    fn widget_path(&self) -> String {
        let mut path = format!("/embed/{}", self.survey);
        if !self.subject.is_empty() {
            path.push('/');
            path.push_str(&self.subject);
        }
        format!("{path}?theme={}&lang={}", self.theme, self.lang)
    }

    /// The snippet a site pastes.
    pub fn snippet(&self) -> String {
        let subject = if self.subject.is_empty() {
            String::new()
        } else {
            format!(" data-koubei-subject=\"{}\"", self.subject)
        };
        format!(
            "<script src=\"{}/embed.js\" data-koubei-survey=\"{}\"{subject} data-theme=\"{}\" data-lang=\"{}\" async></script>",
            self.origin, self.survey, self.theme, self.lang
        )
    }
}

pub fn render_embed_code(
    locale: Locale,
    principal: &Principal,
    here: &str,
    code: EmbedCode,
) -> String {
    let t = locale.console();
    render_document(locale, Some(principal), t.embed_title, here, move || {
        if !code.published {
            return view! {
                <h1>{t.embed_title}</h1>
                <p data-testid="embed-unpublished">{t.embed_needs_publication}</p>
                <p><a href=format!("/console/surveys/{}", code.survey)>{t.back_to_console}</a></p>
            }
            .into_any();
        }
        let mut subject_options = vec![view! {
            <option value=String::new() selected=code.subject.is_empty()>{t.embed_whole_ranking.to_string()}</option>
        }];
        subject_options.extend(code.subjects.iter().map(|(slug, name)| {
            let selected = *slug == code.subject;
            view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
        }));
        let choice = |value: &'static str, current: &str, label: &'static str| {
            let selected = value == current;
            view! { <option value=value selected=selected>{label}</option> }
        };
        let badge = (!code.subject.is_empty()).then(|| {
            let url = format!("{}/badge/{}/{}.svg", code.origin, code.survey, code.subject);
            view! {
                <h2>{t.embed_badge}</h2>
                <pre class="code"><code data-testid="badge-code">{match &code.verify_url {
                    Some(verify) => format!("[![NPS]({url})]({verify})"),
                    None => format!("![NPS]({url})"),
                }}</code></pre>
            }
        });
        view! {
            <h1>{t.embed_title}</h1>
            <form method="get" class="panel filter-form">
                <div class="field-grid">
                    <div class="field">
                        <label for="subject">{t.col_subject}</label>
                        <select id="subject" name="subject" data-testid="embed-subject">{subject_options}</select>
                    </div>
                    <div class="field">
                        <label for="theme">{t.embed_theme}</label>
                        <select id="theme" name="theme">
                            {choice("light", &code.theme, t.embed_light)}
                            {choice("dark", &code.theme, t.embed_dark)}
                        </select>
                    </div>
                    <div class="field">
                        <label for="lang">{t.col_lang}</label>
                        <select id="lang" name="lang">
                            {choice("zh-CN", &code.lang, "中文")}
                            {choice("en", &code.lang, "English")}
                        </select>
                    </div>
                </div>
                <button type="submit" class="button" data-testid="embed-update">{t.apply_filter}</button>
            </form>
            <h2>{t.embed_snippet}</h2>
            <p class="muted">{t.embed_hint}</p>
            <pre class="code"><code data-testid="embed-snippet">{code.snippet()}</code></pre>
            {badge}
            <h2>{t.embed_preview}</h2>
            <iframe class="embed-preview" src=code.widget_path() title=t.embed_preview data-testid="embed-preview"></iframe>
        }
        .into_any()
    })
}
