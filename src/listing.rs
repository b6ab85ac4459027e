//! Listings of the dataset for `brief events` and `brief partners`: an aligned table for
//! people, JSON and CSV for scripts. The events CSV uses the dataset's CSV columns, so
//! it can be edited in a spreadsheet and read back with `--data`.

use serde::Serialize;

use crate::vocab::vocabulary;

use crate::dataset::{Dataset, Event, Partner, neutral_cell};
use crate::locale::Language;

vocabulary! {
    /// How a listing is printed.
    ListFormat("format") {
        /// Aligned columns for reading.
        Table = "table",
        /// JSON for scripts.
        Json = "json",
        /// CSV for spreadsheets.
        Csv = "csv",
        /// An Excel workbook of the CSV's rows ([`crate::workbook`]); listings give
        /// their CSV for it.
        Xlsx = "xlsx",
    }
}

/// Pads cells to aligned columns; the last column is not padded. Characters a terminal
/// would act on (escape sequences, bidirectional overrides) are made visible.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| crate::diag::printable(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in &rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// Cuts text to `max` characters with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

vocabulary! {
    /// The order of an events listing.
    SortKey("sort key") {
        /// By first day, then id.
        Date = "date",
        /// By first partner's English name, then date.
        Partner = "partner",
        /// By type, in vocabulary order, then date.
        Type = "type",
    }
}

vocabulary! {
    /// What `brief events --count-by` counts the listed events by.
    CountBy("count key") {
        /// Each counterpart: an event with two partners counts for both.
        Partner = "partner",
        /// The event type.
        Type = "type",
        /// The year of the first day.
        Year = "year",
        /// Each topic.
        Topic = "topic",
    }
}

/// The events counted by `key`, most first (ties in order of the key), as
/// `(key, name, count)`: "who did we meet most in 2023?".
pub fn counts(
    dataset: &Dataset,
    events: &[&Event],
    key: CountBy,
    language: Language,
) -> Vec<(String, String, usize)> {
    let lang = language.code();
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    let mut add = |key: String, name: String| match counts.iter_mut().find(|(k, _, _)| *k == key) {
        Some(entry) => entry.2 += 1,
        None => counts.push((key, name, 1)),
    };
    for event in events {
        match key {
            CountBy::Partner => {
                for partner in &event.partners {
                    let name = dataset
                        .partner(partner)
                        .map_or_else(|| partner.clone(), |p| p.name.get_or_other(lang).to_owned());
                    add(partner.clone(), name);
                }
            }
            CountBy::Type => add(
                event.kind.as_str().to_owned(),
                crate::locale::event_type(language, event.kind).to_owned(),
            ),
            CountBy::Year => {
                let year = event.date.year().to_string();
                add(year.clone(), year);
            }
            CountBy::Topic => {
                for topic in &event.topics {
                    let name = dataset
                        .topic(topic)
                        .map_or_else(|| topic.clone(), |t| t.name.get_or_other(lang).to_owned());
                    add(topic.clone(), name);
                }
            }
        }
    }
    match key {
        CountBy::Year => counts.sort_by(|a, b| a.0.cmp(&b.0)),
        _ => counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1))),
    }
    counts
}

/// Counts of `events` events in the format asked for: a table, JSON objects or CSV
/// rows of `key`, `name` and `events`.
pub fn counted(
    counts: &[(String, String, usize)],
    key: CountBy,
    events: usize,
    format: ListFormat,
) -> Result<String, String> {
    match format {
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|(k, name, n)| vec![k.clone(), name.clone(), n.to_string()])
                .collect();
            let total: usize = counts.iter().map(|(_, _, n)| n).sum();
            let mut out = table(&[&key.as_str().to_uppercase(), "NAME", "EVENTS"], &rows);
            let keys = format!("{} {}s", counts.len(), key.as_str());
            let noun = if events == 1 { "event" } else { "events" };
            // An event with two partners (or topics) is counted under each.
            out.push_str(&match total == events {
                true => format!("{events} {noun} over {keys}\n"),
                false => format!(
                    "{events} {noun} over {keys}; an event with several {}s counts under each, so the counts add up to {total}\n",
                    key.as_str()
                ),
            });
            Ok(out)
        }
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = counts
                .iter()
                .map(|(k, name, n)| serde_json::json!({ "key": k, "name": name, "events": n }))
                .collect();
            serde_json::to_string_pretty(&rows).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        ListFormat::Csv | ListFormat::Xlsx => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(["key", "name", "events"]).map_err(|e| e.to_string())?;
            for (k, name, n) in counts {
                writer
                    .write_record([
                        neutral_cell(k).into_owned(),
                        neutral_cell(name).into_owned(),
                        n.to_string(),
                    ])
                    .map_err(|e| e.to_string())?;
            }
            String::from_utf8(writer.into_inner().map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())
        }
    }
}

