//! `brief generate`: the flagship and other example briefs, their text and metadata.

use std::collections::BTreeSet;

use super::harness::*;

const FLAGSHIP: &str = "briefs/bnpt-international-2021-2024.toml";

#[test]
fn the_flagship_renders_from_another_folder_with_its_facts() {
    let dir = tempdir();
    let run =
        brief(dir.path(), &["generate", &repo_file(FLAGSHIP), "--as-of", "2026-11-22"]).expect(0);
    assert!(run.stderr.contains("wrote bnpt-international-2021-2024.pdf"), "{}", run.stderr);
    let pdf = dir.path().join("bnpt-international-2021-2024.pdf");
    qpdf_check(&pdf);
    let text = pdf_text(&pdf);
    for expected in [
        "BNPT International Cooperation 2021–2024",
        // Each partner.
        "UN Office of Counter-Terrorism",
        "United Kingdom",
        "Philippines",
        "Russia",
        // The Truss JWG.
        "Elizabeth Truss",
        "1st Indonesia–UK Joint Working Group on Counter-Terrorism",
        "11 November 2021",
        // The Voronkov meeting.
        "Vladimir Voronkov",
        "9 September 2022",
        "Global Programme on Vulnerable Targets Protection",
        // The 4th Philippines JWG.
        "4th Indonesia–Philippines Joint Working Group on Combating International Terrorism",
        "24 March 2022",
        "Damian L. Carlos",
        // The Russian ambassador's call.
        "Sergei Tolchenov",
        "9 October 2024",
        // Structure: sections, numbered sources, page numbers, marking, colophon.
        "Key figures",
        "Timeline of engagements",
        "Partner profiles",
        "Sources",
        "[1] Tribunnews",
        "Page 1 of",
        "TLP:AMBER",
        "Dataset: BNPT international cooperation",
    ] {
        assert!(text.contains(expected), "the PDF lacks `{expected}`:\n{text}");
    }
    // The 2025 planned expert meeting is outside the period: no engagement of it, only
    // an open item of the follow-ups, once its date has passed with no report.
    assert_eq!(text.matches("Planned Indonesia–Russia expert meeting").count(), 1, "{text}");
    assert!(text.contains("announced October 2024, not reported as held"), "{text}");
    // A source title that ends in its own stop gets no second one ("Terorisme!.").
    assert!(text.contains("Terorisme!") && !text.contains("!."), "{text}");
}

#[test]
fn a_partner_engaged_one_way_gets_a_fact_not_a_one_bar_chart() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "p.toml",
        "title = \"P\"\n[period]\nfrom = 2021\nto = 2024\n[filter]\npartners = [\"UNOCT\", \"PHL\", \"RUS\"]\n\
         [[sections]]\nkind = \"partners\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let lines = pdf_layout_lines(&dir.path().join("p.pdf"));
    let facts: Vec<&String> = lines.iter().filter(|l| l.contains("Type of engagement")).collect();
    assert_eq!(facts.len(), 2, "the Philippines and Russia: {lines:#?}");
    assert!(facts.iter().any(|l| l.contains("Working group")), "{facts:?}");
    assert!(facts.iter().any(|l| l.contains("Courtesy call")), "{facts:?}");
    // UNOCT, engaged in several ways, keeps its chart.
    assert_eq!(lines.iter().filter(|l| l.contains("BY TYPE")).count(), 1, "{lines:#?}");
}

