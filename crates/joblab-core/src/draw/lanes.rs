//! The lanes of a Job diagram: one per Pod, with its stretches, markers and names, and the
//! pod-failure backoff gaps between a failure and the replacement it delayed. Split from the
//! drawing model ([`super`]) for length; the model's types are there.

use std::collections::{HashMap, HashSet};

use super::*;

pub(super) fn lane_label(p: &Pod, t: Millis) -> String {
    let mut out = format!("Pod {}: ", p.name);
    out.push_str(if p.is_terminating() {
        "Terminating"
    } else {
        p.phase.as_str()
    });
    if let Some(i) = p.index {
        out.push_str(&format!(", index {i}"));
    }
    if let Some(r) = &p.reason {
        out.push_str(&format!(", reason {r}"));
    }
    if p.phase.is_terminal() {
        if let Some(c) = p.exit_code {
            out.push_str(&format!(", exit code {c}"));
        }
    }
    if p.restart_count > 0 {
        let n = p.restart_count;
        out.push_str(&format!(", {n} restart{}", if n == 1 { "" } else { "s" }));
    }
    match (p.started_ms, p.finished_ms) {
        (Some(a), Some(b)) => out.push_str(&format!(", ran {} to {}", fmt_time(a), fmt_time(b))),
        (None, Some(b)) => out.push_str(&format!(", never ran, ended {}", fmt_time(b))),
        (Some(a), None) => out.push_str(&format!(", running since {}", fmt_time(a))),
        (None, None) => out.push_str(&format!(", created {}", fmt_time(p.created_ms))),
    }
    if p.failure_ignored {
        out.push_str(", failure ignored by the podFailurePolicy");
    }
    if let Some(d) = p.deleted_ms.filter(|&d| d <= t) {
        out.push_str(&format!(", deleted {}", fmt_time(d)));
    }
    out
}

pub(super) fn short_label(p: &Pod, chars: usize) -> String {
    let full = match p.index {
        Some(i) => format!("#{i} {}", p.name),
        None => p.name.clone(),
    };
    if full.chars().count() <= chars {
        return full;
    }
    let mut out: String = full.chars().take(chars - 1).collect();
    out.push('…');
    out
}

/// Reasons of the kubelet events a lane describes (`Scheduled`, `Created`, `Started` and an image
/// already present say nothing the lane's stretches do not).
const LANE_EVENT_REASONS: [&str; 5] = [
    "Pulling",
    "Pulled",
    "ErrImageNeverPull",
    "Killing",
    "BackOff",
];

/// Reasons of the events a stretch's accessible name adds: the image pull, which happens inside
/// the Pod's Pending stretch (or before a restart), and its failure.
const PULL_REASONS: [&str; 3] = ["Pulling", "Pulled", "ErrImageNeverPull"];

/// The events of [`LANE_EVENT_REASONS`] recorded up to `t`, by Pod name, in time order; one pass
/// over the log for the whole drawing.
pub(super) fn kubelet_events(s: &Snapshot, t: Millis) -> HashMap<&str, Vec<&Event>> {
    let mut out: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in s.events.iter().take_while(|e| e.at_ms <= t) {
        let Some(pod) = e.object.strip_prefix("pod/") else {
            continue;
        };
        let notable = LANE_EVENT_REASONS.contains(&e.reason.as_str())
            && !(e.reason == "Pulled" && e.message.contains("already present"));
        if notable {
            out.entry(pod).or_default().push(e);
        }
    }
    out
}

pub(super) fn event_phrase(e: &Event) -> String {
    format!("{} at {}", e.message, fmt_time(e.at_ms))
}

