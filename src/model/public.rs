//! The public-release rule: a public brief names no one. Before a public brief is
//! rendered, every string of its data (the spec's words, the dataset's titles,
//! summaries and notes, the findings made from them) is searched for the name of any
//! participant of the dataset; one found is an error that names the record and field.
//! After it is rendered, the text of its pages is searched again, which finds what
//! markup computed (`#upper("voronkov")`, `Voron#[]kov`).

use serde_json::Value;

use crate::dataset::{Dataset, NameIndex};
use crate::diag::Diagnostic;
use crate::spec::{PublicName, Spec};

/// The names of every participant of the dataset but those the spec's `public_names`
/// allows.
pub(super) fn dataset_names(dataset: &Dataset, allowed: &[PublicName]) -> NameIndex {
    let is_allowed = |name: &str| allowed.iter().any(|a| NameIndex::same_name(&a.name, name));
    NameIndex::new(dataset.events.iter().flat_map(|e| {
        e.participants.iter().filter(|p| !is_allowed(&p.name)).map(move |p| (p, e.id.as_str()))
    }))
}

/// A warning for each name of the spec's `public_names` that is no participant of the
/// dataset: a name the guard never looks for needs no leave, and is likely misspelt.
pub fn unknown_public_names(spec: &Spec, dataset: &Dataset) -> Vec<Diagnostic> {
    spec.public_names
        .iter()
        .filter(|allowed| {
            !dataset
                .events
                .iter()
                .flat_map(|e| &e.participants)
                .any(|p| NameIndex::same_name(&allowed.name, &p.name))
        })
        .map(|allowed| {
            Diagnostic::warning(format!(
                "`public_names` lists `{}`, who is no participant of the dataset",
                allowed.name
            ))
            .at(&spec.source, allowed.span.clone())
            .hint("write the name as the dataset does (`brief events --search NAME` shows it)")
        })
        .collect()
}

/// The first personal name in the brief's data, as a message that says where it is
/// and what to do; `None` when the data names no one.
pub(super) fn named_person(data: &Value, names: &NameIndex) -> Option<String> {
    let mut path = Vec::new();
    find(data, names, &mut path, None)
}

/// The first of `names` (a public brief's [`BriefData::withheld`](super::BriefData))
/// on its rendered pages, as a message that says on which page; `None` when the pages
/// name no one.
pub fn named_on_pages(page_texts: &[String], names: &NameIndex) -> Option<String> {
    page_texts.iter().enumerate().find_map(|(index, text)| {
        names.find(text).map(|hit| {
            format!(
                "page {} of the public brief shows `{}` ({}, a participant of event `{}`) in \
                 text its markup computed; public briefs name no one: write the person's role \
                 instead (\"BNPT's head\", \"Kepala BNPT\"), or make the brief \
                 `audience = \"analyst\"`, or list the person in `public_names`",
                index + 1,
                hit.found,
                hit.name,
                hit.event
            )
        })
    })
}

/// Walks `value`, keeping the path to it and the id of the innermost record that holds
/// it.
fn find<'a>(
    value: &'a Value,
    names: &NameIndex,
    path: &mut Vec<String>,
    record: Option<&'a str>,
) -> Option<String> {
    match value {
        Value::String(text) => names.find(text).map(|hit| {
            let field = path.join(".");
            let place = match record {
                Some(id) => format!("`{field}` of `{id}`"),
                None => format!("`{field}`"),
            };
            format!(
                "the public brief names `{}` ({}, a participant of event `{}`) in {place}; \
                 public briefs name no one: write the person's role instead (\"BNPT's head\", \
                 \"Kepala BNPT\"), make the brief `audience = \"analyst\"`, or list the \
                 person in `public_names`",
                hit.found, hit.name, hit.event
            )
        }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            path.push(i.to_string());
            let found = find(item, names, path, record);
            path.pop();
            found
        }),
        Value::Object(fields) => {
            let record = fields.get("id").and_then(Value::as_str).or(record);
            fields.iter().find_map(|(key, item)| {
                path.push(key.clone());
                let found = find(item, names, path, record);
                path.pop();
                found
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Participant, Text};

    #[test]
    fn names_the_field_and_record_that_holds_a_name() {
        let people =
            [Participant { name: "Vladimir Voronkov".into(), family: None, role: Text::default() }];
        let names = NameIndex::new(people.iter().map(|p| (p, "2022-09-unoct-meeting")));
        let data = serde_json::json!({
            "meta": { "title": "Cooperation with the UN" },
            "sections": [{ "events": [
                { "id": "ok-event", "summary": "The Under-Secretary-General met BNPT." },
                { "id": "bad-event", "summary": "Voronkov met BNPT." }
            ]}]
        });
        let message = named_person(&data, &names).expect("a name is found");
        assert!(message.contains("`Voronkov` (Vladimir Voronkov"), "{message}");
        assert!(message.contains("`sections.0.events.1.summary` of `bad-event`"), "{message}");
        let clean = serde_json::json!({ "meta": { "title": "voronkov-in-a-url" } });
        assert_eq!(named_person(&clean, &names), None);
    }
}
