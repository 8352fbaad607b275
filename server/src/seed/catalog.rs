//! The demo: our first user's five sectors with clearly fictional subjects. Each subject has a
//! popularity (share of respondents who used it) and a satisfaction shift, so every sector gets
//! its own realistic score distribution, from clear leaders to a subject under the minimum n.

pub struct SectorSeed {
    pub slug: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub survey: SurveySeed,
    /// Mean of the latent 0–10 score, before a subject's shift.
    pub mean: f64,
    /// Spread of individual scores: online video polarizes, dental care less so.
    pub spread: f64,
    /// How many people answer this sector's survey; each rates one to three subjects.
    pub respondents: u32,
    pub subjects: &'static [SubjectSeed],
    pub reasons: Reasons,
}

pub struct SurveySeed {
    pub slug: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub intro_zh: &'static str,
    pub intro_en: &'static str,
}

/// An earlier wave of a sector's survey, no longer taking answers.
pub struct PastWave {
    pub sector: &'static str,
    pub slug: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// `closed` (results pending) or `published`.
    pub status: &'static str,
    /// Share of the current wave's respondents.
    pub size: f64,
}

/// One published wave (the thank-you page shows its ranking) and one closed wave (its survey
/// page answers 410).
pub static PAST_WAVES: &[PastWave] = &[
    PastWave {
        sector: "dental-clinics",
        slug: "dental-clinics-2025",
        title_zh: "2025年连锁口腔诊所口碑调查",
        title_en: "Dental clinic chains word-of-mouth survey 2025",
        status: "published",
        size: 0.6,
    },
    PastWave {
        sector: "online-video",
        slug: "online-video-2025",
        title_zh: "2025年网络视频平台口碑调查",
        title_en: "Online video platforms word-of-mouth survey 2025",
        status: "closed",
        size: 0.5,
    },
];

/// The districts offered by the demo surveys' optional district question: Shenzhen's.
pub static DISTRICTS: &[(&str, &str, &str)] = &[
    ("futian", "福田区", "Futian"),
    ("luohu", "罗湖区", "Luohu"),
    ("nanshan", "南山区", "Nanshan"),
    ("yantian", "盐田区", "Yantian"),
    ("baoan", "宝安区", "Bao'an"),
    ("longgang", "龙岗区", "Longgang"),
    ("longhua", "龙华区", "Longhua"),
    ("pingshan", "坪山区", "Pingshan"),
    ("guangming", "光明区", "Guangming"),
    ("dapeng", "大鹏新区", "Dapeng New District"),
    (
        "shenshan",
        "深汕特别合作区",
        "Shenshan Special Cooperation Zone",
    ),
    ("outside-shenzhen", "深圳以外", "Outside Shenzhen"),
];

/// Census-like population shares the demo surveys are weighted to: age bands (as
/// `AgeBand::ALL`) of Shenzhen's consumers, and districts (as `DISTRICTS`) from the 2020
/// census's resident population, with 5 % for answers from outside the city.
pub static AGE_TARGETS: [f64; 5] = [0.04, 0.24, 0.34, 0.22, 0.16];
pub static DISTRICT_TARGETS: [f64; 12] = [
    0.084, 0.062, 0.097, 0.011, 0.242, 0.215, 0.137, 0.030, 0.060, 0.009, 0.003, 0.050,
];

pub struct SubjectSeed {
    pub slug: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Relative share of respondents who have used it.
    pub popularity: f64,
    /// Added to the sector mean.
    pub shift: f64,
}

/// Reasons by sentiment, in both languages.
pub struct Reasons {
    pub promoter: (&'static [&'static str], &'static [&'static str]),
    pub passive: (&'static [&'static str], &'static [&'static str]),
    pub detractor: (&'static [&'static str], &'static [&'static str]),
}

const DEMO_NOTE_ZH: &str = "【演示数据】本调查中的品牌和机构均为虚构，评分为程序生成。";
const DEMO_NOTE_EN: &str =
    "[Demo data] Every brand and institution in this survey is fictional; the scores are generated.";

const fn subject(
    slug: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    popularity: f64,
    shift: f64,
) -> SubjectSeed {
    SubjectSeed {
        slug,
        name_zh,
        name_en,
        popularity,
        shift,
    }
}

