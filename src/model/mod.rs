//! The brief model: everything a template prints, decided and formatted in Rust.
//!
//! [`build`] turns a spec's settings, its [`crate::select::Selection`] and the dataset into
//! [`BriefData`], which is serialised as `/brief.json` for the template. Rust decides
//! what is in the brief (selection, grouping, counting, numbering of sources) and how
//! dates, numbers and labels read in the brief's language; the template decides only
//! how it looks. Its shape is documented in `templates/README.md`.

mod build;
mod changes;
mod context;
mod figures;
mod findings;
mod followups;
mod glossary;
mod methodology;
mod profile;
mod public;
pub mod written;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::NameIndex;
use crate::dates::Period;
use crate::locale::Language;
use crate::spec::{Audience, Detail, Marking};

pub use build::build;
pub use glossary::{GlossaryEntry, unprinted_terms};
pub use public::{named_on_pages, unknown_public_names};

/// Keys whose strings are kept exactly as written: addresses, file names and Typst
/// markup (where Typst sets the quotes itself).
const VERBATIM_KEYS: [&str; 4] = ["url", "body", "spec", "template"];

/// The brief as the JSON its template reads (`/brief.json`), with typographic quotes
/// and apostrophes in every text but `VERBATIM_KEYS`: data and spec texts are
/// strings to Typst, never markup, so the quotes are set here.
pub fn to_json(brief: &BriefData) -> serde_json::Result<Vec<u8>> {
    let mut value = serde_json::to_value(brief)?;
    set_quotes(&mut value);
    serde_json::to_vec_pretty(&value)
}

/// Replaces straight quotes in every string of `value`, but under `VERBATIM_KEYS`.
fn set_quotes(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) if text.contains(['\'', '"']) => {
            *text = crate::locale::typographic(text)
        }
        Value::Array(items) => items.iter_mut().for_each(set_quotes),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(key, _)| !VERBATIM_KEYS.contains(&key.as_str()))
            .for_each(|(_, v)| set_quotes(v)),
        _ => {}
    }
}

/// The tool's name and version, printed in the colophon and the PDF's creator field.
pub const TOOL: &str = concat!("brief ", env!("CARGO_PKG_VERSION"));

/// The Typst version `brief` compiles with.
pub const TYPST_VERSION: &str = "0.15.1";

/// What one output of a spec is: the spec's settings after variants and overrides.
#[derive(Debug, Clone)]
pub struct BriefSettings {
    /// The language.
    pub language: Language,
    /// The audience.
    pub audience: Audience,
    /// The marking.
    pub marking: Option<Marking>,
    /// The resolved period.
    pub period: Period,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The template name or path, for the colophon.
    pub template: String,
    /// How many engagements each events section offers as its highlights; an
    /// executive brief prints only these, and fewer when they do not fit its two pages.
    pub highlights: usize,
}

/// How many highlights a brief offers before any shrinking to fit.
pub const HIGHLIGHTS: usize = 6;

/// Everything a template receives, as `/brief.json`.
#[derive(Debug, Clone, Serialize)]
pub struct BriefData {
    /// Title, period, marking and provenance.
    pub meta: Meta,
    /// Every label in the brief's language, by key.
    pub labels: BTreeMap<&'static str, &'static str>,
    /// The sections, in spec order (omitted empty sections left out).
    pub sections: Vec<Section>,
    /// The partners the brief is about, in order.
    pub partners: Vec<PartnerRef>,
    /// The sources the brief cites, numbered in the order of first citation.
    pub sources: Vec<SourceEntry>,
    /// The abbreviations the brief's text uses, with their meanings.
    pub glossary: Vec<GlossaryEntry>,
    /// In a public brief, the names its text must not show (those of `public_names`
    /// aside), kept for the check of its rendered pages; not part of `/brief.json`.
    #[serde(skip)]
    pub withheld: Option<NameIndex>,
}

