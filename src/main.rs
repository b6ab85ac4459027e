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
use brief::generate::{Exit, Mode};
use brief::render::Export;
use brief::worker;
use terminal::print_out;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A mistyped subcommand is answered from the public command line, so that the
        // hidden worker is never offered as a suggestion.
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidSubcommand => {
            match cmd::man::public_command().try_get_matches() {
                Err(public) => public.exit(),
                Ok(_) => e.exit(),
            }
        }
        Err(e) => e.exit(),
    };
    let exit = match cli.command {
        Command::Generate(args) => {
            let mode = if args.dry_run { Mode::DryRun } else { Mode::Write };
            let export = cmd::run::export_options(&args.export, args.output.as_deref());
            match cmd::run::run_options(
                &args.brief,
                mode,
                args.output,
                args.emit_data,
                args.report,
                export,
            ) {
                Ok(options) => cmd::run::run_briefs(&args.brief, &options).0,
                Err(exit) => exit,
            }
        }
        Command::Check(args) => {
            match cmd::run::run_options(
                &args.brief,
                Mode::Check,
                None,
                None,
                None,
                Export::default(),
            ) {
                Ok(options) => cmd::run::run_briefs(&args.brief, &options).0,
                Err(exit) => exit,
            }
        }
        Command::Watch(args) => cmd::watch::watch(&args),
        Command::RenderWorker { font_path } => match worker::serve(&font_path) {
            0 => Exit::Success,
            _ => Exit::Failed,
        },
        Command::Events(args) => cmd::data::events(&args),
        Command::Partners(args) => cmd::data::partners(&args),
        Command::Templates { command: TemplatesCommand::List } => cmd::templates::templates_list(),
        Command::Templates { command: TemplatesCommand::Export { dir, force } } => {
            cmd::templates::templates_export(&dir, force)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd::man::public_command(), "brief", &mut script);
            print_out(String::from_utf8_lossy(&script).trim_end());
            Exit::Success
        }
        Command::Man => cmd::man::man_page(),
        Command::New(args) => cmd::new::new_spec(&args),
    };
    ExitCode::from(terminal::finish(exit).code())
}
