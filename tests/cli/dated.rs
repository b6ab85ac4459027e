//! True on its date (issue 27): dataset prose shown only from the source it rests on,
//! the analyst's `written` date, periods "to date", coverage caveats, the lag of
//! recording, and follow-ups, each read from the PDF or `--emit-data`.

use super::harness::*;

/// Renders `spec` (a file in `dir`) as of `as_of` and returns the PDF's text.
fn text_as_of(dir: &std::path::Path, spec: &str, as_of: &str) -> String {
    brief(dir, &["generate", spec, "--as-of", as_of, "-o", "b.pdf"]).expect(0);
    pdf_text(&dir.join("b.pdf"))
}

#[test]
fn a_span_resting_on_a_later_report_appears_only_from_its_publication() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "uk.toml",
        &(small_spec("UK", "").replace("from = 2022\nto = 2022", "from = 2023\nto = 2023")
            + "[filter]\npartners = [\"gbr\"]\n[[sections]]\nkind = \"events\"\n"),
    );
    // The London round: ANTARA (December 2023) gives 5 December; Divhubinter Polri's
    // report of 2025 gives 5–8 December.
    let before = text_as_of(dir.path(), &spec, "2025-06-30").to_lowercase();
    assert!(
        before.contains("5 december 2023") && !before.contains("5–8 december 2023"),
        "{before}"
    );
    assert!(!before.contains("divhubinter"), "{before}");
    let after = text_as_of(dir.path(), &spec, "2026-06-30");
    assert!(after.to_lowercase().contains("5–8 december 2023"), "{after}");
    // `brief events --format json` shows the same view.
    let json = |as_of: &str| {
        let args = ["events", "--as-of", as_of, "--partner", "gbr", "--format", "json"];
        let run = brief(dir.path(), &args).expect(0);
        let all: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        all.as_array().unwrap().iter().find(|e| e["id"] == "2023-12-gbr-jwg-2").unwrap().clone()
    };
    assert!(json("2025-06-30").get("end").is_none());
    assert_eq!(json("2026-01-15")["end"], "2023-12-08");
}

#[test]
fn an_event_announced_but_not_yet_reported_held_reads_as_announced() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "un.toml",
        &(small_spec("UN", "")
            + "[filter]\npartners = [\"UNOCT\"]\n[[sections]]\nkind = \"events\"\n"),
    );
    let early = text_as_of(dir.path(), &spec, "2022-12-15");
    assert!(early.contains("BNPT and UNOCT announced a UNOCT visit"), "{early}");
    assert!(!early.contains("held in-depth consultations"), "{early}");
    let late = text_as_of(dir.path(), &spec, "2023-02-01");
    assert!(late.contains("UNOCT and CTED held in-depth consultations"), "{late}");
}

/// A spec over 2021–2024 with a summary written on `written`, and an engagement of
/// November 2024 first reported in February 2025, from a data file of its own.
fn written_spec(dir: &std::path::Path, language: &str, written: &str) -> String {
    write(
        dir,
        "extra.csv",
        "id,date,status,partners,type,title_en,title_id,summary_en,summary_id,source_url,source_publisher,source_published,source_reports\n\
         x-late,2024-11-20,held,aus,meeting,Late meeting,Pertemuan akhir,A meeting.,Sebuah pertemuan.,https://example.org/late,Example,2025-02-10,held\n",
    );
    let spec = format!(
        "title = \"W\"\nlanguage = \"{language}\"\ndata = [\"extra.csv\"]\nwritten = {written}\n[period]\nfrom = 2021\nto = 2024\n\
         [[sections]]\nkind = \"summary\"\nbody = \"Our words.\"\n[[sections]]\nkind = \"key-figures\"\n\
         [[sections]]\nkind = \"methodology\"\n"
    );
    write(dir, "w.toml", &spec)
}

