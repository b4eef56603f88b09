//! Digits of pi, computed (not pasted) for the simulated `perl -Mbignum=bpi -wle 'print bpi(2000)'`.
//!
//! Machin's formula `pi = 16 atan(1/5) - 4 atan(1/239)` over a small fixed-point bignum with base
//! 10^9 limbs. `bpi(N)` in Math::BigFloat returns pi rounded to N significant digits, so `bpi(2000)`
//! prints `3.` followed by 1999 decimals; [`bpi`] reproduces that, rounding half up on the guard
//! digits (pi has no exact ties at these lengths).

const BASE: u64 = 1_000_000_000;
/// The most digits [`bpi`] computes; larger requests are clamped to keep the work bounded.
pub const MAX_DIGITS: usize = 20_000;

fn div_small(a: &mut [u64], d: u64) {
    let mut rem = 0u64;
    for limb in a.iter_mut() {
        let cur = rem * BASE + *limb;
        *limb = cur / d;
        rem = cur % d;
    }
}

fn add_assign(a: &mut [u64], b: &[u64]) {
    let mut carry = 0u64;
    for (x, y) in a.iter_mut().zip(b).rev() {
        let s = *x + *y + carry;
        *x = s % BASE;
        carry = s / BASE;
    }
}

fn sub_assign(a: &mut [u64], b: &[u64]) {
    let mut borrow = 0u64;
    for (x, y) in a.iter_mut().zip(b).rev() {
        let sub = *y + borrow;
        if *x >= sub {
            *x -= sub;
            borrow = 0;
        } else {
            *x = *x + BASE - sub;
            borrow = 1;
        }
    }
}

fn mul_small(a: &mut [u64], m: u64) {
    let mut carry = 0u64;
    for x in a.iter_mut().rev() {
        let p = *x * m + carry;
        *x = p % BASE;
        carry = p / BASE;
    }
}

/// `atan(1/x)` in fixed point with `limbs` limbs (limb 0 is the integer part).
fn atan_inv(x: u64, limbs: usize) -> Vec<u64> {
    let mut sum = vec![0u64; limbs];
    let mut term = vec![0u64; limbs];
    if let Some(first) = term.first_mut() {
        *first = 1;
    }
    div_small(&mut term, x);
    let x2 = x * x;
    let mut k = 0u64;
    // Each step divides the term by x^2 >= 25, so it reaches zero within about limbs*9/1.4 steps.
    while term.iter().any(|&l| l != 0) && k < 1_000_000 {
        let mut t = term.clone();
        div_small(&mut t, 2 * k + 1);
        if k % 2 == 0 {
            add_assign(&mut sum, &t);
        } else {
            sub_assign(&mut sum, &t);
        }
        div_small(&mut term, x2);
        k += 1;
    }
    sum
}

/// The decimal digits of pi (`"31415926…"`), `count` of them, truncated (not rounded).
pub fn pi_digits(count: usize) -> String {
    let count = count.min(MAX_DIGITS + 10);
    let limbs = count / 9 + 4;
    let mut pi = atan_inv(5, limbs);
    mul_small(&mut pi, 4);
    let b = atan_inv(239, limbs);
    sub_assign(&mut pi, &b);
    mul_small(&mut pi, 4);
    let mut s = String::with_capacity(limbs * 9);
    for (i, limb) in pi.iter().enumerate() {
        if i == 0 {
            s.push_str(&limb.to_string());
        } else {
            s.push_str(&format!("{limb:09}"));
        }
    }
    s.chars().take(count).collect()
}

/// What Perl's `bpi(n)` prints: pi rounded to `n` significant digits (`bpi(3)` is `3.14`).
pub fn bpi(n: usize) -> String {
    let n = n.clamp(1, MAX_DIGITS);
    let raw: Vec<u8> = pi_digits(n + 8)
        .bytes()
        .map(|b| b.saturating_sub(b'0'))
        .collect();
    let mut digits: Vec<u8> = raw.iter().take(n).copied().collect();
    if raw.get(n).is_some_and(|&d| d >= 5) {
        for d in digits.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                break;
            }
        }
    }
    let mut out = String::with_capacity(n + 1);
    for (i, d) in digits.iter().enumerate() {
        if i == 1 {
            out.push('.');
        }
        out.push(char::from(b'0' + d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_prefixes_and_lengths() {
        assert_eq!(bpi(1), "3");
        assert_eq!(bpi(3), "3.14");
        assert_eq!(bpi(5), "3.1416");
        let p = bpi(2000);
        assert_eq!(p.len(), 2001);
        assert!(p.starts_with("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196"));
        // Digits 762-767 after the point are the Feynman point 999999.
        assert_eq!(p.get(763..769), Some("999999"));
    }
}
#[cfg(test)]
mod cross_check {
    #[test]
    fn matches_bc_far_out() {
        // `echo "scale=2010; 4*a(1)" | bc -l`, characters 1981..=2010 of the output.
        let d = super::pi_digits(2009);
        assert_eq!(d.get(1980..), Some("59958133904780275900994657640"));
    }
}
