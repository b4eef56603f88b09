//! A deterministic, sans-IO simulation of the CronJob controller (k/k
//! `pkg/controller/cronjob/cronjob_controllerv2.go` and `utils.go`, v1.37.2) over the Jobs it
//! creates, each of which runs through the Job simulation ([`super::Simulation`]).
//!
//! Like the Job simulation it owns no clock: time is milliseconds since the CronJob was created
//! (the scenario's `startTime`, an absolute instant, since schedules depend on wall time and
//! zone). Inputs are the scenario's actions and `handle_*` calls; outputs are polled.
//!
//! **One instant, in rounds.** The real components give no order to what happens at one
//! instant; both this simulation and the oracle's harness use the same one, so the
//! differential compares the controllers' logic: at an instant, (A) the user's actions and the
//! controller's outage edges, (B) every child Job's simulation, oldest Job first, up to that
//! instant, (C) one sync of the CronJob if its queue holds it; then again from (A) while
//! anything is still due at that instant. A child Job's status write, its creation and its
//! deletion, and the CronJob's own status write put the CronJob in the queue at once (the
//! informer handlers `updateJob`, `addJob`, `deleteJob`, `updateCronJob`); a sync's return value
//! puts it back for the next scheduled time plus 100 ms.

mod controller;
pub mod json;
pub mod replay;
pub mod schedule;
pub mod spec;

use crate::api::api::batch::v1::Job;
use crate::scenario::{seconds_to_ms, Scenario};

use super::model::{Event, Millis};
use super::Simulation;
pub use schedule::NextTime;
pub use spec::{child_uid, ConcurrencyPolicy, CronJobSpec, CRONJOB_UID};

/// The most Jobs one CronJob simulation creates before it stops and says so.
pub const MAX_CHILD_JOBS: usize = 2_000;

/// `status.active[]`: a reference to a Job the controller created and has not seen finish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveRef {
    /// The Job's name.
    pub name: String,
    /// The Job's uid.
    pub uid: String,
}

/// `cronjob.status`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CronJobStatus {
    /// `active`, in the order the controller added them.
    pub active: Vec<ActiveRef>,
    /// `lastScheduleTime`, Unix seconds.
    pub last_schedule_unix_seconds: Option<i64>,
    /// `lastSuccessfulTime`, Unix seconds.
    pub last_successful_unix_seconds: Option<i64>,
}

/// One Job the CronJob created, and its simulation.
#[derive(Clone, Debug)]
pub struct ChildJob {
    /// 1 for the first Job the CronJob created, 2 for the next, ...
    pub ordinal: u32,
    /// The Job's name (`<cronjob>-<minutes since the epoch>`).
    pub name: String,
    /// The Job's uid ([`child_uid`]).
    pub uid: String,
    /// The scheduled time it was created for, Unix seconds; `None` for a Job created by hand
    /// (`kubectl create job --from=cronjob/...`).
    pub scheduled_unix_seconds: Option<i64>,
    /// When it was created, on the CronJob simulation's clock.
    pub created_ms: Millis,
    /// Where its own clock's 0 is on the CronJob simulation's clock: the whole second it was
    /// created in.
    pub clock_start_ms: Millis,
    /// The Job's simulation, on its own clock.
    pub sim: Simulation,
    /// Deleted in the background: gone from the API whatever its Pods do.
    pub removed: bool,
}

impl ChildJob {
    /// When the Job's deletion was asked (by the CronJob controller, the user or its TTL), on
    /// the CronJob simulation's clock.
    pub fn deleted_ms(&self) -> Option<Millis> {
        self.sim.job_deleted_ms().map(|t| t + self.clock_start_ms)
    }

    /// Whether the Job is gone from the API. A background deletion (the CronJob controller's,
    /// kubectl's) removes it at once; the TTL controller's foreground deletion only once every
    /// Pod has gone, which a Pod finalizer of the template's own can stop for good.
    pub fn gone(&self) -> bool {
        self.removed
            || (self.sim.job_deleted_ms().is_some()
                && (!self.sim.deleted_by_ttl
                    || self.sim.pods().iter().all(|p| p.deleted_ms.is_some())))
    }

