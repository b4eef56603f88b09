//! Warnings: what the API server itself warns about, and well-known pitfalls. Never errors.
//!
//! Server warnings: k/k `pkg/registry/batch/job/strategy.go` and
//! `pkg/registry/batch/cronjob/strategy.go` (`WarningsOnCreate`: the name is not a DNS label) and `pkg/api/pod/warnings.go` (`GetWarningsForPodTemplate`, e.g. deprecated
//! annotations and fields), worded as the server words them where the check is the server's.

use crate::api::api::batch::v1::{CronJob, Job};
use crate::defaults::image_tag;
use crate::diag::ErrorType;
use crate::validate::names::is_dns1123_label;
use crate::validate::FieldError;

mod pod;

fn warn(out: &mut Vec<FieldError>, path: impl Into<String>, detail: impl Into<String>) {
    out.push(FieldError {
        path: path.into(),
        error_type: ErrorType::Advice,
        detail: detail.into(),
    });
}

/// Warnings for a Job as the user wrote it (before defaulting): the server's
/// ([`server_warnings`]) and then Joblab's own advice ([`advice`]). `error_type` is always Advice.
pub fn job_warnings(job: &Job) -> Vec<FieldError> {
    let mut out = server_warnings(job);
    out.extend(advice(job));
    out
}

/// The warnings the API server itself sends on create (`WarningsOnCreate`), worded as it words
/// them: `path: detail` is the text of its `Warning` header. The oracle differential compares
/// exactly these.
pub fn server_warnings(job: &Job) -> Vec<FieldError> {
    let mut out = Vec::new();
    name_warning(&created_name(&job.metadata), &mut out);
    job_spec_warnings(job, "spec", &mut out);
    out
}

/// The warnings the API server sends on creating a CronJob (the CronJob strategy's
/// `WarningsOnCreate`, k/k `pkg/registry/batch/cronjob/strategy.go`): its name is not a DNS
/// label, and `WarningsForJobSpec` for its template at `spec.jobTemplate.spec`. A `TZ=` in the
/// schedule is an error on create, and so not among them.
pub fn cronjob_server_warnings(cronjob: &CronJob) -> Vec<FieldError> {
    let mut out = Vec::new();
    name_warning(&created_name(&cronjob.metadata), &mut out);
    let template = crate::defaults::template_job(cronjob);
    job_spec_warnings(&template, "spec.jobTemplate.spec", &mut out);
    out
}

/// Warnings for a CronJob as the user wrote it: the server's ([`cronjob_server_warnings`]), then
/// Joblab's own advice on its template, at the template's paths. The advice to set
/// `ttlSecondsAfterFinished` is left out: a CronJob's history limits delete its finished Jobs.
pub fn cronjob_warnings(cronjob: &CronJob) -> Vec<FieldError> {
    let mut out = cronjob_server_warnings(cronjob);
    let template = crate::defaults::template_job(cronjob);
    out.extend(
        advice(&template)
            .into_iter()
            .filter(|w| w.path != "spec.ttlSecondsAfterFinished")
            .map(|mut w| {
                w.path = format!("spec.jobTemplate.{}", w.path);
                w
            }),
    );
    out
}

