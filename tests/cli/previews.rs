//! Page previews: `--format png|svg`, `--ppi` and `--pages`, written one file per page
//! with the same sandbox and determinism as the PDF.

use std::path::Path;

use super::harness::{brief, files_in, pdf_pages, small_spec, tempdir, write};

/// A PNG file's width and height in pixels, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn png_pages_are_one_file_each_at_the_resolution_asked_for_and_reproducible() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Previews", ""));
    let as_of = ["--as-of", "2026-11-22"];
    brief(dir.path(), &[&["generate", "s.toml", "-o", "s.pdf"][..], &as_of].concat()).expect(0);
    let pages = pdf_pages(&dir.path().join("s.pdf"));
    assert!(pages >= 2, "the test needs a brief of several pages");
    let args = ["generate", "s.toml", "--format", "png", "--ppi", "72", "-o", "png/s.png"];
    let run = brief(dir.path(), &[&args[..], &as_of].concat()).expect(0);
    let expected: Vec<String> = (1..=pages).map(|n| format!("s-{n}.png")).collect();
    let mut written = files_in(&dir.path().join("png"));
    written.sort_by_key(|name| name.len());
    assert_eq!(written, expected);
    assert!(
        run.stderr.contains(&format!("wrote png/s-1.png … png/s-{pages}.png")),
        "{}",
        run.stderr
    );
    // A4 at 72 pixels per inch: one pixel per point.
    assert_eq!(png_size(&dir.path().join("png/s-1.png")), (595, 842));
    let first = std::fs::read(dir.path().join("png/s-2.png")).unwrap();
    brief(dir.path(), &[&args[..], &as_of].concat()).expect(0);
    assert_eq!(std::fs::read(dir.path().join("png/s-2.png")).unwrap(), first, "not reproducible");
    // A thumbnail: the first page at a quarter of that, the format taken from -o.
    let args = ["generate", "s.toml", "--pages", "1", "--ppi", "18", "-o", "thumb.png"];
    brief(dir.path(), &[&args[..], &as_of].concat()).expect(0);
    // One page to a name of the image format goes to that very name.
    assert_eq!(png_size(&dir.path().join("thumb.png")), (149, 210));
    assert!(!dir.path().join("thumb-1.png").exists() && !dir.path().join("thumb-2.png").exists());
}

#[test]
fn svg_pages_go_where_the_spec_s_output_says_page_and_the_report_lists_them() {
    let dir = tempdir();
    let spec = small_spec("Svg previews", "output = \"out/{slug}-p{page}.svg\"");
    write(dir.path(), "s.toml", &spec);
    let args = ["generate", "s.toml", "--format", "svg", "--pages", "2-", "--report", "r.json"];
    brief(dir.path(), &[&args[..], &["--as-of", "2026-11-22"]].concat()).expect(0);
    let written = files_in(&dir.path().join("out"));
    let first_page = written
        .iter()
        .filter_map(|f| f.strip_prefix("svg-previews-p")?.strip_suffix(".svg")?.parse::<u32>().ok())
        .min();
    assert_eq!(first_page, Some(2), "{written:?}");
    assert!(!written.contains(&"svg-previews-p1.svg".to_owned()), "{written:?}");
    let svg = std::fs::read_to_string(dir.path().join("out/svg-previews-p2.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 595.275"), "{}", &svg[..120]);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let files = &report["outputs"][0]["files"];
    assert_eq!(files[0], "out/svg-previews-p2.svg", "{report}");
    assert_eq!(files.as_array().map(Vec::len), Some(written.len()));
}

