//! `kubectl` views of a simulation [`Snapshot`], in kubectl's own layouts.
//!
//! Sources: k/k `pkg/printers/internalversion/printers.go` (`printJob`, `printPod`, `printEvent`),
//! k/kubectl `pkg/describe/describe.go` (`describeJob`, `DescribePodTemplate`, `DescribeEvents`),
//! k8s.io/apimachinery `pkg/util/duration` (`HumanDuration`). `kubectl get` writes its table through
//! a tabwriter with minimum width 6 and padding 3; `describe` through one with padding 2. Times
//! are relative to the snapshot's instant ("now"); absolute times start at [`EPOCH_SECONDS`].

mod api;
mod table;

use crate::sim::model::{ContainerState, Event, Millis, Pod, PodPhase};
use crate::sim::Snapshot;

pub use api::{
    api_job, api_pod, job_json, job_value, job_yaml, rfc3339, COMPLETION_INDEX_KEY, EPOCH_SECONDS,
    INDEX_FAILURE_COUNT_KEY, INDEX_IGNORED_FAILURE_COUNT_KEY, TRACKING_FINALIZER,
};
use table::{tabwrite, TabStyle};

/// `duration.HumanDuration` for a non-negative number of milliseconds.
pub fn human_duration(ms: Millis) -> String {
    let secs = ms / 1000;
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

fn since(now: Millis, t: Millis) -> String {
    human_duration(now.saturating_sub(t))
}

fn no_resources(snap: &Snapshot) -> String {
    format!("No resources found in {} namespace.\n", snap.namespace)
}

fn job_visible(snap: &Snapshot) -> bool {
    snap.deleted_ms.is_none_or(|d| d > snap.time_ms)
}

/// The STATUS column of `kubectl get jobs`.
pub fn job_status_word(snap: &Snapshot) -> &'static str {
    let st = &snap.status;
    if st.condition("Complete").is_some() {
        "Complete"
    } else if st.condition("Failed").is_some() {
        "Failed"
    } else if snap.deleted_ms.is_some() {
        "Terminating"
    } else if st.condition("Suspended").is_some() {
        "Suspended"
    } else if st.condition("FailureTarget").is_some() {
        "FailureTarget"
    } else {
        "Running"
    }
}

/// `kubectl get jobs`.
pub fn get_jobs(snap: &Snapshot) -> String {
    if !job_visible(snap) {
        return no_resources(snap);
    }
    let spec = api_job(snap).spec.unwrap_or_default();
    let st = &snap.status;
    let completions = match spec.completions {
        Some(c) => format!("{}/{c}", st.succeeded),
        None => {
            let p = spec.parallelism.unwrap_or(1);
            if p > 1 {
                format!("{}/1 of {p}", st.succeeded)
            } else {
                format!("{}/1", st.succeeded)
            }
        }
    };
    let duration = match (st.start_ms, st.completion_ms) {
        (None, _) => String::new(),
        (Some(s), None) => since(snap.time_ms, s),
        (Some(s), Some(c)) => human_duration(c.saturating_sub(s)),
    };
    let rows = vec![
        vec![
            "NAME".into(),
            "STATUS".into(),
            "COMPLETIONS".into(),
            "DURATION".into(),
            "AGE".into(),
        ],
        vec![
            snap.name.clone(),
            job_status_word(snap).into(),
            completions,
            duration,
            since(snap.time_ms, 0),
        ],
    ];
    tabwrite(&rows, TabStyle::Get)
}

fn visible_pods(snap: &Snapshot) -> impl Iterator<Item = &Pod> {
    let now = snap.time_ms;
    snap.pods
        .iter()
        .filter(move |p| p.deleted_ms.is_none_or(|d| d > now))
}

/// The STATUS column of `kubectl get pods` (`printPod`).
pub fn pod_status_word(p: &Pod) -> String {
    if p.deletion_requested_ms.is_some() {
        return "Terminating".into();
    }
    if let Some(r) = &p.reason {
        return r.clone();
    }
    match &p.container {
        ContainerState::Waiting { reason } => reason.clone(),
        ContainerState::Terminated { reason, .. } => reason.clone(),
        ContainerState::Running { .. } => p.phase.as_str().into(),
    }
}

