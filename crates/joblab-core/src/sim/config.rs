//! The facts the engine needs from a Job, read once with the API server's defaults filled in.
//!
//! The simulation expects a defaulted, validated Job, but it must not misbehave on a Job that
//! skipped defaulting, so every unset field falls back to its API default here (k/k
//! `pkg/apis/batch/v1/defaults.go`): parallelism 1, completions 1 when both are unset, backoffLimit 6
//! (or MaxInt32 with backoffLimitPerIndex), NonIndexed, podReplacementPolicy Failed with a
//! podFailurePolicy and TerminatingOrFailed otherwise, terminationGracePeriodSeconds 30.

use crate::api::api::batch::v1::Job;
use crate::indexes::{parse_intervals, Interval};

/// The controller name a Job must carry in `spec.managedBy` (or none) to be reconciled here.
pub const JOB_CONTROLLER_NAME: &str = "kubernetes.io/job-controller";

/// One podFailurePolicy rule, pre-parsed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FailureRule {
    pub action: String,
    pub exit_codes: Option<ExitCodes>,
    pub conditions: Vec<(String, String)>,
}

/// `onExitCodes` of a podFailurePolicy rule.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ExitCodes {
    pub container_name: Option<String>,
    pub operator_in: bool,
    pub values: Vec<i32>,
}

/// One successPolicy rule, pre-parsed; a rule whose indexes do not parse never matches.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SuccessRule {
    /// `succeededIndexes`: `None` when unset, `Some(None)` when it does not parse.
    pub indexes: Option<Option<Vec<Interval>>>,
    pub count: Option<i32>,
}

/// Everything the engine reads from the Job spec.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct JobConfig {
    pub name: String,
    pub namespace: String,
    pub parallelism: i32,
    pub completions: Option<i32>,
    pub indexed: bool,
    pub unknown_mode: bool,
    pub backoff_limit: i32,
    pub on_failure: bool,
    pub active_deadline_ms: Option<u64>,
    pub ttl_ms: Option<u64>,
    pub suspend: bool,
    /// `onlyReplaceFailedPods` in the controller: podReplacementPolicy Failed, or any podFailurePolicy.
    pub only_replace_failed: bool,
    pub failure_rules: Option<Vec<FailureRule>>,
    pub per_index_limit: Option<i32>,
    pub max_failed_indexes: Option<i32>,
    pub success_rules: Option<Vec<SuccessRule>>,
    pub managed_elsewhere: bool,
    /// The Pod template carries finalizers of its own: nobody here removes them, so a deleted
    /// Pod stays in the API (Terminating) for good, as it would in a cluster.
    pub template_finalizers: bool,
    pub grace_ms: u64,
    pub containers: Vec<String>,
    /// The first container's image, named in the kubelet's Pulled event.
    pub image: String,
    /// The first container's `imagePullPolicy`, defaulted as the API server defaults it.
    pub image_pull_policy: PullPolicy,
}

/// A container's `imagePullPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullPolicy {
    /// Pull at every container start.
    Always,
    /// Pull when the node does not hold the image.
    IfNotPresent,
    /// Never pull; the container cannot start without the image.
    Never,
}

impl PullPolicy {
    /// The policy as written, or the API server's default for `image` when unset or unknown
    /// (k/k `pkg/apis/core/v1/defaults.go` `SetDefaults_Container`: `Always` when
    /// `parsers.ParseImageName` gives the tag `latest`, which it also gives an image with neither
    /// tag nor digest; else `IfNotPresent`).
    pub fn effective(written: Option<&str>, image: &str) -> PullPolicy {
        match written {
            Some("Always") => PullPolicy::Always,
            Some("IfNotPresent") => PullPolicy::IfNotPresent,
            Some("Never") => PullPolicy::Never,
            _ if crate::defaults::image_pulls_always(image) => PullPolicy::Always,
            _ => PullPolicy::IfNotPresent,
        }
    }
}

/// The image a pull asks for: the kubelet's `applyDefaultImageTag`
/// (k/k `pkg/kubelet/images/image_manager.go`) appends `:latest` to an image with neither tag
/// nor digest, and leaves any other image, or one that does not parse, as written.
pub fn image_with_default_tag(image: &str) -> String {
    match crate::defaults::image_ref::parse_normalized(image) {
        Some(r) if r.tag.is_none() && r.digest.is_none() => format!("{image}:latest"),
        _ => image.to_owned(),
    }
}

fn secs_ms(s: i64) -> u64 {
    u64::try_from(s).unwrap_or(0).saturating_mul(1000)
}

