//! Diagnostics for bad input: a message, the place in a file, and a hint.
//!
//! Every stage that reads user input (specs, dataset files, arguments) reports problems
//! as [`Diagnostic`]s. They print in the style of the Typst CLI through
//! `codespan-reporting`: `file:line:column`, the offending line with a caret, and hints.

use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

/// A file whose text a diagnostic can point into.
#[derive(Debug)]
pub struct SourceText {
    /// The name printed for the file (its path as the user gave it).
    pub name: String,
    /// The whole text of the file.
    pub text: String,
}

impl SourceText {
    /// A named text, shared between the diagnostics that point into it.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { name: name.into(), text: text.into() })
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
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
    let mut text = String::with_capacity(size as usize);
    file.take(max_bytes + 1)
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
}

impl Diagnostic {
    /// An error with no place in a file.
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), place: None, hints: vec![] }
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

    /// `file:line:column`, when the diagnostic has a place.
    pub fn location(&self) -> Option<String> {
        self.place.as_ref().map(|(source, range)| {
            let (line, column) = source.line_column(range.start);
            format!("{}:{line}:{column}", source.name)
        })
    }

    /// Writes the diagnostic, with the offending line and a caret when it has a place.
    pub fn emit(&self, out: &mut dyn WriteColor) {
        let severity = match self.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let notes = self.hints.iter().map(|h| format!("hint: {h}")).collect();
        let config = term::Config { tab_width: 2, ..Default::default() };
        match &self.place {
            Some((source, range)) => {
                let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
                let report = Report::new(severity)
                    .with_message(&self.message)
                    .with_labels(vec![Label::primary((), range.clone())])
                    .with_notes(notes);
                // Writing to a terminal or buffer fails only if the stream is gone.
                let _ = term::emit(out, &config, &file, &report);
            }
            None => {
                let file = SimpleFile::new("", "");
                let report = Report::new(severity).with_message(&self.message).with_notes(notes);
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
