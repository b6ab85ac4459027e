//! The dataset: partners, topics and events, loaded from the bundled files and the
//! user's own (TOML, JSON, CSV or spreadsheets), validated, and queried.
//!
//! Records are read in two steps. `read` (one reader per form; `sheet` turns a
//! spreadsheet into CSV first) makes a file's raw records (`raw`), each remembering where
//! it stands in the file; `validate`, through [`DatasetBuilder::build`], checks them one
//! by one and as a whole (unique ids, known partners and topics) and reports every
//! problem with its file, line and column.

mod extent;
mod names;
mod raw;
mod read;
mod sheet;
mod validate;
mod vocab;
mod xls;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::{PartialDate, Period};
use crate::diag::{Diagnostic, SourceText, nearest};

pub use names::NameIndex;
pub use read::{CSV_COLUMNS, DataFormat, neutral_cell, plain_cell};
pub use vocab::{Direction, EventType, Mode, PartnerKind, Role, Status};

/// The bundled dataset files, embedded at build time.
static BUNDLED: [(&str, &str); 4] = [
    ("data/partners.toml", include_str!("../../data/partners.toml")),
    ("data/topics.toml", include_str!("../../data/topics.toml")),
    ("data/glossary.toml", include_str!("../../data/glossary.toml")),
    ("data/events.toml", include_str!("../../data/events.toml")),
];

/// A text in English and Bahasa Indonesia; either may be missing in user data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The Indonesian text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Text {
    /// The same words in every language: a name, a plain note.
    pub fn same(text: &str) -> Self {
        Text { en: Some(text.to_owned()), id: Some(text.to_owned()) }
    }

    /// The text in `language` (`en` or `id`), if present and not blank.
    pub fn get(&self, language: &str) -> Option<&str> {
        let text = if language == "id" { &self.id } else { &self.en };
        text.as_deref().filter(|t| !t.trim().is_empty())
    }

    /// The text in `language`, or else in the other language, or else empty.
    pub fn get_or_other(&self, language: &str) -> &str {
        let other = if language == "id" { "en" } else { "id" };
        self.get(language).or_else(|| self.get(other)).unwrap_or("")
    }
}

/// Where a record was read from, for diagnostics that point at it.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file.
    pub source: Arc<SourceText>,
    /// The byte range of the record in the file.
    pub range: Range<usize>,
}

impl Origin {
    /// `file:line:column` of the record's start (`file: Sheet!A3:F3`, its row, in a
    /// spreadsheet).
    pub fn location(&self) -> String {
        self.source.place(&self.range)
    }

    /// A diagnostic pointing at `needle` after `key` inside this record. A quoted
    /// needle (`"gbr"`, as TOML and JSON write it) is looked for bare too, as a CSV row or
    /// a spreadsheet cell holds it.
    pub fn error_at(&self, key: &str, needle: &str, message: impl Into<String>) -> Diagnostic {
        let text = &self.source.text;
        if let Some(cell) = self.cell(key) {
            // In a row of a table, the value is looked for in its own column's cell: an
            // id that holds `unoct` is not the partners cell.
            let bare = needle.trim_matches('"');
            let found = crate::diag::locate(text, cell.clone(), "", bare);
            let range = if bare.is_empty() || found.is_empty() { cell } else { found };
            return Diagnostic::error(message).at(&self.source, range);
        }
        let mut range = crate::diag::locate(text, self.range.clone(), key, needle);
        let bare = needle.strip_prefix('"').and_then(|n| n.strip_suffix('"'));
        if let Some(bare) = bare.filter(|b| !b.is_empty())
            && !text[range.clone()].contains(bare)
        {
            let found = crate::diag::locate(text, self.range.clone(), key, bare);
            if text[found.clone()] == *bare {
                range = found;
            }
        }
        Diagnostic::error(message).at(&self.source, range)
    }
}

