//! Follow-ups: what the record leaves open on the brief's date. Announcements that no
//! source ever reported held, working-group series whose next round is past their own
//! cadence, those whose next round falls due soon, agreements whose term has ended or
//! ends within a year with no renewal on record, and named partners gone quiet, each
//! sentence with the sources it rests on.

use std::cell::Cell;
use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::dates::{PartialDate, whole_months};

use crate::dataset::{Direction, Event, EventType, Query, SeriesKind, Status};
use crate::locale::{Due, Pace, count_in_words, format_date, format_span, ordinal, with_caveat};
use crate::spec::SectionKind;

use super::Finding;
use super::context::BuildContext;

/// How far back a lapsed announcement is still an open item: this many months before
/// the brief's period.
const LAPSED_MONTHS_BEFORE: u32 = 24;

/// A series whose sources state its cadence is overdue this many months past it: a
/// round a little late is not yet an open item.
const STATED_GRACE_MONTHS: u32 = 2;

/// A series with one round is overdue this many months after it.
const SINGLE_ROUND_MONTHS: u32 = 24;

/// A series with one round is worth watching this many months after it, with no next
/// round announced: a year on, a second is what a joint group is for.
const SINGLE_WATCH_MONTHS: u32 = 12;

/// A series is overdue when the time since its last round exceeds its mean gap by half
/// again, and at least this many months.
const MIN_OVERDUE_MONTHS: u32 = 12;

/// An agreement whose term ends within this many months of the brief's date, with no
/// renewal on record, is an open item.
const TERM_WATCH_MONTHS: u32 = 12;

/// A named partner with no engagement on record for this many months is an open item.
const QUIET_MONTHS: u32 = 12;

/// A series not yet overdue is worth watching when its pace puts its next round no
/// more than this many months after the brief's date.
const DUE_SOON_MONTHS: u32 = 6;

/// The open items of a section with `query` (its filter; any date): announcements
/// still to come (unless the brief has a section of what is coming up), lapsed
/// announcements, working-group series overdue or due soon, and named partners gone
/// quiet.
pub(super) fn follow_ups(brief: &BuildContext<'_>, query: &Query) -> Vec<Finding> {
    let known = KnownUntil::new(brief);
    // Said first, so that the items after it need not say where the record ends.
    let collect = collect_first(brief, &known);
    let mut items = Vec::new();
    if !brief.has_upcoming {
        items.extend(announced(brief, query));
    }
    items.extend(lapsed(brief, query, &known));
    items.extend(terms_ending(brief, query, &known));
    items.extend(series_follow_ups(brief, query, &known));
    items.extend(quiet_partners(brief, query, &known));
    if let Some(collect) = collect {
        items.insert(0, collect(items.is_empty()));
    }
    items
}

/// When the collected record ends `lag_months` or more before the brief's date, the
/// first thing to do: collect what came since, on which every other item depends. Given
/// as a function of whether it stands alone, for it is worded for the items after it.
fn collect_first(
    brief: &BuildContext<'_>,
    known: &KnownUntil<'_, '_>,
) -> Option<impl FnOnce(bool) -> Finding> {
    let months = whole_months(known.day, brief.settings.as_of);
    if !known.record_end || months < brief.spec.lag_months {
        return None;
    }
    let language = brief.language;
    // The items after this one need not say again where the record ends.
    known.said.set(true);
    let end = format_date(language, PartialDate::day(known.day));
    let months = count_in_words(language, months as usize);
    // Collecting the record is no partner's matter: the default unit acts on it.
    let owner = brief.owner_of(&[]);
    Some(move |alone: bool| Finding {
        text: with_owner(language, language.words().follow_up_collect(&end, &months, alone), owner),
        refs: vec![],
    })
}

