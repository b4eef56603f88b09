//! Names and addresses inside the Pod: `dnsConfig`, `hostAliases` and `hostnameOverride` (k/k
//! `pkg/apis/core/validation/validation.go`: `validatePodDNSConfig`, `ValidateHostAliases`,
//! `validatePodHostName`; apimachinery `pkg/util/validation/ip.go`: `IsValidIPForLegacyField`).

use std::net::Ipv6Addr;

use serde_json::Value;

use crate::validate::names::{is_dns1123_subdomain, regex_error};
use crate::validate::podjson::{flag, get, go_json_strings, items, opt_text, strings, text};
use crate::validate::{Errs, Path, Val};

/// `IsDNS1123SubdomainWithUnderscore`'s message and pattern.
const SUBDOMAIN_UNDERSCORE_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN_UNDERSCORE_FMT: &str =
    "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";

/// `ValidateDNS1123Subdomain`.
fn subdomain(value: &str, path: &Path, errs: &mut Errs) {
    for msg in is_dns1123_subdomain(value) {
        errs.invalid(path, Val::Str(value), &msg);
    }
}

/// Matches `SUBDOMAIN_UNDERSCORE_FMT`: labels that may start with one `_` and contain `_`.
fn matches_subdomain_underscore(value: &str) -> bool {
    value.split('.').all(|label| {
        let label = label.strip_prefix('_').unwrap_or(label);
        let b = label.as_bytes();
        let end = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        match (b.first(), b.last()) {
            (Some(f), Some(l)) => {
                end(f) && end(l) && b.iter().all(|c| end(c) || *c == b'-' || *c == b'_')
            }
            _ => false,
        }
    })
}

/// `IsValidIPForLegacyField` with strict validation (`StrictIPCIDRValidation` is on in 1.37):
/// Go's sloppy parse first, then no leading zeros and no IPv4-mapped IPv6 address.
pub(crate) fn validate_ip(value: &str, path: &Path, errs: &mut Errs) {
    if let Some(leading_zeros) = parse_ipv4_sloppy(value) {
        if leading_zeros {
            errs.invalid(path, Val::Str(value), "must not have leading 0s");
        }
        return;
    }
    // Go's IPv6 parser rejects zones (`%eth0`), as Rust's does.
    match value.parse::<Ipv6Addr>() {
        Ok(addr) => {
            if addr.to_ipv4_mapped().is_some() {
                errs.invalid(
                    path,
                    Val::Str(value),
                    "must not be an IPv4-mapped IPv6 address",
                );
            }
        }
        // Go's sloppy parser also reads leading zeros in an embedded IPv4 tail
        // (`::ffff:010.1.1.1`); the strict parse then fails on them.
        Err(_) if sloppy_v4_tail(value) => {
            errs.invalid(path, Val::Str(value), "must not have leading 0s");
        }
        Err(_) => errs.invalid(
            path,
            Val::Str(value),
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ),
    }
}

/// Whether `value` is an IPv6 address whose dotted IPv4 tail has leading zeros, and parses once
/// they are removed.
fn sloppy_v4_tail(value: &str) -> bool {
    let Some(colon) = value.rfind(':') else {
        return false;
    };
    let tail = &value[colon + 1..];
    if parse_ipv4_sloppy(tail) != Some(true) {
        return false;
    }
    let normalized: Vec<String> = tail
        .split('.')
        .map(|p| p.trim_start_matches('0'))
        .map(|p| {
            if p.is_empty() {
                "0".to_owned()
            } else {
                p.to_owned()
            }
        })
        .collect();
    format!("{}{}", &value[..=colon], normalized.join("."))
        .parse::<Ipv6Addr>()
        .is_ok()
}

/// Parses a dotted-quad the way `netutils.ParseIPSloppy` does (leading zeros allowed): `None`
/// when it is not one, else whether any octet had a leading zero.
fn parse_ipv4_sloppy(value: &str) -> Option<bool> {
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut leading = false;
    for part in parts {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // The old Go parser reads any number of leading zeros.
        let digits = part.trim_start_matches('0');
        if digits.len() > 3 || digits.parse::<u16>().unwrap_or(0) > 255 {
            return None;
        }
        leading |= part.len() > 1 && part.starts_with('0');
    }
    Some(leading)
}

