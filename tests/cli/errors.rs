//! Bad input: precise messages with file:line:column and a suggestion, exit code 2, and
//! nothing half-written; broken templates: Typst's diagnostics and exit code 1.

use super::harness::*;

const GOOD: &str = "title = \"T\"\n[period]\nfrom = 2022-01-01\nto = 2022-12-31\n";

#[test]
fn an_unknown_partner_exits_2_with_file_line_and_a_suggestion() {
    let dir = tempdir();
    write(
        dir.path(),
        "bad.toml",
        &format!("{GOOD}[filter]\npartners = [\"UNOCT\", \"Inggriss\"]\n"),
    );
    brief(dir.path(), &["generate", "bad.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: unknown partner `Inggriss`
  ┌─ bad.toml:6:22
  │
6 │ partners = ["UNOCT", "Inggriss"]
  │                      ^^^^^^^^^^
  │
  = hint: did you mean `Inggris` (United Kingdom)?
"#,
    );
    assert_eq!(files_in(dir.path()), ["bad.toml"], "something was written");
}

#[test]
fn an_unknown_key_names_the_nearest_key() {
    let dir = tempdir();
    write(
        dir.path(),
        "bad.toml",
        &format!("{GOOD}[[sections]]\nkind = \"events\"\ntitel = \"x\"\n"),
    );
    brief(dir.path(), &["generate", "bad.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: invalid spec: unknown field `titel`, expected one of `kind`, `title`, `filter`, `on_empty`, `body`, `detail`, `compare`, `written`
  ┌─ bad.toml:7:1
  │
7 │ titel = "x"
  │ ^^^^^
  │
  = hint: did you mean `title`?
"#,
    );
}

#[test]
fn a_value_of_the_wrong_shape_gets_the_shape_to_write() {
    let dir = tempdir();
    for (spec, place, message, hint) in [
        (
            "title = \"T\"\nperiod = \"previous-month\"\n",
            "bad.toml:2:10",
            "invalid type: string \"previous-month\", expected a table",
            "write `period = { relative = \"previous-month\" }`",
        ),
        (
            "title = \"T\"\n[period]\nrelative = \"previous-month\"\n[filter]\npartners = \"gbr\"\n",
            "bad.toml:5:12",
            "expected an array",
            "`partners = [\"gbr\"]`",
        ),
        (
            "title = \"T\"\n[period]\nrelative = \"previous-month\"\n[sections]\nkind = \"events\"\n",
            "bad.toml:4:1",
            "invalid type: table, expected an array",
            "write `[[sections]]` with two brackets",
        ),
        (
            "title = \"T\"\n[period]\nrelative = \"previous-month\"\ndata = [\"x.csv\"]\n",
            "bad.toml:4:1",
            "unknown field `data`",
            "`data` belongs at the top of the spec",
        ),
    ] {
        write(dir.path(), "bad.toml", spec);
        let run = brief(dir.path(), &["check", "bad.toml"]).expect(2);
        for expected in [place, message, hint] {
            assert!(run.stderr.contains(expected), "lacks `{expected}`:\n{}", run.stderr);
        }
        assert!(!run.stderr.contains("struct Raw"), "{}", run.stderr);
    }
}

#[test]
fn an_error_shared_by_every_variant_is_reported_once() {
    let dir = tempdir();
    let spec = format!(
        "output = \"{{lang}}.pdf\"\n{GOOD}[[variants]]\nlanguage = \"en\"\n[[variants]]\naudience = \"executive\"\n"
    );
    write(dir.path(), "bad.toml", &spec);
    let run = brief(dir.path(), &["check", "bad.toml"]).expect(2);
    assert_eq!(run.stderr.matches("unknown placeholder `{lang}`").count(), 1, "{}", run.stderr);
}

#[test]
fn several_errors_in_one_spec_are_reported_together() {
    let dir = tempdir();
    write(
        dir.path(),
        "bad.toml",
        "title = \"T\"\nlanguage = \"english\"\nmarking = \"TLP:AMBR\"\n[period]\nfrom = 2022-01-01\nto = \"2022-13\"\n\
         [[sections]]\nkind = \"timelines\"\n[filter]\ntypes = [\"mou\", \"jwg\"]\n",
    );
    brief(dir.path(), &["check", "bad.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: unknown language `english`
  ┌─ bad.toml:2:12
  │
2 │ language = "english"
  │            ^^^^^^^^^
  │
  = hint: did you mean `en`?

error: unknown marking `TLP:AMBR`
  ┌─ bad.toml:3:11
  │
3 │ marking = "TLP:AMBR"
  │           ^^^^^^^^^^
  │
  = hint: did you mean `TLP:AMBER`?

error: invalid `to` date: `2022-13` has no month 13; months run 01 to 12
  ┌─ bad.toml:6:6
  │
6 │ to = "2022-13"
  │      ^^^^^^^^^
  │
  = hint: write a day (2021-01-01), a month ("2021-01") or a year (2021)

error: unknown event type `jwg`
   ┌─ bad.toml:10:17
   │
10 │ types = ["mou", "jwg"]
   │                 ^^^^^
   │
   = hint: expected one of `mou`, `agreement`, `working-group`, `consultation`, `meeting`, `courtesy-call`, `visit`, `conference`, `training`, `seminar`, `framework`, `programme`

error: unknown section kind `timelines`
  ┌─ bad.toml:8:8
  │
8 │ kind = "timelines"
  │        ^^^^^^^^^^^
  │
  = hint: did you mean `timeline`?
"#,
    );
}

#[test]
fn a_period_from_after_to_is_an_error() {
    let dir = tempdir();
    write(dir.path(), "bad.toml", "title = \"T\"\n[period]\nfrom = 2024-01-01\nto = 2021-01-01\n");
    brief(dir.path(), &["generate", "bad.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: the period starts (2024-01-01) after it ends (2021-01-01)
  ┌─ bad.toml:3:8
  │
3 │   from = 2024-01-01
  │ ╭────────^
4 │ │ to = 2021-01-01
  │ ╰───────────────^
  │
  = hint: swap `from` and `to`
"#,
    );
}

#[test]
fn a_toml_syntax_error_names_its_place() {
    let dir = tempdir();
    write(dir.path(), "bad.toml", "title = \"T\n[period]\n");
    brief(dir.path(), &["generate", "bad.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: invalid spec: invalid basic string, expected `"`
  ┌─ bad.toml:1:11
  │
1 │ title = "T
  │           ^
"#,
    );
}

#[test]
fn a_failed_run_leaves_an_existing_output_untouched() {
    let dir = tempdir();
    let existing = write(dir.path(), "bad.pdf", "previous brief");
    let spec =
        write(dir.path(), "bad.toml", &format!("{GOOD}[filter]\npartners = [\"Atlantis\"]\n"));
    brief(dir.path(), &["generate", &spec]).expect(2);
    assert_eq!(std::fs::read_to_string(existing).unwrap(), "previous brief");
    assert_eq!(files_in(dir.path()), ["bad.pdf", "bad.toml"]);
}

#[test]
fn a_missing_spec_is_an_argument_error() {
    let dir = tempdir();
    brief(dir.path(), &["generate", "nowhere.toml"]).expect(2).expect_stderr(
        dir.path(),
        "error: spec `nowhere.toml` does not exist
 = hint: give a spec file, a folder of *.toml specs, or `-` for standard input
",
    );
    brief(dir.path(), &["generate", "x.toml", "--as-of", "2022-02-30"]).expect(2).expect_stderr(
        dir.path(),
        "error: invalid value '2022-02-30' for '--as-of <DATE>': `2022-02-30` is not a date; write it as YYYY-MM-DD, e.g. 2024-06-30

For more information, try '--help'.
",
    );
    // A two-digit year is not quietly the year 22.
    brief(dir.path(), &["generate", "x.toml", "--as-of", "22-01-01"]).expect(2).expect_stderr(
        dir.path(),
        "error: invalid value '22-01-01' for '--as-of <DATE>': `22-01-01` is not a date; write it as YYYY-MM-DD, e.g. 2024-06-30

For more information, try '--help'.
",
    );
}

#[test]
fn unreadable_spec_files_exit_2_with_the_reason() {
    let dir = tempdir();
    // Too large: refused from its size alone (a sparse file, so no disk is used).
    let huge = std::fs::File::create(dir.path().join("huge.toml")).unwrap();
    huge.set_len(17 * 1024 * 1024).unwrap();
    let run = brief(dir.path(), &["check", "huge.toml"]).expect(2);
    assert!(
        run.stderr.contains("cannot read spec `huge.toml` (17 MiB or more; the limit is 16 MiB)"),
        "{}",
        run.stderr
    );
    std::fs::write(dir.path().join("latin1.toml"), b"title = \"Caf\xe9\"\n").unwrap();
    let run = brief(dir.path(), &["check", "latin1.toml"]).expect(2);
    assert!(run.stderr.contains("the file must be UTF-8 text"), "{}", run.stderr);
    // A byte-order mark, as some Windows editors write, is fine.
    write(dir.path(), "bom.toml", &format!("\u{feff}{GOOD}"));
    brief(dir.path(), &["check", "bom.toml", "--as-of", "2026-11-22"]).expect(0);
}

#[test]
fn closed_output_streams_do_not_turn_exit_codes_into_panics() {
    let dir = tempdir();
    write(dir.path(), "good.toml", GOOD);
    write(dir.path(), "t/brief.typ", "#panic(\"broken\")\n");
    write(dir.path(), "broken.toml", &format!("templates = \"t\"\n{GOOD}"));
    let as_of = ["--as-of", "2026-11-22"];
    assert_eq!(
        brief_into_closed_pipes(dir.path(), &[&["generate", "good.toml"][..], &as_of].concat()),
        0
    );
    assert!(dir.path().join("good.pdf").exists());
    assert_eq!(
        brief_into_closed_pipes(dir.path(), &[&["generate", "broken.toml"][..], &as_of].concat()),
        1
    );
    assert!(!dir.path().join("broken.pdf").exists());
    assert_eq!(brief_into_closed_pipes(dir.path(), &["check", "nowhere.toml"]), 2);
    assert_eq!(brief_into_closed_pipes(dir.path(), &["templates", "list"]), 0);
    assert_eq!(brief_into_closed_pipes(dir.path(), &["events"]), 0);
}

#[test]
fn a_text_body_that_fails_when_run_names_the_body_in_the_spec() {
    let dir = tempdir();
    let spec = format!(
        "{GOOD}[[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"text\"\nbody = \"See @nowhere.\"\n"
    );
    write(dir.path(), "body.toml", &spec);
    let run = brief(dir.path(), &["generate", "body.toml", "--as-of", "2026-11-22"]).expect(1);
    // The error points at the markup package's line that evaluates the body, then at
    // the body's place in the spec.
    run.expect_stderr(
        dir.path(),
        r#"error: could not render body.toml (variant 1) to body.pdf
error: label `<nowhere>` does not exist in the document
  ┌─ <text body>:2:25
  │
2 │ #let markup(body) = eval(body, mode: "markup")
  │                          ^^^^
 = hint: the error is in the Typst markup of a `text` section's `body`, written at body.toml:9:8
"#,
    );
    assert_eq!(files_in(dir.path()), ["body.toml"], "something was written");
}

#[test]
fn a_broken_template_reports_its_own_path_and_line_and_writes_nothing() {
    let dir = tempdir();
    write(
        dir.path(),
        "templates/brief.typ",
        "#import \"lib.typ\": *\n#let data = json(\"/brief.json\")\n#show: setup.with(data)\n#data.meta.no-such-field\n",
    );
    let spec = write(dir.path(), "b.toml", &format!("templates = \"templates\"\n{GOOD}"));
    let existing = write(dir.path(), "b.pdf", "previous brief");
    let run = brief(dir.path(), &["generate", &spec]).expect(1);
    assert!(run.stderr.contains("templates/brief.typ:4:"), "{}", run.stderr);
    assert!(run.stderr.contains("dictionary does not contain key"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(existing).unwrap(), "previous brief");
    assert!(files_in(dir.path()).iter().all(|f| !f.starts_with(".brief-")));
}

#[test]
fn a_template_cannot_read_outside_its_folder() {
    let dir = tempdir();
    write(dir.path(), "secret.txt", "top secret");
    write(dir.path(), "templates/brief.typ", "#read(\"../secret.txt\")\n");
    write(dir.path(), "b.toml", &format!("templates = \"templates\"\n{GOOD}"));
    let run = brief(dir.path(), &["generate", "b.toml"]).expect(1);
    run.expect_stderr(
        dir.path(),
        r#"error: could not render b.toml (variant 1) to b.pdf
error: path `"../secret.txt"` would escape the template folder
  ┌─ templates/brief.typ:1:6
  │
1 │ #read("../secret.txt")
  │       ^^^^^^^^^^^^^^^
  │
  = hint: templates may read only their own folder and /brief.json
"#,
    );
    assert!(!dir.path().join("b.pdf").exists());

    write(dir.path(), "templates/brief.typ", "#read(\"/etc/hostname\")\n#read(\"/etc/passwd\")\n");
    brief(dir.path(), &["generate", "b.toml"]).expect(1).expect_stderr(
        dir.path(),
        r#"error: could not render b.toml (variant 1) to b.pdf
error: file not found (searched at etc/hostname)
  ┌─ templates/brief.typ:1:6
  │
1 │ #read("/etc/hostname")
  │       ^^^^^^^^^^^^^^^
"#,
    );

    write(dir.path(), "templates/brief.typ", "#import \"@preview/cetz:0.3.0\": *\n");
    brief(dir.path(), &["generate", "b.toml"]).expect(1).expect_stderr(
        dir.path(),
        r#"error: could not render b.toml (variant 1) to b.pdf
error: failed to load file (templates cannot import packages such as `@preview/cetz:0.3.0`; copy the files you need into the template folder)
  ┌─ templates/brief.typ:1:8
  │
1 │ #import "@preview/cetz:0.3.0": *
  │         ^^^^^^^^^^^^^^^^^^^^^
"#,
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_template_folder_is_refused() {
    let dir = tempdir();
    write(dir.path(), "secret.txt", "top secret");
    write(dir.path(), "templates/brief.typ", "#read(\"leak.txt\")\n");
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("templates/leak.txt"),
    )
    .unwrap();
    let spec = write(dir.path(), "b.toml", &format!("templates = \"templates\"\n{GOOD}"));
    let run = brief(dir.path(), &["generate", &spec]).expect(1);
    assert!(run.stderr.contains("leads outside it"), "{}", run.stderr);
}

#[test]
fn typst_syntax_in_data_is_printed_literally() {
    let dir = tempdir();
    let hostile = [
        "#panic(\"boom\")",
        "$x^2$ *bold* _em_",
        "@ref <label> [bracket]",
        "#read(\"/etc/passwd\") // comment",
        "`raw` \\backslash #import \"x.typ\"",
    ];
    let mut csv = String::from(
        "id,date,status,partners,type,title_en,title_id,summary_en,summary_id,source_url,source_publisher\n",
    );
    for (i, text) in hostile.iter().enumerate() {
        let quoted = format!("\"{}\"", text.replace('"', "\"\""));
        csv.push_str(&format!("2022-06-x-{i},2022-06-0{},held,gbr,meeting,{quoted},{quoted},{quoted},{quoted},https://example.org/{i},{quoted}\n", i + 1));
    }
    write(dir.path(), "hostile.csv", &csv);
    let spec = write(
        dir.path(),
        "h.toml",
        "title = \"#panic(1) $x$ <y>\"\nsubtitle = \"*not bold*\"\ndata = [\"hostile.csv\"]\n[period]\nfrom = 2022-06-01\nto = 2022-06-30\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("h.pdf"));
    for literal in hostile.iter().chain(&["#panic(1) $x$ <y>", "*not bold*"]) {
        assert!(text.contains(literal), "`{literal}` is not in the PDF as written:\n{text}");
    }
}

#[test]
fn everyday_mistakes_get_messages_that_say_what_to_write() {
    let dir = tempdir();
    // An unquoted month.
    write(dir.path(), "m.toml", "title = \"T\"\n[period]\nfrom = 2022-03\nto = 2022-04\n");
    brief(dir.path(), &["check", "m.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: invalid spec: invalid date, expected `-` (MM-DD)
  ┌─ m.toml:3:8
  │
3 │ from = 2022-03
  │        ^^^^^^^
  │
  = hint: a month is written in quotes: `"2022-03"`; a whole day (2022-03-01) or a year (2022) needs none
"#,
    );
    // No period.
    write(dir.path(), "p.toml", "title = \"T\"\n");
    brief(dir.path(), &["check", "p.toml"]).expect(2).expect_stderr(
        dir.path(),
        r#"error: invalid spec: missing field `period`
  ┌─ p.toml:1:1
  │
1 │ title = "T"
  │ ^
  │
  = hint: add the period the brief covers: `[period]` with `from = 2024-01-01` and `to = 2024-12-31`, or with `relative = "previous-month"`
"#,
    );
    // A mistyped subcommand is never offered the hidden worker.
    let run = brief(dir.path(), &["render"]).expect(2);
    assert!(run.stderr.contains("'generate'") && !run.stderr.contains("worker"), "{}", run.stderr);
    // A dry run says what it planned, not that it is done.
    write(dir.path(), "two/a.toml", &small_spec("A", ""));
    write(dir.path(), "two/b.toml", &small_spec("B", ""));
    let run = brief(dir.path(), &["generate", "two", "--dry-run", "-o", "out/"]).expect(0);
    assert!(run.stderr.contains("2 of 2 outputs planned, 0 failed"), "{}", run.stderr);
}
