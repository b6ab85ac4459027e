//! The methodology section: how the brief was made, from which data, with which filters.

use crate::dataset::{Dataset, Query};
use crate::dates::PartialDate;
use crate::locale::{self, format_date, format_number, label};
use crate::spec::{Audience, Spec};

use super::{BriefSettings, Content, Row, TOOL, TYPST_VERSION};

pub(super) fn methodology(
    spec: &Spec,
    settings: &BriefSettings,
    dataset: &Dataset,
    query: &Query,
    selected: usize,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    let language = settings.language;
    let mut filters: Vec<String> = Vec::new();
    if !query.partners.is_empty() {
        let names: Vec<String> = query.partners.iter().map(|p| partner_name(p)).collect();
        filters.push(format!("{}: {}", label(language, "partners"), names.join(", ")));
    }
    if !query.types.is_empty() {
        let names: Vec<&str> =
            query.types.iter().map(|t| locale::event_type(language, *t)).collect();
        filters.push(format!("{}: {}", label(language, "type"), names.join(", ")));
    }
    if !query.topics.is_empty() {
        let names: Vec<String> = query
            .topics
            .iter()
            .map(|t| {
                dataset
                    .topic(t)
                    .map_or_else(|| t.clone(), |t| t.name.get_or_other(language.code()).to_owned())
            })
            .collect();
        filters.push(format!("{}: {}", label(language, "topics"), names.join(", ")));
    }
    if !query.status.is_empty() {
        let names: Vec<&str> = query.status.iter().map(|s| locale::status(language, *s)).collect();
        filters.push(format!("{}: {}", label(language, "status"), names.join(", ")));
    }
    let mut rows = vec![
        Row {
            label: label(language, "method-dataset"),
            value: dataset.info.name.get_or_other(language.code()).to_owned(),
        },
        // The archive the brief was read from, and what of it was public on the brief's
        // date: a later version re-read as it stood then, not as it stands now.
        Row {
            label: label(language, "method-version"),
            value: match super::version_after(&dataset.info.version, settings.as_of) {
                // A later edition re-read as it stood then: the text says what it shows,
                // and the edition is in the file's metadata.
                true => language
                    .words()
                    .records_as_public(&format_date(language, PartialDate::day(settings.as_of))),
                false => language.words().version_as_of(
                    &dataset.info.version,
                    &format_date(language, PartialDate::day(settings.as_of)),
                ),
            },
        },
        Row {
            label: label(language, "method-size"),
            value: format_number(
                language,
                dataset.events.iter().filter(|e| e.is_public_on(settings.as_of)).count(),
            ),
        },
        Row { label: label(language, "method-selected"), value: format_number(language, selected) },
        Row {
            label: label(language, "method-filters"),
            value: if filters.is_empty() {
                label(language, "method-no-filter").to_owned()
            } else {
                filters.join("; ")
            },
        },
        Row {
            label: label(language, "method-period"),
            value: locale::period_label(language, settings.period, settings.as_of),
        },
        Row {
            label: label(language, "method-as-of"),
            value: format_date(language, PartialDate::day(settings.as_of)),
        },
        Row {
            label: label(language, "method-spec"),
            value: spec
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        },
        Row {
            label: label(language, "method-tool"),
            value: format!("{TOOL} · Typst {TYPST_VERSION}"),
        },
    ];
    // A public brief names no one but whom its author chose to name, and says whom.
    if settings.audience == Audience::Public && !spec.public_names.is_empty() {
        let names: Vec<&str> = spec.public_names.iter().map(|p| p.name.as_str()).collect();
        rows.push(Row { label: label(language, "method-public-names"), value: names.join(", ") });
    }
    let mut notes: Vec<String> = ["method-matching", "method-sources", "method-point-in-time"]
        .iter()
        .map(|key| label(language, key).to_owned())
        .collect();
    if super::written::leaves_out_prose(spec, settings.as_of) {
        notes.push(label(language, "method-commentary-dated").to_owned());
    }
    if let Some(first) = dataset.coverage.first() {
        let inside = dataset.thin_in(settings.period).is_none();
        notes.push(language.words().coverage_note(&locale::coverage_span(language, first), inside));
    }
    Content::Methodology { rows, notes }
}
