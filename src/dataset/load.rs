//! Reading dataset files (TOML, JSON, CSV) into raw records, and validating raw records
//! into a [`Dataset`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{
    AmbiguousName, Coverage, Dataset, DatasetInfo, Event, EventType, Location, NameIndex, Origin,
    Participant, Partner, PartnerRole, Revision, Role, Source, Status, Term, Text, Topic,
    normalise,
};
use crate::dates::PartialDate;
use crate::diag::{
    Diagnostic, Severity, Shapes, SourceText, array_of_tables_hint, field_hint, key_at, list_hint,
    plain_serde, quoted_list, suggestion,
};
use crate::locale::Language;
use crate::vocab::Vocabulary;

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

/// The columns a CSV dataset may have, in their documented order. Lists are split at
/// `;` (`partners` entries may carry a role: `gbr:invitee`); `participants` and
/// `more_sources` and `revisions` hold JSON arrays in the shape of the TOML form.
pub const CSV_COLUMNS: [&str; 31] = [
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

/// What to write instead, when a TOML dataset has a plain value where a text per
/// language, a list or a table belongs.
fn toml_shape_hint(text: &str, span: Range<usize>, message: &str) -> Option<String> {
    if !message.starts_with("invalid type") {
        return None;
    }
    let key = key_at(text, span.start)?;
    let value = text.get(span).unwrap_or("").trim();
    let quoted = value.starts_with('"');
    match key {
        "name" | "title" | "summary" | "role" | "meaning" if quoted => Some(format!(
            "`{key}` has a text per language: `{key} = {{ en = {value}, id = \"…\" }}`"
        )),
        "partners" | "topics" | "aliases" if quoted => Some(list_hint(key, value)),
        "sources" => Some(
            "`sources` is a list of tables: `sources = [{ publisher = \"…\", url = \"https://…\" }]`"
                .to_owned(),
        ),
        "participants" => Some(
            "`participants` is a list of tables: `participants = [{ name = \"…\" }]`".to_owned(),
        ),
        "location" => Some(
            "`location` is a table: `location = { city = \"Jakarta\", country = \"IDN\" }`"
                .to_owned(),
        ),
        "events" | "partners" | "topics" | "glossary" => Some(array_of_tables_hint(key)),
        _ => None,
    }
}

/// Name and version as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfo {
    name: OneOrEach,
    version: String,
    #[serde(default)]
    coverage: Vec<RawCoverage>,
}

/// A span a dataset covers systematically, as written: `{ from = "2019", to = "2025" }`
/// (`to` may be left out while collection goes on).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoverage {
    from: String,
    to: Option<String>,
}

/// A partner as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartner {
    id: String,
    name: Text,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    agencies: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
}

/// A name that may mean several bodies, as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmbiguous {
    name: String,
    meanings: Vec<String>,
}

/// A topic as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    name: Text,
}

/// A glossary term as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    meaning: Text,
}

/// A location as written in a file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocation {
    city: Option<String>,
    country: Option<String>,
    mode: Option<String>,
}

/// A participant as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    name: String,
    family: Option<String>,
    #[serde(default)]
    role: Text,
}

/// A source as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    publisher: String,
    url: String,
    published: Option<String>,
    accessed: Option<String>,
    title: Option<String>,
    reports: Option<String>,
    #[serde(default)]
    secondary: bool,
}

/// A partner in a role other than counterpart, as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    partner: String,
    role: String,
}

/// An event as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    date: String,
    end: Option<String>,
    status: String,
    date_note: Option<OneOrEach>,
    note: Option<OneOrEach>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    roles: Vec<RawRole>,
    #[serde(rename = "type")]
    kind: String,
    round: Option<WholeNumber>,
    cadence_months: Option<WholeNumber>,
    direction: Option<String>,
    #[serde(default)]
    title: Text,
    #[serde(default)]
    summary: Text,
    #[serde(default)]
    location: RawLocation,
    #[serde(default)]
    participants: Vec<RawParticipant>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    revisions: Vec<RawRevision>,
}

/// A revision as written: the source it rests on and the fields it changes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevision {
    #[serde(default)]
    source: String,
    date: Option<String>,
    end: Option<String>,
    summary: Option<Text>,
    date_note: Option<OneOrEach>,
    note: Option<OneOrEach>,
    title: Option<Text>,
    partners: Option<Vec<String>>,
    location: Option<RawLocation>,
    participants: Option<Vec<RawParticipant>>,
    topics: Option<Vec<String>>,
}

/// A whole number as written (a round, a cadence): a number in TOML and JSON, a cell's
/// text in CSV.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum WholeNumber {
    /// A number.
    Number(i64),
    /// Text that should hold one.
    Text(String),
}

/// Words as written where one text may serve both languages (a note, the dataset's
/// name): the same text for both, or a text per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrEach {
    /// One text, shown in briefs of either language.
    Plain(String),
    /// A text per language.
    Translated(Text),
}

impl OneOrEach {
    /// The words per language: one text stands for both.
    fn into_text(self) -> Text {
        match self {
            OneOrEach::Plain(text) => Text::same(&text),
            OneOrEach::Translated(text) => text,
        }
    }
}

/// A TOML dataset file, every record with its span.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    dataset: Option<RawInfo>,
    #[serde(default)]
    partners: Vec<Spanned<RawPartner>>,
    #[serde(default)]
    ambiguous: Vec<Spanned<RawAmbiguous>>,
    #[serde(default)]
    topics: Vec<Spanned<RawTopic>>,
    #[serde(default)]
    glossary: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    events: Vec<Spanned<RawEvent>>,
}

/// A JSON dataset file in its object form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFile {
    dataset: Option<RawInfo>,
    #[serde(default)]
    partners: Vec<RawPartner>,
    #[serde(default)]
    ambiguous: Vec<RawAmbiguous>,
    #[serde(default)]
    topics: Vec<RawTopic>,
    #[serde(default)]
    glossary: Vec<RawTerm>,
    #[serde(default)]
    events: Vec<RawEvent>,
}

