//! The `brief` command: parses the arguments and dispatches each subcommand to the
//! library; [`terminal`] prints, and [`Exit`] gives the exit code (0 success, 1 a brief
//! failed, 2 invalid input).

mod args;
mod terminal;

brief::global_allocator!();

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser};

use args::{BriefArgs, Cli, Command, TemplatesCommand};
use brief::diag::Diagnostic;
use brief::generate::{self, Exit, Mode, Options};
use brief::plan::Shard;
use brief::render::Export;
use brief::render::assets::{self, ExportError};
use brief::render::export::Format as ExportFormat;
use brief::select::EventFilters;
use brief::watch::{Wake, Watch, Watched};
use brief::worker::{Limits, WorkerCommand};
use brief::{dataset, listing, render, select, worker};
use terminal::{fail, print_diagnostics, print_out};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A mistyped subcommand is answered from the public command line, so that the
        // hidden worker is never offered as a suggestion.
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidSubcommand => {
            match public_command().try_get_matches() {
                Err(public) => public.exit(),
                Ok(_) => e.exit(),
            }
        }
        Err(e) => e.exit(),
    };
    let exit = match cli.command {
        Command::Generate(args) => {
            let mode = if args.dry_run { Mode::DryRun } else { Mode::Write };
            let export = export_options(&args.export, args.output.as_deref());
            match run_options(&args.brief, mode, args.output, args.emit_data, args.report, export) {
                Ok(options) => run_briefs(&args.brief, &options).0,
                Err(exit) => exit,
            }
        }
        Command::Check(args) => {
            match run_options(&args.brief, Mode::Check, None, None, None, Export::default()) {
                Ok(options) => run_briefs(&args.brief, &options).0,
                Err(exit) => exit,
            }
        }
        Command::Watch(args) => watch(&args),
        Command::RenderWorker { font_path } => match worker::serve(&font_path) {
            0 => Exit::Success,
            _ => Exit::Failed,
        },
        Command::Events(args) => events(&args),
        Command::Partners(args) => partners(&args),
        Command::Templates { command: TemplatesCommand::List } => templates_list(),
        Command::Templates { command: TemplatesCommand::Export { dir, force } } => {
            templates_export(&dir, force)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut public_command(), "brief", &mut script);
            print_out(String::from_utf8_lossy(&script).trim_end());
            Exit::Success
        }
        Command::Man => man_page(),
        Command::New(args) => new_spec(&args),
    };
    ExitCode::from(terminal::finish(exit).code())
}

