//! The cron differential's seeded generator: schedules (valid and not) x zones (DST-heavy and
//! invalid) x start times near the zones' clock changes. Case `i` of seed `s` depends only on `s`
//! and `i` (and the bundled zone data that places the clock changes).

use joblab_core::civil::format_rfc3339;
use joblab_core::sim::rng::SplitMix64;

use super::{CronCase, COUNT};

/// Zones with daylight saving (several at midnight, by 30 minutes, or negative), zones without,
/// and names Go rejects. Names that only a host's zoneinfo directory has (`posix/...`, a
/// directory such as `Europe`) are left out: Go would read the host's files for them, which the
/// oracle does not pin (oracle/README.md).
pub const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "America/Santiago",
    "America/Havana",
    "America/Sao_Paulo",
    "Europe/Dublin",
    "Europe/London",
    "Australia/Sydney",
    "America/St_Johns",
    "Asia/Tehran",
    "Africa/Casablanca",
    "Pacific/Apia",
    "Asia/Kolkata",
    "UTC",
    "Etc/GMT+5",
    "US/Eastern",
    "America/Argentina/Buenos_Aires",
    // Go rejects these (or, for "" and Local, does not look them up).
    "Mars/Olympus",
    "Europe/Berln",
    "europe/berlin",
    "Etc/GMT+15",
    "../etc/passwd",
    "/etc/localtime",
    "",
    "Local",
];

/// The zones with daylight saving, for start times near their changes.
const DST_ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "America/Havana",
    "Europe/Dublin",
    "Europe/London",
    "Australia/Sydney",
    "America/St_Johns",
    "Africa/Casablanca",
];

