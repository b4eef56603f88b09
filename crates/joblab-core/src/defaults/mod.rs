//! API-server defaulting of a `batch/v1` Job and the selector the server generates on create.
//!
//! Sources: k/k `pkg/apis/batch/v1/defaults.go` (`SetDefaults_Job`), `pkg/apis/core/v1/defaults.go`
//! (`SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_ContainerPort`,
//! `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`, `SetDefaults_Volume`, the volume sources'
//! `DefaultMode`, `SetDefaults_ObjectFieldSelector`), `pkg/registry/batch/job/strategy.go`
//! (`PrepareForCreate`, `generateSelector`), and `pkg/api/pod/util.go` (`dropDisabledFields`, what
//! `PrepareForCreate` removes behind the feature gates that 1.37 leaves off). Only what a Pod
//! *template* gets: `SetDefaults_Pod` (requests copied from limits, `enableServiceLinks`, host
//! ports from container ports with `hostNetwork`) applies to Pods, not templates.
//!
//! Go defaults a string field when it is `""` (`if obj.DNSPolicy == ""`), so an explicit empty
//! string is defaulted like an absent one; a pointer field (`completionMode`, `hostPath.type`) is
//! defaulted only when it is nil (absent or `null`).

mod cronjob;
#[path = "../image_ref.rs"]
pub(crate) mod image_ref;

pub use cronjob::{apply_cronjob_defaults, template_job};

use std::collections::BTreeMap;

use serde_json::{Map, Value as J};

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
    create_metadata(&mut job.metadata, uid);
    let name = job.metadata.name.clone().unwrap_or_default();

    let spec = job.spec.get_or_insert_with(JobSpec::default);
    set_job_spec_defaults(spec);
    let pod_spec = spec.template.spec.get_or_insert_with(PodSpec::default);
    set_pod_spec_defaults(pod_spec);
    settle_pod_template(job);
    let spec = job.spec.get_or_insert_with(JobSpec::default);

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

/// What the store fills in and wipes in an object's metadata on create (`Store.create`,
/// `rest.WipeObjectMetaSystemFields`, the generated name), with `uid` as the object's UID.
pub(crate) fn create_metadata(meta: &mut ObjectMeta, uid: &str) {
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
}

/// Removes from the manifest as written (which the typed fields are serialized over) what the
/// server drops, so that it does not reappear in the effective Job.
fn forget_written(job: &mut Job) {
    let Some(written) = job.written.as_mut() else {
        return;
    };
    let written = std::sync::Arc::make_mut(written);
    if let Some(meta) = written.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        forget_system_fields(meta);
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
            // Written `labels: {}` stays: validation reads from it that the template had labels
            // at decode time (a non-nil map, which Go prints `{}`, not `null`). The stored form
            // (`crate::stored`) leaves the empty map out, as `omitempty` does.
            let labels = meta.remove("labels");
            remove_empty(meta);
            if let Some(labels) = labels {
                meta.insert("labels".to_owned(), labels);
            }
        }
    }
}

/// Drops from written metadata the system fields `rest.WipeObjectMetaSystemFields` wipes on
/// create (what [`create_metadata`] clears in the typed metadata).
fn forget_system_fields(meta: &mut serde_json::Map<String, serde_json::Value>) {
    for key in [
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "selfLink",
    ] {
        meta.remove(key);
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
    set_pod_failure_policy_defaults(spec);
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

/// `SetDefaults_PodFailurePolicyOnPodConditionsPattern`: a pattern's status defaults to True.
fn set_pod_failure_policy_defaults(spec: &mut JobSpec) {
    if let Some(policy) = spec.pod_failure_policy.as_mut() {
        for rule in &mut policy.rules {
            for pattern in rule.on_pod_conditions.iter_mut().flatten() {
                if pattern.status.as_deref().unwrap_or("").is_empty() {
                    pattern.status = Some("True".to_owned());
                }
            }
        }
    }
}

/// Sets `field` to `default` when it is absent or `""`, as Go's `if obj.Field == ""` does.
fn default_str(field: &mut Option<String>, default: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(default.to_owned());
    }
}

/// Sets `field` to `default` when it is absent or 0, as Go's `if obj.Field == 0` does.
fn default_int(field: &mut Option<i32>, default: i32) {
    if field.unwrap_or(0) == 0 {
        *field = Some(default);
    }
}

/// `SetDefaults_PodSpec` and the defaults of what it contains.
fn set_pod_spec_defaults(spec: &mut PodSpec) {
    // The deprecated `serviceAccount` is an alias: it fills an empty `serviceAccountName`, and
    // then always mirrors it, so the stored Job shows both equal and validation reads the
    // deprecated value at `serviceAccountName` (k/k `pkg/apis/core/v1/defaults.go`).
    if spec
        .service_account_name
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        if let Some(deprecated) = spec.service_account.clone() {
            spec.service_account_name = Some(deprecated);
        }
    }
    spec.service_account.clone_from(&spec.service_account_name);
    default_str(&mut spec.dns_policy, "ClusterFirst");
    // Absent means Always, which a Job then rejects: the reason a Job must say OnFailure or Never.
    default_str(&mut spec.restart_policy, "Always");
    spec.security_context
        .get_or_insert_with(PodSecurityContext::default);
    spec.termination_grace_period_seconds.get_or_insert(30);
    default_str(&mut spec.scheduler_name, "default-scheduler");
    for ctr in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        set_container_defaults(ctr);
    }
    for vol in spec.volumes.iter_mut().flatten() {
        set_volume_defaults(vol);
    }
}