/// `brief new`: a starter spec from the flags, on standard output or in a new file.
fn new_spec(args: &args::NewArgs) -> Exit {
    let dataset = match dataset::Dataset::bundled() {
        Ok(dataset) => dataset,
        Err(errors) => {
            print_diagnostics(&errors);
            return Exit::Failed;
        }
    };
    let mut partners = Vec::new();
    for name in &args.partner {
        match dataset.find_partner(name) {
            Ok(p) => {
                partners.push((p.id.clone(), p.name.get_or_other(args.language.code()).to_owned()))
            }
            Err(e) => {
                let hints: Vec<&str> = e.hint.as_deref().into_iter().collect();
                return fail(format!("--partner: {}", e.message), &hints, Exit::Invalid);
            }
        }
    }
    let period = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let parse = |flag: &str, text: &str| {
                text.parse::<brief::dates::PartialDate>().map_err(|e| {
                    fail(
                        format!("--{flag}: {e}"),
                        &["write 2024, 2024-03 or 2024-03-31"],
                        Exit::Invalid,
                    )
                })
            };
            let (from, to) = match (parse("from", from), parse("to", to)) {
                (Ok(from), Ok(to)) => (from, to),
                (Err(exit), _) | (_, Err(exit)) => return exit,
            };
            if from.first_day() > to.last_day() {
                return fail(
                    format!("the period ends ({to}) before it begins ({from})"),
                    &["swap --from and --to"],
                    Exit::Invalid,
                );
            }
            Some((from, to))
        }
        _ => None,
    };
    let starter = brief::starter::Starter {
        partners,
        period,
        audience: args.audience,
        language: args.language,
        today: chrono::Local::now().date_naive(),
    };
    let text = starter.render();
    match &args.output {
        None => {
            terminal::write_out(&text);
            Exit::Success
        }
        Some(path) if !args.force => match brief::output::write_new(path, text.as_bytes()) {
            Ok(()) => Exit::Success,
            Err(brief::output::NewFileError::Exists) => fail(
                format!("`{}` already exists", path.display()),
                &["choose another file, or pass --force to replace it"],
                Exit::Invalid,
            ),
            Err(brief::output::NewFileError::Write(message)) => fail(message, &[], Exit::Failed),
        },
        // `--force` replaces what `generate` would replace, and refuses what it refuses
        // (a read-only file, a pipe, a device, a folder).
        Some(path) => match brief::output::resolve(path, false) {
            Ok(brief::output::Resolved { target: brief::output::Target::File(real), .. }) => {
                match brief::output::write_atomic(&real, text.as_bytes()) {
                    Ok(()) => Exit::Success,
                    Err(message) => fail(message, &[], Exit::Failed),
                }
            }
            Ok(_) => fail(
                format!("cannot replace `{}`: it is not a regular file", path.display()),
                &["choose a file name"],
                Exit::Invalid,
            ),
            Err(why) => {
                fail(format!("cannot write `{}`: {why}", path.display()), &[], Exit::Invalid)
            }
        },
    }
}

/// The command line as users see it: `brief` without its hidden worker subcommand, which
/// completion scripts would otherwise offer.
fn public_command() -> clap::Command {
    let full = Cli::command();
    let visible: Vec<clap::Command> =
        full.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
    clap::Command::new("brief")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .max_term_width(100)
        .subcommand_required(true)
        .subcommands(visible)
}

