//! Brief specs: the TOML an analyst writes, parsed, validated and resolved.
//!
//! A spec names what a brief is about. [`Spec::parse`] reads and checks it, reporting
//! every problem it can find at once, each with file, line and column and the nearest
//! valid value. Values that can only be checked against the dataset (partners, topics)
//! keep their place in the file so that later stages can point at them.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use typst::syntax::LinkedNode;

use crate::dataset::{EventType, Status};
use crate::dates::{PartialDate, Period, RelativePeriod};
use crate::diag::{
    Diagnostic, Shapes, SourceText, array_of_tables_hint, field_hint, key_at, list_hint,
    plain_serde, quoted_list, read_text, read_text_from, unknown_field,
};
use crate::locale::Language;
use crate::project::Setting;
use crate::vocab::Vocabulary;

mod choices;
mod markup;

use choices::COMPARE_NAMES;
pub use choices::{Audience, Compare, Detail, Marking, OnEmpty, PdfStandard, SectionKind};
use markup::{MAX_MARKUP_DEPTH, file_access, place_in_string, syntax_errors, too_deep};

/// Words a reader sees: one string for every language, or one per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    /// One string, for a spec written in a single language.
    Plain(Located<String>),
    /// One string per language: `{ en = "…", id = "…" }`.
    Translated {
        /// The English words.
        en: Option<Located<String>>,
        /// The Indonesian words.
        id: Option<Located<String>>,
        /// Where the table is written.
        range: Range<usize>,
    },
}

impl Words {
    /// The words for `language`, if the spec has them.
    pub fn get(&self, language: Language) -> Option<&str> {
        self.located(language).map(|l| l.value.as_str())
    }

    /// The words for `language`, else those of another language the spec gives.
    pub fn get_or_other(&self, language: Language) -> Option<&str> {
        self.get(language).or_else(|| self.all().first().map(|l| l.value.as_str()))
    }

    /// The words for `language` with their place, if the spec has them.
    pub fn located(&self, language: Language) -> Option<&Located<String>> {
        match (self, language) {
            (Words::Plain(words), _) => Some(words),
            (Words::Translated { en, .. }, Language::En) => en.as_ref(),
            (Words::Translated { id, .. }, Language::Id) => id.as_ref(),
        }
    }

    /// Where the words are written.
    pub fn range(&self) -> Range<usize> {
        match self {
            Words::Plain(words) => words.range.clone(),
            Words::Translated { range, .. } => range.clone(),
        }
    }

    /// Every language's words written, with their place.
    fn all(&self) -> Vec<&Located<String>> {
        match self {
            Words::Plain(words) => vec![words],
            Words::Translated { en, id, .. } => en.iter().chain(id).collect(),
        }
    }
}

/// [`Words`] as read from TOML: a string, or a table of `en` and `id` strings.
#[derive(Debug)]
enum RawWords {
    Plain(Spanned<String>),
    Translated { en: Option<Spanned<String>>, id: Option<Spanned<String>> },
}

impl<'de> Deserialize<'de> for RawWords {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawWords;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a table `{ en = \"…\", id = \"…\" }`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawWords, E> {
                Ok(RawWords::Plain(Spanned::new(0..0, text.to_owned())))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawWords, A::Error> {
                let (mut en, mut id) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "en" => en = Some(map.next_value::<Spanned<String>>()?),
                        "id" => id = Some(map.next_value::<Spanned<String>>()?),
                        other => {
                            return Err(serde::de::Error::unknown_field(other, &["en", "id"]));
                        }
                    }
                }
                Ok(RawWords::Translated { en, id })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `pdf_standard` as read from TOML: one standard, or a list of them.
#[derive(Debug)]
enum RawStandards {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for RawStandards {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawStandards;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a standard such as \"ua-1\", or a list such as [\"a-2b\", \"ua-1\"]")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawStandards, E> {
                Ok(RawStandards::One(text.to_owned()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawStandards, A::Error> {
                let mut all = vec![];
                while let Some(standard) = seq.next_element::<Spanned<String>>()? {
                    all.push(standard);
                }
                Ok(RawStandards::Many(all))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Turns read words into [`Words`], with the places of the strings in the spec.
fn words(raw: Spanned<RawWords>) -> Words {
    let range = raw.span();
    let located = |s: Spanned<String>| Located { range: s.span(), value: s.into_inner() };
    match raw.into_inner() {
        RawWords::Plain(text) => Words::Plain(Located { range, value: text.into_inner() }),
        RawWords::Translated { en, id } => {
            Words::Translated { en: en.map(located), id: id.map(located), range }
        }
    }
}

/// A value with its byte range in the spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub range: Range<usize>,
}

/// Which engagements to include; empty lists mean "all".
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    /// Partner names as written (ids, names in either language, aliases).
    pub partners: Vec<Located<String>>,
    /// Event types.
    pub types: Vec<EventType>,
    /// Topic ids as written.
    pub topics: Vec<Located<String>>,
    /// Statuses.
    pub status: Vec<Status>,
}

/// One section of a brief.
#[derive(Debug, Clone)]
pub struct SectionSpec {
    /// The kind.
    pub kind: SectionKind,
    /// A title instead of the kind's localised default.
    pub title: Option<Words>,
    /// Narrows the brief's filter for this section.
    pub filter: FilterSpec,
    /// What to do when nothing matches.
    pub on_empty: OnEmpty,
    /// Typst markup, for `text` sections, with its place in the spec.
    pub body: Option<Words>,
    /// How much to print, for `events` sections.
    pub detail: Detail,
    /// What a `changes` section compares the period with.
    pub compare: Compare,
    /// When the analyst's words of a prose section were written (the section's own
    /// `written`, else the spec's): a brief dated earlier cannot carry them.
    pub written: Option<Written>,
}

/// A participant a public brief may name, with its place in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicName {
    /// The participant's whole name, as the dataset writes it.
    pub name: String,
    /// Where the spec lists it.
    pub span: Range<usize>,
}

/// The date an analyst's words were written, with its place in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The date, at its precision; the words count as written on its last day.
    pub date: PartialDate,
    /// Where the spec says it.
    pub span: Range<usize>,
}

impl SectionSpec {
    /// A section of `kind` with every default: the brief's filter, a note when empty.
    pub fn of_kind(kind: SectionKind) -> Self {
        SectionSpec {
            kind,
            title: None,
            filter: FilterSpec::default(),
            on_empty: OnEmpty::Note,
            body: None,
            detail: Detail::Full,
            compare: Compare::default(),
            written: None,
        }
    }
}

/// The sections of an executive brief whose spec lists none: the findings first, what
/// is open and who acts on it, the key developments, what is coming, and the sources
/// of what it cites (its findings state the headline counts).
pub const EXECUTIVE_SECTIONS: [SectionKind; 5] = [
    SectionKind::Findings,
    SectionKind::FollowUps,
    SectionKind::Events,
    SectionKind::Upcoming,
    SectionKind::Sources,
];

/// The period a brief covers, as the spec gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodSpec {
    /// Fixed dates.
    Fixed(Period),
    /// Relative to the as-of date.
    Relative(RelativePeriod),
}

impl PeriodSpec {
    /// The concrete period, seen from `as_of`.
    pub fn resolve(self, as_of: NaiveDate) -> Period {
        match self {
            PeriodSpec::Fixed(period) => period,
            PeriodSpec::Relative(relative) => relative.resolve(as_of),
        }
    }
}

/// One output of a spec: the spec itself, or one of its `[[variants]]`.
#[derive(Debug, Clone, Default)]
pub struct VariantSpec {
    /// The audience instead of the spec's.
    pub audience: Option<Audience>,
    /// The language instead of the spec's.
    pub language: Option<Language>,
    /// The template instead of the spec's.
    pub template: Option<String>,
    /// The marking instead of the spec's.
    pub marking: Option<Marking>,
    /// The output pattern instead of the spec's.
    pub output: Option<String>,
}

/// A parsed, validated brief spec.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec file as given.
    pub path: PathBuf,
    /// The spec's text, for diagnostics.
    pub source: Arc<SourceText>,
    /// The brief's title (plain text), in one form or per language.
    pub title: Words,
    /// The subtitle (plain text).
    pub subtitle: Option<Words>,
    /// The author or issuing unit (plain text).
    pub author: Option<Words>,
    /// The document's reference (plain text, the same in every language), printed in
    /// the title block and colophon.
    pub reference: Option<String>,
    /// Whom readers contact about the brief (plain text).
    pub contact: Option<Words>,
    /// The language.
    pub language: Language,
    /// The audience.
    pub audience: Audience,
    /// A built-in template name or a path to a `.typ` file (relative to the spec).
    pub template: Option<String>,
    /// A folder whose files shadow the built-in templates (relative to the spec).
    pub templates: Option<PathBuf>,
    /// The TLP marking.
    pub marking: Option<Marking>,
    /// The PDF standards every output of the spec is validated against; empty for
    /// plain PDF 1.7.
    pub pdf_standards: Vec<PdfStandard>,
    /// The output path pattern (relative to the spec).
    pub output: Option<String>,
    /// Extra dataset files (relative to the spec).
    pub data: Vec<PathBuf>,
    /// The period.
    pub period: PeriodSpec,
    /// How many months past the latest engagement on record in the brief's scope the
    /// brief's date may be before the brief says that recording may lag.
    pub lag_months: u32,
    /// The participants a public brief may name, by the spec author's decision, each
    /// where the spec lists it; the methodology of a public brief names them.
    pub public_names: Vec<PublicName>,
    /// The brief's filter.
    pub filter: FilterSpec,
    /// The sections, in order.
    pub sections: Vec<SectionSpec>,
    /// Whether the spec lists no sections and has the default ones: an executive brief
    /// then takes its own defaults, findings first.
    pub default_sections: bool,
    /// The outputs: one per `[[variants]]` entry, or the spec alone.
    pub variants: Vec<VariantSpec>,
    /// The house style, usually from the project's `_brief.toml`.
    pub theme: Theme,
    /// Who acts on the open items of each partner (`[owners]`): keyed by a partner's
    /// id, name or alias, or `default` for the rest, the spec's own before its
    /// project's; resolved against the dataset when the brief is planned.
    pub owners: Vec<Owner>,
}

