//! Planning: specs and options become plans, one per output, before anything renders.
//!
//! Every spec is read, its dataset built, every variant's period, selection, template
//! and output resolved. Outputs are checked here: an output that would replace an input
//! of the run (a spec, a data file, a template file), two outputs on one real path, and
//! a spec's own output or template folder outside its folder are refused, so that what
//! renders afterwards can only write where it was meant to.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::dataset::{Dataset, DatasetBuilder};
use crate::diag::{Diagnostic, suggestion};
use crate::locale::Language;
use crate::model::BriefSettings;
use crate::output::{self, Placeholders, Target};
use crate::render::export::ExportFormat;
use crate::render::{Export, PageLimit, TEMPLATE_NAMES, check_template_dir};
use crate::select::{self, Selection};
use crate::spec::{Audience, Marking, PdfStandard, Spec, VariantSpec};
use crate::worker::{Limits, WorkerCommand, WorkerPool};

mod sandbox;
mod shard;

pub use sandbox::Inputs;
use sandbox::{
    Refusal, check_inside_spec, check_outputs, check_spec_data, check_spec_file, check_svg_logo,
    resolve_named, resolve_output, scanned_refusal,
};
pub use shard::Shard;

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
    /// The PDF standards for every output, instead of the specs'; empty keeps theirs.
    pub pdf_standards: Vec<PdfStandard>,
    /// `--set KEY=VALUE`: spec keys for every spec, over the specs' own.
    pub settings: Vec<crate::project::Setting>,
    /// Which share of the specs this run renders, when the work is spread over workers.
    pub shard: Option<Shard>,
    /// What each brief is exported as: a PDF, or an image per page.
    pub export: Export,
    /// Briefs rendered at once.
    pub jobs: usize,
    /// Where to also write the `/brief.json` of the (single) output.
    pub emit_data: Option<PathBuf>,
    /// Where to write the JSON report of the run.
    pub report: Option<PathBuf>,
    /// Let specs name templates and outputs outside their own folder.
    pub allow_outside: bool,
    /// Time, memory and pages one brief may take.
    pub limits: Limits,
    /// Render in worker processes started with this command (the limits of time and
    /// memory hold only then); `None` renders in this process.
    pub worker: Option<WorkerCommand>,
    /// Workers kept between the runs of a session (`watch`, `preview`); `None` starts
    /// fresh ones for each run.
    pub workers: Option<Arc<WorkerPool>>,
    /// The process ends after this run (`generate`, `check`; not `watch`), so a run of
    /// one brief may render it on a watched thread of its own instead of a worker: a
    /// runaway render is left behind and ends with the process.
    pub ends_after_run: bool,
    /// Write, dry-run or check.
    pub mode: Mode,
}

impl Options {
    /// A run as of `as_of` that writes each brief to its own default place: the bundled
    /// data, the specs' templates, languages and audiences, one brief at a time,
    /// rendered in this process with the default limits. Set fields to change it.
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            output: None,
            as_of,
            data: vec![],
            no_bundled_data: false,
            template_dir: None,
            font_paths: vec![],
            language: None,
            audience: None,
            pdf_standards: vec![],
            settings: vec![],
            shard: None,
            export: Export::default(),
            jobs: 1,
            emit_data: None,
            report: None,
            allow_outside: false,
            limits: Limits::default(),
            worker: None,
            workers: None,
            ends_after_run: false,
            mode: Mode::Write,
        }
    }
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
    /// Where the brief goes, as the user wrote it (for messages).
    pub output: PathBuf,
    /// Where the brief goes, checked and resolved.
    pub target: Target,
    /// Whether the path came from the spec's `output` pattern.
    pub from_pattern: bool,
    /// The template's main file, relative to its folder.
    pub main: String,
    /// The folder whose files shadow the built-in templates.
    pub overrides: Option<PathBuf>,
    /// The theme's logo, checked to lie in the spec's folder.
    pub logo: Option<PathBuf>,
    /// The PDF standards the brief is exported to and validated against.
    pub pdf_standards: Vec<PdfStandard>,
}

