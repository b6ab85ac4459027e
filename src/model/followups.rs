//! Follow-ups: what the record leaves open on the brief's date. Announcements that no
//! source ever reported held, and working-group series whose next round is past their
//! own cadence, each sentence with the sources it rests on. (Agreements ending are not
//! among them: the record holds no terms yet.)

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::dates::{PartialDate, whole_months};

use crate::dataset::{Event, EventType, Query, Status};
use crate::locale::{Pace, count_in_words, format_date, format_span, ordinal, with_caveat};
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

/// A series is overdue when the time since its last round exceeds its mean gap by half
/// again, and at least this many months.
const MIN_OVERDUE_MONTHS: u32 = 12;

/// The open items of a section with `query` (its filter; any date): announcements
/// still to come (unless the brief has a section of what is coming up), lapsed
/// announcements, and overdue working-group series.
pub(super) fn follow_ups(brief: &BuildContext<'_>, query: &Query) -> Vec<Finding> {
    let mut items = if brief.has_upcoming { Vec::new() } else { announced(brief, query) };
    items.extend(lapsed(brief, query));
    items.extend(overdue_series(brief, query));
    items
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
            Finding { text, refs: brief.cite(e) }
        })
        .collect()
}

/// The day to which the record can tell what did not happen: the brief's date, or the
/// end of the collected record when that comes first, with that end in words.
fn known_until(brief: &BuildContext<'_>) -> (NaiveDate, Option<String>) {
    let as_of = brief.settings.as_of;
    match brief.dataset.collected_until().filter(|end| *end < as_of) {
        Some(end) => (end, Some(format_date(brief.language, PartialDate::day(end)))),
        None => (as_of, None),
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
fn lapsed(brief: &BuildContext<'_>, query: &Query) -> Vec<Finding> {
    let from = brief.settings.period.from;
    let since = from.checked_sub_months(Months::new(LAPSED_MONTHS_BEFORE)).unwrap_or(from);
    let language = brief.language;
    let (until, until_name) = known_until(brief);
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
                until_name.as_deref(),
            );
            let text = with_caveat(text, thin_after(brief, e.first_day(), until));
            let text = format!("{text} {}", language.words().follow_up_confirm());
            Finding { text, refs: brief.cite(e) }
        })
        .collect()
}

/// Working-group series (rounds with the same counterparts) whose last round lies
/// further back than their own cadence allows, with no next round announced.
fn overdue_series(brief: &BuildContext<'_>, query: &Query) -> Vec<Finding> {
    let as_of = brief.settings.as_of;
    let language = brief.language;
    let (until, until_name) = known_until(brief);
    let scope = Query {
        period: None,
        status: Vec::new(),
        types: vec![EventType::WorkingGroup],
        ..query.clone()
    };
    let mut series: BTreeMap<Vec<String>, Vec<&Event>> = BTreeMap::new();
    let mut announced: Vec<Vec<String>> = Vec::new();
    for event in brief.dataset.select(&scope) {
        let mut partners = event.partners.clone();
        partners.sort();
        match event.status_on(as_of) {
            Some(Status::Held) => series.entry(partners).or_default().push(event),
            Some(Status::Planned) => announced.push(partners),
            _ => {}
        }
    }
    let mut items = Vec::new();
    for (partners, rounds) in series {
        if announced.contains(&partners) {
            continue;
        }
        let Some(last) = rounds.iter().max_by_key(|e| e.first_day()) else { continue };
        // Counted in the collected record: after its end, no round could be on record.
        let since = whole_months(last.last_day(), until);
        let gaps: Vec<u32> =
            rounds.windows(2).map(|w| whole_months(w[0].first_day(), w[1].first_day())).collect();
        let mean = (!gaps.is_empty()).then(|| gaps.iter().sum::<u32>() / gaps.len() as u32);
        // A cadence a source states (the latest round's) comes before the mean gap.
        let stated = rounds.iter().rev().find_map(|e| e.cadence_months);
        let due = match (stated, mean) {
            (Some(stated), _) => stated + STATED_GRACE_MONTHS,
            (None, Some(mean)) => (mean + mean / 2).max(MIN_OVERDUE_MONTHS),
            (None, None) => SINGLE_ROUND_MONTHS,
        };
        if since <= due {
            continue;
        }
        let names: Vec<String> = partners
            .iter()
            .map(|p| crate::locale::in_sentence(language, &brief.partner_name(p)))
            .collect();
        let names = crate::locale::join_list(language, &names, ", ");
        let mean_words = mean.map(|m| count_in_words(language, m as usize));
        let text = language.words().follow_up_overdue(
            last.round.map(|r| ordinal(language, r)).as_deref(),
            super::findings::group_of(last, &names),
            &format_span(language, last.date, last.end),
            &count_in_words(language, since as usize),
            match (stated, &mean_words) {
                (Some(stated), _) => Pace::Stated(stated),
                (None, Some(mean)) => Pace::Mean(mean),
                (None, None) => Pace::Single,
            },
            until_name.as_deref(),
        );
        // The months since, and the mean gap of the rounds, are counted in the record:
        // where they reach outside its systematic coverage, the sentence says so. A
        // cadence the sources state rests on no count of rounds.
        let first = match stated {
            Some(_) => last.first_day(),
            None => rounds.first().map_or(last.first_day(), |e| e.first_day()),
        };
        let text = with_caveat(text, thin_after(brief, first, until));
        let text = format!("{text} {}", language.words().follow_up_due());
        items.push(Finding { text, refs: brief.cite(last) });
    }
    items
}