#[test]
fn pdf_pages_export_part_of_a_brief() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Part", ""));
    let args = ["generate", "s.toml", "--pages", "1", "-o", "first.pdf", "--as-of", "2026-11-22"];
    let run = brief(dir.path(), &args).expect(0);
    assert_eq!(pdf_pages(&dir.path().join("first.pdf")), 1);
    // The message and the report say what was written, and of how many pages.
    assert!(run.stderr.starts_with("wrote first.pdf (1 of "), "{}", run.stderr);
    let with_report = [&args[..], &["--report", "r.json"]].concat();
    brief(dir.path(), &with_report).expect(0);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["outputs"][0]["exported_pages"], 1, "{report}");
    assert!(report["outputs"][0]["pages"].as_u64().unwrap() > 1, "{report}");
    // Only a whole brief is tagged, which PDF/UA-1 needs.
    let run = brief(dir.path(), &[&args[..], &["--pdf-standard", "ua-1"]].concat()).expect(2);
    assert!(
        run.stderr.contains("an untagged PDF, which PDF/UA-1 does not allow"),
        "{}",
        run.stderr
    );
}

#[test]
fn previews_that_cannot_be_written_as_asked_are_refused_and_write_nothing() {
    let dir = tempdir();
    write(dir.path(), "s.toml", &small_spec("Refused", ""));
    let generate = |extra: &[&str]| {
        brief(dir.path(), &[&["generate", "s.toml", "--as-of", "2026-11-22"][..], extra].concat())
    };
    let run = generate(&["--format", "png", "-o", "-"]).expect(2);
    assert!(run.stderr.contains("but --format png writes one per page"), "{}", run.stderr);
    assert!(run.stderr.contains("`--pages N`"), "{}", run.stderr);
    let run = generate(&["--format", "png", "--pages", "40-", "-o", "p.png"]).expect(1);
    assert!(run.stderr.contains("--pages 40- selects none of the brief's"), "{}", run.stderr);
    let run = generate(&["-o", "p{page}.pdf"]).expect(2);
    assert!(run.stderr.contains("has a `{page}`, but a PDF is one file"), "{}", run.stderr);
    let run = generate(&["--pages", "2-1"]).expect(2);
    assert!(run.stderr.contains("`2-1` ends before it begins"), "{}", run.stderr);
    let run = generate(&["--ppi", "0"]).expect(2);
    assert!(run.stderr.contains("not a resolution from 1 to 2400"), "{}", run.stderr);
    let run = generate(&["--format", "png", "--pdf-standard", "a-2b"]).expect(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    // A spec whose own output is an image, in a run that makes a PDF.
    write(dir.path(), "i.toml", &small_spec("Image", "output = \"i.png\""));
    let run = brief(dir.path(), &["generate", "i.toml", "--as-of", "2026-11-22"]).expect(2);
    assert!(
        run.stderr.starts_with(
            "error: `output` names a .png file, but this run makes a PDF\n  ┌─ i.toml:"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: pass `--format png` for page images"), "{}", run.stderr);
    assert_eq!(files_in(dir.path()), ["i.toml", "s.toml"]);
}

#[test]
fn a_page_image_never_replaces_an_input_of_the_run() {
    let dir = tempdir();
    // The first page's file would be the spec itself.
    let spec = small_spec("Self", "output = \"p-{page}.toml\"");
    write(dir.path(), "p-1.toml", &spec);
    let run =
        brief(dir.path(), &["generate", "p-1.toml", "--format", "png", "--as-of", "2026-11-22"])
            .expect(1);
    assert!(
        run.stderr.contains("page 1 would be written to `p-1.toml`, an input of this run"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("p-1.toml")).unwrap(), spec);
}

#[test]
fn two_briefs_whose_page_images_share_names_are_refused_before_any_is_written() {
    let dir = tempdir();
    write(dir.path(), "a.toml", &small_spec("A", "output = \"x-{page}.png\""));
    write(dir.path(), "b.toml", &small_spec("B", "output = \"x.png\""));
    let run = brief(dir.path(), &["generate", ".", "--format", "png"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: the page images of the brief of ./a.toml (variant 1) and of the brief of ./b.toml (variant 1) would take the same names (`x-1.png`, …)\n = hint: give each output its own name with `output = \"…{language}-{audience}.png\"`\n\n"
    );
    assert_eq!(files_in(dir.path()), ["a.toml", "b.toml"]);
}
