//! A hostile or careless user: specs that try to read files outside their sandbox,
//! outputs that would destroy inputs, runaway bodies, floods of errors and text that a
//! terminal or a spreadsheet would act on. Every case is a row of docs/bad-inputs.md.

use std::path::Path;

use super::harness::*;

/// A spec in `dir` named `name` with a text section, returning its path.
fn spec_with_body(dir: &Path, name: &str, extra: &str, body: &str) -> String {
    write(dir, name, &(small_spec("Probe", extra) + &text_section(body)))
}

#[test]
fn a_text_body_cannot_read_a_file_even_from_a_root_template_folder() {
    let dir = tempdir();
    let secret = write(dir.path(), "secret.txt", "TOP-SECRET-LINE");
    for body in [
        format!("#raw(read(\"{secret}\"))"),
        "#include \"/etc/hostname\"".into(),
        "#import \"/etc/x.typ\": *".into(),
        "#image(\"/etc/logo.png\")".into(),
        "#std.read(\"/etc/hostname\")".into(),
        "#eval(\"re\" + \"ad(\\\"/etc/hostname\\\")\")".into(),
        "#raw(\"x\", theme: \"/etc/hostname\")".into(),
    ] {
        let spec = spec_with_body(dir.path(), "read.toml", "", &body);
        let run = brief(dir.path(), &["generate", &spec, "--template-dir", "/"]).expect(2);
        assert!(run.stderr.contains("a `text` body may not read files"), "{body}: {}", run.stderr);
        assert!(run.stderr.contains("read.toml:"), "{}", run.stderr);
        assert!(!dir.path().join("read.pdf").exists());
    }
    // Words that only look like the functions are fine.
    let spec = spec_with_body(dir.path(), "words.toml", "", "Read the *json* image (read: yes).");
    brief(dir.path(), &["generate", &spec]).expect(0);
    assert!(pdf_text(&dir.path().join("words.pdf")).contains("Read the json image"));
}

#[test]
fn a_spec_cannot_take_templates_from_root_a_system_folder_or_above_its_folder() {
    let dir = tempdir();
    let specs = dir.path().join("specs");
    std::fs::create_dir_all(dir.path().join("shared-templates")).unwrap();
    for (extra, says) in [
        ("templates = \"/\"", "is a system folder"),
        ("templates = \"../../../../../../../../\"", "is a system folder"),
        ("templates = \"/etc\"", "is a system folder"),
        ("templates = \"../shared-templates\"", "is outside the spec's folder"),
        ("template = \"../shared-templates/../x.typ\"", "does not exist"),
    ] {
        let spec = write(&specs, "t.toml", &small_spec("T", extra));
        let run = brief(dir.path(), &["check", &spec]).expect(2);
        assert!(run.stderr.contains(says), "{extra}: {}", run.stderr);
        assert!(run.stderr.contains("t.toml:2:"), "{extra}: {}", run.stderr);
    }
    // The command line may name any folder, and may let a trusted spec reach out.
    let spec = write(&specs, "t.toml", &small_spec("T", "templates = \"../shared-templates\""));
    brief(dir.path(), &["check", &spec, "--allow-outside-paths"]).expect(0);
    let spec = write(&specs, "t.toml", &small_spec("T", ""));
    let shared = dir.path().join("shared-templates").display().to_string();
    brief(dir.path(), &["check", &spec, "--template-dir", &shared]).expect(0);
}

#[test]
fn template_folders_refuse_pipes_and_hard_links() {
    let dir = tempdir();
    let templates = dir.path().join("t");
    std::fs::create_dir_all(&templates).unwrap();
    let outside = write(dir.path(), "outside.txt", "OUTSIDE");
    std::fs::hard_link(&outside, templates.join("linked.txt")).unwrap();
    let made_fifo = mkfifo(&templates.join("pipe.txt"));
    for (file, says) in
        [("linked.txt", "more than one hard link"), ("pipe.txt", "is not a regular file")]
    {
        if file == "pipe.txt" && !made_fifo {
            continue;
        }
        write(&templates, "brief.typ", &format!("#read(\"{file}\")"));
        let spec = write(dir.path(), "s.toml", &small_spec("S", "templates = \"t\""));
        let run = brief(dir.path(), &["generate", &spec]).expect(1);
        assert!(run.stderr.contains(says), "{file}: {}", run.stderr);
        assert!(!dir.path().join("s.pdf").exists());
    }
}

