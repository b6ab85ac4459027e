//! In-process benchmarks of brief's own stages beside Typst's compile and PDF export,
//! and of loading a 100,000-event dataset. Run with `cargo bench --bench stages`;
//! BENCHMARKS.md records the figures.

// criterion's macros generate the public function of the group, with no doc comment.
#![allow(missing_docs)]

mod synth;

use std::hint::black_box;
use std::path::Path;

use brief::dataset::{Dataset, DatasetBuilder, Query};
use brief::dates::Period;
use brief::model::{self, BriefSettings};
use brief::render::{RenderRequest, Renderer};
use brief::select;
use brief::spec::Spec;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

// The binary's allocator and its set-up, so that the stages are measured as `brief`
// runs them.
brief::global_allocator!();

const FLAGSHIP: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/briefs/bnpt-international-2021-2024.toml");

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

/// The flagship brief, stage by stage.
fn flagship(c: &mut Criterion) {
    let path = Path::new(FLAGSHIP);
    let mut group = c.benchmark_group("flagship");
    group.bench_function("1 spec: parse and validate", |b| {
        b.iter(|| Spec::load(black_box(path), "flagship", &[]).expect("a valid spec").0)
    });
    group.bench_function("2 dataset: load and validate the bundled data", |b| {
        b.iter(|| Dataset::bundled().expect("valid data"))
    });
    let (spec, _) = Spec::load(path, "flagship", &[]).expect("a valid spec");
    let dataset = Dataset::bundled().expect("valid data");
    let period = spec.period.resolve(as_of());
    group.bench_function("3 select: resolve filters", |b| {
        b.iter(|| select::resolve(&spec, &dataset, period, as_of()).expect("known partners"))
    });
    let selection = select::resolve(&spec, &dataset, period, as_of()).expect("known partners");
    let settings = BriefSettings {
        language: spec.language,
        audience: spec.audience,
        marking: spec.marking,
        period,
        as_of: as_of(),
        template: "brief".into(),
        highlights: model::HIGHLIGHTS,
    };
    group.bench_function("4 model: build and serialise brief.json", |b| {
        b.iter(|| {
            let data = model::build(&spec, &settings, &selection, &dataset).expect("a brief");
            serde_json::to_vec(&data).expect("serialisable")
        })
    });
    let data = model::build(&spec, &settings, &selection, &dataset).expect("a brief");
    let request = RenderRequest {
        main: "brief.typ".into(),
        overrides: None,
        logo: None,
        data: serde_json::to_vec(&data).expect("serialisable"),
        as_of: as_of(),
        ident: "bench".into(),
        page_limit: None,
        pdf_standards: vec![],
        export: Default::default(),
        read_text: false,
    };
    group.bench_function("5 render: fonts and templates (once per process)", |b| {
        b.iter(|| Renderer::new(&[]).expect("embedded fonts"))
    });
    let renderer = Renderer::new(&[]).expect("embedded fonts");
    group.bench_function("6 render: Typst compile and PDF export", |b| {
        b.iter(|| renderer.render(request.clone()).expect("a PDF"))
    });
    group.finish();
}

/// Loading, validating and filtering a 100,000-event dataset.
fn large_dataset(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("synth.csv");
    std::fs::write(&path, synth::csv(100_000)).expect("writable");
    let query = Query {
        partners: vec!["gbr".into(), "unoct".into()],
        period: Some(Period {
            from: NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date"),
            to: NaiveDate::from_ymd_opt(2021, 12, 31).expect("a date"),
        }),
        ..Query::default()
    };
    let mut group = c.benchmark_group("dataset");
    group.sample_size(10);
    group.bench_function("100k events: load, validate and filter", |b| {
        b.iter(|| {
            let mut builder = DatasetBuilder::default();
            builder.add_bundled();
            builder.add_file(&path, "synth.csv");
            let (dataset, _) = builder.build().expect("valid data");
            dataset.select(&query).count()
        })
    });
    group.finish();
}

criterion_group!(benches, flagship, large_dataset);
criterion_main!(benches);
