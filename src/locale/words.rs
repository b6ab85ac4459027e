//! The [`Phrasebook`] of a language: what each language file provides.

use crate::dataset::{Role, SeriesKind};

/// How often a working-group series meets, as a follow-up gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace<'a> {
    /// The months between rounds a source states (12 for an annual meeting).
    Stated(u32),
    /// The mean months between the rounds on record.
    Mean(&'a str),
    /// The months between the only two rounds on record.
    Interval(&'a str),
    /// The months between each of three rounds on record, listed ("25 and 13"): two
    /// gaps make no steady pace, so no mean is taken of them.
    Gaps(&'a str),
    /// One round on record, and no cadence stated.
    Single,
}

/// Whose working group a round belongs to, as a sentence names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group<'a> {
    /// A joint working group of Indonesia and these partners, already named.
    Joint(&'a str),
    /// A body's own working group, in which Indonesia takes part (ASEAN's SOMTC group).
    Body(&'a str),
}

/// How a count compares with the one before: the trend a sentence reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend<'a> {
    /// The earlier count was zero.
    FromNone,
    /// More than before, which was the given count, already formatted.
    Up(&'a str),
    /// Fewer than before.
    Down(&'a str),
    /// As many as before.
    Same,
    /// No fair comparison: the earlier period lies largely outside where the record is
    /// systematic, given in words ("systematic only for 2019–2025").
    Uncovered(&'a str),
    /// No comparison at all: the earlier period lies wholly before the record is
    /// systematic (given in words), so the sentence names no window of its own.
    BeforeRecord(&'a str),
    /// As [`Trend::Uncovered`], but the record covers a year or more just before this
    /// period: those years, named (`years`), and the engagements held in them (`count`
    /// in words, `n`), so that the reader has the fair part of the comparison.
    UncoveredSince {
        /// Where the record is systematic, in words.
        span: &'a str,
        /// The covered years just before this period, named ("2019–2020").
        years: &'a str,
        /// How long they are, in words.
        length: Length<'a>,
        /// The engagements held in them, in words.
        count: &'a str,
        /// The same, as a number.
        n: usize,
        /// Engagements a year in those years and in this period ("1.5", "3.3"), so
        /// that spans of unequal length compare; `None` when none were held before.
        rates: Option<(&'a str, &'a str)>,
    },
}

/// Where a series' next round, by its pace, stands against the brief's date and the
/// end of the collected record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// After the brief's date.
    Ahead,
    /// Before the brief's date, but after the collected record ends: not known missed.
    Passed,
    /// Before the brief's date, within the collected record: missed.
    Missed,
}

/// How long a span is, in words: whole years when it is, else months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length<'a> {
    /// This many years ("two").
    Years(&'a str),
    /// This many months ("18").
    Months(&'a str),
}

/// What a `changes` section compares its period with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The period of the same length just before.
    PreviousPeriod,
    /// The same period a year earlier.
    PreviousYear,
    /// A period the spec names.
    Named,
}

/// Everything a language says: its labels and names, how it counts and lists, and every
/// sentence the brief model writes. Arguments arrive formatted (dates, numbers, lists in
/// the language); a method only puts them into words.
pub trait Phrasebook: Sync {
    /// Every label a template may print, by key.
    fn labels(&self) -> &'static [(&'static str, &'static str)];
    /// Month names, January first.
    fn months(&self) -> &'static [&'static str; 12];
    /// Country names by ISO 3166-1 alpha-3 code.
    fn countries(&self) -> &'static [(&'static str, &'static str)];
    /// A city's name where it differs from the English one the dataset records.
    fn city(&self, english: &str) -> Option<&'static str>;
    /// A quarter of a year: "Q3 2022", "Triwulan III 2022".
    fn quarter(&self, quarter: u32, year: i32) -> String;
    /// What groups thousands in a number.
    fn thousands_separator(&self) -> &'static str;
    /// What separates a number's decimals.
    fn decimal_separator(&self) -> &'static str;
    /// "engagement" or "engagements" for a count of `n`.
    fn engagements(&self, n: usize) -> &'static str;
    /// The numbers one to nine, in words, as newsrooms write them in running text.
    fn small_numbers(&self) -> &'static [&'static str; 9];
    /// An ordinal number: "4th", "ke-4".
    fn ordinal(&self, n: u32) -> String;
    /// The word before a list's last item, with its spaces: " and ".
    fn and(&self) -> &'static str;
    /// Whether a list of three or more separated by `separator` takes a comma (or
    /// semicolon) before its "and".
    fn serial_comma(&self, separator: &str) -> bool;
    /// A partner's name as it stands inside a sentence ("the United Kingdom").
    fn in_sentence(&self, name: &str) -> String;
    /// The partners of an event in a role other than counterpart: "hosted by Thailand".
    fn role_phrase(&self, role: Role, list: &str) -> String;
    /// What a TLP 2.0 marking, by its label, allows the reader to do.
    fn marking_statement(&self, marking: &str) -> &'static str;
    /// The end of a list cut short: "three more" (`n` in words).
    fn more(&self, n: &str) -> String;

    // Findings.
    /// How many engagements were held in `this`, against `before`; `held` and the trend
    /// come formatted, `n` is the count.
    fn volume(
        &self,
        this: &str,
        before: &str,
        n: usize,
        held: &str,
        trend: Trend<'_>,
        scope: &str,
    ) -> String;
    /// Whom a count covers when the brief names its partners: " with the United
    /// Kingdom", " with the four partners this brief covers", " with three of the four
    /// partners this brief covers" when `active` of them have engagements; empty when it
    /// names none.
    fn partner_scope(&self, names: &[String], active: usize) -> String;
    /// Nothing held in `this`; `before` held `earlier` (formatted), or none.
    fn volume_none(&self, this: &str, before: &str, earlier: Option<&str>) -> String;
    /// The most engaged partner, its count of the total and share, how many of its
    /// engagements were conferences (a number and in words, when some but not all
    /// were: a conference counts the same as a working session), and who came next.
    fn leading_partner(
        &self,
        names: &str,
        top: &str,
        total: &str,
        share: &str,
        conferences: Option<(usize, &str)>,
        next: Option<&str>,
    ) -> String;
    /// Several partners tied as the most engaged, each with `top` of `total`.
    fn leading_partners(&self, names: &str, top: &str, total: &str, share: &str) -> String;
    /// Between groups of a ranking: ", then ".
    fn then(&self) -> &'static str;
    /// Partners tied within a list: "the Philippines and Russia (one each)".
    fn tied(&self, names: &str, each: &str) -> String;
    /// Every partner tied: `count` partners (in words), `each` engagements apiece.
    fn all_tied(&self, count: &str, each: usize, each_words: &str, names: &str) -> String;
    /// No MoU or agreement concluded in `this`.
    fn no_agreements(&self, this: &str) -> String;
    /// `n` MoUs concluded (`count` in words), listed by partner.
    fn agreements(&self, n: usize, count: &str, list: &str) -> String;
    /// `n` other instruments concluded (protocols, joint statements, ratifications),
    /// listed by title; `after_mous` when a sentence on MoUs comes first.
    fn other_instruments(&self, n: usize, count: &str, list: &str, after_mous: bool) -> String;
    /// `n` working-group rounds held, listed.
    fn working_groups(&self, n: usize, count: &str, list: &str) -> String;
    /// A round without a number: "a round with the Philippines (24 March 2022)".
    fn round_unnumbered(&self, group: Group<'_>, date: &str) -> String;
    /// A numbered round: "the 4th with the Philippines (24 March 2022)", or "the 18th
    /// meeting of ASEAN's working group (7 July 2022)".
    fn round(&self, ordinal: &str, group: Group<'_>, date: &str) -> String;
    /// A later round of the group the clause before names: "the 2nd (5–8 December 2023)".
    fn round_again(&self, ordinal: &str, date: &str) -> String;
    /// The round before, appended to a round: ", following the 3rd of 5 September 2019".
    fn following_round(&self, ordinal: &str, date: &str) -> String;
    /// `n` engagements held after the period, up to `day` (the end of the collected
    /// record when `end_of_record`), listed.
    fn since_period(
        &self,
        n: usize,
        count: &str,
        day: &str,
        end_of_record: bool,
        list: &str,
    ) -> String;
    /// `n` engagements of the brief first reported after the analyst's words were
    /// written on `day`, listed by partner.
    fn since_written(&self, n: usize, count: &str, day: &str, list: &str) -> String;
    /// The partners whose first engagement on record falls in the period.
    fn first_engagements(&self, n: usize, list: &str) -> String;
    /// `n` engagements announced for after `day`; the next on `date`, titled `title`.
    fn upcoming(&self, n: usize, count: &str, day: &str, date: &str, title: &str) -> String;
    /// How many of the `n` engagements (`total`, formatted) have an uncertain date, how
    /// many rest on one source, and how many only on third-party copies of their
    /// publishers' pages: each a count with the count in words.
    fn certainty(
        &self,
        n: usize,
        total: &str,
        uncertain: (usize, &str),
        single: (usize, &str),
        copies: (usize, &str),
    ) -> String;

    // Changes.
    /// What the section compares: `this` with `that`.
    fn changes_intro(&self, this: &str, that: &str, against: Against) -> String;
    /// The totals: `n` now (`count` in words), `m` before (`earlier` formatted), the
    /// difference `delta` ("+3").
    fn changes_summary(
        &self,
        n: usize,
        m: usize,
        count: &str,
        that: &str,
        earlier: &str,
        delta: &str,
    ) -> String;
    /// The totals when the earlier period lies largely outside where the record is
    /// systematic (`span`): `n` now (`count` in words), and no fair comparison with `that`.
    fn changes_uncovered(&self, n: usize, count: &str, that: &str, span: &str) -> String;
    /// Partners whose first engagement on record falls in the period.
    fn first_on_record(&self, list: &str) -> String;
    /// Partners active again after none in `that`; the list's items come from
    /// [`Phrasebook::first_since`].
    fn active_again(&self, that: &str, list: &str) -> String;
    /// A partner active again, with the date of its engagement before: "Russia (first
    /// since October 2019)".
    fn first_since(&self, name: &str, date: &str) -> String;
    /// Partners active in `that` with nothing this period.
    fn quiet(&self, that: &str, list: &str) -> String;
    /// MoUs and agreements new this period.
    fn new_agreements(&self, list: &str) -> String;
    /// Announced by the end of `that`, and since held.
    fn realised(&self, that: &str, list: &str) -> String;
    /// Announced, but not reported as held by `day`.
    fn lapsed(&self, day: &str, list: &str) -> String;

    // Follow-ups.
    /// An announcement not reported as held: its title, date, when it was announced, how
    /// many whole months have passed since its date ended (`None` for less than one),
    /// counted to `until` (the end of the collected record, when the brief's date lies
    /// after it) or to the brief's date.
    fn follow_up_lapsed(
        &self,
        title: &str,
        date: &str,
        announced: &str,
        months: Option<&str>,
        until: Option<&str>,
    ) -> String;
    /// An announcement still to come on the brief's date: its title, date and when it
    /// was announced.
    fn follow_up_announced(&self, title: &str, date: &str, announced: &str) -> String;
    /// What to do about an announcement still to come, after its sentence.
    fn follow_up_prepare(&self) -> &'static str;
    /// A meeting series past its cadence: the last round's ordinal (if numbered), the
    /// series ([`Phrasebook::series`]), its date, the months since (to `until`, as for
    /// [`Phrasebook::follow_up_lapsed`]), and how often it meets.
    fn follow_up_overdue(
        &self,
        ordinal: Option<&str>,
        group: &str,
        date: &str,
        months: &str,
        pace: Pace<'_>,
        until: Option<&str>,
    ) -> String;
    /// Under the cover's as-of date, where the collected record ends before it: "record
    /// collected to 31 December 2025".
    fn record_until(&self, day: &str) -> String;
    /// The end of the collected record, `day`, as a follow-up names it: with what the
    /// day is the `first` time ("31 December 2025, the end of the collected record"),
    /// the day alone after.
    fn record_end(&self, day: &str, first: bool) -> String;
    /// What to do about a lapsed announcement, after its sentence.
    fn follow_up_confirm(&self) -> &'static str;
    /// An agreement whose term has ended (`ended`) or ends within a year, with no
    /// renewal or successor on record: its title, its date, the end of its term, and
    /// the end of the collected record when that comes before the brief's date.
    fn follow_up_term(
        &self,
        title: &str,
        date: &str,
        ends: &str,
        ended: bool,
        until: Option<&str>,
    ) -> String;
    /// What to do about an agreement whose term has ended (`ended`) or ends soon.
    fn follow_up_renew(&self, ended: bool) -> &'static str;
    /// What to do about an overdue series, after its sentence; `missed`: how many
    /// rounds (in words) have gone by at its pace, when two or more, so that the matter
    /// needs raising higher.
    fn follow_up_due(&self, missed: Option<&str>) -> String;
    /// A meeting series as the follow-ups name it, with the partners' names: "the
    /// working group with the Philippines", "the bilateral consultations with
    /// Australia".
    fn series(&self, kind: SeriesKind, partners: &str) -> String;
    /// A meeting series whose next round falls due soon by its pace: that round's
    /// ordinal (if numbered), the series, the month it falls due and where that stands
    /// ([`Due`]), how often it meets, and the
    /// end of the collected record when that comes before the brief's date.
    fn follow_up_due_soon(
        &self,
        next: Option<&str>,
        group: &str,
        expected: &str,
        due: Due,
        pace: Pace<'_>,
        until: Option<&str>,
    ) -> String;
    /// A meeting series (as named by [`Phrasebook::series`]) of one round (its ordinal,
    /// if numbered, and date)
    /// with no next round announced `months` later (to `until`, as for
    /// [`Phrasebook::follow_up_lapsed`]).
    fn follow_up_single(
        &self,
        ordinal: Option<&str>,
        group: &str,
        date: &str,
        months: &str,
        until: Option<&str>,
    ) -> String;
    /// A named partner with no engagement on record for `months` since its latest, on
    /// `date` (to `until`, as for [`Phrasebook::follow_up_lapsed`]).
    /// `own`: whether a later multilateral meeting, where the partner was one of
    /// several, is left out of "the latest engagement".
    fn follow_up_quiet(
        &self,
        partner: &str,
        date: &str,
        months: &str,
        until: Option<&str>,
        own: bool,
    ) -> String;
    /// What to do about a partner gone quiet, after its sentence: ask about the work
    /// its latest engagement was on (its first topic, when it has one).
    fn follow_up_continue(&self, topic: Option<&str>) -> String;
    /// The first item when the collected record ends `months` (in words) before the
    /// brief's date, on `end`: collect what came since before acting on the rest (or,
    /// `alone`, when no other item follows).
    fn follow_up_collect(&self, end: &str, months: &str, alone: bool) -> String;
    /// What to do about a round due soon, after its sentence.
    fn follow_up_ask(&self) -> &'static str;

    /// Who acts on an open item, as the spec's `[owners]` names the unit: "Owner: …".
    fn follow_up_owner(&self, unit: &str) -> String;
    /// What to do about a round due after the end of the collected record.
    fn follow_up_check(&self) -> &'static str;

    // A partner's history in a profile.
    /// Its first engagement on record.
    fn history_first(&self, title: &str, date: &str) -> String;
    /// Its MoUs and agreements on record, listed with their dates.
    fn history_agreements(&self, list: &str) -> String;
    /// Its numbered rounds on record of one kind: how many (`n`, and in words), and
    /// the latest (the only one, when `n` is 1).
    fn history_rounds(&self, n: usize, count: &str, title: &str, date: &str) -> String;
    /// Its latest engagement on record.
    fn history_latest(&self, title: &str, date: &str) -> String;

    // Notes of the brief model.
    /// An empty period's note, with the date of the latest engagement on record.
    fn latest_on_record(&self, nothing: &str, date: &str) -> String;
    /// An unconfirmed engagement's note: no report by `day` that it took place.
    fn unconfirmed_note(&self, day: &str) -> String;
    /// The sections an executive version leaves to the full brief, listed.
    fn left_out(&self, sections: &str) -> String;
    /// How many of the engagements an executive brief shows.
    fn shown_of(&self, shown: &str, all: &str, of: usize) -> String;

    /// A period not yet over, named by its `span` to the brief's date: "(in progress)".
    fn to_date(&self, span: &str) -> String;

    /// Where the record is systematic: "systematic only for 2019–2025", or "only from
    /// 2019" while collection goes on.
    fn coverage_span(&self, from: &str, to: Option<&str>) -> String;
    /// A comparison reaching outside the systematic `span`, said in its own sentence,
    /// before the final stop: " (the record is systematic only for 2019–2025: outside
    /// it, counts are incomplete)".
    fn thin_comparison(&self, span: &str) -> String;
    /// A statement over time after the record's systematic coverage ends (`end`, its
    /// last year), where nothing has been collected: " (nothing after 2025 has been
    /// collected yet)".
    fn not_collected(&self, end: &str) -> String;
    /// [`Phrasebook::thin_comparison`] once the brief has given it in full: " (the record is
    /// systematic only for 2019–2025)".
    fn thin_again(&self, span: &str) -> String;
    /// [`Phrasebook::not_collected`] once the brief has given it in full: " (not collected
    /// after 2025)".
    fn not_collected_again(&self, end: &str) -> String;
    /// A "first on record" whose earlier record is thin: " (the record is systematic only
    /// from 2019, so an engagement before 2019 may be missing)"; `start` is where
    /// systematic coverage begins.
    fn thin_first(&self, span: &str, start: &str) -> String;
    /// [`Phrasebook::thin_first`] once the brief has given the record's coverage in full:
    /// " (the record is thin before 2019)".
    fn thin_first_again(&self, start: &str) -> String;
    /// The methodology's note on the record's coverage and the brief's period.
    fn coverage_note(&self, span: &str, period_inside: bool) -> String;
    /// The latest engagement in scope dates from `date`, `months` before the brief's
    /// date: recording may lag.
    fn recording_lag(&self, date: &str, months: &str) -> String;
    /// The records of a later edition of the dataset, as public on the brief's date
    /// (`day`): what a back-dated brief says in place of the edition.
    fn records_as_public(&self, day: &str) -> String;
    /// The dataset's `version`, read as it stood on the brief's date (`day`).
    fn version_as_of(&self, version: &str, day: &str) -> String;
    /// The bar or lane of a chart that stands for `count` partners not drawn on their
    /// own: "10 other partners".
    fn other_partners(&self, count: &str) -> String;
    /// The brief's whole period (`period`) lies after the end of the collected record
    /// (`end`): the record cannot speak of it.
    fn period_not_collected(&self, period: &str, end: &str) -> String;

    /// Under the heading of the analyst's prose: when it was written, and how many
    /// months before the brief when that is long ago.
    fn written_as_of(&self, date: &str, months_before: Option<&str>) -> String;

    // The starter spec.
    /// A starter spec's title: its partners (or all) and its period (", 2024" or "").
    fn starter_title(&self, partners: Option<&str>, period: &str) -> String;
}
