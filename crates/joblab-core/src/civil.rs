//! Calendar arithmetic for the few timestamps Joblab reads and writes: RFC 3339 in UTC (what the
//! API writes) and Go's `time.RFC1123Z` (what `kubectl describe` prints). A few lines of Howard
//! Hinnant's `days_from_civil` / `civil_from_days` instead of a date-time crate, whose formatting
//! and error machinery cost tens of kilobytes of WebAssembly.

/// The proleptic-Gregorian date of a day number (days since 1970-01-01): (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are within their small ranges by construction.
    (year, month as u32, day as u32)
}

/// The day number (days since 1970-01-01) of a proleptic-Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11]
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// (year, month, day, hour, minute, second, weekday with 0 = Sunday) of Unix seconds, in UTC.
fn fields(unix_seconds: i64) -> (i64, u32, u32, i64, i64, i64, usize) {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
    (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, weekday)
}

/// `2025-01-01T00:00:00Z`: how the API writes a `Time` (RFC 3339, UTC, whole seconds).
pub fn format_rfc3339(unix_seconds: i64) -> String {
    let (y, mo, d, h, mi, s, _) = fields(unix_seconds);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// RFC 3339 in a zone `offset_seconds` east of UTC (`2025-01-01T01:00:00+01:00`), as Go's
/// `Format(time.RFC3339)` writes a time in that zone; an offset of 0 is written `Z`.
pub fn format_rfc3339_offset(unix_seconds: i64, offset_seconds: i32) -> String {
    if offset_seconds == 0 {
        return format_rfc3339(unix_seconds);
    }
    let local = format_rfc3339(unix_seconds.saturating_add(i64::from(offset_seconds)));
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let abs = offset_seconds.unsigned_abs();
    format!(
        "{}{sign}{:02}:{:02}",
        local.trim_end_matches('Z'),
        abs / 3600,
        abs / 60 % 60
    )
}

/// `Wed, 01 Jan 2025 00:00:00 +0000`: Go's `time.RFC1123Z` in UTC, as `kubectl describe` prints.
pub fn format_rfc1123z(unix_seconds: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, mo, d, h, mi, s, wd) = fields(unix_seconds);
    let month = MONTHS
        .get(usize::try_from(mo).unwrap_or(1).saturating_sub(1))
        .unwrap_or(&"Jan");
    let day = DAYS.get(wd).unwrap_or(&"Sun");
    format!("{day}, {d:02} {month} {y:04} {h:02}:{mi:02}:{s:02} +0000")
}

/// The Unix seconds of an RFC 3339 timestamp (`2025-01-01T00:00:00Z`, `...T01:00:00.5+01:00`;
/// `t`, `z` and a space separator too, as the API server's parser allows), the fraction
/// dropped; `None` when it is not one.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start || i - start > 9 {
                return None;
            }
        }
    }
    let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let max_day = *month_days.get(usize::try_from(month - 1).ok()?)?;
    let day = u32::try_from(day)
        .ok()
        .filter(|d| (1..=max_day).contains(d))?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') => {
            let oh = num(i + 1, 2)?;
            let om = match b.len() - (i + 3) {
                0 => 0,
                3 if b.get(i + 3) == Some(&b':') => num(i + 4, 2)?,
                2 => num(i + 3, 2)?,
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    // A leap second reads as the last second of its minute.
    let second = second.min(59);
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_over_four_centuries() {
        for days in (-146_097..146_097).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn formats_like_the_api_and_kubectl() {
        assert_eq!(format_rfc3339(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(1_735_689_600 + 3723), "2025-01-01T01:02:03Z");
        assert_eq!(
            format_rfc3339_offset(1_735_689_600, 3600),
            "2025-01-01T01:00:00+01:00"
        );
        assert_eq!(
            format_rfc3339_offset(1_735_689_600, -34_200),
            "2024-12-31T14:30:00-09:30"
        );
        assert_eq!(
            format_rfc3339_offset(1_735_689_600, 0),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_rfc1123z(1_735_689_600),
            "Wed, 01 Jan 2025 00:00:00 +0000"
        );
        assert_eq!(
            format_rfc1123z(1_709_210_096),
            "Thu, 29 Feb 2024 12:34:56 +0000"
        );
    }

    #[test]
    fn parses_rfc3339() {
        assert_eq!(parse_rfc3339("2025-01-01T00:00:00Z"), Some(1_735_689_600));
        assert_eq!(
            parse_rfc3339("2025-01-01t01:00:00.25+01:00"),
            Some(1_735_689_600)
        );
        assert_eq!(
            parse_rfc3339("2024-12-31 23:00:00-01:00"),
            Some(1_735_689_600)
        );
        assert_eq!(parse_rfc3339("2025-01-01T00:00Z"), Some(1_735_689_600));
        for bad in [
            "yesterday",
            "2025-13-01T00:00:00Z",
            "2025-02-30T00:00:00Z",
            "2025-01-01",
            "2025-01-01T00:00:00",
            "2025-01-01T00:00:00Zx",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
