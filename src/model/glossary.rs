//! The glossary: the abbreviations a brief's own text uses, with their meanings in
//! the brief's language. Chosen first from the brief's data, then narrowed to what the
//! rendered pages print (a template need not print every string of the data).

use serde::Serialize;
use serde_json::Value;

use crate::dataset::Term;
use crate::locale::Language;

/// One abbreviation of the brief and what it stands for.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntry {
    /// The abbreviation as written ("CTED").
    pub term: String,
    /// Its meaning in the brief's language.
    pub meaning: String,
}

/// Keys whose strings a reader does not read as text: addresses, and the labels of
/// every template (most of which a brief does not print).
/// The source list is left out too: its headlines are the pages' own words, in their
/// language, not the brief's.
const UNREAD_KEYS: [&str; 3] = ["url", "labels", "sources"];

/// The terms that `data` (the brief as JSON) uses as whole words, case kept, in the
/// order of the glossary.
pub(super) fn used_terms(data: &Value, terms: &[Term], language: Language) -> Vec<GlossaryEntry> {
    let mut text = String::new();
    collect(data, &mut text);
    terms
        .iter()
        .filter(|t| has_word(&text, &t.term))
        .map(|t| GlossaryEntry {
            term: t.term.clone(),
            meaning: t.meaning.get_or_other(language.code()).to_owned(),
        })
        .collect()
}

/// Appends every read string of `value` to `text`, one per line.
fn collect(value: &Value, text: &mut String) {
    match value {
        Value::String(s) => {
            text.push_str(s);
            text.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, text)),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !UNREAD_KEYS.contains(&key.as_str()))
            .for_each(|(_, v)| collect(v, text)),
        _ => {}
    }
}

/// The terms of `glossary` that the rendered pages (`page_texts`) print nowhere but in
/// their own entry: terms of data that the template leaves unprinted, such as the
/// summaries of a table that shows titles only.
pub fn unprinted_terms(page_texts: &[String], glossary: &[GlossaryEntry]) -> Vec<String> {
    glossary
        .iter()
        .filter(|entry| {
            let printed: usize = page_texts.iter().map(|t| words_in(t, &entry.term)).sum();
            printed <= 1 + words_in(&entry.meaning, &entry.term)
        })
        .map(|entry| entry.term.clone())
        .collect()
}

/// Whether `text` holds `word` with no letter or digit on either side.
fn has_word(text: &str, word: &str) -> bool {
    words_in(text, word) > 0
}

/// How often `text` holds `word` with no letter or digit on either side.
fn words_in(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Text;

    fn term(term: &str, en: &str) -> Term {
        Term {
            term: term.into(),
            meaning: Text { en: Some(en.into()), id: None },
            origin: crate::dataset::Origin {
                source: crate::diag::SourceText::new("test", ""),
                range: 0..0,
            },
        }
    }

    #[test]
    fn only_whole_words_of_read_text_count() {
        let terms = [
            term("ARF", "ASEAN Regional Forum"),
            term("EU", "European Union"),
            term("UN", "United Nations"),
        ];
        let data = serde_json::json!({
            "title": "An ARF meeting",
            "summary": "EUROPOL and the UNODC",
            "url": "https://example.org/EU",
            "labels": { "un": "UN" },
        });
        let found: Vec<String> =
            used_terms(&data, &terms, Language::Id).into_iter().map(|e| e.term).collect();
        assert_eq!(found, ["ARF"]);
        // A meaning missing in the brief's language falls back to the other.
        assert_eq!(used_terms(&data, &terms, Language::Id)[0].meaning, "ASEAN Regional Forum");
    }

    #[test]
    fn a_term_printed_only_in_its_own_entry_is_unprinted() {
        let entry = |term: &str, meaning: &str| GlossaryEntry {
            term: term.into(),
            meaning: meaning.into(),
        };
        let glossary = [
            entry("ASEAN", "Association of Southeast Asian Nations"),
            entry("SOMTC", "ASEAN Senior Officials Meeting on Transnational Crime (SOMTC)"),
            entry("NCTV", "Dutch National Coordinator for Security and Counterterrorism"),
        ];
        let pages = [
            "The 18th ASEAN meeting.".to_owned(),
            "Abbreviations\nASEAN Association of Southeast Asian Nations\nSOMTC ASEAN Senior \
             Officials Meeting on Transnational Crime (SOMTC)\nNCTV Dutch National Coordinator"
                .to_owned(),
        ];
        // SOMTC's own meaning names it: that is no use in the brief's text.
        assert_eq!(unprinted_terms(&pages, &glossary), ["SOMTC", "NCTV"]);
    }
}
