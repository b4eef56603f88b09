//! Keyboard navigation inside a diagram: its focusable items, the roving tab stop and where each
//! arrow key moves.
//!
//! The whole diagram is one tab stop: exactly one item has `tabindex="0"` (the one last focused,
//! or the first Pod's lane), every other item `-1`. Up and Down move to the previous or next Pod,
//! to the item nearest in time; Left and Right move along one Pod's row: its lane label, then its
//! segments, markers and the backoff gap before it, in time order. Items are named by position
//! ([`Item`]), the same keys the keyed SVG (`super::svg`) renders them by, so this is plain data
//! over the drawing model and tested natively.

use joblab_core::draw::{Drawing, LANE_H, TOP};

/// One focusable item of a drawing, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// The lane of the Pod at this index (its label).
    Lane(usize),
    /// Segment `.1` of the lane at `.0`.
    Segment(usize, usize),
    /// Marker `.1` of the lane at `.0`.
    Marker(usize, usize),
    /// Backoff gap at this index of [`Drawing::gaps`].
    Gap(usize),
}

/// An arrow key's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// ArrowUp: the previous Pod.
    Up,
    /// ArrowDown: the next Pod.
    Down,
    /// ArrowLeft: earlier along the Pod's row.
    Left,
    /// ArrowRight: later along the Pod's row.
    Right,
}

impl Move {
    /// The move of a `KeyboardEvent.key`, if it is an arrow key.
    pub fn of_key(key: &str) -> Option<Move> {
        match key {
            "ArrowUp" => Some(Move::Up),
            "ArrowDown" => Some(Move::Down),
            "ArrowLeft" => Some(Move::Left),
            "ArrowRight" => Some(Move::Right),
            _ => None,
        }
    }
}

/// Where the lane label sits on the time axis, for ordering a row and for the tooltip's anchor:
/// left of every segment.
pub const LANE_X: f64 = 4.0;

impl Item {
    /// The `data-item` attribute value that names the item's element, e.g. `s3.1`.
    pub fn attr(self) -> String {
        match self {
            Item::Lane(i) => format!("l{i}"),
            Item::Segment(i, j) => format!("s{i}.{j}"),
            Item::Marker(i, j) => format!("m{i}.{j}"),
            Item::Gap(k) => format!("g{k}"),
        }
    }

    /// Reads a `data-item` value written by [`Item::attr`].
    pub fn parse(s: &str) -> Option<Item> {
        let (kind, rest) = s.split_at_checked(1)?;
        let pair = || -> Option<(usize, usize)> {
            let (a, b) = rest.split_once('.')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        };
        match kind {
            "l" => rest.parse().ok().map(Item::Lane),
            "s" => pair().map(|(i, j)| Item::Segment(i, j)),
            "m" => pair().map(|(i, j)| Item::Marker(i, j)),
            "g" => rest.parse().ok().map(Item::Gap),
            _ => None,
        }
    }

    /// Whether `d` draws this item.
    pub fn exists_in(self, d: &Drawing) -> bool {
        match self {
            Item::Lane(i) => i < d.lanes.len(),
            Item::Segment(i, j) => d.lanes.get(i).is_some_and(|l| j < l.segments.len()),
            Item::Marker(i, j) => d.lanes.get(i).is_some_and(|l| j < l.markers.len()),
            Item::Gap(k) => k < d.gaps.len(),
        }
    }

    /// The Pod row the item is drawn in, if `d` draws it.
    fn row(self, d: &Drawing) -> Option<usize> {
        if !self.exists_in(d) {
            return None;
        }
        match self {
            Item::Lane(i) | Item::Segment(i, _) | Item::Marker(i, _) => Some(i),
            Item::Gap(k) => Some(gap_row(d, k)),
        }
    }
}

/// The row of gap `k`: it is drawn on the lane of the replacement Pod, at that lane's `y`.
fn gap_row(d: &Drawing, k: usize) -> usize {
    d.gaps
        .get(k)
        .map_or(0, |g| ((g.y - TOP) / LANE_H).round().max(0.0) as usize)
}

