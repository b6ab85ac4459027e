//! Spreadsheets as dataset files: the first sheet of an `.xlsx`, with the columns of a
//! CSV dataset, its dates real spreadsheet dates or text, its errors at their cells.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::harness::{brief, files_in, pdf_text, tempdir, write};

/// The columns of the fixture, in the CSV dataset's names.
const COLUMNS: [&str; 11] = [
    "id",
    "date",
    "status",
    "partners",
    "type",
    "title_en",
    "title_id",
    "city",
    "country",
    "source_url",
    "source_publisher",
];

/// One row of the fixture: its cells, and its date as a real spreadsheet date (year,
/// month, day) when it has one.
type Row = ([&'static str; 11], Option<(u16, u8, u8)>);

/// Writes a workbook whose first sheet, `Rekap`, holds one event per row after the
/// column names; a `date` given as `(year, month, day)` is a real spreadsheet date.
fn workbook(path: &Path, rows: &[Row]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Rekap").unwrap();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (column, name) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    for (r, (cells, date)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        for (column, value) in cells.iter().enumerate() {
            sheet.write_string(row, column as u16, *value).unwrap();
        }
        if let Some((y, m, d)) = date {
            let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            sheet.write_datetime_with_format(row, 1, &date, &day).unwrap();
        }
    }
    // A second sheet is never read.
    book.add_worksheet().set_name("Notes").unwrap().write_string(0, 0, "not events").unwrap();
    book.save(path).unwrap();
}

/// One event of the fixture, with `date` as text (overwritten by a real date if given).
fn event(id: &'static str, date: &'static str, partner: &'static str) -> [&'static str; 11] {
    [
        id,
        date,
        "held",
        partner,
        "seminar",
        "Spreadsheet seminar record",
        "Catatan seminar dari lembar kerja",
        "London",
        "GBR",
        "https://example.org/sheet",
        "Example Org",
    ]
}

#[test]
fn an_xlsx_sheet_reads_like_a_csv_file_with_real_dates_or_text() {
    let dir = tempdir();
    let book = dir.path().join("mine.xlsx");
    workbook(
        &book,
        &[
            (event("2022-09-gbr-sheet", "", "gbr"), Some((2022, 9, 20))),
            (event("2022-10-gbr-sheet", "2022-10", "gbr"), None),
        ],
    );
    let run = brief(dir.path(), &["events", "--data", "mine.xlsx", "--partner", "UK"]).expect(0);
    assert!(run.stdout.contains("2022-09-gbr-sheet"), "{}", run.stdout);
    let csv =
        brief(dir.path(), &["events", "--data", "mine.xlsx", "--format", "csv"]).expect(0).stdout;
    assert!(csv.contains("2022-09-gbr-sheet,2022-09-20,"), "a real date reads as a day: {csv}");
    assert!(csv.contains("2022-10-gbr-sheet,2022-10,"), "a month stays a month: {csv}");
    let spec = "title = \"S\"\ndata = [\"mine.xlsx\"]\n[period]\nfrom = 2022\nto = 2022\n";
    write(dir.path(), "s.toml", spec);
    brief(dir.path(), &["generate", "s.toml", "--as-of", "2026-11-22"]).expect(0);
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("Spreadsheet seminar record"));
}

