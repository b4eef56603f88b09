//! One plain sentence of what a Job will do, and the numbers that decide its timeline, computed
//! from the effective (defaulted) Job. `joblab explain` prints it and the lab shows it beside
//! the editor. The numbers are the simulation's: `tests/explain.rs` runs every sentence's Job in
//! [`crate::sim`] and checks each number against the run.
//!
//! For example: "Runs 6 Pods to completion, at most 3 at a time; replaces failed Pods after
//! 10 s, 20 s, 40 s and 80 s, and fails at the 5th failure; fails if still running after 10
//! minutes; deleted 1 hour after it finishes."

use crate::api::api::batch::v1::{CronJob, Job};

/// Where a CronJob's schedule sentence looks ahead from for daylight-saving surprises: the start
/// of Joblab's simulated clock, 2025-01-01T00:00:00Z, since the core reads no clock.
const SCHEDULE_FROM_UNIX_S: i64 = 1_735_689_600;

/// The Job controller's first delay before it replaces failed Pods (`DefaultJobPodFailureBackOff`).
pub const POD_BACKOFF_S: u64 = crate::sim::POD_FAILURE_BACKOFF_MS / 1000;
/// The cap of that delay (`MaxJobPodFailureBackOff`).
pub const MAX_POD_BACKOFF_S: u64 = crate::sim::MAX_POD_FAILURE_BACKOFF_MS / 1000;
/// The kubelet's first container restart back-off (the very first restart is immediate).
pub const CONTAINER_BACKOFF_S: u64 = crate::sim::CONTAINER_BACKOFF_MS / 1000;
/// The cap of the kubelet's back-off (`MaxContainerBackOff`).
pub const MAX_CONTAINER_BACKOFF_S: u64 = crate::sim::MAX_CONTAINER_BACKOFF_MS / 1000;

/// How many delays a sentence lists before it says "doubling up to".
const LISTED_DELAYS: usize = 6;

/// What the Job runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Work {
    /// `completions` Pods must succeed (`indexed`: one per completion index).
    Completions {
        /// How many successful Pods complete the Job.
        count: u32,
        /// Indexed completion mode.
        indexed: bool,
    },
    /// No `completions`: a work queue, done when one Pod succeeds and the others have finished.
    WorkQueue,
}

/// What happens when Pods fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failures {
    /// `restartPolicy: Never`: the controller replaces failed Pods after `delays_s` (the wait
    /// after the 1st, 2nd, ... failure) and fails the Job at failure number `limit + 1`.
    Replace {
        /// `backoffLimit`.
        limit: u32,
    },
    /// `restartPolicy: OnFailure`: the kubelet restarts the container in place, and the Job
    /// fails when the restarts reach `limit`.
    RestartInPlace {
        /// `backoffLimit`.
        limit: u32,
    },
    /// `backoffLimitPerIndex`: each index is retried up to `per_index` times, then failed; the
    /// Job fails when more than `max_failed_indexes` indexes have failed (or at the end, if any).
    PerIndex {
        /// `backoffLimitPerIndex`.
        per_index: u32,
        /// `maxFailedIndexes`.
        max_failed_indexes: Option<u32>,
    },
}

impl Failures {
    /// The waits, in seconds, before replacement Pods (Never) or container restarts (OnFailure)
    /// after the 1st, 2nd, ... failure, as many as the limit allows; empty for per-index limits.
    pub fn delays_s(&self) -> Vec<u64> {
        match *self {
            Failures::Replace { limit } => (0..limit.min(64))
                .map(|n| {
                    POD_BACKOFF_S
                        .saturating_mul(1u64 << n.min(62))
                        .min(MAX_POD_BACKOFF_S)
                })
                .collect(),
            Failures::RestartInPlace { limit } => (0..limit.min(64))
                .map(|n| match n {
                    0 => 0,
                    n => CONTAINER_BACKOFF_S
                        .saturating_mul(1u64 << (n - 1).min(62))
                        .min(MAX_CONTAINER_BACKOFF_S),
                })
                .collect(),
            Failures::PerIndex { .. } => Vec::new(),
        }
    }
}

/// The numbers that decide a Job's timeline, read from the effective Job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// `spec.managedBy`, when another controller than the Job controller runs the Job.
    pub managed_by: Option<String>,
    /// `spec.suspend`.
    pub suspended: bool,
    /// What the Job runs.
    pub work: Work,
    /// `spec.parallelism`: the most Pods running at once.
    pub parallelism: u32,
    /// What happens when Pods fail.
    pub failures: Failures,
    /// How many podFailurePolicy rules decide a failure first.
    pub pod_failure_rules: usize,
    /// Whether a successPolicy can declare success early.
    pub success_policy: bool,
    /// `spec.activeDeadlineSeconds`.
    pub deadline_s: Option<u64>,
    /// `spec.ttlSecondsAfterFinished`.
    pub ttl_s: Option<u64>,
}

fn non_negative(n: Option<i32>) -> Option<u32> {
    n.map(|n| u32::try_from(n).unwrap_or(0))
}

