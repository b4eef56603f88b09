//! Seeded generation of Jobs for the differential.
//!
//! Seeds are real manifests: every Job of `../shared/corpus`, of the core's test data, of the
//! README and docs, and every guide preset. A case takes one seed Job and applies one to three
//! mutations. Mutations walk the *complete* schema ([`joblab_core::api::schema::TYPES`], generated
//! from k8s-openapi), so every field of the Job and of its Pod template can be reached: values at
//! and past their bounds, wrong types, unknown enum values, bad names and label values, unknown
//! fields at every depth, removed fields, whole sub-objects (volumes of every source, probes,
//! security contexts, affinity, ...), the Indexed-mode fields together, and a few textual YAML
//! classes (duplicate keys, YAML 1.1 booleans). Case `i` of seed `s` depends on nothing but `s`,
//! `i` and the seed files, so any case is replayed from its id.

use std::path::{Path, PathBuf};

use joblab_core::api::schema::{Kind, TYPES};
use joblab_core::patterns::{build, Knobs, Preset};
use joblab_core::sim::rng::SplitMix64;
use joblab_core::yaml::emit::to_yaml;
use joblab_core::yaml::parse_stream;
use serde_json::{json, Map, Value as J};

/// One generated case.
#[derive(Clone, Debug)]
pub struct Case {
    /// `<seed>-<index>`: enough to generate it again.
    pub id: String,
    /// The manifest text.
    pub yaml: String,
    /// Which seed Job it started from.
    pub origin: String,
    /// The mutations applied, in order, one line each.
    pub mutations: Vec<String>,
}

/// The seed Jobs.
#[derive(Clone, Debug, Default)]
pub struct Seeds {
    /// (where it came from, the Job as JSON).
    pub jobs: Vec<(String, J)>,
}

/// Every YAML file under `dir`, sorted, so the seed list is the same on every machine.
pub(crate) fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The batch/v1 Jobs of a YAML text, as JSON.
fn jobs_in(text: &str) -> Vec<J> {
    parse_stream(text)
        .documents
        .iter()
        .filter(|d| d.error.is_none())
        .filter_map(|d| d.root.as_ref().map(|r| r.to_json()))
        .filter(|v| {
            v.get("apiVersion") == Some(&json!("batch/v1")) && v.get("kind") == Some(&json!("Job"))
        })
        .collect()
}

