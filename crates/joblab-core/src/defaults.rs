//! API-server defaulting of a `batch/v1` Job and the selector the server generates on create.
//!
//! Sources: k/k `pkg/apis/batch/v1/defaults.go` (`SetDefaults_Job`), `pkg/apis/core/v1/defaults.go`
//! (`SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_ContainerPort`,
//! `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`, `SetDefaults_Volume`, the volume sources'
//! `DefaultMode`, `SetDefaults_ObjectFieldSelector`), `pkg/registry/batch/job/strategy.go`
//! (`PrepareForCreate`, `generateSelector`). Only what a Pod *template* gets: `SetDefaults_Pod`
//! (requests copied from limits, `enableServiceLinks`) applies to Pods, not templates.

use std::collections::BTreeMap;

use crate::api::api::batch::v1::{Job, JobSpec};
use crate::api::api::core::v1::{
    Container, PodSecurityContext, PodSpec, Probe, ResourceRequirements, Volume,
};
use crate::api::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

/// The alphabet of `utilrand.String`, used to turn the UID into a `generateName` suffix.
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Applies the defaults the API server applies to a Job on create, then generates the selector
/// and template labels (unless `manualSelector` is true), using `uid` as the Job's UID.
///
/// Also sets what the server fills in on create and `kubectl get -o yaml` shows: `namespace`
/// (`default`), `uid`, `generation: 1`, and a name for a `generateName`-only Job (the server's
/// suffix is random; here five characters derived from `uid`, so the result is deterministic).
/// The Job's labels become the template's (final) labels when it has none, as the server shows
/// them when the Job is read back. `creationTimestamp` and `status` are left to the simulator:
/// a client's `creationTimestamp`, like its `selfLink`, `deletionTimestamp` and
/// `deletionGracePeriodSeconds`, is dropped, and `spec.scheduling` (behind the alpha
/// `WorkloadWithJob` gate) too. Empty metadata fields are left out, as Go's `omitempty` does.
pub fn apply_defaults(job: &mut Job, uid: &str) {
    let meta = &mut job.metadata;
    // `rest.WipeObjectMetaSystemFields`: what a client sends in these fields is dropped on
    // create, before anything is validated (the creation timestamp becomes the server's now).
    meta.creation_timestamp = None;
    meta.deletion_timestamp = None;
    meta.deletion_grace_period_seconds = None;
    meta.self_link = None;
    if meta.namespace.as_deref().unwrap_or("").is_empty() {
        meta.namespace = Some("default".to_owned());
    }
    if meta.name.as_deref().unwrap_or("").is_empty() {
        if let Some(prefix) = meta.generate_name.as_deref().filter(|p| !p.is_empty()) {
            // `names.SimpleNameGenerator`: the prefix is cut to 58 bytes so that the name with
            // its five random characters fits in 63.
            let mut cut = prefix.len().min(58);
            while !prefix.is_char_boundary(cut) {
                cut -= 1;
            }
            let prefix = prefix.get(..cut).unwrap_or(prefix);
            let suffix: String = uid
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .chain(std::iter::repeat(b'x'))
                .take(5)
                .map(|b| {
                    char::from(
                        NAME_ALPHABET
                            .get(usize::from(b) % NAME_ALPHABET.len())
                            .copied()
                            .unwrap_or(b'x'),
                    )
                })
                .collect();
            meta.name = Some(format!("{prefix}{suffix}"));
        }
    }
    meta.uid = Some(uid.to_owned());
    meta.generation = Some(1);
    let name = meta.name.clone().unwrap_or_default();

    let spec = job.spec.get_or_insert_with(JobSpec::default);
    set_job_spec_defaults(spec);
    let pod_spec = spec.template.spec.get_or_insert_with(PodSpec::default);
    set_pod_spec_defaults(pod_spec);

    if spec.manual_selector != Some(true) {
        generate_selector(spec, &name, uid);
    }
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone());
    if job.metadata.labels.as_ref().is_none_or(BTreeMap::is_empty) {
        if let Some(labels) = template_labels {
            job.metadata.labels = Some(labels);
        }
    }
    // The template's metadata is a struct, not a pointer: the stored Job always has one.
    if let Some(spec) = job.spec.as_mut() {
        spec.template.metadata.get_or_insert_with(Default::default);
    }
    omit_empty_meta(&mut job.metadata);
    if let Some(meta) = job.spec.as_mut().and_then(|s| s.template.metadata.as_mut()) {
        omit_empty_meta(meta);
    }
    forget_written(job);
}

