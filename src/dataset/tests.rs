//! Tests of loading, validation, partner resolution and matching.

use std::path::Path;

use super::*;
use crate::dates::Period;

/// Builds a dataset from the bundled files plus one user file given as text.
fn with_user_file(name: &str, text: &str) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let mut builder = DatasetBuilder::default();
    builder.add_bundled();
    builder.add_file(&path, name);
    builder.build()
}

fn rendered(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn the_bundled_dataset_is_valid_and_complete() {
    let mut builder = DatasetBuilder::default();
    builder.add_bundled();
    let (dataset, warnings) = builder.build().unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert!(warnings.is_empty(), "bundled data has warnings:\n{}", rendered(&warnings));
    assert!(dataset.events.len() >= 65, "only {} events", dataset.events.len());
    // Two pages whose publication date could not be established (data/README.md lists
    // them); they count as public from their event's first day. Every other is dated.
    let undated: Vec<&str> = dataset
        .events
        .iter()
        .flat_map(|e| &e.sources)
        .filter(|s| s.published.is_none())
        .map(|s| s.url.as_str())
        .collect();
    assert_eq!(
        undated,
        [
            "https://indonesia.unteamresults.org/en/2022/449-story-319",
            "https://lab.unicri.it/News-First-Consultation-Development-Policy-Prevent-Respond-Chemical-Terrorism-Indonesia",
        ]
    );
    for event in &dataset.events {
        assert!(!event.sources.is_empty(), "{} has no source", event.id);
        assert!(event.title.get("en").is_some() && event.title.get("id").is_some(), "{}", event.id);
        assert!(
            event.summary.get("en").is_some() && event.summary.get("id").is_some(),
            "{}",
            event.id
        );
    }
    // Every partner takes part in an event, in some role; a group through its members.
    let all_roles = crate::dataset::Role::ALL;
    for partner in &dataset.partners {
        let ids = dataset.selected_by(partner);
        assert!(
            dataset.events.iter().any(|e| ids.iter().any(|id| e.involves(id, all_roles))),
            "partner {} has no event",
            partner.id
        );
    }
}

#[test]
fn every_seed_event_is_in_the_bundled_dataset() {
    let dataset = Dataset::bundled().unwrap();
    for id in [
        "2021-11-gbr-jwg-1",
        "2021-04-gbr-mou",
        "2022-09-unoct-voronkov-meeting",
        "2022-09-un-congress-victims",
        "2022-11-unoct-vulnerable-targets-consultations",
        "2022-05-tha-major-events-meeting",
        "2019-asean-bali-work-plan",
        "2022-03-phl-jwg-4",
        "2019-09-phl-jwg-3",
        "2024-10-rus-ambassador-call",
        "2025-rus-expert-meeting",
        "2007-rus-mou",
        "2010-rus-mou-ratification",
    ] {
        assert!(dataset.events.iter().any(|e| e.id == id), "missing seed event {id}");
    }
    let planned = dataset.events.iter().find(|e| e.id == "2025-rus-expert-meeting").unwrap();
    assert_eq!(planned.status, Status::Planned);
    let note = planned.date_note.as_ref().unwrap();
    assert!(note.get("en").unwrap().contains("early 2025"));
    assert!(note.get("id").unwrap().contains("awal tahun 2025"));
}

#[test]
fn events_are_in_date_order() {
    let dataset = Dataset::bundled().unwrap();
    assert!(dataset.events.windows(2).all(|w| w[0].first_day() <= w[1].first_day()));
}

#[test]
fn partners_are_found_by_id_name_and_alias_in_either_language_and_any_case() {
    let dataset = Dataset::bundled().unwrap();
    for (name, id) in [
        ("gbr", "gbr"),
        ("United Kingdom", "gbr"),
        ("inggris", "gbr"),
        ("UK", "gbr"),
        ("britania raya", "gbr"),
        ("Filipina", "phl"),
        ("philippines", "phl"),
        ("RUS", "rus"),
        ("Rusia", "rus"),
        ("Russian Federation", "rus"),
        ("unoct", "unoct"),
        ("Kantor PBB Bidang Kontraterorisme", "unoct"),
        ("  amerika   serikat ", "usa"),
    ] {
        assert_eq!(dataset.find_partner(name).map(|p| p.id.as_str()), Ok(id), "{name}");
    }
}

#[test]
fn unknown_partners_suggest_the_nearest_name() {
    let dataset = Dataset::bundled().unwrap();
    let unknown = dataset.find_partner("Inggriss").unwrap_err();
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `Inggris` (United Kingdom)?"));
    assert!(dataset.find_partner("Atlantis").unwrap_err().hint.is_none());
}

#[test]
fn aliases_in_both_languages_select_the_same_events() {
    let dataset = Dataset::bundled().unwrap();
    let select = |name: &str| -> Vec<String> {
        let id = dataset.find_partner(name).unwrap().id.clone();
        let query = Query { partners: vec![id], ..Query::default() };
        dataset.select(&query).map(|e| e.id.clone()).collect()
    };
    assert_eq!(select("United Kingdom"), select("Inggris"));
    assert_eq!(select("Philippines"), select("Filipina"));
    assert_eq!(select("Russia"), select("Rusia"));
    assert!(!select("UK").is_empty());
}

#[test]
fn matching_uses_the_date_precision() {
    let dataset = Dataset::bundled().unwrap();
    let period =
        |from: &str, to: &str| Some(Period::between(from.parse().unwrap(), to.parse().unwrap()));
    let ids =
        |query: Query| -> Vec<String> { dataset.select(&query).map(|e| e.id.clone()).collect() };
    // "2022-11" (the chemical-terrorism project launch) overlaps a period ending 2022-11-15.
    let november = ids(Query { period: period("2022-11-01", "2022-11-15"), ..Query::default() });
    assert!(
        november.contains(&"2022-11-unodc-unicri-chemical-project-launch".to_owned()),
        "{november:?}"
    );
    // "2025" (the planned Russia expert meeting) does not match 2024.
    let year = ids(Query { period: period("2024", "2024"), ..Query::default() });
    assert!(!year.contains(&"2025-rus-expert-meeting".to_owned()));
    // A span that starts before the period still overlaps it.
    let december = ids(Query { period: period("2022-12-01", "2022-12-31"), ..Query::default() });
    assert!(december.contains(&"2022-11-unoct-vulnerable-targets-consultations".to_owned()));
}

#[test]
fn narrowing_keeps_what_both_filters_allow() {
    let base = Query { types: vec![EventType::Mou, EventType::Visit], ..Query::default() };
    let narrower = Query {
        types: vec![EventType::Mou, EventType::Seminar],
        status: vec![Status::Held],
        ..Query::default()
    };
    let narrowed = base.narrowed_by(&narrower);
    assert_eq!(narrowed.types, vec![EventType::Mou]);
    assert_eq!(narrowed.status, vec![Status::Held]);
}

const USER_TOML: &str = r#"
[[partners]]
id = "brn"
name = { en = "Brunei", id = "Brunei Darussalam" }
kind = "country"

[[events]]
id = "2024-05-brn-visit"
date = "2024-05-02"
status = "held"
partners = ["brn"]
type = "visit"
title = { en = "A visit", id = "Sebuah kunjungan" }
summary = { en = "Summary.", id = "Ringkasan." }
sources = [{ publisher = "Example", url = "https://example.org/a", published = "2024-05" }]
"#;

#[test]
fn a_user_event_can_name_a_partner_the_user_file_defines() {
    let (dataset, warnings) =
        with_user_file("mine.toml", USER_TOML).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert!(warnings.is_empty());
    assert!(dataset.events.iter().any(|e| e.id == "2024-05-brn-visit"));
    assert_eq!(dataset.find_partner("brunei darussalam").unwrap().id, "brn");
}

#[test]
fn an_access_date_is_read_and_one_before_publication_is_an_error() {
    let with_access = |accessed: &str| {
        USER_TOML.replace(
            "published = \"2024-05\" }",
            &format!("published = \"2024-05\", accessed = \"{accessed}\" }}"),
        )
    };
    let (dataset, _) = with_user_file("mine.toml", &with_access("2026-11-20"))
        .unwrap_or_else(|e| panic!("{}", rendered(&e)));
    let event = dataset.events.iter().find(|e| e.id == "2024-05-brn-visit").unwrap();
    assert_eq!(event.sources[0].accessed.map(|d| d.to_string()).as_deref(), Some("2026-11-20"));
    let all = rendered(&with_user_file("mine.toml", &with_access("2024-04-30")).unwrap_err());
    assert!(all.contains("was accessed (2024-04-30) before it was published (2024-05)"), "{all}");
    assert!(all.contains("mine.toml:15:103"), "{all}");
}

#[test]
fn a_clashing_id_names_both_places() {
    let text = USER_TOML.replace("2024-05-brn-visit", "2021-11-gbr-jwg-1");
    let errors = with_user_file("mine.toml", &text).unwrap_err();
    let all = rendered(&errors);
    assert!(all.contains("event id `2021-11-gbr-jwg-1` is defined twice"), "{all}");
    assert!(all.contains("mine.toml:8:6"), "{all}");
    assert!(all.contains("first defined at data/events.toml:"), "{all}");
}

#[test]
fn bad_records_are_reported_together_with_their_places() {
    let text = USER_TOML
        .replace("date = \"2024-05-02\"", "date = \"2024-02-30\"")
        .replace("type = \"visit\"", "type = \"visti\"")
        .replace("partners = [\"brn\"]", "partners = [\"brnn\"]");
    let errors = with_user_file("mine.toml", &text).unwrap_err();
    let all = rendered(&errors);
    assert!(all.contains("mine.toml:9:9"), "{all}");
    assert!(all.contains("not a day of the calendar"), "{all}");
    assert!(
        all.contains("unknown event type `visti`") && all.contains("did you mean `visit`?"),
        "{all}"
    );
    assert!(all.contains("unknown partner `brnn`") && all.contains("did you mean `brn`?"), "{all}");
}

#[test]
fn an_event_without_sources_or_with_end_before_start_is_an_error() {
    let text = USER_TOML
        .replace("sources = [{ publisher = \"Example\", url = \"https://example.org/a\", published = \"2024-05\" }]", "")
        .replace("date = \"2024-05-02\"", "date = \"2024-05-02\"\nend = \"2024-05-01\"");
    let all = rendered(&with_user_file("mine.toml", &text).unwrap_err());
    assert!(all.contains("has no source"), "{all}");
    assert!(all.contains("ends (2024-05-01) before it starts (2024-05-02)"), "{all}");
}

#[test]
fn a_missing_translation_is_a_warning() {
    let text = USER_TOML.replace(
        "summary = { en = \"Summary.\", id = \"Ringkasan.\" }",
        "summary = { en = \"Summary.\" }",
    );
    let (_, warnings) = with_user_file("mine.toml", &text).unwrap();
    assert_eq!(warnings.len(), 1, "{}", rendered(&warnings));
    assert_eq!(
        warnings[0].message,
        "1 text in mine.toml has no Indonesian (`id`) version; the first is here"
    );
    assert!(warnings[0].place.is_some());
}

const CSV_HEADER: &str = "id,date,end,status,partners,type,title_en,title_id,summary_en,summary_id,city,country,mode,topics,source_url,source_publisher,source_published\n";

#[test]
fn csv_rows_become_events() {
    let text = format!(
        "{CSV_HEADER}2024-06-gbr-x,2024-06-03,,held,gbr;unoct,meeting,\"A meeting, in London\",Sebuah pertemuan,,,London,GBR,hybrid,capacity-building,https://example.org/x,Example,2024-06-04\n"
    );
    let (dataset, _) =
        with_user_file("sheet.csv", &text).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    let event = dataset.events.iter().find(|e| e.id == "2024-06-gbr-x").unwrap();
    assert_eq!(event.partners, ["gbr", "unoct"]);
    assert_eq!(event.title.get("en"), Some("A meeting, in London"));
    assert_eq!(event.location.mode, Some(Mode::Hybrid));
    assert_eq!(event.sources[0].published.map(|d| d.to_string()).as_deref(), Some("2024-06-04"));
}

#[test]
fn a_csv_row_with_an_impossible_date_names_the_file_and_line() {
    let good =
        "2024-06-gbr-x,2024-06-03,,held,gbr,meeting,A,B,,,,,,,https://example.org/x,Example,";
    let bad = "2024-06-gbr-y,2024-02-31,,held,gbr,meeting,A,B,,,,,,,https://example.org/y,Example,";
    // A quoted cell that holds a line break moves every later row down a line.
    let quoted = good.replacen(",A,B,", ",A,\"two\nlines\",", 1);
    let cases = [
        (format!("{CSV_HEADER}{good}\n{bad}\n"), "sheet.csv:3:15"),
        (format!("{CSV_HEADER}{good}\n{bad}"), "sheet.csv:3:15"),
        (format!("{CSV_HEADER}{good}\n\n{bad}\n"), "sheet.csv:4:15"),
        (format!("{CSV_HEADER}{good}\n{bad}\n").replace('\n', "\r\n"), "sheet.csv:3:15"),
        (format!("{CSV_HEADER}{quoted}\n{bad}\n"), "sheet.csv:4:15"),
    ];
    for (text, place) in cases {
        let all = rendered(&with_user_file("sheet.csv", &text).unwrap_err());
        assert!(all.contains(place), "{text:?} should report {place}:\n{all}");
        assert!(all.contains("`2024-02-31` is not a day of the calendar"), "{all}");
    }
}

#[test]
fn unknown_csv_columns_are_errors_with_a_suggestion() {
    let text = CSV_HEADER.replace("source_url", "source_link")
        + "x,2024,,held,gbr,meeting,A,B,,,,,,,u,p,\n";
    let all = rendered(&with_user_file("sheet.csv", &text).unwrap_err());
    assert!(all.contains("unknown column `source_link`"), "{all}");
    assert!(all.contains("did you mean `source_url`?"), "{all}");
}

#[test]
fn a_text_column_without_its_language_is_suggested_in_the_header_s_language() {
    let english = "id,date,status,partners,type,title,summary_en,source_url,source_publisher\n\
                   x,2024,held,gbr,meeting,A,B,u,p\n";
    let errors = with_user_file("sheet.csv", english).unwrap_err();
    assert_eq!(errors[0].message, "unknown column `title`");
    assert_eq!(
        errors[0].hints,
        ["did you mean `title_en`? Texts have a column per language: `title_en`, `title_id`"]
    );
    let indonesian = english.replace("summary_en", "summary_id");
    let errors = with_user_file("sheet.csv", &indonesian).unwrap_err();
    assert_eq!(
        errors[0].hints,
        ["did you mean `title_id`? Texts have a column per language: `title_en`, `title_id`"]
    );
}

#[test]
fn json_files_hold_events_like_toml_files() {
    let json = r#"{ "events": [ {
        "id": "2024-07-gbr-json", "date": "2024-07", "status": "planned", "partners": ["gbr"],
        "type": "seminar", "title": { "en": "A seminar", "id": "Sebuah seminar" },
        "sources": [ { "publisher": "Example", "url": "https://example.org/j" } ] } ] }"#;
    let (dataset, _) =
        with_user_file("extra.json", json).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    let event = dataset.events.iter().find(|e| e.id == "2024-07-gbr-json").unwrap();
    assert_eq!(event.status, Status::Planned);
    let broken = json.replace("\"seminar\"", "\"seminaar\"");
    let all = rendered(&with_user_file("extra.json", &broken).unwrap_err());
    assert!(all.contains("extra.json:3:") && all.contains("did you mean `seminar`?"), "{all}");
}

