//! Every sentence and label a reader sees, in English and Bahasa Indonesia.
//!
//! A language is a file of its own (`en.rs`, `id.rs`) implementing [`Phrasebook`]: its labels,
//! month and country names, the way it counts, lists and orders, and every sentence the
//! brief model writes (findings, changes, notes, the starter spec's title). The rest of
//! the program asks this module for finished strings and never matches on a language.
//! Typst formats dates in English only and knows no Indonesian month names, so every
//! date, number and label a brief prints is formatted here and handed to the template
//! as text.
//!
//! Adding a language means a variant of [`Language`], a file implementing [`Phrasebook`] and
//! its arm in [`Language::words`]; the tests check that its labels have the same keys.

mod en;
mod id;
mod words;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::dataset::{EventType, Mode, PartnerKind, Role, Status};
use crate::dates::{PartialDate, Period, Precision};
use crate::vocab::vocabulary;

pub use words::{Against, Due, Group, Length, Pace, Phrasebook, Trend};

vocabulary! {
    /// A language a brief can be written in, by its ISO 639-1 code.
    Language("language") {
        /// English.
        En = "en",
        /// Bahasa Indonesia.
        Id = "id",
    }
}

impl Language {
    /// The ISO 639-1 code, as used in specs, `/brief.json` and the PDF.
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// The language's words: every label and sentence in it.
    pub fn words(self) -> &'static dyn Phrasebook {
        match self {
            Language::En => &en::English,
            Language::Id => &id::Indonesian,
        }
    }
}

/// The name of month `month` (1–12).
pub fn month_name(language: Language, month: u32) -> &'static str {
    language.words().months()[(month.clamp(1, 12) - 1) as usize]
}

/// A date at its precision: "9 October 2024", "Oktober 2024", "2024".
pub fn format_date(language: Language, date: PartialDate) -> String {
    match (date.month(), date.day_of_month()) {
        (Some(m), Some(d)) => format!("{d} {} {}", month_name(language, m), date.year()),
        (Some(m), None) => format!("{} {}", month_name(language, m), date.year()),
        _ => date.year().to_string(),
    }
}

/// A date or a span, shortened where the ends share a month or year:
/// "10–12 May 2022", "29 November – 2 December 2022".
pub fn format_span(language: Language, date: PartialDate, end: Option<PartialDate>) -> String {
    let Some(end) = end.filter(|e| *e != date) else {
        return format_date(language, date);
    };
    let both_days = date.precision() == Precision::Day && end.precision() == Precision::Day;
    if both_days && date.year() == end.year() {
        let (d1, m1) = (date.first_day().day(), date.first_day().month());
        let (d2, m2) = (end.first_day().day(), end.first_day().month());
        if m1 == m2 {
            return format!("{d1}–{d2} {} {}", month_name(language, m1), date.year());
        }
        return format!(
            "{d1} {} – {d2} {} {}",
            month_name(language, m1),
            month_name(language, m2),
            date.year()
        );
    }
    format!("{} – {}", format_date(language, date), format_date(language, end))
}

