//! Resource quantities (`k8s.io/apimachinery/pkg/api/resource/quantity.go`).
//!
//! k8s-openapi keeps a quantity as the string the user wrote, so the server's decode-time parse
//! (`ParseQuantity`) happens here. A parsed quantity is held exactly, in units of 10^-9 (the
//! server rounds finer values up to that precision and caps magnitudes at 2^63-1), which is
//! enough to compare requests with limits and to print the canonical form (`Quantity.String`)
//! the server uses in its messages.

use std::cmp::Ordering;

/// The server's message for text that is not a quantity at all.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// The server's message for an unusable number part.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";
/// The server's message for an unknown suffix (e.g. `K`, `KB`-like letters only).
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

/// How a quantity is written, which decides its canonical form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, ... (powers of 1024).
    BinarySI,
    /// `n`, `u`, `m`, ``, `k`, `M`, `G`, `T`, `P`, `E`.
    DecimalSI,
    /// `e3`, `E-2`, ...
    DecimalExponent,
}

/// A parsed quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The value in units of 10^-9.
    pub nanos: i128,
    /// The notation it was written in.
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;
/// 2^63-1 whole units: the server caps larger magnitudes to this.
const MAX_NANOS: i128 = (i64::MAX as i128) * NANO;

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

/// Splits the text like `parseQuantityString`: sign, integer digits, fraction digits, suffix.
fn split(text: &str) -> Result<(bool, &str, &str, &str), &'static str> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut positive = true;
    match bytes.first() {
        Some(b'-') => {
            positive = false;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    let digits_end = |from: usize| {
        let mut i = from;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let num_end = digits_end(pos);
    let num = text.get(pos..num_end).unwrap_or("");
    pos = num_end;
    let mut denom = "";
    if bytes.get(pos) == Some(&b'.') {
        let denom_end = digits_end(pos + 1);
        denom = text.get(pos + 1..denom_end).unwrap_or("");
        pos = denom_end;
    }
    let suffix_start = pos;
    while bytes.get(pos).is_some_and(|b| b"eEinumkKMGTP".contains(b)) {
        pos += 1;
    }
    if matches!(bytes.get(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    pos = digits_end(pos);
    if pos < bytes.len() {
        return Err(ERR_FORMAT_WRONG);
    }
    Ok((positive, num, denom, text.get(suffix_start..).unwrap_or("")))
}

/// The base-10 or base-2 exponent a suffix stands for.
fn interpret(suffix: &str) -> Option<(Format, i32)> {
    let decimal = |e| Some((Format::DecimalSI, e));
    let binary = |e| Some((Format::BinarySI, e));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E'])?;
            if rest.is_empty() {
                return None;
            }
            rest.parse::<i32>()
                .ok()
                .map(|e| (Format::DecimalExponent, e))
        }
    }
}

/// Parses a quantity like the server's `ParseQuantity`; the error is the server's message.
pub fn parse(text: &str) -> Result<Quantity, &'static str> {
    if text.is_empty() {
        return Err(ERR_FORMAT_WRONG);
    }
    let (positive, num, denom, suffix) = split(text)?;
    let (format, exponent) = interpret(suffix).ok_or(ERR_SUFFIX)?;
    // Exact value = digits * 10^(exp10) * 2^(exp2); computed in nanos, rounding up (away from
    // zero) like the server's rounding to 10^-9.
    let digits: String = format!("{num}{denom}");
    let digits = digits.trim_start_matches('0');
    let (exp10, exp2) = match format {
        Format::BinarySI => (-(denom.len() as i64), i64::from(exponent)),
        _ => (i64::from(exponent) - denom.len() as i64, 0),
    };
    let nanos = if digits.is_empty() {
        0
    } else {
        to_nanos(digits, exp10 + 9, exp2)
    };
    Ok(Quantity {
        nanos: if positive { nanos } else { -nanos },
        format,
    })
}

/// `digits * 10^exp10 * 2^exp2`, rounded up to an integer, capped at the server's maximum.
fn to_nanos(digits: &str, exp10: i64, exp2: i64) -> i128 {
    // Any value with more than 40 significant digits above the point is beyond the cap.
    let int_digits = digits.len() as i64 + exp10;
    if int_digits > 40 || (exp2 > 0 && int_digits + exp2 * 3 / 10 > 40) {
        return MAX_NANOS;
    }
    // Far below one nano: a non-zero value rounds up to the smallest unit (and the loops
    // below stay short whatever exponent the text gives).
    if int_digits < -40 {
        return 1;
    }
    // Keep at most 38 digits of mantissa; anything dropped only forces rounding up.
    let (kept, dropped_nonzero) = if digits.len() > 38 {
        let (head, tail) = digits.split_at(38);
        (head, tail.bytes().any(|b| b != b'0'))
    } else {
        (digits, false)
    };
    let mut exp10 = exp10 + (digits.len() - kept.len()) as i64;
    let mut mantissa: i128 = kept.bytes().fold(0i128, |acc, b| {
        acc.saturating_mul(10).saturating_add(i128::from(b - b'0'))
    });
    let mut inexact = dropped_nonzero;
    let mut exp2 = exp2;
    while exp10 > 0 {
        mantissa = mantissa.saturating_mul(10);
        exp10 -= 1;
    }
    while exp2 > 0 {
        mantissa = mantissa.saturating_mul(2);
        exp2 -= 1;
    }
    while exp10 < 0 {
        inexact |= mantissa % 10 != 0;
        mantissa /= 10;
        exp10 += 1;
    }
    if inexact {
        mantissa = mantissa.saturating_add(1);
    }
    mantissa.min(MAX_NANOS)
}

impl Quantity {
    /// The quantity `SetDefaults_ResourceList` leaves (`RoundUp(-3)`): rounded away from zero to
    /// whole milli-units, the finest a resource list keeps.
    pub fn rounded_up_to_milli(mut self) -> Self {
        let milli: i128 = 1_000_000;
        if self.nanos % milli != 0 {
            self.nanos = self
                .nanos
                .div_euclid(milli)
                .saturating_add(i128::from(self.nanos > 0))
                .saturating_mul(milli);
        }
        self
    }

    /// Whether the value is a whole number (no fraction).
    pub fn is_integer(&self) -> bool {
        self.nanos % NANO == 0
    }

    /// The canonical form the server prints (`Quantity.String`): `1536Mi`, `500m`, `1`, `12e6`.
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_owned();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || !self.is_integer()) {
            // Small or fractional binary values are shown in decimal so nothing is lost.
            format = Format::DecimalSI;
        }
        if format == Format::BinarySI {
            let mut amount = self.nanos / NANO;
            let mut exp = 0;
            while exp < 60 && amount % 1024 == 0 {
                amount /= 1024;
                exp += 10;
            }
            let suffix = match exp {
                10 => "Ki",
                20 => "Mi",
                30 => "Gi",
                40 => "Ti",
                50 => "Pi",
                60 => "Ei",
                _ => "",
            };
            return format!("{amount}{suffix}");
        }
        let mut amount = self.nanos;
        let mut exp: i32 = -9;
        while amount % 10 == 0 {
            amount /= 10;
            exp += 1;
        }
        // Go's % keeps the sign: move down to the multiple of 3 at or below.
        match exp.rem_euclid(3) {
            1 => {
                amount *= 10;
                exp -= 1;
            }
            2 => {
                amount *= 100;
                exp -= 2;
            }
            _ => {}
        }
        if format == Format::DecimalExponent {
            return if exp == 0 {
                amount.to_string()
            } else {
                format!("{amount}e{exp}")
            };
        }
        let suffix = match exp {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => return format!("{amount}e{exp}"),
        };
        format!("{amount}{suffix}")
    }
}
