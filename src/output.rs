//! Output: where briefs are written, how (atomically), and the run report.
//!
//! Output paths come from a pattern with placeholders — `{slug}`, `{language}`,
//! `{audience}`, `{from}`, `{to}`, `{as_of}`, the dates optionally with a strftime
//! format as in `{from:%Y-%m}`; `{page}` stays for the export of page images to fill. Files are written to a temporary file in the target
//! folder and renamed into place, so a failed run never leaves a partial file and never
//! touches an existing one.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono::format::{Item, StrftimeItems};
use serde::Serialize;

use crate::model::BriefSettings;

/// The values a pattern's placeholders stand for.
#[derive(Debug, Clone)]
pub struct Placeholders {
    /// The title as a file-name-safe slug.
    pub slug: String,
    /// `en` or `id`.
    pub language: String,
    /// `executive`, `analyst` or `public`.
    pub audience: String,
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// The as-of date.
    pub as_of: NaiveDate,
}

impl Placeholders {
    /// The values for a brief titled `title` with these settings.
    pub fn for_brief(title: &str, settings: &BriefSettings) -> Self {
        Placeholders {
            slug: slug(title),
            language: settings.language.code().into(),
            audience: settings.audience.as_str().into(),
            from: settings.period.from,
            to: settings.period.to,
            as_of: settings.as_of,
        }
    }
}

/// The placeholder names, for messages.
pub const PLACEHOLDERS: [&str; 7] = ["slug", "language", "audience", "from", "to", "as_of", "page"];

/// The placeholder a page image's number fills, after rendering.
pub const PAGE_PLACEHOLDER: &str = "{page}";

/// Fills a pattern's placeholders; the error explains what is wrong with the pattern.
pub fn expand(pattern: &str, values: &Placeholders) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            format!(
                "`{{` at byte {} of `{pattern}` is never closed",
                pattern.len() - rest.len() + open
            )
        })?;
        let inside = &after[..close];
        let (name, format) = match inside.split_once(':') {
            Some((name, format)) => (name, Some(format)),
            None => (inside, None),
        };
        let date = match name {
            "from" => Some(values.from),
            "to" => Some(values.to),
            "as_of" => Some(values.as_of),
            _ => None,
        };
        match (name, date, format) {
            (_, Some(date), format) => {
                let format = format.unwrap_or("%Y-%m-%d");
                if format.is_empty() {
                    return Err(format!(
                        "`{{{inside}}}` has an empty format; write one such as `{{{name}:%Y-%m}}`, \
                         or `{{{name}}}` for the whole date"
                    ));
                }
                if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
                    return Err(format!(
                        "`{format}` in `{{{inside}}}` is not a valid strftime format"
                    ));
                }
                write!(out, "{}", date.format(format))
                    .map_err(|_| format!("`{format}` cannot format a date"))?;
            }
            ("slug", None, None) => out.push_str(&values.slug),
            ("language", None, None) => out.push_str(&values.language),
            ("audience", None, None) => out.push_str(&values.audience),
            ("page", None, None) => out.push_str(PAGE_PLACEHOLDER),
            (_, None, Some(_)) if PLACEHOLDERS.contains(&name) => {
                return Err(format!("`{{{name}}}` takes no format; only dates do"));
            }
            _ => {
                return Err(format!(
                    "unknown placeholder `{{{inside}}}`; {}",
                    crate::diag::suggestion(name, &PLACEHOLDERS)
                ));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The file page `number` of a per-page export goes to: the output's file name with
/// `{page}` replaced by the number, else `<stem>-<number>.<extension>` beside it.
pub fn page_path(output: &Path, number: usize, extension: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains(PAGE_PLACEHOLDER) {
        return output.with_file_name(name.replace(PAGE_PLACEHOLDER, &number.to_string()));
    }
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!("{stem}-{number}.{extension}"))
}

/// The names the numbered page images of the output `base` take: its folder, and the
/// text before and after the number (`x-` and `.png` for both `x.png` and
/// `x-{page}.png`), so that two outputs whose pages would share names can be told.
pub fn page_family(base: &Path, extension: &str) -> (PathBuf, String, String) {
    let folder = base.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match name.split_once(PAGE_PLACEHOLDER) {
        Some((before, after)) => (folder, before.to_owned(), after.to_owned()),
        None => {
            let stem =
                base.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (folder, format!("{stem}-"), format!(".{extension}"))
        }
    }
}

