//! Any text in any field of the spec or the data renders, and never fails the render:
//! Typst syntax, every script and direction, emoji, zero-width and soft-hyphen
//! characters, control characters and very long words.

use proptest::prelude::*;

use super::harness::*;

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a spec and a JSON dataset that put `texts` into every text field, renders
/// them, and returns the run and the PDF's path.
fn render_with(texts: &[String]) -> (Run, tempfile::TempDir) {
    let dir = tempdir();
    let text = |i: usize| texts[i % texts.len()].clone();
    let event = serde_json::json!({
        "id": "2022-06-any-text",
        "date": "2022-06-15",
        "status": "held",
        "partners": ["user-partner"],
        "type": "meeting",
        "date_note": { "en": text(0), "id": text(1) },
        "title": { "en": text(2), "id": text(3) },
        "summary": { "en": text(4), "id": text(5) },
        "location": { "city": text(6), "country": "IDN", "mode": "hybrid" },
        "participants": [ { "name": text(7), "role": { "en": text(0), "id": text(1) } } ],
        "topics": ["user-topic"],
        "sources": [ { "publisher": text(2), "url": format!("https://example.org/{}", text(3).len()), "title": text(4) } ],
    });
    let data = serde_json::json!({
        "partners": [ { "id": "user-partner", "name": { "en": text(5), "id": text(6) }, "kind": "organisation", "aliases": [] } ],
        "topics": [ { "id": "user-topic", "name": { "en": text(7), "id": text(0) } } ],
        "events": [ event ],
    });
    write(dir.path(), "data.json", &serde_json::to_string(&data).unwrap());
    let spec = format!(
        "title = {}\nsubtitle = {}\nauthor = {}\ndata = [\"data.json\"]\n[period]\nfrom = \"2022-06\"\nto = \"2022-06\"\n\
         [filter]\npartners = [\"user-partner\"]\n[[sections]]\nkind = \"key-figures\"\n[[sections]]\nkind = \"timeline\"\n\
         [[sections]]\nkind = \"partners\"\n[[sections]]\nkind = \"events\"\n[[sections]]\nkind = \"table\"\n\
         [[sections]]\nkind = \"sources\"\n",
        toml_string(&text(1)),
        toml_string(&text(2)),
        toml_string(&text(3)),
    );
    write(dir.path(), "any.toml", &spec);
    // Only the user's data, so that no generated name can clash with a bundled alias.
    let args = ["generate", "any.toml", "--no-bundled-data", "--as-of", "2026-11-22", "--quiet"];
    let run = brief(dir.path(), &args);
    (run, dir)
}

#[test]
fn hard_text_renders_in_every_field() {
    let texts: Vec<String> = [
        "zero\u{200B}width\u{200D}joiner\u{00AD}soft\u{00AD}hyphen",
        "العربية والعبرية עברית mixed with English",
        "emoji 🇮🇩🤝🇬🇧 and 👩🏽‍💼",
        "combining a\u{0301}e\u{0308} and Vietnamese Phạm Thế Tùng",
        "bell \u{0007} tab \t nul \u{0000} escape \u{001B}[31m",
        &"Supercalifragilistic".repeat(60),
        "#panic(\"x\") $x$ *b* _i_ @r <l> [b] \\ // c `raw` #import \"x\"",
        "中文 日本語 한국어 ไทย हिन्दी",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (run, dir) = render_with(&texts);
    let run = run.expect(0);
    assert!(run.stderr.is_empty() || !run.stderr.contains("error"), "{}", run.stderr);
    let pdf = dir.path().join("any.pdf");
    qpdf_check(&pdf);
    let text = pdf_text(&pdf);
    for literal in ["#panic(\"x\") $x$ *b* _i_ @r <l> [b]", "Phạm Thế Tùng", "🤝"] {
        assert!(text.contains(literal), "`{literal}` is not in the PDF as written:\n{text}");
    }
    // Each script is set in a font that has its glyphs, not as missing-glyph boxes.
    let fonts = pdf_fonts(&pdf);
    for font in [
        "NotoSansArabic",
        "NotoSansHebrew",
        "NotoSansThai",
        "NotoSansDevanagari",
        "DroidSansFallback",
        "Symbola",
    ] {
        assert!(fonts.iter().any(|f| f.starts_with(font)), "no {font} in the PDF: {fonts:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    // Blank text in a required field is an input error (exit 2), so the texts are not blank.
    fn any_unicode_in_any_field_renders(
        texts in proptest::collection::vec(
            "(?s).{1,48}".prop_filter("not blank", |s: &String| !s.trim().is_empty()),
            8,
        )
    ) {
        let (run, dir) = render_with(&texts);
        prop_assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        prop_assert!(pdf_pages(&dir.path().join("any.pdf")) >= 1);
    }
}

#[test]
fn a_one_megabyte_string_renders_without_a_crash() {
    let dir = tempdir();
    let big = "word ".repeat(200_000);
    let data = serde_json::json!({ "events": [ {
        "id": "2022-06-big", "date": "2022-06-15", "status": "held", "partners": ["gbr"],
        "type": "meeting", "title": { "en": "Big", "id": "Besar" },
        "summary": { "en": big, "id": big },
        "sources": [ { "publisher": "Example", "url": "https://example.org/big" } ] } ] });
    write(dir.path(), "big.json", &serde_json::to_string(&data).unwrap());
    write(
        dir.path(),
        "big.toml",
        "title = \"Big\"\ndata = [\"big.json\"]\n[period]\nfrom = \"2022-06\"\nto = \"2022-06\"\n\
         [filter]\npartners = [\"gbr\"]\n[[sections]]\nkind = \"events\"\n",
    );
    brief(dir.path(), &["generate", "big.toml", "--as-of", "2026-11-22", "--quiet"]).expect(0);
    assert!(pdf_pages(&dir.path().join("big.pdf")) > 100);
}
