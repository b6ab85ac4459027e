//! What changed: the period against an earlier one, in counts by type and partner with
//! their differences, and in sentences on partners gained and lost, new agreements,
//! and announcements realised or lapsed, as known on the as-of date.

use crate::dataset::{Event, Query, Status};
use crate::dates::{PartialDate, Period};
use crate::locale::{
    self, Against, Language, count_in_words, format_date, format_number, format_span, label,
};
use crate::spec::Compare;

use super::context::BuildContext;
use super::findings::{AGREEMENTS, Facts};
use super::{ChangeRow, Changes, Finding, PeriodData};

/// The fewest engagements, this period and the compared one together, that the
/// tables by type and by partner set out: fewer are said in the summary's sentence.
const MIN_TABLED: usize = 4;

/// The `changes` section of `events` (the section's selection in the period).
pub(super) fn changes(
    brief: &BuildContext<'_>,
    query: &Query,
    events: &[&Event],
    compare: Compare,
) -> Changes {
    let facts = Facts::new(brief, query, events);
    let language = facts.language;
    let period = facts.period;
    let (compared, that) = match compare {
        Compare::PreviousPeriod => facts.compared(period.previous()),
        Compare::PreviousYear => facts.compared(period.year_earlier()),
        Compare::Fixed(period) => (period, locale::period_name(language, period)),
    };
    let before = facts.held_in(compared);
    let now = &facts.held;
    let this = facts.this_name();
    let to_date = period.elapsed(facts.as_of).is_some();
    let against = match compare {
        _ if to_date => Against::Named,
        Compare::PreviousPeriod => Against::PreviousPeriod,
        Compare::PreviousYear => Against::PreviousYear,
        Compare::Fixed(_) => Against::Named,
    };
    let intro = language.words().changes_intro(&this, &that, against);
    let (n, m) = (now.len(), before.len());
    let uncovered = facts.uncovered(compared);
    let summary = match &uncovered {
        Some(span) if n > 0 => {
            language.words().changes_uncovered(n, &count_in_words(language, n), &that, span)
        }
        _ => {
            let summary = language.words().changes_summary(
                n,
                m,
                &count_in_words(language, n),
                &that,
                &count_in_words(language, m),
                &signed(m, n),
            );
            locale::with_caveat(summary, facts.thin_caveat(&[period, compared]))
        }
    };

    let (mut by_type, mut by_partner) = rows_by_type_and_partner(brief, &facts, now, &before);
    // Against an empty earlier period every row reads "0 → n", which the summary
    // already says; and one partner's row only repeats the total.
    // Against a period the record does not fairly cover, no count is set beside the
    // period's: side by side, the figures would read as growth or decline all the same.
    // And a table of two or three engagements in all only restates the summary's
    // sentence, row by row.
    let fair = uncovered.is_none();
    let few = n + m < MIN_TABLED;
    if m == 0 || !fair || few {
        by_type.clear();
    }
    if m == 0 || !fair || few || by_partner.len() < 2 {
        by_partner.clear();
    }
    let counted = |name: String, current: usize, previous: usize| {
        let mut counted = row(language, name, current, previous);
        if !fair {
            counted.delta.clear();
        }
        counted
    };
    let rows = |list: Vec<(usize, usize, String)>| -> Vec<ChangeRow> {
        list.into_iter().map(|(a, b, name)| counted(name, a, b)).collect()
    };
    let total = counted(label(language, "changes-total").to_owned(), n, m);
    // One engagement with five partners is a row for each: say why the rows add up to
    // more than the total.
    let (rows_now, rows_before) =
        by_partner.iter().fold((0, 0), |(a, b), (now, before, _)| (a + now, b + before));
    let by_partner_note = match rows_now > n || rows_before > m {
        true => label(language, "changes-partner-note").to_owned(),
        false => String::new(),
    };
    Changes {
        compared: PeriodData {
            from: compared.from.to_string(),
            to: compared.to.to_string(),
            label: that.clone(),
        },
        intro,
        summary,
        current_label: this,
        previous_label: that.clone(),
        total,
        by_type: rows(by_type),
        by_partner: rows(by_partner),
        by_partner_note,
        points: points(&facts, events, &before, compared, &that, fair),
    }
}

/// Rows of a table: the period's count, the compared period's, and the row's name.
type Rows = Vec<(usize, usize, String)>;

/// The rows by type and by partner of `now` against `before`.
fn rows_by_type_and_partner(
    brief: &BuildContext<'_>,
    facts: &Facts<'_, '_>,
    now: &[&Event],
    before: &[&Event],
) -> (Rows, Rows) {
    let language = facts.language;
    let mut types: Vec<_> = now.iter().chain(before).map(|e| e.kind).collect();
    types.sort_by_key(|t| t.as_str());
    types.dedup();
    let mut by_type: Vec<(usize, usize, String)> = types
        .into_iter()
        .map(|t| {
            let count = |list: &[&Event]| list.iter().filter(|e| e.kind == t).count();
            (count(now), count(before), locale::event_type(language, t).to_owned())
        })
        .collect();
    sort_rows(&mut by_type);
    let mut partners = facts.counted_partners(now);
    for p in facts.counted_partners(before) {
        if !partners.contains(&p) {
            partners.push(p);
        }
    }
    let mut by_partner: Vec<(usize, usize, String)> = partners
        .iter()
        .map(|p| {
            let count = |list: &[&Event]| list.iter().filter(|e| e.partners.contains(p)).count();
            (count(now), count(before), brief.partner_short(p))
        })
        .filter(|(a, b, _)| a + b > 0)
        .collect();
    sort_rows(&mut by_partner);
    (by_type, by_partner)
}