impl Origin {
    /// The cell of this record's row that holds `key`, when the record is a row of a
    /// CSV file or a sheet: the column of that name, or the first source's column
    /// (`url` is in `source_url`).
    fn cell(&self, key: &str) -> Option<Range<usize>> {
        if !self.source.is_table() || key.is_empty() {
            return None;
        }
        let text = &self.source.text;
        const SOURCE_KEYS: [&str; 6] =
            ["url", "publisher", "published", "accessed", "reports", "secondary"];
        crate::diag::csv_cell(text, self.range.clone(), key).or_else(|| {
            let column = format!("source_{key}");
            SOURCE_KEYS
                .contains(&key)
                .then(|| crate::diag::csv_cell(text, self.range.clone(), &column))
                .flatten()
        })
    }
}

/// A counterpart of BNPT: a state, an organisation or a regional body.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// Lowercase id: ISO 3166-1 alpha-3 for states, the acronym for organisations.
    pub id: String,
    /// The name in both languages.
    pub name: Text,
    /// What sort of body the partner is.
    pub kind: PartnerKind,
    /// Other names people use, in either language.
    pub aliases: Vec<String>,
    /// Agencies of the partner that people name in its place ("BKA" for Germany): they
    /// find the partner, and listings say that they stand for the whole partner.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
    /// For a group such as the UN family: the ids of the partners it stands for. A
    /// filter that names the group selects the events of the group and its members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Where the record was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A name that stands for more than one body ("AU": Australia or the African Union); a
/// filter that uses it is refused with the list of what it may mean.
#[derive(Debug, Clone, Serialize)]
pub struct AmbiguousName {
    /// The name as people type it.
    pub name: String,
    /// What it may mean: partner ids, or names of bodies not in the dataset.
    pub meanings: Vec<String>,
}

/// An entry of the topic vocabulary.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    /// Lowercase, hyphenated id, used in events and filters.
    pub id: String,
    /// The label in both languages.
    pub name: Text,
    /// Where the record was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// An abbreviation and what it stands for, for a brief's glossary.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The abbreviation as it is written ("CTED", "RAN PE").
    pub term: String,
    /// What it stands for, in both languages.
    pub meaning: Text,
    /// Where the record was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where an event took place.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Location {
    /// The city, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// In person, hybrid or virtual, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
}

/// A named person at an event.
#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    /// The person's name as the sources spell it.
    pub name: String,
    /// The family name, when it is not the name's last word ("Wang" in "Wang Xiaohong").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Their role, in both languages.
    pub role: Text,
}

/// A published source for an event.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The publisher: an outlet or an official site.
    pub publisher: String,
    /// The address of the page.
    pub url: String,
    /// When the page was published, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// When the page was read for the dataset, if recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// The page's title, if recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the page reports: that the event took place (`held`) or that it is
    /// announced (`planned`).
    pub reports: Status,
    /// A copy of the original page (a mirror or an aggregator), not its publisher's own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secondary: bool,
}

impl Source {
    /// The day from which the page counts as public: the last day its publication date
    /// allows (a page dated only `2022-09` is public by 30 September 2022), so that a
    /// brief never uses what may have been published after its as-of date. A page
    /// without a date counts from the event's first day, `fallback`.
    pub fn public_from(&self, fallback: NaiveDate) -> NaiveDate {
        self.published.map_or(fallback, |d| d.last_day())
    }
}

/// What kind of meeting series an event is a round of (ordered so that working groups
/// are listed first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeriesKind {
    /// A joint working group's rounds.
    WorkingGroup,
    /// A numbered series of bilateral consultations (Australia's, for one).
    Consultation,
}

