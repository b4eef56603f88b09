//! The views differential: Joblab's kubectl views against `oracle kubectl`, which renders the
//! same API objects with kubectl's own code (oracle/README.md). A case is a Job and a scenario;
//! the simulation runs it, and every distinct event time gives a snapshot whose views are
//! compared byte for byte. A case may be a CronJob instead (`--kubectl --cronjobs`): its
//! simulation's snapshots hold the CronJob, the Jobs it created and their Pods, and the views
//! add `get cronjobs` and `describe cronjob` ([`cron_cases`]).

use std::path::Path;

use joblab_core::kubectl::{
    api_snapshot, cronjob_api_snapshot, cronjob_views, views, ApiSnapshot, ViewOutput,
};
use joblab_core::patterns::{build, Knobs, Preset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::rng::SplitMix64;
use joblab_core::sim::{Millis, Replay, Simulation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::generate::{markdown_yaml_blocks, yaml_files, Seeds};
use crate::kubectl_gen::{random_scenario, vary_job};

/// How long a case is simulated at most (simulated milliseconds).
const UNTIL_MS: Millis = 3_600_000;

/// At most this many snapshots per case: the event times, thinned evenly beyond it, so a Job
/// with thousands of Pods does not dominate a run.
pub const MAX_SNAPSHOTS_PER_CASE: usize = 40;

/// At most this many snapshots per CronJob case: a CronJob's snapshot holds several Jobs and
/// their Pods, so fewer of them keep a run and the committed vectors small.
pub const MAX_CRON_SNAPSHOTS_PER_CASE: usize = 8;

/// One Job (or CronJob) and scenario.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ViewCase {
    /// `<source>/<n>`.
    pub id: String,
    /// Where the Job and scenario come from.
    pub origin: String,
    /// The manifest, as JSON: a Job, or a CronJob.
    pub job: Value,
    /// The scenario.
    pub scenario: Scenario,
    /// A CronJob case's run length, simulated seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<f64>,
}

impl ViewCase {
    /// Whether the manifest is a CronJob.
    pub fn is_cronjob(&self) -> bool {
        self.job.get("kind").and_then(Value::as_str) == Some("CronJob")
    }
}

/// A case at one instant: what the oracle is asked, and Joblab's own views.
#[derive(Clone, Debug)]
pub struct Sample {
    /// `<case id>@<ms>`.
    pub id: String,
    /// The instant.
    pub at_ms: Millis,
    /// The snapshot as API objects.
    pub objects: ApiSnapshot,
}

/// One view of the oracle's answer.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct OracleView {
    /// The command line.
    pub command: String,
    /// What kubectl prints.
    pub output: String,
    /// Whether it prints it on standard error.
    #[serde(default)]
    pub stderr: bool,
}

/// The oracle's answer for one snapshot.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SnapshotAnswer {
    /// The sample id.
    pub id: String,
    /// Every view, in the oracle's order.
    pub views: Vec<OracleView>,
    /// Set when the oracle could not read the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The label selector of the `get pods -l` views: the Job's `job-name` label.
pub fn selector(objects: &ApiSnapshot) -> String {
    format!("job-name={}", objects.job_name)
}

/// The request line for `oracle kubectl --jsonl`.
pub fn request(sample: &Sample) -> Value {
    let o = &sample.objects;
    json!({
        "id": sample.id,
        "now": o.now_rfc3339(),
        "namespace": o.namespace,
        "jobName": o.job_name,
        "jobs": o.jobs,
        "cronJobs": o.cronjobs,
        "pods": o.pods,
        "events": o.events,
        "selector": selector(o),
    })
}

/// A CronJob case's simulation at its start and the CronJob's stored form (what the check
/// makes of the manifest); `None` when the manifest is not one valid CronJob.
fn cron_simulation(
    case: &ViewCase,
) -> Option<(joblab_core::sim::cronjob::CronJobSimulation, Value)> {
    let text = serde_json::to_string(&case.job).ok()?;
    let report = joblab_core::check::check_source(&text);
    let doc = report.documents.first()?;
    let stored = joblab_core::stored::stored_cronjob(doc.effective_cronjob.as_ref()?);
    let sim =
        joblab_core::sim::cronjob::CronJobSimulation::from_check(&text, doc, case.scenario.clone())
            .ok()?;
    Some((sim, stored))
}

