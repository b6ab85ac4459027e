//! The brief model: everything a template prints, decided and formatted in Rust.
//!
//! [`build`] turns a spec's settings, its [`Selection`] and the dataset into
//! [`BriefData`], which is serialised as `/brief.json` for the template. Rust decides
//! what is in the brief (selection, grouping, counting, numbering of sources) and how
//! dates, numbers and labels read in the brief's language; the template decides only
//! how it looks. Its shape is documented in `templates/README.md`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dataset::{Dataset, Event, EventType, Query, Status};
use crate::dates::{PartialDate, Period};
use crate::diag::Diagnostic;
use crate::locale::{self, Language, format_date, format_number, format_span, label};
use crate::select::{self, Selection};
use crate::spec::{Audience, Detail, Marking, OnEmpty, SectionKind, Spec};

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
}

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
    /// The numbered sources of every engagement in the brief.
    pub sources: Vec<SourceEntry>,
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
    /// PDF keywords: partners, period, marking.
    pub keywords: Vec<String>,
    /// The number of engagements the brief covers.
    pub event_count: usize,
    /// Where the data, the spec and the tool come from.
    pub provenance: Provenance,
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
    /// The dataset's version.
    pub dataset_version: String,
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
}

/// One section of a brief, tagged by `kind`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The kind, e.g. `timeline`.
    pub kind: &'static str,
    /// The title (the spec's, or the kind's localised default).
    pub title: String,
    /// The note to print instead of content when nothing matched, or empty.
    pub empty_note: String,
    /// The content, by kind.
    #[serde(flatten)]
    pub content: Content,
}

/// What a section holds.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Content {
    /// Headline figures and breakdowns.
    KeyFigures {
        /// The headline numbers.
        figures: Vec<Figure>,
        /// Counts per partner.
        by_partner: Vec<Count>,
        /// Counts per event type.
        by_type: Vec<Count>,
        /// Counts per year.
        by_year: Vec<Count>,
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
    /// Engagements: `events`, `table` and `upcoming` sections.
    Events {
        /// `full` or `summary`.
        detail: &'static str,
        /// The engagements, in date order.
        events: Vec<EventEntry>,
    },
    /// The spec author's Typst markup.
    Text {
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
        notes: Vec<&'static str>,
    },
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
    /// `held` or `planned`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// The type's id.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The type in words.
    pub type_label: &'static str,
    /// The partners' names.
    pub partners: Vec<String>,
    /// The partners' short names, for tables.
    pub partners_short: Vec<String>,
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
}

