//! Validating raw records into a [`Dataset`]: partners, names, topics, the glossary,
//! coverage and events, every problem reported at its place.

use std::collections::HashMap;
use std::sync::Arc;

mod events;

use events::{check_renewals, validate_events, warn_undated};

use crate::dataset::raw::{RawAmbiguous, RawCoverage, RawPartner, RawSet, RawTerm, RawTopic};
use crate::dataset::{
    AmbiguousName, Coverage, Dataset, DatasetInfo, Origin, Partner, Term, Text, Topic, normalise,
};
use crate::dates::PartialDate;
use crate::diag::{Diagnostic, Severity, SourceText};
use crate::locale::Language;
use crate::vocab::Vocabulary;

/// Validates every raw record and the set as a whole.
pub(super) fn validate(
    raw: RawSet,
    mut out: Vec<Diagnostic>,
) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
    let partners = validate_partners(raw.partners, &mut out);
    let ambiguous = validate_ambiguous(raw.ambiguous, &partners, &mut out);
    let topics = validate_topics(raw.topics, &mut out);
    let glossary = validate_glossary(raw.glossary, &mut out);
    let events = validate_events(raw.events, &partners, &topics, &mut out);
    warn_undated(&events, &mut out);
    check_renewals(&events, &mut out);
    fold_untranslated(&mut out);
    let coverage = validate_coverage(&raw.coverage, &mut out);
    if out.iter().any(|d| d.severity == Severity::Error) {
        // The errors come first; warnings beside them are noise until they are fixed.
        out.retain(|d| d.severity == Severity::Error);
        return Err(out);
    }
    let mut partner_index = HashMap::new();
    for (i, partner) in partners.iter().enumerate() {
        for key in partner_keys(partner) {
            partner_index.insert(normalise(key), i);
        }
    }
    let info = raw.info.map_or(
        DatasetInfo { name: Text::same("user dataset"), version: "unversioned".into() },
        |i| DatasetInfo { name: i.name.into_text(), version: i.version },
    );
    let mut events = events;
    events.sort_by(|a, b| (a.first_day(), &a.id).cmp(&(b.first_day(), &b.id)));
    Ok((
        Dataset { info, partners, topics, glossary, events, ambiguous, coverage, partner_index },
        out,
    ))
}

/// The spans the files declare they cover systematically, each checked.
fn validate_coverage(
    raw: &[(RawCoverage, Arc<SourceText>)],
    out: &mut Vec<Diagnostic>,
) -> Vec<Coverage> {
    let mut coverage = Vec::new();
    for (span, source) in raw {
        let parse =
            |text: &str, key: &str, out: &mut Vec<Diagnostic>| match text.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(why) => {
                    let message = format!("invalid coverage `{key}` date `{text}`: {why}");
                    out.push(
                        coverage_error(source, text, message)
                            .hint("write a year (\"2019\"), a month (\"2019-01\") or a day"),
                    );
                    None
                }
            };
        let from = parse(&span.from, "from", out);
        let to = span.to.as_deref().map(|t| parse(t, "to", out));
        match (from, to) {
            (Some(from), None) => coverage.push(Coverage { from, to: None }),
            (Some(from), Some(Some(to))) if to.last_day() >= from.first_day() => {
                coverage.push(Coverage { from, to: Some(to) });
            }
            (Some(from), Some(Some(to))) => {
                let message = format!("the coverage from {from} ends before it starts ({to})");
                let value = span.to.as_deref().unwrap_or_default();
                out.push(coverage_error(source, value, message).hint("swap `from` and `to`"));
            }
            _ => {}
        }
    }
    coverage.sort_by_key(|c| c.from.first_day());
    merged(coverage)
}

/// An error of a coverage date `value` in `source`: placed at the value, quoted, where
/// it first follows the `coverage` key (TOML and JSON alike), else named by its file.
fn coverage_error(source: &Arc<SourceText>, value: &str, message: String) -> Diagnostic {
    let text = source.text.as_str();
    let quoted = format!("\"{value}\"");
    let found = text.find("coverage").and_then(|key| {
        let at = key + text[key..].find(&quoted)?;
        Some(at..at + quoted.len())
    });
    match found {
        Some(range) => Diagnostic::error(message).at(source, range),
        None => Diagnostic::error(format!("{}: {message}", source.name)),
    }
}

