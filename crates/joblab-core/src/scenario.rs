//! What the simulated containers do, and what the user does while the Job runs.
//!
//! A scenario is the YAML document the CLI reads with `--scenario` and the lab edits. Field names
//! are the contract of issue 4, verbatim (camelCase); unknown fields are refused. Times are seconds
//! since the Job was created (fractions allowed); the engine works in integer milliseconds.

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, ErrorType, Span};

/// The longest time a scenario may mention (ten years of simulated seconds): large enough for any
/// lesson, small enough that milliseconds never overflow.
pub const MAX_SECONDS: f64 = 315_360_000.0;

/// What the simulated containers do and which user actions happen when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Scenario {
    /// Seconds from Pod creation until its container runs. Default 1.
    pub startup_seconds: f64,
    /// Seconds a container runs before it exits. Default 10.
    pub run_seconds: f64,
    /// The exit code of a run no rule decides (unless `failureRate` strikes). Default 0.
    pub exit_code: i32,
    /// Seed of Pod-name suffixes and `failureRate` draws. Default 0.
    pub seed: u64,
    /// Probability in `0..=1` that a run no rule matches exits 1 instead. Default 0.
    pub failure_rate: f64,
    /// Exceptions; the first rule whose `match` fits a run decides it.
    pub runs: Vec<RunRule>,
    /// What a user does while the Job runs.
    pub actions: Vec<Action>,
    /// Seconds one pull of the Pod's image takes on the node (the kubelet pulls one image at a
    /// time, so pulls queue). Default 0.
    #[serde(default, skip_serializing_if = "is_zero_f64")]
    pub image_pull_seconds: f64,
    /// The image's size in bytes, as the kubelet's `Pulled` event reports it. Default 0.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub image_size_bytes: u64,
    /// Job scenarios only: whether the node holds the image when the Job is created. Default
    /// true; when false, the first Pod under `IfNotPresent` pulls it (under `Never` no Pod can
    /// start).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub image_present: bool,
    /// Job scenarios only: a time in which the namespace's pod quota is used up by other
    /// workloads, so the API server refuses every Pod the Job controller creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_exceeded: Option<QuotaExceeded>,
    /// CronJob scenarios only: when the CronJob is created, in RFC 3339 with whole seconds
    /// (default [`DEFAULT_START_TIME`]). Every `at` counts from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// CronJob scenarios only: a time in which the CronJob controller is down (it misses every
    /// schedule and notices nothing; it starts again with an empty queue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cron_job_controller_down: Option<Outage>,
}

fn is_zero_f64(v: &f64) -> bool {
    *v == 0.0
}

fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}

fn is_true(v: &bool) -> bool {
    *v
}

fn yes() -> bool {
    true
}

/// A ResourceQuota of the Job's namespace that other workloads fill from `from` to `to`: the API
/// server's quota admission refuses each Pod creation with `exceeded quota: NAME, requested:
/// pods=1, used: pods=N, limited: pods=N` (k8s.io/apiserver `pkg/admission/plugin/resourcequota`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaExceeded {
    /// When the quota fills up (seconds since the Job was created).
    pub from: f64,
    /// When room is made again (after `from`).
    pub to: f64,
    /// The ResourceQuota's name. Default `pods`.
    #[serde(default = "default_quota_name")]
    pub name: String,
    /// Its `hard` limit on `pods`, all of it used. Default 10.
    #[serde(default = "default_quota_pods")]
    pub pods: u32,
}

fn default_quota_name() -> String {
    "pods".to_owned()
}

fn default_quota_pods() -> u32 {
    10
}

impl QuotaExceeded {
    /// Whether the quota refuses a Pod created at `ms` (from inclusive, to exclusive).
    pub fn refuses_at(&self, ms: u64) -> bool {
        seconds_to_ms(self.from) <= ms && ms < seconds_to_ms(self.to)
    }

    /// The API server's answer to a refused creation of the Pod `name` (`admission.NewForbidden`
    /// over the quota plugin's error).
    pub fn message(&self, name: &str) -> String {
        format!(
            "pods {} is forbidden: exceeded quota: {}, requested: pods=1, used: pods={}, limited: pods={}",
            crate::validate::quote::go_quote(name),
            self.name,
            self.pods,
            self.pods
        )
    }
}

