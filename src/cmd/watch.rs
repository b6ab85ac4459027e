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
            // A session keeps its workers warm from one render to the next.
            Ok(options) => Options {
                ends_after_run: false,
                workers: Some(Arc::new(WorkerPool::default())),
                ..options
            },
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
        loop {
            match files.wait(&stop) {
                Wake::Stopped => return Exit::Success,
                Wake::Trouble(why) => {
                    terminal::print_err(&format!("warning: watching files: {why}"));
                    continue;
                }
                Wake::Changed(paths) if !args.brief.quiet => {
                    let names: Vec<String> = paths.iter().map(|p| shown(p)).collect();
                    terminal::print_err(&format!("changed: {}", names.join(", ")));
                }
                Wake::Changed(_) => {}
            }
            break;
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
