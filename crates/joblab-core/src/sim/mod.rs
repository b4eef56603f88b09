//! A deterministic, sans-IO simulation of the Job controller, the kubelet and the
//! TTL-after-finished controller.
//!
//! The design follows quinn-proto: [`Simulation`] owns no clock and does no I/O. Callers feed inputs
//! (`handle_*`), ask when something happens next ([`Simulation::next_wakeup`]), move time forward
//! ([`Simulation::advance_to`], [`Simulation::step`]) and read outputs ([`Simulation::snapshot`],
//! [`Simulation::events`]). Everything that happens is an entry in a queue ordered by
//! `(time, sequence)`, so equal times keep the order in which they were scheduled, and the same
//! Job, scenario and seed always give the same trace.
//!
//! How the real system is modelled (sources: k/k `pkg/controller/job/job_controller.go`,
//! `backoff_utils.go`, `indexed_job_utils.go`, `pod_failure_policy.go`, `success_policy.go`,
//! `pkg/controller/ttlafterfinished`, kubelet `kuberuntime_manager.go` `doBackOff`):
//!
//! - Reconcile triggers: a Job change (creation, a patch) syncs at once; every Pod change asks for
//!   a sync [`SYNC_BATCH_MS`] later, and requests that arrive before a pending sync merge into it,
//!   which is what the controller's `enqueueSyncJobBatched` does with its 1 s `syncJobBatchPeriod`.
//!   Backoff and activeDeadlineSeconds add delayed syncs.
//! - Pods are scheduled at once: a Pod is `ContainerCreating` for `startupSeconds`, then the
//!   kubelet checks the image (and pulls it, `imagePullSeconds`, when the pull policy says so),
//!   then its container runs for `runSeconds` and exits.
//! - The API server refuses Pod creations only while the scenario's `quotaExceeded` window is
//!   open; then the first slow-start batch (one Pod) fails, the rest are skipped, the controller
//!   records `FailedCreate` and the sync fails, so the Job is requeued with the work queue's
//!   rate limiter (1 s doubling to 60 s).
//! - The kubelet restarts a failed container in place under OnFailure: the first restart is
//!   immediate, later ones wait 10 s, 20 s, ... capped at 300 s from the previous exit
//!   (`CrashLoopBackOff`), as `flowcontrol.Backoff` does in the kubelet.
//! - Deleting a running Pod sends SIGTERM: a container that honours it exits at once with 143; one
//!   that ignores it keeps running for the whole grace period and is then killed with 137. A Pod
//!   deleted before its container ran, or while it waits for a restart, fails at once.
//! - All containers of a Pod behave as its first one (the scenario describes one container per Pod).

mod config;
mod controller;
pub mod cronjob;
pub mod intervals;
pub mod json;
mod kubelet;
pub mod model;
pub mod rng;
pub mod snapshot;
mod update;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::api::api::batch::v1::Job;
use crate::scenario::{seconds_to_ms, Scenario};

use config::JobConfig;
pub use config::{image_with_default_tag, PullPolicy, JOB_CONTROLLER_NAME};
use intervals::IndexSet;
pub use model::*;
use rng::SplitMix64;
pub use snapshot::{Cursor, Replay, Snapshot};

