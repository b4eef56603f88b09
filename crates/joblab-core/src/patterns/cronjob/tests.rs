use super::*;
use crate::draw::cronjob::{cron_drawing, CronMarkerKind};
use crate::draw::Layout;

fn run(p: CronPreset, k: &CronKnobs) -> CronReplay {
    record(p, k).unwrap_or_else(|e| panic!("{p:?}: {e}"))
}

/// (scheduled time, outcome word) of every scheduled time of a run's span, as the schedule
/// row marks it.
fn outcomes(r: &CronReplay) -> Vec<(String, &'static str)> {
    let d = cron_drawing(r.end(), false, r.span_ms(), Layout::default());
    d.rows[0]
        .markers
        .iter()
        .map(|m| {
            let word = match m.kind {
                CronMarkerKind::Started => "run",
                CronMarkerKind::StartedLate => "late",
                CronMarkerKind::Skipped => "skip",
                CronMarkerKind::Missed => "miss",
                _ => "?",
            };
            (m.label.get(..8).unwrap_or("").to_owned(), word)
        })
        .collect()
}

fn reasons(r: &CronReplay) -> Vec<String> {
    let start = r.end().start_unix_seconds();
    r.end()
        .events()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                crate::draw::cronjob::clock(start, e.at_ms),
                e.reason
            )
        })
        .collect()
}

/// The golden story of every pattern at its preset knobs: what happened at each scheduled time
/// and the CronJob controller's events. The simulation is the CronJob controller's port, held to
/// the real one by the CronJob differential; this pins what the guide's diagrams show.
/// A pattern, its (scheduled time, outcome) pairs and its events' "time reason" lines.
type Story<'a> = (CronPreset, &'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn every_pattern_tells_its_story() {
    let table: [Story<'_>; 4] = [
        (
            CronPreset::History,
            &[
                ("00:05:00", "run"),
                ("00:10:00", "run"),
                ("00:15:00", "run"),
                ("00:20:00", "run"),
                ("00:25:00", "run"),
                ("00:30:00", "run"),
                ("00:35:00", "run"),
                ("00:40:00", "run"),
            ],
            &[],
        ),
        (
            CronPreset::Forbid,
            &[
                ("00:05:00", "run"),
                ("00:10:00", "skip"),
                ("00:15:00", "late"),
                ("00:20:00", "skip"),
                ("00:25:00", "late"),
            ],
            &[
                "00:05:00 SuccessfulCreate",
                "00:10:00 JobAlreadyActive",
                "00:15:00 JobAlreadyActive",
                "00:16:02 SawCompletedJob",
                "00:16:02 SuccessfulCreate",
                "00:20:00 JobAlreadyActive",
                "00:25:00 JobAlreadyActive",
                "00:27:04 SawCompletedJob",
                "00:27:04 SuccessfulCreate",
            ],
        ),
        (
            CronPreset::Replace,
            &[
                ("00:05:00", "run"),
                ("00:10:00", "run"),
                ("00:15:00", "run"),
                ("00:20:00", "run"),
                ("00:25:00", "run"),
            ],
            &[
                "00:05:00 SuccessfulCreate",
                "00:10:00 SuccessfulDelete",
                "00:10:00 SuccessfulCreate",
                "00:15:00 SuccessfulDelete",
                "00:15:00 SuccessfulCreate",
                "00:20:00 SuccessfulDelete",
                "00:20:00 SuccessfulCreate",
                "00:25:00 SuccessfulDelete",
                "00:25:00 SuccessfulCreate",
            ],
        ),
        (
            CronPreset::Missed,
            &[
                ("00:05:00", "run"),
                ("00:10:00", "miss"),
                ("00:15:00", "miss"),
                ("00:20:00", "run"),
                ("00:25:00", "run"),
                ("00:30:00", "late"),
                ("00:35:00", "run"),
                ("00:40:00", "run"),
                ("00:45:00", "run"),
            ],
            &[],
        ),
    ];
    for (p, want_outcomes, want_events) in table {
        let r = run(p, &CronKnobs::default_for(p));
        let got: Vec<(String, &str)> = outcomes(&r);
        let want: Vec<(String, &str)> = want_outcomes
            .iter()
            .map(|(t, o)| ((*t).to_owned(), *o))
            .collect();
        assert_eq!(got, want, "{p:?}");
        if !want_events.is_empty() {
            assert_eq!(reasons(&r), want_events, "{p:?}");
        }
        assert!(r.end().stopped().is_none(), "{p:?}");
    }
}

