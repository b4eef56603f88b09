//! Probes and lifecycle handlers (k/k `validation.go`: `validateLivenessProbe`,
//! `validateReadinessProbe`, `validateStartupProbe`, `validateProbe`, `validateHandler`,
//! `validateHTTPGetAction`, `ValidatePortNumOrName`, `validateGRPCAction`,
//! `validateSleepAction`, `validateLifecycle`) and their defaults (`SetDefaults_Probe`,
//! `SetDefaults_HTTPGetAction`, the generated `GRPC.Service` default).

use serde_json::{Map, Value};

use super::json::{get, int, items, not_supported_typed, opt_int, text};
use crate::validate::names::{is_valid_port_name, is_valid_port_num, regex_error};
use crate::validate::{Errs, Path, Val};

/// Sets `key` to `value` when it is absent, `null` or zero, as Go's `== 0` defaults do.
fn default_int(obj: &mut Map<String, Value>, key: &str, value: i64) {
    if obj.get(key).and_then(Value::as_i64).unwrap_or(0) == 0 {
        obj.insert(key.to_owned(), Value::from(value));
    }
}

/// Drops `httpGet.protocol` and `grpc.mode` from a probe or lifecycle handler: their feature
/// gates (H2CContainerProbe, GRPCContainerProbeTLS) are off in 1.37.
pub(super) fn drop_disabled(handler: &mut Map<String, Value>) {
    if let Some(http) = handler.get_mut("httpGet").and_then(Value::as_object_mut) {
        http.remove("protocol");
    }
    if let Some(grpc) = handler.get_mut("grpc").and_then(Value::as_object_mut) {
        grpc.remove("mode");
    }
}

/// `SetDefaults_Probe` and the defaults of its handler (the generated `GRPC.Service` default).
pub(super) fn default_probe(probe: &mut Map<String, Value>) {
    default_int(probe, "timeoutSeconds", 1);
    default_int(probe, "periodSeconds", 10);
    default_int(probe, "successThreshold", 1);
    default_int(probe, "failureThreshold", 3);
    default_handler(probe);
    if let Some(grpc) = probe.get_mut("grpc").and_then(Value::as_object_mut) {
        if grpc.get("service").is_none_or(Value::is_null) {
            grpc.insert("service".to_owned(), Value::from(""));
        }
    }
}

/// `SetDefaults_HTTPGetAction` on a probe or lifecycle handler.
pub(super) fn default_handler(handler: &mut Map<String, Value>) {
    if let Some(http) = handler.get_mut("httpGet").and_then(Value::as_object_mut) {
        for (key, default) in [("path", "/"), ("scheme", "HTTP")] {
            if http
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                http.insert(key.to_owned(), Value::from(default));
            }
        }
    }
}

/// The three probes of a regular container or sidecar.
pub(super) fn validate_probes(ctr: &Value, path: &Path, errs: &mut Errs) {
    for field in ["livenessProbe", "readinessProbe", "startupProbe"] {
        let Some(probe) = get(ctr, field) else {
            continue;
        };
        let p = path.child(field);
        validate_probe(probe, &p, errs);
        if field == "readinessProbe" {
            if let Some(grace) = opt_int(probe, "terminationGracePeriodSeconds") {
                errs.invalid(
                    &p.child("terminationGracePeriodSeconds"),
                    Val::Int(grace),
                    "must not be set for readinessProbes",
                );
            }
        } else {
            let success = int(probe, "successThreshold");
            if success != 1 {
                errs.invalid(&p.child("successThreshold"), Val::Int(success), "must be 1");
            }
        }
    }
}

/// `validateProbe`.
fn validate_probe(probe: &Value, path: &Path, errs: &mut Errs) {
    validate_handler(probe, false, None, path, errs);
    for field in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        errs.non_negative(&path.child(field), int(probe, field));
    }
    if let Some(grace) = opt_int(probe, "terminationGracePeriodSeconds").filter(|&g| g <= 0) {
        errs.invalid(
            &path.child("terminationGracePeriodSeconds"),
            Val::Int(grace),
            "must be greater than 0",
        );
    }
}