#[test]
fn the_flagship_pdf_carries_title_author_keywords_and_bookmarks() {
    let dir = tempdir();
    brief(
        dir.path(),
        &["generate", &repo_file(FLAGSHIP), "--as-of", "2026-11-22", "-o", "flagship.pdf"],
    )
    .expect(0);
    let pdf = dir.path().join("flagship.pdf");
    let info = pdf_info(&pdf);
    assert!(info.contains("Title:           BNPT International Cooperation 2021–2024"), "{info}");
    assert!(info.contains("Author:          Deputy for International Cooperation"), "{info}");
    assert!(info.contains("TLP:AMBER"), "{info}");
    assert!(info.contains("CreationDate:    Sun Nov 22 00:00:00 2026 UTC"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Outlines"), "the PDF has no bookmarks");
    assert!(
        raw.contains("<dc:language>") && raw.contains("<rdf:li>en</rdf:li>"),
        "no language in the metadata"
    );
}

#[test]
fn a_narrower_spec_leaves_out_what_it_should() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "uk-2022.toml",
        "title = \"UK 2022\"\n[period]\nfrom = \"2022\"\nto = \"2022\"\n[filter]\npartners = [\"Inggris\"]\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("uk-2022.pdf"));
    assert!(text.contains("Royal College of Defence Studies"), "{text}");
    assert!(!text.contains("Elizabeth Truss"), "the 2021 JWG leaked in");
    assert!(!text.contains("Voronkov"), "another partner leaked in");
    assert!(!text.contains("Philippines"), "another partner leaked in");
}

#[test]
fn output_goes_where_o_says() {
    let dir = tempdir();
    brief(
        dir.path(),
        &["generate", &repo_file(FLAGSHIP), "--as-of", "2026-11-22", "-o", "nested/dir/brief.pdf"],
    )
    .expect(0);
    assert!(dir.path().join("nested/dir/brief.pdf").is_file());
    assert_eq!(files_in(&dir.path().join("nested/dir")), ["brief.pdf"]);
}

#[test]
fn the_indonesian_brief_has_indonesian_labels_and_month_names() {
    let dir = tempdir();
    brief(
        dir.path(),
        &[
            "generate",
            &repo_file("briefs/bnpt-international-2021-2024-id.toml"),
            "--as-of",
            "2026-11-22",
        ],
    )
    .expect(0);
    let text = pdf_text(&dir.path().join("bnpt-international-2021-2024-id.pdf"));
    for expected in [
        "Halaman 1 dari",
        "Data pokok",
        "Profil mitra",
        "9 Oktober 2024",
        "24 Maret 2022",
        "Inggris",
        "Filipina",
        "Sumber",
    ] {
        assert!(text.contains(expected), "lacks `{expected}`:\n{text}");
    }
    for english in [
        "Page 1 of",
        "Key figures",
        "October",
        "March 2022",
        "Partner profiles",
        "Participants",
        "Engagements in this period",
    ] {
        assert!(!text.contains(english), "English `{english}` in the Indonesian brief");
    }
}

#[test]
fn the_executive_brief_fits_two_pages() {
    let dir = tempdir();
    brief(
        dir.path(),
        &["generate", &repo_file("briefs/executive-2021-2024.toml"), "--as-of", "2026-11-22"],
    )
    .expect(0);
    let pdf = dir.path().join("executive-2021-2024.pdf");
    assert!(pdf_pages(&pdf) <= 2, "{} pages", pdf_pages(&pdf));
    let text = pdf_text(&pdf);
    // Its summary is the bottom line; no assessment repeats it.
    assert!(text.contains("Key developments") && !text.contains("Assessment"), "{text}");
    // The spec's Typst markup is evaluated: *Bottom line:* is bold, so the asterisks go.
    assert!(text.contains("Bottom line: cooperation") && !text.contains("*Bottom"), "{text}");
    // What to do comes on the first page, before the developments, each with its owner.
    let first = &super::harness::pdf_page_texts(&pdf)[0];
    assert!(first.contains("Follow-ups and open items"), "{first}");
    assert!(first.contains("Owner: Directorate of Bilateral Cooperation."), "{first}");
    // It fits with the best engagement of three of its four named partners (Russia has
    // only a courtesy call), not cut to one or two: a brief at that edge loses its key
    // developments on the next open item of a scheduled run.
    let held = flagship_held(dir.path(), "2026-11-22");
    let shown: usize = text
        .split(&format!(" of {} engagements shown", held.len()))
        .next()
        .and_then(|before| before.rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(shown >= 3, "{shown} highlights shown:\n{text}");
    // The developments an analyst would pick: the MoU and a UK working-group round, not
    // the Russian ambassador's courtesy call; the follow-ups hold the lapsed announcement.
    assert!(text.contains("Indonesia–United Kingdom counter-terrorism MoU"), "{text}");
    assert!(text.contains("Indonesia–UK Joint Working Group"), "{text}");
    assert!(!text.contains("Russian ambassador's courtesy call"), "{text}");
    assert!(text.contains("announced October 2024, not reported as held"), "{text}");
    // Without follow-ups, "Coming up" holds the lapsed announcement, said to have lapsed.
    let spec = std::fs::read_to_string(repo().join("briefs/executive-2021-2024.toml"))
        .unwrap()
        .replace("[[sections]]\nkind = \"follow-ups\"\non_empty = \"omit\"\n", "");
    let spec = write(dir.path(), "no-follow-ups.toml", &spec);
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22", "-o", "n.pdf"]).expect(0);
    let text = pdf_text(&dir.path().join("n.pdf"));
    assert!(text.contains("2025 · MEETING · UNCONFIRMED"), "{text}");
    assert!(text.contains("Announced, but no source published by 22 November 2026"), "{text}");
}

#[test]
fn any_spec_has_an_executive_version_on_two_pages() {
    let dir = tempdir();
    let flagship = repo_file(FLAGSHIP);
    let args = ["generate", &flagship, "--audience", "executive", "--as-of", "2026-11-22"];
    brief(dir.path(), &[&args[..], &["-o", "exec.pdf"]].concat()).expect(0);
    let pdf = dir.path().join("exec.pdf");
    assert!(pdf_pages(&pdf) <= 2, "{} pages", pdf_pages(&pdf));
    let text = pdf_text(&pdf);
    // What it leaves to the full brief, said in one line.
    assert!(
        text.contains("This executive version leaves out Key figures, Timeline of engagements, Partner profiles and Methodology: the full brief has them."),
        "{text}"
    );
    // An executive brief of a spec with no sections opens with its findings.
    let all = write(
        dir.path(),
        "all.toml",
        "title = \"All\"\naudience = \"executive\"\n[period]\nfrom = 2015\nto = 2025\n",
    );
    let json = brief_json(dir.path(), &all, "2026-11-22");
    let pdf = dir.path().join("b.pdf");
    assert!(pdf_pages(&pdf) <= 2, "{} pages", pdf_pages(&pdf));
    assert_eq!(json["sections"][0]["kind"], "findings", "{json}");
    // A lapsed announcement is named once, under follow-ups, not again under "Coming up".
    let text = pdf_text(&pdf);
    assert!(text.contains("Follow-ups and open items"), "{text}");
    assert_eq!(text.matches("expert meeting on international security").count(), 1, "{text}");
    // Five findings at most, even where more have something to say.
    let to_date = write(
        dir.path(),
        "to-date.toml",
        "title = \"To date\"\naudience = \"executive\"\n[period]\nfrom = 2021\nto = 2026\n\
         [filter]\npartners = [\"UK\", \"UNOCT\", \"Philippines\"]\n",
    );
    let json = brief_json(dir.path(), &to_date, "2026-12-06");
    let findings = json["sections"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5, "{findings:?}");
    let lag = |f: &serde_json::Value| f["text"].as_str().unwrap().contains("recording may lag");
    assert!(findings.iter().any(lag), "{findings:?}");
}

#[test]
fn the_public_brief_names_no_participant() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "public.toml",
        "title = \"Public\"\naudience = \"public\"\nmarking = \"TLP:CLEAR\"\n[period]\nfrom = 2021\nto = 2024\n\
         [filter]\npartners = [\"UK\", \"UNOCT\"]\n[[sections]]\nkind = \"events\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("public.pdf"));
    assert!(text.contains("1st Indonesia–UK Joint Working Group"), "{text}");
    for name in [
        "Participants",
        "Vladimir Voronkov (",
        "Boy Rafli Amar (Head of BNPT)",
        "Elizabeth Truss (UK",
    ] {
        assert!(!text.contains(name), "`{name}` in a public brief");
    }
}

#[test]
fn a_public_brief_with_a_restrictive_marking_is_refused() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "p.toml",
        "title = \"P\"\naudience = \"public\"\nmarking = \"TLP:AMBER\"\n[period]\nfrom = 2022\nto = 2022\n",
    );
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.contains("no marking beyond TLP:CLEAR"), "{}", run.stderr);
    assert!(run.stderr.contains("p.toml:3:1"), "{}", run.stderr);
    assert_eq!(files_in(dir.path()), ["p.toml"]);
}

