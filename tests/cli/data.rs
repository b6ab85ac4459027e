//! `brief events` and `brief partners`, and user data in briefs.

use std::io::Write;

use super::harness::*;

#[test]
fn events_as_json_lists_every_bundled_event_with_a_source() {
    let dir = tempdir();
    let run = brief(dir.path(), &["events", "--format", "json"]).expect(0);
    let events: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(events.len() >= 65, "{} events", events.len());
    for event in &events {
        let url = event["sources"][0]["url"].as_str().unwrap_or("");
        assert!(url.starts_with("http"), "{} has no source URL", event["id"]);
    }
    for seed in [
        "2021-11-gbr-jwg-1",
        "2022-09-unoct-voronkov-meeting",
        "2022-03-phl-jwg-4",
        "2024-10-rus-ambassador-call",
    ] {
        assert!(events.iter().any(|e| e["id"] == seed), "missing {seed}");
    }
}

#[test]
fn partner_aliases_give_identical_answers_in_both_languages() {
    let dir = tempdir();
    for (en, id) in [
        ("United Kingdom", "Inggris"),
        ("Philippines", "Filipina"),
        ("Russia", "Rusia"),
        ("UN Office of Counter-Terrorism", "Kantor PBB Bidang Kontraterorisme"),
    ] {
        let a = brief(dir.path(), &["events", "--partner", en, "--format", "csv"]).expect(0).stdout;
        let b = brief(dir.path(), &["events", "--partner", &id.to_uppercase(), "--format", "csv"])
            .expect(0)
            .stdout;
        assert_eq!(a, b, "{en} and {id} differ");
        assert!(a.lines().count() > 1);
    }
}

#[test]
fn events_filters_by_period_type_topic_and_status() {
    let dir = tempdir();
    let run =
        brief(dir.path(), &["events", "--from", "2022-09", "--to", "2022-09", "--type", "meeting"])
            .expect(0);
    assert!(run.stdout.contains("2022-09-unoct-voronkov-meeting"), "{}", run.stdout);
    // The total is the dataset's, counted from the dataset itself.
    let all = brief(dir.path(), &["events", "--format", "csv"]).expect(0);
    let total = csv::Reader::from_reader(all.stdout.as_bytes()).records().count();
    assert!(run.stdout.contains(&format!("1 of {total} events")), "{}", run.stdout);
    let planned = ["events", "--status", "planned", "--format", "csv", "--as-of", "2025-01-15"];
    let run = brief(dir.path(), &planned).expect(0);
    assert!(run.stdout.contains("2025-rus-expert-meeting"));
    let run = brief(dir.path(), &["events", "--topic", "Victims of terrorism", "--format", "csv"])
        .expect(0);
    assert!(run.stdout.contains("2022-09-un-congress-victims"));
}

#[test]
fn events_with_an_unknown_partner_or_type_exit_2_with_a_suggestion() {
    let dir = tempdir();
    let run = brief(dir.path(), &["events", "--partner", "Filipinna"]).expect(2);
    assert!(run.stderr.contains("did you mean `Filipina` (Philippines)?"), "{}", run.stderr);
    let run = brief(dir.path(), &["events", "--type", "workinggroup"]).expect(2);
    assert!(run.stderr.contains("a similar value exists: 'working-group'"), "{}", run.stderr);
}

#[test]
fn partners_lists_the_registry_with_counts() {
    let dir = tempdir();
    let run = brief(dir.path(), &["partners"]).expect(0);
    assert!(run.stdout.lines().next().unwrap().starts_with("ID"), "{}", run.stdout);
    let gbr = run.stdout.lines().find(|l| l.starts_with("gbr")).unwrap();
    assert!(
        gbr.contains("United Kingdom") && gbr.contains("Inggris") && gbr.contains("Britania Raya"),
        "{gbr}"
    );
    let json: Vec<serde_json::Value> = serde_json::from_str(
        &brief(dir.path(), &["partners", "--format", "json"]).expect(0).stdout,
    )
    .unwrap();
    let gbr = json.iter().find(|p| p["id"] == "gbr").unwrap();
    assert_eq!(gbr["events"], 5);
}

