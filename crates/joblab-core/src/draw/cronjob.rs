//! The drawing model of a CronJob diagram: one time axis in the CronJob's wall-clock time, a
//! schedule row with a marker per scheduled time (what the controller did with it) and the
//! stretches the CronJob was suspended or its controller down, then every Job the controller
//! created with its Pods nested under it. Plain data in viewBox units, like [`super::Drawing`],
//! drawn from a [`CronJobSimulation`] at one instant.
//!
//! Times are shown as the wall clock of the CronJob's zone (`00:05:00`), because a schedule is
//! wall-clock time; the guide's CronJobs run in UTC.

use super::{fmt_secs, Layout, PanelRow, SegClass, SegShape, Tick, AXIS_H, LANE_H, TOP};
use crate::sim::cronjob::{ChildJob, ConcurrencyPolicy, CronJobSimulation};
use crate::sim::{Millis, Pod, SegmentKind};

/// What a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// The CronJob's scheduled times.
    Schedule,
    /// The stretches the CronJob was suspended or its controller down (only in a run that has
    /// any).
    Controller,
    /// One Job the controller created.
    Job,
    /// One Pod of the Job above it.
    Pod,
}

/// What a marker on the schedule row or a Job row marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CronMarkerKind {
    /// A Job was created for this scheduled time, on time.
    Started,
    /// A Job was created for this scheduled time, later (after a Forbid wait, a resume or a
    /// restart of the controller).
    StartedLate,
    /// No Job yet: one was still active under `concurrencyPolicy: Forbid` (`JobAlreadyActive`).
    Skipped,
    /// No Job: suspended, the controller down, past `startingDeadlineSeconds`, or superseded by
    /// a later scheduled time.
    Missed,
    /// The Job was deleted (history limit, Replace, or the user).
    Deleted,
    /// The Job's container exited with this code.
    Exit {
        /// The exit code.
        code: i32,
    },
}

impl CronMarkerKind {
    /// The CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            CronMarkerKind::Started => "marker cron-marker cron-started",
            CronMarkerKind::StartedLate => "marker cron-marker cron-late",
            CronMarkerKind::Skipped => "marker cron-marker cron-skipped",
            CronMarkerKind::Missed => "marker cron-marker cron-missed",
            CronMarkerKind::Deleted => "marker cron-marker cron-deleted",
            CronMarkerKind::Exit { code: 0 } => "marker marker-exit marker-ok",
            CronMarkerKind::Exit { .. } => "marker marker-exit marker-fail",
        }
    }
}

/// A point marker.
#[derive(Clone, Debug, PartialEq)]
pub struct CronMarker {
    /// What it marks.
    pub kind: CronMarkerKind,
    /// Position on the axis.
    pub x: f64,
    /// Short visible text (`run`, `late`, `skip`, `miss`, `deleted`, an exit code).
    pub text: String,
    /// Accessible name and tooltip.
    pub label: String,
}

/// A stretch of the schedule row when the CronJob was suspended or its controller down.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// `suspended` or `down`.
    pub kind: BandKind,
    /// Top of its row.
    pub y: f64,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub w: f64,
    /// Visible text when it fits, else empty.
    pub text: String,
    /// Accessible name and tooltip.
    pub label: String,
}

/// What a [`Band`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandKind {
    /// `spec.suspend` was true.
    Suspended,
    /// The CronJob controller was not running.
    ControllerDown,
}

impl BandKind {
    /// The CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            BandKind::Suspended => "band band-suspended",
            BandKind::ControllerDown => "band band-down",
        }
    }

    /// The segment kind whose forced-colours pattern the band uses (hatching for suspended,
    /// stripes for down; each band also says what it is in words).
    pub const fn pattern_of(self) -> SegClass {
        match self {
            BandKind::Suspended => SegClass::Pending,
            BandKind::ControllerDown => SegClass::Terminating,
        }
    }
}

