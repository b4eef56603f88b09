//! The API server's create-time validation of a `batch/v1` Job (after defaulting).
//!
//! Sources: k/k `pkg/apis/batch/validation/validation.go` and, for the Pod template,
//! `pkg/apis/core/validation/validation.go`. Rules are appended in the server's order.

pub mod quote;

use crate::api::api::batch::v1::Job;
use crate::diag::ErrorType;

/// One validation error, before it is located in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field path in API form: `spec.template.spec.containers[0].name`; map keys in brackets:
    /// `spec.template.metadata.labels[job-name]`.
    pub path: String,
    /// The error type.
    pub error_type: ErrorType,
    /// The detail in the server's wording; for invalid, unsupported and duplicate values it starts
    /// with the value as the server prints it (`-1: must be ...`, `"Always": supported values: ...`).
    pub detail: String,
}

/// Validates a defaulted Job the way the API server does on create. Returns every error found.
pub fn validate_job(job: &Job) -> Vec<FieldError> {
    let _ = job;
    Vec::new()
}
