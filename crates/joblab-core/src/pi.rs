//! Digits of pi.