/// Whether `candidate` is a name a page image of the output `base` may be written to:
/// `base` itself (one page), `<stem>-<number>.<extension>` beside it, or `base`'s name
/// with `{page}` filled by a number.
pub fn is_page_of(base: &Path, candidate: &Path, extension: &str) -> bool {
    if candidate == base {
        return true;
    }
    let (Some(name), Some(base_name)) = (candidate.file_name(), base.file_name()) else {
        return false;
    };
    if candidate.parent() != base.parent() {
        return false;
    }
    let (name, base_name) = (name.to_string_lossy(), base_name.to_string_lossy());
    let numbered = |prefix: &str, suffix: &str| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    match base_name.split_once(PAGE_PLACEHOLDER) {
        Some((before, after)) => numbered(before, after),
        None => {
            let stem =
                base.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            numbered(&format!("{stem}-"), &format!(".{extension}"))
        }
    }
}

/// A lowercase, hyphenated, ASCII-only form of a title, for file names.
pub fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let mut cut: String = slug.chars().take(80).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    if cut.is_empty() { "brief".into() } else { cut }
}

/// Where one output goes, decided before anything renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file, new or replaced atomically; the path has its links resolved, so
    /// that writing through a symlink replaces the file it points to, not the link.
    File(PathBuf),
    /// Standard output, named as `-` on the command line.
    Stdout,
    /// A character device or a pipe that the user named on the command line
    /// (`-o /dev/null`, `--report /dev/stdout`): written through in place, never renamed.
    Stream(PathBuf),
}

impl Target {
    /// The path as a report or a message shows it.
    pub fn shown(&self) -> String {
        match self {
            Target::File(path) | Target::Stream(path) => path.display().to_string(),
            Target::Stdout => "standard output".into(),
        }
    }
}

/// An output path checked and resolved: its target, and what it is on disk if it exists.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// How to write it.
    pub target: Target,
    /// The file it replaces, if one exists (device and inode), for comparing with inputs.
    pub identity: Option<FileIdentity>,
}

/// A file's device and inode: the same for every path that reaches it (links included).
pub type FileIdentity = (u64, u64);

/// Why a file that must stay inside a folder cannot be read ([`confine`]).
#[derive(Debug)]
pub enum Unconfined {
    /// It cannot be opened.
    Io(std::io::Error),
    /// Its real path (links followed) leads outside the folder.
    Outside(PathBuf),
    /// It is a folder.
    Folder,
    /// It is a pipe, socket or device.
    NotRegular,
    /// It has more than one name, so it may be a file from elsewhere linked in.
    HardLinked,
}

impl Unconfined {
    /// Why the file is not read, as the rest of a sentence that names it: "leads
    /// outside its folder (to `/etc/passwd`)".
    pub fn why(&self) -> String {
        match self {
            Unconfined::Outside(to) => format!("leads outside its folder (to `{}`)", to.display()),
            Unconfined::HardLinked => "has more than one hard link".to_owned(),
            Unconfined::Folder => "is a folder".to_owned(),
            Unconfined::NotRegular => "is a pipe, socket or device".to_owned(),
            Unconfined::Io(e) => format!("cannot be opened ({e})"),
        }
    }
}

/// The real path of `path`, if it is a regular file of one name inside `root` (a real
/// path), links followed; with no `root`, only a regular file. Template folders and a
/// spec's data files are held to it, so that neither reads a file from elsewhere nor
/// blocks on a pipe.
pub fn confine(path: &Path, root: Option<&Path>) -> Result<PathBuf, Unconfined> {
    let real = path.canonicalize().map_err(Unconfined::Io)?;
    if let Some(root) = root
        && !real.starts_with(root)
    {
        return Err(Unconfined::Outside(real));
    }
    let meta = std::fs::metadata(&real).map_err(Unconfined::Io)?;
    if meta.is_dir() {
        return Err(Unconfined::Folder);
    }
    if !meta.is_file() {
        return Err(Unconfined::NotRegular);
    }
    if root.is_some() && hard_links(&meta) > 1 {
        return Err(Unconfined::HardLinked);
    }
    Ok(real)
}

