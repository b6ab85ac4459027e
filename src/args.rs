//! The command line: every subcommand and option, as clap types. No I/O here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use brief::dataset::{EventType, Role, Status};
use brief::listing::{CountBy, ListFormat, SortKey};
use brief::locale::Language;
use brief::plan::Shard;
use brief::render::export::{DEFAULT_PPI, ExportFormat, PageSelection};
use brief::spec::{Audience, PdfStandard};

/// Turn a short TOML spec into a typeset PDF policy brief on BNPT's international
/// counter-terrorism cooperation.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Render briefs (a folder means every *.toml spec in it).
    Generate(GenerateArgs),
    /// Validate specs, data and templates: compiles every brief, writes nothing.
    Check(CheckArgs),
    /// Query the dataset's events.
    Events(EventsArgs),
    /// The partner registry with event counts.
    Partners(PartnersArgs),
    /// The built-in templates.
    Templates {
        /// What to do with them.
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Render, then render again whenever the spec, a data file or a template changes.
    Watch(WatchArgs),
    /// Show one spec's brief in a browser, rendered again on every change, at any as-of
    /// date, language and audience.
    Preview(PreviewArgs),
    /// Write a starter spec, every key present and explained, that `brief check` accepts.
    New(NewArgs),
    /// Print a shell completion script to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual pages (roff) to standard output, or write them to a folder.
    Man {
        /// Write one file per page (brief.1, brief-generate.1, …) into this folder, for
        /// `man -M` or a system's man1 folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Internal: render the briefs sent on standard input (the isolated worker of
    /// `generate` and `check`).
    #[command(name = "__render-worker", hide = true)]
    RenderWorker {
        /// Extra font folders.
        #[arg(long, value_name = "DIR")]
        font_path: Vec<PathBuf>,
    },
}

/// What `brief templates` does.
#[derive(Debug, Subcommand)]
pub(crate) enum TemplatesCommand {
    /// List the built-in templates.
    List,
    /// Write the built-in templates and a sample brief.json to DIR, ready for
    /// `typst compile` and `typst watch`.
    Export {
        /// The folder to write to (created if missing).
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
        /// The sample brief's date.
        #[command(flatten)]
        source_date: SourceDate,
    },
}

/// The day of reproducible builds, read from the environment by clap: the default
/// as-of date when `--as-of` is not given.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct SourceDate {
    /// `SOURCE_DATE_EPOCH`, in seconds since 1970, as the environment gives it.
    #[arg(long = "source-date-epoch", env = "SOURCE_DATE_EPOCH", hide = true, value_name = "SECS")]
    pub epoch: Option<String>,
}

/// A share of the specs from the environment of an indexed job (Kubernetes), read by
/// clap: the default of `--shard`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ShardEnv {
    /// `JOB_COMPLETION_INDEX`: which share, from 0.
    #[arg(long = "job-completion-index", env = "JOB_COMPLETION_INDEX", hide = true)]
    pub index: Option<String>,
    /// `BRIEF_SHARD_COUNT`: how many shares.
    #[arg(long = "shard-count", env = "BRIEF_SHARD_COUNT", hide = true)]
    pub count: Option<String>,
}

/// Dataset options shared by the subcommands that read data.
#[derive(Debug, Clone, Args)]
pub(crate) struct DataArgs {
    /// An extra dataset file (TOML, JSON, CSV, or a spreadsheet: .xlsx, .xlsm, .xls,
    /// .ods); repeatable.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Use only the --data files, not the bundled dataset.
    #[arg(long)]
    pub no_bundled_data: bool,
}

