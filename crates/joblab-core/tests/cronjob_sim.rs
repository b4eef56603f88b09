//! Golden traces of the CronJob controller simulation: one CronJob (every 5 minutes in
//! Europe/Berlin, history limits of 1) under each concurrencyPolicy, with Jobs that outlast the
//! period, a failing 2nd Job, a 10-minute outage of the controller and a deletion of the 3rd Job
//! (tests/golden/cronjob/). Each trace was checked once against the real CronJob controller
//! (`oracle simulate`, identical events, Jobs and status); the CronJob differential
//! (crates/oracle-diff, `--simulate --cronjobs`) keeps checking the model at large.

use joblab_core::check::check_source;
use joblab_core::scenario::Scenario;
use joblab_core::sim::cronjob::json::cronjob_json;
use joblab_core::sim::cronjob::CronJobSimulation;

const CRONJOB: &str = include_str!("golden/cronjob/cronjob.yaml");
const SCENARIO: &str = include_str!("golden/cronjob/scenario.yaml");

/// The trace: the CronJob controller's events, the Jobs (name@created-deleted) and the first
/// Job's scheduled-timestamp annotation, as the golden files write them.
fn trace(policy: &str) -> String {
    let manifest = CRONJOB.replace("POLICY", policy);
    let report = check_source(&manifest);
    assert!(!report.has_errors(), "{policy}: the CronJob is valid");
    let doc = &report.documents[0];
    let scenario = Scenario::from_yaml(SCENARIO).unwrap_or_else(|d| panic!("{d:?}"));
    let mut sim = CronJobSimulation::from_check(&manifest, doc, scenario)
        .unwrap_or_else(|e| panic!("{policy}: {e}"));
    sim.advance_to(2_700_000);
    let out: serde_json::Value =
        serde_json::from_str(&cronjob_json(&sim)).expect("the simulation's JSON");
    let mut lines: Vec<String> = out["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{} {} {}",
                e["at"],
                e["reason"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    let jobs = out["jobs"].as_array().cloned().unwrap_or_default();
    let deleted = |j: &serde_json::Value| match &j["deletedAt"] {
        serde_json::Value::Null => "None".to_owned(),
        v => v.to_string(),
    };
    lines.push(format!(
        "jobs: {}",
        jobs.iter()
            .map(|j| format!(
                "{}@{}-{}",
                j["name"].as_str().unwrap_or(""),
                j["createdAt"],
                deleted(j)
            ))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    lines.push(format!(
        "annotation: {}",
        jobs.first()
            .and_then(|j| j["scheduledTime"].as_str())
            .unwrap_or("")
    ));
    lines.join("\n") + "\n"
}

#[test]
fn every_concurrency_policy_matches_its_golden_trace() {
    let cases = [
        ("Allow", include_str!("golden/cronjob/allow.txt")),
        ("Forbid", include_str!("golden/cronjob/forbid.txt")),
        ("Replace", include_str!("golden/cronjob/replace.txt")),
    ];
    for (policy, golden) in cases {
        assert_eq!(trace(policy), golden, "{policy}");
    }
}

#[test]
fn the_same_inputs_give_the_same_trace() {
    assert_eq!(trace("Forbid"), trace("Forbid"));
}

/// A schedule with `TZ` (which validation refuses, so only an object stored before that rule
/// has one: the stored form, `from_manifest`) makes the controller warn `UnsupportedSchedule`,
/// quoting the schedule as Go's `%q` does: U+00A0, which robfig's parser takes as a separator,
/// is `\u00a0` there (Rust's `{:?}` writes `\u{a0}`).
#[test]
fn unsupported_schedule_quotes_like_go() {
    let valid = CRONJOB.replace("POLICY", "Allow");
    let report = check_source(&valid);
    let template = report.documents[0]
        .job
        .clone()
        .expect("the CronJob's jobTemplate");
    let stream = joblab_core::yaml::parse_stream(&valid);
    let mut manifest = stream.documents[0]
        .root
        .as_ref()
        .expect("a document")
        .to_json();
    manifest["spec"]["schedule"] = "CRON_TZ=UTC */5\u{a0}* * * *".into();
    let scenario = Scenario::from_yaml(SCENARIO).unwrap_or_else(|d| panic!("{d:?}"));
    let mut sim =
        CronJobSimulation::from_manifest(&manifest, template, scenario).expect("a simulation");
    sim.advance_to(600_000);
    let out: serde_json::Value =
        serde_json::from_str(&cronjob_json(&sim)).expect("the simulation's JSON");
    let warning = out["events"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["reason"] == "UnsupportedSchedule")
        .expect("an UnsupportedSchedule event");
    assert_eq!(
        warning["message"],
        "CRON_TZ or TZ used in schedule \"CRON_TZ=UTC */5\\u00a0* * * *\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details"
    );
}
