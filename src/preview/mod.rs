//! `brief preview`: one spec's brief as a browser shows it, rendered again when its
//! inputs change, at any as-of date, language and audience the page asks for.
//!
//! A [`Session`] renders the spec through the same run as `generate` (planning, the
//! sandbox, worker processes and their limits) into a private folder, as one SVG image
//! per page, and keeps each view ([`View`]) until an input changes. [`server`] serves
//! the views to the page over HTTP on 127.0.0.1 and tells open pages when to ask again.

pub mod server;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use codespan_reporting::term::termcolor::NoColor;
use serde::Serialize;

use crate::dates::Period;
use crate::diag::Severity;
use crate::generate::{self, Message, Mode, Options};
use crate::locale::Language;
use crate::output::Status;
use crate::plan::Inputs;
use crate::render::Export;
use crate::render::export::ExportFormat;
use crate::spec::Audience;

/// What a page asks to see: the options that may differ from the command line's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Choices {
    /// The as-of date, instead of the command line's.
    pub as_of: Option<NaiveDate>,
    /// The language, instead of the command line's (or the spec's).
    pub language: Option<Language>,
    /// The audience, instead of the command line's (or the spec's).
    pub audience: Option<Audience>,
}

impl Choices {
    /// Reads a request's query (`as_of=2023-06-30&language=id&audience=public`); an
    /// empty value keeps the default. The error says which value is wrong.
    pub fn from_query(query: &str) -> Result<Choices, String> {
        let mut choices = Choices::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if value.is_empty() {
                continue;
            }
            let wrong = |what: &str| format!("`{value}` is not {what}");
            match key {
                "as_of" => {
                    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .ok()
                        .filter(|d| (1900..=9999).contains(&chrono::Datelike::year(d)));
                    choices.as_of = Some(day.ok_or_else(|| wrong("a date (YYYY-MM-DD)"))?);
                }
                "language" => {
                    choices.language =
                        Some(Language::parse(value).ok_or_else(|| wrong("a language"))?)
                }
                "audience" => {
                    choices.audience =
                        Some(Audience::parse(value).ok_or_else(|| wrong("an audience"))?)
                }
                // The page adds these to its requests; they choose nothing.
                "n" | "gen" => {}
                _ => return Err(format!("`{key}` is not a choice of the preview")),
            }
        }
        Ok(choices)
    }
}

/// A brief as the page shows it, or why it could not be made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct View {
    /// Which round of inputs it was made from: it rises with every change.
    pub generation: u64,
    /// The brief's title, in its language.
    pub title: String,
    /// The number of pages.
    pub pages: usize,
    /// The engagements the brief counts.
    pub engagements: Option<usize>,
    /// How long the render took, in milliseconds.
    pub milliseconds: u64,
    /// The as-of date it was made for (`YYYY-MM-DD`).
    pub as_of: String,
    /// Its language and audience.
    pub language: Option<Language>,
    /// Its audience.
    pub audience: Option<Audience>,
    /// The first and last day of the period it covers (`YYYY-MM-DD`).
    pub period: Option<[String; 2]>,
    /// How many briefs the spec makes with these choices; the view is the first.
    pub briefs: usize,
    /// What went wrong, as the terminal would say it (message, `file:line:col`,
    /// excerpt); `None` when the brief rendered.
    pub error: Option<String>,
    /// Each page as an SVG image.
    #[serde(skip)]
    pub images: Vec<Vec<u8>>,
}

/// The views made since the inputs last changed.
#[derive(Default)]
struct Cache {
    generation: u64,
    views: HashMap<Choices, Arc<View>>,
    pdfs: HashMap<Choices, Arc<Result<Vec<u8>, String>>>,
    /// What the last render read, for the watch.
    inputs: Option<Inputs>,
}

/// One spec previewed: its options, a private folder for renders, and the views made.
pub struct Session {
    spec: PathBuf,
    options: Options,
    folder: tempfile::TempDir,
    cache: Mutex<Cache>,
    /// Held while rendering: one render at a time, in the private folder.
    rendering: Mutex<()>,
}

