//! The drawing model of a Job diagram: what the browser's SVG shows for one simulation snapshot.
//!
//! Everything here is plain data in viewBox units, so the layout, the accessible names and the
//! status sentence are tested natively, and the browser only turns the model into elements. The
//! browser draws one viewBox unit per CSS pixel and asks for a [`Layout`] as wide as its box, so
//! the diagram reflows (fewer ticks, shorter lane labels, a time axis that scrolls in its box)
//! instead of scaling its text down. Times are shown as `m:ss` from the Job's creation.

use std::collections::{HashMap, HashSet};

/// The CronJob diagrams' drawing model.
pub mod cronjob;
/// Standalone SVG pictures of drawings.
pub mod export;

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

fn lane_label(p: &Pod, t: Millis) -> String {
    let mut out = format!("Pod {}: ", p.name);
    out.push_str(if p.is_terminating() {
        "Terminating"
    } else {
        p.phase.as_str()
    });
    if let Some(i) = p.index {
        out.push_str(&format!(", index {i}"));
    }
    if let Some(r) = &p.reason {
        out.push_str(&format!(", reason {r}"));
    }
    if p.phase.is_terminal() {
        if let Some(c) = p.exit_code {
            out.push_str(&format!(", exit code {c}"));
        }
    }
    if p.restart_count > 0 {
        let n = p.restart_count;
        out.push_str(&format!(", {n} restart{}", if n == 1 { "" } else { "s" }));
    }
    match (p.started_ms, p.finished_ms) {
        (Some(a), Some(b)) => out.push_str(&format!(", ran {} to {}", fmt_time(a), fmt_time(b))),
        (None, Some(b)) => out.push_str(&format!(", never ran, ended {}", fmt_time(b))),
        (Some(a), None) => out.push_str(&format!(", running since {}", fmt_time(a))),
        (None, None) => out.push_str(&format!(", created {}", fmt_time(p.created_ms))),
    }
    if p.failure_ignored {
        out.push_str(", failure ignored by the podFailurePolicy");
    }
    if let Some(d) = p.deleted_ms.filter(|&d| d <= t) {
        out.push_str(&format!(", deleted {}", fmt_time(d)));
    }
    out
}

/// Characters of a lane's visible label that fit left of the axis; the full name is in the
/// accessible name and tooltip.
const LABEL_CHARS: usize = 22;
/// The same in a narrow drawing, in a column [`NARROW_LABEL_W`] wide.
pub const NARROW_LABEL_CHARS: usize = 12;
/// Where the time axis starts in a narrow drawing.
const NARROW_LABEL_W: f64 = 112.0;

fn short_label(p: &Pod, chars: usize) -> String {
    let full = match p.index {
        Some(i) => format!("#{i} {}", p.name),
        None => p.name.clone(),
    };
    if full.chars().count() <= chars {
        return full;
    }
    let mut out: String = full.chars().take(chars - 1).collect();
    out.push('…');
    out
}

/// Reasons of the kubelet events a lane describes (`Scheduled`, `Created`, `Started` and an image
/// already present say nothing the lane's stretches do not).
const LANE_EVENT_REASONS: [&str; 5] = [
    "Pulling",
    "Pulled",
    "ErrImageNeverPull",
    "Killing",
    "BackOff",
];

/// Reasons of the events a stretch's accessible name adds: the image pull, which happens inside
/// the Pod's Pending stretch (or before a restart), and its failure.
const PULL_REASONS: [&str; 3] = ["Pulling", "Pulled", "ErrImageNeverPull"];

/// The events of [`LANE_EVENT_REASONS`] recorded up to `t`, by Pod name, in time order; one pass
/// over the log for the whole drawing.
fn kubelet_events(s: &Snapshot, t: Millis) -> HashMap<&str, Vec<&Event>> {
    let mut out: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in s.events.iter().take_while(|e| e.at_ms <= t) {
        let Some(pod) = e.object.strip_prefix("pod/") else {
            continue;
        };
        let notable = LANE_EVENT_REASONS.contains(&e.reason.as_str())
            && !(e.reason == "Pulled" && e.message.contains("already present"));
        if notable {
            out.entry(pod).or_default().push(e);
        }
    }
    out
}

