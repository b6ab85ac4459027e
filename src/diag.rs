//! Diagnostics for bad input: a message, the place in a file, and a hint.
//!
//! Every stage that reads user input (specs, dataset files, arguments) reports problems
//! as [`Diagnostic`]s. They print in the style of the Typst CLI through
//! `codespan-reporting`: `file:line:column`, the offending line with a caret, and hints.
//! A spreadsheet's text is its first sheet as CSV with a [`CellMap`], and its places are
//! cells: `events.xlsx: Rekap!B3`.

use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::locale::Language;

/// A file whose text a diagnostic can point into.
#[derive(Debug)]
pub struct SourceText {
    /// The name printed for the file (its path as the user gave it).
    pub name: String,
    /// The whole text of the file.
    pub text: String,
    /// Where each line starts, computed once when first needed.
    line_starts: OnceLock<Vec<usize>>,
    /// For a spreadsheet, the cell each range of the text came from.
    cells: Option<CellMap>,
    /// For a text put together from several (a spec with its project's defaults and
    /// `--set` values), the parts in text order; empty for one file.
    parts: Vec<Part>,
}

/// One of the texts a [`SourceText`] is put together from ([`SourceText::composed`]).
#[derive(Debug, Clone)]
pub struct Part {
    /// The name printed for places in it: a file, or a flag such as `--set title=…`.
    pub name: String,
    /// Where it starts in the whole text.
    pub start: usize,
    /// The 0-based line of the whole text it starts on.
    first_line: usize,
    /// Whether places in it have line and column numbers (a file's do; a flag's text is
    /// one line the user typed, so its name alone says where).
    numbered: bool,
}

/// Where the cells of a spreadsheet's sheet are in the CSV text made from it.
#[derive(Debug, Clone, Default)]
pub struct CellMap {
    /// The sheet's name.
    pub sheet: String,
    /// Each cell's byte range in the text, in text order, with its 0-based row and column
    /// in the sheet.
    pub cells: Vec<(Range<usize>, u32, u32)>,
}

impl CellMap {
    /// The cell at or after byte `offset` (the last cell for an offset past them all).
    fn cell_at(&self, offset: usize) -> Option<&(Range<usize>, u32, u32)> {
        let index = self.cells.partition_point(|(range, _, _)| range.end < offset);
        self.cells.get(index).or(self.cells.last())
    }

    /// `Sheet!B3`, or `Sheet!A3:F3` for a range over several cells.
    fn name(&self, range: &Range<usize>) -> Option<String> {
        let first = self.cell_at(range.start)?;
        let last = self.cell_at(range.end.saturating_sub(1).max(range.start))?;
        let sheet = match self.sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
            true => self.sheet.clone(),
            false => format!("'{}'", self.sheet.replace('\'', "''")),
        };
        Some(match first == last {
            true => format!("{sheet}!{}", cell_name(first.1, first.2)),
            false => {
                format!("{sheet}!{}:{}", cell_name(first.1, first.2), cell_name(last.1, last.2))
            }
        })
    }
}

/// A cell's name from its 0-based row and column: `A1`, `AB12`.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

