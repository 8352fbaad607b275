//! The public API's own refusals in both languages, kept on the server (the shared ones, such
//! as `api_unavailable`, are in the app's catalog).

use app::i18n::Locale;

pub struct ApiMessages {
    pub survey_not_published: &'static str,
    pub token_invalid: &'static str,
    pub staff_only: &'static str,
    pub snapshot_not_recomputed: &'static str,
    pub snapshot_not_found: &'static str,
    pub invalid_override: &'static str,
    pub sector_not_published: &'static str,
}

static ZH_CN: ApiMessages = ApiMessages {
    survey_not_published: "没有这项调查，或其结果尚未发布。",
    token_invalid: "令牌无效或已吊销。",
    staff_only: "只有工作人员可以改用其他区间方法、置信水平或只计已核验的回答。",
    snapshot_not_recomputed: "发布快照是冻结的结果：不能改用其他方法、水平或口径重算，未发布的调查也还没有快照。",
    snapshot_not_found: "没有这个发布快照。",
    invalid_override: "method 取 wald、adjusted-wald、score、bootstrap 或 bayes；level 须在 0 与 1 之间；basis 取 counted 或 verified。",
    sector_not_published: "没有这个行业，或其结果尚未发布。",
};

static EN: ApiMessages = ApiMessages {
    survey_not_published: "No such survey, or its results are not published yet.",
    token_invalid: "The token is invalid or revoked.",
    staff_only: "Only staff may override the interval method, the level or the answers counted.",
    snapshot_not_recomputed: "A snapshot is frozen: it is not recomputed with another method, level or basis, and an unpublished survey has none yet.",
    snapshot_not_found: "No such snapshot.",
    invalid_override: "method is one of wald, adjusted-wald, score, bootstrap, bayes; level lies between 0 and 1; basis is counted or verified.",
    sector_not_published: "No such sector, or none of its results are published yet.",
};

pub fn messages(locale: Locale) -> &'static ApiMessages {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}
