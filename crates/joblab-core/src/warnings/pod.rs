//! The Pod template's server warnings: k/k `pkg/api/pod/warnings.go`
//! (`warningsForPodSpecAndMeta`), read from the Job's JSON since the slim model lacks much of
//! the Pod spec. The server computes them on the defaulted object, so an absent port protocol
//! counts as `TCP` here.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::warn;
use crate::validate::quantity;
use crate::validate::FieldError;

const NO_ITEMS: &[Value] = &[];

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(NO_ITEMS, Vec::as_slice)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn int(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn is_null(v: &Value, key: &str) -> bool {
    v.get(key).is_none_or(Value::is_null)
}

/// `deprecatedNodeLabels` (k/k `pkg/api/node/util.go`).
fn deprecated_node_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "beta.kubernetes.io/arch" => "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
        "beta.kubernetes.io/os" => "deprecated since v1.14; use \"kubernetes.io/os\" instead",
        "failure-domain.beta.kubernetes.io/region" => {
            "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead"
        }
        "failure-domain.beta.kubernetes.io/zone" => {
            "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead"
        }
        "beta.kubernetes.io/instance-type" => {
            "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead"
        }
        "app.kubernetes.io/created-by" => "deprecated since v1.9",
        "scheduler.alpha.kubernetes.io/preferAvoidPods" => {
            "deprecated since v1.22; use Taints and Tolerations instead"
        }
        "node-role.kubernetes.io/master" => "use \"node-role.kubernetes.io/control-plane\" instead",
        _ => return None,
    })
}

/// `GetWarningsForNodeSelectorTerm`.
fn node_selector_term(term: &Value, check_values: bool, path: &str, out: &mut Vec<FieldError>) {
    for (i, expr) in items(term, "matchExpressions").iter().enumerate() {
        let key = text(expr, "key");
        let p = format!("{path}.matchExpressions[{i}]");
        if let Some(msg) = deprecated_node_label(key) {
            warn(out, format!("{p}.key"), format!("{key} is {msg}"));
        }
        if check_values {
            for (j, value) in items(expr, "values").iter().enumerate() {
                let value = value.as_str().unwrap_or("");
                for msg in crate::validate::names::is_valid_label_value(value) {
                    warn(
                        out,
                        format!("{p}.values[{j}]"),
                        format!("{value} is invalid, {msg}"),
                    );
                }
            }
        }
    }
}

/// `MilliValue() % 1000 != 0`: the milli-value is rounded up, as `Quantity.MilliValue` does.
fn fractional(q: &Value) -> Option<String> {
    let parsed = quantity::parse(q.as_str()?).ok()?;
    let milli = -((-parsed.nanos).div_euclid(1_000_000));
    (milli % 1000 != 0).then(|| parsed.canonical())
}

/// `fractional byte value` warnings for memory and ephemeral storage in `map` at `path`.
fn fractional_bytes(map: Option<&Value>, path: &str, out: &mut Vec<FieldError>) {
    let Some(map) = map else { return };
    for key in ["memory", "ephemeral-storage"] {
        if let Some(value) = map.get(key).and_then(fractional) {
            warn(
                out,
                format!("{path}[{key}]"),
                format!(
                    "fractional byte value {} is invalid, must be an integer",
                    go_q(&value)
                ),
            );
        }
    }
}

fn go_q(s: &str) -> String {
    crate::validate::quote::go_quote(s)
}

/// The Go `%+v` of an internal `core.ContainerPort`.
fn port_plus_v(port: &Value, protocol: &str) -> String {
    format!(
        "{{Name:{} HostPort:{} ContainerPort:{} Protocol:{protocol} HostIP:{}}}",
        text(port, "name"),
        int(port, "hostPort"),
        int(port, "containerPort"),
        text(port, "hostIP")
    )
}

