//! The containers of the Pod template: regular, init (sidecars included) and ephemeral ones
//! (k/k `pkg/apis/core/validation/validation.go`: `validateContainers`, `validateInitContainers`,
//! `validateEphemeralContainers`, `validateContainerCommon`, `validateContainerRestartPolicy`,
//! `validatePodHostNetworkDeps`, `validateFileKeyRefVolumes`).
//!
//! The rules read each container as JSON (see [`json`]) after applying, to a copy, what the
//! server does before validating: the feature-gated fields of 1.37's default gates are dropped
//! (`pkg/api/pod/util.go` `dropDisabledFields`: `lifecycle.stopSignal`, `httpGet.protocol`,
//! `grpc.mode`, `bindMountOptions`) and the container defaults are applied
//! (`pkg/apis/core/v1/defaults.go`), which Joblab's defaulting does not do for ephemeral
//! containers and lifecycle handlers.
//!
//! The checks on containers that depend on `spec.os` (`validateLinux`, `validateWindows`) and
//! on HostProcess are with the Pod-level rules (`scheduling`, `security`).
//!
//! The containers' stored form (Go's `omitempty`, canonical quantities) is `crate::stored`'s.

mod env;
mod json;
mod mounts;
mod probe;
pub(crate) mod resources;
mod security_context;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::validate::names::{is_dns1123_label, is_valid_port_name, is_valid_port_num};
use crate::validate::{Errs, Path, Val};
use json::{get, int, items, json_str, not_supported_typed, opt_text, text};

/// What the container rules need from the rest of the Pod spec.
pub(crate) struct PodContext<'a> {
    /// The volumes that validated cleanly, by name, with their JSON (`ValidateVolumes`' map):
    /// mounts and devices may only name these.
    pub(crate) volumes: BTreeMap<String, &'a Value>,
    /// Every volume by name, the last one winning (`validateFileKeyRefVolumes`' map).
    pub(crate) all_volumes: BTreeMap<String, &'a Value>,
    /// The non-empty names of `spec.resourceClaims`.
    pub(crate) claim_names: BTreeSet<String>,
    /// The Pod's (defaulted) `restartPolicy`.
    pub(crate) restart_policy: &'a str,
    /// `terminationGracePeriodSeconds`, which bounds a `sleep` handler.
    pub(crate) grace_period: Option<i64>,
    /// `hostUsers` unset or true.
    pub(crate) host_users: bool,
    /// `hostNetwork` is true.
    pub(crate) host_network: bool,
}

impl<'a> PodContext<'a> {
    /// Builds the context from the effective Pod spec's JSON and the names of the volumes that
    /// validated cleanly.
    pub(crate) fn new(spec: &'a Value, valid_volumes: &BTreeSet<String>) -> Self {
        let mut volumes = BTreeMap::new();
        let mut all_volumes = BTreeMap::new();
        for vol in items(spec, "volumes") {
            let name = text(vol, "name");
            if valid_volumes.contains(name) && !volumes.contains_key(name) {
                volumes.insert(name.to_owned(), vol);
            }
            all_volumes.insert(name.to_owned(), vol);
        }
        let claim_names = items(spec, "resourceClaims")
            .iter()
            .map(|c| text(c, "name"))
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        PodContext {
            volumes,
            all_volumes,
            claim_names,
            restart_policy: text(spec, "restartPolicy"),
            grace_period: json::opt_int(spec, "terminationGracePeriodSeconds"),
            host_users: spec.get("hostUsers").and_then(Value::as_bool) != Some(false),
            host_network: json::flag(spec, "hostNetwork"),
        }
    }
}

