//! `joblab schedule`: its output and exit codes. The run times of the first case are what the
//! oracle (`oracle cron`, robfig/cron v3.0.1) lists for the same schedule, zone and start.

use std::process::Command;

fn joblab(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_joblab"))
        .args(args)
        .output()
        .expect("run joblab");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn lists_runs_in_both_zones_with_the_sentence_and_warnings() {
    let (code, stdout, _) = joblab(&[
        "schedule",
        "30 2 * * *",
        "--time-zone",
        "Europe/Berlin",
        "--from",
        "2025-03-28T00:00:00Z",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "At 02:30 every day, Europe/Berlin time
warning: 02:30 does not exist in Europe/Berlin on 2025-03-30: clocks go forward from 02:00 to 03:00; the first run after the change is 2025-03-31T02:30:00+02:00
warning: 02:30 happens twice in Europe/Berlin on 2025-10-26: clocks go back, repeating 02:00 to 03:00, and the controller runs at 2025-10-26T02:30:00+02:00 and 2025-10-26T02:30:00+01:00

Next 5 runs after 2025-03-28T00:00:00Z:
  Europe/Berlin               UTC
  2025-03-28T02:30:00+01:00   2025-03-28T01:30:00Z
  2025-03-29T02:30:00+01:00   2025-03-29T01:30:00Z
  2025-03-31T02:30:00+02:00   2025-03-31T00:30:00Z
  2025-04-01T02:30:00+02:00   2025-04-01T00:30:00Z
  2025-04-02T02:30:00+02:00   2025-04-02T00:30:00Z
"
    );
}

#[test]
fn without_a_zone_the_runs_are_in_utc() {
    let (code, stdout, _) = joblab(&[
        "schedule",
        "*/20 * * * *",
        "--from",
        "2025-01-01T00:50:00Z",
        "--count",
        "2",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "Every 20 minutes\n\nNext 2 runs after 2025-01-01T00:50:00Z:\n  2025-01-01T01:00:00Z\n  2025-01-01T01:20:00Z\n"
    );
}

#[test]
fn invalid_schedules_and_zones_are_errors_in_the_api_servers_words() {
    let (code, stdout, stderr) = joblab(&["schedule", "0-60 * * * *"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert_eq!(
        stderr,
        "error: spec.schedule: Invalid value: \"0-60 * * * *\": end of range (60) above maximum (59): 0-60\n  0-60 * * * *\n  ^^^^\n"
    );
    let (code, _, stderr) = joblab(&["schedule", "@daily", "--time-zone", "Mars/Olympus"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus\n"
    );
    let (code, _, stderr) = joblab(&["schedule", ""]);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(1), "error: spec.schedule: Required value\n")
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["schedule", "@daily", "--from", "yesterday"][..],
        &["schedule", "@daily", "--count", "0"][..],
        &["schedule"][..],
    ] {
        let (code, _, stderr) = joblab(args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
    }
}
