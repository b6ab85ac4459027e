//! The CSV form of a dataset, one event per row, and the cell form it shares with
//! `brief events --format csv`: formula guards written and read back.

use std::sync::Arc;

use crate::dataset::raw::{
    OneOrEach, RawEvent, RawLocation, RawParticipant, RawRevision, RawRole, RawSet, RawSource,
    WholeNumber,
};
use crate::dataset::{Origin, Text};
use crate::diag::{Diagnostic, SourceText, quoted_list, suggestion};

/// The columns a CSV dataset may have, in their documented order. Lists are split at
/// `;` (`partners` entries may carry a role: `gbr:invitee`); `participants` and
/// `more_sources` and `revisions` hold JSON arrays in the shape of the TOML form.
pub const CSV_COLUMNS: [&str; 33] = [
    "id",
    "date",
    "end",
    "status",
    "date_note_en",
    "date_note_id",
    "note_en",
    "note_id",
    "partners",
    "type",
    "round",
    "cadence_months",
    "direction",
    "term_ends",
    "renews",
    "title_en",
    "title_id",
    "summary_en",
    "summary_id",
    "city",
    "country",
    "mode",
    "participants",
    "topics",
    "source_url",
    "source_publisher",
    "source_published",
    "source_accessed",
    "source_title",
    "source_reports",
    "source_secondary",
    "more_sources",
    "revisions",
];

/// The most unknown columns of a header reported one by one.
const MAX_UNKNOWN_COLUMNS: usize = 20;

/// The CSV columns every row needs.
const CSV_REQUIRED: [&str; 7] =
    ["id", "date", "status", "partners", "type", "source_url", "source_publisher"];

/// A CSV row the reader cannot take, in the spreadsheet's terms.
fn csv_row_error(error: &csv::Error) -> Diagnostic {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            let hint = if len > expected_len {
                "a cell that holds a comma must be in double quotes: \"Jakarta, Indonesia\""
            } else {
                "every row needs a cell for each column; leave a cell empty with nothing \
                 between its commas"
            };
            let cells = if *len == 1 { "cell" } else { "cells" };
            Diagnostic::error(format!(
                "this row has {len} {cells}, but the header has {expected_len} columns"
            ))
            .hint(hint)
        }
        _ => Diagnostic::error(format!("invalid CSV row: {error}")),
    }
}

/// The characters that make a spreadsheet read a cell as a formula (the OWASP rule for
/// CSV injection), and the apostrophe that guards them.
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that a spreadsheet shows as text (`brief events --format csv`): one that starts like a formula gets a
/// leading apostrophe, and so does one that starts with an apostrophe before such a
/// character or another apostrophe, so that [`plain_cell`] undoes exactly this.
pub fn neutral_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let guarded = match chars.next() {
        Some(c) if FORMULA_LEADS.contains(&c) => true,
        Some('\'') => chars.next().is_some_and(|c| c == '\'' || FORMULA_LEADS.contains(&c)),
        _ => false,
    };
    if guarded { format!("'{cell}").into() } else { cell.into() }
}

/// A CSV cell as written by [`neutral_cell`], back as it was.
pub fn plain_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c| c == '\'' || FORMULA_LEADS.contains(&c)) => rest,
        _ => cell,
    }
}

/// Reads a CSV dataset, one event per row.
pub(super) fn read(source: &Arc<SourceText>, set: &mut RawSet, diagnostics: &mut Vec<Diagnostic>) {
    let text = source.text.as_str();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(error) => {
            diagnostics
                .push(Diagnostic::error(format!("invalid CSV file: {error}")).at(source, 0..0));
            return;
        }
    };
    let Some(columns) = csv_columns(source, &headers, diagnostics) else {
        return;
    };
    // A row starts at the first byte past the line breaks before it: the reader places
    // a record at the end of the line before it, and before any blank lines.
    let row_start = |byte: u64| {
        let byte = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
        text.len() - text[byte..].trim_start_matches(['\r', '\n']).len()
    };
    // One record, reused for every row: a large CSV allocates no record per row.
    let mut row = csv::StringRecord::new();
    let mut first_row = true;
    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let at = error.position().map_or(0, |p| row_start(p.byte()));
                diagnostics.push(csv_row_error(&error).at(source, at..at));
                continue;
            }
        }
        let start = row.position().map_or(0, |p| row_start(p.byte()));
        // The row ends where the reader stands now, before the line break.
        let end = usize::try_from(reader.position().byte()).unwrap_or(text.len()).min(text.len());
        let end = start.max(text[..end].trim_end_matches(['\r', '\n']).len());
        let origin = Origin { source: Arc::clone(source), range: start..end };
        if first_row {
            // Room for the rows to come, estimated from the first: a large file's rows
            // are then not copied each time the list outgrows its memory.
            first_row = false;
            set.events.reserve((text.len() - start) / (end - start + 1).max(64));
        }
        let event = csv_event(&row, &columns, &origin, diagnostics);
        set.events.push((event, origin));
    }
}