#[test]
fn words_written_after_the_brief_s_date_are_left_out_and_older_words_are_dated_and_warned() {
    let dir = tempdir();
    let spec = written_spec(dir.path(), "en", "2024-12-31");
    let run = brief(dir.path(), &["generate", &spec, "--as-of", "2024-06-30", "-o", "early.pdf"])
        .expect(0);
    assert!(
        run.stderr.contains(
            "warning: the `summary` section was written as of 31 December 2024, after this brief's date (30 June 2024)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("w.toml:4:11"), "{}", run.stderr);
    // The brief is written without the section, and names no later date.
    let early = pdf_text(&dir.path().join("early.pdf"));
    assert!(!early.contains("Our words.") && !early.contains("Summary"), "{early}");
    assert!(!early.contains("2024-12-31") && !early.contains("December 2024"), "{early}");
    assert!(
        early.contains(
            "The analyst's commentary appears only where it was written by this brief's date."
        ),
        "{early}"
    );
    // The dataset is named as it stood on the brief's date: no edition made later is
    // printed (the PDF's keywords keep it).
    assert!(
        early.contains(
            "The records as public on 30 June 2024; the edition is in the file's metadata"
        ),
        "{early}"
    );
    assert!(!early.contains("2026.12."), "{early}");
    let info = pdf_info(&dir.path().join("early.pdf"));
    assert!(info.contains("dataset 2026."), "{info}");
    let run =
        brief(dir.path(), &["generate", &spec, "--as-of", "2026-12-06", "-o", "w.pdf"]).expect(0);
    assert!(
        run.stderr.contains("warning: the `summary` section was written as of 31 December 2024; ")
            && run.stderr.contains(
                " in this brief's scope were recorded since, which its words do not reflect"
            ),
        "{}",
        run.stderr
    );
    // Words almost two years old say so under their heading.
    assert!(
        pdf_text(&dir.path().join("w.pdf"))
            .contains("Written as of 31 December 2024, 23 months before this brief")
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2025-03-31", "-o", "fresh.pdf"]).expect(0);
    let fresh = pdf_text(&dir.path().join("fresh.pdf"));
    assert!(
        fresh.contains("Written as of 31 December 2024")
            && !fresh.contains("months before this brief"),
        "{fresh}"
    );
    // A `written` date on a computed section is an error at its key.
    let bad = write(
        dir.path(),
        "bad.toml",
        &(small_spec("B", "") + "[[sections]]\nkind = \"findings\"\nwritten = 2024-01-01\n"),
    );
    let run = brief(dir.path(), &["check", &bad]).expect(2);
    assert!(run.stderr.contains("has a `written` date, not `findings`"), "{}", run.stderr);
    // In Indonesian.
    let spec = written_spec(dir.path(), "id", "2024-12-31");
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-12-06", "-o", "w.pdf"]).expect(0);
    assert!(
        pdf_text(&dir.path().join("w.pdf"))
            .contains("Disusun pada 31 Desember 2024, 23 bulan sebelum ringkasan ini")
    );
}

#[test]
fn a_period_not_yet_over_is_to_date_and_compared_like_with_like() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "t.toml",
        "title = \"T\"\n[period]\nfrom = 2021\nto = 2024\n[[sections]]\nkind = \"findings\"\n[[sections]]\nkind = \"key-figures\"\n",
    );
    let json = brief_json(dir.path(), &spec, "2023-06-30");
    assert_eq!(json["meta"]["period"]["label"], "January 2021 – 30 June 2023 (in progress)");
    let findings = json["sections"][0]["findings"].as_array().unwrap();
    let volume = findings[0]["text"].as_str().unwrap();
    assert!(
        volume.starts_with("In January 2021 – 30 June 2023 (in progress), the record shows"),
        "{volume}"
    );
    // That part of 2017–2020 lies mostly before the record's coverage: no comparison
    // with it, nor is it named. Nor is the rest of the record's coverage known on that
    // date: it is "from 2019". The covered years just before the period are the
    // comparison, yearly, and the period is not named twice.
    assert!(
        volume.contains("; the record being systematic only from 2019, the fair comparison is with 2019–2020, the two covered years just before, where it shows "),
        "{volume}"
    );
    assert!(volume.contains(" a year in this period)") && !volume.contains("2017"), "{volume}");
    // The chart by year stops at the brief's year.
    let figures = serde_json::to_string(&json["sections"][1]).unwrap();
    assert!(!figures.contains("\"2024\""), "{figures}");
    // In Indonesian.
    let spec = write(
        dir.path(),
        "t.toml",
        "title = \"T\"\nlanguage = \"id\"\n[period]\nfrom = 2021\nto = 2024\n[[sections]]\nkind = \"findings\"\n",
    );
    let json = brief_json(dir.path(), &spec, "2023-06-30");
    assert_eq!(json["meta"]["period"]["label"], "Januari 2021 – 30 Juni 2023 (periode berjalan)");
}

#[test]
fn a_comparison_reaching_outside_the_record_s_coverage_says_so_in_its_sentence() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "c.toml",
        "title = \"C\"\n[period]\nfrom = 2023\nto = 2026\n[[sections]]\nkind = \"findings\"\n[[sections]]\nkind = \"methodology\"\n",
    );
    let text = text_as_of(dir.path(), &spec, "2026-12-06");
    let now =
        held_events(dir.path(), "2026-12-06", &["--from", "2023-01-01", "--to", "2026-12-06"]);
    let before =
        held_events(dir.path(), "2026-12-06", &["--from", "2019-01-01", "--to", "2022-12-06"]);
    assert!(now.len() < before.len(), "the sentence below is written for a decline");
    assert!(
        text.contains(&format!(
            "down from {} in January 2019 – 6 December 2022 (nothing after 2025 has been collected yet).",
            before.len()
        )),
        "{text}"
    );
    // Against a period a quarter or more outside the coverage, no trend is drawn.
    let spec21 = write(
        dir.path(),
        "c21.toml",
        "title = \"C\"\n[period]\nfrom = 2021\nto = 2024\n[[sections]]\nkind = \"findings\"\n",
    );
    let text21 = text_as_of(dir.path(), &spec21, "2026-12-06");
    assert!(
        text21.replace("– ", "–").contains(
            "; the record being systematic only for 2019–2025, the fair comparison is with 2019–2020, the two covered years just before, where it shows "
        ) && !text21.contains("up from"),
        "{text21}"
    );
    assert!(
        text.contains("The record is systematic only for 2019–2025; outside that span"),
        "{text}"
    );
    // Data that declares no coverage claims nothing, and gets no caveat.
    write(
        dir.path(),
        "own.csv",
        "id,date,status,partners,type,title_en,title_id,source_url,source_publisher,source_published\n\
         o-1,2022-05-01,held,aus,meeting,Own,Sendiri,https://example.org/o,Ex,2022-05-01\n",
    );
    let partners = repo_file("data/partners.toml");
    let args = ["generate", &spec, "--no-bundled-data", "--data", "own.csv", "--data", &partners];
    brief(dir.path(), &[&args[..], &["-o", "own.pdf"]].concat()).expect(0);
    assert!(!pdf_text(&dir.path().join("own.pdf")).contains("systematic"));
}