#[test]
fn no_output_may_replace_an_input_of_the_run() {
    let dir = tempdir();
    let spec = write(dir.path(), "v.toml", &small_spec("V", ""));
    let data = write(
        dir.path(),
        "d.csv",
        "id,date,status,partners,type,title_en,source_url,source_publisher\n\
         x-1,2022-05-01,held,gbr,meeting,A meeting,https://example.org/a,Example\n",
    );
    let original_spec = std::fs::read(&spec).unwrap();
    let original_data = std::fs::read(&data).unwrap();
    for args in [
        vec!["generate", "v.toml", "-o", "v.toml"],
        vec!["generate", "v.toml", "--data", "d.csv", "-o", "d.csv"],
        vec!["generate", "v.toml", "--report", "v.toml"],
        vec!["generate", "v.toml", "--emit-data", "v.toml"],
        vec!["generate", "v.toml", "--data", "d.csv", "--report", "./d.csv"],
    ] {
        let run = brief(dir.path(), &args).expect(2);
        assert!(run.stderr.contains("an input of this run"), "{args:?}: {}", run.stderr);
    }
    for args in [
        vec!["generate", "v.toml", "--report", "x.pdf", "-o", "x.pdf"],
        vec!["generate", "v.toml", "--emit-data", "x.pdf", "-o", "./x.pdf"],
        vec!["generate", "v.toml", "--emit-data", "r.json", "--report", "r.json"],
    ] {
        let run = brief(dir.path(), &args).expect(2);
        assert!(run.stderr.contains("two outputs would be written to"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(std::fs::read(&spec).unwrap(), original_spec);
    assert_eq!(std::fs::read(&data).unwrap(), original_data);
    assert_eq!(files_in(dir.path()), ["d.csv", "v.toml"]);
}

#[test]
fn a_spec_whose_output_would_overwrite_a_sibling_spec_is_skipped_and_the_sibling_kept() {
    let dir = tempdir();
    let specs = dir.path().join("specs");
    let victim = write(&specs, "victim.toml", &small_spec("Victim", ""));
    let before = std::fs::read(&victim).unwrap();
    write(&specs, "attacker.toml", &small_spec("Attacker", "output = \"victim.toml\""));
    let run = brief(dir.path(), &["generate", &specs.display().to_string()]).expect(1);
    assert!(run.stderr.contains("victim.toml`, an input of this run"), "{}", run.stderr);
    assert!(run.stderr.contains("attacker.toml:2:1"), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    assert!(dir.path().join("victim.pdf").exists(), "the sibling still renders");
}

#[test]
fn outputs_on_one_real_path_clash_through_dot_dot_and_symlinked_folders() {
    let dir = tempdir();
    let root = dir.path();
    write(&root.join("a/sub"), "one.toml", &small_spec("One", "output = \"../shared.pdf\""));
    write(&root.join("a/other"), "two.toml", &small_spec("Two", "output = \"../shared.pdf\""));
    let run =
        brief(root, &["generate", "a/sub/one.toml", "a/other/two.toml", "--allow-outside-paths"])
            .expect(2);
    assert!(run.stderr.contains("two outputs would be written to"), "{}", run.stderr);
    std::os::unix::fs::symlink(root.join("a/sub"), root.join("link")).unwrap();
    write(&root.join("a/sub"), "three.toml", &small_spec("Three", "output = \"x.pdf\""));
    write(root, "four.toml", &small_spec("Four", "output = \"link/x.pdf\""));
    let run = brief(root, &["generate", "a/sub/three.toml", "four.toml"]).expect(2);
    assert!(run.stderr.contains("two outputs would be written to"), "{}", run.stderr);
    assert!(!root.join("a/sub/x.pdf").exists());
}

#[test]
fn a_spec_output_stays_in_its_folder_unless_allowed() {
    let dir = tempdir();
    let spec =
        write(&dir.path().join("specs"), "s.toml", &small_spec("S", "output = \"../out.pdf\""));
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.contains("`output` leads outside the spec's folder"), "{}", run.stderr);
    assert!(run.stderr.contains("--allow-outside-paths"), "{}", run.stderr);
    assert!(!dir.path().join("out.pdf").exists());
    brief(dir.path(), &["generate", &spec, "--allow-outside-paths"]).expect(0);
    assert!(dir.path().join("out.pdf").exists());
    // -o on the command line is the user's own choice.
    brief(dir.path(), &["generate", &spec, "-o", "elsewhere.pdf"]).expect(0);
}

#[test]
fn targets_that_are_not_writable_files_are_refused_and_left_as_they_are() {
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    let locked = write(dir.path(), "locked.pdf", "keep me");
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let run = brief(dir.path(), &["generate", &spec, "-o", "locked.pdf"]).expect(2);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "keep me");
    std::fs::create_dir(dir.path().join("folder.pdf")).unwrap();
    let run = brief(dir.path(), &["generate", &spec, "--report", "folder.pdf"]).expect(2);
    assert!(run.stderr.contains("it is a folder"), "{}", run.stderr);
    if mkfifo(&dir.path().join("pipe.pdf")) {
        // A spec may not name a pipe; nothing blocks waiting for a reader.
        let spec = write(dir.path(), "p.toml", &small_spec("P", "output = \"pipe.pdf\""));
        let run = brief(dir.path(), &["generate", &spec]).expect(2);
        assert!(run.stderr.contains("a device or a pipe"), "{}", run.stderr);
    }
}

#[test]
fn pipes_named_on_the_command_line_are_written_through_and_dash_is_standard_output() {
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    let run = brief(dir.path(), &["generate", &spec, "-o", "-", "--quiet"]).expect(0);
    assert!(run.stdout.starts_with("%PDF-"), "{:?}", &run.stdout.get(..20));
    assert_eq!(files_in(dir.path()), ["s.toml"]);
    let fifo = dir.path().join("report.pipe");
    if mkfifo(&fifo) {
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
        let fifo_arg = fifo.display().to_string();
        brief(dir.path(), &["generate", &spec, "-o", "s.pdf", "--report", &fifo_arg]).expect(0);
        let report = reader.join().unwrap();
        assert!(report.contains("\"written\": 1"), "{report}");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "the pipe was replaced");
    }
}

#[test]
fn writing_through_a_symlink_replaces_its_file_and_keeps_the_link() {
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    let real = write(dir.path(), "real.pdf", "old");
    std::os::unix::fs::symlink(&real, dir.path().join("link.pdf")).unwrap();
    brief(dir.path(), &["generate", &spec, "-o", "link.pdf"]).expect(0);
    assert!(std::fs::symlink_metadata(dir.path().join("link.pdf")).unwrap().is_symlink());
    assert!(std::fs::read(&real).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn output_paths_that_name_no_file_are_input_errors_at_planning() {
    let dir = tempdir();
    for (pattern, says) in [
        ("", "the path is empty"),
        (".", "names a folder"),
        ("sub/", "ends with `/`"),
        ("{from:}.pdf", "has an empty format"),
        (".pdf", "starts with `.`"),
    ] {
        let spec =
            write(dir.path(), "o.toml", &small_spec("O", &format!("output = \"{pattern}\"")));
        let run = brief(dir.path(), &["check", &spec]).expect(2);
        assert!(run.stderr.contains(says), "{pattern:?}: {}", run.stderr);
        assert!(run.stderr.contains("o.toml:2:1"), "{pattern:?}: {}", run.stderr);
    }
}

#[test]
fn an_as_of_date_a_brief_cannot_carry_is_an_argument_error() {
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    let run = brief(dir.path(), &["generate", &spec, "--as-of", "+10000-01-01"]).expect(2);
    assert!(run.stderr.contains("outside the years 1 to 9999"), "{}", run.stderr);
    let run = brief_env(dir.path(), &["generate", &spec], &[("SOURCE_DATE_EPOCH", "253402300800")])
        .expect(2);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
    // Every command that reads the day answers alike.
    for command in [&["events"][..], &["partners"], &["templates", "export", "t"]] {
        let run = brief_env(dir.path(), command, &[("SOURCE_DATE_EPOCH", "soon")]).expect(2);
        assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{command:?}: {}", run.stderr);
    }
    assert_eq!(files_in(dir.path()), ["s.toml"]);
}

#[test]
fn a_spec_can_come_from_standard_input() {
    let dir = tempdir();
    let spec = small_spec("From a pipe", "");
    brief_with_stdin(dir.path(), &["generate", "-"], spec.as_bytes()).expect(0);
    assert!(pdf_text(&dir.path().join("stdin.pdf")).contains("From a pipe"));
    brief_with_stdin(dir.path(), &["check", "/dev/stdin"], spec.as_bytes()).expect(0);
    let run = brief_with_stdin(dir.path(), &["check", "-"], b"title = 3\n").expect(2);
    assert!(run.stderr.contains("<stdin>:1:9"), "{}", run.stderr);
}

#[test]
fn output_to_a_full_device_is_a_failure_not_a_success() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    for args in [vec!["generate", "--dry-run", spec.as_str()], vec!["templates", "list"]] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(&args)
            .current_dir(dir.path())
            .stdout(full.try_clone().unwrap())
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&status.stderr);
        assert!(stderr.contains("cannot write to standard output"), "{stderr}");
    }
}