/// Named partners (those of the brief's filter) with two or more engagements of their
/// own on record (not as one of several at a multilateral meeting) and none in the
/// [`QUIET_MONTHS`] before the day the record can tell: cooperation may have paused. A
/// partner with working-group rounds, or with an announcement outstanding, is left to
/// those items.
fn quiet_partners(
    brief: &BuildContext<'_>,
    query: &Query,
    known: &KnownUntil<'_, '_>,
) -> Vec<Finding> {
    let as_of = brief.settings.as_of;
    let language = brief.language;
    let mut items = Vec::new();
    for partner in &query.partners {
        let scope = Query {
            partners: vec![partner.clone()],
            period: None,
            status: Vec::new(),
            ..query.clone()
        };
        let events: Vec<&Event> = brief.dataset.select(&scope).collect();
        // An announcement still to come, or lapsed, is an item of its own.
        let announced =
            |e: &&Event| matches!(e.status_on(as_of), Some(Status::Planned | Status::Unconfirmed));
        if events.iter().any(announced) {
            continue;
        }
        // Engagements with the partner itself: a multilateral meeting where it sat
        // among others (Russia co-chairing an ARF meeting) says nothing of the
        // relationship's pace.
        let all_held: Vec<&Event> =
            events.into_iter().filter(|e| e.status_on(as_of) == Some(Status::Held)).collect();
        let held: Vec<&Event> = all_held
            .iter()
            .copied()
            .filter(|e| e.direction != Some(Direction::Multilateral) || e.partners.len() == 1)
            .collect();
        // A partner with a series of rounds is followed by its series' pace instead.
        if held.iter().any(|e| e.series_kind().is_some()) {
            continue;
        }
        let Some(last) = held.iter().copied().max_by_key(|e| (e.last_day(), e.id.clone())) else {
            continue;
        };
        let months = whole_months(last.last_day(), known.day);
        if held.len() < 2 || months < QUIET_MONTHS {
            continue;
        }
        // Whether a later meeting among several is left out, so that the sentence and
        // the partner's profile (which lists it) agree.
        let own = all_held.iter().any(|e| e.last_day() > last.last_day());
        let text = language.words().follow_up_quiet(
            &crate::locale::in_sentence(language, &brief.partner_name(partner)),
            &format_span(language, last.date, last.end),
            &count_in_words(language, months as usize),
            known.name().as_deref(),
            own,
        );
        let text = with_caveat(text, thin_after(brief, last.first_day(), known.day));
        // The work of its latest engagement, its first topic: what to ask about.
        let topic = last
            .topics
            .first()
            .and_then(|t| brief.dataset.topic(t))
            .map(|t| crate::locale::list_item(t.name.get_or_other(language.code())));
        let text = format!("{text} {}", language.words().follow_up_continue(topic.as_deref()));
        let text = with_owner(language, text, brief.owner_of(std::slice::from_ref(partner)));
        items.push(Finding { text, refs: brief.cite(last) });
    }
    items
}

/// `text` followed by who acts on it, when the spec's `[owners]` names a unit.
fn with_owner(language: crate::locale::Language, text: String, owner: Option<String>) -> String {
    match owner {
        Some(unit) => format!("{text} {}", language.words().follow_up_owner(&unit)),
        None => text,
    }
}

/// When `event` was first announced, in words: the earliest publication among its
/// sources public on the brief's date.
fn announced_on(brief: &BuildContext<'_>, event: &Event) -> String {
    event
        .sources_on(brief.settings.as_of)
        .map(|s| s.published.unwrap_or(PartialDate::day(event.first_day())))
        .min_by_key(|d| d.first_day())
        .map(|d| format_date(brief.language, d))
        .unwrap_or_default()
}

/// Announcements still to come on the brief's date: what a Coming-up section lists.
fn announced(brief: &BuildContext<'_>, query: &Query) -> Vec<Finding> {
    let language = brief.language;
    let as_of = brief.settings.as_of;
    crate::select::section_events(brief.dataset, SectionKind::Upcoming, query, as_of)
        .into_iter()
        .map(|e| {
            let text = language.words().follow_up_announced(
                e.title.get_or_other(language.code()),
                &format_span(language, e.date, e.end),
                &announced_on(brief, e),
            );
            let text = format!("{text} {}", language.words().follow_up_prepare());
            let text = with_owner(language, text, brief.owner_of(&e.partners));
            Finding { text, refs: brief.cite(e) }
        })
        .collect()
}

