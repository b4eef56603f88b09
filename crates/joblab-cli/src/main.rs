//! `joblab`: check, default and simulate Kubernetes Jobs offline, over the same core as the app.
//!
//! `main` only parses arguments and dispatches; each subcommand lives in its own module.

#![forbid(unsafe_code)]

mod check;
mod explain;
mod formats;
mod schedule;
mod scorm;
mod simulate;

use std::process::ExitCode;

use clap::Parser;

/// Check, explain and simulate Kubernetes batch/v1 Jobs offline.
#[derive(Parser, Debug)]
#[command(name = "joblab", version, about)]
enum Cli {
    /// Check manifests as the API server would (strict decoding, validation, warnings).
    Check(check::CheckArgs),
    /// Say in one sentence what each Job will do, with the numbers that decide its timeline.
    Explain(explain::ExplainArgs),
    /// Print the effective Job(s) after API-server defaulting, as `kubectl get job -o yaml` shows them.
    Defaults(check::DefaultsArgs),
    /// Simulate the Job controller running the Job (deterministic; see --scenario).
    Simulate(simulate::SimulateArgs),
    /// Explain a CronJob schedule: a plain sentence, warnings, and the next runs in its zone and UTC.
    Schedule(schedule::ScheduleArgs),
    /// Package the app's Practice as a SCORM 1.2 course for an LMS, from a release build (--dist).
    Scorm(scorm::ScormArgs),
}

fn main() -> ExitCode {
    match Cli::parse() {
        Cli::Check(args) => check::run_check(&args),
        Cli::Explain(args) => explain::run(&args),
        Cli::Defaults(args) => check::run_defaults(&args),
        Cli::Simulate(args) => simulate::run(&args),
        Cli::Schedule(args) => schedule::run(&args),
        Cli::Scorm(args) => scorm::run(&args),
    }
}
