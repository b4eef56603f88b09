//! The CronJob controller's arithmetic of scheduled times (k/k `pkg/controller/cronjob/utils.go`:
//! `mostRecentScheduleTime`, `nextScheduleTimeDuration`, `nextScheduleTime`).
//!
//! Times are wall-clock milliseconds since the Unix epoch (`i64`): the controller's `now` has
//! sub-second precision (it syncs 100 ms after a scheduled time), while scheduled times and
//! stored timestamps are whole seconds.

/// What the controller asks of a parsed schedule: robfig/cron's `Schedule.Next` in the
/// schedule's zone, and the zone's offset for the scheduled-timestamp annotation.
pub trait NextTime {
    /// The first scheduled instant strictly after `after_unix_seconds`, in Unix seconds; `None`
    /// when robfig finds none (it searches five years ahead and returns the zero time).
    fn next_after(&self, after_unix_seconds: i64) -> Option<i64>;
    /// Seconds east of UTC of the CronJob's `timeZone` (UTC without one) at an instant.
    fn utc_offset_seconds(&self, unix_seconds: i64) -> i32;
}

/// A CronJob's schedule as its controller runs it: parsed from `TZ=<timeZone> <schedule>`
/// (`formatSchedule`) by the cron engine, in the controller's own zone (UTC) otherwise.
pub struct ControllerSchedule {
    schedule: crate::cron::Schedule,
    /// The zone of the scheduled-timestamp annotation (`timeZone`, else UTC).
    annotation_zone: crate::cron::Zone,
}

impl ControllerSchedule {
    /// Parses a CronJob's schedule as the controller does; `Err` is the parser's message.
    pub fn new(schedule: &str, time_zone: Option<&str>) -> Result<ControllerSchedule, String> {
        let text = crate::cron::controller_schedule(schedule, time_zone);
        let schedule = crate::cron::parse_standard(&text).map_err(|e| e.to_string())?;
        let annotation_zone = time_zone
            .and_then(crate::cron::zone)
            .unwrap_or_else(crate::cron::Zone::utc);
        Ok(ControllerSchedule {
            schedule,
            annotation_zone,
        })
    }
}

impl ControllerSchedule {
    /// A schedule without `timeZone`, as the controller runs it in its own zone (UTC), parsed
    /// without the time zone database ([`crate::cron::parse_standard_without_zones`]): the guide's
    /// CronJob diagrams run on it, so their module carries no zone data. Equal to
    /// [`ControllerSchedule::new`] with no zone for every schedule without a `TZ=` prefix.
    pub fn utc(schedule: &str) -> Result<ControllerSchedule, String> {
        let schedule =
            crate::cron::parse_standard_without_zones(schedule).map_err(|e| e.to_string())?;
        Ok(ControllerSchedule {
            schedule,
            annotation_zone: crate::cron::Zone::utc(),
        })
    }
}

impl NextTime for ControllerSchedule {
    fn next_after(&self, after_unix_seconds: i64) -> Option<i64> {
        self.schedule
            .next(after_unix_seconds, &crate::cron::Zone::utc())
    }

    fn utc_offset_seconds(&self, unix_seconds: i64) -> i32 {
        self.annotation_zone
            .offset_seconds_at(unix_seconds)
            .unwrap_or(0)
    }
}

/// How many start times were missed since the last one (`missedSchedulesType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missed {
    /// `noneMissed`.
    None,
    /// `fewMissed`: between 1 and 100.
    Few,
    /// `manyMissed`: more than 100 (the `TooManyMissedTimes` warning).
    Many,
}

/// The padding the controller adds to every wait for a scheduled time (`nextScheduleDelta`),
/// against clock skew.
pub const NEXT_SCHEDULE_DELTA_MS: i64 = 100;

/// The most missed start times the controller lists before it warns (utils.go: "I've
/// somewhat arbitrarily picked 100").
pub const MAX_MISSED: i64 = 100;

/// The error of a schedule whose two next times coincide (such as the 31st of February, for
/// which robfig returns the zero time twice).
pub const TOO_CLOSE: &str = "time difference between two schedules is less than 1 second";

/// robfig's `Next(t)` for a time with milliseconds: it drops the fraction, then looks for the
/// first match strictly after that whole second. `None` stands for Go's zero time.
fn next_ms(schedule: &dyn NextTime, after_ms: i64) -> Option<i64> {
    schedule
        .next_after(after_ms.div_euclid(1000))
        .map(|s| s.saturating_mul(1000))
}

/// The inputs of `mostRecentScheduleTime` that come from the CronJob.
#[derive(Clone, Copy, Debug)]
pub struct ScheduleState {
    /// `metadata.creationTimestamp`, ms.
    pub created_ms: i64,
    /// `status.lastScheduleTime`, ms.
    pub last_schedule_ms: Option<i64>,
    /// `spec.startingDeadlineSeconds`.
    pub starting_deadline_seconds: Option<i64>,
}

/// What `mostRecentScheduleTime` returns: the earliest time it looked from, the most recent
/// scheduled time not after `now` (if any), and how many were missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MostRecent {
    /// The last schedule time, the creation time, or the starting deadline's edge.
    pub earliest_ms: i64,
    /// The most recent time a Job should have been created.
    pub most_recent_ms: Option<i64>,
    /// How many were missed.
    pub missed: Missed,
}