#[test]
fn variants_write_one_output_each() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "v.toml",
        "title = { en = \"V\", id = \"V\" }\noutput = \"v-{language}-{audience}.pdf\"\n[period]\nfrom = 2022\nto = 2022\n\
         [[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\naudience = \"executive\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    assert_eq!(files_in(dir.path()), ["v-en-analyst.pdf", "v-id-executive.pdf", "v.toml"]);
    assert!(pdf_text(&dir.path().join("v-id-executive.pdf")).contains("Halaman 1 dari"));
}

#[test]
fn language_and_audience_flags_override_the_spec() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "uk.toml",
        "title = { en = \"UK\", id = \"Inggris\" }\n[period]\nfrom = 2021\nto = 2024\n\
         [filter]\npartners = [\"United Kingdom\"]\n[[sections]]\nkind = \"key-figures\"\n\
         [[sections]]\nkind = \"events\"\n",
    );
    brief(
        dir.path(),
        &[
            "generate",
            &spec,
            "--as-of",
            "2026-11-22",
            "--language",
            "id",
            "--audience",
            "executive",
            "-o",
            "x.pdf",
        ],
    )
    .expect(0);
    let pdf = dir.path().join("x.pdf");
    assert!(pdf_pages(&pdf) <= 2);
    let text = pdf_text(&pdf);
    assert!(text.contains("Data pokok") && text.contains("Inggris"), "{text}");
    assert!(pdf_info(&pdf).contains("Title:           Inggris"), "{}", pdf_info(&pdf));
}

