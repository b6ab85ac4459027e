//! Point-in-time briefs: a brief dated D holds only what sources published by D say,
//! with each engagement's status on D derived from its dated sources.

use std::path::Path;

use serde_json::Value;

use super::harness::*;

/// The engagements of every section of `kind`, as (id, status) pairs.
fn engagements(json: &Value, kind: &str) -> Vec<(String, String)> {
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == kind)
        .flat_map(|s| s["events"].as_array().cloned().unwrap_or_default())
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e["status"].as_str().unwrap().to_owned()))
        .collect()
}

/// The flagship spec with its period extended to the end of 2025.
fn flagship_to_2025(dir: &Path) -> String {
    let flagship = std::fs::read_to_string(repo().join("briefs/bnpt-international-2021-2024.toml"))
        .unwrap()
        .replace("to = 2024-12-31", "to = 2025-12-31");
    write(dir, "flagship-2025.toml", &flagship)
}

#[test]
fn the_monthly_of_september_2022_knows_the_announced_unoct_visit_and_not_the_russia_meeting() {
    let dir = tempdir();
    let json = brief_json(dir.path(), &repo_file("briefs/monthly.toml"), "2022-10-01");
    let upcoming = engagements(&json, "upcoming");
    assert!(
        upcoming
            .contains(&("2022-11-unoct-vulnerable-targets-consultations".into(), "planned".into())),
        "{upcoming:?}"
    );
    let text = json.to_string();
    assert!(!text.contains("2025-rus-expert-meeting"), "the 2025 Russia meeting leaked in");
}

#[test]
fn as_of_mid_january_2025_the_expert_meeting_is_planned_and_the_uk_jwg_unknown() {
    let dir = tempdir();
    let spec = flagship_to_2025(dir.path());
    let json = brief_json(dir.path(), &spec, "2025-01-15");
    let events = engagements(&json, "events");
    assert!(events.contains(&("2025-rus-expert-meeting".into(), "planned".into())), "{events:?}");
    assert!(!json.to_string().contains("2025-01-gbr-jwg-3"), "the 20 January 2025 JWG leaked in");
}

#[test]
fn late_in_2026_the_expert_meeting_is_unconfirmed_and_not_counted_as_held() {
    let dir = tempdir();
    let spec = flagship_to_2025(dir.path());
    let json = brief_json(dir.path(), &spec, "2026-11-22");
    let events = engagements(&json, "events");
    assert!(
        events.contains(&("2025-rus-expert-meeting".into(), "unconfirmed".into())),
        "{events:?}"
    );
    let held = events.iter().filter(|(_, status)| status == "held").count();
    let figures = json["sections"].as_array().unwrap().iter().find(|s| s["kind"] == "key-figures");
    let engagements_figure = &figures.unwrap()["figures"][0]["value"];
    assert_eq!(engagements_figure, &Value::String(held.to_string()), "{events:?}");
    let pdf = pdf_text(&dir.path().join("b.pdf"));
    assert!(pdf.contains("UNCONFIRMED"), "{pdf}");
    assert!(pdf.contains("no source published by 22 November 2026 reports that it took place"));
}

#[test]
fn no_example_brief_cites_a_source_published_after_its_date() {
    let dir = tempdir();
    // The specs of the folder as a folder run finds them (`_brief.toml` is no spec).
    let mut specs = brief::plan::spec_files(&[repo().join("briefs")]).unwrap();
    specs.sort();
    specs.push(flagship_to_2025(dir.path()).into());
    let mut checked = 0;
    for as_of in ["2021-06-30", "2022-10-01", "2023-12-31", "2025-01-15", "2026-11-22"] {
        let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        let options = brief::plan::Options {
            output: Some(dir.path().join("out/")),
            mode: brief::plan::Mode::DryRun,
            ..brief::plan::Options::new(as_of)
        };
        // Every variant of every example spec: the same /brief.json `--emit-data` writes.
        let planned = brief::plan::plan(&specs, &options).expect("the example specs plan");
        assert!(planned.invalid.is_empty(), "{:?}", planned.invalid);
        for plan in &planned.plans {
            let data =
                brief::model::build(&plan.spec, &plan.settings, &plan.selection, &plan.dataset)
                    .expect("the brief builds");
            let json = serde_json::to_value(&data).unwrap();
            for source in json["sources"].as_array().unwrap() {
                let published = source["published_iso"].as_str().unwrap();
                if published.is_empty() {
                    // The two undated bundled pages (data/README.md) count from their
                    // event's first day, which the brief's selection already bounds.
                    continue;
                }
                let date: brief::dates::PartialDate = published.parse().unwrap();
                assert!(
                    date.last_day() <= as_of,
                    "{} (variant {}) as of {as_of} cites {} published {published}",
                    plan.spec.path.display(),
                    plan.variant + 1,
                    source["url"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} citations checked");
}

#[test]
fn events_as_of_an_old_date_list_only_what_was_known_then() {
    let dir = tempdir();
    let count = |args: &[&str]| -> usize {
        let run =
            brief(dir.path(), &[&["events", "--format", "json"][..], args].concat()).expect(0);
        serde_json::from_str::<Value>(&run.stdout).unwrap().as_array().unwrap().len()
    };
    let then = count(&["--as-of", "2022-10-01"]);
    let now = count(&["--as-of", "2026-11-22"]);
    assert!(then < now, "{then} events known in 2022, {now} in 2026");
    let run = brief(dir.path(), &["events", "--as-of", "2026-11-22", "--status", "unconfirmed"])
        .expect(0);
    assert!(run.stdout.contains("2025-rus-expert-meeting"), "{}", run.stdout);
    assert!(run.stdout.contains("unconfirmed"), "{}", run.stdout);
    let run = brief(dir.path(), &["events", "--as-of", "2025-01-15", "--status", "unconfirmed"])
        .expect(0);
    assert!(!run.stdout.contains("2025-rus-expert-meeting"), "{}", run.stdout);
}
