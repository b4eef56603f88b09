//! The lab's terminal: `kubectl`-like commands against a simulation snapshot.
//!
//! Pure: [`run`] takes a command line and a [`Context`] (the snapshot at the player's time and the
//! editor's text) and returns the text kubectl would print plus an [`Effect`] for the page to carry
//! out. User actions that change the cluster (delete, patch) become scenario [`Action`]s at the
//! current time rather than direct mutations: the simulation is deterministic, so replaying the
//! scenario with the action reproduces the same state, survives re-simulation and travels in share
//! links. [`complete`] does Tab completion of command words, resource types, flags and names.
//!
//! Messages follow kubectl's and cobra's wording (k/kubectl `pkg/cmd/util/helpers.go` `checkErr`,
//! `MultilineError`; cobra `command.go` `findSuggestions`, `flag` `unknown flag`).

use std::collections::BTreeMap;

use crate::check::check_source;
use crate::diag::{ErrorType, Severity};
use crate::kubectl;
use crate::scenario::{Action, DeleteJob, DeletePod, JobPatch, JobSpecPatch};
use crate::sim::{Millis, Snapshot};

pub mod cronjob;

/// The file name `apply -f` reads: the editor's text.
pub const EDITOR_FILE: &str = "job.yaml";

/// What a command may look at.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The cluster at the player's time; `None` when no valid Job has been simulated yet.
    pub snapshot: Option<&'a Snapshot>,
    /// The editor's text (what `apply -f job.yaml` applies).
    pub editor: &'a str,
    /// The player's time.
    pub time_ms: Millis,
    /// The cluster of a CronJob's simulation at the player's time, when the editor holds a
    /// CronJob: commands then read its objects ([`cronjob`]) instead of `snapshot`.
    pub cronjob: Option<&'a cronjob::CronJobCluster>,
}

/// What the page must do after a command, besides printing its output.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Empty the terminal output (`clear`).
    Clear,
    /// The editor's Job is valid: drop the recorded actions and restart the simulation from it.
    Apply,
    /// Replace the editor's text with this Job YAML and restart from it (`create job`).
    Load(String),
    /// Append these scenario actions (at the current time) and re-simulate.
    Actions(Vec<Action>),
}

/// The result of one command line.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// What to print (ends with a newline unless empty).
    pub text: String,
    /// Whether kubectl would have exited non-zero.
    pub error: bool,
    /// What the page must do.
    pub effect: Effect,
}

impl Output {
    fn ok(text: impl Into<String>) -> Output {
        Output {
            text: text.into(),
            error: false,
            effect: Effect::None,
        }
    }

    fn err(text: impl Into<String>) -> Output {
        let mut text = text.into();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Output {
            text,
            error: true,
            effect: Effect::None,
        }
    }

    fn with(mut self, effect: Effect) -> Output {
        self.effect = effect;
        self
    }
}

/// The commands this terminal knows, for help and completion.
pub const COMMANDS: [&str; 9] = [
    "get", "describe", "logs", "apply", "delete", "patch", "create", "help", "clear",
];

/// kubectl commands that exist but are not simulated here (so they get a plain explanation
/// instead of "unknown command").
const KNOWN_ELSEWHERE: [&str; 14] = [
    "edit", "exec", "scale", "rollout", "label", "annotate", "explain", "top", "run", "expose",
    "replace", "cp", "wait", "config",
];

/// The help text of the `help` command.
pub const HELP: &str = "\
Commands against the simulated cluster, at the player's current time (the `kubectl` prefix is optional):

  get jobs | get job NAME [-o wide|yaml|json|name]
  get pods [NAME] [-l job-name=NAME] [-o wide|yaml|json|name]
  get events
  describe job NAME | describe pod [NAME]
  get cronjobs | get cronjob NAME [-o wide] | describe cronjob NAME   (when the editor holds a CronJob;
                                 get jobs then lists the Jobs it created)
  logs POD | logs -l job-name=NAME
  apply -f job.yaml              apply the editor's Job and restart the simulation
  delete job NAME | delete pod NAME
  patch job NAME -p '{\"spec\":{\"suspend\":true}}'   (suspend, parallelism, activeDeadlineSeconds)
  create job NAME --image=IMAGE -- COMMAND [ARGS...]
  create job NAME --from=cronjob/NAME      a Job from the CronJob's template, now
  patch cronjob NAME -p '{\"spec\":{\"suspend\":true}}'   suspend or resume the CronJob
  clear                          empty this output
  help                           this text

Up and Down recall earlier commands; Tab completes commands, resource types and names.
";

/// Splits a command line like a POSIX shell would for simple cases: whitespace separates words,
/// single quotes keep everything literally, double quotes allow `\"` and `\\`, a backslash outside
/// quotes escapes the next character.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => cur.push(c),
                            Some(c) => {
                                cur.push('\\');
                                cur.push(c);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some(c) => cur.push(c),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    cur.push(c);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// Levenshtein distance, for cobra-style "Did you mean this?" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            row.push(sub.min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()]
}

/// The resource kinds the terminal understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Job,
    Pod,
    Event,
    CronJob,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        match word.to_ascii_lowercase().as_str() {
            "job" | "jobs" | "job.batch" | "jobs.batch" => Some(Kind::Job),
            "pod" | "pods" | "po" => Some(Kind::Pod),
            "event" | "events" | "ev" => Some(Kind::Event),
            "cronjob" | "cronjobs" | "cj" | "cronjob.batch" | "cronjobs.batch" => {
                Some(Kind::CronJob)
            }
            _ => None,
        }
    }

    /// The `resource.group` name kubectl uses in NotFound messages.
    fn api_name(self) -> &'static str {
        match self {
            Kind::Job => "jobs.batch",
            Kind::Pod => "pods",
            Kind::Event => "events",
            Kind::CronJob => "cronjobs.batch",
        }
    }
}

/// Parsed flags and positional words of one command.
#[derive(Default, Debug)]
struct Args {
    positional: Vec<String>,
    flags: BTreeMap<&'static str, String>,
    /// Words after `--`.
    rest: Option<Vec<String>>,
}

/// A flag a command accepts: long name, short letter, whether it takes a value.
type FlagSpec = (&'static str, Option<char>, bool);

const NS: FlagSpec = ("namespace", Some('n'), true);
const SELECTOR: FlagSpec = ("selector", Some('l'), true);
const OUTPUT: FlagSpec = ("output", Some('o'), true);

fn flags_of(command: &str) -> &'static [FlagSpec] {
    match command {
        "get" => &[NS, SELECTOR, OUTPUT],
        "describe" => &[NS, SELECTOR],
        "logs" => &[NS, SELECTOR, ("follow", Some('f'), false)],
        "apply" => &[NS, ("filename", Some('f'), true)],
        "delete" => &[NS],
        "patch" => &[NS, ("patch", Some('p'), true), ("type", None, true)],
        "create" => &[NS, ("image", None, true), ("from", None, true)],
        _ => &[],
    }
}

