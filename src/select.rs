//! Selection: a spec's filters resolved against the dataset into [`Query`]s.
//!
//! Partners may be named by id, by name in either language or by alias, in any case;
//! topics by id or name. A name that finds nothing is reported at its place in the
//! spec with the nearest name that would have worked.

use std::sync::Arc;

use crate::dataset::{Dataset, Query};
use crate::dates::Period;
use crate::diag::{Diagnostic, SourceText, nearest};
use crate::spec::{FilterSpec, Spec};

/// The queries of one brief: the brief's own and each section's.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The brief's filter over its period.
    pub brief: Query,
    /// Each section's filter, already narrowed by the brief's, in section order.
    pub sections: Vec<Query>,
}

/// Resolves the spec's filters for `period`, reporting every unknown partner or topic.
pub fn resolve(
    spec: &Spec,
    dataset: &Dataset,
    period: Period,
) -> Result<Selection, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut brief = query(&spec.filter, dataset, &spec.source, &mut errors);
    brief.period = Some(period);
    let sections = spec
        .sections
        .iter()
        .map(|s| brief.narrowed_by(&query(&s.filter, dataset, &spec.source, &mut errors)))
        .collect();
    if errors.is_empty() { Ok(Selection { brief, sections }) } else { Err(errors) }
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
            Ok(partner) if !partners.contains(&partner.id) => partners.push(partner.id.clone()),
            Ok(_) => {}
            Err(unknown) => errors.push(
                Diagnostic::error(format!("unknown partner `{}`", name.value))
                    .at(source, name.range.clone())
                    .hint(unknown.suggestion.unwrap_or_else(|| {
                        "`brief partners` lists every partner with its names and aliases".into()
                    })),
            ),
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
        period: None,
        types: filter.types.clone(),
        topics,
        status: filter.status.clone(),
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