/// One engagement between BNPT and its partners.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Unique id, e.g. `2021-11-gbr-jwg-1`.
    pub id: String,
    /// The (first) date, at its precision.
    pub date: PartialDate,
    /// The last date of a span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// What the sources report by default (`held` or `planned`), for records whose
    /// sources do not say; the status a brief prints is derived ([`Event::status_on`]).
    pub status: Status,
    /// Uncertainty about the date (inferred years, sources that disagree), in both
    /// languages; a note written once serves both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_note: Option<Text>,
    /// Anything else a reader should know about the record (an unknown organiser,
    /// sources that are copies), in both languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Ids of BNPT's counterparts in the event.
    pub partners: Vec<String>,
    /// Partners in another role than counterpart: hosts, invitees, observers, subjects.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PartnerRole>,
    /// The kind of engagement.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// A working group's number in its series ("the 4th JWG"), as the sources give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// The months between rounds of its series, as a source of this event states it
    /// ("an annual meeting agreed by both countries": 12); follow-ups prefer it to the
    /// mean gap of the rounds on record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence_months: Option<u32>,
    /// Who travelled, if it matters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The last day, month or year an agreement is in force, as a source of it states
    /// (a plan "2019–2025": `2025`); follow-ups say when it has ended or ends soon with
    /// no renewal on record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_ends: Option<PartialDate>,
    /// The id of the earlier agreement this one renews, extends or replaces, as its
    /// sources report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renews: Option<String>,
    /// A short title in both languages.
    pub title: Text,
    /// What happened, in both languages.
    pub summary: Text,
    /// Where it took place.
    pub location: Location,
    /// The people named in the sources.
    pub participants: Vec<Participant>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// The sources, at least one.
    pub sources: Vec<Source>,
    /// What later sources changed in the record, each shown from its source's
    /// publication ([`Event::apply_known_on`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// Where the record was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// What a later source changed in an event's record: the fields it gives replace the
/// event's own from the day that source became public. An event's own prose and dates
/// are what its earliest sources support; a span, a date note or a summary that rests on
/// a later page is a revision tied to that page, so a brief dated before it never shows
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// The address of the event's source that the revision rests on.
    pub source: String,
    /// The date as the source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The last day of a span, as the source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// The summary as it reads once the source is public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// The date note as it reads once the source is public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_note: Option<Text>,
    /// The note as it reads once the source is public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The title as it reads once the source is public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The counterparts, as the source reports them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partners: Option<Vec<String>>,
    /// Where it took place, as the source reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The people the source names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    /// The topics, as the source reports them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<String>>,
    /// The end of an agreement's term, as the source states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_ends: Option<PartialDate>,
}

/// A partner in an event in a role other than counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerRole {
    /// The partner's id.
    pub partner: String,
    /// Its role; never `counterpart`, which the event's `partners` list holds.
    pub role: Role,
}

impl Event {
    /// Whether `partner` takes part in the event in one of `roles`; no roles means as a
    /// counterpart.
    pub fn involves(&self, partner: &str, roles: &[Role]) -> bool {
        let counterpart = roles.is_empty() || roles.contains(&Role::Counterpart);
        (counterpart && self.partners.iter().any(|p| p == partner))
            || self.roles.iter().any(|r| r.partner == partner && roles.contains(&r.role))
    }