/// Title, period, marking and provenance of a brief.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The title, plain text.
    pub title: String,
    /// The subtitle, plain text, or empty.
    pub subtitle: String,
    /// The author, plain text, or empty.
    pub author: String,
    /// The document's reference, or empty.
    pub reference: String,
    /// Whom to contact about the brief, or empty.
    pub contact: String,
    /// `en` or `id`.
    pub language: Language,
    /// `executive`, `analyst` or `public`.
    pub audience: &'static str,
    /// The audience in words.
    pub audience_label: &'static str,
    /// The TLP marking, if any.
    pub marking: Option<MarkingData>,
    /// The period.
    pub period: PeriodData,
    /// The as-of date, ISO and in words.
    pub as_of: DateData,
    /// When the collected record ends before the as-of date, that end in a phrase for
    /// the cover ("record collected to 31 December 2025"); empty otherwise.
    pub record_until: String,
    /// The house style: who issues the brief, its logo and colours.
    pub theme: ThemeData,
    /// PDF keywords: partners, period, marking.
    pub keywords: Vec<String>,
    /// The number of engagements the brief covers.
    pub event_count: usize,
    /// Where the data, the spec and the tool come from.
    pub provenance: Provenance,
    /// In an executive version, the one line that says which of the spec's sections it
    /// leaves to the full brief; empty otherwise.
    pub left_out: String,
}

/// The house style of a brief: the spec's `[theme]` (usually from its project's
/// `_brief.toml`), or BNPT's.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeData {
    /// The organisation's full name, on the cover.
    pub organisation: String,
    /// Its short name, on the cover and in every page's footer.
    pub short_name: String,
    /// The logo's path for templates (`/logo.png`), or empty.
    pub logo: String,
    /// The colour of titles, headings and rules (`#rrggbb`).
    pub colour: String,
    /// A pale tint of `colour`, for the fill of boxes.
    pub colour_soft: String,
    /// The colour of markers and labels.
    pub accent: String,
}

/// BNPT's colours: titles, their tint, and the accent.
pub const HOUSE_COLOURS: (&str, &str, &str) = ("#1f3a5f", "#e8edf4", "#a9782b");

impl ThemeData {
    /// The theme of `spec` in `language`, BNPT's where it sets nothing.
    pub fn of(theme: &crate::spec::Theme, language: Language) -> ThemeData {
        let (colour, soft, accent) = HOUSE_COLOURS;
        let words =
            |w: Option<&crate::spec::Words>| w.and_then(|w| w.get(language)).map(str::to_owned);
        ThemeData {
            organisation: words(theme.organisation.as_ref())
                .unwrap_or_else(|| crate::locale::label(language, "organisation").to_owned()),
            short_name: words(theme.short_name.as_ref()).unwrap_or_else(|| "BNPT".to_owned()),
            logo: theme.logo.as_ref().and_then(|l| logo_path(&l.value)).unwrap_or_default(),
            colour_soft: theme.colour.as_deref().map_or_else(|| soft.to_owned(), |c| tint(c, 0.1)),
            colour: theme.colour.clone().unwrap_or_else(|| colour.to_owned()),
            accent: theme.accent.clone().unwrap_or_else(|| accent.to_owned()),
        }
    }
}

/// Where templates find a theme's logo at `path`: `/logo.png`, `/logo.svg`… (the render
/// serves the file there).
pub fn logo_path(path: &std::path::Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_lowercase();
    Some(format!("/logo.{extension}"))
}

/// `#rrggbb` mixed with white, `share` of the colour kept.
fn tint(colour: &str, share: f64) -> String {
    let channel = |i: usize| {
        u8::from_str_radix(colour.get(1 + 2 * i..3 + 2 * i).unwrap_or("ff"), 16).unwrap_or(255)
    };
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * share).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(channel(0)), mix(channel(1)), mix(channel(2)))
}

/// A TLP marking with its colours.
#[derive(Debug, Clone, Serialize)]
pub struct MarkingData {
    /// The label, e.g. `TLP:AMBER`.
    pub label: &'static str,
    /// The label's text colour (hex).
    pub colour: &'static str,
    /// The label's background colour (hex).
    pub background: &'static str,
    /// What the marking allows, in the brief's language (TLP 2.0).
    pub statement: &'static str,
}

