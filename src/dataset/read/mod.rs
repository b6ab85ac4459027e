//! Reading dataset files into raw records: one reader per form (TOML, JSON, CSV; a
//! spreadsheet is read as CSV), each placing every record at its place in the file.

use std::sync::Arc;

mod csv;
mod json;
mod toml;

pub use self::csv::{CSV_COLUMNS, neutral_cell, plain_cell};

use crate::dataset::Origin;
use crate::dataset::raw::RawSet;
use crate::diag::{Diagnostic, SourceText};

/// The largest dataset file read, in bytes.
pub(super) const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The file formats a dataset can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    /// `[[partners]]`, `[[topics]]` and `[[events]]` tables.
    Toml,
    /// An object with `partners`, `topics` and `events` arrays, or an array of events.
    Json,
    /// One event per row, with the columns of [`CSV_COLUMNS`].
    Csv,
}

/// Reads one file's records into `set`, reporting what cannot be read.
pub(super) fn read(
    source: &Arc<SourceText>,
    format: DataFormat,
    set: &mut RawSet,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match format {
        DataFormat::Toml => toml::read(source, set, diagnostics),
        DataFormat::Json => json::read(source, set, diagnostics),
        DataFormat::Csv => csv::read(source, set, diagnostics),
    }
}

/// Stretches each record's range up to the start of the next record of the same file.
fn widen<T>(records: &mut [(T, Origin)], end: usize) {
    for i in 0..records.len() {
        let next = records
            .get(i + 1)
            .filter(|(_, o)| Arc::ptr_eq(&o.source, &records[i].1.source))
            .map_or(end, |(_, o)| o.range.start);
        let origin = &mut records[i].1;
        if next > origin.range.start {
            origin.range.end = next;
        }
    }
}
