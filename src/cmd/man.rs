//! The public command line as users see it, and `brief man`.

use std::path::Path;

use clap::CommandFactory;

use brief::generate::Exit;

use crate::args::Cli;
use crate::terminal::{fail, print_out};

/// The command line as users see it: `brief` without its hidden worker subcommand, which
/// completion scripts would otherwise offer.
pub(crate) fn public_command() -> clap::Command {
    let full = Cli::command();
    let visible: Vec<clap::Command> =
        full.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
    clap::Command::new("brief")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .max_term_width(100)
        .subcommand_required(true)
        .subcommands(visible)
}

/// `command` as a completion script offers it: its hidden arguments (those that carry
/// environment variables) and hidden subcommands left out, at every level, for the
/// static generators of clap_complete would offer them.
fn without_hidden(command: &clap::Command) -> clap::Command {
    let mut shown = clap::Command::new(command.get_name().to_owned())
        .args(command.get_arguments().filter(|a| !a.is_hide_set()).cloned())
        .subcommands(command.get_subcommands().filter(|s| !s.is_hide_set()).map(without_hidden));
    if let Some(about) = command.get_about() {
        shown = shown.about(about.clone());
    }
    if let Some(version) = command.get_version() {
        shown = shown.version(version.to_owned());
    }
    shown
}

/// `brief completions SHELL`: the completion script of the public command line.
pub(crate) fn completions(shell: clap_complete::Shell) -> Exit {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut without_hidden(&public_command()), "brief", &mut script);
    print_out(String::from_utf8_lossy(&script).trim_end());
    Exit::Success
}

/// What the pages of `brief`, `generate`, `check` and `watch` say of the exit codes,
/// in roff.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Every brief was written (or checked, or planned).
.TP
\fB1\fR
A brief failed to render or could not be written (a template error, \fB\-\-timeout\fR, \fB\-\-max\-memory\fR, \fB\-\-max\-pages\fR, a full disk); the other briefs of the run were written. Running again may succeed.
.TP
\fB2\fR
The input is wrong: an argument, a spec, its project's \fI_brief.toml\fR, a data file or an environment variable. Nothing was written; running again without a fix fails the same way.
"#;

/// What the pages of the other subcommands say of the exit codes, in roff.
const EXIT_STATUS_OTHER: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Done as asked.
.TP
\fB1\fR
The output could not be written (a full disk, a closed stream).
.TP
\fB2\fR
The input is wrong: an argument, or a data file. Nothing was written.
"#;

/// The environment `brief` reads, in roff.
const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBSOURCE_DATE_EPOCH\fR
The default as-of date (seconds since 1970), for reproducible builds; \fB\-\-as\-of\fR wins over it.
.TP
\fBJOB_COMPLETION_INDEX\fR, \fBBRIEF_SHARD_COUNT\fR
Together, the share of the specs this run renders (as \fB\-\-shard\fR \fIINDEX+1\fR/\fICOUNT\fR): a Kubernetes Indexed Job sets the first, the Job's manifest the second. One without the other is an error.
.TP
\fBNO_COLOR\fR
Set to anything, messages are never coloured.
.TP
\fBMIMALLOC_ALLOW_THP\fR
Unset, \fBbrief\fR keeps its allocator off transparent huge pages, to keep memory low; set, the allocator (mimalloc) reads it as its own option (\fB1\fR allows them).
"#;

/// Examples for the main page, in roff.
const EXAMPLES: &str = r#".SH EXAMPLES
.TP
\fBbrief generate briefs/bnpt\-international\-2021\-2024.toml\fR
The flagship brief, as of today, beside its spec.
.TP
\fBbrief generate briefs/monthly.toml \-\-as\-of 2024\-10\-01 \-o out/\fR
The monthly brief of September 2024, as it would have read on 1 October 2024.
.TP
\fBbrief generate briefs/ \-o out/ \-j 4 \-\-report out/run.json\fR
Every spec of a folder, four at a time, with a JSON report of the run.
.TP
\fBbrief generate s.toml \-\-set period.from=2023\-01 \-\-set period.to=2023\-03\fR
One spec for another period, without editing it.
.TP
\fBbrief events \-\-from 2023 \-\-to 2023 \-\-status held \-\-count\-by partner\fR
Whom BNPT met most in 2023.
.TP
\fBbrief watch s.toml \-o s.pdf\fR
Render again on every save of the spec, its data or its templates.
.TP
\fBbrief preview s.toml \-\-open\fR
The brief in a browser, following every save, at any as-of date, language and audience.
"#;

