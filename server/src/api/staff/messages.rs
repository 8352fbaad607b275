//! The staff API's words for people, zh-CN and en: one per error code it can answer with.
//! (Codes are for programs and stay English; these go into `message`.)

use app::i18n::Locale;
use domain::SurveyStatus;
use koubei_core::authoring::definition::Problem;
use koubei_core::authoring::embargo::EmbargoTimeProblem;

pub struct StaffApiMessages {
    pub sector_not_found: &'static str,
    pub subject_not_found: &'static str,
    pub survey_not_found: &'static str,
    pub response_not_found: &'static str,
    pub account_not_found: &'static str,
    pub export_not_found: &'static str,
    pub slug_mismatch: &'static str,
    pub survey_frozen: &'static str,
    pub illegal_transition: fn(SurveyStatus, SurveyStatus) -> String,
    pub undecided_clusters: fn(i64) -> String,
    /// The survey waits for its embargo, until this Beijing minute.
    pub embargoed: fn(&str) -> String,
    pub no_embargo: &'static str,
    pub preview_link_not_found: &'static str,
    pub embargo_time: fn(EmbargoTimeProblem) -> &'static str,
    pub already_excluded: &'static str,
    pub not_excluded: &'static str,
    pub withdrawn_by_respondent: &'static str,
    pub results_frozen: &'static str,
    pub note_required: &'static str,
    pub note_too_long: &'static str,
    pub invalid_email: &'static str,
    pub email_taken: &'static str,
    pub invalid_password: &'static str,
    pub last_admin: &'static str,
    pub invalid_token_name: &'static str,
    pub invalid_daily_limit: &'static str,
    pub invalid_surveys: &'static str,
    pub invalid_value: &'static str,
    pub invalid_query: &'static str,
    pub missing_field: &'static str,
    pub unknown_field: &'static str,
    pub export_too_large: &'static str,
    // the problems of a definition, by `Problem`
    pub required: &'static str,
    pub too_long: &'static str,
    pub invalid_slug: &'static str,
    pub invalid_time: &'static str,
    pub closes_before_opening: &'static str,
    pub duplicate: &'static str,
    pub out_of_range: &'static str,
    pub unknown_sector: &'static str,
    pub unknown_subject: &'static str,
    pub frozen_field: &'static str,
    pub shares_do_not_add_up: &'static str,
    pub not_asked: &'static str,
    pub unknown_answer: &'static str,
    pub cluster_decision_values: &'static str,
    pub cluster_not_found: &'static str,
    pub cluster_already_decided: &'static str,
    pub cluster_note_required: &'static str,
    pub cluster_note_too_long: &'static str,
    pub basis_values: &'static str,
    pub invitation_batch_not_found: &'static str,
    pub correction_not_published: &'static str,
    pub correction_changelog_required: &'static str,
}

impl StaffApiMessages {
    pub fn problem(&self, problem: Problem) -> &'static str {
        match problem {
            Problem::Required => self.required,
            Problem::TooLong => self.too_long,
            Problem::InvalidSlug => self.invalid_slug,
            Problem::InvalidTime => self.invalid_time,
            Problem::ClosesBeforeOpening => self.closes_before_opening,
            Problem::Duplicate => self.duplicate,
            Problem::OutOfRange => self.out_of_range,
            Problem::UnknownSector => self.unknown_sector,
            Problem::UnknownSubject => self.unknown_subject,
            Problem::Frozen => self.frozen_field,
            Problem::SharesDoNotAddUp => self.shares_do_not_add_up,
            Problem::NotAsked => self.not_asked,
            Problem::UnknownAnswer => self.unknown_answer,
        }
    }
}

/// The staff API's messages in this language.
pub fn staff_api(locale: Locale) -> &'static StaffApiMessages {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}

fn status_zh(status: SurveyStatus) -> &'static str {
    match status {
        SurveyStatus::Draft => "草稿",
        SurveyStatus::Open => "进行中",
        SurveyStatus::Closed => "已结束",
        SurveyStatus::Published => "已发布",
    }
}

