//! Built-in templates, exporting them, and overriding them.

use super::harness::*;

#[test]
fn templates_list_names_the_built_in_templates() {
    let dir = tempdir();
    let run = brief(dir.path(), &["templates", "list"]).expect(0);
    for name in ["brief", "executive", "public"] {
        assert!(run.stdout.lines().any(|l| l.starts_with(name)), "{}", run.stdout);
    }
}

#[test]
fn export_writes_the_templates_and_a_sample_brief_json() {
    let dir = tempdir();
    let out = dir.path().join("mine");
    brief(dir.path(), &["templates", "export", &out.display().to_string()]).expect(0);
    assert_eq!(
        files_in(&out),
        ["README.md", "brief.json", "brief.typ", "executive.typ", "fonts", "lib.typ", "public.typ"]
    );
    assert_eq!(files_in(&out.join("fonts")).len(), 23);
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("brief.json")).unwrap()).unwrap();
    assert_eq!(sample["meta"]["title"], "BNPT International Cooperation 2021–2024");
    // A second export does not overwrite without --force.
    let run = brief(dir.path(), &["templates", "export", &out.display().to_string()]).expect(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    brief(dir.path(), &["templates", "export", &out.display().to_string(), "--force"]).expect(0);
}

#[test]
fn a_changed_template_in_template_dir_shows_in_the_output() {
    let dir = tempdir();
    let out = dir.path().join("mine");
    brief(dir.path(), &["templates", "export", &out.display().to_string()]).expect(0);
    let lib = std::fs::read_to_string(out.join("lib.typ")).unwrap();
    let changed = lib.replace("#let full-brief(data) = {\n  title-block(data)", "#let full-brief(data) = {\n  [Prepared for the office of the Minister]\n  title-block(data)");
    assert_ne!(lib, changed, "the replacement did not apply");
    std::fs::write(out.join("lib.typ"), changed).unwrap();
    // Only lib.typ is kept: brief.typ still comes from the binary.
    for name in ["brief.typ", "executive.typ", "public.typ", "brief.json", "README.md"] {
        std::fs::remove_file(out.join(name)).unwrap();
    }
    std::fs::remove_dir_all(out.join("fonts")).unwrap();
    let spec = repo_file("briefs/bnpt-international-2021-2024.toml");
    brief(
        dir.path(),
        &["generate", &spec, "--template-dir", &out.display().to_string(), "-o", "custom.pdf"],
    )
    .expect(0);
    assert!(
        pdf_text(&dir.path().join("custom.pdf"))
            .contains("Prepared for the office of the Minister")
    );
}

#[test]
fn a_spec_can_name_its_own_template_file_importing_the_library() {
    let dir = tempdir();
    write(
        dir.path(),
        "tpl/one-pager.typ",
        "#import \"lib.typ\": *\n#let data = json(\"/brief.json\")\n#show: setup.with(data)\n#title-block(data)\nCustom one-pager with #data.meta.event_count engagements.\n",
    );
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\ntemplate = \"tpl/one-pager.typ\"\n[period]\nfrom = 2022\nto = 2022\n",
    );
    brief(dir.path(), &["generate", &spec, "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("s.pdf"));
    let held =
        held_events(dir.path(), "2026-11-22", &["--from", "2022-01-01", "--to", "2022-12-31"]);
    assert!(text.contains(&format!("Custom one-pager with {} engagements.", held.len())), "{text}");
}

#[test]
fn an_unknown_template_name_suggests_the_nearest() {
    let dir = tempdir();
    let spec = write(
        dir.path(),
        "s.toml",
        "title = \"S\"\ntemplate = \"executiv\"\n[period]\nfrom = 2022\nto = 2022\n",
    );
    let run = brief(dir.path(), &["generate", &spec]).expect(2);
    assert!(
        run.stderr.contains("unknown template `executiv`")
            && run.stderr.contains("did you mean `executive`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("s.toml:2:1"), "{}", run.stderr);
}

/// Every key path in a JSON value, arrays marked `[]`, the labels map as `labels.*`.
fn key_paths(value: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                if path == "labels" {
                    out.insert("labels.*".into());
                    continue;
                }
                let child_path =
                    if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                key_paths(child, &child_path, out);
            }
        }
        serde_json::Value::Array(items) => {
            out.insert(path.to_owned());
            for item in items {
                key_paths(item, &format!("{path}[]"), out);
            }
        }
        _ => {
            out.insert(path.to_owned());
        }
    }
}

#[test]
fn brief_json_matches_its_documentation() {
    let dir = tempdir();
    // As of 2024-11-01 the planned 2025 meeting is upcoming, so every field has a value.
    brief(
        dir.path(),
        &[
            "generate",
            &repo_file("tests/fixtures/all-sections.toml"),
            "--as-of",
            "2024-11-01",
            "--emit-data",
            "all.json",
            "-o",
            "all.pdf",
        ],
    )
    .expect(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("all.json")).unwrap())
            .unwrap();
    let mut actual = std::collections::BTreeSet::new();
    key_paths(&json, "", &mut actual);
    // `meta.marking` is an object here; the docs also list the object itself.
    actual.insert("meta.marking".into());
    // Highlights are engagements like `events`, documented once there.
    let actual: std::collections::BTreeSet<String> = actual
        .into_iter()
        .map(|k| k.replace("sections[].highlights[].", "sections[].events[]."))
        .collect();
    let readme = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    let documented: std::collections::BTreeSet<String> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(key, _)| key.to_owned()))
        .filter(|k| {
            k.contains('.') || ["partners", "sources", "sections", "glossary"].contains(&k.as_str())
        })
        .filter(|k| !k.ends_with(".typ"))
        .collect();
    let undocumented: Vec<&String> = actual.difference(&documented).collect();
    let stale: Vec<&String> = documented.difference(&actual).collect();
    assert!(
        undocumented.is_empty(),
        "brief.json keys missing from templates/README.md: {undocumented:?}"
    );
    assert!(stale.is_empty(), "templates/README.md documents keys brief.json lacks: {stale:?}");
}
