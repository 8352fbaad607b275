//! Our results against reference values computed independently (stats/reference/, Python with
//! numpy/scipy/statsmodels, different algorithms where possible), to 1e-6 on the NPS scale.

use koubei_stats::interval::BAYES_EXACT_LIMIT;
use koubei_stats::{
    difference, interval, pairwise, sample_size, weighted_nps, Counts, IntervalOptions, Level,
    Method, Shares,
};

const TOLERANCE: f64 = 1e-6;
/// Above its exact-integral limit the Bayesian interval is a Cornish–Fisher expansion, which its
/// documentation holds to "well below 0.001 NPS points"; that claim is what is checked there.
const BAYES_EXPANSION_TOLERANCE: f64 = 1e-3;

/// Rows of a reference CSV as maps from column name to text.
fn rows(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let path = format!("{}/reference/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            header
                .iter()
                .zip(line.split(','))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn number(row: &std::collections::HashMap<String, String>, key: &str) -> f64 {
    row[key]
        .parse()
        .unwrap_or_else(|_| panic!("{key} = {:?}", row[key]))
}

fn counts(row: &std::collections::HashMap<String, String>, p: &str, a: &str, d: &str) -> Counts {
    Counts::new(
        number(row, p) as u64,
        number(row, a) as u64,
        number(row, d) as u64,
    )
}

/// p-values reach 1e-9 and below, where an absolute tolerance would accept 0: they are
/// compared relatively.
const P_RELATIVE_TOLERANCE: f64 = 1e-6;

fn close_p(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= P_RELATIVE_TOLERANCE * want.abs(),
        "{what}: got {got:e}, reference {want:e}"
    );
}

fn close(got: f64, want: f64, what: &str) {
    close_to(got, want, TOLERANCE, what);
}

fn close_to(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, reference {want}"
    );
}

#[test]
fn intervals_match_the_reference_table() {
    let rows = rows("intervals.csv");
    assert!(
        rows.len() >= 60,
        "the table covers at least 15 cases × 4 methods"
    );
    for row in rows {
        let counts = counts(&row, "promoters", "passives", "detractors");
        let method = Method::parse(&row["method"]).expect("method");
        let level = Level::new(number(&row, "level")).expect("level");
        let result = interval(counts, method, level, &IntervalOptions::default())
            .expect("valid input")
            .expect("n > 0");
        let what = format!("{counts:?} {method} {}", level.value());
        // The default prior adds one pseudo-count per category.
        let expansion = method == Method::Bayes && counts.n() as f64 + 3.0 > BAYES_EXACT_LIMIT;
        let tolerance = if expansion {
            BAYES_EXPANSION_TOLERANCE
        } else {
            TOLERANCE
        };
        close(result.nps, number(&row, "nps"), &format!("{what} nps"));
        close_to(
            result.low,
            number(&row, "ci_low"),
            tolerance,
            &format!("{what} low"),
        );
        close_to(
            result.high,
            number(&row, "ci_high"),
            tolerance,
            &format!("{what} high"),
        );
    }
}

#[test]
fn comparisons_match_the_reference_table() {
    for row in rows("comparisons.csv") {
        let first = counts(&row, "p1", "a1", "d1");
        let second = counts(&row, "p2", "a2", "d2");
        let method = Method::parse(&row["method"]).expect("method");
        let c = difference(first, second, method)
            .expect("supported")
            .expect("n > 0");
        let what = format!("{first:?} vs {second:?} {method}");
        close(c.diff, number(&row, "diff"), &format!("{what} diff"));
        close(c.se, number(&row, "se"), &format!("{what} se"));
        close(c.z, number(&row, "z"), &format!("{what} z"));
        close_p(c.p_value, number(&row, "p_value"), &format!("{what} p"));
    }
}

#[test]
fn holm_adjusted_pairs_match_the_reference_table() {
    let sector = [
        Counts::new(120, 50, 30),
        Counts::new(100, 60, 40),
        Counts::new(90, 70, 40),
        Counts::new(60, 80, 60),
        Counts::new(118, 52, 30),
    ];
    let pairs = pairwise(&sector, Method::AdjustedWald).expect("pairs");
    let reference = rows("holm.csv");
    assert_eq!(pairs.len(), reference.len());
    for (pair, row) in pairs.iter().zip(reference) {
        assert_eq!(
            (pair.first, pair.second),
            (number(&row, "i") as usize, number(&row, "j") as usize)
        );
        close_p(pair.comparison.p_value, number(&row, "p_raw"), "raw p");
        close_p(pair.p_holm, number(&row, "p_holm"), "Holm p");
    }
}

