//! The containers of the effective Job as the API server stores them: the feature-gated fields
//! dropped and the defaults applied as before validation ([`super::prepare_container`]), the
//! quantities in canonical form after `SetDefaults_ResourceList` rounded them up to milli-units,
//! and the zero values Go's `omitempty` leaves out of the stored JSON removed (`stdin: false`,
//! `args: []`, `value: ""`, ...). The fields that are pointers in the v1 types keep their zero
//! values (`restartPolicy: ""`, `optional: false`), as Go does.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::api::api::batch::v1::Job;

/// Whether `v` is what Go's `omitempty` omits for a non-pointer field.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
    }
}

/// Removes the members `keys` of `obj` that hold an empty value.
fn omit_empty(obj: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        if obj.get(*key).is_some_and(is_empty) {
            obj.remove(*key);
        }
    }
}

/// The objects of the list member `key`.
fn each<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a mut Map<String, Value>> {
    obj.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

/// The object member `key`.
fn child<'a>(obj: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    obj.get_mut(key).and_then(Value::as_object_mut)
}

/// A resource list's quantities in the canonical form the server stores, rounded up to
/// milli-units; unparsable ones are left as written (validation reports them).
fn canonical_list(list: &mut Map<String, Value>) {
    for value in list.values_mut() {
        if let Ok(q) = super::resources::parse_quantity(value) {
            *value = Value::from(q.canonical());
        }
    }
}

/// A probe or lifecycle handler: `exec`, `httpGet`, `tcpSocket` (`grpc` and `sleep` have no
/// omitted members).
fn store_handler(handler: &mut Map<String, Value>) {
    if let Some(exec) = child(handler, "exec") {
        omit_empty(exec, &["command"]);
    }
    if let Some(http) = child(handler, "httpGet") {
        omit_empty(http, &["path", "host", "scheme", "httpHeaders"]);
    }
    if let Some(tcp) = child(handler, "tcpSocket") {
        omit_empty(tcp, &["host"]);
    }
}

/// One container, already through [`super::prepare_container`].
fn store_container(ctr: &mut Map<String, Value>) {
    for port in each(ctr, "ports") {
        omit_empty(port, &["name", "hostPort", "protocol", "hostIP"]);
    }
    for var in each(ctr, "env") {
        omit_empty(var, &["value"]);
        if let Some(from) = child(var, "valueFrom") {
            if let Some(r) = child(from, "fieldRef") {
                omit_empty(r, &["apiVersion"]);
            }
            for key in ["configMapKeyRef", "secretKeyRef"] {
                if let Some(r) = child(from, key) {
                    omit_empty(r, &["name"]);
                }
            }
            if let Some(r) = child(from, "resourceFieldRef") {
                omit_empty(r, &["containerName"]);
            }
            if let Some(r) = child(from, "fileKeyRef") {
                // The generated defaults make `optional` false when it is absent.
                r.entry("optional").or_insert(Value::Bool(false));
            }
        }
    }
    for source in each(ctr, "envFrom") {
        omit_empty(source, &["prefix"]);
        for key in ["configMapRef", "secretRef"] {
            if let Some(r) = child(source, key) {
                omit_empty(r, &["name"]);
            }
        }
    }
    // `resources` is a struct, not a pointer: always there, `{}` when empty.
    let resources = ctr
        .entry("resources")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(res) = resources.as_object_mut() {
        for key in ["limits", "requests"] {
            if let Some(list) = child(res, key) {
                canonical_list(list);
            }
        }
        for claim in each(res, "claims") {
            omit_empty(claim, &["request"]);
        }
        omit_empty(res, &["limits", "requests", "claims"]);
    }
    for mount in each(ctr, "volumeMounts") {
        omit_empty(mount, &["readOnly", "subPath", "subPathExpr"]);
    }
    for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(probe) = child(ctr, key) {
            store_handler(probe);
            omit_empty(
                probe,
                &[
                    "initialDelaySeconds",
                    "timeoutSeconds",
                    "periodSeconds",
                    "successThreshold",
                    "failureThreshold",
                ],
            );
        }
    }
    if let Some(lifecycle) = child(ctr, "lifecycle") {
        for key in ["postStart", "preStop"] {
            if let Some(h) = child(lifecycle, key) {
                store_handler(h);
            }
        }
    }
    if let Some(sc) = child(ctr, "securityContext") {
        if let Some(caps) = child(sc, "capabilities") {
            omit_empty(caps, &["add", "drop"]);
        }
        if let Some(se) = child(sc, "seLinuxOptions") {
            omit_empty(se, &["user", "role", "type", "level"]);
        }
    }
    omit_empty(
        ctr,
        &[
            "image",
            "command",
            "args",
            "workingDir",
            "ports",
            "envFrom",
            "env",
            "resizePolicy",
            "restartPolicyRules",
            "volumeMounts",
            "volumeDevices",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "imagePullPolicy",
            "stdin",
            "stdinOnce",
            "tty",
        ],
    );
}

