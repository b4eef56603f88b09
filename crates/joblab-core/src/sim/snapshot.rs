//! Snapshots (what the diagrams draw) and cheap time travel.

use serde::Serialize;

use super::model::*;
use super::Simulation;

/// Everything the diagrams and kubectl views need at one instant.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The instant.
    pub time_ms: Millis,
    /// Job name.
    pub name: String,
    /// Job namespace.
    pub namespace: String,
    /// Job uid.
    pub uid: String,
    /// The Job as given, with patches applied (metadata and spec; its status is `status`).
    #[serde(skip)]
    pub job: crate::api::api::batch::v1::Job,
    /// The Job status at that instant, with completedIndexes/failedIndexes filled in.
    pub status: JobStatus,
    /// When the Job object was deleted, if it was by then.
    pub deleted_ms: Option<Millis>,
    /// Whether the TTL-after-finished controller deleted it.
    pub deleted_by_ttl: bool,
    /// Every Pod created so far, in creation order.
    pub pods: Vec<Pod>,
    /// The event log so far.
    pub events: Vec<Event>,
    /// The pod-failure backoff record.
    pub backoff: BackoffState,
    /// Set when a cap stopped the run early.
    pub stopped: Option<StopReason>,
    /// The plain-language message for `stopped`.
    pub stopped_message: Option<String>,
}

impl Simulation {
    /// The state at the current time.
    pub fn snapshot(&self) -> Snapshot {
        let status = self.api_status();
        Snapshot {
            time_ms: self.now,
            name: self.cfg.name.clone(),
            namespace: self.cfg.namespace.clone(),
            uid: self.uid.clone(),
            job: self.job.clone(),
            status,
            deleted_ms: self.job_deleted_ms,
            deleted_by_ttl: self.deleted_by_ttl,
            pods: self.pods.clone(),
            events: self.events.clone(),
            backoff: self.backoff.clone(),
            stopped: self.stopped,
            stopped_message: self.stopped.map(StopReason::message),
        }
    }
}

impl Simulation {
    /// The Job status as the API holds it: the status with completedIndexes and failedIndexes
    /// filled in (a change of either alone is a status write too).
    pub fn api_status(&self) -> JobStatus {
        let mut status = self.status.clone();
        if self.cfg.indexed && !self.cfg.managed_elsewhere {
            let s = self.succeeded_indexes.to_api_string();
            status.completed_indexes = (!s.is_empty()).then_some(s);
            if self.cfg.per_index_limit.is_some() {
                status.failed_indexes = Some(self.failed_indexes.to_api_string());
            }
        }
        status
    }
}

/// Keeps at most this many checkpoints; when full, every other one is dropped and the spacing
/// doubles, so memory stays bounded for long runs.
const MAX_CHECKPOINTS: usize = 64;

/// A finished run with checkpoints, for cheap `snapshot_at(t)` in any order (a time slider).
#[derive(Clone, Debug)]
pub struct Replay {
    /// Copies of the run at increasing times, each without its event log (the log is append-only
    /// and deterministic, so a checkpoint's log is a prefix of `end`'s): copying the log into
    /// every checkpoint made recording quadratic in the number of events, seconds for a Job
    /// that hits the interactive event cap.
    checkpoints: Vec<Checkpoint>,
    end: Simulation,
    /// Every time at which the run processed something, in order, without repeats. The run
    /// changes only there (a simulation changes only in `dispatch`, at a queued wakeup), so
    /// between two of these times a snapshot differs only in its `time_ms`: a player that
    /// redraws only when it crosses one of them draws the same picture for a fraction of the work.
    change_times: Vec<Millis>,
}

/// A simulation kept at the last moment a player asked for, so that the next, later moment is
/// reached by simulating only what happened in between rather than from the last checkpoint
/// (which, with 1 000 Pods, is thousands of events back). See [`Replay::snapshot_with`].
#[derive(Clone, Debug, Default)]
pub struct Cursor {
    sim: Option<Simulation>,
}

/// A copy of the simulation without its event log, and that log's length.
#[derive(Clone, Debug)]
struct Checkpoint {
    sim: Simulation,
    events: usize,
}

impl Checkpoint {
    fn of(sim: &mut Simulation) -> Checkpoint {
        let events = std::mem::take(&mut sim.events);
        let copy = sim.clone();
        sim.events = events;
        Checkpoint {
            sim: copy,
            events: sim.events.len(),
        }
    }

