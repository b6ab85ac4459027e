//! Validating events: dates, vocabularies, references, sources, revisions and the
//! names in the bundled prose.

use std::collections::HashMap;
use std::sync::Arc;

use super::{check_date, check_text, check_vocab, duplicate, partner_keys, valid_id};
use crate::dataset::raw::{OneOrEach, RawEvent, RawRevision, RawSource, WholeNumber};
use crate::dataset::{
    Event, EventType, Location, NameIndex, Origin, Participant, Partner, PartnerRole, Revision,
    Role, Source, Status, Text, Topic, normalise,
};
use crate::dates::PartialDate;
use crate::diag::{Diagnostic, Severity, SourceText, suggestion};

/// A whole number of a working-group series (`round`, `cadence_months`) within
/// `range`, on a `working-group` event; `what` says what it is, for the hint.
fn check_series_number(
    value: Option<WholeNumber>,
    key: &str,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
    kind: Option<EventType>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let (written, number) = match value? {
        WholeNumber::Number(n) => (n.to_string(), u32::try_from(n).ok()),
        WholeNumber::Text(text) => {
            let number = text.parse().ok();
            (text, number)
        }
    };
    let Some(number) = number.filter(|n| range.contains(n)) else {
        out.push(
            origin.error_at(key, &written, format!("invalid {key} `{written}`")).hint(format!(
                "{what}, from {} to {}",
                range.start(),
                range.end()
            )),
        );
        return None;
    };
    if kind.is_some_and(|k| !matches!(k, EventType::WorkingGroup | EventType::Consultation)) {
        out.push(
            origin
                .error_at(
                    key,
                    &written,
                    format!("only a `working-group` or `consultation` event has a `{key}`"),
                )
                .hint(format!(
                    "remove `{key}`, or change the type to `working-group` (or `consultation`, \
                     for a numbered series of consultations)"
                )),
        );
        return None;
    }
    Some(number)
}

pub(super) fn validate_events(
    raw: Vec<(RawEvent, Origin)>,
    partners: &[Partner],
    topics: &[Topic],
    out: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let partner_ids: Vec<&str> = partners.iter().map(|p| p.id.as_str()).collect();
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let names = NamesToIds::new(partners, topics);
    let first_origin = first_definitions(&raw);
    let mut events = Vec::with_capacity(raw.len());
    let mut bundled = BundledFile::default();
    for ((mut e, origin), first) in raw.into_iter().zip(first_origin) {
        // Only this record's own diagnostics decide whether it is kept: counting all of
        // them would be quadratic in a file with a warning on every row.
        let first_diagnostic = out.len();
        names.resolve(&mut e);
        if !valid_id(&e.id) {
            out.push(origin.error_at("id", &e.id, format!("invalid event id `{}`", e.id)).hint(
                "event ids are lowercase letters, digits and hyphens, e.g. `2021-11-gbr-jwg-1`",
            ));
        } else if let Some(first) = first {
            out.push(duplicate("event", &e.id, &first, &origin));
            continue;
        }
        let (date, end) = check_span(&e, &origin, out);
        let status = check_status(&e.status, "status", &origin, out);
        let kind = check_vocab(&e.kind, "type", &origin, out);
        let direction =
            e.direction.as_deref().and_then(|d| check_vocab(d, "direction", &origin, out));
        let (round, cadence_months) = check_series(&e, kind, &origin, out);
        let term_ends = check_term(&e, kind, date, &origin, out);
        check_references(&e, &partner_ids, &topic_ids, &origin, out);
        let roles = check_roles(&e, &origin, out);
        let date_note = check_note(e.date_note, "date_note", "the date note", &origin, out);
        let note = check_note(e.note, "note", "the note", &origin, out);
        check_text(&e.title, "title", "the event's title", &origin, true, out);
        check_text(&e.summary, "summary", "the event's summary", &origin, false, out);
        let mode = e.location.mode.as_deref().and_then(|m| check_vocab(m, "mode", &origin, out));
        check_country(e.location.country.as_ref(), &origin, out);
        let facts = EventFacts { id: &e.id, first_day: date.map(|d| d.first_day()), status };
        let sources = check_sources(&facts, e.sources, &origin, out);
        let ids = (partner_ids.as_slice(), topic_ids.as_slice());
        let revisions = check_revisions(e.revisions, &sources, ids, date, &origin, out);
        if let Some(first_day) = date.map(|d| d.first_day()) {
            check_announced_summary(&sources, &revisions, first_day, &origin, out);
        }
        let participants: Vec<Participant> = e
            .participants
            .into_iter()
            .map(|p| Participant { name: p.name, family: p.family, role: p.role })
            .collect();
        if bundled.holds(&origin) {
            let prose = [&e.title, &e.summary, &date_note, &note];
            check_record_names(&e.id, &participants, prose, &revisions, &origin, out);
        }
        if out[first_diagnostic..].iter().any(|d| d.severity == Severity::Error) {
            continue;
        }
        let (Some(date), Some(status), Some(kind)) = (date, status, kind) else {
            continue;
        };
        events.push(Event {
            id: e.id,
            date,
            end,
            status,
            date_note: (date_note.get("en").is_some() || date_note.get("id").is_some())
                .then_some(date_note),
            note: (note.get("en").is_some() || note.get("id").is_some()).then_some(note),
            partners: e.partners,
            roles,
            kind,
            round,
            cadence_months,
            direction,
            term_ends,
            renews: e.renews,
            title: e.title,
            summary: e.summary,
            location: Location { city: e.location.city, country: e.location.country, mode },
            participants,
            topics: e.topics,
            sources,
            revisions,
            origin,
        });
    }
    events
}

