//! The file-projecting sources: `secret` and `configMap` items, the downward API and
//! `projected` volumes (k/k `validateKeyToPath`, `validateDownwardAPIVolumeFile`,
//! `validateProjectionSources`, `ValidateSignerName`, `ValidateClusterTrustBundleName`).

use super::*;

/// `validateKeyToPath`.
pub(super) fn key_to_path(kp: &Value, path: &Path, errs: &mut Errs) {
    if text(kp, "key").is_empty() {
        errs.required(&path.child("key"), "");
    }
    let p = text(kp, "path");
    if p.is_empty() {
        errs.required(&path.child("path"), "");
    }
    local_non_reserved(p, &path.child("path"), errs);
    file_mode(kp, "mode", path, errs);
}

/// `validateDownwardAPIVolumeFile`; the errors are reported at the source's path (not the
/// item's), as upstream.
pub(super) fn downward_api_file(file: &Value, path: &Path, errs: &mut Errs) {
    let p = text(file, "path");
    if p.is_empty() {
        errs.required(&path.child("path"), "");
    }
    local_non_reserved(p, &path.child("path"), errs);
    let field_ref = get(file, "fieldRef");
    let resource_ref = get(file, "resourceFieldRef");
    if let Some(fr) = field_ref {
        object_field_selector(fr, &path.child("fieldRef"), errs);
        if resource_ref.is_some() {
            errs.invalid(
                path,
                Val::Str("resource"),
                "fieldRef and resourceFieldRef can not be specified simultaneously",
            );
        }
    } else if let Some(rr) = resource_ref {
        resource_field_selector(rr, &path.child("resourceFieldRef"), errs);
    } else {
        errs.required(path, "one of fieldRef and resourceFieldRef is required");
    }
    file_mode(file, "mode", path, errs);
}

