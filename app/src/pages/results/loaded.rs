use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::i18n::use_results_messages;
use crate::pages::NotFound;

/// The three ways a public results page's data can come back: found (the page), missing (the
/// 404 page) or unavailable (the database failed; said so instead of pretending it is missing).
#[component]
pub fn LoadedPage<T, V>(
    data: Resource<Result<Option<T>, ServerFnError>>,
    found: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let r = use_results_messages();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(value)) => found(value).into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! {
                        <main class="page" id="main"><p class="error" role="alert">{r.unavailable}</p></main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
