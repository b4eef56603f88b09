//! The guide's CronJob patterns: for each, a preset CronJob and scenario, the knobs a learner may
//! turn, and a paragraph on what the diagram shows. Each runs through the CronJob controller
//! simulation ([`crate::sim::cronjob`]), whose child Jobs run through the Job simulation.
//!
//! The patterns' CronJobs have no `timeZone`, so they run in the controller's zone, UTC, and their
//! schedules are parsed without the time zone database
//! ([`ControllerSchedule::utc`](crate::sim::cronjob::schedule::ControllerSchedule::utc)): the
//! guide's module draws them without the ~78 KB of zone code and data the schedule explainer
//! needs (docs/performance.md).

use serde_json::{json, Value};

use crate::api::api::batch::v1::{CronJob, Job};
use crate::scenario::{Action, JobPatch, JobSpecPatch, Outage, RunMatch, RunRule, Scenario};
use crate::sim::cronjob::schedule::ControllerSchedule;
use crate::sim::cronjob::{CronJobSimulation, CronJobSpec};
use crate::sim::Millis;

/// When every pattern's CronJob is created: the simulated clock's usual start. A whole hour, so
/// the schedules' times read plainly on the axis.
pub const START_TIME: &str = "2025-01-01T00:00:00Z";
/// [`START_TIME`] in seconds since the Unix epoch: where the patterns' wall clock starts, which
/// their pictures' moments are written on (`draw::export::Clock::Wall`).
pub const START_UNIX_SECONDS: i64 = 1_735_689_600;

/// One CronJob pattern of the guide. The one list of them: the routes
/// (`#/cronjobs/<slug>`, `#/embed/cronjobs/<slug>`), buttons and knobs come from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CronPreset {
    /// Every five minutes; finished Jobs pruned by the two history limits.
    History,
    /// `concurrencyPolicy: Forbid` with runs longer than the period.
    Forbid,
    /// `concurrencyPolicy: Replace` with runs longer than the period.
    Replace,
    /// Suspended for a while, then the controller down for a while, with
    /// `startingDeadlineSeconds`.
    Missed,
}

/// A knob of a CronJob pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CronKnob {
    /// `spec.successfulJobsHistoryLimit`.
    SuccessfulJobsHistoryLimit,
    /// `spec.failedJobsHistoryLimit`.
    FailedJobsHistoryLimit,
    /// Every n-th Job's Pod exits 1 (0: none fails).
    FailEvery,
    /// Seconds each Job's container runs.
    RunSeconds,
    /// `spec.startingDeadlineSeconds`.
    StartingDeadlineSeconds,
}

impl CronKnob {
    /// The visible label of the input.
    pub const fn label(self) -> &'static str {
        match self {
            CronKnob::SuccessfulJobsHistoryLimit => "successfulJobsHistoryLimit",
            CronKnob::FailedJobsHistoryLimit => "failedJobsHistoryLimit",
            CronKnob::FailEvery => "every nth Job fails",
            CronKnob::RunSeconds => "run seconds",
            CronKnob::StartingDeadlineSeconds => "startingDeadlineSeconds",
        }
    }

    /// The query key of an embed URL: the CronJob field's own name where there is one. Part of
    /// the embed contract (docs/embed.md).
    pub const fn key(self) -> &'static str {
        match self {
            CronKnob::SuccessfulJobsHistoryLimit => "successfulJobsHistoryLimit",
            CronKnob::FailedJobsHistoryLimit => "failedJobsHistoryLimit",
            CronKnob::FailEvery => "failEvery",
            CronKnob::RunSeconds => "runSeconds",
            CronKnob::StartingDeadlineSeconds => "startingDeadlineSeconds",
        }
    }

    /// The inclusive range the input accepts. `startingDeadlineSeconds` starts at 0, which the
    /// API server accepts and which makes every start too late (the controller syncs 100 ms
    /// after a scheduled time).
    pub const fn range(self) -> (i64, i64) {
        match self {
            CronKnob::SuccessfulJobsHistoryLimit => (0, 10),
            CronKnob::FailedJobsHistoryLimit => (0, 10),
            CronKnob::FailEvery => (0, 10),
            CronKnob::RunSeconds => (1, 1800),
            CronKnob::StartingDeadlineSeconds => (0, 3600),
        }
    }
}

/// The values of every CronJob knob (a pattern uses some of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CronKnobs {
    /// `spec.successfulJobsHistoryLimit`.
    pub successful_jobs_history_limit: u32,
    /// `spec.failedJobsHistoryLimit`.
    pub failed_jobs_history_limit: u32,
    /// Every n-th Job fails (0: none).
    pub fail_every: u32,
    /// Seconds a Job's container runs.
    pub run_seconds: u32,
    /// `spec.startingDeadlineSeconds`.
    pub starting_deadline_seconds: u32,
}