/// The day to which the record can tell what did not happen: the brief's date, or the
/// end of the collected record when that comes first.
struct KnownUntil<'a, 'b> {
    /// The brief being built.
    brief: &'b BuildContext<'a>,
    /// The day.
    day: NaiveDate,
    /// Whether it is the end of the collected record, before the brief's date.
    record_end: bool,
    /// Whether an item has already said that it is the end of the collected record.
    said: Cell<bool>,
}

impl<'a, 'b> KnownUntil<'a, 'b> {
    fn new(brief: &'b BuildContext<'a>) -> Self {
        let as_of = brief.settings.as_of;
        let end = brief.dataset.collected_until().filter(|end| *end < as_of);
        KnownUntil {
            brief,
            day: end.unwrap_or(as_of),
            record_end: end.is_some(),
            said: Cell::new(false),
        }
    }

    /// The end of the collected record in words, for the next item that speaks of it:
    /// the first says what the day is, the later ones only the day. `None` when the
    /// record reaches the brief's date.
    fn name(&self) -> Option<String> {
        if !self.record_end {
            return None;
        }
        let language = self.brief.language;
        let day = format_date(language, PartialDate::day(self.day));
        Some(language.words().record_end(&day, !self.said.replace(true)))
    }
}

/// The coverage caveat of a statement over the record from `from` to `until`, when that
/// span reaches outside what the record covers systematically.
fn thin_after(brief: &BuildContext<'_>, from: NaiveDate, until: NaiveDate) -> Option<String> {
    let span = crate::dates::Period { from, to: until.max(from) };
    let coverage = brief.dataset.thin_in(span)?;
    Some(brief.coverage_caveat(coverage, span))
}

/// Announcements whose date has passed with no report that they took place.
fn lapsed(brief: &BuildContext<'_>, query: &Query, known: &KnownUntil<'_, '_>) -> Vec<Finding> {
    let from = brief.settings.period.from;
    let since = from.checked_sub_months(Months::new(LAPSED_MONTHS_BEFORE)).unwrap_or(from);
    let language = brief.language;
    let until = known.day;
    brief
        .lapsed(query, since)
        .into_iter()
        .map(|e| {
            // Counted from the end of its date: an event announced for "2025" is
            // overdue from January 2026, not from January 2025.
            let months = whole_months(e.last_day(), until);
            let months = (months > 0).then(|| count_in_words(language, months as usize));
            let text = language.words().follow_up_lapsed(
                e.title.get_or_other(language.code()),
                &format_span(language, e.date, e.end),
                &announced_on(brief, e),
                months.as_deref(),
                known.name().as_deref(),
            );
            let text = with_caveat(text, thin_after(brief, e.first_day(), until));
            let text = format!("{text} {}", language.words().follow_up_confirm());
            let text = with_owner(language, text, brief.owner_of(&e.partners));
            Finding { text, refs: brief.cite(e) }
        })
        .collect()
}