/// The main page and one for each subcommand (`brief-generate`…), each with its
/// options, exit status and environment, the main page with examples too.
fn pages() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let command = public_command();
    let mut pages = vec![("brief.1".to_owned(), page(command.clone(), true)?)];
    for sub in command.get_subcommands() {
        pages.extend(subcommand_pages(sub, &["brief"])?);
    }
    Ok(pages)
}

/// The page of subcommand `sub` of the command `path` names (`brief`, `brief
/// templates`), and those of its own subcommands (`brief-templates-list`…), so that
/// every page a page names exists.
fn subcommand_pages(
    sub: &clap::Command,
    path: &[&str],
) -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let words: Vec<&str> = path.iter().copied().chain([sub.get_name()]).collect();
    let name = words.join("-");
    let command = sub
        .clone()
        .display_name(&name)
        .bin_name(words.join(" "))
        .version(env!("CARGO_PKG_VERSION"))
        // Subcommands take no `-V`: their synopses must not offer it; and `help` is
        // the manual's job here.
        .disable_version_flag(true)
        .disable_help_subcommand(true);
    let mut pages = vec![(format!("{name}.1"), page(command.clone(), false)?)];
    for nested in command.get_subcommands() {
        pages.extend(subcommand_pages(nested, &words)?);
    }
    Ok(pages)
}

/// One manual page of `command` in roff.
fn page(command: clap::Command, main: bool) -> Result<Vec<u8>, std::io::Error> {
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    let renders = main
        || ["brief-generate", "brief-check", "brief-watch"]
            .contains(&command.get_display_name().unwrap_or(""));
    out.extend_from_slice(if renders { EXIT_STATUS } else { EXIT_STATUS_OTHER }.as_bytes());
    out.extend_from_slice(ENVIRONMENT.as_bytes());
    if main {
        out.extend_from_slice(EXAMPLES.as_bytes());
        out.extend_from_slice(b".SH \"SEE ALSO\"\n");
        let names: Vec<String> = command
            .get_subcommands()
            .map(|s| format!("\\fBbrief\\-{}\\fR(1)", s.get_name().replace('-', "\\-")))
            .collect();
        out.extend_from_slice(names.join(", ").as_bytes());
        out.push(b'\n');
    } else {
        out.extend_from_slice(b".SH \"SEE ALSO\"\n\\fBbrief\\fR(1)\n");
    }
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// `brief man`: every manual page in roff on standard output, one after the other; with
/// `--dir`, one file per page in that folder (made if missing).
pub(crate) fn man_pages(dir: Option<&Path>) -> Exit {
    let pages = match pages() {
        Ok(pages) => pages,
        Err(e) => return fail(format!("cannot write the manual page ({e})"), &[], Exit::Failed),
    };
    let Some(dir) = dir else {
        let all: Vec<u8> = pages.into_iter().flat_map(|(_, text)| text).collect();
        print_out(String::from_utf8_lossy(&all).trim_end());
        return Exit::Success;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!("cannot make folder `{}` ({e})", dir.display()), &[], Exit::Failed);
    }
    for (name, text) in &pages {
        let path = dir.join(name);
        // A page replaces what `generate` would replace, and refuses what it refuses (a
        // read-only file, a pipe, a device, a folder).
        match brief::output::resolve(&path, false) {
            Ok(brief::output::Resolved { target: brief::output::Target::File(real), .. }) => {
                if let Err(e) = brief::output::write_atomic(&real, text) {
                    return fail(e, &[], Exit::Failed);
                }
            }
            Ok(_) => {
                return fail(
                    format!("cannot replace `{}`: it is not a regular file", path.display()),
                    &["remove it, or write the pages to another folder"],
                    Exit::Invalid,
                );
            }
            Err(why) => {
                return fail(
                    format!("cannot write `{}`: {why}", path.display()),
                    &[],
                    Exit::Invalid,
                );
            }
        }
    }
    print_out(&format!("wrote {} manual pages to {}", pages.len(), dir.display()));
    Exit::Success
}
