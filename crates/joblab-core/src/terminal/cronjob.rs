//! The terminal when the editor holds a CronJob: `get cronjobs`, `describe cronjob`, `get jobs`
//! (the Jobs the CronJob created), `describe job`, the Pods and the Events, all read from the
//! CronJob simulation's API objects at the player's time ([`CronJobCluster`]) through the same
//! renderers the views differential holds to kubectl's bytes; `create job NAME
//! --from=cronjob/NAME`, `patch cronjob` (suspend) and `delete job` become scenario actions at
//! the current time, so they replay deterministically and travel in share links.

use serde_json::Value;

use super::{
    at_seconds, no_resources, not_found, parse_selector, target, Args, Effect, Kind, Output,
};
use crate::kubectl::{cronjob_api_snapshot, cronjob_views, views, ApiSnapshot};
use crate::scenario::{Action, CreateJob, DeleteJob, JobPatch, JobSpecPatch};
use crate::sim::cronjob::{spec::is_job_name, CronJobSimulation};
use crate::sim::Millis;

/// A CronJob's cluster at one instant: its API objects, and which of the CronJob's Jobs each
/// existing Job is (a scenario's `deleteJob` names a Job by that ordinal).
#[derive(Clone, Debug, PartialEq)]
pub struct CronJobCluster {
    /// The CronJob, its Jobs, their Pods and the Events.
    pub objects: ApiSnapshot,
    /// `(name, ordinal)` of every Job the CronJob created that still exists.
    pub jobs: Vec<(String, u32)>,
}

impl CronJobCluster {
    /// The cluster of `sim` at its current time; `stored` is the CronJob's stored form (see
    /// [`crate::kubectl::cronjob_value`]).
    pub fn of(sim: &CronJobSimulation, stored: &Value) -> CronJobCluster {
        let jobs = sim
            .children()
            .iter()
            .filter(|c| c.created_ms <= sim.now() && !c.gone())
            .map(|c| (c.name.clone(), c.ordinal))
            .collect();
        CronJobCluster {
            objects: cronjob_api_snapshot(sim, stored),
            jobs,
        }
    }

    /// The CronJob's name.
    pub fn name(&self) -> &str {
        &self.objects.job_name
    }

    /// The names of the Pods that exist, in the API's order.
    pub fn pod_names(&self) -> Vec<String> {
        self.objects.pods.iter().map(name_of).collect()
    }
}

