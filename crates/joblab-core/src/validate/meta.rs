//! Object metadata, labels, annotations and label selectors.
//!
//! Sources: apimachinery `pkg/api/validation/objectmeta.go` (`ValidateObjectMetaAccessor`,
//! `ValidateAnnotations`), `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabels`,
//! `ValidateLabelSelector`), `pkg/apis/meta/v1/helpers.go` (`LabelSelectorAsSelector`).

use std::collections::BTreeMap;

use super::names::{
    is_dns1123_label, is_qualified_name, is_valid_label_value, name_is_dns_subdomain,
};
use super::quote::go_json_string;
use super::{Errs, Path, Val};
use crate::api::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, OwnerReference};

/// `TotalAnnotationSizeLimitB`: 256 KiB for all keys and values together.
const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `ValidateObjectMeta` for a namespaced object whose name must be a DNS subdomain.
pub(crate) fn validate_object_meta(meta: &ObjectMeta, path: &Path, errs: &mut Errs) {
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in name_is_dns_subdomain(generate_name, true) {
            errs.invalid(&path.child("generateName"), Val::Str(generate_name), &msg);
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        errs.required(&path.child("name"), "name or generateName is required");
    } else {
        for msg in name_is_dns_subdomain(name, false) {
            errs.invalid(&path.child("name"), Val::Str(name), &msg);
        }
    }
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if namespace.is_empty() {
        errs.required(&path.child("namespace"), "");
    } else {
        for msg in is_dns1123_label(namespace) {
            errs.invalid(&path.child("namespace"), Val::Str(namespace), &msg);
        }
    }
    if let Some(generation) = meta.generation {
        errs.non_negative(&path.child("generation"), generation);
    }
    validate_labels(meta.labels.as_ref(), &path.child("labels"), errs);
    validate_annotations(meta.annotations.as_ref(), &path.child("annotations"), errs);
    let owners = meta.owner_references.as_deref().unwrap_or(&[]);
    validate_owner_references(owners, &path.child("ownerReferences"), errs);
    let finalizers = meta.finalizers.as_deref().unwrap_or(&[]);
    validate_finalizers(finalizers, &path.child("finalizers"), errs);
    // k/k core `ValidateObjectMeta`: a finalizer without a `/` must be a standard one.
    for (i, finalizer) in finalizers.iter().enumerate() {
        if !finalizer.contains('/')
            && !matches!(
                finalizer.as_str(),
                "kubernetes" | "orphan" | "foregroundDeletion"
            )
        {
            errs.invalid(
                &path.child("finalizers").index(i),
                Val::Str(finalizer),
                "name is neither a standard finalizer name nor is it fully qualified",
            );
        }
    }
}