/// Rows by count this period, then the earlier one, then name.
fn sort_rows(rows: &mut [(usize, usize, String)]) {
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
}

/// A counted row.
fn row(language: Language, label: String, current: usize, previous: usize) -> ChangeRow {
    ChangeRow {
        label,
        current: format_number(language, current),
        previous: format_number(language, previous),
        delta: signed(previous, current),
    }
}

/// The change from `before` to `now`, signed: "+2", "−1" (a true minus sign), "0".
fn signed(before: usize, now: usize) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{}", now - before),
        std::cmp::Ordering::Less => format!("\u{2212}{}", before - now),
        std::cmp::Ordering::Equal => "0".to_owned(),
    }
}

/// The sentences of a `changes` section. Partners new, active again or gone quiet are
/// named only when the earlier period is `fair` to compare with (the record covers it):
/// against one it is not, the findings' sentence on earliest engagements says it alone.
fn points(
    facts: &Facts<'_, '_>,
    events: &[&Event],
    before: &[&Event],
    compared: Period,
    that: &str,
    fair: bool,
) -> Vec<Finding> {
    let language = facts.language;
    let now = &facts.held;
    let period = facts.period;
    let with = |ids: &[String]| -> String {
        facts.listed_names(ids.iter().map(|p| facts.name(p)).collect())
    };
    let mut notes = Vec::new();
    let active_now = facts.counted_partners(now);
    let active_before = facts.counted_partners(before);
    let (mut new, mut returning) = (Vec::new(), Vec::new());
    for partner in &active_now {
        if active_before.contains(partner) {
            continue;
        }
        match facts.first_with(partner) {
            Some(first) if first.first_day() >= period.from => new.push(partner.clone()),
            _ => returning.push(partner.clone()),
        }
    }
    new.sort_by_key(|p| facts.first_with(p).map(|e| (e.first_day(), e.id.clone())));
    let quiet: Vec<String> =
        active_before.iter().filter(|p| !active_now.contains(p)).cloned().collect();
    if fair && !new.is_empty() {
        let firsts: Vec<&Event> = new.iter().filter_map(|p| facts.first_with(p)).collect();
        let caveat = facts.brief.thin_first(period.from);
        let text = locale::with_caveat(language.words().first_on_record(&with(&new)), caveat);
        notes.push(Finding { text, refs: facts.brief.cite_all(Facts::named(&firsts)) });
    }
    if fair && !returning.is_empty() {
        // Each with its engagement before: "Russia (the first since September 2018)", so
        // that "active again" says how long the gap was.
        let items: Vec<String> = returning
            .iter()
            .map(|p| {
                let name = facts.name(p);
                match facts.last_before(p, compared.from) {
                    Some(previous) => language
                        .words()
                        .first_since(&name, &format_span(language, previous.date, previous.end)),
                    None => name,
                }
            })
            .collect();
        let text = language.words().active_again(that, &facts.listed_names(items));
        notes.push(Finding { text, refs: vec![] });
    }
    if fair && !quiet.is_empty() {
        let text = language.words().quiet(that, &with(&quiet));
        notes.push(Finding { text, refs: vec![] });
    }
    let signed: Vec<&Event> =
        now.iter().copied().filter(|e| AGREEMENTS.contains(&e.kind)).collect();
    if !signed.is_empty() {
        let items = signed
            .iter()
            .map(|e| format!("{} ({})", facts.partners_of(e), format_span(language, e.date, e.end)))
            .collect();
        let list = facts.listed(items, ", ");
        let text = language.words().new_agreements(&list);
        notes.push(Finding { text, refs: facts.brief.cite_all(Facts::named(&signed)) });
    }
    let titled = |list: &[&Event]| -> String {
        let lang = language.code();
        facts.listed(
            list.iter()
                .map(|e| {
                    format!(
                        "{} ({})",
                        e.title.get_or_other(lang),
                        format_span(language, e.date, e.end)
                    )
                })
                .collect(),
            "; ",
        )
    };
    let realised: Vec<&Event> =
        now.iter().copied().filter(|e| e.status_on(compared.to) == Some(Status::Planned)).collect();
    if !realised.is_empty() {
        let text = language.words().realised(that, &titled(&realised));
        notes.push(Finding { text, refs: facts.brief.cite_all(Facts::named(&realised)) });
    }
    let lapsed: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| e.status_on(facts.as_of) == Some(Status::Unconfirmed))
        .collect();
    if !lapsed.is_empty() {
        let day = format_date(language, PartialDate::day(facts.as_of));
        let text = language.words().lapsed(&day, &titled(&lapsed));
        notes.push(Finding { text, refs: facts.brief.cite_all(Facts::named(&lapsed)) });
    }
    notes
}
