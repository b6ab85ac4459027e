//! Rendering: the one `typst::World` that compiles a brief, and PDF export.
//!
//! The world serves the built-in templates (embedded at build time), files from a user
//! template folder that shadow them by relative path, the embedded fonts plus any
//! `--font-path` fonts, and the brief's data as the virtual file `/brief.json`. Its
//! "today" is the brief's as-of date, so output depends only on its inputs.
//!
//! Templates are sandboxed: they can read files in their own folder and `/brief.json`,
//! nothing else. Paths that leave the folder (including through symlinks) and package
//! imports are refused with a clear error, and nothing reaches the network.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::termcolor::NoColor;
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit};
use typst_layout::PagedDocument;

use crate::model::{TOOL, TYPST_VERSION};

/// The built-in template files, by path relative to the template folder.
pub static BUILTIN_TEMPLATES: [(&str, &str); 5] = [
    ("brief.typ", include_str!("../templates/brief.typ")),
    ("executive.typ", include_str!("../templates/executive.typ")),
    ("public.typ", include_str!("../templates/public.typ")),
    ("lib.typ", include_str!("../templates/lib.typ")),
    ("README.md", include_str!("../templates/README.md")),
];

/// The built-in templates a spec can name, with what each is for.
pub const TEMPLATE_NAMES: [(&str, &str); 3] = [
    ("brief", "the full analyst brief"),
    (
        "executive",
        "at most two pages for directors: headline figures, key developments, what is coming",
    ),
    ("public", "for release: no participant names, no marking beyond TLP:CLEAR"),
];

/// The bundled fonts and their licences, by file name: Inter and Noto Serif set the
/// brief; the rest are fallbacks that Typst picks glyph by glyph for text in other
/// scripts (Arabic, Hebrew, Thai, Devanagari, Chinese, Japanese, Korean) and for emoji.
pub static FONT_FILES: [(&str, &[u8]); 23] = [
    ("Inter-Regular.otf", include_bytes!("../fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../fonts/Inter-Bold.otf")),
    ("NotoSerif-Regular.ttf", include_bytes!("../fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Italic.ttf", include_bytes!("../fonts/NotoSerif-Italic.ttf")),
    ("NotoSerif-Bold.ttf", include_bytes!("../fonts/NotoSerif-Bold.ttf")),
    ("NotoSerif-BoldItalic.ttf", include_bytes!("../fonts/NotoSerif-BoldItalic.ttf")),
    ("NotoSansArabic-Regular.ttf", include_bytes!("../fonts/NotoSansArabic-Regular.ttf")),
    ("NotoSansArabic-Bold.ttf", include_bytes!("../fonts/NotoSansArabic-Bold.ttf")),
    ("NotoSansHebrew-Regular.ttf", include_bytes!("../fonts/NotoSansHebrew-Regular.ttf")),
    ("NotoSansHebrew-Bold.ttf", include_bytes!("../fonts/NotoSansHebrew-Bold.ttf")),
    ("NotoSansThai-Regular.ttf", include_bytes!("../fonts/NotoSansThai-Regular.ttf")),
    ("NotoSansThai-Bold.ttf", include_bytes!("../fonts/NotoSansThai-Bold.ttf")),
    ("NotoSansDevanagari-Regular.ttf", include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf")),
    ("NotoSansDevanagari-Bold.ttf", include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf")),
    ("DroidSansFallback.ttf", include_bytes!("../fonts/DroidSansFallback.ttf")),
    ("Symbola.ttf", include_bytes!("../fonts/Symbola.ttf")),
    ("LICENSE-Inter-OFL.txt", include_bytes!("../fonts/LICENSE-Inter-OFL.txt")),
    ("LICENSE-NotoSerif-OFL.txt", include_bytes!("../fonts/LICENSE-NotoSerif-OFL.txt")),
    (
        "LICENSE-NotoSans-scripts-OFL.txt",
        include_bytes!("../fonts/LICENSE-NotoSans-scripts-OFL.txt"),
    ),
    ("LICENSE-DroidSansFallback.txt", include_bytes!("../fonts/LICENSE-DroidSansFallback.txt")),
    ("LICENSE-Symbola.txt", include_bytes!("../fonts/LICENSE-Symbola.txt")),
];

/// The virtual path of the brief's data.
pub const DATA_PATH: &str = "/brief.json";

/// What a brief compiles: which template, from where, with which data.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// The main file, relative to the template folder (e.g. `brief.typ`).
    pub main: String,
    /// A folder whose files shadow the built-in ones.
    pub overrides: Option<PathBuf>,
    /// The brief's data, served as `/brief.json`.
    pub data: Vec<u8>,
    /// "Today" for the template and the PDF's date.
    pub as_of: NaiveDate,
    /// A stable identifier for the PDF (hashed into its /ID).
    pub ident: String,
    /// The most pages the brief may have; a longer one fails before PDF export.
    pub page_limit: Option<PageLimit>,
}

/// A brief's page limit, and why it has one (for the message when it is passed).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PageLimit {
    /// The most pages.
    pub pages: usize,
    /// Why, as the end of a sentence: what to do about it.
    pub why: String,
}

/// A compiled and exported brief.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// The number of pages.
    pub pages: usize,
    /// Typst's warnings, formatted, or empty.
    pub warnings: String,
}

