//! The files compiled into the binary: the built-in templates and the bundled fonts, and
//! their export to a folder (`brief templates export`) for editing with Typst's own tools.

use std::path::{Path, PathBuf};

use crate::output;

/// The built-in template files, by path relative to the template folder.
pub static BUILTIN_TEMPLATES: [(&str, &str); 5] = [
    ("brief.typ", include_str!("../../templates/brief.typ")),
    ("executive.typ", include_str!("../../templates/executive.typ")),
    ("public.typ", include_str!("../../templates/public.typ")),
    ("lib.typ", include_str!("../../templates/lib.typ")),
    ("README.md", include_str!("../../templates/README.md")),
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
    ("Inter-Regular.otf", include_bytes!("../../fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../../fonts/Inter-Bold.otf")),
    ("NotoSerif-Regular.ttf", include_bytes!("../../fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Italic.ttf", include_bytes!("../../fonts/NotoSerif-Italic.ttf")),
    ("NotoSerif-Bold.ttf", include_bytes!("../../fonts/NotoSerif-Bold.ttf")),
    ("NotoSerif-BoldItalic.ttf", include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf")),
    ("NotoSansArabic-Regular.ttf", include_bytes!("../../fonts/NotoSansArabic-Regular.ttf")),
    ("NotoSansArabic-Bold.ttf", include_bytes!("../../fonts/NotoSansArabic-Bold.ttf")),
    ("NotoSansHebrew-Regular.ttf", include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf")),
    ("NotoSansHebrew-Bold.ttf", include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf")),
    ("NotoSansThai-Regular.ttf", include_bytes!("../../fonts/NotoSansThai-Regular.ttf")),
    ("NotoSansThai-Bold.ttf", include_bytes!("../../fonts/NotoSansThai-Bold.ttf")),
    (
        "NotoSansDevanagari-Regular.ttf",
        include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    ),
    ("NotoSansDevanagari-Bold.ttf", include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf")),
    ("DroidSansFallback.ttf", include_bytes!("../../fonts/DroidSansFallback.ttf")),
    ("Symbola.ttf", include_bytes!("../../fonts/Symbola.ttf")),
    ("LICENSE-Inter-OFL.txt", include_bytes!("../../fonts/LICENSE-Inter-OFL.txt")),
    ("LICENSE-NotoSerif-OFL.txt", include_bytes!("../../fonts/LICENSE-NotoSerif-OFL.txt")),
    (
        "LICENSE-NotoSans-scripts-OFL.txt",
        include_bytes!("../../fonts/LICENSE-NotoSans-scripts-OFL.txt"),
    ),
    ("LICENSE-DroidSansFallback.txt", include_bytes!("../../fonts/LICENSE-DroidSansFallback.txt")),
    ("LICENSE-Symbola.txt", include_bytes!("../../fonts/LICENSE-Symbola.txt")),
];

/// lib.typ as exported: the Typst CLI has no markup package, so its import gives way to
/// the package's own definition of `markup`, a plain `eval` there (the sample
/// brief.json's bodies are the flagship's own).
fn exported_library() -> String {
    let lib = BUILTIN_TEMPLATES.iter().find(|(name, _)| *name == "lib.typ").map_or("", |(_, t)| t);
    let import = format!("#import \"{}\": markup", super::world::MARKUP_PACKAGE);
    lib.replacen(&import, super::world::MARKUP_DEFINITION, 1)
}

/// What `export` wrote, or why it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// A file of the export already exists and `force` was not given.
    Exists(PathBuf),
    /// A file could not be written.
    Write(String),
}

/// Writes the built-in templates, `sample` as `brief.json` and the fonts with their
/// licences (under `fonts/`) to `dir`, refusing to replace any file unless `force`.
/// Returns how many files it wrote.
pub fn export(dir: &Path, force: bool, sample: &[u8]) -> Result<usize, ExportError> {
    let fonts: Vec<(String, &[u8])> =
        FONT_FILES.iter().map(|(name, bytes)| (format!("fonts/{name}"), *bytes)).collect();
    let library = exported_library();
    let mut files: Vec<(&str, &[u8])> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, text)| match *name {
            "lib.typ" => (*name, library.as_bytes()),
            _ => (*name, text.as_bytes()),
        })
        .collect();
    files.push(("brief.json", sample));
    files.extend(fonts.iter().map(|(name, bytes)| (name.as_str(), *bytes)));
    if !force && let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).exists()) {
        return Err(ExportError::Exists(dir.join(name)));
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        check_inside(dir, &path)?;
        if force {
            output::write_atomic(&path, bytes).map_err(ExportError::Write)?;
        } else {
            // Made new, atomically: a second export into the same folder at the same
            // moment cannot both succeed.
            output::write_new(&path, bytes).map_err(|e| match e {
                output::NewFileError::Exists => ExportError::Exists(path.clone()),
                output::NewFileError::Write(message) => ExportError::Write(message),
            })?;
        }
    }
    Ok(files.len())
}

/// Refuses to write `path` when its folder leads out of `dir` (a symbolic link such as
/// `dir/fonts` pointing elsewhere), so that an export writes only inside its folder.
fn check_inside(dir: &Path, path: &Path) -> Result<(), ExportError> {
    let (Some(parent), Ok(root)) = (path.parent(), dir.canonicalize()) else {
        return Ok(());
    };
    match parent.canonicalize() {
        Ok(real) if !real.starts_with(&root) => Err(ExportError::Write(format!(
            "`{}` leads outside `{}` (to `{}`); remove the link, or export elsewhere",
            parent.display(),
            dir.display(),
            real.display()
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exported_library_defines_markup_instead_of_importing_it() {
        let library = exported_library();
        assert!(!library.contains(crate::render::world::MARKUP_PACKAGE), "{library}");
        assert!(library.contains(crate::render::world::MARKUP_DEFINITION), "{library}");
    }
}
