//! A CronJob simulation recorded for a player: run once to a horizon with checkpoints, so the
//! state at any instant is a clone of the nearest earlier checkpoint advanced a little; and each
//! Job's life on the CronJob's clock ([`JobSpan`]), which is what the lab's diagram draws.

use super::CronJobSimulation;
use crate::scenario::seconds_to_ms;
use crate::sim::model::Millis;

/// The longest run the lab records: two days of simulated time.
pub const MAX_HORIZON_MS: Millis = 2 * 86_400_000;

/// How many checkpoints a recording keeps (besides its start).
const CHECKPOINTS: u64 = 32;

/// How long the lab runs a CronJob: until its fifth scheduled time plus one period (time for
/// that Job to run), and at least one period past the scenario's last action or outage; one day
/// when the schedule never comes; at most [`MAX_HORIZON_MS`].
pub fn horizon_ms(sim: &CronJobSimulation) -> Millis {
    let start = sim.start_unix_seconds();
    let mut times = Vec::new();
    let mut after = start;
    while times.len() < 5 {
        match sim.next_scheduled_after(after) {
            Some(t) => {
                times.push(t);
                after = t;
            }
            None => break,
        }
    }
    let (Some(&first), Some(&last)) = (times.first(), times.last()) else {
        return 86_400_000;
    };
    let period = times.get(1).map_or(3600, |&second| second - first).max(60);
    let period_ms = u64::try_from(period).unwrap_or(3600) * 1000;
    let mut horizon = u64::try_from(last - start + period).unwrap_or(0) * 1000;
    let scenario = sim.scenario();
    let mut latest = scenario
        .actions
        .iter()
        .map(|a| seconds_to_ms(a.at))
        .max()
        .unwrap_or(0);
    if let Some(o) = &scenario.cron_job_controller_down {
        latest = latest.max(seconds_to_ms(o.to));
    }
    if latest > 0 {
        horizon = horizon.max(latest + period_ms);
    }
    horizon.clamp(60_000, MAX_HORIZON_MS)
}

/// A Job's life on the CronJob's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobSpan {
    /// The Job's name.
    pub name: String,
    /// 1 for the CronJob's first Job, 2 for the next, ...
    pub ordinal: u32,
    /// Made by hand (`kubectl create job --from=cronjob/...`), not for a scheduled time.
    pub manual: bool,
    /// When it was created.
    pub created_ms: Millis,
    /// When it got its Complete or Failed condition, and which.
    pub finished: Option<(Millis, &'static str)>,
    /// When its deletion was asked (history limits, Replace, the user, its TTL).
    pub deleted_ms: Option<Millis>,
    /// How many Pods it made.
    pub pods: usize,
}

/// A recorded CronJob run.
#[derive(Clone, Debug)]
pub struct CronJobReplay {
    /// States at increasing instants, the first at the start.
    checkpoints: Vec<CronJobSimulation>,
    /// The state at the end.
    end: CronJobSimulation,
    /// The end of the run.
    pub end_ms: Millis,
}

impl CronJobReplay {
    /// Runs `sim` to `until`, keeping checkpoints.
    pub fn record(sim: CronJobSimulation, until: Millis) -> CronJobReplay {
        let mut checkpoints = vec![sim.clone()];
        let mut run = sim;
        for i in 1..=CHECKPOINTS {
            run.advance_to(until * i / (CHECKPOINTS + 1));
            checkpoints.push(run.clone());
        }
        run.advance_to(until);
        CronJobReplay {
            checkpoints,
            end: run,
            end_ms: until,
        }
    }

