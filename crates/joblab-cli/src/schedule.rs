//! `joblab schedule`: a CronJob schedule explained, from the core's [`joblab_core::cron`]: the
//! plain sentence, the warnings, and the next run times in the CronJob's zone and in UTC.

use std::process::ExitCode;

use clap::Args;
use joblab_core::civil::{format_rfc3339, parse_rfc3339};
use joblab_core::cron::{describe, time_zone_errors};
use joblab_core::validate::quote::go_quote;

/// Arguments of `joblab schedule`.
#[derive(Args, Debug)]
pub struct ScheduleArgs {
    /// The CronJob's `spec.schedule`, for example "30 9 * * MON-FRI" (quote it for the shell).
    #[arg(value_name = "SCHEDULE")]
    pub schedule: String,
    /// The CronJob's `spec.timeZone` (an IANA name such as Europe/Berlin); without it the schedule
    /// runs in the controller's zone, UTC here.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// List the runs after this time (RFC 3339, for example 2025-01-01T00:00:00Z); default: now.
    #[arg(long, value_name = "RFC3339")]
    pub from: Option<String>,
    /// How many runs to list.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub count: u16,
}

/// Runs `joblab schedule`. Exit status 0 when the schedule and zone are valid (warnings
/// included), 1 when the API server would reject them (the errors on standard error, in its
/// words), 2 for a usage error (a `--from` that is not RFC 3339).
pub fn run(args: &ScheduleArgs) -> ExitCode {
    let from = match &args.from {
        Some(text) => match parse_rfc3339(text) {
            Some(t) => t,
            None => {
                eprintln!("joblab schedule: --from: not an RFC 3339 time: {text:?} (for example 2025-01-01T00:00:00Z)");
                return ExitCode::from(2);
            }
        },
        None => now_unix_seconds(),
    };
    let mut errors = Vec::new();
    // validateCronJobSpec: an empty schedule is Required, not a parse error.
    if args.schedule.is_empty() {
        eprintln!("error: spec.schedule: Required value");
        return ExitCode::from(1);
    }
    if let Some(tz) = &args.time_zone {
        for message in time_zone_errors(tz) {
            errors.push(format!(
                "error: spec.timeZone: Invalid value: {}: {message}",
                go_quote(tz)
            ));
        }
    }
    let description = match describe(&args.schedule, args.time_zone.as_deref(), from) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(format!(
                "error: spec.schedule: Invalid value: {}: {}",
                go_quote(&args.schedule),
                e.message
            ));
            // Point at the bytes the error is about.
            let before = args.schedule.get(..e.span.start).unwrap_or("");
            let under = args.schedule.get(e.span.start..e.span.end).unwrap_or("");
            errors.push(format!(
                "  {}\n  {}{}",
                args.schedule,
                " ".repeat(before.chars().count()),
                "^".repeat(under.chars().count().max(1))
            ));
            None
        }
    };
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        return ExitCode::from(1);
    }
    let Some(d) = description else {
        return ExitCode::from(1);
    };
    let mut out = format!("{}\n", d.sentence);
    for w in &d.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    let runs = d.next_runs(from, usize::from(args.count));
    out.push_str(&format!(
        "\nNext {} runs after {}:\n",
        runs.len(),
        format_rfc3339(from)
    ));
    let in_zone = d.zone.name() != "UTC";
    if in_zone {
        out.push_str(&format!("  {:<27} UTC\n", d.zone.name()));
    }
    for t in &runs {
        let utc = format_rfc3339(*t);
        if in_zone {
            let local = d.zone.format_rfc3339(*t).unwrap_or_default();
            out.push_str(&format!("  {local:<27} {utc}\n"));
        } else {
            out.push_str(&format!("  {utc}\n"));
        }
    }
    if runs.len() < usize::from(args.count) {
        out.push_str(
            "  (no further run within the five years the controller's cron library searches)\n",
        );
    }
    print!("{out}");
    ExitCode::SUCCESS
}

/// The current time in whole Unix seconds: the CLI, not the core, reads the clock.
fn now_unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
