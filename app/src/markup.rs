//! Text made safe to write into HTML by hand (where no view escapes it for us).

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text inside a `<textarea>`. The server renderer writes a textarea's children without
/// escaping them (tachys treats the element as raw text), so a kept value holding
/// `</textarea>` would end the element and write markup. Escaped on the server only: in the
/// browser the value becomes a text node, which needs no escaping.
pub fn textarea_text(value: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_html(value)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_become_entities() {
        assert_eq!(
            escape_html(r#"</title><meta http-equiv="refresh" content='0'>&"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&#39;0&#39;&gt;&amp;"
        );
        assert_eq!(escape_html("口腔诊所 · A&B"), "口腔诊所 · A&amp;B");
    }
}
