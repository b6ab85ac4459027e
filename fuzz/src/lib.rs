//! What the fuzz targets share: the bundled dataset, read once, and a check that every
//! diagnostic can be printed with its source excerpt, as the CLI prints it.

use std::sync::LazyLock;

use brief::dataset::{Dataset, DatasetBuilder};
use brief::diag::Diagnostic;
use codespan_reporting::term::termcolor::NoColor;

/// The bundled dataset, which spec inputs are resolved against.
pub static BUNDLED: LazyLock<Dataset> =
    LazyLock::new(|| Dataset::bundled().expect("the bundled dataset is valid"));

/// A builder holding the bundled records, read once and cloned for each input.
pub static BUNDLED_BUILDER: LazyLock<DatasetBuilder> = LazyLock::new(|| {
    let mut builder = DatasetBuilder::default();
    builder.add_bundled();
    builder
});

/// Prints every diagnostic to a buffer: spans, line numbers and carets must hold for any input.
pub fn emit_all(diagnostics: &[Diagnostic]) {
    let mut out = NoColor::new(Vec::new());
    for diagnostic in diagnostics {
        diagnostic.emit(&mut out);
    }
}