impl SourceText {
    /// A named text, shared between the diagnostics that point into it.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            cells: None,
            parts: Vec::new(),
        })
    }

    /// A text put together from `parts` (name, text, whether places in it are numbered),
    /// one after another on lines of their own; a place in it is named and numbered
    /// by the part it falls in.
    pub fn composed(name: impl Into<String>, parts: Vec<(String, String, bool)>) -> Arc<Self> {
        let mut text = String::new();
        let mut placed = Vec::with_capacity(parts.len());
        for (part_name, part_text, numbered) in parts {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            let first_line = text.matches('\n').count();
            placed.push(Part { name: part_name, start: text.len(), first_line, numbered });
            text.push_str(&part_text);
        }
        Arc::new(Self {
            name: name.into(),
            text,
            line_starts: OnceLock::new(),
            cells: None,
            parts: placed,
        })
    }

    /// Whether the text is a table of rows under a header line: a CSV file, or a
    /// spreadsheet's sheet as CSV.
    pub fn is_table(&self) -> bool {
        self.cells.is_some() || self.name.to_lowercase().ends_with(".csv")
    }

    /// The parts the text is put together from; empty for one file.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The whole text with every character before `part` blanked and everything after
    /// it left out: what a parser reads to see that part alone at its own offsets
    /// (newlines stay, so lines and byte offsets are those of the whole text).
    pub fn part_alone(&self, part: &Part) -> String {
        let end =
            self.parts.iter().find(|p| p.start > part.start).map_or(self.text.len(), |p| p.start);
        let before = self.text[..part.start].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' });
        before.chain(self.text[part.start..end].chars()).collect()
    }

    /// The part holding byte `offset`, for a composed text.
    fn part_at(&self, offset: usize) -> Option<&Part> {
        let index = self.parts.partition_point(|p| p.start <= offset);
        self.parts.get(index.saturating_sub(1))
    }

    /// The name and the 0-based first line of the part holding `offset` (the file's
    /// own name and 0 for one file).
    fn named_at(&self, offset: usize) -> (&str, usize) {
        match self.part_at(offset) {
            Some(part) => (&part.name, part.first_line),
            None => (&self.name, 0),
        }
    }

    /// A spreadsheet's sheet as CSV text, with where each cell went.
    pub fn sheet(name: impl Into<String>, text: impl Into<String>, cells: CellMap) -> Arc<Self> {
        Arc::new(Self {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            cells: Some(cells),
            parts: Vec::new(),
        })
    }

    /// Where `range` is, as a reader looks for it: `file:line:column`, or for a
    /// spreadsheet `file: Sheet!B3`.
    pub fn place(&self, range: &Range<usize>) -> String {
        if let Some(cell) = self.cells.as_ref().and_then(|cells| cells.name(range)) {
            return format!("{}: {cell}", self.name);
        }
        if let Some(part) = self.part_at(range.start).filter(|p| !p.numbered) {
            return part.name.clone();
        }
        let (name, first_line) = self.named_at(range.start);
        let (line, column) = self.line_column(range.start);
        format!("{name}:{}:{column}", line - first_line)
    }

    /// The byte offset where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect()
        })
    }

    /// The 0-based line of a byte offset, and the offset where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset).saturating_sub(1);
        (line, starts[line])
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char(&self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        (line + 1, self.text[start..offset].chars().count() + 1)
    }
}

/// The largest character boundary of `text` at or before `offset`.
fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters shown on each side of a diagnostic's range, and of its range itself,
/// before an excerpt is cut with `…`: a 24 kB line is never printed whole.
const EXCERPT_CONTEXT: usize = 60;
/// The most characters of a range an excerpt shows.
const EXCERPT_RANGE: usize = 160;

/// The text printed for a character that a terminal would act on or that would hide:
/// control characters become their visible Unicode pictures (ESC as `␛`);
/// bidirectional overrides and invisible format characters (zero-width spaces and
/// joiners, word joiners, BOMs) become `�`.
/// Newlines and tabs stay; one character stays one character, so carets line up.
pub fn printable_char(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\u{0}'..='\u{1f}' => control_picture(c),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        c if is_invisible(c) => '\u{fffd}',
        _ => c,
    }
}

/// Format characters that render as nothing or reorder text: soft hyphens, zero-width
/// spaces and joiners, marks and overrides of direction, word joiners, BOMs. A terminal
/// shows them as nothing, and a name split by one still reads whole to a reader.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `text` with every character a terminal would act on made visible ([`printable_char`]).
pub fn printable(text: &str) -> String {
    text.chars().map(printable_char).collect()
}

/// A file name as a message shows it: as [`printable`], and a newline or tab in it made
/// visible too (`␊`, `␉`), since in a name it is never a line break.
pub fn printable_name(name: &str) -> String {
    name.chars()
        .map(|c| if matches!(c, '\n' | '\t') { control_picture(c) } else { printable_char(c) })
        .collect()
}

