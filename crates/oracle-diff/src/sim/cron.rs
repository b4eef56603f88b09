//! The CronJob simulation differential: Joblab's CronJob controller simulation
//! (`joblab_core::sim::cronjob`) against the real CronJob controller v2 with the real Job
//! controller of every child Job, in the oracle's harness (`oracle simulate CRONJOB.yaml`).
//!
//! **Cases.** A CronJob around a valid Job of the Job × scenario generator (its spec as the
//! `jobTemplate`), with a schedule drawn from a table (every minute, every few minutes, hourly,
//! daily, irregular lists and ranges, weekdays), a `timeZone` (none, UTC, zones with daylight
//! saving and half-hour offsets) and a start time (the default, or just before a daylight-saving
//! change), `concurrencyPolicy`, `startingDeadlineSeconds`, both history limits and `suspend`;
//! crossed with a scenario whose run times are shorter and longer than the period, failures (by
//! Job, by run, by rate), suspend and resume patches, deletions of child Jobs, Jobs made by hand
//! (`createJob`, some with names that collide), and a CronJob controller that was down for a
//! while (some long enough for more than 100 missed times).
//!
//! **Agreement** ([`compare_cron`]): the CronJob's status (active Jobs by name,
//! lastScheduleTime, lastSuccessfulTime); the same Jobs in creation order, each with its name,
//! scheduled-timestamp annotation, creation, clock start and deletion times, and everything
//! [`super::compare_sim`] compares for a Job (status, conditions, Pods, its events); and the
//! CronJob controller's events at the same times, a set per instant.

use joblab_core::check::check_source;
use joblab_core::scenario::{Scenario, MAX_SECONDS};
use joblab_core::sim::cronjob::schedule::ControllerSchedule;
use joblab_core::sim::cronjob::{json::cronjob_json, CronJobSimulation, NextTime};
use joblab_core::sim::rng::SplitMix64;
use joblab_core::sim::Millis;
use joblab_core::yaml::emit::to_yaml;
use joblab_core::yaml::parse_stream;
use serde_json::{json, Value as J};

use super::compare::{compare_sim, SimDifference};
use super::generate::{generate_sim_one, SimCase};
use crate::generate::Seeds;

/// Schedules the generator draws, with their period in seconds (roughly, for the run length).
const SCHEDULES: &[(&str, u64)] = &[
    ("* * * * *", 60),
    ("*/1 * * * *", 60),
    ("*/2 * * * *", 120),
    ("*/5 * * * *", 300),
    ("*/7 * * * *", 420),
    ("*/15 * * * *", 900),
    ("5,35 * * * *", 1800),
    ("0 * * * *", 3600),
    ("@hourly", 3600),
    ("30 */2 * * *", 7200),
    ("0 9-17 * * 1-5", 3600),
    ("30 2 * * *", 86_400),
    ("0 3 * * *", 86_400),
    ("*/10 1-3 * * *", 600),
    ("0,20,40 * * * ?", 1200),
    // Days that never come: the API server accepts these (robfig parses them), and the
    // controller's mostRecentScheduleTime finds no next time (`InvalidSchedule`).
    ("0 0 30 2 *", 3600),
    ("15 6 31 4,6,9,11 *", 3600),
];

/// Zones: none (the controller's UTC), UTC by name, daylight saving on both hemispheres, and odd
/// offsets.
const ZONES: &[Option<&str>] = &[
    None,
    None,
    Some("Etc/UTC"),
    Some("Europe/Berlin"),
    Some("America/New_York"),
    Some("Asia/Kolkata"),
    Some("Australia/Lord_Howe"),
    Some("America/Sao_Paulo"),
];

/// Start times: the default, and a few hours before daylight-saving changes; each with its Unix
/// seconds (for the names of scheduled Jobs a hand-made Job may take).
const STARTS: &[(Option<&str>, i64)] = &[
    (None, DEFAULT_START_UNIX_SECONDS),
    (None, DEFAULT_START_UNIX_SECONDS),
    (None, DEFAULT_START_UNIX_SECONDS),
    (Some("2025-03-30T00:00:00Z"), 1_743_292_800),
    (Some("2025-10-26T00:00:00Z"), 1_761_436_800),
    (Some("2025-03-09T06:00:00Z"), 1_741_500_000),
    (Some("2025-11-02T05:00:00Z"), 1_762_059_600),
    (Some("2025-04-05T14:00:00Z"), 1_743_861_600),
];