impl Plan {
    /// The number of engagements each section selects, for dry runs.
    pub fn section_counts(&self) -> Vec<(&'static str, usize)> {
        self.spec
            .sections
            .iter()
            .zip(&self.selection.sections)
            .map(|(s, q)| {
                let events = select::section_events(&self.dataset, s.kind, q, self.settings.as_of);
                (s.kind.as_str(), events.len())
            })
            .collect()
    }
}

/// What planning found: the plans, and what to report before rendering.
#[derive(Debug, Default)]
pub struct Planned {
    /// One plan per output, targets resolved and checked.
    pub plans: Vec<Plan>,
    /// Specs that could not be planned, with their problems; they are skipped.
    pub invalid: Vec<(PathBuf, Vec<Diagnostic>)>,
    /// Warnings about the data (each list from one dataset).
    pub warnings: Vec<Vec<Diagnostic>>,
    /// Where `--report` goes, checked.
    pub report: Option<Target>,
    /// Where `--emit-data` goes, checked.
    pub emit: Option<Target>,
    /// The files the run reads, which no page image may replace either.
    pub inputs: Inputs,
}

/// Plans every output of the run. The error lists what is wrong with the arguments (and
/// with the specs read until then): nothing of the run may render.
pub fn plan(args: &[PathBuf], options: &Options) -> Result<Planned, Vec<Diagnostic>> {
    let mut planned = Planned::default();
    let fail = |planned: Planned, mut errors: Vec<Diagnostic>| {
        let mut all: Vec<Diagnostic> = planned.invalid.into_iter().flat_map(|(_, d)| d).collect();
        all.append(&mut errors);
        all
    };
    let report = match options.report.as_deref() {
        Some(path) => Some(resolve_named(path, "--report").map_err(|d| vec![d])?),
        None => None,
    };
    let inputs = match plan_specs(args, options, &mut planned) {
        Ok(inputs) => inputs,
        Err(errors) => return Err(fail(planned, errors)),
    };
    match check_outputs(&planned.plans, options, report.as_ref(), &inputs) {
        Ok(emit) => {
            planned.emit = emit;
            planned.report = report.map(|r| r.target);
            planned.inputs = inputs;
            Ok(planned)
        }
        Err(d) => Err(fail(planned, vec![d])),
    }
}

