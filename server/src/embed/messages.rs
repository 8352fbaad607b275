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
