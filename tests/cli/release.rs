//! A dataset fit for release: public briefs name no one, partner roles and groups,
//! a lossless CSV form and the analyst's queries of `brief events`.

use std::collections::BTreeSet;

use super::harness::{brief, pdf_text, repo_file, tempdir, write};

/// Every participant's name in the bundled data, from the JSON export.
fn participant_names(dir: &std::path::Path) -> BTreeSet<String> {
    let json = brief(dir, &["events", "--format", "json"]).expect(0).stdout;
    let events: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    events
        .iter()
        .flat_map(|e| e["participants"].as_array().cloned().unwrap_or_default())
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The words a reader would take for the person: the whole name and its family name
/// (the last word of two letters or more, or the first word of a family-first name).
fn telltale_words(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').filter(|w| w.chars().count() > 2).collect();
    let mut found = vec![name.to_owned()];
    if let Some(last) = words.last() {
        found.push(last.trim_end_matches('.').to_owned());
    }
    found
}

/// Whether `text` holds `word` as a whole word, case kept.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

#[test]
fn public_briefs_in_both_languages_contain_no_participant_name_of_the_dataset() {
    let dir = tempdir();
    let names = participant_names(dir.path());
    assert!(names.len() > 30, "{names:?}");
    assert!(names.contains("Vladimir Voronkov") && names.contains("Boy Rafli Amar"));
    // The public example, and every record of the dataset in a public brief's events.
    let all = write(
        dir.path(),
        "all.toml",
        "title = { en = \"All\", id = \"Semua\" }\naudience = \"public\"\nmarking = \"TLP:CLEAR\"\n\
         output = \"all-{language}.pdf\"\n[period]\nfrom = 2005\nto = 2026\n\
         [[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"sources\"\n\
         [[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n",
    );
    let example = repo_file("briefs/public-release-2022.toml");
    for spec in [&example, &all] {
        brief(dir.path(), &["generate", spec, "-o", "out/", "--as-of", "2026-11-22"]).expect(0);
    }
    for pdf in ["public-2022-en.pdf", "public-2022-id.pdf", "all-en.pdf", "all-id.pdf"] {
        let text = pdf_text(&dir.path().join("out").join(pdf));
        assert!(text.len() > 2_000, "{pdf} is nearly empty");
        for name in &names {
            for word in telltale_words(name) {
                assert!(!has_word(&text, &word), "{pdf} names `{word}` (of {name})");
            }
        }
    }
    // The analyst's brief keeps the participants.
    let analyst = write(
        dir.path(),
        "analyst.toml",
        "title = \"A\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"events\"\n",
    );
    brief(dir.path(), &["generate", &analyst, "--as-of", "2026-11-22"]).expect(0);
    assert!(pdf_text(&dir.path().join("analyst.pdf")).contains("Vladimir Voronkov"));
}

#[test]
fn a_bundled_participant_named_in_user_data_stops_a_public_brief_with_record_and_field() {
    let dir = tempdir();
    let csv = write(
        dir.path(),
        "mine.csv",
        "id,date,status,partners,type,title_en,title_id,summary_en,summary_id,source_url,source_publisher\n\
         2022-09-gbr-leak,2022-09-20,held,gbr,seminar,A seminar,Sebuah seminar,\
         Voronkov opened the seminar.,Seminar dibuka.,https://example.org/leak,Example\n",
    );
    let spec = |audience: &str| {
        format!(
            "title = \"P\"\naudience = \"{audience}\"\nmarking = \"TLP:CLEAR\"\n\
             [period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"events\"\n"
        )
    };
    let public = write(dir.path(), "public.toml", &spec("public"));
    let run = brief(dir.path(), &["generate", &public, "--data", &csv, "--as-of", "2026-11-22"])
        .expect(1);
    assert!(run.stderr.contains("2022-09-gbr-leak"), "{}", run.stderr);
    assert!(run.stderr.contains("summary"), "{}", run.stderr);
    assert!(run.stderr.contains("Vladimir Voronkov"), "{}", run.stderr);
    assert!(!dir.path().join("public.pdf").exists(), "a public brief naming someone was written");
    // An analyst brief over the same data is not a release and renders.
    let analyst = write(dir.path(), "analyst.toml", &spec("analyst"));
    brief(dir.path(), &["generate", &analyst, "--data", &csv, "--as-of", "2026-11-22"]).expect(0);
}

/// `brief events` over an exported `file` alone, with the bundled partners and topics
/// it names, listed as `format`.
fn read_back(file: &str, format: &str) -> Vec<String> {
    let (partners, topics) = (repo_file("data/partners.toml"), repo_file("data/topics.toml"));
    ["events", "--no-bundled-data", "--data", &partners, "--data", &topics, "--data", file]
        .into_iter()
        .chain(["--format", format])
        .map(String::from)
        .collect()
}

#[test]
fn the_csv_export_reads_back_as_the_same_events_field_for_field() {
    let dir = tempdir();
    let json = brief(dir.path(), &["events", "--format", "json"]).expect(0).stdout;
    let csv = brief(dir.path(), &["events", "--format", "csv"]).expect(0).stdout;
    let path = write(dir.path(), "all.csv", &csv);
    let args = read_back(&path, "json");
    let again =
        brief(dir.path(), &args.iter().map(String::as_str).collect::<Vec<_>>()).expect(0).stdout;
    let before: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let after: Vec<serde_json::Value> = serde_json::from_str(&again).unwrap();
    assert_eq!(before.len(), after.len());
    assert!(before.len() > 70);
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a, b, "event {} changed on its way through CSV", a["id"]);
    }
    // The export holds what a reader needs: notes, directions, participants, roles.
    for field in ["date_note_en", "direction", "participants", "more_sources", "source_secondary"] {
        assert!(csv.lines().next().unwrap().contains(field), "no `{field}` column");
    }
    assert!(csv.contains("gbr:invitee"), "roles are lost in CSV");
}

