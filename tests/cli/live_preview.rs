//! `brief preview`: the brief served to a real browser (headless Chromium driven through
//! WebDriver), following edits, errors, as-of dates and languages without a reload;
//! only its own routes answered; Ctrl-C ends it with exit 0 and nothing left behind.
//!
//! Chromium and chromedriver must be installed (`.ci/run` installs Debian's `chromium`
//! and `chromium-driver`); without them the browser test fails and says so.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::harness::{brief, files_in, pdf_pages, tempdir, write};

/// The longest any step may take on a slow machine: a bound for the wait, not a
/// measure of speed.
const PATIENCE: Duration = Duration::from_secs(90);

/// One HTTP/1.1 request to 127.0.0.1:`port`, the path sent exactly as given; returns
/// the status and the body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    // The head, then as much body as it announces (a server may keep the connection
    // open), else everything until the connection closes.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).unwrap() > 0, "the connection closed: {head}");
    }
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    let mut content = Vec::new();
    match length {
        Some(length) => {
            content.resize(length, 0);
            reader.read_exact(&mut content).unwrap();
        }
        None => {
            reader.read_to_end(&mut content).unwrap();
        }
    }
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        content = unchunk(&content);
    }
    (status, content)
}

/// A chunked body, whole.
fn unchunk(mut chunked: &[u8]) -> Vec<u8> {
    let mut whole = Vec::new();
    loop {
        let line = chunked.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&chunked[..line]).unwrap(), 16).unwrap();
        if size == 0 {
            return whole;
        }
        whole.extend_from_slice(&chunked[line + 2..line + 2 + size]);
        chunked = &chunked[line + 4 + size..];
    }
}

/// A free port on 127.0.0.1 (free when asked; taken again at once by the caller).
fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port()
}

/// A running `brief preview`, interrupted (or killed) when dropped.
struct Preview {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Preview {
    /// Starts `brief preview` in `dir` with `args`, its temporary files in `tmp`, and
    /// waits for the address it prints.
    fn start(dir: &Path, tmp: &Path, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("preview")
            .args(args)
            .current_dir(dir)
            .env("TMPDIR", tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (found, port) = std::sync::mpsc::channel();
        let lines = BufReader::new(child.stderr.take().unwrap());
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let digits: String =
                        line[at + 17..].chars().take_while(char::is_ascii_digit).collect();
                    let _ = found.send(digits.parse::<u16>().unwrap());
                }
                kept.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let port = port.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!("brief preview printed no address:\n{}", log.lock().unwrap())
        });
        Preview { child, port, log }
    }

    /// What it printed so far.
    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Interrupts it as Ctrl-C would and returns its exit code.
    fn interrupt(mut self) -> i32 {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(started.elapsed() < PATIENCE, "Ctrl-C did not end it:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_preview_serves_its_own_routes_only_and_ends_cleanly_on_ctrl_c() {
    let dir = tempdir();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    write(dir.path(), "s.toml", "title = \"Routes\"\n[period]\nfrom = 2022\nto = 2022\n");
    let preview = Preview::start(dir.path(), &tmp, &["s.toml", "--as-of", "2026-11-22"]);
    let port = preview.port;
    let (status, page) = http(port, "GET", "/", None);
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("<label for=\"as-of\">"));
    let (status, view) = http(port, "GET", "/view", None);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&view));
    let view: Value = serde_json::from_slice(&view).unwrap();
    assert_eq!(view["title"], "Routes");
    let (status, pdf) = http(port, "GET", "/pdf", None);
    assert_eq!((status, &pdf[..5]), (200, &b"%PDF-"[..]));
    // No path names a file: not the spec beside it, not one above, not one anywhere.
    for path in ["/s.toml", "/../s.toml", "/page/../../s.toml", "/etc/passwd", "/%2e%2e/s.toml"] {
        assert_eq!(http(port, "GET", path, None).0, 404, "{path}");
    }
    assert_eq!(http(port, "GET", "/view?file=/etc/passwd", None).0, 400);
    assert_eq!(http(port, "GET", "/page?n=99", None).0, 404);
    // A page of another site, reaching here through a name of its own, is refused.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /view HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert_eq!(preview.interrupt(), 0);
    assert!(files_in(&tmp).is_empty(), "left behind: {:?}", files_in(&tmp));
    assert_eq!(files_in(dir.path()), ["s.toml", "tmp"]);
}

#[test]
fn the_preview_refuses_what_it_cannot_show() {
    let dir = tempdir();
    write(dir.path(), "a.toml", "title = \"A\"\n");
    write(dir.path(), "b.toml", "title = \"B\"\n");
    let run = brief(dir.path(), &["preview", "a.toml", "b.toml"]).expect(2);
    assert!(run.stderr.starts_with("error: `brief preview` shows one spec\n"), "{}", run.stderr);
    let run = brief(dir.path(), &["preview", "."]).expect(2);
    assert!(run.stderr.contains("is a folder; `brief preview` shows one spec"), "{}", run.stderr);
    let run = brief(dir.path(), &["preview", "-"]).expect(2);
    assert!(run.stderr.contains("cannot watch standard input"), "{}", run.stderr);
}

