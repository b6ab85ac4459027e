//! The analyst's words and the brief's date: a prose section written after the brief's
//! date may speak of what was not yet known, so the brief leaves it out and says so; one
//! written before may have been overtaken, so the run warns of the engagements recorded
//! since.

use chrono::NaiveDate;

use crate::dataset::{Dataset, Query, Status};
use crate::diag::Diagnostic;
use crate::locale::{Language, format_date};
use crate::spec::{SectionSpec, Spec};

/// Whether a brief dated `as_of` can carry `section`'s words: they were written by then,
/// or carry no date.
pub fn known_on(section: &SectionSpec, as_of: NaiveDate) -> bool {
    section.written.as_ref().is_none_or(|w| w.date.last_day() <= as_of)
}

/// Warnings for the prose of `spec` in a brief as of `as_of` over `query` (the brief's
/// filter and period): words written after that day, which the brief leaves out, and
/// words that predate engagements recorded by then.
pub fn check(spec: &Spec, dataset: &Dataset, query: &Query, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for section in &spec.sections {
        let Some(written) = &section.written else { continue };
        let day = written.date.last_day();
        let shown = format_date(Language::En, written.date);
        let name = section_name(section);
        if !known_on(section, as_of) {
            warnings.push(
                Diagnostic::warning(format!(
                    "{name} was written as of {shown}, after this brief's date ({}): its words \
                     may speak of what was not yet known then, so the brief leaves them out \
                     and says so",
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
        let since = recorded_between(dataset, query, day, as_of);
        if since > 0 {
            let (noun, verb) =
                if since == 1 { ("engagement", "was") } else { ("engagements", "were") };
            warnings.push(
                Diagnostic::warning(format!(
                    "{name} was written as of {shown}; {since} {noun} in this brief's scope \
                     {verb} recorded since, which its words do not reflect"
                ))
                .at(&spec.source, written.span.clone())
                .hint("read the words again, and move `written` forward once they hold"),
            );
        }
    }
    warnings
}

/// How a section is named in a message: its kind, and its English title if it has one.
fn section_name(section: &SectionSpec) -> String {
    let title = section.title.as_ref().and_then(|t| t.get(Language::En).map(str::to_owned));
    match title {
        Some(title) => format!("section `{title}` ({})", section.kind.as_str()),
        None => format!("the `{}` section", section.kind.as_str()),
    }
}

/// Engagements held under `query` first reported held after `after` and by `as_of`:
/// what words written on `after` could not know.
fn recorded_between(dataset: &Dataset, query: &Query, after: NaiveDate, as_of: NaiveDate) -> usize {
    dataset
        .select(query)
        .filter(|e| e.status_on(as_of) == Some(Status::Held))
        .filter(|e| {
            let fallback = e.first_day();
            let held = e.sources.iter().filter(|s| s.reports == Status::Held);
            held.map(|s| s.public_from(fallback)).min().is_some_and(|d| d > after)
        })
        .count()
}