/// A CronJob case's run length in simulated milliseconds.
fn cron_until_ms(case: &ViewCase) -> Millis {
    let seconds = case
        .until
        .unwrap_or(86_400.0)
        .min(joblab_core::scenario::MAX_SECONDS);
    // As `joblab simulate --until` and the CronJob simulation differential read it.
    (seconds * 1000.0).round() as Millis
}

/// The snapshots of a CronJob case: the instants something happened (the CronJob's events,
/// each Job's creation and events), thinned evenly to [`MAX_CRON_SNAPSHOTS_PER_CASE`], and the
/// end of the run.
fn cron_samples(case: &ViewCase) -> Vec<Sample> {
    let Some((mut sim, stored)) = cron_simulation(case) else {
        return Vec::new();
    };
    let start = sim.clone();
    let until = cron_until_ms(case);
    sim.advance_to(until);
    let mut times: Vec<Millis> = sim.events().iter().map(|e| e.at_ms).collect();
    for c in sim.children() {
        times.push(c.created_ms);
        times.extend(c.sim.events().iter().map(|e| e.at_ms + c.clock_start_ms));
    }
    times.push(until);
    times.retain(|&t| t <= until);
    times.sort_unstable();
    times.dedup();
    let max = MAX_CRON_SNAPSHOTS_PER_CASE;
    if times.len() > max {
        let n = times.len();
        times = (0..max)
            .filter_map(|i| times.get(i * (n - 1) / (max - 1)).copied())
            .collect();
        times.dedup();
    }
    let mut sim = start;
    times
        .into_iter()
        .map(|t| {
            sim.advance_to(t);
            Sample {
                id: format!("{}@{t}", case.id),
                at_ms: t,
                objects: cronjob_api_snapshot(&sim, &stored),
            }
        })
        .collect()
}

/// The CronJob cases of `--kubectl --cronjobs`: the CronJob simulation differential's generated
/// CronJob × scenario cases of `seed` (oracle_diff::sim::cron).
pub fn cron_cases(repo: &Path, seed: u64, count: usize) -> Vec<ViewCase> {
    let seeds = Seeds::load(repo);
    crate::sim::cron::generate_cron(&seeds, seed, count)
        .into_iter()
        .filter_map(|c| {
            let stream = joblab_core::yaml::parse_stream(&c.job);
            let job = stream.documents.first()?.root.as_ref()?.to_json();
            let scenario = Scenario::from_yaml(&c.scenario).ok()?;
            Some(ViewCase {
                id: c.id,
                origin: c.origin,
                job,
                scenario,
                until: c.until,
            })
        })
        .collect()
}

/// The effective Job of a manifest, as `joblab simulate` takes it; `None` when the manifest is
/// not one valid Job.
fn effective(job: &Value) -> Option<joblab_core::api::api::batch::v1::Job> {
    let text = serde_json::to_string(job).ok()?;
    let report = joblab_core::check::check_source(&text);
    let doc = report.documents.into_iter().next()?;
    if !doc.valid {
        return None;
    }
    doc.effective
}

/// The snapshots of a case: one per distinct event time (thinned to
/// [`MAX_SNAPSHOTS_PER_CASE`]), and the end of the run.
pub fn samples(case: &ViewCase) -> Vec<Sample> {
    if case.is_cronjob() {
        return cron_samples(case);
    }
    let Some(job) = effective(&case.job) else {
        return Vec::new();
    };
    let replay = Replay::record(Simulation::new(job, case.scenario.clone()), UNTIL_MS);
    let end = replay.end().snapshot();
    let mut times: Vec<Millis> = end.events.iter().map(|e| e.at_ms).collect();
    times.push(end.time_ms);
    times.sort_unstable();
    times.dedup();
    if times.len() > MAX_SNAPSHOTS_PER_CASE {
        let n = times.len();
        times = (0..MAX_SNAPSHOTS_PER_CASE)
            .filter_map(|i| {
                times
                    .get(i * (n - 1) / (MAX_SNAPSHOTS_PER_CASE - 1))
                    .copied()
            })
            .collect();
        times.dedup();
    }
    times
        .into_iter()
        .map(|t| Sample {
            id: format!("{}@{t}", case.id),
            at_ms: t,
            objects: api_snapshot(&replay.snapshot_at(t)),
        })
        .collect()
}