/// Options shared by `generate` and `check`.
#[derive(Debug, Clone, Args)]
pub(crate) struct BriefArgs {
    /// Spec files, or folders of *.toml specs.
    #[arg(required = true, value_name = "SPEC|DIR")]
    pub specs: Vec<PathBuf>,
    /// The reference date for relative periods, "today" in templates and the PDF date
    /// [default: today, or the day of SOURCE_DATE_EPOCH].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The default of `--as-of`.
    #[command(flatten)]
    pub source_date: SourceDate,
    /// Dataset files.
    #[command(flatten)]
    pub data: DataArgs,
    /// Files here shadow the built-in templates of the same name.
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
    /// A folder of extra fonts; repeatable.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// The language of every brief, instead of the spec's; of a spec with variants, the
    /// variants in that language.
    #[arg(long, value_enum, ignore_case = true)]
    pub language: Option<Language>,
    /// The audience of every brief, instead of the spec's; of a spec with variants, the
    /// variants for that audience.
    #[arg(long, value_enum, ignore_case = true)]
    pub audience: Option<Audience>,
    /// Export every brief as this validated PDF standard, instead of the spec's
    /// `pdf_standard`; repeatable (`--pdf-standard a-2b --pdf-standard ua-1`).
    #[arg(long, value_name = "STD", value_enum, ignore_case = true)]
    pub pdf_standard: Vec<PdfStandard>,
    /// Render only share I of N of the specs (by position in the expanded list, folders
    /// in file-name order), so that N workers render each spec once [default: from
    /// JOB_COMPLETION_INDEX and BRIEF_SHARD_COUNT when both are set].
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// The default of `--shard`.
    #[command(flatten)]
    pub shard_env: ShardEnv,
    /// Briefs rendered in parallel, each in a worker process [default: all cores; at most
    /// one per output and 8 per core].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Stop a brief that takes longer than this to render; it fails, the others go on.
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// The memory of the whole run, in MiB (Linux): past it, the largest rendering brief
    /// stops, or the run while its specs and data load.
    #[arg(long, value_name = "MIB", default_value_t = 4096, value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub max_memory: u64,
    /// Fail a brief with more pages than this (the executive brief has two at most).
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_pages: u64,
    /// Let specs name templates and outputs outside their own folder (for specs you trust).
    #[arg(long)]
    pub allow_outside_paths: bool,
    /// Set a spec key for every spec, over the spec and its project's `_brief.toml`
    /// (repeatable): `period.from=2023-01`, `filter.partners=["gbr","aus"]`,
    /// `title=Monthly brief`. The value is read as TOML, or else as a string.
    #[arg(long, value_name = "KEY=VALUE")]
    pub set: Vec<brief::project::Setting>,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print no warnings (of data, specs or templates); errors and progress still print.
    #[arg(long)]
    pub no_warnings: bool,
    /// Also print what each output will hold: period, template and sections.
    #[arg(short, long)]
    pub verbose: bool,
}

/// `brief generate`.
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// What to render, and how.
    #[command(flatten)]
    pub brief: BriefArgs,
    /// A file (one output), a folder (several), or `-` for standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write a JSON report of the run: one entry per output (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Also write the /brief.json that the template receives.
    #[arg(long, value_name = "FILE")]
    pub emit_data: Option<PathBuf>,
    /// Resolve everything and print what would be written; render nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// PDF or page images.
    #[command(flatten)]
    pub export: ExportArgs,
}

/// `brief watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// What to render, and how.
    #[command(flatten)]
    pub brief: BriefArgs,
    /// A file (one output), a folder (several), or `-` for standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// PDF or page images.
    #[command(flatten)]
    pub export: ExportArgs,
}

/// `brief preview`.
#[derive(Debug, Args)]
pub(crate) struct PreviewArgs {
    /// The spec, and how to render it (as `generate`).
    #[command(flatten)]
    pub brief: BriefArgs,
    /// The port on 127.0.0.1 to serve on [default: a free port, printed on start].
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// What `generate` and `watch` export: a PDF, or page images.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// A PDF, or a PNG or SVG image per page, written as `<name>-<page>.png` beside the
    /// output or where its file name has `{page}` [default: from the extension of -o,
    /// else pdf].
    #[arg(long, value_enum, ignore_case = true, conflicts_with = "pdf_standard")]
    pub format: Option<ExportFormat>,
    /// The resolution of PNG pages, in pixels per inch.
    #[arg(long, value_name = "PPI", default_value_t = DEFAULT_PPI, value_parser = parse_ppi)]
    pub ppi: f32,
    /// Export only these pages: `1`, `2-4`, `5-`, several joined by commas (`--pages 1`
    /// makes a thumbnail).
    #[arg(long, value_name = "PAGES")]
    pub pages: Option<PageSelection>,
}

/// A resolution for PNG pages: a number of pixels per inch from 1 to 2400.
fn parse_ppi(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(ppi) if (1.0..=2400.0).contains(&ppi) => Ok(ppi),
        _ => Err(format!("`{text}` is not a resolution from 1 to 2400 pixels per inch")),
    }
}

/// `brief new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// A partner of the brief (id, name in either language or alias); repeatable
    /// [default: every partner].
    #[arg(long, value_name = "P")]
    pub partner: Vec<String>,
    /// The period's first day, month or year (YYYY-MM-DD, YYYY-MM or YYYY) [default:
    /// the previous month, for scheduled runs].
    #[arg(long, value_name = "D", requires = "to")]
    pub from: Option<String>,
    /// The period's last day, month or year.
    #[arg(long, value_name = "D", requires = "from")]
    pub to: Option<String>,
    /// Who the brief is for.
    #[arg(long, value_enum, ignore_case = true, default_value = "analyst")]
    pub audience: Audience,
    /// The brief's language.
    #[arg(long, value_enum, ignore_case = true, default_value = "en")]
    pub language: Language,
    /// Where to write the spec [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file at --output if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `brief check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// What to check.
    #[command(flatten)]
    pub brief: BriefArgs,
}