#[test]
fn a_brief_months_past_the_latest_record_says_that_recording_may_lag() {
    let dir = tempdir();
    let spec = |extra: &str| {
        format!(
            "title = \"R\"\n{extra}[period]\nfrom = 2025\nto = 2025\n[filter]\npartners = [\"rus\"]\n\
             [[sections]]\nkind = \"findings\"\n"
        )
    };
    let russia = write(dir.path(), "r.toml", &spec(""));
    let text = text_as_of(dir.path(), &russia, "2025-12-31");
    assert!(
        text.contains("The latest engagement on record in this brief's scope dates from 9 October 2024, 14 months before this brief's date: recording may lag behind events"),
        "{text}"
    );
    // A spec may allow more time before it says so.
    let patient = write(dir.path(), "patient.toml", &spec("lag_months = 24\n"));
    let text = text_as_of(dir.path(), &patient, "2025-12-31");
    assert!(!text.contains("recording may lag"), "{text}");
}

#[test]
fn a_brief_of_a_period_past_the_collected_record_says_so_once_and_nothing_else() {
    let dir = tempdir();
    let monthly = repo_file("briefs/monthly.toml");
    let text = text_as_of(dir.path(), &monthly, "2026-12-06");
    let gap = "Nothing after 31 December 2025 has been collected yet, so the record cannot say what took place in November 2026";
    assert_eq!(text.matches(gap).count(), 1, "{text}");
    assert!(!text.contains("recording may lag"), "{text}");
    // No comparison of two months the record has not reached.
    assert!(!text.contains("in either period"), "{text}");
    assert_eq!(text.matches("Not collected yet.").count(), 3, "{text}");
    // Its open items are still there.
    assert!(text.contains("Follow-ups and open items") && text.contains("overdue"), "{text}");
}

