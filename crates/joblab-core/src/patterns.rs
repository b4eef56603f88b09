//! The diagram patterns: for each, a preset Job and scenario, the knobs a learner may turn, and a
//! one-paragraph explanation. Pure, so the browser, the CLI and tests build the same runs.

use serde_json::{json, Value};

/// The guide's CronJob patterns.
pub mod cronjob;

use crate::api::api::batch::v1::Job;
use crate::scenario::{Action, JobPatch, JobSpecPatch, RunMatch, RunRule, Scenario};
use crate::sim::Millis;

/// How far a diagram's run is simulated at most (two hours of simulated time).
pub const RUN_LIMIT_MS: Millis = 7_200_000;

/// One diagram pattern of the guide. The one list of patterns: the browser's routes
/// (`#/diagrams/<slug>`, `#/embed/<slug>`), buttons, knobs and the lab's presets all come from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// One Pod runs to completion.
    Simple,
    /// completions 6, parallelism 3.
    Parallel,
    /// backoffLimit 2 under restartPolicy Never, every run fails.
    Failure,
    /// completionMode Indexed.
    Indexed,
    /// podFailurePolicy: FailJob on exit code 42, Ignore on DisruptionTarget.
    PodFailurePolicy,
    /// backoffLimitPerIndex and maxFailedIndexes.
    BackoffPerIndex,
    /// successPolicy on an Indexed Job.
    SuccessPolicy,
    /// activeDeadlineSeconds shorter than the work.
    Deadline,
    /// Suspended while running, then resumed.
    SuspendResume,
    /// completions unset: a work queue.
    WorkQueue,
    /// restartPolicy OnFailure: containers restart in place.
    OnFailure,
}

/// A knob a learner can turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knob {
    /// `spec.completions`.
    Completions,
    /// `spec.parallelism`.
    Parallelism,
    /// `spec.backoffLimit` (or `backoffLimitPerIndex` for that pattern).
    BackoffLimit,
    /// How many of the first container runs fail.
    FailingRuns,
    /// The exit code of the failing runs.
    ExitCode,
    /// Seconds each container runs.
    RunSeconds,
    /// `spec.activeDeadlineSeconds`.
    DeadlineSeconds,
}

impl Knob {
    /// Every knob.
    pub const ALL_KNOBS: [Knob; 7] = [
        Knob::Completions,
        Knob::Parallelism,
        Knob::BackoffLimit,
        Knob::FailingRuns,
        Knob::ExitCode,
        Knob::RunSeconds,
        Knob::DeadlineSeconds,
    ];

    /// The visible label of the input.
    pub const fn label(self) -> &'static str {
        match self {
            Knob::Completions => "completions",
            Knob::Parallelism => "parallelism",
            Knob::BackoffLimit => "backoffLimit",
            Knob::FailingRuns => "failing runs",
            Knob::ExitCode => "exit code",
            Knob::RunSeconds => "run seconds",
            Knob::DeadlineSeconds => "activeDeadlineSeconds",
        }
    }

    /// The inclusive range the input accepts.
    pub const fn range(self) -> (i64, i64) {
        match self {
            Knob::Completions => (1, 30),
            Knob::Parallelism => (1, 10),
            Knob::BackoffLimit => (0, 10),
            Knob::FailingRuns => (0, 10),
            Knob::ExitCode => (1, 255),
            Knob::RunSeconds => (1, 120),
            Knob::DeadlineSeconds => (1, 600),
        }
    }
}

/// The values of every knob (a pattern uses some of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Knobs {
    /// `spec.completions`.
    pub completions: u32,
    /// `spec.parallelism`.
    pub parallelism: u32,
    /// `spec.backoffLimit` (backoffLimitPerIndex for [`Preset::BackoffPerIndex`]).
    pub backoff_limit: u32,
    /// How many of the first runs fail (every run for [`Preset::Failure`]).
    pub failing_runs: u32,
    /// Exit code of failing runs.
    pub exit_code: i32,
    /// Seconds a container runs.
    pub run_seconds: u32,
    /// `spec.activeDeadlineSeconds`.
    pub deadline_seconds: u32,
}

