//! The `brief` command: parses arguments, dispatches to the library, prints messages
//! and errors, and sets the exit code (0 success, 1 a brief failed, 2 invalid input).

mod args;

/// mimalloc: dataset loading and Typst's layout allocate heavily, and the system
/// allocator spent a quarter of a 100,000-event load in malloc (benches/, BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;
use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use indicatif::{ProgressBar, ProgressStyle};

use args::{AudienceArg, BriefArgs, Cli, Command, LanguageArg, TemplatesCommand};
use brief::dataset::Query;
use brief::dates::{PartialDate, Period};
use brief::diag::{Diagnostic, Severity};
use brief::generate::{self, Message, Mode, Options};
use brief::locale::Language;
use brief::output;
use brief::spec::Audience;
use brief::worker::{Limits, WorkerCommand};
use brief::{dataset, listing, model, render, select, spec};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Generate(args) => {
            let mode = if args.dry_run { Mode::DryRun } else { Mode::Write };
            run_briefs(&args.brief, mode, args.output, args.emit_data, args.report)
        }
        Command::Check(args) => run_briefs(&args.brief, Mode::Check, None, None, None),
        Command::RenderWorker { font_path } => brief::worker::serve(&font_path),
        Command::Events(args) => events(&args),
        Command::Partners(args) => partners(&args),
        Command::Templates { command: TemplatesCommand::List } => templates_list(),
        Command::Templates { command: TemplatesCommand::Export { dir, force } } => {
            templates_export(&dir, force)
        }
    };
    ExitCode::from(with_stdout_status(code))
}

/// Whether writing to standard output failed for a reason other than a closed pipe.
static STDOUT_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints a line to standard output. A closed pipe (`brief … | head`) is no reason to
/// panic: the work is done, and the exit code tells how it went. Any other failure (a
/// full disk) is remembered, and makes the exit code 1.
fn print_out(line: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, std::sync::atomic::Ordering::Relaxed)
    {
        print_err(&format!("error: cannot write to standard output ({e})"));
    }
}

/// Exit code 1 if standard output could not be written, else `code`.
fn with_stdout_status(code: u8) -> u8 {
    if STDOUT_FAILED.load(std::sync::atomic::Ordering::Relaxed) { code.max(1) } else { code }
}

/// Prints a line to standard error, ignoring a closed stream as [`print_out`] does.
fn print_err(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A standard-error stream, coloured on terminals unless NO_COLOR is set.
fn stderr() -> StandardStream {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    StandardStream::stderr(if colour { ColorChoice::Auto } else { ColorChoice::Never })
}

/// Warnings printed from one list before the rest are only counted.
const MAX_WARNINGS: usize = 20;
/// Errors printed for one file before the rest are only counted.
const MAX_ERRORS_PER_FILE: usize = 20;

/// Prints diagnostics to standard error: the first errors of each file and the first
/// warnings, with a count of the rest (a spreadsheet without Indonesian text warns on
/// every row; a line of 4,000 unknown partners has 4,000 errors).
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = stderr();
    let mut warnings = 0;
    let mut errors: Vec<(&str, usize)> = Vec::new();
    for d in diagnostics {
        if d.severity == Severity::Warning {
            warnings += 1;
            if warnings > MAX_WARNINGS {
                continue;
            }
        } else {
            let file = d.place.as_ref().map_or("", |(source, _)| source.name.as_str());
            let index = match errors.iter().position(|(name, _)| *name == file) {
                Some(index) => index,
                None => {
                    errors.push((file, 0));
                    errors.len() - 1
                }
            };
            errors[index].1 += 1;
            if errors[index].1 > MAX_ERRORS_PER_FILE {
                continue;
            }
        }
        d.emit(&mut err);
    }
    for (file, count) in errors.iter().filter(|(_, n)| *n > MAX_ERRORS_PER_FILE) {
        let more = count - MAX_ERRORS_PER_FILE;
        let message = match *file {
            "" => format!("{more} more errors not shown"),
            file => format!("{more} more errors in {file} not shown"),
        };
        Diagnostic::error(message).hint("fix the ones above and run again").emit(&mut err);
    }
    if warnings > MAX_WARNINGS {
        Diagnostic::warning(format!("{} more warnings not shown", warnings - MAX_WARNINGS))
            .emit(&mut err);
    }
}