#[test]
fn follow_ups_name_a_lapsed_announcement_and_an_overdue_working_group_in_both_languages() {
    let dir = tempdir();
    let spec = |language: &str| {
        format!(
            "title = \"F\"\nlanguage = \"{language}\"\n[period]\nfrom = 2021\nto = 2024\n[[sections]]\nkind = \"follow-ups\"\n[[sections]]\nkind = \"sources\"\n"
        )
    };
    let en = write(dir.path(), "en.toml", &spec("en"));
    let text = text_as_of(dir.path(), &en, "2026-12-06");
    assert!(text.contains("Follow-ups and open items"), "{text}");
    // Eleven months past the collected record, the first thing to do is to collect.
    assert!(
        text.contains("Follow-ups and open items ▪ The collected record ends on 31 December 2025, 11 months before this brief. Collect the engagements since then first: until they are in, the items below rest on a record that stops there. ▪ Planned"),
        "{text}"
    );
    assert!(
        text.contains("Planned Indonesia–Russia expert meeting on international security (2025): announced October 2024, not reported as held by 31 December 2025. Confirm whether it took place."),
        "{text}"
    );
    assert!(
        text.contains("The last round of the working group with the Philippines, the 4th, dates from 24 March 2022; none is on record in the 45 months to 31 December 2025;"),
        "{text}"
    );
    // What that day is, the first item says; the later ones give the day alone.
    assert_eq!(text.matches("The collected record ends on").count(), 1, "{text}");
    assert_eq!(text.matches("the end of the collected record").count(), 0, "{text}");
    assert!(text.contains("its sources describe it as an annual meeting"), "{text}");
    // 45 months is past twice its annual pace: the item asks for more than dates.
    assert!(
        text.contains("The next round is long overdue, three rounds having gone by at its pace: raise the series with the partner at a senior level, with proposed dates."),
        "{text}"
    );
    // Before its date passed, the expert meeting was still to come; inside the collected
    // record, the months are counted to the brief's date.
    let early = text_as_of(dir.path(), &en, "2024-12-01");
    assert!(
        early.contains("expert meeting on international security (2025): announced October 2024, still to come. Confirm the date and who takes part."),
        "{early}"
    );
    assert!(early.contains("none is on record in the 32 months since"), "{early}");
    // A series its sources call annual is overdue some months past a year, sooner than
    // the mean gap of its rounds (18 months) would make it.
    let annual = text_as_of(dir.path(), &en, "2023-06-30");
    assert!(
        annual.contains("with the Philippines, the 4th, dates from 24 March 2022; none is on record in the 15 months since"),
        "{annual}"
    );
    // Not yet twice its pace: dates are what to propose.
    assert!(
        annual.contains("The next round is overdue: propose dates to the partner."),
        "{annual}"
    );
    let id = write(dir.path(), "id.toml", &spec("id"));
    let text = text_as_of(dir.path(), &id, "2026-12-06");
    assert!(text.contains("Tindak lanjut dan hal yang belum tuntas"), "{text}");
    assert!(text.contains("tetapi belum tercatat terlaksana"), "{text}");
    assert!(
        text.contains("Indonesia–Filipina, yakni pertemuan ke-4, berlangsung pada 24 Maret 2022."),
        "{text}"
    );
}

#[test]
fn a_working_group_round_due_soon_by_its_pace_is_a_follow_up_in_both_languages() {
    let dir = tempdir();
    let spec = |language: &str| {
        format!(
            "title = \"W\"\nlanguage = \"{language}\"\n[period]\nfrom = 2020\nto = 2020\n[filter]\npartners = [\"phl\", \"gbr\"]\n[[sections]]\nkind = \"follow-ups\"\n"
        )
    };
    let en = write(dir.path(), "en.toml", &spec("en"));
    // Inside the record: the Philippine rounds of 2017–2019 came about a year apart, and
    // no 4th was announced by June 2020. Two gaps are given as they are, not averaged.
    let text = text_as_of(dir.path(), &en, "2020-06-01");
    assert!(
        text.contains("The rounds of the working group with the Philippines on record came 11 and 13 months apart, with no set pace; no date for the 4th round has been announced"),
        "{text}"
    );
    assert!(text.contains("Propose dates to the partner."), "{text}");
    // Not yet worth watching half a year earlier.
    let early = text_as_of(dir.path(), &en, "2019-12-01");
    assert!(!early.contains("At the pace"), "{early}");
    // Past the collected record, the brief asks whether the next round took place; with no
    // set pace, it projects no month for it.
    let late = text_as_of(dir.path(), &en, "2026-12-06");
    assert!(
        late.contains("The rounds of the working group with the United Kingdom on record came 24 and 13 months apart, with no set pace; no date for the 4th round is on record by 31 December 2025. Confirm"),
        "{late}"
    );
    assert!(late.contains("Confirm whether it has taken place or been scheduled."), "{late}");
    let id = write(dir.path(), "id.toml", &spec("id"));
    let text = text_as_of(dir.path(), &id, "2020-06-01");
    assert!(
        text.contains("Pertemuan kelompok kerja bersama Indonesia–Filipina yang tercatat berselang 11 dan 13 bulan dan belum berpola tetap; jadwal pertemuan ke-4 belum tercatat"),
        "{text}"
    );
    assert!(text.contains("Disarankan mengusulkan tanggal kepada mitra."), "{text}");
}

