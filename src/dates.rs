//! Dates at a precision, inclusive periods, and relative periods.
//!
//! Both specs and the dataset speak of dates whose written form is their precision:
//! `2022-11-09` is a day, `2022-11` the whole of November, `2022` the whole year. An
//! event matches a period when its span, at that precision, overlaps the period.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::vocab::vocabulary;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

/// A calendar date known to a [`Precision`]: `2021`, `2021-11` or `2021-11-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The first day the date can mean.
    first: NaiveDate,
    /// How much of the date is known.
    precision: Precision,
}

impl PartialDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Self { first: date, precision: Precision::Day }
    }

    /// The month that holds `date`, known to the month.
    pub fn month_of(date: NaiveDate) -> Self {
        Self { first: date.with_day(1).unwrap_or(date), precision: Precision::Month }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day the date can mean (1 January for a year, the 1st for a month).
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day the date can mean (31 December for a year, the month's last day).
    pub fn last_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.first,
            Precision::Month => self.first + Months::new(1) - chrono::Days::new(1),
            Precision::Year => NaiveDate::from_ymd_opt(self.first.year(), 12, 31)
                .expect("31 December exists in every year"),
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first.year()
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u32> {
        (self.precision >= Precision::Month).then(|| self.first.month())
    }

    /// The day of the month, when known.
    pub fn day_of_month(&self) -> Option<u32> {
        (self.precision == Precision::Day).then(|| self.first.day())
    }
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape_error = || {
            DateError(format!("`{text}` is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY"))
        };
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, len: usize| -> Result<u32, DateError> {
            if part.len() != len || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape_error());
            }
            part.parse().map_err(|_| shape_error())
        };
        let year = number(parts[0], 4)? as i32;
        let (month, day, precision) = match parts.len() {
            1 => (1, 1, Precision::Year),
            2 => (number(parts[1], 2)?, 1, Precision::Month),
            3 => (number(parts[1], 2)?, number(parts[2], 2)?, Precision::Day),
            _ => return Err(shape_error()),
        };
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("`{text}` has no month {month}; months run 01 to 12")));
        }
        let first = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| DateError(format!("`{text}` is not a day of the calendar")))?;
        Ok(Self { first, precision })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.first.year()),
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m")),
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A run's as-of date: `flag` (`--as-of`) if given, else the day of `source_date_epoch`
/// (the `SOURCE_DATE_EPOCH` of reproducible builds, in seconds), else today.
pub fn as_of(
    flag: Option<NaiveDate>,
    source_date_epoch: Option<String>,
) -> Result<NaiveDate, String> {
    if let Some(date) = flag {
        return Ok(date);
    }
    match source_date_epoch {
        Some(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
            .map(|t| t.date_naive())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is not a Unix timestamp"))
            .and_then(|date| check_year(date).map_err(|e| format!("SOURCE_DATE_EPOCH: {e}"))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// An as-of date as a brief can carry it: years 1 to 9999, which Typst and PDF dates
/// can hold. The error says so, for an argument's message.
pub fn check_year(date: NaiveDate) -> Result<NaiveDate, String> {
    if (1..=9999).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!("{date} is outside the years 1 to 9999 that a brief can be dated in"))
    }
}

/// Whole months from `from` to `to`, 0 when `to` is earlier: 24 March 2022 to 6
/// December 2026 is 56.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

/// An inclusive span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// The first day in the period.
    pub from: NaiveDate,
    /// The last day in the period.
    pub to: NaiveDate,
}

impl Period {
    /// The period from the first day of `from` to the last day of `to`.
    pub fn between(from: PartialDate, to: PartialDate) -> Self {
        Self { from: from.first_day(), to: to.last_day() }
    }

    /// Whether the inclusive span `first..=last` shares at least one day with the period.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        first <= self.to && last >= self.from
    }

    /// Whether the period covers exactly one calendar month.
    pub fn is_whole_month(&self) -> bool {
        self.from.day() == 1 && self.to == self.from + Months::new(1) - chrono::Days::new(1)
    }

    /// Whether the period covers exactly one calendar quarter.
    pub fn is_whole_quarter(&self) -> bool {
        self.from.day() == 1
            && (self.from.month() - 1).is_multiple_of(3)
            && self.to == self.from + Months::new(3) - chrono::Days::new(1)
    }

    /// The period of equal length just before this one: the calendar month, quarter or
    /// run of whole years before it when it is one, else as many days just before.
    pub fn previous(&self) -> Period {
        let day_before = self.from - chrono::Days::new(1);
        let whole_years = self.from.ordinal() == 1 && self.to.month() == 12 && self.to.day() == 31;
        let months = if self.is_whole_month() {
            Some(1)
        } else if self.is_whole_quarter() {
            Some(3)
        } else if whole_years {
            Some(12 * (self.to.year() - self.from.year() + 1) as u32)
        } else {
            None
        };
        match months {
            Some(months) => Period { from: self.from - Months::new(months), to: day_before },
            None => {
                let length = (self.to - self.from).num_days() as u64;
                Period { from: day_before - chrono::Days::new(length), to: day_before }
            }
        }
    }

    /// The part of the period elapsed by `as_of`, when `as_of` falls inside it before
    /// its last day: the period is not over, and a brief speaks of it "to date".
    pub fn elapsed(&self, as_of: NaiveDate) -> Option<Period> {
        (self.from <= as_of && as_of < self.to).then_some(Period { from: self.from, to: as_of })
    }

    /// The same part of `earlier` as `part` is of this period: as many calendar months
    /// (or, for periods that do not start on the same day of the month, days) from its
    /// start, so that a period to date is compared like with like.
    pub fn same_part_of(&self, part: Period, earlier: Period) -> Period {
        let months = (self.from.year() - earlier.from.year()) * 12 + self.from.month() as i32
            - earlier.from.month() as i32;
        let to = if months > 0 && earlier.from.day() == self.from.day() {
            part.to - Months::new(months as u32)
        } else {
            earlier.from + (part.to - part.from)
        };
        Period { from: earlier.from, to: to.min(earlier.to) }
    }

    /// The same days one year earlier (29 February becomes 28 February).
    pub fn year_earlier(&self) -> Period {
        Period { from: self.from - Months::new(12), to: self.to - Months::new(12) }
    }

    /// Whether the period covers exactly one calendar year.
    pub fn is_whole_year(&self) -> bool {
        self.from.ordinal() == 1
            && self.to.year() == self.from.year()
            && self.to.month() == 12
            && self.to.day() == 31
    }
}