fn name_of(v: &Value) -> String {
    v.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The CronJob named by `--from`: `cronjob/NAME` (or `cronjobs/NAME`, `cj/NAME`), as kubectl's
/// `create job` reads it; `Err` with kubectl's message for any other resource.
pub(super) fn from_cronjob_name(from: &str) -> Result<&str, Output> {
    match from.split_once('/') {
        Some((ty, name)) if Kind::parse(ty) == Some(Kind::CronJob) && !name.is_empty() => Ok(name),
        _ => Err(Output::err(format!(
            "error: from must be an existing cronjob: unknown object type {from:?}"
        ))),
    }
}

/// Runs `command` against the CronJob's cluster; `None` for the commands that do not read the
/// cluster (apply, help, ...), which the Job terminal runs as ever.
pub(super) fn run(
    command: &str,
    args: &Args,
    cluster: &CronJobCluster,
    t: Millis,
) -> Option<Output> {
    Some(match command {
        "get" => get(args, cluster),
        "describe" => describe(args, cluster),
        "delete" => delete(args, cluster, t),
        "patch" => patch(args, cluster, t),
        "create" => create(args, cluster, t),
        "logs" => Output::err(
            "error: this terminal does not simulate the logs of a CronJob's Pods; try 'describe pod'",
        ),
        _ => return None,
    })
}

/// A view's text, or kubectl's error for a view that goes to standard error.
fn shown(v: views::ViewOutput) -> Output {
    if v.stderr {
        // "No resources found" is standard error too, but kubectl exits 0 for it.
        if v.text.starts_with("No resources found") {
            return Output::ok(v.text);
        }
        Output::err(v.text)
    } else {
        Output::ok(v.text)
    }
}

fn get(args: &Args, c: &CronJobCluster) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let wide = match args.flags.get("output").map(String::as_str) {
        None => false,
        Some("wide") => true,
        Some(f) => {
            return Output::err(format!(
                "error: this terminal prints a CronJob's objects as tables (-o wide), not \"{f}\""
            ))
        }
    };
    let selector = args.flags.get("selector").map(String::as_str);
    let o = &c.objects;
    match kind {
        Kind::CronJob => {
            if let Some(n) = names.iter().find(|n| o.cronjob(n).is_none()) {
                return not_found(kind, n);
            }
            shown(cronjob_views::get_cronjobs(
                o,
                names.first().map(String::as_str),
                wide,
            ))
        }
        Kind::Job | Kind::Pod => {
            let reqs = match selector.map(parse_selector).transpose() {
                Ok(r) => r.unwrap_or_default(),
                Err(e) => return Output::err(e),
            };
            let list = if kind == Kind::Job { &o.jobs } else { &o.pods };
            for n in &names {
                if !list.iter().any(|v| name_of(v) == *n) {
                    return not_found(kind, n);
                }
            }
            let picked: Vec<Value> = list
                .iter()
                .filter(|v| names.is_empty() || names.contains(&name_of(v)))
                .filter(|v| {
                    let labels: std::collections::BTreeMap<String, String> = v
                        .get("metadata")
                        .and_then(|m| m.get("labels"))
                        .and_then(Value::as_object)
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                                .collect()
                        })
                        .unwrap_or_default();
                    super::matches(&reqs, &labels)
                })
                .cloned()
                .collect();
            let mut view = o.clone();
            if kind == Kind::Job {
                view.jobs = picked;
                shown(views::get_jobs(&view, wide))
            } else {
                view.pods = picked;
                shown(
                    views::get_pods(&view, None, wide).unwrap_or_else(|| views::ViewOutput {
                        text: String::new(),
                        stderr: false,
                    }),
                )
            }
        }
        Kind::Event => {
            if args.flags.contains_key("output") {
                return Output::err(
                    "error: this terminal prints events as a table only (no -o for events)",
                );
            }
            shown(views::get_events(o))
        }
    }
}

fn describe(args: &Args, c: &CronJobCluster) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let o = &c.objects;
    let all: Vec<String> = match kind {
        Kind::CronJob => o.cronjobs.iter().map(name_of).collect(),
        Kind::Job => o.jobs.iter().map(name_of).collect(),
        Kind::Pod => o.pods.iter().map(name_of).collect(),
        Kind::Event => {
            return Output::err(
                "error: this terminal describes cronjobs, jobs and pods only; try 'get events'",
            )
        }
    };
    let names = if names.is_empty() { all } else { names };
    if names.is_empty() {
        return no_resources(&o.namespace);
    }
    // kubectl describes each in turn, a blank line between them.
    let mut text = String::new();
    for (i, n) in names.iter().enumerate() {
        let v = match kind {
            Kind::CronJob => cronjob_views::describe_cronjob(o, n),
            Kind::Job => views::describe_job(o, n),
            _ => views::describe_pod(o, n),
        };
        if v.stderr {
            return Output::err(v.text);
        }
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(&crate::escape::block(&v.text));
    }
    Output::ok(text)
}

fn delete(args: &Args, c: &CronJobCluster, t: Millis) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if names.is_empty() {
        return Output::err("error: resource(s) were provided, but no name was specified");
    }
    if kind != Kind::Job {
        return Output::err(
            "error: this terminal deletes a CronJob's jobs only (the CronJob is the editor's)",
        );
    }
    let mut out = String::new();
    let mut actions = Vec::new();
    for name in &names {
        let Some((_, ordinal)) = c.jobs.iter().find(|(n, _)| n == name) else {
            return not_found(kind, name);
        };
        out.push_str(&format!("job.batch \"{name}\" deleted\n"));
        actions.push(Action {
            at: at_seconds(t),
            delete_job: Some(DeleteJob {
                job: Some(*ordinal),
            }),
            ..Action::default()
        });
    }
    Output::ok(out).with(Effect::Actions(actions))
}