/// A whole number with thousands grouped: "1,234" in English, "1.234" in Indonesian.
pub fn format_number(language: Language, n: usize) -> String {
    let digits = n.to_string();
    let separator = language.words().thousands_separator();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// The period in words: "September 2022", "Q3 2022" / "Triwulan III 2022", "2022",
/// "2021–2024", or its two end dates.
pub fn period_name(language: Language, period: Period) -> String {
    let from = PartialDate::day(period.from);
    let to = PartialDate::day(period.to);
    let year = period.from.year();
    if period.is_whole_month() {
        return format!("{} {year}", month_name(language, period.from.month()));
    }
    if period.is_whole_quarter() {
        return language.words().quarter((period.from.month() - 1) / 3 + 1, year);
    }
    let whole_years =
        period.from.ordinal() == 1 && period.to.month() == 12 && period.to.day() == 31;
    if whole_years {
        return if period.is_whole_year() {
            year.to_string()
        } else {
            format!("{year}–{}", period.to.year())
        };
    }
    format_span(language, from, Some(to))
}

/// A period as a brief dated `as_of` names it: its name ([`period_name`]) once it is
/// over, else "January 2021 – 30 June 2023 (in progress)" ([`span_to_day`]).
pub fn period_label(language: Language, period: Period, as_of: NaiveDate) -> String {
    if period.elapsed(as_of).is_none() {
        return period_name(language, period);
    }
    language.words().to_date(&span_to_day(language, period.from, as_of))
}

/// A span from `from` to the day `to`, its start named as a month when it is one's
/// first day ("January 2021 – 30 June 2023"), else as a day.
pub fn span_to_day(language: Language, from: NaiveDate, to: NaiveDate) -> String {
    let start = if from.day() == 1 {
        format!("{} {}", month_name(language, from.month()), from.year())
    } else {
        format_date(language, PartialDate::day(from))
    };
    format!("{start} – {}", format_date(language, PartialDate::day(to)))
}

/// `sentence` with `caveat` said before its final stop, so that a comparison and its
/// caveat stand in one sentence.
pub fn with_caveat(sentence: String, caveat: Option<String>) -> String {
    match caveat {
        Some(caveat) => match sentence.strip_suffix('.') {
            Some(body) => format!("{body}{caveat}."),
            None => sentence + &caveat,
        },
        None => sentence,
    }
}

/// The caveat of a statement over `period` that reaches outside `coverage`: that
/// nothing has been collected yet when `period` ends after the coverage does, else that
/// the record is systematic only for its span; briefly when the brief has said it
/// `again`.
pub fn coverage_caveat(
    language: Language,
    coverage: &crate::dataset::Coverage,
    period: Period,
    again: bool,
) -> String {
    let words = language.words();
    match coverage.to {
        Some(end) if period.to > end.last_day() => {
            let end = end.year().to_string();
            if again { words.not_collected_again(&end) } else { words.not_collected(&end) }
        }
        _ => {
            let span = coverage_span(language, coverage);
            if again { words.thin_again(&span) } else { words.thin_comparison(&span) }
        }
    }
}

/// Where a dataset's record is systematic, in words, from its first declared span.
pub fn coverage_span(language: Language, coverage: &crate::dataset::Coverage) -> String {
    let name = |d| coverage_bound(language, d);
    language.words().coverage_span(&name(coverage.from), coverage.to.map(name).as_deref())
}

/// A bound of a coverage span in words: a year as its number ("2019"), else the date.
pub fn coverage_bound(language: Language, bound: PartialDate) -> String {
    match bound.precision() {
        Precision::Year => bound.year().to_string(),
        _ => format_date(language, bound),
    }
}

/// Every label in `language`, by key, for `/brief.json`.
pub fn labels(language: Language) -> BTreeMap<&'static str, &'static str> {
    language.words().labels().iter().copied().collect()
}

/// One label; panics on an unknown key, which is a programming error caught by tests.
pub fn label(language: Language, key: &str) -> &'static str {
    find_label(language, key).unwrap_or_else(|| panic!("no label `{key}`"))
}

/// One label, if `language` has it.
fn find_label(language: Language, key: &str) -> Option<&'static str> {
    language.words().labels().iter().find(|(k, _)| *k == key).map(|(_, text)| *text)
}

/// "engagement" or "engagements" for a count of `n`: the one place where a count's noun
/// agrees with it (Indonesian nouns do not change with number).
pub fn engagements(language: Language, n: usize) -> &'static str {
    language.words().engagements(n)
}

/// The label `key` for a count of `n`: its singular `key-1` for one where the language's
/// nouns agree with their count ("1 partner", "2 partners"); Indonesian keeps one form.
pub fn counted(language: Language, key: &str, n: usize) -> &'static str {
    if n == 1
        && let Some(singular) = find_label(language, &format!("{key}-1"))
    {
        return singular;
    }
    label(language, key)
}

/// A count inside a sentence: in words from one to nine ("three" / "tiga"), as
/// newsrooms write them, else in digits.
pub fn count_in_words(language: Language, n: usize) -> String {
    match n {
        1..=9 => language.words().small_numbers()[n - 1].to_owned(),
        _ => format_number(language, n),
    }
}

/// An ordinal: "1st", "22nd", "4th" in English, "ke-4" in Indonesian.
pub fn ordinal(language: Language, n: u32) -> String {
    language.words().ordinal(n)
}

