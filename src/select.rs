//! Selection: a spec's filters resolved against the dataset into [`Query`]s.
//!
//! Partners may be named by id, by name in either language, by alias or by agency, in
//! any case; a group (the UN family) selects itself and its members. Topics are named
//! by id or name. A name that finds nothing, or may mean several partners, is reported
//! at its place in the spec with the nearest name that would have worked. The spec's
//! `[owners]` are resolved the same way, to the partners whose open items they act on.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::dataset::{Dataset, Event, EventType, PartnerKind, Query, Role, Status, search_words};
use crate::dates::{PartialDate, Period};
use crate::diag::{Diagnostic, SourceText, nearest};
use crate::spec::{FilterSpec, SectionKind, Spec, Words};

/// The queries of one brief: the brief's own and each section's.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The brief's filter over its period.
    pub brief: Query,
    /// Each section's filter, already narrowed by the brief's, in section order.
    pub sections: Vec<Query>,
    /// Who acts on open items: each partner id `[owners]` names (a group's members
    /// too) with its unit, and the unit of `default` under `None`.
    pub owners: Vec<(Option<String>, Words)>,
}

/// Resolves the spec's filters for `period`, as the dataset was known on `as_of`,
/// reporting every unknown partner or topic.
pub fn resolve(
    spec: &Spec,
    dataset: &Dataset,
    period: Period,
    as_of: NaiveDate,
) -> Result<Selection, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut brief = query(&spec.filter, dataset, &spec.source, &mut errors);
    brief.period = Some(period);
    brief.as_of = Some(as_of);
    let sections = spec
        .sections
        .iter()
        .map(|s| brief.narrowed_by(&query(&s.filter, dataset, &spec.source, &mut errors)))
        .collect();
    let owners = owners(spec, dataset, &mut errors);
    if errors.is_empty() { Ok(Selection { brief, sections, owners }) } else { Err(errors) }
}

/// The spec's `[owners]`, each key resolved to the partner ids it names (`default` to
/// `None`), each partner once: the first unit for it wins, which is the spec's over its
/// project's. An unknown key is reported at its unit.
fn owners(
    spec: &Spec,
    dataset: &Dataset,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(Option<String>, Words)> {
    let mut owners: Vec<(Option<String>, Words)> = Vec::new();
    let mut add = |ids: Vec<Option<String>>, unit: &Words| {
        for id in ids {
            if !owners.iter().any(|(known, _)| *known == id) {
                owners.push((id, unit.clone()));
            }
        }
    };
    // A partner's own key (or its group's) wins over a key for its kind, whatever the
    // order: the kinds are taken second.
    let mut kinds = Vec::new();
    for owner in &spec.owners {
        if owner.key.eq_ignore_ascii_case("default") {
            add(vec![None], &owner.unit);
            continue;
        }
        if let Some(kind) = PartnerKind::parse(&owner.key) {
            kinds.push((kind, &owner.unit));
            continue;
        }
        match dataset.find_partner(&owner.key) {
            Ok(partner) => {
                add(dataset.selected_by(partner).into_iter().map(Some).collect(), &owner.unit)
            }
            Err(missing) => errors.push(
                Diagnostic::error(format!("`[owners]`: {}", missing.message))
                    .at(&spec.source, owner.unit.range())
                    .hint(missing.hint.unwrap_or_else(|| {
                        format!(
                            "key each unit by a partner's id, name or alias, by a kind of \
                             partner ({}), or by `default` (`brief partners` lists them)",
                            PartnerKind::NAMES.join(", ")
                        )
                    })),
            ),
        }
    }
    for (kind, unit) in kinds {
        let of_kind = dataset.partners.iter().filter(|p| p.kind == kind);
        add(of_kind.map(|p| Some(p.id.clone())).collect(), unit);
    }
    owners
}

/// The engagements a section selects: those of its query or, for `upcoming`, the
/// planned engagements its query allows at any date that end after the as-of date.
pub fn section_events<'a>(
    dataset: &'a Dataset,
    kind: SectionKind,
    query: &Query,
    as_of: NaiveDate,
) -> Vec<&'a Event> {
    match kind {
        SectionKind::Upcoming => {
            let planned = Query { period: None, status: vec![Status::Planned], ..query.clone() };
            dataset.select(&planned).filter(|e| e.last_day() > as_of).collect()
        }
        _ => dataset.select(query).collect(),
    }
}

/// The filters of `brief events`, as typed on the command line.
#[derive(Debug, Clone)]
pub struct EventFilters {
    /// Partner ids, names or aliases.
    pub partners: Vec<String>,
    /// The roles in which the partners count; empty means as counterparts.
    pub roles: Vec<Role>,
    /// Text that every event listed must contain (each of its words).
    pub search: Option<String>,
    /// Topic ids or names.
    pub topics: Vec<String>,
    /// Event types.
    pub types: Vec<EventType>,
    /// Statuses.
    pub status: Vec<Status>,
    /// Events that end on or after this date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub from: Option<String>,
    /// Events that start on or before this date.
    pub to: Option<String>,
    /// The day to see the dataset as on: only what sources published by then say.
    pub as_of: NaiveDate,
}