/// A scenario's default `startTime`, 2025-01-01T00:00:00Z.
const DEFAULT_START_UNIX_SECONDS: i64 = 1_735_689_600;

/// Generates `count` CronJob cases of `seed`.
pub fn generate_cron(seeds: &Seeds, seed: u64, count: usize) -> Vec<SimCase> {
    (0..count)
        .map(|i| generate_cron_one(seeds, seed, i))
        .collect()
}

struct G(SplitMix64);

impl G {
    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize].clone()
    }
}

/// Case `index` of `seed`: `cron-<seed>-<index>`.
pub fn generate_cron_one(seeds: &Seeds, seed: u64, index: usize) -> SimCase {
    let mut g = G(SplitMix64::new(
        seed.wrapping_mul(0xD6E8_FEB8_6659_FD93)
            ^ (index as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    ));
    let id = format!("cron-{seed}-{index}");
    for attempt in 0..16usize {
        let base = generate_sim_one(seeds, seed ^ 0xC207_0000, index * 16 + attempt);
        let Some(cronjob) = cronjob_around(&mut g, &base.job) else {
            continue;
        };
        let yaml = to_yaml(&cronjob.manifest);
        if !is_valid_cronjob(&yaml) {
            continue;
        }
        let (scenario, until_seconds) = scenario(&mut g, &cronjob);
        return SimCase {
            id,
            job: yaml,
            scenario: to_yaml(&scenario),
            origin: format!("CronJob around {}", base.origin),
            until: Some(until_seconds as f64),
        };
    }
    SimCase {
        id,
        job: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cron\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: main\n            image: busybox\n".to_owned(),
        scenario: "{}\n".to_owned(),
        origin: "fallback".to_owned(),
        until: Some(600.0),
    }
}

fn is_valid_cronjob(yaml: &str) -> bool {
    let report = check_source(yaml);
    !report.has_errors()
        && report.documents.len() == 1
        && report
            .documents
            .iter()
            .all(|d| d.valid && d.kind.as_deref() == Some("CronJob"))
}

/// A drawn CronJob and what the scenario needs to know of it.
struct Drawn {
    manifest: J,
    period_seconds: u64,
    until_seconds: u64,
}

/// A CronJob whose `jobTemplate` is the Job of a generated simulation case.
fn cronjob_around(g: &mut G, job_yaml: &str) -> Option<Drawn> {
    let stream = parse_stream(job_yaml);
    let job = stream.documents.first()?.root.as_ref()?.to_json();
    let mut spec = job.get("spec")?.clone();
    let s = spec.as_object_mut()?;
    // A Job the CronJob creates suspended never runs; a few keep it to show that too.
    if !g.chance(10) {
        s.remove("suspend");
    }
    // Small Jobs: the CronJob controller is what this differential is about, and the committed
    // vectors stay small (a shrunk Job that no longer validates is redrawn).
    for (field, cap) in [("completions", 3), ("parallelism", 3), ("backoffLimit", 2)] {
        if let Some(n) = s.get(field).and_then(J::as_i64).filter(|&n| n > cap) {
            s.insert(field.into(), json!(1 + n % cap));
        }
    }
    // The selector the server generates from each child's uid; a written one would be shared.
    s.remove("selector");
    s.remove("manualSelector");
    if let Some(labels) = spec
        .pointer_mut("/template/metadata/labels")
        .and_then(J::as_object_mut)
    {
        labels.retain(|k, _| !k.contains("controller-uid") && !k.contains("job-name"));
    }
    let (schedule, period) = g.pick(SCHEDULES);
    let mut cj_spec = json!({"schedule": schedule, "jobTemplate": {"spec": spec}});
    let c = cj_spec.as_object_mut()?;
    if let Some(zone) = g.pick(ZONES) {
        c.insert("timeZone".into(), json!(zone));
    }
    if g.chance(75) {
        c.insert(
            "concurrencyPolicy".into(),
            json!(g.pick(&["Allow", "Forbid", "Replace"])),
        );
    }
    if g.chance(40) {
        c.insert(
            "startingDeadlineSeconds".into(),
            json!(g.pick(&[10, 30, 59, 60, 100, 200, 600, 3600])),
        );
    }
    if g.chance(60) {
        c.insert("successfulJobsHistoryLimit".into(), json!(g.below(5)));
    }
    if g.chance(60) {
        c.insert("failedJobsHistoryLimit".into(), json!(g.below(4)));
    }
    if g.chance(10) {
        c.insert("suspend".into(), json!(true));
    } else if g.chance(10) {
        c.insert("suspend".into(), json!(false));
    }
    let name = g.pick(&["backup", "report", "nightly-sync", "cron", "a"]);
    let manifest = json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": name},
        "spec": cj_spec,
    });
    // Long enough for several runs, short enough for a quick oracle (and a day for daily ones).
    let periods = 3 + g.below(10);
    let until_seconds = (period * periods).clamp(600, 6 * 3600);
    let until_seconds = if period >= 86_400 {
        2 * 86_400
    } else {
        until_seconds
    };
    Some(Drawn {
        manifest,
        period_seconds: period,
        until_seconds,
    })
}

