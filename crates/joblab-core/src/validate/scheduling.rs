//! Where a Pod may run: affinity, tolerations, topology spread, node name, scheduling and
//! readiness gates, preemption policy, runtime class and the OS rules (k/k
//! `pkg/apis/core/validation/validation.go`: `validateAffinity` and what it calls,
//! `ValidateTolerations`, `validateTopologySpreadConstraints`, `validateReadinessGates`,
//! `validateSchedulingGates`, `ValidatePreemptionPolicy`, `ValidateRuntimeClassName`,
//! `validateOS`, `validateLinux`, `validateWindows`).
//!
//! The options are those of a create (`GetValidationOptionsFromPodSpecAndMeta` with no old Pod)
//! under the 1.37 default feature gates: invalid label values are rejected, `matchLabelKeys` of
//! topology spread use the selector-merge rules, `Lt`/`Gt` tolerations are not allowed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::api::apimachinery::pkg::apis::meta::v1::LabelSelector;
use crate::validate::meta::validate_label_selector;
use crate::validate::names::{
    is_dns1123_label, is_qualified_name, is_valid_label_value, name_is_dns_subdomain,
};
use crate::validate::podjson::{
    get, int, items, json_str, not_supported_typed, opt_int, opt_text, strings, text,
};
use crate::validate::{Errs, Path, Val};

/// `ValidateLabelName`: a qualified name, each message at `path`.
fn label_name(key: &str, path: &Path, errs: &mut Errs) {
    for msg in is_qualified_name(key) {
        errs.invalid(path, Val::Str(key), &msg);
    }
}

/// `ValidateQualifiedName`.
fn qualified_name(value: &str, path: &Path, errs: &mut Errs) {
    label_name(value, path, errs);
}

/// A label selector read from JSON, `None` when absent (a nil pointer).
fn selector(v: &Value, key: &str) -> Option<LabelSelector> {
    get(v, key).map(|s| serde_json::from_value(s.clone()).unwrap_or_default())
}

/// `ValidatePositiveField`.
fn positive(value: i64, path: &Path, errs: &mut Errs) {
    if value <= 0 {
        errs.invalid(path, Val::Int(value), "must be greater than zero");
    }
}

/// `validateAffinity`.
pub(super) fn validate_affinity(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(affinity) = get(spec, "affinity") else {
        return;
    };
    if let Some(na) = get(affinity, "nodeAffinity") {
        let np = path.child("nodeAffinity");
        if let Some(required) = get(na, "requiredDuringSchedulingIgnoredDuringExecution") {
            let tp = np
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            let terms = items(required, "nodeSelectorTerms");
            if terms.is_empty() {
                errs.required(&tp, "must have at least one node selector term");
            }
            for (i, term) in terms.iter().enumerate() {
                node_selector_term(term, false, &tp.index(i), errs);
            }
        }
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in items(na, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            let weight = int(term, "weight");
            if weight <= 0 || weight > 100 {
                errs.invalid(
                    &pp.index(i).child("weight"),
                    Val::Int(weight),
                    "must be in the range 1-100",
                );
            }
            // Preferred terms always allow invalid label values: they can still succeed on a
            // cluster with one node.
            let empty = Value::Null;
            let preference = get(term, "preference").unwrap_or(&empty);
            node_selector_term(preference, true, &pp.index(i).child("preference"), errs);
        }
    }
    for field in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = get(affinity, field) else {
            continue;
        };
        let fp = path.child(field);
        let rp = fp.child("requiredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in items(pa, "requiredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            pod_affinity_term(term, &rp.index(i), errs);
        }
        let pp = fp.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in items(pa, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            let weight = int(term, "weight");
            if weight <= 0 || weight > 100 {
                errs.invalid(
                    &pp.index(i).child("weight"),
                    Val::Int(weight),
                    "must be in the range 1-100",
                );
            }
            let empty = Value::Null;
            let inner = get(term, "podAffinityTerm").unwrap_or(&empty);
            pod_affinity_term(inner, &pp.index(i).child("podAffinityTerm"), errs);
        }
    }
}

