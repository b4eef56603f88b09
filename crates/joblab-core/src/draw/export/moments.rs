//! How a picture's moments are written, read and named: the Job diagrams count `m:ss` from the
//! Job's creation, the CronJob diagrams show the wall clock (`HH:MM:SS`, UTC in the guide), and a
//! picture's caption, its strip field and its file name use the same clock as its player.

use super::{Theme, MAX_MOMENTS};
use crate::draw::{cronjob, fmt_time};
use crate::sim::Millis;

/// The clock a diagram's player shows, which its pictures' moments are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Time since the Job was created, `m:ss` (the Job diagrams).
    Elapsed,
    /// The wall clock, `HH:MM:SS` in UTC, of a run whose time 0 is the instant
    /// `start_unix_seconds` (the CronJob diagrams).
    Wall {
        /// The run's start, in seconds since the Unix epoch.
        start_unix_seconds: i64,
    },
}

impl Clock {
    /// The moment `t` as the player shows it: `1:04` or `00:05:00`.
    pub fn text(self, t: Millis) -> String {
        match self {
            Clock::Elapsed => fmt_time(t),
            Clock::Wall { start_unix_seconds } => cronjob::clock(start_unix_seconds, t),
        }
    }

    /// How a moment is written, for the strip field's label: `m:ss` or `HH:MM:SS`.
    pub const fn format(self) -> &'static str {
        match self {
            Clock::Elapsed => "m:ss",
            Clock::Wall { .. } => "HH:MM:SS",
        }
    }

    /// The seconds since the run's start that `entry` names, if it is a time on this clock: `m:ss`
    /// or whole seconds (`12`, `12s`) since the start; or a wall-clock `HH:MM:SS` or `HH:MM`, the
    /// first such time at or after the start.
    fn read(self, entry: &str) -> Option<u64> {
        /// Two digits below 60.
        fn sixty(s: &str) -> Option<u64> {
            (s.len() == 2)
                .then(|| s.parse::<u64>().ok())
                .flatten()
                .filter(|v| *v < 60)
        }
        match self {
            Clock::Elapsed => match entry.split_once(':') {
                Some((m, s)) => m
                    .parse::<u64>()
                    .ok()
                    .zip(sixty(s))
                    .map(|(m, s)| m.saturating_mul(60).saturating_add(s)),
                None => entry.strip_suffix('s').unwrap_or(entry).parse::<u64>().ok(),
            },
            Clock::Wall { start_unix_seconds } => {
                let mut parts = entry.split(':');
                let h = parts.next()?;
                let h = (h.len() <= 2).then(|| h.parse::<u64>().ok()).flatten()?;
                let m = sixty(parts.next()?)?;
                let s = parts.next().map_or(Some(0), sixty)?;
                if h >= 24 || parts.next().is_some() {
                    return None;
                }
                let of_day = i64::try_from(h * 3600 + m * 60 + s).ok()?;
                u64::try_from((of_day - start_unix_seconds).rem_euclid(86_400)).ok()
            }
        }
    }

    /// Reads the moments of a strip from text such as `0:00, 0:12, 1:30` or `0 12 90` (an
    /// [`Elapsed`](Clock::Elapsed) clock), or `00:05, 00:10:30` (a [`Wall`](Clock::Wall) clock),
    /// separated by commas or spaces: sorted, without repeats, each at most `end_ms` (a later one
    /// is the end). An error says which entry it could not read.
    pub fn parse_moments(self, text: &str, end_ms: Millis) -> Result<Vec<Millis>, String> {
        let mut out = Vec::new();
        for entry in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
        {
            let Some(seconds) = self.read(entry) else {
                let how = match self {
                    Clock::Elapsed => "m:ss, such as 1:05, or whole seconds",
                    Clock::Wall { .. } => "HH:MM:SS or HH:MM, such as 00:05:00",
                };
                return Err(format!(
                    "\u{201c}{}\u{201d} is not a time: write {how}.",
                    entry.chars().take(20).collect::<String>()
                ));
            };
            out.push(seconds.saturating_mul(1000).min(end_ms));
            if out.len() > MAX_MOMENTS * 4 {
                break;
            }
        }
        out.sort_unstable();
        out.dedup();
        if out.is_empty() {
            let e = match self {
                Clock::Elapsed => "0:00, 0:10",
                Clock::Wall { .. } => "00:00:00, 00:10:00",
            };
            return Err(format!("Name at least one moment, such as {e}."));
        }
        if out.len() > MAX_MOMENTS {
            return Err(format!(
                "A strip holds at most {MAX_MOMENTS} moments; {} were named.",
                out.len()
            ));
        }
        Ok(out)
    }

    /// `count` moments spread evenly from the start to `end_ms` in whole seconds, written on this
    /// clock for the strip's field: the default strip.
    pub fn default_moments(self, end_ms: Millis, count: u64) -> String {
        let count = count.max(2);
        let end_s = end_ms / 1000;
        let mut times: Vec<Millis> = (0..count).map(|i| end_s * i / (count - 1) * 1000).collect();
        times.dedup();
        times
            .iter()
            .map(|&t| self.text(t))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The file name of a picture, without its extension: `joblab-failure-0m12s-dark` or
    /// `joblab-cronjobs-forbid-00h30m00s-light` for one moment, `joblab-failure-strip-dark` for
    /// several. Anything in `slug` but ASCII letters, digits and `-` becomes `-`.
    pub fn file_stem(self, slug: &str, moments: &[Millis], theme: Theme) -> String {
        let when = match (moments, self) {
            ([t], Clock::Elapsed) => {
                let s = t / 1000;
                format!("{}m{:02}s", s / 60, s % 60)
            }
            ([t], Clock::Wall { start_unix_seconds }) => {
                let s =
                    (start_unix_seconds + i64::try_from(t / 1000).unwrap_or(0)).rem_euclid(86_400);
                format!("{:02}h{:02}m{:02}s", s / 3600, s / 60 % 60, s % 60)
            }
            _ => "strip".to_string(),
        };
        let slug: String = slug
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .take(60)
            .collect();
        format!("joblab-{slug}-{when}-{}", theme.as_str())
    }
}

/// [`Clock::parse_moments`] on the Job diagrams' clock (`m:ss` or whole seconds).
pub fn parse_moments(text: &str, end_ms: Millis) -> Result<Vec<Millis>, String> {
    Clock::Elapsed.parse_moments(text, end_ms)
}

/// [`Clock::default_moments`] on the Job diagrams' clock.
pub fn default_moments(end_ms: Millis, count: u64) -> String {
    Clock::Elapsed.default_moments(end_ms, count)
}

/// [`Clock::file_stem`] on the Job diagrams' clock: `joblab-failure-0m12s-dark` for one moment,
/// `joblab-failure-strip-dark` for several.
pub fn file_stem(slug: &str, moments: &[Millis], theme: Theme) -> String {
    Clock::Elapsed.file_stem(slug, moments, theme)
}