/// Runs `brief` with standard output written to `file` in `dir` (a binary listing).
fn brief_to_file(dir: &std::path::Path, args: &[&str], file: &str) -> std::path::PathBuf {
    let path = dir.join(file);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .stdout(std::fs::File::create(&path).unwrap())
        .status()
        .unwrap();
    assert!(status.success(), "brief {args:?} failed");
    path
}

#[test]
fn the_xlsx_export_is_a_workbook_that_reads_back_as_the_csv_export() {
    let dir = tempdir();
    let csv = brief(dir.path(), &["events", "--format", "csv"]).expect(0).stdout;
    let workbook = brief_to_file(dir.path(), &["events", "--format", "xlsx"], "all.xlsx");
    let args = read_back(workbook.to_str().unwrap(), "csv");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(brief(dir.path(), &args).expect(0).stdout, csv, "the workbook reads back whole");
    // Counts are numbers in a workbook, so that Excel sums them; the header stays in view.
    let counts = brief_to_file(
        dir.path(),
        &["events", "--from", "2023", "--to", "2023", "--count-by", "partner", "--format", "xlsx"],
        "counts.xlsx",
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(counts).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    assert!(sheet.contains("<c r=\"C2\"><v>"), "a count is a number cell: {sheet}");
    assert!(sheet.contains("<c r=\"A2\" t=\"s\">"), "a key is a text cell: {sheet}");
}

#[test]
fn bom_starts_a_csv_listing_for_excel_and_is_refused_for_other_formats() {
    let dir = tempdir();
    let run = brief(dir.path(), &["partners", "--format", "csv", "--bom"]).expect(0);
    assert!(run.stdout.starts_with("\u{feff}id,name_en,"), "{}", &run.stdout[..20]);
    let run = brief(dir.path(), &["events", "--bom"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: --bom is for CSV, not for --format table\n = hint: add `--format csv`, or leave --bom out\n\n"
    );
}

#[test]
fn search_finds_words_in_either_language_ignoring_case_and_accents() {
    let dir = tempdir();
    let run = brief(dir.path(), &["events", "--search", "voronkov"]).expect(0);
    assert!(run.stdout.contains("2022-09-unoct-voronkov-meeting"), "{}", run.stdout);
    let run = brief(dir.path(), &["events", "--search", "kunjungan kehormatan"]).expect(0);
    assert!(run.stdout.contains("2024-10-rus-ambassador-call"), "{}", run.stdout);
    assert!(!run.stdout.contains("2022-03-phl-jwg-4"), "{}", run.stdout);
    // Accents and case do not matter; words of other kinds of filter still narrow.
    let run =
        brief(dir.path(), &["events", "--search", "TURKIYE", "--from", "2020", "--to", "2020"])
            .expect(0);
    assert!(run.stdout.contains("2020-09-tur-embassy-visit"), "{}", run.stdout);
    let run = brief(dir.path(), &["events", "--search", "no-such-word-anywhere"]).expect(0);
    assert!(run.stdout.contains("0 of "), "{}", run.stdout);
}

#[test]
fn roles_keep_hosts_and_invitees_out_of_counterpart_queries_unless_asked() {
    let dir = tempdir();
    let csv = |args: &[&str]| {
        let mut all = vec!["events", "--format", "csv"];
        all.extend_from_slice(args);
        brief(dir.path(), &all).expect(0).stdout
    };
    let uk = csv(&["--partner", "UK", "--from", "2022-07", "--to", "2022-07"]);
    assert!(!uk.contains("2022-07-asean-somtc-wgct-18"), "{uk}");
    let invited = csv(&["--partner", "UK", "--role", "invitee"]);
    assert!(invited.contains("2022-07-asean-somtc-wgct-18"), "{invited}");
    let thailand = csv(&["--partner", "Thailand"]);
    assert!(!thailand.contains("2022-05-tha-major-events-meeting"), "{thailand}");
    let hosted = csv(&["--partner", "Thailand", "--role", "host"]);
    assert!(hosted.contains("2022-05-tha-major-events-meeting"), "{hosted}");
    // A brief names the other roles in words, and a host alone opens the line.
    let spec = write(
        dir.path(),
        "y.toml",
        "title = \"Y\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"events\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("y.pdf"));
    assert!(text.contains("ASEAN; invited: United Kingdom, Australia and UN Office"), "{text}");
    assert!(text.contains("Hosted by Thailand") && !text.contains("; Hosted"), "{text}");
    // A note about the record is not a note on the date, and its date is not doubtful.
    assert!(text.contains("Note: The organiser is not named in the sources"), "{text}");
    assert!(!text.contains("Note on the date: The organiser"), "{text}");
    let run = brief(dir.path(), &["events", "--role", "sponsor"]).expect(2);
    assert!(run.stderr.contains("invitee"), "{}", run.stderr);
}

#[test]
fn a_group_selects_its_members_and_an_ambiguous_name_lists_its_meanings() {
    let dir = tempdir();
    let un = brief(dir.path(), &["events", "--partner", "PBB", "--format", "csv"]).expect(0).stdout;
    for id in ["2022-09-unoct-voronkov-meeting", "2020-06-un-agencies-virtual"] {
        assert!(un.contains(id), "`PBB` misses {id}:\n{un}");
    }
    let unodc = brief(dir.path(), &["events", "--partner", "UNODC"]).expect(0).stdout;
    assert!(!unodc.contains("2022-09-unoct-voronkov-meeting"), "{unodc}");
    let run = brief(dir.path(), &["events", "--partner", "AU"]).expect(2);
    assert!(run.stderr.contains("Australia (`aus`)"), "{}", run.stderr);
    assert!(run.stderr.contains("African Union"), "{}", run.stderr);
    let run = brief(dir.path(), &["events", "--partner", "Europol"]).expect(0);
    assert!(run.stderr.contains("agency of"), "{}", run.stderr);
    assert!(run.stdout.contains("2021-04-eu-europol-virtual"), "{}", run.stdout);
}

#[test]
fn the_table_sorts_widens_and_marks_uncertain_dates() {
    let dir = tempdir();
    let narrow = brief(dir.path(), &["events", "--from", "2019", "--to", "2019"]).expect(0).stdout;
    assert!(narrow.contains('…'), "{narrow}");
    assert!(narrow.contains("2019-02-26?"), "{narrow}");
    assert!(narrow.contains("uncertain date"), "{narrow}");
    let wide =
        brief(dir.path(), &["events", "--from", "2019", "--to", "2019", "--wide"]).expect(0).stdout;
    assert!(wide.contains("DATE NOTE"), "{wide}");
    assert!(wide.contains("Year inferred"), "{wide}");
    assert!(
        wide.contains(
            "16th ARF Inter-Sessional Meeting on Counter-Terrorism and Transnational Crime"
        ),
        "{wide}"
    );
    let by_partner =
        brief(dir.path(), &["events", "--from", "2019", "--to", "2019", "--sort", "partner"])
            .expect(0)
            .stdout;
    // The table shows what it sorts by: the first partner's name, in a column of its own.
    assert!(by_partner.starts_with("PARTNER "), "{by_partner}");
    let names: Vec<&str> = by_partner
        .lines()
        .skip(1)
        .take_while(|l| !l.contains(" of "))
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "{by_partner}");
    assert!(names[0].starts_with("ASEAN"), "{by_partner}");
    let by_type =
        brief(dir.path(), &["events", "--from", "2019", "--to", "2019", "--sort", "type"])
            .expect(0)
            .stdout;
    // Types in the order of the vocabulary: agreements before meetings and visits.
    let types: Vec<&str> =
        by_type.lines().skip(1).filter_map(|l| l.split_whitespace().nth(1)).collect();
    let place = |t: &str| types.iter().position(|x| *x == t).unwrap();
    assert!(place("mou") < place("meeting") && place("meeting") < place("visit"), "{by_type}");
}

#[test]
fn a_name_that_markup_computes_is_found_on_the_rendered_page_of_a_public_brief() {
    let dir = tempdir();
    let spec = |body: &str, audience: &str| {
        format!(
            "title = \"P\"\naudience = \"{audience}\"\nmarking = \"TLP:CLEAR\"\n\
             [period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"text\"\ntitle = \"Note\"\n\
             body = '''{body}'''\n"
        )
    };
    for (name, body) in [
        ("upper", "The talks with #upper(\"voronkov\") went well."),
        ("split", "The talks with Voron#[]kov went well."),
        // Off the page: a link's address, which a viewer shows on hover.
        ("link", "The #link(\"https://example.org/\" + \"Voron\" + \"kov\")[talks] went well."),
    ] {
        let public = write(dir.path(), &format!("{name}.toml"), &spec(body, "public"));
        let run = brief(dir.path(), &["generate", &public, "--as-of", "2026-11-22"]).expect(1);
        assert!(
            run.stderr.contains("page 1 of the public brief shows `Voronkov` (Vladimir Voronkov"),
            "{name}: {}",
            run.stderr
        );
        assert!(!dir.path().join(format!("{name}.pdf")).exists(), "{name}: a PDF was written");
    }
    // The same words in an analyst's brief are no release and render.
    let analyst = write(dir.path(), "analyst.toml", &spec("With Voron#[]kov.", "analyst"));
    brief(dir.path(), &["generate", &analyst, "--as-of", "2026-11-22"]).expect(0);
}

#[test]
fn public_names_lets_a_public_brief_name_whom_its_author_chose_and_says_so() {
    let dir = tempdir();
    let spec = |names: &str| {
        format!(
            "title = \"P\"\naudience = \"public\"\nmarking = \"TLP:CLEAR\"\npublic_names = {names}\n\
             [period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"text\"\ntitle = \"Note\"\n\
             body = '''The talks with Voron#[]kov went well.'''\n\
             [[sections]]\nkind = \"methodology\"\n"
        )
    };
    let allowed = write(dir.path(), "allowed.toml", &spec("[\"Vladimir Voronkov\"]"));
    brief(dir.path(), &["generate", &allowed, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("allowed.pdf"));
    assert!(text.contains("Voronkov went well"), "{text}");
    assert!(text.contains("Named by the author's decision"), "{text}");
    assert!(text.contains("Vladimir Voronkov"), "{text}");
    // Another person stays refused, and a name the dataset does not hold is a warning at
    // its place.
    let other =
        write(dir.path(), "other.toml", &spec("[\"Boy Rafli Amar\", \"Vladimir Voronkof\"]"));
    let run = brief(dir.path(), &["generate", &other, "--as-of", "2026-11-22"]).expect(1);
    assert!(run.stderr.contains("shows `Voronkov`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`public_names` lists `Vladimir Voronkof`, who is no participant"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("other.toml:4:"), "{}", run.stderr);
}
