//! The `typst::World` of one brief.
//!
//! It serves the built-in templates, files from a user template folder that shadow them
//! by relative path, the embedded fonts plus any `--font-path` fonts, and the brief's
//! data as the virtual file `/brief.json`. Its "today" is the brief's as-of date, so
//! output depends only on its inputs.
//!
//! Templates are sandboxed: they can read regular files in their own folder and
//! `/brief.json`, nothing else. Paths that leave the folder (through `..` or symlinks),
//! hard links, pipes and devices, and package imports are refused with a clear error,
//! and nothing reaches the network.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use typst::WorldExt;
use typst::diag::EcoString;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::Spanned;
use typst::syntax::{
    DiagSpan, FileId, LinkedNode, RootedPath, Side, Source, SyntaxKind, VirtualPath, VirtualRoot,
};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_kit::diagnostics::termcolor::NoColor;
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit};

use super::{RenderRequest, Renderer};

/// The virtual path of the brief's data.
pub const DATA_PATH: &str = "/brief.json";

/// The package through which templates evaluate a spec's markup (`markup` in lib.typ).
/// Its file lives in a root of its own, so every path a text body names, in whatever
/// syntax (a call, a spread, a method, a set rule), resolves inside that root, where the
/// world serves no file at all.
pub(super) const MARKUP_PACKAGE: &str = "@brief/markup:1.0.0";

/// The markup package's manifest, which Typst reads before its entry point.
const MARKUP_MANIFEST: &str =
    "[package]\nname = \"markup\"\nversion = \"1.0.0\"\nentrypoint = \"lib.typ\"\n";

/// What the markup package defines: `markup`, a text body evaluated as markup.
pub(super) const MARKUP_DEFINITION: &str = "#let markup(body) = eval(body, mode: \"markup\")";

/// The markup package's source, parsed once per renderer.
pub(super) fn markup_source() -> Source {
    let spec = MARKUP_PACKAGE.parse().expect("the package spec is valid");
    let vpath = VirtualPath::new("/lib.typ").expect("the path is valid");
    let text = format!(
        "// A spec's text body, evaluated where it can read no file.\n{MARKUP_DEFINITION}\n"
    );
    Source::new(RootedPath::new(VirtualRoot::Package(spec), vpath).intern(), text)
}

/// The file id of a path in the template folder.
pub(super) fn project_file(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The world of one brief.
pub(super) struct BriefWorld<'a> {
    renderer: &'a Renderer,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    overrides: Option<Arc<Overrides>>,
    /// The theme's logo: its virtual file and its path on disk.
    logo: Option<(FileId, PathBuf)>,
    pub(super) today: Datetime,
}

/// A user template folder, read lazily and sandboxed.
pub(super) struct Overrides {
    /// The folder as the user gave it, for messages.
    pub(super) shown: PathBuf,
    /// The folder, canonical.
    pub(super) root: PathBuf,
    /// Files looked up so far: `None` where the folder has no such file.
    pub(super) files: Mutex<HashMap<FileId, Option<FileResult<Bytes>>>>,
    /// Files parsed as Typst sources so far.
    pub(super) sources: Mutex<HashMap<FileId, Source>>,
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
        use crate::output::{Unconfined, confine};
        let result = match confine(&path, Some(&self.root)) {
            Ok(real) => fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &real)),
            Err(Unconfined::Outside(_)) => {
                refuse("leads outside it; templates may read only their own folder")
            }
            Err(Unconfined::Folder) => Err(FileError::IsDirectory),
            Err(Unconfined::NotRegular) => refuse(
                "is not a regular file (a pipe, socket or device); templates read only files",
            ),
            Err(Unconfined::HardLinked) => refuse(
                "has more than one hard link, so it may be a file from outside the folder; \
                 copy it into the folder instead",
            ),
            Err(Unconfined::Io(e)) => Err(FileError::from_io(e, &path)),
        };
        files.insert(id, Some(result.clone()));
        Some(result)
    }
}