/// `brief events`.
///
/// Filters of different kinds combine with AND (`--partner gbr --type mou`: MoUs with
/// the United Kingdom); the values of one filter combine with OR (`--partner gbr
/// --partner aus`: events with either).
#[derive(Debug, Args)]
pub(crate) struct EventsArgs {
    /// Only events with this partner (id, name in either language, alias or agency; a
    /// group such as `un` selects its members too); repeatable.
    #[arg(long, value_name = "P")]
    pub partner: Vec<String>,
    /// The roles in which `--partner` counts [default: counterpart]; repeatable.
    #[arg(long, value_name = "R", value_enum, ignore_case = true)]
    pub role: Vec<Role>,
    /// Only events whose title, summary, note, participants or place contain every word
    /// of TEXT, in either language, ignoring case and accents.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// The order of the listing.
    #[arg(long, value_enum, ignore_case = true, default_value = "date")]
    pub sort: SortKey,
    /// Count the events listed by partner, type, year or topic instead of listing them:
    /// "who did we meet most in 2023?" is `--from 2023 --to 2023 --status held --count-by partner`.
    #[arg(long, value_name = "KEY", value_enum, ignore_case = true)]
    pub count_by: Option<CountBy>,
    /// Show whole titles and the note on each uncertain date, instead of cutting the
    /// table to the terminal's width.
    #[arg(long)]
    pub wide: bool,
    /// Only events that end on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "D")]
    pub from: Option<String>,
    /// Only events that start on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "D")]
    pub to: Option<String>,
    /// Only events of this type; repeatable.
    #[arg(long = "type", value_name = "T", value_enum, ignore_case = true)]
    pub kind: Vec<EventType>,
    /// Only events with this topic (id or name); repeatable.
    #[arg(long, value_name = "T")]
    pub topic: Vec<String>,
    /// Only events with this status on the as-of date (`unconfirmed`: announced, date
    /// passed, no report that it took place); repeatable.
    #[arg(long, value_name = "S", value_enum, ignore_case = true)]
    pub status: Vec<Status>,
    /// See the dataset as it was known on this day: only events that sources published
    /// by then mention, with their status on that day [default: today, or the day of
    /// SOURCE_DATE_EPOCH].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The default of `--as-of`.
    #[command(flatten)]
    pub source_date: SourceDate,
    /// The language of titles in the table.
    #[arg(long, value_enum, ignore_case = true, default_value = "en")]
    pub language: Language,
    /// Dataset files.
    #[command(flatten)]
    pub data: DataArgs,
    /// How the listing is written.
    #[command(flatten)]
    pub output: ListingOutput,
}

/// How `brief events` and `brief partners` write their listing, and what they say
/// beside it.
#[derive(Debug, Args)]
pub(crate) struct ListingOutput {
    /// Output format: `xlsx` is an Excel workbook (redirect it to a file).
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Start CSV with a byte order mark, so that Excel on Windows reads it as UTF-8
    /// ("–" and "é" stay whole).
    #[arg(long)]
    pub bom: bool,
    /// Print no warnings about the data files; errors still print.
    #[arg(long)]
    pub no_warnings: bool,
}

/// `brief partners`.
#[derive(Debug, Args)]
pub(crate) struct PartnersArgs {
    /// Count only events that end on or after this date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    #[arg(long, value_name = "D")]
    pub from: Option<String>,
    /// Count only events that start on or before this date.
    #[arg(long, value_name = "D")]
    pub to: Option<String>,
    /// See the dataset as it was known on this day (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The default of `--as-of`.
    #[command(flatten)]
    pub source_date: SourceDate,
    /// Dataset files.
    #[command(flatten)]
    pub data: DataArgs,
    /// How the listing is written.
    #[command(flatten)]
    pub output: ListingOutput,
}

/// Reads a day as YYYY-MM-DD, with a year of four digits (`22-01-01` is not quietly
/// the year 22), in the years 1 to 9999 that briefs can print.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let not_a_date = || format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2024-06-30");
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| not_a_date())?;
    let date = brief::dates::check_year(date)?;
    let four_digit_year = text.split('-').next().is_some_and(|y| y.len() == 4);
    if !four_digit_year || text.len() != 10 {
        return Err(not_a_date());
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of the definitions: names, conflicts, defaults, value parsers.
    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
