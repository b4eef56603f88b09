//! robfig/cron v3.0.1's `ParseStandard` (github.com/robfig/cron/v3 parser.go), which both the
//! API server's validation (k/k pkg/util/parsers `ParseCronScheduleWithPanicRecovery`) and the
//! CronJob controller call. Every rule and message follows that file; where it is surprising the
//! comment says so.

use super::goparse::{atoi, go_lower_for_names, parse_duration_nanos};
use super::zone::load_location;
use super::{CronError, Kind, Schedule, SpecFields, TzPrefix, STAR_BIT};
use crate::diag::Span;

/// A field's bounds and names (robfig spec.go `bounds`).
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// The bits `min..=max` (robfig `getBits` with step 1).
fn bits(min: u64, max: u64) -> u64 {
    (min..=max).fold(0, |acc, i| acc | (1u64 << i))
}

/// Every value of a field, with the star bit (robfig `all`).
fn all(b: &Bounds) -> u64 {
    bits(b.min, b.max) | STAR_BIT
}

/// Parses a schedule as `cron.ParseStandard` does; see [`super::parse_standard`].
pub(super) fn parse_standard(spec: &str) -> Result<Schedule, CronError> {
    let whole = Span::new(0, spec.len());
    if spec.is_empty() {
        return Err(CronError::new("empty spec string", whole));
    }
    let mut location = None;
    let mut tz_prefix = None;
    let mut rest = spec;
    let mut rest_start = 0;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        // parser.go slices `spec[eq+1 : i]` with `i := strings.Index(spec, " ")`: without an
        // ASCII space the slice panics, and the API server's panic recovery reports that.
        let Some(space) = spec.find(' ') else {
            return Err(CronError::new(
                "invalid schedule format: runtime error: slice bounds out of range [:-1]",
                whole,
            ));
        };
        let eq = spec.find('=').unwrap_or(0);
        let name = &spec[eq + 1..space];
        match load_location(name) {
            Ok(zone) => location = zone,
            Err(err) => {
                return Err(CronError::new(
                    format!("provided bad location {name}: {err}"),
                    Span::new(eq + 1, space),
                ))
            }
        }
        tz_prefix = Some(TzPrefix {
            name: name.to_string(),
            span: Span::new(0, space),
        });
        let after = &spec[space..];
        let trimmed = after.trim();
        rest_start = space + (after.len() - after.trim_start().len());
        rest = trimmed;
    }
    Ok(Schedule {
        kind: parse_body(rest, rest_start)?,
        location,
        tz_prefix,
    })
}

/// A descriptor (`@hourly`, `@every 1h`) or the five fields, starting at byte `rest_start` of the
/// whole schedule.
fn parse_body(rest: &str, rest_start: usize) -> Result<Kind, CronError> {
    if rest.starts_with('@') {
        parse_descriptor(rest, Span::new(rest_start, rest_start + rest.len()))
    } else {
        Ok(Kind::Spec(parse_fields(rest, rest_start)?))
    }
}

/// `ParseStandard` for a schedule without a `TZ=`/`CRON_TZ=` prefix, which is refused here: it
/// never calls [`load_location`], so a module that parses only through it links no zone data.
pub(super) fn parse_standard_without_zones(spec: &str) -> Result<Schedule, CronError> {
    let whole = Span::new(0, spec.len());
    if spec.is_empty() {
        return Err(CronError::new("empty spec string", whole));
    }
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        return Err(CronError::new(
            "a TZ= or CRON_TZ= prefix needs the time zone database, which this parser does not load",
            whole,
        ));
    }
    Ok(Schedule {
        kind: parse_body(spec, 0)?,
        location: None,
        tz_prefix: None,
    })
}