/// A period, ISO and in words.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodData {
    /// First day, ISO.
    pub from: String,
    /// Last day, ISO.
    pub to: String,
    /// In words: "September 2022", "2021–2024".
    pub label: String,
}

/// A date, ISO and in words.
#[derive(Debug, Clone, Serialize)]
pub struct DateData {
    /// ISO 8601.
    pub iso: String,
    /// In the brief's language.
    pub label: String,
}

/// The dataset, spec and tool behind a brief.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    /// The dataset's name.
    pub dataset: String,
    /// The dataset's version, for the file's provenance.
    pub dataset_version: String,
    /// The version as the brief prints it: empty when the version was made after the
    /// brief's date (a brief dated 2023 names no edition of 2026; its text shows the
    /// record as public then, and the version stays in the metadata).
    pub dataset_edition: String,
    /// Events in the dataset.
    pub dataset_events: usize,
    /// The spec's file name.
    pub spec: String,
    /// The template used.
    pub template: String,
    /// The tool and version.
    pub tool: &'static str,
    /// The Typst version.
    pub typst: &'static str,
}

/// Whether a dataset `version` of the form `YYYY.MM.DD.N` was made after `as_of`.
pub fn version_after(version: &str, as_of: chrono::NaiveDate) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some_and(|made| made > as_of)
}

/// A partner named in the brief.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerRef {
    /// The partner's id.
    pub id: String,
    /// Its name in the brief's language.
    pub name: String,
    /// A name for tight spaces: its acronym when the name is long, else the name.
    pub short: String,
}

/// A numbered source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    /// The number events cite it by.
    pub number: usize,
    /// The publisher.
    pub publisher: String,
    /// The page title, or empty.
    pub title: String,
    /// The address.
    pub url: String,
    /// The publication date in words, or empty.
    pub published: String,
    /// The publication date at its precision (`2022-09-14`, `2022-09` or `2022`), or
    /// empty: a brief cites only pages published by its as-of date.
    pub published_iso: String,
    /// When the page was read for the dataset, in words; empty when the dataset does
    /// not record it or it falls after the brief's date.
    pub accessed: String,
    /// Whether the page reports that the engagement took place (`held`) or announces it
    /// (`planned`).
    pub reports: &'static str,
    /// Whether the page is a third party's copy of the original (a mirror).
    pub secondary: bool,
}

/// One section of a brief; its content carries the `kind`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The title (the spec's, or the kind's localised default).
    pub title: String,
    /// The note to print instead of content when nothing matched, or empty.
    pub empty_note: String,
    /// When the analyst's words were written, in words ("Written as of 31 December
    /// 2024"), printed under the heading; empty for computed sections.
    pub written: String,
    /// The content, tagged with the section's `kind`.
    #[serde(flatten)]
    pub content: Content,
}

