//! XLSX: a one-sheet workbook written by `rust_xlsxwriter`, the header row bold and frozen,
//! column widths fitted to the text, and the formula-injection guard applied as Excel's
//! quote-prefix style.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::neutralize::neutralize;
use crate::table::{Cell, Table};

/// Data rows one sheet can hold: Excel's 1,048,576 rows less the header row.
pub const MAX_DATA_ROWS: usize = 1_048_575;
/// Columns one sheet can hold (A to XFD).
pub const MAX_COLUMNS: usize = 16_384;
/// Characters (UTF-16 units) one cell can hold; Excel refuses longer text.
pub const MAX_TEXT_LEN: usize = 32_767;

/// Why a table could not become an XLSX file.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("too many rows for one sheet: {rows} data rows, at most {MAX_DATA_ROWS}")]
    TooManyRows { rows: usize },
    #[error("too many columns for one sheet: {columns}, at most {MAX_COLUMNS}")]
    TooManyColumns { columns: usize },
    #[error("text too long for cell {cell}: {len} characters, at most {MAX_TEXT_LEN}")]
    TextTooLong { cell: String, len: usize },
    #[error("failed to write the workbook")]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// The four cell formats: plain, bold (the header row), and each with Excel's quote prefix.
struct Formats {
    plain: Format,
    bold: Format,
    quoted: Format,
    bold_quoted: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            plain: Format::new(),
            bold: Format::new().set_bold(),
            quoted: Format::new().set_quote_prefix(),
            bold_quoted: Format::new().set_bold().set_quote_prefix(),
        }
    }

    fn for_text(&self, header: bool, formula_like: bool) -> &Format {
        match (header, formula_like) {
            (false, false) => &self.plain,
            (true, false) => &self.bold,
            (false, true) => &self.quoted,
            (true, true) => &self.bold_quoted,
        }
    }
}

