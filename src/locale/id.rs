//! Bahasa Indonesia: labels, names and sentences (docs/style-id.md holds the terms).

use crate::dataset::{Role, SeriesKind};

use super::words::{Against, Due, Group, Length, Pace, Phrasebook, Trend};

/// The Indonesian language.
pub(super) struct Indonesian;

/// Every label a template may print.
const LABELS: &[(&str, &str)] = &[
    // Cover and running heads.
    ("brief", "Ringkasan kebijakan"),
    ("brief-public", "Rilis publik"),
    ("organisation", "Badan Nasional Penanggulangan Terorisme"),
    ("period", "Periode"),
    ("as-of", "Data per"),
    ("prepared-by", "Disusun oleh"),
    ("audience", "Pembaca"),
    ("marking", "Klasifikasi"),
    ("page", "Halaman"),
    ("page-of", "dari"),
    ("contents", "Daftar isi"),
    ("glossary", "Daftar singkatan"),
    ("note", "Catatan"),
    ("reference", "Nomor dokumen"),
    ("contact", "Kontak"),
    ("colophon", "Kolofon"),
    ("public-release", "Untuk publikasi umum"),
    // Section default titles.
    ("section-key-figures", "Data pokok"),
    ("section-timeline", "Lini masa kegiatan"),
    ("section-partners", "Profil mitra"),
    ("section-partner", "Profil mitra"),
    ("section-events", "Kegiatan kerja sama"),
    ("section-table", "Ikhtisar kegiatan"),
    ("section-upcoming", "Agenda mendatang"),
    ("section-follow-ups", "Tindak lanjut dan hal yang belum tuntas"),
    ("section-text", "Catatan"),
    ("section-sources", "Sumber"),
    ("section-methodology", "Metodologi"),
    ("section-summary", "Ikhtisar"),
    ("section-findings", "Temuan utama"),
    ("section-changes", "Perubahan sejak periode sebelumnya"),
    ("section-assessment", "Analisis"),
    ("section-recommendations", "Rekomendasi"),
    ("section-outlook", "Prospek"),
    ("changes-total", "Jumlah kegiatan terlaksana"),
    (
        "changes-partner-note",
        "Kegiatan yang melibatkan beberapa mitra dihitung pada baris setiap mitra, sehingga jumlah baris melebihi total.",
    ),
    ("changes-by-type", "Menurut jenis"),
    ("changes-by-partner", "Menurut mitra"),
    ("changes-delta", "Selisih"),
    // Key figures.
    ("figure-events", "kegiatan"),
    ("figure-events-1", "kegiatan"),
    ("figure-partners", "mitra"),
    ("figure-partners-1", "mitra"),
    ("figure-agreements", "MoU dan instrumen lain"),
    ("figure-agreements-1", "MoU dan instrumen lain"),
    ("figure-working-groups", "pertemuan kelompok kerja"),
    ("figure-working-groups-1", "pertemuan kelompok kerja"),
    ("figure-planned", "diumumkan, akan berlangsung"),
    ("figure-unconfirmed", "diumumkan, tanggal lewat, belum dilaporkan terlaksana"),
    ("by-partner", "Menurut mitra"),
    ("by-type", "Menurut jenis"),
    ("by-year", "Menurut tahun"),
    // Event entries and tables.
    ("date", "Tanggal"),
    ("event", "Kegiatan"),
    ("partner", "Mitra"),
    ("partners", "Mitra"),
    ("place", "Tempat"),
    ("type", "Jenis"),
    ("status", "Status"),
    ("participants", "Peserta"),
    ("topics", "Topik"),
    ("date-note", "Catatan tanggal"),
    ("sources-ref", "Sumber"),
    ("count", "Jumlah"),
    // Timeline.
    ("timeline-held", "Terlaksana"),
    ("timeline-planned", "Direncanakan atau diumumkan"),
    ("timeline-other", "Mitra lain"),
    (
        "timeline-span-held",
        "Terlaksana dalam kurun yang lebih panjang, atau hanya diketahui bulannya",
    ),
    (
        "timeline-span-planned",
        "Direncanakan dalam kurun yang lebih panjang, atau hanya diketahui bulannya",
    ),
    ("timeline-cluster", "Beberapa kegiatan yang berdekatan waktunya (jumlahnya tertera)"),
    ("timeline-alt", "Lini masa kegiatan, satu lajur per mitra, dengan jumlah pada setiap lajur"),
    // Partner profiles.
    ("profile-kind", "Jenis"),
    ("profile-first", "Kegiatan pertama pada periode ini"),
    ("profile-latest", "Kegiatan terakhir pada periode ini"),
    ("profile-in-period", "Kegiatan pada periode ini"),
    ("profile-type", "Jenis kegiatan"),
    ("profile-history", "Riwayat kerja sama"),
    ("profile-agreements", "MoU dan instrumen lain pada periode ini"),
    ("profile-none", "Belum ada"),
    ("empty-period-again", "Tidak ada pada periode ini."),
    ("empty-not-collected", "Belum dihimpun."),
    // Sources.
    ("source-published", "terbit"),
    ("contents", "Daftar isi"),
    ("source-secondary", "salinan pihak ketiga"),
    (
        "source-accessed-note",
        "Angka dalam kurung siku pada teks merujuk ke daftar ini. Tanggal akses halaman dicantumkan bila tercatat dalam basis data.",
    ),
    ("source-accessed", "diakses"),
    // Methodology and colophon.
    ("method-dataset", "Basis data"),
    ("method-version", "Versi"),
    ("method-size", "Jumlah entri yang sumbernya sudah terbit per tanggal ini"),
    ("method-selected", "Kegiatan dalam ringkasan ini, terlaksana atau diumumkan"),
    ("method-filters", "Cakupan"),
    ("method-no-filter", "tidak ada"),
    ("method-period", "Periode"),
    ("method-as-of", "Data per"),
    ("method-tool", "Dibuat dengan"),
    ("method-spec", "Spesifikasi"),
    ("method-public-names", "Disebut namanya atas keputusan penyusun"),
    (
        "method-matching",
        "Kegiatan dicantumkan bila tanggalnya, menurut tingkat ketelitian yang disebut sumber (hari, bulan, atau tahun), seluruhnya atau sebagian jatuh dalam periode ringkasan. Tanggal yang disimpulkan (tidak disebut langsung oleh sumber) atau yang berbeda antarsumber diberi tanda dan penjelasan.",
    ),
    (
        "method-sources",
        "Setiap kegiatan didukung sedikitnya satu sumber terbitan, yang tercantum pada bagian Sumber.",
    ),
    (
        "method-sources-unlisted",
        "Setiap kegiatan didukung sedikitnya satu sumber terbitan yang tercatat dalam dataset; ringkasan ini tidak mencantumkannya.",
    ),
    (
        "method-commentary-dated",
        "Uraian analis hanya dimuat bila ditulis paling lambat pada tanggal data ringkasan ini.",
    ),
    (
        "method-point-in-time",
        "Ringkasan ini hanya memuat informasi yang telah terbit hingga tanggal datanya: hanya sumber yang terbit sampai tanggal itu yang dipakai dan dikutip, dan status setiap kegiatan ditetapkan per tanggal itu. Kegiatan berstatus terlaksana bila ada sumber yang melaporkannya, direncanakan selama tanggal yang diumumkan belum tiba, dan belum terkonfirmasi bila tanggal itu sudah lewat tanpa laporan bahwa kegiatan terlaksana; kegiatan yang belum terkonfirmasi tidak dihitung.",
    ),
    // Empty sections.
    ("empty-period", "Tidak ada kegiatan yang tercatat pada periode ini."),
    ("empty-events", "Tidak ada kegiatan pada periode ini yang sesuai dengan filter ringkasan."),
    (
        "empty-follow-ups",
        "Tidak ada hal yang belum tuntas dalam data: tidak ada rencana kegiatan yang melewati jadwal tanpa laporan pelaksanaan, tidak ada rangkaian pertemuan yang melewati jadwalnya, dan tidak ada perjanjian yang masa berlakunya segera berakhir.",
    ),
    ("empty-upcoming", "Tidak ada rencana kegiatan yang tercatat setelah tanggal ringkasan ini."),
    (
        "empty-upcoming-not-collected",
        "Belum dapat diketahui: data terhimpun berakhir sebelum tanggal ringkasan ini, sehingga rencana yang diumumkan sesudahnya belum tercatat.",
    ),
    ("empty-sources", "Tidak ada sumber: ringkasan ini tidak memuat kegiatan."),
    // Vocabularies.
    ("type-mou", "MoU"),
    ("type-agreement", "Kesepakatan"),
    ("type-working-group", "Kelompok kerja"),
    ("type-consultation", "Konsultasi"),
    ("type-meeting", "Pertemuan"),
    ("type-courtesy-call", "Kunjungan kehormatan"),
    ("type-visit", "Kunjungan"),
    ("type-conference", "Konferensi"),
    ("type-training", "Lokakarya/pelatihan"),
    ("type-seminar", "Seminar"),
    ("type-framework", "Kerangka kerja"),
    ("type-programme", "Program"),
    ("status-held", "Terlaksana"),
    ("status-planned", "Direncanakan"),
    ("status-unconfirmed", "Belum terkonfirmasi"),
    ("status-note", "Status"),
    ("kind-country", "Negara"),
    ("kind-organisation", "Organisasi internasional"),
    ("kind-regional-body", "Badan kawasan"),
    ("mode-in-person", "tatap muka"),
    ("mode-hybrid", "daring dan luring (hibrida)"),
    ("mode-virtual", "daring"),
    ("audience-executive", "Pimpinan"),
    ("audience-analyst", "Analis"),
    ("audience-public", "Publik"),
];

