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

use super::extent::{Extent, MAX_CELLS};
use crate::diag::CellMap;

/// The file extensions read as spreadsheets.
pub(super) const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A sheet read as CSV text, with where its cells went.
#[derive(Debug)]
pub(super) struct SheetText {
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
pub(super) fn read(path: &Path, max_bytes: u64) -> Result<SheetText, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > max_bytes {
        return Err(format!("it is larger than {} MiB", max_bytes >> 20));
    }
    let ods = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    check_package(path, ods)?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xls")) {
        super::xls::check(path)?;
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let sheet = workbook.sheet_names().first().cloned().ok_or("the workbook has no sheet")?;
    if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
        check_xlsx_extent(xlsx, &sheet)?;
    }
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

/// The most a workbook's parts may unpack to, together: a dataset of thousands of
/// events fits in a few MiB of sheet XML.
pub(super) const MAX_UNPACKED: u64 = 64 << 20;

/// The most parts (files) a workbook's package may hold.
const MAX_PARTS: usize = 10_000;

/// Refuses a zip package (`.xlsx`, `.xlsm`, `.ods`) that unpacks to more than
/// [`MAX_UNPACKED`] or holds too many parts, by unpacking every part into nothing and
/// counting, so that a header that understates a part's size does not matter. For an
/// `.ods`, also refuses a first sheet spanning more than [`MAX_CELLS`]. An `.xls` is not
/// a zip package: its bounds are checked by [`super::xls`].
fn check_package(path: &Path, ods: bool) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut package = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(package) => package,
        Err(_) => return Ok(()),
    };
    if package.len() > MAX_PARTS {
        return Err(format!(
            "its package holds {} parts; a workbook of data holds a few dozen",
            package.len()
        ));
    }
    let too_large = || {
        format!(
            "it unpacks to more than {} MiB, far more than a sheet of events needs (a \
             compressed bomb, or a workbook of other data); save the events' sheet alone, \
             or as CSV",
            MAX_UNPACKED >> 20
        )
    };
    let mut total = 0u64;
    for index in 0..package.len() {
        let mut part = package.by_index(index).map_err(|e| e.to_string())?;
        if total.saturating_add(part.size()) > MAX_UNPACKED {
            return Err(too_large());
        }
        let left = MAX_UNPACKED - total;
        let unpacked = if ods && part.name().is_ok_and(|n| n == "content.xml") {
            let mut limited = std::io::Read::take(&mut part, left + 1);
            let (bytes, extent) = ods_extent(&mut limited)?;
            check_extent(extent)?;
            bytes
        } else if !ods && part.name().is_ok_and(|n| n == "xl/sharedStrings.xml") {
            let mut limited = std::io::Read::take(&mut part, left + 1);
            let mut head = vec![0u8; 4096];
            let read = read_up_to(&mut limited, &mut head).map_err(|e| e.to_string())?;
            check_string_count(&head[..read])?;
            read as u64
                + std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| e.to_string())?
        } else {
            std::io::copy(&mut std::io::Read::take(&mut part, left + 1), &mut std::io::sink())
                .map_err(|e| e.to_string())?
        };
        total += unpacked;
        if total > MAX_UNPACKED {
            return Err(too_large());
        }
    }
    Ok(())
}

/// Fills `buffer` from `reader` as far as it goes; returns how much was read.
fn read_up_to(reader: &mut impl std::io::Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Refuses a shared-strings part whose header declares more strings than a sheet may
/// have cells: calamine reserves room for that many before reading one, so a declared
/// count near 2^64 would end the process.
fn check_string_count(head: &[u8]) -> Result<(), String> {
    let head = String::from_utf8_lossy(head);
    for attribute in ["uniqueCount=\"", "count=\""] {
        let Some(at) = head.find(attribute) else { continue };
        let digits: String =
            head[at + attribute.len()..].chars().take_while(char::is_ascii_digit).collect();
        let declared = digits.parse::<u64>().unwrap_or(u64::MAX);
        if declared > MAX_CELLS {
            return Err(format!(
                "its shared strings declare {digits} strings, more than a sheet of {MAX_CELLS} \
                 cells can use (a damaged or crafted file); save the events' sheet again"
            ));
        }
    }
    Ok(())
}

/// Refuses a sheet whose cells span more than [`MAX_CELLS`].
fn check_extent(extent: Extent) -> Result<(), String> {
    let (Some((row, column)), cells) = (extent.0, extent.cells()) else {
        return Ok(());
    };
    if cells > MAX_CELLS {
        return Err(format!(
            "its first sheet reaches cell {}, a span of {cells} cells (the limit is {MAX_CELLS}); \
             clear the far cells, or save the events' rows alone",
            crate::diag::cell_name(
                row.min(u32::MAX as u64) as u32,
                column.min(u32::MAX as u64) as u32
            )
        ));
    }
    Ok(())
}

/// The last cell with a value in the first sheet of an `.xlsx`, found by streaming its
/// cells before calamine lays the sheet out whole.
fn check_xlsx_extent<R: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<R>,
    sheet: &str,
) -> Result<(), String> {
    let mut cells = xlsx.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
    let mut extent = Extent::default();
    // The last cell read whole, which places a fault in the sheet's XML.
    let mut last = None;
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(damaged_after(sheet, last, &e.to_string())),
        };
        let (row, column) = cell.get_position();
        last = Some((row, column));
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        extent.reach(row.into(), column.into());
        if extent.too_large() {
            break;
        }
    }
    check_extent(extent)
}

