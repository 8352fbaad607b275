//! The preview page's words, zh and en (server HTML only: nothing rides in the browser bundle).

use domain::Locale;

pub struct PreviewMessages {
    pub title: fn(&str) -> String,
    pub banner: fn(&str) -> String,
    pub banner_published: &'static str,
    pub confidential: &'static str,
    pub expires: fn(&str) -> String,
    pub your_result: &'static str,
    pub rank_of: fn(usize) -> String,
    pub not_ready_title: &'static str,
    pub not_ready: fn(&str, &str) -> String,
    pub expired_title: &'static str,
    pub expired: &'static str,
}

impl PreviewMessages {
    pub fn for_locale(locale: Locale) -> &'static PreviewMessages {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: PreviewMessages = PreviewMessages {
    title: |subject| format!("{subject} · 结果预览"),
    banner: |at| format!("结果预览：将于 {at}（北京时间）公开。在此之前请勿转发或公布。"),
    banner_published: "结果预览：这些结果已经公开。",
    confidential: "这是发给贵机构的专用链接，只显示贵机构自己的结果、行业总体和方法说明，不含其他品牌或机构的数据。",
    expires: |day| format!("链接有效期至 {day}。"),
    your_result: "贵机构的结果",
    rank_of: |n| format!("共 {n} 家参与排名"),
    not_ready_title: "结果尚未冻结",
    not_ready: |subject, day| {
        format!("{subject}的结果还没有冻结。消费者委员会设定发布时间后，这个链接会显示冻结的结果（有效期至 {day}）。")
    },
    expired_title: "预览链接已过期",
    expired: "这个预览链接已过期。如需再次查看，请联系发出链接的消费者委员会工作人员。",
};

static EN: PreviewMessages = PreviewMessages {
    title: |subject| format!("{subject} · results preview"),
    banner: |at| {
        format!("Results preview: public at {at} (Beijing time). Please do not share or publish them before then.")
    },
    banner_published: "Results preview: these results are public now.",
    confidential: "This link was made for your organisation. It shows your own results, the sector's totals and the methodology — no other brand's or institution's data.",
    expires: |day| format!("The link works until {day}."),
    your_result: "Your result",
    rank_of: |n| format!("{n} ranked in all"),
    not_ready_title: "Results not frozen yet",
    not_ready: |subject, day| {
        format!("The results of {subject} are not frozen yet. Once the consumer council sets the publication time, this link shows them (it works until {day}).")
    },
    expired_title: "Preview link expired",
    expired: "This preview link has expired. To see the results again, ask the consumer council staff who sent it.",
};
