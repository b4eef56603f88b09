//! The Pod-level resource lists: `overhead` and `resources` (k/k
//! `pkg/apis/core/validation/validation.go`: `validateOverhead`, `validatePodResources`,
//! `validateResourceRequirements`, `validatePodResourceName`, `ValidateContainerResourceName`,
//! `validateResourceClaimNames`).
//!
//! The resource-name predicates, the hugepage divisibility rule and the quantity reading are the
//! container module's (`container/resources.rs`); the name and list rules that differ for the
//! Pod level are here.
//!
//! `validatePodResourceConsistency` compares the Pod-level lists with the containers' aggregate,
//! as `k8s.io/component-helpers/resource` computes it for sidecars and init containers.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::container::resources::{
    huge_page_divisible, is_extended, is_huge_pages, is_native, is_overcommit_allowed,
    parse_quantity, INTEGER_RESOURCES, STANDARD_RESOURCES,
};
use crate::validate::names::{is_dns1123_label, is_qualified_name};
use crate::validate::podjson::{get, items, json_str, not_supported_typed, text};
use crate::validate::quantity::Quantity;
use crate::validate::{Errs, Path, Val};

/// Which resource names a list accepts.
#[derive(Clone, Copy)]
enum NameRule {
    /// `ValidateContainerResourceName` (overhead reuses the container rules).
    Container,
    /// `validatePodResourceName`: cpu, memory and hugepages only.
    Pod,
}

/// The resource name rules; each message at `path`.
fn validate_name(name: &str, rule: NameRule, path: &Path, errs: &mut Errs) {
    let msgs = is_qualified_name(name);
    let unprefixed = !name.contains('/');
    let mut failed = !msgs.is_empty();
    for msg in msgs {
        errs.invalid(path, json_str(name), &msg);
    }
    // `validateResourceName`: an unprefixed name must be a standard one.
    if !failed
        && unprefixed
        && !STANDARD_RESOURCES.contains(&name)
        && !is_huge_pages(name)
        && !name.starts_with("requests.hugepages-")
    {
        errs.invalid(
            path,
            json_str(name),
            "must be a standard resource type or fully qualified",
        );
        failed = true;
    }
    match rule {
        // `ValidateContainerResourceName` keeps going after `validateResourceName`'s errors.
        NameRule::Container => {
            if unprefixed {
                if !matches!(name, "cpu" | "memory" | "ephemeral-storage") && !is_huge_pages(name) {
                    errs.invalid(
                        path,
                        json_str(name),
                        "must be a standard resource for containers",
                    );
                }
            } else if !is_native(name) && !is_extended(name) {
                errs.invalid(
                    path,
                    json_str(name),
                    "doesn't follow extended resource name standard",
                );
            }
        }
        NameRule::Pod => {
            if !failed && !matches!(name, "cpu" | "memory") && !is_huge_pages(name) {
                not_supported_typed(errs, path, name, &["cpu", "hugepages-", "memory"]);
            }
        }
    }
}

/// One list's names and quantities: the quantities that parsed, by name, and whether the list
/// has cpu or memory and whether it has hugepages.
fn validate_list(
    list: Option<&Value>,
    rule: NameRule,
    path: &Path,
    errs: &mut Errs,
) -> (BTreeMap<String, Quantity>, bool, bool) {
    let mut out = BTreeMap::new();
    let (mut cpu_or_memory, mut huge_pages) = (false, false);
    for (name, raw) in list.and_then(Value::as_object).into_iter().flatten() {
        let p = path.key(name);
        validate_name(name, rule, &p, errs);
        match parse_quantity(raw) {
            Ok(q) => {
                if q.nanos < 0 {
                    errs.invalid(
                        &p,
                        Val::Str(&q.canonical()),
                        "must be greater than or equal to 0",
                    );
                }
                if (INTEGER_RESOURCES.contains(&name.as_str()) || is_extended(name))
                    && !q.is_integer()
                {
                    errs.invalid(&p, Val::Str(&q.canonical()), "must be an integer");
                }
                if is_huge_pages(name) && !huge_page_divisible(name, &q) {
                    let shown = q.canonical();
                    errs.invalid(
                        &p,
                        Val::Str(&shown),
                        &format!("{shown} is not positive integer multiple of {name}"),
                    );
                }
                out.insert(name.clone(), q);
            }
            // The server rejects an unparsable quantity while decoding the request body; the
            // message is the parser's.
            Err((text, msg)) => errs.invalid(&p, Val::Str(&text), msg),
        }
        huge_pages |= is_huge_pages(name);
        cpu_or_memory |= matches!(name.as_str(), "cpu" | "memory");
    }
    (out, cpu_or_memory, huge_pages)
}