/// One row of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct CronRow {
    /// What it shows.
    pub kind: RowKind,
    /// A stable key: `schedule`, the Job's or the Pod's name.
    pub name: String,
    /// The visible label left of the axis.
    pub text: String,
    /// Top of the row.
    pub y: f64,
    /// Whether the Job (or the Pod's Job) has been deleted by now.
    pub deleted: bool,
    /// Accessible name and tooltip.
    pub label: String,
    /// Stretches in time order.
    pub segments: Vec<SegShape>,
    /// Markers.
    pub markers: Vec<CronMarker>,
}

/// Everything one CronJob diagram frame shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CronDrawing {
    /// The frame's time, ms since the CronJob was created.
    pub time_ms: Millis,
    /// Position of the "now" line.
    pub now_x: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The CronJob's spec and status at this time.
    pub panel: Vec<PanelRow>,
    /// The CronJob controller's events so far, newest last: (`HH:MM:SS`, reason, message).
    pub events: Vec<(String, String, String)>,
    /// The schedule row first, then each Job and its Pods, in creation order.
    pub rows: Vec<CronRow>,
    /// Suspended and controller-down stretches on the schedule row.
    pub bands: Vec<Band>,
    /// Axis ticks (`HH:MM`).
    pub ticks: Vec<Tick>,
    /// The layout it was drawn in.
    pub layout: Layout,
    /// The status sentence for the live region.
    pub status: String,
}

/// The wall clock of the CronJob simulation's instant `t`: `HH:MM:SS` (UTC, the guide's zone).
pub fn clock(start_unix_seconds: i64, t: Millis) -> String {
    let s = start_unix_seconds + i64::try_from(t / 1000).unwrap_or(0);
    let d = s.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", d / 3600, d / 60 % 60, d % 60)
}

/// `HH:MM` of an instant, for ticks.
fn clock_hm(start_unix_seconds: i64, t: Millis) -> String {
    let mut c = clock(start_unix_seconds, t);
    c.truncate(5);
    c
}

#[derive(Clone, Copy, Debug)]
struct Axis {
    end_ms: Millis,
    x0: f64,
    x1: f64,
}

impl Axis {
    fn x(self, t: Millis) -> f64 {
        let t = t.min(self.end_ms) as f64;
        self.x0 + t / self.end_ms as f64 * (self.x1 - self.x0)
    }
}

/// Tick spacing for an axis of `end_ms`: the smallest of 1, 2, 5, 10, 15, 30 and 60 minutes
/// giving at most `max` intervals.
fn tick_step(end_ms: Millis, max: u64) -> Millis {
    [1, 2, 5, 10, 15, 30, 60, 120]
        .iter()
        .map(|m| m * 60_000)
        .find(|step| end_ms.div_ceil(*step) <= max)
        .unwrap_or(120 * 60_000)
}

/// What the drawing needs of the run besides the simulation at `t`.
struct Ctx<'a> {
    sim: &'a CronJobSimulation,
    start: i64,
    t: Millis,
    axis: Axis,
}

impl Ctx<'_> {
    fn clock(&self, t: Millis) -> String {
        clock(self.start, t)
    }

    /// The simulation's instant of a scheduled time (Unix seconds).
    fn at(&self, unix_seconds: i64) -> Millis {
        u64::try_from((unix_seconds - self.start).saturating_mul(1000)).unwrap_or(0)
    }
}

/// The suspended stretches up to `t`, from the CronJob's initial `suspend` and the scenario's
/// suspend patches (a patch to the value it already has changes nothing).
fn suspended_stretches(
    sim: &CronJobSimulation,
    initially: bool,
    t: Millis,
) -> Vec<(Millis, Millis)> {
    let mut patches: Vec<(Millis, bool)> = sim
        .scenario()
        .actions
        .iter()
        .filter_map(|a| {
            let s = a.patch.as_ref()?.spec.suspend?;
            Some((crate::scenario::seconds_to_ms(a.at), s))
        })
        .filter(|(at, _)| *at <= t)
        .collect();
    patches.sort_by_key(|p| p.0);
    let mut out = Vec::new();
    let mut since = initially.then_some(0);
    for (at, s) in patches {
        match (since, s) {
            (None, true) => since = Some(at),
            (Some(from), false) => {
                out.push((from, at));
                since = None;
            }
            _ => {}
        }
    }
    if let Some(from) = since {
        out.push((from, t));
    }
    out
}