    /// The checkpointed simulation with its event log restored from the complete run.
    fn restore(&self, end: &Simulation) -> Simulation {
        let mut sim = self.sim.clone();
        sim.events = end
            .events
            .get(..self.events)
            .unwrap_or(&end.events)
            .to_vec();
        sim
    }
}

impl Replay {
    /// Runs `sim` (fresh, at time 0) until it settles or `until`, keeping checkpoints.
    pub fn record(sim: Simulation, until: Millis) -> Replay {
        let mut sim = sim;
        let mut checkpoints = vec![Checkpoint::of(&mut sim)];
        let mut spacing: u64 = 1024;
        let mut last = 0u64;
        let mut change_times: Vec<Millis> = Vec::new();
        while !sim.is_settled() && sim.stopped().is_none() {
            match sim.next_wakeup() {
                Some(t) if t <= until => {
                    sim.advance_to(t);
                    if change_times.last() != Some(&t) {
                        change_times.push(t);
                    }
                }
                _ => break,
            }
            // A checkpoint copies every Pod, so with many Pods they are spaced further apart:
            // copying then costs at most about as much as simulating the events in between.
            let due = spacing.max(
                u64::try_from(sim.pods.len())
                    .unwrap_or(u64::MAX)
                    .saturating_mul(4),
            );
            if sim.processed - last >= due {
                last = sim.processed;
                checkpoints.push(Checkpoint::of(&mut sim));
                if checkpoints.len() > MAX_CHECKPOINTS {
                    let mut i = 0usize;
                    checkpoints.retain(|_| {
                        i += 1;
                        i % 2 == 1
                    });
                    spacing = spacing.saturating_mul(2);
                }
            }
        }
        Replay {
            checkpoints,
            end: sim,
            change_times,
        }
    }

    /// Records `sim` within the page's budget: the interactive event and Pod caps and at most
    /// [`crate::limits::INTERACTIVE_UNTIL_MS`] of simulated time (or `until`, if earlier). The
    /// checkpoints stay bounded too (at most 64 copies), so time and memory are bounded for any
    /// Job.
    pub fn record_interactive(sim: Simulation, until: Millis) -> Replay {
        let mut sim = sim;
        sim.set_interactive_limits();
        Replay::record(sim, until.min(crate::limits::INTERACTIVE_UNTIL_MS))
    }

    /// The simulation at the end of the recorded run.
    pub fn end(&self) -> &Simulation {
        &self.end
    }

    /// The last time at or before `t` (clamped to the run's end) at which the run changed, or 0:
    /// the snapshot there equals the one at `t` but for its `time_ms`.
    pub fn last_change_at(&self, t: Millis) -> Millis {
        let t = t.min(self.end.now());
        let i = self.change_times.partition_point(|&c| c <= t);
        i.checked_sub(1).map_or(0, |i| self.change_times[i])
    }

    /// The snapshot at time `t`, as [`Replay::snapshot_at`] gives it, reached from `cursor` when
    /// that is not later than `t` (a playing diagram asks for later and later moments), else
    /// from the latest checkpoint; `cursor` is left at `t`.
    pub fn snapshot_with(&self, cursor: &mut Cursor, t: Millis) -> Snapshot {
        if t >= self.end.now() {
            return self.snapshot_at(t);
        }
        let sim = match cursor.sim.take() {
            // Advancing to a later time processes exactly the wakeups in between, so this is
            // the state the checkpoint would reach (`advance_to` is the only way time moves).
            Some(sim) if sim.now() <= t => sim,
            _ => self.restored_before(t),
        };
        let sim = cursor.sim.insert(sim);
        sim.advance_to(t);
        sim.snapshot()
    }

    /// The latest checkpoint not after `t`, restored (the first one if none is; `record` always
    /// keeps the start, so the end is only a formal fallback).
    fn restored_before(&self, t: Millis) -> Simulation {
        self.checkpoints
            .iter()
            .rev()
            .find(|c| c.sim.now() <= t)
            .or(self.checkpoints.first())
            .map_or_else(|| self.end.clone(), |c| c.restore(&self.end))
    }

    /// The snapshot at time `t`: the latest checkpoint not after `t`, advanced to `t`.
    pub fn snapshot_at(&self, t: Millis) -> Snapshot {
        if t >= self.end.now() {
            let mut s = self.end.clone();
            s.advance_to(t);
            return s.snapshot();
        }
        let mut s = self.restored_before(t);
        s.advance_to(t);
        s.snapshot()
    }
}
