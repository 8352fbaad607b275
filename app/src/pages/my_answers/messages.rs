//! The `/my-answers` page's words, zh and en.

use domain::my_answers::CodeProblem;
use domain::Locale;

/// Also the receipt's words on the thank-you page and the footer's link: server HTML only, so
/// none of it rides in the browser bundle.
pub struct MyAnswersMessages {
    pub title: &'static str,
    pub receipt_heading: &'static str,
    pub receipt_explain: &'static str,
    pub receipt_save: &'static str,
    pub intro: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub show: &'static str,
    pub survey: &'static str,
    pub sent_at: &'static str,
    pub language: &'static str,
    pub profile: &'static str,
    pub not_given: &'static str,
    pub answers: &'static str,
    pub score: fn(i64) -> String,
    pub no_reason: &'static str,
    pub reason_erased: &'static str,
    pub erased_note: &'static str,
    pub withdrawn_at: fn(&str) -> String,
    pub withdrawn_now: &'static str,
    pub snapshot_note: &'static str,
    pub withdraw_heading: &'static str,
    pub withdraw_explain: &'static str,
    pub withdraw_confirm: &'static str,
    pub withdraw: &'static str,
    pub another_code: &'static str,
    pub malformed: &'static str,
    pub unknown: &'static str,
    pub too_many_tries: fn(u64) -> String,
    pub not_confirmed: &'static str,
    pub unavailable: &'static str,
}

impl MyAnswersMessages {
    pub fn problem(&self, problem: CodeProblem) -> String {
        match problem {
            CodeProblem::Malformed => self.malformed.to_string(),
            CodeProblem::Unknown => self.unknown.to_string(),
            CodeProblem::TooManyTries { retry_after_s } => (self.too_many_tries)(retry_after_s),
            CodeProblem::NotConfirmed => self.not_confirmed.to_string(),
            CodeProblem::Unavailable => self.unavailable.to_string(),
        }
    }

    pub fn for_locale(locale: Locale) -> &'static MyAnswersMessages {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

const ZH_CN: MyAnswersMessages = MyAnswersMessages {
    title: "我的回答",
    receipt_heading: "您的回执码",
    receipt_explain: "凭回执码可在“我的回答”页面查看或撤回本次回答。请截图或抄下保存：我们不保存回执码本身，遗失后无法找回。",
    receipt_save: "保存为文本文件",
    intro: "输入提交问卷后得到的回执码，即可查看我们为这次回答保存了什么，或撤回它。",
    code_label: "回执码",
    code_hint: "10 位字母和数字，例如 7K3QM-XP9DR；大小写和空格都不要紧。",
    show: "查看",
    survey: "调查",
    sent_at: "提交时间（北京时间）",
    language: "作答语言",
    profile: "您选填的个人情况",
    not_given: "未填写",
    answers: "您的评价",
    score: |score| format!("{score} 分"),
    no_reason: "未写理由",
    reason_erased: "理由已清除",
    erased_note: "按保存期限，这次回答的理由和设备指纹已经清除，只保留评分。",
    withdrawn_at: |at| format!("您已于 {at} 撤回这次回答：它不再计入任何结果，理由和设备指纹已清除。"),
    withdrawn_now: "已撤回。这些评价不再计入结果。",
    snapshot_note: "如果这次调查的结果已经发布，已发布的数字不会悄悄改变；下一次更正发布时会计入您的撤回，并在数据质量台账中注明。",
    withdraw_heading: "撤回这次回答",
    withdraw_explain: "撤回后，这次回答的全部评价立即不再计入结果，理由和设备指纹会被清除。撤回不能恢复。",
    withdraw_confirm: "我确认撤回这次回答",
    withdraw: "撤回回答",
    another_code: "查看另一个回执码",
    malformed: "回执码应为 10 位字母和数字，请检查后重新输入。",
    unknown: "没有找到这个回执码对应的回答，请检查是否输入有误。",
    too_many_tries: |s| format!("尝试次数太多，请 {s} 秒后再试。"),
    not_confirmed: "请先勾选“我确认撤回这次回答”，再点击撤回。",
    unavailable: "暂时无法查询，请稍后再试。",
};

const EN: MyAnswersMessages = MyAnswersMessages {
    title: "My answers",
    receipt_heading: "Your receipt code",
    receipt_explain: "With this code, the “My answers” page shows or withdraws what you sent. Take a screenshot or write it down: we do not keep the code itself and cannot find it again.",
    receipt_save: "Save as a text file",
    intro: "Enter the receipt code you got after sending a survey to see what we stored for that answer, or to withdraw it.",
    code_label: "Receipt code",
    code_hint: "10 letters and digits, e.g. 7K3QM-XP9DR; case and spaces do not matter.",
    show: "Show",
    survey: "Survey",
    sent_at: "Sent (Beijing time)",
    language: "Language",
    profile: "Your optional profile answers",
    not_given: "not given",
    answers: "Your ratings",
    score: |score| format!("{score} out of 10"),
    no_reason: "no reason given",
    reason_erased: "reason erased",
    erased_note: "As the retention period has passed, the reasons and device fingerprints of this answer are erased; only the scores stay.",
    withdrawn_at: |at| format!("You withdrew this answer on {at}: it counts in no result, and its reasons and device fingerprints are erased."),
    withdrawn_now: "Withdrawn. These ratings no longer count in the results.",
    snapshot_note: "If this survey's results are already published, the published numbers do not change silently: the next correction counts your withdrawal and the quality ledger says so.",
    withdraw_heading: "Withdraw this answer",
    withdraw_explain: "Withdrawing stops all ratings of this answer from counting at once and erases its reasons and device fingerprints. It cannot be undone.",
    withdraw_confirm: "I want to withdraw this answer",
    withdraw: "Withdraw answer",
    another_code: "Look up another receipt code",
    malformed: "A receipt code has 10 letters and digits. Please check it and try again.",
    unknown: "No answer has this receipt code. Please check for typing mistakes.",
    too_many_tries: |s| format!("Too many tries. Please try again in {s} seconds."),
    not_confirmed: "Please tick “I want to withdraw this answer” first, then press Withdraw.",
    unavailable: "Looking this up is not possible right now. Please try again later.",
};
