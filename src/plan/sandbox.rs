//! The output sandbox: what a run reads (its inputs), where each output may go, and
//! the checks that keep an output from replacing an input, leaving its spec's folder,
//! or landing on another output; and the files a spec names (data, logo), held to
//! their folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::output::{self, FileIdentity, Resolved, Target};
use crate::spec::Spec;

use super::{Options, Plan, locate_key};

/// The files a run reads, which no output may replace.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Spec, data and template files, as shown, with their identity on disk.
    files: Vec<(PathBuf, FileIdentity)>,
    /// Template folders (real paths): every file in them, and every `.typ` file that
    /// would be made there, is an input.
    template_roots: Vec<PathBuf>,
    /// Font folders (real paths): every file in them is an input.
    font_roots: Vec<PathBuf>,
}

impl Inputs {
    /// The spec, data and template files, as shown.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(path, _)| path.as_path())
    }

    /// The template folders, as real paths.
    pub fn template_folders(&self) -> impl Iterator<Item = &Path> {
        self.template_roots.iter().map(PathBuf::as_path)
    }

    /// Adds a file, if it exists.
    pub(super) fn add(&mut self, path: &Path) {
        if let Some(identity) = output::identity(path) {
            self.files.push((path.to_path_buf(), identity));
        }
    }

    /// Adds a template folder.
    pub(super) fn add_templates(&mut self, dir: &Path) {
        add_root(&mut self.template_roots, dir);
    }

    /// Adds a font folder.
    pub(super) fn add_folder(&mut self, dir: &Path) {
        add_root(&mut self.font_roots, dir);
    }

    /// The input an output would replace, if any.
    pub fn replaced_by(&self, resolved: &Resolved) -> Option<String> {
        if let Some(identity) = resolved.identity
            && let Some((path, _)) = self.files.iter().find(|(_, id)| *id == identity)
        {
            return Some(format!("`{}`, an input of this run", path.display()));
        }
        let Target::File(real) = &resolved.target else {
            return None;
        };
        let under = |roots: &[PathBuf]| roots.iter().any(|root| real.starts_with(root));
        let typst_file = real.extension().is_some_and(|e| e == "typ");
        if under(&self.template_roots) && (typst_file || real.exists()) {
            return Some(format!("`{}`, a file of a template folder of this run", real.display()));
        }
        (under(&self.font_roots) && real.exists())
            .then(|| format!("`{}`, a file of a font folder of this run", real.display()))
    }
}

/// Adds the real path of `dir`, if it exists, to `roots`, once.
pub(super) fn add_root(roots: &mut Vec<PathBuf>, dir: &Path) {
    if let Ok(real) = dir.canonicalize()
        && !roots.contains(&real)
    {
        roots.push(real);
    }
}

/// Resolves an output path the user gave on the command line with `flag`.
pub(super) fn resolve_named(path: &Path, flag: &str) -> Result<Resolved, Diagnostic> {
    output::resolve(path, true).map_err(|why| {
        Diagnostic::error(format!("cannot write {flag} `{}`: {why}", path.display()))
    })
}

/// Why an output path is refused: because of the command line, or of one spec.
pub(super) enum Refusal {
    /// `-o` names something that cannot be written; the run stops.
    Arguments(Diagnostic),
    /// The spec's `output` (or its default name) cannot be written; the spec is skipped.
    Spec(Diagnostic),
}