/// `validatePodDNSConfig` with the pod's (defaulted) `dnsPolicy`.
pub(super) fn validate_dns_config(spec: &Value, path: &Path, errs: &mut Errs) {
    let config = get(spec, "dnsConfig");
    if text(spec, "dnsPolicy") == "None" {
        match config {
            None => {
                return errs.required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
            }
            Some(c) if items(c, "nameservers").is_empty() => {
                return errs.required(
                    &path.child("nameservers"),
                    "must provide at least one DNS nameserver when `dnsPolicy` is None",
                );
            }
            Some(_) => {}
        }
    }
    let Some(config) = config else {
        return;
    };
    let nameservers = strings(config, "nameservers");
    if nameservers.len() > 3 {
        errs.invalid(
            &path.child("nameservers"),
            Val::Raw(go_json_strings(&nameservers)),
            "must not have more than 3 nameservers",
        );
    }
    for (i, ns) in nameservers.iter().enumerate() {
        validate_ip(ns, &path.child("nameservers").index(i), errs);
    }
    let searches = strings(config, "searches");
    let sp = path.child("searches");
    if searches.len() > 32 {
        errs.invalid(
            &sp,
            Val::Raw(go_json_strings(&searches)),
            "must not have more than 32 search paths",
        );
    }
    if searches.join(" ").len() > 2048 {
        errs.invalid(
            &sp,
            Val::Raw(go_json_strings(&searches)),
            "must not have more than 2048 characters (including spaces) in the search list",
        );
    }
    for (i, search) in searches.iter().enumerate() {
        if *search == "." {
            continue;
        }
        let search = search.strip_suffix('.').unwrap_or(search);
        let mut msgs = Vec::new();
        if search.len() > 253 {
            msgs.push(crate::validate::names::max_len_error(253));
        }
        if !matches_subdomain_underscore(search) {
            msgs.push(regex_error(
                SUBDOMAIN_UNDERSCORE_ERR,
                SUBDOMAIN_UNDERSCORE_FMT,
                &["example.com"],
            ));
        }
        for msg in msgs {
            errs.invalid(&sp.index(i), Val::Str(search), &msg);
        }
    }
    for (i, option) in items(config, "options").iter().enumerate() {
        if text(option, "name").is_empty() {
            errs.required(&path.child("options").index(i), "must not be empty");
        }
    }
}

/// `ValidateHostAliases`.
pub(super) fn validate_host_aliases(spec: &Value, path: &Path, errs: &mut Errs) {
    for (i, alias) in items(spec, "hostAliases").iter().enumerate() {
        let p = path.index(i);
        validate_ip(text(alias, "ip"), &p.child("ip"), errs);
        for (j, hostname) in strings(alias, "hostnames").iter().enumerate() {
            subdomain(hostname, &p.child("hostnames").index(j), errs);
        }
    }
}

/// `validatePodHostName`: `hostnameOverride`, when set (even empty), is a DNS subdomain of at
/// most 64 bytes, and excludes `setHostnameAsFQDN` and `hostNetwork`.
pub(super) fn validate_hostname_override(spec: &Value, path: &Path, errs: &mut Errs) {
    let Some(name) = opt_text(spec, "hostnameOverride") else {
        return;
    };
    let p = path.child("hostnameOverride");
    if flag(spec, "setHostnameAsFQDN") {
        errs.forbidden(&p, "may not be specified when setHostnameAsFQDN is true");
    }
    if flag(spec, "hostNetwork") {
        errs.forbidden(&p, "may not be specified when hostNetwork is true");
    }
    if name.len() > 64 {
        errs.too_long(&p, 64);
    }
    subdomain(name, &p, errs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip_errors(value: &str) -> Vec<String> {
        let mut errs = Errs::default();
        validate_ip(value, &Path::new("ip"), &mut errs);
        errs.0.into_iter().map(|e| e.detail).collect()
    }

    #[test]
    fn ips_are_checked_like_the_strict_legacy_parser() {
        assert!(ip_errors("10.9.8.7").is_empty());
        assert!(ip_errors("2001:db8::1.2.3.4").is_empty());
        assert_eq!(
            ip_errors("010.1.1.1"),
            ["\"010.1.1.1\": must not have leading 0s"]
        );
        assert_eq!(
            ip_errors("::ffff:010.1.1.1"),
            ["\"::ffff:010.1.1.1\": must not have leading 0s"]
        );
        assert_eq!(
            ip_errors("::ffff:1.2.3.4"),
            ["\"::ffff:1.2.3.4\": must not be an IPv4-mapped IPv6 address"]
        );
        assert_eq!(
            ip_errors("1.2.3.256"),
            ["\"1.2.3.256\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]
        );
    }

    #[test]
    fn search_domains_may_use_underscores() {
        assert!(matches_subdomain_underscore("_a._b.example"));
        assert!(!matches_subdomain_underscore("-x"));
        assert!(!matches_subdomain_underscore("a..b"));
    }
}
