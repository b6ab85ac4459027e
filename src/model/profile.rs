//! A partner's profile: its engagements in the brief, by type, and its record.

use chrono::NaiveDate;

use crate::dataset::{Event, EventType, Status};
use crate::locale::{self, Language, format_date, format_number, format_span, label};

use super::figures::counts;
use super::{AgreementLine, Profile};

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
    }
}
