//! A CronJob's own rules, one table row each: a valid CronJob with one change, and the
//! diagnostics the API server gives for it (checked against `oracle check`, v1.37.2), as
//! `path: type: detail` at their line:col.

use joblab_core::check::check_source;
use joblab_core::diag::Severity;

const VALID: &str = "apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: \"0 3 * * *\"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: \"busybox:1.36\"}]
";

/// (text to replace, its replacement, the errors as `LINE:COL path: type: detail`).
const CASES: &[(&str, &str, &[&str])] = &[
    ("", "", &[]),
    (
        "name: nightly",
        "name: a2345678901234567890123456789012345678901234567890123",
        &["4:9 metadata.name: Invalid value: \"a2345678901234567890123456789012345678901234567890123\": must be no more than 52 characters"],
    ),
    (
        "name: nightly",
        "name: a234567890123456789012345678901234567890123456789012",
        &[],
    ),
    (
        "\"0 3 * * *\"",
        "\"0 3 * * 7\"",
        &["6:22 spec.schedule: Invalid value: \"0 3 * * 7\": end of range (7) above maximum (6): 7"],
    ),
    (
        "\"0 3 * * *\"",
        "\"TZ=UTC 0 3 * * *\"",
        &["6:13 spec.schedule: Invalid value: \"TZ=UTC 0 3 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"],
    ),
    (
        "\"0 3 * * *\"",
        "\"\"",
        &["6:13 spec.schedule: Required value"],
    ),
    (
        "  jobTemplate:",
        "  timeZone: Europe/Atlantis\n  jobTemplate:",
        &["7:13 spec.timeZone: Invalid value: \"Europe/Atlantis\": unknown time zone Europe/Atlantis"],
    ),
    (
        "  jobTemplate:",
        "  timeZone: Local\n  jobTemplate:",
        &["7:13 spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"],
    ),
    ("  jobTemplate:", "  timeZone: Europe/Berlin\n  jobTemplate:", &[]),
    (
        "  jobTemplate:",
        "  concurrencyPolicy: forbid\n  jobTemplate:",
        &["7:22 spec.concurrencyPolicy: Unsupported value: \"forbid\": supported values: \"Allow\", \"Forbid\", \"Replace\""],
    ),
    (
        "  jobTemplate:",
        "  startingDeadlineSeconds: -1\n  jobTemplate:",
        &["7:28 spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0"],
    ),
    (
        "  jobTemplate:",
        "  successfulJobsHistoryLimit: -1\n  failedJobsHistoryLimit: -2\n  jobTemplate:",
        &[
            "7:31 spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            "8:27 spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
        ],
    ),
    (
        "    spec:\n      template:",
        "    spec:\n      manualSelector: true\n      template:",
        &["9:23 spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\""],
    ),
    (
        "    spec:\n      template:",
        "    spec:\n      completionMode: Indexed\n      template:",
        &["8:5 spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed"],
    ),
    (
        "  jobTemplate:",
        "  suspnd: true\n  jobTemplate:",
        &["7:3 spec.suspnd: Unknown field: \"suspnd\" is not a field of CronJobSpec; did you mean \"suspend\"?"],
    ),
];

#[test]
fn each_cronjob_rule_gives_the_servers_error() {
    for (from, to, want) in CASES {
        let text = VALID.replacen(from, to, 1);
        let report = check_source(&text);
        let got: Vec<String> = report.documents[0]
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.start.line,
                    d.start.column,
                    d.diagnostic.message()
                )
            })
            .collect();
        assert_eq!(&got, want, "{to}\n{text}");
    }
}
