//! English: labels, names and sentences.

use crate::dataset::{Role, SeriesKind};

use super::words::{Against, Due, Group, Length, Pace, Phrasebook, Trend};

/// The English language.
pub(super) struct English;

/// Every label a template may print.
const LABELS: &[(&str, &str)] = &[
    // Cover and running heads.
    ("brief", "Policy brief"),
    ("brief-public", "Public release"),
    ("organisation", "National Counter-Terrorism Agency"),
    ("period", "Period"),
    ("as-of", "As of"),
    ("prepared-by", "Prepared by"),
    ("audience", "Audience"),
    ("marking", "Marking"),
    ("page", "Page"),
    ("page-of", "of"),
    ("contents", "Contents"),
    ("glossary", "Abbreviations"),
    ("note", "Note"),
    ("reference", "Reference"),
    ("contact", "Contact"),
    ("colophon", "Colophon"),
    ("public-release", "For public release"),
    // Section default titles.
    ("section-key-figures", "Key figures"),
    ("section-timeline", "Timeline of engagements"),
    ("section-partners", "Partner profiles"),
    ("section-partner", "Partner profile"),
    ("section-events", "Engagements"),
    ("section-table", "Engagements at a glance"),
    ("section-upcoming", "Coming up"),
    ("section-follow-ups", "Follow-ups and open items"),
    ("section-text", "Notes"),
    ("section-sources", "Sources"),
    ("section-methodology", "Methodology"),
    ("section-summary", "Summary"),
    ("section-findings", "Key findings"),
    ("section-changes", "Changes since the previous period"),
    ("section-assessment", "Assessment"),
    ("section-recommendations", "Recommendations"),
    ("section-outlook", "Outlook"),
    ("changes-total", "All engagements held"),
    (
        "changes-partner-note",
        "An engagement with several partners counts in the row of each, so the rows add up to more than the total.",
    ),
    ("changes-by-type", "By type"),
    ("changes-by-partner", "By partner"),
    ("changes-delta", "Change"),
    // Key figures.
    ("figure-events", "engagements"),
    ("figure-events-1", "engagement"),
    ("figure-partners", "partners"),
    ("figure-partners-1", "partner"),
    ("figure-agreements", "MoUs and other instruments"),
    ("figure-agreements-1", "MoU or other instrument"),
    ("figure-working-groups", "working-group meetings"),
    ("figure-working-groups-1", "working-group meeting"),
    ("figure-planned", "announced, still to come"),
    ("figure-unconfirmed", "announced, date passed, no report held"),
    ("by-partner", "By partner"),
    ("by-type", "By type"),
    ("by-year", "By year"),
    // Event entries and tables.
    ("date", "Date"),
    ("event", "Engagement"),
    ("partner", "Partner"),
    ("partners", "Partners"),
    ("place", "Place"),
    ("type", "Type"),
    ("status", "Status"),
    ("participants", "Participants"),
    ("topics", "Topics"),
    ("date-note", "Note on the date"),
    ("sources-ref", "Sources"),
    ("count", "Number"),
    // Timeline.
    ("timeline-held", "Held"),
    ("timeline-planned", "Planned or announced"),
    ("timeline-other", "Other partners"),
    ("timeline-span-held", "Held over a longer period, or dated to the month only"),
    ("timeline-span-planned", "Planned over a longer period, or dated to the month only"),
    ("timeline-cluster", "Several engagements a few days apart (the number shown)"),
    ("timeline-alt", "Timeline of engagements, one lane per partner, with the number in each lane"),
    // Partner profiles.
    ("profile-kind", "Kind"),
    ("profile-first", "First engagement in this period"),
    ("profile-latest", "Latest engagement in this period"),
    ("profile-in-period", "Engagements in this period"),
    ("profile-type", "Type of engagement"),
    ("profile-history", "In the whole record"),
    ("profile-agreements", "MoUs and other instruments in this period"),
    ("profile-none", "None"),
    ("empty-period-again", "None in this period."),
    ("empty-not-collected", "Not collected yet."),
    // Sources.
    ("source-published", "published"),
    ("contents", "Contents"),
    ("source-secondary", "secondary copy"),
    (
        "source-accessed-note",
        "Numbers in brackets in the text refer to this list. A page's access date is given where the dataset records it.",
    ),
    ("source-accessed", "accessed"),
    // Methodology and colophon.
    ("method-dataset", "Dataset"),
    ("method-version", "Version"),
    ("method-size", "Records public by this date"),
    ("method-selected", "Engagements in this brief, held or announced"),
    ("method-filters", "Filters"),
    ("method-no-filter", "none"),
    ("method-period", "Period"),
    ("method-as-of", "As-of date"),
    ("method-tool", "Produced with"),
    ("method-spec", "Specification"),
    ("method-public-names", "Named by the author’s decision"),
    (
        "method-matching",
        "An engagement is included when its date, at the precision the sources give (day, month or year), overlaps the period. Dates that are inferred or disputed are marked and explained.",
    ),
    (
        "method-sources",
        "Every engagement rests on at least one published source, listed under Sources.",
    ),
    (
        "method-sources-unlisted",
        "Every engagement rests on at least one published source, recorded in the dataset; this brief does not list them.",
    ),
    (
        "method-commentary-dated",
        "The analyst's commentary appears only where it was written by this brief's date.",
    ),
    (
        "method-point-in-time",
        "The brief knows only what was public on its as-of date: it uses and cites only sources published by then, and gives each engagement its status on that date. An engagement is held when a source reports that it took place, planned while its announced date is still to come, and unconfirmed when that date has passed with no report that it took place; unconfirmed engagements are not counted.",
    ),
    // Empty sections.
    ("empty-period", "No engagements are on record for this period."),
    ("empty-events", "No engagements in this period match the brief's filters."),
    (
        "empty-follow-ups",
        "No open item is on record: no announcement has lapsed, no series of meetings is past its pace, and no agreement's term is ending.",
    ),
    ("empty-upcoming", "No planned engagements after the as-of date are on record."),
    (
        "empty-upcoming-not-collected",
        "Not known: the collected record ends before the as-of date, so plans announced since are not in it.",
    ),
    ("empty-sources", "No sources: the brief cites no engagement."),
    // Vocabularies.
    ("type-mou", "MoU"),
    ("type-agreement", "Agreement"),
    ("type-working-group", "Working group"),
    ("type-consultation", "Consultation"),
    ("type-meeting", "Meeting"),
    ("type-courtesy-call", "Courtesy call"),
    ("type-visit", "Visit"),
    ("type-conference", "Conference"),
    ("type-training", "Workshop or training"),
    ("type-seminar", "Seminar"),
    ("type-framework", "Framework"),
    ("type-programme", "Programme"),
    ("status-held", "Held"),
    ("status-planned", "Planned"),
    ("status-unconfirmed", "Unconfirmed"),
    ("status-note", "Status"),
    ("kind-country", "Country"),
    ("kind-organisation", "International organisation"),
    ("kind-regional-body", "Regional body"),
    ("mode-in-person", "in person"),
    ("mode-hybrid", "hybrid"),
    ("mode-virtual", "online"),
    ("audience-executive", "Executive"),
    ("audience-analyst", "Analyst"),
    ("audience-public", "Public"),
];

