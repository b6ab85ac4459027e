//! The TOML form of a dataset: `[dataset]`, `[[partners]]`, `[[topics]]`,
//! `[[glossary]]` and `[[events]]` tables, each record placed by its span.

use std::ops::Range;
use std::sync::Arc;

use ::toml::Spanned;
use serde::Deserialize;

use crate::dataset::Origin;
use crate::dataset::raw::{RawAmbiguous, RawEvent, RawInfo, RawPartner, RawSet, RawTerm, RawTopic};
use crate::diag::{
    Diagnostic, Shapes, SourceText, array_of_tables_hint, field_hint, key_at, list_hint,
    plain_serde,
};

/// Reads a TOML dataset.
pub(super) fn read(source: &Arc<SourceText>, set: &mut RawSet, diagnostics: &mut Vec<Diagnostic>) {
    let origin = |range: Range<usize>| Origin { source: Arc::clone(source), range };
    match toml::from_str::<TomlFile>(&source.text) {
        Ok(file) => {
            if let Some(info) = &file.dataset {
                set.coverage.extend(info.coverage.iter().map(|c| (c.clone(), Arc::clone(source))));
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
                .maybe_hint(toml_shape_hint(&source.text, range, error.message())),
            );
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
