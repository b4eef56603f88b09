//! Container `resources` and `resizePolicy` (k/k `validation.go`:
//! `ValidateContainerResourceRequirements`, `validateResourceRequirements`,
//! `ValidateContainerResourceName`, `validateResourceName`, `ValidateResourceQuantityValue`,
//! `validateResourceQuantityHugePageValue`, `validateResourceClaimNames`,
//! `validateResizePolicy`; `pkg/apis/core/helper/helpers.go` for the resource-name classes).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::json::{get, items, json_str, not_supported_typed, text};
use super::PodContext;
use crate::validate::names::{is_dns1123_label, is_qualified_name};
use crate::validate::quantity::{self, Quantity};
use crate::validate::{Errs, Path, Val};

/// `standardResources`: the names a resource list may use without a domain.
pub(crate) const STANDARD_RESOURCES: [&str; 20] = [
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

/// `integerResources`: counted objects, never fractional.
pub(crate) const INTEGER_RESOURCES: [&str; 9] = [
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
];

/// Whether `name` is a hugepages resource (`hugepages-<size>`).
pub(crate) fn is_huge_pages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// `IsNativeResource`: unprefixed or under `kubernetes.io/`.
pub(crate) fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsExtendedResourceName`.
pub(crate) fn is_extended(name: &str) -> bool {
    !is_native(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// `IsOvercommitAllowed`: requests may be below limits only for native, non-hugepage resources.
pub(crate) fn is_overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_huge_pages(name)
}

/// `ValidateContainerResourceName` (which keeps going after `validateResourceName`'s errors).
fn validate_resource_name(name: &str, path: &Path, errs: &mut Errs) {
    let msgs = is_qualified_name(name);
    let unprefixed = !name.contains('/');
    if !msgs.is_empty() {
        for msg in msgs {
            errs.invalid(path, json_str(name), &msg);
        }
    } else if unprefixed
        && !STANDARD_RESOURCES.contains(&name)
        && !is_huge_pages(name)
        && !name.starts_with("requests.hugepages-")
    {
        errs.invalid(
            path,
            json_str(name),
            "must be a standard resource type or fully qualified",
        );
    }
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

/// A quantity as the server holds it after `SetDefaults_ResourceList` rounded it up to
/// milli-units. Shared with the Pod-level lists (`validate::pod_resources`).
pub(crate) fn parse_quantity(raw: &Value) -> Result<Quantity, (String, &'static str)> {
    let text = match raw {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match quantity::parse(&text) {
        Ok(q) => Ok(q.rounded_up_to_milli()),
        Err(msg) => Err((text, msg)),
    }
}

/// `IsHugePageResourceValueDivisible`.
pub(crate) fn huge_page_divisible(name: &str, q: &Quantity) -> bool {
    let Some(size) = name.strip_prefix("hugepages-") else {
        return true;
    };
    let Ok(page) = quantity::parse(size) else {
        return false;
    };
    let unit: i128 = 1_000_000_000;
    if page.nanos <= 0 || page.nanos % unit != 0 {
        return false;
    }
    // `Quantity.Value()` rounds up to a whole unit.
    let value = q
        .nanos
        .div_euclid(unit)
        .saturating_add(i128::from(q.nanos.rem_euclid(unit) != 0));
    value % (page.nanos / unit) == 0
}

/// One list's names and quantities; returns the quantities that parsed, by name, and whether
/// it has cpu or memory and whether it has hugepages.
fn validate_list(
    list: Option<&Value>,
    path: &Path,
    errs: &mut Errs,
) -> (BTreeMap<String, Option<Quantity>>, bool, bool) {
    let mut out = BTreeMap::new();
    let (mut cpu_or_memory, mut huge_pages) = (false, false);
    for (name, raw) in list.and_then(Value::as_object).into_iter().flatten() {
        let p = path.key(name);
        validate_resource_name(name, &p, errs);
        // The server rejects an unparsable quantity while decoding the request body; the message
        // is the parser's.
        let parsed = match parse_quantity(raw) {
            Ok(q) => Some(q),
            Err((text, msg)) => {
                errs.invalid(&p, Val::Str(&text), msg);
                None
            }
        };
        if let Some(q) = &parsed {
            if q.nanos < 0 {
                errs.invalid(
                    &p,
                    Val::Str(&q.canonical()),
                    "must be greater than or equal to 0",
                );
            }
            if (INTEGER_RESOURCES.contains(&name.as_str()) || is_extended(name)) && !q.is_integer()
            {
                errs.invalid(&p, Val::Str(&q.canonical()), "must be an integer");
            }
        }
        if is_huge_pages(name) {
            huge_pages = true;
        }
        if matches!(name.as_str(), "cpu" | "memory") {
            cpu_or_memory = true;
        }
        out.insert(name.clone(), parsed);
    }
    (out, cpu_or_memory, huge_pages)
}

/// Reports a hugepages quantity that is not a whole number of pages.
fn validate_huge_page_values(
    list: &BTreeMap<String, Option<Quantity>>,
    path: &Path,
    errs: &mut Errs,
) {
    for (name, q) in list {
        if let Some(q) = q
            .as_ref()
            .filter(|q| is_huge_pages(name) && !huge_page_divisible(name, q))
        {
            let shown = q.canonical();
            errs.invalid(
                &path.key(name),
                Val::Str(&shown),
                &format!("{shown} is not positive integer multiple of {name}"),
            );
        }
    }
}

/// `validateResourceRequirements` for a container.
pub(super) fn validate_resources(res: &Value, ctx: &PodContext<'_>, path: &Path, errs: &mut Errs) {
    validate_container_resource_requirements(res, &ctx.claim_names, path, errs);
}

/// `ValidateContainerResourceRequirements` of the JSON `res` (`limits`, `requests`, `claims`)
/// at `path`, with the Pod's resource claim names. `validateOverhead` runs it on
/// `{limits: overhead}` with no claims.
pub(crate) fn validate_container_resource_requirements(
    res: &Value,
    claim_names: &BTreeSet<String>,
    path: &Path,
    errs: &mut Errs,
) {
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let (limits, lim_cm, lim_hp) = validate_list(get(res, "limits"), &lim_path, errs);
    validate_huge_page_values(&limits, &lim_path, errs);
    let (requests, req_cm, req_hp) = validate_list(get(res, "requests"), &req_path, errs);
    for (name, request) in &requests {
        match limits.get(name) {
            Some(limit) => {
                let (Some(request), Some(limit)) = (request, limit) else {
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
    validate_huge_page_values(&requests, &req_path, errs);
    if !lim_cm && !req_cm && (req_hp || lim_hp) {
        errs.forbidden(path, "HugePages require cpu or memory");
    }
    validate_claims(
        items(res, "claims"),
        claim_names,
        &path.child("claims"),
        errs,
    );
}

/// `validateResourceClaimNames`: each claim names one of the Pod's resource claims, once.
fn validate_claims(claims: &[Value], claim_names: &BTreeSet<String>, path: &Path, errs: &mut Errs) {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for (i, claim) in claims.iter().enumerate() {
        let p = path.index(i);
        let name = text(claim, "name");
        let request = text(claim, "request");
        if name.is_empty() {
            errs.required(&p, "");
            continue;
        }
        if names.contains(name) {
            errs.duplicate(&p, Val::Str(name));
        } else {
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
                // A whole claim overlaps any of its requests named before.
                for earlier in &names {
                    if earlier
                        .split_once('/')
                        .is_some_and(|(claim, _)| claim == name)
                    {
                        errs.duplicate(&p, Val::Str(name));
                    }
                }
            }
            names.insert(key);
        }
        if !claim_names.contains(name) {
            let detail = if claim_names.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_owned()
            } else {
                let list: Vec<&str> = claim_names.iter().map(String::as_str).collect();
                format!(
                    "must be one of the names in pod.spec.resourceClaims: {}",
                    list.join(", ")
                )
            };
            errs.not_found(&p, Val::Str(name));
            if let Some(last) = errs.0.last_mut() {
                last.detail = format!("{}: {detail}", last.detail);
            }
        }
    }
}

/// `validateResizePolicy`: errors are reported at `resizePolicy` itself, except duplicates.
pub(super) fn validate_resize_policy(
    ctr: &Value,
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let mut seen = BTreeSet::new();
    for (i, policy) in items(ctr, "resizePolicy").iter().enumerate() {
        let resource = text(policy, "resourceName");
        if !seen.insert(resource) {
            errs.duplicate(&path.index(i), json_str(resource));
        }
        match resource {
            "cpu" | "memory" => {}
            "" => errs.required(path, ""),
            other => not_supported_typed(errs, path, other, &["cpu", "memory"]),
        }
        let restart = text(policy, "restartPolicy");
        match restart {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.required(path, ""),
            other => not_supported_typed(errs, path, other, &["NotRequired", "RestartContainer"]),
        }
        if ctx.restart_policy == "Never" && restart != "NotRequired" {
            errs.invalid(
                path,
                json_str(restart),
                "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
            );
        }
    }
}