pub static SECTORS: &[SectorSeed] = &[
    SectorSeed {
        slug: "elderly-care",
        name_zh: "养老服务机构",
        name_en: "Elderly-care institutions",
        survey: SurveySeed {
            slug: "elderly-care-2026",
            title_zh: "2026年养老服务机构口碑调查",
            title_en: "Elderly-care institutions word-of-mouth survey 2026",
            intro_zh: "您或家人入住或使用过以下养老服务机构吗？请告诉我们您是否愿意向亲友推荐。",
            intro_en: "Have you or a relative lived at or used these elderly-care institutions? Tell us whether you would recommend them.",
        },
        mean: 7.1,
        spread: 2.0,
        respondents: 1500,
        subjects: &[
            subject("songhe-retirement-home", "松鹤颐养院", "Songhe Retirement Home", 1.0, 0.9),
            subject("anxin-nursing-home", "安馨护理之家", "Anxin Nursing Home", 0.9, 0.4),
            subject("wanqing-senior-apartments", "晚晴长者公寓", "Wanqing Senior Apartments", 0.8, 0.0),
            subject("kangle-garden-care-centre", "康乐苑养老中心", "Kangle Garden Care Centre", 0.7, -0.3),
            subject("fumantang-care-community", "福满堂颐养社区", "Fumantang Care Community", 0.6, -0.8),
            subject("leling-residence", "乐龄居", "Leling Residence", 0.5, 0.3),
            subject("chunxuan-care-home", "椿萱养护院", "Chunxuan Care Home", 0.06, 0.5),
        ],
        reasons: Reasons {
            promoter: (
                &["护理员很有耐心，老人住得安心。", "饭菜可口，每周都有活动。", "医护响应快，家属探访方便。", "王护士特别细心，有事打她电话138 2345 6789都会回。"],
                &["The carers are patient and my mother feels safe.", "Good food and activities every week."],
            ),
            passive: (
                &["总体还行，就是价格偏高。", "环境不错，但护理人员流动大。", "床位紧张，要排队很久。"],
                &["Decent overall, but expensive.", "Nice building, but staff keep changing."],
            ),
            detractor: (
                &["护理不到位，老人身上有压疮。", "收费项目不透明，经常加钱。", "投诉后没有人回复。"],
                &["Care was neglectful and fees kept rising.", "Nobody answered our complaints."],
            ),
        },
    },
    SectorSeed {
        slug: "dental-clinics",
        name_zh: "连锁口腔诊所",
        name_en: "Dental clinic chains",
        survey: SurveySeed {
            slug: "dental-clinics-2026",
            title_zh: "2026年连锁口腔诊所口碑调查",
            title_en: "Dental clinic chains word-of-mouth survey 2026",
            intro_zh: "请根据您最近一次就诊的体验作答。",
            intro_en: "Please answer from your most recent visit.",
        },
        mean: 7.7,
        spread: 1.7,
        respondents: 2000,
        subjects: &[
            subject("haochi-dental", "皓齿口腔", "Haochi Dental", 1.0, 0.6),
            subject("smile-line-dental", "微笑线齿科", "Smile Line Dental", 0.9, 0.5),
            subject("jiebai-dental", "洁白口腔门诊", "Jiebai Dental Clinics", 0.8, -0.2),
            subject("chikang-dental", "齿康口腔", "Chikang Dental", 0.7, -0.9),
            subject("crystal-porcelain-dental", "晶瓷齿科", "Crystal Porcelain Dental", 0.6, 0.1),
            subject("beichi-dental", "贝齿口腔", "Beichi Dental", 0.5, -0.4),
            subject("yazhi-dental", "雅致口腔", "Yazhi Dental", 0.4, 0.2),
            subject("qingya-dental", "清雅齿科", "Qingya Dental", 0.05, -0.2),
        ],
        reasons: Reasons {
            promoter: (
                &["医生技术好，拔牙一点都不疼。", "价格透明，提前告知所有费用。", "预约准时，不用排队。"],
                &["Painless treatment and clear prices.", "On time, friendly dentist."],
            ),
            passive: (
                &["技术可以，就是推销项目有点多。", "效果不错，价格偏贵。", "诊所有点远。"],
                &["Good work, but too much upselling.", "Fine, a bit pricey."],
            ),
            detractor: (
                &["一直推销种植牙，体验很差。", "补的牙一个月就掉了。", "收费和报价不一致。", "李医生一直推销种植牙，还让我加微信 dr_li2026 私下交钱。"],
                &["The filling fell out within a month.", "The bill did not match the quote."],
            ),
        },
    },
    SectorSeed {
        slug: "pre-made-meals",
        name_zh: "预制菜品牌",
        name_en: "Pre-made meal brands",
        survey: SurveySeed {
            slug: "pre-made-meals-2026",
            title_zh: "2026年预制菜品牌口碑调查",
            title_en: "Pre-made meal brands word-of-mouth survey 2026",
            intro_zh: "请评价您在过去半年内购买过的预制菜品牌。",
            intro_en: "Rate the pre-made meal brands you have bought in the past six months.",
        },
        mean: 6.3,
        spread: 2.2,
        respondents: 2500,
        subjects: &[
            subject("weilai-kitchen", "味来厨房", "Weilai Kitchen", 1.0, 0.8),
            subject("qiaofu-quick-meals", "巧妇速享", "Qiaofu Quick Meals", 0.95, 0.0),
            subject("jiayan-workshop", "家宴坊", "Jiayan Workshop", 0.8, 0.5),
            subject("full-wok", "锅气满满", "Full Wok", 0.75, -0.5),
            subject("one-bowl-fresh", "一碗鲜", "One Bowl Fresh", 0.6, -1.2),
            subject("little-stove", "小灶快厨", "Little Stove", 0.55, 0.1),
            subject("fresh-diary", "鲜食日记", "Fresh Diary", 0.45, 0.3),
            subject("bafang-flavours", "八方味", "Bafang Flavours", 0.35, -0.3),
            subject("lanting-kitchen", "兰亭小厨", "Lanting Kitchen", 0.045, 0.4),
        ],
        reasons: Reasons {
            promoter: (
                &["味道接近现做，加热方便。", "配料表干净，孩子也爱吃。", "分量足，性价比高。"],
                &["Tastes almost home-made and heats up fast.", "Clean ingredients, good value."],
            ),
            passive: (
                &["口味一般，偶尔应急还行。", "有点咸。", "包装太多，不环保。"],
                &["Fine in a pinch, a bit salty.", "Too much packaging."],
            ),
            detractor: (
                &["添加剂太多，吃完口干。", "肉很少，和图片差距大。", "收到时已经解冻了。"],
                &["Arrived thawed.", "Barely any meat, nothing like the photo."],
            ),
        },
    },
    SectorSeed {
        slug: "online-video",
        name_zh: "在线视频平台",
        name_en: "Online video platforms",
        survey: SurveySeed {
            slug: "online-video-2026",
            title_zh: "2026年在线视频平台口碑调查",
            title_en: "Online video platforms word-of-mouth survey 2026",
            intro_zh: "请评价您正在使用或近一年内使用过的视频平台会员服务。",
            intro_en: "Rate the video platform memberships you use or used in the past year.",
        },
        mean: 6.6,
        spread: 2.7,
        respondents: 2200,
        subjects: &[
            subject("xinghe-video", "星河视频", "Xinghe Video", 1.0, 0.4),
            subject("green-pomelo-tv", "青柚TV", "Green Pomelo TV", 0.9, -0.6),
            subject("lightplay", "光影派", "Lightplay", 0.7, 0.9),
            subject("cloudframe", "云帧影视", "Cloudframe", 0.6, 0.0),
            subject("xiaoman-theatre", "小满剧场", "Xiaoman Theatre", 0.4, -1.1),
            subject("chaselight-video", "追光视频", "Chaselight Video", 0.3, 0.2),
            subject("fawn-cinema", "小鹿影院", "Fawn Cinema", 0.05, 0.6),
        ],
        reasons: Reasons {
            promoter: (
                &["片库全，更新快。", "画质好，没有贴片广告。", "会员价格合理。"],
                &["Huge catalogue and no pre-roll ads.", "Fair price, great picture."],
            ),
            passive: (
                &["内容还行，但会员套娃太多。", "偶尔卡顿。", "自动续费提醒不明显。"],
                &["Content is fine, but tiers within tiers.", "Occasional buffering."],
            ),
            detractor: (
                &["开了会员还有广告。", "自动续费很难取消。", "超前点播另外收费。"],
                &["Ads even after paying.", "Auto-renewal was hard to cancel."],
            ),
        },
    },
    SectorSeed {
        slug: "health-checkups",
        name_zh: "健康体检机构",
        name_en: "Health check-up centres",
        survey: SurveySeed {
            slug: "health-checkups-2026",
            title_zh: "2026年健康体检机构口碑调查",
            title_en: "Health check-up centres word-of-mouth survey 2026",
            intro_zh: "请根据您最近一次体检的经历作答。",
            intro_en: "Please answer from your most recent check-up.",
        },
        mean: 7.0,
        spread: 1.9,
        respondents: 1800,
        subjects: &[
            subject("ankang-checkup", "安康体检中心", "Ankang Check-up Centre", 1.0, 0.3),
            subject("ruihe-health-screening", "瑞和健检", "Ruihe Health Screening", 0.85, 0.7),
            subject("mingjian-medical-check", "明鉴体检", "Mingjian Medical Check", 0.75, -0.4),
            subject("renxin-health", "仁心健康管理", "Renxin Health Management", 0.6, 0.0),
            subject("huikang-checkup", "慧康体检", "Huikang Check-up", 0.5, -0.9),
            subject("qiyuan-health-check", "启元健检", "Qiyuan Health Check", 0.4, 0.2),
            subject("youjian-centre", "优检中心", "Youjian Centre", 0.05, -0.1),
        ],
        reasons: Reasons {
            promoter: (
                &["流程清楚，报告解读很专业。", "不用空腹等太久，效率高。", "医生态度好。"],
                &["Clear process and a doctor explained the report.", "Quick and well organised."],
            ),
            passive: (
                &["人太多，排队时间长。", "报告出得有点慢。", "套餐项目说明不够清楚。", "报告出得慢，打了0755-8888 6666才有人接。"],
                &["Long queues.", "The report took a while."],
            ),
            detractor: (
                &["现场不停推销加项。", "报告有明显错误。", "预约时间被随意改动。"],
                &["Constant upselling of extra tests.", "The report had obvious mistakes."],
            ),
        },
    },
];

/// A note shown in every demo survey's intro, so nobody mistakes demo data for real results.
pub fn intro_with_note(intro_zh: &str, intro_en: &str) -> (String, String) {
    (
        format!("{intro_zh}\n\n{DEMO_NOTE_ZH}"),
        format!("{intro_en}\n\n{DEMO_NOTE_EN}"),
    )
}