/// `validateObjectFieldSelector` with the volume's field paths. An empty `apiVersion` is
/// defaulted to `v1` before validation, so it is never missing.
pub(super) fn object_field_selector(fs: &Value, path: &Path, errs: &mut Errs) {
    let version = match text(fs, "apiVersion") {
        "" => "v1",
        v => v,
    };
    let fp = text(fs, "fieldPath");
    if fp.is_empty() {
        return errs.required(&path.child("fieldPath"), "");
    }
    // `ConvertDownwardAPIFieldLabel` (`pkg/apis/core/pods/helpers.go`).
    let subscripted = split_subscript(fp);
    let converted = if version != "v1" {
        Err(format!("unsupported pod version: {version}"))
    } else if let Some((base, _)) = subscripted {
        match base {
            "metadata.annotations" | "metadata.labels" => Ok(fp),
            _ => Err(format!("field label does not support subscript: {fp}")),
        }
    } else {
        match fp {
            "metadata.annotations"
            | "metadata.labels"
            | "metadata.name"
            | "metadata.namespace"
            | "metadata.uid"
            | "spec.nodeName"
            | "spec.restartPolicy"
            | "spec.serviceAccountName"
            | "spec.schedulerName"
            | "status.phase"
            | "status.hostIP"
            | "status.hostIPs"
            | "status.podIP"
            | "status.podIPs" => Ok(fp),
            "spec.host" => Ok("spec.nodeName"),
            _ => Err(format!("field label not supported: {fp}")),
        }
    };
    let internal = match converted {
        Ok(p) => p,
        Err(e) => {
            return errs.invalid(
                &path.child("fieldPath"),
                Val::Str(fp),
                &format!("error converting fieldPath: {e}"),
            );
        }
    };
    if let Some((base, subscript)) = split_subscript(internal) {
        match base {
            "metadata.annotations" => {
                let lower = subscript.to_lowercase();
                for msg in is_qualified_name(&lower) {
                    errs.invalid(path, Val::Str(&lower), &msg);
                }
            }
            "metadata.labels" => {
                for msg in is_qualified_name(subscript) {
                    errs.invalid(path, Val::Str(subscript), &msg);
                }
            }
            other => errs.invalid(path, Val::Str(other), "does not support subscript"),
        }
    } else {
        const EXPRESSIONS: [&str; 5] = [
            "metadata.annotations",
            "metadata.labels",
            "metadata.name",
            "metadata.namespace",
            "metadata.uid",
        ];
        if !EXPRESSIONS.contains(&internal) {
            errs.not_supported(&path.child("fieldPath"), internal, &EXPRESSIONS);
        }
    }
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']` into its path and key.
pub(super) fn split_subscript(fp: &str) -> Option<(&str, &str)> {
    let s = fp.strip_suffix("']")?;
    let (base, sub) = s.split_once("['")?;
    if base.is_empty() {
        return None;
    }
    Some((base, sub))
}

/// `validateContainerResourceFieldSelector` for a volume (the container name is required).
pub(super) fn resource_field_selector(fs: &Value, path: &Path, errs: &mut Errs) {
    let resource = text(fs, "resource");
    const EXPRESSIONS: [&str; 6] = [
        "limits.cpu",
        "limits.ephemeral-storage",
        "limits.memory",
        "requests.cpu",
        "requests.ephemeral-storage",
        "requests.memory",
    ];
    if text(fs, "containerName").is_empty() {
        errs.required(&path.child("containerName"), "");
    } else if resource.is_empty() {
        errs.required(&path.child("resource"), "");
    } else if !EXPRESSIONS.contains(&resource)
        && !resource.starts_with("requests.hugepages-")
        && !resource.starts_with("limits.hugepages-")
    {
        errs.not_supported(&path.child("resource"), resource, &EXPRESSIONS);
    }
    resource_divisor(resource, opt_text(fs, "divisor"), path, errs);
}

/// `validateContainerResourceDivisor`: only unit divisors are allowed.
pub(super) fn resource_divisor(
    resource: &str,
    divisor: Option<&str>,
    path: &Path,
    errs: &mut Errs,
) {
    let Some(q) = divisor.and_then(|d| quantity::parse(d).ok()) else {
        return;
    };
    if q.nanos == 0 {
        return;
    }
    let canonical = q.canonical();
    const BYTES: [&str; 13] = [
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    ];
    let dp = path.child("divisor");
    let msg = match resource {
        "limits.cpu" | "requests.cpu" if !matches!(canonical.as_str(), "1m" | "1") => {
            Some("only divisor's values 1m and 1 are supported with the cpu resource")
        }
        "limits.memory" | "requests.memory" if !BYTES.contains(&canonical.as_str()) => {
            Some("only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource")
        }
        "limits.ephemeral-storage" | "requests.ephemeral-storage"
            if !BYTES.contains(&canonical.as_str()) =>
        {
            Some("only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource")
        }
        _ => None,
    };
    if let Some(msg) = msg {
        errs.invalid(&dp, Val::Str(resource), msg);
    }
    if (resource.starts_with("requests.hugepages-") || resource.starts_with("limits.hugepages-"))
        && !BYTES.contains(&canonical.as_str())
    {
        errs.invalid(
            &dp,
            Val::Str(resource),
            "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource",
        );
    }
}

/// `validateProjectedVolumeSource` and `validateProjectionSources` (secrets, config maps, the
/// downward API, service account tokens, cluster trust bundles; pod certificates only by count).
pub(super) fn projected(src: &Value, sp: &Path, errs: &mut Errs) {
    file_mode(src, "defaultMode", sp, errs);
    let mut all_paths: BTreeSet<String> = BTreeSet::new();
    let mut claim = |p: &str, errs: &mut Errs, value: &str| {
        if !all_paths.insert(p.to_owned()) {
            errs.invalid(sp, Val::Str(value), "conflicting duplicate paths");
        }
    };
    for (i, source) in items(src, "sources").iter().enumerate() {
        let srcp = sp.child("sources").index(i);
        let mut count = 0;
        for kind in ["secret", "configMap"] {
            let Some(s) = get(source, kind) else {
                continue;
            };
            count += 1;
            let pp = srcp.child(kind);
            let name = text(s, "name");
            if name.is_empty() {
                errs.required(&pp.child("name"), "");
            }
            for (j, kp) in items(s, "items").iter().enumerate() {
                key_to_path(kp, &pp.child("items").index(j), errs);
                let p = text(kp, "path");
                if !p.is_empty() {
                    claim(p, errs, name);
                }
            }
        }
        if let Some(d) = get(source, "downwardAPI") {
            count += 1;
            let pp = srcp.child("downwardAPI");
            for file in items(d, "items") {
                downward_api_file(file, &pp, errs);
                let p = text(file, "path");
                if !p.is_empty() {
                    claim(p, errs, p);
                }
            }
        }
        if let Some(t) = get(source, "serviceAccountToken") {
            count += 1;
            let pp = srcp.child("serviceAccountToken");
            // The expiration defaults to an hour.
            let exp = opt_int(t, "expirationSeconds").unwrap_or(3600);
            if exp < 600 {
                errs.invalid(
                    &pp.child("expirationSeconds"),
                    Val::Int(exp),
                    "may not specify a duration less than 10 minutes",
                );
            }
            if exp > 1 << 32 {
                errs.invalid(
                    &pp.child("expirationSeconds"),
                    Val::Int(exp),
                    "may not specify a duration larger than 2^32 seconds",
                );
            }
            // Upstream reports the token's path at the projected source's own `path`.
            let p = text(t, "path");
            if p.is_empty() {
                errs.required(&sp.child("path"), "");
            } else {
                local_non_reserved(p, &sp.child("path"), errs);
            }
        }
        if let Some(b) = get(source, "clusterTrustBundle") {
            count += 1;
            cluster_trust_bundle(b, &srcp.child("clusterTrustBundle"), errs);
            claim(text(b, "path"), errs, text(b, "path"));
        }
        if let Some(c) = get(source, "podCertificate") {
            count += 1;
            pod_certificate(c, &srcp.child("podCertificate"), &mut claim, errs);
        }
        if count > 1 {
            errs.forbidden(&srcp, "may not specify more than 1 volume type per source");
        }
    }
}

/// The `clusterTrustBundle` projection: a name or a signer name (not both), and a path.
pub(super) fn cluster_trust_bundle(b: &Value, pp: &Path, errs: &mut Errs) {
    let name = opt_text(b, "name");
    let signer = opt_text(b, "signerName");
    match (name, signer) {
        (Some(name), Some(signer)) => {
            // The bad value is the internal struct as JSON, with Go's field names; the user
            // field was cleared (its gate is off).
            let raw = format!(
                "{{\"Name\":{},\"SignerName\":{},\"LabelSelector\":{},\"Optional\":{},\"Path\":{},\"User\":null}}",
                go_json_string(name),
                go_json_string(signer),
                selector_json(get(b, "labelSelector")),
                get(b, "optional").map_or("null".to_owned(), Value::to_string),
                go_json_string(text(b, "path")),
            );
            errs.invalid(
                pp,
                Val::Raw(raw),
                "only one of name and signerName may be used",
            );
        }
        (Some(name), None) => {
            let np = pp.child("name");
            if name.is_empty() {
                errs.required(&np, "must be a valid object name");
            }
            // `extractSignerNameFromClusterTrustBundleName` and `ValidateClusterTrustBundleName`.
            let msgs = match name.rfind(':') {
                Some(split) => {
                    let signer = name[..split].replace(':', "/");
                    let prefix = format!("{}:", signer.replace('/', ":"));
                    match name.strip_prefix(&prefix) {
                        Some(rest) => name_is_dns_subdomain(rest, false),
                        None => vec![format!(
                            "ClusterTrustBundle for signerName {signer} must be named with prefix {prefix}"
                        )],
                    }
                }
                None => name_is_dns_subdomain(name, false),
            };
            for msg in msgs {
                errs.invalid(
                    &np,
                    Val::Str(name),
                    &format!("not a valid clustertrustbundlename: {msg}"),
                );
            }
            if let Some(sel) = get(b, "labelSelector") {
                errs.invalid(
                    &pp.child("labelSelector"),
                    Val::Raw(selector_json(Some(sel))),
                    "labelSelector must be unset if name is specified",
                );
            }
        }
        (None, Some(signer)) => {
            let sp = pp.child("signerName");
            if signer.is_empty() {
                errs.required(&sp, "must be a valid signer name");
            }
            signer_name(signer, &sp, errs);
            if let Some(sel) = get(b, "labelSelector") {
                let sel = serde_json::from_value(sel.clone()).unwrap_or_default();
                validate_label_selector(&sel, &pp.child("labelSelector"), errs);
            }
        }
        (None, None) => errs.required(pp, "either name or signerName must be specified"),
    }
    let p = text(b, "path");
    if p.is_empty() {
        errs.required(&pp.child("path"), "");
    }
    local_non_reserved(p, &pp.child("path"), errs);
}

/// Go's JSON of a `*metav1.LabelSelector`: `matchLabels` (keys sorted), then
/// `matchExpressions`, each omitted when empty.
pub(super) fn selector_json(sel: Option<&Value>) -> String {
    let Some(sel) = sel else {
        return "null".to_owned();
    };
    let mut parts = Vec::new();
    if let Some(labels) = get(sel, "matchLabels").and_then(Value::as_object) {
        if !labels.is_empty() {
            let mut kv: Vec<(&String, &Value)> = labels.iter().collect();
            kv.sort_by(|a, b| a.0.cmp(b.0));
            let items: Vec<String> = kv
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}:{}",
                        go_json_string(k),
                        go_json_string(v.as_str().unwrap_or(""))
                    )
                })
                .collect();
            parts.push(format!("\"matchLabels\":{{{}}}", items.join(",")));
        }
    }
    let exprs = items(sel, "matchExpressions");
    if !exprs.is_empty() {
        let items: Vec<String> = exprs
            .iter()
            .map(|e| {
                let mut f = vec![
                    format!("\"key\":{}", go_json_string(text(e, "key"))),
                    format!("\"operator\":{}", go_json_string(text(e, "operator"))),
                ];
                let values = strings(e, "values");
                if !values.is_empty() {
                    f.push(format!("\"values\":{}", go_json_strings(&values)));
                }
                format!("{{{}}}", f.join(","))
            })
            .collect();
        parts.push(format!("\"matchExpressions\":[{}]", items.join(",")));
    }
    format!("{{{}}}", parts.join(","))
}

