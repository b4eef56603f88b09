//! A schedule in one plain sentence ("At 03:00 every day, Europe/Berlin time"), and warnings for
//! schedules that do something other than what they seem to say. The sentence is read off the
//! parsed bit sets, so it says what robfig's `Next` does; the daylight-saving warnings are found
//! by running `Next` itself across the zone's clock changes.

use super::next::{day_matches, has};
use super::{load_location, parse_standard, CronError, Schedule, SpecFields, Zone};

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What kind of surprise a [`CronWarning`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CronWarningKind {
    /// Day of month and day of week are both restricted, so either one matching runs it.
    DayFieldsOr,
    /// The minute field is `*`: a run every minute of each matching hour.
    EveryMinute,
    /// A run time falls in an hour the zone skips when clocks go forward.
    DstGap,
    /// A run time falls in an hour the zone repeats when clocks go back.
    DstRepeat,
    /// `TZ=` or `CRON_TZ=` in the schedule, which the API server rejects on create.
    TzInSchedule,
    /// No run within the five years robfig's `Next` searches.
    NeverRuns,
}

/// A warning about a schedule: its kind and a sentence for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronWarning {
    /// What it is about.
    pub kind: CronWarningKind,
    /// The sentence shown.
    pub message: String,
}

/// A schedule explained: the sentence, the warnings, and the parsed schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Description {
    /// One sentence, without a final period: `At 09:30 on Monday through Friday`.
    pub sentence: String,
    /// Surprises worth a warning, most important first.
    pub warnings: Vec<CronWarning>,
    /// The schedule as parsed.
    pub schedule: Schedule,
    /// The zone the schedule runs in: the `TZ=` prefix's, the `timeZone`'s, or UTC (the
    /// controller's zone in Joblab's cluster).
    pub zone: Zone,
}

impl Description {
    /// The next `count` run times after `from_unix_seconds`, as the controller computes them for
    /// this schedule in [`Description::zone`].
    pub fn next_runs(&self, from_unix_seconds: i64, count: usize) -> Vec<i64> {
        self.schedule.next_n(from_unix_seconds, &self.zone, count)
    }
}

/// Explains a CronJob's `schedule` and `timeZone`. `from_unix_seconds` is the instant the
/// daylight-saving warnings look ahead from (a year of the zone's clock changes); the core reads
/// no clock, so the caller says what "now" is. An unparseable schedule is robfig's error; an
/// unknown zone is described as UTC, as the schedule alone (the API server rejects it anyway).
pub fn describe(
    schedule_text: &str,
    time_zone: Option<&str>,
    from_unix_seconds: i64,
) -> Result<Description, CronError> {
    let schedule = parse_standard(schedule_text)?;
    let tz_zone = time_zone.and_then(|tz| load_location(tz).ok().flatten());
    let zone = schedule
        .location()
        .cloned()
        .or(tz_zone)
        .unwrap_or_else(Zone::utc);
    let zone_named = schedule.location().is_some() || time_zone.is_some_and(|tz| !tz.is_empty());
    let mut sentence = match (schedule.fields(), schedule.every_seconds()) {
        (Some(f), _) => fields_sentence(f),
        (None, Some(seconds)) => format!(
            "Every {}, counted from the previous scheduled time rather than the clock",
            duration_words(seconds)
        ),
        (None, None) => String::new(),
    };
    if zone_named {
        sentence.push_str(&format!(", {} time", zone.name()));
    }
    let mut warnings = Vec::new();
    if schedule_text.contains("TZ") {
        warnings.push(CronWarning {
            kind: CronWarningKind::TzInSchedule,
            message: "TZ or CRON_TZ in the schedule: the API server rejects it on create (\"cannot use TZ or CRON_TZ in schedule, use timeZone field instead\"); set spec.timeZone".to_string(),
        });
    }
    if let Some(f) = schedule.fields() {
        day_rule_warning(f, &mut warnings);
        if SpecFields::is_star(f.minute) {
            let what = if SpecFields::is_star(f.hour) {
                "every minute, 1440 runs a day".to_string()
            } else {
                format!(
                    "every minute of each matching hour, {} runs a day; write 0 for one run at the start of the hour",
                    60 * SpecFields::values(f.hour).len()
                )
            };
            warnings.push(CronWarning {
                kind: CronWarningKind::EveryMinute,
                message: format!("The minute field is *: it runs {what}"),
            });
        }
        if !SpecFields::is_star(f.hour) {
            dst_warnings(&schedule, f, &zone, from_unix_seconds, &mut warnings);
        }
    }
    if schedule.next(from_unix_seconds, &zone).is_none() {
        warnings.push(CronWarning {
            kind: CronWarningKind::NeverRuns,
            message: "It never runs: no time matches within the five years the controller's cron library searches (a date such as 30 February)".to_string(),
        });
    }
    Ok(Description {
        sentence,
        warnings,
        schedule,
        zone,
    })
}

