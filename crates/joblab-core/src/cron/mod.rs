//! The cron engine of the CronJob controller: robfig/cron v3.0.1's standard parser and its
//! `Next`, in the IANA time zones Go's `time` package loads.
//!
//! - [`parse_standard`] parses a schedule exactly as `cron.ParseStandard` does (the API server's
//!   validation and the controller both call it): five fields, ranges, steps, month and weekday
//!   names, `*` and `?`, the `@hourly`-style macros, `@every DURATION`, and a `TZ=` or
//!   `CRON_TZ=` prefix. An error carries robfig's own message, which the API server embeds in its
//!   validation error, and the byte span it is about.
//! - [`Schedule::next`] is robfig's `SpecSchedule.Next`: the first matching second after an
//!   instant, computed on the zone's wall clock with Go's rules for skipped and repeated hours,
//!   giving up after five years.
//! - [`zone`], [`load_location`] and [`time_zone_errors`] are Go's `time.LoadLocation` and the
//!   API server's `timeZone` validation.
//! - [`describe`] is the schedule explainer: a plain sentence ("At 03:00 every day, Europe/Berlin
//!   time") and warnings for schedules that surprise, with [`Description::next_runs`] for the
//!   next run times in the schedule's zone.
//!
//! Instants are Unix seconds (the controller's times are whole seconds); nothing here reads a
//! clock. The controller formats a CronJob's schedule with its `timeZone` as `TZ=<zone>
//! <schedule>` before parsing it ([`controller_schedule`]); without one, the schedule runs in the
//! controller's own zone, the zone passed to [`Schedule::next`].

mod describe;
pub mod explainer;
mod goparse;
mod next;
mod parse;
mod zone;

pub use describe::{describe, CronWarning, CronWarningKind, Description};
pub use zone::{
    is_known_zone, load_location, time_zone_errors, tzdb_version, zone, WallClock, Zone,
};

use crate::diag::Span;

/// The bit robfig sets in a field written with `*` or `?` (and no step over 1): it decides the
/// day-of-month / day-of-week rule (robfig spec.go `starBit`).
const STAR_BIT: u64 = 1 << 63;

/// A schedule that does not parse: robfig's error text and where in the schedule it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronError {
    /// The error text as robfig returns it (and as the API server quotes it), for example
    /// `end of range (60) above maximum (59): 0-60`.
    pub message: String,
    /// The bytes of the schedule the error is about (a field, a range, the zone name).
    pub span: Span,
}

impl CronError {
    fn new(message: impl Into<String>, span: Span) -> Self {
        CronError {
            message: message.into(),
            span,
        }
    }
}

impl std::fmt::Display for CronError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A parsed schedule (robfig's `SpecSchedule` or, for `@every`, `ConstantDelaySchedule`).
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    kind: Kind,
    /// The zone of a `TZ=`/`CRON_TZ=` prefix; `None` without one, or for `TZ=Local`, which
    /// robfig treats alike (the zone of the time passed to `Next`).
    location: Option<Zone>,
    tz_prefix: Option<TzPrefix>,
}

/// The `TZ=NAME ` or `CRON_TZ=NAME ` prefix of a schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TzPrefix {
    /// The zone name as written.
    pub name: String,
    /// The prefix's bytes, from `TZ` or `CRON_TZ` to the end of the name.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Spec(SpecFields),
    Every { delay_seconds: i64 },
}

/// The bit sets of a five-field schedule: bit `n` is set when value `n` matches, and bit 63 when
/// the field was `*` or `?` without a step over 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecFields {
    /// Minutes 0 to 59.
    pub minute: u64,
    /// Hours 0 to 23.
    pub hour: u64,
    /// Days of the month 1 to 31.
    pub dom: u64,
    /// Months 1 to 12.
    pub month: u64,
    /// Days of the week 0 (Sunday) to 6.
    pub dow: u64,
}

impl SpecFields {
    /// Whether the field was written as `*` or `?` (robfig's star bit).
    pub fn is_star(bits: u64) -> bool {
        bits & STAR_BIT != 0
    }

