//! Personal names in prose. Names belong in an event's `participants`; titles,
//! summaries and notes speak of roles. [`NameIndex`] finds a participant's name in any
//! text, so that the bundled data can be checked and a public brief refused before it
//! names anyone.
//!
//! A name is found by its family name (the last word, past suffixes such as "Jr." and
//! titles such as "Sir", or the participant's `family`), and for names of three words or
//! more also by their first two words ("Boy Rafli"). Words are compared with case kept
//! and accents dropped, so "Pham" finds "Phạm" and the common noun "lalu" is not the
//! name "Lalu".

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Participant;

/// Words before a name that are not part of it.
const TITLES: [&str; 6] = ["Sir", "King", "Dr", "Prof", "Dame", "Lord"];

/// Words after a name that are not its family name.
const SUFFIXES: [&str; 5] = ["Jr", "Sr", "II", "III", "IV"];

/// The text with accents dropped and case kept: "Phạm Thế Tùng" is "Pham The Tung".
pub(super) fn without_accents(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The words of a text as a reader sees them: compatibility forms folded (fullwidth
/// and mathematical letters, NFKC), invisible format characters dropped (zero-width
/// spaces and joiners, word joiners, soft hyphens, BOMs), letters that look Latin read
/// as Latin (Cyrillic "о" in "Vоronkov"), accents dropped, and a word in capitals
/// ("VORONKOV") read as a capitalised one; then runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    let seen: String =
        text.nfkc().filter(|c| !crate::diag::is_invisible(*c)).map(latin_lookalike).collect();
    without_accents(&seen)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(capitalised_if_shouted)
        .collect()
}

/// A Cyrillic or Greek letter that looks like a Latin one, as that Latin letter.
fn latin_lookalike(c: char) -> char {
    const PAIRS: [(char, char); 54] = [
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('к', 'k'),
        ('і', 'i'),
        ('ј', 'j'),
        ('ѕ', 's'),
        ('ԁ', 'd'),
        ('ո', 'n'),
        ('ν', 'v'),
        ('ο', 'o'),
        ('α', 'a'),
        ('ρ', 'p'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('Ο', 'O'),
        ('Ι', 'I'),
        // Greek capitals drawn as Latin ones, and the Latin-looking small letters.
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
        ('κ', 'k'),
        ('ι', 'i'),
        // Cyrillic letters that pass for Latin ones.
        ('ӏ', 'l'),
        ('Ӏ', 'I'),
        ('ѵ', 'v'),
        ('Ѵ', 'V'),
        ('І', 'I'),
        ('Ј', 'J'),
        ('Ѕ', 'S'),
        ('ԛ', 'q'),
        ('ԝ', 'w'),
        ('һ', 'h'),
    ];
    PAIRS.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to)
}

/// A word of two or more capital letters ("VORONKOV") as a capitalised word
/// ("Voronkov"), so that a name set in capitals is still found; other words as they are.
fn capitalised_if_shouted(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(|c| c.is_lowercase()) {
        return word.to_owned();
    }
    let mut chars = word.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    first + &chars.as_str().to_lowercase()
}

/// A participant's name, found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    /// The words found, as the index spells them ("Voronkov", "Boy Rafli").
    pub found: String,
    /// The participant's whole name.
    pub name: String,
    /// The id of an event that lists the participant.
    pub event: String,
}

/// The participants' names of a dataset, ready to be found in texts.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Every searched run of words (a family name, or a name's first two words), by its
    /// first word, with the person it stands for.
    by_first_word: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// The people: whole name and an event that lists them.
    people: Vec<(String, String)>,
    /// Each name of two words or more, its words in lower case, with its person.
    whole_names: Vec<(Vec<String>, usize)>,
}

impl NameIndex {
    /// The index of the participants of `events`, each with the id of its event.
    pub fn new<'a>(participants: impl IntoIterator<Item = (&'a Participant, &'a str)>) -> Self {
        let mut index = NameIndex::default();
        let mut seen = std::collections::HashSet::new();
        for (participant, event) in participants {
            if !seen.insert(participant.name.as_str()) {
                continue;
            }
            let person = index.people.len();
            index.people.push((participant.name.clone(), event.to_owned()));
            for run in searched_runs(participant) {
                let first = run[0].clone();
                index.by_first_word.entry(first).or_default().push((run, person));
            }
            let whole: Vec<String> = words(&participant.name)
                .iter()
                .filter(|w| w.chars().count() > 1)
                .map(|w| w.to_lowercase())
                .collect();
            if whole.len() >= 2 {
                index.whole_names.push((whole, person));
            }
        }
        index
    }

    /// Whether `a` and `b` are one name as a reader sees it (case, accents and look-alike
    /// letters aside): how a spec's `public_names` finds its participant.
    pub fn same_name(a: &str, b: &str) -> bool {
        let fold =
            |text: &str| -> Vec<String> { words(text).iter().map(|w| w.to_lowercase()).collect() };
        fold(a) == fold(b)
    }

    /// The index of one event's own participants.
    pub fn of_event(event: &super::Event) -> Self {
        NameIndex::new(event.participants.iter().map(|p| (p, event.id.as_str())))
    }

    /// Whether the index holds no name.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The first participant's name in `text`, if any. Text set right to left by an
    /// override character (`\u{202e}voknoroV`) reads as its reverse.
    pub fn find(&self, text: &str) -> Option<NameHit> {
        if self.is_empty() {
            return None;
        }
        let reversed = text.contains(['\u{202e}', '\u{202b}', '\u{2067}']);
        self.find_in(text).or_else(|| {
            reversed.then(|| self.find_in(&text.chars().rev().collect::<String>())).flatten()
        })
    }

    /// [`NameIndex::find`] in the text as written.
    fn find_in(&self, text: &str) -> Option<NameHit> {
        let words = words(text);
        // A whole name of two words or more is found in any case ("vladimir voronkov"):
        // a common noun that happens to be one name's word is not the whole name.
        let folded: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        for (whole, person) in &self.whole_names {
            if folded.windows(whole.len()).any(|window| window == whole.as_slice()) {
                let (name, event) = &self.people[*person];
                return Some(NameHit {
                    found: name.clone(),
                    name: name.clone(),
                    event: event.clone(),
                });
            }
        }
        for (i, word) in words.iter().enumerate() {
            for (run, person) in self.by_first_word.get(word).into_iter().flatten() {
                if words[i..].starts_with(run) {
                    let (name, event) = &self.people[*person];
                    return Some(NameHit {
                        found: run.join(" "),
                        name: name.clone(),
                        event: event.clone(),
                    });
                }
            }
        }
        None
    }
}

