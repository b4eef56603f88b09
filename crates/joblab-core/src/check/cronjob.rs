//! The check of a `batch/v1` CronJob document: strict decoding against the complete CronJob
//! schema (its `jobTemplate` against the complete Job's), warnings, defaulting
//! ([`crate::defaults::apply_cronjob_defaults`]) and the server's create-time validation
//! ([`crate::validate::validate_cronjob`]). The report also carries the Job the CronJob
//! controller would create from the template, for the front ends' explanation and simulation.

use super::{fake_uid, push_located, DocumentReport};
use crate::decode::decode_cronjob;
use crate::diag::Diagnostic;
use crate::yaml::Node;

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
        push_located(
            root,
            crate::validate::validate_cronjob(&effective),
            diagnostics,
        );
        let mut effective_job = job.clone();
        crate::defaults::apply_defaults(&mut effective_job, &fake_uid(&job_name));
        report.effective = Some(effective_job);
        report.effective_cronjob = Some(effective);
    }
    report.job = Some(job);
    report.cronjob = Some(cronjob);
}
