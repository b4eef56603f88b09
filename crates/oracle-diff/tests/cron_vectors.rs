//! Joblab's cron engine against robfig/cron's committed answers (oracle/vectors/cron.jsonl:
//! generated schedules, time zones and start times near daylight-saving changes, each with what
//! `oracle cron` answered), with no Go needed. Every vector must agree, or differ only by the
//! checked tzdb-version gap (crates/oracle-diff/src/cron.rs `TZDB_GAPS`). Regenerate them with
//! `bash scripts/oracle-vectors.sh --cron`.

use std::path::Path;

use oracle_diff::cron::{
    compare, joblab_answer, read_cron_vectors, CronAnswer, CronCase, CronOutcome, CronTally,
};

#[test]
fn the_cron_engine_agrees_with_every_committed_robfig_answer() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/cron.jsonl");
    let vectors = read_cron_vectors(&path).expect("the committed cron vectors");
    assert!(
        vectors.len() >= 5000,
        "{} vectors; the differential commits at least 5000",
        vectors.len()
    );
    let mut tally = CronTally::default();
    let mut failures = Vec::new();
    for v in &vectors {
        let outcome = compare(&v.case, &v.answer, &joblab_answer(&v.case));
        tally.add(&v.answer, &outcome);
        if let CronOutcome::Disagree(diffs) = &outcome {
            if failures.len() < 5 {
                failures.push(format!(
                    "case {} ({}): schedule {:?}, timeZone {:?}, start {}\n  {}",
                    v.case.id,
                    v.case.origin,
                    v.case.schedule,
                    v.case.time_zone,
                    v.case.start,
                    diffs.join("\n  ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}{} of {} vectors disagree; the first:\n\n{}",
        tally.render(),
        tally.disagreeing,
        tally.cases,
        failures.join("\n")
    );
    // The vectors must exercise what the differential is for.
    let origins = ["fields", "dst", "macro", "tz-prefix", "garbage", "day-rule"];
    for origin in origins {
        assert!(
            vectors.iter().any(|v| v.case.origin == origin),
            "no {origin} case"
        );
    }
    assert!(tally.accepted > 1000 && tally.cases - tally.accepted > 1000);
}

/// The tzdb-version difference is named only when it is exactly that: a near miss (another
/// zone, a difference before the gap, another field) is a disagreement.
#[test]
fn the_tzdb_gap_is_checked_not_assumed() {
    let case = |zone: &str| CronCase {
        id: "t".into(),
        origin: "test".into(),
        schedule: "@annually".into(),
        time_zone: Some(zone.into()),
        start: "2024-11-03T04:59:59Z".into(),
        count: 3,
    };
    let answer = |next: &[&str]| CronAnswer {
        id: "t".into(),
        next: Some(next.iter().map(|s| s.to_string()).collect()),
        ..CronAnswer::default()
    };
    let go = answer(&[
        "2025-01-01T00:00:00-05:00",
        "2026-01-01T00:00:00-05:00",
        "2027-01-01T00:00:00-05:00",
    ]);
    let ours = answer(&[
        "2025-01-01T00:00:00-05:00",
        "2026-01-01T00:00:00-05:00",
        "2027-01-01T00:00:00-04:00",
    ]);
    assert_eq!(
        compare(&case("America/Havana"), &go, &ours),
        CronOutcome::TzdbVersion("America/Havana")
    );
    // Another zone: not explained.
    assert!(matches!(
        compare(&case("America/New_York"), &go, &ours),
        CronOutcome::Disagree(_)
    ));
    // A difference before the gap: not explained.
    let early = answer(&[
        "2025-01-01T00:00:00-04:00",
        "2026-01-01T00:00:00-05:00",
        "2027-01-01T00:00:00-04:00",
    ]);
    assert!(matches!(
        compare(&case("America/Havana"), &go, &early),
        CronOutcome::Disagree(_)
    ));
    // Another field differs too: not explained.
    let mut erred = ours.clone();
    erred.error = Some("x".into());
    assert!(matches!(
        compare(&case("America/Havana"), &go, &erred),
        CronOutcome::Disagree(_)
    ));
}
