//! The staff console's words, zh-CN and en. Kept apart from the public catalog: the console is
//! rendered on the server only, so none of this reaches the browser bundle.

use crate::i18n::Locale;

pub struct ConsoleMessages {
    pub console: &'static str,
    pub unauthenticated: &'static str,
    pub forbidden: &'static str,
    pub forbidden_title: &'static str,
    pub csrf_failed: &'static str,
    pub form_expired_title: &'static str,
    pub unavailable: &'static str,
    pub unavailable_title: &'static str,
    pub not_found_title: &'static str,
    pub not_found: &'static str,
    pub back_to_console: &'static str,
    // sign-in
    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub wrong_credentials: &'static str,
    pub throttled: fn(u64) -> String,
    pub sign_out: &'static str,
    pub sign_out_everywhere: &'static str,
    pub signed_in_as: &'static str,
    // navigation
    pub nav_surveys: &'static str,
    pub nav_sectors: &'static str,
    pub nav_users: &'static str,
    pub nav_tokens: &'static str,
    pub nav_audit: &'static str,
}

impl Locale {
    /// The console's messages in this language.
    pub fn console(self) -> &'static ConsoleMessages {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: ConsoleMessages = ConsoleMessages {
    console: "工作台",
    unauthenticated: "请先登录：使用工作人员会话或 API 令牌（Authorization: Bearer …）。",
    forbidden: "您的角色无权执行此操作。",
    forbidden_title: "无权访问",
    csrf_failed: "请求未通过跨站校验：请从工作台页面重新提交。",
    form_expired_title: "表单已过期",
    unavailable: "数据库暂时无法访问，请稍后再试。未做任何更改。",
    unavailable_title: "暂时无法访问",
    not_found_title: "未找到",
    not_found: "没有找到您要的内容。",
    back_to_console: "返回工作台",
    sign_in: "登录",
    sign_in_title: "工作人员登录",
    email: "电子邮箱",
    password: "密码",
    wrong_credentials: "邮箱或密码不正确。",
    throttled: |seconds| {
        format!(
            "登录失败次数过多，请在 {} 分钟后再试。",
            seconds.div_ceil(60)
        )
    },
    sign_out: "退出登录",
    sign_out_everywhere: "在所有设备上退出",
    signed_in_as: "当前用户",
    nav_surveys: "调查",
    nav_sectors: "行业与品牌",
    nav_users: "用户",
    nav_tokens: "API 令牌",
    nav_audit: "审计日志",
};

static EN: ConsoleMessages = ConsoleMessages {
    console: "Console",
    unauthenticated:
        "Sign in first: use a staff session or an API token (Authorization: Bearer …).",
    forbidden: "Your role does not allow this.",
    forbidden_title: "Not allowed",
    csrf_failed: "The request failed the cross-site check: submit it again from the console.",
    form_expired_title: "The form has expired",
    unavailable:
        "The database cannot be reached right now; try again shortly. Nothing was changed.",
    unavailable_title: "Temporarily unavailable",
    not_found_title: "Not found",
    not_found: "We could not find what you asked for.",
    back_to_console: "Back to the console",
    sign_in: "Sign in",
    sign_in_title: "Staff sign-in",
    email: "E-mail",
    password: "Password",
    wrong_credentials: "Wrong e-mail address or password.",
    throttled: |seconds| {
        format!(
            "Too many failed sign-ins; try again in {} min.",
            seconds.div_ceil(60)
        )
    },
    sign_out: "Sign out",
    sign_out_everywhere: "Sign out everywhere",
    signed_in_as: "Signed in as",
    nav_surveys: "Surveys",
    nav_sectors: "Sectors & subjects",
    nav_users: "Users",
    nav_tokens: "API tokens",
    nav_audit: "Audit log",
};