static ZH_CN: StaffApiMessages = StaffApiMessages {
    sector_not_found: "没有这个行业。",
    subject_not_found: "该行业中没有这个品牌或机构。",
    survey_not_found: "没有这个调查。",
    response_not_found: "没有这条回答。",
    account_not_found: "没有这个工作人员账户或令牌。",
    export_not_found:
        "没有这种导出文件：可用 responses.csv、responses.xlsx、results.csv、results.xlsx。",
    slug_mismatch: "请求体中的 slug 必须与地址中的一致。",
    survey_frozen: "调查已发布，其定义不能再修改。",
    illegal_transition: |from, to| {
        format!(
            "调查不能从“{}”变为“{}”。未做任何更改。",
            status_zh(from),
            status_zh(to)
        )
    },
    undecided_clusters: |n| {
        format!("还有 {n} 个可疑批次等待核查决定（放行或剔除），之后才能发布结果。")
    },
    embargoed: |at| {
        format!("结果已冻结，将于 {at}（北京时间）定时发布。请先取消定时发布，再做其他更改。")
    },
    no_embargo: "这个调查没有待生效的定时发布。",
    preview_link_not_found: "没有这个预览链接。",
    embargo_time: |problem| match problem {
        EmbargoTimeProblem::Unreadable => "发布时间的写法应为 2027-03-15 10:00（北京时间）。",
        EmbargoTimeProblem::NotInFuture => "发布时间必须晚于现在；要立即发布，请直接发布。",
        EmbargoTimeProblem::TooFar => "发布时间须在一年之内。",
    },
    already_excluded: "这条回答已被剔除。",
    not_excluded: "这条回答没有被剔除。",
    withdrawn_by_respondent: "答题人已用回执码撤回这条回答，不能恢复。",
    results_frozen: "调查已发布，结果已冻结，不能再剔除或恢复回答。",
    note_required: "原因为“其他”时必须填写说明。",
    note_too_long: "说明过长（最多 500 字）。",
    invalid_email: "电子邮箱地址无效。",
    email_taken: "已有使用此电子邮箱的工作人员账户。",
    invalid_password: "密码长度不符合要求。",
    last_admin: "不能降级或停用最后一位有效的管理员。",
    invalid_token_name: "令牌名称需要 1 到 100 个字符。",
    invalid_daily_limit: "每日上限须为 1 到 1000000 之间的整数。",
    invalid_surveys: "请至少指定一项调查，且每项调查都须存在",
    invalid_value: "值无效。",
    invalid_query: "查询参数无效。",
    missing_field: "缺少必填字段。",
    unknown_field: "未知字段。",
    export_too_large: "导出内容超出电子表格的容量，请改用 CSV 或缩小筛选范围。",
    required: "必填。",
    too_long: "过长。",
    invalid_slug: "只能使用小写字母、数字和中间的连字符（最多 64 个字符）。",
    invalid_time: "时间无效，请使用 RFC 3339 格式（如 2027-01-01T00:00:00+08:00）。",
    closes_before_opening: "结束时间必须晚于开始时间。",
    duplicate: "重复：已被使用。",
    out_of_range: "超出允许范围。",
    unknown_sector: "没有这个行业。",
    unknown_subject: "该行业中没有这个品牌或机构。",
    frozen_field: "调查已开始，已有回答的部分不能再更改。",
    shares_do_not_add_up: "各项人口占比加起来须为 100%（允许 ±0.5%）。",
    not_asked: "调查没有问这个问题，不能按它加权。",
    unknown_answer: "这个问题没有这个选项。",
    cluster_decision_values: "decision 只能是 release（放行，计入结果）或 exclude（剔除）。",
    cluster_not_found: "没有这个可疑批次。",
    cluster_already_decided: "这个可疑批次已经是这个决定了，未做更改。",
    cluster_note_required: "请写明决定的理由。",
    cluster_note_too_long: "理由最多 500 个字。",
    basis_values: "basis 取 counted（全部计入的回答）或 verified（只计已核验的回答）。",
    invitation_batch_not_found: "没有这批邀请码。",
    correction_not_published: "只有已发布的调查才能发布更正。",
    correction_changelog_required: "请写明更正了什么、为什么。",
};