#[test]
fn unreadable_files_are_errors() {
    let mut builder = DatasetBuilder::default();
    builder.add_file(Path::new("/nonexistent/file.csv"), "file.csv");
    builder.add_file(Path::new("notes.txt"), "notes.txt");
    let all = rendered(&builder.build().unwrap_err());
    assert!(all.contains("cannot read dataset file `file.csv`"), "{all}");
    assert!(all.contains("dataset files end in .toml, .json, .csv, .xlsx, .xls or .ods"), "{all}");
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // A sparse file: as large as it says, without using the disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(read::MAX_FILE_BYTES + 1).unwrap();
    let mut builder = DatasetBuilder::default();
    builder.add_file(&path, "huge.csv");
    let all = rendered(&builder.build().unwrap_err());
    assert!(
        all.contains("cannot read dataset file `huge.csv` (512 MiB or more; the limit is 512 MiB)"),
        "{all}"
    );
}

#[cfg(unix)]
#[test]
fn endless_files_that_report_no_size_stop_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("endless.csv");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let message = crate::diag::read_text(&path, read::MAX_FILE_BYTES).unwrap_err();
    assert_eq!(message, "512 MiB or more; the limit is 512 MiB");
}

#[test]
fn a_byte_order_mark_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.csv");
    std::fs::write(&path, "\u{feff}id,date\n").unwrap();
    assert_eq!(crate::diag::read_text(&path, read::MAX_FILE_BYTES).unwrap(), "id,date\n");
}