#[test]
fn an_announcement_still_to_come_is_listed_in_coming_up_not_among_the_engagements() {
    let dir = tempdir();
    let monthly = repo_file("briefs/monthly.toml");
    let json = brief_json(dir.path(), &monthly, "2025-02-02");
    let sections = json["sections"].as_array().unwrap();
    let ids = |kind: &str| -> Vec<String> {
        sections
            .iter()
            .filter(|s| s["kind"] == kind)
            .flat_map(|s| s["events"].as_array().cloned().unwrap_or_default())
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(ids("upcoming").contains(&"2025-rus-expert-meeting".to_owned()), "{json}");
    assert!(!ids("events").contains(&"2025-rus-expert-meeting".to_owned()), "{json}");
    assert!(ids("events").contains(&"2025-01-gbr-jwg-3".to_owned()), "{json}");
}

#[test]
fn a_brief_dated_after_its_period_names_what_came_after_it_and_what_its_words_predate() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let uk = repo_file("briefs/uk-2021-2024.toml");
    brief(dir.path(), &["generate", &uk, "--as-of", "2025-02-15", "-o", "out"]).expect(0);
    let text = pdf_text(&dir.path().join("out/uk-2021-2024-en.pdf"));
    // The 3rd round met after the period and before the brief's date.
    assert!(
        text.contains("After the period, to 15 February 2025, one more engagement is on record: 3rd Indonesia–UK Joint Working Group on Counter-Terrorism (20 January 2025)."),
        "{text}"
    );
    // Dated inside the period, it has nothing after it to name.
    brief(dir.path(), &["generate", &uk, "--as-of", "2023-06-30", "-o", "out"]).expect(0);
    let text = pdf_text(&dir.path().join("out/uk-2021-2024-en.pdf"));
    assert!(!text.contains("After the period"), "{text}");
    // The public overview of 2022 keeps to its year, but says what its summary of March
    // 2023 could not know: its findings count an MoU the summary does not name.
    let public = repo_file("briefs/public-release-2022.toml");
    brief(dir.path(), &["generate", &public, "--as-of", "2026-12-06", "-o", "out"]).expect(0);
    let text = pdf_text(&dir.path().join("out/public-2022-en.pdf"));
    assert!(!text.contains("After the period"), "{text}");
    assert!(
        text.contains("Since this brief's commentary was written (31 March 2023), one engagement of the period has come to light that it does not reflect: BNPT–Viet Nam Ministry of Public Security counter-terrorism MoU (22 December 2022)."),
        "{text}"
    );
    let text = pdf_text(&dir.path().join("out/public-2022-id.pdf"));
    assert!(
        text.contains("Sejak ulasan dalam ringkasan ini ditulis (31 Maret 2023), tercatat satu kegiatan lain pada periode ini yang belum dimuat di dalamnya: MoU penanggulangan terorisme BNPT–Kementerian Keamanan Publik Vietnam (22 Desember 2022)."),
        "{text}"
    );
    // Its five partners new to the record are each named, none hidden in "two more".
    assert!(text.contains("Kanada (16 November 2022), dan Vietnam (22 Desember 2022)"), "{text}");
    // Its cover says where the collected record ends.
    assert!(text.contains("data terhimpun hingga 31 Desember 2025"), "{text}");
}

