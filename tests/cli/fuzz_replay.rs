//! Inputs from the fuzz targets (fuzz/README.md), replayed through the real binary.
//! `fuzz/replay/` holds a sample of the coverage-minimised corpora and every input that
//! once went wrong, in the targets' own input format. A file named `valid-…` must be
//! accepted (exit 0) and any other refused with diagnostics (exit 2): never a panic, a
//! render failure or a crash.

use std::path::{Path, PathBuf};

use super::harness::*;

/// The files of one target's replay folder, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let folder = repo().join("fuzz/replay").join(target);
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 10, "{} holds only {} inputs", folder.display(), paths.len());
    paths
}

/// Asserts that a run ended as its input's name says: exit 0 for `valid-…`, else 2.
fn assert_handled(run: &Run, input: &Path) {
    let name = input.file_name().unwrap().to_string_lossy();
    let expected = if name.starts_with("valid-") { 0 } else { 2 };
    assert!(
        run.code == expected && !run.stderr.contains("panicked"),
        "{} ended with exit code {} (expected {expected}):\n{}",
        input.display(),
        run.code,
        run.stderr
    );
}

#[test]
fn spec_inputs_are_checked_or_refused() {
    let dir = tempdir();
    for input in inputs("spec") {
        let text = std::fs::read(&input).unwrap();
        std::fs::write(dir.path().join("fuzz.toml"), &text).unwrap();
        // As the spec target resolves them: against the bundled data, on 2024-03-31.
        let run = brief(dir.path(), &["check", "fuzz.toml", "--as-of", "2024-03-31", "--quiet"]);
        assert_handled(&run, &input);
    }
}

#[test]
fn dataset_inputs_load_or_are_refused() {
    let dir = tempdir();
    for input in inputs("dataset") {
        // The dataset target's format: a selector byte, then the file's text.
        let bytes = std::fs::read(&input).unwrap();
        let Some((&selector, text)) = bytes.split_first() else { continue };
        let extension = ["toml", "json", "csv"][usize::from(selector % 3)];
        let file = format!("fuzz.{extension}");
        std::fs::write(dir.path().join(&file), text).unwrap();
        for format in ["table", "json", "csv"] {
            let mut args = vec!["events", "--data", &file, "--format", format];
            if selector & 0x80 == 0 {
                args.push("--no-bundled-data");
            }
            assert_handled(&brief(dir.path(), &args), &input);
        }
    }
}
