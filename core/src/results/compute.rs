//! Results from tallies: each subject's counts, NPS and interval by the survey's method; tiers
//! and simultaneous rank intervals among the subjects that reach the minimum n; sector totals.
//! Pure: the same input always gives the same output (the simulations are seeded).

use stats::{
    interval, rank_confidence_sets_effective, tiers_effective, weighted_nps, Counts,
    EffectiveCounts, IntervalOptions, Level, Method, StatsError, WeightedEstimate,
};

use domain::results::{
    Estimate, RanksBy, ResultStatus, SubjectResult, SubjectWeighting, SurveyResults, Totals,
    WeightingReport,
};

/// One subject going in: slug, names and score histogram.
pub struct SubjectTally {
    pub subject: String,
    pub name_zh: String,
    pub name_en: String,
    pub histogram: [u64; 11],
    /// Its counted answers as (score, raked weight), when the survey is weighted.
    pub weighted_answers: Vec<(u8, f64)>,
}

/// The survey around the subjects.
pub struct SurveyHeader {
    pub survey: String,
    pub title_zh: String,
    pub title_en: String,
    pub sector: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
}

/// Weighted intervals are adjusted-Wald on the effective counts, or Wald when the survey asks
/// for Wald: the other methods have no weighted form.
fn weighted_method(method: Method) -> Method {
    if method == Method::Wald {
        Method::Wald
    } else {
        Method::AdjustedWald
    }
}

/// Both figures, and the one that ranks as (nps, low, high).
fn side_by_side(
    unweighted: Option<stats::NpsInterval>,
    weighted: Option<WeightedEstimate>,
    ranks_by: RanksBy,
) -> (Option<(f64, f64, f64)>, Option<SubjectWeighting>) {
    let plain = unweighted.map(|e| (e.nps, e.low, e.high));
    let Some((unweighted, weighted)) = unweighted.zip(weighted) else {
        return (plain, None);
    };
    let both = SubjectWeighting {
        unweighted: Estimate {
            nps: unweighted.nps,
            ci_low: unweighted.low,
            ci_high: unweighted.high,
        },
        weighted: Estimate {
            nps: weighted.nps,
            ci_low: weighted.low,
            ci_high: weighted.high,
        },
        n_eff: weighted.n_eff,
    };
    let ranking = match ranks_by {
        RanksBy::Weighted => (weighted.nps, weighted.low, weighted.high),
        RanksBy::Unweighted => (unweighted.nps, unweighted.low, unweighted.high),
    };
    (Some(ranking), Some(both))
}

