//! Keywords per subject: TF-IDF with each subject's reasons as one document and the survey's
//! other subjects (the rest of the sector) as the corpus, so a word every brand hears (服务)
//! weighs little and one only this brand hears weighs much.

use std::collections::{BTreeMap, HashMap, HashSet};

/// One subject's terms, reason by reason.
pub type Document = Vec<Vec<String>>;

/// A keyword with its TF-IDF weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub term: String,
    pub weight: f64,
}

/// A term must come up in this many of a subject's reasons to be one of its keywords: a word
/// one person used says nothing about the subject (and may say something about the person).
pub const MIN_REASONS: usize = 2;

/// The `top` keywords of each document, heaviest first (ties by term, so the result never
/// depends on hash order). Terms in `exclude` (the subjects' own names) are never keywords.
pub fn keywords(
    documents: &[Document],
    exclude: &HashSet<String>,
    top: usize,
) -> Vec<Vec<Keyword>> {
    let n = documents.len() as f64;
    // In how many documents each term occurs.
    let mut document_frequency: HashMap<&str, usize> = HashMap::new();
    for document in documents {
        let terms: HashSet<&str> = document.iter().flatten().map(String::as_str).collect();
        for term in terms {
            *document_frequency.entry(term).or_default() += 1;
        }
    }
    documents
        .iter()
        .map(|document| {
            let total: usize = document.iter().map(Vec::len).sum();
            // Occurrences, and in how many reasons.
            let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for reason in document {
                let mut seen = HashSet::new();
                for term in reason {
                    let entry = counts.entry(term.as_str()).or_default();
                    entry.0 += 1;
                    if seen.insert(term.as_str()) {
                        entry.1 += 1;
                    }
                }
            }
            let mut scored: Vec<Keyword> = counts
                .into_iter()
                .filter(|(term, (_, reasons))| *reasons >= MIN_REASONS && !exclude.contains(*term))
                .map(|(term, (occurrences, _))| {
                    let tf = occurrences as f64 / total as f64;
                    // ln((N + 1) / df): a term in every document weighs little but not
                    // nothing, so a survey of one subject still has keywords.
                    let df = document_frequency.get(term).copied().unwrap_or(1) as f64;
                    let idf = ((1.0 + n) / df).ln();
                    Keyword {
                        term: term.to_string(),
                        weight: tf * idf,
                    }
                })
                .collect();
            scored.sort_by(|a, b| {
                b.weight
                    .total_cmp(&a.weight)
                    .then_with(|| a.term.cmp(&b.term))
            });
            scored.truncate(top);
            scored
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(reasons: &[&[&str]]) -> Document {
        reasons
            .iter()
            .map(|r| r.iter().map(|t| t.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_term_only_one_subject_hears_outweighs_a_common_one() {
        let documents = vec![
            doc(&[&["服务", "推销"], &["服务", "推销"], &["服务"]]),
            doc(&[&["服务", "干净"], &["服务", "干净"]]),
        ];
        let result = keywords(&documents, &HashSet::new(), 5);
        assert_eq!(result[0][0].term, "推销");
        assert_eq!(result[1][0].term, "干净");
        // tf(推销) = 2/5, idf = ln(3/1); tf(服务) = 3/5, idf = ln(3/2).
        let expected = 0.4 * 3.0f64.ln();
        assert!((result[0][0].weight - expected).abs() < 1e-12);
    }

    #[test]
    fn one_persons_word_and_excluded_names_are_never_keywords() {
        let documents = vec![doc(&[&["康乐", "耐心", "电话"], &["康乐", "耐心"]])];
        let exclude: HashSet<String> = ["康乐".to_string()].into();
        let terms: Vec<String> = keywords(&documents, &exclude, 5)[0]
            .iter()
            .map(|k| k.term.clone())
            .collect();
        assert_eq!(terms, ["耐心"]);
    }
}
