//! The policy brief: findings and changes computed from the record, the analyst's own
//! sections in their fixed places, and an executive brief that fits two pages.
//!
//! Expected sentences are written out word for word; every number in them is counted
//! here from `brief events --format json`, independently of the brief's own model.

use std::path::Path;

use serde_json::Value;

use super::harness::*;

const AS_OF: &str = "2026-11-22";

/// A count in an English sentence: in words from one to nine, else in digits.
fn en(n: usize) -> String {
    let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    if (1..=9).contains(&n) { words[n - 1].to_owned() } else { n.to_string() }
}

/// `text` with its first letter in capitals, as a count opening a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A count in an Indonesian sentence, likewise.
fn id(n: usize) -> String {
    let words = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
    if (1..=9).contains(&n) { words[n - 1].to_owned() } else { n.to_string() }
}

/// How many of `events` involve `partner`.
fn with(events: &[Value], partner: &str) -> usize {
    events.iter().filter(|e| e["partners"].as_array().unwrap().iter().any(|p| p == partner)).count()
}

/// How many of `events` are of `types`.
fn of_types(events: &[Value], types: &[&str]) -> Vec<Value> {
    events.iter().filter(|e| types.contains(&e["type"].as_str().unwrap())).cloned().collect()
}

/// How many of `events` have a date to the month or year, or a note on it.
fn uncertain(events: &[Value]) -> usize {
    events
        .iter()
        .filter(|e| e.get("date_note").is_some() || e["date"].as_str().unwrap().len() < 10)
        .count()
}

/// How many of `events` are reported held, by the as-of date, only by third-party copies.
fn only_copies(events: &[Value]) -> usize {
    events
        .iter()
        .filter(|e| {
            let public: Vec<&Value> = e["sources"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["published"].as_str().is_none_or(|p| p <= AS_OF))
                .filter(|s| s["reports"] == "held")
                .collect();
            !public.is_empty() && public.iter().all(|s| s["secondary"] == true)
        })
        .count()
}

/// How many of `events` rest on one source published by the as-of date.
fn single_source(events: &[Value]) -> usize {
    events
        .iter()
        .filter(|e| {
            let public = e["sources"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["published"].as_str().is_none_or(|p| p <= AS_OF))
                .count();
            public == 1
        })
        .count()
}

/// The sections of `kind` in a brief's data.
fn sections<'a>(json: &'a Value, kind: &str) -> Vec<&'a Value> {
    json["sections"].as_array().unwrap().iter().filter(|s| s["kind"] == kind).collect()
}

/// The findings of the first findings section, as (text, refs).
fn findings(json: &Value) -> Vec<(String, Vec<u64>)> {
    sections(json, "findings")[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let refs = f["refs"].as_array().unwrap().iter().map(|r| r.as_u64().unwrap()).collect();
            (f["text"].as_str().unwrap().to_owned(), refs)
        })
        .collect()
}

/// The rounded share, as the brief prints it.
fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2) / whole
}

/// `count` engagements over `months` a year, to one decimal rounded half up, with the
/// language's decimal `mark` ("3.3", "3,3"; "3" when whole).
fn per_year(count: usize, months: usize, mark: &str) -> String {
    let tenths = (count * 120 + months / 2) / months;
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        rest => format!("{}{mark}{rest}", tenths / 10),
    }
}

/// What the flagship's findings are counted from.
struct FlagshipCounts {
    n: usize,
    m: usize,
    /// Held in 2019–2020, the covered years just before the period.
    base: usize,
    unoct: usize,
    /// UNOCT's engagements that were conferences.
    unoct_conferences: usize,
    gbr: usize,
    phl: usize,
    uncertain: usize,
    single: usize,
    copies: usize,
}

