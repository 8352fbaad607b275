use super::Messages;

pub static MESSAGES: Messages = Messages {
    site_name: "口碑",
    tagline: "消费者口碑调查",
    skip_to_content: "跳到主要内容",
    language: "语言",
    home_title: "正在进行的口碑调查",
    home_intro: "您的评价会帮助其他消费者做出选择，也促使商家改进服务。每项调查只需几分钟。",
    filter_label: "按行业或调查名称筛选",
    filter_placeholder: "例如：口腔",
    filter_submit: "筛选",
    filter_no_match: |q| format!("没有与“{q}”匹配的调查。"),
    no_open_surveys: "目前没有正在进行的调查。",
    subjects_count: |n| format!("{n} 个品牌/机构"),
    closes_on: |date| format!("截止日期：{date}"),
    take_survey: "参与调查",
    loading: "加载中…",
    load_error: "暂时无法加载调查列表，请稍后再试。",
    not_found_title: "页面不存在",
    not_found_body: "您要找的页面不存在，可能已被移除或链接有误。",
    back_home: "返回首页",
    footer: "口碑 Koubei · 开源的净推荐值（NPS）口碑调查系统",
};
