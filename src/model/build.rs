//! Building the brief model in steps: the brief's events and partners, numbered sources,
//! one entry per engagement, each section's content, and the metadata.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::dataset::{Dataset, Event, EventType, Query, Role, Status};
use crate::dates::PartialDate;
use crate::locale::{self, Language, format_date, format_number, format_span, label};
use crate::select::{self, Selection};
use crate::spec::{Audience, OnEmpty, SectionKind, SectionSpec, Spec};

use super::changes::changes;
use super::context::{BuildContext, Citations};
use super::figures::{key_figures, timeline};
use super::findings::findings;
use super::followups::follow_ups;
use super::methodology::methodology;
use super::profile::profile;
use super::{
    BriefData, BriefSettings, BuildError, Content, DateData, EventEntry, EventList, MarkingData,
    Meta, ParticipantEntry, PartnerRef, PeriodData, Provenance, Section, TOOL, TYPST_VERSION,
};

/// Builds the brief model. (Texts missing in the brief's language were warned about,
/// once per file, when the data was loaded.)
///
/// Sections come in the spec's order, except that a `summary` (the bottom line) always
/// comes first and, in an executive brief, the findings right after it.
pub fn build(
    spec: &Spec,
    settings: &BriefSettings,
    selection: &Selection,
    dataset: &Dataset,
) -> Result<BriefData, BuildError> {
    let language = settings.language;
    // Every record as it read on the brief's date: later revisions are not yet known.
    let known = dataset.known_on(settings.as_of);
    let dataset: &Dataset = &known;
    let events: Vec<&Event> = dataset.select(&selection.brief).collect();
    let partner_ids = brief_partners(dataset, &selection.brief, &events);
    let public = settings.audience == Audience::Public;
    let names = public.then(|| super::public::dataset_names(dataset, &spec.public_names));
    let citations = Citations {
        language,
        as_of: settings.as_of,
        withheld: names.clone(),
        state: RefCell::default(),
    };
    // An executive brief of a spec that lists no sections takes the executive ones,
    // each over the brief's own filter.
    let executive_sections: Vec<SectionSpec> =
        crate::spec::EXECUTIVE_SECTIONS.iter().map(|k| SectionSpec::of_kind(*k)).collect();
    let (order, left_out) = section_order(spec, settings, selection, &executive_sections);
    let brief = BuildContext {
        spec,
        settings,
        selection,
        dataset,
        language,
        events,
        partner_ids,
        citations,
        period_noted: std::cell::Cell::new(false),
        coverage_said: std::cell::Cell::new(false),
        has_follow_ups: order.iter().any(|(section, _)| section.kind == SectionKind::FollowUps),
        has_upcoming: order.iter().any(|(section, _)| section.kind == SectionKind::Upcoming),
    };
    let mut sections = Vec::new();
    for (spec_section, query) in order {
        if let Some(section) = brief.section(spec_section, query)? {
            sections.push((spec_section.on_empty, section));
        }
    }
    let sources = brief.citations.state.take().sources;
    let kept = settle_sources(sections, &sources, language)?;
    let partners = brief
        .partner_ids
        .iter()
        .map(|id| PartnerRef {
            id: id.clone(),
            name: brief.partner_name(id),
            short: brief.partner_short(id),
        })
        .collect();
    let mut meta = brief.meta();
    if !left_out.is_empty() {
        meta.left_out = language.words().left_out(&locale::join_list(language, &left_out, ", "));
    }
    let mut data = BriefData {
        meta,
        labels: locale::labels(language),
        sections: kept,
        partners,
        sources,
        glossary: Vec::new(),
        withheld: None,
    };
    // The brief's whole text, once: the glossary lists what it uses, and a public brief
    // is refused if it names anyone.
    let value = serde_json::to_value(&data).map_err(|e| BuildError::Serialise(e.to_string()))?;
    if let Some(names) = &names
        && let Some(message) = super::public::named_person(&value, names)
    {
        return Err(BuildError::NamesPerson(message));
    }
    data.glossary = super::glossary::used_terms(&value, &dataset.glossary, language);
    data.withheld = names;
    Ok(data)
}

