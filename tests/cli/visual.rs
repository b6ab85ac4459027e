//! Visual regression: selected pages of the example briefs, rendered through the binary
//! as PNG, against reference images kept in `tests/visual/`.
//!
//! A page matches when at most [`TOLERANCE`] of its pixels differ by more than
//! [`CHANNEL_DELTA`] in a colour channel, which absorbs anti-aliasing noise and nothing a
//! reader would see (a word moved, a bar longer, a line broken elsewhere). On a mismatch
//! the test writes the page as rendered and a difference image (changed pixels red) to
//! `target/visual/`. After an intended change, accept the new pages with
//!
//! ```sh
//! BRIEF_ACCEPT_VISUAL=1 cargo test --test cli visual
//! ```
//!
//! and look at every changed reference before committing it.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use super::harness::{brief, repo, repo_file, tempdir};

/// The pixels per inch of the reference pages: enough to see layout and charts, small
/// enough to keep the references in the repository.
const PPI: &str = "48";

/// The largest share of a page's pixels that may differ.
const TOLERANCE: f64 = 0.0005;

/// How far a colour channel may move before the pixel counts as different.
const CHANNEL_DELTA: u8 = 24;

/// One reference page: its name, the spec, extra arguments and the page, and for a
/// spec with variants, the file of the variant pinned (`<output stem>-<page>.png`).
struct Case {
    name: &'static str,
    spec: &'static str,
    args: &'static [&'static str],
    page: usize,
    variant_file: Option<&'static str>,
}

/// The pages pinned: every template in both languages, the title block and contents,
/// the charts and partner profiles, a monthly brief and a public release.
const CASES: [Case; 7] = [
    Case {
        name: "flagship-en-1",
        spec: "briefs/bnpt-international-2021-2024.toml",
        args: &[],
        page: 1,
        variant_file: None,
    },
    Case {
        name: "flagship-en-3",
        spec: "briefs/bnpt-international-2021-2024.toml",
        args: &[],
        page: 3,
        variant_file: None,
    },
    Case {
        name: "flagship-id-1",
        spec: "briefs/bnpt-international-2021-2024-id.toml",
        args: &[],
        page: 1,
        variant_file: None,
    },
    Case {
        name: "executive-en-1",
        spec: "briefs/executive-2021-2024.toml",
        args: &[],
        page: 1,
        variant_file: None,
    },
    Case {
        name: "public-id-1",
        spec: "briefs/public-release-2022.toml",
        args: &[],
        page: 1,
        variant_file: Some("public-2022-id-1.png"),
    },
    Case {
        name: "profile-en-1",
        spec: "briefs/partner-profile-australia.toml",
        args: &[],
        page: 1,
        variant_file: None,
    },
    Case {
        name: "monthly-en-1",
        spec: "briefs/monthly.toml",
        args: &["--as-of", "2023-03-05"],
        page: 1,
        variant_file: None,
    },
];

/// A decoded RGBA image.
struct Image {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

fn decode(path: &Path) -> Image {
    let file = File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut decoder = png::Decoder::new(BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut rgba = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut rgba).expect("a frame");
    rgba.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgba, "{}", path.display());
    Image { width: info.width, height: info.height, rgba }
}