/// `kubectl get pods -l job-name=<job>`, sorted by name as the API lists them.
pub fn get_pods(snap: &Snapshot) -> String {
    let containers = snap
        .job
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .map_or(1, |s| s.containers.len().max(1));
    let mut pods: Vec<&Pod> = visible_pods(snap).collect();
    if pods.is_empty() {
        return no_resources(snap);
    }
    pods.sort_by(|a, b| a.name.cmp(&b.name));
    let mut rows = vec![vec![
        "NAME".into(),
        "READY".into(),
        "STATUS".into(),
        "RESTARTS".into(),
        "AGE".into(),
    ]];
    for p in pods {
        let ready = if p.ready && p.phase == PodPhase::Running {
            containers
        } else {
            0
        };
        let restarts = match (p.restart_count, p.last_exit_ms) {
            (0, _) | (_, None) => p.restart_count.to_string(),
            (n, Some(t)) => format!("{n} ({} ago)", since(snap.time_ms, t)),
        };
        rows.push(vec![
            p.name.clone(),
            format!("{ready}/{containers}"),
            pod_status_word(p),
            restarts,
            since(snap.time_ms, p.created_ms),
        ]);
    }
    tabwrite(&rows, TabStyle::Get)
}

/// Events merged the way the event recorder aggregates repeats: same object, type, reason and
/// message become one event with a count, first and last time.
struct Aggregated<'a> {
    first: &'a Event,
    last_ms: Millis,
    count: usize,
}

fn aggregate<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<Aggregated<'a>> {
    let mut out: Vec<Aggregated<'a>> = Vec::new();
    for e in events {
        if let Some(a) = out.iter_mut().find(|a| {
            a.first.object == e.object
                && a.first.type_ == e.type_
                && a.first.reason == e.reason
                && a.first.message == e.message
        }) {
            a.count += 1;
            a.last_ms = e.at_ms;
        } else {
            out.push(Aggregated {
                first: e,
                last_ms: e.at_ms,
                count: 1,
            });
        }
    }
    out
}

/// `kubectl get events`: listed in the API's order, which is by event name
/// (`<object name>.<timestamp>`), so each object's events are grouped.
pub fn get_events(snap: &Snapshot) -> String {
    let now = snap.time_ms;
    let mut agg = aggregate(snap.events.iter().filter(|e| e.at_ms <= now));
    if agg.is_empty() {
        return no_resources(snap);
    }
    let key = |a: &Aggregated<'_>| {
        let name = a
            .first
            .object
            .split_once('/')
            .map_or(a.first.object.as_str(), |(_, n)| n);
        (format!("{name}."), a.first.at_ms)
    };
    agg.sort_by_key(|a| key(a));
    let mut rows = vec![vec![
        "LAST SEEN".into(),
        "TYPE".into(),
        "REASON".into(),
        "OBJECT".into(),
        "MESSAGE".into(),
    ]];
    for a in agg {
        rows.push(vec![
            since(now, a.last_ms),
            a.first.type_.as_str().into(),
            a.first.reason.clone(),
            a.first.object.clone(),
            a.first.message.clone(),
        ]);
    }
    tabwrite(&rows, TabStyle::Get)
}

/// `time.RFC1123Z` of a simulated instant.
fn rfc1123z(ms: Millis) -> String {
    crate::civil::format_rfc1123z(api::unix_seconds(ms))
}

fn labels_multiline(
    out: &mut Vec<String>,
    title: &str,
    labels: &std::collections::BTreeMap<String, String>,
) {
    if labels.is_empty() {
        out.push(format!("{title}:\t<none>"));
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i == 0 {
            out.push(format!("{title}:\t{k}={v}"));
        } else {
            out.push(format!("\t{k}={v}"));
        }
    }
}

fn cap_indexes(s: &str) -> String {
    if s.is_empty() {
        return "<none>".into();
    }
    if s.len() > 50 {
        let mut cut: String = s.chars().take(50).collect();
        if let Some(i) = cut.rfind(',') {
            cut.truncate(i);
        }
        return format!("{cut},...");
    }
    s.to_string()
}

