//! Warnings: what the API server itself warns about, and well-known pitfalls. Never errors.

use crate::api::api::batch::v1::Job;
use crate::validate::FieldError;

/// Warnings for a Job as the user wrote it (before defaulting). `error_type` is always Advice.
pub fn job_warnings(job: &Job) -> Vec<FieldError> {
    let _ = job;
    Vec::new()
}
