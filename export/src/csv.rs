//! CSV for Excel and WPS: RFC 4180 quoting, CRLF, UTF-8 with a BOM.

use std::io::{self, BufWriter, Write};

use crate::neutralize::neutralize;
use crate::table::{format_number, Cell, Table};

/// The UTF-8 byte order mark: without it Excel reads the file in the local code page and
/// Chinese text turns into mojibake.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `table` as CSV: BOM, header row, then the rows, each line ended by CRLF.
///
/// Text (header included) goes through [`neutralize`]; numbers are written as plain numbers.
pub fn write_csv<W: Write>(table: &Table, out: W) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    out.write_all(BOM)?;
    for (index, name) in table.columns.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        // A file starting with "ID" is taken by Excel for SYLK and refused; quoting avoids that.
        let force_quotes = index == 0 && name.starts_with("ID");
        write_text(&mut out, name, force_quotes)?;
    }
    out.write_all(b"\r\n")?;
    for row in &table.rows {
        for (index, cell) in row.iter().enumerate() {
            if index > 0 {
                out.write_all(b",")?;
            }
            write_cell(&mut out, cell)?;
        }
        out.write_all(b"\r\n")?;
    }
    out.flush()
}

fn write_cell(out: &mut impl Write, cell: &Cell) -> io::Result<()> {
    match cell {
        Cell::Empty => Ok(()),
        Cell::Text(text) => write_text(out, text, false),
        Cell::Integer(value) => write!(out, "{value}"),
        Cell::Number(value) => match format_number(*value) {
            Some(text) => out.write_all(text.as_bytes()),
            None => Ok(()),
        },
    }
}

/// One text field, neutralized, quoted when it holds a comma, quote, CR or LF (RFC 4180).
fn write_text(out: &mut impl Write, text: &str, force_quotes: bool) -> io::Result<()> {
    let text = neutralize(text);
    if !force_quotes && !text.contains([',', '"', '\r', '\n']) {
        return out.write_all(text.as_bytes());
    }
    out.write_all(b"\"")?;
    for (index, part) in text.split('"').enumerate() {
        if index > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(table: &Table) -> String {
        let mut bytes = Vec::new();
        write_csv(table, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn one_column(cells: Vec<Cell>) -> Table {
        Table {
            columns: vec!["值".to_owned()],
            rows: cells.into_iter().map(|cell| vec![cell]).collect(),
        }
    }

    #[test]
    fn output_starts_with_a_bom_then_the_header_and_ends_lines_with_crlf() {
        let table = Table {
            columns: vec!["品牌".to_owned(), "评分".to_owned()],
            rows: vec![
                vec!["甲".into(), Cell::Integer(9)],
                vec!["乙".into(), Cell::Integer(3)],
            ],
        };
        let text = csv(&table);
        assert!(text.as_bytes().starts_with(BOM));
        assert_eq!(&text[BOM.len()..], "品牌,评分\r\n甲,9\r\n乙,3\r\n");
    }

    #[test]
    fn fields_with_comma_quote_cr_or_lf_are_quoted_with_doubled_quotes() {
        let table = one_column(vec![
            "a,b".into(),
            "他说\"好\"".into(),
            "line1\nline2".into(),
            "cr\rhere".into(),
            "plain 文本".into(),
        ]);
        let text = csv(&table);
        assert_eq!(
            &text[BOM.len()..],
            "值\r\n\"a,b\"\r\n\"他说\"\"好\"\"\"\r\n\"line1\nline2\"\r\n\"cr\rhere\"\r\nplain 文本\r\n"
        );
    }

    #[test]
    fn text_cells_starting_with_a_trigger_are_neutralized_and_still_quoted_when_needed() {
        let table = one_column(vec![
            "=HYPERLINK(\"x\")".into(),
            "+1".into(),
            "-1".into(),
            "@A1".into(),
            "\tx".into(),
            "\rx".into(),
            "1+1".into(),
        ]);
        let text = csv(&table);
        assert_eq!(
            &text[BOM.len()..],
            "值\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n'+1\r\n'-1\r\n'@A1\r\n'\tx\r\n\"'\rx\"\r\n1+1\r\n"
        );
    }

    #[test]
    fn header_names_are_neutralized_too() {
        let table = Table {
            columns: vec!["=cmd".to_owned(), "NPS".to_owned()],
            rows: vec![],
        };
        assert_eq!(&csv(&table)[BOM.len()..], "'=cmd,NPS\r\n");
    }

    #[test]
    fn numbers_are_written_as_numbers_and_not_neutralized() {
        let table = one_column(vec![
            Cell::Number(-12.5),
            Cell::Integer(-3),
            Cell::Number(0.1),
            Cell::Number(1e300),
        ]);
        assert_eq!(
            &csv(&table)[BOM.len()..],
            "值\r\n-12.5\r\n-3\r\n0.1\r\n1e300\r\n"
        );
    }

    #[test]
    fn non_finite_numbers_and_empty_cells_are_empty_fields() {
        let table = Table {
            columns: vec![
                "a".to_owned(),
                "b".to_owned(),
                "c".to_owned(),
                "d".to_owned(),
            ],
            rows: vec![vec![
                Cell::Number(f64::NAN),
                Cell::Number(f64::INFINITY),
                Cell::Empty,
                Cell::Number(f64::NEG_INFINITY),
            ]],
        };
        assert_eq!(&csv(&table)[BOM.len()..], "a,b,c,d\r\n,,,\r\n");
    }

    #[test]
    fn a_first_header_starting_with_id_is_quoted_so_excel_does_not_take_it_for_sylk() {
        let table = Table {
            columns: vec!["ID".to_owned(), "ID2".to_owned()],
            rows: vec![],
        };
        assert_eq!(&csv(&table)[BOM.len()..], "\"ID\",ID2\r\n");
    }
}
