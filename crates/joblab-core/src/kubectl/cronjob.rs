//! A CronJob simulation as the API objects `kubectl` reads: the CronJob with its status, the
//! Jobs it created that still exist, their Pods, and the Events of all of them, on one clock
//! (Unix time, from the scenario's `startTime`). Every CronJob view renders from these, and
//! `oracle kubectl` renders the same objects with kubectl's own code.

use serde_json::{json, Map, Value};

use super::api::{job_value, EPOCH_SECONDS};
use super::objects::{event_values, pod_values, str_at, ApiSnapshot};
use crate::sim::cronjob::{CronJobSimulation, CRONJOB_UID};
use crate::sim::model::{Event, Millis};

/// The members of API objects that hold times, which move with a child Job's clock.
const TIME_KEYS: &[&str] = &[
    "creationTimestamp",
    "deletionTimestamp",
    "startTime",
    "completionTime",
    "lastProbeTime",
    "lastTransitionTime",
    "startedAt",
    "finishedAt",
    "firstTimestamp",
    "lastTimestamp",
];

/// Moves every API time under `v` by `by_seconds`. A Job's simulation writes its objects on a
/// clock whose 0 is [`EPOCH_SECONDS`]; a CronJob's child Job starts at another second.
fn shift_times(v: &mut Value, by_seconds: i64) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if TIME_KEYS.contains(&k.as_str()) {
                    if let Some(t) = x.as_str().and_then(crate::civil::parse_rfc3339) {
                        *x = Value::String(crate::civil::format_rfc3339(t + by_seconds));
                        continue;
                    }
                }
                // Annotations hold user text and the scheduled timestamp, which is absolute.
                if k != "annotations" && k != "labels" {
                    shift_times(x, by_seconds);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| shift_times(x, by_seconds)),
        _ => {}
    }
}

/// Moves an Event by `by_seconds`: its times and its name, `<object>.<hex Unix nanoseconds>`
/// (client-go's recorder names an Event after the time it first happened).
fn shift_event(e: &mut Value, by_seconds: i64) {
    shift_times(e, by_seconds);
    let name = str_at(e, &["metadata", "name"]).to_owned();
    if let Some((object, hex)) = name.rsplit_once('.') {
        if let Ok(nanos) = i128::from_str_radix(hex, 16) {
            let moved = nanos + i128::from(by_seconds) * 1_000_000_000;
            e["metadata"]["name"] = Value::String(format!("{object}.{moved:x}"));
        }
    }
}

/// The CronJob as the API returns it: `stored` (its stored form after defaulting, from the
/// check's `stored::stored_cronjob`) with its uid, namespace, creationTimestamp, the spec's
/// `suspend` as the scenario's patches left it, and the controller's status.
pub fn cronjob_value(sim: &CronJobSimulation, stored: &Value) -> Value {
    let spec = sim.spec();
    let mut v = stored.clone();
    if !v.is_object() {
        v = json!({});
    }
    v["apiVersion"] = json!("batch/v1");
    v["kind"] = json!("CronJob");
    if !v["metadata"].is_object() {
        v["metadata"] = json!({});
    }
    v["metadata"]["name"] = json!(spec.name);
    v["metadata"]["namespace"] = json!(spec.namespace);
    v["metadata"]["uid"] = json!(CRONJOB_UID);
    v["metadata"]["creationTimestamp"] =
        json!(crate::civil::format_rfc3339(sim.start_unix_seconds()));
    if !v["spec"].is_object() {
        v["spec"] = json!({});
    }
    v["spec"]["suspend"] = json!(spec.suspend);
    let status = sim.status();
    let mut st = Map::new();
    if !status.active.is_empty() {
        let active: Vec<Value> = status
            .active
            .iter()
            .map(|a| {
                json!({"kind": "Job", "namespace": spec.namespace, "name": a.name,
                       "uid": a.uid, "apiVersion": "batch/v1"})
            })
            .collect();
        st.insert("active".into(), Value::Array(active));
    }
    if let Some(s) = status.last_schedule_unix_seconds {
        st.insert(
            "lastScheduleTime".into(),
            json!(crate::civil::format_rfc3339(s)),
        );
    }
    if let Some(s) = status.last_successful_unix_seconds {
        st.insert(
            "lastSuccessfulTime".into(),
            json!(crate::civil::format_rfc3339(s)),
        );
    }
    v["status"] = Value::Object(st);
    v
}

