//! Building the brief model in steps: the brief's events and partners, numbered sources,
//! one entry per engagement, each section's content, and the metadata.

use std::collections::{BTreeMap, HashMap};

use crate::dataset::{Dataset, Event, EventType, Query, Status};
use crate::dates::PartialDate;
use crate::diag::Diagnostic;
use crate::locale::{self, Language, format_date, format_number, format_span, label};
use crate::select::{self, Selection};
use crate::spec::{Audience, OnEmpty, SectionKind, SectionSpec, Spec};

use super::figures::{key_figures, timeline};
use super::methodology::methodology;
use super::profile::profile;
use super::{
    BriefData, BriefSettings, BuildError, Content, DateData, EventEntry, EventList, MarkingData,
    Meta, ParticipantEntry, PartnerRef, PeriodData, Provenance, Section, SourceEntry, TOOL,
    TYPST_VERSION,
};

/// How many engagements an events section offers as its highlights (the executive brief
/// prints these).
const HIGHLIGHTS: usize = 5;

/// What every step of one brief's build reads.
struct Brief<'a> {
    spec: &'a Spec,
    settings: &'a BriefSettings,
    selection: &'a Selection,
    dataset: &'a Dataset,
    language: Language,
    /// The engagements the brief's filter selects.
    events: Vec<&'a Event>,
    /// The brief's partners, in order.
    partner_ids: Vec<String>,
    /// Each engagement's source numbers.
    refs_of: HashMap<&'a str, Vec<usize>>,
}

/// Builds the brief model, returning it with warnings (e.g. missing translations).
pub fn build(
    spec: &Spec,
    settings: &BriefSettings,
    selection: &Selection,
    dataset: &Dataset,
) -> Result<(BriefData, Vec<Diagnostic>), BuildError> {
    let language = settings.language;
    let events: Vec<&Event> = dataset.select(&selection.brief).collect();
    let upcoming =
        select::section_events(dataset, SectionKind::Upcoming, &selection.brief, settings.as_of);
    let warnings = missing_translations(events.iter().chain(&upcoming).copied(), language.code());
    let (sources, refs_of) =
        number_sources(language, settings.as_of, events.iter().chain(&upcoming).copied());
    let partner_ids = brief_partners(&selection.brief, &events);
    let brief =
        Brief { spec, settings, selection, dataset, language, events, partner_ids, refs_of };
    let mut sections = Vec::new();
    for (spec_section, query) in spec.sections.iter().zip(&selection.sections) {
        if let Some(section) = brief.section(spec_section, query, sources.is_empty())? {
            sections.push(section);
        }
    }
    let partners = brief
        .partner_ids
        .iter()
        .map(|id| PartnerRef {
            id: id.clone(),
            name: brief.partner_name(id),
            short: brief.partner_short(id),
        })
        .collect();
    let data = BriefData {
        meta: brief.meta(),
        labels: locale::labels(language),
        sections,
        partners,
        sources,
    };
    Ok((data, warnings))
}

/// Numbers every source of `events` public on `as_of`, first cited first (a page
/// published later is never cited); returns the list and each engagement's numbers.
fn number_sources<'a>(
    language: Language,
    as_of: chrono::NaiveDate,
    events: impl Iterator<Item = &'a Event>,
) -> (Vec<SourceEntry>, HashMap<&'a str, Vec<usize>>) {
    let mut sources: Vec<SourceEntry> = Vec::new();
    let mut number_of: HashMap<&str, usize> = HashMap::new();
    let mut refs_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for event in events {
        if refs_of.contains_key(event.id.as_str()) {
            continue;
        }
        let refs = event
            .sources_on(as_of)
            .map(|s| {
                *number_of.entry(&s.url).or_insert_with(|| {
                    sources.push(SourceEntry {
                        number: sources.len() + 1,
                        publisher: s.publisher.clone(),
                        title: s.title.clone().unwrap_or_default(),
                        url: s.url.clone(),
                        published: s
                            .published
                            .map(|d| format_date(language, d))
                            .unwrap_or_default(),
                        published_iso: s.published.map(|d| d.to_string()).unwrap_or_default(),
                        reports: s.reports.as_str(),
                    });
                    sources.len()
                })
            })
            .collect();
        refs_of.insert(&event.id, refs);
    }
    (sources, refs_of)
}

