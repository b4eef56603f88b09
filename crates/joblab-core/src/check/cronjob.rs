//! The check of a `batch/v1` CronJob document: strict decoding against the complete CronJob
//! schema (its `jobTemplate` against the complete Job's), warnings, defaulting
//! ([`crate::defaults::apply_cronjob_defaults`]) and the server's create-time validation
//! ([`crate::validate::validate_cronjob`]). The report also carries the Job the CronJob
//! controller would create from the template, for the front ends' explanation and simulation.

use super::{fake_uid, push_located, DocumentReport};
use crate::decode::{decode_cronjob, locate};
use crate::diag::{Diagnostic, Span};
use crate::yaml::{Node, Value};

/// The minute-granular scheduled time the CronJob controller appends to a Job's name
/// (`getTimeHashInMinutes`), for the simulated clock's start, 2025-01-01T00:00:00Z.
const CRONJOB_SCHEDULED_MINUTES: u64 = 1_735_689_600 / 60;

/// Checks the CronJob document at `root`, filling `report.cronjob`, `report.effective_cronjob`,
/// and, as the Job the controller creates from `spec.jobTemplate`, `report.job` and
/// `report.effective`.
pub(super) fn check_cronjob(
    text: &str,
    root: &Node,
    report: &mut DocumentReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let decoded = decode_cronjob(text, root);
    diagnostics.extend(decoded.diagnostics);
    let Some(cronjob) = decoded.value else {
        return;
    };
    // What the CronJob controller's getJobFromTemplate2 sets on the Job it creates.
    let mut job = crate::defaults::template_job(&cronjob);
    let cronjob_name = report.name.clone().unwrap_or_else(|| "cronjob".to_owned());
    let job_name = format!("{cronjob_name}-{CRONJOB_SCHEDULED_MINUTES}");
    job.metadata.name = Some(job_name.clone());
    job.metadata.generate_name = None;
    job.metadata
        .namespace
        .clone_from(&cronjob.metadata.namespace);
    if !decoded.has_type_errors {
        push_located(
            root,
            crate::warnings::cronjob_warnings(&cronjob),
            diagnostics,
        );
        let mut effective = cronjob.clone();
        crate::defaults::apply_cronjob_defaults(&mut effective, &fake_uid(&cronjob_name));
        let first = diagnostics.len();
        push_located(
            root,
            crate::validate::validate_cronjob(&effective),
            diagnostics,
        );
        if let Some(diagnostics) = diagnostics.get_mut(first..) {
            narrow_schedule_error(text, root, diagnostics);
        }
        let mut effective_job = job.clone();
        crate::defaults::apply_defaults(&mut effective_job, &fake_uid(&job_name));
        report.effective = Some(effective_job);
        report.effective_cronjob = Some(effective);
    }
    report.job = Some(job);
    report.cronjob = Some(cronjob);
}

/// Points the schedule's parse error at the part of the schedule the cron parser names (a field,
/// a range, the zone of a `TZ=` prefix) rather than at the whole value, when the value is
/// written as it reads (plain, or quoted without escapes), so that byte `i` of the schedule is
/// a fixed distance from its byte in the source.
fn narrow_schedule_error(text: &str, root: &Node, diagnostics: &mut [Diagnostic]) {
    let Some(node) = root.get("spec").and_then(|s| s.get("schedule")) else {
        return;
    };
    let Value::String(schedule) = &node.value else {
        return;
    };
    let Err(error) = crate::cron::parse_standard(schedule) else {
        return;
    };
    let written = text.get(node.span.start..node.span.end).unwrap_or("");
    let offset = if written == schedule {
        0
    } else if written.len() == schedule.len() + 2
        && written.get(1..written.len() - 1) == Some(schedule)
    {
        1
    } else {
        return;
    };
    let whole = locate(root, "spec.schedule");
    for d in diagnostics.iter_mut() {
        if d.path == "spec.schedule" && d.span == whole && d.detail.ends_with(&error.message) {
            let start = node.span.start + offset + error.span.start;
            let end = node.span.start + offset + error.span.end;
            if error.span.start < error.span.end && end <= node.span.end {
                d.span = Span::new(start, end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check_source;

    /// (the schedule as written, the start and end column of its parse error).
    #[test]
    fn a_schedule_error_points_at_the_part_the_parser_names() {
        let cases = [
            ("\"15 25 * * *\"", (17, 19)),
            ("15 25 * * *", (16, 18)),
            ("'0 0 * * MON-FRY'", (22, 29)),
            // An escape moves the bytes: the whole value, as before.
            ("\"0 0 * * \\x37\"", (13, 27)),
        ];
        for (written, want) in cases {
            let text = format!(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: a}}\nspec:\n  schedule: {written}\n  jobTemplate: {{spec: {{template: {{spec: {{restartPolicy: Never, containers: [{{name: c, image: \"b:1\"}}]}}}}}}}}\n"
            );
            let report = check_source(&text);
            let d = report.documents[0]
                .diagnostics
                .iter()
                .find(|d| d.diagnostic.path == "spec.schedule")
                .unwrap_or_else(|| panic!("{written}: no schedule error"));
            assert_eq!(d.start.line, 5, "{written}");
            assert_eq!((d.start.column, d.end.column), want, "{written}");
        }
    }
}
