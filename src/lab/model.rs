//! The lab's pure pieces: presets, the analysis of the editor's text and of the scenario, the
//! scenario form's view of a scenario and its YAML. No DOM here, so it is tested natively.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::check::check_source;
use joblab_core::diag::{Diagnostic, LineIndex, Severity};
use joblab_core::patterns::{self, Knobs, Preset};
use joblab_core::scenario::{RunMatch, RunRule, Scenario};
use joblab_core::yaml::emit::to_yaml;

/// The `pi` Job of the Kubernetes documentation.
pub const PI_YAML: &str = "\
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]
      restartPolicy: Never
";

/// The scenario the pi preset starts with.
pub const PI_SCENARIO: &str = "startupSeconds: 1\nrunSeconds: 10\n";

/// A preset the lab can load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabPreset {
    /// The pi Job.
    Pi,
    /// One diagram pattern's Job and scenario.
    Pattern(Preset),
}

impl LabPreset {
    /// Every preset, pi first, then the guide's patterns in order.
    pub fn all() -> Vec<LabPreset> {
        std::iter::once(LabPreset::Pi)
            .chain(Preset::ALL.into_iter().map(LabPreset::Pattern))
            .collect()
    }

    /// The value of its `<option>`.
    pub fn slug(self) -> &'static str {
        match self {
            LabPreset::Pi => "pi",
            LabPreset::Pattern(p) => p.slug(),
        }
    }

    /// The preset with this option value.
    pub fn from_slug(s: &str) -> Option<LabPreset> {
        LabPreset::all().into_iter().find(|p| p.slug() == s)
    }

    /// Its label.
    pub fn label(self) -> &'static str {
        match self {
            LabPreset::Pi => "pi (perl:5.34.0)",
            LabPreset::Pattern(p) => p.label(),
        }
    }

    /// The Job YAML and the scenario YAML.
    pub fn texts(self) -> (String, String) {
        match self {
            LabPreset::Pi => (PI_YAML.to_string(), PI_SCENARIO.to_string()),
            LabPreset::Pattern(p) => {
                let (job, scenario) = patterns::build(p, &Knobs::default_for(p));
                (job_yaml(&job), scenario_yaml(&scenario))
            }
        }
    }
}

/// Whole floats as integers, so `10.0` reads `10` in YAML.
fn tidy_numbers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| !n.is_i64() && !n.is_u64()) {
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    *v = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(tidy_numbers),
        serde_json::Value::Object(o) => o.values_mut().for_each(tidy_numbers),
        _ => {}
    }
}

/// A Job as kubectl-style YAML.
pub fn job_yaml(job: &Job) -> String {
    let mut v = serde_json::to_value(job).unwrap_or_default();
    tidy_numbers(&mut v);
    to_yaml(&v)
}

/// A scenario as YAML, leaving out the fields that are at their defaults (run and start-up time
/// always stay, so the learner sees where to change them).
pub fn scenario_yaml(s: &Scenario) -> String {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    tidy_numbers(&mut v);
    if let Some(o) = v.as_object_mut() {
        o.retain(|k, v| match k.as_str() {
            "startupSeconds" | "runSeconds" => true,
            "exitCode" | "seed" | "failureRate" => v.as_f64() != Some(0.0),
            "runs" | "actions" => v.as_array().is_some_and(|a| !a.is_empty()),
            _ => true,
        });
    }
    to_yaml(&v)
}

/// One diagnostic as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DiagItem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column of the end.
    pub end_col: usize,
    /// A warning (or note) rather than an error.
    pub warning: bool,
    /// `LINE:COL path: type: detail`.
    pub label: String,
    /// Byte offset of the start in the text.
    pub start: usize,
}

fn item(text: &str, lines: &LineIndex, d: &Diagnostic) -> DiagItem {
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let s = lines.line_col(text, start);
    let e = lines.line_col(text, end);
    DiagItem {
        line: s.line,
        col: s.column,
        end_line: e.line,
        end_col: e.column,
        warning: d.severity != Severity::Error,
        label: format!("{}:{} {}", s.line, s.column, d.message()),
        start,
    }
}

/// What the lab knows about the editor's text.
#[derive(Clone, Debug, PartialEq)]
pub struct JobAnalysis {
    /// Every diagnostic, in source order.
    pub items: Vec<DiagItem>,
    /// The first valid Job, defaulted: what the simulation runs.
    pub job: Option<Job>,
    /// The effective (defaulted) Job of the first Job document, as YAML.
    pub effective_yaml: Option<String>,
    /// Whether there is no error at all.
    pub valid: bool,
    /// What the first valid Job (or CronJob) will do, in one sentence (`joblab explain`'s).
    pub sentence: Option<String>,
    /// The first valid document is a CronJob: what its simulation needs (then `job` is `None`).
    pub cronjob: Option<CronJobInput>,
}

