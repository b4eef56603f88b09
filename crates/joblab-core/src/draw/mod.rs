//! The drawing model of a Job diagram: what the browser's SVG shows for one simulation snapshot.
//!
//! Everything here is plain data in viewBox units, so the layout, the accessible names and the
//! status sentence are tested natively, and the browser only turns the model into elements. The
//! browser draws one viewBox unit per CSS pixel and asks for a [`Layout`] as wide as its box, so
//! the diagram reflows (fewer ticks, shorter lane labels, a time axis that scrolls in its box)
//! instead of scaling its text down. Times are shown as `m:ss` from the Job's creation.

/// The CronJob diagrams' drawing model.
pub mod cronjob;
/// Standalone SVG pictures of drawings.
pub mod export;
mod lanes;

use lanes::{gaps, kubelet_events, lane};

use crate::api::api::batch::v1::Job;
use crate::sim::{
    Event, Millis, Pod, PodPhase, SegmentKind, Snapshot, MAX_POD_FAILURE_BACKOFF_MS,
    POD_FAILURE_BACKOFF_MS,
};

/// Width of the drawing in viewBox units in the default [`Layout`].
pub const VIEW_W: f64 = 800.0;
/// Where the time axis starts (the lane labels sit left of it) in the default [`Layout`].
pub const PLOT_X0: f64 = 180.0;
/// Where the time axis ends in the default [`Layout`].
pub const PLOT_X1: f64 = 780.0;
/// The narrowest drawing: below it the time axis would be too short to read, so a narrower box
/// scrolls the drawing sideways instead of squeezing it.
pub const MIN_VIEW_W: f64 = 420.0;
/// Below this width the lane labels get a narrower column ([`NARROW_LABEL_CHARS`]).
pub const NARROW_BELOW: f64 = 640.0;
/// Space right of the time axis, for the last tick's text.
const PLOT_RIGHT: f64 = 20.0;
/// The least room one tick's `m:ss` text needs, so neighbouring ticks never touch.
const TICK_SPACE: f64 = 64.0;

/// How wide the drawing is and how its width is shared between the lane labels and the time axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Width of the whole drawing.
    pub width: f64,
    /// Where the time axis starts.
    pub plot_x0: f64,
    /// Where the time axis ends.
    pub plot_x1: f64,
    /// Characters of a lane label shown left of the axis.
    pub label_chars: usize,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            width: VIEW_W,
            plot_x0: PLOT_X0,
            plot_x1: PLOT_X1,
            label_chars: LABEL_CHARS,
        }
    }
}

impl Layout {
    /// The layout for a box `available` units (CSS pixels) wide: as wide as the box, but never
    /// narrower than [`MIN_VIEW_W`]; a narrow box gets the short lane labels.
    pub fn for_width(available: f64) -> Layout {
        let width = if available.is_finite() {
            available.floor().max(MIN_VIEW_W)
        } else {
            VIEW_W
        };
        let (label_w, label_chars) = if width < NARROW_BELOW {
            (NARROW_LABEL_W, NARROW_LABEL_CHARS)
        } else {
            (PLOT_X0, LABEL_CHARS)
        };
        Layout {
            width,
            plot_x0: label_w,
            plot_x1: width - PLOT_RIGHT,
            label_chars,
        }
    }

    /// At most how many ticks fit on the axis with room for their text.
    fn max_ticks(self) -> u64 {
        (((self.plot_x1 - self.plot_x0) / TICK_SPACE).floor() as u64).max(2)
    }
}
/// Height of one Pod lane.
pub const LANE_H: f64 = 34.0;
/// Space above the first lane.
pub const TOP: f64 = 8.0;

/// The top of lane `i`: lanes are contiguous rows from [`TOP`] down, one per Pod in creation
/// order, so a lane's place depends on its index alone (the browser's diagram sets it once).
pub fn lane_y(i: usize) -> f64 {
    TOP + i as f64 * LANE_H
}
/// Space below the last lane for the axis.
pub const AXIS_H: f64 = 34.0;

