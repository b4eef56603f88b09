//! Seeded generation of CronJobs for the check differential.
//!
//! A case takes one seed Job of [`crate::generate::Seeds`], applies up to two of the Job
//! mutations of [`crate::generate`] to it (so every Job rule is reached inside `jobTemplate`),
//! wraps it as a CronJob (the Job's metadata becomes the CronJob's, its spec the template's),
//! and applies one to three CronJob mutations: schedules (fields, ranges, steps, names, `?`,
//! macros, `TZ=` and `CRON_TZ=` prefixes, valid and not), time zones (with and without a zone in
//! the schedule), concurrency policies, negative and large deadlines and history limits, names
//! around the 52-character limit, `suspend`, and any field of the complete CronJob schema. Case
//! `i` of seed `s` depends on nothing but `s`, `i` and the seed files.

use joblab_core::api::schema::CRONJOB;
use joblab_core::yaml::emit::to_yaml;
use serde_json::{json, Map, Value as J};

use crate::generate::{case_rng, no_seeds, set_at, show, Case, Gen, Seeds, Step};

/// Keeps CronJob case `i` of seed `s` apart from Job case `i` of seed `s`.
const CRONJOB_STREAM: u64 = 0xC809_0B5E_ED00_0001;

/// Schedules worth trying: valid ones of every form first, then near misses and errors.
const SCHEDULES: &[&str] = &[
    "*/5 * * * *",
    "0 3 * * *",
    "30 2 * * *",
    "0 0 1 1 *",
    "0 9 * * MON-FRI",
    "0 9 * JAN,JUL SUN",
    "15 10 ? * *",
    "0 0 ? * ?",
    "0 0 31 2 *",
    "0-59/15 * * * *",
    "5/15 * * * *",
    "1,2,3-5/2 * * * *",
    "0 0 1-31/2 * *",
    "0 0 * * 0/2",
    "0 0 * * sun",
    "0 0 * * 7",
    "0 12 * * mon,wed,fri",
    "@hourly",
    "@daily",
    "@midnight",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
    "@every 5m",
    "@every 1h30m",
    "@every 0s",
    "@every -1m",
    "@every",
    "@reboot",
    "@HOURLY",
    "",
    " ",
    "* * * *",
    "* * * * * *",
    "60 * * * *",
    "0 24 * * *",
    "0 0 0 * *",
    "0 0 32 * *",
    "0 0 * 13 *",
    "0 0 * 0 *",
    "0 0 * * 8",
    "*/0 * * * *",
    "*/61 * * * *",
    "1-0 * * * *",
    "5-3/2 * * * *",
    "a * * * *",
    "0 0 * FOO *",
    "0 0 * * MON-FOO",
    "0 0 L * *",
    "0 0 * * 1#2",
    "1/2/3 * * * *",
    "1-2-3 * * * *",
    "-1 * * * *",
    "1,,2 * * * *",
    " */5 * * * *",
    "*/5 * * * * ",
    "*/5  * * * *",
    "TZ=UTC 0 0 * * *",
    "CRON_TZ=Europe/Berlin 0 3 * * *",
    "TZ=Mars/Olympus 0 0 * * *",
    "CRON_TZ=America/New_York @daily",
    "TZ=UTC",
    "TZ=",
    "CRON_TZ= 0 0 * * *",
    "0 0 * * * TZ",
];

/// Time zone names: IANA zones (canonical, links, odd-looking but real), then names the server
/// rejects for their characters, their case, or because the database has no such zone.
const TIME_ZONES: &[&str] = &[
    "UTC",
    "Etc/UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Argentina/Buenos_Aires",
    "US/Pacific",
    "Etc/GMT+5",
    "Etc/GMT-14",
    "GMT",
    "EST5EDT",
    "Europe/Kyiv",
    "America/Port-au-Prince",
    "",
    "Local",
    "local",
    "utc",
    "europe/berlin",
    "Mars/Olympus",
    "Europe/Atlantis",
    "../etc/passwd",
    "/etc/localtime",
    "Europe//Berlin",
    "-Europe/Berlin",
    "Europe/-Berlin",
    "America/Argentina_Buenos_Aires_Long",
    "Europe/Berlin ",
    "Europe/Ber lin",
    "Europe/./Berlin",
    "Etc/GMT+15",
];

/// CronJob names around the 52-character limit, and names the server rejects or warns about.
const NAMES: &[&str] = &[
    "nightly",
    "a2345678901234567890123456789012345678901234567890",
    "a23456789012345678901234567890123456789012345678901",
    "a234567890123456789012345678901234567890123456789012",
    "a2345678901234567890123456789012345678901234567890123",
    "a23456789012345678901234567890123456789012345678901234",
    "report.daily",
    "Nightly",
    "nightly-",
    "night_ly",
    "",
];

/// CronJob case `index` of `seed`.
pub fn generate_cronjob_one(seeds: &Seeds, seed: u64, index: usize) -> Case {
    let mut rng = case_rng(seed, CRONJOB_STREAM, index);
    let mut g = Gen { rng: &mut rng };
    let id = format!("cronjob-{seed}-{index}");
    if seeds.jobs.is_empty() {
        return no_seeds(id);
    }
    let (origin, job) = &seeds.jobs[g.below(seeds.jobs.len())];
    let mut job = job.clone();
    // Half the cases keep the seed's template as it is, so the CronJob's own rules are seen
    // without a template error beside them.
    let n = if g.chance(50) { 0 } else { 1 + g.below(2) };
    let (mut mutations, textual) = g.mutate_job(&mut job, n);
    let mut cronjob = wrap(&mut g, &job);
    let n = if g.below(20) == 0 { 0 } else { 1 + g.below(3) };
    for _ in 0..n {
        let what = g.mutate_cronjob(&mut cronjob);
        mutations.push(what);
    }
    let mut yaml = to_yaml(&cronjob);
    for t in textual {
        yaml = g.textual(&yaml, t);
    }
    Case {
        id,
        yaml,
        origin: origin.clone(),
        mutations,
    }
}