/// What the lab's CronJob simulation needs of a checked CronJob.
#[derive(Clone, Debug, PartialEq)]
pub struct CronJobInput {
    /// The CronJob as the API server stores it (`stored::stored_cronjob` of the defaulted one).
    pub stored: serde_json::Value,
    /// `spec.jobTemplate` as a decoded Job, before defaulting: each Job the controller creates
    /// goes through the API server's defaulting with its own uid.
    pub template: Job,
}

/// A [`JobAnalysis`] as the analysis worker sends it (src/lab/analyser.rs). The Job travels as its
/// typed fields plus, apart, the manifest as written: `Job::written` is not part of the API
/// object, so serde skips it, yet kubectl output in the lab needs every field the user wrote.
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    items: Vec<DiagItem>,
    /// A `Value` rather than a `Job`: the page then reads it with the same `Deserialize` for
    /// `&Value` that the core's decoder uses, instead of a second instantiation for JSON text
    /// (about 50 KB of wasm, brotli).
    job: Option<serde_json::Value>,
    written: Option<serde_json::Value>,
    effective_yaml: Option<String>,
    valid: bool,
    sentence: Option<String>,
    /// A CronJob's stored form, its template's typed fields and the template as written.
    cronjob: Option<serde_json::Value>,
    template: Option<serde_json::Value>,
    template_written: Option<serde_json::Value>,
}

/// A [`JobAnalysis`] as JSON, for the trip from the analysis worker to the page.
pub fn encode_analysis(a: &JobAnalysis) -> String {
    let wire = Wire {
        items: a.items.clone(),
        // The typed fields only: the written manifest goes in its own field.
        job: a.job.clone().and_then(|mut j| {
            j.written = None;
            serde_json::to_value(j).ok()
        }),
        written: a.job.as_ref().and_then(|j| j.written.as_deref().cloned()),
        effective_yaml: a.effective_yaml.clone(),
        valid: a.valid,
        sentence: a.sentence.clone(),
        cronjob: a.cronjob.as_ref().map(|c| c.stored.clone()),
        template: a.cronjob.as_ref().and_then(|c| {
            let mut t = c.template.clone();
            t.written = None;
            serde_json::to_value(t).ok()
        }),
        template_written: a
            .cronjob
            .as_ref()
            .and_then(|c| c.template.written.as_deref().cloned()),
    };
    serde_json::to_string(&wire).unwrap_or_default()
}

/// The [`JobAnalysis`] that [`encode_analysis`] wrote.
pub fn decode_analysis(json: &str) -> Result<JobAnalysis, String> {
    use serde::Deserialize;
    let wire: Wire = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut job = match wire.job {
        Some(v) => Some(Job::deserialize(&v).map_err(|e| e.to_string())?),
        None => None,
    };
    if let (Some(j), Some(w)) = (job.as_mut(), wire.written) {
        j.written = Some(std::sync::Arc::new(w));
    }
    let cronjob = match (wire.cronjob, wire.template) {
        (Some(stored), Some(t)) => {
            let mut template = Job::deserialize(&t).map_err(|e| e.to_string())?;
            template.written = wire.template_written.map(std::sync::Arc::new);
            Some(CronJobInput { stored, template })
        }
        _ => None,
    };
    Ok(JobAnalysis {
        items: wire.items,
        job,
        effective_yaml: wire.effective_yaml,
        valid: wire.valid,
        sentence: wire.sentence,
        cronjob,
    })
}

/// Checks the editor's text with the core.
pub fn analyse_job(text: &str) -> JobAnalysis {
    let report = check_source(text);
    let lines = LineIndex::new(text);
    let items = report
        .documents
        .iter()
        .flat_map(|d| &d.diagnostics)
        .map(|d| item(text, &lines, &d.diagnostic))
        .collect();
    let valid = !report.has_errors();
    let effective_yaml = report
        .documents
        .iter()
        .find_map(|d| d.effective.as_ref())
        .map(job_yaml);
    let first_valid = report
        .documents
        .iter()
        .filter(|d| d.valid)
        .find(|d| d.effective.is_some());
    let job = first_valid.and_then(|d| d.effective.clone());
    // A CronJob's sentence says when it runs before what each of its Jobs does.
    let sentence = first_valid.and_then(|d| {
        let job = d.effective.as_ref()?;
        Some(match &d.cronjob {
            Some(cronjob) => joblab_core::explain::cronjob_sentence(cronjob, job),
            None => joblab_core::explain::sentence(job),
        })
    });
    // A CronJob runs through the CronJob simulation, which makes each Job from the template.
    let cronjob = first_valid.and_then(|d| {
        Some(CronJobInput {
            stored: joblab_core::stored::stored_cronjob(d.effective_cronjob.as_ref()?),
            template: d.job.clone()?,
        })
    });
    let is_cronjob = cronjob.is_some();
    JobAnalysis {
        items,
        job: job.filter(|_| valid && !is_cronjob),
        effective_yaml,
        valid,
        sentence: sentence.filter(|_| valid),
        cronjob: cronjob.filter(|_| valid),
    }
}