/// Month names, January first.
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Country names by ISO 3166-1 alpha-3 code.
const COUNTRIES: &[(&str, &str)] = &[
    ("ARE", "Uni Emirat Arab"),
    ("AUS", "Australia"),
    ("AUT", "Austria"),
    ("BEL", "Belgia"),
    ("CAN", "Kanada"),
    ("CHN", "Tiongkok"),
    ("DEU", "Jerman"),
    ("EGY", "Mesir"),
    ("FRA", "Prancis"),
    ("GBR", "Inggris"),
    ("IDN", "Indonesia"),
    ("IND", "India"),
    ("JOR", "Yordania"),
    ("JPN", "Jepang"),
    ("MAR", "Maroko"),
    ("MYS", "Malaysia"),
    ("NLD", "Belanda"),
    ("NZL", "Selandia Baru"),
    ("OMN", "Oman"),
    ("PHL", "Filipina"),
    ("QAT", "Qatar"),
    ("RUS", "Rusia"),
    ("SAU", "Arab Saudi"),
    ("SGP", "Singapura"),
    ("THA", "Thailand"),
    ("TUR", "Turki"),
    ("USA", "Amerika Serikat"),
    ("VNM", "Vietnam"),
];

/// Cities whose Indonesian name differs from the English one the dataset records.
const CITIES: [(&str, &str); 7] = [
    ("Brussels", "Brussel"),
    ("Cairo", "Kairo"),
    ("Geneva", "Jenewa"),
    ("Moscow", "Moskow"),
    ("The Hague", "Den Haag"),
    ("Vienna", "Wina"),
    ("Lisbon", "Lisabon"),
];