impl CronKnobs {
    /// The preset values of `p`.
    pub fn default_for(p: CronPreset) -> CronKnobs {
        let base = CronKnobs {
            successful_jobs_history_limit: 3,
            failed_jobs_history_limit: 1,
            fail_every: 0,
            run_seconds: 60,
            starting_deadline_seconds: 120,
        };
        match p {
            CronPreset::History => CronKnobs {
                successful_jobs_history_limit: 2,
                fail_every: 3,
                run_seconds: 90,
                ..base
            },
            // Longer than two periods of five minutes, so one scheduled time passes unrun.
            CronPreset::Forbid => CronKnobs {
                run_seconds: 660,
                ..base
            },
            CronPreset::Replace => CronKnobs {
                run_seconds: 420,
                ..base
            },
            CronPreset::Missed => base,
        }
    }

    /// The value of one knob.
    pub fn get(&self, k: CronKnob) -> i64 {
        i64::from(match k {
            CronKnob::SuccessfulJobsHistoryLimit => self.successful_jobs_history_limit,
            CronKnob::FailedJobsHistoryLimit => self.failed_jobs_history_limit,
            CronKnob::FailEvery => self.fail_every,
            CronKnob::RunSeconds => self.run_seconds,
            CronKnob::StartingDeadlineSeconds => self.starting_deadline_seconds,
        })
    }

    /// A copy with knob `k` set to `v`, clamped to the knob's range.
    pub fn with(mut self, k: CronKnob, v: i64) -> CronKnobs {
        let (lo, hi) = k.range();
        let u = u32::try_from(v.clamp(lo, hi)).unwrap_or(0);
        match k {
            CronKnob::SuccessfulJobsHistoryLimit => self.successful_jobs_history_limit = u,
            CronKnob::FailedJobsHistoryLimit => self.failed_jobs_history_limit = u,
            CronKnob::FailEvery => self.fail_every = u,
            CronKnob::RunSeconds => self.run_seconds = u,
            CronKnob::StartingDeadlineSeconds => self.starting_deadline_seconds = u,
        }
        self
    }
}

impl CronPreset {
    /// Every CronJob pattern, in the order the guide lists them.
    pub const ALL: [CronPreset; 4] = [
        CronPreset::History,
        CronPreset::Forbid,
        CronPreset::Replace,
        CronPreset::Missed,
    ];

    /// The URL segment after `#/cronjobs/` (and `#/embed/cronjobs/`). Part of the route contract:
    /// never rename.
    pub const fn slug(self) -> &'static str {
        match self {
            CronPreset::History => "schedule-history",
            CronPreset::Forbid => "forbid",
            CronPreset::Replace => "replace",
            CronPreset::Missed => "missed-runs",
        }
    }

    /// The pattern with this slug, if any.
    pub fn from_slug(slug: &str) -> Option<CronPreset> {
        CronPreset::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// The button label. Part of the accessible-name contract.
    pub const fn label(self) -> &'static str {
        match self {
            CronPreset::History => "Schedule and history limits",
            CronPreset::Forbid => "Forbid skips a run",
            CronPreset::Replace => "Replace stops a run",
            CronPreset::Missed => "Missed runs and startingDeadlineSeconds",
        }
    }

    /// The knobs this pattern offers, in display order.
    pub const fn knobs(self) -> &'static [CronKnob] {
        match self {
            CronPreset::History => &[
                CronKnob::SuccessfulJobsHistoryLimit,
                CronKnob::FailedJobsHistoryLimit,
                CronKnob::FailEvery,
            ],
            CronPreset::Forbid | CronPreset::Replace => &[CronKnob::RunSeconds],
            CronPreset::Missed => &[CronKnob::StartingDeadlineSeconds, CronKnob::RunSeconds],
        }
    }

    /// The CronJob's schedule.
    pub const fn schedule(self) -> &'static str {
        "*/5 * * * *"
    }

    /// How much of the CronJob's life the diagram shows.
    pub const fn span_ms(self) -> Millis {
        match self {
            CronPreset::History => 45 * 60_000,
            CronPreset::Forbid | CronPreset::Replace => 30 * 60_000,
            CronPreset::Missed => 50 * 60_000,
        }
    }

    /// One paragraph on what the diagram shows, true to the controller
    /// (k/k pkg/controller/cronjob/cronjob_controllerv2.go and utils.go, v1.37.2).
    pub const fn explanation(self) -> &'static str {
        match self {
            CronPreset::History => "schedule \"*/5 * * * *\" creates a Job at minute 0, 5, 10 and so on of every hour, named after its scheduled time in minutes since the Unix epoch; the first run is the first scheduled time after the CronJob was created. The controller keeps finished Jobs for kubectl logs and deletes the oldest once there are more than successfulJobsHistoryLimit (default 3) that completed, or more than failedJobsHistoryLimit (default 1) that failed; the two limits count separately. Deleting a Job deletes its Pods.",
            CronPreset::Forbid => "concurrencyPolicy Forbid never runs two Jobs at once: while a Job is active, a scheduled time does not start one (the JobAlreadyActive event). The time is not lost at once: lastScheduleTime stays where it was, so when the running Job finishes, the controller starts the most recent missed time right away, late, and every earlier missed time is never run. Without startingDeadlineSeconds a late start can be very late; with it, a start later than that is skipped instead (MissSchedule).",
            CronPreset::Replace => "concurrencyPolicy Replace keeps at most one Job: at each scheduled time the controller deletes the active Jobs (SuccessfulDelete) and creates the new one. Deleting a Job deletes its Pods, which get SIGTERM and their termination grace period (here the container stops at once, exit code 143). A Job deleted this way never finished, so it counts against neither history limit.",
            CronPreset::Missed => "While spec.suspend is true the controller starts nothing, and while the controller itself is down nothing happens either. On resuming or restarting it does not catch up: it looks only at scheduled times less than startingDeadlineSeconds old, and starts the most recent of those at once, late; older ones are dropped without an event. Here 0:15 is 150 s old when the CronJob resumes at 0:17:30 and 0:30 is 60 s old when the controller restarts at 0:31. Without startingDeadlineSeconds it starts the most recent missed time however late, and warns TooManyMissedTimes past 100 missed times; with 0 no Job ever starts.",
        }
    }
}