/// The runs of words that find a participant: the family name, and for a name of three
/// words or more its first two.
fn searched_runs(participant: &Participant) -> Vec<Vec<String>> {
    let mut name: Vec<String> = words(&participant.name);
    // Initials ("R." in "Joseph R. Donovan Jr."), titles and suffixes are not searched.
    name.retain(|w| w.chars().count() > 1);
    while name.first().is_some_and(|w| TITLES.contains(&w.as_str())) {
        name.remove(0);
    }
    while name.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        name.pop();
    }
    let family = match &participant.family {
        Some(family) => words(family),
        None => name.last().cloned().into_iter().collect(),
    };
    let mut runs = Vec::new();
    if !family.is_empty() {
        runs.push(family);
    }
    if name.len() >= 3 {
        runs.push(name[..2].to_vec());
    }
    runs
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_is_found_however_a_reader_sees_it() {
        use crate::dataset::{Participant, Text};
        let people = [
            Participant { name: "Vladimir Voronkov".into(), family: None, role: Text::default() },
            Participant { name: "Boy Rafli Amar".into(), family: None, role: Text::default() },
        ];
        let names = super::NameIndex::new(people.iter().map(|p| (p, "e")));
        for text in [
            "VORONKOV spoke.",
            "Vor\u{200B}onkov spoke.",
            "Voron\u{00AD}kov spoke.",
            "Voron\u{2060}kov spoke.",
            "V\u{043E}ronkov spoke.",
            "\u{FF36}\u{FF4F}\u{FF52}\u{FF4F}\u{FF4E}\u{FF4B}\u{FF4F}\u{FF56} spoke.",
            "BOY RAFLI spoke.",
            // A whole name in any case; right-to-left overrides; Greek and rarer
            // Cyrillic look-alikes.
            "vladimir voronkov spoke.",
            "Met boy rafli amar.",
            "\u{202e}voknoroV\u{202c} spoke.",
            "\u{0392}oy Rafli spoke.",
            "Voronko\u{0475} spoke.",
            "\u{0391}mar spoke.",
        ] {
            assert!(names.find(text).is_some(), "{text:?}");
        }
        // The common noun stays a common noun; an acronym stays an acronym.
        assert!(names.find("The voronkov rule; UN and BNPT met.").is_none());
    }

    use super::*;
    use crate::dataset::Text;

    fn index(names: &[(&str, Option<&str>)]) -> NameIndex {
        let people: Vec<Participant> = names
            .iter()
            .map(|(name, family)| Participant {
                name: (*name).to_owned(),
                family: family.map(str::to_owned),
                role: Text::default(),
            })
            .collect();
        NameIndex::new(people.iter().map(|p| (p, "event-1")))
    }

    #[test]
    fn finds_family_names_and_first_words_with_case_kept() {
        let index = index(&[
            ("Vladimir Voronkov", None),
            ("Boy Rafli Amar", None),
            ("Lalu Muhammad Iqbal", None),
            ("Hermogenes C. Esperon Jr.", None),
            ("Sir George Norton", None),
            ("Wang Xiaohong", Some("Wang")),
            ("Phạm Thế Tùng", Some("Phạm")),
        ]);
        let found = |text: &str| index.find(text).map(|hit| hit.found);
        assert_eq!(found("Met Voronkov's deputy"), Some("Voronkov".into()));
        assert_eq!(found("Kepala BNPT Boy Rafli menerima"), Some("Boy Rafli".into()));
        assert_eq!(found("led by Mr Esperon"), Some("Esperon".into()));
        assert_eq!(found("Norton said"), Some("Norton".into()));
        assert_eq!(found("Minister Wang met"), Some("Wang".into()));
        assert_eq!(found("Pham met"), Some("Pham".into()));
        assert_eq!(index.find("Voronkov").unwrap().name, "Vladimir Voronkov");
        // Common words, lower case, first names alone and the suffix are not names.
        assert_eq!(found("dua tahun lalu, delegasi itu"), None);
        assert_eq!(found("voronkov in a URL slug"), None);
        assert_eq!(found("Vladimir and George and Jr"), None);
        assert_eq!(found("the UK Foreign Secretary"), None);
    }

    #[test]
    fn accents_are_dropped_for_matching() {
        assert_eq!(without_accents("Phạm Thế Tùng, Türkiye"), "Pham The Tung, Turkiye");
    }
}
