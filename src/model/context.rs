//! The context of one brief's build: what every step reads, and the sources it has
//! cited so far, numbered in the order the brief prints them.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::dataset::{Dataset, Event, NameIndex, Query, Status};
use crate::locale::{Language, format_date};
use crate::select::Selection;
use crate::spec::Spec;

use super::{BriefSettings, SourceEntry};

/// What every step of one brief's build reads: the spec, its settings and selection, the
/// dataset as known on the brief's date, and the sources cited so far. Findings,
/// changes, follow-ups and profiles read it; `build.rs` drives it.
pub(super) struct BuildContext<'a> {
    pub(super) spec: &'a Spec,
    pub(super) settings: &'a BriefSettings,
    pub(super) selection: &'a Selection,
    pub(super) dataset: &'a Dataset,
    pub(super) language: Language,
    /// The engagements the brief's filter selects.
    pub(super) events: Vec<&'a Event>,
    /// The brief's partners, in order.
    pub(super) partner_ids: Vec<String>,
    /// The sources cited so far.
    pub(super) citations: Citations,
    /// Whether an empty section has already said that nothing is on record for the
    /// period (and how far the record reaches): later empty sections say it briefly.
    pub(super) period_noted: std::cell::Cell<bool>,
    /// Whether a sentence has already given the record's coverage in full: later ones
    /// say it briefly.
    pub(super) coverage_said: std::cell::Cell<bool>,
    /// Whether the brief has a follow-ups section: it names the lapsed announcements,
    /// which "Coming up" then leaves to it.
    pub(super) has_follow_ups: bool,
    /// Whether the brief has a section of what is coming up, which then holds the
    /// announcements still to come (follow-ups do not repeat them).
    pub(super) has_upcoming: bool,
}

impl<'a> BuildContext<'a> {
    /// The unit that acts on the open items of `partners`, in the brief's language:
    /// the spec's `[owners]` unit of the first of them that has one, else its
    /// `default`; `None` when the spec names none.
    pub(super) fn owner_of(&self, partners: &[String]) -> Option<String> {
        let owners = &self.selection.owners;
        let unit = partners
            .iter()
            .find_map(|p| owners.iter().find(|(id, _)| id.as_ref() == Some(p)))
            .or_else(|| owners.iter().find(|(id, _)| id.is_none()))
            .map(|(_, unit)| unit)?;
        unit.get_or_other(self.language).map(str::to_owned)
    }

    /// Announcements under `query`'s filter, at any date, whose date has passed by the
    /// brief's date with no report that they took place, and that end on or after
    /// `since`.
    pub(super) fn lapsed(&self, query: &Query, since: NaiveDate) -> Vec<&'a Event> {
        let scope = Query { period: None, status: vec![Status::Unconfirmed], ..query.clone() };
        self.dataset.select(&scope).filter(|e| e.last_day() >= since).collect()
    }

    /// The caveat of a statement over `period` reaching outside `coverage`, in full the
    /// first time in the brief ("nothing after 2025 has been collected yet", "the record
    /// is systematic only for 2019–2025: …"), then briefly.
    pub(super) fn coverage_caveat(
        &self,
        coverage: &crate::dataset::Coverage,
        period: crate::dates::Period,
    ) -> String {
        let again = self.coverage_said.replace(true);
        crate::locale::coverage_caveat(self.language, coverage, period, again)
    }

    /// The caveat of a "first on record" before `day` when the record before it is
    /// thin: " (the record is systematic only from 2019, so an engagement before 2019 may
    /// be missing)". None when `day` lies after the record turns systematic: a first
    /// engagement of 2022 is not explained by a thin record before 2019 (the sentences
    /// that say "first on record" say themselves that reporting may have missed one).
    /// Said in full the first time a caveat is given, then briefly.
    pub(super) fn thin_first(&self, day: NaiveDate) -> Option<String> {
        let coverage = self.dataset.thin_before(day)?;
        if day > coverage.from.first_day() + chrono::Days::new(1) {
            return None;
        }
        let start = crate::locale::coverage_bound(self.language, coverage.from);
        let words = self.language.words();
        Some(match self.coverage_said.replace(true) {
            true => words.thin_first_again(&start),
            false => {
                words.thin_first(&crate::locale::coverage_span(self.language, coverage), &start)
            }
        })
    }
}

/// Sources numbered as they are first cited, in the order the brief prints them: the
/// source list holds exactly what the brief cites, and a page published after the
/// as-of date is never cited.
pub(super) struct Citations {
    pub(super) language: Language,
    pub(super) as_of: NaiveDate,
    /// In a public brief, the names a source's title must not carry: such a page is
    /// listed by publisher, date and address only.
    pub(super) withheld: Option<NameIndex>,
    pub(super) state: RefCell<CitationState>,
}

/// The numbered sources, and the numbers of each engagement cited so far.
#[derive(Default)]
pub(super) struct CitationState {
    pub(super) sources: Vec<SourceEntry>,
    number_of: HashMap<String, usize>,
    refs_of: HashMap<String, Vec<usize>>,
}

impl Citations {
    /// The numbers of `event`'s sources public on the as-of date, numbering those not
    /// cited before.
    pub(super) fn cite(&self, event: &Event) -> Vec<usize> {
        let mut state = self.state.borrow_mut();
        if let Some(refs) = state.refs_of.get(&event.id) {
            return refs.clone();
        }
        let mut refs = Vec::new();
        for source in event.sources_on(self.as_of) {
            let number = match state.number_of.get(&source.url) {
                Some(number) => *number,
                None => {
                    let number = state.sources.len() + 1;
                    state.sources.push(SourceEntry {
                        number,
                        publisher: source.publisher.clone(),
                        title: source
                            .title
                            .clone()
                            .filter(|t| self.withheld.as_ref().is_none_or(|n| n.find(t).is_none()))
                            .unwrap_or_default(),
                        url: source.url.clone(),
                        published: source
                            .published
                            .map(|d| format_date(self.language, d))
                            .unwrap_or_default(),
                        published_iso: source.published.map(|d| d.to_string()).unwrap_or_default(),
                        // A brief knows only what was known on its date: an access after
                        // it is not shown.
                        accessed: source
                            .accessed
                            .filter(|d| d.last_day() <= self.as_of)
                            .map(|d| format_date(self.language, d))
                            .unwrap_or_default(),
                        reports: source.reports.as_str(),
                        secondary: source.secondary,
                    });
                    state.number_of.insert(source.url.clone(), number);
                    number
                }
            };
            if !refs.contains(&number) {
                refs.push(number);
            }
        }
        refs.sort_unstable();
        state.refs_of.insert(event.id.clone(), refs.clone());
        refs
    }
}