/// Reads the arguments, the dataset and every spec into `planned`, each output with its
/// target resolved; returns the run's inputs. A spec that cannot be planned goes to
/// `planned.invalid`; the error is for problems with the arguments themselves.
fn plan_specs(
    args: &[PathBuf],
    options: &Options,
    planned: &mut Planned,
) -> Result<Inputs, Vec<Diagnostic>> {
    let mut specs = spec_files(args).map_err(|d| vec![d])?;
    if let Some(shard) = options.shard {
        specs = shard.select(specs);
    }
    let mut inputs = Inputs::default();
    if let Some(dir) = &options.template_dir {
        check_template_dir(dir).map_err(|message| vec![Diagnostic::error(message)])?;
        inputs.add_templates(dir);
    }
    for dir in &options.font_paths {
        std::fs::read_dir(dir).map_err(|e| {
            vec![Diagnostic::error(format!("cannot read font folder `{}` ({e})", dir.display()))]
        })?;
        inputs.add_folder(dir);
    }
    let read = read_dataset(options.no_bundled_data, &options.data);
    let (mut dataset, warnings) = read.clone().build()?;
    // Every brief of the run is dated `as_of`: the dataset is brought to that date once.
    dataset.apply_known_on(options.as_of);
    if !warnings.is_empty() {
        planned.warnings.push(warnings);
    }
    let base = BaseData { read, dataset: Arc::new(dataset) };
    for file in &options.data {
        inputs.add(file);
    }
    for path in &specs {
        // A spec found in a folder was not named by the user: it is read only if it is
        // the folder's own file, never through a link to a file elsewhere.
        if !args.contains(path)
            && let Some(refusal) = scanned_refusal(path)
        {
            planned.invalid.push((path.clone(), vec![refusal]));
            continue;
        }
        match plan_spec(path, options, &base, &mut inputs, &mut planned.warnings) {
            Ok(mut spec_plans) => planned.plans.append(&mut spec_plans),
            Err(diagnostics) => planned.invalid.push((path.clone(), diagnostics)),
        }
    }
    // A data file kept in one language matters only to briefs in the other: English
    // briefs say nothing of missing Indonesian text.
    let languages: Vec<Language> = planned.plans.iter().map(|p| p.settings.language).collect();
    for list in &mut planned.warnings {
        list.retain(|d| d.untranslated.is_none_or(|l| languages.contains(&l)));
    }
    planned.warnings.retain(|list| !list.is_empty());
    let to_stdout = options.output.as_ref().is_some_and(|o| o.as_os_str() == "-");
    if to_stdout
        && options.export.format.per_page()
        && options.export.pages.as_ref().and_then(|p| p.single()).is_none()
    {
        return Err(vec![
            Diagnostic::error(format!(
                "`-o -` writes one file to standard output, but --format {} writes one per page",
                options.export.format.as_str()
            ))
            .hint("choose the page with `--pages N`, or give -o a file name"),
        ]);
    }
    if to_stdout && planned.plans.len() > 1 {
        return Err(vec![
            Diagnostic::error(format!(
                "`-o -` writes one brief to standard output, but this run has {} outputs",
                planned.plans.len()
            ))
            .hint("give -o a folder, or render one spec without variants"),
        ]);
    }
    // `-o brief.pdf` names one file: several outputs would silently make it a folder.
    if let Some(target) = &options.output
        && planned.plans.len() > 1
        && !target.is_dir()
        && !target.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
        && target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(options.export.format.as_str()))
    {
        return Err(vec![
            Diagnostic::error(format!(
                "-o `{}` names one file, but this run has {} outputs",
                target.display(),
                planned.plans.len()
            ))
            .hint("give -o a folder (`-o out/`), or pick one output with --language or --audience"),
        ]);
    }
    let as_folder = place_outputs(&mut planned.plans, options);
    let mut refused: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
    for plan in &mut planned.plans {
        match resolve_output(plan, options, as_folder, &inputs) {
            Ok(target) => plan.target = target,
            Err(Refusal::Arguments(d)) => return Err(vec![d]),
            Err(Refusal::Spec(d)) => match refused.iter_mut().find(|(p, _)| *p == plan.spec.path) {
                Some((_, list)) if list.iter().any(|e| e.to_string() == d.to_string()) => {}
                Some((_, list)) => list.push(d),
                None => refused.push((plan.spec.path.clone(), vec![d])),
            },
        }
    }
    planned.plans.retain(|plan| !refused.iter().any(|(p, _)| *p == plan.spec.path));
    planned.invalid.extend(refused);
    Ok(inputs)
}

/// Expands spec arguments: files as given, folders to their `*.toml` files in name order.
/// `-` stands for a spec on standard input, and a pipe or device (`/dev/stdin`) is read
/// like a file.
pub fn spec_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            files.push(arg.clone());
        } else if arg.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(arg)
                .map_err(|e| {
                    Diagnostic::error(format!("cannot read folder `{}` ({e})", arg.display()))
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                // `_brief.toml` and other files named with a leading `_` are not specs.
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Diagnostic::error(format!(
                    "folder `{}` holds no .toml spec",
                    arg.display()
                )));
            }
            files.extend(found);
        } else if arg.exists() {
            files.push(arg.clone());
        } else {
            return Err(Diagnostic::error(format!("spec `{}` does not exist", arg.display()))
                .hint("give a spec file, a folder of *.toml specs, or `-` for standard input"));
        }
    }
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Diagnostic::error("`-` (a spec on standard input) is given more than once"));
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