/// Validates every container of the effective Pod spec `spec` (JSON) at `path`
/// (`spec.template.spec`).
pub(crate) fn validate_pod_containers(
    spec: &Value,
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let prepare = |key: &str| -> Vec<Value> {
        items(spec, key)
            .iter()
            .map(|c| {
                let mut c = c.clone();
                prepare_container(&mut c);
                c
            })
            .collect()
    };
    let containers = prepare("containers");
    let inits = prepare("initContainers");
    let ephemeral = prepare("ephemeralContainers");
    validate_containers(&containers, ctx, &path.child("containers"), errs);
    validate_init_containers(
        &inits,
        &containers,
        ctx,
        &path.child("initContainers"),
        errs,
    );
    validate_ephemeral_containers(
        &ephemeral,
        &containers,
        &inits,
        ctx,
        &path.child("ephemeralContainers"),
        errs,
    );
    if ctx.host_network {
        validate_host_network_ports(&containers, &path.child("containers"), errs);
    }
    // `validateFileKeyRefVolumes` visits init, regular, then ephemeral containers.
    for (key, list) in [
        ("initContainers", &inits),
        ("containers", &containers),
        ("ephemeralContainers", &ephemeral),
    ] {
        for (i, ctr) in list.iter().enumerate() {
            env::validate_file_key_ref_volumes(ctr, ctx, &path.child(key).index(i), errs);
        }
    }
}

/// Drops what 1.37's default feature gates drop and applies the container defaults, both as the
/// server does before it validates. Defaulting (`crate::defaults::apply_defaults`) runs it on
/// every container of the effective Job too, so that what it stores has them.
pub(crate) fn prepare_container(ctr: &mut Value) {
    drop_disabled(ctr);
    default_container(ctr);
}

/// What `dropDisabledFields` removes from a container with 1.37's default feature gates.
fn drop_disabled(ctr: &mut Value) {
    let Some(obj) = ctr.as_object_mut() else {
        return;
    };
    // `dropContainerStopSignals`: the lifecycle goes away when nothing else is left in it.
    if let Some(lifecycle) = obj.get_mut("lifecycle").and_then(Value::as_object_mut) {
        if lifecycle.get("stopSignal").is_some_and(|s| !s.is_null()) {
            lifecycle.remove("stopSignal");
            let empty = ["postStart", "preStop"]
                .iter()
                .all(|k| lifecycle.get(*k).is_none_or(Value::is_null));
            if empty {
                obj.remove("lifecycle");
            }
        }
    }
    for mount in obj
        .get_mut("volumeMounts")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        // `VolumeBindMountOptions` is off by default, so the field is dropped.
        if let Some(m) = mount.as_object_mut() {
            m.remove("bindMountOptions");
        }
    }
    for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = obj.get_mut(key).and_then(Value::as_object_mut) {
            probe::drop_disabled(p);
        }
    }
    if let Some(lifecycle) = obj.get_mut("lifecycle").and_then(Value::as_object_mut) {
        for key in ["postStart", "preStop"] {
            if let Some(h) = lifecycle.get_mut(key).and_then(Value::as_object_mut) {
                probe::drop_disabled(h);
            }
        }
    }
}

/// The container defaults of `pkg/apis/core/v1/defaults.go` and the generated defaulters, with
/// Go's zero-value tests (an empty string or 0 is defaulted too).
fn default_container(ctr: &mut Value) {
    let Some(obj) = ctr.as_object_mut() else {
        return;
    };
    // `SetDefaults_Container`.
    use crate::defaults::{default_pull_policy, json_default_str};
    json_default_str(obj, "terminationMessagePath", "/dev/termination-log");
    json_default_str(obj, "terminationMessagePolicy", "File");
    let policy = default_pull_policy(obj.get("image").and_then(Value::as_str).unwrap_or(""));
    json_default_str(obj, "imagePullPolicy", policy);
    for port in obj
        .get_mut("ports")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(p) = port.as_object_mut() {
            if p.get("protocol")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                p.insert("protocol".to_owned(), Value::from("TCP"));
            }
        }
    }
    for var in obj
        .get_mut("env")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(field_ref) = var
            .pointer_mut("/valueFrom/fieldRef")
            .and_then(Value::as_object_mut)
        {
            if field_ref
                .get("apiVersion")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                field_ref.insert("apiVersion".to_owned(), Value::from("v1"));
            }
        }
    }
    for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = obj.get_mut(key).and_then(Value::as_object_mut) {
            probe::default_probe(p);
        }
    }
    if let Some(lifecycle) = obj.get_mut("lifecycle").and_then(Value::as_object_mut) {
        for key in ["postStart", "preStop"] {
            if let Some(h) = lifecycle.get_mut(key).and_then(Value::as_object_mut) {
                probe::default_handler(h);
            }
        }
    }
}