fn flagship_counts(dir: &Path) -> FlagshipCounts {
    let now = flagship_held(dir, AS_OF);
    let before = held_with(dir, AS_OF, &FLAGSHIP_PARTNERS, Some("2017-01-01"), Some("2020-12-31"));
    let counts = FlagshipCounts {
        n: now.len(),
        m: before.len(),
        base: held_with(dir, AS_OF, &FLAGSHIP_PARTNERS, Some("2019-01-01"), Some("2020-12-31"))
            .len(),
        unoct: with(&now, "unoct"),
        unoct_conferences: with(&of_types(&now, &["conference"]), "unoct"),
        gbr: with(&now, "gbr"),
        phl: with(&now, "phl"),
        uncertain: uncertain(&now),
        single: single_source(&now),
        copies: only_copies(&now),
    };
    // The sentences below are written for this shape of the record.
    assert!(counts.n > counts.m && counts.m > counts.base && counts.base > 1);
    assert!(counts.unoct > counts.gbr && counts.gbr > counts.phl);
    assert!(counts.unoct_conferences > 1 && counts.unoct_conferences < counts.unoct);
    assert_eq!(with(&now, "rus"), counts.phl, "Philippines and Russia tie: both are named");
    assert_eq!(of_types(&now, &["mou", "agreement", "framework"]).len(), 1);
    assert_eq!(of_types(&now, &["working-group"]).len(), 3);
    assert!(counts.uncertain > 1 && counts.single > 1 && counts.copies > 1);
    counts
}

#[test]
fn the_flagship_findings_read_word_for_word_in_english() {
    let dir = tempdir();
    let c = flagship_counts(dir.path());
    let json =
        brief_json(dir.path(), &repo_file("briefs/bnpt-international-2021-2024.toml"), AS_OF);
    let texts: Vec<String> = findings(&json).into_iter().map(|(t, _)| t).collect();
    let expected = [
        // 2017–2020 lies half outside the record's coverage: the covered years just
        // before are the comparison, yearly.
        format!(
            "In 2021–2024, the record shows {} engagements held with the four partners this brief covers; the record being systematic \
             only for 2019–2025, the fair comparison is with 2019–2020, the two covered years just before, where it shows {} \
             engagements ({} a year, against {} a year in this period).",
            en(c.n),
            en(c.base),
            per_year(c.base, 24, "."),
            per_year(c.n, 48, "."),
        ),
        format!(
            "The UN Office of Counter-Terrorism was the most engaged partner, with {} of the {} \
             engagements ({}%, {} of them conferences); next came the United Kingdom ({}), then \
             the Philippines and Russia ({} each).",
            en(c.unoct),
            en(c.n),
            percent(c.unoct, c.n),
            en(c.unoct_conferences),
            c.gbr,
            en(c.phl)
        ),
        "One MoU was concluded: with the United Kingdom (7 April 2021).".to_owned(),
        // Each group's rounds together, the partners named once.
        "Three working-group rounds were held: the 1st with the United Kingdom (11 \
         November 2021); the 2nd (5–8 December 2023); and the 4th with the Philippines (24 \
         March 2022), following the 3rd of 5 September 2019."
            .to_owned(),
        // Dated after the period, the brief names what came after it.
        "After the period, to 31 December 2025, the end of the collected record, one more \
         engagement is on record: 3rd Indonesia–UK Joint Working Group on Counter-Terrorism \
         (20 January 2025)."
            .to_owned(),
        "The earliest engagements the record holds with the United Kingdom (7 April 2021) and \
         the UN Office of Counter-Terrorism (April 2022) fall in this period; earlier cooperation, \
         reported without a date or not at all, is not in the record."
            .to_owned(),
        format!(
            "Of the {} engagements, {} have a date known only to the month or year or qualified \
             by a note, and {} rest on a single source. {} are known only from third-party \
             copies of their publishers’ pages.",
            en(c.n),
            en(c.uncertain),
            en(c.single),
            capitalised(&en(c.copies))
        ),
    ];
    assert_eq!(texts, expected);
}