pub(super) fn lane(
    p: &Pod,
    y: f64,
    axis: Axis,
    t: Millis,
    label_chars: usize,
    events: &[&Event],
) -> Lane {
    let mut segments = Vec::with_capacity(p.segments.len());
    let mut markers = Vec::new();
    let mut runs_seen = 0u32;
    let mut pulls = events
        .iter()
        .filter(|e| PULL_REASONS.contains(&e.reason.as_str()))
        .peekable();
    for seg in &p.segments {
        let class = SegClass::of(seg.kind);
        let end = seg.end_ms.unwrap_or(t).min(t).max(seg.start_ms);
        let x = axis.x(seg.start_ms);
        let w = (axis.x(end) - x).max(1.0);
        let mut label = format!(
            "{} {} to {}",
            class.name(),
            fmt_time(seg.start_ms),
            fmt_time(end)
        );
        let open = seg.end_ms.is_none() || seg.end_ms.is_some_and(|e| e > t);
        if open {
            label = format!("{} since {}", class.name(), fmt_time(seg.start_ms));
        }
        if let Some(r) = seg.run {
            label.push_str(&format!(", run {r}"));
        }
        if let Some(d) = seg.delay_ms {
            label.push_str(&format!(", restart back-off {}", fmt_secs(d)));
        }
        let ended = seg.end_ms.filter(|&e| e <= t);
        if let (Some(c), Some(_)) = (seg.exit_code, ended) {
            label.push_str(&format!(", exit code {c}"));
        }
        // The pull happens inside this stretch: say what the kubelet did and when. (No stretch
        // of a run without a pull changes its name.)
        // An event on the boundary of two stretches belongs to the earlier one (the pull ends
        // the Pending stretch).
        while let Some(e) = pulls.peek().filter(|e| e.at_ms <= end) {
            if e.at_ms >= seg.start_ms {
                label.push_str(&format!(", {}", event_phrase(e)));
            }
            pulls.next();
        }
        label.push_str(&format!(" (Pod {})", p.name));
        // The short text and the width from which it fits (11 px text, with a margin).
        let (text, text_w_min) = match (seg.kind, seg.run) {
            (SegmentKind::Running, Some(r)) => (format!("run {r}"), 46.0),
            (SegmentKind::CrashLoopBackOff, _) => match seg.delay_ms {
                Some(d) => (format!("back-off {}", fmt_secs(d)), 60.0),
                None => (String::new(), f64::INFINITY),
            },
            _ => (String::new(), f64::INFINITY),
        };
        segments.push(SegShape {
            class,
            x,
            w,
            text,
            text_w_min,
            open,
            label,
        });
        if seg.kind == SegmentKind::Running {
            runs_seen += 1;
            if runs_seen > 1 {
                markers.push(Marker {
                    kind: MarkerKind::Restart,
                    x,
                    text: "↻".into(),
                    label: format!(
                        "Restart {} at {}: the kubelet restarted the container in place (Pod {})",
                        runs_seen - 1,
                        fmt_time(seg.start_ms),
                        p.name
                    ),
                });
            }
            if let (Some(c), Some(e)) = (seg.exit_code, ended) {
                markers.push(Marker {
                    kind: MarkerKind::Exit { code: c },
                    x: axis.x(e),
                    text: c.to_string(),
                    label: format!("Exit code {c} at {} (Pod {})", fmt_time(e), p.name),
                });
            }
        }
    }
    for c in &p.conditions {
        if c.type_ == "DisruptionTarget" && c.status == "True" && c.last_transition_ms <= t {
            markers.push(Marker {
                kind: MarkerKind::Evicted,
                x: axis.x(c.last_transition_ms),
                text: "evicted".into(),
                label: format!(
                    "Evicted at {}: DisruptionTarget ({}) (Pod {})",
                    fmt_time(c.last_transition_ms),
                    c.reason,
                    p.name
                ),
            });
        }
    }
    Lane {
        name: p.name.clone(),
        text: short_label(p, label_chars),
        y,
        phase: p.phase,
        label: lane_label(p, t),
        segments,
        markers,
        events: if events.is_empty() {
            String::new()
        } else {
            let phrases: Vec<String> = events.iter().map(|e| event_phrase(e)).collect();
            format!("Kubelet: {}", phrases.join("; "))
        },
    }
}

/// The pod-failure backoff gaps: for each replacement Pod created at least the backoff delay after
/// the latest failure that counts (per index with backoffLimitPerIndex), the stretch from that
/// failure to the creation, labelled with the delay (`10s x 2^(n-1)`, capped at 10 minutes, n the
/// failures since the last success). Pods the controller deleted on suspend are no failures here.
pub(super) fn gaps(s: &Snapshot, shape: &JobShape, axis: Axis) -> Vec<Gap> {
    if shape.on_failure {
        // Under OnFailure the kubelet restarts in place; its back-off is drawn as segments.
        return Vec::new();
    }
    let suspended_at: HashSet<Millis> = s
        .events
        .iter()
        .filter(|e| e.reason == "Suspended")
        .map(|e| e.at_ms)
        .collect();
    let per_index = shape.backoff_limit_per_index.is_some();
    // (finish time, index, failed?) of each finished Pod, by finish time.
    let mut finished: Vec<(Millis, Option<u32>, bool, usize)> = s
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.phase.is_terminal() && p.finished_ms.is_some_and(|f| f <= s.time_ms))
        .filter(|(_, p)| {
            !p.deletion_requested_ms
                .is_some_and(|d| suspended_at.contains(&d))
        })
        .map(|(i, p)| (p.finish_time_ms(), p.index, p.phase == PodPhase::Failed, i))
        .collect();
    finished.sort_unstable_by_key(|f| f.0);
    let mut used: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for (lane_i, p) in s.pods.iter().enumerate() {
        let c = p.created_ms;
        let mut n = 0u32;
        let mut last: Option<(Millis, usize)> = None;
        for &(f, idx, failed, pod_i) in &finished {
            if f > c {
                break;
            }
            if per_index && idx != p.index {
                continue;
            }
            if failed {
                n += 1;
                last = Some((f, pod_i));
            } else {
                n = 0;
                last = None;
            }
        }
        let Some((f, pod_i)) = last else { continue };
        let shift = n.saturating_sub(1).min(16);
        let delay = (POD_FAILURE_BACKOFF_MS << shift).min(MAX_POD_FAILURE_BACKOFF_MS);
        if c < f + delay || !used.insert(pod_i) {
            continue;
        }
        let x = axis.x(f);
        out.push(Gap {
            x,
            w: (axis.x(c) - x).max(1.0),
            y: lane_y(lane_i),
            text: format!("backoff {}", fmt_secs(delay)),
            label: format!(
                "Backoff {}: {} failed at {}, so the controller waited before creating {} at {}",
                fmt_secs(delay),
                s.pods.get(pod_i).map_or("a Pod", |q| q.name.as_str()),
                fmt_time(f),
                p.name,
                fmt_time(c)
            ),
        });
    }
    out
}