/// `brief man`: the manual page of `brief`, then one for each subcommand
/// (`brief-generate`…) with all its options, in roff on standard output.
fn man_page() -> Exit {
    let command = public_command();
    let mut page = Vec::new();
    let mut rendered = clap_mangen::Man::new(command.clone()).render(&mut page);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub
            .clone()
            .display_name(format!("brief-{}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        rendered = rendered.and_then(|()| clap_mangen::Man::new(sub).render(&mut page));
    }
    match rendered {
        Ok(()) => {
            print_out(String::from_utf8_lossy(&page).trim_end());
            Exit::Success
        }
        Err(e) => fail(format!("cannot write the manual page ({e})"), &[], Exit::Failed),
    }
}

/// The as-of date: the flag, else the day of SOURCE_DATE_EPOCH, else today. A bad
/// SOURCE_DATE_EPOCH is reported, and the command ends as invalid input.
fn as_of(flag: Option<NaiveDate>) -> Result<NaiveDate, Exit> {
    brief::dates::as_of(flag, std::env::var("SOURCE_DATE_EPOCH").ok())
        .map_err(|message| fail(message, &["unset it, or pass --as-of YYYY-MM-DD"], Exit::Invalid))
}

/// What `brief generate` exports: `--format`, else the format of `-o`'s extension (a
/// file named `*.png` or `*.svg`), else PDF; with `--ppi` and `--pages`.
fn export_options(args: &args::ExportArgs, output: Option<&Path>) -> Export {
    let from_extension = || {
        let extension = output?.extension()?.to_str()?;
        ExportFormat::parse(extension).filter(|format| format.per_page())
    };
    Export {
        format: args.format.or_else(from_extension).unwrap_or(ExportFormat::Pdf),
        ppi: args.ppi,
        pages: args.pages.clone(),
    }
}

/// The options of a `generate`, `check` or `watch` run, or how the command ends when
/// the arguments or the environment are wrong.
fn run_options(
    args: &BriefArgs,
    mode: Mode,
    output: Option<PathBuf>,
    emit_data: Option<PathBuf>,
    report: Option<PathBuf>,
    export: Export,
) -> Result<Options, Exit> {
    let as_of = as_of(args.as_of)?;
    let shard = match args.shard {
        Some(shard) => Some(shard),
        None => match Shard::from_env(
            std::env::var("JOB_COMPLETION_INDEX").ok(),
            std::env::var("BRIEF_SHARD_COUNT").ok(),
        ) {
            Some(Ok(shard)) => Some(shard),
            Some(Err(message)) => {
                return Err(fail(
                    message,
                    &["fix or unset the variable, or pass --shard I/N"],
                    Exit::Invalid,
                ));
            }
            None => None,
        },
    };
    Ok(Options {
        output,
        shard,
        as_of,
        data: args.data.data.clone(),
        no_bundled_data: args.data.no_bundled_data,
        template_dir: args.template_dir.clone(),
        font_paths: args.font_path.clone(),
        language: args.language,
        audience: args.audience,
        pdf_standards: args.pdf_standard.clone(),
        export,
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
        ends_after_run: true,
        mode,
    })
}

/// Runs `generate` or `check` with `options`, printing progress and a summary.
/// Returns how the run ends, with what it read (for `watch`).
fn run_briefs(args: &BriefArgs, options: &Options) -> (Exit, brief::plan::Inputs) {
    let progress = terminal::Progress::new(options.mode, args.quiet, args.verbose);
    let summary = generate::run(&args.specs, options, &|message| progress.on(message));
    progress.finish();
    if summary.entries.len() > 1 && !args.quiet {
        // A dry run writes nothing: it says what it planned.
        let done = match options.mode {
            Mode::DryRun => "planned",
            Mode::Check => "checked",
            Mode::Write => "done",
        };
        terminal::print_err(&format!(
            "{} of {} outputs {done}, {} failed",
            summary.written(),
            summary.entries.len(),
            summary.failed()
        ));
    }
    if let Some(shard) = options.shard
        && summary.entries.is_empty()
        && summary.exit() == Exit::Success
        && !args.quiet
    {
        terminal::print_err(&format!(
            "shard {}/{} holds no spec: there are fewer specs than shards",
            shard.index, shard.count
        ));
    }
    (summary.exit(), summary.inputs)
}

/// `brief watch`: renders, then renders again after each change to an input, until
/// Ctrl-C. A failed render prints its errors and leaves the last good brief in place
/// (writes are atomic, and a brief that fails is not written).
fn watch(args: &args::WatchArgs) -> Exit {
    let export = export_options(&args.export, args.output.as_deref());
    let options =
        match run_options(&args.brief, Mode::Write, args.output.clone(), None, None, export) {
            Ok(options) => Options { ends_after_run: false, ..options },
            Err(exit) => return exit,
        };
    if args.brief.specs.iter().any(|s| s.as_os_str() == "-") {
        return fail(
            "`brief watch` cannot watch standard input",
            &["save the spec to a file and watch that"],
            Exit::Invalid,
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let raised = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || raised.store(true, Ordering::SeqCst)) {
        return fail(format!("cannot catch Ctrl-C ({e})"), &[], Exit::Failed);
    }
    let mut files = match Watch::new() {
        Ok(watch) => watch,
        Err(message) => return fail(message, &[], Exit::Failed),
    };
    loop {
        let (_, read) = run_briefs(&args.brief, &options);
        let inputs = Watched::of(&args.brief.specs, &options, &read);
        if let Err(message) = files.set(inputs.clone()) {
            return fail(message, &[], Exit::Failed);
        }
        if !args.brief.quiet {
            terminal::print_err(&format!("watching {}; Ctrl-C to stop", inputs.describe()));
        }
        match files.wait(&stop) {
            Wake::Stopped => return Exit::Success,
            Wake::Changed(paths) if !args.brief.quiet => {
                let names: Vec<String> = paths.iter().map(|p| shown(p)).collect();
                terminal::print_err(&format!("changed: {}", names.join(", ")));
            }
            Wake::Changed(_) => {}
        }
    }
}

/// A path as the user knows it: relative to the current folder when it is below it.
fn shown(path: &Path) -> String {
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    match here.as_deref().and_then(|here| path.strip_prefix(here).ok()) {
        Some(relative) => relative.display().to_string(),
        None => path.display().to_string(),
    }
}

/// Loads the dataset for `events` and `partners`, printing problems.
fn load(args: &args::DataArgs) -> Result<dataset::Dataset, Exit> {
    match generate::load_dataset(args.no_bundled_data, &args.data) {
        Ok((dataset, warnings)) => {
            print_diagnostics(&warnings);
            Ok(dataset)
        }
        Err(errors) => {
            print_diagnostics(&errors);
            Err(Exit::Invalid)
        }
    }
}

/// `brief events`.
fn events(args: &args::EventsArgs) -> Exit {
    let dataset = match load(&args.data) {
        Ok(dataset) => dataset,
        Err(exit) => return exit,
    };
    let as_of = match as_of(args.as_of) {
        Ok(date) => date,
        Err(exit) => return exit,
    };
    let filters = EventFilters {
        as_of,
        partners: args.partner.clone(),
        roles: args.role.clone(),
        search: args.search.clone(),
        topics: args.topic.clone(),
        types: args.kind.clone(),
        status: args.status.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
    };
    let query = match select::event_query(&dataset, &filters) {
        Ok(query) => query,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic]);
            return Exit::Invalid;
        }
    };
    for name in &args.partner {
        if let Some(partner) = dataset.agency(name) {
            let country = partner.name.get_or_other("en");
            print_diagnostics(&[Diagnostic::warning(format!(
                "`{name}` is an agency of {country}: the dataset records its events under \
                 {country}, so this lists every event with {country}"
            ))]);
        }
    }
    let mut selected: Vec<&dataset::Event> = dataset.select(&query).collect();
    listing::sort(&dataset, &mut selected, args.sort);
    let layout = listing::Layout { as_of, language: args.language, wide: args.wide };
    print_listing(listing::events(&dataset, &selected, &layout, args.format))
}