#[test]
fn follow_ups_watch_a_lone_round_and_a_quiet_partner_and_say_what_a_pace_rests_on() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    // One UK round on record, 19 months before the brief's date, and no second.
    let uk = repo_file("briefs/uk-2021-2024.toml");
    brief(dir.path(), &["generate", &uk, "--as-of", "2023-06-30", "-o", "out"]).expect(0);
    let text = pdf_text(&dir.path().join("out/uk-2021-2024-en.pdf"));
    assert!(
        text.contains("Only one round of the working group with the United Kingdom is on record (the 1st, of 11 November 2021); no next round has been announced in the 19 months since. Propose dates to the partner."),
        "{text}"
    );
    let text = pdf_text(&dir.path().join("out/uk-2021-2024-id.pdf"));
    assert!(
        text.contains("Baru satu pertemuan kelompok kerja bersama Indonesia–Inggris yang tercatat (pertemuan ke-1, 11 November 2021); 19 bulan kemudian, pertemuan berikutnya belum tercatat."),
        "{text}"
    );
    // UNOCT, named in the flagship, has nothing on record after October 2023.
    let flagship = repo_file("briefs/bnpt-international-2021-2024.toml");
    let text = text_as_of(dir.path(), &flagship, "2026-12-06");
    assert!(
        text.contains("The latest engagement with the UN Office of Counter-Terrorism on record dates from 23–25 October 2023; none is on record in the 26 months to 31 December 2025"),
        "{text}"
    );
    // What to ask: the work of the latest engagement, its first topic.
    assert!(
        text.contains("Ask the partner how the work on chemical and CBRN terrorism is to continue, and what is planned."),
        "{text}"
    );
    // Rounds 24 and 13 months apart are given as they are: two gaps make no set pace.
    // Two rounds make one interval, said as such.
    assert!(text.contains("came 24 and 13 months apart, with no set pace"), "{text}");
    // Each item names who acts on it, from the project's `[owners]`.
    assert!(text.contains("Owner: Directorate of Bilateral Cooperation."), "{text}");
    let spec = write(
        dir.path(),
        "vnm.toml",
        &(small_spec("V", "")
            + "[filter]\npartners = [\"vnm\"]\n[[sections]]\nkind = \"follow-ups\"\n"),
    );
    let text = text_as_of(dir.path(), &spec, "2026-12-06");
    assert!(
        text.contains("At the pace of the two rounds on record (18 months apart), the 3rd round of the working group with Viet Nam"),
        "{text}"
    );
}

#[test]
fn every_source_listed_is_cited_where_a_reader_sees_it_even_in_a_quiet_period() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "uk.toml",
        "title = \"UK H1 2023\"\n[period]\nfrom = \"2023-01\"\nto = \"2023-06\"\n\
         [filter]\npartners = [\"gbr\"]\n",
    );
    let text = text_as_of(dir.path(), &spec, "2026-12-07");
    // The profile of a partner quiet in the period gives its record before it…
    assert!(text.contains("First engagement on record: Indonesia–United Kingdom"), "{text}");
    // …and every source of the list is cited above it.
    let (body, list) = text.split_once("Numbers in brackets in the text refer").unwrap();
    // The list's entries are `[1]`, `[2]`…: the highest is how many there are.
    let listed = (1..100).take_while(|n| list.contains(&format!("[{n}]"))).count();
    for n in 1..=listed {
        let cited = body.contains(&format!("[{n},"))
            || body.contains(&format!(" {n},"))
            || body.contains(&format!(" {n}]"))
            || body.contains(&format!("[{n}]"));
        assert!(cited, "source [{n}] is listed but cited nowhere:\n{text}");
    }
    assert!(listed >= 5, "{text}");
}