impl Phrasebook for Indonesian {
    fn labels(&self) -> &'static [(&'static str, &'static str)] {
        LABELS
    }

    fn months(&self) -> &'static [&'static str; 12] {
        &MONTHS
    }

    fn countries(&self) -> &'static [(&'static str, &'static str)] {
        COUNTRIES
    }

    fn city(&self, english: &str) -> Option<&'static str> {
        CITIES.iter().find(|(en, _)| *en == english).map(|(_, id)| *id)
    }

    fn quarter(&self, quarter: u32, year: i32) -> String {
        let roman = ["I", "II", "III", "IV"][(quarter.clamp(1, 4) - 1) as usize];
        format!("Triwulan {roman} {year}")
    }

    fn thousands_separator(&self) -> &'static str {
        "."
    }

    fn decimal_separator(&self) -> &'static str {
        ","
    }

    /// Indonesian nouns do not change with number.
    fn engagements(&self, _n: usize) -> &'static str {
        "kegiatan"
    }

    fn small_numbers(&self) -> &'static [&'static str; 9] {
        &["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    }

    fn ordinal(&self, n: u32) -> String {
        format!("ke-{n}")
    }

    fn and(&self) -> &'static str {
        " dan "
    }

    /// Formal Indonesian puts a comma before "dan" in every list of three or more.
    fn serial_comma(&self, _separator: &str) -> bool {
        true
    }

    /// Indonesian has no article.
    fn in_sentence(&self, name: &str) -> String {
        name.to_owned()
    }

    fn role_phrase(&self, role: Role, list: &str) -> String {
        match role {
            Role::Counterpart => list.to_owned(),
            Role::Host => format!("tuan rumah: {list}"),
            Role::Invitee => format!("undangan: {list}"),
            Role::Observer => format!("peninjau: {list}"),
            Role::Subject => format!("terkait {list}"),
        }
    }

    fn marking_statement(&self, marking: &str) -> &'static str {
        match marking {
            "TLP:RED" => {
                "TLP:RED: hanya untuk penerima yang dituju; tidak boleh diungkapkan lebih lanjut."
            }
            "TLP:AMBER+STRICT" => {
                "TLP:AMBER+STRICT: hanya boleh dibagikan kepada pihak yang perlu mengetahuinya, di lingkungan organisasi penerima sendiri."
            }
            "TLP:AMBER" => {
                "TLP:AMBER: hanya boleh dibagikan atas dasar perlu tahu, di lingkungan organisasi penerima dan mitra yang dilayaninya."
            }
            "TLP:GREEN" => {
                "TLP:GREEN: penerima boleh membagikannya di dalam komunitasnya, tetapi tidak melalui saluran yang dapat diakses publik."
            }
            _ => "TLP:CLEAR: tidak ada batasan pengungkapan; boleh disebarluaskan secara bebas.",
        }
    }

    fn more(&self, n: &str) -> String {
        format!("{n} lainnya")
    }

    fn volume(
        &self,
        this: &str,
        before: &str,
        _n: usize,
        held: &str,
        trend: Trend<'_>,
        scope: &str,
    ) -> String {
        let trend = match trend {
            Trend::FromNone => format!(", sedangkan pada {before} tidak ada yang tercatat"),
            Trend::Up(m) => format!(", naik dari {m} pada {before}"),
            Trend::Down(m) => format!(", turun dari {m} pada {before}"),
            Trend::Same => format!(", sama dengan jumlah pada {before}"),
            Trend::Uncovered(span) => {
                format!("; karena data {span}, angka {before} tidak dapat dijadikan pembanding")
            }
            Trend::BeforeRecord(span) => format!(
                "; karena data {span}, tidak ada periode sebelumnya yang sama panjangnya untuk \
                 dibandingkan"
            ),
            Trend::UncoveredSince { span, years, length, count, n, rates } => {
                let length = match length {
                    Length::Years(years) => format!("{years} tahun"),
                    Length::Months(months) => format!("{months} bulan"),
                };
                let recorded = match (n, rates) {
                    (0, _) => "tidak tercatat satu pun kegiatan".to_owned(),
                    (_, Some((then, now))) => format!(
                        "tercatat {count} kegiatan ({then} per tahun, dibandingkan {now} per tahun \
                         pada periode ini)"
                    ),
                    (_, None) => format!("tercatat {count} kegiatan"),
                };
                format!(
                    "; karena data {span}, pembanding yang adil adalah {years}, {length} sebelum \
                     periode ini, dan pada masa itu {recorded}"
                )
            }
        };
        format!("Selama {this} tercatat {held} kegiatan terlaksana{scope}{trend}.")
    }

    fn partner_scope(&self, names: &[String], active: usize) -> String {
        let count = |n: usize| super::count_in_words(super::Language::Id, n);
        match names {
            [] => String::new(),
            [one] => format!(" dengan {one}"),
            many if active > 0 && active < many.len() => format!(
                " dengan {} dari {} mitra yang dicakup ringkasan ini",
                count(active),
                count(many.len())
            ),
            many => format!(" dengan {} mitra yang dicakup ringkasan ini", count(many.len())),
        }
    }

    fn volume_none(&self, this: &str, before: &str, earlier: Option<&str>) -> String {
        match earlier {
            None => format!("Tidak tercatat kegiatan yang terlaksana pada {this} maupun {before}."),
            Some(m) => format!(
                "Tidak tercatat kegiatan yang terlaksana pada {this}, dibandingkan {m} pada {before}."
            ),
        }
    }

    fn leading_partner(
        &self,
        names: &str,
        top: &str,
        total: &str,
        share: &str,
        conferences: Option<(usize, &str)>,
        next: Option<&str>,
    ) -> String {
        let share = match conferences {
            Some((_, count)) => format!("{share}, {count} di antaranya konferensi"),
            None => share.to_owned(),
        };
        let mut text = format!(
            "Mitra paling aktif adalah {names}, dengan {top} dari {total} kegiatan ({share})"
        );
        if let Some(next) = next {
            text.push_str(&format!(", disusul {next}"));
        }
        text + "."
    }

    fn leading_partners(&self, names: &str, top: &str, total: &str, share: &str) -> String {
        format!(
            "Mitra paling aktif adalah {names}, masing-masing dengan {top} dari {total} kegiatan ({share})."
        )
    }

    fn then(&self) -> &'static str {
        ", lalu "
    }

    fn tied(&self, names: &str, each: &str) -> String {
        format!("{names} (masing-masing {each})")
    }

    fn all_tied(&self, count: &str, _each: usize, each_words: &str, names: &str) -> String {
        format!(
            "{} mitra masing-masing tercatat dengan {each_words} kegiatan: {names}.",
            super::capitalised(count)
        )
    }

    fn no_agreements(&self, this: &str) -> String {
        format!(
            "Tidak tercatat nota kesepahaman atau instrumen lain yang ditandatangani pada {this}."
        )
    }

    /// Opens with the count in words under ten.
    fn agreements(&self, n: usize, count: &str, list: &str) -> String {
        match n {
            1..=9 => format!(
                "{} nota kesepahaman ditandatangani, yaitu dengan {list}.",
                super::capitalised(count)
            ),
            _ => format!("Tercatat {count} nota kesepahaman, yaitu dengan {list}."),
        }
    }

    fn other_instruments(&self, _n: usize, count: &str, list: &str, after_mous: bool) -> String {
        let lead = if after_mous {
            "Selain itu, tercatat"
        } else {
            "Tidak ada nota kesepahaman yang ditandatangani, tetapi tercatat"
        };
        format!("{lead} {count} instrumen lain: {list}.")
    }

    fn working_groups(&self, n: usize, count: &str, list: &str) -> String {
        match n {
            1..=9 => {
                format!(
                    "{} pertemuan kelompok kerja terlaksana: {list}.",
                    super::capitalised(count)
                )
            }
            _ => format!("Tercatat {count} pertemuan kelompok kerja: {list}."),
        }
    }

    fn round_unnumbered(&self, group: Group<'_>, date: &str) -> String {
        match group {
            Group::Joint(partners) => format!("satu pertemuan dengan {partners} ({date})"),
            Group::Body(body) => format!("satu pertemuan kelompok kerja {body} ({date})"),
        }
    }

    fn round_again(&self, ordinal: &str, date: &str) -> String {
        format!("pertemuan {ordinal} ({date})")
    }

    fn round(&self, ordinal: &str, group: Group<'_>, date: &str) -> String {
        match group {
            Group::Joint(partners) => format!("pertemuan {ordinal} dengan {partners} ({date})"),
            Group::Body(body) => format!("pertemuan {ordinal} kelompok kerja {body} ({date})"),
        }
    }

    fn following_round(&self, ordinal: &str, date: &str) -> String {
        format!(", setelah pertemuan {ordinal} pada {date}")
    }

    fn since_period(
        &self,
        _n: usize,
        count: &str,
        day: &str,
        end_of_record: bool,
        list: &str,
    ) -> String {
        let until = if end_of_record {
            format!("hingga batas data terhimpun ({day})")
        } else {
            format!("hingga {day}")
        };
        format!("Sejak periode ini berakhir {until}, tercatat {count} kegiatan lagi: {list}.")
    }

    fn since_written(&self, _n: usize, count: &str, day: &str, list: &str) -> String {
        format!(
            "Sejak ulasan dalam ringkasan ini ditulis ({day}), tercatat {count} kegiatan lain pada periode ini yang belum dimuat di dalamnya: {list}."
        )
    }

    fn first_engagements(&self, _n: usize, list: &str) -> String {
        format!(
            "Dalam basis data, kegiatan paling awal dengan {list} berlangsung dalam periode ini; kerja sama sebelumnya yang tidak diberitakan, atau diberitakan tanpa tanggal, tidak tercakup di dalamnya."
        )
    }

    fn upcoming(&self, _n: usize, count: &str, day: &str, date: &str, title: &str) -> String {
        format!(
            "Per {day}, {count} kegiatan yang sudah diumumkan belum dilaporkan terlaksana; yang terdekat: {title} ({date})."
        )
    }

    fn certainty(
        &self,
        _n: usize,
        total: &str,
        uncertain: (usize, &str),
        single: (usize, &str),
        copies: (usize, &str),
    ) -> String {
        let dates = match uncertain {
            (0, _) => "tanggal semuanya pasti".to_owned(),
            (_, words) => format!(
                "{words} tidak pasti tanggalnya (hanya diketahui bulan atau tahunnya, atau tanggalnya disimpulkan atau berbeda antarsumber)"
            ),
        };
        let sources = match single {
            (0, _) => "tidak ada yang hanya didukung satu sumber".to_owned(),
            (_, words) => format!("{words} hanya didukung satu sumber"),
        };
        match copies {
            (0, _) => format!("Dari {total} kegiatan itu, {dates} dan {sources}."),
            (_, copies) => format!(
                "Dari {total} kegiatan itu, {dates}, {sources}, dan {copies} hanya bersumber dari salinan laman penerbitnya yang dimuat ulang di situs lain."
            ),
        }
    }

    fn changes_intro(&self, this: &str, that: &str, against: Against) -> String {
        match against {
            Against::PreviousPeriod => format!(
                "Bagian ini membandingkan kegiatan yang terlaksana pada {this} dengan {that}, periode sebelumnya dengan rentang yang sama."
            ),
            Against::PreviousYear => format!(
                "Bagian ini membandingkan kegiatan yang terlaksana pada {this} dengan {that}, periode yang sama setahun sebelumnya."
            ),
            Against::Named => {
                format!(
                    "Bagian ini membandingkan kegiatan yang terlaksana pada {this} dengan {that}."
                )
            }
        }
    }

    fn changes_summary(
        &self,
        n: usize,
        m: usize,
        count: &str,
        that: &str,
        earlier: &str,
        delta: &str,
    ) -> String {
        match (n, m) {
            (0, 0) => "Tidak ada kegiatan yang tercatat pada kedua periode.".to_owned(),
            (_, 0) => format!(
                "Tercatat {count} kegiatan terlaksana, sedangkan pada {that} tidak ada yang tercatat."
            ),
            _ => format!(
                "Tercatat {count} kegiatan terlaksana, dibandingkan {earlier} kegiatan pada {that} ({delta})."
            ),
        }
    }

    fn changes_uncovered(&self, _n: usize, count: &str, that: &str, span: &str) -> String {
        format!(
            "Tercatat {count} kegiatan terlaksana; karena data {span}, angka {that} tidak dapat dijadikan pembanding yang adil."
        )
    }

    fn first_on_record(&self, list: &str) -> String {
        format!("Mitra yang kegiatan pertamanya tercatat pada periode ini: {list}.")
    }

    fn active_again(&self, that: &str, list: &str) -> String {
        format!("Kembali aktif setelah tidak ada kegiatan pada {that}: {list}.")
    }

    fn first_since(&self, name: &str, date: &str) -> String {
        format!("{name} (yang pertama sejak {date})")
    }

    fn quiet(&self, that: &str, list: &str) -> String {
        format!("Tidak ada kegiatan pada periode ini dengan {list}, yang aktif pada {that}.")
    }

    fn new_agreements(&self, list: &str) -> String {
        format!("Nota kesepahaman dan instrumen lain yang baru: dengan {list}.")
    }

    fn realised(&self, that: &str, list: &str) -> String {
        format!("Sudah diumumkan pada akhir {that} dan kemudian terlaksana: {list}.")
    }

    fn lapsed(&self, day: &str, list: &str) -> String {
        format!("Sudah diumumkan, tetapi hingga {day} belum dilaporkan terlaksana: {list}.")
    }

    fn follow_up_lapsed(
        &self,
        title: &str,
        date: &str,
        announced: &str,
        months: Option<&str>,
        until: Option<&str>,
    ) -> String {
        let lapsed = match (until, months) {
            (Some(until), Some(months)) => format!(
                "tetapi belum tercatat terlaksana hingga {until}, {months} bulan setelah jadwalnya"
            ),
            (Some(until), None) => {
                format!("tetapi belum tercatat terlaksana hingga {until}")
            }
            (None, Some(months)) => format!(
                "tetapi belum tercatat terlaksana, padahal jadwalnya sudah lewat {months} bulan"
            ),
            (None, None) => {
                "tetapi jadwalnya sudah lewat tanpa kabar bahwa kegiatan itu terlaksana".to_owned()
            }
        };
        format!("{title} ({date}): diumumkan pada {announced}, {lapsed}.")
    }

    fn follow_up_announced(&self, title: &str, date: &str, announced: &str) -> String {
        format!("{title} ({date}): diumumkan pada {announced}; pelaksanaannya belum tercatat.")
    }

    fn follow_up_prepare(&self) -> &'static str {
        "Perlu dipastikan jadwal dan pesertanya."
    }

    fn follow_up_overdue(
        &self,
        ordinal: Option<&str>,
        group: &str,
        date: &str,
        months: &str,
        pace: Pace<'_>,
        until: Option<&str>,
    ) -> String {
        let last = format!("Pertemuan terakhir {group}");
        let round = match ordinal {
            Some(ordinal) => format!("{last}, yakni pertemuan {ordinal},"),
            None => last,
        };
        let pace = match pace {
            Pace::Stated(12) => {
                ", padahal menurut sumbernya pertemuan ini rutin digelar setiap tahun".to_owned()
            }
            Pace::Stated(months) => {
                format!(", padahal menurut sumbernya pertemuan ini digelar setiap {months} bulan")
            }
            Pace::Mean(months) => {
                format!(", padahal jarak antarpertemuan sebelumnya rata-rata {months} bulan")
            }
            Pace::Interval(months) => {
                format!(", padahal dua pertemuan yang tercatat berselang {months} bulan")
            }
            Pace::Gaps(months) => format!(
                ", padahal selang antarpertemuan yang tercatat {months} bulan, meski belum \
                 membentuk pola tetap"
            ),
            Pace::Single => ", padahal itulah satu-satunya pertemuan yang tercatat".to_owned(),
        };
        let since = match until {
            Some(until) => format!("Dalam {months} bulan sejak itu hingga {until},"),
            None => format!("Dalam {months} bulan sejak itu"),
        };
        format!(
            "{round} berlangsung pada {date}. {since} belum tercatat pertemuan berikutnya{pace}."
        )
    }

    fn record_until(&self, day: &str) -> String {
        format!("data terhimpun hingga {day}")
    }

    fn record_end(&self, day: &str, first: bool) -> String {
        if first { format!("{day}, batas data yang sudah dihimpun") } else { day.to_owned() }
    }

    fn follow_up_confirm(&self) -> &'static str {
        "Perlu dipastikan apakah kegiatan ini terlaksana."
    }

    fn follow_up_term(
        &self,
        title: &str,
        date: &str,
        ends: &str,
        ended: bool,
        until: Option<&str>,
    ) -> String {
        let by = until.map_or_else(String::new, |until| format!(" hingga {until}"));
        match ended {
            true => format!(
                "{title} ({date}): masa berlakunya sampai {ends}, dan belum tercatat perpanjangan atau penggantinya{by}."
            ),
            false => format!(
                "{title} ({date}): masa berlakunya sampai {ends}, dan belum tercatat perpanjangannya{by}."
            ),
        }
    }

    fn follow_up_renew(&self, ended: bool) -> &'static str {
        match ended {
            true => "Pastikan apakah sudah diperpanjang atau diganti.",
            false => "Mulai pembahasan perpanjangannya sebelum masa berlakunya berakhir.",
        }
    }

    fn follow_up_due(&self, missed: Option<&str>) -> String {
        match missed {
            None => {
                "Pertemuan berikutnya sudah lewat dari jadwalnya; disarankan segera mengusulkan \
                     tanggal kepada mitra."
                    .to_owned()
            }
            Some(rounds) => format!(
                "Pertemuan berikutnya sudah lama tertunda: menurut jadwalnya, {rounds} \
                 pertemuan telah terlewat; disarankan membahasnya dengan mitra di tingkat pimpinan \
                 sekaligus mengusulkan tanggal."
            ),
        }
    }

    fn series(&self, kind: SeriesKind, partners: &str) -> String {
        match kind {
            SeriesKind::WorkingGroup => format!("kelompok kerja bersama Indonesia–{partners}"),
            SeriesKind::Consultation => format!("konsultasi bilateral Indonesia–{partners}"),
        }
    }

    fn follow_up_due_soon(
        &self,
        next: Option<&str>,
        group: &str,
        expected: &str,
        due: Due,
        pace: Pace<'_>,
        until: Option<&str>,
    ) -> String {
        if let Pace::Gaps(months) = pace {
            // Tanpa pola tetap, tidak ada bulan yang diproyeksikan.
            let round = next
                .map_or_else(|| "pertemuan berikutnya".to_owned(), |o| format!("pertemuan {o}"));
            let none = match until {
                Some(until) => format!("hingga {until}, jadwal {round} belum tercatat"),
                None => format!("jadwal {round} belum tercatat"),
            };
            return format!(
                "Pertemuan {group} yang tercatat berselang {months} bulan dan belum berpola \
                 tetap; {none}."
            );
        }
        let stated = matches!(pace, Pace::Stated(_));
        let pace = match pace {
            Pace::Stated(12) => "Sesuai jadwal tahunan yang disebut sumbernya".to_owned(),
            Pace::Stated(months) => {
                format!("Sesuai jadwal setiap {months} bulan yang disebut sumbernya")
            }
            Pace::Mean(months) => format!("Dengan jarak antarpertemuan rata-rata {months} bulan"),
            Pace::Interval(months) => {
                format!("Dengan selang {months} bulan antara dua pertemuan yang tercatat")
            }
            // Selang tanpa pola tetap sudah dikatakan di atas, tanpa proyeksi.
            Pace::Gaps(_) | Pace::Single => "Menurut jarak antarpertemuan sebelumnya".to_owned(),
        };
        let round = match next {
            Some(ordinal) => format!("pertemuan {ordinal} {group}"),
            None => format!("pertemuan berikutnya {group}"),
        };
        let due = match (stated, due) {
            (true, Due::Missed) => "semestinya sudah digelar",
            (true, Due::Passed | Due::Ahead) => "semestinya digelar",
            (false, _) => "diperkirakan jatuh",
        };
        let none = match until {
            Some(until) => {
                format!("hingga {until}, jadwalnya belum tercatat")
            }
            None => "jadwalnya belum tercatat".to_owned(),
        };
        format!("{pace}, {round} {due} sekitar {expected}; {none}.")
    }

    fn follow_up_single(
        &self,
        ordinal: Option<&str>,
        group: &str,
        date: &str,
        months: &str,
        until: Option<&str>,
    ) -> String {
        let round = ordinal.map_or_else(|| date.to_owned(), |o| format!("pertemuan {o}, {date}"));
        let none = match until {
            Some(until) => {
                format!("hingga {until}, dalam {months} bulan belum tercatat pertemuan berikutnya")
            }
            None => format!("{months} bulan kemudian, pertemuan berikutnya belum tercatat"),
        };
        format!("Baru satu pertemuan {group} yang tercatat ({round}); {none}.")
    }

    fn follow_up_quiet(
        &self,
        partner: &str,
        date: &str,
        months: &str,
        until: Option<&str>,
        own: bool,
    ) -> String {
        let since = match until {
            Some(until) => {
                format!("hingga {until}, dalam {months} bulan tidak tercatat kegiatan lain")
            }
            None => format!("dalam {months} bulan sejak itu tidak tercatat kegiatan lain"),
        };
        let which = match own {
            true => ", di luar keikutsertaannya bersama pihak lain dalam pertemuan multilateral,",
            false => "",
        };
        format!(
            "Kegiatan terakhir yang tercatat dengan {partner}{which} berlangsung pada {date}; {since}."
        )
    }

    fn follow_up_continue(&self, topic: Option<&str>) -> String {
        match topic {
            Some(topic) => format!(
                "Perlu ditanyakan kepada mitra kelanjutan kerja sama di bidang {topic} dan \
                 rencana berikutnya."
            ),
            None => "Kelanjutan kerja sama dan rencana berikutnya perlu dikonfirmasi kepada mitra."
                .to_owned(),
        }
    }

    fn follow_up_collect(&self, end: &str, months: &str, alone: bool) -> String {
        let then = match alone {
            false => format!("butir-butir di bawah hanya mencerminkan keadaan per {end}"),
            true => {
                "data belum dapat menunjukkan hal yang tertunda atau lewat waktu sejak tanggal itu"
                    .to_owned()
            }
        };
        format!(
            "Data yang sudah dihimpun hanya sampai {end}, {months} bulan sebelum tanggal ringkasan ini. Kegiatan sesudah tanggal itu perlu dihimpun terlebih dahulu; sampai pemutakhiran selesai, {then}."
        )
    }

    fn follow_up_ask(&self) -> &'static str {
        "Disarankan mengusulkan tanggal kepada mitra."
    }

    fn follow_up_owner(&self, unit: &str) -> String {
        format!("Penanggung jawab: {unit}.")
    }

    fn follow_up_check(&self) -> &'static str {
        "Perlu dipastikan apakah pertemuan itu sudah berlangsung atau sudah dijadwalkan."
    }

    fn history_first(&self, title: &str, date: &str) -> String {
        format!("Kegiatan pertama yang tercatat: {title} ({date}).")
    }

    fn history_agreements(&self, list: &str) -> String {
        format!("Nota kesepahaman dan instrumen terkait yang tercatat: {list}.")
    }

    fn history_rounds(&self, n: usize, count: &str, title: &str, date: &str) -> String {
        match n {
            1 => format!("Pertemuan yang tercatat: satu, yaitu {title} ({date})."),
            _ => format!("Pertemuan yang tercatat: {count}; yang terakhir {title} ({date})."),
        }
    }

    fn history_latest(&self, title: &str, date: &str) -> String {
        format!("Kegiatan terakhir yang tercatat: {title} ({date}).")
    }

    fn latest_on_record(&self, nothing: &str, date: &str) -> String {
        format!("{nothing} Kegiatan terakhir yang tercatat berlangsung pada {date}.")
    }

    fn unconfirmed_note(&self, day: &str) -> String {
        format!(
            "sudah diumumkan, tetapi hingga {day} belum ada sumber yang melaporkan bahwa kegiatan ini terlaksana."
        )
    }

    fn left_out(&self, sections: &str) -> String {
        format!("Versi eksekutif ini tidak memuat {sections}; ringkasan lengkap memuatnya.")
    }

    fn shown_of(&self, shown: &str, all: &str, _of: usize) -> String {
        format!("{shown} dari {all} kegiatan ditampilkan; ringkasan lengkap memuat semuanya.")
    }

    fn to_date(&self, span: &str) -> String {
        format!("{span} (periode berjalan)")
    }

    fn coverage_span(&self, from: &str, to: Option<&str>) -> String {
        match to {
            Some(to) => format!("dihimpun secara sistematis hanya untuk {from}–{to}"),
            None => format!("dihimpun secara sistematis hanya sejak {from}"),
        }
    }

    fn thin_comparison(&self, span: &str) -> String {
        format!(" (data {span}; di luar itu, datanya tidak lengkap)")
    }

    fn not_collected(&self, end: &str) -> String {
        format!(" (data setelah {end} belum dihimpun)")
    }

    fn thin_again(&self, span: &str) -> String {
        format!(" (data {span})")
    }

    fn not_collected_again(&self, end: &str) -> String {
        // Already short, and a shorter one would lose its subject.
        self.not_collected(end)
    }

    fn thin_first(&self, span: &str, start: &str) -> String {
        format!(" (data {span}, sehingga kegiatan sebelum {start} mungkin belum tercatat)")
    }

    fn thin_first_again(&self, start: &str) -> String {
        format!(" (data sebelum {start} belum lengkap)")
    }

    fn coverage_note(&self, span: &str, period_inside: bool) -> String {
        let period = if period_inside {
            "Periode ringkasan ini berada di dalam rentang tersebut."
        } else {
            "Periode ringkasan ini melampaui rentang tersebut; di luar rentang itu jumlahnya tidak lengkap dan perbandingan cenderung terlalu rendah untuk tahun-tahun tersebut."
        };
        format!(
            "Data {span}; di luar rentang itu, data hanya memuat kegiatan yang ditemukan dalam pemberitaan yang ditelusuri secara retrospektif. {period}"
        )
    }

    fn records_as_public(&self, day: &str) -> String {
        format!(
            "Catatan sebagaimana telah dipublikasikan per {day}; edisinya tercantum dalam metadata berkas"
        )
    }

    fn version_as_of(&self, version: &str, day: &str) -> String {
        format!("{version}, sebagaimana keadaannya per {day}")
    }

    fn other_partners(&self, count: &str) -> String {
        format!("{count} mitra lain")
    }

    fn period_not_collected(&self, period: &str, end: &str) -> String {
        format!(
            "Data setelah {end} belum dihimpun, sehingga catatan ini belum dapat menggambarkan kegiatan pada {period}: daftar yang kosong di sini menandakan data yang belum dihimpun, bukan masa tanpa kegiatan. Gunakan ringkasan ini untuk melihat hal yang belum tuntas."
        )
    }

    fn recording_lag(&self, date: &str, months: &str) -> String {
        format!(
            "Kegiatan terakhir yang tercatat dalam cakupan ringkasan ini berlangsung pada {date}, {months} bulan sebelum tanggal ringkasan ini. Basis data mungkin belum memuat kegiatan terbaru, sehingga masa tanpa catatan belum tentu berarti tidak ada kegiatan."
        )
    }

    fn written_as_of(&self, date: &str, months_before: Option<&str>) -> String {
        match months_before {
            Some(months) => format!("Disusun pada {date}, {months} bulan sebelum ringkasan ini"),
            None => format!("Disusun pada {date}"),
        }
    }

    fn starter_title(&self, partners: Option<&str>, period: &str) -> String {
        match partners {
            None => format!("Kerja sama internasional BNPT{period}"),
            Some(with) => format!("Kerja sama BNPT dengan {with}{period}"),
        }
    }
}