/// The controller's outage up to `t`, if it began by then.
fn down_stretch(sim: &CronJobSimulation, t: Millis) -> Option<(Millis, Millis)> {
    let o = sim.scenario().cron_job_controller_down.as_ref()?;
    let from = crate::scenario::seconds_to_ms(o.from);
    let to = crate::scenario::seconds_to_ms(o.to);
    (from <= t && from < to).then_some((from, to.min(t)))
}

fn within(stretches: &[(Millis, Millis)], at: Millis) -> bool {
    stretches.iter().any(|&(a, b)| a <= at && at < b)
}

/// The schedule row's markers: one per scheduled time the controller has had a chance to act on
/// by `t` (it syncs 100 ms after a scheduled time), saying what it did.
///
/// The words follow the controller (k/k pkg/controller/cronjob, v1.37.2): a time that waits under
/// Forbid is `skip` while `syncCronJob` returns early with `JobAlreadyActive`, which leaves
/// `lastScheduleTime` alone, so once the active Job finishes `mostRecentScheduleTime` (utils.go)
/// finds the most recent unmet time and the Job is created then, `late`; the earlier unmet times
/// are never run. After a suspend or an outage the same function looks no further back than
/// `now - startingDeadlineSeconds`, so older times are dropped without an event (`miss`); the
/// `MissSchedule` event is only for a time found but already past the deadline.
fn schedule_markers(
    c: &Ctx<'_>,
    suspended: &[(Millis, Millis)],
    down: Option<(Millis, Millis)>,
) -> Vec<CronMarker> {
    let sim = c.sim;
    let schedule = sim.schedule();
    let mut out = Vec::new();
    let mut at = c.start;
    let end = c.start + i64::try_from(c.axis.end_ms / 1000).unwrap_or(0);
    // robfig's Next from the creation time: the first scheduled time is strictly after it.
    while let Some(s) = schedule.next_after(at).filter(|&s| s <= end) {
        at = s;
        let s_ms = c.at(s);
        if s_ms + 100 > c.t {
            break;
        }
        let next_ms = schedule.next_after(s).map_or(Millis::MAX, |n| c.at(n));
        let when = c.clock(s_ms);
        let child = sim
            .children()
            .iter()
            .find(|j| j.scheduled_unix_seconds == Some(s) && j.created_ms <= c.t);
        let (kind, text, label) = if let Some(j) = child {
            if j.created_ms >= s_ms + 1000 {
                (
                    CronMarkerKind::StartedLate,
                    "late",
                    format!(
                        "{when}: scheduled time, Job {} created late, at {}",
                        j.name,
                        c.clock(j.created_ms)
                    ),
                )
            } else {
                (
                    CronMarkerKind::Started,
                    "run",
                    format!("{when}: scheduled time, Job {} created", j.name),
                )
            }
        } else if within(suspended, s_ms) {
            (
                CronMarkerKind::Missed,
                "miss",
                format!("{when}: scheduled time, no Job: the CronJob is suspended"),
            )
        } else if down.is_some_and(|d| within(&[d], s_ms)) {
            (
                CronMarkerKind::Missed,
                "miss",
                format!("{when}: scheduled time, no Job: the CronJob controller is down"),
            )
        } else if let Some(e) = sim.events().iter().find(|e| {
            e.reason == "MissSchedule"
                && e.message.ends_with(&crate::civil::format_rfc1123z(s))
                && e.at_ms <= c.t
        }) {
            (
                CronMarkerKind::Missed,
                "miss",
                format!(
                    "{when}: scheduled time, no Job: at {} it was more than startingDeadlineSeconds ago (MissSchedule)",
                    c.clock(e.at_ms)
                ),
            )
        } else if sim.events().iter().any(|e| {
            e.reason == "JobAlreadyActive" && e.at_ms >= s_ms && e.at_ms < next_ms && e.at_ms <= c.t
        }) {
            (
                CronMarkerKind::Skipped,
                "skip",
                format!("{when}: scheduled time, no Job: one is still active and concurrencyPolicy is Forbid (JobAlreadyActive)"),
            )
        } else {
            (
                CronMarkerKind::Missed,
                "miss",
                format!("{when}: scheduled time, no Job: the controller ran a later scheduled time instead"),
            )
        };
        out.push(CronMarker {
            kind,
            x: c.axis.x(s_ms),
            text: text.to_owned(),
            label,
        });
    }
    out
}

