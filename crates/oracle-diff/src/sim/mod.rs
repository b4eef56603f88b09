//! The simulation differential: Joblab's Job-controller simulation against the real Job and
//! TTL-after-finished controllers, run by the oracle's harness (`oracle simulate`, see
//! oracle/README.md) on the same Job and scenario.
//!
//! - [`generate`]: seeded Job × scenario pairs, and the fixed cases (every guide preset at its
//!   default knobs and at each knob's bounds, the scenarios of the tests and docs);
//! - [`compare`]: what agreement means;
//! - this module: running both sides, the committed vectors, and the report.

pub mod compare;
pub mod cron;
pub mod generate;

use std::collections::BTreeMap;
use std::path::Path;

use joblab_core::check::check_bytes;
use joblab_core::patterns::{build, Knob, Knobs, Preset};
use joblab_core::scenario::{Scenario, MAX_SECONDS};
use joblab_core::sim::json::simulate_json;
use joblab_core::sim::{Millis, Simulation};
use joblab_core::yaml::emit::to_yaml;
use serde::{Deserialize, Serialize};
use serde_json::Value as J;

pub use compare::{compare_sim, SimDifference, CATEGORIES};

use crate::vectors::ask_jsonl;
pub use generate::{generate_sim, SimCase};

/// Simulated seconds a case runs at most, as `joblab simulate` runs by default.
pub const UNTIL_SECONDS: f64 = 86_400.0;

/// Runs Joblab's simulation on a case exactly as `joblab simulate --format json` does.
pub fn joblab_result(job: &str, scenario: &str) -> Result<J, String> {
    let report = check_bytes(job.as_bytes());
    if report.has_errors() {
        return Err("Joblab rejects the Job".to_owned());
    }
    let effective = report
        .documents
        .iter()
        .find(|d| d.valid)
        .and_then(|d| d.effective.clone())
        .ok_or("no batch/v1 Job to simulate")?;
    let scenario = if scenario.trim().is_empty() {
        Scenario::default()
    } else {
        Scenario::from_yaml(scenario).map_err(|d| format!("scenario: {d:?}"))?
    };
    let until_ms = (UNTIL_SECONDS.min(MAX_SECONDS) * 1000.0).round() as Millis;
    let mut sim = Simulation::new(effective, scenario);
    sim.run_until_settled(until_ms);
    serde_json::from_str(&simulate_json(&sim.snapshot())).map_err(|e| e.to_string())
}

/// Every preset at its default knobs and at each knob's bounds, as cases.
pub fn preset_cases() -> Vec<SimCase> {
    let mut out = Vec::new();
    for p in Preset::ALL {
        let base = Knobs::default_for(p);
        let mut all = vec![("default".to_owned(), base)];
        for k in Knob::ALL_KNOBS {
            let (lo, hi) = k.range();
            all.push((format!("{k:?}={lo}"), base.with(k, lo)));
            all.push((format!("{k:?}={hi}"), base.with(k, hi)));
        }
        let mut seen = Vec::new();
        for (label, knobs) in all {
            if seen.contains(&knobs) {
                continue;
            }
            seen.push(knobs);
            let (job, scenario) = build(p, &knobs);
            // The manifest the guide shows (and the lab starts from), not the defaulted Job.
            let job_json = job.written.as_deref().cloned().unwrap_or(J::Null);
            let scenario_json = serde_json::to_value(&scenario).unwrap_or(J::Null);
            out.push(SimCase {
                id: format!("preset-{}-{label}", p.slug()),
                job: to_yaml(&job_json),
                scenario: to_yaml(&scenario_json),
                origin: format!("guide preset {}", p.slug()),
                until: None,
            });
        }
    }
    out
}