/// `GetWarningsForIP` for the forms it flags: IPv4 with leading zeros, IPv4-mapped IPv6, and
/// IPv6 not in RFC 5952 form.
fn ip_warning(path: &str, value: &str, out: &mut Vec<FieldError>) {
    if let Some(octets) = sloppy_ipv4(value) {
        let canonical = std::net::Ipv4Addr::from(octets).to_string();
        if canonical != value {
            warn(
                out,
                path,
                format!(
                    "non-standard IP address {} is invalid: use {}",
                    go_q(value),
                    go_q(&canonical)
                ),
            );
        }
        return;
    }
    let Ok(v6) = value.parse::<std::net::Ipv6Addr>() else {
        return;
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        warn(
            out,
            path,
            format!(
                "non-standard IP address {} is invalid: use {}",
                go_q(value),
                go_q(&v4.to_string())
            ),
        );
    } else if v6.to_string() != value {
        warn(
            out,
            path,
            format!(
                "IPv6 address {} should be in RFC 5952 canonical format ({})",
                go_q(value),
                go_q(&v6.to_string())
            ),
        );
    }
}

/// `netutils.ParseIPSloppy` for IPv4: four decimal parts of at most 3 digits, leading zeros
/// allowed (and read as decimal).
fn sloppy_ipv4(value: &str) -> Option<[u8; 4]> {
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut out = [0u8; 4];
    for (slot, part) in out.iter_mut().zip(parts) {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    Some(out)
}

/// `ApparmorFieldForAnnotation`, as JSON, for comparing with the pod-level field.
fn apparmor_field_for_annotation(annotation: &str) -> Option<Value> {
    if annotation == "runtime/default" {
        return Some(serde_json::json!({"type": "RuntimeDefault"}));
    }
    if annotation == "unconfined" {
        return Some(serde_json::json!({"type": "Unconfined"}));
    }
    annotation
        .strip_prefix("localhost/")
        .map(|profile| serde_json::json!({"type": "Localhost", "localhostProfile": profile}))
}

/// `warningsForPodSpecAndMeta` for the template at `base` (`spec.template`, or a CronJob's
/// `spec.jobTemplate.spec.template`).
pub(super) fn template_warnings(template: &Value, base: &str, out: &mut Vec<FieldError>) {
    let null = Value::Null;
    let spec = template.get("spec").unwrap_or(&null);
    let annotations: BTreeMap<&str, &str> = template
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(Value::as_object)
        .map(|a| {
            a.iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();

    for key in spec
        .get("nodeSelector")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.keys())
    {
        if let Some(msg) = deprecated_node_label(key) {
            warn(out, format!("{base}.spec.nodeSelector[{key}]"), msg);
        }
    }
    let affinity = spec.get("affinity").unwrap_or(&null);
    if let Some(node) = affinity.get("nodeAffinity").filter(|v| !v.is_null()) {
        if let Some(required) = node
            .get("requiredDuringSchedulingIgnoredDuringExecution")
            .filter(|v| !v.is_null())
        {
            let p = format!("{base}.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
            for (i, term) in items(required, "nodeSelectorTerms").iter().enumerate() {
                node_selector_term(term, false, &format!("{p}[{i}]"), out);
            }
        }
        let p = format!(
            "{base}.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution"
        );
        for (i, term) in items(node, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            let preference = term.get("preference").unwrap_or(&null);
            node_selector_term(preference, true, &format!("{p}[{i}].preference"), out);
        }
    }
    for (i, t) in items(spec, "topologySpreadConstraints").iter().enumerate() {
        let p = format!("{base}.spec.topologySpreadConstraints[{i}]");
        let key = text(t, "topologyKey");
        if let Some(msg) = deprecated_node_label(key) {
            warn(out, format!("{p}.topologyKey"), format!("{key} is {msg}"));
        }
        if is_null(t, "labelSelector") {
            warn(
                out,
                format!("{p}.labelSelector"),
                "a null labelSelector results in matching no pod",
            );
        }
    }
    for (key, msg) in [
        (
            "scheduler.alpha.kubernetes.io/critical-pod",
            "non-functional in v1.16+; use the \"priorityClassName\" field instead",
        ),
        (
            "security.alpha.kubernetes.io/sysctls",
            "non-functional in v1.11+; use the \"sysctls\" field instead",
        ),
        (
            "security.alpha.kubernetes.io/unsafe-sysctls",
            "non-functional in v1.11+; use the \"sysctls\" field instead",
        ),
    ] {
        if annotations.contains_key(key) {
            warn(out, format!("{base}.metadata.annotations[{key}]"), msg);
        }
    }
    for (i, v) in items(spec, "volumes").iter().enumerate() {
        let p = format!("{base}.spec.volumes[{i}]");
        for (source, msg) in [
            (
                "photonPersistentDisk",
                "deprecated in v1.11, non-functional in v1.16+",
            ),
            (
                "gitRepo",
                "deprecated in v1.11, and disabled by default in v1.33+",
            ),
            ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
            ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
            ("storageOS", "deprecated in v1.22, non-functional in v1.25+"),
            ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
            ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
            ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
            ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
        ] {
            if !is_null(v, source) {
                warn(out, format!("{p}.{source}"), msg);
            }
        }
    }
    let host_aliases = items(spec, "hostAliases");
    let mut seen = BTreeSet::new();
    for (i, alias) in host_aliases.iter().enumerate() {
        let ip = text(alias, "ip");
        if !seen.insert(ip) && host_aliases.len() > 1 {
            warn(
                out,
                format!("{base}.spec.hostAliases[{i}].ip"),
                format!("duplicate ip {}", go_q(ip)),
            );
        }
    }
    let secrets = items(spec, "imagePullSecrets");
    let mut seen = BTreeSet::new();
    for (i, secret) in secrets.iter().enumerate() {
        let name = text(secret, "name");
        if !seen.insert(name) && secrets.len() > 1 {
            warn(
                out,
                format!("{base}.spec.imagePullSecrets[{i}].name"),
                format!("duplicate name {}", go_q(name)),
            );
        }
    }
    for (i, secret) in secrets.iter().enumerate() {
        let name = text(secret, "name");
        if name.is_empty() {
            warn(
                out,
                format!("{base}.spec.imagePullSecrets[{i}].name"),
                format!("invalid empty name {}", go_q(name)),
            );
        }
    }
    fractional_bytes(spec.get("overhead"), &format!("{base}.spec.overhead"), out);

    let pod_sc = spec.get("securityContext").unwrap_or(&null);
    if is_null(pod_sc, "seccompProfile")
        && annotations.contains_key("seccomp.security.alpha.kubernetes.io/pod")
    {
        warn(
            out,
            format!("{base}.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]"),
            "non-functional in v1.27+; use the \"seccompProfile\" field instead",
        );
    }
    let pod_apparmor = pod_sc.get("appArmorProfile").filter(|v| !v.is_null());

    // `pods.VisitContainersWithPath`: init containers, containers, ephemeral containers.
    let containers: Vec<(String, &Value)> = ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|list| {
            items(spec, list)
                .iter()
                .enumerate()
                .map(move |(i, c)| (format!("{base}.spec.{list}[{i}]"), c))
        })
        .collect();
    for (p, c) in &containers {
        let name = text(c, "name");
        let sc = c.get("securityContext").unwrap_or(&null);
        let seccomp_key = format!("container.seccomp.security.alpha.kubernetes.io/{name}");
        if is_null(sc, "seccompProfile") && annotations.contains_key(seccomp_key.as_str()) {
            warn(
                out,
                format!("{base}.metadata.annotations[{seccomp_key}]"),
                "non-functional in v1.27+; use the \"seccompProfile\" field instead",
            );
        }
        let apparmor_key = format!("container.apparmor.security.beta.kubernetes.io/{name}");
        if is_null(sc, "appArmorProfile") {
            if let Some(annotation) = annotations.get(apparmor_key.as_str()) {
                let same = match (pod_apparmor, apparmor_field_for_annotation(annotation)) {
                    (Some(pod), Some(field)) => {
                        text(pod, "type") == text(&field, "type")
                            && pod.get("localhostProfile").and_then(Value::as_str)
                                == field.get("localhostProfile").and_then(Value::as_str)
                    }
                    _ => false,
                };
                if !same {
                    warn(
                        out,
                        format!("{base}.metadata.annotations[{apparmor_key}]"),
                        "deprecated since v1.30; use the \"appArmorProfile\" field instead",
                    );
                }
            }
        }
        let resources = c.get("resources").unwrap_or(&null);
        for kind in ["limits", "requests"] {
            fractional_bytes(resources.get(kind), &format!("{p}.resources.{kind}"), out);
        }
        let env = items(c, "env");
        if env.len() > 1 {
            let mut names = BTreeSet::new();
            for (i, item) in env.iter().enumerate() {
                let name = text(item, "name");
                if !names.insert(name) {
                    let reference = format!("$({name})");
                    let value = text(item, "value");
                    let bad = !is_null(item, "valueFrom")
                        || value == reference
                        || !value.contains(&reference);
                    if bad {
                        warn(
                            out,
                            format!("{p}.env[{i}]"),
                            format!(
                                "hides previous definition of {}, which may be dropped when using apply",
                                go_q(name)
                            ),
                        );
                    }
                }
            }
        }
    }

    let protocol = |port: &Value| {
        let p = text(port, "protocol");
        if p.is_empty() {
            "TCP".to_owned()
        } else {
            p.to_owned()
        }
    };
    let mut all_ports: BTreeMap<String, Vec<(String, &Value)>> = BTreeMap::new();
    for (p, c) in &containers {
        for (i, port) in items(c, "ports").iter().enumerate() {
            let pp = format!("{p}.ports[{i}]");
            let host_ip = text(port, "hostIP");
            let host_port = int(port, "hostPort");
            if !host_ip.is_empty() && host_port == 0 {
                warn(
                    out,
                    pp.clone(),
                    format!(
                        "hostIP set without hostPort: {}",
                        port_plus_v(port, &protocol(port))
                    ),
                );
            }
            let key = format!("{}/{}", int(port, "containerPort"), protocol(port));
            let others = all_ports.entry(key).or_default();
            for (other_path, other) in others.iter() {
                let other_ip = text(other, "hostIP");
                let other_port = int(other, "hostPort");
                if host_ip == other_ip && host_port == other_port {
                    warn(
                        out,
                        pp.clone(),
                        format!("duplicate port definition with {other_path}"),
                    );
                } else if host_port == 0 || other_port == 0 {
                    warn(
                        out,
                        pp.clone(),
                        format!("overlapping port definition with {other_path}"),
                    );
                } else if host_port == other_port && (host_ip.is_empty() != other_ip.is_empty()) {
                    warn(
                        out,
                        pp.clone(),
                        format!("dangerously ambiguous port definition with {other_path}"),
                    );
                }
            }
            others.push((pp, port));
        }
    }
    let mut port_names: BTreeMap<&str, String> = BTreeMap::new();
    for (p, c) in &containers {
        for (i, port) in items(c, "ports").iter().enumerate() {
            let name = text(port, "name");
            if name.is_empty() {
                continue;
            }
            let pp = format!("{p}.ports[{i}]");
            match port_names.get(name) {
                Some(other) => warn(
                    out,
                    pp,
                    format!(
                        "duplicate port name {} with {other}, services and probes that select ports by name will use {other}",
                        go_q(name)
                    ),
                ),
                None => {
                    port_names.insert(name, pp);
                }
            }
        }
    }

    if spec
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64)
        .is_some_and(|t| t < 0)
    {
        warn(
            out,
            format!("{base}.spec.terminationGracePeriodSeconds"),
            "must be >= 0; negative values are invalid and will be treated as 1",
        );
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(a) = affinity.get(kind).filter(|v| !v.is_null()) else {
            continue;
        };
        let p = format!("{base}.spec.affinity.{kind}");
        for (i, t) in items(a, "requiredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            if is_null(t, "labelSelector") {
                warn(
                    out,
                    format!(
                        "{p}.requiredDuringSchedulingIgnoredDuringExecution[{i}].labelSelector"
                    ),
                    "a null labelSelector results in matching no pod",
                );
            }
        }
        for (i, t) in items(a, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            let term = t.get("podAffinityTerm").unwrap_or(&null);
            if is_null(term, "labelSelector") {
                warn(
                    out,
                    format!("{p}.preferredDuringSchedulingIgnoredDuringExecution[{i}].podAffinityTerm.labelSelector"),
                    "a null labelSelector results in matching no pod",
                );
            }
        }
    }
    if let Some(dns) = spec.get("dnsConfig").filter(|v| !v.is_null()) {
        for (i, ns) in items(dns, "nameservers").iter().enumerate() {
            ip_warning(
                &format!("{base}.spec.dnsConfig.nameservers[{i}]"),
                ns.as_str().unwrap_or(""),
                out,
            );
        }
    }
    for (i, alias) in host_aliases.iter().enumerate() {
        ip_warning(
            &format!("{base}.spec.hostAliases[{i}].ip"),
            text(alias, "ip"),
            out,
        );
    }
}