#[test]
fn a_plain_value_where_a_table_belongs_gets_the_shape_to_write() {
    let cases = [
        ("[[partners]]\nid = \"zz\"\nname = \"Zed\"\n", "`name = { en = \"Zed\", id = \"…\" }`"),
        ("[events]\nid = \"x\"\n", "write `[[events]]` with two brackets"),
        (
            "[[events]]\nid = \"x\"\nlocation = \"Jakarta\"\n",
            "`location = { city = \"Jakarta\", country = \"IDN\" }`",
        ),
    ];
    for (text, hint) in cases {
        let all = rendered(&with_user_file("extra.toml", text).unwrap_err());
        assert!(all.contains(hint) && !all.contains("struct"), "{all}");
    }
}

#[test]
fn csv_rows_with_the_wrong_number_of_cells_say_so_at_their_line() {
    let csv = "id,date,status,partners,type,title_en,source_url,source_publisher\n\
               2022-09-a,2022-09-01,held,gbr,meeting,A,https://example.org/a,Example, Ltd\n\
               \n\
               2022-09-b,2022-09-02\n";
    let all = rendered(&with_user_file("rows.csv", csv).unwrap_err());
    assert!(all.contains("this row has 9 cells, but the header has 8 columns"), "{all}");
    assert!(all.contains("rows.csv:2:1") && all.contains("must be in double quotes"), "{all}");
    assert!(all.contains("this row has 2 cells") && all.contains("rows.csv:4:1"), "{all}");
    assert!(!all.contains("CSV error"), "{all}");
}