fn event_phrase(e: &Event) -> String {
    format!("{} at {}", e.message, fmt_time(e.at_ms))
}

fn lane(p: &Pod, y: f64, axis: Axis, t: Millis, label_chars: usize, events: &[&Event]) -> Lane {
    let mut segments = Vec::with_capacity(p.segments.len());
    let mut markers = Vec::new();
    let mut runs_seen = 0u32;
    let mut pulls = events
        .iter()
        .filter(|e| PULL_REASONS.contains(&e.reason.as_str()))
        .peekable();
    for seg in &p.segments {
        let class = SegClass::of(seg.kind);
        let end = seg.end_ms.unwrap_or(t).min(t).max(seg.start_ms);
        let x = axis.x(seg.start_ms);
        let w = (axis.x(end) - x).max(1.0);
        let mut label = format!(
            "{} {} to {}",
            class.name(),
            fmt_time(seg.start_ms),
            fmt_time(end)
        );
        let open = seg.end_ms.is_none() || seg.end_ms.is_some_and(|e| e > t);
        if open {
            label = format!("{} since {}", class.name(), fmt_time(seg.start_ms));
        }
        if let Some(r) = seg.run {
            label.push_str(&format!(", run {r}"));
        }
        if let Some(d) = seg.delay_ms {
            label.push_str(&format!(", restart back-off {}", fmt_secs(d)));
        }
        let ended = seg.end_ms.filter(|&e| e <= t);
        if let (Some(c), Some(_)) = (seg.exit_code, ended) {
            label.push_str(&format!(", exit code {c}"));
        }
        // The pull happens inside this stretch: say what the kubelet did and when. (No stretch
        // of a run without a pull changes its name.)
        // An event on the boundary of two stretches belongs to the earlier one (the pull ends
        // the Pending stretch).
        while let Some(e) = pulls.peek().filter(|e| e.at_ms <= end) {
            if e.at_ms >= seg.start_ms {
                label.push_str(&format!(", {}", event_phrase(e)));
            }
            pulls.next();
        }
        label.push_str(&format!(" (Pod {})", p.name));
        // The short text and the width from which it fits (11 px text, with a margin).
        let (text, text_w_min) = match (seg.kind, seg.run) {
            (SegmentKind::Running, Some(r)) => (format!("run {r}"), 46.0),
            (SegmentKind::CrashLoopBackOff, _) => match seg.delay_ms {
                Some(d) => (format!("back-off {}", fmt_secs(d)), 60.0),
                None => (String::new(), f64::INFINITY),
            },
            _ => (String::new(), f64::INFINITY),
        };
        segments.push(SegShape {
            class,
            x,
            w,
            text,
            text_w_min,
            open,
            label,
        });
        if seg.kind == SegmentKind::Running {
            runs_seen += 1;
            if runs_seen > 1 {
                markers.push(Marker {
                    kind: MarkerKind::Restart,
                    x,
                    text: "↻".into(),
                    label: format!(
                        "Restart {} at {}: the kubelet restarted the container in place (Pod {})",
                        runs_seen - 1,
                        fmt_time(seg.start_ms),
                        p.name
                    ),
                });
            }
            if let (Some(c), Some(e)) = (seg.exit_code, ended) {
                markers.push(Marker {
                    kind: MarkerKind::Exit { code: c },
                    x: axis.x(e),
                    text: c.to_string(),
                    label: format!("Exit code {c} at {} (Pod {})", fmt_time(e), p.name),
                });
            }
        }
    }
    for c in &p.conditions {
        if c.type_ == "DisruptionTarget" && c.status == "True" && c.last_transition_ms <= t {
            markers.push(Marker {
                kind: MarkerKind::Evicted,
                x: axis.x(c.last_transition_ms),
                text: "evicted".into(),
                label: format!(
                    "Evicted at {}: DisruptionTarget ({}) (Pod {})",
                    fmt_time(c.last_transition_ms),
                    c.reason,
                    p.name
                ),
            });
        }
    }
    Lane {
        name: p.name.clone(),
        text: short_label(p, label_chars),
        y,
        phase: p.phase,
        label: lane_label(p, t),
        segments,
        markers,
        events: if events.is_empty() {
            String::new()
        } else {
            let phrases: Vec<String> = events.iter().map(|e| event_phrase(e)).collect();
            format!("Kubelet: {}", phrases.join("; "))
        },
    }
}

