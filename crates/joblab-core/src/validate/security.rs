//! The Pod-level security rules (k/k `pkg/apis/core/validation/validation.go`:
//! `validatePodSpecSecurityContext`, `validateSysctls`, `ValidateHostSysctl`,
//! `validateSeccompProfileField`, `ValidateAppArmorProfileField`,
//! `validateWindowsSecurityContextOptions`, `validateShareProcessNamespace`, `validateHostUsers`).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::validate::names::{inclusive_range_error, is_dns1123_subdomain};
use crate::validate::podjson::{
    flag, get, go_json_opt, go_json_string, items, json_str, not_supported_typed, opt_int,
    opt_text, text,
};
use crate::validate::{Errs, Path, Val};

/// `SysctlContainSlashFmt`, as the server prints it.
const SYSCTL_REGEX: &str =
    "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// `IsValidGroupID` / `IsValidUserID`: 0 to `MaxInt32`.
fn id_range(value: i64, path: &Path, errs: &mut Errs) {
    if !(0..=i64::from(i32::MAX)).contains(&value) {
        errs.invalid(
            path,
            Val::Int(value),
            &inclusive_range_error(0, i32::MAX.into()),
        );
    }
}

/// `validatePodSpecSecurityContext`.
pub(super) fn validate_pod_security_context(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(sc) = get(spec, "securityContext") else {
        return;
    };
    let p = path.child("securityContext");
    for field in ["fsGroup", "runAsUser", "runAsGroup"] {
        if let Some(id) = opt_int(sc, field) {
            id_range(id, &p.child(field), errs);
        }
    }
    for (i, gid) in items(sc, "supplementalGroups").iter().enumerate() {
        id_range(
            gid.as_i64().unwrap_or(0),
            &p.child("supplementalGroups").index(i),
            errs,
        );
    }
    let sysctls = items(sc, "sysctls");
    if !sysctls.is_empty() {
        validate_sysctls(spec, sysctls, &p.child("sysctls"), errs);
    }
    if let Some(policy) = opt_text(sc, "fsGroupChangePolicy") {
        if !matches!(policy, "Always" | "OnRootMismatch") {
            not_supported_typed(
                errs,
                &p.child("fsGroupChangePolicy"),
                policy,
                &["Always", "OnRootMismatch"],
            );
        }
    }
    validate_seccomp_profile(get(sc, "seccompProfile"), &p.child("seccompProfile"), errs);
    validate_windows_options(get(sc, "windowsOptions"), &p.child("windowsOptions"), errs);
    validate_apparmor_profile(
        get(sc, "appArmorProfile"),
        &p.child("appArmorProfile"),
        errs,
    );
    if let Some(policy) = opt_text(sc, "supplementalGroupsPolicy") {
        if !matches!(policy, "Merge" | "Strict") {
            not_supported_typed(
                errs,
                &p.child("supplementalGroupsPolicy"),
                policy,
                &["Merge", "Strict"],
            );
        }
    }
    if let Some(policy) = opt_text(sc, "seLinuxChangePolicy") {
        if !matches!(policy, "MountOption" | "Recursive") {
            not_supported_typed(
                errs,
                &p.child("seLinuxChangePolicy"),
                policy,
                &["MountOption", "Recursive"],
            );
        }
    }
}

/// Matches `SysctlContainSlashFmt`: segments of `[a-z0-9]([-_a-z0-9]*[a-z0-9])?` joined by `.`
/// or `/`.
fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            let end = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            match (b.first(), b.last()) {
                (Some(f), Some(l)) => {
                    end(f) && end(l) && b.iter().all(|c| end(c) || *c == b'-' || *c == b'_')
                }
                _ => false,
            }
        })
}

/// The Linux namespace of a sysctl (`component-helpers` `sysctl.GetNamespace`): `net.*` is the
/// network namespace; the SysV IPC knobs and `fs.mqueue.*` the IPC namespace.
fn sysctl_namespace(name: &str) -> Option<&'static str> {
    let normalized = normalize_sysctl(name);
    let mut s = normalized.as_str();
    if let Some(star) = s.find('*') {
        s = &s[..star];
    }
    const IPC: [&str; 10] = [
        "kernel.sem",
        "kernel.shmall",
        "kernel.shmmax",
        "kernel.shmmni",
        "kernel.shm_rmid_forced",
        "kernel.shm",
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.msg",
    ];
    if s == "kernel.domainname" {
        return Some("UTS");
    }
    if IPC.contains(&s) {
        return Some("IPC");
    }
    if s.starts_with("net.") {
        return Some("Net");
    }
    if s.starts_with("fs.mqueue.") {
        return Some("IPC");
    }
    if s.starts_with("user.") {
        return Some("User");
    }
    None
}

/// `sysctl.NormalizeName`: a name whose first separator is `/` has `.` and `/` swapped.
fn normalize_sysctl(name: &str) -> String {
    match name.find(['.', '/']) {
        Some(i) if name.as_bytes()[i] == b'/' => name
            .chars()
            .map(|c| match c {
                '.' => '/',
                '/' => '.',
                c => c,
            })
            .collect(),
        _ => name.to_owned(),
    }
}