/// The unit that acts on a partner's open items, as `[owners]` gives it.
#[derive(Debug, Clone)]
pub struct Owner {
    /// The key as written: a partner's id, name or alias, or `default`.
    pub key: String,
    /// The unit, as the follow-ups name it.
    pub unit: Words,
}

/// A house style for the templates: who issues the brief, its logo and its colours.
/// Unset keys keep the built-in style (BNPT's name, navy and ochre).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// The organisation's full name, on the cover.
    pub organisation: Option<Words>,
    /// Its short name, in every page's footer.
    pub short_name: Option<Words>,
    /// An image (PNG, JPEG, GIF, WebP or SVG) for the cover, relative to the spec.
    pub logo: Option<Located<PathBuf>>,
    /// The colour of titles, headings and rules, as `#rrggbb`.
    pub colour: Option<String>,
    /// The colour of markers and labels, as `#rrggbb`.
    pub accent: Option<String>,
}

/// The months a brief's date may lie past the latest engagement on record in its scope
/// before the brief says that recording may lag, unless the spec sets `lag_months`.
pub const DEFAULT_LAG_MONTHS: u32 = 3;

/// The largest spec file read, in bytes: far beyond any real spec, even with long
/// `text` sections.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// The most sections a spec may have: far more than any brief needs, and few enough
/// that a runaway spec (thousands of copies of one section) is refused, not rendered
/// into thousands of pages.
pub const MAX_SECTIONS: usize = 100;

/// The most variants a spec may have; each is a PDF of its own.
pub const MAX_VARIANTS: usize = 100;

/// The file extensions of the images a theme's logo may be.
pub const LOGO_FORMATS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// Reads each part of `source` as a layer of keys, later parts over earlier ones (the
/// whole text as one layer, for one file). Every part's TOML errors are reported.
fn read_layers(source: &Arc<SourceText>) -> Result<RawSpec, Vec<Diagnostic>> {
    let read = |text: &str| -> Result<RawSpec, Diagnostic> {
        toml::from_str(text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim();
            Diagnostic::error(format!("invalid spec: {}", plain_serde(message, Shapes::Toml)))
                .at(source, span.clone())
                .maybe_hint(field_hint(message))
                .maybe_hint(shape_hint(&source.text, span, message))
        })
    };
    if source.parts().is_empty() {
        return read(&source.text).map_err(|error| vec![error]);
    }
    let mut merged = RawSpec::default();
    let mut errors = Vec::new();
    for part in source.parts() {
        match read(&source.part_alone(part)) {
            Ok(layer) => merged = layer.over(merged),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() { Ok(merged) } else { Err(errors) }
}

/// The sections a spec gets when it lists none.
const DEFAULT_SECTIONS: [SectionKind; 6] = [
    SectionKind::KeyFigures,
    SectionKind::Timeline,
    SectionKind::Partners,
    SectionKind::Events,
    SectionKind::Sources,
    SectionKind::Methodology,
];

/// A spec's keys as one layer gives them: the spec file, its project's `_brief.toml`
/// or a `--set` value. Every key is optional here; [`RawSpec::over`] puts layers
/// together and [`Spec::parse`] asks for what a brief needs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    title: Option<Spanned<RawWords>>,
    subtitle: Option<Spanned<RawWords>>,
    author: Option<Spanned<RawWords>>,
    reference: Option<String>,
    contact: Option<Spanned<RawWords>>,
    language: Option<Spanned<String>>,
    audience: Option<Spanned<String>>,
    template: Option<String>,
    templates: Option<String>,
    marking: Option<Spanned<String>>,
    pdf_standard: Option<Spanned<RawStandards>>,
    output: Option<String>,
    data: Option<Vec<String>>,
    period: Option<Spanned<RawPeriod>>,
    written: Option<Spanned<toml::Value>>,
    lag_months: Option<Spanned<i64>>,
    public_names: Option<Vec<Spanned<String>>>,
    filter: Option<RawFilter>,
    sections: Option<Vec<Spanned<RawSection>>>,
    variants: Option<Vec<Spanned<RawVariant>>>,
    theme: Option<RawTheme>,
    owners: Option<RawOwners>,
}