    /// The simulation at `t` (clamped to the end).
    pub fn at(&self, t: Millis) -> CronJobSimulation {
        let t = t.min(self.end_ms);
        let mut sim = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.now() <= t)
            .unwrap_or(&self.end)
            .clone();
        sim.advance_to(t);
        sim
    }

    /// The simulation at its end.
    pub fn end(&self) -> &CronJobSimulation {
        &self.end
    }

    /// Every Job the CronJob created in the run, in creation order.
    pub fn spans(&self) -> Vec<JobSpan> {
        self.end
            .children()
            .iter()
            .map(|c| {
                let finished = c
                    .sim
                    .status()
                    .conditions
                    .iter()
                    .find(|k| k.status == "True" && (k.type_ == "Complete" || k.type_ == "Failed"))
                    .map(|k| {
                        let what = if k.type_ == "Complete" {
                            "Complete"
                        } else {
                            "Failed"
                        };
                        (k.last_transition_ms + c.clock_start_ms, what)
                    });
                JobSpan {
                    name: c.name.clone(),
                    ordinal: c.ordinal,
                    manual: c.scheduled_unix_seconds.is_none(),
                    created_ms: c.created_ms,
                    finished,
                    deleted_ms: c.deleted_ms(),
                    pods: c.sim.pods().len(),
                }
            })
            .collect()
    }

    /// The instants the player's Step stops at: the CronJob's events and each Job's creation,
    /// finish and deletion, in order.
    pub fn key_times(&self) -> Vec<Millis> {
        let mut times: Vec<Millis> = self.end.events().iter().map(|e| e.at_ms).collect();
        for s in self.spans() {
            times.push(s.created_ms);
            times.extend(s.finished.map(|f| f.0));
            times.extend(s.deleted_ms);
        }
        times.retain(|&t| t <= self.end_ms);
        times.sort_unstable();
        times.dedup();
        times
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::scenario::Scenario;

    fn sim(schedule: &str, scenario: Scenario) -> CronJobSimulation {
        let text = format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: c}}\nspec:\n  schedule: \"{schedule}\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{{name: c, image: busybox}}]\n");
        let report = check_source(&text);
        CronJobSimulation::from_check(&text, &report.documents[0], scenario)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The horizon covers five runs and one period; a late action extends it; the cap holds.
    #[test]
    fn horizons() {
        assert_eq!(
            horizon_ms(&sim("*/5 * * * *", Scenario::default())),
            30 * 60_000
        );
        assert_eq!(
            horizon_ms(&sim("0 3 * * *", Scenario::default())),
            MAX_HORIZON_MS
        );
        let late = Scenario::from_yaml("actions: [{at: 3600, patch: {spec: {suspend: true}}}]\n")
            .unwrap_or_default();
        assert_eq!(horizon_ms(&sim("*/5 * * * *", late)), 65 * 60_000);
        // February 30th never comes.
        assert_eq!(
            horizon_ms(&sim("0 0 30 2 *", Scenario::default())),
            86_400_000
        );
    }

    /// The state at any instant equals a straight run to it, whichever checkpoint it starts from.
    #[test]
    fn at_equals_a_straight_run() {
        let scenario = Scenario {
            run_seconds: 400.0,
            ..Scenario::default()
        };
        let replay = CronJobReplay::record(sim("*/5 * * * *", scenario.clone()), 1_800_000);
        for t in [0, 299_999, 300_000, 700_123, 1_799_000, 1_800_000] {
            let mut straight = sim("*/5 * * * *", scenario.clone());
            straight.advance_to(t);
            let at = replay.at(t);
            assert_eq!(at.status(), straight.status(), "t={t}");
            assert_eq!(at.events(), straight.events(), "t={t}");
            assert_eq!(at.children().len(), straight.children().len(), "t={t}");
        }
        let spans = replay.spans();
        assert_eq!(spans.len(), 5, "{spans:?}");
        // The controller syncs 100 ms after the scheduled time (`nextScheduleTime` + 100 ms).
        assert_eq!(spans[0].created_ms, 300_100);
        assert_eq!(spans[0].finished.map(|f| f.1), Some("Complete"));
        assert!(replay.key_times().contains(&300_100));
    }
}