/// The facts of the Job spec the controller panel compares against, with API defaults applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobShape {
    /// `spec.completions`; `None` for a work queue.
    pub completions: Option<u32>,
    /// `spec.parallelism` (default 1).
    pub parallelism: u32,
    /// `spec.backoffLimit` (default 6; unlimited with backoffLimitPerIndex unless set).
    pub backoff_limit: Option<u32>,
    /// `spec.backoffLimitPerIndex`.
    pub backoff_limit_per_index: Option<u32>,
    /// `spec.maxFailedIndexes`.
    pub max_failed_indexes: Option<u32>,
    /// `spec.completionMode: Indexed`.
    pub indexed: bool,
    /// `restartPolicy: OnFailure` (containers restart in place).
    pub on_failure: bool,
}

fn non_negative(v: Option<i32>) -> Option<u32> {
    v.map(|v| u32::try_from(v).unwrap_or(0))
}

impl JobShape {
    /// Reads the shape of `job`, filling the API defaults the simulation also uses.
    pub fn of(job: &Job) -> JobShape {
        let spec = job.spec.clone().unwrap_or_default();
        let per_index = non_negative(spec.backoff_limit_per_index);
        let completions = match (spec.completions, spec.parallelism) {
            (None, None) => Some(1),
            (c, _) => non_negative(c),
        };
        JobShape {
            completions,
            parallelism: non_negative(spec.parallelism).unwrap_or(1),
            // With backoffLimitPerIndex the API defaults backoffLimit to MaxInt32: no Job-wide budget.
            backoff_limit: match (non_negative(spec.backoff_limit), per_index) {
                (Some(b), _) => Some(b),
                (None, Some(_)) => None,
                (None, None) => Some(6),
            },
            backoff_limit_per_index: per_index,
            max_failed_indexes: non_negative(spec.max_failed_indexes),
            indexed: spec.completion_mode.as_deref() == Some("Indexed"),
            on_failure: spec
                .template
                .spec
                .as_ref()
                .and_then(|s| s.restart_policy.as_deref())
                == Some("OnFailure"),
        }
    }
}

/// A time as `m:ss` (whole seconds, rounded down).
pub fn fmt_time(ms: Millis) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// A duration as seconds, e.g. `10s` or `2.5s`.
pub fn fmt_secs(ms: Millis) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        // Tenths of a second, rounded half up, in integers: an f64 formatted with a precision
        // would link the float formatter's exact mode into the guide's module (about 5 KB).
        let tenths = (ms + 50) / 100;
        format!("{}.{}s", tenths / 10, tenths % 10)
    }
}

/// One value of the controller panel: desired against actual.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRow {
    /// Row name, e.g. `Completions`.
    pub name: &'static str,
    /// Value, e.g. `2/6`.
    pub value: String,
}

/// A Job condition present at the snapshot's time.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionView {
    /// `Complete`, `Failed`, ...
    pub type_: String,
    /// `True` or `False`.
    pub status: String,
    /// Reason.
    pub reason: String,
    /// When it was last set, as `m:ss`.
    pub at: String,
    /// Whether it is a terminal condition (Complete or Failed) with status True.
    pub terminal: bool,
}

/// What a lane segment shows (CSS class names in the browser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegClass {
    /// Created, container not started.
    Pending,
    /// A container run.
    Running,
    /// Waiting for the kubelet's restart back-off.
    CrashLoop,
    /// Deleted, still running.
    Terminating,
    /// Finished successfully.
    Succeeded,
    /// Finished with a failure.
    Failed,
}

impl SegClass {
    /// The CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            SegClass::Pending => "seg seg-pending",
            SegClass::Running => "seg seg-running",
            SegClass::CrashLoop => "seg seg-crashloop",
            SegClass::Terminating => "seg seg-terminating",
            SegClass::Succeeded => "seg seg-succeeded",
            SegClass::Failed => "seg seg-failed",
        }
    }

    fn of(kind: SegmentKind) -> SegClass {
        match kind {
            SegmentKind::Pending => SegClass::Pending,
            SegmentKind::Running => SegClass::Running,
            SegmentKind::CrashLoopBackOff => SegClass::CrashLoop,
            SegmentKind::Terminating => SegClass::Terminating,
            SegmentKind::Succeeded => SegClass::Succeeded,
            SegmentKind::Failed => SegClass::Failed,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SegClass::Pending => "Pending",
            SegClass::Running => "Running",
            SegClass::CrashLoop => "CrashLoopBackOff",
            SegClass::Terminating => "Terminating",
            SegClass::Succeeded => "Succeeded",
            SegClass::Failed => "Failed",
        }
    }
}

