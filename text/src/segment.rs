//! Words of a reason: Chinese by jieba-rs (its dictionary plus the sector's theme words and the
//! subjects' names, so 性价比 or 康乐养老院 stay whole), English by letters and digits,
//! lowercased. Stop words and markers are left out of the terms used for keywords.

use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;

use crate::normalize::{fold_width, is_han};
use crate::redact::{MARKER_EN, MARKER_ZH};

/// jieba's embedded dictionary, read once per process (about a fifth of a second); each
/// segmenter starts from a copy of it.
static BASE: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A word's frequency for added words: high enough that jieba keeps them whole.
const USER_WORD_FREQ: usize = 200_000;

/// A segmenter with a user dictionary.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
}

impl Segmenter {
    /// A segmenter that keeps each of `words` whole (Chinese ones; others need no dictionary).
    pub fn with_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut jieba = BASE.clone();
        for word in words {
            let word = word.trim();
            if word.chars().any(is_han) && !word.contains(char::is_whitespace) {
                jieba.add_word(word, Some(USER_WORD_FREQ), None);
            }
        }
        Segmenter {
            jieba: Arc::new(jieba),
        }
    }

    /// Every word of `text` (width-folded, English lowercased), punctuation and spaces left out.
    pub fn words(&self, text: &str) -> Vec<String> {
        let folded = fold_width(text);
        let mut words = Vec::new();
        for token in self.jieba.cut(&folded, true) {
            let word = token.word.trim();
            if word.is_empty() {
                continue;
            }
            if word.chars().any(is_han) {
                words.push(word.to_string());
            } else {
                // jieba passes Latin runs through as they are; split them into words.
                words.extend(
                    word.split(|c: char| !c.is_alphanumeric() && c != '\'')
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase),
                );
            }
        }
        words
    }
}

/// Whether a word carries meaning for keywords: not a stop word, not a number, not a marker,
/// at least two characters of Chinese or three letters of English.
pub fn is_term(word: &str) -> bool {
    if word.chars().any(is_han) {
        // A word jieba glued to a pronoun (我加, 他们家) says who, not what.
        word.chars().count() >= 2
            && !word.starts_with(['我', '你', '他', '她', '它'])
            && !STOP_ZH.contains(&word)
            && !MARKER_ZH.contains(word)
            && !word.chars().any(|c| c.is_ascii_digit())
    } else {
        word.chars().count() >= 3
            && word.chars().all(|c| c.is_alphabetic() || c == '\'')
            && !STOP_EN.contains(&word)
            && !MARKER_EN.contains(word)
    }
}

/// Chinese function words and fillers that say nothing about a subject.
const STOP_ZH: [&str; 64] = [
    "我们",
    "你们",
    "他们",
    "她们",
    "自己",
    "这个",
    "那个",
    "这些",
    "那些",
    "一个",
    "一些",
    "什么",
    "怎么",
    "非常",
    "比较",
    "有点",
    "有些",
    "特别",
    "感觉",
    "觉得",
    "真的",
    "总体",
    "总的来说",
    "因为",
    "所以",
    "如果",
    "虽然",
    "但是",
    "不过",
    "然后",
    "已经",
    "还有",
    "以后",
    "时候",
    "可以",
    "还是",
    "没有",
    "就是",
    "不是",
    "还行",
    "一般",
    "一点",
    "一直",
    "每次",
    "现在",
    "之前",
    "以前",
    "其实",
    "而且",
    "或者",
    "这样",
    "那样",
    "这里",
    "那里",
    "还算",
    "挺好",
    "不错",
    "很多",
    "太多",
    "有时",
    "偶尔",
    "东西",
    "地方",
    "大家",
];

/// English stop words.
const STOP_EN: [&str; 96] = [
    "the", "and", "but", "for", "not", "you", "your", "are", "was", "were", "has", "have", "had",
    "this", "that", "these", "those", "with", "from", "they", "them", "their", "there", "here",
    "what", "when", "which", "who", "will", "would", "could", "should", "can", "did", "does",
    "doing", "done", "been", "being", "its", "it's", "our", "ours", "she", "her", "him", "his",
    "mine", "all", "any", "some", "more", "most", "very", "too", "just", "only", "also", "than",
    "then", "into", "out", "about", "over", "after", "before", "again", "once", "because", "while",
    "until", "each", "every", "much", "many", "such", "nor", "off", "own", "same", "so", "how",
    "why", "where", "one", "two", "get", "got", "really", "quite", "bit", "lot", "always", "never",
    "still", "even",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_stay_whole() {
        let plain = Segmenter::with_words([]);
        let with = Segmenter::with_words(["康乐颐年"]);
        let text = "康乐颐年的护理员很有耐心";
        assert!(!plain.words(text).contains(&"康乐颐年".to_string()));
        assert!(with.words(text).contains(&"康乐颐年".to_string()));
    }

    #[test]
    fn english_is_split_and_lowercased() {
        let s = Segmenter::with_words([]);
        assert_eq!(s.words("Too much Upselling!"), ["too", "much", "upselling"]);
    }

    #[test]
    fn stop_words_numbers_and_markers_are_not_terms() {
        assert!(is_term("护理员"));
        assert!(is_term("upselling"));
        for word in [
            "我们",
            "我加",
            "的",
            "30",
            "redacted",
            "已隐去",
            "the",
            "ok",
        ] {
            assert!(!is_term(word), "{word}");
        }
    }
}