/// When a CronJob simulation starts if its scenario names no `startTime`.
pub const DEFAULT_START_TIME: &str = "2025-01-01T00:00:00Z";

/// A stretch of simulated time, in seconds since the simulation started.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outage {
    /// When the controller stops.
    pub from: f64,
    /// When it starts again (after `from`).
    pub to: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            startup_seconds: 1.0,
            run_seconds: 10.0,
            exit_code: 0,
            seed: 0,
            failure_rate: 0.0,
            runs: Vec::new(),
            actions: Vec::new(),
            image_pull_seconds: 0.0,
            image_size_bytes: 0,
            image_present: true,
            quota_exceeded: None,
            start_time: None,
            cron_job_controller_down: None,
        }
    }
}

/// One exception: which runs it applies to and how they behave.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunRule {
    /// Which runs the rule applies to; every given criterion must fit.
    #[serde(rename = "match", default)]
    pub match_: RunMatch,
    /// Exit code of the matched runs (default: the scenario's `exitCode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    /// Run time of the matched runs (default: the scenario's `runSeconds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_seconds: Option<f64>,
    /// The Pod is evicted when the run would end: Failed, reason `Evicted`, condition
    /// `DisruptionTarget=True`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evicted: Option<bool>,
    /// Once asked to stop, the container keeps running for the whole grace period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignores_sigterm: Option<bool>,
}

/// Which container runs a rule applies to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunMatch {
    /// CronJob scenarios only: the n-th Job the CronJob created (1, 2, ... in creation order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<u32>,
    /// The n-th container run of the Job (1, 2, ... in start order, restarts included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
    /// Completion index or indexes (Indexed Jobs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexMatch>,
    /// The n-th run of the index (NonIndexed Jobs: the same as `run`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
}

/// One completion index or a list of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IndexMatch {
    /// A single index.
    One(u32),
    /// Any of these indexes.
    Many(Vec<u32>),
}

impl IndexMatch {
    /// Whether `index` is matched.
    pub fn contains(&self, index: u32) -> bool {
        match self {
            IndexMatch::One(i) => *i == index,
            IndexMatch::Many(v) => v.contains(&index),
        }
    }
}

/// A user action at a point in time. Exactly one of `patch`, `deletePod`, `deleteJob` and
/// `createJob` is given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    /// Seconds since the Job was created.
    pub at: f64,
    /// `kubectl patch job` with a merge patch of the mutable spec fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<JobPatch>,
    /// `kubectl delete pod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_pod: Option<DeletePod>,
    /// `kubectl delete job` (cascading in the background, as kubectl does by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_job: Option<DeleteJob>,
    /// CronJob scenarios only: `kubectl create job NAME --from=cronjob/CRONJOB`, a Job made from
    /// the CronJob's template by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_job: Option<CreateJob>,
}

/// A merge patch of a Job.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobPatch {
    /// The spec fields to change.
    #[serde(default)]
    pub spec: JobSpecPatch,
}

/// The mutable JobSpec fields a patch may set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobSpecPatch {
    /// `spec.suspend`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    /// `spec.parallelism`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    /// `spec.completions`: an Indexed Job's, in tandem with parallelism (an elastic Indexed Job);
    /// the API server refuses any other change of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    /// `spec.activeDeadlineSeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
}

/// Which Pod to delete: exactly one selector.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeletePod {
    /// The Pod in which the n-th container run happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
    /// The newest Pod of this completion index that has not finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// The Pod with this name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Delete the Job (in a CronJob scenario, the CronJob's `job`-th Job).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteJob {
    /// CronJob scenarios only: the n-th Job the CronJob created (1, 2, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<u32>,
}

/// `kubectl create job NAME --from=cronjob/CRONJOB`: the Job's name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateJob {
    /// The new Job's name.
    pub name: String,
}

/// Seconds to whole milliseconds, rounded; callers validate the range first.
pub(crate) fn seconds_to_ms(s: f64) -> u64 {
    if s.is_finite() && s > 0.0 {
        (s.min(MAX_SECONDS) * 1000.0).round() as u64
    } else {
        0
    }
}