#[test]
fn the_flagship_findings_read_word_for_word_in_indonesian() {
    let dir = tempdir();
    let c = flagship_counts(dir.path());
    let json =
        brief_json(dir.path(), &repo_file("briefs/bnpt-international-2021-2024-id.toml"), AS_OF);
    let texts: Vec<String> = findings(&json).into_iter().map(|(t, _)| t).collect();
    let expected = [
        format!(
            "Selama 2021–2024 tercatat {} kegiatan terlaksana dengan empat mitra yang dicakup ringkasan ini; karena data dihimpun secara \
             sistematis hanya untuk 2019–2025, pembanding yang adil adalah 2019–2020, dua tahun sebelum periode ini, dan pada masa itu \
             tercatat {} kegiatan ({} per tahun, dibandingkan {} per tahun pada periode ini).",
            id(c.n),
            id(c.base),
            per_year(c.base, 24, ","),
            per_year(c.n, 48, ","),
        ),
        format!(
            "Mitra paling aktif adalah Kantor PBB Bidang Kontraterorisme, dengan {} dari {} \
             kegiatan ({}%, {} di antaranya konferensi), disusul Inggris ({}), lalu Filipina dan \
             Rusia (masing-masing {}).",
            id(c.unoct),
            id(c.n),
            percent(c.unoct, c.n),
            id(c.unoct_conferences),
            c.gbr,
            id(c.phl)
        ),
        "Satu nota kesepahaman ditandatangani, yaitu dengan Inggris (7 April 2021).".to_owned(),
        "Tiga pertemuan kelompok kerja terlaksana: pertemuan ke-1 dengan Inggris (11 November \
         2021); pertemuan ke-2 (5–8 Desember 2023); dan pertemuan ke-4 dengan Filipina (24 Maret \
         2022), setelah pertemuan ke-3 pada 5 September 2019."
            .to_owned(),
        "Sejak periode ini berakhir hingga batas data terhimpun (31 Desember 2025), \
         tercatat satu kegiatan lagi: Kelompok Kerja Bersama (JWG) ke-3 Indonesia–Inggris \
         tentang Penanggulangan Terorisme (20 Januari 2025)."
            .to_owned(),
        "Dalam basis data, kegiatan paling awal dengan Inggris (7 April 2021) dan Kantor PBB \
         Bidang Kontraterorisme (April 2022) berlangsung dalam periode ini; kerja sama sebelumnya \
         yang tidak diberitakan, atau diberitakan tanpa tanggal, tidak tercakup di dalamnya."
            .to_owned(),
        format!(
            "Dari {} kegiatan itu, {} tidak pasti tanggalnya (hanya diketahui bulan \
             atau tahunnya, atau tanggalnya disimpulkan atau berbeda antarsumber), {} hanya \
             didukung satu sumber, dan {} hanya bersumber dari salinan laman penerbitnya yang \
             dimuat ulang di situs lain.",
            id(c.n),
            id(c.uncertain),
            id(c.single),
            id(c.copies)
        ),
    ];
    assert_eq!(texts, expected);
}

#[test]
fn a_finding_cites_the_sources_of_the_engagements_it_names_and_every_cited_source_is_listed() {
    let dir = tempdir();
    let json =
        brief_json(dir.path(), &repo_file("briefs/bnpt-international-2021-2024.toml"), AS_OF);
    let found = findings(&json);
    let entry_refs = |id: &str| -> Vec<u64> {
        let events = sections(&json, "events")[0]["events"].as_array().unwrap();
        let entry = events.iter().find(|e| e["id"] == id).unwrap();
        entry["refs"].as_array().unwrap().iter().map(|r| r.as_u64().unwrap()).collect()
    };
    assert_eq!(found[2].1, entry_refs("2021-04-gbr-mou"), "the MoU finding cites the MoU");
    assert!(found[0].1.is_empty(), "a count over the period cites nothing");
    // Sources are numbered by first citation, and the list holds exactly what is cited.
    let listed: Vec<u64> =
        json["sources"].as_array().unwrap().iter().map(|s| s["number"].as_u64().unwrap()).collect();
    assert_eq!(listed, (1..=listed.len() as u64).collect::<Vec<_>>());
    assert_eq!(found[2].1[0], 1, "the first finding that cites gets source 1");
    let mut cited: Vec<u64> = Vec::new();
    collect_refs(&json["sections"], &mut cited);
    cited.sort_unstable();
    cited.dedup();
    assert_eq!(cited, listed);
}