/// The sample of `case` at `at_ms` (for a committed vector).
pub fn sample_at(case: &ViewCase, at_ms: Millis) -> Option<Sample> {
    if case.is_cronjob() {
        let (mut sim, stored) = cron_simulation(case)?;
        sim.advance_to(at_ms);
        return Some(Sample {
            id: format!("{}@{at_ms}", case.id),
            at_ms,
            objects: cronjob_api_snapshot(&sim, &stored),
        });
    }
    let snap = snapshot_at(case, at_ms)?;
    Some(Sample {
        id: format!("{}@{at_ms}", case.id),
        at_ms,
        objects: api_snapshot(&snap),
    })
}

/// The simulation's snapshot of `case` at `at_ms`, for the front ends' own entry points
/// (`kubectl::get_pods` builds lighter objects for long listings).
pub fn snapshot_at(case: &ViewCase, at_ms: Millis) -> Option<joblab_core::sim::Snapshot> {
    let job = effective(&case.job)?;
    let replay = Replay::record(Simulation::new(job, case.scenario.clone()), UNTIL_MS);
    Some(replay.snapshot_at(at_ms))
}

/// The cases: every Job of the tests and docs with every scenario of the tests and docs, every
/// guide preset at its default knobs and at each knob's bounds with its own scenario, and
/// `generated` random Job×scenario pairs from `seed`.
pub fn cases(repo: &Path, seed: u64, generated: usize) -> Vec<ViewCase> {
    let seeds = Seeds::load(repo);
    let mut scenarios: Vec<(String, Scenario)> = vec![("default".into(), Scenario::default())];
    for file in yaml_files(&repo.join("crates/joblab-core/tests")) {
        let name = file.to_string_lossy();
        if !name.ends_with(".scenario.yaml") {
            continue;
        }
        if let Some(s) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| Scenario::from_yaml(&t).ok())
        {
            scenarios.push((
                format!(
                    "tests/{}",
                    file.file_name()
                        .map_or(String::new(), |f| f.to_string_lossy().into_owned())
                ),
                s,
            ));
        }
    }
    for (b, block) in std::fs::read_to_string(repo.join("README.md"))
        .map(|t| markdown_yaml_blocks(&t))
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        if block.contains("kind:") {
            continue;
        }
        if let Ok(s) = Scenario::from_yaml(&block) {
            scenarios.push((format!("README.md#{b}"), s));
        }
    }
    let mut out = Vec::new();
    for (origin, job) in seeds
        .jobs
        .iter()
        .filter(|(o, _)| o.starts_with("tests/") || o.starts_with("docs/"))
    {
        for (sname, s) in &scenarios {
            out.push(ViewCase {
                id: format!("file/{}", out.len()),
                origin: format!("{origin} × {sname}"),
                job: job.clone(),
                scenario: s.clone(),
                until: None,
            });
        }
    }
    for preset in Preset::ALL {
        let defaults = Knobs::default_for(preset);
        let mut variants = vec![("default".to_owned(), defaults)];
        for knob in preset.knobs() {
            let (lo, hi) = knob.range();
            variants.push((format!("{}={lo}", knob.label()), defaults.with(*knob, lo)));
            variants.push((format!("{}={hi}", knob.label()), defaults.with(*knob, hi)));
        }
        for (label, knobs) in variants {
            let (job, scenario) = build(preset, &knobs);
            if let Some(written) = job.written.as_deref() {
                out.push(ViewCase {
                    id: format!("preset/{}/{label}", preset.slug()),
                    origin: format!("preset {} at {label}", preset.slug()),
                    job: written.clone(),
                    scenario,
                    until: None,
                });
            }
        }
    }
    if !seeds.jobs.is_empty() {
        for i in 0..generated {
            let mut rng = SplitMix64::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let n = seeds.jobs.len() as u64;
            let (origin, job) = &seeds.jobs[rng.below(n) as usize];
            let job = vary_job(&mut rng, job);
            let indexed = job.pointer("/spec/completionMode") == Some(&json!("Indexed"));
            let scenario = random_scenario(&mut rng, indexed);
            out.push(ViewCase {
                id: format!("gen/{seed}-{i}"),
                origin: format!("{origin}, varied, random scenario"),
                job,
                scenario,
                until: None,
            });
        }
    }
    out
}

/// Runs `oracle kubectl --jsonl` over the samples and returns the answers in order.
pub fn ask_oracle(oracle: &Path, samples: &[Sample]) -> Result<Vec<SnapshotAnswer>, String> {
    let lines: Vec<String> = samples.iter().map(|s| request(s).to_string()).collect();
    crate::vectors::ask_jsonl(oracle, &["kubectl", "--jsonl"], lines)
}