const USER_CSV: &str = "id,date,status,partners,type,title_en,title_id,summary_en,summary_id,city,country,source_url,source_publisher\n\
2022-09-gbr-user,2022-09-20,held,gbr,seminar,Analysts' own seminar record,Catatan seminar analis,From the user's spreadsheet.,Dari lembar kerja pengguna.,London,GBR,https://example.org/user,Example Org\n";

#[test]
fn a_user_csv_shows_in_events_and_in_a_brief() {
    let dir = tempdir();
    let csv = write(dir.path(), "mine.csv", USER_CSV);
    let run =
        brief(dir.path(), &["events", "--data", &csv, "--partner", "UK", "--from", "2022-09"])
            .expect(0);
    assert!(run.stdout.contains("2022-09-gbr-user"), "{}", run.stdout);
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\n[period]\nfrom = \"2022-09\"\nto = \"2022-09\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--data", &csv, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("s.pdf"));
    assert!(
        text.contains("Analysts' own seminar record") && text.contains("Example Org"),
        "{text}"
    );
    // --no-bundled-data leaves only the user's events.
    let registry = repo_file("data/partners.toml");
    let run =
        brief(dir.path(), &["events", "--data", &csv, "--data", &registry, "--no-bundled-data"])
            .expect(0);
    assert!(run.stdout.contains("1 of 1 event,"), "{}", run.stdout);
}

