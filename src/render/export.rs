//! Export: a compiled brief as one PDF, or its pages as PNG or SVG images, all of them
//! or the pages a selection names.

use std::fmt;
use std::num::NonZeroUsize;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use typst::layout::PageRanges;
use typst::utils::Scalar;
use typst_layout::PagedDocument;

use crate::vocab::vocabulary;

vocabulary! {
    /// What a brief is exported as.
    ExportFormat("output format") {
        /// One PDF file.
        Pdf = "pdf",
        /// A PNG image per page.
        Png = "png",
        /// An SVG image per page.
        Svg = "svg",
    }
}

impl ExportFormat {
    /// Whether the format writes a file per page.
    pub fn per_page(self) -> bool {
        self != ExportFormat::Pdf
    }
}

/// The default resolution of PNG pages, in pixels per inch (the Typst CLI's).
pub const DEFAULT_PPI: f32 = 144.0;

/// Pages to export, one-based: `1`, `2-4`, `5-` (to the end), `-3` (from the start),
/// several joined by commas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSelection(Vec<(Option<usize>, Option<usize>)>);

impl FromStr for PageSelection {
    type Err = String;

    fn from_str(text: &str) -> Result<PageSelection, String> {
        let page = |part: &str| -> Result<Option<usize>, String> {
            let part = part.trim();
            if part.is_empty() {
                return Ok(None);
            }
            match part.parse::<usize>() {
                Ok(0) => Err("pages count from 1".to_owned()),
                Ok(n) => Ok(Some(n)),
                Err(_) => Err(format!("`{part}` is not a page number")),
            }
        };
        let mut ranges = Vec::new();
        for part in text.split(',') {
            let range = match part.split_once('-') {
                Some((from, to)) => (page(from)?, page(to)?),
                None => match page(part)? {
                    Some(n) => (Some(n), Some(n)),
                    None => return Err("a page range is empty".to_owned()),
                },
            };
            match range {
                (None, None) => return Err("`-` names no page".to_owned()),
                (Some(from), Some(to)) if to < from => {
                    return Err(format!("`{}` ends before it begins", part.trim()));
                }
                _ => ranges.push(range),
            }
        }
        Ok(PageSelection(ranges))
    }
}

impl fmt::Display for PageSelection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|range| match *range {
                (Some(from), Some(to)) if from == to => from.to_string(),
                (from, to) => format!(
                    "{}-{}",
                    from.map(|n| n.to_string()).unwrap_or_default(),
                    to.map(|n| n.to_string()).unwrap_or_default()
                ),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

impl PageSelection {
    /// Whether page `number` (from 1) is selected.
    pub fn includes(&self, number: usize) -> bool {
        self.0.iter().any(|&(from, to)| {
            from.is_none_or(|from| from <= number) && to.is_none_or(|to| number <= to)
        })
    }

    /// The page, when the selection names exactly one.
    pub fn single(&self) -> Option<usize> {
        let first = self.0.first()?;
        match *first {
            (Some(from), Some(to)) if from == to && self.0.iter().all(|r| *r == *first) => {
                Some(from)
            }
            _ => None,
        }
    }

    /// The selection as typst-pdf's page ranges.
    fn to_typst(&self) -> PageRanges {
        let page = |n: Option<usize>| n.and_then(NonZeroUsize::new);
        PageRanges::new(self.0.iter().map(|&(from, to)| page(from)..=page(to)).collect())
    }
}

/// How a brief is exported: the format, the resolution of PNG pages and which pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// PDF, PNG or SVG.
    pub format: ExportFormat,
    /// Pixels per inch of PNG pages.
    pub ppi: f32,
    /// The pages to export; `None` for every page.
    pub pages: Option<PageSelection>,
}

impl Default for Export {
    fn default() -> Self {
        Export { format: ExportFormat::Pdf, ppi: DEFAULT_PPI, pages: None }
    }
}

impl Export {
    /// typst-pdf's page ranges for the selection.
    pub(super) fn pdf_page_ranges(&self) -> Option<PageRanges> {
        self.pages.as_ref().map(PageSelection::to_typst)
    }

