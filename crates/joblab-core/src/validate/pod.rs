//! The Pod template rules that real manifests trip on (k/k `pkg/apis/core/validation/validation.go`:
//! `ValidatePodTemplateSpec`, `ValidatePodSpec`, `validateContainers`, `validateInitContainers`,
//! `validateContainerCommon`, `ValidateVolumes`, `ValidateVolumeMounts`, `ValidateEnv`,
//! `validateContainerPorts`, `ValidateResourceRequirements`, probes).
//!
//! Not covered (rare in Job manifests): securityContext details, affinity, tolerations,
//! topologySpreadConstraints, DNS config, host aliases, volume-source internals beyond their
//! required names, resource claims, resize policy.

use std::collections::{BTreeMap, BTreeSet};

use super::meta::{validate_annotations, validate_labels};
use super::names::{
    inclusive_range_error, is_dns1123_label, is_qualified_name, is_relaxed_env_var_name,
    is_valid_port_name, is_valid_port_num, name_is_dns_subdomain,
};
use super::quantity::{self, Quantity};
use super::{Errs, Path, Val};
use crate::api::api::core::v1::{
    Container, PodSpec, PodTemplateSpec, Probe, ResourceRequirements, Volume,
};
use crate::api::apimachinery::pkg::api::resource::Quantity as ApiQuantity;

/// `ValidatePodTemplateSpec`.
pub(super) fn validate_pod_template_spec(template: &PodTemplateSpec, path: &Path, errs: &mut Errs) {
    let meta = template.metadata.as_ref();
    validate_labels(
        meta.and_then(|m| m.labels.as_ref()),
        &path.child("labels"),
        errs,
    );
    validate_annotations(
        meta.and_then(|m| m.annotations.as_ref()),
        &path.child("annotations"),
        errs,
    );
    let default_spec = PodSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    validate_pod_spec(spec, &path.child("spec"), errs);
    if spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        errs.forbidden(
            &path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        );
    }
}

/// `ValidatePodSpec`, in the server's order.
fn validate_pod_spec(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let volumes = validate_volumes(
        spec.volumes.as_deref().unwrap_or(&[]),
        &path.child("volumes"),
        errs,
    );
    validate_containers(&spec.containers, &volumes, &path.child("containers"), errs);
    validate_init_containers(
        spec.init_containers.as_deref().unwrap_or(&[]),
        &spec.containers,
        &volumes,
        &path.child("initContainers"),
        errs,
    );

    let rp = path.child("restartPolicy");
    match spec.restart_policy.as_deref().unwrap_or("") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.required(&rp, ""),
        other => errs.not_supported(&rp, other, &["Always", "OnFailure", "Never"]),
    }
    let dp = path.child("dnsPolicy");
    match spec.dns_policy.as_deref().unwrap_or("") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.required(&dp, ""),
        other => errs.not_supported(
            &dp,
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        ),
    }
    validate_labels(
        spec.node_selector.as_ref(),
        &path.child("nodeSelector"),
        errs,
    );
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        for msg in name_is_dns_subdomain(sa, false) {
            errs.invalid(&path.child("serviceAccountName"), Val::Str(sa), &msg);
        }
    }
    if let Some(value) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&value) {
            errs.invalid(
                &path.child("activeDeadlineSeconds"),
                Val::Int(value),
                &inclusive_range_error(1, i32::MAX.into()),
            );
        }
    }
    for (field, value) in [
        ("hostname", spec.hostname.as_deref()),
        ("subdomain", spec.subdomain.as_deref()),
    ] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            for msg in is_dns1123_label(v) {
                errs.invalid(&path.child(field), Val::Str(v), &msg);
            }
        }
    }
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        for msg in name_is_dns_subdomain(pc, false) {
            errs.invalid(&path.child("priorityClassName"), Val::Str(pc), &msg);
        }
    }
    // The server checks the grace period in ValidatePodSpec via the pod-level field; negative
    // values are rejected (`must be greater than or equal to 0`).
    if let Some(grace) = spec.termination_grace_period_seconds {
        errs.non_negative(&path.child("terminationGracePeriodSeconds"), grace);
    }
}