#[test]
fn a_runaway_body_ends_at_its_timeout_and_the_rest_of_the_batch_is_written() {
    let dir = tempdir();
    let specs = dir.path().join("specs");
    write(&specs, "a.toml", &small_spec("A", ""));
    write(
        &specs,
        "loop.toml",
        &(small_spec("Loop", "")
            + &text_section("#for i in range(1000000) { for j in range(1000000) { } }")),
    );
    write(&specs, "z.toml", &small_spec("Z", ""));
    let out = dir.path().join("out").display().to_string();
    let run = brief(
        dir.path(),
        &["generate", &specs.display().to_string(), "-o", &out, "--timeout", "5", "-j", "2"],
    )
    .expect(1);
    assert!(
        run.stderr.contains("took longer than 5 s to render and was stopped"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("loop.toml"), "{}", run.stderr);
    assert_eq!(files_in(&dir.path().join("out")), ["a.pdf", "z.pdf"]);
}

#[test]
fn a_single_runaway_brief_ends_at_its_timeout_with_its_report_and_no_pdf() {
    // One brief renders in the process itself (no worker): past its limit the process
    // must still report, write the run's report and end, leaving its render behind.
    let dir = tempdir();
    let body = "#for i in range(1000000) { for j in range(1000000) { } }";
    let spec = spec_with_body(dir.path(), "loop.toml", "", body);
    let started = std::time::Instant::now();
    let run =
        brief(dir.path(), &["generate", &spec, "--timeout", "2", "--report", "run.json"]).expect(1);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    assert!(
        run.stderr.contains("took longer than 2 s to render and was stopped"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("loop.pdf").exists());
    let report = std::fs::read_to_string(dir.path().join("run.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    let entry = &report["outputs"][0];
    assert_eq!(entry["status"], "failed", "{report}");
    assert!(entry["error"].as_str().unwrap().contains("longer than 2 s"), "{report}");
    assert_eq!(files_in(dir.path()), ["loop.toml", "run.json"]);
}

#[test]
fn a_body_that_grows_without_end_meets_the_memory_ceiling() {
    let dir = tempdir();
    let body = "#let s = \"x\"\n#for i in range(64) { s = s + s }\n#s.len()";
    let spec = spec_with_body(dir.path(), "grow.toml", "", body);
    let run = brief(dir.path(), &["generate", &spec, "--max-memory", "300"]).expect(1);
    assert!(run.stderr.contains("more than 300 MiB of memory"), "{}", run.stderr);
    assert!(!dir.path().join("grow.pdf").exists());
}

#[test]
fn data_that_loads_past_the_memory_ceiling_stops_the_run_within_a_few_mib_of_it() {
    let dir = tempdir();
    let mut csv =
        String::from("id,date,status,partners,type,title_en,source_url,source_publisher\n");
    for i in 0..100_000 {
        csv += &format!(
            "m-{i},2022-0{}-01,held,gbr,meeting,A meeting numbered {i} with a long title,\
             https://example.org/{i},Ex\n",
            i % 9 + 1
        );
    }
    write(dir.path(), "many.csv", &csv);
    let spec = write(dir.path(), "m.toml", &small_spec("M", ""));
    let args = ["generate", &spec, "--data", "many.csv", "--max-memory", "150"];
    let run = brief(dir.path(), &args).expect(2);
    let stopped = "loading the specs and data took more than 150 MiB of memory (";
    assert!(run.stderr.contains(stopped), "{}", run.stderr);
    // The run is measured every 10 ms: it stops a few MiB past the ceiling, not at
    // several times it.
    let used: u64 =
        run.stderr.split(stopped).nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((150..150 + 40).contains(&used), "{}", run.stderr);
    assert!(!dir.path().join("m.pdf").exists());
    // With room to load, the same data loads and the brief is planned.
    let args = ["generate", &spec, "--data", "many.csv", "--max-memory", "1000", "--dry-run"];
    brief(dir.path(), &args).expect(0);
}

#[test]
fn a_brief_over_the_page_limit_fails_before_export() {
    let dir = tempdir();
    let spec = spec_with_body(dir.path(), "pages.toml", "", "#for i in range(120) { pagebreak() }");
    let run = brief(dir.path(), &["generate", &spec, "--max-pages", "50"]).expect(1);
    assert!(run.stderr.contains("more than the 50 it may have"), "{}", run.stderr);
    assert!(!dir.path().join("pages.pdf").exists());
}

#[test]
fn an_executive_brief_that_runs_long_sheds_highlights_until_it_fits_two_pages() {
    let dir = tempdir();
    let long = "Long words of a very long title ".repeat(120);
    let mut csv =
        String::from("id,date,status,partners,type,title_en,source_url,source_publisher\n");
    for i in 1..=12 {
        csv += &format!(
            "u-{i},2022-0{}-01,held,gbr,mou,{long},https://example.org/{i},Ex\n",
            i % 9 + 1
        );
    }
    write(dir.path(), "long.csv", &csv);
    let spec = write(
        dir.path(),
        "exec.toml",
        &small_spec("Exec", "audience = \"executive\"\ndata = [\"long.csv\"]"),
    );
    brief(dir.path(), &["generate", &spec]).expect(0);
    let pdf = dir.path().join("exec.pdf");
    assert_eq!(pdf_pages(&pdf), 2);
    let text = pdf_text(&pdf);
    let shown = text.split(" of 12 engagements shown").next().unwrap();
    let shown: usize = shown.rsplit(' ').next().unwrap().parse().unwrap();
    assert!((1..6).contains(&shown), "fewer than the 6 highlights: {text}");
}

#[test]
fn thousands_of_errors_print_twenty_per_file_with_short_excerpts() {
    let dir = tempdir();
    let partners: Vec<String> = (0..4000).map(|i| format!("\"Narnia{i}\"")).collect();
    let spec = write(
        dir.path(),
        "flood.toml",
        &format!("{}[filter]\npartners = [{}]\n", small_spec("F", ""), partners.join(", ")),
    );
    let run = brief(dir.path(), &["check", &spec]).expect(2);
    assert_eq!(run.stderr.matches("error: unknown partner").count(), 20, "{}", run.stderr);
    assert!(run.stderr.contains("3980 more errors in"), "{}", run.stderr);
    assert!(run.stderr.len() < 20_000, "{} bytes of diagnostics", run.stderr.len());
    assert!(run.stderr.contains("flood.toml:7:"), "{}", run.stderr);
    assert!(run.stderr.contains('…'), "long lines are cut: {}", run.stderr);
}

#[test]
fn escape_sequences_in_input_reach_no_terminal() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "esc.toml",
        &small_spec("E", "[filter]\npartners = [\"\\u001b]0;pwned\\u0007\"]"),
    );
    let run = brief(dir.path(), &["check", &spec]).expect(2);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("␛]0;pwned␇"), "{}", run.stderr);
    let data = write(
        dir.path(),
        "esc.csv",
        "id,date,status,partners,type,title_en,source_url,source_publisher\n\
         e-1,2022-05-01,held,gbr,meeting,\"\u{1b}[2J\u{1b}[31mred\",https://example.org/e,Ex\n",
    );
    let run = brief(dir.path(), &["events", "--data", &data, "--partner", "gbr"]).expect(0);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(run.stdout.contains("␛[2J␛[31mred"), "{}", run.stdout);
}

/// A partner registry of one, for datasets read without the bundled data.
const ONE_PARTNER: &str = "[[partners]]\nid = \"gbr\"\nname = { en = \"United Kingdom\", id = \"Inggris\" }\nkind = \"country\"\n";

#[test]
fn csv_export_guards_formulas_and_reads_them_back_exactly() {
    let dir = tempdir();
    let partners = write(dir.path(), "partners.toml", ONE_PARTNER);
    let data = write(
        dir.path(),
        "f.csv",
        "id,date,status,partners,type,title_en,summary_en,source_url,source_publisher\n\
         f-1,2022-05-01,held,gbr,meeting,\"=HYPERLINK(\"\"http://x\"\")\",+62 21 555,https://example.org/f,@handle\n",
    );
    let args =
        ["events", "--no-bundled-data", "--data", &partners, "--data", &data, "--format", "csv"];
    let csv = brief(dir.path(), &args).expect(0).stdout;
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(",'+62 21 555,") && csv.contains(",'@handle,"), "{csv}");
    let again = write(dir.path(), "again.csv", &csv);
    let json = |file: &str| {
        let args = [
            "events",
            "--no-bundled-data",
            "--data",
            &partners,
            "--data",
            file,
            "--format",
            "json",
        ];
        brief(dir.path(), &args).expect(0).stdout
    };
    assert_eq!(json(&data), json(&again));
    assert!(json(&again).contains("\"en\": \"=HYPERLINK(\\\"http://x\\\")\""));
}