/// `validateLifecycle` (the stop signal is dropped before validation in 1.37).
pub(super) fn validate_lifecycle(
    lifecycle: &Value,
    grace: Option<i64>,
    path: &Path,
    errs: &mut Errs,
) {
    for field in ["postStart", "preStop"] {
        if let Some(handler) = get(lifecycle, field) {
            validate_handler(handler, true, grace, &path.child(field), errs);
        }
    }
}

/// `validateHandler`: exactly one handler, each validated. A lifecycle handler may sleep; a
/// probe may use gRPC.
fn validate_handler(
    handler: &Value,
    lifecycle: bool,
    grace: Option<i64>,
    path: &Path,
    errs: &mut Errs,
) {
    let kinds: &[&str] = if lifecycle {
        &["exec", "httpGet", "tcpSocket", "sleep"]
    } else {
        &["exec", "httpGet", "tcpSocket", "grpc"]
    };
    let mut handlers = 0;
    for &kind in kinds {
        let Some(action) = get(handler, kind) else {
            continue;
        };
        let p = path.child(kind);
        if handlers > 0 {
            errs.forbidden(&p, "may not specify more than 1 handler type");
            continue;
        }
        handlers += 1;
        match kind {
            "exec" => {
                if items(action, "command").is_empty() {
                    errs.required(&p.child("command"), "");
                }
            }
            "httpGet" => validate_http_get(action, &p, errs),
            "tcpSocket" => validate_port_num_or_name(action.get("port"), &p.child("port"), errs),
            "grpc" => {
                let port = int(action, "port");
                for msg in is_valid_port_num(port) {
                    errs.invalid(&p.child("port"), Val::Int(port), &msg);
                }
            }
            _ => {
                // `validateSleepAction`: a nil grace period is reported elsewhere.
                let seconds = int(action, "seconds");
                if let Some(grace) = grace {
                    if seconds < 0 || seconds > grace {
                        errs.invalid(
                            &p,
                            Val::Int(seconds),
                            &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})"),
                        );
                    }
                }
            }
        }
    }
    if handlers == 0 {
        errs.required(path, "must specify a handler type");
    }
}

/// `validateHTTPGetAction` (after defaulting, so the path and scheme are set unless invalid).
fn validate_http_get(http: &Value, path: &Path, errs: &mut Errs) {
    if text(http, "path").is_empty() {
        errs.required(&path.child("path"), "");
    }
    validate_port_num_or_name(http.get("port"), &path.child("port"), errs);
    let scheme = text(http, "scheme");
    if !matches!(scheme, "HTTP" | "HTTPS") {
        not_supported_typed(errs, &path.child("scheme"), scheme, &["HTTP", "HTTPS"]);
    }
    for header in items(http, "httpHeaders") {
        let name = text(header, "name");
        let valid =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid {
            errs.invalid(
                &path.child("httpHeaders"),
                Val::Str(name),
                &regex_error(
                    "a valid HTTP header must consist of alphanumeric characters or '-'",
                    "[-A-Za-z0-9]+",
                    &["X-Header-Name"],
                ),
            );
        }
    }
}

/// `ValidatePortNumOrName`: a number is a port number, a string a port name; absent is 0.
fn validate_port_num_or_name(port: Option<&Value>, path: &Path, errs: &mut Errs) {
    match port {
        Some(Value::String(name)) => {
            for msg in is_valid_port_name(name) {
                errs.invalid(path, Val::Str(name), &msg);
            }
        }
        other => {
            let n = other.and_then(Value::as_i64).unwrap_or(0);
            for msg in is_valid_port_num(n) {
                errs.invalid(path, Val::Int(n), &msg);
            }
        }
    }
}
