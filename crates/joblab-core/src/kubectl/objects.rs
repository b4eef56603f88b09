//! The snapshot as the API objects `kubectl` reads: the Job, its Pods and the Events, as JSON,
//! with the snapshot's clock. Every view renders from these, so what a view shows is what the
//! objects say, as it is for kubectl; `oracle kubectl` renders the same objects with kubectl's
//! own code.

use serde_json::{json, Map, Value};

use super::api::{api_job, api_pod_of, job_value, rfc3339, EPOCH_SECONDS};
use crate::api::api::batch::v1::Job;
use crate::sim::model::{ContainerState, Event, Millis, Pod, SegmentKind};
use crate::sim::Snapshot;

/// The API objects of a snapshot at its instant.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiSnapshot {
    /// The instant, in milliseconds since the clock's 0 (the Job's creation, or the CronJob's).
    pub now_ms: Millis,
    /// The clock's 0 in Unix seconds: [`EPOCH_SECONDS`] for a Job's simulation, the scenario's
    /// `startTime` for a CronJob's.
    pub epoch_seconds: i64,
    /// The namespace everything lives in.
    pub namespace: String,
    /// The Job's name, which the named views ask for even after it is gone.
    pub job_name: String,
    /// The Jobs as the API returns them, in the API's list order (by name): the simulated Job
    /// until it is deleted, or the Jobs a CronJob created that still exist.
    pub jobs: Vec<Value>,
    /// The CronJob as the API returns it, in a CronJob's simulation.
    pub cronjobs: Vec<Value>,
    /// The Pods that exist, in the API's list order (by name).
    pub pods: Vec<Value>,
    /// The Events recorded so far, in the API's list order (by name).
    pub events: Vec<Value>,
}

impl ApiSnapshot {
    /// The snapshot's clock as RFC 3339 with milliseconds (`2025-01-01T00:01:05.500Z`).
    pub fn now_rfc3339(&self) -> String {
        let secs = self
            .epoch_seconds
            .saturating_add(i64::try_from(self.now_ms / 1000).unwrap_or(0));
        let base = crate::civil::format_rfc3339(secs);
        format!("{}.{:03}Z", base.trim_end_matches('Z'), self.now_ms % 1000)
    }

    /// The snapshot's clock in Unix milliseconds.
    pub fn now_unix_ms(&self) -> i128 {
        i128::from(self.epoch_seconds) * 1000 + i128::from(self.now_ms)
    }

    /// The Job called `name`, if it exists.
    pub fn job(&self, name: &str) -> Option<&Value> {
        self.jobs
            .iter()
            .find(|j| str_at(j, &["metadata", "name"]) == name)
    }

    /// The CronJob called `name`, if it exists.
    pub fn cronjob(&self, name: &str) -> Option<&Value> {
        self.cronjobs
            .iter()
            .find(|j| str_at(j, &["metadata", "name"]) == name)
    }

    /// The Pod called `name`, if it exists.
    pub fn pod(&self, name: &str) -> Option<&Value> {
        self.pods
            .iter()
            .find(|p| str_at(p, &["metadata", "name"]) == name)
    }
}

/// A string member at `path`, or "" when absent or not a string.
pub(crate) fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    at(v, path).and_then(Value::as_str).unwrap_or("")
}

/// The member at `path`.
pub(crate) fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

/// The snapshot's API objects at its instant.
pub fn api_snapshot(snap: &Snapshot) -> ApiSnapshot {
    let mut objects = api_snapshot_without_pods(snap);
    objects.pods = pod_values(snap).collect();
    objects.events = event_values(snap);
    objects
}

/// The snapshot's Job alone (no Pods, no Events), for views that read nothing else.
pub fn api_snapshot_without_pods(snap: &Snapshot) -> ApiSnapshot {
    let now = snap.time_ms;
    ApiSnapshot {
        now_ms: now,
        epoch_seconds: EPOCH_SECONDS,
        namespace: snap.namespace.clone(),
        job_name: snap.name.clone(),
        jobs: snap
            .deleted_ms
            .is_none_or(|d| d > now)
            .then(|| job_value(snap))
            .into_iter()
            .collect(),
        cronjobs: Vec::new(),
        pods: Vec::new(),
        events: Vec::new(),
    }
}

/// The Pods that exist at the snapshot's instant, by name, built one at a time so that a
/// listing of many Pods never holds them all.
pub fn pod_values(snap: &Snapshot) -> impl Iterator<Item = Value> + '_ {
    let now = snap.time_ms;
    let mut pods: Vec<&Pod> = snap
        .pods
        .iter()
        .filter(|p| p.deleted_ms.is_none_or(|d| d > now))
        .collect();
    pods.sort_by(|a, b| a.name.cmp(&b.name));
    let job = api_job(snap);
    pods.into_iter().map(move |p| pod_value_of(snap, &job, p))
}