fn patch(args: &Args, c: &CronJobCluster, t: Millis) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if kind != Kind::CronJob {
        return Output::err("error: this terminal patches the CronJob's spec.suspend only");
    }
    let [name] = names.as_slice() else {
        return Output::err(format!(
            "error: exactly one NAME is required, got {}",
            names.len()
        ));
    };
    if c.objects.cronjob(name).is_none() {
        return not_found(kind, name);
    }
    let Some(p) = args.flags.get("patch") else {
        return Output::err("error: must specify -p to patch");
    };
    let value: Value = match serde_json::from_str(p) {
        Ok(v) => v,
        Err(e) => return Output::err(format!("error: unable to parse \"{p}\": {e}")),
    };
    let suspend = match value.get("spec").and_then(|s| s.get("suspend")) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Null) => false,
        Some(v) => {
            return Output::err(format!(
                "The CronJob \"{name}\" is invalid: spec.suspend: Invalid value: {v}: must be a boolean"
            ))
        }
        None => {
            return Output::err(
                "error: this terminal simulates patches of a CronJob's spec.suspend only",
            )
        }
    };
    let is_suspended = c
        .objects
        .cronjob(name)
        .and_then(|cj| cj.get("spec"))
        .and_then(|s| s.get("suspend"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if suspend == is_suspended {
        return Output::ok(format!("cronjob.batch/{name} patched (no change)\n"));
    }
    Output::ok(format!("cronjob.batch/{name} patched\n")).with(Effect::Actions(vec![Action {
        at: at_seconds(t),
        patch: Some(JobPatch {
            spec: JobSpecPatch {
                suspend: Some(suspend),
                ..JobSpecPatch::default()
            },
        }),
        ..Action::default()
    }]))
}

/// `kubectl create job NAME --from=cronjob/CRONJOB`: a scenario action at the current time that
/// the CronJob simulation turns into the Job kubectl sends (`CronJobSpec::manual_job_for`).
/// `create job NAME --image=...` (a new Job in place of the CronJob) is the Job terminal's.
fn create(args: &Args, c: &CronJobCluster, t: Millis) -> Output {
    let Some(from) = args.flags.get("from") else {
        return super::create(args);
    };
    let names: Vec<&String> = match args.positional.split_first() {
        Some((ty, rest)) if Kind::parse(ty) == Some(Kind::Job) => rest.iter().collect(),
        Some((ty, _)) => {
            return Output::err(format!(
                "error: this terminal creates jobs only, not \"{ty}\""
            ))
        }
        None => return Output::err(
            "error: Required resource not specified.\nUsage: create job NAME --from=cronjob/NAME",
        ),
    };
    let [name] = names.as_slice() else {
        return Output::err(format!(
            "error: exactly one NAME is required, got {}",
            names.len()
        ));
    };
    let cronjob = match from_cronjob_name(from) {
        Ok(n) => n,
        Err(o) => return o,
    };
    if c.objects.cronjob(cronjob).is_none() {
        return not_found(Kind::CronJob, cronjob);
    }
    if c.objects.job(name).is_some() {
        return Output::err(format!(
            "Error from server (AlreadyExists): jobs.batch \"{name}\" already exists"
        ));
    }
    // The API server validates the Job kubectl sends: the same check as the editor's Job.
    let template = c
        .objects
        .cronjob(cronjob)
        .and_then(|cj| cj.pointer("/spec/jobTemplate/spec"))
        .cloned()
        .unwrap_or(Value::Null);
    let job = serde_json::json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name},
        "spec": template,
    });
    if let Some(o) = super::rejected(&crate::yaml::emit::to_yaml(&job)) {
        return o;
    }
    if !is_job_name(name) {
        return Output::err(format!(
            "The Job \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": must be no more than 63 characters"
        ));
    }
    Output::ok(format!("job.batch/{name} created\n")).with(Effect::Actions(vec![Action {
        at: at_seconds(t),
        create_job: Some(CreateJob {
            name: (*name).clone(),
        }),
        ..Action::default()
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::scenario::Scenario;
    use crate::terminal::{complete_cronjob, run, Context};

    const CRONJOB: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: \"*/5 * * * *\"\n  successfulJobsHistoryLimit: 2\n  jobTemplate:\n    metadata:\n      labels: {team: data}\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: dump, image: \"busybox:1.36\"}]\n";

    /// The CronJob simulated under `scenario` up to `t` ms, as the terminal's cluster.
    fn cluster(scenario: Scenario, t: Millis) -> (CronJobSimulation, CronJobCluster) {
        let report = check_source(CRONJOB);
        let doc = &report.documents[0];
        let stored = crate::stored::stored_cronjob(
            doc.effective_cronjob
                .as_ref()
                .unwrap_or_else(|| panic!("{:?}", doc.diagnostics)),
        );
        let mut sim =
            CronJobSimulation::from_check(CRONJOB, doc, scenario).unwrap_or_else(|e| panic!("{e}"));
        sim.advance_to(t);
        let c = CronJobCluster::of(&sim, &stored);
        (sim, c)
    }

    fn exec(line: &str, c: &CronJobCluster, t: Millis) -> Output {
        run(
            line,
            &Context {
                snapshot: None,
                editor: CRONJOB,
                time_ms: t,
                cronjob: Some(c),
            },
        )
    }

    /// Every read command, against what the view functions (held to kubectl by the views
    /// differential) print for the same objects.
    #[test]
    fn reads_the_cronjob_its_jobs_and_their_pods() {
        let scenario = Scenario {
            run_seconds: 400.0,
            ..Scenario::default()
        };
        let t = 16 * 60 * 1000;
        let (_, c) = cluster(scenario, t);
        let o = &c.objects;
        assert_eq!(c.jobs.len(), 3, "{:?}", c.jobs);
        let cases: Vec<(&str, String)> = vec![
            (
                "get cronjobs",
                cronjob_views::get_cronjobs(o, None, false).text,
            ),
            (
                "kubectl get cj backup -o wide",
                cronjob_views::get_cronjobs(o, None, true).text,
            ),
            (
                "describe cronjob backup",
                cronjob_views::describe_cronjob(o, "backup").text,
            ),
            ("get jobs", views::get_jobs(o, false).text),
            (
                "get pods -o wide",
                views::get_pods(o, None, true)
                    .map(|v| v.text)
                    .unwrap_or_default(),
            ),
            ("get events", views::get_events(o).text),
        ];
        for (line, want) in cases {
            let out = exec(line, &c, t);
            assert!(!out.error, "{line}: {}", out.text);
            assert_eq!(out.text, want, "{line}");
        }
        let out = exec("get jobs", &c, t);
        assert!(out.text.starts_with("NAME "), "{}", out.text);
        assert_eq!(out.text.lines().count(), 4, "{}", out.text);
        let first = &c.jobs[0].0;
        let out = exec(&format!("describe job {first}"), &c, t);
        assert!(
            out.text
                .lines()
                .any(|l| l.starts_with("Controlled By:") && l.ends_with(" CronJob/backup")),
            "{}",
            out.text
        );
        assert!(exec("get cronjob nightly", &c, t).error);
        assert_eq!(
            exec("describe cronjob nightly", &c, t).text,
            "Error from server (NotFound): cronjobs.batch \"nightly\" not found\n"
        );
        assert!(exec("get jobs -o yaml", &c, t).error);
    }

    /// `create job --from=cronjob/...` is an action that makes the Job kubectl makes; replayed,
    /// the Job carries kubectl's annotation and controller reference, the controller calls it
    /// unexpected, and `get jobs` lists it.
    #[test]
    fn create_job_from_the_cronjob_replays() {
        let t = 2 * 60 * 1000 + 500;
        let (_, c) = cluster(Scenario::default(), t);
        let out = exec("create job manual-1 --from=cronjob/backup", &c, t);
        assert_eq!(out.text, "job.batch/manual-1 created\n");
        let Effect::Actions(actions) = out.effect else {
            panic!("{:?}", out.effect)
        };
        assert_eq!(
            actions[0].create_job.as_ref().map(|c| c.name.as_str()),
            Some("manual-1")
        );
        assert_eq!(actions[0].at, 120.5);
        let scenario = Scenario {
            actions: actions.clone(),
            ..Scenario::default()
        };
        // The action survives the scenario's YAML (what autosave and share links carry).
        let yaml = crate::yaml::emit::to_yaml(&serde_json::to_value(&scenario).unwrap_or_default());
        assert_eq!(Scenario::from_yaml(&yaml).map(|s| s.actions), Ok(actions));
        let (sim, c) = cluster(scenario, 4 * 60 * 1000);
        let manual = sim
            .children()
            .iter()
            .find(|j| j.name == "manual-1")
            .unwrap_or_else(|| panic!("no manual Job"));
        assert_eq!(manual.created_ms, 120_500);
        assert_eq!(manual.scheduled_unix_seconds, None);
        let job = c.objects.job("manual-1").cloned().unwrap_or_default();
        assert_eq!(
            job.pointer("/metadata/annotations/cronjob.kubernetes.io~1instantiate"),
            Some(&serde_json::json!("manual"))
        );
        assert_eq!(
            job.pointer("/metadata/labels/team"),
            Some(&serde_json::json!("data"))
        );
        let owner = job
            .pointer("/metadata/ownerReferences/0")
            .cloned()
            .unwrap_or_default();
        assert_eq!(owner["kind"], "CronJob");
        assert_eq!(owner["controller"], true);
        assert_eq!(owner.get("blockOwnerDeletion"), None);
        assert!(sim.events().iter().any(|e| e.reason == "UnexpectedJob"
            && e.message == "Saw a job that the controller did not create or forgot: manual-1"));
        assert!(exec("get jobs", &c, 240_000).text.contains("manual-1"));
        // kubectl's refusals: a name that exists, a CronJob that does not, a bad name.
        assert!(
            exec("create job manual-1 --from=cronjob/backup", &c, 240_000)
                .text
                .contains("AlreadyExists")
        );
        assert!(exec("create job x --from=cronjob/nightly", &c, 240_000)
            .text
            .contains("cronjobs.batch \"nightly\" not found"));
        assert!(exec("create job Bad_Name --from=cronjob/backup", &c, 240_000).error);
    }

    /// Suspend by patch and delete a Job: both become actions the simulation replays.
    #[test]
    fn patch_and_delete_are_actions() {
        let t = 6 * 60 * 1000;
        let (_, c) = cluster(Scenario::default(), t);
        let out = exec(
            "patch cronjob backup -p '{\"spec\":{\"suspend\":true}}'",
            &c,
            t,
        );
        assert_eq!(out.text, "cronjob.batch/backup patched\n");
        assert!(
            matches!(&out.effect, Effect::Actions(a) if a[0].patch.as_ref().and_then(|p| p.spec.suspend) == Some(true))
        );
        let name = c.jobs[0].0.clone();
        let out = exec(&format!("delete job {name}"), &c, t);
        assert_eq!(out.text, format!("job.batch \"{name}\" deleted\n"));
        assert!(
            matches!(&out.effect, Effect::Actions(a) if a[0].delete_job.as_ref().and_then(|d| d.job) == Some(1))
        );
    }

    #[test]
    fn tab_completes_cronjob_commands_and_names() {
        // Two Jobs by then (at 00:05 and 00:10), both kept by the history limit of 2.
        let (_, c) = cluster(Scenario::default(), 11 * 60 * 1000);
        assert_eq!(complete_cronjob("get cr", &c).line, "get cronjobs ");
        assert_eq!(
            complete_cronjob("describe cronjob b", &c).line,
            "describe cronjob backup "
        );
        assert_eq!(
            complete_cronjob("create job x --fr", &c).line,
            "create job x --from=cronjob/backup "
        );
        assert_eq!(
            complete_cronjob("create job x ", &c).line,
            "create job x --from=cronjob/backup "
        );
        let jobs = complete_cronjob("describe job backup-", &c);
        assert_eq!(jobs.candidates.len(), 2, "{jobs:?}");
    }
}
