//! The subcommands of `brief`, a module each; `main.rs` parses the command line and
//! dispatches here.

pub(crate) mod data;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod preview;
pub(crate) mod run;
pub(crate) mod templates;
pub(crate) mod watch;

use chrono::NaiveDate;

use brief::generate::Exit;

use crate::args::SourceDate;
use crate::terminal::fail;

/// The as-of date: the flag, else the day of SOURCE_DATE_EPOCH, else today. A bad
/// SOURCE_DATE_EPOCH is reported, and the command ends as invalid input.
pub(crate) fn as_of(flag: Option<NaiveDate>, source_date: &SourceDate) -> Result<NaiveDate, Exit> {
    brief::dates::as_of(flag, source_date.epoch.clone())
        .map_err(|message| fail(message, &["unset it, or pass --as-of YYYY-MM-DD"], Exit::Invalid))
}