/// Generates `count` CronJob cases from `seed`.
pub fn generate_cronjobs(seeds: &Seeds, seed: u64, count: usize) -> Vec<Case> {
    (0..count)
        .map(|i| generate_cronjob_one(seeds, seed, i))
        .collect()
}

/// The CronJob that runs `job` (a Job's JSON, mutated or not) on a valid schedule: the Job's
/// `apiVersion`, `kind` and `metadata` become the CronJob's, its spec the template's (with, now
/// and then, the template's own metadata).
fn wrap(g: &mut Gen<'_>, job: &J) -> J {
    let mut template = Map::new();
    if g.chance(20) {
        template.insert(
            "metadata".to_owned(),
            json!({"labels": {"app": "report"}, "annotations": {"team": "data"}}),
        );
    }
    if let Some(spec) = job.get("spec") {
        template.insert("spec".to_owned(), spec.clone());
    }
    let mut cronjob = Map::new();
    for key in ["apiVersion", "kind"] {
        if let Some(v) = job.get(key) {
            cronjob.insert(key.to_owned(), v.clone());
        }
    }
    // A mutation of the Job's own apiVersion or kind stays; a seed's becomes the CronJob's.
    if job.get("kind") == Some(&json!("Job")) {
        cronjob.insert("kind".to_owned(), json!("CronJob"));
    }
    if let Some(meta) = job.get("metadata") {
        cronjob.insert("metadata".to_owned(), meta.clone());
    }
    let schedule = *g.pick(&SCHEDULES[..17]);
    cronjob.insert(
        "spec".to_owned(),
        json!({"schedule": schedule, "jobTemplate": J::Object(template)}),
    );
    J::Object(cronjob)
}

impl Gen<'_> {
    /// One CronJob mutation; returns what it did.
    fn mutate_cronjob(&mut self, cronjob: &mut J) -> String {
        let key = |k: &str| Step::Key(k.to_owned());
        let (path, value) = match self.below(100) {
            0..=24 => (
                vec![key("spec"), key("schedule")],
                json!(*self.pick(SCHEDULES)),
            ),
            25..=39 => {
                if self.chance(30) {
                    let tz = *self.pick(&["TZ=UTC ", "CRON_TZ=Europe/Berlin ", "TZ=Mars/X "]);
                    let schedule = *self.pick(&SCHEDULES[..17]);
                    set_at(
                        cronjob,
                        &[key("spec"), key("schedule")],
                        json!(format!("{tz}{schedule}")),
                    );
                }
                (
                    vec![key("spec"), key("timeZone")],
                    json!(*self.pick(TIME_ZONES)),
                )
            }
            40..=47 => (
                vec![key("spec"), key("concurrencyPolicy")],
                json!(*self.pick(&["Allow", "Forbid", "Replace", "allow", "", "Sometimes"])),
            ),
            48..=55 => (
                vec![key("spec"), key("startingDeadlineSeconds")],
                json!(*self.pick(&[
                    0_i64,
                    10,
                    200,
                    -1,
                    -9_223_372_036_854_775_808,
                    9_223_372_036_854_775_807,
                    2_147_483_648,
                ])),
            ),
            56..=65 => {
                let field = *self.pick(&["successfulJobsHistoryLimit", "failedJobsHistoryLimit"]);
                (
                    vec![key("spec"), key(field)],
                    json!(*self.pick(&[0_i64, 1, 3, -1, 2_147_483_647, -2_147_483_648])),
                )
            }
            66..=69 => (vec![key("spec"), key("suspend")], json!(self.chance(50))),
            70..=79 => {
                let name = *self.pick(NAMES);
                if name.is_empty() || self.chance(20) {
                    let prefix = if name.is_empty() { "nightly-" } else { name };
                    set_at(cronjob, &[key("metadata"), key("name")], J::Null);
                    (vec![key("metadata"), key("generateName")], json!(prefix))
                } else {
                    (vec![key("metadata"), key("name")], json!(name))
                }
            }
            80..=89 => {
                let (path, field, kind) = self.walk_from(cronjob, CRONJOB, Vec::new());
                let value = self.value(field, &kind, 3);
                (path, value)
            }
            90..=94 => return self.unknown_field(cronjob),
            _ => return self.remove_field(cronjob),
        };
        let text = format!("cronjob {} = {value}", show(&path));
        set_at(cronjob, &path, value);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_cronjobs_and_they_are_cronjobs() {
        let seeds = Seeds::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../.."
        )));
        let a = generate_cronjobs(&seeds, 7, 50);
        let b = generate_cronjobs(&seeds, 7, 50);
        assert_eq!(
            a.iter().map(|c| &c.yaml).collect::<Vec<_>>(),
            b.iter().map(|c| &c.yaml).collect::<Vec<_>>()
        );
        let cronjobs = a
            .iter()
            .filter(|c| c.yaml.contains("kind: CronJob") && c.yaml.contains("jobTemplate:"))
            .count();
        assert!(cronjobs >= 45, "{cronjobs} of 50 cases are CronJobs");
    }
}
