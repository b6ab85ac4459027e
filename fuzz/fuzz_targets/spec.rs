//! Fuzzes a spec from its text to the brief model: parsing and checking, period
//! resolution, filter resolution against the bundled dataset, output patterns, and the
//! model each variant would hand to its template. Any input may be refused with
//! diagnostics; none may panic.

#![no_main]

use std::path::Path;

use brief::diag::SourceText;
use brief::model::{self, BriefSettings};
use brief::output::{self, Placeholders};
use brief::select;
use brief::spec::Spec;
use brief_fuzz::{BUNDLED, emit_all};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let spec = match Spec::parse(Path::new("fuzz.toml"), SourceText::new("fuzz.toml", text)) {
        Ok(spec) => spec,
        Err(errors) => return emit_all(&errors),
    };
    let as_of = NaiveDate::from_ymd_opt(2024, 3, 31).expect("a real day");
    let period = spec.period.resolve(as_of);
    let selection = match select::resolve(&spec, &BUNDLED, period, as_of) {
        Ok(selection) => selection,
        Err(errors) => return emit_all(&errors),
    };
    for variant in &spec.variants {
        let language = variant.language.unwrap_or(spec.language);
        let audience = variant.audience.unwrap_or(spec.audience);
        let settings = BriefSettings {
            language,
            audience,
            marking: variant.marking.or(spec.marking),
            period,
            as_of,
            template: audience.default_template().into(),
            highlights: model::HIGHLIGHTS,
        };
        if let Some(pattern) = variant.output.as_ref().or(spec.output.as_ref()) {
            let title = spec.title.get(settings.language).unwrap_or("brief");
            let _ = output::expand(pattern, &Placeholders::for_brief(title, &settings));
        }
        if let Ok(data) = model::build(&spec, &settings, &selection, &BUNDLED) {
            serde_json::to_vec(&data).expect("the model serialises");
        }
    }
});
