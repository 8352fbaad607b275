//! Redaction (隐去): personal data in a reason is replaced by a marker before anyone but an
//! admin reads it — mainland mobile numbers, landlines, ID numbers, e-mail addresses, licence
//! plates, WeChat and QQ ids, bank-card-like digit runs and names with a title (王医生, Dr Li).
//!
//! Detection reads the width-folded text (full-width digits and letters count as their ASCII
//! forms) but the output keeps every character that is not redacted exactly as typed: folding is
//! one character for one, so a span found in the folded text is the same span of the original.
//! When in doubt a span is hidden: a missed phone number harms a person, a hidden word does not.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::{fold_width, is_han};

/// What replaces a span in a reason that contains Chinese.
pub const MARKER_ZH: &str = "〔已隐去〕";
/// What replaces a span in a reason without Chinese.
pub const MARKER_EN: &str = "[redacted]";

/// A reason with its personal data replaced, and how many spans were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub spans: usize,
}

/// The kinds of personal data found (for tests and counts; the marker does not say which).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Email,
    ChatId,
    Plate,
    Mobile,
    IdNumber,
    Landline,
    DigitRun,
    Name,
}

/// A found span, in character positions of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Redacts `text`; the marker is Chinese when the text contains Chinese.
pub fn redact(text: &str) -> Redacted {
    let spans = find(text);
    if spans.is_empty() {
        return Redacted {
            text: text.to_string(),
            spans: 0,
        };
    }
    let marker = if text.chars().any(is_han) {
        MARKER_ZH
    } else {
        MARKER_EN
    };
    let mut out = String::with_capacity(text.len());
    let mut spans_iter = spans.iter().peekable();
    let mut skip_until = 0usize;
    for (i, c) in text.chars().enumerate() {
        if i < skip_until {
            continue;
        }
        if let Some(span) = spans_iter.peek().filter(|s| s.start == i) {
            out.push_str(marker);
            skip_until = span.end;
            spans_iter.next();
            continue;
        }
        out.push(c);
    }
    Redacted {
        text: out,
        spans: spans.len(),
    }
}

/// The personal data spans of `text`, sorted and merged where they overlap.
pub fn find(text: &str) -> Vec<Span> {
    let folded = Folded::new(text);
    let mut spans = Vec::new();
    spans.extend(pattern_spans(&folded, &EMAIL, 1, Kind::Email));
    spans.extend(pattern_spans(&folded, &CHAT_ID, 1, Kind::ChatId));
    spans.extend(pattern_spans(&folded, &QQ_ID, 1, Kind::ChatId));
    spans.extend(plate_spans(&folded));
    spans.extend(digit_run_spans(&folded, &spans));
    spans.extend(name_spans(&folded));
    spans.extend(pattern_spans(&folded, &ENGLISH_NAME, 1, Kind::Name));
    spans.extend(pattern_spans(&folded, &NAMED_AS, 1, Kind::Name));
    merge(spans)
}

/// The folded text, with the byte offset of every character (for regex matches).
struct Folded {
    text: String,
    chars: Vec<char>,
    byte_starts: Vec<usize>,
}

impl Folded {
    fn new(original: &str) -> Self {
        let text = fold_width(original);
        let chars: Vec<char> = text.chars().collect();
        let byte_starts = text.char_indices().map(|(b, _)| b).collect();
        Folded {
            text,
            chars,
            byte_starts,
        }
    }

    /// The character position of a byte offset (a char boundary, or the end).
    fn char_index(&self, byte: usize) -> usize {
        self.byte_starts
            .binary_search(&byte)
            .unwrap_or_else(|insert_at| insert_at)
    }
}

fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

fn pattern_spans(folded: &Folded, pattern: &Regex, group: usize, kind: Kind) -> Vec<Span> {
    pattern
        .captures_iter(&folded.text)
        .filter_map(|caps| caps.get(group))
        .map(|m| Span {
            start: folded.char_index(m.start()),
            end: folded.char_index(m.end()),
            kind,
        })
        .collect()
}

fn regex(pattern: &str) -> Regex {
    #[allow(clippy::unwrap_used)] // the patterns are constants, checked by every test
    Regex::new(pattern).unwrap()
}

/// The address is group 1; what follows it must not continue it (a Chinese character may: the
/// regex's `\b` would count it as part of a word).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)([a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\]|\bat\b)\s*[a-z0-9\-]+(?:\s*\.\s*[a-z0-9\-]+)*\s*\.\s*(?:com|cn|net|org|edu|gov|hk|io|me|top|vip|info|biz|co|cc))(?:[^a-z0-9\-]|$)",
    )
});

/// A WeChat id after its keyword: letters first (WeChat's rule) or a phone-like number.
static CHAT_ID: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:微信号?|微訊|weixin|wechat|vx|wx|v信|薇信|威信|加v|加微|微号)\s*(?:号码|账号|号|id)?\s*(?:[:：是为加]|搜索?)?\s*([a-z][a-z0-9_\-]{4,19}|\d{5,12})",
    )
});