/// Puts the events in the order asked for (partners by their names in `language`);
/// the sort is stable, so that events that tie stay in date order.
pub fn sort(dataset: &Dataset, events: &mut [&Event], key: SortKey, language: Language) {
    match key {
        SortKey::Date => {}
        SortKey::Partner => {
            events.sort_by_cached_key(|e| sort_name(dataset, e, language).to_lowercase())
        }
        SortKey::Type => events.sort_by_key(|e| e.kind),
    }
}

/// The name an event is sorted by with `--sort partner`: its first partner's, in
/// `language`; the table shows it in a column of its own.
fn sort_name(dataset: &Dataset, event: &Event, language: Language) -> String {
    event
        .partners
        .iter()
        .chain(event.roles.iter().map(|r| &r.partner))
        .next()
        .map(|id| dataset.partner(id).map_or(id.as_str(), |p| p.name.get_or_other(language.code())))
        .unwrap_or_default()
        .to_owned()
}

/// How an events listing is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The day the dataset is seen as on.
    pub as_of: chrono::NaiveDate,
    /// The language of titles and notes.
    pub language: Language,
    /// Whole titles and date notes, instead of titles cut to fit.
    pub wide: bool,
    /// The order of the events; by partner, the table's first column is the name
    /// sorted by.
    pub sort: SortKey,
}

/// The mark after an uncertain date in the table.
const UNCERTAIN: &str = "?";

/// An event's partners as the CSV writes them: counterparts, then `id:role`.
fn partner_cell(event: &Event, separator: &str) -> String {
    let roles = event.roles.iter().map(|r| format!("{}:{}", r.partner, r.role.as_str()));
    event.partners.iter().cloned().chain(roles).collect::<Vec<_>>().join(separator)
}

/// The events, in the format asked for, as given: a listing as of a date gives them as
/// the record read then ([`Dataset::known_on`]), except in CSV, which gives the record
/// itself so that it reads back whole. Uncertain dates are marked in every format: with
/// `?` and a line below the table, and by their `date_note` in JSON and CSV.
pub fn events(
    dataset: &Dataset,
    events: &[&Event],
    layout: &Layout,
    format: ListFormat,
) -> Result<String, String> {
    let lang = layout.language.code();
    match format {
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    let mut date =
                        e.date.to_string() + &e.end.map(|d| format!("..{d}")).unwrap_or_default();
                    if e.date_note.is_some() {
                        date.push_str(UNCERTAIN);
                    }
                    let title = e.title.get_or_other(lang);
                    let mut row = vec![
                        date,
                        e.kind.as_str().to_owned(),
                        e.status_on(layout.as_of).unwrap_or(e.status).as_str().to_owned(),
                        partner_cell(e, ","),
                        e.id.clone(),
                        if layout.wide { title.to_owned() } else { clip(title, 72) },
                    ];
                    if layout.wide {
                        row.push(e.date_note.as_ref().map_or("", |n| n.get_or_other(lang)).into());
                    }
                    if layout.sort == SortKey::Partner {
                        row.insert(0, clip(&sort_name(dataset, e, layout.language), 32));
                    }
                    row
                })
                .collect();
            let mut header = vec!["DATE", "TYPE", "STATUS", "PARTNERS", "ID", "TITLE"];
            if layout.sort == SortKey::Partner {
                header.insert(0, "PARTNER");
            }
            if layout.wide {
                header.push("DATE NOTE");
            }
            let mut out = table(&header, &rows);
            let all = dataset.events.len();
            let noun = if all == 1 { "event" } else { "events" };
            out.push_str(&format!(
                "{} of {all} {noun}, as known on {}\n",
                events.len(),
                layout.as_of
            ));
            let uncertain = events.iter().filter(|e| e.date_note.is_some()).count();
            if uncertain > 0 {
                let how = if layout.wide { "its note says why" } else { "--wide shows why" };
                out.push_str(&format!("{UNCERTAIN} {uncertain} uncertain date(s): {how}\n"));
            }
            Ok(out)
        }
        ListFormat::Json => {
            let known: Vec<serde_json::Value> =
                events.iter().map(|e| known_json(e, layout.as_of)).collect::<Result<_, _>>()?;
            serde_json::to_string_pretty(&known).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        ListFormat::Csv | ListFormat::Xlsx => csv_events(events),
    }
}

/// An event as JSON, the way a brief dated `as_of` sees it: as the record read then
/// (the caller gives it so, [`Dataset::known_on`]), with only the sources public by
/// then and its status derived from them.
fn known_json(event: &Event, as_of: chrono::NaiveDate) -> Result<serde_json::Value, String> {
    let mut value = serde_json::to_value(event).map_err(|e| e.to_string())?;
    if let Some(object) = value.as_object_mut() {
        let status = event.status_on(as_of).unwrap_or(event.status);
        object.insert("status".into(), status.as_str().into());
        let sources: Vec<&crate::dataset::Source> = event.sources_on(as_of).collect();
        object.insert("sources".into(), serde_json::to_value(sources).map_err(|e| e.to_string())?);
        object.remove("revisions");
    }
    Ok(value)
}