/// Every number in a `refs` array anywhere under `value`.
fn collect_refs(value: &Value, out: &mut Vec<u64>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "refs" {
                    out.extend(v.as_array().unwrap().iter().map(|r| r.as_u64().unwrap()));
                } else {
                    collect_refs(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_monthly_compares_september_2022_with_august_and_a_year_before() {
    let dir = tempdir();
    let count = |from, to| held_with(dir.path(), AS_OF, &[], Some(from), Some(to)).len();
    let (september, august) =
        (count("2022-09-01", "2022-09-30"), count("2022-08-01", "2022-08-31"));
    let year_before = count("2021-09-01", "2021-09-30");
    let json = brief_json(dir.path(), &repo_file("briefs/monthly.toml"), "2022-10-01");
    let changes = sections(&json, "changes")[0];
    assert_eq!(
        changes["intro"],
        "This section compares the engagements held in September 2022 with August 2022, the period of the same length just before."
    );
    assert_eq!(changes["total"]["current"], september.to_string());
    assert_eq!(changes["total"]["previous"], august.to_string());
    let delta = september as i64 - august as i64;
    let signed = match delta {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("\u{2212}{}", -d),
        _ => "0".to_owned(),
    };
    assert_eq!(changes["total"]["delta"], signed);
    // The rows by type add up to the totals.
    let sum = |key: &str| -> usize {
        changes["by_type"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[key].as_str().unwrap().parse::<usize>().unwrap())
            .sum()
    };
    assert_eq!((sum("current"), sum("previous")), (september, august));

    let spec = std::fs::read_to_string(repo().join("briefs/monthly.toml"))
        .unwrap()
        .replace("kind = \"changes\"", "kind = \"changes\"\ncompare = \"previous-year\"");
    let spec = write(dir.path(), "monthly-yoy.toml", &spec);
    let json = brief_json(dir.path(), &spec, "2022-10-01");
    let changes = sections(&json, "changes")[0];
    assert_eq!(
        changes["intro"],
        "This section compares the engagements held in September 2022 with September 2021, the same period a year earlier."
    );
    assert_eq!(changes["total"]["previous"], year_before.to_string());
}

#[test]
fn changes_name_new_partners_and_partners_gone_quiet() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "c.toml",
        "title = \"C\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"changes\"\n\
         compare = { from = 2021-01-01, to = 2021-12-31 }\n",
    );
    let json = brief_json(dir.path(), &spec, AS_OF);
    let changes = sections(&json, "changes")[0];
    let notes: Vec<&str> =
        changes["points"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap()).collect();
    let now = held_with(dir.path(), AS_OF, &[], Some("2022-01-01"), Some("2022-12-31"));
    let before = held_with(dir.path(), AS_OF, &[], Some("2021-01-01"), Some("2021-12-31"));
    // The United States signed in 2021 and is not in the 2022 record; Belgium first
    // appears in 2022.
    assert!(with(&before, "usa") > 0 && with(&now, "usa") == 0);
    assert!(
        with(&now, "bel") > 0
            && with(&held_with(dir.path(), AS_OF, &["bel"], None, Some("2021")), "bel") == 0
    );
    let quiet = notes.iter().find(|n| n.starts_with("No engagement this period with")).unwrap();
    assert!(quiet.contains("the United States") && quiet.ends_with(", active in 2021."), "{quiet}");
    // Listed by the date of that first engagement: UNOCT's of April 2022 comes first.
    let first = notes.iter().find(|n| n.starts_with("First engagements on record: with")).unwrap();
    assert!(first.starts_with("First engagements on record: with the UN Office of"), "{first}");
    assert_eq!(changes["intro"], "This section compares the engagements held in 2022 with 2021.");
}

#[test]
fn the_summary_comes_first_wherever_the_spec_puts_it() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"key-figures\"\n\
         [[sections]]\nkind = \"outlook\"\nbody = \"Watch the *next round*.\"\n\
         [[sections]]\nkind = \"summary\"\nbody = \"The bottom line.\"\n",
    );
    let json = brief_json(dir.path(), &spec, AS_OF);
    let kinds: Vec<&str> =
        json["sections"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["summary", "key-figures", "outlook"]);
    let text = pdf_text(&dir.path().join("b.pdf"));
    let (summary, figures) =
        (text.find("The bottom line.").unwrap(), text.find("Key figures").unwrap());
    assert!(
        summary < figures && text.contains("Outlook") && text.contains("Watch the next round.")
    );
}

#[test]
fn an_executive_brief_over_all_the_data_fits_two_pages_opens_with_findings_and_cites() {
    let dir = tempdir();
    let all = held_with(dir.path(), AS_OF, &[], Some("2015-01-01"), Some("2025-12-31"));
    let spec = write(
        dir.path(),
        "exec.toml",
        "title = \"All\"\naudience = \"executive\"\n[period]\nfrom = 2015\nto = 2025\n\
         [[sections]]\nkind = \"key-figures\"\n[[sections]]\nkind = \"events\"\n\
         [[sections]]\nkind = \"findings\"\n[[sections]]\nkind = \"sources\"\n",
    );
    let json = brief_json(dir.path(), &spec, AS_OF);
    let pdf = dir.path().join("b.pdf");
    assert!(pdf_pages(&pdf) <= 2);
    let kinds: Vec<&str> =
        json["sections"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["findings", "key-figures", "events", "sources"]);
    let events = sections(&json, "events")[0];
    let shown = events["highlights"].as_array().unwrap().len();
    let every = events["events"].as_array().unwrap().len();
    assert_eq!(every, shown, "an executive brief lists only what it shows");
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    // Every engagement listed, held or not: the brief counts what it could show.
    let args = ["events", "--as-of", AS_OF, "--format", "json", "--from", "2015-01-01", "--to"];
    let run = brief(dir.path(), &[&args[..], &["2025-12-31"]].concat()).expect(0);
    let all_listed = serde_json::from_str::<Value>(&run.stdout).unwrap().as_array().unwrap().len();
    assert!(all_listed >= all.len());
    let note = format!("{shown} of {all_listed} engagements shown; the full brief lists all.");
    assert!(text.contains(&note), "{text}");
    assert!(text.find("Key findings").unwrap() < text.find("Key figures").unwrap());
    assert!(text.contains("Sources") && text.contains("[1]"), "{text}");
}

