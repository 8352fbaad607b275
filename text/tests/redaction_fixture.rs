//! The redaction fixture: every secret in `fixtures/redaction.tsv` (personal data in the forms
//! people type it) is gone after redaction, and the reasons of `fixtures/not_personal.txt`
//! (amounts, dates, durations, titles without names) come through unchanged.

use koubei_text::normalize::fold_width;
use koubei_text::redact;

/// The text as compared: width-folded, lowercased, without the separators people put inside
/// numbers, so `138 1234-5678` still shows `13812345678` if any of it were left.
fn compact(text: &str) -> String {
    fold_width(text)
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '·' | '（' | '）'))
        .collect()
}

#[test]
fn every_secret_of_the_fixture_is_redacted() {
    let fixture = include_str!("fixtures/redaction.tsv");
    let mut cases = 0;
    let mut leaks = Vec::new();
    for line in fixture.lines().filter(|l| !l.is_empty()) {
        let (secret, reason) = line.split_once('\t').expect("secret<TAB>reason");
        let redacted = redact(reason);
        if compact(&redacted.text).contains(&compact(secret)) || redacted.spans == 0 {
            leaks.push(format!("{reason} → {}", redacted.text));
        }
        cases += 1;
    }
    assert!(cases >= 200, "the fixture holds {cases} cases");
    assert!(
        leaks.is_empty(),
        "{} of {cases} leaked:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

#[test]
fn reasons_without_personal_data_are_unchanged() {
    let mut changed = Vec::new();
    for reason in include_str!("fixtures/not_personal.txt").lines() {
        let redacted = redact(reason);
        if redacted.text != reason {
            changed.push(format!("{reason} → {}", redacted.text));
        }
    }
    assert!(changed.is_empty(), "changed:\n{}", changed.join("\n"));
}
