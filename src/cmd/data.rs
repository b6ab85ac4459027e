//! `brief events` and `brief partners`: the dataset, queried and listed.

use std::collections::HashMap;

use brief::dataset::Query;
use brief::diag::Diagnostic;
use brief::generate::{self, Exit};
use brief::select::EventFilters;
use brief::{dataset, listing, select};

use super::as_of;
use crate::args;
use crate::terminal::{self, fail, print_diagnostics};

/// Loads the dataset for `events` and `partners`, printing problems.
fn load(args: &args::DataArgs) -> Result<dataset::Dataset, Exit> {
    match generate::load_dataset(args.no_bundled_data, &args.data) {
        Ok((dataset, warnings)) => {
            print_diagnostics(&warnings);
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
    let (record, as_of) = (load(&args.data)?, as_of(args.as_of)?);
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
        return Ok(print_listing(listing::counted(&counts, key, args.format)));
    }
    listing::sort(&dataset, &mut selected, args.sort);
    if args.format == listing::Format::Csv {
        let recorded: HashMap<&str, &dataset::Event> =
            record.events.iter().map(|e| (e.id.as_str(), e)).collect();
        selected = selected.iter().filter_map(|e| recorded.get(e.id.as_str()).copied()).collect();
    }
    let layout = listing::Layout { as_of, language: args.language, wide: args.wide };
    Ok(print_listing(listing::events(&dataset, &selected, &layout, args.format)))
}

/// `brief partners`.
pub(crate) fn partners(args: &args::PartnersArgs) -> Exit {
    list_partners(args).unwrap_or_else(|exit| exit)
}

/// `brief partners`, stopping at the first step that fails.
fn list_partners(args: &args::PartnersArgs) -> Result<Exit, Exit> {
    let (record, as_of) = (load(&args.data)?, as_of(args.as_of)?);
    let dataset = record.known_on(as_of);
    // The events counted: those of the period asked for, as known on the day.
    let filters =
        EventFilters { from: args.from.clone(), to: args.to.clone(), ..EventFilters::new(as_of) };
    let counted: Vec<&dataset::Event> = dataset.select(&query(&dataset, &filters)?).collect();
    Ok(print_listing(listing::partners(&dataset, &counted, args.format)))
}

/// The query of `filters`, or the exit of a run whose filters do not resolve (printed).
fn query(dataset: &dataset::Dataset, filters: &EventFilters) -> Result<Query, Exit> {
    select::event_query(dataset, filters).map_err(|diagnostic| {
        print_diagnostics(&[diagnostic]);
        Exit::Invalid
    })
}

/// Prints a listing to standard output.
pub(crate) fn print_listing(listing: Result<String, String>) -> Exit {
    match listing {
        Ok(text) => {
            terminal::write_out(&text);
            Exit::Success
        }
        Err(message) => fail(message, &[], Exit::Failed),
    }
}