/// Writes `table` as an XLSX workbook with one sheet named after `sheet_name` (sanitized).
///
/// Header row bold and frozen; numbers are numeric cells (non-finite ones left empty); text is
/// text, which never evaluates. Text a spreadsheet could take for a formula (see
/// [`neutralize`]) also gets Excel's quote-prefix style, so editing the cell or re-saving the
/// sheet as CSV does not bring the formula to life either, while the cell shows exactly what
/// the respondent wrote.
pub fn write_xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>, XlsxError> {
    let rows = table.rows.len();
    if rows > MAX_DATA_ROWS {
        return Err(XlsxError::TooManyRows { rows });
    }
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .fold(table.columns.len(), usize::max);
    if columns > MAX_COLUMNS {
        return Err(XlsxError::TooManyColumns { columns });
    }

    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sanitize_sheet_name(sheet_name))?;
    for (column, width) in column_widths(table, columns).into_iter().enumerate() {
        sheet.set_column_width(column_number(column), width as f64)?;
    }
    let has_header = !table.columns.is_empty();
    if has_header {
        sheet.set_freeze_panes(1, 0)?;
        for (column, name) in table.columns.iter().enumerate() {
            write_text(sheet, &formats, 0, column, true, name)?;
        }
    }
    let first_data_row = usize::from(has_header);
    for (index, row) in table.rows.iter().enumerate() {
        let at = first_data_row + index;
        for (column, value) in row.iter().enumerate() {
            match value {
                Cell::Empty => {}
                Cell::Text(text) => write_text(sheet, &formats, at, column, false, text)?,
                // Excel keeps every number as a double, integers included.
                Cell::Integer(value) => {
                    sheet.write_number(row_number(at), column_number(column), *value as f64)?;
                }
                Cell::Number(value) if value.is_finite() => {
                    sheet.write_number(row_number(at), column_number(column), *value)?;
                }
                Cell::Number(_) => {}
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// Row and column numbers fit the writer's types: the limits above were checked first.
fn row_number(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

fn column_number(column: usize) -> u16 {
    u16::try_from(column).unwrap_or(u16::MAX)
}

/// One text cell: characters XML cannot hold dropped, too-long text refused with its cell, and
/// text a spreadsheet could take for a formula given the quote-prefix style.
fn write_text(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: usize,
    column: usize,
    header: bool,
    text: &str,
) -> Result<(), XlsxError> {
    // Drop first so that a hidden control character cannot shield a leading `=` from the guard.
    let text = strip_invalid_xml_chars(text);
    // UTF-16 units never exceed UTF-8 bytes: count only when the text could be too long.
    if text.len() > MAX_TEXT_LEN {
        let len = text.encode_utf16().count();
        if len > MAX_TEXT_LEN {
            return Err(XlsxError::TextTooLong {
                cell: format!("{}{}", column_letters(column), row + 1),
                len,
            });
        }
    }
    let formula_like = matches!(neutralize(&text), Cow::Owned(_));
    let format = formats.for_text(header, formula_like);
    sheet.write_string_with_format(
        row_number(row),
        column_number(column),
        text.as_ref(),
        format,
    )?;
    Ok(())
}

/// Characters XML 1.0 cannot hold at all (not even as references); they are dropped.
fn is_invalid_xml_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn strip_invalid_xml_chars(text: &str) -> Cow<'_, str> {
    if text.contains(is_invalid_xml_char) {
        Cow::Owned(text.chars().filter(|&c| !is_invalid_xml_char(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Column widths in characters, from the widest line of text in each column (CJK counts
/// double), so Chinese text is readable without resizing; clamped to keep sheets tidy.
fn column_widths(table: &Table, columns: usize) -> Vec<usize> {
    let mut widths = vec![0; columns];
    for (width, name) in widths.iter_mut().zip(&table.columns) {
        *width = display_width(name);
    }
    for row in &table.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            if let Cell::Text(text) = cell {
                *width = (*width).max(display_width(text));
            }
        }
    }
    widths
        .into_iter()
        .map(|width| (width + 2).clamp(10, 60))
        .collect()
}

fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
                .sum()
        })
        .max()
        .unwrap_or(0)
}

/// Zero-based column index to letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
fn column_letters(index: usize) -> String {
    let mut letters = Vec::with_capacity(3);
    let mut rest = index + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Makes `name` a legal sheet name: no `[]:*?/\` or control characters, no leading or trailing
/// apostrophe, at most 31 characters, not empty and not Excel's reserved "History".
fn sanitize_sheet_name(name: &str) -> String {
    const MAX_LEN: usize = 31;
    let allowed = |c: &char| {
        !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')
            && !c.is_control()
            && !is_invalid_xml_char(*c)
    };
    let cleaned: String = name.chars().filter(allowed).collect();
    let mut short = String::new();
    let mut units = 0;
    for c in cleaned.trim().trim_matches('\'').chars() {
        units += c.len_utf16();
        if units > MAX_LEN {
            break;
        }
        short.push(c);
    }
    let short = short.trim().trim_matches('\'').trim();
    if short.is_empty() || short.eq_ignore_ascii_case("history") {
        "Sheet1".to_owned()
    } else {
        short.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};

    use super::*;

    /// The sheet as a spreadsheet program sees it, read back by calamine (a reader written
    /// independently of the writer): its name and every row of values.
    fn read_back(bytes: &[u8]) -> (String, Vec<Vec<Data>>) {
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).expect("the sheet");
        (name, range.rows().map(<[Data]>::to_vec).collect())
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut file = archive.by_name(name).expect("part");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8");
        text
    }

    /// The cell format (`<xf …>` of `cellXfs`) a cell uses, and the font it names.
    fn format_of(bytes: &[u8], cell: &str) -> (String, String) {
        let sheet = part(bytes, "xl/worksheets/sheet1.xml");
        let styles = part(bytes, "xl/styles.xml");
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).expect("the cell");
        let tag = &sheet[at..at + sheet[at..].find('>').expect("tag end")];
        let index: usize = tag
            .split(r#" s=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map_or(0, |n| n.parse().expect("a style index"));
        let nth = |section: &str, element: &str, n: usize| {
            let start = styles.find(&format!("<{section}")).expect("section");
            styles[start..]
                .split(&format!("<{element}"))
                .nth(n + 1)
                .map(|rest| rest.split(&format!("</{element}>")).next().unwrap_or(rest))
                .expect("element")
                .to_string()
        };
        let xf = nth("cellXfs", "xf ", index);
        let font_id: usize = xf
            .split(r#"fontId=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map_or(0, |n| n.parse().expect("a font index"));
        (xf, nth("fonts", "font>", font_id))
    }

    fn results_table() -> Table {
        Table {
            columns: vec!["品牌".to_owned(), "NPS".to_owned(), "n".to_owned()],
            rows: vec![
                vec!["甲 & <乙>".into(), Cell::Number(-12.5), Cell::Integer(40)],
                vec![
                    "=HYPERLINK(\"x\")".into(),
                    Cell::Number(f64::NAN),
                    Cell::Empty,
                ],
            ],
        }
    }

    fn text(value: &str) -> Data {
        Data::String(value.to_owned())
    }

    #[test]
    fn the_sheet_reads_back_as_written() {
        let bytes = write_xlsx(&results_table(), "结果").unwrap();
        let (name, rows) = read_back(&bytes);
        assert_eq!(name, "结果");
        assert_eq!(
            rows,
            vec![
                vec![text("品牌"), text("NPS"), text("n")],
                vec![text("甲 & <乙>"), Data::Float(-12.5), Data::Float(40.0)],
                // Not a number is left out, not written as text or zero.
                vec![text("=HYPERLINK(\"x\")"), Data::Empty, Data::Empty],
            ]
        );
    }

    #[test]
    fn the_header_row_is_bold_and_frozen() {
        let bytes = write_xlsx(&results_table(), "结果").unwrap();
        let (_, header_font) = format_of(&bytes, "A1");
        assert!(header_font.contains("<b/>"), "{header_font}");
        let (_, body_font) = format_of(&bytes, "A2");
        assert!(!body_font.contains("<b/>"), "{body_font}");
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#));
    }

    #[test]
    fn formula_like_text_is_quote_prefixed_not_altered() {
        let bytes = write_xlsx(&results_table(), "结果").unwrap();
        let (formula, _) = format_of(&bytes, "A3");
        assert!(formula.contains(r#"quotePrefix="1""#), "{formula}");
        let (plain, _) = format_of(&bytes, "A2");
        assert!(!plain.contains("quotePrefix"), "{plain}");
        // Shown exactly as written: no visible quote.
        assert_eq!(read_back(&bytes).1[2][0], text("=HYPERLINK(\"x\")"));
    }

    #[test]
    fn invalid_xml_characters_are_dropped_before_neutralizing() {
        let table = Table {
            columns: vec!["理由".to_owned()],
            rows: vec![vec!["\u{1}=1+1".into()], vec!["a\u{0}b\u{FFFE}".into()]],
        };
        let bytes = write_xlsx(&table, "x").unwrap();
        let rows = read_back(&bytes).1;
        assert_eq!(rows[1][0], text("=1+1"));
        assert_eq!(rows[2][0], text("ab"));
        let (hidden, _) = format_of(&bytes, "A2");
        assert!(hidden.contains(r#"quotePrefix="1""#), "{hidden}");
    }

    #[test]
    fn whitespace_line_breaks_and_excel_escapes_read_back_unchanged() {
        let kept = [
            " 前后有空格 ",
            "第一行\n第二行",
            "tab\there",
            "_x0041_ is not A",
        ];
        let table = Table {
            columns: vec!["理由".to_owned()],
            rows: kept.iter().map(|t| vec![Cell::from(*t)]).collect(),
        };
        let rows = read_back(&write_xlsx(&table, "x").unwrap()).1;
        for (row, expected) in rows[1..].iter().zip(kept) {
            assert_eq!(row[0], text(expected));
        }
    }

    #[test]
    fn more_data_rows_than_a_sheet_holds_are_refused() {
        let table = Table {
            columns: vec!["a".to_owned()],
            rows: vec![Vec::new(); MAX_DATA_ROWS + 1],
        };
        let error = write_xlsx(&table, "x").unwrap_err();
        assert!(matches!(error, XlsxError::TooManyRows { rows } if rows == MAX_DATA_ROWS + 1));
    }

    #[test]
    fn more_columns_than_a_sheet_holds_are_refused() {
        let table = Table {
            columns: Vec::new(),
            rows: vec![vec![Cell::Empty; MAX_COLUMNS + 1]],
        };
        let error = write_xlsx(&table, "x").unwrap_err();
        assert!(
            matches!(error, XlsxError::TooManyColumns { columns } if columns == MAX_COLUMNS + 1)
        );
    }

    #[test]
    fn text_longer_than_a_cell_holds_is_refused_with_its_cell() {
        let fits = "好".repeat(MAX_TEXT_LEN);
        let table = Table {
            columns: vec![fits.clone()],
            rows: vec![vec![Cell::Empty, fits.into()]],
        };
        assert!(write_xlsx(&table, "x").is_ok());
        let table = Table {
            columns: vec!["a".to_owned()],
            rows: vec![vec!["a".repeat(MAX_TEXT_LEN + 1).into()]],
        };
        let error = write_xlsx(&table, "x").unwrap_err();
        assert!(matches!(error, XlsxError::TextTooLong { ref cell, .. } if cell == "A2"));
    }

    #[test]
    fn an_empty_table_is_still_a_workbook() {
        let bytes = write_xlsx(&Table::default(), "x").unwrap();
        let (name, rows) = read_back(&bytes);
        assert_eq!(name, "x");
        assert!(rows.iter().flatten().all(|cell| *cell == Data::Empty));
        assert!(!part(&bytes, "xl/worksheets/sheet1.xml").contains("<pane"));
    }

    #[test]
    fn column_letters_run_from_a_to_xfd() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(MAX_COLUMNS - 1), "XFD");
    }

    #[test]
    fn sheet_names_are_made_legal() {
        assert_eq!(sanitize_sheet_name("2025/Q1: [养老]*?\\"), "2025Q1 养老");
        assert_eq!(sanitize_sheet_name("'quoted'"), "quoted");
        assert_eq!(sanitize_sheet_name(""), "Sheet1");
        assert_eq!(sanitize_sheet_name("[]"), "Sheet1");
        assert_eq!(sanitize_sheet_name("History"), "Sheet1");
        assert_eq!(sanitize_sheet_name(&"调".repeat(40)), "调".repeat(31));
        assert_eq!(
            sanitize_sheet_name(&format!("{}😀", "a".repeat(30))),
            "a".repeat(30)
        );
        assert_eq!(sanitize_sheet_name("A & B"), "A & B");
    }

    #[test]
    fn column_widths_follow_the_widest_text_with_cjk_counted_double() {
        let table = Table {
            columns: vec!["理由".to_owned(), "n".to_owned()],
            rows: vec![vec!["很好很好很好很好很好\n短".into(), Cell::Integer(1)]],
        };
        assert_eq!(column_widths(&table, 2), vec![22, 10]);
    }
}
