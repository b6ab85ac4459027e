//! A partner's profile: its engagements in the brief, by type, and its record.

use chrono::NaiveDate;

use crate::dataset::{Event, EventType, Status};
use crate::locale::{self, Language, format_date, format_number, format_span, label};

use super::context::BuildContext;
use super::figures::counts;
use super::{AgreementLine, Finding, Profile};

pub(super) fn profile(
    language: Language,
    partner: &crate::dataset::Partner,
    in_period: &[&Event],
    as_of: NaiveDate,
) -> Profile {
    let lang = language.code();
    // Everything a profile says is within the brief's period, as known on its date.
    let mine: Vec<&&Event> =
        in_period.iter().filter(|e| e.partners.contains(&partner.id)).collect();
    let on_record: Vec<&Event> =
        mine.iter().map(|e| **e).filter(|e| e.status_on(as_of) == Some(Status::Held)).collect();
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
        // An engagement over several days is given with its span: "5–8 December 2023".
        first: on_record.first().map_or_else(none, |e| format_span(language, e.date, e.end)),
        latest: on_record.last().map_or_else(none, |e| format_span(language, e.date, e.end)),
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
        history: Vec::new(),
    }
}

/// A partner's history in the whole record as known on the brief's date: its first
/// engagement (with the caveat of a thin earlier record), its MoUs and agreements, its
/// latest numbered round of each kind, and its latest engagement.
pub(super) fn history(brief: &BuildContext<'_>, partner: &str) -> Vec<Finding> {
    let (language, as_of) = (brief.language, brief.settings.as_of);
    let lang = language.code();
    let words = language.words();
    let held: Vec<&Event> = brief
        .dataset
        .events
        .iter()
        .filter(|e| e.partners.iter().any(|p| p == partner))
        .filter(|e| e.status_on(as_of) == Some(Status::Held))
        .collect();
    let (Some(first), Some(latest)) = (held.first(), held.last()) else {
        return Vec::new();
    };
    let dated =
        |e: &Event| (e.title.get_or_other(lang).to_owned(), format_span(language, e.date, e.end));
    // Each line cites the engagements it names, as a finding does.
    let mut lines = Vec::new();
    let (title, date) = dated(first);
    let caveat = brief.thin_first(first.first_day() + chrono::Days::new(1));
    lines.push(Finding {
        text: locale::with_caveat(words.history_first(&title, &date), caveat),
        refs: brief.cite(first),
    });
    let agreements: Vec<&Event> =
        held.iter().copied().filter(|e| super::findings::AGREEMENTS.contains(&e.kind)).collect();
    if !agreements.is_empty() {
        let items: Vec<String> = agreements
            .iter()
            .map(|e| {
                let (title, date) = dated(e);
                format!("{title} ({date})")
            })
            .collect();
        lines.push(Finding {
            text: words.history_agreements(&locale::join_list(language, &items, "; ")),
            refs: brief.cite_all(&agreements),
        });
    }
    let mut kinds: Vec<EventType> = Vec::new();
    for event in held.iter().filter(|e| e.round.is_some()) {
        if !kinds.contains(&event.kind) {
            kinds.push(event.kind);
        }
    }
    for kind in kinds {
        let rounds: Vec<&&Event> =
            held.iter().filter(|e| e.kind == kind && e.round.is_some()).collect();
        if let Some(last) = rounds.last() {
            let (title, date) = dated(last);
            lines.push(Finding {
                text: words.history_rounds(
                    rounds.len(),
                    &locale::count_in_words(language, rounds.len()),
                    &title,
                    &date,
                ),
                refs: brief.cite(last),
            });
        }
    }
    if latest.id != first.id {
        let (title, date) = dated(latest);
        lines.push(Finding { text: words.history_latest(&title, &date), refs: brief.cite(latest) });
    }
    lines
}