/// Builds the brief model, returning it with warnings (e.g. missing translations).
pub fn build(
    spec: &Spec,
    settings: &BriefSettings,
    selection: &Selection,
    dataset: &Dataset,
) -> Result<(BriefData, Vec<Diagnostic>), BuildError> {
    let language = settings.language;
    let lang = language.code();
    let brief_events: Vec<&Event> = dataset.select(&selection.brief).collect();
    let upcoming =
        select::section_events(dataset, SectionKind::Upcoming, &selection.brief, settings.as_of);
    let warnings = missing_translations(brief_events.iter().chain(&upcoming).copied(), lang);

    let partner_ids = brief_partners(&selection.brief, &brief_events);
    let partner_name = |id: &str| {
        dataset.partner(id).map_or_else(|| id.to_owned(), |p| p.name.get_or_other(lang).to_owned())
    };
    let partner_short = |id: &str| short_name(dataset, id, lang);

    // Number every source of every engagement the brief covers, first cited first.
    let mut sources: Vec<SourceEntry> = Vec::new();
    let mut number_of: HashMap<&str, usize> = HashMap::new();
    let mut refs_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for event in brief_events.iter().chain(&upcoming) {
        if refs_of.contains_key(event.id.as_str()) {
            continue;
        }
        let refs = event
            .sources
            .iter()
            .map(|s| match number_of.get(s.url.as_str()) {
                Some(number) => *number,
                None => {
                    number_of.insert(&s.url, sources.len() + 1);
                    sources.push(SourceEntry {
                        number: sources.len() + 1,
                        publisher: s.publisher.clone(),
                        title: s.title.clone().unwrap_or_default(),
                        url: s.url.clone(),
                        published: s
                            .published
                            .map(|d| format_date(language, d))
                            .unwrap_or_default(),
                    });
                    sources.len()
                }
            })
            .collect();
        refs_of.insert(&event.id, refs);
    }

    let entry = |event: &Event| -> EventEntry {
        EventEntry {
            id: event.id.clone(),
            date: format_span(language, event.date, event.end),
            date_iso: event.first_day().to_string(),
            date_note: event
                .date_note
                .as_ref()
                .map(|n| n.get_or_other(lang).to_owned())
                .unwrap_or_default(),
            status: event.status.as_str(),
            status_label: locale::status(language, event.status),
            kind: event.kind.as_str(),
            type_label: locale::event_type(language, event.kind),
            partners: event.partners.iter().map(|p| partner_name(p)).collect(),
            partners_short: event.partners.iter().map(|p| partner_short(p)).collect(),
            title: event.title.get_or_other(lang).to_owned(),
            summary: event.summary.get_or_other(lang).to_owned(),
            place: place(language, event),
            participants: if settings.audience == Audience::Public {
                Vec::new()
            } else {
                event
                    .participants
                    .iter()
                    .map(|p| ParticipantEntry {
                        name: p.name.clone(),
                        role: p.role.get_or_other(lang).to_owned(),
                    })
                    .collect()
            },
            topics: event
                .topics
                .iter()
                .map(|t| {
                    dataset
                        .topic(t)
                        .map_or_else(|| t.clone(), |t| t.name.get_or_other(lang).to_owned())
                })
                .collect(),
            refs: refs_of.get(event.id.as_str()).cloned().unwrap_or_default(),
        }
    };

    let mut sections = Vec::new();
    for (spec_section, query) in spec.sections.iter().zip(&selection.sections) {
        let kind = spec_section.kind;
        let events = match kind {
            SectionKind::Text | SectionKind::Sources | SectionKind::Methodology => Vec::new(),
            _ => select::section_events(dataset, kind, query, settings.as_of),
        };
        let can_be_empty = !matches!(kind, SectionKind::Text | SectionKind::Methodology);
        let is_empty = can_be_empty
            && if kind == SectionKind::Sources { sources.is_empty() } else { events.is_empty() };
        let title = spec_section
            .title
            .clone()
            .unwrap_or_else(|| label(language, &format!("section-{}", kind.as_str())).to_owned());
        if is_empty {
            match spec_section.on_empty {
                OnEmpty::Omit => continue,
                OnEmpty::Fail => {
                    return Err(BuildError::EmptySection(format!(
                        "section `{title}` ({}) selected no engagements and has `on_empty = \"fail\"`",
                        kind.as_str()
                    )));
                }
                OnEmpty::Note => {}
            }
        }
        let empty_note = if !is_empty {
            String::new()
        } else {
            let key = match kind {
                SectionKind::Upcoming => "empty-upcoming",
                SectionKind::Sources => "empty-sources",
                _ => "empty-events",
            };
            label(language, key).to_owned()
        };
        let section_partners: Vec<String> = partner_ids
            .iter()
            .filter(|p| query.partners.is_empty() || query.partners.contains(p))
            .cloned()
            .collect();
        let content = match kind {
            SectionKind::KeyFigures => {
                key_figures(language, &events, &section_partners, settings.period, &partner_short)
            }
            SectionKind::Timeline => {
                timeline(language, &events, &section_partners, settings.period, &partner_short)
            }
            SectionKind::Partners => Content::Partners {
                profiles: section_partners
                    .iter()
                    .filter_map(|id| dataset.partner(id))
                    .map(|p| profile(language, p, dataset, &events, settings.as_of))
                    .collect(),
            },
            SectionKind::Events | SectionKind::Table | SectionKind::Upcoming => Content::Events {
                detail: match spec_section.detail {
                    Detail::Full => "full",
                    Detail::Summary => "summary",
                },
                events: events.iter().map(|e| entry(e)).collect(),
            },
            SectionKind::Text => Content::Text {
                body: spec_section.body.as_ref().map(|b| b.value.clone()).unwrap_or_default(),
            },
            SectionKind::Sources => Content::Sources {},
            SectionKind::Methodology => methodology(
                spec,
                settings,
                dataset,
                &selection.brief,
                brief_events.len(),
                &partner_name,
            ),
        };
        sections.push(Section { kind: kind.as_str(), title, empty_note, content });
    }

    let partners: Vec<PartnerRef> = partner_ids
        .iter()
        .map(|id| PartnerRef { id: id.clone(), name: partner_name(id), short: partner_short(id) })
        .collect();
    let period_label = locale::period_name(language, settings.period);
    let mut keywords: Vec<String> = partners.iter().map(|p| p.name.clone()).collect();
    keywords.push(period_label.clone());
    keywords.push("BNPT".into());
    if let Some(marking) = settings.marking {
        keywords.push(marking.as_str().into());
    }
    let meta = Meta {
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone().unwrap_or_default(),
        author: spec.author.clone().unwrap_or_default(),
        language,
        audience: settings.audience.as_str(),
        audience_label: label(language, &format!("audience-{}", settings.audience.as_str())),
        marking: settings.marking.map(|m| {
            let (colour, background) = m.colours();
            MarkingData { label: m.as_str(), colour, background }
        }),
        period: PeriodData {
            from: settings.period.from.to_string(),
            to: settings.period.to.to_string(),
            label: period_label,
        },
        as_of: DateData {
            iso: settings.as_of.to_string(),
            label: format_date(language, PartialDate::day(settings.as_of)),
        },
        keywords,
        event_count: brief_events.len(),
        provenance: Provenance {
            dataset: dataset.info.name.clone(),
            dataset_version: dataset.info.version.clone(),
            dataset_events: dataset.events.len(),
            spec: spec
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            template: settings.template.clone(),
            tool: TOOL,
            typst: TYPST_VERSION,
        },
    };
    let data = BriefData { meta, labels: locale::labels(language), sections, partners, sources };
    Ok((data, warnings))
}