/// The five whitespace-separated fields (robfig `normalizeFields` for the standard options, then
/// `getField` on each in order; the first error wins).
fn parse_fields(rest: &str, offset: usize) -> Result<SpecFields, CronError> {
    let mut fields: Vec<(&str, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in rest.char_indices() {
        // `strings.Fields` splits on `unicode.IsSpace`, the same set as `char::is_whitespace`.
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                fields.push((&rest[s..i], offset + s));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        fields.push((&rest[s..], offset + s));
    }
    if fields.len() != 5 {
        let listed: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
        return Err(CronError::new(
            format!(
                "expected exactly 5 fields, found {}: [{}]",
                fields.len(),
                listed.join(" ")
            ),
            Span::new(offset, offset + rest.len()),
        ));
    }
    let field = |i: usize, b: &Bounds| {
        let (text, at) = fields[i];
        get_field(text, at, b)
    };
    Ok(SpecFields {
        minute: field(0, &MINUTES)?,
        hour: field(1, &HOURS)?,
        dom: field(2, &DOM)?,
        month: field(3, &MONTHS)?,
        dow: field(4, &DOW)?,
    })
}

/// A comma-separated list of ranges (robfig `getField`). `strings.FieldsFunc` drops empty
/// parts, so `,5,` is `5` and a field of only commas has no bits at all (it never matches).
fn get_field(field: &str, offset: usize, b: &Bounds) -> Result<u64, CronError> {
    let mut acc = 0;
    let mut at = offset;
    for part in field.split(',') {
        if !part.is_empty() {
            acc |= get_range(part, b)
                .map_err(|m| CronError::new(m, Span::new(at, at + part.len())))?;
        }
        at += part.len() + 1;
    }
    Ok(acc)
}

/// `number | number "-" number [ "/" number ]`, `*` or `?` (robfig `getRange`), with its
/// messages. Two surprises kept from the source: after `*` or `?` anything behind a hyphen is
/// ignored (`*-5` is `*`), and `N/step` runs from N to the field's maximum.
fn get_range(expr: &str, b: &Bounds) -> Result<u64, String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        start = b.min as i64;
        end = b.max as i64;
        extra = STAR_BIT;
    } else {
        start = parse_int_or_name(low_and_high[0], b)?;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], b)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
        extra = 0;
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            if single {
                end = b.max as i64;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    // Go compares these as `uint`; every value is non-negative here (must_parse_int rejects
    // negatives), so signed comparisons agree.
    if start < b.min as i64 {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max as i64 {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    // Within bounds now: 0 <= start <= end <= 59.
    let mut acc = 0u64;
    let mut i = start as u64;
    let step = step as u64;
    while i <= end as u64 {
        acc |= 1 << i;
        i = match i.checked_add(step) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(acc | extra)
}

/// A name (case-insensitive, `strings.ToLower`) or a number (robfig `parseIntOrName`).
fn parse_int_or_name(expr: &str, b: &Bounds) -> Result<i64, String> {
    if !b.names.is_empty() {
        let lower = go_lower_for_names(expr);
        if let Some((_, value)) = b.names.iter().find(|(name, _)| *name == lower) {
            return Ok(*value as i64);
        }
    }
    must_parse_int(expr)
}

/// A non-negative decimal integer (robfig `mustParseInt`).
fn must_parse_int(expr: &str) -> Result<i64, String> {
    let num = atoi(expr).map_err(|err| format!("failed to parse int from {expr}: {err}"))?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    Ok(num)
}

/// `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly` and
/// `@every DURATION` (robfig `parseDescriptor`). The match is exact: `@Daily` or `@daily ` (a
/// trailing space, without a `TZ=` prefix to trim it) is unrecognized.
fn parse_descriptor(descriptor: &str, span: Span) -> Result<Kind, CronError> {
    let at = |minute: u64, hour: u64, dom: u64, month: u64, dow: u64| {
        Ok(Kind::Spec(SpecFields {
            minute,
            hour,
            dom,
            month,
            dow,
        }))
    };
    match descriptor {
        "@yearly" | "@annually" => return at(1, 1, 1 << 1, 1 << 1, all(&DOW)),
        "@monthly" => return at(1, 1, 1 << 1, all(&MONTHS), all(&DOW)),
        "@weekly" => return at(1, 1, all(&DOM), all(&MONTHS), 1),
        "@daily" | "@midnight" => return at(1, 1, all(&DOM), all(&MONTHS), all(&DOW)),
        "@hourly" => return at(1, all(&HOURS), all(&DOM), all(&MONTHS), all(&DOW)),
        _ => {}
    }
    if let Some(duration) = descriptor.strip_prefix("@every ") {
        let nanos = parse_duration_nanos(duration).map_err(|err| {
            CronError::new(
                format!("failed to parse duration {descriptor}: {err}"),
                span,
            )
        })?;
        // robfig constantdelay.go `Every`: under a second becomes a second, and the delay is
        // rounded down to whole seconds.
        let delay_seconds = (nanos / 1_000_000_000).max(1);
        return Ok(Kind::Every { delay_seconds });
    }
    Err(CronError::new(
        format!("unrecognized descriptor: {descriptor}"),
        span,
    ))
}
