//! One Job controller reconcile (`syncJob`) and `manageJob`, in the order of k/k
//! `pkg/controller/job/job_controller.go` (1.31+: interim FailureTarget/SuccessCriteriaMet
//! conditions, terminal conditions delayed until no Pod is terminating). `manageJob` and the
//! Pod creation and removal it needs are in [`manage`].

mod manage;

use std::collections::HashSet;

use crate::indexes;

use super::config::FailureRule;
use super::model::*;
use super::{Simulation, Wake, MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS};

/// A finish condition found by a sync: the interim type, reason and message.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Finish {
    success: bool,
    reason: String,
    message: String,
}

/// What a podFailurePolicy rule decided for a failed Pod.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PolicyOutcome {
    NoMatch,
    FailJob(String),
    Ignore,
    Count,
    FailIndex,
}

/// `10s x 2^(n-1)` capped at 600 s (k/k `getRemainingTimeForFailuresCount`).
pub(crate) fn failure_backoff_ms(failures: u32) -> u64 {
    if failures == 0 {
        return 0;
    }
    let mut d = POD_FAILURE_BACKOFF_MS;
    for _ in 1..failures {
        d = d.saturating_mul(2);
        if d >= MAX_POD_FAILURE_BACKOFF_MS {
            return MAX_POD_FAILURE_BACKOFF_MS;
        }
    }
    d
}

/// A time as the API stores it: `metav1.Time` keeps whole seconds, so every timestamp the
/// controller writes (conditions, startTime, completionTime) or reads back (a Pod's finish or
/// creation time) has its milliseconds cut off.
pub(crate) const fn stored(ms: Millis) -> Millis {
    ms - ms % 1000
}

/// Remaining wait before creating Pods, given n failures and the last failure time.
pub(super) fn remaining_ms(now: Millis, failures: u32, last_failure_ms: Option<Millis>) -> Millis {
    let Some(last) = last_failure_ms else {
        return 0;
    };
    let d = failure_backoff_ms(failures);
    let elapsed = now.saturating_sub(last);
    d.saturating_sub(elapsed)
}

impl Simulation {
    pub(super) fn suspended(&self) -> bool {
        self.cfg.suspend
    }

    /// k/k `isPodFailed`: Failed, or (without onlyReplaceFailedPods) being deleted and not Succeeded.
    fn counts_as_failed(&self, p: &Pod) -> bool {
        p.phase == PodPhase::Failed
            || (!self.cfg.only_replace_failed
                && p.deletion_requested_ms.is_some()
                && p.phase != PodPhase::Succeeded)
    }

    /// k/k `matchPodFailurePolicy` for a Failed Pod.
    fn match_failure_policy(&self, rules: &[FailureRule], p: &Pod) -> PolicyOutcome {
        for (i, rule) in rules.iter().enumerate() {
            if let Some(ec) = &rule.exit_codes {
                let name = self.cfg.main_container();
                let code = p.exit_code.unwrap_or(0);
                let name_ok = ec.container_name.as_deref().is_none_or(|n| n == name);
                // Containers that exited 0 never match.
                if code != 0 && name_ok && (ec.values.contains(&code) == ec.operator_in) {
                    let msg = format!(
                        "Container {name} for pod {}/{} failed with exit code {code} matching {} rule at index {i}",
                        self.cfg.namespace, p.name, rule.action
                    );
                    return outcome(&rule.action, msg);
                }
            }
            for (type_, status) in &rule.conditions {
                if p.conditions
                    .iter()
                    .any(|c| &c.type_ == type_ && &c.status == status)
                {
                    let msg = format!(
                        "Pod {}/{} has condition {type_} matching {} rule at index {i}",
                        self.cfg.namespace, p.name, rule.action
                    );
                    return outcome(&rule.action, msg);
                }
            }
        }
        PolicyOutcome::NoMatch
    }

