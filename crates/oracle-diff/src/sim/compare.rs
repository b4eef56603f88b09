//! Joblab's simulation against the real controllers' run of the same Job and scenario.
//!
//! Both sides print the JSON of `joblab simulate --format json` (`{"job", "pods", "events",
//! "finishedAt"}`). Agreement means:
//!
//! - **status**: the same counts (active, ready, succeeded, failed, terminating),
//!   completedIndexes, failedIndexes, startTime and completionTime;
//! - **conditions**: the same conditions in the same order, each with its type, status,
//!   reason, message and lastTransitionTime;
//! - **pods**: the same number of Pods, and for each, in creation order, the same completion
//!   index, final phase, reason, exit code, restart count, DisruptionTarget condition, and the
//!   same creation, start, finish and deletion times;
//! - **events**: the same events (type, reason, object, message) at the same times, in order.
//!   Events of one instant are compared as a set: at one instant the controller's goroutines and
//!   the kubelet record concurrently, and nothing in Kubernetes orders them.
//!
//! Pod names are compared through their creation position (`pod#3`), because the real
//! controller creates the Pods of one sync from parallel goroutines and the API server draws
//! each name at random.

use std::collections::BTreeMap;

use serde_json::Value as J;

/// One disagreement: its category and what differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimDifference {
    /// One of [`CATEGORIES`].
    pub category: &'static str,
    /// What differs, Joblab's value first.
    pub detail: String,
}

/// Every category, in report order.
pub const CATEGORIES: &[&str] = &[
    "status",
    "conditions",
    "pods",
    "events",
    "cronjob",
    "jobs",
    "cronjob events",
];

/// Pod name → `pod#N` by creation position, for one side; and the Job's UID (whose first 23
/// characters prefix every Pod UID in the kubelet's messages) → `<job-uid>`, since each side
/// makes up its own.
fn name_map(result: &J) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = result["pods"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, p)| {
            p["name"]
                .as_str()
                .map(|n| (n.to_owned(), format!("pod#{i}")))
        })
        .collect();
    if let Some(prefix) = result["job"]["metadata"]["uid"]
        .as_str()
        .and_then(|u| u.get(..23))
    {
        map.insert(prefix.to_owned(), "<job-uid>".to_owned());
    }
    map
}

fn normalise(text: &str, names: &BTreeMap<String, String>) -> String {
    // Longest names first, so that no name is replaced inside a longer one.
    let mut keys: Vec<&String> = names.keys().collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let mut out = text.to_owned();
    for k in keys {
        if out.contains(k.as_str()) {
            out = out.replace(k.as_str(), &names[k]);
        }
    }
    out
}

fn count(status: &J, field: &str) -> i64 {
    status.get(field).and_then(J::as_i64).unwrap_or(0)
}

/// A string field that may be absent.
fn text(v: &J, field: &str) -> Option<String> {
    v.get(field).and_then(J::as_str).map(str::to_owned)
}

/// Compares Joblab's result with the oracle's.
pub fn compare_sim(joblab: &J, oracle: &J) -> Vec<SimDifference> {
    let mut out = Vec::new();
    let mut diff = |category: &'static str, what: &str, a: String, b: String| {
        if a != b {
            out.push(SimDifference {
                category,
                detail: format!("{what}: Joblab {a}, oracle {b}"),
            });
        }
    };
    let js = &joblab["job"]["status"];
    let os = &oracle["job"]["status"];
    for f in ["active", "ready", "succeeded", "failed", "terminating"] {
        diff(
            "status",
            f,
            count(js, f).to_string(),
            count(os, f).to_string(),
        );
    }
    for f in [
        "completedIndexes",
        "failedIndexes",
        "startTime",
        "completionTime",
    ] {
        diff(
            "status",
            f,
            format!("{:?}", text(js, f)),
            format!("{:?}", text(os, f)),
        );
    }
    let conditions = |s: &J| -> Vec<String> {
        s["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                format!(
                    "{}={} {} {:?} at {}",
                    c["type"].as_str().unwrap_or(""),
                    c["status"].as_str().unwrap_or(""),
                    c["reason"].as_str().unwrap_or(""),
                    c["message"].as_str().unwrap_or(""),
                    c["lastTransitionTime"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    diff(
        "conditions",
        "conditions",
        format!("{:?}", conditions(js)),
        format!("{:?}", conditions(os)),
    );

    let jn = name_map(joblab);
    let on = name_map(oracle);
    let pods = |r: &J, names: &BTreeMap<String, String>| -> Vec<String> {
        r["pods"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                let mut p = p.clone();
                if let Some(o) = p.as_object_mut() {
                    if let Some(n) = o.get("name").and_then(J::as_str) {
                        let n = normalise(n, names);
                        o.insert("name".into(), J::String(n));
                    }
                }
                p.to_string()
            })
            .collect()
    };
    let (jp, op) = (pods(joblab, &jn), pods(oracle, &on));
    if jp.len() != op.len() {
        diff(
            "pods",
            "pods created",
            jp.len().to_string(),
            op.len().to_string(),
        );
    }
    for (a, b) in jp.iter().zip(&op) {
        diff("pods", "pod", a.clone(), b.clone());
    }

    let events = |r: &J, names: &BTreeMap<String, String>| -> BTreeMap<String, Vec<String>> {
        let mut by_time: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in r["events"].as_array().into_iter().flatten() {
            let at = e["at"].as_f64().unwrap_or(-1.0);
            let line = format!(
                "{} {} {} {}",
                e["type"].as_str().unwrap_or(""),
                e["reason"].as_str().unwrap_or(""),
                normalise(e["object"].as_str().unwrap_or(""), names),
                normalise(e["message"].as_str().unwrap_or(""), names)
            );
            by_time.entry(format!("{at:>12.3}")).or_default().push(line);
        }
        for v in by_time.values_mut() {
            v.sort();
        }
        by_time
    };
    let (je, oe) = (events(joblab, &jn), events(oracle, &on));
    if je != oe {
        let times: std::collections::BTreeSet<&String> = je.keys().chain(oe.keys()).collect();
        for t in times {
            let a = je.get(t).cloned().unwrap_or_default();
            let b = oe.get(t).cloned().unwrap_or_default();
            if a != b {
                diff(
                    "events",
                    &format!("events at {}", t.trim()),
                    format!("{a:?}"),
                    format!("{b:?}"),
                );
            }
        }
    }
    diff(
        "status",
        "finishedAt",
        joblab["finishedAt"].to_string(),
        oracle["finishedAt"].to_string(),
    );
    out
}
