//! The closed vocabularies of a spec: audiences, markings, PDF standards, section
//! kinds, comparisons, `on_empty` and `detail`, each with its spelling in specs.

use crate::dates::Period;
use crate::vocab::vocabulary;

vocabulary! {
    /// Who a brief is written for; each audience has its own default template.
    Audience("audience") {
        /// Directors: at most two pages.
        Executive = "executive",
        /// Analysts: the full brief.
        Analyst = "analyst",
        /// Public release: no participant names, no marking beyond TLP:CLEAR.
        Public = "public",
    }
}

impl Audience {
    /// The built-in template written for this audience.
    pub fn default_template(self) -> &'static str {
        match self {
            Audience::Executive => "executive",
            Audience::Analyst => "brief",
            Audience::Public => "public",
        }
    }
}

vocabulary! {
    /// A Traffic Light Protocol 2.0 label.
    Marking("marking") {
        /// TLP:RED — for the named recipients only.
        Red = "TLP:RED",
        /// TLP:AMBER+STRICT — the recipient's organisation only.
        AmberStrict = "TLP:AMBER+STRICT",
        /// TLP:AMBER — the recipient's organisation and its clients.
        Amber = "TLP:AMBER",
        /// TLP:GREEN — the recipient's community.
        Green = "TLP:GREEN",
        /// TLP:CLEAR — no limit on disclosure.
        Clear = "TLP:CLEAR",
    }
}

impl Marking {
    /// The TLP 2.0 colours: text colour and background, as hex.
    pub fn colours(self) -> (&'static str, &'static str) {
        match self {
            Marking::Red => ("#FF2B2B", "#000000"),
            Marking::AmberStrict | Marking::Amber => ("#FFC000", "#000000"),
            Marking::Green => ("#33FF00", "#000000"),
            Marking::Clear => ("#FFFFFF", "#000000"),
        }
    }
}

vocabulary! {
    /// A PDF standard a brief is exported to and validated against (typst-pdf's
    /// validated export).
    PdfStandard("PDF standard") {
        /// PDF/A-2b (ISO 19005-2, level B): for long-term archiving.
        A2b = "a-2b",
        /// PDF/A-3b (ISO 19005-3, level B): PDF/A-2b that may carry attachments.
        A3b = "a-3b",
        /// PDF/UA-1 (ISO 14289-1): accessible, tagged, with alternative text.
        Ua1 = "ua-1",
    }
}

vocabulary! {
    /// The kinds of section a brief can have.
    SectionKind("section kind") {
        /// The analyst's bottom line up front (Typst markup); always first.
        Summary = "summary",
        /// Key findings, computed from the selection, each with its source numbers.
        Findings = "findings",
        /// This period against an earlier one: counts, deltas, partners gained and lost.
        Changes = "changes",
        /// Headline counts.
        KeyFigures = "key-figures",
        /// A chart of engagements over time, one lane per partner.
        Timeline = "timeline",
        /// A profile per partner.
        Partners = "partners",
        /// The engagements, one entry each.
        Events = "events",
        /// The engagements in a compact table.
        Table = "table",
        /// Planned engagements after the as-of date.
        Upcoming = "upcoming",
        /// Open items: announcements not reported as held, working-group series past
        /// their cadence, each with its sources.
        FollowUps = "follow-ups",
        /// Typst markup written by the spec author.
        Text = "text",
        /// The analyst's assessment (Typst markup).
        Assessment = "assessment",
        /// The analyst's recommendations (Typst markup).
        Recommendations = "recommendations",
        /// The analyst's outlook (Typst markup).
        Outlook = "outlook",
        /// The numbered source list.
        Sources = "sources",
        /// How the brief was made.
        Methodology = "methodology",
    }
}

impl SectionKind {
    /// Whether the section is the spec author's Typst markup, written in `body`: `text`
    /// and the analyst's kinds (`summary`, `assessment`, `recommendations`, `outlook`).
    pub fn is_markup(self) -> bool {
        matches!(
            self,
            SectionKind::Text
                | SectionKind::Summary
                | SectionKind::Assessment
                | SectionKind::Recommendations
                | SectionKind::Outlook
        )
    }

    /// Whether the section lists or counts engagements of its filter (so that it can be
    /// empty), rather than holding words or the brief's sources and method.
    pub fn selects_events(self) -> bool {
        !self.is_markup()
            && !matches!(
                self,
                SectionKind::Sources | SectionKind::Methodology | SectionKind::FollowUps
            )
    }
}

/// The period a `changes` section compares the brief's period with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compare {
    /// The period of equal length just before (the previous month for a month).
    #[default]
    PreviousPeriod,
    /// The same period one year earlier.
    PreviousYear,
    /// Fixed dates.
    Fixed(Period),
}

/// The names `compare` accepts besides a `{ from, to }` table.
pub(super) const COMPARE_NAMES: [&str; 2] = ["previous-period", "previous-year"];

vocabulary! {
    /// What to do when a section selects no engagements.
    #[derive(Default)]
    OnEmpty("`on_empty` value") {
        /// Print the section with a short note.
        #[default]
        Note = "note",
        /// Leave the section out.
        Omit = "omit",
        /// Fail the brief.
        Fail = "fail",
    }
}

vocabulary! {
    /// How much of each engagement an `events` section prints.
    #[derive(Default)]
    Detail("`detail` value") {
        /// Summary, participants, topics and sources.
        #[default]
        Full = "full",
        /// Date, title and a one-paragraph summary.
        Summary = "summary",
    }
}