    /// One reconcile of the Job.
    pub(crate) fn sync(&mut self) {
        let finished = self.status.condition("Complete").is_some()
            || self.status.condition("Failed").is_some();
        if self.job_deleted_ms.is_some() || finished || self.cfg.managed_elsewhere {
            return;
        }
        let now = self.now;
        self.deleted_in_sync.clear();
        // Forget Pods the controller no longer needs to look at.
        let pods = &self.pods;
        self.live.retain(|&id| {
            pods.get(id)
                .is_some_and(|p| !(p.counted && p.phase.is_terminal()))
        });

        // The indexes the status lists are parsed against the current completions, so after an
        // elastic Indexed Job shrank, those at or above it are gone (indexed_job_utils.go
        // calculateSucceededIndexes, calculateFailedIndexes, parseIndexesFromString).
        if self.cfg.indexed {
            let completions = u32::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
            self.succeeded_indexes.retain_below(completions);
            self.failed_indexes.retain_below(completions);
            self.status.succeeded = u32::try_from(self.succeeded_indexes.len()).unwrap_or(u32::MAX);
        }
        // Newly finished Pods, ordered by finish time (the backoff record needs that order).
        let mut new_succeeded: Vec<usize> = Vec::new();
        let mut new_failed: Vec<usize> = Vec::new();
        for &id in &self.live {
            let Some(p) = self.pods.get(id) else { continue };
            if p.counted {
                continue;
            }
            if p.phase == PodPhase::Succeeded {
                new_succeeded.push(id);
            } else if self.counts_as_failed(p) {
                new_failed.push(id);
            }
        }
        let finish_key = |pods: &Vec<Pod>, id: &usize| pods.get(*id).map_or(0, Pod::finish_time_ms);
        new_succeeded.sort_by_key(|id| (finish_key(&self.pods, id), *id));
        new_failed.sort_by_key(|id| (finish_key(&self.pods, id), *id));

        // Success accounting.
        let mut succeeded_now = 0u32;
        for &id in &new_succeeded {
            let Some(p) = self.pods.get_mut(id) else {
                continue;
            };
            p.counted = true;
            let completions = u32::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
            match p.index {
                // A success at an index the Job no longer has counts for nothing.
                Some(i) if i < completions => {
                    self.succeeded_indexes.insert(i);
                }
                Some(_) => {}
                None => succeeded_now += 1,
            }
        }
        if self.cfg.indexed {
            self.status.succeeded = u32::try_from(self.succeeded_indexes.len()).unwrap_or(u32::MAX);
        } else {
            self.status.succeeded = self.status.succeeded.saturating_add(succeeded_now);
        }

        // Failure accounting, podFailurePolicy and per-index limits.
        let mut fail_job: Option<String> = None;
        let mut fail_job_pod: Option<usize> = None;
        for &id in &new_failed {
            let Some(p) = self.pods.get(id) else { continue };
            let outcome = match (&self.cfg.failure_rules, p.phase) {
                (Some(rules), PodPhase::Failed) => self.match_failure_policy(rules, p),
                _ => PolicyOutcome::NoMatch,
            };
            let index = p.index;
            let counts = outcome != PolicyOutcome::Ignore;
            let mut index_failed = outcome == PolicyOutcome::FailIndex;
            if let (Some(limit), true) = (self.cfg.per_index_limit, counts) {
                let so_far = p.index_failure_count.unwrap_or(0);
                if i64::from(so_far) >= i64::from(limit) {
                    index_failed = true;
                }
            }
            if let PolicyOutcome::FailJob(msg) = &outcome {
                // getFailJobMessage names the first matching Pod in list order: creation order
                // here and in the oracle's harness (the informer's order is arbitrary).
                if fail_job_pod.is_none_or(|first| id < first) {
                    fail_job_pod = Some(id);
                    fail_job = Some(msg.clone());
                }
            }
            if let Some(p) = self.pods.get_mut(id) {
                p.counted = true;
                p.failure_ignored = !counts;
            }
            // A failure at an index an elastic Indexed Job no longer has is not counted
            // (job_controller.go trackJobStatusAndRemoveFinalizers).
            if counts && in_range(&self.cfg, index) {
                self.status.failed = self.status.failed.saturating_add(1);
            }
            if let Some(i) = index {
                self.index_last_failed.insert(i, id);
                if index_failed
                    && in_range(&self.cfg, Some(i))
                    && self.cfg.per_index_limit.is_some()
                    && !self.succeeded_indexes.contains(i)
                {
                    self.failed_indexes.insert(i);
                }
            }
        }

        let delayed = self.delayed_finalizer_removals(&new_failed);
        for &id in &delayed {
            if let Some(p) = self.pods.get_mut(id) {
                p.counted = false;
                if !p.failure_ignored {
                    self.status.failed = self.status.failed.saturating_sub(1);
                }
            }
        }

        // startTime.
        if self.status.start_ms.is_none() && !self.suspended() {
            self.status.start_ms = Some(stored(now));
        }

        // The backoff record (k/k `newBackoffRecord`).
        self.update_backoff(&new_succeeded, &new_failed);

        // Termination checks, first hit wins.
        let mut finish = self.interim_condition();
        if finish.is_none() {
            if let Some(msg) = fail_job {
                finish = Some(Finish {
                    success: false,
                    reason: "PodFailurePolicy".into(),
                    message: msg,
                });
            }
        }
        if finish.is_none() {
            let limit = i64::from(self.cfg.backoff_limit);
            if i64::from(self.status.failed) > limit || self.past_backoff_limit_on_failure() {
                finish = Some(failure(
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                ));
            } else if self.past_active_deadline() {
                finish = Some(failure(
                    "DeadlineExceeded",
                    "Job was active longer than specified deadline",
                ));
            } else if let (Some(ads), Some(start), false) = (
                self.cfg.active_deadline_ms,
                self.status.start_ms,
                self.suspended(),
            ) {
                self.request_sync(start.saturating_add(ads).max(now));
            }
        }
        if self.cfg.indexed && finish.is_none() {
            if self.cfg.per_index_limit.is_some() {
                let failed_ix = self.failed_indexes.len();
                let completions = u64::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
                if self
                    .cfg
                    .max_failed_indexes
                    .is_some_and(|m| failed_ix > u64::try_from(m).unwrap_or(0))
                {
                    finish = Some(failure(
                        "MaxFailedIndexesExceeded",
                        "Job has exceeded the specified maximal number of failed indexes",
                    ));
                } else if failed_ix > 0 && failed_ix + self.succeeded_indexes.len() >= completions {
                    finish = Some(failure("FailedIndexes", "Job has failed indexes"));
                }
            }
            if finish.is_none() {
                if let Some(msg) = self.match_success_policy() {
                    finish = Some(Finish {
                        success: true,
                        reason: "SuccessPolicy".into(),
                        message: msg,
                    });
                }
            }
        }

        // Count the Pods of this sync.
        let mut active: Vec<usize> = Vec::new();
        let mut terminating = 0u32;
        for &id in &self.live {
            if let Some(p) = self.pods.get(id) {
                if p.is_active() {
                    active.push(id);
                } else if p.is_terminating() {
                    terminating += 1;
                }
            }
        }

        if let Some(f) = &finish {
            // deleteActivePods: finalizers are kept, so these count as failed below (or are
            // dropped uncounted on success).
            for &id in &active {
                self.delete_pod_by_controller(id, true);
            }
            terminating += u32::try_from(active.len()).unwrap_or(u32::MAX);
            active.clear();
            let _ = f;
        } else {
            let n_active = self.manage_job(&active, terminating);
            let succeeded = i64::from(self.status.succeeded);
            let complete = match self.cfg.completions {
                None => succeeded > 0 && n_active == 0,
                Some(c) => succeeded >= i64::from(c) && n_active == 0,
            };
            if complete {
                finish = Some(Finish {
                    success: true,
                    reason: "CompletionsReached".into(),
                    message: "Reached expected number of succeeded pods".into(),
                });
            } else if self.suspended() {
                if self.ensure_condition("Suspended", "True", "JobSuspended", "Job suspended") {
                    self.record_job_event(EventType::Normal, "Suspended", "Job suspended");
                    // MutableSchedulingDirectivesForSuspendedJobs (on in 1.37): suspending
                    // clears startTime, and resuming sets it anew.
                    self.status.start_ms = None;
                }
            } else if self.ensure_condition("Suspended", "False", "JobResumed", "Job resumed") {
                self.record_job_event(EventType::Normal, "Resumed", "Job resumed");
                self.status.start_ms = Some(stored(now));
            }
            // Recount after manageJob created or deleted Pods.
            active.clear();
            terminating = 0;
            for &id in &self.live {
                if let Some(p) = self.pods.get(id) {
                    if p.is_active() {
                        active.push(id);
                    } else if p.is_terminating() || self.deleted_in_sync.contains(&id) {
                        // manageJob adds the Pods it deleted to the terminating count
                        // (`*jobCtx.terminating += removed`): the kubelet has not stopped
                        // them yet when the sync decides, even where this model already has.
                        terminating += 1;
                    }
                }
            }
        }

        // Status tracking: when the Job is finishing, Pods still running count as failed unless it
        // succeeded.
        if let Some(f) = &finish {
            for i in 0..self.live.len() {
                let Some(&id) = self.live.get(i) else {
                    continue;
                };
                let Some(p) = self.pods.get_mut(id) else {
                    continue;
                };
                if p.counted || p.phase == PodPhase::Succeeded {
                    continue;
                }
                p.counted = true;
                // A failed Pod whose finalizer was held back for its index is counted now, as
                // a failure whatever the outcome (canRemoveFinalizer: the Job is finishing).
                let counts = if delayed.contains(&id) {
                    !p.failure_ignored
                } else {
                    !f.success
                };
                // Not at an index an elastic Indexed Job no longer has
                // (trackJobStatusAndRemoveFinalizers).
                if counts && in_range(&self.cfg, p.index) {
                    self.status.failed = self.status.failed.saturating_add(1);
                }
            }
            for i in 0..self.live.len() {
                if let Some(&id) = self.live.get(i) {
                    self.maybe_gone(id);
                }
            }
        }
        for &id in new_failed.iter().chain(new_succeeded.iter()) {
            self.maybe_gone(id);
        }

        self.status.active = u32::try_from(active.len()).unwrap_or(u32::MAX);
        self.status.ready = u32::try_from(
            active
                .iter()
                .filter(|&&id| self.pods.get(id).is_some_and(|p| p.ready))
                .count(),
        )
        .unwrap_or(u32::MAX);
        self.status.terminating = terminating;

        if let Some(f) = finish {
            let interim = if f.success {
                "SuccessCriteriaMet"
            } else {
                "FailureTarget"
            };
            if self.status.condition(interim).is_none() {
                self.push_condition(interim, "True", &f.reason, &f.message);
            }
            if terminating == 0 {
                let terminal = if f.success { "Complete" } else { "Failed" };
                self.push_condition(terminal, "True", &f.reason, &f.message);
                if f.success {
                    self.status.completion_ms = Some(stored(now));
                    if self
                        .cfg
                        .completions
                        .is_some_and(|c| i64::from(self.status.succeeded) > i64::from(c))
                    {
                        self.record_job_event(
                            EventType::Warning,
                            "TooManySucceededPods",
                            "Too many succeeded pods running after completion count reached",
                        );
                    }
                    self.record_job_event(EventType::Normal, "Completed", "Job completed");
                } else {
                    self.record_job_event(EventType::Warning, &f.reason, &f.message);
                }
                // The record is discarded once the Job finished.
                self.backoff = BackoffState::default();
                if let Some(ttl) = self.cfg.ttl_ms {
                    self.ttl_pending = true;
                    // ttlafterfinished measures from the stored (whole-second) condition time.
                    self.schedule(stored(now).saturating_add(ttl).max(now), Wake::TtlExpired);
                }
            }
        }
    }

