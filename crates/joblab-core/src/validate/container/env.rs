//! `env` and `envFrom` (k/k `validation.go`: `ValidateEnv`, `validateEnvVarValueFrom`,
//! `validateObjectFieldSelector`, `validateContainerResourceFieldSelector`,
//! `validateConfigMapKeySelector`, `validateSecretKeySelector`, `validateFileKeySelector`,
//! `ValidateEnvFrom`, `validateFileKeyRefVolumes`), with relaxed names and env files (both on in
//! 1.37).

use serde_json::Value;

use super::json::{get, items, text};
use super::mounts::validate_path_no_backsteps;
use super::PodContext;
use crate::validate::names::{
    is_dns1123_label, is_qualified_name, is_relaxed_env_var_name, max_len_error,
    name_is_dns_subdomain, regex_error,
};
use crate::validate::quantity;
use crate::validate::{Errs, Path, Val};

/// The downward-API fields an env var may read (`validEnvDownwardAPIFieldPathExpressions`),
/// sorted as the server lists them.
const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// `validContainerResourceFieldPathExpressions`, sorted.
const RESOURCE_FIELD_PATHS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// `ValidateEnv`.
pub(super) fn validate_env(ctr: &Value, path: &Path, errs: &mut Errs) {
    for (i, var) in items(ctr, "env").iter().enumerate() {
        let p = path.index(i);
        let name = text(var, "name");
        if name.is_empty() {
            errs.required(&p.child("name"), "");
        } else {
            for msg in is_relaxed_env_var_name(name) {
                errs.invalid(&p.child("name"), Val::Str(name), &msg);
            }
        }
        if let Some(from) = get(var, "valueFrom") {
            validate_value_from(var, from, &p.child("valueFrom"), errs);
        }
    }
}

