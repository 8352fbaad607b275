//! Which pages load the browser bundle: every page with an island loads one, the calculator
//! its own (with the statistics), and pages that are server HTML alone load no script.

use crate::on_both_databases;
use crate::support::TestApp;

const FORMS: &str = "/pkg/koubei.js";
const CALCULATOR: &str = "/pkg/koubei_calculator.js";

async fn pages_load_a_bundle_when_they_hold_an_island_and_only_then(app: TestApp) {
    app.seed_demo().await;
    for (path, bundle) in [
        ("/", Some(FORMS)),
        ("/s/dental-clinics-2026", Some(FORMS)),
        ("/tools/nps", Some(CALCULATOR)),
        ("/s/dental-clinics-2026/thanks", None),
        ("/r/dental-clinics-2025", None),
        ("/r/dental-clinics-2025/1", None),
        ("/r/dental-clinics-2025/1/report", None),
        ("/sectors", None),
        ("/sectors/dental-clinics", None),
        ("/my-answers", None),
        ("/no-such-page", None),
    ] {
        let (_, html) = app.get_with(path, &[]).await;
        let islands = html.contains("<leptos-island");
        let loads = [FORMS, CALCULATOR].into_iter().find(|b| html.contains(b));
        assert_eq!(loads, bundle, "{path}");
        assert_eq!(
            islands,
            bundle.is_some(),
            "{path}: islands without a bundle, or the reverse"
        );
        if bundle.is_none() {
            // Leptos's resource data may stay as inline data; no module, no wasm is loaded.
            assert!(!html.contains(r#"type="module""#), "{path} loads no module");
            assert!(!html.contains("_bg.wasm"), "{path} loads no wasm");
        }
    }
}

on_both_databases!(pages_load_a_bundle_when_they_hold_an_island_and_only_then);