/// Prints a plain error (with hints) and returns exit code `code`.
fn fail(message: impl Into<String>, hints: &[&str], code: u8) -> u8 {
    let mut diagnostic = Diagnostic::error(message);
    for hint in hints {
        diagnostic = diagnostic.hint(*hint);
    }
    print_diagnostics(&[diagnostic]);
    code
}

/// The as-of date: the flag, else the day of SOURCE_DATE_EPOCH, else today.
fn as_of(flag: Option<NaiveDate>) -> Result<NaiveDate, String> {
    if let Some(date) = flag {
        return Ok(date);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
            .map(|t| t.date_naive())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is not a Unix timestamp"))
            .and_then(|date| {
                brief::dates::check_year(date).map_err(|e| format!("SOURCE_DATE_EPOCH: {e}"))
            }),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

fn language(arg: LanguageArg) -> Language {
    match arg {
        LanguageArg::En => Language::En,
        LanguageArg::Id => Language::Id,
    }
}

fn audience(arg: AudienceArg) -> Audience {
    match arg {
        AudienceArg::Executive => Audience::Executive,
        AudienceArg::Analyst => Audience::Analyst,
        AudienceArg::Public => Audience::Public,
    }
}

/// `brief generate` and `brief check`.
fn run_briefs(
    args: &BriefArgs,
    mode: Mode,
    output: Option<PathBuf>,
    emit_data: Option<PathBuf>,
    report: Option<PathBuf>,
) -> u8 {
    let as_of = match as_of(args.as_of) {
        Ok(date) => date,
        Err(message) => return fail(message, &["unset it, or pass --as-of YYYY-MM-DD"], 2),
    };
    let options = Options {
        output,
        as_of,
        data: args.data.data.clone(),
        no_bundled_data: args.data.no_bundled_data,
        template_dir: args.template_dir.clone(),
        font_paths: args.font_path.clone(),
        language: args.language.map(language),
        audience: args.audience.map(audience),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        emit_data,
        report,
        allow_outside: args.allow_outside_paths,
        limits: Limits {
            timeout: Duration::from_secs(args.timeout),
            max_memory: args.max_memory << 20,
            max_pages: args.max_pages as usize,
        },
        // Each brief renders in a worker process: this binary, started again.
        worker: std::env::current_exe()
            .ok()
            .map(|exe| WorkerCommand { exe, font_paths: args.font_path.clone() }),
        mode,
    };
    let quiet = args.quiet;
    let verbose = args.verbose;
    // A progress bar for batches on a terminal; plain lines otherwise.
    let progress: Mutex<Option<ProgressBar>> = Mutex::new(None);
    let say = |line: String| match progress.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        Some(bar) => bar.println(line),
        None => print_err(&line),
    };
    // Diagnostics printed while the bar is drawn go above it.
    let above_bar =
        |print: &dyn Fn()| match progress.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(bar) => bar.suspend(print),
            None => print(),
        };
    let lock = Mutex::new(());
    let on = |message: Message<'_>| {
        let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        match message {
            Message::Invalid(diagnostics) => print_diagnostics(diagnostics),
            Message::Warnings(diagnostics) if !quiet => {
                above_bar(&|| print_diagnostics(diagnostics))
            }
            Message::TemplateWarnings(text) if !quiet => above_bar(&|| print_err(text.trim_end())),
            Message::Planned(plan) if mode == Mode::DryRun => print_out(&describe(plan)),
            Message::Planned(plan) if verbose => say(describe(plan)),
            Message::Rendering(total) if !quiet && total > 1 && std::io::stderr().is_terminal() => {
                let style =
                    ProgressStyle::with_template("{bar:32.cyan/blue} {pos}/{len} briefs {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = ProgressBar::new(total as u64).with_style(style);
                *progress.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar);
            }
            Message::Done(entry) => {
                if let Some(bar) = progress.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                    bar.inc(1);
                }
                if !quiet {
                    let verb = if entry.status == "checked" { "checked" } else { "wrote" };
                    say(format!(
                        "{verb} {} ({} pages, {} engagements, {} ms)",
                        entry.path.as_deref().unwrap_or("?"),
                        entry.pages.unwrap_or(0),
                        entry.events.unwrap_or(0),
                        entry.milliseconds.unwrap_or(0)
                    ));
                }
            }
            Message::Failed(entry) => {
                if let Some(bar) = progress.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                    bar.inc(1);
                }
                say(format!(
                    "error: could not render {} (variant {}) to {}\n{}",
                    entry.spec,
                    entry.variant + 1,
                    entry.path.as_deref().unwrap_or("?"),
                    entry.error.as_deref().unwrap_or("").trim_end()
                ));
            }
            _ => {}
        }
    };
    let summary = generate::run(&args.specs, &options, &on);
    if let Some(bar) = progress.lock().unwrap_or_else(|e| e.into_inner()).take() {
        bar.finish_and_clear();
    }
    if summary.entries.len() > 1 && !quiet {
        print_err(&format!(
            "{} of {} outputs done, {} failed",
            summary.written(),
            summary.entries.len(),
            summary.failed()
        ));
    }
    summary.exit_code()
}

