//! The console's words for embargoes (定时发布), zh and en.

use crate::i18n::Locale;
use koubei_core::authoring::embargo::EmbargoTimeProblem;

pub struct EmbargoWords {
    /// The status pill of a survey waiting for its embargo.
    pub status: &'static str,
    /// The panel's sentence: results frozen, public at this Beijing minute.
    pub pending: fn(&str) -> String,
    pub frozen_data: &'static str,
    pub scheduled_by: &'static str,
    pub set_title: &'static str,
    pub set_hint: &'static str,
    pub time_label: &'static str,
    pub time_hint: &'static str,
    pub set: &'static str,
    pub new_time_label: &'static str,
    pub move_button: &'static str,
    pub cancel: &'static str,
    pub cancel_hint: &'static str,
    pub done_set: &'static str,
    pub done_moved: &'static str,
    pub done_cancelled: &'static str,
    /// A refusal: the survey waits for its embargo until this Beijing minute.
    pub embargoed: fn(&str) -> String,
    pub no_embargo: &'static str,
    pub time_problem: fn(EmbargoTimeProblem) -> &'static str,
    // Preview links.
    pub links_title: &'static str,
    pub links_intro: &'static str,
    pub subject_label: &'static str,
    pub days_label: &'static str,
    pub make_link: &'static str,
    pub col_subject: &'static str,
    pub col_made: &'static str,
    pub col_until: &'static str,
    pub col_state: &'static str,
    pub link_active: &'static str,
    pub link_expired: &'static str,
    pub link_revoked: &'static str,
    pub revoke: &'static str,
    pub revoke_confirm: &'static str,
    pub letter_title: fn(&str) -> String,
    pub letter_body: fn(&str) -> String,
    pub letter_until: fn(&str) -> String,
    pub shown_once: &'static str,
    pub print_letter: &'static str,
    pub back_to_survey: &'static str,
    pub unknown_subject: &'static str,
    pub days_out_of_range: &'static str,
    pub link_revoked_notice: &'static str,
}

impl EmbargoWords {
    pub fn for_locale(locale: Locale) -> &'static EmbargoWords {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: EmbargoWords = EmbargoWords {
    status: "定时发布",
    pending: |at| {
        format!("结果已冻结，将于 {at}（北京时间）自动公开。在此之前，任何公开页面、接口、图表和嵌入组件都不会显示这次结果。")
    },
    frozen_data: "冻结的数据",
    scheduled_by: "设定人",
    set_title: "定时发布",
    set_hint: "结果现在冻结，到设定时间自动公开；在此之前可以改期或取消。被评品牌可以在公开前看到冻结的结果。",
    time_label: "公开时间（北京时间）",
    time_hint: "例如 2027-03-15 10:00，须在一年之内。",
    set: "冻结结果并定时发布",
    new_time_label: "新的公开时间（北京时间）",
    move_button: "改期",
    cancel: "取消定时发布",
    cancel_hint: "取消后冻结的结果作废（从未公开），调查保持“已关闭”，可以重新开放或再次发布。",
    done_set: "已设定定时发布，结果已冻结。",
    done_moved: "公开时间已更改。",
    done_cancelled: "已取消定时发布，调查保持“已关闭”。",
    embargoed: |at| {
        format!("结果已冻结，将于 {at}（北京时间）定时发布。请先取消定时发布，再做其他更改。")
    },
    no_embargo: "这个调查没有待生效的定时发布（可能刚刚已经公开）。",
    time_problem: |problem| match problem {
        EmbargoTimeProblem::Unreadable => "请按 2027-03-15 10:00 的格式填写公开时间（北京时间）。",
        EmbargoTimeProblem::NotInFuture => "公开时间必须晚于现在；要立即发布，请用“确认发布”。",
        EmbargoTimeProblem::TooFar => "公开时间须在一年之内。",
    },
    links_title: "预览链接",
    links_intro: "每个品牌或机构一个专用链接：在公开之前，只让它看到自己的结果、行业总体和方法说明，看不到其他品牌的数据。链接只在生成时显示一次，请通过委员会自己的渠道发送。",
    subject_label: "品牌 / 机构",
    days_label: "有效天数（1–90）",
    make_link: "生成预览链接",
    col_subject: "品牌 / 机构",
    col_made: "生成",
    col_until: "有效期至",
    col_state: "状态",
    link_active: "有效",
    link_expired: "已过期",
    link_revoked: "已撤销",
    revoke: "撤销",
    revoke_confirm: "撤销后这个链接立即失效，确定吗？",
    letter_title: |brand| format!("致{brand}：结果预览"),
    letter_body: |survey| format!("“{survey}”的结果将在公开前供贵机构预览。请用下面的专用链接查看，勿转发。"),
    letter_until: |day| format!("链接有效期至 {day}。"),
    shown_once: "这个链接只显示这一次：请现在复制或打印。",
    print_letter: "打印这封信",
    back_to_survey: "返回调查",
    unknown_subject: "请选择本调查中的一个品牌或机构。",
    days_out_of_range: "有效天数须在 1 到 90 之间。",
    link_revoked_notice: "预览链接已撤销。",
};