/// The container's name, `""` when absent.
fn name_of(ctr: &Value) -> &str {
    text(ctr, "name")
}

/// `validateContainers`.
fn validate_containers(containers: &[Value], ctx: &PodContext<'_>, path: &Path, errs: &mut Errs) {
    if containers.is_empty() {
        errs.required(path, "");
        return;
    }
    let mut names = BTreeSet::new();
    for (i, ctr) in containers.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, ctx, &p, errs);
        if !names.insert(name_of(ctr)) {
            errs.duplicate(&p.child("name"), Val::Str(name_of(ctr)));
        }
        if let Some(lifecycle) = get(ctr, "lifecycle") {
            probe::validate_lifecycle(lifecycle, ctx.grace_period, &p.child("lifecycle"), errs);
        }
        probe::validate_probes(ctr, &p, errs);
        validate_container_restart_policy(ctr, &p, errs);
    }
    validate_host_ports(containers, path, errs);
}

/// `validateInitContainers`: names unique across init and regular containers, the restart
/// policy and rules, and probes and lifecycle only on sidecars (`restartPolicy: Always`).
fn validate_init_containers(
    inits: &[Value],
    regular: &[Value],
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let mut names: BTreeSet<&str> = regular.iter().map(name_of).collect();
    for (i, ctr) in inits.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, ctx, &p, errs);
        // `validateInitContainerRestartPolicy` with ContainerRestartRules and
        // RestartAllContainersOnContainerExits on (1.37's defaults): any policy goes through
        // the common restart-policy rules; without a policy, rules need one.
        let policy = opt_text(ctr, "restartPolicy");
        if policy.is_some() {
            validate_container_restart_policy(ctr, &p, errs);
        } else if !items(ctr, "restartPolicyRules").is_empty() {
            errs.required(
                &p.child("restartPolicy"),
                "must specify restartPolicy when restart rules are used",
            );
        }
        let sidecar = policy == Some("Always");
        let name = name_of(ctr);
        if names.contains(name) {
            errs.duplicate(&p.child("name"), Val::Str(name));
        } else if !name.is_empty() {
            names.insert(name);
        }
        // Init containers run one at a time, so their host ports are checked one by one.
        validate_host_ports(std::slice::from_ref(ctr), path, errs);
        if sidecar {
            if let Some(lifecycle) = get(ctr, "lifecycle") {
                probe::validate_lifecycle(lifecycle, ctx.grace_period, &p.child("lifecycle"), errs);
            }
            probe::validate_probes(ctr, &p, errs);
        } else {
            let why = "may not be set for init containers without restartPolicy=Always";
            for field in [
                "lifecycle",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
            ] {
                if get(ctr, field).is_some() {
                    errs.forbidden(&p.child(field), why);
                }
            }
            for (j, rp) in items(ctr, "resizePolicy").iter().enumerate() {
                if text(rp, "restartPolicy") == "RestartContainer" {
                    errs.invalid(
                        &p.child("resizePolicy").index(j).child("restartPolicy"),
                        json_str("RestartContainer"),
                        "must not be set to 'RestartContainer' for non-sidecar initContainers",
                    );
                }
            }
        }
    }
}

/// The fields of `EphemeralContainerCommon` that `allowedEphemeralContainerFields` does not
/// allow, in the struct's order.
const EPHEMERAL_FORBIDDEN: [&str; 9] = [
    "ports",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
];

