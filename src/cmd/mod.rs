//! The subcommands of `brief`, a module each; `main.rs` parses the command line and
//! dispatches here.

pub(crate) mod data;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod run;
pub(crate) mod templates;
pub(crate) mod watch;
