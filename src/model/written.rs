//! The analyst's words and the brief's date: a prose section written after the brief's
//! date may speak of what was not yet known, so the brief refuses it; one written before
//! may have been overtaken, so the run warns of the engagements recorded since.

use chrono::NaiveDate;

use crate::dataset::{Dataset, Query, Status};
use crate::diag::Diagnostic;
use crate::locale::{Language, format_date};
use crate::spec::{SectionSpec, Spec};

/// What the dates of a spec's prose mean for a brief as of `as_of` over `query` (the
/// brief's filter and period): errors for words written after that day, warnings for
/// words that predate engagements recorded by then.
pub struct WrittenCheck {
    /// Sections whose words were written after the brief's date.
    pub errors: Vec<Diagnostic>,
    /// Sections whose words predate engagements recorded since.
    pub warnings: Vec<Diagnostic>,
}

/// Checks every prose section of `spec` with a `written` date.
pub fn check(spec: &Spec, dataset: &Dataset, query: &Query, as_of: NaiveDate) -> WrittenCheck {
    let mut result = WrittenCheck { errors: Vec::new(), warnings: Vec::new() };
    for section in &spec.sections {
        let Some(written) = &section.written else { continue };
        let day = written.date.last_day();
        let shown = format_date(Language::En, written.date);
        let name = section_name(section);
        if as_of < day {
            result.errors.push(
                Diagnostic::error(format!(
                    "{name} was written as of {shown}, after this brief's date ({}): its words may \
                     speak of what was not yet known then",
                    format_date(Language::En, crate::dates::PartialDate::day(as_of))
                ))
                .at(&spec.source, written.span.clone())
                .hint(format!(
                    "render the brief as of {day} or later, or give this date's brief words of \
                     its own (a spec or a section without them)"
                )),
            );
            continue;
        }
        let since = recorded_between(dataset, query, day, as_of);
        if since > 0 {
            let (noun, verb) =
                if since == 1 { ("engagement", "was") } else { ("engagements", "were") };
            result.warnings.push(
                Diagnostic::warning(format!(
                    "{name} was written as of {shown}; {since} {noun} in this brief's scope \
                     {verb} recorded since, which its words do not reflect"
                ))
                .at(&spec.source, written.span.clone())
                .hint("read the words again, and move `written` forward once they hold"),
            );
        }
    }
    result
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
