//! Go's `sort.Sort` (pattern-defeating quicksort, Go 1.19 and later: `src/sort/zsortinterface.go`
//! and `sort.go`), step for step, so that elements the order calls equal end where kubectl puts
//! them. `kubectl describe` sorts an object's events by last timestamp with it
//! (`DescribeEvents`), and it is not stable beyond 12 elements: a CronJob's events, many of them
//! in the same second, come out in the order this gives, not in list order.

/// Sorts `data` as Go's `sort.Sort` does with `Less(i, j) = less(&data[i], &data[j])`.
pub fn go_sort<T>(data: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let n = data.len();
    if n <= 1 {
        return;
    }
    let limit = bits_len(n);
    let mut s = Sorter { data, less: &less };
    s.pdqsort(0, n, limit);
}

/// `bits.Len(uint(n))`: the number of bits needed to represent `n`.
fn bits_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

struct Sorter<'a, T, F: Fn(&T, &T) -> bool> {
    data: &'a mut [T],
    less: &'a F,
}

impl<T, F: Fn(&T, &T) -> bool> Sorter<'_, T, F> {
    fn less(&self, i: usize, j: usize) -> bool {
        match (self.data.get(i), self.data.get(j)) {
            (Some(a), Some(b)) => (self.less)(a, b),
            _ => false,
        }
    }

    fn swap(&mut self, i: usize, j: usize) {
        if i < self.data.len() && j < self.data.len() {
            self.data.swap(i, j);
        }
    }

    fn insertion_sort(&mut self, a: usize, b: usize) {
        for i in a + 1..b {
            let mut j = i;
            while j > a && self.less(j, j - 1) {
                self.swap(j, j - 1);
                j -= 1;
            }
        }
    }

    fn sift_down(&mut self, lo: usize, hi: usize, first: usize) {
        let mut root = lo;
        loop {
            let mut child = 2 * root + 1;
            if child >= hi {
                break;
            }
            if child + 1 < hi && self.less(first + child, first + child + 1) {
                child += 1;
            }
            if !self.less(first + root, first + child) {
                return;
            }
            self.swap(first + root, first + child);
            root = child;
        }
    }

    fn heap_sort(&mut self, a: usize, b: usize) {
        let first = a;
        let hi = b - a;
        for i in (0..=(hi.saturating_sub(1)) / 2).rev() {
            self.sift_down(i, hi, first);
        }
        for i in (0..hi).rev() {
            self.swap(first, first + i);
            self.sift_down(0, i, first);
        }
    }

    fn pdqsort(&mut self, mut a: usize, mut b: usize, mut limit: usize) {
        const MAX_INSERTION: usize = 12;
        let mut was_balanced = true;
        let mut was_partitioned = true;
        loop {
            let length = b - a;
            if length <= MAX_INSERTION {
                self.insertion_sort(a, b);
                return;
            }
            if limit == 0 {
                self.heap_sort(a, b);
                return;
            }
            if !was_balanced {
                self.break_patterns(a, b);
                limit -= 1;
            }
            let (mut pivot, mut hint) = self.choose_pivot(a, b);
            if hint == Hint::Decreasing {
                self.reverse_range(a, b);
                pivot = (b - 1) - (pivot - a);
                hint = Hint::Increasing;
            }
            if was_balanced
                && was_partitioned
                && hint == Hint::Increasing
                && self.partial_insertion_sort(a, b)
            {
                return;
            }
            if a > 0 && !self.less(a - 1, pivot) {
                a = self.partition_equal(a, b, pivot);
                continue;
            }
            let (mid, already) = self.partition(a, b, pivot);
            was_partitioned = already;
            let (left, right) = (mid - a, b - mid);
            let threshold = length / 8;
            if left < right {
                was_balanced = left >= threshold;
                self.pdqsort(a, mid, limit);
                a = mid + 1;
            } else {
                was_balanced = right >= threshold;
                self.pdqsort(mid + 1, b, limit);
                b = mid;
            }
        }
    }

    fn partition(&mut self, a: usize, b: usize, pivot: usize) -> (usize, bool) {
        self.swap(a, pivot);
        // Go's i and j are ints; j may reach a (never below a + 0 here, since i starts at a + 1).
        let (mut i, mut j) = (a + 1, b - 1);
        while i <= j && self.less(i, a) {
            i += 1;
        }
        while i <= j && !self.less(j, a) {
            j -= 1;
        }
        if i > j {
            self.swap(j, a);
            return (j, true);
        }
        self.swap(i, j);
        i += 1;
        j -= 1;
        loop {
            while i <= j && self.less(i, a) {
                i += 1;
            }
            while i <= j && !self.less(j, a) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
        self.swap(j, a);
        (j, false)
    }

    fn partition_equal(&mut self, a: usize, b: usize, pivot: usize) -> usize {
        self.swap(a, pivot);
        let (mut i, mut j) = (a + 1, b - 1);
        loop {
            while i <= j && !self.less(a, i) {
                i += 1;
            }
            while i <= j && self.less(a, j) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
        i
    }

    fn partial_insertion_sort(&mut self, a: usize, b: usize) -> bool {
        const MAX_STEPS: usize = 5;
        const SHORTEST_SHIFTING: usize = 50;
        let mut i = a + 1;
        for _ in 0..MAX_STEPS {
            while i < b && !self.less(i, i - 1) {
                i += 1;
            }
            if i == b {
                return true;
            }
            if b - a < SHORTEST_SHIFTING {
                return false;
            }
            self.swap(i, i - 1);
            if i - a >= 2 {
                let mut j = i - 1;
                while j >= 1 {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                    j -= 1;
                }
            }
            if b - i >= 2 {
                let mut j = i + 1;
                while j < b {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                    j += 1;
                }
            }
        }
        false
    }

    fn break_patterns(&mut self, a: usize, b: usize) {
        let length = b - a;
        if length >= 8 {
            let mut random = length as u64;
            let modulus = 1usize << bits_len(length);
            let mid = a + (length / 4) * 2;
            for idx in mid - 1..=mid + 1 {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let mut other = (random as usize) & (modulus - 1);
                if other >= length {
                    other -= length;
                }
                self.swap(idx, a + other);
            }
        }
    }

    fn choose_pivot(&mut self, a: usize, b: usize) -> (usize, Hint) {
        const SHORTEST_NINTHER: usize = 50;
        const MAX_SWAPS: usize = 4 * 3;
        let l = b - a;
        let mut swaps = 0;
        let mut i = a + l / 4;
        let mut j = a + l / 4 * 2;
        let mut k = a + l / 4 * 3;
        if l >= 8 {
            if l >= SHORTEST_NINTHER {
                i = self.median(i - 1, i, i + 1, &mut swaps);
                j = self.median(j - 1, j, j + 1, &mut swaps);
                k = self.median(k - 1, k, k + 1, &mut swaps);
            }
            j = self.median(i, j, k, &mut swaps);
        }
        match swaps {
            0 => (j, Hint::Increasing),
            MAX_SWAPS => (j, Hint::Decreasing),
            _ => (j, Hint::Unknown),
        }
    }

    fn order2(&self, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
        if self.less(b, a) {
            *swaps += 1;
            (b, a)
        } else {
            (a, b)
        }
    }

    fn median(&self, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
        let (a, b) = self.order2(a, b, swaps);
        let (b, c) = self.order2(b, c, swaps);
        let _ = c;
        let (_, b) = self.order2(a, b, swaps);
        b
    }

    fn reverse_range(&mut self, a: usize, b: usize) {
        let (mut i, mut j) = (a, b - 1);
        while i < j {
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::go_sort;

    /// Sorting by a key that ties: the result is sorted by key, and (for 12 or fewer) in list
    /// order within a key, as insertion sort leaves it.
    #[test]
    fn sorts_and_keeps_small_inputs_stable() {
        for n in [0usize, 1, 2, 5, 12, 13, 40, 51, 200, 1000] {
            let mut v: Vec<(u32, usize)> = (0..n).map(|i| (((i * 7919) % 5) as u32, i)).collect();
            go_sort(&mut v, |a, b| a.0 < b.0);
            assert!(v.windows(2).all(|w| w[0].0 <= w[1].0), "n={n}");
            let mut ids: Vec<usize> = v.iter().map(|x| x.1).collect();
            ids.sort_unstable();
            assert_eq!(ids, (0..n).collect::<Vec<_>>());
            if n <= 12 {
                assert!(v.windows(2).all(|w| w[0].0 < w[1].0 || w[0].1 < w[1].1));
            }
        }
    }

    /// What Go 1.26's `sort.Sort` gives for inputs with ties (`key = i*m % modulus`), read off
    /// `go run` of the same inputs: beyond 12 elements the ties leave their list order, through
    /// the median-of-three, ninther, partial-insertion and equal-partition paths.
    #[test]
    fn matches_go_on_ties() {
        for (n, m, modulus, go) in [
            (13usize, 7usize, 4usize, GO_13.as_slice()),
            (60, 7919, 5, GO_60.as_slice()),
            (300, 31, 3, GO_300.as_slice()),
        ] {
            let mut v: Vec<(usize, usize)> = (0..n).map(|i| ((i * m) % modulus, i)).collect();
            go_sort(&mut v, |a, b| a.0 < b.0);
            let ids: Vec<usize> = v.iter().map(|x| x.1).collect();
            assert_eq!(ids, go.to_vec(), "n={n}");
        }
    }

    const GO_13: [usize; 13] = [12, 4, 8, 0, 7, 11, 3, 6, 10, 2, 5, 9, 1];
    const GO_60: [usize; 60] = [
        15, 55, 50, 45, 40, 5, 35, 30, 0, 25, 10, 20, 29, 24, 14, 49, 59, 34, 39, 19, 4, 54, 44, 9,
        23, 38, 48, 43, 28, 8, 58, 53, 18, 33, 3, 13, 57, 37, 52, 32, 7, 2, 42, 27, 22, 17, 12, 47,
        6, 46, 41, 51, 36, 31, 26, 1, 56, 21, 11, 16,
    ];
    const GO_300: [usize; 300] = [
        102, 297, 294, 3, 291, 288, 6, 285, 282, 9, 279, 276, 12, 273, 270, 15, 267, 264, 18, 261,
        258, 21, 255, 252, 24, 249, 246, 27, 243, 240, 30, 237, 234, 33, 231, 228, 36, 225, 222,
        39, 219, 216, 42, 213, 210, 45, 207, 204, 48, 201, 198, 51, 195, 192, 54, 189, 186, 57,
        183, 180, 60, 177, 174, 63, 171, 168, 66, 165, 162, 69, 159, 156, 72, 153, 0, 75, 150, 147,
        78, 144, 141, 81, 138, 135, 84, 132, 129, 87, 126, 123, 90, 120, 117, 93, 114, 111, 96,
        108, 105, 99, 151, 49, 100, 103, 298, 1, 106, 295, 97, 109, 292, 4, 112, 289, 94, 115, 286,
        7, 118, 283, 91, 121, 280, 10, 124, 277, 88, 127, 274, 13, 130, 271, 85, 133, 268, 16, 136,
        265, 82, 139, 262, 19, 142, 259, 79, 145, 256, 22, 148, 253, 76, 250, 25, 73, 154, 247,
        244, 157, 28, 70, 160, 241, 238, 163, 31, 67, 166, 235, 232, 169, 34, 64, 172, 229, 226,
        175, 37, 61, 178, 223, 220, 181, 40, 58, 184, 217, 214, 187, 43, 55, 190, 211, 208, 193,
        46, 52, 196, 205, 202, 199, 149, 152, 50, 203, 47, 197, 206, 194, 53, 209, 44, 191, 212,
        188, 56, 215, 41, 185, 218, 182, 59, 221, 38, 179, 224, 176, 62, 227, 35, 173, 230, 170,
        65, 233, 32, 167, 236, 164, 68, 239, 29, 161, 242, 158, 71, 245, 26, 155, 248, 200, 74,
        251, 23, 101, 254, 77, 146, 257, 20, 143, 260, 80, 140, 263, 17, 137, 266, 83, 134, 269,
        14, 131, 272, 86, 128, 275, 11, 125, 278, 89, 122, 281, 8, 119, 284, 92, 116, 287, 5, 113,
        290, 95, 110, 293, 2, 107, 296, 98, 104, 299,
    ];
}
