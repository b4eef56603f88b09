//! The cron engine against robfig/cron v3.0.1's own behaviour: parse errors with robfig's text
//! and spans, and next run times across daylight-saving changes. The expected times were worked
//! out from Go's `time.Date` rules and agree with the oracle (`oracle cron`); the committed
//! oracle vectors (crates/oracle-diff/tests/cron_vectors.rs) check thousands more.

use joblab_core::civil::{format_rfc3339, parse_rfc3339};
use joblab_core::cron::{self, parse_standard, Zone};

fn t(text: &str) -> i64 {
    parse_rfc3339(text).expect("a valid RFC 3339 time")
}

fn next_n(spec: &str, zone: &str, from: &str, count: usize) -> Vec<String> {
    let schedule = parse_standard(spec).expect("a valid schedule");
    let zone = cron::zone(zone).expect("a known zone");
    schedule
        .next_n(t(from), &zone, count)
        .into_iter()
        .map(format_rfc3339)
        .collect()
}

#[test]
fn parse_errors_carry_robfigs_message_and_span() {
    let cases: &[(&str, &str, (usize, usize))] = &[
        ("", "empty spec string", (0, 0)),
        (
            "* * * *",
            "expected exactly 5 fields, found 4: [* * * *]",
            (0, 7),
        ),
        (
            "0-60 * * * *",
            "end of range (60) above maximum (59): 0-60",
            (0, 4),
        ),
        (
            "* * 0 * *",
            "beginning of range (0) below minimum (1): 0",
            (4, 5),
        ),
        (
            "* * * * 5-2",
            "beginning of range (5) beyond end of range (2): 5-2",
            (8, 11),
        ),
        (
            "*/0 * * * *",
            "step of range should be a positive number: */0",
            (0, 3),
        ),
        ("1-2-3 * * * *", "too many hyphens: 1-2-3", (0, 5)),
        ("1/2/3 * * * *", "too many slashes: 1/2/3", (0, 5)),
        (
            "x * * * *",
            "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            (0, 1),
        ),
        (
            "*/-1 * * * *",
            "negative number (-1) not allowed: -1",
            (0, 4),
        ),
        // "-1" is a range from "" to 1, and "" is no number.
        (
            "5,-1 * * * *",
            "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            (2, 4),
        ),
        (
            "* * * JANUARY *",
            "failed to parse int from JANUARY: strconv.Atoi: parsing \"JANUARY\": invalid syntax",
            (6, 13),
        ),
        ("@weekly2", "unrecognized descriptor: @weekly2", (0, 8)),
        (
            "@every 1d",
            "failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"",
            (0, 9),
        ),
        (
            "TZ=Mars/Olympus * * * * *",
            "provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
            (3, 15),
        ),
        (
            "CRON_TZ=../etc * * * * *",
            "provided bad location ../etc: time: invalid location name",
            (8, 14),
        ),
        (
            "TZ=UTC",
            "invalid schedule format: runtime error: slice bounds out of range [:-1]",
            (0, 6),
        ),
    ];
    for (spec, message, (start, end)) in cases {
        let err = parse_standard(spec).expect_err(spec);
        assert_eq!(err.message, *message, "{spec}");
        assert_eq!((err.span.start, err.span.end), (*start, *end), "{spec}");
    }
}

#[test]
fn accepts_what_robfig_accepts() {
    for spec in [
        "* * * * ?",
        "*/15 * * * *",
        "0 9-17/2 * * MON-FRI",
        "0 0 1 jan,Jul *",
        "*-5 * * * *",
        "+5 * * * *",
        ",5, * * * *",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@midnight",
        "@hourly",
        "@every 1h30m",
        "TZ=Europe/Berlin 0 3 * * *",
        "CRON_TZ=UTC   @daily",
        "0 0 * * FRİ",
    ] {
        assert!(parse_standard(spec).is_ok(), "{spec}");
    }
}

