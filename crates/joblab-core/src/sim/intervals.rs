//! Sets of completion indexes kept as sorted, merged intervals, and their API string form.
//!
//! The Job status writes `completedIndexes` and `failedIndexes` the way k/k
//! `pkg/controller/job/indexed_job_utils.go` (`orderedIntervals.String`) does: ascending,
//! comma-separated, a run of three or more consecutive indexes as `first-last`, a run of two as
//! `a,b`. Intervals keep 100 000 completions cheap to store and to search for the first pending index.
//!
//! Sets are only built by the controller, never parsed: the interval strings a Job carries
//! (`successPolicy.rules[].succeededIndexes`) go through [`crate::indexes::parse_intervals`], the
//! parser validation uses, so the simulation reads them exactly as the API server accepted them.

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

    /// Drops every index at or above `n` (an elastic Indexed Job scaled down).
    pub fn retain_below(&mut self, n: u32) {
        // The runs are disjoint and ordered, so those reaching `n` are the ones starting at or
        // after it, and at most one before it that holds `n`: no scan of the whole set, which
        // every sync of an Indexed Job calls.
        let dropped = self.runs.split_off(&n);
        self.len -= dropped
            .iter()
            .map(|(&s, &e)| u64::from(e - s + 1))
            .sum::<u64>();
        if let Some((_, end)) = self.runs.iter_mut().next_back().filter(|(_, e)| **e >= n) {
            self.len -= u64::from(*end - n + 1);
            *end = n - 1;
        }
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

    /// How many of the indexes `first..=last` are in the set. Counted run by run, so a wide
    /// interval costs no more than a narrow one.
    pub fn count_within(&self, first: u32, last: u32) -> u64 {
        if first > last {
            return 0;
        }
        // The run that starts before `first` may still reach into the interval.
        let straddling = self
            .runs
            .range(..first)
            .next_back()
            .filter(|(_, &end)| end >= first);
        straddling
            .into_iter()
            .chain(self.runs.range(first..=last))
            .map(|(&s, &e)| u64::from(e.min(last)) - u64::from(s.max(first)) + 1)
            .sum()
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// retain_below keeps exactly the indexes below the bound, and the count with them.
    #[test]
    fn retain_below_drops_the_indexes_at_and_above_the_bound() {
        let indexes = [0, 1, 2, 5, 6, 7, 9, 12, 13];
        for n in [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 13, 14, 100] {
            let mut set = IndexSet::new();
            for &i in &indexes {
                set.insert(i);
            }
            set.retain_below(n);
            let want: Vec<u32> = indexes.iter().copied().filter(|&i| i < n).collect();
            assert_eq!(set.iter().collect::<Vec<_>>(), want, "below {n}");
            assert_eq!(set.len(), want.len() as u64, "count below {n}");
        }
    }

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
        }
    }

    fn set(items: impl IntoIterator<Item = u32>) -> IndexSet {
        let mut s = IndexSet::new();
        for i in items {
            s.insert(i);
        }
        s
    }

    #[test]
    fn next_absent_skips_runs() {
        let s = set([0, 1, 2, 3, 5]);
        assert_eq!(s.next_absent(0), Some(4));
        assert_eq!(s.next_absent(5), Some(6));
        assert_eq!(s.next_absent(9), Some(9));
    }

    #[test]
    fn count_within_counts_the_overlap_with_each_run() {
        let s = set([0, 1, 2, 3, 5, 8, 9, 10]);
        for (first, last) in [
            (0, 10),
            (2, 8),
            (4, 4),
            (3, 5),
            (9, 9),
            (11, 20),
            (6, 7),
            (5, 3),
        ] {
            let want = (first..=last).filter(|&i| s.contains(i)).count() as u64;
            assert_eq!(s.count_within(first, last), want, "{first}-{last}");
        }
        assert_eq!(set([u32::MAX]).count_within(0, u32::MAX), 1);
        assert_eq!(IndexSet::new().count_within(0, u32::MAX), 0);
    }
}
