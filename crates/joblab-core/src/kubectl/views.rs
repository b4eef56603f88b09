//! kubectl's views of an [`ApiSnapshot`], read from the API objects as kubectl reads them.
//!
//! Each function follows one piece of kubectl or the API server: k/k
//! `pkg/printers/internalversion/printers.go` (`printJob`, `printPod`, `printEvent`) for the
//! tables the server sends `kubectl get`, cli-runtime `printers/tableprinter.go` for how kubectl
//! prints them, and k8s.io/kubectl `pkg/describe/describe.go` (`describeJob`, `describePod`,
//! `DescribePodTemplate`, `describeContainers`, `DescribeEvents`) for `describe`. `oracle
//! kubectl` runs that code on the same objects, and the differential holds these to its bytes.

use serde_json::{Map, Value};

use super::objects::{at, str_at, ApiSnapshot};
use super::table::go_tabwriter;
use crate::sim::model::Millis;

/// One command's output and whether kubectl writes it to standard error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewOutput {
    /// The text, newline-terminated.
    pub text: String,
    /// Standard error (NotFound, "No resources found").
    pub stderr: bool,
}

impl ViewOutput {
    pub(super) fn out(text: String) -> ViewOutput {
        ViewOutput {
            text,
            stderr: false,
        }
    }

    pub(super) fn err(text: String) -> ViewOutput {
        ViewOutput { text, stderr: true }
    }
}

/// Seconds since the Unix epoch of an RFC 3339 time of the API, in milliseconds.
pub(super) fn time_ms(v: &Value) -> Option<i128> {
    let s = v.as_str()?;
    let secs = crate::civil::parse_rfc3339(s)?;
    Some(i128::from(secs) * 1000)
}

/// The snapshot's clock in Unix milliseconds.
fn now_unix_ms(snap: &ApiSnapshot) -> i128 {
    snap.now_unix_ms()
}

/// `translateTimestampSince`: `<unknown>` for a zero or absent time, else the human duration
/// since it.
pub(super) fn since(snap: &ApiSnapshot, t: Option<&Value>) -> String {
    match t.and_then(time_ms) {
        None => "<unknown>".into(),
        Some(ms) => human_duration_signed(now_unix_ms(snap) - ms),
    }
}

/// `duration.HumanDuration` of a signed number of milliseconds: it reads whole seconds
/// truncated toward zero, and tolerates up to a second in the future.
pub fn human_duration_signed(ms: i128) -> String {
    let secs = ms / 1000; // truncates toward zero, as int(d.Seconds()) does
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    let ms = Millis::try_from(ms.max(0)).unwrap_or(Millis::MAX);
    super::human_duration(ms)
}

/// `time.RFC1123Z` of an API time, in UTC (the oracle's and the lab's zone).
pub(super) fn rfc1123z(v: Option<&Value>) -> String {
    let secs = v
        .and_then(Value::as_str)
        .and_then(crate::civil::parse_rfc3339)
        // Go's zero time, which describe prints for an unset time of a non-pointer field.
        .unwrap_or(-62_135_596_800);
    crate::civil::format_rfc1123z(secs)
}

fn i64_at(v: &Value, path: &[&str]) -> i64 {
    at(v, path).and_then(Value::as_i64).unwrap_or(0)
}

