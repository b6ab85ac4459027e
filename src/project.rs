//! The layers a spec is read with: its project's `_brief.toml` (defaults for every spec
//! key, and the house `[theme]`), found in the spec's folder or the nearest parent, and
//! the `--set KEY=VALUE` values of the command line. The spec wins over the project's
//! defaults, and `--set` over both. The layers become one [`SourceText`] of parts, so
//! that every error names the file (or the flag) and the place it comes from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceText};
use crate::output::confine;

/// The name of a project's defaults file. A file whose name starts with `_` is never
/// taken for a spec when a folder of specs is run.
pub const PROJECT_FILE: &str = "_brief.toml";

/// One `--set KEY=VALUE`: as typed, and as the line of TOML it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The argument as the user typed it, naming the flag in errors.
    pub typed: String,
    /// `KEY = VALUE` in TOML: the value as written when it is TOML (`2023`, `["gbr"]`,
    /// `"x"`), else quoted as a string (`2023-01`, `Monthly brief`).
    pub toml: String,
}

impl std::str::FromStr for Setting {
    type Err = String;

    fn from_str(argument: &str) -> Result<Self, String> {
        let Some((key, value)) = argument.split_once('=') else {
            return Err(format!(
                "`{argument}` has no `=`: write KEY=VALUE, e.g. `period.from=2023-01` or `title=Monthly brief`"
            ));
        };
        let key = key.trim();
        let bare = |part: &str| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        if !key.split('.').all(bare) {
            return Err(format!(
                "`{key}` is not a spec key: keys are words of letters, digits, `_` and `-`, \
                 joined by dots (`title`, `period.from`, `filter.partners`)"
            ));
        }
        let value = value.trim();
        let written = format!("{key} = {value}");
        let toml = match toml::from_str::<toml::Table>(&written) {
            Ok(_) => written,
            Err(_) => format!("{key} = {}", toml::Value::String(value.to_owned())),
        };
        Ok(Setting { typed: format!("--set {argument}"), toml })
    }
}

/// The project file of a spec in `folder` (`shown_folder` as the user named it): the
/// nearest `_brief.toml` in that folder or a parent, with the name errors print for it;
/// or why the one found may not be read. It is never named on the command line, so it
/// is held to its own folder like a spec's data: a link to a file elsewhere, a second
/// hard link, a pipe or a device is refused, and never read into an error's excerpt.
pub fn project_file(
    folder: &Path,
    shown_folder: &Path,
) -> Result<Option<(PathBuf, String)>, Diagnostic> {
    let Ok(real) = folder.canonicalize() else {
        return Ok(None);
    };
    for (depth, ancestor) in real.ancestors().enumerate() {
        let candidate = ancestor.join(PROJECT_FILE);
        if candidate.symlink_metadata().is_err() {
            continue;
        }
        let shown = match depth {
            0 => shown_folder.join(PROJECT_FILE).display().to_string(),
            _ => candidate.display().to_string(),
        };
        return match confine(&candidate, Some(ancestor)) {
            Ok(_) => Ok(Some((candidate, shown))),
            Err(refusal) => Err(Diagnostic::error(format!(
                "the project defaults `{shown}` {}, so it is not read",
                refusal.why()
            ))
            .hint(format!("make `{shown}` a plain file in its folder, or remove it"))),
        };
    }
    Ok(None)
}

/// A spec's text with its layers: the project's defaults first, the spec, then each
/// `--set` (a later part wins). Without layers, the spec's text alone, as it always was.
pub fn compose(
    shown: &str,
    text: String,
    project: Option<(String, String)>,
    settings: &[Setting],
) -> Arc<SourceText> {
    if project.is_none() && settings.is_empty() {
        return SourceText::new(shown, text);
    }
    let mut parts = Vec::with_capacity(settings.len() + 2);
    if let Some((name, project_text)) = project {
        parts.push((name, project_text, true));
    }
    parts.push((shown.to_owned(), text, true));
    parts.extend(settings.iter().map(|s| (s.typed.clone(), s.toml.clone(), false)));
    SourceText::composed(shown, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_toml_when_it_can_be_and_a_string_otherwise() {
        let cases = [
            ("period.from=2023", "period.from = 2023"),
            ("period.from=2023-01", "period.from = \"2023-01\""),
            ("period.from=2023-01-31", "period.from = 2023-01-31"),
            ("filter.partners=[\"GBR\",\"AUS\"]", "filter.partners = [\"GBR\",\"AUS\"]"),
            ("title=Monthly brief", "title = \"Monthly brief\""),
            ("title=\"Quoted\"", "title = \"Quoted\""),
            ("title=say \"hi\"", "title = 'say \"hi\"'"),
            ("lag_months=6", "lag_months = 6"),
        ];
        for (typed, toml) in cases {
            let setting: Setting = typed.parse().unwrap();
            assert_eq!(setting.toml, toml, "{typed}");
            assert_eq!(setting.typed, format!("--set {typed}"));
        }
    }

    #[test]
    fn a_setting_needs_a_key_and_an_equals_sign() {
        assert_eq!(
            "title".parse::<Setting>().unwrap_err(),
            "`title` has no `=`: write KEY=VALUE, e.g. `period.from=2023-01` or `title=Monthly brief`"
        );
        assert!("a b=1".parse::<Setting>().unwrap_err().starts_with("`a b` is not a spec key"));
        assert!("period..from=1".parse::<Setting>().is_err());
    }

    #[test]
    fn places_in_a_composed_spec_name_the_layer_they_come_from() {
        let project = ("p/_brief.toml".to_owned(), "author = \"Unit\"\n".to_owned());
        let settings = ["title=From the flag".parse::<Setting>().unwrap()];
        let source = compose(
            "p/s.toml",
            "title = \"T\"\n[period]\nfrom = 2024\nto = 2024\n".into(),
            Some(project),
            &settings,
        );
        let place = |needle: &str| {
            let at = source.text.find(needle).unwrap();
            source.place(&(at..at + needle.len()))
        };
        assert_eq!(place("\"Unit\""), "p/_brief.toml:1:10");
        assert_eq!(place("from = 2024"), "p/s.toml:3:1");
        assert_eq!(place("\"From the flag\""), "--set title=From the flag");
    }
}
