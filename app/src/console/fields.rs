//! Form fields with their label and error, the way every console form shows them.

use leptos::prelude::*;

#[component]
pub fn TextInput(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some().then_some("true");
    let error_id = format!("{name}-error");
    let described_by = error_id.clone();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input id=name name=name type=kind value=value aria-invalid=invalid
                aria-describedby=described_by data-testid=format!("field-{name}")/>
            <p class="field-error" id=error_id>{error}</p>
        </div>
    }
}

#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some().then_some("true");
    let error_id = format!("{name}-error");
    let described_by = error_id.clone();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <textarea id=name name=name rows="3" aria-invalid=invalid aria-describedby=described_by
                data-testid=format!("field-{name}")>{crate::markup::textarea_text(&value)}</textarea>
            <p class="field-error" id=error_id>{error}</p>
        </div>
    }
}

#[component]
pub fn Checkbox(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name value="yes" checked=checked data-testid=format!("field-{name}")/>
            {label}
        </label>
    }
}
