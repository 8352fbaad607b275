//! XLSX: a one-sheet Office Open XML workbook, its few XML parts written here on top of `zip`.
//!
//! Hand-written parts keep the dependency tree to `zip` + `miniz_oxide`; the layout follows what
//! Excel itself writes: inline strings, one bold style for the header, a frozen first row.

use std::borrow::Cow;
use std::io::{self, BufWriter, Cursor, Write};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::neutralize::neutralize;
use crate::table::{format_number, Cell, Table};

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
    #[error("failed to write the xlsx zip container")]
    Zip(#[from] ZipError),
    #[error("failed to write an xlsx part")]
    Io(#[from] io::Error),
}

/// Writes `table` as an XLSX workbook with one sheet named after `sheet_name` (sanitized).
///
/// Header row bold and frozen; numbers are numeric cells; text is inline strings, which never
/// evaluate. Text a spreadsheet could take for a formula (see [`neutralize`]) also gets Excel's
/// quote-prefix style, so editing the cell or re-saving the sheet as CSV does not bring the
/// formula to life either, while the cell shows exactly what the respondent wrote.
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

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let fixed_parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
    ];
    for (path, content) in fixed_parts {
        zip.start_file(path, options)?;
        zip.write_all(content.as_bytes())?;
    }
    zip.start_file("xl/workbook.xml", options)?;
    zip.write_all(workbook_xml(&sanitize_sheet_name(sheet_name)).as_bytes())?;
    zip.start_file("xl/worksheets/sheet1.xml", options)?;
    let mut out = BufWriter::with_capacity(64 * 1024, &mut zip);
    write_sheet(&mut out, table, columns)?;
    out.flush()?;
    drop(out);
    Ok(zip.finish()?.into_inner())
}

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    r#"</Types>"#,
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"</Relationships>"#,
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"</Relationships>"#,
);

/// Four cell formats: 0 the default, 1 bold (the header row), 2 and 3 the same with Excel's
/// quote prefix: text a spreadsheet could take for a formula is shown as written and stays text
/// when edited, without a visible `'` (the CSV has no such mechanism and writes one).
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="2">"#,
    r#"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"</fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="4">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>"#,
    r#"</cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"</styleSheet>"#,
);