/// Every fixed case: the guide's presets ([`preset_cases`]), each behaviour of the core's
/// scenario table (`crates/joblab-core/tests/scenarios/*.yaml`, the cases its tests assert), and
/// the README's scenario example run on the test data's Jobs. `repo` is the checkout's root.
pub fn fixed_cases(repo: &Path) -> Result<Vec<SimCase>, String> {
    let mut out = preset_cases();
    let dir = repo.join("crates/joblab-core/tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let stream = joblab_core::yaml::parse_stream(&text);
        let root = stream
            .documents
            .first()
            .and_then(|d| d.root.as_ref())
            .map(|r| r.to_json())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let scenario = match &root["scenario"] {
            J::Null => String::new(),
            s => to_yaml(s),
        };
        out.push(SimCase {
            id: format!("test-{stem}"),
            job: to_yaml(&root["job"]),
            scenario,
            origin: format!("crates/joblab-core/tests/scenarios/{stem}.yaml"),
            until: None,
        });
    }
    let readme =
        std::fs::read_to_string(repo.join("README.md")).map_err(|e| format!("README.md: {e}"))?;
    let example = readme_scenario(&readme).ok_or("README.md: the scenario example is missing")?;
    for job in ["pi.yaml", "indexed-job.yaml"] {
        let path = repo.join("crates/joblab-core/tests/data").join(job);
        out.push(SimCase {
            id: format!("readme-scenario-{}", job.trim_end_matches(".yaml")),
            job: std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
            scenario: example.clone(),
            origin: format!("README.md's scenario example on crates/joblab-core/tests/data/{job}"),
            until: None,
        });
    }
    Ok(out)
}

/// The README's scenario example: the first YAML block after "A scenario says what the simulated
/// containers do".
fn readme_scenario(readme: &str) -> Option<String> {
    let at = readme.find("says what the simulated containers do")?;
    let rest = &readme[at..];
    let start = rest.find("```yaml\n")? + "```yaml\n".len();
    let len = rest[start..].find("```")?;
    Some(rest[start..start + len].to_owned())
}

/// One answer of `oracle simulate --jsonl`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SimAnswer {
    /// The case id.
    pub id: String,
    /// The run's JSON, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<J>,
    /// Why there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Runs `oracle simulate --jsonl` once over every case; the answers come back in case order.
pub fn ask_oracle_sim(oracle: &Path, cases: &[SimCase]) -> Result<Vec<SimAnswer>, String> {
    let lines: Vec<String> = cases
        .iter()
        .map(|c| {
            let mut line = serde_json::json!({"id": c.id, "job": c.job, "scenario": c.scenario});
            if let Some(u) = c.until {
                line["until"] = serde_json::json!(u);
            }
            line.to_string()
        })
        .collect();
    let answers: Vec<SimAnswer> = ask_jsonl(oracle, &["simulate", "--jsonl"], lines)?;
    for (c, a) in cases.iter().zip(&answers) {
        if c.id != a.id {
            return Err(format!("answer {} for case {}", a.id, c.id));
        }
    }
    Ok(answers)
}

/// One committed simulation vector: a case and the oracle's result, reduced to what the
/// comparison reads (the Job's status, the Pods, the events, finishedAt).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SimVector {
    /// The case id.
    pub id: String,
    /// Where the case came from.
    pub origin: String,
    /// The Job manifest.
    pub job: String,
    /// The scenario.
    pub scenario: String,
    /// Simulated seconds the case runs, when not [`UNTIL_SECONDS`] (CronJob cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<f64>,
    /// The oracle's result, or its error.
    pub answer: SimAnswer,
}

/// Keeps only what [`compare_sim`] (or, for a CronJob, [`cron::compare_cron`]) reads, so the
/// committed vectors stay small.
pub fn reduce(result: &J) -> J {
    if result.get("cronJob").is_some() {
        return cron::reduce_cron(result);
    }
    serde_json::json!({
        "job": {
            "metadata": {"uid": result["job"]["metadata"]["uid"].clone()},
            "status": result["job"]["status"].clone(),
        },
        "pods": result["pods"].clone(),
        "events": result["events"].clone(),
        "finishedAt": result["finishedAt"].clone(),
    })
}

/// Reads a simulation vectors file.
pub fn read_sim_vectors(path: &Path) -> Result<Vec<SimVector>, String> {
    crate::vectors::read_jsonl(path)
}

/// Writes a simulation vectors file.
pub fn write_sim_vectors(path: &Path, vectors: &[SimVector]) -> Result<(), String> {
    crate::vectors::write_jsonl(path, vectors)
}

/// The outcome of one case.
#[derive(Clone, Debug)]
pub struct SimOutcome {
    /// The differences (empty: agreement).
    pub differences: Vec<SimDifference>,
    /// Set when a side could not run the case at all.
    pub error: Option<String>,
}

impl SimOutcome {
    /// Whether the case disagrees.
    pub fn disagrees(&self) -> bool {
        self.error.is_some() || !self.differences.is_empty()
    }
}

