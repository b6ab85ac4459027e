//! The documentation works as pasted: every `brief` command in the README's and docs/'
//! shell, crontab, systemd and YAML blocks names a subcommand, flags and environment
//! variables that `brief` has, and the crontab and unit call it by an absolute path.

use super::harness::{brief, repo_file};

/// A fenced code block of a Markdown file: its language and its lines.
struct Block {
    file: String,
    language: String,
    lines: Vec<String>,
}

/// The fenced blocks of the README and every Markdown file in docs/.
fn blocks() -> Vec<Block> {
    let mut files = vec![repo_file("README.md")];
    for entry in std::fs::read_dir(repo_file("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path.display().to_string());
        }
    }
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut open: Option<Block> = None;
        for line in text.lines() {
            match (line.trim_start().strip_prefix("```"), open.take()) {
                (Some(_), Some(block)) => found.push(block),
                (Some(language), None) => {
                    open =
                        Some(Block { file: file.clone(), language: language.into(), lines: vec![] })
                }
                (None, Some(mut block)) => {
                    block.lines.push(line.to_owned());
                    open = Some(block);
                }
                (None, None) => {}
            }
        }
    }
    found
}

/// The `brief` command lines of a block, each as its words after `brief` (the
/// subcommand first), with how `brief` itself was written.
fn commands(block: &Block) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    if block.language == "yaml" {
        // A container's `args:` list is one command.
        let mut args: Option<(usize, Vec<String>)> = None;
        for line in &block.lines {
            let indent = line.len() - line.trim_start().len();
            if line.trim() == "args:" {
                args = Some((indent, vec![]));
                continue;
            }
            if let Some((at, words)) = &mut args {
                match line.trim().strip_prefix("- ") {
                    Some(item) if indent >= *at => {
                        let item = item.split(" #").next().unwrap().trim().trim_matches('"');
                        words.push(item.to_owned());
                    }
                    _ => found.push(("brief".to_owned(), args.take().unwrap().1)),
                }
            }
        }
        if let Some((_, words)) = args {
            found.push(("brief".to_owned(), words));
        }
        return found;
    }
    for line in &block.lines {
        let line = line.strip_prefix("ExecStart=").unwrap_or(line);
        let line = line.split(" #").next().unwrap();
        if line.trim_start().starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        // `cargo run -- generate …` runs `brief` too.
        let cargo = words.windows(3).position(|w| w == ["cargo", "run", "--"]).map(|i| i + 2);
        let named = words.iter().position(|w| *w == "brief" || w.ends_with("/brief"));
        let Some(at) = named.or(cargo) else {
            continue;
        };
        // `cargo install …` and prose mention the name; a command has a subcommand next.
        if words.get(at + 1).is_none_or(|w| w.starts_with('-') || w.contains('=')) {
            continue;
        }
        let rest: Vec<String> = words[at + 1..]
            .iter()
            .take_while(|w| !matches!(**w, "|" | "&&" | ">" | ";" | ":::"))
            .map(|w| w.to_string())
            .collect();
        found.push((words[at].to_owned(), rest));
    }
    found
}

#[test]
fn every_command_in_the_docs_uses_flags_and_variables_that_brief_has() {
    let dir = super::harness::tempdir();
    let blocks = blocks();
    let mut checked = 0;
    let mut languages = std::collections::BTreeSet::new();
    for block in
        blocks.iter().filter(|b| ["sh", "cron", "ini", "yaml"].contains(&b.language.as_str()))
    {
        for (program, words) in commands(block) {
            let subcommand = &words[0];
            let help = brief(dir.path(), &[subcommand.as_str(), "--help"]);
            assert_eq!(help.code, 0, "{}: `brief {subcommand}` is no subcommand", block.file);
            for flag in words.iter().filter(|w| w.starts_with('-') && w.len() > 1) {
                let flag = flag.split('=').next().unwrap();
                let known = help.stdout.contains(&format!("{flag} "))
                    || help.stdout.contains(&format!("{flag},"))
                    || help.stdout.contains(&format!("{flag}\n"));
                assert!(known, "{}: `brief {subcommand}` has no `{flag}`", block.file);
            }
            if ["cron", "ini"].contains(&block.language.as_str()) {
                assert!(
                    program.starts_with('/'),
                    "{}: a scheduler's PATH lacks `{program}`",
                    block.file
                );
            }
            languages.insert(block.language.clone());
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} commands found");
    assert_eq!(languages.into_iter().collect::<Vec<_>>(), ["cron", "ini", "sh", "yaml"]);
    // Variables a manifest sets for `brief` are ones it reads (the manual lists them).
    let manual = brief(dir.path(), &["man"]).expect(0).stdout;
    for block in blocks.iter().filter(|b| b.language == "yaml") {
        for line in &block.lines {
            // Upper case: an environment variable, not a volume or a container.
            let variable = line.trim().strip_prefix("- name: ").map(str::trim).filter(|n| {
                n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            });
            if let Some(name) = variable {
                assert!(
                    manual.contains(&format!("\\fB{name}\\fR")),
                    "{}: `{name}` is read by nothing",
                    block.file
                );
            }
        }
    }
}
