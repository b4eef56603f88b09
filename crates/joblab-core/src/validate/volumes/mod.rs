//! The Pod's volumes (k/k `pkg/apis/core/validation/validation.go`: `ValidateVolumes`,
//! `validateVolumeSource` and each source's validator).
//!
//! Volumes are read from the effective Job's JSON: after defaulting, so a volume without a
//! source is an `emptyDir` and file modes are set. A few paths are the server's own spellings
//! (`persistentDisk` for `gcePersistentDisk`, `cephFS` beside `cephfs`, `downwarAPI`), kept so
//! messages match. The volume user fields (`defaultUser`, `user`) are not checked: the
//! `AtomicWriteVolumeUserFields` gate is off in 1.37, so the server clears them before
//! validating (`dropDisabledAtomicWriteVolumeUserFields`).

mod claim;
mod files;
mod sources;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::validate::meta::validate_label_selector;
use crate::validate::names::{
    inclusive_range_error, is_dns1123_label, is_dns1123_subdomain, is_qualified_name,
    name_is_dns_subdomain,
};
use crate::validate::podjson::{
    flag, get, go_json_string, go_json_strings, int, items, not_supported_typed, opt_int, opt_text,
    strings, text,
};
use crate::validate::quantity;
use crate::validate::{Errs, Path, Val};

use files::{downward_api_file, key_to_path, projected};
use sources::{azure_disk, csi, iscsi, quobyte};

/// `fileModeErrorMsg`.
const FILE_MODE_ERR: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// The sources in `validateVolumeSource`'s order: the JSON key and the path the server reports
/// a second source at.
const SOURCES: [(&str, &str); 30] = [
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

/// `ValidateVolumes`: returns the names of the volumes that validated cleanly (only those can
/// be mounted: a volume with any error is left out, so its mounts are also `Not found`).
///
/// A template is validated without Pod metadata (`ValidatePodTemplateSpec` passes nil), so the
/// checks on the PVC names of ephemeral volumes do not apply.
pub(crate) fn validate_volumes(spec: &Value, path: &Path, errs: &mut Errs) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, vol) in items(spec, "volumes").iter().enumerate() {
        let p = path.index(i);
        let name = text(vol, "name");
        let np = p.child("name");
        let mut el = Errs::default();
        validate_volume_source(vol, name, &p, &mut el);
        if name.is_empty() {
            el.required(&np, "");
        } else {
            for msg in is_dns1123_label(name) {
                el.invalid(&np, Val::Str(name), &msg);
            }
        }
        if names.contains(name) {
            el.duplicate(&np, Val::Str(name));
        }
        if el.0.is_empty() {
            names.insert(name.to_owned());
        } else {
            errs.0.extend(el.0);
        }
    }
    names
}

/// `validateVolumeSource`: exactly one source, each validated by its own rules.
fn validate_volume_source(vol: &Value, name: &str, path: &Path, errs: &mut Errs) {
    let mut seen = 0;
    for (key, second_path) in SOURCES {
        let Some(src) = get(vol, key) else {
            continue;
        };
        // emptyDir comes first, so it is never the second source.
        if seen > 0 {
            errs.forbidden(
                &path.child(second_path),
                "may not specify more than 1 volume type",
            );
        } else {
            seen += 1;
            validate_source(key, src, path, errs);
        }
        // The iSCSI name-length rule applies whether or not iSCSI was the first source.
        if key == "iscsi"
            && opt_text(src, "initiatorName").is_some()
            && name.len() + 1 + text(src, "targetPortal").len() > 64
        {
            errs.invalid(
                &path.child("name"),
                Val::Str(name),
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            );
        }
    }
    if seen == 0 {
        errs.required(path, "must specify a volume type");
    }
}