/// A list as a JSON cell.
fn json_cell<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// The events as CSV in the dataset's CSV form ([`crate::dataset::CSV_COLUMNS`]): read
/// back with `--data`, it gives the same events.
fn csv_events(events: &[&Event]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>, row: &[&str]| {
        w.write_record(row.iter().map(|cell| neutral_cell(cell).into_owned()))
            .map_err(|e| e.to_string())
    };
    write(&mut writer, &crate::dataset::CSV_COLUMNS)?;
    for e in events {
        let source = e.sources.first();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let date_note = e.date_note.clone().unwrap_or_default();
        let note = e.note.clone().unwrap_or_default();
        let participants =
            if e.participants.is_empty() { String::new() } else { json_cell(&e.participants)? };
        let more = e.sources.get(1..).unwrap_or_default();
        let more_sources = if more.is_empty() { String::new() } else { json_cell(more)? };
        let revisions =
            if e.revisions.is_empty() { String::new() } else { json_cell(&e.revisions)? };
        let row: Vec<String> = vec![
            e.id.clone(),
            e.date.to_string(),
            e.end.map(|d| d.to_string()).unwrap_or_default(),
            e.status.as_str().to_owned(),
            text(&date_note.en),
            text(&date_note.id),
            text(&note.en),
            text(&note.id),
            partner_cell(e, ";"),
            e.kind.as_str().to_owned(),
            e.round.map(|r| r.to_string()).unwrap_or_default(),
            e.cadence_months.map(|c| c.to_string()).unwrap_or_default(),
            e.direction.map_or("", |d| d.as_str()).to_owned(),
            e.term_ends.map(|d| d.to_string()).unwrap_or_default(),
            e.renews.clone().unwrap_or_default(),
            text(&e.title.en),
            text(&e.title.id),
            text(&e.summary.en),
            text(&e.summary.id),
            text(&e.location.city),
            text(&e.location.country),
            e.location.mode.map_or("", |m| m.as_str()).to_owned(),
            participants,
            e.topics.join(";"),
            source.map(|s| s.url.clone()).unwrap_or_default(),
            source.map(|s| s.publisher.clone()).unwrap_or_default(),
            source.and_then(|s| s.published).map(|d| d.to_string()).unwrap_or_default(),
            source.and_then(|s| s.accessed).map(|d| d.to_string()).unwrap_or_default(),
            source.and_then(|s| s.title.clone()).unwrap_or_default(),
            source.map(|s| s.reports.as_str().to_owned()).unwrap_or_default(),
            if source.is_some_and(|s| s.secondary) { "yes" } else { "" }.to_owned(),
            more_sources,
            revisions,
        ];
        write(&mut writer, &row.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A partner with its number of events, for JSON output.
#[derive(Serialize)]
struct PartnerRow<'a> {
    #[serde(flatten)]
    partner: &'a Partner,
    events: usize,
}

/// The partner registry with event counts, in the format asked for.
pub fn partners(
    dataset: &Dataset,
    events: &[&Event],
    format: ListFormat,
) -> Result<String, String> {
    let count = |p: &Partner| events.iter().filter(|e| e.partners.contains(&p.id)).count();
    match format {
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = dataset
                .partners
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        p.name.get_or_other("en").to_owned(),
                        p.name.get_or_other("id").to_owned(),
                        p.kind.as_str().to_owned(),
                        count(p).to_string(),
                        p.aliases.join(", "),
                    ]
                })
                .collect();
            Ok(table(&["ID", "NAME (EN)", "NAME (ID)", "KIND", "EVENTS", "ALIASES"], &rows))
        }
        ListFormat::Json => {
            let rows: Vec<PartnerRow> = dataset
                .partners
                .iter()
                .map(|p| PartnerRow { partner: p, events: count(p) })
                .collect();
            serde_json::to_string_pretty(&rows).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        ListFormat::Csv | ListFormat::Xlsx => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let header = ["id", "name_en", "name_id", "kind", "events", "aliases"];
            writer.write_record(header).map_err(|e| e.to_string())?;
            for p in &dataset.partners {
                let row = [
                    p.id.clone(),
                    p.name.en.clone().unwrap_or_default(),
                    p.name.id.clone().unwrap_or_default(),
                    p.kind.as_str().to_owned(),
                    count(p).to_string(),
                    p.aliases.join(";"),
                ];
                writer
                    .write_record(row.iter().map(|cell| neutral_cell(cell).into_owned()))
                    .map_err(|e| e.to_string())?;
            }
            let bytes = writer.into_inner().map_err(|e| e.to_string())?;
            String::from_utf8(bytes).map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_show_control_characters_instead_of_sending_them() {
        let out = table(&["A"], &[vec!["red \u{1b}[31mtext\u{7}".into()]]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("red ␛[31mtext␇"), "{out:?}");
    }
}
