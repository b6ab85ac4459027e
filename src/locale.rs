//! English and Bahasa Indonesia: labels, month names, dates, numbers and period names.
//!
//! Typst formats dates in English only and knows no Indonesian month names, so every
//! date, number and label a brief prints is formatted here and handed to the template
//! as text.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::dataset::{EventType, Mode, PartnerKind, Status};
use crate::dates::{PartialDate, Period, Precision};
use crate::vocab::vocabulary;

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

    /// Picks the English or the Indonesian text.
    fn pick<'a>(self, en: &'a str, id: &'a str) -> &'a str {
        match self {
            Language::En => en,
            Language::Id => id,
        }
    }
}

/// Month names, January first.
const MONTHS: [(&str, &str); 12] = [
    ("January", "Januari"),
    ("February", "Februari"),
    ("March", "Maret"),
    ("April", "April"),
    ("May", "Mei"),
    ("June", "Juni"),
    ("July", "Juli"),
    ("August", "Agustus"),
    ("September", "September"),
    ("October", "Oktober"),
    ("November", "November"),
    ("December", "Desember"),
];

/// The name of month `month` (1–12).
pub fn month_name(language: Language, month: u32) -> &'static str {
    let (en, id) = MONTHS[(month.clamp(1, 12) - 1) as usize];
    language.pick(en, id)
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
    let separator = language.pick(",", ".");
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
        let quarter = (period.from.month() - 1) / 3 + 1;
        let roman = ["I", "II", "III", "IV"][quarter as usize - 1];
        return match language {
            Language::En => format!("Q{quarter} {year}"),
            Language::Id => format!("Triwulan {roman} {year}"),
        };
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