impl<'a> BriefWorld<'a> {
    pub(super) fn new(renderer: &'a Renderer, request: RenderRequest) -> Result<Self, String> {
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
            logo: request.logo.as_ref().and_then(|path| {
                Some((project_file(&crate::model::logo_path(path)?)?, path.clone()))
            }),
            overrides,
            today,
        })
    }

    /// Whether `span` lies in markup a template evaluated: Typst gives every node of
    /// `eval`'s text the span of its argument, so the span's node sits in a call to `eval`.
    pub(super) fn in_evaluated_markup(&self, span: DiagSpan) -> bool {
        let Some(source) = span.id().and_then(|id| self.source(id).ok()) else {
            return false;
        };
        let Some(range) = self.range(span) else {
            return false;
        };
        let root = LinkedNode::new(source.root());
        let mut node = root.leaf_at(range.start, Side::After);
        while let Some(current) = node {
            let callee = current.children().next();
            if current.kind() == SyntaxKind::FuncCall
                && callee.is_some_and(|c| {
                    c.kind() == SyntaxKind::Ident && c.get().leaf_text().as_str() == "eval"
                })
            {
                return true;
            }
            node = current.parent().cloned();
        }
        false
    }

    /// Formats diagnostics like the Typst CLI, with each file's real path.
    pub(super) fn format(&self, diagnostics: &[SourceDiagnostic]) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        // Typst's hints speak of the Typst CLI's project root and `--root`, which a
        // brief does not have: its root is the template folder.
        let diagnostics: Vec<SourceDiagnostic> = diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                let cli_hint = |h: &Spanned<EcoString, DiagSpan>| {
                    h.v.contains("--root") || h.v.contains("project sandbox")
                };
                if d.message.contains("the project root") {
                    d.message = d.message.replace("the project root", "the template folder");
                }
                if d.hints.iter().any(cli_hint) {
                    d.hints.retain(|h| !cli_hint(h));
                    d.hints.push(Spanned::detached(
                        "templates may read only their own folder and /brief.json".into(),
                    ));
                }
                d
            })
            .collect();
        let diagnostics = diagnostics.as_slice();
        let mut out = NoColor::new(Vec::new());
        if emit(&mut out, self, diagnostics, DiagnosticFormat::Human).is_err() {
            return diagnostics.iter().map(|d| format!("error: {}\n", d.message)).collect();
        }
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// Whether `id` lies in the markup package, whose root no other file shares.
    fn is_markup(&self, id: FileId) -> bool {
        id.root() == self.renderer.markup.id().root()
    }

    /// The bytes of a file in the template folder: the user's copy, else the built-in.
    fn template_file(&self, id: FileId) -> FileResult<Bytes> {
        if self.is_markup(id) {
            if id.vpath().get_without_slash() == "typst.toml" {
                return Ok(Bytes::from_string(MARKUP_MANIFEST));
            }
            return Err(FileError::Other(Some(
                format!(
                    "a text body cannot read files (it asked for `{}`); put the words in the spec itself",
                    id.vpath().get_without_slash()
                )
                .into(),
            )));
        }
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
        if let Some((_, path)) = self.logo.as_ref().filter(|(logo, _)| *logo == id) {
            return std::fs::read(path).map(Bytes::new).map_err(|e| FileError::from_io(e, path));
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
        if self.is_markup(id) {
            return match id == self.renderer.markup.id() {
                true => Ok(self.renderer.markup.clone()),
                false => Err(self.template_file(id).err().unwrap_or(FileError::NotSource)),
            };
        }
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
        self.renderer.fonts.get(index)?.get()
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
        if self.is_markup(id) {
            return "<text body>".into();
        }
        match &self.overrides {
            Some(o) if o.read(id).is_some() => o.shown.join(relative).display().to_string(),
            _ => format!("<built-in>/{relative}"),
        }
    }
}