#[test]
fn emit_data_writes_the_template_input() {
    let dir = tempdir();
    brief(
        dir.path(),
        &["generate", &repo_file(FLAGSHIP), "--as-of", "2026-11-22", "--emit-data", "brief.json"],
    )
    .expect(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("brief.json")).unwrap())
            .unwrap();
    assert_eq!(json["meta"]["title"], "BNPT International Cooperation 2021–2024");
    let held = flagship_held(dir.path(), "2026-11-22");
    assert_eq!(json["meta"]["event_count"], held.len());
    assert_eq!(json["partners"].as_array().unwrap().len(), 4);
    assert_eq!(json["labels"]["page"], "Page");
}

#[test]
fn identical_inputs_give_identical_bytes() {
    let dir = tempdir();
    let spec = repo_file(FLAGSHIP);
    brief(dir.path(), &["generate", &spec, "--as-of", "2024-06-30", "-o", "a.pdf"]).expect(0);
    brief(dir.path(), &["generate", &spec, "--as-of", "2024-06-30", "-o", "b.pdf"]).expect(0);
    // SOURCE_DATE_EPOCH for a moment of the same day gives the same as-of date.
    brief_env(
        dir.path(),
        &["generate", &spec, "-o", "c.pdf"],
        &[("SOURCE_DATE_EPOCH", "1719748800")],
    )
    .expect(0);
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert_eq!(read("a.pdf"), read("b.pdf"));
    assert_eq!(read("a.pdf"), read("c.pdf"));
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let dir = tempdir();
    let run = brief(
        dir.path(),
        &["generate", &repo_file("briefs/monthly.toml"), "--as-of", "2022-10-01", "--dry-run"],
    )
    .expect(0);
    assert!(run.stdout.contains("September 2022"), "{}", run.stdout);
    assert!(run.stdout.contains("monthly-2022-09-en.pdf"), "{}", run.stdout);
    assert!(run.stdout.contains("events 3"), "{}", run.stdout);
    assert!(
        !repo().join("briefs/out").exists()
            || files_in(&repo().join("briefs/out")).iter().all(|f| !f.contains("2022-09"))
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn no_example_brief_says_one_with_a_plural_noun() {
    let plural = ["MoUs", "engagements", "partners", "meetings", "agreements", "visits", "sources"];
    let specs: Vec<std::path::PathBuf> = std::fs::read_dir(repo().join("briefs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    for as_of in ["2022-10-01", "2025-01-15", "2026-11-22"] {
        let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        let options = brief::plan::Options {
            mode: brief::plan::Mode::DryRun,
            ..brief::plan::Options::new(as_of)
        };
        for plan in brief::plan::plan(&specs, &options).expect("the examples plan").plans {
            let data =
                brief::model::build(&plan.spec, &plan.settings, &plan.selection, &plan.dataset)
                    .unwrap();
            let json = serde_json::to_value(&data).unwrap();
            // A figure is a count and its noun; any text may also say "1 …".
            let mut texts = Vec::new();
            collect_strings(&json, &mut texts);
            for section in json["sections"].as_array().unwrap() {
                for figure in section["figures"].as_array().into_iter().flatten() {
                    texts.push(format!(
                        "{} {}",
                        figure["value"].as_str().unwrap(),
                        figure["label"].as_str().unwrap()
                    ));
                }
            }
            for text in texts {
                let words: Vec<&str> = text.split_whitespace().collect();
                for pair in words.windows(2) {
                    assert!(
                        !(pair[0] == "1" && plural.contains(&pair[1])),
                        "{} as of {as_of} says `{text}`",
                        plan.spec.path.display()
                    );
                }
            }
        }
    }
}

/// Every string in a JSON value.
fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn each_variant_gets_the_title_of_its_own_language_in_the_pdf() {
    let dir = tempdir();
    let spec = repo_file("briefs/public-release-2022.toml");
    brief(dir.path(), &["generate", &spec, "-o", "out/", "--as-of", "2026-11-22"]).expect(0);
    let id = dir.path().join("out/public-2022-id.pdf");
    let info = pdf_info(&id);
    let title = "Kerja Sama Internasional Indonesia dalam Penanggulangan Terorisme Tahun 2022";
    assert!(info.contains(&format!("Title:           {title}")), "{info}");
    assert!(pdf_text(&id).contains("Gambaran umum untuk publik"));
    let en = pdf_info(&dir.path().join("out/public-2022-en.pdf"));
    assert!(en.contains("Indonesia’s International Counter-Terrorism Cooperation in 2022"), "{en}");
}

#[test]
fn a_language_the_spec_has_no_words_for_is_an_input_error_at_the_key() {
    let dir = tempdir();
    write(
        dir.path(),
        "en.toml",
        "title = { en = \"English only\" }\n[period]\nfrom = 2022\nto = 2022\n",
    );
    brief(dir.path(), &["check", "en.toml", "--language", "id"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: `title` has no words in `id`, but a brief of this spec is written in it
  ┌─ en.toml:1:9
  │
1 │ title = { en = "English only" }
  │         ^^^^^^^^^^^^^^^^^^^^^^^
  │
  = hint: add `id = "…"` to the table
"#,
    );
}

#[test]
fn every_example_brief_sets_typographic_quotes_and_lists_exactly_the_sources_it_cites() {
    let dir = tempdir();
    let briefs = repo_file("briefs");
    brief(dir.path(), &["generate", &briefs, "-o", "out/", "--as-of", "2026-11-22"]).expect(0);
    let pdfs = files_in(&dir.path().join("out"));
    assert!(pdfs.len() >= 9, "{pdfs:?}");
    for pdf in &pdfs {
        let text = pdf_raw_text(&dir.path().join("out").join(pdf));
        // Addresses keep their characters; every other line is set typographically.
        for line in text.lines().filter(|l| !l.contains("http") && !l.contains(".go.id/")) {
            assert!(!line.contains(['\'', '"']), "{pdf}: straight quote in `{line}`");
        }
    }
    let addresses = dataset_addresses();
    for pdf in &pdfs {
        let (cited, listed) = cited_and_listed(&dir.path().join("out").join(pdf));
        assert_eq!(cited, listed, "{pdf}: the sources cited and the sources listed differ");
        // Text copied or read aloud from the PDF is whole: no soft hyphen from a line
        // break, and every address on one line, whole or visibly shortened ("…").
        let text = pdf_raw_text(&dir.path().join("out").join(pdf));
        assert!(!text.contains('\u{ad}'), "{pdf}: a soft hyphen in the extracted text");
        // Every glyph comes from the two faces the templates set: a character they lack
        // would pull in a fallback face (Symbola is 3 MB) for a sign or two.
        for font in pdf_fonts(&dir.path().join("out").join(pdf)) {
            assert!(
                font.starts_with("Inter-") || font.starts_with("NotoSerif-"),
                "{pdf}: a fallback font, {font}"
            );
        }
        let shown = shown_addresses(&text, &addresses);
        assert_eq!(shown.len(), listed.len(), "{pdf}: addresses {shown:#?}");
        for line in shown {
            let whole = addresses.iter().any(|a| a.ends_with(&format!("://{line}")));
            let shortened = line.split_once('…').is_some_and(|(start, end)| {
                addresses.iter().any(|a| a.contains(&format!("://{start}")) && a.ends_with(end))
            });
            assert!(whole || shortened, "{pdf}: a broken address `{line}`");
        }
    }
    let en = pdf_raw_text(&dir.path().join("out/public-2022-en.pdf"));
    assert!(en.contains("Indonesia’s International"), "{en}");
    let info = pdf_info(&dir.path().join("out/public-2022-en.pdf"));
    assert!(info.contains("Title:           Indonesia’s International"), "{info}");
}

#[test]
fn the_first_page_states_what_the_marking_allows_and_long_briefs_open_with_contents() {
    let dir = tempdir();
    for spec in ["bnpt-international-2021-2024.toml", "bnpt-international-2021-2024-id.toml"] {
        let spec = repo_file(&format!("briefs/{spec}"));
        brief(dir.path(), &["generate", &spec, "-o", "out/", "--as-of", "2026-11-22"]).expect(0);
    }
    let en = pdf_page_texts(&dir.path().join("out/bnpt-international-2021-2024.pdf"));
    let id = pdf_page_texts(&dir.path().join("out/bnpt-international-2021-2024-id.pdf"));
    assert!(
        en[0].contains("TLP:AMBER: recipients may share it on a need-to-know basis"),
        "{}",
        en[0]
    );
    assert!(id[0].contains("TLP:AMBER: hanya boleh dibagikan atas dasar perlu tahu"), "{}", id[0]);
    // The colophon names the dataset in the brief's language.
    let last = id.last().unwrap();
    assert!(last.contains("Basis data: Kerja sama internasional BNPT"), "{last}");
    // Six pages or fewer need no contents; longer briefs list every section's page.
    for (pages, title) in [(&en, "Contents"), (&id, "Daftar isi")] {
        assert_eq!(
            pages[0].contains(title),
            pages.len() > 6,
            "{} pages: {}",
            pages.len(),
            pages[0]
        );
    }
    assert!(id.len() > 6, "the Indonesian flagship no longer shows the contents");
    assert!(id[0].contains("Ikhtisar . . .") || id[0].contains("Ikhtisar ..."), "{}", id[0]);
}

#[test]
fn reference_and_contact_are_printed_in_the_title_block_and_the_colophon() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "r.toml",
        "title = { en = \"R\", id = \"R\" }\nreference = \"KI/2026/12\"\n\
         contact = { en = \"International Cooperation, BNPT\", id = \"Kerja Sama Internasional, BNPT\" }\n\
         output = \"r-{language}.pdf\"\n[period]\nfrom = 2022\nto = 2022\n\
         [[sections]]\nkind = \"key-figures\"\n[[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let en = pdf_text(&dir.path().join("r-en.pdf"));
    assert!(en.contains("Reference: KI/2026/12"), "{en}");
    assert!(en.contains("Contact: International Cooperation, BNPT"), "{en}");
    assert!(en.contains("Colophon. Reference: KI/2026/12 · Contact: International"), "{en}");
    let id = pdf_text(&dir.path().join("r-id.pdf"));
    assert!(id.contains("Nomor dokumen: KI/2026/12"), "{id}");
    assert!(id.contains("Kontak: Kerja Sama Internasional, BNPT"), "{id}");
}

#[test]
fn the_glossary_lists_the_abbreviations_the_brief_uses_in_its_language() {
    let dir = tempdir();
    let extra = write(
        dir.path(),
        "terms.toml",
        "[[glossary]]\nterm = \"RCDS\"\nmeaning = { en = \"twice\", id = \"dua kali\" }\n",
    );
    let run = brief(dir.path(), &["events", "--data", &extra]).expect(2);
    assert!(run.stderr.contains("glossary term `RCDS` is defined twice"), "{}", run.stderr);
    assert!(run.stderr.contains("data/glossary.toml:"), "{}", run.stderr);
    let mine = write(
        dir.path(),
        "mine.toml",
        "[[glossary]]\nterm = \"SEMINAR-X\"\nmeaning = { en = \"our own term\", id = \"istilah kami\" }\n",
    );
    let spec = write(
        dir.path(),
        "g.toml",
        "title = { en = \"G\", id = \"G\" }\noutput = \"g-{language}.pdf\"\n\
         [period]\nfrom = 2022\nto = 2022\n[filter]\npartners = [\"UNOCT\", \"CTED\"]\n\
         [[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"text\"\n\
         body = { en = \"Compare SEMINAR-X.\", id = \"Bandingkan SEMINAR-X.\" }\n\
         [[sections]]\nkind = \"sources\"\n[[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n",
    );
    brief(dir.path(), &["generate", &spec, "--data", &mine, "--as-of", "2026-11-22"]).expect(0);
    let en = pdf_layout_lines(&dir.path().join("g-en.pdf"));
    let start = en.iter().position(|l| l == "Abbreviations").expect("a glossary");
    let end = en.iter().rposition(|l| l == "Sources").unwrap();
    let glossary = en[start..end].join("\n");
    assert!(
        glossary.contains("CTED UN Counter-Terrorism Committee Executive Directorate"),
        "{glossary}"
    );
    assert!(glossary.contains("SEMINAR-X our own term"), "{glossary}");
    // Terms the brief never uses are left out.
    assert!(!glossary.contains("CUTA") && !glossary.contains("ESIWA"), "{glossary}");
    let id = pdf_layout_lines(&dir.path().join("g-id.pdf"));
    assert!(id.iter().any(|l| l == "Daftar singkatan"), "{id:?}");
    assert!(
        id.iter().any(|l| l == "CTED Direktorat Eksekutif Komite Kontraterorisme PBB"),
        "{id:?}"
    );
}

/// Every source address of the bundled dataset.
fn dataset_addresses() -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo().join("data/events.toml")).unwrap();
    let data: toml::Value = toml::from_str(&text).unwrap();
    let events = data["events"].as_array().unwrap();
    let sources = events.iter().flat_map(|e| e["sources"].as_array().unwrap());
    sources.map(|s| s["url"].as_str().unwrap().to_owned()).collect()
}

/// The addresses of `addresses` as a source list shows them (without the scheme): each
/// from the word that begins with its host to the end of that line of extracted text.
fn shown_addresses<'t>(text: &'t str, addresses: &BTreeSet<String>) -> Vec<&'t str> {
    let hosts: BTreeSet<&str> = addresses
        .iter()
        .filter_map(|a| a.split_once("://")?.1.split_once('/').map(|(host, _)| host))
        .collect();
    let starts_with_host =
        |word: &str| word.split_once('/').is_some_and(|(host, _)| hosts.contains(host));
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let start = line
                .split(' ')
                .scan(0, |at, word| {
                    let here = *at;
                    *at += word.len() + 1;
                    Some((here, word))
                })
                .find(|(_, word)| starts_with_host(word))?
                .0;
            Some(&line[start..])
        })
        .collect()
}