/// The items of Pod row `i` with their positions, in the order Left and Right walk them: by
/// position on the time axis, and at one position the lane, segments, markers, then gaps.
fn row_items(d: &Drawing, i: usize) -> Vec<(f64, Item)> {
    let Some(lane) = d.lanes.get(i) else {
        return Vec::new();
    };
    let mut out = vec![(LANE_X, Item::Lane(i))];
    out.extend(
        lane.segments
            .iter()
            .enumerate()
            .map(|(j, s)| (s.x, Item::Segment(i, j))),
    );
    out.extend(
        lane.markers
            .iter()
            .enumerate()
            .map(|(j, m)| (m.x, Item::Marker(i, j))),
    );
    out.extend(
        d.gaps
            .iter()
            .enumerate()
            .filter(|(k, _)| gap_row(d, *k) == i)
            .map(|(k, g)| (g.x, Item::Gap(k))),
    );
    // A stable sort keeps the kind order above among items at the same position.
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Where `mv` takes the focus from `from` in `d`; `None` when it would leave the drawing (the
/// focus then stays) or `from` is not drawn.
pub fn moved(d: &Drawing, from: Item, mv: Move) -> Option<Item> {
    let row = from.row(d)?;
    let items = row_items(d, row);
    let at = items.iter().position(|(_, it)| *it == from)?;
    match mv {
        Move::Left => at.checked_sub(1).map(|p| items[p].1),
        Move::Right => items.get(at + 1).map(|(_, it)| *it),
        Move::Up | Move::Down => {
            let target = if mv == Move::Up {
                row.checked_sub(1)?
            } else {
                row + 1
            };
            let x = items[at].0;
            // The item of the other row nearest in time; the earliest of equally near ones.
            row_items(d, target)
                .into_iter()
                .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
                .map(|(_, it)| it)
        }
    }
}

/// The roving tab stop: `active` if `d` draws it, else the first Pod's lane (which a drawing with
/// no Pods does not draw, so it then has no stop, as it has nothing to focus).
pub fn tab_stop(d: &Drawing, active: Item) -> Item {
    if active.exists_in(d) {
        active
    } else {
        Item::Lane(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use joblab_core::draw::{drawing_in, JobShape, Layout};
    use joblab_core::patterns::{build, Knobs, Preset};
    use joblab_core::sim::{Replay, Simulation};

    /// The drawing of `p` at its end, in the default layout.
    fn end_drawing(p: Preset) -> Drawing {
        let (job, scenario) = build(p, &Knobs::default_for(p));
        let shape = JobShape::of(&job);
        let replay = Replay::record(
            Simulation::new(job, scenario),
            joblab_core::patterns::RUN_LIMIT_MS,
        );
        let end = replay.end();
        drawing_in(&end.snapshot(), end.now(), &shape, Layout::default())
    }

    #[test]
    fn attr_round_trips_and_rejects_junk() {
        for item in [
            Item::Lane(0),
            Item::Lane(12),
            Item::Segment(3, 1),
            Item::Marker(0, 4),
            Item::Gap(7),
        ] {
            assert_eq!(Item::parse(&item.attr()), Some(item), "{item:?}");
        }
        for junk in ["", "l", "x1", "s3", "s3.", "s.1", "l-1", "g1.2", "m1.2.3"] {
            assert_eq!(Item::parse(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn arrow_keys_walk_rows_and_pods() {
        // Failure Handling at its end: three failed Pods, the second and third each after a
        // backoff gap drawn on their own lane.
        let d = end_drawing(Preset::Failure);
        assert_eq!(d.lanes.len(), 3);
        assert_eq!(d.gaps.len(), 2);
        let seg_count = |i: usize| d.lanes[i].segments.len();
        let rows: Vec<Vec<Item>> = (0..3)
            .map(|i| row_items(&d, i).into_iter().map(|(_, it)| it).collect())
            .collect();
        // Each row starts at its lane and holds every segment and marker of its Pod.
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row[0], Item::Lane(i));
            assert_eq!(
                row.iter()
                    .filter(|it| matches!(it, Item::Segment(r, _) if *r == i))
                    .count(),
                seg_count(i)
            );
        }
        // The gaps sit in the rows of the replacement Pods, before their first segment.
        assert!(rows[1].contains(&Item::Gap(0)));
        assert!(rows[2].contains(&Item::Gap(1)));
        assert!(!rows[0].iter().any(|it| matches!(it, Item::Gap(_))));
        let gap_at = rows[1].iter().position(|it| *it == Item::Gap(0)).unwrap();
        let seg_at = rows[1]
            .iter()
            .position(|it| *it == Item::Segment(1, 0))
            .unwrap();
        assert!(gap_at < seg_at, "{:?}", rows[1]);

        let cases: &[(Item, Move, Option<Item>)] = &[
            (Item::Lane(0), Move::Right, Some(rows[0][1])),
            (Item::Lane(0), Move::Left, None),
            (Item::Lane(0), Move::Up, None),
            (Item::Lane(0), Move::Down, Some(Item::Lane(1))),
            (Item::Lane(2), Move::Down, None),
            (Item::Lane(1), Move::Up, Some(Item::Lane(0))),
            (*rows[0].last().unwrap(), Move::Right, None),
            (rows[1][1], Move::Left, Some(Item::Lane(1))),
            // A missing item moves nowhere.
            (Item::Lane(3), Move::Down, None),
            (Item::Segment(0, 99), Move::Right, None),
        ];
        for &(from, mv, want) in cases {
            assert_eq!(moved(&d, from, mv), want, "{from:?} {mv:?}");
        }
        // Right walks the whole row once, in time order, and Left walks it back.
        for row in &rows {
            let mut at = row[0];
            let mut walked = vec![at];
            while let Some(next) = moved(&d, at, Move::Right) {
                walked.push(next);
                at = next;
            }
            assert_eq!(&walked, row);
            let mut back = vec![at];
            while let Some(prev) = moved(&d, at, Move::Left) {
                back.push(prev);
                at = prev;
            }
            back.reverse();
            assert_eq!(&back, row);
        }
        // Down from the first Pod's first segment lands on the second Pod's item nearest in
        // time: the backoff gap that starts where the first Pod failed, or a later segment.
        let first_seg = Item::Segment(0, 0);
        let down = moved(&d, first_seg, Move::Down).unwrap();
        let x0 = d.lanes[0].segments[0].x;
        let nearest = row_items(&d, 1)
            .iter()
            .map(|(x, _)| (x - x0).abs())
            .fold(f64::INFINITY, f64::min);
        let down_x = row_items(&d, 1)
            .into_iter()
            .find(|(_, it)| *it == down)
            .unwrap()
            .0;
        assert_eq!((down_x - x0).abs(), nearest);
    }

    #[test]
    fn the_tab_stop_falls_back_to_the_first_pod() {
        let d = end_drawing(Preset::Failure);
        assert_eq!(tab_stop(&d, Item::Segment(2, 0)), Item::Segment(2, 0));
        assert_eq!(tab_stop(&d, Item::Lane(9)), Item::Lane(0));
        assert_eq!(tab_stop(&d, Item::Gap(5)), Item::Lane(0));
        assert_eq!(tab_stop(&d, Item::Marker(0, 40)), Item::Lane(0));
    }
}