impl JobConfig {
    /// Reads the Job, filling API defaults for unset fields.
    pub fn from_job(job: &Job) -> JobConfig {
        let spec = job.spec.clone().unwrap_or_default();
        let pod_spec = spec.template.spec.clone().unwrap_or_default();
        let mode = spec
            .completion_mode
            .clone()
            .unwrap_or_else(|| "NonIndexed".into());
        let completions = match (spec.completions, spec.parallelism) {
            (None, None) => Some(1),
            (c, _) => c.map(|c| c.max(0)),
        };
        let indexed = mode == "Indexed" && completions.is_some();
        let failure_rules = spec.pod_failure_policy.as_ref().map(|p| {
            p.rules
                .iter()
                .map(|r| FailureRule {
                    action: r.action.clone(),
                    exit_codes: r.on_exit_codes.as_ref().map(|e| ExitCodes {
                        container_name: e.container_name.clone(),
                        operator_in: e.operator == "In",
                        values: e.values.clone().unwrap_or_default(),
                    }),
                    conditions: r
                        .on_pod_conditions
                        .iter()
                        .flatten()
                        .map(|c| {
                            (
                                c.type_.clone(),
                                c.status.clone().unwrap_or_else(|| "True".into()),
                            )
                        })
                        .collect(),
                })
                .collect()
        });
        let policy = spec.pod_replacement_policy.clone().unwrap_or_else(|| {
            if failure_rules.is_some() {
                "Failed".into()
            } else {
                "TerminatingOrFailed".into()
            }
        });
        let per_index_limit = spec.backoff_limit_per_index.filter(|_| indexed);
        JobConfig {
            name: job.metadata.name.clone().unwrap_or_else(|| "job".into()),
            namespace: job
                .metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
            parallelism: spec.parallelism.unwrap_or(1).max(0),
            completions,
            indexed,
            unknown_mode: mode != "Indexed" && mode != "NonIndexed",
            backoff_limit: spec
                .backoff_limit
                .unwrap_or(if per_index_limit.is_some() {
                    i32::MAX
                } else {
                    6
                })
                .max(0),
            on_failure: pod_spec.restart_policy.as_deref() == Some("OnFailure"),
            active_deadline_ms: spec.active_deadline_seconds.map(secs_ms),
            ttl_ms: spec
                .ttl_seconds_after_finished
                .map(|t| secs_ms(i64::from(t))),
            suspend: spec.suspend.unwrap_or(false),
            only_replace_failed: policy == "Failed" || failure_rules.is_some(),
            failure_rules,
            per_index_limit,
            max_failed_indexes: spec
                .max_failed_indexes
                .filter(|_| per_index_limit.is_some()),
            success_rules: spec.success_policy.as_ref().filter(|_| indexed).map(|p| {
                // The API server's own parser, as validation uses it: a validated Job's indexes
                // always parse, and all are below completions. A Job that skipped validation may
                // carry a string the server would refuse; its rule then never matches.
                let completions = completions.unwrap_or(0);
                p.rules
                    .iter()
                    .flatten()
                    .map(|r| SuccessRule {
                        indexes: r
                            .succeeded_indexes
                            .as_deref()
                            .map(|text| parse_intervals(text, completions).ok()),
                        count: r.succeeded_count,
                    })
                    .collect()
            }),
            template_finalizers: spec
                .template
                .metadata
                .as_ref()
                .and_then(|m| m.finalizers.as_ref())
                .is_some_and(|f| !f.is_empty()),
            managed_elsewhere: spec
                .managed_by
                .as_deref()
                .is_some_and(|m| m != JOB_CONTROLLER_NAME),
            grace_ms: secs_ms(pod_spec.termination_grace_period_seconds.unwrap_or(30)),
            containers: pod_spec.containers.iter().map(|c| c.name.clone()).collect(),
            image: pod_spec
                .containers
                .first()
                .and_then(|c| c.image.clone())
                .unwrap_or_default(),
            image_pull_policy: pod_spec
                .containers
                .first()
                .map_or(PullPolicy::IfNotPresent, |c| {
                    PullPolicy::effective(
                        c.image_pull_policy.as_deref(),
                        c.image.as_deref().unwrap_or(""),
                    )
                }),
        }
    }

    /// The first container's name, used in kubelet messages and podFailurePolicy matching.
    pub fn main_container(&self) -> &str {
        self.containers.first().map_or("main", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn success_indexes(completions: i32, text: &str) -> Option<Option<Vec<Interval>>> {
        let job: Job = serde_json::from_value(json!({
            "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
            "spec": {"completions": completions, "completionMode": "Indexed",
                "successPolicy": {"rules": [{"succeededIndexes": text}]},
                "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "main"}]}}}
        }))
        .expect("test job");
        let rules = JobConfig::from_job(&job).success_rules.expect("indexed");
        rules
            .into_iter()
            .next()
            .map(|r| r.indexes)
            .expect("one rule")
    }

    #[test]
    fn succeeded_indexes_are_read_as_validation_reads_them() {
        let iv = |first, last| Interval { first, last };
        assert_eq!(
            success_indexes(6, "0,2-4"),
            Some(Some(vec![iv(0, 0), iv(2, 4)]))
        );
        assert_eq!(success_indexes(6, ""), Some(Some(vec![])));
        // What the API server refuses never matches: out of range, unordered, spaced, malformed.
        for text in ["6", "0-6", "3,1", "1-1", " 1", "1-2-3", "x"] {
            assert_eq!(success_indexes(6, text), Some(None), "{text:?}");
        }
    }
}