/// One stretch of a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct SegShape {
    /// What it shows.
    pub class: SegClass,
    /// Left edge.
    pub x: f64,
    /// Width (at least 1 unit so a short stretch stays visible).
    pub w: f64,
    /// Short text drawn inside once the stretch is `text_w_min` wide (`run 2`), or empty.
    pub text: String,
    /// The width from which `text` fits (infinite when there is none). Kept apart from `text`
    /// so that a diagram which draws a still-open stretch wider than the model (revealed up to
    /// the "now" line) can tell when its text appears.
    pub text_w_min: f64,
    /// Whether it is still going at the drawing's time, so that its right edge is the "now"
    /// line (a stretch that ended exactly then is not).
    pub open: bool,
    /// Accessible name and tooltip.
    pub label: String,
}

impl SegShape {
    /// The text drawn inside at the stretch's own width `w`: `text` once it fits, else nothing.
    pub fn shown_text(&self) -> &str {
        self.shown_text_at(self.w)
    }

    /// The text drawn inside when the stretch is drawn `w` wide.
    pub fn shown_text_at(&self, w: f64) -> &str {
        if w >= self.text_w_min {
            &self.text
        } else {
            ""
        }
    }
}

/// What a marker marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A container exited with a code.
    Exit {
        /// The exit code.
        code: i32,
    },
    /// The kubelet restarted the container in place (OnFailure).
    Restart,
    /// The Pod was evicted (DisruptionTarget).
    Evicted,
}

/// A point marker on a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// What it marks.
    pub kind: MarkerKind,
    /// Position on the axis.
    pub x: f64,
    /// Short visible text (`1`, `↻`, `evicted`).
    pub text: String,
    /// Accessible name and tooltip.
    pub label: String,
}

/// One Pod's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// Pod name (a stable key).
    pub name: String,
    /// Visible label: the name, prefixed by `#index` for Indexed Jobs.
    pub text: String,
    /// Top of the lane.
    pub y: f64,
    /// The Pod's phase at the snapshot's time.
    pub phase: PodPhase,
    /// Accessible name and tooltip, starting with `Pod <name>:`.
    pub label: String,
    /// Stretches in time order.
    pub segments: Vec<SegShape>,
    /// Exit, restart and eviction markers.
    pub markers: Vec<Marker>,
    /// The kubelet's events about the Pod so far that a learner should see (image pulls and
    /// their failure, kills, restart back-offs), as one sentence (`Kubelet: Pulling image
    /// "busybox:1.36" at 0:01; ...`); empty when there are none. An accessible description, added
    /// to the lane's accessible name, which stays as it is.
    pub events: String,
}

/// A pod-failure backoff gap: from a failure to the replacement Pod's creation.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// Start (the failure).
    pub x: f64,
    /// Width up to the creation.
    pub w: f64,
    /// Top of the lane of the replacement Pod, where the gap is drawn.
    pub y: f64,
    /// Visible text, e.g. `backoff 10s`.
    pub text: String,
    /// Accessible name and tooltip.
    pub label: String,
}

/// A tick of the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Position.
    pub x: f64,
    /// `m:ss`.
    pub text: String,
}

/// Everything one diagram frame shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// The snapshot's time.
    pub time_ms: Millis,
    /// Position of the "now" line.
    pub now_x: f64,
    /// Height of the drawing (grows with the number of Pods).
    pub height: f64,
    /// Desired against actual.
    pub panel: Vec<PanelRow>,
    /// Conditions present at this time, in the order they were added.
    pub conditions: Vec<ConditionView>,
    /// One lane per Pod, in creation order.
    pub lanes: Vec<Lane>,
    /// Backoff gaps before replacement Pods.
    pub gaps: Vec<Gap>,
    /// Axis ticks.
    pub ticks: Vec<Tick>,
    /// The layout it was drawn in.
    pub layout: Layout,
    /// The status sentence for the live region.
    pub status: String,
}

/// Maps a time to an x position on an axis from 0 to `end_ms`.
#[derive(Clone, Copy, Debug)]
struct Axis {
    end_ms: Millis,
    x0: f64,
    x1: f64,
}