/// `ValidateSignerName` (`pkg/apis/core/validation/names.go`): `example.com/signer-name`.
pub(super) fn signer_name(signer: &str, path: &Path, errs: &mut Errs) {
    if signer.is_empty() {
        return errs.required(path, "");
    }
    let segments: Vec<&str> = signer.split('/').collect();
    let [domain, rest] = segments.as_slice() else {
        return errs.invalid(
            path,
            Val::Str(signer),
            "must be a fully qualified domain and path of the form 'example.com/signer-name'",
        );
    };
    if domain.len() > 253 {
        errs.too_long(path, 253);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    // Only the first bad label is reported: the later ones would repeat the same messages.
    if let Some((lbl, msgs)) = labels
        .iter()
        .map(|l| (l, is_dns1123_label(l)))
        .find(|(_, m)| !m.is_empty())
    {
        for msg in msgs {
            errs.invalid(
                path,
                Val::Str(domain),
                &format!(
                    "validating label {}: {msg}",
                    crate::validate::quote::go_quote(lbl)
                ),
            );
        }
    }
    if labels.len() < 2 {
        errs.invalid(
            path,
            Val::Str(domain),
            "should be a domain with at least two segments separated by dots",
        );
    }
    if let Some((lbl, msgs)) = rest
        .split('.')
        .map(|l| (l, is_dns1123_subdomain(l)))
        .find(|(_, m)| !m.is_empty())
    {
        for msg in msgs {
            errs.invalid(
                path,
                Val::Str(rest),
                &format!(
                    "validating label {}: {msg}",
                    crate::validate::quote::go_quote(lbl)
                ),
            );
        }
    }
    if signer.len() > 253 + 253 + 63 + 1 + 1 {
        errs.too_long(path, 253 + 253 + 63 + 1 + 1);
    }
}

/// `ValidateUserAnnotations`: keys (lower-cased) are domain-prefixed label keys
/// (`IsDomainPrefixedKey`), and the total size is capped like annotations'.
fn user_annotations(annotations: &serde_json::Map<String, Value>, path: &Path, errs: &mut Errs) {
    for key in annotations.keys() {
        let key = key.to_lowercase();
        if key.is_empty() {
            errs.required(path, "");
            continue;
        }
        let msgs = is_qualified_name(&key);
        if !msgs.is_empty() {
            for msg in msgs {
                errs.invalid(path, Val::Str(&key), &msg);
            }
        } else if key.split('/').count() != 2 {
            errs.invalid(
                path,
                Val::Str(&key),
                "must be a domain-prefixed key (such as \"acme.io/foo\")",
            );
        }
    }
    let total: usize = annotations
        .iter()
        .map(|(k, v)| k.len() + v.as_str().map_or(0, str::len))
        .sum();
    if total > 256 * 1024 {
        errs.too_long(path, 256 * 1024);
    }
}

/// The `podCertificate` projection (`validateProjectionSources`): signer, user annotations, key
/// type, expiry and at least one unique path.
pub(super) fn pod_certificate(
    c: &Value,
    pp: &Path,
    claim: &mut impl FnMut(&str, &mut Errs, &str),
    errs: &mut Errs,
) {
    let signer = text(c, "signerName");
    signer_name(signer, &pp.child("signerName"), errs);
    if let Some(annotations) = get(c, "userAnnotations").and_then(Value::as_object) {
        user_annotations(annotations, &pp.child("userAnnotations"), errs);
    }
    const KEY_TYPES: [&str; 6] = [
        "RSA3072",
        "RSA4096",
        "ECDSAP256",
        "ECDSAP384",
        "ECDSAP521",
        "ED25519",
    ];
    let key_type = text(c, "keyType");
    if !KEY_TYPES.contains(&key_type) {
        errs.not_supported(&pp.child("keyType"), key_type, &KEY_TYPES);
    }
    if let Some(max) = opt_int(c, "maxExpirationSeconds") {
        let mp = pp.child("maxExpirationSeconds");
        if max < 3600 {
            errs.invalid(
                &mp,
                Val::Int(max),
                "if provided, maxExpirationSeconds must be >= 3600",
            );
        }
        // `IsKubernetesSignerName`: the host part is `kubernetes.io` or under it.
        let host = signer.split('/').next().unwrap_or("");
        let limit = if host == "kubernetes.io" || host.ends_with(".kubernetes.io") {
            24 * 60 * 60
        } else {
            91 * 24 * 60 * 60
        };
        if max > limit {
            errs.invalid(
                &mp,
                Val::Int(max),
                &format!("if provided, maxExpirationSeconds must be <= {limit}"),
            );
        }
    }
    let mut paths = 0;
    for field in ["credentialBundlePath", "keyPath", "certificateChainPath"] {
        let p = text(c, field);
        if p.is_empty() {
            continue;
        }
        paths += 1;
        local_non_reserved(p, &pp.child(field), errs);
        claim(p, errs, p);
    }
    if paths == 0 {
        errs.required(
            pp,
            "specify at least one of credentialBundlePath, keyPath, and certificateChainPath",
        );
    }
}
