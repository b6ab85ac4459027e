//! The whole run: specs and their variants planned, checked, rendered in parallel and
//! written, one bad spec or failed render never stopping the others.
//!
//! Planning happens first and renders nothing: every spec is parsed, every variant's
//! period, selection, template and output path resolved, and clashing output paths
//! refused. Only then are the briefs built and rendered, in parallel, sharing one
//! [`Renderer`] (fonts and parsed templates).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::dataset::{Dataset, DatasetBuilder};
use crate::diag::{Diagnostic, suggestion};
use crate::locale::Language;
use crate::model::{self, BriefSettings};
use crate::output::{self, Placeholders, ReportEntry};
use crate::render::{RenderRequest, Renderer, TEMPLATE_NAMES, check_template_dir};
use crate::select::{self, Selection};
use crate::spec::{Audience, Marking, Spec};

/// What the run does with each brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Render and write.
    Write,
    /// Resolve everything and say what would be written; render nothing.
    DryRun,
    /// Render to check specs, data and templates; write nothing.
    Check,
}

/// The options of a run, as given on the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// `-o`: a file (one output) or a folder (several).
    pub output: Option<PathBuf>,
    /// The reference date.
    pub as_of: NaiveDate,
    /// Extra dataset files for every spec.
    pub data: Vec<PathBuf>,
    /// Use only the extra dataset files.
    pub no_bundled_data: bool,
    /// A template folder for every spec, instead of the specs' own.
    pub template_dir: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// The language for every output, instead of the specs'.
    pub language: Option<Language>,
    /// The audience for every output, instead of the specs'.
    pub audience: Option<Audience>,
    /// Briefs rendered at once.
    pub jobs: usize,
    /// Where to also write the `/brief.json` of the (single) output.
    pub emit_data: Option<PathBuf>,
    /// Write, dry-run or check.
    pub mode: Mode,
}

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

/// One planned output.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The spec.
    pub spec: Arc<Spec>,
    /// The variant's index.
    pub variant: usize,
    /// Language, audience, marking, period, as-of and template.
    pub settings: BriefSettings,
    /// The resolved filters.
    pub selection: Selection,
    /// The dataset the spec reads.
    pub dataset: Arc<Dataset>,
    /// Where the brief goes.
    pub output: PathBuf,
    /// The template's main file, relative to its folder.
    pub main: String,
    /// The folder whose files shadow the built-in templates.
    pub overrides: Option<PathBuf>,
}

impl Plan {
    /// The number of engagements each section selects, for dry runs.
    pub fn section_counts(&self) -> Vec<(&'static str, usize)> {
        self.spec
            .sections
            .iter()
            .zip(&self.selection.sections)
            .map(|(s, q)| {
                let events = model::section_events(&self.dataset, s.kind, q, self.settings.as_of);
                (s.kind.as_str(), events.len())
            })
            .collect()
    }
}

/// How the run went.
#[derive(Debug, Default)]
pub struct Summary {
    /// One entry per output, or per spec that could not be planned.
    pub entries: Vec<ReportEntry>,
    /// Whether the arguments themselves were wrong (nothing was rendered).
    pub bad_arguments: bool,
}

impl Summary {
    /// Outputs written or checked.
    pub fn written(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e.status, "written" | "checked" | "planned"))
            .count()
    }

    /// Specs or outputs that were invalid or failed.
    pub fn failed(&self) -> usize {
        self.entries.len() - self.written()
    }

    /// The exit code: 0 all well; 2 bad arguments, or nothing valid to render; 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        let invalid = self.entries.iter().filter(|e| e.status == "invalid").count();
        if self.bad_arguments || (invalid > 0 && invalid == self.entries.len()) {
            2
        } else if self.failed() > 0 {
            1
        } else {
            0
        }
    }
}

/// Expands spec arguments: files as given, folders to their `*.toml` files in name order.
pub fn spec_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(arg)
                .map_err(|e| {
                    Diagnostic::error(format!("cannot read folder `{}` ({e})", arg.display()))
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Diagnostic::error(format!(
                    "folder `{}` holds no .toml spec",
                    arg.display()
                )));
            }
            files.extend(found);
        } else if arg.is_file() {
            files.push(arg.clone());
        } else {
            return Err(Diagnostic::error(format!("spec `{}` does not exist", arg.display()))
                .hint("give a spec file or a folder of *.toml specs"));
        }
    }
    Ok(files)
}

/// Builds a dataset from the bundled data (unless left out) and `files`.
pub fn load_dataset(
    no_bundled: bool,
    files: &[PathBuf],
) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_dataset(no_bundled, files).build()
}