fn parse_args(command: &str, words: &[String]) -> Result<Args, String> {
    let specs = flags_of(command);
    let usage = format!("See 'kubectl {command} --help' for usage.");
    let mut args = Args::default();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        if w == "--" {
            args.rest = Some(words[i..].to_vec());
            break;
        }
        let (spec, inline) = if let Some(long) = w.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            match specs.iter().find(|s| s.0 == name) {
                Some(s) => (*s, value),
                None => return Err(format!("error: unknown flag: --{name}\n{usage}")),
            }
        } else if w.len() > 1 && w.starts_with('-') {
            let mut cs = w.chars().skip(1);
            let c = cs.next().unwrap_or('-');
            let tail: String = cs.collect();
            match specs.iter().find(|s| s.1 == Some(c)) {
                Some(s) => {
                    let tail = tail.strip_prefix('=').unwrap_or(&tail).to_string();
                    (*s, (!tail.is_empty()).then_some(tail))
                }
                None => {
                    return Err(format!(
                        "error: unknown shorthand flag: '{c}' in {w}\n{usage}"
                    ))
                }
            }
        } else {
            args.positional.push(w.clone());
            continue;
        };
        let value = if spec.2 {
            match inline {
                Some(v) => v,
                None => match words.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(format!(
                            "error: flag needs an argument: --{}\n{usage}",
                            spec.0
                        ))
                    }
                },
            }
        } else {
            "true".to_string()
        };
        args.flags.insert(spec.0, value);
    }
    Ok(args)
}

/// Runs one command line.
pub fn run(line: &str, ctx: &Context<'_>) -> Output {
    let mut out = run_unescaped(line, ctx);
    // The output echoes names, images and the command line itself: no control character of them
    // reaches the page raw.
    if let std::borrow::Cow::Owned(text) = crate::escape::block(&out.text) {
        out.text = text;
    }
    out
}

fn run_unescaped(line: &str, ctx: &Context<'_>) -> Output {
    let words = match split(line) {
        Ok(w) => w,
        Err(e) => return Output::err(format!("error: {e}")),
    };
    let words: &[String] = match words.first().map(String::as_str) {
        Some("kubectl") => &words[1..],
        _ => &words,
    };
    let Some(command) = words.first() else {
        if line.trim().is_empty() {
            return Output::ok("");
        }
        return Output::err(
            "kubectl controls the Kubernetes cluster manager.\n\nType 'help' for the commands this terminal knows.",
        );
    };
    let command = command.as_str();
    match command {
        "help" | "--help" | "-h" => return Output::ok(HELP),
        "clear" => return Output::ok("").with(Effect::Clear),
        _ => {}
    }
    if !COMMANDS.contains(&command) {
        if KNOWN_ELSEWHERE.contains(&command) {
            return Output::err(format!(
                "error: this terminal does not simulate \"kubectl {command}\". Type 'help' for the commands it knows."
            ));
        }
        let mut msg = format!("error: unknown command \"{command}\" for \"kubectl\"");
        let near: Vec<&str> = COMMANDS
            .iter()
            .copied()
            .filter(|c| distance(c, command) <= 2 || c.starts_with(command))
            .collect();
        if !near.is_empty() {
            msg.push_str("\n\nDid you mean this?\n");
            for c in near {
                msg.push('\t');
                msg.push_str(c);
                msg.push('\n');
            }
        }
        msg.push_str("\nType 'help' for the commands this terminal knows.");
        return Output::err(msg);
    }
    let args = match parse_args(command, &words[1..]) {
        Ok(a) => a,
        Err(e) => return Output::err(e),
    };
    let ns_ok = |snap: &Snapshot| {
        args.flags
            .get("namespace")
            .is_none_or(|n| *n == snap.namespace)
    };
    // The snapshot, unless the namespace flag points elsewhere.
    let snap = ctx.snapshot.filter(|s| ns_ok(s));
    let namespace = args
        .flags
        .get("namespace")
        .cloned()
        .or_else(|| ctx.snapshot.map(|s| s.namespace.clone()))
        .unwrap_or_else(|| "default".into());
    if let Some(cluster) = ctx.cronjob {
        if let Some(out) = cronjob::run(command, &args, cluster, ctx.time_ms) {
            return out;
        }
    }
    match command {
        "get" => get(&args, snap, &namespace),
        "describe" => describe(&args, snap, &namespace),
        "logs" => logs(&args, snap, &namespace),
        "apply" => apply(&args, ctx.editor),
        "delete" => delete(&args, snap, ctx.time_ms),
        "patch" => patch(&args, snap, ctx.time_ms),
        "create" => create(&args),
        _ => Output::err(format!(
            "error: unknown command \"{command}\" for \"kubectl\""
        )),
    }
}

fn no_resources(namespace: &str) -> Output {
    Output::ok(format!("No resources found in {namespace} namespace.\n"))
}

fn not_found(kind: Kind, name: &str) -> Output {
    Output::err(format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        kind.api_name()
    ))
}

/// Splits `TYPE NAME...` or `TYPE/NAME` into a kind and names.
fn target(positional: &[String]) -> Result<(Kind, Vec<String>), Output> {
    let Some(first) = positional.first() else {
        return Err(Output::err(
            "You must specify the type of resource to get. Try 'help'.\n\nerror: Required resource not specified.",
        ));
    };
    let (ty, inline) = match first.split_once('/') {
        Some((t, n)) => (t, Some(n.to_string())),
        None => (first.as_str(), None),
    };
    let Some(kind) = Kind::parse(ty) else {
        return Err(Output::err(format!(
            "error: the server doesn't have a resource type \"{ty}\""
        )));
    };
    let mut names: Vec<String> = inline.into_iter().collect();
    names.extend(positional[1..].iter().cloned());
    Ok((kind, names))
}

/// Whether the Job exists at the snapshot's time.
fn job_exists(snap: &Snapshot) -> bool {
    snap.deleted_ms.is_none_or(|d| d > snap.time_ms)
}

fn live_pods(snap: &Snapshot) -> impl Iterator<Item = &crate::sim::model::Pod> {
    snap.pods
        .iter()
        .filter(|p| p.deleted_ms.is_none_or(|d| d > snap.time_ms))
}

/// One requirement of a label selector.
enum Req {
    Eq(String, String),
    Ne(String, String),
    Exists(String),
    NotExists(String),
}

/// Parses the equality-based label selector syntax (`a=b,c!=d,e,!f`).
fn parse_selector(s: &str) -> Result<Vec<Req>, String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        if part.is_empty() {
            return Err(format!(
                "error: unable to parse requirement: found '', expected: identifier in \"{s}\""
            ));
        }
        if let Some((k, v)) = part.split_once("!=") {
            out.push(Req::Ne(k.trim().into(), v.trim().into()));
        } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            out.push(Req::Eq(k.trim().into(), v.trim().into()));
        } else if let Some(k) = part.strip_prefix('!') {
            out.push(Req::NotExists(k.trim().into()));
        } else if part.contains(' ') || part.contains('(') {
            return Err(format!(
                "error: this terminal understands equality-based selectors only (key=value,key!=value,key,!key), not \"{part}\""
            ));
        } else {
            out.push(Req::Exists(part.into()));
        }
    }
    Ok(out)
}

fn matches(reqs: &[Req], labels: &BTreeMap<String, String>) -> bool {
    reqs.iter().all(|r| match r {
        Req::Eq(k, v) => labels.get(k) == Some(v),
        Req::Ne(k, v) => labels.get(k) != Some(v),
        Req::Exists(k) => labels.contains_key(k),
        Req::NotExists(k) => !labels.contains_key(k),
    })
}