    /// Why nothing would be exported from a document of `pages` pages, if so.
    pub(super) fn selects_nothing(&self, pages: usize) -> Option<String> {
        let selection = self.pages.as_ref()?;
        let none = !(1..=pages).any(|n| selection.includes(n));
        none.then(|| {
            format!(
                "--pages {selection} selects none of the brief's {pages} page{}",
                if pages == 1 { "" } else { "s" }
            )
        })
    }
}

/// One exported page image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// The page's number, from 1.
    pub number: usize,
    /// The PNG or SVG file's bytes.
    pub bytes: Vec<u8>,
}

/// A brief as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// One PDF file.
    Pdf(Vec<u8>),
    /// A PNG or SVG file for each selected page, in page order.
    Pages(Vec<PageImage>),
}

impl Exported {
    /// The bytes of every file together.
    pub fn total_bytes(&self) -> usize {
        match self {
            Exported::Pdf(pdf) => pdf.len(),
            Exported::Pages(pages) => pages.iter().map(|p| p.bytes.len()).sum(),
        }
    }
}

/// The selected pages of `document` as PNG or SVG images, encoded in parallel (each
/// page apart: `brief preview` shows SVG pages, and a PNG page is a rasterisation of
/// its own), in page order.
pub(super) fn page_images(
    document: &PagedDocument,
    export: &Export,
) -> Result<Vec<PageImage>, String> {
    let selected = |number: &usize| export.pages.as_ref().is_none_or(|s| s.includes(*number));
    let pixel_per_pt = f64::from(export.ppi) / 72.0;
    use rayon::prelude::*;
    document
        .pages()
        .par_iter()
        .enumerate()
        .map(|(index, page)| (index + 1, page))
        .filter(|(number, _)| selected(number))
        .map(|(number, page)| {
            let bytes = match export.format {
                ExportFormat::Svg => {
                    typst_svg::svg(page, &typst_svg::SvgOptions::default()).into_bytes()
                }
                ExportFormat::Png | ExportFormat::Pdf => {
                    let options = typst_render::RenderOptions {
                        pixel_per_pt: Scalar::new(pixel_per_pt),
                        ..Default::default()
                    };
                    typst_render::render(page, &options)
                        .encode_png()
                        .map_err(|e| format!("cannot encode page {number} as PNG ({e})"))?
                }
            };
            Ok(PageImage { number, bytes })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_selections_read_like_the_typst_cli_s() {
        let pages: PageSelection = "1,3-4,9-".parse().unwrap();
        let chosen: Vec<usize> = (1..=10).filter(|n| pages.includes(*n)).collect();
        assert_eq!(chosen, [1, 3, 4, 9, 10]);
        assert_eq!(pages.to_string(), "1,3-4,9-");
        let head: PageSelection = "-2".parse().unwrap();
        assert!(head.includes(1) && head.includes(2) && !head.includes(3));
        assert_eq!("2".parse::<PageSelection>().unwrap().single(), Some(2));
        assert_eq!("2,2".parse::<PageSelection>().unwrap().single(), Some(2));
        assert_eq!("2-3".parse::<PageSelection>().unwrap().single(), None);
    }

    #[test]
    fn bad_page_selections_say_what_is_wrong() {
        let error = |text: &str| text.parse::<PageSelection>().unwrap_err();
        assert_eq!(error("0"), "pages count from 1");
        assert_eq!(error("4-2"), "`4-2` ends before it begins");
        assert_eq!(error("one"), "`one` is not a page number");
        assert_eq!(error("1,,2"), "a page range is empty");
        assert_eq!(error("-"), "`-` names no page");
    }

    #[test]
    fn a_selection_past_the_last_page_is_reported() {
        let export = Export { pages: Some("5-".parse().unwrap()), ..Export::default() };
        assert_eq!(
            export.selects_nothing(3).as_deref(),
            Some("--pages 5- selects none of the brief's 3 pages")
        );
        assert_eq!(export.selects_nothing(5), None);
        assert_eq!(Export::default().selects_nothing(1), None);
    }
}
