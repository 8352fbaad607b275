//! `cargo bench -p koubei-text`: reading reasons on one core — redaction, segmentation and theme
//! tagging together (what a publication and the console's themes page do per reason), and
//! redaction alone. 5,000 reasons like the demo's and the council's (short Chinese ones, some
//! English, one in ten with personal data). The target: ≥ 5,000 reasons/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use koubei_text::{redact, Reader, ThemeWords};

const ZH: [&str; 12] = [
    "护理员很有耐心，老人住得安心。",
    "总体还行，就是价格偏高。",
    "收费项目不透明，经常加钱，投诉后也没有人回复。",
    "医生技术好，拔牙一点都不疼，价格透明，提前告知所有费用。",
    "一直推销种植牙，体验很差。",
    "人太多，排队时间长，报告出得有点慢。",
    "分量足，性价比高，加热方便，孩子也爱吃。",
    "开了会员还有广告，自动续费很难取消。",
    "环境不错，但护理人员流动大，床位紧张，要排队很久。",
    "王护士特别细心，有事打她电话138 2345 6789都会回。",
    "李医生一直推销种植牙，还让我加微信 dr_li2026 私下交钱。",
    "报告出得慢，打了0755-8888 6666才有人接。",
];
const EN: [&str; 4] = [
    "The carers are patient and my mother feels safe.",
    "Constant upselling of extra tests, and the report had obvious mistakes.",
    "Huge catalogue and no pre-roll ads, fair price.",
    "Call Dr. Wang on 13912345678 about the bill.",
];

fn reasons(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            if i % 5 == 4 {
                EN[i % EN.len()].to_string()
            } else {
                ZH[i % ZH.len()].to_string()
            }
        })
        .collect()
}

fn lexicon() -> Vec<ThemeWords> {
    let theme = |key: &str, words: &[&str]| ThemeWords {
        key: key.to_string(),
        words: words.iter().map(|w| w.to_string()).collect(),
    };
    vec![
        theme(
            "price",
            &[
                "价格",
                "收费",
                "费用",
                "贵",
                "性价比",
                "加钱",
                "price",
                "bill",
                "expensive",
            ],
        ),
        theme(
            "attitude",
            &[
                "态度", "耐心", "细心", "热情", "patient", "friendly", "rude",
            ],
        ),
        theme(
            "waiting",
            &["排队", "等", "预约", "慢", "queue", "waiting time"],
        ),
        theme("upselling", &["推销", "加项", "upselling"]),
        theme("care", &["护理", "护理员", "护士", "carers", "care"]),
        theme("report", &["报告", "report", "mistakes"]),
        theme("ads", &["广告", "ads", "pre-roll"]),
        theme("renewal", &["自动续费", "取消", "auto-renewal", "cancel"]),
    ]
}

fn reading(c: &mut Criterion) {
    let reader = Reader::new(&lexicon(), ["康乐颐年", "齿科"]);
    let batch = reasons(5_000);
    let mut group = c.benchmark_group("reasons");
    group.sample_size(10);
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("redact+segment+tag (5,000 reasons)", |b| {
        b.iter(|| {
            for reason in &batch {
                black_box(reader.read(black_box(reason)));
            }
        })
    });
    group.bench_function("redact only (5,000 reasons)", |b| {
        b.iter(|| {
            for reason in &batch {
                black_box(redact(black_box(reason)));
            }
        })
    });
    group.finish();
    c.bench_function(
        "reader/build (copy of jieba's dictionary + user words)",
        |b| b.iter(|| Reader::new(black_box(&lexicon()), ["康乐颐年"])),
    );
}

criterion_group!(benches, reading);
criterion_main!(benches);