/// Who deleted a Job: the controller's `SuccessfulDelete` for it (under Replace while it ran, or
/// for a history limit once it finished), else its TTL or the user.
fn deletion_cause(c: &Ctx<'_>, j: &ChildJob, finished: Option<&str>) -> &'static str {
    let by_controller =
        c.sim.events().iter().any(|e| {
            e.reason == "SuccessfulDelete" && e.message == format!("Deleted job {}", j.name)
        });
    match (by_controller, finished) {
        (true, None) => "by concurrencyPolicy Replace",
        (true, Some("Complete")) => "by successfulJobsHistoryLimit",
        (true, Some(_)) => "by failedJobsHistoryLimit",
        (false, _) if j.sim.deleted_by_ttl => "by ttlSecondsAfterFinished",
        (false, _) => "by the user",
    }
}

fn job_row(c: &Ctx<'_>, j: &ChildJob, y: f64) -> CronRow {
    let t = c.t;
    let off = j.clock_start_ms;
    let status = j.sim.status();
    let finished = status
        .conditions
        .iter()
        .find(|k| {
            k.status == "True"
                && (k.type_ == "Complete" || k.type_ == "Failed")
                && k.last_transition_ms + off <= t
        })
        .map(|k| (k.type_.as_str(), k.last_transition_ms + off));
    let deleted = j.deleted_ms().filter(|&d| d <= t);
    let created = j.created_ms;
    let mut segments = Vec::new();
    let active_end = finished.map_or(deleted.unwrap_or(t), |f| f.1).max(created);
    let x = c.axis.x(created);
    segments.push(SegShape {
        class: SegClass::Running,
        x,
        w: (c.axis.x(active_end) - x).max(1.0),
        text: String::new(),
        text_w_min: f64::INFINITY,
        open: finished.is_none() && deleted.is_none(),
        label: format!(
            "Active {} to {} (Job {})",
            c.clock(created),
            c.clock(active_end),
            j.name
        ),
    });
    if let Some((kind, f)) = finished {
        let until = deleted.unwrap_or(t).max(f);
        let x = c.axis.x(f);
        segments.push(SegShape {
            class: if kind == "Complete" {
                SegClass::Succeeded
            } else {
                SegClass::Failed
            },
            x,
            w: (c.axis.x(until) - x).max(1.0),
            text: String::new(),
            text_w_min: f64::INFINITY,
            open: deleted.is_none(),
            label: format!(
                "{kind} at {}, kept{} (Job {})",
                c.clock(f),
                deleted.map_or(String::new(), |d| format!(" until {}", c.clock(d))),
                j.name
            ),
        });
    }
    let mut markers = Vec::new();
    let cause = deletion_cause(c, j, finished.map(|f| f.0));
    if let Some(d) = deleted {
        markers.push(CronMarker {
            kind: CronMarkerKind::Deleted,
            x: c.axis.x(d),
            text: "deleted".to_owned(),
            label: format!("Deleted at {} {cause} (Job {})", c.clock(d), j.name),
        });
    }
    // A Job made by hand (`kubectl create job --from=cronjob/...`) has no scheduled time.
    let scheduled = match j.scheduled_unix_seconds {
        Some(s) => format!("for the scheduled time {} UTC", clock(s, 0)),
        None => "created by hand, not for a scheduled time".to_owned(),
    };
    let mut label = format!("Job {}: {scheduled}, created {}", j.name, c.clock(created));
    match finished {
        Some((kind, f)) => label.push_str(&format!(", {kind} at {}", c.clock(f))),
        None if deleted.is_none() => label.push_str(", active"),
        None => {}
    }
    if let Some(d) = deleted {
        label.push_str(&format!(", deleted {} {cause}", c.clock(d)));
    }
    CronRow {
        kind: RowKind::Job,
        name: j.name.clone(),
        text: match j.scheduled_unix_seconds {
            Some(s) => format!("Job {}", clock(s, 0).get(..5).unwrap_or("")),
            None => "Job (manual)".to_owned(),
        },
        y,
        deleted: deleted.is_some(),
        label,
        segments,
        markers,
    }
}

fn pod_row(c: &Ctx<'_>, j: &ChildJob, p: &Pod, y: f64) -> CronRow {
    let off = j.clock_start_ms;
    let local_t = c.t.saturating_sub(off);
    let mut segments = Vec::new();
    let mut markers = Vec::new();
    for seg in &p.segments {
        if seg.start_ms > local_t {
            continue;
        }
        let end = seg.end_ms.unwrap_or(local_t).min(local_t).max(seg.start_ms);
        let open = seg.end_ms.is_none_or(|e| e > local_t);
        let x = c.axis.x(seg.start_ms + off);
        let mut label = if open {
            format!(
                "{} since {}",
                SegClass::of(seg.kind).name(),
                c.clock(seg.start_ms + off)
            )
        } else {
            format!(
                "{} {} to {}",
                SegClass::of(seg.kind).name(),
                c.clock(seg.start_ms + off),
                c.clock(end + off)
            )
        };
        if let (Some(code), false) = (seg.exit_code, open) {
            label.push_str(&format!(", exit code {code}"));
        }
        label.push_str(&format!(" (Pod {})", p.name));
        segments.push(SegShape {
            class: SegClass::of(seg.kind),
            x,
            w: (c.axis.x(end + off) - x).max(1.0),
            text: String::new(),
            text_w_min: f64::INFINITY,
            open,
            label,
        });
        if seg.kind == SegmentKind::Running && !open {
            if let Some(code) = seg.exit_code {
                markers.push(CronMarker {
                    kind: CronMarkerKind::Exit { code },
                    x: c.axis.x(end + off),
                    text: code.to_string(),
                    label: format!(
                        "Exit code {code} at {} (Pod {})",
                        c.clock(end + off),
                        p.name
                    ),
                });
            }
        }
    }
    let deleted = p.deleted_ms.filter(|&d| d <= local_t);
    let terminal = p.finished_ms.filter(|&f| f <= local_t).is_some();
    let state = if deleted.is_some() {
        "deleted"
    } else if terminal {
        p.phase.as_str()
    } else if p.deletion_requested_ms.is_some_and(|d| d <= local_t) {
        "Terminating"
    } else if p.started_ms.is_some_and(|s| s <= local_t) {
        "Running"
    } else {
        "Pending"
    };
    let mut label = format!(
        "Pod {} of Job {}: {state}, created {}",
        p.name,
        j.name,
        c.clock(p.created_ms + off)
    );
    if let (Some(s), Some(f)) = (p.started_ms, p.finished_ms.filter(|&f| f <= local_t)) {
        label.push_str(&format!(
            ", ran {} to {} ({})",
            c.clock(s + off),
            c.clock(f + off),
            fmt_secs(f.saturating_sub(s))
        ));
    }
    if let Some(d) = deleted {
        label.push_str(&format!(", deleted {}", c.clock(d + off)));
    }
    let suffix = p.name.rsplit('-').next().unwrap_or(&p.name);
    CronRow {
        kind: RowKind::Pod,
        name: p.name.clone(),
        text: format!("└ Pod {suffix}"),
        y,
        deleted: deleted.is_some(),
        label,
        segments,
        markers,
    }
}

fn panel(c: &Ctx<'_>) -> Vec<PanelRow> {
    let sim = c.sim;
    let spec = sim.spec();
    let status = sim.status();
    let abs = |s: Option<i64>| s.map_or("none".to_owned(), |s| format!("{} UTC", clock(s, 0)));
    let mut rows = vec![
        PanelRow {
            name: "schedule",
            value: format!("{} (UTC)", spec.schedule),
        },
        PanelRow {
            name: "concurrencyPolicy",
            value: match spec.concurrency_policy {
                ConcurrencyPolicy::Allow => "Allow",
                ConcurrencyPolicy::Forbid => "Forbid",
                ConcurrencyPolicy::Replace => "Replace",
            }
            .to_owned(),
        },
    ];
    if let Some(s) = spec.starting_deadline_seconds {
        rows.push(PanelRow {
            name: "startingDeadlineSeconds",
            value: s.to_string(),
        });
    }
    rows.push(PanelRow {
        name: "suspend",
        value: spec.suspend.to_string(),
    });
    rows.push(PanelRow {
        name: "active",
        value: if status.active.is_empty() {
            "none".to_owned()
        } else {
            status
                .active
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
    });
    rows.push(PanelRow {
        name: "lastScheduleTime",
        value: abs(status.last_schedule_unix_seconds),
    });
    rows.push(PanelRow {
        name: "lastSuccessfulTime",
        value: abs(status.last_successful_unix_seconds),
    });
    let kept = |kind: &str| {
        sim.children()
            .iter()
            .filter(|j| !j.gone() && j.finished_condition() == Some(kind))
            .count()
    };
    let limit = |l: Option<i32>| l.map_or("no limit".to_owned(), |l| format!("limit {l}"));
    rows.push(PanelRow {
        name: "Finished Jobs kept",
        value: format!(
            "{} Complete ({}), {} Failed ({})",
            kept("Complete"),
            limit(spec.successful_jobs_history_limit),
            kept("Failed"),
            limit(spec.failed_jobs_history_limit)
        ),
    });
    rows
}

fn status_sentence(c: &Ctx<'_>) -> String {
    let sim = c.sim;
    let head = if sim.controller_down() {
        "Controller down"
    } else if sim.spec().suspend {
        "Suspended"
    } else {
        "Scheduling"
    };
    let st = sim.status();
    let created = sim
        .children()
        .iter()
        .filter(|j| j.created_ms <= c.t)
        .count();
    let kept = sim
        .children()
        .iter()
        .filter(|j| j.created_ms <= c.t && !j.gone())
        .count();
    let last = st
        .last_schedule_unix_seconds
        .map_or("none".to_owned(), |s| clock(s, 0));
    format!(
        "{head}: {} active, {created} Jobs created, {kept} kept, last scheduled {last}",
        st.active.len()
    )
}

/// Every time something visible happens in a recorded run, sorted and without repeats (the
/// player's "Step" targets). Pass the run at its end.
pub fn key_times(end: &CronJobSimulation) -> Vec<Millis> {
    let mut t: Vec<Millis> = end.events().iter().map(|e| e.at_ms).collect();
    for j in end.children() {
        let off = j.clock_start_ms;
        t.push(j.created_ms);
        t.extend(j.deleted_ms());
        t.extend(j.sim.events().iter().map(|e| e.at_ms + off));
        for p in j.sim.pods() {
            for s in &p.segments {
                t.push(s.start_ms + off);
                t.extend(s.end_ms.map(|e| e + off));
            }
        }
    }
    for a in &end.scenario().actions {
        t.push(crate::scenario::seconds_to_ms(a.at));
    }
    if let Some(o) = &end.scenario().cron_job_controller_down {
        t.push(crate::scenario::seconds_to_ms(o.from));
        t.push(crate::scenario::seconds_to_ms(o.to));
    }
    t.retain(|&x| x <= end.now());
    t.sort_unstable();
    t.dedup();
    t
}

/// The drawing of `sim` (the run at its current time) on an axis from 0 to `span_ms`, in
/// `layout`. `initially_suspended` is the CronJob's `spec.suspend` as created.
pub fn cron_drawing(
    sim: &CronJobSimulation,
    initially_suspended: bool,
    span_ms: Millis,
    layout: Layout,
) -> CronDrawing {
    let axis = Axis {
        end_ms: span_ms.max(60_000),
        x0: layout.plot_x0,
        x1: layout.plot_x1,
    };
    let t = sim.now().min(axis.end_ms);
    let c = Ctx {
        sim,
        start: sim.start_unix_seconds(),
        t,
        axis,
    };
    let suspended = suspended_stretches(sim, initially_suspended, t);
    let down = down_stretch(sim, t);
    let band_row = initially_suspended
        || sim.scenario().cron_job_controller_down.is_some()
        || sim
            .scenario()
            .actions
            .iter()
            .any(|a| a.patch.as_ref().is_some_and(|p| p.spec.suspend.is_some()));
    let band_y = TOP + LANE_H;
    let mut bands = Vec::new();
    for &(a, b) in &suspended {
        let x = axis.x(a);
        let w = (axis.x(b) - x).max(1.0);
        bands.push(Band {
            kind: BandKind::Suspended,
            y: band_y,
            x,
            w,
            text: if w >= 80.0 {
                "suspended".into()
            } else {
                String::new()
            },
            label: format!("Suspended {} to {}", c.clock(a), c.clock(b)),
        });
    }
    if let Some((a, b)) = down {
        let x = axis.x(a);
        let w = (axis.x(b) - x).max(1.0);
        bands.push(Band {
            kind: BandKind::ControllerDown,
            y: band_y,
            x,
            w,
            text: if w >= 110.0 {
                "controller down".into()
            } else {
                String::new()
            },
            label: format!("CronJob controller down {} to {}", c.clock(a), c.clock(b)),
        });
    }
    let markers = schedule_markers(&c, &suspended, down);
    let runs = markers
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                CronMarkerKind::Started | CronMarkerKind::StartedLate
            )
        })
        .count();
    let mut rows = vec![CronRow {
        kind: RowKind::Schedule,
        name: "schedule".to_owned(),
        text: "schedule".to_owned(),
        y: TOP,
        deleted: false,
        label: format!(
            "CronJob {}: schedule {} in UTC, {} scheduled times so far, {runs} with a Job",
            sim.spec().name,
            sim.spec().schedule,
            markers.len()
        ),
        segments: Vec::new(),
        markers,
    }];
    if band_row {
        let mut label = "CronJob controller: ".to_owned();
        if bands.is_empty() {
            label.push_str("running, not suspended so far");
        } else {
            let parts: Vec<&str> = bands.iter().map(|b| b.label.as_str()).collect();
            label.push_str(&parts.join("; "));
        }
        rows.push(CronRow {
            kind: RowKind::Controller,
            name: "controller".to_owned(),
            text: "controller".to_owned(),
            y: band_y,
            deleted: false,
            label,
            segments: Vec::new(),
            markers: Vec::new(),
        });
    }
    for j in sim.children().iter().filter(|j| j.created_ms <= t) {
        rows.push(job_row(&c, j, TOP + rows.len() as f64 * LANE_H));
        for p in j.sim.pods() {
            if p.created_ms + j.clock_start_ms <= t {
                rows.push(pod_row(&c, j, p, TOP + rows.len() as f64 * LANE_H));
            }
        }
    }
    let step = tick_step(axis.end_ms, layout_max_ticks(layout));
    let ticks = (0..=axis.end_ms / step)
        .map(|k| Tick {
            x: axis.x(k * step),
            text: clock_hm(c.start, k * step),
        })
        .collect();
    let events = sim
        .events()
        .iter()
        .filter(|e| e.at_ms <= t)
        .map(|e| (c.clock(e.at_ms), e.reason.clone(), e.message.clone()))
        .collect();
    CronDrawing {
        time_ms: t,
        now_x: axis.x(t),
        height: TOP + rows.len() as f64 * LANE_H + AXIS_H,
        panel: panel(&c),
        events,
        rows,
        bands,
        ticks,
        layout,
        status: status_sentence(&c),
    }
}

/// At most how many ticks fit, with room for their `HH:MM` text.
fn layout_max_ticks(layout: Layout) -> u64 {
    (((layout.plot_x1 - layout.plot_x0) / 64.0).floor() as u64).max(2)
}

#[cfg(test)]
mod tests;