/// `validateEnvVarValueFrom`.
fn validate_value_from(var: &Value, from: &Value, path: &Path, errs: &mut Errs) {
    let mut sources = 0;
    if let Some(fs) = get(from, "fieldRef") {
        sources += 1;
        validate_object_field_selector(fs, &ENV_FIELD_PATHS, &path.child("fieldRef"), errs);
    }
    if let Some(fs) = get(from, "resourceFieldRef") {
        sources += 1;
        validate_resource_field_selector(fs, &path.child("resourceFieldRef"), errs);
    }
    if let Some(s) = get(from, "configMapKeyRef") {
        sources += 1;
        validate_key_selector(s, &path.child("configMapKeyRef"), errs);
    }
    if let Some(s) = get(from, "secretKeyRef") {
        sources += 1;
        validate_key_selector(s, &path.child("secretKeyRef"), errs);
    }
    if let Some(s) = get(from, "fileKeyRef") {
        sources += 1;
        validate_file_key_selector(s, &path.child("fileKeyRef"), errs);
    }
    if sources == 0 {
        errs.invalid(path, Val::Str(""), "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`");
    } else if !text(var, "value").is_empty() {
        errs.invalid(
            path,
            Val::Str(""),
            "may not be specified when `value` is not empty",
        );
    } else if sources > 1 {
        errs.invalid(
            path,
            Val::Str(""),
            "may not have more than one field specified at a time",
        );
    }
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']` into path and subscript.
fn split_subscript(field_path: &str) -> Option<(&str, &str)> {
    let s = field_path.strip_suffix("']")?;
    let (path, sub) = s.split_once("['")?;
    (!path.is_empty()).then_some((path, sub))
}

/// `validateObjectFieldSelector` (also used by downward-API volumes, hence `expressions`).
pub(crate) fn validate_object_field_selector(
    fs: &Value,
    expressions: &[&str],
    path: &Path,
    errs: &mut Errs,
) {
    let api_version = text(fs, "apiVersion");
    let field_path = text(fs, "fieldPath");
    if api_version.is_empty() {
        errs.required(&path.child("apiVersion"), "");
        return;
    }
    if field_path.is_empty() {
        errs.required(&path.child("fieldPath"), "");
        return;
    }
    // `ConvertDownwardAPIFieldLabel` (pkg/apis/core/pods/helpers.go).
    let converted = if api_version != "v1" {
        Err(format!("unsupported pod version: {api_version}"))
    } else if let Some((p, _)) = split_subscript(field_path) {
        if matches!(p, "metadata.annotations" | "metadata.labels") {
            Ok(field_path)
        } else {
            Err(format!(
                "field label does not support subscript: {field_path}"
            ))
        }
    } else {
        match field_path {
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
            | "status.podIPs" => Ok(field_path),
            "spec.host" => Ok("spec.nodeName"),
            other => Err(format!("field label not supported: {other}")),
        }
    };
    let internal = match converted {
        Ok(p) => p,
        Err(e) => {
            errs.invalid(
                &path.child("fieldPath"),
                Val::Str(field_path),
                &format!("error converting fieldPath: {e}"),
            );
            return;
        }
    };
    if let Some((p, sub)) = split_subscript(internal) {
        let key = if p == "metadata.annotations" {
            sub.to_lowercase()
        } else {
            sub.to_owned()
        };
        for msg in is_qualified_name(&key) {
            errs.invalid(path, Val::Str(&key), &msg);
        }
    } else if !expressions.contains(&internal) {
        errs.not_supported(&path.child("fieldPath"), internal, expressions);
    }
}

/// `validateContainerResourceFieldSelector` for an env var (no container name needed), with
/// the hugepages prefixes allowed.
fn validate_resource_field_selector(fs: &Value, path: &Path, errs: &mut Errs) {
    let resource = text(fs, "resource");
    if resource.is_empty() {
        errs.required(&path.child("resource"), "");
    } else if !RESOURCE_FIELD_PATHS.contains(&resource)
        && !resource.starts_with("limits.hugepages-")
        && !resource.starts_with("requests.hugepages-")
    {
        errs.not_supported(&path.child("resource"), resource, &RESOURCE_FIELD_PATHS);
    }
    validate_divisor(resource, fs, path, errs);
}

/// `validateContainerResourceDivisor`.
pub(crate) fn validate_divisor(resource: &str, fs: &Value, path: &Path, errs: &mut Errs) {
    let Some(raw) = fs.get("divisor").and_then(Value::as_str) else {
        return;
    };
    let Ok(q) = quantity::parse(raw) else {
        return;
    };
    if q.nanos == 0 {
        return;
    }
    let divisor = q.canonical();
    const SIZES: [&str; 13] = [
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    ];
    let bad = |what: &str| {
        format!("only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the {what} resource")
    };
    let dp = path.child("divisor");
    match resource {
        "limits.cpu" | "requests.cpu" if divisor != "1m" && divisor != "1" => {
            errs.invalid(
                &dp,
                Val::Str(resource),
                "only divisor's values 1m and 1 are supported with the cpu resource",
            );
        }
        "limits.memory" | "requests.memory" if !SIZES.contains(&divisor.as_str()) => {
            errs.invalid(&dp, Val::Str(resource), &bad("memory"));
        }
        "limits.ephemeral-storage" | "requests.ephemeral-storage"
            if !SIZES.contains(&divisor.as_str()) =>
        {
            errs.invalid(&dp, Val::Str(resource), &bad("local ephemeral storage"));
        }
        _ => {}
    }
    if (resource.starts_with("requests.hugepages-") || resource.starts_with("limits.hugepages-"))
        && !SIZES.contains(&divisor.as_str())
    {
        errs.invalid(&dp, Val::Str(resource), &bad("hugepages"));
    }
}

/// `IsConfigMapKey`.
pub(crate) fn is_config_map_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push(max_len_error(253));
    }
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !ok {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    if value == "." {
        errs.push("must not be '.'".to_owned());
    } else if value == ".." {
        errs.push("must not be '..'".to_owned());
    } else if value.starts_with("..") {
        errs.push("must not start with '..'".to_owned());
    }
    errs
}

