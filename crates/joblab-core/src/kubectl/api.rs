//! The Job as the API server would return it (`kubectl get job -o json|yaml`).

use std::collections::BTreeMap;

use crate::api::api::batch::v1::{Job, JobCondition, JobStatus, UncountedTerminatedPods};
use crate::api::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use crate::sim::model::Millis;
use crate::sim::Snapshot;

/// The simulated epoch: the Job is created at 2025-01-01T00:00:00Z (Unix seconds).
pub const EPOCH_SECONDS: i64 = 1_735_689_600;

/// Unix seconds of a simulated instant.
pub(crate) fn unix_seconds(ms: Millis) -> i64 {
    EPOCH_SECONDS.saturating_add(i64::try_from(ms / 1000).unwrap_or(0))
}

fn time(ms: Millis) -> Time {
    Time::from_unix_seconds(unix_seconds(ms))
}

/// RFC 3339 (seconds precision, `Z`) of a simulated instant, as the API writes times.
pub fn rfc3339(ms: Millis) -> String {
    crate::civil::format_rfc3339(unix_seconds(ms))
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

/// The API Job of the snapshot as a JSON value, with `apiVersion` and `kind`, in the form the
/// API server returns it (`stored`: Go's omitempty and canonical quantities).
pub fn job_value(snap: &Snapshot) -> serde_json::Value {
    let mut v = crate::stored::stored_job(&api_job(snap));
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

/// Pod label and annotation holding the completion index (Indexed Jobs).
pub const COMPLETION_INDEX_KEY: &str = "batch.kubernetes.io/job-completion-index";
/// Pod annotation with the failures counted so far in the Pod's index (backoffLimitPerIndex).
pub const INDEX_FAILURE_COUNT_KEY: &str = "batch.kubernetes.io/job-index-failure-count";
/// Pod annotation with the ignored failures of the index, when there are any.
pub const INDEX_IGNORED_FAILURE_COUNT_KEY: &str =
    "batch.kubernetes.io/job-index-ignored-failure-count";
/// The finalizer the Job controller puts on its Pods until it has counted them.
pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";

/// A simulated Pod as the API would return it (`kubectl get pod -o json`): the template's labels
/// and annotations, the completion-index label/annotation, `job-index-failure-count`, the tracking
/// finalizer until counted, the owner reference, `hostname` and the `JOB_COMPLETION_INDEX`
/// variable for Indexed Jobs (k/k `job_controller.go`, `indexed_job_utils.go`), and its status.
pub fn api_pod(snap: &Snapshot, pod: &crate::sim::model::Pod) -> crate::api::api::core::v1::Pod {
    api_pod_of(snap, &api_job(snap), pod)
}

/// [`api_pod`] with the snapshot's [`api_job`] already built, for listings of many Pods.
pub(crate) fn api_pod_of(
    snap: &Snapshot,
    job: &Job,
    pod: &crate::sim::model::Pod,
) -> crate::api::api::core::v1::Pod {
    use crate::api::api::core::v1 as core;
    use crate::api::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

    let template = job
        .spec
        .as_ref()
        .map(|s| s.template.clone())
        .unwrap_or_default();
    let tmeta = template.metadata.unwrap_or_default();
    let mut labels = tmeta.labels.unwrap_or_default();
    let mut annotations = tmeta.annotations.unwrap_or_default();
    let mut spec = template.spec.unwrap_or_default();
    if let Some(i) = pod.index {
        labels.insert(COMPLETION_INDEX_KEY.into(), i.to_string());
        annotations.insert(COMPLETION_INDEX_KEY.into(), i.to_string());
        spec.hostname = Some(format!("{}-{i}", snap.name));
        for c in spec
            .containers
            .iter_mut()
            .chain(spec.init_containers.iter_mut().flatten())
        {
            let env = c.env.get_or_insert_with(Vec::new);
            if !env.iter().any(|e| e.name == "JOB_COMPLETION_INDEX") {
                env.push(core::EnvVar {
                    name: "JOB_COMPLETION_INDEX".into(),
                    value_from: Some(core::EnvVarSource {
                        // The controller leaves apiVersion out; the API server's Pod defaulting
                        // (SetDefaults_ObjectFieldSelector) writes "v1".
                        field_ref: Some(core::ObjectFieldSelector {
                            api_version: Some("v1".into()),
                            field_path: format!("metadata.labels['{COMPLETION_INDEX_KEY}']"),
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                });
            }
        }
    }
    if let Some(n) = pod.index_failure_count {
        annotations.insert(INDEX_FAILURE_COUNT_KEY.into(), n.to_string());
    }
    if let Some(n) = pod.index_ignored_failure_count.filter(|&n| n > 0) {
        annotations.insert(INDEX_IGNORED_FAILURE_COUNT_KEY.into(), n.to_string());
    }
    // The scheduler binds every Pod at once to the model's one node.
    spec.node_name = Some(crate::sim::NODE_NAME.to_owned());
    let grace_s = i64::try_from(pod.grace_ms / 1000).unwrap_or(0);
    core::Pod {
        metadata: ObjectMeta {
            name: Some(pod.name.clone()),
            generate_name: Some(
                pod.name
                    .get(..pod.name.len().saturating_sub(5))
                    .unwrap_or("")
                    .to_string(),
            ),
            namespace: Some(snap.namespace.clone()),
            uid: Some(pod.uid.clone()),
            creation_timestamp: Some(time(pod.created_ms)),
            deletion_timestamp: pod
                .deletion_requested_ms
                .map(|d| time(d.saturating_add(pod.grace_ms))),
            deletion_grace_period_seconds: pod.deletion_requested_ms.map(|_| grace_s),
            labels: Some(labels),
            annotations: (!annotations.is_empty()).then_some(annotations),
            finalizers: (!pod.counted).then(|| vec![TRACKING_FINALIZER.to_string()]),
            owner_references: Some(vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "Job".into(),
                name: snap.name.clone(),
                uid: snap.uid.clone(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]),
            ..Default::default()
        },
        status: Some(pod_status(pod, &spec)),
        spec: Some(spec),
        written: None,
    }
}

/// A simulated Pod's `status` as the kubelet reports it, for the Pod spec `spec` (its first
/// container is the one the simulation runs).
pub(crate) fn pod_status(
    pod: &crate::sim::model::Pod,
    spec: &crate::api::api::core::v1::PodSpec,
) -> crate::api::api::core::v1::PodStatus {
    use crate::api::api::core::v1 as core;
    use crate::sim::model::ContainerState;
    let container_name = spec
        .containers
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let image = spec
        .containers
        .first()
        .and_then(|c| c.image.clone())
        .unwrap_or_default();
    let state = match &pod.container {
        ContainerState::Waiting { reason } => core::ContainerState {
            waiting: Some(core::ContainerStateWaiting {
                reason: Some(reason.clone()),
                ..Default::default()
            }),
            ..Default::default()
        },
        ContainerState::Running { started_ms } => core::ContainerState {
            running: Some(core::ContainerStateRunning {
                started_at: Some(time(*started_ms)),
            }),
            ..Default::default()
        },
        ContainerState::Terminated {
            exit_code,
            reason,
            finished_ms,
        } => core::ContainerState {
            terminated: Some(core::ContainerStateTerminated {
                exit_code: *exit_code,
                reason: Some(reason.clone()),
                finished_at: Some(time(*finished_ms)),
                ..Default::default()
            }),
            ..Default::default()
        },
    };
    let mut conditions: Vec<core::PodCondition> = pod
        .conditions
        .iter()
        .map(|c| core::PodCondition {
            type_: c.type_.clone(),
            status: c.status.clone(),
            reason: Some(c.reason.clone()),
            message: Some(c.message.clone()),
            last_transition_time: Some(time(c.last_transition_ms)),
            ..Default::default()
        })
        .collect();
    conditions.extend(kubelet_conditions(pod, spec));
    core::PodStatus {
        phase: Some(pod.phase.as_str().into()),
        reason: pod.reason.clone(),
        start_time: pod.started_ms.map(|_| time(pod.created_ms)),
        conditions: (!conditions.is_empty()).then_some(conditions),
        container_statuses: Some(vec![core::ContainerStatus {
            name: container_name,
            image,
            image_id: String::new(),
            ready: pod.ready,
            restart_count: i32::try_from(pod.restart_count).unwrap_or(i32::MAX),
            started: Some(matches!(pod.container, ContainerState::Running { .. })),
            state: Some(state),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

/// The conditions the kubelet and the scheduler write on a Pod of the model, in the order the
/// API returns them: the kubelet's four (k/k pkg/kubelet/status/generate.go), then PodScheduled.
/// The model binds a Pod at creation and has its sandbox ready at once; init containers run
/// within the startup time, so Initialized turns True when the main container first starts.
fn kubelet_conditions(
    pod: &crate::sim::model::Pod,
    spec: &crate::api::api::core::v1::PodSpec,
) -> Vec<crate::api::api::core::v1::PodCondition> {
    use crate::api::api::core::v1::PodCondition;
    use crate::sim::model::PodPhase;
    let cond = |type_: &str, status: bool, reason: Option<&str>, message: Option<String>, at| {
        PodCondition {
            type_: type_.to_owned(),
            status: if status { "True" } else { "False" }.to_owned(),
            reason: reason.map(str::to_owned),
            message,
            last_transition_time: Some(time(at)),
            ..Default::default()
        }
    };
    // Go's %s of a []string: "[a b]".
    let names = |v: Vec<&str>| format!("[{}]", v.join(" "));
    let terminal = pod.phase.is_terminal();
    let end_ms = pod.finished_ms.unwrap_or(pod.created_ms);
    let sandbox = if terminal {
        cond(
            "PodReadyToStartContainers",
            false,
            Some("PodSandboxNotReady"),
            Some("pod sandbox is not ready".to_owned()),
            end_ms,
        )
    } else {
        cond(
            "PodReadyToStartContainers",
            true,
            None,
            None,
            pod.created_ms,
        )
    };
    let init: Vec<&str> = spec
        .init_containers
        .iter()
        .flatten()
        .map(|c| c.name.as_str())
        .collect();
    // Without init containers the Pod is initialized from creation, with them from its first
    // start; a Succeeded Pod says PodCompleted.
    let initialized_at = if init.is_empty() {
        Some(pod.created_ms)
    } else {
        pod.started_ms
    };
    let initialized = match (initialized_at, pod.phase == PodPhase::Succeeded) {
        (at, true) => cond(
            "Initialized",
            true,
            Some("PodCompleted"),
            None,
            at.unwrap_or(end_ms),
        ),
        (Some(at), false) => cond("Initialized", true, None, None, at),
        (None, false) => cond(
            "Initialized",
            false,
            Some("ContainersNotInitialized"),
            Some(format!(
                "containers with incomplete status: {}",
                names(init)
            )),
            pod.created_ms,
        ),
    };
    let (ready, reason, message, at) = match pod.phase {
        PodPhase::Succeeded => (false, Some("PodCompleted"), None, end_ms),
        PodPhase::Failed => (false, Some("PodFailed"), None, end_ms),
        _ if pod.ready => (
            true,
            None,
            None,
            pod.segments
                .iter()
                .rev()
                .find(|s| s.kind == crate::sim::model::SegmentKind::Running)
                .map_or(pod.created_ms, |s| s.start_ms),
        ),
        _ => (
            false,
            Some("ContainersNotReady"),
            Some(format!(
                "containers with unready status: {}",
                names(spec.containers.iter().map(|c| c.name.as_str()).collect())
            )),
            pod.last_exit_ms.unwrap_or(pod.created_ms),
        ),
    };
    vec![
        sandbox,
        initialized,
        cond("Ready", ready, reason, message.clone(), at),
        cond("ContainersReady", ready, reason, message, at),
        cond("PodScheduled", true, None, None, pod.created_ms),
    ]
}
