//! API-server defaulting of a `batch/v1` CronJob on create.
//!
//! Sources: k/k `pkg/apis/batch/v1/zz_generated.defaults.go` (`SetObjectDefaults_CronJob`:
//! `SetDefaults_CronJob`, then only the Pod template's defaulters and the pod-failure-policy
//! patterns' status inside `spec.jobTemplate`; `SetDefaults_Job` is not among them, so a
//! template's completions, parallelism, backoffLimit and the rest stay as written) and
//! `pkg/registry/batch/cronjob/strategy.go` (`PrepareForCreate`: status cleared, generation 1,
//! the template's disabled fields dropped).

use std::sync::Arc;

use serde_json::Value as J;

use super::{
    create_metadata, forget_system_fields, set_pod_failure_policy_defaults, set_pod_spec_defaults,
    settle_pod_template,
};
use crate::api::api::batch::v1::{CronJob, CronJobSpec, Job, JobSpec};
use crate::api::api::core::v1::PodSpec;

/// Applies what the API server applies to a CronJob on create, using `uid` as its UID: the
/// metadata the store fills in (see [`super::apply_defaults`]), `SetDefaults_CronJob`
/// (`concurrencyPolicy: Allow`, `suspend: false`, `successfulJobsHistoryLimit: 3`,
/// `failedJobsHistoryLimit: 1`) and the Pod template's defaults inside `spec.jobTemplate`.
pub fn apply_cronjob_defaults(cronjob: &mut CronJob, uid: &str) {
    create_metadata(&mut cronjob.metadata, uid);
    let spec = cronjob.spec.get_or_insert_with(CronJobSpec::default);
    if spec.concurrency_policy.as_deref().unwrap_or("").is_empty() {
        spec.concurrency_policy = Some("Allow".to_owned());
    }
    spec.suspend.get_or_insert(false);
    spec.successful_jobs_history_limit.get_or_insert(3);
    spec.failed_jobs_history_limit.get_or_insert(1);
    let mut template = template_job(cronjob);
    default_template(&mut template);
    let spec = cronjob.spec.get_or_insert_with(CronJobSpec::default);
    spec.job_template.spec = template.spec;
    if let Some(written) = cronjob.written.as_mut() {
        let written = Arc::make_mut(written);
        if let Some(obj) = written.as_object_mut() {
            // `PrepareForCreate` clears the status; the store wipes the system fields.
            obj.remove("status");
            if let Some(meta) = obj.get_mut("metadata").and_then(J::as_object_mut) {
                forget_system_fields(meta);
            }
        }
        let template_spec = template
            .written
            .as_deref()
            .and_then(|w| w.get("spec"))
            .cloned();
        if let (Some(jt), Some(template_spec)) = (
            written
                .pointer_mut("/spec/jobTemplate")
                .and_then(J::as_object_mut),
            template_spec,
        ) {
            jt.insert("spec".to_owned(), template_spec);
        }
    }
}

/// The Job a CronJob's `spec.jobTemplate` describes: its metadata and spec, with the template as
/// written (so validation and warnings read every field the user wrote). Its name and namespace
/// are the template's own, not those the controller gives the Jobs it creates.
pub fn template_job(cronjob: &CronJob) -> Job {
    let template = cronjob
        .spec
        .as_ref()
        .map(|s| s.job_template.clone())
        .unwrap_or_default();
    let written = cronjob
        .written
        .as_deref()
        .and_then(|w| w.pointer("/spec/jobTemplate"))
        .and_then(J::as_object)
        .map(|t| {
            let mut job = serde_json::Map::new();
            job.insert("apiVersion".to_owned(), "batch/v1".into());
            job.insert("kind".to_owned(), "Job".into());
            for key in ["metadata", "spec"] {
                if let Some(v) = t.get(key) {
                    job.insert(key.to_owned(), v.clone());
                }
            }
            Arc::new(J::Object(job))
        });
    Job {
        metadata: template.metadata.unwrap_or_default(),
        spec: template.spec,
        status: None,
        written,
    }
}

/// The defaults `SetObjectDefaults_CronJob` gives a template, and `PrepareForCreate`'s drops:
/// the Pod template's defaults and the pod-failure-policy patterns' status, no Job defaults.
fn default_template(job: &mut Job) {
    let spec = job.spec.get_or_insert_with(JobSpec::default);
    set_pod_failure_policy_defaults(spec);
    set_pod_spec_defaults(spec.template.spec.get_or_insert_with(PodSpec::default));
    settle_pod_template(job);
    if let Some(spec) = job
        .written
        .as_mut()
        .and_then(|w| Arc::make_mut(w).get_mut("spec"))
        .and_then(J::as_object_mut)
    {
        // `job.DropDisabledFields`: `spec.scheduling` needs the alpha `WorkloadWithJob` gate.
        spec.remove("scheduling");
    }
}