/// The volume names that validated cleanly: only those can be mounted (a volume with any error is
/// left out, so its mounts are also `Not found`, as on the server).
fn validate_volumes(volumes: &[Volume], path: &Path, errs: &mut Errs) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, vol) in volumes.iter().enumerate() {
        let p = path.index(i);
        let mut el = Errs::default();
        validate_volume_source(vol, &p, &mut el);
        let np = p.child("name");
        if vol.name.is_empty() {
            el.required(&np, "");
        } else {
            for msg in is_dns1123_label(&vol.name) {
                el.invalid(&np, Val::Str(&vol.name), &msg);
            }
        }
        if names.contains(&vol.name) {
            el.duplicate(&np, Val::Str(&vol.name));
        }
        if el.0.is_empty() {
            names.insert(vol.name.clone());
        } else {
            errs.0.extend(el.0);
        }
    }
    names
}

/// Exactly one source per volume (`validateVolumeSource`), in the server's order of checks, with
/// the required name of the common sources.
fn validate_volume_source(vol: &Volume, path: &Path, errs: &mut Errs) {
    let sources: [(&str, bool); 29] = [
        ("hostPath", vol.host_path.is_some()),
        ("emptyDir", vol.empty_dir.is_some()),
        ("gitRepo", vol.git_repo.is_some()),
        ("gcePersistentDisk", vol.gce_persistent_disk.is_some()),
        (
            "awsElasticBlockStore",
            vol.aws_elastic_block_store.is_some(),
        ),
        ("secret", vol.secret.is_some()),
        ("nfs", vol.nfs.is_some()),
        ("iscsi", vol.iscsi.is_some()),
        ("glusterfs", vol.glusterfs.is_some()),
        ("flocker", vol.flocker.is_some()),
        (
            "persistentVolumeClaim",
            vol.persistent_volume_claim.is_some(),
        ),
        ("rbd", vol.rbd.is_some()),
        ("flexVolume", vol.flex_volume.is_some()),
        ("cinder", vol.cinder.is_some()),
        ("cephfs", vol.cephfs.is_some()),
        ("quobyte", vol.quobyte.is_some()),
        ("downwardAPI", vol.downward_api.is_some()),
        ("fc", vol.fc.is_some()),
        ("azureFile", vol.azure_file.is_some()),
        ("vsphereVolume", vol.vsphere_volume.is_some()),
        ("photonPersistentDisk", vol.photon_persistent_disk.is_some()),
        ("portworxVolume", vol.portworx_volume.is_some()),
        ("azureDisk", vol.azure_disk.is_some()),
        ("storageos", vol.storageos.is_some()),
        ("configMap", vol.config_map.is_some()),
        ("scaleIO", vol.scale_io.is_some()),
        ("projected", vol.projected.is_some()),
        ("csi", vol.csi.is_some()),
        ("ephemeral", vol.ephemeral.is_some()),
    ];
    let image = ("image", vol.image.is_some());
    let mut seen = 0;
    for (name, present) in sources.iter().copied().chain(std::iter::once(image)) {
        if !present {
            continue;
        }
        if seen > 0 {
            errs.forbidden(&path.child(name), "may not specify more than 1 volume type");
            continue;
        }
        seen += 1;
        let sp = path.child(name);
        match name {
            "hostPath" if vol.host_path.as_ref().is_some_and(|h| h.path.is_empty()) => {
                errs.required(&sp.child("path"), "");
            }
            "secret"
                if vol
                    .secret
                    .as_ref()
                    .is_some_and(|s| s.secret_name.as_deref().unwrap_or("").is_empty()) =>
            {
                errs.required(&sp.child("secretName"), "");
            }
            "persistentVolumeClaim"
                if vol
                    .persistent_volume_claim
                    .as_ref()
                    .is_some_and(|c| c.claim_name.is_empty()) =>
            {
                errs.required(&sp.child("claimName"), "");
            }
            "configMap" => {
                if let Some(cm) = vol.config_map.as_ref() {
                    if cm.name.is_empty() {
                        errs.required(&sp.child("name"), "");
                    } else {
                        for msg in name_is_dns_subdomain(&cm.name, false) {
                            errs.invalid(&sp.child("name"), Val::Str(&cm.name), &msg);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if seen == 0 {
        errs.required(path, "must specify a volume type");
    }
}

/// `validateContainers`: common rules, unique names among regular containers, probes, and no
/// per-container restartPolicy.
fn validate_containers(
    containers: &[Container],
    volumes: &BTreeSet<String>,
    path: &Path,
    errs: &mut Errs,
) {
    if containers.is_empty() {
        errs.required(path, "");
        return;
    }
    let mut names = BTreeSet::new();
    for (i, ctr) in containers.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, volumes, &p, errs);
        if !names.insert(ctr.name.as_str()) {
            errs.duplicate(&p.child("name"), Val::Str(&ctr.name));
        }
        validate_probes(ctr, &p, errs);
        if ctr.restart_policy.is_some() && ctr.restart_policy_rules.is_none() {
            errs.forbidden(
                &p.child("restartPolicy"),
                "may not be set for non-init containers",
            );
        }
    }
    validate_host_ports(containers, path, errs);
}

/// `validateInitContainers`: names unique across init and regular containers; `restartPolicy`
/// only `Always` (a sidecar); probes and lifecycle only on sidecars.
fn validate_init_containers(
    containers: &[Container],
    regular: &[Container],
    volumes: &BTreeSet<String>,
    path: &Path,
    errs: &mut Errs,
) {
    let mut names: BTreeSet<&str> = regular.iter().map(|c| c.name.as_str()).collect();
    for (i, ctr) in containers.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, volumes, &p, errs);
        let mut sidecar = false;
        if let Some(rp) = ctr.restart_policy.as_deref() {
            if rp != "Always" {
                errs.not_supported(&p.child("restartPolicy"), rp, &["Always"]);
            }
            sidecar = rp == "Always";
        }
        if names.contains(ctr.name.as_str()) {
            errs.duplicate(&p.child("name"), Val::Str(&ctr.name));
        } else if !ctr.name.is_empty() {
            names.insert(ctr.name.as_str());
        }
        // Init containers run one at a time, so their host ports are checked one by one.
        validate_host_ports(std::slice::from_ref(ctr), path, errs);
        if sidecar {
            validate_probes(ctr, &p, errs);
        } else {
            let why = "may not be set for init containers without restartPolicy=Always";
            if ctr.lifecycle.is_some() {
                errs.forbidden(&p.child("lifecycle"), why);
            }
            for (field, probe) in [
                ("livenessProbe", &ctr.liveness_probe),
                ("readinessProbe", &ctr.readiness_probe),
                ("startupProbe", &ctr.startup_probe),
            ] {
                if probe.is_some() {
                    errs.forbidden(&p.child(field), why);
                }
            }
        }
    }
}

/// `validateContainerCommon`.
fn validate_container_common(
    ctr: &Container,
    volumes: &BTreeSet<String>,
    path: &Path,
    errs: &mut Errs,
) {
    let np = path.child("name");
    if ctr.name.is_empty() {
        errs.required(&np, "");
    } else {
        for msg in is_dns1123_label(&ctr.name) {
            errs.invalid(&np, Val::Str(&ctr.name), &msg);
        }
    }
    // Only emptiness is checked for templates; leading or trailing whitespace is rejected for
    // Pods only (`validateContainersOnlyForPod`), so it is a warning here.
    if ctr.image.as_deref().unwrap_or("").is_empty() {
        errs.required(&path.child("image"), "");
    }
    let tp = path.child("terminationMessagePolicy");
    match ctr.termination_message_policy.as_deref().unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.required(&tp, ""),
        other => errs.not_supported(&tp, other, &["File", "FallbackToLogsOnError"]),
    }
    validate_ports(ctr, &path.child("ports"), errs);
    validate_env(ctr, &path.child("env"), errs);
    validate_volume_mounts(ctr, volumes, &path.child("volumeMounts"), errs);
    let pp = path.child("imagePullPolicy");
    match ctr.image_pull_policy.as_deref().unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.required(&pp, ""),
        other => errs.not_supported(&pp, other, &["Always", "IfNotPresent", "Never"]),
    }
    if let Some(resources) = ctr.resources.as_ref() {
        validate_resources(resources, &path.child("resources"), errs);
    }
}

