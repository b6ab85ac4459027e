//! `brief` turns a short TOML spec into a typeset PDF policy brief on BNPT's
//! international counter-terrorism cooperation.
//!
//! Data flows one way, one module per stage:
//! [`spec`] → [`select`] (with [`dataset`]) → [`model`] (with [`locale`]) →
//! [`render`] (in [`worker`] processes) → [`output`]. [`plan`] turns specs and options
//! into checked plans before anything renders, and [`generate`] runs them for a batch;
//! [`watch`] follows a run's inputs and [`preview`] serves one brief to a browser.
//! [`vocab`] declares every closed vocabulary, [`diag`] reports bad input, and
//! [`listing`] prints the dataset for `brief events` and `brief partners`; [`allocator`]
//! sets up the memory allocator of every `brief` process, and [`memory`] keeps a run
//! within `--max-memory`.

pub mod allocator;
pub mod dataset;
pub mod dates;
pub mod diag;
pub mod generate;
pub mod listing;
pub mod locale;
pub mod memory;
pub mod model;
pub mod output;
pub mod plan;
pub mod preview;
pub mod project;
pub mod render;
pub mod select;
pub mod spec;
pub mod starter;
pub mod vocab;
pub mod watch;
pub mod workbook;
pub mod worker;
