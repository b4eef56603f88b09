//! Properties over random valid Jobs, scenarios and seeds.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Cursor, Replay, Simulation};
use proptest::prelude::*;
use serde_json::{json, Value};

const UNTIL_MS: u64 = 3_600_000;

#[derive(Debug, Clone)]
struct Input {
    job: Value,
    scenario: Value,
}

fn input() -> impl Strategy<Value = Input> {
    (
        (any::<bool>(), 1i32..8, any::<bool>(), 0i32..5, 0i32..4, any::<bool>()),
        (any::<bool>(), any::<bool>(), prop::option::of(5i64..60), any::<bool>(), any::<bool>()),
        (0.0f64..1.0, 0u32..4, 1u32..20, any::<u64>()),
        (prop::option::of(1u32..6), prop::option::of(1u32..6), prop::option::of((1u32..40, any::<bool>())), prop::option::of((1u32..8, 1u32..40))),
    )
        .prop_map(|(shape, policies, behaviour, rules)| {
            let (indexed, completions, unset_completions, parallelism, backoff, on_failure) = shape;
            let (per_index, ignore_disruptions, deadline, replace_failed, ttl) = policies;
            let (failure_rate, startup, run, seed) = behaviour;
            let (evict_run, sigterm_run, suspend, delete) = rules;
            let mut spec = json!({
                "parallelism": parallelism,
                "backoffLimit": backoff,
                "template": {"spec": {
                    "restartPolicy": if on_failure && !ignore_disruptions { "OnFailure" } else { "Never" },
                    "containers": [{"name": "c", "image": "busybox"}]}},
            });
            if indexed {
                spec["completionMode"] = json!("Indexed");
                spec["completions"] = json!(completions);
                if per_index && !on_failure {
                    spec["backoffLimitPerIndex"] = json!(1);
                    spec["maxFailedIndexes"] = json!(completions / 2);
                }
            } else if !unset_completions {
                spec["completions"] = json!(completions);
            }
            if ignore_disruptions {
                spec["podFailurePolicy"] = json!({"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]});
            } else if replace_failed {
                spec["podReplacementPolicy"] = json!("Failed");
            }
            if let Some(d) = deadline {
                spec["activeDeadlineSeconds"] = json!(d);
            }
            if ttl {
                spec["ttlSecondsAfterFinished"] = json!(30);
            }
            let mut runs = Vec::new();
            if let Some(r) = evict_run {
                runs.push(json!({"match": {"run": r}, "evicted": true}));
            }
            if let Some(r) = sigterm_run {
                runs.push(json!({"match": {"run": r}, "ignoresSigterm": true}));
            }
            let mut actions = Vec::new();
            if let Some((at, back)) = suspend {
                actions.push(json!({"at": at, "patch": {"spec": {"suspend": true}}}));
                if back {
                    actions.push(json!({"at": at + 20, "patch": {"spec": {"suspend": false}}}));
                }
            }
            if let Some((r, at)) = delete {
                actions.push(json!({"at": at, "deletePod": {"run": r}}));
            }
            Input {
                job: json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "p"}, "spec": spec}),
                scenario: json!({"startupSeconds": startup, "runSeconds": run, "seed": seed, "failureRate": failure_rate,
                    "runs": runs, "actions": actions}),
            }
        })
}

fn build(i: &Input) -> Simulation {
    let job: Job = serde_json::from_value(i.job.clone()).unwrap_or_default();
    let sc: Scenario = serde_json::from_value(i.scenario.clone()).unwrap_or_default();
    assert!(sc.validate().is_empty());
    Simulation::new(job, sc)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_at_every_step(i in input()) {
        let mut sim = build(&i);
        let completions = i.job["spec"]["completions"].as_u64();
        let indexed = i.job["spec"]["completionMode"] == "Indexed";
        let mut steps = 0u32;
        while !sim.is_settled() {
            let Some(t) = sim.next_wakeup() else { break };
            if t > UNTIL_MS { break; }
            sim.advance_to(t);
            steps += 1;
            prop_assert!(steps < 200_000);
            let parallelism = sim.job().spec.as_ref().and_then(|s| s.parallelism).unwrap_or(1);
            let active = sim.pods().iter().filter(|p| p.is_active()).count();
            prop_assert!(active as i64 <= i64::from(parallelism), "{} active > parallelism {} at {}", active, parallelism, t);
            let st = sim.status();
            if let Some(c) = completions {
                prop_assert!(u64::from(st.succeeded) <= c);
            }
            if indexed {
                // Indexed: succeeded counts distinct indexes (a Pod deleted by the controller may
                // still succeed, uncounted, so this is an upper bound).
                let mut ix: Vec<u32> = sim.pods().iter().filter(|p| p.phase.as_str() == "Succeeded").filter_map(|p| p.index).collect();
                ix.sort_unstable();
                ix.dedup();
                prop_assert!(st.succeeded as usize <= ix.len());
            }
            if st.finished_ms().is_some() {
                prop_assert_eq!(st.active, 0);
                prop_assert_eq!(st.terminating, 0);
                prop_assert!(st.condition("Complete").is_none() || st.condition("Failed").is_none());
            }
        }
        prop_assert!(sim.events().windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        // The run ends within its bounds: settled, idle (e.g. suspended), or past the limit.
        prop_assert!(sim.is_settled() || sim.next_wakeup().is_none_or(|t| t > UNTIL_MS));
    }

    #[test]
    fn same_inputs_same_trace(i in input()) {
        let mut a = build(&i);
        let mut b = build(&i);
        a.run_until_settled(UNTIL_MS);
        b.run_until_settled(UNTIL_MS);
        prop_assert_eq!(a.snapshot(), b.snapshot());
        prop_assert!(a.now() <= UNTIL_MS);
    }

    #[test]
    fn snapshot_at_matches_a_fresh_run(i in input(), fracs in prop::collection::vec(0.0f64..1.2, 1..4)) {
        let replay = Replay::record(build(&i), UNTIL_MS);
        let end = replay.end().now().max(1);
        for f in fracs {
            let t = (end as f64 * f) as u64;
            let mut fresh = build(&i);
            fresh.advance_to(t);
            prop_assert_eq!(replay.snapshot_at(t), fresh.snapshot(), "t = {}", t);
        }
    }

    /// A player's cursor, moved to moments in any order (mostly forward, sometimes back), gives
    /// the same snapshot as `snapshot_at`.
    #[test]
    fn snapshot_with_a_cursor_matches_snapshot_at(i in input(), fracs in prop::collection::vec(0.0f64..1.2, 1..12)) {
        let replay = Replay::record(build(&i), UNTIL_MS);
        let end = replay.end().now().max(1);
        let mut cursor = Cursor::default();
        for f in fracs {
            let t = (end as f64 * f) as u64;
            prop_assert_eq!(replay.snapshot_with(&mut cursor, t), replay.snapshot_at(t), "t = {}", t);
        }
    }

    /// Between two change times nothing changes but the clock: the snapshot at `t` is the one
    /// at the last change before it, with `t` as its time.
    #[test]
    fn nothing_changes_between_change_times(i in input(), fracs in prop::collection::vec(0.0f64..1.0, 1..6)) {
        let replay = Replay::record(build(&i), UNTIL_MS);
        let end = replay.end().now().max(1);
        for f in fracs {
            let t = (end as f64 * f) as u64;
            let at = replay.last_change_at(t);
            prop_assert!(at <= t);
            let mut then = replay.snapshot_at(at);
            then.time_ms = t;
            prop_assert_eq!(then, replay.snapshot_at(t), "t = {}, last change {}", t, at);
        }
    }
}
