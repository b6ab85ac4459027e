//! Fonts on demand: every face known to Typst's font book from the start, parsed only
//! when a brief first uses it.
//!
//! The embedded faces' metadata (family, variant, coverage) comes from a table checked
//! in beside them, `fonts/faces.json`, which a test keeps equal to what the fonts say.
//! So a brief in Latin script never parses the Arabic, Thai, CJK or emoji fallbacks and
//! never reads their pages of the binary. Faces from `--font-path` are read from disk
//! and their metadata computed when the run starts.
//!
//! The faces the built-in templates set their text in (`is_template_face`) are parsed
//! ahead, on a thread of their own, while the brief's data is prepared and Typst
//! evaluates the template: a brief's layout then finds them ready instead of parsing
//! them on its own path (`parse_ahead`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo, FontStyle, FontWeight};

use super::assets::FONT_FILES;

/// The metadata of the embedded faces, in the order of [`FONT_FILES`].
const FACE_TABLE: &str = include_str!("../../fonts/faces.json");

/// One face of a font file, as the table records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceEntry {
    /// The file in `fonts/`.
    pub file: String,
    /// The face's index in the file (a collection holds several).
    pub index: u32,
    /// What Typst's font book needs to know of it.
    pub info: FontInfo,
}

/// A face: its bytes, and the parsed font once Typst has asked for it.
pub(super) struct FontSlot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    /// The parsed face, parsed on the first call.
    pub(super) fn get(&self) -> Option<Font> {
        self.font.get_or_init(|| Font::new(self.data.clone(), self.index)).clone()
    }

    /// Whether the face has been parsed.
    #[cfg(test)]
    pub(super) fn is_parsed(&self) -> bool {
        self.font.get().is_some()
    }
}

/// The font families the built-in templates set their text in: `sans` and `serif` in
/// `templates/lib.typ` (a test keeps the two equal).
const TEMPLATE_FAMILIES: [&str; 2] = ["Inter", "Noto Serif"];

/// Whether the built-in templates set text in this face: one of [`TEMPLATE_FAMILIES`],
/// other than bold italic, which no example brief uses (a brief that does parses it
/// when it first needs it).
fn is_template_face(info: &FontInfo) -> bool {
    let bold_italic =
        info.variant.style != FontStyle::Normal && info.variant.weight >= FontWeight::BOLD;
    TEMPLATE_FAMILIES.contains(&info.family.as_str()) && !bold_italic
}

/// Parses and hashes, on a thread of its own, every face of `slots` that
/// `is_template_face` accepts, so that Typst's first use of them waits less or not at all (a
/// face asked for while it is being parsed is waited for, never parsed twice). Nothing
/// is lost when the thread cannot start: the faces are then parsed when first used.
/// The thread's handle is for tests; a run lets it finish on its own.
pub(super) fn parse_ahead(
    slots: &Arc<[FontSlot]>,
    infos: &[FontInfo],
) -> Option<std::thread::JoinHandle<()>> {
    let ahead: Vec<usize> =
        (0..slots.len()).filter(|&i| infos.get(i).is_some_and(is_template_face)).collect();
    let slots = Arc::clone(slots);
    std::thread::Builder::new()
        .name("fonts".into())
        .spawn(move || {
            for i in ahead {
                // Typst hashes a face's bytes the first time it looks the face up; the
                // hash is kept with the bytes, so computing it here takes that off the
                // brief's path as well (about 0.5 ms a face).
                if let Some(font) = slots[i].get() {
                    typst::utils::hash128(&font);
                }
            }
        })
        .ok()
}

/// The embedded faces and their metadata, from the checked-in table.
pub(super) fn embedded() -> Result<(Vec<FontSlot>, Vec<FontInfo>), String> {
    let table: Vec<FaceEntry> = serde_json::from_str(FACE_TABLE)
        .map_err(|e| format!("the embedded font table is invalid ({e})"))?;
    let mut slots = Vec::with_capacity(table.len());
    let mut infos = Vec::with_capacity(table.len());
    for entry in table {
        let data = FONT_FILES
            .iter()
            .find(|(name, _)| *name == entry.file)
            .map(|(_, data)| *data)
            .ok_or_else(|| {
            format!("the font table names `{}`, which is not embedded", entry.file)
        })?;
        slots.push(FontSlot { data: Bytes::new(data), index: entry.index, font: OnceLock::new() });
        infos.push(entry.info);
    }
    Ok((slots, infos))
}

/// The largest font file read from `--font-path`: CJK families with many faces stay
/// well below it.
const MAX_FONT_BYTES: u64 = 256 << 20;