/// `validateResourceRequirements` with the given name rule; `claims` are the Pod's claim names
/// when the list's `claims` are checked.
fn validate_requirements(
    res: &Value,
    rule: NameRule,
    claims: Option<&BTreeSet<&str>>,
    path: &Path,
    errs: &mut Errs,
) {
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let (limits, lim_cm, lim_hp) = validate_list(get(res, "limits"), rule, &lim_path, errs);
    let (requests, req_cm, req_hp) = validate_list(get(res, "requests"), rule, &req_path, errs);
    let request_names: Vec<&String> = get(res, "requests")
        .and_then(Value::as_object)
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    for name in request_names {
        let limit_set = get(res, "limits")
            .and_then(Value::as_object)
            .is_some_and(|m| m.contains_key(name.as_str()));
        if !limit_set {
            if !is_overcommit_allowed(name) {
                errs.required(
                    &lim_path,
                    "Limit must be set for non overcommitable resources",
                );
            }
            continue;
        }
        let (Some(request), Some(limit)) = (requests.get(name), limits.get(name)) else {
            continue;
        };
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
    if !lim_cm && !req_cm && (req_hp || lim_hp) {
        errs.forbidden(path, "HugePages require cpu or memory");
    }
    if let Some(claims) = claims {
        validate_claim_names(items(res, "claims"), claims, &path.child("claims"), errs);
    }
}

/// `validateResourceClaimNames`: each entry names one of the Pod's claims (and optionally a
/// request of it), once.
fn validate_claim_names(list: &[Value], pod_claims: &BTreeSet<&str>, path: &Path, errs: &mut Errs) {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for (i, claim) in list.iter().enumerate() {
        let p = path.index(i);
        let name = text(claim, "name");
        if name.is_empty() {
            errs.required(&p, "");
            continue;
        }
        if names.contains(name) {
            errs.duplicate(&p, Val::Str(name));
        } else {
            let request = text(claim, "request");
            let mut key = name.to_owned();
            if !request.is_empty() {
                for msg in is_dns1123_label(request) {
                    errs.invalid(&p.child("request"), Val::Str(request), &msg);
                }
                key = format!("{name}/{request}");
            }
            if names.contains(&key) {
                errs.duplicate(&p, Val::Str(&key));
            } else if request.is_empty() {
                for existing in &names {
                    if existing.split_once('/').is_some_and(|(n, _)| n == name) {
                        errs.duplicate(&p, Val::Str(name));
                    }
                }
            }
            names.insert(key);
        }
        if !pod_claims.contains(name) {
            let list: Vec<&str> = pod_claims.iter().copied().collect();
            let detail = if list.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_owned()
            } else {
                format!(
                    "must be one of the names in pod.spec.resourceClaims: {}",
                    list.join(", ")
                )
            };
            errs.not_found(&p, Val::Str(name));
            if let Some(last) = errs.0.last_mut() {
                last.detail = format!("{}: {detail}", crate::validate::quote::go_quote(name));
            }
        }
    }
}

/// `validateOverhead`: the container resource rules on `limits`.
pub(super) fn validate_overhead(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(overhead) = get(spec, "overhead") else {
        return;
    };
    let as_requirements = serde_json::json!({ "limits": overhead });
    validate_requirements(
        &as_requirements,
        NameRule::Container,
        None,
        &path.child("overhead"),
        errs,
    );
}

/// `validatePodResources` (the `PodLevelResources` gate is on): not on Windows; no claims; cpu,
/// memory and hugepages with the usual request and limit rules.
pub(super) fn validate_pod_resources(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(res) = get(spec, "resources") else {
        return;
    };
    let rp = path.child("resources");
    if get(spec, "os").is_some_and(|os| text(os, "name") == "windows") {
        return errs.forbidden(&rp, "may not be set for a windows pod");
    }
    if get(res, "claims").is_some() {
        errs.forbidden(
            &rp.child("claims"),
            "claims may not be set for Resources at pod-level",
        );
    }
    let claims: BTreeSet<&str> = items(spec, "resourceClaims")
        .iter()
        .map(|c| text(c, "name"))
        .filter(|n| !n.is_empty())
        .collect();
    validate_requirements(res, NameRule::Pod, Some(&claims), &rp, errs);
    validate_consistency(spec, res, &rp, errs);
}