/// The history limits: at the end of the History pattern the controller keeps exactly the limit
/// of Complete and of Failed Jobs, and deleted the older ones oldest first.
#[test]
fn history_limits_keep_exactly_their_count() {
    for (succeeded, failed, fail_every) in [(2, 1, 3), (0, 0, 2), (3, 2, 2), (10, 10, 0)] {
        let k = CronKnobs {
            successful_jobs_history_limit: succeeded,
            failed_jobs_history_limit: failed,
            fail_every,
            ..CronKnobs::default_for(CronPreset::History)
        };
        let r = run(CronPreset::History, &k);
        let end = r.end();
        let finished = |kind: &str| {
            end.children()
                .iter()
                .filter(|j| j.finished_condition() == Some(kind))
                .collect::<Vec<_>>()
        };
        for (kind, limit) in [("Complete", succeeded), ("Failed", failed)] {
            let all = finished(kind);
            let kept: Vec<_> = all.iter().filter(|j| !j.gone()).collect();
            assert_eq!(
                kept.len(),
                all.len().min(limit as usize),
                "{kind} with limit {limit}, every {fail_every}th fails"
            );
            // The kept ones are the newest.
            let newest: Vec<_> = all.iter().rev().take(kept.len()).map(|j| &j.name).collect();
            let mut kept_names: Vec<_> = kept.iter().map(|j| &j.name).collect();
            kept_names.reverse();
            assert_eq!(kept_names, newest, "{kind}");
        }
        let failures = finished("Failed").len();
        // The span shows eight scheduled times (0:05 to 0:40; 0:45 is its last instant).
        assert_eq!(end.children().len(), 8);
        let want = if fail_every == 0 {
            0
        } else {
            8 / fail_every as usize
        };
        assert_eq!(failures, want, "every {fail_every}th of 8 Jobs fails");
    }
}

