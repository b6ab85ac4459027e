//! The bounds of a legacy `.xls` workbook, found before calamine reads it.
//!
//! calamine reads every sheet of an `.xls` when it opens the file: it reserves room for
//! the cells a sheet's DIMENSIONS record claims and lays each sheet out whole, from its
//! first cell to its last. A file of a few bytes can claim billions of cells, and a sheet
//! listed many times is laid out as many times. This module walks the workbook's record
//! stream (BIFF5/BIFF8 inside a compound file) the way calamine will, sheet by sheet,
//! and refuses what would not fit in [`MAX_CELLS`](super::extent::MAX_CELLS) before any
//! of it is laid out.

use std::io::Read;
use std::path::Path;

use super::extent::{Extent, MAX_CELLS};

/// The BOF record that opens a substream (the globals, a sheet, an embedded chart).
const BOF: u16 = 0x0809;
/// The EOF record that closes it.
const EOF: u16 = 0x000A;
/// BoundSheet8: a sheet's name and where its substream starts.
const BOUND_SHEET: u16 = 0x0085;
/// DIMENSIONS: the rectangle a sheet claims to use.
const DIMENSIONS: u16 = 0x0200;
/// MulRk: several numbers in one row, from a first to a last column.
const MUL_RK: u16 = 0x00BD;
/// The records calamine turns into one cell each, all of which start with the cell's
/// row and column: Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Refuses an `.xls` whose sheets, together, claim or span more than [`MAX_CELLS`], or
/// whose records point outside the workbook. A file that is not a compound file, or has
/// no workbook stream, is left to calamine to report.
pub(super) fn check(path: &Path) -> Result<(), String> {
    let Ok(mut package) = cfb::open(path) else {
        return Ok(());
    };
    let name = ["Workbook", "Book"].into_iter().find(|name| package.is_stream(name));
    let Some(name) = name else {
        return Ok(());
    };
    let mut stream = Vec::new();
    package
        .open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(|e| e.to_string())?;
    check_stream(&stream)
}

/// The checks of [`check`] on a workbook stream's bytes.
fn check_stream(stream: &[u8]) -> Result<(), String> {
    let mut total = 0u64;
    for start in sheet_starts(stream) {
        let Some(sheet) = stream.get(start..) else {
            return Err(format!(
                "a sheet is said to start at byte {start} of a workbook of {} bytes (a \
                 damaged or crafted file); save the events' sheet again",
                stream.len()
            ));
        };
        total = total.saturating_add(sheet_cells(sheet)?);
        if total > MAX_CELLS {
            return Err(format!(
                "its sheets span more than {MAX_CELLS} cells together (a damaged or crafted \
                 file, or a workbook of other data); save the events' sheet alone, or as CSV"
            ));
        }
    }
    Ok(())
}

/// The records of a stream from its start: each record's type and data. A record cut
/// short ends the walk, as it ends calamine's.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*rest.get(2)?, *rest.get(3)?]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// Where each sheet listed in the workbook's globals starts, in the order listed.
fn sheet_starts(stream: &[u8]) -> Vec<usize> {
    records(stream)
        .take_while(|(typ, _)| *typ != EOF)
        .filter(|(typ, data)| *typ == BOUND_SHEET && data.len() >= 4)
        .map(|(_, data)| u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize)
        .collect()
}

/// The cells calamine would set aside for the sheet whose substream starts `sheet`: the
/// larger of what its DIMENSIONS records claim and what its cells span. Embedded
/// substreams (charts) are skipped, as calamine skips them.
fn sheet_cells(sheet: &[u8]) -> Result<u64, String> {
    let mut depth = 0usize;
    let mut claimed = 0u64;
    let mut extent = Extent::default();
    for (typ, data) in records(sheet) {
        match typ {
            BOF => depth += 1,
            EOF if depth <= 1 => break,
            EOF => depth -= 1,
            _ if depth > 1 => {}
            DIMENSIONS => claimed = claimed.max(dimensions(data)?),
            MUL_RK if data.len() >= 6 => {
                let last_column = u16::from_le_bytes([data[data.len() - 2], data[data.len() - 1]]);
                extent.reach(u16_at(data, 0).into(), last_column.into());
            }
            _ if CELL_RECORDS.contains(&typ) && data.len() >= 4 => {
                extent.reach(u16_at(data, 0).into(), u16_at(data, 2).into());
            }
            _ => {}
        }
        if claimed.max(extent.cells()) > MAX_CELLS {
            break;
        }
    }
    Ok(claimed.max(extent.cells()))
}

/// The little-endian `u16` at `at` of `data` (which the caller has checked is long
/// enough).
fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