/// The most queue entries one simulation processes before it stops and says so
/// ([`crate::limits::MAX_SIM_EVENTS`]; the page uses [`crate::limits::INTERACTIVE_MAX_EVENTS`]).
pub const MAX_EVENTS: u64 = crate::limits::MAX_SIM_EVENTS;
/// The most Pods one simulation creates before it stops and says so
/// ([`crate::limits::MAX_SIM_PODS`]; the page uses [`crate::limits::INTERACTIVE_MAX_PODS`]).
pub const MAX_PODS: usize = crate::limits::MAX_SIM_PODS;
/// Delay of a Pod-triggered sync (`syncJobBatchPeriod` in the controller).
pub const SYNC_BATCH_MS: Millis = 1_000;
/// The one node of the model's cluster: the scheduler binds every Pod to it at once.
pub const NODE_NAME: &str = "node-1";
/// First delay before replacement Pods (`DefaultJobPodFailureBackOff`).
pub const POD_FAILURE_BACKOFF_MS: Millis = 10_000;
/// Cap of that delay (`MaxJobPodFailureBackOff`, 10 minutes).
pub const MAX_POD_FAILURE_BACKOFF_MS: Millis = 600_000;
/// First kubelet container restart back-off.
pub const CONTAINER_BACKOFF_MS: Millis = 10_000;
/// Cap of the kubelet container restart back-off (`MaxContainerBackOff`).
pub const MAX_CONTAINER_BACKOFF_MS: Millis = 300_000;
/// First delay of the Job's requeue after a sync that failed (`DefaultJobApiBackOff`).
pub const API_BACKOFF_MS: Millis = 1_000;
/// Cap of that delay (`MaxJobApiBackOff`).
pub const MAX_API_BACKOFF_MS: Millis = 60_000;
/// Most Pods one sync creates or deletes (`MaxPodCreateDeletePerSync`).
pub const MAX_POD_CREATE_DELETE_PER_SYNC: usize = 500;
/// The uid of the simulated Job when it has none.
pub const DEFAULT_UID: &str = "8f4b9c62-2d1e-4a7b-9c3d-5e6f7a8b9c0d";

/// What a queue entry does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Wake {
    /// The Job controller reconciles the Job.
    Sync,
    /// The Pod's container starts (end of startup).
    ContainerStart { pod: usize, epoch: u32 },
    /// The running container exits.
    ContainerExit { pod: usize, epoch: u32 },
    /// The kubelet restarts the container after its back-off.
    ContainerRestart { pod: usize, epoch: u32 },
    /// The node's image pull for the Pod ends; `requested_ms` is when the kubelet asked for it.
    PullDone {
        pod: usize,
        epoch: u32,
        restart: bool,
        requested_ms: Millis,
    },
    /// The grace period of a deleted Pod ends; the kubelet kills it.
    GraceExpired { pod: usize, epoch: u32 },
    /// The scenario's n-th user action.
    UserAction(usize),
    /// The TTL-after-finished controller deletes the Job.
    TtlExpired,
}

/// A queue entry: ordered by time, then by who acts (the kubelet and the user before the
/// controllers), then by the order it was scheduled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Queued {
    at: Millis,
    /// 0 for the kubelet and user actions, 1 for the controllers' syncs ([`Wake::is_controller`]).
    class: u8,
    seq: u64,
    wake: Wake,
}

impl Wake {
    /// Whether a controller (the Job or TTL controller) acts at this entry. At one instant every
    /// Pod and user change happens before the controllers sync: the real components give no
    /// order to things that happen at exactly the same time, and this one tie-break is shared
    /// with the oracle's harness (oracle/README.md, "The kubelet and scheduler model"), so the
    /// differential compares the controllers and not two ways of breaking ties.
    const fn is_controller(self) -> bool {
        matches!(self, Wake::Sync | Wake::TtlExpired)
    }
}

/// The simulation: the Job controller, its Pods, the kubelet and the TTL controller.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) job: Job,
    pub(crate) cfg: JobConfig,
    pub(crate) uid: String,
    pub(crate) scenario: Scenario,
    pub(crate) rng: SplitMix64,
    pub(crate) now: Millis,
    seq: u64,
    queue: BinaryHeap<Reverse<Queued>>,
    /// The work queue's delayed entry for the Job, if any: its due time. A delayed request
    /// merges into an earlier one, as client-go's delaying queue keeps one entry per item.
    sync_at: Option<Millis>,
    /// An immediate request is waiting in the queue (`Add`): it is independent of the delayed
    /// entry, which still fires at its time.
    sync_ready: bool,
    pub(crate) pods: Vec<Pod>,
    /// Pods the controller still looks at: not terminal, or not yet accounted for.
    pub(crate) live: Vec<usize>,
    pub(crate) names: HashSet<String>,
    pub(crate) status: JobStatus,
    pub(crate) succeeded_indexes: IndexSet,
    pub(crate) failed_indexes: IndexSet,
    /// Per index: the last failed Pod (per-index backoff and failure-count annotations).
    pub(crate) index_last_failed: HashMap<u32, usize>,
    /// Per index: how many container runs it had (scenario `attempt`).
    pub(crate) index_attempts: HashMap<u32, u32>,
    /// Pod of each run, by run number - 1.
    pub(crate) run_pods: Vec<usize>,
    pub(crate) events: Vec<Event>,
    /// The Pods the controller deleted in the sync in progress.
    pub(crate) deleted_in_sync: Vec<usize>,
    pub(crate) backoff: BackoffState,
    pub(crate) job_deleted_ms: Option<Millis>,
    pub(crate) deleted_by_ttl: bool,
    pub(crate) ttl_pending: bool,
    pub(crate) processed: u64,
    pub(crate) stopped: Option<StopReason>,
    pub(crate) max_events: u64,
    pub(crate) max_pods: usize,
    /// When the node holds the Pod image: from the start (`imagePresent`), or from the end of
    /// the first pull that completed.
    pub(crate) image_present_ms: Option<Millis>,
    /// When the node's image puller is free: the kubelet pulls one image at a time
    /// (`serializeImagePulls`, true by default), so a pull waits for the ones before it.
    pub(crate) puller_free_ms: Millis,
    /// The sync in progress failed (the API server refused a Pod): the work queue requeues the
    /// Job with its rate limiter.
    pub(crate) sync_failed: bool,
    /// The rate limiter's failure count for the Job (`ItemExponentialFailureRateLimiter`, reset
    /// by `Forget` after a sync that succeeds).
    pub(crate) sync_failures: u32,
}