/// What a section holds, by kind: `kind` in `/brief.json` names the variant.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Content {
    /// Headline figures and breakdowns.
    KeyFigures {
        /// The headline numbers.
        figures: Vec<Figure>,
        /// Counts per partner; empty when there are fewer than two to compare.
        by_partner: Vec<Count>,
        /// Counts per event type; empty when there are fewer than two to compare.
        by_type: Vec<Count>,
        /// Counts per year.
        by_year: Vec<Count>,
        /// Who the "other partners" bar of `by_partner` counts, in a sentence ("Other
        /// partners: Egypt, Japan and Viet Nam."); empty without such a bar.
        others: String,
    },
    /// A time chart.
    Timeline {
        /// One lane per partner.
        lanes: Vec<Lane>,
        /// Axis ticks.
        ticks: Vec<Tick>,
    },
    /// Partner profiles.
    Partners {
        /// One profile per partner.
        profiles: Vec<Profile>,
    },
    /// Engagements, one entry each.
    Events(EventList),
    /// Engagements in a compact table.
    Table(EventList),
    /// Planned engagements after the as-of date.
    Upcoming(EventList),
    /// The analyst's bottom line up front (Typst markup): always the first section.
    Summary {
        /// The markup.
        body: String,
    },
    /// Key findings: sentences computed from the selection.
    Findings {
        /// Three to six findings, most general first.
        findings: Vec<Finding>,
    },
    /// Open items, each a sentence with its source numbers: lapsed announcements first,
    /// then working-group series past their cadence.
    FollowUps {
        /// The items, in that order.
        items: Vec<Finding>,
    },
    /// The period against an earlier one.
    Changes(Box<Changes>),
    /// The spec author's Typst markup.
    Text {
        /// The markup.
        body: String,
    },
    /// The analyst's assessment (Typst markup).
    Assessment {
        /// The markup.
        body: String,
    },
    /// The analyst's recommendations (Typst markup).
    Recommendations {
        /// The markup.
        body: String,
    },
    /// The analyst's outlook (Typst markup).
    Outlook {
        /// The markup.
        body: String,
    },
    /// The source list (the sources themselves are in `BriefData::sources`).
    Sources {},
    /// How the brief was made.
    Methodology {
        /// Label–value rows.
        rows: Vec<Row>,
        /// Paragraphs of explanation.
        notes: Vec<String>,
    },
}

impl Content {
    /// The highlights of an `events`, `table` or `upcoming` section; none for others.
    pub fn highlights(&self) -> &[EventEntry] {
        match self {
            Content::Events(list) | Content::Table(list) | Content::Upcoming(list) => {
                &list.highlights
            }
            _ => &[],
        }
    }
}

/// The engagements of an `events`, `table` or `upcoming` section.
#[derive(Debug, Clone, Serialize)]
pub struct EventList {
    /// `full` or `summary`.
    pub detail: Detail,
    /// The engagements, in date order.
    pub events: Vec<EventEntry>,
    /// The few that matter most, chosen in Rust (agreements, then working groups and
    /// consultations, then the rest, newest first), in date order: what a short brief
    /// prints.
    pub highlights: Vec<EventEntry>,
    /// "5 of 13 engagements shown; the full brief lists all", or empty when the
    /// highlights are all of them.
    pub highlights_note: String,
}

/// A sentence computed from the data, with the sources it rests on.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// The sentence, plain text, ending with its full stop.
    pub text: String,
    /// Numbers of the sources in `BriefData::sources` of the engagements it names;
    /// empty for a count over the whole period (the engagement list cites those).
    pub refs: Vec<usize>,
}

/// A `changes` section: this period against an earlier one.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The compared period.
    pub compared: PeriodData,
    /// What is compared with what, in a sentence.
    pub intro: String,
    /// The totals in a sentence: "The record shows 13 engagements held, against 7 (+6)."
    pub summary: String,
    /// The period's name, for a column heading.
    pub current_label: String,
    /// The compared period's name, for a column heading.
    pub previous_label: String,
    /// All engagements held.
    pub total: ChangeRow,
    /// Engagements held, by type; empty when the earlier period has none, is no fair
    /// comparison, or the two periods hold fewer than four engagements together.
    pub by_type: Vec<ChangeRow>,
    /// Engagements held, by partner; empty when `by_type` is, or only one partner is
    /// counted.
    pub by_partner: Vec<ChangeRow>,
    /// Under the partner table, when its rows add up to more than the total: that an
    /// engagement with several partners counts in each one's row; empty otherwise.
    pub by_partner_note: String,
    /// Partners new, returning and gone quiet, new agreements, announcements realised
    /// or lapsed.
    pub points: Vec<Finding>,
}

/// A count in both periods and its change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    /// What is counted.
    pub label: String,
    /// This period's count, formatted.
    pub current: String,
    /// The compared period's count, formatted.
    pub previous: String,
    /// The change, signed: "+2", "−1", "0".
    pub delta: String,
}

