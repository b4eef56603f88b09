//! The claim template of an `ephemeral` volume (k/k `pkg/apis/core/validation/validation.go`:
//! `ValidatePersistentVolumeClaimTemplate`, `ValidateTemplateObjectMeta`,
//! `ValidatePersistentVolumeClaimSpec`, `validateDataSource`, `validateDataSourceRef`).

use serde_json::Value;

use crate::validate::meta::{validate_annotations, validate_label_selector, validate_labels};
use crate::validate::names::{is_dns1123_label, is_dns1123_subdomain, name_is_dns_subdomain};
use crate::validate::podjson::{get, items, not_supported_typed, opt_text, text};
use crate::validate::quantity;
use crate::validate::{Errs, Path, Val};

/// The `ObjectMeta` fields a template may not set, as Go names them after lower-casing the
/// first letter (`validateFieldAllowList`), with their JSON keys.
const FORBIDDEN_META: [(&str, &str); 13] = [
    ("name", "name"),
    ("generateName", "generateName"),
    ("namespace", "namespace"),
    ("selfLink", "selfLink"),
    ("uID", "uid"),
    ("resourceVersion", "resourceVersion"),
    ("generation", "generation"),
    ("creationTimestamp", "creationTimestamp"),
    ("deletionTimestamp", "deletionTimestamp"),
    ("deletionGracePeriodSeconds", "deletionGracePeriodSeconds"),
    ("ownerReferences", "ownerReferences"),
    ("finalizers", "finalizers"),
    ("managedFields", "managedFields"),
];

/// Whether a JSON member of an `ObjectMeta` holds a non-zero Go value (`reflect.DeepEqual` with
/// the zero value, read from the Go field's shape): an empty list is non-nil, so it counts as
/// set, and so does `deletionGracePeriodSeconds: 0`, a non-nil pointer; an empty string or a
/// plain `0` does not.
fn is_set(v: &Value, key: &str) -> bool {
    crate::api::go_fields::go_type("ObjectMeta")
        .and_then(|t| t.fields.iter().find(|f| f.name == key))
        .is_some_and(|f| !crate::stored::is_go_zero(&f.repr, v.get(key)))
}

/// A string-to-string map member, for the label and annotation validators.
fn string_map(v: &Value, key: &str) -> Option<std::collections::BTreeMap<String, String>> {
    get(v, key).and_then(Value::as_object).map(|m| {
        m.iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
            .collect()
    })
}

/// `ValidatePersistentVolumeClaimTemplate`.
pub(super) fn validate_claim_template(template: &Value, path: &Path, errs: &mut Errs) {
    let null = Value::Null;
    let meta = get(template, "metadata").unwrap_or(&null);
    let mp = path.child("metadata");
    validate_annotations(
        string_map(meta, "annotations").as_ref(),
        &mp.child("annotations"),
        errs,
    );
    validate_labels(
        string_map(meta, "labels").as_ref(),
        &mp.child("labels"),
        errs,
    );
    for (go_name, key) in FORBIDDEN_META {
        if is_set(meta, key) {
            errs.forbidden(&mp.child(go_name), "cannot be set");
        }
    }
    let spec = get(template, "spec").unwrap_or(&null);
    validate_claim_spec(spec, &path.child("spec"), errs);
}