impl Simulation {
    /// A simulation of `job` (defaulted and validated, though unset fields get their API defaults)
    /// created at time 0, with containers behaving as `scenario` says.
    pub fn new(job: Job, scenario: Scenario) -> Simulation {
        Simulation::new_created_at(job, scenario, 0)
    }

    /// A simulation of `job` created at `created_ms` on its own clock, whose 0 is a whole second
    /// of wall time: a CronJob's child Job is created 100 ms or more into a second, and every
    /// time the API stores (whole seconds) is cut on the wall clock's seconds, so the Job's clock
    /// starts at the second it was created in. Its scenario's actions are at times of that clock.
    pub fn new_created_at(job: Job, scenario: Scenario, created_ms: Millis) -> Simulation {
        let cfg = JobConfig::from_job(&job);
        let uid = job
            .metadata
            .uid
            .clone()
            .unwrap_or_else(|| DEFAULT_UID.to_string());
        let mut sim = Simulation {
            rng: SplitMix64::new(scenario.seed),
            job,
            cfg,
            uid,
            scenario,
            now: created_ms,
            seq: 0,
            queue: BinaryHeap::new(),
            sync_at: None,
            sync_ready: false,
            pods: Vec::new(),
            live: Vec::new(),
            names: HashSet::new(),
            status: JobStatus::default(),
            succeeded_indexes: IndexSet::new(),
            failed_indexes: IndexSet::new(),
            index_last_failed: HashMap::new(),
            index_attempts: HashMap::new(),
            run_pods: Vec::new(),
            events: Vec::new(),
            deleted_in_sync: Vec::new(),
            backoff: BackoffState::default(),
            job_deleted_ms: None,
            deleted_by_ttl: false,
            ttl_pending: false,
            processed: 0,
            stopped: None,
            max_events: MAX_EVENTS,
            max_pods: MAX_PODS,
            image_present_ms: None,
            puller_free_ms: created_ms,
            sync_failed: false,
            sync_failures: 0,
        };
        if sim.scenario.image_present {
            sim.image_present_ms = Some(0);
        }
        let actions: Vec<Millis> = sim
            .scenario
            .actions
            .iter()
            .map(|a| seconds_to_ms(a.at))
            .collect();
        for (i, at) in actions.into_iter().enumerate() {
            sim.schedule(at, Wake::UserAction(i));
        }
        if sim.cfg.unknown_mode {
            sim.record_job_event(
                EventType::Warning,
                "UnknownCompletionMode",
                "Skipped Job sync because completion mode is unknown",
            );
        } else {
            sim.request_sync(created_ms);
        }
        sim
    }

    /// Lowers (or raises) the event and Pod caps, e.g. for a UI that wants a quicker answer.
    pub fn set_limits(&mut self, max_events: u64, max_pods: usize) {
        self.max_events = max_events;
        self.max_pods = max_pods;
    }

