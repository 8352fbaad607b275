//! The audit page's words, zh and en: actions, actors and objects in words instead of codes.

use crate::i18n::Locale;
use koubei_core::staff::audit::AuditArea;

pub struct AuditWords {
    pub col_at: &'static str,
    pub area_label: &'static str,
    pub all_areas: &'static str,
    pub show_sign_ins: &'static str,
    pub filter: &'static str,
    pub open_response: &'static str,
    pub nothing: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub export_csv: &'static str,
    pub action_code: &'static str,
    pub survey: &'static str,
    pub area: fn(AuditArea) -> &'static str,
    /// An action code in words; `None` for a code this page does not know.
    pub action: fn(&str) -> Option<&'static str>,
    /// A kind of object in words.
    pub entity: fn(&str) -> &'static str,
    pub actor_cli: &'static str,
    pub actor_retention: &'static str,
    pub actor_embargo: &'static str,
    pub actor_respondent: &'static str,
    pub actor_detector: &'static str,
    pub actor_anonymous: &'static str,
    pub actor_token: fn(&str) -> String,
}

impl AuditWords {
    pub fn for_locale(locale: Locale) -> &'static AuditWords {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }

    /// Who did it, as stored (`user:EMAIL`, `token:NAME (ID)`, `cli` …), in words.
    pub fn actor(&self, stored: &str) -> String {
        if let Some(email) = stored.strip_prefix("user:") {
            return email.to_string();
        }
        if let Some(token) = stored.strip_prefix("token:") {
            let name = token.rsplit_once(" (").map_or(token, |(name, _)| name);
            return (self.actor_token)(name);
        }
        match stored {
            "cli" => self.actor_cli,
            "retention" => self.actor_retention,
            "embargo" => self.actor_embargo,
            "respondent" => self.actor_respondent,
            "detector" => self.actor_detector,
            "anonymous" => self.actor_anonymous,
            other => other,
        }
        .to_string()
    }
}

const ZH_CN: AuditWords = AuditWords {
    col_at: "时间（北京时间）",
    area_label: "类别",
    all_areas: "全部（不含登录）",
    show_sign_ins: "同时显示登录记录",
    filter: "筛选",
    open_response: "查看这条回答",
    nothing: "没有符合条件的记录。",
    from: "从（含这一天）",
    to: "到（含这一天）",
    export_csv: "下载符合条件的记录（CSV）",
    action_code: "操作代码",
    survey: "调查",
    area: |area| match area {
        AuditArea::Surveys => "调查",
        AuditArea::Responses => "回答（剔除、恢复、撤回）",
        AuditArea::Catalog => "行业与品牌",
        AuditArea::Integrity => "数据诚信与渠道",
        AuditArea::People => "人员与令牌",
        AuditArea::SignIns => "登录记录",
    },
    action: |code| {
        Some(match code {
            "survey.create" => "创建调查",
            "survey.update" => "修改调查",
            "survey.open" => "开放调查",
            "survey.close" => "关闭调查",
            "survey.publish" => "发布结果",
            "survey.correct" => "发布更正",
            "survey.embargo" => "冻结结果并设定定时发布",
            "survey.embargo_move" => "更改定时发布时间",
            "survey.embargo_cancel" => "取消定时发布",
            "preview_link.create" => "生成预览链接",
            "preview_link.revoke" => "撤销预览链接",
            "survey.retention" => "按保存期限清除理由和指纹",
            "sector.create" => "创建行业",
            "sector.update" => "修改行业",
            "subject.create" => "添加品牌 / 机构",
            "subject.update" => "修改品牌 / 机构",
            "response.exclude" => "剔除回答",
            "response.restore" => "恢复回答",
            "response.withdraw" => "答题人撤回回答",
            "cluster.release" => "放行可疑批次",
            "cluster.exclude" => "剔除可疑批次",
            "user.create" => "添加工作人员",
            "user.update" => "修改工作人员",
            "user.sign_in" => "登录",
            "user.sign_out_everywhere" => "在所有设备上退出",
            "sign_in.locked" => "登录失败过多，账号暂时锁定",
            "token.create" => "创建 API 令牌",
            "token.revoke" => "吊销 API 令牌",
            "kiosk_key.create" => "创建终端密钥",
            "kiosk_key.revoke" => "吊销终端密钥",
            "poster_batch.create" => "创建海报批次",
            "invitation_batch.create" => "创建邀请码批次",
            "invitation_batch.revoke" => "撤销邀请码批次",
            _ => return None,
        })
    },
    entity: |kind| match kind {
        "survey" => "调查",
        "sector" => "行业",
        "subject" => "品牌 / 机构",
        "response" => "回答",
        "suspect_cluster" => "可疑批次",
        "staff_user" | "user" => "工作人员",
        "api_token" | "token" => "API 令牌",
        "kiosk_key" => "终端密钥",
        "poster_batch" => "海报批次",
        "invitation_batch" => "邀请码批次",
        _ => "其他",
    },
    actor_cli: "命令行",
    actor_retention: "保存期限任务",
    actor_embargo: "定时发布（到时自动）",
    actor_respondent: "答题人（凭回执码）",
    actor_detector: "可疑作答检测",
    actor_anonymous: "未登录者",
    actor_token: |name| format!("API 令牌“{name}”"),
};

