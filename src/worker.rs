//! Rendering under limits of time and memory: in worker processes, so that one runaway
//! brief ends alone, or for a one-shot run on a watched thread.
//!
//! Typst has no way to stop a compilation from outside: a `text` body with an endless
//! loop, a string that grows until the machine runs out of memory, or a body that makes
//! fifty thousand pages would hold a thread (and the whole process's memory) for ever.
//! So `brief` renders in worker processes: each is the `brief` binary itself, started
//! with a hidden subcommand, that loads the fonts and templates once and then renders
//! the briefs it is sent one after the other. The parent watches each render: past its
//! time limit or memory ceiling the worker is killed, that brief fails with a clear
//! message, and the next brief gets a fresh worker.
//!
//! A run that renders a single brief and then ends (a one-shot `brief generate`) need
//! not pay for a second process: [`render_watched`] renders it on a thread of this
//! process, watched in the same way. Past a limit the brief fails at once and the
//! thread is left behind; the process reports the failure and ends, which ends the
//! thread too. Nothing is written before a brief is complete, so nothing is left
//! half-written.
//!
//! The protocol on the worker's standard input and output is a stream of frames, each a
//! little-endian `u32` length and a JSON header, then a `u64` length and raw bytes (the
//! brief's data one way, the PDF or the page images one after the other the other).

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::render::{
    Export, Exported, PageImage, PageLimit, RenderError, RenderRequest, Rendered, Renderer,
};
use crate::spec::PdfStandard;

/// The hidden subcommand that makes the binary a worker.
pub const WORKER_COMMAND: &str = "__render-worker";

/// How much one brief may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time for compiling and exporting one brief.
    pub timeout: Duration,
    /// Resident memory of the worker rendering it, in bytes (Linux only).
    pub max_memory: u64,
    /// Pages of one brief.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout: Duration::from_secs(120), max_memory: 4 << 30, max_pages: 2_000 }
    }
}

/// How a worker is started: the binary, and the fonts it loads.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The `brief` executable.
    pub exe: PathBuf,
    /// Extra font folders (`--font-path`).
    pub font_paths: Vec<PathBuf>,
}

/// The header of a request frame.
#[derive(Debug, Serialize, Deserialize)]
struct RequestHeader {
    main: String,
    overrides: Option<PathBuf>,
    logo: Option<PathBuf>,
    /// The as-of date, `YYYY-MM-DD`.
    as_of: String,
    ident: String,
    page_limit: Option<PageLimit>,
    pdf_standards: Vec<PdfStandard>,
    export: Export,
    read_text: bool,
    /// Whether the worker reads template folders afresh: the first request of a run
    /// to a worker kept from an earlier run, whose folders may have changed since.
    #[serde(default)]
    reread_folders: bool,
}

/// The header of a response frame.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ResponseHeader {
    /// The error; `None` when the PDF or the page images follow.
    error: Option<RenderError>,
    pages: usize,
    warnings: String,
    /// The numbers of the page images that follow, one after the other; empty for a PDF.
    image_pages: Vec<usize>,
    /// The length of each page image, in bytes.
    image_lengths: Vec<u64>,
    /// Every page's text, when the request asked for it.
    page_texts: Vec<String>,
}

impl ResponseHeader {
    /// The header of a rendered brief, and the payload that goes with it.
    fn rendered(rendered: Rendered) -> (ResponseHeader, Vec<u8>) {
        let mut header = ResponseHeader {
            pages: rendered.pages,
            warnings: rendered.warnings,
            page_texts: rendered.page_texts,
            ..Default::default()
        };
        let payload = match rendered.exported {
            Exported::Pdf(pdf) => pdf,
            Exported::Pages(images) => {
                let mut payload = Vec::new();
                for image in images {
                    header.image_pages.push(image.number);
                    header.image_lengths.push(image.bytes.len() as u64);
                    payload.extend(image.bytes);
                }
                payload
            }
        };
        (header, payload)
    }

