//! The Pod template rules (k/k `pkg/apis/core/validation/validation.go`: `ValidatePodTemplateSpec`,
//! `ValidatePodSpec`). The containers are in [`container`]; the volumes in [`volumes`]; resource
//! claims in [`claims`]; affinity, tolerations, topology spread, gates, node name, runtime class,
//! preemption policy and the OS rules in [`scheduling`]; the Pod security context, sysctls,
//! host namespaces and HostProcess in [`security`]; DNS config, host aliases and
//! `hostnameOverride` in [`dns`].
//!
//! `overhead` and the Pod-level `resources` are in [`pod_resources`].
//!
//! The PVC-name checks of ephemeral volumes need Pod metadata, which a template does not pass,
//! so they never apply to a Job.

#[path = "claims.rs"]
mod claims;
#[path = "container/mod.rs"]
mod container;
pub(crate) use container::prepare_container;
#[path = "dns.rs"]
mod dns;
#[path = "pod_resources.rs"]
mod pod_resources;
#[path = "scheduling.rs"]
mod scheduling;
#[path = "security.rs"]
mod security;
#[path = "volumes/mod.rs"]
mod volumes;

use super::meta::{validate_annotations, validate_labels};
use super::names::{inclusive_range_error, is_dns1123_label, name_is_dns_subdomain};
use super::{Errs, Path, Val};
use crate::api::api::batch::v1::Job;
use crate::api::api::core::v1::{PodSpec, PodTemplateSpec};

/// The Pod template rules that read the effective Job's JSON, for the fields the slim typed
/// model lacks: the volumes, resource claims, containers (regular, init and ephemeral) and the
/// Pod-level areas after them. `ValidateJob` calls this next to
/// [`validate_pod_template_spec`]; the server runs both as one `ValidatePodSpec`. `job_spec` is
/// the path of the Job's spec in the object validated (`spec`, or a CronJob's
/// `spec.jobTemplate.spec`).
pub(super) fn validate_pod_template_json(job: &Job, job_spec: &Path, errs: &mut Errs) {
    let Ok(json) = serde_json::to_value(job) else {
        return;
    };
    let null = serde_json::Value::Null;
    let spec_json = json.pointer("/spec/template/spec").unwrap_or(&null);
    let path = job_spec.child("template").child("spec");
    // Only volumes that validated cleanly may be mounted.
    let clean = volumes::validate_volumes(spec_json, &path.child("volumes"), errs);
    claims::validate_resource_claims(spec_json, &path.child("resourceClaims"), errs);
    let ctx = container::PodContext::new(spec_json, &clean);
    container::validate_pod_containers(spec_json, &ctx, &path, errs);
    validate_pod_spec_json(spec_json, &path, errs);
}

/// The rest of `ValidatePodSpec` that reads the JSON: the Pod-level areas after the containers,
/// in the server's order.
fn validate_pod_spec_json(spec_json: &serde_json::Value, path: &Path, errs: &mut Errs) {
    pod_resources::validate_pod_resources(spec_json, path, errs);
    security::validate_pod_security_context(spec_json, path, errs);
    security::validate_host_namespaces(spec_json, path, errs);
    scheduling::validate_affinity(spec_json, &path.child("affinity"), errs);
    dns::validate_dns_config(spec_json, &path.child("dnsConfig"), errs);
    scheduling::validate_gates(spec_json, path, errs);
    scheduling::validate_topology_spread(spec_json, &path.child("topologySpreadConstraints"), errs);
    security::validate_host_process(spec_json, path, errs);
    security::validate_host_users(spec_json, path, errs);
    dns::validate_hostname_override(spec_json, path, errs);
    scheduling::validate_node_name(spec_json, path, errs);
    scheduling::validate_tolerations(spec_json, &path.child("tolerations"), errs);
    dns::validate_host_aliases(spec_json, &path.child("hostAliases"), errs);
    scheduling::validate_runtime_and_preemption(spec_json, path, errs);
    pod_resources::validate_overhead(spec_json, path, errs);
    scheduling::validate_os(spec_json, path, errs);
}

/// `ValidatePodTemplateSpec`.
pub(super) fn validate_pod_template_spec(template: &PodTemplateSpec, path: &Path, errs: &mut Errs) {
    let meta = template.metadata.as_ref();
    validate_labels(
        meta.and_then(|m| m.labels.as_ref()),
        &path.child("labels"),
        errs,
    );
    validate_annotations(
        meta.and_then(|m| m.annotations.as_ref()),
        &path.child("annotations"),
        errs,
    );
    let default_spec = PodSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    validate_pod_spec(spec, &path.child("spec"), errs);
    if spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        errs.forbidden(
            &path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        );
    }
}

/// `ValidatePodSpec`, in the server's order.
fn validate_pod_spec(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    // The volumes, resource claims, containers and the Pod-level areas the typed model lacks
    // are validated from the JSON ([`validate_pod_template_json`]).
    // The server validates the defaulted spec, and `SetDefaults_PodSpec` (k/k
    // `pkg/apis/core/v1/defaults.go`) turns an empty `restartPolicy` into Always and an empty
    // `dnsPolicy` into ClusterFirst: a Go string cannot tell absent from `""`, so the empty case
    // of `validateRestartPolicy` and `validateDNSPolicy` is never reached on create. Joblab's
    // defaulting keeps an explicit `""`, so it is read here as the server's defaulting leaves it.
    let rp = path.child("restartPolicy");
    match defaulted(spec.restart_policy.as_deref(), "Always") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.required(&rp, ""),
        other => errs.not_supported(&rp, other, &["Always", "OnFailure", "Never"]),
    }
    let dp = path.child("dnsPolicy");
    match defaulted(spec.dns_policy.as_deref(), "ClusterFirst") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.required(&dp, ""),
        other => errs.not_supported(
            &dp,
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        ),
    }
    validate_labels(
        spec.node_selector.as_ref(),
        &path.child("nodeSelector"),
        errs,
    );
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        for msg in name_is_dns_subdomain(sa, false) {
            errs.invalid(&path.child("serviceAccountName"), Val::Str(sa), &msg);
        }
    }
    if let Some(value) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&value) {
            errs.invalid(
                &path.child("activeDeadlineSeconds"),
                Val::Int(value),
                &inclusive_range_error(1, i32::MAX.into()),
            );
        }
    }
    for (field, value) in [
        ("hostname", spec.hostname.as_deref()),
        ("subdomain", spec.subdomain.as_deref()),
    ] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            for msg in is_dns1123_label(v) {
                errs.invalid(&path.child(field), Val::Str(v), &msg);
            }
        }
    }
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        for msg in name_is_dns_subdomain(pc, false) {
            errs.invalid(&path.child("priorityClassName"), Val::Str(pc), &msg);
        }
    }
    // A negative `terminationGracePeriodSeconds` is accepted on create (the oracle agrees); only
    // a missing one is an error, and defaulting always sets it.
}

/// A string field as Go's defaulting leaves it: absent and empty are both the default.
fn defaulted<'a>(value: Option<&'a str>, default: &'a str) -> &'a str {
    match value {
        None | Some("") => default,
        Some(v) => v,
    }
}