/// A warning for each title or summary of `events` that lacks the brief's language and
/// will be printed in the other one.
fn missing_translations<'a>(
    events: impl Iterator<Item = &'a Event>,
    lang: &str,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for event in events.filter(|e| seen.insert(e.id.as_str())) {
        for (what, text) in [("title", &event.title), ("summary", &event.summary)] {
            if text.get(lang).is_none() && !text.get_or_other(lang).is_empty() {
                warnings.push(Diagnostic::warning(format!(
                    "event `{}` has no {what} in `{lang}`; the other language's text is used",
                    event.id
                )));
            }
        }
    }
    warnings
}

/// Names longer than this are shortened to an acronym in charts and tables.
const SHORT_NAME_CHARS: usize = 24;

/// A partner's name for tight spaces: an acronym alias (UNOCT, CTED) when the name in
/// `lang` is long, else the name itself.
fn short_name(dataset: &Dataset, id: &str, lang: &str) -> String {
    let Some(partner) = dataset.partner(id) else {
        return id.to_owned();
    };
    let name = partner.name.get_or_other(lang);
    if name.chars().count() <= SHORT_NAME_CHARS {
        return name.to_owned();
    }
    let acronym = partner.aliases.iter().find(|a| {
        (2..=8).contains(&a.len())
            && a.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    });
    acronym.cloned().unwrap_or_else(|| name.to_owned())
}