    /// What the payload holds, as this header describes it.
    fn exported(&self, payload: Vec<u8>) -> io::Result<Exported> {
        if self.image_pages.is_empty() {
            return Ok(Exported::Pdf(payload));
        }
        let mut images = Vec::new();
        let mut rest = payload.as_slice();
        for (&number, &length) in self.image_pages.iter().zip(&self.image_lengths) {
            let length = usize::try_from(length).map_err(io::Error::other)?;
            if length > rest.len() {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let (bytes, after) = rest.split_at(length);
            images.push(PageImage { number, bytes: bytes.to_vec() });
            rest = after;
        }
        Ok(Exported::Pages(images))
    }
}

/// One running worker process.
pub struct Worker {
    child: Arc<Mutex<Child>>,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    pid: u32,
    /// Whether the template folders it read may have changed since (it was kept).
    kept: bool,
}

/// Idle workers kept between the runs of a session (`watch`, `preview`): each run takes
/// one whose fonts are loaded and whose compiler caches are warm, instead of starting a
/// process that compiles the brief from nothing.
#[derive(Default)]
pub struct WorkerPool {
    idle: Mutex<Vec<Worker>>,
}

impl WorkerPool {
    /// An idle worker, if one is kept.
    pub fn take(&self) -> Option<Worker> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()
    }

    /// Keeps `worker` for the next run, which makes it read template folders afresh.
    pub fn put(&self, mut worker: Worker) {
        worker.kept = true;
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(worker);
    }
}

impl std::fmt::Debug for WorkerPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().map_or(0, |idle| idle.len());
        write!(f, "WorkerPool {{ idle: {idle} }}")
    }
}

/// Why a worker did not deliver a brief.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, for the brief's report.
    pub error: RenderError,
    /// Whether the worker is gone (killed past a limit, or dead) and must be replaced;
    /// after a compile error it lives on and renders the next brief.
    pub worker_lost: bool,
}

impl Failure {
    /// A failure that took the worker with it.
    fn lost(message: String) -> Self {
        Failure { error: RenderError::plain(message), worker_lost: true }
    }
}

/// Why the watchdog ended a render.
#[derive(Debug, Clone, Copy)]
enum Verdict {
    TimedOut,
    OutOfMemory(u64),
}

impl Verdict {
    /// The verdict on a render that started at `started` in process `pid`, if it has
    /// passed one of `limits`.
    fn on(started: Instant, pid: u32, limits: Limits) -> Option<Verdict> {
        if started.elapsed() > limits.timeout {
            return Some(Verdict::TimedOut);
        }
        crate::memory::over_with_largest(pid, limits.max_memory).map(Verdict::OutOfMemory)
    }

    /// What the brief's report says.
    fn message(self, limits: Limits) -> String {
        match self {
            Verdict::TimedOut => format!(
                "the brief took longer than {} s to render and was stopped; a `text` body or \
                 a template may loop for ever (raise the limit with --timeout SECS)",
                limits.timeout.as_secs()
            ),
            Verdict::OutOfMemory(used) => format!(
                "the run took more than {} MiB of memory ({} MiB, the most of it rendering \
                 this brief) and the brief was stopped; a `text` body or a template may grow \
                 without end (raise the ceiling with --max-memory MIB)",
                limits.max_memory >> 20,
                used >> 20
            ),
        }
    }
}

/// The stack reserved for a render thread.
const RENDER_STACK: usize = 256 << 20;

/// Renders one brief on a thread of this process within `limits` (time and resident
/// memory, as a worker would be watched). Past a limit the brief fails at once and the
/// render thread is abandoned: only for a process that ends after this brief.
pub fn render_watched(
    renderer: &Arc<Renderer>,
    request: RenderRequest,
    limits: Limits,
) -> Result<Rendered, RenderError> {
    let (sender, receiver) = mpsc::channel();
    let shared = Arc::clone(renderer);
    // Typst recurses as deep as a template's expressions nest: the thread reserves a
    // large stack (address space, touched only as deep as it goes), so that a deep
    // template fails in Typst's own limits rather than ending the process.
    std::thread::Builder::new()
        .name("render".into())
        .stack_size(RENDER_STACK)
        .spawn(move || {
            let _ = sender.send(shared.render(request));
        })
        .map_err(|e| RenderError::plain(format!("cannot start a render thread ({e})")))?;
    match wait_within(&receiver, std::process::id(), limits) {
        Ok(Some(rendered)) => rendered,
        Ok(None) => Err(RenderError::plain("the render thread stopped unexpectedly")),
        Err(verdict) => Err(RenderError::plain(verdict.message(limits))),
    }
}