    /// Whether every word of `words` ([`search_words`]) occurs in the event's title,
    /// summary, note, participants, place or `topic_names`, in either language, ignoring
    /// case and accents.
    pub fn matches_words(&self, words: &[String], topic_names: &[&str]) -> bool {
        let texts = [&self.title, &self.summary]
            .into_iter()
            .chain(&self.date_note)
            .chain(&self.note)
            .chain(self.participants.iter().map(|p| &p.role))
            .flat_map(|t| [&t.en, &t.id])
            .flatten()
            .chain(self.participants.iter().map(|p| &p.name))
            .chain(&self.location.city)
            .chain(&self.location.country)
            .map(String::as_str)
            .chain(topic_names.iter().copied());
        let haystack = search_words(&texts.collect::<Vec<_>>().join(" \u{1f} "));
        let haystack = haystack.join(" ");
        words.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// The first day the event can have taken place.
    pub fn first_day(&self) -> NaiveDate {
        self.date.first_day()
    }

    /// The last day the event can have taken place.
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.date).last_day()
    }

    /// The day a revision becomes public: that of the source it rests on.
    pub fn revision_public_from(&self, revision: &Revision) -> Option<NaiveDate> {
        let fallback = self.first_day();
        self.sources.iter().find(|s| s.url == revision.source).map(|s| s.public_from(fallback))
    }

    /// Whether a revision of the record is public by `as_of`.
    fn has_revision_due(&self, as_of: NaiveDate) -> bool {
        self.revisions.iter().any(|r| self.revision_public_from(r).is_some_and(|d| d <= as_of))
    }

    /// Makes the record read as it did on `as_of`: every revision whose source was public
    /// by then applied, in the order they became public, and dropped from `revisions`
    /// (those still to come stay), so that doing it again changes nothing.
    pub fn apply_known_on(&mut self, as_of: NaiveDate) {
        let revisions = std::mem::take(&mut self.revisions);
        let (mut due, later): (Vec<_>, Vec<_>) = revisions
            .into_iter()
            .partition(|r| self.revision_public_from(r).is_some_and(|d| d <= as_of));
        due.sort_by_key(|r| self.revision_public_from(r));
        self.revisions = later;
        for revision in due {
            if let Some(date) = revision.date {
                self.date = date;
            }
            if revision.end.is_some() {
                self.end = revision.end;
            }
            if let Some(summary) = revision.summary {
                self.summary = summary;
            }
            if let Some(note) = revision.date_note {
                self.date_note = Some(note);
            }
            if let Some(note) = revision.note {
                self.note = Some(note);
            }
            if let Some(title) = revision.title {
                self.title = title;
            }
            if let Some(partners) = revision.partners {
                self.partners = partners;
            }
            if let Some(location) = revision.location {
                self.location = location;
            }
            if let Some(participants) = revision.participants {
                self.participants = participants;
            }
            if let Some(topics) = revision.topics {
                self.topics = topics;
            }
            if revision.term_ends.is_some() {
                self.term_ends = revision.term_ends;
            }
        }
    }

    /// The series of meetings the event is a round of, if any: a working group's, or a
    /// numbered series of consultations (one with a `round`).
    pub fn series_kind(&self) -> Option<SeriesKind> {
        match self.kind {
            EventType::WorkingGroup => Some(SeriesKind::WorkingGroup),
            EventType::Consultation if self.round.is_some() => Some(SeriesKind::Consultation),
            _ => None,
        }
    }

    /// The sources public on `as_of`.
    pub fn sources_on(&self, as_of: NaiveDate) -> impl Iterator<Item = &Source> {
        let fallback = self.first_day();
        self.sources.iter().filter(move |s| s.public_from(fallback) <= as_of)
    }

    /// Whether any source of the record was public on `as_of`: before that, a brief
    /// knows nothing of it.
    pub fn is_public_on(&self, as_of: NaiveDate) -> bool {
        self.sources_on(as_of).next().is_some()
    }

    /// The event as it was known on `as_of`: `None` when no source published by then
    /// mentions it; `held` when one of them reports that it took place; else `planned`
    /// while its date is still to come, and `unconfirmed` once its date has passed with
    /// no report that it took place.
    pub fn status_on(&self, as_of: NaiveDate) -> Option<Status> {
        let mut known = false;
        for source in self.sources_on(as_of) {
            if source.reports == Status::Held {
                return Some(Status::Held);
            }
            known = true;
        }
        match (known, self.last_day() > as_of) {
            (false, _) => None,
            (true, true) => Some(Status::Planned),
            (true, false) => Some(Status::Unconfirmed),
        }
    }
}

/// A span the record covers systematically: every engagement public sources reported
/// then was looked for. Outside such spans the record holds only what was found in later
/// reporting, so counts there are low and a "first on record" may not be the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The first day covered, at its precision.
    pub from: PartialDate,
    /// The last, or `None` while collection goes on.
    pub to: Option<PartialDate>,
}