/// `kubectl describe job <name>`.
pub fn describe_job(snap: &Snapshot) -> String {
    if !job_visible(snap) {
        return format!(
            "Error from server (NotFound): jobs.batch \"{}\" not found\n",
            snap.name
        );
    }
    let job = api_job(snap);
    let spec = job.spec.clone().unwrap_or_default();
    let st = &snap.status;
    let mut l: Vec<String> = Vec::new();
    l.push(format!("Name:\t{}", snap.name));
    l.push(format!("Namespace:\t{}", snap.namespace));
    let selector = spec
        .selector
        .as_ref()
        .and_then(|s| s.match_labels.as_ref())
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default();
    l.push(format!("Selector:\t{selector}"));
    labels_multiline(
        &mut l,
        "Labels",
        &job.metadata.labels.clone().unwrap_or_default(),
    );
    labels_multiline(
        &mut l,
        "Annotations",
        &job.metadata.annotations.clone().unwrap_or_default(),
    );
    if let Some(p) = spec.parallelism {
        l.push(format!("Parallelism:\t{p}"));
    }
    match spec.completions {
        Some(c) => l.push(format!("Completions:\t{c}")),
        None => l.push("Completions:\t<unset>".into()),
    }
    if let Some(m) = &spec.completion_mode {
        l.push(format!("Completion Mode:\t{m}"));
    }
    if let Some(s) = spec.suspend {
        l.push(format!("Suspend:\t{s}"));
    }
    if let Some(b) = spec.backoff_limit {
        l.push(format!("Backoff Limit:\t{b}"));
    }
    if let Some(t) = spec.ttl_seconds_after_finished {
        l.push(format!("TTL Seconds After Finished:\t{t}"));
    }
    if let Some(s) = st.start_ms {
        l.push(format!("Start Time:\t{}", rfc1123z(s)));
    }
    if let Some(c) = st.completion_ms {
        l.push(format!("Completed At:\t{}", rfc1123z(c)));
    }
    if let (Some(s), Some(c)) = (st.start_ms, st.completion_ms) {
        l.push(format!(
            "Duration:\t{}",
            human_duration(c.saturating_sub(s))
        ));
    }
    if let Some(a) = spec.active_deadline_seconds {
        l.push(format!("Active Deadline Seconds:\t{a}s"));
    }
    l.push(format!(
        "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / {} Failed",
        st.active, st.ready, st.succeeded, st.failed
    ));
    if spec.completion_mode.as_deref() == Some("Indexed") {
        l.push(format!(
            "Completed Indexes:\t{}",
            cap_indexes(st.completed_indexes.as_deref().unwrap_or(""))
        ));
        if spec.backoff_limit_per_index.is_some() {
            l.push(format!(
                "Failed Indexes:\t{}",
                cap_indexes(st.failed_indexes.as_deref().unwrap_or(""))
            ));
        }
    }
    l.push("Pod Template:".into());
    let tmpl = &spec.template;
    labels_multiline(
        &mut l,
        "  Labels",
        &tmpl
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone())
            .unwrap_or_default(),
    );
    let pod_spec = tmpl.spec.clone().unwrap_or_default();
    l.push("  Containers:".into());
    for c in &pod_spec.containers {
        l.push(format!("   {}:", c.name));
        l.push(format!(
            "    Image:\t{}",
            c.image.clone().unwrap_or_default()
        ));
        l.push("    Port:\t<none>".into());
        l.push("    Host Port:\t<none>".into());
        if let Some(cmd) = &c.command {
            l.push("    Command:".into());
            l.extend(cmd.iter().map(|a| format!("      {a}")));
        }
        if let Some(args) = &c.args {
            l.push("    Args:".into());
            l.extend(args.iter().map(|a| format!("      {a}")));
        }
        match c.env.as_deref() {
            Some(env) if !env.is_empty() => {
                l.push("    Environment:".into());
                for e in env {
                    l.push(format!(
                        "      {}:\t{}",
                        e.name,
                        e.value.clone().unwrap_or_default()
                    ));
                }
            }
            _ => l.push("    Environment:\t<none>".into()),
        }
        l.push("    Mounts:\t<none>".into());
    }
    l.push("  Volumes:\t<none>".into());
    l.push("  Node-Selectors:\t<none>".into());
    l.push("  Tolerations:\t<none>".into());
    let now = snap.time_ms;
    let job_obj = format!("job/{}", snap.name);
    let mut events = aggregate(
        snap.events
            .iter()
            .filter(|e| e.at_ms <= now && e.object == job_obj),
    );
    if events.is_empty() {
        l.push("Events:\t<none>".into());
        return tabwrite_lines(&l);
    }
    let mut out = tabwrite_lines(&l);
    events.sort_by_key(|a| a.last_ms);
    let mut rows = vec![
        vec![
            "  Type".into(),
            "Reason".into(),
            "Age".into(),
            "From".into(),
            "Message".into(),
        ],
        vec![
            "  ----".into(),
            "------".into(),
            "----".into(),
            "----".into(),
            "-------".into(),
        ],
    ];
    for a in events {
        let age = if a.count > 1 {
            format!(
                "{} (x{} over {})",
                since(now, a.last_ms),
                a.count,
                since(now, a.first.at_ms)
            )
        } else {
            since(now, a.first.at_ms)
        };
        rows.push(vec![
            format!("  {}", a.first.type_.as_str()),
            a.first.reason.clone(),
            age,
            a.first.source.clone(),
            a.first.message.clone(),
        ]);
    }
    out.push_str("Events:\n");
    out.push_str(&tabwrite(&rows, TabStyle::Describe));
    // Labels, annotations, images and commands are the user's text.
    crate::escape::block(&out).into_owned()
}

