//! Keyboard navigation inside a diagram: its focusable items, the roving tab stop and where each
//! arrow key moves.
//!
//! The whole diagram is one tab stop: exactly one item has `tabindex="0"` (the one last focused,
//! or the first row's label), every other item `-1`. Up and Down move to the previous or next
//! row, to the item nearest in time; Left and Right move along one row: its label, then its
//! segments, markers and stretches (backoff gaps, suspended or controller-down bands), in time
//! order. A Job diagram's rows are its Pods; a CronJob diagram's rows are the schedule, the
//! controller, each Job and each Pod. Items are named by position ([`Item`]), the same keys the
//! keyed SVGs (`super::svg`, `super::cronjob`) render them by, so this is plain data over the
//! drawing models ([`Rows`]) and tested natively.

use joblab_core::draw::cronjob::CronDrawing;
use joblab_core::draw::{Drawing, LANE_H, TOP};

/// One focusable item of a drawing, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// The row at this index (its label): a Pod's lane, or a CronJob diagram's row.
    Lane(usize),
    /// Segment `.1` of the lane at `.0`.
    Segment(usize, usize),
    /// Marker `.1` of the lane at `.0`.
    Marker(usize, usize),
    /// Backoff gap at this index of [`Drawing::gaps`].
    Gap(usize),
    /// Suspended or controller-down band at this index of [`CronDrawing::bands`].
    Band(usize),
}

/// An arrow key's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// ArrowUp: the previous row.
    Up,
    /// ArrowDown: the next row.
    Down,
    /// ArrowLeft: earlier along the row.
    Left,
    /// ArrowRight: later along the row.
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
            Item::Band(k) => format!("b{k}"),
        }
    }

    /// The CSS selector of the item's element.
    pub fn selector(self) -> String {
        format!("[data-item=\"{}\"]", self.attr())
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
            "b" => rest.parse().ok().map(Item::Band),
            _ => None,
        }
    }
}

/// A drawing the arrow keys walk: rows of focusable items on one time axis.
pub trait Rows {
    /// The items of row `i` with their positions, in the order Left and Right walk them (empty
    /// when there is no row `i`).
    fn row_items(&self, i: usize) -> Vec<(f64, Item)>;
    /// The row `item` is drawn in, if it is drawn.
    fn row_of(&self, item: Item) -> Option<usize>;
}

/// `items` in the order Left and Right walk them: by position on the time axis, and at one
/// position in the order given (label, segments, markers, stretches).
fn walk_order(mut items: Vec<(f64, Item)>) -> Vec<(f64, Item)> {
    // A stable sort keeps the given order among items at the same position.
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items
}

/// The row drawn at `y`: rows are [`LANE_H`] apart from [`TOP`].
fn row_at(y: f64) -> usize {
    ((y - TOP) / LANE_H).round().max(0.0) as usize
}

/// Row `i` as the arrow keys walk it: its label, then the segments and markers starting at
/// `segments` and `markers` (in the model's order), and the `others` (y, x, item) drawn on it,
/// the gaps of a Job diagram or the bands of a CronJob diagram.
fn row_walk(
    i: usize,
    segments: impl Iterator<Item = f64>,
    markers: impl Iterator<Item = f64>,
    others: impl Iterator<Item = (f64, f64, Item)>,
) -> Vec<(f64, Item)> {
    let mut out = vec![(LANE_X, Item::Lane(i))];
    out.extend(segments.enumerate().map(|(j, x)| (x, Item::Segment(i, j))));
    out.extend(markers.enumerate().map(|(j, x)| (x, Item::Marker(i, j))));
    out.extend(
        others
            .filter(|(y, _, _)| row_at(*y) == i)
            .map(|(_, x, item)| (x, item)),
    );
    walk_order(out)
}

