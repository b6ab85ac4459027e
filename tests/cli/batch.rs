//! Unattended runs: relative periods, batches of specs, the run report.

use super::harness::*;

#[test]
fn the_monthly_brief_covers_the_previous_month() {
    let dir = tempdir();
    let reports = format!("{}/", dir.path().join("reports").display());
    let run_json = dir.path().join("reports/run.json").display().to_string();
    // Exactly the command of the README's crontab line and systemd service, on
    // 1 October 2022 (00:00 UTC) as the job's clock would give it.
    let spec = repo_file("briefs/monthly.toml");
    let command = ["generate", &spec, "-o", &reports, "--quiet", "--report", &run_json];
    let run = brief_env(dir.path(), &command, &[("SOURCE_DATE_EPOCH", "1664582400")]).expect(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let pdf = dir.path().join("reports/monthly-2022-09-en.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("September 2022"), "{text}");
    assert!(text.contains("Vladimir Voronkov"), "the Voronkov meeting is missing");
    assert!(!text.contains("Elizabeth Truss"), "the 2021 Truss JWG leaked in");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&run_json).unwrap()).unwrap();
    assert_eq!(report["written"], 1);
    assert_eq!(report["as_of"], "2022-10-01");
    // The same command with --as-of gives the same bytes.
    let again = dir.path().join("again.pdf").display().to_string();
    brief(dir.path(), &["generate", &spec, "-o", &again, "--as-of", "2022-10-01"]).expect(0);
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn a_batch_with_a_broken_spec_renders_the_others_and_reports_it() {
    let dir = tempdir();
    let specs = dir.path().join("specs");
    write(&specs, "a.toml", "title = \"A\"\n[period]\nfrom = 2022\nto = 2022\n");
    write(
        &specs,
        "b.toml",
        "title = \"B\"\n[period]\nfrom = 2022\nto = 2022\n[filter]\npartners = [\"Narnia\"]\n",
    );
    write(&specs, "c.toml", "title = \"C\"\nlanguage = \"id\"\n[period]\nfrom = 2023\nto = 2023\n");
    let out = dir.path().join("out");
    let existing = write(&out, "b.pdf", "last month's brief");
    let run = brief(
        dir.path(),
        &[
            "generate",
            &specs.display().to_string(),
            "-o",
            &out.display().to_string(),
            "--report",
            "report.json",
        ],
    )
    .expect(1);
    assert!(run.stderr.contains("unknown partner `Narnia`"), "{}", run.stderr);
    assert!(run.stderr.contains("2 of 3 outputs done, 1 failed"), "{}", run.stderr);
    assert_eq!(files_in(&out), ["a.pdf", "b.pdf", "c.pdf"]);
    assert_eq!(std::fs::read_to_string(existing).unwrap(), "last month's brief");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    let outputs = report["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 3);
    let failed = outputs.iter().find(|o| o["spec"].as_str().unwrap().ends_with("b.toml")).unwrap();
    assert_eq!(failed["status"], "invalid");
    assert!(failed["error"].as_str().unwrap().contains("b.toml:6:"), "{failed}");
    let written = outputs.iter().find(|o| o["spec"].as_str().unwrap().ends_with("a.toml")).unwrap();
    assert_eq!(written["status"], "written");
    assert!(written["pages"].as_u64().unwrap() >= 1);
    assert!(written["bytes"].as_u64().unwrap() > 10_000);
    assert!(written["events"].as_u64().unwrap() > 10);
    assert!(written["milliseconds"].is_u64());
}

#[test]
fn two_outputs_on_one_path_are_refused_before_rendering() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "v.toml",
        "title = { en = \"V\", id = \"V\" }\noutput = \"same.pdf\"\n[period]\nfrom = 2022\nto = 2022\n[[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n",
    );
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.contains("two outputs would be written to"), "{}", run.stderr);
    assert_eq!(files_in(dir.path()), ["v.toml"]);
}

#[test]
fn relative_periods_are_named_in_words() {
    let dir = tempdir();
    for (relative, as_of, words) in [
        ("previous-quarter", "2022-11-15", "Q3 2022"),
        ("previous-year", "2023-03-01", "2022"),
        ("year-to-date", "2022-03-05", "1 January – 5 March 2022"),
    ] {
        let spec = write(
            dir.path(),
            "r.toml",
            &format!(
                "title = \"R\"\n[period]\nrelative = \"{relative}\"\n[[sections]]\nkind = \"methodology\"\n"
            ),
        );
        brief(dir.path(), &["generate", &spec, "--as-of", as_of]).expect(0);
        let text = pdf_text(&dir.path().join("r.pdf"));
        assert!(text.contains(words), "{relative}: no `{words}` in\n{text}");
    }
}

#[test]
fn check_compiles_and_writes_nothing() {
    let dir = tempdir();
    let run = brief(dir.path(), &["check", &repo_file("briefs")]).expect(0);
    assert!(run.stderr.contains("checked"), "{}", run.stderr);
    assert!(files_in(dir.path()).is_empty());
}
