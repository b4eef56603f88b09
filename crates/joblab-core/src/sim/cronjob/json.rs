//! `joblab simulate CRONJOB.yaml --format json`: `{"cronJob", "jobs", "events"}`.
//!
//! - `cronJob`: the CronJob as written, with its uid, creationTimestamp and status (`active`
//!   references, `lastScheduleTime`, `lastSuccessfulTime`, RFC 3339);
//! - `jobs`: every Job it created, in creation order, each `{"name", "scheduledTime" (the
//!   scheduled-timestamp annotation), "createdAt", "deletedAt", "clockStart"}` plus exactly what
//!   `joblab simulate` prints for a Job (`job`, `pods`, `events`, `finishedAt`), whose times are
//!   seconds since `clockStart`, the whole second the Job was created in;
//! - `events`: the CronJob controller's events;
//!
//! every `at`/`…At`/`clockStart` outside a Job's own part is seconds since the CronJob was
//! created. The oracle's `oracle simulate` prints the same shape for the real controllers.

use serde_json::{json, Map, Value};

use super::spec::{CRONJOB_UID, SCHEDULED_TIMESTAMP_ANNOTATION};
use super::CronJobSimulation;
use crate::kubectl::EPOCH_SECONDS;
use crate::sim::json::{event_values, secs, simulate_json};
use crate::sim::model::Millis;

/// The keys whose values are API times in a Job's JSON, moved from the Job simulation's epoch to
/// the Job's real creation second.
const TIME_KEYS: &[&str] = &[
    "creationTimestamp",
    "deletionTimestamp",
    "startTime",
    "completionTime",
    "lastProbeTime",
    "lastTransitionTime",
];

/// Moves every API time under `v` by `by_seconds`.
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
                shift_times(x, by_seconds);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| shift_times(x, by_seconds)),
        _ => {}
    }
}

fn opt_secs(ms: Option<Millis>) -> Value {
    ms.map_or(Value::Null, secs)
}

/// The simulation as `joblab simulate --format json` prints it for a CronJob, pretty-printed
/// with a final newline.
pub fn cronjob_json(sim: &CronJobSimulation) -> String {
    let rfc = |s: Option<i64>| {
        s.map_or(Value::Null, |s| {
            Value::String(crate::civil::format_rfc3339(s))
        })
    };
    let status = sim.status();
    let mut cronjob = sim.spec().manifest.clone();
    if let Some(m) = cronjob.as_object_mut() {
        let meta = m
            .entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert(
                "namespace".into(),
                Value::String(sim.spec().namespace.clone()),
            );
            meta.insert("uid".into(), Value::String(CRONJOB_UID.to_owned()));
            meta.insert(
                "creationTimestamp".into(),
                rfc(Some(sim.start_unix_seconds())),
            );
        }
        let mut st = Map::new();
        if !status.active.is_empty() {
            let active: Vec<Value> = status
                .active
                .iter()
                .map(|a| {
                    json!({"apiVersion": "batch/v1", "kind": "Job", "name": a.name,
                           "namespace": sim.spec().namespace, "uid": a.uid})
                })
                .collect();
            st.insert("active".into(), Value::Array(active));
        }
        if let Some(s) = status.last_schedule_unix_seconds {
            st.insert("lastScheduleTime".into(), rfc(Some(s)));
        }
        if let Some(s) = status.last_successful_unix_seconds {
            st.insert("lastSuccessfulTime".into(), rfc(Some(s)));
        }
        m.insert("status".into(), Value::Object(st));
    }
    let jobs: Vec<Value> = sim
        .children()
        .iter()
        .map(|c| {
            let mut v: Value =
                serde_json::from_str(&simulate_json(&c.sim.snapshot())).unwrap_or(Value::Null);
            let clock_start_s =
                sim.start_unix_seconds() + i64::try_from(c.clock_start_ms / 1000).unwrap_or(0);
            shift_times(&mut v["job"], clock_start_s - EPOCH_SECONDS);
            let scheduled =
                v["job"]["metadata"]["annotations"][SCHEDULED_TIMESTAMP_ANNOTATION].clone();
            let mut out = Map::new();
            out.insert("name".into(), Value::String(c.name.clone()));
            out.insert("scheduledTime".into(), scheduled);
            out.insert("createdAt".into(), secs(c.created_ms));
            out.insert("deletedAt".into(), opt_secs(c.deleted_ms()));
            out.insert("clockStart".into(), secs(c.clock_start_ms));
            if let Value::Object(rest) = v {
                out.extend(rest);
            }
            Value::Object(out)
        })
        .collect();
    let out = json!({
        "cronJob": cronjob,
        "jobs": jobs,
        "events": event_values(sim.events()),
    });
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// `joblab simulate CRONJOB.yaml` as text: every event of the CronJob controller and of each
/// Job's simulation on one time axis (seconds since the CronJob was created), then the
/// CronJob's status and one line per Job.
pub fn cronjob_text(sim: &CronJobSimulation) -> String {
    let mut events: Vec<(Millis, usize, &crate::sim::model::Event)> =
        sim.events().iter().map(|e| (e.at_ms, 0, e)).collect();
    for (i, c) in sim.children().iter().enumerate() {
        events.extend(
            c.sim
                .events()
                .iter()
                .map(|e| (e.at_ms + c.clock_start_ms, i + 1, e)),
        );
    }
    // Stable: at one instant the CronJob's events first, then each Job's in creation order.
    events.sort_by_key(|(at, who, _)| (*at, *who));
    let mut rows = vec![["TIME", "TYPE", "REASON", "OBJECT", "MESSAGE"]
        .map(String::from)
        .to_vec()];
    rows.extend(events.iter().map(|(at, _, e)| {
        vec![
            crate::kubectl::seconds_label(*at),
            e.type_.as_str().to_owned(),
            e.reason.clone(),
            e.object.clone(),
            e.message.clone(),
        ]
    }));
    let mut out = crate::kubectl::table::tabwrite(&rows);
    let status = sim.status();
    let rfc = |s: Option<i64>| s.map_or_else(|| "<none>".to_owned(), crate::civil::format_rfc3339);
    out.push_str(&format!(
        "\ncronjob/{}: active {}, lastScheduleTime {}, lastSuccessfulTime {}\n",
        sim.spec().name,
        status.active.len(),
        rfc(status.last_schedule_unix_seconds),
        rfc(status.last_successful_unix_seconds)
    ));
    for c in sim.children() {
        let st = c.sim.status();
        let state = match (c.finished_condition(), c.deleted_ms()) {
            (_, Some(d)) => format!("deleted at {}", crate::kubectl::seconds_label(d)),
            (Some(f), None) => f.to_owned(),
            (None, None) => "Running".to_owned(),
        };
        out.push_str(&format!(
            "job/{}: created at {}, {state}; succeeded {}, failed {}, Pods {}\n",
            c.name,
            crate::kubectl::seconds_label(c.created_ms),
            st.succeeded,
            st.failed,
            c.sim.pods().len()
        ));
    }
    if let Some(m) = sim.stopped() {
        out.push_str(m);
        out.push('\n');
    }
    crate::escape::block(&out).into_owned()
}