const EN: AuditWords = AuditWords {
    col_at: "When (Beijing time)",
    area_label: "Kind",
    all_areas: "Everything but sign-ins",
    show_sign_ins: "Show sign-ins too",
    filter: "Filter",
    open_response: "Open this response",
    nothing: "No entries match.",
    from: "From (this day included)",
    to: "To (this day included)",
    export_csv: "Download the matching entries (CSV)",
    action_code: "Action code",
    survey: "Survey",
    area: |area| match area {
        AuditArea::Surveys => "Surveys",
        AuditArea::Responses => "Responses (excluded, restored, withdrawn)",
        AuditArea::Catalog => "Sectors and subjects",
        AuditArea::Integrity => "Integrity and channels",
        AuditArea::People => "Staff and tokens",
        AuditArea::SignIns => "Sign-ins",
    },
    action: |code| {
        Some(match code {
            "survey.create" => "created the survey",
            "survey.update" => "changed the survey",
            "survey.open" => "opened the survey",
            "survey.close" => "closed the survey",
            "survey.publish" => "published the results",
            "survey.correct" => "published a correction",
            "survey.embargo" => "froze the results and set an embargo",
            "survey.embargo_move" => "moved the embargo",
            "survey.embargo_cancel" => "cancelled the embargo",
            "preview_link.create" => "made a preview link",
            "preview_link.revoke" => "revoked a preview link",
            "survey.retention" => "cleared reasons and fingerprints (retention)",
            "sector.create" => "created a sector",
            "sector.update" => "changed a sector",
            "subject.create" => "added a subject",
            "subject.update" => "changed a subject",
            "response.exclude" => "excluded a response",
            "response.restore" => "restored a response",
            "response.withdraw" => "withdrawn by the respondent",
            "cluster.release" => "released a suspect cluster",
            "cluster.exclude" => "excluded a suspect cluster",
            "user.create" => "added a staff member",
            "user.update" => "changed a staff member",
            "user.sign_in" => "signed in",
            "user.sign_out_everywhere" => "signed out everywhere",
            "sign_in.locked" => "too many failed sign-ins: locked for a while",
            "token.create" => "created an API token",
            "token.revoke" => "revoked an API token",
            "kiosk_key.create" => "created a kiosk key",
            "kiosk_key.revoke" => "revoked a kiosk key",
            "poster_batch.create" => "created a poster batch",
            "invitation_batch.create" => "created an invitation batch",
            "invitation_batch.revoke" => "withdrew an invitation batch",
            _ => return None,
        })
    },
    entity: |kind| match kind {
        "survey" => "survey",
        "sector" => "sector",
        "subject" => "subject",
        "response" => "response",
        "suspect_cluster" => "suspect cluster",
        "staff_user" | "user" => "staff member",
        "api_token" | "token" => "API token",
        "kiosk_key" => "kiosk key",
        "poster_batch" => "poster batch",
        "invitation_batch" => "invitation batch",
        _ => "other",
    },
    actor_cli: "command line",
    actor_retention: "retention job",
    actor_embargo: "embargo (automatic, at its time)",
    actor_respondent: "respondent (receipt code)",
    actor_detector: "stuffing detector",
    actor_anonymous: "not signed in",
    actor_token: |name| format!("API token “{name}”"),
};
