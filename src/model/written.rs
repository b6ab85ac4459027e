//! The analyst's words and the brief's date: a prose section written after the brief's
//! date may speak of what was not yet known, so the brief leaves it out (its methodology
//! says that commentary appears only where it was written by the brief's date); one
//! written before may have been overtaken, so the run warns of the engagements recorded
//! since, and the findings name them.

use chrono::NaiveDate;

use crate::dataset::{Dataset, Event, Query, Status};
use crate::diag::Diagnostic;
use crate::locale::{Language, format_date};
use crate::spec::{SectionSpec, Spec, Written};

/// Whether a brief dated `as_of` can carry `section`'s words: they were written by then,
/// or carry no date.
pub fn known_on(section: &SectionSpec, as_of: NaiveDate) -> bool {
    section.written.as_ref().is_none_or(|w| w.date.last_day() <= as_of)
}

/// Whether a brief dated `as_of` leaves out some of `spec`'s prose, written later.
pub(super) fn leaves_out_prose(spec: &Spec, as_of: NaiveDate) -> bool {
    spec.sections.iter().any(|section| !known_on(section, as_of))
}

/// Warnings for the prose of `spec` in a brief as of `as_of` over `query` (the brief's
/// filter and period): words written after that day, which the brief leaves out, and
/// words that predate engagements recorded by then. Sections that share one `written`
/// (the spec's own, usually) share one warning.
pub fn check(spec: &Spec, dataset: &Dataset, query: &Query, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut groups: Vec<(&Written, Vec<&SectionSpec>)> = Vec::new();
    for section in &spec.sections {
        let Some(written) = &section.written else { continue };
        match groups.iter_mut().find(|(w, _)| w.span == written.span) {
            Some((_, sections)) => sections.push(section),
            None => groups.push((written, vec![section])),
        }
    }
    let mut warnings = Vec::new();
    for (written, sections) in groups {
        let day = written.date.last_day();
        let shown = format_date(Language::En, written.date);
        let (named, verb, their) = section_names(&sections);
        if day > as_of {
            warnings.push(
                Diagnostic::warning(format!(
                    "{named} {verb} written as of {shown}, after this brief's date ({}): \
                     {their} words may speak of what was not yet known then, so the brief \
                     leaves them out",
                    format_date(Language::En, crate::dates::PartialDate::day(as_of))
                ))
                .at(&spec.source, written.span.clone())
                .hint(format!(
                    "render the brief as of {day} or later to carry them, or give this date's \
                     brief words of its own"
                )),
            );
            continue;
        }
        let since = recorded_between(dataset, query, day, as_of).len();
        if since > 0 {
            let (noun, recorded) =
                if since == 1 { ("engagement", "was") } else { ("engagements", "were") };
            warnings.push(
                Diagnostic::warning(format!(
                    "{named} {verb} written as of {shown}; {since} {noun} in this brief's scope \
                     {recorded} recorded since, which {their} words do not reflect"
                ))
                .at(&spec.source, written.span.clone())
                .hint("read the words again, and move `written` forward once they hold"),
            );
        }
    }
    warnings
}

/// How sections are named in a message, with the verb and pronoun that agree: "the
/// `summary` section was … its", "the sections `summary` and `Outlook` (assessment) were
/// … their".
fn section_names(sections: &[&SectionSpec]) -> (String, &'static str, &'static str) {
    let names: Vec<String> = sections
        .iter()
        .map(|section| {
            let kind = section.kind.as_str();
            match section.title.as_ref().and_then(|t| t.get(Language::En)) {
                Some(title) => format!("`{title}` ({kind})"),
                None => format!("`{kind}`"),
            }
        })
        .collect();
    match names.as_slice() {
        [one] => (format!("the {one} section"), "was", "its"),
        [init @ .., last] => {
            (format!("the sections {} and {last}", init.join(", ")), "were", "their")
        }
        [] => (String::new(), "were", "their"),
    }
}

/// Engagements held under `query` first reported held after `after` and by `as_of`:
/// what words written on `after` could not know.
pub(super) fn recorded_between<'a>(
    dataset: &'a Dataset,
    query: &Query,
    after: NaiveDate,
    as_of: NaiveDate,
) -> Vec<&'a Event> {
    dataset
        .select(query)
        .filter(|e| e.status_on(as_of) == Some(Status::Held))
        .filter(|e| {
            let fallback = e.first_day();
            let held = e.sources.iter().filter(|s| s.reports == Status::Held);
            held.map(|s| s.public_from(fallback)).min().is_some_and(|d| d > after)
        })
        .collect()
}

/// The earliest `written` date of the prose a brief dated `as_of` carries, if it
/// predates that day: the words most likely overtaken since.
pub(super) fn oldest_shown(spec: &Spec, as_of: NaiveDate) -> Option<&Written> {
    spec.sections
        .iter()
        .filter_map(|section| section.written.as_ref())
        .filter(|written| written.date.last_day() < as_of)
        .min_by_key(|written| written.date.last_day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::SectionKind;

    #[test]
    fn sections_sharing_a_date_are_named_together_with_agreeing_words() {
        let summary = SectionSpec::of_kind(SectionKind::Summary);
        let assessment = SectionSpec::of_kind(SectionKind::Assessment);
        let outlook = SectionSpec::of_kind(SectionKind::Outlook);
        assert_eq!(section_names(&[&summary]), ("the `summary` section".to_owned(), "was", "its"));
        assert_eq!(
            section_names(&[&summary, &assessment, &outlook]),
            ("the sections `summary`, `assessment` and `outlook`".to_owned(), "were", "their")
        );
    }
}
