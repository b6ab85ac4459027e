//! Fuzzes a dataset file from its text to a validated dataset and its listings. The
//! first byte picks the format (TOML, JSON or CSV) and whether the bundled records are
//! loaded beside it, so that user records can refer to, and clash with, bundled partners
//! and topics. Any input may be refused with diagnostics; none may panic.

#![no_main]

use brief::dataset::{DataFormat, DatasetBuilder, Query};
use brief::listing;
use brief::locale::Language;
use brief_fuzz::{BUNDLED_BUILDER, emit_all};
use libfuzzer_sys::fuzz_target;

/// The day the listings see the data as on.
const AS_OF: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(2024, 3, 31).expect("a real day");

fuzz_target!(|input: &[u8]| {
    let Some((&selector, rest)) = input.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (format, name) = match selector % 3 {
        0 => (DataFormat::Toml, "fuzz.toml"),
        1 => (DataFormat::Json, "fuzz.json"),
        _ => (DataFormat::Csv, "fuzz.csv"),
    };
    let mut builder =
        if selector & 0x80 != 0 { BUNDLED_BUILDER.clone() } else { DatasetBuilder::default() };
    builder.add_text(name, text.to_owned(), format);
    match builder.build() {
        Ok((dataset, warnings)) => {
            emit_all(&warnings);
            let events: Vec<_> = dataset.select(&Query::default()).collect();
            for format in
                [listing::ListFormat::Table, listing::ListFormat::Json, listing::ListFormat::Csv]
            {
                for language in [Language::En, Language::Id] {
                    for wide in [false, true] {
                        let sort =
                            if wide { listing::SortKey::Partner } else { listing::SortKey::Date };
                        let mut sorted = events.clone();
                        listing::sort(&dataset, &mut sorted, sort, language);
                        let layout = listing::Layout { as_of: AS_OF, language, wide, sort };
                        let _ = listing::events(&dataset, &sorted, &layout, format);
                    }
                }
                let _ = listing::partners(&dataset, &events, format);
            }
        }
        Err(errors) => emit_all(&errors),
    }
});
