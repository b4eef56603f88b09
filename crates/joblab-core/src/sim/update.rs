//! Whether the API server accepts a scenario's patch of the Job, as `kubectl patch` would be
//! accepted: ValidateJobUpdate (k/k pkg/apis/batch/validation/validation.go) on the patched Job.
//! A refused patch changes nothing; the oracle's harness runs the real Job strategy's
//! ValidateUpdate on the same patches.
//!
//! Only the rules a patch of the contract's fields (suspend, parallelism, completions,
//! activeDeadlineSeconds) can break are here. The patched Job was valid when it was created and
//! every other field stays as it was, so revalidating the whole Job would find nothing more, and
//! this keeps the check pipeline (its parser, decoder and validation) out of the guide's module
//! (scripts/check-split.sh).

use super::config::JobConfig;
use crate::api::api::batch::v1::Job;
use crate::scenario::JobSpecPatch;

/// maxParallelismForIndexedJob, maxFailedIndexesForIndexedJob's partner for parallelism.
const MAX_PARALLELISM_FOR_INDEXED_JOB: i32 = 100_000;
/// completionsSoftLimit: above it, backoffLimitPerIndex needs maxFailedIndexes and a lower
/// parallelism.
const COMPLETIONS_SOFT_LIMIT: i32 = 100_000;
/// parallelismLimitForHighCompletions.
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
/// The longest DNS-1123 label: a Pod's hostname `<job>-<index>` must be one.
const DNS1123_LABEL_MAX_LENGTH: usize = 63;

/// Whether the API server refuses `patch` on `job` (whose engine settings are `cfg`).
pub(super) fn refused(job: &Job, cfg: &JobConfig, patch: &JobSpecPatch) -> bool {
    let Some(old) = job.spec.as_ref() else {
        return true;
    };
    let parallelism = patch.parallelism.or(old.parallelism);
    let completions = patch.completions.or(old.completions);
    let negative = |v: Option<i64>| v.is_some_and(|v| v < 0);
    // ValidateNonnegativeField on each patched number.
    if negative(patch.parallelism.map(i64::from))
        || negative(patch.completions.map(i64::from))
        || negative(patch.active_deadline_seconds)
    {
        return true;
    }
    let indexed = old.completion_mode.as_deref() == Some("Indexed");
    // validateCompletions: immutable on a NonIndexed Job; on an Indexed one, only in tandem
    // with parallelism.
    if completions != old.completions && (!indexed || completions != parallelism) {
        return true;
    }
    if !indexed {
        return false;
    }
    let p = parallelism.unwrap_or(1);
    let c = completions.unwrap_or(0);
    if p > MAX_PARALLELISM_FOR_INDEXED_JOB {
        return true;
    }
    if old.max_failed_indexes.is_some_and(|m| m > c) {
        return true;
    }
    if c > COMPLETIONS_SOFT_LIMIT
        && old.backoff_limit_per_index.is_some()
        && (old.max_failed_indexes.is_none() || p > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
    {
        return true;
    }
    // validateSuccessPolicyRule: every index of succeededIndexes below completions, and
    // succeededCount at most completions.
    for rule in cfg.success_rules.iter().flatten() {
        let beyond = rule
            .indexes
            .as_ref()
            .and_then(|ivs| ivs.as_ref())
            .is_some_and(|ivs| ivs.iter().any(|iv| iv.last >= c));
        if beyond || rule.count.is_some_and(|n| n > c) {
            return true;
        }
    }
    // validateNameAllowsCompletions: the last index's hostname must be a DNS-1123 label.
    if c > 0 {
        let name = job.metadata.name.as_deref().unwrap_or("");
        let hostname = format!("{name}-{}", c - 1);
        if hostname.len() > DNS1123_LABEL_MAX_LENGTH
            || !crate::validate::names::matches_dns1123_label(&hostname)
        {
            return true;
        }
    }
    false
}