/// A QQ number after its keyword.
static QQ_ID: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?:qq|扣扣|企鹅号?)\s*(?:号码|号|id)?\s*[:：是为]?\s*(\d[\d \-]{3,14}\d)")
});

/// `Dr Wang`, `Mr. Li Ming`, `nurse Zhang`: the name after an English title (also right after
/// Chinese: 感谢Dr Wang, where `\b` would see no boundary).
static ENGLISH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[^A-Za-z])(?i:mr|mrs|ms|miss|dr|doctor|nurse|prof|professor|manager)\.?\s+([A-Z][a-z]+(?:[ \-][A-Z][a-z]+)?)",
    )
});

/// `名叫李红`, `叫做王小明`, `姓名：张三`.
static NAMED_AS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:名叫|叫做|名字叫|名字是|姓名\s*[:：]?)\s*(\p{Han}{2,3})"));

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Licence plates: a province, a letter, then five (six for new-energy cars) letters and
/// digits with at least one digit, optionally split by a dot or a space.
fn plate_spans(folded: &Folded) -> Vec<Span> {
    let chars = &folded.chars;
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if PROVINCES.contains(chars[i]) {
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j].is_ascii_alphabetic() {
                let mut k = j + 1;
                let mut body = 0;
                let mut digits = 0;
                while k < chars.len() && body < 7 {
                    let c = chars[k];
                    if c.is_ascii_alphanumeric() {
                        body += 1;
                        digits += usize::from(c.is_ascii_digit());
                    } else if !(matches!(c, '·' | '•' | '.' | '-' | ' ') && body == 0) {
                        break;
                    }
                    k += 1;
                }
                if (5..=6).contains(&body) && digits >= 1 {
                    spans.push(Span {
                        start: i,
                        end: k,
                        kind: Kind::Plate,
                    });
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    spans
}

/// Words after which a short number is a phone or chat number, not an amount.
const CONTACT_WORDS: [&str; 16] = [
    "电话", "座机", "手机", "号码", "联系", "致电", "拨打", "打", "热线", "tel", "phone", "call",
    "qq", "扣扣", "微信", "mobile",
];

/// Runs of digits, with single spaces, dashes, dots or brackets between groups (138 1234 5678,
/// (0755) 8888-6666, +86 138…): classified by their digits. Spans already found (e-mail
/// addresses, chat ids) are skipped.
fn digit_run_spans(folded: &Folded, found: &[Span]) -> Vec<Span> {
    let chars = &folded.chars;
    let inside_found = |i: usize| found.iter().any(|s| s.start <= i && i < s.end);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || inside_found(i) {
            i += 1;
            continue;
        }
        // Extend over digits and single separators between digits.
        let mut start = i;
        let mut end = i;
        let mut digits = String::new();
        let mut k = i;
        while k < chars.len() {
            let c = chars[k];
            if c.is_ascii_digit() {
                digits.push(c);
                k += 1;
                end = k;
            } else if let Some(skip) = separator_run(chars, k) {
                k += skip;
            } else {
                break;
            }
        }
        // An ID number ends in a check character X.
        if digits.len() == 17 && chars.get(end).is_some_and(|c| matches!(c, 'X' | 'x')) {
            digits.push('X');
            end += 1;
        }
        // A leading + or ( belongs to the number.
        if start > 0 && matches!(chars[start - 1], '+' | '(') {
            start -= 1;
        }
        let before: String = chars[start.saturating_sub(8)..start]
            .iter()
            .collect::<String>()
            .to_lowercase();
        if let Some(kind) = classify(&digits, &before) {
            spans.push(Span { start, end, kind });
        }
        i = end.max(i + 1);
    }
    spans
}

/// Characters people put between the groups of a number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '(' | ')' | '—' | '–' | '/' | '_' | '，' | '、' | ',' | '~'
    )
}

/// At `k`, up to three separators followed by a digit: how many to skip (138 - 1234 - 5678,
/// 138/1234/5678, (0755) 8888).
fn separator_run(chars: &[char], k: usize) -> Option<usize> {
    let run = chars[k..]
        .iter()
        .take(4)
        .take_while(|c| is_separator(**c))
        .count();
    ((1..=3).contains(&run) && chars.get(k + run).is_some_and(char::is_ascii_digit)).then_some(run)
}

fn classify(digits: &str, before: &str) -> Option<Kind> {
    let national = digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
        .unwrap_or(digits);
    let bytes = national.as_bytes();
    let after_contact_word = CONTACT_WORDS.iter().any(|w| before.contains(w));
    if national.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
        Some(Kind::Mobile)
    } else if digits.len() == 18 && id_checksum_ok(digits) {
        Some(Kind::IdNumber)
    } else if bytes.first() == Some(&b'0') && (10..=12).contains(&national.len()) {
        Some(Kind::Landline)
    } else if digits.len() >= 12 {
        // Bank cards, 15-digit IDs, an ID with a typo in its check digit, numbers run together.
        Some(Kind::DigitRun)
    } else if after_contact_word && digits.len() >= 5 {
        Some(Kind::Landline)
    } else {
        None
    }
}

