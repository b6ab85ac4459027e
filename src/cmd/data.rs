//! `brief events` and `brief partners`: the dataset, queried and listed.

use std::collections::HashMap;
use std::io::IsTerminal;

use brief::dataset::Query;
use brief::diag::Diagnostic;
use brief::generate::{self, Exit};
use brief::select::EventFilters;
use brief::{dataset, listing, select};

use super::as_of;
use crate::args;
use crate::terminal::{self, fail, print_diagnostics};

/// Loads the dataset for `events` and `partners`, printing problems: warnings unless
/// `--no-warnings`, and of text missing in a language only for the `shown` one.
fn load(
    args: &args::DataArgs,
    output: &args::ListingOutput,
    shown: Option<brief::locale::Language>,
) -> Result<dataset::Dataset, Exit> {
    match generate::load_dataset(args.no_bundled_data, &args.data) {
        Ok((dataset, mut warnings)) => {
            warnings.retain(|d| d.untranslated.is_none_or(|l| Some(l) == shown));
            if !output.no_warnings {
                print_diagnostics(&warnings);
            }
            Ok(dataset)
        }
        Err(errors) => {
            print_diagnostics(&errors);
            Err(Exit::Invalid)
        }
    }
}

/// `brief events`.
pub(crate) fn events(args: &args::EventsArgs) -> Exit {
    list_events(args).unwrap_or_else(|exit| exit)
}

/// `brief events`, stopping at the first step that fails.
fn list_events(args: &args::EventsArgs) -> Result<Exit, Exit> {
    check_output(&args.output)?;
    // The table shows titles in --language; the other forms hold both languages.
    let shown = (args.output.format == listing::ListFormat::Table).then_some(args.language);
    let (record, as_of) =
        (load(&args.data, &args.output, shown)?, as_of(args.as_of, &args.source_date)?);
    // Filters, counts and listings see each event as it read on the day; the CSV form
    // gives the record itself, revisions and all, so that it reads back whole.
    let dataset = record.known_on(as_of);
    let filters = EventFilters {
        as_of,
        partners: args.partner.clone(),
        roles: args.role.clone(),
        search: args.search.clone(),
        topics: args.topic.clone(),
        types: args.kind.clone(),
        status: args.status.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
    };
    let query = query(&dataset, &filters)?;
    for name in &args.partner {
        if let Some(partner) = dataset.agency(name) {
            let country = partner.name.get_or_other("en");
            print_diagnostics(&[Diagnostic::warning(format!(
                "`{name}` is an agency of {country}: the dataset records its events under \
                 {country}, so this lists every event with {country}"
            ))]);
        }
    }
    let mut selected: Vec<&dataset::Event> = dataset.select(&query).collect();
    if let Some(key) = args.count_by {
        let counts = listing::counts(&dataset, &selected, key, args.language);
        let counted = listing::counted(&counts, key, selected.len(), args.output.format);
        return Ok(print_listing(counted, &args.output, "counts"));
    }
    listing::sort(&dataset, &mut selected, args.sort, args.language);
    if matches!(args.output.format, listing::ListFormat::Csv | listing::ListFormat::Xlsx) {
        let recorded: HashMap<&str, &dataset::Event> =
            record.events.iter().map(|e| (e.id.as_str(), e)).collect();
        selected = selected.iter().filter_map(|e| recorded.get(e.id.as_str()).copied()).collect();
    }
    let layout =
        listing::Layout { as_of, language: args.language, wide: args.wide, sort: args.sort };
    let listed = listing::events(&dataset, &selected, &layout, args.output.format);
    Ok(print_listing(listed, &args.output, "events"))
}

/// `brief partners`.
pub(crate) fn partners(args: &args::PartnersArgs) -> Exit {
    list_partners(args).unwrap_or_else(|exit| exit)
}

/// `brief partners`, stopping at the first step that fails.
fn list_partners(args: &args::PartnersArgs) -> Result<Exit, Exit> {
    check_output(&args.output)?;
    let (record, as_of) =
        (load(&args.data, &args.output, None)?, as_of(args.as_of, &args.source_date)?);
    let dataset = record.known_on(as_of);
    // The events counted: those of the period asked for, as known on the day.
    let filters =
        EventFilters { from: args.from.clone(), to: args.to.clone(), ..EventFilters::new(as_of) };
    let counted: Vec<&dataset::Event> = dataset.select(&query(&dataset, &filters)?).collect();
    let listed = listing::partners(&dataset, &counted, args.output.format);
    Ok(print_listing(listed, &args.output, "partners"))
}

/// The query of `filters`, or the exit of a run whose filters do not resolve (printed).
fn query(dataset: &dataset::Dataset, filters: &EventFilters) -> Result<Query, Exit> {
    select::event_query(dataset, filters).map_err(|diagnostic| {
        print_diagnostics(&[diagnostic]);
        Exit::Invalid
    })
}

/// Refuses output options that do not fit: `--bom` but for CSV, and a workbook sent
/// to a terminal.
fn check_output(output: &args::ListingOutput) -> Result<(), Exit> {
    if output.bom && output.format != listing::ListFormat::Csv {
        return Err(fail(
            format!("--bom is for CSV, not for --format {}", output.format.as_str()),
            &["add `--format csv`, or leave --bom out"],
            Exit::Invalid,
        ));
    }
    if output.format == listing::ListFormat::Xlsx && std::io::stdout().is_terminal() {
        return Err(fail(
            "an xlsx workbook is binary, and standard output is a terminal",
            &["redirect it to a file: `brief events --format xlsx > events.xlsx`"],
            Exit::Invalid,
        ));
    }
    Ok(())
}

/// Prints a listing to standard output: as it is, after a byte order mark with
/// `--bom`, or as a workbook whose sheet is named `sheet` for `--format xlsx`.
pub(crate) fn print_listing(
    listing: Result<String, String>,
    output: &args::ListingOutput,
    sheet: &str,
) -> Exit {
    let written = listing.and_then(|text| match output.format {
        listing::ListFormat::Xlsx => brief::workbook::from_csv(&text, sheet),
        _ if output.bom => Ok(format!("\u{feff}{text}").into_bytes()),
        _ => Ok(text.into_bytes()),
    });
    match written {
        Ok(bytes) => {
            terminal::write_out(bytes);
            Exit::Success
        }
        Err(message) => fail(message, &[], Exit::Failed),
    }
}
