//! Sets of completion indexes kept as sorted, merged intervals, and their API string form.
//!
//! The Job status writes `completedIndexes` and `failedIndexes` the way k/k
//! `pkg/controller/job/indexed_job_utils.go` (`orderedIntervals.String`) does: ascending,
//! comma-separated, a run of three or more consecutive indexes as `first-last`, a run of two as
//! `a,b`. Intervals keep 100 000 completions cheap to store and to search for the first pending index.

use std::collections::BTreeMap;

use crate::indexes::{format_intervals, Interval};

/// A set of non-negative integers stored as disjoint, non-adjacent closed intervals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexSet {
    /// Interval start -> interval end (inclusive).
    runs: BTreeMap<u32, u32>,
    len: u64,
}

impl IndexSet {
    /// The empty set.
    pub fn new() -> Self {
        IndexSet::default()
    }

    /// How many indexes the set holds.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `i` is in the set.
    pub fn contains(&self, i: u32) -> bool {
        self.runs
            .range(..=i)
            .next_back()
            .is_some_and(|(_, &end)| end >= i)
    }

    /// The end of the interval holding `i`, if any.
    fn run_end(&self, i: u32) -> Option<u32> {
        self.runs
            .range(..=i)
            .next_back()
            .and_then(|(_, &end)| (end >= i).then_some(end))
    }

    /// Adds `i`; returns whether it was new.
    pub fn insert(&mut self, i: u32) -> bool {
        if self.contains(i) {
            return false;
        }
        let mut start = i;
        let mut end = i;
        if let Some(prev_end) = i.checked_sub(1).and_then(|p| self.run_end(p)) {
            if let Some((&s, _)) = self.runs.range(..=prev_end).next_back() {
                start = s;
                self.runs.remove(&s);
            }
            let _ = prev_end;
        }
        if let Some(next) = i.checked_add(1) {
            if let Some(next_end) = self.runs.remove(&next) {
                end = next_end;
            }
        }
        self.runs.insert(start, end);
        self.len += 1;
        true
    }

    /// The indexes in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs.iter().flat_map(|(&s, &e)| s..=e)
    }

    /// The smallest index `>= from` that is not in the set.
    pub fn next_absent(&self, from: u32) -> Option<u32> {
        match self.run_end(from) {
            Some(end) => end.checked_add(1),
            None => Some(from),
        }
    }

    /// The API string form (`0-2,4`), empty for the empty set: the runs written by
    /// [`crate::indexes::format_intervals`], the one formatter of interval strings.
    pub fn to_api_string(&self) -> String {
        let runs: Vec<Interval> = self
            .runs
            .iter()
            .map(|(&first, &last)| Interval {
                // Indexes are below `completions`, an int32, so they always fit.
                first: i32::try_from(first).unwrap_or(i32::MAX),
                last: i32::try_from(last).unwrap_or(i32::MAX),
            })
            .collect();
        format_intervals(&runs)
    }

    /// Parses the API string form (`1,3-5`) as used by `successPolicy.rules[].succeededIndexes`;
    /// `None` when it is malformed (validation reports that; the simulation then ignores the rule).
    pub fn parse(text: &str) -> Option<IndexSet> {
        let mut set = IndexSet::new();
        if text.trim().is_empty() {
            return Some(set);
        }
        for part in text.split(',') {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?),
                None => {
                    let v = part.trim().parse::<u32>().ok()?;
                    (v, v)
                }
            };
            if b < a || u64::from(b - a) > 10_000_000 {
                return None;
            }
            for i in a..=b {
                set.insert(i);
            }
        }
        Some(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_form_follows_ordered_intervals() {
        let cases: &[(&[u32], &str)] = &[
            (&[], ""),
            (&[0, 1], "0,1"),
            (&[0, 1, 2, 4], "0-2,4"),
            (&[1, 3, 4, 5, 7], "1,3-5,7"),
            (&[5, 3, 4, 1, 7], "1,3-5,7"),
        ];
        for (items, want) in cases {
            let mut s = IndexSet::new();
            for &i in *items {
                s.insert(i);
            }
            assert_eq!(s.to_api_string(), *want);
            assert_eq!(s.len(), items.len() as u64);
            assert_eq!(IndexSet::parse(want).as_ref(), Some(&s));
        }
    }

    #[test]
    fn next_absent_skips_runs() {
        let s = IndexSet::parse("0-3,5").unwrap_or_default();
        assert_eq!(s.next_absent(0), Some(4));
        assert_eq!(s.next_absent(5), Some(6));
        assert_eq!(s.next_absent(9), Some(9));
        assert!(IndexSet::parse("3-1").is_none());
    }
}