impl Brief<'_> {
    /// A partner's name in the brief's language.
    fn partner_name(&self, id: &str) -> String {
        self.dataset
            .partner(id)
            .map_or_else(|| id.to_owned(), |p| p.name.get_or_other(self.language.code()).to_owned())
    }

    /// A partner's name for tight spaces.
    fn partner_short(&self, id: &str) -> String {
        short_name(self.dataset, id, self.language.code())
    }

    /// An engagement as the brief prints it.
    fn entry(&self, event: &Event) -> EventEntry {
        let (language, lang) = (self.language, self.language.code());
        let status = event.status_on(self.settings.as_of).unwrap_or(event.status);
        let participants = if self.settings.audience == Audience::Public {
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
        };
        EventEntry {
            id: event.id.clone(),
            date: format_span(language, event.date, event.end),
            date_iso: event.first_day().to_string(),
            date_note: event
                .date_note
                .as_ref()
                .map(|n| n.get_or_other(lang).to_owned())
                .unwrap_or_default(),
            status: status.as_str(),
            status_label: locale::status(language, status),
            status_note: match status {
                Status::Unconfirmed => unconfirmed_note(language, self.settings.as_of),
                _ => String::new(),
            },
            kind: event.kind.as_str(),
            type_label: locale::event_type(language, event.kind),
            partners: event.partners.iter().map(|p| self.partner_name(p)).collect(),
            partners_short: event.partners.iter().map(|p| self.partner_short(p)).collect(),
            title: event.title.get_or_other(lang).to_owned(),
            summary: event.summary.get_or_other(lang).to_owned(),
            place: place(language, event),
            participants,
            topics: event
                .topics
                .iter()
                .map(|t| {
                    self.dataset
                        .topic(t)
                        .map_or_else(|| t.clone(), |t| t.name.get_or_other(lang).to_owned())
                })
                .collect(),
            refs: self.refs_of.get(event.id.as_str()).cloned().unwrap_or_default(),
        }
    }

    /// One section, or `None` when it is empty and its spec says to omit it.
    fn section(
        &self,
        spec_section: &SectionSpec,
        query: &Query,
        no_sources: bool,
    ) -> Result<Option<Section>, BuildError> {
        let (kind, language) = (spec_section.kind, self.language);
        let events = match kind {
            SectionKind::Text | SectionKind::Sources | SectionKind::Methodology => Vec::new(),
            _ => select::section_events(self.dataset, kind, query, self.settings.as_of),
        };
        let is_empty = match kind {
            SectionKind::Text | SectionKind::Methodology => false,
            SectionKind::Sources => no_sources,
            _ => events.is_empty(),
        };
        let title = match spec_section.title.as_ref().and_then(|t| t.get(language)) {
            Some(title) => title.to_owned(),
            None => section_title(language, kind).to_owned(),
        };
        let empty_note = match (is_empty, spec_section.on_empty) {
            (false, _) => String::new(),
            (true, OnEmpty::Omit) => return Ok(None),
            (true, OnEmpty::Fail) => {
                return Err(BuildError::EmptySection(format!(
                    "section `{title}` ({}) selected no engagements and has `on_empty = \"fail\"`",
                    kind.as_str()
                )));
            }
            (true, OnEmpty::Note) => empty_note(language, kind).to_owned(),
        };
        let content = self.content(spec_section, query, &events);
        Ok(Some(Section { title, empty_note, content }))
    }

    /// What a section holds, by kind.
    fn content(&self, spec_section: &SectionSpec, query: &Query, events: &[&Event]) -> Content {
        let language = self.language;
        let partners: Vec<String> = self
            .partner_ids
            .iter()
            .filter(|p| query.partners.is_empty() || query.partners.contains(p))
            .cloned()
            .collect();
        let short = |id: &str| self.partner_short(id);
        let period = self.settings.period;
        match spec_section.kind {
            SectionKind::KeyFigures => {
                key_figures(language, self.settings.as_of, events, &partners, period, &short)
            }
            SectionKind::Timeline => {
                timeline(language, self.settings.as_of, events, &partners, period, &short)
            }
            SectionKind::Partners => Content::Partners {
                profiles: partners
                    .iter()
                    .filter_map(|id| self.dataset.partner(id))
                    .map(|p| profile(language, p, events, self.settings.as_of))
                    .collect(),
            },
            SectionKind::Events => Content::Events(self.event_list(spec_section, events)),
            SectionKind::Table => Content::Table(self.event_list(spec_section, events)),
            SectionKind::Upcoming => Content::Upcoming(self.event_list(spec_section, events)),
            SectionKind::Text => Content::Text {
                body: spec_section
                    .body
                    .as_ref()
                    .and_then(|b| b.get(self.language))
                    .unwrap_or_default()
                    .to_owned(),
            },
            SectionKind::Sources => Content::Sources {},
            SectionKind::Methodology => methodology(
                self.spec,
                self.settings,
                self.dataset,
                &self.selection.brief,
                self.events.len(),
                &|id| self.partner_name(id),
            ),
        }
    }

    /// The engagements of a section, with the highlights chosen from them: agreements
    /// first, then working groups and consultations, then the rest, newest first within
    /// each; shown in date order, with a note of how many of all they are.
    fn event_list(&self, spec_section: &SectionSpec, events: &[&Event]) -> EventList {
        let weight = |e: &Event| match e.kind {
            EventType::Mou | EventType::Agreement | EventType::Framework => 0,
            EventType::WorkingGroup | EventType::Consultation => 1,
            _ => 2,
        };
        let mut ranked: Vec<&Event> = events.to_vec();
        ranked.sort_by(|a, b| weight(a).cmp(&weight(b)).then(b.first_day().cmp(&a.first_day())));
        ranked.truncate(HIGHLIGHTS);
        ranked.sort_by_key(|e| e.first_day());
        let highlights_note = if ranked.len() < events.len() {
            shown_of(self.language, ranked.len(), events.len())
        } else {
            String::new()
        };
        EventList {
            detail: spec_section.detail,
            events: events.iter().map(|e| self.entry(e)).collect(),
            highlights: ranked.iter().map(|e| self.entry(e)).collect(),
            highlights_note,
        }
    }

    /// Title, period, marking, keywords and provenance.
    fn meta(&self) -> Meta {
        let (settings, language) = (self.settings, self.language);
        let period_label = locale::period_name(language, settings.period);
        let mut keywords: Vec<String> =
            self.partner_ids.iter().map(|id| self.partner_name(id)).collect();
        keywords.push(period_label.clone());
        keywords.push("BNPT".into());
        if let Some(marking) = settings.marking {
            keywords.push(marking.as_str().into());
        }
        Meta {
            title: self.spec.title.get(language).unwrap_or_default().to_owned(),
            subtitle: words_in(self.spec.subtitle.as_ref(), language),
            author: words_in(self.spec.author.as_ref(), language),
            language,
            audience: settings.audience.as_str(),
            audience_label: audience_label(language, settings.audience),
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
            event_count: self.events.len(),
            provenance: Provenance {
                dataset: self.dataset.info.name.clone(),
                dataset_version: self.dataset.info.version.clone(),
                dataset_events: self.dataset.events.len(),
                spec: self
                    .spec
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                template: settings.template.clone(),
                tool: TOOL,
                typst: TYPST_VERSION,
            },
        }
    }
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