/// Spans sorted by their start, with those that overlap or meet made one: the bundled
/// data's 2019–2025 and a user file's 2026 onwards cover 2019 onwards.
fn merged(spans: Vec<Coverage>) -> Vec<Coverage> {
    let mut merged: Vec<Coverage> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last)
                if last
                    .to
                    .is_none_or(|to| to.last_day().succ_opt() >= Some(span.from.first_day())) =>
            {
                last.to = match (last.to, span.to) {
                    (Some(a), Some(b)) => Some(if b.last_day() > a.last_day() { b } else { a }),
                    _ => None,
                };
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// Every name a partner can be found by.
fn partner_keys(partner: &Partner) -> impl Iterator<Item = &str> {
    [Some(partner.id.as_str()), partner.name.en.as_deref(), partner.name.id.as_deref()]
        .into_iter()
        .flatten()
        .chain(partner.aliases.iter().map(String::as_str))
        .chain(partner.agencies.iter().map(String::as_str))
}

/// Reports an id defined twice, naming both places.
fn duplicate(what: &str, id: &str, first: &Origin, again: &Origin) -> Diagnostic {
    again
        .error_at("id", &format!("\"{id}\""), format!("{what} id `{id}` is defined twice"))
        .hint(format!("it is first defined at {}", first.location()))
}

fn validate_partners(raw: Vec<(RawPartner, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Partner> {
    let mut partners: Vec<Partner> = Vec::with_capacity(raw.len());
    // Each id's place among `partners`: a duplicate is found at once, not by a scan
    // that makes a file of many partners quadratic.
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    let mut names: HashMap<String, usize> = HashMap::new();
    for (p, origin) in raw {
        if !valid_id(&p.id) {
            out.push(
                origin
                    .error_at("id", &p.id, format!("invalid partner id `{}`", p.id))
                    .hint("partner ids are lowercase: ISO 3166-1 alpha-3 for states, the acronym for organisations"),
            );
        }
        if let Some(&first) = places.get(&p.id) {
            out.push(duplicate("partner", &p.id, &partners[first].origin, &origin));
            continue;
        }
        check_text(&p.name, "name", "the partner's name", &origin, true, out);
        let Some(kind) = check_vocab(&p.kind, "kind", &origin, out) else {
            continue;
        };
        let partner = Partner {
            id: p.id,
            name: p.name,
            kind,
            aliases: p.aliases,
            agencies: p.agencies,
            members: p.members,
            origin,
        };
        let index = partners.len();
        for key in partner_keys(&partner) {
            if let Some(&other) = names.get(&normalise(key))
                && other != index
            {
                out.push(
                    partner
                        .origin
                        .error_at(
                            "",
                            key,
                            format!(
                                "the name `{key}` is already used by partner `{}`",
                                partners[other].id
                            ),
                        )
                        .hint("each id, name and alias must find exactly one partner"),
                );
            }
        }
        for key in partner_keys(&partner) {
            names.insert(normalise(key), index);
        }
        places.insert(partner.id.clone(), partners.len());
        partners.push(partner);
    }
    check_members(&partners, out);
    partners
}

/// A group's members must be other partners that are not groups themselves.
fn check_members(partners: &[Partner], out: &mut Vec<Diagnostic>) {
    for group in partners.iter().filter(|p| !p.members.is_empty()) {
        for member in &group.members {
            let problem = match partners.iter().find(|p| &p.id == member) {
                None => format!("unknown member `{member}` of group `{}`", group.id),
                Some(p) if p.id == group.id => format!("group `{member}` lists itself"),
                Some(p) if !p.members.is_empty() => {
                    format!("group `{}` lists another group, `{member}`", group.id)
                }
                Some(_) => continue,
            };
            out.push(
                group
                    .origin
                    .error_at("members", &format!("\"{member}\""), problem)
                    .hint("a group's `members` are the ids of partners that are not groups"),
            );
        }
    }
}

/// Names that may mean several bodies: not a partner's own name, and at least two
/// meanings, each a partner id or (with capitals or spaces) a body not in the dataset.
fn validate_ambiguous(
    raw: Vec<(RawAmbiguous, Origin)>,
    partners: &[Partner],
    out: &mut Vec<Diagnostic>,
) -> Vec<AmbiguousName> {
    let mut names = Vec::with_capacity(raw.len());
    for (a, origin) in raw {
        if let Some(p) =
            partners.iter().find(|p| partner_keys(p).any(|k| normalise(k) == normalise(&a.name)))
        {
            out.push(
                origin
                    .error_at(
                        "name",
                        &a.name,
                        format!("the ambiguous name `{}` also finds partner `{}`", a.name, p.id),
                    )
                    .hint(
                        "remove it from the partner's aliases, so that it finds no single partner",
                    ),
            );
        }
        if a.meanings.len() < 2 {
            out.push(
                origin
                    .error_at("meanings", "", format!("the ambiguous name `{}` needs at least two meanings", a.name))
                    .hint("list partner ids, or names of bodies not in the dataset: `meanings = [\"aus\", \"African Union\"]`"),
            );
        }
        for meaning in &a.meanings {
            if valid_id(meaning) && !partners.iter().any(|p| &p.id == meaning) {
                out.push(
                    origin
                        .error_at("meanings", meaning, format!("unknown partner `{meaning}`"))
                        .hint("a meaning is a partner id, or a body's name with its capitals"),
                );
            }
        }
        names.push(AmbiguousName { name: a.name, meanings: a.meanings });
    }
    names
}

/// Checks the glossary: a term is a word or words, defined once, with its meaning.
fn validate_glossary(raw: Vec<(RawTerm, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    for (t, origin) in raw {
        let term = t.term.trim();
        if term.is_empty() || !term.chars().any(char::is_alphanumeric) {
            out.push(
                origin
                    .error_at("term", &t.term, "a glossary term needs letters")
                    .hint("write the abbreviation as readers see it: `term = \"CTED\"`"),
            );
            continue;
        }
        if let Some(first) = places.get(term).map(|&i| &terms[i]) {
            out.push(
                origin
                    .error_at(
                        "term",
                        &format!("\"{term}\""),
                        format!("glossary term `{term}` is defined twice"),
                    )
                    .hint(format!("it is first defined at {}", first.origin.location())),
            );
            continue;
        }
        check_text(&t.meaning, "meaning", "the term's meaning", &origin, true, out);
        places.insert(term.to_owned(), terms.len());
        terms.push(Term { term: term.to_owned(), meaning: t.meaning, origin });
    }
    terms.sort_by_key(|t| t.term.to_lowercase());
    terms
}

fn validate_topics(raw: Vec<(RawTopic, Origin)>, out: &mut Vec<Diagnostic>) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::with_capacity(raw.len());
    let mut places: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    for (t, origin) in raw {
        if !valid_id(&t.id) {
            out.push(origin.error_at("id", &t.id, format!("invalid topic id `{}`", t.id)).hint(
                "topic ids are lowercase words joined by hyphens, e.g. `online-radicalisation`",
            ));
        }
        if let Some(&first) = places.get(&t.id) {
            out.push(duplicate("topic", &t.id, &topics[first].origin, &origin));
            continue;
        }
        check_text(&t.name, "name", "the topic's name", &origin, true, out);
        places.insert(t.id.clone(), topics.len());
        topics.push(Topic { id: t.id, name: t.name, origin });
    }
    topics
}

/// Whether an id is lowercase ASCII letters, digits and hyphens.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks that both languages of a text are there: an error if neither, a warning if one.
fn check_text(
    text: &Text,
    key: &str,
    what: &str,
    origin: &Origin,
    required: bool,
    out: &mut Vec<Diagnostic>,
) {
    match (text.get("en"), text.get("id")) {
        (Some(_), Some(_)) => {}
        (None, None) if required => {
            out.push(origin.error_at(key, "", format!("{what} is missing in both languages")))
        }
        (None, None) => {}
        (en, _) => {
            let (missing, language) = match en {
                None => ("English (`en`)", Language::En),
                Some(_) => ("Indonesian (`id`)", Language::Id),
            };
            let mut d = origin.error_at(key, "", format!("{what} has no {missing} text"));
            d.severity = Severity::Warning;
            d.untranslated = Some(language);
            out.push(d);
        }
    }
}

/// Turns the warnings of texts given in one language only into one warning per file
/// and missing language, with a count, placed at the first: a spreadsheet kept in
/// English would otherwise warn on every row.
fn fold_untranslated(out: &mut Vec<Diagnostic>) {
    let mut folded: Vec<(Diagnostic, usize)> = Vec::new();
    let mut kept = Vec::with_capacity(out.len());
    for d in out.drain(..) {
        let Some(language) = d.untranslated else {
            kept.push(d);
            continue;
        };
        let file = d.place.as_ref().map(|(source, _)| Arc::clone(source));
        let same = |(first, _): &&mut (Diagnostic, usize)| {
            first.untranslated == Some(language)
                && match (&first.place, &file) {
                    (Some((a, _)), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        };
        match folded.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => folded.push((d, 1)),
        }
    }
    for (first, count) in folded {
        let file = first.place.as_ref().map_or("a data file", |(source, _)| source.name.as_str());
        let (missing, language, other) = match first.untranslated {
            Some(Language::En) => ("English (`en`)", "English", "Indonesian"),
            _ => ("Indonesian (`id`)", "Indonesian", "English"),
        };
        let texts = if count == 1 { "text in {file} has" } else { "texts in {file} have" };
        let texts = texts.replace("{file}", file);
        let mut d =
            Diagnostic::warning(format!("{count} {texts} no {missing} version; the first is here"));
        d.place = first.place;
        d.untranslated = first.untranslated;
        kept.push(d.hint(format!(
            "briefs in {language} print the {other} text instead; give the {language} text to translate them"
        )));
    }
    *out = kept;
}

/// Parses a date field, reporting a precise error.
fn check_date(
    value: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    match value.parse::<PartialDate>() {
        Ok(date) => Some(date),
        Err(error) => {
            let needle = if value.is_empty() { "" } else { value };
            out.push(
                origin
                    .error_at(key, needle, format!("invalid `{key}`: {error}"))
                    .hint("dates are YYYY-MM-DD, YYYY-MM or YYYY; the form is the precision"),
            );
            None
        }
    }
}

/// Parses a vocabulary field, suggesting the nearest valid value.
fn check_vocab<T: Vocabulary>(
    value: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let parsed = T::parse(value);
    if parsed.is_none() {
        let (message, hint) = T::unknown(value);
        out.push(origin.error_at(key, value, message).hint(hint));
    }
    parsed
}
