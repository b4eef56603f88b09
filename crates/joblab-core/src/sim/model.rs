//! The observable state of a simulation: Pods, the Job status, events and the backoff record.
//!
//! These are plain values (Clone, Serialize) so a snapshot can be kept, compared and drawn. Times
//! are integer milliseconds since the Job was created (`*_ms`).

use serde::Serialize;

/// Simulated time: milliseconds since the Job was created.
pub type Millis = u64;

/// `pod.status.phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PodPhase {
    /// Created, container not running yet.
    Pending,
    /// The container runs (or waits to be restarted in place).
    Running,
    /// Every container exited 0.
    Succeeded,
    /// A container failed, the Pod was evicted, or it was deleted before finishing.
    Failed,
}

impl PodPhase {
    /// The phase as the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
        }
    }

    /// Whether the phase is terminal (Succeeded or Failed).
    pub const fn is_terminal(self) -> bool {
        matches!(self, PodPhase::Succeeded | PodPhase::Failed)
    }
}

/// The state of the Pod's (first) container, as `containerStatuses[0].state` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum ContainerState {
    /// Waiting, with the kubelet's reason (`ContainerCreating`, `CrashLoopBackOff`).
    Waiting {
        /// Why it waits.
        reason: String,
    },
    /// Running since `started_ms`.
    Running {
        /// When this run started.
        started_ms: Millis,
    },
    /// Exited.
    Terminated {
        /// The exit code.
        exit_code: i32,
        /// `Completed` (exit 0) or `Error`.
        reason: String,
        /// When it exited.
        finished_ms: Millis,
    },
}

/// What a stretch of a Pod's lane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SegmentKind {
    /// Created, container not started.
    Pending,
    /// A container run.
    Running,
    /// Waiting for the kubelet's restart back-off (OnFailure).
    CrashLoopBackOff,
    /// Deletion requested, container still running (it ignores SIGTERM).
    Terminating,
    /// Terminal: succeeded (open until the Pod is deleted).
    Succeeded,
    /// Terminal: failed (open until the Pod is deleted).
    Failed,
}

/// One stretch of a Pod's lane.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// What the stretch shows.
    pub kind: SegmentKind,
    /// Start time.
    pub start_ms: Millis,
    /// End time; `None` while open.
    pub end_ms: Option<Millis>,
    /// The Job-wide run number of a Running stretch.
    pub run: Option<u32>,
    /// The exit code a Running stretch ended with, when it ended by exiting.
    pub exit_code: Option<i32>,
    /// The back-off delay of a CrashLoopBackOff stretch.
    pub delay_ms: Option<Millis>,
}

/// A Pod condition worth drawing (only `DisruptionTarget` is modelled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCondition {
    /// Condition type.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True` or `False`.
    pub status: String,
    /// Machine-readable reason.
    pub reason: String,
    /// Human-readable message.
    pub message: String,
    /// When it was set.
    pub last_transition_ms: Millis,
}

/// One Pod the controller created.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.uid` (derived from the Job uid and the creation order).
    pub uid: String,
    /// Completion index (Indexed Jobs).
    pub index: Option<u32>,
    /// `status.phase`.
    pub phase: PodPhase,
    /// `status.reason` (`Evicted`).
    pub reason: Option<String>,
    /// The container's state.
    pub container: ContainerState,
    /// Exit code of the last finished container run.
    pub exit_code: Option<i32>,
    /// When the last container run finished (for `RESTARTS (x ago)`).
    pub last_exit_ms: Option<Millis>,
    /// `containerStatuses[0].restartCount`.
    pub restart_count: u32,
    /// Ready condition: the container runs.
    pub ready: bool,
    /// Creation time.
    pub created_ms: Millis,
    /// First container start.
    pub started_ms: Option<Millis>,
    /// When the Pod reached a terminal phase.
    pub finished_ms: Option<Millis>,
    /// When deletion was requested (`deletionTimestamp` minus the grace period).
    pub deletion_requested_ms: Option<Millis>,
    /// The grace period the deletion gave.
    pub grace_ms: Millis,
    /// When the Pod object disappeared from the API.
    pub deleted_ms: Option<Millis>,
    /// Pod conditions (DisruptionTarget).
    pub conditions: Vec<PodCondition>,
    /// The lane to draw.
    pub segments: Vec<Segment>,
    /// Job-wide run numbers of the runs that happened in this Pod.
    pub runs: Vec<u32>,
    /// Annotation `batch.kubernetes.io/job-index-failure-count` (backoffLimitPerIndex).
    pub index_failure_count: Option<u32>,
    /// Annotation `batch.kubernetes.io/job-index-ignored-failure-count` (shown when > 0).
    pub index_ignored_failure_count: Option<u32>,
    /// The Job controller accounted for this Pod (its tracking finalizer is gone).
    pub counted: bool,
    /// Whether its failure was ignored by a podFailurePolicy `Ignore` rule.
    pub failure_ignored: bool,
    /// Whether the current run ignores SIGTERM.
    #[serde(skip)]
    pub(crate) ignores_sigterm: bool,
    /// Invalidates scheduled kubelet events after a deletion or restart.
    #[serde(skip)]
    pub(crate) epoch: u32,
    /// The kubelet's next restart back-off (None before the first restart).
    #[serde(skip)]
    pub(crate) crash_backoff_ms: Option<Millis>,
    /// Current run's planned outcome.
    #[serde(skip)]
    pub(crate) plan: Option<RunPlan>,
}