/// GB 11643: the 18th character checks the first 17 digits.
pub fn id_checksum_ok(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(char::is_ascii_digit) {
        return false;
    }
    let sum: u32 = chars[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECK[(sum % 11) as usize] == chars[17].to_ascii_uppercase()
}

/// The commonest surnames (about nine in ten people), compound ones first.
const COMPOUND_SURNAMES: [&str; 10] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯",
];
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧柳葛阎庞";

/// Titles that follow a name (王医生, 李红护士, 陈先生, 王总), longest first.
const TITLES: [&str; 29] = [
    "护理员",
    "护士长",
    "营养师",
    "先生",
    "女士",
    "小姐",
    "医生",
    "医师",
    "大夫",
    "护士",
    "护工",
    "阿姨",
    "叔叔",
    "经理",
    "老师",
    "主任",
    "院长",
    "师傅",
    "店长",
    "教授",
    "律师",
    "客服",
    "专员",
    "顾问",
    "总监",
    "总",
    "工",
    "姐",
    "哥",
];

/// Characters that usually end a name when reading back from a title: grammar and greetings.
const NOT_IN_NAMES: &str = "的了和跟是位个说找问请让给被对向叫感多很常也都还就把这那有没在为与及等";

/// A name before a title: reading back at most three ideographs, the farthest surname starts
/// it (王小明医生 whole, 感谢王医生 from 王). A grammar word ends the name, unless no surname
/// comes before it: 陈和平医生 is one name. When in doubt more is hidden, never less.
fn name_spans(folded: &Folded) -> Vec<Span> {
    let chars = &folded.chars;
    let mut spans = Vec::new();
    for t in 0..chars.len() {
        if !TITLES.iter().any(|title| starts_with_at(chars, t, title)) {
            continue;
        }
        let mut within_grammar = None;
        let mut beyond_grammar = None;
        let mut crossed_grammar = false;
        for back in 1..=3 {
            let Some(i) = t.checked_sub(back) else { break };
            let c = chars[i];
            // 谢 is a surname, but in 感谢 and 谢谢 it is thanks.
            let thanks = c == '谢' && i >= 1 && matches!(chars[i - 1], '感' | '谢' | '多');
            if !is_han(c) || thanks {
                break;
            }
            let found = if i >= 1
                && COMPOUND_SURNAMES.contains(&chars[i - 1..=i].iter().collect::<String>().as_str())
            {
                Some(i - 1)
            } else {
                SURNAMES.contains(c).then_some(i)
            };
            if let Some(start) = found {
                if crossed_grammar {
                    beyond_grammar = Some(start);
                } else {
                    within_grammar = Some(start);
                }
            }
            crossed_grammar |= NOT_IN_NAMES.contains(c);
        }
        if let Some(start) = within_grammar.or(beyond_grammar) {
            spans.push(Span {
                start,
                end: t,
                kind: Kind::Name,
            });
        }
    }
    spans
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        find(text).iter().map(|s| s.kind).collect()
    }

    #[test]
    fn a_mobile_number_with_spaces_and_country_code_is_one_span() {
        assert_eq!(
            redact("有事打+86 138 1234 5678找我").text,
            "有事打〔已隐去〕找我"
        );
        assert_eq!(kinds("电话１３８１２３４５６７８"), vec![Kind::Mobile]);
    }

    #[test]
    fn an_id_number_with_a_valid_check_digit_is_an_id() {
        assert!(id_checksum_ok("11010519491231002X"));
        assert!(!id_checksum_ok("110105194912310021"));
        assert_eq!(kinds("身份证11010519491231002X"), vec![Kind::IdNumber]);
        // A wrong check digit is still hidden, as a long digit run.
        assert_eq!(kinds("身份证110105194912310021"), vec![Kind::DigitRun]);
    }

    #[test]
    fn names_before_titles_keep_the_title() {
        assert_eq!(redact("感谢王医生").text, "感谢〔已隐去〕医生");
        assert_eq!(redact("王小明医生很耐心").text, "〔已隐去〕医生很耐心");
        assert_eq!(redact("这位医生很耐心").text, "这位医生很耐心");
        assert_eq!(redact("Dr. Wang was kind").text, "Dr. [redacted] was kind");
    }

    #[test]
    fn amounts_dates_and_durations_are_not_personal_data() {
        for text in [
            "价格199元，等了30分钟",
            "2026年12月5日去的",
            "Waited 45 minutes, paid 1200 yuan",
            "会员价格25元一个月",
        ] {
            assert_eq!(redact(text).text, text, "{text}");
        }
    }

    #[test]
    fn untouched_characters_keep_their_full_width_form() {
        assert_eq!(
            redact("价格偏高，电话１３８１２３４５６７８。").text,
            "价格偏高，电话〔已隐去〕。"
        );
    }
}