/// Reads the numbers from an effective (defaulted) Job; an unset field reads as its default.
pub fn explain(job: &Job) -> Explanation {
    let spec = job.spec.clone().unwrap_or_default();
    let pod = spec.template.spec.clone().unwrap_or_default();
    let completions = match (spec.completions, spec.parallelism) {
        (None, None) => Some(1),
        (c, _) => non_negative(c),
    };
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    let work = match completions {
        Some(count) => Work::Completions { count, indexed },
        None => Work::WorkQueue,
    };
    let per_index = non_negative(spec.backoff_limit_per_index).filter(|_| indexed);
    let failures = match per_index {
        Some(per_index) => Failures::PerIndex {
            per_index,
            max_failed_indexes: non_negative(spec.max_failed_indexes),
        },
        None => {
            let limit = non_negative(spec.backoff_limit).unwrap_or(6);
            if pod.restart_policy.as_deref() == Some("OnFailure") {
                Failures::RestartInPlace { limit }
            } else {
                Failures::Replace { limit }
            }
        }
    };
    Explanation {
        managed_by: spec
            .managed_by
            .clone()
            .filter(|m| m != crate::sim::JOB_CONTROLLER_NAME),
        suspended: spec.suspend.unwrap_or(false),
        work,
        parallelism: non_negative(spec.parallelism).unwrap_or(1),
        failures,
        pod_failure_rules: spec
            .pod_failure_policy
            .as_ref()
            .map_or(0, |p| p.rules.len()),
        success_policy: indexed && spec.success_policy.is_some(),
        deadline_s: spec
            .active_deadline_seconds
            .map(|s| u64::try_from(s).unwrap_or(0)),
        ttl_s: spec
            .ttl_seconds_after_finished
            .map(|s| u64::try_from(s).unwrap_or(0)),
    }
}

/// A duration in words: `40 s`, `80 s`, `10 minutes`, `1 hour 30 minutes`, `2 days`. Under an
/// hour, a duration that is not whole minutes stays in seconds, as back-off delays read best.
pub fn duration(seconds: u64) -> String {
    if seconds < 60 || (seconds < 3_600 && !seconds.is_multiple_of(60)) {
        return format!("{seconds} s");
    }
    let units = [(86_400, "day"), (3_600, "hour"), (60, "minute")];
    let mut rest = seconds;
    let mut parts = Vec::new();
    for (size, name) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
        }
    }
    if rest > 0 {
        parts.push(format!("{rest} s"));
    }
    parts.join(" ")
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, ...
fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The delays, listed in full up to [`LISTED_DELAYS`], else the first three and the cap.
fn delays_text(delays: &[u64], cap: u64) -> String {
    let words = |d: u64| {
        if d == 0 {
            "at once".to_owned()
        } else {
            format!("after {}", duration(d))
        }
    };
    if delays.len() <= LISTED_DELAYS {
        let mut parts: Vec<String> = delays.iter().map(|&d| duration(d)).collect();
        // "at once, then after 10 s and 20 s" reads better than "after 0 s, 10 s and 20 s".
        if delays.first() == Some(&0) {
            parts.remove(0);
            return if parts.is_empty() {
                "at once".to_owned()
            } else {
                format!("at once, then after {}", listed(&parts))
            };
        }
        return format!("after {}", listed(&parts));
    }
    let head: Vec<String> = delays.iter().take(3).map(|&d| words(d)).collect();
    format!("{}, … doubling up to {}", head.join(", "), duration(cap))
}

impl Explanation {
    /// The sentence: what the Job runs, how it handles failures, its deadline and its TTL.
    pub fn sentence(&self) -> String {
        self.sentence_with(false)
    }

    /// The sentence for the Jobs a CronJob creates from this Job template: "Each Job it creates
    /// runs ...", and without a TTL such a Job is removed by the CronJob's history limits. The
    /// CronJob's schedule is not explained yet.
    pub fn cronjob_sentence(&self) -> String {
        format!(
            "Each Job it creates: {}",
            lower_first(&self.sentence_with(true))
        )
    }