/// [`pod_values`] reduced to what `printPod` reads (the name, the times, the containers' names
/// and restart policies, and the status), for the `get pods` listing of a large run: the rows
/// are the same, and building them costs a fraction.
pub fn pod_values_for_listing(snap: &Snapshot) -> impl Iterator<Item = Value> + '_ {
    use crate::api::api::core::v1::Container;
    let now = snap.time_ms;
    let mut pods: Vec<&Pod> = snap
        .pods
        .iter()
        .filter(|p| p.deleted_ms.is_none_or(|d| d > now))
        .collect();
    pods.sort_by(|a, b| a.name.cmp(&b.name));
    let mut job = api_job(snap);
    if let Some(spec) = job.spec.as_mut().and_then(|s| s.template.spec.as_mut()) {
        let light = |cs: &[Container]| -> Vec<Container> {
            cs.iter()
                .map(|c| Container {
                    name: c.name.clone(),
                    restart_policy: c.restart_policy.clone(),
                    ..Container::default()
                })
                .collect()
        };
        let slim = crate::api::api::core::v1::PodSpec {
            containers: light(&spec.containers),
            init_containers: spec.init_containers.as_deref().map(light),
            // Every Pod of the model is bound to its one node at creation (as in `api_pod`).
            node_name: Some(crate::sim::NODE_NAME.to_owned()),
            ..Default::default()
        };
        *spec = slim;
    }
    let spec = job
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.clone())
        .unwrap_or_default();
    let spec_value = serde_json::to_value(&spec).unwrap_or(Value::Null);
    pods.into_iter().map(move |p| {
        let mut metadata = Map::new();
        metadata.insert("name".into(), p.name.clone().into());
        metadata.insert("creationTimestamp".into(), rfc3339(p.created_ms).into());
        if let Some(d) = p.deletion_requested_ms {
            metadata.insert(
                "deletionTimestamp".into(),
                rfc3339(d.saturating_add(p.grace_ms)).into(),
            );
        }
        let status = serde_json::to_value(super::api::pod_status(p, &spec)).unwrap_or_default();
        let mut v = json!({"metadata": metadata, "spec": spec_value.clone(), "status": status});
        finish_pod_value(snap, p, &mut v);
        v
    })
}

/// A Pod as `kubectl get pod -o json` returns it: [`super::api_pod`] with `apiVersion` and
/// `kind`, the container's run times (`startedAt`, the last run in `lastState`) from its lane,
/// and the QoS class the API server sets when it creates the Pod.
pub fn pod_value(snap: &Snapshot, pod: &Pod) -> Value {
    pod_value_of(snap, &api_job(snap), pod)
}

fn pod_value_of(snap: &Snapshot, job: &Job, pod: &Pod) -> Value {
    let mut v = serde_json::to_value(api_pod_of(snap, job, pod)).unwrap_or(Value::Null);
    finish_pod_value(snap, pod, &mut v);
    v
}

/// What the API adds to [`super::api_pod`]'s object: `apiVersion`, `kind`, the QoS class, the
/// current run's `startedAt` and the previous run as `lastState`.
fn finish_pod_value(snap: &Snapshot, pod: &Pod, v: &mut Value) {
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    obj.insert("apiVersion".into(), "v1".into());
    obj.insert("kind".into(), "Pod".into());
    let qos = qos_class(obj.get("spec").unwrap_or(&Value::Null));
    let runs: Vec<_> = pod
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Running && s.start_ms <= snap.time_ms)
        .collect();
    // The run the state shows, and the one before it (lastState), if it ended.
    let (current, previous) = match pod.container {
        ContainerState::Waiting { .. } => (None, runs.last()),
        _ => (
            runs.last(),
            runs.len().checked_sub(2).and_then(|i| runs.get(i)),
        ),
    };
    if let Some(status) = obj.get_mut("status").and_then(Value::as_object_mut) {
        status.insert("qosClass".into(), qos.into());
        let cs = status
            .get_mut("containerStatuses")
            .and_then(|c| c.get_mut(0))
            .and_then(Value::as_object_mut);
        if let Some(cs) = cs {
            if let (Some(run), Some(term)) = (
                current,
                cs.get_mut("state")
                    .and_then(|s| s.get_mut("terminated"))
                    .and_then(Value::as_object_mut),
            ) {
                term.insert("startedAt".into(), rfc3339(run.start_ms).into());
            }
            if let Some(prev) = previous.filter(|_| pod.restart_count > 0) {
                let code = prev.exit_code.or(pod.exit_code).unwrap_or(0);
                let mut term = Map::new();
                term.insert("exitCode".into(), code.into());
                term.insert(
                    "reason".into(),
                    if code == 0 { "Completed" } else { "Error" }.into(),
                );
                term.insert("startedAt".into(), rfc3339(prev.start_ms).into());
                if let Some(end) = prev.end_ms {
                    term.insert("finishedAt".into(), rfc3339(end).into());
                }
                cs.insert("lastState".into(), json!({ "terminated": term }));
            }
        }
    }
}