impl Knobs {
    /// The preset values of `p`.
    pub fn default_for(p: Preset) -> Knobs {
        let base = Knobs {
            completions: 1,
            parallelism: 1,
            backoff_limit: 6,
            failing_runs: 0,
            exit_code: 1,
            run_seconds: 10,
            deadline_seconds: 25,
        };
        match p {
            Preset::Simple => Knobs {
                backoff_limit: 4,
                ..base
            },
            Preset::Parallel => Knobs {
                completions: 6,
                parallelism: 3,
                ..base
            },
            Preset::Failure => Knobs {
                backoff_limit: 2,
                ..base
            },
            Preset::Indexed => Knobs {
                completions: 5,
                parallelism: 2,
                ..base
            },
            Preset::PodFailurePolicy => Knobs {
                completions: 3,
                backoff_limit: 1,
                exit_code: 42,
                ..base
            },
            Preset::BackoffPerIndex => Knobs {
                completions: 4,
                parallelism: 2,
                backoff_limit: 1,
                ..base
            },
            Preset::SuccessPolicy => Knobs {
                completions: 3,
                parallelism: 3,
                ..base
            },
            Preset::Deadline => Knobs {
                completions: 3,
                ..base
            },
            Preset::SuspendResume => Knobs {
                completions: 2,
                ..base
            },
            Preset::WorkQueue => Knobs {
                parallelism: 3,
                ..base
            },
            Preset::OnFailure => Knobs {
                backoff_limit: 4,
                failing_runs: 2,
                ..base
            },
        }
    }

    /// The value of one knob.
    pub fn get(&self, k: Knob) -> i64 {
        match k {
            Knob::Completions => i64::from(self.completions),
            Knob::Parallelism => i64::from(self.parallelism),
            Knob::BackoffLimit => i64::from(self.backoff_limit),
            Knob::FailingRuns => i64::from(self.failing_runs),
            Knob::ExitCode => i64::from(self.exit_code),
            Knob::RunSeconds => i64::from(self.run_seconds),
            Knob::DeadlineSeconds => i64::from(self.deadline_seconds),
        }
    }

    /// A copy with knob `k` set to `v`, clamped to the knob's range.
    pub fn with(mut self, k: Knob, v: i64) -> Knobs {
        let (lo, hi) = k.range();
        let v = v.clamp(lo, hi);
        let u = u32::try_from(v).unwrap_or(0);
        match k {
            Knob::Completions => self.completions = u,
            Knob::Parallelism => self.parallelism = u,
            Knob::BackoffLimit => self.backoff_limit = u,
            Knob::FailingRuns => self.failing_runs = u,
            Knob::ExitCode => self.exit_code = i32::try_from(v).unwrap_or(1),
            Knob::RunSeconds => self.run_seconds = u,
            Knob::DeadlineSeconds => self.deadline_seconds = u,
        }
        self
    }
}

impl Preset {
    /// Every pattern, in the order the guide lists them.
    pub const ALL: [Preset; 11] = [
        Preset::Simple,
        Preset::Parallel,
        Preset::Failure,
        Preset::Indexed,
        Preset::PodFailurePolicy,
        Preset::BackoffPerIndex,
        Preset::SuccessPolicy,
        Preset::Deadline,
        Preset::SuspendResume,
        Preset::WorkQueue,
        Preset::OnFailure,
    ];