fn tabwrite_lines(lines: &[String]) -> String {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    tabwrite(&rows, TabStyle::Describe)
}

/// The output a container prints: Perl's `bpi(N)` computes pi, `echo` echoes, anything else
/// prints nothing.
fn container_output(command: &[String]) -> String {
    let joined = command.join(" ");
    if let Some(pos) = joined.find("bpi(") {
        let rest = joined.get(pos + 4..).unwrap_or("");
        let n: usize = rest
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        if n > 0 {
            return format!("{}\n", crate::pi::bpi(n));
        }
    }
    if let Some(pos) = joined.find("echo ") {
        let rest = joined.get(pos + 5..).unwrap_or("");
        let end = rest.find([';', '&', '|', '\n']).unwrap_or(rest.len());
        let text = rest
            .get(..end)
            .unwrap_or("")
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        return format!("{text}\n");
    }
    String::new()
}

/// `kubectl logs <pod>`: `Ok(output)` or `Err(kubectl's error message)`.
pub fn logs(snap: &Snapshot, pod_name: &str) -> Result<String, String> {
    let Some(p) = visible_pods(snap).find(|p| p.name == pod_name) else {
        return Err(format!(
            "Error from server (NotFound): pods \"{pod_name}\" not found"
        ));
    };
    let spec = snap.job.spec.clone().unwrap_or_default();
    let container = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.containers.first().cloned())
        .unwrap_or_default();
    if p.started_ms.is_none() {
        return Err(format!(
            "Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: ContainerCreating",
            container.name, p.name
        ));
    }
    let mut argv: Vec<String> = container.command.clone().unwrap_or_default();
    argv.extend(container.args.clone().unwrap_or_default());
    // The program prints when it finishes; a running container has printed nothing yet.
    Ok(match p.container {
        ContainerState::Terminated { exit_code: 0, .. } => {
            crate::escape::block(&container_output(&argv)).into_owned()
        }
        _ => String::new(),
    })
}

/// Seconds with up to three decimals, trailing zeros removed: `21s`, `1.5s`.
pub fn seconds_label(ms: Millis) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        let s = format!("{}.{:03}", ms / 1000, ms % 1000);
        format!("{}s", s.trim_end_matches('0'))
    }
}

/// The CLI's text timeline: one line per event (`TIME TYPE REASON OBJECT MESSAGE`, aligned),
/// then notes on the Job's deletion and on early stops.
pub fn timeline(snap: &Snapshot) -> String {
    let mut rows = vec![vec![
        "TIME".into(),
        "TYPE".into(),
        "REASON".into(),
        "OBJECT".into(),
        "MESSAGE".into(),
    ]];
    for e in &snap.events {
        rows.push(vec![
            seconds_label(e.at_ms),
            e.type_.as_str().into(),
            e.reason.clone(),
            e.object.clone(),
            e.message.clone(),
        ]);
    }
    let mut out = tabwrite(&rows, TabStyle::Describe);
    if let Some(d) = snap.deleted_ms {
        let by = if snap.deleted_by_ttl {
            "the TTL-after-finished controller"
        } else {
            "the user"
        };
        out.push_str(&format!(
            "{}  job/{} deleted by {by}\n",
            seconds_label(d),
            snap.name
        ));
    }
    if let Some(m) = &snap.stopped_message {
        out.push_str(&format!("{m}\n"));
    }
    crate::escape::block(&out).into_owned()
}
