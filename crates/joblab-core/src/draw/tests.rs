use super::*;
use crate::patterns::{build, Knobs, Preset};
use crate::sim::{Replay, Simulation};

fn run(p: Preset) -> (Replay, JobShape) {
    let (job, scenario) = build(p, &Knobs::default_for(p));
    let shape = JobShape::of(&job);
    (
        Replay::record(
            Simulation::new(job, scenario),
            crate::patterns::RUN_LIMIT_MS,
        ),
        shape,
    )
}

#[test]
fn formats_times() {
    for (ms, want) in [
        (0, "0:00"),
        (11_999, "0:11"),
        (61_000, "1:01"),
        (3_600_000, "60:00"),
    ] {
        assert_eq!(fmt_time(ms), want);
    }
    assert_eq!(fmt_secs(10_000), "10s");
    assert_eq!(fmt_secs(2_500), "2.5s");
}

#[test]
fn status_sentences_of_every_pattern_at_the_end() {
    let cases = [
        (
            Preset::Simple,
            "Complete (CompletionsReached): 1 succeeded, 0 failed, 0 active",
        ),
        (
            Preset::Parallel,
            "Complete (CompletionsReached): 6 succeeded, 0 failed, 0 active",
        ),
        (
            Preset::Failure,
            "Failed (BackoffLimitExceeded): 0 succeeded, 3 failed, 0 active",
        ),
        (Preset::Deadline, "Failed (DeadlineExceeded): "),
        (Preset::SuccessPolicy, "Complete (SuccessPolicy): "),
        (Preset::PodFailurePolicy, "Failed (PodFailurePolicy): "),
        (Preset::BackoffPerIndex, "Failed (FailedIndexes): "),
        (
            Preset::WorkQueue,
            "Complete (CompletionsReached): 3 succeeded",
        ),
    ];
    for (p, want) in cases {
        let (r, shape) = run(p);
        let end = r.end().now();
        let d = drawing(&r.snapshot_at(end), end, &shape);
        assert!(d.status.starts_with(want), "{p:?}: {}", d.status);
    }
}

#[test]
fn status_while_running_and_suspended() {
    let (r, shape) = run(Preset::Parallel);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(5_000), end, &shape);
    assert_eq!(d.status, "Running: 0 succeeded, 0 failed, 3 active");
    let (r, shape) = run(Preset::SuspendResume);
    let d = drawing(&r.snapshot_at(10_000), r.end().now(), &shape);
    assert!(d.status.starts_with("Suspended: "), "{}", d.status);
    let d = drawing(&r.snapshot_at(0), r.end().now(), &shape);
    assert!(d.status.starts_with("Running") || d.status.starts_with("Created"));
}

#[test]
fn durations_read_in_whole_seconds_or_tenths() {
    for (ms, want) in [
        (0, "0s"),
        (10_000, "10s"),
        (2_500, "2.5s"),
        (2_540, "2.5s"),
        (2_550, "2.6s"),
        (999, "1.0s"),
        (61_050, "61.1s"),
    ] {
        assert_eq!(fmt_secs(ms), want, "{ms}");
    }
}

#[test]
fn failure_pattern_lanes_gaps_and_names() {
    let (r, shape) = run(Preset::Failure);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert_eq!(d.lanes.len(), 3);
    for lane in &d.lanes {
        assert!(
            lane.label
                .starts_with(&format!("Pod {}: Failed, exit code 1, ran ", lane.name)),
            "{}",
            lane.label
        );
        assert!(!lane.segments.iter().any(|s| s.label.starts_with("Pod ")));
        assert!(lane
            .markers
            .iter()
            .any(|m| m.kind == MarkerKind::Exit { code: 1 }));
    }
    let texts: Vec<&str> = d.gaps.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(texts, ["backoff 10s", "backoff 20s"]);
    assert!(d.gaps[0].label.starts_with("Backoff 10s: "));
    assert_eq!(d.gaps[1].y, TOP + 2.0 * LANE_H);
    // The browser sets a lane's place from its index alone (lane_y), so the model must agree.
    for (i, lane) in d.lanes.iter().enumerate() {
        assert_eq!(lane.y, lane_y(i), "lane {i}");
    }
    let failed = d
        .panel
        .iter()
        .find(|r| r.name == "Failed")
        .map(|r| r.value.clone());
    assert_eq!(
        failed.as_deref(),
        Some("failed 3 / backoffLimit 2 (fails at 3)")
    );
    assert!(d
        .conditions
        .iter()
        .any(|c| c.type_ == "Failed" && c.terminal));
    // The first Pod alone, mid-run: one open Running segment ending at the snapshot time.
    let d = drawing(&r.snapshot_at(5_000), end, &shape);
    assert_eq!(d.lanes.len(), 1);
    assert!(
        d.lanes[0].label.contains("Running, running since 0:01"),
        "{}",
        d.lanes[0].label
    );
    let last = d.lanes[0].segments.last().map(|s| s.x + s.w);
    assert!(last.is_some_and(|x| (x - d.now_x).abs() < 1.01));
    assert!(d.gaps.is_empty());
}