/// How many names a file has (hard links); 1 where the system cannot say.
pub fn hard_links(meta: &std::fs::Metadata) -> u64 {
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

/// The identity of the file at `path` (links followed), if it exists.
pub fn identity(path: &Path) -> Option<FileIdentity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Checks an output path and resolves where it really goes. `named` is whether the
/// user typed the path on the command line: only then may it be standard output (`-`),
/// a device or a pipe. The error is the reason, for a message about the path.
pub fn resolve(path: &Path, named: bool) -> Result<Resolved, String> {
    if named && path.as_os_str() == "-" {
        return Ok(Resolved { target: Target::Stdout, identity: None });
    }
    let text = path.as_os_str().to_string_lossy();
    if text.is_empty() {
        return Err("the path is empty".into());
    }
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err("it ends with `/`, which names a folder, not a file".into());
    }
    if let Some(control) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "it holds a control character (`{}`), which a file name should not",
            crate::diag::printable_name(&control.to_string())
        ));
    }
    let last = text.rsplit(['/', std::path::MAIN_SEPARATOR]).next().unwrap_or("");
    let name = match path.file_name() {
        Some(name) if last != "." && last != ".." => name.to_string_lossy(),
        _ => return Err("it names a folder (`.` or `..`), not a file".into()),
    };
    if name.starts_with('.') {
        return Err(format!(
            "its file name `{name}` starts with `.`, which makes a hidden file (an empty \
             placeholder, such as `{{from:}}`, leaves only the extension)"
        ));
    }
    match std::fs::symlink_metadata(path) {
        Ok(_) => resolve_existing(path, named),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // `nope/../spec.toml` does not exist as written, but the write lands on
            // `spec.toml` once `nope` is made: resolve it as the file it would replace.
            let real = real_new_path(path)?;
            match std::fs::symlink_metadata(&real) {
                Ok(_) => resolve_existing(&real, named),
                Err(_) => Ok(Resolved { target: Target::File(real), identity: None }),
            }
        }
        Err(e) => Err(e.to_string()),
    }
}

/// [`resolve`] for a path that exists (perhaps as a link).
fn resolve_existing(path: &Path, named: bool) -> Result<Resolved, String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "it is a symbolic link to a file that does not exist".into()
        }
        _ => e.to_string(),
    })?;
    let file_type = meta.file_type();
    let identity = identity(path);
    if file_type.is_file() {
        if meta.permissions().readonly() {
            return Err(
                "the file exists and is read-only; make it writable, or write elsewhere".into()
            );
        }
        let real = path.canonicalize().map_err(|e| e.to_string())?;
        return Ok(Resolved { target: Target::File(real), identity });
    }
    if file_type.is_dir() {
        return Err("it is a folder".into());
    }
    let stream = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            file_type.is_char_device() || file_type.is_fifo()
        }
        #[cfg(not(unix))]
        {
            false
        }
    };
    match (stream, named) {
        (true, true) => Ok(Resolved { target: Target::Stream(path.to_path_buf()), identity }),
        (true, false) => Err(
            "it is a device or a pipe, not a file; only a path given on the command line may be one"
                .into(),
        ),
        (false, _) => Err("it is neither a file nor a device one can write to".into()),
    }
}

/// The real path a new file at `path` gets: the path with `.` and `..` resolved by their
/// words, then its nearest existing folder with links resolved, then the rest.
fn real_new_path(path: &Path) -> Result<PathBuf, String> {
    let absolute = std::path::absolute(path).map_err(|e| e.to_string())?;
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut real = existing.canonicalize().map_err(|e| e.to_string())?;
    for part in rest.iter().rev() {
        real.push(part);
    }
    Ok(real)
}

/// Writes `bytes` to a resolved target: atomically to a file, straight through to
/// standard output, a device or a pipe.
pub fn write(target: &Target, bytes: &[u8]) -> Result<(), String> {
    match target {
        Target::File(path) => write_atomic(path, bytes),
        Target::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write to standard output ({e})"))
        }
        Target::Stream(path) => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut stream| stream.write_all(bytes).and_then(|()| stream.flush()))
            .map_err(|e| format!("cannot write `{}` ({e})", path.display())),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
