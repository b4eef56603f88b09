//! Every `explain` sentence against a simulated run of its Job: the words are pinned per Job, and
//! each number the sentence states (completions, parallelism, the waits after failures, the
//! failure that fails the Job, the deadline, the TTL) is checked against what the simulation
//! does with that Job: once with containers that succeed, once with containers that fail, and
//! once with containers that run past the deadline.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::check::check_source;
use joblab_core::explain::{explain, Explanation, Failures, Work};
use joblab_core::scenario::Scenario;
use joblab_core::sim::{PodPhase, Simulation};

/// (a Job's spec as YAML, indented under `spec:`, restart policy, its sentence).
const CASES: &[(&str, &str, &str)] = &[
    (
        "completions: 6\n  parallelism: 3\n  backoffLimit: 4\n  activeDeadlineSeconds: 600\n  ttlSecondsAfterFinished: 3600",
        "Never",
        "Runs 6 Pods to completion, at most 3 at a time; replaces failed Pods after 10 s, 20 s, 40 s and 80 s, and fails at the 5th failure; fails if still running after 10 minutes; deleted 1 hour after it finishes.",
    ),
    (
        "backoffLimit: 4\n  ttlSecondsAfterFinished: 0",
        "Never",
        "Runs 1 Pod to completion; replaces failed Pods after 10 s, 20 s, 40 s and 80 s, and fails at the 5th failure; deleted as soon as it finishes.",
    ),
    (
        "completions: 3\n  parallelism: 5",
        "Never",
        "Runs 3 Pods to completion, all at once; replaces failed Pods after 10 s, 20 s, 40 s, 80 s, 160 s and 320 s, and fails at the 7th failure; kept after it finishes until someone deletes it.",
    ),
    (
        "backoffLimit: 0\n  ttlSecondsAfterFinished: 90",
        "Never",
        "Runs 1 Pod to completion; fails at the first failed Pod; deleted 90 s after it finishes.",
    ),
    (
        "completions: 4\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimit: 2\n  activeDeadlineSeconds: 45",
        "Never",
        "Runs 4 Pods to completion, one per index from 0 to 3, at most 2 at a time; replaces failed Pods after 10 s and 20 s, and fails at the 3rd failure; fails if still running after 45 s; kept after it finishes until someone deletes it.",
    ),
    (
        "parallelism: 2\n  backoffLimit: 1\n  ttlSecondsAfterFinished: 7200",
        "Never",
        "Runs 2 Pods at once until one succeeds and the others have finished; replaces failed Pods after 10 s, and fails at the 2nd failure; deleted 2 hours after it finishes.",
    ),
    (
        "backoffLimit: 3\n  ttlSecondsAfterFinished: 600",
        "OnFailure",
        "Runs 1 Pod to completion; restarts a failed container in place at once, then after 10 s and 20 s, and fails at the 3rd restart; deleted 10 minutes after it finishes.",
    ),
    (
        "completions: 2\n  backoffLimit: 5\n  activeDeadlineSeconds: 3600",
        "OnFailure",
        "Runs 2 Pods to completion, at most 1 at a time; restarts a failed container in place at once, then after 10 s, 20 s, 40 s and 80 s, and fails at the 5th restart; fails if still running after 1 hour; kept after it finishes until someone deletes it.",
    ),
];