    /// backoffLimitPerIndex: the newest failed Pod of each index that has not succeeded, has not
    /// failed and has no active Pod keeps its tracking finalizer, so it is not counted yet: the
    /// controller reads its failure count when it creates the replacement, and lets it go in the
    /// sync after that (job_controller.go `canRemoveFinalizer`, indexed_job_utils.go
    /// `getPodsWithDelayedDeletionPerIndex`).
    fn delayed_finalizer_removals(&self, new_failed: &[usize]) -> Vec<usize> {
        if self.cfg.per_index_limit.is_none() {
            return Vec::new();
        }
        let completions = u32::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
        let active: HashSet<u32> = self
            .live
            .iter()
            .filter_map(|&id| self.pods.get(id))
            .filter(|p| p.is_active())
            .filter_map(|p| p.index)
            .collect();
        let mut newest: Vec<(u32, usize)> = Vec::new();
        for &id in new_failed {
            let Some(p) = self.pods.get(id) else { continue };
            let Some(ix) = p.index else { continue };
            // k/k `isPodFailed`: a Pod being deleted counts as failed unless podReplacementPolicy
            // is Failed, so it can be held back too.
            if !self.counts_as_failed(p)
                || ix >= completions
                || self.succeeded_indexes.contains(ix)
                || self.failed_indexes.contains(ix)
                || active.contains(&ix)
            {
                continue;
            }
            let count = |p: &Pod| {
                p.index_failure_count.unwrap_or(0) + p.index_ignored_failure_count.unwrap_or(0)
            };
            match newest.iter_mut().find(|(i, _)| *i == ix) {
                Some((_, last)) => {
                    if let Some(l) = self.pods.get(*last) {
                        if count(l) <= count(p) && p.finish_time_ms() >= l.finish_time_ms() {
                            *last = id;
                        }
                    }
                }
                None => newest.push((ix, id)),
            }
        }
        newest.into_iter().map(|(_, id)| id).collect()
    }