/// `ValidateNodeSelectorTerm`.
fn node_selector_term(term: &Value, allow_invalid_values: bool, path: &Path, errs: &mut Errs) {
    for (j, req) in items(term, "matchExpressions").iter().enumerate() {
        let rp = path.child("matchExpressions").index(j);
        let values = strings(req, "values");
        let op = text(req, "operator");
        match op {
            "In" | "NotIn" if values.is_empty() => errs.required(
                &rp.child("values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            ),
            "Exists" | "DoesNotExist" if !values.is_empty() => errs.forbidden(
                &rp.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
            "Gt" | "Lt" if values.len() != 1 => errs.required(
                &rp.child("values"),
                "must be specified single value when `operator` is 'Lt' or 'Gt'",
            ),
            "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
            other => errs.invalid(
                &rp.child("operator"),
                json_str(other),
                "not a valid selector operator",
            ),
        }
        label_name(text(req, "key"), &rp.child("key"), errs);
        if !allow_invalid_values {
            for (k, value) in values.iter().enumerate() {
                for msg in is_valid_label_value(value) {
                    errs.invalid(&rp.child("values").index(k), Val::Str(value), &msg);
                }
            }
        }
    }
    for (j, req) in items(term, "matchFields").iter().enumerate() {
        let rp = path.child("matchFields").index(j);
        let values = strings(req, "values");
        match text(req, "operator") {
            "In" | "NotIn" => {
                if values.len() != 1 {
                    errs.required(
                        &rp.child("values"),
                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                    );
                }
            }
            other => errs.invalid(
                &rp.child("operator"),
                json_str(other),
                "not a valid selector operator",
            ),
        }
        let key = text(req, "key");
        if key == "metadata.name" {
            for (k, value) in values.iter().enumerate() {
                for msg in name_is_dns_subdomain(value, false) {
                    errs.invalid(&rp.child("values").index(k), Val::Str(value), &msg);
                }
            }
        } else {
            errs.invalid(
                &rp.child("key"),
                Val::Str(key),
                "not a valid field selector key",
            );
        }
    }
}

/// `validatePodAffinityTerm`.
fn pod_affinity_term(term: &Value, path: &Path, errs: &mut Errs) {
    let label_selector = selector(term, "labelSelector");
    if let Some(sel) = label_selector.as_ref() {
        validate_label_selector(sel, &path.child("labelSelector"), errs);
    }
    if let Some(sel) = selector(term, "namespaceSelector") {
        validate_label_selector(&sel, &path.child("namespaceSelector"), errs);
    }
    // The server reports bad namespaces at `namespace`, not `namespaces`.
    for name in strings(term, "namespaces") {
        for msg in is_dns1123_label(name) {
            errs.invalid(&path.child("namespace"), Val::Str(name), &msg);
        }
    }
    match_label_keys(
        path,
        &strings(term, "matchLabelKeys"),
        &strings(term, "mismatchLabelKeys"),
        label_selector.as_ref(),
        errs,
    );
    let key = text(term, "topologyKey");
    if key.is_empty() {
        errs.required(&path.child("topologyKey"), "can not be empty");
    }
    label_name(key, &path.child("topologyKey"), errs);
}

/// `ValidateMatchLabelKeysAndMismatchLabelKeys`. A key in both `matchLabelKeys` and the
/// selector's expressions is reported at `path[i]` (the term's own path indexed, as upstream).
fn match_label_keys(
    path: &Path,
    match_keys: &[&str],
    mismatch_keys: &[&str],
    sel: Option<&LabelSelector>,
    errs: &mut Errs,
) {
    for (field, keys) in [
        ("matchLabelKeys", match_keys),
        ("mismatchLabelKeys", mismatch_keys),
    ] {
        if keys.is_empty() {
            continue;
        }
        let kp = path.child(field);
        if sel.is_none() {
            errs.forbidden(&kp, "must not be specified when labelSelector is not set");
            continue;
        }
        for (i, key) in keys.iter().enumerate() {
            label_name(key, &kp.index(i), errs);
        }
    }
    if let Some(sel) = sel {
        let index: BTreeMap<&str, usize> = match_keys
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i))
            .collect();
        let mut seen: BTreeSet<&str> = sel
            .match_labels
            .iter()
            .flatten()
            .map(|(k, _)| k.as_str())
            .collect();
        for req in sel.match_expressions.iter().flatten() {
            let key = req.key.as_str();
            if let Some(&i) = index.get(key) {
                if seen.contains(key) {
                    errs.invalid(
                        &path.index(i),
                        Val::Str(key),
                        "exists in both matchLabelKeys and labelSelector",
                    );
                }
            }
            seen.insert(key);
        }
    }
    let mismatch: BTreeSet<&str> = mismatch_keys.iter().copied().collect();
    for (i, key) in match_keys.iter().enumerate() {
        if mismatch.contains(key) {
            errs.invalid(
                &path.child("matchLabelKeys").index(i),
                Val::Str(key),
                "exists in both matchLabelKeys and mismatchLabelKeys",
            );
        }
    }
}

/// `ValidateTolerations` (`Lt` and `Gt` not allowed: the `TaintTolerationComparisonOperators`
/// gate is off).
pub(super) fn validate_tolerations(spec: &Value, path: &Path, errs: &mut Errs) {
    for (i, tol) in items(spec, "tolerations").iter().enumerate() {
        let p = path.index(i);
        let key = text(tol, "key");
        let op = text(tol, "operator");
        let value = text(tol, "value");
        let effect = text(tol, "effect");
        if !key.is_empty() {
            label_name(key, &p.child("key"), errs);
        }
        if key.is_empty() && op != "Exists" {
            errs.invalid(
                &p.child("operator"),
                json_str(op),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if opt_int(tol, "tolerationSeconds").is_some() && effect != "NoExecute" {
            errs.invalid(
                &p.child("effect"),
                json_str(effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        match op {
            "Equal" | "" => {
                let msgs = is_valid_label_value(value);
                if !msgs.is_empty() {
                    errs.invalid(&p.child("operator"), Val::Str(value), &msgs.join(";"));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.invalid(
                        &p.child("operator"),
                        Val::Str(value),
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            "Lt" | "Gt" => not_supported_typed(
                errs,
                &p.child("operator"),
                op,
                &["Equal", "Exists", "Lt", "Gt"],
            ),
            other => not_supported_typed(errs, &p.child("operator"), other, &["Equal", "Exists"]),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute")
        {
            not_supported_typed(
                errs,
                &p.child("effect"),
                effect,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            );
        }
    }
}

/// `validateTopologySpreadConstraints`.
pub(super) fn validate_topology_spread(spec: &Value, path: &Path, errs: &mut Errs) {
    let constraints = items(spec, "topologySpreadConstraints");
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        positive(int(c, "maxSkew"), &p.child("maxSkew"), errs);
        let key = text(c, "topologyKey");
        if key.is_empty() {
            errs.required(&p.child("topologyKey"), "can not be empty");
        }
        let action = text(c, "whenUnsatisfiable");
        if !matches!(action, "DoNotSchedule" | "ScheduleAnyway") {
            not_supported_typed(
                errs,
                &p.child("whenUnsatisfiable"),
                action,
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        let repeated = constraints[i + 1..]
            .iter()
            .any(|r| text(r, "topologyKey") == key && text(r, "whenUnsatisfiable") == action);
        if repeated {
            errs.duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                Val::Str(&format!("{{{key}, {action}}}")),
            );
        }
        if let Some(min) = opt_int(c, "minDomains") {
            let mp = p.child("minDomains");
            positive(min, &mp, errs);
            if action != "DoNotSchedule" {
                errs.invalid(
                    &mp,
                    Val::Int(min),
                    &format!(
                        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"
                    ),
                );
            }
        }
        for field in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some(policy) = opt_text(c, field) {
                if !matches!(policy, "Honor" | "Ignore") {
                    not_supported_typed(errs, &p.child(field), policy, &["Honor", "Ignore"]);
                }
            }
        }
        let sel = selector(c, "labelSelector");
        match_label_keys(&p, &strings(c, "matchLabelKeys"), &[], sel.as_ref(), errs);
        if let Some(sel) = sel.as_ref() {
            validate_label_selector(sel, &p.child("labelSelector"), errs);
        }
    }
}

/// `validateReadinessGates` and `validateSchedulingGates`.
pub(super) fn validate_gates(spec: &Value, path: &Path, errs: &mut Errs) {
    let rp = path.child("readinessGates");
    for (i, gate) in items(spec, "readinessGates").iter().enumerate() {
        qualified_name(
            text(gate, "conditionType"),
            &rp.index(i).child("conditionType"),
            errs,
        );
    }
    let sp = path.child("schedulingGates");
    let mut seen = BTreeSet::new();
    for (i, gate) in items(spec, "schedulingGates").iter().enumerate() {
        let name = text(gate, "name");
        qualified_name(name, &sp.index(i), errs);
        if !seen.insert(name) {
            errs.duplicate(&sp.index(i), Val::Str(name));
        }
    }
}

/// `nodeName`, `runtimeClassName` and `preemptionPolicy`, each checked where `ValidatePodSpec`
/// checks it.
pub(super) fn validate_node_name(spec: &Value, path: &Path, errs: &mut Errs) {
    let name = text(spec, "nodeName");
    if !name.is_empty() {
        for msg in name_is_dns_subdomain(name, false) {
            errs.invalid(&path.child("nodeName"), Val::Str(name), &msg);
        }
    }
}

/// `ValidateRuntimeClassName` (an empty name is checked too: it is a non-nil pointer) and
/// `ValidatePreemptionPolicy`.
pub(super) fn validate_runtime_and_preemption(spec: &Value, path: &Path, errs: &mut Errs) {
    if let Some(name) = opt_text(spec, "runtimeClassName") {
        for msg in name_is_dns_subdomain(name, false) {
            errs.invalid(&path.child("runtimeClassName"), Val::Str(name), &msg);
        }
    }
    if let Some(policy) = opt_text(spec, "preemptionPolicy") {
        let pp = path.child("preemptionPolicy");
        match policy {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.required(&pp, ""),
            other => not_supported_typed(errs, &pp, other, &["PreemptLowerPriority", "Never"]),
        }
    }
}

/// Every container of the Pod with its path, in `VisitContainersWithPath` order: init
/// containers, containers, ephemeral containers.
fn all_containers<'a>(spec: &'a Value, path: &Path) -> Vec<(&'a Value, Path)> {
    let mut out = Vec::new();
    for field in ["initContainers", "containers", "ephemeralContainers"] {
        for (i, c) in items(spec, field).iter().enumerate() {
            out.push((c, path.child(field).index(i)));
        }
    }
    out
}

/// `validateOS`, then `validateLinux` or `validateWindows` when the name is valid.
pub(super) fn validate_os(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(os) = get(spec, "os") else {
        return;
    };
    let op = path.child("os");
    let name = text(os, "name");
    if name.is_empty() {
        errs.required(&op.child("name"), "");
        return;
    }
    let empty = Value::Null;
    let psc = get(spec, "securityContext");
    match name {
        "linux" => {
            const WHY: &str = "windows options cannot be set for a linux pod";
            if psc.and_then(|s| get(s, "windowsOptions")).is_some() {
                errs.forbidden(&path.child("securityContext").child("windowsOptions"), WHY);
            }
            for (c, cp) in all_containers(spec, path) {
                let sc = get(c, "securityContext").unwrap_or(&empty);
                if get(sc, "windowsOptions").is_some() {
                    errs.forbidden(&cp.child("securityContext").child("windowsOptions"), WHY);
                }
            }
        }
        "windows" => {
            const WHY: &str = "cannot be set for a windows pod";
            if let Some(sc) = psc {
                let sp = path.child("securityContext");
                for field in [
                    "appArmorProfile",
                    "seLinuxOptions",
                    "seccompProfile",
                    "fsGroup",
                    "fsGroupChangePolicy",
                ] {
                    if get(sc, field).is_some() {
                        errs.forbidden(&sp.child(field), WHY);
                    }
                }
                if !items(sc, "sysctls").is_empty() {
                    errs.forbidden(&sp.child("sysctls"), WHY);
                }
                for field in [
                    "runAsUser",
                    "runAsGroup",
                    "supplementalGroups",
                    "supplementalGroupsPolicy",
                    "seLinuxChangePolicy",
                ] {
                    if get(sc, field).is_some() {
                        errs.forbidden(&sp.child(field), WHY);
                    }
                }
            }
            if get(spec, "hostUsers").is_some() {
                errs.forbidden(&path.child("hostUsers"), WHY);
            }
            for field in ["hostPID", "hostIPC"] {
                if crate::validate::podjson::flag(spec, field) {
                    errs.forbidden(&path.child(field), WHY);
                }
            }
            if get(spec, "shareProcessNamespace").is_some() {
                errs.forbidden(&path.child("shareProcessNamespace"), WHY);
            }
            for (c, cp) in all_containers(spec, path) {
                let Some(sc) = get(c, "securityContext") else {
                    continue;
                };
                let sp = cp.child("securityContext");
                for field in [
                    "appArmorProfile",
                    "seLinuxOptions",
                    "seccompProfile",
                    "capabilities",
                    "readOnlyRootFilesystem",
                    "privileged",
                    "allowPrivilegeEscalation",
                    "procMount",
                    "runAsUser",
                    "runAsGroup",
                ] {
                    if get(sc, field).is_some() {
                        errs.forbidden(&sp.child(field), WHY);
                    }
                }
            }
        }
        other => not_supported_typed(errs, &op, other, &["linux", "windows"]),
    }
}