/// Checks and resolves one plan's output path. A spec's own `output` must stay inside
/// the spec's folder unless the run allows otherwise.
pub(super) fn resolve_output(
    plan: &Plan,
    options: &Options,
    as_folder: bool,
    inputs: &Inputs,
) -> Result<Target, Refusal> {
    let spec = &plan.spec;
    let names_page =
        plan.output.file_name().is_some_and(|n| n.to_string_lossy().contains("{page}"));
    if names_page && !options.export.format.per_page() {
        let d = Diagnostic::error(format!(
            "`{}` has a `{{page}}`, but a PDF is one file",
            plan.output.display()
        ))
        .hint("`{page}` numbers the files of --format png or svg; remove it for a PDF");
        return Err(match (options.output.is_some(), plan.from_pattern) {
            (true, _) => Refusal::Arguments(d),
            (false, true) => Refusal::Spec(d.at(&spec.source, locate_key(spec, "output"))),
            (false, false) => Refusal::Spec(d),
        });
    }
    let destroys = |resolved: &Resolved| {
        inputs.replaced_by(resolved).map(|input| {
            Diagnostic::error(format!(
                "the brief would be written to {input}, which it would destroy"
            ))
            .hint("write the brief somewhere else")
        })
    };
    if options.output.is_some() {
        let named = !as_folder;
        let resolved = output::resolve(&plan.output, named).map_err(|why| {
            Refusal::Arguments(Diagnostic::error(format!(
                "cannot write -o `{}`: {why}",
                crate::diag::printable_name(&plan.output.to_string_lossy())
            )))
        })?;
        return match destroys(&resolved) {
            Some(d) => Err(Refusal::Arguments(d)),
            None => Ok(resolved.target),
        };
    }
    let at_output = |d: Diagnostic| match plan.from_pattern {
        true => d.at(&spec.source, locate_key(spec, "output")),
        false => d,
    };
    let resolved = output::resolve(&plan.output, false).map_err(|why| {
        Refusal::Spec(at_output(Diagnostic::error(format!(
            "cannot write the brief to `{}`: {why}",
            crate::diag::printable_name(&plan.output.to_string_lossy())
        ))))
    })?;
    if plan.from_pattern
        && !options.allow_outside
        && let Target::File(real) = &resolved.target
        && let Ok(folder) = spec.folder_real()
        && !real.starts_with(&folder)
    {
        return Err(Refusal::Spec(at_output(
            Diagnostic::error(format!(
                "`output` leads outside the spec's folder, to `{}`",
                real.display()
            ))
            .hint(
                "a spec writes only below its own folder; give the place on the command line \
                 with -o, or pass --allow-outside-paths if you trust this spec",
            ),
        )));
    }
    match destroys(&resolved) {
        Some(d) => Err(Refusal::Spec(at_output(d))),
        None => Ok(resolved.target),
    }
}

/// Refuses outputs that replace an input of the run or share one file with another
/// output (briefs, the report and the emitted data alike); resolves `--emit-data`.
pub(super) fn check_outputs(
    plans: &[Plan],
    options: &Options,
    report: Option<&Resolved>,
    inputs: &Inputs,
) -> Result<Option<Target>, Diagnostic> {
    if options.emit_data.is_some() && plans.len() > 1 {
        return Err(Diagnostic::error(format!(
            "`--emit-data` needs exactly one output, but this run has {}",
            plans.len()
        ))
        .hint("run it on one spec without `[[variants]]`: `--language` and `--audience` change what each variant holds, not how many there are"));
    }
    let emit = match options.emit_data.as_deref() {
        Some(path) => Some(resolve_named(path, "--emit-data")?),
        None => None,
    };
    let mut outputs: Vec<(String, Resolved)> = plans
        .iter()
        .map(|plan| {
            let what =
                format!("the brief of {} (variant {})", plan.spec.path.display(), plan.variant + 1);
            let identity = match &plan.target {
                Target::File(path) | Target::Stream(path) => output::identity(path),
                Target::Stdout => None,
            };
            (what, Resolved { target: plan.target.clone(), identity })
        })
        .collect();
    // The files a run writes beside its briefs.
    let mut extras: Vec<(String, Resolved)> = Vec::new();
    extras.extend(report.map(|r| ("the --report".to_owned(), r.clone())));
    extras.extend(emit.clone().map(|r| ("the --emit-data".to_owned(), r)));
    // A report or emitted data must not land where a page image of a brief goes.
    if options.export.format.per_page() {
        let extension = options.export.format.as_str();
        for (what, extra) in &extras {
            let Target::File(extra) = &extra.target else { continue };
            for plan in plans {
                if let Target::File(base) = &plan.target
                    && output::is_page_of(base, extra, extension)
                {
                    return Err(Diagnostic::error(format!(
                        "{what} would be written to `{}`, where a page image of {} goes",
                        extra.display(),
                        plan.spec.path.display()
                    ))
                    .hint("write it somewhere else"));
                }
            }
        }
    }
    // Two briefs whose page images take the same names (`x.png` and `x-{page}.png` both
    // write `x-1.png`…) would overwrite each other's pages.
    let several_pages = options.export.pages.as_ref().and_then(|p| p.single()).is_none();
    if options.export.format.per_page() && several_pages {
        let extension = options.export.format.as_str();
        let mut families = HashMap::new();
        for (plan, (what, _)) in plans.iter().zip(&outputs) {
            let Target::File(base) = &plan.target else { continue };
            let family = output::page_family(base, extension);
            let (before, after) = (family.1.clone(), family.2.clone());
            if let Some(first) = families.insert(family, what) {
                return Err(Diagnostic::error(format!(
                    "the page images of {first} and of {what} would take the same names (`{before}1{after}`, …)"
                ))
                .hint("give each output its own name with `output = \"…{language}-{audience}.png\"`"));
            }
        }
    }
    outputs.extend(extras);
    let mut seen: HashMap<OutputKey, &str> = HashMap::new();
    for (what, resolved) in &outputs {
        if let Some(input) = inputs.replaced_by(resolved) {
            return Err(Diagnostic::error(format!(
                "{what} would be written to {input}, which it would destroy"
            ))
            .hint("write the output somewhere else"));
        }
        if let Some(first) = seen.insert(OutputKey::of(resolved), what) {
            return Err(Diagnostic::error(format!(
                "two outputs would be written to `{}`: {first} and {what}",
                resolved.target.shown()
            ))
            .hint("give each output its own name with `output = \"…{language}-{audience}.pdf\"`"));
        }
    }
    Ok(emit.map(|r| r.target))
}