/// `validateSysctls` with `ValidateHostSysctl` (namespaced sysctls are refused with the host's
/// network or IPC namespace).
fn validate_sysctls(spec: &Value, sysctls: &[Value], path: &Path, errs: &mut Errs) {
    let mut names = BTreeSet::new();
    for (i, s) in sysctls.iter().enumerate() {
        let np = path.index(i).child("name");
        let name = text(s, "name");
        if name.is_empty() {
            errs.required(&np, "");
        } else if !is_valid_sysctl_name(name) {
            errs.invalid(
                &np,
                Val::Str(name),
                &format!("must have at most 253 characters and match regex {SYSCTL_REGEX}"),
            );
        } else if names.contains(name) {
            errs.duplicate(&np, Val::Str(name));
        }
        match sysctl_namespace(name) {
            Some("Net") if flag(spec, "hostNetwork") => errs.invalid(
                &np,
                Val::Str(name),
                "may not be specified when 'hostNetwork' is true",
            ),
            Some("IPC") if flag(spec, "hostIPC") => errs.invalid(
                &np,
                Val::Str(name),
                "may not be specified when 'hostIPC' is true",
            ),
            _ => {}
        }
        names.insert(name);
    }
}

/// `validateSeccompProfileField`.
fn validate_seccomp_profile(sp: Option<&Value>, path: &Path, errs: &mut Errs) {
    let Some(sp) = sp else {
        return;
    };
    let ty = text(sp, "type");
    match ty {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.required(
            &path.child("type"),
            "type is required when seccompProfile is set",
        ),
        other => not_supported_typed(
            errs,
            &path.child("type"),
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
    let lp = path.child("localhostProfile");
    let local = opt_text(sp, "localhostProfile");
    if ty == "Localhost" {
        match local {
            None => errs.required(&lp, "must be set when seccomp type is Localhost"),
            Some(local) => {
                if local.starts_with('/') {
                    errs.invalid(&lp, Val::Str(local), "must be a relative path");
                }
                if local.split('/').any(|part| part == "..") {
                    errs.invalid(&lp, Val::Str(local), "must not contain '..'");
                }
            }
        }
    } else if local.is_some() {
        // The bad value is the whole profile struct, printed as JSON with Go's field names.
        let raw = format!(
            "{{\"Type\":{},\"LocalhostProfile\":{}}}",
            go_json_string(ty),
            go_json_opt(local)
        );
        errs.invalid(
            &lp,
            Val::Raw(raw),
            "can only be set when seccomp type is Localhost",
        );
    }
}

/// `ValidateAppArmorProfileField`.
fn validate_apparmor_profile(profile: Option<&Value>, path: &Path, errs: &mut Errs) {
    let Some(profile) = profile else {
        return;
    };
    let lp = path.child("localhostProfile");
    let local = opt_text(profile, "localhostProfile");
    match text(profile, "type") {
        "Localhost" => match local {
            None => errs.required(&lp, "must be set when AppArmor type is Localhost"),
            Some(local) => {
                let trimmed = local.trim_matches(go_space);
                if trimmed != local {
                    errs.invalid(&lp, Val::Str(local), "must not be padded with whitespace");
                } else if trimmed.is_empty() {
                    errs.required(&lp, "must be set when AppArmor type is Localhost");
                }
                if local.len() > 4095 {
                    errs.too_long(&lp, 4095);
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(local) = local {
                errs.invalid(
                    &lp,
                    json_str(local),
                    "can only be set when AppArmor type is Localhost",
                );
            }
        }
        "" => errs.required(
            &path.child("type"),
            "type is required when appArmorProfile is set",
        ),
        other => not_supported_typed(
            errs,
            &path.child("type"),
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
}

/// Go's `unicode.IsSpace`, which `strings.TrimSpace` trims.
fn go_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || c.is_whitespace()
}

/// `validateWindowsSecurityContextOptions`: the GMSA names and the user name's shape.
pub(super) fn validate_windows_options(opts: Option<&Value>, path: &Path, errs: &mut Errs) {
    let Some(opts) = opts else {
        return;
    };
    if let Some(name) = opt_text(opts, "gmsaCredentialSpecName") {
        for msg in is_dns1123_subdomain(name) {
            errs.invalid(&path.child("gmsaCredentialSpecName"), json_str(name), &msg);
        }
    }
    if let Some(spec) = opt_text(opts, "gmsaCredentialSpec") {
        let gp = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            errs.invalid(
                &gp,
                json_str(spec),
                "gmsaCredentialSpec cannot be an empty string",
            );
        } else if spec.len() > 64 * 1024 {
            errs.invalid(
                &gp,
                json_str(spec),
                "gmsaCredentialSpec size must be under 64 KiB",
            );
        }
    }
    if let Some(user) = opt_text(opts, "runAsUserName") {
        run_as_user_name(user, &path.child("runAsUserName"), errs);
    }
}

/// The `runAsUserName` rules: `DOMAIN\USER` with a NetBIOS or DNS domain and a Windows user name.
fn run_as_user_name(value: &str, path: &Path, errs: &mut Errs) {
    let mut bad = |msg: &str| errs.invalid(path, json_str(value), msg);
    if value.is_empty() {
        return bad("runAsUserName cannot be an empty string");
    }
    if value.chars().any(|c| c.is_ascii_control()) {
        return bad("runAsUserName cannot contain control characters");
    }
    let parts: Vec<&str> = value.split('\\').collect();
    if parts.len() > 2 {
        return bad("runAsUserName cannot contain more than one backslash");
    }
    let (domain, user) = match parts.as_slice() {
        [user] => (None, *user),
        [domain, user] => (Some(*domain), *user),
        _ => return,
    };
    let domain_text = domain.unwrap_or("");
    if domain_text.len() >= 256 {
        bad("runAsUserName's Domain length must be under 256 characters");
    }
    if let Some(domain) = domain {
        if !(is_netbios(domain) || crate::validate::names::matches_dns1123_subdomain(domain)) {
            bad("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
        }
    }
    if user.is_empty() {
        bad("runAsUserName's User cannot be empty");
    } else if user.len() > 104 {
        bad("runAsUserName's User length must not be longer than 104 characters");
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        bad("runAsUserName's User cannot contain only periods or spaces");
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        bad(r#"runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#);
    }
}

/// `validNetBiosRegex`: 1 to 15 characters, none of `\/:*?"<>|`, not starting with `.`.
fn is_netbios(domain: &str) -> bool {
    let forbidden = |c: char| "\\/:*?\"<>|".contains(c);
    let mut chars = domain.chars();
    match chars.next() {
        Some(first) if !forbidden(first) && first != '.' => {
            let rest: Vec<char> = chars.collect();
            rest.len() <= 14 && !rest.iter().any(|&c| forbidden(c))
        }
        _ => false,
    }
}

/// `validateShareProcessNamespace` and `validateHostUsers` (user namespaces refuse the host's
/// network, PID and IPC namespaces and volume devices).
pub(super) fn validate_host_namespaces(spec: &Value, path: &Path, errs: &mut Errs) {
    if flag(spec, "shareProcessNamespace") && flag(spec, "hostPID") {
        errs.invalid(
            &path.child("shareProcessNamespace"),
            Val::Raw("true".to_owned()),
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
}

/// `validateHostUsers`, where `ValidatePodSpec` calls it (after topology spread).
pub(super) fn validate_host_users(spec: &Value, path: &Path, errs: &mut Errs) {
    if spec.get("hostUsers").and_then(Value::as_bool) != Some(false) {
        return;
    }
    const WHY: &str = "when `hostUsers` is false";
    if flag(spec, "hostNetwork") {
        errs.forbidden(&path.child("hostNetwork"), WHY);
    }
    // Upstream spells these two paths with capitals.
    if flag(spec, "hostPID") {
        errs.forbidden(&path.child("HostPID"), WHY);
    }
    if flag(spec, "hostIPC") {
        errs.forbidden(&path.child("HostIPC"), WHY);
    }
    for field in ["initContainers", "containers", "ephemeralContainers"] {
        for (i, c) in items(spec, field).iter().enumerate() {
            if !items(c, "volumeDevices").is_empty() {
                errs.forbidden(&path.child(field).index(i).child("volumeDevices"), WHY);
            }
        }
    }
}

/// `validateWindowsHostProcessPod`: a Pod with any HostProcess container must have only such
/// containers and the host network; the oracle's cluster policy disallows privileged
/// containers, so HostProcess is always refused too.
pub(super) fn validate_host_process(spec: &Value, path: &Path, errs: &mut Errs) {
    let host_process = |sc: Option<&Value>| {
        sc.and_then(|s| get(s, "windowsOptions"))
            .and_then(|w| w.get("hostProcess"))
            .and_then(Value::as_bool)
    };
    let pod = host_process(get(spec, "securityContext"));
    let mut count = 0;
    let mut host_count = 0;
    for field in ["initContainers", "containers", "ephemeralContainers"] {
        for (i, c) in items(spec, field).iter().enumerate() {
            count += 1;
            let ctr = host_process(get(c, "securityContext"));
            if let (Some(p), Some(c)) = (pod, ctr) {
                if p != c {
                    errs.invalid(
                        &path
                            .child(field)
                            .index(i)
                            .child("securityContext")
                            .child("windowsOptions")
                            .child("hostProcess"),
                        Val::Raw(c.to_string()),
                        &format!("pod hostProcess value must be identical if both are specified, was {p}"),
                    );
                }
            }
            if ctr == Some(true) || (ctr.is_none() && pod == Some(true)) {
                host_count += 1;
            }
        }
    }
    if host_count == 0 {
        return;
    }
    if host_count != count {
        errs.invalid(
            path,
            Val::Str(""),
            "If pod contains any hostProcess containers then all containers must be HostProcess containers",
        );
    }
    if !flag(spec, "hostNetwork") {
        errs.invalid(
            &path.child("hostNetwork"),
            Val::Raw("false".to_owned()),
            "hostNetwork must be true if pod contains any hostProcess containers",
        );
    }
    errs.forbidden(
        path,
        "hostProcess containers are disallowed by cluster policy",
    );
}