/// `[owners]` as the layers give it, each layer's units before those of the layers
/// below: a partner named in two layers, under any of its names, takes the upper unit.
#[derive(Debug, Default)]
struct RawOwners(Vec<(String, Spanned<RawWords>)>);

impl<'de> Deserialize<'de> for RawOwners {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table =
            std::collections::BTreeMap::<String, Spanned<RawWords>>::deserialize(deserializer)?;
        Ok(RawOwners(table.into_iter().collect()))
    }
}

impl RawSpec {
    /// This layer over `lower`: each key this layer gives wins. The filter and the
    /// theme (and the owners) are put together key by key; a period given here replaces the lower one's
    /// `relative` with `from` and `to`, or the other way round.
    fn over(self, lower: RawSpec) -> RawSpec {
        RawSpec {
            title: self.title.or(lower.title),
            subtitle: self.subtitle.or(lower.subtitle),
            author: self.author.or(lower.author),
            reference: self.reference.or(lower.reference),
            contact: self.contact.or(lower.contact),
            language: self.language.or(lower.language),
            audience: self.audience.or(lower.audience),
            template: self.template.or(lower.template),
            templates: self.templates.or(lower.templates),
            marking: self.marking.or(lower.marking),
            pdf_standard: self.pdf_standard.or(lower.pdf_standard),
            output: self.output.or(lower.output),
            data: self.data.or(lower.data),
            period: match (self.period, lower.period) {
                (Some(upper), Some(lower)) => Some(period_over(upper, lower)),
                (upper, lower) => upper.or(lower),
            },
            written: self.written.or(lower.written),
            lag_months: self.lag_months.or(lower.lag_months),
            public_names: self.public_names.or(lower.public_names),
            filter: match (self.filter, lower.filter) {
                (Some(upper), Some(lower)) => Some(upper.over(lower)),
                (upper, lower) => upper.or(lower),
            },
            sections: self.sections.or(lower.sections),
            variants: self.variants.or(lower.variants),
            theme: match (self.theme, lower.theme) {
                (Some(upper), Some(lower)) => Some(upper.over(lower)),
                (upper, lower) => upper.or(lower),
            },
            owners: match (self.owners, lower.owners) {
                (Some(mut upper), Some(lower)) => {
                    upper.0.extend(lower.0);
                    Some(upper)
                }
                (upper, lower) => upper.or(lower),
            },
        }
    }
}

/// A house style: who issues the brief and its colours, for the templates.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    organisation: Option<Spanned<RawWords>>,
    short_name: Option<Spanned<RawWords>>,
    logo: Option<Spanned<String>>,
    colour: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

