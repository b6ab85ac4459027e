//! `brief preview`: one spec's brief in a browser, served from 127.0.0.1, rendered
//! again on every change of its inputs (the `watch` machinery), at the as-of date,
//! language and audience the page asks for.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use brief::generate::{Exit, Mode};
use brief::preview::server::{self, Hub};
use brief::preview::{Choices, Session};
use brief::render::Export;
use brief::watch::{Watch, Watched};

use super::run::run_options;
use super::watch::{next_change, session_options, shown, stop_on_ctrl_c};
use crate::args;
use crate::terminal::{self, fail};

/// `brief preview`: serves the brief until Ctrl-C, which ends it with exit 0 and
/// removes the session's private folder.
pub(crate) fn preview(args: &args::PreviewArgs) -> Exit {
    let spec = match args.brief.specs.as_slice() {
        [spec] if spec.as_os_str() == "-" => {
            return fail(
                "`brief preview` cannot watch standard input",
                &["save the spec to a file and preview that"],
                Exit::Invalid,
            );
        }
        [spec] if spec.is_dir() => {
            return fail(
                format!("`{}` is a folder; `brief preview` shows one spec", shown(spec)),
                &["name one spec of it: `brief preview DIR/NAME.toml`"],
                Exit::Invalid,
            );
        }
        [spec] => spec.clone(),
        _ => {
            return fail(
                "`brief preview` shows one spec",
                &["preview each spec in its own terminal, each on its own port"],
                Exit::Invalid,
            );
        }
    };
    let options = match run_options(&args.brief, Mode::Write, None, None, None, Export::default()) {
        Ok(options) => session_options(options),
        Err(exit) => return exit,
    };
    let stop = match stop_on_ctrl_c() {
        Ok(stop) => stop,
        Err(exit) => return exit,
    };
    let session = match Session::new(spec.clone(), options.clone()) {
        Ok(session) => Arc::new(session),
        Err(e) => {
            return fail(
                format!("cannot make the preview's private folder ({e})"),
                &[],
                Exit::Failed,
            );
        }
    };
    let http = match server::bind(args.port) {
        Ok(http) => Arc::new(http),
        Err(message) => {
            return fail(
                message,
                &["choose another --port, or leave it out for a free one"],
                Exit::Failed,
            );
        }
    };
    let port = http.server_addr().to_ip().map_or(args.port, |address| address.port());
    let url = format!("http://127.0.0.1:{port}/");
    let hub = Arc::new(Hub::default());
    let serving = {
        let (http, session, hub) = (Arc::clone(&http), Arc::clone(&session), Arc::clone(&hub));
        std::thread::spawn(move || server::serve(&http, &session, &hub))
    };
    terminal::print_err(&format!("previewing {} at {url}; Ctrl-C to stop", shown(&spec)));
    if args.open
        && let Err(e) = webbrowser::open(&url)
    {
        terminal::print_err(&format!("warning: cannot open a browser ({e}); open {url} yourself"));
    }
    let exit = watch_inputs(args, &session, &hub, &stop);
    http.unblock();
    let _ = serving.join();
    session.close();
    exit
}

/// Renders the default view, watches what it read, and on each change tells the open
/// pages, until `stop` is raised.
fn watch_inputs(
    args: &args::PreviewArgs,
    session: &Session,
    hub: &Hub,
    stop: &Arc<AtomicBool>,
) -> Exit {
    let mut files = match Watch::new() {
        Ok(watch) => watch,
        Err(message) => return fail(message, &[], Exit::Failed),
    };
    loop {
        let view = session.view(&Choices::default());
        if !args.brief.quiet {
            let said = match &view.error {
                Some(error) => format!("the brief cannot be made:\n{error}"),
                None => format!("rendered {} pages in {} ms", view.pages, view.milliseconds),
            };
            terminal::print_err(&said);
        }
        let inputs = Watched::of(&args.brief.specs, session.options(), &session.inputs());
        if let Err(message) = files.set(inputs) {
            return fail(message, &[], Exit::Failed);
        }
        if !next_change(&files, stop, args.brief.quiet) {
            return Exit::Success;
        }
        hub.changed(session.changed());
    }
}