/// The brief's partners: those the spec names, in its order, or else every partner of
/// the selected engagements, most engaged first.
fn brief_partners(query: &Query, events: &[&Event]) -> Vec<String> {
    if !query.partners.is_empty() {
        return query.partners.clone();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for event in events {
        for partner in &event.partners {
            *counts.entry(partner).or_default() += 1;
        }
    }
    let mut ids: Vec<(&str, usize)> = counts.into_iter().collect();
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ids.into_iter().map(|(id, _)| id.to_owned()).collect()
}

/// City, country and mode in words.
fn place(language: Language, event: &Event) -> String {
    let location = &event.location;
    let mut parts: Vec<String> = Vec::new();
    if let Some(city) = &location.city {
        parts.push(city.clone());
    }
    if let Some(country) = &location.country {
        parts.push(locale::country(language, country));
    }
    let mut place = parts.join(", ");
    if let Some(mode) = location.mode.filter(|m| *m != crate::dataset::Mode::InPerson) {
        if !place.is_empty() {
            place.push_str(" · ");
        }
        place.push_str(locale::mode(language, mode));
    }
    place
}

/// Counts with shares of the largest, formatted.
fn counts(language: Language, items: Vec<(String, usize)>) -> Vec<Count> {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    items
        .into_iter()
        .map(|(label, n)| Count { label, value: format_number(language, n), share: n as f64 / max })
        .collect()
}

fn key_figures(
    language: Language,
    events: &[&Event],
    partners: &[String],
    period: Period,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    let of_types = |types: &[EventType]| events.iter().filter(|e| types.contains(&e.kind)).count();
    let engaged = partners.iter().filter(|p| events.iter().any(|e| e.partners.contains(p))).count();
    let planned = events.iter().filter(|e| e.status == Status::Planned).count();
    let mut figures = vec![
        Figure {
            value: format_number(language, events.len()),
            label: label(language, "figure-events"),
        },
        Figure {
            value: format_number(language, engaged),
            label: label(language, "figure-partners"),
        },
        Figure {
            value: format_number(language, of_types(&[EventType::Mou, EventType::Agreement])),
            label: label(language, "figure-agreements"),
        },
        Figure {
            value: format_number(language, of_types(&[EventType::WorkingGroup])),
            label: label(language, "figure-working-groups"),
        },
    ];
    if planned > 0 {
        figures.push(Figure {
            value: format_number(language, planned),
            label: label(language, "figure-planned"),
        });
    }
    let mut by_partner: Vec<(String, usize)> = partners
        .iter()
        .map(|p| (partner_name(p), events.iter().filter(|e| e.partners.contains(p)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    if by_partner.len() > MAX_PARTNER_BARS {
        // Keep the most engaged partners (a stable sort: the spec's order breaks ties).
        by_partner.sort_by_key(|b| std::cmp::Reverse(b.1));
        let others: usize = by_partner.split_off(MAX_PARTNER_BARS - 1).iter().map(|(_, n)| n).sum();
        by_partner.push((label(language, "timeline-other").to_owned(), others));
    }
    let by_type = EventType::ALL
        .iter()
        .map(|t| {
            (
                locale::event_type(language, *t).to_owned(),
                events.iter().filter(|e| e.kind == *t).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let years: Vec<i32> = (period.from.year()..=period.to.year()).collect();
    let per_year: Vec<(String, usize)> = years
        .iter()
        .map(|y| (y.to_string(), events.iter().filter(|e| e.first_day().year() == *y).count()))
        .collect();
    // One year says nothing a reader does not see from the period; many years are
    // listed only where something happened.
    let by_year = match per_year.len() {
        1 => Vec::new(),
        2..=12 => per_year,
        _ => per_year.into_iter().filter(|(_, n)| *n > 0).collect(),
    };
    Content::KeyFigures {
        figures,
        by_partner: counts(language, by_partner),
        by_type: counts(language, by_type),
        by_year: counts(language, by_year),
    }
}

/// The most partners key figures list before grouping the rest as "other partners".
const MAX_PARTNER_BARS: usize = 8;

/// The most lanes a timeline draws before it groups the rest as "other partners".
const MAX_LANES: usize = 10;

fn timeline(
    language: Language,
    events: &[&Event],
    partners: &[String],
    period: Period,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    let days = (period.to - period.from).num_days().max(1) as f64;
    let position = |day: NaiveDate| ((day - period.from).num_days() as f64 / days).clamp(0.0, 1.0);
    let mark = |e: &Event| Mark {
        x: position(e.first_day()),
        x_end: position(e.last_day()),
        planned: e.status == Status::Planned,
    };
    let (shown, rest) = if partners.len() > MAX_LANES {
        partners.split_at(MAX_LANES - 1)
    } else {
        (partners, &[][..])
    };
    let mut lanes: Vec<Lane> = shown
        .iter()
        .map(|p| {
            let marks: Vec<Mark> =
                events.iter().filter(|e| e.partners.contains(p)).map(|e| mark(e)).collect();
            Lane { label: partner_name(p), count: format_number(language, marks.len()), marks }
        })
        .collect();
    if !rest.is_empty() {
        let marks: Vec<Mark> = events
            .iter()
            .filter(|e| {
                e.partners.iter().any(|p| rest.contains(p))
                    && !e.partners.iter().any(|p| shown.contains(p))
            })
            .map(|e| mark(e))
            .collect();
        lanes.push(Lane {
            label: label(language, "timeline-other").to_owned(),
            count: format_number(language, marks.len()),
            marks,
        });
    }
    Content::Timeline { lanes, ticks: ticks(language, period, &position) }
}

/// The most year labels a timeline axis gets; longer periods are labelled by decades or more.
const MAX_YEAR_LABELS: i32 = 12;

/// The timeline's axis ticks: every few years for very long periods, every year for long
/// ones, every month (labelled quarterly) for shorter, and every week below two months.
fn ticks(language: Language, period: Period, position: &dyn Fn(NaiveDate) -> f64) -> Vec<Tick> {
    let months = (period.to.year() - period.from.year()) * 12 + period.to.month() as i32
        - period.from.month() as i32;
    let years = period.to.year() - period.from.year() + 1;
    let mut ticks = Vec::new();
    if years > MAX_YEAR_LABELS {
        // Decades, centuries…: a labelled line at every `step`th new year, at most
        // MAX_YEAR_LABELS of them however long the period.
        let step = [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
            .into_iter()
            .find(|step| years / step < MAX_YEAR_LABELS)
            .unwrap_or(10_000);
        let mut year = period.from.year() + (step - period.from.year().rem_euclid(step)) % step;
        while year <= period.to.year() {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
            if start >= period.from {
                ticks.push(Tick { x: position(start), label: year.to_string(), line: true });
            }
            year += step;
        }
    } else if months > 24 {
        for year in period.from.year()..=period.to.year() {
            let start =
                NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists").max(period.from);
            let end =
                NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists").min(period.to);
            if year > period.from.year() {
                ticks.push(Tick { x: position(start), label: String::new(), line: true });
            }
            // Each year's label sits in the middle of its stretch of the axis.
            ticks.push(Tick {
                x: (position(start) + position(end)) / 2.0,
                label: year.to_string(),
                line: false,
            });
        }
    } else if months < 2 {
        // A short period: a tick every seven days from the first, labelled "8 Sep".
        let mut day = period.from;
        while day <= period.to {
            let month: String = locale::month_name(language, day.month()).chars().take(3).collect();
            ticks.push(Tick {
                x: position(day),
                label: format!("{} {month}", day.day()),
                line: true,
            });
            day = day + chrono::Days::new(7);
        }
    } else {
        let mut day = period.from.with_day(1).expect("day 1 exists");
        let mut first = true;
        while day <= period.to {
            if day >= period.from {
                let labelled = months <= 12 || (day.month() - 1).is_multiple_of(3);
                let label = if labelled {
                    let short: String =
                        locale::month_name(language, day.month()).chars().take(3).collect();
                    if day.month() == 1 || first {
                        format!("{short} {}", day.year())
                    } else {
                        short
                    }
                } else {
                    String::new()
                };
                first = false;
                ticks.push(Tick { x: position(day), label, line: true });
            }
            day = day + chrono::Months::new(1);
        }
    }
    ticks
}

fn profile(
    language: Language,
    partner: &crate::dataset::Partner,
    dataset: &Dataset,
    in_period: &[&Event],
    as_of: NaiveDate,
) -> Profile {
    let lang = language.code();
    let on_record: Vec<&Event> = dataset
        .events
        .iter()
        .filter(|e| {
            e.partners.contains(&partner.id) && e.status == Status::Held && e.first_day() <= as_of
        })
        .collect();
    let mine: Vec<&&Event> =
        in_period.iter().filter(|e| e.partners.contains(&partner.id)).collect();
    let by_type = EventType::ALL
        .iter()
        .map(|t| {
            (
                locale::event_type(language, *t).to_owned(),
                mine.iter().filter(|e| e.kind == *t).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let none = || label(language, "profile-none").to_owned();
    Profile {
        id: partner.id.clone(),
        name: partner.name.get_or_other(lang).to_owned(),
        kind: locale::partner_kind(language, partner.kind),
        first: on_record.first().map_or_else(none, |e| format_date(language, e.date)),
        latest: on_record.last().map_or_else(none, |e| format_date(language, e.date)),
        in_period: format_number(language, mine.len()),
        by_type: counts(language, by_type),
        agreements: on_record
            .iter()
            .filter(|e| matches!(e.kind, EventType::Mou | EventType::Agreement))
            .map(|e| AgreementLine {
                date: format_date(language, e.date),
                title: e.title.get_or_other(lang).to_owned(),
            })
            .collect(),
    }
}

fn methodology(
    spec: &Spec,
    settings: &BriefSettings,
    dataset: &Dataset,
    query: &Query,
    selected: usize,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    let language = settings.language;
    let mut filters: Vec<String> = Vec::new();
    if !query.partners.is_empty() {
        let names: Vec<String> = query.partners.iter().map(|p| partner_name(p)).collect();
        filters.push(format!("{}: {}", label(language, "partners"), names.join(", ")));
    }
    if !query.types.is_empty() {
        let names: Vec<&str> =
            query.types.iter().map(|t| locale::event_type(language, *t)).collect();
        filters.push(format!("{}: {}", label(language, "type"), names.join(", ")));
    }
    if !query.topics.is_empty() {
        let names: Vec<String> = query
            .topics
            .iter()
            .map(|t| {
                dataset
                    .topic(t)
                    .map_or_else(|| t.clone(), |t| t.name.get_or_other(language.code()).to_owned())
            })
            .collect();
        filters.push(format!("{}: {}", label(language, "topics"), names.join(", ")));
    }
    if !query.status.is_empty() {
        let names: Vec<&str> = query.status.iter().map(|s| locale::status(language, *s)).collect();
        filters.push(format!("{}: {}", label(language, "status"), names.join(", ")));
    }
    let rows = vec![
        Row { label: label(language, "method-dataset"), value: dataset.info.name.clone() },
        Row { label: label(language, "method-version"), value: dataset.info.version.clone() },
        Row {
            label: label(language, "method-size"),
            value: format_number(language, dataset.events.len()),
        },
        Row { label: label(language, "method-selected"), value: format_number(language, selected) },
        Row {
            label: label(language, "method-filters"),
            value: if filters.is_empty() {
                label(language, "method-no-filter").to_owned()
            } else {
                filters.join("; ")
            },
        },
        Row {
            label: label(language, "method-period"),
            value: locale::period_name(language, settings.period),
        },
        Row {
            label: label(language, "method-as-of"),
            value: format_date(language, PartialDate::day(settings.as_of)),
        },
        Row {
            label: label(language, "method-spec"),
            value: spec
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        },
        Row {
            label: label(language, "method-tool"),
            value: format!("{TOOL} · Typst {TYPST_VERSION}"),
        },
    ];
    Content::Methodology {
        rows,
        notes: vec![label(language, "method-matching"), label(language, "method-sources")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis_labels(from: &str, to: &str) -> Vec<String> {
        let period = Period::between(from.parse().unwrap(), to.parse().unwrap());
        let ticks = ticks(Language::En, period, &|_| 0.0);
        ticks.into_iter().map(|t| t.label).filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn axis_labels_stay_few_however_long_the_period() {
        assert_eq!(axis_labels("2021", "2024"), ["2021", "2022", "2023", "2024"]);
        assert_eq!(axis_labels("2022-01", "2022-03"), ["Jan 2022", "Feb", "Mar"]);
        assert_eq!(
            axis_labels("1990", "2024"),
            ["1990", "1995", "2000", "2005", "2010", "2015", "2020"]
        );
        let millennia = axis_labels("0000", "9999");
        assert_eq!(millennia.len(), 10, "{millennia:?}");
        assert_eq!(millennia[1], "1000");
    }
}
