//! A subject's theme table: how many reasons mention each theme, among promoters, passives and
//! detractors; and the themes that most separate the subject from the rest of the sector (the
//! other subjects of the survey), by the pooled two-proportion z-test.

use stats::{share_difference, Category};

/// One counted reason as the table needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedReason {
    pub group: Category,
    /// Indices into the lexicon.
    pub themes: Vec<usize>,
}

/// Reasons (or mentions) by group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByGroup {
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

impl ByGroup {
    pub fn total(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    fn add(&mut self, group: Category) {
        match group {
            Category::Promoter => self.promoters += 1,
            Category::Passive => self.passives += 1,
            Category::Detractor => self.detractors += 1,
        }
    }
}

/// One theme's mentions in one subject's reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeTally {
    pub theme: usize,
    pub mentions: ByGroup,
}

/// A theme this subject's reasons mention more (z > 0) or less often than the rest's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distinctive {
    pub theme: usize,
    pub share: f64,
    pub rest_share: f64,
    pub z: f64,
}

/// |z| at least this (two-sided 5 %) for a theme to count as separating a subject.
pub const DISTINCTIVE_Z: f64 = 1.96;

/// One subject's table.
#[derive(Clone, Debug, PartialEq)]
pub struct SubjectTable {
    pub reasons: ByGroup,
    /// Themes mentioned at least once, most mentioned first (ties by lexicon order).
    pub tallies: Vec<ThemeTally>,
    /// At most three, strongest first.
    pub distinctive: Vec<Distinctive>,
}

/// The tables of every subject (`subjects[i]` are subject i's reasons) for a lexicon of
/// `theme_count` themes.
pub fn tables(subjects: &[Vec<TaggedReason>], theme_count: usize) -> Vec<SubjectTable> {
    let per_subject: Vec<(ByGroup, Vec<ByGroup>)> = subjects
        .iter()
        .map(|reasons| {
            let mut total = ByGroup::default();
            let mut mentions = vec![ByGroup::default(); theme_count];
            for reason in reasons {
                total.add(reason.group);
                for &theme in &reason.themes {
                    if let Some(m) = mentions.get_mut(theme) {
                        m.add(reason.group);
                    }
                }
            }
            (total, mentions)
        })
        .collect();
    let all_reasons: u64 = per_subject.iter().map(|(t, _)| t.total()).sum();
    let all_mentions: Vec<u64> = (0..theme_count)
        .map(|theme| per_subject.iter().map(|(_, m)| m[theme].total()).sum())
        .collect();
    per_subject
        .iter()
        .map(|(reasons, mentions)| {
            let mut tallies: Vec<ThemeTally> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.total() > 0)
                .map(|(theme, m)| ThemeTally {
                    theme,
                    mentions: *m,
                })
                .collect();
            tallies.sort_by(|a, b| {
                b.mentions
                    .total()
                    .cmp(&a.mentions.total())
                    .then(a.theme.cmp(&b.theme))
            });
            let mut distinctive: Vec<Distinctive> = (0..theme_count)
                .filter_map(|theme| {
                    let here = mentions[theme].total();
                    let rest = all_mentions[theme] - here;
                    let d = share_difference(
                        here,
                        reasons.total(),
                        rest,
                        all_reasons - reasons.total(),
                    )?;
                    (d.z.abs() >= DISTINCTIVE_Z).then_some(Distinctive {
                        theme,
                        share: d.first,
                        rest_share: d.second,
                        z: d.z,
                    })
                })
                .collect();
            distinctive.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()).then(a.theme.cmp(&b.theme)));
            distinctive.truncate(3);
            SubjectTable {
                reasons: *reasons,
                tallies,
                distinctive,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(group: Category, themes: &[usize]) -> TaggedReason {
        TaggedReason {
            group,
            themes: themes.to_vec(),
        }
    }

    #[test]
    fn mentions_are_counted_by_group() {
        let subject = vec![
            reason(Category::Promoter, &[0]),
            reason(Category::Detractor, &[0, 1]),
            reason(Category::Detractor, &[]),
        ];
        let table = &tables(&[subject], 2)[0];
        assert_eq!(
            table.reasons,
            ByGroup {
                promoters: 1,
                passives: 0,
                detractors: 2
            }
        );
        assert_eq!(table.tallies[0].theme, 0);
        assert_eq!(
            table.tallies[0].mentions,
            ByGroup {
                promoters: 1,
                passives: 0,
                detractors: 1
            }
        );
        assert_eq!(table.tallies[1].mentions.detractors, 1);
    }

    #[test]
    fn a_theme_one_subject_hears_far_more_often_separates_it() {
        let mut a = vec![reason(Category::Detractor, &[1]); 30];
        a.extend(vec![reason(Category::Passive, &[0]); 10]);
        let b = vec![reason(Category::Passive, &[0]); 40];
        let result = tables(&[a, b], 2);
        assert!(result[0]
            .distinctive
            .iter()
            .any(|d| d.theme == 1 && d.z > 0.0));
        assert!(result[1]
            .distinctive
            .iter()
            .any(|d| d.theme == 1 && d.z < 0.0));
    }
}