/// `SetDefaults_Container` and friends.
fn set_container_defaults(ctr: &mut Container) {
    if ctr.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        ctr.image_pull_policy =
            Some(default_pull_policy(ctr.image.as_deref().unwrap_or("")).to_owned());
    }
    default_str(&mut ctr.termination_message_path, "/dev/termination-log");
    default_str(&mut ctr.termination_message_policy, "File");
    // Go's struct is not a pointer, so `kubectl get -o yaml` always shows `resources: {}`.
    ctr.resources
        .get_or_insert_with(ResourceRequirements::default);
    for port in ctr.ports.iter_mut().flatten() {
        default_str(&mut port.protocol, "TCP");
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
            default_str(&mut field_ref.api_version, "v1");
        }
    }
}

/// `SetDefaults_Probe`, `SetDefaults_HTTPGetAction` and the generated `grpc.service` default.
fn set_probe_defaults(probe: &mut Probe) {
    default_int(&mut probe.timeout_seconds, 1);
    default_int(&mut probe.period_seconds, 10);
    default_int(&mut probe.success_threshold, 1);
    default_int(&mut probe.failure_threshold, 3);
    if let Some(http) = probe.http_get.as_mut() {
        default_str(&mut http.path, "/");
        default_str(&mut http.scheme, "HTTP");
    }
    if let Some(grpc) = probe.grpc.as_mut() {
        // A `*string` with a `+default=""` marker: nil becomes a pointer to "".
        grpc.service.get_or_insert_with(String::new);
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

/// The defaults and drops that reach parts of the Pod template the typed model keeps as JSON
/// (most volume sources, lifecycle handlers, ephemeral containers) or does not have at all
/// (`schedulingGroup`, `evictionResponders`): applied to the template's JSON, the typed fields
/// laid over the manifest as written, which then replaces both.
fn settle_pod_template(job: &mut Job) {
    let Some(spec) = job.spec.as_mut() else {
        return;
    };
    // `DropInitContainerAnnotations`: the template's (not the Job's) legacy init-container
    // annotations are dropped.
    if let Some(annotations) = spec
        .template
        .metadata
        .as_mut()
        .and_then(|m| m.annotations.as_mut())
    {
        annotations.retain(|k, _| !INIT_CONTAINER_ANNOTATIONS.contains(&k.as_str()));
    }
    let typed = spec.template.spec.get_or_insert_with(PodSpec::default);
    let Ok(top) = serde_json::to_value(&*typed) else {
        return;
    };
    let written = job
        .written
        .as_deref()
        .and_then(|w| w.pointer("/spec/template/spec"))
        .filter(|w| w.is_object())
        .cloned();
    let mut merged = match written {
        Some(mut base) => {
            crate::api::overlay(&mut base, top);
            base
        }
        None => top,
    };
    if let Some(obj) = merged.as_object_mut() {
        default_pod_spec_json(obj);
        drop_disabled_pod_spec_json(obj);
    }
    // The JSON came from the typed fields, so it reads back; should it not, the typed spec
    // stays as it was rather than being lost.
    if let Ok(fresh) = <PodSpec as serde::Deserialize>::deserialize(&merged) {
        *typed = fresh;
    }
    if let Some(written) = job.written.as_mut() {
        let written = std::sync::Arc::make_mut(written);
        if let Some(template) = object_at(written, &["spec", "template"]) {
            if let Some(annotations) = template
                .get_mut("metadata")
                .and_then(|m| m.get_mut("annotations"))
                .and_then(J::as_object_mut)
            {
                annotations.retain(|k, _| !INIT_CONTAINER_ANNOTATIONS.contains(&k.as_str()));
            }
            template.insert("spec".to_owned(), merged);
        }
    }
}

/// The legacy init-container annotations `DropInitContainerAnnotations` deletes
/// (`pkg/api/pod/util.go`).
const INIT_CONTAINER_ANNOTATIONS: [&str; 4] = [
    "pod.beta.kubernetes.io/init-containers",
    "pod.alpha.kubernetes.io/init-containers",
    "pod.beta.kubernetes.io/init-container-statuses",
    "pod.alpha.kubernetes.io/init-container-statuses",
];

/// The object at `path` in `root`, each missing or non-object step made an empty object.
fn object_at<'a>(root: &'a mut J, path: &[&str]) -> Option<&'a mut Map<String, J>> {
    let mut here = root.as_object_mut()?;
    for key in path {
        let next = here
            .entry((*key).to_owned())
            .or_insert_with(|| J::Object(Map::new()));
        if !next.is_object() {
            *next = J::Object(Map::new());
        }
        here = next.as_object_mut()?;
    }
    Some(here)
}

