//! The verify page's words, zh and en (server HTML only).

use domain::Locale;

pub struct VerifyMessages {
    pub title: &'static str,
    pub valid: &'static str,
    pub valid_explain: &'static str,
    pub expired: &'static str,
    pub expired_explain: &'static str,
    pub superseded: &'static str,
    pub superseded_explain: fn(i64) -> String,
    pub now_result: &'static str,
    pub changelog: &'static str,
    pub not_in_correction: &'static str,
    pub not_genuine: &'static str,
    pub not_genuine_explain: &'static str,
    pub subject: &'static str,
    pub nps: &'static str,
    pub interval: fn(&str) -> String,
    pub tier: &'static str,
    pub insufficient_sample: &'static str,
    pub published_on: &'static str,
    pub expires_on: &'static str,
    pub snapshot: fn(i64) -> String,
    pub full_results: &'static str,
    pub terms_heading: &'static str,
    pub terms: &'static str,
    pub key_heading: &'static str,
    pub key_explain: &'static str,
}

impl VerifyMessages {
    pub fn for_locale(locale: Locale) -> &'static VerifyMessages {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: VerifyMessages = VerifyMessages {
    title: "核验口碑徽章",
    valid: "✓ 这枚徽章是真的",
    valid_explain: "下面的结果由消费者委员会发布并签名，与公布的结果一致。",
    expired: "这枚徽章已过期",
    expired_explain: "它在发布时是真的，但已超过有效期，不应再展示。",
    superseded: "这枚徽章的结果已被更正",
    superseded_explain: |n| format!("委员会之后发布了更正（第 {n} 版快照），徽章上的结果不再是最新的。"),
    now_result: "更正后的结果",
    changelog: "更正说明",
    not_in_correction: "更正后的结果中没有这个品牌或机构。",
    not_genuine: "这枚徽章不是真的",
    not_genuine_explain: "这个核验地址没有消费者委员会的有效签名：徽章可能被复制后改动过。请以委员会公布的结果为准。",
    subject: "品牌 / 机构",
    nps: "净推荐值",
    interval: |level| format!("{level}% 置信区间"),
    tier: "梯队",
    insufficient_sample: "样本不足，未排名",
    published_on: "发布于",
    expires_on: "有效期至",
    snapshot: |n| format!("第 {n} 版快照"),
    full_results: "查看这次发布的完整结果",
    terms_heading: "使用条款",
    terms: "徽章只能展示消费者委员会发布的原样结果，须同时链接到本核验页；不得改动数字、删去区间或在有效期后继续使用。结果被更正后，应换用新的徽章。",
    key_heading: "签名",
    key_explain: "徽章和嵌入卡片上的声明用委员会的 Ed25519 密钥签名，公钥公开于",
};

static EN: VerifyMessages = VerifyMessages {
    title: "Verify a Koubei badge",
    valid: "✓ This badge is genuine",
    valid_explain: "The result below was published and signed by the consumer council and matches what it published.",
    expired: "This badge has expired",
    expired_explain: "It was genuine when published but is past its validity and should no longer be shown.",
    superseded: "This badge's result was corrected",
    superseded_explain: |n| format!("The council later published a correction (snapshot {n}); the badge's result is no longer the latest."),
    now_result: "Result after the correction",
    changelog: "What the correction changed",
    not_in_correction: "The corrected results no longer list this brand or institution.",
    not_genuine: "This badge is not genuine",
    not_genuine_explain: "This verify address carries no valid signature of the consumer council: the badge may have been copied and altered. Rely on the results the council published.",
    subject: "Brand or institution",
    nps: "NPS",
    interval: |level| format!("{level}% interval"),
    tier: "Tier",
    insufficient_sample: "Too few answers to rank",
    published_on: "Published",
    expires_on: "Valid until",
    snapshot: |n| format!("snapshot {n}"),
    full_results: "See the whole publication",
    terms_heading: "Terms of use",
    terms: "A badge may show only the council's published result as it is, and must link to this verify page; the numbers may not be changed, the interval not left out, and the badge not used after its validity. After a correction, use the new badge.",
    key_heading: "Signature",
    key_explain: "The statements on badges and embed cards are signed with the council's Ed25519 key, whose public half is published at",
};
