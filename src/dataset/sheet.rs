//! Spreadsheets: the first sheet of an `.xlsx`, `.xlsm`, `.xls` or `.ods` file, read
//! with the columns of a CSV dataset.
//!
//! The sheet becomes CSV text (its rows from the first, which holds the column names),
//! with a [`CellMap`] from every cell's bytes in that text back to the cell, so that the
//! CSV reader validates it like any CSV file and every problem is reported at its cell:
//! `events.xlsx: Rekap!B3`. Dates may be real spreadsheet dates (written as
//! `YYYY-MM-DD`) or text, which is how a month (`2022-11`) or a year is written.

use std::ops::Range;
use std::path::Path;

use calamine::{Data, Reader};

use crate::diag::CellMap;

/// The file extensions read as spreadsheets.
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A sheet read as CSV text, with where its cells went.
#[derive(Debug)]
pub struct SheetText {
    /// The CSV text.
    pub text: String,
    /// Each cell's place in the text.
    pub cells: CellMap,
    /// Cells that hold no usable value (a spreadsheet error such as `#N/A`, a duration),
    /// each left empty in the text: its range there and why.
    pub problems: Vec<(Range<usize>, String)>,
}

/// Reads the first sheet of the workbook at `path` (at most `max_bytes` on disk). The
/// error is the reason the file cannot be read at all, for the caller's message.
pub fn read(path: &Path, max_bytes: u64) -> Result<SheetText, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > max_bytes {
        return Err(format!("it is larger than {} MiB", max_bytes >> 20));
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let sheet = workbook.sheet_names().first().cloned().ok_or("the workbook has no sheet")?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| e.to_string())?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut text = String::new();
    let mut cells = CellMap { sheet: sheet.clone(), cells: Vec::new() };
    let mut problems = Vec::new();
    for (r, row) in range.rows().enumerate() {
        if r > 0 && row.iter().all(|cell| matches!(cell, Data::Empty)) {
            continue;
        }
        for (c, cell) in row.iter().enumerate() {
            let (at_row, at_column) = (top + r as u32, left + c as u32);
            if c > 0 {
                text.push(',');
            }
            let start = text.len();
            match cell_text(cell) {
                Ok(value) => push_field(&mut text, &value),
                Err(why) => problems.push((start..start, why)),
            }
            cells.cells.push((start..text.len(), at_row, at_column));
        }
        text.push('\n');
    }
    Ok(SheetText { text, cells, problems })
}

/// A cell's value as the CSV columns read it.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(true) => "yes".into(),
        Data::Bool(false) => "no".into(),
        Data::DateTime(date) if date.is_duration() => {
            return Err("it holds a duration, not a date".into());
        }
        Data::DateTime(date) => match date.as_datetime() {
            Some(moment) => moment.date().format("%Y-%m-%d").to_string(),
            None => return Err("it holds a date the spreadsheet cannot give".into()),
        },
        Data::DateTimeIso(text) => iso_date(text),
        Data::DurationIso(_) => return Err("it holds a duration, not a date".into()),
        Data::Error(error) => return Err(format!("it holds the spreadsheet error {error}")),
    })
}

/// The day of an ISO date or date-time (`2022-11-16T00:00:00` is `2022-11-16`).
fn iso_date(text: &str) -> String {
    match text.split_once('T') {
        Some((day, _)) if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() => day.into(),
        _ => text.to_owned(),
    }
}

/// Appends a CSV field, quoted when it holds a comma, a quote or a line break.
fn push_field(text: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        text.push('"');
        text.push_str(&value.replace('"', "\"\""));
        text.push('"');
    } else {
        text.push_str(value);
    }
}

/// Whether `path` names a spreadsheet, by its extension.
pub fn is_spreadsheet(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    extension.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, SourceText, cell_name};

    /// The byte range of a cell in a sheet's text.
    fn cell_range(cells: &CellMap, row: u32, column: u32) -> Option<Range<usize>> {
        let cell = cells.cells.iter().find(|(_, r, c)| (*r, *c) == (row, column))?;
        Some(cell.0.clone())
    }

    #[test]
    fn cells_are_named_like_a_spreadsheet_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(2, 1), "B3");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 27 * 26), "AAA1");
    }

    #[test]
    fn values_read_as_the_csv_columns_expect() {
        assert_eq!(cell_text(&Data::Float(4.0)).unwrap(), "4");
        assert_eq!(cell_text(&Data::Float(2.5)).unwrap(), "2.5");
        assert_eq!(cell_text(&Data::Bool(true)).unwrap(), "yes");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2022-11-16T00:00:00".into())).unwrap(),
            "2022-11-16"
        );
        assert_eq!(cell_text(&Data::String("2022-11".into())).unwrap(), "2022-11");
        let error = cell_text(&Data::Error(calamine::CellErrorType::NA)).unwrap_err();
        assert!(error.contains("#N/A"), "{error}");
    }

    #[test]
    fn a_place_in_the_text_is_its_cell() {
        let mut text = String::new();
        let mut cells = CellMap { sheet: "Rekap".into(), cells: vec![] };
        for (row, values) in [["id", "title_en"], ["e1", "A, quoted \"title\""]].iter().enumerate()
        {
            for (column, value) in values.iter().enumerate() {
                if column > 0 {
                    text.push(',');
                }
                let start = text.len();
                push_field(&mut text, value);
                cells.cells.push((start..text.len(), row as u32 + 1, column as u32));
            }
            text.push('\n');
        }
        assert_eq!(text, "id,title_en\ne1,\"A, quoted \"\"title\"\"\"\n");
        let source = SourceText::sheet("events.xlsx", text.clone(), cells.clone());
        let title = cell_range(&cells, 2, 1).unwrap();
        assert_eq!(source.place(&title), "events.xlsx: Rekap!B3");
        assert_eq!(source.place(&(0..text.len())), "events.xlsx: Rekap!A2:B3");
        let shown = Diagnostic::error("bad title").at(&source, title).hint("fix it").to_string();
        assert!(shown.contains("┌─ events.xlsx: Rekap!B3"), "{shown}");
        assert!(shown.contains("= hint: fix it"), "{shown}");
    }
}