/// The cells a DIMENSIONS record claims, read as calamine reads it (BIFF8: 32-bit rows,
/// BIFF5: 16-bit), refusing a last row before the first, which calamine cannot lay out.
fn dimensions(data: &[u8]) -> Result<u64, String> {
    let (first_row, end_row, first_column, end_column) = match data.len() {
        10 => (
            u64::from(u16_at(data, 0)),
            u64::from(u16_at(data, 2)),
            u64::from(u16_at(data, 4)),
            u64::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u64::from(u32::from_le_bytes([data[0], data[1], data[2], data[3]])),
            u64::from(u32::from_le_bytes([data[4], data[5], data[6], data[7]])),
            u64::from(u16_at(data, 8)),
            u64::from(u16_at(data, 10)),
        ),
        _ => return Ok(0),
    };
    if end_row == 0 || end_column == 0 {
        return Ok(1);
    }
    // calamine starts the columns at A when the first is out of range.
    let first_column =
        if first_column > 0xFF || end_column < first_column { 0 } else { first_column };
    if end_row <= first_row {
        return Err(format!(
            "its sheet's dimensions end at row {end_row} before they start at row {} (a \
             damaged or crafted file); save the events' sheet again",
            first_row + 1
        ));
    }
    Ok((end_row - first_row).saturating_mul(end_column - first_column))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of type `typ` holding `data`.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = typ.to_le_bytes().to_vec();
        bytes.extend((data.len() as u16).to_le_bytes());
        bytes.extend(data);
        bytes
    }

    /// A workbook stream of globals listing `sheets` (each a sheet's records without BOF
    /// and EOF), `listed` times each.
    fn workbook(sheets: &[Vec<u8>], listed: usize) -> Vec<u8> {
        let mut globals = record(BOF, &[0; 16]);
        let mut bodies = Vec::new();
        // The globals: BOF, a BoundSheet8 of 12 bytes for each listing, EOF.
        let mut at = globals.len() + 12 * sheets.len() * listed + 4;
        let mut starts = Vec::new();
        for sheet in sheets {
            starts.push(at);
            let body = [record(BOF, &[0; 16]), sheet.clone(), record(EOF, &[])].concat();
            at += body.len();
            bodies.extend(body);
        }
        for _ in 0..listed {
            for start in &starts {
                let mut data = (*start as u32).to_le_bytes().to_vec();
                data.extend([0; 4]);
                globals.extend(record(BOUND_SHEET, &data));
            }
        }
        globals.extend(record(EOF, &[]));
        [globals, bodies].concat()
    }

    /// BIFF8 DIMENSIONS from `rows` (first, end) and `columns` (first, end).
    fn dims(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
        let data = [
            rows.0.to_le_bytes().as_slice(),
            &rows.1.to_le_bytes(),
            &columns.0.to_le_bytes(),
            &columns.1.to_le_bytes(),
            &[0, 0],
        ]
        .concat();
        record(DIMENSIONS, &data)
    }

    /// A Number record at `row`, `column`.
    fn number(row: u16, column: u16) -> Vec<u8> {
        let data = [row.to_le_bytes().as_slice(), &column.to_le_bytes(), &[0; 10]].concat();
        record(0x0203, &data)
    }

    #[test]
    fn a_small_sheet_passes() {
        let sheet = [dims((0, 3), (0, 4)), number(0, 0), number(2, 3)].concat();
        assert_eq!(check_stream(&workbook(&[sheet], 1)), Ok(()));
    }

    #[test]
    fn dimensions_claiming_billions_of_cells_are_refused() {
        let sheet = [dims((0, u32::MAX), (0, 256)), number(0, 0)].concat();
        let refused = check_stream(&workbook(&[sheet], 1)).unwrap_err();
        assert!(refused.contains("more than 4000000 cells"), "{refused}");
    }

    #[test]
    fn dimensions_ending_before_they_start_are_refused() {
        let sheet = dims((10, 5), (0, 4));
        let refused = check_stream(&workbook(&[sheet], 1)).unwrap_err();
        assert!(refused.contains("end at row 5 before they start at row 11"), "{refused}");
    }

    #[test]
    fn cells_far_apart_are_refused_whatever_the_dimensions_say() {
        let sheet = [dims((0, 1), (0, 1)), number(0, 0), number(65_535, 255)].concat();
        assert!(check_stream(&workbook(&[sheet], 1)).is_err());
    }

    #[test]
    fn a_sheet_listed_many_times_counts_every_time() {
        let sheet = [number(0, 0), number(999, 99)].concat();
        assert_eq!(check_stream(&workbook(std::slice::from_ref(&sheet), 40)), Ok(()));
        assert!(check_stream(&workbook(&[sheet], 41)).is_err());
    }

    #[test]
    fn a_sheet_starting_past_the_stream_is_refused() {
        let mut stream = record(BOF, &[0; 16]);
        stream.extend(record(BOUND_SHEET, &[0xFF, 0xFF, 0, 0, 0, 0, 0, 0]));
        stream.extend(record(EOF, &[]));
        let refused = check_stream(&stream).unwrap_err();
        assert!(refused.contains("start at byte 65535"), "{refused}");
    }

    #[test]
    fn an_embedded_chart_is_not_counted() {
        let chart = [record(BOF, &[0; 16]), number(65_535, 255), record(EOF, &[])].concat();
        let sheet = [number(0, 0), chart, number(1, 1)].concat();
        assert_eq!(check_stream(&workbook(&[sheet], 1)), Ok(()));
    }
}