/// A scenario for a CronJob's Jobs: run times around the period, failures, suspend patches,
/// deletions of Jobs and an outage of the controller; and how long to run it (longer than the
/// CronJob's own choice when a long suspension or outage needs time to end and be noticed).
fn scenario(g: &mut G, d: &Drawn) -> (J, u64) {
    let mut until_seconds = d.until_seconds;
    let p = d.period_seconds.min(3600) as f64;
    let mut s = serde_json::Map::new();
    let run = match g.below(4) {
        0 => 5.0 + g.below(30) as f64,
        1 => p * 0.8,
        2 => p * 1.5 + g.below(60) as f64,
        _ => p * 3.2,
    };
    s.insert("runSeconds".into(), json!(run.round()));
    if g.chance(40) {
        let startup = if g.chance(20) { 0.5 } else { g.below(4) as f64 };
        s.insert("startupSeconds".into(), json!(startup));
    }
    if g.chance(20) {
        s.insert("exitCode".into(), json!(g.pick(&[0, 1, 2])));
    }
    if g.chance(25) {
        s.insert("failureRate".into(), json!(g.pick(&[0.1, 0.3, 0.5])));
    }
    s.insert("seed".into(), json!(g.below(1000)));
    let (start, start_unix_seconds) = g.pick(STARTS);
    if let Some(start) = start {
        s.insert("startTime".into(), json!(start));
    }
    let mut runs = Vec::new();
    for _ in 0..g.below(4) {
        let mut m = serde_json::Map::new();
        if g.chance(80) {
            m.insert("job".into(), json!(1 + g.below(6)));
        }
        if g.chance(40) {
            m.insert("run".into(), json!(1 + g.below(3)));
        }
        let mut r = json!({"match": m});
        if g.chance(70) {
            r["exitCode"] = json!(g.pick(&[0, 1, 42]));
        }
        if g.chance(50) {
            r["runSeconds"] = json!(g.pick(&[1.0, 20.0, p * 2.0, p * 5.0]).round());
        }
        runs.push(r);
    }
    if !runs.is_empty() {
        s.insert("runs".into(), J::Array(runs));
    }
    let mut actions = Vec::new();
    if g.chance(35) {
        let at = g.below(d.until_seconds) as f64;
        actions.push(json!({"at": at, "patch": {"spec": {"suspend": true}}}));
        if g.chance(80) {
            let away = if g.chance(25) && d.period_seconds <= 300 {
                // Suspended for about 100 scheduled times, either side of the controller's
                // limit of 100 missed times.
                d.period_seconds * g.pick(&[99, 100, 101, 102, 110]) + g.below(3) * 30
            } else {
                g.below(4 * d.period_seconds.min(3600)) + 1
            };
            let back = at + away as f64;
            until_seconds = until_seconds.max(back as u64 + 3 * d.period_seconds.min(3600));
            actions.push(json!({"at": back, "patch": {"spec": {"suspend": false}}}));
        }
    }
    // A resume of a CronJob that may not be suspended (a no-op patch), unless a suspension
    // above is meant to last.
    if actions.is_empty() && g.chance(20) {
        actions.push(
            json!({"at": g.below(d.until_seconds) as f64, "patch": {"spec": {"suspend": false}}}),
        );
    }
    for _ in 0..g.below(3) {
        let at = g.below(d.until_seconds) as f64 + if g.chance(20) { 0.5 } else { 0.0 };
        actions.push(json!({"at": at, "deleteJob": {"job": 1 + g.below(5)}}));
    }
    if g.chance(30) {
        let from = g.below(d.until_seconds / 2) as f64;
        let length = if g.chance(40) && d.period_seconds <= 300 {
            // About 100 missed times, either side of the limit.
            (d.period_seconds * g.pick(&[99, 100, 101, 102, 110]) + g.below(3) * 30) as f64
        } else {
            (g.below(6 * d.period_seconds.min(3600)) + 1) as f64
        };
        let to = from + length;
        until_seconds = until_seconds.max(to as u64 + 3 * d.period_seconds.min(3600));
        s.insert(
            "cronJobControllerDown".into(),
            json!({"from": from, "to": to}),
        );
    }
    // Drawn last, so that the draws above make the same cases as before hand-made Jobs.
    if g.chance(35) {
        manual_jobs(g, d, start_unix_seconds, until_seconds, &mut actions);
    }
    if !actions.is_empty() {
        s.insert("actions".into(), J::Array(actions));
    }
    (J::Object(s), until_seconds)
}