/// The logo a spec names, checked and held to its folder: a logo the project's
/// `_brief.toml` names is its own, relative to the project's folder.
fn plan_logo(
    spec: &Spec,
    project: Option<&Path>,
    options: &Options,
    inputs: &mut Inputs,
) -> Result<Option<PathBuf>, Vec<Diagnostic>> {
    let Some(logo) = &spec.theme.logo else { return Ok(None) };
    // Held to the project's folder, so that specs in folders below share it.
    let folder = spec.folder();
    let project_part = spec.source.parts().get(1).map_or(0, |spec_part| spec_part.start);
    let own_folder = spec.folder_real().ok();
    let base = match project.and_then(Path::parent) {
        Some(project_folder)
            if logo.range.start < project_part && own_folder.as_deref() != Some(project_folder) =>
        {
            project_folder
        }
        _ => folder.as_path(),
    };
    let file = base.join(&logo.value);
    let real = check_spec_file(&file, base, options, "logo")
        .and_then(|real| check_svg_logo(&real, &file).map(|()| real))
        .map_err(|d| vec![d.at(&spec.source, logo.range.clone())])?;
    inputs.add(&file);
    Ok(Some(real))
}

/// The dataset a spec's brief reads: the run's, or with the spec's own `data` files
/// added (their warnings kept in `warnings`).
fn spec_dataset(
    spec: &Spec,
    base: &BaseData,
    options: &Options,
    warnings: &mut Vec<Vec<Diagnostic>>,
) -> Result<Arc<Dataset>, Vec<Diagnostic>> {
    if spec.data.is_empty() {
        return Ok(Arc::clone(&base.dataset));
    }
    // The bundled and `--data` files as already read, with the spec's own added.
    let folder = spec.folder();
    let mut builder = base.read.clone();
    for file in spec.data.iter().map(|d| folder.join(d)) {
        builder.add_file(&file, &file.display().to_string());
    }
    let (mut dataset, spec_warnings) = builder.build()?;
    dataset.apply_known_on(options.as_of);
    if !spec_warnings.is_empty() {
        warnings.push(spec_warnings);
    }
    Ok(Arc::new(dataset))
}