/// `validateContainerPorts`.
fn validate_ports(ctr: &Container, path: &Path, errs: &mut Errs) {
    let mut names = BTreeSet::new();
    for (i, port) in ctr.ports.iter().flatten().enumerate() {
        let p = path.index(i);
        if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.invalid(&p.child("name"), Val::Str(name), &msg);
                }
            } else if !names.insert(name) {
                errs.duplicate(&p.child("name"), Val::Str(name));
            }
        }
        if port.container_port == 0 {
            errs.required(&p.child("containerPort"), "");
        } else {
            for msg in is_valid_port_num(port.container_port.into()) {
                errs.invalid(
                    &p.child("containerPort"),
                    Val::Int(port.container_port.into()),
                    &msg,
                );
            }
        }
        if let Some(host_port) = port.host_port.filter(|&h| h != 0) {
            for msg in is_valid_port_num(host_port.into()) {
                errs.invalid(&p.child("hostPort"), Val::Int(host_port.into()), &msg);
            }
        }
        match port.protocol.as_deref().unwrap_or("") {
            "TCP" | "UDP" | "SCTP" => {}
            "" => errs.required(&p.child("protocol"), ""),
            other => errs.not_supported(&p.child("protocol"), other, &["SCTP", "TCP", "UDP"]),
        }
    }
}