impl Axis {
    /// The axis of a run ending at `end_ms` (at least one second) across `layout`'s plot.
    fn of(layout: &Layout, end_ms: Millis) -> Axis {
        Axis {
            end_ms: end_ms.max(1000),
            x0: layout.plot_x0,
            x1: layout.plot_x1,
        }
    }

    fn x(self, t: Millis) -> f64 {
        let t = t.min(self.end_ms) as f64;
        self.x0 + t / self.end_ms as f64 * (self.x1 - self.x0)
    }
}

/// The x of the "now" line at `t` on the axis of a run ending at `end_ms` in `layout`: the
/// drawing's `now_x` at `t`, for a diagram that moves the line without redrawing the rest.
pub fn now_x(layout: &Layout, end_ms: Millis, t: Millis) -> f64 {
    Axis::of(layout, end_ms).x(t)
}

/// Tick spacing: the smallest "nice" step that gives at most `max` intervals.
fn tick_step(end_ms: Millis, max: u64) -> Millis {
    const NICE: [Millis; 12] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
    NICE.iter()
        .map(|s| s * 1000)
        .find(|step| end_ms.div_ceil(*step) <= max)
        .unwrap_or_else(|| (end_ms / max).max(1000).div_ceil(60_000) * 60_000)
}

/// The status sentence for the live region, e.g.
/// `Failed (BackoffLimitExceeded): 0 succeeded, 3 failed, 0 active`.
pub fn status_sentence(s: &Snapshot) -> String {
    let st = &s.status;
    let head = if let Some(c) = st.condition("Failed") {
        format!("Failed ({})", c.reason)
    } else if let Some(c) = st.condition("Complete") {
        format!("Complete ({})", c.reason)
    } else if let Some(c) = st.condition("FailureTarget") {
        format!("Failing ({})", c.reason)
    } else if let Some(c) = st.condition("SuccessCriteriaMet") {
        format!("Completing ({})", c.reason)
    } else if st.condition("Suspended").is_some() {
        "Suspended".to_string()
    } else if s.pods.is_empty() && st.start_ms.is_none() {
        "Created".to_string()
    } else {
        "Running".to_string()
    };
    let mut out = format!(
        "{head}: {} succeeded, {} failed, {} active",
        st.succeeded, st.failed, st.active
    );
    if st.terminating > 0 {
        out.push_str(&format!(", {} terminating", st.terminating));
    }
    if s.deleted_ms.is_some() {
        out.push_str("; the Job was deleted");
    }
    if let Some(m) = &s.stopped_message {
        out.push_str("; ");
        out.push_str(m);
    }
    out
}

/// Every time something visible happens in a run, sorted and without repeats: the "Step"
/// targets of the player. Pass the final snapshot of the run.
pub fn key_times(s: &Snapshot) -> Vec<Millis> {
    let mut t: Vec<Millis> = s.events.iter().map(|e| e.at_ms).collect();
    for c in &s.status.conditions {
        t.push(c.last_transition_ms);
    }
    for p in &s.pods {
        t.push(p.created_ms);
        for seg in &p.segments {
            t.push(seg.start_ms);
            t.extend(seg.end_ms);
        }
        t.extend(p.deleted_ms);
    }
    t.sort_unstable();
    t.dedup();
    t
}

/// The first key time after `t`, if any.
pub fn next_key_time(times: &[Millis], t: Millis) -> Option<Millis> {
    let i = times.partition_point(|&k| k <= t);
    times.get(i).copied()
}

/// Characters of a lane's visible label that fit left of the axis; the full name is in the
/// accessible name and tooltip.
const LABEL_CHARS: usize = 22;
/// The same in a narrow drawing, in a column [`NARROW_LABEL_W`] wide.
pub const NARROW_LABEL_CHARS: usize = 12;
/// Where the time axis starts in a narrow drawing.
const NARROW_LABEL_W: f64 = 112.0;