fn pod_labels(snap: &Snapshot, pod: &crate::sim::model::Pod) -> BTreeMap<String, String> {
    kubectl::api_pod(snap, pod)
        .metadata
        .labels
        .unwrap_or_default()
}

/// The snapshot restricted to the Pods that `names` and `selector` pick.
fn pods_view(
    snap: &Snapshot,
    names: &[String],
    selector: Option<&str>,
) -> Result<Snapshot, Output> {
    let reqs = match selector {
        Some(s) => parse_selector(s).map_err(Output::err)?,
        None => Vec::new(),
    };
    for n in names {
        if !live_pods(snap).any(|p| &p.name == n) {
            return Err(not_found(Kind::Pod, n));
        }
    }
    let mut view = snap.clone();
    view.pods = snap
        .pods
        .iter()
        .filter(|p| names.is_empty() || names.contains(&p.name))
        .filter(|p| reqs.is_empty() || matches(&reqs, &pod_labels(snap, p)))
        .cloned()
        .collect();
    Ok(view)
}

fn job_labels(snap: &Snapshot) -> BTreeMap<String, String> {
    kubectl::api_job(snap).metadata.labels.unwrap_or_default()
}

/// A `kind: List` wrapper, as `kubectl get -o yaml` prints for several objects.
fn list(items: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}

fn print_objects(
    format: &str,
    kind: Kind,
    names: Vec<String>,
    values: Vec<serde_json::Value>,
    single: bool,
) -> Output {
    match format {
        "name" => {
            let prefix = match kind {
                Kind::Job => "job.batch",
                Kind::Pod => "pod",
                Kind::Event => "event",
                Kind::CronJob => "cronjob.batch",
            };
            Output::ok(
                names
                    .iter()
                    .map(|n| format!("{prefix}/{n}\n"))
                    .collect::<String>(),
            )
        }
        "yaml" | "json" => {
            let value = if single && values.len() == 1 {
                values.into_iter().next().unwrap_or_default()
            } else {
                list(values)
            };
            if format == "yaml" {
                Output::ok(crate::yaml::emit::to_yaml(&value))
            } else {
                let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
                s.push('\n');
                Output::ok(s)
            }
        }
        other => Output::err(format!(
            "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,name,wide,yaml"
        )),
    }
}

fn get(args: &Args, snap: Option<&Snapshot>, namespace: &str) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let selector = args.flags.get("selector").map(String::as_str);
    let format = args.flags.get("output").map(String::as_str);
    let Some(snap) = snap else {
        return match names.first() {
            Some(n) => not_found(kind, n),
            None => no_resources(namespace),
        };
    };
    match kind {
        // The editor's object is a Job: the cluster holds no CronJob.
        Kind::CronJob => match names.first() {
            Some(n) => not_found(kind, n),
            None => no_resources(namespace),
        },
        Kind::Job => {
            let reqs = match selector.map(parse_selector).transpose() {
                Ok(r) => r.unwrap_or_default(),
                Err(e) => return Output::err(e),
            };
            let exists = job_exists(snap);
            if let Some(n) = names.iter().find(|n| !exists || **n != snap.name) {
                return not_found(kind, n);
            }
            if !exists || !matches(&reqs, &job_labels(snap)) {
                return no_resources(namespace);
            }
            match format {
                None => Output::ok(kubectl::get_jobs(snap)),
                Some("wide") => Output::ok(kubectl::get_jobs_wide(snap)),
                Some(f) => print_objects(
                    f,
                    kind,
                    vec![snap.name.clone()],
                    vec![kubectl::job_value(snap)],
                    !names.is_empty(),
                ),
            }
        }
        Kind::Pod => {
            let view = match pods_view(snap, &names, selector) {
                Ok(v) => v,
                Err(o) => return o,
            };
            match format {
                None => Output::ok(kubectl::get_pods(&view)),
                Some("wide") => Output::ok(kubectl::get_pods_wide(&view)),
                Some(f) => {
                    let mut pods: Vec<_> = live_pods(&view).collect();
                    if pods.is_empty() && f != "yaml" && f != "json" {
                        return no_resources(namespace);
                    }
                    pods.sort_by(|a, b| a.name.cmp(&b.name));
                    let values = pods
                        .iter()
                        .map(|p| {
                            let mut v =
                                serde_json::to_value(kubectl::api_pod(snap, p)).unwrap_or_default();
                            if let Some(o) = v.as_object_mut() {
                                o.insert("apiVersion".into(), "v1".into());
                                o.insert("kind".into(), "Pod".into());
                            }
                            v
                        })
                        .collect();
                    print_objects(
                        f,
                        kind,
                        pods.iter().map(|p| p.name.clone()).collect(),
                        values,
                        !names.is_empty(),
                    )
                }
            }
        }
        Kind::Event => {
            if format.is_some() {
                return Output::err(
                    "error: this terminal prints events as a table only (no -o for events)",
                );
            }
            Output::ok(kubectl::get_events(snap))
        }
    }
}

fn describe(args: &Args, snap: Option<&Snapshot>, namespace: &str) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if kind == Kind::Pod {
        let Some(snap) = snap else {
            return match names.first() {
                Some(n) => not_found(kind, n),
                None => no_resources(namespace),
            };
        };
        let names: Vec<String> = if names.is_empty() {
            let mut all: Vec<String> = live_pods(snap).map(|p| p.name.clone()).collect();
            all.sort();
            all
        } else {
            names
        };
        if names.is_empty() {
            return no_resources(namespace);
        }
        // kubectl describes each in turn, a blank line between them.
        let mut text = String::new();
        for (i, n) in names.iter().enumerate() {
            match kubectl::describe_pod(snap, n) {
                Ok(t) => {
                    if i > 0 {
                        text.push_str("\n\n");
                    }
                    text.push_str(&t);
                }
                Err(e) => return Output::err(e),
            }
        }
        return Output::ok(text);
    }
    if kind == Kind::CronJob {
        return match names.first() {
            Some(n) => not_found(kind, n),
            None => no_resources(namespace),
        };
    }
    if kind != Kind::Job {
        return Output::err("error: this terminal describes jobs and pods only; try 'get events'");
    }
    let Some(snap) = snap.filter(|s| job_exists(s)) else {
        return match names.first() {
            Some(n) => not_found(kind, n),
            None => no_resources(namespace),
        };
    };
    if let Some(n) = names.iter().find(|n| **n != snap.name) {
        return not_found(kind, n);
    }
    Output::ok(kubectl::describe_job(snap))
}

