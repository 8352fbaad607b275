//! Width folding: people type phone numbers, e-mail addresses and ids with full-width digits and
//! letters (１３８…, ＠) on Chinese keyboards. Every later step reads the folded text, so one
//! pattern covers both forms.

/// Full-width ASCII (U+FF01–U+FF5E) to its ASCII form, the ideographic space to a plain space;
/// everything else as it is.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Whether a character is a Chinese ideograph (the CJK blocks reasons use).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_letters_and_space_fold_to_ascii() {
        assert_eq!(fold_width("１３８　ａＢ＠ｃ．ｃｏｍ"), "138 aB@c.com");
    }

    #[test]
    fn chinese_text_and_punctuation_stay() {
        assert_eq!(fold_width("价格偏高。"), "价格偏高。");
    }
}
