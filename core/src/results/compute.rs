//! Results from tallies: each subject's counts, NPS and interval by the survey's method; tiers
//! and simultaneous rank intervals among the subjects that reach the minimum n; sector totals.
//! Pure: the same input always gives the same output (the simulations are seeded).

use stats::{
    interval, rank_confidence_sets, tiers, Counts, IntervalOptions, Level, Method, StatsError,
};

use domain::results::{ResultStatus, SubjectResult, SurveyResults, Totals};

/// One subject going in: slug, names and score histogram.
pub struct SubjectTally {
    pub subject: String,
    pub name_zh: String,
    pub name_en: String,
    pub histogram: [u64; 11],
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

pub fn compute(
    header: SurveyHeader,
    subjects: Vec<SubjectTally>,
    method: Method,
    level: Level,
    min_n: u64,
) -> Result<SurveyResults, StatsError> {
    let counts: Vec<Counts> = subjects
        .iter()
        .map(|s| Counts::from_histogram(&s.histogram))
        .collect();
    let eligible: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].n() >= min_n.max(1))
        .collect();
    let eligible_counts: Vec<Counts> = eligible.iter().map(|&i| counts[i]).collect();
    let tier_of = tiers(&eligible_counts, level)?;
    let ranks = rank_confidence_sets(&eligible_counts, level)?;
    let options = IntervalOptions::default();
    let mut results = Vec::with_capacity(subjects.len());
    for (index, subject) in subjects.into_iter().enumerate() {
        let c = counts[index];
        let position = eligible.iter().position(|&i| i == index);
        let estimate = interval(c, method, level, &options)?;
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
            nps: estimate.map(|e| e.nps),
            ci_low: estimate.map(|e| e.low),
            ci_high: estimate.map(|e| e.high),
            tier: position.and_then(|p| tier_of[p]),
            rank_low: position.map(|p| ranks[p].best),
            rank_high: position.map(|p| ranks[p].worst),
            reply: None,
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
    let total_estimate = interval(total, method, level, &options)?;
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
            nps: total_estimate.map(|e| e.nps),
            ci_low: total_estimate.map(|e| e.low),
            ci_high: total_estimate.map(|e| e.high),
        },
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
    }
}