fn panel(s: &Snapshot, shape: &JobShape) -> Vec<PanelRow> {
    let st = &s.status;
    let mut rows = Vec::with_capacity(5);
    rows.push(PanelRow {
        name: "Completions",
        value: match shape.completions {
            Some(c) => format!("{}/{c}", st.succeeded),
            // kubectl shows a work queue's completions as "n/1 of p".
            None => format!("{}/1 of {}", st.succeeded, shape.parallelism),
        },
    });
    rows.push(PanelRow {
        name: "Active",
        value: format!("{} of parallelism {}", st.active, shape.parallelism),
    });
    // Under OnFailure the failed runs are container restarts inside Pods, and the controller
    // counts them against backoffLimit together with failed Pods.
    let restarts: u64 = s.pods.iter().map(|p| u64::from(p.restart_count)).sum();
    let failed_now = if shape.on_failure {
        format!("failed {} + restarts {restarts}", st.failed)
    } else {
        format!("failed {}", st.failed)
    };
    let failed = match (shape.backoff_limit, shape.backoff_limit_per_index) {
        (Some(b), _) => format!(
            "{failed_now} / backoffLimit {b} (fails at {})",
            u64::from(b) + 1
        ),
        (None, Some(b)) => format!("failed {} / backoffLimitPerIndex {b} per index", st.failed),
        (None, None) => format!("failed {}", st.failed),
    };
    rows.push(PanelRow {
        name: "Failed",
        value: failed,
    });
    if shape.indexed {
        rows.push(PanelRow {
            name: "Completed indexes",
            value: st
                .completed_indexes
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "none".into()),
        });
    }
    if let Some(b) = shape.backoff_limit_per_index {
        let failed = st
            .failed_indexes
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "none".into());
        rows.push(PanelRow {
            name: "Failed indexes",
            value: match shape.max_failed_indexes {
                Some(m) => format!("{failed} (backoffLimitPerIndex {b}, maxFailedIndexes {m})"),
                None => format!("{failed} (backoffLimitPerIndex {b})"),
            },
        });
    }
    if st.terminating > 0 {
        rows.push(PanelRow {
            name: "Terminating",
            value: st.terminating.to_string(),
        });
    }
    // The API server refused Pods (FailedCreate): how often, and the last refusal in its words.
    let refused: Vec<&Event> = s
        .events
        .iter()
        .take_while(|e| e.at_ms <= s.time_ms)
        .filter(|e| e.reason == "FailedCreate")
        .collect();
    if let Some(last) = refused.last() {
        rows.push(PanelRow {
            name: "Refused Pods",
            value: format!(
                "{} FailedCreate, the last at {}: {}",
                refused.len(),
                fmt_time(last.at_ms),
                last.message
            ),
        });
    }
    rows
}

/// Builds the drawing of `s` on an axis from 0 to `end_ms` (the run's end; at least one second)
/// in the default [`Layout`].
pub fn drawing(s: &Snapshot, end_ms: Millis, shape: &JobShape) -> Drawing {
    drawing_in(s, end_ms, shape, Layout::default())
}

/// Builds the drawing of `s` on an axis from 0 to `end_ms` in `layout`.
pub fn drawing_in(s: &Snapshot, end_ms: Millis, shape: &JobShape, layout: Layout) -> Drawing {
    let axis = Axis::of(&layout, end_ms);
    let t = s.time_ms;
    let by_pod = kubelet_events(s, t);
    let lanes: Vec<Lane> = s
        .pods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let events = by_pod.get(p.name.as_str()).map_or(&[][..], Vec::as_slice);
            lane(p, lane_y(i), axis, t, layout.label_chars, events)
        })
        .collect();
    let step = tick_step(axis.end_ms, layout.max_ticks());
    let ticks = (0..=axis.end_ms / step)
        .map(|k| Tick {
            x: axis.x(k * step),
            text: fmt_time(k * step),
        })
        .collect();
    let conditions = s
        .status
        .conditions
        .iter()
        .map(|c| ConditionView {
            type_: c.type_.clone(),
            status: c.status.clone(),
            reason: c.reason.clone(),
            at: fmt_time(c.last_transition_ms),
            terminal: c.status == "True" && (c.type_ == "Complete" || c.type_ == "Failed"),
        })
        .collect();
    Drawing {
        time_ms: t,
        now_x: axis.x(t),
        height: TOP + lanes.len().max(1) as f64 * LANE_H + AXIS_H,
        panel: panel(s, shape),
        conditions,
        gaps: gaps(s, shape, axis),
        lanes,
        ticks,
        layout,
        status: status_sentence(s),
    }
}

#[cfg(test)]
mod tests;