impl RawTheme {
    /// This theme's keys over `lower`'s.
    fn over(self, lower: RawTheme) -> RawTheme {
        RawTheme {
            organisation: self.organisation.or(lower.organisation),
            short_name: self.short_name.or(lower.short_name),
            logo: self.logo.or(lower.logo),
            colour: self.colour.or(lower.colour),
            accent: self.accent.or(lower.accent),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: Option<Spanned<toml::Value>>,
    to: Option<Spanned<toml::Value>>,
    relative: Option<Spanned<String>>,
}

impl RawPeriod {
    /// A period given over a lower layer's: `from` or `to` here drop the lower
    /// `relative`, and `relative` here drops the lower `from` and `to`.
    fn over(self, lower: RawPeriod) -> RawPeriod {
        if self.relative.is_some() {
            return self;
        }
        if self.from.is_some() || self.to.is_some() {
            return RawPeriod {
                from: self.from.or(lower.from),
                to: self.to.or(lower.to),
                relative: None,
            };
        }
        lower
    }
}

/// A period over a lower layer's, placed where the upper layer gives it.
fn period_over(upper: Spanned<RawPeriod>, lower: Spanned<RawPeriod>) -> Spanned<RawPeriod> {
    let span = upper.span();
    Spanned::new(span, upper.into_inner().over(lower.into_inner()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilter {
    partners: Option<Vec<Spanned<String>>>,
    types: Option<Vec<Spanned<String>>>,
    topics: Option<Vec<Spanned<String>>>,
    status: Option<Vec<Spanned<String>>>,
}

impl RawFilter {
    /// This filter's lists over `lower`'s, list by list.
    fn over(self, lower: RawFilter) -> RawFilter {
        RawFilter {
            partners: self.partners.or(lower.partners),
            types: self.types.or(lower.types),
            topics: self.topics.or(lower.topics),
            status: self.status.or(lower.status),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    kind: Spanned<String>,
    title: Option<Spanned<RawWords>>,
    #[serde(default)]
    filter: RawFilter,
    on_empty: Option<Spanned<String>>,
    body: Option<Spanned<RawWords>>,
    detail: Option<Spanned<String>>,
    compare: Option<Spanned<toml::Value>>,
    written: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    audience: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    template: Option<String>,
    marking: Option<Spanned<String>>,
    output: Option<String>,
}

/// Collects a spec's problems while it is being checked.
struct Checker<'a> {
    source: &'a Arc<SourceText>,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Refuses a list longer than `max`, pointing at its first entry past the limit.
    fn at_most<T>(&mut self, list: &[Spanned<T>], max: usize, what: &str, hint: &str) {
        if let Some(first_extra) = list.get(max) {
            self.errors.push(
                Diagnostic::error(format!(
                    "a spec has at most {max} {what}, and this one has {}",
                    list.len()
                ))
                .at(self.source, first_extra.span())
                .hint(hint),
            );
        }
    }

    fn error(&mut self, range: Range<usize>, message: String, hint: String) {
        self.errors.push(Diagnostic::error(message).at(self.source, range).hint(hint));
    }

    /// Reads a vocabulary value, reporting the nearest valid one when it is unknown.
    fn vocab<T: Vocabulary>(&mut self, value: &Spanned<String>) -> Option<T> {
        let parsed = T::parse(value.get_ref());
        if parsed.is_none() {
            let (message, hint) = T::unknown(value.get_ref());
            self.error(value.span(), message, hint);
        }
        parsed
    }

    /// Reads `pdf_standard`: known standards, each once.
    fn standards(&mut self, raw: Spanned<RawStandards>) -> Vec<PdfStandard> {
        let words = match raw.get_ref() {
            RawStandards::One(word) => vec![Spanned::new(raw.span(), word.clone())],
            RawStandards::Many(words) => words.clone(),
        };
        let mut standards = vec![];
        for word in &words {
            match self.vocab::<PdfStandard>(word) {
                Some(standard) if standards.contains(&standard) => self.error(
                    word.span(),
                    format!("`{}` is listed twice", standard.as_str()),
                    "list each standard once".into(),
                ),
                Some(standard) => standards.push(standard),
                None => {}
            }
        }
        standards
    }

    fn filter(&mut self, raw: RawFilter) -> FilterSpec {
        let located = |s: Spanned<String>| Located { range: s.span(), value: s.into_inner() };
        let types = raw.types.unwrap_or_default().iter().filter_map(|t| self.vocab(t)).collect();
        let status = raw.status.unwrap_or_default().iter().filter_map(|s| self.vocab(s)).collect();
        FilterSpec {
            partners: raw.partners.unwrap_or_default().into_iter().map(located).collect(),
            types,
            topics: raw.topics.unwrap_or_default().into_iter().map(located).collect(),
            status,
        }
    }

    fn date(&mut self, value: &Spanned<toml::Value>, key: &str) -> Option<PartialDate> {
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(year) => year.to_string(),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
            other => other.to_string(),
        };
        match text.parse::<PartialDate>() {
            Ok(date) => Some(date),
            Err(error) => {
                self.error(
                    value.span(),
                    format!("invalid `{key}` date: {error}"),
                    "write a day (2021-01-01), a month (\"2021-01\") or a year (2021)".into(),
                );
                None
            }
        }
    }

    /// A `written` date.
    /// The names of `public_names`, each a whole name.
    /// Checks a house style: colours as `#rrggbb`, a logo of an image format Typst reads.
    fn theme(&mut self, raw: RawTheme) -> Theme {
        let mut colour = |value: Option<Spanned<String>>, key: &str| {
            let value = value?;
            let text = value.get_ref();
            let hex = text
                .strip_prefix('#')
                .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
            if hex.is_none() {
                self.error(
                    value.span(),
                    format!("`theme.{key}` is `{text}`, which is not a colour"),
                    "write a colour as `#` and six hex digits, e.g. `#1f3a5f`".into(),
                );
                return None;
            }
            Some(text.to_lowercase())
        };
        let (colour, accent) = (colour(raw.colour, "colour"), colour(raw.accent, "accent"));
        let logo = raw.logo.and_then(|logo| {
            let path = PathBuf::from(logo.get_ref());
            let extension = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
            if !extension.is_some_and(|e| LOGO_FORMATS.contains(&e.as_str())) {
                self.error(
                    logo.span(),
                    format!(
                        "`theme.logo` is `{}`, which is not an image Typst reads",
                        logo.get_ref()
                    ),
                    format!("give a file ending in {}", quoted_list(LOGO_FORMATS)),
                );
                return None;
            }
            Some(Located { range: logo.span(), value: path })
        });
        Theme {
            organisation: raw.organisation.map(words),
            short_name: raw.short_name.map(words),
            logo,
            colour,
            accent,
        }
    }

    fn public_names(&mut self, names: Vec<Spanned<String>>) -> Vec<PublicName> {
        let mut kept = Vec::new();
        for name in names {
            let span = name.span();
            let text = name.into_inner();
            // A zero-width space or a joiner alone is as empty as a blank.
            let seen: String = text.chars().filter(|c| !crate::diag::is_invisible(*c)).collect();
            if seen.split_whitespace().count() == 0 {
                self.error(
                    span,
                    "a name of `public_names` is empty".into(),
                    "list each participant a public brief may name by the whole name the \
                     dataset gives (`brief events --search NAME` shows it)"
                        .into(),
                );
            } else {
                kept.push(PublicName { name: text.trim().to_owned(), span });
            }
        }
        kept
    }

    fn written(&mut self, value: &Spanned<toml::Value>) -> Option<Written> {
        let date = self.date(value, "written")?;
        Some(Written { date, span: value.span() })
    }

    fn period(&mut self, raw: Spanned<RawPeriod>) -> Option<PeriodSpec> {
        let span = raw.span();
        let raw = raw.into_inner();
        match (raw.from, raw.to, raw.relative) {
            (None, None, Some(relative)) => self.vocab(&relative).map(PeriodSpec::Relative),
            (Some(from), Some(to), None) => {
                let (start, end) = (self.date(&from, "from"), self.date(&to, "to"));
                let (start, end) = (start?, end?);
                if start.first_day() > end.last_day() {
                    self.error(
                        from.span().start..to.span().end,
                        format!("the period starts ({start}) after it ends ({end})"),
                        "swap `from` and `to`".into(),
                    );
                    return None;
                }
                Some(PeriodSpec::Fixed(Period::between(start, end)))
            }
            (_, _, Some(relative)) => {
                self.error(
                    relative.span(),
                    "a period has either `from` and `to` or `relative`, not both".into(),
                    "remove `from` and `to`, or remove `relative`".into(),
                );
                None
            }
            _ => {
                self.error(
                    span,
                    "the period needs both `from` and `to`, or `relative`".into(),
                    format!("e.g. `from = 2021-01-01` and `to = 2024-12-31`, or `relative = \"previous-month\"` (one of {})", quoted_list(RelativePeriod::NAMES)),
                );
                None
            }
        }
    }

    fn section(
        &mut self,
        raw: Spanned<RawSection>,
        written: Option<&Written>,
    ) -> Option<SectionSpec> {
        let raw = raw.into_inner();
        let kind: Option<SectionKind> = self.vocab(&raw.kind);
        let on_empty = raw.on_empty.as_ref().and_then(|v| self.vocab(v));
        let detail = raw.detail.as_ref().and_then(|v| self.vocab(v));
        let filter = self.filter(raw.filter);
        let kind = kind?;
        if kind.is_markup() && raw.body.is_none() {
            self.error(
                raw.kind.span(),
                format!("a section of kind `{}` needs a `body`", kind.as_str()),
                "add `body = \"…\"` with the section's Typst markup".into(),
            );
        }
        let title = raw.title.map(words);
        let body = raw.body.map(words);
        if let Some(body) = &body
            && kind.is_markup()
        {
            for located in body.all() {
                self.markup(&Spanned::new(located.range.clone(), located.value.clone()));
            }
        }
        if let Some(body) = &body
            && !kind.is_markup()
        {
            self.error(
                body.range(),
                format!(
                    "only `text`, `summary`, `assessment`, `recommendations` and `outlook` \
                     sections have a `body`, not `{}`",
                    kind.as_str()
                ),
                "remove `body`, or change the kind to `text`".into(),
            );
        }
        let compare = match &raw.compare {
            Some(value) if kind != SectionKind::Changes => {
                self.error(
                    value.span(),
                    format!("only `changes` sections have a `compare`, not `{}`", kind.as_str()),
                    "remove `compare`".into(),
                );
                None
            }
            Some(value) => self.compare(value),
            None => Some(Compare::default()),
        };
        if let Some(detail) = &raw.detail
            && kind != SectionKind::Events
        {
            self.error(
                detail.span(),
                format!("only `events` sections have a `detail`, not `{}`", kind.as_str()),
                "remove `detail`".into(),
            );
        }
        let own = raw.written.as_ref().and_then(|w| self.written(w));
        if own.is_some() && !kind.is_markup() {
            self.error(
                raw.written.as_ref().map(|w| w.span()).unwrap_or_default(),
                format!(
                    "only the analyst's prose (`text`, `summary`, `assessment`, `recommendations`, \
                     `outlook`) has a `written` date, not `{}`",
                    kind.as_str()
                ),
                "remove `written`: this section is computed on the brief's own date".into(),
            );
        }
        let written = match kind.is_markup() {
            true => own.or_else(|| written.cloned()),
            false => None,
        };
        Some(SectionSpec {
            kind,
            title,
            filter,
            on_empty: on_empty.unwrap_or_default(),
            body,
            detail: detail.unwrap_or_default(),
            compare: compare.unwrap_or_default(),
            written,
        })
    }

    /// A `changes` section's `compare`: a name, or a `{ from, to }` table of dates.
    fn compare(&mut self, value: &Spanned<toml::Value>) -> Option<Compare> {
        let span = value.span();
        let hint = || {
            format!(
                "write {}, or a table `{{ from = 2017-01-01, to = 2020-12-31 }}`",
                quoted_list(&COMPARE_NAMES)
            )
        };
        match value.get_ref() {
            toml::Value::String(name) => match name.as_str() {
                "previous-period" => Some(Compare::PreviousPeriod),
                "previous-year" => Some(Compare::PreviousYear),
                _ => {
                    self.error(span, format!("unknown `compare` value `{name}`"), hint());
                    None
                }
            },
            toml::Value::Table(table) => {
                let unknown: Vec<&String> =
                    table.keys().filter(|k| !matches!(k.as_str(), "from" | "to")).collect();
                let (Some(from), Some(to), true) =
                    (table.get("from"), table.get("to"), unknown.is_empty())
                else {
                    self.error(span, "`compare` needs exactly `from` and `to`".into(), hint());
                    return None;
                };
                let from = self.date(&Spanned::new(span.clone(), from.clone()), "compare.from");
                let to = self.date(&Spanned::new(span.clone(), to.clone()), "compare.to");
                let (from, to) = (from?, to?);
                if from.first_day() > to.last_day() {
                    self.error(
                        span,
                        format!("the compared period starts ({from}) after it ends ({to})"),
                        "swap `from` and `to`".into(),
                    );
                    return None;
                }
                Some(Compare::Fixed(Period::between(from, to)))
            }
            _ => {
                self.error(span, "`compare` is a name or a `{ from, to }` table".into(), hint());
                None
            }
        }
    }

    /// Parses a `text` section's body as Typst markup and reports its syntax errors at
    /// their place in the spec, so that they are input errors, found before rendering.
    fn markup(&mut self, body: &Spanned<String>) {
        let root = typst::syntax::parse(body.get_ref());
        // A chain of ten thousand `1+1+…` nests that deep: walking it (here, and in
        // Typst's evaluator) would overflow the stack and end the whole run.
        if let Some(depth) = too_deep(&root) {
            self.errors.push(
                Diagnostic::error(format!(
                    "the `body` nests {depth} levels deep, more than the {MAX_MARKUP_DEPTH} a brief allows"
                ))
                .at(self.source, body.span())
                .hint("a body is prose with some markup; split long expressions or lists of terms"),
            );
            return;
        }
        let mut errors = Vec::new();
        syntax_errors(LinkedNode::new(&root), &mut errors);
        for (within, error) in errors {
            let mut diagnostic = Diagnostic::error(format!(
                "the `body` is not valid Typst markup: {}",
                error.message
            ))
            .at(self.source, place_in_string(&self.source.text, body, within));
            for hint in &error.hints {
                diagnostic = diagnostic.hint(hint.v.as_str());
            }
            self.errors.push(diagnostic.hint(
                "a `text` body is Typst markup; write `\\` before a bracket, `#`, `$`, `*` or `_` \
                 that should print as itself",
            ));
        }
        let mut reaches = Vec::new();
        file_access(LinkedNode::new(&root), &mut reaches);
        for (within, what) in reaches {
            self.errors.push(
                Diagnostic::error(format!("a `text` body may not read files, but this one uses {what}"))
                    .at(self.source, place_in_string(&self.source.text, body, within))
                    .hint(
                        "a body is the analyst's own words, set in the brief; it sees the brief's data \
                         and no file, so that a spec can never print a file of the machine into a PDF",
                    ),
            );
        }
    }

    fn variant(&mut self, raw: Spanned<RawVariant>) -> VariantSpec {
        let raw = raw.into_inner();
        VariantSpec {
            audience: raw.audience.as_ref().and_then(|a| self.vocab(a)),
            language: raw.language.as_ref().and_then(|l| self.vocab(l)),
            template: raw.template,
            marking: raw.marking.as_ref().and_then(|m| self.vocab(m)),
            output: raw.output,
        }
    }
}

impl Spec {
    /// Reads and checks a spec file, over its project's `_brief.toml` and under the
    /// `settings` of `--set`; `shown` is the name diagnostics print for it. A path of
    /// `-` reads standard input (its project is that of the current folder). Returns
    /// the spec and the project file it read, if any.
    pub fn load(
        path: &Path,
        shown: &str,
        settings: &[Setting],
    ) -> Result<(Spec, Option<PathBuf>), Vec<Diagnostic>> {
        let stdin = path.as_os_str() == "-";
        // A device would never end: a spec is a file, or a pipe (`/dev/stdin`), which is
        // read without waiting for a writer that may never come.
        use std::os::unix::fs::FileTypeExt;
        let kind = if stdin { None } else { std::fs::metadata(path).ok().map(|m| m.file_type()) };
        if kind.is_some_and(|k| !k.is_file() && !k.is_fifo()) {
            return Err(vec![
                Diagnostic::error(format!(
                    "cannot read spec `{shown}`: it is not a regular file (a folder, socket or device)"
                ))
                .hint("give a spec file, or `-` for standard input"),
            ]);
        }
        let text = if stdin {
            read_text_from(std::io::stdin().lock(), MAX_SPEC_BYTES)
        } else if kind.is_some_and(|k| k.is_fifo()) {
            crate::diag::read_pipe(path, MAX_SPEC_BYTES)
        } else {
            read_text(path, MAX_SPEC_BYTES)
        }
        .map_err(|e| vec![Diagnostic::error(format!("cannot read spec `{shown}` ({e})"))])?;
        let folder = |p: &Path| {
            p.parent()
                .filter(|f| !f.as_os_str().is_empty())
                .map_or(PathBuf::from("."), Path::to_path_buf)
        };
        let (folder, shown_folder) = match stdin {
            true => (PathBuf::from("."), PathBuf::new()),
            false => {
                (folder(path), Path::new(shown).parent().unwrap_or(Path::new("")).to_path_buf())
            }
        };
        let found = crate::project::project_file(&folder, &shown_folder).map_err(|d| vec![d])?;
        let project = match found {
            Some((file, name)) => {
                let text = read_text(&file, MAX_SPEC_BYTES).map_err(|e| {
                    vec![Diagnostic::error(format!(
                        "cannot read the project defaults `{name}` ({e})"
                    ))]
                })?;
                Some((file, name, text))
            }
            None => None,
        };
        let (file, layer) = match project {
            Some((file, name, text)) => (Some(file), Some((name, text))),
            None => (None, None),
        };
        let source = crate::project::compose(shown, text, layer, settings);
        Ok((Spec::parse(path, source)?, file))
    }

    /// Parses and checks a spec's text, reporting every problem found. A text composed
    /// of layers ([`crate::project`]: the project's defaults, the spec, `--set` values)
    /// is read part by part, each over the ones before it.
    pub fn parse(path: &Path, source: Arc<SourceText>) -> Result<Spec, Vec<Diagnostic>> {
        let raw = read_layers(&source)?;
        let mut check = Checker { source: &source, errors: vec![] };
        let missing = if raw.title.is_none() { "title" } else { "period" };
        let (Some(raw_title), Some(raw_period)) = (raw.title, raw.period) else {
            let field = missing;
            let message = format!("missing field `{field}`");
            let at = source.parts().iter().find(|p| p.name == source.name).map_or(0, |p| p.start);
            return Err(vec![
                Diagnostic::error(format!("invalid spec: {message}"))
                    .at(&source, at..at)
                    .maybe_hint(shape_hint(&source.text, at..at, &message)),
            ]);
        };
        let language = raw.language.as_ref().and_then(|l| check.vocab(l));
        let audience = raw.audience.as_ref().and_then(|a| check.vocab(a));
        let marking = raw.marking.as_ref().and_then(|m| check.vocab(m));
        let pdf_standards = raw.pdf_standard.map(|s| check.standards(s)).unwrap_or_default();
        let title = words(raw_title);
        for located in title.all() {
            if located.value.trim().is_empty() {
                check.error(
                    located.range.clone(),
                    "the title is empty".into(),
                    "give the brief a title".into(),
                );
            }
        }
        let period = check.period(raw_period);
        let filter = check.filter(raw.filter.unwrap_or_default());
        let raw_sections = raw.sections.unwrap_or_default();
        let raw_variants = raw.variants.unwrap_or_default();
        check.at_most(&raw_sections, MAX_SECTIONS, "sections", "split it into several specs");
        check.at_most(&raw_variants, MAX_VARIANTS, "variants", "split them over several specs");
        let theme = raw.theme.map(|t| check.theme(t)).unwrap_or_default();
        let written = raw.written.as_ref().and_then(|w| check.written(w));
        let lag_months = match &raw.lag_months {
            Some(months) if !(1..=120).contains(months.get_ref()) => {
                check.error(
                    months.span(),
                    format!("`lag_months` is {}, outside 1 to 120", months.get_ref()),
                    "give the months a brief's date may lie past the latest engagement on \
                     record before it says that recording may lag (default 3)"
                        .into(),
                );
                DEFAULT_LAG_MONTHS
            }
            Some(months) => *months.get_ref() as u32,
            None => DEFAULT_LAG_MONTHS,
        };
        let public_names = check.public_names(raw.public_names.unwrap_or_default());
        let sections: Vec<SectionSpec> =
            raw_sections.into_iter().filter_map(|s| check.section(s, written.as_ref())).collect();
        let variants: Vec<VariantSpec> =
            raw_variants.into_iter().map(|v| check.variant(v)).collect();
        if !check.errors.is_empty() {
            return Err(check.errors);
        }
        let Some(period) = period else {
            return Err(check.errors);
        };
        let default_sections = sections.is_empty();
        let sections = if default_sections {
            DEFAULT_SECTIONS.iter().map(|kind| SectionSpec::of_kind(*kind)).collect()
        } else {
            sections
        };
        let spec = Spec {
            path: path.to_path_buf(),
            title,
            subtitle: raw.subtitle.map(words),
            author: raw.author.map(words),
            reference: raw.reference,
            contact: raw.contact.map(words),
            language: language.unwrap_or(Language::En),
            audience: audience.unwrap_or(Audience::Analyst),
            template: raw.template,
            templates: raw.templates.map(PathBuf::from),
            marking,
            pdf_standards,
            output: raw.output,
            data: raw.data.unwrap_or_default().into_iter().map(PathBuf::from).collect(),
            period,
            lag_months,
            public_names,
            filter,
            sections,
            default_sections,
            variants: if variants.is_empty() { vec![VariantSpec::default()] } else { variants },
            theme,
            owners: raw
                .owners
                .unwrap_or_default()
                .0
                .into_iter()
                .map(|(key, unit)| Owner { key, unit: words(unit) })
                .collect(),
            source,
        };
        let errors = spec.check_languages();
        if errors.is_empty() { Ok(spec) } else { Err(errors) }
    }

    /// The languages the spec is written in: its own and its variants'.
    pub fn languages(&self) -> Vec<Language> {
        let mut languages = vec![self.language];
        for language in self.variants.iter().filter_map(|v| v.language) {
            if !languages.contains(&language) {
                languages.push(language);
            }
        }
        languages
    }

    /// Every piece of words a reader sees, with the key it is written under.
    fn words(&self) -> Vec<(&'static str, &Words)> {
        let mut all = vec![("title", &self.title)];
        all.extend(self.subtitle.iter().map(|w| ("subtitle", w)));
        all.extend(self.author.iter().map(|w| ("author", w)));
        all.extend(self.contact.iter().map(|w| ("contact", w)));
        for section in &self.sections {
            all.extend(section.title.iter().map(|w| ("title", w)));
            all.extend(section.body.iter().map(|w| ("body", w)));
        }
        all.extend(self.owners.iter().map(|o| ("owners", &o.unit)));
        all
    }

    /// A plain string serves every language only when the spec has one; words given per
    /// language must have every language the spec is written in.
    fn check_languages(&self) -> Vec<Diagnostic> {
        let languages = self.languages();
        let mut errors = Vec::new();
        for (key, words) in self.words() {
            if matches!(words, Words::Plain(_)) && languages.len() > 1 {
                errors.push(
                    Diagnostic::error(format!(
                        "`{key}` is one string, but this spec is written in {}",
                        language_list(&languages)
                    ))
                    .at(&self.source, words.range())
                    .hint(format!(
                        "give it in each language: `{key} = {{ en = \"…\", id = \"…\" }}`"
                    )),
                );
            }
        }
        for language in languages {
            errors.extend(self.missing_words(language));
        }
        errors
    }

    /// The errors for words the spec lacks in `language` (a variant's, or one given on
    /// the command line), each at its key.
    pub fn missing_words(&self, language: Language) -> Vec<Diagnostic> {
        self.words()
            .into_iter()
            .filter(|(_, words)| words.get(language).is_none())
            .map(|(key, words)| {
                Diagnostic::error(format!(
                    "`{key}` has no words in `{}`, but a brief of this spec is written in it",
                    language.code()
                ))
                .at(&self.source, words.range())
                .hint(format!("add `{} = \"…\"` to the table", language.code()))
            })
            .collect()
    }

    /// A warning when a brief of this spec is asked for (with `--language`) in
    /// `language`, which the spec is not written in: its plain words stay in the
    /// spec's own language beside labels and findings in the other.
    pub fn foreign_words(&self, language: Language) -> Option<Diagnostic> {
        let plain: Vec<&str> = self
            .words()
            .into_iter()
            .filter(|(_, words)| matches!(words, Words::Plain(_)))
            .map(|(key, _)| key)
            .collect();
        let first = plain.first()?;
        if self.languages().contains(&language) {
            return None;
        }
        let mut keys: Vec<&str> = plain.clone();
        keys.dedup();
        let keys = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let range = self.words().into_iter().find(|(key, _)| key == first).map(|(_, w)| w.range());
        let warning = Diagnostic::warning(format!(
            "this spec is written in `{}`: its {keys} stay in it, in a brief whose labels and findings are in `{}`",
            self.language.code(),
            language.code()
        ))
        .hint(format!(
            "give those words per language (`title = {{ {} = \"…\", {} = \"…\" }}`) for a brief wholly in `{}`",
            self.language.code(),
            language.code(),
            language.code()
        ));
        Some(match range {
            Some(range) => warning.at(&self.source, range),
            None => warning,
        })
    }

    /// The folder paths in the spec are relative to.
    pub fn folder(&self) -> PathBuf {
        self.path.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// The folder paths in the spec are relative to, with links resolved.
    pub fn folder_real(&self) -> std::io::Result<PathBuf> {
        let folder = self.folder();
        if folder.as_os_str().is_empty() {
            Path::new(".").canonicalize()
        } else {
            folder.canonicalize()
        }
    }

    /// The file stem, used for default output names and PDF ids: `stdin` for a spec
    /// read from standard input.
    pub fn stem(&self) -> String {
        match self.path.file_stem().map(|s| s.to_string_lossy()) {
            Some(stem) if stem == "-" => "stdin".into(),
            Some(stem) => stem.into_owned(),
            None => "brief".into(),
        }
    }
}

/// Languages in words: "en and id".
fn language_list(languages: &[Language]) -> String {
    let codes: Vec<String> = languages.iter().map(|l| format!("`{}`", l.code())).collect();
    codes.join(" and ")
}

/// The keys a spec has at its top level.
pub const TOP_LEVEL_KEYS: [&str; 20] = [
    "title",
    "subtitle",
    "author",
    "reference",
    "contact",
    "language",
    "audience",
    "template",
    "templates",
    "marking",
    "pdf_standard",
    "output",
    "data",
    "period",
    "written",
    "lag_months",
    "public_names",
    "filter",
    "sections",
    "variants",
];

/// What to write instead, when a spec's TOML has the wrong shape at `span`: a value
/// where a table or list belongs, `[sections]` for `[[sections]]`, or a top-level key
/// written below a table's header (TOML then puts it in that table).
fn shape_hint(text: &str, span: Range<usize>, message: &str) -> Option<String> {
    if let Some((field, _)) = unknown_field(message)
        && TOP_LEVEL_KEYS.contains(&field)
    {
        return Some(format!(
            "`{field}` belongs at the top of the spec: every key below a `[table]` header belongs \
             to that table, so move `{field}` above the first header"
        ));
    }
    // TOML reads `2022-03-01` as a date, but `2022-03` is neither a date nor a string.
    let bare = text.get(span.clone()).unwrap_or("").trim();
    if message.contains("invalid date") || message.contains("expected `-`") {
        let looks_like_month = bare.len() == 7 && bare.as_bytes().get(4) == Some(&b'-');
        return Some(match looks_like_month {
            true => format!(
                "a month is written in quotes: `\"{bare}\"`; a whole day (2022-03-01) or a year \
                 (2022) needs none"
            ),
            false => "write a day as 2022-03-01, a month in quotes as \"2022-03\", a year as 2022"
                .to_owned(),
        });
    }
    if message.contains("missing field `period`") {
        return Some(
            "add the period the brief covers: `[period]` with `from = 2024-01-01` and \
             `to = 2024-12-31`, or with `relative = \"previous-month\"`"
                .to_owned(),
        );
    }
    if !message.starts_with("invalid type") {
        return None;
    }
    let key = key_at(text, span.start)?;
    let value = text.get(span).unwrap_or("").trim();
    match key {
        "period" => Some(match RelativePeriod::parse(value.trim_matches('"')) {
            Some(_) => format!("a period is a table: write `period = {{ relative = {value} }}`"),
            None => "a period is a table: `[period]` with `from = \"2024-01\"` and \
                     `to = \"2024-12\"`, or with `relative = \"previous-month\"`"
                .to_owned(),
        }),
        "filter" => Some(
            "`filter` is a table: `[filter]`, then lists such as `partners = [\"gbr\"]` below it"
                .to_owned(),
        ),
        "sections" | "variants" => Some(array_of_tables_hint(key)),
        "partners" | "types" | "topics" | "status" | "data" if value.starts_with('"') => {
            Some(list_hint(key, value))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Spec, Vec<Diagnostic>> {
        Spec::parse(Path::new("t.toml"), SourceText::new("t.toml", text))
    }

    const MINIMAL: &str = "title = \"T\"\n[period]\nfrom = 2021-01-01\nto = \"2024\"\n";

    #[test]
    fn words_in_two_languages_need_both_and_a_plain_string_serves_one_language_only() {
        let two = "\n[period]\nfrom = 2022\nto = 2022\n[[variants]]\nlanguage = \"en\"\n[[variants]]\nlanguage = \"id\"\n";
        let errors = parse(&format!("title = \"T\"{two}")).unwrap_err();
        assert_eq!(
            errors[0].message,
            "`title` is one string, but this spec is written in `en` and `id`"
        );
        assert_eq!(errors[0].location().as_deref(), Some("t.toml:1:9"));
        let errors = parse(&format!("title = {{ en = \"T\" }}{two}")).unwrap_err();
        assert_eq!(
            errors[0].message,
            "`title` has no words in `id`, but a brief of this spec is written in it"
        );
        let spec = parse(&format!("title = {{ en = \"T\", id = \"Judul\" }}{two}")).unwrap();
        assert_eq!(spec.title.get(Language::Id), Some("Judul"));
        // One language: a plain string serves, even for a brief asked for in another.
        let spec = parse(MINIMAL).unwrap();
        assert_eq!(spec.title.get(Language::Id), Some("T"));
        assert!(spec.missing_words(Language::Id).is_empty());
        let spec = parse("title = { en = \"T\" }\n[period]\nfrom = 2022\nto = 2022\n").unwrap();
        assert_eq!(spec.missing_words(Language::Id).len(), 1);
        let errors =
            parse("title = { en = \"T\", fr = \"Titre\" }\n[period]\nfrom = 2022\nto = 2022\n")
                .unwrap_err();
        assert!(errors[0].message.contains("unknown field `fr`"), "{}", errors[0].message);
    }

    #[test]
    fn a_text_body_in_each_language_is_checked_in_each() {
        let spec = "title = \"T\"\n[period]\nfrom = 2022\nto = 2022\n[[sections]]\nkind = \"text\"\nbody = { en = \"Fine.\", id = \"#read(\\\"x\\\")\" }\n";
        let errors = parse(spec).unwrap_err();
        assert_eq!(errors[0].message, "a `text` body may not read files, but this one uses `read`");
    }

    #[test]
    fn a_minimal_spec_gets_defaults() {
        let spec = parse(MINIMAL).unwrap();
        assert_eq!(spec.language, Language::En);
        assert_eq!(spec.audience, Audience::Analyst);
        assert_eq!(spec.sections.len(), DEFAULT_SECTIONS.len());
        assert_eq!(spec.variants.len(), 1);
        let PeriodSpec::Fixed(period) = spec.period else { panic!("fixed period expected") };
        assert_eq!(period.to, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
    }

    #[test]
    fn sections_and_variants_are_limited_with_the_place_of_the_first_too_many() {
        let with = |kind: &str, n: usize| {
            let table = if kind == "sections" {
                "kind = \"events\"\n"
            } else {
                "audience = \"executive\"\n"
            };
            format!("{MINIMAL}{}", format!("[[{kind}]]\n{table}").repeat(n))
        };
        assert_eq!(parse(&with("sections", MAX_SECTIONS)).unwrap().sections.len(), MAX_SECTIONS);
        assert_eq!(parse(&with("variants", MAX_VARIANTS)).unwrap().variants.len(), MAX_VARIANTS);
        let text = parse(&with("sections", MAX_SECTIONS + 5)).unwrap_err()[0].to_string();
        assert!(text.contains("a spec has at most 100 sections, and this one has 105"), "{text}");
        assert!(text.contains("t.toml:205:1"), "{text}");
        let text = parse(&with("variants", MAX_VARIANTS + 1)).unwrap_err()[0].to_string();
        assert!(text.contains("at most 100 variants, and this one has 101"), "{text}");
    }

    #[test]
    fn a_text_body_with_a_markup_syntax_error_is_an_input_error_at_its_place() {
        let section = "[[sections]]\nkind = \"text\"\n";
        let multi_line = format!(
            "{MINIMAL}{section}body = \"\"\"\nFine *bold* text.\nA stray ] here.\n\"\"\"\n"
        );
        let text = parse(&multi_line).unwrap_err()[0].to_string();
        assert!(
            text.contains("the `body` is not valid Typst markup: unexpected closing bracket"),
            "{text}"
        );
        assert!(text.contains("t.toml:9:9"), "{text}");
        assert!(text.contains("try using a backslash escape"), "{text}");
        // With escapes in the TOML string, the error points at the whole value.
        let escaped = format!("{MINIMAL}{section}body = \"tab\\there ]\"\n");
        assert!(parse(&escaped).unwrap_err()[0].to_string().contains("t.toml:7:8"));
        // Valid markup, code included, passes.
        let fine = format!("{MINIMAL}{section}body = '*Bold*, _em_, #emph[x] and \\]'\n");
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn an_empty_markup_error_range_widens_to_a_whole_character() {
        #[derive(Deserialize)]
        struct Body {
            body: Spanned<String>,
        }
        let text = "body = \"é\"";
        let value = toml::from_str::<Body>(text).unwrap().body;
        assert_eq!(place_in_string(text, &value, 0..0), 8..10);
        assert_eq!(place_in_string(text, &value, 2..2), 10..10);
    }

    #[test]
    fn unknown_keys_name_the_nearest_key() {
        let errors = parse(&format!("titel = \"x\"\n{MINIMAL}")).unwrap_err();
        let text = errors[0].to_string();
        assert!(text.contains("t.toml:1:1"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn several_errors_are_reported_together() {
        let text = "title = \"T\"\nlanguage = \"fr\"\naudience = \"executiv\"\n\
                    [period]\nfrom = 2021-01-01\nto = \"2024\"\n[[sections]]\nkind = \"timelin\"\n";
        let errors = parse(text).unwrap_err();
        let all: String = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 3, "{all}");
        assert!(all.contains("unknown language `fr`"), "{all}");
        assert!(all.contains("did you mean `executive`?"), "{all}");
        assert!(all.contains("did you mean `timeline`?"), "{all}");
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_an_error() {
        let errors =
            parse("title = \"T\"\n[period]\nfrom = 2024-01-01\nto = 2021-12-31\n").unwrap_err();
        assert!(errors[0].message.contains("starts (2024-01-01) after it ends (2021-12-31)"));
    }

    #[test]
    fn impossible_dates_are_errors_with_their_place() {
        let errors =
            parse("title = \"T\"\n[period]\nfrom = \"2021-02-30\"\nto = 2021\n").unwrap_err();
        assert_eq!(errors[0].location().as_deref(), Some("t.toml:3:8"));
    }

    #[test]
    fn relative_periods_are_read() {
        let spec = parse("title = \"T\"\n[period]\nrelative = \"previous-month\"\n").unwrap();
        assert_eq!(spec.period, PeriodSpec::Relative(RelativePeriod::PreviousMonth));
        let errors = parse("title = \"T\"\n[period]\nrelative = \"last-month\"\n").unwrap_err();
        assert!(errors[0].to_string().contains("unknown relative period"));
    }

    #[test]
    fn markings_are_tlp_labels() {
        assert_eq!(Marking::parse("tlp:amber"), Some(Marking::Amber));
        assert_eq!(Marking::parse("TLP: AMBER+STRICT"), Some(Marking::AmberStrict));
        assert_eq!(Marking::parse("SECRET"), None);
    }

    #[test]
    fn text_sections_need_a_body_and_others_refuse_one() {
        let errors = parse(&format!("{MINIMAL}[[sections]]\nkind = \"text\"\n[[sections]]\nkind = \"events\"\nbody = \"x\"\n")).unwrap_err();
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn public_names_must_be_names() {
        let errors = parse(&format!("public_names = [\"Vladimir Voronkov\", \" \"]\n{MINIMAL}"))
            .unwrap_err();
        assert_eq!(errors[0].message, "a name of `public_names` is empty");
        assert_eq!(errors[0].location().as_deref(), Some("t.toml:1:38"));
        let spec = parse(&format!("public_names = [\" Vladimir Voronkov \"]\n{MINIMAL}")).unwrap();
        assert_eq!(spec.public_names[0].name, "Vladimir Voronkov");
        // Invisible characters alone are no name either.
        let errors =
            parse(&format!("public_names = [\"\u{200b}\u{2060}\"]\n{MINIMAL}")).unwrap_err();
        assert_eq!(errors[0].message, "a name of `public_names` is empty");
    }
}
