//! The whole run: specs and their variants planned ([`crate::plan`]), then rendered
//! and written, one bad spec or failed render never stopping the others.
//!
//! Planning renders nothing and refuses every output that could do harm. Only then are
//! the briefs built and rendered by a fixed pool of `-j` workers pulling from one queue,
//! each brief written as soon as it is done, so memory holds at most `-j` briefs.
//! Workers are separate processes ([`crate::worker`]) when the run has a worker
//! command, so that a brief past its time or memory limit ends alone; a run of one
//! brief in a process that ends with it renders on a watched thread instead.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::model;
use crate::output::{self, Report, ReportEntry, Status, Target};
use crate::plan::{self, Planned, page_limit};
pub use crate::plan::{Mode, Options, Plan, load_dataset, spec_files};
use crate::render::{Exported, RenderError, RenderRequest, Rendered, Renderer};
use crate::spec::Spec;
use crate::worker::{self, Limits, Worker, WorkerCommand, WorkerPool};

/// Something the run reports while it works.
#[derive(Debug)]
pub enum Message<'a> {
    /// Problems with a spec or its data; the spec is skipped.
    Invalid(&'a [Diagnostic]),
    /// Warnings that do not stop the brief.
    Warnings(&'a [Diagnostic]),
    /// Typst's warnings for a brief that rendered.
    TemplateWarnings(&'a str),
    /// An output that will be written (in a dry run: would be written).
    Planned(&'a Plan),
    /// Rendering starts: this many outputs.
    Rendering(usize),
    /// A brief was written (or checked).
    Done(&'a ReportEntry),
    /// A brief failed; the text is the error, with Typst's diagnostics if any.
    Failed(&'a ReportEntry),
}

/// How the run went.
#[derive(Debug, Default)]
pub struct Summary {
    /// One entry per output, or per spec that could not be planned.
    pub entries: Vec<ReportEntry>,
    /// Whether the arguments themselves were wrong (nothing was rendered).
    pub bad_arguments: bool,
    /// Whether the `--report` could not be written.
    pub report_failed: bool,
    /// The files the run read (specs, data, templates), as planning found them; empty
    /// when the arguments were wrong.
    pub inputs: plan::Inputs,
}

impl Summary {
    /// Outputs written or checked.
    pub fn written(&self) -> usize {
        self.entries.iter().filter(|e| e.status.is_success()).count()
    }

    /// Specs or outputs that were invalid or failed.
    pub fn failed(&self) -> usize {
        self.entries.len() - self.written()
    }

    /// How the run ends: invalid when the arguments were wrong or no spec was valid,
    /// failed when any output failed, else success.
    pub fn exit(&self) -> Exit {
        let invalid = self.entries.iter().filter(|e| e.status == Status::Invalid).count();
        if self.bad_arguments || (invalid > 0 && invalid == self.entries.len()) {
            Exit::Invalid
        } else if self.failed() > 0 || self.report_failed {
            Exit::Failed
        } else {
            Exit::Success
        }
    }
}

/// How a command ends, and the process exit code each way has: the one place where the
/// codes of the CLI contract are written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything went as asked: 0.
    Success,
    /// A brief failed to render or write, or output could not be written: 1.
    Failed,
    /// Invalid input (arguments, spec, dataset), found before rendering: 2.
    Invalid,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failed => 1,
            Exit::Invalid => 2,
        }
    }
}

/// Runs `generate`, `check` or a dry run over `args`, reporting through `on`, and writes
/// the run report if one was asked for (and planning found that it destroys no input).
pub fn run(args: &[PathBuf], options: &Options, on: &(dyn Fn(Message<'_>) + Sync)) -> Summary {
    let mut summary = Summary::default();
    // Loading writes nothing: a run whose specs and data pass the memory ceiling as they
    // load is stopped there, with nothing to undo.
    let loaded = crate::memory::while_loading(
        options.limits.max_memory,
        || plan::plan(args, options),
        |used| {
            on(Message::Invalid(&[Diagnostic::error(format!(
                "loading the specs and data took more than {} MiB of memory ({} MiB) and was \
                 stopped; a data file or a spec may be far larger than it looks (raise the \
                 ceiling with --max-memory MIB)",
                options.limits.max_memory >> 20,
                used >> 20
            ))]));
            std::process::exit(Exit::Invalid.code().into())
        },
    );
    let planned = match loaded {
        Ok(planned) => planned,
        Err(diagnostics) => {
            on(Message::Invalid(&diagnostics));
            summary.bad_arguments = true;
            return summary;
        }
    };
    for warnings in &planned.warnings {
        on(Message::Warnings(warnings));
    }
    for (path, diagnostics) in &planned.invalid {
        on(Message::Invalid(diagnostics));
        summary.entries.push(invalid_entry(path, diagnostics));
    }
    for plan in &planned.plans {
        on(Message::Planned(plan));
    }
    if options.mode == Mode::DryRun {
        summary.entries.extend(planned.plans.iter().map(|plan| ReportEntry {
            events: Some(plan.dataset.select(&plan.selection.brief).count()),
            ..entry(plan, Status::Planned)
        }));
    } else {
        match render_all(&planned, options, on) {
            Ok(entries) => summary.entries.extend(entries),
            Err(d) => {
                on(Message::Invalid(&[d]));
                summary.bad_arguments = true;
            }
        }
    }
    // Only now, after every page image was checked against them, do the inputs leave.
    summary.inputs = planned.inputs;
    if let Some(target) = &planned.report
        && let Err(message) = write_report(target, &summary, options.as_of)
    {
        on(Message::Invalid(&[Diagnostic::error(message)]));
        summary.report_failed = true;
    }
    summary
}

/// Writes the run report as JSON.
fn write_report(target: &Target, summary: &Summary, as_of: NaiveDate) -> Result<(), String> {
    let report = Report {
        tool: model::TOOL,
        as_of: as_of.to_string(),
        written: summary.written(),
        failed: summary.failed(),
        outputs: summary.entries.clone(),
    };
    let json = serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?;
    output::write(target, &json)
}

/// The report entry of a spec that could not be planned.
fn invalid_entry(path: &Path, diagnostics: &[Diagnostic]) -> ReportEntry {
    let first = diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error);
    ReportEntry {
        spec: path.display().to_string(),
        variant: 0,
        language: None,
        audience: None,
        path: None,
        files: vec![],
        status: Status::Invalid,
        pages: None,
        exported_pages: None,
        events: None,
        bytes: None,
        milliseconds: None,
        error: first.map(|d| match d.location() {
            Some(at) => format!("{at}: {}", d.message),
            None => d.message.clone(),
        }),
    }
}

/// A report entry for a plan, before rendering; the engagement count comes later.
fn entry(plan: &Plan, status: Status) -> ReportEntry {
    ReportEntry {
        spec: plan.spec.path.display().to_string(),
        variant: plan.variant,
        language: Some(plan.settings.language.code().into()),
        audience: Some(plan.settings.audience.as_str().into()),
        path: Some(plan.output.display().to_string()),
        files: vec![],
        status,
        pages: None,
        exported_pages: None,
        events: None,
        bytes: None,
        milliseconds: None,
        error: None,
    }
}

/// The most workers a run starts per core: more only adds memory, not speed.
const WORKERS_PER_CORE: usize = 8;

/// How a pool thread renders: in this process, or through its worker process.
enum Engine<'a> {
    /// The run's one renderer, shared by the threads, without limits (library callers).
    InProcess(&'a Renderer),
    /// The run's one renderer, for its one brief, on a thread watched for the limits.
    Watched(Arc<Renderer>),
    /// A worker process of this thread's own, started when first needed and again after
    /// one was stopped.
    Isolated(&'a WorkerCommand, Option<Worker>),
}

impl Engine<'_> {
    /// Renders one request.
    fn render(&mut self, request: RenderRequest, limits: Limits) -> Result<Rendered, RenderError> {
        match self {
            Engine::InProcess(renderer) => renderer.render(request),
            Engine::Watched(renderer) => worker::render_watched(renderer, request, limits),
            Engine::Isolated(command, slot) => {
                let worker = match slot {
                    Some(worker) => worker,
                    None => slot.insert(Worker::spawn(command).map_err(|e| {
                        RenderError::plain(format!("cannot start a render worker ({e})"))
                    })?),
                };
                worker.render(request, limits).map_err(|failure| {
                    if failure.worker_lost {
                        *slot = None;
                    }
                    failure.error
                })
            }
        }
    }
}

/// Renders and writes every plan with a fixed pool of `-j` threads (at most one per
/// output) that take the next plan from a shared queue.
fn render_all(
    planned: &Planned,
    options: &Options,
    on: &(dyn Fn(Message<'_>) + Sync),
) -> Result<Vec<ReportEntry>, Diagnostic> {
    let plans = &planned.plans;
    // One brief in a process that ends with it renders here: starting a worker would
    // cost more than the brief's own compile (BENCHMARKS.md, "What moved the figures",
    // `1b31fbb`).
    let watched = options.ends_after_run && plans.len() == 1;
    let renderer = match options.worker {
        Some(_) if !watched => None,
        _ => Some(Arc::new(Renderer::new(&options.font_paths).map_err(Diagnostic::error)?)),
    };
    on(Message::Rendering(plans.len()));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = options.jobs.clamp(1, plans.len().max(1)).min(cores * WORKERS_PER_CORE);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<ReportEntry>>> = Mutex::new(vec![None; plans.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let work = || {
                let kept = options.workers.as_deref();
                let mut engine = match (&renderer, &options.worker) {
                    (Some(renderer), Some(_)) => Engine::Watched(Arc::clone(renderer)),
                    (Some(renderer), None) => Engine::InProcess(renderer),
                    (None, Some(command)) => {
                        Engine::Isolated(command, kept.and_then(WorkerPool::take))
                    }
                    (None, None) => return,
                };
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(plan) = plans.get(index) else {
                        break;
                    };
                    let entry = render_one(plan, planned, options, &mut engine, on);
                    results.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(entry);
                }
                if let (Some(kept), Engine::Isolated(_, Some(worker))) = (kept, engine) {
                    kept.put(worker);
                }
            };
            // Typst grows its own stack where it recurses deeply; in-process rendering
            // gets the main thread's size.
            let spawned = std::thread::Builder::new().stack_size(8 << 20).spawn_scoped(scope, work);
            if spawned.is_err() {
                break;
            }
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(plans
        .iter()
        .zip(results)
        .map(|(plan, result)| {
            result.unwrap_or_else(|| ReportEntry {
                error: Some("no thread could be started to render it".into()),
                ..entry(plan, Status::Failed)
            })
        })
        .collect())
}

/// Builds, renders and writes one brief.
fn render_one(
    plan: &Plan,
    planned: &Planned,
    options: &Options,
    engine: &mut Engine<'_>,
    on: &(dyn Fn(Message<'_>) + Sync),
) -> ReportEntry {
    let started = Instant::now();
    let mut result = entry(plan, Status::Failed);
    let outcome = build_and_render(plan, planned, options, engine, on, &mut result.events);
    result.milliseconds = Some(started.elapsed().as_millis() as u64);
    match outcome {
        Ok((pages, exported, bytes, files)) => {
            result.status =
                if options.mode == Mode::Check { Status::Checked } else { Status::Written };
            result.pages = Some(pages);
            result.exported_pages = (exported < pages).then_some(exported);
            result.bytes = Some(bytes);
            result.files = files;
            on(Message::Done(&result));
        }
        Err(error) => {
            let hint = error.in_evaluated_markup.then(|| body_hint(&plan.spec)).flatten();
            result.error = Some(match hint {
                Some(hint) => format!("{}\n = hint: {hint}", error.message.trim_end()),
                None => error.message,
            });
            on(Message::Failed(&result));
        }
    }
    result
}

/// Builds the brief model, renders it and writes the PDF or the page images (and
/// `--emit-data`); returns the pages rendered and exported, the bytes and the page images written, and sets
/// `events` once the model knows them.
fn build_and_render(
    plan: &Plan,
    planned: &Planned,
    options: &Options,
    engine: &mut Engine<'_>,
    on: &(dyn Fn(Message<'_>) + Sync),
    events: &mut Option<usize>,
) -> Result<(usize, usize, usize, Vec<String>), RenderError> {
    let limit = page_limit(plan, options.limits);
    let mut settings = plan.settings.clone();
    // The highlights shown by the last render that ran long; `None` on the first.
    let mut last_shown = None;
    // Glossary terms of the data that an earlier render did not print: the brief is
    // rendered again without them, so that its abbreviations are those it uses.
    let mut unprinted: Vec<String> = Vec::new();
    let rendered = loop {
        let mut data = model::build(&plan.spec, &settings, &plan.selection, &plan.dataset)
            .map_err(|e| RenderError::plain(e.to_string()))?;
        data.glossary.retain(|entry| !unprinted.contains(&entry.term));
        let glossary = data.glossary.clone();
        *events = Some(data.meta.event_count);
        let json = model::to_json(&data)
            .map_err(|e| RenderError::plain(format!("cannot serialise the brief ({e})")))?;
        // The data is written with the PDF, once the brief fits; only then is a copy kept.
        let emitted = planned.emit.as_ref().map(|target| (target, json.clone()));
        // The model is not needed while Typst works on its JSON: its memory goes back
        // before the compile, which is when a brief's memory peaks.
        let shown = shown_highlights(&data);
        // A public brief's rendered pages are searched again for the names it withholds.
        let withheld = data.withheld.take();
        drop(data);
        let request = RenderRequest {
            main: plan.main.clone(),
            overrides: plan.overrides.clone(),
            logo: plan.logo.clone(),
            data: json,
            as_of: plan.settings.as_of,
            ident: format!(
                "{}/{}/{}/{}",
                plan.spec.stem(),
                plan.variant,
                plan.settings.language.code(),
                plan.settings.audience.as_str()
            ),
            page_limit: Some(limit.clone()),
            pdf_standards: plan.pdf_standards.clone(),
            export: options.export.clone(),
            read_text: withheld.is_some() || !glossary.is_empty(),
        };
        match engine.render(request, options.limits) {
            // An executive brief that runs long sheds its lowest-ranked highlight and is
            // rendered again; one that cannot shrink further fails.
            Err(error)
                if error.over_page_limit.is_some()
                    && settings.audience == crate::spec::Audience::Executive =>
            {
                if shown <= 1 || last_shown == Some(shown) {
                    let pages = error.over_page_limit.unwrap_or_default();
                    return Err(RenderError::plain(format!(
                        "the executive brief does not fit on two pages: it has {pages}, even \
                         with its highlights cut to the fewest it must show ({shown}), and no \
                         section the spec asks for is left out; remove a section from the spec, \
                         narrow its filter, or use the analyst brief"
                    )));
                }
                last_shown = Some(shown);
                settings.highlights = shown - 1;
            }
            Err(error) => return Err(error),
            Ok(rendered) => {
                if let Some(names) = &withheld
                    && let Some(message) = model::named_on_pages(&rendered.page_texts, names)
                {
                    return Err(RenderError::plain(message));
                }
                let unused = model::unprinted_terms(&rendered.page_texts, &glossary);
                if !unused.is_empty() {
                    unprinted.extend(unused);
                    continue;
                }
                if let Some((target, json)) = emitted {
                    output::write(target, &json).map_err(RenderError::plain)?;
                }
                break rendered;
            }
        }
    };
    if !rendered.warnings.is_empty() {
        on(Message::TemplateWarnings(&rendered.warnings));
    }
    let mut files = Vec::new();
    if options.mode == Mode::Write {
        files = write_exported(plan, &rendered.exported, planned, options)
            .map_err(RenderError::plain)?;
    }
    // `--pages` may export fewer pages than the brief has.
    let exported = match (&rendered.exported, &options.export.pages) {
        (crate::render::Exported::Pages(images), _) => images.len(),
        (_, Some(selection)) => (1..=rendered.pages).filter(|n| selection.includes(*n)).count(),
        (_, None) => rendered.pages,
    };
    Ok((rendered.pages, exported, rendered.exported.total_bytes(), files))
}

/// Writes a brief's PDF to its target, or each page image to its own file named after
/// the target (`--format png|svg`), each checked like the target against the run's
/// inputs; returns the page images' paths as the user wrote them. A stream (`-o -`, a
/// device) takes the images one after the other.
fn write_exported(
    plan: &Plan,
    exported: &Exported,
    planned: &Planned,
    options: &Options,
) -> Result<Vec<String>, String> {
    let images = match exported {
        Exported::Pdf(pdf) => return output::write(&plan.target, pdf).map(|()| vec![]),
        Exported::Pages(images) => images,
    };
    let Target::File(base) = &plan.target else {
        for image in images {
            output::write(&plan.target, &image.bytes)?;
        }
        return Ok(vec![]);
    };
    let extension = options.export.format.as_str();
    // One page, written to a name of the image format without `{page}` (`-o thumb.png
    // --pages 1`), goes to that very name.
    let alone = |path: &Path| {
        images.len() == 1
            && path.extension().is_some_and(|e| e == extension)
            && !path.to_string_lossy().contains(output::PAGE_PLACEHOLDER)
    };
    let name_of = |path: &Path, number: usize| match alone(path) {
        true => path.to_path_buf(),
        false => output::page_path(path, number, extension),
    };
    let mut written = Vec::new();
    for image in images {
        let path = name_of(base, image.number);
        let resolved = output::resolve(&path, false).map_err(|why| {
            format!("cannot write page {} to `{}`: {why}", image.number, path.display())
        })?;
        // A spec's own output stays in its folder, page images included: a page name
        // that is a link out of it is not written through.
        if plan.from_pattern
            && options.output.is_none()
            && !options.allow_outside
            && let Target::File(real) = &resolved.target
            && plan.spec.folder_real().is_ok_and(|folder| !real.starts_with(folder))
        {
            return Err(format!(
                "page {} would be written to `{}`, outside the spec's folder",
                image.number,
                real.display()
            ));
        }
        if let Some(input) = planned.inputs.replaced_by(&resolved) {
            return Err(format!(
                "page {} would be written to {input}, which it would destroy; write the images \
                 somewhere else",
                image.number
            ));
        }
        output::write(&resolved.target, &image.bytes)?;
        written.push(name_of(&plan.output, image.number).display().to_string());
    }
    Ok(written)
}

/// The most highlights any events section of the brief shows.
fn shown_highlights(data: &model::BriefData) -> usize {
    data.sections.iter().map(|s| s.content.highlights().len()).max().unwrap_or(0)
}

/// Where to look when a render fails inside evaluated markup: Typst reports such errors
/// at the template's `eval` call, so the hint names each `text` body's place in the spec.
fn body_hint(spec: &Spec) -> Option<String> {
    let places: Vec<String> = spec
        .sections
        .iter()
        .filter_map(|section| section.body.as_ref())
        .map(|body| spec.source.place(&body.range()))
        .collect();
    (!places.is_empty()).then(|| {
        format!(
            "the error is in the Typst markup of a `text` section's `body`, written at {}",
            places.join(", ")
        )
    })
}

/// The flagship spec, embedded for the sample data of `templates export`.
const SAMPLE_SPEC: &str = include_str!("../briefs/bnpt-international-2021-2024.toml");

/// The flagship brief's `/brief.json` as of `as_of`, from the bundled data: the sample
/// that `brief templates export` writes beside the templates.
pub fn sample_brief_json(as_of: NaiveDate) -> Result<Vec<u8>, String> {
    let path = Path::new("bnpt-international-2021-2024.toml");
    let source = crate::diag::SourceText::new("bnpt-international-2021-2024.toml", SAMPLE_SPEC);
    let spec = Spec::parse(path, source).map_err(|_| "the sample spec is invalid".to_owned())?;
    let mut dataset = crate::dataset::Dataset::bundled()
        .map_err(|_| "the bundled dataset is invalid".to_owned())?;
    dataset.apply_known_on(as_of);
    let period = spec.period.resolve(as_of);
    let selection = crate::select::resolve(&spec, &dataset, period, as_of)
        .map_err(|_| "the sample spec names unknown partners".to_owned())?;
    let settings = model::BriefSettings {
        language: spec.language,
        audience: spec.audience,
        marking: spec.marking,
        period,
        as_of,
        template: "brief".into(),
        highlights: model::HIGHLIGHTS,
    };
    let data = model::build(&spec, &settings, &selection, &dataset)
        .map_err(|_| "the sample brief is empty".to_owned())?;
    model::to_json(&data).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Library callers without a worker command render in this process, through the same
    /// pool; the page limit still holds there.
    #[test]
    fn a_run_without_a_worker_command_renders_in_process() {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("s.toml");
        let text = "title = \"S\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"text\"\n\
                    body = '''#for i in range(3) { pagebreak() }'''\n";
        std::fs::write(&spec, text).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let options = Options { mode: Mode::Check, ..Options::new(as_of) };
        let summary = run(std::slice::from_ref(&spec), &options, &|_| {});
        assert_eq!(summary.exit(), Exit::Success);
        assert_eq!(summary.entries[0].status, Status::Checked);
        assert_eq!(summary.entries[0].pages, Some(4));
        let limits = Limits { max_pages: 2, ..Limits::default() };
        let summary = run(&[spec], &Options { limits, ..options }, &|_| {});
        assert_eq!(summary.exit(), Exit::Failed);
        let error = summary.entries[0].error.as_deref().unwrap_or("");
        assert!(error.contains("the brief has 4 pages, more than the 2 it may have"), "{error}");
    }
}
