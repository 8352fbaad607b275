//! Tables to CSV and XLSX bytes for the staff console's exports of responses and results.
//!
//! Both formats guard text cells against formula injection ([`neutralize`]) and keep numbers as
//! numbers, so that a negative NPS stays a number in Excel or WPS.

mod csv;
mod neutralize;
mod table;
mod xlsx;

pub use csv::write_csv;
pub use neutralize::neutralize;
pub use table::{Cell, Table};
pub use xlsx::{write_xlsx, XlsxError, MAX_COLUMNS, MAX_DATA_ROWS, MAX_TEXT_LEN};
