//! The survey page's form fields, read the same way from a plain POST (JavaScript off) and
//! from the live page (JavaScript on, which sends the same name/value pairs).

use serde::{Deserialize, Serialize};

use super::answers::{AnswerDraft, SubmissionDraft};

/// Checkbox, one per subject the respondent has used; value: the subject slug.
pub const USED: &str = "used";
pub const AGE_BAND: &str = "age_band";
pub const DISTRICT: &str = "district";
/// Checkbox "someone helped me / I answered for a family member" (协助填写); value `1`.
pub const ASSISTED: &str = "assisted";
/// Hidden from people, tempting to bots.
pub const HONEYPOT: &str = "website";
pub const FORM_TOKEN: &str = "form_token";
pub const SUBMISSION: &str = "submission";

/// The score radio group's name for a subject.
pub fn score_field(subject: &str) -> String {
    format!("score-{subject}")
}

/// The "Why?" text area's name for a subject.
pub fn reason_field(subject: &str) -> String {
    format!("reason-{subject}")
}

/// Everything a survey form sends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormSubmission {
    pub draft: SubmissionDraft,
    pub honeypot_filled: bool,
    pub form_token: String,
    pub submission_id: String,
}

/// Reads the form's name/value pairs. A subject counts as answered when its box is ticked or it
/// has a score (a score without the tick still says the respondent used it), in the order the
/// subjects are listed.
pub fn read_form(subject_slugs: &[&str], pairs: &[(String, String)]) -> FormSubmission {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
    };
    let used = |slug: &str| pairs.iter().any(|(key, v)| key == USED && v == slug);
    let answers = subject_slugs
        .iter()
        .filter_map(|slug| {
            let score = value(&score_field(slug)).filter(|s| !s.trim().is_empty());
            (used(slug) || score.is_some()).then(|| AnswerDraft {
                subject: slug.to_string(),
                score,
                reason: value(&reason_field(slug)).unwrap_or_default(),
            })
        })
        .collect();
    FormSubmission {
        draft: SubmissionDraft {
            answers,
            age_band: value(AGE_BAND).unwrap_or_default(),
            district: value(DISTRICT).unwrap_or_default(),
            // A checkbox sends its value only when ticked; any value means ticked.
            assisted: value(ASSISTED).is_some(),
        },
        honeypot_filled: value(HONEYPOT).is_some_and(|v| !v.trim().is_empty()),
        form_token: value(FORM_TOKEN).unwrap_or_default(),
        submission_id: value(SUBMISSION).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ticked_or_scored_subjects_are_answers_in_list_order() {
        let form = read_form(
            &["a", "b", "c"],
            &pairs(&[
                ("used", "c"),
                ("score-c", "7"),
                ("reason-c", "ok"),
                ("score-a", "10"),
                ("used", "b"),
                ("reason-b", "forgot the score"),
                ("website", ""),
                ("form_token", "t"),
                ("submission", "s1234567"),
                ("age_band", "30-44"),
                ("assisted", "1"),
            ]),
        );
        let answers = &form.draft.answers;
        assert_eq!(answers.len(), 3);
        assert_eq!(
            (answers[0].subject.as_str(), answers[0].score.as_deref()),
            ("a", Some("10"))
        );
        assert_eq!(
            (answers[1].subject.as_str(), answers[1].score.as_deref()),
            ("b", None)
        );
        assert_eq!(answers[2].reason, "ok");
        assert_eq!(form.draft.age_band, "30-44");
        assert!(form.draft.assisted);
        assert!(!form.honeypot_filled);
        assert_eq!(form.submission_id, "s1234567");
    }

    #[test]
    fn a_filled_honeypot_is_noticed() {
        let form = read_form(&["a"], &pairs(&[("website", "http://spam")]));
        assert!(form.honeypot_filled);
        assert!(form.draft.answers.is_empty());
        assert!(!form.draft.assisted, "unticked unless sent");
    }
}