/// One output's plan in words: spec, path, language, audience, marking, period, template
/// and the engagements each section selects.
fn describe(plan: &generate::Plan) -> String {
    let counts: Vec<String> =
        plan.section_counts().iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    format!(
        "{} → {}\n  {} · {} · {} · {} ({} to {}) · template {}\n  sections: {}",
        plan.spec.path.display(),
        plan.output.display(),
        plan.settings.language.code(),
        plan.settings.audience.as_str(),
        plan.settings.marking.map_or("no marking", |m| m.as_str()),
        brief::locale::period_name(plan.settings.language, plan.settings.period),
        plan.settings.period.from,
        plan.settings.period.to,
        plan.settings.template,
        counts.join(", ")
    )
}

/// Loads the dataset for `events` and `partners`, printing problems.
fn load(args: &args::DataArgs) -> Result<dataset::Dataset, u8> {
    match generate::load_dataset(args.no_bundled_data, &args.data) {
        Ok((dataset, warnings)) => {
            print_diagnostics(&warnings);
            Ok(dataset)
        }
        Err(errors) => {
            print_diagnostics(&errors);
            Err(2)
        }
    }
}

/// Reads a `--from`/`--to` date.
fn date_arg(flag: &str, text: &Option<String>) -> Result<Option<PartialDate>, u8> {
    match text {
        None => Ok(None),
        Some(text) => text.parse::<PartialDate>().map(Some).map_err(|e| {
            fail(format!("invalid {flag}: {e}"), &["write YYYY-MM-DD, YYYY-MM or YYYY"], 2)
        }),
    }
}

/// Resolves a vocabulary argument, suggesting the nearest valid value.
fn vocab_arg<T>(
    flag: &str,
    values: &[String],
    parse: fn(&str) -> Option<T>,
    names: &[&str],
) -> Result<Vec<T>, u8> {
    values
        .iter()
        .map(|v| {
            parse(v).ok_or_else(|| {
                let hint = brief::diag::suggestion(v, names);
                fail(format!("unknown {flag} `{v}`"), &[&hint], 2)
            })
        })
        .collect()
}

