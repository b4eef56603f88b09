//! k/k `manageJob`: how many Pods a sync creates or deletes, which ones, and when backoff holds
//! the creation back (`job_controller.go` `manageJob`, `activePodsForRemoval`;
//! `indexed_job_utils.go` `firstPendingIndexes`; `backoff_utils.go`).

use std::collections::HashSet;

use super::super::model::*;
use super::super::{Simulation, MAX_POD_CREATE_DELETE_PER_SYNC, SYNC_BATCH_MS};
use super::{remaining_ms, stored};

impl Simulation {
    /// Deletes a Pod on the controller's behalf, recording `SuccessfulDelete`.
    pub(super) fn delete_pod_by_controller(&mut self, id: usize, keep_finalizer: bool) {
        let Some(name) = self.pods.get(id).map(|p| p.name.clone()) else {
            return;
        };
        self.delete_pod(id, keep_finalizer);
        self.deleted_in_sync.push(id);
        self.record_job_event(
            EventType::Normal,
            "SuccessfulDelete",
            &format!("Deleted pod: {name}"),
        );
    }

    /// k/k `manageJob`: returns the number of active Pods afterwards.
    pub(super) fn manage_job(&mut self, active: &[usize], terminating: u32) -> i64 {
        let n_active = i64::try_from(active.len()).unwrap_or(i64::MAX);
        if self.suspended() {
            let doomed = self.pods_for_removal(active, active.len());
            for &id in doomed.iter().take(MAX_POD_CREATE_DELETE_PER_SYNC) {
                self.delete_pod_by_controller(id, false);
            }
            return n_active
                - i64::try_from(doomed.len().min(MAX_POD_CREATE_DELETE_PER_SYNC)).unwrap_or(0);
        }
        let parallelism = i64::from(self.cfg.parallelism);
        let succeeded = i64::from(self.status.succeeded);
        let want = match self.cfg.completions {
            None => {
                if succeeded > 0 {
                    n_active
                } else {
                    parallelism
                }
            }
            Some(c) => (i64::from(c) - succeeded).min(parallelism).max(0),
        };
        let rm_at_least = usize::try_from((n_active - want).max(0)).unwrap_or(0);
        let doomed = self.pods_for_removal(active, rm_at_least);
        if !doomed.is_empty() {
            let n = doomed.len().min(MAX_POD_CREATE_DELETE_PER_SYNC);
            for &id in doomed.iter().take(n) {
                self.delete_pod_by_controller(id, false);
            }
            return n_active - i64::try_from(n).unwrap_or(0);
        }
        let term = if self.cfg.only_replace_failed {
            i64::from(terminating)
        } else {
            0
        };
        let diff = want - term - n_active;
        if diff <= 0 {
            return n_active;
        }
        if self.cfg.per_index_limit.is_none() {
            let remaining = remaining_ms(
                self.now,
                self.backoff.failures_after_last_success,
                self.backoff.last_failure_ms,
            );
            if remaining > 0 {
                // enqueueSyncJobWithDelay never waits less than the batch period.
                self.request_sync(self.now + remaining.max(SYNC_BATCH_MS));
                return n_active;
            }
        }
        let diff = usize::try_from(diff)
            .unwrap_or(0)
            .min(MAX_POD_CREATE_DELETE_PER_SYNC);
        let mut created = 0i64;
        if self.cfg.indexed {
            let mut indexes = self.first_pending_indexes(diff);
            if self.cfg.per_index_limit.is_some() {
                let mut now_ok = Vec::new();
                let mut min_wait: Option<Millis> = None;
                for i in indexes {
                    let wait = self.index_remaining_ms(i);
                    if wait == 0 {
                        now_ok.push(i);
                    } else {
                        min_wait = Some(min_wait.map_or(wait, |m| m.min(wait)));
                    }
                }
                if now_ok.is_empty() {
                    if let Some(w) = min_wait {
                        self.request_sync(self.now + w.max(SYNC_BATCH_MS));
                    }
                    return n_active;
                }
                indexes = now_ok;
            }
            for i in indexes {
                if !self.make_pod(Some(i)) {
                    break;
                }
                created += 1;
            }
        } else {
            for _ in 0..diff {
                if !self.make_pod(None) {
                    break;
                }
                created += 1;
            }
        }
        n_active + created
    }

    /// Creates one Pod (with per-index annotations); false when the Pod cap stops the run or the
    /// API server refuses the Pod.
    pub(super) fn make_pod(&mut self, index: Option<u32>) -> bool {
        if self.pods.len() >= self.max_pods {
            self.stopped = Some(StopReason::PodCap {
                limit: self.max_pods,
            });
            return false;
        }
        if let Some(q) = self
            .scenario
            .quota_exceeded
            .clone()
            .filter(|q| q.refuses_at(self.now))
        {
            // The store generates the name before admission runs, so the refusal names it; the
            // name is not kept. RealPodControl records the event, and manageJob's slow start
            // stops after this first batch of one (job_controller.go); the sync then fails.
            let name = self.refused_name(index);
            self.record_job_event(
                EventType::Warning,
                "FailedCreate",
                &format!("Error creating: {}", q.message(&name)),
            );
            self.sync_failed = true;
            return false;
        }
        let (fc, ic) = match (index, self.cfg.per_index_limit) {
            (Some(i), Some(_)) => match self.pod_being_replaced(i) {
                Some(last) => {
                    let f =
                        last.index_failure_count.unwrap_or(0) + u32::from(!last.failure_ignored);
                    let g = last.index_ignored_failure_count.unwrap_or(0)
                        + u32::from(last.failure_ignored);
                    (Some(f), (g > 0).then_some(g))
                }
                None => (Some(0), None),
            },
            _ => (None, None),
        };
        self.create_pod(index, fc, ic);
        true
    }

