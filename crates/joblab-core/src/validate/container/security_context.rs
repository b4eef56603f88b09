//! A container's `securityContext` (k/k `validation.go`: `ValidateSecurityContext`,
//! `validateSeccompProfileField`, `validateSeccompProfileType`, `ValidateAppArmorProfileField`,
//! `validateWindowsSecurityContextOptions`, `ValidateProcMountType`), as the oracle's API server
//! runs it: privileged containers are disallowed (`capabilities.AllowPrivileged` is false) and
//! CAP_SYS_ADMIN may not be added without privilege escalation.

use serde_json::Value;

use super::json::{
    flag, get, go_json, go_json_string, items, not_supported_typed, opt_int, opt_text,
};
use super::mounts::validate_local_descending_path;
use crate::validate::names::{inclusive_range_error, is_dns1123_subdomain};
use crate::validate::{Errs, Path, Val};

/// Go's JSON of an optional member: `null` when absent.
fn member(v: &Value, key: &str) -> String {
    get(v, key).map_or_else(|| "null".to_owned(), go_json)
}

/// A `*string` member as Go's JSON prints it (the member's own JSON, or `null`).
fn member_str(v: &Value, key: &str) -> String {
    opt_text(v, key).map_or_else(|| "null".to_owned(), go_json_string)
}

/// A string member that is not a pointer: `""` when absent.
fn member_plain(v: &Value, key: &str) -> String {
    go_json_string(opt_text(v, key).unwrap_or(""))
}

/// `json.Marshal` of an internal `core.SeccompProfile` or `core.AppArmorProfile` (no JSON tags,
/// so Go's field names).
fn profile_json(p: &Value) -> String {
    format!(
        "{{\"Type\":{},\"LocalhostProfile\":{}}}",
        member_plain(p, "type"),
        member_str(p, "localhostProfile")
    )
}

/// `json.Marshal` of an internal `core.SecurityContext`, as the server prints it after
/// `Invalid value: `.
fn security_context_json(sc: &Value) -> String {
    let nullable =
        |key: &str, f: &dyn Fn(&Value) -> String| get(sc, key).map_or_else(|| "null".to_owned(), f);
    let capabilities = nullable("capabilities", &|c| {
        format!(
            "{{\"Add\":{},\"Drop\":{}}}",
            member(c, "add"),
            member(c, "drop")
        )
    });
    let se_linux = nullable("seLinuxOptions", &|o| {
        format!(
            "{{\"User\":{},\"Role\":{},\"Type\":{},\"Level\":{}}}",
            member_plain(o, "user"),
            member_plain(o, "role"),
            member_plain(o, "type"),
            member_plain(o, "level")
        )
    });
    let windows = nullable("windowsOptions", &|w| {
        format!(
            "{{\"GMSACredentialSpecName\":{},\"GMSACredentialSpec\":{},\"RunAsUserName\":{},\"HostProcess\":{}}}",
            member_str(w, "gmsaCredentialSpecName"),
            member_str(w, "gmsaCredentialSpec"),
            member_str(w, "runAsUserName"),
            member(w, "hostProcess")
        )
    });
    format!(
        "{{\"Capabilities\":{capabilities},\"Privileged\":{},\"SELinuxOptions\":{se_linux},\"WindowsOptions\":{windows},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{},\"AppArmorProfile\":{}}}",
        member(sc, "privileged"),
        member(sc, "runAsUser"),
        member(sc, "runAsGroup"),
        member(sc, "runAsNonRoot"),
        member(sc, "readOnlyRootFilesystem"),
        member(sc, "allowPrivilegeEscalation"),
        member_str(sc, "procMount"),
        nullable("seccompProfile", &profile_json),
        nullable("appArmorProfile", &profile_json),
    )
}

