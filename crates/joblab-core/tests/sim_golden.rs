//! Golden traces of the seed guide's three patterns, compared byte for byte.
//! Rewrite them with `UPDATE_GOLDEN=1 cargo test -p joblab-core --test sim_golden`.

use std::path::PathBuf;

use joblab_core::api::api::batch::v1::Job;
use joblab_core::kubectl;
use joblab_core::scenario::Scenario;
use joblab_core::sim::Simulation;
use serde_json::{json, Value};

fn pi_job(name: &str, extra: Value) -> Job {
    let mut spec = json!({
        "template": {"spec": {"restartPolicy": "Never", "containers": [{
            "name": "pi", "image": "perl:5.34.0", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}]}}
    });
    if let (Some(s), Some(e)) = (spec.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            s.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name}, "spec": spec}),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn trace(job: Job, scenario: Scenario) -> String {
    let mut sim = Simulation::new(job, scenario);
    sim.run_until_settled(86_400_000);
    let snap = sim.snapshot();
    let mut out = kubectl::timeline(&snap);
    out.push_str("\n$ kubectl get jobs\n");
    out.push_str(&kubectl::get_jobs(&snap));
    out.push_str("\n$ kubectl get pods\n");
    out.push_str(&kubectl::get_pods(&snap));
    out.push_str(&format!("\n$ kubectl describe job {}\n", snap.name));
    out.push_str(&kubectl::describe_job(&snap));
    out.push_str("\n$ kubectl get events\n");
    out.push_str(&kubectl::get_events(&snap));
    out.push_str(&format!("\n$ kubectl get job {} -o json\n", snap.name));
    out.push_str(&kubectl::job_json(&snap));
    out.push_str(&format!("\n$ kubectl get job {} -o yaml\n", snap.name));
    out.push_str(&kubectl::job_yaml(&snap));
    out
}

fn check(name: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        want == got,
        "{name} differs from {}:\n{got}",
        path.display()
    );
}

#[test]
fn simple() {
    check(
        "simple",
        &trace(
            pi_job("pi", json!({"backoffLimit": 4})),
            Scenario::default(),
        ),
    );
}

#[test]
fn parallel() {
    check(
        "parallel",
        &trace(
            pi_job("parallel", json!({"completions": 6, "parallelism": 3})),
            Scenario::default(),
        ),
    );
}

#[test]
fn failure() {
    let sc = Scenario {
        exit_code: 1,
        ..Scenario::default()
    };
    check(
        "failure",
        &trace(pi_job("failing", json!({"backoffLimit": 2})), sc),
    );
}

#[test]
fn pi_logs_print_2000_digits() {
    let mut sim = Simulation::new(pi_job("pi", json!({})), Scenario::default());
    sim.run_until_settled(86_400_000);
    let snap = sim.snapshot();
    let name = snap
        .pods
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let out = kubectl::logs(&snap, &name).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.len(), 2002);
    assert!(out.starts_with("3.14159265358979"));
}
