//! Key findings: what the record shows for the period, in sentences built from tested
//! templates in both languages. Every number is counted from the selection; a finding
//! that names engagements cites their sources.

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::dataset::{Dataset, Event, EventType, Query, Status};
use crate::dates::{Period, Precision};
use crate::locale::{
    self, Language, capitalised, count_in_words, format_date, format_number, format_span,
    in_sentence, join_list, ordinal, percent,
};
use crate::select;
use crate::spec::SectionKind;

use super::Finding;
use super::build::Brief;

/// The most findings a section prints.
const MAX_FINDINGS: usize = 6;

/// The most items one sentence lists before "and N more".
const MAX_LISTED: usize = 4;

/// The types counted as MoUs and agreements.
pub(super) const AGREEMENTS: [EventType; 3] =
    [EventType::Mou, EventType::Agreement, EventType::Framework];

/// The findings of a section over `events` (its selection, as known on the as-of date).
pub(super) fn findings(brief: &Brief<'_>, query: &Query, events: &[&Event]) -> Vec<Finding> {
    let facts = Facts::new(brief, query, events);
    let mut found: Vec<Finding> = [
        facts.volume(),
        facts.leading_partners(),
        Some(facts.agreements()),
        facts.working_groups(),
        facts.first_engagements(),
        facts.upcoming(),
        facts.certainty(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Past six, the upcoming engagements go first (they have a section of their own),
    // then the first engagements.
    for drop in [5, 4] {
        if found.len() > MAX_FINDINGS {
            found.remove(drop);
        }
    }
    found
}

/// What the findings are computed from.
pub(super) struct Facts<'b, 'a> {
    pub(super) brief: &'b Brief<'a>,
    pub(super) language: Language,
    pub(super) as_of: NaiveDate,
    pub(super) period: Period,
    pub(super) query: &'b Query,
    /// The engagements held in the period.
    pub(super) held: Vec<&'a Event>,
    /// Each partner's first engagement held in the whole record, found in one pass
    /// over the dataset when first needed.
    firsts: OnceCell<HashMap<&'a str, &'a Event>>,
}

impl<'b, 'a> Facts<'b, 'a> {
    /// The facts of a section.
    pub(super) fn new(brief: &'b Brief<'a>, query: &'b Query, events: &[&'a Event]) -> Self {
        let as_of = brief.settings.as_of;
        let held =
            events.iter().copied().filter(|e| e.status_on(as_of) == Some(Status::Held)).collect();
        Facts {
            brief,
            language: brief.language,
            as_of,
            period: brief.settings.period,
            query,
            held,
            firsts: OnceCell::new(),
        }
    }

    fn dataset(&self) -> &'a Dataset {
        self.brief.dataset
    }

    /// Engagements held in `period` under the section's filter, as known on the as-of date.
    pub(super) fn held_in(&self, period: Period) -> Vec<&'a Event> {
        let query = Query { period: Some(period), ..self.query.clone() };
        self.dataset()
            .select(&query)
            .filter(|e| e.status_on(self.as_of) == Some(Status::Held))
            .collect()
    }

    /// A partner's name as it stands inside a sentence.
    pub(super) fn name(&self, id: &str) -> String {
        in_sentence(self.language, &self.brief.partner_name(id))
    }

    /// The partners of an engagement, as they stand inside a sentence.
    pub(super) fn partners_of(&self, event: &Event) -> String {
        let names: Vec<String> = event.partners.iter().map(|p| self.name(p)).collect();
        join_list(self.language, &names, ", ")
    }

    /// The partners of `events` that are counted: those the section is about, in its
    /// order, or every partner of `events` in order of appearance.
    pub(super) fn counted_partners(&self, events: &[&Event]) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for event in events {
            for partner in &event.partners {
                if !ids.contains(partner) {
                    ids.push(partner.clone());
                }
            }
        }
        if self.query.partners.is_empty() {
            ids
        } else {
            self.query.partners.iter().filter(|p| ids.contains(p)).cloned().collect()
        }
    }

    /// Engagements per partner, most first (ties by name).
    pub(super) fn per_partner(&self, events: &[&Event]) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self
            .counted_partners(events)
            .into_iter()
            .map(|p| {
                let n = events.iter().filter(|e| e.partners.contains(&p)).count();
                (p, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.brief.partner_name(&a.0).cmp(&self.brief.partner_name(&b.0)))
        });
        counts
    }

    /// The sources of several engagements, merged and sorted.
    pub(super) fn cite_all(&self, events: &[&Event]) -> Vec<usize> {
        let mut refs: Vec<usize> = events.iter().flat_map(|e| self.brief.cite(e)).collect();
        refs.sort_unstable();
        refs.dedup();
        refs
    }

    /// The first engagement held with `partner` in the whole record, as known on the
    /// as-of date.
    pub(super) fn first_with(&self, partner: &str) -> Option<&'a Event> {
        let firsts = self.firsts.get_or_init(|| {
            let mut firsts: HashMap<&'a str, &'a Event> = HashMap::new();
            let dataset = self.dataset();
            for event in
                dataset.events.iter().filter(|e| e.status_on(self.as_of) == Some(Status::Held))
            {
                for partner in &event.partners {
                    let first = firsts.entry(partner.as_str()).or_insert(event);
                    if (event.first_day(), &event.id) < (first.first_day(), &first.id) {
                        *first = event;
                    }
                }
            }
            firsts
        });
        firsts.get(partner).copied()
    }

    /// "with" in the brief's language, before a partner's name.
    pub(super) fn with_word(&self) -> &'static str {
        match self.language {
            Language::En => "with",
            Language::Id => "dengan",
        }
    }

    /// The part of `items` a sentence lists by name (see [`Facts::listed`]): what it
    /// cites.
    pub(super) fn named<T>(items: &[T]) -> &[T] {
        if items.len() > MAX_LISTED { &items[..MAX_LISTED - 1] } else { items }
    }

    /// Items listed in a sentence, at most [`MAX_LISTED`], then "N more".
    pub(super) fn listed(&self, mut items: Vec<String>, separator: &str) -> String {
        if items.len() > MAX_LISTED {
            let more = items.len() - (MAX_LISTED - 1);
            items.truncate(MAX_LISTED - 1);
            items.push(match self.language {
                Language::En => format!("{more} more"),
                Language::Id => format!("{more} lainnya"),
            });
        }
        join_list(self.language, &items, separator)
    }

    fn date(&self, event: &Event) -> String {
        format_span(self.language, event.date, event.end)
    }

    fn period_name(&self, period: Period) -> String {
        locale::period_name(self.language, period)
    }

    /// How many were held, against the period of equal length before.
    fn volume(&self) -> Option<Finding> {
        let previous = self.period.previous();
        let (n, m) = (self.held.len(), self.held_in(previous).len());
        let (this, before) = (self.period_name(self.period), self.period_name(previous));
        let (nf, mf) = (format_number(self.language, n), format_number(self.language, m));
        let text = match (self.language, n) {
            (Language::En, 0) if m == 0 => {
                format!("The record shows no engagement held in {this} or in {before}.")
            }
            (Language::En, 0) => {
                format!("The record shows no engagement held in {this}, against {mf} in {before}.")
            }
            (Language::Id, 0) if m == 0 => {
                format!("Tidak tercatat kegiatan yang terlaksana pada {this} maupun {before}.")
            }
            (Language::Id, 0) => format!(
                "Tidak tercatat kegiatan yang terlaksana pada {this}, dibandingkan {mf} pada {before}."
            ),
            (Language::En, _) => {
                let trend = match m {
                    0 => format!("against none in {before}"),
                    _ if n > m => format!("up from {mf} in {before}"),
                    _ if n < m => format!("down from {mf} in {before}"),
                    _ => format!("as many as in {before}"),
                };
                let noun = locale::engagements(self.language, n);
                format!("In {this}, the record shows {nf} {noun} held, {trend}.")
            }
            (Language::Id, _) => {
                let trend = match m {
                    0 => format!("sedangkan pada {before} tidak ada"),
                    _ if n > m => format!("naik dari {mf} pada {before}"),
                    _ if n < m => format!("turun dari {mf} pada {before}"),
                    _ => format!("sama dengan jumlah pada {before}"),
                };
                format!("Pada {this} tercatat {nf} kegiatan terlaksana, {trend}.")
            }
        };
        Some(Finding { text, refs: vec![] })
    }

    /// The most engaged partners and their share, when there are several partners.
    fn leading_partners(&self) -> Option<Finding> {
        let counts = self.per_partner(&self.held);
        let n = self.held.len();
        if counts.len() < 2 || n < 2 {
            return None;
        }
        let top = counts[0].1;
        let leaders: Vec<&(String, usize)> = counts.iter().filter(|(_, k)| *k == top).collect();
        if leaders.len() > 3 {
            return None;
        }
        let share = percent(top, n);
        let (topf, nf) = (format_number(self.language, top), format_number(self.language, n));
        let names: Vec<String> = leaders.iter().map(|(p, _)| self.name(p)).collect();
        let names = join_list(self.language, &names, ", ");
        // The partners next by count: whole groups of equal count, so that of two
        // partners with the same count neither is named alone; two or three names.
        let mut next: Vec<String> = Vec::new();
        for group in counts[leaders.len()..].chunk_by(|a, b| a.1 == b.1) {
            if next.len() >= 2 || next.len() + group.len() > 3 {
                break;
            }
            next.extend(
                group.iter().map(|(p, k)| {
                    format!("{} ({})", self.name(p), format_number(self.language, *k))
                }),
            );
        }
        let next = join_list(self.language, &next, ", ");
        let text = match (self.language, leaders.len()) {
            (Language::En, 1) => {
                let mut text = format!(
                    "{} was the most engaged partner, with {topf} of the {nf} engagements ({share})",
                    capitalised(&names)
                );
                if !next.is_empty() {
                    text.push_str(&format!("; next came {next}"));
                }
                text + "."
            }
            (Language::En, _) => format!(
                "{} were the most engaged partners, with {topf} of the {nf} engagements each ({share}).",
                capitalised(&names)
            ),
            (Language::Id, 1) => {
                let mut text = format!(
                    "Mitra paling aktif adalah {names}, dengan {topf} dari {nf} kegiatan ({share})"
                );
                if !next.is_empty() {
                    text.push_str(&format!(", disusul {next}"));
                }
                text + "."
            }
            (Language::Id, _) => format!(
                "Mitra paling aktif adalah {names}, masing-masing dengan {topf} dari {nf} kegiatan ({share})."
            ),
        };
        Some(Finding { text, refs: vec![] })
    }

    /// The MoUs and agreements concluded, with whom and when.
    fn agreements(&self) -> Finding {
        let signed: Vec<&Event> =
            self.held.iter().copied().filter(|e| AGREEMENTS.contains(&e.kind)).collect();
        let this = self.period_name(self.period);
        if signed.is_empty() {
            let text = match self.language {
                Language::En => {
                    format!("The record shows no MoU or agreement concluded in {this}.")
                }
                Language::Id => format!(
                    "Tidak tercatat nota kesepahaman atau perjanjian yang disepakati pada {this}."
                ),
            };
            return Finding { text, refs: vec![] };
        }
        let with = self.with_word();
        let items: Vec<String> = signed
            .iter()
            .map(|e| format!("{with} {} ({})", self.partners_of(e), self.date(e)))
            .collect();
        let list = self.listed(items, ", ");
        let count = count_in_words(self.language, signed.len());
        let text = match (self.language, signed.len()) {
            (Language::En, 1) => {
                format!("The record shows one MoU or agreement concluded: {list}.")
            }
            (Language::En, _) => {
                format!("The record shows {count} MoUs and agreements concluded: {list}.")
            }
            (Language::Id, _) => format!(
                "Tercatat {count} nota kesepahaman atau perjanjian yang disepakati: {list}."
            ),
        };
        Finding { text, refs: self.cite_all(Self::named(&signed)) }
    }

    /// The working-group rounds held, each with its number and the previous round.
    fn working_groups(&self) -> Option<Finding> {
        let rounds: Vec<&Event> =
            self.held.iter().copied().filter(|e| e.kind == EventType::WorkingGroup).collect();
        if rounds.is_empty() {
            return None;
        }
        let items: Vec<String> = rounds.iter().map(|e| self.round_clause(e, &rounds)).collect();
        let list = self.listed(items, "; ");
        let count = count_in_words(self.language, rounds.len());
        let text = match (self.language, rounds.len()) {
            (Language::En, 1) => format!("The record shows one working-group round held: {list}."),
            (Language::En, _) => {
                format!("The record shows {count} working-group rounds held: {list}.")
            }
            (Language::Id, _) => {
                format!("Tercatat {count} putaran kelompok kerja bersama: {list}.")
            }
        };
        Some(Finding { text, refs: self.cite_all(Self::named(&rounds)) })
    }

    /// "the 4th with the Philippines (24 March 2022), following the 3rd of 5 September
    /// 2019"; the previous round is left out when `listed`, the same sentence, names it.
    fn round_clause(&self, event: &Event, listed: &[&Event]) -> String {
        let (partners, date) = (self.partners_of(event), self.date(event));
        let Some(round) = event.round else {
            return match self.language {
                Language::En => format!("a round with {partners} ({date})"),
                Language::Id => format!("satu putaran dengan {partners} ({date})"),
            };
        };
        let mut clause = match self.language {
            Language::En => {
                format!("the {} with {partners} ({date})", ordinal(self.language, round))
            }
            Language::Id => {
                format!("putaran {} dengan {partners} ({date})", ordinal(self.language, round))
            }
        };
        if let Some(previous) = self.previous_round(event, round)
            && !listed.iter().any(|e| e.id == previous.id)
        {
            let (number, when) = (ordinal(self.language, round - 1), self.date(previous));
            clause.push_str(&match self.language {
                Language::En => format!(", following the {number} of {when}"),
                Language::Id => format!(", setelah putaran {number} pada {when}"),
            });
        }
        clause
    }

    /// The round before `round` of the same working group, if the record holds it.
    fn previous_round(&self, event: &Event, round: u32) -> Option<&'a Event> {
        self.dataset().events.iter().find(|e| {
            e.kind == EventType::WorkingGroup
                && e.round == Some(round - 1)
                && e.partners == event.partners
                && e.status_on(self.as_of) == Some(Status::Held)
        })
    }

    /// Partners whose first engagement on record falls in the period; nothing when the
    /// record itself starts in the period (everything would be a first).
    fn first_engagements(&self) -> Option<Finding> {
        let record_starts_before = self
            .dataset()
            .events
            .iter()
            .any(|e| e.first_day() < self.period.from && e.status_on(self.as_of).is_some());
        if !record_starts_before {
            return None;
        }
        let firsts: Vec<(String, &Event)> = self
            .counted_partners(&self.held)
            .into_iter()
            .filter_map(|p| self.first_with(&p).map(|e| (p, e)))
            .filter(|(_, e)| (self.period.from..=self.period.to).contains(&e.first_day()))
            .collect();
        let mut firsts = firsts;
        firsts.sort_by_key(|(_, e)| (e.first_day(), e.id.clone()));
        if firsts.is_empty() {
            return None;
        }
        let items: Vec<String> =
            firsts.iter().map(|(p, e)| format!("{} ({})", self.name(p), self.date(e))).collect();
        let list = self.listed(items, ", ");
        let events: Vec<&Event> = firsts.iter().map(|(_, e)| *e).collect();
        let text = match (self.language, firsts.len()) {
            (Language::En, 1) => {
                format!("The record's first engagement with {list} falls in this period.")
            }
            (Language::En, _) => {
                format!("The record's first engagements with {list} fall in this period.")
            }
            (Language::Id, _) => {
                format!("Kegiatan pertama yang tercatat dengan {list} terjadi pada periode ini.")
            }
        };
        Some(Finding { text, refs: self.cite_all(Self::named(&events)) })
    }

    /// What is announced for after the as-of date.
    fn upcoming(&self) -> Option<Finding> {
        let dataset = self.dataset();
        let planned =
            select::section_events(dataset, SectionKind::Upcoming, self.query, self.as_of);
        let next = planned.iter().min_by_key(|e| (e.first_day(), e.id.clone()))?;
        let lang = self.language.code();
        let title = next.title.get_or_other(lang);
        let (day, date) = (
            format_date(self.language, crate::dates::PartialDate::day(self.as_of)),
            self.date(next),
        );
        let count = count_in_words(self.language, planned.len());
        let text = match (self.language, planned.len()) {
            (Language::En, 1) => format!(
                "The record shows one engagement announced for after {day}, on {date}: {title}."
            ),
            (Language::En, _) => format!(
                "The record shows {count} engagements announced for after {day}; the next, on {date}: {title}."
            ),
            (Language::Id, 1) => format!(
                "Tercatat satu kegiatan yang diumumkan untuk setelah {day}, pada {date}: {title}."
            ),
            (Language::Id, _) => format!(
                "Tercatat {count} kegiatan yang diumumkan untuk setelah {day}; yang terdekat, pada {date}: {title}."
            ),
        };
        Some(Finding { text, refs: self.brief.cite(next) })
    }

    /// How many engagements rest on an uncertain date or on a single source.
    fn certainty(&self) -> Option<Finding> {
        let n = self.held.len();
        if n == 0 {
            return None;
        }
        let uncertain = self.held.iter().filter(|e| uncertain_date(e)).count();
        let single = self.held.iter().filter(|e| e.sources_on(self.as_of).count() == 1).count();
        let nf = format_number(self.language, n);
        let (uf, sf) =
            (count_in_words(self.language, uncertain), count_in_words(self.language, single));
        let text = match self.language {
            Language::En => {
                let dates = match uncertain {
                    0 => "none has a date known only roughly or qualified by a note".to_owned(),
                    1 => "one has a date known only to the month or year or qualified by a note"
                        .to_owned(),
                    _ => format!(
                        "{uf} have a date known only to the month or year or qualified by a note"
                    ),
                };
                let sources = match single {
                    0 => "none rests on a single source".to_owned(),
                    1 => "one rests on a single source".to_owned(),
                    _ => format!("{sf} rest on a single source"),
                };
                if n == 1 {
                    let date = if uncertain == 1 {
                        "a date known only to the month or year or qualified by a note"
                    } else {
                        "an exact date"
                    };
                    let source =
                        if single == 1 { "a single source" } else { "more than one source" };
                    format!("The one engagement has {date} and rests on {source}.")
                } else {
                    format!("Of the {nf} engagements, {dates}, and {sources}.")
                }
            }
            Language::Id => {
                let dates = match uncertain {
                    0 => "tidak ada yang tanggalnya hanya diketahui sampai bulan atau tahun atau disertai catatan"
                        .to_owned(),
                    _ => format!(
                        "{uf} di antaranya tanggalnya hanya diketahui sampai bulan atau tahun atau disertai catatan"
                    ),
                };
                let sources = match single {
                    0 => "tidak ada yang hanya didukung satu sumber".to_owned(),
                    _ => format!("{sf} hanya didukung oleh satu sumber"),
                };
                format!("Dari {nf} kegiatan tersebut, {dates}, dan {sources}.")
            }
        };
        Some(Finding { text, refs: vec![] })
    }
}

/// Whether an engagement's date needs a second look: known only to the month or year,
/// or qualified by a note (an inferred year, sources that disagree).
pub(super) fn uncertain_date(event: &Event) -> bool {
    event.date_note.is_some() || event.date.precision() != Precision::Day
}