/// What makes two outputs the same file: the same existing file, or the same real path.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) enum OutputKey {
    /// An existing file or device.
    Identity(FileIdentity),
    /// A path not yet written, links resolved.
    Path(PathBuf),
    /// Standard output.
    Stdout,
}

impl OutputKey {
    fn of(resolved: &Resolved) -> OutputKey {
        match (&resolved.target, resolved.identity) {
            (Target::Stdout, _) => OutputKey::Stdout,
            (_, Some(identity)) => OutputKey::Identity(identity),
            (Target::File(path) | Target::Stream(path), None) => OutputKey::Path(path.clone()),
        }
    }
}

/// The largest SVG logo read, in bytes.
pub(super) const MAX_SVG_LOGO_BYTES: u64 = 8 << 20;

/// Refuses an SVG logo that would load another file: Typst resolves an SVG's
/// `<image href="…">` through the template folder, which a spec must not reach.
/// References inside the image (`#id`) and embedded `data:` images are kept.
pub(super) fn check_svg_logo(real: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let is_svg = real.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if !is_svg {
        return Ok(());
    }
    let text = crate::diag::read_text(real, MAX_SVG_LOGO_BYTES)
        .map_err(|e| Diagnostic::error(format!("cannot read logo `{}` ({e})", shown.display())))?;
    let mut rest = text.as_str();
    while let Some(at) = rest.find("href") {
        rest = &rest[at + 4..];
        let value = rest.trim_start().strip_prefix('=').map(str::trim_start);
        let Some(value) = value.and_then(|v| v.strip_prefix(['"', '\''])) else {
            continue;
        };
        let value = value.trim_start();
        if !(value.starts_with('#')
            || value.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:")))
        {
            return Err(Diagnostic::error(format!(
                "the logo `{}` links to another file, which a logo may not read",
                shown.display()
            ))
            .hint(
                "embed the linked image in the SVG (a `data:` address), or give the logo as PNG",
            ));
        }
    }
    Ok(())
}

/// Why a spec found in a scanned folder may not be read: a link to a file outside the
/// folder, a second hard link, a pipe or a device; `None` for the folder's own file.
pub(super) fn scanned_refusal(path: &Path) -> Option<Diagnostic> {
    let folder = path.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let root = folder.canonicalize().ok()?;
    let why = crate::output::confine(path, Some(&root)).err()?.why();
    Some(Diagnostic::error(format!("the spec `{}` {why}, so it is not read", path.display())).hint(
        "a folder run reads the folder's own files; name a spec from elsewhere on the command line",
    ))
}

/// Refuses a data file a spec names unless it is a regular file of one name inside the
/// spec's folder (through symbolic links): a spec cannot make a brief print a dataset
/// from elsewhere, nor block the run on a pipe. `--allow-outside-paths` lifts the
/// folder rule for specs the user trusts; a pipe or device is refused all the same.
pub(super) fn check_spec_data(
    file: &Path,
    spec: &Spec,
    options: &Options,
) -> Result<PathBuf, Diagnostic> {
    check_spec_file(file, &spec.folder(), options, "dataset file")
}

/// The real path of a file a spec names (`what`: its dataset files, its theme's logo),
/// refused when it is not a regular file in `folder` (the spec's, or its project's for
/// a logo the project file names).
pub(super) fn check_spec_file(
    file: &Path,
    folder: &Path,
    options: &Options,
    what: &str,
) -> Result<PathBuf, Diagnostic> {
    use crate::output::{Unconfined, confine};
    let shown = file.display();
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let folder =
        match options.allow_outside {
            true => None,
            false => Some(folder.canonicalize().map_err(|e| {
                Diagnostic::error(format!("cannot open the folder of the spec ({e})"))
            })?),
        };
    let hint = "a spec reads files only from its own folder and below; pass \
                --allow-outside-paths if you trust this spec (or name a data file on the \
                command line with --data)";
    match confine(file, folder.as_deref()) {
        Ok(real) => Ok(real),
        Err(Unconfined::Io(e)) => Err(Diagnostic::error(format!("cannot open {what} `{shown}` ({e})"))
            .hint("a spec's paths (`data`, `theme.logo`) are relative to the spec's own folder")),
        Err(Unconfined::Folder | Unconfined::NotRegular) => Err(Diagnostic::error(format!(
            "the {what} `{shown}` is not a regular file (a folder, pipe, socket or device)"
        ))
        .hint("name a regular file")),
        Err(Unconfined::Outside(real)) => Err(Diagnostic::error(format!(
            "the {what} `{shown}` is outside the spec's folder (it is `{}`)",
            real.display()
        ))
        .hint(hint)),
        Err(Unconfined::HardLinked) => Err(Diagnostic::error(format!(
            "the {what} `{shown}` has more than one hard link, so it may be a file from \
             outside the spec's folder"
        ))
        .hint("copy the file into the folder instead of linking it; or pass --allow-outside-paths if you trust this spec")),
    }
}

/// System folders a spec may not take as its template folder (`/proc`, `/sys` and `/dev`
/// not even below).
pub(super) const SYSTEM_FOLDERS: [&str; 12] = [
    "/etc", "/proc", "/sys", "/dev", "/root", "/boot", "/run", "/var", "/usr", "/home", "/bin",
    "/lib",
];

/// Refuses a template folder a spec names when it is `/`, a system folder, or outside
/// the spec's own folder, unless the command line allows it.
pub(super) fn check_inside_spec(
    dir: &Path,
    spec: &Spec,
    options: &Options,
) -> Result<(), Diagnostic> {
    if options.allow_outside {
        return Ok(());
    }
    let real = dir.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot open template folder `{}` ({e})", dir.display()))
    })?;
    let hint = "a spec takes templates only from its own folder and below; name another folder \
                on the command line with --template-dir, or pass --allow-outside-paths if you \
                trust this spec";
    let virtual_files = ["/proc", "/sys", "/dev"].iter().any(|s| real.starts_with(s));
    let system = real.parent().is_none()
        || virtual_files
        || SYSTEM_FOLDERS.iter().any(|s| real == Path::new(s));
    if system {
        return Err(Diagnostic::error(format!(
            "the template folder `{}` is a system folder (`{}`), which templates could read \
             from",
            dir.display(),
            real.display()
        ))
        .hint(hint));
    }
    match spec.folder_real() {
        Ok(folder) if real.starts_with(&folder) => Ok(()),
        _ => Err(Diagnostic::error(format!(
            "the template folder `{}` is outside the spec's folder",
            dir.display()
        ))
        .hint(hint)),
    }
}