/// `ValidatePersistentVolumeClaimSpec` (the `VolumeAttributesClass` gate is on).
fn validate_claim_spec(spec: &Value, path: &Path, errs: &mut Errs) {
    let modes = items(spec, "accessModes");
    let ap = path.child("accessModes");
    if modes.is_empty() {
        errs.required(&ap, "at least 1 access mode is required");
    }
    if let Some(sel) = get(spec, "selector") {
        let sel = serde_json::from_value(sel.clone()).unwrap_or_default();
        validate_label_selector(&sel, &path.child("selector"), errs);
    }
    const MODES: [&str; 4] = [
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOnce",
        "ReadWriteOncePod",
    ];
    let (mut once_pod, mut other) = (false, false);
    for mode in modes {
        let mode = mode.as_str().unwrap_or("");
        if !MODES.contains(&mode) {
            not_supported_typed(errs, &ap, mode, &MODES);
        }
        if mode == "ReadWriteOncePod" {
            once_pod = true;
        } else if MODES.contains(&mode) {
            other = true;
        }
    }
    if once_pod && other {
        errs.forbidden(&ap, "may not use ReadWriteOncePod with other access modes");
    }
    let sp = path.child("resources").key("storage");
    let storage = get(spec, "resources")
        .and_then(|r| get(r, "requests"))
        .and_then(|r| get(r, "storage"));
    match storage {
        None => errs.required(&sp, ""),
        Some(raw) => {
            let text = raw.as_str().map_or_else(|| raw.to_string(), str::to_owned);
            if let Ok(q) = quantity::parse(&text) {
                if q.nanos <= 0 {
                    errs.invalid(&sp, Val::Str(&q.canonical()), "must be greater than zero");
                }
            }
        }
    }
    for field in ["storageClassName", "volumeAttributesClassName"] {
        if let Some(class) = opt_text(spec, field).filter(|c| !c.is_empty()) {
            for msg in name_is_dns_subdomain(class, false) {
                errs.invalid(&path.child(field), Val::Str(class), &msg);
            }
        }
    }
    if let Some(mode) = opt_text(spec, "volumeMode") {
        if !matches!(mode, "Block" | "Filesystem") {
            not_supported_typed(
                errs,
                &path.child("volumeMode"),
                mode,
                &["Block", "Filesystem"],
            );
        }
    }
    let source = get(spec, "dataSource");
    let source_ref = get(spec, "dataSourceRef");
    if let Some(ds) = source {
        data_source(ds, &path.child("dataSource"), errs);
    }
    if let Some(dr) = source_ref {
        let rp = path.child("dataSourceRef");
        data_source(dr, &rp, errs);
        if let Some(ns) = opt_text(dr, "namespace").filter(|n| !n.is_empty()) {
            for msg in is_dns1123_label(ns) {
                errs.invalid(&rp.child("namespace"), Val::Str(ns), &msg);
            }
        }
    }
    // The bad value of these two is a `*field.Path`, which has no exported fields: JSON `{}`.
    let ref_namespace = source_ref
        .and_then(|r| opt_text(r, "namespace"))
        .is_some_and(|n| !n.is_empty());
    if ref_namespace {
        if source.is_some() {
            errs.invalid(
                path,
                Val::Raw("{}".to_owned()),
                "may not be specified when dataSourceRef.namespace is specified",
            );
        }
    } else if let (Some(ds), Some(dr)) = (source, source_ref) {
        let same = opt_text(ds, "apiGroup").unwrap_or("") == opt_text(dr, "apiGroup").unwrap_or("")
            && text(ds, "kind") == text(dr, "kind")
            && text(ds, "name") == text(dr, "name");
        if !same {
            errs.invalid(path, Val::Raw("{}".to_owned()), "must match dataSourceRef");
        }
    }
}

/// `validateDataSource` / `validateDataSourceRef` (the shared part): a name and kind, and a
/// core `PersistentVolumeClaim` unless an API group is given.
fn data_source(ds: &Value, path: &Path, errs: &mut Errs) {
    if text(ds, "name").is_empty() {
        errs.required(&path.child("name"), "");
    }
    let kind = text(ds, "kind");
    if kind.is_empty() {
        errs.required(&path.child("kind"), "");
    }
    let group = opt_text(ds, "apiGroup").unwrap_or("");
    if group.is_empty() && kind != "PersistentVolumeClaim" {
        errs.invalid(
            path,
            Val::Str(kind),
            "must be 'PersistentVolumeClaim' when referencing the default apiGroup",
        );
    }
    if !group.is_empty() {
        for msg in is_dns1123_subdomain(group) {
            errs.invalid(&path.child("apiGroup"), Val::Str(group), &msg);
        }
    }
}