#[test]
fn work_queue_and_indexed_panels() {
    let (r, shape) = run(Preset::WorkQueue);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert_eq!(d.panel[0].value, "3/1 of 3");
    let (r, shape) = run(Preset::Indexed);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert_eq!(d.panel[0].value, "5/5");
    assert!(d.lanes.iter().all(|l| l.text.starts_with('#')));
    assert!(d.lanes.iter().all(|l| l.label.contains(", index ")));
}

#[test]
fn on_failure_has_restart_markers_and_no_gaps() {
    let (r, shape) = run(Preset::OnFailure);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert_eq!(d.lanes.len(), 1);
    assert!(d.gaps.is_empty());
    let restarts = d.lanes[0]
        .markers
        .iter()
        .filter(|m| m.kind == MarkerKind::Restart)
        .count();
    assert_eq!(restarts, 2);
    assert!(
        d.lanes[0].label.contains("2 restarts"),
        "{}",
        d.lanes[0].label
    );
}

#[test]
fn eviction_marker() {
    let (r, shape) = run(Preset::PodFailurePolicy);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert!(d
        .lanes
        .iter()
        .all(|l| l.text.chars().count() <= LABEL_CHARS));
    assert!(d.lanes[0].text.ends_with('…'));
    assert!(d.lanes[0]
        .label
        .starts_with(&format!("Pod {}: ", d.lanes[0].name)));
    let ev = d.lanes[0]
        .markers
        .iter()
        .find(|m| m.kind == MarkerKind::Evicted);
    assert!(ev.is_some_and(|m| m.label.starts_with("Evicted at ")));
}

#[test]
fn pulls_kubelet_events_and_refused_pods_are_described() {
    let job: Job = serde_json::from_value(serde_json::json!({
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
        "spec": {"completions": 2, "parallelism": 2, "template": {"spec": {
            "restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36"}]}}}
    }))
    .expect("test job");
    let scenario = crate::scenario::Scenario::from_yaml(
        "imagePresent: false\nimagePullSeconds: 4\nimageSizeBytes: 7\nquotaExceeded: {from: 0, to: 2}\n",
    )
    .expect("scenario");
    let shape = JobShape::of(&job);
    let r = Replay::record(Simulation::new(job, scenario), 600_000);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    // Refused at 0 and 1; created at 3 (1 s, then 2 s later); the pulls end at 8 and 12.
    let row = d.panel.iter().find(|r| r.name == "Refused Pods");
    assert!(
        row.is_some_and(|r| r.value.starts_with("2 FailedCreate, the last at 0:01: Error creating: pods \"j-")
            && r.value.ends_with("is forbidden: exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10")),
        "{row:?}"
    );
    let pending = &d.lanes[1].segments[0];
    assert_eq!(
        pending.label,
        format!(
            "Pending 0:03 to 0:12, Pulling image \"busybox:1.36\" at 0:04, Successfully pulled image \"busybox:1.36\" in 4s (8s including waiting). Image size: 7 bytes. at 0:12 (Pod {})",
            d.lanes[1].name
        )
    );
    assert!(d.lanes[1].events.starts_with("Kubelet: Pulling image"));
    // The Running stretch and the lane's own name say nothing new.
    assert!(!d.lanes[1].segments[1].label.contains("ull"));
    assert!(!d.lanes[1].label.contains("ull"));
    // Before the pull ends, the open Pending stretch shows the pull in progress only.
    let mid = drawing(&r.snapshot_at(6_000), end, &shape);
    assert!(mid.lanes[0].segments[0].label.ends_with(&format!(
        "Pulling image \"busybox:1.36\" at 0:04 (Pod {})",
        mid.lanes[0].name
    )));
    // A preset without pulls or kills keeps every name and has no kubelet sentence.
    let (r, shape) = run(Preset::Parallel);
    let end = r.end().now();
    let d = drawing(&r.snapshot_at(end), end, &shape);
    assert!(d.lanes.iter().all(|l| l.events.is_empty()));
    assert!(d.panel.iter().all(|r| r.name != "Refused Pods"));
}