/// The visible Unicode picture of a C0 control character (ESC as `␛`).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
}

/// The part of a file a diagnostic shows: its range with some context, cut with `…`
/// where the lines are longer, and made printable. It answers codespan's questions
/// with the file's real line and column numbers.
struct Excerpt {
    /// The file's name, made printable: a name may hold an escape sequence.
    name: String,
    text: String,
    /// Where each of the excerpt's lines starts in `text`.
    starts: Vec<usize>,
    /// The 0-based line of the file the excerpt starts on.
    first_line: usize,
    /// What to add to a column on the excerpt's first line to get the file's column.
    column_shift: isize,
    /// The range in `text`.
    range: Range<usize>,
}

impl Excerpt {
    fn new(source: &SourceText, range: Range<usize>) -> Excerpt {
        let text = &source.text;
        let start = floor_char(text, range.start.min(text.len()));
        let end = floor_char(text, range.end.clamp(start, text.len()));
        let (first_line, line_start) = source.line_of(start);
        // Back from the range's start to its line's start, at most the context.
        let before = text[line_start..start].char_indices().rev().nth(EXCERPT_CONTEXT - 1);
        let from = before.map_or(line_start, |(i, _)| line_start + i);
        // The range itself, at most EXCERPT_RANGE characters of it.
        let shown_end =
            text[start..end].char_indices().nth(EXCERPT_RANGE).map_or(end, |(i, _)| start + i);
        // On to the end of that line, at most the context.
        let line_end = text[shown_end..].find('\n').map_or(text.len(), |i| shown_end + i);
        // A CRLF file's `\r` is part of the line break, not of the line.
        let line_end = if text[..line_end].ends_with('\r') && line_end > shown_end {
            line_end - 1
        } else {
            line_end
        };
        let after = text[shown_end..line_end].char_indices().nth(EXCERPT_CONTEXT);
        let to = after.map_or(line_end, |(i, _)| shown_end + i);
        let mut out = String::with_capacity(to - from + 8);
        let cut_before = from > line_start;
        if cut_before {
            out.push('…');
        }
        let mut window = 0..0;
        for (i, c) in text[from..to].char_indices() {
            if from + i == start {
                window.start = out.len();
            }
            if from + i == shown_end {
                window.end = out.len();
            }
            out.push(printable_char(c));
        }
        if start == to {
            window.start = out.len();
        }
        if shown_end == to {
            window.end = out.len();
        }
        if to < line_end {
            out.push('…');
        }
        let skipped = text[line_start..from].chars().count() as isize;
        let starts =
            std::iter::once(0).chain(out.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let (name, part_line) = source.named_at(start);
        Excerpt {
            name: printable(name),
            text: out,
            starts,
            first_line: first_line - part_line,
            column_shift: skipped - isize::from(cut_before),
            range: window.start..window.end.max(window.start),
        }
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let range = self.line_range((), line_index)?;
        let column = files::column_index(&self.text, range, byte_index) as isize + 1;
        let shift = if line_index == 0 { self.column_shift } else { 0 };
        Ok((column + shift).max(1) as usize)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let start = *self
            .starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge { given: line_index, max: self.starts.len() - 1 })?;
        let end = self.starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
    }
}

/// Reads a UTF-8 text file of at most `max_bytes`, without a leading byte-order mark.
/// The limit holds for files that report no size too (pipes, devices), which are read
/// up to one byte past it. The error is the reason alone, for the caller's message.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let too_large = |size: u64| {
        format!(
            "{} MiB or more; the limit is {} MiB",
            size / (1024 * 1024),
            max_bytes / (1024 * 1024)
        )
    };
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    if size > max_bytes {
        return Err(too_large(size));
    }
    read_limited(file, size, max_bytes)
}

/// [`read_text`] for a named pipe (`/dev/stdin` in a pipeline, a FIFO): opened without
/// waiting for a writer, so that a pipe nobody writes to reads as empty instead of
/// blocking the run for ever; then read to its end as the writer gives it.
pub fn read_pipe(path: &Path, max_bytes: u64) -> Result<String, String> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut pipe = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > max_bytes {
                    return Err(format!("more than {} MiB", max_bytes / (1024 * 1024)));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
}