/// Parses the scenario YAML; diagnostics carry line:col like the Job's.
pub fn analyse_scenario(text: &str) -> Result<Scenario, Vec<DiagItem>> {
    Scenario::from_yaml(text).map_err(|ds| {
        let lines = LineIndex::new(text);
        ds.iter().map(|d| item(text, &lines, d)).collect()
    })
}

/// The scenario as the form shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FormView {
    /// `startupSeconds`.
    pub startup: f64,
    /// `runSeconds`.
    pub run: f64,
    /// `exitCode`.
    pub exit_code: i32,
    /// Runs that fail, e.g. `1, 3`.
    pub failing: String,
    /// The exit code of those runs.
    pub failing_code: i32,
    /// Runs whose Pod is evicted.
    pub evicted: String,
    /// `failureRate`.
    pub failure_rate: f64,
    /// `seed`.
    pub seed: u64,
    /// Whether `runs` fits the form (only `{match: {run: N}, exitCode}` and `{..., evicted: true}`).
    pub runs_fit: bool,
}

fn only_run(m: &RunMatch) -> Option<u32> {
    (m.index.is_none() && m.attempt.is_none())
        .then_some(m.run)
        .flatten()
}

fn join(v: &[u32]) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// The form's view of `s`.
pub fn form_of(s: &Scenario) -> FormView {
    let mut failing = Vec::new();
    let mut codes = Vec::new();
    let mut evicted = Vec::new();
    let mut fit = true;
    for r in &s.runs {
        match (
            only_run(&r.match_),
            r.exit_code,
            r.evicted,
            r.run_seconds,
            r.ignores_sigterm,
        ) {
            (Some(n), Some(c), None, None, None) => {
                failing.push(n);
                codes.push(c);
            }
            (Some(n), None, Some(true), None, None) => evicted.push(n),
            _ => fit = false,
        }
    }
    codes.dedup();
    if codes.len() > 1 {
        fit = false;
    }
    FormView {
        startup: s.startup_seconds,
        run: s.run_seconds,
        exit_code: s.exit_code,
        failing: join(&failing),
        failing_code: codes.first().copied().unwrap_or(1),
        evicted: join(&evicted),
        failure_rate: s.failure_rate,
        seed: s.seed,
        runs_fit: fit,
    }
}

