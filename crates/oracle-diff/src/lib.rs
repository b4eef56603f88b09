//! The Rust side of the differential between Joblab and the Kubernetes oracle (`oracle/`, a Go
//! program that runs the API server's own code). This crate never links to the oracle: the live
//! differential (`scripts/oracle-diff.sh`, the `oracle-diff` binary) runs it as a process and
//! reads its JSON lines, and `cargo test` reads the answers committed in `oracle/vectors/`.
//!
//! - [`generate`]: seeded, reproducible Jobs, from real manifests mutated across the schema;
//! - [`answer`]: the oracle's protocol;
//! - [`compare`]: Joblab against an answer, per category;
//! - [`accepted`]: the differences accepted on purpose, with their reasons;
//! - [`vectors`]: the committed vectors and the oracle process;
//! - [`sim`]: the simulation differential (`oracle simulate`, the real Job controller).
//! - [`cron`]: the cron differential (`oracle cron`, robfig/cron as the CronJob controller runs it).
//! - [`kubectl`] and [`kubectl_gen`]: the views differential (`oracle kubectl`) and its random
//!   scenarios.

pub mod accepted;
pub mod answer;
pub mod compare;
pub mod cron;
pub mod generate;
pub mod kubectl;
pub mod kubectl_gen;
pub mod report;
pub mod sim;
pub mod vectors;