    /// The failed Pod of `index` that a new Pod of the index replaces: the newest one that still
    /// holds its tracking finalizer. The real controller looks only at Pods with the finalizer
    /// (indexed_job_utils.go `getPodsWithDelayedDeletionPerIndex` through job_controller.go
    /// `getValidPodsWithFilter`), so once that Pod has been let go, or when the index's last Pod
    /// lost its finalizer before it failed (deleted by a scale-down), a new Pod starts again from
    /// a failure count of 0 and without backoff.
    fn pod_being_replaced(&self, index: u32) -> Option<&Pod> {
        self.index_last_failed
            .get(&index)
            .and_then(|&id| self.pods.get(id))
            .filter(|p| !p.counted)
    }

    /// Per-index backoff (k/k `getRemainingTimePerIndex`).
    pub(super) fn index_remaining_ms(&self, index: u32) -> Millis {
        let Some(last) = self.pod_being_replaced(index) else {
            return 0;
        };
        let n = last.index_failure_count.unwrap_or(0)
            + last.index_ignored_failure_count.unwrap_or(0)
            + 1;
        remaining_ms(self.now, n, Some(last.finish_time_ms()))
    }

    /// k/k `firstPendingIndexes`.
    pub(super) fn first_pending_indexes(&self, count: usize) -> Vec<u32> {
        let completions = u32::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
        let mut busy: HashSet<u32> = HashSet::new();
        for &id in &self.live {
            if let Some(p) = self.pods.get(id) {
                if p.is_active() || (self.cfg.only_replace_failed && p.is_terminating()) {
                    if let Some(i) = p.index {
                        busy.insert(i);
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut c = 0u32;
        // Bounded: each turn adds an index, skips a run of a set, or skips a busy index.
        while out.len() < count && c < completions {
            if self.succeeded_indexes.contains(c) {
                match self.succeeded_indexes.next_absent(c) {
                    Some(n) => c = n,
                    None => break,
                }
            } else if self.failed_indexes.contains(c) {
                match self.failed_indexes.next_absent(c) {
                    Some(n) => c = n,
                    None => break,
                }
            } else {
                if !busy.contains(&c) {
                    out.push(c);
                }
                c += 1;
            }
        }
        out
    }

    /// k/k `activePodsForRemoval`: Indexed duplicates and finished indexes first, then the Pods
    /// `controller.ActivePods` sorts first (pending before running, not ready before ready, newer
    /// before older).
    pub(super) fn pods_for_removal(&self, active: &[usize], at_least: usize) -> Vec<usize> {
        let mut rm = Vec::new();
        let mut left = Vec::new();
        if self.cfg.indexed {
            let completions = u32::try_from(self.cfg.completions.unwrap_or(0)).unwrap_or(0);
            let mut seen = HashSet::new();
            for &id in active {
                let ix = self.pods.get(id).and_then(|p| p.index);
                match ix {
                    Some(i)
                        if i < completions
                            && !self.succeeded_indexes.contains(i)
                            && seen.insert(i) =>
                    {
                        left.push(id)
                    }
                    _ => rm.push(id),
                }
            }
        } else {
            left.extend_from_slice(active);
        }
        if rm.len() < at_least {
            left.sort_by_key(|&id| {
                let p = self.pods.get(id);
                let running = p.is_some_and(|p| p.phase == PodPhase::Running);
                let ready = p.is_some_and(|p| p.ready);
                // controller.ActivePods compares the Ready condition's and the creation
                // timestamps, which the API keeps in whole seconds.
                let ready_since = p.and_then(|p| match p.container {
                    ContainerState::Running { started_ms } => Some(stored(started_ms)),
                    _ => None,
                });
                let restarts = p.map_or(0, |p| p.restart_count);
                let created = p.map_or(0, |p| stored(p.created_ms));
                (
                    running,
                    ready,
                    std::cmp::Reverse(if ready { ready_since.unwrap_or(0) } else { 0 }),
                    std::cmp::Reverse(restarts),
                    std::cmp::Reverse(created),
                    // A full tie is left in the order the Pods are listed, which the real
                    // informer does not fix; creation order is the tie-break shared with the
                    // oracle's harness (oracle/README.md).
                    id,
                )
            });
            rm.extend(left.into_iter().take(at_least - rm.len()));
        }
        rm
    }
}
