//! The network and cloud disk sources with rules beyond required names (k/k
//! `validateISCSIVolumeSource`, `validateQuobyteVolumeSource`, `validateAzureDisk`,
//! `validateCSIVolumeSource`).

use super::*;

/// `validateISCSIVolumeSource`.
pub(super) fn iscsi(src: &Value, sp: &Path, errs: &mut Errs) {
    if text(src, "targetPortal").is_empty() {
        errs.required(&sp.child("targetPortal"), "");
    }
    let iqn = text(src, "iqn");
    if iqn.is_empty() {
        errs.required(&sp.child("iqn"), "");
    } else if let Some(msg) = initiator_format_error(iqn) {
        errs.invalid(&sp.child("iqn"), Val::Str(iqn), msg);
    }
    let lun = int(src, "lun");
    if !(0..=255).contains(&lun) {
        errs.invalid(
            &sp.child("lun"),
            Val::Int(lun),
            &inclusive_range_error(0, 255),
        );
    }
    if (flag(src, "chapAuthDiscovery") || flag(src, "chapAuthSession"))
        && get(src, "secretRef").is_none()
    {
        errs.required(&sp.child("secretRef"), "");
    }
    if let Some(initiator) = opt_text(src, "initiatorName") {
        if let Some(msg) = initiator_format_error(initiator) {
            errs.invalid(&sp.child("initiatorname"), Val::Str(initiator), msg);
        }
    }
}

/// The iSCSI name rules: an `iqn.YYYY-MM.domain:name`, `eui.` and 16 alphanumerics, or `naa.`
/// and 32.
pub(super) fn initiator_format_error(name: &str) -> Option<&'static str> {
    if !(name.starts_with("iqn") || name.starts_with("eui") || name.starts_with("naa")) {
        return Some("must be valid format starting with iqn, eui, or naa");
    }
    let ok = if name.starts_with("iqn") {
        iqn_matches(name)
    } else {
        let n = if name.starts_with("eui") { 16 } else { 32 };
        let rest: Vec<char> = name.chars().skip(4).collect();
        name.chars().count() == 4 + n && rest.iter().all(char::is_ascii_alphanumeric)
    };
    (!ok).then_some("must be valid format")
}

/// `iscsiInitiatorIqnRegex` (unanchored at the start): `iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$`.
pub(super) fn iqn_matches(name: &str) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|start| {
        let s = &name[start..];
        let Some(rest) = s.strip_prefix("iqn.") else {
            return false;
        };
        let rb = rest.as_bytes();
        if rb.len() < 8
            || !rb[..4].iter().all(u8::is_ascii_digit)
            || rb[4] != b'-'
            || !rb[5..7].iter().all(u8::is_ascii_digit)
            || rb[7] != b'.'
        {
            return false;
        }
        let tail = &rest[8..];
        // The domain part is greedy over `[[:alnum:]-.]`, then `:` and a name without separators
        // runs to the end; any `:` split that satisfies both works.
        tail.char_indices().any(|(i, c)| {
            c == ':'
                && i > 0
                && tail[..i]
                    .chars()
                    .all(|d| d.is_ascii_alphanumeric() || d == '-' || d == '.')
                && tail.len() > i + 1
                && !tail[i + 1..]
                    .chars()
                    .any(|d| ",;*&$|".contains(d) || d.is_whitespace())
        })
    })
}

/// `validateQuobyteVolumeSource`.
pub(super) fn quobyte(src: &Value, sp: &Path, errs: &mut Errs) {
    let registry = text(src, "registry");
    const PAIRS: &str = "must be a host:port pair or multiple pairs separated by commas";
    if registry.is_empty() {
        errs.required(&sp.child("registry"), PAIRS);
    } else if text(src, "tenant").len() >= 65 {
        errs.required(
            &sp.child("tenant"),
            "must be a UUID and may not exceed a length of 64 characters",
        );
    } else {
        for pair in registry.split(',') {
            if !is_host_port(pair) {
                errs.invalid(&sp.child("registry"), Val::Str(registry), PAIRS);
            }
        }
    }
    if text(src, "volume").is_empty() {
        errs.required(&sp.child("volume"), "");
    }
}