/// `AccumulateUniqueHostPorts`: a host port may be used once per protocol and host IP.
fn validate_host_ports(containers: &[Container], path: &Path, errs: &mut Errs) {
    let mut seen = BTreeSet::new();
    for (ci, ctr) in containers.iter().enumerate() {
        for (pi, port) in ctr.ports.iter().flatten().enumerate() {
            let Some(host_port) = port.host_port.filter(|&h| h != 0) else {
                continue;
            };
            let key = format!(
                "{}/{}/{}",
                port.protocol.as_deref().unwrap_or(""),
                port.host_ip.as_deref().unwrap_or(""),
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

/// `ValidateEnv` with relaxed names (GA in 1.34) and the `value`/`valueFrom` exclusivity.
fn validate_env(ctr: &Container, path: &Path, errs: &mut Errs) {
    for (i, var) in ctr.env.iter().flatten().enumerate() {
        let p = path.index(i);
        if var.name.is_empty() {
            errs.required(&p.child("name"), "");
        }
        for msg in is_relaxed_env_var_name(&var.name) {
            errs.invalid(&p.child("name"), Val::Str(&var.name), &msg);
        }
        if let Some(from) = var.value_from.as_ref() {
            let fp = p.child("valueFrom");
            let sources = [
                from.field_ref.is_some(),
                from.resource_field_ref.is_some(),
                from.config_map_key_ref.is_some(),
                from.secret_key_ref.is_some(),
                from.file_key_ref.is_some(),
            ]
            .into_iter()
            .filter(|&b| b)
            .count();
            if sources == 0 {
                errs.invalid(&fp, Val::Str(""), "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`");
            } else if sources > 1 {
                errs.invalid(
                    &fp,
                    Val::Str(""),
                    "may not have more than one field specified at a time",
                );
            } else if var.value.as_deref().is_some_and(|v| !v.is_empty()) {
                errs.invalid(
                    &fp,
                    Val::Str(""),
                    "may not be specified when `value` is not empty",
                );
            }
        }
    }
}

/// `ValidateVolumeMounts`: a mount names a (valid) volume, has a unique, non-empty mountPath.
fn validate_volume_mounts(
    ctr: &Container,
    volumes: &BTreeSet<String>,
    path: &Path,
    errs: &mut Errs,
) {
    let mut mount_points = BTreeSet::new();
    for (i, mount) in ctr.volume_mounts.iter().flatten().enumerate() {
        let p = path.index(i);
        if mount.name.is_empty() {
            errs.required(&p.child("name"), "");
        }
        if !volumes.contains(&mount.name) {
            errs.not_found(&p.child("name"), Val::Str(&mount.name));
        }
        if mount.mount_path.is_empty() {
            errs.required(&p.child("mountPath"), "");
        }
        if !mount_points.insert(mount.mount_path.as_str()) {
            errs.invalid(
                &p.child("mountPath"),
                Val::Str(&mount.mount_path),
                "must be unique",
            );
        }
    }
}

fn is_standard_container_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-")
}

/// Native resources are unprefixed or under `kubernetes.io/`; the others are extended.
fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsOvercommitAllowed`: requests may be below limits only for native, non-hugepage resources.
fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !name.starts_with("hugepages-")
}

/// `ValidateResourceRequirements`: names, quantities that parse and are not negative, and
/// requests not above limits.
fn validate_resources(res: &ResourceRequirements, path: &Path, errs: &mut Errs) {
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let limits = parse_list(res.limits.as_ref(), &lim_path, errs);
    let requests = parse_list(res.requests.as_ref(), &req_path, errs);
    for (name, request) in &requests {
        let Some(request) = request else { continue };
        match limits.get(name) {
            Some(Some(limit)) => {
                if request != limit && !is_overcommit_allowed(name) {
                    errs.invalid(
                        &req_path,
                        Val::Str(&request.canonical()),
                        &format!("must be equal to {name} limit of {}", limit.canonical()),
                    );
                } else if request > limit {
                    errs.invalid(
                        &req_path,
                        Val::Str(&request.canonical()),
                        &format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.canonical()
                        ),
                    );
                }
            }
            Some(None) => {}
            None => {
                if !is_overcommit_allowed(name) {
                    errs.required(
                        &lim_path,
                        "Limit must be set for non overcommitable resources",
                    );
                }
            }
        }
    }
}

/// Validates one resource list's names and quantities; unparsable quantities map to `None`.
fn parse_list(
    list: Option<&BTreeMap<String, ApiQuantity>>,
    path: &Path,
    errs: &mut Errs,
) -> BTreeMap<String, Option<Quantity>> {
    let mut out = BTreeMap::new();
    for (name, value) in list.into_iter().flatten() {
        let p = path.key(name);
        for msg in is_qualified_name(name) {
            errs.invalid(&p, Val::Str(name), &msg);
        }
        if !name.contains('/') {
            if !is_standard_container_resource(name) {
                errs.invalid(
                    &p,
                    Val::Str(name),
                    "must be a standard resource for containers",
                );
            }
        } else if !is_native_resource(name)
            && !is_qualified_name(&format!("requests.{name}")).is_empty()
        {
            errs.invalid(
                &p,
                Val::Str(name),
                "doesn't follow extended resource name standard",
            );
        }
        // The server rejects an unparsable quantity while decoding the request body; the message
        // is the parser's.
        let parsed = match quantity::parse(&value.0) {
            Ok(q) => Some(q),
            Err(msg) => {
                errs.invalid(&p, Val::Str(&value.0), msg);
                None
            }
        };
        if let Some(q) = parsed {
            if q.nanos < 0 {
                errs.invalid(
                    &p,
                    Val::Str(&q.canonical()),
                    "must be greater than or equal to 0",
                );
            }
            if !is_native_resource(name) && !q.is_integer() {
                errs.invalid(&p, Val::Str(&q.canonical()), "must be an integer");
            }
        }
        out.insert(name.clone(), parsed);
    }
    out
}

/// Probe shape: exactly one handler, non-negative numbers, success threshold 1 where required.
fn validate_probes(ctr: &Container, path: &Path, errs: &mut Errs) {
    for (field, probe, must_be_one) in [
        ("livenessProbe", &ctr.liveness_probe, true),
        ("readinessProbe", &ctr.readiness_probe, false),
        ("startupProbe", &ctr.startup_probe, true),
    ] {
        let Some(probe) = probe else { continue };
        let p = path.child(field);
        validate_probe(probe, &p, errs);
        if must_be_one && probe.success_threshold.is_some_and(|s| s != 1) {
            errs.invalid(
                &p.child("successThreshold"),
                Val::Int(probe.success_threshold.unwrap_or(0).into()),
                "must be 1",
            );
        }
        if field == "readinessProbe" && probe.termination_grace_period_seconds.is_some() {
            errs.invalid(
                &p.child("terminationGracePeriodSeconds"),
                Val::Int(probe.termination_grace_period_seconds.unwrap_or(0)),
                "must not be set for readinessProbes",
            );
        }
    }
}

fn validate_probe(probe: &Probe, path: &Path, errs: &mut Errs) {
    let mut handlers = 0;
    for (name, present) in [
        ("exec", probe.exec.is_some()),
        ("httpGet", probe.http_get.is_some()),
        ("tcpSocket", probe.tcp_socket.is_some()),
        ("grpc", probe.grpc.is_some()),
    ] {
        if !present {
            continue;
        }
        if handlers > 0 {
            errs.forbidden(
                &path.child(name),
                "may not specify more than 1 handler type",
            );
        } else {
            handlers += 1;
            if name == "exec"
                && probe
                    .exec
                    .as_ref()
                    .is_some_and(|e| e.command.as_ref().is_none_or(Vec::is_empty))
            {
                errs.required(&path.child("exec").child("command"), "");
            }
        }
    }
    if handlers == 0 {
        errs.required(path, "must specify a handler type");
    }
    for (field, value) in [
        ("initialDelaySeconds", probe.initial_delay_seconds),
        ("timeoutSeconds", probe.timeout_seconds),
        ("periodSeconds", probe.period_seconds),
        ("successThreshold", probe.success_threshold),
        ("failureThreshold", probe.failure_threshold),
    ] {
        errs.non_negative(&path.child(field), value.unwrap_or(0).into());
    }
    if let Some(grace) = probe.termination_grace_period_seconds.filter(|&g| g <= 0) {
        errs.invalid(
            &path.child("terminationGracePeriodSeconds"),
            Val::Int(grace),
            "must be greater than 0",
        );
    }
}
