//! The JSON form of a dataset: an object like the TOML form, or an array of events.

use std::sync::Arc;

use serde::Deserialize;

use crate::dataset::Origin;
use crate::dataset::raw::{RawAmbiguous, RawEvent, RawInfo, RawPartner, RawSet, RawTerm, RawTopic};
use crate::diag::{Diagnostic, Shapes, SourceText, field_hint, plain_serde};

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

/// Reads a JSON dataset: an object like the TOML form, or an array of events.
pub(super) fn read(source: &Arc<SourceText>, set: &mut RawSet, diagnostics: &mut Vec<Diagnostic>) {
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
    super::widen(&mut set.events, text.len());
}

/// The byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}
