//! Theme tagging: a reason mentions a theme when one of its words is one of the theme's words in
//! the sector's lexicon. Words, not substrings: 贵 (dear) is not in 宝贵 (precious), because
//! jieba reads 宝贵 as one word. A word with a degree or negation in front (太贵, 不贵, 很脏)
//! still counts: the theme is mentioned either way, and the score says how the person feels.

use std::collections::HashMap;

use crate::redact::{redact, Redacted};
use crate::segment::{is_term, Segmenter};

/// One theme of a sector's lexicon, as the tagger needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeWords {
    pub key: String,
    pub words: Vec<String>,
}

/// What one reason says: its redacted text, the themes it mentions (indices into the lexicon,
/// ascending) and its terms for keywords.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub redacted: Redacted,
    pub themes: Vec<usize>,
    pub terms: Vec<String>,
}

/// Reads reasons against one lexicon.
#[derive(Clone)]
pub struct Reader {
    segmenter: Segmenter,
    /// Single words (Chinese words, English words) to the themes listing them.
    words: HashMap<String, Vec<usize>>,
    /// English phrases of several words (`waiting time`) to the themes listing them.
    phrases: Vec<(Vec<String>, usize)>,
    theme_count: usize,
}

/// Degree and negation characters that may precede a theme word inside one jieba word.
const MODIFIERS: &str = "不很太好真超挺偏较更最蛮巨贼特";

impl Reader {
    /// A reader for `lexicon`; `names` (the subjects' names and aliases) join the segmenter's
    /// dictionary so they stay whole, and are never keywords of anyone.
    pub fn new<'a>(lexicon: &[ThemeWords], names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<&str> = names.into_iter().collect();
        let theme_words = lexicon
            .iter()
            .flat_map(|t| t.words.iter().map(String::as_str));
        let segmenter = Segmenter::with_words(theme_words.chain(names.iter().copied()));
        let mut words: HashMap<String, Vec<usize>> = HashMap::new();
        let mut phrases = Vec::new();
        for (index, theme) in lexicon.iter().enumerate() {
            for word in &theme.words {
                let parts = segmenter.words(word);
                match parts.len() {
                    0 => {}
                    1 => {
                        let entry = words.entry(parts[0].clone()).or_default();
                        if !entry.contains(&index) {
                            entry.push(index);
                        }
                    }
                    _ => phrases.push((parts, index)),
                }
            }
        }
        Reader {
            segmenter,
            words,
            phrases,
            theme_count: lexicon.len(),
        }
    }

    /// Redacts `reason`, then tags and splits the redacted text (so nothing hidden can become
    /// a keyword).
    pub fn read(&self, reason: &str) -> Reading {
        let redacted = redact(reason);
        let words = self.segmenter.words(&redacted.text);
        let mut hit = vec![false; self.theme_count];
        for word in &words {
            for index in self.themes_of(word) {
                hit[*index] = true;
            }
        }
        for (phrase, index) in &self.phrases {
            if words.windows(phrase.len()).any(|w| w == phrase.as_slice()) {
                hit[*index] = true;
            }
        }
        let themes = hit
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.then_some(i))
            .collect();
        let terms = words.into_iter().filter(|w| is_term(w)).collect();
        Reading {
            redacted,
            themes,
            terms,
        }
    }

    fn themes_of(&self, word: &str) -> &[usize] {
        if let Some(themes) = self.words.get(word) {
            return themes;
        }
        // 太贵 → 贵, 不脏 → 脏; English plurals: prices → price, queues → queue.
        let candidates = [
            word.strip_prefix(|c| MODIFIERS.contains(c)),
            word.strip_suffix('了'),
            word.strip_suffix('s').filter(|w| w.len() >= 3),
            word.strip_suffix("es").filter(|w| w.len() >= 3),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|w| self.words.get(w))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Vec<ThemeWords> {
        let theme = |key: &str, words: &[&str]| ThemeWords {
            key: key.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
        };
        vec![
            theme(
                "price",
                &[
                    "价格",
                    "贵",
                    "收费",
                    "性价比",
                    "expensive",
                    "price",
                    "pricey",
                ],
            ),
            theme("waiting", &["排队", "等", "waiting time", "queue"]),
        ]
    }

    #[test]
    fn a_word_inside_another_word_is_not_a_mention() {
        let reader = Reader::new(&lexicon(), []);
        assert_eq!(reader.read("宝贵的意见").themes, Vec::<usize>::new());
        assert_eq!(reader.read("太贵了").themes, vec![0]);
    }

    #[test]
    fn phrases_plurals_and_several_themes() {
        let reader = Reader::new(&lexicon(), []);
        assert_eq!(reader.read("The waiting time was long").themes, vec![1]);
        assert_eq!(reader.read("Prices are fine, no queues").themes, vec![0, 1]);
        assert_eq!(reader.read("性价比高，不用排队").themes, vec![0, 1]);
    }

    #[test]
    fn redaction_comes_before_terms() {
        let reader = Reader::new(&lexicon(), []);
        let reading = reader.read("王医生电话13812345678");
        assert!(!reading.redacted.text.contains("138"));
        assert!(reading
            .terms
            .iter()
            .all(|t| !t.contains('王') && !t.contains("138")));
    }
}
