//! Validated export: `--pdf-standard` and the spec's `pdf_standard` (PDF/A-2b, PDF/A-3b,
//! PDF/UA-1), the identification they leave in the XMP, and the errors of a template
//! that breaks a rule.

use std::path::Path;
use std::process::Command;

use super::harness::{
    brief, brief_json, files_in, flagship_held, pdf_text, qpdf_check, repo_file, small_spec,
    tempdir, write,
};

/// The PDF's XMP identification entries (`pdfaid:part>2`, `pdfuaid:part>1`…), read from
/// the uncompressed file that qpdf writes.
fn identification(pdf: &Path) -> Vec<String> {
    let output = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("qpdf is needed for the tests");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut found: Vec<String> = text
        .split('<')
        .filter(|tag| tag.starts_with("pdfaid:") || tag.starts_with("pdfuaid:"))
        .filter(|tag| !tag.ends_with('>'))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_example_brief_exports_as_pdf_a_2b_and_pdf_ua_1() {
    let dir = tempdir();
    let briefs = repo_file("briefs");
    brief(
        dir.path(),
        &[
            "generate",
            &briefs,
            "-o",
            "out/",
            "--as-of",
            "2026-11-22",
            "--pdf-standard",
            "a-2b",
            "--pdf-standard",
            "UA-1",
        ],
    )
    .expect(0);
    let pdfs = files_in(&dir.path().join("out"));
    assert!(pdfs.len() >= 9, "{pdfs:?}");
    for pdf in &pdfs {
        let path = dir.path().join("out").join(pdf);
        assert_eq!(
            identification(&path),
            ["pdfaid:conformance>B", "pdfaid:part>2", "pdfuaid:part>1"],
            "{pdf}"
        );
        qpdf_check(&path);
    }
}

#[test]
fn a_spec_names_its_standard_and_the_command_line_overrides_it() {
    let dir = tempdir();
    write(dir.path(), "a3.toml", &small_spec("Archive", "pdf_standard = \"a-3b\""));
    brief(dir.path(), &["generate", "a3.toml", "--as-of", "2026-11-22"]).expect(0);
    assert_eq!(
        identification(&dir.path().join("a3.pdf")),
        ["pdfaid:conformance>B", "pdfaid:part>3"]
    );
    brief(dir.path(), &["generate", "a3.toml", "--as-of", "2026-11-22", "--pdf-standard", "ua-1"])
        .expect(0);
    assert_eq!(identification(&dir.path().join("a3.pdf")), ["pdfuaid:part>1"]);
    write(dir.path(), "plain.toml", &small_spec("Plain", ""));
    brief(dir.path(), &["generate", "plain.toml", "--as-of", "2026-11-22"]).expect(0);
    assert!(identification(&dir.path().join("plain.pdf")).is_empty());
}

#[test]
fn a_template_that_breaks_pdf_ua_1_fails_with_the_rule_and_its_place() {
    let dir = tempdir();
    write(
        dir.path(),
        "t/dot.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>"#,
    );
    write(
        dir.path(),
        "t/plain.typ",
        "#let data = json(\"/brief.json\")\n#set document(title: data.meta.title)\n\
         #set text(font: \"Inter\")\n= Logo\n#image(\"dot.svg\", width: 1cm)\n",
    );
    write(
        dir.path(),
        "logo.toml",
        &small_spec("Logo", "template = \"t/plain.typ\"\npdf_standard = \"ua-1\""),
    );
    let run = brief(dir.path(), &["generate", "logo.toml", "--as-of", "2026-11-22"]).expect(1);
    assert!(run.stderr.contains("error: PDF/UA-1 error: missing alt text"), "{}", run.stderr);
    assert!(run.stderr.contains("t/plain.typ:5:1"), "{}", run.stderr);
    assert!(!dir.path().join("logo.pdf").exists(), "nothing half-written is left");
    // Without the standard the same template renders.
    write(dir.path(), "logo.toml", &small_spec("Logo", "template = \"t/plain.typ\""));
    brief(dir.path(), &["generate", "logo.toml", "--as-of", "2026-11-22"]).expect(0);
}

#[test]
fn unknown_or_incompatible_standards_are_refused_before_rendering() {
    let dir = tempdir();
    write(dir.path(), "typo.toml", &small_spec("Typo", "pdf_standard = [\"a-2b\", \"ua-2\"]"));
    let run = brief(dir.path(), &["check", "typo.toml"]).expect(2);
    assert!(run.stderr.contains("error: unknown PDF standard `ua-2`"), "{}", run.stderr);
    assert!(run.stderr.contains("typo.toml:2:25"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `ua-1`?"), "{}", run.stderr);
    write(dir.path(), "two.toml", &small_spec("Two", "pdf_standard = [\"a-2b\", \"a-3b\"]"));
    let run = brief(dir.path(), &["generate", "two.toml"]).expect(2);
    assert!(
        run.stderr.contains("the PDF standards a-2b and a-3b cannot be combined"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("two.toml:2:1"), "{}", run.stderr);
    assert!(!dir.path().join("two.pdf").exists());
    let run = brief(
        dir.path(),
        &["generate", "two.toml", "--pdf-standard", "a-2b", "--pdf-standard", "a-3b"],
    )
    .expect(2);
    assert!(run.stderr.contains("--pdf-standard: the PDF standards"), "{}", run.stderr);
    write(dir.path(), "twice.toml", &small_spec("Twice", "pdf_standard = [\"ua-1\", \"ua-1\"]"));
    let run = brief(dir.path(), &["check", "twice.toml"]).expect(2);
    assert!(run.stderr.contains("`ua-1` is listed twice"), "{}", run.stderr);
}

/// The uncompressed text of a PDF, where its structure tree can be read.
fn uncompressed(pdf: &Path) -> String {
    let output = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("qpdf is needed for the tests");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn charts_carry_alternative_text_in_the_brief_s_language_and_event_titles_are_headings() {
    let dir = tempdir();
    for spec in ["bnpt-international-2021-2024.toml", "bnpt-international-2021-2024-id.toml"] {
        let spec = repo_file(&format!("briefs/{spec}"));
        brief(dir.path(), &["generate", &spec, "-o", "out/", "--as-of", "2026-11-22"]).expect(0);
    }
    // The counts, from the dataset: the flagship's four partners in 2021–2024.
    let held = flagship_held(dir.path(), "2026-11-22");
    let with = |id: &str| {
        held.iter().filter(|e| e["partners"].as_array().unwrap().iter().any(|p| p == id)).count()
    };
    let in_year =
        |year: &str| held.iter().filter(|e| e["date"].as_str().unwrap().starts_with(year)).count();
    let (unoct, gbr, phl, rus) = (with("unoct"), with("gbr"), with("phl"), with("rus"));
    let en = uncompressed(&dir.path().join("out/bnpt-international-2021-2024.pdf"));
    for alt in [
        format!(
            "/Alt (Timeline of engagements, one lane per partner, with the number in each lane: \
             UNOCT {unoct}, United Kingdom {gbr}, Philippines {phl}, Russia {rus}.)"
        ),
        format!(
            "/Alt (By partner: UNOCT {unoct}, United Kingdom {gbr}, Philippines {phl}, Russia {rus}.)"
        ),
        format!(
            "/Alt (By year: 2021 {}, 2022 {}, 2023 {}, 2024 {}.)",
            in_year("2021"),
            in_year("2022"),
            in_year("2023"),
            in_year("2024")
        ),
    ] {
        assert!(en.contains(&alt), "no `{alt}` in the structure tree");
    }
    let id = uncompressed(&dir.path().join("out/bnpt-international-2021-2024-id.pdf"));
    assert!(id.contains("/Alt (Lini masa kegiatan, satu lajur per mitra"), "Indonesian alt text");
    assert!(id.contains(&format!(
        "/Alt (Menurut mitra: UNOCT {unoct}, Inggris {gbr}, Filipina {phl}, Rusia {rus}.)"
    )));
    // One second-level heading per engagement entry, none of them in the table of
    // contents.
    for text in [&en, &id] {
        assert_eq!(text.matches("/S /H2").count(), held.len());
        assert_eq!(text.matches("/S /TOCI").count(), text.matches("/S /H1").count() - 1);
    }
}

#[test]
fn every_chart_of_a_brief_groups_the_same_other_partners() {
    let dir = tempdir();
    // Every partner of 2022: more than a chart draws on its own.
    write(dir.path(), "year.toml", &small_spec("The year 2022", "audience = \"public\""));
    let json = brief_json(dir.path(), "year.toml", "2026-11-22");
    let section = |kind: &str| {
        json["sections"].as_array().unwrap().iter().find(|s| s["kind"] == kind).unwrap().clone()
    };
    let bars = section("key-figures")["by_partner"].as_array().unwrap().clone();
    let lanes = section("timeline")["lanes"].as_array().unwrap().clone();
    // The bar and the lane say how many partners they stand for.
    let other = "10 other partners";
    let other_bar = bars.iter().find(|b| b["label"] == other).expect("an other bar");
    let other_lane = lanes.iter().find(|l| l["label"] == other).expect("an other lane");
    assert_eq!(other_bar["value"], other_lane["count"]);
    let names = |list: &[serde_json::Value], key: &str| -> Vec<String> {
        let mut names: Vec<String> = list.iter().map(|x| x[key].as_str().unwrap().into()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&bars, "label"), names(&lanes, "label"));
    assert!(bars.len() <= 8 && lanes.len() <= 8, "{bars:?}");
    // The reader is told who "other partners" are: none of them has a bar of its own.
    let others = section("key-figures")["others"].as_str().unwrap().to_owned();
    let listed = others.strip_prefix("Other partners: ").expect("a sentence naming them");
    assert!(listed.contains("Egypt") && listed.ends_with("Viet Nam."), "{others}");
    assert_eq!(listed.split([',']).count() + listed.matches(" and ").count(), 10, "{others}");
    for bar in names(&bars, "label") {
        assert!(!listed.contains(&bar), "{bar} has a bar and is listed among the others");
    }
    // brief_json wrote the PDF beside the data.
    assert!(pdf_text(&dir.path().join("b.pdf")).contains(&others), "{others}");
}