/// The sentence of a five-field schedule or macro.
fn fields_sentence(f: &SpecFields) -> String {
    let minutes = SpecFields::values(f.minute);
    let hours = SpecFields::values(f.hour);
    let every_day = SpecFields::is_star(f.dom) && SpecFields::is_star(f.dow);
    let days = day_phrase(f);
    let months = month_phrase(f.month);
    let (time, sub_daily) = if !SpecFields::is_star(f.minute)
        && !SpecFields::is_star(f.hour)
        && minutes.len() * hours.len() <= 6
    {
        let times: Vec<String> = hours
            .iter()
            .flat_map(|h| minutes.iter().map(move |m| format!("{h:02}:{m:02}")))
            .collect();
        (format!("At {}", join_and(&times)), false)
    } else {
        (minutes_and_hours(f.minute, f.hour), true)
    };
    let mut out = time;
    match (every_day, sub_daily) {
        (true, false) => out.push_str(" every day"),
        (true, true) => {}
        (false, _) => {
            out.push(' ');
            out.push_str(&days);
        }
    }
    out.push_str(&months);
    out
}

/// The time of day for schedules with more than a handful of run times a day.
fn minutes_and_hours(minute: u64, hour: u64) -> String {
    let minutes = SpecFields::values(minute);
    let hours = SpecFields::values(hour);
    let all_hours = SpecFields::is_star(hour);
    let step = arithmetic_step(&minutes, 59);
    let (minute_part, per_minute) = if SpecFields::is_star(minute) {
        ("Every minute".to_string(), true)
    } else if let (Some(s), Some(0)) = (step, minutes.first()) {
        (format!("Every {s} minutes"), true)
    } else if minutes.len() == 1 {
        (format!("At minute {}", minutes[0]), false)
    } else {
        (
            format!("At minutes {}", list_ranges(&minutes, |m| m.to_string())),
            false,
        )
    };
    if all_hours {
        return if per_minute {
            minute_part
        } else {
            format!("{minute_part} of every hour")
        };
    }
    let ranges = ranges(&hours);
    let hour_part = if ranges.iter().all(|(a, b)| a == b) {
        let listed: Vec<String> = hours.iter().map(|h| format!("{h:02}")).collect();
        if listed.len() == 1 {
            format!("hour {}", listed[0])
        } else {
            format!("hours {}", join_and(&listed))
        }
    } else {
        let spans: Vec<String> = ranges
            .iter()
            .map(|(a, b)| format!("{a:02}:00 through {b:02}:59"))
            .collect();
        format!("the hours from {}", join_and(&spans))
    };
    if per_minute {
        format!("{minute_part} during {hour_part}")
    } else {
        format!("{minute_part} of {hour_part}")
    }
}

/// The step of values that run from the first to the field's end in equal steps of at least 2
/// (`*/15` is 0, 15, 30, 45); `None` otherwise.
fn arithmetic_step(values: &[u32], max: u32) -> Option<u32> {
    let (first, second) = (*values.first()?, *values.get(1)?);
    let step = second - first;
    let regular = values.windows(2).all(|w| w[1] - w[0] == step);
    let last = *values.last()?;
    (step >= 2 && regular && last + step > max).then_some(step)
}

/// The days phrase: weekdays, days of the month, or both (which OR).
fn day_phrase(f: &SpecFields) -> String {
    let dom_star = SpecFields::is_star(f.dom);
    let dow_star = SpecFields::is_star(f.dow);
    let doms = || {
        let values = SpecFields::values(f.dom);
        let word = if values.len() == 1 { "day" } else { "days" };
        format!(
            "{word} {} of the month",
            list_ranges(&values, |d| d.to_string())
        )
    };
    let dows = || {
        list_ranges(&SpecFields::values(f.dow), |d| {
            WEEKDAYS.get(d as usize).unwrap_or(&"?").to_string()
        })
    };
    match (dom_star, dow_star) {
        (true, true) => "every day".to_string(),
        (true, false) => format!("on {}", dows()),
        (false, true) => format!("on {}", doms()),
        // robfig dayMatches: with neither starred, either field matching is enough.
        (false, false) => format!("on {} and on every {}", doms(), dows()),
    }
}

/// ` in January`, ` in March through May`; empty for every month.
fn month_phrase(month: u64) -> String {
    if SpecFields::is_star(month) {
        return String::new();
    }
    let values = SpecFields::values(month);
    if values.len() == 12 {
        return String::new();
    }
    format!(
        " in {}",
        list_ranges(&values, |m| (m as usize)
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i))
            .unwrap_or(&"?")
            .to_string())
    )
}

/// Runs of consecutive values.
fn ranges(values: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &v in values {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => out.push((v, v)),
        }
    }
    out
}