fn logs(args: &Args, snap: Option<&Snapshot>, namespace: &str) -> Output {
    let selector = args.flags.get("selector");
    let usage = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";
    match (args.positional.as_slice(), selector) {
        ([], None) => Output::err(usage),
        ([_, ..], Some(_)) => {
            Output::err("error: only a selector (-l) or a resource name is allowed, not both")
        }
        ([], Some(sel)) => {
            let Some(snap) = snap else {
                return no_resources(namespace);
            };
            let view = match pods_view(snap, &[], Some(sel)) {
                Ok(v) => v,
                Err(o) => return o,
            };
            let mut pods: Vec<_> = live_pods(&view).collect();
            if pods.is_empty() {
                return no_resources(namespace);
            }
            pods.sort_by(|a, b| a.name.cmp(&b.name));
            let mut out = String::new();
            for p in pods {
                match kubectl::logs(snap, &p.name) {
                    Ok(s) => out.push_str(&s),
                    Err(e) => return Output::err(e),
                }
            }
            Output::ok(out)
        }
        ([name], None) => {
            let Some(snap) = snap else {
                return not_found(Kind::Pod, name);
            };
            let pod = match name.split_once('/') {
                Some((ty, job)) if Kind::parse(ty) == Some(Kind::Job) => {
                    if !job_exists(snap) || job != snap.name {
                        return not_found(Kind::Job, job);
                    }
                    let mut pods: Vec<_> = live_pods(snap).collect();
                    pods.sort_by(|a, b| a.name.cmp(&b.name));
                    match pods.first() {
                        Some(p) => p.name.clone(),
                        None => {
                            return Output::err(format!(
                                "error: timed out waiting for the condition (job/{job} has no pods)"
                            ))
                        }
                    }
                }
                Some((ty, pod)) if Kind::parse(ty) == Some(Kind::Pod) => pod.to_string(),
                Some((ty, _)) => {
                    return Output::err(format!(
                        "error: the server doesn't have a resource type \"{ty}\""
                    ))
                }
                None => name.clone(),
            };
            match kubectl::logs(snap, &pod) {
                Ok(s) => Output::ok(s),
                Err(e) => Output::err(e),
            }
        }
        _ => Output::err(usage),
    }
}

/// kubectl's rendering of a failed create or apply of the editor's Job.
fn rejected(text: &str) -> Option<Output> {
    let report = check_source(text);
    let Some(doc) = report
        .documents
        .iter()
        .find(|d| matches!(d.kind.as_deref(), Some("Job" | "CronJob")))
        .or(report.documents.first())
    else {
        return Some(Output::err("error: no objects passed to apply"));
    };
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .map(|d| &d.diagnostic)
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        if !matches!(doc.kind.as_deref(), Some("Job" | "CronJob")) {
            return Some(Output::err(format!(
                "error: this lab simulates batch/v1 Jobs and CronJobs; {EDITOR_FILE} holds a {}",
                doc.kind.as_deref().unwrap_or("document without a kind")
            )));
        }
        return None;
    }
    let name = doc.name.clone().unwrap_or_default();
    let kind = match doc.kind.as_deref() {
        Some("CronJob") => "CronJob",
        _ => "Job",
    };
    let is_syntax = |e: &&&crate::diag::Diagnostic| {
        matches!(
            e.error_type,
            ErrorType::SyntaxError | ErrorType::LimitExceeded
        )
    };
    if doc.kind.is_none() && doc.job.is_none() && !errors.iter().any(|e| is_syntax(&e)) {
        return Some(Output::err("error: no objects passed to apply"));
    }
    if let Some(e) = errors.iter().find(|e| {
        matches!(
            e.error_type,
            ErrorType::SyntaxError | ErrorType::LimitExceeded
        )
    }) {
        return Some(Output::err(format!(
            "error: error parsing {EDITOR_FILE}: error converting YAML to JSON: yaml: {}",
            e.detail
        )));
    }
    let strict: Vec<_> = errors
        .iter()
        .filter(|e| {
            matches!(
                e.error_type,
                ErrorType::UnknownField | ErrorType::DuplicateField | ErrorType::TypeError
            )
        })
        .collect();
    if !strict.is_empty() {
        let parts: Vec<String> = strict
            .iter()
            .map(|e| match e.error_type {
                ErrorType::UnknownField => format!("unknown field \"{}\"", e.path),
                ErrorType::DuplicateField => format!("duplicate field \"{}\"", e.path),
                _ => e.message(),
            })
            .collect();
        return Some(Output::err(format!(
            "Error from server (BadRequest): error when creating \"{EDITOR_FILE}\": {kind} in version \"v1\" cannot be handled as a {kind}: strict decoding error: {}",
            parts.join(", ")
        )));
    }
    // MultilineError: one cause on the same line, several as a bulleted list.
    let head = format!("The {kind} \"{name}\" is invalid: ");
    if errors.len() == 1 {
        Some(Output::err(format!("{head}{}", errors[0].message())))
    } else {
        let mut s = format!("{head}\n");
        for e in errors {
            s.push_str(&format!("* {}\n", e.message()));
        }
        Some(Output::err(s))
    }
}

fn job_name_of(text: &str) -> String {
    check_source(text)
        .documents
        .into_iter()
        .find_map(|d| d.name)
        .unwrap_or_default()
}

fn apply(args: &Args, editor: &str) -> Output {
    let Some(file) = args.flags.get("filename") else {
        return Output::err(
            "error: must specify one of -f and -k\n\nType 'help' for the commands this terminal knows.",
        );
    };
    if file != EDITOR_FILE && file != "-" {
        return Output::err(format!(
            "error: the path \"{file}\" does not exist (the editor's text is {EDITOR_FILE})"
        ));
    }
    if let Some(o) = rejected(editor) {
        return o;
    }
    let resource = if check_source(editor)
        .documents
        .iter()
        .any(|d| d.kind.as_deref() == Some("CronJob"))
    {
        "cronjob.batch"
    } else {
        "job.batch"
    };
    Output::ok(format!("{resource}/{} created\n", job_name_of(editor))).with(Effect::Apply)
}

/// Seconds for a scenario action at `t`.
fn at_seconds(t: Millis) -> f64 {
    t as f64 / 1000.0
}

fn delete(args: &Args, snap: Option<&Snapshot>, t: Millis) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if names.is_empty() {
        return Output::err("error: resource(s) were provided, but no name was specified");
    }
    let mut out = String::new();
    let mut actions = Vec::new();
    for name in &names {
        match kind {
            Kind::Job => {
                let Some(s) = snap.filter(|s| job_exists(s) && s.name == *name) else {
                    return not_found(kind, name);
                };
                out.push_str(&format!("job.batch \"{}\" deleted\n", s.name));
                actions.push(Action {
                    at: at_seconds(t),
                    delete_job: Some(DeleteJob::default()),
                    ..Action::default()
                });
            }
            Kind::Pod => {
                if !snap.is_some_and(|s| live_pods(s).any(|p| &p.name == name)) {
                    return not_found(kind, name);
                }
                out.push_str(&format!("pod \"{name}\" deleted\n"));
                actions.push(Action {
                    at: at_seconds(t),
                    delete_pod: Some(DeletePod {
                        name: Some(name.clone()),
                        ..DeletePod::default()
                    }),
                    ..Action::default()
                });
            }
            Kind::Event => {
                return Output::err("error: this terminal does not delete events");
            }
            Kind::CronJob => return not_found(kind, name),
        }
    }
    Output::ok(out).with(Effect::Actions(actions))
}

