//! The widgets' words in both languages, kept on the server (out of the browser bundle).

use app::i18n::Locale;

/// Every string a widget or badge shows.
pub struct EmbedMessages {
    pub rank: &'static str,
    pub subject: &'static str,
    pub tier: &'static str,
    pub nps: &'static str,
    pub interval: &'static str,
    pub responses: &'static str,
    pub rank_interval: &'static str,
    pub insufficient_sample: &'static str,
    pub held_back_heading: &'static str,
    pub published: &'static str,
    pub methodology: &'static str,
    pub snapshot: &'static str,
    pub oembed_format: &'static str,
    pub oembed_url_required: &'static str,
    pub oembed_url_foreign: &'static str,
    pub oembed_not_found: &'static str,
    /// A widget or badge of results that do not exist or are not published (404).
    pub widget_not_found: &'static str,
    /// The database did not answer (503).
    pub widget_unavailable: &'static str,
    /// The link to the page that checks a badge's signed statement.
    pub verify: &'static str,
}

static ZH_CN: EmbedMessages = EmbedMessages {
    rank: "排名区间",
    subject: "品牌 / 机构",
    tier: "梯队",
    nps: "净推荐值",
    interval: "置信区间",
    responses: "样本量",
    rank_interval: "排名区间",
    insufficient_sample: "样本不足",
    held_back_heading: "样本不足，未排名",
    published: "发布于",
    methodology: "完整结果与方法",
    snapshot: "发布快照",
    oembed_format: "只支持 format=json。",
    oembed_url_required: "请用 url 参数给出本站的结果页地址（/r/…）。",
    oembed_url_foreign: "url 必须是本站的结果页（/r/…）。",
    oembed_not_found: "这个地址没有已发布的结果。",
    widget_not_found: "未找到：这份结果不存在，或尚未发布。",
    widget_unavailable: "结果暂时无法显示，请稍后再试。",
    verify: "验证",
};

static EN: EmbedMessages = EmbedMessages {
    rank: "Rank",
    subject: "Subject",
    tier: "Tier",
    nps: "NPS",
    interval: "Interval",
    responses: "n",
    rank_interval: "Rank interval",
    insufficient_sample: "Insufficient sample",
    held_back_heading: "Too few responses to rank",
    published: "Published",
    methodology: "Full results and methodology",
    snapshot: "snapshot",
    oembed_format: "Only format=json is supported.",
    oembed_url_required: "Give a results page of this site (/r/…) as the url parameter.",
    oembed_url_foreign: "The url must be a results page of this site (/r/…).",
    oembed_not_found: "Nothing is published at this address.",
    widget_not_found: "Not found: these results do not exist or are not published yet.",
    widget_unavailable: "The results cannot be shown right now. Please try again later.",
    verify: "verify",
};

pub fn messages(locale: Locale) -> &'static EmbedMessages {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}

/// A subject's name in the reader's language.
pub fn name<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::ZhCn => zh,
        Locale::En if en.is_empty() => zh,
        Locale::En => en,
    }
}