impl Session {
    /// A session for `spec` with the command line's `options`, its private folder made
    /// in the system's temporary folder (removed when the session ends).
    pub fn new(spec: PathBuf, options: Options) -> std::io::Result<Session> {
        let folder = tempfile::Builder::new().prefix("brief-preview-").tempdir()?;
        Ok(Session {
            spec,
            options,
            folder,
            cache: Mutex::new(Cache::default()),
            rendering: Mutex::new(()),
        })
    }

    /// The command line's options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The session's cache, locked.
    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets every view: an input changed. Returns the new generation.
    pub fn changed(&self) -> u64 {
        let mut cache = self.cache();
        cache.generation += 1;
        cache.views.clear();
        cache.pdfs.clear();
        cache.generation
    }

    /// The current generation.
    pub fn generation(&self) -> u64 {
        self.cache().generation
    }

    /// What the last render read (the spec, its data and templates), for the watch.
    pub fn inputs(&self) -> Inputs {
        self.cache().inputs.clone().unwrap_or_default()
    }

    /// The view for `choices`, rendered now unless it was made since the last change.
    pub fn view(&self, choices: &Choices) -> Arc<View> {
        self.cached(
            |cache| cache.views.get(choices).cloned(),
            |generation| Arc::new(self.render_pages(choices, generation)),
            |cache, view| {
                cache.views.insert(*choices, Arc::clone(view));
            },
        )
    }

    /// The PDF of the view for `choices`, or why it could not be made.
    pub fn pdf(&self, choices: &Choices) -> Arc<Result<Vec<u8>, String>> {
        self.cached(
            |cache| cache.pdfs.get(choices).cloned(),
            |_| Arc::new(self.render_pdf(choices)),
            |cache, pdf| {
                cache.pdfs.insert(*choices, Arc::clone(pdf));
            },
        )
    }

    /// What `find` finds in the cache, else what `make` renders for the current
    /// generation (one render at a time), kept by `keep` unless an input changed while
    /// it rendered.
    fn cached<T>(
        &self,
        find: impl Fn(&Cache) -> Option<T>,
        make: impl FnOnce(u64) -> T,
        keep: impl FnOnce(&mut Cache, &T),
    ) -> T {
        let _one_at_a_time = self.rendering.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = {
            let cache = self.cache();
            if let Some(found) = find(&cache) {
                return found;
            }
            cache.generation
        };
        let made = make(generation);
        let mut cache = self.cache();
        if cache.generation == generation {
            keep(&mut cache, &made);
        }
        made
    }

    /// Renders the view for `choices` as one PDF, read back into memory.
    fn render_pdf(&self, choices: &Choices) -> Result<Vec<u8>, String> {
        let run = self.run(choices, ExportFormat::Pdf);
        let pdf = match (&run.error, run.outputs.first()) {
            (None, Some(output)) => {
                output.path.as_ref().ok_or_else(|| "no PDF was written".to_string()).and_then(
                    |path| std::fs::read(path).map_err(|e| format!("cannot read the PDF ({e})")),
                )
            }
            (Some(error), _) => Err(error.clone()),
            (None, None) => Err("the spec makes no brief".to_string()),
        };
        self.clear_folder();
        pdf
    }

    /// Renders the pages of the view for `choices` as SVG images, keeping what the run
    /// read for the watch.
    fn render_pages(&self, choices: &Choices, generation: u64) -> View {
        let run = self.run(choices, ExportFormat::Svg);
        let mut view = View {
            generation,
            title: run.title.clone(),
            as_of: choices.as_of.unwrap_or(self.options.as_of).to_string(),
            period: run.period.map(|p| [p.from.to_string(), p.to.to_string()]),
            language: run.language,
            audience: run.audience,
            briefs: run.outputs.len(),
            error: run.error.clone(),
            ..View::default()
        };
        if let (None, Some(output)) = (&run.error, run.outputs.first()) {
            view.pages = output.pages.unwrap_or(0);
            view.engagements = output.events;
            view.milliseconds = output.milliseconds.unwrap_or(0);
            let images: Result<Vec<Vec<u8>>, String> = output
                .files
                .iter()
                .map(|file| std::fs::read(file).map_err(|e| format!("cannot read a page ({e})")))
                .collect();
            match images {
                Ok(images) => view.images = images,
                Err(why) => view.error = Some(why),
            }
        }
        self.clear_folder();
        self.cache().inputs = Some(run.inputs);
        view
    }