/// A translated label: its key, English and Indonesian text.
type Entry = (&'static str, &'static str, &'static str);

/// Every label a template may print, in both languages.
const LABELS: &[Entry] = &[
    // Cover and running heads.
    ("brief", "Policy brief", "Ringkasan kebijakan"),
    (
        "agency",
        "BNPT · National Counter-Terrorism Agency",
        "BNPT · Badan Nasional Penanggulangan Terorisme",
    ),
    ("period", "Period", "Periode"),
    ("as-of", "As of", "Tanggal acuan"),
    ("prepared-by", "Prepared by", "Disusun oleh"),
    ("audience", "Audience", "Pembaca"),
    ("marking", "Marking", "Penandaan"),
    ("page", "Page", "Halaman"),
    ("page-of", "of", "dari"),
    ("contents", "Contents", "Daftar isi"),
    ("glossary", "Abbreviations", "Daftar singkatan"),
    ("note", "Note", "Catatan"),
    ("reference", "Reference", "Nomor dokumen"),
    ("contact", "Contact", "Kontak"),
    ("colophon", "Colophon", "Kolofon"),
    ("public-release", "For public release", "Untuk publikasi umum"),
    // Section default titles.
    ("section-key-figures", "Key figures", "Angka utama"),
    ("section-timeline", "Timeline of engagements", "Lini masa kegiatan"),
    ("section-partners", "Partner profiles", "Profil mitra"),
    ("section-events", "Engagements", "Kegiatan kerja sama"),
    ("section-table", "Engagements at a glance", "Ikhtisar kegiatan"),
    ("section-upcoming", "Coming up", "Agenda mendatang"),
    ("section-text", "Notes", "Catatan"),
    ("section-sources", "Sources", "Sumber"),
    ("section-methodology", "Methodology", "Metodologi"),
    ("section-summary", "Summary", "Ringkasan"),
    ("section-findings", "Key findings", "Temuan utama"),
    ("section-changes", "Changes since the previous period", "Perubahan sejak periode sebelumnya"),
    ("section-assessment", "Assessment", "Penilaian"),
    ("section-recommendations", "Recommendations", "Rekomendasi"),
    ("section-outlook", "Outlook", "Prospek"),
    ("changes-total", "All engagements held", "Jumlah kegiatan terlaksana"),
    ("changes-by-type", "By type", "Menurut jenis"),
    ("changes-by-partner", "By partner", "Menurut mitra"),
    ("changes-delta", "Change", "Selisih"),
    // Key figures.
    ("figure-events", "engagements", "kegiatan"),
    ("figure-events-1", "engagement", "kegiatan"),
    ("figure-partners", "partners", "mitra"),
    ("figure-partners-1", "partner", "mitra"),
    ("figure-agreements", "MoUs and agreements", "MoU atau perjanjian"),
    ("figure-agreements-1", "MoU or agreement", "MoU atau perjanjian"),
    ("figure-working-groups", "working-group meetings", "pertemuan kelompok kerja"),
    ("figure-working-groups-1", "working-group meeting", "pertemuan kelompok kerja"),
    ("figure-planned", "announced, still to come", "diumumkan, akan berlangsung"),
    (
        "figure-unconfirmed",
        "announced, date passed, no report held",
        "diumumkan, tanggal lewat, belum dilaporkan terlaksana",
    ),
    ("by-partner", "By partner", "Menurut mitra"),
    ("by-type", "By type", "Menurut jenis"),
    ("by-year", "By year", "Menurut tahun"),
    // Event entries and tables.
    ("date", "Date", "Tanggal"),
    ("event", "Engagement", "Kegiatan"),
    ("partner", "Partner", "Mitra"),
    ("partners", "Partners", "Mitra"),
    ("place", "Place", "Tempat"),
    ("type", "Type", "Jenis"),
    ("status", "Status", "Status"),
    ("participants", "Participants", "Peserta"),
    ("topics", "Topics", "Topik"),
    ("date-note", "Note on the date", "Catatan tanggal"),
    ("sources-ref", "Sources", "Sumber"),
    ("count", "Number", "Jumlah"),
    // Timeline.
    ("timeline-held", "Held", "Terlaksana"),
    ("timeline-planned", "Planned or announced", "Direncanakan atau diumumkan"),
    ("timeline-other", "Other partners", "Mitra lain"),
    (
        "timeline-span-held",
        "Held over a longer period, or dated to the month only",
        "Terlaksana dalam kurun yang lebih panjang, atau hanya diketahui bulannya",
    ),
    (
        "timeline-span-planned",
        "Planned over a longer period, or dated to the month only",
        "Direncanakan dalam kurun yang lebih panjang, atau hanya diketahui bulannya",
    ),
    (
        "timeline-cluster",
        "Several engagements a few days apart (the number shown)",
        "Beberapa kegiatan yang berdekatan waktunya (jumlahnya tertera)",
    ),
    (
        "timeline-alt",
        "Timeline of engagements, one lane per partner, with the number in each lane",
        "Lini masa kegiatan, satu lajur per mitra, dengan jumlah pada setiap lajur",
    ),
    // Partner profiles.
    ("profile-kind", "Kind", "Jenis"),
    ("profile-first", "First engagement in this period", "Kegiatan pertama pada periode ini"),
    ("profile-latest", "Latest engagement in this period", "Kegiatan terakhir pada periode ini"),
    ("profile-in-period", "Engagements in this period", "Kegiatan pada periode ini"),
    ("profile-type", "Type of engagement", "Jenis kegiatan"),
    ("profile-agreements", "Agreements in this period", "Perjanjian pada periode ini"),
    ("profile-none", "None in this period", "Tidak ada pada periode ini"),
    ("empty-period-again", "None in this period.", "Tidak ada pada periode ini."),
    // Sources.
    ("source-published", "published", "terbit"),
    ("contents", "Contents", "Daftar isi"),
    ("source-secondary", "secondary copy", "salinan pihak ketiga"),
    (
        "source-accessed-note",
        "Numbers in brackets in the text refer to this list. A page's access date is given where the dataset records it.",
        "Angka dalam kurung siku pada teks merujuk ke daftar ini. Tanggal akses halaman dicantumkan bila dataset mencatatnya.",
    ),
    ("source-accessed", "accessed", "diakses"),
    // Methodology and colophon.
    ("method-dataset", "Dataset", "Dataset"),
    ("method-version", "Version", "Versi"),
    ("method-size", "Records in dataset", "Jumlah entri dalam dataset"),
    ("method-selected", "Engagements in this brief", "Kegiatan dalam ringkasan ini"),
    ("method-filters", "Filters", "Filter"),
    ("method-no-filter", "none", "tidak ada"),
    ("method-period", "Period", "Periode"),
    ("method-as-of", "As-of date", "Tanggal acuan"),
    ("method-tool", "Produced with", "Dibuat dengan"),
    ("method-spec", "Specification", "Spesifikasi"),
    (
        "method-matching",
        "An engagement is included when its date, at the precision the sources give (day, month or year), overlaps the period. Dates that are inferred or disputed are marked and explained.",
        "Sebuah kegiatan dicantumkan bila tanggalnya, pada ketelitian yang diberikan sumber (hari, bulan, atau tahun), beririsan dengan periode. Tanggal yang disimpulkan atau diperselisihkan ditandai dan dijelaskan.",
    ),
    (
        "method-sources",
        "Every engagement rests on at least one published source, listed under Sources.",
        "Setiap kegiatan didukung sedikitnya satu sumber terbitan, yang tercantum pada bagian Sumber.",
    ),
    (
        "method-sources-unlisted",
        "Every engagement rests on at least one published source, recorded in the dataset; this brief does not list them.",
        "Setiap kegiatan didukung sedikitnya satu sumber terbitan yang tercatat dalam dataset; ringkasan ini tidak mencantumkannya.",
    ),
    (
        "method-point-in-time",
        "The brief knows only what was public on its as-of date: it uses and cites only sources published by then, and gives each engagement its status on that date. An engagement is held when a source reports that it took place, planned while its announced date is still to come, and unconfirmed when that date has passed with no report that it took place; unconfirmed engagements are not counted.",
        "Ringkasan ini hanya memuat apa yang sudah terbit pada tanggal acuannya: hanya sumber yang terbit sampai tanggal itu yang dipakai dan dikutip, dan setiap kegiatan diberi status pada tanggal itu. Kegiatan berstatus terlaksana bila ada sumber yang melaporkannya, direncanakan selama tanggal yang diumumkan belum tiba, dan belum terkonfirmasi bila tanggal itu sudah lewat tanpa laporan bahwa kegiatan terlaksana; kegiatan yang belum terkonfirmasi tidak dihitung.",
    ),
    // Empty sections.
    (
        "empty-period",
        "No engagements are on record for this period.",
        "Tidak ada kegiatan yang tercatat pada periode ini.",
    ),
    (
        "empty-events",
        "No engagements in this period match the brief's filters.",
        "Tidak ada kegiatan pada periode ini yang sesuai dengan filter ringkasan.",
    ),
    (
        "empty-upcoming",
        "No planned engagements after the as-of date are on record.",
        "Tidak ada rencana kegiatan setelah tanggal acuan yang tercatat.",
    ),
    (
        "empty-sources",
        "No sources: the brief cites no engagement.",
        "Tidak ada sumber: ringkasan ini tidak memuat kegiatan.",
    ),
    // Vocabularies.
    ("type-mou", "MoU", "MoU"),
    ("type-agreement", "Agreement", "Perjanjian"),
    ("type-working-group", "Working group", "Kelompok kerja"),
    ("type-consultation", "Consultation", "Konsultasi"),
    ("type-meeting", "Meeting", "Pertemuan"),
    ("type-courtesy-call", "Courtesy call", "Kunjungan kehormatan"),
    ("type-visit", "Visit", "Kunjungan"),
    ("type-conference", "Conference", "Konferensi"),
    ("type-training", "Workshop or training", "Lokakarya atau pelatihan"),
    ("type-seminar", "Seminar", "Seminar"),
    ("type-framework", "Framework", "Kerangka kerja"),
    ("type-programme", "Programme", "Program"),
    ("status-held", "Held", "Terlaksana"),
    ("status-planned", "Planned", "Direncanakan"),
    ("status-unconfirmed", "Unconfirmed", "Belum terkonfirmasi"),
    ("status-note", "Status", "Status"),
    ("kind-country", "Country", "Negara"),
    ("kind-organisation", "International organisation", "Organisasi internasional"),
    ("kind-regional-body", "Regional body", "Badan kawasan"),
    ("mode-in-person", "in person", "tatap muka"),
    ("mode-hybrid", "hybrid", "hibrida"),
    ("mode-virtual", "online", "daring"),
    ("audience-executive", "Executive", "Pimpinan"),
    ("audience-analyst", "Analyst", "Analis"),
    ("audience-public", "Public", "Publik"),
];

/// Every label in `language`, by key, for `/brief.json`.
pub fn labels(language: Language) -> BTreeMap<&'static str, &'static str> {
    LABELS.iter().map(|(key, en, id)| (*key, language.pick(en, id))).collect()
}

/// One label; panics on an unknown key, which is a programming error caught by tests.
pub fn label(language: Language, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, id)| language.pick(en, id))
        .unwrap_or_else(|| panic!("no label `{key}`"))
}