#[test]
fn partner_looks_up_exact_ids_only() {
    let dataset = Dataset::bundled().unwrap();
    assert_eq!(dataset.partner("gbr").map(|p| p.name.get("en")), Some(Some("United Kingdom")));
    assert!(dataset.partner("United Kingdom").is_none());
    assert!(dataset.partner("uk").is_none());
}

#[test]
fn formula_cells_are_guarded_and_read_back_exactly() {
    assert_eq!(neutral_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutral_cell("-5"), "'-5");
    assert_eq!(neutral_cell("'=x"), "''=x");
    assert_eq!(neutral_cell("'Twas"), "'Twas");
    assert_eq!(neutral_cell("Jakarta"), "Jakarta");
    for cell in ["=1+1", "+62", "-", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "'", "'a", "", "a=b"] {
        assert_eq!(plain_cell(&neutral_cell(cell)), cell, "{cell:?}");
    }
}

#[test]
fn a_round_is_a_positive_number_on_a_working_group_or_a_consultation() {
    let csv = "id,date,status,partners,type,round,title_en,source_url,source_publisher\n\
               u-1,2022-01-05,held,gbr,working-group,4,JWG,https://example.org/1,Ex\n\
               u-0,2022-01-04,held,aus,consultation,9,Talks,https://example.org/0,Ex\n\
               u-2,2022-01-06,held,gbr,meeting,2,Meeting,https://example.org/2,Ex\n\
               u-3,2022-01-07,held,gbr,working-group,four,JWG,https://example.org/3,Ex\n";
    let errors = with_user_file("rounds.csv", csv).unwrap_err();
    let text = rendered(&errors);
    assert!(
        text.contains("only a `working-group` or `consultation` event has a `round`"),
        "{text}"
    );
    assert!(text.contains("invalid round `four`"), "{text}");
    assert_eq!(
        errors.iter().filter(|d| d.severity == crate::diag::Severity::Error).count(),
        2,
        "{text}"
    );
    let (dataset, _) =
        with_user_file("round.csv", &csv.lines().take(3).collect::<Vec<_>>().join("\n"))
            .unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert_eq!(dataset.events.iter().find(|e| e.id == "u-1").unwrap().round, Some(4));
    assert_eq!(dataset.events.iter().find(|e| e.id == "u-0").unwrap().round, Some(9));
    let bundled = Dataset::bundled().unwrap();
    for event in bundled.events.iter().filter(|e| e.kind == EventType::WorkingGroup) {
        assert!(event.round.is_some(), "{} has no round", event.id);
    }
}

