//! The tools around the brief: shell completions, the manual page, and shards that
//! spread a folder of specs over workers.

use super::harness::{brief, brief_env, files_in, small_spec, tempdir, write};

/// Every subcommand a user can type.
const SUBCOMMANDS: [&str; 7] =
    ["generate", "check", "events", "partners", "templates", "completions", "man"];

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
    assert!(run.stderr.contains("`4/3` is not a shard"), "{}", run.stderr);
    assert!(!dir.path().join("s.pdf").exists());
}
