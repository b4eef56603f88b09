//! Index interval strings, as in `successPolicy.rules[].succeededIndexes`,
//! `status.completedIndexes` and `status.failedIndexes`.
//!
//! Grammar (k/k `pkg/apis/batch/validation/validation.go`, `validateIndexesFormat` and
//! `parseIndexInterval`): the empty string means "no indexes"; otherwise items separated by `,`,
//! each item either `N` or `A-B` (inclusive, `A < B`), every index below `completions`, and each
//! item starting after the end of the previous one. Formatting follows the Job controller's
//! `orderedIntervals.String` (k/k `pkg/controller/job/indexed_job_utils.go`): a run of three or
//! more indexes is written `first-last`, a run of two `a,b`.

use std::fmt;

use crate::validate::quote::go_quote;

/// A run of consecutive indexes, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// The first index of the run.
    pub first: i32,
    /// The last index of the run (`>= first`).
    pub last: i32,
}

impl Interval {
    /// How many indexes the run holds.
    pub fn len(&self) -> i64 {
        i64::from(self.last) - i64::from(self.first) + 1
    }

    /// Never true: an interval holds at least one index. Present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }
}

/// Why an interval string is malformed; `Display` gives the server's exact reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexesError {
    /// An item has more than one `-`, e.g. `1-2-3`. (A leading `-` as in `-1` is not this: it
    /// splits into `""` and `"1"`, and `""` is [`IndexesError::NotAnInteger`].)
    TooManyParts {
        /// The whole item as written.
        fragment: String,
    },
    /// One end of an item is not a decimal integer.
    NotAnInteger {
        /// The offending part.
        text: String,
    },
    /// An index is not below `completions`.
    TooLarge {
        /// The offending part as written.
        text: String,
    },
    /// `A-B` with `A >= B`, or an item that does not start after the previous item's end.
    NonIncreasing {
        /// The previous index (the start of `A-B`, or the end of the previous item).
        previous: i64,
        /// The index that should have been larger.
        current: i64,
    },
}

impl fmt::Display for IndexesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexesError::TooManyParts { fragment } => write!(
                f,
                "the fragment {} violates the requirement that an index interval can have at most two parts separated by '-'",
                go_quote(fragment)
            ),
            IndexesError::NotAnInteger { text } => {
                write!(f, "cannot convert string to integer for index: {}", go_quote(text))
            }
            IndexesError::TooLarge { text } => write!(f, "too large index: {}", go_quote(text)),
            IndexesError::NonIncreasing { previous, current } => {
                write!(f, "non-increasing order, previous: {previous}, current: {current}")
            }
        }
    }
}

impl std::error::Error for IndexesError {}

/// Go's `strconv.Atoi` for the grammar: optional `+`/`-` sign and decimal digits, fitting 64 bits.
fn atoi(text: &str) -> Option<i64> {
    text.parse::<i64>().ok()
}

/// Parses one item (`N` or `A-B`) against `completions`, like `parseIndexInterval`.
fn parse_item(item: &str, completions: i32) -> Result<Interval, IndexesError> {
    let parts: Vec<&str> = item.split('-').collect();
    if parts.len() > 2 {
        return Err(IndexesError::TooManyParts {
            fragment: item.to_owned(),
        });
    }
    let first_text = parts.first().copied().unwrap_or("");
    let bound = |text: &str| -> Result<i32, IndexesError> {
        let value = atoi(text).ok_or_else(|| IndexesError::NotAnInteger {
            text: text.to_owned(),
        })?;
        if value >= i64::from(completions) {
            return Err(IndexesError::TooLarge {
                text: text.to_owned(),
            });
        }
        // Below completions (an i32) and never negative (a `-` always splits), so it fits;
        // the fallback only guards against a negative `completions` making no sense.
        i32::try_from(value).map_err(|_| IndexesError::TooLarge {
            text: text.to_owned(),
        })
    };
    let first = bound(first_text)?;
    match parts.get(1) {
        None => Ok(Interval { first, last: first }),
        Some(last_text) => {
            let last = bound(last_text)?;
            if first >= last {
                return Err(IndexesError::NonIncreasing {
                    previous: i64::from(first),
                    current: i64::from(last),
                });
            }
            Ok(Interval { first, last })
        }
    }
}

/// Parses an interval string such as `1,3-5,7` for a Job with `completions` completions.
///
/// The empty string is valid and means no indexes. The first problem found is returned, with the
/// reason the API server gives (`error parsing succeededIndexes: <reason>` is the caller's frame).
pub fn parse_intervals(text: &str, completions: i32) -> Result<Vec<Interval>, IndexesError> {
    let mut out: Vec<Interval> = Vec::new();
    if text.is_empty() {
        return Ok(out);
    }
    for item in text.split(',') {
        let interval = parse_item(item, completions)?;
        if let Some(previous) = out.last() {
            if previous.last >= interval.first {
                return Err(IndexesError::NonIncreasing {
                    previous: i64::from(previous.last),
                    current: i64::from(interval.first),
                });
            }
        }
        out.push(interval);
    }
    Ok(out)
}

/// The number of indexes in well-formed, ordered intervals.
pub fn count(intervals: &[Interval]) -> i64 {
    intervals.iter().map(Interval::len).sum()
}

/// Whether `index` is in ordered, non-overlapping `intervals` (binary search).
pub fn contains(intervals: &[Interval], index: i32) -> bool {
    let at = intervals.partition_point(|iv| iv.last < index);
    intervals.get(at).is_some_and(|iv| iv.first <= index)
}

/// Turns any collection of indexes (any order, duplicates allowed) into ordered intervals with
/// adjacent runs merged, the shape the Job controller keeps.
pub fn intervals_from_indexes(indexes: impl IntoIterator<Item = i32>) -> Vec<Interval> {
    let mut sorted: Vec<i32> = indexes.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<Interval> = Vec::new();
    for index in sorted {
        match out.last_mut() {
            Some(last) if i64::from(index) == i64::from(last.last) + 1 => last.last = index,
            _ => out.push(Interval {
                first: index,
                last: index,
            }),
        }
    }
    out
}

/// Formats intervals like the controller's `orderedIntervals.String`: runs of three or more as
/// `first-last`, runs of two as `a,b`, joined by `,`. The intervals are written as given.
pub fn format_intervals(intervals: &[Interval]) -> String {
    let mut out = String::new();
    for iv in intervals {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&iv.first.to_string());
        if iv.last > iv.first {
            // Two indexes read better as a list than as a range (`0,1`, not `0-1`).
            out.push(if i64::from(iv.last) == i64::from(iv.first) + 1 {
                ','
            } else {
                '-'
            });
            out.push_str(&iv.last.to_string());
        }
    }
    out
}

/// Formats a set of indexes, e.g. `{0, 1, 2, 4}` as `0-2,4` and `{0, 1}` as `0,1`.
pub fn format_indexes(indexes: impl IntoIterator<Item = i32>) -> String {
    format_intervals(&intervals_from_indexes(indexes))
}