/// Reads the bundled data (unless left out) and `files`, not yet validated.
fn read_dataset(no_bundled: bool, files: &[PathBuf]) -> DatasetBuilder {
    let mut builder = DatasetBuilder::default();
    if !no_bundled {
        builder.add_bundled();
    }
    for file in files {
        builder.add_file(file, &file.display().to_string());
    }
    builder
}

/// The run's own dataset: read once, and validated as it is or with a spec's extra files.
struct BaseData {
    /// The bundled data and `--data` files, read.
    read: DatasetBuilder,
    /// The same, validated.
    dataset: Arc<Dataset>,
}

/// Runs `generate`, `check` or a dry run over `args`, reporting through `on`.
pub fn run(args: &[PathBuf], options: &Options, on: &(dyn Fn(Message<'_>) + Sync)) -> Summary {
    let mut summary = Summary::default();
    let fail_arguments = |summary: &mut Summary, diagnostics: Vec<Diagnostic>| {
        on(Message::Invalid(&diagnostics));
        summary.bad_arguments = true;
    };
    let specs = match spec_files(args) {
        Ok(specs) => specs,
        Err(d) => {
            fail_arguments(&mut summary, vec![d]);
            return summary;
        }
    };
    if let Some(dir) = &options.template_dir
        && let Err(message) = check_template_dir(dir)
    {
        fail_arguments(&mut summary, vec![Diagnostic::error(message)]);
        return summary;
    }
    let read = read_dataset(options.no_bundled_data, &options.data);
    let base = match read.clone().build() {
        Ok((dataset, warnings)) => {
            if !warnings.is_empty() {
                on(Message::Warnings(&warnings));
            }
            BaseData { read, dataset: Arc::new(dataset) }
        }
        Err(errors) => {
            fail_arguments(&mut summary, errors);
            return summary;
        }
    };

    // Plan every output of every spec; a spec that cannot be planned is skipped.
    let mut plans: Vec<Plan> = Vec::new();
    for path in &specs {
        match plan_spec(path, options, &base, on) {
            Ok(mut spec_plans) => plans.append(&mut spec_plans),
            Err(diagnostics) => {
                on(Message::Invalid(&diagnostics));
                summary.entries.push(invalid_entry(path, &diagnostics));
            }
        }
    }
    place_outputs(&mut plans, options);
    if let Err(d) = check_clashes(&plans) {
        fail_arguments(&mut summary, vec![d]);
        return summary;
    }
    if options.emit_data.is_some() && plans.len() > 1 {
        fail_arguments(
            &mut summary,
            vec![
                Diagnostic::error(format!(
                    "`--emit-data` needs exactly one output, but this run has {}",
                    plans.len()
                ))
                .hint("run it on one spec without variants, or give --language and --audience"),
            ],
        );
        return summary;
    }

    for plan in &plans {
        on(Message::Planned(plan));
    }
    if options.mode == Mode::DryRun {
        summary.entries.extend(plans.iter().map(|plan| ReportEntry {
            events: Some(plan.dataset.select(&plan.selection.brief).count()),
            ..entry(plan, "planned")
        }));
        return summary;
    }

    let renderer = match Renderer::new(&options.font_paths) {
        Ok(renderer) => renderer,
        Err(message) => {
            fail_arguments(&mut summary, vec![Diagnostic::error(message)]);
            return summary;
        }
    };
    on(Message::Rendering(plans.len()));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.max(1)).build();
    let render_all = || -> Vec<ReportEntry> {
        plans.par_iter().map(|plan| render_one(plan, options, &renderer, on)).collect()
    };
    let results = match pool {
        Ok(pool) => pool.install(render_all),
        Err(_) => render_all(),
    };
    summary.entries.extend(results);
    summary
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
        status: "invalid",
        pages: None,
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
fn entry(plan: &Plan, status: &'static str) -> ReportEntry {
    ReportEntry {
        spec: plan.spec.path.display().to_string(),
        variant: plan.variant,
        language: Some(plan.settings.language.code().into()),
        audience: Some(plan.settings.audience.as_str().into()),
        path: Some(plan.output.display().to_string()),
        status,
        pages: None,
        events: None,
        bytes: None,
        milliseconds: None,
        error: None,
    }
}

/// Plans every output of one spec.
fn plan_spec(
    path: &Path,
    options: &Options,
    base: &BaseData,
    on: &(dyn Fn(Message<'_>) + Sync),
) -> Result<Vec<Plan>, Vec<Diagnostic>> {
    let spec = Arc::new(Spec::load(path, &path.display().to_string())?);
    let folder = spec.folder();
    let dataset = if spec.data.is_empty() {
        Arc::clone(&base.dataset)
    } else {
        // The bundled and `--data` files as already read, with the spec's own added.
        let mut builder = base.read.clone();
        for file in spec.data.iter().map(|d| folder.join(d)) {
            builder.add_file(&file, &file.display().to_string());
        }
        let (dataset, warnings) = builder.build()?;
        if !warnings.is_empty() {
            on(Message::Warnings(&warnings));
        }
        Arc::new(dataset)
    };
    // The period and the filters are the spec's, the same for every variant.
    let period = spec.period.resolve(options.as_of);
    let selection = select::resolve(&spec, &dataset, period)?;
    let mut plans = Vec::new();
    let mut errors = Vec::new();
    for (index, variant) in spec.variants.iter().enumerate() {
        let language = options.language.or(variant.language).unwrap_or(spec.language);
        let audience = options.audience.or(variant.audience).unwrap_or(spec.audience);
        let marking = variant.marking.or(spec.marking);
        if audience == Audience::Public && marking.is_some_and(|m| m != Marking::Clear) {
            errors.push(
                Diagnostic::error(format!(
                    "a public brief may carry no marking beyond TLP:CLEAR, but this one is {}",
                    marking.map_or("", Marking::as_str)
                ))
                .at(&spec.source, locate_key(&spec, "marking"))
                .hint(
                    "set `marking = \"TLP:CLEAR\"` for the public variant, or remove the marking",
                ),
            );
            continue;
        }
        let template = variant
            .template
            .clone()
            .or_else(|| spec.template.clone())
            .unwrap_or_else(|| audience.default_template().to_owned());
        let (main, overrides) = match resolve_template(&template, &spec, options) {
            Ok(t) => t,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let settings =
            BriefSettings { language, audience, marking, period, as_of: options.as_of, template };
        let placeholders = Placeholders::for_brief(&spec.title, &settings);
        let pattern = variant.output.as_ref().or(spec.output.as_ref());
        let output = match pattern {
            Some(pattern) => match output::expand(pattern, &placeholders) {
                Ok(expanded) => folder.join(expanded),
                Err(message) => {
                    errors.push(
                        Diagnostic::error(format!("invalid `output` pattern: {message}"))
                            .at(&spec.source, locate_key(&spec, "output")),
                    );
                    continue;
                }
            },
            None if spec.variants.len() > 1 => PathBuf::from(format!(
                "{}-{}-{}.pdf",
                spec.stem(),
                language.code(),
                audience.as_str()
            )),
            None => PathBuf::from(format!("{}.pdf", spec.stem())),
        };
        plans.push(Plan {
            spec: Arc::clone(&spec),
            variant: index,
            settings,
            selection: selection.clone(),
            dataset: Arc::clone(&dataset),
            output,
            main,
            overrides,
        });
    }
    if errors.is_empty() {
        return Ok(plans);
    }
    // Variants that share the spec's `output` or `marking` share its error: say it once.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|error| seen.insert(error.to_string()));
    Err(errors)
}

/// The byte range of `key = …` in a spec, for errors about unspanned values.
fn locate_key(spec: &Spec, key: &str) -> std::ops::Range<usize> {
    crate::diag::locate(&spec.source.text, 0..spec.source.text.len(), key, "")
}

/// The template's main file and override folder.
fn resolve_template(
    template: &str,
    spec: &Spec,
    options: &Options,
) -> Result<(String, Option<PathBuf>), Diagnostic> {
    let spec_templates = spec.templates.as_ref().map(|t| spec.folder().join(t));
    let overrides = options.template_dir.clone().or(spec_templates);
    if let Some(dir) = &overrides
        && let Err(message) = check_template_dir(dir)
    {
        return Err(Diagnostic::error(message).at(&spec.source, locate_key(spec, "templates")));
    }
    if TEMPLATE_NAMES.iter().any(|(name, _)| *name == template) {
        return Ok((format!("{template}.typ"), overrides));
    }
    if template.ends_with(".typ") {
        let path = spec.folder().join(template);
        if !path.is_file() {
            return Err(Diagnostic::error(format!("template `{}` does not exist", path.display()))
                .at(&spec.source, locate_key(spec, "template")));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let folder = path.parent().map(Path::to_path_buf).filter(|p| !p.as_os_str().is_empty());
        return Ok((name, Some(folder.unwrap_or_else(|| PathBuf::from(".")))));
    }
    let names: Vec<&str> = TEMPLATE_NAMES.iter().map(|(n, _)| *n).collect();
    Err(Diagnostic::error(format!("unknown template `{template}`"))
        .at(&spec.source, locate_key(spec, "template"))
        .hint(suggestion(template, &names))
        .hint("or give the path of a .typ file, relative to the spec"))
}

/// Applies `-o`: a file for a single output, else a folder for all of them.
fn place_outputs(plans: &mut [Plan], options: &Options) {
    let Some(target) = &options.output else {
        return;
    };
    let as_folder = plans.len() > 1
        || target.is_dir()
        || target.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR);
    for plan in plans.iter_mut() {
        plan.output = if as_folder {
            target.join(plan.output.file_name().unwrap_or_default())
        } else {
            target.clone()
        };
    }
}

/// Refuses two outputs that would be written to the same file.
fn check_clashes(plans: &[Plan]) -> Result<(), Diagnostic> {
    let mut seen: HashMap<PathBuf, &Plan> = HashMap::new();
    for plan in plans {
        let key = normalise_path(&plan.output);
        if let Some(first) = seen.insert(key, plan) {
            return Err(Diagnostic::error(format!(
                "two outputs would be written to `{}`: {} (variant {}) and {} (variant {})",
                plan.output.display(),
                first.spec.path.display(),
                first.variant + 1,
                plan.spec.path.display(),
                plan.variant + 1
            ))
            .hint("give each output its own name with `output = \"…{language}-{audience}.pdf\"`"));
        }
    }
    Ok(())
}

/// A path made absolute and free of `.` parts, for comparing output paths.
fn normalise_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// Builds, renders and writes one brief.
fn render_one(
    plan: &Plan,
    options: &Options,
    renderer: &Renderer,
    on: &(dyn Fn(Message<'_>) + Sync),
) -> ReportEntry {
    let started = Instant::now();
    let mut result = entry(plan, "failed");
    let outcome = (|| -> Result<(usize, usize), String> {
        let (data, warnings) =
            model::build(&plan.spec, &plan.settings, &plan.selection, &plan.dataset)
                .map_err(|model::BuildError::EmptySection(message)| message)?;
        if !warnings.is_empty() {
            on(Message::Warnings(&warnings));
        }
        result.events = Some(data.meta.event_count);
        let json = serde_json::to_vec_pretty(&data)
            .map_err(|e| format!("cannot serialise the brief ({e})"))?;
        if let Some(path) = &options.emit_data {
            output::write_atomic(path, &json)?;
        }
        let request = RenderRequest {
            main: plan.main.clone(),
            overrides: plan.overrides.clone(),
            data: json,
            as_of: plan.settings.as_of,
            ident: format!(
                "{}/{}/{}/{}",
                plan.spec.stem(),
                plan.variant,
                plan.settings.language.code(),
                plan.settings.audience.as_str()
            ),
        };
        let rendered = renderer.render(request)?;
        if !rendered.warnings.is_empty() {
            on(Message::TemplateWarnings(&rendered.warnings));
        }
        if options.mode == Mode::Write {
            output::write_atomic(&plan.output, &rendered.pdf)?;
        }
        Ok((rendered.pages, rendered.pdf.len()))
    })();
    result.milliseconds = Some(started.elapsed().as_millis() as u64);
    match outcome {
        Ok((pages, bytes)) => {
            result.status = if options.mode == Mode::Check { "checked" } else { "written" };
            result.pages = Some(pages);
            result.bytes = Some(bytes);
            on(Message::Done(&result));
        }
        Err(message) => {
            result.error = Some(match body_hint(&plan.spec, &message) {
                Some(hint) => format!("{}\n = hint: {hint}", message.trim_end()),
                None => message,
            });
            on(Message::Failed(&result));
        }
    }
    result
}

/// Where to look when a render fails inside the markup of a `text` section's `body`:
/// Typst reports such errors at the template's `eval` call, not in the spec.
fn body_hint(spec: &Spec, message: &str) -> Option<String> {
    if !message.contains("eval(section.body") {
        return None;
    }
    let places: Vec<String> = spec
        .sections
        .iter()
        .filter_map(|section| section.body.as_ref())
        .map(|body| {
            let (line, column) = spec.source.line_column(body.range.start);
            format!("{}:{line}:{column}", spec.source.name)
        })
        .collect();
    (!places.is_empty()).then(|| {
        format!(
            "the error is in the Typst markup of a `text` section's `body`, written at {}",
            places.join(", ")
        )
    })
}