#[test]
fn each_open_item_names_its_owner_from_the_spec_or_its_project() {
    let dir = tempdir();
    write(
        dir.path(),
        "_brief.toml",
        "[owners]\ndefault = { en = \"Cooperation Deputy\", id = \"Deputi Kerja Sama\" }\n\
         PHL = { en = \"Manila Desk\", id = \"Meja Manila\" }\n",
    );
    let spec = |language: &str, owners: &str| {
        format!(
            "title = \"O\"\nlanguage = \"{language}\"\n[period]\nfrom = 2021\nto = 2024\n\
             [filter]\npartners = [\"phl\", \"unoct\"]\n[[sections]]\nkind = \"follow-ups\"\n{owners}"
        )
    };
    // The project's units, one partner's replaced by the spec's own, whichever of the
    // partner's names each uses.
    let en = write(dir.path(), "en.toml", &spec("en", "[owners]\nphl = \"Philippine Desk\"\n"));
    let text = text_as_of(dir.path(), &en, "2026-12-06");
    assert!(text.contains("with proposed dates. Owner: Philippine Desk."), "{text}");
    assert!(text.contains("what is planned. Owner: Cooperation Deputy."), "{text}");
    let id = write(dir.path(), "id.toml", &spec("id", ""));
    let text = text_as_of(dir.path(), &id, "2026-12-06");
    assert!(text.contains("Penanggung jawab: Meja Manila."), "{text}");
    assert!(text.contains("Penanggung jawab: Deputi Kerja Sama."), "{text}");
    // A key that is no partner is an error at its place.
    let wrong = write(dir.path(), "wrong.toml", &spec("en", "[owners]\nInggriss = \"Desk\"\n"));
    let run = brief(dir.path(), &["check", &wrong]).expect(2);
    assert!(run.stderr.contains("error: `[owners]`: unknown partner `Inggriss`"), "{}", run.stderr);
    assert!(run.stderr.contains("wrong.toml:11:"), "{}", run.stderr);
}

#[test]
fn a_numbered_series_of_consultations_is_followed_like_a_working_group_in_both_languages() {
    let dir = tempdir();
    let profile = repo_file("briefs/partner-profile-australia.toml");
    // Australia's consultations are numbered, and their sources call them annual: the
    // 9th of September 2023 is past its pace 16 months on.
    let text = text_as_of(dir.path(), &profile, "2025-01-15");
    assert!(
        text.contains("The last round of the bilateral consultations with Australia, the 9th, dates from 14 September 2023; none is on record in the 16 months since; its sources describe it as an annual meeting. The next round is overdue: propose dates to the partner."),
        "{text}"
    );
    // A series followed by its pace is not also a partner gone quiet.
    assert!(!text.contains("Ask the partner how the work"), "{text}");
    let spec = write(
        dir.path(),
        "aus-id.toml",
        "title = \"A\"\nlanguage = \"id\"\n[period]\nfrom = 2019\nto = 2025\n[filter]\npartners = [\"aus\"]\n[[sections]]\nkind = \"follow-ups\"\n",
    );
    let text = text_as_of(dir.path(), &spec, "2025-01-15");
    assert!(
        text.contains("Pertemuan terakhir konsultasi bilateral Indonesia–Australia, yakni pertemuan ke-9, berlangsung pada 14 September 2023."),
        "{text}"
    );
}

#[test]
fn a_kind_of_partner_names_an_owner_that_a_partner_s_own_key_overrides() {
    let dir = tempdir();
    // The kinds come first in the file, yet the Philippines' own unit wins; UNOCT, an
    // organisation, takes its kind's; collecting the record falls to `default`.
    let spec = write(
        dir.path(),
        "k.toml",
        "title = \"K\"\n[period]\nfrom = 2021\nto = 2024\n\
         [filter]\npartners = [\"phl\", \"unoct\", \"rus\"]\n[[sections]]\nkind = \"follow-ups\"\n\
         [owners]\ncountry = \"Bilateral Directorate\"\norganisation = \"Multilateral Directorate\"\n\
         phl = \"Manila Desk\"\ndefault = \"Deputy\"\n",
    );
    let text = text_as_of(dir.path(), &spec, "2026-12-06");
    assert!(text.contains("with proposed dates. Owner: Manila Desk."), "{text}");
    assert!(
        text.contains("Confirm whether it took place. Owner: Bilateral Directorate."),
        "{text}"
    );
    assert!(text.contains("Owner: Multilateral Directorate."), "{text}");
    assert!(text.contains("rest on a record that stops there. Owner: Deputy."), "{text}");
}

