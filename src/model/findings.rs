//! Key findings: what the record shows for the period, in sentences built from tested
//! templates in both languages. Every number is counted from the selection; a finding
//! that names engagements cites their sources.

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::dataset::{Dataset, Direction, Event, EventType, Query, Status};
use crate::dates::{Period, Precision};
use crate::locale::{
    self, Group, Language, Length, Phrasebook, Trend, count_in_words, format_date, format_number,
    format_span, in_sentence, join_list, ordinal, percent,
};
use crate::select;
use crate::spec::SectionKind;

use super::Finding;
use super::context::BuildContext;

/// The most findings a section prints.
const MAX_FINDINGS: usize = 7;

/// The covered years before a period are a baseline worth giving when they span at
/// least this many months.
const MIN_BASELINE_MONTHS: u32 = 12;

/// The most findings an executive brief prints.
const MAX_EXECUTIVE_FINDINGS: usize = 5;

/// The most items one sentence lists before "and N more".
const MAX_LISTED: usize = 4;

/// The most partners a sentence that is about who they are (first engagements, partners
/// active again or quiet) names before "N more": "and two more" would hide them.
const MAX_NAMES_LISTED: usize = 8;

/// The types counted as MoUs and agreements, as the key figures and profiles count
/// them (a framework adopted, such as a regional work plan, is neither).
pub(super) const AGREEMENTS: [EventType; 2] = [EventType::Mou, EventType::Agreement];

/// The findings of a section over `events` (its selection, as known on the as-of date).
pub(super) fn findings(brief: &BuildContext<'_>, query: &Query, events: &[&Event]) -> Vec<Finding> {
    // A period the record has not reached yet has one finding: that it has not.
    if let Some(text) = brief.period_not_collected() {
        // Said here, empty sections after it need not say it again.
        brief.period_noted.set(true);
        return vec![Finding { text, refs: vec![] }];
    }
    let facts = Facts::new(brief, query, events);
    // An executive brief keeps fewer: the analyst's brief has the rest.
    let max = match brief.settings.audience {
        crate::spec::Audience::Executive => MAX_EXECUTIVE_FINDINGS,
        _ => MAX_FINDINGS,
    };
    // Each finding with its place in the section, in the order they give way past the
    // most a brief prints: the upcoming engagements first (they have a section of their
    // own), then the first engagements, then the record's certainty, then the rest from
    // the last (what the analyst's words predate, what came after the period). Each is computed only if it is kept, so that no source is numbered for
    // a finding the brief does not print.
    let candidates = [
        (0, Facts::volume as fn(&_) -> _),
        (1, Facts::recording_lag),
        (2, Facts::leading_partners),
        (3, |facts| Some(facts.agreements())),
        (4, Facts::working_groups),
        (5, Facts::since_period),
        (6, Facts::since_written),
        (9, Facts::certainty),
        (7, Facts::first_engagements),
        (8, Facts::upcoming),
    ];
    let mut found: Vec<(u8, Finding)> = Vec::new();
    for (place, find) in candidates {
        if found.len() == max {
            break;
        }
        found.extend(find(&facts).map(|finding| (place, finding)));
    }
    found.sort_by_key(|(place, _)| *place);
    found.into_iter().map(|(_, finding)| finding).collect()
}