    /// The interim condition already written by an earlier sync.
    fn interim_condition(&self) -> Option<Finish> {
        if let Some(c) = self.status.condition("SuccessCriteriaMet") {
            return Some(Finish {
                success: true,
                reason: c.reason.clone(),
                message: c.message.clone(),
            });
        }
        self.status.condition("FailureTarget").map(|c| Finish {
            success: false,
            reason: c.reason.clone(),
            message: c.message.clone(),
        })
    }

    /// k/k `pastBackoffLimitOnFailure`: restart counts of Pending/Running Pods reach backoffLimit.
    fn past_backoff_limit_on_failure(&self) -> bool {
        if !self.cfg.on_failure {
            return false;
        }
        let containers = u64::try_from(self.cfg.containers.len().max(1)).unwrap_or(1);
        let sum: u64 = self
            .live
            .iter()
            .filter_map(|&id| self.pods.get(id))
            .filter(|p| matches!(p.phase, PodPhase::Pending | PodPhase::Running))
            // Summed over every container status; all the Pod's containers restart alike.
            .map(|p| u64::from(p.restart_count) * containers)
            .sum();
        if self.cfg.backoff_limit == 0 {
            sum > 0
        } else {
            sum >= u64::try_from(self.cfg.backoff_limit).unwrap_or(0)
        }
    }

