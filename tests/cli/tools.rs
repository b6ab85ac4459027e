//! The tools around the brief: shell completions, the manual page, and shards that
//! spread a folder of specs over workers.

use super::harness::{
    brief, brief_env, brief_with_stdin, files_in, pdf_text, small_spec, tempdir, write,
};

/// Every subcommand a user can type.
const SUBCOMMANDS: [&str; 10] = [
    "generate",
    "check",
    "watch",
    "preview",
    "events",
    "partners",
    "templates",
    "new",
    "completions",
    "man",
];

/// The manual's pages: the main page, one per subcommand, and one for each of
/// `templates list` and `templates export`.
const PAGES: usize = 1 + SUBCOMMANDS.len() + 2;

#[test]
fn completion_scripts_know_every_subcommand_and_option() {
    let dir = tempdir();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = brief(dir.path(), &["completions", shell]).expect(0);
        for sub in SUBCOMMANDS {
            assert!(run.stdout.contains(sub), "{shell}: no `{sub}`");
        }
        assert!(run.stdout.contains("pdf-standard"), "{shell}: no --pdf-standard");
        assert!(!run.stdout.contains("__render-worker"), "{shell}: the hidden worker shows");
        // The arguments that carry environment variables are not offered.
        for hidden in ["source-date-epoch", "job-completion-index", "shard-count"] {
            assert!(!run.stdout.contains(hidden), "{shell}: --{hidden} shows");
        }
    }
    let run = brief(dir.path(), &["completions", "tcsh"]).expect(2);
    assert!(run.stderr.contains("invalid value 'tcsh'"), "{}", run.stderr);
    assert!(run.stderr.contains("bash, elvish, fish, powershell, zsh"), "{}", run.stderr);
}

#[test]
fn the_manual_page_has_a_section_for_every_subcommand_with_its_options() {
    let dir = tempdir();
    let run = brief(dir.path(), &["man"]).expect(0);
    assert!(run.stdout.starts_with(".ie"), "roff: {}", &run.stdout[..80]);
    assert!(run.stdout.contains(".TH brief 1"), "the main page");
    for sub in SUBCOMMANDS {
        assert!(run.stdout.contains(&format!(".TH brief-{sub} 1")), "no page for `{sub}`");
    }
    assert!(run.stdout.contains("\\-\\-pdf\\-standard"), "generate's options are listed");
    assert!(run.stdout.contains("\\-\\-as\\-of"));
    assert!(!run.stdout.contains("render-worker") && !run.stdout.contains("render\\-worker"));
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH \"SEE ALSO\""] {
        assert_eq!(run.stdout.matches(section).count(), PAGES, "{section} on every page");
    }
    assert_eq!(run.stdout.matches(".SH EXAMPLES").count(), 1, "examples on the main page");
    assert!(run.stdout.contains("\\fBBRIEF_SHARD_COUNT\\fR"), "the environment is named");
}

