//! `--format xlsx`: a listing's CSV rows written as an Excel workbook of one sheet.
//! Every cell is text, as in the CSV (so that no title turns into a formula and no
//! month into a date), except counts, which are numbers; the header is bold and stays
//! in view. The events' workbook reads back with `--data` as its CSV does.

use rust_xlsxwriter::{Format, Workbook};

/// The columns written as numbers: the counts of `--count-by` and of `brief partners`.
const NUMBER_COLUMNS: [&str; 1] = ["events"];

/// A workbook whose sheet `sheet` holds the rows of `csv_text`, the first as header.
pub fn from_csv(csv_text: &str, sheet: &str) -> Result<Vec<u8>, String> {
    let failed = |e: rust_xlsxwriter::XlsxError| format!("cannot write the workbook ({e})");
    let mut book = Workbook::new();
    let worksheet = book.add_worksheet();
    worksheet.set_name(sheet).map_err(failed)?;
    let bold = Format::new().set_bold();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes());
    let mut numbers = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("cannot read the listing's CSV ({e})"))?;
        let row = u32::try_from(row).map_err(|_| "too many rows for a workbook".to_owned())?;
        for (column, cell) in record.iter().enumerate() {
            let column =
                u16::try_from(column).map_err(|_| "too many columns for a workbook".to_owned())?;
            // A text cell is never a formula: the CSV's guard (a leading `'`) is not needed.
            let value = crate::dataset::plain_cell(cell);
            if row == 0 {
                numbers.push(NUMBER_COLUMNS.contains(&value));
                worksheet.write_string_with_format(row, column, value, &bold).map_err(failed)?;
            } else if let (Some(true), Ok(number)) =
                (numbers.get(usize::from(column)), value.parse::<u32>())
            {
                worksheet.write_number(row, column, f64::from(number)).map_err(failed)?;
            } else {
                worksheet.write_string(row, column, value).map_err(failed)?;
            }
        }
    }
    worksheet.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