fn effective(spec: &str, restart: &str) -> Job {
    let text = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  {spec}\n  template:\n    spec:\n      containers: [{{name: main, image: \"busybox:1.36\"}}]\n      restartPolicy: {restart}\n"
    );
    let report = check_source(&text);
    let doc = &report.documents[0];
    assert!(doc.valid, "{text}\n{:?}", doc.diagnostics);
    doc.effective.clone().expect("an effective Job")
}

fn run(job: &Job, scenario: Scenario) -> Simulation {
    let mut sim = Simulation::new(job.clone(), scenario);
    sim.run_until_settled(3 * 86_400_000);
    assert!(sim.stopped().is_none(), "a cap stopped the run");
    sim
}

const SYNC_MS: u64 = joblab_core::sim::SYNC_BATCH_MS;

/// Containers that succeed: the count, the parallelism and the TTL.
fn check_success(e: &Explanation, job: &Job) {
    let sim = run(job, Scenario::default());
    let status = sim.status();
    let finished = status.finished_ms().expect("the Job finishes");
    assert!(
        status.condition("Complete").is_some(),
        "{:?}",
        status.conditions
    );
    // The most Pods running at any moment.
    let pods = sim.pods();
    let running_at = |t: u64| {
        pods.iter()
            .filter(|p| p.created_ms <= t && p.finished_ms.is_none_or(|f| f > t))
            .count()
    };
    let peak = pods
        .iter()
        .map(|p| running_at(p.created_ms))
        .max()
        .unwrap_or(0);
    let parallelism = e.parallelism as usize;
    match e.work {
        Work::Completions { count, indexed } => {
            assert_eq!(status.succeeded, count, "succeeded Pods");
            assert_eq!(peak, parallelism.min(count as usize), "Pods at once");
            if indexed {
                // One succeeded Pod per index from 0 to count - 1.
                let mut indexes: Vec<u32> = pods
                    .iter()
                    .filter(|p| p.phase == PodPhase::Succeeded)
                    .filter_map(|p| p.index)
                    .collect();
                indexes.sort_unstable();
                assert_eq!(indexes, (0..count).collect::<Vec<_>>(), "indexes");
            }
        }
        Work::WorkQueue => {
            assert!(status.succeeded >= 1);
            assert_eq!(peak, parallelism, "Pods at once");
        }
    }
    match e.ttl_s {
        Some(ttl) => assert_eq!(sim.job_deleted_ms(), Some(finished + ttl * 1000), "TTL"),
        None => assert_eq!(sim.job_deleted_ms(), None, "no TTL"),
    }
}

/// Containers that fail: the waits after failures and the failure that fails the Job.
fn check_failure(e: &Explanation, job: &Job) {
    let scenario = Scenario {
        exit_code: 1,
        ..Scenario::default()
    };
    let sim = run(job, scenario);
    let status = sim.status();
    let failed = status.condition("Failed").expect("the Job fails");
    let delays = e.failures.delays_s();
    match e.failures {
        Failures::Replace { limit } => {
            assert_eq!(failed.reason, "BackoffLimitExceeded");
            let mut failures: Vec<u64> = sim
                .pods()
                .iter()
                .filter(|p| p.phase == PodPhase::Failed)
                .filter_map(|p| p.finished_ms)
                .collect();
            failures.sort_unstable();
            // The Job fails at the (limit + 1)-th failure, within one sync batch.
            let nth = failures[limit as usize];
            assert!(
                (nth..=nth + SYNC_MS).contains(&failed.last_transition_ms),
                "failed at {} ms, the {}th failure was at {nth} ms",
                failed.last_transition_ms,
                limit + 1
            );
            // Every replacement waits the delay of the failures so far after the latest one.
            for pod in sim.pods().iter().filter(|p| p.created_ms > 0) {
                let before: Vec<u64> = failures
                    .iter()
                    .copied()
                    .filter(|&f| f <= pod.created_ms)
                    .collect();
                let (count, last) = (before.len(), before.last().copied().unwrap_or(0));
                assert!(
                    count >= 1,
                    "a Pod created at {} ms with no failure before",
                    pod.created_ms
                );
                assert_eq!(
                    pod.created_ms - last,
                    delays[count - 1] * 1000,
                    "wait after failure {count}"
                );
            }
        }
        Failures::RestartInPlace { limit } => {
            assert_eq!(failed.reason, "BackoffLimitExceeded");
            // The kubelet's restarts of the first Pod: each starts the stated wait after the
            // previous run ended (runs last the scenario's 10 s).
            let starts: Vec<u64> = sim
                .events()
                .iter()
                .filter(|ev| ev.reason == "Started")
                .map(|ev| ev.at_ms)
                .collect();
            assert_eq!(
                starts.len(),
                limit as usize + 1,
                "runs: the first and {limit} restarts"
            );
            for (n, pair) in starts.windows(2).enumerate() {
                assert_eq!(
                    pair[1] - (pair[0] + 10_000),
                    delays[n] * 1000,
                    "wait before restart {}",
                    n + 1
                );
            }
            let last_restart = starts.last().copied().unwrap_or(0);
            assert!(
                (last_restart..=last_restart + 2 * SYNC_MS).contains(&failed.last_transition_ms),
                "failed at {} ms, the last restart was at {last_restart} ms",
                failed.last_transition_ms
            );
        }
        Failures::PerIndex { .. } => unreachable!("no per-index case in the table"),
    }
}

/// Containers that never end: the deadline.
fn check_deadline(e: &Explanation, job: &Job) {
    let Some(deadline) = e.deadline_s else { return };
    let scenario = Scenario {
        run_seconds: 1_000_000.0,
        ..Scenario::default()
    };
    let sim = run(job, scenario);
    // The controller decides at the deadline (FailureTarget); the Job is Failed once its Pods
    // have terminated.
    let status = sim.status();
    let decided = status
        .condition("FailureTarget")
        .expect("the controller gives up");
    assert_eq!(decided.reason, "DeadlineExceeded");
    let start = status.start_ms.expect("a start time");
    assert_eq!(
        decided.last_transition_ms - start,
        deadline * 1000,
        "deadline"
    );
    assert!(status
        .condition("Failed")
        .is_some_and(|f| f.reason == "DeadlineExceeded"));
}

#[test]
fn every_sentence_states_what_the_simulation_does() {
    for (spec, restart, want) in CASES {
        let job = effective(spec, restart);
        let e = explain(&job);
        assert_eq!(e.sentence(), *want, "{spec}");
        check_success(&e, &job);
        check_failure(&e, &job);
        check_deadline(&e, &job);
    }
}

#[test]
fn other_jobs_get_a_sentence_too() {
    // (spec, restart policy, sentence): shapes the simulation table above does not cover.
    let cases: &[(&str, &str, &str)] = &[
        ("suspend: true\n  completions: 2", "Never", "Is suspended, so creates no Pods until spec.suspend is false; then: runs 2 Pods to completion, at most 1 at a time; replaces failed Pods after 10 s, 20 s, 40 s, 80 s, 160 s and 320 s, and fails at the 7th failure; kept after it finishes until someone deletes it."),
        ("completions: 4\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 2", "Never", "Runs 4 Pods to completion, one per index from 0 to 3, at most 1 at a time; retries each index once before it fails that index, and fails once more than 2 indexes have failed; kept after it finishes until someone deletes it."),
        ("parallelism: 0", "Never", "Runs no Pods while parallelism is 0; replaces failed Pods after 10 s, 20 s, 40 s, 80 s, 160 s and 320 s, and fails at the 7th failure; kept after it finishes until someone deletes it."),
        ("backoffLimit: 100", "Never", "Runs 1 Pod to completion; replaces failed Pods after 10 s, after 20 s, after 40 s, … doubling up to 10 minutes, and fails at the 101st failure; kept after it finishes until someone deletes it."),
        ("managedBy: example.com/batch", "Never", "Is left to the controller \"example.com/batch\" (spec.managedBy): the Job controller creates no Pods for it."),
    ];
    for (spec, restart, want) in cases {
        assert_eq!(
            explain(&effective(spec, restart)).sentence(),
            *want,
            "{spec}"
        );
    }
}
