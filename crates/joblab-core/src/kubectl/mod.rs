//! `kubectl` views of a simulation [`Snapshot`], in kubectl's own layouts.
//!
//! Sources: k/k `pkg/printers/internalversion/printers.go` (`printJob`, `printPod`, `printEvent`),
//! k/kubectl `pkg/describe/describe.go` (`describeJob`, `DescribePodTemplate`, `DescribeEvents`),
//! k8s.io/apimachinery `pkg/util/duration` (`HumanDuration`). `kubectl get` writes its table through
//! a tabwriter with minimum width 6 and padding 3; `describe` through one with padding 2. Times
//! are relative to the snapshot's instant ("now"); absolute times start at [`EPOCH_SECONDS`].

mod api;
mod cronjob;
pub mod cronjob_views;
pub(crate) mod gosort;
mod objects;
pub(crate) mod table;
pub mod views;

use crate::sim::model::{ContainerState, Millis, Pod};
use crate::sim::Snapshot;

pub use api::{
    api_job, api_pod, job_json, job_value, job_yaml, rfc3339, COMPLETION_INDEX_KEY, EPOCH_SECONDS,
    INDEX_FAILURE_COUNT_KEY, INDEX_IGNORED_FAILURE_COUNT_KEY, TRACKING_FINALIZER,
};
pub use cronjob::{cronjob_api_snapshot, cronjob_value};
pub use objects::{
    api_snapshot, api_snapshot_without_pods, event_values, pod_value, pod_values, ApiSnapshot,
};
use table::tabwrite;
pub use views::ViewOutput;

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

/// A view's text as the lab shows it: user text (labels, images, messages) escaped.
fn shown(v: ViewOutput) -> String {
    crate::escape::block(&v.text).into_owned()
}

/// A table's text as it is. The front ends escape what they print whole (the terminal's `run`,
/// the CLI's text output), so a listing of a quarter million Pods is not scanned twice.
fn unescaped(v: ViewOutput) -> String {
    v.text
}

/// `kubectl get jobs`.
pub fn get_jobs(snap: &Snapshot) -> String {
    unescaped(views::get_jobs(&api_snapshot_without_pods(snap), false))
}

/// `kubectl get jobs -o wide`.
pub fn get_jobs_wide(snap: &Snapshot) -> String {
    unescaped(views::get_jobs(&api_snapshot_without_pods(snap), true))
}

/// `kubectl get pods`: every Pod of the snapshot.
pub fn get_pods(snap: &Snapshot) -> String {
    get_pods_as(snap, false)
}

/// `kubectl get pods -o wide`.
pub fn get_pods_wide(snap: &Snapshot) -> String {
    get_pods_as(snap, true)
}

fn get_pods_as(snap: &Snapshot, wide: bool) -> String {
    let objs = api_snapshot_without_pods(snap);
    // Without a selector the listing always renders.
    unescaped(
        views::get_pods_from(&objs, objects::pod_values_for_listing(snap), None, wide)
            .unwrap_or_else(|| views::get_jobs(&objs, wide)),
    )
}

/// `kubectl describe pod <name>`: `Err` with kubectl's message when there is no such Pod.
pub fn describe_pod(snap: &Snapshot, name: &str) -> Result<String, String> {
    let v = views::describe_pod(&api_snapshot(snap), name);
    if v.stderr {
        Err(v.text.trim_end().to_string())
    } else {
        Ok(shown(v))
    }
}

/// `kubectl get events`.
pub fn get_events(snap: &Snapshot) -> String {
    let mut objs = api_snapshot_without_pods(snap);
    objs.events = event_values(snap);
    shown(views::get_events(&objs))
}

/// `kubectl describe job <name>`.
pub fn describe_job(snap: &Snapshot) -> String {
    shown(views::describe_job(&api_snapshot(snap), &snap.name))
}

fn visible_pods(snap: &Snapshot) -> impl Iterator<Item = &Pod> {
    let now = snap.time_ms;
    snap.pods
        .iter()
        .filter(move |p| p.deleted_ms.is_none_or(|d| d > now))
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
    let mut out = tabwrite(&rows);
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