/// A resource list (`requests` or `limits` of `res`) as the server holds it (rounded up to
/// milli-units); a quantity that does not parse never gets past decoding, so it is left out.
fn resource_list(res: Option<&Value>, which: &str) -> BTreeMap<String, Quantity> {
    res.and_then(|r| get(r, which))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, raw)| parse_quantity(raw).ok().map(|q| (name.clone(), q)))
        .collect()
}

/// A container's `resources.requests` or `resources.limits`.
fn container_list(ctr: &Value, which: &str) -> BTreeMap<String, Quantity> {
    resource_list(get(ctr, "resources"), which)
}

/// `addResourceList`: a sum keeps the notation of the quantity already in the list.
fn add_list(list: &mut BTreeMap<String, Quantity>, more: &BTreeMap<String, Quantity>) {
    for (name, q) in more {
        list.entry(name.clone())
            .and_modify(|have| have.nanos += q.nanos)
            .or_insert(*q);
    }
}

/// `maxResourceList`: the greater quantity wins, with its own notation.
fn max_list(list: &mut BTreeMap<String, Quantity>, more: &BTreeMap<String, Quantity>) {
    for (name, q) in more {
        match list.get(name) {
            Some(have) if q.nanos <= have.nanos => {}
            _ => {
                list.insert(name.clone(), *q);
            }
        }
    }
}

/// `aggregateContainerResourcesByFn` (k8s.io/component-helpers `resource/helpers.go`) over the
/// spec: the regular containers and the sidecars (restartable init containers) add up; each
/// other init container needs its own resources plus the sidecars started before it; the Pod
/// needs the larger of the two.
fn aggregate(spec: &Value, which: &str) -> BTreeMap<String, Quantity> {
    let mut result = BTreeMap::new();
    for ctr in items(spec, "containers") {
        add_list(&mut result, &container_list(ctr, which));
    }
    let mut sidecars = BTreeMap::new();
    let mut init = BTreeMap::new();
    for ctr in items(spec, "initContainers") {
        let own = container_list(ctr, which);
        let usage = if text(ctr, "restartPolicy") == "Always" {
            add_list(&mut result, &own);
            add_list(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut combined = own;
            add_list(&mut combined, &sidecars);
            combined
        };
        max_list(&mut init, &usage);
    }
    max_list(&mut result, &init);
    result
}

/// `validatePodResourceConsistency`: Pod-level requests cover the containers' aggregate
/// requests, Pod-level hugepage limits their aggregate limits, and no regular container's limit
/// exceeds the Pod's. The path of the last one is the server's own,
/// `resources.containers[i][name].limits`.
fn validate_consistency(spec: &Value, res: &Value, rp: &Path, errs: &mut Errs) {
    let pod_requests = resource_list(Some(res), "requests");
    let pod_limits = resource_list(Some(res), "limits");
    for (name, needed) in aggregate(spec, "requests") {
        if let Some(pod) = pod_requests
            .get(&name)
            .filter(|pod| needed.nanos > pod.nanos)
        {
            errs.invalid(
                &rp.child("requests").key(&name),
                Val::Str(&pod.canonical()),
                &format!(
                    "must be greater than or equal to aggregate container requests of {}",
                    needed.canonical()
                ),
            );
        }
    }
    for (name, needed) in aggregate(spec, "limits") {
        if !is_huge_pages(&name) {
            continue;
        }
        if let Some(pod) = pod_limits.get(&name).filter(|pod| needed.nanos > pod.nanos) {
            errs.invalid(
                &rp.child("limits").key(&name),
                Val::Str(&pod.canonical()),
                &format!(
                    "must be greater than or equal to aggregate container limits of {}",
                    needed.canonical()
                ),
            );
        }
    }
    for (i, ctr) in items(spec, "containers").iter().enumerate() {
        for (name, limit) in container_list(ctr, "limits") {
            if let Some(pod) = pod_limits.get(&name).filter(|pod| limit.nanos > pod.nanos) {
                errs.invalid(
                    &rp.child("containers").index(i).key(&name).child("limits"),
                    Val::Str(&limit.canonical()),
                    &format!(
                        "must be less than or equal to pod limits of {}",
                        pod.canonical()
                    ),
                );
            }
        }
    }
}