/// The member `key` of `obj` when it is an object (a non-nil Go pointer to a struct).
fn child<'a>(obj: &'a mut Map<String, J>, key: &str) -> Option<&'a mut Map<String, J>> {
    obj.get_mut(key).and_then(J::as_object_mut)
}

/// The objects of the list member `key` of `obj`.
fn each<'a>(
    obj: &'a mut Map<String, J>,
    key: &str,
) -> impl Iterator<Item = &'a mut Map<String, J>> {
    obj.get_mut(key)
        .and_then(J::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(J::as_object_mut)
}

/// Sets the string member `key` to `default` when it is absent, `null` or `""`.
pub(crate) fn json_default_str(obj: &mut Map<String, J>, key: &str, default: &str) {
    if obj.get(key).and_then(J::as_str).unwrap_or("").is_empty() {
        obj.insert(key.to_owned(), J::from(default));
    }
}

/// Sets the member `key` to `default` when it is absent or `null` (a nil pointer).
fn json_default_ptr(obj: &mut Map<String, J>, key: &str, default: J) {
    if obj.get(key).is_none_or(J::is_null) {
        obj.insert(key.to_owned(), default);
    }
}

/// `SetDefaults_ObjectFieldSelector` on the `fieldRef` of `item` (an env source or a downward
/// API file).
fn default_field_ref(item: &mut Map<String, J>) {
    if let Some(field_ref) = child(item, "fieldRef") {
        json_default_str(field_ref, "apiVersion", "v1");
    }
}

/// The generated defaulters of `SetObjectDefaults_Job` (k/k `pkg/apis/batch/v1/
/// zz_generated.defaults.go`, from `+default` markers and `pkg/apis/core/v1/defaults.go`) for
/// what the typed defaults above cannot reach.
fn default_pod_spec_json(spec: &mut Map<String, J>) {
    for vol in each(spec, "volumes") {
        default_volume_json(vol);
    }
    for key in ["initContainers", "containers", "ephemeralContainers"] {
        for ctr in spec
            .get_mut(key)
            .and_then(J::as_array_mut)
            .into_iter()
            .flatten()
        {
            crate::validate::prepare_container(ctr);
            let Some(ctr) = ctr.as_object_mut() else {
                continue;
            };
            // `resources` is a struct in Go, so every container has one.
            json_default_ptr(ctr, "resources", J::Object(Map::new()));
            for var in each(ctr, "env") {
                if let Some(file_key_ref) =
                    child(var, "valueFrom").and_then(|f| child(f, "fileKeyRef"))
                {
                    json_default_ptr(file_key_ref, "optional", J::Bool(false));
                }
            }
        }
    }
}

/// The defaults of one volume's source.
fn default_volume_json(vol: &mut Map<String, J>) {
    // `SetDefaults_Volume`, with ImageVolume on: the pull policy follows the reference's tag, as
    // a container's does.
    if let Some(image) = child(vol, "image") {
        let policy = default_pull_policy(image.get("reference").and_then(J::as_str).unwrap_or(""));
        json_default_str(image, "pullPolicy", policy);
    }
    if let Some(iscsi) = child(vol, "iscsi") {
        json_default_str(iscsi, "iscsiInterface", "default");
    }
    if let Some(rbd) = child(vol, "rbd") {
        json_default_str(rbd, "pool", "rbd");
        json_default_str(rbd, "user", "admin");
        json_default_str(rbd, "keyring", "/etc/ceph/keyring");
    }
    if let Some(downward) = child(vol, "downwardAPI") {
        for item in each(downward, "items") {
            default_field_ref(item);
        }
    }
    if let Some(disk) = child(vol, "azureDisk") {
        json_default_ptr(disk, "cachingMode", J::from("ReadWrite"));
        json_default_ptr(disk, "fsType", J::from("ext4"));
        json_default_ptr(disk, "readOnly", J::Bool(false));
        json_default_ptr(disk, "kind", J::from("Shared"));
    }
    if let Some(projected) = child(vol, "projected") {
        for source in each(projected, "sources") {
            if let Some(downward) = child(source, "downwardAPI") {
                for item in each(downward, "items") {
                    default_field_ref(item);
                }
            }
            if let Some(token) = child(source, "serviceAccountToken") {
                json_default_ptr(token, "expirationSeconds", J::from(3600));
            }
        }
    }
    if let Some(scale_io) = child(vol, "scaleIO") {
        json_default_str(scale_io, "storageMode", "ThinProvisioned");
        json_default_str(scale_io, "fsType", "xfs");
    }
    // `SetDefaults_PersistentVolumeClaimSpec`: the claim template's spec is a struct, so it is
    // there whenever the template is.
    if let Some(template) = child(vol, "ephemeral").and_then(|e| child(e, "volumeClaimTemplate")) {
        if let Some(spec) = object_at_map(template, "spec") {
            json_default_ptr(spec, "volumeMode", J::from("Filesystem"));
        }
    }
}