/// Compares Joblab with one vector.
pub fn check_vector(v: &SimVector) -> SimOutcome {
    let oracle = match (&v.answer.result, &v.answer.error) {
        (Some(r), _) => r,
        (None, e) => {
            return SimOutcome {
                differences: Vec::new(),
                error: Some(format!(
                    "the oracle could not run it: {}",
                    e.clone().unwrap_or_default()
                )),
            }
        }
    };
    let joblab = if cron::is_cronjob(&v.job) {
        cron::joblab_cron_result(&v.job, &v.scenario, v.until.unwrap_or(UNTIL_SECONDS))
            .map(|j| cron::compare_cron(&j, oracle))
    } else {
        joblab_result(&v.job, &v.scenario).map(|j| compare_sim(&j, oracle))
    };
    match joblab {
        Ok(differences) => SimOutcome {
            differences,
            error: None,
        },
        Err(e) => SimOutcome {
            differences: Vec::new(),
            error: Some(format!("Joblab could not run it: {e}")),
        },
    }
}

/// Checks every vector; `Err` holds the tally and the first three disagreements in full (what a
/// test over a committed vectors file prints).
pub fn check_all(vectors: &[SimVector]) -> Result<SimTally, String> {
    let mut tally = SimTally::default();
    let mut failures = Vec::new();
    for v in vectors {
        let outcome = check_vector(v);
        tally.add(&outcome, v.answer.result.as_ref());
        if outcome.disagrees() && failures.len() < 3 {
            let mut text = format!("case {} (from {}):\n", v.id, v.origin);
            if let Some(e) = &outcome.error {
                text.push_str(&format!("  {e}\n"));
            }
            for d in &outcome.differences {
                text.push_str(&format!("  [{}] {}\n", d.category, d.detail));
            }
            text.push_str(&format!("job:\n{}scenario:\n{}", v.job, v.scenario));
            failures.push(text);
        }
    }
    if failures.is_empty() {
        Ok(tally)
    } else {
        Err(format!(
            "{}\n{} of {} vectors disagree; the first:\n\n{}",
            tally.render(),
            tally.disagreeing,
            tally.cases,
            failures.join("\n")
        ))
    }
}

/// Agreement per category over a run.
#[derive(Clone, Debug, Default)]
pub struct SimTally {
    /// Cases run.
    pub cases: usize,
    /// Cases with any disagreement.
    pub disagreeing: usize,
    /// Cases that disagree in each category.
    pub by_category: BTreeMap<&'static str, usize>,
    /// Cases one side could not run.
    pub errors: usize,
    /// Pods and events compared, for the report.
    pub pods: usize,
    /// Events compared.
    pub events: usize,
    /// A CronJob's Jobs compared.
    pub jobs: usize,
}

impl SimTally {
    /// Adds one case.
    pub fn add(&mut self, outcome: &SimOutcome, oracle: Option<&J>) {
        self.cases += 1;
        if outcome.disagrees() {
            self.disagreeing += 1;
        }
        if outcome.error.is_some() {
            self.errors += 1;
        }
        let mut cats: Vec<&'static str> = outcome.differences.iter().map(|d| d.category).collect();
        cats.dedup();
        cats.sort_unstable();
        cats.dedup();
        for c in cats {
            *self.by_category.entry(c).or_default() += 1;
        }
        if let Some(r) = oracle {
            self.pods += r["pods"].as_array().map_or(0, Vec::len);
            self.events += r["events"].as_array().map_or(0, Vec::len);
            for j in r["jobs"].as_array().into_iter().flatten() {
                self.jobs += 1;
                self.pods += j["pods"].as_array().map_or(0, Vec::len);
                self.events += j["events"].as_array().map_or(0, Vec::len);
            }
        }
    }

    /// The report table.
    pub fn render(&self) -> String {
        let mut s = format!("{:<12} {:>8} {:>10}\n", "category", "agree", "disagree");
        for c in CATEGORIES {
            let n = self.by_category.get(c).copied().unwrap_or(0);
            s.push_str(&format!(
                "{c:<12} {:>8} {n:>10}\n",
                self.cases - self.errors - n
            ));
        }
        s.push_str(&format!(
            "{} cases ({} CronJob Jobs, {} Pods, {} events compared); {} could not run on one side; {} disagree\n",
            self.cases, self.jobs, self.pods, self.events, self.errors, self.disagreeing
        ));
        s
    }
}