/// Items joined as a reader expects: "A", "A and B", "A, B and C"; in Indonesian
/// "A dan B", "A, B, dan C" (the serial comma of formal Indonesian). `separator` goes
/// between all but the last two (", " or "; ").
pub fn join_list(language: Language, items: &[String], separator: &str) -> String {
    let words = language.words();
    let and = words.and();
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            // "A; B; and C", and "A and B" for two, unless an item holds a comma of its
            // own: then "A, after B; and C", so that the last item is not read as B's.
            let holds_comma = separator == "; " && items.iter().any(|i| i.contains(", "));
            let serial = (rest.len() > 1 || holds_comma) && words.serial_comma(separator);
            let and =
                if serial { format!("{}{and}", separator.trim_end()) } else { and.to_owned() };
            format!("{}{and}{last}", rest.join(separator))
        }
    }
}

/// The partners of an event in one role other than counterpart, in words: "hosted by
/// Thailand", "invited: the United Kingdom and Australia" ("tuan rumah: Thailand",
/// "undangan: Inggris dan Australia").
pub fn role_phrase(language: Language, role: Role, names: &[String]) -> String {
    let list = join_list(language, names, ", ");
    match role {
        Role::Counterpart => list,
        role => language.words().role_phrase(role, &list),
    }
}

/// A name as an item after the first of a run-in list ("Topics: Threat assessment,
/// information exchange"): its first letter in lower case, unless the first word is an
/// acronym or a proper name in capitals ("KBRN", "P/CVE").
pub fn list_item(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(name[first.len_utf8()..].chars()).collect()
        }
        _ => name.to_owned(),
    }
}

/// `count` engagements over `months` as a yearly rate, to one decimal in the
/// language's form ("1.5", "1,5"; "3" for a whole rate).
pub fn per_year(language: Language, count: usize, months: u32) -> String {
    let tenths = (count * 120 + months as usize / 2).checked_div(months as usize).unwrap_or(0);
    match tenths % 10 {
        0 => format_number(language, tenths / 10),
        rest => {
            let whole = format_number(language, tenths / 10);
            format!("{whole}{}{rest}", language.words().decimal_separator())
        }
    }
}

/// A share as a whole percentage: "38%".
pub fn percent(part: usize, whole: usize) -> String {
    let share = (part * 100 + whole / 2).checked_div(whole).unwrap_or(0);
    format!("{share}%")
}

/// A partner's name as it stands inside a sentence: "the United Kingdom" in English,
/// where English puts an article; the name itself where the language has none.
pub fn in_sentence(language: Language, name: &str) -> String {
    language.words().in_sentence(name)
}

/// What a TLP 2.0 marking (by its label, `TLP:AMBER`) allows the reader to do with the
/// brief, in `language`.
pub fn marking_statement(language: Language, marking: &str) -> &'static str {
    language.words().marking_statement(marking)
}

/// `text` with typographic quotes and apostrophes: `"` becomes “ or ” and `'` becomes
/// ’ (apostrophes and closing quotes) or ‘ (opening quotes), judged by the characters
/// around each mark. English and Indonesian both quote with “…” and ‘…’.
pub fn typographic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        // A mark opens a quotation at the start, after a space or an opening bracket or
        // dash, and after another opening mark.
        let opens = before.is_none_or(|b| {
            b.is_whitespace() || matches!(b, '(' | '[' | '{' | '—' | '–' | '/' | '“' | '‘')
        });
        let next_is_text = chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        out.push(match c {
            '"' if opens && next_is_text => '“',
            '"' => '”',
            '\'' if opens && next_is_text => '‘',
            '\'' => '’',
            other => other,
        });
    }
    out
}

/// `text` with its first letter in capitals, for the start of a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The name of an event type.
pub fn event_type(language: Language, kind: EventType) -> &'static str {
    label(language, &format!("type-{}", kind.as_str()))
}

/// The name of a status.
pub fn status(language: Language, status: Status) -> &'static str {
    label(language, &format!("status-{}", status.as_str()))
}

/// The name of a partner kind.
pub fn partner_kind(language: Language, kind: PartnerKind) -> &'static str {
    label(language, &format!("kind-{}", kind.as_str()))
}

