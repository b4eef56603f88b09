//! `joblab`: check, default and simulate Kubernetes Jobs offline, over the same core as the app.

use clap::Parser;

/// Check, explain and simulate Kubernetes batch/v1 Jobs offline.
#[derive(Parser, Debug)]
#[command(name = "joblab", version, about)]
enum Cli {}

fn main() {
    let _ = Cli::parse();
}