fn patch(args: &Args, snap: Option<&Snapshot>, t: Millis) -> Output {
    let (kind, names) = match target(&args.positional) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if kind == Kind::CronJob {
        return match names.first() {
            Some(n) => not_found(kind, n),
            None => Output::err("error: resource(s) were provided, but no name was specified"),
        };
    }
    if kind != Kind::Job {
        return Output::err("error: this terminal patches jobs and cronjobs only");
    }
    let [name] = names.as_slice() else {
        return Output::err(
            "error: exactly one NAME is required, got ".to_string() + &names.len().to_string(),
        );
    };
    let Some(p) = args.flags.get("patch") else {
        return Output::err("error: must specify -p to patch");
    };
    if let Some(ty) = args.flags.get("type") {
        if ty != "merge" && ty != "strategic" {
            return Output::err(format!(
                "error: --type must be one of [json merge strategic], and this terminal simulates merge and strategic, not \"{ty}\""
            ));
        }
    }
    let Some(snap) = snap.filter(|s| job_exists(s) && s.name == *name) else {
        return not_found(kind, name);
    };
    let value: serde_json::Value = match serde_json::from_str(p) {
        Ok(v) => v,
        Err(e) => return Output::err(format!("error: unable to parse \"{p}\": {e}")),
    };
    let Some(obj) = value.as_object() else {
        return Output::err(format!(
            "error: unable to parse \"{p}\": a patch must be a JSON object"
        ));
    };
    let mut spec_patch = JobSpecPatch::default();
    let invalid = |field: &str, v: &serde_json::Value, why: &str| {
        Output::err(format!(
            "The Job \"{name}\" is invalid: spec.{field}: Invalid value: {v}: {why}"
        ))
    };
    for (key, v) in obj {
        if key != "spec" {
            return Output::err(format!(
                "error: this terminal simulates patches of spec.suspend, spec.parallelism and spec.activeDeadlineSeconds, not \"{key}\""
            ));
        }
        let Some(spec) = v.as_object() else {
            return invalid("", v, "must be an object");
        };
        for (field, v) in spec {
            match field.as_str() {
                "suspend" => match v {
                    serde_json::Value::Bool(b) => spec_patch.suspend = Some(*b),
                    serde_json::Value::Null => spec_patch.suspend = Some(false),
                    _ => return invalid("suspend", v, "must be a boolean"),
                },
                "parallelism" => match v.as_i64().and_then(|n| i32::try_from(n).ok()) {
                    Some(n) if n >= 0 => spec_patch.parallelism = Some(n),
                    _ => return invalid("parallelism", v, "must be greater than or equal to 0"),
                },
                "activeDeadlineSeconds" => match v.as_i64() {
                    Some(n) if n > 0 => spec_patch.active_deadline_seconds = Some(n),
                    _ => return invalid("activeDeadlineSeconds", v, "must be greater than 0"),
                },
                other => {
                    return Output::err(format!(
                        "error: this terminal simulates patches of spec.suspend, spec.parallelism and spec.activeDeadlineSeconds, not \"spec.{other}\""
                    ))
                }
            }
        }
    }
    let spec = snap.job.spec.clone().unwrap_or_default();
    let unchanged = spec_patch
        .suspend
        .is_none_or(|s| s == spec.suspend.unwrap_or(false))
        && spec_patch
            .parallelism
            .is_none_or(|p| p == spec.parallelism.unwrap_or(1))
        && spec_patch
            .active_deadline_seconds
            .is_none_or(|a| Some(a) == spec.active_deadline_seconds);
    if unchanged {
        return Output::ok(format!("job.batch/{name} patched (no change)\n"));
    }
    Output::ok(format!("job.batch/{name} patched\n")).with(Effect::Actions(vec![Action {
        at: at_seconds(t),
        patch: Some(JobPatch { spec: spec_patch }),
        ..Action::default()
    }]))
}

/// The Job `kubectl create job NAME --image=IMAGE -- COMMAND...` creates, as YAML.
pub fn created_job_yaml(name: &str, image: &str, command: &[String]) -> String {
    let mut container = serde_json::Map::new();
    if !command.is_empty() {
        container.insert("command".into(), serde_json::json!(command));
    }
    container.insert("image".into(), image.into());
    container.insert("name".into(), name.into());
    let job = serde_json::json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name},
        "spec": {"template": {"spec": {
            "containers": [serde_json::Value::Object(container)],
            "restartPolicy": "Never",
        }}},
    });
    crate::yaml::emit::to_yaml(&job)
}

fn create(args: &Args) -> Output {
    let (kind, names) = match args.positional.split_first() {
        Some((ty, rest)) => match Kind::parse(ty) {
            Some(k) => (k, rest.to_vec()),
            None => {
                return Output::err(format!(
                    "error: this terminal creates jobs only, not \"{ty}\""
                ))
            }
        },
        None => {
            return Output::err(
                "error: Required resource not specified.\nUsage: create job NAME --image=IMAGE -- COMMAND [ARGS...]",
            )
        }
    };
    if kind != Kind::Job {
        return Output::err("error: this terminal creates jobs only");
    }
    let [name] = names.as_slice() else {
        return Output::err(format!(
            "error: exactly one NAME is required, got {}",
            names.len()
        ));
    };
    if let Some(from) = args.flags.get("from") {
        // The editor's object is a Job: there is no CronJob to make a Job from.
        return match cronjob::from_cronjob_name(from) {
            Ok(cj) => not_found(Kind::CronJob, cj),
            Err(o) => o,
        };
    }
    let Some(image) = args.flags.get("image") else {
        return Output::err("error: either --image or --from must be specified");
    };
    let yaml = created_job_yaml(name, image, args.rest.as_deref().unwrap_or(&[]));
    if let Some(o) = rejected(&yaml) {
        return o;
    }
    Output::ok(format!("job.batch/{name} created\n")).with(Effect::Load(yaml))
}

/// The result of Tab completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The command line after completing (unchanged when nothing fits).
    pub line: String,
    /// All candidates for the word, when more than one fits (to list for the user).
    pub candidates: Vec<String>,
}

/// The names Tab completion offers.
#[derive(Default)]
struct Names {
    jobs: Vec<String>,
    pods: Vec<String>,
    /// The CronJob's, when the editor holds one.
    cronjobs: Vec<String>,
}

/// The candidates for the last word of `line` (the word being typed).
pub fn candidates(line: &str, snap: Option<&Snapshot>) -> Vec<String> {
    let jobs: Vec<String> = snap
        .filter(|s| job_exists(s))
        .map(|s| vec![s.name.clone()])
        .unwrap_or_default();
    let mut pods: Vec<String> = snap
        .map(|s| live_pods(s).map(|p| p.name.clone()).collect())
        .unwrap_or_default();
    pods.sort();
    candidates_from(
        line,
        &Names {
            jobs,
            pods,
            cronjobs: Vec::new(),
        },
    )
}

/// [`candidates`] in a CronJob's cluster: its name, its Jobs' and their Pods'.
pub fn cronjob_candidates(line: &str, cluster: &cronjob::CronJobCluster) -> Vec<String> {
    candidates_from(
        line,
        &Names {
            jobs: cluster.jobs.iter().map(|(n, _)| n.clone()).collect(),
            pods: cluster.pod_names(),
            cronjobs: vec![cluster.name().to_owned()],
        },
    )
}

