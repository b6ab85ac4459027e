//! `brief watch`: renders, renders again after each change to the spec or a template,
//! keeps the last good brief when a change breaks it, and stops cleanly on Ctrl-C.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::harness::{brief, pdf_text, small_spec, tempdir, write};

/// The longest any step may take on a slow machine: a bound for the wait, not a
/// measure of speed.
const PATIENCE: Duration = Duration::from_secs(90);

/// Waits until `ready` holds, or fails with `what` and the watch's log.
#[track_caller]
fn wait_for(what: &str, log: &Path, ready: impl Fn() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < PATIENCE,
            "timed out waiting for {what}; the watch printed:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The brief's text, or nothing while it is not there.
fn text_of(pdf: &Path) -> String {
    if pdf.exists() { pdf_text(pdf) } else { String::new() }
}

/// A running `brief watch`, killed if the test fails before it stops.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_renders_after_every_change_keeps_the_last_good_brief_and_stops_on_ctrl_c() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("First title", "language = \"id\""));
    brief(dir.path(), &["templates", "export", "tpl"]).expect(0);
    // A data file kept in English only: its warning is said once, not on every round.
    write(
        dir.path(),
        "en.csv",
        "id,date,status,partners,type,title_en,source_url,source_publisher,source_published\n\
         2021-03-gbr-en,2021-03-01,held,UK,meeting,English only,https://example.org/e,Example,2021-03-02\n",
    );
    let log_path = dir.path().join("watch.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["watch", "s.toml", "-o", "out.pdf", "--as-of", "2026-11-22"])
        .args(["--template-dir", "tpl", "--data", "en.csv"])
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("brief watch starts");
    let mut watching = Watching(child);
    let pdf = dir.path().join("out.pdf");
    let printed =
        |text: &str| std::fs::read_to_string(&log_path).unwrap_or_default().contains(text);
    wait_for("the first render", &log_path, || text_of(&pdf).contains("First title"));
    wait_for("the watch to start", &log_path, || printed("watching 2 files and 1 template folder"));

    write(dir.path(), "s.toml", &small_spec("Second title", "language = \"id\""));
    wait_for("the render after the edit", &log_path, || text_of(&pdf).contains("Second title"));
    assert!(printed("changed: s.toml"));

    write(dir.path(), "s.toml", "title = \n");
    wait_for("the error with its place", &log_path, || printed("s.toml:1:9"));
    assert!(text_of(&pdf).contains("Second title"), "the last good brief is kept");

    write(dir.path(), "s.toml", &small_spec("Third title", "language = \"id\""));
    let template = dir.path().join("tpl/brief.typ");
    let mut main = std::fs::read_to_string(&template).unwrap();
    main.push_str("\nA line the template author added.\n");
    std::fs::write(&template, main).unwrap();
    wait_for("the render after the template edit", &log_path, || {
        let text = text_of(&pdf);
        text.contains("Third title") && text.contains("A line the template author added.")
    });

    let warning = "warning: 1 text in en.csv has no Indonesian (`id`) version; the first is here";
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.matches(warning).count(), 1, "{log}");

    let pid = watching.0.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = watching.0.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < PATIENCE, "brief watch did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "a watch stopped with Ctrl-C succeeds");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(".brief-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

#[test]
fn watch_refuses_standard_input() {
    let dir = tempdir();
    let run = brief(dir.path(), &["watch", "-"]).expect(2);
    assert!(run.stderr.contains("cannot watch standard input"), "{}", run.stderr);
}
