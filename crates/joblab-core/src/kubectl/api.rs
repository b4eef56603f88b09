//! The Job as the API server would return it (`kubectl get job -o json|yaml`).

use std::collections::BTreeMap;

use crate::api::api::batch::v1::{Job, JobCondition, JobStatus, UncountedTerminatedPods};
use crate::api::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use crate::api::jiff::Timestamp;
use crate::sim::model::Millis;
use crate::sim::Snapshot;

/// The simulated epoch: the Job is created at 2025-01-01T00:00:00Z (Unix seconds).
pub const EPOCH_SECONDS: i64 = 1_735_689_600;

fn time(ms: Millis) -> Time {
    let s = EPOCH_SECONDS.saturating_add(i64::try_from(ms / 1000).unwrap_or(0));
    Time(Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH))
}

/// RFC 3339 (seconds precision, `Z`) of a simulated instant, as the API writes times.
pub fn rfc3339(ms: Millis) -> String {
    crate::api::jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%SZ", time(ms).0).unwrap_or_default()
}

/// The Job with metadata (uid, creationTimestamp, generated labels and selector when the input
/// lacks them), its spec, and the status of the snapshot.
pub fn api_job(snap: &Snapshot) -> Job {
    let mut job = snap.job.clone();
    job.metadata.name = Some(snap.name.clone());
    job.metadata.namespace = Some(snap.namespace.clone());
    job.metadata.uid = Some(snap.uid.clone());
    job.metadata.creation_timestamp = Some(time(0));
    if let Some(d) = snap.deleted_ms.filter(|&d| d <= snap.time_ms) {
        job.metadata.deletion_timestamp = Some(time(d));
    }
    let spec = job.spec.get_or_insert_with(Default::default);
    fill_spec_defaults(spec);
    if spec.selector.is_none() && spec.manual_selector != Some(true) {
        // What the API server's create strategy generates (k/k strategy.go `generateSelector`).
        let mut sel = BTreeMap::new();
        sel.insert(
            "batch.kubernetes.io/controller-uid".to_string(),
            snap.uid.clone(),
        );
        spec.selector = Some(LabelSelector {
            match_labels: Some(sel),
            ..Default::default()
        });
        let tmeta = spec.template.metadata.get_or_insert_with(Default::default);
        let labels = tmeta.labels.get_or_insert_with(BTreeMap::new);
        labels.insert(
            "batch.kubernetes.io/controller-uid".into(),
            snap.uid.clone(),
        );
        labels.insert("batch.kubernetes.io/job-name".into(), snap.name.clone());
        labels.insert("controller-uid".into(), snap.uid.clone());
        labels.insert("job-name".into(), snap.name.clone());
    }
    if job.metadata.labels.as_ref().is_none_or(BTreeMap::is_empty) {
        job.metadata.labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone());
    }
    let st = &snap.status;
    let managed = job
        .spec
        .as_ref()
        .and_then(|s| s.managed_by.as_deref())
        .is_none_or(|m| m == crate::sim::JOB_CONTROLLER_NAME);
    if !managed {
        job.status = None;
        return job;
    }
    let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    job.status = Some(JobStatus {
        active: (st.active > 0).then(|| to_i32(st.active)),
        completed_indexes: st.completed_indexes.clone(),
        completion_time: st.completion_ms.map(time),
        conditions: (!st.conditions.is_empty()).then(|| {
            st.conditions
                .iter()
                .map(|c| JobCondition {
                    last_probe_time: Some(time(c.last_probe_ms)),
                    last_transition_time: Some(time(c.last_transition_ms)),
                    message: Some(c.message.clone()),
                    reason: Some(c.reason.clone()),
                    status: c.status.clone(),
                    type_: c.type_.clone(),
                })
                .collect()
        }),
        failed: (st.failed > 0).then(|| to_i32(st.failed)),
        failed_indexes: st.failed_indexes.clone(),
        ready: Some(to_i32(st.ready)),
        start_time: st.start_ms.map(time),
        succeeded: (st.succeeded > 0).then(|| to_i32(st.succeeded)),
        terminating: Some(to_i32(st.terminating)),
        uncounted_terminated_pods: Some(UncountedTerminatedPods::default()),
    });
    job
}

/// The JobSpec defaults of k/k `pkg/apis/batch/v1/defaults.go` for the fields the simulation
/// reads, so the views show a defaulted spec even for a Job that skipped `apply_defaults`
/// (which also defaults the Pod template; that part is left to it).
fn fill_spec_defaults(spec: &mut crate::api::api::batch::v1::JobSpec) {
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".into());
    spec.suspend.get_or_insert(false);
    let per_index = spec.backoff_limit_per_index.is_some();
    spec.backoff_limit
        .get_or_insert(if per_index { i32::MAX } else { 6 });
    let policy = if spec.pod_failure_policy.is_some() {
        "Failed"
    } else {
        "TerminatingOrFailed"
    };
    spec.pod_replacement_policy
        .get_or_insert_with(|| policy.into());
    spec.manual_selector.get_or_insert(false);
}

/// The API Job of the snapshot as a JSON value, with `apiVersion` and `kind`.
pub fn job_value(snap: &Snapshot) -> serde_json::Value {
    let mut v = serde_json::to_value(api_job(snap)).unwrap_or(serde_json::Value::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("apiVersion".into(), "batch/v1".into());
        obj.insert("kind".into(), "Job".into());
    }
    v
}

/// `kubectl get job <name> -o yaml` (through the YAML emitter in kubectl's style).
pub fn job_yaml(snap: &Snapshot) -> String {
    crate::yaml::emit::to_yaml(&job_value(snap))
}

/// `kubectl get job <name> -o json`.
pub fn job_json(snap: &Snapshot) -> String {
    let v = job_value(snap);
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