#[test]
fn an_executive_brief_whose_sections_cannot_fit_fails_and_names_the_spec() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "many.toml",
        "title = \"All\"\naudience = \"executive\"\n[period]\nfrom = 2015\nto = 2025\n\
         [[sections]]\nkind = \"timeline\"\n[[sections]]\nkind = \"partners\"\n\
         [[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"sources\"\n\
         [[sections]]\nkind = \"assessment\"\nbody = \"#lorem(1500)\"\n",
    );
    let run = brief(dir.path(), &["generate", &spec, "--as-of", AS_OF]).expect(1);
    assert!(run.stderr.contains("could not render"), "{}", run.stderr);
    assert!(run.stderr.contains("many.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("does not fit on two pages"), "{}", run.stderr);
    assert!(!dir.path().join("many.pdf").exists());
}

#[test]
fn the_uk_brief_carries_its_title_in_each_language_into_metadata_and_header() {
    let dir = tempdir();
    brief(
        dir.path(),
        &["generate", &repo_file("briefs/uk-2021-2024.toml"), "--as-of", AS_OF, "-o", "."],
    )
    .expect(0);
    for (language, title, heading) in [
        ("en", "Indonesia–United Kingdom Counter-Terrorism Cooperation 2021–2024", "Key findings"),
        ("id", "Kerja Sama Penanggulangan Terorisme Indonesia–Inggris 2021–2024", "Temuan utama"),
    ] {
        let pdf = dir.path().join(format!("uk-2021-2024-{language}.pdf"));
        let info = pdf_info(&pdf);
        assert!(info.contains(&format!("Title:           {title}")), "{info}");
        let text = pdf_text(&pdf);
        let pages = pdf_page_texts(&pdf);
        assert!(pages.len() > 1);
        for page in &pages {
            assert!(page.contains(title), "the running header names the brief: {page}");
        }
        assert!(text.contains(heading));
    }
}

#[test]
fn analyst_sections_need_a_body_and_only_changes_compare() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "bad.toml",
        "title = \"B\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"assessment\"\n\
         [[sections]]\nkind = \"events\"\ncompare = \"previous-year\"\n\
         [[sections]]\nkind = \"changes\"\ncompare = \"last-week\"\n",
    );
    let run = brief(dir.path(), &["check", &spec]).expect(2);
    assert!(run.stderr.contains("a section of kind `assessment` needs a `body`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("only `changes` sections have a `compare`, not `events`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("unknown `compare` value `last-week`"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.toml:12:11"), "{}", run.stderr);
}

#[test]
fn a_partner_s_history_cites_each_engagement_it_names_with_sources_public_by_the_brief_s_date() {
    let dir = tempdir();
    let flagship = repo_file("briefs/bnpt-international-2021-2024.toml");
    let json = brief_json(dir.path(), &flagship, "2025-02-15");
    let profiles = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "partners")
        .expect("a partners section")["profiles"]
        .clone();
    let uk = profiles.as_array().unwrap().iter().find(|p| p["id"] == "gbr").expect("the UK");
    let history = uk["history"].as_array().unwrap();
    let rounds = history
        .iter()
        .find(|line| line["text"].as_str().unwrap().starts_with("Numbered rounds on record: three"))
        .unwrap_or_else(|| panic!("{history:?}"));
    assert!(rounds["text"].as_str().unwrap().contains("(20 January 2025)"), "{rounds}");
    let sources = json["sources"].as_array().unwrap();
    for line in history {
        let refs = line["refs"].as_array().unwrap();
        assert!(!refs.is_empty(), "an uncited line: {line}");
        for number in refs {
            let source = sources.iter().find(|s| s["number"] == *number).expect("a listed source");
            let published = source["published_iso"].as_str().unwrap();
            assert!(published.is_empty() || published <= "2025-02-15", "{source}");
        }
    }
}

#[test]
fn an_instrument_that_is_no_mou_is_named_by_its_title_and_asean_s_group_as_its_own() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "y.toml",
        &(small_spec("2022", "") + "[[sections]]\nkind = \"findings\"\n"),
    );
    let texts: Vec<String> =
        findings(&brief_json(dir.path(), &spec, AS_OF)).into_iter().map(|(t, _)| t).collect();
    // The BKA joint statement is an `agreement`: not an MoU "with Germany".
    let agreements = texts.iter().find(|t| t.contains("concluded")).unwrap();
    assert!(
        agreements.starts_with("Three MoUs were concluded: with Belgium (9 June 2022), Canada"),
        "{agreements}"
    );
    assert!(
        agreements.ends_with(
            "One other instrument was concluded: BNPT–BKA joint statement on research \
             cooperation (5 September 2022)."
        ),
        "{agreements}"
    );
    // BNPT chaired a meeting of ASEAN's own working group: no round "with ASEAN".
    let rounds = texts.iter().find(|t| t.contains("working-group rounds")).unwrap();
    assert!(rounds.contains("the 18th meeting of ASEAN’s working group (7 July 2022)"), "{rounds}");
    assert!(!rounds.contains("with ASEAN"), "{rounds}");
}