/// The YAML code blocks of a Markdown file.
pub(crate) fn markdown_yaml_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```yaml") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

impl Seeds {
    /// Loads the seeds, given the repository's root (`../shared` must sit beside it for the
    /// corpus; without it the other seeds still load, and the report says how many there are).
    pub fn load(repo: &Path) -> Seeds {
        let mut jobs = Vec::new();
        let shared = repo.join("../shared/corpus");
        let data = repo.join("crates/joblab-core/tests/data");
        for (label, dir) in [("corpus", &shared), ("tests", &data)] {
            for file in yaml_files(dir) {
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let name = file
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                for (i, job) in jobs_in(&text).into_iter().enumerate() {
                    jobs.push((format!("{label}/{name}#{i}"), job));
                }
            }
        }
        let mut docs: Vec<PathBuf> = vec![repo.join("README.md")];
        docs.extend(
            std::fs::read_dir(repo.join("docs"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md")),
        );
        docs.sort();
        for file in docs {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            let name = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            for (b, block) in markdown_yaml_blocks(&text).into_iter().enumerate() {
                for (i, job) in jobs_in(&block).into_iter().enumerate() {
                    jobs.push((format!("docs/{name}#{b}.{i}"), job));
                }
            }
        }
        for preset in Preset::ALL {
            let defaults = Knobs::default_for(preset);
            let mut variants = vec![("default".to_owned(), defaults)];
            for knob in preset.knobs() {
                let (lo, hi) = knob.range();
                variants.push((format!("{}={lo}", knob.label()), defaults.with(*knob, lo)));
                variants.push((format!("{}={hi}", knob.label()), defaults.with(*knob, hi)));
            }
            for (label, knobs) in variants {
                // The manifest as the guide shows it, not the defaulted Job built from it.
                let (job, _) = build(preset, &knobs);
                if let Some(written) = job.written.as_deref() {
                    jobs.push((format!("preset/{}/{label}", preset.slug()), written.clone()));
                }
            }
        }
        Seeds { jobs }
    }
}

/// Generates `count` cases from `seed`.
pub fn generate(seeds: &Seeds, seed: u64, count: usize) -> Vec<Case> {
    (0..count).map(|i| generate_one(seeds, seed, i)).collect()
}

/// The random stream of case `index` of `seed` in a generator's `stream` (0 for Jobs), so that
/// every case is replayed from its id alone.
pub(crate) fn case_rng(seed: u64, stream: u64, index: usize) -> SplitMix64 {
    SplitMix64::new(seed ^ stream ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The case a generator makes when there is no seed Job to start from: empty, and saying so.
pub(crate) fn no_seeds(id: String) -> Case {
    Case {
        id,
        yaml: String::new(),
        origin: "no seeds".to_owned(),
        mutations: Vec::new(),
    }
}

/// Case `index` of `seed`.
pub fn generate_one(seeds: &Seeds, seed: u64, index: usize) -> Case {
    let mut rng = case_rng(seed, 0, index);
    let mut g = Gen { rng: &mut rng };
    let id = format!("{seed}-{index}");
    if seeds.jobs.is_empty() {
        return no_seeds(id);
    }
    let (origin, job) = &seeds.jobs[g.below(seeds.jobs.len())];
    let mut job = job.clone();
    // One case in twenty is a seed as it is: the baseline must agree too.
    let n = if g.below(20) == 0 { 0 } else { 1 + g.below(3) };
    let (mutations, textual) = g.mutate_job(&mut job, n);
    let mut yaml = to_yaml(&job);
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

/// The mutations' random choices, over one case's stream.
pub(crate) struct Gen<'a> {
    pub(crate) rng: &'a mut SplitMix64,
}

/// Strings worth trying for fields of a given name: valid values first, then near misses.
fn string_pool(field: &str) -> &'static [&'static str] {
    match field {
        "restartPolicy" => &["Never", "OnFailure", "Always", "never", ""],
        "completionMode" => &["NonIndexed", "Indexed", "indexed", ""],
        "podReplacementPolicy" => &["TerminatingOrFailed", "Failed", "Sometimes"],
        "action" => &["FailJob", "Ignore", "Count", "FailIndex", "Explode"],
        "operator" => &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Equal", "Bogus"],
        "effect" => &["NoSchedule", "PreferNoSchedule", "NoExecute", "Bogus", ""],
        "protocol" => &["TCP", "UDP", "SCTP", "tcp"],
        "imagePullPolicy" => &["Always", "IfNotPresent", "Never", "Sometimes"],
        "dnsPolicy" => &["ClusterFirst", "Default", "None", "ClusterFirstWithHostNet", "Bogus"],
        "terminationMessagePolicy" => &["File", "FallbackToLogsOnError", "Bogus"],
        "whenUnsatisfiable" => &["DoNotSchedule", "ScheduleAnyway", "Bogus"],
        "status" => &["True", "False", "Unknown", "Maybe"],
        "managedBy" => &["kubernetes.io/job-controller", "example.com/queue", "queue", "Example.com/BAD"],
        "preemptionPolicy" => &["PreemptLowerPriority", "Never", "Bogus"],
        "fsGroupChangePolicy" => &["OnRootMismatch", "Always", "Bogus"],
        "mountPropagation" => &["None", "HostToContainer", "Bidirectional", "Bogus"],
        "recursiveReadOnly" => &["Disabled", "IfPossible", "Enabled", "Bogus"],
        "procMount" => &["Default", "Unmasked", "Bogus"],
        "medium" => &["", "Memory", "HugePages", "HugePages-2Mi", "Disk"],
        "nodeAffinityPolicy" | "nodeTaintsPolicy" => &["Honor", "Ignore", "Bogus"],
        "type" => &["RuntimeDefault", "Localhost", "Unconfined", "DirectoryOrCreate", "Directory", "File", "Socket", "DisruptionTarget", "Bogus", ""],
        "supplementalGroupsPolicy" => &["Merge", "Strict", "Bogus"],
        "resourceName" => &["cpu", "memory", "nvidia.com/gpu", "bogus"],
        "name" => &["main", "worker-1", "Bad_Name", "-lead", "a.b", "UPPER", "", "averyveryveryveryveryveryveryveryveryveryveryveryverylongname-64x"],
        "generateName" => &["job-", "Bad_", "x"],
        "image" => &["busybox:1.36", "busybox", "registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", " busybox:1.36", ""],
        "mountPath" | "devicePath" => &["/data", "data", "/a/../b", "", "/data:x"],
        "subPath" | "subPathExpr" => &["sub", "/abs", "../up", "a/b"],
        "path" => &["/healthz", "key.txt", "../up", "/abs", "", "/var/data"],
        "key" => &["app", "kubernetes.io/hostname", "Bad Key!", "", "example.com/k"],
        "value" => &["v", "", "Bad Value!", "1"],
        "topologyKey" => &["kubernetes.io/hostname", "", "Bad Key!"],
        "hostname" | "subdomain" => &["host-1", "Bad_Host", ""],
        "serviceAccountName" | "serviceAccount" | "schedulerName" | "priorityClassName" | "runtimeClassName" | "nodeName" | "claimName" | "secretName" | "configMapName" | "volumeName" | "storageClassName" | "resourceClaimName" | "resourceClaimTemplateName" => &["ok-name", "Bad_Name", ""],
        "ip" => &["10.0.0.1", "::1", "not-an-ip", ""],
        "nameservers" => &["8.8.8.8", "bad"],
        "searches" => &["example.com", "Bad_Domain", ""],
        "hostIP" => &["0.0.0.0", "bad"],
        "workingDir" => &["/work", "relative"],
        "fieldPath" => &["metadata.name", "status.podIP", "spec.bogus", "metadata.annotations['x']"],
        "apiVersion" => &["v1", "batch/v1", "bogus/v9"],
        "fsType" => &["ext4", "xfs", ""],
        "server" => &["nfs.example.com", ""],
        "readOnly" => &["true"],
        "divisor" => &["1", "1m", "bogus"],
        "containerName" => &["main", "missing"],
        "sizeLimit" => &["1Gi", "-1", "bogus"],
        "signer" | "signerName" => &["example.com/signer", "bad"],
        "os" => &["linux"],
        _ => &["x", "", "Invalid Value!", "ok-value"],
    }
}

/// Numbers worth trying for integer fields of a given name.
fn int_pool(field: &str) -> &'static [i64] {
    match field {
        "containerPort" | "hostPort" | "port" => &[0, 1, 80, 8080, 65535, 65536, -1],
        "completions" | "parallelism" => &[0, 1, 2, 3, 5, 10, -1, 100_000, 2_147_483_647],
        "backoffLimit" | "backoffLimitPerIndex" | "maxFailedIndexes" => {
            &[0, 1, 2, 6, -1, 100_000, 2_147_483_647]
        }
        "activeDeadlineSeconds" | "ttlSecondsAfterFinished" => &[0, 1, 60, -1, 3600],
        "succeededCount" => &[0, 1, 2, -1, 100],
        "priority" => &[0, 1, -1, 1_000_000_000, 2_000_000_001],
        "terminationGracePeriodSeconds" | "deletionGracePeriodSeconds" => &[0, 1, 30, -1],
        "initialDelaySeconds"
        | "periodSeconds"
        | "timeoutSeconds"
        | "successThreshold"
        | "failureThreshold" => &[0, 1, 3, -1],
        "defaultMode" | "mode" => &[0, 420, 511, 512, -1],
        "maxSkew" => &[0, 1, 2, -1],
        "minDomains" => &[0, 1, 3, -1],
        "weight" => &[0, 1, 100, 101, -1],
        "runAsUser" | "runAsGroup" | "fsGroup" => &[0, 1000, -1, 2_147_483_648],
        "tolerationSeconds" => &[0, 60, -1],
        "expirationSeconds" => &[600, 3600, 10, 4_294_967_296],
        "seconds" => &[0, 1, -1],
        _ => &[0, 1, 2, -1, 2_147_483_647],
    }
}

impl Gen<'_> {
    /// Applies `n` of the Job mutations to `job` (a Job's JSON); returns one line per mutation
    /// and the textual mutations still to apply to its YAML ([`Gen::textual`]).
    pub(crate) fn mutate_job(&mut self, job: &mut J, n: usize) -> (Vec<String>, Vec<usize>) {
        let mut mutations = Vec::new();
        let mut textual = Vec::new();
        for _ in 0..n {
            let choice = self.below(100);
            let what = match choice {
                0..=21 => self.set_random_field(job),
                22..=46 => self.fill_pod_spec_field(job),
                47..=53 => self.unknown_field(job),
                54..=60 => self.remove_field(job),
                61..=70 => self.indexed_combo(job),
                71..=77 => self.names_and_labels(job),
                78..=83 => self.selector(job),
                84..=91 => self.containers(job),
                _ => {
                    let t = self.below(3);
                    textual.push(t);
                    ["duplicate key", "YAML 1.1 scalar", "number-like string"][t].to_owned()
                }
            };
            mutations.push(what);
        }
        (mutations, textual)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.rng.below(n as u64) as usize
    }

    pub(crate) fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.below(items.len())]
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A value of the wrong JSON type for `kind`.
    fn wrong_type(&mut self, kind: &Kind) -> J {
        match kind {
            Kind::Str | Kind::Time => self
                .pick(&[json!(1), json!(true), json!(["x"]), json!({"a": 1})])
                .clone(),
            Kind::Int32 | Kind::Int64 | Kind::Number => self
                .pick(&[
                    json!("1"),
                    json!("many"),
                    json!(true),
                    json!(1.5),
                    json!([1]),
                ])
                .clone(),
            Kind::Bool => self.pick(&[json!("true"), json!(1), json!("yes")]).clone(),
            Kind::Quantity | Kind::IntOrString => self
                .pick(&[json!(true), json!([1]), json!({"a": 1})])
                .clone(),
            Kind::StrMap | Kind::Map(_) => self
                .pick(&[
                    json!("a=b"),
                    json!(["a"]),
                    json!({"a": 1}),
                    json!({"a": {"b": "c"}}),
                ])
                .clone(),
            Kind::List(_) => self.pick(&[json!("x"), json!({"a": 1}), json!(1)]).clone(),
            Kind::Object(_) => self.pick(&[json!("x"), json!([1]), json!(1)]).clone(),
            Kind::FreeForm => json!(1),
        }
    }

    /// A value for a field, mostly of the right type: valid values, bounds and near misses.
    pub(crate) fn value(&mut self, field: &str, kind: &Kind, depth: usize) -> J {
        // Wrong types mostly where the mutation lands: deep inside a generated object one would
        // end every case at the decoder, and the validation behind it would go untested.
        if self.chance(if depth > 3 { 1 } else { 5 }) {
            return self.wrong_type(kind);
        }
        match kind {
            Kind::Str => json!(self.pick(string_pool(field))),
            Kind::Time => json!(self.pick(&["2025-01-01T00:00:00Z", "bad-time"])),
            Kind::Int32 | Kind::Int64 => json!(*self.pick(int_pool(field))),
            Kind::Number => json!(*self.pick(&[0.5, 1.0, -1.0])),
            Kind::Bool => json!(self.chance(50)),
            Kind::Quantity => self
                .pick(&[
                    json!("1"),
                    json!("500m"),
                    json!("1Gi"),
                    json!("-1"),
                    json!("1.5"),
                    json!("abc"),
                    json!(2),
                    json!("100Mi"),
                    json!("0"),
                ])
                .clone(),
            Kind::IntOrString => self
                .pick(&[
                    json!(8080),
                    json!("http"),
                    json!(0),
                    json!("Bad_Port"),
                    json!(70_000),
                    json!("25%"),
                    json!("1"),
                ])
                .clone(),
            Kind::StrMap => {
                let maps = [
                    json!({"app": "x"}),
                    json!({"bad key!": "v"}),
                    json!({"k": "bad value!"}),
                    json!({"k": "a-very-long-label-value-that-is-longer-than-sixty-three-characters-x"}),
                    json!({"example.com/k": "v", "team": "a"}),
                    json!({}),
                    json!({"": "v"}),
                ];
                self.pick(&maps).clone()
            }
            Kind::Map(inner) => {
                let name = *self.pick(&[
                    "cpu",
                    "memory",
                    "nvidia.com/gpu",
                    "bogus",
                    "hugepages-2Mi",
                    "ephemeral-storage",
                    "storage",
                ]);
                json!({ name: self.value(name, inner, depth + 1) })
            }
            Kind::List(inner) => {
                let n = self.below(3) + usize::from(depth < 4);
                J::Array(
                    (0..n)
                        .map(|_| self.value(field, inner, depth + 1))
                        .collect(),
                )
            }
            Kind::Object(t) => self.object(*t, depth),
            Kind::FreeForm => json!({}),
        }
    }

    /// An object of type `t` with a few fields, `name` (and other required-looking fields) likely.
    fn object(&mut self, t: usize, depth: usize) -> J {
        let def = &TYPES[t];
        let mut map = Map::new();
        if depth > 6 || def.fields.is_empty() {
            return J::Object(map);
        }
        for f in def.fields {
            let wanted = match f.name {
                "name" | "image" | "key" | "operator" | "mountPath" | "containerPort" | "port"
                | "type" | "topologyKey" | "maxSkew" | "whenUnsatisfiable" | "effect"
                | "values" | "nodeSelectorTerms" | "matchExpressions" | "action"
                | "onExitCodes" | "claimName" | "path" | "server" | "secretName" | "sources" => 80,
                _ => 100 / def.fields.len().max(3),
            };
            if self.chance(wanted) {
                let v = self.value(f.name, &f.kind, depth + 1);
                map.insert(f.name.to_owned(), v);
            }
        }
        J::Object(map)
    }

    /// Walks from the Job to a random field, creating objects on the way, and sets it.
    fn set_random_field(&mut self, job: &mut J) -> String {
        let (path, field, kind) = self.walk(job, 0);
        let value = self.value(field, &kind, 3);
        let text = format!("set {} = {value}", show(&path));
        set_at(job, &path, value);
        text
    }

    /// A random path from the Job's root (or from the Pod spec when `start` is 1).
    fn walk(&mut self, job: &J, start: usize) -> (Vec<Step>, &'static str, Kind) {
        let (t, path) = if start == 1 {
            (pod_spec_type(), pod_spec_path())
        } else {
            (0, Vec::new())
        };
        self.walk_from(job, t, path)
    }

    /// A random path from `path` in `object`, where an object of type `TYPES[t]` is, to a field
    /// below it, creating objects on the way: the field's path, name and kind.
    pub(crate) fn walk_from(
        &mut self,
        object: &J,
        mut t: usize,
        mut path: Vec<Step>,
    ) -> (Vec<Step>, &'static str, Kind) {
        let job = object;
        let mut current = get_at(job, &path).cloned();
        loop {
            let def = &TYPES[t];
            if def.fields.is_empty() {
                return (path, "x", Kind::Str);
            }
            // apiVersion and kind rarely: a case that is not a Job tests little.
            let root_meta = path.is_empty() && !self.chance(5);
            // Prefer fields that exist, so mutations land inside what the manifest has.
            let existing: Vec<&'static joblab_core::api::schema::Field> = def
                .fields
                .iter()
                .filter(|f| current.as_ref().and_then(|c| c.get(f.name)).is_some())
                .filter(|f| f.name != "status")
                .filter(|f| !root_meta || f.name == "metadata" || f.name == "spec")
                .collect();
            let f = if !existing.is_empty() && self.chance(60) {
                *self.pick(&existing)
            } else {
                let candidates: Vec<_> = def
                    .fields
                    .iter()
                    .filter(|f| f.name != "status" && f.name != "managedFields")
                    .filter(|f| !root_meta || f.name == "metadata" || f.name == "spec")
                    .collect();
                *self.pick(&candidates)
            };
            path.push(Step::Key(f.name.to_owned()));
            let child = current.as_ref().and_then(|c| c.get(f.name)).cloned();
            let stop = self.chance(30);
            match f.kind {
                Kind::Object(next) if !stop || child.is_some() && self.chance(70) => {
                    t = next;
                    current = child;
                }
                Kind::List(Kind::Object(next)) if !stop => {
                    let len = child.as_ref().and_then(J::as_array).map_or(0, Vec::len);
                    let i = if len > 0 && self.chance(80) {
                        self.below(len)
                    } else {
                        len
                    };
                    path.push(Step::Index(i));
                    t = *next;
                    current = child.and_then(|c| c.get(i).cloned());
                }
                _ => return (path, f.name, f.kind),
            }
        }
    }

    /// A whole sub-object for one of the Pod spec's fields, or for a container's.
    fn fill_pod_spec_field(&mut self, job: &mut J) -> String {
        let (path, field, kind) = self.walk(job, 1);
        let value = self.value(field, &kind, 1);
        let text = format!("fill {} = {value}", show(&path));
        set_at(job, &path, value);
        text
    }

    /// A key the schema does not know, at a random depth.
    pub(crate) fn unknown_field(&mut self, job: &mut J) -> String {
        let mut objects = Vec::new();
        collect_objects(job, &mut Vec::new(), &mut objects);
        if objects.is_empty() {
            return "unknown field: none".to_owned();
        }
        let at = self.pick(&objects).clone();
        let key = *self.pick(&[
            "comand",
            "foo",
            "replicas",
            "restartpolicy",
            "x-extra",
            "Image",
            "backofLimit",
            "templates",
        ]);
        let mut path = at;
        path.push(Step::Key(key.to_owned()));
        let text = format!("unknown {}", show(&path));
        set_at(job, &path, json!("x"));
        text
    }

    /// Removes a field the manifest has.
    pub(crate) fn remove_field(&mut self, job: &mut J) -> String {
        let mut leaves = Vec::new();
        collect_paths(job, &mut Vec::new(), &mut leaves);
        if leaves.is_empty() {
            return "remove: none".to_owned();
        }
        let path = self.pick(&leaves).clone();
        let text = format!("remove {}", show(&path));
        remove_at(job, &path);
        text
    }

    /// Indexed mode with podFailurePolicy, successPolicy, backoffLimitPerIndex,
    /// maxFailedIndexes, podReplacementPolicy and managedBy, in random combinations.
    fn indexed_combo(&mut self, job: &mut J) -> String {
        let mut set = Vec::new();
        let spec = job
            .as_object_mut()
            .map(|m| m.entry("spec").or_insert_with(|| json!({})));
        let Some(spec) = spec.and_then(J::as_object_mut) else {
            return "indexed: no spec".to_owned();
        };
        if self.chance(80) {
            spec.insert(
                "completionMode".into(),
                json!(*self.pick(&["Indexed", "Indexed", "NonIndexed"])),
            );
            set.push("completionMode");
        }
        if self.chance(70) {
            spec.insert(
                "completions".into(),
                json!(*self.pick(&[1, 3, 5, 10, 0, -1, 100_001])),
            );
            set.push("completions");
        }
        if self.chance(50) {
            spec.insert("parallelism".into(), json!(*self.pick(&[1, 2, 3, 10])));
        }
        if self.chance(50) {
            spec.insert(
                "backoffLimitPerIndex".into(),
                json!(*self.pick(&[0, 1, 2, -1])),
            );
            set.push("backoffLimitPerIndex");
        }
        if self.chance(40) {
            spec.insert(
                "maxFailedIndexes".into(),
                json!(*self.pick(&[0, 1, 3, -1, 100_001])),
            );
            set.push("maxFailedIndexes");
        }
        if self.chance(40) {
            let rule = match self.below(4) {
                0 => {
                    json!({"succeededIndexes": *self.pick(&["0-2", "0,2", "1", "3-1", "x", "0-100"])})
                }
                1 => json!({"succeededCount": *self.pick(&[1, 2, 0, -1, 50])}),
                2 => json!({"succeededIndexes": "0-2", "succeededCount": *self.pick(&[1, 3, 4])}),
                _ => json!({}),
            };
            let rules = if self.chance(10) {
                json!([])
            } else {
                json!([rule])
            };
            spec.insert("successPolicy".into(), json!({"rules": rules}));
            set.push("successPolicy");
        }
        if self.chance(50) {
            let action = *self.pick(&["FailJob", "Ignore", "Count", "FailIndex", "Explode"]);
            let rule = if self.chance(50) {
                let op = *self.pick(&["In", "NotIn", "Bogus"]);
                let values = self
                    .pick(&[
                        json!([1, 42]),
                        json!([0]),
                        json!([]),
                        json!([3, 1]),
                        json!([2, 2]),
                    ])
                    .clone();
                let mut on = json!({"operator": op, "values": values});
                if self.chance(30) {
                    on["containerName"] = json!(*self.pick(&["main", "missing", "pi"]));
                }
                json!({"action": action, "onExitCodes": on})
            } else {
                let ty = *self.pick(&["DisruptionTarget", "ConfigIssue", ""]);
                json!({"action": action, "onPodConditions": [{"type": ty, "status": *self.pick(&["True", "False", "Maybe"])}]})
            };
            spec.insert("podFailurePolicy".into(), json!({"rules": [rule]}));
            set.push("podFailurePolicy");
        }
        if self.chance(40) {
            spec.insert(
                "podReplacementPolicy".into(),
                json!(*self.pick(&["Failed", "TerminatingOrFailed", "Sometimes"])),
            );
            set.push("podReplacementPolicy");
        }
        if self.chance(25) {
            spec.insert(
                "managedBy".into(),
                json!(*self.pick(string_pool("managedBy"))),
            );
            set.push("managedBy");
        }
        if self.chance(30) {
            let rp = *self.pick(&["Never", "OnFailure"]);
            if let Some(pod) = spec
                .get_mut("template")
                .and_then(|t| t.get_mut("spec"))
                .and_then(J::as_object_mut)
            {
                pod.insert("restartPolicy".into(), json!(rp));
            }
        }
        format!("indexed combo: {}", set.join(", "))
    }

    /// Names, generateName and label keys and values.
    fn names_and_labels(&mut self, job: &mut J) -> String {
        let at = match self.below(5) {
            0 => vec!["metadata", "name"],
            1 => vec!["metadata", "generateName"],
            2 => vec!["metadata", "labels"],
            3 => vec!["spec", "template", "metadata", "labels"],
            _ => vec!["metadata", "annotations"],
        };
        let path: Vec<Step> = at.iter().map(|s| Step::Key((*s).to_owned())).collect();
        let value = match *at.last().unwrap_or(&"") {
            "name" => json!(*self.pick(&[
                "pi",
                "Pi_Job",
                "job.with.dots",
                "a-b",
                "-x",
                "averyveryveryveryveryveryveryveryveryveryveryveryverylongname-x63",
                ""
            ])),
            "generateName" => {
                if self.chance(60) {
                    remove_at(
                        job,
                        &[Step::Key("metadata".into()), Step::Key("name".into())],
                    );
                }
                json!(*self.pick(&[
                    "pi-",
                    "Pi_",
                    "x",
                    "averyveryveryveryveryveryveryveryveryveryveryveryverylongname-x"
                ]))
            }
            _ => self.value("labels", &Kind::StrMap, 3),
        };
        let text = format!("names {} = {value}", show(&path));
        set_at(job, &path, value);
        text
    }

    /// Selectors: manual ones that match or not, expressions with bad operators.
    fn selector(&mut self, job: &mut J) -> String {
        let selector = match self.below(5) {
            0 => json!({"matchLabels": {"app": "x"}}),
            1 => {
                json!({"matchExpressions": [{"key": "app", "operator": *self.pick(&["In", "NotIn", "Exists", "Bogus"]), "values": ["x"]}]})
            }
            2 => {
                json!({"matchExpressions": [{"key": "app", "operator": "Exists", "values": ["x"]}]})
            }
            3 => json!({}),
            _ => json!({"matchLabels": {"bad key!": "x"}}),
        };
        let manual = self.pick(&[json!(true), json!(false), J::Null]).clone();
        if let Some(spec) = job.get_mut("spec").and_then(J::as_object_mut) {
            spec.insert("selector".into(), selector.clone());
            if manual.is_null() {
                spec.remove("manualSelector");
            } else {
                spec.insert("manualSelector".into(), manual.clone());
            }
        }
        if self.chance(50) {
            set_at(
                job,
                &[
                    Step::Key("spec".into()),
                    Step::Key("template".into()),
                    Step::Key("metadata".into()),
                    Step::Key("labels".into()),
                ],
                json!({"app": "x"}),
            );
        }
        format!("selector {selector} manualSelector {manual}")
    }

    /// Containers: init containers (sidecars with restartPolicy Always), ephemeral containers,
    /// duplicate names, ports, env and probes.
    fn containers(&mut self, job: &mut J) -> String {
        let pod = pod_spec_path();
        let list = *self.pick(&[
            "initContainers",
            "initContainers",
            "ephemeralContainers",
            "containers",
        ]);
        let t = match list {
            "ephemeralContainers" => find_type("EphemeralContainer"),
            _ => find_type("Container"),
        };
        let mut c = self.object(t, 2);
        if let Some(m) = c.as_object_mut() {
            m.insert(
                "name".into(),
                json!(*self.pick(&["side", "pi", "main", "init-1", "Bad_Name"])),
            );
            m.insert("image".into(), json!("busybox:1.36"));
            if list == "initContainers" && self.chance(60) {
                m.insert(
                    "restartPolicy".into(),
                    json!(*self.pick(&["Always", "Always", "Never", "OnFailure"])),
                );
            }
        }
        let mut path = pod;
        path.push(Step::Key(list.to_owned()));
        let mut items = get_at(job, &path)
            .and_then(J::as_array)
            .cloned()
            .unwrap_or_default();
        items.push(c.clone());
        let text = format!("add {} item {c}", show(&path));
        set_at(job, &path, J::Array(items));
        text
    }

    /// Text-level mutations the JSON tree cannot express.
    pub(crate) fn textual(&mut self, yaml: &str, which: usize) -> String {
        let lines: Vec<&str> = yaml.lines().collect();
        match which {
            0 => {
                // Repeat a `key: scalar` line right after itself, with another value.
                let candidates: Vec<usize> = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| {
                        let t = l.trim_start();
                        !l.starts_with("apiVersion:")
                            && !l.starts_with("kind:")
                            && !t.starts_with('-')
                            && t.split_once(": ").is_some_and(|(_, v)| !v.is_empty())
                    })
                    .map(|(i, _)| i)
                    .collect();
                if candidates.is_empty() {
                    return yaml.to_owned();
                }
                let i = *self.pick(&candidates);
                let (key, _) = lines[i].split_once(": ").unwrap_or((lines[i], ""));
                let replacement = *self.pick(&["1", "x", "true", "Never"]);
                let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
                out.insert(i + 1, format!("{key}: {replacement}"));
                out.join("\n") + "\n"
            }
            1 => {
                // A label value or string that YAML 1.1 reads as a boolean or number.
                let word = *self.pick(&[
                    "y", "n", "yes", "no", "on", "off", "Y", "True", "NO", "~", "0x1F", "0o17",
                    "1_000", "1e3", ".inf", "010",
                ]);
                self.replace_scalar(&lines, word)
            }
            _ => {
                let word = *self.pick(&["'1'", "\"2\"", "1.0", "2.5", "-0", "+1", "0x10", "1e2"]);
                self.replace_scalar(&lines, word)
            }
        }
    }

    fn replace_scalar(&mut self, lines: &[&str], word: &str) -> String {
        let candidates: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let t = l.trim_start();
                !l.starts_with("apiVersion:")
                    && !l.starts_with("kind:")
                    && !t.starts_with('-')
                    && t.split_once(": ")
                        .is_some_and(|(_, v)| !v.is_empty() && !v.starts_with('|'))
            })
            .map(|(i, _)| i)
            .collect();
        let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        if !candidates.is_empty() {
            let i = *self.pick(&candidates);
            if let Some((key, _)) = lines[i].split_once(": ") {
                out[i] = format!("{key}: {word}");
            }
        }
        out.join("\n") + "\n"
    }
}

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// A list index (one past the end appends).
    Index(usize),
}

/// Shown as the API's field paths are: `spec.template.spec.containers[0]`.
struct PathDisplay<'a>(&'a [Step]);

impl std::fmt::Display for PathDisplay<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// `path` as the API writes field paths.
pub(crate) fn show(path: &[Step]) -> String {
    PathDisplay(path).to_string()
}

pub(crate) fn find_type(name: &str) -> usize {
    TYPES.iter().position(|t| t.name == name).unwrap_or(0)
}

fn pod_spec_type() -> usize {
    find_type("PodSpec")
}

fn pod_spec_path() -> Vec<Step> {
    ["spec", "template", "spec"]
        .iter()
        .map(|s| Step::Key((*s).to_owned()))
        .collect()
}

fn get_at<'a>(value: &'a J, path: &[Step]) -> Option<&'a J> {
    let mut v = value;
    for s in path {
        v = match s {
            Step::Key(k) => v.get(k)?,
            Step::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

/// Sets `path` to `new`, creating objects and list items on the way (a non-object in the way is
/// replaced by an object).
pub(crate) fn set_at(value: &mut J, path: &[Step], new: J) {
    let Some((last, init)) = path.split_last() else {
        *value = new;
        return;
    };
    let mut v = value;
    for (i, s) in init.iter().enumerate() {
        let next_is_index = matches!(path.get(i + 1), Some(Step::Index(_)));
        v = match s {
            Step::Key(k) => {
                if !v.is_object() {
                    *v = json!({});
                }
                let map = v.as_object_mut().expect("an object");
                let entry = map.entry(k.clone()).or_insert(J::Null);
                if next_is_index && !entry.is_array() {
                    *entry = json!([]);
                }
                entry
            }
            Step::Index(n) => {
                if !v.is_array() {
                    *v = json!([]);
                }
                let list = v.as_array_mut().expect("a list");
                let n = (*n).min(list.len());
                if n == list.len() {
                    list.push(json!({}));
                }
                &mut list[n]
            }
        };
    }
    match last {
        Step::Key(k) => {
            if !v.is_object() {
                *v = json!({});
            }
            v.as_object_mut().expect("an object").insert(k.clone(), new);
        }
        Step::Index(n) => {
            if !v.is_array() {
                *v = json!([]);
            }
            let list = v.as_array_mut().expect("a list");
            if *n < list.len() {
                list[*n] = new;
            } else {
                list.push(new);
            }
        }
    }
}

fn remove_at(value: &mut J, path: &[Step]) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut v = value;
    for s in init {
        v = match s {
            Step::Key(k) => match v.get_mut(k) {
                Some(x) => x,
                None => return,
            },
            Step::Index(i) => match v.get_mut(*i) {
                Some(x) => x,
                None => return,
            },
        };
    }
    match last {
        Step::Key(k) => {
            if let Some(m) = v.as_object_mut() {
                m.remove(k);
            }
        }
        Step::Index(i) => {
            if let Some(l) = v.as_array_mut() {
                if *i < l.len() {
                    l.remove(*i);
                }
            }
        }
    }
}

fn collect_objects(value: &J, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        J::Object(map) => {
            out.push(path.clone());
            for (k, v) in map {
                // Free-form maps (labels, annotations, resource lists) take any key.
                if matches!(
                    k.as_str(),
                    "labels"
                        | "annotations"
                        | "matchLabels"
                        | "nodeSelector"
                        | "limits"
                        | "requests"
                        | "data"
                ) {
                    continue;
                }
                path.push(Step::Key(k.clone()));
                collect_objects(v, path, out);
                path.pop();
            }
        }
        J::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                collect_objects(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn collect_paths(value: &J, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        J::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(k.clone()));
                if !(path.len() == 1 && (k == "apiVersion" || k == "kind")) {
                    out.push(path.clone());
                }
                collect_paths(v, path, out);
                path.pop();
            }
        }
        J::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                out.push(path.clone());
                collect_paths(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let seeds = Seeds::load(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .as_path(),
        );
        assert!(seeds.jobs.len() > 20, "{} seeds", seeds.jobs.len());
        let a = generate(&seeds, 7, 50);
        let b = generate(&seeds, 7, 50);
        let c = generate(&seeds, 8, 50);
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.yaml == y.yaml && x.id == y.id));
        assert!(a.iter().zip(&c).any(|(x, y)| x.yaml != y.yaml));
    }
}