/// `kubectl create job NAME --from=cronjob/CRONJOB` at random times (while scheduled Jobs run,
/// under every policy, suspension and history limit the CronJob drew): mostly fresh names,
/// and some that collide, which the API server refuses while a Job of that name exists
/// (AlreadyExists, so kubectl fails and nothing changes): a hand-made Job's name again; a
/// scheduled Job's name taken by hand once its time has passed; and the name of a scheduled
/// time still to come, so the controller's create meets the hand-made Job (AlreadyExists, then
/// `IsControlledBy`: it adopts it into `active`); and now and then a name that is no Job name.
fn manual_jobs(
    g: &mut G,
    d: &Drawn,
    start_unix_seconds: i64,
    until_seconds: u64,
    actions: &mut Vec<J>,
) {
    let spec = &d.manifest["spec"];
    let cronjob = d.manifest["metadata"]["name"].as_str().unwrap_or("cron");
    let schedule = ControllerSchedule::new(
        spec["schedule"].as_str().unwrap_or(""),
        spec["timeZone"].as_str(),
    )
    .ok();
    // The scheduled time a Job named for it would carry in its name: the last before `at`
    // seconds, or the first after it.
    let scheduled_name = |at: u64, before: bool| -> Option<String> {
        let schedule = schedule.as_ref()?;
        let at_unix = start_unix_seconds + at as i64;
        let mut t = schedule.next_after(start_unix_seconds - 1)?;
        let mut last_before = None;
        while t < at_unix {
            last_before = Some(t);
            t = schedule.next_after(t)?;
        }
        let pick = if before { last_before? } else { t };
        Some(format!("{cronjob}-{}", pick.div_euclid(60)))
    };
    let mut names: Vec<String> = Vec::new();
    for n in 0..1 + g.below(3) {
        let at = g.below(until_seconds);
        let half = if g.chance(15) { 0.5 } else { 0.0 };
        let name = match g.below(20) {
            0..=4 if !names.is_empty() => g.pick(&names),
            5..=7 => scheduled_name(at, true).unwrap_or_else(|| format!("{cronjob}-manual")),
            8..=11 => scheduled_name(at, false).unwrap_or_else(|| format!("{cronjob}-manual")),
            12 => g.pick(&["Manual", "by_hand", "-x"]).to_owned(),
            _ => g.pick(&[
                format!("{cronjob}-manual"),
                format!("{cronjob}-manual-{}", n + 1),
                "by-hand".to_owned(),
                format!("{cronjob}-{}", at),
            ]),
        };
        names.push(name.clone());
        actions.push(json!({"at": at as f64 + half, "createJob": {"name": name}}));
    }
}

/// Whether a manifest's first document is a batch/v1 CronJob.
pub fn is_cronjob(manifest: &str) -> bool {
    let stream = parse_stream(manifest);
    stream
        .documents
        .iter()
        .find_map(|d| d.root.as_ref())
        .is_some_and(|r| {
            let v = r.to_json();
            v["kind"] == "CronJob" && v["apiVersion"] == "batch/v1"
        })
}

