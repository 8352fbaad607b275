use serde::{Deserialize, Serialize};

use crate::StatsError;

/// Which of the three NPS groups a score falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Promoter,
    Passive,
    Detractor,
}

impl Category {
    pub fn of(score: u8) -> Result<Category, StatsError> {
        match score {
            9..=10 => Ok(Category::Promoter),
            7..=8 => Ok(Category::Passive),
            0..=6 => Ok(Category::Detractor),
            _ => Err(StatsError::InvalidScore(score)),
        }
    }
}

/// Promoters, passives and detractors of one subject: everything NPS needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Counts {
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

impl Counts {
    pub fn new(promoters: u64, passives: u64, detractors: u64) -> Counts {
        Counts {
            promoters,
            passives,
            detractors,
        }
    }

    /// From the 11-bucket histogram: `histogram[s]` responses scored `s`.
    pub fn from_histogram(histogram: &[u64; 11]) -> Counts {
        Counts {
            promoters: histogram[9] + histogram[10],
            passives: histogram[7] + histogram[8],
            detractors: histogram[..7].iter().sum(),
        }
    }

    pub fn n(self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// The observed NPS, or `None` when there are no responses.
    pub fn nps(self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| 100.0 * (self.promoters as f64 - self.detractors as f64) / n as f64)
    }

    /// The same data with promoters and detractors swapped: its NPS is the negation.
    pub fn mirrored(self) -> Counts {
        Counts::new(self.detractors, self.passives, self.promoters)
    }

    /// Adds one response.
    pub fn record(&mut self, score: u8) -> Result<(), StatsError> {
        match Category::of(score)? {
            Category::Promoter => self.promoters += 1,
            Category::Passive => self.passives += 1,
            Category::Detractor => self.detractors += 1,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_splits_at_7_and_9() {
        let mut histogram = [0u64; 11];
        for (score, count) in histogram.iter_mut().enumerate() {
            *count = score as u64 + 1;
        }
        let counts = Counts::from_histogram(&histogram);
        assert_eq!(counts, Counts::new(10 + 11, 8 + 9, (1..=7).sum()));
    }

    #[test]
    fn nps_is_promoters_minus_detractors_over_n() {
        assert_eq!(Counts::new(3, 1, 1).nps(), Some(40.0));
        assert_eq!(Counts::new(0, 0, 0).nps(), None);
        assert_eq!(Counts::new(0, 4, 0).nps(), Some(0.0));
    }

    #[test]
    fn scores_are_categorised_and_out_of_range_refused() {
        let mut counts = Counts::default();
        for score in 0..=10 {
            counts.record(score).unwrap();
        }
        assert_eq!(counts, Counts::new(2, 2, 7));
        assert_eq!(counts.record(11), Err(StatsError::InvalidScore(11)));
    }
}
