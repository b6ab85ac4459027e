//! The tools around the brief: shell completions and the manual page.

use super::harness::{brief, tempdir};

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
