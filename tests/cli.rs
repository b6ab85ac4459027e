//! Integration tests: the real `brief` binary on real specs, checking the PDF's text and
//! metadata (read back with poppler's pdftotext and pdfinfo), exit codes and messages.

mod cli {
    pub(crate) mod harness;

    mod batch;
    mod confinement;
    mod data;
    mod dated;
    mod docs;
    mod errors;
    mod fuzz_replay;
    mod generate;
    mod hardening;
    mod literal;
    mod live_preview;
    mod point_in_time;
    mod policy_brief;
    mod previews;
    mod project;
    mod release;
    mod spreadsheets;
    mod standards;
    mod templates;
    mod tools;
    mod visual;
    mod watch;
}
