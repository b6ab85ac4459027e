//! Listings of the dataset for `brief events` and `brief partners`: an aligned table for
//! people, JSON and CSV for scripts. The events CSV uses the dataset's CSV columns, so
//! it can be edited in a spreadsheet and read back with `--data`.

use serde::Serialize;

use crate::vocab::vocabulary;

use crate::dataset::{Dataset, Event, Partner, neutral_cell};
use crate::locale::Language;

vocabulary! {
    /// How a listing is printed.
    Format("format") {
        /// Aligned columns for reading.
        Table = "table",
        /// JSON for scripts.
        Json = "json",
        /// CSV for spreadsheets.
        Csv = "csv",
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

/// The events, in the format asked for.
pub fn events(
    dataset: &Dataset,
    events: &[&Event],
    as_of: chrono::NaiveDate,
    language: Language,
    format: Format,
) -> Result<String, String> {
    let lang = language.code();
    match format {
        Format::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.date.to_string() + &e.end.map(|d| format!("..{d}")).unwrap_or_default(),
                        e.kind.as_str().to_owned(),
                        e.status_on(as_of).unwrap_or(e.status).as_str().to_owned(),
                        e.partners.join(","),
                        e.id.clone(),
                        clip(e.title.get_or_other(lang), 72),
                    ]
                })
                .collect();
            let mut out = table(&["DATE", "TYPE", "STATUS", "PARTNERS", "ID", "TITLE"], &rows);
            let all = dataset.events.len();
            let noun = if all == 1 { "event" } else { "events" };
            out.push_str(&format!("{} of {all} {noun}, as known on {as_of}\n", events.len()));
            Ok(out)
        }
        Format::Json => {
            serde_json::to_string_pretty(events).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let write = |w: &mut csv::Writer<Vec<u8>>, row: &[&str]| {
                w.write_record(row.iter().map(|cell| neutral_cell(cell).into_owned()))
                    .map_err(|e| e.to_string())
            };
            write(&mut writer, &crate::dataset::CSV_COLUMNS)?;
            for e in events {
                let source = e.sources.first();
                let date_text = e.date.to_string();
                let end_text = e.end.map(|d| d.to_string()).unwrap_or_default();
                let published =
                    source.and_then(|s| s.published).map(|d| d.to_string()).unwrap_or_default();
                let round = e.round.map(|r| r.to_string()).unwrap_or_default();
                let row = [
                    e.id.as_str(),
                    &date_text,
                    &end_text,
                    e.status.as_str(),
                    &e.partners.join(";"),
                    e.kind.as_str(),
                    &round,
                    e.title.en.as_deref().unwrap_or(""),
                    e.title.id.as_deref().unwrap_or(""),
                    e.summary.en.as_deref().unwrap_or(""),
                    e.summary.id.as_deref().unwrap_or(""),
                    e.location.city.as_deref().unwrap_or(""),
                    e.location.country.as_deref().unwrap_or(""),
                    e.location.mode.map_or("", |m| m.as_str()),
                    &e.topics.join(";"),
                    source.map_or("", |s| s.url.as_str()),
                    source.map_or("", |s| s.publisher.as_str()),
                    &published,
                ];
                write(&mut writer, &row)?;
            }
            let bytes = writer.into_inner().map_err(|e| e.to_string())?;
            String::from_utf8(bytes).map_err(|e| e.to_string())
        }
    }
}

/// A partner with its number of events, for JSON output.
#[derive(Serialize)]
struct PartnerRow<'a> {
    #[serde(flatten)]
    partner: &'a Partner,
    events: usize,
}

/// The partner registry with event counts, in the format asked for.
pub fn partners(dataset: &Dataset, format: Format) -> Result<String, String> {
    let count = |p: &Partner| dataset.events.iter().filter(|e| e.partners.contains(&p.id)).count();
    match format {
        Format::Table => {
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
        Format::Json => {
            let rows: Vec<PartnerRow> = dataset
                .partners
                .iter()
                .map(|p| PartnerRow { partner: p, events: count(p) })
                .collect();
            serde_json::to_string_pretty(&rows).map(|s| s + "\n").map_err(|e| e.to_string())
        }
        Format::Csv => {
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
