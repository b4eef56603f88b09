//! `joblab simulate --format json`: a snapshot as one JSON object, `{"job", "pods", "events",
//! "finishedAt"}`, every `at`/`…At` in seconds since the Job was created (or null). The CLI prints
//! it and the simulation differential (crates/oracle-diff) compares it with what the real
//! controllers do in the oracle's harness (`oracle simulate`), which prints the same shape.

use serde::Serialize;
use serde_json::Value;

use super::{Millis, Snapshot};
use crate::kubectl;

/// Seconds as a JSON number: an integer when whole, else a fraction.
pub(crate) fn secs(ms: Millis) -> Value {
    if ms.is_multiple_of(1000) {
        Value::from(ms / 1000)
    } else {
        serde_json::Number::from_f64(ms as f64 / 1000.0).map_or(Value::Null, Value::Number)
    }
}

fn opt_secs(ms: Option<Millis>) -> Value {
    ms.map_or(Value::Null, secs)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConditionJson {
    #[serde(rename = "type")]
    type_: String,
    status: String,
    reason: String,
    message: String,
    last_transition_at: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PodJson {
    name: String,
    index: Option<u32>,
    phase: &'static str,
    reason: Option<String>,
    exit_code: Option<i32>,
    restart_count: u32,
    created_at: Value,
    started_at: Value,
    finished_at: Value,
    deleted_at: Value,
    conditions: Vec<ConditionJson>,
}

#[derive(Serialize)]
struct EventJson {
    at: Value,
    #[serde(rename = "type")]
    type_: &'static str,
    reason: String,
    object: String,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    job: Value,
    pods: Vec<PodJson>,
    events: Vec<Value>,
    finished_at: Value,
}

/// Events as the JSON of `joblab simulate` lists them: `{"at", "type", "reason", "object",
/// "message"}`.
pub(crate) fn event_values(events: &[super::Event]) -> Vec<Value> {
    events
        .iter()
        .map(|e| {
            serde_json::to_value(EventJson {
                at: secs(e.at_ms),
                type_: e.type_.as_str(),
                reason: e.reason.clone(),
                object: e.object.clone(),
                message: e.message.clone(),
            })
            .unwrap_or(Value::Null)
        })
        .collect()
}

/// The snapshot as `joblab simulate --format json` prints it, pretty-printed with a final newline.
pub fn simulate_json(snap: &Snapshot) -> String {
    let out = Output {
        job: kubectl::job_value(snap),
        pods: snap
            .pods
            .iter()
            .map(|p| PodJson {
                name: p.name.clone(),
                index: p.index,
                phase: p.phase.as_str(),
                reason: p.reason.clone(),
                exit_code: p.exit_code,
                restart_count: p.restart_count,
                created_at: secs(p.created_ms),
                started_at: opt_secs(p.started_ms),
                finished_at: opt_secs(p.finished_ms),
                deleted_at: opt_secs(p.deleted_ms),
                conditions: p
                    .conditions
                    .iter()
                    .map(|c| ConditionJson {
                        type_: c.type_.clone(),
                        status: c.status.clone(),
                        reason: c.reason.clone(),
                        message: c.message.clone(),
                        last_transition_at: secs(c.last_transition_ms),
                    })
                    .collect(),
            })
            .collect(),
        events: event_values(&snap.events),
        finished_at: opt_secs(snap.status.finished_ms()),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
