use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use stats::{interval, sample_size, IntervalOptions, Method, NpsInterval};

use crate::format::{percent, points};
use crate::i18n::use_messages;
use domain::calculator::{
    parse_interval_request, parse_method, parse_plan_request, Field, FieldError, IntervalRequest,
    PlanRequest,
};

/// `/tools/nps`: the public NPS calculator and sample-size planner. A plain GET form that the
/// server answers; once hydrated, the same Rust code recomputes in the browser as you type.
#[component]
pub fn NpsCalculatorPage() -> impl IntoView {
    let t = use_messages();
    let map = use_query_map().get_untracked();
    let query: Vec<(String, String)> = QUERY_KEYS
        .iter()
        .filter_map(|key| map.get(key).map(|value| (key.to_string(), value)))
        .collect();
    view! {
        <Title text=t.calc_title/>
        <main class="page calculator" id="main">
            <h1>{t.calc_title}</h1>
            <p class="lead">{t.calc_intro}</p>
            <NpsCalculator query/>
        </main>
    }
}

/// The calculator's query parameters, as the plain GET form sends them.
const QUERY_KEYS: [&str; 9] = [
    "promoters",
    "passives",
    "detractors",
    "method",
    "level",
    "margin",
    "plan_level",
    "promoter_share",
    "detractor_share",
];

/// The form and its results: an island, so the browser recomputes as people type. Only the
/// calculator's own bundle hydrates it (`crate::bundles`); in the forms bundle it is plain
/// markup that nothing calls, so the statistics stay out of that bundle.
#[cfg_attr(any(feature = "ssr", feature = "calculator"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "calculator")), component)]
fn NpsCalculator(query: Vec<(String, String)>) -> impl IntoView {
    let t = use_messages();
    let lookup = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    // With no query at all, show a worked example rather than a wall of "required" errors.
    let fresh = lookup("promoters").is_none() && lookup("margin").is_none();
    let start = |key: &str, example: &str| {
        RwSignal::new(lookup(key).unwrap_or_else(|| {
            if fresh {
                example.to_string()
            } else {
                String::new()
            }
        }))
    };
    let promoters = start("promoters", "40");
    let passives = start("passives", "30");
    let detractors = start("detractors", "30");
    let method = start("method", Method::default().as_str());
    let level = start("level", "0.95");
    let margin = start("margin", "5");
    let plan_level = start("plan_level", "0.95");
    let promoter_share = start("promoter_share", "");
    let detractor_share = start("detractor_share", "");

    let estimate = Memo::new(move |_| {
        parse_interval_request(
            &promoters.get(),
            &passives.get(),
            &detractors.get(),
            &method.get(),
            &level.get(),
        )
        .map(|request| {
            let result = interval(
                request.counts,
                request.method,
                request.level,
                &IntervalOptions::default(),
            );
            (request, result.ok().flatten())
        })
    });
    let plan = Memo::new(move |_| {
        parse_plan_request(
            &margin.get(),
            &plan_level.get(),
            &promoter_share.get(),
            &detractor_share.get(),
        )
        .map(|request| {
            (
                request,
                sample_size(request.margin, request.level, request.shares).ok(),
            )
        })
    });
    // Every field's problem, worked out once per change rather than once per field.
    let errors = Memo::new(move |_| {
        [estimate.get().err(), plan.get().err()]
            .into_iter()
            .flatten()
            .flatten()
            .collect::<Vec<FieldError>>()
    });
    let error_for = move |field: Field| {
        Signal::derive(move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| t.problem(e.problem))
            })
        })
    };

    view! {
            <form method="get" action="/tools/nps" class="calculator__form" novalidate>
                <IntervalPanel
                    fields=IntervalFields { promoters, passives, detractors, method, level }
                    estimate
                    error_for
                />
                <PlannerPanel fields=PlannerFields { margin, plan_level, promoter_share, detractor_share } plan error_for/>
            </form>
    }
}

/// The interval inputs' signals.
#[derive(Clone, Copy)]
struct IntervalFields {
    promoters: RwSignal<String>,
    passives: RwSignal<String>,
    detractors: RwSignal<String>,
    method: RwSignal<String>,
    level: RwSignal<String>,
}

/// The planner inputs' signals.
#[derive(Clone, Copy)]
struct PlannerFields {
    margin: RwSignal<String>,
    plan_level: RwSignal<String>,
    promoter_share: RwSignal<String>,
    detractor_share: RwSignal<String>,
}

type Estimate = Result<(IntervalRequest, Option<NpsInterval>), Vec<FieldError>>;
type Plan = Result<(PlanRequest, Option<u64>), Vec<FieldError>>;

