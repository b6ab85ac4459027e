//! The second red-team round's critical causes: a body reading a file through syntax no
//! name check sees, a spec's `data` reaching outside its folder, an output replacing an
//! input through a folder that does not exist, and spreadsheets that unpack into
//! gigabytes. Every case is a row of docs/bad-inputs.md.

use std::io::Write;
use std::path::Path;

use super::harness::*;

#[test]
fn a_spread_argument_in_a_body_is_refused_at_its_place() {
    let dir = tempdir();
    write(dir.path(), "tpl/secret.txt", "TOP-SECRET-LINE\nsecond\n");
    for body in [
        "#raw(\"x\", lang: \"txt\", ..(\"theme\": \"secret.txt\"))",
        "#let f = raw.with(..(\"the\" + \"me\": \"secret.txt\"))\n#f(\"x\")",
        "#[`x`].func()(\"x\", ..(\"theme\": \"secret.txt\"))",
        "#set raw(..(\"theme\": \"secret.txt\"))\n`x`",
    ] {
        let spec = write(dir.path(), "s.toml", &(small_spec("S", "") + &text_section(body)));
        let run = brief(dir.path(), &["generate", &spec, "--template-dir", "tpl"]).expect(2);
        assert!(
            run.stderr.contains("a `text` body may not read files, but this one uses a spread"),
            "{body}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("s.toml:"), "{}", run.stderr);
        assert!(!run.stderr.contains("TOP-SECRET"), "{}", run.stderr);
        assert!(!dir.path().join("s.pdf").exists());
    }
}

#[test]
fn markup_evaluated_by_a_template_reads_no_file_whatever_its_syntax() {
    // A template that hands markup of its own to lib.typ's `markup`, as a body would
    // reach it: the name check of specs never sees this text, and still no file is read.
    let dir = tempdir();
    write(dir.path(), "tpl/secret.txt", "TOP-SECRET-LINE\nsecond\n");
    for markup in [
        r#"#raw(\"x\", lang: \"txt\", ..(\"theme\": \"secret.txt\"))"#,
        r#"#read(\"secret.txt\")"#,
        r#"#read(\"/secret.txt\")"#,
        r#"#read(\"../../secret.txt\")"#,
        r#"#image(\"/brief.json\")"#,
    ] {
        let template = format!(
            "#import \"lib.typ\": *\n#let data = json(\"/brief.json\")\n#show: setup.with(data)\n#markup(\"{markup}\")\n"
        );
        write(dir.path(), "tpl/probe.typ", &template);
        let spec = write(dir.path(), "p.toml", &small_spec("P", "template = \"tpl/probe.typ\""));
        let run = brief(dir.path(), &["generate", &spec]).expect(1);
        let refused = run.stderr.contains("a text body cannot read files")
            || run.stderr.contains("would escape the package root");
        assert!(refused, "{markup}: {}", run.stderr);
        assert!(!run.stderr.contains("TOP-SECRET"), "{}", run.stderr);
        assert!(!dir.path().join("p.pdf").exists());
    }
}

#[test]
fn a_spec_s_data_must_be_a_regular_file_inside_its_folder() {
    let dir = tempdir();
    let events = "id,date,status,partners,type,title_en,title_id,source_url,source_publisher,source_published\n\
                  x-outside,2022-05-01,held,aus,meeting,OUTSIDE-EVENT,Luar,https://example.org/x,Ex,2022-05-01\n";
    let outside = write(dir.path(), "elsewhere/x.csv", events);
    std::fs::create_dir_all(dir.path().join("specs")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("specs/link.csv")).unwrap();
    std::fs::hard_link(&outside, dir.path().join("specs/hard.csv")).unwrap();
    for (data, says) in [
        (outside.clone(), "is outside the spec's folder"),
        ("../elsewhere/x.csv".into(), "is outside the spec's folder"),
        ("link.csv".into(), "is outside the spec's folder"),
        ("hard.csv".into(), "has more than one hard link"),
        (".".into(), "is not a regular file"),
    ] {
        let spec = write(
            &dir.path().join("specs"),
            "d.toml",
            &small_spec("D", &format!("data = [\"{data}\"]")),
        );
        let run = brief(dir.path(), &["generate", &spec]).expect(2);
        assert!(run.stderr.contains(says), "{data}: {}", run.stderr);
        assert!(run.stderr.contains("d.toml:2:"), "{data}: {}", run.stderr);
        assert!(!run.stderr.contains("OUTSIDE-EVENT"), "{}", run.stderr);
        assert!(!dir.path().join("d.pdf").exists());
    }
    // The command line may lift the folder rule for a spec the user trusts.
    let spec = write(
        &dir.path().join("specs"),
        "d.toml",
        &small_spec("D", "data = [\"../elsewhere/x.csv\"]"),
    );
    brief(dir.path(), &["generate", &spec, "--allow-outside-paths"]).expect(0);
    assert!(pdf_text(&dir.path().join("d.pdf")).contains("OUTSIDE-EVENT"));
}

#[test]
fn a_pipe_named_as_a_spec_s_data_is_refused_without_waiting() {
    let dir = tempdir();
    assert!(mkfifo(&dir.path().join("pipe.csv")), "this suite needs mkfifo");
    let spec = write(dir.path(), "f.toml", &small_spec("F", "data = [\"pipe.csv\"]"));
    let started = std::time::Instant::now();
    let run = brief(dir.path(), &["check", &spec]).expect(2);
    assert!(run.stderr.contains("is not a regular file"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn an_output_through_a_missing_folder_cannot_replace_an_input() {
    let dir = tempdir();
    let spec_text = small_spec("R", "");
    let spec = write(dir.path(), "spec.toml", &spec_text);
    for flag in ["--report", "--emit-data"] {
        let run = brief(dir.path(), &["generate", &spec, flag, "nope/../spec.toml"]).expect(2);
        assert!(run.stderr.contains("which it would destroy"), "{flag}: {}", run.stderr);
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), spec_text, "{flag}");
        assert!(!dir.path().join("nope").exists(), "{flag}");
    }
    let run = brief(dir.path(), &["generate", &spec, "-o", "nope/../spec.toml"]).expect(2);
    assert!(run.stderr.contains("which it would destroy"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), spec_text);
}

#[test]
fn an_output_cannot_replace_a_file_of_a_template_or_font_folder() {
    let dir = tempdir();
    let cover = write(dir.path(), "tpl/cover.pdf", "%PDF-1.7 a cover the template reads");
    let font = write(dir.path(), "fonts/f.otf", "not really a font");
    let spec = write(dir.path(), "s.toml", &small_spec("S", "output = \"tpl/cover.pdf\""));
    let run = brief(dir.path(), &["generate", &spec, "--template-dir", "tpl"]).expect(2);
    assert!(run.stderr.contains("a file of a template folder of this run"), "{}", run.stderr);
    assert!(std::fs::read_to_string(&cover).unwrap().contains("a cover the template reads"));
    let spec = write(dir.path(), "s.toml", &small_spec("S", ""));
    let run = brief(dir.path(), &["generate", &spec, "--font-path", "fonts", "--report", &font])
        .expect(2);
    assert!(run.stderr.contains("a file of a font folder of this run"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&font).unwrap(), "not really a font");
}

/// Writes a zip package of `parts` (name, bytes), deflated, to `path`.
fn zip_package(path: &Path, parts: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_spreadsheet_that_unpacks_to_gigabytes_is_refused_before_it_is_read() {
    let dir = tempdir();
    // One part of 1 GiB of spaces: about 1 MB packed.
    let path = dir.path().join("bomb.xlsx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 8 << 20);
    let started = std::time::Instant::now();
    let run = brief(dir.path(), &["events", "--data", "bomb.xlsx"]).expect(2);
    assert!(run.stderr.contains("bomb.xlsx"), "{}", run.stderr);
    assert!(run.stderr.contains("it unpacks to more than 64 MiB"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_sheet_whose_cells_span_millions_of_places_is_refused() {
    let dir = tempdir();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "id").unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    workbook.save(dir.path().join("far.xlsx")).unwrap();
    let run = brief(dir.path(), &["events", "--data", "far.xlsx"]).expect(2);
    assert!(run.stderr.contains("its first sheet reaches cell XFD1048576"), "{}", run.stderr);

    // An OpenDocument sheet of one row repeated a million times, a thousand cells wide.
    let content = "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    let manifest = "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    zip_package(
        &dir.path().join("wide.ods"),
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ],
    );
    let started = std::time::Instant::now();
    let run = brief(dir.path(), &["events", "--data", "wide.ods"]).expect(2);
    assert!(run.stderr.contains("its first sheet reaches cell"), "{}", run.stderr);
    assert!(run.stderr.contains("(the limit is 4000000)"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_pipe_or_device_named_with_data_is_refused_without_waiting() {
    let dir = tempdir();
    assert!(mkfifo(&dir.path().join("pipe.csv")), "this suite needs mkfifo");
    let started = std::time::Instant::now();
    for data in ["pipe.csv", "/dev/zero"] {
        let run = brief(dir.path(), &["events", "--data", data]).expect(2);
        assert!(run.stderr.contains("it is not a regular file"), "{data}: {}", run.stderr);
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_csv_header_of_many_thousand_columns_is_read_in_one_pass() {
    let dir = tempdir();
    let mut header: Vec<String> = (0..200_000).map(|i| format!("c{i}")).collect();
    header.extend(["id", "date"].map(String::from));
    write(dir.path(), "wide.csv", &(header.join(",") + "\n"));
    let started = std::time::Instant::now();
    let run = brief(dir.path(), &["events", "--data", "wide.csv"]).expect(2);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    assert_eq!(run.stderr.matches("error: unknown column").count(), 20, "{}", run.stderr.len());
    assert!(run.stderr.contains("unknown column `c19`"), "{}", run.stderr.len());
}

#[test]
fn a_negative_date_serial_in_a_spreadsheet_is_refused_at_its_cell() {
    let dir = tempdir();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let header =
        ["id", "date", "status", "partners", "type", "title_en", "source_url", "source_publisher"];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(1, 0, "x-1").unwrap();
    sheet.write_number_with_format(1, 1, -5.0, &day).unwrap();
    for (column, value) in
        [(2, "held"), (3, "aus"), (4, "meeting"), (5, "X"), (6, "https://example.org/x"), (7, "Ex")]
    {
        sheet.write_string(1, column, value).unwrap();
    }
    workbook.save(dir.path().join("neg.xlsx")).unwrap();
    let run = brief(dir.path(), &["events", "--data", "neg.xlsx"]).expect(2);
    assert!(run.stderr.contains("negative date serial"), "{}", run.stderr);
    assert!(run.stderr.contains("!B2"), "{}", run.stderr);
}

#[test]
fn a_page_image_neither_follows_a_link_out_nor_shares_a_name_with_the_report() {
    let dir = tempdir();
    // The spec's own output, its page 1 a link to a file elsewhere.
    std::fs::create_dir_all(dir.path().join("s")).unwrap();
    let victim = write(dir.path(), "elsewhere/victim.png", "keep");
    std::os::unix::fs::symlink(&victim, dir.path().join("s/p-1.png")).unwrap();
    let spec = write(&dir.path().join("s"), "s.toml", &small_spec("S", "output = \"p.png\""));
    let run =
        brief(dir.path(), &["generate", &spec, "--format", "png", "--pages", "1-2"]).expect(1);
    assert!(run.stderr.contains("outside the spec's folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    // A report named like a page image of the run.
    let spec = write(dir.path(), "t.toml", &small_spec("T", ""));
    let run =
        brief(dir.path(), &["generate", &spec, "-o", "p.png", "--report", "p-1.png"]).expect(2);
    assert!(run.stderr.contains("where a page image of"), "{}", run.stderr);
}

/// A one-sheet workbook (`Rekap`) whose sheet XML holds `rows`, its shared strings
/// `id` and `date`.
fn xlsx_with_rows(path: &Path, rows: &str) {
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Rekap" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let workbook_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let strings = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>id</t></si><si><t>date</t></si></sst>"#;
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    zip_package(
        path,
        &[
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
    );
}

#[test]
fn a_damaged_xlsx_sheet_is_refused_at_the_cell_where_it_breaks() {
    let dir = tempdir();
    let header = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#;
    for (name, rest, place) in [
        ("row-zero", r#"<row r="0"><c r="A0" t="s"><v>0</v></c></row>"#, "Rekap!B1"),
        ("no-string", r#"<row r="2"><c r="A2" t="s"><v>7</v></c></row>"#, "Rekap!B1"),
        ("broken-xml", r#"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2""#, "Rekap!A2"),
    ] {
        let file = format!("{name}.xlsx");
        xlsx_with_rows(&dir.path().join(&file), &format!("{header}{rest}"));
        let run = brief(dir.path(), &["events", "--data", &file]).expect(2);
        assert!(
            run.stderr.contains(&format!(
                "cannot read spreadsheet `{file}` (it is damaged after cell {place}"
            )),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_damaged_ods_sheet_is_refused_at_the_cell_where_it_breaks() {
    let dir = tempdir();
    let manifest = "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let cell = |text: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
        )
    };
    // Two whole cells in row 1, then a cell of row 2 whose tag is cut off.
    let content = format!(
        "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"Rekap\"><table:table-row>{}{}</table:table-row><table:table-row>{}<table:table-cell office:value-type=\"string\"</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
        cell("id"),
        cell("date"),
        cell("x-1")
    );
    zip_package(
        &dir.path().join("broken.ods"),
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ],
    );
    let run = brief(dir.path(), &["events", "--data", "broken.ods"]).expect(2);
    assert!(
        run.stderr
            .contains("cannot read spreadsheet `broken.ods` (it is damaged after cell Rekap!A2"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_spec_of_a_scanned_folder_that_links_elsewhere_is_refused_and_never_shown() {
    let dir = tempdir();
    write(dir.path(), "secret.txt", "aws_access_key_id = AKIASECRET\n");
    let specs = dir.path().join("specs");
    write(&specs, "a.toml", &small_spec("A", ""));
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), specs.join("b.toml")).unwrap();
    std::fs::hard_link(dir.path().join("secret.txt"), specs.join("c.toml")).unwrap();
    let run =
        brief(dir.path(), &["generate", "specs", "-o", "out/", "--as-of", "2026-11-22"]).expect(1);
    assert!(!run.stderr.contains("AKIASECRET"), "{}", run.stderr);
    let real = dir.path().canonicalize().unwrap().join("secret.txt");
    assert!(
        run.stderr.contains(&format!(
            "error: the spec `specs/b.toml` leads outside its folder (to `{}`), so it is not read",
            real.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: the spec `specs/c.toml` has more than one hard link, so it is not read"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(files_in(&dir.path().join("out")), ["a.pdf"]);
    // A spec named on the command line is the user's choice; a pipe no one writes to
    // reads as empty at once instead of blocking the run, and a device is refused.
    assert!(mkfifo(&dir.path().join("p.toml")));
    let run = brief(dir.path(), &["check", "p.toml"]).expect(2);
    assert!(
        run.stderr.starts_with("error: invalid spec: missing field `title`\n"),
        "{}",
        run.stderr
    );
    let run = brief(dir.path(), &["check", "/dev/null"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: cannot read spec `/dev/null`: it is not a regular file (a folder, socket or device)\n = hint: give a spec file, or `-` for standard input\n\n"
    );
}