fn workbook_xml(sheet_name: &str) -> String {
    let mut name = String::new();
    escape_into(&mut name, sheet_name);
    format!(
        r#"{XML_DECLARATION}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    )
}

/// The worksheet part: dimension, frozen header pane, column widths, then the cells.
fn write_sheet(out: &mut impl Write, table: &Table, columns: usize) -> Result<(), XlsxError> {
    let has_header = !table.columns.is_empty();
    let letters: Vec<String> = (0..columns).map(column_letters).collect();
    let last_row = table.rows.len() + usize::from(has_header);
    write!(
        out,
        r#"{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">"#
    )?;
    match letters.last() {
        Some(last_column) if last_row > 0 => {
            write!(out, r#"<dimension ref="A1:{last_column}{last_row}"/>"#)?;
        }
        _ => out.write_all(br#"<dimension ref="A1"/>"#)?,
    }
    out.write_all(br#"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#)?;
    if has_header {
        out.write_all(
            concat!(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#,
                r#"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#,
            )
            .as_bytes(),
        )?;
    }
    out.write_all(br#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#)?;
    let widths = column_widths(table, columns);
    if !widths.is_empty() {
        out.write_all(b"<cols>")?;
        for (index, width) in widths.iter().enumerate() {
            let number = index + 1;
            write!(
                out,
                r#"<col min="{number}" max="{number}" width="{width}" customWidth="1"/>"#
            )?;
        }
        out.write_all(b"</cols>")?;
    }

    out.write_all(b"<sheetData>")?;
    let mut scratch = String::new();
    let mut row_number = 1;
    if has_header {
        out.write_all(br#"<row r="1">"#)?;
        for (name, column) in table.columns.iter().zip(&letters) {
            let cell = CellRef {
                column,
                row: row_number,
            };
            write_text_cell(out, &mut scratch, cell, true, name)?;
        }
        out.write_all(b"</row>")?;
        row_number += 1;
    }
    for row in &table.rows {
        write!(out, r#"<row r="{row_number}">"#)?;
        for (value, column) in row.iter().zip(&letters) {
            let cell = CellRef {
                column,
                row: row_number,
            };
            match value {
                Cell::Empty => {}
                Cell::Text(text) => write_text_cell(out, &mut scratch, cell, false, text)?,
                Cell::Integer(value) => write!(out, r#"<c r="{cell}"><v>{value}</v></c>"#)?,
                Cell::Number(value) => {
                    if let Some(text) = format_number(*value) {
                        write!(out, r#"<c r="{cell}"><v>{text}</v></c>"#)?;
                    }
                }
            }
        }
        out.write_all(b"</row>")?;
        row_number += 1;
    }
    out.write_all(b"</sheetData></worksheet>")?;
    Ok(())
}

/// A cell's A1-style reference, e.g. `B7`.
#[derive(Clone, Copy)]
struct CellRef<'a> {
    column: &'a str,
    row: usize,
}

impl std::fmt::Display for CellRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.column, self.row)
    }
}

/// One text cell as an inline string: invalid XML characters dropped, escaped, and text a
/// spreadsheet could take for a formula given the quote-prefix style (see [`neutralize`]).
fn write_text_cell(
    out: &mut impl Write,
    scratch: &mut String,
    cell: CellRef<'_>,
    header: bool,
    text: &str,
) -> Result<(), XlsxError> {
    // Drop first so that a hidden control character cannot shield a leading `=` from the guard.
    let text = strip_invalid_xml_chars(text);
    let formula_like = matches!(neutralize(&text), std::borrow::Cow::Owned(_));
    let style = match (header, formula_like) {
        (false, false) => "",
        (true, false) => r#" s="1""#,
        (false, true) => r#" s="2""#,
        (true, true) => r#" s="3""#,
    };
    // UTF-16 units never exceed UTF-8 bytes: count only when the text could be too long.
    if text.len() > MAX_TEXT_LEN {
        let len = text.encode_utf16().count();
        if len > MAX_TEXT_LEN {
            return Err(XlsxError::TextTooLong {
                cell: cell.to_string(),
                len,
            });
        }
    }
    scratch.clear();
    escape_into(scratch, &text);
    let space = if needs_space_preserve(&text) {
        r#" xml:space="preserve""#
    } else {
        ""
    };
    write!(
        out,
        r#"<c r="{cell}"{style} t="inlineStr"><is><t{space}>{scratch}</t></is></c>"#
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

/// Without `xml:space="preserve"` Excel trims leading and trailing whitespace.
fn needs_space_preserve(text: &str) -> bool {
    text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.contains(['\t', '\n', '\r'])
}

/// Escapes text for XML element content or a quoted attribute.
///
/// CR becomes `&#13;` (XML parsers turn a literal CR into LF); an underscore that starts an
/// Excel `_xHHHH_` escape is itself escaped as `_x005F_` so such text reads back unchanged.
fn escape_into(out: &mut String, text: &str) {
    for (index, c) in text.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '_' if looks_like_excel_escape(&text.as_bytes()[index..]) => out.push_str("_x005F_"),
            c if is_invalid_xml_char(c) => {}
            c => out.push(c),
        }
    }
}

/// Whether `bytes` starts with `_xHHHH_`.
fn looks_like_excel_escape(bytes: &[u8]) -> bool {
    match bytes {
        [b'_', b'x', a, b, c, d, b'_', ..] => [a, b, c, d].into_iter().all(u8::is_ascii_hexdigit),
        _ => false,
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
    use std::io::Read;

    use super::*;

    const PARTS: [&str; 6] = [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    ];

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = archive.by_name(name).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        text
    }

    fn sheet(table: &Table) -> String {
        part(
            &write_xlsx(table, "回答").unwrap(),
            "xl/worksheets/sheet1.xml",
        )
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

    #[test]
    fn the_workbook_has_every_part_deflated() {
        let bytes = write_xlsx(&results_table(), "结果").unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(archive.len(), PARTS.len());
        for name in PARTS {
            let file = archive.by_name(name).unwrap();
            assert_eq!(file.compression(), CompressionMethod::Deflated, "{name}");
        }
        assert!(part(&bytes, "xl/workbook.xml").contains(r#"<sheet name="结果" sheetId="1""#));
        assert!(part(&bytes, "xl/styles.xml").contains("<b/>"));
    }

    #[test]
    fn the_header_row_is_bold_inline_text() {
        let xml = sheet(&results_table());
        assert!(xml.contains(concat!(
            r#"<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>品牌</t></is></c>"#,
            r#"<c r="B1" s="1" t="inlineStr"><is><t>NPS</t></is></c>"#,
        )));
        assert!(xml.contains(r#"<dimension ref="A1:C3"/>"#));
    }

    #[test]
    fn the_header_row_is_frozen() {
        let xml = sheet(&results_table());
        assert!(xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
    }

    #[test]
    fn numbers_are_numeric_cells_and_non_finite_ones_are_left_out() {
        let xml = sheet(&results_table());
        assert!(xml.contains(r#"<c r="B2"><v>-12.5</v></c><c r="C2"><v>40</v></c>"#));
        assert!(!xml.contains(r#"r="B3""#));
        assert!(!xml.contains(r#"r="C3""#));
    }

    #[test]
    fn text_is_escaped_and_formula_like_text_is_quote_prefixed_not_altered() {
        let xml = sheet(&results_table());
        assert!(xml.contains(r#"<t>甲 &amp; &lt;乙&gt;</t>"#));
        assert!(
            xml.contains(r#" s="2" t="inlineStr"><is><t>=HYPERLINK(&quot;x&quot;)</t>"#),
            "{xml}"
        );
        assert!(!xml.contains("'="), "no visible quote: {xml}");
    }

    #[test]
    fn invalid_xml_characters_are_dropped_before_neutralizing() {
        let table = Table {
            columns: vec!["理由".to_owned()],
            rows: vec![
                vec!["\u{1}=1+1\u{FFFF}".into()],
                vec!["a\u{0}b\u{1F}c".into()],
            ],
        };
        let xml = sheet(&table);
        assert!(
            xml.contains(r#" s="2" t="inlineStr"><is><t>=1+1</t>"#),
            "{xml}"
        );
        assert!(xml.contains("<t>abc</t>"));
    }

    #[test]
    fn whitespace_and_line_breaks_are_preserved() {
        let table = Table {
            columns: vec!["理由".to_owned()],
            rows: vec![vec![" 第一行\r\n第二行".into()]],
        };
        assert!(sheet(&table).contains(
            r#"<t xml:space="preserve"> 第一行&#13;
第二行</t>"#
        ));
    }

    #[test]
    fn text_that_looks_like_an_excel_escape_is_escaped_itself() {
        let table = Table {
            columns: vec!["a_x0041_b".to_owned()],
            rows: vec![vec!["_x00zz_ _x".into()]],
        };
        let xml = sheet(&table);
        assert!(xml.contains("<t>a_x005F_x0041_b</t>"));
        assert!(xml.contains("<t>_x00zz_ _x</t>"));
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
        let xml = sheet(&Table::default());
        assert!(xml.contains(r#"<dimension ref="A1"/>"#));
        assert!(!xml.contains("<pane"));
        assert!(!xml.contains("<cols>"));
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