/// The sections in the order the brief gives them, each with its filter, and the
/// titles of those an executive version leaves to the full brief.
///
/// A `summary` always comes first; an executive version opens with its summary, its
/// findings and what to do next, and leaves out what it does not carry in full: key
/// figures too when its findings state the same counts, unless the spec is an executive
/// brief of its own that asks for them.
fn section_order<'s>(
    spec: &'s Spec,
    settings: &BriefSettings,
    selection: &'s Selection,
    executive_sections: &'s [SectionSpec],
) -> (Vec<(&'s SectionSpec, &'s Query)>, Vec<String>) {
    let executive = settings.audience == Audience::Executive;
    let mut order: Vec<(&SectionSpec, &Query)> = if executive && spec.default_sections {
        executive_sections.iter().map(|s| (s, &selection.brief)).collect()
    } else {
        spec.sections.iter().zip(&selection.sections).collect()
    };
    order.sort_by_key(|(section, _)| match section.kind {
        SectionKind::Summary => 0,
        SectionKind::Findings if executive => 1,
        SectionKind::FollowUps if executive => 2,
        _ => 3,
    });
    let mut left_out: Vec<String> = Vec::new();
    if executive {
        let has_findings = order.iter().any(|(s, _)| s.kind == SectionKind::Findings);
        let derived = spec.audience != Audience::Executive;
        order.retain(|(section, _)| {
            let repeated = section.kind == SectionKind::KeyFigures && has_findings && derived;
            let kept = !CONDENSED_AWAY.contains(&section.kind) && !repeated;
            if !kept {
                left_out.push(heading(section, settings.language));
            }
            kept
        });
    }
    (order, left_out)
}

/// The sections once every other section has cited its sources: a source list with
/// nothing to list is left out, failed or noted as its section asks, and a brief that
/// lists no sources does not send its reader to them.
fn settle_sources(
    sections: Vec<(OnEmpty, Section)>,
    sources: &[super::SourceEntry],
    language: Language,
) -> Result<Vec<Section>, BuildError> {
    let mut kept = Vec::new();
    for (on_empty, mut section) in sections {
        if matches!(section.content, Content::Sources {}) && sources.is_empty() {
            match on_empty {
                OnEmpty::Omit => continue,
                OnEmpty::Fail => return Err(empty_section(&section.title, SectionKind::Sources)),
                OnEmpty::Note => {
                    section.empty_note = empty_note(language, SectionKind::Sources).to_owned();
                }
            }
        }
        kept.push(section);
    }
    let listed =
        !sources.is_empty() && kept.iter().any(|s| matches!(s.content, Content::Sources {}));
    if !listed {
        for section in &mut kept {
            if let Content::Methodology { notes, .. } = &mut section.content {
                for note in notes.iter_mut().filter(|n| *n == label(language, "method-sources")) {
                    *note = label(language, "method-sources-unlisted").to_owned();
                }
            }
        }
    }
    Ok(kept)
}

/// The rank of routine engagements among highlights: courtesy calls, staff visits.
const ROUTINE: u8 = 4;

/// The analyst's words are said to be this many months old, or more, under their
/// heading ("Written as of 28 February 2025, 21 months before this brief").
const WRITTEN_LONG_AGO_MONTHS: u32 = 6;

/// The first sentence of `text`: up to the first full stop followed by a space and a
/// capital letter, after a word of more than two letters (so that "St. Petersburg" or
/// an initial does not end it).
fn first_sentence(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find(". ").map(|i| from + i) {
        let word = text[..at].rsplit(' ').next().unwrap_or("");
        let next = text[at + 2..].chars().next();
        if word.chars().count() > 2 && next.is_some_and(char::is_uppercase) {
            return &text[..=at];
        }
        from = at + 2;
    }
    text
}

/// A section's heading in `language`: the spec's title, or the kind's own.
fn heading(section: &SectionSpec, language: Language) -> String {
    match section.title.as_ref().and_then(|t| t.get(language)) {
        Some(title) => title.to_owned(),
        None => section_title(language, section.kind).to_owned(),
    }
}