/// The object member `key` of `obj`, made an empty object when absent or not an object.
fn object_at_map<'a>(obj: &'a mut Map<String, J>, key: &str) -> Option<&'a mut Map<String, J>> {
    let slot = obj
        .entry(key.to_owned())
        .or_insert_with(|| J::Object(Map::new()));
    if !slot.is_object() {
        *slot = J::Object(Map::new());
    }
    slot.as_object_mut()
}

/// `dropDisabledFields` (k/k `pkg/api/pod/util.go`) with 1.37's default feature gates, as
/// `PrepareForCreate` runs it before validation: what a gate that is off guards is removed.
/// The containers' part (`lifecycle.stopSignal`, `httpGet.protocol`, `grpc.mode`,
/// `bindMountOptions`) is the validation's `drop_disabled`, run by `default_pod_spec_json`.
fn drop_disabled_pod_spec_json(spec: &mut Map<String, J>) {
    // GenericWorkload and EvictionRequestAPI are alpha, off.
    spec.remove("schedulingGroup");
    spec.remove("evictionResponders");
    for vol in each(spec, "volumes") {
        // EmptyDirVolumeMode is off.
        if let Some(empty_dir) = child(vol, "emptyDir") {
            empty_dir.remove("mode");
        }
        drop_atomic_write_user_fields(vol);
    }
}

/// `dropDisabledAtomicWriteVolumeUserFields` (AtomicWriteVolumeUserFields is off): the owner
/// fields of the projected-file volumes go. Go's `switch` handles only the first source present,
/// in this order, for the volume and for each projected source alike.
fn drop_atomic_write_user_fields(vol: &mut Map<String, J>) {
    /// Removes `user` from each item of `items`.
    fn drop_item_users(source: &mut Map<String, J>) {
        for item in each(source, "items") {
            item.remove("user");
        }
    }
    let Some(key) = ["secret", "configMap", "downwardAPI", "projected"]
        .into_iter()
        .find(|k| vol.get(*k).is_some_and(J::is_object))
    else {
        return;
    };
    let Some(source) = child(vol, key) else {
        return;
    };
    source.remove("defaultUser");
    if key != "projected" {
        drop_item_users(source);
        return;
    }
    for projection in each(source, "sources") {
        let Some(kind) = [
            "secret",
            "downwardAPI",
            "configMap",
            "serviceAccountToken",
            "clusterTrustBundle",
            "podCertificate",
        ]
        .into_iter()
        .find(|k| projection.get(*k).is_some_and(J::is_object)) else {
            continue;
        };
        if let Some(inner) = child(projection, kind) {
            match kind {
                "secret" | "downwardAPI" | "configMap" => drop_item_users(inner),
                _ => {
                    inner.remove("user");
                }
            }
        }
    }
}

/// Whether the default pull policy is `Always`, as `SetDefaults_Container` decides it: the
/// reference parses (`parsers.ParseImageName`, which is `ParseNormalizedNamed` of
/// github.com/distribution/reference) and its tag is `latest`, or it has neither a tag nor a
/// digest (the tag then defaults to `latest`). A reference that does not parse (an empty one,
/// uppercase letters in the repository, a space, a malformed digest) has no tag, so it is
/// `IfNotPresent`.
pub fn image_pulls_always(image: &str) -> bool {
    match image_ref::parse_normalized(image) {
        Some(r) => r.tag.as_deref() == Some("latest") || (r.tag.is_none() && r.digest.is_none()),
        None => false,
    }
}

/// The pull policy defaulting gives an image reference: `Always` or `IfNotPresent` (see
/// [`image_pulls_always`]); containers and image volumes share it.
pub fn default_pull_policy(image: &str) -> &'static str {
    if image_pulls_always(image) {
        "Always"
    } else {
        "IfNotPresent"
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
