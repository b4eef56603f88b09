//! Joblab's CronJob simulation against the real CronJob controller's committed runs
//! (oracle/vectors/cronjob-simulate.jsonl: at least 1 000 generated CronJob x scenario cases, each with
//! what `oracle simulate` printed for the real CronJob controller v2 and the real Job controller
//! of every child Job), with no Go needed. Every vector must agree exactly
//! (crates/oracle-diff/src/sim/cron.rs says what agreement means). Regenerate them with
//! `bash scripts/oracle-vectors.sh --simulate-cronjobs`.

use std::path::Path;

use oracle_diff::sim::{check_all, read_sim_vectors};

#[test]
fn the_cronjob_simulation_agrees_with_every_committed_controller_run() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/cronjob-simulate.jsonl");
    let vectors = read_sim_vectors(&path).expect("the committed CronJob simulation vectors");
    let generated = vectors.iter().filter(|v| v.id.starts_with("cron-")).count();
    assert!(
        generated >= 1000,
        "{generated} generated vectors; the differential commits at least 1000"
    );
    match check_all(&vectors) {
        Ok(tally) => assert!(tally.jobs > 0, "the vectors compare no CronJob Jobs"),
        Err(report) => panic!("{report}"),
    }
}

/// Cases a CI run's fresh seed once found disagreeing (oracle/vectors/cronjob-regressions.txt says
/// which and why), kept after the fix so they are checked on every run, whatever the seed.
#[test]
fn the_cronjob_simulation_agrees_on_every_case_a_ci_seed_once_failed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../oracle/vectors/cronjob-simulate-regressions.jsonl");
    let vectors = read_sim_vectors(&path).expect("the committed CronJob regression vectors");
    let listed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/cronjob-regressions.txt"),
    )
    .expect("the regression list");
    let ids: Vec<&str> = listed
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    let got: Vec<&str> = vectors.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(got, ids, "the vectors are the listed cases; regenerate them with `bash scripts/oracle-vectors.sh --simulate-cronjob-regressions`");
    if let Err(report) = check_all(&vectors) {
        panic!("{report}");
    }
}
