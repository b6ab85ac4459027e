//! `brief new`: a starter spec written from a few choices, every key present and
//! explained, that `brief check` accepts as it is.

use chrono::NaiveDate;

use crate::dataset::{EventType, Status};
use crate::dates::{PartialDate, RelativePeriod};
use crate::locale::Language;
use crate::spec::{Audience, Marking, PdfStandard, SectionKind};

/// What the starter spec is about.
#[derive(Debug, Clone)]
pub struct Starter {
    /// The partners, as (id, name in the spec's language); empty for every partner.
    pub partners: Vec<(String, String)>,
    /// The period's first and last day, month or year; `None` for the previous month.
    pub period: Option<(PartialDate, PartialDate)>,
    /// The audience.
    pub audience: Audience,
    /// The language.
    pub language: Language,
    /// The day the spec is written, for its first comment.
    pub today: NaiveDate,
}

/// A language other than `language`, for the commented-out variant.
fn other_language(language: Language) -> Language {
    Language::ALL.iter().copied().find(|l| *l != language).unwrap_or(language)
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// `a | b | c`, for a comment listing a vocabulary.
fn choices(names: &[&str]) -> String {
    names.join(" | ")
}

impl Starter {
    /// The title the spec starts with: partners and period in the spec's language.
    fn title(&self) -> String {
        let names: Vec<String> = self.partners.iter().map(|(_, name)| name.clone()).collect();
        let with = crate::locale::join_list(self.language, &names, ", ");
        let period = match self.period {
            Some((from, to)) if from == to => format!(", {from}"),
            Some((from, to)) => format!(", {from} – {to}"),
            None => String::new(),
        };
        let partners = (!names.is_empty()).then_some(with.as_str());
        self.language.words().starter_title(partners, &period)
    }

    /// The spec's text.
    pub fn render(&self) -> String {
        let mut out = Lines::default();
        self.keys(&mut out);
        self.period_table(&mut out);
        self.filter_table(&mut out);
        self.sections(&mut out);
        self.variants_and_owners(&mut out);
        out.0
    }

    /// The comment that opens the spec and its top-level keys.
    fn keys(&self, out: &mut Lines) {
        out.line(&format!(
            "# A brief spec written by `brief new` on {}. Check it with `brief check FILE`,",
            self.today
        ));
        out.line(
            "# render it with `brief generate FILE`. Keys behind `#` are optional: remove the",
        );
        out.line("# `#` to use one. README.md (\"The spec in short\") explains every key.");
        out.blank();
        out.line(&format!(
            "title = {}   # or per language: {{ en = \"…\", id = \"…\" }}",
            quoted(&self.title())
        ));
        out.line("# subtitle = \"Partners, agreements and working groups\"");
        out.line("# author = \"Deputy for International Cooperation\"   # who issues the brief");
        out.line(
            "# reference = \"KI/2026/12\"   # the document's reference, printed in the title block",
        );
        out.line("# contact = \"Deputy for International Cooperation, BNPT\"   # whom readers ask");
        out.line(&format!(
            "language = {}   # {}",
            quoted(self.language.code()),
            choices(Language::NAMES)
        ));
        out.line(&format!(
            "audience = {}   # executive: two pages; analyst: the full brief; public: no names, TLP:CLEAR",
            quoted(self.audience.as_str())
        ));
        out.line(&format!(
            "# template = {}   # brief | executive | public, or a path to a .typ file",
            quoted(self.audience.default_template())
        ));
        out.line(
            "# templates = \"my-templates\"   # a folder whose files shadow the built-in templates",
        );
        let marking = format!("# {}", choices(Marking::NAMES));
        if self.audience == Audience::Public {
            out.line(&format!("marking = \"TLP:CLEAR\"   {marking} (a public brief is TLP:CLEAR)"));
        } else {
            out.line(&format!("# marking = \"TLP:AMBER\"   {marking}"));
        }
        out.line(&format!(
            "# pdf_standard = [\"a-2b\", \"ua-1\"]   # validated export: {}",
            choices(PdfStandard::NAMES)
        ));
        if self.period.is_some() {
            out.line(
                "# output = \"out/{slug}-{language}.pdf\"   # {slug} {language} {audience} {from} {to} {as_of}",
            );
        } else {
            // A relative period moves with the date: each run's brief gets a name of its own.
            out.line(
                "output = \"out/{slug}-{from:%Y-%m}-{language}.pdf\"   # each period's brief a file of its own; {slug} {language} {audience} {from} {to} {as_of}",
            );
        }
        out.line(
            "# data = [\"our-events.csv\"]   # extra dataset files (TOML, JSON, CSV, .xlsx or .ods), beside this spec",
        );
        out.line(
            "# written = 2024-12-31   # when the prose sections' words were written: a brief dated earlier leaves them out, a later one says when",
        );
        out.line(
            "# lag_months = 3   # months past the latest engagement on record before the brief says that recording may lag",
        );
        out.line(
            "# public_names = [\"Full Name\"]   # participants a public brief may name, by your decision; its methodology lists them",
        );
    }

    /// The `[period]` table: the chosen period, or a relative one.
    fn period_table(&self, out: &mut Lines) {
        out.blank();
        out.line(
            "[period]   # inclusive: a day (2024-01-31), a month (\"2024-01\") or a year (2024)",
        );
        match self.period {
            Some((from, to)) => {
                out.line(&format!("from = {}", toml_date(from)));
                out.line(&format!("to = {}", toml_date(to)));
                out.line(&format!(
                    "# relative = \"previous-month\"   # instead of from/to, for scheduled runs: {}",
                    choices(RelativePeriod::NAMES)
                ));
            }
            None => {
                out.line(&format!(
                    "relative = \"previous-month\"   # {}; or `from` and `to`",
                    choices(RelativePeriod::NAMES)
                ));
            }
        }
    }

    /// The `[filter]` table: the chosen partners, the other filters commented out.
    fn filter_table(&self, out: &mut Lines) {
        out.blank();
        out.line(
            "[filter]   # what every section draws on; filters of different kinds combine with AND",
        );
        if self.partners.is_empty() {
            out.line(
                "# partners = [\"aus\", \"gbr\"]   # ids or names; `brief partners` lists them",
            );
        } else {
            let ids: Vec<String> = self.partners.iter().map(|(id, _)| quoted(id)).collect();
            out.line(&format!(
                "partners = [{}]   # ids or names; `brief partners` lists them",
                ids.join(", ")
            ));
        }
        out.line(&format!(
            "# types = [\"mou\", \"working-group\"]   # {}",
            choices(EventType::NAMES)
        ));
        out.line("# topics = [\"deradicalisation\"]   # topic ids or names");
        out.line(&format!("# status = [\"held\"]   # {}", choices(Status::NAMES)));
    }

    /// The sections, each kind with the keys worth knowing.
    fn sections(&self, out: &mut Lines) {
        out.blank();
        out.line(
            "# The sections, in order. Each may have its own `title` and `[sections.filter]`;",
        );
        out.line(&format!("# the kinds: {}.", SectionKind::NAMES.join(", ")));
        out.line(
            "# summary, assessment, recommendations, outlook and text take a `body` of Typst markup:",
        );
        out.line("# [[sections]]");
        out.line("# kind = \"summary\"");
        out.line("# body = \"The analyst's bottom line.\"");
        for kind in [
            "findings",
            "changes",
            "key-figures",
            "timeline",
            "partners",
            "events",
            "sources",
            "methodology",
        ] {
            out.blank();
            out.line("[[sections]]");
            out.line(&format!("kind = {}", quoted(kind)));
            match kind {
                "changes" => out.line(
                    "# compare = \"previous-year\"   # previous-period (the default) | previous-year | { from = …, to = … }",
                ),
                "events" => {
                    out.line("# title = \"Engagements\"   # every section may have its own title");
                    out.line(
                        "# filter = { types = [\"working-group\", \"mou\"] }   # narrows [filter]",
                    );
                    out.line("# on_empty = \"note\"   # when nothing matches: note | omit | fail");
                    out.line("# detail = \"full\"   # full | summary");
                }
                _ => {}
            }
        }
    }

    /// A commented-out variant and `[owners]` table.
    fn variants_and_owners(&self, out: &mut Lines) {
        out.blank();
        out.line(
            "# More outputs from this one spec, each with its own language and/or audience (a spec",
        );
        out.line("# in both languages gives its title as { en = \"…\", id = \"…\" }):");
        out.line("# [[variants]]");
        out.line(&format!("# language = {}", quoted(other_language(self.language).code())));
        out.line("# audience = \"executive\"");
        out.blank();
        out.line(
            "# Who acts on each open item the follow-ups list: a unit per partner (id or name),",
        );
        out.line("# `default` for the rest; a project's `_brief.toml` is a good home for them.");
        out.line("# [owners]");
        out.line("# default = \"Deputy for International Cooperation\"");
        out.line("# gbr = { en = \"Directorate of Bilateral Cooperation\", id = \"Direktorat Kerja Sama Bilateral\" }");
    }
}

/// The spec's text, a line at a time.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// Adds a line.
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }

    /// Adds an empty line.
    fn blank(&mut self) {
        self.0.push('\n');
    }
}