impl Coverage {
    /// Whether the span ends after `as_of`: on that day its collection was going on.
    fn open_on(&self, as_of: NaiveDate) -> bool {
        self.to.is_some_and(|to| to.last_day() > as_of)
    }
}

/// The name and version of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetInfo {
    /// A human name for the dataset, in each language.
    pub name: Text,
    /// The version, changed whenever records change.
    pub version: String,
}

/// A validated, merged set of partners, topics and events, events in date order.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Name and version (of the bundled data, or of the first user file that has them).
    pub info: DatasetInfo,
    /// The partner registry.
    pub partners: Vec<Partner>,
    /// The topic vocabulary.
    pub topics: Vec<Topic>,
    /// Abbreviations and their meanings, sorted by term.
    pub glossary: Vec<Term>,
    /// The events, sorted by first day, then id.
    pub events: Vec<Event>,
    /// Names that stand for more than one body.
    pub ambiguous: Vec<AmbiguousName>,
    /// The spans the data declares it covers systematically, in order; empty when no
    /// file declares any, which claims nothing either way.
    pub coverage: Vec<Coverage>,
    /// Lowercased names, ids, aliases and agencies to partner indices.
    partner_index: HashMap<String, usize>,
}

/// A partner name that finds no single partner: unknown, or ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerNotFound {
    /// "unknown partner `Inggriss`", or "`AU` may mean more than one partner".
    pub message: String,
    /// "did you mean `Inggris` (United Kingdom)?", or the list of meanings; `None`
    /// when nothing is near.
    pub hint: Option<String>,
}

impl Dataset {
    /// Where `period` reaches outside the spans the data covers systematically: the
    /// first systematic span, for a caveat ("the record is systematic only
    /// from 2019"). `None` when the data declares no coverage or covers the whole period.
    pub fn thin_in(&self, period: Period) -> Option<&Coverage> {
        let first = self.coverage.first()?;
        let inside = self.coverage.iter().any(|c| {
            c.from.first_day() <= period.from && c.to.is_none_or(|to| to.last_day() >= period.to)
        });
        (!inside).then_some(first)
    }

    /// The first day of the span of systematic coverage that holds `day`, if one does.
    pub fn covered_from(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.coverage
            .iter()
            .find(|c| c.from.first_day() <= day && c.to.is_none_or(|to| to.last_day() >= day))
            .map(|c| c.from.first_day())
    }

    /// Where the record is systematic, when a quarter or more of `period` lies outside
    /// it: a period no fair comparison can rest on (2017–2020 against a record
    /// systematic from 2019 is half guesswork). `None` when the data declares no
    /// coverage.
    pub fn largely_outside(&self, period: Period) -> Option<&Coverage> {
        let first = self.coverage.first()?;
        let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days().max(-1) + 1;
        let inside: i64 = self
            .coverage
            .iter()
            .map(|c| {
                let from = c.from.first_day().max(period.from);
                let to = c.to.map_or(period.to, |to| to.last_day().min(period.to));
                days(from, to)
            })
            .sum();
        (4 * inside <= 3 * days(period.from, period.to)).then_some(first)
    }

    /// The last day the record has been collected to, when its coverage declares an end.
    pub fn collected_until(&self) -> Option<NaiveDate> {
        self.coverage.last()?.to.map(|to| to.last_day())
    }

    /// Whether the record before `day` is thin: the data declares coverage that starts
    /// after its earliest record, and that record is before `day`. Gives the start of
    /// systematic coverage, for a caveat on a "first on record".
    pub fn thin_before(&self, day: NaiveDate) -> Option<&Coverage> {
        let first = self.coverage.first()?;
        let earliest = self.events.first()?.first_day();
        (first.from.first_day() > earliest && earliest < day).then_some(first)
    }