/// What one pattern run is made of: the CronJob as its controller reads it, the Job template,
/// the scenario and how long to run.
#[derive(Clone, Debug)]
pub struct CronSetup {
    /// The CronJob manifest (JSON), as a user would write it.
    pub manifest: Value,
    /// The CronJob's spec as the controller reads it.
    pub spec: CronJobSpec,
    /// The Job the controller makes from `spec.jobTemplate`, as `check_source` gives it.
    pub template: Job,
    /// What the Jobs' containers do, and what the user and the cluster do.
    pub scenario: Scenario,
    /// How long to run.
    pub span_ms: Millis,
}

/// The most Jobs a pattern's run can create; the failing-Job rules cover them all.
const MAX_PATTERN_JOBS: u32 = 20;

fn suspend_at(at: f64, suspend: bool) -> Action {
    Action {
        at,
        patch: Some(JobPatch {
            spec: JobSpecPatch {
                suspend: Some(suspend),
                ..JobSpecPatch::default()
            },
        }),
        ..Action::default()
    }
}

/// The CronJob, scenario and span of pattern `p` with knob values `k` (clamped, so nothing a
/// user types makes the run unbounded).
pub fn build(p: CronPreset, k: &CronKnobs) -> CronSetup {
    let k = CronKnob::ALL_KNOBS
        .iter()
        .fold(*k, |ks, &knob| ks.with(knob, ks.get(knob)));
    let mut spec = json!({
        "schedule": p.schedule(),
        "jobTemplate": {"spec": {
            // One Pod per Job, so a failing run fails its Job at once.
            "backoffLimit": 0,
            "template": {"spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "work"]}]
            }}
        }}
    });
    let mut scenario = Scenario {
        run_seconds: f64::from(k.run_seconds),
        start_time: Some(START_TIME.to_owned()),
        ..Scenario::default()
    };
    let name = match p {
        CronPreset::History => {
            spec["successfulJobsHistoryLimit"] = json!(k.successful_jobs_history_limit);
            spec["failedJobsHistoryLimit"] = json!(k.failed_jobs_history_limit);
            if k.fail_every > 0 {
                scenario.runs = (1..=MAX_PATTERN_JOBS)
                    .filter(|n| n % k.fail_every == 0)
                    .map(|n| RunRule {
                        match_: RunMatch {
                            job: Some(n),
                            ..RunMatch::default()
                        },
                        exit_code: Some(1),
                        ..RunRule::default()
                    })
                    .collect();
            }
            "report"
        }
        CronPreset::Forbid => {
            spec["concurrencyPolicy"] = json!("Forbid");
            "sync"
        }
        CronPreset::Replace => {
            spec["concurrencyPolicy"] = json!("Replace");
            "refresh"
        }
        CronPreset::Missed => {
            spec["startingDeadlineSeconds"] = json!(k.starting_deadline_seconds);
            // Suspended from 0:06 to 0:17:30 (the 0:10 and 0:15 runs are missed; 0:15 is 150 s
            // old at the resume), then the controller down from 0:27 to 0:31 (0:30 is 60 s old
            // when it starts again).
            scenario.actions = vec![suspend_at(360.0, true), suspend_at(1050.0, false)];
            scenario.cron_job_controller_down = Some(Outage {
                from: 1620.0,
                to: 1860.0,
            });
            "nightly"
        }
    };
    let manifest = json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": name},
        "spec": spec
    });
    CronSetup {
        spec: CronJobSpec::from_manifest(&manifest).unwrap_or_else(|_| fallback_spec(name)),
        template: template(&manifest),
        manifest,
        scenario,
        span_ms: p.span_ms(),
    }
}