static EN: StaffApiMessages = StaffApiMessages {
    sector_not_found: "There is no such sector.",
    subject_not_found: "The sector has no such subject.",
    survey_not_found: "There is no such survey.",
    response_not_found: "There is no such response.",
    account_not_found: "There is no such staff account or token.",
    export_not_found: "No such export: use responses.csv, responses.xlsx, results.csv or results.xlsx.",
    slug_mismatch: "The slug in the body must equal the one in the path.",
    survey_frozen: "The survey is published; its definition is frozen.",
    illegal_transition: |from, to| {
        format!(
            "A survey cannot go from {} to {}. Nothing was changed.",
            from.as_str(),
            to.as_str()
        )
    },
    undecided_clusters: |n| format!("{n} suspect cluster(s) wait for a decision (release or exclude) before the results can be published."),
    embargoed: |at| {
        format!("The results are frozen and will be published at {at} (Beijing time). Cancel the embargo before changing anything else.")
    },
    no_embargo: "This survey has no pending embargo.",
    preview_link_not_found: "There is no such preview link.",
    embargo_time: |problem| match problem {
        EmbargoTimeProblem::Unreadable => "Write the publication time as 2027-03-15 10:00 (Beijing time).",
        EmbargoTimeProblem::NotInFuture => "The publication time must be in the future; to publish now, publish without a time.",
        EmbargoTimeProblem::TooFar => "The publication time must be within a year from now.",
    },
    already_excluded: "The response is excluded already.",
    not_excluded: "The response is not excluded.",
    withdrawn_by_respondent: "The respondent withdrew this response with their receipt code; it cannot be restored.",
    results_frozen:
        "The survey is published; its results are frozen and responses cannot be excluded or restored.",
    note_required: "A note is required when the reason is \"other\".",
    note_too_long: "The note is too long (500 characters at most).",
    invalid_email: "Not a valid e-mail address.",
    email_taken: "A staff account with this e-mail address exists already.",
    invalid_password: "The password does not meet the length rules.",
    last_admin: "The last active admin cannot be demoted or deactivated.",
    invalid_token_name: "A token name needs 1 to 100 characters.",
    invalid_daily_limit: "A daily limit is a whole number from 1 to 1000000.",
    invalid_surveys: "Name at least one survey, each of which must exist",
    invalid_value: "Invalid value.",
    invalid_query: "Invalid query parameters.",
    missing_field: "A required field is missing.",
    unknown_field: "Unknown field.",
    export_too_large:
        "The export is too large for a spreadsheet; use CSV or narrow the filter.",
    required: "Required.",
    too_long: "Too long.",
    invalid_slug: "Use lower-case letters, digits and inner hyphens only (64 characters at most).",
    invalid_time: "Not a valid time; use RFC 3339 (2027-01-01T00:00:00+08:00).",
    closes_before_opening: "The closing time must be after the opening time.",
    duplicate: "Duplicate: already taken.",
    out_of_range: "Out of the allowed range.",
    unknown_sector: "There is no such sector.",
    unknown_subject: "The sector has no such subject.",
    frozen_field: "The survey has started; parts that have responses cannot change.",
    shares_do_not_add_up: "The population shares must add up to 100 % (within 0.5 %).",
    not_asked: "The survey does not ask this question, so it cannot weight by it.",
    unknown_answer: "The question has no such answer.",
    cluster_decision_values: "decision must be release (the answers count) or exclude (they stay out).",
    cluster_not_found: "There is no such suspect cluster.",
    cluster_already_decided: "The cluster already has this decision; nothing was changed.",
    cluster_note_required: "Say why you decide so in the note.",
    cluster_note_too_long: "The note can be at most 500 characters.",
    basis_values: "basis is counted (every counted answer) or verified (verified answers only).",
    invitation_batch_not_found: "No such invitation batch.",
    correction_not_published: "Only a published survey can be corrected.",
    correction_changelog_required: "Say what the correction changes and why.",
};