/// One source's own rules.
fn validate_source(key: &str, src: &Value, path: &Path, errs: &mut Errs) {
    let sp = path.child(key);
    let required = |errs: &mut Errs, field: &str| {
        if text(src, field).is_empty() {
            errs.required(&sp.child(field), "");
        }
    };
    match key {
        "emptyDir" => {
            if let Some(limit) = opt_text(src, "sizeLimit") {
                if quantity::parse(limit).is_ok_and(|q| q.nanos < 0) {
                    errs.forbidden(
                        &sp.child("sizeLimit"),
                        "SizeLimit field must be a valid resource quantity",
                    );
                }
            }
        }
        "hostPath" => {
            let p = text(src, "path");
            if p.is_empty() {
                errs.required(&sp.child("path"), "");
                return;
            }
            no_backsteps(p, &sp.child("path"), errs);
            if let Some(ty) = opt_text(src, "type") {
                const TYPES: [&str; 8] = [
                    "",
                    "BlockDevice",
                    "CharDevice",
                    "Directory",
                    "DirectoryOrCreate",
                    "File",
                    "FileOrCreate",
                    "Socket",
                ];
                if !TYPES.contains(&ty) {
                    not_supported_typed(errs, &sp.child("type"), ty, &TYPES);
                }
            }
        }
        "gitRepo" => {
            required(errs, "repository");
            local_descending(text(src, "directory"), &sp.child("directory"), errs);
        }
        "gcePersistentDisk" | "awsElasticBlockStore" => {
            // The server validates a GCE disk under the path `persistentDisk`.
            let (p, id) = if key == "gcePersistentDisk" {
                (path.child("persistentDisk"), "pdName")
            } else {
                (sp.clone(), "volumeID")
            };
            if text(src, id).is_empty() {
                errs.required(&p.child(id), "");
            }
            let partition = int(src, "partition");
            if !(0..=255).contains(&partition) {
                errs.invalid(
                    &p.child("partition"),
                    Val::Int(partition),
                    &inclusive_range_error(1, 255),
                );
            }
        }
        "secret" | "configMap" => {
            let field = if key == "secret" {
                "secretName"
            } else {
                "name"
            };
            required(errs, field);
            file_mode(src, "defaultMode", &sp, errs);
            for (i, kp) in items(src, "items").iter().enumerate() {
                key_to_path(kp, &sp.child("items").index(i), errs);
            }
        }
        "nfs" => {
            required(errs, "server");
            required(errs, "path");
            let p = text(src, "path");
            if !p.starts_with('/') {
                errs.invalid(&sp.child("path"), Val::Str(p), "must be an absolute path");
            }
        }
        "iscsi" => iscsi(src, &sp, errs),
        "glusterfs" => {
            if text(src, "endpoints").is_empty() {
                errs.required(&sp.child("endpoints"), "");
            }
            required(errs, "path");
        }
        "flocker" => {
            let dn = text(src, "datasetName");
            let du = text(src, "datasetUUID");
            if dn.is_empty() && du.is_empty() {
                errs.required(&sp, "one of datasetName and datasetUUID is required");
            }
            if !dn.is_empty() && !du.is_empty() {
                errs.invalid(
                    &sp,
                    Val::Str("resource"),
                    "datasetName and datasetUUID can not be specified simultaneously",
                );
            }
            if dn.contains('/') {
                errs.invalid(
                    &sp.child("datasetName"),
                    Val::Str(dn),
                    "must not contain '/'",
                );
            }
        }
        "persistentVolumeClaim" => required(errs, "claimName"),
        "rbd" => {
            if items(src, "monitors").is_empty() {
                errs.required(&sp.child("monitors"), "");
            }
            required(errs, "image");
        }
        "cinder" => {
            required(errs, "volumeID");
            secret_ref_name(src, "secretRef", &sp, errs);
        }
        "cephfs" if items(src, "monitors").is_empty() => {
            errs.required(&sp.child("monitors"), "");
        }
        "quobyte" => quobyte(src, &sp, errs),
        "downwardAPI" => {
            file_mode(src, "defaultMode", &sp, errs);
            for file in items(src, "items") {
                downward_api_file(file, &sp, errs);
            }
        }
        "fc" => {
            let wwns = strings(src, "targetWWNs");
            let wwids = items(src, "wwids");
            if wwns.is_empty() && wwids.is_empty() {
                errs.required(
                    &sp.child("targetWWNs"),
                    "must specify either targetWWNs or wwids, but not both",
                );
            }
            if !wwns.is_empty() && !wwids.is_empty() {
                errs.invalid(
                    &sp.child("targetWWNs"),
                    Val::Raw(go_json_strings(&wwns)),
                    "targetWWNs and wwids can not be specified simultaneously",
                );
            }
            if !wwns.is_empty() {
                match opt_int(src, "lun") {
                    None => errs.required(
                        &sp.child("lun"),
                        "lun is required if targetWWNs is specified",
                    ),
                    Some(lun) if !(0..=255).contains(&lun) => {
                        errs.invalid(
                            &sp.child("lun"),
                            Val::Int(lun),
                            &inclusive_range_error(0, 255),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        "flexVolume" => {
            required(errs, "driver");
            if let Some(options) = get(src, "options").and_then(Value::as_object) {
                for k in options.keys() {
                    let namespace = k.split_once('/').map_or(k.as_str(), |(ns, _)| ns);
                    let normalized = format!(".{}", namespace.to_lowercase());
                    if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
                        errs.invalid(
                            &sp.child("options").key(k),
                            Val::Str(k),
                            "kubernetes.io and k8s.io namespaces are reserved",
                        );
                    }
                }
            }
        }
        "azureFile" => {
            required(errs, "secretName");
            required(errs, "shareName");
        }
        "vsphereVolume" => required(errs, "volumePath"),
        "photonPersistentDisk" => required(errs, "pdID"),
        "portworxVolume" => required(errs, "volumeID"),
        "azureDisk" => azure_disk(src, &sp, errs),
        "storageos" => {
            let vn = text(src, "volumeName");
            if vn.is_empty() {
                errs.required(&sp.child("volumeName"), "");
            } else {
                for msg in is_dns1123_label(vn) {
                    errs.invalid(&sp.child("volumeName"), Val::Str(vn), &msg);
                }
            }
            let ns = text(src, "volumeNamespace");
            if !ns.is_empty() {
                for msg in is_dns1123_label(ns) {
                    errs.invalid(&sp.child("volumeNamespace"), Val::Str(ns), &msg);
                }
            }
            secret_ref_name(src, "secretRef", &sp, errs);
        }
        "projected" => projected(src, &sp, errs),
        "scaleIO" => {
            required(errs, "gateway");
            required(errs, "system");
            required(errs, "volumeName");
        }
        "csi" => csi(src, &sp, errs),
        "ephemeral" => match get(src, "volumeClaimTemplate") {
            None => errs.required(&sp.child("volumeClaimTemplate"), ""),
            Some(t) => claim::validate_claim_template(t, &sp.child("volumeClaimTemplate"), errs),
        },
        "image" => {
            required(errs, "reference");
            // The pull policy is defaulted from the reference's tag, so only a written one can be
            // wrong.
            let policy = text(src, "pullPolicy");
            if !policy.is_empty() && !matches!(policy, "Always" | "IfNotPresent" | "Never") {
                not_supported_typed(
                    errs,
                    &sp.child("pullPolicy"),
                    policy,
                    &["Always", "IfNotPresent", "Never"],
                );
            }
        }
        _ => {}
    }
}

/// A file mode at `field`: 0 to 0777.
fn file_mode(src: &Value, field: &str, path: &Path, errs: &mut Errs) {
    if let Some(mode) = opt_int(src, field) {
        if !(0..=0o777).contains(&mode) {
            errs.invalid(&path.child(field), Val::Int(mode), FILE_MODE_ERR);
        }
    }
}

/// A `secretRef`'s name, required when the reference is set.
fn secret_ref_name(src: &Value, field: &str, path: &Path, errs: &mut Errs) {
    if let Some(r) = get(src, field) {
        if text(r, "name").is_empty() {
            errs.required(&path.child(field).child("name"), "");
        }
    }
}

/// `validatePathNoBacksteps`.
fn no_backsteps(p: &str, path: &Path, errs: &mut Errs) {
    if p.split('/').any(|part| part == "..") {
        errs.invalid(path, Val::Str(p), "must not contain '..'");
    }
}

/// `validateLocalDescendingPath`.
fn local_descending(p: &str, path: &Path, errs: &mut Errs) {
    if p.starts_with('/') {
        errs.invalid(path, Val::Str(p), "must be a relative path");
    }
    no_backsteps(p, path, errs);
}

/// `ValidateLocalNonReservedPath`.
fn local_non_reserved(p: &str, path: &Path, errs: &mut Errs) {
    local_descending(p, path, errs);
    if p.starts_with("..") && !p.starts_with("../") {
        errs.invalid(path, Val::Str(p), "must not start with '..'");
    }
}
