//! One scenario per behaviour: a Job and a scenario in, the expected conditions, counts, Pod
//! creation times and events out. The table is data, `tests/scenarios/*.yaml`, so that the
//! simulation differential runs the same cases against the real Job controller.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::scenario::Scenario;
use joblab_core::sim::{PodPhase, Simulation};
use serde::Deserialize;
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

/// One behaviour: a file of `tests/scenarios/`. The same files are fixed cases of the simulation
/// differential (crates/oracle-diff), so every behaviour asserted here is also judged by the real
/// Job controller.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Why the expected numbers are what they are, where it is not obvious.
    #[serde(default)]
    #[allow(dead_code)]
    why: Option<String>,
    job: Value,
    #[serde(default)]
    scenario: Value,
    expect: Expect,
}

/// What the run must show at the end.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    /// Conditions in order as `Type/Reason@seconds`.
    conditions: Vec<String>,
    counts: Counts,
    /// Pod creation times in seconds, in creation order.
    created: Vec<u64>,
    /// `Reason@seconds` that must be in the event log.
    #[serde(default)]
    events: Vec<String>,
    completed_indexes: Option<String>,
    failed_indexes: Option<String>,
    /// Whether the run ends with no Pod left (a Job that stays suspended never does).
    #[serde(default = "yes")]
    settles: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct Counts {
    succeeded: u32,
    failed: u32,
    active: u32,
    terminating: u32,
}

/// Every case file, in file-name order.
fn cases() -> Vec<(String, Case)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 23,
        "the scenario folder lost files: {files:?}"
    );
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let stream = joblab_core::yaml::parse_stream(&text);
            if let Some(e) = stream.documents.iter().find_map(|d| d.error.as_ref()) {
                panic!("{}: {e:?}", p.display());
            }
            let root = stream
                .documents
                .first()
                .and_then(|d| d.root.as_ref())
                .map(|r| r.to_json());
            let case: Case = serde_json::from_value(root.unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let file = p
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (file, case)
        })
        .collect()
}

/// The Job as `joblab simulate` runs it: checked and defaulted like user input.
fn effective(file: &str, manifest: &Value) -> Job {
    let yaml = joblab_core::yaml::emit::to_yaml(manifest);
    let report = joblab_core::check::check_bytes(yaml.as_bytes());
    assert!(!report.has_errors(), "{file}: the Job is invalid");
    report
        .documents
        .iter()
        .find_map(|d| d.effective.clone())
        .unwrap_or_else(|| panic!("{file}: no Job"))
}

fn secs(ms: u64) -> u64 {
    ms / 1000
}

#[test]
fn every_behaviour_matches_the_controller() {
    let mut failures = Vec::new();
    for (file, case) in cases() {
        let scenario: Scenario = if case.scenario.is_null() {
            Scenario::default()
        } else {
            serde_json::from_value(case.scenario.clone())
                .unwrap_or_else(|e| panic!("{file}: bad scenario: {e}"))
        };
        let mut sim = Simulation::new(effective(&file, &case.job), scenario);
        sim.run_until_settled(86_400_000);
        let snap = sim.snapshot();
        let conds: Vec<String> = snap
            .status
            .conditions
            .iter()
            .map(|c| format!("{}/{}@{}", c.type_, c.reason, secs(c.last_transition_ms)))
            .collect();
        let st = &snap.status;
        let counts = Counts {
            succeeded: st.succeeded,
            failed: st.failed,
            active: st.active,
            terminating: st.terminating,
        };
        let created: Vec<u64> = snap.pods.iter().map(|p| secs(p.created_ms)).collect();
        let events: Vec<String> = snap
            .events
            .iter()
            .map(|e| format!("{}@{}", e.reason, secs(e.at_ms)))
            .collect();
        let want = &case.expect;
        let mut problems = Vec::new();
        if conds != want.conditions {
            problems.push(format!("conditions {conds:?}"));
        }
        if counts != want.counts {
            problems.push(format!("counts {counts:?}"));
        }
        if created != want.created {
            problems.push(format!("created {created:?}"));
        }
        for w in &want.events {
            if !events.iter().any(|e| e == w) {
                problems.push(format!("missing event {w} in {events:?}"));
            }
        }
        if st.completed_indexes != want.completed_indexes {
            problems.push(format!("completedIndexes {:?}", st.completed_indexes));
        }
        if st.failed_indexes != want.failed_indexes {
            problems.push(format!("failedIndexes {:?}", st.failed_indexes));
        }
        if sim.is_settled() != want.settles {
            problems.push(format!("settled: {}", sim.is_settled()));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{file} ({}):\n  {}",
                case.name,
                problems.join("\n  ")
            ));
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