/// Removes from the manifest as written (which the typed fields are serialized over) what the
/// server drops, so that it does not reappear in the effective Job.
fn forget_written(job: &mut Job) {
    let template_labels = job
        .spec
        .as_ref()
        .and_then(|s| s.template.metadata.as_ref())
        .is_some_and(|m| m.labels.is_some());
    let Some(written) = job.written.as_mut() else {
        return;
    };
    let written = std::sync::Arc::make_mut(written);
    if let Some(meta) = written.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        for key in [
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "selfLink",
        ] {
            meta.remove(key);
        }
        remove_empty(meta);
    }
    if let Some(spec) = written.get_mut("spec").and_then(|s| s.as_object_mut()) {
        // `job.DropDisabledFields` in `PrepareForCreate`: `spec.scheduling` needs the alpha
        // `WorkloadWithJob` gate, off by default, so the server drops it before validation.
        spec.remove("scheduling");
        if let Some(meta) = spec
            .get_mut("template")
            .and_then(|t| t.get_mut("metadata"))
            .and_then(|m| m.as_object_mut())
        {
            // Written `labels: {}` stays when the typed labels (generated ones) are laid over
            // it: validation reads from it that the template had labels at decode time.
            let labels = template_labels.then(|| meta.remove("labels")).flatten();
            remove_empty(meta);
            if let Some(labels) = labels {
                meta.insert("labels".to_owned(), labels);
            }
        }
    }
}

/// Drops the written metadata's members that `omitempty` leaves out: empty strings, objects and
/// lists, zeros, and nulls.
fn remove_empty(meta: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value as J;
    meta.retain(|_, v| match v {
        J::Null => false,
        J::String(s) => !s.is_empty(),
        J::Object(o) => !o.is_empty(),
        J::Array(a) => !a.is_empty(),
        J::Number(n) => n.as_f64() != Some(0.0),
        _ => true,
    });
}

/// Drops what Go's `omitempty` leaves out of the stored object: empty strings, maps and lists,
/// and a zero generation.
fn omit_empty_meta(meta: &mut ObjectMeta) {
    for field in [
        &mut meta.name,
        &mut meta.generate_name,
        &mut meta.namespace,
        &mut meta.resource_version,
        &mut meta.self_link,
        &mut meta.uid,
    ] {
        if field.as_deref() == Some("") {
            *field = None;
        }
    }
    if meta.generation == Some(0) {
        meta.generation = None;
    }
    if meta.labels.as_ref().is_some_and(BTreeMap::is_empty) {
        meta.labels = None;
    }
    if meta.annotations.as_ref().is_some_and(BTreeMap::is_empty) {
        meta.annotations = None;
    }
    if meta.finalizers.as_ref().is_some_and(Vec::is_empty) {
        meta.finalizers = None;
    }
    if meta.owner_references.as_ref().is_some_and(Vec::is_empty) {
        meta.owner_references = None;
    }
}

