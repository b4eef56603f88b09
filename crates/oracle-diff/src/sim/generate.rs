//! Seeded Job × scenario pairs for the simulation differential.
//!
//! The Job is a valid Job from the API-server differential's generator
//! ([`crate::generate::generate_one`], real manifests mutated across the schema), reshaped in the
//! fields the Job controller reads: completions, parallelism, completion mode, the backoff
//! limits, podFailurePolicy, successPolicy, activeDeadlineSeconds, suspend,
//! ttlSecondsAfterFinished, podReplacementPolicy, restartPolicy and the grace period. The
//! scenario draws failure rates, exit codes that the policy's rules match or miss, evictions,
//! SIGTERM-ignoring runs, suspend and resume patches, parallelism, completions (elastic Indexed
//! Jobs) and deadline patches, and
//! deletions of Pods and of the Job. Case `i` of seed `s` depends only on `s`, `i` and the seed
//! files, so any case is replayed from its id.

use joblab_core::check::check_source;
use joblab_core::sim::rng::SplitMix64;
use joblab_core::yaml::emit::to_yaml;
use joblab_core::yaml::parse_stream;
use serde_json::{json, Map, Value as J};

use crate::generate::{generate_one, Seeds};

/// One generated simulation case.
#[derive(Clone, Debug)]
pub struct SimCase {
    /// `sim-<seed>-<index>`, or the file a fixed case came from.
    pub id: String,
    /// The Job manifest.
    pub job: String,
    /// The scenario (YAML).
    pub scenario: String,
    /// Which seed Job (or file) it came from.
    pub origin: String,
    /// Simulated seconds to run (default [`super::UNTIL_SECONDS`]); CronJob cases set it.
    pub until: Option<f64>,
}

/// Exit codes the generated policies and scenarios share, so rules both match and miss.
const EXIT_CODES: &[i64] = &[0, 1, 2, 3, 42, 137, 143];

/// Generates `count` cases of `seed`.
pub fn generate_sim(seeds: &Seeds, seed: u64, count: usize) -> Vec<SimCase> {
    (0..count)
        .map(|i| generate_sim_one(seeds, seed, i))
        .collect()
}

struct G {
    rng: SplitMix64,
}

impl G {
    fn below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize].clone()
    }
}

/// Case `index` of `seed`: the first valid reshaped Job of a few tries.
pub fn generate_sim_one(seeds: &Seeds, seed: u64, index: usize) -> SimCase {
    let mut g = G {
        rng: SplitMix64::new(
            seed.wrapping_mul(0xA24B_AED4_963E_E407)
                ^ (index as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25),
        ),
    };
    let id = format!("sim-{seed}-{index}");
    for attempt in 0..64u64 {
        let base = generate_one(seeds, seed ^ 0x5157_0000, index * 64 + attempt as usize);
        let Some(mut job) = valid_job(&base.yaml) else {
            continue;
        };
        let shape = shape_job(&mut g, &mut job);
        let yaml = to_yaml(&job);
        if !is_valid(&yaml) {
            continue;
        }
        let scenario = scenario(&mut g, &shape);
        return SimCase {
            id,
            job: yaml,
            scenario,
            origin: base.origin,
            until: None,
        };
    }
    // Practically unreachable; a plain Job keeps the case count honest.
    SimCase {
        id,
        job: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sim\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n".to_owned(),
        scenario: "{}\n".to_owned(),
        origin: "fallback".to_owned(),
        until: None,
    }
}

fn is_valid(yaml: &str) -> bool {
    let report = check_source(yaml);
    report.documents.len() == 1 && report.documents.iter().all(|d| d.valid) && !report.has_errors()
}

/// The Job of a manifest Joblab accepts, as JSON.
fn valid_job(yaml: &str) -> Option<J> {
    if !is_valid(yaml) {
        return None;
    }
    let stream = parse_stream(yaml);
    let doc = stream.documents.first()?;
    let v = doc.root.as_ref()?.to_json();
    (v.get("kind") == Some(&json!("Job")) && v.get("apiVersion") == Some(&json!("batch/v1")))
        .then_some(v)
}

/// What the scenario needs to know of the Job.
struct Shape {
    indexed: bool,
    completions: i64,
    on_failure: bool,
    suspended: bool,
}

fn obj(v: &mut J) -> &mut Map<String, J> {
    if !v.is_object() {
        *v = json!({});
    }
    v.as_object_mut().expect("just made an object")
}