#[test]
fn csv_row_errors_point_at_their_own_line_with_crlf_line_ends() {
    let dir = tempdir();
    let partners = write(dir.path(), "partners.toml", ONE_PARTNER);
    let rows = [
        "id,date,status,partners,type,title_en,source_url,source_publisher",
        "c-1,2022-05-01,held,gbr,meeting,One,https://example.org/1,Ex",
        "c-1,2022-05-02,held,gbr,meeting,Two,https://example.org/2,Ex",
        "c-3,2022-02-30,held,gbr,meeting,Three,https://example.org/3,Ex",
    ];
    for (name, end) in [("crlf.csv", "\r\n"), ("lf.csv", "\n")] {
        write(dir.path(), name, &(rows.join(end) + end));
        let args = ["events", "--no-bundled-data", "--data", &partners, "--data", name];
        let run = brief(dir.path(), &args).expect(2);
        assert!(run.stderr.contains(&format!("─ {name}:3:1")), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("─ {name}:4:5")), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains(&format!("─ {name}:1:")), "{name}: {}", run.stderr);
    }
}

#[test]
fn a_thousand_specs_render_with_one_and_two_jobs_and_report_every_one() {
    let dir = tempdir();
    let specs = dir.path().join("specs");
    for i in 0..1000 {
        let spec = format!(
            "title = \"Brief {i}\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"text\"\nbody = \"Number {i}.\"\n"
        );
        write(&specs, &format!("s{i:04}.toml"), &spec);
    }
    let specs = specs.display().to_string();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("out-{jobs}"));
        let report = dir.path().join(format!("report-{jobs}.json")).display().to_string();
        let out_arg = out.display().to_string();
        brief(
            dir.path(),
            &["generate", &specs, "-o", &out_arg, "-j", jobs, "-q", "--report", &report],
        )
        .expect(0);
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(report["written"], 1000, "-j {jobs}");
        assert_eq!(files_in(&out).len(), 1000, "-j {jobs}");
    }
    let a = std::fs::read(dir.path().join("out-1/s0999.pdf")).unwrap();
    assert_eq!(a, std::fs::read(dir.path().join("out-2/s0999.pdf")).unwrap());
}