pub(super) fn arr<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    at(v, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub(super) fn obj<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Map<String, Value>> {
    at(v, path).and_then(Value::as_object)
}

/// A column of a server-side table: its name and whether only `-o wide` shows it.
pub(super) type Column = (&'static str, bool);

/// cli-runtime's `printTable` for a server Table, through the tabwriter `kubectl get` uses
/// (minimum width 6, padding 3): headers upper-cased and padded to the widest cell (in bytes),
/// a cell cut at its first line break with `...`, no output at all for no rows.
pub(super) fn print_table(columns: &[Column], rows: &[Vec<String>], wide: bool) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let visible: Vec<usize> = (0..columns.len())
        .filter(|&i| wide || !columns.get(i).is_some_and(|c| c.1))
        .collect();
    let last = visible.last().copied().unwrap_or(0);
    let mut max = vec![0usize; columns.len()];
    for r in rows {
        for &i in &visible {
            if let (Some(m), Some(c)) = (max.get_mut(i), r.get(i)) {
                *m = (*m).max(c.len());
            }
        }
    }
    let mut text = String::new();
    let header: Vec<String> = visible
        .iter()
        .map(|&i| {
            let name = columns.get(i).map_or("", |c| c.0).to_uppercase();
            let pad = if i == last {
                0
            } else {
                max.get(i).copied().unwrap_or(0).saturating_sub(name.len())
            };
            format!("{name}{}", " ".repeat(pad))
        })
        .collect();
    text.push_str(&header.join("\t"));
    text.push('\n');
    for r in rows {
        let cells: Vec<String> = visible
            .iter()
            .map(|&i| {
                let c = r.get(i).map_or("", String::as_str);
                match c.find(['\x0c', '\n', '\r']) {
                    Some(b) => format!("{}...", c.get(..b).unwrap_or("")),
                    None => c.to_string(),
                }
            })
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    go_tabwriter(&text, 6, 3)
}

fn no_resources(snap: &ApiSnapshot) -> ViewOutput {
    ViewOutput::err(format!(
        "No resources found in {} namespace.\n",
        snap.namespace
    ))
}

/// What `kubectl get` prints for a table: the table, or "No resources found" when empty.
pub(super) fn get_output(snap: &ApiSnapshot, text: String) -> ViewOutput {
    if text.is_empty() {
        no_resources(snap)
    } else {
        ViewOutput::out(text)
    }
}

fn has_condition(job: &Value, type_: &str) -> bool {
    arr(job, &["status", "conditions"])
        .iter()
        .any(|c| str_at(c, &["type"]) == type_ && str_at(c, &["status"]) == "True")
}

/// printJob's STATUS: the first that applies of Complete, Failed, Terminating, Suspended,
/// FailureTarget, SuccessCriteriaMet, Running.
pub fn job_status(job: &Value) -> &'static str {
    if has_condition(job, "Complete") {
        "Complete"
    } else if has_condition(job, "Failed") {
        "Failed"
    } else if at(job, &["metadata", "deletionTimestamp"]).is_some_and(|v| !v.is_null()) {
        "Terminating"
    } else if has_condition(job, "Suspended") {
        "Suspended"
    } else if has_condition(job, "FailureTarget") {
        "FailureTarget"
    } else if has_condition(job, "SuccessCriteriaMet") {
        "SuccessCriteriaMet"
    } else {
        "Running"
    }
}

/// `layoutContainerCells`: container names and images, comma-separated.
pub(super) fn container_cells(spec: &Value) -> (String, String) {
    let cs = arr(spec, &["containers"]);
    let names: Vec<&str> = cs.iter().map(|c| str_at(c, &["name"])).collect();
    let images: Vec<&str> = cs.iter().map(|c| str_at(c, &["image"])).collect();
    (names.join(","), images.join(","))
}

/// `metav1.FormatLabelSelector`.
pub(super) fn format_label_selector(sel: Option<&Value>) -> String {
    let Some(sel) = sel.filter(|s| !s.is_null()) else {
        return "<none>".into();
    };
    let mut reqs: Vec<String> = Vec::new();
    if let Some(m) = obj(sel, &["matchLabels"]) {
        for (k, v) in m {
            reqs.push(format!("{k}={}", v.as_str().unwrap_or("")));
        }
    }
    for e in arr(sel, &["matchExpressions"]) {
        let key = str_at(e, &["key"]);
        let values: Vec<&str> = arr(e, &["values"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut sorted = values.clone();
        sorted.sort_unstable();
        match str_at(e, &["operator"]) {
            "In" => reqs.push(format!("{key} in ({})", sorted.join(","))),
            "NotIn" => reqs.push(format!("{key} notin ({})", sorted.join(","))),
            "Exists" => reqs.push(key.to_string()),
            "DoesNotExist" => reqs.push(format!("!{key}")),
            _ => {}
        }
    }
    // labels.Selector.String sorts its requirements by key.
    reqs.sort_by(|a, b| req_key(a).cmp(req_key(b)));
    let s = reqs.join(",");
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

fn req_key(r: &str) -> &str {
    let r = r.strip_prefix('!').unwrap_or(r);
    let end = r.find(['=', ' ', '!']).unwrap_or(r.len());
    r.get(..end).unwrap_or(r)
}

/// `kubectl get jobs [-o wide]`.
pub fn get_jobs(snap: &ApiSnapshot, wide: bool) -> ViewOutput {
    const COLUMNS: &[Column] = &[
        ("Name", false),
        ("Status", false),
        ("Completions", false),
        ("Duration", false),
        ("Age", false),
        ("Containers", true),
        ("Images", true),
        ("Selector", true),
    ];
    let mut rows = Vec::new();
    for job in &snap.jobs {
        let succeeded = i64_at(job, &["status", "succeeded"]);
        let completions = match at(job, &["spec", "completions"]).and_then(Value::as_i64) {
            Some(c) => format!("{succeeded}/{c}"),
            None => {
                let p = i64_at(job, &["spec", "parallelism"]);
                if p > 1 {
                    format!("{succeeded}/1 of {p}")
                } else {
                    format!("{succeeded}/1")
                }
            }
        };
        let start = at(job, &["status", "startTime"]).and_then(time_ms);
        let completion = at(job, &["status", "completionTime"]).and_then(time_ms);
        let duration = match (start, completion) {
            (None, _) => String::new(),
            (Some(s), None) => human_duration_signed(now_unix_ms(snap) - s),
            (Some(s), Some(c)) => human_duration_signed(c - s),
        };
        let (names, images) =
            container_cells(at(job, &["spec", "template", "spec"]).unwrap_or(&Value::Null));
        rows.push(vec![
            str_at(job, &["metadata", "name"]).to_string(),
            job_status(job).into(),
            completions,
            duration,
            since(snap, at(job, &["metadata", "creationTimestamp"])),
            names,
            images,
            format_label_selector(at(job, &["spec", "selector"])),
        ]);
    }
    get_output(snap, print_table(COLUMNS, &rows, wide))
}

/// Whether a label map satisfies an equality-based selector (`a=b,c!=d,e,!f`); `None` when the
/// selector does not parse.
pub fn selector_matches(selector: &str, labels: &Map<String, Value>) -> Option<bool> {
    let mut ok = true;
    for part in selector.split(',') {
        let part = part.trim();
        let label = |k: &str| labels.get(k.trim()).and_then(Value::as_str);
        let m = if let Some((k, v)) = part.split_once("!=") {
            label(k) != Some(v.trim())
        } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            label(k) == Some(v.trim())
        } else if let Some(k) = part.strip_prefix('!') {
            label(k).is_none()
        } else if part.is_empty() || part.contains([' ', '(']) {
            return None;
        } else {
            label(part).is_some()
        };
        ok &= m;
    }
    Some(ok)
}

fn is_restartable_init(c: Option<&Value>) -> bool {
    c.is_some_and(|c| str_at(c, &["restartPolicy"]) == "Always")
}

/// printPod's row: NAME, READY, STATUS, RESTARTS, AGE, IP, NODE, NOMINATED NODE, READINESS GATES.
fn pod_row(snap: &ApiSnapshot, pod: &Value) -> Vec<String> {
    let spec = at(pod, &["spec"]).unwrap_or(&Value::Null);
    let status = at(pod, &["status"]).unwrap_or(&Value::Null);
    let mut restarts: i64 = 0;
    let mut restartable_restarts: i64 = 0;
    let mut total = arr(spec, &["containers"]).len();
    let mut ready = 0usize;
    let mut last_restart: Option<i128> = None;
    let mut last_restartable: Option<i128> = None;
    let phase = str_at(status, &["phase"]);
    let mut reason = if str_at(status, &["reason"]).is_empty() {
        phase.to_string()
    } else {
        str_at(status, &["reason"]).to_string()
    };
    let conditions = arr(status, &["conditions"]);
    if conditions.iter().any(|c| {
        str_at(c, &["type"]) == "PodScheduled" && str_at(c, &["reason"]) == "SchedulingGated"
    }) {
        reason = "SchedulingGated".into();
    }
    let inits = arr(spec, &["initContainers"]);
    let init_by_name = |name: &str| inits.iter().find(|c| str_at(c, &["name"]) == name);
    total += inits
        .iter()
        .filter(|c| is_restartable_init(Some(c)))
        .count();
    let later = |a: Option<i128>, b: Option<i128>| match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    };
    let mut initializing = false;
    for (i, cs) in arr(status, &["initContainerStatuses"]).iter().enumerate() {
        restarts += i64_at(cs, &["restartCount"]);
        let finished = at(cs, &["lastState", "terminated", "finishedAt"]).and_then(time_ms);
        last_restart = later(last_restart, finished);
        let restartable = is_restartable_init(init_by_name(str_at(cs, &["name"])));
        if restartable {
            restartable_restarts += i64_at(cs, &["restartCount"]);
            last_restartable = later(last_restartable, finished);
        }
        let term = obj(cs, &["state", "terminated"]);
        let waiting_reason = str_at(cs, &["state", "waiting", "reason"]);
        if term.is_some() && i64_at(cs, &["state", "terminated", "exitCode"]) == 0 {
            continue;
        }
        if restartable && at(cs, &["started"]).and_then(Value::as_bool) == Some(true) {
            if at(cs, &["ready"]).and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        }
        if term.is_some() {
            let r = str_at(cs, &["state", "terminated", "reason"]);
            reason = if r.is_empty() {
                let signal = i64_at(cs, &["state", "terminated", "signal"]);
                if signal != 0 {
                    format!("Init:Signal:{signal}")
                } else {
                    format!(
                        "Init:ExitCode:{}",
                        i64_at(cs, &["state", "terminated", "exitCode"])
                    )
                }
            } else {
                format!("Init:{r}")
            };
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            reason = format!("Init:{waiting_reason}");
        } else {
            reason = format!("Init:{i}/{}", inits.len());
        }
        initializing = true;
        break;
    }
    let initialized = conditions
        .iter()
        .any(|c| str_at(c, &["type"]) == "Initialized" && str_at(c, &["status"]) == "True");
    if !initializing || initialized {
        restarts = restartable_restarts;
        last_restart = last_restartable;
        let mut has_running = false;
        let mut error_reason = String::new();
        for cs in arr(status, &["containerStatuses"]).iter().rev() {
            restarts += i64_at(cs, &["restartCount"]);
            let finished = at(cs, &["lastState", "terminated", "finishedAt"]).and_then(time_ms);
            last_restart = later(last_restart, finished);
            let waiting_reason = str_at(cs, &["state", "waiting", "reason"]);
            if obj(cs, &["state", "waiting"]).is_some() && !waiting_reason.is_empty() {
                reason = waiting_reason.to_string();
            } else if obj(cs, &["state", "terminated"]).is_some() {
                let r = str_at(cs, &["state", "terminated", "reason"]);
                let code = i64_at(cs, &["state", "terminated", "exitCode"]);
                reason = if !r.is_empty() {
                    r.to_string()
                } else {
                    let signal = i64_at(cs, &["state", "terminated", "signal"]);
                    if signal != 0 {
                        format!("Signal:{signal}")
                    } else {
                        format!("ExitCode:{code}")
                    }
                };
                if code != 0 {
                    error_reason = reason.clone();
                }
            } else if at(cs, &["ready"]).and_then(Value::as_bool) == Some(true)
                && obj(cs, &["state", "running"]).is_some()
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" {
            let ready_condition = conditions
                .iter()
                .any(|c| str_at(c, &["type"]) == "Ready" && str_at(c, &["status"]) == "True");
            if has_running && ready_condition {
                reason = "Running".into();
            } else if !error_reason.is_empty() {
                reason = error_reason;
            } else if has_running {
                reason = "NotReady".into();
            }
        }
    }
    let deleting = at(pod, &["metadata", "deletionTimestamp"]).is_some_and(|v| !v.is_null());
    if deleting && str_at(status, &["reason"]) == "NodeLost" {
        reason = "Unknown".into();
    } else if deleting && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".into();
    }
    let restarts_cell = match last_restart {
        Some(t) if restarts != 0 => format!(
            "{restarts} ({} ago)",
            human_duration_signed(now_unix_ms(snap) - t)
        ),
        _ => restarts.to_string(),
    };
    let or_none = |s: &str| {
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s.to_string()
        }
    };
    let gates = arr(spec, &["readinessGates"]);
    let gates_cell = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let t = gates
            .iter()
            .filter(|g| {
                conditions
                    .iter()
                    .find(|c| str_at(c, &["type"]) == str_at(g, &["conditionType"]))
                    .is_some_and(|c| str_at(c, &["status"]) == "True")
            })
            .count();
        format!("{t}/{}", gates.len())
    };
    vec![
        str_at(pod, &["metadata", "name"]).to_string(),
        format!("{ready}/{total}"),
        reason,
        restarts_cell,
        since(snap, at(pod, &["metadata", "creationTimestamp"])),
        or_none(
            arr(status, &["podIPs"])
                .first()
                .map_or("", |ip| str_at(ip, &["ip"])),
        ),
        or_none(str_at(spec, &["nodeName"])),
        or_none(str_at(status, &["nominatedNodeName"])),
        gates_cell,
    ]
}