/// A headless Chromium session through chromedriver, ended when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium.
    fn start() -> Browser {
        let chromium = [
            "/usr/lib/chromium/chromium",
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
        ]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("Chromium is not installed: install chromium and chromium-driver (.ci/run does)");
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is not installed: install chromium-driver (.ci/run does)");
        let mut browser = Browser { driver, port, session: String::new() };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1200,900"]
            }
        }}});
        let created = browser.call("POST", "/session", Some(&capabilities));
        browser.session = created["sessionId"].as_str().expect("a session").to_owned();
        browser
    }

    /// A WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let (status, answer) = http(self.port, method, path, body);
        let answer: Value = serde_json::from_slice(&answer).unwrap();
        assert_eq!(status, 200, "{method} {path}: {answer}");
        answer["value"].clone()
    }

    /// Opens `url`.
    fn open(&self, url: &str) {
        self.call("POST", &format!("/session/{}/url", self.session), Some(&json!({"url": url})));
    }

    /// The value of `script` run in the page.
    fn run(&self, script: &str) -> Value {
        let body = json!({"script": script, "args": []});
        self.call("POST", &format!("/session/{}/execute/sync", self.session), Some(&body))
    }

    /// Sets the page's control `id` to `value` as a user would, and lets it know.
    fn choose(&self, id: &str, value: &str) {
        self.run(&format!(
            "const c = document.getElementById('{id}'); c.value = '{value}'; \
             c.dispatchEvent(new Event('change')); return null"
        ));
    }

    /// Waits until `script` returns `true` in the page, or fails with `what`.
    #[track_caller]
    fn wait_for(&self, what: &str, script: &str, preview: &Preview) {
        let started = Instant::now();
        while self.run(script) != Value::Bool(true) {
            assert!(
                started.elapsed() < PATIENCE,
                "timed out waiting for {what}; the page says {}; the preview printed:\n{}",
                self.run("return document.body.innerText"),
                preview.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(self.port, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The spec of the browser test, its English title `title` and its period's start
/// `from` (a broken value breaks it).
fn spec(title: &str, from: &str) -> String {
    format!(
        "title = {{ en = \"{title}\", id = \"Peramban pertama\" }}\n[period]\nfrom = {from}\nto = \"2022-12\"\n"
    )
}

#[test]
fn the_preview_page_follows_edits_errors_dates_and_languages_in_a_browser() {
    let dir = tempdir();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    write(dir.path(), "s.toml", &spec("Browser first", "\"2022-01\""));
    brief(dir.path(), &["generate", "s.toml", "--as-of", "2026-11-22", "-o", "whole.pdf"])
        .expect(0);
    let pages = pdf_pages(&dir.path().join("whole.pdf"));
    let preview = Preview::start(dir.path(), &tmp, &["s.toml", "--as-of", "2026-11-22"]);
    let browser = Browser::start();
    browser.open(&format!("http://127.0.0.1:{}/", preview.port));

    // As many page images as the PDF has pages, under the brief's title.
    browser.wait_for(
        "the pages",
        &format!(
            "return document.querySelectorAll('#pages img').length === {pages} \
             && document.getElementById('title').textContent === 'Browser first'"
        ),
        &preview,
    );
    let engagements = |browser: &Browser| -> u64 {
        let status = browser.run("return document.getElementById('status').textContent");
        let status = status.as_str().unwrap().to_owned();
        let before = status.split(" engagements").next().unwrap();
        before.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let whole = engagements(&browser);
    // Every control has a label.
    let labelled =
        "return [...document.querySelectorAll('input, select')].every(e => e.labels.length > 0)";
    assert_eq!(browser.run(labelled), Value::Bool(true));

    // An edit of the title shows without a reload.
    browser.run("window.kept = 'no reload'; return null");
    write(dir.path(), "s.toml", &spec("Browser second", "\"2022-01\""));
    browser.wait_for(
        "the new title",
        "return document.getElementById('title').textContent === 'Browser second'",
        &preview,
    );
    assert_eq!(browser.run("return window.kept"), json!("no reload"));

    // A broken spec shows its error with its line over the last good pages; fixing it
    // clears the error.
    write(dir.path(), "s.toml", &spec("Browser second", "\"2022-13\""));
    browser.wait_for(
        "the error",
        "const e = document.getElementById('error'); \
         return !e.hidden && e.textContent.includes('s.toml:3:')",
        &preview,
    );
    let shown = format!("return document.querySelectorAll('#pages img').length === {pages}");
    assert_eq!(browser.run(&shown), Value::Bool(true), "the last good pages stay");
    write(dir.path(), "s.toml", &spec("Browser third", "\"2022-01\""));
    browser.wait_for(
        "the error to clear",
        "return document.getElementById('error').hidden \
         && document.getElementById('title').textContent === 'Browser third'",
        &preview,
    );
    assert_eq!(browser.run("return window.kept"), json!("no reload"));

    // An as-of date inside the period shows the brief as it read then: fewer engagements.
    browser.choose("as-of", "2022-03-31");
    browser.wait_for(
        "the brief as of 2022-03-31",
        "return document.getElementById('status').textContent.includes('as of 2022-03-31')",
        &preview,
    );
    let then = engagements(&browser);
    assert!(then < whole, "as of 2022-03-31: {then} engagements, at the end: {whole}");

    // The language control shows the Indonesian title; the URL holds the choices.
    browser.choose("language", "id");
    browser.wait_for(
        "the Indonesian title",
        "return document.getElementById('title').textContent === 'Peramban pertama'",
        &preview,
    );
    assert_eq!(browser.run("return location.search"), json!("?as_of=2022-03-31&language=id"));
    // The download link gives the PDF of exactly that view.
    let link = browser.run("return document.getElementById('download').getAttribute('href')");
    assert_eq!(link, json!("/pdf?as_of=2022-03-31&language=id"));
    let (status, pdf) = http(preview.port, "GET", link.as_str().unwrap(), None);
    assert_eq!(status, 200);
    std::fs::write(dir.path().join("shown.pdf"), &pdf).unwrap();
    assert!(super::harness::pdf_info(&dir.path().join("shown.pdf")).contains("Peramban pertama"));

    drop(browser);
    assert_eq!(preview.interrupt(), 0);
    assert!(files_in(&tmp).is_empty(), "left behind: {:?}", files_in(&tmp));
}
