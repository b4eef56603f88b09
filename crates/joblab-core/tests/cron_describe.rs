//! The schedule explainer: the plain sentence and the warnings, table-driven. The daylight-saving
//! warnings quote run times that `Schedule::next` computes, which the cron differential holds to
//! robfig/cron (oracle/vectors/cron.jsonl).

use joblab_core::civil::parse_rfc3339;
use joblab_core::cron::{describe, CronWarningKind as K};

/// The instant the warnings look ahead from: mid-January 2025, a year of clock changes ahead.
fn from() -> i64 {
    parse_rfc3339("2025-01-15T00:00:00Z").expect("valid")
}

#[test]
fn sentences() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        (
            "0 3 * * *",
            Some("Europe/Berlin"),
            "At 03:00 every day, Europe/Berlin time",
        ),
        ("*/15 * * * *", None, "Every 15 minutes"),
        ("*/7 * * * *", None, "Every 7 minutes"),
        ("30 9 * * 1-5", None, "At 09:30 on Monday through Friday"),
        ("30 9 * * MON-FRI", None, "At 09:30 on Monday through Friday"),
        (
            "0 9,17 * * MON,WED,FRI",
            None,
            "At 09:00 and 17:00 on Monday, Wednesday and Friday",
        ),
        ("* * * * ?", None, "Every minute"),
        ("* 3 * * *", None, "Every minute during hour 03"),
        ("5,35 * * * *", None, "At minutes 5 and 35 of every hour"),
        (
            "0 9-17 * * *",
            None,
            "At minute 0 of the hours from 09:00 through 17:59",
        ),
        (
            "0 */6 * * *",
            None,
            "At 00:00, 06:00, 12:00 and 18:00 every day",
        ),
        ("0 0 1,15 * *", None, "At 00:00 on days 1 and 15 of the month"),
        ("0 12 * 3-5 *", None, "At 12:00 every day in March through May"),
        (
            "0 0 13 * FRI",
            None,
            "At 00:00 on day 13 of the month and on every Friday",
        ),
        ("@hourly", None, "At minute 0 of every hour"),
        ("@daily", None, "At 00:00 every day"),
        ("@weekly", None, "At 00:00 on Sunday"),
        ("@monthly", None, "At 00:00 on day 1 of the month"),
        ("@yearly", None, "At 00:00 on day 1 of the month in January"),
        (
            "@every 1h30m",
            None,
            "Every 1 hour 30 minutes, counted from the previous scheduled time rather than the clock",
        ),
        ("TZ=Asia/Kathmandu 45 23 * * *", None, "At 23:45 every day, Asia/Kathmandu time"),
    ];
    for (schedule, zone, want) in cases {
        let d = describe(schedule, *zone, from()).expect(schedule);
        assert_eq!(d.sentence, *want, "{schedule} in {zone:?}");
    }
}

#[test]
fn warnings() {
    let cases: &[(&str, Option<&str>, &[K])] = &[
        ("0 3 * * *", Some("Europe/Berlin"), &[]),
        ("30 9 * * 1-5", None, &[]),
        ("*/15 * * * *", Some("Europe/Berlin"), &[]),
        // 02:30 is skipped in March and repeated in October.
        (
            "30 2 * * *",
            Some("Europe/Berlin"),
            &[K::DstGap, K::DstRepeat],
        ),
        // Lord Howe's 30-minute change skips 02:00-02:30 and repeats 01:30-02:00.
        ("15 2 * * *", Some("Australia/Lord_Howe"), &[K::DstGap]),
        ("45 1 * * *", Some("Australia/Lord_Howe"), &[K::DstRepeat]),
        // Chile moves its clocks at midnight.
        ("0 0 * * *", Some("America/Santiago"), &[K::DstGap]),
        // The same time in UTC or a zone without daylight saving is never surprising.
        ("30 2 * * *", None, &[]),
        ("30 2 * * *", Some("Asia/Kathmandu"), &[]),
        ("0 0 13 * FRI", None, &[K::DayFieldsOr]),
        // `*/2` carries no star, so it ORs with the weekday too.
        ("0 0 */2 * MON", None, &[K::DayFieldsOr]),
        ("0 0 13 * *", None, &[]),
        ("0 0 ? * FRI", None, &[]),
        ("* 3 * * *", None, &[K::EveryMinute]),
        ("* * * * *", None, &[K::EveryMinute]),
        ("TZ=UTC 0 0 * * *", None, &[K::TzInSchedule]),
        ("0 0 30 2 *", None, &[K::NeverRuns]),
    ];
    for (schedule, zone, want) in cases {
        let d = describe(schedule, *zone, from()).expect(schedule);
        let kinds: Vec<K> = d.warnings.iter().map(|w| w.kind).collect();
        assert_eq!(kinds, *want, "{schedule} in {zone:?}: {:#?}", d.warnings);
    }
}

#[test]
fn dst_warnings_quote_what_next_does() {
    let d = describe("30 2 * * *", Some("Europe/Berlin"), from()).expect("valid");
    let messages: Vec<&str> = d.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "02:30 does not exist in Europe/Berlin on 2025-03-30: clocks go forward from 02:00 to 03:00; the first run after the change is 2025-03-31T02:30:00+02:00",
            "02:30 happens twice in Europe/Berlin on 2025-10-26: clocks go back, repeating 02:00 to 03:00, and the controller runs at 2025-10-26T02:30:00+02:00 and 2025-10-26T02:30:00+01:00",
        ]
    );
}

#[test]
fn parse_errors_are_returned_not_described() {
    let err = describe("61 * * * *", None, from()).expect_err("invalid");
    assert_eq!(err.message, "end of range (61) above maximum (59): 61");
}