/// `validateEphemeralContainers`: a template may not have them (the caller says so), but their
/// contents are still validated in full.
fn validate_ephemeral_containers(
    ephemeral: &[Value],
    regular: &[Value],
    inits: &[Value],
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let others: BTreeSet<&str> = regular.iter().chain(inits).map(name_of).collect();
    let mut all = others.clone();
    for (i, ctr) in ephemeral.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, ctx, &p, errs);
        // `validateContainerOnlyForPod`.
        let image = text(ctr, "image");
        if image.len() != image.trim().len() {
            errs.invalid(
                &p.child("image"),
                Val::Str(image),
                "must not have leading or trailing whitespace",
            );
        }
        let name = name_of(ctr);
        if !all.insert(name) {
            errs.duplicate(&p.child("name"), Val::Str(name));
        }
        let target = text(ctr, "targetContainerName");
        if !target.is_empty() && !others.contains(target) {
            errs.not_found(&p.child("targetContainerName"), Val::Str(target));
        }
        for field in EPHEMERAL_FORBIDDEN {
            let set = if field == "resources" {
                // A struct, not a pointer: set when any of its members is.
                get(ctr, field).is_some_and(|r| {
                    ["limits", "requests", "claims"]
                        .iter()
                        .any(|k| get(r, k).is_some())
                })
            } else {
                get(ctr, field).is_some()
            };
            if set {
                errs.forbidden(&p.child(field), "cannot be set for an Ephemeral Container");
            }
        }
        for (j, mount) in items(ctr, "volumeMounts").iter().enumerate() {
            for field in ["subPath", "subPathExpr"] {
                if !text(mount, field).is_empty() {
                    errs.forbidden(
                        &p.child("volumeMounts").index(j).child(field),
                        "cannot be set for an Ephemeral Container",
                    );
                }
            }
        }
    }
}

/// `validateContainerCommon`.
fn validate_container_common(ctr: &Value, ctx: &PodContext<'_>, path: &Path, errs: &mut Errs) {
    let np = path.child("name");
    let name = name_of(ctr);
    if name.is_empty() {
        errs.required(&np, "");
    } else {
        for msg in is_dns1123_label(name) {
            errs.invalid(&np, Val::Str(name), &msg);
        }
    }
    // Only emptiness is checked for templates; leading or trailing whitespace is rejected for
    // Pods only (`validateContainersOnlyForPod`), so it is a warning here.
    if text(ctr, "image").is_empty() {
        errs.required(&path.child("image"), "");
    }
    let tp = path.child("terminationMessagePolicy");
    match text(ctr, "terminationMessagePolicy") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.required(&tp, ""),
        other => not_supported_typed(errs, &tp, other, &["File", "FallbackToLogsOnError"]),
    }
    validate_ports(ctr, &path.child("ports"), errs);
    env::validate_env(ctr, &path.child("env"), errs);
    env::validate_env_from(ctr, &path.child("envFrom"), errs);
    mounts::validate_volume_mounts(ctr, ctx, &path.child("volumeMounts"), errs);
    mounts::validate_volume_devices(ctr, ctx, &path.child("volumeDevices"), errs);
    let pp = path.child("imagePullPolicy");
    match text(ctr, "imagePullPolicy") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.required(&pp, ""),
        other => not_supported_typed(errs, &pp, other, &["Always", "IfNotPresent", "Never"]),
    }
    if let Some(res) = get(ctr, "resources") {
        resources::validate_resources(res, ctx, &path.child("resources"), errs);
    }
    resources::validate_resize_policy(ctr, ctx, &path.child("resizePolicy"), errs);
    if let Some(sc) = get(ctr, "securityContext") {
        security_context::validate_security_context(
            sc,
            ctx.host_users,
            &path.child("securityContext"),
            errs,
        );
    }
}