#[test]
fn a_stated_cadence_is_a_number_of_months_on_a_working_group() {
    let csv = "id,date,status,partners,type,round,cadence_months,title_en,source_url,source_publisher\n\
               c-1,2022-01-05,held,gbr,working-group,4,12,JWG,https://example.org/1,Ex\n\
               c-2,2022-01-06,held,gbr,meeting,,6,Meeting,https://example.org/2,Ex\n\
               c-3,2022-01-07,held,gbr,working-group,5,0,JWG,https://example.org/3,Ex\n";
    let errors = with_user_file("cadence.csv", csv).unwrap_err();
    let text = rendered(&errors);
    assert!(
        text.contains("only a `working-group` or `consultation` event has a `cadence_months`"),
        "{text}"
    );
    assert!(text.contains("invalid cadence_months `0`"), "{text}");
    let (dataset, _) =
        with_user_file("cadence.csv", &csv.lines().take(2).collect::<Vec<_>>().join("\n"))
            .unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert_eq!(dataset.events.iter().find(|e| e.id == "c-1").unwrap().cadence_months, Some(12));
}

#[test]
fn a_csv_json_cell_of_the_wrong_shape_names_its_column_and_shows_the_form() {
    let text = "id,date,status,partners,type,title_en,participants,source_url,source_publisher\n\
                2024-06-gbr-j,2024-06-03,held,gbr,meeting,A,\"{\"\"name\"\": 1}\",https://example.org/j,Example\n";
    let all = rendered(&with_user_file("cells.csv", text).unwrap_err());
    assert!(all.contains("invalid `participants` cell"), "{all}");
    assert!(all.contains("cells.csv:2:"), "{all}");
    assert!(
        all.contains("`participants` holds a JSON array: [{\"name\": \"Eddy Hartono\""),
        "{all}"
    );
}

