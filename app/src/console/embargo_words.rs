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
};