/// The message for a sheet whose XML cannot be read past the cell `last` (`None`: not
/// even its first cell), naming the sheet and that cell.
fn damaged_after(sheet: &str, last: Option<(u32, u32)>, why: &str) -> String {
    let place = match last {
        Some((row, column)) => {
            format!("after cell {sheet}!{}", crate::diag::cell_name(row, column))
        }
        None => format!("before its first cell, in sheet `{sheet}`"),
    };
    format!("it is damaged {place} ({why})")
}

/// Reads an `.ods` sheet's `content.xml` as a stream of tags, counting repeated rows
/// and cells (`table:number-rows-repeated`, `table:number-columns-repeated`) as they
/// expand: returns the bytes read and the last row and column of the first table that
/// hold a value.
fn ods_extent(reader: &mut impl std::io::Read) -> Result<(u64, Extent), String> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(reader));
    let mut buf = Vec::new();
    let mut sheet = OdsExtent::default();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| {
            let why = format!("its content.xml is not well-formed: {e}");
            match &sheet.name {
                Some(name) => damaged_after(name, sheet.last, &why),
                None => format!("it is damaged before its first sheet ({why})"),
            }
        })?;
        let going = match event {
            Event::Eof => false,
            Event::Start(e) => sheet.open(&e, false),
            Event::Empty(e) => sheet.open(&e, true),
            Event::End(e) => sheet.close(e.name().as_ref()),
            Event::Text(_) | Event::CData(_) => {
                sheet.content();
                true
            }
            _ => true,
        };
        if !going || sheet.extent.too_large() {
            break;
        }
        buf.clear();
    }
    let read = xml.buffer_position();
    let rest = std::io::copy(xml.get_mut(), &mut std::io::sink()).map_err(|e| e.to_string())?;
    Ok((read + rest, sheet.extent))
}

/// Where the first table of an `.ods` sheet reaches, counted as its tags stream by.
#[derive(Default)]
struct OdsExtent {
    /// Whether the first table has begun.
    in_table: bool,
    /// The first table's name, once it has begun.
    name: Option<String>,
    /// The last cell closed, as a fault in the XML is placed: row and column.
    last: Option<(u32, u32)>,
    /// The first row of the current row element, and how many rows it stands for.
    row: u64,
    rows_here: u64,
    /// The first column of the current cell element, and how many it stands for.
    column: u64,
    cells_here: u64,
    /// Whether the open cell holds a value (a value type or any content).
    cell_has_value: Option<bool>,
    /// The last row and column with a value.
    extent: Extent,
}

impl OdsExtent {
    /// An element opens (or is empty): false once the first table is over.
    fn open(&mut self, e: &quick_xml::events::BytesStart<'_>, empty: bool) -> bool {
        let repeated = |name: &str| -> u64 {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == name)
                .and_then(|a| a.value.parse().ok())
                .unwrap_or(1u64)
                .max(1)
        };
        match e.name().as_ref() {
            "table:table" if self.in_table => return false,
            "table:table" => {
                self.in_table = true;
                let name = e.attributes().flatten().find(|a| a.key.as_ref() == "table:name");
                self.name = Some(name.map_or_else(|| "1".to_owned(), |a| a.value.to_string()));
            }
            "table:table-row" => {
                self.rows_here = repeated("table:number-rows-repeated");
                self.column = 0;
                if empty {
                    self.row += self.rows_here;
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                self.cells_here = repeated("table:number-columns-repeated");
                let typed = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                self.cell_has_value = Some(typed);
                if empty {
                    self.close_cell();
                }
            }
            _ => self.content(),
        }
        true
    }

    /// Content inside the open cell, if any, gives it a value.
    fn content(&mut self) {
        if let Some(has) = self.cell_has_value.as_mut() {
            *has = true;
        }
    }

    /// An element closes: false once the first table is over.
    fn close(&mut self, name: &str) -> bool {
        match name {
            "table:table-cell" | "table:covered-table-cell" => self.close_cell(),
            "table:table-row" => self.row += self.rows_here.max(1),
            "table:table" => return false,
            _ => {}
        }
        true
    }

    /// The open cell ends: its last row and column count if it holds a value.
    fn close_cell(&mut self) {
        let place = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        self.last = Some((place(self.row), place(self.column)));
        if self.cell_has_value.take() == Some(true) {
            let last_row = self.row + self.rows_here.max(1) - 1;
            let last_column = self.column + self.cells_here.max(1) - 1;
            self.extent.reach(last_row, last_column);
        }
        self.column += self.cells_here.max(1);
    }
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
        // A serial before the spreadsheet's epoch is no date anyone typed: Excel shows
        // it as ######, and calamine would make it 1899-12-26.
        Data::DateTime(date) if date.as_f64() < 0.0 => {
            return Err("it holds a negative date serial, which is no date".into());
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
pub(super) fn is_spreadsheet(path: &Path) -> bool {
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