    /// The URL segment, e.g. `pod-failure-policy`. Part of the route contract: never rename.
    pub const fn slug(self) -> &'static str {
        match self {
            Preset::Simple => "simple",
            Preset::Parallel => "parallel",
            Preset::Failure => "failure",
            Preset::Indexed => "indexed",
            Preset::PodFailurePolicy => "pod-failure-policy",
            Preset::BackoffPerIndex => "backoff-per-index",
            Preset::SuccessPolicy => "success-policy",
            Preset::Deadline => "deadline",
            Preset::SuspendResume => "suspend-resume",
            Preset::WorkQueue => "work-queue",
            Preset::OnFailure => "on-failure",
        }
    }

    /// The pattern with this slug, if any.
    pub fn from_slug(slug: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// The button label, e.g. "Failure Handling". Part of the accessible-name contract.
    pub const fn label(self) -> &'static str {
        match self {
            Preset::Simple => "Simple Job",
            Preset::Parallel => "Parallel Execution",
            Preset::Failure => "Failure Handling",
            Preset::Indexed => "Indexed",
            Preset::PodFailurePolicy => "Pod failure policy",
            Preset::BackoffPerIndex => "Backoff per index",
            Preset::SuccessPolicy => "Success policy",
            Preset::Deadline => "Deadline",
            Preset::SuspendResume => "Suspend and resume",
            Preset::WorkQueue => "Work queue",
            Preset::OnFailure => "OnFailure restarts",
        }
    }

    /// The knobs this pattern offers, in display order.
    pub const fn knobs(self) -> &'static [Knob] {
        match self {
            Preset::Simple => &[Knob::RunSeconds, Knob::FailingRuns, Knob::BackoffLimit],
            Preset::Parallel => &[
                Knob::Completions,
                Knob::Parallelism,
                Knob::FailingRuns,
                Knob::RunSeconds,
            ],
            Preset::Failure => &[Knob::BackoffLimit, Knob::ExitCode, Knob::RunSeconds],
            Preset::Indexed => &[
                Knob::Completions,
                Knob::Parallelism,
                Knob::FailingRuns,
                Knob::RunSeconds,
            ],
            Preset::PodFailurePolicy => &[Knob::ExitCode, Knob::BackoffLimit, Knob::RunSeconds],
            Preset::BackoffPerIndex => &[Knob::Completions, Knob::Parallelism, Knob::BackoffLimit],
            Preset::SuccessPolicy => &[Knob::Completions, Knob::Parallelism, Knob::RunSeconds],
            Preset::Deadline => &[Knob::DeadlineSeconds, Knob::Completions, Knob::RunSeconds],
            Preset::SuspendResume => &[Knob::Completions, Knob::RunSeconds],
            Preset::WorkQueue => &[Knob::Parallelism, Knob::RunSeconds],
            Preset::OnFailure => &[
                Knob::FailingRuns,
                Knob::BackoffLimit,
                Knob::ExitCode,
                Knob::RunSeconds,
            ],
        }
    }

    /// The label of knob `k` in this pattern (backoffLimit means backoffLimitPerIndex in one).
    pub fn knob_label(self, k: Knob) -> &'static str {
        match (self, k) {
            (Preset::BackoffPerIndex, Knob::BackoffLimit) => "backoffLimitPerIndex",
            (Preset::PodFailurePolicy, Knob::ExitCode) => "exit code of run 3",
            _ => k.label(),
        }
    }

    /// One paragraph on what the diagram shows.
    pub const fn explanation(self) -> &'static str {
        match self {
            Preset::Simple => "One Pod computes pi and exits 0. The controller counts one success against completions 1, records SuccessCriteriaMet and then Complete, and starts nothing more. Make the first runs fail to see the retries the backoffLimit allows.",
            Preset::Parallel => "completions 6 with parallelism 3: the controller keeps at most three Pods running and starts the next one whenever a Pod succeeds, until six have succeeded. The panel compares desired against actual at every moment.",
            Preset::Failure => "restartPolicy Never with backoffLimit 2 and a container that always exits 1. Each failure is a new Pod, created after a growing backoff (10 s, then 20 s). The budget allows two failures; the third exceeds it and the Job fails with BackoffLimitExceeded: three failed Pods in all, not two.",
            Preset::Indexed => "completionMode Indexed gives every Pod a completion index (0 to 4 here) in its name and environment. The Job is complete when every index has succeeded once; completedIndexes lists them as they finish.",
            Preset::PodFailurePolicy => "A podFailurePolicy decides per failure. The first Pod is evicted: the Ignore rule for DisruptionTarget means it does not count against backoffLimit, and a replacement starts. Later, exit code 42 matches the FailJob rule and fails the Job at once, whatever budget is left. Change the exit code to see an ordinary, counted failure instead.",
            Preset::BackoffPerIndex => "backoffLimitPerIndex gives every index its own failure budget. Index 1 always fails: after its budget is spent it is marked in failedIndexes while the other indexes carry on; the Job fails with FailedIndexes once all indexes are done. maxFailedIndexes 1 would stop it early if a second index failed.",
            Preset::SuccessPolicy => "A successPolicy lets an Indexed Job succeed early: here index 0 succeeding is enough. The controller records SuccessCriteriaMet, deletes the Pods still running, and adds Complete once they are gone.",
            Preset::Deadline => "activeDeadlineSeconds bounds the whole Job, retries included. When the deadline passes the controller deletes the running Pods and the Job fails with DeadlineExceeded, even though no Pod failed by itself.",
            Preset::SuspendResume => "Setting spec.suspend to true deletes the running Pods without counting them as failures and adds the Suspended condition; setting it back to false resumes the Job with new Pods and a new start time.",
            Preset::WorkQueue => "With completions unset and parallelism 3, the Pods share a work queue. When the first Pod succeeds the work is done: no new Pods start, the others finish, and the Job is complete. kubectl shows its completions as n/1 of 3.",
            Preset::OnFailure => "restartPolicy OnFailure restarts the failed container inside the same Pod instead of creating a new one. The kubelet waits longer before each restart (CrashLoopBackOff), the restart count grows, and each failed run still counts against backoffLimit.",
        }
    }
}