/// The place of `name` in [`CSV_COLUMNS`]; used in constants, so that a name that is
/// not a column fails when the program is compiled.
const fn column(name: &str) -> usize {
    let name = name.as_bytes();
    let mut place = 0;
    'columns: while place < CSV_COLUMNS.len() {
        let candidate = CSV_COLUMNS[place].as_bytes();
        place += 1;
        if candidate.len() != name.len() {
            continue;
        }
        let mut i = 0;
        while i < name.len() {
            if candidate[i] != name[i] {
                continue 'columns;
            }
            i += 1;
        }
        return place - 1;
    }
    panic!("not a CSV column")
}

/// Where each of [`CSV_COLUMNS`] stands in one file's header (by the column's place in
/// that list), found once a file so that a row's cells are read without a look-up.
struct CsvColumns([Option<usize>; CSV_COLUMNS.len()]);

impl CsvColumns {
    /// Whether the file has the column `name`.
    fn has(&self, name: &str) -> bool {
        CSV_COLUMNS.iter().position(|c| *c == name).is_some_and(|place| self.0[place].is_some())
    }

    /// The cell of the column at `place` in `row`: trimmed, without a formula guard, and
    /// `None` when the file has no such column or the cell is empty.
    fn cell<'r>(&self, row: &'r csv::StringRecord, place: usize) -> Option<&'r str> {
        let cell = row.get(self.0[place]?)?;
        Some(plain_cell(cell).trim()).filter(|v| !v.is_empty())
    }
}

/// The language a header is kept in: `id` when it has more Indonesian columns
/// (`title_id`…) than English ones, else `en`.
fn header_language(headers: &csv::StringRecord) -> &'static str {
    let count = |suffix: &str| headers.iter().filter(|h| h.trim().ends_with(suffix)).count();
    if count("_id") > count("_en") { "id" } else { "en" }
}

/// What to suggest for an unknown column: a bilingual column in the header's language
/// when the name is one without its suffix (`title` → `title_en`), else the nearest.
fn column_suggestion(name: &str, language: &str) -> String {
    let in_language = format!("{}_{language}", name.to_lowercase());
    match CSV_COLUMNS.contains(&in_language.as_str()) {
        true => format!(
            "did you mean `{in_language}`? Texts have a column per language: `{name}_en`, `{name}_id`"
        ),
        false => suggestion(name, &CSV_COLUMNS),
    }
}

/// Each known column's place in a CSV header; `None`, with the problems reported, when
/// a column is unknown, doubled or missing.
fn csv_columns(
    source: &Arc<SourceText>,
    headers: &csv::StringRecord,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CsvColumns> {
    let text = source.text.as_str();
    let header_line = text.find('\n').unwrap_or(text.len());
    let mut columns = CsvColumns([None; CSV_COLUMNS.len()]);
    let mut bad_header = false;
    // Each name is looked for after the one before, so that a header of many thousand
    // columns is read in one pass; past a few, unknown columns are counted, not listed.
    let (mut cursor, mut unknown) = (0, 0usize);
    let language = header_language(headers);
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        let at = crate::diag::locate(text, cursor.min(header_line)..header_line, "", name);
        cursor = at.end;
        let Some(place) = CSV_COLUMNS.iter().position(|c| *c == name) else {
            unknown += 1;
            if unknown <= MAX_UNKNOWN_COLUMNS {
                diagnostics.push(
                    Diagnostic::error(format!("unknown column `{name}`"))
                        .at(source, at)
                        .hint(column_suggestion(name, language)),
                );
            }
            bad_header = true;
            continue;
        };
        if columns.0[place].replace(i).is_some() {
            diagnostics
                .push(Diagnostic::error(format!("column `{name}` appears twice")).at(source, at));
            bad_header = true;
        }
    }
    if unknown > MAX_UNKNOWN_COLUMNS {
        diagnostics.push(
            Diagnostic::error(format!("{} more unknown columns", unknown - MAX_UNKNOWN_COLUMNS))
                .at(source, 0..header_line),
        );
    }
    let missing: Vec<&str> = CSV_REQUIRED.iter().copied().filter(|c| !columns.has(c)).collect();
    if !missing.is_empty() {
        diagnostics.push(
            Diagnostic::error(format!("missing column(s) {}", quoted_list(&missing)))
                .at(source, 0..header_line)
                .hint(format!("the columns are {}", quoted_list(&CSV_COLUMNS))),
        );
        bad_header = true;
    }
    if !columns.has("title_en") && !columns.has("title_id") {
        diagnostics.push(
            Diagnostic::error("a CSV dataset needs a `title_en` or `title_id` column")
                .at(source, 0..header_line),
        );
        bad_header = true;
    }
    (!bad_header).then_some(columns)
}