/// `kubectl get pods [-l SELECTOR] [-o wide]`; `None` for a selector this terminal cannot read.
pub fn get_pods(snap: &ApiSnapshot, selector: Option<&str>, wide: bool) -> Option<ViewOutput> {
    get_pods_from(snap, &snap.pods, selector, wide)
}

/// [`get_pods`] over Pods given apart from the snapshot, one at a time (a listing of many Pods
/// builds each object only for its row).
pub fn get_pods_from<P: std::borrow::Borrow<Value>>(
    snap: &ApiSnapshot,
    pods: impl IntoIterator<Item = P>,
    selector: Option<&str>,
    wide: bool,
) -> Option<ViewOutput> {
    const COLUMNS: &[Column] = &[
        ("Name", false),
        ("Ready", false),
        ("Status", false),
        ("Restarts", false),
        ("Age", false),
        ("IP", true),
        ("Node", true),
        ("Nominated Node", true),
        ("Readiness Gates", true),
    ];
    let mut rows = Vec::new();
    let empty = Map::new();
    for pod in pods {
        let pod = pod.borrow();
        if let Some(sel) = selector {
            let labels = obj(pod, &["metadata", "labels"]).unwrap_or(&empty);
            if !selector_matches(sel, labels)? {
                continue;
            }
        }
        rows.push(pod_row(snap, pod));
    }
    Some(get_output(snap, print_table(COLUMNS, &rows, wide)))
}

/// `kubectl get events`.
pub fn get_events(snap: &ApiSnapshot) -> ViewOutput {
    const COLUMNS: &[Column] = &[
        ("Last Seen", false),
        ("Type", false),
        ("Reason", false),
        ("Object", false),
        ("Subobject", true),
        ("Source", true),
        ("Message", false),
        ("First Seen", true),
        ("Count", true),
        ("Name", true),
    ];
    let rows: Vec<Vec<String>> = snap
        .events
        .iter()
        .map(|e| {
            let first = if at(e, &["firstTimestamp"]).and_then(time_ms).is_some() {
                since(snap, at(e, &["firstTimestamp"]))
            } else {
                since(snap, at(e, &["eventTime"]))
            };
            let last = if at(e, &["lastTimestamp"]).and_then(time_ms).is_some() {
                since(snap, at(e, &["lastTimestamp"]))
            } else {
                first.clone()
            };
            let kind = str_at(e, &["involvedObject", "kind"]).to_lowercase();
            let name = str_at(e, &["involvedObject", "name"]);
            let target = if name.is_empty() {
                kind
            } else {
                format!("{kind}/{name}")
            };
            let count = i64_at(e, &["count"]).max(1);
            vec![
                last,
                str_at(e, &["type"]).to_string(),
                str_at(e, &["reason"]).to_string(),
                target,
                str_at(e, &["involvedObject", "fieldPath"]).to_string(),
                event_source(e),
                str_at(e, &["message"]).trim().to_string(),
                first,
                count.to_string(),
                str_at(e, &["metadata", "name"]).to_string(),
            ]
        })
        .collect();
    get_output(snap, print_table(COLUMNS, &rows, false))
}

fn event_source(e: &Value) -> String {
    let first = |a: &str, b: &str| {
        let a = str_at(e, &["source", a]);
        if a.is_empty() {
            str_at(e, &[b]).to_string()
        } else {
            a.to_string()
        }
    };
    let component = first("component", "reportingComponent");
    let host = first("host", "reportingInstance");
    if host.is_empty() {
        component
    } else {
        format!("{component}, {host}")
    }
}