#[test]
fn man_dir_writes_one_installable_page_per_command_and_subcommands_offer_no_version_flag() {
    let dir = tempdir();
    let run = brief(dir.path(), &["man", "--dir", "man1"]).expect(0);
    assert_eq!(run.stdout, format!("wrote {PAGES} manual pages to man1\n"));
    let mut expected: Vec<String> = SUBCOMMANDS.iter().map(|s| format!("brief-{s}.1")).collect();
    // Every page a page names exists: `brief-templates` names its own subcommands'.
    expected.extend(
        ["brief.1", "brief-templates-list.1", "brief-templates-export.1"].map(String::from),
    );
    expected.sort();
    assert_eq!(files_in(&dir.path().join("man1")), expected);
    let generate = std::fs::read_to_string(dir.path().join("man1/brief-generate.1")).unwrap();
    assert!(generate.contains(".TH brief-generate 1"), "{generate}");
    let synopsis = generate.split(".SH SYNOPSIS").nth(1).unwrap().split(".SH").next().unwrap();
    assert!(synopsis.contains("\\fBbrief generate\\fR"), "{synopsis}");
    assert!(!synopsis.contains("\\-V"), "a subcommand rejects -V: {synopsis}");
    brief(dir.path(), &["generate", "-V"]).expect(2);
    let templates = std::fs::read_to_string(dir.path().join("man1/brief-templates.1")).unwrap();
    assert!(!templates.contains("help(1)"), "{templates}");
    let new = std::fs::read_to_string(dir.path().join("man1/brief-new.1")).unwrap();
    assert!(new.contains("Done as asked.") && !new.contains("Every brief was written"), "{new}");
    // A page is not written through a pipe or over a read-only file.
    std::fs::remove_file(dir.path().join("man1/brief-new.1")).unwrap();
    assert!(super::harness::mkfifo(&dir.path().join("man1/brief-new.1")));
    let run = brief(dir.path(), &["man", "--dir", "man1"]).expect(2);
    assert!(
        run.stderr.starts_with("error: cannot write `man1/brief-new.1`: it is a device or a pipe"),
        "{}",
        run.stderr
    );
    let main = std::fs::read_to_string(dir.path().join("man1/brief.1")).unwrap();
    assert!(main.contains("\\fB\\-V\\fR"), "the main command takes -V");
}

#[test]
fn shards_render_every_spec_of_a_folder_exactly_once_between_them() {
    let dir = tempdir();
    for n in 1..=5 {
        write(dir.path(), &format!("specs/s{n}.toml"), &small_spec(&format!("Spec {n}"), ""));
    }
    let mut written = vec![];
    for shard in ["1/2", "2/2"] {
        let out = format!("out{}/", &shard[..1]);
        let args = ["generate", "specs", "--shard", shard, "-o", &out, "--as-of", "2026-11-22"];
        brief(dir.path(), &args).expect(0);
        written.push(files_in(&dir.path().join(&out)));
    }
    assert_eq!(written, [vec!["s1.pdf", "s3.pdf", "s5.pdf"], vec!["s2.pdf", "s4.pdf"]]);
    // A Kubernetes Indexed Job: the index from 0, the count beside it.
    let env = [("JOB_COMPLETION_INDEX", "1"), ("BRIEF_SHARD_COUNT", "3")];
    brief_env(dir.path(), &["generate", "specs", "-o", "k8s/", "--as-of", "2026-11-22"], &env)
        .expect(0);
    assert_eq!(files_in(&dir.path().join("k8s")), ["s2.pdf", "s5.pdf"]);
    // More shards than specs: the spare one succeeds and says why it wrote nothing.
    let run = brief(dir.path(), &["generate", "specs", "--shard", "6/6", "-o", "spare/"]).expect(0);
    assert!(run.stderr.contains("shard 6/6 holds no spec"), "{}", run.stderr);
    assert!(!dir.path().join("spare").exists());
}

#[test]
fn a_bad_shard_is_refused_as_invalid_input() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Spec", ""));
    for bad in ["0/2", "3/2", "1", "a/b"] {
        let run = brief(dir.path(), &["generate", "s.toml", "--shard", bad]).expect(2);
        assert!(run.stderr.contains("write I/N with 1 ≤ I ≤ N"), "{bad}: {}", run.stderr);
    }
    let env = [("JOB_COMPLETION_INDEX", "x"), ("BRIEF_SHARD_COUNT", "3")];
    let run = brief_env(dir.path(), &["generate", "s.toml"], &env).expect(2);
    assert!(
        run.stderr.contains("JOB_COMPLETION_INDEX `x` is not a whole number"),
        "{}",
        run.stderr
    );
    let env = [("JOB_COMPLETION_INDEX", "3"), ("BRIEF_SHARD_COUNT", "3")];
    let run = brief_env(dir.path(), &["generate", "s.toml"], &env).expect(2);
    assert!(
        run.stderr.contains("JOB_COMPLETION_INDEX `3` is past BRIEF_SHARD_COUNT `3`"),
        "{}",
        run.stderr
    );
    let env = [("JOB_COMPLETION_INDEX", "0"), ("BRIEF_SHARD_COUNT", "0")];
    let run = brief_env(dir.path(), &["generate", "s.toml"], &env).expect(2);
    assert!(run.stderr.contains("BRIEF_SHARD_COUNT is `0`: a run needs"), "{}", run.stderr);
    let run = brief_env(dir.path(), &["generate", "s.toml"], &[("JOB_COMPLETION_INDEX", "1")]);
    assert!(run.expect(2).stderr.contains("BRIEF_SHARD_COUNT is not set"));
    assert!(!dir.path().join("s.pdf").exists());
}