/// [`read_text`] for a stream, such as standard input.
pub fn read_text_from(reader: impl Read, max_bytes: u64) -> Result<String, String> {
    read_limited(reader, 0, max_bytes)
}

/// Reads at most `max_bytes` of UTF-8 text, `size_hint` bytes expected.
fn read_limited(reader: impl Read, size_hint: u64, max_bytes: u64) -> Result<String, String> {
    let too_large = |size: u64| {
        format!(
            "{} MiB or more; the limit is {} MiB",
            size / (1024 * 1024),
            max_bytes / (1024 * 1024)
        )
    };
    let mut text = String::with_capacity(size_hint.min(max_bytes) as usize);
    reader
        .take(max_bytes + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{e}; the file must be UTF-8 text"))?;
    if text.len() as u64 > max_bytes {
        return Err(too_large(text.len() as u64));
    }
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input is used, but something in it deserves attention.
    Warning,
}

/// One problem found in the input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, no final period.
    pub message: String,
    /// The file and byte range the problem is at, when it has a place.
    pub place: Option<(Arc<SourceText>, Range<usize>)>,
    /// Suggestions for a fix.
    pub hints: Vec<String>,
    /// For a warning that texts of a data file lack a language: that language. A run
    /// keeps the warning only when it makes a brief (or a table) in that language.
    pub untranslated: Option<Language>,
}

impl Diagnostic {
    /// An error with no place in a file.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            place: None,
            hints: vec![],
            untranslated: None,
        }
    }

    /// A warning with no place in a file.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// Points the diagnostic at a byte range of a file.
    pub fn at(mut self, source: &Arc<SourceText>, range: Range<usize>) -> Self {
        let end = range.end.min(source.text.len());
        self.place = Some((Arc::clone(source), range.start.min(end)..end));
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn maybe_hint(self, hint: Option<String>) -> Self {
        match hint {
            Some(hint) => self.hint(hint),
            None => self,
        }
    }

    /// `file:line:column` (`file: Sheet!B3` in a spreadsheet), when the diagnostic has
    /// a place.
    pub fn location(&self) -> Option<String> {
        self.place.as_ref().map(|(source, range)| source.place(range))
    }

    /// Writes a diagnostic placed in a spreadsheet: the cell, its value with a caret
    /// under the range when it lies in one cell, and the hints.
    fn emit_in_sheet(
        &self,
        out: &mut dyn WriteColor,
        source: &SourceText,
        cells: &CellMap,
        range: &Range<usize>,
    ) -> std::io::Result<()> {
        use codespan_reporting::term::termcolor::{Color, ColorSpec};
        let (word, colour) = match self.severity {
            Severity::Error => ("error", Color::Red),
            Severity::Warning => ("warning", Color::Yellow),
        };
        out.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true))?;
        write!(out, "{word}")?;
        out.set_color(ColorSpec::new().set_bold(true))?;
        writeln!(out, ": {}", printable(&self.message))?;
        out.reset()?;
        let gutter = |out: &mut dyn WriteColor, text: &str| -> std::io::Result<()> {
            out.set_color(ColorSpec::new().set_fg(Some(Color::Blue)))?;
            write!(out, "{text}")?;
            out.reset()
        };
        gutter(out, "  ┌─ ")?;
        writeln!(out, "{}", printable(&source.place(range)))?;
        let first = cells.cell_at(range.start);
        let last = cells.cell_at(range.end.saturating_sub(1).max(range.start));
        if let Some((cell, _, _)) = first.filter(|_| first == last) {
            let value = &source.text[cell.clone()];
            let start = range.start.clamp(cell.start, cell.end) - cell.start;
            let end = range.end.clamp(cell.start + start, cell.end) - cell.start;
            let pad = value[..start].chars().count();
            let width = value[start..end].chars().count().max(1);
            gutter(out, "  │\n  │ ")?;
            writeln!(out, "{}", printable(value))?;
            gutter(out, "  │ ")?;
            out.set_color(ColorSpec::new().set_fg(Some(colour)))?;
            writeln!(out, "{}{}", " ".repeat(pad), "^".repeat(width))?;
            out.reset()?;
            gutter(out, "  │\n")?;
        }
        for hint in &self.hints {
            writeln!(out, "  = hint: {}", printable(hint))?;
        }
        writeln!(out)
    }

    /// Writes the diagnostic, with the offending line and a caret when it has a place.
    pub fn emit(&self, out: &mut dyn WriteColor) {
        let severity = match self.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let notes = self.hints.iter().map(|h| format!("hint: {}", printable(h))).collect();
        let config = term::Config { tab_width: 2, ..Default::default() };
        let message = printable(&self.message);
        match &self.place {
            Some((source, range)) if let Some(cells) = &source.cells => {
                // Writing to a terminal or buffer fails only if the stream is gone.
                let _ = self.emit_in_sheet(out, source, cells, range);
            }
            Some((source, range)) => {
                let excerpt = Excerpt::new(source, range.clone());
                let report = Report::new(severity)
                    .with_message(message)
                    .with_labels(vec![Label::primary((), excerpt.range.clone())])
                    .with_notes(notes);
                // Writing to a terminal or buffer fails only if the stream is gone.
                let _ = term::emit(out, &config, &excerpt, &report);
            }
            None => {
                let file = SimpleFile::new("", "");
                let report = Report::new(severity).with_message(message).with_notes(notes);
                let _ = term::emit(out, &config, &file, &report);
            }
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = term::termcolor::NoColor::new(Vec::new());
        self.emit(&mut buffer);
        f.write_str(&String::from_utf8_lossy(&buffer.into_inner()))
    }
}