/// rename. Creates missing folders. On failure nothing is left behind and an existing
/// file at `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    temporary_beside(path, bytes)?
        .persist(path)
        .map_err(|e| format!("cannot write `{}` ({})", path.display(), e.error))?;
    Ok(())
}

/// `bytes` written and synced to a temporary file in `path`'s folder (made if missing),
/// with the permissions `path` has or will have: what [`write_atomic`] and [`write_new`]
/// rename into place.
fn temporary_beside(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create folder `{}` ({e})", folder.display()))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| format!("cannot write in `{}` ({e})", folder.display()))?;
    temporary
        .write_all(bytes)
        .and_then(|()| set_permissions(temporary.as_file(), path))
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|e| format!("cannot write `{}` ({e})", path.display()))?;
    Ok(temporary)
}

/// Why [`write_new`] wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewFileError {
    /// A file is already there (perhaps made a moment ago by another run).
    Exists,
    /// It could not be written, and why.
    Write(String),
}

/// Writes `bytes` to `path` as a new file, atomically: the file appears whole or not at
/// all, and never replaces one that is there, even one that another process makes at
/// the same moment (the rename is a hard link that fails on an existing name).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), NewFileError> {
    match temporary_beside(path, bytes).map_err(NewFileError::Write)?.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(NewFileError::Exists),
        Err(e) => {
            Err(NewFileError::Write(format!("cannot write `{}` ({})", path.display(), e.error)))
        }
    }
}

/// Gives a new file the permissions of the file it replaces, or else read-write for
/// the owner and readable by all (temporary files start owner-only).
#[cfg(unix)]
fn set_permissions(file: &std::fs::File, path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = std::fs::metadata(path)
        .map(|existing| existing.permissions())
        .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
    file.set_permissions(permissions)
}

/// Elsewhere a new file keeps the folder's default permissions.
#[cfg(not(unix))]
fn set_permissions(_file: &std::fs::File, _path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// What happened to one output of a run, as the report writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Rendered and written.
    Written,
    /// Rendered by `brief check`, not written.
    Checked,
    /// Resolved by a dry run, not rendered.
    Planned,
    /// The spec could not be planned.
    Invalid,
    /// The brief failed to render or to be written.
    Failed,
}

impl Status {
    /// Whether the output went as asked.
    pub fn is_success(self) -> bool {
        matches!(self, Status::Written | Status::Checked | Status::Planned)
    }
}

/// What happened to one output of a run.
#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    /// The spec file.
    pub spec: String,
    /// The variant's index in the spec (0 for a spec without variants).
    pub variant: usize,
    /// The language.
    pub language: Option<String>,
    /// The audience.
    pub audience: Option<String>,
    /// The output path, if one was resolved.
    pub path: Option<String>,
    /// The page images written for it (`--format png|svg`), in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// What happened to it.
    pub status: Status,
    /// Pages rendered.
    pub pages: Option<usize>,
    /// Pages written, when `--pages` exported fewer than were rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported_pages: Option<usize>,
    /// Engagements in the brief.
    pub events: Option<usize>,
    /// Bytes written.
    pub bytes: Option<usize>,
    /// Milliseconds spent building, rendering and writing.
    pub milliseconds: Option<u64>,
    /// The error, if any.
    pub error: Option<String>,
}