fn candidates_from(line: &str, names: &Names) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (done, current): (Vec<&str>, &str) =
        if line.ends_with(char::is_whitespace) || words.is_empty() {
            (words.clone(), "")
        } else {
            (words[..words.len() - 1].to_vec(), words[words.len() - 1])
        };
    let done: Vec<&str> = match done.first() {
        Some(&"kubectl") => done[1..].to_vec(),
        _ => done,
    };
    let job_names = &names.jobs;
    let pod_names = &names.pods;
    let cron = !names.cronjobs.is_empty();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let all: Vec<String> = if current.starts_with('-') && cron && done.first() == Some(&"create") {
        // `--from` is offered whole, with the CronJob it names.
        let mut flags: Vec<String> = flags_of("create")
            .iter()
            .filter(|f| f.0 != "from")
            .map(|f| format!("--{}", f.0))
            .collect();
        flags.extend(names.cronjobs.iter().map(|n| format!("--from=cronjob/{n}")));
        flags
    } else if current.starts_with('-') {
        match done.first() {
            Some(c) => flags_of(c).iter().map(|f| format!("--{}", f.0)).collect(),
            None => Vec::new(),
        }
    } else {
        let previous = done.last().copied();
        match (done.as_slice(), previous) {
            ([], _) => own(&COMMANDS),
            (_, Some("-l" | "--selector")) => {
                job_names.iter().map(|n| format!("job-name={n}")).collect()
            }
            (_, Some("-f" | "--filename")) => vec![EDITOR_FILE.to_string()],
            (_, Some("-o" | "--output")) if cron => own(&["wide"]),
            (_, Some("-o" | "--output")) => own(&["json", "name", "wide", "yaml"]),
            ([cmd], _) if cron => match *cmd {
                "get" => own(&["cronjobs", "events", "jobs", "pods"]),
                "describe" => own(&["cronjob", "job", "pod"]),
                "patch" => own(&["cronjob"]),
                "delete" => own(&["job"]),
                "create" => own(&["job"]),
                "apply" => own(&["-f"]),
                _ => Vec::new(),
            },
            ([cmd], _) => match *cmd {
                "get" => own(&["events", "jobs", "pods"]),
                "describe" => own(&["job", "pod"]),
                "patch" => own(&["job"]),
                "delete" => own(&["job", "pod"]),
                "create" => own(&["job"]),
                "logs" => pod_names.clone(),
                "apply" => own(&["-f"]),
                _ => Vec::new(),
            },
            // `create job NAME --from=cronjob/NAME`, the flag offered whole.
            (["create", _, _, ..], _) if cron => names
                .cronjobs
                .iter()
                .map(|n| format!("--from=cronjob/{n}"))
                .collect(),
            ([cmd, ty, ..], _) if *cmd != "create" => match Kind::parse(ty) {
                Some(Kind::Job) => job_names.clone(),
                Some(Kind::Pod) => pod_names.clone(),
                Some(Kind::CronJob) => names.cronjobs.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    };
    all.into_iter().filter(|c| c.starts_with(current)).collect()
}

/// Completes the word being typed at the end of `line`: a single candidate is completed with a
/// trailing space; several extend the word to their common prefix and are listed.
pub fn complete(line: &str, snap: Option<&Snapshot>) -> Completion {
    complete_from(line, candidates(line, snap))
}

/// [`complete`] in a CronJob's cluster.
pub fn complete_cronjob(line: &str, cluster: &cronjob::CronJobCluster) -> Completion {
    complete_from(line, cronjob_candidates(line, cluster))
}

fn complete_from(line: &str, found: Vec<String>) -> Completion {
    let start = line.rfind(char::is_whitespace).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let head = &line[..start];
    match found.as_slice() {
        [] => Completion {
            line: line.to_string(),
            candidates: Vec::new(),
        },
        [one] => Completion {
            line: format!("{head}{one} "),
            candidates: Vec::new(),
        },
        many => {
            let mut prefix = many[0].clone();
            for c in &many[1..] {
                let n = prefix
                    .chars()
                    .zip(c.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                prefix = prefix.chars().take(n).collect();
            }
            let word = &line[start..];
            let line = if prefix.len() > word.len() {
                format!("{head}{prefix}")
            } else {
                line.to_string()
            };
            Completion {
                line,
                candidates: many.to_vec(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::sim::{Replay, Simulation};

    const PI: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  backoffLimit: 4\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n      restartPolicy: Never\n";

    fn replay(text: &str, scenario: Scenario) -> Replay {
        let report = check_source(text);
        let job = report.documents[0]
            .effective
            .clone()
            .unwrap_or_else(|| panic!("not valid: {:?}", report.documents[0].diagnostics));
        Replay::record(Simulation::new(job, scenario), 3_600_000)
    }

    fn at(r: &Replay, t: Millis) -> Snapshot {
        r.snapshot_at(t)
    }

    fn exec(line: &str, snap: Option<&Snapshot>) -> Output {
        run(
            line,
            &Context {
                snapshot: snap,
                editor: PI,
                time_ms: snap.map_or(0, |s| s.time_ms),
                cronjob: None,
            },
        )
    }

    fn pod_name(s: &Snapshot) -> String {
        s.pods[0].name.clone()
    }

    #[test]
    fn splits_like_a_shell() {
        let cases: &[(&str, &[&str])] = &[
            ("get pods", &["get", "pods"]),
            ("  a   b  ", &["a", "b"]),
            (
                "patch job pi -p '{\"spec\": {\"suspend\": true}}'",
                &[
                    "patch",
                    "job",
                    "pi",
                    "-p",
                    "{\"spec\": {\"suspend\": true}}",
                ],
            ),
            ("a \"b c\" d\\ e", &["a", "b c", "d e"]),
            ("x \"say \\\"hi\\\"\"", &["x", "say \"hi\""]),
            ("''", &[""]),
        ];
        for (line, want) in cases {
            assert_eq!(split(line).unwrap_or_default(), *want, "{line}");
        }
        assert!(split("a 'b").is_err());
        assert!(split("a \"b").is_err());
    }

    #[test]
    fn read_commands() {
        let r = replay(PI, Scenario::default());
        let s = at(&r, 5_000);
        let pod = pod_name(&s);
        let end = at(&r, r.end().now());
        // (line, snapshot, expected substrings, error?)
        let cases: Vec<(String, &Snapshot, Vec<String>, bool)> = vec![
            (
                "kubectl get jobs".into(),
                &s,
                vec![
                    "NAME   STATUS    COMPLETIONS".into(),
                    "pi     Running   0/1".into(),
                ],
                false,
            ),
            (
                "get job pi".into(),
                &s,
                vec!["pi     Running".into()],
                false,
            ),
            (
                "get job/pi".into(),
                &s,
                vec!["pi     Running".into()],
                false,
            ),
            (
                "get jobs -l job-name=pi".into(),
                &s,
                vec!["pi     Running".into()],
                false,
            ),
            (
                "get jobs -l job-name=x".into(),
                &s,
                vec!["No resources found in default namespace.".into()],
                false,
            ),
            (
                "get job nope".into(),
                &s,
                vec!["Error from server (NotFound): jobs.batch \"nope\" not found".into()],
                true,
            ),
            (
                "get jobs -n other".into(),
                &s,
                vec!["No resources found in other namespace.".into()],
                false,
            ),
            (
                "get pods".into(),
                &s,
                vec!["NAME".into(), format!("{pod}   1/1     Running")],
                false,
            ),
            ("get po -l job-name=pi".into(), &s, vec![pod.clone()], false),
            (
                "get pods --selector=job-name=pi".into(),
                &s,
                vec![pod.clone()],
                false,
            ),
            (
                "get pods -l batch.kubernetes.io/job-name=pi".into(),
                &s,
                vec![pod.clone()],
                false,
            ),
            (
                "get pods -l job-name=other".into(),
                &s,
                vec!["No resources found".into()],
                false,
            ),
            (format!("get pod {pod}"), &s, vec![pod.clone()], false),
            (
                "get pod nope".into(),
                &s,
                vec!["pods \"nope\" not found".into()],
                true,
            ),
            (
                "get pods -o name".into(),
                &s,
                vec![format!("pod/{pod}")],
                false,
            ),
            (
                format!("get pod {pod} -o json"),
                &s,
                vec!["\"kind\": \"Pod\"".into(), format!("\"name\": \"{pod}\"")],
                false,
            ),
            (
                "get job pi -o yaml".into(),
                &s,
                vec![
                    "apiVersion: batch/v1".into(),
                    "kind: Job".into(),
                    "  name: pi".into(),
                ],
                false,
            ),
            (
                "get job pi -o json".into(),
                &s,
                vec!["\"apiVersion\": \"batch/v1\"".into()],
                false,
            ),
            (
                "get jobs -o yaml".into(),
                &s,
                vec!["kind: List".into()],
                false,
            ),
            (
                "get job pi -o xml".into(),
                &s,
                vec!["unable to match a printer suitable for the output format \"xml\"".into()],
                true,
            ),
            (
                "get events".into(),
                &s,
                vec!["LAST SEEN".into(), "SuccessfulCreate".into()],
                false,
            ),
            (
                "describe job pi".into(),
                &s,
                vec!["Name:".into(), "pi".into(), "Pods Statuses:".into()],
                false,
            ),
            ("describe jobs".into(), &s, vec!["Name:".into()], false),
            (
                format!("describe pod {}", pod_name(&s)),
                &s,
                vec![
                    "Controlled By:".into(),
                    "Job/pi".into(),
                    "QoS Class:".into(),
                ],
                false,
            ),
            (
                "describe pod nope".into(),
                &s,
                vec!["pods \"nope\" not found".into()],
                true,
            ),
            (
                "get pods -o wide".into(),
                &s,
                vec!["NOMINATED NODE".into(), "READINESS GATES".into()],
                false,
            ),
            (
                "get jobs -o wide".into(),
                &s,
                vec!["CONTAINERS".into(), "SELECTOR".into()],
                false,
            ),
            (
                "describe job x".into(),
                &s,
                vec!["jobs.batch \"x\" not found".into()],
                true,
            ),
            (
                "describe event x".into(),
                &s,
                vec!["describes jobs and pods only".into()],
                true,
            ),
            (format!("logs {pod}"), &end, vec!["3.14159".into()], false),
            (
                format!("logs pod/{pod}"),
                &end,
                vec!["3.14159".into()],
                false,
            ),
            ("logs job/pi".into(), &end, vec!["3.14159".into()], false),
            (
                "logs -l job-name=pi".into(),
                &end,
                vec!["3.14159".into()],
                false,
            ),
            (
                "logs -l job-name=x".into(),
                &end,
                vec!["No resources found".into()],
                false,
            ),
            (
                "logs nope".into(),
                &end,
                vec!["pods \"nope\" not found".into()],
                true,
            ),
            (
                "logs".into(),
                &end,
                vec!["POD or TYPE/NAME is a required argument".into()],
                true,
            ),
            (
                "get".into(),
                &s,
                vec!["Required resource not specified".into()],
                true,
            ),
            (
                "get jbos".into(),
                &s,
                vec!["the server doesn't have a resource type \"jbos\"".into()],
                true,
            ),
            (
                "get pods --foo".into(),
                &s,
                vec![
                    "error: unknown flag: --foo".into(),
                    "See 'kubectl get --help' for usage.".into(),
                ],
                true,
            ),
            (
                "get pods -x".into(),
                &s,
                vec!["unknown shorthand flag: 'x' in -x".into()],
                true,
            ),
            (
                "get pods -l".into(),
                &s,
                vec!["flag needs an argument: --selector".into()],
                true,
            ),
            (
                "gett pods".into(),
                &s,
                vec![
                    "error: unknown command \"gett\" for \"kubectl\"".into(),
                    "Did you mean this?\n\tget".into(),
                ],
                true,
            ),
            (
                "frobnicate".into(),
                &s,
                vec!["unknown command \"frobnicate\"".into(), "help".into()],
                true,
            ),
            (
                "exec pi -- ls".into(),
                &s,
                vec!["does not simulate \"kubectl exec\"".into()],
                true,
            ),
            (
                "help".into(),
                &s,
                vec!["get pods".into(), "create job".into()],
                false,
            ),
            ("kubectl".into(), &s, vec!["help".into()], true),
            (
                "get pods 'x".into(),
                &s,
                vec!["unterminated single quote".into()],
                true,
            ),
        ];
        for (line, snap, want, error) in cases {
            let out = exec(&line, Some(snap));
            for w in want {
                assert!(out.text.contains(&w), "{line}: want {w:?} in\n{}", out.text);
            }
            assert_eq!(out.error, error, "{line}: {}", out.text);
            assert_eq!(out.effect, Effect::None, "{line}");
        }
        // No simulation yet: nothing exists, nothing panics.
        assert!(exec("get jobs", None).text.contains("No resources found"));
        assert!(exec("get pods", None).text.contains("No resources found"));
        assert!(exec("describe job pi", None).error);
        assert!(exec("logs x", None).error);
        assert!(exec("delete job pi", None).error);
        assert_eq!(exec("clear", None).effect, Effect::Clear);
        assert_eq!(exec("   ", None), Output::ok(""));
    }

    #[test]
    fn write_commands_become_actions_at_the_current_time() {
        let r = replay(PI, Scenario::default());
        let s = at(&r, 5_500);
        let pod = pod_name(&s);
        let out = exec(&format!("delete pod {pod}"), Some(&s));
        assert_eq!(out.text, format!("pod \"{pod}\" deleted\n"));
        let Effect::Actions(actions) = out.effect else {
            panic!("{:?}", out.effect)
        };
        assert_eq!(actions[0].at, 5.5);
        assert_eq!(
            actions[0].delete_pod.as_ref().and_then(|d| d.name.clone()),
            Some(pod.clone())
        );
        // Replaying with the action shows the Pod being deleted at that time: it carries a
        // deletionTimestamp. (`get pods` says Terminating only while the phase is not terminal;
        // this container stops on SIGTERM at once, so printPod shows its reason, Error.)
        let scenario = Scenario {
            actions,
            ..Scenario::default()
        };
        let after = at(&replay(PI, scenario), 5_500);
        let yaml = exec(&format!("get pod {pod} -o yaml"), Some(&after)).text;
        assert!(yaml.contains("deletionTimestamp:"), "{yaml}");

        let out = exec("delete job pi", Some(&s));
        assert_eq!(out.text, "job.batch \"pi\" deleted\n");
        assert!(matches!(&out.effect, Effect::Actions(a) if a[0].delete_job.is_some()));
        assert!(exec("delete job/pi", Some(&s)).text.contains("deleted"));
        assert!(exec("delete job nope", Some(&s))
            .text
            .contains("jobs.batch \"nope\" not found"));
        assert!(exec("delete pod nope", Some(&s))
            .text
            .contains("pods \"nope\" not found"));
        assert!(exec("delete job", Some(&s))
            .text
            .contains("no name was specified"));

        let out = exec(r#"patch job pi -p '{"spec":{"suspend":true}}'"#, Some(&s));
        assert_eq!(out.text, "job.batch/pi patched\n");
        let Effect::Actions(a) = out.effect else {
            panic!()
        };
        assert_eq!(
            a[0].patch.as_ref().map(|p| p.spec.suspend),
            Some(Some(true))
        );
        let out = exec(
            r#"patch job pi --type=merge -p '{"spec":{"parallelism":3,"activeDeadlineSeconds":60}}'"#,
            Some(&s),
        );
        let Effect::Actions(a) = out.effect else {
            panic!("{}", out.text)
        };
        let spec = &a[0]
            .patch
            .as_ref()
            .map(|p| p.spec.clone())
            .unwrap_or_default();
        assert_eq!(
            (spec.parallelism, spec.active_deadline_seconds),
            (Some(3), Some(60))
        );
        let no_change = exec(r#"patch job pi -p '{"spec":{"suspend":false}}'"#, Some(&s));
        assert_eq!(
            (no_change.text.as_str(), no_change.effect),
            ("job.batch/pi patched (no change)\n", Effect::None)
        );
        for (line, want) in [
            (r#"patch job pi -p '{"spec":{"parallelism":-1}}'"#, "The Job \"pi\" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0"),
            (r#"patch job pi -p '{"spec":{"completions":2}}'"#, "not \"spec.completions\""),
            (r#"patch job pi -p '{"metadata":{}}'"#, "not \"metadata\""),
            ("patch job pi -p '{nope'", "error: unable to parse \"{nope\""),
            ("patch job pi -p '[1]'", "must be a JSON object"),
            ("patch job pi", "must specify -p"),
            (r#"patch job nope -p '{"spec":{"suspend":true}}'"#, "jobs.batch \"nope\" not found"),
            (r#"patch job pi --type=json -p '[]'"#, "--type must be one of"),
        ] {
            let out = exec(line, Some(&s));
            assert!(out.error && out.text.contains(want), "{line}: {}", out.text);
            assert_eq!(out.effect, Effect::None);
        }
        // A deleted Job is gone for every command.
        let deleted = at(
            &replay(
                PI,
                Scenario {
                    actions: vec![Action {
                        at: 2.0,
                        delete_job: Some(DeleteJob::default()),
                        ..Action::default()
                    }],
                    ..Scenario::default()
                },
            ),
            3_000,
        );
        assert!(exec("get jobs", Some(&deleted))
            .text
            .contains("No resources found"));
        assert!(exec("delete job pi", Some(&deleted)).error);
        assert!(exec("describe job pi", Some(&deleted)).error);
    }

    #[test]
    fn apply_and_create() {
        let ok = run(
            "apply -f job.yaml",
            &Context {
                snapshot: None,
                editor: PI,
                time_ms: 0,
                cronjob: None,
            },
        );
        assert_eq!(
            (ok.text.as_str(), ok.error, ok.effect),
            ("job.batch/pi created\n", false, Effect::Apply)
        );
        let cases = [
            (PI.replace("backoffLimit: 4", "completions: -1"), "The Job \"pi\" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0\n"),
            (PI.replace("backoffLimit: 4", "completions: -1\n  parallelism: -2"), "The Job \"pi\" is invalid: \n* spec"),
            (PI.replace("command:", "comand:"), "Error from server (BadRequest): error when creating \"job.yaml\": Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.template.spec.containers[0].comand\""),
            ("a: [".to_string(), "error: error parsing job.yaml: error converting YAML to JSON: yaml: "),
            (String::new(), "error"),
            ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n".to_string(), "error"),
        ];
        for (editor, want) in cases {
            let out = run(
                "kubectl apply -f job.yaml",
                &Context {
                    snapshot: None,
                    editor: &editor,
                    time_ms: 0,
                    cronjob: None,
                },
            );
            assert!(
                out.error && out.text.starts_with(want),
                "{editor}\n=> {}",
                out.text
            );
            assert_eq!(out.effect, Effect::None);
        }
        assert!(run(
            "apply",
            &Context {
                snapshot: None,
                editor: PI,
                time_ms: 0,
                cronjob: None,
            }
        )
        .text
        .contains("must specify one of -f"));
        assert!(run(
            "apply -f other.yaml",
            &Context {
                snapshot: None,
                editor: PI,
                time_ms: 0,
                cronjob: None,
            }
        )
        .text
        .contains("does not exist"));

        let out = exec(
            "create job hello --image=busybox:1.36 -- echo hi there",
            None,
        );
        assert_eq!(out.text, "job.batch/hello created\n");
        let Effect::Load(yaml) = out.effect else {
            panic!("{:?}", out.effect)
        };
        let report = check_source(&yaml);
        assert!(!report.has_errors(), "{yaml}");
        let job = report.documents[0].job.clone().unwrap_or_default();
        let spec = job
            .spec
            .unwrap_or_default()
            .template
            .spec
            .unwrap_or_default();
        assert_eq!(spec.restart_policy.as_deref(), Some("Never"));
        assert_eq!(spec.containers[0].name, "hello");
        assert_eq!(spec.containers[0].image.as_deref(), Some("busybox:1.36"));
        assert_eq!(
            spec.containers[0].command,
            Some(vec!["echo".into(), "hi".into(), "there".into()])
        );
        assert!(exec("create job hello", None)
            .text
            .contains("either --image or --from"));
        assert!(exec("create job --image=x", None)
            .text
            .contains("exactly one NAME is required, got 0"));
        assert!(exec("create job Bad_Name --image=x", None)
            .text
            .contains("The Job \"Bad_Name\" is invalid"));
        assert!(exec("create deployment x --image=y", None).error);
    }

    #[test]
    fn completion() {
        let r = replay(PI, Scenario::default());
        let s = at(&r, 5_000);
        let pod = pod_name(&s);
        let cases: Vec<(&str, String, Vec<String>)> = vec![
            ("ge", "get ".into(), vec![]),
            ("kubectl des", "kubectl describe ".into(), vec![]),
            ("get p", "get pods ".into(), vec![]),
            ("get jobs ", "get jobs pi ".into(), vec![]),
            ("describe job p", "describe job pi ".into(), vec![]),
            ("get pods -l ", "get pods -l job-name=pi ".into(), vec![]),
            ("get pods --sel", "get pods --selector ".into(), vec![]),
            ("apply -f ", "apply -f job.yaml ".into(), vec![]),
            ("logs ", format!("logs {pod} "), vec![]),
            ("delete pod pi", format!("delete pod {pod} "), vec![]),
            ("d", "de".into(), vec!["describe".into(), "delete".into()]),
            ("c", "c".into(), vec!["create".into(), "clear".into()]),
            ("zzz", "zzz".into(), vec![]),
            (
                "get pods -o ",
                "get pods -o ".into(),
                vec!["json".into(), "name".into(), "wide".into(), "yaml".into()],
            ),
        ];
        for (line, want_line, want_list) in cases {
            let c = complete(line, Some(&s));
            assert_eq!(c.line, want_line, "{line:?}");
            assert_eq!(c.candidates, want_list, "{line:?}");
        }
        assert_eq!(
            complete("get ", Some(&s)).candidates,
            vec!["events", "jobs", "pods"]
        );
        // Common prefix extension.
        assert_eq!(complete("get jobs -", Some(&s)).line, "get jobs --");
        assert_eq!(complete("", None).candidates.len(), COMMANDS.len());
        assert_eq!(complete("logs ", None).line, "logs ");
    }
}