/// `brief events`.
fn events(args: &args::EventsArgs) -> u8 {
    let dataset = match load(&args.data) {
        Ok(dataset) => dataset,
        Err(code) => return code,
    };
    let mut query = Query::default();
    for name in &args.partner {
        match dataset.find_partner(name) {
            Ok(partner) => query.partners.push(partner.id.clone()),
            Err(unknown) => {
                let hint = unknown
                    .suggestion
                    .unwrap_or_else(|| "`brief partners` lists every partner".into());
                return fail(format!("unknown partner `{name}`"), &[&hint], 2);
            }
        }
    }
    for name in &args.topic {
        match select::find_topic(&dataset, name) {
            Ok(id) => query.topics.push(id),
            Err(hint) => return fail(format!("unknown topic `{name}`"), &[&hint], 2),
        }
    }
    query.types =
        match vocab_arg("type", &args.kind, dataset::EventType::parse, dataset::EventType::NAMES) {
            Ok(t) => t,
            Err(code) => return code,
        };
    query.status =
        match vocab_arg("status", &args.status, dataset::Status::parse, dataset::Status::NAMES) {
            Ok(s) => s,
            Err(code) => return code,
        };
    let (from, to) = match (date_arg("--from", &args.from), date_arg("--to", &args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    if from.is_some() || to.is_some() {
        let first = from.map_or(NaiveDate::MIN, |d| d.first_day());
        let last = to.map_or(NaiveDate::MAX, |d| d.last_day());
        if first > last {
            return fail("--from is after --to", &["swap the two dates"], 2);
        }
        query.period = Some(Period { from: first, to: last });
    }
    let selected: Vec<&dataset::Event> = dataset.select(&query).collect();
    print_listing(listing::events(&dataset, &selected, language(args.language), args.format))
}

/// `brief partners`.
fn partners(args: &args::PartnersArgs) -> u8 {
    match load(&args.data) {
        Ok(dataset) => print_listing(listing::partners(&dataset, args.format)),
        Err(code) => code,
    }
}

/// Prints a listing to standard output.
fn print_listing(listing: Result<String, String>) -> u8 {
    match listing {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()) {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => fail(format!("cannot write the listing ({e})"), &[], 1),
            }
        }
        Err(message) => fail(message, &[], 1),
    }
}

/// `brief templates list`.
fn templates_list() -> u8 {
    for (name, what) in render::TEMPLATE_NAMES {
        print_out(&format!("{name:<10} {what}"));
    }
    print_out("\nShared components: lib.typ. Export them with `brief templates export DIR`.");
    0
}

/// The flagship spec, embedded for `templates export`'s sample data.
const SAMPLE_SPEC: &str = include_str!("../briefs/bnpt-international-2021-2024.toml");

/// `brief templates export DIR`.
fn templates_export(dir: &Path, force: bool) -> u8 {
    let sample = match sample_data() {
        Ok(json) => json,
        Err(message) => return fail(message, &[], 1),
    };
    let fonts: Vec<(String, &[u8])> =
        render::FONT_FILES.iter().map(|(name, bytes)| (format!("fonts/{name}"), *bytes)).collect();
    let mut files: Vec<(&str, &[u8])> =
        render::BUILTIN_TEMPLATES.iter().map(|(name, text)| (*name, text.as_bytes())).collect();
    files.push(("brief.json", &sample));
    files.extend(fonts.iter().map(|(name, bytes)| (name.as_str(), *bytes)));
    if !force && let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).exists()) {
        return fail(
            format!("`{}` already exists", dir.join(name).display()),
            &["pass --force to overwrite the exported files"],
            2,
        );
    }
    for (name, bytes) in &files {
        if let Err(message) = output::write_atomic(&dir.join(name), bytes) {
            return fail(message, &[], 1);
        }
    }
    print_out(&format!("wrote {} files to {}", files.len(), dir.display()));
    print_out(&format!(
        "try: typst compile --root {0} --font-path {0}/fonts --ignore-system-fonts {0}/brief.typ",
        dir.display()
    ));
    0
}

/// The flagship brief's /brief.json, as a sample for template authors.
fn sample_data() -> Result<Vec<u8>, String> {
    let path = Path::new("bnpt-international-2021-2024.toml");
    let source = brief::diag::SourceText::new("bnpt-international-2021-2024.toml", SAMPLE_SPEC);
    let spec =
        spec::Spec::parse(path, source).map_err(|_| "the sample spec is invalid".to_owned())?;
    let dataset =
        dataset::Dataset::bundled().map_err(|_| "the bundled dataset is invalid".to_owned())?;
    let as_of = as_of(None)?;
    let period = spec.period.resolve(as_of);
    let selection = select::resolve(&spec, &dataset, period)
        .map_err(|_| "the sample spec names unknown partners".to_owned())?;
    let settings = model::BriefSettings {
        language: spec.language,
        audience: spec.audience,
        marking: spec.marking,
        period,
        as_of,
        template: "brief".into(),
    };
    let (data, _) = model::build(&spec, &settings, &selection, &dataset)
        .map_err(|_| "the sample brief is empty".to_owned())?;
    serde_json::to_vec_pretty(&data).map_err(|e| e.to_string())
}