    /// k/k `pastActiveDeadline`.
    fn past_active_deadline(&self) -> bool {
        match (self.cfg.active_deadline_ms, self.status.start_ms) {
            (Some(ads), Some(start)) if !self.suspended() => self.now.saturating_sub(start) >= ads,
            _ => false,
        }
    }

    /// k/k `matchSuccessPolicy`.
    fn match_success_policy(&self) -> Option<String> {
        let rules = self.cfg.success_rules.as_ref()?;
        if self.succeeded_indexes.is_empty() {
            return None;
        }
        for (i, rule) in rules.iter().enumerate() {
            let matched = match &rule.indexes {
                Some(Some(required)) if !required.is_empty() => {
                    // The parser checked every index against completions, which never change, so
                    // all of `required` is in range.
                    let got: u64 = required
                        .iter()
                        .map(|iv| {
                            // Parsed indexes are never negative: a `-` always splits an item.
                            let bound = |i: i32| u32::try_from(i).unwrap_or(0);
                            self.succeeded_indexes
                                .count_within(bound(iv.first), bound(iv.last))
                        })
                        .sum();
                    let got = i64::try_from(got).unwrap_or(i64::MAX);
                    match rule.count {
                        Some(c) => got >= i64::from(c),
                        None => got == indexes::count(required),
                    }
                }
                Some(_) => continue,
                None => rule.count.is_some_and(|c| {
                    i64::try_from(self.succeeded_indexes.len()).unwrap_or(0) >= i64::from(c)
                }),
            };
            if matched {
                return Some(format!("Matched rules at index {i}"));
            }
        }
        None
    }

