//! `brief new`: a starter spec from the flags.

use brief::dataset;
use brief::generate::Exit;

use crate::args;
use crate::terminal::{self, fail, print_diagnostics};

/// `brief new`: a starter spec from the flags, on standard output or in a new file.
pub(crate) fn new_spec(args: &args::NewArgs) -> Exit {
    let dataset = match dataset::Dataset::bundled() {
        Ok(dataset) => dataset,
        Err(errors) => {
            print_diagnostics(&errors);
            return Exit::Failed;
        }
    };
    let mut partners = Vec::new();
    for name in &args.partner {
        match dataset.find_partner(name) {
            Ok(p) => {
                partners.push((p.id.clone(), p.name.get_or_other(args.language.code()).to_owned()))
            }
            Err(e) => {
                let hints: Vec<&str> = e.hint.as_deref().into_iter().collect();
                return fail(format!("--partner: {}", e.message), &hints, Exit::Invalid);
            }
        }
    }
    let period = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let parse = |flag: &str, text: &str| {
                text.parse::<brief::dates::PartialDate>().map_err(|e| {
                    fail(
                        format!("--{flag}: {e}"),
                        &["write 2024, 2024-03 or 2024-03-31"],
                        Exit::Invalid,
                    )
                })
            };
            let (from, to) = match (parse("from", from), parse("to", to)) {
                (Ok(from), Ok(to)) => (from, to),
                (Err(exit), _) | (_, Err(exit)) => return exit,
            };
            if from.first_day() > to.last_day() {
                return fail(
                    format!("the period ends ({to}) before it begins ({from})"),
                    &["swap --from and --to"],
                    Exit::Invalid,
                );
            }
            Some((from, to))
        }
        _ => None,
    };
    let starter = brief::starter::Starter {
        partners,
        period,
        audience: args.audience,
        language: args.language,
        today: chrono::Local::now().date_naive(),
    };
    let text = starter.render();
    match &args.output {
        None => {
            terminal::write_out(&text);
            Exit::Success
        }
        Some(path) if !args.force => match brief::output::write_new(path, text.as_bytes()) {
            Ok(()) => written(path),
            Err(brief::output::NewFileError::Exists) => fail(
                format!("`{}` already exists", path.display()),
                &["choose another file, or pass --force to replace it"],
                Exit::Invalid,
            ),
            Err(brief::output::NewFileError::Write(message)) => fail(message, &[], Exit::Failed),
        },
        // `--force` replaces what `generate` would replace, and refuses what it refuses
        // (a read-only file, a pipe, a device, a folder).
        Some(path) => match brief::output::resolve(path, false) {
            Ok(brief::output::Resolved { target: brief::output::Target::File(real), .. }) => {
                match brief::output::write_atomic(&real, text.as_bytes()) {
                    Ok(()) => written(path),
                    Err(message) => fail(message, &[], Exit::Failed),
                }
            }
            Ok(_) => fail(
                format!("cannot replace `{}`: it is not a regular file", path.display()),
                &["choose a file name"],
                Exit::Invalid,
            ),
            Err(why) => {
                fail(format!("cannot write `{}`: {why}", path.display()), &[], Exit::Invalid)
            }
        },
    }
}

/// Says where the spec went and what to do next.
fn written(path: &std::path::Path) -> Exit {
    let shown = path.display();
    terminal::print_err(&format!(
        "wrote {shown}; check it with `brief check {shown}`, render it with `brief generate {shown}`"
    ));
    Exit::Success
}