/// `SetDefaults_Job`.
fn set_job_spec_defaults(spec: &mut JobSpec) {
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
        spec.parallelism = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    if spec.backoff_limit.is_none() {
        // With a per-index limit the global limit is effectively off.
        spec.backoff_limit = Some(if spec.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".to_owned());
    spec.suspend.get_or_insert(false);
    if let Some(policy) = spec.pod_failure_policy.as_mut() {
        for rule in &mut policy.rules {
            for pattern in rule.on_pod_conditions.iter_mut().flatten() {
                if pattern.status.as_deref().unwrap_or("").is_empty() {
                    pattern.status = Some("True".to_owned());
                }
            }
        }
    }
    if spec.pod_replacement_policy.is_none() {
        let policy = if spec.pod_failure_policy.is_some() {
            "Failed"
        } else {
            "TerminatingOrFailed"
        };
        spec.pod_replacement_policy = Some(policy.to_owned());
    }
    spec.manual_selector.get_or_insert(false);
}

/// `SetDefaults_PodSpec` and the defaults of what it contains.
fn set_pod_spec_defaults(spec: &mut PodSpec) {
    spec.dns_policy
        .get_or_insert_with(|| "ClusterFirst".to_owned());
    // Absent means Always, which a Job then rejects: the reason a Job must say OnFailure or Never.
    spec.restart_policy
        .get_or_insert_with(|| "Always".to_owned());
    spec.security_context
        .get_or_insert_with(PodSecurityContext::default);
    spec.termination_grace_period_seconds.get_or_insert(30);
    spec.scheduler_name
        .get_or_insert_with(|| "default-scheduler".to_owned());
    let host_network = spec.host_network == Some(true);
    for ctr in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        set_container_defaults(ctr, host_network);
    }
    for vol in spec.volumes.iter_mut().flatten() {
        set_volume_defaults(vol);
    }
}

/// `SetDefaults_Container` and friends.
fn set_container_defaults(ctr: &mut Container, host_network: bool) {
    if ctr.image_pull_policy.is_none() {
        let policy = if image_pulls_always(ctr.image.as_deref().unwrap_or("")) {
            "Always"
        } else {
            "IfNotPresent"
        };
        ctr.image_pull_policy = Some(policy.to_owned());
    }
    ctr.termination_message_path
        .get_or_insert_with(|| "/dev/termination-log".to_owned());
    ctr.termination_message_policy
        .get_or_insert_with(|| "File".to_owned());
    // Go's struct is not a pointer, so `kubectl get -o yaml` always shows `resources: {}`.
    ctr.resources
        .get_or_insert_with(ResourceRequirements::default);
    for port in ctr.ports.iter_mut().flatten() {
        port.protocol.get_or_insert_with(|| "TCP".to_owned());
        // With host networking the host port is the container port (`SetDefaults_PodSpec`).
        if host_network && port.host_port.unwrap_or(0) == 0 {
            port.host_port = Some(port.container_port);
        }
    }
    for probe in [
        &mut ctr.liveness_probe,
        &mut ctr.readiness_probe,
        &mut ctr.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        set_probe_defaults(probe);
    }
    for var in ctr.env.iter_mut().flatten() {
        if let Some(field_ref) = var.value_from.as_mut().and_then(|f| f.field_ref.as_mut()) {
            field_ref.api_version.get_or_insert_with(|| "v1".to_owned());
        }
    }
}

/// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`.
fn set_probe_defaults(probe: &mut Probe) {
    probe.timeout_seconds.get_or_insert(1);
    probe.period_seconds.get_or_insert(10);
    probe.success_threshold.get_or_insert(1);
    probe.failure_threshold.get_or_insert(3);
    if let Some(http) = probe.http_get.as_mut() {
        if http.path.as_deref().unwrap_or("").is_empty() {
            http.path = Some("/".to_owned());
        }
        http.scheme.get_or_insert_with(|| "HTTP".to_owned());
    }
}

/// `SetDefaults_Volume` (no source means an emptyDir) and the 0644 default file mode.
fn set_volume_defaults(vol: &mut Volume) {
    let v = &*vol;
    let has_source = v.host_path.is_some()
        || v.empty_dir.is_some()
        || v.git_repo.is_some()
        || v.gce_persistent_disk.is_some()
        || v.aws_elastic_block_store.is_some()
        || v.secret.is_some()
        || v.nfs.is_some()
        || v.iscsi.is_some()
        || v.glusterfs.is_some()
        || v.flocker.is_some()
        || v.persistent_volume_claim.is_some()
        || v.rbd.is_some()
        || v.flex_volume.is_some()
        || v.cinder.is_some()
        || v.cephfs.is_some()
        || v.quobyte.is_some()
        || v.downward_api.is_some()
        || v.fc.is_some()
        || v.azure_file.is_some()
        || v.vsphere_volume.is_some()
        || v.photon_persistent_disk.is_some()
        || v.portworx_volume.is_some()
        || v.azure_disk.is_some()
        || v.storageos.is_some()
        || v.config_map.is_some()
        || v.scale_io.is_some()
        || v.projected.is_some()
        || v.csi.is_some()
        || v.ephemeral.is_some()
        || v.image.is_some();
    if !has_source {
        vol.empty_dir = Some(Default::default());
    }
    const MODE_0644: i32 = 0o644;
    if let Some(s) = vol.secret.as_mut() {
        s.default_mode.get_or_insert(MODE_0644);
    }
    if let Some(c) = vol.config_map.as_mut() {
        c.default_mode.get_or_insert(MODE_0644);
    }
    if let Some(d) = vol.downward_api.as_mut() {
        d.default_mode.get_or_insert(MODE_0644);
    }
    if let Some(p) = vol.projected.as_mut() {
        p.default_mode.get_or_insert(MODE_0644);
    }
    if let Some(h) = vol.host_path.as_mut() {
        h.type_.get_or_insert_with(String::new);
    }
}

/// Whether the default pull policy is `Always`: the tag is `latest`, or there is neither a tag
/// nor a digest (the tag then defaults to `latest`). A digest (`@sha256:...`) without a tag pins
/// the image, so it is `IfNotPresent`. An empty image does not parse, so it is `IfNotPresent`.
pub fn image_pulls_always(image: &str) -> bool {
    match image_tag(image) {
        Some(tag) => tag == "latest",
        None => !image.is_empty() && !image.contains('@'),
    }
}

/// The tag of an image reference, if any: the part after the last `:` that follows the last `/`
/// (a `:` before it belongs to a registry port), ignoring a digest.
pub fn image_tag(image: &str) -> Option<&str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last_segment = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last_segment.rsplit_once(':').map(|(_, tag)| tag)
}

/// `generateSelector`: the four labels on the template (keys the user set are left alone, and
/// validation then rejects a wrong value), and `batch.kubernetes.io/controller-uid` in
/// `matchLabels`.
fn generate_selector(spec: &mut JobSpec, name: &str, uid: &str) {
    let meta = spec.template.metadata.get_or_insert_with(Default::default);
    let labels = meta.labels.get_or_insert_with(BTreeMap::new);
    for key in ["job-name", "batch.kubernetes.io/job-name"] {
        labels
            .entry(key.to_owned())
            .or_insert_with(|| name.to_owned());
    }
    for key in ["controller-uid", "batch.kubernetes.io/controller-uid"] {
        labels
            .entry(key.to_owned())
            .or_insert_with(|| uid.to_owned());
    }
    let selector = spec.selector.get_or_insert_with(LabelSelector::default);
    selector
        .match_labels
        .get_or_insert_with(BTreeMap::new)
        .entry("batch.kubernetes.io/controller-uid".to_owned())
        .or_insert_with(|| uid.to_owned());
}
