//! robfig/cron v3.0.1's `SpecSchedule.Next` (spec.go), step for step on Go's wall clock
//! arithmetic ([`Zone::date`], [`Zone::add_date`]), so that a skipped or repeated hour gives the
//! controller's answer, not the tidiest one.

use super::zone::Zone;
use super::{SpecFields, STAR_BIT};

/// Whether bit `n` of a field is set.
pub(super) fn has(bits: u64, n: u32) -> bool {
    n < 64 && bits & (1u64 << n) != 0
}

/// robfig `dayMatches`: with `*` (or `?`) in either day field both must match; with both
/// restricted, either one does (`0 0 1 * MON` runs on the 1st and on every Monday).
pub(super) fn day_matches(s: &SpecFields, day: u32, weekday: u32) -> bool {
    let dom_match = has(s.dom, day);
    let dow_match = has(s.dow, weekday);
    if s.dom & STAR_BIT != 0 || s.dow & STAR_BIT != 0 {
        dom_match && dow_match
    } else {
        dom_match || dow_match
    }
}

/// Whether no time can ever match: a field with no value at all (a field of only commas). Go
/// would search five years minute by minute before giving up; the answer is the same.
fn never_matches(s: &SpecFields) -> bool {
    let values = |bits: u64| bits & !STAR_BIT;
    let days = if s.dom & STAR_BIT != 0 || s.dow & STAR_BIT != 0 {
        values(s.dom) != 0 && values(s.dow) != 0
    } else {
        values(s.dom) != 0 || values(s.dow) != 0
    };
    values(s.month) == 0 || !days || values(s.hour) == 0 || values(s.minute) == 0
}

/// The first matching second after `after` in `loc`, or `None` (robfig's zero time).
pub(super) fn next(s: &SpecFields, loc: &Zone, after: i64) -> Option<i64> {
    if never_matches(s) {
        return None;
    }
    // Start at the upcoming second; the times here are whole seconds.
    let mut t = after.checked_add(1)?;
    let mut added = false;
    let year_limit = loc.wall_clock(t)?.year + 5;
    // Each pass of this loop is robfig's `WRAP:` label. Every pass moves `t` forward by at least
    // a day's field or ends, and the year limit ends the search, so it is bounded.
    'wrap: loop {
        let mut w = loc.wall_clock(t)?;
        if w.year > year_limit {
            return None;
        }
        while !has(s.month, w.month) {
            if !added {
                added = true;
                t = loc.date(w.year, i64::from(w.month), 1, 0, 0, 0)?;
            }
            t = loc.add_date(t, 1, 0)?;
            w = loc.wall_clock(t)?;
            if w.month == 1 {
                continue 'wrap;
            }
        }
        while !day_matches(s, w.day, w.weekday) {
            if !added {
                added = true;
                t = loc.date(w.year, i64::from(w.month), i64::from(w.day), 0, 0, 0)?;
            }
            t = loc.add_date(t, 0, 1)?;
            w = loc.wall_clock(t)?;
            // spec.go: where midnight does not exist (a DST change at midnight), move back to
            // the day's first hour, or forward past a 23:00 that a repeat produced.
            if w.hour != 0 {
                if w.hour > 12 {
                    t += i64::from(24 - w.hour) * 3600;
                } else {
                    t -= i64::from(w.hour) * 3600;
                }
                w = loc.wall_clock(t)?;
            }
            if w.day == 1 {
                continue 'wrap;
            }
        }
        while !has(s.hour, w.hour) {
            if !added {
                added = true;
                t = loc.date(
                    w.year,
                    i64::from(w.month),
                    i64::from(w.day),
                    i64::from(w.hour),
                    0,
                    0,
                )?;
            }
            t += 3600;
            w = loc.wall_clock(t)?;
            if w.hour == 0 {
                continue 'wrap;
            }
        }
        while !has(s.minute, w.minute) {
            if !added {
                added = true;
                // `t.Truncate(time.Minute)` works on the absolute time, not the wall clock.
                t -= t.rem_euclid(60);
            }
            t += 60;
            w = loc.wall_clock(t)?;
            if w.minute == 0 {
                continue 'wrap;
            }
        }
        // The standard parser's second field is always 0.
        while w.second != 0 {
            if !added {
                added = true;
            }
            t += 1;
            w = loc.wall_clock(t)?;
            if w.second == 0 {
                continue 'wrap;
            }
        }
        return Some(t);
    }
}
