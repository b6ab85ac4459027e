//! `brief watch`: render, then render again on every change of the run's inputs.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use brief::generate::{Exit, Mode, Options};
use brief::watch::{Wake, Watch, Watched};
use brief::worker::WorkerPool;

use super::run::{export_options, run_briefs, run_options};
use crate::args;
use crate::terminal::{self, fail};

/// `brief watch`: renders, then renders again after each change to an input, until
/// Ctrl-C. A failed render prints its errors and leaves the last good brief in place
/// (writes are atomic, and a brief that fails is not written).
pub(crate) fn watch(args: &args::WatchArgs) -> Exit {
    let export = export_options(&args.export, args.output.as_deref());
    let options =
        match run_options(&args.brief, Mode::Write, args.output.clone(), None, None, export) {
            Ok(options) => session_options(options),
            Err(exit) => return exit,
        };
    if args.brief.specs.iter().any(|s| s.as_os_str() == "-") {
        return fail(
            "`brief watch` cannot watch standard input",
            &["save the spec to a file and watch that"],
            Exit::Invalid,
        );
    }
    let stop = match stop_on_ctrl_c() {
        Ok(stop) => stop,
        Err(exit) => return exit,
    };
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
        if !next_change(&files, &stop, args.brief.quiet) {
            return Exit::Success;
        }
    }
}

/// The options of a session (`watch`, `preview`): the run goes on after each render,
/// and keeps its workers warm from one render to the next.
pub(crate) fn session_options(options: Options) -> Options {
    Options { ends_after_run: false, workers: Some(Arc::new(WorkerPool::default())), ..options }
}

/// A flag that Ctrl-C (or SIGTERM, SIGHUP) raises, for a session to stop between renders.
pub(crate) fn stop_on_ctrl_c() -> Result<Arc<AtomicBool>, Exit> {
    let stop = Arc::new(AtomicBool::new(false));
    let raised = Arc::clone(&stop);
    ctrlc::set_handler(move || raised.store(true, Ordering::SeqCst))
        .map_err(|e| fail(format!("cannot catch Ctrl-C ({e})"), &[], Exit::Failed))?;
    Ok(stop)
}

/// Waits for the next change to the watched files, printing what changed (unless
/// `quiet`) and any trouble the system reports; `false` when `stop` was raised.
pub(crate) fn next_change(files: &Watch, stop: &Arc<AtomicBool>, quiet: bool) -> bool {
    loop {
        match files.wait(stop) {
            Wake::Stopped => return false,
            Wake::Trouble(why) => terminal::print_err(&format!("warning: watching files: {why}")),
            Wake::Changed(paths) => {
                if !quiet {
                    let names: Vec<String> = paths.iter().map(|p| shown(p)).collect();
                    terminal::print_err(&format!("changed: {}", names.join(", ")));
                }
                return true;
            }
        }
    }
}

/// A path as the user knows it: relative to the current folder when it is below it.
pub(crate) fn shown(path: &Path) -> String {
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    match here.as_deref().and_then(|here| path.strip_prefix(here).ok()) {
        Some(relative) => relative.display().to_string(),
        None => path.display().to_string(),
    }
}
