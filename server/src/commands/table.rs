//! Plain-text tables for listings on a terminal: a header line and left-aligned columns.

/// The rows under `header`, each column as wide as its widest cell, two spaces apart.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let mut text = padded.join("  ").trim_end().to_string();
        text.push('\n');
        text
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// An optional value as a cell: `-` when absent.
pub fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_under_their_headers() {
        let text = render(
            &["email", "role"],
            &[
                vec!["li.wei@council.cn".into(), "admin".into()],
                vec!["a@b.cn".into(), "viewer".into()],
            ],
        );
        assert_eq!(
            text,
            "email              role\n\
             li.wei@council.cn  admin\n\
             a@b.cn             viewer\n"
        );
    }
}