/// An event's `date` and `end`, each checked, and the end not before the start.
fn check_span(
    e: &RawEvent,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> (Option<PartialDate>, Option<PartialDate>) {
    let date = check_date(&e.date, "date", origin, out);
    let end = e.end.as_deref().and_then(|v| check_date(v, "end", origin, out));
    if let (Some(date), Some(end)) = (date, end)
        && end.first_day() < date.first_day()
    {
        out.push(
            origin
                .error_at(
                    "end",
                    &end.to_string(),
                    format!("the event ends ({end}) before it starts ({date})"),
                )
                .hint("swap `date` and `end`, or remove `end` for a one-day event"),
        );
    }
    (date, end)
}

/// An event's `round` and `cadence_months`, each checked.
fn check_series(
    e: &RawEvent,
    kind: Option<EventType>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> (Option<u32>, Option<u32>) {
    let round = check_series_number(
        e.round.clone(),
        "round",
        1..=999,
        "a round is the meeting's number in its series, e.g. `round = 4`",
        kind,
        origin,
        out,
    );
    let cadence_months = check_series_number(
        e.cadence_months.clone(),
        "cadence_months",
        1..=120,
        "the months between rounds that a source of this event states for its series \
         (`cadence_months = 12` for an annual meeting)",
        kind,
        origin,
        out,
    );
    (round, cadence_months)
}

/// An agreement's `term_ends`, checked: a date, on an agreement, not before the event.
/// (`renews` is checked once every event is known: [`check_renewals`].)
fn check_term(
    e: &RawEvent,
    kind: Option<EventType>,
    date: Option<PartialDate>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    for (key, value) in [("term_ends", &e.term_ends), ("renews", &e.renews)] {
        if let (Some(value), Some(kind)) = (value, kind)
            && !kind.has_term()
        {
            out.push(origin.error_at(key, value, format!("only an agreement has a `{key}`")).hint(
                format!(
                    "remove `{key}`, or give the event the type `mou`, `agreement` or `framework`"
                ),
            ));
        }
    }
    let term_ends = e.term_ends.as_deref().and_then(|v| check_date(v, "term_ends", origin, out))?;
    if let Some(date) = date
        && term_ends.last_day() < date.first_day()
    {
        out.push(
            origin
                .error_at(
                    "term_ends",
                    &term_ends.to_string(),
                    format!("the agreement's term ends ({term_ends}) before it is made ({date})"),
                )
                .hint("`term_ends` is the last day, month or year the agreement is in force"),
        );
    }
    Some(term_ends)
}

/// Checks each `renews` once every event is known: the id of an earlier agreement.
pub(super) fn check_renewals(events: &[Event], out: &mut Vec<Diagnostic>) {
    for event in events {
        let Some(renewed) = &event.renews else { continue };
        let problem = match events.iter().find(|e| &e.id == renewed) {
            None => "which is not an event",
            Some(earlier) if !earlier.kind.has_term() => "which is not an agreement",
            Some(earlier) if earlier.first_day() >= event.first_day() => {
                "which is not earlier than this agreement"
            }
            Some(_) => continue,
        };
        let message = format!("`renews` names `{renewed}`, {problem}");
        // The agreements it could renew: earlier ones with a partner of its own.
        let earlier: Vec<&str> = events
            .iter()
            .filter(|e| e.kind.has_term() && e.first_day() < event.first_day())
            .filter(|e| e.partners.iter().any(|p| event.partners.contains(p)))
            .map(|e| e.id.as_str())
            .collect();
        let hint = match earlier.is_empty() {
            true => "no earlier agreement with these partners is on record: add it, or remove \
                     `renews`"
                .to_owned(),
            false => suggestion(renewed, &earlier),
        };
        out.push(event.origin.error_at("renews", renewed, message).hint(hint));
    }
}

/// Whether the file of the records read last is the bundled data: decided once a file,
/// not once a record (the comparison reads the whole text).
#[derive(Default)]
struct BundledFile(Option<(*const SourceText, bool)>);

impl BundledFile {
    /// Whether the record at `origin` is in the bundled data.
    fn holds(&mut self, origin: &Origin) -> bool {
        let file = Arc::as_ptr(&origin.source);
        match self.0 {
            Some((last, bundled)) if last == file => bundled,
            _ => {
                let bundled = is_bundled(&origin.source);
                self.0 = Some((file, bundled));
                bundled
            }
        }
    }
}

/// Checks a bundled record's prose, and each revision's, for names of people beyond
/// the participants the record names.
fn check_record_names(
    id: &str,
    participants: &[Participant],
    prose: [&Text; 4],
    revisions: &[Revision],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    check_prose_names(id, participants, prose, origin, out);
    // A revision's words, against every participant the record ever names.
    let mut everyone = participants.to_vec();
    everyone.extend(revisions.iter().flat_map(|r| r.participants.iter().flatten().cloned()));
    let none = Text::default();
    for r in revisions {
        let texts =
            [&r.title, &r.summary, &r.date_note, &r.note].map(|t| t.as_ref().unwrap_or(&none));
        check_prose_names(id, &everyone, texts, origin, out);
    }
}

/// Warns of an event first announced and later reported held whose summary has no
/// revision on a report that it was held: its own summary is shown while the event is
/// only announced, so it must read as an announcement, and the held version belongs
/// to the report.
fn check_announced_summary(
    sources: &[Source],
    revisions: &[Revision],
    first_day: chrono::NaiveDate,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    let Some(first) = sources.iter().min_by_key(|s| s.public_from(first_day)) else { return };
    let held: Vec<&str> =
        sources.iter().filter(|s| s.reports == Status::Held).map(|s| s.url.as_str()).collect();
    let revised =
        revisions.iter().any(|r| r.summary.is_some() && held.contains(&r.source.as_str()));
    if first.reports == Status::Planned && !held.is_empty() && !revised {
        let place = crate::diag::locate(&origin.source.text, origin.range.clone(), "summary", "");
        out.push(
            Diagnostic::warning(
                "the event was first announced, then reported held, but its summary has no \
                 revision on the report",
            )
            .at(&origin.source, place)
            .hint("write the summary as an announcement, and add `revisions = [{ source = \"<the first held report>\", summary = { … } }]` with the summary as held"),
        );
    }
}

/// Validates an event's revisions: each rests on one of the event's own sources (whose
/// publication dates it) and changes at least one field, each field valid as the
/// event's own would be.
fn check_revisions(
    raw: Vec<RawRevision>,
    sources: &[Source],
    (partner_ids, topic_ids): (&[&str], &[&str]),
    event_date: Option<PartialDate>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Vec<Revision> {
    let mut revisions = Vec::with_capacity(raw.len());
    for r in raw {
        if !sources.iter().any(|s| s.url == r.source) {
            out.push(
                origin
                    .error_at(
                        "source",
                        &r.source,
                        format!(
                            "a revision rests on `{}`, which is not among the event's sources",
                            r.source
                        ),
                    )
                    .hint("a revision's `source` is the address of one of the event's own sources: it is shown from that page's publication"),
            );
            continue;
        }
        let date = r.date.as_deref().and_then(|v| check_date(v, "date", origin, out));
        let end = r.end.as_deref().and_then(|v| check_date(v, "end", origin, out));
        // A revision's span starts at its own date, or at the event's.
        if let (Some(start), Some(end)) = (date.or(event_date), end)
            && end.first_day() < start.first_day()
        {
            out.push(
                origin
                    .error_at(
                        "end",
                        r.end.as_deref().unwrap_or_default(),
                        format!("a revision ends the event ({end}) before it starts ({start})"),
                    )
                    .hint(
                        "correct the revision's `end`, or give the `date` its source reports too",
                    ),
            );
            continue;
        }
        if date.is_none() && end.is_none() && !r.changes_more_than_dates() {
            out.push(origin.error_at("source", &r.source, "a revision that changes nothing").hint(
                "give the fields the source changes: `date`, `end`, `title`, `summary`, `date_note`, \
                 `note`, `partners`, `location`, `participants` or `topics`",
            ));
            continue;
        }
        if let Some(summary) = &r.summary {
            check_text(summary, "summary", "a revision's summary", origin, false, out);
        }
        if let Some(title) = &r.title {
            check_text(title, "title", "a revision's title", origin, true, out);
        }
        // The references a revision gives are checked as the event's own are.
        let errors = out.len();
        if r.partners.as_ref().is_some_and(Vec::is_empty) {
            out.push(
                origin
                    .error_at("revisions", &r.source, "a revision that leaves the event no partner")
                    .hint("give the counterparts the source reports, e.g. `partners = [\"gbr\"]`"),
            );
        }
        check_partner_ids(r.partners.iter().flatten(), partner_ids, origin, out);
        check_topic_ids(r.topics.as_deref().unwrap_or_default(), topic_ids, origin, out);
        check_country(r.location.as_ref().and_then(|l| l.country.as_ref()), origin, out);
        if out.len() > errors {
            continue;
        }
        let mode = r
            .location
            .as_ref()
            .and_then(|l| l.mode.as_deref())
            .and_then(|m| check_vocab(m, "mode", origin, out));
        let note = |n: Option<OneOrEach>, key: &str, what: &str, out: &mut Vec<Diagnostic>| {
            n.map(|n| check_note(Some(n), key, what, origin, out))
        };
        let term_ends =
            r.term_ends.as_deref().and_then(|v| check_date(v, "term_ends", origin, out));
        let date_note = note(r.date_note, "date_note", "a revision's date note", out);
        let plain_note = note(r.note, "note", "a revision's note", out);
        revisions.push(Revision {
            source: r.source,
            date,
            end,
            summary: r.summary,
            date_note,
            note: plain_note,
            title: r.title,
            partners: r.partners,
            location: r.location.map(|l| Location { city: l.city, country: l.country, mode }),
            participants: r.participants.map(|ps| {
                ps.into_iter()
                    .map(|p| Participant { name: p.name, family: p.family, role: p.role })
                    .collect()
            }),
            topics: r.topics,
            term_ends,
        });
    }
    revisions
}

/// Reports an event's missing or unknown partners and unknown topics.
fn check_references(
    e: &RawEvent,
    partner_ids: &[&str],
    topic_ids: &[&str],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    if e.partners.is_empty() && e.roles.is_empty() {
        out.push(
            origin
                .error_at("partners", "", "the event names no partner")
                .hint("list at least one partner id, e.g. `partners = [\"gbr\"]`"),
        );
    }
    check_partner_ids(
        e.partners.iter().chain(e.roles.iter().map(|r| &r.partner)),
        partner_ids,
        origin,
        out,
    );
    check_topic_ids(&e.topics, topic_ids, origin, out);
}

/// Reports each partner of `partners` that is not in `known`, with the nearest id.
fn check_partner_ids<'p>(
    partners: impl Iterator<Item = &'p String>,
    known: &[&str],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    for partner in partners.filter(|p| !known.contains(&p.as_str())) {
        out.push(
            origin
                .error_at("partners", &format!("\"{partner}\""), format!("unknown partner `{partner}`"))
                .maybe_hint(crate::diag::nearest(partner, known.iter().copied()).map(|n| format!("did you mean `{n}`?")))
                .hint("a partner must be in the bundled registry or defined with [[partners]] in a data file"),
        );
    }
}

/// Reports each topic of `topics` that is not in `known`, with a suggestion.
fn check_topic_ids(topics: &[String], known: &[&str], origin: &Origin, out: &mut Vec<Diagnostic>) {
    for topic in topics.iter().filter(|t| !known.contains(&t.as_str())) {
        out.push(
            origin
                .error_at("topics", topic, format!("unknown topic `{topic}`"))
                .hint(suggestion(topic, known)),
        );
    }
}

/// Reports a country that is no ISO 3166-1 alpha-3 code.
fn check_country(country: Option<&String>, origin: &Origin, out: &mut Vec<Diagnostic>) {
    if let Some(country) = country
        && !(country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase()))
    {
        out.push(
            origin
                .error_at("country", country, format!("invalid country code `{country}`"))
                .hint("use the ISO 3166-1 alpha-3 code in capitals, e.g. `IDN`"),
        );
    }
}

/// The event's partners in other roles than counterpart: known roles, never
/// `counterpart` (the `partners` list holds those), no partner twice.
fn check_roles(e: &RawEvent, origin: &Origin, out: &mut Vec<Diagnostic>) -> Vec<PartnerRole> {
    let mut roles: Vec<PartnerRole> = Vec::with_capacity(e.roles.len());
    for raw in &e.roles {
        let Some(role) = check_vocab::<Role>(&raw.role, "role", origin, out) else {
            continue;
        };
        let twice =
            e.partners.contains(&raw.partner) || roles.iter().any(|r| r.partner == raw.partner);
        if role == Role::Counterpart || twice {
            out.push(
                origin
                    .error_at("roles", &raw.partner, format!("partner `{}` is listed twice", raw.partner))
                    .hint("a counterpart goes in `partners`; `roles` holds each other partner once, as host, invitee, observer or subject"),
            );
            continue;
        }
        roles.push(PartnerRole { partner: raw.partner.clone(), role });
    }
    roles
}

/// Whether a file is one of the bundled dataset files.
fn is_bundled(file: &SourceText) -> bool {
    crate::dataset::BUNDLED.iter().any(|(name, text)| *name == file.name && *text == file.text)
}

/// A note as written, checked: one text serves both languages.
fn check_note(
    note: Option<OneOrEach>,
    key: &str,
    what: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Text {
    match note {
        Some(OneOrEach::Plain(text)) => Text::same(&text),
        Some(OneOrEach::Translated(text)) => {
            check_text(&text, key, what, origin, false, out);
            text
        }
        None => Text::default(),
    }
}

/// Refuses a bundled event whose title, summary or note names one of its participants:
/// names belong in `participants`, prose speaks of roles.
fn check_prose_names(
    id: &str,
    participants: &[Participant],
    prose: [&Text; 4],
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    let names = NameIndex::new(participants.iter().map(|p| (p, id)));
    for (text, key) in prose.into_iter().zip(["title", "summary", "date_note", "note"]) {
        for language in [&text.en, &text.id].into_iter().flatten() {
            if let Some(hit) = names.find(language) {
                out.push(
                    origin
                        .error_at(key, &hit.found, format!("the {key} of event `{id}` names `{}`", hit.name))
                        .hint("personal names belong only in `participants`: speak of the role (\"BNPT's head\", \"Kepala BNPT\")"),
                );
            }
        }
    }
}

/// Checks an event's sources (at least one; URLs, publishers, dates) and returns them.
fn check_sources(
    event: &EventFacts,
    raw: Vec<RawSource>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Vec<Source> {
    if raw.is_empty() {
        out.push(
            origin
                .error_at("sources", "", format!("event `{}` has no source", event.id))
                .hint("every event needs at least one source with a publisher and a URL"),
        );
    }
    let mut sources = Vec::with_capacity(raw.len());
    for s in raw {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            out.push(
                origin
                    .error_at("url", &s.url, format!("invalid source URL `{}`", s.url))
                    .hint("source URLs start with https:// or http://"),
            );
        }
        if s.publisher.trim().is_empty() {
            out.push(origin.error_at("publisher", "", "a source has no publisher"));
        }
        let published =
            s.published.as_deref().and_then(|p| check_date(p, "published", origin, out));
        let reports = match s.reports.as_deref() {
            Some(text) => check_status(text, "reports", origin, out),
            None => event.status,
        };
        check_publication(event, &s.url, published, reports, origin, out);
        let accessed = s.accessed.as_deref().and_then(|a| check_date(a, "accessed", origin, out));
        if let (Some(accessed), Some(published)) = (accessed, published)
            && accessed.last_day() < published.first_day()
        {
            out.push(
                origin
                    .error_at(
                        "accessed",
                        &accessed.to_string(),
                        format!(
                            "the source `{}` was accessed ({accessed}) before it was published ({published})",
                            s.url
                        ),
                    )
                    .hint("`accessed` is the day someone read the page, on or after `published`"),
            );
        }
        let reports = reports.unwrap_or(Status::Held);
        sources.push(Source {
            publisher: s.publisher,
            url: s.url,
            published,
            accessed,
            title: s.title,
            reports,
            secondary: s.secondary,
        });
    }
    sources
}

/// What a source's checks need to know of its event.
struct EventFacts<'a> {
    id: &'a str,
    first_day: Option<chrono::NaiveDate>,
    status: Option<Status>,
}

/// A `held` or `planned` in `status` or a source's `reports`; `unconfirmed` is derived
/// on a brief's date and never written.
fn check_status(
    text: &str,
    key: &str,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<Status> {
    match check_vocab::<Status>(text, key, origin, out) {
        Some(Status::Unconfirmed) => {
            out.push(
                origin
                    .error_at(key, text, format!("`{key}` is `held` or `planned`, not `unconfirmed`"))
                    .hint("an announced event whose date has passed with no report that it took place is shown as unconfirmed by itself; write `planned`"),
            );
            None
        }
        other => other,
    }
}

/// One warning per user file whose sources give no publication date: briefs treat each
/// such page as public from its event's first day. The bundled data's two undated pages
/// are listed in data/README.md and pinned by a test; warning about them on every run
/// would only be noise.
pub(super) fn warn_undated(events: &[Event], out: &mut Vec<Diagnostic>) {
    let mut undated: Vec<(&Arc<SourceText>, usize)> = Vec::new();
    for event in events {
        let count = event.sources.iter().filter(|s| s.published.is_none()).count();
        if count == 0 {
            continue;
        }
        match undated.iter_mut().find(|(file, _)| Arc::ptr_eq(file, &event.origin.source)) {
            Some((_, n)) => *n += count,
            None => undated.push((&event.origin.source, count)),
        }
    }
    for (file, count) in undated {
        if is_bundled(file) {
            continue;
        }
        let pages = if count == 1 { "source has" } else { "sources have" };
        // First, so that a file's many other warnings do not hide it.
        out.insert(
            0,
            Diagnostic::warning(format!("{count} {pages} no publication date in {}", file.name))
                .hint("a brief treats such a page as public from its event's first day; give `published` (or a `source_published` column) so that briefs dated earlier leave it out"),
        );
    }
}

/// Refuses a report that the event took place published before the event began.
fn check_publication(
    event: &EventFacts,
    url: &str,
    published: Option<crate::dates::PartialDate>,
    reports: Option<Status>,
    origin: &Origin,
    out: &mut Vec<Diagnostic>,
) {
    if let (Some(date), Some(first)) = (published, event.first_day)
        && reports == Some(Status::Held)
        && date.last_day() < first
    {
        out.push(
            origin
                .error_at(
                    "published",
                    &date.to_string(),
                    format!(
                        "the source `{url}` reports event `{}` as held but was published ({date}) before the event began",
                        event.id
                    ),
                )
                .hint("an announcement before the event has `reports = \"planned\"`"),
        );
    }
}

/// Partner and topic names as analysts write them in spreadsheets ("UK", "Inggris",
/// "Victims of terrorism"), each with the id it stands for; a name that stands for more
/// than one is left out, so that it stays an error with its suggestions.
struct NamesToIds {
    partners: HashMap<String, Option<String>>,
    topics: HashMap<String, Option<String>>,
}

impl NamesToIds {
    fn new(partners: &[Partner], topics: &[Topic]) -> Self {
        fn add(map: &mut HashMap<String, Option<String>>, key: &str, id: &str) {
            let entry = map.entry(normalise(key)).or_insert_with(|| Some(id.to_owned()));
            if entry.as_deref() != Some(id) {
                *entry = None;
            }
        }
        let mut names = NamesToIds { partners: HashMap::new(), topics: HashMap::new() };
        for partner in partners {
            for key in partner_keys(partner) {
                add(&mut names.partners, key, &partner.id);
            }
        }
        for topic in topics {
            for key in [Some(topic.id.as_str()), topic.name.en.as_deref(), topic.name.id.as_deref()]
                .into_iter()
                .flatten()
            {
                add(&mut names.topics, key, &topic.id);
            }
        }
        names
    }

    /// The event's partners, roles and topics, and those of its revisions, as ids, where
    /// they are written as names.
    fn resolve(&self, e: &mut RawEvent) {
        let id = |map: &HashMap<String, Option<String>>, name: &mut String| {
            if let Some(Some(id)) = map.get(&normalise(name)) {
                *name = id.clone();
            }
        };
        let revised_partners = e.revisions.iter_mut().flat_map(|r| r.partners.iter_mut().flatten());
        let roles = e.roles.iter_mut().map(|r| &mut r.partner);
        for partner in e.partners.iter_mut().chain(roles).chain(revised_partners) {
            id(&self.partners, partner);
        }
        let revised_topics = e.revisions.iter_mut().flat_map(|r| r.topics.iter_mut().flatten());
        for topic in e.topics.iter_mut().chain(revised_topics) {
            id(&self.topics, topic);
        }
    }
}

/// For each record, where the first record with its id is, if that is another one.
fn first_definitions(raw: &[(RawEvent, Origin)]) -> Vec<Option<Origin>> {
    let mut first_of: HashMap<&str, usize> = HashMap::with_capacity(raw.len());
    let mut first_origin: Vec<Option<Origin>> = vec![None; raw.len()];
    for (i, (e, _)) in raw.iter().enumerate() {
        if let Some(&first) = first_of.get(e.id.as_str()) {
            first_origin[i] = Some(raw[first].1.clone());
        } else {
            first_of.insert(&e.id, i);
        }
    }
    first_origin
}
