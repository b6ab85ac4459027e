//! Project defaults and parameters: a `_brief.toml` beside the specs gives every spec its
//! defaults and a house theme that reaches the cover and every footer; `--set KEY=VALUE`
//! sets any key over both; errors name the file, or the flag, they come from.

use super::harness::{brief, pdf_info, pdf_text, small_spec, tempdir, write};

/// A red 4×2 PNG: the smallest image a theme's logo can be.
fn tiny_png() -> Vec<u8> {
    let hex = "89504e470d0a1a0a0000000d4948445200000004000000020802000000f0caea34000000104944415478da6338212707470cc81c006f0a0821eea47df90000000049454e44ae426082";
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

const PROJECT: &str = "author = \"Policy Unit\"\nmarking = \"TLP:AMBER\"\n\n[theme]\n\
    organisation = { en = \"Ministry of Examples\", id = \"Kementerian Contoh\" }\n\
    short_name = \"MoE\"\nlogo = \"logo.png\"\ncolour = \"#6B1E3A\"\naccent = \"#2a7f62\"\n";

#[test]
fn a_project_file_gives_every_spec_its_defaults_and_a_house_style() {
    let dir = tempdir();
    write(dir.path(), "_brief.toml", PROJECT);
    std::fs::write(dir.path().join("logo.png"), tiny_png()).unwrap();
    // One spec takes the project's marking, the other keeps its own.
    write(dir.path(), "a.toml", &small_spec("First brief", ""));
    write(
        dir.path(),
        "b.toml",
        &small_spec("Second brief", "marking = \"TLP:CLEAR\"\nlanguage = \"id\""),
    );
    let run = brief(dir.path(), &["generate", ".", "-o", "out", "--as-of", "2026-11-22"]).expect(0);
    // `_brief.toml` is the project's, not a spec of the folder.
    assert!(run.stderr.contains("2 of 2 outputs done, 0 failed"), "{}", run.stderr);
    let first = pdf_text(&dir.path().join("out/a.pdf"));
    assert!(first.contains("MoE · MINISTRY OF EXAMPLES"), "{first}");
    assert!(first.contains("MoE · Policy brief"), "the footer names the short name:\n{first}");
    assert!(!first.contains("BNPT · "), "{first}");
    assert!(first.contains("Policy Unit"), "{first}");
    assert!(first.contains("TLP:AMBER"), "{first}");
    assert!(pdf_info(&dir.path().join("out/a.pdf")).contains("MoE"), "keywords");
    let second = pdf_text(&dir.path().join("out/b.pdf"));
    assert!(second.contains("MoE · KEMENTERIAN CONTOH"), "{second}");
    assert!(second.contains("TLP:CLEAR") && !second.contains("TLP:AMBER"), "{second}");
    // The colours and the logo reach brief.json, and the logo the PDF as an image.
    let run = brief(dir.path(), &["generate", "a.toml", "-o", "a.pdf", "--emit-data", "a.json"])
        .expect(0);
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.json")).unwrap()).unwrap();
    let theme = &data["meta"]["theme"];
    assert_eq!(theme["colour"], "#6b1e3a", "{run:?}");
    assert_eq!(theme["colour_soft"], "#f0e9eb");
    assert_eq!(theme["accent"], "#2a7f62");
    assert_eq!(theme["logo"], "/logo.png");
    let images = std::process::Command::new("pdfimages")
        .args(["-list", "a.pdf"])
        .current_dir(dir.path())
        .output()
        .expect("pdfimages runs");
    assert!(String::from_utf8_lossy(&images.stdout).contains("     4     2 "), "the logo is drawn");
}

#[test]
fn a_spec_without_a_project_keeps_bnpt_s_style() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Plain", ""));
    brief(dir.path(), &["generate", "s.toml", "-o", "s.pdf", "--as-of", "2026-11-22"]).expect(0);
    let text = pdf_text(&dir.path().join("s.pdf"));
    assert!(text.contains("BNPT · NATIONAL COUNTER-TERRORISM AGENCY"), "{text}");
    assert!(text.contains("BNPT · Policy brief"), "{text}");
}