/// The source numbers cited in a brief's text before its source list, and the numbers
/// the list holds; both empty for a brief without sources.
fn cited_and_listed(pdf: &std::path::Path) -> (BTreeSet<u32>, BTreeSet<u32>) {
    let lines = pdf_layout_lines(pdf);
    let Some(start) = lines.iter().rposition(|l| l == "Sources" || l == "Sumber") else {
        return Default::default();
    };
    let numbers = |text: &str| -> Vec<u32> {
        text.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect()
    };
    let mut cited = BTreeSet::new();
    for line in &lines[..start] {
        for group in line.split('[').skip(1).filter_map(|g| g.split_once(']').map(|(n, _)| n)) {
            if group.chars().all(|c| c.is_ascii_digit() || c == ',' || c == ' ') {
                cited.extend(numbers(group));
            }
        }
    }
    let listed = lines[start..]
        .iter()
        .filter_map(|l| l.strip_prefix('[')?.split_once(']').map(|(n, _)| n.to_owned()))
        .filter_map(|n| n.parse().ok())
        .collect();
    (cited, listed)
}

#[test]
fn an_empty_section_speaks_of_filters_only_when_the_brief_has_some() {
    let dir = tempdir();
    let spec = |filter: &str| {
        format!(
            "title = \"E\"\nlanguage = \"id\"\n{filter}[period]\nfrom = \"2024-07\"\nto = \"2024-07\"\n\
             [[sections]]\nkind = \"events\"\n"
        )
    };
    let plain = write(dir.path(), "plain.toml", &spec(""));
    let filtered = write(dir.path(), "filtered.toml", &spec("[filter]\npartners = [\"UK\"]\n"));
    for path in [&plain, &filtered] {
        brief(dir.path(), &["generate", path, "--as-of", "2026-11-22"]).expect(0);
    }
    let plain = pdf_text(&dir.path().join("plain.pdf"));
    assert!(plain.contains("Tidak ada kegiatan yang tercatat pada periode ini."), "{plain}");
    // The reader learns how far the record reaches, as known on the brief's date.
    assert!(
        plain.contains("Kegiatan terakhir yang tercatat berlangsung pada Desember 2025."),
        "{plain}"
    );
    assert!(!plain.contains("filter"), "{plain}");
    let filtered = pdf_text(&dir.path().join("filtered.pdf"));
    assert!(filtered.contains("yang sesuai dengan filter ringkasan"), "{filtered}");
}