/// The whole run, as written by `--report`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The tool and version.
    pub tool: &'static str,
    /// The as-of date of the run.
    pub as_of: String,
    /// Outputs written.
    pub written: usize,
    /// Outputs or specs that failed.
    pub failed: usize,
    /// One entry per output (or per spec that could not be read).
    pub outputs: Vec<ReportEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Placeholders {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Placeholders {
            slug: "monthly".into(),
            language: "id".into(),
            audience: "executive".into(),
            from: d("2022-09-01"),
            to: d("2022-09-30"),
            as_of: d("2022-10-01"),
        }
    }

    #[test]
    fn placeholders_expand_with_date_formats() {
        let path = expand("out/{slug}-{from:%Y-%m}-{language}.pdf", &values()).unwrap();
        assert_eq!(path, "out/monthly-2022-09-id.pdf");
        assert_eq!(expand("{as_of}", &values()).unwrap(), "2022-10-01");
    }

    #[test]
    fn bad_patterns_explain_themselves() {
        assert!(expand("{lang}.pdf", &values()).unwrap_err().contains("did you mean `language`?"));
        assert!(expand("{from.pdf", &values()).unwrap_err().contains("never closed"));
        assert!(expand("{from:%Q}", &values()).unwrap_err().contains("not a valid strftime"));
        assert!(expand("{slug:%Y}", &values()).unwrap_err().contains("takes no format"));
        assert!(expand("{from:}.pdf", &values()).unwrap_err().contains("empty format"));
    }

    #[test]
    fn page_files_are_numbered_beside_the_output_or_where_it_says_page() {
        let expanded = expand("out/{slug}-p{page}.png", &values()).unwrap();
        assert_eq!(expanded, "out/monthly-p{page}.png");
        assert_eq!(page_path(Path::new(&expanded), 3, "png"), Path::new("out/monthly-p3.png"));
        assert_eq!(page_path(Path::new("out/brief.png"), 12, "png"), Path::new("out/brief-12.png"));
        assert_eq!(page_path(Path::new("brief.pdf"), 1, "svg"), Path::new("brief-1.svg"));
    }

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(
            slug("BNPT International Cooperation 2021–2024"),
            "bnpt-international-cooperation-2021-2024"
        );
        assert_eq!(slug("  ##  "), "brief");
    }

    #[test]
    fn output_paths_that_name_no_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(resolve(Path::new(""), false).unwrap_err().contains("empty"));
        for (path, why) in [
            (".", "names a folder"),
            ("..", "names a folder"),
            ("sub/", "ends with `/`"),
            (".pdf", "hidden file"),
        ] {
            let error = resolve(&dir.path().join(path), false).unwrap_err();
            assert!(error.contains(why), "{path:?}: {error}");
        }
        std::fs::create_dir(dir.path().join("folder.pdf")).unwrap();
        assert!(resolve(&dir.path().join("folder.pdf"), true).unwrap_err().contains("folder"));
    }

    #[test]
    fn links_resolve_to_their_file_and_new_paths_to_their_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        std::fs::write(real.join("a/x.pdf"), b"x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("a"), real.join("link")).unwrap();
            std::os::unix::fs::symlink(real.join("a/x.pdf"), real.join("x-link.pdf")).unwrap();
            let through_folder = resolve(&real.join("link/new.pdf"), false).unwrap();
            assert_eq!(through_folder.target, Target::File(real.join("a/new.pdf")));
            let through_file = resolve(&real.join("x-link.pdf"), false).unwrap();
            assert_eq!(through_file.target, Target::File(real.join("a/x.pdf")));
            assert_eq!(through_file.identity, identity(&real.join("a/x.pdf")));
        }
        let above = resolve(&real.join("a/new/../../b.pdf"), false).unwrap();
        assert_eq!(above.target, Target::File(real.join("b.pdf")));
    }

    #[test]
    fn read_only_files_and_unnamed_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked.pdf");
        std::fs::write(&locked, b"x").unwrap();
        let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&locked, permissions).unwrap();
        assert!(resolve(&locked, true).unwrap_err().contains("read-only"));
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            assert!(resolve(&fifo, false).unwrap_err().contains("a pipe"));
            assert_eq!(resolve(&fifo, true).unwrap().target, Target::Stream(fifo.clone()));
        }
        assert_eq!(resolve(Path::new("-"), true).unwrap().target, Target::Stdout);
    }

    #[test]
    fn atomic_writes_leave_nothing_behind_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.pdf");
        write_atomic(&target, b"first").unwrap();
        // A folder where the file should go makes the rename fail.
        let blocked = dir.path().join("blocked.pdf");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("keep"), b"x").unwrap();
        assert!(write_atomic(&blocked, b"second").is_err());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with(".brief-")), "{names:?}");
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
    }
}