/// Runs Joblab's CronJob simulation on a case exactly as `joblab simulate --format json` does.
pub fn joblab_cron_result(manifest: &str, scenario: &str, until_seconds: f64) -> Result<J, String> {
    let report = check_source(manifest);
    if report.has_errors() {
        return Err("Joblab rejects the CronJob".to_owned());
    }
    let doc = report
        .documents
        .iter()
        .find(|d| d.valid && d.kind.as_deref() == Some("CronJob"))
        .ok_or("no batch/v1 CronJob to simulate")?;
    let scenario = if scenario.trim().is_empty() {
        Scenario::default()
    } else {
        Scenario::from_yaml(scenario).map_err(|d| format!("scenario: {d:?}"))?
    };
    let mut sim = CronJobSimulation::from_check(manifest, doc, scenario)?;
    sim.advance_to((until_seconds.min(MAX_SECONDS) * 1000.0).round() as Millis);
    serde_json::from_str(&cronjob_json(&sim)).map_err(|e| e.to_string())
}

/// Keeps only what [`compare_cron`] reads, so the committed vectors stay small.
pub fn reduce_cron(result: &J) -> J {
    let status = &result["cronJob"]["status"];
    json!({
        "cronJob": {"status": {
            "active": status["active"].as_array().map(|a| a.iter().map(|r| json!({"name": r["name"]})).collect::<Vec<_>>()),
            "lastScheduleTime": status["lastScheduleTime"],
            "lastSuccessfulTime": status["lastSuccessfulTime"],
        }},
        "jobs": result["jobs"].as_array().map(|jobs| jobs.iter().map(|j| {
            let mut r = super::reduce(j);
            for k in ["name", "scheduledTime", "createdAt", "deletedAt", "clockStart"] {
                r[k] = j[k].clone();
            }
            r
        }).collect::<Vec<_>>()),
        "events": result["events"],
    })
}

/// Compares Joblab's CronJob result with the oracle's.
pub fn compare_cron(joblab: &J, oracle: &J) -> Vec<SimDifference> {
    fn diff(
        out: &mut Vec<SimDifference>,
        category: &'static str,
        what: String,
        a: String,
        b: String,
    ) {
        if a != b {
            out.push(SimDifference {
                category,
                detail: format!("{what}: Joblab {a}, oracle {b}"),
            });
        }
    }
    let mut out = Vec::new();
    let active = |r: &J| -> Vec<String> {
        r["cronJob"]["status"]["active"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| a["name"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    diff(
        &mut out,
        "cronjob",
        "active".into(),
        format!("{:?}", active(joblab)),
        format!("{:?}", active(oracle)),
    );
    for f in ["lastScheduleTime", "lastSuccessfulTime"] {
        let v = |r: &J| r["cronJob"]["status"][f].to_string();
        diff(&mut out, "cronjob", f.into(), v(joblab), v(oracle));
    }
    let jobs = |r: &J| r["jobs"].as_array().cloned().unwrap_or_default();
    let (jj, oj) = (jobs(joblab), jobs(oracle));
    diff(
        &mut out,
        "jobs",
        "Jobs created".into(),
        jj.len().to_string(),
        oj.len().to_string(),
    );
    for (a, b) in jj.iter().zip(&oj) {
        let name = a["name"].as_str().unwrap_or("").to_owned();
        for k in [
            "name",
            "scheduledTime",
            "createdAt",
            "deletedAt",
            "clockStart",
        ] {
            diff(
                &mut out,
                "jobs",
                format!("job {name} {k}"),
                a[k].to_string(),
                b[k].to_string(),
            );
        }
        for d in compare_sim(a, b) {
            out.push(SimDifference {
                category: d.category,
                detail: format!("job {name}: {}", d.detail),
            });
        }
    }
    // The CronJob controller's events, compared as compare_sim compares a Job's: a result with
    // events only has nothing else to differ in.
    for d in compare_sim(
        &json!({"events": joblab["events"]}),
        &json!({"events": oracle["events"]}),
    ) {
        out.push(SimDifference {
            category: "cronjob events",
            detail: d.detail,
        });
    }
    out
}
