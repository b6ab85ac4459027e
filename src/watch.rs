//! Watching: the files a run reads (specs, data files, template folders), and a wait
//! for the next change to one of them, so that `brief watch` renders again.
//!
//! Folders are watched rather than files: editors save by writing a new file and
//! renaming it over the old one, which ends a watch on the file itself. Events are
//! debounced by `notify-debouncer-full` (a burst of events from one save is one
//! change, renames are paired) and filtered to the run's inputs (the briefs the run
//! writes beside them do not count); reading a file is no event.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache};

use crate::plan::{self, Options};

/// How long the files must be quiet after an event before the run starts again: an
/// editor's save is one burst of a few milliseconds (`typst watch` waits 100 ms).
const QUIET: Duration = Duration::from_millis(50);

/// How often the debouncer looks for events that have been quiet long enough.
const DEBOUNCE_TICK: Duration = Duration::from_millis(10);

/// How often the wait looks at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// What a run reads, as real paths: single files, and folders read as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watched {
    /// Specs and data files (those that exist, and specs named that do not yet).
    pub files: BTreeSet<PathBuf>,
    /// Template folders, every file in them included.
    pub folders: BTreeSet<PathBuf>,
}

impl Watched {
    /// What to watch after a run over `args` that read `read`: those files, and at
    /// least the specs, the `--data` files and the `--template-dir` (all a run that
    /// could not plan is known to read).
    pub fn of(args: &[PathBuf], options: &Options, read: &plan::Inputs) -> Watched {
        let mut inputs = Watched::default();
        let files = plan::spec_files(args).unwrap_or_else(|_| args.to_vec());
        inputs.files.extend(files.iter().chain(&options.data).map(|p| real(p)));
        inputs.folders.extend(options.template_dir.iter().map(|p| real(p)));
        inputs.files.extend(read.files().map(real));
        inputs.folders.extend(read.template_folders().map(real));
        let folders = inputs.folders.clone();
        inputs.files.retain(|file| {
            file.as_os_str() != "-" && !folders.iter().any(|folder| file.starts_with(folder))
        });
        inputs
    }

    /// Whether a change at `path` changes what the run reads.
    fn concerns(&self, path: &Path) -> bool {
        let path = real(path);
        self.files.contains(&path) || self.folders.iter().any(|folder| path.starts_with(folder))
    }

    /// How many files and folders are watched, in words.
    pub fn describe(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self.folders.len() {
            0 => count(self.files.len(), "file", "files"),
            n => format!(
                "{} and {}",
                count(self.files.len(), "file", "files"),
                count(n, "template folder", "template folders")
            ),
        }
    }
}

/// A path with its folder's links resolved, whether or not the file exists (it may be
/// between an editor's delete and rename).
fn real(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent().and_then(|p| p.canonicalize().ok()), absolute.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => absolute,
    }
}

/// Why a wait ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Wake {
    /// These inputs changed.
    Changed(Vec<PathBuf>),
    /// The system could not report changes (a watch was lost, or too many files are
    /// watched): why, in words. A later change may still be seen.
    Trouble(String),
    /// The stop flag was raised (Ctrl-C).
    Stopped,
}

/// A file-system watch over a run's inputs.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    watched: Vec<(PathBuf, RecursiveMode)>,
    inputs: Watched,
}

impl Watch {
    /// Starts watching nothing yet.
    pub fn new() -> Result<Watch, String> {
        let (send, events) = mpsc::channel();
        let debouncer = notify_debouncer_full::new_debouncer(QUIET, Some(DEBOUNCE_TICK), send)
            .map_err(|e| format!("cannot watch files on this system ({e})"))?;
        Ok(Watch { debouncer, events, watched: vec![], inputs: Watched::default() })
    }

    /// Watches `inputs` from now on (the folders of the files, and the template
    /// folders with everything below them).
    pub fn set(&mut self, inputs: Watched) -> Result<(), String> {
        let mut wanted: Vec<(PathBuf, RecursiveMode)> = inputs
            .files
            .iter()
            .filter_map(|file| file.parent().map(Path::to_path_buf))
            .filter(|folder| !inputs.folders.iter().any(|f| folder.starts_with(f)))
            .map(|folder| (folder, RecursiveMode::NonRecursive))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        wanted.extend(inputs.folders.iter().map(|f| (f.clone(), RecursiveMode::Recursive)));
        for (path, _) in &self.watched {
            if !wanted.iter().any(|(p, _)| p == path) {
                let _ = self.debouncer.unwatch(path);
            }
        }
        for (path, mode) in &wanted {
            if !self.watched.contains(&(path.clone(), *mode)) {
                self.debouncer
                    .watch(path, *mode)
                    .map_err(|e| format!("cannot watch `{}` ({e})", path.display()))?;
            }
        }
        self.watched = wanted;
        self.inputs = inputs;
        Ok(())
    }

    /// Waits until an input changes (the burst of events from one save over), the
    /// system reports trouble, or `stop` is raised. Events from before the call that
    /// are still queued count.
    pub fn wait(&self, stop: &Arc<AtomicBool>) -> Wake {
        loop {
            if stop.load(Ordering::SeqCst) {
                return Wake::Stopped;
            }
            match self.events.recv_timeout(TICK) {
                Ok(Ok(events)) => {
                    let changed: BTreeSet<PathBuf> = events
                        .iter()
                        .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                        .flat_map(|e| &e.event.paths)
                        .filter(|path| self.inputs.concerns(path))
                        .cloned()
                        .collect();
                    if !changed.is_empty() {
                        return Wake::Changed(changed.into_iter().collect());
                    }
                }
                Ok(Err(errors)) => {
                    let why: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    return Wake::Trouble(why.join("; "));
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Wake::Stopped,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_run_s_inputs_concern_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("tpl")).unwrap();
        let inputs =
            Watched { files: [root.join("s.toml")].into(), folders: [root.join("tpl")].into() };
        assert!(inputs.concerns(&root.join("s.toml")));
        assert!(inputs.concerns(&root.join("tpl/lib/parts.typ")));
        assert!(!inputs.concerns(&root.join("s.pdf")));
        assert!(!inputs.concerns(&root.join(".brief-x1.tmp")));
        assert_eq!(inputs.describe(), "1 file and 1 template folder");
    }

    #[test]
    fn a_file_between_delete_and_rename_keeps_its_real_path() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.toml");
        assert_eq!(real(&gone), dir.path().canonicalize().unwrap().join("gone.toml"));
    }
}