/// The container lists of a Pod spec, with their keys.
const LISTS: [&str; 3] = ["containers", "initContainers", "ephemeralContainers"];

/// The container lists of the Pod spec in `job` (a Job's JSON).
fn lists_of(job: &mut Value) -> impl Iterator<Item = (&'static str, &mut Vec<Value>)> {
    let spec = job
        .pointer_mut("/spec/template/spec")
        .and_then(Value::as_object_mut);
    let mut found = Vec::new();
    if let Some(spec) = spec {
        for (key, list) in spec.iter_mut() {
            if let (Some(k), Some(list)) = (
                LISTS.iter().find(|l| **l == key.as_str()),
                list.as_array_mut(),
            ) {
                found.push((*k, list));
            }
        }
    }
    found.into_iter()
}

/// Rewrites the containers of the effective (defaulted) Job `job` as the API server stores
/// them. Meant to run at the end of defaulting, before validation, which then sees the values
/// the server's validation sees.
///
/// The typed containers are rebuilt from the stored form; the manifest as written loses what the
/// server drops or omits but gets no defaults (the typed fields carry those), so it stays the
/// manifest the user wrote.
// Not called yet: defaulting (`crate::defaults::apply_defaults`, another module's) is to call
// it last, which needs a re-export from `crate::validate`.
#[allow(dead_code)]
pub(crate) fn store_containers(job: &mut Job) {
    let Ok(mut effective) = serde_json::to_value(&*job) else {
        return;
    };
    for (_, list) in lists_of(&mut effective) {
        for ctr in list.iter_mut() {
            super::prepare_container(ctr);
            if let Some(obj) = ctr.as_object_mut() {
                store_container(obj);
            }
        }
    }
    if let Some(written) = job.written.as_mut() {
        let written = Arc::make_mut(written);
        for (_, list) in lists_of(written) {
            for ctr in list.iter_mut() {
                super::drop_disabled(ctr);
                if let Some(obj) = ctr.as_object_mut() {
                    store_container(obj);
                    // Only the typed `resources` is always there; the written one stays as
                    // written when it was absent.
                    if obj.get("resources").is_some_and(is_empty) {
                        obj.remove("resources");
                    }
                }
            }
        }
    }
    let Some(spec) = job.spec.as_mut().and_then(|s| s.template.spec.as_mut()) else {
        return;
    };
    let stored = |key: &str| {
        effective
            .pointer(&format!("/spec/template/spec/{key}"))
            .cloned()
    };
    if let Some(list) = stored("containers").and_then(|v| serde_json::from_value(v).ok()) {
        spec.containers = list;
    }
    if let Some(list) = stored("initContainers").and_then(|v| serde_json::from_value(v).ok()) {
        spec.init_containers = Some(list);
    }
    if let Some(list) = stored("ephemeralContainers").and_then(|v| serde_json::from_value(v).ok()) {
        spec.ephemeral_containers = Some(list);
    }
}