/// `mostRecentScheduleTime`, line by line; `Err` is its "less than 1 second" error.
pub fn most_recent_schedule_time(
    state: ScheduleState,
    now_ms: i64,
    schedule: &dyn NextTime,
    include_starting_deadline: bool,
) -> Result<MostRecent, MostRecent> {
    let mut earliest = state.last_schedule_ms.unwrap_or(state.created_ms);
    if include_starting_deadline {
        if let Some(sds) = state.starting_deadline_seconds {
            // The controller schedules nothing before this point.
            let deadline = now_ms.saturating_sub(sds.saturating_mul(1000));
            if deadline > earliest {
                earliest = deadline;
            }
        }
    }
    let none = MostRecent {
        earliest_ms: earliest,
        most_recent_ms: None,
        missed: Missed::None,
    };
    // Go's zero time (no next time) is before every real instant.
    let t1 = next_ms(schedule, earliest);
    let t2 = t1.and_then(|t| next_ms(schedule, t));
    if t1.is_some_and(|t1| now_ms < t1) {
        return Ok(none);
    }
    if let (Some(t1), true) = (t1, t2.is_some_and(|t2| now_ms < t2)) {
        return Ok(MostRecent {
            most_recent_ms: Some(t1),
            ..none
        });
    }
    let (Some(t1), Some(t2)) = (t1, t2) else {
        return Err(none);
    };
    // `t2.Sub(t1).Round(time.Second).Seconds()`: both are whole seconds.
    let between = (t2 - t1) / 1000;
    if between < 1 {
        return Err(none);
    }
    // `int64(now.Sub(t1).Seconds())` truncates toward zero; now >= t2 > t1 here.
    let elapsed = (now_ms - t1) / 1000;
    let missed_count = elapsed / between + 1;
    // Back one period more than the count says, and let the schedule find the real times
    // (irregular schedules such as `30 6-16/4 * * 1-5`).
    let potential_earliest = t1.saturating_add(
        (missed_count - 2)
            .saturating_mul(between)
            .saturating_mul(1000),
    );
    let mut most_recent = None;
    let mut t = next_ms(schedule, potential_earliest);
    while let Some(x) = t.filter(|&x| x <= now_ms) {
        most_recent = Some(x);
        t = next_ms(schedule, x);
    }
    let missed = if missed_count > MAX_MISSED {
        Missed::Many
    } else if missed_count > 0 {
        Missed::Few
    } else {
        Missed::None
    };
    Ok(MostRecent {
        earliest_ms: earliest,
        most_recent_ms: most_recent,
        missed,
    })
}

/// `nextScheduleTimeDuration` as the instant it waits for: the next scheduled time after the
/// most recent one (or after now), plus [`NEXT_SCHEDULE_DELTA_MS`].
pub fn next_schedule_at(state: ScheduleState, now_ms: i64, schedule: &dyn NextTime) -> i64 {
    let from = match most_recent_schedule_time(state, now_ms, schedule, false) {
        Err(_) => now_ms,
        Ok(MostRecent {
            most_recent_ms: Some(t),
            ..
        }) => t,
        Ok(MostRecent {
            earliest_ms,
            missed: Missed::None,
            ..
        }) => earliest_ms,
        Ok(_) => now_ms,
    };
    // Go's zero time is far in the past, which makes the wait negative: an immediate requeue.
    next_ms(schedule, from).map_or(i64::MIN, |t| t.saturating_add(NEXT_SCHEDULE_DELTA_MS))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A schedule every `period` seconds from the Unix epoch, in UTC: enough to pin the
    /// arithmetic without a cron parser (the real schedules come from `crate::cron`).
    pub(crate) struct Every(pub i64);

    impl NextTime for Every {
        fn next_after(&self, after: i64) -> Option<i64> {
            Some((after.div_euclid(self.0) + 1) * self.0)
        }
        fn utc_offset_seconds(&self, _: i64) -> i32 {
            0
        }
    }

    const T0: i64 = 1_735_689_600_000;

    fn state(last: Option<i64>, sds: Option<i64>) -> ScheduleState {
        ScheduleState {
            created_ms: T0,
            last_schedule_ms: last,
            starting_deadline_seconds: sds,
        }
    }

    #[test]
    fn most_recent_schedule_time_follows_utils_go() {
        let every_minute = Every(60);
        // Before the first time: nothing due; the wait ends 100 ms after it.
        let r = most_recent_schedule_time(state(None, None), T0 + 30_000, &every_minute, true);
        assert_eq!(r.map(|r| r.most_recent_ms), Ok(None));
        assert_eq!(
            next_schedule_at(state(None, None), T0 + 30_000, &every_minute),
            T0 + 60_100
        );
        // One due and none missed.
        let r = most_recent_schedule_time(state(None, None), T0 + 60_100, &every_minute, true);
        assert_eq!(
            r,
            Ok(MostRecent {
                earliest_ms: T0,
                most_recent_ms: Some(T0 + 60_000),
                missed: Missed::None
            })
        );
        // Three periods later: a few missed, the most recent is the latest.
        let r = most_recent_schedule_time(state(None, None), T0 + 180_500, &every_minute, true);
        assert_eq!(
            r.map(|r| (r.most_recent_ms, r.missed)),
            Ok((Some(T0 + 180_000), Missed::Few))
        );
        // 101 periods: many.
        let r =
            most_recent_schedule_time(state(None, None), T0 + 101 * 60_000, &every_minute, true);
        assert_eq!(r.map(|r| r.missed), Ok(Missed::Many));
        let r =
            most_recent_schedule_time(state(None, None), T0 + 100 * 60_000, &every_minute, true);
        assert_eq!(r.map(|r| r.missed), Ok(Missed::Few));
        // A starting deadline moves the earliest time up, so old misses no longer count.
        let r = most_recent_schedule_time(
            state(None, Some(90)),
            T0 + 101 * 60_000,
            &every_minute,
            true,
        );
        assert_eq!(r.map(|r| r.missed), Ok(Missed::Few));
        assert_eq!(r.map(|r| r.earliest_ms), Ok(T0 + 101 * 60_000 - 90_000));
    }
}