/// `ValidateManagedFields` (apimachinery `pkg/apis/meta/v1/validation`), on the entries as
/// written (the slim model has no typed `managedFields`).
pub(crate) fn validate_managed_fields(entries: &[serde_json::Value], path: &Path, errs: &mut Errs) {
    let text = |v: &serde_json::Value, key: &str| -> String {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    for (i, entry) in entries.iter().enumerate() {
        let p = path.index(i);
        let operation = text(entry, "operation");
        match operation.as_str() {
            "" => errs.required(&p.child("operation"), "must not be empty"),
            "Apply" | "Update" => {}
            // A `ManagedFieldsOperationType`, not a plain string: printed as JSON.
            other => errs.not_supported_val(
                &p.child("operation"),
                Val::Typed(other),
                &["Apply", "Update"],
            ),
        }
        let fields_type = text(entry, "fieldsType");
        if !fields_type.is_empty() && fields_type != "FieldsV1" {
            errs.invalid(
                &p.child("fieldsType"),
                Val::Str(&fields_type),
                "must be `FieldsV1`",
            );
        }
        // `ValidateFieldManager`.
        let manager = text(entry, "manager");
        if manager.len() > 128 {
            errs.too_long(&p.child("manager"), 128);
        }
        for (pos, c) in manager.char_indices() {
            if !super::quote::is_go_printable(c) {
                errs.invalid(
                    &p.child("manager"),
                    Val::Str(&manager),
                    &format!("invalid character U+{:04X} (at position {pos})", c as u32),
                );
            }
        }
        if text(entry, "subresource").len() > 256 {
            errs.too_long(&p.child("subresource"), 256);
        }
    }
}

/// Go's JSON of a `metav1.OwnerReference` (`controller` and `blockOwnerDeletion` omitted when
/// nil).
fn owner_reference_json(r: &OwnerReference) -> String {
    let mut out = format!(
        "{{\"apiVersion\":{},\"kind\":{},\"name\":{},\"uid\":{}",
        go_json_string(&r.api_version),
        go_json_string(&r.kind),
        go_json_string(&r.name),
        go_json_string(&r.uid)
    );
    if let Some(c) = r.controller {
        out.push_str(&format!(",\"controller\":{c}"));
    }
    if let Some(b) = r.block_owner_deletion {
        out.push_str(&format!(",\"blockOwnerDeletion\":{b}"));
    }
    out.push('}');
    out
}

/// `ValidateOwnerReferences` and `validateOwnerReference` (apimachinery `objectmeta.go`).
fn validate_owner_references(owners: &[OwnerReference], path: &Path, errs: &mut Errs) {
    let mut first_controller: Option<String> = None;
    for (i, r) in owners.iter().enumerate() {
        let p = path.index(i);
        // `schema.ParseGroupVersion`: no `/` is a version alone, one splits group and version,
        // more is an error; "/" alone parses to nothing.
        let (group, version, parses) = if r.api_version == "/" {
            ("", "", true)
        } else {
            match r.api_version.matches('/').count() {
                0 => ("", r.api_version.as_str(), true),
                1 => {
                    let (g, v) = r.api_version.split_once('/').unwrap_or(("", ""));
                    (g, v, true)
                }
                _ => ("", "", false),
            }
        };
        if r.api_version.is_empty() {
            errs.required(&p.child("apiVersion"), "must not be empty");
        } else if !parses || version.is_empty() {
            errs.invalid(
                &p.child("apiVersion"),
                Val::Str(&r.api_version),
                "must be <group>/<version> or <version>",
            );
        }
        for (field, value) in [("kind", &r.kind), ("name", &r.name), ("uid", &r.uid)] {
            if value.is_empty() {
                errs.required(&p.child(field), "must not be empty");
            }
        }
        // `BannedOwners`: only core/v1 Event.
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            errs.invalid(
                &p,
                Val::Raw(owner_reference_json(r)),
                "/v1, Kind=Event is disallowed from being an owner",
            );
        }
        if r.controller == Some(true) {
            let current = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => {
                    let all: Vec<String> = owners.iter().map(owner_reference_json).collect();
                    errs.invalid(
                        path,
                        Val::Raw(format!("[{}]", all.join(","))),
                        &format!("Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"),
                    );
                }
                None => first_controller = Some(current),
            }
        }
    }
}

/// `ValidateFinalizers`: each a qualified name (reported at the list's path), and not both
/// `orphan` and `foregroundDeletion`.
fn validate_finalizers(finalizers: &[String], path: &Path, errs: &mut Errs) {
    for finalizer in finalizers {
        for msg in is_qualified_name(finalizer) {
            errs.invalid(path, Val::Str(finalizer), &msg);
        }
    }
    let has = |f: &str| finalizers.iter().any(|x| x == f);
    if has("orphan") && has("foregroundDeletion") {
        let list: Vec<String> = finalizers.iter().map(|f| go_json_string(f)).collect();
        errs.invalid(
            path,
            Val::Raw(format!("[{}]", list.join(","))),
            "finalizer orphan and foregroundDeletion cannot be both set",
        );
    }
}

/// `ValidateLabels`: keys are qualified names, values label values; all reported at the map's
/// path, not per key.
pub(crate) fn validate_labels(
    labels: Option<&BTreeMap<String, String>>,
    path: &Path,
    errs: &mut Errs,
) {
    for (key, value) in labels.into_iter().flatten() {
        for msg in is_qualified_name(key) {
            errs.invalid(path, Val::Str(key), &msg);
        }
        for msg in is_valid_label_value(value) {
            errs.invalid(path, Val::Str(value), &msg);
        }
    }
}

/// `ValidateAnnotations`: keys are qualified names compared in lower case; total size capped.
pub(crate) fn validate_annotations(
    annotations: Option<&BTreeMap<String, String>>,
    path: &Path,
    errs: &mut Errs,
) {
    let Some(annotations) = annotations else {
        return;
    };
    for key in annotations.keys() {
        for msg in is_qualified_name(&key.to_lowercase()) {
            errs.invalid(path, Val::Str(key), &msg);
        }
    }
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}