/// The faces of every font file in `dirs` (`.ttf`, `.otf`, `.ttc`, `.otc`), in file-name
/// order, with their metadata.
pub(super) fn from_folders(dirs: &[PathBuf]) -> Result<(Vec<FontSlot>, Vec<FontInfo>), String> {
    let (mut slots, mut infos) = (Vec::new(), Vec::new());
    for dir in dirs {
        let entries = fs::read_dir(dir)
            .map_err(|e| format!("cannot read font folder `{}` ({e})", dir.display()))?;
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.iter().filter(|p| is_font_file(p)) {
            // A pipe would block and a device never end: a font is a file, and not an
            // endless one.
            let size = match fs::metadata(path) {
                Ok(meta) if meta.is_file() => meta.len(),
                Ok(_) => {
                    return Err(format!(
                        "the font `{}` is not a regular file (a pipe, socket or device)",
                        path.display()
                    ));
                }
                Err(e) => return Err(format!("cannot read font `{}` ({e})", path.display())),
            };
            if size > MAX_FONT_BYTES {
                return Err(format!(
                    "the font `{}` is larger than {} MiB, more than any font file",
                    path.display(),
                    MAX_FONT_BYTES >> 20
                ));
            }
            let data = fs::read(path)
                .map_err(|e| format!("cannot read font `{}` ({e})", path.display()))?;
            let data = Bytes::new(data);
            for (index, info) in FontInfo::iter(data.as_slice()).enumerate() {
                let index = index as u32;
                slots.push(FontSlot { data: data.clone(), index, font: OnceLock::new() });
                infos.push(info);
            }
        }
    }
    Ok((slots, infos))
}

/// Whether a file's extension is a font's.
fn is_font_file(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the embedded fonts say of themselves: the table `fonts/faces.json` must hold.
    fn face_table() -> Vec<FaceEntry> {
        FONT_FILES
            .iter()
            .filter(|(name, _)| is_font_file(Path::new(name)))
            .flat_map(|(name, data)| {
                FontInfo::iter(data).enumerate().map(|(index, info)| FaceEntry {
                    file: (*name).to_owned(),
                    index: index as u32,
                    info,
                })
            })
            .collect()
    }

    /// The table is generated from the fonts: after changing a font, write it again with
    /// `BRIEF_ACCEPT_FONTS=1 cargo test --lib font_table`.
    #[test]
    fn the_font_table_is_what_the_embedded_fonts_say() {
        let actual = face_table();
        if std::env::var_os("BRIEF_ACCEPT_FONTS").is_some() {
            // One face per line: a font change shows as the lines of its faces.
            let lines: Vec<String> =
                actual.iter().map(|face| serde_json::to_string(face).unwrap()).collect();
            let json = format!("[\n{}\n]\n", lines.join(",\n"));
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/faces.json");
            std::fs::write(path, json).unwrap();
            return;
        }
        let table: Vec<FaceEntry> = serde_json::from_str(FACE_TABLE).unwrap();
        assert_eq!(table.len(), actual.len(), "faces in the table and in fonts/");
        for (recorded, computed) in table.iter().zip(&actual) {
            assert_eq!(
                recorded, computed,
                "fonts/faces.json is out of date for {}; run BRIEF_ACCEPT_FONTS=1 cargo test --lib font_table",
                computed.file
            );
        }
    }

    #[test]
    fn a_face_is_parsed_only_when_asked_for() {
        let (slots, infos) = embedded().unwrap();
        assert_eq!(slots.len(), infos.len());
        assert!(slots.iter().all(|slot| !slot.is_parsed()));
        let font = slots[0].get().expect("Inter parses");
        assert_eq!(font.info(), &infos[0]);
        assert!(slots[0].is_parsed() && !slots[1].is_parsed());
    }

    #[test]
    fn the_template_faces_are_parsed_ahead_and_the_fallbacks_are_not() {
        let (slots, infos) = embedded().unwrap();
        let slots: Arc<[FontSlot]> = slots.into();
        parse_ahead(&slots, &infos).expect("the thread starts").join().unwrap();
        for (slot, info) in slots.iter().zip(&infos) {
            assert_eq!(
                slot.is_parsed(),
                is_template_face(info),
                "{} {:?}",
                info.family,
                info.variant
            );
        }
        // Inter's four faces and Noto Serif's regular, italic and bold.
        assert_eq!(slots.iter().filter(|slot| slot.is_parsed()).count(), 7);
    }

    #[test]
    fn the_families_parsed_ahead_are_those_the_templates_set() {
        let lib = crate::render::BUILTIN_TEMPLATES
            .iter()
            .find(|(path, _)| *path == "lib.typ")
            .map(|(_, text)| *text)
            .unwrap();
        for (name, family) in [("sans", TEMPLATE_FAMILIES[0]), ("serif", TEMPLATE_FAMILIES[1])] {
            let line = format!("#let {name} = (\"{family}\",)");
            assert!(lib.lines().any(|l| l == line), "lib.typ has no line `{line}`");
        }
    }
}
