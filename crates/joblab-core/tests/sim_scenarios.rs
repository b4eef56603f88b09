//! One scenario per behaviour: a Job and a scenario in, the expected conditions, counts, Pod
//! creation times and events out.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::scenario::Scenario;
use joblab_core::sim::{PodPhase, Simulation};
use serde_json::{json, Value};

fn job(spec: Value) -> Job {
    let mut spec = spec;
    if spec.get("template").is_none() {
        spec["template"] = json!({"spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox"}]}});
    }
    serde_json::from_value(
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": spec}),
    )
    .unwrap_or_else(|e| panic!("bad test job: {e}"))
}

fn on_failure(mut spec: Value) -> Value {
    spec["template"] = json!({"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "main", "image": "busybox"}]}});
    spec
}

fn scenario(v: Value) -> Scenario {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("bad test scenario: {e}"))
}

struct Case {
    name: &'static str,
    spec: Value,
    scenario: Value,
    /// Conditions in order as `Type/Reason@seconds`.
    conditions: &'static [&'static str],
    /// (succeeded, failed, active, terminating) at the end.
    counts: (u32, u32, u32, u32),
    /// Pod creation times in seconds, in creation order.
    created: &'static [u64],
    /// `Reason@seconds` that must be in the event log.
    events: &'static [&'static str],
    completed_indexes: Option<&'static str>,
    failed_indexes: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "simple pi-like Job completes",
            spec: json!({"backoffLimit": 4}),
            scenario: json!({}),
            conditions: &["SuccessCriteriaMet/CompletionsReached@12", "Complete/CompletionsReached@12"],
            counts: (1, 0, 0, 0),
            created: &[0],
            events: &["SuccessfulCreate@0", "Completed@12"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "backoffLimit 2 under Never: three failed Pods, 10 s then 20 s apart from each failure",
            spec: json!({"backoffLimit": 2}),
            scenario: json!({"exitCode": 1}),
            conditions: &["FailureTarget/BackoffLimitExceeded@64", "Failed/BackoffLimitExceeded@64"],
            counts: (0, 3, 0, 0),
            created: &[0, 21, 52],
            events: &["SuccessfulCreate@0", "SuccessfulCreate@21", "SuccessfulCreate@52", "BackoffLimitExceeded@64"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "parallel: completions 6, parallelism 3",
            spec: json!({"completions": 6, "parallelism": 3}),
            scenario: json!({}),
            conditions: &["SuccessCriteriaMet/CompletionsReached@24", "Complete/CompletionsReached@24"],
            counts: (6, 0, 0, 0),
            created: &[0, 0, 0, 12, 12, 12],
            events: &["Completed@24"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "OnFailure: restarts in place (0, 10, 20 s back-off), Job fails when restarts reach backoffLimit",
            spec: on_failure(json!({"backoffLimit": 3})),
            scenario: json!({"exitCode": 1}),
            // Runs end at 11, 21, 41 (+10 s back-off), 71 (+20 s): restarts 1 at 11, 2 at 31, 3 at 61.
            // The Pod is deleted at 62 and terminates; Failed waits for the next sync.
            conditions: &["FailureTarget/BackoffLimitExceeded@62", "Failed/BackoffLimitExceeded@63"],
            counts: (0, 1, 0, 0),
            created: &[0],
            events: &["BackOff@21", "Killing@62", "BackoffLimitExceeded@63"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "Indexed: completedIndexes string and per-index Pod names",
            spec: json!({"completions": 5, "parallelism": 5, "completionMode": "Indexed"}),
            scenario: json!({"runs": [{"match": {"index": 3, "attempt": 1}, "exitCode": 1}]}),
            // The failure finished at the same time as four successes, so it does not count as a
            // failure after the last success: no backoff (k/k backoff_utils.go).
            conditions: &["SuccessCriteriaMet/CompletionsReached@24", "Complete/CompletionsReached@24"],
            counts: (5, 1, 0, 0),
            created: &[0, 0, 0, 0, 0, 12],
            events: &["Completed@24"],
            completed_indexes: Some("0-4"),
            failed_indexes: None,
        },
        Case {
            name: "podFailurePolicy FailJob on exit code 42",
            spec: json!({"completions": 2, "parallelism": 2, "podFailurePolicy": {"rules": [
                {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}}]}}),
            scenario: json!({"runs": [{"match": {"run": 1}, "exitCode": 42, "runSeconds": 5}]}),
            conditions: &["FailureTarget/PodFailurePolicy@7", "Failed/PodFailurePolicy@8"],
            counts: (0, 2, 0, 0),
            created: &[0, 0],
            events: &["SuccessfulDelete@7", "PodFailurePolicy@8"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "podFailurePolicy Ignore for evictions (DisruptionTarget): not counted, replaced",
            spec: json!({"backoffLimit": 0, "podFailurePolicy": {"rules": [
                {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]}}),
            scenario: json!({"runs": [{"match": {"run": 1}, "evicted": true}]}),
            // Evicted at 11, seen at 12, backoff 10 s from 11: replacement at 21, done at 33.
            conditions: &["SuccessCriteriaMet/CompletionsReached@33", "Complete/CompletionsReached@33"],
            counts: (1, 0, 0, 0),
            created: &[0, 21],
            events: &["Completed@33"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "backoffLimitPerIndex 1: index 1 fails twice and is marked failed, others complete",
            spec: json!({"completions": 3, "parallelism": 3, "completionMode": "Indexed", "backoffLimitPerIndex": 1}),
            scenario: json!({"runs": [{"match": {"index": 1}, "exitCode": 1}]}),
            conditions: &["FailureTarget/FailedIndexes@33", "Failed/FailedIndexes@33"],
            counts: (2, 2, 0, 0),
            created: &[0, 0, 0, 21],
            events: &["FailedIndexes@33"],
            completed_indexes: Some("0,2"),
            failed_indexes: Some("1"),
        },
        Case {
            name: "successPolicy: index 0 suffices; lingering Pods deleted, uncounted, Complete after they terminate",
            spec: json!({"completions": 3, "parallelism": 3, "completionMode": "Indexed",
                "successPolicy": {"rules": [{"succeededIndexes": "0"}]}}),
            scenario: json!({"runs": [{"match": {"index": 0}, "runSeconds": 2}]}),
            conditions: &["SuccessCriteriaMet/SuccessPolicy@4", "Complete/SuccessPolicy@5"],
            counts: (1, 0, 0, 0),
            created: &[0, 0, 0],
            events: &["SuccessfulDelete@4", "Completed@5"],
            completed_indexes: Some("0"),
            failed_indexes: None,
        },
        Case {
            name: "activeDeadlineSeconds 5: DeadlineExceeded, running Pod deleted and counted failed",
            spec: json!({"activeDeadlineSeconds": 5}),
            scenario: json!({}),
            conditions: &["FailureTarget/DeadlineExceeded@5", "Failed/DeadlineExceeded@6"],
            counts: (0, 1, 0, 0),
            created: &[0],
            events: &["SuccessfulDelete@5", "DeadlineExceeded@6"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "suspend and resume: Pods deleted uncounted, startTime reset, new Pod on resume",
            spec: json!({}),
            scenario: json!({"actions": [{"at": 5, "patch": {"spec": {"suspend": true}}}, {"at": 20, "patch": {"spec": {"suspend": false}}}]}),
            conditions: &["Suspended/JobResumed@20", "SuccessCriteriaMet/CompletionsReached@32", "Complete/CompletionsReached@32"],
            counts: (1, 0, 0, 0),
            created: &[0, 20],
            events: &["Suspended@5", "SuccessfulDelete@5", "Resumed@20", "Completed@32"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "work queue (completions unset): no new Pods after the first success",
            spec: json!({"parallelism": 3}),
            scenario: json!({"runs": [{"match": {"run": 1}, "runSeconds": 4}, {"match": {"run": 2}, "runSeconds": 8}]}),
            // At 11, not 12: the status write of the sync at 10 asks for a sync at 11, which sees
            // the last Pod that finished at that instant (the real controller, `oracle simulate`).
            conditions: &["SuccessCriteriaMet/CompletionsReached@11", "Complete/CompletionsReached@11"],
            counts: (3, 0, 0, 0),
            created: &[0, 0, 0],
            events: &["Completed@11"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "podReplacementPolicy Failed: a Pod ignoring SIGTERM is replaced only after its grace period",
            spec: json!({"podReplacementPolicy": "Failed"}),
            scenario: json!({"runs": [{"match": {"run": 1}, "ignoresSigterm": true, "runSeconds": 60}], "actions": [{"at": 5, "deletePod": {"run": 1}}]}),
            // Deleted at 5, killed at 35 (grace 30 s), seen at 36; backoff 10 s from the container's
            // finish time (35).
            conditions: &["SuccessCriteriaMet/CompletionsReached@57", "Complete/CompletionsReached@57"],
            counts: (1, 1, 0, 0),
            created: &[0, 45],
            events: &["Killing@5", "SuccessfulCreate@45"],
            completed_indexes: None,
            failed_indexes: None,
        },
        Case {
            name: "podReplacementPolicy TerminatingOrFailed: the replacement starts while the old Pod terminates",
            spec: json!({}),
            scenario: json!({"runs": [{"match": {"run": 1}, "ignoresSigterm": true, "runSeconds": 60}], "actions": [{"at": 5, "deletePod": {"run": 1}}]}),
            // Counted failed at 6 (failure time 5), backoff until 15.
            conditions: &["SuccessCriteriaMet/CompletionsReached@27", "Complete/CompletionsReached@36"],
            counts: (1, 1, 0, 0),
            created: &[0, 15],
            events: &["SuccessfulCreate@15", "Completed@36"],
            completed_indexes: None,
            failed_indexes: None,
        },
    ]
}

fn secs(ms: u64) -> u64 {
    ms / 1000
}

#[test]
fn every_behaviour_matches_the_controller() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut sim = Simulation::new(job(case.spec.clone()), scenario(case.scenario.clone()));
        sim.run_until_settled(86_400_000);
        let snap = sim.snapshot();
        let conds: Vec<String> = snap
            .status
            .conditions
            .iter()
            .map(|c| format!("{}/{}@{}", c.type_, c.reason, secs(c.last_transition_ms)))
            .collect();
        let st = &snap.status;
        let counts = (st.succeeded, st.failed, st.active, st.terminating);
        let created: Vec<u64> = snap.pods.iter().map(|p| secs(p.created_ms)).collect();
        let events: Vec<String> = snap
            .events
            .iter()
            .map(|e| format!("{}@{}", e.reason, secs(e.at_ms)))
            .collect();
        let mut problems = Vec::new();
        if conds != case.conditions {
            problems.push(format!("conditions {conds:?}"));
        }
        if counts != case.counts {
            problems.push(format!("counts {counts:?}"));
        }
        if created != case.created {
            problems.push(format!("created {created:?}"));
        }
        for want in case.events {
            if !events.iter().any(|e| e == want) {
                problems.push(format!("missing event {want} in {events:?}"));
            }
        }
        if st.completed_indexes.as_deref() != case.completed_indexes {
            problems.push(format!("completedIndexes {:?}", st.completed_indexes));
        }
        if st.failed_indexes.as_deref() != case.failed_indexes {
            problems.push(format!("failedIndexes {:?}", st.failed_indexes));
        }
        if !sim.is_settled() {
            problems.push("did not settle".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", case.name, problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn indexed_pods_are_named_and_annotated_per_index() {
    let mut sim = Simulation::new(
        job(
            json!({"completions": 2, "parallelism": 2, "completionMode": "Indexed", "backoffLimitPerIndex": 1}),
        ),
        Scenario::default(),
    );
    sim.run_until_settled(86_400_000);
    let pods = sim.pods();
    assert_eq!(pods.len(), 2);
    for p in pods {
        let i = p.index.unwrap_or(99);
        assert!(p.name.starts_with(&format!("j-{i}-")), "{}", p.name);
        assert_eq!(p.name.len(), format!("j-{i}-").len() + 5);
        assert_eq!(p.index_failure_count, Some(0));
        assert_eq!(p.phase, PodPhase::Succeeded);
    }
}

#[test]
fn ttl_deletes_the_job_and_its_pods() {
    let mut sim = Simulation::new(
        job(json!({"ttlSecondsAfterFinished": 30})),
        Scenario::default(),
    );
    sim.run_until_settled(86_400_000);
    assert_eq!(sim.job_deleted_ms(), Some(42_000));
    assert!(sim.pods().iter().all(|p| p.deleted_ms == Some(42_000)));
    assert!(sim.snapshot().deleted_by_ttl);
}

#[test]
fn managed_elsewhere_does_nothing() {
    let mut sim = Simulation::new(
        job(json!({"managedBy": "example.com/other"})),
        Scenario::default(),
    );
    sim.run_until_settled(86_400_000);
    assert!(sim.pods().is_empty());
    assert!(sim.events().is_empty());
    assert_eq!(sim.status().start_ms, None);
}

#[test]
fn created_suspended_waits_without_start_time() {
    let mut sim = Simulation::new(job(json!({"suspend": true})), Scenario::default());
    sim.advance_to(100_000);
    assert!(sim.pods().is_empty());
    assert_eq!(sim.status().start_ms, None);
    let c = sim
        .status()
        .condition("Suspended")
        .map(|c| (c.reason.clone(), c.last_transition_ms));
    assert_eq!(c, Some(("JobSuspended".to_string(), 0)));
}

#[test]
fn indexed_pods_carry_labels_annotations_env_and_owner() {
    let mut sim = Simulation::new(
        job(
            json!({"completions": 2, "parallelism": 2, "completionMode": "Indexed", "backoffLimitPerIndex": 1}),
        ),
        Scenario::default(),
    );
    sim.advance_to(5_000);
    let snap = sim.snapshot();
    let pod = snap
        .pods
        .iter()
        .find(|p| p.index == Some(1))
        .cloned()
        .unwrap_or_else(|| panic!("no pod"));
    let v = serde_json::to_value(joblab_core::kubectl::api_pod(&snap, &pod)).unwrap_or_default();
    let md = &v["metadata"];
    assert_eq!(
        md["labels"]["batch.kubernetes.io/job-completion-index"],
        "1"
    );
    assert_eq!(md["labels"]["job-name"], "j");
    assert_eq!(
        md["annotations"]["batch.kubernetes.io/job-completion-index"],
        "1"
    );
    assert_eq!(
        md["annotations"]["batch.kubernetes.io/job-index-failure-count"],
        "0"
    );
    assert_eq!(md["finalizers"][0], "batch.kubernetes.io/job-tracking");
    assert_eq!(md["ownerReferences"][0]["kind"], "Job");
    assert_eq!(v["spec"]["hostname"], "j-1");
    assert_eq!(
        v["spec"]["containers"][0]["env"][0]["name"],
        "JOB_COMPLETION_INDEX"
    );
    assert_eq!(
        v["spec"]["containers"][0]["env"][0]["valueFrom"]["fieldRef"]["fieldPath"],
        "metadata.labels['batch.kubernetes.io/job-completion-index']"
    );
    assert_eq!(v["status"]["phase"], "Running");
}

#[test]
fn caps_stop_the_run_and_say_so() {
    let mut sim = Simulation::new(
        job(json!({"completions": 100, "parallelism": 10})),
        Scenario::default(),
    );
    sim.set_limits(1_000_000, 25);
    sim.run_until_settled(86_400_000);
    assert_eq!(sim.pods().len(), 25);
    let snap = sim.snapshot();
    assert!(
        snap.stopped_message
            .as_deref()
            .is_some_and(|m| m.contains("maximum of 25 Pods")),
        "{:?}",
        snap.stopped_message
    );
    assert!(joblab_core::kubectl::timeline(&snap).contains("stopped early"));

    let mut sim = Simulation::new(
        job(json!({"completions": 100, "parallelism": 10})),
        Scenario::default(),
    );
    sim.set_limits(50, 1_000);
    sim.run_until_settled(86_400_000);
    assert!(sim.stopped().is_some());
    assert_eq!(sim.next_wakeup(), None);
}

#[test]
fn a_hundred_thousand_completions_finish_in_bounded_time() {
    let mut sim = Simulation::new(
        job(json!({"completions": 100000, "parallelism": 1000, "backoffLimit": 1000000})),
        Scenario::default(),
    );
    sim.run_until_settled(86_400_000);
    assert_eq!(sim.status().succeeded, 100_000);
    assert_eq!(sim.stopped(), None);
    assert!(sim.is_settled());
}
