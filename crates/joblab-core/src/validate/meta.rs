//! Object metadata, labels, annotations and label selectors.
//!
//! Sources: apimachinery `pkg/api/validation/objectmeta.go` (`ValidateObjectMetaAccessor`,
//! `ValidateAnnotations`), `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabels`,
//! `ValidateLabelSelector`), `pkg/apis/meta/v1/helpers.go` (`LabelSelectorAsSelector`).

use std::collections::BTreeMap;

use super::names::{
    is_dns1123_label, is_qualified_name, is_valid_label_value, name_is_dns_subdomain,
};
use super::quote::go_quote;
use super::{Errs, Path, Val};
use crate::api::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

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
            other => errs.invalid(
                &p.child("operator"),
                Val::Str(other),
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

/// Go's `%#v` of a `metav1.LabelSelector`, as the server prints it for `spec.selector` errors.
pub(crate) fn go_selector(selector: &LabelSelector) -> String {
    let labels = super::go_map(selector.match_labels.as_ref());
    let exprs = match &selector.match_expressions {
        None => "[]v1.LabelSelectorRequirement(nil)".to_owned(),
        Some(list) => {
            let items: Vec<String> = list
                .iter()
                .map(|r| {
                    let values = match &r.values {
                        None => "[]string(nil)".to_owned(),
                        Some(v) => {
                            format!(
                                "[]string{{{}}}",
                                v.iter().map(|s| go_quote(s)).collect::<Vec<_>>().join(", ")
                            )
                        }
                    };
                    format!(
                        "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{values}}}",
                        go_quote(&r.key),
                        go_quote(&r.operator)
                    )
                })
                .collect();
            format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
        }
    };
    format!("v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{exprs}}}")
}