impl Scenario {
    /// Parses a scenario from YAML text through the strict decoder: unknown, duplicate and
    /// mistyped fields and bad values become diagnostics whose spans point into `text` (turn
    /// them into line:column with [`crate::diag::LineIndex`]). An empty document is the default
    /// scenario.
    pub fn from_yaml(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        Self::from_yaml_unescaped(text)
            .map_err(|ds| ds.into_iter().map(Diagnostic::escaped).collect())
    }

    fn from_yaml_unescaped(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        let stream = crate::yaml::parse_stream(text);
        let mut docs = stream.documents.iter().filter(|d| {
            d.error.is_some()
                || d.root
                    .as_ref()
                    .is_some_and(|r| r.value != crate::yaml::Value::Null)
        });
        let Some(doc) = docs.next() else {
            return Ok(Scenario::default());
        };
        if let Some(e) = &doc.error {
            return Err(vec![e.clone()]);
        }
        if let Some(second) = docs.next() {
            return Err(vec![Diagnostic::error(
                "",
                ErrorType::Invalid,
                "a scenario is a single YAML document",
                second.span,
            )]);
        }
        let Some(root) = doc.root.as_ref() else {
            return Ok(Scenario::default());
        };
        let decoded = crate::decode::decode::<Scenario>(text, root);
        let mut diags = decoded.diagnostics;
        match decoded.value {
            Some(s) if diags.is_empty() => {
                let mut v = s.validate();
                for d in &mut v {
                    d.span = crate::decode::locate(root, &d.path);
                }
                if v.is_empty() {
                    Ok(s)
                } else {
                    Err(v)
                }
            }
            _ => {
                if diags.is_empty() {
                    diags.push(Diagnostic::error(
                        "",
                        ErrorType::TypeError,
                        "not a valid scenario",
                        doc.span,
                    ));
                }
                Err(diags)
            }
        }
    }

    /// Parses a scenario from JSON text (the YAML path goes through the strict YAML decoder).
    pub fn from_json(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        Self::from_json_unescaped(text)
            .map_err(|ds| ds.into_iter().map(Diagnostic::escaped).collect())
    }

    fn from_json_unescaped(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        let s: Scenario = serde_json::from_str(text).map_err(|e| {
            vec![Diagnostic::error(
                "",
                ErrorType::TypeError,
                e.to_string(),
                Span::default(),
            )]
        })?;
        let diags = s.validate();
        if diags.is_empty() {
            Ok(s)
        } else {
            Err(diags)
        }
    }