    /// Makes the dataset read as it did on `as_of`: every event's revisions public by
    /// then applied ([`Event::apply_known_on`]), and a coverage span that ends after it
    /// open-ended (on that day, collection was going on). A run does this once for all
    /// its briefs, which share one as-of date.
    pub fn apply_known_on(&mut self, as_of: NaiveDate) {
        for coverage in self.coverage.iter_mut().filter(|c| c.open_on(as_of)) {
            coverage.to = None;
        }
        let mut revised = false;
        for event in self.events.iter_mut().filter(|e| e.has_revision_due(as_of)) {
            event.apply_known_on(as_of);
            revised = true;
        }
        if revised {
            self.events.sort_by(|a, b| (a.first_day(), &a.id).cmp(&(b.first_day(), &b.id)));
        }
    }

    /// The dataset as it read on `as_of` ([`Dataset::apply_known_on`]); borrowed when no
    /// event has a revision due, as in a dataset a run has already brought to its date.
    pub fn known_on(&self, as_of: NaiveDate) -> std::borrow::Cow<'_, Dataset> {
        let coverage_open = self.coverage.iter().any(|c| c.open_on(as_of));
        if !coverage_open && !self.events.iter().any(|e| e.has_revision_due(as_of)) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut known = self.clone();
        known.apply_known_on(as_of);
        std::borrow::Cow::Owned(known)
    }

    /// The bundled dataset alone.
    pub fn bundled() -> Result<Dataset, Vec<Diagnostic>> {
        let mut builder = DatasetBuilder::default();
        builder.add_bundled();
        builder.build().map(|(dataset, _)| dataset)
    }

    /// The partner with this id.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        // The name index holds every id; only an exact id counts here, not a name.
        self.partner_index.get(id).map(|&i| &self.partners[i]).filter(|p| p.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Finds a partner by id, name in either language, alias or agency, in any case. A
    /// name that may mean several bodies finds none: the error lists what it may mean.
    pub fn find_partner(&self, name: &str) -> Result<&Partner, PartnerNotFound> {
        let key = normalise(name);
        if let Some(&i) = self.partner_index.get(&key) {
            return Ok(&self.partners[i]);
        }
        if let Some(ambiguous) = self.ambiguous.iter().find(|a| normalise(&a.name) == key) {
            let meanings: Vec<String> = ambiguous
                .meanings
                .iter()
                .map(|m| match self.partner(m) {
                    Some(p) => format!("{} (`{}`)", p.name.get_or_other("en"), p.id),
                    None => format!("{m} (not in the dataset)"),
                })
                .collect();
            return Err(PartnerNotFound {
                message: format!("`{name}` may mean more than one partner"),
                hint: Some(format!(
                    "it may mean {}: name the one you mean by its id or full name",
                    meanings.join(" or ")
                )),
            });
        }
        let keys: Vec<&str> = self
            .partners
            .iter()
            .flat_map(|p| {
                [p.name.en.as_deref(), p.name.id.as_deref()]
                    .into_iter()
                    .flatten()
                    .chain(p.aliases.iter().map(String::as_str))
                    .chain(p.agencies.iter().map(String::as_str))
                    .chain([p.id.as_str()])
            })
            .collect();
        let hint = nearest(name, keys).map(|near| {
            let partner = &self.partners[self.partner_index[&normalise(near)]];
            let english = partner.name.get_or_other("en");
            if english == near {
                format!("did you mean `{near}`?")
            } else {
                format!("did you mean `{near}` ({english})?")
            }
        });
        Err(PartnerNotFound { message: format!("unknown partner `{name}`"), hint })
    }

    /// The partner that `name` finds through one of its agencies ("BKA": Germany), if
    /// it is an agency's name.
    pub fn agency(&self, name: &str) -> Option<&Partner> {
        let key = normalise(name);
        let partner = &self.partners[*self.partner_index.get(&key)?];
        partner.agencies.iter().any(|a| normalise(a) == key).then_some(partner)
    }

    /// The ids a filter naming `partner` selects: the partner's own, and for a group
    /// its members'.
    pub fn selected_by(&self, partner: &Partner) -> Vec<String> {
        std::iter::once(&partner.id).chain(&partner.members).cloned().collect()
    }

    /// The events a query selects, in date order. Search words are looked for in the
    /// names of an event's topics too, in both languages ("chemical" finds an event
    /// tagged only with the topic of chemical threats).
    pub fn select<'a>(&'a self, query: &Query) -> impl Iterator<Item = &'a Event> {
        self.events.iter().filter(move |e| {
            query.matches(e)
                && (query.words.is_empty() || {
                    let topics: Vec<&str> = e
                        .topics
                        .iter()
                        .filter_map(|t| self.topic(t))
                        .flat_map(|t| [t.name.en.as_deref(), t.name.id.as_deref()])
                        .flatten()
                        .collect();
                    e.matches_words(&query.words, &topics)
                })
        })
    }
}