/// Values as a list, runs of three or more as `A through B`.
fn list_ranges(values: &[u32], name: impl Fn(u32) -> String) -> String {
    let mut items = Vec::new();
    for (a, b) in ranges(values) {
        if b >= a + 2 {
            items.push(format!("{} through {}", name(a), name(b)));
        } else {
            items.extend((a..=b).map(&name));
        }
    }
    join_and(&items)
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `1 hour 30 minutes`, `45 seconds`.
fn duration_words(seconds: i64) -> String {
    let unit = |n: i64, word: &str| -> Option<String> {
        (n > 0).then(|| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
    };
    let parts: Vec<String> = [
        unit(seconds / 3600, "hour"),
        unit(seconds % 3600 / 60, "minute"),
        unit(seconds % 60, "second"),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" ")
}

/// The day-of-month / day-of-week OR.
fn day_rule_warning(f: &SpecFields, warnings: &mut Vec<CronWarning>) {
    if SpecFields::is_star(f.dom) || SpecFields::is_star(f.dow) {
        return;
    }
    let doms = list_ranges(&SpecFields::values(f.dom), |d| d.to_string());
    let dows = list_ranges(&SpecFields::values(f.dow), |d| {
        WEEKDAYS.get(d as usize).unwrap_or(&"?").to_string()
    });
    warnings.push(CronWarning {
        kind: CronWarningKind::DayFieldsOr,
        message: format!(
            "Day of month ({doms}) and day of week ({dows}) are both restricted, so it runs when either matches: on those days of the month and on every {dows}, not only when both match; write * in one of them for only the other"
        ),
    });
}

/// Warnings for run times in the zone's skipped or repeated hours within a year of `from`: the
/// first of each, with what the controller's `Next` then does.
fn dst_warnings(
    schedule: &Schedule,
    f: &SpecFields,
    zone: &Zone,
    from: i64,
    warnings: &mut Vec<CronWarning>,
) {
    let (mut gap_done, mut repeat_done) = (false, false);
    for (at, before, after) in zone.offset_changes(from, from + 366 * 86_400) {
        let shift = i64::from(after - before);
        // Wall times the change skips (forward) or repeats (back), as [start, end) local.
        let (start_local, end_local) = if shift > 0 {
            (at + i64::from(before), at + i64::from(after))
        } else {
            (at + i64::from(after), at + i64::from(before))
        };
        let Some(hit) = first_wall_match(f, start_local, end_local) else {
            continue;
        };
        let date = local_date(hit);
        let wall = |t: i64| {
            format!(
                "{:02}:{:02}",
                t.rem_euclid(86_400) / 3600,
                t.rem_euclid(3600) / 60
            )
        };
        let window = format!("{} to {}", wall(start_local), wall(end_local));
        if shift > 0 && !gap_done {
            gap_done = true;
            let next = schedule
                .next(at - 1, zone)
                .and_then(|t| zone.format_rfc3339(t))
                .unwrap_or_else(|| "none".to_string());
            warnings.push(CronWarning {
                kind: CronWarningKind::DstGap,
                message: format!(
                    "{} does not exist in {} on {date}: clocks go forward from {window}; the first run after the change is {next}",
                    wall(hit),
                    zone.name()
                ),
            });
        } else if shift < 0 && !repeat_done {
            repeat_done = true;
            // Every run whose instant lies in either pass of the repeated wall hour.
            let runs: Vec<String> = schedule
                .next_n(at + shift - 1, zone, 64)
                .into_iter()
                .take_while(|&t| t < at - shift)
                .filter_map(|t| zone.format_rfc3339(t))
                .collect();
            warnings.push(CronWarning {
                kind: CronWarningKind::DstRepeat,
                message: format!(
                    "{} happens twice in {} on {date}: clocks go back, repeating {window}, and the controller runs at {}",
                    wall(hit),
                    zone.name(),
                    join_and(&runs)
                ),
            });
        }
        if gap_done && repeat_done {
            break;
        }
    }
}

/// The first whole minute of local wall time in `[start, end)` that the schedule's fields match.
fn first_wall_match(f: &SpecFields, start: i64, end: i64) -> Option<i64> {
    let mut t = start - start.rem_euclid(60);
    if t < start {
        t += 60;
    }
    while t < end {
        let days = t.div_euclid(86_400);
        let (_, month, day) = crate::civil::civil_from_days(days);
        let weekday = (days + 4).rem_euclid(7) as u32;
        let hour = (t.rem_euclid(86_400) / 3600) as u32;
        let minute = (t.rem_euclid(3600) / 60) as u32;
        if has(f.month, month)
            && day_matches(f, day, weekday)
            && has(f.hour, hour)
            && has(f.minute, minute)
        {
            return Some(t);
        }
        t += 60;
    }
    None
}

/// `2025-03-30` of a local wall time.
fn local_date(local: i64) -> String {
    let (y, m, d) = crate::civil::civil_from_days(local.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}
