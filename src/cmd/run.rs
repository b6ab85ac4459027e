//! `brief generate` and `brief check`: their options from the arguments, and a run with its progress and summary.

use std::path::{Path, PathBuf};
use std::time::Duration;

use brief::generate::{self, Exit, Mode, Options};
use brief::plan::Shard;
use brief::render::Export;
use brief::render::export::ExportFormat;
use brief::worker::{Limits, WorkerCommand};

use crate::args::{self, BriefArgs};
use crate::terminal::{self, fail};

/// `brief generate`.
pub(crate) fn generate(args: args::GenerateArgs) -> Exit {
    let mode = if args.dry_run { Mode::DryRun } else { Mode::Write };
    let export = export_options(&args.export, args.output.as_deref());
    match run_options(&args.brief, mode, args.output, args.emit_data, args.report, export) {
        Ok(options) => run_briefs(&args.brief, &options).0,
        Err(exit) => exit,
    }
}

/// `brief check`: every brief compiled, nothing written.
pub(crate) fn check(args: &args::CheckArgs) -> Exit {
    match run_options(&args.brief, Mode::Check, None, None, None, Export::default()) {
        Ok(options) => run_briefs(&args.brief, &options).0,
        Err(exit) => exit,
    }
}

/// What `brief generate` exports: `--format`, else the format of `-o`'s extension (a
/// file named `*.png` or `*.svg`), else PDF; with `--ppi` and `--pages`.
pub(crate) fn export_options(args: &args::ExportArgs, output: Option<&Path>) -> Export {
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
pub(crate) fn run_options(
    args: &BriefArgs,
    mode: Mode,
    output: Option<PathBuf>,
    emit_data: Option<PathBuf>,
    report: Option<PathBuf>,
    export: Export,
) -> Result<Options, Exit> {
    let as_of = super::as_of(args.as_of, &args.source_date)?;
    let shard = match args.shard {
        Some(shard) => Some(shard),
        None => match Shard::from_env(args.shard_env.index.clone(), args.shard_env.count.clone()) {
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
        settings: args.set.clone(),
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
        workers: None,
        ends_after_run: true,
        mode,
    })
}

/// Runs `generate` or `check` with `options`, printing progress and a summary.
/// Returns how the run ends, with what it read (for `watch`).
pub(crate) fn run_briefs(args: &BriefArgs, options: &Options) -> (Exit, brief::plan::Inputs) {
    let progress =
        terminal::Progress::new(options.mode, args.quiet, !args.no_warnings, args.verbose);
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