/// Raw records from every file read, each with its origin.
#[derive(Debug, Clone, Default)]
pub(super) struct RawSet {
    info: Option<RawInfo>,
    /// The spans every file declares it covers systematically, with the file.
    coverage: Vec<(RawCoverage, Arc<SourceText>)>,
    partners: Vec<(RawPartner, Origin)>,
    ambiguous: Vec<(RawAmbiguous, Origin)>,
    topics: Vec<(RawTopic, Origin)>,
    glossary: Vec<(RawTerm, Origin)>,
    events: Vec<(RawEvent, Origin)>,
}

/// Reads one file's records into `set`, reporting what cannot be read.
pub(super) fn read(
    source: &Arc<SourceText>,
    format: DataFormat,
    set: &mut RawSet,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let origin = |range: Range<usize>| Origin { source: Arc::clone(source), range };
    match format {
        DataFormat::Toml => match toml::from_str::<TomlFile>(&source.text) {
            Ok(file) => {
                if let Some(info) = &file.dataset {
                    set.coverage
                        .extend(info.coverage.iter().map(|c| (c.clone(), Arc::clone(source))));
                }
                set.info = set.info.take().or(file.dataset);
                // A table's span covers only its `[[…]]` header: stretch it to the next
                // header so that errors can point at the record's fields.
                let text = source.text.as_str();
                let spanned = |s: Range<usize>| {
                    let end = text[s.end..].find("\n[").map_or(text.len(), |i| s.end + i);
                    origin(s.start..end)
                };
                set.partners.extend(file.partners.into_iter().map(|p| {
                    let span = p.span();
                    (p.into_inner(), spanned(span))
                }));
                set.ambiguous.extend(file.ambiguous.into_iter().map(|a| {
                    let span = a.span();
                    (a.into_inner(), spanned(span))
                }));
                set.topics.extend(file.topics.into_iter().map(|t| {
                    let span = t.span();
                    (t.into_inner(), spanned(span))
                }));
                set.glossary.extend(file.glossary.into_iter().map(|t| {
                    let span = t.span();
                    (t.into_inner(), spanned(span))
                }));
                set.events.extend(file.events.into_iter().map(|e| {
                    let span = e.span();
                    (e.into_inner(), spanned(span))
                }));
            }
            Err(error) => {
                let range = error.span().unwrap_or(0..0);
                diagnostics.push(
                    Diagnostic::error(format!(
                        "invalid dataset file: {}",
                        plain_serde(error.message().trim(), Shapes::Toml)
                    ))
                    .at(source, range.clone())
                    .maybe_hint(field_hint(error.message()))
                    .maybe_hint(toml_shape_hint(
                        &source.text,
                        range,
                        error.message(),
                    )),
                );
            }
        },
        DataFormat::Json => read_json(source, set, diagnostics),
        DataFormat::Csv => read_csv(source, set, diagnostics),
    }
}

/// Reads a JSON dataset: an object like the TOML form, or an array of events.
fn read_json(source: &Arc<SourceText>, set: &mut RawSet, diagnostics: &mut Vec<Diagnostic>) {
    let text = source.text.as_str();
    let parsed = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<RawEvent>>(text).map(|events| JsonFile {
            dataset: None,
            partners: vec![],
            ambiguous: vec![],
            topics: vec![],
            glossary: vec![],
            events,
        })
    } else {
        serde_json::from_str::<JsonFile>(text)
    };
    let file = match parsed {
        Ok(file) => file,
        Err(error) => {
            let offset = offset_of(text, error.line(), error.column());
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            diagnostics.push(
                Diagnostic::error(format!(
                    "invalid dataset file: {}",
                    plain_serde(&message, Shapes::Json)
                ))
                .at(source, offset..offset + 1)
                .maybe_hint(field_hint(&message)),
            );
            return;
        }
    };
    if let Some(info) = &file.dataset {
        set.coverage.extend(info.coverage.iter().map(|c| (c.clone(), Arc::clone(source))));
    }
    set.info = set.info.take().or(file.dataset);
    let mut cursor = 0;
    let mut place = |id: &str| {
        let range = crate::diag::locate(text, cursor..text.len(), "id", &format!("\"{id}\""));
        let start = text[..range.start].rfind('{').unwrap_or(range.start);
        cursor = range.end;
        Origin { source: Arc::clone(source), range: start..range.end }
    };
    for partner in file.partners {
        let origin = place(&partner.id);
        set.partners.push((partner, origin));
    }
    let file_start = Origin { source: Arc::clone(source), range: 0..0 };
    set.ambiguous.extend(file.ambiguous.into_iter().map(|a| (a, file_start.clone())));
    set.glossary.extend(file.glossary.into_iter().map(|t| (t, file_start.clone())));
    for topic in file.topics {
        let origin = place(&topic.id);
        set.topics.push((topic, origin));
    }
    for event in file.events {
        let origin = place(&event.id);
        set.events.push((event, origin));
    }
    // Widen each record to the start of the next, so that lookups find its fields.
    widen(&mut set.events, text.len());
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

/// The byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Reads a CSV dataset, one event per row.
fn read_csv(source: &Arc<SourceText>, set: &mut RawSet, diagnostics: &mut Vec<Diagnostic>) {
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

/// Reports an event's missing or unknown partners and unknown topics.
fn check_references(
    e: &RawEvent,
    partner_ids: &[&str],
    topic_ids: &[&str],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    if e.partners.is_empty() && e.roles.is_empty() {
        out.push(
            origin
                .error_at("partners", "", "the event names no partner")
                .hint("list at least one partner id, e.g. `partners = [\"gbr\"]`"),
        );
    }
    check_partner_ids(
        e.partners.iter().chain(e.roles.iter().map(|r| &r.partner)),
        partner_ids,
        origin,
        out,
    );
    check_topic_ids(&e.topics, topic_ids, origin, out);
}

/// Reports each partner of `partners` that is not in `known`, with the nearest id.
fn check_partner_ids<'p>(
    partners: impl Iterator<Item = &'p String>,
    known: &[&str],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    for partner in partners.filter(|p| !known.contains(&p.as_str())) {
        out.push(
            origin
                .error_at("partners", &format!("\"{partner}\""), format!("unknown partner `{partner}`"))
                .maybe_hint(crate::diag::nearest(partner, known.iter().copied()).map(|n| format!("did you mean `{n}`?")))
                .hint("a partner must be in the bundled registry or defined with [[partners]] in a data file"),
        );
    }
}