/// Plans every output of one spec.
fn plan_spec(
    path: &Path,
    options: &Options,
    base: &BaseData,
    inputs: &mut Inputs,
    warnings: &mut Vec<Vec<Diagnostic>>,
) -> Result<Vec<Plan>, Vec<Diagnostic>> {
    let shown = if path.as_os_str() == "-" { "<stdin>".into() } else { path.display().to_string() };
    inputs.add(path);
    let (spec, project) = Spec::load(path, &shown, &options.settings)?;
    if let Some(project) = &project {
        inputs.add(project);
    }
    let spec = Arc::new(spec);
    let folder = spec.folder();
    for file in spec.data.iter().map(|d| folder.join(d)) {
        check_spec_data(&file, &spec, options)
            .map_err(|d| vec![d.at(&spec.source, locate_key(&spec, "data"))])?;
        inputs.add(&file);
    }
    let logo = plan_logo(&spec, project.as_deref(), options, inputs)?;
    let dataset = spec_dataset(&spec, base, options, warnings)?;
    // The period and the filters are the spec's, the same for every variant.
    let period = spec.period.resolve(options.as_of);
    let selection = select::resolve(&spec, &dataset, period, options.as_of)?;
    let written = crate::model::written::check(&spec, &dataset, &selection.brief, options.as_of);
    if !written.is_empty() {
        warnings.push(written);
    }
    if let Some(foreign) = options.language.and_then(|language| spec.foreign_words(language)) {
        warnings.push(vec![foreign]);
    }
    let unknown_names = crate::model::unknown_public_names(&spec, &dataset);
    if !unknown_names.is_empty() {
        warnings.push(unknown_names);
    }
    let pdf_standards = plan_standards(&spec, options)?;
    let mut plans = Vec::new();
    let mut errors = Vec::new();
    // Of a spec with variants, --language and --audience pick those they name; only
    // when none matches do they set every variant's.
    let named = |v: &VariantSpec| {
        options.language.is_none_or(|l| v.language.unwrap_or(spec.language) == l)
            && options.audience.is_none_or(|a| v.audience.unwrap_or(spec.audience) == a)
    };
    let picks = spec.variants.len() > 1 && spec.variants.iter().any(named);
    for (index, variant) in spec.variants.iter().enumerate() {
        if picks && !named(variant) {
            continue;
        }
        let settings = match variant_settings(&spec, variant, options, period) {
            Ok(settings) => settings,
            Err(mut d) => {
                errors.append(&mut d);
                continue;
            }
        };
        let planned = resolve_template(&settings.template, &spec, options).and_then(|template| {
            let extension = options.export.format.as_str();
            let (output, from_pattern) = output_path(&spec, variant, &settings, extension)?;
            Ok((template, output, from_pattern))
        });
        let ((main, overrides), output, from_pattern) = match planned {
            Ok(planned) => planned,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        if let Some(dir) = &overrides {
            inputs.add_templates(dir);
            inputs.add(&dir.join(&main));
        }
        plans.push(Plan {
            spec: Arc::clone(&spec),
            variant: index,
            settings,
            selection: selection.clone(),
            dataset: Arc::clone(&dataset),
            target: Target::File(output.clone()),
            output,
            from_pattern,
            main,
            overrides,
            logo: logo.clone(),
            pdf_standards: pdf_standards.clone(),
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

/// The PDF standards of a spec's outputs: `--pdf-standard`'s, else the spec's; refused
/// when they cannot be combined (two PDF/A parts).
fn plan_standards(spec: &Spec, options: &Options) -> Result<Vec<PdfStandard>, Vec<Diagnostic>> {
    let from_command_line = !options.pdf_standards.is_empty();
    let standards =
        if from_command_line { options.pdf_standards.clone() } else { spec.pdf_standards.clone() };
    if options.export.format == ExportFormat::Pdf
        && options.export.pages.is_some()
        && standards.contains(&PdfStandard::Ua1)
    {
        let d = Diagnostic::error(
            "--pages exports part of a brief as an untagged PDF, which PDF/UA-1 does not allow",
        )
        .hint("export the whole brief as PDF/UA-1, or preview pages with --format png");
        return Err(vec![match from_command_line {
            true => d,
            false => d.at(&spec.source, locate_key(spec, "pdf_standard")),
        }]);
    }
    match crate::render::pdf_standards(&standards) {
        Ok(_) => Ok(standards),
        Err(message) if from_command_line => Err(vec![
            Diagnostic::error(format!("--pdf-standard: {message}"))
                .hint("give one PDF/A part (a-2b or a-3b), with ua-1 if you like"),
        ]),
        Err(message) => Err(vec![
            Diagnostic::error(message)
                .at(&spec.source, locate_key(spec, "pdf_standard"))
                .hint("give one PDF/A part (a-2b or a-3b), with ua-1 if you like"),
        ]),
    }
}

/// A variant's language, audience, marking and template, with the command line's
/// overrides; a public variant with a restrictive marking is refused.
fn variant_settings(
    spec: &Spec,
    variant: &VariantSpec,
    options: &Options,
    period: crate::dates::Period,
) -> Result<BriefSettings, Vec<Diagnostic>> {
    let language = options.language.or(variant.language).unwrap_or(spec.language);
    // The spec checked its own languages; --language may ask for another.
    let missing = spec.missing_words(language);
    if !missing.is_empty() {
        return Err(missing);
    }
    let audience = options.audience.or(variant.audience).unwrap_or(spec.audience);
    let marking = variant.marking.or(spec.marking);
    if audience == Audience::Public && marking.is_some_and(|m| m != Marking::Clear) {
        return Err(vec![
            Diagnostic::error(format!(
                "a public brief may carry no marking beyond TLP:CLEAR, but this one is {}",
                marking.map_or("", Marking::as_str)
            ))
            .at(&spec.source, locate_key(spec, "marking"))
            .hint("set `marking = \"TLP:CLEAR\"` for the public variant, or remove the marking"),
        ]);
    }
    let template = variant
        .template
        .clone()
        .or_else(|| spec.template.clone())
        .unwrap_or_else(|| audience.default_template().to_owned());
    Ok(BriefSettings {
        language,
        audience,
        marking,
        period,
        as_of: options.as_of,
        template,
        highlights: crate::model::HIGHLIGHTS,
    })
}

/// Where a variant's brief goes before `-o`: its `output` pattern filled in, relative to
/// the spec's folder, else a name made from the spec's file name and `extension`; and
/// whether it came from a pattern.
fn output_path(
    spec: &Spec,
    variant: &VariantSpec,
    settings: &BriefSettings,
    extension: &str,
) -> Result<(PathBuf, bool), Diagnostic> {
    let Some(pattern) = variant.output.as_ref().or(spec.output.as_ref()) else {
        let name = if spec.variants.len() > 1 {
            format!(
                "{}-{}-{}.{extension}",
                spec.stem(),
                settings.language.code(),
                settings.audience.as_str()
            )
        } else {
            format!("{}.{extension}", spec.stem())
        };
        return Ok((PathBuf::from(name), false));
    };
    let at = |d: Diagnostic| d.at(&spec.source, locate_key(spec, "output"));
    let title = spec.title.get(settings.language).unwrap_or("brief");
    let placeholders = Placeholders::for_brief(title, settings);
    match output::expand(pattern, &placeholders) {
        Ok(expanded) if expanded.trim().is_empty() => {
            Err(at(Diagnostic::error("invalid `output`: the path is empty")
                .hint("give a file name, such as `output = \"{slug}-{language}.pdf\"`")))
        }
        Ok(expanded) => {
            let image = Path::new(&expanded)
                .extension()
                .and_then(|e| ExportFormat::parse(&e.to_string_lossy()))
                .filter(|format| format.per_page() && extension == "pdf");
            if let Some(image) = image {
                return Err(at(Diagnostic::error(format!(
                    "`output` names a .{0} file, but this run makes a PDF",
                    image.as_str()
                ))
                .hint(format!(
                    "pass `--format {0}` for page images, or end `output` in .pdf",
                    image.as_str()
                ))));
            }
            Ok((spec.folder().join(expanded), true))
        }
        Err(message) => Err(at(Diagnostic::error(format!("invalid `output` pattern: {message}")))),
    }
}

/// The byte range of `key = …` in a spec, for errors about unspanned values.
pub(super) fn locate_key(spec: &Spec, key: &str) -> std::ops::Range<usize> {
    crate::diag::locate(&spec.source.text, 0..spec.source.text.len(), key, "")
}

/// The template's main file and override folder.
fn resolve_template(
    template: &str,
    spec: &Spec,
    options: &Options,
) -> Result<(String, Option<PathBuf>), Diagnostic> {
    let spec_templates = spec.templates.as_ref().map(|t| spec.folder().join(t));
    if options.template_dir.is_none()
        && let Some(dir) = &spec_templates
    {
        let at = |d: Diagnostic| d.at(&spec.source, locate_key(spec, "templates"));
        check_template_dir(dir).map_err(|message| at(Diagnostic::error(message)))?;
        check_inside_spec(dir, spec, options).map_err(at)?;
    }
    let overrides = options.template_dir.clone().or(spec_templates);
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
        let folder = folder.unwrap_or_else(|| PathBuf::from("."));
        check_inside_spec(&folder, spec, options)
            .map_err(|d| d.at(&spec.source, locate_key(spec, "template")))?;
        return Ok((name, Some(folder)));
    }
    let names: Vec<&str> = TEMPLATE_NAMES.iter().map(|(n, _)| *n).collect();
    Err(Diagnostic::error(format!("unknown template `{template}`"))
        .at(&spec.source, locate_key(spec, "template"))
        .hint(suggestion(template, &names))
        .hint("or give the path of a .typ file, relative to the spec"))
}

/// Applies `-o`: a file for a single output, else a folder for all of them. Returns
/// whether `-o` was taken as a folder.
fn place_outputs(plans: &mut [Plan], options: &Options) -> bool {
    let Some(target) = &options.output else {
        return false;
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
    as_folder
}

/// The page limit of a plan: the run's, and two pages for the executive brief.
pub fn page_limit(plan: &Plan, limits: Limits) -> PageLimit {
    if plan.settings.template == "executive" && plan.overrides.is_none() {
        return PageLimit {
            pages: 2,
            why: "the executive brief must fit on two pages: narrow its filter or sections, or \
                  use the analyst brief"
                .into(),
        };
    }
    PageLimit {
        pages: limits.max_pages,
        why: "a `text` body or a template may repeat without end (raise the limit with \
              --max-pages N)"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of output patterns, the harmless and the hostile.
    const PIECES: [&str; 18] = [
        "",
        ".",
        "..",
        "/",
        "sub",
        "{slug}",
        "{language}",
        "{from:}",
        "{from:%Y}",
        "x.pdf",
        ".pdf",
        "spec.toml",
        "data.csv",
        "../",
        "/tmp",
        "link",
        "a\u{0}b",
        "{audience}.pdf",
    ];

    /// Plans a two-variant spec whose `output` is `pattern`, with `-o` a folder or not,
    /// and returns the planned targets and whether the spec was refused.
    fn plan_pattern(pattern: &str, folder_o: bool) -> (tempfile::TempDir, Vec<Target>, bool) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let specs = root.join("specs");
        std::fs::create_dir_all(specs.join("sub")).unwrap();
        let header = "id,date,status,partners,type,title_en,source_url,source_publisher\n";
        std::fs::write(specs.join("data.csv"), header).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, specs.join("link")).unwrap();
        let output = toml::Value::String(pattern.into()).to_string();
        let spec = format!(
            "title = \"P\"\noutput = {output}\ndata = [\"data.csv\"]\n[period]\nfrom = 2022\nto = 2022\n\
             [[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n"
        );
        std::fs::write(specs.join("spec.toml"), spec).unwrap();
        let options = Options {
            output: folder_o.then(|| root.join("out/")),
            mode: Mode::DryRun,
            ..Options::new(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
        };
        let (targets, refused) = match plan(&[specs.join("spec.toml")], &options) {
            Ok(planned) => {
                let targets = planned.plans.into_iter().map(|p| p.target).collect();
                (targets, !planned.invalid.is_empty())
            }
            Err(_) => (Vec::new(), true),
        };
        (dir, targets, refused)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// Whatever a spec writes as its `output`, planning either refuses the spec or
        /// plans distinct regular files inside the spec's folder (or `-o`'s), none of
        /// them an input; it never panics and writes nothing.
        #[test]
        fn planning_keeps_every_output_in_its_sandbox(
            pieces in proptest::collection::vec(proptest::sample::select(&PIECES[..]), 1..6),
            separators in proptest::collection::vec(any::<bool>(), 6),
            folder_o in any::<bool>(),
        ) {
            let mut pattern = String::new();
            for (piece, slash) in pieces.iter().zip(&separators) {
                pattern.push_str(piece);
                if *slash {
                    pattern.push('/');
                }
            }
            let (dir, targets, refused) = plan_pattern(&pattern, folder_o);
            let root = dir.path().canonicalize().unwrap();
            let allowed = if folder_o { root.join("out") } else { root.join("specs") };
            prop_assert!(refused || targets.len() == 2, "{pattern:?}: {targets:?}");
            for target in &targets {
                let Target::File(path) = target else {
                    return Err(TestCaseError::fail(format!("{pattern:?}: {target:?}")));
                };
                prop_assert!(path.starts_with(&allowed), "{pattern:?} → {}", path.display());
                let inputs = [root.join("specs/spec.toml"), root.join("specs/data.csv")];
                prop_assert!(!inputs.contains(path), "{pattern:?} → an input");
                prop_assert!(!path.is_dir(), "{pattern:?} → a folder");
            }
            prop_assert!(targets.len() < 2 || targets[0] != targets[1], "{pattern:?} clashes");
            prop_assert!(!root.join("out").exists(), "a dry run made a folder");
        }
    }
}