/// Results of the subjects; with `weighting`, also weighted (each subject's
/// `weighted_answers`), and ranked by whichever results the report names. Eligibility for a
/// rank is always the answers counted (n), not n_eff.
pub fn compute(
    header: SurveyHeader,
    subjects: Vec<SubjectTally>,
    method: Method,
    level: Level,
    min_n: u64,
    weighting: Option<WeightingReport>,
) -> Result<SurveyResults, StatsError> {
    let counts: Vec<Counts> = subjects
        .iter()
        .map(|s| Counts::from_histogram(&s.histogram))
        .collect();
    let weighted: Vec<Option<WeightedEstimate>> = match &weighting {
        Some(_) => subjects
            .iter()
            .map(|s| weighted_nps(&s.weighted_answers, weighted_method(method), level))
            .collect::<Result<_, _>>()?,
        None => vec![None; subjects.len()],
    };
    let ranks_by = weighting
        .as_ref()
        .map_or(RanksBy::Unweighted, |w| w.ranks_by);
    let eligible: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].n() >= min_n.max(1))
        .collect();
    let eligible_counts: Vec<EffectiveCounts> = eligible
        .iter()
        .map(|&i| match ranks_by {
            RanksBy::Weighted => weighted[i].map(|w| w.effective).unwrap_or_default(),
            RanksBy::Unweighted => counts[i].into(),
        })
        .collect();
    let tier_of = tiers_effective(&eligible_counts, level)?;
    let ranks = rank_confidence_sets_effective(&eligible_counts, level)?;
    let options = IntervalOptions::default();
    let mut results = Vec::with_capacity(subjects.len());
    let mut subjects_answers = Vec::with_capacity(subjects.len());
    for (index, subject) in subjects.into_iter().enumerate() {
        subjects_answers.push(subject.weighted_answers);
        let c = counts[index];
        let position = eligible.iter().position(|&i| i == index);
        let (estimate, weighting) = side_by_side(
            interval(c, method, level, &options)?,
            weighted[index],
            ranks_by,
        );
        results.push(SubjectResult {
            subject: subject.subject,
            name_zh: subject.name_zh,
            name_en: subject.name_en,
            status: if position.is_some() {
                ResultStatus::Ranked
            } else {
                ResultStatus::InsufficientSample
            },
            n: c.n(),
            promoters: c.promoters,
            passives: c.passives,
            detractors: c.detractors,
            nps: estimate.map(|e| e.0),
            ci_low: estimate.map(|e| e.1),
            ci_high: estimate.map(|e| e.2),
            tier: position.and_then(|p| tier_of[p]),
            rank_low: position.map(|p| ranks[p].best),
            rank_high: position.map(|p| ranks[p].worst),
            weighting,
            reply: None,
            themes: None,
        });
    }
    results.sort_by(|a, b| match (a.tier, b.tier) {
        (Some(x), Some(y)) => x
            .cmp(&y)
            .then(
                b.nps
                    .unwrap_or(f64::MIN)
                    .total_cmp(&a.nps.unwrap_or(f64::MIN)),
            )
            .then(a.subject.cmp(&b.subject)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.n.cmp(&a.n).then(a.subject.cmp(&b.subject)),
    });
    let total = counts.iter().fold(Counts::new(0, 0, 0), |acc, c| {
        Counts::new(
            acc.promoters + c.promoters,
            acc.passives + c.passives,
            acc.detractors + c.detractors,
        )
    });
    let total_weighted = match &weighting {
        Some(_) => weighted_nps(&subjects_answers.concat(), weighted_method(method), level)?,
        None => None,
    };
    let (total_estimate, total_weighting) = side_by_side(
        interval(total, method, level, &options)?,
        total_weighted,
        ranks_by,
    );
    Ok(SurveyResults {
        survey: header.survey,
        title_zh: header.title_zh,
        title_en: header.title_en,
        sector: header.sector,
        sector_name_zh: header.sector_name_zh,
        sector_name_en: header.sector_name_en,
        method: method.as_str().to_string(),
        method_version: stats::METHOD_VERSION.to_string(),
        level: level.value(),
        min_n,
        subjects: results,
        totals: Totals {
            n: total.n(),
            promoters: total.promoters,
            passives: total.passives,
            detractors: total.detractors,
            nps: total_estimate.map(|e| e.0),
            ci_low: total_estimate.map(|e| e.1),
            ci_high: total_estimate.map(|e| e.2),
            weighting: total_weighting,
        },
        weighting,
        fieldwork: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> SurveyHeader {
        SurveyHeader {
            survey: "s".into(),
            title_zh: "调查".into(),
            title_en: "Survey".into(),
            sector: "x".into(),
            sector_name_zh: "行业".into(),
            sector_name_en: "Sector".into(),
        }
    }

    fn tally(subject: &str, promoters: u64, passives: u64, detractors: u64) -> SubjectTally {
        let mut histogram = [0; 11];
        histogram[10] = promoters;
        histogram[7] = passives;
        histogram[0] = detractors;
        SubjectTally {
            subject: subject.into(),
            name_zh: subject.into(),
            name_en: subject.into(),
            histogram,
            weighted_answers: Vec::new(),
        }
    }

    #[test]
    fn small_samples_are_shown_but_not_ranked_and_totals_add_up() {
        let results = compute(
            header(),
            vec![
                tally("small", 5, 0, 0),
                tally("a", 300, 100, 100),
                tally("b", 100, 100, 300),
            ],
            Method::AdjustedWald,
            Level::new(0.95).expect("level"),
            30,
            None,
        )
        .expect("results");
        let order: Vec<&str> = results
            .subjects
            .iter()
            .map(|s| s.subject.as_str())
            .collect();
        assert_eq!(order, ["a", "b", "small"]);
        let small = &results.subjects[2];
        assert_eq!(small.status, ResultStatus::InsufficientSample);
        assert_eq!((small.tier, small.rank_low), (None, None));
        assert_eq!(small.nps, Some(100.0), "shown with its estimate");
        assert_eq!(results.subjects[0].tier, Some(1));
        assert_eq!(
            results.subjects[1].tier,
            Some(2),
            "a clear gap is two tiers"
        );
        assert_eq!(
            (results.subjects[0].rank_low, results.subjects[0].rank_high),
            (Some(1), Some(1))
        );
        assert_eq!(results.totals.n, 1005);
        assert_eq!(results.totals.promoters, 405);
        assert!(results.weighting.is_none() && results.subjects[0].weighting.is_none());
    }

    fn report(ranks_by: RanksBy) -> WeightingReport {
        WeightingReport {
            ranks_by,
            cap: 5.0,
            converged: true,
            sweeps: 1,
            answers: 0,
            trimmed: 0,
            weight_min: 1.0,
            weight_max: 1.0,
            margins: Vec::new(),
        }
    }

    /// "a" wins among the young (most answers), "b" among the old (few answers, weighted up).
    fn weighted_pair() -> Vec<SubjectTally> {
        let mut a = tally("a", 120, 40, 40);
        let mut b = tally("b", 100, 40, 60);
        let answers = |t: &SubjectTally, old_likes: bool| -> Vec<(u8, f64)> {
            let mut out = Vec::new();
            for (score, &count) in t.histogram.iter().enumerate() {
                for i in 0..count {
                    // One answer in five is old, weighted 4; the old like b and not a.
                    let old = i % 5 == 0;
                    let score = match (old, old_likes, score) {
                        (true, true, _) => 10,
                        (true, false, _) => 0,
                        _ => score,
                    };
                    out.push((score as u8, if old { 4.0 } else { 1.0 }));
                }
            }
            out
        };
        a.weighted_answers = answers(&a, false);
        b.weighted_answers = answers(&b, true);
        vec![a, b]
    }

    #[test]
    fn weighted_results_stand_beside_the_plain_ones_and_rank_when_chosen() {
        let level = Level::new(0.95).expect("level");
        let by = |ranks_by| {
            compute(
                header(),
                weighted_pair(),
                Method::AdjustedWald,
                level,
                30,
                Some(report(ranks_by)),
            )
            .expect("results")
        };
        let plain = by(RanksBy::Unweighted);
        assert_eq!(plain.subjects[0].subject, "a", "a leads on who answered");
        let a = &plain.subjects[0];
        let both = a.weighting.expect("side by side");
        assert_eq!(a.nps, Some(both.unweighted.nps));
        assert!(both.n_eff < a.n as f64, "unequal weights cost information");
        let weighted = by(RanksBy::Weighted);
        assert_eq!(
            weighted.subjects[0].subject, "b",
            "b leads once the old count fully"
        );
        let b = &weighted.subjects[0];
        assert_eq!(b.nps, Some(b.weighting.expect("both").weighted.nps));
        assert!(weighted.totals.weighting.is_some());
    }
}
