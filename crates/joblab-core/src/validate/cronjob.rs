//! `ValidateCronJobCreate` (k/k `pkg/apis/batch/validation/validation.go`): the CronJob's
//! metadata, its spec (`validateCronJobSpec`) and the name limit, in the server's order.

use super::job::validate_job_template_spec;
use super::meta::{validate_managed_fields, validate_object_meta};
use super::{Errs, Path, Val};
use crate::api::api::batch::v1::{CronJob, CronJobSpec};

/// The longest CronJob name: the controller appends an 11-character suffix (`-` and the
/// scheduled time in minutes) to name each Job, and a Job's name feeds its Pods' labels, which
/// hold 63 characters (`DNS1035LabelMaxLength - 11`).
pub const MAX_CRONJOB_NAME_LENGTH: usize = 52;

/// The values of `concurrencyPolicy` (`batch.AllowConcurrent`, `ForbidConcurrent`,
/// `ReplaceConcurrent`).
pub const CONCURRENCY_POLICIES: [&str; 3] = ["Allow", "Forbid", "Replace"];

/// `ValidateCronJobCreate` on a defaulted CronJob ([`crate::defaults::apply_cronjob_defaults`]).
pub(super) fn validate_cronjob(cronjob: &CronJob, errs: &mut Errs) {
    validate_object_meta(&cronjob.metadata, &Path::new("metadata"), errs);
    if let Some(entries) = cronjob
        .written
        .as_deref()
        .and_then(|w| w.pointer("/metadata/managedFields"))
        .and_then(serde_json::Value::as_array)
    {
        validate_managed_fields(entries, &Path::new("metadata").child("managedFields"), errs);
    }
    let default_spec = CronJobSpec::default();
    let spec = cronjob.spec.as_ref().unwrap_or(&default_spec);
    validate_cronjob_spec(cronjob, spec, &Path::new("spec"), errs);
    let name = cronjob.metadata.name.as_deref().unwrap_or("");
    // Bytes, as Go's `len` counts them.
    if name.len() > MAX_CRONJOB_NAME_LENGTH {
        errs.invalid(
            &Path::new("metadata").child("name"),
            Val::Str(name),
            "must be no more than 52 characters",
        );
    }
}

/// `validateCronJobSpec` on create (no old spec: `TZ` in the schedule is never allowed).
fn validate_cronjob_spec(cronjob: &CronJob, spec: &CronJobSpec, path: &Path, errs: &mut Errs) {
    let schedule_path = path.child("schedule");
    if spec.schedule.is_empty() {
        errs.required(&schedule_path, "");
    } else {
        validate_schedule_format(&spec.schedule, &schedule_path, errs);
    }
    if let Some(seconds) = spec.starting_deadline_seconds {
        errs.non_negative(&path.child("startingDeadlineSeconds"), seconds);
    }
    if let Some(zone) = spec.time_zone.as_deref() {
        validate_time_zone(zone, &path.child("timeZone"), errs);
    }
    // Defaulting makes an absent policy `Allow`; an explicit `""` is defaulted too, so the
    // server's Required case is never reached on create.
    let policy = spec.concurrency_policy.as_deref().unwrap_or("");
    let policy_path = path.child("concurrencyPolicy");
    if policy.is_empty() {
        errs.required(&policy_path, "");
    } else if !CONCURRENCY_POLICIES.contains(&policy) {
        // `batch.ConcurrencyPolicy` is a named string type: its bad value prints as JSON.
        errs.not_supported_val(&policy_path, Val::Typed(policy), &CONCURRENCY_POLICIES);
    }
    let template = crate::defaults::template_job(cronjob);
    validate_job_template_spec(&template, &path.child("jobTemplate").child("spec"), errs);
    for (field, limit) in [
        (
            "successfulJobsHistoryLimit",
            spec.successful_jobs_history_limit,
        ),
        ("failedJobsHistoryLimit", spec.failed_jobs_history_limit),
    ] {
        if let Some(limit) = limit {
            errs.non_negative(&path.child(field), i64::from(limit));
        }
    }
}

/// `validateScheduleFormat` on create: the schedule must parse with the CronJob controller's
/// cron parser (robfig/cron v3 `ParseStandard`, through `ParseCronScheduleWithPanicRecovery`,
/// whose error text the server quotes), and may not name a zone (`TZ=` or `CRON_TZ=`; the server
/// looks for `TZ` anywhere in the text) now that `timeZone` exists. Both errors can come
/// together (`TZ=Mars/X 0 0 * * *`).
fn validate_schedule_format(schedule: &str, path: &Path, errs: &mut Errs) {
    if let Err(error) = crate::cron::parse_standard(schedule) {
        errs.invalid(path, Val::Str(schedule), &error.message);
    }
    if schedule.contains("TZ") {
        errs.invalid(
            path,
            Val::Str(schedule),
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        );
    }
}

/// `validateTimeZone`: empty, malformed, `Local` and names `time.LoadLocation` does not know,
/// each with the server's detail ([`crate::cron::time_zone_errors`]). A `*string`, so its bad
/// value prints as JSON.
fn validate_time_zone(zone: &str, path: &Path, errs: &mut Errs) {
    for detail in crate::cron::time_zone_errors(zone) {
        errs.invalid(path, Val::Typed(zone), &detail);
    }
}
