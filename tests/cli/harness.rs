//! Running the binary in a temporary folder and reading PDFs back.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root, where briefs/ and tests/fixtures/ live.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A repository file's absolute path.
pub(crate) fn repo_file(relative: &str) -> String {
    repo().join(relative).display().to_string()
}

/// What a run of the binary did.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, printing the run when it differs.
    #[track_caller]
    pub(crate) fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Runs `brief` with `args` in `dir`, with a clean environment for dates and colour.
pub(crate) fn brief(dir: &Path, args: &[&str]) -> Run {
    brief_env(dir, args, &[])
}

/// Runs `brief` with extra environment variables.
pub(crate) fn brief_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command.args(args).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    // A test run inside a Kubernetes Indexed Job must not shard the runs it starts.
    command.env_remove("JOB_COMPLETION_INDEX").env_remove("BRIEF_SHARD_COUNT");
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(std::process::Stdio::null());
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    finish_within(child, args)
}

/// The longest one run of the binary may take in a test: a run that blocks (on a pipe,
/// a device) fails the test instead of hanging the suite.
const RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

/// Waits for `child` at most [`RUN_LIMIT`], reading its output as it comes; kills it and
/// fails the test past that.
fn finish_within(mut child: std::process::Child, args: &[&str]) -> Run {
    use std::io::Read;
    let read = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stream.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("a stdout pipe")));
    let stderr = read(Box::new(child.stderr.take().expect("a stderr pipe")));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the run can be waited for") {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`brief {}` ran past {RUN_LIMIT:?}; it was killed", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout was read"),
        stderr: stderr.join().expect("stderr was read"),
    }
}

/// Runs `brief` with standard output and standard error both closed pipes, so that
/// every write fails as it does under `brief … | head` once head is done; returns the
/// exit code.
pub(crate) fn brief_into_closed_pipes(dir: &Path, args: &[&str]) -> i32 {
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        writer
    };
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(closed())
        .stderr(closed())
        .status()
        .expect("the brief binary runs")
        .code()
        .unwrap_or(-1)
}

/// Runs a poppler tool on a PDF and returns its output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for the tests (Debian: poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text, with lines joined so that wrapped phrases can be found and
/// typographic quotes read as straight ones, as a search would read it; tests of the
/// quotes themselves read [`pdf_raw_text`].
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let raw = fold_quotes(&pdf_raw_text(pdf));
    // Join hyphenated and wrapped lines into one stream of words.
    raw.replace("-\n", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's text laid out as on the page (columns side by side), each line's words
/// joined by single spaces, quotes folded as in [`pdf_text`].
pub(crate) fn pdf_layout_lines(pdf: &Path) -> Vec<String> {
    fold_quotes(&poppler("pdftotext", &["-enc", "UTF-8", "-layout"], pdf))
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The PDF's text exactly as pdftotext extracts it.
pub(crate) fn pdf_raw_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
}

/// `text` with “ ” ‘ ’ as " and '.
fn fold_quotes(text: &str) -> String {
    text.replace(['“', '”'], "\"").replace(['‘', '’'], "'")
}

/// Each page's text, its words joined by single spaces.
pub(crate) fn pdf_page_texts(pdf: &Path) -> Vec<String> {
    let raw = fold_quotes(&pdf_raw_text(pdf));
    raw.split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The PDF's metadata as pdfinfo prints it.
pub(crate) fn pdf_info(pdf: &Path) -> String {
    poppler("pdfinfo", &[], pdf)
}

/// The fonts embedded in the PDF, by PostScript name without the subset prefix.
pub(crate) fn pdf_fonts(pdf: &Path) -> Vec<String> {
    poppler("pdffonts", &[], pdf)
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, base)| base).to_owned())
        .collect()
}

/// The number of pages.
pub(crate) fn pdf_pages(pdf: &Path) -> usize {
    pdf_info(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("pdfinfo prints the page count")
}

/// Asserts that qpdf finds the PDF structurally sound.
pub(crate) fn qpdf_check(pdf: &Path) {
    let output = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf is needed for the tests");
    assert!(
        output.status.success(),
        "qpdf --check failed:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The names of the files in a folder, sorted.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes a file into a folder and returns its path as a string.
pub(crate) fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A fresh temporary folder.
pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Runs `brief` with `input` on its standard input.
pub(crate) fn brief_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    let mut stdin = child.stdin.take().expect("a stdin pipe");
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let run = finish_within(child, args);
    feeder.join().expect("stdin was written");
    run
}

/// Makes a named pipe (FIFO), if the system's `mkfifo` can.
pub(crate) fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

/// A minimal valid spec with `extra` lines added at the top level, before `[period]`.
pub(crate) fn small_spec(title: &str, extra: &str) -> String {
    format!("title = \"{title}\"\n{extra}\n[period]\nfrom = 2022\nto = 2022\n")
}

/// A text section with `body`, as a spec's tail.
pub(crate) fn text_section(body: &str) -> String {
    format!("[[sections]]\nkind = \"text\"\nbody = '''{body}'''\n")
}

impl Run {
    /// Asserts that standard error is exactly `expected`, with `dir` written as `$DIR`
    /// and trailing spaces ignored, so that any change to a message shows as a diff.
    #[track_caller]
    pub(crate) fn expect_stderr(&self, dir: &Path, expected: &str) {
        let dir = dir.display().to_string();
        let normal = |text: &str| -> String {
            text.replace(&dir, "$DIR").lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
        };
        let (actual, expected) = (normal(&self.stderr), normal(expected));
        assert!(
            actual.trim_end() == expected.trim_end(),
            "standard error differs\n--- expected\n{expected}\n--- actual\n{actual}\n---"
        );
    }
}

/// The events held on `as_of` that `brief events` lists with the filters `args`
/// (`--partner`, `--from`, `--to`…), as JSON: a count a test expects comes from the
/// dataset, not copied from a brief, so that adding an event breaks no test.
pub(crate) fn held_events(dir: &Path, as_of: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["events", "--as-of", as_of, "--status", "held", "--format", "json"];
    all.extend_from_slice(args);
    let run = brief(dir, &all).expect(0);
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap().as_array().unwrap().clone()
}

/// The flagship's four partners, by id.
pub(crate) const FLAGSHIP_PARTNERS: [&str; 4] = ["unoct", "gbr", "phl", "rus"];

/// The engagements held on `as_of` with `partners` (every partner when empty) between
/// two dates, each bound optional, as [`held_events`] lists them.
pub(crate) fn held_with(
    dir: &Path,
    as_of: &str,
    partners: &[&str],
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<serde_json::Value> {
    let mut args = Vec::new();
    for partner in partners {
        args.extend(["--partner", partner]);
    }
    args.extend(from.iter().flat_map(|from| ["--from", from]));
    args.extend(to.iter().flat_map(|to| ["--to", to]));
    held_events(dir, as_of, &args)
}

/// The flagship's engagements: its four partners in 2021–2024, held on `as_of`.
pub(crate) fn flagship_held(dir: &Path, as_of: &str) -> Vec<serde_json::Value> {
    held_with(dir, as_of, &FLAGSHIP_PARTNERS, Some("2021-01-01"), Some("2024-12-31"))
}

/// Renders `spec` as of `as_of` in `dir` and returns its `/brief.json`.
pub(crate) fn brief_json(dir: &Path, spec: &str, as_of: &str) -> serde_json::Value {
    let args = ["generate", spec, "--as-of", as_of, "--emit-data", "brief.json", "-o", "b.pdf"];
    brief(dir, &args).expect(0);
    serde_json::from_str(&std::fs::read_to_string(dir.join("brief.json")).unwrap()).unwrap()
}
