//! Simulation of fuzzed small Jobs and scenarios with tiny caps: it must never panic, always
//! stop, and render its kubectl views. The first bytes choose the Job's knobs; the rest is the
//! scenario YAML (or, if that does not decode, knobs for a default scenario).
#![no_main]

use joblab_core::check::check_source;
use joblab_core::kubectl;
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Replay, Simulation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((knobs, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let indexed = knobs[0] & 1 == 1;
    let on_failure = knobs[0] & 2 == 2;
    let per_index = indexed && !on_failure && knobs[0] & 4 == 4;
    let suspend = knobs[0] & 8 == 8;
    let ttl = knobs[0] & 16 == 16;
    let mut spec = format!(
        "  completions: {}\n  parallelism: {}\n  backoffLimit: {}\n  suspend: {suspend}\n",
        knobs[1] % 12,
        knobs[2] % 6,
        knobs[3] % 5,
    );
    if indexed {
        spec.push_str("  completionMode: Indexed\n");
    }
    if per_index {
        spec.push_str(&format!("  backoffLimitPerIndex: {}\n", knobs[4] % 3));
    }
    if ttl {
        spec.push_str(&format!("  ttlSecondsAfterFinished: {}\n", knobs[5] % 30));
    }
    if knobs[5] & 128 == 128 {
        spec.push_str(&format!("  activeDeadlineSeconds: {}\n", 1 + u32::from(knobs[6]) * 3));
    }
    let policy = if on_failure { "OnFailure" } else { "Never" };
    let yaml = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: f\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: {policy}\n      containers:\n      - name: c\n        image: busybox\n"
    );
    let report = check_source(&yaml);
    let Some(job) = report.documents.first().and_then(|d| d.effective.clone()) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let scenario = Scenario::from_yaml(&text).unwrap_or_else(|_| Scenario {
        exit_code: i32::from(knobs[7] % 3),
        failure_rate: f64::from(knobs[6] % 5) / 4.0,
        seed: u64::from(knobs[7]),
        run_seconds: f64::from(knobs[4] % 20),
        ..Scenario::default()
    });
    let mut sim = Simulation::new(job, scenario);
    sim.set_limits(3_000, 60);
    let replay = Replay::record(sim, 3_600_000);
    let end = replay.end().now();
    for t in [0, end / 3, end / 2, end, end + 1_000] {
        let snap = replay.snapshot_at(t);
        let _ = kubectl::timeline(&snap);
        let _ = kubectl::get_pods(&snap);
        let _ = kubectl::get_jobs(&snap);
    }
});