#[test]
fn the_abbreviations_are_those_the_pages_print() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let spec = repo_file("briefs/public-release-2022.toml");
    brief(dir.path(), &["generate", &spec, "--as-of", AS_OF, "-o", "out"]).expect(0);
    let text = pdf_text(&dir.path().join("out/public-2022-en.pdf"));
    let abbreviations =
        text.split("Abbreviations").nth(1).unwrap().split("Sources").next().unwrap();
    // The summary and the list both print SOMTC: it is explained.
    assert!(abbreviations.contains("SOMTC"), "{abbreviations}");
    // The table prints titles only: the NCTV of an engagement's summary, in the data but
    // on no page, is not explained.
    assert!(!text.contains("NCTV"), "{text}");
    let data = std::fs::read_to_string(repo_file("data/events.toml")).unwrap();
    assert!(data.contains("the Dutch NCTV discussed"), "the summary the table leaves out");
}

#[test]
fn a_comparison_the_record_cannot_make_fairly_sets_no_counts_side_by_side() {
    let dir = tempdir();
    // The flagship's scope with a changes section (the example leaves it out for that
    // reason).
    let flagship = std::fs::read_to_string(repo_file("briefs/bnpt-international-2021-2024.toml"))
        .unwrap()
        + "\n[[sections]]\nkind = \"changes\"\n";
    let spec = write(dir.path(), "flagship.toml", &flagship);
    let json = brief_json(dir.path(), &spec, AS_OF);
    let changes = sections(&json, "changes")[0];
    // 2017–2020 lies half before the record's systematic coverage.
    assert!(changes["summary"].as_str().unwrap().contains("no fair comparison"), "{changes}");
    assert_eq!(changes["total"]["delta"], "", "{changes}");
    assert_eq!(changes["by_type"], serde_json::json!([]), "{changes}");
    assert_eq!(changes["by_partner"], serde_json::json!([]), "{changes}");
    // Nor are partners called new against it: the findings name the earliest engagements.
    let points = changes["points"].to_string();
    assert!(!points.contains("First engagements on record"), "{points}");
    assert!(points.contains("New MoUs and other instruments"), "{points}");
}

#[test]
fn a_month_of_two_engagements_against_one_gets_no_tables_only_its_sentence() {
    let dir = tempdir();
    let json = brief_json(dir.path(), &repo_file("briefs/monthly.toml"), "2023-06-01");
    let changes = sections(&json, "changes")[0];
    assert_eq!(changes["total"]["current"], "2", "{changes}");
    assert_eq!(changes["total"]["previous"], "1", "{changes}");
    assert_eq!(changes["by_type"], serde_json::json!([]), "{changes}");
    assert_eq!(changes["by_partner"], serde_json::json!([]), "{changes}");
    assert!(
        changes["summary"].as_str().unwrap().contains("two engagements held, against one (+1)"),
        "{changes}"
    );
}