/// Fonts, library and parsed built-in templates, shared by every brief of a run.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    builtin: HashMap<FileId, Source>,
    /// User template folders by the path given, each read once for the whole run.
    folders: Mutex<HashMap<PathBuf, Arc<Overrides>>>,
}

/// The file id of a path in the template folder.
fn project_file(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Renderer {
    /// Loads the embedded fonts and templates, and fonts from `font_paths`.
    pub fn new(font_paths: &[PathBuf]) -> Result<Renderer, String> {
        let mut fonts: Vec<Font> = FONT_FILES
            .iter()
            .filter(|(name, _)| !name.ends_with(".txt"))
            .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
            .collect();
        for dir in font_paths {
            let entries = fs::read_dir(dir)
                .map_err(|e| format!("cannot read font folder `{}` ({e})", dir.display()))?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
                if matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
                    let data = fs::read(&path)
                        .map_err(|e| format!("cannot read font `{}` ({e})", path.display()))?;
                    fonts.extend(Font::iter(Bytes::new(data)));
                }
            }
        }
        let book = FontBook::from_fonts(&fonts);
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
            folders: Mutex::default(),
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

    /// Compiles the request and exports a PDF; on failure, Typst's diagnostics, formatted
    /// with the template's own paths and lines.
    pub fn render(&self, request: RenderRequest) -> Result<Rendered, String> {
        let ident = request.ident.clone();
        let page_limit = request.page_limit.clone();
        let world = BriefWorld::new(self, request)?;
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        if let (Ok(document), Some(limit)) = (&output, &page_limit)
            && document.pages().len() > limit.pages
        {
            typst::comemo::evict(10);
            return Err(format!(
                "the brief has {} pages, more than the {} it may have; {}",
                document.pages().len(),
                limit.pages,
                limit.why
            ));
        }
        let result = output.and_then(|document| {
            let options = typst_pdf::PdfOptions {
                ident: Smart::Custom(ident),
                creator: Smart::Custom(Some(format!("{TOOL} (Typst {TYPST_VERSION})"))),
                timestamp: Some(typst_pdf::Timestamp::new_utc(world.today)),
                ..Default::default()
            };
            let pages = document.pages().len();
            typst_pdf::pdf(&document, &options).map(|pdf| (pdf, pages))
        });
        // Keep recently used memoised results (the parsed templates) for the next brief
        // of a batch, and let everything else go.
        typst::comemo::evict(10);
        let warnings = world.format(&warnings);
        match result {
            Ok((pdf, pages)) => Ok(Rendered { pdf, pages, warnings }),
            Err(errors) => Err(format!("{warnings}{}", world.format(&errors))),
        }
    }
}

/// The world of one brief.
struct BriefWorld<'a> {
    renderer: &'a Renderer,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    overrides: Option<Arc<Overrides>>,
    today: Datetime,
}

/// A user template folder, read lazily and sandboxed.
struct Overrides {
    /// The folder as the user gave it, for messages.
    shown: PathBuf,
    /// The folder, canonical.
    root: PathBuf,
    /// Files looked up so far: `None` where the folder has no such file.
    files: Mutex<HashMap<FileId, Option<FileResult<Bytes>>>>,
    /// Files parsed as Typst sources so far.
    sources: Mutex<HashMap<FileId, Source>>,
}