/// How one view compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewDiff {
    /// The command (the oracle's).
    pub command: String,
    /// The view's kind (`describe pod`, `get pods -l -o wide`, ...), for the tally.
    pub kind: String,
    /// `None` when byte-identical; else the first differing line of each side.
    pub diff: Option<String>,
}

/// The kind of a command, without its names: `kubectl describe pod pi-abcde` → `describe pod`,
/// `kubectl get pods -l job-name=pi -o wide` → `get pods -l -o wide`.
pub fn view_kind(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    let mut kind: Vec<&str> = words.iter().take(2).copied().collect();
    // A named resource (`describe job pi`, `get job pi -o yaml`) is followed by its name.
    let mut i = if matches!(words.get(1), Some(&"job" | &"pod" | &"cronjob")) {
        3
    } else {
        2
    };
    while let Some(w) = words.get(i) {
        kind.push(w);
        // `-l` takes the selector, which is left out.
        i += if *w == "-l" { 2 } else { 1 };
    }
    kind.join(" ")
}

/// Joblab's views of a sample against the oracle's answer, view by view.
pub fn compare(sample: &Sample, answer: &SnapshotAnswer) -> Vec<ViewDiff> {
    let ours = if sample.objects.cronjobs.is_empty() {
        views::all_views(&sample.objects, &selector(&sample.objects))
    } else {
        cronjob_views::all_cronjob_views(&sample.objects)
    };
    let mut out = Vec::new();
    if let Some(e) = &answer.error {
        out.push(ViewDiff {
            command: "(snapshot)".into(),
            kind: "snapshot".into(),
            diff: Some(format!("the oracle could not read the snapshot: {e}")),
        });
        return out;
    }
    let n = ours.len().max(answer.views.len());
    for i in 0..n {
        let theirs = answer.views.get(i);
        let mine = ours.get(i);
        let command = theirs
            .map(|v| v.command.clone())
            .or_else(|| mine.map(|m| m.0.clone()))
            .unwrap_or_default();
        let diff = match (mine, theirs) {
            (Some((c, m)), Some(t)) if *c == t.command => first_difference(m, t),
            (Some((c, _)), Some(t)) => {
                Some(format!("command: Joblab {c:?}, oracle {:?}", t.command))
            }
            (None, Some(_)) => Some("Joblab has no such view".into()),
            (Some(_), None) => Some("the oracle has no such view".into()),
            (None, None) => None,
        };
        out.push(ViewDiff {
            kind: view_kind(&command),
            command,
            diff,
        });
    }
    out
}

fn first_difference(mine: &ViewOutput, theirs: &OracleView) -> Option<String> {
    if mine.text == theirs.output && mine.stderr == theirs.stderr {
        return None;
    }
    if mine.stderr != theirs.stderr {
        return Some(format!(
            "stream: Joblab {}, oracle {}\n  Joblab: {:?}\n  oracle: {:?}",
            if mine.stderr { "stderr" } else { "stdout" },
            if theirs.stderr { "stderr" } else { "stdout" },
            mine.text,
            theirs.output
        ));
    }
    if std::env::var_os("ORACLE_DIFF_FULL").is_some() {
        return Some(format!(
            "Joblab:\n{}\noracle:\n{}",
            mine.text, theirs.output
        ));
    }
    let a: Vec<&str> = mine.text.split('\n').collect();
    let b: Vec<&str> = theirs.output.split('\n').collect();
    let i = (0..a.len().max(b.len()))
        .find(|&i| a.get(i) != b.get(i))
        .unwrap_or(0);
    Some(format!(
        "line {}:\n  Joblab: {:?}\n  oracle: {:?}",
        i + 1,
        a.get(i).copied().unwrap_or("<end>"),
        b.get(i).copied().unwrap_or("<end>")
    ))
}

/// One committed vector: a case, an instant, and the oracle's answer. The test simulates the
/// case again, so the objects, not only the renderers, are held to the answer.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ViewVector {
    /// The case.
    pub case: ViewCase,
    /// The instant.
    #[serde(rename = "atMs")]
    pub at_ms: Millis,
    /// The oracle's answer.
    pub answer: SnapshotAnswer,
}

/// Reads a views vectors file.
pub fn read_view_vectors(path: &Path) -> Result<Vec<ViewVector>, String> {
    crate::vectors::read_jsonl(path)
}

/// Writes a views vectors file.
pub fn write_view_vectors(path: &Path, vectors: &[ViewVector]) -> Result<(), String> {
    crate::vectors::write_jsonl(path, vectors)
}