/// "engagement" or "engagements" for a count of `n`: the one place where a count's noun
/// agrees with it (Indonesian nouns do not change with number).
pub fn engagements(language: Language, n: usize) -> &'static str {
    match (language, n) {
        (Language::En, 1) => "engagement",
        (Language::En, _) => "engagements",
        (Language::Id, _) => "kegiatan",
    }
}

/// The label `key` for a count of `n`: its singular `key-1` for one in English, where a
/// noun agrees with its count ("1 partner", "2 partners"); Indonesian keeps one form.
pub fn counted(language: Language, key: &str, n: usize) -> &'static str {
    if language == Language::En && n == 1 {
        let singular = format!("{key}-1");
        if let Some((_, en, _)) = LABELS.iter().find(|(k, _, _)| *k == singular) {
            return en;
        }
    }
    label(language, key)
}

/// A count inside a sentence: "one" / "satu" for one, else the number in digits.
pub fn count_in_words(language: Language, n: usize) -> String {
    match n {
        1 => language.pick("one", "satu").to_owned(),
        _ => format_number(language, n),
    }
}

/// An ordinal: "1st", "22nd", "4th" in English, "ke-4" in Indonesian.
pub fn ordinal(language: Language, n: u32) -> String {
    match language {
        Language::Id => format!("ke-{n}"),
        Language::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// Items joined as a reader expects: "A", "A and B", "A, B and C"; in Indonesian
/// "A dan B", "A, B, dan C" (the serial comma of formal Indonesian). `separator` goes
/// between all but the last two (", " or "; ").
pub fn join_list(language: Language, items: &[String], separator: &str) -> String {
    let and = language.pick(" and ", " dan ");
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            // "A; B; and C", but "A and B" for two.
            let serial = rest.len() > 1 && (separator == "; " || language == Language::Id);
            let and =
                if serial { format!("{}{and}", separator.trim_end()) } else { and.to_owned() };
            format!("{}{and}{last}", rest.join(separator))
        }
    }
}

