//! What the `brief` command prints: lines on standard output, diagnostics on standard
//! error (coloured on terminals, at most 20 errors a file), and a run's progress.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use indicatif::{ProgressBar, ProgressStyle};

use brief::diag::{Diagnostic, Severity};
use brief::generate::{Exit, Message, Mode, Plan};
use brief::output::Status;

/// Whether writing to standard output failed for a reason other than a closed pipe.
static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);

/// The warnings this process has printed, as their place and message: `brief watch`
/// says each once, not again on every round (a data file kept in one language would
/// repeat its warning at every save of the spec).
static WARNED: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// The warnings of `diagnostics` not printed before by this process; notes them as
/// printed.
fn unseen(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut warned = WARNED.lock().unwrap_or_else(PoisonError::into_inner);
    let warned = warned.get_or_insert_with(HashSet::new);
    diagnostics
        .iter()
        .filter(|d| {
            let key = format!("{}\0{}", d.location().unwrap_or_default(), d.message);
            warned.insert(key)
        })
        .cloned()
        .collect()
}

/// Prints a line to standard output. A closed pipe (`brief … | head`) is no reason to
/// panic: the work is done, and the exit code tells how it went. Any other failure (a
/// full disk) is reported once and makes the exit [`Exit::Failed`] (see [`finish`]).
pub(crate) fn print_out(line: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, Ordering::Relaxed)
    {
        print_err(&format!("error: cannot write to standard output ({e})"));
    }
}

/// Writes text or bytes to standard output as they are, like [`print_out`].
pub(crate) fn write_out(bytes: impl AsRef<[u8]>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes.as_ref()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, Ordering::Relaxed)
    {
        print_err(&format!("error: cannot write to standard output ({e})"));
    }
}

/// The command's exit: `exit`, or at least [`Exit::Failed`] when standard output
/// could not be written.
pub(crate) fn finish(exit: Exit) -> Exit {
    if STDOUT_FAILED.load(Ordering::Relaxed) { exit.max(Exit::Failed) } else { exit }
}

/// Prints a line to standard error, ignoring a closed stream as [`print_out`] does. Its
/// text may come from a spec, a data file, a template or a file name (a Typst error, an
/// output path), so every character a terminal would act on is made visible.
pub(crate) fn print_err(line: &str) {
    let _ = writeln!(std::io::stderr(), "{}", brief::diag::printable(line));
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
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic]) {
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

/// Prints a plain error with hints and returns `exit`.
pub(crate) fn fail(message: impl Into<String>, hints: &[&str], exit: Exit) -> Exit {
    let mut diagnostic = Diagnostic::error(message);
    for hint in hints {
        diagnostic = diagnostic.hint(*hint);
    }
    print_diagnostics(&[diagnostic]);
    exit
}

/// Prints what a run of `generate` or `check` reports: diagnostics, the plan of a dry
/// run, a line per brief (or a progress bar for batches on a terminal).
pub(crate) struct Progress {
    mode: Mode,
    quiet: bool,
    /// Whether warnings are printed (`--no-warnings` and `--quiet` silence them).
    warnings: bool,
    verbose: bool,
    bar: Mutex<Option<ProgressBar>>,
    /// Messages come from several threads; one prints at a time.
    lock: Mutex<()>,
}

impl Progress {
    /// Progress for a run in `mode`.
    pub(crate) fn new(mode: Mode, quiet: bool, warnings: bool, verbose: bool) -> Self {
        let warnings = warnings && !quiet;
        Progress { mode, quiet, warnings, verbose, bar: Mutex::new(None), lock: Mutex::new(()) }
    }

    /// Prints a line, above the bar if one is drawn, made printable as [`print_err`]
    /// makes it.
    fn say(&self, line: String) {
        match self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(bar) => bar.println(brief::diag::printable(&line)),
            None => print_err(&line),
        }
    }

    /// Runs `print` with the bar out of the way.
    fn above_bar(&self, print: &dyn Fn()) {
        match self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Advances the bar by one brief.
    fn tick(&self) {
        if let Some(bar) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            bar.inc(1);
        }
    }

    /// Prints one message of the run.
    pub(crate) fn on(&self, message: Message<'_>) {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        match message {
            Message::Invalid(diagnostics) => print_diagnostics(diagnostics),
            Message::Warnings(diagnostics) if self.warnings => {
                let fresh = unseen(diagnostics);
                if !fresh.is_empty() {
                    self.above_bar(&|| print_diagnostics(&fresh));
                }
            }
            Message::TemplateWarnings(text) if self.warnings => {
                self.above_bar(&|| print_err(text.trim_end()))
            }
            Message::Planned(plan) if self.mode == Mode::DryRun => print_out(&describe(plan)),
            Message::Planned(plan) if self.verbose => self.say(describe(plan)),
            Message::Rendering(total)
                if !self.quiet && total > 1 && std::io::stderr().is_terminal() =>
            {
                let style =
                    ProgressStyle::with_template("{bar:32.cyan/blue} {pos}/{len} briefs {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = ProgressBar::new(total as u64).with_style(style);
                *self.bar.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar);
            }
            Message::Done(entry) => {
                self.tick();
                if !self.quiet {
                    let verb = if entry.status == Status::Checked { "checked" } else { "wrote" };
                    let (pages, events) = (entry.pages.unwrap_or(0), entry.events.unwrap_or(0));
                    let written = match entry.files.as_slice() {
                        [] => entry.path.clone().unwrap_or_else(|| "?".into()),
                        [one] => one.clone(),
                        [first, .., last] => format!("{first} … {last}"),
                    };
                    // `--pages` may write fewer pages than the brief has: say both.
                    let pages = match entry.exported_pages {
                        Some(exported) => format!("{exported} of {pages} pages"),
                        None if pages == 1 => "1 page".to_owned(),
                        None => format!("{pages} pages"),
                    };
                    self.say(format!(
                        "{verb} {written} ({pages}, {events} {}, {} ms)",
                        brief::locale::engagements(brief::locale::Language::En, events),
                        entry.milliseconds.unwrap_or(0)
                    ));
                }
            }
            Message::Failed(entry) => {
                self.tick();
                self.say(format!(
                    "error: could not render {} (variant {}) to {}\n{}",
                    entry.spec,
                    entry.variant + 1,
                    entry.path.as_deref().unwrap_or("?"),
                    entry.error.as_deref().unwrap_or("").trim_end()
                ));
            }
            _ => {}
        }
    }

    /// Clears the bar, if one was drawn.
    pub(crate) fn finish(&self) {
        if let Some(bar) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            bar.finish_and_clear();
        }
    }
}

/// One output's plan in words: spec, path, language, audience, marking, period, template
/// and the engagements each section selects.
fn describe(plan: &Plan) -> String {
    let counts: Vec<String> =
        plan.section_counts().iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    format!(
        "{} → {}\n  {} · {} · {} · {} ({} to {}) · template {}\n  engagements by section: {}",
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