/// The row `item` is drawn in: for a label, segment or marker, its row if `counts` (the row's
/// numbers of segments and markers) says it is drawn; for anything else, the row at the height
/// `other_y` gives.
fn row_holding(
    item: Item,
    counts: impl Fn(usize) -> Option<(usize, usize)>,
    other_y: impl Fn(Item) -> Option<f64>,
) -> Option<usize> {
    match item {
        Item::Lane(i) => counts(i).map(|_| i),
        Item::Segment(i, j) => counts(i).filter(|(s, _)| j < *s).map(|_| i),
        Item::Marker(i, j) => counts(i).filter(|(_, m)| j < *m).map(|_| i),
        other => other_y(other).map(row_at),
    }
}

/// A Job diagram: one row per Pod, its backoff gap drawn on the replacement Pod's lane.
impl Rows for Drawing {
    fn row_items(&self, i: usize) -> Vec<(f64, Item)> {
        let Some(lane) = self.lanes.get(i) else {
            return Vec::new();
        };
        let gaps = self.gaps.iter().enumerate();
        row_walk(
            i,
            lane.segments.iter().map(|s| s.x),
            lane.markers.iter().map(|m| m.x),
            gaps.map(|(k, g)| (g.y, g.x, Item::Gap(k))),
        )
    }

    fn row_of(&self, item: Item) -> Option<usize> {
        row_holding(
            item,
            |i| {
                self.lanes
                    .get(i)
                    .map(|l| (l.segments.len(), l.markers.len()))
            },
            |other| match other {
                Item::Gap(k) => self.gaps.get(k).map(|g| g.y),
                _ => None,
            },
        )
    }
}

/// A CronJob diagram: the schedule row, the controller row (its bands), each Job and each Pod.
impl Rows for CronDrawing {
    fn row_items(&self, i: usize) -> Vec<(f64, Item)> {
        let Some(row) = self.rows.get(i) else {
            return Vec::new();
        };
        let bands = self.bands.iter().enumerate();
        row_walk(
            i,
            row.segments.iter().map(|s| s.x),
            row.markers.iter().map(|m| m.x),
            bands.map(|(k, b)| (b.y, b.x, Item::Band(k))),
        )
    }

    fn row_of(&self, item: Item) -> Option<usize> {
        row_holding(
            item,
            |i| {
                self.rows
                    .get(i)
                    .map(|r| (r.segments.len(), r.markers.len()))
            },
            |other| match other {
                Item::Band(k) => self.bands.get(k).map(|b| b.y),
                _ => None,
            },
        )
    }
}

/// Where `mv` takes the focus from `from` in `d`; `None` when it would leave the drawing (the
/// focus then stays) or `from` is not drawn.
pub fn moved(d: &dyn Rows, from: Item, mv: Move) -> Option<Item> {
    let row = d.row_of(from)?;
    let items = d.row_items(row);
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
            d.row_items(target)
                .into_iter()
                .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
                .map(|(_, it)| it)
        }
    }
}