#[test]
fn sample_sizes_match_the_reference_table() {
    for row in rows("sample_size.csv") {
        let shares = (!row["promoter_share"].is_empty()).then(|| Shares {
            promoters: number(&row, "promoter_share"),
            detractors: number(&row, "detractor_share"),
        });
        let level = Level::new(number(&row, "level")).expect("level");
        let n = sample_size(number(&row, "margin"), level, shares).expect("valid");
        assert_eq!(n, number(&row, "n") as u64, "{row:?}");
    }
}

#[test]
fn weighted_nps_matches_the_reference() {
    let scores = [10u8, 9, 9, 8, 7, 6, 3, 0, 10, 5];
    let weights = [1.2, 0.8, 1.0, 1.5, 0.5, 2.0, 1.0, 0.7, 1.1, 0.9];
    let responses: Vec<(u8, f64)> = scores.into_iter().zip(weights).collect();
    let row = &rows("weighted.csv")[0];
    let estimate = weighted_nps(
        &responses,
        Method::Wald,
        Level::new(number(row, "level")).expect("level"),
    )
    .expect("valid")
    .expect("responses");
    close(estimate.nps, number(row, "nps"), "nps");
    close(estimate.n_eff, number(row, "n_eff"), "n_eff");
    close(estimate.low, number(row, "ci_low"), "low");
    close(estimate.high, number(row, "ci_high"), "high");
}

/// Raking with trimming, and the weighted NPS of each subject under the raked weights, against
/// `raking_reference.py` (numpy, matrix products where the Rust code loops over units).
#[test]
fn raking_and_weighted_subjects_match_the_reference() {
    let units = rows("raking_units.csv");
    let subjects = rows("raking_subjects.csv");
    let targets = |text: &str| -> Vec<f64> {
        text.split(';')
            .map(|s| s.parse().expect("target"))
            .collect()
    };
    let index =
        |text: &str| -> Option<usize> { (!text.is_empty()).then(|| text.parse().expect("index")) };
    let cases = rows("raking_cases.csv");
    assert_eq!(cases.len(), 3);
    for case in &cases {
        let name = &case["case"];
        let mine: Vec<_> = units.iter().filter(|u| &u["case"] == name).collect();
        let profile: Vec<Vec<Option<usize>>> = mine
            .iter()
            .map(|u| vec![index(&u["age"]), index(&u["district"])])
            .collect();
        let raked = koubei_stats::rake(
            &profile,
            &[
                targets(&case["age_targets"]),
                targets(&case["district_targets"]),
            ],
            koubei_stats::RakingOptions {
                cap: number(case, "cap"),
                ..Default::default()
            },
        )
        .expect("raked");
        assert_eq!(raked.sweeps.to_string(), case["sweeps"], "{name}: sweeps");
        assert_eq!(raked.converged.to_string(), case["converged"], "{name}");
        for (unit, weight) in mine.iter().zip(&raked.weights) {
            close_to(
                *weight,
                number(unit, "weight"),
                1e-9,
                &format!("{name} weight"),
            );
        }
        let level = Level::new(number(case, "level")).expect("level");
        for row in subjects.iter().filter(|s| &s["case"] == name) {
            let responses: Vec<(u8, f64)> = mine
                .iter()
                .zip(&raked.weights)
                .filter(|(u, _)| u["subject"] == row["subject"])
                .map(|(u, w)| (number(u, "score") as u8, *w))
                .collect();
            assert_eq!(responses.len().to_string(), row["n"]);
            let method = Method::parse(&row["method"]).expect("method");
            let estimate = weighted_nps(&responses, method, level)
                .expect("weighted")
                .expect("answers");
            let what = format!("{name} subject {} {}", row["subject"], row["method"]);
            close(estimate.nps, number(row, "nps"), &what);
            close(estimate.n_eff, number(row, "n_eff"), &what);
            close(estimate.low, number(row, "ci_low"), &what);
            close(estimate.high, number(row, "ci_high"), &what);
        }
    }
}