/// What the findings are computed from.
pub(super) struct Facts<'b, 'a> {
    pub(super) brief: &'b BuildContext<'a>,
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
    pub(super) fn new(brief: &'b BuildContext<'a>, query: &'b Query, events: &[&'a Event]) -> Self {
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

    /// Whether the brief is a public overview, which keeps to its period.
    fn public(&self) -> bool {
        self.brief.settings.audience == crate::spec::Audience::Public
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

    /// The latest engagement held with `partner` before `day`, as known on the as-of
    /// date.
    pub(super) fn last_before(&self, partner: &str, day: NaiveDate) -> Option<&'a Event> {
        self.dataset()
            .events
            .iter()
            .filter(|e| e.last_day() < day && e.partners.iter().any(|p| p == partner))
            .filter(|e| e.status_on(self.as_of) == Some(Status::Held))
            .max_by_key(|e| (e.last_day(), e.id.clone()))
    }

    /// The sentences of the brief's language.
    pub(super) fn words(&self) -> &'static dyn Phrasebook {
        self.language.words()
    }

    /// The part of `items` a sentence lists by name (see [`Facts::listed`]): what it
    /// cites.
    pub(super) fn named<T>(items: &[T]) -> &[T] {
        Self::named_at_most(items, MAX_LISTED)
    }

    /// The part of `items` a sentence of at most `max` items lists by name.
    fn named_at_most<T>(items: &[T], max: usize) -> &[T] {
        if items.len() > max { &items[..max - 1] } else { items }
    }

    /// Items listed in a sentence, at most [`MAX_LISTED`], then "N more".
    pub(super) fn listed(&self, items: Vec<String>, separator: &str) -> String {
        self.listed_at_most(items, separator, MAX_LISTED)
    }

    /// Partners' names listed in a sentence about who they are, at most
    /// [`MAX_NAMES_LISTED`], then "N more".
    pub(super) fn listed_names(&self, items: Vec<String>) -> String {
        self.listed_at_most(items, ", ", MAX_NAMES_LISTED)
    }

    /// Engagements listed by title and date ("BNPT–BKA joint statement on research
    /// cooperation (5 September 2022)"), at most [`MAX_LISTED`], then "N more".
    fn listed_by_title(&self, events: &[&Event]) -> String {
        let code = self.language.code();
        let items: Vec<String> = events
            .iter()
            .map(|e| format!("{} ({})", e.title.get_or_other(code), self.date(e)))
            .collect();
        self.listed(items, "; ")
    }

    /// Items listed in a sentence, at most `max`, then "N more".
    fn listed_at_most(&self, mut items: Vec<String>, separator: &str, max: usize) -> String {
        if items.len() > max {
            let more = items.len() - (max - 1);
            items.truncate(max - 1);
            items.push(self.words().more(&count_in_words(self.language, more)));
        }
        join_list(self.language, &items, separator)
    }

    fn date(&self, event: &Event) -> String {
        format_span(self.language, event.date, event.end)
    }

    /// The period's name: "2021–2024", or "January 2021 – 30 June 2023 (in progress)" while it is
    /// not over.
    pub(super) fn this_name(&self) -> String {
        locale::period_label(self.language, self.period, self.as_of)
    }

    /// The caveat of a comparison over `periods` when one reaches outside the record's
    /// systematic coverage.
    pub(super) fn thin_caveat(&self, periods: &[Period]) -> Option<String> {
        let (coverage, period) =
            periods.iter().find_map(|p| self.dataset().thin_in(*p).map(|c| (c, *p)))?;
        Some(self.brief.coverage_caveat(coverage, period))
    }

    /// Where the record is systematic, in words, when `earlier` lies largely outside it (a quarter or more):
    /// a comparison with it would not be fair.
    pub(super) fn uncovered(&self, earlier: Period) -> Option<String> {
        let coverage = self.dataset().largely_outside(earlier)?;
        Some(locale::coverage_span(self.language, coverage))
    }

    /// The years the record covers systematically just before this period, from the
    /// start of its coverage to the day before the period, and how many months they
    /// span: a fair baseline when the period of the same length before is not covered.
    /// `None` when that is less than [`MIN_BASELINE_MONTHS`].
    fn covered_before(&self) -> Option<(Period, u32)> {
        let to = self.period.from.pred_opt()?;
        let start = self.dataset().covered_from(to)?;
        let months = crate::dates::whole_months(start, self.period.from);
        (months >= MIN_BASELINE_MONTHS).then_some((Period { from: start, to }, months))
    }

    /// The period a comparison with `earlier` takes, and its name: `earlier` whole, or,
    /// while this period is not over, the same part of it, so that like is compared with
    /// like.
    pub(super) fn compared(&self, earlier: Period) -> (Period, String) {
        match self.period.elapsed(self.as_of) {
            Some(part) => {
                let same = self.period.same_part_of(part, earlier);
                // Named by its dates: "January 2017 – 30 June 2019".
                (same, locale::span_to_day(self.language, same.from, same.to))
            }
            None => (earlier, locale::period_name(self.language, earlier)),
        }
    }

    /// Whom the counts cover, when the section names its partners: " with the four
    /// partners this brief covers", so that a count of four partners' engagements is not
    /// read as all of BNPT's.
    fn scope(&self) -> String {
        let names: Vec<String> = self
            .query
            .partners
            .iter()
            .map(|p| locale::in_sentence(self.language, &self.name(p)))
            .collect();
        let counted = self.counted_partners(&self.held);
        let active = self.query.partners.iter().filter(|p| counted.contains(p)).count();
        self.words().partner_scope(&names, active)
    }

    /// How many were held, against the period of equal length before.
    fn volume(&self) -> Option<Finding> {
        let (previous, before) = self.compared(self.period.previous());
        let (n, m) = (self.held.len(), self.held_in(previous).len());
        let this = self.this_name();
        let (nf, mf) = (count_in_words(self.language, n), count_in_words(self.language, m));
        let uncovered = self.uncovered(previous);
        let caveat = || self.thin_caveat(&[self.period, previous]);
        let text = match (n, m, &uncovered) {
            (0, 0, _) => self.words().volume_none(&this, &before, None),
            (0, _, _) => self.words().volume_none(&this, &before, Some(&mf)),
            // The sentence itself says why there is no comparison, and gives the covered
            // years just before this period when there are any.
            (_, _, Some(span)) => {
                let since = self.covered_before().map(|(years, months)| {
                    let held = self.held_in(years).len();
                    let (whole, length) = match months % 12 {
                        0 => (true, count_in_words(self.language, (months / 12) as usize)),
                        _ => (false, count_in_words(self.language, months as usize)),
                    };
                    let name = locale::period_name(self.language, years);
                    // Yearly rates, for the two spans seldom have the same length.
                    let rates = (held > 0).then(|| {
                        let counted = self.period.elapsed(self.as_of).unwrap_or(self.period);
                        let now = crate::dates::whole_months(
                            counted.from,
                            counted.to.succ_opt().unwrap_or(counted.to),
                        );
                        (
                            locale::per_year(self.language, held, months),
                            locale::per_year(self.language, n, now),
                        )
                    });
                    (name, whole, length, count_in_words(self.language, held), held, rates)
                });
                let trend = match &since {
                    Some((years, whole, length, count, held, rates)) => Trend::UncoveredSince {
                        span,
                        years,
                        length: if *whole { Length::Years(length) } else { Length::Months(length) },
                        count,
                        n: *held,
                        rates: rates.as_ref().map(|(then, now)| (then.as_str(), now.as_str())),
                    },
                    // A window wholly before the record is not worth naming.
                    None if self.dataset().covered_from(previous.to).is_none() => {
                        Trend::BeforeRecord(span)
                    }
                    None => Trend::Uncovered(span),
                };
                return Some(Finding {
                    text: self.words().volume(&this, &before, n, &nf, trend, &self.scope()),
                    refs: vec![],
                });
            }
            (_, 0, None) => {
                self.words().volume(&this, &before, n, &nf, Trend::FromNone, &self.scope())
            }
            _ => {
                let trend = match n.cmp(&m) {
                    std::cmp::Ordering::Greater => Trend::Up(&mf),
                    std::cmp::Ordering::Less => Trend::Down(&mf),
                    std::cmp::Ordering::Equal => Trend::Same,
                };
                self.words().volume(&this, &before, n, &nf, trend, &self.scope())
            }
        };
        let text = locale::with_caveat(text, caveat());
        Some(Finding { text, refs: vec![] })
    }

    /// That recording may lag, when the brief's date lies months past the latest
    /// engagement on record in the section's scope.
    fn recording_lag(&self) -> Option<Finding> {
        let text = self.brief.recording_lag(self.query)?;
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
        if leaders.len() == counts.len() {
            // Every partner tied: no one leads, and a share would only repeat the tie.
            if counts.len() > 4 {
                return None;
            }
            let names: Vec<String> = leaders.iter().map(|(p, _)| self.name(p)).collect();
            let text = self.words().all_tied(
                &count_in_words(self.language, counts.len()),
                top,
                &count_in_words(self.language, top),
                &join_list(self.language, &names, ", "),
            );
            return Some(Finding { text, refs: vec![] });
        }
        if leaders.len() > 3 {
            return None;
        }
        let share = percent(top, n);
        let (topf, nf) = (count_in_words(self.language, top), count_in_words(self.language, n));
        let names: Vec<String> = leaders.iter().map(|(p, _)| self.name(p)).collect();
        let names = join_list(self.language, &names, ", ");
        // The partners next by count: whole groups of equal count, so that of two
        // partners with the same count neither is named alone; two or three names.
        let mut next: Vec<String> = Vec::new();
        let mut listed = 0;
        for group in counts[leaders.len()..].chunk_by(|a, b| a.1 == b.1) {
            if listed >= 2 || listed + group.len() > 3 {
                break;
            }
            // Partners tied are named as a tie: "the Philippines and Russia (one each)".
            match group {
                [(p, k)] => {
                    next.push(format!("{} ({})", self.name(p), format_number(self.language, *k)))
                }
                _ => {
                    let names: Vec<String> = group.iter().map(|(p, _)| self.name(p)).collect();
                    let each = count_in_words(self.language, group[0].1);
                    next.push(self.words().tied(&join_list(self.language, &names, ", "), &each));
                }
            }
            listed += group.len();
        }
        // Groups of different counts follow one another: "the United Kingdom (4), then the
        // Philippines and Russia (one each)".
        let next = match listed > next.len() {
            true => next.join(self.words().then()),
            false => join_list(self.language, &next, ", "),
        };
        // A leader's count may hold conferences it convened for many: said, so that its
        // share is not read as so many working sessions with BNPT.
        let conferences = self
            .held
            .iter()
            .filter(|e| e.kind == EventType::Conference && e.partners.contains(&leaders[0].0))
            .count();
        let conferences = (conferences > 0 && conferences < top)
            .then(|| (conferences, count_in_words(self.language, conferences)));
        let text = match leaders.len() {
            1 => self.words().leading_partner(
                &names,
                &topf,
                &nf,
                &share,
                conferences.as_ref().map(|(n, words)| (*n, words.as_str())),
                (!next.is_empty()).then_some(next.as_str()),
            ),
            _ => self.words().leading_partners(&names, &topf, &nf, &share),
        };
        Some(Finding { text, refs: vec![] })
    }

    /// The MoUs and agreements concluded, with whom and when: MoUs by their partners,
    /// any other instrument (a protocol, a joint statement, a ratification) by its title,
    /// so that a reader is not told of an MoU where there was none.
    fn agreements(&self) -> Finding {
        let signed: Vec<&Event> =
            self.held.iter().copied().filter(|e| AGREEMENTS.contains(&e.kind)).collect();
        let this = self.this_name();
        if signed.is_empty() {
            let text = self.words().no_agreements(&this);
            return Finding { text, refs: vec![] };
        }
        let (mous, others): (Vec<&Event>, Vec<&Event>) =
            signed.iter().copied().partition(|e| e.kind == EventType::Mou);
        let mut sentences = Vec::new();
        if !mous.is_empty() {
            let items: Vec<String> = mous
                .iter()
                .map(|e| format!("{} ({})", self.partners_of(e), self.date(e)))
                .collect();
            let list = self.listed(items, ", ");
            let count = count_in_words(self.language, mous.len());
            sentences.push(self.words().agreements(mous.len(), &count, &list));
        }
        if !others.is_empty() {
            let list = self.listed_by_title(&others);
            let count = count_in_words(self.language, others.len());
            let text =
                self.words().other_instruments(others.len(), &count, &list, !mous.is_empty());
            sentences.push(text);
        }
        Finding { text: sentences.join(" "), refs: self.brief.cite_all(Self::named(&signed)) }
    }

    /// The working-group rounds held, each with its number and the previous round.
    fn working_groups(&self) -> Option<Finding> {
        let mut rounds: Vec<&Event> =
            self.held.iter().copied().filter(|e| e.kind == EventType::WorkingGroup).collect();
        if rounds.is_empty() {
            return None;
        }
        // Each group's rounds together, the groups in the order of their first round: a
        // later round of the group just named needs no partners again.
        let group_key = |e: &Event| {
            let mut partners = e.partners.clone();
            partners.sort();
            partners
        };
        let firsts: Vec<Vec<String>> = rounds.iter().map(|e| group_key(e)).collect();
        rounds.sort_by_key(|e| {
            let key = group_key(e);
            (firsts.iter().position(|k| *k == key), e.first_day())
        });
        let items: Vec<String> = rounds
            .iter()
            .enumerate()
            .map(|(i, e)| match (i.checked_sub(1).map(|p| rounds[p]), e.round) {
                (Some(before), Some(round))
                    if group_key(before) == group_key(e) && before.round.is_some() =>
                {
                    self.words().round_again(&ordinal(self.language, round), &self.date(e))
                }
                _ => self.round_clause(e, &rounds),
            })
            .collect();
        let list = self.listed(items, "; ");
        let count = count_in_words(self.language, rounds.len());
        let text = self.words().working_groups(rounds.len(), &count, &list);
        Some(Finding { text, refs: self.brief.cite_all(Self::named(&rounds)) })
    }

    /// "the 4th with the Philippines (24 March 2022), following the 3rd of 5 September
    /// 2019"; the previous round is left out when `listed`, the same sentence, names it.
    fn round_clause(&self, event: &Event, listed: &[&Event]) -> String {
        let (partners, date) = (self.partners_of(event), self.date(event));
        let group = group_of(event, &partners);
        let Some(round) = event.round else {
            return self.words().round_unnumbered(group, &date);
        };
        let mut clause = self.words().round(&ordinal(self.language, round), group, &date);
        if let Some(previous) = self.previous_round(event, round)
            && !listed.iter().any(|e| e.id == previous.id)
        {
            let (number, when) = (ordinal(self.language, round - 1), self.date(previous));
            clause.push_str(&self.words().following_round(&number, &when));
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
        // Partners new to the record are named, each of them up to a longer list than
        // other sentences keep: "and two more" would hide who they are.
        let list = self.listed_at_most(items, ", ", MAX_NAMES_LISTED);
        let events: Vec<&Event> = firsts.iter().map(|(_, e)| *e).collect();
        let caveat = self.brief.thin_first(self.period.from);
        let text = locale::with_caveat(self.words().first_engagements(firsts.len(), &list), caveat);
        let named = Self::named_at_most(&events, MAX_NAMES_LISTED);
        Some(Finding { text, refs: self.brief.cite_all(named) })
    }

    /// What is announced for after the as-of date.
    fn upcoming(&self) -> Option<Finding> {
        // A public overview keeps to its period: it announces nothing of anyone's.
        if self.public() {
            return None;
        }
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
        let text = self.words().upcoming(planned.len(), &count, &day, &date, title);
        Some(Finding { text, refs: self.brief.cite(next) })
    }

    /// What the record holds after the period, up to the brief's date (or the end of
    /// the collected record, when that comes first): a brief dated after its period is
    /// not silent on what has happened since. Agreements and working-group rounds are
    /// named first. A public overview keeps to its period.
    fn since_period(&self) -> Option<Finding> {
        if self.public() {
            return None;
        }
        let after = self.period.to.succ_opt()?;
        let until = self.dataset().collected_until().map_or(self.as_of, |end| end.min(self.as_of));
        if after > until {
            return None;
        }
        let mut since: Vec<&Event> = self
            .held_in(Period { from: after, to: until })
            .into_iter()
            .filter(|e| e.first_day() > self.period.to)
            .collect();
        if since.is_empty() {
            return None;
        }
        let rank = |e: &Event| match e.kind {
            kind if AGREEMENTS.contains(&kind) => 0,
            EventType::WorkingGroup => 1,
            _ => 2,
        };
        since.sort_by_key(|e| (rank(e), e.first_day(), e.id.clone()));
        let list = self.listed_by_title(&since);
        let day = format_date(self.language, crate::dates::PartialDate::day(until));
        let end_of_record = until < self.as_of;
        let count = count_in_words(self.language, since.len());
        let text = self.words().since_period(since.len(), &count, &day, end_of_record, &list);
        Some(Finding { text, refs: self.brief.cite_all(Self::named(&since)) })
    }

    /// The engagements of the brief first reported after the analyst's oldest words
    /// were written: what those words could not know, named so that the reader can
    /// weigh them, in a public overview too (its summary would contradict its findings
    /// unsaid).
    fn since_written(&self) -> Option<Finding> {
        let written = super::written::oldest_shown(self.brief.spec, self.as_of)?;
        let query = Query { period: Some(self.period), ..self.query.clone() };
        let recorded = super::written::recorded_between(
            self.dataset(),
            &query,
            written.date.last_day(),
            self.as_of,
        );
        if recorded.is_empty() {
            return None;
        }
        let list = self.listed_by_title(&recorded);
        let day = format_date(self.language, written.date);
        let count = count_in_words(self.language, recorded.len());
        let text = self.words().since_written(recorded.len(), &count, &day, &list);
        Some(Finding { text, refs: self.brief.cite_all(Self::named(&recorded)) })
    }

    /// How many engagements rest on an uncertain date or on a single source.
    fn certainty(&self) -> Option<Finding> {
        let n = self.held.len();
        if n == 0 {
            return None;
        }
        let uncertain = self.held.iter().filter(|e| uncertain_date(e)).count();
        let single = self.held.iter().filter(|e| e.sources_on(self.as_of).count() == 1).count();
        // Known only from copies: every source public on the date that reports it held
        // is a mirror (those that announced it do not count).
        let only_copies = |e: &&&Event| {
            let held = e.sources_on(self.as_of).filter(|s| s.reports == Status::Held);
            let mut held = held.peekable();
            held.peek().is_some() && held.all(|s| s.secondary)
        };
        let copies = self.held.iter().filter(only_copies).count();
        let words = |count| count_in_words(self.language, count);
        let (nf, uf, sf, cf) = (words(n), words(uncertain), words(single), words(copies));
        let text = self.words().certainty(n, &nf, (uncertain, &uf), (single, &sf), (copies, &cf));
        Some(Finding { text, refs: vec![] })
    }
}

/// Whether an engagement's date needs a second look: known only to the month or year,
/// or qualified by a note (an inferred year, sources that disagree).
pub(super) fn uncertain_date(event: &Event) -> bool {
    event.date_note.is_some() || event.date.precision() != Precision::Day
}

/// Whose working group `event` is a round of: a multilateral round is a meeting of its
/// body's own group (ASEAN's SOMTC group), any other a joint group with its partners,
/// named `partners`.
pub(super) fn group_of<'a>(event: &Event, partners: &'a str) -> Group<'a> {
    match event.direction {
        Some(Direction::Multilateral) => Group::Body(partners),
        _ => Group::Joint(partners),
    }
}