    /// Whether the Job has a Complete or Failed condition (`jobutil.FinishedCondition`): the
    /// type of the first such condition.
    pub fn finished_condition(&self) -> Option<&'static str> {
        self.sim
            .status()
            .conditions
            .iter()
            .find(|c| c.status == "True" && (c.type_ == "Complete" || c.type_ == "Failed"))
            .map(|c| {
                if c.type_ == "Complete" {
                    "Complete"
                } else {
                    "Failed"
                }
            })
    }
}

/// A scenario entry of the CronJob's own timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Wake {
    /// The controller goes down.
    OutageStart,
    /// The controller starts again.
    OutageEnd,
    /// The scenario's n-th action.
    UserAction(usize),
}

/// The CronJob controller, its Jobs and their Pods.
#[derive(Clone, Debug)]
pub struct CronJobSimulation {
    spec: CronJobSpec,
    /// The decoded `spec.jobTemplate`, as a Job.
    template: Job,
    schedule: std::sync::Arc<dyn NextTime + Send + Sync>,
    scenario: Scenario,
    start_unix_seconds: i64,
    now: Millis,
    status: CronJobStatus,
    children: Vec<ChildJob>,
    events: Vec<Event>,
    /// The scenario's timeline, sorted by time then scenario order, and how far it has run.
    timeline: Vec<(Millis, Wake)>,
    next_entry: usize,
    /// The queue holds the CronJob for an immediate sync (`Add`).
    ready: bool,
    /// The queue's delayed entry (`AddAfter`), due at this time.
    delayed: Option<Millis>,
    /// Something asked for a sync while one ran (client-go's dirty set): it runs again.
    dirty: bool,
    syncing: bool,
    /// The controller is down.
    down: bool,
    stopped: Option<String>,
}

impl std::fmt::Debug for dyn NextTime + Send + Sync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NextTime")
    }
}