/// Waits for what a render sends on `receiver` while watching process `pid` for
/// `limits`: the value, `None` when the sender went away without one, or the verdict
/// once a limit is passed.
fn wait_within<T>(
    receiver: &mpsc::Receiver<T>,
    pid: u32,
    limits: Limits,
) -> Result<Option<T>, Verdict> {
    let started = Instant::now();
    loop {
        match receiver.recv_timeout(crate::memory::TICK) {
            Ok(value) => return Ok(Some(value)),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some(verdict) = Verdict::on(started, pid, limits) {
            return Err(verdict);
        }
    }
}

impl Worker {
    /// Starts a worker.
    pub fn spawn(command: &WorkerCommand) -> io::Result<Worker> {
        let mut process = Command::new(&command.exe);
        process.arg(WORKER_COMMAND);
        for dir in &command.font_paths {
            process.arg("--font-path").arg(dir);
        }
        let mut child = process
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take().ok_or_else(|| io::Error::other("no worker stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| io::Error::other("no worker stdout"))?;
        let pid = child.id();
        crate::memory::add_worker(pid);
        Ok(Worker {
            child: Arc::new(Mutex::new(child)),
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(stdout),
            pid,
            kept: false,
        })
    }

    /// Renders one brief within `limits`.
    pub fn render(&mut self, request: RenderRequest, limits: Limits) -> Result<Rendered, Failure> {
        let header = RequestHeader {
            main: request.main,
            overrides: request.overrides,
            logo: request.logo,
            as_of: request.as_of.to_string(),
            ident: request.ident,
            page_limit: request.page_limit,
            pdf_standards: request.pdf_standards,
            export: request.export,
            read_text: request.read_text,
            reread_folders: std::mem::take(&mut self.kept),
        };
        let (done, finished) = mpsc::channel::<()>();
        let watched = Arc::clone(&self.child);
        let pid = self.pid;
        let watchdog = std::thread::spawn(move || watch(pid, &watched, &finished, limits));
        let exchanged = write_frame(&mut self.stdin, &header, &request.data)
            .and_then(|()| read_frame::<ResponseHeader>(&mut self.stdout));
        let _ = done.send(());
        let verdict = watchdog.join().unwrap_or(None);
        match (exchanged, verdict) {
            (_, Some(verdict)) => Err(Failure::lost(verdict.message(limits))),
            (Ok((header, payload)), None) => match (header.error.clone(), header.exported(payload))
            {
                (Some(error), _) => Err(Failure { error, worker_lost: false }),
                (None, Ok(exported)) => Ok(Rendered {
                    exported,
                    pages: header.pages,
                    warnings: header.warnings,
                    page_texts: header.page_texts,
                }),
                (None, Err(e)) => Err(Failure::lost(format!(
                    "the render worker sent a page image it did not describe ({e})"
                ))),
            },
            (Err(e), None) => {
                let status = self.child.lock().unwrap_or_else(|p| p.into_inner()).wait();
                let how = match status {
                    Ok(status) => status.to_string(),
                    Err(_) => e.to_string(),
                };
                Err(Failure::lost(format!("the render worker stopped unexpectedly ({how})")))
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap_or_else(|p| p.into_inner());
        // A worker ends when its input closes; one that is stuck is killed.
        if !matches!(child.try_wait(), Ok(Some(_))) {
            let _ = child.kill();
        }
        let _ = child.wait();
        crate::memory::remove_worker(self.pid);
    }
}

/// Watches a render until `finished` says it is done, killing the worker when it passes
/// its time limit or memory ceiling; returns why it killed, if it did.
fn watch(
    pid: u32,
    child: &Mutex<Child>,
    finished: &mpsc::Receiver<()>,
    limits: Limits,
) -> Option<Verdict> {
    let verdict = wait_within(finished, pid, limits).err()?;
    let _ = child.lock().unwrap_or_else(|p| p.into_inner()).kill();
    Some(verdict)
}

/// Writes one frame: the header as JSON, then the payload.
fn write_frame(out: &mut impl Write, header: &impl Serialize, payload: &[u8]) -> io::Result<()> {
    let json = serde_json::to_vec(header).map_err(io::Error::other)?;
    let length = u32::try_from(json.len()).map_err(io::Error::other)?;
    out.write_all(&length.to_le_bytes())?;
    out.write_all(&json)?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(payload)?;
    out.flush()
}

/// Reads one frame; `UnexpectedEof` when the stream ended between frames.
fn read_frame<H: for<'de> Deserialize<'de>>(input: &mut impl Read) -> io::Result<(H, Vec<u8>)> {
    let mut length = [0; 4];
    input.read_exact(&mut length)?;
    let mut json = vec![0; u32::from_le_bytes(length) as usize];
    input.read_exact(&mut json)?;
    let header = serde_json::from_slice(&json).map_err(io::Error::other)?;
    let mut length = [0; 8];
    input.read_exact(&mut length)?;
    let length = usize::try_from(u64::from_le_bytes(length)).map_err(io::Error::other)?;
    let mut payload = Vec::new();
    input.take(length as u64).read_to_end(&mut payload)?;
    if payload.len() != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok((header, payload))
}

/// The worker's side: loads the fonts and templates, then renders every request on
/// standard input until it closes. Returns the process's exit code.
pub fn serve(font_paths: &[PathBuf]) -> u8 {
    let renderer = match Renderer::new(font_paths) {
        Ok(renderer) => renderer,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = BufWriter::new(io::stdout().lock());
    loop {
        let (header, data) = match read_frame::<RequestHeader>(&mut input) {
            Ok(frame) => frame,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 1,
        };
        let Ok(as_of) = NaiveDate::parse_from_str(&header.as_of, "%Y-%m-%d") else {
            return 1;
        };
        if header.reread_folders {
            renderer.forget_folders();
        }
        let request = RenderRequest {
            main: header.main,
            overrides: header.overrides,
            logo: header.logo,
            data,
            as_of,
            ident: header.ident,
            page_limit: header.page_limit,
            pdf_standards: header.pdf_standards,
            export: header.export,
            read_text: header.read_text,
        };
        let (response, payload) = match renderer.render(request) {
            Ok(rendered) => ResponseHeader::rendered(rendered),
            Err(error) => (ResponseHeader { error: Some(error), ..Default::default() }, vec![]),
        };
        if write_frame(&mut output, &response, &payload).is_err() {
            return 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_a_cut_stream_is_an_eof() {
        let header = ResponseHeader { pages: 3, warnings: "w".into(), ..Default::default() };
        let mut bytes = Vec::new();
        write_frame(&mut bytes, &header, b"%PDF-1.7").unwrap();
        let (read, payload): (ResponseHeader, Vec<u8>) = read_frame(&mut bytes.as_slice()).unwrap();
        assert_eq!(
            (read.pages, read.warnings.as_str(), payload.as_slice()),
            (3, "w", &b"%PDF-1.7"[..])
        );
        let cut = &bytes[..bytes.len() - 2];
        let error = read_frame::<ResponseHeader>(&mut &cut[..]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn page_images_travel_in_one_payload_and_come_apart_again() {
        let images = vec![
            PageImage { number: 2, bytes: b"first".to_vec() },
            PageImage { number: 5, bytes: b"second!".to_vec() },
        ];
        let rendered = Rendered {
            exported: Exported::Pages(images.clone()),
            pages: 6,
            warnings: String::new(),
            page_texts: vec![],
        };
        let (header, payload) = ResponseHeader::rendered(rendered);
        assert_eq!(header.exported(payload.clone()).unwrap(), Exported::Pages(images));
        let error = header.exported(payload[..8].to_vec()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        let pdf = ResponseHeader::default().exported(b"%PDF".to_vec()).unwrap();
        assert_eq!(pdf, Exported::Pdf(b"%PDF".to_vec()));
    }
}