/// describe's PrefixWriter: each write indented two spaces per level.
pub(super) struct Prefix(pub(super) String);

impl Prefix {
    pub(super) fn w(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.0.push_str("  ");
        }
        self.0.push_str(text);
    }
}

fn str_map(m: Option<&Map<String, Value>>) -> Vec<(&str, &str)> {
    // serde_json keeps objects sorted by key, as describe sorts them.
    m.map(|m| {
        m.iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
            .collect()
    })
    .unwrap_or_default()
}

/// `printLabelsMultiline`.
pub(super) fn labels_multiline(w: &mut Prefix, title: &str, labels: Option<&Map<String, Value>>) {
    w.w(0, &format!("{title}:\t"));
    let kv = str_map(labels);
    if kv.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    for (i, (k, v)) in kv.iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        w.w(0, &format!("{k}={v}\n"));
    }
}

/// `printAnnotationsMultiline`: long or multi-line values on their own lines, cut at 138.
pub(super) fn annotations_multiline(
    w: &mut Prefix,
    title: &str,
    annotations: Option<&Map<String, Value>>,
) {
    w.w(0, &format!("{title}:\t"));
    let kv: Vec<(&str, &str)> = str_map(annotations)
        .into_iter()
        .filter(|(k, _)| *k != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if kv.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    for (i, (k, v)) in kv.iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > 140 || value.contains('\n') {
            w.w(0, &format!("{k}:\n"));
            for s in value.split('\n') {
                let short = if s.len() > 138 {
                    format!("{}...", byte_prefix(s, 138))
                } else {
                    s.to_string()
                };
                w.w(0, &format!("\t  {short}\n"));
            }
        } else {
            w.w(0, &format!("{k}: {value}\n"));
        }
    }
}

/// The first `n` bytes of `s` (Go slices strings by bytes); cut back to a character boundary.
fn byte_prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s.get(..n).unwrap_or(s)
}

/// `printPodTolerationsMultiline`.
fn tolerations_multiline(w: &mut Prefix, title: &str, tolerations: &[Value]) {
    w.w(0, &format!("{title}:\t"));
    if tolerations.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    let mut ts: Vec<&Value> = tolerations.iter().collect();
    ts.sort_by(|a, b| str_at(a, &["key"]).cmp(str_at(b, &["key"])));
    for (i, t) in ts.iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        let (key, value, effect) = (
            str_at(t, &["key"]),
            str_at(t, &["value"]),
            str_at(t, &["effect"]),
        );
        let mut s = key.to_string();
        if !value.is_empty() {
            s.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            s.push_str(&format!(":{effect}"));
        }
        if str_at(t, &["operator"]) == "Exists" && value.is_empty() {
            s.push_str(if !key.is_empty() || !effect.is_empty() {
                " op=Exists"
            } else {
                "op=Exists"
            });
        }
        if let Some(secs) = at(t, &["tolerationSeconds"]).and_then(Value::as_i64) {
            s.push_str(&format!(" for {secs}s"));
        }
        w.w(0, &format!("{s}\n"));
    }
}

/// A quantity as `Quantity.String()` prints it: its canonical form.
fn quantity_string(v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    crate::validate::quantity::parse(&text).map_or(text, |q| q.canonical())
}

/// `describeResources`.
fn describe_resources(w: &mut Prefix, resources: Option<&Value>, level: usize) {
    let Some(r) = resources else { return };
    for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
        let Some(m) = obj(r, &[key]).filter(|m| !m.is_empty()) else {
            continue;
        };
        w.w(level, &format!("{title}:\n"));
        for (name, q) in m {
            w.w(level + 1, &format!("{name}:\t{}\n", quantity_string(q)));
        }
    }
}

