//! One sync of the CronJob (k/k `cronjob_controllerv2.go` `sync`, `cleanupFinishedJobs`,
//! `syncCronJob`), in the upstream order, with its events' reasons and messages.

use super::schedule::{
    most_recent_schedule_time, next_schedule_at, Missed, MostRecent, ScheduleState,
};
use super::{ActiveRef, ConcurrencyPolicy, CronJobSimulation};
use crate::sim::model::{Event, EventType};

/// What the sync reads of one Job: the informer's copy at the start of the sync.
#[derive(Clone, Debug)]
struct JobView {
    index: usize,
    name: String,
    uid: String,
    finished: Option<&'static str>,
    start_unix_seconds: Option<i64>,
    completion_unix_seconds: Option<i64>,
}

impl CronJobSimulation {
    fn event(&mut self, type_: EventType, reason: &str, message: String) {
        self.events.push(Event {
            at_ms: self.now,
            type_,
            reason: reason.to_owned(),
            object: format!("cronjob/{}", self.spec.name),
            message,
            source: "cronjob-controller".to_owned(),
        });
    }

    /// The Jobs the controller lists (`getCronJobJobsByIndexer`): those not yet gone, oldest
    /// first (the oracle's indexer lists in creation order, as the Job simulation's does Pods).
    fn job_views(&self) -> Vec<JobView> {
        let wall_s = |c: &super::ChildJob, ms: u64| {
            self.start_unix_seconds + i64::try_from((c.clock_start_ms + ms) / 1000).unwrap_or(0)
        };
        self.children
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.gone())
            .map(|(index, c)| JobView {
                index,
                name: c.name.clone(),
                uid: c.uid.clone(),
                finished: c.finished_condition(),
                start_unix_seconds: c.sim.status().start_ms.map(|t| wall_s(c, t)),
                completion_unix_seconds: c.sim.status().completion_ms.map(|t| wall_s(c, t)),
            })
            .collect()
    }

    fn schedule_state(&self) -> ScheduleState {
        ScheduleState {
            created_ms: self.start_unix_seconds.saturating_mul(1000),
            last_schedule_ms: self.status.last_schedule_unix_seconds.map(|s| s * 1000),
            starting_deadline_seconds: self.spec.starting_deadline_seconds,
        }
    }

    /// `sync`: cleanup, then `syncCronJob`, then one status write if either asked for it.
    /// Returns the wall-clock instant to queue the CronJob again at, if any.
    pub(super) fn sync(&mut self) -> Option<i64> {
        let jobs = self.job_views();
        let stored = self.status.clone();
        self.cleanup_finished_jobs(&jobs);
        let requeue = self.sync_cronjob(&jobs);
        // UpdateStatus: a write that changes nothing is no update (no watch event); one that
        // does comes back through updateCronJob, which queues the CronJob at once.
        if self.status != stored {
            self.enqueue();
        }
        requeue
    }

    /// `cleanupFinishedJobs` and `removeOldestJobs`: past each history limit, the finished
    /// Jobs that started first are deleted (no start time sorts last, then by name).
    fn cleanup_finished_jobs(&mut self, jobs: &[JobView]) {
        let limits = [
            ("Complete", self.spec.successful_jobs_history_limit),
            ("Failed", self.spec.failed_jobs_history_limit),
        ];
        for (kind, limit) in limits {
            let Some(limit) = limit else { continue };
            let mut finished: Vec<&JobView> =
                jobs.iter().filter(|j| j.finished == Some(kind)).collect();
            let excess = finished
                .len()
                .saturating_sub(usize::try_from(limit).unwrap_or(0));
            if excess == 0 {
                continue;
            }
            finished.sort_by(|a, b| {
                let key = |j: &JobView| (j.start_unix_seconds.is_none(), j.start_unix_seconds);
                key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
            });
            for j in finished.into_iter().take(excess) {
                self.delete_job(j.index, &j.name.clone(), &j.uid.clone());
            }
        }
    }

    /// `deleteJob`: the Job goes (in the background), then its reference leaves the active list.
    fn delete_job(&mut self, index: usize, name: &str, uid: &str) {
        self.delete_child(index);
        self.status.active.retain(|a| a.uid != uid);
        self.event(
            EventType::Normal,
            "SuccessfulDelete",
            format!("Deleted job {name}"),
        );
    }

    /// `syncCronJob`; returns the wall-clock instant to queue the CronJob again at.
    fn sync_cronjob(&mut self, jobs: &[JobView]) -> Option<i64> {
        let now = self.wall_ms(self.now);
        for j in jobs {
            let found = self.status.active.iter().any(|a| a.uid == j.uid);
            match j.finished {
                None if !found => {
                    // The stored CronJob is the informer's copy here, so it does not list the
                    // Job either.
                    self.event(
                        EventType::Warning,
                        "UnexpectedJob",
                        format!(
                            "Saw a job that the controller did not create or forgot: {}",
                            j.name
                        ),
                    );
                }
                None => {}
                Some(condition) => {
                    if found {
                        self.status.active.retain(|a| a.uid != j.uid);
                        self.event(
                            EventType::Normal,
                            "SawCompletedJob",
                            format!("Saw completed job: {}, condition: {condition}", j.name),
                        );
                    }
                    if condition == "Complete" {
                        let last = &mut self.status.last_successful_unix_seconds;
                        if last.is_none() {
                            *last = j.completion_unix_seconds;
                        }
                        if let (Some(c), Some(l)) = (j.completion_unix_seconds, *last) {
                            if c > l {
                                *last = Some(c);
                            }
                        }
                    }
                }
            }
        }
        // Active references whose Job is gone from the API. A reference the informer's list
        // lacks by UID is only missing if `GetJob(namespace, name)` also finds nothing: the
        // upstream check is by name, so a newer Job that took the same name (one made by hand
        // after the first was deleted) keeps the stale reference in `active`
        // (k/k `cronjob_controllerv2.go`, `syncCronJob`). The lookup runs after this sync's
        // cleanup, so a Job that cleanup just deleted is not found.
        let listed: Vec<&str> = jobs.iter().map(|j| j.uid.as_str()).collect();
        let in_api = |name: &str| self.children.iter().any(|c| !c.gone() && c.name == name);
        let missing: Vec<ActiveRef> = self
            .status
            .active
            .iter()
            .filter(|a| !listed.contains(&a.uid.as_str()) && !in_api(&a.name))
            .cloned()
            .collect();
        for a in missing {
            self.event(
                EventType::Normal,
                "MissingJob",
                format!("Active job went missing: {}", a.name),
            );
            self.status.active.retain(|x| x.uid != a.uid);
        }
        if self.spec.suspend {
            return None;
        }
        if self.spec.schedule.contains("TZ") {
            self.event(
                EventType::Warning,
                "UnsupportedSchedule",
                // Go's %q (cronjob_controllerv2.go), not Rust's `{:?}`: they differ for
                // characters such as U+00A0, which robfig's parser takes as a separator.
                format!("CRON_TZ or TZ used in schedule {} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details", crate::validate::quote::go_quote(&self.spec.schedule)),
            );
        }
        let schedule = std::sync::Arc::clone(&self.schedule);
        let state = self.schedule_state();
        // nextScheduleTime: the most recent unmet time, within the starting deadline.
        let scheduled = match most_recent_schedule_time(state, now, schedule.as_ref(), true) {
            Err(_) => {
                self.event(
                    EventType::Warning,
                    "InvalidSchedule",
                    format!(
                        "invalid schedule: {} : {}",
                        self.spec.schedule,
                        super::schedule::TOO_CLOSE
                    ),
                );
                return None;
            }
            Ok(MostRecent {
                most_recent_ms: Some(t),
                missed,
                ..
            }) if t <= now => {
                if missed == Missed::Many {
                    self.event(
                        EventType::Warning,
                        "TooManyMissedTimes",
                        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".to_owned(),
                    );
                }
                t
            }
            Ok(_) => {
                // No unmet start time: wait for the next one.
                return Some(next_schedule_at(state, now, schedule.as_ref()));
            }
        };
        let too_late = self
            .spec
            .starting_deadline_seconds
            .is_some_and(|sds| scheduled.saturating_add(sds.saturating_mul(1000)) < now);
        if too_late {
            self.event(
                EventType::Warning,
                "MissSchedule",
                format!(
                    "Missed scheduled time to start a job: {}",
                    crate::civil::format_rfc1123z(scheduled / 1000)
                ),
            );
            return Some(next_schedule_at(state, now, schedule.as_ref()));
        }
        let scheduled_s = scheduled / 1000;
        let name = self.spec.job_name(scheduled_s);
        if self.status.active.iter().any(|a| a.name == name)
            || self.status.last_schedule_unix_seconds == Some(scheduled_s)
        {
            return Some(next_schedule_at(state, now, schedule.as_ref()));
        }
        if self.spec.concurrency_policy == ConcurrencyPolicy::Forbid
            && !self.status.active.is_empty()
        {
            self.event(
                EventType::Normal,
                "JobAlreadyActive",
                "Not starting job because prior execution is running and concurrency policy is Forbid".to_owned(),
            );
            return Some(next_schedule_at(state, now, schedule.as_ref()));
        }
        if self.spec.concurrency_policy == ConcurrencyPolicy::Replace {
            for a in self.status.active.clone() {
                if let Some(index) = self
                    .children
                    .iter()
                    .position(|c| c.uid == a.uid && !c.gone())
                {
                    self.delete_job(index, &a.name, &a.uid);
                }
            }
        }
        // CreateJob: a Job of that name that still exists (made by this controller) is only
        // added back to the active list.
        let existing = self
            .children
            .iter()
            .find(|c| c.name == name && !c.gone())
            .map(|c| (c.name.clone(), c.uid.clone()));
        let created = match existing {
            Some((name, uid)) => {
                if self.status.active.iter().any(|a| a.uid == uid) {
                    return None;
                }
                ActiveRef { name, uid }
            }
            None => {
                let index = self.create_child(scheduled_s)?;
                let c = &self.children[index];
                let r = ActiveRef {
                    name: c.name.clone(),
                    uid: c.uid.clone(),
                };
                self.event(
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!("Created job {}", r.name),
                );
                r
            }
        };
        self.status.active.push(created);
        self.status.last_schedule_unix_seconds = Some(scheduled_s);
        Some(next_schedule_at(
            self.schedule_state(),
            now,
            schedule.as_ref(),
        ))
    }
}