/// Reports each topic of `topics` that is not in `known`, with a suggestion.
fn check_topic_ids(topics: &[String], known: &[&str], origin: &Origin, out: &mut Vec<Diagnostic>) {
    for topic in topics.iter().filter(|t| !known.contains(&t.as_str())) {
        out.push(
            origin
                .error_at("topics", topic, format!("unknown topic `{topic}`"))
                .hint(suggestion(topic, known)),
        );
    }
}

/// Reports a country that is no ISO 3166-1 alpha-3 code.
fn check_country(country: Option<&String>, origin: &Origin, out: &mut Vec<Diagnostic>) {
    if let Some(country) = country
        && !(country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase()))
    {
        out.push(
            origin
                .error_at("country", country, format!("invalid country code `{country}`"))
                .hint("use the ISO 3166-1 alpha-3 code in capitals, e.g. `IDN`"),
        );
    }
}

/// The event's partners in other roles than counterpart: known roles, never
/// `counterpart` (the `partners` list holds those), no partner twice.
fn check_roles(e: &RawEvent, origin: &Origin, out: &mut Vec<Diagnostic>) -> Vec<PartnerRole> {
    let mut roles: Vec<PartnerRole> = Vec::with_capacity(e.roles.len());
    for raw in &e.roles {
        let Some(role) = check_vocab::<Role>(&raw.role, "role", origin, out) else {
            continue;
        };
        let twice =
            e.partners.contains(&raw.partner) || roles.iter().any(|r| r.partner == raw.partner);
        if role == Role::Counterpart || twice {
            out.push(
                origin
                    .error_at("roles", &raw.partner, format!("partner `{}` is listed twice", raw.partner))
                    .hint("a counterpart goes in `partners`; `roles` holds each other partner once, as host, invitee, observer or subject"),
            );
            continue;
        }
        roles.push(PartnerRole { partner: raw.partner.clone(), role });
    }
    roles
}

/// Whether a file is one of the bundled dataset files.
fn is_bundled(file: &SourceText) -> bool {
    super::BUNDLED.iter().any(|(name, text)| *name == file.name && *text == file.text)
}

/// A note as written, checked: one text serves both languages.
fn check_note(
    note: Option<OneOrEach>,
    key: &str,
    what: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Text {
    match note {
        Some(OneOrEach::Plain(text)) => Text::same(&text),
        Some(OneOrEach::Translated(text)) => {
            check_text(&text, key, what, origin, false, out);
            text
        }
        None => Text::default(),
    }
}

/// Refuses a bundled event whose title, summary or note names one of its participants:
/// names belong in `participants`, prose speaks of roles.
fn check_prose_names(
    id: &str,
    participants: &[Participant],
    prose: [&Text; 4],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    let names = NameIndex::new(participants.iter().map(|p| (p, id)));
    for (text, key) in prose.into_iter().zip(["title", "summary", "date_note", "note"]) {
        for language in [&text.en, &text.id].into_iter().flatten() {
            if let Some(hit) = names.find(language) {
                out.push(
                    origin
                        .error_at(key, &hit.found, format!("the {key} of event `{id}` names `{}`", hit.name))
                        .hint("personal names belong only in `participants`: speak of the role (\"BNPT's head\", \"Kepala BNPT\")"),
                );
            }
        }
    }
}

/// Checks an event's sources (at least one; URLs, publishers, dates) and returns them.
fn check_sources(
    event: &EventFacts,
    raw: Vec<RawSource>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Vec<Source> {
    if raw.is_empty() {
        out.push(
            origin
                .error_at("sources", "", format!("event `{}` has no source", event.id))
                .hint("every event needs at least one source with a publisher and a URL"),
        );
    }
    let mut sources = Vec::with_capacity(raw.len());
    for s in raw {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            out.push(
                origin
                    .error_at("url", &s.url, format!("invalid source URL `{}`", s.url))
                    .hint("source URLs start with https:// or http://"),
            );
        }
        if s.publisher.trim().is_empty() {
            out.push(origin.error_at("publisher", "", "a source has no publisher"));
        }
        let published =
            s.published.as_deref().and_then(|p| check_date(p, "published", origin, out));
        let reports = match s.reports.as_deref() {
            Some(text) => check_status(text, "reports", origin, out),
            None => event.status,
        };
        check_publication(event, &s.url, published, reports, origin, out);
        let accessed = s.accessed.as_deref().and_then(|a| check_date(a, "accessed", origin, out));
        if let (Some(accessed), Some(published)) = (accessed, published)
            && accessed.last_day() < published.first_day()
        {
            out.push(
                origin
                    .error_at(
                        "accessed",
                        &accessed.to_string(),
                        format!(
                            "the source `{}` was accessed ({accessed}) before it was published ({published})",
                            s.url
                        ),
                    )
                    .hint("`accessed` is the day someone read the page, on or after `published`"),
            );
        }
        let reports = reports.unwrap_or(Status::Held);
        sources.push(Source {
            publisher: s.publisher,
            url: s.url,
            published,
            accessed,
            title: s.title,
            reports,
            secondary: s.secondary,
        });
    }
    sources
}

/// What a source's checks need to know of its event.
struct EventFacts<'a> {
    id: &'a str,
    first_day: Option<chrono::NaiveDate>,
    status: Option<Status>,
}