/// The name of a meeting mode.
pub fn mode(language: Language, mode: Mode) -> &'static str {
    label(language, &format!("mode-{}", mode.as_str()))
}

/// A city's name in `language`: the dataset writes English names ("Vienna"), and an
/// Indonesian brief says "Wina".
pub fn city(language: Language, name: &str) -> String {
    language.words().city(name).unwrap_or(name).to_owned()
}

/// A country's name in `language`, from its ISO 3166-1 alpha-3 code; the code itself
/// when it is not in the table.
pub fn country(language: Language, code: &str) -> String {
    language
        .words()
        .countries()
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_in_list_item_keeps_acronyms_and_lowers_a_common_noun() {
        assert_eq!(list_item("Information exchange"), "information exchange");
        assert_eq!(list_item("KBRN dan terorisme kimia"), "KBRN dan terorisme kimia");
        assert_eq!(list_item("P/CVE"), "P/CVE");
        assert_eq!(list_item(""), "");
    }

    #[test]
    fn a_yearly_rate_has_one_decimal_rounded_half_up_in_the_language_s_form() {
        assert_eq!(per_year(Language::En, 13, 48), "3.3");
        assert_eq!(per_year(Language::Id, 13, 48), "3,3");
        assert_eq!(per_year(Language::En, 3, 24), "1.5");
        assert_eq!(per_year(Language::En, 6, 24), "3");
        assert_eq!(per_year(Language::En, 10, 30), "4");
        assert_eq!(per_year(Language::En, 1, 0), "0");
    }

    fn p(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_period_not_yet_over_is_named_by_its_dates_in_both_languages() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let period = Period { from: day("2021-01-01"), to: day("2024-12-31") };
        assert_eq!(
            period_label(Language::En, period, day("2023-06-30")),
            "January 2021 – 30 June 2023 (in progress)"
        );
        assert_eq!(
            period_label(Language::Id, period, day("2023-06-30")),
            "Januari 2021 – 30 Juni 2023 (periode berjalan)"
        );
        assert_eq!(period_label(Language::En, period, day("2025-01-01")), "2021–2024");
        assert_eq!(
            span_to_day(Language::En, day("2021-03-15"), day("2021-04-02")),
            "15 March 2021 – 2 April 2021"
        );
    }

    #[test]
    fn sentences_get_their_ordinals_lists_and_articles() {
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 103]
            .iter()
            .map(|n| ordinal(Language::En, *n))
            .collect();
        assert_eq!(
            ordinals,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd"]
        );
        assert_eq!(ordinal(Language::Id, 4), "ke-4");
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(Language::En, &items(&["A", "B", "C"]), ", "), "A, B and C");
        assert_eq!(join_list(Language::Id, &items(&["A", "B"]), ", "), "A dan B");
        assert_eq!(join_list(Language::En, &items(&["A", "B", "C"]), "; "), "A; B; and C");
        assert_eq!(join_list(Language::En, &items(&["A", "B"]), "; "), "A and B");
        assert_eq!(percent(5, 13), "38%");
        for (name, expected) in [
            ("United Kingdom", "the United Kingdom"),
            ("Philippines", "the Philippines"),
            ("Netherlands", "the Netherlands"),
            ("UN Office of Counter-Terrorism", "the UN Office of Counter-Terrorism"),
            ("European Union", "the European Union"),
            ("ASEAN Regional Forum", "the ASEAN Regional Forum"),
            ("Australia", "Australia"),
            ("INTERPOL", "INTERPOL"),
            ("ASEAN", "ASEAN"),
            ("Hedayah", "Hedayah"),
            ("Cyprus", "Cyprus"),
            ("Solomon Islands", "the Solomon Islands"),
        ] {
            assert_eq!(in_sentence(Language::En, name), expected);
        }
        assert_eq!(in_sentence(Language::Id, "Inggris"), "Inggris");
        assert_eq!(capitalised("the United Kingdom"), "The United Kingdom");
        assert_eq!(count_in_words(Language::Id, 1), "satu");
        assert_eq!(count_in_words(Language::Id, 7), "tujuh");
        assert_eq!(count_in_words(Language::En, 9), "nine");
        assert_eq!(count_in_words(Language::En, 10), "10");
        assert_eq!(count_in_words(Language::En, 1200), "1,200");
    }

    #[test]
    fn indonesian_dates_use_indonesian_month_names() {
        assert_eq!(format_date(Language::Id, p("2024-10-09")), "9 Oktober 2024");
        assert_eq!(format_date(Language::En, p("2024-10-09")), "9 October 2024");
        assert_eq!(format_date(Language::Id, p("2022-08")), "Agustus 2022");
        assert_eq!(format_date(Language::En, p("2025")), "2025");
    }

    #[test]
    fn spans_share_their_month_and_year() {
        assert_eq!(
            format_span(Language::En, p("2022-05-10"), Some(p("2022-05-12"))),
            "10–12 May 2022"
        );
        assert_eq!(
            format_span(Language::Id, p("2022-11-29"), Some(p("2022-12-02"))),
            "29 November – 2 Desember 2022"
        );
        assert_eq!(
            format_span(Language::En, p("2021-11-11"), Some(p("2021-11-11"))),
            "11 November 2021"
        );
    }

    #[test]
    fn numbers_group_thousands_by_language() {
        assert_eq!(format_number(Language::En, 1_234_567), "1,234,567");
        assert_eq!(format_number(Language::Id, 1_234_567), "1.234.567");
        assert_eq!(format_number(Language::Id, 70), "70");
    }

    #[test]
    fn periods_are_named_in_words() {
        let period = |a: &str, b: &str| Period::between(p(a), p(b));
        assert_eq!(period_name(Language::En, period("2022-09", "2022-09")), "September 2022");
        assert_eq!(period_name(Language::Id, period("2022-09", "2022-09")), "September 2022");
        assert_eq!(period_name(Language::En, period("2022-07", "2022-09")), "Q3 2022");
        assert_eq!(period_name(Language::Id, period("2022-07", "2022-09")), "Triwulan III 2022");
        assert_eq!(period_name(Language::En, period("2022", "2022")), "2022");
        assert_eq!(period_name(Language::En, period("2021", "2024")), "2021–2024");
        assert_eq!(
            period_name(Language::Id, period("2024-01-01", "2024-03-05")),
            "1 Januari – 5 Maret 2024"
        );
    }

    #[test]
    fn every_label_exists_in_both_languages() {
        for language in Language::ALL {
            let keys: Vec<&str> = language.words().labels().iter().map(|(k, _)| *k).collect();
            let english: Vec<&str> =
                Language::En.words().labels().iter().map(|(k, _)| *k).collect();
            assert_eq!(keys, english, "{language:?} has other label keys than English");
            for (key, text) in language.words().labels() {
                assert!(!text.is_empty(), "label `{key}` is empty in {language:?}");
            }
        }
        for kind in EventType::ALL {
            event_type(Language::Id, *kind);
        }
        for kind in PartnerKind::ALL {
            partner_kind(Language::Id, *kind);
        }
        for m in Mode::ALL {
            mode(Language::Id, *m);
        }
    }

    /// Every `label(…, "key")` in the source names a label that exists: a typo in a key
    /// fails here, not in a brief at run time.
    #[test]
    fn every_label_key_in_the_source_exists() {
        fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                if entry.is_dir() {
                    rust_files(&entry, out);
                } else if entry.extension().is_some_and(|x| x == "rs") {
                    out.push(entry);
                }
            }
        }
        let mut files = Vec::new();
        rust_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut checked = 0;
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            let code: Vec<&str> =
                source.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
            let text = code.join("\n");
            for call in text.split("label(").skip(1) {
                let Some((_, rest)) = call.split_once(", \"") else { continue };
                let Some((key, _)) = rest.split_once('"') else { continue };
                if call.split_once(", \"").is_some_and(|(arg, _)| arg.contains(')')) {
                    continue;
                }
                assert!(
                    find_label(Language::En, key).is_some(),
                    "{}: no label `{key}`",
                    file.display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} label keys found");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(Language::En, "figure-partners", 1), "partner");
        assert_eq!(counted(Language::En, "figure-partners", 2), "partners");
        assert_eq!(counted(Language::En, "figure-agreements", 1), "MoU or other instrument");
        assert_eq!(counted(Language::Id, "figure-partners", 1), "mitra");
        assert_eq!(
            counted(Language::En, "figure-planned", 1),
            label(Language::En, "figure-planned")
        );
        for (key, _) in Language::En.words().labels().iter().filter(|(k, _)| k.ends_with("-1")) {
            let plural = key.trim_end_matches("-1");
            assert!(find_label(Language::En, plural).is_some(), "`{key}` has no plural");
        }
    }

    #[test]
    fn indonesian_briefs_give_cities_their_indonesian_names() {
        assert_eq!(city(Language::Id, "Vienna"), "Wina");
        assert_eq!(city(Language::Id, "Brussels"), "Brussel");
        assert_eq!(city(Language::Id, "Jakarta"), "Jakarta");
        assert_eq!(city(Language::En, "Vienna"), "Vienna");
    }

    #[test]
    fn lists_take_the_serial_comma_in_indonesian_only() {
        let items = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let three = items(&["Inggris", "Australia", "UNOCT"]);
        assert_eq!(join_list(Language::Id, &three, ", "), "Inggris, Australia, dan UNOCT");
        assert_eq!(join_list(Language::En, &three, ", "), "Inggris, Australia and UNOCT");
        assert_eq!(join_list(Language::Id, &three[..2], ", "), "Inggris dan Australia");
        assert_eq!(join_list(Language::En, &three, "; "), "Inggris; Australia; and UNOCT");
    }

    #[test]
    fn quotes_and_apostrophes_become_typographic() {
        assert_eq!(typographic("Indonesia's \"soft approach\""), "Indonesia’s “soft approach”");
        assert_eq!(typographic("the heads' talks ('2+2')"), "the heads’ talks (‘2+2’)");
        assert_eq!(typographic("\"Rabu (2/9)\"; \"Kamis\"."), "“Rabu (2/9)”; “Kamis”.");
        assert_eq!(typographic("no marks at all"), "no marks at all");
    }

    /// The terms docs/style-id.md rejects appear in no Indonesian label and no
    /// Indonesian text of the bundled dataset.
    #[test]
    fn no_indonesian_text_uses_a_rejected_term() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let style = std::fs::read_to_string(root.join("docs/style-id.md")).unwrap();
        let list = style.split("## Rejected terms").nth(1).expect("the list of rejected terms");
        let rejected: Vec<String> = list
            .lines()
            .filter_map(|l| l.strip_prefix("- `")?.strip_suffix('`'))
            .map(str::to_lowercase)
            .collect();
        assert!(rejected.len() >= 10, "{rejected:?}");
        let mut texts: Vec<(String, String)> = Language::Id
            .words()
            .labels()
            .iter()
            .map(|(key, text)| (format!("label `{key}`"), text.to_string()))
            .collect();
        for file in
            ["data/events.toml", "data/partners.toml", "data/glossary.toml", "data/topics.toml"]
        {
            let value: toml::Value =
                toml::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
            collect_indonesian(&value, file, &mut texts);
        }
        assert!(texts.len() > 500, "{}", texts.len());
        for (place, text) in &texts {
            let lower = text.to_lowercase();
            for term in &rejected {
                assert!(!lower.contains(term.as_str()), "{place} uses `{term}`: {text}");
            }
        }
    }

    /// Every `id = "…"` string below `value` (the Indonesian half of a bilingual text).
    fn collect_indonesian(value: &toml::Value, place: &str, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::Table(table) => {
                for (key, inner) in table {
                    match (key.as_str(), inner) {
                        ("id", toml::Value::String(text)) if table.contains_key("en") => {
                            out.push((place.to_owned(), text.clone()));
                        }
                        _ => collect_indonesian(inner, place, out),
                    }
                }
            }
            toml::Value::Array(items) => {
                for item in items {
                    collect_indonesian(item, place, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn indonesian_labels_contain_no_english_month_names() {
        let english_only = [
            "January", "February", "March", "May", "June", "July", "August", "October", "December",
        ];
        for (key, id) in Language::Id.words().labels() {
            for month in english_only {
                assert!(!id.contains(month), "label `{key}` has `{month}` in Indonesian");
            }
        }
    }
}