/// `ValidateLabelSelector` (with invalid label values rejected, as on create).
pub(crate) fn validate_label_selector(selector: &LabelSelector, path: &Path, errs: &mut Errs) {
    validate_labels(
        selector.match_labels.as_ref(),
        &path.child("matchLabels"),
        errs,
    );
    for (i, req) in selector.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(i);
        let values = req.values.as_deref().unwrap_or(&[]);
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if values.is_empty() {
                    errs.required(
                        &p.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    );
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    errs.forbidden(
                        &p.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    );
                }
            }
            // A `LabelSelectorOperator`, not a plain string: printed as JSON.
            other => errs.invalid(
                &p.child("operator"),
                Val::Typed(other),
                "not a valid selector operator",
            ),
        }
        for msg in is_qualified_name(&req.key) {
            errs.invalid(&p.child("key"), Val::Str(&req.key), &msg);
        }
        for (j, value) in values.iter().enumerate() {
            for msg in is_valid_label_value(value) {
                errs.invalid(&p.child("values").index(j), Val::Str(value), &msg);
            }
        }
    }
}

/// A selector converted like `LabelSelectorAsSelector`: `None` when the conversion fails (the
/// server then skips the match checks), `Some(Nothing)` for a nil selector.
pub(crate) enum Selector<'a> {
    /// A nil selector matches nothing.
    Nothing,
    /// Requirements, all of which must hold (an empty list matches everything).
    Reqs(Vec<(&'a str, &'a str, Vec<&'a str>)>),
}

impl<'a> Selector<'a> {
    pub(crate) fn from(selector: Option<&'a LabelSelector>) -> Option<Self> {
        let Some(selector) = selector else {
            return Some(Selector::Nothing);
        };
        let mut reqs = Vec::new();
        for (k, v) in selector.match_labels.iter().flatten() {
            if !is_qualified_name(k).is_empty() || !is_valid_label_value(v).is_empty() {
                return None;
            }
            reqs.push((k.as_str(), "In", vec![v.as_str()]));
        }
        for req in selector.match_expressions.iter().flatten() {
            let values: Vec<&str> = req.values.iter().flatten().map(String::as_str).collect();
            let ok = match req.operator.as_str() {
                "In" | "NotIn" => !values.is_empty(),
                "Exists" | "DoesNotExist" => values.is_empty(),
                _ => false,
            };
            if !ok
                || !is_qualified_name(&req.key).is_empty()
                || values.iter().any(|v| !is_valid_label_value(v).is_empty())
            {
                return None;
            }
            reqs.push((req.key.as_str(), req.operator.as_str(), values));
        }
        Some(Selector::Reqs(reqs))
    }

    pub(crate) fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            Selector::Nothing => false,
            Selector::Reqs(reqs) => reqs.iter().all(|(key, op, values)| {
                let have = labels.get(*key).map(String::as_str);
                match *op {
                    "In" => have.is_some_and(|h| values.contains(&h)),
                    "NotIn" => have.is_none_or(|h| !values.contains(&h)),
                    "Exists" => have.is_some(),
                    _ => have.is_none(),
                }
            }),
        }
    }
}

/// Go's `encoding/json` of a `metav1.LabelSelector`, as 1.37 prints it for `spec.selector`
/// errors: `matchLabels`, `matchExpressions` and `values` are `omitempty`.
pub(crate) fn go_selector(selector: &LabelSelector) -> String {
    let mut parts = Vec::new();
    if let Some(labels) = selector.match_labels.as_ref().filter(|m| !m.is_empty()) {
        parts.push(format!("\"matchLabels\":{}", super::go_map(Some(labels))));
    }
    if let Some(list) = selector
        .match_expressions
        .as_ref()
        .filter(|l| !l.is_empty())
    {
        let items: Vec<String> = list
            .iter()
            .map(|r| {
                let mut item = format!(
                    "{{\"key\":{},\"operator\":{}",
                    go_json_string(&r.key),
                    go_json_string(&r.operator)
                );
                if let Some(values) = r.values.as_ref().filter(|v| !v.is_empty()) {
                    let v: Vec<String> = values.iter().map(|s| go_json_string(s)).collect();
                    item.push_str(&format!(",\"values\":[{}]", v.join(",")));
                }
                item.push('}');
                item
            })
            .collect();
        parts.push(format!("\"matchExpressions\":[{}]", items.join(",")));
    }
    format!("{{{}}}", parts.join(","))
}