/// Whether Go's `net.SplitHostPort` accepts `s`: `host:port` with one colon, or `[host]:port`.
pub(super) fn is_host_port(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        let Some((host, after)) = rest.split_once(']') else {
            return false;
        };
        return !host.contains('[')
            && after.starts_with(':')
            && !after[1..].contains([':', '[', ']']);
    }
    let Some(i) = s.rfind(':') else {
        return false;
    };
    let host = &s[..i];
    let port = &s[i + 1..];
    !host.contains(':') && !host.contains(['[', ']']) && !port.contains(['[', ']'])
}

/// `validateAzureDisk`, with the defaulted kind (`Shared`) and caching mode (`ReadWrite`).
pub(super) fn azure_disk(src: &Value, sp: &Path, errs: &mut Errs) {
    if text(src, "diskName").is_empty() {
        errs.required(&sp.child("diskName"), "");
    }
    let uri = text(src, "diskURI");
    if uri.is_empty() {
        errs.required(&sp.child("diskURI"), "");
    }
    let caching = opt_text(src, "cachingMode").unwrap_or("ReadWrite");
    if !matches!(caching, "None" | "ReadOnly" | "ReadWrite") {
        not_supported_typed(
            errs,
            &sp.child("cachingMode"),
            caching,
            &["None", "ReadOnly", "ReadWrite"],
        );
    }
    let kind = opt_text(src, "kind").unwrap_or("Shared");
    if !matches!(kind, "Dedicated" | "Managed" | "Shared") {
        not_supported_typed(
            errs,
            &sp.child("kind"),
            kind,
            &["Dedicated", "Managed", "Shared"],
        );
    }
    if kind == "Managed" && !uri.starts_with("/subscriptions/") {
        errs.not_supported(
            &sp.child("diskURI"),
            uri,
            &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"],
        );
    }
    if kind != "Managed" && !uri.starts_with("https://") {
        errs.not_supported(
            &sp.child("diskURI"),
            uri,
            &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"],
        );
    }
}

/// `validateCSIVolumeSource`.
pub(super) fn csi(src: &Value, sp: &Path, errs: &mut Errs) {
    let driver = text(src, "driver");
    let dp = sp.child("driver");
    if driver.is_empty() {
        errs.required(&dp, "");
    } else {
        if driver.len() > 63 {
            errs.too_long(&dp, 63);
        }
        for msg in is_dns1123_subdomain(&driver.to_lowercase()) {
            errs.invalid(&dp, Val::Str(driver), &msg);
        }
    }
    if let Some(r) = get(src, "nodePublishSecretRef") {
        let name = text(r, "name");
        if name.is_empty() {
            errs.required(&sp.child("nodePublishSecretRef").child("name"), "");
        } else {
            for msg in name_is_dns_subdomain(name, false) {
                errs.invalid(&sp.child("name"), Val::Str(name), &msg);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iscsi_names_follow_the_upstream_patterns() {
        assert_eq!(
            initiator_format_error("iqn.2001-04.com.example:storage"),
            None
        );
        assert_eq!(
            initiator_format_error("iqn.bad"),
            Some("must be valid format")
        );
        assert_eq!(initiator_format_error("eui.0123456789ABCDEF"), None);
        assert_eq!(
            initiator_format_error("naa.short"),
            Some("must be valid format")
        );
        assert_eq!(
            initiator_format_error("foo"),
            Some("must be valid format starting with iqn, eui, or naa")
        );
    }

    #[test]
    fn registries_are_host_port_pairs() {
        assert!(is_host_port("h:1"));
        assert!(is_host_port("[::1]:2"));
        assert!(!is_host_port("a:b:c"));
        assert!(!is_host_port("host"));
    }
}