/// `validateContainerRestartPolicy`, with `RestartAllContainers` allowed (1.37's default).
fn validate_container_restart_policy(ctr: &Value, path: &Path, errs: &mut Errs) {
    let rules = items(ctr, "restartPolicyRules");
    let rp = path.child("restartPolicy");
    match opt_text(ctr, "restartPolicy") {
        None if rules.is_empty() => return,
        None => errs.required(
            &rp,
            "must specify restartPolicy when restart rules are used",
        ),
        Some("Always" | "Never" | "OnFailure") => {}
        Some(other) => not_supported_typed(errs, &rp, other, &["Always", "Never", "OnFailure"]),
    }
    let rules_path = path.child("restartPolicyRules");
    if rules.len() > 20 {
        errs.too_many(&rules_path, rules.len(), 20);
    }
    for (i, rule) in rules.iter().enumerate() {
        let p = rules_path.index(i);
        let action = text(rule, "action");
        if !matches!(action, "Restart" | "RestartAllContainers") {
            not_supported_typed(
                errs,
                &p.child("action"),
                action,
                &["Restart", "RestartAllContainers"],
            );
        }
        match get(rule, "exitCodes") {
            Some(codes) => {
                let op = text(codes, "operator");
                if !matches!(op, "In" | "NotIn") {
                    not_supported_typed(
                        errs,
                        &p.child("exitCodes").child("operator"),
                        op,
                        &["In", "NotIn"],
                    );
                }
                let n = items(codes, "values").len();
                if n > 255 {
                    errs.too_many(&p.child("exitCodes").child("values"), n, 255);
                }
            }
            None => errs.required(&p.child("exitCodes"), "must be specified"),
        }
    }
}

/// `validateContainerPorts`.
fn validate_ports(ctr: &Value, path: &Path, errs: &mut Errs) {
    let mut names = BTreeSet::new();
    for (i, port) in items(ctr, "ports").iter().enumerate() {
        let p = path.index(i);
        let name = text(port, "name");
        if !name.is_empty() {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.invalid(&p.child("name"), Val::Str(name), &msg);
                }
            } else if !names.insert(name) {
                errs.duplicate(&p.child("name"), Val::Str(name));
            }
        }
        let container_port = int(port, "containerPort");
        if container_port == 0 {
            errs.required(&p.child("containerPort"), "");
        } else {
            for msg in is_valid_port_num(container_port) {
                errs.invalid(&p.child("containerPort"), Val::Int(container_port), &msg);
            }
        }
        let host_port = int(port, "hostPort");
        if host_port != 0 {
            for msg in is_valid_port_num(host_port) {
                errs.invalid(&p.child("hostPort"), Val::Int(host_port), &msg);
            }
        }
        match text(port, "protocol") {
            "TCP" | "UDP" | "SCTP" => {}
            "" => errs.required(&p.child("protocol"), ""),
            other => {
                not_supported_typed(errs, &p.child("protocol"), other, &["SCTP", "TCP", "UDP"])
            }
        }
    }
}

/// `AccumulateUniqueHostPorts`: a host port may be used once per protocol and host IP.
fn validate_host_ports(containers: &[Value], path: &Path, errs: &mut Errs) {
    let mut seen = BTreeSet::new();
    for (ci, ctr) in containers.iter().enumerate() {
        for (pi, port) in items(ctr, "ports").iter().enumerate() {
            let host_port = int(port, "hostPort");
            if host_port == 0 {
                continue;
            }
            let key = format!(
                "{}/{}/{}",
                text(port, "protocol"),
                text(port, "hostIP"),
                host_port
            );
            if !seen.insert(key.clone()) {
                errs.duplicate(
                    &path.index(ci).child("ports").index(pi).child("hostPort"),
                    Val::Str(&key),
                );
            }
        }
    }
}

/// `validatePodHostNetworkDeps` for a template: a host port other than 0 must equal the
/// container port (0 is defaulted when the Pod is created).
fn validate_host_network_ports(containers: &[Value], path: &Path, errs: &mut Errs) {
    for (ci, ctr) in containers.iter().enumerate() {
        for (pi, port) in items(ctr, "ports").iter().enumerate() {
            let (hp, cp) = (int(port, "hostPort"), int(port, "containerPort"));
            if hp != 0 && hp != cp {
                errs.invalid(
                    &path.index(ci).child("ports").index(pi).child("hostPort"),
                    Val::Int(hp),
                    "must match `containerPort` when `hostNetwork` is true",
                );
            }
        }
    }
}