#[test]
fn a_month_without_engagements_says_so_once_and_prints_no_table_of_zeros() {
    let dir = tempdir();
    let monthly = repo_file("briefs/monthly.toml");
    brief(dir.path(), &["generate", &monthly, "--as-of", "2023-03-05", "-o", "m.pdf"]).expect(0);
    let text = pdf_text(&dir.path().join("m.pdf"));
    assert_eq!(text.matches("No engagements are on record for this period.").count(), 1, "{text}");
    assert!(
        text.contains(
            "The latest engagement on record in this brief's scope dates from 29 November – 2 \
             December 2022, three months before this brief's date: recording may lag"
        ),
        "{text}"
    );
    assert!(text.contains("None in this period."), "the later empty section is brief: {text}");
    assert!(text.contains("No engagement is on record in either period."), "{text}");
    assert!(!text.contains("All engagements held"), "no table of zeros: {text}");
    // What the month leaves to do: the Philippine round its sources call annual.
    assert!(
        text.contains(
            "At the annual pace its sources describe, the 5th round of the working group with \
             the Philippines falls due around March 2023; no date has been announced."
        ),
        "{text}"
    );
    assert!(text.contains("listed under Sources"), "{text}");
    // A brief that lists no sources does not send its reader to them.
    let spec = write(
        dir.path(),
        "quiet.toml",
        &(small_spec("Q", "")
            + "[[sections]]\nkind = \"findings\"\n[[sections]]\nkind = \"methodology\"\n"),
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2023-03-05", "-o", "q.pdf"]).expect(0);
    let text = pdf_text(&dir.path().join("q.pdf"));
    assert!(text.contains("this brief does not list them"), "{text}");
}

#[test]
fn a_font_folder_adds_its_faces_and_a_missing_one_is_invalid_input() {
    let dir = tempdir();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(repo().join("fonts/Inter-Bold.otf"), fonts.join("Extra.otf")).unwrap();
    std::fs::write(fonts.join("notes.txt"), "not a font").unwrap();
    let spec = write(dir.path(), "s.toml", &small_spec("Fonts", ""));
    let args = ["generate", &spec, "--as-of", "2026-11-22", "--font-path", "fonts"];
    brief(dir.path(), &args).expect(0);
    assert!(pdf_fonts(&dir.path().join("s.pdf")).iter().any(|f| f.contains("Inter")));
    let run = brief(dir.path(), &["generate", &spec, "--font-path", "nowhere"]).expect(2);
    assert!(run.stderr.contains("cannot read font folder `nowhere`"), "{}", run.stderr);
}

#[test]
fn every_page_of_a_brief_with_a_moved_table_carries_its_own_number() {
    let dir = tempdir();
    let spec = repo_file("briefs/public-release-2022.toml");
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22", "-o", "out/"]).expect(0);
    for (file, word, of) in
        [("public-2022-en.pdf", "Page", "of"), ("public-2022-id.pdf", "Halaman", "dari")]
    {
        let pdf = dir.path().join("out").join(file);
        let pages = pdf_page_texts(&pdf);
        assert!(pages.len() > 2, "{file}: {} pages", pages.len());
        for (i, text) in pages.iter().enumerate() {
            let number = format!("{word} {} {of} {}", i + 1, pages.len());
            assert!(text.contains(&number), "{file}, page {}: no `{number}`", i + 1);
        }
        // The table of engagements does not start at the foot of the first page, which
        // holds the summary and the findings.
        assert!(
            !pages[0].contains("Engagements at a glance")
                && !pages[0].contains("Ikhtisar kegiatan"),
            "{file}"
        );
    }
}

#[test]
fn a_partner_profile_gives_an_engagement_over_several_days_with_its_span() {
    let dir = tempdir();
    let json = brief_json(dir.path(), &repo_file(FLAGSHIP), "2026-11-22");
    let sections = json["sections"].as_array().unwrap();
    let partners = sections.iter().find(|s| s["kind"] == "partners").unwrap();
    let profiles = partners["profiles"].as_array().unwrap();
    let uk = profiles.iter().find(|p| p["id"] == "gbr").unwrap();
    // The London round ran from 5 to 8 December 2023.
    assert_eq!(uk["latest"], "5–8 December 2023", "{uk}");
    assert_eq!(uk["first"], "7 April 2021", "{uk}");
}

#[test]
fn language_picks_a_variant_of_a_two_language_spec_and_warns_of_words_it_cannot_translate() {
    let dir = tempdir();
    let uk = repo_file("briefs/uk-2021-2024.toml");
    let run = brief(
        dir.path(),
        &["generate", &uk, "--language", "id", "-o", "out/", "--as-of", "2026-11-22"],
    )
    .expect(0);
    assert_eq!(files_in(&dir.path().join("out")), ["uk-2021-2024-id.pdf"], "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // A spec written in English keeps its words in English, and says so.
    let flagship = repo_file(FLAGSHIP);
    let run = brief(
        dir.path(),
        &["generate", &flagship, "--language", "id", "-o", "f.pdf", "--as-of", "2026-11-22"],
    )
    .expect(0);
    assert!(
        run.stderr.starts_with("warning: this spec is written in `en`: its `title`, `subtitle`, `author`, `body` stay in it, in a brief whose labels and findings are in `id`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= hint: give those words per language (`title = { en = \"…\", id = \"…\" }`) for a brief wholly in `id`"),
        "{}",
        run.stderr
    );
}

#[test]
fn o_naming_one_pdf_for_several_outputs_is_refused_not_made_a_folder() {
    let dir = tempdir();
    let uk = repo_file("briefs/uk-2021-2024.toml");
    let run = brief(dir.path(), &["generate", &uk, "-o", "q.pdf"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: -o `q.pdf` names one file, but this run has 2 outputs\n = hint: give -o a folder (`-o out/`), or pick one output with --language or --audience\n\n"
    );
    assert!(!dir.path().join("q.pdf").exists());
    // A name without the format's extension is a folder, as before.
    brief(dir.path(), &["generate", &uk, "-o", "q", "--as-of", "2026-11-22"]).expect(0);
    assert_eq!(files_in(&dir.path().join("q")).len(), 2);
}
