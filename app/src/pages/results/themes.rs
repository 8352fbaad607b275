//! 大家怎么说 / What people say: per subject, the themes its counted reasons mention most (with
//! how many reasons, and how many of them came from promoters and detractors) and the quotes
//! staff picked, as the snapshot froze them. One `<details>` per subject keeps a long ranking
//! readable on a phone; it opens without JavaScript.

use leptos::prelude::*;

use crate::i18n::use_locale;
use domain::results::SurveyResults;
use domain::themes::SubjectThemes;
use domain::Locale;

/// Themes shown per subject.
const TOP_THEMES: usize = 5;

struct ThemeWords {
    heading: &'static str,
    intro: &'static str,
    reasons: fn(u64) -> String,
    most_mentioned: &'static str,
    mentions: fn(u64) -> String,
    split: fn(u64, u64) -> String,
    quotes: &'static str,
    said_by: fn(&str) -> &'static str,
}

fn words(locale: Locale) -> &'static ThemeWords {
    match locale {
        Locale::ZhCn => &ThemeWords {
            heading: "大家怎么说",
            intro: "按主题统计计入结果的回答理由；一条理由可以提到几个主题。引语由消费者委员会挑选，已隐去电话、姓名等个人信息。",
            reasons: |n| format!("{n} 条理由"),
            most_mentioned: "最常提到：",
            mentions: |n| format!("{n} 条提到"),
            split: |p, d| format!("推荐者 {p} · 贬损者 {d}"),
            quotes: "消费者原话",
            said_by: |g| match g {
                "promoter" => "推荐者",
                "passive" => "被动者",
                _ => "贬损者",
            },
        },
        Locale::En => &ThemeWords {
            heading: "What people say",
            intro: "Counted reasons by theme; one reason may mention several themes. Quotes were picked by the consumer council, with phone numbers, names and other personal data hidden.",
            reasons: |n| format!("{n} reasons"),
            most_mentioned: "Most mentioned: ",
            mentions: |n| if n == 1 { "1 mention".to_string() } else { format!("{n} mentions") },
            split: |p, d| format!("promoters {p} · detractors {d}"),
            quotes: "In their words",
            said_by: |g| match g {
                "promoter" => "promoter",
                "passive" => "passive",
                _ => "detractor",
            },
        },
    }
}

fn subject_view(locale: Locale, slug: String, name: String, themes: SubjectThemes) -> AnyView {
    let w = words(locale);
    let top: Vec<_> = themes.themes.iter().take(TOP_THEMES).collect();
    let summary_names = top
        .iter()
        .take(3)
        .map(|t| locale.pick(&t.name_zh, &t.name_en).to_string())
        .collect::<Vec<_>>()
        .join(locale.pick("、", ", "));
    let items = top
        .iter()
        .map(|t| {
            view! {
                <li data-testid="public-theme" data-theme=t.theme.clone()>
                    <span class="theme-name">{locale.pick(&t.name_zh, &t.name_en).to_string()}</span>
                    " "<span class="theme-count">{(w.mentions)(t.mentions)}</span>
                    <span class="muted theme-split">{(w.split)(t.by_group.promoters, t.by_group.detractors)}</span>
                </li>
            }
        })
        .collect_view();
    let quotes = themes
        .quotes
        .iter()
        .map(|q| {
            let theme = themes
                .theme(&q.theme)
                .map(|t| locale.pick(&t.name_zh, &t.name_en).to_string())
                .unwrap_or_default();
            view! {
                <figure class="quote" data-testid="public-quote">
                    <blockquote lang=q.lang.clone()>{q.text.clone()}</blockquote>
                    <figcaption class="muted">{(w.said_by)(&q.group)}" · "{theme}</figcaption>
                </figure>
            }
        })
        .collect_view();
    let has_quotes = !themes.quotes.is_empty();
    view! {
        <details class="subject-themes" id=format!("themes-{slug}") data-testid="subject-themes" data-subject=slug.clone()>
            <summary>
                <strong>{name}</strong>" · "{(w.reasons)(themes.reasons.total())}
                {(!summary_names.is_empty()).then(|| view! {
                    <span class="muted">" · "{w.most_mentioned}{summary_names.clone()}</span>
                })}
            </summary>
            <ul class="theme-list">{items}</ul>
            {has_quotes.then(|| view! {
                <h4>{w.quotes}</h4>
                {quotes}
            })}
        </details>
    }
    .into_any()
}

#[component]
pub fn WhatPeopleSay(results: SurveyResults) -> impl IntoView {
    let locale = use_locale();
    let w = words(locale);
    let subjects: Vec<AnyView> = results
        .subjects
        .iter()
        .filter_map(|s| {
            let themes = s
                .themes
                .clone()
                .filter(|t| !t.themes.is_empty() || !t.quotes.is_empty())?;
            let name = locale.pick(&s.name_zh, &s.name_en).to_string();
            Some(subject_view(locale, s.subject.clone(), name, themes))
        })
        .collect();
    (!subjects.is_empty()).then(|| {
        view! {
            <section class="what-people-say" aria-labelledby="themes-heading" data-testid="what-people-say">
                <h2 id="themes-heading">{w.heading}</h2>
                <p class="muted">{w.intro}</p>
                {subjects}
            </section>
        }
        .into_any()
    })
}