/// Agreements within `query` whose term, as the record knows it on the brief's date,
/// has ended (no more than [`LAPSED_MONTHS_BEFORE`] months before the brief's period)
/// or ends within [`TERM_WATCH_MONTHS`], with no renewal or successor on record.
fn terms_ending(
    brief: &BuildContext<'_>,
    query: &Query,
    known: &KnownUntil<'_, '_>,
) -> Vec<Finding> {
    let language = brief.language;
    let as_of = brief.settings.as_of;
    let from = brief.settings.period.from;
    let since = from.checked_sub_months(Months::new(LAPSED_MONTHS_BEFORE)).unwrap_or(from);
    let watch_until = as_of.checked_add_months(Months::new(TERM_WATCH_MONTHS)).unwrap_or(as_of);
    let held = |e: &Event| e.status_on(as_of) == Some(Status::Held);
    let renewed =
        |id: &str| brief.dataset.events.iter().any(|e| e.renews.as_deref() == Some(id) && held(e));
    let scope = Query { period: None, status: Vec::new(), ..query.clone() };
    brief
        .dataset
        .select(&scope)
        .filter(|e| e.kind.has_term() && held(e))
        .filter_map(|e| {
            let ends = e.term_ends?;
            let last = ends.last_day();
            if last < since || last > watch_until || renewed(&e.id) {
                return None;
            }
            let ended = last < as_of;
            let text = language.words().follow_up_term(
                e.title.get_or_other(language.code()),
                &format_span(language, e.date, e.end),
                &format_date(language, ends),
                ended,
                known.name().as_deref(),
            );
            let text = format!("{text} {}", language.words().follow_up_renew(ended));
            let text = with_owner(language, text, brief.owner_of(&e.partners));
            Some(Finding { text, refs: brief.cite(e) })
        })
        .collect()
}

/// Working-group series (rounds with the same counterparts) with no next round
/// announced: those whose last round lies further back than their own cadence allows,
/// those whose next round falls due by that cadence within [`DUE_SOON_MONTHS`], and
/// those of one round a year or more ago.
fn series_follow_ups(
    brief: &BuildContext<'_>,
    query: &Query,
    known: &KnownUntil<'_, '_>,
) -> Vec<Finding> {
    unannounced_series(brief, query)
        .into_iter()
        .filter_map(|((kind, partners), rounds)| {
            let series = Series::new(brief, kind, &partners, &rounds, known.day)?;
            if series.overdue() {
                Some(series.overdue_finding(known))
            } else {
                series.due_soon_finding(known)
            }
        })
        .collect()
}

/// A meeting series: its kind and its sorted partners.
type SeriesKey = (SeriesKind, Vec<String>);

/// The rounds held on the brief's date of each joint series within `query` (a
/// working group's, or numbered consultations), keyed by kind and sorted partners, but
/// those whose next round is announced.
fn unannounced_series<'a>(
    brief: &BuildContext<'a>,
    query: &Query,
) -> BTreeMap<SeriesKey, Vec<&'a Event>> {
    let types = [EventType::WorkingGroup, EventType::Consultation];
    let types = match query.types.is_empty() {
        true => types.to_vec(),
        false => types.into_iter().filter(|t| query.types.contains(t)).collect(),
    };
    if types.is_empty() {
        return BTreeMap::new();
    }
    let scope = Query { period: None, status: Vec::new(), types, ..query.clone() };
    let mut series: BTreeMap<SeriesKey, Vec<&Event>> = BTreeMap::new();
    let mut announced: Vec<SeriesKey> = Vec::new();
    // A body's own group (ASEAN's) meets when its chair convenes it: no joint
    // commitment of BNPT's is late when it does not.
    let joint = |e: &&Event| e.direction != Some(crate::dataset::Direction::Multilateral);
    for event in brief.dataset.select(&scope).filter(joint) {
        let Some(kind) = event.series_kind() else { continue };
        let mut partners = event.partners.clone();
        partners.sort();
        match event.status_on(brief.settings.as_of) {
            Some(Status::Held) => series.entry((kind, partners)).or_default().push(event),
            Some(Status::Planned) => announced.push((kind, partners)),
            _ => {}
        }
    }
    series.retain(|key, _| !announced.contains(key));
    series
}