/// A CSV cell that holds a JSON array, read as `T`; empty is the default, and a cell
/// that does not parse is reported at `origin` with an example of the expected form.
fn json_cell<T: serde::de::DeserializeOwned + Default>(
    cell: Option<String>,
    name: &str,
    example: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> T {
    let Some(cell) = cell else {
        return T::default();
    };
    serde_json::from_str(&cell).unwrap_or_else(|error| {
        out.push(
            origin
                .error_at("", &cell, format!("invalid `{name}` cell: {error}"))
                .hint(format!("`{name}` holds a JSON array: {example}")),
        );
        T::default()
    })
}

/// One CSV row as a raw event: cells trimmed, formula guards removed, lists split at
/// `;`, JSON cells parsed; a cell that cannot be read is reported at `origin`.
fn csv_event(
    row: &csv::StringRecord,
    columns: &CsvColumns,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> RawEvent {
    // A column's cell, owned; the column's place is a constant, checked when the
    // program is compiled.
    macro_rules! field {
        ($name:literal) => {
            columns.cell(row, const { column($name) }).map(str::to_owned)
        };
    }
    macro_rules! list {
        ($name:literal) => {
            columns
                .cell(row, const { column($name) })
                .map(|v| {
                    v.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect::<Vec<String>>()
                })
                .unwrap_or_default()
        };
    }
    macro_rules! text_pair {
        ($en:literal, $id:literal) => {
            Text { en: field!($en), id: field!($id) }
        };
    }
    let participants: Vec<RawParticipant> =
        json_cell(field!("participants"), "participants", PARTICIPANTS_EXAMPLE, origin, out);
    let more_sources: Vec<RawSource> =
        json_cell(field!("more_sources"), "more_sources", SOURCES_EXAMPLE, origin, out);
    let revisions: Vec<RawRevision> =
        json_cell(field!("revisions"), "revisions", REVISIONS_EXAMPLE, origin, out);
    let (mut partners, mut roles) = (Vec::new(), Vec::new());
    for entry in list!("partners") {
        match entry.split_once(':') {
            Some((partner, role)) => roles
                .push(RawRole { partner: partner.trim().to_owned(), role: role.trim().to_owned() }),
            None => partners.push(entry),
        }
    }
    let first_source = match (field!("source_url"), field!("source_publisher")) {
        (None, None) => None,
        (url, publisher) => Some(RawSource {
            publisher: publisher.unwrap_or_default(),
            url: url.unwrap_or_default(),
            published: field!("source_published"),
            accessed: field!("source_accessed"),
            title: field!("source_title"),
            reports: field!("source_reports"),
            secondary: field!("source_secondary").is_some_and(|v| v.eq_ignore_ascii_case("yes")),
        }),
    };
    let date_note = text_pair!("date_note_en", "date_note_id");
    let note = text_pair!("note_en", "note_id");
    RawEvent {
        id: field!("id").unwrap_or_default(),
        date: field!("date").unwrap_or_default(),
        end: field!("end"),
        status: field!("status").unwrap_or_default(),
        date_note: (date_note.en.is_some() || date_note.id.is_some())
            .then_some(OneOrEach::Translated(date_note)),
        note: (note.en.is_some() || note.id.is_some()).then_some(OneOrEach::Translated(note)),
        partners,
        roles,
        kind: field!("type").unwrap_or_default(),
        round: field!("round").map(WholeNumber::Text),
        cadence_months: field!("cadence_months").map(WholeNumber::Text),
        direction: field!("direction"),
        term_ends: field!("term_ends"),
        renews: field!("renews"),
        title: text_pair!("title_en", "title_id"),
        summary: text_pair!("summary_en", "summary_id"),
        location: RawLocation {
            city: field!("city"),
            country: field!("country"),
            mode: field!("mode"),
        },
        participants,
        topics: list!("topics"),
        sources: first_source.into_iter().chain(more_sources).collect(),
        revisions,
    }
}

/// What a `revisions` cell looks like.
const REVISIONS_EXAMPLE: &str =
    r#"[{"source": "https://…", "end": "2023-12-08", "summary": {"en": "…", "id": "…"}}]"#;

/// What a `participants` cell looks like.
const PARTICIPANTS_EXAMPLE: &str =
    r#"[{"name": "Eddy Hartono", "role": {"en": "Head of BNPT", "id": "Kepala BNPT"}}]"#;

/// What a `more_sources` cell looks like.
const SOURCES_EXAMPLE: &str = r#"[{"publisher": "BNPT", "url": "https://…", "published": "2024-10", "title": "…", "reports": "held"}]"#;