/// startingDeadlineSeconds decides which missed times still start after the suspend (0:15 is
/// 150 s old at the resume) and after the outage (0:30 is 60 s old at the restart); 0 starts
/// nothing at all, because the controller syncs 100 ms after a scheduled time.
#[test]
fn starting_deadline_decides_the_late_starts() {
    let at = |sds: u32| {
        let k = CronKnobs::default_for(CronPreset::Missed)
            .with(CronKnob::StartingDeadlineSeconds, i64::from(sds));
        outcomes(&run(CronPreset::Missed, &k))
    };
    let find =
        |o: &[(String, &'static str)], t: &str| o.iter().find(|(s, _)| s == t).map(|(_, w)| *w);
    let o = at(300);
    assert_eq!(find(&o, "00:15:00"), Some("late"));
    assert_eq!(find(&o, "00:10:00"), Some("miss"));
    assert_eq!(find(&o, "00:30:00"), Some("late"));
    let o = at(30);
    assert_eq!(find(&o, "00:15:00"), Some("miss"));
    assert_eq!(find(&o, "00:30:00"), Some("miss"));
    assert_eq!(find(&o, "00:35:00"), Some("run"));
    let r = run(
        CronPreset::Missed,
        &CronKnobs::default_for(CronPreset::Missed).with(CronKnob::StartingDeadlineSeconds, 0),
    );
    assert!(r.end().children().is_empty());
    assert!(outcomes(&r).iter().all(|(_, w)| *w == "miss"));
}

/// Runs shorter than the period never meet Forbid or Replace.
#[test]
fn short_runs_overlap_nothing() {
    for p in [CronPreset::Forbid, CronPreset::Replace] {
        let k = CronKnobs::default_for(p).with(CronKnob::RunSeconds, 200);
        let r = run(p, &k);
        assert!(
            outcomes(&r).iter().all(|(_, w)| *w == "run"),
            "{p:?} {:?}",
            outcomes(&r)
        );
        assert!(
            !r.end()
                .events()
                .iter()
                .any(|e| e.reason == "JobAlreadyActive"),
            "{p:?}"
        );
        // Only the history limit deletes Jobs here, and only finished ones.
        assert!(
            r.end()
                .children()
                .iter()
                .filter(|j| j.deleted_ms().is_some())
                .all(|j| j.finished_condition() == Some("Complete")),
            "{p:?}"
        );
    }
}

/// The presets skip the check pipeline and the zone database (see `template` and
/// `ControllerSchedule::utc`); this shows that changes nothing. Every manifest, at its preset
/// knobs and at each knob's bounds, passes `check_source` without an error, and the run built from
/// the checked document (`CronJobSimulation::from_check`, the path a user's CronJob takes) creates
/// and deletes the same Jobs at the same times with the same events.
#[test]
fn patterns_run_exactly_as_user_input_does() {
    for p in CronPreset::ALL {
        let base = CronKnobs::default_for(p);
        let mut all = vec![base];
        for &knob in p.knobs() {
            let (lo, hi) = knob.range();
            all.extend([base.with(knob, lo), base.with(knob, hi)]);
        }
        for k in all {
            let setup = build(p, &k);
            let text = setup.manifest.to_string();
            let report = crate::check::check_source(&text);
            assert!(!report.has_errors(), "{p:?} {k:?}: {text}");
            let doc = &report.documents[0];
            let mut theirs = CronJobSimulation::from_check(&text, doc, setup.scenario.clone())
                .unwrap_or_else(|e| panic!("{e}"));
            let mut ours = simulation(&setup).unwrap_or_else(|e| panic!("{e}"));
            theirs.advance_to(setup.span_ms);
            ours.advance_to(setup.span_ms);
            let jobs = |s: &CronJobSimulation| {
                s.children()
                    .iter()
                    .map(|j| {
                        (
                            j.name.clone(),
                            j.created_ms,
                            j.deleted_ms(),
                            j.finished_condition(),
                            j.sim.pods().len(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(jobs(&ours), jobs(&theirs), "{p:?} {k:?}");
            assert_eq!(ours.events(), theirs.events(), "{p:?} {k:?}");
            assert_eq!(ours.status(), theirs.status(), "{p:?} {k:?}");
        }
    }
}

#[test]
fn the_zone_free_parser_agrees_and_refuses_prefixes() {
    for s in [
        "*/5 * * * *",
        "0 3 * * *",
        "30 9 * * MON-FRI",
        "0 0 1,15 * 5",
        "@hourly",
        "@every 90m",
        "0 25 * * *",
        "",
    ] {
        assert_eq!(
            crate::cron::parse_standard_without_zones(s),
            crate::cron::parse_standard(s),
            "{s:?}"
        );
    }
    assert!(crate::cron::parse_standard_without_zones("TZ=UTC 0 3 * * *").is_err());
    assert!(crate::cron::parse_standard_without_zones("CRON_TZ=UTC 0 3 * * *").is_err());
}

#[test]
fn slugs_and_labels_are_the_contract() {
    // Routes (`#/cronjobs/<slug>`), embeds in course pages and the end-to-end tests name the
    // CronJob patterns by these strings, so a change here must be deliberate.
    let want = [
        ("schedule-history", "Schedule and history limits"),
        ("forbid", "Forbid skips a run"),
        ("replace", "Replace stops a run"),
        ("missed-runs", "Missed runs and startingDeadlineSeconds"),
    ];
    let got: Vec<_> = CronPreset::ALL
        .iter()
        .map(|p| (p.slug(), p.label()))
        .collect();
    assert_eq!(got, want);
    for p in CronPreset::ALL {
        assert_eq!(CronPreset::from_slug(p.slug()), Some(p));
        // No CronJob slug is a Job pattern's, so `#/embed/<slug>` stays unambiguous.
        assert_eq!(crate::patterns::Preset::from_slug(p.slug()), None);
        assert!(!p.knobs().is_empty());
    }
    let keys: Vec<_> = CronKnob::ALL_KNOBS.iter().map(|k| k.key()).collect();
    assert_eq!(
        keys,
        [
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
            "failEvery",
            "runSeconds",
            "startingDeadlineSeconds"
        ]
    );
}

#[test]
fn knobs_clamp_and_replay_any_time() {
    let k = CronKnobs::default_for(CronPreset::Forbid).with(CronKnob::RunSeconds, i64::MAX);
    assert_eq!(k.run_seconds, 1800);
    let r = run(
        CronPreset::Forbid,
        &CronKnobs::default_for(CronPreset::Forbid),
    );
    // The replay's state at any time is the run advanced there.
    for t in [
        0, 299_000, 300_200, 961_000, 1_000_000, 1_800_000, 5_000_000,
    ] {
        let mut fresh = simulation(&build(
            CronPreset::Forbid,
            &CronKnobs::default_for(CronPreset::Forbid),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        fresh.advance_to(t.min(r.span_ms()));
        let at = r.at(t);
        assert_eq!(at.events(), fresh.events(), "{t}");
        assert_eq!(at.status(), fresh.status(), "{t}");
        assert_eq!(at.children().len(), fresh.children().len(), "{t}");
    }
}

#[test]
fn start_unix_seconds_is_start_time() {
    assert_eq!(
        crate::civil::parse_rfc3339(START_TIME),
        Some(START_UNIX_SECONDS)
    );
    for p in CronPreset::ALL {
        let r = run(p, &CronKnobs::default_for(p));
        assert_eq!(r.end().start_unix_seconds(), START_UNIX_SECONDS, "{p:?}");
    }
}