/// A working-group series as a follow-up reads it: its last round, how often it
/// meets, and the months since, counted to `until` (after the end of the collected
/// record, no round could be on record).
struct Series<'a, 'b> {
    /// The brief being built.
    brief: &'b BuildContext<'a>,
    /// The latest round held.
    last: &'a Event,
    /// The series, named with its partners in the brief's language ("the working
    /// group with the Philippines").
    group: String,
    /// The unit that acts on it, from the spec's `[owners]`.
    owner: Option<String>,
    /// The cadence a source states (the latest round's), in months.
    stated: Option<u32>,
    /// The mean gap between the rounds on record, in months.
    mean: Option<u32>,
    /// The gaps between the rounds on record, in months, oldest first.
    gaps: Vec<u32>,
    /// Whole months from the last round to `until`.
    since: u32,
    /// Where the sentence's counts reach outside the record's systematic coverage.
    caveat: Option<String>,
}

impl<'a, 'b> Series<'a, 'b> {
    /// Reads `rounds` (oldest first) of the series of `kind` with `partners`.
    fn new(
        brief: &'b BuildContext<'a>,
        kind: SeriesKind,
        partners: &[String],
        rounds: &[&'a Event],
        until: NaiveDate,
    ) -> Option<Self> {
        let language = brief.language;
        let last = *rounds.iter().max_by_key(|e| e.first_day())?;
        let gaps: Vec<u32> =
            rounds.windows(2).map(|w| whole_months(w[0].first_day(), w[1].first_day())).collect();
        // Rounded to the nearest month: 24 and 13 months apart make 19, not 18.
        let count = gaps.len() as u32;
        let mean = (count > 0).then(|| (gaps.iter().sum::<u32>() + count / 2) / count);
        let stated = rounds.iter().rev().find_map(|e| e.cadence_months);
        let names: Vec<String> = partners
            .iter()
            .map(|p| crate::locale::in_sentence(language, &brief.partner_name(p)))
            .collect();
        // The months since, and the mean gap of the rounds, are counted in the record:
        // where they reach outside its systematic coverage, the sentence says so. A
        // cadence the sources state rests on no count of rounds.
        let first = match stated {
            Some(_) => last.first_day(),
            None => rounds.first().map_or(last.first_day(), |e| e.first_day()),
        };
        Some(Self {
            brief,
            last,
            group: language.words().series(kind, &crate::locale::join_list(language, &names, ", ")),
            owner: brief.owner_of(partners),
            stated,
            mean,
            gaps,
            since: whole_months(last.last_day(), until),
            caveat: thin_after(brief, first, until),
        })
    }

    /// Whether the months since the last round exceed what its cadence allows: a
    /// stated cadence and a little grace, else half again the mean gap (at least
    /// [`MIN_OVERDUE_MONTHS`]), else [`SINGLE_ROUND_MONTHS`].
    fn overdue(&self) -> bool {
        let due = match (self.stated, self.mean) {
            (Some(stated), _) => stated + STATED_GRACE_MONTHS,
            (None, Some(mean)) => (mean + mean / 2).max(MIN_OVERDUE_MONTHS),
            (None, None) => SINGLE_ROUND_MONTHS,
        };
        self.since > due
    }

    /// How many rounds (in words) have gone by at the series' pace (a stated cadence,
    /// else the mean gap), when two or more: the months since the last, over it.
    fn missed(&self) -> Option<String> {
        let pace = self.stated.or(self.mean).filter(|p| *p > 0)?;
        // Past twice the pace, at least two rounds have gone by.
        (self.since > 2 * pace)
            .then(|| count_in_words(self.brief.language, (self.since / pace) as usize))
    }

    /// Calls `say` with how often the series meets, in the brief's language.
    fn with_pace<T>(&self, say: impl FnOnce(Pace<'_>) -> T) -> T {
        let language = self.brief.language;
        let mean = self.mean.map(|m| count_in_words(language, m as usize));
        // Two gaps make no steady pace: they are given as they are, not averaged.
        let listed: Vec<String> =
            self.gaps.iter().map(|g| count_in_words(language, *g as usize)).collect();
        let listed = crate::locale::join_list(language, &listed, ", ");
        say(match (self.stated, &mean) {
            (Some(stated), _) => Pace::Stated(stated),
            (None, Some(mean)) if self.gaps.len() == 1 => Pace::Interval(mean),
            (None, Some(_)) if self.gaps.len() == 2 => Pace::Gaps(&listed),
            (None, Some(mean)) => Pace::Mean(mean),
            (None, None) => Pace::Single,
        })
    }

    /// "The last round of the working group with …, the 4th, dates from …; none is on
    /// record in the 15 months since …. The next round is overdue."
    fn overdue_finding(&self, known: &KnownUntil<'_, '_>) -> Finding {
        let (language, last) = (self.brief.language, self.last);
        let until = known.name();
        let text = self.with_pace(|pace| {
            language.words().follow_up_overdue(
                last.round.map(|r| ordinal(language, r)).as_deref(),
                &self.group,
                &format_span(language, last.date, last.end),
                &count_in_words(language, self.since as usize),
                pace,
                until.as_deref(),
            )
        });
        let text = format!(
            "{} {}",
            with_caveat(text, self.caveat.clone()),
            language.words().follow_up_due(self.missed().as_deref())
        );
        let text = with_owner(language, text, self.owner.clone());
        Finding { text, refs: self.brief.cite(last) }
    }

    /// The next round by the series' pace, when that falls no more than
    /// [`DUE_SOON_MONTHS`] after the brief's date: "At the pace of earlier rounds …,
    /// the 4th round … falls due around September 2020; no date is announced."
    fn due_soon_finding(&self, known: &KnownUntil<'_, '_>) -> Option<Finding> {
        let (language, last, as_of) = (self.brief.language, self.last, self.brief.settings.as_of);
        let Some(pace) = self.stated.or(self.mean) else {
            return self.single_round_finding(known);
        };
        let expected = last.first_day().checked_add_months(Months::new(pace))?;
        let horizon = as_of.checked_add_months(Months::new(DUE_SOON_MONTHS)).unwrap_or(as_of);
        if expected > horizon {
            return None;
        }
        let until = known.name();
        let text = self.with_pace(|pace| {
            language.words().follow_up_due_soon(
                last.round.map(|r| ordinal(language, r + 1)).as_deref(),
                &self.group,
                &format_date(language, PartialDate::month_of(expected)),
                // Missed by the day the record can tell; a round due after the collected
                // record ends, but before the brief's date, has passed, not been missed.
                match expected {
                    e if e < known.day => Due::Missed,
                    e if e < as_of => Due::Passed,
                    _ => Due::Ahead,
                },
                pace,
                until.as_deref(),
            )
        });
        Some(self.watched(text, until.is_some()))
    }

    /// A round to watch for, `text`, with what to do: ask the partner for a date, or,
    /// when the collected record ends before the brief's date (`after_record`),
    /// confirm whether it took place.
    fn watched(&self, text: String, after_record: bool) -> Finding {
        let words = self.brief.language.words();
        let action = if after_record { words.follow_up_check() } else { words.follow_up_ask() };
        let text = format!("{} {action}", with_caveat(text, self.caveat.clone()));
        let text = with_owner(self.brief.language, text, self.owner.clone());
        Finding { text, refs: self.brief.cite(self.last) }
    }

    /// A series of one round, [`SINGLE_WATCH_MONTHS`] or more ago, with no next round
    /// announced: "Only one round of the working group with … is on record (the 1st,
    /// of 11 November 2021); no next round is announced 19 months later."
    fn single_round_finding(&self, known: &KnownUntil<'_, '_>) -> Option<Finding> {
        if self.since < SINGLE_WATCH_MONTHS {
            return None;
        }
        let (language, last) = (self.brief.language, self.last);
        let until = known.name();
        let text = language.words().follow_up_single(
            last.round.map(|r| ordinal(language, r)).as_deref(),
            &self.group,
            &format_span(language, last.date, last.end),
            &count_in_words(language, self.since as usize),
            until.as_deref(),
        );
        Some(self.watched(text, until.is_some()))
    }
}