/// The name an object is created with: its own, or for a `generateName` object the name the
/// store generates, which the strategies' warnings read. The generated suffix is five lowercase
/// letters and digits whatever the UID, so the DNS-label messages do not depend on it.
fn created_name(meta: &crate::api::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> String {
    let mut meta = meta.clone();
    crate::defaults::create_metadata(&mut meta, "");
    meta.name.unwrap_or_default()
}

/// The strategies' warning that a name is not a DNS label (it becomes part of Pod names and
/// hostnames). No name is no warning: such an object is rejected, and warnings come only with
/// a create that succeeds.
fn name_warning(name: &str, out: &mut Vec<FieldError>) {
    if name.is_empty() {
        return;
    }
    let msgs = is_dns1123_label(name);
    if !msgs.is_empty() {
        warn(
            out,
            "metadata.name",
            format!(
                "this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [{}]",
                msgs.join(" ")
            ),
        );
    }
}

/// `WarningsForJobSpec` (k/k `pkg/api/job/warnings.go`) for the spec of `job`, which is at
/// `path` in the object created.
fn job_spec_warnings(job: &Job, path: &str, out: &mut Vec<FieldError>) {
    let Some(spec) = job.spec.as_ref() else {
        return;
    };
    if spec.completion_mode.as_deref() == Some("Indexed")
        && spec.completions.unwrap_or(0) > 100_000
        && spec.parallelism.unwrap_or(0) > 10_000
    {
        warn(
            out,
            path,
            "In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail",
        );
    }
    // The Pod template's warnings read the Job's JSON, which has every field as written.
    let json = serde_json::to_value(job).unwrap_or(serde_json::Value::Null);
    if let Some(template) = json.get("spec").and_then(|s| s.get("template")) {
        pod::template_warnings(template, &format!("{path}.template"), out);
    }
}

/// Joblab's own advice: well-known pitfalls the server accepts silently.
pub fn advice(job: &Job) -> Vec<FieldError> {
    let mut out = Vec::new();
    let Some(spec) = job.spec.as_ref() else {
        return out;
    };
    if spec.ttl_seconds_after_finished.is_none() {
        warn(
            &mut out,
            "spec.ttlSecondsAfterFinished",
            "not set: the finished Job and its Pods stay until someone deletes them; set it (e.g. 3600) to have them cleaned up",
        );
    }
    let pod = spec.template.spec.as_ref();
    let restart = pod.and_then(|p| p.restart_policy.as_deref());
    if spec.backoff_limit_per_index.is_some() && restart == Some("OnFailure") {
        warn(
            &mut out,
            "spec.template.spec.restartPolicy",
            "backoffLimitPerIndex is documented to need restartPolicy Never: with OnFailure the kubelet restarts containers in place and those failures are not counted per index",
        );
    }
    if spec.pod_failure_policy.is_none()
        && restart == Some("OnFailure")
        && spec.backoff_limit.is_some()
    {
        warn(
            &mut out,
            "spec.template.spec.restartPolicy",
            "with OnFailure, container restarts happen inside the Pod, so backoffLimit counts them only approximately; use Never for exact retry counts",
        );
    }
    let Some(pod) = pod else { return out };
    if pod
        .service_account
        .as_deref()
        .is_some_and(|s| !s.is_empty())
    {
        warn(
            &mut out,
            "spec.template.spec.serviceAccount",
            "deprecated: use serviceAccountName instead",
        );
    }
    let lists = [
        ("containers", Some(&pod.containers)),
        ("initContainers", pod.init_containers.as_ref()),
    ];
    for (list_name, list) in lists {
        for (i, ctr) in list.into_iter().flatten().enumerate() {
            let base = format!("spec.template.spec.{list_name}[{i}]");
            let image = ctr.image.as_deref().unwrap_or("");
            if !image.is_empty() && image.trim() != image {
                warn(
                    &mut out,
                    format!("{base}.image"),
                    "leading or trailing whitespace: the Job is accepted, but every Pod it creates is rejected (must not have leading or trailing whitespace)",
                );
            }
            let trimmed = image.trim();
            if !trimmed.is_empty() && !trimmed.contains('@') {
                match image_tag(trimmed) {
                    None => warn(
                        &mut out,
                        format!("{base}.image"),
                        "no tag: means `latest`, which moves; retries may run different code, and imagePullPolicy defaults to Always",
                    ),
                    Some("latest") => warn(
                        &mut out,
                        format!("{base}.image"),
                        "the `latest` tag moves; retries may run different code, and imagePullPolicy defaults to Always",
                    ),
                    Some(_) => {}
                }
            }
            let has_requests = ctr
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .is_some_and(|r| !r.is_empty());
            let has_limits = ctr
                .resources
                .as_ref()
                .and_then(|r| r.limits.as_ref())
                .is_some_and(|r| !r.is_empty());
            // Limits alone are enough: the server copies them into requests when it creates the
            // Pod. Printed as Go's `%v` of a string slice: `[a b]`.
            if list_name == "containers" && !has_requests && !has_limits {
                warn(
                    &mut out,
                    format!("{base}.resources"),
                    "no resource requests: the scheduler assumes the Pod needs nothing, so it may land on a full node and be evicted or throttled first (BestEffort)",
                );
            }
        }
    }
    out
}