/// A `held` or `planned` in `status` or a source's `reports`; `unconfirmed` is derived
/// on a brief's date and never written.
fn check_status(
    text: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<Status> {
    match check_vocab::<Status>(text, key, origin, out) {
        Some(Status::Unconfirmed) => {
            out.push(
                origin
                    .error_at(key, text, format!("`{key}` is `held` or `planned`, not `unconfirmed`"))
                    .hint("an announced event whose date has passed with no report that it took place is shown as unconfirmed by itself; write `planned`"),
            );
            None
        }
        other => other,
    }
}

/// One warning per user file whose sources give no publication date: briefs treat each
/// such page as public from its event's first day. The bundled data's two undated pages
/// are listed in data/README.md and pinned by a test; warning about them on every run
/// would only be noise.
fn warn_undated(events: &[Event], out: &mut Vec<Diagnostic>) {
    let mut undated: Vec<(&Arc<SourceText>, usize)> = Vec::new();
    for event in events {
        let count = event.sources.iter().filter(|s| s.published.is_none()).count();
        if count == 0 {
            continue;
        }
        match undated.iter_mut().find(|(file, _)| Arc::ptr_eq(file, &event.origin.source)) {
            Some((_, n)) => *n += count,
            None => undated.push((&event.origin.source, count)),
        }
    }
    for (file, count) in undated {
        if is_bundled(file) {
            continue;
        }
        let pages = if count == 1 { "source has" } else { "sources have" };
        // First, so that a file's many other warnings do not hide it.
        out.insert(
            0,
            Diagnostic::warning(format!("{count} {pages} no publication date in {}", file.name))
                .hint("a brief treats such a page as public from its event's first day; give `published` (or a `source_published` column) so that briefs dated earlier leave it out"),
        );
    }
}

/// Refuses a report that the event took place published before the event began.
fn check_publication(
    event: &EventFacts,
    url: &str,
    published: Option<crate::dates::PartialDate>,
    reports: Option<Status>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    if let (Some(date), Some(first)) = (published, event.first_day)
        && reports == Some(Status::Held)
        && date.last_day() < first
    {
        out.push(
            origin
                .error_at(
                    "published",
                    &date.to_string(),
                    format!(
                        "the source `{url}` reports event `{}` as held but was published ({date}) before the event began",
                        event.id
                    ),
                )
                .hint("an announcement before the event has `reports = \"planned\"`"),
        );
    }
}

/// Whether an id is lowercase ASCII letters, digits and hyphens.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks that both languages of a text are there: an error if neither, a warning if one.
fn check_text(
    text: &Text,
    key: &str,
    what: &str,
    origin: &Origin,
    required: bool,
    out: &mut Vec<Diagnostic>,
) {
    match (text.get("en"), text.get("id")) {
        (Some(_), Some(_)) => {}
        (None, None) if required => {
            out.push(origin.error_at(key, "", format!("{what} is missing in both languages")))
        }
        (None, None) => {}
        (en, _) => {
            let (missing, language) = match en {
                None => ("English (`en`)", Language::En),
                Some(_) => ("Indonesian (`id`)", Language::Id),
            };
            let mut d = origin.error_at(key, "", format!("{what} has no {missing} text"));
            d.severity = Severity::Warning;
            d.untranslated = Some(language);
            out.push(d);
        }
    }
}

/// Turns the warnings of texts given in one language only into one warning per file
/// and missing language, with a count, placed at the first: a spreadsheet kept in
/// English would otherwise warn on every row.
fn fold_untranslated(out: &mut Vec<Diagnostic>) {
    let mut folded: Vec<(Diagnostic, usize)> = Vec::new();
    let mut kept = Vec::with_capacity(out.len());
    for d in out.drain(..) {
        let Some(language) = d.untranslated else {
            kept.push(d);
            continue;
        };
        let file = d.place.as_ref().map(|(source, _)| Arc::clone(source));
        let same = |(first, _): &&mut (Diagnostic, usize)| {
            first.untranslated == Some(language)
                && match (&first.place, &file) {
                    (Some((a, _)), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        };
        match folded.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => folded.push((d, 1)),
        }
    }
    for (first, count) in folded {
        let file = first.place.as_ref().map_or("a data file", |(source, _)| source.name.as_str());
        let (missing, language, other) = match first.untranslated {
            Some(Language::En) => ("English (`en`)", "English", "Indonesian"),
            _ => ("Indonesian (`id`)", "Indonesian", "English"),
        };
        let texts = if count == 1 { "text in {file} has" } else { "texts in {file} have" };
        let texts = texts.replace("{file}", file);
        let mut d =
            Diagnostic::warning(format!("{count} {texts} no {missing} version; the first is here"));
        d.place = first.place;
        d.untranslated = first.untranslated;
        kept.push(d.hint(format!(
            "briefs in {language} print the {other} text instead; give the {language} text to translate them"
        )));
    }
    *out = kept;
}

/// Parses a date field, reporting a precise error.
fn check_date(
    value: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    match value.parse::<PartialDate>() {
        Ok(date) => Some(date),
        Err(error) => {
            let needle = if value.is_empty() { "" } else { value };
            out.push(
                origin
                    .error_at(key, needle, format!("invalid `{key}`: {error}"))
                    .hint("dates are YYYY-MM-DD, YYYY-MM or YYYY; the form is the precision"),
            );
            None
        }
    }
}

/// Parses a vocabulary field, suggesting the nearest valid value.
fn check_vocab<T: Vocabulary>(
    value: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let parsed = T::parse(value);
    if parsed.is_none() {
        let (message, hint) = T::unknown(value);
        out.push(origin.error_at(key, value, message).hint(hint));
    }
    parsed
}

/// Validates every raw record and the set as a whole.
pub(super) fn validate(
    raw: RawSet,
    mut out: Vec<Diagnostic>,
) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
    let partners = validate_partners(raw.partners, &mut out);
    let ambiguous = validate_ambiguous(raw.ambiguous, &partners, &mut out);
    let topics = validate_topics(raw.topics, &mut out);
    let glossary = validate_glossary(raw.glossary, &mut out);
    let events = validate_events(raw.events, &partners, &topics, &mut out);
    warn_undated(&events, &mut out);
    fold_untranslated(&mut out);
    let coverage = validate_coverage(&raw.coverage, &mut out);
    if out.iter().any(|d| d.severity == Severity::Error) {
        // The errors come first; warnings beside them are noise until they are fixed.
        out.retain(|d| d.severity == Severity::Error);
        return Err(out);
    }
    let mut partner_index = HashMap::new();
    for (i, partner) in partners.iter().enumerate() {
        for key in partner_keys(partner) {
            partner_index.insert(normalise(key), i);
        }
    }
    let info = raw.info.map_or(
        DatasetInfo { name: Text::same("user dataset"), version: "unversioned".into() },
        |i| DatasetInfo { name: i.name.into_text(), version: i.version },
    );
    let mut events = events;
    events.sort_by(|a, b| (a.first_day(), &a.id).cmp(&(b.first_day(), &b.id)));
    Ok((
        Dataset { info, partners, topics, glossary, events, ambiguous, coverage, partner_index },
        out,
    ))
}

/// The spans the files declare they cover systematically, each checked.
fn validate_coverage(
    raw: &[(RawCoverage, Arc<SourceText>)],
    out: &mut Vec<Diagnostic>,
) -> Vec<Coverage> {
    let mut coverage = Vec::new();
    for (span, source) in raw {
        let parse =
            |text: &str, key: &str, out: &mut Vec<Diagnostic>| match text.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(why) => {
                    let message = format!("invalid coverage `{key}` date `{text}`: {why}");
                    out.push(
                        coverage_error(source, text, message)
                            .hint("write a year (\"2019\"), a month (\"2019-01\") or a day"),
                    );
                    None
                }
            };
        let from = parse(&span.from, "from", out);
        let to = span.to.as_deref().map(|t| parse(t, "to", out));
        match (from, to) {
            (Some(from), None) => coverage.push(Coverage { from, to: None }),
            (Some(from), Some(Some(to))) if to.last_day() >= from.first_day() => {
                coverage.push(Coverage { from, to: Some(to) });
            }
            (Some(from), Some(Some(to))) => {
                let message = format!("the coverage from {from} ends before it starts ({to})");
                let value = span.to.as_deref().unwrap_or_default();
                out.push(coverage_error(source, value, message).hint("swap `from` and `to`"));
            }
            _ => {}
        }
    }
    coverage.sort_by_key(|c| c.from.first_day());
    merged(coverage)
}