/// The CronJob controller's Events as the API lists them, aggregated as client-go's recorder
/// does (the same object, type, reason and message become one Event with a count), named after
/// their first occurrence; `epoch_seconds` is the CronJob simulation's 0.
fn cronjob_event_values(
    events: &[Event],
    now: Millis,
    epoch_seconds: i64,
    name: &str,
    namespace: &str,
) -> Vec<Value> {
    let mut agg: Vec<(usize, &Event, Millis, u32)> = Vec::new();
    for (seq, e) in events.iter().enumerate().filter(|(_, e)| e.at_ms <= now) {
        match agg
            .iter_mut()
            .find(|a| a.1.type_ == e.type_ && a.1.reason == e.reason && a.1.message == e.message)
        {
            Some(a) => {
                a.2 = e.at_ms;
                a.3 += 1;
            }
            None => agg.push((seq, e, e.at_ms, 1)),
        }
    }
    let rfc = |ms: Millis| {
        crate::civil::format_rfc3339(
            epoch_seconds.saturating_add(i64::try_from(ms / 1000).unwrap_or(0)),
        )
    };
    agg.into_iter()
        .map(|(seq, e, last_ms, count)| {
            let ms = i128::from(epoch_seconds) * 1000 + i128::from(e.at_ms);
            let nanos = ms * 1_000_000 + i128::try_from(seq).unwrap_or(0);
            json!({
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {
                    "name": format!("{name}.{nanos:x}"),
                    "namespace": namespace,
                    "creationTimestamp": rfc(e.at_ms),
                },
                "involvedObject": {
                    "apiVersion": "batch/v1",
                    "kind": "CronJob",
                    "name": name,
                    "namespace": namespace,
                    "uid": CRONJOB_UID,
                },
                "reason": e.reason,
                "message": e.message,
                "source": {"component": e.source},
                "firstTimestamp": rfc(e.at_ms),
                "lastTimestamp": rfc(last_ms),
                "count": count,
                "type": e.type_.as_str(),
                "eventTime": null,
                "reportingComponent": e.source,
                "reportingInstance": "",
            })
        })
        .collect()
}

/// The API objects of a CronJob simulation at its current time (`sim.now()`): the CronJob
/// (`stored` as for [`cronjob_value`]), every Job it created that still exists with its Pods,
/// and the Events of the CronJob, the Jobs and the Pods, each list in the API's order (by name).
pub fn cronjob_api_snapshot(sim: &CronJobSimulation, stored: &Value) -> ApiSnapshot {
    let now = sim.now();
    let epoch = sim.start_unix_seconds();
    let spec = sim.spec();
    let mut jobs = Vec::new();
    let mut pods = Vec::new();
    let mut events = cronjob_event_values(sim.events(), now, epoch, &spec.name, &spec.namespace);
    for c in sim.children() {
        if c.created_ms > now {
            continue;
        }
        // The Job's own clock, 0 at the whole second it was created in, on the Unix clock.
        let by = epoch + i64::try_from(c.clock_start_ms / 1000).unwrap_or(0) - EPOCH_SECONDS;
        let snap = c.sim.snapshot();
        if !c.gone() {
            let mut job = job_value(&snap);
            shift_times(&mut job, by);
            jobs.push(job);
        }
        for mut p in pod_values(&snap) {
            shift_times(&mut p, by);
            pods.push(p);
        }
        for mut e in event_values(&snap) {
            shift_event(&mut e, by);
            events.push(e);
        }
    }
    let by_name = |a: &Value, b: &Value| {
        str_at(a, &["metadata", "name"]).cmp(str_at(b, &["metadata", "name"]))
    };
    jobs.sort_by(by_name);
    pods.sort_by(by_name);
    events.sort_by(by_name);
    ApiSnapshot {
        now_ms: now,
        epoch_seconds: epoch,
        namespace: spec.namespace.clone(),
        job_name: spec.name.clone(),
        jobs,
        cronjobs: vec![cronjob_value(sim, stored)],
        pods,
        events,
    }
}