#[test]
fn brief_new_writes_a_spec_with_every_key_that_check_accepts_and_generate_renders() {
    let dir = tempdir();
    let args =
        ["new", "--partner", "aus", "--partner", "Inggris", "--from", "2022", "--to", "2023"];
    let run = brief(dir.path(), &[&args[..], &["-o", "s.toml"]].concat()).expect(0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let spec = std::fs::read_to_string(dir.path().join("s.toml")).unwrap();
    for key in brief::spec::TOP_LEVEL_KEYS {
        let present = spec.lines().any(|line| {
            let line = line.trim_start_matches("# ");
            line.starts_with(&format!("{key} = "))
                || line.starts_with(&format!("[{key}]"))
                || line.starts_with(&format!("[[{key}]]"))
        });
        assert!(present, "no `{key}` in\n{spec}");
    }
    assert!(spec.contains("partners = [\"aus\", \"gbr\"]"), "{spec}");
    assert!(
        spec.contains(
            "title = \"BNPT cooperation with Australia and United Kingdom, 2022 – 2023\""
        ),
        "{spec}"
    );
    brief(dir.path(), &["check", "s.toml"]).expect(0);
    brief(dir.path(), &["generate", "s.toml", "--as-of", "2026-11-22"]).expect(0);
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("United Kingdom"));
    // In Indonesian for the public, on standard output, with the previous month as period.
    let run = brief(dir.path(), &["new", "--language", "id", "--audience", "public"]).expect(0);
    assert!(run.stdout.contains("title = \"Kerja sama internasional BNPT\""), "{}", run.stdout);
    assert!(run.stdout.contains("\nmarking = \"TLP:CLEAR\""), "{}", run.stdout);
    assert!(run.stdout.contains("\nrelative = \"previous-month\""), "{}", run.stdout);
    brief_with_stdin(dir.path(), &["check", "-"], run.stdout.as_bytes()).expect(0);
}

#[test]
fn brief_new_refuses_an_unknown_partner_a_backwards_period_and_an_existing_file() {
    let dir = tempdir();
    let run = brief(dir.path(), &["new", "--partner", "Inggriss"]).expect(2);
    assert!(run.stderr.contains("--partner: unknown partner `Inggriss`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `Inggris`"), "{}", run.stderr);
    let run = brief(dir.path(), &["new", "--from", "2024", "--to", "2023-06"]).expect(2);
    assert!(
        run.stderr.contains("the period ends (2023-06) before it begins (2024)"),
        "{}",
        run.stderr
    );
    let run = brief(dir.path(), &["new", "--from", "2024-13"]).expect(2);
    assert!(run.stderr.contains("--to"), "--from needs --to: {}", run.stderr);
    let run = brief(dir.path(), &["new", "--from", "2024-13", "--to", "2024"]).expect(2);
    assert!(run.stderr.contains("--from:"), "{}", run.stderr);
    write(dir.path(), "mine.toml", "title = \"Mine\"\n");
    let run = brief(dir.path(), &["new", "-o", "mine.toml"]).expect(2);
    assert!(run.stderr.contains("`mine.toml` already exists"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    brief(dir.path(), &["new", "-o", "mine.toml", "--force"]).expect(0);
    brief(dir.path(), &["check", "mine.toml"]).expect(0);
}