    /// Checks the values serde cannot: time ranges, probabilities, run numbers and that every action
    /// does exactly one thing. Paths look like `runs[0].match.run`.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let seconds = |path: String, v: f64, out: &mut Vec<Diagnostic>| {
            if !v.is_finite() || v < 0.0 {
                out.push(Diagnostic::error(
                    path,
                    ErrorType::Invalid,
                    format!("{v}: must be greater than or equal to 0"),
                    Span::default(),
                ));
            } else if v > MAX_SECONDS {
                out.push(Diagnostic::error(
                    path,
                    ErrorType::Invalid,
                    format!("{v}: must be at most {MAX_SECONDS}"),
                    Span::default(),
                ));
            }
        };
        seconds("startupSeconds".into(), self.startup_seconds, &mut out);
        seconds("runSeconds".into(), self.run_seconds, &mut out);
        seconds("imagePullSeconds".into(), self.image_pull_seconds, &mut out);
        if let Some(q) = &self.quota_exceeded {
            seconds("quotaExceeded.from".into(), q.from, &mut out);
            seconds("quotaExceeded.to".into(), q.to, &mut out);
            if q.to <= q.from {
                out.push(Diagnostic::error(
                    "quotaExceeded.to",
                    ErrorType::Invalid,
                    format!("{}: must be after `from`", q.to),
                    Span::default(),
                ));
            }
            // A ResourceQuota's name is a DNS subdomain (ValidateResourceQuota).
            let name_ok = !q.name.is_empty()
                && q.name.len() <= 253
                && q.name.split('.').all(|l| {
                    !l.is_empty()
                        && l.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && !l.starts_with('-')
                        && !l.ends_with('-')
                });
            if !name_ok {
                out.push(Diagnostic::error(
                    "quotaExceeded.name",
                    ErrorType::Invalid,
                    format!("{:?}: must be a lowercase RFC 1123 subdomain", q.name),
                    Span::default(),
                ));
            }
        }
        if !(0.0..=1.0).contains(&self.failure_rate) {
            out.push(Diagnostic::error(
                "failureRate",
                ErrorType::Invalid,
                format!("{}: must be between 0 and 1, inclusive", self.failure_rate),
                Span::default(),
            ));
        }
        for (i, rule) in self.runs.iter().enumerate() {
            let positive = |path: String, v: Option<u32>, out: &mut Vec<Diagnostic>| {
                if v == Some(0) {
                    out.push(Diagnostic::error(
                        path,
                        ErrorType::Invalid,
                        "0: must be greater than or equal to 1",
                        Span::default(),
                    ));
                }
            };
            positive(format!("runs[{i}].match.run"), rule.match_.run, &mut out);
            positive(format!("runs[{i}].match.job"), rule.match_.job, &mut out);
            positive(
                format!("runs[{i}].match.attempt"),
                rule.match_.attempt,
                &mut out,
            );
            if let Some(s) = rule.run_seconds {
                seconds(format!("runs[{i}].runSeconds"), s, &mut out);
            }
        }
        for (i, action) in self.actions.iter().enumerate() {
            seconds(format!("actions[{i}].at"), action.at, &mut out);
            let n = usize::from(action.patch.is_some())
                + usize::from(action.delete_pod.is_some())
                + usize::from(action.delete_job.is_some())
                + usize::from(action.create_job.is_some());
            if n != 1 {
                out.push(Diagnostic::error(
                    format!("actions[{i}]"),
                    ErrorType::Invalid,
                    "must have exactly one of `patch`, `deletePod`, `deleteJob` or `createJob`",
                    Span::default(),
                ));
            }
            if let Some(p) = &action.patch {
                if p.spec.parallelism.is_some_and(|v| v < 0) {
                    out.push(Diagnostic::error(
                        format!("actions[{i}].patch.spec.parallelism"),
                        ErrorType::Invalid,
                        "must be greater than or equal to 0",
                        Span::default(),
                    ));
                }
                if p.spec.completions.is_some_and(|v| v < 0) {
                    out.push(Diagnostic::error(
                        format!("actions[{i}].patch.spec.completions"),
                        ErrorType::Invalid,
                        "must be greater than or equal to 0",
                        Span::default(),
                    ));
                }
                if p.spec.active_deadline_seconds.is_some_and(|v| v < 0) {
                    out.push(Diagnostic::error(
                        format!("actions[{i}].patch.spec.activeDeadlineSeconds"),
                        ErrorType::Invalid,
                        "must be greater than or equal to 0",
                        Span::default(),
                    ));
                }
            }
            if let Some(d) = &action.delete_pod {
                let n = usize::from(d.run.is_some())
                    + usize::from(d.index.is_some())
                    + usize::from(d.name.is_some());
                if n != 1 {
                    out.push(Diagnostic::error(
                        format!("actions[{i}].deletePod"),
                        ErrorType::Invalid,
                        "must have exactly one of `run`, `index` or `name`",
                        Span::default(),
                    ));
                }
                if d.run == Some(0) {
                    out.push(Diagnostic::error(
                        format!("actions[{i}].deletePod.run"),
                        ErrorType::Invalid,
                        "0: must be greater than or equal to 1",
                        Span::default(),
                    ));
                }
            }
        }
        if let Some(d) = &self.delete_job_zero() {
            out.push(Diagnostic::error(
                format!("actions[{d}].deleteJob.job"),
                ErrorType::Invalid,
                "0: must be greater than or equal to 1",
                Span::default(),
            ));
        }
        if let Some(t) = &self.start_time {
            if crate::civil::parse_rfc3339(t).is_none() || t.contains('.') {
                out.push(Diagnostic::error(
                    "startTime",
                    ErrorType::Invalid,
                    format!("{t:?}: must be an RFC 3339 time with whole seconds, such as {DEFAULT_START_TIME}"),
                    Span::default(),
                ));
            }
        }
        if let Some(o) = &self.cron_job_controller_down {
            seconds("cronJobControllerDown.from".into(), o.from, &mut out);
            seconds("cronJobControllerDown.to".into(), o.to, &mut out);
            if o.to <= o.from {
                out.push(Diagnostic::error(
                    "cronJobControllerDown.to",
                    ErrorType::Invalid,
                    format!("{}: must be after `from`", o.to),
                    Span::default(),
                ));
            }
        }
        out
    }

    /// The position of the first action that deletes "the 0th" Job, which does not exist.
    fn delete_job_zero(&self) -> Option<usize> {
        self.actions
            .iter()
            .position(|a| a.delete_job.as_ref().is_some_and(|d| d.job == Some(0)))
    }

    /// The instant the simulation starts, in Unix seconds: `startTime`, or
    /// [`DEFAULT_START_TIME`] (both checked by [`Scenario::validate`]).
    pub fn start_unix_seconds(&self) -> i64 {
        self.start_time
            .as_deref()
            .and_then(crate::civil::parse_rfc3339)
            .unwrap_or(crate::kubectl::EPOCH_SECONDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_names_follow_the_contract() {
        let s = Scenario::from_json("{}").unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(s, Scenario::default());
        let s = Scenario::from_json(
            r#"{"startupSeconds":2,"runs":[{"match":{"index":[0,2]},"exitCode":42,"runSeconds":3},
               {"match":{"index":3,"attempt":2},"evicted":true},{"match":{"run":4},"ignoresSigterm":true}],
               "actions":[{"at":60,"patch":{"spec":{"suspend":false}}},{"at":10,"deletePod":{"run":1}},{"at":30,"deleteJob":{}}]}"#,
        )
        .unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(s.runs[0].match_.index, Some(IndexMatch::Many(vec![0, 2])));
        assert_eq!(s.runs[1].match_.index, Some(IndexMatch::One(3)));
        assert_eq!(s.actions[2].delete_job, Some(DeleteJob::default()));
    }

    #[test]
    fn yaml_goes_through_the_strict_decoder_with_positions() {
        let ok = "startupSeconds: 2\nruns:\n  - match: {index: [0, 2]}\n    exitCode: 42\n  - match: {index: 3, attempt: 2}\n    evicted: true\nactions:\n  - {at: 60, patch: {spec: {suspend: false}}}\n  - {at: 30, deleteJob: {}}\n";
        let s = Scenario::from_yaml(ok).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(s.startup_seconds, 2.0);
        assert_eq!(s.runs[1].match_.index, Some(IndexMatch::One(3)));
        assert_eq!(Scenario::from_yaml(""), Ok(Scenario::default()));
        let text = "runSeconds: 5\nruns:\n  - match: {run: 0}\n";
        let d = Scenario::from_yaml(text).err().unwrap_or_default();
        assert_eq!(
            d.first().map(|d| d.path.as_str()),
            Some("runs[0].match.run")
        );
        let idx = crate::diag::LineIndex::new(text);
        assert_eq!(
            d.first().map(|d| idx.line_col(text, d.span.start).line),
            Some(3)
        );
        let d = Scenario::from_yaml("runSecond: 5\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            d.first().map(|d| d.error_type),
            Some(ErrorType::UnknownField)
        );
    }

    #[test]
    fn bad_values_get_paths() {
        let cases = [
            (r#"{"failureRate":1.5}"#, "failureRate"),
            (r#"{"runSeconds":-1}"#, "runSeconds"),
            (r#"{"runs":[{"match":{"run":0}}]}"#, "runs[0].match.run"),
            (r#"{"actions":[{"at":-3,"deleteJob":{}}]}"#, "actions[0].at"),
            (r#"{"actions":[{"at":3}]}"#, "actions[0]"),
            (
                r#"{"actions":[{"at":3,"deletePod":{}}]}"#,
                "actions[0].deletePod",
            ),
        ];
        for (text, path) in cases {
            let d = Scenario::from_json(text).err().unwrap_or_default();
            assert_eq!(d.first().map(|d| d.path.as_str()), Some(path), "{text}");
        }
        assert!(Scenario::from_json(r#"{"runz":[]}"#).is_err());
    }
}