/// A headline number.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The number, formatted.
    pub value: String,
    /// What it counts.
    pub label: &'static str,
}

/// A labelled count, with its share of the largest count for bar lengths.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// What is counted.
    pub label: String,
    /// The count, formatted.
    pub value: String,
    /// The count divided by the largest count in the list (0–1).
    pub share: f64,
}

/// One partner's lane in a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Lane {
    /// The partner's name (or "Other partners").
    pub label: String,
    /// The number of engagements in the lane, formatted.
    pub count: String,
    /// The engagements as marks.
    pub marks: Vec<Mark>,
}

/// An engagement on a timeline, positioned as fractions of the period.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    /// Start (0–1).
    pub x: f64,
    /// End (0–1); equal to `x` for a single day.
    pub x_end: f64,
    /// Whether the engagement is planned rather than held.
    pub planned: bool,
}

/// An axis tick: a grid line, a label, or both.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position (0–1).
    pub x: f64,
    /// The label, or empty.
    pub label: String,
    /// Whether a grid line is drawn at `x`.
    pub line: bool,
}

/// A partner profile.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// The partner's id.
    pub id: String,
    /// Its name in the brief's language.
    pub name: String,
    /// Its kind, in words.
    pub kind: &'static str,
    /// The first engagement on record, in words.
    pub first: String,
    /// The latest engagement on record, in words.
    pub latest: String,
    /// Engagements in the period, formatted.
    pub in_period: String,
    /// Counts per type in the period.
    pub by_type: Vec<Count>,
    /// MoUs and agreements on record, oldest first.
    pub agreements: Vec<AgreementLine>,
    /// The relationship's history in the whole record as known on the brief's date,
    /// within the period or not: its first engagement, its agreements, its numbered
    /// rounds and its latest engagement, a sentence each with the sources of what it
    /// names.
    pub history: Vec<Finding>,
}

/// An agreement in a partner profile.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementLine {
    /// When, in words.
    pub date: String,
    /// What, in the brief's language.
    pub title: String,
}

/// An engagement as a brief prints it.
#[derive(Debug, Clone, Serialize)]
pub struct EventEntry {
    /// The dataset id.
    pub id: String,
    /// The date or span, in words.
    pub date: String,
    /// The first day, ISO, for templates that sort or compare.
    pub date_iso: String,
    /// A note on an uncertain date, or empty.
    pub date_note: String,
    /// Anything else the reader should know about the record, or empty.
    pub note: String,
    /// `held`, `planned` or `unconfirmed`, as known on the as-of date.
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// For an unconfirmed engagement, what that means on the as-of date; else empty.
    pub status_note: String,
    /// The type's id.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The type in words.
    pub type_label: &'static str,
    /// The partners' names.
    pub partners: Vec<String>,
    /// The partners' short names, for tables.
    pub partners_short: Vec<String>,
    /// Partners in other roles, in words ("hosted by Thailand; invited: Australia"), or
    /// empty.
    pub involvement: String,
    /// The title.
    pub title: String,
    /// The summary.
    pub summary: String,
    /// City, country and mode in words, or empty.
    pub place: String,
    /// Named participants (none in public briefs).
    pub participants: Vec<ParticipantEntry>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Numbers of the sources in `BriefData::sources`.
    pub refs: Vec<usize>,
}

/// A participant as printed.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantEntry {
    /// The name.
    pub name: String,
    /// The role, in the brief's language.
    pub role: String,
}

/// A label–value row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The label.
    pub label: &'static str,
    /// The value.
    pub value: String,
}

/// Why a brief could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// A section with `on_empty = "fail"` selected nothing.
    EmptySection(String),
    /// A public brief would name a person.
    NamesPerson(String),
    /// The brief could not be turned into JSON (a defect, reported rather than a panic).
    Serialise(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::EmptySection(message) | BuildError::NamesPerson(message) => {
                f.write_str(message)
            }
            BuildError::Serialise(error) => write!(f, "cannot serialise the brief ({error})"),
        }
    }
}