fn encode(path: &Path, image: &Image) {
    let file = BufWriter::new(File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().and_then(|mut w| w.write_image_data(&image.rgba)).unwrap();
}

/// The share of pixels that differ, and the difference image (changed pixels red on a
/// faded copy of the reference).
fn compare(reference: &Image, actual: &Image) -> (f64, Image) {
    let mut diff = reference.rgba.clone();
    let mut changed = 0usize;
    for (i, (a, b)) in reference.rgba.chunks(4).zip(actual.rgba.chunks(4)).enumerate() {
        let differs = a.iter().zip(b).any(|(x, y)| x.abs_diff(*y) > CHANNEL_DELTA);
        let pixel = &mut diff[i * 4..i * 4 + 4];
        if differs {
            changed += 1;
            pixel.copy_from_slice(&[220, 0, 0, 255]);
        } else {
            for channel in &mut pixel[..3] {
                *channel = 255 - (255 - *channel) / 4;
            }
        }
    }
    let pixels = (reference.width * reference.height) as f64;
    (changed as f64 / pixels, Image { rgba: diff, ..*reference })
}

/// Renders a case's page and returns the PNG's path.
fn render(case: &Case, dir: &Path) -> PathBuf {
    let out = match case.variant_file {
        Some(_) => dir.join(case.name).join(""),
        None => dir.join(format!("{}.png", case.name)),
    };
    let (spec, page, out_arg) =
        (repo_file(case.spec), case.page.to_string(), out.display().to_string());
    let mut args = vec!["generate", &spec, "--format", "png", "--ppi", PPI, "--pages", &page];
    args.extend(["-o", &out_arg, "-q"]);
    if !case.args.contains(&"--as-of") {
        args.extend(["--as-of", "2026-11-22"]);
    }
    args.extend(case.args);
    brief(dir, &args).expect(0);
    match case.variant_file {
        Some(file) => out.join(file),
        // One page to a name of the image format takes that name.
        None => out,
    }
}

#[test]
fn example_pages_look_like_their_references() {
    let dir = tempdir();
    let references = repo().join("tests/visual");
    let accept = std::env::var_os("BRIEF_ACCEPT_VISUAL").is_some();
    let review = repo().join("target/visual");
    let mut failures = Vec::new();
    for case in &CASES {
        let rendered = render(case, dir.path());
        let reference = references.join(format!("{}.png", case.name));
        if accept {
            std::fs::create_dir_all(&references).unwrap();
            std::fs::copy(&rendered, &reference).unwrap();
            continue;
        }
        if !reference.exists() {
            failures.push(format!("{}: no reference at {}", case.name, reference.display()));
            continue;
        }
        let (expected, actual) = (decode(&reference), decode(&rendered));
        let share = if (expected.width, expected.height) == (actual.width, actual.height) {
            let (share, diff) = compare(&expected, &actual);
            if share > TOLERANCE {
                std::fs::create_dir_all(&review).unwrap();
                encode(&review.join(format!("{}-diff.png", case.name)), &diff);
            }
            share
        } else {
            1.0
        };
        if share > TOLERANCE {
            std::fs::create_dir_all(&review).unwrap();
            std::fs::copy(&rendered, review.join(format!("{}-actual.png", case.name))).unwrap();
            failures.push(format!(
                "{}: {:.3}% of pixels differ ({}×{} against {}×{})",
                case.name,
                share * 100.0,
                actual.width,
                actual.height,
                expected.width,
                expected.height
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "pages differ from tests/visual/:\n  {}\nthe pages as rendered and the differences are in \
         {}; after an intended change, run `BRIEF_ACCEPT_VISUAL=1 cargo test --test cli visual`",
        failures.join("\n  "),
        review.display()
    );
}

#[test]
fn the_comparison_sees_a_changed_word_and_ignores_anti_aliasing_noise() {
    let blank = Image { width: 100, height: 100, rgba: vec![255; 100 * 100 * 4] };
    let mut noisy = Image { rgba: blank.rgba.clone(), ..blank };
    for pixel in noisy.rgba.chunks_mut(4).step_by(7) {
        pixel[0] -= CHANNEL_DELTA;
    }
    assert_eq!(compare(&blank, &noisy).0, 0.0);
    let mut word = Image { rgba: blank.rgba.clone(), ..blank };
    // A short word at 60 pixels per inch: some 30 × 8 pixels of ink.
    for row in 40..48 {
        for column in 20..50 {
            word.rgba[(row * 100 + column) * 4..][..3].copy_from_slice(&[30, 30, 30]);
        }
    }
    assert!(compare(&blank, &word).0 > TOLERANCE);
}
