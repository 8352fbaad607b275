//! Properties every interval method must have, on random counts.

use koubei_stats::{interval, Counts, IntervalOptions, Level, Method};
use proptest::prelude::*;

fn any_counts() -> impl Strategy<Value = Counts> {
    (0u64..400, 0u64..400, 0u64..400)
        .prop_filter("at least one response", |(p, a, d)| p + a + d > 0)
        .prop_map(|(p, a, d)| Counts::new(p, a, d))
}

fn any_method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

fn any_level() -> impl Strategy<Value = Level> {
    prop_oneof![
        (0.5f64..0.999),
        prop::sample::select(vec![1e-9, 0.01, 0.999_999, 0.999_999_999_999])
    ]
    .prop_map(|l| Level::new(l).expect("in (0, 1)"))
}

/// A percentile bootstrap with 2,000 resamples says something only for tails holding several
/// resamples and intervals wider than the grid of 1/n steps; outside that it returns sample
/// extremes or a single resampled value, which need not mirror or narrow exactly.
fn percentiles_are_meaningful(level: Level) -> bool {
    (0.5..=0.99).contains(&level.value())
}

fn options() -> IntervalOptions {
    // Fewer resamples keep the property run quick; the properties do not depend on it.
    IntervalOptions {
        resamples: 2_000,
        ..IntervalOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bounds_are_ordered_and_inside_the_scale(counts in any_counts(), method in any_method(), level in any_level()) {
        let i = interval(counts, method, level, &options()).unwrap().unwrap();
        prop_assert!(i.low <= i.high, "{i:?}");
        prop_assert!((-100.0..=100.0).contains(&i.low) && (-100.0..=100.0).contains(&i.high), "{i:?}");
        prop_assert!((-100.0..=100.0).contains(&i.nps));
    }

    #[test]
    fn swapping_promoters_and_detractors_negates_the_interval(counts in any_counts(), method in any_method(), level in any_level()) {
        prop_assume!(method != Method::Bootstrap || percentiles_are_meaningful(level));
        let i = interval(counts, method, level, &options()).unwrap().unwrap();
        let m = interval(counts.mirrored(), method, level, &options()).unwrap().unwrap();
        // The bootstrap negates exactly only in distribution; its seeded draws differ a little.
        let tolerance = if method == Method::Bootstrap { 2.5 } else { 1e-7 };
        prop_assert!((i.low + m.high).abs() <= tolerance, "{i:?} vs {m:?}");
        prop_assert!((i.high + m.low).abs() <= tolerance, "{i:?} vs {m:?}");
        prop_assert!((i.nps + m.nps).abs() <= 1e-9);
    }

    #[test]
    fn intervals_narrow_as_n_grows_with_fixed_shares(
        counts in any_counts().prop_filter("not unanimous", |c| [c.promoters, c.passives, c.detractors].iter().filter(|&&x| x > 0).count() > 1),
        method in any_method(),
        level in any_level(),
    ) {
        prop_assume!(method != Method::Bootstrap || percentiles_are_meaningful(level));
        let scaled = |k: u64| Counts::new(counts.promoters * k, counts.passives * k, counts.detractors * k);
        let small = interval(scaled(1), method, level, &options()).unwrap().unwrap();
        let large = interval(scaled(16), method, level, &options()).unwrap().unwrap();
        prop_assert!(large.high - large.low < small.high - small.low + 1e-9, "{small:?} → {large:?}");
    }

    #[test]
    fn the_interval_holds_the_estimate_it_is_centred_on(counts in any_counts(), level in any_level()) {
        for method in [Method::Wald, Method::Score] {
            let i = interval(counts, method, level, &options()).unwrap().unwrap();
            prop_assert!(i.low - 1e-9 <= i.nps && i.nps <= i.high + 1e-9, "{method}: {i:?}");
        }
    }
}

#[test]
fn huge_counts_and_extreme_levels_give_finite_ordered_bounds_quickly() {
    let huge = Counts::new(4_000_000_000, 3_000_000_000, 2_999_999_999);
    for method in Method::ALL {
        for level in [1e-9, 0.95, 0.999_999_999_999] {
            let level = Level::new(level).unwrap();
            let i = interval(huge, method, level, &IntervalOptions::default())
                .unwrap()
                .unwrap();
            assert!(
                i.low.is_finite() && i.high.is_finite() && i.low <= i.high,
                "{method}: {i:?}"
            );
            assert!(
                (i.low - 10.0).abs() < 0.1 && (i.high - 10.0).abs() < 0.1,
                "{method}: {i:?}"
            );
        }
    }
}

#[test]
fn no_data_is_reported_as_such_for_every_method() {
    for method in Method::ALL {
        let result = interval(
            Counts::default(),
            method,
            Level::default(),
            &IntervalOptions::default(),
        );
        assert_eq!(result, Ok(None), "{method}");
    }
}

#[test]
fn wald_reports_zero_width_for_unanimous_samples_and_others_do_not() {
    let unanimous = Counts::new(0, 12, 0);
    for method in Method::ALL {
        let i = interval(
            unanimous,
            method,
            Level::default(),
            &IntervalOptions::default(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            i.zero_width,
            matches!(method, Method::Wald | Method::Bootstrap),
            "{method}: {i:?}"
        );
    }
}