/// The words of a search text, lowercase and without accents: "Kunjungan Kehormatan"
/// is `["kunjungan", "kehormatan"]`, and "Türkiye" is `["turkiye"]`.
pub fn search_words(text: &str) -> Vec<String> {
    names::without_accents(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Lowercase with single spaces, for name lookups.
fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A selection of events; an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Partner ids; an event matches if it involves any of them in one of `roles`.
    pub partners: Vec<String>,
    /// The roles in which `partners` count; empty means as counterparts.
    pub roles: Vec<Role>,
    /// The period an event's span must overlap.
    pub period: Option<Period>,
    /// Event types.
    pub types: Vec<EventType>,
    /// Topic ids; an event matches if it has any of them.
    pub topics: Vec<String>,
    /// Statuses, as seen on `as_of`.
    pub status: Vec<Status>,
    /// Words that must all occur in the event's texts ([`Event::matches_words`]), as
    /// [`search_words`] makes them.
    pub words: Vec<String>,
    /// The day the query sees the dataset as on: events no source published by then
    /// mentions are left out, and statuses are those of that day. `None` sees every
    /// event with the status its sources report by default.
    pub as_of: Option<NaiveDate>,
}

impl Query {
    /// Whether the query narrows by anything but its period and date: no partner,
    /// type, topic, status or search words.
    pub fn filters(&self) -> bool {
        !(self.partners.is_empty()
            && self.types.is_empty()
            && self.topics.is_empty()
            && self.status.is_empty()
            && self.words.is_empty())
    }

    /// Whether the event passes every part of the query but its search words, which
    /// [`Dataset::select`] looks for with the names of the event's topics.
    ///
    /// An event matches the period when its span, at its date precision, overlaps it:
    /// an event dated `2022-11` matches a period ending on 2022-11-15, and one dated
    /// `2025` does not match a period that ends in 2024.
    fn matches(&self, event: &Event) -> bool {
        let partners = self.partners.is_empty()
            || self.partners.iter().any(|p| event.involves(p, &self.roles));
        let status = match self.as_of {
            Some(as_of) => match event.status_on(as_of) {
                Some(status) => status,
                None => return false,
            },
            None => event.status,
        };
        partners
            && (self.topics.is_empty() || self.topics.iter().any(|t| event.topics.contains(t)))
            && (self.types.is_empty() || self.types.contains(&event.kind))
            && (self.status.is_empty() || self.status.contains(&status))
            && self.period.is_none_or(|p| p.overlaps(event.first_day(), event.last_day()))
    }

    /// The query narrowed by another: each list of `narrower` that is not empty replaces
    /// this one's, keeping only values both allow.
    pub fn narrowed_by(&self, narrower: &Query) -> Query {
        fn narrow<T: Clone + PartialEq>(base: &[T], by: &[T]) -> Vec<T> {
            match (base.is_empty(), by.is_empty()) {
                (_, true) => base.to_vec(),
                (true, false) => by.to_vec(),
                (false, false) => by.iter().filter(|x| base.contains(x)).cloned().collect(),
            }
        }
        Query {
            partners: narrow(&self.partners, &narrower.partners),
            roles: narrow(&self.roles, &narrower.roles),
            period: self.period,
            types: narrow(&self.types, &narrower.types),
            topics: narrow(&self.topics, &narrower.topics),
            status: narrow(&self.status, &narrower.status),
            words: [self.words.as_slice(), narrower.words.as_slice()].concat(),
            as_of: self.as_of,
        }
    }
}

/// Collects dataset files and builds a validated [`Dataset`]. A builder holding the
/// bundled files can be cloned to add different files to each copy without reading the
/// bundled ones again.
#[derive(Debug, Clone, Default)]
pub struct DatasetBuilder {
    /// Raw records from every file added so far.
    raw: raw::RawSet,
    /// Problems found while reading files.
    diagnostics: Vec<Diagnostic>,
}

impl DatasetBuilder {
    /// Adds the bundled files.
    pub fn add_bundled(&mut self) {
        for (name, text) in BUNDLED {
            let source = SourceText::new(name, text);
            read::read(&source, DataFormat::Toml, &mut self.raw, &mut self.diagnostics);
        }
    }

    /// Adds a user file; its format follows its extension (`.toml`, `.json`, `.csv`, or
    /// a spreadsheet: `.xlsx`, `.xlsm`, `.xls`, `.ods`). `shown` is the name diagnostics
    /// print for it.
    pub fn add_file(&mut self, path: &Path, shown: &str) {
        // A pipe with no writer would block the run before any limit applies, and a
        // device never ends: only regular files are read as data.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "cannot read dataset file `{shown}`: it is not a regular file (a folder, pipe, \
                     socket or device)"
                ))
                .hint("save the data to a file and name that"),
            );
            return;
        }
        if sheet::is_spreadsheet(path) {
            return self.add_spreadsheet(path, shown);
        }
        let format = match path.extension().and_then(|e| e.to_str()).map(str::to_lowercase) {
            Some(e) if e == "toml" => DataFormat::Toml,
            Some(e) if e == "json" => DataFormat::Json,
            Some(e) if e == "csv" => DataFormat::Csv,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(format!("cannot read dataset file `{shown}`"))
                        .hint("dataset files end in .toml, .json, .csv, .xlsx, .xls or .ods"),
                );
                return;
            }
        };
        match crate::diag::read_text(path, read::MAX_FILE_BYTES) {
            Ok(text) => self.add_text(shown, text, format),
            Err(message) => self
                .diagnostics
                .push(Diagnostic::error(format!("cannot read dataset file `{shown}` ({message})"))),
        }
    }

    /// Adds a spreadsheet's first sheet, read with the columns of a CSV file.
    fn add_spreadsheet(&mut self, path: &Path, shown: &str) {
        match sheet::read(path, read::MAX_FILE_BYTES) {
            Ok(sheet) => {
                let source = SourceText::sheet(shown, sheet.text, sheet.cells);
                for (range, why) in sheet.problems {
                    self.diagnostics.push(
                        Diagnostic::error(format!("unusable cell: {why}")).at(&source, range),
                    );
                }
                read::read(&source, DataFormat::Csv, &mut self.raw, &mut self.diagnostics);
            }
            Err(message) => self.diagnostics.push(
                Diagnostic::error(format!("cannot read spreadsheet `{shown}` ({message})"))
                    .hint("save it as .xlsx or .ods with the events on its first sheet"),
            ),
        }
    }

    /// Adds a dataset file's text, read in `format`; `shown` names it in diagnostics.
    pub fn add_text(&mut self, shown: &str, text: String, format: DataFormat) {
        let source = SourceText::new(shown, text);
        read::read(&source, format, &mut self.raw, &mut self.diagnostics);
    }

    /// Validates everything added and returns the dataset with any warnings, or every
    /// error found.
    pub fn build(self) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
        validate::validate(self.raw, self.diagnostics)
    }
}

#[cfg(test)]
mod tests;