#[test]
fn more_jobs_than_outputs_start_no_more_workers_than_outputs() {
    let dir = tempdir();
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    brief(dir.path(), &["generate", &spec, "-j", "10000"]).expect(0);
    assert!(dir.path().join("s.pdf").exists());
}

#[test]
fn two_runs_making_the_same_new_file_cannot_both_succeed() {
    let dir = tempdir();
    for _ in 0..3 {
        let _ = std::fs::remove_file(dir.path().join("n.toml"));
        let runs: Vec<std::thread::JoinHandle<Run>> = (0..2)
            .map(|_| {
                let path = dir.path().to_path_buf();
                std::thread::spawn(move || brief(&path, &["new", "-o", "n.toml"]))
            })
            .collect();
        let codes: Vec<i32> = runs.into_iter().map(|h| h.join().unwrap().code).collect();
        assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
        assert!(codes.contains(&2), "{codes:?}");
    }
    // `--force` replaces what `generate` would, and refuses a read-only file or a pipe.
    let locked = write(dir.path(), "locked.toml", "keep");
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let run = brief(dir.path(), &["new", "-o", "locked.toml", "--force"]).expect(2);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "keep");
    assert!(mkfifo(&dir.path().join("pipe.toml")), "this suite needs mkfifo");
    let run = brief(dir.path(), &["new", "-o", "pipe.toml", "--force"]).expect(2);
    assert!(run.stderr.contains("it is a device or a pipe, not a file"), "{}", run.stderr);
}