/// Builds the effective (defaulted) Job from its name and spec, as the API server would store it.
fn job(name: &str, mut spec: Value, restart_policy: &str) -> Job {
    spec["template"] = json!({"spec": {
        "restartPolicy": restart_policy,
        "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "work"]}]
    }});
    let manifest =
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name}, "spec": spec});
    #[cfg(test)]
    tests::MANIFESTS.with(|m| m.borrow_mut().push(manifest.clone()));
    effective(manifest)
}

/// The effective Job of a preset's manifest: decoded and defaulted as `check::check_source`
/// decodes and defaults user input, without its YAML parser, strict schema walk and validation.
/// Presets are valid by construction (a test runs every manifest of every preset through
/// `check_source` and compares), so those would find nothing; leaving them out keeps the whole
/// check pipeline out of the guide's wasm module (scripts/check-split.sh). `Job::deserialize`
/// over a `serde_json::Value` is the same instantiation the decoder itself uses.
fn effective(manifest: Value) -> Job {
    use serde::Deserialize;
    let name = manifest["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut job = Job::deserialize(&manifest).unwrap_or_default();
    job.written = Some(std::sync::Arc::new(manifest));
    crate::defaults::apply_defaults(&mut job, &crate::check::fake_uid(&name));
    job
}

/// Rules making the first `n` runs exit with `code`.
fn failing_runs(n: u32, code: i32) -> Vec<RunRule> {
    (1..=n)
        .map(|run| RunRule {
            match_: RunMatch {
                run: Some(run),
                ..RunMatch::default()
            },
            exit_code: Some(code),
            ..RunRule::default()
        })
        .collect()
}

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

/// The Job and scenario of pattern `p` with knob values `k` (values outside the knobs' ranges
/// are clamped, so nothing a user types makes the run unbounded).
pub fn build(p: Preset, k: &Knobs) -> (Job, Scenario) {
    // Generous upper bounds for callers that bypass `Knobs::with` (tests, the CLI).
    let completions = k.completions.clamp(1, 1000);
    let parallelism = k.parallelism.clamp(1, 1000);
    let backoff = k.backoff_limit.min(100);
    let fails = k.failing_runs.min(100);
    let code = if k.exit_code == 0 { 1 } else { k.exit_code };
    let mut sc = Scenario {
        run_seconds: f64::from(k.run_seconds.clamp(1, 3600)),
        ..Scenario::default()
    };
    let never = "Never";
    let job = match p {
        Preset::Simple => {
            sc.runs = failing_runs(fails, code);
            job("pi", json!({"backoffLimit": backoff}), never)
        }
        Preset::Parallel => {
            sc.runs = failing_runs(fails, code);
            job(
                "parallel",
                json!({"completions": completions, "parallelism": parallelism}),
                never,
            )
        }
        Preset::Failure => {
            sc.exit_code = code;
            job("fail-fast", json!({"backoffLimit": backoff}), never)
        }
        Preset::Indexed => {
            sc.runs = failing_runs(fails, code);
            job(
                "indexed",
                json!({"completions": completions, "parallelism": parallelism, "completionMode": "Indexed"}),
                never,
            )
        }
        Preset::PodFailurePolicy => {
            sc.runs = vec![
                RunRule {
                    match_: RunMatch {
                        run: Some(1),
                        ..RunMatch::default()
                    },
                    evicted: Some(true),
                    ..RunRule::default()
                },
                RunRule {
                    match_: RunMatch {
                        run: Some(3),
                        ..RunMatch::default()
                    },
                    exit_code: Some(code),
                    ..RunRule::default()
                },
            ];
            job(
                "pod-failure-policy",
                json!({"completions": completions, "parallelism": 1, "backoffLimit": backoff,
                "podFailurePolicy": {"rules": [
                    {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
                    {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}
                ]}}),
                never,
            )
        }
        Preset::BackoffPerIndex => {
            sc.runs = vec![RunRule {
                match_: RunMatch {
                    index: Some(crate::scenario::IndexMatch::One(1)),
                    ..RunMatch::default()
                },
                exit_code: Some(code),
                ..RunRule::default()
            }];
            job(
                "per-index",
                json!({"completions": completions.max(2), "parallelism": parallelism, "completionMode": "Indexed",
                    "backoffLimitPerIndex": backoff, "maxFailedIndexes": 1}),
                never,
            )
        }
        Preset::SuccessPolicy => {
            // Index 0 is quicker than the others, so the policy is met while they still run.
            sc.runs = vec![RunRule {
                match_: RunMatch {
                    index: Some(crate::scenario::IndexMatch::One(0)),
                    ..RunMatch::default()
                },
                run_seconds: Some(f64::from((k.run_seconds / 4).max(1))),
                ..RunRule::default()
            }];
            job(
                "success-policy",
                json!({"completions": completions, "parallelism": parallelism, "completionMode": "Indexed",
                    "successPolicy": {"rules": [{"succeededIndexes": "0"}]}}),
                never,
            )
        }
        Preset::Deadline => job(
            "deadline",
            json!({"completions": completions, "parallelism": 1,
                "activeDeadlineSeconds": k.deadline_seconds.clamp(1, 36_000)}),
            never,
        ),
        Preset::SuspendResume => {
            sc.actions = vec![suspend_at(5.0, true), suspend_at(20.0, false)];
            job("suspend-resume", json!({"completions": completions}), never)
        }
        Preset::WorkQueue => {
            // Workers finish at different times, as they would draining a real queue.
            sc.runs = vec![
                RunRule {
                    match_: RunMatch {
                        run: Some(1),
                        ..RunMatch::default()
                    },
                    run_seconds: Some(f64::from((k.run_seconds * 2 / 5).max(1))),
                    ..RunRule::default()
                },
                RunRule {
                    match_: RunMatch {
                        run: Some(2),
                        ..RunMatch::default()
                    },
                    run_seconds: Some(f64::from((k.run_seconds * 4 / 5).max(1))),
                    ..RunRule::default()
                },
            ];
            job("work-queue", json!({"parallelism": parallelism}), never)
        }
        Preset::OnFailure => {
            sc.runs = failing_runs(fails, code);
            job("on-failure", json!({"backoffLimit": backoff}), "OnFailure")
        }
    };
    (job, sc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local! {
        /// Every manifest `job` built on this thread, for the differential test below.
        pub(super) static MANIFESTS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    }

    /// The presets skip the check pipeline (see `effective`); this shows that changes nothing.
    /// Every manifest that every preset builds, at its default knobs and at each knob's bounds,
    /// decoded the short way equals what `check_source` makes of it, `written` included, and
    /// `check_source` finds no error in it.
    #[test]
    fn presets_decode_exactly_as_user_input_does() {
        MANIFESTS.with(|m| m.borrow_mut().clear());
        for p in Preset::ALL {
            let base = Knobs::default_for(p);
            let mut all = vec![base];
            for knob in Knob::ALL_KNOBS {
                let (lo, hi) = knob.range();
                all.extend([base.with(knob, lo), base.with(knob, hi)]);
            }
            for k in &all {
                let _ = build(p, k);
            }
        }
        let manifests = MANIFESTS.with(|m| m.borrow().clone());
        assert!(
            manifests.len() >= Preset::ALL.len() * 3,
            "{}",
            manifests.len()
        );
        for m in manifests {
            let report = crate::check::check_source(&m.to_string());
            assert!(!report.has_errors(), "{m}");
            let by_check = report.documents[0].effective.clone().expect("effective");
            assert_eq!(effective(m.clone()), by_check, "{m}");
        }
    }
    use crate::sim::{PodPhase, Replay, Simulation};

    fn end(p: Preset, k: &Knobs) -> crate::sim::Snapshot {
        let (job, sc) = build(p, k);
        assert!(sc.validate().is_empty(), "{p:?}");
        Replay::record(Simulation::new(job, sc), RUN_LIMIT_MS)
            .end()
            .snapshot()
    }

    fn terminal(s: &crate::sim::Snapshot) -> Option<(String, String)> {
        s.status
            .condition("Complete")
            .or_else(|| s.status.condition("Failed"))
            .map(|c| (c.type_.clone(), c.reason.clone()))
    }

    #[test]
    fn every_preset_reaches_its_outcome() {
        let want = [
            (Preset::Simple, "Complete", "CompletionsReached", 1),
            (Preset::Parallel, "Complete", "CompletionsReached", 6),
            (Preset::Failure, "Failed", "BackoffLimitExceeded", 3),
            (Preset::Indexed, "Complete", "CompletionsReached", 5),
            (Preset::PodFailurePolicy, "Failed", "PodFailurePolicy", 3),
            (Preset::BackoffPerIndex, "Failed", "FailedIndexes", 5),
            (Preset::SuccessPolicy, "Complete", "SuccessPolicy", 3),
            (Preset::Deadline, "Failed", "DeadlineExceeded", 3),
            (Preset::SuspendResume, "Complete", "CompletionsReached", 3),
            (Preset::WorkQueue, "Complete", "CompletionsReached", 3),
            (Preset::OnFailure, "Complete", "CompletionsReached", 1),
        ];
        for (p, type_, reason, pods) in want {
            let s = end(p, &Knobs::default_for(p));
            assert_eq!(
                terminal(&s),
                Some((type_.to_string(), reason.to_string())),
                "{p:?}"
            );
            assert_eq!(s.pods.len(), pods, "{p:?} Pod count");
            assert!(s.stopped.is_none());
        }
    }

    #[test]
    fn failure_handling_has_exactly_three_failed_pods() {
        let s = end(Preset::Failure, &Knobs::default_for(Preset::Failure));
        assert_eq!(s.pods.len(), 3);
        assert!(s
            .pods
            .iter()
            .all(|p| p.phase == PodPhase::Failed && p.exit_code == Some(1)));
        assert_eq!((s.status.failed, s.status.succeeded), (3, 0));
    }

    #[test]
    fn knobs_rebuild_the_run() {
        let k = Knobs::default_for(Preset::Failure).with(Knob::BackoffLimit, 0);
        assert_eq!(end(Preset::Failure, &k).pods.len(), 1);
        let k = Knobs::default_for(Preset::Parallel).with(Knob::Completions, 2);
        assert_eq!(end(Preset::Parallel, &k).status.succeeded, 2);
        let k = Knobs::default_for(Preset::PodFailurePolicy).with(Knob::ExitCode, 1);
        let s = end(Preset::PodFailurePolicy, &k);
        assert_eq!(terminal(&s).map(|t| t.0), Some("Complete".to_string()));
        // Clamped: nothing a user types makes the run unbounded.
        let k = Knobs::default_for(Preset::Parallel).with(Knob::Completions, i64::MAX);
        assert_eq!(k.completions, 30);
    }

    #[test]
    fn slugs_and_labels_are_the_contract() {
        // Routes, share links, embeds in course pages and the end-to-end tests name patterns by
        // these strings, so a change here must be deliberate.
        let want = [
            ("simple", "Simple Job"),
            ("parallel", "Parallel Execution"),
            ("failure", "Failure Handling"),
            ("indexed", "Indexed"),
            ("pod-failure-policy", "Pod failure policy"),
            ("backoff-per-index", "Backoff per index"),
            ("success-policy", "Success policy"),
            ("deadline", "Deadline"),
            ("suspend-resume", "Suspend and resume"),
            ("work-queue", "Work queue"),
            ("on-failure", "OnFailure restarts"),
        ];
        let got: Vec<_> = Preset::ALL.iter().map(|p| (p.slug(), p.label())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn slugs_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_slug(p.slug()), Some(p));
            assert!(!p.knobs().is_empty());
        }
    }
}