/// Rewrites the fields the Job controller reads with a fresh draw.
fn shape_job(g: &mut G, job: &mut J) -> Shape {
    let names = [
        "sim",
        "pi",
        "worker",
        "batch-import",
        "a-job-whose-name-is-long-enough-that-generated-names-are-cut",
    ];
    let name = g.pick(&names);
    let meta = obj(obj(job).entry("metadata").or_insert(json!({})));
    meta.remove("generateName");
    meta.insert("name".into(), json!(name));
    let spec = obj(obj(job).entry("spec").or_insert(json!({})));
    for k in [
        "completions",
        "parallelism",
        "completionMode",
        "backoffLimit",
        "backoffLimitPerIndex",
        "maxFailedIndexes",
        "podFailurePolicy",
        "successPolicy",
        "activeDeadlineSeconds",
        "suspend",
        "ttlSecondsAfterFinished",
        "podReplacementPolicy",
        "selector",
        "manualSelector",
        "managedBy",
    ] {
        spec.remove(k);
    }
    let indexed = g.chance(45);
    let on_failure = !indexed && g.chance(30) || indexed && g.chance(15);
    let completions = if !indexed && g.chance(15) {
        0
    } else {
        1 + g.below(6) as i64
    };
    if completions > 0 {
        spec.insert("completions".into(), json!(completions));
    }
    if g.chance(85) {
        spec.insert("parallelism".into(), json!(1 + g.below(4)));
    }
    if indexed {
        spec.insert("completionMode".into(), json!("Indexed"));
    } else if g.chance(20) {
        spec.insert("completionMode".into(), json!("NonIndexed"));
    }
    let per_index = indexed && !on_failure && g.chance(35);
    if per_index {
        spec.insert("backoffLimitPerIndex".into(), json!(g.below(3)));
        if g.chance(50) {
            spec.insert(
                "maxFailedIndexes".into(),
                json!(g.below(completions as u64 + 1)),
            );
        }
    } else if g.chance(80) {
        spec.insert("backoffLimit".into(), json!(g.below(7)));
    }
    if !on_failure && g.chance(35) {
        let mut rules = Vec::new();
        for _ in 0..1 + g.below(3) {
            let mut actions = vec!["FailJob", "Ignore", "Count"];
            if per_index {
                actions.push("FailIndex");
            }
            let action = g.pick(&actions);
            let rule = if g.chance(25) {
                json!({"action": action, "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]})
            } else {
                let op = if g.chance(75) { "In" } else { "NotIn" };
                let mut values: Vec<i64> = (0..1 + g.below(3))
                    .map(|_| g.pick(&EXIT_CODES[1..]))
                    .collect();
                values.sort_unstable();
                values.dedup();
                json!({"action": action, "onExitCodes": {"operator": op, "values": values}})
            };
            rules.push(rule);
        }
        spec.insert("podFailurePolicy".into(), json!({"rules": rules}));
    }
    if indexed && g.chance(25) {
        let rule = if g.chance(50) {
            json!({"succeededCount": 1 + g.below(completions as u64)})
        } else {
            let hi = g.below(completions as u64);
            json!({"succeededIndexes": if hi == 0 { "0".to_owned() } else { format!("0-{hi}") }})
        };
        spec.insert("successPolicy".into(), json!({"rules": [rule]}));
    }
    if g.chance(20) {
        spec.insert("activeDeadlineSeconds".into(), json!(5 + g.below(116)));
    }
    let suspended = g.chance(12);
    if suspended {
        spec.insert("suspend".into(), json!(true));
    }
    if g.chance(25) {
        spec.insert("ttlSecondsAfterFinished".into(), json!(g.below(31)));
    }
    if g.chance(20) {
        spec.insert(
            "podReplacementPolicy".into(),
            json!(g.pick(&["Failed", "TerminatingOrFailed"])),
        );
    }
    let template = obj(spec.entry("template").or_insert(json!({})));
    let pod_spec = obj(template.entry("spec").or_insert(json!({})));
    pod_spec.insert(
        "restartPolicy".into(),
        json!(if on_failure { "OnFailure" } else { "Never" }),
    );
    match g.below(4) {
        0 => {
            pod_spec.insert("terminationGracePeriodSeconds".into(), json!(0));
        }
        1 => {
            pod_spec.insert("terminationGracePeriodSeconds".into(), json!(5));
        }
        _ => {
            pod_spec.remove("terminationGracePeriodSeconds");
        }
    }
    // The kubelet's image check: every pull policy, and the default one (by the image's tag).
    if let Some(c) = pod_spec
        .get_mut("containers")
        .and_then(J::as_array_mut)
        .and_then(|cs| cs.first_mut())
        .and_then(J::as_object_mut)
    {
        match g.below(6) {
            0 => {
                c.insert("imagePullPolicy".into(), json!("Always"));
            }
            1 => {
                c.insert("imagePullPolicy".into(), json!("IfNotPresent"));
            }
            2 => {
                c.insert("imagePullPolicy".into(), json!("Never"));
            }
            _ => {}
        }
    }
    Shape {
        indexed,
        completions: completions.max(1),
        on_failure,
        suspended,
    }
}

/// Seconds as a scenario writes them: mostly whole, sometimes a half.
fn seconds(g: &mut G, lo: u64, hi: u64) -> J {
    let s = lo + g.below(hi - lo + 1);
    if g.chance(10) {
        json!(s as f64 + 0.5)
    } else {
        json!(s)
    }
}

fn scenario(g: &mut G, shape: &Shape) -> String {
    let mut s = Map::new();
    if g.chance(50) {
        s.insert("startupSeconds".into(), json!(g.pick(&[0, 1, 2, 3])));
    }
    if g.chance(70) {
        s.insert("runSeconds".into(), json!(g.pick(&[1, 3, 5, 10, 20, 45])));
    }
    if g.chance(10) {
        s.insert("exitCode".into(), json!(g.pick(&EXIT_CODES[1..])));
    }
    s.insert("seed".into(), json!(g.below(1_000_000)));
    if g.chance(45) {
        s.insert("failureRate".into(), json!(g.pick(&[0.1, 0.25, 0.5])));
    }
    let mut runs = Vec::new();
    for _ in 0..g.below(4) {
        let mut m = Map::new();
        match g.below(3) {
            0 => {
                m.insert("run".into(), json!(1 + g.below(8)));
            }
            1 if shape.indexed => {
                m.insert("index".into(), json!(g.below(shape.completions as u64)));
                if g.chance(50) {
                    m.insert("attempt".into(), json!(1 + g.below(3)));
                }
            }
            _ => {
                m.insert("attempt".into(), json!(1 + g.below(3)));
            }
        }
        let mut rule = Map::new();
        rule.insert("match".into(), J::Object(m));
        match g.below(10) {
            0 | 1 => {
                rule.insert("evicted".into(), json!(true));
            }
            2 => {
                rule.insert("ignoresSigterm".into(), json!(true));
                rule.insert("runSeconds".into(), seconds(g, 20, 90));
            }
            _ => {
                rule.insert("exitCode".into(), json!(g.pick(EXIT_CODES)));
                if g.chance(30) {
                    rule.insert("runSeconds".into(), seconds(g, 1, 30));
                }
            }
        }
        runs.push(J::Object(rule));
    }
    if !runs.is_empty() {
        s.insert("runs".into(), J::Array(runs));
    }
    let mut actions = Vec::new();
    if shape.suspended {
        actions.push(json!({"at": seconds(g, 1, 40), "patch": {"spec": {"suspend": false}}}));
    }
    for _ in 0..g.below(4) {
        let at = seconds(g, 1, 90);
        let a = match g.below(13) {
            0 | 1 => json!({"at": at, "patch": {"spec": {"suspend": true}}}),
            2 => json!({"at": at, "patch": {"spec": {"suspend": false}}}),
            3 | 4 => json!({"at": at, "patch": {"spec": {"parallelism": g.below(6)}}}),
            5 => json!({"at": at, "patch": {"spec": {"activeDeadlineSeconds": 5 + g.below(60)}}}),
            6..=8 => json!({"at": at, "deletePod": {"run": 1 + g.below(6)}}),
            9 | 10 if shape.indexed => {
                json!({"at": at, "deletePod": {"index": g.below(shape.completions as u64)}})
            }
            9 | 10 => json!({"at": at, "deletePod": {"run": 1 + g.below(3)}}),
            // An elastic Indexed Job: completions with parallelism in one patch; one in four
            // changes completions alone, and a NonIndexed Job's completions are immutable, so the
            // API server refuses those.
            11 => {
                let n = g.below(shape.completions.max(0) as u64 + 4);
                if shape.indexed && g.chance(75) {
                    json!({"at": at, "patch": {"spec": {"completions": n, "parallelism": n}}})
                } else {
                    json!({"at": at, "patch": {"spec": {"completions": n}}})
                }
            }
            _ => json!({"at": at, "deleteJob": {}}),
        };
        actions.push(a);
    }
    if !actions.is_empty() {
        s.insert("actions".into(), J::Array(actions));
    }
    // The image pull: its time (which queues on the node), its size, and a node without the
    // image; and a window in which the pod quota refuses every Pod (FailedCreate).
    if g.chance(40) {
        s.insert("imagePullSeconds".into(), seconds(g, 0, 12));
        s.insert("imageSizeBytes".into(), json!(g.below(900_000_000)));
    }
    if g.chance(30) {
        s.insert("imagePresent".into(), json!(false));
    }
    if g.chance(20) {
        let from = g.pick(&[0.0, 0.0, 1.0, 5.0, 12.5, 30.0]);
        let to = from + g.pick(&[0.5, 1.0, 3.0, 10.0, 45.0, 200.0]);
        let mut q = Map::new();
        q.insert("from".into(), json!(from));
        q.insert("to".into(), json!(to));
        if g.chance(50) {
            q.insert("name".into(), json!(g.pick(&["compute-quota", "team-a"])));
            q.insert("pods".into(), json!(g.below(50)));
        }
        s.insert("quotaExceeded".into(), J::Object(q));
    }
    let _ = shape.on_failure;
    to_yaml(&J::Object(s))
}