#[test]
fn an_export_writes_nothing_through_a_link_out_of_its_folder() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("e")).unwrap();
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("e/fonts")).unwrap();
    let run = brief(dir.path(), &["templates", "export", "e"]).expect(1);
    assert!(run.stderr.contains("leads outside `e`"), "{}", run.stderr);
    assert!(files_in(&dir.path().join("elsewhere")).is_empty());
}

#[test]
fn no_control_character_from_a_spec_reaches_the_terminal_raw() {
    let dir = tempdir();
    // A body that panics with a terminal escape (it would retitle the terminal).
    let spec = write(
        dir.path(),
        "p.toml",
        &(small_spec("P", "")
            + "[[sections]]\nkind = \"text\"\nbody = '''#panic(\"\\u{1b}]0;pwned\\u{7}\")'''\n"),
    );
    let run = brief(dir.path(), &["generate", &spec]).expect(1);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'), "{:?}", run.stderr);
    assert!(run.stderr.contains('\u{241b}'), "the escape is shown as ␛: {:?}", run.stderr);
    // An output name holding an escape is refused, shown visibly, and never made.
    let spec = write(dir.path(), "o.toml", &small_spec("O", "output = \"a\\u001b[31mb.pdf\""));
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.contains("control character"), "{:?}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(files_in(dir.path()).iter().all(|f| !f.contains('\u{1b}')));
    // A date format that makes a newline (`%n`) is refused, and the name is one line.
    let spec = write(dir.path(), "n.toml", &small_spec("N", "output = \"a{as_of:%n}b.pdf\""));
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(run.stderr.starts_with("error: cannot write the brief to `"), "{:?}", run.stderr);
    let refusal = "a\u{240a}b.pdf`: it holds a control character (`\u{240a}`)";
    assert!(run.stderr.contains(refusal), "{:?}", run.stderr);
    assert!(files_in(dir.path()).iter().all(|f| !f.contains('\n')));
    // A zero-width space in a spec's error is shown, not hidden.
    let spec = write(dir.path(), "z.toml", &small_spec("Z", "language = \"e\u{200b}n\""));
    let run = brief(dir.path(), &["check", &spec]).expect(2);
    assert!(!run.stderr.contains('\u{200b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("e\u{fffd}n"), "{:?}", run.stderr);
}

#[test]
fn markup_nested_thousands_deep_is_refused_in_a_body_and_rendered_in_a_template() {
    let dir = tempdir();
    let chain = vec!["1"; 10_000].join("+");
    let spec =
        small_spec("Deep", "") + &format!("[[sections]]\nkind = \"text\"\nbody = \"#({chain})\"\n");
    write(dir.path(), "s.toml", &spec);
    let run = brief(dir.path(), &["check", "s.toml"]).expect(2);
    assert!(
        run.stderr.starts_with("error: the `body` nests 10002 levels deep, more than the 256 a brief allows\n  ┌─ s.toml:8:8\n"),
        "{}",
        run.stderr
    );
    // A template of the spec's own folder as deep renders on a single brief's thread
    // instead of overflowing its stack and ending the process without a report.
    let tpl = dir.path().join("tpl");
    write(&tpl, "brief.typ", &format!("#({})\n", vec!["1"; 30_000].join("+")));
    write(dir.path(), "t.toml", &small_spec("Deep template", "templates = \"tpl\""));
    let args = ["generate", "t.toml", "-o", "t.pdf", "--report", "r.json", "--as-of", "2026-11-22"];
    brief(dir.path(), &args).expect(0);
    assert!(pdf_text(&dir.path().join("t.pdf")).contains("30000"));
}

#[test]
fn a_font_folder_holding_a_pipe_or_a_device_is_refused_at_once() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Fonts", ""));
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    assert!(mkfifo(&fonts.join("x.ttf")));
    let run =
        brief(dir.path(), &["generate", "s.toml", "--font-path", "fonts", "-o", "s.pdf"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: the font `fonts/x.ttf` is not a regular file (a pipe, socket or device)\n\n"
    );
    std::fs::remove_file(fonts.join("x.ttf")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", fonts.join("z.ttf")).unwrap();
    let run =
        brief(dir.path(), &["generate", "s.toml", "--font-path", "fonts", "-o", "s.pdf"]).expect(2);
    assert!(run.stderr.contains("`fonts/z.ttf` is not a regular file"), "{}", run.stderr);
    assert!(!dir.path().join("s.pdf").exists());
}