/// The partners of an event in one role other than counterpart, in words: "hosted by
/// Thailand", "invited: the United Kingdom and Australia" ("tuan rumah: Thailand",
/// "undangan: Inggris dan Australia").
pub fn role_phrase(language: Language, role: crate::dataset::Role, names: &[String]) -> String {
    use crate::dataset::Role;
    let list = join_list(language, names, ", ");
    match (role, language) {
        (Role::Counterpart, _) => list,
        (Role::Host, Language::En) => format!("hosted by {list}"),
        (Role::Host, Language::Id) => format!("tuan rumah: {list}"),
        (Role::Invitee, Language::En) => format!("invited: {list}"),
        (Role::Invitee, Language::Id) => format!("undangan: {list}"),
        (Role::Observer, Language::En) => format!("observing: {list}"),
        (Role::Observer, Language::Id) => format!("peninjau: {list}"),
        (Role::Subject, Language::En) => format!("concerning {list}"),
        (Role::Subject, Language::Id) => format!("terkait {list}"),
    }
}

/// A share as a whole percentage: "38%".
pub fn percent(part: usize, whole: usize) -> String {
    let share = (part * 100 + whole / 2).checked_div(whole).unwrap_or(0);
    format!("{share}%")
}

/// A partner's name as it stands inside an English sentence: with "the" where English
/// puts one ("the United Kingdom", "the Philippines", "the UN Office of
/// Counter-Terrorism"), bare otherwise ("Australia", "INTERPOL", "ASEAN"). Indonesian
/// has no article.
pub fn in_sentence(language: Language, name: &str) -> String {
    if language == Language::Id || name.starts_with("the ") {
        return name.to_owned();
    }
    // Words that make a name take "the", and the plural names of states that do; a
    // name such as "Cyprus" or "Laos" ends in s and takes none.
    const WORDS: [&str; 13] = [
        "United",
        "Union",
        "Republic",
        "Kingdom",
        "States",
        "Emirates",
        "Office",
        "Forum",
        "Directorate",
        "Institute",
        "Alliance",
        "Committee",
        "Islands",
    ];
    const PLURAL_STATES: [&str; 6] =
        ["Philippines", "Netherlands", "Bahamas", "Maldives", "Comoros", "Seychelles"];
    let words: Vec<&str> = name.split_whitespace().collect();
    let takes_article = PLURAL_STATES.contains(&name)
        || words.first() == Some(&"UN")
        || words.iter().any(|w| WORDS.contains(w))
        || words.contains(&"of")
        || words.contains(&"system");
    if takes_article { format!("the {name}") } else { name.to_owned() }
}