/// Parses a list of run numbers like `1, 3 4`.
pub fn parse_runs(text: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        match part.parse::<u32>() {
            Ok(n) if n >= 1 => out.push(n),
            _ => return Err(format!("\"{part}\" is not a run number (1, 2, 3, ...)")),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The `runs` rules for failing and evicted run lists.
pub fn runs_of(failing: &[u32], code: i32, evicted: &[u32]) -> Vec<RunRule> {
    let rule = |n: u32| RunMatch {
        run: Some(n),
        ..RunMatch::default()
    };
    failing
        .iter()
        .map(|&n| RunRule {
            match_: rule(n),
            exit_code: Some(code),
            ..RunRule::default()
        })
        .chain(evicted.iter().map(|&n| RunRule {
            match_: rule(n),
            evicted: Some(true),
            ..RunRule::default()
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Job the project has (test data, the shared corpus when present, the presets, and a
    /// broken one), through the worker's wire format and back: the page must see exactly what a
    /// main-thread analysis gives, `written` included.
    #[test]
    fn analyses_survive_the_trip_from_the_worker() {
        let mut texts: Vec<String> = LabPreset::all().into_iter().map(|p| p.texts().0).collect();
        texts.push(PI_YAML.replace("backoffLimit: 4", "completions: -1"));
        texts.push("not: [a job".to_string());
        for dir in [
            concat!(env!("CARGO_MANIFEST_DIR"), "/crates/joblab-core/tests/data"),
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/corpus/jobs-in-the-wild"
            ),
        ] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        assert!(texts.len() > 20, "{} texts", texts.len());
        for text in &texts {
            let a = analyse_job(text);
            let back = decode_analysis(&encode_analysis(&a)).expect("decodes");
            assert_eq!(back, a, "{text}");
            if let Some(j) = &back.job {
                assert_eq!(job_yaml(j), job_yaml(a.job.as_ref().unwrap()));
            }
        }
    }

    #[test]
    fn every_preset_is_a_valid_job_and_scenario() {
        for p in LabPreset::all() {
            let (job, scenario) = p.texts();
            let a = analyse_job(&job);
            assert!(a.valid && a.job.is_some(), "{p:?}: {:?}\n{job}", a.items);
            assert!(analyse_scenario(&scenario).is_ok(), "{p:?}: {scenario}");
            assert!(!p.label().is_empty());
            assert_eq!(LabPreset::from_slug(p.slug()), Some(p));
        }
    }

    #[test]
    fn diagnostics_read_line_col_path_type_detail() {
        let text = PI_YAML.replace("backoffLimit: 4", "completions: -1");
        let a = analyse_job(&text);
        assert!(!a.valid && a.job.is_none());
        let labels: Vec<&str> = a.items.iter().map(|i| i.label.as_str()).collect();
        assert!(
            labels.contains(
                &"6:16 spec.completions: Invalid value: -1: must be greater than or equal to 0"
            ),
            "{labels:?}"
        );
        let a = analyse_job(&PI_YAML.replace("command:", "comand:"));
        assert!(
            a.items.iter().any(|i| i
                .label
                .starts_with("12:9 spec.template.spec.containers[0].comand: Unknown field")),
            "{:?}",
            a.items
        );
        let a = analyse_job("a: [");
        assert!(!a.valid && !a.items.is_empty());
    }

    /// A valid CronJob's sentence says when it runs, then what each Job does; a Job's is its own.
    #[test]
    fn a_cronjob_sentence_starts_with_its_schedule() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: \"0 3 * * *\"\n  timeZone: Europe/Berlin\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: \"busybox:1.36\"}]\n";
        let a = analyse_job(text);
        let sentence = a.sentence.clone().expect("a sentence");
        assert!(
            sentence.starts_with(
                "At 03:00 every day, Europe/Berlin time. Each Job it creates: runs 1 Pod"
            ),
            "{sentence}"
        );
        let back = decode_analysis(&encode_analysis(&a)).expect("decodes");
        assert_eq!(back.sentence, a.sentence);
        let a = analyse_job(PI_YAML);
        assert_eq!(
            a.sentence,
            a.job.as_ref().map(joblab_core::explain::sentence)
        );
    }

    /// A pasted CronJob gets its own fields' diagnostics, at their line:col, and its template's.
    #[test]
    fn a_pasted_cronjob_shows_its_diagnostics() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: \"0 24 * * *\"\n  timeZone: Mars/Olympus\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: \"busybox:1.36\"}]\n";
        let a = analyse_job(text);
        assert!(!a.valid);
        let labels: Vec<&str> = a.items.iter().map(|i| i.label.as_str()).collect();
        for want in [
            "5:16 spec.schedule: Invalid value: \"0 24 * * *\": end of range (24) above maximum (23): 24",
            "6:13 spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
            "10:9 spec.jobTemplate.spec.template.spec.restartPolicy: Required value",
        ] {
            assert!(
                labels.iter().any(|l| l.starts_with(want)),
                "{want} not in {labels:?}"
            );
        }
    }

    #[test]
    fn scenario_form_round_trip() {
        let s = Scenario {
            runs: runs_of(&[1, 3], 42, &[2]),
            seed: 9,
            ..Scenario::default()
        };
        let f = form_of(&s);
        assert!(f.runs_fit);
        assert_eq!(
            (
                f.failing.as_str(),
                f.failing_code,
                f.evicted.as_str(),
                f.seed
            ),
            ("1, 3", 42, "2", 9)
        );
        let yaml = scenario_yaml(&s);
        assert!(
            yaml.contains("runSeconds: 10\n") && yaml.contains("seed: 9"),
            "{yaml}"
        );
        assert_eq!(analyse_scenario(&yaml), Ok(s));
        assert_eq!(parse_runs(" 3, 1 1"), Ok(vec![1, 3]));
        assert!(parse_runs("x").is_err() && parse_runs("0").is_err());
        let odd =
            analyse_scenario("runs:\n- match: {index: 1}\n  exitCode: 2\n").unwrap_or_default();
        assert!(!form_of(&odd).runs_fit);
        let bad = analyse_scenario("runSeconds: -1\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            bad[0].label,
            "1:13 runSeconds: Invalid value: -1: must be greater than or equal to 0"
        );
    }
}