/// The pod-failure backoff gaps: for each replacement Pod created at least the backoff delay after
/// the latest failure that counts (per index with backoffLimitPerIndex), the stretch from that
/// failure to the creation, labelled with the delay (`10s x 2^(n-1)`, capped at 10 minutes, n the
/// failures since the last success). Pods the controller deleted on suspend are no failures here.
fn gaps(s: &Snapshot, shape: &JobShape, axis: Axis) -> Vec<Gap> {
    if shape.on_failure {
        // Under OnFailure the kubelet restarts in place; its back-off is drawn as segments.
        return Vec::new();
    }
    let suspended_at: HashSet<Millis> = s
        .events
        .iter()
        .filter(|e| e.reason == "Suspended")
        .map(|e| e.at_ms)
        .collect();
    let per_index = shape.backoff_limit_per_index.is_some();
    // (finish time, index, failed?) of each finished Pod, by finish time.
    let mut finished: Vec<(Millis, Option<u32>, bool, usize)> = s
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.phase.is_terminal() && p.finished_ms.is_some_and(|f| f <= s.time_ms))
        .filter(|(_, p)| {
            !p.deletion_requested_ms
                .is_some_and(|d| suspended_at.contains(&d))
        })
        .map(|(i, p)| (p.finish_time_ms(), p.index, p.phase == PodPhase::Failed, i))
        .collect();
    finished.sort_unstable_by_key(|f| f.0);
    let mut used: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for (lane_i, p) in s.pods.iter().enumerate() {
        let c = p.created_ms;
        let mut n = 0u32;
        let mut last: Option<(Millis, usize)> = None;
        for &(f, idx, failed, pod_i) in &finished {
            if f > c {
                break;
            }
            if per_index && idx != p.index {
                continue;
            }
            if failed {
                n += 1;
                last = Some((f, pod_i));
            } else {
                n = 0;
                last = None;
            }
        }
        let Some((f, pod_i)) = last else { continue };
        let shift = n.saturating_sub(1).min(16);
        let delay = (POD_FAILURE_BACKOFF_MS << shift).min(MAX_POD_FAILURE_BACKOFF_MS);
        if c < f + delay || !used.insert(pod_i) {
            continue;
        }
        let x = axis.x(f);
        out.push(Gap {
            x,
            w: (axis.x(c) - x).max(1.0),
            y: lane_y(lane_i),
            text: format!("backoff {}", fmt_secs(delay)),
            label: format!(
                "Backoff {}: {} failed at {}, so the controller waited before creating {} at {}",
                fmt_secs(delay),
                s.pods.get(pod_i).map_or("a Pod", |q| q.name.as_str()),
                fmt_time(f),
                p.name,
                fmt_time(c)
            ),
        });
    }
    out
}

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
mod tests {
    use super::*;
    use crate::patterns::{build, Knobs, Preset};
    use crate::sim::{Replay, Simulation};

    fn run(p: Preset) -> (Replay, JobShape) {
        let (job, scenario) = build(p, &Knobs::default_for(p));
        let shape = JobShape::of(&job);
        (
            Replay::record(
                Simulation::new(job, scenario),
                crate::patterns::RUN_LIMIT_MS,
            ),
            shape,
        )
    }

    #[test]
    fn formats_times() {
        for (ms, want) in [
            (0, "0:00"),
            (11_999, "0:11"),
            (61_000, "1:01"),
            (3_600_000, "60:00"),
        ] {
            assert_eq!(fmt_time(ms), want);
        }
        assert_eq!(fmt_secs(10_000), "10s");
        assert_eq!(fmt_secs(2_500), "2.5s");
    }