#[test]
fn a_csv_row_with_an_impossible_date_exits_2_naming_file_and_line() {
    let dir = tempdir();
    let csv = write(dir.path(), "mine.csv", &USER_CSV.replace("2022-09-20", "2022-09-31"));
    let run = brief(dir.path(), &["events", "--data", &csv]).expect(2);
    assert!(run.stderr.contains("mine.csv:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("`2022-09-31` is not a day of the calendar"), "{}", run.stderr);
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\ndata = [\"mine.csv\"]\n[period]\nfrom = 2022\nto = 2022\n",
    );
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.contains("mine.csv:2:"), "{}", run.stderr);
    assert_eq!(files_in(dir.path()), ["mine.csv", "s.toml"]);
}

#[test]
fn events_csv_output_reads_back_as_a_dataset() {
    let dir = tempdir();
    let csv =
        brief(dir.path(), &["events", "--partner", "phl", "--format", "csv"]).expect(0).stdout;
    let path = write(dir.path(), "phl.csv", &csv);
    let run = brief(
        dir.path(),
        &[
            "events",
            "--no-bundled-data",
            "--data",
            &path,
            "--data",
            &repo_file("data/partners.toml"),
            "--data",
            &repo_file("data/topics.toml"),
        ],
    )
    .expect(0);
    assert!(run.stdout.contains("2022-03-phl-jwg-4"), "{}", run.stdout);
}

#[test]
fn a_missing_translation_warns_once_and_falls_back() {
    let dir = tempdir();
    let csv = write(
        dir.path(),
        "mine.csv",
        &format!(
            "{}2022-09-gbr-user-2,2022-09-21,held,gbr,meeting,Second,Kedua,Only English.,,,,https://example.org/u2,Example\n",
            USER_CSV.replace(
                ",From the user's spreadsheet.,Dari lembar kerja pengguna.,",
                ",From the user's spreadsheet.,,",
            )
        ),
    );
    // Two events appear in two sections of an Indonesian brief.
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\nlanguage = \"id\"\n[period]\nfrom = \"2022-09\"\nto = \"2022-09\"\n\
         [filter]\npartners = [\"gbr\"]\n[[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"table\"\n",
    );
    let run =
        brief(dir.path(), &["generate", &spec, "--data", &csv, "--as-of", "2026-11-22"]).expect(0);
    // One warning for the file, with a count, placed at the first: not one per event,
    // and not again when the brief renders.
    let warning =
        format!("warning: 2 texts in {csv} have no Indonesian (`id`) version; the first is here\n");
    assert_eq!(run.stderr.matches(&warning).count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("Indonesian").count(), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("┌─ {csv}:2:")),
        "the warning is placed at the first row:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "= hint: briefs in Indonesian print the English text instead; give the Indonesian text to translate them"
    ));
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("From the user's spreadsheet."));
    // `--no-warnings` silences the warnings alone; the run still says what it wrote.
    let args = ["generate", &spec, "--data", &csv, "--as-of", "2026-11-22", "--no-warnings"];
    let run = brief(dir.path(), &args).expect(0);
    assert!(run.stderr.starts_with("wrote s.pdf (1 page, 2 engagements, "), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn thirty_rows_in_one_language_warn_once_with_their_count() {
    let dir = tempdir();
    let mut csv =
        String::from("id,date,status,partners,type,title_en,source_url,source_publisher\n");
    for i in 0..30 {
        csv.push_str(&format!("2022-09-en-only-{i},2022-09-01,held,gbr,meeting,English only,https://example.org/{i},Example\n"));
    }
    let csv = write(dir.path(), "en.csv", &csv);
    let args = ["events", "--data", &csv, "--partner", "gbr", "--language", "id"];
    let run = brief(dir.path(), &args).expect(0);
    assert!(
        run.stderr.contains("warning: 30 sources have no publication date in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "warning: 30 texts in {csv} have no Indonesian (`id`) version; the first is here"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
    // A listing in English, or an export that holds both languages, has no use for it;
    // --no-warnings silences the rest.
    let run = brief(dir.path(), &["events", "--data", &csv, "--partner", "gbr"]).expect(0);
    assert!(!run.stderr.contains("Indonesian"), "{}", run.stderr);
    let run = brief(dir.path(), &[&args[..], &["--format", "csv"]].concat()).expect(0);
    assert!(!run.stderr.contains("Indonesian"), "{}", run.stderr);
    let run = brief(dir.path(), &[&args[..], &["--no-warnings"]].concat()).expect(0);
    assert_eq!(run.stderr, "", "{}", run.stderr);
    assert!(run.stdout.contains("2022-09-en-only-29"), "{}", run.stdout);
}

#[test]
fn a_200_megabyte_csv_loads_and_the_brief_renders() {
    let dir = tempdir();
    let path = dir.path().join("big.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, "id,date,status,partners,type,title_en,title_id,summary_en,summary_id,source_url,source_publisher").unwrap();
    // 41,000 rows of about 5 kB, dated 1990–2009 so that the brief's own period
    // (2022-09) holds just the one row written last.
    let summary = "A long record of a meeting between delegations. ".repeat(50);
    for i in 0..41_000 {
        let year = 1990 + i % 20;
        let month = 1 + i % 12;
        writeln!(file, "{year}-{month:02}-big-{i},{year}-{month:02}-15,held,gbr,meeting,Row {i},Baris {i},{summary},{summary},https://example.org/{i},Example").unwrap();
    }
    writeln!(file, "2022-09-big-last,2022-09-20,held,gbr,meeting,The last row,Baris terakhir,Short.,Singkat.,https://example.org/last,Example").unwrap();
    drop(file);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 200_000_000, "{size} bytes");
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"Big\"\ndata = [\"big.csv\"]\n[period]\nfrom = \"2022-09\"\nto = \"2022-09\"\n\
         [filter]\npartners = [\"gbr\"]\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22", "--quiet"]).expect(0);
    let text = pdf_text(&dir.path().join("s.pdf"));
    assert!(text.contains("The last row") && !text.contains("Row 40999"), "{text}");
}

#[test]
fn a_source_s_access_date_is_listed_only_in_briefs_dated_after_it() {
    let dir = tempdir();
    let data = "[[events]]\nid = \"2022-09-gbr-read\"\ndate = \"2022-09-20\"\nstatus = \"held\"\n\
                partners = [\"gbr\"]\ntype = \"seminar\"\n\
                title = { en = \"A seminar read later\", id = \"Seminar yang dibaca kemudian\" }\n\
                summary = { en = \"Summary.\", id = \"Ringkasan.\" }\n\
                sources = [{ publisher = \"Example\", url = \"https://example.org/read\", \
                published = \"2022-09-21\", accessed = \"2024-03-05\" }]\n";
    write(dir.path(), "mine.toml", data);
    let spec = "title = \"S\"\nlanguage = \"id\"\ndata = [\"mine.toml\"]\n[period]\nfrom = \"2022-09\"\nto = \"2022-09\"\n";
    write(dir.path(), "s.toml", spec);
    brief(dir.path(), &["generate", "s.toml", "--as-of", "2026-11-22", "-o", "late.pdf"]).expect(0);
    let text = pdf_text(&dir.path().join("late.pdf"));
    assert!(text.contains("diakses 5 Maret 2024"), "{text}");
    assert!(
        text.contains("Tanggal akses halaman dicantumkan bila tercatat dalam basis data"),
        "{text}"
    );
    brief(dir.path(), &["generate", "s.toml", "--as-of", "2023-01-10", "-o", "early.pdf"])
        .expect(0);
    let text = pdf_text(&dir.path().join("early.pdf"));
    // The list prints the address without its scheme; the link holds it whole.
    assert!(text.contains("example.org/read") && !text.contains("diakses"), "{text}");
}

#[test]
fn a_data_file_may_name_partners_and_topics_as_analysts_write_them() {
    let dir = tempdir();
    write(
        dir.path(),
        "names.csv",
        "id,date,status,partners,type,title_en,title_id,topics,source_url,source_publisher,source_published\n\
         n-1,2024-05-02,held,UK;Filipina:host,meeting,Named,Bernama,Victims of terrorism,https://example.org/n,Ex,2024-05-02\n",
    );
    let run = brief(
        dir.path(),
        &[
            "events",
            "--data",
            "names.csv",
            "--format",
            "json",
            "--partner",
            "gbr",
            "--from",
            "2024-05",
            "--to",
            "2024-05",
        ],
    )
    .expect(0);
    let events: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let event = events.as_array().unwrap().iter().find(|e| e["id"] == "n-1").expect("the event");
    assert_eq!(event["partners"], serde_json::json!(["gbr"]));
    assert_eq!(event["roles"][0]["partner"], "phl");
    assert_eq!(event["topics"], serde_json::json!(["victims"]));
    // A name that is no partner is still an error, with its suggestion.
    write(
        dir.path(),
        "typo.csv",
        "id,date,status,partners,type,title_en,source_url,source_publisher\n\
         t-1,2024-05-02,held,gbrr,meeting,Typo,https://example.org/t,Ex\n",
    );
    let run = brief(dir.path(), &["events", "--data", "typo.csv"]).expect(2);
    assert!(
        run.stderr.contains("unknown partner `gbrr`") && run.stderr.contains("did you mean `gbr`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn events_count_by_answers_who_we_met_most() {
    let dir = tempdir();
    let args = ["events", "--from", "2023", "--to", "2023", "--status", "held"];
    let listed = brief(dir.path(), &[&args[..], &["--format", "json"]].concat()).expect(0);
    let events: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let unoct = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["partners"].as_array().unwrap().iter().any(|p| p == "unoct"));
    let expected = unoct.count();
    let run =
        brief(dir.path(), &[&args[..], &["--count-by", "partner", "--format", "json"]].concat())
            .expect(0);
    let counts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &counts[0];
    assert_eq!(first["key"], "unoct", "{counts}");
    assert_eq!(first["events"], expected, "{counts}");
    // The table says how many events it counted, and why its counts add up to more.
    let run = brief(dir.path(), &[&args[..], &["--count-by", "partner"]].concat()).expect(0);
    let n = events.as_array().unwrap().len();
    let total: u64 = counts.as_array().unwrap().iter().map(|c| c["events"].as_u64().unwrap()).sum();
    let last = run.stdout.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "{n} events over {} partners; an event with several partners counts under each, so the counts add up to {total}",
            counts.as_array().unwrap().len()
        )
    );
    // Years in order, as CSV.
    let run = brief(dir.path(), &["events", "--count-by", "year", "--format", "csv"]).expect(0);
    let years: Vec<&str> =
        run.stdout.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(years, sorted);
}

