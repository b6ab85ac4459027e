//! The text a reader sees on each page of a compiled brief, as the public-release check
//! reads it: what markup computed (`#upper(…)`, a word split by an empty `#[]`) is
//! there as it was laid out, and so are the addresses of its links, which a reader's
//! viewer shows.

use typst::layout::{Abs, Frame, FrameItem, Point};
use typst::model::Destination;
use typst_layout::PagedDocument;

/// Two runs of text closer than this many points, on one baseline, are one word.
const TOUCHING_PT: f64 = 0.5;

/// Each page's text: runs laid out one against the other are joined, others are
/// parted by a space, and a word hyphenated across two lines is whole again; then the
/// page's link addresses, each apart.
pub(super) fn page_texts(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let (mut runs, mut unseen) = (Vec::new(), Vec::new());
            collect(&page.frame, Point::zero(), &mut runs, &mut unseen);
            let mut text = join(&runs);
            for words in unseen {
                text.push(' ');
                text.push_str(&words);
            }
            text
        })
        .collect()
}

/// A run of text where it was laid out.
struct Run {
    at: Point,
    width: Abs,
    text: String,
}

/// The text runs of `frame` and its groups, in the order they were laid out, and the
/// words a reader meets off the page (`unseen`): link addresses.
fn collect(frame: &Frame, offset: Point, runs: &mut Vec<Run>, unseen: &mut Vec<String>) {
    for (position, item) in frame.items() {
        let at = offset + *position;
        match item {
            FrameItem::Group(group) => collect(&group.frame, at, runs, unseen),
            FrameItem::Text(text) => {
                runs.push(Run { at, width: text.width(), text: text.text.to_string() })
            }
            FrameItem::Link(Destination::Url(url), _) => unseen.push(url.to_string()),
            _ => {}
        }
    }
}

/// The runs as one text.
fn join(runs: &[Run]) -> String {
    let mut text = String::new();
    let mut previous: Option<&Run> = None;
    for run in runs {
        if let Some(before) = previous {
            let same_line = (before.at.y - run.at.y).abs().to_pt() < TOUCHING_PT;
            let touching = (before.at.x + before.width - run.at.x).abs().to_pt() < TOUCHING_PT;
            let hyphenated = !same_line && text.ends_with(['-', '\u{2010}', '\u{AD}']);
            if hyphenated {
                text.pop();
            } else if !(same_line && touching) {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
        previous = Some(run);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, width: f64, text: &str) -> Run {
        Run { at: Point::new(Abs::pt(x), Abs::pt(y)), width: Abs::pt(width), text: text.into() }
    }

    #[test]
    fn runs_that_touch_are_one_word_and_a_hyphenated_word_is_whole() {
        let runs = [
            run(10.0, 20.0, 30.0, "Voron"),
            run(40.0, 20.0, 20.0, "kov met"),
            run(70.0, 20.0, 20.0, "Boy"),
            run(95.0, 20.0, 25.0, "Raf-"),
            run(10.0, 32.0, 20.0, "li today"),
        ];
        assert_eq!(join(&runs), "Voronkov met Boy Rafli today");
    }
}