static EN: EmbargoWords = EmbargoWords {
    status: "embargoed",
    pending: |at| {
        format!("The results are frozen and become public by themselves at {at} (Beijing time). Until then no public page, API, chart or widget shows them.")
    },
    frozen_data: "Frozen data",
    scheduled_by: "Set by",
    set_title: "Publish at a set time",
    set_hint: "The results freeze now and become public by themselves at the time you set; until then you can move or cancel it. The ranked brands can see the frozen results before the public does.",
    time_label: "Public from (Beijing time)",
    time_hint: "For example 2027-03-15 10:00, within a year.",
    set: "Freeze the results and set the embargo",
    new_time_label: "New time (Beijing time)",
    move_button: "Move",
    cancel: "Cancel the embargo",
    cancel_hint: "Cancelling drops the frozen results (never public); the survey stays closed and can be reopened or published again.",
    done_set: "The embargo is set; the results are frozen.",
    done_moved: "The publication time is changed.",
    done_cancelled: "The embargo is cancelled; the survey stays closed.",
    embargoed: |at| {
        format!("The results are frozen and will be published at {at} (Beijing time). Cancel the embargo before changing anything else.")
    },
    no_embargo: "This survey has no pending embargo (it may have just become public).",
    time_problem: |problem| match problem {
        EmbargoTimeProblem::Unreadable => "Write the time as 2027-03-15 10:00 (Beijing time).",
        EmbargoTimeProblem::NotInFuture => "The time must be in the future; to publish now, use Publish now.",
        EmbargoTimeProblem::TooFar => "The time must be within a year from now.",
    },
    links_title: "Preview links",
    links_intro: "One private link per brand or institution: before the results are public it shows that one its own results, the sector's totals and the methodology, and nothing of any other brand. The address is shown once, when it is made; send it through the council's own channels.",
    subject_label: "Brand or institution",
    days_label: "Days it works (1–90)",
    make_link: "Make a preview link",
    col_subject: "Brand or institution",
    col_made: "Made",
    col_until: "Works until",
    col_state: "State",
    link_active: "active",
    link_expired: "expired",
    link_revoked: "revoked",
    revoke: "Revoke",
    revoke_confirm: "The link stops working at once. Revoke it?",
    letter_title: |brand| format!("To {brand}: results preview"),
    letter_body: |survey| format!("You may preview your results in \"{survey}\" before they are public. Open the private link below; please do not pass it on."),
    letter_until: |day| format!("The link works until {day}."),
    shown_once: "This address is shown only now: copy or print it.",
    print_letter: "Print this letter",
    back_to_survey: "Back to the survey",
    unknown_subject: "Choose one of this survey's brands or institutions.",
    days_out_of_range: "The days must be between 1 and 90.",
    link_revoked_notice: "The preview link is revoked.",
};
