//! `volumeMounts` and `volumeDevices` (k/k `validation.go`: `ValidateVolumeMounts`,
//! `ValidateVolumeDevices`, `validateLocalDescendingPath`, `validatePathNoBacksteps`,
//! `validateMountPropagation`, `validateMountRecursiveReadOnly`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::json::{flag, get, items, not_supported_typed, opt_text, text};
use super::PodContext;
use crate::validate::{Errs, Path, Val};

/// `validatePathNoBacksteps`: no `..` element (one error however many there are).
pub(crate) fn validate_path_no_backsteps(target: &str, path: &Path, errs: &mut Errs) {
    if target.split('/').any(|part| part == "..") {
        errs.invalid(path, Val::Str(target), "must not contain '..'");
    }
}

/// `validateLocalDescendingPath`: relative, without `..` elements.
pub(crate) fn validate_local_descending_path(target: &str, path: &Path, errs: &mut Errs) {
    if target.starts_with('/') {
        errs.invalid(path, Val::Str(target), "must be a relative path");
    }
    validate_path_no_backsteps(target, path, errs);
}

/// A map from name to path, the last item winning (`GetVolumeMountMap`, `GetVolumeDeviceMap`).
fn name_to_path<'a>(list: &'a [Value], path_key: &str) -> BTreeMap<&'a str, &'a str> {
    list.iter()
        .map(|v| (text(v, "name"), text(v, path_key)))
        .collect()
}

/// `ValidateVolumeMounts`. The sub-path, propagation and recursive-read-only errors are reported
/// at `volumeMounts.<field>`, without the item's index, as the server does.
pub(super) fn validate_volume_mounts(
    ctr: &Value,
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let devices = name_to_path(items(ctr, "volumeDevices"), "devicePath");
    let privileged = get(ctr, "securityContext").is_some_and(|sc| flag(sc, "privileged"));
    let mut mount_points = BTreeSet::new();
    for (i, mount) in items(ctr, "volumeMounts").iter().enumerate() {
        let p = path.index(i);
        let name = text(mount, "name");
        let mount_path = text(mount, "mountPath");
        if name.is_empty() {
            errs.required(&p.child("name"), "");
        }
        if !ctx.volumes.contains_key(name) {
            errs.not_found(&p.child("name"), Val::Str(name));
        }
        if mount_path.is_empty() {
            errs.required(&p.child("mountPath"), "");
        }
        if !mount_points.insert(mount_path) {
            errs.invalid(
                &p.child("mountPath"),
                Val::Str(mount_path),
                "must be unique",
            );
        }
        if devices.contains_key(name) {
            errs.invalid(
                &p.child("name"),
                Val::Str(name),
                "must not already exist in volumeDevices",
            );
        }
        if devices.values().any(|d| *d == mount_path) {
            errs.invalid(
                &p.child("mountPath"),
                Val::Str(mount_path),
                "must not already exist as a path in volumeDevices",
            );
        }
        let sub_path = text(mount, "subPath");
        if !sub_path.is_empty() {
            validate_local_descending_path(sub_path, &path.child("subPath"), errs);
        }
        let sub_path_expr = text(mount, "subPathExpr");
        if !sub_path_expr.is_empty() {
            if !sub_path.is_empty() {
                errs.invalid(
                    &p.child("subPathExpr"),
                    Val::Str(sub_path_expr),
                    "subPathExpr and subPath are mutually exclusive",
                );
            }
            validate_local_descending_path(sub_path_expr, &path.child("subPathExpr"), errs);
        }
        let propagation = opt_text(mount, "mountPropagation");
        if let Some(mode) = propagation {
            let pp = path.child("mountPropagation");
            if !matches!(mode, "Bidirectional" | "HostToContainer" | "None") {
                not_supported_typed(
                    errs,
                    &pp,
                    mode,
                    &["Bidirectional", "HostToContainer", "None"],
                );
            }
            if mode == "Bidirectional" && !privileged {
                errs.forbidden(
                    &pp,
                    "Bidirectional mount propagation is available only to privileged containers",
                );
            }
        }
        if let Some(rro) = opt_text(mount, "recursiveReadOnly") {
            let rp = path.child("recursiveReadOnly");
            match rro {
                "Disabled" => {}
                "Enabled" | "IfPossible" => {
                    if !flag(mount, "readOnly") {
                        errs.forbidden(&rp, "may only be specified when readOnly is true");
                    }
                    if propagation.is_some_and(|m| m != "None") {
                        errs.forbidden(
                            &rp,
                            "may only be specified when mountPropagation is None or not specified",
                        );
                    }
                }
                other => {
                    not_supported_typed(errs, &rp, other, &["Disabled", "Enabled", "IfPossible"])
                }
            }
        }
    }
}

/// `ValidateVolumeDevices`: a device names a clean PVC or ephemeral volume, with a unique path
/// that no mount uses.
pub(super) fn validate_volume_devices(
    ctr: &Value,
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let mounts = name_to_path(items(ctr, "volumeMounts"), "mountPath");
    let mut device_paths = BTreeSet::new();
    let mut device_names = BTreeSet::new();
    for (i, dev) in items(ctr, "volumeDevices").iter().enumerate() {
        let p = path.index(i);
        let name = text(dev, "name");
        let dev_path = text(dev, "devicePath");
        let source = ctx.volumes.get(name);
        if name.is_empty() {
            errs.required(&p.child("name"), "");
        }
        if device_names.contains(name) {
            errs.invalid(&p.child("name"), Val::Str(name), "must be unique");
        }
        match source {
            Some(vol) => {
                if get(vol, "persistentVolumeClaim").is_none() && get(vol, "ephemeral").is_none() {
                    errs.invalid(
                        &p.child("name"),
                        Val::Str(name),
                        "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
                    );
                }
            }
            None => errs.not_found(&p.child("name"), Val::Str(name)),
        }
        if dev_path.is_empty() {
            errs.required(&p.child("devicePath"), "");
        }
        if device_paths.contains(dev_path) {
            errs.invalid(&p.child("devicePath"), Val::Str(dev_path), "must be unique");
        }
        if !dev_path.is_empty() && dev_path.split('/').any(|part| part == "..") {
            errs.invalid(
                &p.child("devicePath"),
                Val::Str(dev_path),
                "can not contain backsteps ('..')",
            );
        } else {
            device_paths.insert(dev_path);
        }
        if mounts.contains_key(name) {
            errs.invalid(
                &p.child("name"),
                Val::Str(name),
                "must not already exist in volumeMounts",
            );
        }
        if mounts.values().any(|m| *m == dev_path) {
            errs.invalid(
                &p.child("devicePath"),
                Val::Str(dev_path),
                "must not already exist as a path in volumeMounts",
            );
        }
        if !name.is_empty() {
            device_names.insert(name);
        }
    }
}