/// describeContainers' state lines for one status (`describeStatus`).
fn describe_status(w: &mut Prefix, name: &str, state: Option<&Value>) {
    let state = state.unwrap_or(&Value::Null);
    if let Some(r) = obj(state, &["running"]) {
        w.w(2, &format!("{name}:\tRunning\n"));
        w.w(3, &format!("Started:\t{}\n", rfc1123z(r.get("startedAt"))));
    } else if let Some(wt) = obj(state, &["waiting"]) {
        w.w(2, &format!("{name}:\tWaiting\n"));
        let reason = wt.get("reason").and_then(Value::as_str).unwrap_or("");
        if !reason.is_empty() {
            w.w(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = obj(state, &["terminated"]) {
        let s = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("");
        w.w(2, &format!("{name}:\tTerminated\n"));
        if !s("reason").is_empty() {
            w.w(3, &format!("Reason:\t{}\n", s("reason")));
        }
        if !s("message").is_empty() {
            w.w(3, &format!("Message:\t{}\n", s("message")));
        }
        let code = t.get("exitCode").and_then(Value::as_i64).unwrap_or(0);
        w.w(3, &format!("Exit Code:\t{code}\n"));
        let signal = t.get("signal").and_then(Value::as_i64).unwrap_or(0);
        if signal > 0 {
            w.w(3, &format!("Signal:\t{signal}\n"));
        }
        w.w(3, &format!("Started:\t{}\n", rfc1123z(t.get("startedAt"))));
        w.w(
            3,
            &format!("Finished:\t{}\n", rfc1123z(t.get("finishedAt"))),
        );
    } else {
        w.w(2, &format!("{name}:\tWaiting\n"));
    }
}

/// The value of a `fieldRef` environment variable in a Pod (`EnvValueRetriever`): kubectl's
/// client scheme registers no field-label conversion for Pods, so `ConvertFieldLabel` accepts only
/// the default pair, `metadata.name` and `metadata.namespace`; any other path shows as empty.
fn field_ref_value(pod: &Value, path: &str) -> String {
    match path {
        "metadata.name" => str_at(pod, &["metadata", "name"]).to_string(),
        "metadata.namespace" => str_at(pod, &["metadata", "namespace"]).to_string(),
        _ => String::new(),
    }
}

/// `describeContainers`: one block per container, with its status when the Pod has one.
fn describe_containers(
    w: &mut Prefix,
    label: &str,
    containers: &[Value],
    statuses: &[Value],
    pod: Option<&Value>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.w(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let name = str_at(c, &["name"]);
        let status = statuses.iter().find(|s| str_at(s, &["name"]) == name);
        w.w(1, &format!("{name_indent}{name}:\n"));
        if let Some(s) = status {
            w.w(
                2,
                &format!("Container ID:\t{}\n", str_at(s, &["containerID"])),
            );
        }
        w.w(2, &format!("Image:\t{}\n", str_at(c, &["image"])));
        if let Some(s) = status {
            w.w(2, &format!("Image ID:\t{}\n", str_at(s, &["imageID"])));
        }
        let ports = arr(c, &["ports"]);
        let port_str = |host: bool| {
            ports
                .iter()
                .map(|p| {
                    let n = i64_at(p, &[if host { "hostPort" } else { "containerPort" }]);
                    let mut s = format!("{n}/{}", str_at(p, &["protocol"]));
                    let pn = str_at(p, &["name"]);
                    if !pn.is_empty() {
                        s = format!("{s} ({pn})");
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (single, plural, s) in [
            ("Port", "Ports", port_str(false)),
            ("Host Port", "Host Ports", port_str(true)),
        ] {
            if s.contains(',') {
                w.w(2, &format!("{plural}:\t{s}\n"));
            } else {
                let s = if s.is_empty() { "<none>".into() } else { s };
                w.w(2, &format!("{single}:\t{s}\n"));
            }
        }
        if let Some(sp) = obj(c, &["securityContext", "seccompProfile"]) {
            let t = sp.get("type").and_then(Value::as_str).unwrap_or("");
            w.w(2, &format!("SeccompProfile:\t{t}\n"));
            if t == "Localhost" {
                let lp = sp
                    .get("localhostProfile")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                w.w(3, &format!("LocalhostProfile:\t{lp}\n"));
            }
        }
        for (title, key) in [("Command", "command"), ("Args", "args")] {
            let items = arr(c, &[key]);
            if !items.is_empty() {
                w.w(2, &format!("{title}:\n"));
                for item in items {
                    for s in item.as_str().unwrap_or("").split('\n') {
                        w.w(3, &format!("{s}\n"));
                    }
                }
            }
        }
        if let Some(s) = status {
            describe_status(w, "State", at(s, &["state"]));
            if obj(s, &["lastState", "terminated"]).is_some() {
                describe_status(w, "Last State", at(s, &["lastState"]));
            }
            let ready = at(s, &["ready"]).and_then(Value::as_bool) == Some(true);
            w.w(
                2,
                &format!("Ready:\t{}\n", if ready { "True" } else { "False" }),
            );
            w.w(
                2,
                &format!("Restart Count:\t{}\n", i64_at(s, &["restartCount"])),
            );
        }
        describe_resources(w, at(c, &["resources"]), 2);
        for (title, key) in [
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ] {
            if let Some(p) = at(c, &[key]).filter(|p| !p.is_null()) {
                w.w(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        let env_from = arr(c, &["envFrom"]);
        if !env_from.is_empty() {
            w.w(2, "Environment Variables from:\n");
            for e in env_from {
                let (from, r) = if let Some(r) = obj(e, &["configMapRef"]) {
                    ("ConfigMap", Some(r))
                } else if let Some(r) = obj(e, &["secretRef"]) {
                    ("Secret", Some(r))
                } else {
                    ("", None)
                };
                let name = r
                    .and_then(|r| r.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let optional =
                    r.and_then(|r| r.get("optional")).and_then(Value::as_bool) == Some(true);
                let prefix = str_at(e, &["prefix"]);
                if prefix.is_empty() {
                    w.w(3, &format!("{name}\t{from}\tOptional: {optional}\n"));
                } else {
                    w.w(
                        3,
                        &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
                    );
                }
            }
        }
        let env = arr(c, &["env"]);
        let none = if env.is_empty() { "\t<none>" } else { "" };
        w.w(2, &format!("Environment:{none}\n"));
        for e in env {
            let name = str_at(e, &["name"]);
            let Some(from) = obj(e, &["valueFrom"]) else {
                for (i, s) in str_at(e, &["value"]).split('\n').enumerate() {
                    if i == 0 {
                        w.w(3, &format!("{name}:\t{s}\n"));
                    } else {
                        w.w(3, &format!("\t{s}\n"));
                    }
                }
                continue;
            };
            let from = Value::Object(from.clone());
            if let Some(f) = obj(&from, &["fieldRef"]) {
                let path = f.get("fieldPath").and_then(Value::as_str).unwrap_or("");
                let api = f.get("apiVersion").and_then(Value::as_str).unwrap_or("");
                // EnvValueRetriever: a fieldRef without a known apiVersion resolves to nothing.
                let value = pod
                    .filter(|_| api == "v1")
                    .map(|p| field_ref_value(p, path))
                    .unwrap_or_default();
                w.w(3, &format!("{name}:\t{value} ({api}:{path})\n"));
            } else if let Some(r) = obj(&from, &["secretKeyRef"]) {
                let opt = r.get("optional").and_then(Value::as_bool) == Some(true);
                let (k, n) = (
                    r.get("key").and_then(Value::as_str).unwrap_or(""),
                    r.get("name").and_then(Value::as_str).unwrap_or(""),
                );
                w.w(
                    3,
                    &format!("{name}:\t<set to the key '{k}' in secret '{n}'>\tOptional: {opt}\n"),
                );
            } else if let Some(r) = obj(&from, &["configMapKeyRef"]) {
                let opt = r.get("optional").and_then(Value::as_bool) == Some(true);
                let (k, n) = (
                    r.get("key").and_then(Value::as_str).unwrap_or(""),
                    r.get("name").and_then(Value::as_str).unwrap_or(""),
                );
                w.w(
                    3,
                    &format!(
                        "{name}:\t<set to the key '{k}' of config map '{n}'>\tOptional: {opt}\n"
                    ),
                );
            }
        }
        let mut mounts: Vec<&Value> = arr(c, &["volumeMounts"]).iter().collect();
        let none = if mounts.is_empty() { "\t<none>" } else { "" };
        w.w(2, &format!("Mounts:{none}\n"));
        mounts.sort_by(|a, b| str_at(a, &["mountPath"]).cmp(str_at(b, &["mountPath"])));
        for m in mounts {
            let mut flags = vec![
                if at(m, &["readOnly"]).and_then(Value::as_bool) == Some(true) {
                    "ro".to_string()
                } else {
                    "rw".to_string()
                },
            ];
            let sub = str_at(m, &["subPath"]);
            if !sub.is_empty() {
                flags.push(format!("path={}", crate::validate::quote::go_quote(sub)));
            }
            w.w(
                3,
                &format!(
                    "{} from {} ({})\n",
                    str_at(m, &["mountPath"]),
                    str_at(m, &["name"]),
                    flags.join(",")
                ),
            );
        }
    }
}

/// An int-or-string as Go's `IntOrString.String()` prints it.
fn int_or_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "0".into(),
    }
}

/// `DescribeProbe`.
fn describe_probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s successThreshold={} failureThreshold={}",
        i64_at(p, &["initialDelaySeconds"]),
        i64_at(p, &["timeoutSeconds"]),
        i64_at(p, &["periodSeconds"]),
        i64_at(p, &["successThreshold"]),
        i64_at(p, &["failureThreshold"])
    );
    if obj(p, &["exec"]).is_some() {
        let cmd: Vec<&str> = arr(p, &["exec", "command"])
            .iter()
            .map(|c| c.as_str().unwrap_or(""))
            .collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if obj(p, &["httpGet"]).is_some() {
        let scheme = str_at(p, &["httpGet", "scheme"]).to_lowercase();
        let host = str_at(p, &["httpGet", "host"]);
        let port = int_or_string(at(p, &["httpGet", "port"]));
        let host_port = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let path = str_at(p, &["httpGet", "path"]);
        let path = if path.is_empty() || path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        let url = if scheme.is_empty() {
            format!("//{host_port}{path}")
        } else {
            format!("{scheme}://{host_port}{path}")
        };
        return format!("http-get {url} {attrs}");
    }
    if obj(p, &["tcpSocket"]).is_some() {
        return format!(
            "tcp-socket {}:{} {attrs}",
            str_at(p, &["tcpSocket", "host"]),
            int_or_string(at(p, &["tcpSocket", "port"]))
        );
    }
    if obj(p, &["grpc"]).is_some() {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            i64_at(p, &["grpc", "port"]),
            str_at(p, &["grpc", "service"])
        );
    }
    format!("unknown {attrs}")
}

/// `describeVolumes` for the sources a Job's Pods commonly use.
fn describe_volumes(w: &mut Prefix, volumes: &[Value], space: &str) {
    if volumes.is_empty() {
        w.w(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.w(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.w(1, &format!("{name_indent}{}:\n", str_at(v, &["name"])));
        let opt = |p: &[&str]| at(v, p).and_then(Value::as_bool) == Some(true);
        if let Some(e) = obj(v, &["emptyDir"]) {
            let medium = e.get("medium").and_then(Value::as_str).unwrap_or("");
            let size = e
                .get("sizeLimit")
                .map(quantity_string)
                .filter(|s| crate::validate::quantity::parse(s).is_ok_and(|q| q.nanos > 0))
                .unwrap_or_else(|| "<unset>".into());
            w.w(
                2,
                &format!("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{medium}\n    SizeLimit:\t{size}\n"),
            );
        } else if obj(v, &["secret"]).is_some() {
            w.w(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    str_at(v, &["secret", "secretName"]),
                    opt(&["secret", "optional"])
                ),
            );
        } else if obj(v, &["configMap"]).is_some() {
            w.w(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    str_at(v, &["configMap", "name"]),
                    opt(&["configMap", "optional"])
                ),
            );
        } else if obj(v, &["persistentVolumeClaim"]).is_some() {
            w.w(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    str_at(v, &["persistentVolumeClaim", "claimName"]),
                    opt(&["persistentVolumeClaim", "readOnly"])
                ),
            );
        } else if obj(v, &["hostPath"]).is_some() {
            let t = at(v, &["hostPath", "type"])
                .and_then(Value::as_str)
                .unwrap_or("<none>");
            w.w(
                2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n",
                    str_at(v, &["hostPath", "path"]),
                ),
            );
        } else if obj(v, &["downwardAPI"]).is_some() {
            w.w(
                2,
                "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
            );
            for item in arr(v, &["downwardAPI", "items"]) {
                let path = str_at(item, &["path"]);
                if obj(item, &["fieldRef"]).is_some() {
                    w.w(
                        3,
                        &format!("{} -> {path}\n", str_at(item, &["fieldRef", "fieldPath"])),
                    );
                }
                if obj(item, &["resourceFieldRef"]).is_some() {
                    w.w(
                        3,
                        &format!(
                            "{} -> {path}\n",
                            str_at(item, &["resourceFieldRef", "resource"])
                        ),
                    );
                }
            }
        } else if obj(v, &["projected"]).is_some() {
            w.w(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for src in arr(v, &["projected", "sources"]) {
                let opt =
                    |k: &str| at(src, &[k, "optional"]).and_then(Value::as_bool) == Some(true);
                if obj(src, &["secret"]).is_some() {
                    w.w(
                        2,
                        &format!(
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            str_at(src, &["secret", "name"]),
                            opt("secret")
                        ),
                    );
                } else if obj(src, &["downwardAPI"]).is_some() {
                    w.w(2, "DownwardAPI:\ttrue\n");
                } else if obj(src, &["configMap"]).is_some() {
                    w.w(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            str_at(src, &["configMap", "name"]),
                            opt("configMap")
                        ),
                    );
                } else if obj(src, &["serviceAccountToken"]).is_some() {
                    w.w(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            i64_at(src, &["serviceAccountToken", "expirationSeconds"])
                        ),
                    );
                }
            }
        } else if obj(v, &["azureFile"]).is_some() {
            w.w(
                2,
                &format!(
                    "Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the pod)\n    SecretName:\t{}\n    ShareName:\t{}\n    ReadOnly:\t{}\n",
                    str_at(v, &["azureFile", "secretName"]),
                    str_at(v, &["azureFile", "shareName"]),
                    opt(&["azureFile", "readOnly"])
                ),
            );
        } else {
            // kubectl prints each other source's own fields; Joblab's views print what kubectl
            // prints for a source it does not know (docs/fidelity.md lists this).
            w.w(1, "<unknown>\n");
        }
    }
}

/// `DescribePodTemplate`.
pub(super) fn describe_pod_template(w: &mut Prefix, template: &Value) {
    w.w(0, "Pod Template:\n");
    labels_multiline(w, "  Labels", obj(template, &["metadata", "labels"]));
    if obj(template, &["metadata", "annotations"]).is_some_and(|m| !m.is_empty()) {
        annotations_multiline(
            w,
            "  Annotations",
            obj(template, &["metadata", "annotations"]),
        );
    }
    let spec = at(template, &["spec"]).unwrap_or(&Value::Null);
    let sa = str_at(spec, &["serviceAccountName"]);
    if !sa.is_empty() {
        w.w(1, &format!("Service Account:\t{sa}\n"));
    }
    let inits = arr(spec, &["initContainers"]);
    if !inits.is_empty() {
        describe_containers(w, "Init Containers", inits, &[], None, "  ");
    }
    describe_containers(w, "Containers", arr(spec, &["containers"]), &[], None, "  ");
    describe_volumes(w, arr(spec, &["volumes"]), "  ");
    let pc = str_at(spec, &["priorityClassName"]);
    if !pc.is_empty() {
        w.w(1, &format!("Priority Class Name:\t{pc}\n"));
    }
    labels_multiline(w, "  Node-Selectors", obj(spec, &["nodeSelector"]));
    tolerations_multiline(w, "  Tolerations", arr(spec, &["tolerations"]));
}

/// `DescribeEvents` over the events `searchEvents` finds for an object: those whose involved
/// object has its name, namespace, uid and (for a Job or CronJob) kind, sorted by last timestamp
/// with Go's `sort.Sort`, which keeps the list order of equal times only up to 12 events.
pub(super) fn describe_events(
    w: &mut Prefix,
    snap: &ApiSnapshot,
    target: &Value,
    kind: Option<&str>,
) {
    let name = str_at(target, &["metadata", "name"]);
    let uid = str_at(target, &["metadata", "uid"]);
    let mut events: Vec<&Value> = snap
        .events
        .iter()
        .filter(|e| {
            str_at(e, &["involvedObject", "name"]) == name
                && str_at(e, &["involvedObject", "namespace"]) == snap.namespace
                && str_at(e, &["involvedObject", "uid"]) == uid
                && kind.is_none_or(|k| str_at(e, &["involvedObject", "kind"]) == k)
        })
        .collect();
    if events.is_empty() {
        w.w(0, "Events:\t<none>\n");
        return;
    }
    super::gosort::go_sort(&mut events, |a, b| {
        // `metav1.Time.Before`; an absent time is Go's zero time, before every other.
        let t = |e: &Value| at(e, &["lastTimestamp"]).and_then(time_ms);
        t(a) < t(b)
    });
    // DescribeEvents flushes the tabwriter before its table.
    w.w(0, "\x0c");
    w.w(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.w(1, "----\t------\t----\t----\t-------\n");
    for e in events {
        let first = since(snap, at(e, &["firstTimestamp"]));
        let count = i64_at(e, &["count"]);
        let interval = if count > 1 {
            format!(
                "{} (x{count} over {first})",
                since(snap, at(e, &["lastTimestamp"]))
            )
        } else {
            first
        };
        let mut source = str_at(e, &["source", "component"]).to_string();
        if source.is_empty() {
            source = str_at(e, &["reportingComponent"]).to_string();
        }
        let mut message = str_at(e, &["message"]).trim().to_string();
        let fp = str_at(e, &["involvedObject", "fieldPath"]);
        if !fp.is_empty() {
            message = format!("{fp}: {message}");
        }
        w.w(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{message}\n",
                str_at(e, &["type"]),
                str_at(e, &["reason"])
            ),
        );
    }
}

/// describe's output through its tabwriter (minimum width 0, padding 2); a form feed marks
/// where describe flushes it.
pub(super) fn tabbed(w: Prefix) -> String {
    w.0.split('\x0c')
        .map(|part| go_tabwriter(part, 0, 2))
        .collect()
}

pub(super) fn not_found(resource: &str, name: &str) -> ViewOutput {
    ViewOutput::err(format!(
        "Error from server (NotFound): {resource} \"{name}\" not found\n"
    ))
}

/// `kubectl describe job NAME`.
pub fn describe_job(snap: &ApiSnapshot, name: &str) -> ViewOutput {
    let Some(job) = snap.job(name) else {
        return not_found("jobs.batch", name);
    };
    let mut w = Prefix(String::new());
    let spec = at(job, &["spec"]).unwrap_or(&Value::Null);
    let status = at(job, &["status"]).unwrap_or(&Value::Null);
    w.w(
        0,
        &format!("Name:\t{}\n", str_at(job, &["metadata", "name"])),
    );
    w.w(
        0,
        &format!("Namespace:\t{}\n", str_at(job, &["metadata", "namespace"])),
    );
    w.w(
        0,
        &format!("Selector:\t{}\n", selector_string(at(spec, &["selector"]))),
    );
    labels_multiline(&mut w, "Labels", obj(job, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        obj(job, &["metadata", "annotations"]),
    );
    if let Some(owner) = arr(job, &["metadata", "ownerReferences"])
        .iter()
        .find(|o| at(o, &["controller"]).and_then(Value::as_bool) == Some(true))
    {
        w.w(
            0,
            &format!(
                "Controlled By:\t{}/{}\n",
                str_at(owner, &["kind"]),
                str_at(owner, &["name"])
            ),
        );
    }
    if let Some(p) = at(spec, &["parallelism"]).and_then(Value::as_i64) {
        w.w(0, &format!("Parallelism:\t{p}\n"));
    }
    match at(spec, &["completions"]).and_then(Value::as_i64) {
        Some(c) => w.w(0, &format!("Completions:\t{c}\n")),
        None => w.w(0, "Completions:\t<unset>\n"),
    }
    let mode = at(spec, &["completionMode"]).and_then(Value::as_str);
    if let Some(m) = mode {
        w.w(0, &format!("Completion Mode:\t{m}\n"));
    }
    if let Some(s) = at(spec, &["suspend"]).and_then(Value::as_bool) {
        w.w(0, &format!("Suspend:\t{s}\n"));
    }
    if let Some(b) = at(spec, &["backoffLimit"]).and_then(Value::as_i64) {
        w.w(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = at(spec, &["ttlSecondsAfterFinished"]).and_then(Value::as_i64) {
        w.w(0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = at(status, &["startTime"]).filter(|v| !v.is_null());
    let completion = at(status, &["completionTime"]).filter(|v| !v.is_null());
    if start.is_some() {
        w.w(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    if completion.is_some() {
        w.w(0, &format!("Completed At:\t{}\n", rfc1123z(completion)));
    }
    if let (Some(s), Some(c)) = (start.and_then(time_ms), completion.and_then(time_ms)) {
        w.w(0, &format!("Duration:\t{}\n", human_duration_signed(c - s)));
    }
    if let Some(a) = at(spec, &["activeDeadlineSeconds"]).and_then(Value::as_i64) {
        w.w(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    let (active, succeeded, failed) = (
        i64_at(status, &["active"]),
        i64_at(status, &["succeeded"]),
        i64_at(status, &["failed"]),
    );
    match at(status, &["ready"]).and_then(Value::as_i64) {
        None => w.w(
            0,
            &format!("Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n"),
        ),
        Some(r) => w.w(
            0,
            &format!(
                "Pods Statuses:\t{active} Active ({r} Ready) / {succeeded} Succeeded / {failed} Failed\n"
            ),
        ),
    }
    if mode == Some("Indexed") {
        w.w(
            0,
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes(str_at(status, &["completedIndexes"]), 50)
            ),
        );
    }
    describe_pod_template(&mut w, at(spec, &["template"]).unwrap_or(&Value::Null));
    describe_events(&mut w, snap, job, Some("Job"));
    ViewOutput::out(tabbed(w))
}

/// `metav1.LabelSelectorAsSelector(...).String()`: like [`format_label_selector`], but a nil
/// selector is `<none>` and an empty one is empty.
pub(super) fn selector_string(sel: Option<&Value>) -> String {
    match sel.filter(|s| !s.is_null()) {
        None => "<none>".into(),
        Some(s) => {
            let f = format_label_selector(Some(s));
            if f == "<none>" {
                String::new()
            } else {
                f
            }
        }
    }
}

/// `capIndexesListOrNone`: the list up to the first comma at or after `soft` bytes, then `...`.
fn cap_indexes(indexes: &str, soft: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    let bytes = indexes.as_bytes();
    let mut ix = soft;
    while ix < bytes.len() && bytes.get(ix) != Some(&b',') {
        ix += 1;
    }
    if ix >= bytes.len() {
        return indexes.to_string();
    }
    format!("{}...", indexes.get(..=ix).unwrap_or(indexes))
}

/// `kubectl describe pod NAME`.
pub fn describe_pod(snap: &ApiSnapshot, name: &str) -> ViewOutput {
    let Some(pod) = snap.pod(name) else {
        return not_found("pods", name);
    };
    let mut w = Prefix(String::new());
    let spec = at(pod, &["spec"]).unwrap_or(&Value::Null);
    let status = at(pod, &["status"]).unwrap_or(&Value::Null);
    w.w(
        0,
        &format!("Name:\t{}\n", str_at(pod, &["metadata", "name"])),
    );
    w.w(
        0,
        &format!("Namespace:\t{}\n", str_at(pod, &["metadata", "namespace"])),
    );
    if let Some(p) = at(spec, &["priority"]).and_then(Value::as_i64) {
        w.w(0, &format!("Priority:\t{p}\n"));
    }
    let pc = str_at(spec, &["priorityClassName"]);
    if !pc.is_empty() {
        w.w(0, &format!("Priority Class Name:\t{pc}\n"));
    }
    let rc = str_at(spec, &["runtimeClassName"]);
    if !rc.is_empty() {
        w.w(0, &format!("Runtime Class Name:\t{rc}\n"));
    }
    let sa = str_at(spec, &["serviceAccountName"]);
    if !sa.is_empty() {
        w.w(0, &format!("Service Account:\t{sa}\n"));
    }
    let node = str_at(spec, &["nodeName"]);
    if node.is_empty() {
        w.w(0, "Node:\t<none>\n");
    } else {
        w.w(
            0,
            &format!("Node:\t{node}/{}\n", str_at(status, &["hostIP"])),
        );
    }
    if let Some(st) = at(status, &["startTime"]).filter(|v| !v.is_null()) {
        w.w(0, &format!("Start Time:\t{}\n", rfc1123z(Some(st))));
    }
    labels_multiline(&mut w, "Labels", obj(pod, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        obj(pod, &["metadata", "annotations"]),
    );
    let phase = str_at(status, &["phase"]);
    let deletion = at(pod, &["metadata", "deletionTimestamp"]).filter(|v| !v.is_null());
    if deletion.is_some() && phase != "Failed" && phase != "Succeeded" {
        w.w(
            0,
            &format!("Status:\tTerminating (lasts {})\n", since(snap, deletion)),
        );
        w.w(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                i64_at(pod, &["metadata", "deletionGracePeriodSeconds"])
            ),
        );
    } else {
        w.w(0, &format!("Status:\t{phase}\n"));
    }
    for (title, key) in [("Reason", "reason"), ("Message", "message")] {
        let v = str_at(status, &[key]);
        if !v.is_empty() {
            w.w(0, &format!("{title}:\t{v}\n"));
        }
    }
    if let Some(sp) = obj(spec, &["securityContext", "seccompProfile"]) {
        let t = sp.get("type").and_then(Value::as_str).unwrap_or("");
        w.w(0, &format!("SeccompProfile:\t{t}\n"));
        if t == "Localhost" {
            let lp = sp
                .get("localhostProfile")
                .and_then(Value::as_str)
                .unwrap_or("");
            w.w(0, &format!("LocalhostProfile:\t{lp}\n"));
        }
    }
    w.w(0, &format!("IP:\t{}\n", str_at(status, &["podIP"])));
    let ips = arr(status, &["podIPs"]);
    if ips.is_empty() {
        w.w(0, "IPs:\t<none>\n");
    } else {
        w.w(0, "IPs:\n");
        for ip in ips {
            w.w(1, &format!("IP:\t{}\n", str_at(ip, &["ip"])));
        }
    }
    if let Some(owner) = arr(pod, &["metadata", "ownerReferences"])
        .iter()
        .find(|o| at(o, &["controller"]).and_then(Value::as_bool) == Some(true))
    {
        w.w(
            0,
            &format!(
                "Controlled By:\t{}/{}\n",
                str_at(owner, &["kind"]),
                str_at(owner, &["name"])
            ),
        );
    }
    let nominated = str_at(status, &["nominatedNodeName"]);
    if !nominated.is_empty() {
        w.w(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    if let Some(r) = at(spec, &["resources"]).filter(|v| !v.is_null()) {
        w.w(0, "Resources:\n");
        describe_resources(&mut w, Some(r), 1);
    }
    let inits = arr(spec, &["initContainers"]);
    if !inits.is_empty() {
        describe_containers(
            &mut w,
            "Init Containers",
            inits,
            arr(status, &["initContainerStatuses"]),
            Some(pod),
            "",
        );
    }
    describe_containers(
        &mut w,
        "Containers",
        arr(spec, &["containers"]),
        arr(status, &["containerStatuses"]),
        Some(pod),
        "",
    );
    let conditions = arr(status, &["conditions"]);
    let gates = arr(spec, &["readinessGates"]);
    if !gates.is_empty() {
        w.w(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = str_at(g, &["conditionType"]);
            let s = conditions
                .iter()
                .find(|c| str_at(c, &["type"]) == t)
                .map_or("<none>", |c| str_at(c, &["status"]));
            w.w(1, &format!("{t} \t{s} \n"));
        }
    }
    if !conditions.is_empty() {
        w.w(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.w(
                1,
                &format!("{} \t{} \n", str_at(c, &["type"]), str_at(c, &["status"])),
            );
        }
    }
    describe_volumes(&mut w, arr(spec, &["volumes"]), "");
    w.w(
        0,
        &format!("QoS Class:\t{}\n", str_at(status, &["qosClass"])),
    );
    labels_multiline(&mut w, "Node-Selectors", obj(spec, &["nodeSelector"]));
    tolerations_multiline(&mut w, "Tolerations", arr(spec, &["tolerations"]));
    describe_events(&mut w, snap, pod, None);
    ViewOutput::out(tabbed(w))
}

/// `kubectl get job NAME -o yaml`.
pub fn job_yaml(snap: &ApiSnapshot, name: &str) -> ViewOutput {
    match snap.job(name) {
        Some(job) => ViewOutput::out(crate::yaml::emit::to_yaml(job)),
        None => not_found("jobs.batch", name),
    }
}

/// The views `oracle kubectl` renders, in its order, as (command, output): every view of the
/// issue, with `-l` the Job's `job-name` label and one `describe pod` per Pod.
pub fn all_views(snap: &ApiSnapshot, selector: &str) -> Vec<(String, ViewOutput)> {
    let name = snap.job_name.clone();
    let pods = |sel: Option<&str>, wide: bool| {
        get_pods(snap, sel, wide).unwrap_or_else(|| {
            ViewOutput::err(format!("error: unable to parse selector {sel:?}\n"))
        })
    };
    let mut out = vec![
        ("kubectl get jobs".to_string(), get_jobs(snap, false)),
        ("kubectl get jobs -o wide".into(), get_jobs(snap, true)),
        ("kubectl get pods".into(), pods(None, false)),
        ("kubectl get pods -o wide".into(), pods(None, true)),
        (
            format!("kubectl get pods -l {selector}"),
            pods(Some(selector), false),
        ),
        (
            format!("kubectl get pods -l {selector} -o wide"),
            pods(Some(selector), true),
        ),
        (
            format!("kubectl describe job {name}"),
            describe_job(snap, &name),
        ),
    ];
    for p in &snap.pods {
        let pn = str_at(p, &["metadata", "name"]).to_string();
        out.push((
            format!("kubectl describe pod {pn}"),
            describe_pod(snap, &pn),
        ));
    }
    out.push(("kubectl get events".into(), get_events(snap)));
    out.push((
        format!("kubectl get job {name} -o yaml"),
        job_yaml(snap, &name),
    ));
    out
}
