//! Rendering: compiling a brief's data with its template into a PDF (or page images).
//!
//! [`Renderer`] holds what every brief of a run shares (the font book, the library, the
//! parsed built-in templates, user template folders read once) and compiles each
//! [`RenderRequest`] in its own `world`. [`assets`] holds the embedded files and their
//! export; [`export`] turns the compiled document into PDF, PNG or SVG files.

pub mod assets;
pub mod export;
pub mod fonts;
mod text;
mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use typst::diag::Warned;
use typst::foundations::Smart;
use typst::syntax::{FileId, Source};
use typst::text::FontBook;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;

pub use assets::{BUILTIN_TEMPLATES, FONT_FILES, TEMPLATE_NAMES};
pub use export::{Export, Exported, PageImage};
pub use world::DATA_PATH;
use world::{BriefWorld, Overrides, project_file};

use crate::model::{TOOL, TYPST_VERSION};
use crate::spec::PdfStandard;

/// What a brief compiles: which template, from where, with which data.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// The main file, relative to the template folder (e.g. `brief.typ`).
    pub main: String,
    /// A folder whose files shadow the built-in ones.
    pub overrides: Option<PathBuf>,
    /// The brief's data, served as `/brief.json`.
    pub data: Vec<u8>,
    /// The theme's logo on disk (checked to lie in the spec's folder), served as
    /// `/logo.<its extension>`.
    pub logo: Option<PathBuf>,
    /// "Today" for the template and the PDF's date.
    pub as_of: NaiveDate,
    /// A stable identifier for the PDF (hashed into its /ID).
    pub ident: String,
    /// The most pages the brief may have; a longer one fails before PDF export.
    pub page_limit: Option<PageLimit>,
    /// The PDF standards the export is validated against; empty for plain PDF 1.7.
    pub pdf_standards: Vec<PdfStandard>,
    /// The format and pages to export.
    pub export: Export,
    /// Whether to return every page's text as a reader sees it ([`Rendered::page_texts`]).
    pub read_text: bool,
}

/// typst-pdf's standards for `list` (plain PDF 1.7 when it is empty), or why they
/// cannot be combined.
pub fn pdf_standards(list: &[PdfStandard]) -> Result<typst_pdf::PdfStandards, String> {
    let standards: Vec<typst_pdf::PdfStandard> = list
        .iter()
        .map(|standard| match standard {
            PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
            PdfStandard::A3b => typst_pdf::PdfStandard::A_3b,
            PdfStandard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        })
        .collect();
    typst_pdf::PdfStandards::new(&standards).map_err(|error| {
        let names: Vec<&str> = list.iter().map(|s| s.as_str()).collect();
        format!(
            "the PDF standards {} cannot be combined ({})",
            names.join(" and "),
            error.message()
        )
    })
}

/// A brief's page limit, and why it has one (for the message when it is passed).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PageLimit {
    /// The most pages.
    pub pages: usize,
    /// Why, as the end of a sentence: what to do about it.
    pub why: String,
}

/// Why a brief did not render.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RenderError {
    /// The error, with Typst's diagnostics formatted as the Typst CLI prints them.
    pub message: String,
    /// Whether an error lies in Typst markup that a template evaluated with `eval`: a
    /// spec's `text` body, which the caller can then point at in the spec.
    pub in_evaluated_markup: bool,
    /// The brief's page count when it has more pages than its limit allows; the caller
    /// may shrink the brief and try again.
    #[serde(default)]
    pub over_page_limit: Option<usize>,
}

impl RenderError {
    /// An error with no place in evaluated markup.
    pub fn plain(message: impl Into<String>) -> Self {
        RenderError { message: message.into(), in_evaluated_markup: false, over_page_limit: None }
    }
}

/// A compiled and exported brief.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF, or the page images.
    pub exported: Exported,
    /// The number of pages of the brief (all of them, whichever were exported).
    pub pages: usize,
    /// Typst's warnings, formatted, or empty.
    pub warnings: String,
    /// Every page's text as a reader sees it, when the request asked for it; else empty.
    pub page_texts: Vec<String>,
}

/// Fonts, library and parsed built-in templates, shared by every brief of a run.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Arc<[fonts::FontSlot]>,
    builtin: HashMap<FileId, Source>,
    /// The markup package's source (`world::MARKUP_PACKAGE`).
    markup: Source,
    /// User template folders by the path given, each read once for the whole run (a
    /// worker kept for a session's next run forgets them).
    folders: Mutex<HashMap<PathBuf, Arc<Overrides>>>,
    /// Briefs rendered so far, which paces the trimming of Typst's memo cache.
    rendered: AtomicUsize,
}

/// Briefs rendered between two trims of Typst's memo cache. A trim walks the whole
/// cache, so a batch trims every few briefs, and a one-shot run, whose process ends
/// after its brief, never does.
const TRIM_EVERY: usize = 4;

/// A trim keeps the memoised results used in the last this-many trims (the parsed
/// templates, which every brief uses, stay) and lets the rest go: a long batch holds
/// the results of its last dozen or so briefs, not all of them.
const TRIM_MAX_AGE: usize = 3;

impl Renderer {
    /// Knows the embedded fonts and templates, and the fonts in `font_paths`; a font is
    /// parsed when a brief first uses it, or ahead for the templates' own ([`fonts`]).
    pub fn new(font_paths: &[PathBuf]) -> Result<Renderer, String> {
        let (mut fonts, mut infos) = fonts::embedded()?;
        let (more, more_infos) = fonts::from_folders(font_paths)?;
        fonts.extend(more);
        infos.extend(more_infos);
        let fonts: Arc<[fonts::FontSlot]> = fonts.into();
        // The thread ends on its own once the faces are parsed.
        let _ = fonts::parse_ahead(&fonts, &infos);
        let book = FontBook::from_infos(infos);
        let builtin = BUILTIN_TEMPLATES
            .iter()
            .filter(|(path, _)| path.ends_with(".typ"))
            .filter_map(|(path, text)| {
                let id = project_file(path)?;
                Some((id, Source::new(id, (*text).to_owned())))
            })
            .collect();
        Ok(Renderer {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            builtin,
            markup: world::markup_source(),
            folders: Mutex::default(),
            rendered: AtomicUsize::new(0),
        })
    }