#[test]
fn narrow_layouts_reflow_instead_of_shrinking() {
    let (r, shape) = run(Preset::PodFailurePolicy);
    let end = r.end().now();
    let s = r.snapshot_at(end);
    for avail in [100.0, 288.0, 420.0, 639.0, 640.0, 800.0, 1200.0, 1900.0] {
        let layout = Layout::for_width(avail);
        assert_eq!(layout.width, f64::max(avail, MIN_VIEW_W), "{avail}");
        let d = drawing_in(&s, end, &shape, layout);
        // Ticks keep room for their text, however narrow the drawing.
        assert!(d.ticks.len() >= 2, "{avail}");
        assert!(
            d.ticks
                .windows(2)
                .all(|w| w[1].x - w[0].x >= TICK_SPACE - 1e-9),
            "{avail}: {:?}",
            d.ticks
        );
        assert!(d.ticks.iter().all(|t| t.x <= layout.plot_x1 + 1e-9));
        // Lane labels shorten, and the full name stays in the accessible name.
        for lane in &d.lanes {
            assert!(
                lane.text.chars().count() <= layout.label_chars,
                "{}",
                lane.text
            );
            assert!(lane.label.starts_with(&format!("Pod {}: ", lane.name)));
        }
        assert!(d.now_x <= layout.plot_x1 + 1e-9 && d.now_x >= layout.plot_x0);
    }
    let narrow = Layout::for_width(360.0);
    assert_eq!(narrow.label_chars, NARROW_LABEL_CHARS);
    assert_eq!(Layout::for_width(f64::NAN), Layout::for_width(VIEW_W));
    assert_eq!(Layout::for_width(VIEW_W), Layout::default());
}

/// What a playing diagram relies on (`src/diagram/svg.rs`): the drawing at the run's last
/// change before `t` is the drawing at `t` but for the "now" line and how far the open
/// stretches reach, and an open stretch's text is the one it shows once wide enough.
#[test]
fn the_drawing_at_the_last_change_differs_only_in_open_stretches() {
    for p in Preset::ALL {
        let (r, shape) = run(p);
        let end = r.end().now();
        for t in (0..=end).step_by(250) {
            let at = r.last_change_at(t);
            let now = drawing(&r.snapshot_at(t), end, &shape);
            let then = drawing(&r.snapshot_at(at), end, &shape);
            let ctx = format!("{} at {t} (last change {at})", p.slug());
            assert_eq!(now.lanes.len(), then.lanes.len(), "{ctx}");
            assert_eq!(
                (&now.panel, &now.status, &now.gaps),
                (&then.panel, &then.status, &then.gaps),
                "{ctx}"
            );
            for (a, b) in now.lanes.iter().zip(&then.lanes) {
                assert_eq!((&a.label, &a.text, a.y), (&b.label, &b.text, b.y), "{ctx}");
                assert_eq!(a.markers, b.markers, "{ctx}");
                assert_eq!(a.segments.len(), b.segments.len(), "{ctx}");
                for (x, y) in a.segments.iter().zip(&b.segments) {
                    assert_eq!(
                        (x.class, x.x, &x.text, &x.label, x.open),
                        (y.class, y.x, &y.text, &y.label, y.open),
                        "{ctx}"
                    );
                    if x.open {
                        // Drawn to the axis's end and clipped at the line: its text shows
                        // once the part left of the line is wide enough.
                        assert_eq!(x.shown_text(), y.shown_text_at(now.now_x - y.x), "{ctx}");
                    } else {
                        assert_eq!(x.w, y.w, "{ctx}");
                    }
                }
            }
        }
    }
}

#[test]
fn key_times_step_forward() {
    let (r, _) = run(Preset::Failure);
    let times = key_times(&r.end().snapshot());
    assert!(times.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(
        next_key_time(&times, 0),
        times.iter().copied().find(|&t| t > 0)
    );
    assert_eq!(next_key_time(&times, r.end().now()), None);
}

#[test]
fn two_hundred_pods_draw_quickly() {
    let knobs = Knobs {
        completions: 200,
        parallelism: 50,
        ..Knobs::default_for(Preset::Parallel)
    };
    let (job, scenario) = build(Preset::Parallel, &knobs);
    let shape = JobShape::of(&job);
    let r = Replay::record(
        Simulation::new(job, scenario),
        crate::patterns::RUN_LIMIT_MS,
    );
    let end = r.end().now();
    let s = r.snapshot_at(end);
    assert_eq!(s.pods.len(), 200);
    let d = drawing(&s, end, &shape);
    assert_eq!(d.lanes.len(), 200);
    assert!(d.height > 200.0 * LANE_H);
}