    /// Runs the spec with `choices` into the private folder, exported as `format`,
    /// collecting what the run says instead of printing it.
    fn run(&self, choices: &Choices, format: ExportFormat) -> Run {
        self.clear_folder();
        let options = Options {
            as_of: choices.as_of.unwrap_or(self.options.as_of),
            language: choices.language.or(self.options.language),
            audience: choices.audience.or(self.options.audience),
            output: Some(self.folder.path().to_path_buf()),
            export: Export { format, pages: None, ..self.options.export.clone() },
            mode: Mode::Write,
            emit_data: None,
            report: None,
            ends_after_run: false,
            ..self.options.clone()
        };
        let heard = Mutex::new(Run::default());
        let summary = generate::run(std::slice::from_ref(&self.spec), &options, &|message| {
            let mut run = heard.lock().unwrap_or_else(PoisonError::into_inner);
            run.hear(message);
        });
        let mut run = heard.into_inner().unwrap_or_else(PoisonError::into_inner);
        run.inputs = summary.inputs;
        run.outputs = summary.entries.into_iter().filter(|e| e.status == Status::Written).collect();
        if run.error.is_none() && run.outputs.is_empty() {
            run.error = Some("the spec makes no brief with these choices".into());
        }
        run
    }

    /// Removes the private folder now: pages still open hold the session, so it may
    /// outlive the command.
    pub fn close(&self) {
        let _ = std::fs::remove_dir_all(self.folder.path());
    }

    /// Empties the private folder: a view keeps its pages in memory.
    fn clear_folder(&self) {
        if let Ok(entries) = std::fs::read_dir(self.folder.path()) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// What one run of the spec said.
#[derive(Default)]
struct Run {
    /// The first brief's title, language, audience and period, as planned.
    title: String,
    language: Option<Language>,
    audience: Option<Audience>,
    period: Option<Period>,
    /// The briefs written, in variant order.
    outputs: Vec<crate::output::ReportEntry>,
    /// Every error, as the terminal prints it.
    error: Option<String>,
    /// What the run read.
    inputs: Inputs,
}

impl Run {
    /// Keeps what `message` says that a view shows.
    fn hear(&mut self, message: Message<'_>) {
        match message {
            Message::Planned(plan) if self.title.is_empty() => {
                let language = plan.settings.language;
                self.title = plan.spec.title.get(language).unwrap_or_default().to_owned();
                self.language = Some(language);
                self.audience = Some(plan.settings.audience);
                self.period = Some(plan.settings.period);
            }
            Message::Invalid(diagnostics) => {
                let mut text = NoColor::new(Vec::new());
                for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
                    d.emit(&mut text);
                }
                self.add_error(String::from_utf8_lossy(&text.into_inner()).trim_end());
            }
            Message::Failed(entry) => {
                self.add_error(entry.error.as_deref().unwrap_or("the brief could not be made"))
            }
            _ => {}
        }
    }

    /// Adds an error to those already heard.
    fn add_error(&mut self, text: &str) {
        match &mut self.error {
            Some(error) => {
                error.push_str("\n\n");
                error.push_str(text);
            }
            None => self.error = Some(text.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_chooses_a_date_a_language_and_an_audience() {
        let choices = Choices::from_query("as_of=2023-06-30&language=id&audience=public&n=2")
            .expect("a good query");
        assert_eq!(choices.as_of, NaiveDate::from_ymd_opt(2023, 6, 30));
        assert_eq!(choices.language, Some(Language::Id));
        assert_eq!(choices.audience, Some(Audience::Public));
        assert_eq!(Choices::from_query("as_of=&language="), Ok(Choices::default()));
    }

    #[test]
    fn a_query_with_a_wrong_value_or_key_says_which() {
        let wrong = |query: &str| Choices::from_query(query).unwrap_err();
        assert_eq!(wrong("as_of=22-01-01"), "`22-01-01` is not a date (YYYY-MM-DD)");
        assert_eq!(wrong("language=fr"), "`fr` is not a language");
        assert_eq!(wrong("file=/etc/passwd"), "`file` is not a choice of the preview");
    }
}