/// The candidate nearest to `word`, ignoring case, if it is near enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (c, strsim::jaro_winkler(&word, &c.to_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// "did you mean `x`?" for the nearest candidate, or a list of the valid values.
pub fn suggestion(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of {}", quoted_list(candidates)),
    }
}

/// `a`, `b`, `c` — for messages that list valid values.
pub fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

/// The field and the expected ones in serde's "unknown field `x`, expected one of ...".
pub fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, expected) = rest.split_once('`')?;
    Some((field, expected.split('`').skip(1).step_by(2).collect()))
}

/// Turns serde's "unknown field `x`, expected one of ..." into a nearest-key hint. There
/// is none when no key is near: the message already lists them all.
pub fn field_hint(message: &str) -> Option<String> {
    let (field, candidates) = unknown_field(message)?;
    nearest(field, candidates).map(|near| format!("did you mean `{near}`?"))
}

/// The hint for a single value where a TOML list belongs: `key = [value]`.
pub fn list_hint(key: &str, value: &str) -> String {
    format!("`{key}` is a list, even of one value: `{key} = [{value}]`")
}

/// The hint for `[key]` where a TOML array of tables, `[[key]]`, belongs.
pub fn array_of_tables_hint(key: &str) -> String {
    format!("write `[[{key}]]` with two brackets: each entry is one table in a list")
}

/// The words a file format uses for its two compound shapes.
#[derive(Debug, Clone, Copy)]
pub enum Shapes {
    /// TOML: tables and arrays.
    Toml,
    /// JSON: objects and arrays.
    Json,
}