/// What a TLP 2.0 marking allows the reader to do with the brief, in `language`.
pub fn marking_statement(language: Language, marking: crate::spec::Marking) -> &'static str {
    use crate::spec::Marking;
    match (marking, language) {
        (Marking::Red, Language::En) => {
            "TLP:RED: for the eyes and ears of the named recipients only; no further disclosure."
        }
        (Marking::Red, Language::Id) => {
            "TLP:RED: hanya untuk penerima yang dituju; tidak boleh diungkapkan lebih lanjut."
        }
        (Marking::AmberStrict, Language::En) => {
            "TLP:AMBER+STRICT: recipients may share it only within their own organisation, on a need-to-know basis."
        }
        (Marking::AmberStrict, Language::Id) => {
            "TLP:AMBER+STRICT: penerima hanya boleh membagikannya di dalam organisasinya sendiri, sebatas yang perlu mengetahui."
        }
        (Marking::Amber, Language::En) => {
            "TLP:AMBER: recipients may share it on a need-to-know basis within their organisation and with its clients."
        }
        (Marking::Amber, Language::Id) => {
            "TLP:AMBER: penerima boleh membagikannya sebatas yang perlu mengetahui, di dalam organisasinya dan kepada kliennya."
        }
        (Marking::Green, Language::En) => {
            "TLP:GREEN: recipients may share it within their community, but not through publicly accessible channels."
        }
        (Marking::Green, Language::Id) => {
            "TLP:GREEN: penerima boleh membagikannya di dalam komunitasnya, tetapi tidak melalui saluran yang dapat diakses publik."
        }
        (Marking::Clear, Language::En) => {
            "TLP:CLEAR: no limit on disclosure; it may be shared freely."
        }
        (Marking::Clear, Language::Id) => {
            "TLP:CLEAR: tidak ada batasan pengungkapan; boleh disebarluaskan secara bebas."
        }
    }
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