impl Pod {
    /// Whether the Pod has a deletion timestamp and has not reached a terminal phase.
    pub fn is_terminating(&self) -> bool {
        self.deletion_requested_ms.is_some() && !self.phase.is_terminal()
    }

    /// Whether the Pod is active for the controller: not terminal, not being deleted.
    pub fn is_active(&self) -> bool {
        self.deletion_requested_ms.is_none() && !self.phase.is_terminal()
    }

    /// The time the backoff record uses as the failure time (k/k `backoff_utils.go`
    /// `getFinishedTime`): container finish, else the deletion time, else creation.
    /// In whole seconds, as the API stores those timestamps.
    pub fn finish_time_ms(&self) -> Millis {
        // The last container exit is the container's finishedAt, or, for a Pod stopped while
        // its container waited for a restart, when its Ready condition last turned False; a Pod
        // that never ran turned not-Ready when it stopped.
        // A container still running (a deleted Pod that ignores SIGTERM) has no finishedAt: the
        // Pod turned not-Ready when its deletion was asked.
        let running = matches!(self.container, ContainerState::Running { .. });
        let last_exit = if running { None } else { self.last_exit_ms };
        let t = last_exit
            .or(self.finished_ms)
            .or(self.deletion_requested_ms)
            .unwrap_or(self.created_ms);
        t - t % 1000
    }
}

/// How one container run will end, decided when it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RunPlan {
    pub run: u32,
    pub exit_code: i32,
    pub run_ms: Millis,
    pub evicted: bool,
}

/// A Job condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobCondition {
    /// `Complete`, `Failed`, `SuccessCriteriaMet`, `FailureTarget` or `Suspended`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True` or `False`.
    pub status: String,
    /// Machine-readable reason.
    pub reason: String,
    /// Human-readable message.
    pub message: String,
    /// lastProbeTime.
    pub last_probe_ms: Millis,
    /// lastTransitionTime.
    pub last_transition_ms: Millis,
}

/// `job.status` as the controller last wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobStatus {
    /// startTime.
    pub start_ms: Option<Millis>,
    /// completionTime (Complete only).
    pub completion_ms: Option<Millis>,
    /// active.
    pub active: u32,
    /// ready.
    pub ready: u32,
    /// terminating.
    pub terminating: u32,
    /// succeeded.
    pub succeeded: u32,
    /// failed.
    pub failed: u32,
    /// completedIndexes (Indexed Jobs).
    pub completed_indexes: Option<String>,
    /// failedIndexes (backoffLimitPerIndex).
    pub failed_indexes: Option<String>,
    /// conditions, in the order they were added.
    pub conditions: Vec<JobCondition>,
}

impl JobStatus {
    /// The condition of `type_` with status True, if any.
    pub fn condition(&self, type_: &str) -> Option<&JobCondition> {
        self.conditions
            .iter()
            .find(|c| c.type_ == type_ && c.status == "True")
    }

    /// When the Job reached Complete or Failed.
    pub fn finished_ms(&self) -> Option<Millis> {
        self.condition("Complete")
            .or_else(|| self.condition("Failed"))
            .map(|c| c.last_transition_ms)
    }
}

/// Event type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EventType {
    /// Normal.
    Normal,
    /// Warning.
    Warning,
}

impl EventType {
    /// As the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// One Kubernetes event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// When it was recorded.
    pub at_ms: Millis,
    /// Normal or Warning.
    #[serde(rename = "type")]
    pub type_: EventType,
    /// Reason.
    pub reason: String,
    /// Involved object as `kind/name` in lower case (`job/pi`, `pod/pi-x7k2p`).
    pub object: String,
    /// Message.
    pub message: String,
    /// Source component (`job-controller`, `kubelet`).
    pub source: String,
}

/// The Job-wide pod-failure backoff record (k/k `backoff_utils.go`), for labelling gaps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackoffState {
    /// Failures since the last success.
    pub failures_after_last_success: u32,
    /// Finish time of the latest counted failure.
    pub last_failure_ms: Option<Millis>,
    /// The delay those failures impose (`10s x 2^(n-1)`, capped at 600 s).
    pub delay_ms: Millis,
    /// The earliest time a replacement Pod may be created.
    pub next_creation_ms: Option<Millis>,
}

/// Why a run stopped before the Job settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StopReason {
    /// The engine processed `limit` queue events (default [`super::MAX_EVENTS`]).
    EventCap {
        /// The limit in force.
        limit: u64,
    },
    /// The controller created `limit` Pods (default [`super::MAX_PODS`]).
    PodCap {
        /// The limit in force.
        limit: usize,
    },
}

impl StopReason {
    /// A plain sentence for users.
    pub fn message(self) -> String {
        match self {
            StopReason::EventCap { limit } => {
                format!(
                    "simulation stopped early: it reached the limit of {limit} processed events; \
                     the Job is too large to simulate in full here (lower completions, \
                     parallelism or backoffLimit, or shorten the scenario, to see it finish)"
                )
            }
            StopReason::PodCap { limit } => {
                format!(
                    "simulation stopped early: the Job created the maximum of {limit} Pods the \
                     simulator allows; lower completions, parallelism or backoffLimit to see it \
                     finish"
                )
            }
        }
    }
}
