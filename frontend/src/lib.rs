//! The browser entry point: hydrates the islands (the interactive parts) of the server-rendered
//! page, then marks `<body data-hydrated="true">` so tests and people debugging can tell a live
//! page from a server-rendered one.

// The islands are exported from the app crate; naming it makes sure it is linked in.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