/// Country names by ISO 3166-1 alpha-3 code.
const COUNTRIES: &[Entry] = &[
    ("ARE", "United Arab Emirates", "Uni Emirat Arab"),
    ("AUS", "Australia", "Australia"),
    ("AUT", "Austria", "Austria"),
    ("BEL", "Belgium", "Belgia"),
    ("CAN", "Canada", "Kanada"),
    ("CHN", "China", "Tiongkok"),
    ("DEU", "Germany", "Jerman"),
    ("EGY", "Egypt", "Mesir"),
    ("FRA", "France", "Prancis"),
    ("GBR", "United Kingdom", "Inggris"),
    ("IDN", "Indonesia", "Indonesia"),
    ("IND", "India", "India"),
    ("JOR", "Jordan", "Yordania"),
    ("JPN", "Japan", "Jepang"),
    ("MAR", "Morocco", "Maroko"),
    ("MYS", "Malaysia", "Malaysia"),
    ("NLD", "Netherlands", "Belanda"),
    ("NZL", "New Zealand", "Selandia Baru"),
    ("OMN", "Oman", "Oman"),
    ("PHL", "Philippines", "Filipina"),
    ("QAT", "Qatar", "Qatar"),
    ("RUS", "Russia", "Rusia"),
    ("SAU", "Saudi Arabia", "Arab Saudi"),
    ("SGP", "Singapore", "Singapura"),
    ("THA", "Thailand", "Thailand"),
    ("TUR", "Türkiye", "Turki"),
    ("USA", "United States", "Amerika Serikat"),
    ("VNM", "Viet Nam", "Vietnam"),
];

/// Cities whose Indonesian name differs from the English one the dataset records.
const CITIES_ID: [(&str, &str); 7] = [
    ("Brussels", "Brussel"),
    ("Cairo", "Kairo"),
    ("Geneva", "Jenewa"),
    ("Moscow", "Moskow"),
    ("The Hague", "Den Haag"),
    ("Vienna", "Wina"),
    ("Lisbon", "Lisabon"),
];

/// A city's name in `language`: the dataset writes English names ("Vienna"), and an
/// Indonesian brief says "Wina".
pub fn city(language: Language, name: &str) -> String {
    match language {
        Language::En => name.to_owned(),
        Language::Id => CITIES_ID
            .iter()
            .find(|(en, _)| *en == name)
            .map_or_else(|| name.to_owned(), |(_, id)| (*id).to_owned()),
    }
}

/// A country's name in `language`, from its ISO 3166-1 alpha-3 code; the code itself
/// when it is not in the table.
pub fn country(language: Language, code: &str) -> String {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, en, id)| language.pick(en, id).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> PartialDate {
        text.parse().unwrap()
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
        for (key, en, id) in LABELS {
            assert!(!en.is_empty() && !id.is_empty(), "label `{key}` is empty");
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
                    LABELS.iter().any(|(k, _, _)| *k == key),
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
        assert_eq!(counted(Language::En, "figure-agreements", 1), "MoU or agreement");
        assert_eq!(counted(Language::Id, "figure-partners", 1), "mitra");
        assert_eq!(
            counted(Language::En, "figure-planned", 1),
            label(Language::En, "figure-planned")
        );
        for (key, _, _) in LABELS.iter().filter(|(k, _, _)| k.ends_with("-1")) {
            let plural = key.trim_end_matches("-1");
            assert!(LABELS.iter().any(|(k, _, _)| *k == plural), "`{key}` has no plural");
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

    #[test]
    fn indonesian_labels_contain_no_english_month_names() {
        let english_only = [
            "January", "February", "March", "May", "June", "July", "August", "October", "December",
        ];
        for (key, _, id) in LABELS {
            for month in english_only {
                assert!(!id.contains(month), "label `{key}` has `{month}` in Indonesian");
            }
        }
    }
}