    /// The template folder at `dir`, shared by every brief of the run that uses it.
    fn folder(&self, dir: &Path) -> Result<Arc<Overrides>, String> {
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(folder) = folders.get(dir) {
            return Ok(Arc::clone(folder));
        }
        let root = dir
            .canonicalize()
            .map_err(|e| format!("cannot open template folder `{}` ({e})", dir.display()))?;
        let folder = Arc::new(Overrides {
            shown: dir.to_path_buf(),
            root,
            files: Mutex::default(),
            sources: Mutex::default(),
        });
        folders.insert(dir.to_path_buf(), Arc::clone(&folder));
        Ok(folder)
    }

    /// Forgets the template folders read so far, so that the next brief reads them
    /// afresh: a worker kept between the runs of a session, whose folders may have
    /// changed. Typst's memo cache still holds what unchanged files compile to.
    pub fn forget_folders(&self) {
        self.folders.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Counts a brief as done, trimming Typst's memo cache every [`TRIM_EVERY`] briefs.
    fn brief_done(&self) {
        if (self.rendered.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(TRIM_EVERY) {
            typst::comemo::evict(TRIM_MAX_AGE);
        }
    }

    /// Compiles the request and exports a PDF; on failure, Typst's diagnostics, formatted
    /// with the template's own paths and lines.
    pub fn render(&self, request: RenderRequest) -> Result<Rendered, RenderError> {
        let ident = request.ident.clone();
        let page_limit = request.page_limit.clone();
        let standards = pdf_standards(&request.pdf_standards).map_err(RenderError::plain)?;
        let export = request.export.clone();
        let read_text = request.read_text;
        let world = BriefWorld::new(self, request).map_err(RenderError::plain)?;
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        if let (Ok(document), Some(limit)) = (&output, &page_limit)
            && document.pages().len() > limit.pages
        {
            self.brief_done();
            return Err(RenderError {
                over_page_limit: Some(document.pages().len()),
                ..RenderError::plain(format!(
                    "the brief has {} pages, more than the {} it may have; {}",
                    document.pages().len(),
                    limit.pages,
                    limit.why
                ))
            });
        }
        if let Ok(document) = &output
            && let Some(message) = export.selects_nothing(document.pages().len())
        {
            self.brief_done();
            return Err(RenderError::plain(message));
        }
        let result = output.and_then(|document| {
            let pages = document.pages().len();
            let page_texts = if read_text { text::page_texts(&document) } else { vec![] };
            if export.format.per_page() {
                let images = export::page_images(&document, &export).map_err(|message| {
                    typst::diag::eco_vec![typst::diag::SourceDiagnostic::error(
                        typst::syntax::Span::detached(),
                        message
                    )]
                })?;
                return Ok((Exported::Pages(images), pages, page_texts));
            }
            let options = typst_pdf::PdfOptions {
                ident: Smart::Custom(ident),
                creator: Smart::Custom(Some(format!("{TOOL} (Typst {TYPST_VERSION})"))),
                timestamp: Some(typst_pdf::Timestamp::new_utc(world.today)),
                standards,
                page_ranges: export.pdf_page_ranges(),
                // typst-pdf tags only whole documents.
                tagged: export.pages.is_none(),
                ..Default::default()
            };
            typst_pdf::pdf(&document, &options).map(|pdf| (Exported::Pdf(pdf), pages, page_texts))
        });
        self.brief_done();
        let warnings = world.format(&warnings);
        match result {
            Ok((exported, pages, page_texts)) => {
                Ok(Rendered { exported, pages, warnings, page_texts })
            }
            Err(errors) => Err(RenderError {
                message: format!("{warnings}{}", world.format(&errors)),
                in_evaluated_markup: errors.iter().any(|e| world.in_evaluated_markup(e.span)),
                over_page_limit: None,
            }),
        }
    }
}

/// Whether `dir` exists and is a folder, as a template folder must be.
pub fn check_template_dir(dir: &Path) -> Result<(), String> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(format!("template folder `{}` does not exist", dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text in each script the fallback fonts are bundled for.
    const SCRIPTS: [(&str, &str); 8] = [
        ("Arabic", "مركز صواب لمكافحة الإرهاب"),
        ("Hebrew", "עברית"),
        ("Thai", "ศูนย์อำนวยการรักษาความปลอดภัย"),
        ("Devanagari", "राष्ट्रीय अन्वेषण अभिकरण"),
        ("Chinese", "国家反恐怖工作领导小组"),
        ("Japanese", "公安調査庁 ひらがな カタカナ"),
        ("Korean", "대테러센터"),
        ("Emoji", "🤝✅📄👩🏽"),
    ];

    #[test]
    fn every_script_has_a_bundled_font_with_its_glyphs() {
        let renderer = Renderer::new(&[]).unwrap();
        let covers = |c: char| {
            (0..renderer.fonts.len())
                .any(|i| renderer.book.info(i).is_some_and(|f| f.coverage.contains(c as u32)))
        };
        for (script, sample) in SCRIPTS {
            for c in sample.chars().filter(|c| !c.is_whitespace()) {
                assert!(covers(c), "no bundled font has {c:?} ({script})");
            }
        }
    }
}
