//! The Pod's resource claims (k/k `pkg/apis/core/validation/validation.go`:
//! `validatePodResourceClaims`, `validatePodResourceClaim`, `gatherPodResourceClaimNames`).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::validate::names::{is_dns1123_label, name_is_dns_subdomain};
use crate::validate::podjson::{go_json_opt, go_json_string, items, opt_text, text};
use crate::validate::{Errs, Path, Val};

/// `validatePodResourceClaims`. A template has no mirror-pod annotation to refuse.
pub(super) fn validate_resource_claims(spec: &Value, path: &Path, errs: &mut Errs) {
    let mut names = BTreeSet::new();
    for (i, claim) in items(spec, "resourceClaims").iter().enumerate() {
        let p = path.index(i);
        let name = text(claim, "name");
        if name.is_empty() {
            errs.required(&p.child("name"), "");
        } else if names.contains(name) {
            errs.duplicate(&p.child("name"), Val::Str(name));
        } else {
            for msg in is_dns1123_label(name) {
                errs.invalid(&p.child("name"), Val::Str(name), &msg);
            }
            names.insert(name);
        }
        let claim_name = opt_text(claim, "resourceClaimName");
        let template_name = opt_text(claim, "resourceClaimTemplateName");
        // The bad value is the internal struct, printed as JSON with Go's field names.
        let whole = || {
            Val::Raw(format!(
                "{{\"Name\":{},\"ResourceClaimName\":{},\"ResourceClaimTemplateName\":{}}}",
                go_json_string(name),
                go_json_opt(claim_name),
                go_json_opt(template_name)
            ))
        };
        if claim_name.is_some() && template_name.is_some() {
            errs.invalid(
                &p,
                whole(),
                "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified",
            );
        }
        if claim_name.is_none() && template_name.is_none() {
            errs.invalid(
                &p,
                whole(),
                "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            );
        }
        for (field, value) in [
            ("resourceClaimName", claim_name),
            ("resourceClaimTemplateName", template_name),
        ] {
            if let Some(value) = value {
                for msg in name_is_dns_subdomain(value, false) {
                    errs.invalid(&p.child(field), Val::Str(value), &msg);
                }
            }
        }
    }
}
