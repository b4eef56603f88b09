//! The Kubernetes API types Joblab works with.

pub mod schema;
mod schema_gen;

pub use k8s_openapi::*;
