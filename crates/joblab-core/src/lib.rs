//! Joblab's pure core.
//!
//! Everything Joblab knows about Kubernetes Jobs lives here, free of any web or I/O dependency, so
//! that the browser app and the `joblab` CLI give the same answers:
//!
//! - [`yaml`]: YAML text to a tree of nodes that remember their byte spans;
//! - [`decode`]: strict decoding of that tree into the `batch/v1` Job model (unknown, duplicate and
//!   mistyped fields become diagnostics with their full path);
//! - [`validate`], [`defaults`], [`warnings`]: the API server's create-time validation and
//!   defaulting, and the warnings worth showing;
//! - [`check`]: the whole pipeline over a multi-document file;
//! - [`cron`]: the CronJob controller's cron engine (robfig/cron's parser and `Next`, IANA zones);
//! - [`explain`]: one plain sentence of what a Job will do, from its effective form;
//! - [`sim`], [`scenario`], [`kubectl`]: the deterministic Job controller simulation, what the
//!   simulated containers do, and `kubectl`-style views of a simulation snapshot.
//!
//! The core never reads a clock or a global random number generator, and never panics on input:
//! problems are [`diag::Diagnostic`] values.

#![forbid(unsafe_code)]

pub mod check;
pub mod civil;
pub mod cron;
pub mod decode;
pub mod defaults;
pub mod diag;
pub mod draw;
pub mod escape;
pub mod explain;
pub mod indexes;
pub mod kubectl;
pub mod limits;
pub mod patterns;
pub mod pi;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod stored;
pub mod terminal;
pub mod validate;
pub mod warnings;
pub mod yaml;

pub mod api;
