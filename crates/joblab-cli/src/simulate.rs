//! `joblab simulate JOB.yaml [--scenario S.yaml] [--seed N] [--until SECONDS] [--format text|json]`.
//!
//! A CronJob runs through the CronJob controller simulation (joblab_core::sim::cronjob) until
//! `--until`, its Jobs through the Job simulation; the JSON is
//! `{"cronJob", "jobs", "events"}` (README, "Simulating a CronJob").
//!
//! The Job goes through the same pipeline as `joblab check` (strict decoding, validation,
//! defaulting); an invalid Job or scenario prints its diagnostics as `FILE:LINE:COL: error: …` and
//! exits 1. The simulation runs until the Job has finished and none of its Pods runs or
//! terminates (or the TTL controller deleted it), or until `--until` simulated seconds.
//!
//! Text output (stable): the event timeline (`TIME TYPE REASON OBJECT MESSAGE`, times in seconds
//! since the Job was created), notes on the Job's deletion or an early stop, then
//! `$ kubectl get jobs` and `$ kubectl get pods -l job-name=<job>` at the final instant.
//! JSON output (joblab_core::sim::json): `{"job", "pods", "events", "finishedAt"}`; every `at`/`…At` is seconds since the
//! Job was created, or null.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use joblab_core::check::check_bytes;
use joblab_core::limits::text_from_bytes;

use crate::check::read_input;
use joblab_core::diag::{LineIndex, Severity};
use joblab_core::kubectl;
use joblab_core::scenario::Scenario;
use joblab_core::sim::cronjob::{self, CronJobSimulation};
use joblab_core::sim::{Millis, Simulation, Snapshot};

/// Output formats of `joblab simulate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SimFormat {
    /// The event timeline, then `kubectl get jobs` and `kubectl get pods`.
    Text,
    /// One JSON object: job, pods, events, finishedAt.
    Json,
}

/// Arguments of `joblab simulate`.
#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// The Job manifest; `-` reads standard input.
    pub file: PathBuf,
    /// What the containers do and what the user does (YAML); default: every run succeeds.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Overrides the scenario's seed (Pod names, failureRate draws).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Stop after this many simulated seconds.
    #[arg(long, default_value_t = 86400.0)]
    pub until: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimFormat::Text)]
    pub format: SimFormat,
}

fn text_output(snap: &Snapshot, settled: bool, until_ms: Millis) -> String {
    let mut out = kubectl::timeline(snap);
    if !settled && snap.stopped.is_none() {
        out.push_str(&format!(
            "stopped at --until {}: the Job had not settled\n",
            kubectl::seconds_label(until_ms)
        ));
    }
    out.push_str("\n$ kubectl get jobs\n");
    out.push_str(&kubectl::get_jobs(snap));
    out.push_str(&format!("\n$ kubectl get pods -l job-name={}\n", snap.name));
    out.push_str(&kubectl::get_pods(snap));
    // The views escape their cells; the notes and headers name the Job too.
    joblab_core::escape::block(&out).into_owned()
}

/// Runs `joblab simulate`; exit 0 on a completed simulation, 1 for an invalid Job or scenario,
/// 2 for unreadable input.
pub fn run(args: &SimulateArgs) -> ExitCode {
    let (name, bytes) = match read_input(&args.file) {
        Ok(v) => v,
        Err(m) => {
            eprintln!("{m}");
            return ExitCode::from(2);
        }
    };
    let report = check_bytes(&bytes);
    let mut job = None;
    let mut cronjob = None;
    for doc in &report.documents {
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
        {
            eprintln!(
                "{name}:{}:{}: error: {}",
                d.start.line,
                d.start.column,
                d.diagnostic.message()
            );
        }
        if job.is_none() && cronjob.is_none() && doc.valid {
            if doc.kind.as_deref() == Some("CronJob") {
                cronjob = Some(doc);
            } else {
                job = doc.effective.clone();
            }
        }
    }
    if report.has_errors() {
        return ExitCode::from(1);
    }
    if job.is_none() && cronjob.is_none() {
        eprintln!("{name}: no batch/v1 Job or CronJob to simulate");
        return ExitCode::from(1);
    }
    let mut scenario = match &args.scenario {
        None => Scenario::default(),
        Some(path) => {
            let (sname, sbytes) = match read_input(path) {
                Ok(v) => v,
                Err(m) => {
                    eprintln!("{m}");
                    return ExitCode::from(2);
                }
            };
            let stext = match text_from_bytes(&sbytes) {
                Ok(t) => t,
                Err(d) => {
                    let valid = std::str::from_utf8(&sbytes[..d.span.start]).unwrap_or_default();
                    let at = LineIndex::new(valid).line_col(valid, valid.len());
                    eprintln!("{sname}:{}:{}: error: {}", at.line, at.column, d.message());
                    return ExitCode::from(1);
                }
            };
            match Scenario::from_yaml(stext) {
                Ok(s) => s,
                Err(diags) => {
                    let idx = LineIndex::new(stext);
                    for d in diags {
                        let at = idx.line_col(stext, d.span.start);
                        eprintln!("{sname}:{}:{}: error: {}", at.line, at.column, d.message());
                    }
                    return ExitCode::from(1);
                }
            }
        }
    };
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if !args.until.is_finite() || args.until < 0.0 {
        eprintln!("joblab: --until must be a non-negative number of seconds");
        return ExitCode::from(2);
    }
    let until_ms = (args.until.min(joblab_core::scenario::MAX_SECONDS) * 1000.0).round() as Millis;
    let Some(job) = job else {
        // A CronJob: `check` accepted it, so its text is UTF-8.
        let text = text_from_bytes(&bytes).unwrap_or_default();
        let Some(doc) = cronjob else {
            return ExitCode::from(1);
        };
        let mut sim = match CronJobSimulation::from_check(text, doc, scenario) {
            Ok(sim) => sim,
            Err(e) => {
                eprintln!("{name}: {e}");
                return ExitCode::from(1);
            }
        };
        sim.advance_to(until_ms);
        let out = match args.format {
            SimFormat::Json => cronjob::json::cronjob_json(&sim),
            SimFormat::Text => cronjob::json::cronjob_text(&sim),
        };
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(out.as_bytes());
        let _ = stdout.flush();
        return ExitCode::SUCCESS;
    };
    let mut sim = Simulation::new(job, scenario);
    sim.run_until_settled(until_ms);
    let snap = sim.snapshot();
    let out = match args.format {
        SimFormat::Json => joblab_core::sim::json::simulate_json(&snap),
        SimFormat::Text => text_output(&snap, sim.is_settled(), until_ms),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