/// The roving tab stop: `active` if `d` draws it, else the first row's label (which a drawing with
/// no rows does not draw, so it then has no stop, as it has nothing to focus).
pub fn tab_stop(d: &dyn Rows, active: Item) -> Item {
    if d.row_of(active).is_some() {
        active
    } else {
        Item::Lane(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use joblab_core::draw::cronjob::{cron_drawing, RowKind};
    use joblab_core::draw::{drawing_in, JobShape, Layout};
    use joblab_core::patterns::cronjob::{CronKnobs, CronPreset};
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
            Item::Band(2),
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
            .map(|i| d.row_items(i).into_iter().map(|(_, it)| it).collect())
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
        let nearest = d
            .row_items(1)
            .iter()
            .map(|(x, _)| (x - x0).abs())
            .fold(f64::INFINITY, f64::min);
        let down_x = d
            .row_items(1)
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
        assert_eq!(tab_stop(&d, Item::Band(0)), Item::Lane(0));
    }

    /// The CronJob drawing of `p` at the end of its span, in the default layout.
    fn cron_end_drawing(p: CronPreset) -> CronDrawing {
        let r = joblab_core::patterns::cronjob::record(p, &CronKnobs::default_for(p)).unwrap();
        cron_drawing(&r.end().clone(), false, r.span_ms(), Layout::default())
    }

    #[test]
    fn arrow_keys_walk_a_cronjob_drawing() {
        // Missed runs: a suspended stretch and a controller outage on the controller row, Jobs
        // with their Pods under them.
        let d = cron_end_drawing(CronPreset::Missed);
        assert_eq!(d.rows[0].kind, RowKind::Schedule);
        assert_eq!(d.rows[1].kind, RowKind::Controller);
        assert_eq!(d.bands.len(), 2);
        let rows: Vec<Vec<Item>> = (0..d.rows.len())
            .map(|i| d.row_items(i).into_iter().map(|(_, it)| it).collect())
            .collect();
        // The bands are the controller row's items, in time order after its label.
        assert_eq!(rows[1], vec![Item::Lane(1), Item::Band(0), Item::Band(1)]);
        // Every row starts at its label and holds every segment and marker of its row.
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row[0], Item::Lane(i));
            let r = &d.rows[i];
            assert_eq!(
                row.len() - 1,
                r.segments.len() + r.markers.len() + usize::from(i == 1) * 2
            );
        }
        let job = d.rows.iter().position(|r| r.kind == RowKind::Job).unwrap();
        assert_eq!(d.rows[job + 1].kind, RowKind::Pod);
        let last = d.rows.len() - 1;
        let cases: &[(Item, Move, Option<Item>)] = &[
            (Item::Lane(0), Move::Up, None),
            (Item::Lane(0), Move::Down, Some(Item::Lane(1))),
            (Item::Lane(0), Move::Right, Some(rows[0][1])),
            (Item::Lane(1), Move::Right, Some(Item::Band(0))),
            (Item::Band(0), Move::Right, Some(Item::Band(1))),
            (Item::Band(1), Move::Right, None),
            (Item::Band(0), Move::Left, Some(Item::Lane(1))),
            (Item::Lane(1), Move::Down, Some(Item::Lane(2))),
            (Item::Lane(job), Move::Down, Some(Item::Lane(job + 1))),
            (Item::Lane(last), Move::Down, None),
            (Item::Band(2), Move::Right, None),
            (Item::Gap(0), Move::Up, None),
        ];
        for &(from, mv, want) in cases {
            assert_eq!(moved(&d, from, mv), want, "{from:?} {mv:?}");
        }
        // Down from a band lands on the item of the next row nearest in time.
        let band_x = d.bands[1].x;
        let down = moved(&d, Item::Band(1), Move::Down).unwrap();
        let nearest = d
            .row_items(2)
            .iter()
            .map(|(x, _)| (x - band_x).abs())
            .fold(f64::INFINITY, f64::min);
        let down_x = d
            .row_items(2)
            .into_iter()
            .find(|(_, it)| *it == down)
            .unwrap()
            .0;
        assert_eq!((down_x - band_x).abs(), nearest);
        // Right walks each row once and Left walks it back; Down walks every row's label.
        for row in &rows {
            let mut at = row[0];
            let mut walked = vec![at];
            while let Some(next) = moved(&d, at, Move::Right) {
                walked.push(next);
                at = next;
            }
            assert_eq!(&walked, row);
            while let Some(prev) = moved(&d, at, Move::Left) {
                at = prev;
            }
            assert_eq!(at, row[0]);
        }
        let mut at = Item::Lane(0);
        let mut labels = 1;
        while let Some(next) = moved(&d, at, Move::Down) {
            assert_eq!(next, Item::Lane(labels));
            labels += 1;
            at = next;
        }
        assert_eq!(labels, d.rows.len());
        assert_eq!(tab_stop(&d, Item::Band(1)), Item::Band(1));
        assert_eq!(tab_stop(&d, Item::Band(2)), Item::Lane(0));
        assert_eq!(tab_stop(&d, Item::Gap(0)), Item::Lane(0));
    }
}