#[test]
fn a_search_finds_events_by_their_topics_names_in_either_language() {
    let dir = tempdir();
    // An event whose only mention of the word is its topic.
    write(
        dir.path(),
        "t.csv",
        "id,date,status,partners,type,title_en,title_id,topics,source_url,source_publisher,source_published\n\
         t-1,2024-05-02,held,aus,meeting,A meeting,Sebuah pertemuan,Chemical and CBRN terrorism,https://example.org/t,Ex,2024-05-02\n",
    );
    for word in ["cbrn", "kbrn"] {
        let run =
            brief(dir.path(), &["events", "--data", "t.csv", "--search", word, "--format", "csv"])
                .expect(0);
        assert!(run.stdout.contains("t-1,"), "{word}: {}", run.stdout);
    }
}

#[test]
fn partners_counts_the_events_of_a_period_as_known_on_a_day() {
    let dir = tempdir();
    let count = |args: &[&str]| -> u64 {
        let run =
            brief(dir.path(), &[&["partners", "--format", "json"][..], args].concat()).expect(0);
        let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let gbr = rows.as_array().unwrap().iter().find(|r| r["id"] == "gbr").unwrap().clone();
        gbr["events"].as_u64().unwrap()
    };
    let all = count(&[]);
    let in_2023 = count(&["--from", "2023", "--to", "2023"]);
    let events = brief(
        dir.path(),
        &["events", "--partner", "gbr", "--from", "2023", "--to", "2023", "--format", "csv"],
    )
    .expect(0);
    assert_eq!(in_2023 as usize, events.stdout.lines().count() - 1);
    assert!(in_2023 < all, "{in_2023} of {all}");
    // Before the London round was reported, 2023 held fewer.
    assert!(count(&["--from", "2023", "--to", "2023", "--as-of", "2023-06-30"]) < in_2023);
}