/// Rewrites a serde message in the file format's own words: `expected struct RawPeriod`
/// becomes `expected a table`, and sequences and maps become arrays and tables (or
/// objects). Quoted values in the message are left as they are.
pub fn plain_serde(message: &str, shapes: Shapes) -> String {
    let (a_table, table) = match shapes {
        Shapes::Toml => ("a table", "table"),
        Shapes::Json => ("an object", "object"),
    };
    let rewrite = |words: &str| {
        let mut out = String::with_capacity(words.len());
        let mut rest = words;
        while let Some(at) = rest.find("struct ") {
            out.push_str(&rest[..at]);
            let after = &rest[at + "struct ".len()..];
            let name_end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
            out.push_str(a_table);
            rest = &after[name_end..];
        }
        out.push_str(rest);
        out.replace("a sequence", "an array")
            .replace("sequence", "array")
            .replace("a map", a_table)
            .replace("type: map", &format!("type: {table}"))
    };
    // Quoted parts (`"…"` with escapes, or `` `…` ``) are values from the file.
    let mut out = String::with_capacity(message.len());
    let mut start = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in message.char_indices() {
        match quote {
            None if c == '"' || c == '`' => {
                out.push_str(&rewrite(&message[start..i]));
                start = i;
                quote = Some(c);
            }
            Some(q) if c == q && !escaped => {
                out.push_str(&message[start..=i]);
                start = i + 1;
                quote = None;
            }
            _ => {}
        }
        escaped = !escaped && c == '\\';
    }
    match quote {
        None => out.push_str(&rewrite(&message[start..])),
        Some(_) => out.push_str(&message[start..]),
    }
    out
}

/// The key whose value starts at `offset` in a TOML or JSON text: `key` in `key = …`,
/// `"key": …` or `key = { inner = …` (the innermost), or the last name of a
/// `[table]` or `[[table.list]]` header that starts there.
pub fn key_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..offset)?.trim_end_matches([' ', '\t', '[', '{']);
    let key = if before.trim().is_empty() {
        let line = text[offset..].split('\n').next()?;
        line.trim_start().strip_prefix('[')?.trim_start_matches('[').split(']').next()?
    } else {
        let before = before.trim_end().strip_suffix(['=', ':'])?.trim_end();
        before.rsplit([' ', '\t', '{', ',']).next()?
    };
    let key = key.trim().trim_matches('"');
    let key = key.rsplit('.').next()?;
    (!key.is_empty()).then_some(key)
}

/// Finds `needle` in `text[within]` at a key-value boundary and returns its byte range.
///
/// Used to point a semantic error (an unknown partner, a bad date) at the value that
/// causes it, when only the enclosing record's range is known.
pub fn locate(text: &str, within: Range<usize>, key: &str, needle: &str) -> Range<usize> {
    let within = within.start.min(text.len())..within.end.min(text.len());
    let region = &text[within.clone()];
    let key_at = if key.is_empty() { None } else { find_key(region, key) };
    let search_from = key_at.unwrap_or(0);
    if !needle.is_empty()
        && let Some(i) = region[search_from..].find(needle)
    {
        let start = within.start + search_from + i;
        return start..start + needle.len();
    }
    match key_at {
        Some(i) => within.start + i..within.start + i + key.len(),
        None => within.start..within.start,
    }
}

/// The byte range of the cell under the header column `column` in the CSV row at
/// `row` of `text` (a quoted cell's commas and line breaks stay inside it); `None`
/// when the header has no such column or the row no such cell.
pub fn csv_cell(text: &str, row: Range<usize>, column: &str) -> Option<Range<usize>> {
    let header = text.split('\n').next()?.trim_start_matches('\u{feff}').trim_end_matches('\r');
    let index = header.split(',').position(|name| name.trim().trim_matches('"') == column)?;
    let row = row.start.min(text.len())..row.end.min(text.len());
    let (mut cell, mut start, mut quoted) = (0, row.start, false);
    for (i, c) in text[row.clone()].char_indices() {
        let at = row.start + i;
        match c {
            '"' => quoted = !quoted,
            ',' | '\n' if !quoted => {
                if cell == index {
                    return Some(start..at);
                }
                if c == '\n' {
                    return None;
                }
                cell += 1;
                start = at + 1;
            }
            _ => {}
        }
    }
    (cell == index).then_some(start..row.end)
}