    /// k/k `backoffStore.newBackoffRecord`.
    fn update_backoff(&mut self, new_succeeded: &[usize], new_failed: &[usize]) {
        let finish = |id: &usize| self.pods.get(*id).map_or(0, Pod::finish_time_ms);
        if new_succeeded.is_empty() {
            if let Some(last) = new_failed.last() {
                self.backoff.failures_after_last_success +=
                    u32::try_from(new_failed.len()).unwrap_or(u32::MAX);
                self.backoff.last_failure_ms = Some(finish(last));
            }
        } else {
            self.backoff.failures_after_last_success = 0;
            self.backoff.last_failure_ms = None;
            let last_success = new_succeeded.last().map_or(0, finish);
            for id in new_failed.iter().rev() {
                let t = finish(id);
                if t <= last_success {
                    break;
                }
                self.backoff.last_failure_ms.get_or_insert(t);
                self.backoff.failures_after_last_success += 1;
            }
        }
        self.backoff.delay_ms = failure_backoff_ms(self.backoff.failures_after_last_success);
        self.backoff.next_creation_ms = self
            .backoff
            .last_failure_ms
            .map(|t| t.saturating_add(self.backoff.delay_ms));
    }

    /// Sets a condition the way `ensureJobConditionStatus` does; returns whether it changed.
    fn ensure_condition(&mut self, type_: &str, status: &str, reason: &str, message: &str) -> bool {
        let now = stored(self.now);
        if let Some(c) = self.status.conditions.iter_mut().find(|c| c.type_ == type_) {
            if c.status == status && c.reason == reason && c.message == message {
                return false;
            }
            if c.status != status {
                c.last_transition_ms = now;
            }
            c.status = status.into();
            c.reason = reason.into();
            c.message = message.into();
            c.last_probe_ms = now;
            return true;
        }
        if status == "True" {
            self.push_condition(type_, status, reason, message);
            return true;
        }
        false
    }

    fn push_condition(&mut self, type_: &str, status: &str, reason: &str, message: &str) {
        self.status.conditions.push(JobCondition {
            type_: type_.into(),
            status: status.into(),
            reason: reason.into(),
            message: message.into(),
            last_probe_ms: stored(self.now),
            last_transition_ms: stored(self.now),
        });
    }
}

fn outcome(action: &str, msg: String) -> PolicyOutcome {
    match action {
        "FailJob" => PolicyOutcome::FailJob(msg),
        "Ignore" => PolicyOutcome::Ignore,
        "FailIndex" => PolicyOutcome::FailIndex,
        _ => PolicyOutcome::Count,
    }
}

fn failure(reason: &str, message: &str) -> Finish {
    Finish {
        success: false,
        reason: reason.into(),
        message: message.into(),
    }
}

/// Whether a Pod of `index` still counts for the Job: always for a NonIndexed Job; for an Indexed
/// one, only below its current completions, which an elastic Indexed Job can lower
/// (job_controller.go trackJobStatusAndRemoveFinalizers, indexed_job_utils.go
/// calculateFailedIndexes).
fn in_range(cfg: &super::config::JobConfig, index: Option<u32>) -> bool {
    !cfg.indexed || index.is_some_and(|i| i64::from(i) < i64::from(cfg.completions.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps_at_ten_minutes() {
        let got: Vec<u64> = (0..9).map(failure_backoff_ms).collect();
        assert_eq!(
            got,
            vec![0, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]
        );
        assert_eq!(failure_backoff_ms(u32::MAX), 600_000);
        assert_eq!(remaining_ms(15_000, 1, Some(11_000)), 6_000);
        assert_eq!(remaining_ms(40_000, 1, Some(11_000)), 0);
    }
}