#[test]
fn events_filter_each_record_as_it_read_on_the_day_and_csv_keeps_the_record() {
    let dir = tempdir();
    let id = "2022-11-unoct-vulnerable-targets-consultations";
    let with_cted = |as_of: &str, format: &str| {
        brief(dir.path(), &["events", "--partner", "cted", "--as-of", as_of, "--format", format])
            .expect(0)
            .stdout
    };
    // CTED enters the record of the Jakarta consultations with the page reporting them
    // held (December 2022): a listing of that day finds it, one of the day before not.
    assert!(!with_cted("2022-11-30", "json").contains(id));
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&with_cted("2023-01-31", "json")).unwrap();
    let event = json.iter().find(|e| e["id"] == id).expect("the consultations");
    assert_eq!(event["partners"], serde_json::json!(["unoct", "cted"]));
    assert!(event.get("revisions").is_none(), "{event}");
    // The CSV gives the record itself, its revision still to apply, to read back whole.
    let csv = with_cted("2023-01-31", "csv");
    let row = csv.lines().find(|l| l.starts_with(id)).expect("the consultations in CSV");
    assert!(row.contains(",unoct,"), "{row}");
    assert!(row.contains("ddevloper.com"), "{row}");
    assert!(row.contains("\"\"cted\"\""), "{row}");
}

#[test]
fn an_english_brief_says_nothing_of_a_data_file_s_missing_indonesian() {
    let dir = tempdir();
    write(
        dir.path(),
        "en.csv",
        "id,date,status,partners,type,title_en,source_url,source_publisher,source_published\n\
         2022-05-gbr-en,2022-05-02,held,UK,meeting,English only,https://example.org/e,Example,2022-05-03\n",
    );
    write(dir.path(), "s.toml", &small_spec("S", "data = [\"en.csv\"]"));
    let run = brief(dir.path(), &["generate", "s.toml", "-o", "s.pdf", "--as-of", "2026-11-22"])
        .expect(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let run = brief(dir.path(), &["check", "s.toml", "--language", "id"]).expect(0);
    assert!(
        run.stderr.starts_with("warning: 1 text in en.csv has no Indonesian (`id`) version"),
        "{}",
        run.stderr
    );
}