/// `brief partners`.
fn partners(args: &args::PartnersArgs) -> Exit {
    match load(&args.data) {
        Ok(dataset) => print_listing(listing::partners(&dataset, args.format)),
        Err(exit) => exit,
    }
}

/// Prints a listing to standard output.
fn print_listing(listing: Result<String, String>) -> Exit {
    match listing {
        Ok(text) => {
            terminal::write_out(&text);
            Exit::Success
        }
        Err(message) => fail(message, &[], Exit::Failed),
    }
}

/// `brief templates list`.
fn templates_list() -> Exit {
    for (name, what) in render::TEMPLATE_NAMES {
        print_out(&format!("{name:<10} {what}"));
    }
    print_out("\nShared components: lib.typ. Export them with `brief templates export DIR`.");
    Exit::Success
}

/// `brief templates export DIR`.
fn templates_export(dir: &Path, force: bool) -> Exit {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let sample = match brief::dates::as_of(None, epoch).and_then(generate::sample_brief_json) {
        Ok(json) => json,
        Err(message) => return fail(message, &[], Exit::Failed),
    };
    match assets::export(dir, force, &sample) {
        Ok(count) => {
            print_out(&format!("wrote {count} files to {}", dir.display()));
            print_out(&format!(
                "try: typst compile --root {0} --font-path {0}/fonts --ignore-system-fonts {0}/brief.typ",
                dir.display()
            ));
            Exit::Success
        }
        Err(ExportError::Exists(path)) => fail(
            format!("`{}` already exists", path.display()),
            &["pass --force to overwrite the exported files"],
            Exit::Invalid,
        ),
        Err(ExportError::Write(message)) => fail(message, &[], Exit::Failed),
    }
}