#[test]
fn an_xlsx_error_names_the_file_the_sheet_and_the_cell() {
    let dir = tempdir();
    let book = dir.path().join("mine.xlsx");
    workbook(
        &book,
        &[
            (event("2022-09-gbr-sheet", "", "gbr"), Some((2022, 9, 20))),
            (event("2022-10-gbr-sheet", "2022-10-32", "Inggriss"), None),
        ],
    );
    let run = brief(dir.path(), &["events", "--data", "mine.xlsx"]).expect(2);
    assert!(run.stderr.contains("┌─ mine.xlsx: Rekap!D3"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown partner `Inggriss`"), "{}", run.stderr);
    assert!(run.stderr.contains("│ Inggriss\n  │ ^^^^^^^^"), "{}", run.stderr);
    assert!(run.stderr.contains("┌─ mine.xlsx: Rekap!B3"), "{}", run.stderr);
    assert!(run.stderr.contains("`2022-10-32` is not"), "{}", run.stderr);
    // A brief that reads it is refused, and nothing is written.
    let spec = "title = \"S\"\ndata = [\"mine.xlsx\"]\n[period]\nfrom = 2022\nto = 2022\n";
    write(dir.path(), "s.toml", spec);
    let run = brief(dir.path(), &["generate", "s.toml", "--as-of", "2026-11-22"]).expect(2);
    assert!(run.stderr.contains("mine.xlsx: Rekap!D3"), "{}", run.stderr);
    assert_eq!(files_in(dir.path()), ["mine.xlsx", "s.toml"]);
}

#[test]
fn a_file_that_is_not_a_spreadsheet_says_so() {
    let dir = tempdir();
    write(dir.path(), "fake.xlsx", "id,date\n");
    let run = brief(dir.path(), &["events", "--data", "fake.xlsx"]).expect(2);
    assert!(run.stderr.contains("cannot read spreadsheet `fake.xlsx`"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: save it as .xlsx or .ods"), "{}", run.stderr);
}

#[test]
fn a_workbook_that_declares_endless_shared_strings_is_refused_not_a_crash() {
    let dir = tempdir();
    let good = dir.path().join("good.xlsx");
    workbook(&good, &[(event("2022-05-gbr-sheet", "2022-05-02", "UK"), None)]);
    // The same workbook, its shared strings declaring 2^64 - 1 entries.
    let mut package = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
    let bomb = dir.path().join("bomb.xlsx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    for i in 0..package.len() {
        let mut part = package.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            bytes = format!("{}18446744073709551615{}", &text[..at], &text[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
    let run = brief(dir.path(), &["events", "--data", "bomb.xlsx"]).expect(2);
    assert!(
        run.stderr.starts_with("error: cannot read spreadsheet `bomb.xlsx` (its shared strings declare 18446744073709551615 strings"),
        "{}",
        run.stderr
    );
}

/// A BIFF8 record of type `typ` holding `data`.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    [typ.to_le_bytes().as_slice(), &(data.len() as u16).to_le_bytes(), data].concat()
}

/// Writes a legacy `.xls` workbook (a compound file holding a BIFF8 stream) whose one
/// sheet, `Rekap`, holds `cells` as text at their (row, column), after a DIMENSIONS
/// record claiming `rows` (first, end) and `columns` (first, end).
fn legacy_workbook(path: &Path, cells: &[(u16, u16, &str)], rows: (u32, u32), columns: (u16, u16)) {
    let bof = |kind: u16| {
        biff(0x0809, &[[0x00, 0x06].as_slice(), &kind.to_le_bytes(), &[0; 12]].concat())
    };
    let mut sheet = bof(0x0010);
    let dimensions = [
        rows.0.to_le_bytes().as_slice(),
        &rows.1.to_le_bytes(),
        &columns.0.to_le_bytes(),
        &columns.1.to_le_bytes(),
        &[0, 0],
    ]
    .concat();
    sheet.extend(biff(0x0200, &dimensions));
    for (row, column, text) in cells {
        let label = [
            row.to_le_bytes().as_slice(),
            &column.to_le_bytes(),
            &[0, 0],
            &(text.len() as u16).to_le_bytes(),
            &[0],
            text.as_bytes(),
        ]
        .concat();
        sheet.extend(biff(0x0204, &label));
    }
    sheet.extend(biff(0x000A, &[]));
    let name = b"Rekap";
    let globals_len = bof(0x0005).len() + (4 + 8 + name.len()) + 4;
    let bound_sheet =
        [(globals_len as u32).to_le_bytes().as_slice(), &[0, 0, name.len() as u8, 0], name]
            .concat();
    let stream = [bof(0x0005), biff(0x0085, &bound_sheet), biff(0x000A, &[]), sheet].concat();
    let mut file = cfb::create(path).unwrap();
    let mut workbook = file.create_stream("Workbook").unwrap();
    std::io::Write::write_all(&mut workbook, &stream).unwrap();
    drop(workbook);
    file.flush().unwrap();
}

/// The fixture's column names and `event` as the cells of a legacy sheet.
fn legacy_cells(event: [&'static str; 11]) -> Vec<(u16, u16, &'static str)> {
    let names = COLUMNS.iter().enumerate().map(|(c, name)| (0, c as u16, *name));
    let values = event.into_iter().enumerate().map(|(c, value)| (1, c as u16, value));
    names.chain(values).collect()
}

#[test]
fn a_legacy_xls_sheet_reads_like_the_others() {
    let dir = tempdir();
    let cells = legacy_cells(event("2022-11-gbr-legacy", "2022-11-03", "gbr"));
    legacy_workbook(&dir.path().join("old.xls"), &cells, (0, 2), (0, 11));
    let csv =
        brief(dir.path(), &["events", "--data", "old.xls", "--format", "csv"]).expect(0).stdout;
    assert!(csv.contains("2022-11-gbr-legacy,2022-11-03,"), "{csv}");
}

#[test]
fn a_legacy_xls_claiming_billions_of_cells_is_refused_not_a_crash() {
    let dir = tempdir();
    let cells = legacy_cells(event("2022-11-gbr-legacy", "2022-11-03", "gbr"));
    // Four billion rows claimed by a file of a few kilobytes.
    legacy_workbook(&dir.path().join("claims.xls"), &cells, (0, u32::MAX), (0, 11));
    let run = brief(dir.path(), &["events", "--data", "claims.xls"]).expect(2);
    assert!(
        run.stderr.starts_with(
            "error: cannot read spreadsheet `claims.xls` (its sheets span more than 4000000 cells"
        ),
        "{}",
        run.stderr
    );
    // Dimensions that end before they start.
    legacy_workbook(&dir.path().join("backwards.xls"), &cells, (9, 2), (0, 11));
    let run = brief(dir.path(), &["events", "--data", "backwards.xls"]).expect(2);
    assert!(
        run.stderr.contains("its sheet's dimensions end at row 2 before they start at row 10"),
        "{}",
        run.stderr
    );
    // Two cells at the far corners of the sheet, whatever the dimensions say.
    let mut far = cells.clone();
    far.push((65_535, 255, "far"));
    legacy_workbook(&dir.path().join("far.xls"), &far, (0, 2), (0, 11));
    let run = brief(dir.path(), &["events", "--data", "far.xls"]).expect(2);
    assert!(run.stderr.contains("its sheets span more than 4000000 cells"), "{}", run.stderr);
}