#[test]
fn a_dataset_brought_to_a_date_stays_there() {
    let mut builder = DatasetBuilder::default();
    builder.add_bundled();
    let (mut dataset, _) = builder.build().unwrap_or_else(|e| panic!("{}", rendered(&e)));
    let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let early = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let round = |d: &Dataset| d.events.iter().find(|e| e.id == "2023-12-gbr-jwg-2").unwrap().end;
    // Before Divhubinter Polri's 2025 report the London round has no span.
    assert_eq!(round(&dataset.known_on(early)), None);
    assert!(matches!(dataset.known_on(day), std::borrow::Cow::Owned(_)));
    dataset.apply_known_on(day);
    assert!(round(&dataset).is_some());
    // Applied revisions are gone: the dataset is already as of that day.
    assert!(matches!(dataset.known_on(day), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn coverage_spans_that_meet_are_taken_together() {
    let text = "[dataset]\nname = \"Later\"\nversion = \"1\"\ncoverage = [{ from = \"2026\" }]\n";
    let (dataset, _) =
        with_user_file("later.toml", text).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert_eq!(dataset.coverage.len(), 1, "{:?}", dataset.coverage);
    assert_eq!(dataset.coverage[0].to, None);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // 2024 to 2026 lies inside 2019 onwards: no caveat.
    assert!(dataset.thin_in(Period { from: day(2024, 1, 1), to: day(2026, 6, 30) }).is_none());
    // A gap keeps the spans apart.
    let text = "[dataset]\nname = \"Gap\"\nversion = \"1\"\ncoverage = [{ from = \"2027\", to = \"2028\" }]\n";
    let (dataset, _) =
        with_user_file("gap.toml", text).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert_eq!(dataset.coverage.len(), 2, "{:?}", dataset.coverage);
}

#[test]
fn a_bad_coverage_date_is_shown_at_its_place_in_toml_and_json() {
    let text = "[dataset]\nname = \"Bad\"\nversion = \"1\"\ncoverage = [{ from = \"2019\", to = \"20x5\" }]\n";
    let all = rendered(&with_user_file("bad.toml", text).unwrap_err());
    assert!(all.contains("invalid coverage `to` date `20x5`"), "{all}");
    assert!(all.contains("bad.toml:4:35"), "{all}");
    let text = "{\"dataset\": {\"name\": \"Bad\", \"version\": \"1\",\n \"coverage\": [{\"from\": \"2021\", \"to\": \"2020\"}]}, \"events\": []}";
    let all = rendered(&with_user_file("bad.json", text).unwrap_err());
    assert!(all.contains("the coverage from 2021 ends before it starts (2020)"), "{all}");
    assert!(all.contains("bad.json:2:"), "{all}");
}

/// A user event with one revision whose fields are `revision`.
fn revised_event(revision: &str) -> String {
    format!(
        "[[events]]\nid = \"r-1\"\ndate = \"2022-05-01\"\nstatus = \"held\"\npartners = [\"aus\"]\n\
         type = \"meeting\"\ntitle = {{ en = \"R\" }}\nsummary = {{ en = \"S\" }}\n\
         sources = [{{ publisher = \"Ex\", url = \"https://example.org/r\", published = \"2022-06-01\", reports = \"held\" }}]\n\
         revisions = [{{ source = \"https://example.org/r\", {revision} }}]\n"
    )
}

#[test]
fn a_revision_s_references_are_read_and_checked_as_the_event_s_own() {
    // Names as analysts write them stand for their ids.
    let (dataset, _) = with_user_file("r.toml", &revised_event("partners = [\"UK\"]"))
        .unwrap_or_else(|e| panic!("{}", rendered(&e)));
    let event = dataset.events.iter().find(|e| e.id == "r-1").unwrap();
    assert_eq!(event.revisions[0].partners, Some(vec!["gbr".to_owned()]));
    // Unknown ids are each reported, with the nearest; a bad country and no partner too.
    let all = rendered(
        &with_user_file(
            "r.toml",
            &revised_event("partners = [\"gbrr\", \"ausx\"], location = { country = \"UK\" }"),
        )
        .unwrap_err(),
    );
    assert!(all.contains("unknown partner `gbrr`") && all.contains("did you mean `gbr`?"), "{all}");
    assert!(all.contains("unknown partner `ausx`"), "{all}");
    assert!(all.contains("invalid country code `UK`"), "{all}");
    let all = rendered(&with_user_file("r.toml", &revised_event("partners = []")).unwrap_err());
    assert!(all.contains("a revision that leaves the event no partner"), "{all}");
}

#[test]
fn a_revision_that_ends_the_event_before_it_starts_is_refused_at_its_end() {
    let all =
        rendered(&with_user_file("r.toml", &revised_event("end = \"2022-04-30\"")).unwrap_err());
    assert!(
        all.contains("a revision ends the event (2022-04-30) before it starts (2022-05-01)"),
        "{all}"
    );
    assert!(all.contains("r.toml:10:"), "{all}");
    // With the date its source reports, the same end holds.
    let revision = "date = \"2022-04-28\", end = \"2022-04-30\"";
    with_user_file("r.toml", &revised_event(revision))
        .unwrap_or_else(|e| panic!("{}", rendered(&e)));
}

#[test]
fn an_error_in_a_csv_row_points_at_its_own_column_s_cell() {
    // The id holds `narnia` too: the error is in the partners cell, not the first match.
    let text = "id,date,status,partners,type,title_en,summary_en,source_url,source_publisher\n\
                2023-05-narnia,2023-05-03,held,\"unoct;narnia\",meating,A narnia meeting,S,https://example.org/x,Example\n";
    let errors = with_user_file("sheet.csv", text).unwrap_err();
    let place = |message: &str| {
        errors.iter().find(|d| d.message.contains(message)).and_then(|d| d.location())
    };
    assert_eq!(place("unknown partner `narnia`").as_deref(), Some("sheet.csv:2:39"));
    assert_eq!(place("unknown event type `meating`").as_deref(), Some("sheet.csv:2:47"));
    // Warnings wait until the errors are fixed.
    assert!(errors.iter().all(|d| d.severity == crate::diag::Severity::Error));
}