/// `validateConfigMapKeySelector` and `validateSecretKeySelector` (the same rules).
fn validate_key_selector(s: &Value, path: &Path, errs: &mut Errs) {
    let name = text(s, "name");
    for msg in name_is_dns_subdomain(name, false) {
        errs.invalid(&path.child("name"), Val::Str(name), &msg);
    }
    let key = text(s, "key");
    if key.is_empty() {
        errs.required(&path.child("key"), "");
    } else {
        for msg in is_config_map_key(key) {
            errs.invalid(&path.child("key"), Val::Str(key), &msg);
        }
    }
}

/// `validateFileKeySelector`.
fn validate_file_key_selector(s: &Value, path: &Path, errs: &mut Errs) {
    let key = text(s, "key");
    if key.is_empty() {
        errs.required(&path.child("key"), "");
    } else {
        for msg in is_relaxed_env_var_name(key) {
            errs.invalid(&path.child("key"), Val::Str(key), &msg);
        }
    }
    let volume = text(s, "volumeName");
    if volume.is_empty() {
        errs.required(&path.child("volumeName"), "");
    } else {
        for msg in is_dns1123_label(volume) {
            errs.invalid(&path.child("volumeName"), Val::Str(volume), &msg);
        }
    }
    let file = text(s, "path");
    if file.is_empty() {
        errs.required(&path.child("path"), "");
    } else {
        validate_path_no_backsteps(file, &path.child("path"), errs);
    }
}

/// `ValidateEnvFrom`. The "one source" errors are reported at `envFrom` itself, not at the item.
pub(super) fn validate_env_from(ctr: &Value, path: &Path, errs: &mut Errs) {
    for (i, source) in items(ctr, "envFrom").iter().enumerate() {
        let p = path.index(i);
        let prefix = text(source, "prefix");
        if !prefix.is_empty() {
            for msg in is_relaxed_env_var_name(prefix) {
                errs.invalid(&p.child("prefix"), Val::Str(prefix), &msg);
            }
        }
        let mut sources = 0;
        for key in ["configMapRef", "secretRef"] {
            if let Some(r) = get(source, key) {
                sources += 1;
                let np = p.child(key).child("name");
                let name = text(r, "name");
                if name.is_empty() {
                    errs.required(&np, "");
                } else {
                    for msg in name_is_dns_subdomain(name, true) {
                        errs.invalid(&np, Val::Str(name), &msg);
                    }
                }
            }
        }
        if sources == 0 {
            errs.invalid(
                path,
                Val::Str(""),
                "must specify one of: `configMapRef` or `secretRef`",
            );
        } else if sources > 1 {
            errs.invalid(
                path,
                Val::Str(""),
                "may not have more than one field specified at a time",
            );
        }
    }
}

/// `validateFileKeyRefVolumes` for one container at `path`: a `fileKeyRef` must name an
/// `emptyDir` volume of the Pod.
pub(super) fn validate_file_key_ref_volumes(
    ctr: &Value,
    ctx: &PodContext<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    for (j, var) in items(ctr, "env").iter().enumerate() {
        let Some(fkr) = get(var, "valueFrom").and_then(|f| get(f, "fileKeyRef")) else {
            continue;
        };
        let volume = text(fkr, "volumeName");
        let p = path
            .child("env")
            .index(j)
            .child("valueFrom")
            .child("fileKeyRef")
            .child("volumeName");
        match ctx.all_volumes.get(volume) {
            None => errs.not_found(&p, Val::Str(volume)),
            Some(v) if get(v, "emptyDir").is_none() => errs.invalid(
                &p,
                Val::Str(volume),
                "referenced volume must be of type emptyDir",
            ),
            Some(_) => {}
        }
    }
}
