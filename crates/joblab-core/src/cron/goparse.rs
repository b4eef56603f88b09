//! The few Go standard library parsers robfig/cron calls, with their exact error text:
//! `strconv.Atoi` (field numbers), `time.ParseDuration` (`@every`) and `strings.ToLower` as it
//! affects month and weekday names.

use crate::validate::quote::go_quote;

/// `strconv.Atoi(s)` on a 64-bit platform (go/src/strconv/atoi.go): an optional sign and decimal
/// digits, or Go's error text (`strconv.Atoi: parsing "x": invalid syntax`, `... value out of
/// range`).
pub(super) fn atoi(s: &str) -> Result<i64, String> {
    let syntax = || format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(s));
    let range = || format!("strconv.Atoi: parsing {}: value out of range", go_quote(s));
    let bytes = s.as_bytes();
    let (negative, digits) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if !bytes.is_empty() && bytes.len() < 19 {
        // Atoi's fast path: short enough that no overflow is possible.
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(syntax());
        }
        let n = digits
            .iter()
            .fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
        return Ok(if negative { -n } else { n });
    }
    // ParseInt then ParseUint: a byte that is no digit is a syntax error and an overflow a range
    // error, whichever comes first, so "99999999999999999999x" is out of range.
    if digits.is_empty() {
        return Err(syntax());
    }
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            // Letters are digits of larger bases; in base 10 they are a syntax error all the same.
            _ => return Err(syntax()),
        };
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(d)))
            .ok_or_else(range)?;
    }
    let cutoff = 1u64 << 63;
    if (!negative && n >= cutoff) || (negative && n > cutoff) {
        return Err(range());
    }
    // Within range by the check above; i64::MIN is the one value whose magnitude is `cutoff`.
    Ok(if negative {
        0i64.wrapping_sub_unsigned(n)
    } else {
        n as i64
    })
}

/// `strings.ToLower(s)` for the purpose of matching ASCII names: ASCII letters fold, and so do
/// the two non-ASCII letters whose Go lower case is ASCII (U+0130 `İ` to `i`, the Kelvin sign to
/// `k`); every other character is kept and can match no name.
pub(super) fn go_lower_for_names(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            '\u{212a}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Go's `time.quote` (go/src/time/format.go), which error messages of the time package use:
/// `"` and `\` escaped, every byte of a non-ASCII or control character as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if !c.is_ascii() || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Go's `time.ParseDuration` (go/src/time/format.go), in nanoseconds, or its error text
/// (`time: invalid duration "x"`, `time: missing unit in duration "1"`, `time: unknown unit "d"
/// in duration "1d"`).
pub(super) fn parse_duration_nanos(orig: &str) -> Result<i64, String> {
    let error = |message: &str| format!("time: {message} {}", time_quote(orig));
    let mut s = orig.as_bytes();
    let mut negative = false;
    if let Some(&c) = s.first() {
        if c == b'-' || c == b'+' {
            negative = c == b'-';
            s = &s[1..];
        }
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(error("invalid duration"));
    }
    let limit = 1u64 << 63;
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(error("invalid duration"));
        }
        // The integer part (leadingInt): overflow past 1<<63 is an invalid duration.
        let mut v: u64 = 0;
        let mut i = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            if v > limit / 10 {
                return Err(error("invalid duration"));
            }
            v = v * 10 + u64::from(s[i] - b'0');
            if v > limit {
                return Err(error("invalid duration"));
            }
            i += 1;
        }
        let pre = i > 0;
        s = &s[i..];
        // The fraction (leadingFraction): stops gaining precision instead of overflowing.
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let mut i = 0;
            let mut overflow = false;
            while i < s.len() && s[i].is_ascii_digit() {
                if !overflow {
                    if f > (limit - 1) / 10 {
                        overflow = true;
                    } else {
                        let y = f * 10 + u64::from(s[i] - b'0');
                        if y > limit {
                            overflow = true;
                        } else {
                            f = y;
                            scale *= 10.0;
                        }
                    }
                }
                i += 1;
            }
            post = i > 0;
            s = &s[i..];
        }
        if !pre && !post {
            return Err(error("invalid duration"));
        }
        let unit_len = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(error("missing unit in duration"));
        }
        // The unit ends at an ASCII byte, so it is whole UTF-8 characters.
        let unit_text = String::from_utf8_lossy(&s[..unit_len]).into_owned();
        s = &s[unit_len..];
        let unit: u64 = match unit_text.as_str() {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(error(&format!(
                    "unknown unit {} in duration",
                    time_quote(&unit_text)
                )))
            }
        };
        if v > limit / unit {
            return Err(error("invalid duration"));
        }
        v *= unit;
        if f > 0 {
            // Go converts the float to uint64 by truncation, as `as` does for values in range.
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > limit {
                return Err(error("invalid duration"));
            }
        }
        total += v;
        if total > limit {
            return Err(error("invalid duration"));
        }
    }
    if negative {
        return Ok(0i64.wrapping_sub_unsigned(total));
    }
    if total > limit - 1 {
        return Err(error("invalid duration"));
    }
    Ok(total as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_matches_go() {
        assert_eq!(atoi("+5"), Ok(5));
        assert_eq!(atoi("-0"), Ok(0));
        assert_eq!(atoi("-12"), Ok(-12));
        assert_eq!(
            atoi(""),
            Err("strconv.Atoi: parsing \"\": invalid syntax".into())
        );
        assert_eq!(
            atoi("1x"),
            Err("strconv.Atoi: parsing \"1x\": invalid syntax".into())
        );
        assert_eq!(
            atoi("99999999999999999999x"),
            Err("strconv.Atoi: parsing \"99999999999999999999x\": value out of range".into())
        );
        assert_eq!(
            atoi("9223372036854775808"),
            Err("strconv.Atoi: parsing \"9223372036854775808\": value out of range".into())
        );
        assert_eq!(atoi("-9223372036854775808"), Ok(i64::MIN));
    }

    #[test]
    fn parse_duration_matches_go() {
        assert_eq!(parse_duration_nanos("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration_nanos("1.5s"), Ok(1_500_000_000));
        assert_eq!(parse_duration_nanos("-1s"), Ok(-1_000_000_000));
        assert_eq!(
            parse_duration_nanos("1.5x"),
            Err("time: unknown unit \"x\" in duration \"1.5x\"".into())
        );
        assert_eq!(
            parse_duration_nanos("1"),
            Err("time: missing unit in duration \"1\"".into())
        );
        assert_eq!(
            parse_duration_nanos(""),
            Err("time: invalid duration \"\"".into())
        );
        assert_eq!(
            parse_duration_nanos("1d"),
            Err("time: unknown unit \"d\" in duration \"1d\"".into())
        );
    }
}