    #[test]
    fn status_sentences_of_every_pattern_at_the_end() {
        let cases = [
            (
                Preset::Simple,
                "Complete (CompletionsReached): 1 succeeded, 0 failed, 0 active",
            ),
            (
                Preset::Parallel,
                "Complete (CompletionsReached): 6 succeeded, 0 failed, 0 active",
            ),
            (
                Preset::Failure,
                "Failed (BackoffLimitExceeded): 0 succeeded, 3 failed, 0 active",
            ),
            (Preset::Deadline, "Failed (DeadlineExceeded): "),
            (Preset::SuccessPolicy, "Complete (SuccessPolicy): "),
            (Preset::PodFailurePolicy, "Failed (PodFailurePolicy): "),
            (Preset::BackoffPerIndex, "Failed (FailedIndexes): "),
            (
                Preset::WorkQueue,
                "Complete (CompletionsReached): 3 succeeded",
            ),
        ];
        for (p, want) in cases {
            let (r, shape) = run(p);
            let end = r.end().now();
            let d = drawing(&r.snapshot_at(end), end, &shape);
            assert!(d.status.starts_with(want), "{p:?}: {}", d.status);
        }
    }

    #[test]
    fn status_while_running_and_suspended() {
        let (r, shape) = run(Preset::Parallel);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(5_000), end, &shape);
        assert_eq!(d.status, "Running: 0 succeeded, 0 failed, 3 active");
        let (r, shape) = run(Preset::SuspendResume);
        let d = drawing(&r.snapshot_at(10_000), r.end().now(), &shape);
        assert!(d.status.starts_with("Suspended: "), "{}", d.status);
        let d = drawing(&r.snapshot_at(0), r.end().now(), &shape);
        assert!(d.status.starts_with("Running") || d.status.starts_with("Created"));
    }

    #[test]
    fn durations_read_in_whole_seconds_or_tenths() {
        for (ms, want) in [
            (0, "0s"),
            (10_000, "10s"),
            (2_500, "2.5s"),
            (2_540, "2.5s"),
            (2_550, "2.6s"),
            (999, "1.0s"),
            (61_050, "61.1s"),
        ] {
            assert_eq!(fmt_secs(ms), want, "{ms}");
        }
    }

    #[test]
    fn failure_pattern_lanes_gaps_and_names() {
        let (r, shape) = run(Preset::Failure);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert_eq!(d.lanes.len(), 3);
        for lane in &d.lanes {
            assert!(
                lane.label
                    .starts_with(&format!("Pod {}: Failed, exit code 1, ran ", lane.name)),
                "{}",
                lane.label
            );
            assert!(!lane.segments.iter().any(|s| s.label.starts_with("Pod ")));
            assert!(lane
                .markers
                .iter()
                .any(|m| m.kind == MarkerKind::Exit { code: 1 }));
        }
        let texts: Vec<&str> = d.gaps.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["backoff 10s", "backoff 20s"]);
        assert!(d.gaps[0].label.starts_with("Backoff 10s: "));
        assert_eq!(d.gaps[1].y, TOP + 2.0 * LANE_H);
        // The browser sets a lane's place from its index alone (lane_y), so the model must agree.
        for (i, lane) in d.lanes.iter().enumerate() {
            assert_eq!(lane.y, lane_y(i), "lane {i}");
        }
        let failed = d
            .panel
            .iter()
            .find(|r| r.name == "Failed")
            .map(|r| r.value.clone());
        assert_eq!(
            failed.as_deref(),
            Some("failed 3 / backoffLimit 2 (fails at 3)")
        );
        assert!(d
            .conditions
            .iter()
            .any(|c| c.type_ == "Failed" && c.terminal));
        // The first Pod alone, mid-run: one open Running segment ending at the snapshot time.
        let d = drawing(&r.snapshot_at(5_000), end, &shape);
        assert_eq!(d.lanes.len(), 1);
        assert!(
            d.lanes[0].label.contains("Running, running since 0:01"),
            "{}",
            d.lanes[0].label
        );
        let last = d.lanes[0].segments.last().map(|s| s.x + s.w);
        assert!(last.is_some_and(|x| (x - d.now_x).abs() < 1.01));
        assert!(d.gaps.is_empty());
    }

    #[test]
    fn work_queue_and_indexed_panels() {
        let (r, shape) = run(Preset::WorkQueue);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert_eq!(d.panel[0].value, "3/1 of 3");
        let (r, shape) = run(Preset::Indexed);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert_eq!(d.panel[0].value, "5/5");
        assert!(d.lanes.iter().all(|l| l.text.starts_with('#')));
        assert!(d.lanes.iter().all(|l| l.label.contains(", index ")));
    }

    #[test]
    fn on_failure_has_restart_markers_and_no_gaps() {
        let (r, shape) = run(Preset::OnFailure);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert_eq!(d.lanes.len(), 1);
        assert!(d.gaps.is_empty());
        let restarts = d.lanes[0]
            .markers
            .iter()
            .filter(|m| m.kind == MarkerKind::Restart)
            .count();
        assert_eq!(restarts, 2);
        assert!(
            d.lanes[0].label.contains("2 restarts"),
            "{}",
            d.lanes[0].label
        );
    }

    #[test]
    fn eviction_marker() {
        let (r, shape) = run(Preset::PodFailurePolicy);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert!(d
            .lanes
            .iter()
            .all(|l| l.text.chars().count() <= LABEL_CHARS));
        assert!(d.lanes[0].text.ends_with('…'));
        assert!(d.lanes[0]
            .label
            .starts_with(&format!("Pod {}: ", d.lanes[0].name)));
        let ev = d.lanes[0]
            .markers
            .iter()
            .find(|m| m.kind == MarkerKind::Evicted);
        assert!(ev.is_some_and(|m| m.label.starts_with("Evicted at ")));
    }

    #[test]
    fn pulls_kubelet_events_and_refused_pods_are_described() {
        let job: Job = serde_json::from_value(serde_json::json!({
            "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
            "spec": {"completions": 2, "parallelism": 2, "template": {"spec": {
                "restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36"}]}}}
        }))
        .expect("test job");
        let scenario = crate::scenario::Scenario::from_yaml(
            "imagePresent: false\nimagePullSeconds: 4\nimageSizeBytes: 7\nquotaExceeded: {from: 0, to: 2}\n",
        )
        .expect("scenario");
        let shape = JobShape::of(&job);
        let r = Replay::record(Simulation::new(job, scenario), 600_000);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        // Refused at 0 and 1; created at 3 (1 s, then 2 s later); the pulls end at 8 and 12.
        let row = d.panel.iter().find(|r| r.name == "Refused Pods");
        assert!(
            row.is_some_and(|r| r.value.starts_with("2 FailedCreate, the last at 0:01: Error creating: pods \"j-")
                && r.value.ends_with("is forbidden: exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10")),
            "{row:?}"
        );
        let pending = &d.lanes[1].segments[0];
        assert_eq!(
            pending.label,
            format!(
                "Pending 0:03 to 0:12, Pulling image \"busybox:1.36\" at 0:04, Successfully pulled image \"busybox:1.36\" in 4s (8s including waiting). Image size: 7 bytes. at 0:12 (Pod {})",
                d.lanes[1].name
            )
        );
        assert!(d.lanes[1].events.starts_with("Kubelet: Pulling image"));
        // The Running stretch and the lane's own name say nothing new.
        assert!(!d.lanes[1].segments[1].label.contains("ull"));
        assert!(!d.lanes[1].label.contains("ull"));
        // Before the pull ends, the open Pending stretch shows the pull in progress only.
        let mid = drawing(&r.snapshot_at(6_000), end, &shape);
        assert!(mid.lanes[0].segments[0].label.ends_with(&format!(
            "Pulling image \"busybox:1.36\" at 0:04 (Pod {})",
            mid.lanes[0].name
        )));
        // A preset without pulls or kills keeps every name and has no kubelet sentence.
        let (r, shape) = run(Preset::Parallel);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert!(d.lanes.iter().all(|l| l.events.is_empty()));
        assert!(d.panel.iter().all(|r| r.name != "Refused Pods"));
    }

    #[test]
    fn narrow_layouts_reflow_instead_of_shrinking() {
        let (r, shape) = run(Preset::PodFailurePolicy);
        let end = r.end().now();
        let s = r.snapshot_at(end);
        for avail in [100.0, 288.0, 420.0, 639.0, 640.0, 800.0, 1200.0, 1900.0] {
            let layout = Layout::for_width(avail);
            assert_eq!(layout.width, f64::max(avail, MIN_VIEW_W), "{avail}");
            let d = drawing_in(&s, end, &shape, layout);
            // Ticks keep room for their text, however narrow the drawing.
            assert!(d.ticks.len() >= 2, "{avail}");
            assert!(
                d.ticks
                    .windows(2)
                    .all(|w| w[1].x - w[0].x >= TICK_SPACE - 1e-9),
                "{avail}: {:?}",
                d.ticks
            );
            assert!(d.ticks.iter().all(|t| t.x <= layout.plot_x1 + 1e-9));
            // Lane labels shorten, and the full name stays in the accessible name.
            for lane in &d.lanes {
                assert!(
                    lane.text.chars().count() <= layout.label_chars,
                    "{}",
                    lane.text
                );
                assert!(lane.label.starts_with(&format!("Pod {}: ", lane.name)));
            }
            assert!(d.now_x <= layout.plot_x1 + 1e-9 && d.now_x >= layout.plot_x0);
        }
        let narrow = Layout::for_width(360.0);
        assert_eq!(narrow.label_chars, NARROW_LABEL_CHARS);
        assert_eq!(Layout::for_width(f64::NAN), Layout::for_width(VIEW_W));
        assert_eq!(Layout::for_width(VIEW_W), Layout::default());
    }

    /// What a playing diagram relies on (`src/diagram/svg.rs`): the drawing at the run's last
    /// change before `t` is the drawing at `t` but for the "now" line and how far the open
    /// stretches reach, and an open stretch's text is the one it shows once wide enough.
    #[test]
    fn the_drawing_at_the_last_change_differs_only_in_open_stretches() {
        for p in Preset::ALL {
            let (r, shape) = run(p);
            let end = r.end().now();
            for t in (0..=end).step_by(250) {
                let at = r.last_change_at(t);
                let now = drawing(&r.snapshot_at(t), end, &shape);
                let then = drawing(&r.snapshot_at(at), end, &shape);
                let ctx = format!("{} at {t} (last change {at})", p.slug());
                assert_eq!(now.lanes.len(), then.lanes.len(), "{ctx}");
                assert_eq!(
                    (&now.panel, &now.status, &now.gaps),
                    (&then.panel, &then.status, &then.gaps),
                    "{ctx}"
                );
                for (a, b) in now.lanes.iter().zip(&then.lanes) {
                    assert_eq!((&a.label, &a.text, a.y), (&b.label, &b.text, b.y), "{ctx}");
                    assert_eq!(a.markers, b.markers, "{ctx}");
                    assert_eq!(a.segments.len(), b.segments.len(), "{ctx}");
                    for (x, y) in a.segments.iter().zip(&b.segments) {
                        assert_eq!(
                            (x.class, x.x, &x.text, &x.label, x.open),
                            (y.class, y.x, &y.text, &y.label, y.open),
                            "{ctx}"
                        );
                        if x.open {
                            // Drawn to the axis's end and clipped at the line: its text shows
                            // once the part left of the line is wide enough.
                            assert_eq!(x.shown_text(), y.shown_text_at(now.now_x - y.x), "{ctx}");
                        } else {
                            assert_eq!(x.w, y.w, "{ctx}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn key_times_step_forward() {
        let (r, _) = run(Preset::Failure);
        let times = key_times(&r.end().snapshot());
        assert!(times.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            next_key_time(&times, 0),
            times.iter().copied().find(|&t| t > 0)
        );
        assert_eq!(next_key_time(&times, r.end().now()), None);
    }

    #[test]
    fn two_hundred_pods_draw_quickly() {
        let knobs = Knobs {
            completions: 200,
            parallelism: 50,
            ..Knobs::default_for(Preset::Parallel)
        };
        let (job, scenario) = build(Preset::Parallel, &knobs);
        let shape = JobShape::of(&job);
        let r = Replay::record(
            Simulation::new(job, scenario),
            crate::patterns::RUN_LIMIT_MS,
        );
        let end = r.end().now();
        let s = r.snapshot_at(end);
        assert_eq!(s.pods.len(), 200);
        let d = drawing(&s, end, &shape);
        assert_eq!(d.lanes.len(), 200);
        assert!(d.height > 200.0 * LANE_H);
    }
}
