//! The charts and figures of a brief: key figures with their breakdowns, and the
//! timeline with its axis.

use chrono::{Datelike, NaiveDate};

use crate::dataset::{Event, EventType, Status};
use crate::dates::Period;
use crate::locale::{self, Language, format_number, label};

use super::{Content, Count, Figure, Lane, Mark, Tick};

/// A headline number with its label, the noun agreeing with the count.
fn figure(language: Language, n: usize, key: &str) -> Figure {
    Figure { value: format_number(language, n), label: locale::counted(language, key, n) }
}

/// Counts with shares of the largest, formatted.
pub(super) fn counts(language: Language, items: Vec<(String, usize)>) -> Vec<Count> {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    items
        .into_iter()
        .map(|(label, n)| Count { label, value: format_number(language, n), share: n as f64 / max })
        .collect()
}

/// Counts as a chart that compares: one bar compares nothing and repeats a key figure
/// ("United Kingdom 7" under "7 engagements"), so fewer than two bars make no chart.
fn comparison(language: Language, items: Vec<(String, usize)>) -> Vec<Count> {
    if items.len() < 2 { Vec::new() } else { counts(language, items) }
}

pub(super) fn key_figures(
    language: Language,
    as_of: NaiveDate,
    all: &[&Event],
    partners: &[String],
    period: Period,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    // Only what had taken place counts as an engagement; announced ones are counted apart.
    let status = |e: &Event| e.status_on(as_of).unwrap_or(e.status);
    let events: Vec<&Event> = all.iter().copied().filter(|e| status(e) == Status::Held).collect();
    let events = events.as_slice();
    let of_types = |types: &[EventType]| events.iter().filter(|e| types.contains(&e.kind)).count();
    let engaged = partners.iter().filter(|p| events.iter().any(|e| e.partners.contains(p))).count();
    let planned = all.iter().filter(|e| status(e) == Status::Planned).count();
    let unconfirmed = all.iter().filter(|e| status(e) == Status::Unconfirmed).count();
    let mut figures = vec![
        figure(language, events.len(), "figure-events"),
        figure(language, engaged, "figure-partners"),
        figure(language, of_types(&super::findings::AGREEMENTS), "figure-agreements"),
        figure(language, of_types(&[EventType::WorkingGroup]), "figure-working-groups"),
    ];
    if planned > 0 {
        figures.push(Figure {
            value: format_number(language, planned),
            label: label(language, "figure-planned"),
        });
    }
    if unconfirmed > 0 {
        figures.push(Figure {
            value: format_number(language, unconfirmed),
            label: label(language, "figure-unconfirmed"),
        });
    }
    let (shown, rest) = chart_partners(partners, all);
    let mut by_partner: Vec<(String, usize)> = shown
        .iter()
        .map(|p| (partner_name(p), events.iter().filter(|e| e.partners.contains(p)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut others = String::new();
    if !rest.is_empty() {
        // The most engaged first (a stable sort: the spec's order breaks ties), then the
        // rest in one bar that counts each of their engagements once, and says who they are.
        by_partner.sort_by_key(|b| std::cmp::Reverse(b.1));
        let shared = shared_by_others(events, &shown, &rest);
        if !shared.is_empty() {
            let mut names: Vec<String> = rest
                .iter()
                .filter(|p| shared.iter().any(|e| e.partners.contains(p)))
                .map(|p| partner_name(p))
                .collect();
            names.sort();
            // The bar says how many partners it stands for: "10 other partners", 9
            // engagements.
            let bar = language.words().other_partners(&format_number(language, names.len()));
            by_partner.push((bar, shared.len()));
            others = format!(
                "{}: {}.",
                label(language, "timeline-other"),
                locale::join_list(language, &names, ", ")
            );
        }
    }
    let by_type = EventType::ALL
        .iter()
        .map(|t| {
            (
                locale::event_type(language, *t).to_owned(),
                events.iter().filter(|e| e.kind == *t).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let years: Vec<i32> = (period.from.year()..=period.to.year()).collect();
    let per_year: Vec<(String, usize)> = years
        .iter()
        .map(|y| (y.to_string(), events.iter().filter(|e| e.first_day().year() == *y).count()))
        .collect();
    // One year says nothing a reader does not see from the period; many years are
    // listed only where something happened.
    let by_year = match per_year.len() {
        1 => Vec::new(),
        2..=12 => per_year,
        _ => per_year.into_iter().filter(|(_, n)| *n > 0).collect(),
    };
    let by_partner = comparison(language, by_partner);
    if by_partner.is_empty() {
        // No chart, no bar to explain.
        others.clear();
    }
    Content::KeyFigures {
        figures,
        by_partner,
        by_type: comparison(language, by_type),
        by_year: counts(language, by_year),
        others,
    }
}

/// The most partners a chart draws on their own; beyond it the rest share one "other
/// partners" bar or lane.
const MAX_CHART_PARTNERS: usize = 8;

/// One rule for every chart of a brief: the partners drawn on their own (all of them
/// when there are few, else the most engaged in `events`, the spec's order breaking
/// ties), in the spec's order, and the rest.
fn chart_partners<'a>(
    partners: &'a [String],
    events: &[&Event],
) -> (Vec<&'a String>, Vec<&'a String>) {
    if partners.len() <= MAX_CHART_PARTNERS {
        return (partners.iter().collect(), vec![]);
    }
    let engaged = |p: &String| events.iter().filter(|e| e.partners.contains(p)).count();
    let mut ranked: Vec<&String> = partners.iter().collect();
    ranked.sort_by_key(|p| std::cmp::Reverse(engaged(p)));
    let kept = &ranked[..MAX_CHART_PARTNERS - 1];
    partners.iter().partition(|p| kept.contains(p))
}

/// The engagements that "other partners" counts: those of a partner in `rest` that no
/// partner in `shown` shares, each once.
fn shared_by_others<'e>(
    events: &[&'e Event],
    shown: &[&String],
    rest: &[&String],
) -> Vec<&'e Event> {
    let listed = |e: &Event, partners: &[&String]| e.partners.iter().any(|p| partners.contains(&p));
    events.iter().copied().filter(|e| listed(e, rest) && !listed(e, shown)).collect()
}

pub(super) fn timeline(
    language: Language,
    as_of: NaiveDate,
    events: &[&Event],
    partners: &[String],
    period: Period,
    partner_name: &dyn Fn(&str) -> String,
) -> Content {
    let days = (period.to - period.from).num_days().max(1) as f64;
    let position = |day: NaiveDate| ((day - period.from).num_days() as f64 / days).clamp(0.0, 1.0);
    let mark = |e: &Event| Mark {
        x: position(e.first_day()),
        x_end: position(e.last_day()),
        planned: e.status_on(as_of).unwrap_or(e.status) != Status::Held,
    };
    let (shown, rest) = chart_partners(partners, events);
    let mut lanes: Vec<Lane> = shown
        .iter()
        .map(|p| {
            let marks: Vec<Mark> =
                events.iter().filter(|e| e.partners.contains(p)).map(|e| mark(e)).collect();
            Lane { label: partner_name(p), count: format_number(language, marks.len()), marks }
        })
        .collect();
    if !rest.is_empty() {
        let shared = shared_by_others(events, &shown, &rest);
        let partners =
            rest.iter().filter(|p| shared.iter().any(|e| e.partners.contains(p))).count();
        let marks: Vec<Mark> = shared.into_iter().map(mark).collect();
        lanes.push(Lane {
            label: language.words().other_partners(&format_number(language, partners)),
            count: format_number(language, marks.len()),
            marks,
        });
    }
    Content::Timeline { lanes, ticks: ticks(language, period, &position) }
}

/// The most year labels a timeline axis gets; longer periods are labelled by decades or more.
const MAX_YEAR_LABELS: i32 = 12;

/// The timeline's axis ticks: every few years for very long periods, every year for long
/// ones, every month (labelled quarterly) for shorter, and every week below two months.
fn ticks(language: Language, period: Period, position: &dyn Fn(NaiveDate) -> f64) -> Vec<Tick> {
    let months = (period.to.year() - period.from.year()) * 12 + period.to.month() as i32
        - period.from.month() as i32;
    let years = period.to.year() - period.from.year() + 1;
    let mut ticks = Vec::new();
    if years > MAX_YEAR_LABELS {
        // Decades, centuries…: a labelled line at every `step`th new year, at most
        // MAX_YEAR_LABELS of them however long the period.
        let step = [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
            .into_iter()
            .find(|step| years / step < MAX_YEAR_LABELS)
            .unwrap_or(10_000);
        let mut year = period.from.year() + (step - period.from.year().rem_euclid(step)) % step;
        while year <= period.to.year() {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
            if start >= period.from {
                ticks.push(Tick { x: position(start), label: year.to_string(), line: true });
            }
            year += step;
        }
    } else if months > 24 {
        for year in period.from.year()..=period.to.year() {
            let start =
                NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists").max(period.from);
            let end =
                NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists").min(period.to);
            if year > period.from.year() {
                ticks.push(Tick { x: position(start), label: String::new(), line: true });
            }
            // Each year's label sits in the middle of its stretch of the axis.
            ticks.push(Tick {
                x: (position(start) + position(end)) / 2.0,
                label: year.to_string(),
                line: false,
            });
        }
    } else if months < 2 {
        // A short period: a tick every seven days from the first, labelled "8 Sep".
        let mut day = period.from;
        while day <= period.to {
            let month: String = locale::month_name(language, day.month()).chars().take(3).collect();
            ticks.push(Tick {
                x: position(day),
                label: format!("{} {month}", day.day()),
                line: true,
            });
            day = day + chrono::Days::new(7);
        }
    } else {
        let mut day = period.from.with_day(1).expect("day 1 exists");
        let mut first = true;
        while day <= period.to {
            if day >= period.from {
                let labelled = months <= 12 || (day.month() - 1).is_multiple_of(3);
                let label = if labelled {
                    let short: String =
                        locale::month_name(language, day.month()).chars().take(3).collect();
                    if day.month() == 1 || first {
                        format!("{short} {}", day.year())
                    } else {
                        short
                    }
                } else {
                    String::new()
                };
                first = false;
                ticks.push(Tick { x: position(day), label, line: true });
            }
            day = day + chrono::Months::new(1);
        }
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis_labels(from: &str, to: &str) -> Vec<String> {
        let period = Period::between(from.parse().unwrap(), to.parse().unwrap());
        let ticks = ticks(Language::En, period, &|_| 0.0);
        ticks.into_iter().map(|t| t.label).filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn axis_labels_stay_few_however_long_the_period() {
        assert_eq!(axis_labels("2021", "2024"), ["2021", "2022", "2023", "2024"]);
        assert_eq!(axis_labels("2022-01", "2022-03"), ["Jan 2022", "Feb", "Mar"]);
        assert_eq!(
            axis_labels("1990", "2024"),
            ["1990", "1995", "2000", "2005", "2010", "2015", "2020"]
        );
        let millennia = axis_labels("0000", "9999");
        assert_eq!(millennia.len(), 10, "{millennia:?}");
        assert_eq!(millennia[1], "1000");
    }

    #[test]
    fn a_chart_needs_two_bars_to_compare() {
        let one = vec![("United Kingdom".to_owned(), 7)];
        assert!(comparison(Language::En, one).is_empty());
        let two = vec![("UNOCT".to_owned(), 4), ("Russia".to_owned(), 2)];
        let chart = comparison(Language::En, two);
        assert_eq!(chart.iter().map(|c| c.share).collect::<Vec<_>>(), [1.0, 0.5]);
    }
}