#[component]
fn IntervalPanel(
    fields: IntervalFields,
    estimate: Memo<Estimate>,
    error_for: impl Fn(Field) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_messages();
    let IntervalFields {
        promoters,
        passives,
        detractors,
        method,
        level,
    } = fields;
    let api_url = move || {
        format!(
            "/api/v1/nps?promoters={}&passives={}&detractors={}&method={}&level={}",
            promoters.get().trim(),
            passives.get().trim(),
            detractors.get().trim(),
            method.get().trim(),
            level.get().trim()
        )
    };
    view! {
        <section class="panel" aria-labelledby="interval-heading">
            <h2 id="interval-heading" class="visually-hidden">{t.calc_title}</h2>
            <div class="field-grid">
                <TextField label=t.promoters_label field=Field::Promoters value=promoters error=error_for(Field::Promoters) numeric=true/>
                <TextField label=t.passives_label field=Field::Passives value=passives error=error_for(Field::Passives) numeric=true/>
                <TextField label=t.detractors_label field=Field::Detractors value=detractors error=error_for(Field::Detractors) numeric=true/>
            </div>
            <MethodField method error=error_for(Field::Method)/>
            <TextField label=t.level_label field=Field::Level value=level error=error_for(Field::Level) numeric=false/>
            <button type="submit">{t.calculate}</button>
            <IntervalResult estimate/>
            <p class="muted api-hint">{t.api_hint}" "<code data-testid="api-url">{api_url}</code></p>
        </section>
    }
    .into_any()
}

#[component]
fn MethodField(method: RwSignal<String>, error: Signal<Option<&'static str>>) -> impl IntoView {
    let t = use_messages();
    view! {
        <div class="field">
            <label for="method">{t.method_label}</label>
            <select id="method" name="method" data-testid="method" on:change=move |ev| method.set(event_target_value(&ev))>
                {Method::ALL
                    .into_iter()
                    .map(|m| {
                        view! {
                            <option value=m.as_str() selected=move || parse_method(&method.get()).unwrap_or_default() == m>
                                {t.method_name(m)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldMessage field=Field::Method error/>
        </div>
    }
    .into_any()
}

#[component]
fn IntervalResult(estimate: Memo<Estimate>) -> impl IntoView {
    let t = use_messages();
    view! {
        <div class="result" aria-live="polite" data-testid="nps-result">
            <h2>{t.result_title}</h2>
            {move || match estimate.get() {
                Err(_) => view! { <p class="muted">"—"</p> }.into_any(),
                Ok((_, None)) => view! { <p class="muted" data-testid="no-data">{t.result_no_data}</p> }.into_any(),
                Ok((request, Some(i))) => view! {
                    <p class="result__headline">
                        <span class="result__label">{t.result_nps}</span>
                        <strong class="result__nps" data-testid="nps-value">{points(i.nps)}</strong>
                    </p>
                    <p data-testid="nps-interval">
                        {(t.result_interval)(&percent(request.level.value()), &points(i.low), &points(i.high))}
                    </p>
                    <p class="muted">{(t.result_n)(request.counts.n())}" · "{t.method_name(request.method)}</p>
                    {i.zero_width.then(|| view! { <p class="warning" data-testid="zero-width">{t.result_zero_width}</p> })}
                }
                .into_any(),
            }}
        </div>
    }
    .into_any()
}

#[component]
fn PlannerPanel(
    fields: PlannerFields,
    plan: Memo<Plan>,
    error_for: impl Fn(Field) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_messages();
    let PlannerFields {
        margin,
        plan_level,
        promoter_share,
        detractor_share,
    } = fields;
    view! {
        <section class="panel" aria-labelledby="planner-heading">
            <h2 id="planner-heading">{t.planner_title}</h2>
            <p class="muted">{t.planner_intro}</p>
            <div class="field-grid">
                <TextField label=t.margin_label field=Field::Margin value=margin error=error_for(Field::Margin) numeric=false/>
                <TextField label=t.level_label field=Field::PlanLevel value=plan_level error=error_for(Field::PlanLevel) numeric=false/>
                <TextField label=t.promoter_share_label field=Field::PromoterShare value=promoter_share error=error_for(Field::PromoterShare) numeric=false/>
                <TextField label=t.detractor_share_label field=Field::DetractorShare value=detractor_share error=error_for(Field::DetractorShare) numeric=false/>
            </div>
            <button type="submit">{t.plan}</button>
            <p class="result" aria-live="polite" data-testid="plan-result">
                {move || match plan.get() {
                    Ok((request, Some(n))) => (t.planner_result)(n, &request.margin.to_string(), &percent(request.level.value())),
                    _ => "—".to_string(),
                }}
            </p>
        </section>
    }
    .into_any()
}

/// A labelled text input bound to a signal, with its error below it. Text (not number)
/// inputs, so the browser never blocks a submission: our own validation speaks, in our words.
#[component]
fn TextField(
    label: &'static str,
    field: Field,
    value: RwSignal<String>,
    error: Signal<Option<&'static str>>,
    numeric: bool,
) -> impl IntoView {
    let id = field.name();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type="text"
                inputmode=if numeric { "numeric" } else { "decimal" }
                autocomplete="off"
                value=value.get_untracked()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=format!("{id}-error")
                data-testid=id
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldMessage field error/>
        </div>
    }
    .into_any()
}

#[component]
fn FieldMessage(field: Field, error: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{}-error", field.name()) data-testid=format!("{}-error", field.name())>
            {move || error.get()}
        </p>
    }
    .into_any()
}
