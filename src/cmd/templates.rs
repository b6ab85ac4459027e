//! `brief templates list` and `brief templates export`.

use std::path::Path;

use brief::generate::{self, Exit};
use brief::render;
use brief::render::assets::{self, ExportError};

use crate::args::SourceDate;
use crate::terminal::{fail, print_out};

/// `brief templates list`.
pub(crate) fn templates_list() -> Exit {
    for (name, what) in render::TEMPLATE_NAMES {
        print_out(&format!("{name:<10} {what}"));
    }
    print_out("\nShared components: lib.typ. Export them with `brief templates export DIR`.");
    Exit::Success
}

/// `brief templates export DIR`.
pub(crate) fn templates_export(dir: &Path, force: bool, source_date: &SourceDate) -> Exit {
    let as_of = match super::as_of(None, source_date) {
        Ok(as_of) => as_of,
        Err(exit) => return exit,
    };
    let sample = match generate::sample_brief_json(as_of) {
        Ok(json) => json,
        Err(message) => return fail(message, &[], Exit::Failed),
    };
    match assets::export(dir, force, &sample) {
        Ok(count) => {
            print_out(&format!("wrote {count} files to {}", dir.display()));
            print_out(&format!(
                "try: typst compile --root {0} --font-path {0}/fonts --ignore-system-fonts {0}/brief.typ",
                dir.display()
            ));
            Exit::Success
        }
        Err(ExportError::Exists(path)) => fail(
            format!("`{}` already exists", path.display()),
            &["pass --force to overwrite the exported files"],
            Exit::Invalid,
        ),
        Err(ExportError::Write(message)) => fail(message, &[], Exit::Failed),
    }
}