vocabulary! {
    /// A period named relative to the as-of date, for scheduled briefs.
    RelativePeriod("relative period") {
        /// The calendar month before the as-of date's month.
        PreviousMonth = "previous-month",
        /// The calendar quarter before the as-of date's quarter.
        PreviousQuarter = "previous-quarter",
        /// The calendar year before the as-of date's year.
        PreviousYear = "previous-year",
        /// From 1 January of the as-of year to the as-of date.
        YearToDate = "year-to-date",
        /// The twelve months ending on the as-of date.
        Last12Months = "last-12-months",
    }
}

impl RelativePeriod {
    /// The concrete period this names, seen from `as_of`.
    pub fn resolve(self, as_of: NaiveDate) -> Period {
        let month_start = as_of.with_day(1).expect("day 1 exists");
        let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).expect("1 January exists");
        let day_before = |d: NaiveDate| d - chrono::Days::new(1);
        match self {
            RelativePeriod::PreviousMonth => {
                Period { from: month_start - Months::new(1), to: day_before(month_start) }
            }
            RelativePeriod::PreviousQuarter => {
                let quarter_start = month_start
                    .with_month(((as_of.month() - 1) / 3) * 3 + 1)
                    .expect("quarter months exist");
                Period { from: quarter_start - Months::new(3), to: day_before(quarter_start) }
            }
            RelativePeriod::PreviousYear => {
                Period { from: year_start - Months::new(12), to: day_before(year_start) }
            }
            RelativePeriod::YearToDate => Period { from: year_start, to: as_of },
            RelativePeriod::Last12Months => {
                Period { from: as_of - Months::new(12) + chrono::Days::new(1), to: as_of }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_counted_whole() {
        let day = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(super::whole_months(day("2022-03-24"), day("2026-12-06")), 56);
        assert_eq!(super::whole_months(day("2022-03-24"), day("2022-04-23")), 0);
        assert_eq!(super::whole_months(day("2022-03-24"), day("2022-04-24")), 1);
        assert_eq!(super::whole_months(day("2024-01-01"), day("2023-01-01")), 0);
    }

    use super::*;

    #[test]
    fn the_previous_period_has_the_same_calendar_length() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let period = |a, b| Period { from: a, to: b };
        let march = period(d(2024, 3, 1), d(2024, 3, 31));
        assert_eq!(march.previous(), period(d(2024, 2, 1), d(2024, 2, 29)));
        let q1 = period(d(2024, 1, 1), d(2024, 3, 31));
        assert_eq!(q1.previous(), period(d(2023, 10, 1), d(2023, 12, 31)));
        let years = period(d(2021, 1, 1), d(2024, 12, 31));
        assert_eq!(years.previous(), period(d(2017, 1, 1), d(2020, 12, 31)));
        let ten_days = period(d(2024, 3, 5), d(2024, 3, 14));
        assert_eq!(ten_days.previous(), period(d(2024, 2, 24), d(2024, 3, 4)));
        let leap = period(d(2024, 2, 1), d(2024, 2, 29));
        assert_eq!(leap.year_earlier(), period(d(2023, 2, 1), d(2023, 2, 28)));
    }

    #[test]
    fn the_as_of_date_comes_from_the_flag_then_source_date_epoch() {
        let day = NaiveDate::from_ymd_opt(2022, 10, 1).unwrap();
        assert_eq!(as_of(Some(day), Some("0".into())), Ok(day));
        assert_eq!(as_of(None, Some(" 1664582400 ".into())), Ok(day));
        let bad = as_of(None, Some("yesterday".into())).unwrap_err();
        assert_eq!(bad, "SOURCE_DATE_EPOCH `yesterday` is not a Unix timestamp");
        let far = as_of(None, Some("253402300800".into())).unwrap_err();
        assert!(far.contains("outside the years 1 to 9999"), "{far}");
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn p(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn precision_follows_the_written_form() {
        assert_eq!(p("2022").precision(), Precision::Year);
        assert_eq!(p("2022-11").precision(), Precision::Month);
        assert_eq!(p("2022-11-09").precision(), Precision::Day);
        assert_eq!(p("2022-11").to_string(), "2022-11");
    }

    #[test]
    fn spans_cover_the_whole_unit() {
        assert_eq!(p("2022-11").last_day(), d("2022-11-30"));
        assert_eq!(p("2024-02").last_day(), d("2024-02-29"));
        assert_eq!(p("2025").first_day(), d("2025-01-01"));
        assert_eq!(p("2025").last_day(), d("2025-12-31"));
    }

    #[test]
    fn impossible_dates_are_rejected_with_a_reason() {
        assert!("2022-02-30".parse::<PartialDate>().unwrap_err().0.contains("not a day"));
        assert!("2022-13".parse::<PartialDate>().unwrap_err().0.contains("no month 13"));
        assert!("22-11-09".parse::<PartialDate>().is_err());
        assert!("2022/11/09".parse::<PartialDate>().is_err());
        assert!("2022-1-9".parse::<PartialDate>().is_err());
        assert!("".parse::<PartialDate>().is_err());
    }

    #[test]
    fn a_month_overlaps_a_period_ending_inside_it() {
        let period = Period::between(p("2022-01-01"), p("2022-11-15"));
        let nov = p("2022-11");
        assert!(period.overlaps(nov.first_day(), nov.last_day()));
    }

    #[test]
    fn a_year_after_the_period_does_not_overlap() {
        let period = Period::between(p("2024"), p("2024"));
        let y = p("2025");
        assert!(!period.overlaps(y.first_day(), y.last_day()));
        let day = p("2024-12-31");
        assert!(period.overlaps(day.first_day(), day.last_day()));
    }

    #[test]
    fn spans_that_straddle_the_edge_overlap() {
        let period = Period::between(p("2022-12-01"), p("2022-12-31"));
        assert!(period.overlaps(d("2022-11-29"), d("2022-12-02")));
        assert!(!period.overlaps(d("2022-11-01"), d("2022-11-30")));
    }

    #[test]
    fn relative_periods_resolve_against_the_as_of_date() {
        let as_of = d("2022-10-01");
        let month = RelativePeriod::PreviousMonth.resolve(as_of);
        assert_eq!((month.from, month.to), (d("2022-09-01"), d("2022-09-30")));
        assert!(month.is_whole_month());
        let quarter = RelativePeriod::PreviousQuarter.resolve(d("2022-11-15"));
        assert_eq!((quarter.from, quarter.to), (d("2022-07-01"), d("2022-09-30")));
        assert!(quarter.is_whole_quarter());
        let year = RelativePeriod::PreviousYear.resolve(d("2023-01-01"));
        assert_eq!((year.from, year.to), (d("2022-01-01"), d("2022-12-31")));
        assert!(year.is_whole_year());
        let ytd = RelativePeriod::YearToDate.resolve(d("2024-03-05"));
        assert_eq!((ytd.from, ytd.to), (d("2024-01-01"), d("2024-03-05")));
        let last12 = RelativePeriod::Last12Months.resolve(d("2024-03-05"));
        assert_eq!((last12.from, last12.to), (d("2023-03-06"), d("2024-03-05")));
    }

    #[test]
    fn january_wraps_to_the_previous_year() {
        let month = RelativePeriod::PreviousMonth.resolve(d("2023-01-20"));
        assert_eq!((month.from, month.to), (d("2022-12-01"), d("2022-12-31")));
        let quarter = RelativePeriod::PreviousQuarter.resolve(d("2023-02-01"));
        assert_eq!((quarter.from, quarter.to), (d("2022-10-01"), d("2022-12-31")));
    }
}