/// A spec over Australia in 2023–2024 with follow-ups, reading `extra.csv`: an MoU of
/// March 2020 whose term runs through June 2024, and the `rows` given.
fn term_spec(dir: &std::path::Path, language: &str, rows: &str) -> String {
    write(
        dir,
        "extra.csv",
        &format!(
            "id,date,status,partners,type,term_ends,renews,title_en,title_id,summary_en,summary_id,source_url,source_publisher,source_published,source_reports\n\
             x-mou,2020-03-02,held,aus,mou,2024-06,,Test MoU,MoU uji,An MoU.,Sebuah MoU.,https://example.org/mou,Example,2020-03-03,held\n{rows}"
        ),
    );
    let spec = format!(
        "title = \"T\"\nlanguage = \"{language}\"\ndata = [\"extra.csv\"]\n[period]\nfrom = 2023\nto = 2024\n\
         [filter]\npartners = [\"aus\"]\n[[sections]]\nkind = \"follow-ups\"\n"
    );
    write(dir, &format!("t-{language}.toml"), &spec)
}

#[test]
fn an_agreement_s_term_ending_with_no_renewal_is_a_follow_up_in_both_languages() {
    let dir = tempdir();
    let en = term_spec(dir.path(), "en", "");
    let soon = text_as_of(dir.path(), &en, "2024-03-01");
    assert!(
        soon.contains("Test MoU (2 March 2020): its term runs through June 2024, and no renewal is on record. Open talks on its renewal before the term ends."),
        "{soon}"
    );
    let ended = text_as_of(dir.path(), &en, "2024-09-01");
    assert!(
        ended.contains("Test MoU (2 March 2020): its term ran through June 2024, and no renewal or successor is on record. Confirm whether it was renewed or replaced."),
        "{ended}"
    );
    // More than a year before its end, it is not yet an open item.
    assert!(!text_as_of(dir.path(), &en, "2023-05-01").contains("Test MoU"));
    let id = term_spec(dir.path(), "id", "");
    let ended = text_as_of(dir.path(), &id, "2024-09-01");
    assert!(
        ended.contains("MoU uji (2 Maret 2020): masa berlakunya sampai Juni 2024, dan belum tercatat perpanjangan atau penggantinya. Pastikan apakah sudah diperpanjang atau diganti."),
        "{ended}"
    );
}

#[test]
fn a_renewal_on_record_closes_the_agreement_s_term_from_its_report() {
    let dir = tempdir();
    let renewal = "x-renewal,2024-05-20,held,aus,mou,,x-mou,Renewed MoU,MoU diperpanjang,Renewed.,Diperpanjang.,https://example.org/renewal,Example,2024-05-21,held\n";
    let en = term_spec(dir.path(), "en", renewal);
    assert!(!text_as_of(dir.path(), &en, "2024-09-01").contains("Test MoU"));
    // Before the renewal was reported, the term was still an open item.
    assert!(text_as_of(dir.path(), &en, "2024-05-01").contains("Test MoU (2 March 2020)"));
    // The CSV export keeps both fields, so that it reads back the same.
    let run = brief(
        dir.path(),
        &[
            "events",
            "--data",
            "extra.csv",
            "--partner",
            "aus",
            "--from",
            "2020-03",
            "--to",
            "2020-03",
            "--format",
            "csv",
        ],
    )
    .expect(0);
    assert!(run.stdout.lines().next().unwrap().contains(",term_ends,renews,"), "{}", run.stdout);
    assert!(run.stdout.contains("x-mou,2020-03-02,,held,"), "{}", run.stdout);
    assert!(run.stdout.contains(",2024-06,,"), "{}", run.stdout);
}

#[test]
fn a_term_or_renewal_that_cannot_be_is_an_error_at_its_place() {
    let dir = tempdir();
    let rows = "x-call,2021-01-05,held,aus,meeting,2022,,Call,Kunjungan,A call.,Kunjungan.,https://example.org/call,Example,2021-01-06,held\n\
                x-bad,2021-02-05,held,aus,mou,,x-none,Bad,Buruk,Bad.,Buruk.,https://example.org/bad,Example,2021-02-06,held\n";
    let en = term_spec(dir.path(), "en", rows);
    let run = brief(dir.path(), &["check", &en]).expect(2);
    assert!(run.stderr.contains("only an agreement has a `term_ends`"), "{}", run.stderr);
    assert!(run.stderr.contains("extra.csv:3:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`renews` names `x-none`, which is not an event"),
        "{}",
        run.stderr
    );
    // The hint names the earlier agreements with the same partner.
    assert!(
        run.stderr.contains("expected one of `2018-12-aus-mou-extension`, `x-mou`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("extra.csv:4:"), "{}", run.stderr);
}