/// An error of a coverage date `value` in `source`: placed at the value, quoted, where
/// it first follows the `coverage` key (TOML and JSON alike), else named by its file.
fn coverage_error(source: &Arc<SourceText>, value: &str, message: String) -> Diagnostic {
    let text = source.text.as_str();
    let quoted = format!("\"{value}\"");
    let found = text.find("coverage").and_then(|key| {
        let at = key + text[key..].find(&quoted)?;
        Some(at..at + quoted.len())
    });
    match found {
        Some(range) => Diagnostic::error(message).at(source, range),
        None => Diagnostic::error(format!("{}: {message}", source.name)),
    }
}

/// Spans sorted by their start, with those that overlap or meet made one: the bundled
/// data's 2019–2025 and a user file's 2026 onwards cover 2019 onwards.
fn merged(spans: Vec<Coverage>) -> Vec<Coverage> {
    let mut merged: Vec<Coverage> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last)
                if last
                    .to
                    .is_none_or(|to| to.last_day().succ_opt() >= Some(span.from.first_day())) =>
            {
                last.to = match (last.to, span.to) {
                    (Some(a), Some(b)) => Some(if b.last_day() > a.last_day() { b } else { a }),
                    _ => None,
                };
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// Partner and topic names as analysts write them in spreadsheets ("UK", "Inggris",
/// "Victims of terrorism"), each with the id it stands for; a name that stands for more
/// than one is left out, so that it stays an error with its suggestions.
struct NamesToIds {
    partners: HashMap<String, Option<String>>,
    topics: HashMap<String, Option<String>>,
}

impl NamesToIds {
    fn new(partners: &[Partner], topics: &[Topic]) -> Self {
        fn add(map: &mut HashMap<String, Option<String>>, key: &str, id: &str) {
            let entry = map.entry(normalise(key)).or_insert_with(|| Some(id.to_owned()));
            if entry.as_deref() != Some(id) {
                *entry = None;
            }
        }
        let mut names = NamesToIds { partners: HashMap::new(), topics: HashMap::new() };
        for partner in partners {
            for key in partner_keys(partner) {
                add(&mut names.partners, key, &partner.id);
            }
        }
        for topic in topics {
            for key in [Some(topic.id.as_str()), topic.name.en.as_deref(), topic.name.id.as_deref()]
                .into_iter()
                .flatten()
            {
                add(&mut names.topics, key, &topic.id);
            }
        }
        names
    }

    /// The event's partners, roles and topics, and those of its revisions, as ids, where
    /// they are written as names.
    fn resolve(&self, e: &mut RawEvent) {
        let id = |map: &HashMap<String, Option<String>>, name: &mut String| {
            if let Some(Some(id)) = map.get(&normalise(name)) {
                *name = id.clone();
            }
        };
        let revised_partners = e.revisions.iter_mut().flat_map(|r| r.partners.iter_mut().flatten());
        let roles = e.roles.iter_mut().map(|r| &mut r.partner);
        for partner in e.partners.iter_mut().chain(roles).chain(revised_partners) {
            id(&self.partners, partner);
        }
        let revised_topics = e.revisions.iter_mut().flat_map(|r| r.topics.iter_mut().flatten());
        for topic in e.topics.iter_mut().chain(revised_topics) {
            id(&self.topics, topic);
        }
    }
}

/// Every name a partner can be found by.
fn partner_keys(partner: &Partner) -> impl Iterator<Item = &str> {
    [Some(partner.id.as_str()), partner.name.en.as_deref(), partner.name.id.as_deref()]
        .into_iter()
        .flatten()
        .chain(partner.aliases.iter().map(String::as_str))
        .chain(partner.agencies.iter().map(String::as_str))
}

/// For each record, where the first record with its id is, if that is another one.
fn first_definitions(raw: &[(RawEvent, Origin)]) -> Vec<Option<Origin>> {
    let mut first_of: HashMap<&str, usize> = HashMap::with_capacity(raw.len());
    let mut first_origin: Vec<Option<Origin>> = vec![None; raw.len()];
    for (i, (e, _)) in raw.iter().enumerate() {
        if let Some(&first) = first_of.get(e.id.as_str()) {
            first_origin[i] = Some(raw[first].1.clone());
        } else {
            first_of.insert(&e.id, i);
        }
    }
    first_origin
}

/// Reports an id defined twice, naming both places.
fn duplicate(what: &str, id: &str, first: &Origin, again: &Origin) -> Diagnostic {
    again
        .error_at("id", &format!("\"{id}\""), format!("{what} id `{id}` is defined twice"))
        .hint(format!("it is first defined at {}", first.location()))
}

fn validate_partners(raw: Vec<(RawPartner, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Partner> {
    let mut partners: Vec<Partner> = Vec::with_capacity(raw.len());
    // Each id's place among `partners`: a duplicate is found at once, not by a scan
    // that makes a file of many partners quadratic.
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    let mut names: HashMap<String, usize> = HashMap::new();
    for (p, origin) in raw {
        if !valid_id(&p.id) {
            out.push(
                origin
                    .error_at("id", &p.id, format!("invalid partner id `{}`", p.id))
                    .hint("partner ids are lowercase: ISO 3166-1 alpha-3 for states, the acronym for organisations"),
            );
        }
        if let Some(&first) = places.get(&p.id) {
            out.push(duplicate("partner", &p.id, &partners[first].origin, &origin));
            continue;
        }
        check_text(&p.name, "name", "the partner's name", &origin, true, out);
        let Some(kind) = check_vocab(&p.kind, "kind", &origin, out) else {
            continue;
        };
        let partner = Partner {
            id: p.id,
            name: p.name,
            kind,
            aliases: p.aliases,
            agencies: p.agencies,
            members: p.members,
            origin,
        };
        let index = partners.len();
        for key in partner_keys(&partner) {
            if let Some(&other) = names.get(&normalise(key))
                && other != index
            {
                out.push(
                    partner
                        .origin
                        .error_at(
                            "",
                            key,
                            format!(
                                "the name `{key}` is already used by partner `{}`",
                                partners[other].id
                            ),
                        )
                        .hint("each id, name and alias must find exactly one partner"),
                );
            }
        }
        for key in partner_keys(&partner) {
            names.insert(normalise(key), index);
        }
        places.insert(partner.id.clone(), partners.len());
        partners.push(partner);
    }
    check_members(&partners, out);
    partners
}

/// A group's members must be other partners that are not groups themselves.
fn check_members(partners: &[Partner], out: &mut Vec<Diagnostic>) {
    for group in partners.iter().filter(|p| !p.members.is_empty()) {
        for member in &group.members {
            let problem = match partners.iter().find(|p| &p.id == member) {
                None => format!("unknown member `{member}` of group `{}`", group.id),
                Some(p) if p.id == group.id => format!("group `{member}` lists itself"),
                Some(p) if !p.members.is_empty() => {
                    format!("group `{}` lists another group, `{member}`", group.id)
                }
                Some(_) => continue,
            };
            out.push(
                group
                    .origin
                    .error_at("members", &format!("\"{member}\""), problem)
                    .hint("a group's `members` are the ids of partners that are not groups"),
            );
        }
    }
}

/// Names that may mean several bodies: not a partner's own name, and at least two
/// meanings, each a partner id or (with capitals or spaces) a body not in the dataset.
fn validate_ambiguous(
    raw: Vec<(RawAmbiguous, Origin)>,
    partners: &[Partner],
    out: &mut Vec<Diagnostic>,
) -> Vec<AmbiguousName> {
    let mut names = Vec::with_capacity(raw.len());
    for (a, origin) in raw {
        if let Some(p) =
            partners.iter().find(|p| partner_keys(p).any(|k| normalise(k) == normalise(&a.name)))
        {
            out.push(
                origin
                    .error_at(
                        "name",
                        &a.name,
                        format!("the ambiguous name `{}` also finds partner `{}`", a.name, p.id),
                    )
                    .hint(
                        "remove it from the partner's aliases, so that it finds no single partner",
                    ),
            );
        }
        if a.meanings.len() < 2 {
            out.push(
                origin
                    .error_at("meanings", "", format!("the ambiguous name `{}` needs at least two meanings", a.name))
                    .hint("list partner ids, or names of bodies not in the dataset: `meanings = [\"aus\", \"African Union\"]`"),
            );
        }
        for meaning in &a.meanings {
            if valid_id(meaning) && !partners.iter().any(|p| &p.id == meaning) {
                out.push(
                    origin
                        .error_at("meanings", meaning, format!("unknown partner `{meaning}`"))
                        .hint("a meaning is a partner id, or a body's name with its capitals"),
                );
            }
        }
        names.push(AmbiguousName { name: a.name, meanings: a.meanings });
    }
    names
}

/// Checks the glossary: a term is a word or words, defined once, with its meaning.
fn validate_glossary(raw: Vec<(RawTerm, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    for (t, origin) in raw {
        let term = t.term.trim();
        if term.is_empty() || !term.chars().any(char::is_alphanumeric) {
            out.push(
                origin
                    .error_at("term", &t.term, "a glossary term needs letters")
                    .hint("write the abbreviation as readers see it: `term = \"CTED\"`"),
            );
            continue;
        }
        if let Some(first) = places.get(term).map(|&i| &terms[i]) {
            out.push(
                origin
                    .error_at(
                        "term",
                        &format!("\"{term}\""),
                        format!("glossary term `{term}` is defined twice"),
                    )
                    .hint(format!("it is first defined at {}", first.origin.location())),
            );
            continue;
        }
        check_text(&t.meaning, "meaning", "the term's meaning", &origin, true, out);
        places.insert(term.to_owned(), terms.len());
        terms.push(Term { term: term.to_owned(), meaning: t.meaning, origin });
    }
    terms.sort_by_key(|t| t.term.to_lowercase());
    terms
}

fn validate_topics(raw: Vec<(RawTopic, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::with_capacity(raw.len());
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    for (t, origin) in raw {
        if !valid_id(&t.id) {
            out.push(origin.error_at("id", &t.id, format!("invalid topic id `{}`", t.id)).hint(
                "topic ids are lowercase words joined by hyphens, e.g. `online-radicalisation`",
            ));
        }
        if let Some(&first) = places.get(&t.id) {
            out.push(duplicate("topic", &t.id, &topics[first].origin, &origin));
            continue;
        }
        check_text(&t.name, "name", "the topic's name", &origin, true, out);
        places.insert(t.id.clone(), topics.len());
        topics.push(Topic { id: t.id, name: t.name, origin });
    }
    topics
}

/// A whole number of a working-group series (`round`, `cadence_months`) within
/// `range`, on a `working-group` event; `what` says what it is, for the hint.
fn check_series_number(
    value: Option<WholeNumber>,
    key: &str,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
    kind: Option<EventType>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let (written, number) = match value? {
        WholeNumber::Number(n) => (n.to_string(), u32::try_from(n).ok()),
        WholeNumber::Text(text) => {
            let number = text.parse().ok();
            (text, number)
        }
    };
    let Some(number) = number.filter(|n| range.contains(n)) else {
        out.push(
            origin.error_at(key, &written, format!("invalid {key} `{written}`")).hint(format!(
                "{what}, from {} to {}",
                range.start(),
                range.end()
            )),
        );
        return None;
    };
    if kind.is_some_and(|k| k != EventType::WorkingGroup) {
        out.push(
            origin
                .error_at(key, &written, format!("only a `working-group` event has a `{key}`"))
                .hint(format!("remove `{key}`, or change the type to `working-group`")),
        );
        return None;
    }
    Some(number)
}

fn validate_events(
    raw: Vec<(RawEvent, Origin)>,
    partners: &[Partner],
    topics: &[Topic],
    out: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let partner_ids: Vec<&str> = partners.iter().map(|p| p.id.as_str()).collect();
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let names = NamesToIds::new(partners, topics);
    let first_origin = first_definitions(&raw);
    let mut events = Vec::with_capacity(raw.len());
    // Whether the file of the records read last is the bundled data: decided once a
    // file, not once a record (the comparison reads the whole text).
    let mut last_file: Option<(*const SourceText, bool)> = None;
    for ((mut e, origin), first) in raw.into_iter().zip(first_origin) {
        // Only this record's own diagnostics decide whether it is kept: counting all of
        // them would be quadratic in a file with a warning on every row.
        let first_diagnostic = out.len();
        names.resolve(&mut e);
        if !valid_id(&e.id) {
            out.push(origin.error_at("id", &e.id, format!("invalid event id `{}`", e.id)).hint(
                "event ids are lowercase letters, digits and hyphens, e.g. `2021-11-gbr-jwg-1`",
            ));
        } else if let Some(first) = first {
            out.push(duplicate("event", &e.id, &first, &origin));
            continue;
        }
        let date = check_date(&e.date, "date", &origin, out);
        let end = e.end.as_deref().and_then(|v| check_date(v, "end", &origin, out));
        if let (Some(date), Some(end)) = (date, end)
            && end.first_day() < date.first_day()
        {
            out.push(
                origin
                    .error_at(
                        "end",
                        &end.to_string(),
                        format!("the event ends ({end}) before it starts ({date})"),
                    )
                    .hint("swap `date` and `end`, or remove `end` for a one-day event"),
            );
        }
        let status = check_status(&e.status, "status", &origin, out);
        let kind = check_vocab(&e.kind, "type", &origin, out);
        let direction =
            e.direction.as_deref().and_then(|d| check_vocab(d, "direction", &origin, out));
        let round = check_series_number(
            e.round.clone(),
            "round",
            1..=999,
            "a round is the meeting's number in its series, e.g. `round = 4`",
            kind,
            &origin,
            out,
        );
        let cadence_months = check_series_number(
            e.cadence_months.clone(),
            "cadence_months",
            1..=120,
            "the months between rounds that a source of this event states for its series \
             (`cadence_months = 12` for an annual meeting)",
            kind,
            &origin,
            out,
        );
        check_references(&e, &partner_ids, &topic_ids, &origin, out);
        let roles = check_roles(&e, &origin, out);
        let date_note = check_note(e.date_note, "date_note", "the date note", &origin, out);
        let note = check_note(e.note, "note", "the note", &origin, out);
        check_text(&e.title, "title", "the event's title", &origin, true, out);
        check_text(&e.summary, "summary", "the event's summary", &origin, false, out);
        let mode = e.location.mode.as_deref().and_then(|m| check_vocab(m, "mode", &origin, out));
        check_country(e.location.country.as_ref(), &origin, out);
        let facts = EventFacts { id: &e.id, first_day: date.map(|d| d.first_day()), status };
        let sources = check_sources(&facts, e.sources, &origin, out);
        let ids = (partner_ids.as_slice(), topic_ids.as_slice());
        let revisions = check_revisions(e.revisions, &sources, ids, date, &origin, out);
        if let Some(first_day) = date.map(|d| d.first_day()) {
            check_announced_summary(&sources, &revisions, first_day, &origin, out);
        }
        let participants: Vec<Participant> = e
            .participants
            .into_iter()
            .map(|p| Participant { name: p.name, family: p.family, role: p.role })
            .collect();
        let file = Arc::as_ptr(&origin.source);
        let bundled = match last_file {
            Some((last, bundled)) if last == file => bundled,
            _ => {
                let bundled = is_bundled(&origin.source);
                last_file = Some((file, bundled));
                bundled
            }
        };
        if bundled {
            check_prose_names(
                &e.id,
                &participants,
                [&e.title, &e.summary, &date_note, &note],
                &origin,
                out,
            );
            // A revision's words, against every participant the record ever names.
            let mut everyone = participants.clone();
            everyone
                .extend(revisions.iter().flat_map(|r| r.participants.iter().flatten().cloned()));
            let none = Text::default();
            for r in &revisions {
                let texts = [&r.title, &r.summary, &r.date_note, &r.note]
                    .map(|t| t.as_ref().unwrap_or(&none));
                check_prose_names(&e.id, &everyone, texts, &origin, out);
            }
        }
        if out[first_diagnostic..].iter().any(|d| d.severity == Severity::Error) {
            continue;
        }
        let (Some(date), Some(status), Some(kind)) = (date, status, kind) else {
            continue;
        };
        events.push(Event {
            id: e.id,
            date,
            end,
            status,
            date_note: (date_note.get("en").is_some() || date_note.get("id").is_some())
                .then_some(date_note),
            note: (note.get("en").is_some() || note.get("id").is_some()).then_some(note),
            partners: e.partners,
            roles,
            kind,
            round,
            cadence_months,
            direction,
            title: e.title,
            summary: e.summary,
            location: Location { city: e.location.city, country: e.location.country, mode },
            participants,
            topics: e.topics,
            sources,
            revisions,
            origin,
        });
    }
    events
}

/// Warns of an event first announced and later reported held whose summary has no
/// revision on a report that it was held: its own summary is shown while the event is
/// only announced, so it must read as an announcement, and the held version belongs
/// to the report.
fn check_announced_summary(
    sources: &[Source],
    revisions: &[Revision],
    first_day: chrono::NaiveDate,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    let Some(first) = sources.iter().min_by_key(|s| s.public_from(first_day)) else { return };
    let held: Vec<&str> =
        sources.iter().filter(|s| s.reports == Status::Held).map(|s| s.url.as_str()).collect();
    let revised =
        revisions.iter().any(|r| r.summary.is_some() && held.contains(&r.source.as_str()));
    if first.reports == Status::Planned && !held.is_empty() && !revised {
        let place = crate::diag::locate(&origin.source.text, origin.range.clone(), "summary", "");
        out.push(
            Diagnostic::warning(
                "the event was first announced, then reported held, but its summary has no \
                 revision on the report",
            )
            .at(&origin.source, place)
            .hint("write the summary as an announcement, and add `revisions = [{ source = \"<the first held report>\", summary = { … } }]` with the summary as held"),
        );
    }
}

/// Validates an event's revisions: each rests on one of the event's own sources (whose
/// publication dates it) and changes at least one field, each field valid as the
/// event's own would be.
fn check_revisions(
    raw: Vec<RawRevision>,
    sources: &[Source],
    (partner_ids, topic_ids): (&[&str], &[&str]),
    event_date: Option<PartialDate>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Vec<Revision> {
    let mut revisions = Vec::with_capacity(raw.len());
    for r in raw {
        if !sources.iter().any(|s| s.url == r.source) {
            out.push(
                origin
                    .error_at(
                        "source",
                        &r.source,
                        format!(
                            "a revision rests on `{}`, which is not among the event's sources",
                            r.source
                        ),
                    )
                    .hint("a revision's `source` is the address of one of the event's own sources: it is shown from that page's publication"),
            );
            continue;
        }
        let date = r.date.as_deref().and_then(|v| check_date(v, "date", origin, out));
        let end = r.end.as_deref().and_then(|v| check_date(v, "end", origin, out));
        // A revision's span starts at its own date, or at the event's.
        if let (Some(start), Some(end)) = (date.or(event_date), end)
            && end.first_day() < start.first_day()
        {
            out.push(
                origin
                    .error_at(
                        "end",
                        r.end.as_deref().unwrap_or_default(),
                        format!("a revision ends the event ({end}) before it starts ({start})"),
                    )
                    .hint(
                        "correct the revision's `end`, or give the `date` its source reports too",
                    ),
            );
            continue;
        }
        let changes_something = date.is_some()
            || end.is_some()
            || r.summary.is_some()
            || r.date_note.is_some()
            || r.note.is_some()
            || r.title.is_some()
            || r.partners.is_some()
            || r.location.is_some()
            || r.participants.is_some()
            || r.topics.is_some();
        if !changes_something {
            out.push(origin.error_at("source", &r.source, "a revision that changes nothing").hint(
                "give the fields the source changes: `date`, `end`, `title`, `summary`, `date_note`, \
                 `note`, `partners`, `location`, `participants` or `topics`",
            ));
            continue;
        }
        if let Some(summary) = &r.summary {
            check_text(summary, "summary", "a revision's summary", origin, false, out);
        }
        if let Some(title) = &r.title {
            check_text(title, "title", "a revision's title", origin, true, out);
        }
        // The references a revision gives are checked as the event's own are.
        let errors = out.len();
        if r.partners.as_ref().is_some_and(Vec::is_empty) {
            out.push(
                origin
                    .error_at("revisions", &r.source, "a revision that leaves the event no partner")
                    .hint("give the counterparts the source reports, e.g. `partners = [\"gbr\"]`"),
            );
        }
        check_partner_ids(r.partners.iter().flatten(), partner_ids, origin, out);
        check_topic_ids(r.topics.as_deref().unwrap_or_default(), topic_ids, origin, out);
        check_country(r.location.as_ref().and_then(|l| l.country.as_ref()), origin, out);
        if out.len() > errors {
            continue;
        }
        let mode = r
            .location
            .as_ref()
            .and_then(|l| l.mode.as_deref())
            .and_then(|m| check_vocab(m, "mode", origin, out));
        let note = |n: Option<OneOrEach>, key: &str, what: &str, out: &mut Vec<Diagnostic>| {
            n.map(|n| check_note(Some(n), key, what, origin, out))
        };
        let date_note = note(r.date_note, "date_note", "a revision's date note", out);
        let plain_note = note(r.note, "note", "a revision's note", out);
        revisions.push(Revision {
            source: r.source,
            date,
            end,
            summary: r.summary,
            date_note,
            note: plain_note,
            title: r.title,
            partners: r.partners,
            location: r.location.map(|l| Location { city: l.city, country: l.country, mode }),
            participants: r.participants.map(|ps| {
                ps.into_iter()
                    .map(|p| Participant { name: p.name, family: p.family, role: p.role })
                    .collect()
            }),
            topics: r.topics,
        });
    }
    revisions
}