impl CronJobSimulation {
    /// A simulation of the CronJob `spec` created at the scenario's `startTime`, whose Jobs are
    /// made from `template` (the decoded `spec.jobTemplate`) on the times `schedule` gives.
    /// Rejects scenario parts that make no sense for a CronJob.
    pub fn new(
        spec: CronJobSpec,
        template: Job,
        schedule: std::sync::Arc<dyn NextTime + Send + Sync>,
        scenario: Scenario,
    ) -> Result<CronJobSimulation, String> {
        // The node's image and the quota are the namespace's and the node's, shared by every
        // Job; the model runs each Job on a node of its own, so it refuses them here.
        if !scenario.image_present {
            return Err("imagePresent is not supported in a CronJob scenario".to_owned());
        }
        if scenario.quota_exceeded.is_some() {
            return Err("quotaExceeded is not supported in a CronJob scenario".to_owned());
        }
        for (i, a) in scenario.actions.iter().enumerate() {
            if a.delete_pod.is_some() {
                return Err(format!(
                    "actions[{i}]: deletePod is not supported in a CronJob scenario"
                ));
            }
            if let Some(p) = &a.patch {
                if p.spec.parallelism.is_some()
                    || p.spec.completions.is_some()
                    || p.spec.active_deadline_seconds.is_some()
                {
                    return Err(format!(
                        "actions[{i}].patch: a CronJob scenario patches only spec.suspend"
                    ));
                }
            }
            if a.delete_job.as_ref().is_some_and(|d| d.job.is_none()) {
                return Err(format!(
                    "actions[{i}].deleteJob: name the CronJob's Job to delete with `job: N`"
                ));
            }
        }
        let mut timeline: Vec<(Millis, Wake)> = scenario
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (seconds_to_ms(a.at), Wake::UserAction(i)))
            .collect();
        if let Some(o) = &scenario.cron_job_controller_down {
            timeline.push((seconds_to_ms(o.from), Wake::OutageStart));
            timeline.push((seconds_to_ms(o.to), Wake::OutageEnd));
        }
        // Stable: equal times keep the order above (actions in scenario order, then outage).
        timeline.sort_by_key(|(at, _)| *at);
        let start_unix_seconds = scenario.start_unix_seconds();
        Ok(CronJobSimulation {
            spec,
            template,
            schedule,
            scenario,
            start_unix_seconds,
            now: 0,
            status: CronJobStatus::default(),
            children: Vec::new(),
            events: Vec::new(),
            timeline,
            next_entry: 0,
            // The informer's add handler queues a new CronJob at once.
            ready: true,
            delayed: None,
            dirty: false,
            syncing: false,
            down: false,
            stopped: None,
        })
    }

    /// A simulation of the CronJob document `report` of `check_source(text)` (which checked it
    /// and decoded its `jobTemplate`), with its schedule parsed by the cron engine.
    pub fn from_check(
        text: &str,
        report: &crate::check::DocumentReport,
        scenario: Scenario,
    ) -> Result<CronJobSimulation, String> {
        if report.kind.as_deref() != Some("CronJob") || !report.valid {
            return Err("not a valid batch/v1 CronJob".to_owned());
        }
        let stream = crate::yaml::parse_stream(text);
        let root = stream
            .documents
            .iter()
            .find(|d| d.index == report.index)
            .and_then(|d| d.root.as_ref())
            .ok_or("the CronJob document is empty")?;
        let manifest = match report.item {
            Some(i) => root.to_json()["items"][i].clone(),
            None => root.to_json(),
        };
        let template = report.job.clone().ok_or("the CronJob has no jobTemplate")?;
        CronJobSimulation::from_manifest(&manifest, template, scenario)
    }

    /// A simulation of the CronJob `manifest` (JSON, as written or in its stored form) whose
    /// Jobs are made from `template` (the decoded `spec.jobTemplate`, before defaulting), with
    /// its schedule parsed by the cron engine.
    pub fn from_manifest(
        manifest: &serde_json::Value,
        template: Job,
        scenario: Scenario,
    ) -> Result<CronJobSimulation, String> {
        let spec = CronJobSpec::from_manifest(manifest)?;
        let schedule = schedule::ControllerSchedule::new(&spec.schedule, spec.time_zone.as_deref())
            .map_err(|e| format!("spec.schedule: {e}"))?;
        CronJobSimulation::new(spec, template, std::sync::Arc::new(schedule), scenario)
    }

    /// The current time, ms since the CronJob was created.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// When the CronJob was created, Unix seconds.
    pub fn start_unix_seconds(&self) -> i64 {
        self.start_unix_seconds
    }

    /// The first scheduled time strictly after `after_unix_seconds`, in Unix seconds.
    pub fn next_scheduled_after(&self, after_unix_seconds: i64) -> Option<i64> {
        self.schedule.next_after(after_unix_seconds)
    }

    /// The scenario the simulation runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The CronJob as read (spec with patches applied).
    pub fn spec(&self) -> &CronJobSpec {
        &self.spec
    }

    /// The CronJob's status as last written.
    pub fn status(&self) -> &CronJobStatus {
        &self.status
    }

    /// Every Job the CronJob created, in creation order (deleted ones included).
    pub fn children(&self) -> &[ChildJob] {
        &self.children
    }

    /// The CronJob controller's events, in time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The schedule the controller runs (robfig's `Next` in the CronJob's zone).
    pub fn schedule(&self) -> &dyn NextTime {
        self.schedule.as_ref()
    }

    /// Whether the controller is down now (the scenario's `cronJobControllerDown`).
    pub fn controller_down(&self) -> bool {
        self.down
    }

    /// Why the run stopped early, if a cap stopped it.
    pub fn stopped(&self) -> Option<&str> {
        self.stopped.as_deref()
    }

    /// The wall-clock ms of a simulated instant.
    fn wall_ms(&self, t: Millis) -> i64 {
        self.start_unix_seconds
            .saturating_mul(1000)
            .saturating_add(i64::try_from(t).unwrap_or(i64::MAX))
    }

    /// The simulated instant of a wall-clock ms (never before the start).
    fn sim_ms(&self, wall_ms: i64) -> Millis {
        u64::try_from(wall_ms.saturating_sub(self.start_unix_seconds.saturating_mul(1000)))
            .unwrap_or(0)
    }

    /// When something happens next; `None` when nothing will.
    pub fn next_wakeup(&self) -> Option<Millis> {
        if self.stopped.is_some() {
            return None;
        }
        let mut next = self.timeline.get(self.next_entry).map(|(t, _)| *t);
        let mut consider = |t: Millis| next = Some(next.map_or(t, |n| n.min(t)));
        if !self.down {
            if self.ready {
                consider(self.now);
            }
            if let Some(d) = self.delayed {
                consider(d.max(self.now));
            }
        }
        for c in &self.children {
            if let Some(t) = c.sim.next_wakeup() {
                consider(t + c.clock_start_ms);
            }
        }
        next
    }

    /// Runs every round due at or before `until`, then sets the clock to `until`.
    pub fn advance_to(&mut self, until: Millis) {
        while let Some(t) = self.next_wakeup().filter(|&t| t <= until) {
            self.now = self.now.max(t);
            self.round();
        }
        if self.stopped.is_none() {
            self.now = self.now.max(until);
        }
    }

    /// One round at the current instant: (A) the scenario's entries, (B) the Jobs, (C) one sync.
    fn round(&mut self) {
        let t = self.now;
        while let Some(&(at, wake)) = self.timeline.get(self.next_entry) {
            if at > t {
                break;
            }
            self.next_entry += 1;
            self.on_wake(wake);
        }
        for i in 0..self.children.len() {
            let Some(c) = self.children.get_mut(i) else {
                break;
            };
            if c.sim.next_wakeup().is_none_or(|n| n + c.clock_start_ms > t) {
                continue;
            }
            let before = (c.sim.api_status(), c.sim.job_deleted_ms(), c.gone());
            c.sim.advance_to(t - c.clock_start_ms);
            let changed = before != (c.sim.api_status(), c.sim.job_deleted_ms(), c.gone());
            if changed {
                // updateJob / deleteJob: the CronJob is queued at once.
                self.enqueue();
            }
        }
        if self.down {
            return;
        }
        let due = self.delayed.is_some_and(|d| d <= t);
        if due {
            self.delayed = None;
        }
        if self.ready || due {
            self.ready = false;
            self.syncing = true;
            let requeue_at = self.sync();
            self.syncing = false;
            // processNextWorkItem: AddAfter with the wait the sync returned, then Done, which
            // queues the CronJob again if something asked for it during the sync.
            if let Some(at) = requeue_at {
                self.add_after(at);
            }
            if std::mem::take(&mut self.dirty) {
                self.ready = true;
            }
        }
    }

    /// `queue.Add` from an informer handler.
    fn enqueue(&mut self) {
        if self.down {
            return;
        }
        if self.syncing {
            self.dirty = true;
        } else {
            self.ready = true;
        }
    }

    /// `queue.AddAfter` to the wall-clock instant `at_wall_ms`: a wait of zero or less is an
    /// `Add`; a later due time than the one waiting changes nothing.
    fn add_after(&mut self, at_wall_ms: i64) {
        let now_wall = self.wall_ms(self.now);
        if at_wall_ms <= now_wall {
            self.enqueue();
            return;
        }
        let at = self.sim_ms(at_wall_ms);
        if self.delayed.is_none_or(|d| at < d) {
            self.delayed = Some(at);
        }
    }

    fn on_wake(&mut self, wake: Wake) {
        match wake {
            Wake::OutageStart => {
                // The process dies: its queue and everything in it are gone.
                self.down = true;
                self.ready = false;
                self.delayed = None;
            }
            Wake::OutageEnd => {
                // A new process lists the CronJob and its Jobs; the handlers queue it at once.
                self.down = false;
                self.ready = true;
            }
            Wake::UserAction(i) => self.on_user_action(i),
        }
    }

    fn on_user_action(&mut self, i: usize) {
        let Some(action) = self.scenario.actions.get(i).cloned() else {
            return;
        };
        if let Some(suspend) = action.patch.and_then(|p| p.spec.suspend) {
            self.handle_patch_suspend(suspend);
        }
        if let Some(n) = action.delete_job.and_then(|d| d.job) {
            self.handle_delete_job(n);
        }
        if let Some(c) = action.create_job {
            self.handle_create_job(&c.name);
        }
    }

    /// `kubectl create job NAME --from=cronjob/CRONJOB` now: a Job made from the template as
    /// kubectl makes it (`spec::CronJobSpec::manual_job_for`), which the controller did not
    /// schedule. False, and nothing changes, when the API server would refuse it: a name that is
    /// not a Job name, or one a Job that still exists already has.
    pub fn handle_create_job(&mut self, name: &str) -> bool {
        if !spec::is_job_name(name) || self.children.iter().any(|c| c.name == name && !c.gone()) {
            return false;
        }
        let job = self.spec.manual_job_for(&self.template, name);
        self.create_child_job(job, None).is_some()
    }

    /// `kubectl patch cronjob --type=merge -p '{"spec":{"suspend":…}}'` now. A patch that
    /// changes nothing is no update; one that does queues the CronJob (`updateCronJob`).
    pub fn handle_patch_suspend(&mut self, suspend: bool) {
        if self.spec.suspend == suspend {
            return;
        }
        self.spec.suspend = suspend;
        self.enqueue();
    }

    /// `kubectl delete job` of the CronJob's `ordinal`-th Job now (in the background, as
    /// kubectl deletes); false when there is no such Job or it is already gone.
    pub fn handle_delete_job(&mut self, ordinal: u32) -> bool {
        let Some(i) = self
            .children
            .iter()
            .position(|c| c.ordinal == ordinal && !c.gone())
        else {
            return false;
        };
        self.delete_child(i);
        true
    }

    /// Deletes a child Job now; its garbage collector and kubelet act at once, before anything
    /// else the Job's simulation has due at this instant (round order: (A) and (C) act on the
    /// state (B) left).
    fn delete_child(&mut self, i: usize) {
        let now = self.now;
        if let Some(c) = self.children.get_mut(i) {
            c.sim.set_now(now - c.clock_start_ms);
            c.sim.handle_delete_job();
            c.removed = true;
        }
        self.enqueue();
    }

    /// Creates the child Job for `scheduled_unix_seconds` now, returning its index.
    fn create_child(&mut self, scheduled_unix_seconds: i64) -> Option<usize> {
        let offset = self.schedule.utc_offset_seconds(scheduled_unix_seconds);
        let job = self
            .spec
            .job_for(&self.template, scheduled_unix_seconds, offset);
        self.create_child_job(job, Some(scheduled_unix_seconds))
    }

    /// Creates `job` now as the CronJob's next child, returning its index; `scheduled` is the
    /// scheduled time the controller made it for (`None` for one made by hand).
    fn create_child_job(&mut self, mut job: Job, scheduled: Option<i64>) -> Option<usize> {
        if self.children.len() >= MAX_CHILD_JOBS {
            self.stopped = Some(format!(
                "Stopped after {MAX_CHILD_JOBS} Jobs: the simulation's limit"
            ));
            return None;
        }
        let ordinal = u32::try_from(self.children.len() + 1).unwrap_or(u32::MAX);
        let uid = child_uid(ordinal);
        // The API server's create path: defaults, the generated selector and labels.
        crate::defaults::apply_defaults(&mut job, &uid);
        job.metadata.uid = Some(uid.clone());
        let name = job.metadata.name.clone().unwrap_or_default();
        let clock_start_ms = self.now - self.now % 1000;
        let sim = Simulation::new_created_at(
            job,
            child_scenario(&self.scenario, ordinal),
            self.now - clock_start_ms,
        );
        self.children.push(ChildJob {
            ordinal,
            name,
            uid,
            scheduled_unix_seconds: scheduled,
            created_ms: self.now,
            clock_start_ms,
            sim,
            removed: false,
        });
        // addJob: the CronJob is queued at once.
        self.enqueue();
        Some(self.children.len() - 1)
    }
}

/// What the `ordinal`-th child Job's containers do: the CronJob scenario's defaults, the `runs`
/// rules that match every Job or this one (`match.job`), no actions, and a seed of its own
/// (`seed + ordinal - 1`) for its Pod names and failureRate draws.
pub fn child_scenario(scenario: &Scenario, ordinal: u32) -> Scenario {
    let runs = scenario
        .runs
        .iter()
        .filter(|r| r.match_.job.is_none_or(|j| j == ordinal))
        .map(|r| {
            let mut r = r.clone();
            r.match_.job = None;
            r
        })
        .collect();
    Scenario {
        startup_seconds: scenario.startup_seconds,
        run_seconds: scenario.run_seconds,
        exit_code: scenario.exit_code,
        seed: scenario.seed.wrapping_add(u64::from(ordinal) - 1),
        failure_rate: scenario.failure_rate,
        runs,
        actions: Vec::new(),
        // The pull's time and size hold for every Job; the node's image and the quota window
        // are Job scenarios' only (each child Job here has a node of its own).
        image_pull_seconds: scenario.image_pull_seconds,
        image_size_bytes: scenario.image_size_bytes,
        image_present: true,
        quota_exceeded: None,
        start_time: None,
        cron_job_controller_down: None,
    }
}