#[test]
fn next_runs_follow_robfig() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "*/15 * * * *",
            "UTC",
            "2025-01-01T00:07:00Z",
            &["2025-01-01T00:15:00Z", "2025-01-01T00:30:00Z"],
        ),
        // The day fields OR when both are restricted: the 13th and every Friday.
        (
            "0 0 13 * FRI",
            "UTC",
            "2025-06-01T00:00:00Z",
            &[
                "2025-06-06T00:00:00Z",
                "2025-06-13T00:00:00Z",
                "2025-06-20T00:00:00Z",
            ],
        ),
        // With a star in one day field they AND.
        (
            "0 0 13 * *",
            "UTC",
            "2025-06-01T00:00:00Z",
            &["2025-06-13T00:00:00Z"],
        ),
        // 02:30 in Berlin does not exist on 2025-03-30, and robfig skips that day (its hour
        // loop steps from 01:00 to 03:00); on 2025-10-26 02:30 happens twice and it runs twice.
        // The expected times are what robfig's Next printed (go 1.26.8, tzdata 2025c).
        (
            "30 2 * * *",
            "Europe/Berlin",
            "2025-03-29T12:00:00Z",
            &["2025-03-31T00:30:00Z", "2025-04-01T00:30:00Z"],
        ),
        (
            "30 2 * * *",
            "Europe/Berlin",
            "2025-10-25T12:00:00Z",
            &[
                "2025-10-26T00:30:00Z",
                "2025-10-26T01:30:00Z",
                "2025-10-27T01:30:00Z",
            ],
        ),
        // Hourly over the repeated hour: robfig's Next adds absolute hours, so both 02:00s run.
        (
            "0 * * * *",
            "Europe/Berlin",
            "2025-10-25T23:30:00Z",
            &[
                "2025-10-26T00:00:00Z",
                "2025-10-26T01:00:00Z",
                "2025-10-26T02:00:00Z",
            ],
        ),
        (
            "@every 90m",
            "UTC",
            "2025-01-01T00:00:00Z",
            &["2025-01-01T01:30:00Z", "2025-01-01T03:00:00Z"],
        ),
        // Lord Howe moves its clocks by 30 minutes, 02:00 to 02:30 on 2025-10-05: 02:15 is
        // skipped that night.
        (
            "15 2 * * *",
            "Australia/Lord_Howe",
            "2025-10-04T12:00:00Z",
            &["2025-10-05T15:15:00Z", "2025-10-06T15:15:00Z"],
        ),
    ];
    for (spec, zone, from, want) in cases {
        assert_eq!(
            next_n(spec, zone, from, want.len()),
            *want,
            "{spec} in {zone} from {from}"
        );
    }
}

#[test]
fn impossible_schedules_give_up_after_five_years() {
    let utc = Zone::utc();
    for spec in ["0 0 30 2 *", ", * * * *"] {
        let schedule = parse_standard(spec).expect(spec);
        assert_eq!(
            schedule.next(t("2025-01-01T00:00:00Z"), &utc),
            None,
            "{spec}"
        );
    }
    // The 31st of April never comes, but the OR with Mondays does.
    let schedule = parse_standard("0 0 31 4 MON").expect("valid");
    assert_eq!(
        schedule
            .next(t("2025-01-01T00:00:00Z"), &utc)
            .map(format_rfc3339),
        Some("2025-04-07T00:00:00Z".to_string())
    );
}

#[test]
fn zones_load_as_go_loads_them() {
    assert!(cron::is_known_zone("Europe/Berlin"));
    assert!(cron::is_known_zone(""));
    assert!(cron::is_known_zone("Local"));
    // Go's lookup is case-sensitive; jiff's is not, and Joblab follows Go.
    assert!(!cron::is_known_zone("europe/berlin"));
    assert_eq!(
        cron::load_location("Mars/Olympus").err(),
        Some("unknown time zone Mars/Olympus".to_string())
    );
    assert_eq!(
        cron::time_zone_errors("Europe/Berlin"),
        Vec::<String>::new()
    );
    assert_eq!(
        cron::time_zone_errors("local"),
        vec![
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string(),
            "unknown time zone local".to_string()
        ]
    );
    assert_eq!(
        cron::controller_schedule("0 3 * * *", Some("Europe/Berlin")),
        "TZ=Europe/Berlin 0 3 * * *"
    );
}