/// `qos.ComputePodQOS` for Pods without Pod-level resources: BestEffort when no container sets
/// a cpu or memory request or limit, Guaranteed when every container sets both with equal
/// requests and limits (a request defaults to its limit), Burstable otherwise.
fn qos_class(spec: &Value) -> &'static str {
    let containers = ["initContainers", "containers"]
        .iter()
        .filter_map(|k| spec.get(*k).and_then(Value::as_array))
        .flatten();
    let mut pod_qos: Option<&'static str> = None;
    for c in containers {
        let limits = at(c, &["resources", "limits"]);
        let requests = at(c, &["resources", "requests"]);
        let is_empty = |m: Option<&Value>| m.and_then(Value::as_object).is_none_or(Map::is_empty);
        let q = if is_empty(limits) && is_empty(requests) {
            "BestEffort"
        } else {
            let mut q: Option<&'static str> = None;
            for res in ["cpu", "memory"] {
                let l = limits.and_then(|m| m.get(res));
                let r = requests.and_then(|m| m.get(res)).or(l);
                let rq = match (r, l) {
                    (None, None) => "BestEffort",
                    (Some(r), Some(l)) if quantity_eq(r, l) => "Guaranteed",
                    _ => "Burstable",
                };
                q = match q {
                    None => Some(rq),
                    Some(prev) if prev == rq => Some(rq),
                    Some(_) => Some("Burstable"),
                };
            }
            q.unwrap_or("BestEffort")
        };
        pod_qos = match pod_qos {
            _ if q == "Burstable" => return "Burstable",
            None => Some(q),
            Some(p) if p == q => Some(q),
            Some(_) => return "Burstable",
        };
    }
    pod_qos.unwrap_or("BestEffort")
}

fn quantity_eq(a: &Value, b: &Value) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(x), Some(y)) => {
            match (
                crate::validate::quantity::parse(x),
                crate::validate::quantity::parse(y),
            ) {
                (Ok(p), Ok(q)) => p.nanos == q.nanos,
                _ => x == y,
            }
        }
        _ => a == b,
    }
}

/// Kubelet events about the container carry its field path, as the kubelet's references do.
const CONTAINER_EVENT_REASONS: &[&str] = &[
    "Pulling", "Pulled", "Created", "Started", "Killing", "BackOff", "Failed",
];

/// The Events recorded up to the snapshot's instant as `core/v1` Event objects, the way the
/// event recorder writes them: repeats of the same object, type, reason and message become one
/// Event with a count and first and last timestamps, named `<object name>.<hex nanoseconds>`
/// after its first occurrence (the log position breaks ties within a millisecond).
pub fn event_values(snap: &Snapshot) -> Vec<Value> {
    let now = snap.time_ms;
    let mut agg: Vec<(usize, &Event, Millis, u32)> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str, &str, &str, &str), usize> =
        std::collections::HashMap::new();
    for (seq, e) in snap
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.at_ms <= now)
    {
        let key = (
            e.object.as_str(),
            e.type_.as_str(),
            e.reason.as_str(),
            e.message.as_str(),
            e.source.as_str(),
        );
        match index.get(&key).and_then(|&i| agg.get_mut(i)) {
            Some(a) => {
                a.2 = e.at_ms;
                a.3 += 1;
            }
            None => {
                index.insert(key, agg.len());
                agg.push((seq, e, e.at_ms, 1));
            }
        }
    }
    let pod_uids: std::collections::HashMap<&str, &str> = snap
        .pods
        .iter()
        .map(|p| (p.name.as_str(), p.uid.as_str()))
        .collect();
    let container = snap
        .job
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .and_then(|s| s.containers.first())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut out: Vec<(String, Value)> = agg
        .into_iter()
        .map(|(seq, e, last_ms, count)| {
            let (kind, name) = e.object.split_once('/').unwrap_or(("", &e.object));
            let (api_version, kind, uid) = if kind == "job" {
                ("batch/v1", "Job", snap.uid.clone())
            } else {
                let uid = pod_uids.get(name).copied().unwrap_or_default().to_string();
                ("v1", "Pod", uid)
            };
            let ms = i128::from(EPOCH_SECONDS) * 1000 + i128::from(e.at_ms);
            let nanos = ms * 1_000_000 + i128::try_from(seq).unwrap_or(0);
            let event_name = format!("{name}.{nanos:x}");
            let mut involved = json!({
                "apiVersion": api_version,
                "kind": kind,
                "name": name,
                "namespace": snap.namespace,
                "uid": uid,
            });
            if kind == "Pod"
                && e.source == "kubelet"
                && CONTAINER_EVENT_REASONS.contains(&e.reason.as_str())
            {
                involved["fieldPath"] = format!("spec.containers{{{container}}}").into();
            }
            let value = json!({
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {
                    "name": event_name,
                    "namespace": snap.namespace,
                    "creationTimestamp": rfc3339(e.at_ms),
                },
                "involvedObject": involved,
                "reason": e.reason,
                "message": e.message,
                "source": {"component": e.source},
                "firstTimestamp": rfc3339(e.at_ms),
                "lastTimestamp": rfc3339(last_ms),
                "count": count,
                "type": e.type_.as_str(),
                "eventTime": null,
                "reportingComponent": e.source,
                "reportingInstance": "",
            });
            (event_name, value)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, v)| v).collect()
}
