//! The records of a dataset file as written, before validation: what the readers make
//! and what validation takes.

use std::sync::Arc;

use serde::Deserialize;

use crate::dataset::{Origin, Text};
use crate::diag::SourceText;

/// Name and version as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInfo {
    pub(super) name: OneOrEach,
    pub(super) version: String,
    #[serde(default)]
    pub(super) coverage: Vec<RawCoverage>,
}

/// A span a dataset covers systematically, as written: `{ from = "2019", to = "2025" }`
/// (`to` may be left out while collection goes on).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCoverage {
    pub(super) from: String,
    pub(super) to: Option<String>,
}

/// A partner as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPartner {
    pub(super) id: String,
    pub(super) name: Text,
    pub(super) kind: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) agencies: Vec<String>,
    #[serde(default)]
    pub(super) members: Vec<String>,
}

/// A name that may mean several bodies, as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAmbiguous {
    pub(super) name: String,
    pub(super) meanings: Vec<String>,
}

/// A topic as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTopic {
    pub(super) id: String,
    pub(super) name: Text,
}

/// A glossary term as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerm {
    pub(super) term: String,
    pub(super) meaning: Text,
}

/// A location as written in a file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocation {
    pub(super) city: Option<String>,
    pub(super) country: Option<String>,
    pub(super) mode: Option<String>,
}

/// A participant as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParticipant {
    pub(super) name: String,
    pub(super) family: Option<String>,
    #[serde(default)]
    pub(super) role: Text,
}

/// A source as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) publisher: String,
    pub(super) url: String,
    pub(super) published: Option<String>,
    pub(super) accessed: Option<String>,
    pub(super) title: Option<String>,
    pub(super) reports: Option<String>,
    #[serde(default)]
    pub(super) secondary: bool,
}

/// A partner in a role other than counterpart, as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRole {
    pub(super) partner: String,
    pub(super) role: String,
}

/// An event as written in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub(super) id: String,
    pub(super) date: String,
    pub(super) end: Option<String>,
    pub(super) status: String,
    pub(super) date_note: Option<OneOrEach>,
    pub(super) note: Option<OneOrEach>,
    #[serde(default)]
    pub(super) partners: Vec<String>,
    #[serde(default)]
    pub(super) roles: Vec<RawRole>,
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) round: Option<WholeNumber>,
    pub(super) cadence_months: Option<WholeNumber>,
    pub(super) direction: Option<String>,
    pub(super) term_ends: Option<String>,
    pub(super) renews: Option<String>,
    #[serde(default)]
    pub(super) title: Text,
    #[serde(default)]
    pub(super) summary: Text,
    #[serde(default)]
    pub(super) location: RawLocation,
    #[serde(default)]
    pub(super) participants: Vec<RawParticipant>,
    #[serde(default)]
    pub(super) topics: Vec<String>,
    #[serde(default)]
    pub(super) sources: Vec<RawSource>,
    #[serde(default)]
    pub(super) revisions: Vec<RawRevision>,
}

/// A revision as written: the source it rests on and the fields it changes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRevision {
    #[serde(default)]
    pub(super) source: String,
    pub(super) date: Option<String>,
    pub(super) end: Option<String>,
    pub(super) summary: Option<Text>,
    pub(super) date_note: Option<OneOrEach>,
    pub(super) note: Option<OneOrEach>,
    pub(super) title: Option<Text>,
    pub(super) partners: Option<Vec<String>>,
    pub(super) location: Option<RawLocation>,
    pub(super) participants: Option<Vec<RawParticipant>>,
    pub(super) topics: Option<Vec<String>>,
    pub(super) term_ends: Option<String>,
}

impl RawRevision {
    /// Whether the revision changes a field other than `date` and `end`.
    pub(super) fn changes_more_than_dates(&self) -> bool {
        self.summary.is_some()
            || self.date_note.is_some()
            || self.note.is_some()
            || self.title.is_some()
            || self.partners.is_some()
            || self.location.is_some()
            || self.participants.is_some()
            || self.topics.is_some()
            || self.term_ends.is_some()
    }
}

/// A whole number as written (a round, a cadence): a number in TOML and JSON, a cell's
/// text in CSV.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum WholeNumber {
    /// A number.
    Number(i64),
    /// Text that should hold one.
    Text(String),
}

/// Words as written where one text may serve both languages (a note, the dataset's
/// name): the same text for both, or a text per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrEach {
    /// One text, shown in briefs of either language.
    Plain(String),
    /// A text per language.
    Translated(Text),
}

impl OneOrEach {
    /// The words per language: one text stands for both.
    pub(super) fn into_text(self) -> Text {
        match self {
            OneOrEach::Plain(text) => Text::same(&text),
            OneOrEach::Translated(text) => text,
        }
    }
}

/// Raw records from every file read, each with its origin.
#[derive(Debug, Clone, Default)]
pub(super) struct RawSet {
    pub(super) info: Option<RawInfo>,
    /// The spans every file declares it covers systematically, with the file.
    pub(super) coverage: Vec<(RawCoverage, Arc<SourceText>)>,
    pub(super) partners: Vec<(RawPartner, Origin)>,
    pub(super) ambiguous: Vec<(RawAmbiguous, Origin)>,
    pub(super) topics: Vec<(RawTopic, Origin)>,
    pub(super) glossary: Vec<(RawTerm, Origin)>,
    pub(super) events: Vec<(RawEvent, Origin)>,
}