    /// Applies the caps for a simulation that runs synchronously on input in the page
    /// ([`crate::limits::INTERACTIVE_MAX_EVENTS`], [`crate::limits::INTERACTIVE_MAX_PODS`]), so
    /// that even the largest valid Job stops, with its message, before typing stalls.
    pub fn set_interactive_limits(&mut self) {
        self.set_limits(
            crate::limits::INTERACTIVE_MAX_EVENTS,
            crate::limits::INTERACTIVE_MAX_PODS,
        );
    }

    /// The current simulated time.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// The Job as given (spec unchanged except for patches).
    pub fn job(&self) -> &Job {
        &self.job
    }

    /// Every event recorded so far, in time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Every Pod created so far, in creation order.
    pub fn pods(&self) -> &[Pod] {
        &self.pods
    }

    /// The Job status as last written.
    pub fn status(&self) -> &JobStatus {
        &self.status
    }

    /// Why the run stopped early, if a cap stopped it.
    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }

    /// When the Job object was deleted (by a user or the TTL controller).
    pub fn job_deleted_ms(&self) -> Option<Millis> {
        self.job_deleted_ms
    }

    /// When the next queued thing happens; `None` when nothing will ever happen again (or a cap
    /// stopped the run).
    pub fn next_wakeup(&self) -> Option<Millis> {
        if self.stopped.is_some() {
            return None;
        }
        self.queue.peek().map(|Reverse(q)| q.at)
    }

    /// Whether the Job has finished (or was deleted) and none of its Pods runs or terminates any
    /// more, and no TTL deletion is still due.
    pub fn is_settled(&self) -> bool {
        let finished = self.status.finished_ms().is_some()
            || self.job_deleted_ms.is_some()
            || self.cfg.managed_elsewhere;
        finished && !self.ttl_pending && self.pods.iter().all(|p| p.phase.is_terminal())
    }

    /// Processes everything due at the next wakeup time; returns that time, or `None` if nothing
    /// is queued.
    pub fn step(&mut self) -> Option<Millis> {
        let t = self.next_wakeup()?;
        self.advance_to(t);
        Some(t)
    }

    /// Processes every queue entry due at or before `t`, then sets the clock to `t` (time never
    /// goes backward: an earlier `t` only leaves the clock where it is).
    pub fn advance_to(&mut self, t: Millis) {
        while let Some(Reverse(q)) = self.queue.peek().copied() {
            if q.at > t || self.stopped.is_some() {
                break;
            }
            if self.processed >= self.max_events {
                self.stopped = Some(StopReason::EventCap {
                    limit: self.max_events,
                });
                break;
            }
            self.queue.pop();
            self.processed += 1;
            self.now = self.now.max(q.at);
            self.dispatch(q.wake);
        }
        if self.stopped.is_none() {
            self.now = self.now.max(t);
        }
    }

    /// Moves the clock forward to `t` without processing what is due at `t`: for a caller (the
    /// CronJob simulation) whose own action at `t` comes before this simulation's entries at
    /// that instant. Entries due before `t` must have been processed already.
    pub fn set_now(&mut self, t: Millis) {
        self.now = self.now.max(t);
    }

    /// Runs until the Job settles, the queue empties, a cap stops it, or `until` is reached.
    pub fn run_until_settled(&mut self, until: Millis) {
        while !self.is_settled() && self.stopped.is_none() {
            match self.next_wakeup() {
                Some(t) if t <= until => self.advance_to(t),
                _ => break,
            }
        }
        if !self.is_settled()
            && self.stopped.is_none()
            && self.next_wakeup().is_none_or(|t| t > until)
        {
            self.advance_to(until.max(self.now));
        }
    }

    /// `kubectl patch job --type=merge -p '{"spec":{"suspend":…}}'` at the current time.
    pub fn handle_patch_suspend(&mut self, suspend: bool) {
        // A patch that changes nothing is no update for the API server: no event, no sync.
        if self.job_deleted_ms.is_some() || self.cfg.suspend == suspend {
            return;
        }
        self.cfg.suspend = suspend;
        if let Some(spec) = self.job.spec.as_mut() {
            spec.suspend = Some(suspend);
        }
        self.request_sync(self.now);
    }

    /// Patches `spec.parallelism` at the current time.
    pub fn handle_patch_parallelism(&mut self, parallelism: i32) {
        if self.job_deleted_ms.is_some() || self.cfg.parallelism == parallelism.max(0) {
            return;
        }
        self.cfg.parallelism = parallelism.max(0);
        if let Some(spec) = self.job.spec.as_mut() {
            spec.parallelism = Some(self.cfg.parallelism);
        }
        self.request_sync(self.now);
    }

    /// Patches an Indexed Job's `spec.completions` at the current time (its parallelism changes in
    /// the same patch): indexes at or above the new count no longer exist, so their Pods are
    /// removed and their successes and failures forgotten at the next sync.
    pub fn handle_patch_completions(&mut self, completions: i32) {
        if self.job_deleted_ms.is_some() || self.cfg.completions == Some(completions.max(0)) {
            return;
        }
        self.cfg.completions = Some(completions.max(0));
        if let Some(spec) = self.job.spec.as_mut() {
            spec.completions = self.cfg.completions;
        }
        self.request_sync(self.now);
    }

    /// Patches `spec.activeDeadlineSeconds` at the current time.
    pub fn handle_patch_active_deadline_seconds(&mut self, seconds: i64) {
        let deadline_ms = Some(u64::try_from(seconds).unwrap_or(0).saturating_mul(1000));
        if self.job_deleted_ms.is_some() || self.cfg.active_deadline_ms == deadline_ms {
            return;
        }
        self.cfg.active_deadline_ms = deadline_ms;
        if let Some(spec) = self.job.spec.as_mut() {
            spec.active_deadline_seconds = Some(seconds.max(0));
        }
        self.request_sync(self.now);
    }

    /// `kubectl delete pod NAME` at the current time; returns whether such a Pod exists.
    pub fn handle_delete_pod(&mut self, name: &str) -> bool {
        let Some(id) = self
            .pods
            .iter()
            .position(|p| p.name == name && p.deleted_ms.is_none())
        else {
            return false;
        };
        self.delete_pod(id, true);
        true
    }

    /// `kubectl delete job` at the current time: the Job goes at once, its Pods are deleted in the
    /// background by the garbage collector (each with its grace period).
    pub fn handle_delete_job(&mut self) {
        if self.job_deleted_ms.is_some() {
            return;
        }
        self.job_deleted_ms = Some(self.now);
        self.ttl_pending = false;
        for id in 0..self.pods.len() {
            self.delete_pod(id, true);
            // Pods already being deleted lose their finalizer too: with the Job gone, the
            // controller's orphan worker removes it.
            self.maybe_gone(id);
        }
    }

    pub(crate) fn schedule(&mut self, at: Millis, wake: Wake) {
        self.seq += 1;
        self.queue.push(Reverse(Queued {
            at,
            class: u8::from(wake.is_controller()),
            seq: self.seq,
            wake,
        }));
    }

    /// Asks for a controller sync at `at`, merging with an earlier pending one.
    pub(crate) fn request_sync(&mut self, at: Millis) {
        if self.job_deleted_ms.is_some() || self.cfg.unknown_mode {
            return;
        }
        if at <= self.now {
            if !self.sync_ready {
                self.sync_ready = true;
                self.schedule(self.now, Wake::Sync);
            }
        } else if self.sync_at.is_none_or(|s| at < s) {
            self.sync_at = Some(at);
            self.schedule(at, Wake::Sync);
        }
    }

    /// A Pod changed: the controller hears of it and syncs a batch period later.
    pub(crate) fn pod_changed(&mut self) {
        self.request_sync(self.now + SYNC_BATCH_MS);
    }

    fn dispatch(&mut self, wake: Wake) {
        match wake {
            Wake::Sync => {
                let ready = std::mem::take(&mut self.sync_ready);
                let due = self.sync_at == Some(self.now);
                if due {
                    self.sync_at = None;
                }
                if ready || due {
                    let before = self.status.clone();
                    let counted_before = self.pods.iter().filter(|p| p.counted).count();
                    self.sync_failed = false;
                    self.sync();
                    if std::mem::take(&mut self.sync_failed) {
                        // processNextWorkItem: AddRateLimited, 1 s doubling to 60 s
                        // (DefaultJobApiBackOff, MaxJobApiBackOff).
                        let delay = API_BACKOFF_MS
                            .saturating_mul(1 << self.sync_failures.min(16))
                            .min(MAX_API_BACKOFF_MS);
                        self.sync_failures = self.sync_failures.saturating_add(1);
                        self.request_sync(self.now + delay);
                    } else {
                        self.sync_failures = 0;
                    }
                    // The controller's own status write comes back as a Job update event, and
                    // updateJob asks for a batched sync of an unfinished Job
                    // (job_controller.go, enqueueSyncJobBatched); a write that changes nothing
                    // is no update at all.
                    let finished = self.status.finished_ms().is_some();
                    // Each tracking finalizer the sync removed is a Pod update too (updatePod
                    // asks for a batched sync), even when the status did not change: a held
                    // finalizer of backoffLimitPerIndex released once the replacement exists.
                    let released = self.pods.iter().filter(|p| p.counted).count() > counted_before;
                    if (self.status != before || released) && !finished {
                        self.pod_changed();
                    }
                }
            }
            Wake::ContainerStart { pod, epoch } => self.on_container_start(pod, epoch),
            Wake::ContainerExit { pod, epoch } => self.on_container_exit(pod, epoch),
            Wake::ContainerRestart { pod, epoch } => self.on_container_restart(pod, epoch),
            Wake::PullDone {
                pod,
                epoch,
                restart,
                requested_ms,
            } => self.on_pull_done(pod, epoch, restart, requested_ms),
            Wake::GraceExpired { pod, epoch } => self.on_grace_expired(pod, epoch),
            Wake::UserAction(i) => self.on_user_action(i),
            Wake::TtlExpired => self.on_ttl_expired(),
        }
    }

    fn on_user_action(&mut self, i: usize) {
        let Some(action) = self.scenario.actions.get(i).cloned() else {
            return;
        };
        if let Some(patch) = action.patch {
            if update::refused(&self.job, &self.cfg, &patch.spec) {
                return;
            }
            if let Some(c) = patch.spec.completions {
                self.handle_patch_completions(c);
            }
            if let Some(s) = patch.spec.suspend {
                self.handle_patch_suspend(s);
            }
            if let Some(p) = patch.spec.parallelism {
                self.handle_patch_parallelism(p);
            }
            if let Some(d) = patch.spec.active_deadline_seconds {
                self.handle_patch_active_deadline_seconds(d);
            }
        }
        if let Some(d) = action.delete_pod {
            let target = if let Some(run) = d.run {
                run.checked_sub(1)
                    .and_then(|r| self.run_pods.get(r as usize))
                    .copied()
            } else if let Some(index) = d.index {
                self.pods.iter().rposition(|p| {
                    p.index == Some(index) && !p.phase.is_terminal() && p.deleted_ms.is_none()
                })
            } else if let Some(name) = d.name.as_deref() {
                self.pods.iter().position(|p| p.name == name)
            } else {
                None
            };
            if let Some(id) = target {
                if self.pods.get(id).is_some_and(|p| p.deleted_ms.is_none()) {
                    self.delete_pod(id, true);
                }
            }
        }
        if action.delete_job.is_some() {
            self.handle_delete_job();
        }
    }

    fn on_ttl_expired(&mut self) {
        if !self.ttl_pending || self.job_deleted_ms.is_some() {
            return;
        }
        self.ttl_pending = false;
        self.deleted_by_ttl = true;
        // Foreground cascading deletion: the Pods go first, then the Job (all Pods are terminal by
        // now, since Complete/Failed wait for terminating Pods).
        self.job_deleted_ms = Some(self.now);
        for id in 0..self.pods.len() {
            self.delete_pod(id, true);
        }
    }

    pub(crate) fn record_event(
        &mut self,
        type_: EventType,
        reason: &str,
        object: String,
        message: String,
        source: &str,
    ) {
        self.events.push(Event {
            at_ms: self.now,
            type_,
            reason: reason.to_string(),
            object,
            message,
            source: source.to_string(),
        });
    }

    pub(crate) fn record_job_event(&mut self, type_: EventType, reason: &str, message: &str) {
        let object = format!("job/{}", self.cfg.name);
        self.record_event(type_, reason, object, message.to_string(), "job-controller");
    }
}