    fn sentence_with(&self, from_cronjob: bool) -> String {
        if let Some(manager) = &self.managed_by {
            return format!(
                "Is left to the controller {manager:?} (spec.managedBy): the Job controller creates no Pods for it."
            );
        }
        let mut clauses = Vec::new();
        let runs = match (&self.work, self.parallelism) {
            (_, 0) => "Runs no Pods while parallelism is 0".to_owned(),
            (Work::Completions { count: 0, .. }, _) => {
                "Has nothing to run (completions is 0), so it completes at once".to_owned()
            }
            (Work::Completions { count, indexed }, p) => {
                let pods = if *count == 1 {
                    "1 Pod".to_owned()
                } else {
                    format!("{count} Pods")
                };
                let what = if *indexed {
                    format!(
                        "{pods} to completion, one per index from 0 to {}",
                        count - 1
                    )
                } else {
                    format!("{pods} to completion")
                };
                let at_once = if *count == 1 {
                    String::new()
                } else if p >= *count {
                    ", all at once".to_owned()
                } else {
                    format!(", at most {p} at a time")
                };
                format!("Runs {what}{at_once}")
            }
            (Work::WorkQueue, 1) => "Runs 1 Pod until it succeeds".to_owned(),
            (Work::WorkQueue, p) => {
                format!("Runs {p} Pods at once until one succeeds and the others have finished")
            }
        };
        clauses.push(if self.suspended {
            format!(
                "Is suspended, so creates no Pods until spec.suspend is false; then: {}",
                lower_first(&runs)
            )
        } else {
            runs
        });
        if self.success_policy {
            clauses.push("succeeds early once its successPolicy is met".to_owned());
        }
        if self.pod_failure_rules > 0 {
            let rules = if self.pod_failure_rules == 1 {
                "1 rule".to_owned()
            } else {
                format!("{} rules", self.pod_failure_rules)
            };
            clauses.push(format!(
                "its podFailurePolicy ({rules}) decides first what a failed Pod does"
            ));
        }
        let delays = self.failures.delays_s();
        clauses.push(match self.failures {
            Failures::Replace { limit: 0 } => "fails at the first failed Pod".to_owned(),
            Failures::Replace { limit } => format!(
                "replaces failed Pods {}, and fails at the {} failure",
                delays_text(&delays, MAX_POD_BACKOFF_S),
                ordinal(u64::from(limit) + 1)
            ),
            Failures::RestartInPlace { limit: 0 } => {
                "fails at the first container failure".to_owned()
            }
            Failures::RestartInPlace { limit } => format!(
                "restarts a failed container in place {}, and fails at the {} restart",
                delays_text(&delays, MAX_CONTAINER_BACKOFF_S),
                ordinal(u64::from(limit))
            ),
            Failures::PerIndex {
                per_index,
                max_failed_indexes,
            } => {
                let retries = match per_index {
                    0 => "fails an index at its first failed Pod".to_owned(),
                    1 => "retries each index once before it fails that index".to_owned(),
                    n => format!("retries each index up to {n} times before it fails that index"),
                };
                match max_failed_indexes {
                    Some(m) => format!(
                        "{retries}, and fails once more than {m} {} failed",
                        if m == 1 { "index has" } else { "indexes have" }
                    ),
                    None => format!("{retries}, and fails in the end if any index failed"),
                }
            }
        });
        if let Some(deadline) = self.deadline_s {
            clauses.push(format!(
                "fails if still running after {}",
                duration(deadline)
            ));
        }
        clauses.push(match self.ttl_s {
            Some(0) => "deleted as soon as it finishes".to_owned(),
            Some(ttl) => format!("deleted {} after it finishes", duration(ttl)),
            None if from_cronjob => {
                "kept after it finishes until the CronJob's history limits remove it".to_owned()
            }
            None => "kept after it finishes until someone deletes it".to_owned(),
        });
        format!("{}.", clauses.join("; "))
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// The sentence of an effective Job.
pub fn sentence(job: &Job) -> String {
    explain(job).sentence()
}

/// The sentence for a CronJob: when it runs ([`crate::cron::describe`] of its schedule and
/// `timeZone`), then what each Job it creates does, from `job`, the effective Job its controller
/// creates from the template. A schedule that does not parse (the CronJob is then invalid) leaves
/// only the Job's part.
pub fn cronjob_sentence(cronjob: &CronJob, job: &Job) -> String {
    let each = explain(job).cronjob_sentence();
    let Some(spec) = cronjob.spec.as_ref() else {
        return each;
    };
    match crate::cron::describe(
        &spec.schedule,
        spec.time_zone.as_deref(),
        SCHEDULE_FROM_UNIX_S,
    ) {
        Ok(description) => format!("{}. {each}", description.sentence),
        Err(_) => each,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_ordinals_and_lists_read_as_words() {
        for (s, want) in [
            (0, "0 s"),
            (40, "40 s"),
            (60, "1 minute"),
            (90, "90 s"),
            (3_690, "1 hour 1 minute 30 s"),
            (600, "10 minutes"),
            (3_600, "1 hour"),
            (5_400, "1 hour 30 minutes"),
            (172_800, "2 days"),
        ] {
            assert_eq!(duration(s), want, "{s}");
        }
        for (n, want) in [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (102, "102nd"),
        ] {
            assert_eq!(ordinal(n), want);
        }
        let words = |v: &[&str]| listed(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(words(&["a"]), "a");
        assert_eq!(words(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn delays_double_from_their_start_up_to_their_cap() {
        assert_eq!(Failures::Replace { limit: 0 }.delays_s(), Vec::<u64>::new());
        assert_eq!(
            Failures::Replace { limit: 8 }.delays_s(),
            vec![10, 20, 40, 80, 160, 320, 600, 600]
        );
        assert_eq!(
            Failures::RestartInPlace { limit: 7 }.delays_s(),
            vec![0, 10, 20, 40, 80, 160, 300]
        );
        // A huge limit is bounded, not a huge allocation.
        assert_eq!(Failures::Replace { limit: u32::MAX }.delays_s().len(), 64);
    }
}
