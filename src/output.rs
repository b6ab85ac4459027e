//! Output: where briefs are written, how (atomically), and the run report.
//!
//! Output paths come from a pattern with placeholders — `{slug}`, `{language}`,
//! `{audience}`, `{from}`, `{to}`, `{as_of}`, the dates optionally with a strftime
//! format as in `{from:%Y-%m}`. Files are written to a temporary file in the target
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
pub const PLACEHOLDERS: [&str; 6] = ["slug", "language", "audience", "from", "to", "as_of"];

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

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
/// rename. Creates missing folders. On failure nothing is left behind and an existing
/// file at `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
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
    temporary
        .persist(path)
        .map_err(|e| format!("cannot write `{}` ({})", path.display(), e.error))?;
    Ok(())
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
    /// `written`, `planned` (dry run), `invalid` or `failed`.
    pub status: &'static str,
    /// Pages rendered.
    pub pages: Option<usize>,
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