/// Optional words in `language`, or empty.
fn words_in(words: Option<&crate::spec::Words>, language: Language) -> String {
    words.and_then(|w| w.get(language)).unwrap_or_default().to_owned()
}

/// A section kind's default title.
fn section_title(language: Language, kind: SectionKind) -> &'static str {
    label(
        language,
        match kind {
            SectionKind::KeyFigures => "section-key-figures",
            SectionKind::Timeline => "section-timeline",
            SectionKind::Partners => "section-partners",
            SectionKind::Events => "section-events",
            SectionKind::Table => "section-table",
            SectionKind::Upcoming => "section-upcoming",
            SectionKind::Text => "section-text",
            SectionKind::Sources => "section-sources",
            SectionKind::Methodology => "section-methodology",
        },
    )
}

/// The note an empty section of `kind` prints.
fn empty_note(language: Language, kind: SectionKind) -> &'static str {
    label(
        language,
        match kind {
            SectionKind::Upcoming => "empty-upcoming",
            SectionKind::Sources => "empty-sources",
            _ => "empty-events",
        },
    )
}

/// What an unconfirmed engagement means on the as-of date.
fn unconfirmed_note(language: Language, as_of: chrono::NaiveDate) -> String {
    let day = format_date(language, PartialDate::day(as_of));
    match language {
        Language::En => {
            format!("announced, but no source published by {day} reports that it took place.")
        }
        Language::Id => format!(
            "sudah diumumkan, tetapi hingga {day} belum ada sumber yang melaporkan bahwa kegiatan ini terlaksana."
        ),
    }
}

/// An audience in words.
fn audience_label(language: Language, audience: Audience) -> &'static str {
    label(
        language,
        match audience {
            Audience::Executive => "audience-executive",
            Audience::Analyst => "audience-analyst",
            Audience::Public => "audience-public",
        },
    )
}

/// "5 of 13 engagements shown; the full brief lists all", in the brief's language.
fn shown_of(language: Language, shown: usize, of: usize) -> String {
    let (shown, all) = (format_number(language, shown), format_number(language, of));
    match language {
        Language::En => format!(
            "{shown} of {all} {} shown; the full brief lists all.",
            locale::engagements(language, of)
        ),
        Language::Id => {
            format!("{shown} dari {all} kegiatan ditampilkan; ringkasan lengkap memuat semuanya.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

    #[test]
    fn every_section_kind_and_audience_has_its_labels_in_both_languages() {
        for language in Language::ALL {
            for kind in <SectionKind as Vocabulary>::ALL {
                assert!(!section_title(*language, *kind).is_empty());
                assert!(!empty_note(*language, *kind).is_empty());
            }
            for audience in <Audience as Vocabulary>::ALL {
                assert!(!audience_label(*language, *audience).is_empty());
            }
        }
        assert_eq!(
            shown_of(Language::En, 5, 13),
            "5 of 13 engagements shown; the full brief lists all."
        );
        assert_eq!(
            shown_of(Language::Id, 5, 1300),
            "5 dari 1.300 kegiatan ditampilkan; ringkasan lengkap memuat semuanya."
        );
    }
}