/// A partial date as a TOML value: a day as a date, a month as a string, a year as a number.
fn toml_date(date: PartialDate) -> String {
    let text = date.to_string();
    match text.len() {
        4 => text,
        7 => quoted(&text),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starter(language: Language, audience: Audience) -> Starter {
        Starter {
            partners: vec![("aus".into(), "Australia".into())],
            period: Some(("2024".parse().unwrap(), "2024".parse().unwrap())),
            audience,
            language,
            today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        }
    }

    #[test]
    fn the_title_names_partners_and_period_in_the_spec_s_language() {
        assert_eq!(
            starter(Language::En, Audience::Analyst).title(),
            "BNPT cooperation with Australia, 2024"
        );
        assert_eq!(
            starter(Language::Id, Audience::Analyst).title(),
            "Kerja sama BNPT dengan Australia, 2024"
        );
    }

    #[test]
    fn a_public_starter_carries_its_marking_and_others_leave_it_optional() {
        assert!(
            starter(Language::En, Audience::Public).render().contains("\nmarking = \"TLP:CLEAR\"")
        );
        assert!(
            starter(Language::En, Audience::Analyst)
                .render()
                .contains("\n# marking = \"TLP:AMBER\"")
        );
    }

    #[test]
    fn a_relative_period_names_each_brief_by_its_month_and_a_fixed_one_leaves_output_optional() {
        let relative = Starter { period: None, ..starter(Language::En, Audience::Analyst) };
        assert!(
            relative.render().contains("\noutput = \"out/{slug}-{from:%Y-%m}-{language}.pdf\""),
            "{}",
            relative.render()
        );
        let fixed = starter(Language::En, Audience::Analyst).render();
        assert!(fixed.contains("\n# output = \"out/{slug}-{language}.pdf\""), "{fixed}");
    }

    #[test]
    fn months_are_strings_and_years_numbers() {
        assert_eq!(toml_date("2024".parse().unwrap()), "2024");
        assert_eq!(toml_date("2024-03".parse().unwrap()), "\"2024-03\"");
        assert_eq!(toml_date("2024-03-05".parse().unwrap()), "2024-03-05");
    }
}