impl Overrides {
    /// The bytes of the folder's file for `id`, `None` if the folder has no such file.
    fn read(&self, id: FileId) -> Option<FileResult<Bytes>> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = files.get(&id) {
            return known.clone();
        }
        let relative = id.vpath().get_without_slash();
        let path = self.root.join(relative);
        if !path.exists() {
            files.insert(id, None);
            return None;
        }
        let refuse = |why: &str| {
            Err(FileError::Other(Some(
                format!("`{relative}` in the template folder `{}` {why}", self.shown.display())
                    .into(),
            )))
        };
        let result = match path.canonicalize() {
            Ok(real) if !real.starts_with(&self.root) => {
                refuse("leads outside it; templates may read only their own folder")
            }
            Ok(real) if real.is_dir() => Err(FileError::IsDirectory),
            Ok(real) => match fs::metadata(&real) {
                Ok(meta) if !meta.is_file() => refuse(
                    "is not a regular file (a pipe, socket or device); templates read only files",
                ),
                Ok(meta) if hard_links(&meta) > 1 => refuse(
                    "has more than one hard link, so it may be a file from outside the folder; \
                     copy it into the folder instead",
                ),
                Ok(_) => fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &real)),
                Err(e) => Err(FileError::from_io(e, &real)),
            },
            Err(e) => Err(FileError::from_io(e, &path)),
        };
        files.insert(id, Some(result.clone()));
        Some(result)
    }
}

/// How many names a file has (hard links); 1 where the system cannot say.
fn hard_links(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

impl<'a> BriefWorld<'a> {
    fn new(renderer: &'a Renderer, request: RenderRequest) -> Result<Self, String> {
        let main = project_file(&request.main)
            .ok_or_else(|| format!("invalid template path `{}`", request.main))?;
        let overrides = match &request.overrides {
            None => None,
            Some(dir) => Some(renderer.folder(dir)?),
        };
        let date = request.as_of;
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .ok_or_else(|| format!("the as-of date {date} is out of range"))?;
        Ok(BriefWorld {
            renderer,
            main,
            data_id: project_file(DATA_PATH).expect("the data path is valid"),
            data: Bytes::new(request.data),
            overrides,
            today,
        })
    }

    /// Formats diagnostics like the Typst CLI, with each file's real path.
    fn format(&self, diagnostics: &[SourceDiagnostic]) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        let mut out = NoColor::new(Vec::new());
        if emit(&mut out, self, diagnostics, DiagnosticFormat::Human).is_err() {
            return diagnostics.iter().map(|d| format!("error: {}\n", d.message)).collect();
        }
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// The bytes of a file in the template folder: the user's copy, else the built-in.
    fn template_file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Other(Some(
                format!(
                    "templates cannot import packages such as `{spec}`; copy the files you need into the template folder"
                )
                .into(),
            )));
        }
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some(found) = self.overrides.as_ref().and_then(|o| o.read(id)) {
            return found;
        }
        match self.renderer.builtin.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }
}

impl World for BriefWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let user_copy = self.overrides.as_ref().and_then(|o| Some((o, o.read(id)?)));
        match user_copy {
            Some((overrides, bytes)) => {
                let mut sources = overrides.sources.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(source) = sources.get(&id) {
                    return Ok(source.clone());
                }
                let bytes = bytes?;
                let text =
                    std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
                let source = Source::new(id, text.trim_start_matches('\u{feff}').to_owned());
                sources.insert(id, source.clone());
                Ok(source)
            }
            None => match self.renderer.builtin.get(&id) {
                Some(source) => Ok(source.clone()),
                None => {
                    self.template_file(id)?;
                    Err(FileError::NotSource)
                }
            },
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.template_file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for BriefWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let relative = id.vpath().get_without_slash();
        if id == self.data_id {
            return "brief.json (generated)".into();
        }
        match &self.overrides {
            Some(o) if o.read(id).is_some() => o.shown.join(relative).display().to_string(),
            _ => format!("<built-in>/{relative}"),
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
