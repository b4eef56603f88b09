//! The CronJob as the controller reads it, and the Jobs it makes from its template
//! (`getJobFromTemplate2` in k/k `pkg/controller/cronjob/utils.go`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::api::api::batch::v1::Job;
use crate::api::apimachinery::pkg::apis::meta::v1::OwnerReference;

/// The uid of the simulated CronJob (the oracle's harness gives it the same).
pub const CRONJOB_UID: &str = "5c0e7a1b-3d2f-4c6e-8a9b-0c1d2e3f4a5b";

/// The annotation with a child Job's scheduled time, in the CronJob's zone
/// (`batchv1.CronJobScheduledTimestampAnnotation`).
pub const SCHEDULED_TIMESTAMP_ANNOTATION: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/// The annotation kubectl puts on a Job it makes from a CronJob by hand.
pub const INSTANTIATE_ANNOTATION: &str = "cronjob.kubernetes.io/instantiate";

/// `spec.concurrencyPolicy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum ConcurrencyPolicy {
    /// Jobs may run at the same time (the default).
    #[default]
    Allow,
    /// A scheduled time is skipped while a Job is active.
    Forbid,
    /// The active Jobs are deleted before the new one is created.
    Replace,
}

/// The CronJob fields the controller reads, after API-server defaulting
/// (k/k `pkg/apis/batch/v1/defaults.go` `SetDefaults_CronJob`).
#[derive(Clone, Debug, PartialEq)]
pub struct CronJobSpec {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace` (default `default`).
    pub namespace: String,
    /// `spec.schedule`.
    pub schedule: String,
    /// `spec.timeZone`.
    pub time_zone: Option<String>,
    /// `spec.concurrencyPolicy` (default Allow).
    pub concurrency_policy: ConcurrencyPolicy,
    /// `spec.startingDeadlineSeconds`.
    pub starting_deadline_seconds: Option<i64>,
    /// `spec.suspend` (default false).
    pub suspend: bool,
    /// `spec.successfulJobsHistoryLimit` (default 3).
    pub successful_jobs_history_limit: Option<i32>,
    /// `spec.failedJobsHistoryLimit` (default 1).
    pub failed_jobs_history_limit: Option<i32>,
    /// The manifest as written (JSON), for the output.
    pub manifest: Value,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Written {
    metadata: WrittenMeta,
    spec: WrittenSpec,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WrittenMeta {
    name: Option<String>,
    namespace: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WrittenSpec {
    schedule: String,
    time_zone: Option<String>,
    concurrency_policy: Option<ConcurrencyPolicy>,
    starting_deadline_seconds: Option<i64>,
    suspend: Option<bool>,
    successful_jobs_history_limit: Option<i32>,
    failed_jobs_history_limit: Option<i32>,
}

impl CronJobSpec {
    /// Reads a CronJob manifest (as JSON) that `check` accepted, with the API server's defaults.
    pub fn from_manifest(manifest: &Value) -> Result<CronJobSpec, String> {
        let w: Written = serde_json::from_value(manifest.clone())
            .map_err(|e| format!("not a CronJob the controller can read: {e}"))?;
        Ok(CronJobSpec {
            name: w.metadata.name.unwrap_or_else(|| "cronjob".to_owned()),
            namespace: w.metadata.namespace.unwrap_or_else(|| "default".to_owned()),
            schedule: w.spec.schedule,
            time_zone: w.spec.time_zone,
            concurrency_policy: w.spec.concurrency_policy.unwrap_or_default(),
            starting_deadline_seconds: w.spec.starting_deadline_seconds,
            suspend: w.spec.suspend.unwrap_or(false),
            successful_jobs_history_limit: Some(w.spec.successful_jobs_history_limit.unwrap_or(3)),
            failed_jobs_history_limit: Some(w.spec.failed_jobs_history_limit.unwrap_or(1)),
            manifest: manifest.clone(),
        })
    }

    /// A child Job's name: the CronJob's name and the scheduled time in minutes since the Unix
    /// epoch (`getJobName`).
    pub fn job_name(&self, scheduled_unix_seconds: i64) -> String {
        format!("{}-{}", self.name, scheduled_unix_seconds.div_euclid(60))
    }

    /// The Job the controller creates for a scheduled time, before the API server's create
    /// path (`getJobFromTemplate2`): the template's labels and annotations, the scheduled
    /// timestamp in the CronJob's zone, the controller reference, and the template's spec.
    /// `template` is the decoded `spec.jobTemplate` as a Job.
    pub fn job_for(
        &self,
        template: &Job,
        scheduled_unix_seconds: i64,
        zone_offset_seconds: i32,
    ) -> Job {
        let mut job = template.clone();
        let meta = &mut job.metadata;
        meta.name = Some(self.job_name(scheduled_unix_seconds));
        meta.generate_name = None;
        meta.namespace = Some(self.namespace.clone());
        let annotations = meta.annotations.get_or_insert_with(BTreeMap::new);
        annotations.insert(
            SCHEDULED_TIMESTAMP_ANNOTATION.to_owned(),
            crate::civil::format_rfc3339_offset(scheduled_unix_seconds, zone_offset_seconds),
        );
        meta.owner_references = Some(vec![OwnerReference {
            api_version: "batch/v1".to_owned(),
            kind: "CronJob".to_owned(),
            name: self.name.clone(),
            uid: CRONJOB_UID.to_owned(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }]);
        job
    }
}

impl CronJobSpec {
    /// The Job `kubectl create job NAME --from=cronjob/CRONJOB` sends (k8s.io/kubectl v0.37.2
    /// `pkg/cmd/create/create_job.go` `createJobFromCronJob`): the template's labels, its
    /// annotations over `cronjob.kubernetes.io/instantiate: manual`, a controller reference
    /// without `blockOwnerDeletion` (kubectl leaves it out so no finalizer permission is
    /// needed), and the template's spec; no scheduled-timestamp annotation.
    pub fn manual_job_for(&self, template: &Job, name: &str) -> Job {
        let mut job = template.clone();
        let meta = &mut job.metadata;
        meta.name = Some(name.to_owned());
        meta.generate_name = None;
        meta.namespace = Some(self.namespace.clone());
        let mut annotations = BTreeMap::new();
        annotations.insert(INSTANTIATE_ANNOTATION.to_owned(), "manual".to_owned());
        annotations.extend(meta.annotations.take().unwrap_or_default());
        meta.annotations = Some(annotations);
        meta.owner_references = Some(vec![OwnerReference {
            api_version: "batch/v1".to_owned(),
            kind: "CronJob".to_owned(),
            name: self.name.clone(),
            uid: CRONJOB_UID.to_owned(),
            controller: Some(true),
            block_owner_deletion: None,
        }]);
        job
    }
}

/// Whether the API server takes `name` as a new Job's name: a DNS-1123 subdomain (lower-case
/// letters, digits, `-` and `.`, alphanumeric at both ends) of at most 63 characters, since it
/// becomes the value of the Job's `job-name` label (k/k `pkg/apis/batch/validation`
/// `ValidateGeneratedSelector` through the label).
pub fn is_job_name(name: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(ok_char)
        && alnum(name.chars().next())
        && alnum(name.chars().last())
        && name
            .split('.')
            .all(|part| alnum(part.chars().next()) && alnum(part.chars().last()))
}

/// The uid the API server gives the `ordinal`-th child Job (1, 2, ...) in the simulation; the
/// oracle's harness gives the same, and its first 23 characters differ from Job to Job.
pub fn child_uid(ordinal: u32) -> String {
    format!("{ordinal:08x}-2d1e-4a7b-9c3d-5e6f7a8b9c0d")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_names_and_the_scheduled_annotation() {
        let spec = CronJobSpec::from_manifest(&serde_json::json!({
            "metadata": {"name": "backup"},
            "spec": {"schedule": "0 * * * *", "jobTemplate": {"spec": {}}}
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.concurrency_policy, ConcurrencyPolicy::Allow);
        assert_eq!(spec.successful_jobs_history_limit, Some(3));
        assert_eq!(spec.failed_jobs_history_limit, Some(1));
        assert_eq!(spec.namespace, "default");
        // 2025-01-01T01:00:00Z is minute 28 928 220 since the epoch.
        assert_eq!(spec.job_name(1_735_693_200), "backup-28928220");
        let job = spec.job_for(&Job::default(), 1_735_693_200, 3600);
        let ann = job.metadata.annotations.unwrap_or_default();
        assert_eq!(
            ann.get(SCHEDULED_TIMESTAMP_ANNOTATION).map(String::as_str),
            Some("2025-01-01T02:00:00+01:00")
        );
        let owner = job.metadata.owner_references.unwrap_or_default();
        assert_eq!(owner.first().map(|o| o.controller), Some(Some(true)));
        assert_eq!(child_uid(2).get(..23), Some("00000002-2d1e-4a7b-9c3d"));
    }
}