/// A spec for a manifest `from_manifest` refused, which the presets never are (a test reads
/// every one); kept so that building a pattern cannot panic.
fn fallback_spec(name: &str) -> CronJobSpec {
    CronJobSpec {
        name: name.to_owned(),
        namespace: "default".to_owned(),
        schedule: String::new(),
        time_zone: None,
        concurrency_policy: Default::default(),
        starting_deadline_seconds: None,
        suspend: false,
        successful_jobs_history_limit: None,
        failed_jobs_history_limit: None,
        manifest: Value::Null,
    }
}

/// The Job the controller makes from the manifest's `jobTemplate`, as `check_source` makes it
/// (`report.job`), without its YAML parser, strict decoder and validation, which would pull the
/// check pipeline into the guide's module; a test shows the runs agree.
fn template(manifest: &Value) -> Job {
    use serde::Deserialize;
    let name = manifest["metadata"]["name"].as_str().unwrap_or("cronjob");
    let mut cronjob = CronJob::deserialize(manifest).unwrap_or_default();
    cronjob.written = Some(std::sync::Arc::new(manifest.clone()));
    let mut job = crate::defaults::template_job(&cronjob);
    job.metadata.name = Some(format!("{name}-{}", 1_735_689_600 / 60));
    job.metadata.generate_name = None;
    job.metadata
        .namespace
        .clone_from(&cronjob.metadata.namespace);
    job
}

impl CronKnob {
    /// Every knob.
    pub const ALL_KNOBS: [CronKnob; 5] = [
        CronKnob::SuccessfulJobsHistoryLimit,
        CronKnob::FailedJobsHistoryLimit,
        CronKnob::FailEvery,
        CronKnob::RunSeconds,
        CronKnob::StartingDeadlineSeconds,
    ];
}

/// The simulation of a setup, not yet run; `Err` only if the schedule does not parse, which the
/// presets' never fail to.
pub fn simulation(setup: &CronSetup) -> Result<CronJobSimulation, String> {
    let schedule = ControllerSchedule::utc(&setup.spec.schedule)?;
    CronJobSimulation::new(
        setup.spec.clone(),
        setup.template.clone(),
        std::sync::Arc::new(schedule),
        setup.scenario.clone(),
    )
}

/// How many checkpoints a [`CronReplay`] keeps over its span.
const CHECKPOINTS: u64 = 60;

/// A CronJob run recorded to the end of its span, with copies along the way, so the state at any
/// time (the player's slider) is a copy advanced by at most a sixtieth of the span.
#[derive(Clone, Debug)]
pub struct CronReplay {
    checkpoints: Vec<CronJobSimulation>,
    end: CronJobSimulation,
    span_ms: Millis,
}

impl CronReplay {
    /// Runs `sim` (fresh) to `span_ms`, keeping checkpoints.
    pub fn record(sim: CronJobSimulation, span_ms: Millis) -> CronReplay {
        let mut sim = sim;
        let span_ms = span_ms.max(1000);
        let step = span_ms.div_ceil(CHECKPOINTS).max(1);
        let mut checkpoints = Vec::with_capacity(CHECKPOINTS as usize + 1);
        let mut t = 0;
        while t < span_ms {
            checkpoints.push(sim.clone());
            t = (t + step).min(span_ms);
            sim.advance_to(t);
            if sim.stopped().is_some() {
                break;
            }
        }
        CronReplay {
            checkpoints,
            end: sim,
            span_ms,
        }
    }

    /// The run at the end of its span.
    pub fn end(&self) -> &CronJobSimulation {
        &self.end
    }

    /// The span recorded.
    pub fn span_ms(&self) -> Millis {
        self.span_ms
    }

    /// The run at time `t` (clamped to the span).
    pub fn at(&self, t: Millis) -> CronJobSimulation {
        if t >= self.end.now() {
            return self.end.clone();
        }
        let base = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.now() <= t)
            .unwrap_or(&self.end);
        let mut sim = base.clone();
        sim.advance_to(t);
        sim
    }
}

/// Builds and records pattern `p` with knobs `k`.
pub fn record(p: CronPreset, k: &CronKnobs) -> Result<CronReplay, String> {
    let setup = build(p, k);
    Ok(CronReplay::record(simulation(&setup)?, setup.span_ms))
}

#[cfg(test)]
mod tests;