/// The offset of `key` used as a key (`key =`, `"key":`) in `region`.
fn find_key(region: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = region[from..].find(key) {
        let at = from + i;
        let before = region[..at].chars().next_back();
        let after = region[at + key.len()..].trim_start_matches('"').trim_start();
        let bounded = before.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-');
        if bounded && (after.starts_with('=') || after.starts_with(':')) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_that_holds_an_escape_sequence_is_shown_printable() {
        let source = SourceText::new("\u{1b}]0;pwned\u{7}.csv", "id,date\nx,2024\n");
        let error = Diagnostic::error("bad").at(&source, 8..9);
        let shown = error.to_string();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
        assert!(shown.contains("┌─ ␛]0;pwned␇.csv:2:1"), "{shown}");
        let sheet = SourceText::sheet(
            "\u{1b}[31mx.xlsx",
            "id\n",
            CellMap { sheet: "s".into(), cells: vec![(0..2, 0, 0)] },
        );
        let shown = Diagnostic::error("bad").at(&sheet, 0..2).to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
    }

    #[test]
    fn serde_messages_speak_of_tables_and_arrays_but_keep_quoted_values() {
        let toml = |m| plain_serde(m, Shapes::Toml);
        assert_eq!(
            toml("invalid type: string \"previous-month\", expected struct RawPeriod"),
            "invalid type: string \"previous-month\", expected a table"
        );
        assert_eq!(
            toml("invalid type: map, expected a sequence"),
            "invalid type: table, expected an array"
        );
        assert_eq!(
            toml("invalid type: string \"a map \\\" sequence\", expected a sequence"),
            "invalid type: string \"a map \\\" sequence\", expected an array"
        );
        assert_eq!(
            plain_serde("invalid type: sequence, expected struct RawEvent", Shapes::Json),
            "invalid type: array, expected an object"
        );
        assert_eq!(toml("unknown field `struct x`"), "unknown field `struct x`");
    }

    #[test]
    fn key_at_finds_the_key_of_a_value_or_header() {
        fn at<'a>(text: &'a str, needle: &str) -> Option<&'a str> {
            key_at(text, text.find(needle).unwrap())
        }
        assert_eq!(at("a = 1\nperiod = \"x\"\n", "\"x"), Some("period"));
        assert_eq!(at("filter = [\"gbr\"]", "\"gbr"), Some("filter"));
        assert_eq!(at("title = { en = 5 }", "5"), Some("en"));
        assert_eq!(at("x = 1\n[sections]\nkind = 1", "[sections]"), Some("sections"));
        assert_eq!(at("[[events.sources]]\n", "[[events"), Some("sources"));
        assert_eq!(at("{ \"name\": \"Zed\" }", "\"Zed"), Some("name"));
        assert_eq!(at("just words", "words"), None);
    }

    #[test]
    fn line_and_column_are_one_based() {
        let src = SourceText::new("x.toml", "a = 1\nbb = 2\n");
        assert_eq!(src.line_column(0), (1, 1));
        assert_eq!(src.line_column(6), (2, 1));
        assert_eq!(src.line_column(11), (2, 6));
    }

    #[test]
    fn nearest_finds_typos_in_any_case() {
        assert_eq!(nearest("Inggriss", ["Inggris", "Filipina"]), Some("Inggris"));
        assert_eq!(nearest("TIMELINE", ["timeline", "table"]), Some("timeline"));
        assert_eq!(nearest("zzzz", ["timeline", "table"]), None);
    }

    #[test]
    fn locate_points_at_the_value_after_its_key() {
        let text = "id = \"a\"\npartners = [\"gbr\", \"xyz\"]\n";
        let range = locate(text, 0..text.len(), "partners", "\"xyz\"");
        assert_eq!(&text[range], "\"xyz\"");
        let range = locate(text, 0..text.len(), "date", "2020");
        assert_eq!(range, 0..0);
    }

    #[test]
    fn rendered_diagnostics_name_file_line_and_column() {
        let src = SourceText::new("spec.toml", "title = \"x\"\nlanguage = \"fr\"\n");
        let diag = Diagnostic::error("unknown language `fr`").at(&src, 23..27).hint("use `en`");
        let text = diag.to_string();
        assert!(text.contains("spec.toml:2:12"), "{text}");
        assert!(text.contains("language = \"fr\""), "{text}");
        assert!(text.contains("hint: use `en`"), "{text}");
    }
}
