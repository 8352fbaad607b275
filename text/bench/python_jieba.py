"""The usual way to read Chinese reasons, for a side-by-side ratio with `cargo bench -p koubei-text`:
Python's jieba (0.42, the original) segmenting, a set lookup per word for the themes, and `re`
patterns for the commonest personal data (mobile numbers, e-mail addresses, ID numbers) — less
than Koubei's redaction does, so the ratio flatters Python. Same 5,000 reasons, same lexicon.

Run: python3 text/bench/python_jieba.py   (needs `pip install jieba`)
"""
import re
import time

import jieba

ZH = [
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
]
EN = [
    "The carers are patient and my mother feels safe.",
    "Constant upselling of extra tests, and the report had obvious mistakes.",
    "Huge catalogue and no pre-roll ads, fair price.",
    "Call Dr. Wang on 13912345678 about the bill.",
]
LEXICON = {
    "price": ["价格", "收费", "费用", "贵", "性价比", "加钱", "price", "bill", "expensive"],
    "attitude": ["态度", "耐心", "细心", "热情", "patient", "friendly", "rude"],
    "waiting": ["排队", "等", "预约", "慢", "queue"],
    "upselling": ["推销", "加项", "upselling"],
    "care": ["护理", "护理员", "护士", "carers", "care"],
    "report": ["报告", "report", "mistakes"],
    "ads": ["广告", "ads", "pre-roll"],
    "renewal": ["自动续费", "取消", "auto-renewal", "cancel"],
}
reasons = [EN[i % len(EN)] if i % 5 == 4 else ZH[i % len(ZH)] for i in range(5000)]
for words in LEXICON.values():
    for w in words:
        jieba.add_word(w, freq=200000)
jieba.add_word("康乐颐年")
word_to_themes = {}
for key, words in LEXICON.items():
    for w in words:
        word_to_themes.setdefault(w, set()).add(key)
PATTERNS = [
    re.compile(r"(?:\+?86[\s-]*)?1[3-9]\d(?:[\s-]*\d){8}"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    re.compile(r"\d{17}[\dXx]"),
]


def read(reason):
    for p in PATTERNS:
        reason = p.sub("〔已隐去〕", reason)
    themes = set()
    for word in jieba.lcut(reason, HMM=True):
        themes |= word_to_themes.get(word.lower(), set())
    return reason, themes


read(reasons[0])  # load the dictionary outside the timing
runs = []
for _ in range(5):
    start = time.perf_counter()
    for r in reasons:
        read(r)
    runs.append(time.perf_counter() - start)
runs.sort()
median = runs[len(runs) // 2]
print(f"python jieba {jieba.__version__}: 5,000 reasons in {median * 1000:.1f} ms (median of 5), "
      f"{5000 / median:,.0f} reasons/s")
