//! Which browser bundle a page loads. Only islands need the bundle, and only the calculator's
//! island needs the statistics (most of the bundle's weight), so there are two builds of it
//! (`scripts/build.sh`): `koubei`, with the survey form and the home page's finder (feature
//! `forms`), and `koubei_calculator`, with the calculator alone (feature `calculator`). Pages that are server HTML alone — results, rankings, reports, receipts — load
//! no script at all. A test renders every page and checks that each page with an island loads a
//! bundle, and each page without one loads none.

/// The bundle of the survey form and the home page's finder.
pub const FORMS_BUNDLE: &str = "koubei";
/// The bundle with the calculator (and the statistics it computes with in the browser).
pub const CALCULATOR_BUNDLE: &str = "koubei_calculator";

/// The bundle the page at `path` needs, if any.
pub fn bundle_for(path: &str) -> Option<&'static str> {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let survey_form = path
        .strip_prefix("/s/")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'));
    if path == "/tools/nps" {
        Some(CALCULATOR_BUNDLE)
    } else if path == "/" || survey_form {
        Some(FORMS_BUNDLE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_with_islands_load_a_bundle() {
        assert_eq!(bundle_for("/"), Some(FORMS_BUNDLE));
        assert_eq!(bundle_for("/s/dental-clinics-2026"), Some(FORMS_BUNDLE));
        assert_eq!(bundle_for("/s/dental-clinics-2026/"), Some(FORMS_BUNDLE));
        assert_eq!(bundle_for("/tools/nps"), Some(CALCULATOR_BUNDLE));
        for path in [
            "/s/dental-clinics-2026/thanks",
            "/r/dental-clinics-2025",
            "/r/dental-clinics-2025/1/report",
            "/sectors",
            "/sectors/dental-clinics",
            "/my-answers",
            "/preview/abc",
            "/verify/abc",
            "/nowhere",
        ] {
            assert_eq!(bundle_for(path), None, "{path}");
        }
    }
}