#[test]
fn errors_in_a_project_file_are_placed_in_it() {
    let dir = tempdir();
    write(dir.path(), "_brief.toml", "[theme]\ncolour = \"navy\"\n");
    write(dir.path(), "s.toml", &small_spec("S", ""));
    let run = brief(dir.path(), &["check", "s.toml"]).expect(2);
    run.expect_stderr(
        dir.path(),
        "error: `theme.colour` is `navy`, which is not a colour
  ┌─ _brief.toml:2:10
  │
2 │ colour = \"navy\"
  │          ^^^^^^
  │
  = hint: write a colour as `#` and six hex digits, e.g. `#1f3a5f`

",
    );
    // A logo outside the spec's folder is refused, like a data file, at its key.
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    write(&project, "_brief.toml", "[theme]\nlogo = \"../elsewhere.png\"\n");
    write(&project, "s.toml", &small_spec("S", ""));
    std::fs::write(dir.path().join("elsewhere.png"), tiny_png()).unwrap();
    let run = brief(&project, &["check", "s.toml"]).expect(2);
    assert!(
        run.stderr.contains("error: the logo `../elsewhere.png` is outside the spec's folder"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("┌─ _brief.toml:2:8"), "{}", run.stderr);
}

#[test]
fn set_overrides_spec_keys_and_its_errors_name_the_flag() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Annual", "[filter]\npartners = [\"aus\"]"));
    let args = [
        "generate",
        "s.toml",
        "-o",
        "s.pdf",
        "--as-of",
        "2026-11-22",
        "--set",
        "period.from=2021-04",
        "--set",
        "period.to=2021-11",
        "--set",
        "title=Half-year brief",
        "--set",
        "filter.partners=[\"UK\"]",
    ];
    brief(dir.path(), &args).expect(0);
    let text = pdf_text(&dir.path().join("s.pdf"));
    assert!(text.contains("Half-year brief"), "{text}");
    assert!(text.contains("1 April – 30 November 2021"), "{text}");
    assert!(text.contains("Partners: United Kingdom") && !text.contains("Australia"), "{text}");

    let run = brief(dir.path(), &["check", "s.toml", "--set", "period.from=2023-13"]).expect(2);
    run.expect_stderr(
        dir.path(),
        "error: invalid `from` date: `2023-13` has no month 13; months run 01 to 12
  ┌─ --set period.from=2023-13:1:15
  │
1 │ period.from = \"2023-13\"
  │               ^^^^^^^^^
  │
  = hint: write a day (2021-01-01), a month (\"2021-01\") or a year (2021)

",
    );
    let run = brief(dir.path(), &["check", "s.toml", "--set", "filter.partner=[\"UK\"]"]).expect(2);
    assert!(run.stderr.contains("┌─ --set filter.partner=[\"UK\"]:1:8"), "{}", run.stderr);
    assert!(run.stderr.contains("= hint: did you mean `partners`?"), "{}", run.stderr);
    let run = brief(dir.path(), &["check", "s.toml", "--set", "title"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: invalid value 'title' for '--set <KEY=VALUE>': `title` has no `=`: write \
         KEY=VALUE, e.g. `period.from=2023-01` or `title=Monthly brief`\n\n\
         For more information, try '--help'.\n"
    );
}

#[test]
fn a_project_file_that_links_elsewhere_is_refused_and_never_shown() {
    let dir = tempdir();
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    write(dir.path(), "secret.txt", "password = hunter2 and not TOML\n");
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), project.join("_brief.toml")).unwrap();
    write(&project, "s.toml", &small_spec("S", ""));
    let run = brief(&project, &["check", "s.toml"]).expect(2);
    let real = dir.path().canonicalize().unwrap().join("secret.txt");
    assert_eq!(
        run.stderr,
        format!(
            "error: the project defaults `_brief.toml` leads outside its folder (to `{}`), so it is not read\n = hint: make `_brief.toml` a plain file in its folder, or remove it\n\n",
            real.display()
        )
    );
    assert!(!run.stderr.contains("hunter2"));
}

#[test]
fn a_project_file_in_a_parent_folder_serves_the_specs_below_it_with_its_logo() {
    let dir = tempdir();
    let project = dir.path().join("project");
    let sub = project.join("monthly");
    std::fs::create_dir_all(&sub).unwrap();
    write(&project, "_brief.toml", "[theme]\nshort_name = \"MoE\"\nlogo = \"logo.png\"\n");
    std::fs::write(project.join("logo.png"), tiny_png()).unwrap();
    write(&sub, "s.toml", &small_spec("Below", ""));
    let run =
        brief(&sub, &["generate", "s.toml", "-o", "s.pdf", "--as-of", "2026-11-22"]).expect(0);
    assert!(pdf_text(&sub.join("s.pdf")).contains("MoE · Policy brief"), "{}", run.stderr);
    // The project's logo stays inside the project's folder.
    std::fs::write(dir.path().join("outside.png"), tiny_png()).unwrap();
    write(&project, "_brief.toml", "[theme]\nlogo = \"../outside.png\"\n");
    let run = brief(&sub, &["check", "s.toml"]).expect(2);
    assert!(run.stderr.contains("is outside the spec's folder"), "{}", run.stderr);
}

#[test]
fn an_svg_logo_may_not_load_another_file() {
    let dir = tempdir();
    std::fs::write(dir.path().join("secret.png"), tiny_png()).unwrap();
    write(
        dir.path(),
        "l.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\"><image href = 'secret.png' width=\"20\" height=\"20\"/></svg>",
    );
    write(dir.path(), "s.toml", &small_spec("S", "[theme]\nlogo = \"l.svg\""));
    let run =
        brief(dir.path(), &["generate", "s.toml", "-o", "s.pdf", "--template-dir", "."]).expect(2);
    assert!(
        run.stderr.starts_with(
            "error: the logo `l.svg` links to another file, which a logo may not read\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("s.pdf").exists());
    // Shapes, inner references and embedded images are a logo's own.
    write(
        dir.path(),
        "l.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"20\" height=\"20\"><defs><rect id=\"r\" width=\"20\" height=\"20\" fill=\"#6b1e3a\"/></defs><use xlink:href=\"#r\"/></svg>",
    );
    brief(dir.path(), &["generate", "s.toml", "-o", "s.pdf", "--as-of", "2026-11-22"]).expect(0);
}