/// `ValidateSecurityContext` for a container.
pub(super) fn validate_security_context(
    sc: &Value,
    host_users: bool,
    path: &Path,
    errs: &mut Errs,
) {
    if flag(sc, "privileged") {
        errs.forbidden(&path.child("privileged"), "disallowed by cluster policy");
    }
    for key in ["runAsUser", "runAsGroup"] {
        if let Some(id) = opt_int(sc, key) {
            if !(0..=i64::from(i32::MAX)).contains(&id) {
                errs.invalid(
                    &path.child(key),
                    Val::Int(id),
                    &inclusive_range_error(0, i32::MAX.into()),
                );
            }
        }
    }
    if let Some(mount) = opt_text(sc, "procMount") {
        let p = path.child("procMount");
        if !matches!(mount, "Default" | "Unmasked") {
            not_supported_typed(errs, &p, mount, &["Default", "Unmasked"]);
        }
        if host_users && mount == "Unmasked" {
            errs.invalid(
                &p,
                Val::Raw(go_json_string(mount)),
                "`hostUsers` must be false to use `Unmasked`",
            );
        }
    }
    if let Some(profile) = get(sc, "seccompProfile") {
        validate_seccomp_profile(profile, &path.child("seccompProfile"), errs);
    }
    if sc.get("allowPrivilegeEscalation").and_then(Value::as_bool) == Some(false) {
        if flag(sc, "privileged") {
            errs.invalid(
                path,
                Val::Raw(security_context_json(sc)),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
        }
        if let Some(caps) = get(sc, "capabilities") {
            for cap in items(caps, "add") {
                if cap.as_str() == Some("CAP_SYS_ADMIN") {
                    errs.invalid(
                        path,
                        Val::Raw(security_context_json(sc)),
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                    );
                }
            }
        }
    }
    if let Some(options) = get(sc, "windowsOptions") {
        validate_windows_options(options, &path.child("windowsOptions"), errs);
    }
    if let Some(profile) = get(sc, "appArmorProfile") {
        validate_app_armor_profile(profile, &path.child("appArmorProfile"), errs);
    }
}

/// `validateSeccompProfileField`.
pub(crate) fn validate_seccomp_profile(profile: &Value, path: &Path, errs: &mut Errs) {
    let kind = opt_text(profile, "type").unwrap_or("");
    let tp = path.child("type");
    match kind {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.required(&tp, "type is required when seccompProfile is set"),
        other => not_supported_typed(
            errs,
            &tp,
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
    let lp = path.child("localhostProfile");
    match opt_text(profile, "localhostProfile") {
        None if kind == "Localhost" => {
            errs.required(&lp, "must be set when seccomp type is Localhost");
        }
        Some(local) if kind == "Localhost" => validate_local_descending_path(local, &lp, errs),
        Some(_) => errs.invalid(
            &lp,
            Val::Raw(profile_json(profile)),
            "can only be set when seccomp type is Localhost",
        ),
        None => {}
    }
}

/// `ValidateAppArmorProfileField`.
pub(crate) fn validate_app_armor_profile(profile: &Value, path: &Path, errs: &mut Errs) {
    let lp = path.child("localhostProfile");
    let local = opt_text(profile, "localhostProfile");
    match opt_text(profile, "type").unwrap_or("") {
        "Localhost" => match local {
            None => errs.required(&lp, "must be set when AppArmor type is Localhost"),
            Some(local) => {
                if local.trim() != local {
                    errs.invalid(&lp, Val::Str(local), "must not be padded with whitespace");
                } else if local.is_empty() {
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
                    Val::Raw(go_json_string(local)),
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

/// Go's `[[:cntrl:]]`: ASCII control characters.
fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_control())
}

/// NetBIOS domain: not starting with a dot, 1 to 15 characters, none of `\ / : * ? " < > |`.
fn is_netbios_domain(domain: &str) -> bool {
    let bad = |c: char| matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
    let mut chars = domain.chars();
    match chars.next() {
        None => false,
        Some(first) if bad(first) || first == '.' => false,
        Some(_) => {
            let rest: Vec<char> = chars.collect();
            rest.len() <= 14 && !rest.iter().any(|&c| bad(c))
        }
    }
}

/// DNS domain as the Windows user check accepts it: labels of ASCII letters, digits and inner
/// hyphens, 1 to 63 characters, joined by dots.
fn is_dns_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let b = label.as_bytes();
        !b.is_empty()
            && b.len() <= 63
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// `validateWindowsSecurityContextOptions`. The values are `*string`, so they print as JSON.
pub(crate) fn validate_windows_options(options: &Value, path: &Path, errs: &mut Errs) {
    if let Some(name) = opt_text(options, "gmsaCredentialSpecName") {
        for msg in is_dns1123_subdomain(name) {
            errs.invalid(
                &path.child("gmsaCredentialSpecName"),
                Val::Raw(go_json_string(name)),
                &msg,
            );
        }
    }
    if let Some(spec) = opt_text(options, "gmsaCredentialSpec") {
        let p = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            errs.invalid(
                &p,
                Val::Raw(go_json_string(spec)),
                "gmsaCredentialSpec cannot be an empty string",
            );
        } else if spec.len() > 64 * 1024 {
            errs.invalid(
                &p,
                Val::Raw(go_json_string(spec)),
                "gmsaCredentialSpec size must be under 64 KiB",
            );
        }
    }
    let Some(user_name) = opt_text(options, "runAsUserName") else {
        return;
    };
    let p = path.child("runAsUserName");
    let shown = || Val::Raw(go_json_string(user_name));
    if user_name.is_empty() {
        errs.invalid(&p, shown(), "runAsUserName cannot be an empty string");
        return;
    }
    if has_control(user_name) {
        errs.invalid(
            &p,
            shown(),
            "runAsUserName cannot contain control characters",
        );
        return;
    }
    let parts: Vec<&str> = user_name.split('\\').collect();
    let (domain, user) = match parts.as_slice() {
        [user] => (None, *user),
        [domain, user] => (Some(*domain), *user),
        _ => {
            errs.invalid(
                &p,
                shown(),
                "runAsUserName cannot contain more than one backslash",
            );
            return;
        }
    };
    if domain.is_some_and(|d| d.len() >= 256) {
        errs.invalid(
            &p,
            shown(),
            "runAsUserName's Domain length must be under 256 characters",
        );
    }
    if let Some(d) = domain {
        if !(is_netbios_domain(d) || is_dns_domain(d)) {
            errs.invalid(
                &p,
                shown(),
                "runAsUserName's Domain doesn't match the NetBios nor the DNS format",
            );
        }
    }
    if user.is_empty() {
        errs.invalid(&p, shown(), "runAsUserName's User cannot be empty");
    } else if user.len() > 104 {
        errs.invalid(
            &p,
            shown(),
            "runAsUserName's User length must not be longer than 104 characters",
        );
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        errs.invalid(
            &p,
            shown(),
            "runAsUserName's User cannot contain only periods or spaces",
        );
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        errs.invalid(
            &p,
            shown(),
            "runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]",
        );
    }
}
