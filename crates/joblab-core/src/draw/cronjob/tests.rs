use super::*;
use crate::patterns::cronjob::{record, CronKnobs, CronPreset, CronReplay};

fn replay(p: CronPreset) -> CronReplay {
    record(p, &CronKnobs::default_for(p)).unwrap_or_else(|e| panic!("{e}"))
}

fn at(r: &CronReplay, t: Millis, layout: Layout) -> CronDrawing {
    cron_drawing(&r.at(t), false, r.span_ms(), layout)
}

#[test]
fn rows_nest_pods_under_their_jobs() {
    for p in CronPreset::ALL {
        let r = replay(p);
        let d = at(&r, r.span_ms(), Layout::default());
        assert_eq!(d.rows[0].kind, RowKind::Schedule);
        assert_eq!(
            d.rows.get(1).map(|r| r.kind) == Some(RowKind::Controller),
            p == CronPreset::Missed,
            "{p:?}"
        );
        let mut job: Option<&str> = None;
        for row in &d.rows {
            match row.kind {
                RowKind::Job => {
                    assert!(
                        row.label.starts_with(&format!("Job {}: ", row.name)),
                        "{}",
                        row.label
                    );
                    job = Some(&row.name);
                }
                RowKind::Pod => {
                    let j = job.unwrap_or_else(|| panic!("a Pod row before any Job row"));
                    assert!(
                        row.name.starts_with(&format!("{j}-")),
                        "{} under {j}",
                        row.name
                    );
                    assert!(
                        row.label.contains(&format!(" of Job {j}: ")),
                        "{}",
                        row.label
                    );
                }
                _ => assert!(job.is_none(), "schedule rows come first"),
            }
            assert!(
                row.text.chars().count() <= crate::draw::NARROW_LABEL_CHARS,
                "{}",
                row.text
            );
        }
        let jobs = d.rows.iter().filter(|r| r.kind == RowKind::Job).count();
        assert_eq!(jobs, r.end().children().len(), "{p:?}");
        assert_eq!(d.height, TOP + d.rows.len() as f64 * LANE_H + AXIS_H);
    }
}

#[test]
fn forbid_marks_change_as_time_passes() {
    let r = replay(CronPreset::Forbid);
    // 0:12: the 0:10 time was skipped while the first Job runs.
    let d = at(&r, 720_000, Layout::default());
    let kinds: Vec<CronMarkerKind> = d.rows[0].markers.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [CronMarkerKind::Started, CronMarkerKind::Skipped]);
    assert!(d.rows[0].markers[1].label.contains("(JobAlreadyActive)"));
    assert_eq!(
        d.status,
        "Scheduling: 1 active, 1 Jobs created, 1 kept, last scheduled 00:05:00"
    );
    // 0:15:30: 0:15 waits too; at 0:16:02 the first Job completed and 0:15 started late.
    let d = at(&r, 930_000, Layout::default());
    assert_eq!(d.rows[0].markers[2].kind, CronMarkerKind::Skipped);
    let d = at(&r, 962_100, Layout::default());
    assert_eq!(d.rows[0].markers[2].kind, CronMarkerKind::StartedLate);
    assert!(
        d.rows[0].markers[2]
            .label
            .ends_with("created late, at 00:16:02"),
        "{}",
        d.rows[0].markers[2].label
    );
    let active = d
        .panel
        .iter()
        .find(|r| r.name == "active")
        .map(|r| r.value.clone());
    assert_eq!(active.as_deref(), Some("sync-28928175"));
}

#[test]
fn replace_and_history_deletions_say_who_deleted() {
    let r = replay(CronPreset::Replace);
    let d = at(&r, r.span_ms(), Layout::default());
    let first = d
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Job)
        .map(|r| r.label.clone());
    assert_eq!(
        first.as_deref(),
        Some("Job refresh-28928165: for the scheduled time 00:05:00 UTC, created 00:05:00, deleted 00:10:00 by concurrencyPolicy Replace")
    );
    let r = replay(CronPreset::History);
    let d = at(&r, r.span_ms(), Layout::default());
    let deleted: Vec<&str> = d
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Job && r.deleted)
        .flat_map(|r| r.markers.iter().map(|m| m.label.as_str()))
        .collect();
    assert!(
        deleted
            .iter()
            .any(|l| l.contains("by failedJobsHistoryLimit")),
        "{deleted:?}"
    );
    assert!(
        deleted
            .iter()
            .any(|l| l.contains("by successfulJobsHistoryLimit")),
        "{deleted:?}"
    );
    let kept = d
        .panel
        .iter()
        .find(|r| r.name == "Finished Jobs kept")
        .map(|r| r.value.clone());
    assert_eq!(
        kept.as_deref(),
        Some("2 Complete (limit 2), 1 Failed (limit 1)")
    );
}

#[test]
fn bands_show_the_suspend_and_the_outage() {
    let r = replay(CronPreset::Missed);
    let d = at(&r, r.span_ms(), Layout::default());
    let labels: Vec<&str> = d.bands.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Suspended 00:06:00 to 00:17:30",
            "CronJob controller down 00:27:00 to 00:31:00"
        ]
    );
    // Mid-suspend the band ends at the frame's time and the status says so.
    let d = at(&r, 600_000, Layout::default());
    assert_eq!(d.bands.len(), 1);
    assert_eq!(d.bands[0].label, "Suspended 00:06:00 to 00:10:00");
    assert!(d.status.starts_with("Suspended: "), "{}", d.status);
    let d = at(&r, 1_700_000, Layout::default());
    assert!(d.status.starts_with("Controller down: "), "{}", d.status);
}

#[test]
fn narrow_layouts_keep_ticks_apart_and_inside() {
    let r = replay(CronPreset::Missed);
    for avail in [100.0, 320.0, 420.0, 639.0, 800.0, 1900.0] {
        let layout = Layout::for_width(avail);
        let d = at(&r, r.span_ms(), layout);
        assert!(d.ticks.len() >= 2);
        assert!(
            d.ticks.windows(2).all(|w| w[1].x - w[0].x >= 64.0 - 1e-9),
            "{avail}"
        );
        assert!(d.ticks.iter().all(|t| t.x <= layout.plot_x1 + 1e-9));
        for row in &d.rows {
            for s in &row.segments {
                assert!(s.x >= layout.plot_x0 - 1e-9 && s.x + s.w <= layout.plot_x1 + 1.0 + 1e-9);
            }
        }
    }
}

#[test]
fn key_times_are_sorted_and_within_the_run() {
    let r = replay(CronPreset::Replace);
    let k = key_times(r.end());
    assert!(k.windows(2).all(|w| w[0] < w[1]));
    assert!(k.iter().all(|&t| t <= r.span_ms()));
    assert!(k.contains(&300_100), "the first Job's creation");
    assert_eq!(clock(1_735_689_600, 962_100), "00:16:02");
}