    /// The values of a field, in order, without the star bit.
    pub fn values(bits: u64) -> Vec<u32> {
        (0..63).filter(|i| bits & (1u64 << i) != 0).collect()
    }
}

/// Parses a schedule exactly as robfig/cron v3.0.1's `ParseStandard` does, which is what the
/// API server validates a CronJob's `schedule` with and what the controller runs. Never panics:
/// the one input robfig panics on (`TZ=` with no space after the name) gives the message the API
/// server's panic recovery reports.
pub fn parse_standard(spec: &str) -> Result<Schedule, CronError> {
    parse::parse_standard(spec)
}

/// [`parse_standard`] for a schedule without a `TZ=` or `CRON_TZ=` prefix (an error here), in
/// the controller's own zone: the same result for every other schedule, without reaching the
/// time zone database, so the guide's module, which draws CronJobs in UTC, links none of it
/// (scripts/check-split.sh).
pub fn parse_standard_without_zones(spec: &str) -> Result<Schedule, CronError> {
    parse::parse_standard_without_zones(spec)
}

/// The schedule string the CronJob controller parses for a CronJob (k/k
/// pkg/controller/cronjob/cronjob_controllerv2.go `formatSchedule`): the schedule as written if
/// it mentions `TZ` (the controller then warns `UnsupportedSchedule`) or when the `timeZone`
/// does not load, else `TZ=<timeZone> <schedule>`.
pub fn controller_schedule(schedule: &str, time_zone: Option<&str>) -> String {
    match time_zone {
        Some(tz) if !schedule.contains("TZ") && load_location(tz).is_ok() => {
            format!("TZ={tz} {schedule}")
        }
        _ => schedule.to_string(),
    }
}

impl Schedule {
    /// The first run time strictly after `after_unix_seconds`, as robfig's `Next` computes it
    /// with `after` given in `zone` (the controller's zone: UTC in Joblab's cluster). A `TZ=`
    /// prefix overrides `zone`. `None` is robfig's zero time: nothing matches within five years
    /// (`0 0 30 2 *`), or the time is beyond the years -9999 to 9999.
    pub fn next(&self, after_unix_seconds: i64, zone: &Zone) -> Option<i64> {
        match &self.kind {
            Kind::Every { delay_seconds } => after_unix_seconds.checked_add(*delay_seconds),
            Kind::Spec(fields) => next::next(
                fields,
                self.location.as_ref().unwrap_or(zone),
                after_unix_seconds,
            ),
        }
    }

    /// Up to `count` successive run times after `after_unix_seconds` (fewer when robfig's `Next`
    /// gives up).
    pub fn next_n(&self, after_unix_seconds: i64, zone: &Zone, count: usize) -> Vec<i64> {
        let mut out = Vec::with_capacity(count.min(1024));
        let mut at = after_unix_seconds;
        while out.len() < count {
            match self.next(at, zone) {
                Some(t) => {
                    out.push(t);
                    at = t;
                }
                None => break,
            }
        }
        out
    }

    /// The bit sets of a five-field schedule or macro; `None` for `@every`.
    pub fn fields(&self) -> Option<&SpecFields> {
        match &self.kind {
            Kind::Spec(fields) => Some(fields),
            Kind::Every { .. } => None,
        }
    }

    /// The delay of an `@every` schedule, in whole seconds; `None` for the others.
    pub fn every_seconds(&self) -> Option<i64> {
        match self.kind {
            Kind::Every { delay_seconds } => Some(delay_seconds),
            Kind::Spec(_) => None,
        }
    }

    /// The zone of the schedule's `TZ=`/`CRON_TZ=` prefix (`None` without one, or for `Local`).
    pub fn location(&self) -> Option<&Zone> {
        self.location.as_ref()
    }

    /// The schedule's `TZ=`/`CRON_TZ=` prefix, as written.
    pub fn tz_prefix(&self) -> Option<&TzPrefix> {
        self.tz_prefix.as_ref()
    }
}
