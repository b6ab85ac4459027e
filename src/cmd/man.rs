//! The public command line as users see it, and `brief man`.

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

/// `brief completions SHELL`: the completion script of the public command line.
pub(crate) fn completions(shell: clap_complete::Shell) -> Exit {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut public_command(), "brief", &mut script);
    print_out(String::from_utf8_lossy(&script).trim_end());
    Exit::Success
}

/// `brief man`: the manual page of `brief`, then one for each subcommand
/// (`brief-generate`…) with all its options, in roff on standard output.
pub(crate) fn man_page() -> Exit {
    let command = public_command();
    let mut page = Vec::new();
    let mut rendered = clap_mangen::Man::new(command.clone()).render(&mut page);
    for sub in command.get_subcommands() {
        let sub = sub
            .clone()
            .display_name(format!("brief-{}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        rendered = rendered.and_then(|()| clap_mangen::Man::new(sub).render(&mut page));
    }
    match rendered {
        Ok(()) => {
            print_out(String::from_utf8_lossy(&page).trim_end());
            Exit::Success
        }
        Err(e) => fail(format!("cannot write the manual page ({e})"), &[], Exit::Failed),
    }
}
