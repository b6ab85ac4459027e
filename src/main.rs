//! The `brief` command: parses the arguments and dispatches each subcommand to the
//! library; [`terminal`] prints, and [`Exit`] gives the exit code (0 success, 1 a brief
//! failed, 2 invalid input).

mod args;
mod cmd;
mod terminal;

brief::global_allocator!();

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, TemplatesCommand};
use brief::generate::Exit;
use brief::worker;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A mistyped subcommand is answered from the public command line, so that the
        // hidden worker is never offered as a suggestion.
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidSubcommand => {
            cmd::man::public_command().try_get_matches().err().unwrap_or(e).exit()
        }
        Err(e) => e.exit(),
    };
    let exit = match cli.command {
        Command::Generate(args) => cmd::run::generate(args),
        Command::Check(args) => cmd::run::check(&args),
        Command::Watch(args) => cmd::watch::watch(&args),
        Command::Preview(args) => cmd::preview::preview(&args),
        Command::RenderWorker { font_path } => match worker::serve(&font_path) {
            0 => Exit::Success,
            _ => Exit::Failed,
        },
        Command::Events(args) => cmd::data::events(&args),
        Command::Partners(args) => cmd::data::partners(&args),
        Command::Templates { command: TemplatesCommand::List } => cmd::templates::templates_list(),
        Command::Templates { command: TemplatesCommand::Export { dir, force, source_date } } => {
            cmd::templates::templates_export(&dir, force, &source_date)
        }
        Command::Completions { shell } => cmd::man::completions(shell),
        Command::Man { dir } => cmd::man::man_pages(dir.as_deref()),
        Command::New(args) => cmd::new::new_spec(&args),
    };
    ExitCode::from(terminal::finish(exit).code())
}