struct Gen {
    rng: SplitMix64,
}

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number for a field of bounds `min..=max`, sometimes just outside or far outside.
    fn number(&mut self, min: i64, max: i64) -> String {
        match self.below(10) {
            0 => (max + 1).to_string(),
            1 => (min - 1).max(0).to_string(),
            2 => [
                "99",
                "100",
                "+3",
                "007",
                "-0",
                "9999999999999999999999",
                "1e2",
            ][self.below(7)]
            .to_string(),
            _ => (min + self.below((max - min + 1) as usize) as i64).to_string(),
        }
    }

    /// A value of a field: a number or, for months and weekdays, a name in any case.
    fn value(&mut self, field: usize) -> String {
        const MONTHS: &[&str] = &[
            "jan", "FEB", "Mar", "apr", "MAY", "jun", "Jul", "aug", "SEP", "oct", "Nov", "dec",
            "JANUARY", "sept",
        ];
        const DAYS: &[&str] = &[
            "sun", "MON", "Tue", "wed", "THU", "fri", "Sat", "sunday", "tues",
        ];
        let (min, max) = BOUNDS[field];
        match field {
            3 if self.chance(40) => self.pick(MONTHS).to_string(),
            4 if self.chance(40) => self.pick(DAYS).to_string(),
            4 if self.chance(10) => "7".to_string(),
            _ => self.number(min, max),
        }
    }

    /// One comma-separated part of a field.
    fn range(&mut self, field: usize) -> String {
        let (min, max) = BOUNDS[field];
        let step = |g: &mut Gen| -> String {
            match g.below(8) {
                0 => "0".into(),
                1 => "-1".into(),
                2 => (max + 5).to_string(),
                _ => (1 + g.below(((max - min) as usize / 2).max(1))).to_string(),
            }
        };
        match self.below(12) {
            0 => "*".into(),
            1 => "?".into(),
            2 => format!("*/{}", step(self)),
            3 => format!("?/{}", step(self)),
            4 | 5 => format!("{}-{}", self.value(field), self.value(field)),
            6 => format!("{}-{}/{}", self.value(field), self.value(field), step(self)),
            7 => format!("{}/{}", self.value(field), step(self)),
            8 if self.chance(30) => {
                ["*-5", "1-2-3", "1/2/3", "", "-", "/", "a", "*/"][self.below(8)].into()
            }
            _ => self.value(field),
        }
    }

    /// A whole field: usually one part, sometimes a list.
    fn field(&mut self, field: usize) -> String {
        if self.chance(70) {
            return match field {
                // Plain values dominate real schedules; keep them common.
                0 | 1 if self.chance(40) => {
                    let (min, max) = BOUNDS[field];
                    (min + self.below((max - min + 1) as usize) as i64).to_string()
                }
                2..=4 if self.chance(50) => "*".into(),
                _ => self.range(field),
            };
        }
        let n = 2 + self.below(3);
        let parts: Vec<String> = (0..n).map(|_| self.range(field)).collect();
        let mut text = parts.join(",");
        if self.chance(10) {
            text = format!(",{text},");
        }
        text
    }

    fn five_fields(&mut self) -> String {
        (0..5).map(|f| self.field(f)).collect::<Vec<_>>().join(" ")
    }

    /// A schedule aimed at daylight-saving changes: early-morning hours and both day rules.
    fn dst_schedule(&mut self) -> String {
        let minute = self.pick(&["0", "15", "30", "45", "*/15", "*/30", "59", "0,30"]);
        let hour = self.pick(&["0", "1", "2", "3", "*", "1-3", "2", "*/2", "23", "0-3"]);
        const DAYS: &[(&str, &str)] = &[
            ("*", "*"),
            ("*", "SUN"),
            ("1", "*"),
            ("15", "MON"),
            ("*", "MON-FRI"),
            ("*/2", "*"),
            ("L", "*"),
        ];
        let (dom, dow) = DAYS[self.below(DAYS.len())];
        let months = self.pick(&["*", "3", "10", "3,10", "4,9", "11"]);
        format!("{minute} {hour} {dom} {months} {dow}")
    }

    fn schedule(&mut self) -> (String, &'static str) {
        const MACROS: &[&str] = &[
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
            "@every 1h30m",
            "@every 90s",
            "@every 500ms",
            "@every -1h",
            "@every 1.5h",
            "@every 1d",
            "@every",
            "@every ",
            "@every 0",
            "@every 1h 30m",
            "@every 9999999999h",
            "@reboot",
            "@Daily",
            "@daily ",
            " @daily",
            "@",
        ];
        const GARBAGE: &[&str] = &[
            "",
            " ",
            "* * * *",
            "* * * * * *",
            "0 0 * * * *",
            "*\t*\t*\t*\t*",
            "  */5   *  * * *  ",
            "*\u{a0}* * * *",
            "every minute",
            "0 0 31 2 *",
            "0 0 30 2 *",
            ", * * * *",
            "0 0 * * FRİ",
            "60 * * * *",
            "* 24 * * *",
            "* * 32 * *",
            "* * * 13 *",
            "* * * * 8",
            "*/0 * * * *",
            "TZ=UTC",
            "CRON_TZ=",
            "TZ=UTC\t* * * * *",
            "cron",
            "* * * * Mon-Fri",
        ];
        match self.below(20) {
            0..=7 => (self.five_fields(), "fields"),
            8..=10 => (self.dst_schedule(), "dst"),
            11 | 12 => (self.pick(MACROS).to_string(), "macro"),
            13 | 14 => {
                let prefix = self.pick(&["TZ=", "CRON_TZ="]);
                let zone = self.pick(ZONES);
                let rest = if self.chance(50) {
                    self.dst_schedule()
                } else {
                    self.pick(&["@daily", "@every 1h", "0 12 * * *", "* * * *"])
                        .to_string()
                };
                let sep = self.pick(&[" ", "  ", " \t"]);
                (format!("{prefix}{zone}{sep}{rest}"), "tz-prefix")
            }
            15 | 16 => (self.pick(GARBAGE).to_string(), "garbage"),
            _ => {
                // Both day fields restricted (they OR), or one starred (they AND).
                let dom = self.pick(&["1", "13", "15", "31", "1-7", "*/10", "*", "?"]);
                let dow = self.pick(&["1", "5", "FRI", "MON-FRI", "0", "*", "?", "*/2"]);
                let month = self.pick(&["*", "2", "4", "*/3"]);
                (format!("0 9 {dom} {month} {dow}"), "day-rule")
            }
        }
    }

    /// A start time: near a daylight-saving change of `zone` (when it has any within the year),
    /// or anywhere from 2024 to 2029.
    fn start(&mut self, zone: Option<&str>) -> i64 {
        let year = 2024 + self.below(6) as i64;
        let year_start = joblab_core::civil::days_from_civil(year, 1, 1) * 86_400;
        let anywhere = year_start + self.below(365 * 86_400) as i64;
        let dst_zone = zone
            .filter(|z| DST_ZONES.contains(z))
            .map(|z| z.to_string());
        let dst_zone =
            dst_zone.or_else(|| self.chance(50).then(|| self.pick(DST_ZONES).to_string()));
        let Some(zone) = dst_zone.and_then(|z| joblab_core::cron::zone(&z)) else {
            return anywhere;
        };
        let changes: Vec<i64> = zone
            .offset_changes(year_start, year_start + 366 * 86_400)
            .into_iter()
            .map(|(at, _, _)| at)
            .collect();
        if changes.is_empty() || self.chance(15) {
            return anywhere;
        }
        let change = changes[self.below(changes.len())];
        // From a few days before to a little after, on whole minutes or seconds.
        let before = [
            1,
            59,
            60,
            1800,
            3600,
            3601,
            5400,
            7200,
            86_400,
            3 * 86_400,
            -1,
            -1800,
            -3600,
        ];
        change - before[self.below(before.len())]
    }
}

/// The bounds of the five fields.
const BOUNDS: [(i64, i64); 5] = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];

/// Case `index` of seed `seed`; it depends on nothing else.
pub fn generate_one(seed: u64, index: usize) -> CronCase {
    let mut g = Gen {
        rng: SplitMix64::new(
            seed ^ (index as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(0x00C0_FFEE),
        ),
    };
    let (schedule, origin) = g.schedule();
    let time_zone = if g.chance(35) {
        None
    } else if g.chance(85) {
        Some(g.pick(&ZONES[..20]).to_string())
    } else {
        Some(g.pick(&ZONES[20..]).to_string())
    };
    let start = g.start(time_zone.as_deref());
    CronCase {
        id: format!("cron-{seed}-{index}"),
        origin: origin.to_string(),
        schedule,
        time_zone,
        start: format_rfc3339(start),
        count: COUNT,
    }
}

/// `count` cases of seed `seed`.
pub fn generate_cron(seed: u64, count: usize) -> Vec<CronCase> {
    (0..count).map(|i| generate_one(seed, i)).collect()
}