/// Month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Country names by ISO 3166-1 alpha-3 code.
const COUNTRIES: &[(&str, &str)] = &[
    ("ARE", "United Arab Emirates"),
    ("AUS", "Australia"),
    ("AUT", "Austria"),
    ("BEL", "Belgium"),
    ("CAN", "Canada"),
    ("CHN", "China"),
    ("DEU", "Germany"),
    ("EGY", "Egypt"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("IDN", "Indonesia"),
    ("IND", "India"),
    ("JOR", "Jordan"),
    ("JPN", "Japan"),
    ("MAR", "Morocco"),
    ("MYS", "Malaysia"),
    ("NLD", "Netherlands"),
    ("NZL", "New Zealand"),
    ("OMN", "Oman"),
    ("PHL", "Philippines"),
    ("QAT", "Qatar"),
    ("RUS", "Russia"),
    ("SAU", "Saudi Arabia"),
    ("SGP", "Singapore"),
    ("THA", "Thailand"),
    ("TUR", "Türkiye"),
    ("USA", "United States"),
    ("VNM", "Viet Nam"),
];

impl Phrasebook for English {
    fn labels(&self) -> &'static [(&'static str, &'static str)] {
        LABELS
    }

    fn months(&self) -> &'static [&'static str; 12] {
        &MONTHS
    }

    fn countries(&self) -> &'static [(&'static str, &'static str)] {
        COUNTRIES
    }

    fn city(&self, _english: &str) -> Option<&'static str> {
        None
    }

    fn quarter(&self, quarter: u32, year: i32) -> String {
        format!("Q{quarter} {year}")
    }

    fn thousands_separator(&self) -> &'static str {
        ","
    }

    fn decimal_separator(&self) -> &'static str {
        "."
    }

    fn engagements(&self, n: usize) -> &'static str {
        if n == 1 { "engagement" } else { "engagements" }
    }

    fn small_numbers(&self) -> &'static [&'static str; 9] {
        &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    }

    fn ordinal(&self, n: u32) -> String {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    }

    fn and(&self) -> &'static str {
        " and "
    }

    fn serial_comma(&self, separator: &str) -> bool {
        separator == "; "
    }

    /// With "the" where English puts one ("the United Kingdom", "the Philippines", "the
    /// UN Office of Counter-Terrorism"), bare otherwise ("Australia", "INTERPOL").
    fn in_sentence(&self, name: &str) -> String {
        if name.starts_with("the ") {
            return name.to_owned();
        }
        // Phrasebook that make a name take "the", and the plural names of states that do; a
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

    fn role_phrase(&self, role: Role, list: &str) -> String {
        match role {
            Role::Counterpart => list.to_owned(),
            Role::Host => format!("hosted by {list}"),
            Role::Invitee => format!("invited: {list}"),
            Role::Observer => format!("observing: {list}"),
            Role::Subject => format!("concerning {list}"),
        }
    }

    fn marking_statement(&self, marking: &str) -> &'static str {
        match marking {
            "TLP:RED" => {
                "TLP:RED: for the eyes and ears of the named recipients only; no further disclosure."
            }
            "TLP:AMBER+STRICT" => {
                "TLP:AMBER+STRICT: recipients may share it only within their own organisation, on a need-to-know basis."
            }
            "TLP:AMBER" => {
                "TLP:AMBER: recipients may share it on a need-to-know basis within their organisation and with its clients."
            }
            "TLP:GREEN" => {
                "TLP:GREEN: recipients may share it within their community, but not through publicly accessible channels."
            }
            _ => "TLP:CLEAR: no limit on disclosure; it may be shared freely.",
        }
    }

    fn more(&self, n: &str) -> String {
        format!("{n} more")
    }

    fn volume(
        &self,
        this: &str,
        before: &str,
        n: usize,
        held: &str,
        trend: Trend<'_>,
        scope: &str,
    ) -> String {
        let trend = match trend {
            Trend::FromNone => format!(", against none in {before}"),
            Trend::Up(m) => format!(", up from {m} in {before}"),
            Trend::Down(m) => format!(", down from {m} in {before}"),
            Trend::Same => format!(", as many as in {before}"),
            Trend::Uncovered(span) => {
                format!("; as the record is {span}, {before} offers no fair comparison")
            }
            Trend::BeforeRecord(span) => {
                format!("; the record is {span}, so no earlier span of the same length compares")
            }
            Trend::UncoveredSince { span, years, length, count, n, rates } => {
                let length = match length {
                    Length::Years(years) => format!("{years} covered years"),
                    Length::Months(months) => format!("{months} covered months"),
                };
                let shows = match (n, rates) {
                    (0, _) => "none".to_owned(),
                    (_, Some((then, now))) => format!(
                        "{count} {} ({then} a year, against {now} a year in this period)",
                        self.engagements(n)
                    ),
                    (_, None) => format!("{count} {}", self.engagements(n)),
                };
                format!(
                    "; the record being {span}, the fair comparison is with {years}, the {length} \
                     just before, where it shows {shows}"
                )
            }
        };
        let noun = self.engagements(n);
        format!("In {this}, the record shows {held} {noun} held{scope}{trend}.")
    }

    fn partner_scope(&self, names: &[String], active: usize) -> String {
        let count = |n: usize| super::count_in_words(super::Language::En, n);
        match names {
            [] => String::new(),
            [one] => format!(" with {one}"),
            many if active > 0 && active < many.len() => format!(
                " with {} of the {} partners this brief covers",
                count(active),
                count(many.len())
            ),
            many => format!(" with the {} partners this brief covers", count(many.len())),
        }
    }

    fn volume_none(&self, this: &str, before: &str, earlier: Option<&str>) -> String {
        match earlier {
            None => format!("The record shows no engagement held in {this} or in {before}."),
            Some(m) => {
                format!("The record shows no engagement held in {this}, against {m} in {before}.")
            }
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
            Some((1, _)) => format!("{share}, one of them a conference"),
            Some((_, count)) => format!("{share}, {count} of them conferences"),
            None => share.to_owned(),
        };
        let mut text = format!(
            "{} was the most engaged partner, with {top} of the {total} engagements ({share})",
            super::capitalised(names)
        );
        if let Some(next) = next {
            text.push_str(&format!("; next came {next}"));
        }
        text + "."
    }

    fn leading_partners(&self, names: &str, top: &str, total: &str, share: &str) -> String {
        format!(
            "{} were the most engaged partners, with {top} of the {total} engagements each ({share}).",
            super::capitalised(names)
        )
    }

    fn then(&self) -> &'static str {
        ", then "
    }

    fn tied(&self, names: &str, each: &str) -> String {
        format!("{names} ({each} each)")
    }

    fn all_tied(&self, count: &str, each: usize, each_words: &str, names: &str) -> String {
        let noun = self.engagements(each);
        format!("{} partners had {each_words} {noun} each: {names}.", super::capitalised(count))
    }

    fn no_agreements(&self, this: &str) -> String {
        format!("The record shows no MoU or other instrument concluded in {this}.")
    }

    /// Opens with the count in words under ten, never with a numeral.
    fn agreements(&self, n: usize, count: &str, list: &str) -> String {
        match n {
            1 => format!("One MoU was concluded: with {list}."),
            2..=9 => format!("{} MoUs were concluded: with {list}.", super::capitalised(count)),
            _ => format!("The record shows {count} MoUs concluded: with {list}."),
        }
    }

    fn other_instruments(&self, n: usize, count: &str, list: &str, after_mous: bool) -> String {
        match (after_mous, n) {
            (true, 1) => format!("One other instrument was concluded: {list}."),
            (true, _) => {
                format!("{} other instruments were concluded: {list}.", super::capitalised(count))
            }
            (false, 1) => format!("No MoU was concluded, but one other instrument was: {list}."),
            (false, _) => {
                format!("No MoU was concluded, but {count} other instruments were: {list}.")
            }
        }
    }

    fn working_groups(&self, n: usize, count: &str, list: &str) -> String {
        match n {
            1 => format!("One working-group round was held: {list}."),
            2..=9 => {
                format!("{} working-group rounds were held: {list}.", super::capitalised(count))
            }
            _ => format!("The record shows {count} working-group rounds held: {list}."),
        }
    }

    fn round_unnumbered(&self, group: Group<'_>, date: &str) -> String {
        match group {
            Group::Joint(partners) => format!("a round with {partners} ({date})"),
            Group::Body(body) => format!("a meeting of {body}'s working group ({date})"),
        }
    }

    fn round_again(&self, ordinal: &str, date: &str) -> String {
        format!("the {ordinal} ({date})")
    }

    fn round(&self, ordinal: &str, group: Group<'_>, date: &str) -> String {
        match group {
            Group::Joint(partners) => format!("the {ordinal} with {partners} ({date})"),
            Group::Body(body) => {
                format!("the {ordinal} meeting of {body}'s working group ({date})")
            }
        }
    }

    fn following_round(&self, ordinal: &str, date: &str) -> String {
        format!(", following the {ordinal} of {date}")
    }

    fn since_period(
        &self,
        n: usize,
        count: &str,
        day: &str,
        end_of_record: bool,
        list: &str,
    ) -> String {
        let until = if end_of_record {
            format!("to {day}, the end of the collected record")
        } else {
            format!("to {day}")
        };
        match n {
            1 => format!("After the period, {until}, one more engagement is on record: {list}."),
            _ => format!(
                "After the period, {until}, {count} more engagements are on record: {list}."
            ),
        }
    }

    fn since_written(&self, n: usize, count: &str, day: &str, list: &str) -> String {
        match n {
            1 => format!(
                "Since this brief's commentary was written ({day}), one engagement of the period has come to light that it does not reflect: {list}."
            ),
            _ => format!(
                "Since this brief's commentary was written ({day}), {count} engagements of the period have come to light that it does not reflect: {list}."
            ),
        }
    }

    fn first_engagements(&self, n: usize, list: &str) -> String {
        match n {
            1 => format!(
                "The earliest engagement the record holds with {list} falls in this period; earlier cooperation, reported without a date or not at all, is not in the record."
            ),
            _ => format!(
                "The earliest engagements the record holds with {list} fall in this period; earlier cooperation, reported without a date or not at all, is not in the record."
            ),
        }
    }

    fn upcoming(&self, n: usize, count: &str, day: &str, date: &str, title: &str) -> String {
        match n {
            1 => format!(
                "On {day}, one announced engagement is still to be reported held: {title} ({date})."
            ),
            2..=9 => format!(
                "On {day}, {count} announced engagements are still to be reported held; the first: {title} ({date})."
            ),
            _ => format!(
                "On {day}, the record shows {count} announced engagements still to be reported held; the first: {title} ({date})."
            ),
        }
    }

    fn certainty(
        &self,
        n: usize,
        total: &str,
        uncertain: (usize, &str),
        single: (usize, &str),
        copies: (usize, &str),
    ) -> String {
        let copies = match copies {
            (0, _) => String::new(),
            (1, _) if n == 1 => {
                " It is known only from a third party's copy of its publisher's page.".to_owned()
            }
            (1, _) => {
                " One is known only from third-party copies of its publisher's page.".to_owned()
            }
            (_, words) => format!(
                " {} are known only from third-party copies of their publishers' pages.",
                super::capitalised(words)
            ),
        };
        if n == 1 {
            let date = if uncertain.0 == 1 {
                "a date known only to the month or year or qualified by a note"
            } else {
                "an exact date"
            };
            let source = if single.0 == 1 { "a single source" } else { "more than one source" };
            return format!("The one engagement has {date} and rests on {source}.{copies}");
        }
        let dates = match uncertain {
            (0, _) => "none has a date known only roughly or qualified by a note".to_owned(),
            (1, _) => {
                "one has a date known only to the month or year or qualified by a note".to_owned()
            }
            (_, words) => {
                format!(
                    "{words} have a date known only to the month or year or qualified by a note"
                )
            }
        };
        let sources = match single {
            (0, _) => "none rests on a single source".to_owned(),
            (1, _) => "one rests on a single source".to_owned(),
            (_, words) => format!("{words} rest on a single source"),
        };
        format!("Of the {total} engagements, {dates}, and {sources}.{copies}")
    }

    fn changes_intro(&self, this: &str, that: &str, against: Against) -> String {
        match against {
            Against::PreviousPeriod => format!(
                "This section compares the engagements held in {this} with {that}, the period of the same length just before."
            ),
            Against::PreviousYear => format!(
                "This section compares the engagements held in {this} with {that}, the same period a year earlier."
            ),
            Against::Named => {
                format!("This section compares the engagements held in {this} with {that}.")
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
        // A sentence never opens with a numeral: "The record shows 4 …", not "4 …".
        let noun = self.engagements(n);
        match (n, m) {
            (0, 0) => "No engagement is on record in either period.".to_owned(),
            (_, 0) => format!("The record shows {count} {noun} held, against none in {that}."),
            _ => format!("The record shows {count} {noun} held, against {earlier} ({delta})."),
        }
    }

    fn changes_uncovered(&self, n: usize, count: &str, that: &str, span: &str) -> String {
        let noun = self.engagements(n);
        format!(
            "The record shows {count} {noun} held; as it is {span}, {that} offers no fair comparison."
        )
    }

    fn first_on_record(&self, list: &str) -> String {
        format!("First engagements on record: with {list}.")
    }

    fn active_again(&self, that: &str, list: &str) -> String {
        format!("Active again after no engagement in {that}: {list}.")
    }

    fn first_since(&self, name: &str, date: &str) -> String {
        format!("{name} (the first since {date})")
    }

    fn quiet(&self, that: &str, list: &str) -> String {
        format!("No engagement this period with {list}, active in {that}.")
    }

    fn new_agreements(&self, list: &str) -> String {
        format!("New MoUs and other instruments: with {list}.")
    }

    fn realised(&self, that: &str, list: &str) -> String {
        format!("Announced by the end of {that} and since held: {list}.")
    }

    fn lapsed(&self, day: &str, list: &str) -> String {
        format!("Announced, but not reported as held by {day}: {list}.")
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
            (Some(until), Some(months)) => {
                format!("not reported as held by {until}, {months} months after its date")
            }
            (Some(until), None) => {
                format!("not reported as held by {until}")
            }
            (None, Some(months)) => {
                format!("not reported as held; {months} months have passed since its date")
            }
            (None, None) => "its date has passed with no report that it took place".to_owned(),
        };
        format!("{title} ({date}): announced {announced}, {lapsed}.")
    }

    fn follow_up_announced(&self, title: &str, date: &str, announced: &str) -> String {
        format!("{title} ({date}): announced {announced}, still to come.")
    }

    fn follow_up_prepare(&self) -> &'static str {
        "Confirm the date and who takes part."
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
        let pace = match pace {
            Pace::Stated(12) => "; its sources describe it as an annual meeting".to_owned(),
            Pace::Stated(months) => format!("; its sources say it meets every {months} months"),
            Pace::Mean(months) => format!("; earlier rounds came every {months} months on average"),
            Pace::Interval(months) => {
                format!("; the two rounds on record came {months} months apart")
            }
            Pace::Gaps(months) => {
                format!("; the rounds on record came {months} months apart, no set pace")
            }
            Pace::Single => "; it is the only round on record".to_owned(),
        };
        let round = ordinal.map_or_else(String::new, |ordinal| format!(", the {ordinal},"));
        let last = format!("The last round of {group}");
        let since = match until {
            Some(until) => format!("{months} months to {until}"),
            None => format!("{months} months since"),
        };
        format!("{last}{round} dates from {date}; none is on record in the {since}{pace}.")
    }

    fn record_until(&self, day: &str) -> String {
        format!("record collected to {day}")
    }

    fn record_end(&self, day: &str, first: bool) -> String {
        if first { format!("{day}, the end of the collected record") } else { day.to_owned() }
    }

    fn follow_up_confirm(&self) -> &'static str {
        "Confirm whether it took place."
    }

    fn follow_up_term(
        &self,
        title: &str,
        date: &str,
        ends: &str,
        ended: bool,
        until: Option<&str>,
    ) -> String {
        let by = until.map_or_else(String::new, |until| format!(" by {until}"));
        match ended {
            true => format!(
                "{title} ({date}): its term ran through {ends}, and no renewal or successor is on record{by}."
            ),
            false => format!(
                "{title} ({date}): its term runs through {ends}, and no renewal is on record{by}."
            ),
        }
    }

    fn follow_up_renew(&self, ended: bool) -> &'static str {
        match ended {
            true => "Confirm whether it was renewed or replaced.",
            false => "Open talks on its renewal before the term ends.",
        }
    }

    fn follow_up_due(&self, missed: Option<&str>) -> String {
        match missed {
            None => "The next round is overdue: propose dates to the partner.".to_owned(),
            Some(rounds) => format!(
                "The next round is long overdue, {rounds} rounds having gone by at its pace: \
                 raise the series with the partner at a senior level, with proposed dates."
            ),
        }
    }

    fn series(&self, kind: SeriesKind, partners: &str) -> String {
        match kind {
            SeriesKind::WorkingGroup => format!("the working group with {partners}"),
            SeriesKind::Consultation => format!("the bilateral consultations with {partners}"),
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
            // No set pace: no month is projected from it.
            let round =
                next.map_or_else(|| "the next round".to_owned(), |o| format!("the {o} round"));
            let none = match until {
                Some(until) => format!("no date for {round} is on record by {until}"),
                None => format!("no date for {round} has been announced"),
            };
            return format!(
                "The rounds of {group} on record came {months} months apart, with no set pace; \
                 {none}."
            );
        }
        let stated = matches!(pace, Pace::Stated(_));
        let pace = match pace {
            Pace::Stated(12) => "At the annual pace its sources describe".to_owned(),
            Pace::Stated(months) => {
                format!("At the pace its sources state (every {months} months)")
            }
            Pace::Mean(months) => {
                format!("At the pace of earlier rounds (every {months} months on average)")
            }
            Pace::Interval(months) => {
                format!("At the pace of the two rounds on record ({months} months apart)")
            }
            // Gaps with no set pace are said above, without a projection.
            Pace::Gaps(_) | Pace::Single => "At the pace of earlier rounds".to_owned(),
        };
        let round = match next {
            Some(ordinal) => format!("the {ordinal} round of {group}"),
            None => format!("the next round of {group}"),
        };
        let due = match (stated, due) {
            (true, Due::Missed) => "was due",
            (true, Due::Passed) => "fell due",
            (true, Due::Ahead) => "falls due",
            (false, Due::Missed | Due::Passed) => "would have fallen due",
            (false, Due::Ahead) => "would fall due",
        };
        let none = match until {
            Some(until) => format!("no date is on record by {until}"),
            None => "no date has been announced".to_owned(),
        };
        format!("{pace}, {round} {due} around {expected}; {none}.")
    }

    fn follow_up_single(
        &self,
        ordinal: Option<&str>,
        group: &str,
        date: &str,
        months: &str,
        until: Option<&str>,
    ) -> String {
        let round = ordinal.map_or_else(|| date.to_owned(), |o| format!("the {o}, of {date}"));
        let none = match until {
            Some(until) => format!("no next round is on record in the {months} months to {until}"),
            None => format!("no next round has been announced in the {months} months since"),
        };
        format!("Only one round of {group} is on record ({round}); {none}.")
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
            Some(until) => format!("none is on record in the {months} months to {until}"),
            None => format!("none is on record in the {months} months since"),
        };
        let which = match own {
            true => " on record, other than as one of several at a multilateral meeting,",
            false => " on record",
        };
        format!("The latest engagement with {partner}{which} dates from {date}; {since}.")
    }

    fn follow_up_continue(&self, topic: Option<&str>) -> String {
        match topic {
            Some(topic) => format!(
                "Ask the partner how the work on {topic} is to continue, and what is planned."
            ),
            None => "Ask whether the cooperation continues, and what is planned.".to_owned(),
        }
    }

    fn follow_up_collect(&self, end: &str, months: &str, alone: bool) -> String {
        let then = match alone {
            false => "until they are in, the items below rest on a record that stops there",
            true => "until they are in, the record cannot tell what is open or overdue since",
        };
        format!(
            "The collected record ends on {end}, {months} months before this brief. Collect the engagements since then first: {then}."
        )
    }

    fn follow_up_ask(&self) -> &'static str {
        "Propose dates to the partner."
    }

    fn follow_up_owner(&self, unit: &str) -> String {
        format!("Owner: {unit}.")
    }

    fn follow_up_check(&self) -> &'static str {
        "Confirm whether it has taken place or been scheduled."
    }

    fn history_first(&self, title: &str, date: &str) -> String {
        format!("First engagement on record: {title} ({date}).")
    }

    fn history_agreements(&self, list: &str) -> String {
        format!("MoUs and related instruments on record: {list}.")
    }

    fn history_rounds(&self, n: usize, count: &str, title: &str, date: &str) -> String {
        match n {
            1 => format!("Numbered rounds on record: one, the {title} ({date})."),
            _ => format!("Numbered rounds on record: {count}; the latest, the {title} ({date})."),
        }
    }

    fn history_latest(&self, title: &str, date: &str) -> String {
        format!("Latest engagement on record: {title} ({date}).")
    }

    fn latest_on_record(&self, nothing: &str, date: &str) -> String {
        format!("{nothing} The latest engagement on record dates from {date}.")
    }

    fn unconfirmed_note(&self, day: &str) -> String {
        format!("announced, but no source published by {day} reports that it took place.")
    }

    fn left_out(&self, sections: &str) -> String {
        format!("This executive version leaves out {sections}: the full brief has them.")
    }

    fn shown_of(&self, shown: &str, all: &str, of: usize) -> String {
        format!("{shown} of {all} {} shown; the full brief lists all.", self.engagements(of))
    }

    fn to_date(&self, span: &str) -> String {
        format!("{span} (in progress)")
    }

    fn coverage_span(&self, from: &str, to: Option<&str>) -> String {
        match to {
            Some(to) => format!("systematic only for {from}–{to}"),
            None => format!("systematic only from {from}"),
        }
    }

    fn thin_comparison(&self, span: &str) -> String {
        format!(" (the record is {span}: outside it, counts are incomplete)")
    }

    fn not_collected(&self, end: &str) -> String {
        format!(" (nothing after {end} has been collected yet)")
    }

    fn thin_again(&self, span: &str) -> String {
        format!(" (the record is {span})")
    }

    fn not_collected_again(&self, end: &str) -> String {
        format!(" (not collected after {end})")
    }

    fn thin_first(&self, span: &str, start: &str) -> String {
        format!(" (the record is {span}, so an engagement before {start} may be missing)")
    }

    fn thin_first_again(&self, start: &str) -> String {
        format!(" (the record is thin before {start})")
    }

    fn coverage_note(&self, span: &str, period_inside: bool) -> String {
        let period = if period_inside {
            "This brief's period lies within it."
        } else {
            "This brief's period reaches outside it, where counts are incomplete and comparisons understate the earlier or later years."
        };
        format!(
            "The record is {span}; outside that span it holds only engagements found in later reporting. {period}"
        )
    }

    fn records_as_public(&self, day: &str) -> String {
        format!("The records as public on {day}; the edition is in the file's metadata")
    }

    fn version_as_of(&self, version: &str, day: &str) -> String {
        format!("{version}, as it stood on {day}")
    }

    fn other_partners(&self, count: &str) -> String {
        match count {
            "1" => "1 other partner".to_owned(),
            _ => format!("{count} other partners"),
        }
    }

    fn period_not_collected(&self, period: &str, end: &str) -> String {
        format!(
            "Nothing after {end} has been collected yet, so the record cannot say what took place in {period}: an empty list here is a gap in collection, not a quiet period. Read this brief for its open items."
        )
    }

    fn recording_lag(&self, date: &str, months: &str) -> String {
        format!(
            "The latest engagement on record in this brief's scope dates from {date}, {months} months before this brief's date: recording may lag behind events, so a quiet stretch need not mean inactivity."
        )
    }

    fn written_as_of(&self, date: &str, months_before: Option<&str>) -> String {
        match months_before {
            Some(months) => format!("Written as of {date}, {months} months before this brief"),
            None => format!("Written as of {date}"),
        }
    }

    fn starter_title(&self, partners: Option<&str>, period: &str) -> String {
        match partners {
            None => format!("BNPT international cooperation{period}"),
            Some(with) => format!("BNPT cooperation with {with}{period}"),
        }
    }
}
