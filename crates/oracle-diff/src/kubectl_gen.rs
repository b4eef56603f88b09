//! Random scenarios for the views differential, until the simulation differential's generator
//! lands: failure rates, exit codes, evictions, Pod and Job deletions, suspend patches,
//! parallelism and deadline patches, SIGTERM-ignoring runs, and (through the Job) OnFailure
//! restarts and Indexed Jobs. Each is drawn from a seeded PRNG, so `--seed` replays it.

use joblab_core::scenario::{
    Action, DeleteJob, DeletePod, IndexMatch, JobPatch, JobSpecPatch, QuotaExceeded, RunMatch,
    RunRule, Scenario,
};
use joblab_core::sim::rng::SplitMix64;
use serde_json::{json, Value};

/// A random scenario; `indexed` says the Job is Indexed (rules may then match indexes).
pub fn random_scenario(rng: &mut SplitMix64, indexed: bool) -> Scenario {
    let mut below = |n: u64| rng.below(n);
    let mut s = Scenario {
        startup_seconds: [0.0, 1.0, 2.0, 0.5][below(4) as usize],
        run_seconds: [3.0, 10.0, 30.0, 7.5, 100.0][below(5) as usize],
        exit_code: if below(5) == 0 { 1 } else { 0 },
        seed: below(1000),
        failure_rate: [0.0, 0.0, 0.2, 0.5][below(4) as usize],
        runs: Vec::new(),
        actions: Vec::new(),
        ..Scenario::default()
    };
    for _ in 0..below(4) {
        let mut m = RunMatch::default();
        match below(3) {
            0 => m.run = Some(1 + below(6) as u32),
            1 if indexed => {
                m.index = Some(IndexMatch::One(below(4) as u32));
                if below(2) == 0 {
                    m.attempt = Some(1 + below(3) as u32);
                }
            }
            _ => m.attempt = Some(1 + below(3) as u32),
        }
        let mut rule = RunRule {
            match_: m,
            ..RunRule::default()
        };
        match below(5) {
            0 => rule.evicted = Some(true),
            1 => rule.ignores_sigterm = Some(true),
            2 => rule.run_seconds = Some([1.0, 5.0, 40.0][below(3) as usize]),
            _ => rule.exit_code = Some([1, 2, 42, 137, 0][below(5) as usize]),
        }
        s.runs.push(rule);
    }
    for _ in 0..below(3) {
        let at = [2.0, 5.0, 12.0, 30.0, 61.5][below(5) as usize];
        let mut a = Action {
            at,
            ..Action::default()
        };
        match below(6) {
            0 => {
                a.patch = Some(JobPatch {
                    spec: JobSpecPatch {
                        suspend: Some(true),
                        ..JobSpecPatch::default()
                    },
                });
            }
            1 => {
                a.patch = Some(JobPatch {
                    spec: JobSpecPatch {
                        suspend: Some(false),
                        ..JobSpecPatch::default()
                    },
                });
            }
            2 => {
                a.patch = Some(JobPatch {
                    spec: JobSpecPatch {
                        parallelism: Some(below(4) as i32),
                        ..JobSpecPatch::default()
                    },
                });
            }
            3 => {
                a.patch = Some(JobPatch {
                    spec: JobSpecPatch {
                        active_deadline_seconds: Some(5 + below(60) as i64),
                        ..JobSpecPatch::default()
                    },
                });
            }
            4 => a.delete_job = Some(DeleteJob::default()),
            _ => {
                a.delete_pod = Some(DeletePod {
                    run: Some(1 + below(3) as u32),
                    ..DeletePod::default()
                });
            }
        }
        s.actions.push(a);
    }
    // The kubelet's image pulls (queued on the node), a node without the image, and a full pod
    // quota (FailedCreate).
    if below(3) == 0 {
        s.image_pull_seconds = [0.5, 2.0, 7.0][below(3) as usize];
        s.image_size_bytes = below(500_000_000);
    }
    if below(4) == 0 {
        s.image_present = false;
    }
    if below(6) == 0 {
        let from = [0.0, 2.0, 12.0][below(3) as usize];
        s.quota_exceeded = Some(QuotaExceeded {
            from,
            to: from + [1.0, 5.0, 30.0][below(3) as usize],
            name: "compute-quota".into(),
            pods: 3,
        });
    }
    s.actions.sort_by(|a, b| a.at.total_cmp(&b.at));
    s
}

/// Varies a seed Job's spec the way the scenarios need: OnFailure restarts, Indexed mode,
/// counts, backoff limits, a TTL and a deadline. The manifest stays valid when the seed was.
pub fn vary_job(rng: &mut SplitMix64, job: &Value) -> Value {
    let mut job = job.clone();
    let Some(spec) = job.get_mut("spec").and_then(Value::as_object_mut) else {
        return job;
    };
    let mut below = |n: u64| rng.below(n);
    if below(3) == 0 {
        spec.insert("completions".into(), json!(1 + below(6)));
        spec.insert("parallelism".into(), json!(1 + below(4)));
    }
    if below(4) == 0 && spec.contains_key("completions") && !spec.contains_key("successPolicy") {
        spec.insert("completionMode".into(), json!("Indexed"));
    }
    if below(3) == 0 {
        spec.insert("backoffLimit".into(), json!(below(4)));
    }
    if below(5) == 0 {
        spec.insert("ttlSecondsAfterFinished".into(), json!(below(30)));
    }
    if below(6) == 0 {
        spec.insert("activeDeadlineSeconds".into(), json!(20 + below(100)));
    }
    if below(4) == 0 && !spec.contains_key("podFailurePolicy") {
        if let Some(t) = spec
            .get_mut("template")
            .and_then(|t| t.get_mut("spec"))
            .and_then(Value::as_object_mut)
        {
            t.insert("restartPolicy".into(), json!("OnFailure"));
        }
    }
    job
}