/// The sections an executive version leaves to the full brief: the comparison, the
/// timeline, the partner profiles and the table repeat at length what its findings and
/// key developments say, and the methodology is for the analyst.
const CONDENSED_AWAY: [SectionKind; 5] = [
    SectionKind::Changes,
    SectionKind::Timeline,
    SectionKind::Partners,
    SectionKind::Table,
    SectionKind::Methodology,
];

/// The error of an empty section whose spec says `on_empty = "fail"`.
fn empty_section(title: &str, kind: SectionKind) -> BuildError {
    BuildError::EmptySection(format!(
        "section `{title}` ({}) selected no engagements and has `on_empty = \"fail\"`",
        kind.as_str()
    ))
}

impl BuildContext<'_> {
    /// The note of an unfiltered section with nothing in its period: that nothing is on
    /// record, and how far the record reaches on the as-of date, so that a reader can
    /// tell a quiet month from a month the data does not reach yet.
    fn empty_period_note(&self) -> String {
        if let Some(gap) = self.period_not_collected() {
            return gap;
        }
        let nothing = label(self.language, "empty-period");
        if let Some(lag) = self.recording_lag(&self.selection.brief) {
            return format!("{nothing} {lag}");
        }
        let as_of = self.settings.as_of;
        let latest = self
            .dataset
            .events
            .iter()
            .filter(|e| e.first_day() <= as_of && e.is_public_on(as_of))
            .map(|e| e.date)
            .max_by_key(|d| d.first_day());
        match latest {
            Some(date) => {
                self.language.words().latest_on_record(nothing, &format_date(self.language, date))
            }
            None => nothing.to_owned(),
        }
    }

    /// That the record cannot speak of the brief's period, when all of it lies after the
    /// end of the collected record.
    pub(super) fn period_not_collected(&self) -> Option<String> {
        let end = self.dataset.collected_until()?;
        (end < self.settings.period.from).then(|| {
            self.language.words().period_not_collected(
                &locale::period_label(self.language, self.settings.period, self.settings.as_of),
                &format_date(self.language, crate::dates::PartialDate::day(end)),
            )
        })
    }

    /// That recording may lag, when the latest engagement held on record under `query`
    /// (its filter, any date) ends before the period does and the brief's date lies
    /// `lag_months` or more past it: a quiet stretch at the end of the record is a gap
    /// in collection as much as in activity.
    pub(super) fn recording_lag(&self, query: &Query) -> Option<String> {
        let as_of = self.settings.as_of;
        let scope = Query { period: None, ..query.clone() };
        let latest = self
            .dataset
            .select(&scope)
            .filter(|e| e.status_on(as_of) == Some(Status::Held) && e.first_day() <= as_of)
            .max_by_key(|e| e.last_day())?;
        let end = latest.last_day();
        // A record that reaches past the period's end says nothing of the period's gaps.
        if end >= self.settings.period.to {
            return None;
        }
        let months = crate::dates::whole_months(end, as_of);
        (months >= self.spec.lag_months).then(|| {
            let date = format_span(self.language, latest.date, latest.end);
            let months = locale::count_in_words(self.language, months as usize);
            let text = self.language.words().recording_lag(&date, &months);
            // Past the end of the record's coverage, nothing has been collected at all.
            let gap = crate::dates::Period { from: end, to: as_of };
            let caveat = self.dataset.thin_in(gap).map(|c| self.coverage_caveat(c, gap));
            locale::with_caveat(text, caveat)
        })
    }

    /// The source numbers of an engagement, numbering its sources if this is their
    /// first citation.
    pub(super) fn cite(&self, event: &Event) -> Vec<usize> {
        self.citations.cite(event)
    }

    /// The source numbers of several engagements, merged and sorted, each once.
    pub(super) fn cite_all(&self, events: &[&Event]) -> Vec<usize> {
        let mut refs: Vec<usize> = events.iter().flat_map(|e| self.cite(e)).collect();
        refs.sort_unstable();
        refs.dedup();
        refs
    }

    /// A partner's name in the brief's language.
    pub(super) fn partner_name(&self, id: &str) -> String {
        self.dataset
            .partner(id)
            .map_or_else(|| id.to_owned(), |p| p.name.get_or_other(self.language.code()).to_owned())
    }

    /// A partner's name for tight spaces.
    pub(super) fn partner_short(&self, id: &str) -> String {
        short_name(self.dataset, id, self.language.code())
    }

    /// An engagement as the brief prints it.
    /// The partners in other roles than counterpart, in words: "hosted by Thailand;
    /// invited: Australia"; capitalised when the event has no counterpart to precede it.
    fn involvement(&self, event: &Event) -> String {
        let mut phrases = Vec::new();
        for role in Role::ALL {
            let names: Vec<String> = event
                .roles
                .iter()
                .filter(|r| r.role == *role)
                .map(|r| self.partner_name(&r.partner))
                .collect();
            if !names.is_empty() {
                phrases.push(locale::role_phrase(self.language, *role, &names));
            }
        }
        let phrase = phrases.join("; ");
        if event.partners.is_empty() { locale::capitalised(&phrase) } else { phrase }
    }

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
            note: event.note.as_ref().map(|n| n.get_or_other(lang).to_owned()).unwrap_or_default(),
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
            involvement: self.involvement(event),
            title: event.title.get_or_other(lang).to_owned(),
            summary: event.summary.get_or_other(lang).to_owned(),
            place: place(language, event),
            participants,
            // A run-in list: "Topics: Threat assessment, information exchange".
            topics: event
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let name = self
                        .dataset
                        .topic(t)
                        .map_or_else(|| t.clone(), |t| t.name.get_or_other(lang).to_owned());
                    if i == 0 { name } else { locale::list_item(&name) }
                })
                .collect(),
            refs: self.cite(event),
        }
    }

    /// One section, or `None` when it is empty and its spec says to omit it.
    fn section(
        &self,
        spec_section: &SectionSpec,
        query: &Query,
    ) -> Result<Option<Section>, BuildError> {
        // Words written after the brief's date are left out; its methodology says that
        // commentary appears only where it was written by then, naming no later date.
        if !super::written::known_on(spec_section, self.settings.as_of) {
            return Ok(None);
        }
        let (kind, language) = (spec_section.kind, self.language);
        let mut events = if kind.selects_events() {
            select::section_events(self.dataset, kind, query, self.settings.as_of)
        } else {
            Vec::new()
        };
        // What is still to come (planned on the brief's date) is listed once: in "Coming
        // up", when the brief has it.
        let as_of = self.settings.as_of;
        if matches!(kind, SectionKind::Events | SectionKind::Table) && self.has_upcoming {
            events.retain(|e| e.status_on(as_of) != Some(Status::Planned));
        }
        // An executive brief's "Coming up" also holds what was announced and has lapsed
        // since the period began, what a director should hear about, unless the brief
        // has follow-ups of its own to say it.
        if kind == SectionKind::Upcoming
            && self.settings.audience == Audience::Executive
            && !self.has_follow_ups
        {
            events.extend(self.lapsed(query, self.settings.period.from));
            events.sort_by_key(|e| (e.first_day(), e.id.clone()));
        }
        // Findings always have something to say, if only that nothing happened, and so
        // do changes, but over a period the record has not reached: two empty periods
        // compared say nothing. The source list is checked once everything else has
        // cited.
        let uncollected_changes =
            kind == SectionKind::Changes && self.period_not_collected().is_some();
        let is_empty = kind.selects_events()
            && (uncollected_changes
                || !matches!(kind, SectionKind::Findings | SectionKind::Changes))
            && events.is_empty();
        let title = heading(spec_section, language);
        let empty_note = match (is_empty, spec_section.on_empty) {
            (false, _) => String::new(),
            (true, OnEmpty::Omit) => return Ok(None),
            (true, OnEmpty::Fail) => return Err(empty_section(&title, kind)),
            (true, OnEmpty::Note) if !query.filters() && kind != SectionKind::Upcoming => {
                match self.period_noted.replace(true) {
                    false => self.empty_period_note(),
                    true if self.period_not_collected().is_some() => {
                        label(language, "empty-not-collected").to_owned()
                    }
                    true => label(language, "empty-period-again").to_owned(),
                }
            }
            // Past the collected record, no plan on record is no news of plans.
            (true, OnEmpty::Note)
                if kind == SectionKind::Upcoming
                    && self
                        .dataset
                        .collected_until()
                        .is_some_and(|end| end < self.settings.as_of) =>
            {
                label(language, "empty-upcoming-not-collected").to_owned()
            }
            (true, OnEmpty::Note) => empty_note(language, kind).to_owned(),
        };
        let content = self.content(spec_section, query, &events);
        // One partner's profile is headed in the singular, unless the spec titles it.
        let title = match &content {
            Content::Partners { profiles, .. }
                if profiles.len() == 1 && spec_section.title.is_none() =>
            {
                label(language, "section-partner").to_owned()
            }
            _ => title,
        };
        let empty_note = match (&content, spec_section.on_empty) {
            (Content::FollowUps { items }, on_empty) if items.is_empty() => match on_empty {
                OnEmpty::Omit => return Ok(None),
                OnEmpty::Fail => return Err(empty_section(&title, kind)),
                OnEmpty::Note => self::empty_note(language, kind).to_owned(),
            },
            _ => empty_note,
        };
        let Some(written) = &spec_section.written else {
            return Ok(Some(Section { title, empty_note, written: String::new(), content }));
        };
        let date = format_date(self.language, written.date);
        // Words written long before the brief's date say how long: a reader weighs
        // them against the record since.
        let months = crate::dates::whole_months(written.date.last_day(), self.settings.as_of);
        let ago = (months >= WRITTEN_LONG_AGO_MONTHS)
            .then(|| locale::count_in_words(self.language, months as usize));
        let written = self.language.words().written_as_of(&date, ago.as_deref());
        Ok(Some(Section { title, empty_note, written, content }))
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
        // A period not yet over is charted to the brief's date, not to its end.
        let period =
            self.settings.period.elapsed(self.settings.as_of).unwrap_or(self.settings.period);
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
                    .map(|p| {
                        let mut profile = profile(language, p, events, self.settings.as_of);
                        profile.history = super::profile::history(self, &p.id);
                        profile
                    })
                    .collect(),
            },
            SectionKind::Events => Content::Events(self.event_list(spec_section, query, events)),
            SectionKind::Table => Content::Table(self.event_list(spec_section, query, events)),
            SectionKind::Upcoming => {
                Content::Upcoming(self.event_list(spec_section, query, events))
            }
            SectionKind::Findings => Content::Findings { findings: findings(self, query, events) },
            SectionKind::FollowUps => Content::FollowUps { items: follow_ups(self, query) },
            SectionKind::Changes => {
                Content::Changes(Box::new(changes(self, query, events, spec_section.compare)))
            }
            SectionKind::Summary => Content::Summary { body: self.body(spec_section) },
            SectionKind::Text => Content::Text { body: self.body(spec_section) },
            SectionKind::Assessment => Content::Assessment { body: self.body(spec_section) },
            SectionKind::Recommendations => {
                Content::Recommendations { body: self.body(spec_section) }
            }
            SectionKind::Outlook => Content::Outlook { body: self.body(spec_section) },
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

    /// A markup section's body in the brief's language.
    fn body(&self, spec_section: &SectionSpec) -> String {
        words_in(spec_section.body.as_ref(), self.language)
    }

    /// The engagements of a section, with the highlights chosen from them (see
    /// [`highlights`]), and a note of how many of all they are. An executive brief
    /// lists only the highlights, so that it cites only what it prints.
    fn event_list(
        &self,
        spec_section: &SectionSpec,
        query: &Query,
        events: &[&Event],
    ) -> EventList {
        // The section's partners: the spec's own, narrowed by the section's filter.
        let chosen = highlights(events, &query.partners, self.settings.highlights);
        let highlights_note = if chosen.len() < events.len() {
            shown_of(self.language, chosen.len(), events.len())
        } else {
            String::new()
        };
        let listed: Vec<&Event> = if self.settings.audience == Audience::Executive {
            chosen.clone()
        } else {
            events.to_vec()
        };
        // An executive version gives each key development its first sentence: the
        // full brief has the rest.
        let executive = self.settings.audience == Audience::Executive;
        let entry = |e: &&Event| {
            let mut entry = self.entry(e);
            if executive {
                // A lapsed announcement says that it lapsed, not what was to happen.
                entry.summary = match entry.status_note.is_empty() {
                    true => first_sentence(&entry.summary).to_owned(),
                    false => locale::capitalised(&entry.status_note),
                };
            }
            entry
        };
        EventList {
            detail: spec_section.detail,
            events: listed.iter().map(entry).collect(),
            highlights: chosen.iter().map(entry).collect(),
            highlights_note,
        }
    }

    /// Title, period, marking, keywords and provenance.
    fn meta(&self) -> Meta {
        let (settings, language) = (self.settings, self.language);
        let period_label = locale::period_label(language, settings.period, settings.as_of);
        let mut keywords: Vec<String> =
            self.partner_ids.iter().map(|id| self.partner_name(id)).collect();
        keywords.push(period_label.clone());
        let theme = super::ThemeData::of(&self.spec.theme, language);
        keywords.push(theme.short_name.clone());
        // The dataset's version stays in the file's metadata, whatever the brief's date.
        keywords.push(format!("dataset {}", self.dataset.info.version));
        if let Some(marking) = settings.marking {
            keywords.push(marking.as_str().into());
        }
        Meta {
            title: self.spec.title.get(language).unwrap_or_default().to_owned(),
            subtitle: words_in(self.spec.subtitle.as_ref(), language),
            author: words_in(self.spec.author.as_ref(), language),
            reference: self.spec.reference.clone().unwrap_or_default(),
            contact: words_in(self.spec.contact.as_ref(), language),
            language,
            audience: settings.audience.as_str(),
            audience_label: audience_label(language, settings.audience),
            marking: settings.marking.map(|m| {
                let (colour, background) = m.colours();
                let statement = locale::marking_statement(language, m.as_str());
                MarkingData { label: m.as_str(), colour, background, statement }
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
            record_until: self
                .dataset
                .collected_until()
                .filter(|end| *end < settings.as_of)
                .map(|end| {
                    language.words().record_until(&format_date(language, PartialDate::day(end)))
                })
                .unwrap_or_default(),
            theme,
            keywords,
            event_count: self.events.len(),
            left_out: String::new(),
            provenance: Provenance {
                dataset: self.dataset.info.name.get_or_other(language.code()).to_owned(),
                dataset_version: self.dataset.info.version.clone(),
                dataset_edition: match super::version_after(
                    &self.dataset.info.version,
                    settings.as_of,
                ) {
                    true => String::new(),
                    false => self.dataset.info.version.clone(),
                },
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

/// The few engagements that matter most, in date order, as an analyst would pick them:
/// the best of each named partner that has one (of those named first, when they are
/// more than `budget`), then the best of the rest up to `budget` in all. Agreements rank first (what the findings name first), then
/// working-group rounds, then engagements at ministerial or secretary level, then
/// consultations, conferences and programmes, then the rest (courtesy calls, visits of
/// staff); the newest first within each.
fn highlights<'a>(events: &[&'a Event], named: &[String], budget: usize) -> Vec<&'a Event> {
    let weight = |e: &Event| match e.kind {
        EventType::Mou | EventType::Agreement | EventType::Framework => 0,
        EventType::WorkingGroup => 1,
        _ if high_level(e) => 2,
        EventType::Consultation | EventType::Conference | EventType::Programme => 3,
        _ => ROUTINE,
    };
    // Within a rank, a meeting at ministerial level first, then the newest.
    let mut ranked: Vec<&Event> = events.to_vec();
    ranked.sort_by_cached_key(|e| {
        (weight(e), !high_level(e), std::cmp::Reverse(e.first_day()), e.id.clone())
    });
    let mut chosen: Vec<&Event> = Vec::new();
    // Each named partner's best, unless that is routine (a courtesy call, a staff
    // visit): a routine call is no key development, however few the partner has.
    for partner in named {
        if let Some(best) = ranked.iter().find(|e| e.partners.contains(partner))
            && weight(best) < ROUTINE
            && !chosen.iter().any(|c| c.id == best.id)
        {
            chosen.push(best);
        }
    }
    // A budget smaller than the named partners keeps the bests of those named first.
    chosen.truncate(budget);
    for event in &ranked {
        if chosen.len() >= budget {
            break;
        }
        if !chosen.iter().any(|c| c.id == event.id) {
            chosen.push(event);
        }
    }
    chosen.sort_by_key(|e| (e.first_day(), e.id.clone()));
    chosen
}

/// Titles that mark a counterpart at ministerial or secretary level, as whole words of a
/// participant's English role ("Under-Secretary-General" has "Secretary"; "United
/// Kingdom" has no "King").
const SENIOR_TITLES: [&str; 5] = ["Minister", "Secretary", "President", "King", "Commissioner"];

/// Whether a counterpart at ministerial or secretary level took part: a role with a
/// senior title that is not one of BNPT's own.
fn high_level(event: &Event) -> bool {
    event.participants.iter().any(|p| {
        let role = p.role.get_or_other("en");
        let words = || role.split(|c: char| !c.is_alphanumeric());
        !words().any(|w| w == "BNPT") && words().any(|w| SENIOR_TITLES.contains(&w))
    })
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
/// the selected engagements, most engaged first. A group the spec names stands for its
/// members: the group and the members without engagements are left out.
fn brief_partners(dataset: &Dataset, query: &Query, events: &[&Event]) -> Vec<String> {
    if !query.partners.is_empty() {
        let engaged = |p: &String| events.iter().any(|e| e.partners.contains(p));
        let group_of = |p: &String| {
            query.partners.iter().filter_map(|g| dataset.partner(g)).any(|g| g.members.contains(p))
        };
        let is_group = |p: &String| dataset.partner(p).is_some_and(|g| !g.members.is_empty());
        return query
            .partners
            .iter()
            .filter(|p| engaged(p) || !(group_of(p) || is_group(p)))
            .cloned()
            .collect();
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
        parts.push(locale::city(language, city));
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
pub(super) fn words_in(words: Option<&crate::spec::Words>, language: Language) -> String {
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
            SectionKind::FollowUps => "section-follow-ups",
            SectionKind::Text => "section-text",
            SectionKind::Summary => "section-summary",
            SectionKind::Findings => "section-findings",
            SectionKind::Changes => "section-changes",
            SectionKind::Assessment => "section-assessment",
            SectionKind::Recommendations => "section-recommendations",
            SectionKind::Outlook => "section-outlook",
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
            SectionKind::FollowUps => "empty-follow-ups",
            SectionKind::Sources => "empty-sources",
            _ => "empty-events",
        },
    )
}

/// What an unconfirmed engagement means on the as-of date.
fn unconfirmed_note(language: Language, as_of: chrono::NaiveDate) -> String {
    language.words().unconfirmed_note(&format_date(language, PartialDate::day(as_of)))
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
    language.words().shown_of(&format_number(language, shown), &format_number(language, of), of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

    #[test]
    fn a_first_sentence_ends_at_a_full_stop_not_at_an_initial() {
        assert_eq!(first_sentence("BNPT met UNOCT. Talks covered CBRN."), "BNPT met UNOCT.");
        assert_eq!(
            first_sentence("A visit to St. Petersburg. Then more."),
            "A visit to St. Petersburg."
        );
        assert_eq!(first_sentence("One sentence only."), "One sentence only.");
    }

    #[test]
    fn a_senior_title_counts_as_a_whole_word_of_a_counterpart_s_role() {
        let dataset = Dataset::bundled().unwrap();
        let mut event =
            dataset.events.iter().find(|e| e.id == "2021-11-gbr-jwg-1").unwrap().clone();
        assert!(high_level(&event), "the UK Foreign Secretary");
        for (role, high) in [
            ("UN Under-Secretary-General for Counter-Terrorism", true),
            ("Ambassador of the United Kingdom", false),
            ("Principal Secretary of BNPT", false),
            ("Deputy Director, Commissioning Unit", false),
        ] {
            let role = crate::dataset::Text { en: Some(role.into()), id: None };
            event.participants =
                vec![crate::dataset::Participant { name: "A B".into(), family: None, role }];
            assert_eq!(high_level(&event), high, "{:?}", event.participants[0].role.en);
        }
    }

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