impl EventFilters {
    /// No filter but the day the dataset is seen as on.
    pub fn new(as_of: NaiveDate) -> Self {
        EventFilters {
            partners: Vec::new(),
            roles: Vec::new(),
            search: None,
            topics: Vec::new(),
            types: Vec::new(),
            status: Vec::new(),
            from: None,
            to: None,
            as_of,
        }
    }
}

/// Resolves `brief events` filters against the dataset into a query; the error is the
/// first name or date that does not resolve, with a hint.
pub fn event_query(dataset: &Dataset, filters: &EventFilters) -> Result<Query, Diagnostic> {
    let mut query = Query {
        types: filters.types.clone(),
        status: filters.status.clone(),
        roles: filters.roles.clone(),
        words: filters.search.as_deref().map(search_words).unwrap_or_default(),
        as_of: Some(filters.as_of),
        ..Query::default()
    };
    for name in &filters.partners {
        let partner = dataset.find_partner(name).map_err(|missing| {
            let hint =
                missing.hint.unwrap_or_else(|| "`brief partners` lists every partner".into());
            Diagnostic::error(missing.message).hint(hint)
        })?;
        for id in dataset.selected_by(partner) {
            if !query.partners.contains(&id) {
                query.partners.push(id);
            }
        }
    }
    for name in &filters.topics {
        let id = find_topic(dataset, name)
            .map_err(|hint| Diagnostic::error(format!("unknown topic `{name}`")).hint(hint))?;
        query.topics.push(id);
    }
    let date = |flag: &str, text: &Option<String>| -> Result<Option<PartialDate>, Diagnostic> {
        text.as_deref()
            .map(|t| {
                t.parse::<PartialDate>().map_err(|e| {
                    Diagnostic::error(format!("invalid {flag}: {e}"))
                        .hint("write YYYY-MM-DD, YYYY-MM or YYYY")
                })
            })
            .transpose()
    };
    let (from, to) = (date("--from", &filters.from)?, date("--to", &filters.to)?);
    if from.is_some() || to.is_some() {
        let first = from.map_or(NaiveDate::MIN, |d| d.first_day());
        let last = to.map_or(NaiveDate::MAX, |d| d.last_day());
        if first > last {
            return Err(Diagnostic::error("--from is after --to").hint("swap the two dates"));
        }
        query.period = Some(Period { from: first, to: last });
    }
    Ok(query)
}

/// Turns one filter into a query, collecting errors for names that find nothing.
fn query(
    filter: &FilterSpec,
    dataset: &Dataset,
    source: &Arc<SourceText>,
    errors: &mut Vec<Diagnostic>,
) -> Query {
    let mut partners: Vec<String> = Vec::new();
    for name in &filter.partners {
        match dataset.find_partner(&name.value) {
            Ok(partner) => {
                for id in dataset.selected_by(partner) {
                    if !partners.contains(&id) {
                        partners.push(id);
                    }
                }
            }
            Err(missing) => {
                errors.push(Diagnostic::error(missing.message).at(source, name.range.clone()).hint(
                    missing.hint.unwrap_or_else(|| {
                        "`brief partners` lists every partner with its names and aliases".into()
                    }),
                ))
            }
        }
    }
    let mut topics: Vec<String> = Vec::new();
    for name in &filter.topics {
        match find_topic(dataset, &name.value) {
            Ok(id) => {
                if !topics.contains(&id) {
                    topics.push(id);
                }
            }
            Err(hint) => errors.push(
                Diagnostic::error(format!("unknown topic `{}`", name.value))
                    .at(source, name.range.clone())
                    .hint(hint),
            ),
        }
    }
    Query {
        partners,
        types: filter.types.clone(),
        topics,
        status: filter.status.clone(),
        ..Query::default()
    }
}

/// Finds a topic by id or by name in either language, in any case.
pub fn find_topic(dataset: &Dataset, name: &str) -> Result<String, String> {
    let wanted = name.trim().to_lowercase();
    let found = dataset.topics.iter().find(|t| {
        t.id == wanted
            || [t.name.en.as_deref(), t.name.id.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| n.to_lowercase() == wanted)
    });
    match found {
        Some(topic) => Ok(topic.id.clone()),
        None => {
            let ids: Vec<&str> = dataset.topics.iter().map(|t| t.id.as_str()).collect();
            Err(match nearest(name, ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`data/topics.toml` documents the topic vocabulary".into(),
            })
        }
    }
}
