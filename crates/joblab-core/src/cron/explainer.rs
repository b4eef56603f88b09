//! The schedule explainer's answer, as the guide's explainer view and `joblab schedule` give it:
//! the API server's verdict on a `schedule` and `timeZone` (its words, and where in the schedule
//! a parse error is), the plain sentence and warnings of [`super::describe`], and the next runs in
//! the zone and in UTC.

use super::{describe, time_zone_errors, CronWarning};
use crate::civil::format_rfc3339;
use crate::diag::Span;
use crate::validate::quote::go_quote;

/// A reason the API server would reject the schedule or zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainError {
    /// `spec.schedule` or `spec.timeZone`.
    pub field: &'static str,
    /// The server's message after the field, e.g. `Invalid value: "0 25 * * *": end of range
    /// (25) above maximum (23): 25`.
    pub message: String,
    /// The bytes of the schedule a parse error is about.
    pub span: Option<Span>,
}

/// One run time, in the schedule's zone and in UTC (RFC 3339).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// In the zone, with its offset (`2025-03-31T02:30:00+02:00`).
    pub zoned: String,
    /// In UTC (`2025-03-31T00:30:00Z`).
    pub utc: String,
}

/// What the explainer shows for a schedule and zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Why the API server would reject them; empty when it accepts them.
    pub errors: Vec<ExplainError>,
    /// The plain sentence, when the schedule parses.
    pub sentence: Option<String>,
    /// Surprises worth a warning.
    pub warnings: Vec<CronWarning>,
    /// The zone the runs are in (`UTC` without one).
    pub zone: String,
    /// The next runs after `from`.
    pub runs: Vec<Run>,
    /// Fewer runs than asked for: robfig's `Next` found none within five years.
    pub runs_end: bool,
}

/// Explains `schedule` in `time_zone` (`None` or empty text: no `timeZone`), listing `count` runs
/// after `from_unix_seconds` (the caller's "now"; the core reads no clock).
pub fn explain(
    schedule: &str,
    time_zone: Option<&str>,
    from_unix_seconds: i64,
    count: usize,
) -> Explanation {
    let mut out = Explanation {
        errors: Vec::new(),
        sentence: None,
        warnings: Vec::new(),
        zone: "UTC".to_owned(),
        runs: Vec::new(),
        runs_end: false,
    };
    if let Some(tz) = time_zone {
        for message in time_zone_errors(tz) {
            out.errors.push(ExplainError {
                field: "spec.timeZone",
                message: format!("Invalid value: {}: {message}", go_quote(tz)),
                span: None,
            });
        }
    }
    // validateCronJobSpec: an empty schedule is Required, not a parse error.
    if schedule.is_empty() {
        out.errors.push(ExplainError {
            field: "spec.schedule",
            message: "Required value".to_owned(),
            span: None,
        });
        return out;
    }
    match describe(schedule, time_zone, from_unix_seconds) {
        Ok(d) => {
            if !out.errors.is_empty() {
                return out;
            }
            let runs = d.next_runs(from_unix_seconds, count);
            out.runs_end = runs.len() < count;
            out.runs = runs
                .iter()
                .map(|&t| Run {
                    zoned: d.zone.format_rfc3339(t).unwrap_or_default(),
                    utc: format_rfc3339(t),
                })
                .collect();
            out.zone = d.zone.name().to_owned();
            out.sentence = Some(d.sentence);
            out.warnings = d.warnings;
        }
        Err(e) => out.errors.push(ExplainError {
            field: "spec.schedule",
            message: format!("Invalid value: {}: {}", go_quote(schedule), e.message),
            span: Some(e.span),
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-03-28T00:00:00Z, before Europe/Berlin's spring change.
    const FROM: i64 = 1_743_120_000;

    #[test]
    fn explains_a_zoned_schedule_with_its_daylight_saving_surprises() {
        let e = explain("30 2 * * *", Some("Europe/Berlin"), FROM, 3);
        assert!(e.errors.is_empty());
        assert_eq!(
            e.sentence.as_deref(),
            Some("At 02:30 every day, Europe/Berlin time")
        );
        assert!(e.warnings.iter().any(|w| w
            .message
            .starts_with("02:30 does not exist in Europe/Berlin on 2025-03-30")));
        assert_eq!(e.zone, "Europe/Berlin");
        let runs: Vec<(&str, &str)> = e
            .runs
            .iter()
            .map(|r| (r.zoned.as_str(), r.utc.as_str()))
            .collect();
        assert_eq!(
            runs,
            [
                ("2025-03-28T02:30:00+01:00", "2025-03-28T01:30:00Z"),
                ("2025-03-29T02:30:00+01:00", "2025-03-29T01:30:00Z"),
                ("2025-03-31T02:30:00+02:00", "2025-03-31T00:30:00Z"),
            ]
        );
        assert!(!e.runs_end);
    }

    /// A schedule, a zone, the first error and its span.
    type ErrorCase<'a> = (&'a str, Option<&'a str>, &'a str, Option<(usize, usize)>);

    #[test]
    fn input_problems_are_messages_with_where() {
        let table: &[ErrorCase<'_>] = &[
            ("", None, "spec.schedule: Required value", None),
            (
                "0 25 * * *",
                None,
                "spec.schedule: Invalid value: \"0 25 * * *\": end of range (25) above maximum (23): 25",
                Some((2, 4)),
            ),
            (
                "0 3 * *",
                None,
                "spec.schedule: Invalid value: \"0 3 * *\": expected exactly 5 fields, found 4: [0 3 * *]",
                Some((0, 7)),
            ),
            (
                "0 3 * * *",
                Some("Mars/Olympus"),
                "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
                None,
            ),
        ];
        for (schedule, tz, want, span) in table {
            let e = explain(schedule, *tz, FROM, 5);
            let first = e
                .errors
                .first()
                .map(|x| format!("{}: {}", x.field, x.message));
            assert_eq!(first.as_deref(), Some(*want), "{schedule}");
            assert_eq!(
                e.errors
                    .first()
                    .and_then(|x| x.span)
                    .map(|s| (s.start, s.end)),
                *span,
                "{schedule}"
            );
            assert!(e.runs.is_empty() && e.sentence.is_none(), "{schedule}");
        }
    }

    #[test]
    fn a_date_that_never_comes_ends_the_list() {
        let e = explain("0 0 30 2 *", None, FROM, 5);
        assert!(e.errors.is_empty());
        assert!(e.runs.is_empty() && e.runs_end);
    }
}
